"""Words of several cells printed one space apart: a run of a line's words
cut into consecutive columns where one even drift from its start puts them.

pdftotext counts a printed line's characters on from where the line starts
and sets its words one space apart, so where a word processor fills narrow
cells the text of neighbouring cells runs together, and falls further from
its columns' starts the further it runs (a Writer print's `-layout` text,
tests/fixtures/writerlayout/000_…: "15% increase 15% increase 14% increase
increase" from 16 under columns at 16, 31, 46 and 61 prints its cells at
16, 29, 42 and 55: each column 13/15 of its distance from the run's start).
A run's first word stands where the page prints it; each later column
starts at `scale` times its distance from there. The cut words are those
that one scale fits clearly better than any other cut; else the run is left
as it is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence

from extract.layout.headers import is_header_cells
from extract.layout.text_columns import (
    EARLY_START,
    LATE_START,
    MARK,
    STRUCTURAL_CELLS,
    X_TOLERANCE,
    Fragment,
    column_of,
    each_run,
    shape,
)

WORD = re.compile(r"\S+")
# How far a run's printed columns may stand from where the page sets them:
# printed distance from the run's start over true distance. A run packed
# one space a word is printed narrower than the page sets it, seldom wider.
LOW, HIGH = 0.75, 1.02
# A cut word stands at most this many characters from where its scale puts
# its column; the segmentation taken fits better than any other by MARGIN.
MAX_OFF = 3.0
MARGIN = 2.5
# Runs over fewer column starts leave the scale free: the nearest word is
# as good as any (see `text_columns._split_at_columns`).
MIN_COLUMNS = 2
# The most cuttings of one run weighed; a run with more stays whole.
MAX_CUTTINGS = 5000
# Lines above and below whose cells show where a column's text starts.
NEIGHBOURS = 2


def labelled(region: Sequence[Sequence[Fragment]], cuts: Sequence[int]) -> list[int]:
    """The column starts in `cuts` where a label of a header line of the
    region starts: the table's own columns, not starts its rows' text makes
    by chance (samples/text/002_…-browser-layout line 311, whose region
    starts columns at 15 and 23 under no label)."""
    heads = [
        frags
        for frags in region
        if len(frags) >= STRUCTURAL_CELLS and is_header_cells([f.text for f in frags])
    ]
    return [
        s
        for s in cuts
        if any(abs(f.x0 - s) <= X_TOLERANCE for frags in heads for f in frags)
    ]


def placed_words(
    frags: Sequence[Fragment], starts: Sequence[int], cuts: Sequence[int]
) -> list[Fragment]:
    """A line's fragments, each run of words over MIN_COLUMNS or more column
    starts in `cuts` (the labelled ones) cut into its cells, each placed at
    its column's start, where the cut is clear."""
    return each_run(frags, starts, lambda f, end: _placed(f, starts, cuts, end))


def _placed(
    f: Fragment, starts: Sequence[int], cuts: Sequence[int], end: int
) -> list[Fragment] | None:
    """The cells of `f` at the starts of their columns, the first in the
    column `f` starts in and the others in the next columns before `end`;
    None unless `f` runs over MIN_COLUMNS cuts and one cutting is clear."""
    first = column_of(f, starts)
    over = [
        c
        for c in range(first + 1, end)
        if starts[c] in cuts and f.x0 + (starts[c] - f.x0) * LOW < f.x1
    ]
    if sum(1 for c in over if starts[c] < f.x1) < MIN_COLUMNS:
        return None
    if over != list(range(first + 1, first + 1 + len(over))):
        return None
    found = list(WORD.finditer(f.text))
    if any(_rating_mark(m[0]) for m in found):
        # Rating marks go by the quarter labels above them (`page_marks`).
        return None
    words = [(f.x0 + m.start(), f.x0 + m.end()) for m in found]
    nexts = [starts[c] if c < len(starts) else None for c in range(first + 1, end + 1)]
    columns = [starts[c] for c in over]
    chosen = _repeated([m[0] for m in found], 1 + len(over))
    if chosen is None and _count([_near(f, words, x) for x in columns]) > MAX_CUTTINGS:
        # Too long a run to weigh every cutting: it stays whole.
        return None
    if chosen is None:
        chosen = _clear(sorted(_cuttings(f, words, columns, nexts, False)))
    if chosen is None:
        # Else the run may be two printed runs, the second set exactly where
        # the page sets its first cut cell, drifting from there.
        chosen = _clear(sorted(_cuttings(f, words, columns, nexts, True)))
    if not chosen:
        return None
    bounds = [0, *chosen, len(words)]
    out: list[Fragment] = []
    for n, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False)):
        text = f.text[words[a][0] - f.x0 : words[b - 1][1] - f.x0]
        col = first + n
        x0 = f.x0 if n == 0 else starts[col]
        x1 = x0 + len(text)
        if col + 1 < len(starts):
            x1 = min(x1, starts[col + 1] - 1)
        out.append(Fragment(text, x0, x1))
    return out


def _repeated(words: Sequence[str], columns: int) -> tuple[int, ...] | None:
    """Where a run over up to `columns` columns is cut when its words are one
    wording printed once in each of two or more, figures aside ("12 Months =
    12 Months = 12 Months = 12 Months =", samples/text/000_…-browser-layout
    line 22: the quarter columns of a rolling-12 row, each its block's same
    line; "progressed to progressed to", 002's line 98): the index of each
    later cell's first word; None for any other run. Drift alone cuts such a
    run at the wrong repeat."""
    for k in range(min(columns, len(words)), 1, -1):
        if len(words) % k:
            continue
        n = len(words) // k
        unit = shape(" ".join(words[:n]))
        if all(
            shape(" ".join(words[j : j + n])) == unit for j in range(n, len(words), n)
        ):
            return tuple(range(n, len(words), n))
    return None


def _clear(ranked: Sequence[tuple[float, tuple[int, ...]]]) -> tuple[int, ...] | None:
    """The cutting that fits best, when it fits within MAX_OFF a cut and
    better than any other by MARGIN; else None."""
    if not ranked or ranked[0][0] > MAX_OFF * len(ranked[0][1]):
        return None
    if len(ranked) > 1 and ranked[1][0] - ranked[0][0] < MARGIN:
        return None
    return ranked[0][1]


def _rating_mark(word: str) -> bool:
    """A rating mark: a symbol glyph ("✓", "▲") or a TeX name ("\\bigcirc"),
    not punctuation ("=", "–")."""
    return MARK.fullmatch(word) is not None and (
        word.startswith("\\") or any(unicodedata.category(c) == "So" for c in word)
    )


def _cuttings(
    f: Fragment,
    words: Sequence[tuple[int, int]],
    columns: Sequence[int],
    nexts: Sequence[int | None],
    again: bool,
) -> Iterator[tuple[float, tuple[int, ...]]]:
    """Each way to cut the run (word indexes that begin the next columns, in
    order) with how far, at best, its cut words stand from their columns
    under one scale from LOW to HIGH, plus how far its last cell runs past
    the next column's start (`nexts[m]` after m cuts, None past the table's
    last column). With `again`, the drift may start afresh at a first cut
    word set exactly at its column."""
    options = [_near(f, words, x) for x in columns]
    for chosen in _increasing(options):
        m = len(chosen)
        yield _fit(f, words, columns[:m], chosen, nexts[m], again), chosen


def _increasing(
    options: Sequence[Sequence[int]], last: int = -1, chosen: tuple[int, ...] = ()
) -> Iterator[tuple[int, ...]]:
    """Every choice of one option each for the first columns (none, the
    first, the first two …), each later than the one before: built in order,
    so no choice out of order is made and thrown away."""
    yield chosen
    k = len(chosen)
    if k < len(options):
        for word in options[k]:
            if word > last:
                yield from _increasing(options, word, (*chosen, word))


def _count(options: Sequence[Sequence[int]]) -> int:
    """How many choices `_increasing` makes, counted column by column
    (choices ending at each word), not made: the bound a run's cuttings are
    weighed under."""
    total = 1
    ending = {word: 1 for word in options[0]} if options else {}
    for later in options[1:]:
        total += sum(ending.values())
        ending = {
            w: n for w in later if (n := sum(c for v, c in ending.items() if v < w))
        }
    return total + sum(ending.values())


def _near(f: Fragment, words: Sequence[tuple[int, int]], x: int) -> list[int]:
    """Indexes of the words (not the first) that start where some scale puts
    a column starting at `x`, give or take MAX_OFF."""
    lo = f.x0 + (x - f.x0) * LOW - MAX_OFF
    hi = f.x0 + (x - f.x0) * HIGH + MAX_OFF
    return [k for k in range(1, len(words)) if lo <= words[k][0] <= hi]


def _fit(
    f: Fragment,
    words: Sequence[tuple[int, int]],
    columns: Sequence[int],
    chosen: Sequence[int],
    after: int | None,
    again: bool,
) -> float:
    """The least, over scales from LOW to HIGH, of the cut words' distances
    from where the scale puts their columns, plus how far the run's last cell
    runs past the next column (`after`), were it printed at that scale. The
    distances change straight between the scales that put a column exactly
    at its word, so the least is at one of those or at an end."""
    points = [(words[k][0], x) for k, x in zip(chosen, columns, strict=True)]
    if after is not None:
        points.append((words[-1][1] + 1, after))
    best = _least(f.x0, f.x0, points, after is not None)
    if again and len(points) > 1 and points[0][0] == points[0][1]:
        p, x = points[0]
        best = min(best, _least(p, x, points[1:], after is not None))
    return best


def _least(p0: int, x0: int, points: Sequence[tuple[int, int]], bounded: bool) -> float:
    """The least of `_off` over the scales LOW to HIGH, the drift starting
    at `p0` printed for `x0` true. The distances change straight between
    the scales that put a column exactly at its word, so the least is at
    one of those or at an end."""
    scales = {LOW, HIGH}
    scales.update(min(HIGH, max(LOW, (p - p0) / (x - x0))) for p, x in points if x > x0)
    return min(_off(p0, x0, points, s, bounded) for s in scales)


def _off(
    p0: int, x0: int, points: Sequence[tuple[int, int]], s: float, bounded: bool
) -> float:
    """How far the cut words (`points`: where each is printed, where its
    column starts) stand from where scale `s` puts their columns, a word late
    of its column counted twice (the cell before it runs over the column's
    start); with `bounded`, the last point is the end of the run, counted
    only where it runs past the next column."""
    total = 0.0
    for n, (p, x) in enumerate(points):
        r = p - (p0 + (x - x0) * s)
        if bounded and n == len(points) - 1:
            total += max(0.0, r)
        else:
            total += abs(r) + max(0.0, r)
    return total


def aligned_cuts(
    region: Sequence[Sequence[Fragment]], cuts: Sequence[int]
) -> list[list[Fragment]]:
    """A table region's lines (fragments), each fragment that runs over a
    column start in `cuts` with two or more words starting near it, none
    exactly there, cut at the one word that starts where a line up to
    NEIGHBOURS lines above or below starts a cell near that column: the
    column's text starts there in this part of the table (tests/fixtures/
    writerlayout/000_…-writer-layout line 14 "These are Measure has" over the
    column at 102, "changed" at 104 on the line below). Only neighbours'
    cells off the column's start tell; where they start cells at more than
    one such word, the fragment is left whole."""
    begins = [_cell_starts(frags, cuts) for frags in region]
    out: list[list[Fragment]] = []
    for k, frags in enumerate(region):
        seen = {
            x
            for near in begins[max(0, k - NEIGHBOURS) : k]
            + begins[k + 1 : k + 1 + NEIGHBOURS]
            for x in near
        }
        out.append([g for f in frags for g in _aligned(f, cuts, seen)])
    return out


def _cell_starts(frags: Sequence[Fragment], cuts: Sequence[int]) -> set[int]:
    """Where a line surely starts cells: its fragments' starts, and the one
    word near a column start that a fragment runs over, where only one is."""
    out = {f.x0 for f in frags}
    for f in frags:
        for s in cuts:
            if f.x0 < s < f.x1:
                near = _near_words(f, s)
                if len(near) == 1:
                    out.add(f.x0 + near[0].start())
    return out


def _near_words(f: Fragment, s: int) -> list[re.Match[str]]:
    """The words of `f` (not its first) that start near column start `s`."""
    return [
        m
        for m in WORD.finditer(f.text)
        if m.start() and s - EARLY_START <= f.x0 + m.start() <= s + LATE_START
    ]


def _aligned(f: Fragment, cuts: Sequence[int], seen: set[int]) -> list[Fragment]:
    """`f` cut at each column start it runs over where the one word near it
    that starts where a neighbouring line starts a cell (`seen`) tells."""
    out = [f]
    for s in cuts:
        last = out[-1]
        if not last.x0 < s < last.x1:
            continue
        near = _near_words(last, s)
        if len(near) < 2 or any(last.x0 + m.start() == s for m in near):
            continue
        # A neighbour's cell at the column's start tells nothing of how far
        # this part of the table drifts from it.
        drifted = [y for y in seen if abs(y - s) > X_TOLERANCE]
        told = [
            m
            for m in near
            if any(abs(last.x0 + m.start() - y) <= X_TOLERANCE for y in drifted)
        ]
        if len(told) != 1:
            continue
        m = told[0]
        head = last.text[: m.start()].rstrip()
        out[-1] = Fragment(head, last.x0, last.x0 + len(head))
        out.append(Fragment(last.text[m.start() :], last.x0 + m.start(), last.x1))
    return out
