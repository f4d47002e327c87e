"""Financial years and quarters: "2017-18", "2017.18", "Quarters 1 and 2"."""

from __future__ import annotations

import re
from datetime import date

from normalise.repair import Repair

FY = re.compile(r"^(20\d\d)\s*([./\-\u2013])\s*(\d\d)$")
FY_IN_TEXT = re.compile(r"(?<![\d/.])(20\d\d)\s*([./\-\u2013])\s*(\d\d)(?![\d/.]?\d)")
QUARTER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def financial_year(raw: str) -> tuple[str | None, Repair | None]:
    """ "2017/18" as is; "2017-18", "2017.18", "2016 - 17" -> "2017/18" (logged)."""
    m = FY.match(raw.strip())
    if not m or int(m[3]) != (int(m[1]) + 1) % 100:
        return None, None
    value = f"{m[1]}/{m[3]}"
    if m[2] != ".":
        # "2017-18" and "2017/18" are how the reports print a year: plain parsing.
        return value, None
    return value, Repair(raw=raw, repaired=value, rule="financial_year_dot")


def financial_years_in(text: str) -> list[str]:
    """Every financial year printed in `text`, in order ("Corporate Plan 2015-18" is no year)."""
    out = []
    for m in FY_IN_TEXT.finditer(text):
        if int(m[3]) == (int(m[1]) + 1) % 100:
            out.append(f"{m[1]}/{m[3]}")
    return out


def financial_year_of(day: date) -> str:
    """The UK financial year (1 April - 31 March) a date falls in."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def quarter_of(day: date) -> str:
    """Q1 = April-June … Q4 = January-March."""
    return f"Q{((day.month - 4) % 12) // 3 + 1}"


def period_end(financial_year: str, period: str) -> date | None:
    """Last day of a quarter or of the year: ("2017/18", "Q4") -> 2018-03-31."""
    m = re.match(r"^(20\d\d)/\d\d$", financial_year or "")
    if not m:
        return None
    start = int(m[1])
    ends = {"Q1": date(start, 6, 30), "Q2": date(start, 9, 30),
            "Q3": date(start, 12, 31), "Q4": date(start + 1, 3, 31),
            "FY": date(start + 1, 3, 31)}
    return ends.get(period)
