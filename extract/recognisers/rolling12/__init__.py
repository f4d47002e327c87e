"""Quarter blocks of rolling twelve-month totals.

"Q1 (24.07.17) Previous 12 months = 5,673 Last 12 months = 6,506 Change Over 12
Months = 15% increase (833) For information only, data provided by Staffs
Police."; also "= - 10% reduction (-321)", "12% Increase (11)", "8% (222)" and
"12%" alone.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta

from extract.blocks import Blocks
from extract.context import Context
from extract.document import Cell, Document, Row
from extract.recognisers.rolling12 import (
    arithmetic,
    quarter_blocks,
    reading_order,
    run_on,
    stacked,
)
from extract.recognisers.rolling12.quarter_blocks import (
    ANCHOR,
    DIRECTIONS,
    Found,
    blocks_in,
    change_problems,
)
from extract.records import IssueRow, Record, RepairRow, Rolling12
from normalise.dates import parse_date, repair_date
from normalise.indicators import rolling_indicator, slug, split_indicators
from normalise.numbers import parse_int, parse_number
from normalise.repair import Repair
from normalise.vocabulary import FINANCIAL_YEAR
from normalise.years import financial_year, period_end, year_of_quarter_report

NAME = "rolling_12_months"
# A quarter's label with its year: "Quarter 4 2017/18", "Q1 (2018/19)",
# "Qtr 2 - 2018-19".
QUARTER_YEAR = re.compile(
    rf"^\s*(?:quarter|qtr|q)\s*[1-4]\s*[-\u2013,(]?\s*(?P<year>{FINANCIAL_YEAR})\s*\)?\s*$",
    re.IGNORECASE,
)
# How long a quarter is, and how long after its end its figures may be dated.
QUARTER_DAYS = 92
REPORTED_WITHIN_DAYS = 183
SNIPPET = 60
# A change's caption left in a block's note: its figure was not read.
CHANGE_CAPTION = re.compile(r"\bchange\b", re.IGNORECASE)


def _blocks(blocks: Blocks) -> tuple[list[Found], list[Cell], list[Found]]:
    """The blocks of the rolling indicators' cells (each claimed), the cells too
    slow to scan, and blocks under a name that is no rolling indicator."""
    found: list[Found] = []
    timed_out: list[Cell] = []
    stray: list[Found] = []
    joined: dict[int, Row] = {}
    below: dict[int, list[int]] = {}
    for first, rest, row in stacked.stacks(blocks):
        joined[first], below[first] = row, rest
    gone = {i for rest in below.values() for i in rest}
    for table in blocks.tables():
        for i in table.rows:
            if i in gone:
                continue
            row = joined.get(i) or blocks.doc.rows[i]
            if not row.tabbed or not row.cells:
                continue
            indicator: str | None = None
            named = False
            for cell in row.cells[1:]:
                # Paragraphs joined: a block may be spread over several <p>.
                try:
                    printed = blocks_in(cell.reading)
                except TimeoutError:
                    timed_out.append(cell)
                    continue
                spans = tuple((b.start, b.end) for b in printed)
                if not spans or not blocks.claims.take_spans(NAME, i, cell, spans):
                    continue
                if not named:
                    # Most rows hold no block: their names are not read. A
                    # first cell that is a quarter block itself is no name:
                    # a row of quarter cells whose name is printed elsewhere.
                    indicator = _name_cell(row.cells[0])
                    named = True
                into = found if indicator else stray
                into.extend(Found(b, cell, indicator or "", i) for b in printed)
                for j in below.get(i, ()):
                    # The rows that went on with this cell's blocks.
                    blocks.claims.take_cell(
                        NAME, j, blocks.doc.rows[j].cells[cell.column]
                    )
    return found, timed_out, stray


def _name_cell(cell: Cell) -> str | None:
    """The rolling indicator a row's first cell names; None when it prints a
    quarter block, or opens with a dated quarter label as one does ("Q1
    (24.07.17) Previous 12 months 3,235 …", its "=" wrapped away)."""
    try:
        if blocks_in(cell.reading):
            return None
    except TimeoutError:
        return None
    opening = ANCHOR.match(cell.reading.lstrip())
    if opening is not None and (
        opening["date"] or opening["worded"] or opening["bare"]
    ):
        return None
    return rolling_indicator(split_indicators(cell.text))


def _signed(raw: str | None) -> tuple[float | None, Repair | None]:
    if raw is None:
        return None, None
    return parse_number(raw)


def _repair_row(doc: Document, found: Found, column: str, fix: Repair) -> RepairRow:
    return RepairRow.of(
        doc.doc_id, NAME, column, fix, page=found.cell.page, line=found.cell.line_start
    )


def _issue(doc: Document, cell: Cell, severity: str, code: str, msg: str) -> IssueRow:
    return IssueRow.at(
        code, doc, cell.line_start, msg, page=cell.page, severity=severity
    )


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[:SNIPPET] + "…"


def _timed_out(doc: Document, cell: Cell) -> IssueRow:
    """`unparsed_block` for a cell the patterns could not get through in time."""
    return _issue(
        doc,
        cell,
        "warning",
        "unparsed_block",
        f"quarter blocks not read: searching this cell of {len(cell.flat)} "
        f"characters took over {quarter_blocks.MATCH_TIMEOUT:g} s: "
        f'"{_snippet(cell.flat)}"',
    )


def recognise(blocks: Blocks, ctx: Context) -> Iterator[Record]:
    doc = blocks.doc
    found, timed_out, stray = _blocks(blocks)
    in_order, doubtful = reading_order.read(blocks, NAME)
    found += in_order
    found += run_on.read(blocks, NAME)
    found += arithmetic.read(blocks, NAME)
    for cell in timed_out:
        yield _timed_out(doc, cell)
    unread = [(f, "under a name that is no rolling indicator") for f in stray]
    unread += doubtful
    for f, why in unread:
        printed = _snippet(f.cell.reading[f.block.start : f.block.end])
        yield _issue(
            doc,
            f.cell,
            "warning",
            "unparsed_block",
            f"{f.quarter} block of rolling 12-month totals {why}; not read: "
            f"{printed!r}",
        )
    by_quarter: dict[str, list[date]] = defaultdict(list)
    for f in found:
        if f.block.date and (d := parse_date(f.block.date)) is not None:
            by_quarter[f.quarter].append(d)
    years = _column_years(blocks)
    for f in found:
        yield from _record(doc, ctx, f, by_quarter, years)


def _dated_in(as_of: date, year: str, quarter: str) -> bool:
    """Whether a block dated `as_of` can be `quarter` of `year`: dated in the
    quarter or in the half year after it (figures are reported in the
    weeks after a quarter ends, or late in its last month)."""
    end = period_end(year, quarter)
    if end is None:
        return True
    return (
        end - timedelta(days=QUARTER_DAYS)
        <= as_of
        <= end + timedelta(days=REPORTED_WITHIN_DAYS)
    )


def _column_years(blocks: Blocks) -> dict[tuple[int, int], str]:
    """The financial year a table's header prints with each column's quarter
    ("Quarter 4 2017/18", "Q1 (2018/19)"), over the cells of its rows, by row
    and column. Not a year compared with ("Quarter 1 (vs 2016/17)")."""
    out: dict[tuple[int, int], str] = {}
    for table in blocks.tables():
        if table.header is None:
            continue
        years = {
            k: year
            for k, label in enumerate(blocks.rows[table.header].texts)
            if (m := QUARTER_YEAR.match(label))
            and (year := financial_year(m["year"])[0])
        }
        if years:
            out.update(((i, k), year) for i in table.body for k, year in years.items())
    return out


def _as_of(
    doc: Document, f: Found, evidence: list[date]
) -> tuple[date | None, list[Record]]:
    """The block's date, repaired against the other dates of its quarter if need be,
    with the repair and any issue to log."""
    raw = f.block.date
    if not raw:
        return None, []
    as_of, fix = repair_date(raw, evidence)
    logged: list[Record] = []
    if fix is not None:
        logged.append(_repair_row(doc, f, "as_of_date", fix))
        if as_of is None:
            logged.append(
                _issue(
                    doc,
                    f.cell,
                    "warning",
                    "ambiguous_repair",
                    f'date "{raw}" is impossible; candidates '
                    f"{', '.join(fix.alternatives) or 'none'} and no "
                    f"other {f.quarter} date decides between "
                    "them",
                )
            )
    elif as_of is None:
        logged.append(
            _issue(
                doc,
                f.cell,
                "warning",
                "bad_date",
                f'date "{raw}" is not a dd.mm.yy date',
            )
        )
    return as_of, logged


def _record(
    doc: Document,
    ctx: Context,
    f: Found,
    by_quarter: dict[str, list[date]],
    column_years: dict[tuple[int, int], str],
) -> Iterator[Record]:
    b = f.block
    quarter = f.quarter
    as_of, logged = _as_of(doc, f, by_quarter[quarter])
    yield from logged
    previous = parse_int(b.previous) if b.previous else None
    last = parse_int(b.last) if b.last else None
    pct, pct_fix = _signed(b.pct)
    change, abs_fix = _signed(b.change)
    if b.no_change:
        pct, change = 0.0, 0.0
    direction = DIRECTIONS.get((b.direction or "").lower())
    for column, fix in (("change_pct", pct_fix), ("change_abs", abs_fix)):
        if fix is not None:
            yield _repair_row(doc, f, column, fix)
    if direction == "reduction":
        for column, value in (("change_pct", pct), ("change_abs", change)):
            if value is not None and value > 0:
                yield _repair_row(
                    doc,
                    f,
                    column,
                    Repair(
                        raw=f"{value:g}",
                        repaired=f"{-value:g}",
                        rule="sign_from_direction",
                        confidence=0.9,
                    ),
                )
        pct = -abs(pct) if pct is not None else None
        change = -abs(change) if change is not None else None
    yield from _figure_issues(doc, f, previous, last)
    if previous is not None and last is not None:
        yield from _consistency(doc, f, previous, last, pct, change, direction)
    indicator = " ".join(f.indicator.split())
    # The year its column's label prints ("Quarter 4 2017/18" in a 2018/19
    # report), else the report's, else the one its date falls in.
    headed = column_years.get((f.row_index, f.cell.column))
    dated = year_of_quarter_report(quarter, as_of) if as_of else None
    printed = headed or ctx.financial_year
    year = printed or dated
    if as_of and printed and not _dated_in(as_of, printed, quarter):
        # A typo ("19.01.17" among the dates of 2017/18) or a block of
        # another year: which cannot be told.
        yield _issue(
            doc,
            f.cell,
            "warning",
            "inconsistent_date",
            f"{quarter} block dated {b.date} falls in "
            f"{dated or 'no financial year near it'}, but its "
            f"{'column' if headed else 'report'} gives {year}; kept as {year}",
        )
    yield Rolling12(
        doc_id=doc.doc_id,
        plan=ctx.plan(f.row_index),
        theme=ctx.theme(f.row_index),
        indicator=indicator,
        indicator_id=slug(indicator),
        financial_year=year,
        quarter=quarter,
        as_of_date=as_of,
        as_of_date_raw=b.date,
        previous_12_months=previous,
        last_12_months=last,
        change_pct=pct,
        change_abs=int(change) if change is not None else None,
        direction=direction,
        note=b.note,
        page=f.cell.page,
        line_start=f.cell.line_start,
        line_end=f.cell.line_end,
    )


def _figure_issues(
    doc: Document, f: Found, previous: int | None, last: int | None
) -> Iterator[IssueRow]:
    """A total that is missing: the block is kept, QA told. (A total below zero
    is a range check, `schemas/ranges.py`.)"""
    where = f"{f.quarter} {' '.join(f.indicator.split())}"
    for label, raw, value in (
        ("Previous 12 months", f.block.previous, previous),
        ("Last 12 months", f.block.last, last),
    ):
        if value is None:
            yield _issue(
                doc,
                f.cell,
                "warning",
                "unreadable_value",
                f"{where}: {label} prints no figure ({raw or 'nothing'!r}); "
                "written as null",
            )
    b = f.block
    if (
        b.pct is None
        and b.change is None
        and not b.no_change
        and b.note
        and CHANGE_CAPTION.search(b.note)
    ):
        yield _issue(
            doc,
            f.cell,
            "warning",
            "unreadable_value",
            f"{where}: a change over 12 months is printed but no figure of it "
            f"could be read ({_snippet(b.note)!r}); change_pct and change_abs "
            "written as null",
        )


def _consistency(
    doc: Document,
    f: Found,
    previous: int,
    last: int,
    pct: float | None,
    change: float | None,
    direction: str | None,
) -> Iterator[IssueRow]:
    """`inconsistent_change` when the printed change does not follow from the totals."""
    if problems := change_problems(previous, last, pct, change, direction):
        yield _issue(
            doc,
            f.cell,
            "warning",
            "inconsistent_change",
            f"{f.quarter} {f.indicator}: " + "; ".join(problems),
        )
