"""Whether a table row a page break closed goes on at the head of the next page.

A word processor (Word, LibreOffice Writer) lets a row break across pages and
draws the table's border on both sides of the break, so the two parts look
like two rows:

    page 1 (foot)   Hate Crime – Number of   │ from Cannock      │ Motivation:
                    self referrals to CACH – │ Chase District    │
    page 2 (head)   CACH data agreements     │ reported approx.  │ Race 17

The geometry cannot tell that apart from a row that ended at the page's foot
and a new one at the next page's head: with rows allowed to break, both end
within a line of the foot. The text can. A part goes on where its cell above
ends mid-phrase (a dash, a comma, an open bracket, a word such as "of" or
"and") or where its cell below opens with a lower-case word; a cell below
that opens with a capital or a figure under a finished cell starts afresh.
The first column names the row: where it goes on, so does the row. Otherwise
the row goes on when more of its cells go on than start afresh, a name cell
left empty under a name counting as going on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.layout.tab_rows import JOINING_WORDS

# A mark a cell's text ends with when the phrase goes on after it; so does a
# joining word (`tab_rows.JOINING_WORDS`, as for a wrapped cell).
OPEN_MARK = re.compile(r"[-\u2013\u2014,:;(/&+=]\s*$")
# A lower-case word opening a cell ("reported approx. 120"), not an
# abbreviation such as "n/a".
LOWER_START = re.compile(r"^[a-z][a-z'\u2019-]*(?=[\s,.;:)]|$)")
WORD = re.compile(r"\w")
# A cell that starts afresh: a capital, a figure, a currency or a bullet.
FRESH_START = re.compile(r"^[A-Z0-9£$€•\u2022]")


def goes_on(foot: Sequence[str], head: Sequence[str]) -> bool:
    """Whether the row `head` (the cells at the top of a page) is the rest of
    the row `foot` (the cells at the bottom of the page before), column by
    column. The first column names the row: where it goes on, the row does;
    where it is empty below a name, that counts for going on."""
    if len(foot) != len(head) or not foot:
        return False
    name_above, name_below = foot[0].strip(), head[0].strip()
    if name_above and name_below and _on(name_above, name_below):
        return True
    on = 1 if name_above and not name_below else 0
    fresh = 0
    for above, below in zip(foot, head, strict=True):
        above, below = above.strip(), below.strip()
        if not WORD.search(above) or not below:
            continue
        if _on(above, below):
            on += 1
        elif FRESH_START.match(below):
            fresh += 1
    return on > fresh


def _on(above: str, below: str) -> bool:
    return bool(WORD.search(above)) and bool(
        ends_mid_phrase(above) or LOWER_START.match(below)
    )


def ends_mid_phrase(text: str) -> bool:
    """Whether `text` ends where its phrase goes on: on a dash, comma or open
    bracket, or on a joining word ("of", "and", "to")."""
    words = text.split()
    return bool(OPEN_MARK.search(text)) or (
        bool(words) and words[-1].lower() in JOINING_WORDS
    )
