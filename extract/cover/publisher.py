"""The council that publishes a paper, by its canonical name and ONS GSS code.

A paper names its own council in its letterhead, running header or web address
("Civic Centre … www.cannockchasedc.gov.uk") and names others in passing
(samples/004: "Staffordshire County Council" twice, in its partnership text). So
a council named in the opening lines beats one named only later, a district
beats the county, then the first named in the opening and the most named win.
Names are matched against `schemas/organisations.csv`; a council not registered
there keeps its printed name and has no code.
"""

from __future__ import annotations

import re
from functools import cache

from extract.document import Document
from schemas.organisations import Organisation, by_name, organisations

OPENING_LINES = 15
# "County Council" alone names no council; a county, town or parish council is
# seldom the publisher of a district's paper (samples/004).
GENERIC = frozenset({"District", "Borough", "County", "City", "Town", "Parish"})
MINOR = re.compile(r"\b(?:County|Town|Parish)\s+Council$")
# "Cannock Chase District Council", "Cannock Chase Council" (samples/000 line 39).
PRINTED_COUNCIL = re.compile(
    r"\b((?!The\b)(?:[A-Z][a-z]+\s+){1,3}(?:(?:District|Borough|County|City)\s+)?"
    r"Council)\b"
)


@cache
def _pattern(org: Organisation) -> re.Pattern[str]:
    names = sorted((org.name, *org.aliases), key=len, reverse=True)
    return re.compile(
        r"(?<![\w.-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])",
        re.IGNORECASE,
    )


def publisher(doc: Document) -> tuple[str | None, str | None]:
    """(canonical or printed name, GSS code or None) of the publishing council."""
    scores: dict[tuple[str, str | None], tuple[bool, bool, int, int]] = {}
    for org in organisations():
        pattern = _pattern(org)
        lines = [n for n, line in enumerate(doc.lines) for _ in pattern.finditer(line)]
        if lines:
            key = (org.name, org.gss_code)
            scores[key] = _score(lines, org.county)
    printed: dict[str, list[int]] = {}
    for n, line in enumerate(doc.lines):
        for m in PRINTED_COUNCIL.finditer(line):
            if by_name(m[1]) is None and not GENERIC >= set(m[1].split()[:-1]):
                printed.setdefault(m[1], []).append(n)
    for name, lines in printed.items():
        minor = MINOR.search(name) is not None
        scores[(name, None)] = _score(lines, minor)
    if not scores:
        return None, None
    return max(scores, key=lambda k: scores[k])


def _score(lines: list[int], minor: bool) -> tuple[bool, bool, int, int]:
    """Named in the opening lines, not a county, how early there, how often."""
    opening = min(lines) < OPENING_LINES
    return opening, not minor, -min(lines) if opening else 0, len(lines)
