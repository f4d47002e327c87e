"""Values printed in KPI grid cells: amounts, units, qualifiers, labelled years.

"5,666.55 Tonnes Confirmed - SCC residual tonnage", "<20,000 Tonnes", "47.5%",
"100 cases £19,112.23", "141 cases Value – £84,171.24", "1.20% Average",
"Target - 50% Actual – 44.1%", "2017.18 – 425 2016.17 - 484", "2015/16 -51.49%",
"n/a", "This information could not be collated …", "£1.2m", "Nil".
A number too long for float64 to hold exactly, or printed in exponent form
("1e308"), is not read: the cell becomes a null value with a `problem`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from normalise.amounts import (
    AMOUNT,
    MAX_DIGITS,
    OUTSIDE,
    Amount,
    amounts_in,
    plain,
)
from normalise.patterns import compiled
from normalise.repair import Repair
from normalise.text import fold_dashes, squash
from normalise.vocabulary import FINANCIAL_YEAR
from normalise.years import financial_year

# A label opens a value of its own: "Target - 50%", "Actual – 44.1%",
# "2017.18 – 425", "2015/16 -51.49%", "2015/2016 - 51.49%", a quarter of a
# year ("Q1 2016/17: 94%", "Q4 2016/17 – 110"). It only counts when
# an amount follows, so "No target - this is a measure only" and "Not reported
# in 2015/16" are words.
LABEL = compiled(
    r"(?:\b(?P<measure>target|actual)\b"
    # Not a quarter that ends a span or follows a measure ("Outturn at Q4
    # 2016/17 - 484", "Cumulative to Q4 2016/17: 95", "Q1-Q2 2016/17: 250",
    # "Target Q4 2017/18: 90"): those keep the year's label alone.
    r"|(?:(?<!\bto\s)(?<!\bat\s)(?<!\buntil\s)(?<!\bby\s)(?<![-\u2013/]\s)"
    r"(?<![-\u2013/])(?<!target\s)(?<!actual\s)"
    r"\b(?P<quarter>Q[1-4]|Quarter\s+[1-4]|Qtr\.?\s*[1-4])\s+)?"
    rf"(?<![\d/.])(?P<year>{FINANCIAL_YEAR})(?![\d/]))"
    r"(?P<sep>\s*[-\u2013:]?\s*)(?=[<>\u2264\u2265£~]|\d|approx|c\.\d)",
    re.IGNORECASE,
)
# Between two values of one cell only a short label may stand: "141 cases
# Value – £84,171.24"; anything longer is the note.
GAP = compiled(r"^[\s\-\u2013:,]*(?:[A-Za-z]+[\s\-\u2013:,]*){0,2}$")
MISSING = compiled(r"^(?:n/?a|-+|\u2013|none)$", re.IGNORECASE)
# A cell that opens with a minus sign on its figure ("-5%", "-£1,200", dashes
# folded): the figure's sign as printed. A dash with a space after it, or
# after a label ("Target - 50%", "2015/16 -51.49%"), is a separator.
SIGNED = compiled(r"^\s*-(?=£?[0-9])")
POUND_MINUS = compiled(r"£\s*-(?=[0-9])")
# A figure alone in brackets: "(1,234)", "(£350)", "(3.2%)".
BRACKETED = compiled(r"^\(\s*(?P<figure>[£0-9][^()]*?)\s*\)$")
# "Nil", "Nil – closed for refurbishment": the word for zero opening a value
# cell, so the figure is 0 and the rest of the cell its note.
NIL = compiled(r"^(?:nil|zero)\b(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
# What follows "Zero" used as an adjective: a word ("tolerance", "waste") or
# a hyphen joining one ("Zero-hours").
ADJECTIVE_AFTER = compiled(r"^(?:\s+[A-Za-z]|-[A-Za-z])")
# A value cell that opens mid-sentence, four words or more of it before its
# first figure: its first line was printed as another row's or column's
# ("progressed to full duty from 82, …", the rest of "1.22% (Only three
# cases"), so its figures are not the cell's value. Fewer words may lead a
# value ("average of 12 days", "year to date 45"), and so may these.
MID_SENTENCE = compiled(
    r"(?!(?:approx|about|around|circa|est|estimated|up|down|over|under|less|more"
    r"|nearly|almost|below|above|increased?|decreased?|reduced|reduction|average"
    r"|mean|at|on|target|within|total|nil|none|zero|n)\b)"
    r"[a-z][a-z'’]*[,:;]?(?:\s+[^\s\d]+){3,}\s+[^\s\d]*\d"
)
QUALIFIERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("confirmed", compiled(r"\bconfirmed\b", re.IGNORECASE)),
    ("estimated", compiled(r"\bestimated?\b|\(\s*est\.?\s*\)", re.IGNORECASE)),
    ("cumulative", compiled(r"\bcumulative(?:ly)?\b", re.IGNORECASE)),
    ("average", compiled(r"\baverage\b", re.IGNORECASE)),
    ("approx", compiled(r"\bapprox(?:imately)?\b|\bcirca\b", re.IGNORECASE)),
)
NOTE_EDGES = " -\u2013:,;."
SHOWN_CHARS = 24
TOO_LONG = compiled(rf"(?<![\d,.])[0-9](?:,?[0-9]){{{MAX_DIGITS},}}")
# "1e308" is not how a council report prints a number; reading its "1" would
# invent a value.
EXPONENT = compiled(r"(?<![\w.])[0-9]+(?:\.[0-9]+)?[eE][+-]?[0-9]+\b")
DIGIT = compiled(r"\d")
# A list of counts in a cell, each after its label: "Cannock North 12",
# "Burglary: 112", after a quarter's label. Not "12 complaints, 3 upheld",
# a count and a part of it.
QUARTER_LEAD = compiled(r"^(?:Q|quarter\s*)[1-4]\b\s*[-\u2013:]?\s*", re.IGNORECASE)
LIST_BREAK = compiled(r"\s*[,;]\s+")
LABELLED_COUNT = compiled(r"^[A-Za-z][A-Za-z '&/-]*?\s*:?\s*[0-9][0-9,]*$")
# "2:30", "00:02:30", "1:8": a time or a ratio, whose first figure alone had
# been read as the value.
CLOCK = compiled(r"(?<![\w./:])[0-9]{1,3}:[0-9]{1,2}(?::[0-9]{2})?(?![\d.:/])")
# A cell that is a range of two figures, "20-25", "97 - 98%", "£1m to £1.5m",
# "12 - 15 days":
# no one value (a financial year, "2016-17", is none).
RANGE = compiled(
    r"^(?:(?P<between>between)|approx(?:imately)?\.?|c\.|circa|around|target:?)?\s*"
    r"(?P<low>[<>]?\s*(?P<lp>£)?\s*(?P<a>\d[\d,]*(?:\.\d+)?)(?:\s*(?P<lu>%|[km]\b))?)"
    r"(?P<sep>\s*-\s*|\s+to\s+|\s+and\s+)"
    r"(?P<hp>£)?\s*(?P<high>\d[\d,]*(?:\.\d+)?)\s*(?P<hu>%|[km]\b)?"
    r"(?:\s*[a-z]+){0,2}\s*(?:\([^()]*\))?$",
    re.IGNORECASE,
)
# A financial year opening a cell: "2016-17", "2017.18 – 425".
OPENING_YEAR = compiled(rf"^\s*{FINANCIAL_YEAR}\b")
# The unit an indicator's name gives its bare numbers: "Percentage of household
# waste recycled", "% of Main Duty …" (percent); "Number of Discretionary
# Housing Payments awards", "No. of properties …" (count), even when a "£" cell
# stands on the same row (samples/002 prints the DHP target as "£172,583").
NAME_UNITS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "Average time to re-let council properties (days)", "Number of days to …"
    (
        OUTSIDE,
        compiled(
            r"\((?:days|weeks|hours|minutes)\)|\b(?:days|weeks|hours)\s+"
            r"(?:to|taken)\b",
            re.IGNORECASE,
        ),
    ),
    ("percent", compiled(r"%|\bper\s?cent(?:age)?\b", re.IGNORECASE)),
    ("gbp", compiled(r"£|\bpounds\b", re.IGNORECASE)),
    ("tonnes", compiled(r"\btonn(?:es|age)\b", re.IGNORECASE)),
    ("count", compiled(r"\b(?:number|no\.?)\s+of\b", re.IGNORECASE)),
)


@dataclass(frozen=True, slots=True)
class Value:
    """One value read from a cell; `measure`/`financial_year` only when labelled."""

    value: float | None
    unit: str | None
    comparator: str | None
    qualifier: str | None
    measure: str | None
    financial_year: str | None
    labelled: bool
    note: str | None
    repairs: tuple[Repair, ...] = ()
    problem: str | None = None
    # The quarter its label names ("Q1 2016/17: 94%"); None for a year's.
    period: str | None = None


@dataclass(frozen=True, slots=True)
class Part:
    """A stretch of a cell under one label (or none): "2016.17 - 484"."""

    measure: str | None
    financial_year: str | None
    body: str
    repairs: tuple[Repair, ...] = ()
    # The quarter a year's label names with it ("Q1 2016/17: 94%").
    period: str | None = None


def is_missing(raw: str) -> bool:
    """ "n/a", "N/A", "-": a cell that says there is no value."""
    return MISSING.match(squash(raw)) is not None


def qualifier_of(text: str) -> str | None:
    """ "Confirmed - Waste Dataflow Figure" -> confirmed; "1.20% Average" -> average."""
    for name, pattern in QUALIFIERS:
        if pattern.search(text):
            return name
    return None


def labelled_parts(text: str) -> list[Part]:
    """ "Target - 50% Actual – 44.1%" -> [target "50%", actual "44.1%"] (head first)."""
    s = squash(text)
    labels: list[tuple[re.Match[str], str | None, str | None, tuple[Repair, ...]]] = []
    for m in LABEL.finditer(s):
        if m["year"]:
            year, fix = financial_year(squash(m["year"]))
            if year is None:
                continue
            labels.append((m, None, year, _year_fixes(m, fix, s)))
        else:
            labels.append((m, m["measure"].lower(), None, ()))
    parts = [Part(None, None, s[: labels[0][0].start()] if labels else s)]
    for k, (m, measure, year, fixes) in enumerate(labels):
        end = labels[k + 1][0].start() if k + 1 < len(labels) else len(s)
        quarter = f"Q{m['quarter'][-1]}" if m["quarter"] else None
        parts.append(Part(measure or "actual", year, s[m.end() : end], fixes, quarter))
    return parts


def _year_fixes(m: re.Match[str], fix: Repair | None, s: str) -> tuple[Repair, ...]:
    fixes: tuple[Repair, ...] = (fix,) if fix else ()
    # "2015/16 -51.49%": a dash between a year and its value is a separator, not a
    # minus sign (a recycling rate or a tonnage is never negative).
    if "-" in m["sep"] and not m["sep"].endswith(" "):
        number = AMOUNT.match(s, m.end())
        if number:
            printed = s[m.start() : number.end()]
            repaired = f"{m['year']} {number[0]}"
            fixes += (
                Repair(
                    raw=printed,
                    repaired=repaired,
                    rule="dash_after_year",
                    confidence=0.9,
                    alternatives=(f"-{number[0]}",),
                ),
            )
    return fixes


def _note(pieces: list[str]) -> str | None:
    note = squash(" ".join(p.strip(NOTE_EDGES + "()") for p in pieces if p))
    note = note.strip(NOTE_EDGES)
    return note or None


def values_of_part(part: Part) -> list[Value]:
    """The values one part prints: several only when their units differ."""
    main, bracket, paren = part.body.partition("(")
    found = amounts_in(main)
    taken: list[tuple[Amount, int, int]] = []
    for amount, start, end in found:
        if taken:
            gap = main[taken[-1][2] : start]
            if not GAP.match(gap) or any(a.unit == amount.unit for a, _, _ in taken):
                break
        taken.append((amount, start, end))
    if not taken:
        return []
    rest = [main[: taken[0][1]], main[taken[-1][2] :], paren]
    note = _note(rest)
    qualifier = qualifier_of(part.body)
    signed = SIGNED.match(main) if part.measure is None else None
    minus = signed is not None and signed.end() == taken[0][1]
    return [
        Value(
            value=-a.value if minus and k == 0 else a.value,
            unit=a.unit,
            comparator=a.comparator,
            qualifier="approx" if a.approx and qualifier is None else qualifier,
            measure=part.measure,
            financial_year=part.financial_year,
            labelled=part.measure is not None,
            note=note,
            repairs=part.repairs + a.repairs,
            period=part.period,
        )
        for k, (a, _, _) in enumerate(taken)
    ]


def _nil(s: str) -> list[Value]:
    """ "Nil – closed for refurbishment" -> 0 with its note, logged as a word read
    as a number; values labelled after it ("Nil (target 5)") are read as usual."""
    if (m := NIL.match(s)) is None:
        return []
    parts = labelled_parts(m["rest"])
    if (
        m[0][:1] in "Zz"
        and ADJECTIVE_AFTER.match(m["rest"])
        and DIGIT.search(parts[0].body)
    ):
        # "Zero tolerance campaign - 12 FPNs issued": an adjective, the
        # figure after it the value; not "Zero – 2 appeals pending".
        return []
    zero = Value(
        value=0.0,
        unit=None,
        comparator=None,
        qualifier=qualifier_of(parts[0].body),
        measure=None,
        financial_year=None,
        labelled=False,
        note=_note([parts[0].body]),
        repairs=(
            Repair(
                raw=s[: m.start("rest")],
                repaired="0",
                rule="nil_as_zero",
                confidence=0.9,
                alternatives=("null",),
            ),
        ),
    )
    out = [zero]
    for part in parts[1:]:
        out.extend(values_of_part(part))
    return out


def _bracketed_negative(s: str) -> list[Value]:
    """ "(£350)": a sum alone in brackets is negative, as accounts print one,
    logged (`bracketed_negative`); it had been a note with no value. A bare
    "(1,234)" or a share "(3.2%)" may be either: a null value, reported."""
    if (m := BRACKETED.match(s)) is None:
        return []
    values = values_of_part(Part(None, None, m["figure"]))
    if len(values) != 1:
        return []
    value = values[0]
    figure = value.value
    if (
        figure is None
        or figure <= 0
        or value.note is not None
        or value.unit not in (None, "gbp", "percent")
    ):
        # Not "(12 cases)", a count in brackets, nor "(-5)" or "(0)".
        return []
    if value.unit != "gbp":
        # "(102)", "(57.3%)": a note (a count, a share) as often as a negative.
        return [_no_value(s, "a figure in brackets: a negative or a note")]
    fix = Repair(
        raw=s,
        repaired=f"-{m['figure']}",
        rule="bracketed_negative",
        confidence=0.8,
        alternatives=(m["figure"],),
    )
    return [replace(value, value=-figure, repairs=(*value.repairs, fix))]


def _labelled_counts(s: str) -> int:
    """How many counts a cell lists, each after its own label ("Q1 – Cannock
    North 12, Hednesford South 7", "Burglary: 112; Vehicle crime: 98"), or 0
    for a cell that is no such list: its first count had been the value, the
    others a note."""
    if "," not in s and ";" not in s or len(labelled_parts(s)) > 1:
        # No list; or values under labels ("Target 5, Actual 6").
        return 0
    parts = [p.strip() for p in LIST_BREAK.split(QUARTER_LEAD.sub("", s, count=1))]
    if len(parts) < 2 or not all(LABELLED_COUNT.match(p) for p in parts if p):
        return 0
    return sum(1 for p in parts if p)


def parse_cell(text: str, *, commentary: bool = False) -> list[Value]:
    """Every value a cell prints; a value column's wordy cell is one null value.

    Commentary columns ("Target Achieved / Trend") give only the values they
    print: their words alone ("Measure has changed") give nothing.
    """
    return list(_cell_values(text, commentary))


# Grids print the same cells again and again ("N/A", "-", "✓", targets), and
# the run-on reader reads each last cell once more to compare it.
@lru_cache(maxsize=8192)
def _cell_values(text: str, commentary: bool) -> tuple[Value, ...]:
    s = squash(fold_dashes(text).replace("\u00a3", "£"))
    if not s:
        return ()
    # "£-12,000": the minus of a sum printed after its pound sign.
    s = POUND_MINUS.sub("-£", s)
    if problem := unreadable(s):
        return (_no_value(s, problem),)
    if not commentary and MID_SENTENCE.match(s):
        return (_no_value(s, MID_CELL),)
    if not commentary and (clock := CLOCK.search(s.partition("(")[0])):
        return (_no_value(s, f"{clock[0]!r} is a time or a ratio, not one figure"),)
    if not commentary and (n := _labelled_counts(s)):
        return (_no_value(s, f"a list of {n} labelled counts, not one value"),)
    # A commentary column's "Nil" is no figure: only value columns print one.
    out = [] if commentary else _nil(s) or _bracketed_negative(s)
    if not out:
        for part in labelled_parts(s):
            out.extend(values_of_part(part))
    if out or commentary:
        return tuple(out)
    return (_no_value(None if is_missing(s) else s),)


MID_CELL = (
    "the cell opens mid-sentence, its first line printed as another row's or "
    "column's, so its figures are not its value"
)


def _no_value(note: str | None, problem: str | None = None) -> Value:
    """A printed cell without a number: a row with value null, its text kept."""
    return Value(
        value=None,
        unit=None,
        comparator=None,
        qualifier=None,
        measure=None,
        financial_year=None,
        labelled=False,
        note=note,
        problem=problem,
    )


def unreadable(text: str) -> str | None:
    """Why a cell's number cannot be read as printed, or None when it can."""
    if m := TOO_LONG.search(text):
        shown = m[0] if len(m[0]) <= SHOWN_CHARS else m[0][:SHOWN_CHARS] + "…"
        return f"number {shown} has more than {MAX_DIGITS} digits"
    if m := EXPONENT.search(text):
        return f"number {m[0]!r} is in exponent form"
    if _is_range(text):
        return f"{text!r} is a range of two figures, not one value"
    return None


def _is_range(text: str) -> bool:
    """ "20-25", "97-98%", "£1m to £1.5m", "Between 18 and 22", "approx
    400-450", "20-25 (revised)": two figures of one unit, one the low end of
    a range. Not "85% - 3 cases" or "£1.2m - 3 schemes" (two units), "1,234
    -5%" (a signed figure), "1,234 - 5%" (the first figure the larger),
    "2016-17" (a year), nor "18 and 22" without "between"."""
    m = RANGE.match(text)
    if m is None or OPENING_YEAR.match(text):
        return False
    sep = m["sep"]
    if sep.strip().lower() == "and" and not m["between"]:
        return False
    if sep.strip() == "-" and sep.startswith(" ") and not sep.endswith(" "):
        return False
    if (m["lp"] and not m["hp"]) or (
        m["lu"] and m["lu"].lower() != (m["hu"] or "").lower()
    ):
        return False
    # The low end first: "1,234 - 5%" is a count and a rate.
    return float(m["a"].replace(",", "")) <= float(m["high"].replace(",", ""))


def unit_of_name(name: str) -> str | None:
    """The unit an indicator's name states: "Percentage of …" -> percent."""
    for unit, pattern in NAME_UNITS:
        if pattern.search(name):
            return unit
    return None


# The thousands or millions of pounds a name or a column label says its
# figures count in: "Net budget (£000)", "£'000", "£000s", "Savings £k",
# "Capital spend (£m)", "£ million".
STATED_SCALE = compiled(
    r"£\s*(?:'?(?P<thousands>000s?\b|k\b|thousands?\b)"
    r"|(?P<millions>mn?\b|millions?\b))",
    re.IGNORECASE,
)


def stated_scale(text: str) -> tuple[Decimal, str] | None:
    """(multiplier, as printed) of a name or label that states its figures in
    thousands or millions of pounds: "Income (£000)" -> (1000, "£000")."""
    m = STATED_SCALE.search(text) if "£" in text else None
    if m is None or "%" in text:
        # "Annual Target (£000 / %)": which rows are in pounds is not said.
        return None
    return Decimal(1_000 if m["thousands"] else 1_000_000), m[0]


def scaled_by(value: Value, scale: tuple[Decimal, str]) -> Value:
    """A bare figure under a stated scale (see `stated_scale`) in pounds, the
    repair logged. A figure printed with its unit ("£45.00", "£1,250", "45%")
    or multiplier ("£1.2m"), which may be in pounds or in the scale's units
    alike, and a null stay as printed. A figure too long for float64 once
    scaled becomes a null value with a `problem`."""
    multiplier, printed = scale
    if value.value is None or value.unit is not None:
        return value
    scaled = Decimal(repr(value.value)) * multiplier
    if abs(scaled) >= 10**MAX_DIGITS:
        problem = f"number has more than {MAX_DIGITS} digits once in pounds ({printed})"
        return replace(value, value=None, problem=problem)
    fix = Repair(
        raw=f"{plain(value.value)} ({printed})",
        repaired=plain(scaled),
        rule="stated_multiplier",
    )
    return replace(
        value, value=float(scaled), unit="gbp", repairs=(*value.repairs, fix)
    )


def bare_unit(name: str, cells: Sequence[Sequence[Value]]) -> str:
    """The unit a bare number takes on an indicator's row.

    The unit printed elsewhere on the row ("18,752" beside "… Tonnes" cells is
    tonnes), unless the name states one ("Number of …" stays a count beside a
    "£172,583" target) or the row prints several ("100 cases £19,112.23"), when
    the name decides and a count is the default.
    """
    stated = unit_of_name(name)
    if stated is not None:
        return stated
    printed = {v.unit for values in cells for v in values if v.unit is not None}
    return printed.pop() if len(printed) == 1 else "count"
