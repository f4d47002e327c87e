"""Table header rows: the column labels the reports print above their grids."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from extract.document import Row
from normalise.segments import cuts
from normalise.text import unmarked

# Column labels of KPI grids, indicator tables, action and milestone tables:
# "Quarter 1", "Q1 Rating", "Quarter 1 (Apr-Jun)", "Annual Target", "Last year's
# outturn", "Approach", …; "Q1 (24.07.17)" opens a quarter block, not a column.
HEADER_WORDS = re.compile(
    r"^(?:"
    r"(?:quarter|q)\s*[1-4](?:\s+rating)?(?:\s*\((?![\d./\s]+\))[^)]*\))?|"
    r"(?:quarter|q)\s*[1-4]\s+(?:target|actual)|"
    r"rating\s+q[1-4]|"
    r"annual\s+(?:total|target)(?:\s+20\d\d\S*)?|year[\s-]end|total|"
    r"target(?:\s+20\d\d\S*)?|(?:last\s+year'?s\s+)?outturn(?:\s+20\d\d\S*)?|"
    r"frequency(?:\s+of\s+reporting)?(?:\s*\([^)]*\))?|"
    r"target\s*-?\s*achieved\s*/?\s*trend|performance\s+compared\s+to\s+\S+|"
    r"outcomes?|approach|key\s+project|milestones?(?:\(s\))?|progress|"
    r"performance\s+indicators?|pi\s+description|programme|comments?|"
    r"lead\s+officer|action\s*(?:&|\+|and)\s*progress\s+update"
    r")$",
    re.IGNORECASE,
)


# Column labels of status summary grids: "Project completed", "Milestone on
# target", "Project Timeline/scope/target date requires attention.
# Alterations considered by leadership team", "Project aborted/ closed".
STATUS_LABEL = re.compile(
    r"^(?:project|milestone|action)s?[/\s]"
    r"(?:(?!project|milestone|action)[\w/]+\s+){0,4}?"
    r"(?:completed|on\s+target|aborted\s*/?\s*closed|requires\s+(?:attention|"
    r"amendment)\.?(?:\s+alterations\s+considered\s+by\s+leadership\s+team)?)$",
    re.IGNORECASE,
)
# The most words a column label has (the status grid's "… requires attention").
LABEL_WORDS = 12
WORD = re.compile(r"\S+")


def label_spans(text: str) -> list[tuple[int, int]] | None:
    """The spans of the column labels a run of words is made of, set one
    space apart ("Quarter 1 Quarter 2 … Annual Total Annual Target Target
    Achieved / Trend", samples/text/001_…-browser-layout line 6), or None
    unless it is two labels or more, read one way only."""
    if " " not in text:
        return None
    words = [(m.start(), m.end()) for m in WORD.finditer(text)]
    n = len(words)
    if not _label_at(text, words, 0):
        return None

    def span(i: int, j: int) -> tuple[int, int] | None:
        found = (words[i][0], words[j - 1][1])
        return found if is_label(text[found[0] : found[1]]) else None

    ways = cuts(n, LABEL_WORDS, span)[0]
    if len(ways) != 1 or len(ways[0]) < 2:
        return None
    return ways[0]


def _label_at(text: str, words: Sequence[tuple[int, int]], i: int) -> bool:
    """Some label starts at word i: a cheap test before reading the whole run."""
    ends = range(i + 1, min(len(words), i + LABEL_WORDS) + 1)
    return any(is_label(text[words[i][0] : words[j - 1][1]]) for j in ends)


def is_label(text: str) -> bool:
    """One column label, of a grid's header or a status grid's."""
    return HEADER_WORDS.match(text) is not None or STATUS_LABEL.match(text) is not None


def is_header_cells(texts: Sequence[str]) -> bool:
    """At least two labels, and most of the filled cells known column labels."""
    filled = [t.strip() for t in texts if t.strip()]
    if len(filled) < 2:
        return False
    return known_labels(filled) >= max(2, (len(filled) + 1) // 2)


def known_labels(texts: Sequence[str]) -> int:
    """How many of the cells are known column labels (a footnote's mark after
    one, "Quarter 2†", no part of it)."""
    return sum(1 for t in texts if HEADER_WORDS.match(unmarked(t.strip())))


def is_header(row: Row) -> bool:
    """A table header row (see `is_header_cells`)."""
    return _is_header_texts(row.texts)


# The block stage, the report period, the action tables and the theme headings
# each ask it of every table row.
@lru_cache(maxsize=4096)
def _is_header_texts(texts: tuple[str, ...]) -> bool:
    return is_header_cells(texts)
