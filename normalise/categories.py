"""Breakdown category labels as printed -> the contract's canonical categories.

"Gender ID" -> Gender Identity, "Disability – Physical" and "Disability Physical"
-> Disability - Physical, "on going cases" -> ongoing, "Other agencies" -> Other.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz

from normalise.text import fold_dashes

CATEGORIES_CSV = Path(__file__).resolve().parent.parent / "schemas" / "categories.csv"
NON_WORD = re.compile(r"[^a-z]+")
# partial_ratio of a canonical term against a printed label: "on going cases" scores
# 86 for "ongoing", "Gender ID" 100 for "gender identity"; unrelated words stay
# below 70 ("Cannock Chase District" against every term).
MATCH = 80.0
# A shorter label is a stray letter ("x" of "2 x"), never a category.
MIN_LABEL = 3


@dataclass(frozen=True, slots=True)
class Category:
    dimension: str
    category: str
    term: str


@cache
def categories() -> tuple[Category, ...]:
    """The canonical list, read once from schemas/categories.csv."""
    with CATEGORIES_CSV.open(encoding="utf-8", newline="") as f:
        return tuple(Category(r["dimension"], r["category"], r["term"])
                     for r in csv.DictReader(f))


def _words(label: str) -> str:
    return " ".join(NON_WORD.sub(" ", fold_dashes(label).lower()).split())


def match_category(label: str) -> tuple[Category, float] | None:
    """The canonical category a printed label names, with its score, or None."""
    words = _words(label)
    if len(words) < MIN_LABEL:
        return None
    best: tuple[Category, float] | None = None
    for cat in categories():
        score = fuzz.partial_ratio(cat.term, words)
        if len(words) < len(cat.term):
            # "Gender ID" is a shortened "gender identity": compare from the start.
            score = fuzz.ratio(cat.term[: len(words)], words)
        if score >= MATCH and (best is None or score > best[1]):
            best = (cat, score)
    return best
