"""Quarter labels that introduce a quarter's text inside an action cell.

"Q1 – …", "Q2 - …", "Q1 update – …", "Quarter 1 – …", "Quarters 2, 3 and 4 - …"
(one text for three quarters), "Q2/Q3 – …" (one text for two), "Q1-Q3 – …" at
the start of a paragraph (a range), month ranges ("April–June:", "Apr – Jun:",
"July–September:") and "Quarter 2" printed alone above its text. Also the
rating columns of a table header: "Q1 Rating", "Q1", "Quarter 1 Rating",
"Rating Q1", or one "Status" / "RAG" column for the report's latest quarter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from extract.document import Row
from normalise.patterns import compiled
from normalise.vocabulary import DASH, MONTH, QUARTER_NUMBER, RATING_WORD

# "Quarter 2", "Quarters 2, 3 and 4", "Quarter Two", "Qtr 2".
QUARTER_WORD = r"(?:Quarters?|Qtrs?\.?)"
QUARTER_LIST = rf"{QUARTER_NUMBER}(?:\s*(?:,|and|&)\s*{QUARTER_NUMBER})*"
# "Q2/Q3 –" (key-action and Cabinet report layouts) names both quarters.
Q_LIST = r"Q[1-4](?:\s*(?:/|,|and|&)\s*Q[1-4])*"
MONTH_RANGE = rf"{MONTH}\s*{DASH}\s*{MONTH}(?:\s+20\d\d)?"
# The months a quarter's label may print after it: "Q4 (Jan-Mar)", "Quarter 1
# (April - June 2018)".
MONTHS_AFTER = rf"(?:\s*\(\s*{MONTH_RANGE}\s*\))?"
# A range only labels a text at the start of a paragraph ("Q1-Q3 – Campaign
# materials were prepared …"); inside a sentence "slipped from Q1 - Q2 of next
# year" is a range of time, not a label.
QUARTER_RANGE = rf"^(?:Q|{QUARTER_WORD}\s*)[1-4]\s*(?:{DASH}|to)\s*Q?[1-4]"
# A label is followed by a dash or colon: "During Q2 the level …" and "training
# to be schedule Q3." (samples/000 lines 31, 51) mention a quarter, they do not
# introduce its text. "Q1 - Q2" is a range, not a label. "Q1 update –" words
# the same label (hate crime and Cabinet report layouts). A hyphen that joins
# a word ("this quarter one-off grants", "Quarter two-thirds") is no label's.
LABEL = re.compile(
    rf"(?<!\w)(?:(?P<range>{QUARTER_RANGE})|(?P<q>{Q_LIST})"
    rf"|{QUARTER_WORD}\s+(?P<qs>{QUARTER_LIST})|(?P<months>{MONTH_RANGE}))"
    rf"{MONTHS_AFTER}(?:\s+update)?\s*(?:-(?![A-Za-z])|[\u2013\u2014:])"
    rf"(?!\s*Q[1-4]\b)\s*",
    re.IGNORECASE,
)
# samples/000 lines 72, 74, 76 print "Quarter 2" alone above that quarter's text.
BARE_LABEL = re.compile(
    rf"^(?:(?P<q>{Q_LIST})|{QUARTER_WORD}\s+(?P<qs>{QUARTER_LIST})"
    rf"|(?P<months>{MONTH_RANGE})){MONTHS_AFTER}\s*[.:]?$",
    re.IGNORECASE,
)
DIGIT = compiled(r"[1-4]")
# A quarter's number in a label, as a figure or a word.
NUMBER = compiled(r"[1-4]|one|two|three|four", re.IGNORECASE)
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4}
MONTH_NAME = compiled(MONTH, re.IGNORECASE)
# Financial-year month order: April opens Q1, January opens Q4.
MONTHS = "apr may jun jul aug sep oct nov dec jan feb mar".split()
# Quarter columns of action and milestone tables: samples/000 prints "Q1 Rating",
# samples/002 "Q1"; "Quarter 1 Rating", "Rating Q1", "Q1 RAG", "Qtr 1 Status"
# name the same column the other ways this family words a quarter.
QUARTER_OF_COLUMN = r"(?:Q|Qtr\.?|Quarter)"
QUARTER_COLUMN = re.compile(
    rf"^(?:{QUARTER_OF_COLUMN}\s*(?P<q>[1-4]){MONTHS_AFTER}(?:\s*{RATING_WORD})?"
    rf"|{RATING_WORD}\s*{QUARTER_OF_COLUMN}\s*(?P<r>[1-4]))$",
    re.IGNORECASE,
)
# One rating column for the whole table: "Action | Target Date | Update |
# Status" and "Projects | Milestones | Progress Update | RAG" (a Cabinet report layout)
# rate each item once, in the quarter the report covers.
RATING_COLUMN = compiled(
    r"^(?:Status|RAG(?:\s+(?:Status|Rating))?|(?:Overall\s+)?Rating)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class QuarterText:
    """The text printed under one quarter label ("Q2 - …", "Quarter 2")."""

    quarter: str
    text: str
    page: int | None
    line_start: int
    line_end: int


@dataclass(frozen=True, slots=True)
class Para:
    """One paragraph of a cell, whitespace-normalised, with where it was printed."""

    text: str
    page: int | None
    line_start: int
    line_end: int


def quarter_columns(row: Row) -> dict[int, str]:
    """Column -> "Qn" for each header cell of `row` that names a quarter column."""
    return {
        c.column: f"Q{m['q'] or m['r']}"
        for c in row.cells
        if (m := QUARTER_COLUMN.match(c.flat))
    }


def rating_columns(row: Row, latest: str | None) -> dict[int, str]:
    """Column -> quarter of each rating column of a header row.

    The quarter columns when the header prints them; otherwise a single
    "Status" / "RAG" / "Rating" column rates the report's latest quarter, and
    rates none when the report names no quarter.
    """
    if quarters := quarter_columns(row):
        return quarters
    found = [c.column for c in row.cells if RATING_COLUMN.match(c.flat)]
    if len(found) != 1 or latest is None:
        return {}
    return {found[0]: latest}


def _month_quarters(text: str) -> tuple[int, ...]:
    """The quarters a month range covers: "July–September" -> (2,)."""
    months = MONTH_NAME.findall(text)
    first, last = (MONTHS.index(m[:3].casefold()) for m in months)
    if last < first:
        return ()
    return tuple(range(first // 3 + 1, last // 3 + 2))


def label_quarters(m: re.Match[str]) -> tuple[int, ...]:
    """The quarters a LABEL match names: "Quarters 2, 3 and 4 -" -> (2, 3, 4)."""
    groups = m.groupdict()
    if groups.get("range"):
        first, last = (int(d) for d in DIGIT.findall(groups["range"]))
        return tuple(range(first, last + 1))
    if groups.get("months"):
        return _month_quarters(groups["months"])
    return tuple(
        NUMBER_WORDS.get(n.casefold()) or int(n)
        for n in NUMBER.findall(m["q"] or m["qs"] or "")
    )


def bare_quarters(text: str) -> tuple[int, ...] | None:
    """The quarters of a paragraph that is only a label ("Quarter 2"), else None."""
    m = BARE_LABEL.match(text)
    return label_quarters(m) if m else None


def leading_quarters(text: str) -> tuple[int, ...] | None:
    """The quarters of the label `text` starts with, if it starts with one."""
    if (bare := bare_quarters(text)) is not None:
        return bare
    m = LABEL.match(text)
    return label_quarters(m) if m else None


# An action's text is read for its labels row by row as the action is read, and
# again whole when it is drafted; a report's series reprints most of its text.
@lru_cache(maxsize=4096)
def _labels(text: str) -> tuple[tuple[int, int, tuple[int, ...]], ...]:
    """(start, end, quarters) of each LABEL in `text`."""
    return tuple((m.start(), m.end(), label_quarters(m)) for m in LABEL.finditer(text))


def last_quarter(text: str) -> int | None:
    """The highest quarter named by the last label in `text`."""
    found = [max(qs) for _, _, qs in _labels(text) if qs]
    if bare := bare_quarters(text):
        found.append(max(bare))
    return found[-1] if found else None


def quarter_texts(paras: Sequence[Para]) -> tuple[QuarterText, ...]:
    """Text under each quarter label; text before the first label belongs to none."""
    pieces: list[tuple[tuple[int, ...], str, Para]] = []
    current: tuple[int, ...] = ()
    for para in paras:
        if (bare := bare_quarters(para.text)) is not None:
            current = bare
            continue
        at = 0
        for start, end, qs in _labels(para.text):
            pieces.append((current, para.text[at:start], para))
            current, at = qs, end
        pieces.append((current, para.text[at:], para))
    texts: list[QuarterText] = []
    for q in range(1, 5):
        mine = [(t.strip(), p) for qs, t, p in pieces if q in qs and t.strip()]
        if mine:
            texts.append(
                QuarterText(
                    quarter=f"Q{q}",
                    text=" ".join(t for t, _ in mine),
                    page=mine[0][1].page,
                    line_start=min(p.line_start for _, p in mine),
                    line_end=max(p.line_end for _, p in mine),
                )
            )
    return tuple(texts)
