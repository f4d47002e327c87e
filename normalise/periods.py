"""The period a report says it covers, in the words councils print.

"Quarter Four", "third quarter", "Q3", "Mid Year", "End of Year", "Annual
Performance Report", "October to December 2017", "the quarter ending 31st March
2018"; years as "2017/18", "2009/2010", "2012-13" and, in titles, "12/13".
`normalise.years` reads the forms every table prints; this module adds the ones
only a report's own title or opening sentence uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from normalise.dates import month_number, parse_date
from normalise.patterns import compiled
from normalise.text import case_blind
from normalise.years import (
    ALL_QUARTERS,
    HALF_YEAR,
    WHOLE_YEAR,
    financial_year_of,
    financial_years_in,
    ordinal_quarters,
    quarter_of,
    quarters_in,
)

# Whole-year titles beyond `normalise.years.WHOLE_YEAR`: "Annual Performance
# Report", "Performance Indicator Outturn 2007-08". Not "Annual Target" or "Last
# year's outturn", which are grid columns.
ANNUAL_TITLE = re.compile(
    r"\bannual\s+(?:report|review|update|outturn|monitoring)\b"
    r"|\b(?:performance|indicators?)\s+outturn\b|\boutturn\s+report\b",
    re.IGNORECASE,
)
# "Six Monthly Performance Report", "Half Yearly Performance Update": a title's
# words only (in prose, "reported in its six monthly monitoring" says how
# often, not which quarters), so not in `normalise.years.HALF_YEAR`.
HALF_YEARLY_TITLE = re.compile(
    r"\b(?:half[\s-]yearly|six[\s-]monthly)\s+(?:performance|report|update|review)\b",
    re.IGNORECASE,
)
PRINTED_DATE = (
    r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9},?\s+\d{4}|\d{1,2}[./]\d{1,2}[./]\d{2,4}"
)
# "covering the quarter ending 31st March 2018", "for the quarter ended 30.06.17".
QUARTER_ENDING = re.compile(
    rf"\bquarter\s+end(?:ing|ed)?\s+(?:on\s+)?(?P<date>{PRINTED_DATE})", re.IGNORECASE
)
# Where QUARTER_ENDING can start: "quarter" in any case, found by a pattern
# that ignores no case, which the engine scans for far faster (no letter of
# "quarter" has a case-blind match beyond ASCII).
QUARTER_WORD = re.compile(r"[Qq][Uu][Aa][Rr][Tt][Ee][Rr]")
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
# "October to December 2017", "October–December 2016", "1 October 2016 - 31
# December 2016", "January 2018 to March 2018".
# The lookahead, a day's digit or a month's first letter, lets the search pass
# over most word starts of the 80 opening lines without trying the rest.
MONTH_SPAN = re.compile(
    r"\b(?=[\djfmasond])"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?P<m1>{MONTH})(?:\s+(?P<y1>\d{{4}}))?"
    rf"\s*(?:-|\u2013|\u2014|to|until)\s*"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?P<m2>{MONTH})\s+(?P<y2>\d{{4}})\b",
    re.IGNORECASE,
)
# How every MONTH name starts.
MONTH_STARTS = (
    b"jan", b"feb", b"mar", b"apr", b"may", b"jun",
    b"jul", b"aug", b"sep", b"oct", b"nov", b"dec",
)  # fmt: skip
# What may follow a day's number ("1st").
DAY_SUFFIXES = (b"st", b"nd", b"rd", b"th")
# Prose says which period it covers before naming it: "This report covers
# October to December 2017", "performance for the quarter ending …".
COVERING = compiled(
    r"\b(?:cover(?:s|ing|ed)?|for|during|period|relat(?:es|ing)\s+to)\s+"
    r"(?:the\s+)?(?:(?:three\s+months|period|months?)\s+)?(?:from\s+|of\s+)?$",
    re.IGNORECASE,
)
COVERING_CHARS = 40
# "Performance Report 12/13": a year in two-digit form, read in titles only
# (in prose "12/13" may be a fraction or a date).
SHORT_YEAR = re.compile(r"(?<![\d/.£$,])([0-3]\d)\s*[/-]\s*([0-3]\d)(?![\d/.]?\d)")
# "Period 6 (September)", "Period 9": a month of the financial year (period 1
# is April), as monthly performance digests number them.
PERIOD_MONTH = re.compile(
    rf"\bperiod\s+(?P<n>1[0-2]|0?[1-9])\b"
    # Not a date's day: "for the period 1 October …", "period 01/07/2018".
    rf"(?!(?:st|nd|rd|th)?\s*{MONTH}\b|[/.\-]\d)"
    rf"(?:\s*\(\s*(?P<month>{MONTH})\s*\))?",
    re.IGNORECASE,
)
QUARTER_FIRST_MONTHS = (4, 7, 10, 1)
QUARTER_LAST_MONTHS = (6, 9, 12, 3)


def title_quarters(text: str) -> tuple[str, ...]:
    """The quarters a title names: `quarters_in`, plus "third quarter",
    "Annual Report", a span of months that is whole quarters, and "the quarter
    ending …". A whole-year title that names one quarter reports that quarter
    ("Year End (Quarter 4) Performance Report": Q4)."""
    found = set(quarters_in(text))
    found.update(ordinal_quarters(text))
    if HALF_YEARLY_TITLE.search(text):
        found.update(("Q1", "Q2"))
    if (span := month_span(text)) is not None:
        found.update(span[1])
    if (ending := quarter_ending(text)) is not None:
        found.update(ending[1])
    found.update(_period_quarters(text))
    whole = ANNUAL_TITLE.search(text) is not None or set(ALL_QUARTERS) <= found
    named = _named_quarters(text)
    if whole and len(named) == 1:
        return named
    if whole:
        return ALL_QUARTERS
    return tuple(sorted(found))


def _period_quarters(text: str) -> set[str]:
    """The quarter of each month a title numbers ("Period 6 (September)": Q2);
    the month's name, where printed, says which month."""
    found: set[str] = set()
    for m in PERIOD_MONTH.finditer(text):
        month = month_number(m["month"]) if m["month"] else None
        if month is None:
            month = (int(m["n"]) + 2) % 12 + 1
        found.add(f"Q{((month - 4) % 12) // 3 + 1}")
    return found


def _named_quarters(text: str) -> tuple[str, ...]:
    """The quarters a text names one by one, whole-year words left out."""
    numbered = quarters_in(HALF_YEAR.sub(" ", WHOLE_YEAR.sub(" ", text)))
    named = set(numbered)
    named.update(ordinal_quarters(text))
    if (ending := quarter_ending(text)) is not None:
        named.update(ending[1])
    return tuple(sorted(named))


def title_years(text: str) -> list[str]:
    """Financial years a title prints: "2009/2010", "2012-13", "12/13"."""
    years = financial_years_in(text)
    for m in SHORT_YEAR.finditer(text):
        first, second = int(m[1]), int(m[2])
        if second == first + 1:
            years.append(f"20{first:02d}/{second:02d}")
    if (span := month_span(text)) is not None:
        years.append(span[0])
    if (ending := quarter_ending(text)) is not None:
        years.append(ending[0])
    return years


def quarter_ending(text: str) -> tuple[str, tuple[str, ...]] | None:
    """ "the quarter ending 31st March 2018" -> ("2017/18", ("Q4",))."""
    m = QUARTER_ENDING.search(text)
    if not m or (day := parse_date(m["date"])) is None:
        return None
    return financial_year_of(day), (quarter_of(day),)


def month_span(text: str) -> tuple[str, tuple[str, ...]] | None:
    """ "October to December 2017" -> ("2017/18", ("Q3",)); a span that does not
    start and end with a quarter ("April to November") is no reporting period."""
    for m in MONTH_SPAN.finditer(text):
        first, last = month_number(m["m1"]), month_number(m["m2"])
        if first is None or last is None:
            continue
        if first not in QUARTER_FIRST_MONTHS or last not in QUARTER_LAST_MONTHS:
            continue
        end = date(int(m["y2"]), last, 1)
        start_year = int(m["y1"]) if m["y1"] else end.year - (first > last)
        start = date(start_year, first, 1)
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        if not 0 < months <= 12 or financial_year_of(start) != financial_year_of(end):
            continue
        quarters = range(int(quarter_of(start)[1]), int(quarter_of(end)[1]) + 1)
        return financial_year_of(end), tuple(f"Q{n}" for n in quarters)
    return None


def stated_period(text: str) -> tuple[str, tuple[str, ...]] | None:
    """The period an opening sentence says the report covers: "covering the
    quarter ending 31st March 2018", "This report covers October to December
    2017". A date range the text merely mentions is not one."""
    for found, read in (
        (_quarter_endings(text), quarter_ending),
        (_month_spans(text), month_span),
    ):
        for m in found:
            before = text[max(0, m.start() - COVERING_CHARS) : m.start()]
            if COVERING.search(before) and (period := read(m[0])) is not None:
                return period
    return None


def _quarter_endings(text: str) -> Iterator[re.Match[str]]:
    """`QUARTER_ENDING.finditer(text)`, tried only where "quarter" is printed."""
    at = 0
    for word in QUARTER_WORD.finditer(text):
        if word.start() >= at and (m := QUARTER_ENDING.match(text, word.start())):
            yield m
            at = m.end()


def _month_spans(text: str) -> Iterator[re.Match[str]]:
    """`MONTH_SPAN.finditer(text)`, tried only where a month's name starts a
    word or a day may be printed ahead of it."""
    at = 0
    for start in _span_starts(text, case_blind(text)):
        if start >= at and (m := MONTH_SPAN.match(text, start)):
            yield m
            at = m.end()


def _span_starts(text: str, low: bytes) -> list[int]:
    """Where a MONTH_SPAN match may start, in order: at each month's name that
    starts a word ("October"), and at a day printed ahead of it ("1st October",
    "31 October"). `low` is `case_blind(text)`."""
    starts: set[int] = set()
    for name in MONTH_STARTS:
        at = low.find(name)
        while at >= 0:
            if at == 0 or not _is_word(text[at - 1]):
                starts.add(at)
                starts.update(_day_starts(text, low, at))
            at = low.find(name, at + 1)
    return sorted(starts)


def _day_starts(text: str, low: bytes, month: int) -> range:
    """Where a day's number printed before the spaces ahead of the month's name
    at `month` may start."""
    end = month
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if end == month:
        return range(0)
    if low[max(0, end - 2) : end] in DAY_SUFFIXES:
        end -= 2
    if end <= 0 or not text[end - 1].isdecimal():
        return range(0)
    return range(max(0, end - 2), end)


def _is_word(char: str) -> bool:
    """Whether a pattern's `\\w` takes `char`."""
    return char.isalnum() or char == "_"
