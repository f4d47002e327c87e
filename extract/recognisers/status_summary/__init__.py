"""Summary grids: how many actions or milestones are in each status.

Three printed layouts: a counts row then a percents row ("0 | 4 | 1" over
"0% | 80% | 20%"); "0 0%" in one cell; "9 (75%)" with a TOTAL column. Labels
may start on the line above ("No Rating", "TOTAL"); a grid may label its rows
("Performance Indicators | - | - …", "Actions | 0 0% | 2 100% …").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from itertools import chain, groupby
from operator import itemgetter

from extract.blocks import Blocks
from extract.context import Context
from extract.document import Document, Row
from extract.recognisers.status_summary import reading_order, run_on
from extract.recognisers.status_summary.printed import (
    Value,
    after_latest,
    grid_period,
    label_row,
    named_period,
    prints_counts,
    read_value,
    read_values,
    row_period,
    scope_in_force,
    shares_only,
    titled_scope,
    titles_period,
    titles_scope,
)
from extract.records import IssueRow, Record, StatusCount
from normalise.counts import DIGIT
from normalise.patterns import compiled
from normalise.status_rows import (
    COUNT_OR_SHARE_FIRST,
    PERIOD_LABEL,
    SCOPE_WORDS,
    is_period_label,
    row_prefix,
    scope_of,
)
from normalise.vocabulary import status_category as category_of
from normalise.years import FY_IN_TEXT, financial_years_in

NAME = "status_summary"
# Percent printed beside a count may be truncated, not rounded (samples/000: 2 of 3
# is "66.6%"); a difference above this is a mismatch.
PCT_TOLERANCE = 0.5
MIN_VERTICAL_ROWS = 3
# A vertical grid's header naming this many periods reads a column a period.
PERIOD_COLUMNS = 2


def recognise(blocks: Blocks, ctx: Context) -> Iterator[Record]:
    return _themed(list(_recognise(blocks, ctx)))


def _themed(records: list[Record]) -> Iterator[Record]:
    """Grids keep the theme they sit under only where a plan prints one grid per
    theme for a scope and period; a plan's single grid is plan-level (theme "")."""
    seen: dict[tuple[str | None, str, str | None, str], int] = {}
    for r in records:
        if isinstance(r, StatusCount):
            key = (r.plan, r.scope, r.period, r.category)
            seen[key] = seen.get(key, 0) + 1
    per_theme = {k[:3] for k, n in seen.items() if n > 1}
    for r in records:
        if isinstance(r, StatusCount) and (r.plan, r.scope, r.period) not in per_theme:
            yield replace(r, theme="")
        else:
            yield r


def _claimed(blocks: Blocks, first: int, end: int) -> bool:
    """Claim rows `first` to `end` (exclusive) whole; refused when any part of
    one is claimed."""
    rows = blocks.doc.rows
    if any(blocks.claims.held_by_others(NAME, i) for i in range(first, end)):
        return False
    for i in range(first, end):
        blocks.claims.take_row(NAME, i, rows[i])
    return True


def _recognise(blocks: Blocks, ctx: Context) -> Iterator[Record]:
    doc = blocks.doc
    rows = doc.rows
    for i, row in enumerate(rows):
        if not row.tabbed:
            continue
        labels, unknown = label_row(rows, i)
        if not labels:
            continue
        default_scope = (
            scope_of(" ".join(labels.values())) or titled_scope(rows, i) or "actions"
        )
        period = grid_period(rows, i, ctx)
        columns = sorted(labels)
        grid: list[tuple[Row, str, dict[int, Value]]] = []
        periods: list[str | None] = []
        apart: list[IssueRow] = []
        # Another year's row, left unread, and its scope.
        skipped: tuple[Row, str] | None = None
        j = i + 1
        while j < len(rows) and rows[j].tabbed:
            values = read_values(rows[j], columns)
            if values is None:
                break
            row_label = rows[j].text_at(0) if 0 not in labels else ""
            # A row of percents under a labelled row of counts is that row's:
            # its scope ("Actions" over an unlabelled "35.5% 3.2% …") and its
            # period.
            above = grid[-1][1] if grid and not row_label else None
            scope = scope_in_force(
                scope_of(row_label), values.values(), above, default_scope
            )
            own, other = _own_period(row_label, periods[-1] if periods else None, ctx)
            if other:
                skipped = rows[j], scope
                apart.append(_row_unread(doc, rows[j], OTHER_YEAR, rows[j]))
                j += 1
                continue
            if skipped is not None and (
                not row_label
                or (own is None and _shares_of_row(row_label, *skipped, values))
            ):
                # The rows under another year's with no label, or its shares'
                # ("%"), are its: one issue over them all.
                apart[-1] = _row_unread(doc, skipped[0], OTHER_YEAR, rows[j])
                j += 1
                continue
            skipped = None
            same = own is not None and bool(periods) and own == periods[-1]
            fits = _shares_fit(row_label, scope, values, grid, same)
            if fits and own is None:
                # The shares of the counts above ("%" under "Year to date"):
                # their period.
                own = periods[-1]
            if fits is False and own in (None, periods[-1]):
                counts = grid[-1][0].text_at(0)
                apart.append(_row_unread(doc, rows[j], _shares_of(counts)))
            else:
                grid.append((rows[j], scope, values))
                periods.append(own)
            j += 1
        if grid and not _claimed(blocks, i, j):
            continue
        yield from apart
        for own, members in groupby(zip(grid, periods, strict=True), key=itemgetter(1)):
            yield from _grid(
                doc, ctx, i, labels, own or period, [g for g, _ in members]
            )
        unknown = unknown | _unlabelled({*labels, *unknown}, [r for r, _, _ in grid])
        if unknown and grid:
            yield _unknown_labels(doc, row, unknown, [r for r, _, _ in grid])
    yield from _vertical(blocks, ctx)
    yield from _reading(blocks, ctx)


def _reading(blocks: Blocks, ctx: Context) -> Iterator[Record]:
    """Grids printed in reading order (`reading_order`) or with each row's
    cells run on along a line (`run_on`), each claimed whole."""
    doc = blocks.doc
    for found in chain(reading_order.grids(blocks, NAME), run_on.grids(blocks, NAME)):
        if isinstance(found, run_on.Unread):
            yield _unread(doc, blocks, found)
            continue
        labels = " ".join(found.labels.values())
        default = scope_of(labels) or titles_scope(found.titles) or "actions"
        grid: list[tuple[Row, str, dict[int, Value]]] = []
        for row, scope, values in found.rows:
            above = grid[-1][1] if grid else None
            grid.append(
                (row, scope_in_force(scope, values.values(), above, default), values)
            )
        period = titles_period(found.titles, ctx)
        periods: list[str | None] = []
        for label in found.periods or ("",) * len(grid):
            own, other = _own_period(label, periods[-1] if periods else period, ctx)
            if other:
                reason = (
                    f'its row labelled "{label}" is of another year than the report\'s'
                )
                yield _unread(doc, blocks, run_on.Unread(found.members, reason))
                break
            periods.append(own or period)
        if len(periods) < len(grid):
            continue
        counted = [
            (scope, own)
            for (_, scope, values), own in zip(grid, periods, strict=True)
            if prints_counts(values.values())
        ]
        if len(set(counted)) < len(counted):
            # Row labels printed apart from their rows ("Last quarter" /
            # "This quarter" over the labels), or a row of the period the
            # grid's title gives under a label of the same ("Year to date" in
            # a Q1 report): two rows of one scope and period, one key.
            yield _unread(
                doc,
                blocks,
                run_on.Unread(
                    found.members,
                    "two of its rows count the same scope, and what tells them "
                    "apart is not printed beside them",
                ),
            )
            continue
        for i in found.members:
            blocks.claims.take_row(NAME, i, doc.rows[i])
        for own, members in groupby(zip(grid, periods, strict=True), key=itemgetter(1)):
            yield from _grid(
                doc, ctx, found.first, found.labels, own, [g for g, _ in members]
            )


def _own_period(label: str, above: str | None, ctx: Context) -> tuple[str | None, bool]:
    """(period, other) of a grid row labelled `label`: the period a period
    label names ("Quarter 1", "Year to date"), alone or beside the scope's
    name ("Actions Q4", as a -raw row prints it: `status_rows.row_prefix`), the
    row above's (`above`) where it has no label, else None; `other` where
    its label names a period of another year than the report's
    (`printed.named_period`), which is not read."""
    if not label:
        return above, False
    # "% Year to date": the period's shares.
    label = COUNT_OR_SHARE_FIRST.sub("", label)
    if is_period_label(label):
        return named_period(label, ctx)
    prefix = row_prefix(label.split())
    if prefix is not None and prefix[1]:
        return named_period(prefix[1], ctx)
    return None, False


def _row_unread(doc: Document, row: Row, why: str, last: Row | None = None) -> IssueRow:
    """The issue of a grid row left unread: `why`, after the row's label;
    its lines from the row's to `last`'s (the rows under it that are its)."""
    end = row.line_start if last is None else last.line_end
    return IssueRow.at(
        "unparsed_block",
        doc,
        row.line_start,
        f'status grid row "{row.text_at(0)}" {why}; not read',
        page=row.page,
        severity="warning",
        span=f"{row.line_start}-{end}" if end > row.line_start else None,
    )


OTHER_YEAR = "counts a period of another year than the report's"


def _unread(doc: Document, blocks: Blocks, grid: run_on.Unread) -> IssueRow:
    """The issue of a grid left unread, over all its lines."""
    first, last = doc.rows[grid.members[0]], doc.rows[grid.members[-1]]
    blocks.claims.report(first.page, first.line_start, last.line_end)
    return IssueRow.at(
        "unparsed_block",
        doc,
        first.line_start,
        f"status grid printed without columns, not read: {grid.reason}",
        page=first.page,
        severity="warning",
        span=f"{first.line_start}-{last.line_end}",
    )


def _vertical(blocks: Blocks, ctx: Context) -> Iterator[Record]:
    """Grids printed down the page: "Status | Number | %" over "Completed | 5 |
    25%", "On Target | 11 | 55%", … one row per category."""
    doc = blocks.doc
    rows = doc.rows
    i = 0
    while i < len(rows):
        run = []
        j = i
        while j < len(rows) and (found := _vertical_row(rows[j])) is not None:
            run.append((rows[j], found))
            j += 1
        if len(run) >= MIN_VERTICAL_ROWS and _claimed(blocks, i, j):
            top = i - 1 if i > 0 and _header_like(rows[i - 1]) else i
            scope = titled_scope(rows, top) or "actions"
            columns = _period_columns(rows[top], ctx) if top < i else None
            if columns is not None:
                yield from _by_period(doc, ctx, i, scope, rows[top], columns, run)
                i = j
                continue
            period = grid_period(rows, top, ctx)
            records = [
                _count(
                    doc, ctx, i, (scope, period), (category, row.text_at(0)), value, row
                )
                for row, (category, value) in run
            ]
            yield from records
            yield from _mismatches(doc, records)
            if any(_counts_in(row) > 1 for row, _ in run):
                yield IssueRow.at(
                    "unknown_status_label",
                    doc,
                    rows[top].line_start,
                    "status grid prints more than one count a row under no "
                    "period's label: each row's first count read, the others "
                    "not extracted",
                    page=rows[top].page,
                )
        i = max(j, i + 1)


def _counts_in(row: Row) -> int:
    """How many of a grid row's cells print a count."""
    return sum(
        1
        for c in row.filled[1:]
        if (v := read_value(c.flat)) is not None and v.count is not None
    )


def _period_columns(header: Row, ctx: Context) -> dict[int, str | None] | None:
    """The columns of a vertical grid's header that each name a period
    ("Status | Quarter 1 | Quarter 2", "Status | 2017/18 Q2 | 2018/19 Q2"):
    each column's period, None for one of another year than the report's;
    None where fewer than two columns name one ("Status | Number | %")."""
    columns: dict[int, str | None] = {}
    for cell in header.filled:
        if cell.column == 0:
            continue
        label = cell.flat
        years = financial_years_in(label)
        if years and ctx.financial_year is not None and years[0] != ctx.financial_year:
            columns[cell.column] = None
            continue
        unyeared = FY_IN_TEXT.sub(" ", label).strip() if years else label
        if years and not unyeared:
            # "Status | 2017/18 | 2018/19": the report's year is its period.
            columns[cell.column] = ctx.period
        elif (period := row_period(unyeared, ctx)) is not None:
            # "Q4 | Q1" in a Q1 report: a quarter after the report's latest is
            # the year before's.
            later = after_latest(period, ctx)
            columns[cell.column] = None if later and not years else period
    return columns if len(columns) >= PERIOD_COLUMNS else None


def _by_period(
    doc: Document,
    ctx: Context,
    i: int,
    scope: str,
    header: Row,
    columns: dict[int, str | None],
    run: list[tuple[Row, tuple[str, Value]]],
) -> Iterator[Record]:
    """A vertical grid's counts column by column, each in the period its
    label names, the columns of one period read together ("Quarter 2 (No.)
    | Quarter 2 (%)"); a column of another year is reported, not read."""
    periods: dict[str, list[int]] = {}
    for col, period in sorted(columns.items()):
        if period is None:
            yield IssueRow.at(
                "unknown_status_label",
                doc,
                header.line_start,
                f'status grid column "{header.text_at(col)}" counts another '
                "financial year than the report's, not extracted",
                page=header.page,
            )
        else:
            periods.setdefault(period, []).append(col)
    for period, cols in periods.items():
        records = []
        for row, (category, _) in run:
            read = [v for c in cols if (v := read_value(row.text_at(c))) is not None]
            count = next((v.count for v in read if v.count is not None), None)
            percent = next((v.percent for v in read if v.percent is not None), None)
            if (count, percent) == (None, None):
                continue
            records.append(
                _count(
                    doc,
                    ctx,
                    i,
                    (scope, period),
                    (category, row.text_at(0)),
                    Value(count, percent),
                    row,
                )
            )
        yield from records
        yield from _mismatches(doc, records)


def _vertical_row(row: Row) -> tuple[str, Value] | None:
    """(category, count and percent) of a row "On Target | 11 | 55%"."""
    if not row.tabbed or len(row.filled) < 2 or row.filled[0].column != 0:
        return None
    category = category_of(row.text_at(0))
    if category is None:
        return None
    values = [read_value(c.flat) for c in row.filled[1:]]
    if any(v is None for v in values):
        return None
    count = next((v.count for v in values if v and v.count is not None), None)
    percent = next((v.percent for v in values if v and v.percent is not None), None)
    if count is None and percent is None:
        return None
    return category, Value(count, percent)


def _header_like(row: Row) -> bool:
    """Labels: no cell prints a digit but a period's label ("Quarter 1",
    "2018/19 Q2")."""
    return (
        row.tabbed
        and len(row.filled) >= 2
        and not any(
            DIGIT.search(c.flat)
            and not PERIOD_LABEL.match(c.flat)
            and not financial_years_in(c.flat)
            for c in row.filled
        )
    )


# The words a label of a row of shares may add to its counts row's label:
# "% of all actions", "Proportion", "As %".
SHARE_WORDS = frozenset(
    {"%", "%age", "percent", "per", "cent", "percentage", "pct", "share"}
    | {"proportion", "of", "as", "a", "all", "the"}
)
SHARE_WORD = compiled(r"[\w%]+")


def _shares_fit(
    label: str,
    scope: str,
    values: dict[int, Value],
    grid: list[tuple[Row, str, dict[int, Value]]],
    same_period: bool,
) -> bool | None:
    """Whether a labelled row of shares under a row of counts of its scope
    is those counts' shares: its label names their period
    (`same_period`: "% Q2" under "Quarter 2", "% YTD" under "Year to
    date"), or adds nothing to the counts row's but words of a share and
    the scope's name ("Actions %", "% of actions" under "Number of actions",
    "Performance Indicators %" under "PIs", "%" under "Year to date").
    Another word ("Actions last year", "Target %", "Cumulative %") makes
    them the shares of other counts, not printed, so joined to these they
    would be wrong. None where the row is no such row."""
    if (
        not label
        or not grid
        or grid[-1][1] != scope
        or not shares_only(values.values())
        or not prints_counts(grid[-1][2].values())
    ):
        return None
    if (
        same_period
        and "(" not in label
        and is_period_label(COUNT_OR_SHARE_FIRST.sub("", label))
    ):
        # Not "% Q2 (last year)": a period label's bracket may say anything.
        return True
    return _shares_of_row(label, grid[-1][0], scope, values)


def _shares_of_row(
    label: str, above: Row, scope: str, values: dict[int, Value]
) -> bool:
    """Whether a row labelled `label` prints the shares of the row `above`,
    of `scope`: shares alone, and no word added to its label but a share's
    and the scope's name."""
    if not shares_only(values.values()):
        return False
    if read_value(label) is not None:
        # A value in a first column that has no label ("22.7%" under "5"):
        # no words.
        return True
    printed = set(SHARE_WORD.findall(above.text_at(0).lower()))
    return all(
        w in printed or w in SHARE_WORDS or w in SCOPE_WORDS[scope]
        for w in SHARE_WORD.findall(label.lower())
    )


def _shares_of(counts: str) -> str:
    return (
        f'prints shares and no count under the counts of "{counts}": they are '
        "not those counts' shares, and the counts they are shares of are not "
        "printed"
    )


def _unlabelled(labelled: set[int], grid: list[Row]) -> dict[int, str]:
    """The columns of a grid's rows that print a count or percentage under
    no label (`labelled` the columns with one; a "No Rating" label printed
    on the page before): reported with the unknown labels, not dropped
    unsaid. The first column is the rows' own labels ("Actions") where it
    prints words; a count there is a column of the grid whose label names
    no status ("Not on target" over "0")."""
    out: dict[int, str] = {}
    for row in grid:
        for col in range(len(row.cells)):
            value = read_value(row.text_at(col)) if col not in labelled else None
            if value is not None and (value.count, value.percent) != (None, None):
                out[col] = "(no label)"
    return out


def _unknown_labels(
    doc: Document, row: Row, unknown: dict[int, str], values: list[Row]
) -> IssueRow:
    """Columns of a grid whose label is no status category: reported, not guessed."""
    said = "; ".join(
        f'"{label}" = ' + ", ".join(r.text_at(col) or "(empty)" for r in values)
        for col, label in sorted(unknown.items())
    )
    return IssueRow.at(
        "unknown_status_label",
        doc,
        row.line_start,
        f"status grid column(s) with no category in the contract or no "
        f"label, not extracted: {said}",
        page=row.page,
    )


def _merge(
    grid: list[tuple[Row, str, dict[int, Value]]],
) -> list[tuple[Row, Row, str, dict[int, Value]]]:
    """Counts row + percents row of the same scope become one row of pairs."""
    merged: list[tuple[Row, Row, str, dict[int, Value]]] = []
    for row, scope, values in grid:
        if (
            merged
            and merged[-1][2] == scope
            and shares_only(values.values())
            and all(v.percent is None for v in merged[-1][3].values())
        ):
            first, _, _, counts = merged[-1]
            pairs = {c: Value(counts[c].count, values[c].percent) for c in counts}
            merged[-1] = (first, row, scope, pairs)
        else:
            merged.append((row, row, scope, values))
    return merged


def _grid(
    doc: Document,
    ctx: Context,
    i: int,
    labels: dict[int, str],
    period: str | None,
    grid: list[tuple[Row, str, dict[int, Value]]],
) -> Iterator[Record]:
    for first, last, scope, values in _merge(grid):
        records = [
            _count(
                doc,
                ctx,
                i,
                (scope, period),
                (category_of(labels[col]) or "", labels[col]),
                v,
                first,
                last,
            )
            for col, v in sorted(values.items())
        ]
        yield from records
        yield from _mismatches(doc, records)


def _count(
    doc: Document,
    ctx: Context,
    i: int,
    grid: tuple[str, str | None],
    category: tuple[str, str],
    value: Value,
    first: Row,
    last: Row | None = None,
) -> StatusCount:
    """One count of a grid at row `i`: its (scope, period), its (category,
    printed label), printed on rows `first` to `last`."""
    (scope, period), (name, label) = grid, category
    return StatusCount(
        doc_id=doc.doc_id,
        # plan is part of the key, never null: "" when the report prints no
        # plan heading, as theme is "" for the plan.
        plan=ctx.plan(i) or "",
        scope=scope,
        period=period,
        category=name,
        label=label,
        count=value.count,
        percent=value.percent,
        theme=ctx.theme(i) or "",
        page=first.page,
        line_start=first.line_start,
        line_end=(last or first).line_end,
    )


def _mismatches(doc: Document, records: list[StatusCount]) -> Iterator[IssueRow]:
    """`summary_mismatch` when counts do not add up or percents do not match counts."""
    if not records:
        return
    parts = [r for r in records if r.category != "total"]
    totals = [r for r in records if r.category == "total"]
    counts = [r.count for r in parts if r.count is not None]
    problems = []
    total = totals[0].count if totals else (sum(counts) if counts else None)
    if totals and totals[0].count is not None and counts and sum(counts) != total:
        problems.append(f"counts add up to {sum(counts)}, TOTAL says {total}")
    if total:
        for r in parts:
            if r.count is not None and r.percent is not None:
                real = 100.0 * r.count / total
                if abs(real - r.percent) > PCT_TOLERANCE:
                    problems.append(
                        f"{r.label}: {r.count} of {total} is {real:.1f}%, "
                        f"printed {r.percent:g}%"
                    )
    if problems:
        first = records[0]
        yield IssueRow.at(
            "summary_mismatch",
            doc,
            first.line_start,
            "; ".join(problems),
            page=first.page,
        )
