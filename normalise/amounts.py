"""Amounts as printed in a cell: "5,666.55 Tonnes", "<20,000", "47.5%",
"£1.2m" (scaled, and the repair logged), "c.160"; years and dates are not
amounts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from normalise.numbers import parse_number
from normalise.patterns import compiled
from normalise.repair import Repair
from normalise.years import FY_IN_TEXT

AMOUNT = compiled(
    r"(?<![\w/.,£])"
    r"(?:(?P<comparator><=|>=|[<>\u2264\u2265])"
    # "At least 98%", "Less than 10", "Max 25", "At or above 95%", "Equal to
    # or greater than 98%", "Not above 25": a comparator in words.
    r"|(?P<compared>(?:(?:not|no)\s+|at\s+or\s+|equal\s+to\s+or\s+)?"
    r"(?:(?:less|fewer|more|greater)\s+than(?:\s+or\s+equal\s+to)?"
    # Not "over 12 months", a span of time.
    r"|under|below|over(?!\s+\d+\s+(?:months?|years?)\b)|above|up\s+to)"
    r"|at\s+(?:least|most)|(?:min|max)(?:imum)?(?:\s+of)?)\b\.?:?)?\s*"
    r"(?P<approx>(?:approx(?:imately)?\.?|c\.|circa|~)\s*)?"
    r"(?P<gbp>£)?\s*"
    r"(?P<number>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
    r"(?![\d/]|\.\d|[eE][+-]?\d)"
    # "£1.2m", "£1.5 m", "£450k", "£2.3bn", "1.2 million", "145k": a
    # multiplier. The short letters but "k" count only after "£", where they
    # cannot be a unit ("5m" may be metres); "k" is no unit ("kg", "km" are
    # longer).
    r"(?P<scale>\s*(?:million|billion)\b|(?(gbp)\s?(?:bn|mn|m|k)\b|k\b))?"
    r"(?:\s*(?P<percent>%|per\s?cent\b)"
    r"|\s+(?P<word>tonnes?|cases?|days?|weeks?|hours?|minutes?)\b"
    # "12.5 per 1,000" (a rate of business start-ups): the unit is the rate, not
    # the bare number's, and "1,000" is its base, not a second value.
    r"|\s+(?P<rate>per\s+(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?![\d.,])))?"
    # "95% or above", "10 days or less", "45+".
    # An actual "96% or above target" says how it did, no bound.
    r"(?:\s*(?P<or_more>or\s+(?:above|more|higher|over|greater)\b(?!\s+\w)"
    r"|\+(?!\s*[\d+£]))"
    r"|\s*(?P<or_less>or\s+(?:below|less|fewer|under|lower)\b(?!\s+\w)))?",
    re.IGNORECASE,
)

SCALES = {
    "k": Decimal(1_000),
    "m": Decimal(1_000_000),
    "mn": Decimal(1_000_000),
    "million": Decimal(1_000_000),
    "bn": Decimal(1_000_000_000),
    "billion": Decimal(1_000_000_000),
}

# A unit the contract has no name for ("24.6 days") is OUTSIDE: printed, so the
# value is no bare number, but written as a null unit.
OUTSIDE = ""

WORD_UNITS = {
    "tonne": "tonnes",
    "tonnes": "tonnes",
    "case": "count",
    "cases": "count",
    "day": OUTSIDE,
    "days": OUTSIDE,
    "week": OUTSIDE,
    "weeks": OUTSIDE,
    "hour": OUTSIDE,
    "hours": OUTSIDE,
    "minute": OUTSIDE,
    "minutes": OUTSIDE,
}

# A date printed in a note is no value: "Survey results are due in March 2014",
# "opened on 1 April 2019". Month names are capitalised in the reports, which
# keeps "12 may be revised" a number; a year must follow, as a day without one
# ("31 March") may be a figure.
DATE = compiled(
    r"(?<![\w.,/])(?:[0-9]{1,2}(?:st|nd|rd|th)?\s+)?"
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
    r"|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
    r"\.?,?\s+(?:19|20)[0-9]{2}(?![\d/.]?\d)"
)

# float64 holds 15 significant decimal digits exactly (and int64 18): a longer
# whole part ("1111…" over 400 digits, "£99999999999999999999999999") is not a
# figure a performance report prints, so it is flagged rather than rounded.
MAX_DIGITS = 15


@dataclass(frozen=True, slots=True)
class Amount:
    """One number as printed with its unit and comparator."""

    value: float
    unit: str | None
    comparator: str | None
    approx: bool
    text: str
    repairs: tuple[Repair, ...] = ()


def unit_of(match: re.Match[str]) -> str | None:
    """ "%" -> percent, "£" -> gbp, "Tonnes" -> tonnes, "cases" -> count."""
    if match["percent"]:
        return "percent"
    if match["gbp"]:
        return "gbp"
    if match["word"]:
        return WORD_UNITS[match["word"].lower()]
    if match["rate"]:
        return OUTSIDE
    return None


# The comparators printed in words, by their word of direction.
BELOW_WORDS = frozenset({"less", "fewer", "under", "below", "max", "maximum", "most"})
ABOVE_WORDS = frozenset({"more", "greater", "over", "above", "min", "minimum", "least"})


def _worded(words: list[str]) -> str:
    """ "at least" >=, "less than" <, "at or above" >=, "not above" <=, "up to"
    <=, "greater than or equal to" >=, "maximum of" <=."""
    if words[:2] == ["up", "to"]:
        return "<="
    below = any(w in BELOW_WORDS for w in words)
    if words[0] in ("not", "no"):
        # "not less than" is at least; "no more than", "not above" at most.
        return ">=" if below else "<="
    if words[0] == "at" and words[1] in ("least", "most"):
        return ">=" if words[1] == "least" else "<="
    inclusive = (
        words[0] in ("at", "equal", "min", "minimum", "max", "maximum")
        or "equal" in words
    )
    return ("<" if below else ">") + ("=" if inclusive else "")


def _comparator(m: re.Match[str]) -> str | None:
    """The comparator printed before a number or after it ("or above")."""
    if raw := m["comparator"]:
        return {"\u2264": "<=", "\u2265": ">="}.get(raw, raw)
    if words := m["compared"]:
        return _worded(words.lower().rstrip(".:").split())
    if m["or_more"]:
        return ">="
    if m["or_less"]:
        return "<="
    return None


def plain(value: Decimal | float) -> str:
    """A number as a repair prints it: no exponent, no trailing zeros
    (Decimal("1.2E+6") and 1200000.0 -> "1200000")."""
    number = value if isinstance(value, Decimal) else Decimal(repr(value))
    return format(number.normalize(), "f")


def _scaled(m: re.Match[str]) -> tuple[float, Repair] | None:
    """ "£1.2m" -> 1200000.0 and the repair that logs it; None when the result
    has more digits than float64 holds exactly (see MAX_DIGITS)."""
    scale = SCALES[m["scale"].strip().lower()]
    value = Decimal(m["number"].replace(",", "")) * scale
    if value >= 10**MAX_DIGITS:
        return None
    start = m.start("gbp") if m["gbp"] else m.start("number")
    printed = m.string[start : m.end("scale")]
    repaired = plain(value)
    fix = Repair(raw=printed, repaired=repaired, rule="amount_multiplier")
    return float(value), fix


def _amount(m: re.Match[str]) -> Amount | None:
    value, _ = parse_number(m["number"])
    if value is None:
        return None
    repairs: tuple[Repair, ...] = ()
    if m["scale"]:
        if (scaled := _scaled(m)) is None:
            return None
        value, fix = scaled
        repairs = (fix,)
    return Amount(
        value=value,
        unit=unit_of(m),
        comparator=_comparator(m),
        approx=bool(m["approx"]),
        text=m[0].strip(),
        repairs=repairs,
    )


def _year_spans(text: str) -> list[tuple[int, int]]:
    """Spans of financial years ("2019/20") and dates ("1 April 2019")."""
    return [m.span() for m in FY_IN_TEXT.finditer(text)] + [
        m.span() for m in DATE.finditer(text)
    ]


def amounts_in(text: str) -> list[tuple[Amount, int, int]]:
    """Every amount in `text` with its span; years ("2019/20") and dates ("March
    2014") are not amounts."""
    years = _year_spans(text)
    out = []
    for m in AMOUNT.finditer(text):
        start, end = m.start("number"), m.end("number")
        if any(a <= start < b or a < end <= b for a, b in years):
            continue
        if (amount := _amount(m)) is not None:
            out.append((amount, m.start(), m.end()))
    return out
