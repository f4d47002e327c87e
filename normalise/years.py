"""Financial years and quarters: "2017-18", "2017.18", "Quarters 1 and 2"."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from normalise.patterns import compiled
from normalise.repair import Repair
from normalise.vocabulary import FINANCIAL_YEAR, QUARTER_NUMBER

FY = compiled(r"^(20\d\d)\s*([./\-\u2013])\s*((?:20)?\d\d)$")
# No digit, "/" or "." before the year: looked behind once "20" is found, as
# the engine scans far faster for a pattern that opens with fixed characters.
FY_IN_TEXT = re.compile(
    r"(20\d\d)(?<![\d/.]20\d\d)\s*([./\-\u2013])\s*((?:20)?\d\d)(?![\d/.]?\d)"
)
# "Quarter 3", "Quarters 1 and 2", "Quarters 1 & 2", "Quarters 1-3", "Quarters 2, 3
# and 4", "Quarter Four", "Q1 and Q2", "Q1-Q2"; not the "Quarter 2" of "Third
# Quarter 2018/19".
QUARTER_SPAN = re.compile(
    rf"\b(?:quarters?\s+|Q)(?P<first>{QUARTER_NUMBER})\b"
    rf"(?P<rest>(?:\s*(?:,|and|&|-|\u2013|to)\s*(?:Q|quarter\s+)?{QUARTER_NUMBER}\b)*)",
    re.IGNORECASE,
)
RANGE_SEP = re.compile(r"^\s*(?:-|\u2013|to)\s*", re.IGNORECASE)
WHOLE_YEAR = re.compile(
    r"\b(?:end\s+of\s+(?:the\s+)?year|year[\s-]end|annual\s+"
    r"performance)\b",
    re.IGNORECASE,
)
HALF_YEAR = re.compile(r"\b(?:half[\s-]year|mid[\s-]year)\b", re.IGNORECASE)
QUARTER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "1": 1,
    "2": 2,
    "3": 3,
    "4": 4,
}
# "third quarter", "the final quarter of 2016/17" ("last quarter" is the one
# before the report's, not a quarter it covers).
ORDINAL_QUARTER = re.compile(
    r"\b(first|second|third|fourth|final|1st|2nd|3rd|4th)\s+quarter\b", re.IGNORECASE
)
OF_YEAR = re.compile(rf"\s+of\s+(?:the\s+)?{FINANCIAL_YEAR}\b")
ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
}
# One quarter named alone, as prose names a figure's: "Q2", "Quarter 2",
# "quarter two", "the first quarter".
ONE_QUARTER = (
    rf"(?:Q[1-4]|quarter\s+{QUARTER_NUMBER}"
    r"|the\s+(?:first|second|third|fourth|final|1st|2nd|3rd|4th)\s+quarter)"
)
# A period prose names: a quarter, with its year or not ("Q4 2016/17", "the
# first quarter of 2017/18"), or a year.
QUARTER_OR_YEAR = (
    rf"(?:{ONE_QUARTER}(?:\s+(?:of\s+)?(?:the\s+)?{FINANCIAL_YEAR})?|{FINANCIAL_YEAR})"
)
ALL_QUARTERS = ("Q1", "Q2", "Q3", "Q4")
EARLY_DAYS = 15


def financial_year(raw: str) -> tuple[str | None, Repair | None]:
    """ "2017/18" as is; "2017-18", "2017/2018" -> "2017/18"; "2017.18" ->
    "2017/18" (logged)."""
    m = FY.match(raw.strip())
    if not m:
        return None, None
    start, end = int(m[1]), int(m[3])
    if end != (start + 1 if len(m[3]) == 4 else (start + 1) % 100):
        return None, None
    value = f"{m[1]}/{m[3][-2:]}"
    if m[2] != ".":
        # "2017-18", "2017/18" and "2017/2018" are how reports print a year:
        # plain parsing.
        return value, None
    return value, Repair(raw=raw, repaired=value, rule="financial_year_dot")


def financial_years_in(text: str) -> list[str]:
    """Every financial year printed in `text`, in order ("Plan 2015-18" is no year)."""
    out = []
    for m in FY_IN_TEXT.finditer(text):
        end = int(m[3][-2:])
        if len(m[3]) == 4 and int(m[3]) != int(m[1]) + 1:
            continue
        if end == (int(m[1]) + 1) % 100:
            out.append(f"{m[1]}/{end:02d}")
    return out


def previous_financial_year(financial_year: str | None) -> str | None:
    """The year before: "2018/19" -> "2017/18" (a "Last year's outturn" column)."""
    m = FY.match(financial_year or "")
    if not m or m[2] != "/":
        return None
    start = int(m[1]) - 1
    return f"{start}/{(start + 1) % 100:02d}"


def financial_year_of(day: date) -> str:
    """The UK financial year (1 April - 31 March) a date falls in."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def quarter_of(day: date) -> str:
    """Q1 = April-June … Q4 = January-March."""
    return f"Q{((day.month - 4) % 12) // 3 + 1}"


def period_start(financial_year: str, period: str) -> date | None:
    """First day of a quarter or of the year: ("2017/18", "Q4") -> 2018-01-01."""
    m = re.match(r"^(20\d\d)/\d\d$", financial_year or "")
    if not m:
        return None
    start = int(m[1])
    starts = {
        "Q1": date(start, 4, 1),
        "Q2": date(start, 7, 1),
        "Q3": date(start, 10, 1),
        "Q4": date(start + 1, 1, 1),
        "FY": date(start, 4, 1),
    }
    return starts.get(period)


def period_end(financial_year: str, period: str) -> date | None:
    """Last day of a quarter or of the year: ("2017/18", "Q4") -> 2018-03-31."""
    m = re.match(r"^(20\d\d)/\d\d$", financial_year or "")
    if not m:
        return None
    start = int(m[1])
    ends = {
        "Q1": date(start, 6, 30),
        "Q2": date(start, 9, 30),
        "Q3": date(start, 12, 31),
        "Q4": date(start + 1, 3, 31),
        "FY": date(start + 1, 3, 31),
    }
    return ends.get(period)


# Asked of every title, heading and sentence, many printed alike.
@lru_cache(maxsize=4096)
def quarters_in(text: str) -> tuple[str, ...]:
    """The quarters a title names: "Quarters 1 and 2" -> ("Q1", "Q2").

    "End of Year" and "Annual Performance" are all four; "Half Year" is Q1-Q2;
    "Quarters 1-3" is a range.
    """
    if WHOLE_YEAR.search(text):
        return ALL_QUARTERS
    found: set[int] = set()
    if HALF_YEAR.search(text):
        found.update((1, 2))
    for m in QUARTER_SPAN.finditer(text):
        numbers = [QUARTER_WORDS[m["first"].lower()]]
        rest = m["rest"]
        for part in re.finditer(
            rf"(?P<sep>[^A-Za-z0-9]*(?:and|to)?[^A-Za-z0-9]*)"
            rf"(?:Q|quarter\s+)?(?P<n>{QUARTER_NUMBER})\b",
            rest,
            re.IGNORECASE,
        ):
            n = QUARTER_WORDS[part["n"].lower()]
            if RANGE_SEP.match(part["sep"]):
                numbers.extend(range(numbers[-1] + 1, n + 1))
            else:
                numbers.append(n)
        found.update(numbers)
    return tuple(f"Q{n}" for n in sorted(found))


def ordinal_quarters(text: str, of_year: bool = False) -> tuple[str, ...]:
    """The quarters a text names by their order: "the third quarter", "the
    final quarter of 2016/17" ("Q3", "Q4"). `of_year`: only those named with
    their financial year ("the first quarter of 2014/15"), as prose must: not
    "the first quarter of 2017" (a calendar year's) nor "up from 88% in the
    first quarter" (a comparison)."""
    found = {
        ORDINALS[m[1].lower()]
        for m in ORDINAL_QUARTER.finditer(text)
        if not of_year or OF_YEAR.match(text, m.end())
    }
    return tuple(f"Q{n}" for n in sorted(found))


def quarter_named(text: str) -> str:
    """The quarter a match of `ONE_QUARTER` names: "Quarter two" -> "Q2",
    "the final quarter" -> "Q4"."""
    words = text.lower().split()
    if words[-1] == "quarter":
        return f"Q{ORDINALS[words[-2]]}"
    return f"Q{QUARTER_WORDS[words[-1].removeprefix('q')]}"


def period_of(quarters: tuple[str, ...]) -> str | None:
    """How a grid labels its span: ("Q1", "Q2") -> "Q1-Q2"; all four -> "FY"."""
    if not quarters:
        return None
    if quarters == ALL_QUARTERS:
        return "FY"
    if len(quarters) == 1:
        return quarters[0]
    numbers = [int(q[1]) for q in quarters]
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"{quarters[0]}-{quarters[-1]}"
    # Quarters that are not a run ("Q2 and Q4") are listed, never bridged.
    return ",".join(quarters)


YEAR_TO_DATE = re.compile(r"\b(?:year[\s-]+to[\s-]+date|YTD)\b", re.IGNORECASE)


def year_to_date(text: str, latest: tuple[str, ...]) -> tuple[str, ...]:
    """ "Year to date" in a title: Q1 up to the latest quarter the report covers."""
    if not YEAR_TO_DATE.search(text) or not latest:
        return ()
    last = max(int(q[1]) for q in latest)
    return tuple(f"Q{n}" for n in range(1, last + 1))


def year_of_quarter_report(quarter: str, reported: date) -> str | None:
    """The financial year of a quarter reported on a date after it: a Q4 block
    dated 17.04.18 is 2017/18's Q4, a Q1 block dated 24.07.17 is 2017/18's Q1."""
    best: tuple[int, str] | None = None
    for start in (reported.year - 2, reported.year - 1, reported.year):
        year = f"{start}/{(start + 1) % 100:02d}"
        end = period_end(year, quarter)
        if end is None:
            return None
        gap = (reported - end).days
        # Reported up to a few days early (a block dated the quarter's last week).
        if gap >= -EARLY_DAYS and (best is None or gap < best[0]):
            best = (gap, year)
    return best[1] if best else None
