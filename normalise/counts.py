"""Counts printed inside a cell, in either order: "17 Race", "Race 20",
"2 x Council referrals", "on going cases 4", "approx. 120 incidents",
"Incidents: c.160". A label that fits two categories ("Disability 2") is not
counted: `read_counts` returns it as `Ambiguous` for the caller to report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from normalise.categories import candidates, match_category
from normalise.text import fold_dashes, squash

COUNT = re.compile(
    r"(?<![\w.,/])(?P<approx>(?:approx(?:imately)?\.?|c\.|circa|~)\s*)?"
    r"(?P<number>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?![\d%]|[./]\d|[eE][+-]?\d)"
    r"(?:\s*x\b)?",
    re.IGNORECASE,
)
# `breakdowns.count` is int64: a longer run of digits is not a count.
MAX_COUNT = 2**63 - 1
# Parenthetical notes are not counted: "(1 individual thought they were targeted
# for reasons of race and religion)" explains the motivations, it adds none.
# A short bracket without digits is part of its label: "Disability (Physical) 2"
# names one category; without "(Physical)" it is an ambiguous "Disability".
PAREN = re.compile(r"\((?P<inner>[^()]*)\)")
DIGIT = re.compile(r"\d")
# "(Physical)", "(please specify)" are labels; "(Adult Social Care)" after
# "1 x Other" and longer brackets are notes on a label already printed.
NOTE_WORDS = 3
# Items of a list are apart at commas, at sentence ends ("… 85 incidents.
# Motivation: Race 12") and before a heading ("Incidents: c.160 Motivation: …").
SEGMENT_BREAK = re.compile(
    r",\s+|(?<=[a-z0-9)])\.\s+(?=[A-Z])|\s+(?=[A-Z][a-z]+(?:\s+[a-z]+)?:)"
)
# A category any list may end with: it belongs to the list it is printed in
# ("Race 9, Religion 2, Other (please specify) 2" is a motivation).
GENERIC = frozenset({"Other"})
LABEL_WORDS = 4


@dataclass(frozen=True, slots=True)
class Count:
    """One count and the canonical category its printed label names."""

    dimension: str
    category: str
    count: int
    approx: bool
    text: str


@dataclass(frozen=True, slots=True)
class Ambiguous:
    """A count whose label fits several categories equally well."""

    text: str
    candidates: tuple[str, ...]


def _drop_notes(text: str) -> str:
    """Drop bracketed notes, keep short brackets that are part of a label:
    "Disability (Physical) 2 (1 victim targeted twice)" -> "Disability (Physical) 2"."""

    def keep_or_drop(m: re.Match[str]) -> str:
        inner = m["inner"]
        if DIGIT.search(inner) or len(inner.split()) >= NOTE_WORDS:
            return " "
        return m[0]

    return PAREN.sub(keep_or_drop, text)


def _label_after(text: str) -> str:
    """ "Individuals from Cannock Chase District" -> the first few words."""
    return " ".join(text.split(":")[0].split()[:LABEL_WORDS]).strip(" .;")


def _label_before(text: str) -> str:
    """ "… thought to be: Race" -> "Race"; "Individuals:" -> "Individuals"."""
    tail = text.strip().rstrip(":").split(":")[-1]
    return " ".join(tail.split()[-LABEL_WORDS:]).strip(" .;")


def _segment_counts(segment: str) -> tuple[list[Count], list[Ambiguous]]:
    found = [
        m
        for m in COUNT.finditer(segment)
        if int(m["number"].replace(",", "")) <= MAX_COUNT
    ]
    if not found:
        return [], []
    after = [
        _label_after(
            segment[m.end() : found[k + 1].start()]
            if k + 1 < len(found)
            else segment[m.end() :]
        )
        for k, m in enumerate(found)
    ]
    before = [
        _label_before(segment[(found[k - 1].end() if k else 0) : m.start()])
        for k, m in enumerate(found)
    ]
    # "Race 20 Sexual Orientation 4 …" names before its numbers, "17 Race" after:
    # the order that gives more known categories is the printed one.
    # An ambiguous label ("Disability") still shows which side labels are on.
    fits_after = [candidates(label) for label in after]
    fits_before = [candidates(label) for label in before]
    label_first = sum(bool(f) for f in fits_before) > sum(bool(f) for f in fits_after)
    labels = before if label_first else after
    fits = fits_before if label_first else fits_after
    out: list[Count] = []
    ambiguous: list[Ambiguous] = []
    for m, label, fit in zip(found, labels, fits, strict=True):
        if not fit:
            continue
        number = m[0].strip()
        text = f"{label} {number}" if label_first else f"{number} {label}"
        hit = match_category(label)
        if hit is None:
            ambiguous.append(Ambiguous(text, tuple(c.category for c, _ in fit)))
            continue
        out.append(
            Count(
                dimension=hit[0].dimension,
                category=hit[0].category,
                count=int(m["number"].replace(",", "")),
                approx=bool(m["approx"]),
                text=text,
            )
        )
    return out, ambiguous


def read_counts(text: str) -> tuple[list[Count], list[Ambiguous]]:
    """Every labelled count in `text` (first of each category kept, in printed
    order) and the counts whose label is ambiguous."""
    s = squash(fold_dashes(_drop_notes(text)))
    out: list[Count] = []
    ambiguous: list[Ambiguous] = []
    seen: set[tuple[str, str]] = set()
    previous: Count | None = None
    for segment in SEGMENT_BREAK.split(s):
        counts, unsure = _segment_counts(segment)
        ambiguous.extend(unsure)
        for count in counts:
            if count.category in GENERIC and previous is not None:
                count = replace(count, dimension=previous.dimension)
            previous = count
            if (count.dimension, count.category) not in seen:
                seen.add((count.dimension, count.category))
                out.append(count)
    return out, ambiguous


def counts_in(text: str) -> list[Count]:
    """Every labelled count in `text`, first of each category kept, in printed order."""
    return read_counts(text)[0]
