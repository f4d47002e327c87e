"""How summary grids print: category labels (on the row or starting on the
line above), counts and percents in one cell or two rows, the title above a
grid that names its scope and period.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from extract.context import Context
from extract.document import Row
from normalise.counts import DIGIT
from normalise.status_rows import (
    PERIOD_LABEL,
    QTR,
    RELATIVE_QUARTER,
    scope_of,
)
from normalise.vocabulary import (
    DENIED_STATUS,
    RUNS_INTO_WHOLE_LABEL,
    status_categories,
)
from normalise.vocabulary import status_category as category_of
from normalise.years import financial_years_in, period_of, quarters_in, year_to_date

COUNT = re.compile(r"^(\d+)$")

PERCENT = re.compile(r"^(\d+(?:\.\d+)?)\s*%$")

BOTH = re.compile(r"^(\d+)(?:\s+|\s*\(\s*)(\d+(?:\.\d+)?)\s*%\s*\)?$")

NONE = re.compile(r"^[-\u2013\u2014]+$")

TITLE_LOOKBACK = 4

TITLE_CHARS = 120


@dataclass(frozen=True, slots=True)
class Value:
    count: int | None
    percent: float | None


def prints_counts(values: Iterable[Value]) -> bool:
    """Whether a grid's row of values prints a count."""
    return any(v.count is not None for v in values)


def scope_in_force(
    scope: str | None, values: Iterable[Value], above: str | None, default: str
) -> str:
    """A grid row's scope: its own; else, for a row that prints no count
    (its shares, "34.7% 43.5% 21.7%" under "Milestones 8 10 5"), the scope of
    the row above (`above`, None where there is none or the row has a label of
    its own); else the grid's `default`."""
    if scope is not None:
        return scope
    if above is not None and not prints_counts(values):
        return above
    return default


def shares_only(values: Iterable[Value]) -> bool:
    """A row of percents and no count ("34.7% 43.5% 21.7% -"): the shares of
    the row of counts above it."""
    values = list(values)
    return not prints_counts(values) and any(v.percent is not None for v in values)


def label_row(rows: Sequence[Row], i: int) -> tuple[dict[int, str], dict[int, str]]:
    """Known and unknown status labels by column, when `rows[i]` is a grid's
    row of labels: with any spilt above it ("No Rating"), or with their
    first lines above it.

    Three known labels make a label row; other labels beside them ("Not yet
    due") are kept apart so their counts can be reported rather than guessed.
    """
    texts = _texts(rows[i])
    labels, unknown = _labels(texts)
    if labels and i > 0 and rows[i - 1].tabbed:
        above = _texts(rows[i - 1])
        if above and all(
            category_of(t) and col not in labels for col, t in above.items()
        ):
            labels.update(above)
        elif set(labels) <= set(above) and not any(
            read_value(above[col]) is not None for col in labels
        ):
            # Over each label a line of words, no value ("Total | 1 | 3 | 0",
            # "Total | - | - | -" end the grid above).
            joined = _labels(_joined(above, texts))
            if joined[0]:
                labels, unknown = joined
            elif any(category_of(t) for t in above.values()):
                # Labels printed over two rows that, joined, are no labels
                # ("Requires Amendment" over "Project aborted"): neither
                # row alone is the grid's.
                return {}, {}
    if labels and _run_over(rows, i, labels, {*labels, *texts}):
        return {}, {}
    return labels, unknown


def _texts(row: Row) -> dict[int, str]:
    """A row's printed cells' texts by column."""
    return {c.column: c.flat for c in row.filled}


def _labels(texts: dict[int, str]) -> tuple[dict[int, str], dict[int, str]]:
    """`label_row`'s labels of a row's texts by column."""
    known = {col: text for col, text in texts.items() if category_of(text)}
    # Three different statuses: an action row may say "Completed" more than once.
    if len({category_of(label) for label in known.values()}) < 3:
        return {}, {}
    if any(
        len(status_categories(label)) > 1
        or DENIED_STATUS.search(label)
        or RUNS_INTO_WHOLE_LABEL.search(label)
        or DIGIT.search(label)
        or _twice(label)
        for label in known.values()
    ):
        # Two labels run together into one cell ("Milestone on target
        # Project requires attention", "Not on target Completed", "Total On
        # target"), or a label run into the counts under it ("Action on
        # target 2"): which column each count is under cannot be told.
        return {}, {}
    unknown = {
        col: text for col, text in texts.items() if col not in known and col != 0
    }
    return known, unknown


def _joined(above: dict[int, str], below: dict[int, str]) -> dict[int, str]:
    """The labels of a label row whose every label's first line the row
    above prints, which a `-layout` text can set as a row of its own
    ("Milestone" / "completed", "Project Timeline/scope/target" / "date
    requires attention.", and "Requires Amendment" above alone)."""
    return {
        col: " ".join(t for t in (above.get(col), below.get(col)) if t)
        for col in sorted(above.keys() | below.keys())
    }


def _run_over(
    rows: Sequence[Row], i: int, labels: dict[int, str], labelled: set[int]
) -> bool:
    """Whether a label ran over the column after it: that column, between
    two `labelled` ones, prints no label, and a row of values under the
    labels prints the same kind of value in both ("Project slipped Requires
    Attention" over "8" and "12"; a merged cell's label over two counts). A
    count's share beside it ("1", "25%") is its sub-column, not another
    status's. The last column left without a label is one whose label was
    lost ("No" of "No Rating" printed on the page before): its values are
    reported as under no label."""
    last = max(labelled)
    gaps = [col for col in labelled if col + 1 < last and col + 1 not in labelled]
    for under in rows[i + 1 :]:
        if not gaps or not under.tabbed or read_values(under, sorted(labels)) is None:
            break
        for col in gaps:
            left = read_value(under.text_at(col))
            right = read_value(under.text_at(col + 1))
            if (
                left is not None
                and right is not None
                and any(_kind(left))
                and _kind(left) == _kind(right)
            ):
                return True
    return False


def _kind(value: Value) -> tuple[bool, bool]:
    """What a value prints: (a count, a share); a dash prints neither."""
    return value.count is not None, value.percent is not None


def _twice(label: str) -> bool:
    """Whether a label prints two words in a row twice ("Project requires
    Project requires amendment … attention"): two labels' lines run together
    into one cell, one wrapped around the other."""
    words = label.lower().split()
    pairs = list(zip(words, words[1:], strict=False))
    return len(set(pairs)) < len(pairs)


def read_value(text: str) -> Value | None:
    t = text.strip()
    if m := BOTH.match(t):
        return Value(int(m[1]), float(m[2]))
    if m := COUNT.match(t):
        return Value(int(m[1]), None)
    if m := PERCENT.match(t):
        return Value(None, float(m[1]))
    if NONE.match(t):
        return Value(None, None)
    return None


def read_values(row: Row, columns: Sequence[int]) -> dict[int, Value] | None:
    got = {col: read_value(row.text_at(col)) for col in columns}
    if any(v is None for v in got.values()):
        return None
    return {c: v for c, v in got.items() if v is not None}


def is_title(row: Row) -> bool:
    """A grid title: one short cell, no sentence ("Quarter Four (…) Performance")."""
    return len(row.filled) <= 1 and is_title_text(row.flat)


def is_title_text(text: str) -> bool:
    """A grid title's text: short, and no sentence."""
    return len(text) <= TITLE_CHARS and not text.endswith(".")


def titles_above(rows: Sequence[Row], i: int) -> Iterator[str]:
    """The title lines just above a grid whose first row is `rows[i]`, nearest
    first ("Milestones", "Quarter Four (…) Performance")."""
    for j in range(i - 1, max(-1, i - TITLE_LOOKBACK - 1), -1):
        if rows[j].filled and all(category_of(c.flat) for c in rows[j].filled):
            continue  # labels spilt onto the line above ("No Rating | TOTAL")
        if len(rows[j].filled) > 1:
            return
        if is_title(rows[j]) and rows[j].flat:
            yield rows[j].flat


def grid_period(rows: Sequence[Row], i: int, ctx: Context) -> str | None:
    """The period in the title of the grid at `rows[i]`, else the report's."""
    return titles_period(titles_above(rows, i), ctx)


def titles_period(titles: Iterable[str], ctx: Context) -> str | None:
    """The period in a grid's titles, nearest first ("Quarter Four (…)
    Performance", "Annual Performance 2018-19"), else the period the report
    covers."""
    for title in titles:
        if m := RELATIVE_QUARTER.match(title.strip()):
            return relative_quarter(m, ctx)
        if quarters := year_to_date(title, ctx.quarters) or quarters_in(title):
            return period_of(quarters)
    return ctx.period


def relative_quarter(m: re.Match[str], ctx: Context) -> str | None:
    """The quarter "This quarter" (the report's latest) or "Last quarter" (the
    one before it) names; None before Q1: another year's."""
    latest = ctx.latest_quarter or 0
    n = latest if m["which"].lower() in ("this", "current") else latest - 1
    return f"Q{n}" if n >= 1 else None


def titled_scope(rows: Sequence[Row], i: int) -> str | None:
    """ "Milestones" printed over a grid whose labels say only "Completed" …"""
    return titles_scope(titles_above(rows, i))


def titles_scope(titles: Iterable[str]) -> str | None:
    """The scope a grid's titles name, nearest first."""
    return next((s for t in titles if (s := scope_of(t))), None)


def row_period(label: str, ctx: Context) -> str | None:
    """The period a grid row's label is: "Quarter 2" over "Quarter 3" (a
    report printing the quarter before beside its own), "Year to date",
    "This quarter" (the report's latest), "Last quarter" (the one before,
    none before Q1: another year's); None for any other label."""
    if m := RELATIVE_QUARTER.match(label):
        return relative_quarter(m, ctx)
    if not PERIOD_LABEL.match(label):
        return None
    label = QTR.sub("Quarter ", label)
    return period_of(year_to_date(label, ctx.quarters) or quarters_in(label))


def named_period(label: str, ctx: Context) -> tuple[str | None, bool]:
    """(period, other) of a row's period label ("Quarter 1", "Q2 2017/18",
    "This quarter"): the period of the report's year it names, and whether
    it names another year's instead: a year not the report's ("Q1 2016/17"),
    a quarter after the report's latest ("Q4" in a Q1 report) or the quarter
    before Q1 ("Last quarter" in a Q1 report). (None, False) where the
    period cannot be told ("This quarter" in a report whose quarter is not
    printed)."""
    years = financial_years_in(label)
    if years and ctx.financial_year is not None and years[0] != ctx.financial_year:
        return None, True
    period = row_period(label, ctx)
    if RELATIVE_QUARTER.match(label) and ctx.latest_quarter is not None:
        return period, period is None
    if period is not None and after_latest(period, ctx) and not years:
        return None, True
    return period, False


def after_latest(period: str, ctx: Context) -> bool:
    """Whether `period` is a quarter after the report's latest: the year
    before's, printed beside this year's ("Q4 | Q1" in a Q1 report)."""
    latest = ctx.latest_quarter or 4
    return period[:1] == "Q" and period[1:].isdigit() and int(period[1:]) > latest
