"""HTML tables in reading-order paragraphs: a cell that held a whole table as
HTML ("<table> <tr> <th>Programme</th> <th>Annual Target</th> <th>Q2</th>
…", samples/001 line 36) comes out of pdftotext without -layout wrapped over
lines that follow each other (samples/text/001_4e0ea328a26b8980-plain.txt
lines 97-113). Its tags still say which cell is which column, so it is read
as the TAB export reads it, when its lines from "<table" to "</table>" follow
each other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from extract.blocks import Blocks
from extract.blocks.columns import header_columns
from extract.document import Row
from extract.recognisers.kpi_grid.grids import Grid, GridRow, _html_tables
from extract.recognisers.kpi_grid.reading_order import Reading
from normalise.patterns import compiled

TABLE = compiled(r"<table\b.*?</table\s*>", re.IGNORECASE | re.DOTALL)


def readings(blocks: Blocks, name: str) -> Iterator[Reading]:
    """Every row of every whole HTML table in a reading-order table."""
    rows = blocks.doc.rows
    for block in blocks.tables():
        if not block.reading_order:
            continue
        for i in block.rows:
            raw = _raw(rows[i])
            if "<" in raw and "<table" in raw.lower():
                yield from _table_readings(blocks, name, i)


def _raw(row: Row) -> str:
    """A row's printed text (its cells' text is read with the tags out)."""
    return " ".join(c.raw for c in row.cells)


def _table_readings(blocks: Blocks, name: str, start: int) -> Iterator[Reading]:
    """The rows of the table opening on `rows[start]`, when the lines from
    there to its "</table>" follow each other without a blank line."""
    rows = blocks.doc.rows
    lines = []
    raw = ""
    for i in range(start, len(rows)):
        if not rows[i].flat and not _raw(rows[i]).strip():
            return
        lines.append(i)
        raw += _raw(rows[i]) + " "
        if (m := TABLE.search(raw)) is not None:
            break
    else:
        return
    if any(blocks.claims.held_by_others(name, i) for i in lines):
        return
    page = rows[start].page
    on_page = [rows[i] for i in lines if rows[i].page == page]
    first = min(r.line_start for r in on_page)
    last = max(r.line_end for r in on_page)
    for table in _html_tables(m.group()):
        if not table or (columns := header_columns(table[0])) is None:
            continue
        for texts in table[1:]:
            row = GridRow(texts, start, page, first, last)
            # Unclaimed, as `grids` leaves a table in a TAB cell: the cell is
            # an action's, which stays reported until its text is read.
            yield Reading(Grid(columns, (row,)), row, frozenset(), ())
