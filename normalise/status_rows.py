"""How a summary grid's row names itself before its values: a scope
("Performance Indicators"), a period ("Quarter 1", "Year to date", "This
quarter"), or both; and the row of a period as `pdftotext -raw` prints it,
label and values on one line ("Q4 9 (75%) 0 (0%) 3 (25%)").

Text alone, no document: the status grids read rows with it, and the
report's period (`extract.cover.report_period`) asks it which lines are such
rows, not titles naming the quarters a report covers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from normalise.counts import DIGIT
from normalise.patterns import compiled
from normalise.vocabulary import FINANCIAL_YEAR, QUARTER_NUMBER

SCOPES = (
    ("performance_indicators", re.compile(r"indicator|\bPIs?\b", re.IGNORECASE)),
    ("milestones", re.compile(r"milestone", re.IGNORECASE)),
    ("actions", re.compile(r"action|project", re.IGNORECASE)),
)


# The words of each scope's names, in lower case ("Key Performance
# Indicators", "PIs", "Actions", "Projects").
SCOPE_WORDS = {
    "performance_indicators": frozenset(
        {"key", "performance", "indicator", "indicators", "pi", "pis"}
    ),
    "milestones": frozenset({"milestone", "milestones"}),
    "actions": frozenset({"action", "actions", "project", "projects"}),
}


def scope_of(text: str) -> str | None:
    """The scope a grid's label or title names ("Key Performance Indicators":
    performance_indicators), or None."""
    for name, pattern in SCOPES:
        if pattern.search(text):
            return name
    return None


# "This quarter" and "Last quarter" beside each other: the report's latest
# quarter and the one before it.
RELATIVE_QUARTER = compiled(
    r"^(?P<which>this|current|last|previous)\s+quarter\s*:?$", re.IGNORECASE
)

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


# What a period label may say after its period: whether its column or row
# counts or shares ("Q1 No.", "Quarter 1 %").
COUNT_OR_SHARE = compiled(rf"\s+{COUNT_OR_SHARE_WORD}\s*:?$", re.IGNORECASE)


# The same word before a period's label, on a row of its shares ("% Year to
# date", "No. Q1").
COUNT_OR_SHARE_FIRST = compiled(rf"^{COUNT_OR_SHARE_WORD}\s+", re.IGNORECASE)


def period_words(label: str) -> str:
    """The words of a period label that name its period ("Q2" of "Q2 No.")."""
    return " ".join(COUNT_OR_SHARE.sub("", label).lower().split())


# "Qtr 3", "Qtr. 3", "Qtr3": "Quarter 3", as `quarters_in` reads it.
QTR = compiled(r"\bQtr\.?\s*", re.IGNORECASE)


def is_period_label(text: str) -> bool:
    """Whether a row label is a period and nothing else (`row_period` reads it)."""
    return bool(PERIOD_LABEL.match(text) or RELATIVE_QUARTER.match(text))


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
    return period_row_values(text) is not None


def period_row_values(text: str) -> list[str] | None:
    """The value tokens of a `period_row` ("9", "(75%)", "-" …), or None
    for a line that is none."""
    tokens = text.split()
    if not tokens or not VALUE_PART.match(tokens[-1]):
        return None
    for start in value_starts(tokens)[:-1]:
        prefix = row_prefix(tokens[:start])
        if (
            prefix is not None
            and prefix[1]
            and len(tokens) - start >= MIN_VALUES
            and not holds_year(tokens[start:])
        ):
            return tokens[start:]
    return None


def values_line(text: str) -> bool:
    """Whether a line prints a grid's values and nothing else but a share's
    word before them ("% 25% 75% 0%", "25% 75% 0%")."""
    tokens = text.split()
    if tokens and COUNT_OR_SHARE_FIRST.match(tokens[0] + " "):
        tokens = tokens[1:]
    return len(tokens) >= MIN_VALUES and all(VALUE_PART.match(t) for t in tokens)
