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
from normalise.text import CASE_BLIND_EXTRA, case_blind
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
# The kind of council a full name prints and a short one leaves out: "Borsetshire
# Council" in a running header is the "Borsetshire District Council" of the
# text. Not "County": a county and the district named after its town are two
# councils.
KIND = re.compile(r"\s+(?:District|Borough|City)(?=\s+Council$)")


@cache
def _pattern(org: Organisation) -> re.Pattern[str]:
    """A council's names, each space of one a space or a line break (a name
    wrapped at the end of a line: "… strategic objectives of Cannock" /
    "Chase District Council for the next three years")."""
    names = sorted((org.name, *org.aliases), key=len, reverse=True)
    return re.compile(
        r"(?<![\w.-])(?:"
        + "|".join(re.escape(n).replace(r"\ ", "[ \n]") for n in names)
        + r")(?![\w-])",
        re.IGNORECASE,
    )


@cache
def _ascii_names(org: Organisation) -> tuple[bytes, ...] | None:
    """A council's names in lower case, as ASCII bytes, or None when one is
    not ASCII."""
    names = (org.name, *org.aliases)
    if not all(n.isascii() for n in names):
        return None
    return tuple(n.lower().encode("ascii") for n in names)


def publisher(doc: Document) -> tuple[str | None, str | None]:
    """(canonical or printed name, GSS code or None) of the publishing council."""
    scores: dict[tuple[str, str | None], tuple[bool, bool, int, int]] = {}
    # Each name is sought once in the whole text, its lines stripped: a
    # registered name is printed letters and spaces, and runs from one line
    # into the next only where a line break stands for one of its spaces.
    # A PDF's running lines go where a text prints them: those above its
    # first page's text first, the others after its text.
    head = doc.letterhead
    tail = tuple(t for t in doc.furniture if t not in head)
    printed_lines = [
        line.strip(" \t") for line in "\n".join((*head, *doc.lines, *tail)).split("\n")
    ]
    text = "\n".join(printed_lines)
    # Most registered councils are named nowhere in a paper: an ASCII name
    # matches only where its lower case is in the text's (a byte a letter, a
    # letter beyond ASCII a "?", a line break a space), unless the text holds
    # a letter other than an ASCII one that the name patterns take for one.
    lowered = (
        None
        if any(c in text for c in CASE_BLIND_EXTRA)
        else case_blind(text).replace(b"\n", b" ")
    )
    # Where each registered name printed ends.
    ends: dict[int, int] = {}
    for org in organisations():
        names = _ascii_names(org)
        if lowered is not None and names is not None:
            found = _found(_pattern(org), text, lowered, names)
        else:
            found = [m.span() for m in _pattern(org).finditer(text)]
        lines = _line_numbers(text, [at for at, _ in found])
        if lines:
            key = (org.name, org.gss_code)
            scores[key] = _score(lines, org.county)
            ends.update(found)
    printed: dict[str, list[int]] = {}
    offset = 0
    for n, line in enumerate(printed_lines):
        start, offset = offset, offset + len(line) + 1
        if "Council" not in line:
            continue
        for m in PRINTED_COUNCIL.finditer(line):
            at = start + m.start(1)
            if any(a < at < end for a, end in ends.items()):
                # The rest of a registered name wrapped from the line above:
                # "… objectives of Cannock" / "Chase District Council".
                continue
            if by_name(m[1]) is None and not GENERIC >= set(m[1].split()[:-1]):
                printed.setdefault(m[1], []).append(n)
    for name, lines in _one_name_each(printed).items():
        minor = MINOR.search(name) is not None
        scores[(name, None)] = _score(lines, minor)
    if not scores:
        return None, None
    return max(scores, key=lambda k: scores[k])


def _one_name_each(printed: dict[str, list[int]]) -> dict[str, list[int]]:
    """The councils of `printed` (a name not in the registry -> the lines it is
    on), each under one name: a short name ("Borsetshire Council") and the full
    one of a kind ("Borsetshire District Council") are one council, named in
    full, on the lines of both; two full names of other kinds stay two."""
    short: dict[str, list[str]] = {}
    for name in printed:
        short.setdefault(KIND.sub("", name), []).append(name)
    out: dict[str, list[int]] = {}
    for names in short.values():
        full = [n for n in names if KIND.search(n)]
        if len(full) != 1:
            out.update((n, printed[n]) for n in names)
            continue
        out[full[0]] = sorted(n for name in names for n in printed[name])
    return out


def _found(
    pattern: re.Pattern[str], text: str, lowered: bytes, names: tuple[bytes, ...]
) -> list[tuple[int, int]]:
    """Where `pattern` matches in `text` (start and end), as `finditer` finds
    them, tried only where `lowered` (the text in lower case, a byte a letter)
    prints one of the council's `names`: the case-blind pattern is slow over a
    whole paper."""
    candidates: set[int] = set()
    for name in names:
        at = lowered.find(name)
        while at >= 0:
            candidates.add(at)
            at = lowered.find(name, at + 1)
    found: list[tuple[int, int]] = []
    end = 0
    for at in sorted(candidates):
        if at >= end and (m := pattern.match(text, at)):
            end = m.end()
            found.append((at, end))
    return found


def _line_numbers(text: str, found: list[int]) -> list[int]:
    """The 0-based line of `text` each of the ascending offsets `found` is on."""
    # Counted from one offset to the next: few councils are named, and those
    # few times, so the lines' offsets are never listed.
    lines: list[int] = []
    line = last = 0
    for at in found:
        line += text.count("\n", last, at)
        lines.append(line)
        last = at
    return lines


def _score(lines: list[int], minor: bool) -> tuple[bool, bool, int, int]:
    """Named in the opening lines, not a county, how early there, how often."""
    opening = min(lines) < OPENING_LINES
    return opening, not minor, -min(lines) if opening else 0, len(lines)
