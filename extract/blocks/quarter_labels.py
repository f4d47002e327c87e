"""Quarter labels that introduce a quarter's text inside an action cell.

"Q1 – …", "Q2 - …", "Quarter 1 – …", "Quarters 2, 3 and 4 - …" (one text for
three quarters), and "Quarter 2" printed alone above its text. Also the
quarter columns of a table header: "Q1 Rating", "Q1", "Quarter 1 Rating",
"Rating Q1".
"""

from __future__ import annotations

import re

from extract.document import Row

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
# Quarter columns of action and milestone tables: seeds/000 prints "Q1 Rating",
# seeds/002 "Q1"; "Quarter 1 Rating" and "Rating Q1" name the same column the
# other ways this family words a quarter.
QUARTER_COLUMN = re.compile(
    r"^(?:(?:Q|Quarter)\s*(?P<q>[1-4])(?:\s*Rating)?"
    r"|Rating\s*(?:Q|Quarter)\s*(?P<r>[1-4]))$",
    re.IGNORECASE,
)


def quarter_columns(row: Row) -> dict[int, str]:
    """Column -> "Qn" for each header cell of `row` that names a quarter column."""
    return {
        c.column: f"Q{m['q'] or m['r']}"
        for c in row.cells
        if (m := QUARTER_COLUMN.match(c.flat))
    }


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
