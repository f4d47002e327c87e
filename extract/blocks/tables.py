"""Table rows as the block stage reads them: where a table's rows go on past
lines printed without tabs, and list items put back in the cell that opens them.

A theme or section printed as prose between a header and its rows, or a page
header or footer, does not end a table when a row of that table follows it; a
blank line alone does (samples/000 lines 19-25 follow a blank line with a
column-wrapped note whose first cell is no name).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.blocks.columns import Column, name_index, squashed_header_columns
from extract.document import Cell, Row
from extract.layout.headers import is_header
from normalise.text import strip_html

# Lines between a grid's rows that do not end it: a theme or section printed as
# prose, a page header or footer. More than this, or a longer line, is prose.
MAX_GAP_LINES = 3
GAP_LINE_CHARS = 200
DIGIT = re.compile(r"\d")
# A list opened in a table cell and its items printed on the lines below without
# tabs ("…incidents.</p> <ul>" then "<li>Race – 9</li>" … "</ul>"): the items
# belong to that cell, not to prose between rows.
LIST_TAG = re.compile(r"<(?P<close>/)?[uo]l\b", re.IGNORECASE)
LIST_LINE = re.compile(r"^\s*(?:<li\b|</[uo]l\s*>)", re.IGNORECASE)


def is_new_header(row: Row) -> bool:
    return is_header(row) or squashed_header_columns(row.texts) is not None


def is_data_row(row: Row, columns: Sequence[Column]) -> bool:
    """A tabbed row with a name and a number under a value or commentary column."""
    if not row.tabbed or not row.text_at(name_index(columns)) or is_new_header(row):
        return False
    return any(
        DIGIT.search(row.text_at(c.index))
        for c in columns
        if c.kind in ("value", "commentary")
    )


def gap_end(rows: Sequence[Row], i: int, columns: Sequence[Column]) -> int | None:
    """Where the grid resumes after the untabbed lines from `rows[i]`, or None.

    A theme or section printed as prose between a header and its rows
    ("Cleaner and safer environments: Striving for …" without tabs), or a page
    header or footer, does not end a grid when a row of that grid follows it.
    """
    prose = 0
    for j in range(i, len(rows)):
        row = rows[j]
        if row.tabbed and row.flat:
            # Blank lines alone end a grid: samples/000 lines 19-25 follow a blank
            # line with a column-wrapped note whose first cell is no name.
            return j if prose and is_data_row(row, columns) else None
        if not row.flat:
            continue
        prose += 1
        if prose > MAX_GAP_LINES or len(row.flat) > GAP_LINE_CHARS:
            return None
    return None


def _open_lists(raw: str) -> int:
    """How many lists `raw` opens and leaves open ("<ul>" after a paragraph: 1)."""
    if "<" not in raw:
        return 0
    return sum(-1 if m["close"] else 1 for m in LIST_TAG.finditer(raw))


def _with_items(row: Row, cell: Cell, items: Sequence[Row]) -> Row:
    raw = "\n".join([cell.raw, *(item.cells[0].raw for item in items)])
    end = items[-1].line_end
    joined = Cell(raw, strip_html(raw), cell.column, cell.page, cell.line_start, end)
    cells = tuple(joined if c is cell else c for c in row.cells)
    return Row(cells, row.page, row.line_start, end, row.tabbed, row.wrapped)


def list_rows(rows: Sequence[Row]) -> tuple[tuple[Row, ...], frozenset[int]]:
    """`rows` with list items printed without tabs put back in their cell, and
    the indices of the item lines so taken (left as blank rows, so row indices,
    which plans and themes are looked up by, stay those of the document).

    Only while the row's last non-empty cell has a list open, and only lines
    that are list items or its end: "<li>Race – 9</li>", "</ul>".
    """
    out = list(rows)
    taken: set[int] = set()
    for i, row in enumerate(rows):
        if not row.tabbed or not row.filled or i in taken:
            continue
        cell = row.filled[-1]
        depth = _open_lists(cell.raw)
        j = i + 1
        while depth > 0 and j < len(rows):
            line = rows[j]
            if line.tabbed or len(line.cells) != 1:
                break
            if not LIST_LINE.match(line.cells[0].raw):
                break
            depth += _open_lists(line.cells[0].raw)
            j += 1
        if j > i + 1:
            out[i] = _with_items(row, cell, rows[i + 1 : j])
            for k in range(i + 1, j):
                taken.add(k)
                out[k] = Row(
                    (), rows[k].page, rows[k].line_start, rows[k].line_end, False
                )
    return tuple(out), frozenset(taken)
