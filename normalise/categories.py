"""Breakdown category labels as printed -> the contract's canonical categories.

"Gender ID" -> Gender Identity, "Disability – Physical" and "Disability Physical"
-> Disability - Physical, "on going cases" -> ongoing, "Other agencies" -> Other.
A label two categories fit equally well ("Disability 2": physical or learning?)
is ambiguous and names no category.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from normalise.patterns import compiled
from normalise.text import fold_dashes

CATEGORIES_CSV = Path(__file__).resolve().parent.parent / "schemas" / "categories.csv"
NON_WORD = compiled(r"[^a-z]+")
# partial_ratio of a canonical term against a printed label: "on going cases" scores
# 86 for "ongoing", "Gender ID" 100 for "gender identity"; unrelated words stay
# below 70 ("Cannock Chase District" against every term).
MATCH = 80.0
# A shorter label is a stray letter ("x" of "2 x"), never a category.
MIN_LABEL = 3
# Candidates this close are a tie: "Disability" scores 100 for both "disability
# physical" and "disability learning", while a label naming one of them leads
# the other by 22 points or more ("Disability Learning": 100 against 77).
TIE_MARGIN = 5.0
CATCH_ALL = "Other"
# The words before a category that deny it: "cases not yet closed".
DENIED = compiled(r"\b(?:not|never|yet to be)(?: yet| been| be| being)?\s*$")


@dataclass(frozen=True, slots=True)
class Category:
    dimension: str
    category: str
    term: str


@cache
def categories() -> tuple[Category, ...]:
    """The canonical list, read once from schemas/categories.csv."""
    with CATEGORIES_CSV.open(encoding="utf-8", newline="") as f:
        return tuple(
            Category(r["dimension"], r["category"], r["term"])
            for r in csv.DictReader(f)
        )


def _words(label: str) -> str:
    return " ".join(NON_WORD.sub(" ", fold_dashes(label).lower()).split())


def candidates(label: str) -> list[tuple[Category, float]]:
    """Every canonical category a printed label may name, best first, one per
    category (a category can have several terms)."""
    return list(_candidates(_words(label)))


# Labels repeat from one breakdown to the next ("Police", "Self", "Other"), and
# scoring one takes a fuzzy comparison with every term.
@lru_cache(maxsize=8192)
def _candidates(words: str) -> tuple[tuple[Category, float], ...]:
    if len(words) < MIN_LABEL:
        return ()
    best: dict[tuple[str, str], tuple[Category, float]] = {}
    for cat in categories():
        if len(words) < len(cat.term):
            # "Gender ID" is a shortened "gender identity": compare from the start.
            score = fuzz.ratio(cat.term[: len(words)], words)
        else:
            score = _within(cat.term, words)
        key = (cat.dimension, cat.category)
        if score >= MATCH and (key not in best or score > best[key][1]):
            best[key] = (cat, score)
    return tuple(sorted(best.values(), key=lambda hit: -hit[1]))


def _within(term: str, words: str) -> float:
    """How well `term` matches a part of the label's `words` (partial_ratio),
    0 where that part starts within a word, for a term of one word
    ("un|resolved", "isla|mophobic" against "homophobic"), is the whole term
    followed by more of its word than a plural's ending ("council|lor"), or
    follows a denial ("not yet closed")."""
    hit = fuzz.partial_ratio_alignment(term, words, score_cutoff=MATCH)
    if hit is None:
        return 0.0
    start, end = hit.dest_start, hit.dest_end
    if start > 0 and words[start - 1] != " " and " " not in term:
        # A term of several words may match loosely from within one: "victims
        # identified" in "victims and vulnerabilit|ies identified".
        return 0.0
    rest = words[end:].split(" ", 1)[0]
    if hit.score == 100 and rest not in ("", "s", "es"):
        return 0.0
    if DENIED.search(words[:start]):
        return 0.0
    return float(hit.score)


def is_label(label: str) -> bool:
    """Whether printed words are long enough to name a category at all."""
    return len(_words(label)) >= MIN_LABEL


def catch_all(dimension: str) -> str | None:
    """The category a dimension's list keeps for what it does not name: the
    referral form's "Other". Motivations have none in the contract's list, so
    an unlisted motivation ("Age 2") is reported, not guessed."""
    return next(
        (
            c.category
            for c in categories()
            if c.dimension == dimension and c.category == CATCH_ALL
        ),
        None,
    )


@cache
def is_breakdown(dimension: str) -> bool:
    """Whether a dimension splits a total into parts (motivations, referral
    sources, case statuses: several categories), rather than naming what a
    total counts (individuals, incidents: one category)."""
    return len({c.category for c in categories() if c.dimension == dimension}) > 1


def match_category(label: str) -> tuple[Category, float] | None:
    """The canonical category a printed label names, with its score, or None
    when it names none or is ambiguous (see `candidates`)."""
    hits = candidates(label)
    if not hits or (len(hits) > 1 and hits[0][1] - hits[1][1] < TIE_MARGIN):
        return None
    return hits[0]
