"""Quarter labels that introduce a quarter's text inside an action cell.

"Q1 – …", "Q2 - …", "Quarter 1 – …", "Quarters 2, 3 and 4 - …" (one text for
three quarters), and "Quarter 2" printed alone above its text.
"""

from __future__ import annotations

import re

QUARTER_LIST = r"[1-4](?:\s*(?:,|and|&)\s*[1-4])*"
# A label is followed by a dash or colon: "During Q2 the level …" and "training
# to be schedule Q3." (seeds/000 lines 31, 51) mention a quarter, they do not
# introduce its text. "Q1 - Q2" is a range, not a label.
LABEL = re.compile(
    rf"(?<!\w)(?:Q(?P<q>[1-4])|Quarters?\s+(?P<qs>{QUARTER_LIST}))"
    r"\s*[-\u2013\u2014:](?!\s*Q[1-4]\b)\s*",
    re.IGNORECASE,
)
# seeds/000 lines 72, 74, 76 print "Quarter 2" alone above that quarter's text.
BARE_LABEL = re.compile(
    rf"^(?:Q[1-4]|Quarters?\s+{QUARTER_LIST})\s*[.:]?$", re.IGNORECASE
)
DIGIT = re.compile(r"[1-4]")


def label_quarters(m: re.Match[str]) -> tuple[int, ...]:
    """The quarters a LABEL match names: "Quarters 2, 3 and 4 -" -> (2, 3, 4)."""
    return tuple(int(d) for d in DIGIT.findall(m["q"] or m["qs"] or ""))


def bare_quarters(text: str) -> tuple[int, ...] | None:
    """The quarters of a paragraph that is only a label ("Quarter 2"), else None."""
    if not BARE_LABEL.match(text):
        return None
    return tuple(int(d) for d in DIGIT.findall(text))


def leading_quarters(text: str) -> tuple[int, ...] | None:
    """The quarters of the label `text` starts with, if it starts with one."""
    if (bare := bare_quarters(text)) is not None:
        return bare
    m = LABEL.match(text)
    return label_quarters(m) if m else None


def last_quarter(text: str) -> int | None:
    """The highest quarter named by the last label in `text`."""
    found = [max(label_quarters(m)) for m in LABEL.finditer(text)]
    if (bare := bare_quarters(text)) is not None:
        found.append(max(bare))
    return found[-1] if found else None
