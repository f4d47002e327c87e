"""Counts inside KPI grid cells: one `breakdowns` row per labelled count.

"Q1 - 15 on going cases, 6 closed cases 2 x Council referrals …", "Q1 24
Individuals … reported approx. 120 incidents, … 1 Religion 2 Sexual Orientation",
"Q4 Individuals: 27 Incidents: c.160 Motivation: Race 17 …"; also the rows that
continue a quarter's cell after blank lines ("<p>6 x Self referrals …</p>"),
column-wrapped notes printed without their empty first cell, and list items
printed without tabs below the cell that opens their list ("<ul>" then
"<li>Race – 9</li>"). A count whose label names no category is reported
(`unknown_category`), never dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from extract.blocks import Blocks
from extract.blocks.columns import Column, name_index
from extract.context import Context
from extract.document import Cell, Row
from extract.recognisers.breakdowns import reading_order, run_on
from extract.recognisers.breakdowns.counted import (
    QUARTER_PREFIX,
    counted,
)
from extract.records import Breakdown, IssueRow, Record
from normalise.counts import read_counts
from normalise.indicators import ROLLING_NAME, goes_on, split_indicators
from normalise.patterns import compiled

NAME = "breakdowns"
# A continuation row printed without its empty name cell starts with a note or a
# count in column 0: samples/000 lines 19-25 put Q1's "(1 individual …)" there.
SHIFTED_START = compiled(r"^[(\d]")
# A cell opening with two quarters, "Q1-Q2 – 28 on going cases", "Q1 & Q2:",
# "Quarters 1 & 2 –", "Half year (Q1-Q2)": counts of both together, which are
# no one quarter's. Not "Q1 – 4 on going cases": a bare second figure counts
# as a quarter only before a dash, colon or bracket.
QUARTER_SPAN = compiled(
    r"^\s*(?:half[\s-]*year\s*)?\(?\s*(?:Q|quarters?\s*)(?P<a>[1-4])\s*"
    r"(?:[-\u2013&/+]|to|and)\s*"
    r"(?:(?:Q|quarter\s*)(?P<b>[1-4])\b|(?P<bare>[1-4])(?=\s*(?:[-\u2013:)]|$)))",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Parent:
    """The row a continuation row adds counts to."""

    indicator: str
    quarters: dict[int, str]
    name_at: int


def breakdown_indicator(name_cell: str) -> str | None:
    """The name counts belong to: the one that is not an "Over Time" measure.
    None when that opens with a quarter label: a quarter's text run into the
    name column where a cell was lost to its left ("… </p> <p>Q1 24
    Individuals …"), which names no indicator."""
    names = split_indicators(name_cell)
    counted = [n for n in names if not ROLLING_NAME.search(n)] or names
    if not counted or QUARTER_PREFIX.match(counted[-1]):
        return None
    return counted[-1]


def cell_text(blocks: Blocks, i: int, cell: Cell) -> tuple[str | None, str]:
    """(quarter label, text) of a cell without the parts others claimed (the
    rolling-12-months blocks)."""
    text = blocks.claims.free_text(NAME, i, cell)
    if m := QUARTER_PREFIX.match(text):
        return f"Q{m['q']}", text[m.end() :]
    return None, text


def _header_quarter(columns: Sequence[Column], index: int) -> str | None:
    for column in columns:
        if column.index == index and column.period and column.period.startswith("Q"):
            return column.period
    return None


def _records(
    blocks: Blocks,
    ctx: Context,
    i: int,
    indicator: str,
    quarter: str,
    cell: Cell,
    text: str,
) -> Iterator[Breakdown | IssueRow]:
    counts, ambiguous = read_counts(text)
    if (counts or ambiguous) and not blocks.claims.take_rest(NAME, i, cell):
        return
    read = (counts, ambiguous)
    yield from counted(blocks.doc, ctx, i, indicator, quarter, cell, read)


def _is_continuation(row: Row, name_at: int) -> bool:
    first = row.text_at(name_at)
    return not first or SHIFTED_START.match(first) is not None


def _continued(
    blocks: Blocks, ctx: Context, i: int, row: Row, parent: Parent
) -> Iterator[Breakdown | IssueRow]:
    """Counts of a row that continues `parent`'s quarter cells."""
    shift = 1 if row.text_at(parent.name_at) else 0
    for cell in row.cells:
        if quarter := parent.quarters.get(cell.column + shift):
            yield from _records(
                blocks,
                ctx,
                i,
                parent.indicator,
                quarter,
                cell,
                cell_text(blocks, i, cell)[1],
            )


def _first_row(
    blocks: Blocks, ctx: Context, i: int, row: Row, columns: Sequence[Column]
) -> tuple[list[Breakdown | IssueRow], Parent | None]:
    """Counts of an indicator's row, and the parent its continuation rows add to."""
    name_at = name_index(columns)
    name_cell = row.cell(name_at)
    indicator = breakdown_indicator(name_cell.text) if name_cell else None
    if indicator is None or goes_on(name_cell.text if name_cell else ""):
        return [], None
    out: list[Breakdown | IssueRow] = []
    parent: Parent | None = None
    quarters: dict[int, str] = {}
    for cell in row.cells:
        if cell.column == name_at:
            continue
        header = _header_quarter(columns, cell.column)
        if header is None and "Q" not in cell.flat and "q" not in cell.flat:
            # No quarter column and no quarter label to open the cell.
            continue
        if span := _span(blocks.claims.free_text(NAME, i, cell)):
            out.append(_span_unread(blocks, indicator, cell, span))
            continue
        label, text = cell_text(blocks, i, cell)
        quarter = label or header
        if quarter is None:
            continue
        quarters[cell.column] = quarter
        for found in _records(blocks, ctx, i, indicator, quarter, cell, text):
            if isinstance(found, Breakdown):
                parent = Parent(indicator, quarters, name_at)
            out.append(found)
    return out, parent


def _span(text: str) -> re.Match[str] | None:
    """The two quarters opening a cell of counts of both (`QUARTER_SPAN`),
    the first before the second ("Q4 - 1 -" is none)."""
    m = QUARTER_SPAN.match(text)
    return m if m and int(m["a"]) < int(m["b"] or m["bare"]) else None


def _span_unread(
    blocks: Blocks, indicator: str, cell: Cell, span: re.Match[str]
) -> IssueRow:
    """The issue of a cell of counts for two quarters together, left unread."""
    blocks.claims.report(cell.page, cell.line_start, cell.line_end)
    return IssueRow.at(
        "unparsed_block",
        blocks.doc,
        cell.line_start,
        f"{indicator}: counts of Q{span['a']} to Q{span['b'] or span['bare']} "
        f"together, no one quarter's; not read: {cell.flat[:60]!r}",
        page=cell.page,
    )


def _found(blocks: Blocks, ctx: Context) -> Iterator[Breakdown | IssueRow]:
    """Counts of every table block; a table that goes on after blank lines
    keeps the columns and the row it continues."""
    columns: tuple[Column, ...] | None = None
    parent: Parent | None = None
    previous: int | None = None
    for block in blocks.tables():
        if block.header is not None:
            columns, parent = block.columns, None
        elif block.follows is None or block.follows != previous:
            columns, parent = None, None
        previous = block.index
        for i in block.body:
            row = blocks.rows[i]
            if i in blocks.items:
                continue
            if not row.tabbed:
                # A theme printed as prose inside a grid does not end it.
                if row.flat:
                    parent = None
                continue
            if columns is None:
                continue
            if _is_continuation(row, name_index(columns)):
                if parent is not None:
                    yield from _continued(blocks, ctx, i, row, parent)
            else:
                found, parent = _first_row(blocks, ctx, i, row, columns)
                yield from found


def recognise(blocks: Blocks, ctx: Context) -> Iterator[Record]:
    """Every labelled count in printed order; a count printed twice is found
    twice, and the pipeline's key check (`extract.keys`) keeps the first.
    Tables printed in reading order are read for cells of counts too."""
    yield from _found(blocks, ctx)
    yield from reading_order.read(blocks, ctx, NAME)
    yield from run_on.read(blocks, ctx, NAME)
