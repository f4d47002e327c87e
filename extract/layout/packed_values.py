"""Values of several columns printed one space apart: the pieces of a
fragment of figures placed, in order, in the columns it runs over or
falls just short of.

pdftotext sets the words of one text line one space apart, so values of
narrow columns that a browser prints close together come out as one
fragment that starts at its first column and falls short of the others
("100 cases 98 cases" under "Q1" and "Q2", samples/text/002_…-browser-
layout line 132). The values keep their order, so each piece goes to the
next column on, the one whose start is nearest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.layout.tab_rows import JOINING_WORDS
from extract.layout.text_columns import EARLY_START, Fragment, column_of, each_run

# One value: a figure and, at most, one lower-case word of its unit ("100
# cases", "£19,112.23", "12%"), or "n/a".
VALUE = re.compile(r"[£$€]?\d[\d,]*(?:\.\d+)?%?(?: [a-z]+)?|[nN]/[aA]")
UNIT = re.compile(r" (?P<unit>[a-z]+)$")
VALUES = re.compile(rf"(?:{VALUE.pattern})(?: (?:{VALUE.pattern}))+")
# The placement taken beats every other by this many characters at least.
MARGIN = EARLY_START


def placed_values(
    frags: Sequence[Fragment], starts: Sequence[int], cuts: Sequence[int]
) -> list[Fragment]:
    """A line's fragments, each run of values that runs over a column start
    in `cuts`, or ends less than EARLY_START characters before one, replaced
    by its values, each at the start of its column."""
    return each_run(frags, starts, lambda f, end: _placed(f, starts, cuts, end))


def _placed(
    f: Fragment, starts: Sequence[int], cuts: Sequence[int], end: int
) -> list[Fragment] | None:
    """The values of `f` at the starts of the columns they belong to, the
    first in the column `f` starts in and the others in the columns before
    `end`; None unless `f` is such a run and one placement is clearly best."""
    if not any(f.x0 < s < f.x1 + EARLY_START for s in cuts):
        return None
    if not VALUES.fullmatch(f.text):
        return None
    found = list(VALUE.finditer(f.text))
    if not _one_unit([u["unit"] for m in found if (u := UNIT.search(m[0]))]):
        return None
    pieces = [Fragment(m[0], f.x0 + m.start(), f.x0 + m.end()) for m in found]
    if any(pieces[0].x0 < s < pieces[0].x1 for s in cuts):
        return None
    first = column_of(pieces[0], starts)
    columns = _best(pieces[1:], starts, range(first + 1, end))
    if columns is None:
        return None
    out = [pieces[0]]
    for piece, col in zip(pieces[1:], columns, strict=True):
        x0 = starts[col]
        if col + 1 < len(starts) and x0 + len(piece.text) >= starts[col + 1]:
            return None
        out.append(Fragment(piece.text, x0, x0 + len(piece.text)))
    return out


def _one_unit(units: Sequence[str]) -> bool:
    """Whether the values' words are one unit ("100 cases 98 cases"): a
    joining word is a figure's phrase, not its unit ("1 in 5", "3 of 4", "2 to
    3 days", "10 per 1000": one value), and two units are two things."""
    words = set(units)
    return not words & JOINING_WORDS and len(words) <= 1


def _best(
    pieces: Sequence[Fragment], starts: Sequence[int], columns: range
) -> tuple[int, ...] | None:
    """The columns, in order, for `pieces` whose starts lie nearest them,
    when that choice beats every other by MARGIN characters.

    Each piece in turn goes to a later column than the piece before; the two
    cheapest placements of the pieces so far are kept for each column the
    last one may take, so the search grows with pieces times columns, not
    with the ways to choose them (a line of 20 values under 40 columns)."""
    Placed = tuple[int, tuple[int, ...]]
    if not pieces:
        return ()
    ways: dict[int, list[Placed]] = {
        c: [(abs(starts[c] - pieces[0].x0), (c,))] for c in columns
    }
    for piece in pieces[1:]:
        following: dict[int, list[Placed]] = {}
        before: list[Placed] = []  # the two cheapest ending left of column c
        for c in columns:
            if before:
                gap = abs(starts[c] - piece.x0)
                following[c] = [(cost + gap, (*cols, c)) for cost, cols in before]
            before = sorted([*before, *ways.get(c, ())])[:2]
        ways = following
    best = sorted(placed for options in ways.values() for placed in options)[:2]
    if not best:
        return None
    if len(best) > 1 and best[1][0] - best[0][0] < MARGIN:
        return None
    return best[0][1]
