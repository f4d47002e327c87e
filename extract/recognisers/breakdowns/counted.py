"""Counts as rows: one `breakdowns` row per labelled count, and the issues of
counts whose label names no category or several.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from extract.context import Context
from extract.document import Cell, Document
from extract.records import Breakdown, IssueRow
from normalise.counts import Ambiguous, Count
from normalise.indicators import slug
from normalise.patterns import compiled

# "Q1 - 15 on going cases", "Quarter 2: …": the quarter a cell of counts opens with.
QUARTER_PREFIX = compiled(
    r"^\s*(?:Q|quarter\s*)(?P<q>[1-4])\b\s*[-\u2013:]?\s*", re.IGNORECASE
)


def counted(
    doc: Document,
    ctx: Context,
    i: int,
    indicator: str,
    quarter: str,
    cell: Cell,
    read: tuple[list[Count], list[Ambiguous]],
) -> Iterator[Breakdown | IssueRow]:
    """The rows and issues of the counts a cell prints for `indicator`."""
    counts, ambiguous = read
    for count in counts:
        yield _record(doc, ctx, i, indicator, quarter, cell, count)
        if count.inferred:
            yield _inferred(doc, indicator, quarter, cell, count)
    for label in ambiguous:
        yield _ambiguous(doc, indicator, quarter, cell, label)


def _ambiguous(
    doc: Document, indicator: str, quarter: str, cell: Cell, label: Ambiguous
) -> IssueRow:
    if label.again:
        code = "ambiguous_category"
        said = (
            f"names {label.again} again, with another count or label than the "
            "first; which is the category's cannot be told"
        )
    elif label.candidates:
        code = "ambiguous_category"
        said = f"could be {' or '.join(label.candidates)}"
    else:
        # "2 escalated" among case counts: the contract's list has no such
        # category, and QA must see the count rather than lose it.
        code, said = "unknown_category", "names no known category"
    return IssueRow.at(
        code,
        doc,
        cell.line_start,
        f"{indicator} {quarter} {label.text!r} {said}; not counted",
        page=cell.page,
        severity="warning",
    )


def _inferred(
    doc: Document, indicator: str, quarter: str, cell: Cell, count: Count
) -> IssueRow:
    return IssueRow.at(
        "unknown_category",
        doc,
        cell.line_start,
        f"{indicator} {quarter} {count.text!r} names no listed "
        f"{count.dimension}; counted as {count.category}",
        page=cell.page,
        severity="info",
    )


def _record(
    doc: Document,
    ctx: Context,
    i: int,
    indicator: str,
    quarter: str,
    cell: Cell,
    count: Count,
) -> Breakdown:
    return Breakdown(
        doc_id=doc.doc_id,
        plan=ctx.plan(i),
        indicator=indicator,
        indicator_id=slug(indicator),
        financial_year=ctx.financial_year,
        period=quarter,
        dimension=count.dimension,
        category=count.category,
        count=count.count,
        approx=count.approx,
        value_text=count.text,
        page=cell.page,
        line_start=cell.line_start,
        line_end=cell.line_end,
    )
