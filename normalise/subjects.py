"""A statement's subject -> the registry indicator it measures, or none.

Subjects are short noun phrases ("crimes recorded", "serious acquisitive
crime"), so a near miss must be nearer than between two indicator names: the
subject is compared with every registry name and alias by rapidfuzz's `ratio`
and matches at `SUBJECT_THRESHOLD` or above. An unmatched subject keeps
`indicator_id` null; a statement never makes a new indicator.
"""

from __future__ import annotations

from functools import cache

from rapidfuzz import fuzz, process

from normalise import registry

# A plural or a spacing variant of a printed alias scores 96 and above ("crime
# recorded" vs "crimes recorded": 96.6); the samples' subjects that are other
# measures score 80 or below ("violent crime" vs "recorded crime": 74.1;
# "serious acquisitive crime" vs "recorded crime": 61.5; "crimes" vs "crimes
# recorded": 57.1). tests/test_statements.py holds these scores.
SUBJECT_THRESHOLD = 90.0


@cache
def _choices() -> dict[str, str]:
    out: dict[str, str] = {}
    for e in registry.entries():
        for printed in (e.name, *e.aliases):
            out[registry.key(printed)] = e.indicator_id
    return out


def score(subject: str, printed: str) -> float:
    """How close a subject is to a printed indicator name (0-100)."""
    return float(fuzz.ratio(registry.key(subject), registry.key(printed)))


def indicator_of(subject: str | None) -> str | None:
    """The registry id a subject names, or None."""
    if not subject:
        return None
    choices = _choices()
    k = registry.key(subject)
    if k in choices:
        return choices[k]
    hit = process.extractOne(
        k, list(choices), scorer=fuzz.ratio, score_cutoff=SUBJECT_THRESHOLD
    )
    return choices[hit[0]] if hit is not None else None
