"""The indicator registry: printed indicator names -> one stable `indicator_id`.

The registry is data (`schemas/indicators.csv`: id, canonical name, unit and
aliases). A printed name matches an entry when, normalised (case, dashes,
spacing), it equals the name or an alias, or is a near miss of one by
rapidfuzz's `ratio` of at least `MATCH_THRESHOLD`. An unseen name gets an id of
its own (its slug) and is reported, never forced onto the nearest entry.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

from normalise.indicators import slug
from normalise.text import fold_dashes

# The samples' closest pairs of different measures score below this
# ("ASB Incidents Over Time (Variation) – Police data" vs "Hate Crime Incidents
# …": 88.7; "… electrical upgrading works" vs "… external envelope work": 79.3;
# "… kitchen replacement" vs "… bathroom upgrade": 77.7), while spacing, case,
# dash and one-letter variants of one measure score 98 and above
# ("Number of flytipping incidents": 98.4). tests/test_registry.py holds both.
MATCH_THRESHOLD = 92.0
NOISE = re.compile(r"[^a-z0-9%£ ]+")


@dataclass(frozen=True, slots=True)
class Entry:
    indicator_id: str
    name: str
    unit: str | None
    aliases: tuple[str, ...]
    # Which way is better: higher_is_better, lower_is_better, or None (a
    # measure only, such as referrals or claimants).
    polarity: str | None = None


@dataclass(frozen=True, slots=True)
class Match:
    indicator_id: str
    name: str
    score: float
    known: bool


def key(name: str) -> str:
    """The form names are compared in: folded case and dashes, no punctuation runs."""
    s = fold_dashes(name).casefold()
    s = NOISE.sub(" ", s)
    return " ".join(s.split())


@cache
def entries() -> tuple[Entry, ...]:
    text = resources.files("schemas").joinpath("indicators.csv").read_text("utf-8")
    rows = csv.DictReader(text.splitlines())
    return tuple(
        Entry(
            indicator_id=r["indicator_id"],
            name=r["name"],
            unit=r["unit"] or None,
            aliases=tuple(a for a in (r["aliases"] or "").split("|") if a),
            polarity=r.get("polarity") or None,
        )
        for r in rows
    )


@cache
def _choices() -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    for e in entries():
        for printed in (e.name, *e.aliases):
            out[key(printed)] = e
    return out


def by_id(indicator_id: str) -> Entry | None:
    return next((e for e in entries() if e.indicator_id == indicator_id), None)


# A report prints each indicator's name on several rows (one a quarter or
# year), and the reports of a series print the same names.
@lru_cache(maxsize=4096)
def match(printed: str) -> Match:
    """The registry entry for a printed name, or a new id when there is none."""
    k = key(printed)
    choices = _choices()
    if k in choices:
        e = choices[k]
        return Match(e.indicator_id, e.name, 100.0, True)
    hit = process.extractOne(
        k, list(choices), scorer=fuzz.ratio, score_cutoff=MATCH_THRESHOLD
    )
    if hit is not None:
        e = choices[hit[0]]
        return Match(e.indicator_id, e.name, float(hit[1]), True)
    return Match(slug(printed), " ".join(printed.split()), 0.0, False)


# A name cut short is told by its first words; fewer than these could begin
# many names ("Number of").
BEGINS_WORDS = 3


@lru_cache(maxsize=4096)
def begins_name(printed: str) -> bool:
    """Whether `printed` is the start of a registered name or alias, three
    words or more of it: a name cut short where a cell ends ("Satisfaction
    with local area (Feeling the", of "… (Feeling the Difference Survey)")."""
    k = key(printed)
    if len(k.split()) < BEGINS_WORDS:
        return False
    return any(choice.startswith(k) for choice in _choices())


@lru_cache(maxsize=4096)
def opens_with_name(printed: str) -> bool:
    """Whether `printed` opens with a whole registered name or alias, three
    words or more, and goes on past it: a name with words of the next cell
    run into it ("Satisfaction with local area (Feeling the Difference
    Survey) in the District")."""
    k = key(printed)
    return any(
        k.startswith(choice + " ") and len(choice.split()) >= BEGINS_WORDS
        for choice in _choices()
    )
