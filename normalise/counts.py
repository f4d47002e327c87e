"""Counts printed inside a cell, in either order: "17 Race", "Race 20",
"2 x Council referrals", "on going cases 4", "approx. 120 incidents",
"Incidents: c.160".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from normalise.categories import match_category
from normalise.text import fold_dashes, squash

COUNT = re.compile(
    r"(?<![\w.,/])(?P<approx>(?:approx(?:imately)?\.?|c\.|circa|~)\s*)?"
    r"(?P<number>\d{1,3}(?:,\d{3})+|\d+)(?![\d%]|[./]\d)(?:\s*x\b)?",
    re.IGNORECASE,
)
# Parenthetical notes are not counted: "(1 individual thought they were targeted
# for reasons of race and religion)" explains the motivations, it adds none.
PAREN = re.compile(r"\([^()]*\)")
SEGMENT_BREAK = re.compile(r",\s+")
LABEL_WORDS = 4


@dataclass(frozen=True, slots=True)
class Count:
    """One count and the canonical category its printed label names."""

    dimension: str
    category: str
    count: int
    approx: bool
    text: str


def _label_after(text: str) -> str:
    """ "Individuals from Cannock Chase District" -> the first few words."""
    return " ".join(text.split(":")[0].split()[:LABEL_WORDS]).strip(" .;")


def _label_before(text: str) -> str:
    """ "… thought to be: Race" -> "Race"; "Individuals:" -> "Individuals"."""
    tail = text.strip().rstrip(":").split(":")[-1]
    return " ".join(tail.split()[-LABEL_WORDS:]).strip(" .;")


def _segment_counts(segment: str) -> list[Count]:
    found = list(COUNT.finditer(segment))
    if not found:
        return []
    after = [_label_after(segment[m.end(): found[k + 1].start()] if k + 1 < len(found)
                          else segment[m.end():]) for k, m in enumerate(found)]
    before = [_label_before(segment[(found[k - 1].end() if k else 0): m.start()])
              for k, m in enumerate(found)]
    # "Race 20 Sexual Orientation 4 …" names before its numbers, "17 Race" after:
    # the order that gives more known categories is the printed one.
    matched_after = [match_category(label) for label in after]
    matched_before = [match_category(label) for label in before]
    label_first = (sum(m is not None for m in matched_before)
                   > sum(m is not None for m in matched_after))
    labels = before if label_first else after
    matches = matched_before if label_first else matched_after
    out = []
    for m, label, hit in zip(found, labels, matches, strict=True):
        if hit is None:
            continue
        number = m[0].strip()
        text = f"{label} {number}" if label_first else f"{number} {label}"
        out.append(Count(dimension=hit[0].dimension, category=hit[0].category,
                         count=int(m["number"].replace(",", "")),
                         approx=bool(m["approx"]), text=text))
    return out


def counts_in(text: str) -> list[Count]:
    """Every labelled count in `text`, first of each category kept, in printed order."""
    s = squash(fold_dashes(PAREN.sub(" ", text)))
    out: list[Count] = []
    seen: set[tuple[str, str]] = set()
    for segment in SEGMENT_BREAK.split(s):
        for count in _segment_counts(segment):
            if (count.dimension, count.category) not in seen:
                seen.add((count.dimension, count.category))
                out.append(count)
    return out
