"""Headings a report prints apart, and a theme heading run into a name.

Text printed without TABs loses the row a theme heading stands on: `-layout`
text of a browser-printed PDF puts "Support / vulnerable / people" under the
last lines of the indicator above it, in the same column ("… provided to
Staffordshire Police Support vulnerable people", samples/text/002_…-browser-
layout lines 76-82), and `-raw` text prints it on the lines before the next
indicator's name. Nothing in the name's column tells the two apart, but a
theme is a heading the report prints elsewhere too, before a dash or colon
("Support Vulnerable People – the number of tenancies …") or on lines of its
own; an indicator's name is not. The layout stage starts a row at such a
heading; a name that still begins or ends with one is left unread.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# A heading before its text: "Support Vulnerable People – the number …".
LEAD_IN = re.compile(r"^(?P<head>[^–—:-]{3,80}?)\s*(?:[–—:]|\s-\s)")
# Words a heading runs over at most, and at least (one word is no theme).
HEADING_WORDS = 8
MIN_WORDS = 2


@dataclass(frozen=True, slots=True)
class Headings:
    """Folded phrases of a document and the (1-based) lines printing them: as
    a whole short line, and as a line's lead-in before a dash or colon."""

    lines: dict[str, tuple[int, ...]]
    lead_ins: dict[str, tuple[int, ...]]

    def printed_apart(self, phrase: str, own: range) -> bool:
        """A heading elsewhere than on `own` lines: a lead-in once, or a whole
        line twice (the wrapped lines of other cells are printed once)."""
        lead = [n for n in self.lead_ins.get(phrase, ()) if n not in own]
        whole = [n for n in self.lines.get(phrase, ()) if n not in own]
        return bool(lead) or len(whole) >= 2


def printed_headings(printed: Sequence[str]) -> Headings:
    """The short lines and lead-ins of a text's lines, folded, with their
    (1-based) line numbers."""
    lines: dict[str, list[int]] = {}
    lead_ins: dict[str, list[int]] = {}
    for n, line in enumerate(printed, 1):
        text = " ".join(line.split())
        if _heading_sized(text.split()):
            lines.setdefault(folded(text.split()), []).append(n)
        if (m := LEAD_IN.match(text)) and _heading_sized(m["head"].split()):
            lead_ins.setdefault(folded(m["head"].split()), []).append(n)
    return Headings(
        {k: tuple(v) for k, v in lines.items()},
        {k: tuple(v) for k, v in lead_ins.items()},
    )


def heading_in_name(name: str, headings: Callable[[], Headings], own: range) -> bool:
    """Whether `name` begins or ends with a heading printed apart from its own
    lines `own`, the rest of it a name of its own: both parts two words at
    least, each opening with a capital ("… Staffordshire Police | Support
    vulnerable people"). `headings` are read only for a name that could be
    split so."""
    words = name.split()
    for k in range(MIN_WORDS, len(words) - MIN_WORDS + 1):
        if not (words[0][:1].isupper() and words[k][:1].isupper()):
            continue
        for part in (words[:k], words[k:]):
            if headings().printed_apart(folded(part), own):
                return True
    return False


def heading_starts(
    split: Sequence[Sequence[str]],
    indexes: Sequence[int],
    headings: Callable[[], Headings],
) -> set[int]:
    """The lines (positions in `split`, a table's lines as cells) where a
    heading printed under a row in its name column starts: the last name-only
    lines before the next row, opening with a capital, printed apart too
    ("Support" / "vulnerable" / "people" under "… Staffordshire" / "Police")."""
    alone = [bool(cells) and bool(cells[0]) and not any(cells[1:]) for cells in split]
    # The heading that runs to each run's end, the longest found.
    found: dict[int, int] = {}
    end = len(split)
    for k in range(len(split) - 1, 0, -1):
        if not alone[k]:
            end = k
            continue
        words = " ".join(split[m][0] for m in range(k, end)).split()
        if not MIN_WORDS <= len(words) <= HEADING_WORDS or not words[0][:1].isupper():
            continue
        own = range(indexes[k] + 1, indexes[end - 1] + 2)
        if headings().printed_apart(folded(words), own):
            found[end] = k
    return set(found.values())


def _heading_sized(words: Sequence[str]) -> bool:
    return MIN_WORDS <= len(words) <= HEADING_WORDS and words[0][:1].isupper()


def folded(words: Sequence[str]) -> str:
    return " ".join(words).casefold()
