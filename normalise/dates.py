"""Dates as the reports print them: "24.07.17", "03/12/15", "3rd December 2015",
"24-07-17", "2017-07-24", "24 Jul 17"."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date

from normalise.repair import Repair

# "24.07.17", "03/12/15", "24-07-17", "24.07.2017": day first.
NUMERIC = re.compile(r"^(\d{1,3})\s*[./\-]\s*(\d{1,3})\s*[./\-]\s*(\d{2}|\d{4})$")
# "2017-07-24": year first, as a data export prints it.
ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
# "3rd December 2015", "24 July, 2017", "24 Jul 17".
WORDED = re.compile(
    r"^(\d{1,2})\s*(?:st|nd|rd|th)?\s+([A-Za-z]+)\s*,?\s+(\d{4}|\d{2})$",
    re.IGNORECASE,
)
# Letters a typist or a converter puts for digits: O for 0, l and I for 1.
LOOKALIKES = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1"})
# date.weekday(): Saturday is 5.
WEEKEND = 5
MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}


def _year(y: str) -> int:
    return int(y) if len(y) == 4 else 2000 + int(y)


def _make(d: int, m: int, y: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def month_number(name: str) -> int | None:
    name = name.lower()
    if name in MONTHS:
        return MONTHS[name]
    hits = [n for m, n in MONTHS.items() if len(name) >= 3 and m.startswith(name)]
    return hits[0] if len(hits) == 1 else None


def parse_date(raw: str) -> date | None:
    """A printed date, or None when it is not one (nothing is guessed here)."""
    s = raw.strip()
    if m := NUMERIC.match(s):
        if len(m[1]) > 2 or len(m[2]) > 2:
            return None
        return _make(int(m[1]), int(m[2]), _year(m[3]))
    if m := ISO.match(s):
        return _make(int(m[3]), int(m[2]), int(m[1]))
    if m := WORDED.match(s):
        month = month_number(m[2])
        return _make(int(m[1]), month, _year(m[3])) if month else None
    return None


def candidates(raw: str) -> list[tuple[str, date]]:
    """Valid dates one dropped digit away from a numeric date that is impossible.

    "197.04.18" -> [("17.04.18", 2018-04-17), ("19.04.18", 2018-04-19)].
    """
    m = NUMERIC.match(raw.strip())
    if not m:
        return []
    groups = [m[1], m[2], m[3]]
    out: dict[str, date] = {}
    for g, text in enumerate(groups[:2]):
        for k in range(len(text)):
            trial = list(groups)
            trial[g] = text[:k] + text[k + 1 :]
            if not trial[g] or len(trial[g]) > 2:
                continue
            printed = f"{trial[0]}.{trial[1]}.{trial[2]}"
            if (d := parse_date(printed)) is not None:
                out.setdefault(printed, d)
    return list(out.items())


def repair_date(
    raw: str, evidence: Collection[date] = (), meeting: bool = False
) -> tuple[date | None, Repair | None]:
    """Parse `raw`; when impossible, choose the candidate the evidence agrees with.

    `evidence` holds the other dates printed for the same quarter of the report.
    For a `meeting` date a candidate on a weekday beats ones on a weekend
    ("201.10.17": 20.10.17 is a Friday, 21.10.17 a Saturday, 01.10.17 a Sunday).
    A valid date is never changed. With no candidate, or nothing to choose
    between several, the result is None and the repair (rule
    `date_extra_digit`, confidence 0) lists the alternatives for QA.
    """
    if (d := parse_date(raw)) is not None:
        return d, None
    digits = raw.translate(LOOKALIKES)
    if digits != raw and NUMERIC.match(digits.strip()):
        # "2O.01.17": a letter O typed for a zero.
        fixed, repair = repair_date(digits, evidence, meeting)
        if repair is None and fixed is not None:
            return fixed, Repair(
                raw=raw,
                repaired=digits.strip(),
                rule="letter_for_digit",
                confidence=0.9,
            )
        if repair is not None:
            return fixed, Repair(
                raw=raw,
                repaired=repair.repaired,
                rule=f"letter_for_digit+{repair.rule}",
                confidence=repair.confidence * 0.9,
                alternatives=repair.alternatives,
            )
        return None, None
    found = candidates(raw)
    if not found:
        return None, None
    chosen: tuple[str, date] | None = None
    confidence = 0.0
    supported = [(p, d) for p, d in found if d in evidence]
    weekdays = [(p, d) for p, d in found if d.weekday() < WEEKEND]
    if len(supported) == 1:
        chosen, confidence = supported[0], 0.9
    elif len(found) == 1:
        chosen, confidence = found[0], 0.6
    elif meeting and len(weekdays) == 1:
        chosen, confidence = weekdays[0], 0.7
    if chosen is None:
        return None, Repair(
            raw=raw,
            repaired="",
            rule="date_extra_digit",
            confidence=0.0,
            alternatives=tuple(p for p, _ in found),
        )
    others = tuple(p for p, _ in found if p != chosen[0])
    return chosen[1], Repair(
        raw=raw,
        repaired=chosen[0],
        rule="date_extra_digit",
        confidence=confidence,
        alternatives=others,
    )
