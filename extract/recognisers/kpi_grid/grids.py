"""The grids of a document: table blocks headed by KPI columns, and tables
printed as HTML inside a cell ("<table> Programme | Annual Target | Q2").
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from extract.blocks import Block, Blocks
from extract.blocks.columns import (
    COMMENTARY_COL,
    LABEL_NUMBERS,
    REFERENCE_COL,
    Column,
    header_columns,
    name_index,
)
from extract.document import Document, Row
from normalise.text import squash
from normalise.years import financial_years_in

# How far above its header a grid's title may print (blank lines counted).
TITLE_ROWS = 3
GRID_TITLE = re.compile(
    r"\b(?:performance|indicators?|kpis?|measures?|outturns?|results|scorecard"
    r"|appendix)\b",
    re.IGNORECASE,
)
COMPARING = re.compile(
    r"\b(?:compared|comparison|against|since|previous|last|from|versus|vs"
    r"|baseline|base|reviewed|review|note|will|by|until|to)\b",
    re.IGNORECASE,
)
# A title is a heading's length, no sentence.
TITLE_WORDS = 12


@dataclass(frozen=True, slots=True)
class GridRow:
    texts: tuple[str, ...]
    row_index: int
    page: int | None
    line_start: int
    line_end: int


@dataclass(frozen=True, slots=True)
class Grid:
    columns: tuple[Column, ...]
    rows: tuple[GridRow, ...]
    # Rows of the document's table (not a table printed as HTML in a cell).
    plain: bool = False
    # The header's labels no column reads ("Year to Date"), by index; not
    # those of commentary ("Comments", "RAG") or references ("Ref").
    unknown: tuple[tuple[int, str], ...] = ()
    # The financial year its title names ("Performance Indicators 2017/18
    # (year end)" over a grid of a 2018/19 report), else None.
    year: str | None = None

    @property
    def name_index(self) -> int:
        return name_index(self.columns)


def _grid_row(row: Row, index: int) -> GridRow:
    return GridRow(row.texts, index, row.page, row.line_start, row.line_end)


def _plain_grids(blocks: Blocks) -> Iterator[Grid]:
    for block in blocks.tables():
        if block.columns is None:
            continue
        body = tuple(
            _grid_row(blocks.rows[i], i)
            for i in block.body
            if i not in blocks.items and blocks.rows[i].tabbed and blocks.rows[i].flat
        )
        yield Grid(
            block.columns,
            body,
            plain=True,
            unknown=_unknown(blocks, block),
            year=_titled_year(blocks, block),
        )


def _titled_year(blocks: Blocks, block: Block) -> str | None:
    """The one financial year a grid's title prints, in the lines just above
    its header: a title of performance figures ("Appendix A - Performance
    Indicators 2017/18 (year end)"), not one comparing years ("… compared
    with 2016/17")."""
    if block.header is None:
        return None
    rows = blocks.rows
    for j in range(block.header - 1, max(-1, block.header - TITLE_ROWS - 1), -1):
        row = rows[j]
        if not row.flat:
            continue
        if len(row.filled) > 1:
            return None
        years = set(financial_years_in(row.flat))
        if not years:
            continue
        if (
            len(years) > 1
            or GRID_TITLE.search(row.flat) is None
            or COMPARING.search(row.flat) is not None
            or len(row.flat.split()) > TITLE_WORDS
            or row.flat.rstrip().endswith(".")
        ):
            return None
        return years.pop()
    return None


def _unknown(blocks: Blocks, block: Block) -> tuple[tuple[int, str], ...]:
    if block.header is None or block.columns is None:
        return ()
    read = {c.index for c in block.columns}
    doc = blocks.doc
    whole = doc.source_format == "txt" and doc.text_form in (None, "tab")
    return tuple(
        (k, label)
        for k, label in enumerate(blocks.rows[block.header].texts)
        if label
        and k not in read
        and not COMMENTARY_COL.match(label)
        and not REFERENCE_COL.match(label)
        and not _fragment(label, whole)
    )


def _fragment(label: str, whole: bool) -> bool:
    """A piece of a wrapped label, or labels run together, that a `-layout`
    header cut or joined: "compared to", "Last year's", "Achieved/", "Target
    Q1". A TAB export prints each label in its cell (`whole`): one naming a
    quarter or year there is a label ("Q2 YTD", "2017/18 Forecast")."""
    return (
        label[:1].islower()
        or label.endswith(("/", "'s", "\u2019s", " to", " of", " and", "-"))
        or (not whole and LABEL_NUMBERS.search(label) is not None)
    )


# Parsing HTML is slow (milliseconds a table) and a series of reports prints
# the same tables again.
@lru_cache(maxsize=256)
def _html_tables(raw: str) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """The cell texts of each row of each table printed as HTML in `raw`."""
    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(raw, "html.parser")
    return tuple(
        tuple(
            tuple(squash(td.get_text(" ")) for td in tr.find_all(["td", "th"]))
            for tr in table.find_all("tr")
        )
        for table in soup.find_all("table")
    )


def _embedded_grids(doc: Document) -> Iterator[Grid]:
    """Tables printed as HTML inside a cell (samples/001 line 36, an action's text)."""
    for i, row in enumerate(doc.rows):
        for cell in row.cells:
            # Most cells hold no markup at all: no need to lower their case.
            if "<" not in cell.raw or "<table" not in cell.raw.lower():
                continue
            for table in _html_tables(cell.raw):
                if not table or (columns := header_columns(table[0])) is None:
                    continue
                body = tuple(
                    GridRow(r, i, cell.page, cell.line_start, cell.line_end)
                    for r in table[1:]
                )
                yield Grid(columns, body)


def grids(blocks: Blocks) -> Iterator[Grid]:
    """Every KPI grid: table blocks first, then tables embedded as HTML."""
    yield from _plain_grids(blocks)
    yield from _embedded_grids(blocks.doc)
