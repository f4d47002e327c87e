"""Checks across the records of one document, written to `issues` for QA."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence, Set
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date

from extract.context import Context
from extract.coverage import LineRef, line_text, number_tokens
from extract.document import Document
from extract.records import (
    Action,
    ActionUpdate,
    IndicatorValue,
    IssueRow,
    Record,
    StatusCount,
)
from normalise.counts import (
    COUNT_ALONE,
    COUNT_CELL,
    COUNT_ROW,
    FIGURES_ROW,
    SHARE_CELL,
)
from normalise.patterns import compiled
from normalise.vocabulary import status_category
from schemas.ranges import DATE_COLUMNS, DATE_WINDOW, NUMBER_RANGES, YEAR_TABLES
from schemas.tables import FACT_TABLES

SCOPE_KINDS = {"actions": "action", "milestones": "milestone"}
# The dates a value may lie between in the run in progress (`reportx extract
# --date-window`), set around each document by its caller (extract/parse.py).
WINDOW: ContextVar[tuple[date, date]] = ContextVar("date_window", default=DATE_WINDOW)
RATED = ("completed", "on_target", "attention", "amendment", "aborted")
GridKey = tuple[str | None, str, str | None]
PERIOD = re.compile(r"^Q(?P<first>[1-4])(?:-Q(?P<last>[1-4]))?$")
# The ranges by table, in the order `schemas/ranges.py` writes them: each
# record is checked against its own table's columns only.
DATE_COLUMNS_OF = {
    table: [c for t, c in DATE_COLUMNS if t == table] for table, _ in DATE_COLUMNS
}
NUMBER_RANGES_OF = {
    table: [(c, bounds) for (t, c), bounds in NUMBER_RANGES.items() if t == table]
    for table, _ in NUMBER_RANGES
}


@dataclass(frozen=True, slots=True)
class Grid:
    """One printed summary grid: its counts by category and where it is."""

    plan: str | None
    scope: str
    period: str | None
    counts: dict[str, int]
    line: int
    page: int | None


def _grids(records: Sequence[Record]) -> list[Grid]:
    found: dict[GridKey, list[StatusCount]] = defaultdict(list)
    for r in records:
        if isinstance(r, StatusCount) and r.scope in SCOPE_KINDS:
            found[(r.plan, r.scope, r.period)].append(r)
    return [
        Grid(
            plan=plan,
            scope=scope,
            period=period,
            counts={r.category: r.count for r in rows if r.count is not None},
            line=min(r.line_start for r in rows),
            page=rows[0].page,
        )
        for (plan, scope, period), rows in found.items()
    ]


def _quarters(period: str | None, ctx: Context) -> tuple[str, ...]:
    """The quarters a grid's period covers: "Q1-Q2" -> Q1, Q2; "FY" -> Q1 … Q4."""
    if period == "FY":
        return ("Q1", "Q2", "Q3", "Q4")
    if period and (m := PERIOD.match(period)):
        first, last = int(m["first"]), int(m["last"] or m["first"])
        return tuple(f"Q{q}" for q in range(first, last + 1))
    return ctx.quarters


def _status(updates: Sequence[ActionUpdate], quarters: Sequence[str]) -> str | None:
    """The item's latest rating in the period; "unmapped" for an unknown symbol."""
    rated = sorted(
        (u for u in updates if u.quarter in quarters and u.rating_symbol),
        key=lambda u: u.quarter,
    )
    if not rated:
        return None
    return rated[-1].rating or "unmapped"


def _describe(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items()) or "none"


def cross_check(
    doc: Document, ctx: Context, records: Sequence[Record]
) -> Iterator[IssueRow]:
    """`summary_mismatch` (info): a summary grid disagrees with the printed ratings.

    samples/002 counts 28 milestones completed over the year while 24 ✓ are printed
    beside them; samples/000's Environment grid counts 3 actions and prints 2.
    """
    updates: dict[str, list[ActionUpdate]] = defaultdict(list)
    for r in records:
        if isinstance(r, ActionUpdate):
            updates[r.item_id].append(r)
    for grid in _grids(records):
        items = [
            r
            for r in records
            if isinstance(r, Action)
            and r.kind == SCOPE_KINDS[grid.scope]
            and r.plan == grid.plan
        ]
        quarters = _quarters(grid.period, ctx)
        statuses = Counter(_status(updates[a.item_id], quarters) for a in items)
        problems = []
        # Compare only when some printed symbol has a rating: symbols QA has not
        # yet mapped (samples/000's "\bigcirc") cannot agree or disagree.
        if any(s not in (None, "unmapped") for s in statuses):
            printed = {c: grid.counts[c] for c in RATED if c in grid.counts}
            beside = {c: statuses.get(c, 0) for c in printed}
            if printed != beside:
                extra = (
                    f"; {statuses['unmapped']} with a symbol not in the symbol map"
                    if statuses.get("unmapped")
                    else ""
                )
                problems.append(
                    f"grid counts {_describe(printed)}, the ratings printed beside "
                    f"the {grid.scope} give {_describe(beside)} "
                    f"({statuses.get(None, 0)} unrated{extra})"
                )
        # A one-quarter grid counts only what was due that quarter (samples/002
        # "Quarter Four": 12 of 32 milestones), so only longer periods are totals.
        total = grid.counts.get("total", sum(grid.counts.values()))
        # "read", not "printed": a table left unread (and reported) prints
        # rows this check never sees.
        if len(quarters) > 1 and total != len(items):
            problems.append(f"grid counts {total} {grid.scope}, {len(items)} read")
        if problems:
            yield IssueRow.at(
                "summary_mismatch",
                doc,
                grid.line,
                f"{grid.plan} {grid.scope} {grid.period}: " + "; ".join(problems),
                page=grid.page,
                severity="info",
            )


# A line of reading-order text this short that holds a figure ("months = 89",
# "0%", "9 (75%)", "110 victims") is a table cell printed on its own line;
# section numbers ("2.1") and dates are not figures.
CELL_CHARS = 40
SECTION_NUMBER = compiled(r"^\d+(?:\.\d+)*\.?$")
# So many such lines make a paper with figures in tables, not in its prose.
MIN_CELL_LINES = 3
SNIPPET = 60


def no_facts(
    doc: Document, records: Sequence[Record], table_numbers: int
) -> Iterator[IssueRow]:
    """`no_facts`: a readable document that gave no fact row.

    A warning when it prints numbers on table-like lines (`table_numbers`, or
    figures on short lines of their own, as reading-order text prints table
    cells): something was there to read, even where prose gave statements.
    Nothing for a narrative report whose figures are statements; info for a
    paper without figures (a letter, an agenda).
    """
    if any(r.table in FACT_TABLES for r in records):
        return
    cell_lines = sum(1 for r in doc.rows if not r.tabbed and _cell_line(r.flat))
    found = []
    if table_numbers:
        found.append(f"{table_numbers} number(s) on table lines")
    if cell_lines >= MIN_CELL_LINES:
        found.append(
            f"{cell_lines} short line(s) with figures (table cells one after "
            "another, not in columns)"
        )
    if found:
        severity, why = "warning", "; ".join(found) + ", none read into a table"
    elif any(r.table == "statements" for r in records):
        return  # a narrative report: its figures are statements
    else:
        severity, why = "info", "no figures in tables"
    yield IssueRow.of(
        "no_facts",
        doc.doc_id,
        f"{doc.source_path}: readable, but no fact row was found: {why}",
        severity=severity,
    )


# Figures of table cells in prose lines that no claim touches, this many lines
# apart at most, are one unread stretch of a table printed without columns.
CELL_GAP = 10


def unread_cells(
    doc: Document,
    cells: Sequence[tuple[int | None, int]],
    claimed: Mapping[LineRef, Set[str]],
    reported: Set[LineRef] = frozenset(),
) -> Iterator[IssueRow]:
    """`unparsed_block` (warning) for each stretch of prose lines that print
    table cells (`cells`: the page and line of every figure the prose reading
    took for a table cell, `pdftotext -raw` prints a row's cells on one line)
    that no recogniser claimed (`claimed`: the lines claims touch, as
    `coverage.claimed_numbers` gives them) or reported as a structure it left
    unread (`reported`): a table whose figures nobody read, even in a document
    that gave other rows. A stray cell or two among sentences is the prose
    coverage's account, not an issue."""
    lines = sorted(
        (
            c
            for c in set(cells) - claimed.keys() - reported
            if not _section_numbers(line_text(doc, *c))
        ),
        key=lambda c: (c[0] or 0, c[1]),
    )
    # A summary grid's row of counts alone on its line is a table's row, as
    # is a line of three or more figures and nothing else but a scope
    # ("0 4 1 0 0", "80% 20% 0%", "Actions 1 7% 4 27% 0 0%"), and a grid's
    # cell under a label wrapped into the paragraph above the grid: a count
    # with its share ("4 (12%)"), or a share under lines naming a status.
    if len(lines) < MIN_CELL_LINES and not any(
        COUNT_ROW.search(text)
        or FIGURES_ROW.match(text)
        or COUNT_CELL.match(text)
        or (SHARE_CELL.match(text) and _under_status(doc, *c))
        for c, text in ((c, line_text(doc, *c)) for c in lines)
    ):
        return
    runs: list[list[tuple[int | None, int]]] = []
    for at in lines:
        last = runs[-1][-1] if runs else None
        if last is not None and last[0] == at[0] and at[1] - last[1] <= CELL_GAP:
            runs[-1].append(at)
        else:
            runs.append([at])
    for run in runs:
        (page, first), last_line = run[0], run[-1][1]
        span = f"{first}-{last_line}" if last_line > first else f"{first}"
        snippet = " ".join(line_text(doc, page, first).split())
        if len(snippet) > SNIPPET:
            snippet = snippet[: SNIPPET - 1] + "…"
        yield IssueRow.at(
            "unparsed_block",
            doc,
            first,
            f"{len(run)} line(s) of table cells printed without columns that no "
            f'recogniser claimed: "{snippet}"',
            page=page,
            span=span,
        )


# How far up a cell's paragraph its label's lines are looked for.
LABEL_LINES = 8


def _under_status(doc: Document, page: int | None, line: int) -> bool:
    """Whether the lines right above a printed line, up to a blank one and
    past the grid's other values there, name a status: a grid's label with
    its values under it ("… requires attention." / "18%", "No Rating" / "2"
    / "10%")."""
    above: list[str] = []
    for k in range(line - 1, max(0, line - 1 - LABEL_LINES), -1):
        text = line_text(doc, page, k).strip()
        if not text:
            break
        if above or not _lone_figure(text):
            above.insert(0, text)
    return bool(above) and status_category(" ".join(above)) is not None


def _lone_figure(text: str) -> bool:
    """A grid's value printed alone: a count, a share or both ("2", "10%",
    "4 (12%)")."""
    return bool(
        COUNT_ALONE.match(text) or COUNT_CELL.match(text) or SHARE_CELL.match(text)
    )


def _section_numbers(text: str) -> bool:
    """A line of section numbers alone ("2 2.1", "6.3"): the numbering cells
    of a narrative report printed as a table, no figures; a row of counts
    ("0 4 1 0 0") is figures."""
    tokens = text.split()
    return (
        0 < len(tokens) <= 2
        and "." in tokens[-1]
        and all(SECTION_NUMBER.match(t) for t in tokens)
    )


def _cell_line(text: str) -> bool:
    return (
        len(text) <= CELL_CHARS
        and not SECTION_NUMBER.match(text)
        and bool(number_tokens(text))
    )


def out_of_range(
    doc: Document,
    records: Sequence[Record],
    window: tuple[date, date] | None = None,
) -> Iterator[IssueRow]:
    """`value_out_of_range` (warning) for a date, year or number outside the
    world it describes (`schemas/ranges.py`; dates in `window`, by default the
    run's WINDOW); the value is kept as printed."""
    window = window or WINDOW.get()
    for r in records:
        for problem in _range_problems(r, window):
            yield IssueRow.at(
                "value_out_of_range",
                doc,
                getattr(r, "line_start", None) or None,
                problem,
                page=getattr(r, "page", None),
                severity="warning",
            )


def _range_problems(r: Record, window: tuple[date, date]) -> Iterator[str]:
    first, last = window
    table = r.table
    for column in DATE_COLUMNS_OF.get(table, ()):
        value = getattr(r, column, None)
        if isinstance(value, date) and not first <= value <= last:
            yield (
                f"{table}.{column} {value.isoformat()} is outside "
                f"{first.isoformat()}..{last.isoformat()}; kept as printed"
            )
    year = getattr(r, "financial_year", None) if table in YEAR_TABLES else None
    if isinstance(year, str) and year[:4].isdigit():
        if not first.year <= int(year[:4]) <= last.year:
            yield (
                f"{table}.financial_year {year} is outside "
                f"{first.year}..{last.year}; kept as printed"
            )
    for column, (low, high) in NUMBER_RANGES_OF.get(table, ()):
        value = getattr(r, column, None)
        if isinstance(value, int | float) and not isinstance(value, bool):
            if (low is not None and value < low) or (high is not None and value > high):
                yield (
                    f"{table}.{column} {value:g} is outside "
                    f"{_bound(low)}..{_bound(high)}; kept as printed"
                )


def _bound(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def relabelled(doc: Document, records: Sequence[Record]) -> Iterator[IssueRow]:
    """`relabelled_value` for each figure of an indicator's reading that a
    reading before it (the same indicator, read at other lines) prints
    under another label, where the two agree on a figure under one label,
    so that they read one row: the later reading's label is in doubt (a
    table printed again as plain cells, read under the neighbouring grid's
    "Quarter 1" where the first printing's header says "Annual Target")."""
    readings: dict[str, dict[tuple[int | None, int, int], list[IndicatorValue]]] = (
        defaultdict(dict)
    )
    for r in records:
        if isinstance(r, IndicatorValue) and r.value is not None:
            at = (r.page, r.line_start, r.line_end)
            readings[r.indicator_id].setdefault(at, []).append(r)
    for places in readings.values():
        ordered = list(places.values())
        for k, later in enumerate(ordered):
            for before in ordered[:k]:
                yield from _relabelled(doc, before, later)


def _label(r: IndicatorValue) -> tuple[str | None, str, str, str]:
    return (r.financial_year, r.period, r.measure, r.unit)


def _relabelled(
    doc: Document, before: list[IndicatorValue], later: list[IndicatorValue]
) -> Iterator[IssueRow]:
    first = {_label(r): r.value for r in before}
    if not any(first.get(_label(r)) == r.value for r in later):
        return
    for r in later:
        if _label(r) in first:
            continue
        other = next((b for b in before if b.value == r.value), None)
        if other is None:
            continue
        yield IssueRow.at(
            "relabelled_value",
            doc,
            r.line_start,
            f"{r.indicator}: {r.value_text} read as {_said(r)} here and as "
            f"{_said(other)} at line {other.line_start}, where the same row's "
            "other figures agree; which label is its own is not certain",
            page=r.page,
            severity="warning",
        )


def _said(r: IndicatorValue) -> str:
    return f"{r.financial_year or ''} {r.period} {r.measure}".strip()
