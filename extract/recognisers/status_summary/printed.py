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
from normalise.patterns import compiled
from normalise.vocabulary import (
    DENIED_STATUS,
    FINANCIAL_YEAR,
    QUARTER_NUMBER,
    RUNS_INTO_WHOLE_LABEL,
    status_categories,
)
from normalise.vocabulary import status_category as category_of
from normalise.years import financial_years_in, period_of, quarters_in, year_to_date

COUNT = re.compile(r"^(\d+)$")

PERCENT = re.compile(r"^(\d+(?:\.\d+)?)\s*%$")

BOTH = re.compile(r"^(\d+)(?:\s+|\s*\(\s*)(\d+(?:\.\d+)?)\s*%\s*\)?$")

NONE = re.compile(r"^[-\u2013\u2014]+$")

SCOPES = (
    ("performance_indicators", re.compile(r"indicator|\bPIs?\b", re.IGNORECASE)),
    ("milestones", re.compile(r"milestone", re.IGNORECASE)),
    ("actions", re.compile(r"action|project", re.IGNORECASE)),
)

TITLE_LOOKBACK = 4

DIGIT = compiled(r"\d")
# "This quarter" and "Last quarter" beside each other: the report's latest
# quarter and the one before it.
RELATIVE_QUARTER = compiled(
    r"^(?P<which>this|current|last|previous)\s+quarter\s*:?$", re.IGNORECASE
)

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


def label_cells(row: Row) -> tuple[dict[int, str], dict[int, str]]:
    """Known and unknown status labels by column, when `row` is a row of labels.

    Three known labels make a label row; other labels beside them ("Not yet
    due") are kept apart so their counts can be reported rather than guessed.
    """
    return _labels(
        {c.column: c.flat for c in row.filled}, {c.column for c in row.cells}
    )


def _labels(
    texts: dict[int, str], columns: set[int]
) -> tuple[dict[int, str], dict[int, str]]:
    """`label_cells` of the texts printed in a row's `columns`, by column."""
    known = {col: text for col, text in texts.items() if category_of(text)}
    # Three different statuses: an action row may say "Completed" more than once.
    if len({category_of(label) for label in known.values()}) < 3:
        return {}, {}
    first, last = min(known), max(known)
    if any(
        len(status_categories(label)) > 1
        or DENIED_STATUS.search(label)
        or RUNS_INTO_WHOLE_LABEL.search(label)
        or DIGIT.search(label)
        or _twice(label)
        for label in known.values()
    ) or any(first < col < last and col not in texts for col in columns):
        # Two labels run together into one cell ("Milestone on target
        # Project requires attention", "Not on target Completed", "Total On
        # target"), or a label run into the counts under it ("Action on
        # target 2"), or a label run into the next one over its column
        # ("Project slipped Requires Attention" over two columns, the second
        # left without a label): which column each count is under cannot be
        # told.
        return {}, {}
    unknown = {
        col: text for col, text in texts.items() if col not in known and col != 0
    }
    return known, unknown


def _twice(label: str) -> bool:
    """Whether a label prints two words in a row twice ("Project requires
    Project requires amendment … attention"): two labels' lines run together
    into one cell, one wrapped around the other."""
    words = label.lower().split()
    pairs = list(zip(words, words[1:], strict=False))
    return len(set(pairs)) < len(pairs)


def label_row(rows: Sequence[Row], i: int) -> tuple[dict[int, str], dict[int, str]]:
    """Labels of the grid whose label row is `rows[i]`, with any spilt above
    it, or with their first lines above it."""
    labels, unknown = label_cells(rows[i])
    if labels and i > 0 and rows[i - 1].tabbed:
        above = {c.column: c.flat for c in rows[i - 1].filled}
        if above and all(
            category_of(t) and col not in labels for col, t in above.items()
        ):
            labels.update(above)
        elif set(labels) <= set(above):
            wrapped = _wrapped_labels(rows[i - 1], rows[i])
            if wrapped[0]:
                return wrapped
    return labels, unknown


def _wrapped_labels(top: Row, row: Row) -> tuple[dict[int, str], dict[int, str]]:
    """The labels of a label row whose every label's first line the row
    above prints, which a `-layout` text can set as a row of its own
    ("Milestone" / "completed", "Project Timeline/scope/target" / "date
    requires attention.", and "Requires Amendment" above alone)."""
    above = {c.column: c.flat for c in top.filled}
    below = {c.column: c.flat for c in row.filled}
    joined = {
        col: " ".join(t for t in (above.get(col), below.get(col)) if t)
        for col in sorted(above.keys() | below.keys())
    }
    return _labels(joined, {c.column for c in (*top.cells, *row.cells)})


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


def scope_of(text: str) -> str | None:
    for name, pattern in SCOPES:
        if pattern.search(text):
            return name
    return None


# The word after a period's label that says whether its row or column
# counts or shares ("Q1 No.", "Quarter 1 %").
COUNT_OR_SHARE_WORD = r"(?:no\.?|number|count|%|per\s*cent|percentage)"

# A row label that is a period and nothing else: "Quarter 2", "Q3", "Qtr 3
# (Oct-Dec)", "Quarter 2 2018/19", "Year to date", "YTD"; a column's may say
# whether it counts or shares ("Q1 No.", "Quarter 1 %"). Not a scope naming
# a time ("Actions due in Quarter 4", "Milestones due by year end", "Year end
# forecast").
PERIOD_LABEL = compiled(
    rf"^(?:(?:Q|Qtr\.?\s*|Quarter\s+){QUARTER_NUMBER}|Year\s+to\s+date|YTD)"
    rf"(?:\s*\([^()]*\))?(?:\s+{FINANCIAL_YEAR})?"
    # "Q1 No.", "Quarter 1 Percentage": a period's count or share column.
    rf"(?:\s+{COUNT_OR_SHARE_WORD})?\s*:?$",
    re.IGNORECASE,
)


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


# What a period label may say after its period: whether its column or row
# counts or shares ("Q1 No.", "Quarter 1 %").
COUNT_OR_SHARE = compiled(rf"\s+{COUNT_OR_SHARE_WORD}\s*:?$", re.IGNORECASE)


def period_words(label: str) -> str:
    """The words of a period label that name its period ("Q2" of "Q2 No.")."""
    return " ".join(COUNT_OR_SHARE.sub("", label).lower().split())


# "Qtr 3", "Qtr. 3", "Qtr3": "Quarter 3", as `quarters_in` reads it.
QTR = compiled(r"\bQtr\.?\s*", re.IGNORECASE)


def is_period_label(text: str) -> bool:
    """Whether a row label is a period and nothing else (`row_period` reads it)."""
    return bool(PERIOD_LABEL.match(text) or RELATIVE_QUARTER.match(text))


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


# A year after a period label ("Quarter 2 2018"): the label's, not a count.
YEAR_TOKEN = compiled(r"^(?:19|20)\d\d$")
# A token of a value: "4", "80%", "(75%)", "-".
VALUE_PART = compiled(r"^(?:\d+|\(?\d+(?:\.\d+)?%\)?|[-\u2013\u2014]+)$")
# A grid's rows print two values or more; one figure after a sentence naming
# statuses is no grid's row.
MIN_VALUES = 2


def a_year(tokens: Sequence[str]) -> bool:
    """Whether the first of a row's values reads as a year ("2018")."""
    return bool(tokens) and YEAR_TOKEN.match(tokens[0]) is not None


def holds_year(tokens: Sequence[str]) -> bool:
    """Whether a period's values hold a year ("Q2 - 2018 - 19"): a title's
    year, not a row of counts."""
    return any(YEAR_TOKEN.match(t) for t in tokens)


def value_starts(tokens: Sequence[str]) -> range:
    """Where a line's values may start: each place after its last word that
    is no part of a value ("Quarter 1 1 3 0": the "1" of "Quarter 1" or the
    one after it)."""
    words = [k for k, t in enumerate(tokens) if not VALUE_PART.match(t)]
    return range(words[-1] + 1 if words else 0, len(tokens) + 1)


def row_prefix(words: Sequence[str]) -> tuple[str | None, str] | None:
    """(scope, period label) of the words before a row's values: none, a
    scope ("Performance Indicators"), a period ("Quarter 1", "Year to
    date"), or both in either order ("Q2 Actions", "Key Performance
    Indicators Last quarter"); None for other words. A period printed last
    is the row's where the scope's name ends the words before it, not where
    they go on ("Actions carried forward from Q1")."""
    if not words:
        return None, ""
    # A period label starts at a word that can open one (`opens_period`):
    # only there is one looked for.
    opens = [k for k, w in enumerate(words) if opens_period(w)]
    if opens and opens[0] == 0:
        if is_period_label(" ".join(words)):
            return None, " ".join(words)
        for k in range(1, len(words)):
            if is_period_label(" ".join(words[:k])) and (
                scope := scope_words(words[k:])
            ):
                return scope, " ".join(words[:k])
    tails = [k for k in opens if k > 0 and is_period_label(" ".join(words[k:]))]
    for k in tails:
        if scope_of(words[k - 1]) is not None and (scope := scope_words(words[:k])):
            return scope, " ".join(words[k:])
    if tails:
        # A period inside a phrase ("Actions due last quarter"): whose row's
        # period it is cannot be told.
        return None
    if (scope := scope_words(words)) is not None:
        return scope, ""
    return None


def opens_period(word: str) -> bool:
    """Whether a period label can start at `word`: PERIOD_LABEL's "Q1",
    "Qtr", "Quarter", "Year", "YTD", RELATIVE_QUARTER's "This", "Last" …"""
    return word[:1] in "QqYy" or word.lower() in RELATIVE_WORDS


# The words RELATIVE_QUARTER opens with.
RELATIVE_WORDS = frozenset({"this", "current", "last", "previous"})


def scope_words(words: Sequence[str]) -> str | None:
    """The scope words name, when they print no digit and no part of a value
    ("Performance Indicators", not "Performance Indicators -")."""
    if any(DIGIT.search(w) or VALUE_PART.match(w) for w in words):
        return None
    return scope_of(" ".join(words))


def period_row(text: str) -> bool:
    """Whether a line is a grid's row of a period as `pdftotext -raw` prints
    it: a period label, with its scope's name if any, then two value tokens
    or more, none a year ("Q4 9 (75%) 0 (0%) 3 (25%)", "Key
    Performance Indicators Last quarter 1 3 0"). Such a line names no
    quarter a report covers; "Performance Report Q3 17 - 18" is a title."""
    tokens = text.split()
    if not tokens or not VALUE_PART.match(tokens[-1]):
        return False
    for start in value_starts(tokens)[:-1]:
        prefix = row_prefix(tokens[:start])
        if (
            prefix is not None
            and prefix[1]
            and len(tokens) - start >= MIN_VALUES
            and not holds_year(tokens[start:])
        ):
            return True
    return False
