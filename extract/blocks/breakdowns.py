"""Counts inside KPI grid cells: one `breakdowns` row per labelled count.

"Q1 - 15 on going cases, 6 closed cases 2 x Council referrals …", "Q1 24
Individuals … reported approx. 120 incidents, … 1 Religion 2 Sexual Orientation",
"Q4 Individuals: 27 Incidents: c.160 Motivation: Race 17 …"; also the rows that
continue a quarter's cell after blank lines ("<p>6 x Self referrals …</p>") and
column-wrapped notes printed without their empty first cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from extract.blocks.headings import is_header
from extract.blocks.kpi_grid import Column, header_columns
from extract.blocks.rolling12 import BLOCK
from extract.context import Context
from extract.document import Cell, Document, Row
from extract.records import Breakdown, IssueRow, Record
from normalise.counts import Count, counts_in
from normalise.indicators import slug, split_indicators

NAME = "breakdowns"
QUARTER_PREFIX = re.compile(r"^\s*Q(?P<q>[1-4])\b\s*[-\u2013:]?\s*")
ROLLING_NAME = re.compile(r"over\s+time|variation", re.IGNORECASE)
# A continuation row printed without its empty name cell starts with a note or a
# count in column 0: seeds/000 lines 19-25 put Q1's "(1 individual …)" there.
SHIFTED_START = re.compile(r"^[(\d]")


@dataclass(frozen=True, slots=True)
class Parent:
    """The row a continuation row adds counts to."""

    indicator: str
    quarters: dict[int, str]


def breakdown_indicator(name_cell: str) -> str | None:
    """The name counts belong to: the one that is not an "Over Time" measure."""
    names = split_indicators(name_cell)
    counted = [n for n in names if not ROLLING_NAME.search(n)] or names
    return counted[-1] if counted else None


def cell_text(cell: Cell) -> tuple[str | None, str]:
    """(quarter label, text) of a cell with its rolling-12-months blocks removed."""
    text = " ".join(" ".join(BLOCK.sub(" ", p).split()) for p in cell.paragraphs)
    if m := QUARTER_PREFIX.match(text):
        return f"Q{m['q']}", text[m.end():]
    return None, text


def _header_quarter(columns: Sequence[Column], index: int) -> str | None:
    for column in columns:
        if column.index == index and column.period and column.period.startswith("Q"):
            return column.period
    return None


def _record(doc: Document, ctx: Context, i: int, indicator: str, quarter: str,
            cell: Cell, count: Count) -> Breakdown:
    return Breakdown(
        doc_id=doc.doc_id, plan=ctx.plan(i), indicator=indicator,
        indicator_id=slug(indicator), financial_year=ctx.financial_year,
        period=quarter, dimension=count.dimension, category=count.category,
        count=count.count, approx=count.approx, value_text=count.text, page=cell.page,
        line_start=cell.line_start, line_end=cell.line_end)


def _is_continuation(row: Row) -> bool:
    first = row.text_at(0)
    return not first or SHIFTED_START.match(first) is not None


def _continued(doc: Document, ctx: Context, i: int, row: Row,
               parent: Parent) -> Iterator[Breakdown]:
    """Counts of a row that continues `parent`'s quarter cells."""
    shift = 1 if row.text_at(0) else 0
    for cell in row.cells:
        if quarter := parent.quarters.get(cell.column + shift):
            for count in counts_in(cell_text(cell)[1]):
                yield _record(doc, ctx, i, parent.indicator, quarter, cell, count)


def _found(doc: Document, ctx: Context) -> Iterator[Breakdown]:
    columns: tuple[Column, ...] | None = None
    parent: Parent | None = None
    for i, row in enumerate(doc.rows):
        if not row.tabbed:
            if row.flat:
                columns, parent = None, None
            continue
        if (found := header_columns(row.texts)) is not None or is_header(row):
            columns, parent = found, None
            continue
        if columns is None:
            continue
        if _is_continuation(row):
            if parent is not None:
                yield from _continued(doc, ctx, i, row, parent)
            continue
        parent = None
        indicator = breakdown_indicator(row.cells[0].text)
        if indicator is None:
            continue
        quarters: dict[int, str] = {}
        for cell in row.cells[1:]:
            label, text = cell_text(cell)
            quarter = label or _header_quarter(columns, cell.column)
            if quarter is None:
                continue
            quarters[cell.column] = quarter
            for count in counts_in(text):
                parent = Parent(indicator, quarters)
                yield _record(doc, ctx, i, indicator, quarter, cell, count)


def recognise(doc: Document, ctx: Context) -> Iterator[Record]:
    kept: dict[tuple[str, str | None, str, str, str], Breakdown] = {}
    for b in _found(doc, ctx):
        key = (b.indicator_id, b.financial_year, b.period, b.dimension, b.category)
        if key not in kept:
            kept[key] = b
            yield b
        elif kept[key].count != b.count:
            yield IssueRow(
                doc_id=doc.doc_id, severity="warning", code="conflicting_values",
                message=f"{doc.source_path}:{b.line_start}: {b.indicator} {b.period} "
                        f"{b.category} is {b.value_text!r} here but "
                        f"{kept[key].value_text!r} at line {kept[key].line_start}",
                page=b.page, line=b.line_start)
