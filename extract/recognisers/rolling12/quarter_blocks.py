"""Quarter blocks as printed: "Q1 (24.07.17) Previous 12 months = 5,673 Last 12
months = 6,506 Change Over 12 Months = 15% increase (833)", in any order of its
fields, with ":" for "=", "no change", typos in the captions.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from extract.document import Cell
from normalise.patterns import ENHANCEMATCH, fuzzy
from normalise.vocabulary import MONTH

if TYPE_CHECKING:
    import regex

MINUS = "-\u2013\u2212"

# ENHANCEMATCH: of the fuzzy matches at a position, the one with fewest errors.
FLAGS = re.IGNORECASE | ENHANCEMATCH

# The patterns are compiled, and regex imported, when a cell first holds a
# quarter label and a total: a run of reports without quarter blocks needs
# neither.

# A quarter label opens a block: "Q1 (24.07.17)", "Quarter 3 (19.01.18)", "Q2",
# "Qtr 4 (17.04.18)", "Q1 (24 July 2017)", "Q1 (24-07-17)", "Q1 (as at
# 24.07.17)", its date also after a colon or dash ("Q1: (24.07.17)").
ANCHOR = fuzzy(
    r"\b(?:Q|Qtr\.?\s*|Quarter\s*)(?P<n>[1-4])\b\s*"
    r"(?:(?:[:\-\u2013]\s*)?"
    r"(?:\(\s*(?:as\s+(?:at|of)\s+|at\s+)?"
    r"(?P<date>(?=[^)]*\d)[\dOolI./][\dOolI./\-]*)\s*\)"
    r"|\(\s*(?:as\s+(?:at|of)\s+|at\s+)?"
    rf"(?P<worded>\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\.?\s*,?\s+\d{{2}}(?:\d{{2}})?)"
    r"\s*\)"
    r"|(?P<bare>\d{1,3}[./]\d{1,2}[./]\d{2,4})\b))?",
    re.IGNORECASE,
)

# The labels as damaged text prints them: OCR reads "m" as "rn" ("12 rnonths")
# and "1" as "l" ("Previous l2 months"), retyping drops a space ("Last12 months")
# or types a zero for an O ("Change 0ver 12 Months"). So a label word may be one
# edit off ("months" two, for "rn"), the 12 may print its 1 as l or I, and the
# spaces may go. The "=" and the digits after it stay exact: they make a block.
TWELVE = r"[1lI]2"

MONTHS = r"(?:months?){e<=2}"

# A total keeps its printed sign ("= -5,673" is reported, not dropped); a label
# whose figure is missing ("Last 12 months = ,") still makes the block, with no
# figure, so the block is reported rather than lost.
TOTAL = rf"[=:]\s*(?P<v>[{MINUS}+]?\s*\d[\d,]*)?"

PREVIOUS = fuzzy(rf"\b(?:previous){{e<=1}}\s*{TWELVE}\s*{MONTHS}\s*{TOTAL}", FLAGS)

LAST = fuzzy(rf"\b(?:last|current){{e<=1}}\s*{TWELVE}\s*{MONTHS}\s*{TOTAL}", FLAGS)

# The words for which way a change went ("15% increase", "3% fall"), and
# which way each says.
DIRECTION = r"increase|reduction|decrease|rise|fall|higher|lower"
# After a printed change only: "15% up (902)", "1% down (46)" (a line's
# "up"/"down" elsewhere is no block's).
CHANGE_DIRECTION = rf"(?:{DIRECTION}|up|down)\b"
# The words a block's later lines open with, its totals' labels cut across
# lines: "Previous 12", "months = 89", "Change over", "over 12", "= 2,957".
LINE_WORDS = r"previous|last|current|change|months?\b|over\s+12|="
DIRECTIONS = {
    "increase": "increase",
    "rise": "increase",
    "reduction": "reduction",
    "decrease": "reduction",
    "fall": "reduction",
    "higher": "increase",
    "lower": "reduction",
    "up": "increase",
    "down": "reduction",
}
# Printed percentages are whole numbers: a change that is more than this far from
# the one the two totals give does not follow from them.
PCT_TOLERANCE = 1.0

# What the difference counts, printed with it: "(833 crimes)", "(321 fewer
# incidents)"; not another figure's words ("(3 year high)", "(12 months to
# Sept)").
ABS_WORDS = (
    r"(?!\s+(?:years?|months?|weeks?|days?|high|low|to|from|since|ago)\b)"
    r"(?:\s+[A-Za-z][A-Za-z-]*){0,4}\s*"
)

CHANGE = fuzzy(
    rf"\b(?:change){{e<=1}}(?:\s*(?:over){{e<=1}}\s*{TWELVE}\s*{MONTHS})?\s*[=:]\s*"
    rf"(?:(?P<pct>[{MINUS}+]?\s*\d+(?:\.\d+)?)\s*%"
    rf"\s*(?:(?P<direction>{CHANGE_DIRECTION})|no\s+change)?"
    rf"\s*(?:\((?P<abs>[{MINUS}+]?\s*[\d,]+){ABS_WORDS}\))?"
    # "Change = 120 (9%)": the difference first, the percentage in brackets.
    rf"|(?P<abs_first>[{MINUS}+]?\s*[\d,]+)\s*"
    rf"(?P<direction_first>{CHANGE_DIRECTION})?\s*"
    rf"\(\s*(?P<pct_last>[{MINUS}+]?\s*\d+(?:\.\d+)?)\s*%\s*\)"
    rf"(?:\s*(?P<direction_last>{CHANGE_DIRECTION}))?"
    r"|(?P<none>no\s+change))",
    FLAGS,
)

# A column cut through a `-layout` cell moves the change caption's words about
# ("Change over 12 Months 32%", "Change = 12 Months 33%", "over Change over =
# 12 Months = 23%"): the change is then the percentage right after the
# caption's words, whatever their order. Only a percentage, so no caption's
# "12" is read as the change.
JUMBLED_CHANGE = fuzzy(
    rf"\b(?:change){{e<=1}}(?:\s*(?:(?:over|{TWELVE}|months?)\b|[=:]))+\s*"
    rf"(?P<pct>[{MINUS}+]?\s*\d+(?:\.\d+)?)\s*%"
    rf"\s*(?:(?P<direction>{CHANGE_DIRECTION})|no\s+change)?"
    rf"\s*(?:\((?P<abs>[{MINUS}+]?\s*[\d,]+){ABS_WORDS}\))?",
    FLAGS,
)

# Seconds the patterns may take over one cell's text, which comes from the input.
# No cell of samples/ (text or PDF) takes 3 ms; a cell of unclosed quarter labels
# ("Q1 (" 16,000 times, 64 kB) takes 1.6 s, growing with the square of its length,
# as ANCHOR looks for a digit before each ")".
MATCH_TIMEOUT = 1.0
# A text up to this long is scanned within a few milliseconds whatever it holds
# (2,000 characters of unclosed labels take about 3 ms, 8 ms with a total), never
# near MATCH_TIMEOUT: its blocks depend on the text alone.
QUICK_CHARS = 2000

# What may stand between a quarter label and its first total: "Q1 (…) -".
LEAD = " :-\u2013,"


@dataclass(frozen=True, slots=True)
class Block:
    """One quarter block as printed; its fields in any order, the change optional.

    "Q1 (24.07.17) Previous 12 months = 5,673 Last 12 months = 6,506 Change Over
    12 Months = 15% increase (833) For information only …", also with "Last"
    before "Previous", ":" for "=", "no change", or spread over `<p>` paragraphs.
    """

    quarter: str
    date: str | None
    previous: str | None
    last: str | None
    pct: str | None
    direction: str | None
    change: str | None
    no_change: bool
    note: str | None
    start: int
    end: int


def blocks_in(text: str, timeout: float | None = None) -> list[Block]:
    """The quarter blocks of one cell's text, each up to the next quarter label.

    Raises TimeoutError when the patterns take more than `timeout` seconds
    (`MATCH_TIMEOUT` when None) over the text.
    """
    if "Q" not in text and "q" not in text:
        # No quarter label: most cells.
        return []
    if len(text) <= QUICK_CHARS and timeout is None:
        if "=" not in text and ":" not in text:
            # No total: every label is printed with its exact "=" or ":".
            return []
        return list(_short_blocks(text))
    return _scan(text, timeout)


# A report's series reprints its blocks.
@lru_cache(maxsize=4096)
def _short_blocks(text: str) -> tuple[Block, ...]:
    return tuple(_scan(text, None))


def _scan(text: str, timeout: float | None) -> list[Block]:
    deadline = time.monotonic() + (MATCH_TIMEOUT if timeout is None else timeout)
    anchors = list(ANCHOR.finditer(text, timeout=_left(deadline)))
    if "=" not in text and ":" not in text:
        # No total: every label is printed with its exact "=" or ":".
        return []
    found = []
    for k, a in enumerate(anchors):
        stop = anchors[k + 1].start() if k + 1 < len(anchors) else len(text)
        segment = text[a.end() : stop]
        previous = PREVIOUS.search(segment, timeout=_left(deadline))
        last = LAST.search(segment, timeout=_left(deadline))
        if not previous or not last:
            continue
        first = min(previous.start(), last.start())
        if segment[:first].strip(LEAD):
            continue
        change = CHANGE.search(segment, first, timeout=_left(deadline))
        if change is None:
            change = JUMBLED_CHANGE.search(segment, first, timeout=_left(deadline))
        end = max(previous.end(), last.end(), change.end() if change else 0)
        found.append(
            Block(
                quarter=f"Q{a['n']}",
                date=a["date"] or a["worded"] or a["bare"],
                previous=previous["v"],
                last=last["v"],
                pct=_first(change, "pct", "pct_last"),
                direction=_first(
                    change, "direction", "direction_first", "direction_last"
                ),
                change=_first(change, "abs", "abs_first"),
                no_change=bool(change and change.groupdict().get("none")),
                note=segment[end:].strip(" ,;") or None,
                start=a.start(),
                end=a.end() + end,
            )
        )
    return found


def _left(deadline: float) -> float:
    """Seconds left before `deadline`; none left is a timeout like regex's own."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("regex timed out")
    return left


def _first(m: regex.Match[str] | None, *groups: str) -> str | None:
    """The first of `groups` the change printed, whichever order it used."""
    if m is None:
        return None
    named = m.groupdict()
    return next((named[g] for g in groups if named.get(g)), None)


def change_problems(
    previous: int,
    last: int,
    pct: float | None,
    change: float | None,
    direction: str | None,
) -> list[str]:
    """How a printed change (signed, and its direction) does not follow from
    the two totals; none when it does."""
    diff = last - previous
    problems = []
    if change is not None and int(change) != diff:
        problems.append(f"change ({change:g}) is not {last} - {previous} = {diff}")
    if pct is not None and previous:
        real = 100.0 * diff / previous
        if abs(real - pct) > PCT_TOLERANCE:
            problems.append(
                f"change {pct:g}% is not {real:.1f}% ({previous} -> {last})"
            )
    if direction and diff and (direction == "increase") != (diff > 0):
        problems.append(f'direction "{direction}" but {previous} -> {last}')
    return problems


@dataclass(frozen=True, slots=True)
class Found:
    """A quarter block, the cell it was read from and the indicator it is of."""

    block: Block
    cell: Cell
    indicator: str
    row_index: int

    @property
    def quarter(self) -> str:
        return self.block.quarter
