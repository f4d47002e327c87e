"""A table carried onto a new region of `pdftotext -layout` text: where the
region prints the columns of the table before it (after a page break or a
blank line), and which of them it can only guess.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import NamedTuple

from extract.layout.text_columns import CARRY_TOLERANCE, MIN_COLUMN_WIDTH, X_TOLERANCE


class Carry(NamedTuple):
    """Where a region prints the columns of the table before it. `guessed`:
    columns a new page prints where more than one of the table's could be
    theirs (see `_unsure_marks`)."""

    starts: list[int]
    guessed: frozenset[int] = frozenset()


def carried_columns(
    own: Sequence[int],
    carried: Sequence[int],
    filled: Sequence[int] = (),
    shift: int = 0,
) -> Carry | None:
    """The columns of the table before, moved to where this region prints them,
    when each of this region's columns is one of those (a table that goes on
    after a page break may be laid out a few characters apart).

    Columns that match nothing after the last one that does are, as many as
    the columns the table's last row filled (`filled`), those columns in
    order: the row goes on (samples/text/001_…-browser-layout line 152 prints
    the Quarter 1 and 2 columns of the page before, at 42 and 83, at 33 and
    104). Else they are spread over the table's remaining columns in
    proportion, its last column last: samples/text/002-layout's last page
    prints the marks of the page before's Q1-Q4 (190, 200, 209, 215) at 187,
    192 and 202 (Q1, Q2, Q4). On a new page, narrow columns placed off
    their place, on no even line with the page before's, are `guessed`
    (`_unsure_marks`).

    A region on a new page may print every column off where the page before
    did by one amount of up to `shift` characters (each column then within
    CARRY_TOLERANCE of it): pdftotext sets each page's columns afresh (a
    ruled PDF's milestones at 81 and 112 on one page, at 76 and 108 on the
    next). The smallest offset that brings the region's first column within
    reach of a carried one is taken, the others following as above: narrow
    columns of marks are set closer together on one page than on another
    (187, 192 and 202 for Q1, Q2 and Q4, where the page before set Q1-Q4 at
    190, 199, 208 and 213), so they tell no offset of their own.
    """
    if len(carried) < 2 or not own:
        return None
    far: Carry | None = None
    for d in sorted(range(-shift, shift + 1), key=abs):
        at = [max(0, c + d) for c in carried]
        carry = _carried_at(own, at, filled)
        if carry is None:
            continue
        if not shift:
            return carry
        if _near(own, carry.starts, at):
            return _unsure_marks(own, at, carry)
        if not d:
            far = carry
    if far is None:
        return None
    # Only a placement that moves a column far fits the new page: a progress
    # column set 6 characters on may have been taken for Q1's (v009_002), or
    # marks set closer together spread over theirs (v030_002-portrait): every
    # mark it places is a guess.
    k = _narrow_from(carried)
    return Carry(far.starts, frozenset(range(k, len(carried))))


def _unsure_marks(own: Sequence[int], at: Sequence[int], carry: Carry) -> Carry:
    """`carry` with the columns `guessed` that a new page prints off their
    place among some of the table's narrow last columns (set less than two
    columns' width apart: marks), unless they lie on one even line with
    those the page before set (`_fitted`). pdftotext sets such columns
    closer together or further apart on one page than another, so a mark
    near a column's place may be its neighbour's (v007_002: ✓ at 192 and ▲
    at 202 are Q2 and Q4, by place Q1 and Q2 of 190, 200, 209 and 215). A
    column printed where the page before set it is its own."""
    k = _narrow_from(at)
    placed = [i for i, x in enumerate(carry.starts) if i >= k and x in own]
    moved = [i for i in placed if abs(carry.starts[i] - at[i]) > X_TOLERANCE]
    if not moved or len(placed) == len(at) - k or k == len(at) - 1:
        return carry
    tail = [carry.starts[i] for i in placed]
    fitted = _fitted(tail, at, k)
    if fitted == tuple(placed):
        return carry
    if fitted is not None:
        # One even line says they are other columns than the nearest: a mark
        # at 214 under Q1-Q4 at 197, 207, 213 and 218, with others at 197
        # and 205, is Q4's (v035_002-ruled-layout line 219), not Q3's.
        refitted = _placed_on_line(carry.starts, at, tail, fitted)
        if refitted is not None:
            return Carry(
                refitted,
                frozenset(
                    j
                    for x, i, j in zip(tail, placed, fitted, strict=True)
                    if i != j or abs(x - at[j]) > X_TOLERANCE
                ),
            )
    return Carry(carry.starts, frozenset(moved))


def _narrow_from(at: Sequence[int]) -> int:
    """The first of the table's narrow last columns (set less than two
    columns' width apart: marks)."""
    k = len(at) - 1
    while k > 0 and at[k] - at[k - 1] < 2 * MIN_COLUMN_WIDTH:
        k -= 1
    return k


def _near(own: Sequence[int], moved: Sequence[int], at: Sequence[int]) -> bool:
    """Whether each of `own` went to a carried column (`at`, moved by the
    page's offset) less than two columns' width away: a page set off by one
    amount moves no column far (a progress column at 73 is not the Q4 of a
    page whose progress was at 68 and Q4 at 138)."""
    return all(
        abs(at[i] - x) < 2 * MIN_COLUMN_WIDTH for i, x in enumerate(moved) if x in own
    )


def _carried_at(
    own: Sequence[int], carried: Sequence[int], filled: Sequence[int]
) -> Carry | None:
    """`carried_columns` at one offset: `carried` already moved by it."""
    moved = list(carried)
    k = 0
    for j, x in enumerate(own):
        while k < len(carried) and carried[k] < x - CARRY_TOLERANCE:
            k += 1
        # The nearest of two within reach (a mark at 213 is 215's, not 209's).
        while k + 1 < len(carried) and abs(carried[k + 1] - x) < abs(carried[k] - x):
            k += 1
        if k == len(carried) or abs(carried[k] - x) > CARRY_TOLERANCE:
            if not j:
                return None
            return _onto(own, carried, filled) or _spread(own, carried, moved, j, k)
        moved[k] = x
        k += 1
    return _ordered(moved)


def _ordered(moved: list[int]) -> Carry | None:
    return Carry(moved) if moved == sorted(set(moved)) else None


def _onto(
    own: Sequence[int], carried: Sequence[int], filled: Sequence[int]
) -> Carry | None:
    """The carried columns with those `filled` moved, in order, to `own`."""
    if len(own) != len(filled):
        return None
    moved = list(carried)
    for x, c in zip(own, filled, strict=True):
        moved[c] = x
    return _ordered(moved)


def _spread(
    own: Sequence[int], carried: Sequence[int], moved: list[int], j: int, k: int
) -> Carry | None:
    """`own[j:]` placed on `carried[k:]` in proportion to where they stand
    between the last matched column and the last column."""
    o_a, c_a = own[j - 1], carried[k - 1]
    o_z, c_z = own[-1], carried[-1]
    if o_z <= o_a or c_z <= c_a or len(own) - j > len(carried) - k:
        return None
    # Every remaining column first moves in proportion; the printed ones then
    # take their exact places.
    for i in range(k, len(carried)):
        moved[i] = round(o_a + (carried[i] - c_a) * (o_z - o_a) / (c_z - c_a))
    fitted = _fitted(own[j:], carried, k)
    if fitted is not None:
        for x, i in zip(own[j:], fitted, strict=True):
            moved[i] = x
        return _ordered(moved)
    taken = k - 1
    for x in own[j:]:
        target = c_a + (x - o_a) * (c_z - c_a) / (o_z - o_a)
        options = range(taken + 1, len(carried))
        best = min(options, key=lambda i: abs(carried[i] - target), default=None)
        if best is None:
            return None
        moved[best] = x
        taken = best
    return _ordered(moved)


# A page sets a table's columns closer together or further apart than the
# page before, within these bounds (characters on it for one before).
SCALES = (0.3, 2.0)
# The best placement's squared misfit beats the next one's by this much.
FIT_MARGIN = 1.0


def _fitted(
    tail: Sequence[int], carried: Sequence[int], k: int
) -> tuple[int, ...] | None:
    """The columns of `carried[k:]`, in order, that three or more columns
    (`tail`) a new page prints are, where one choice lies on a line clearly
    best: pdftotext sets a page's narrow columns closer together or further
    apart than the page before, evenly (v012_002-ruled-layout: marks at
    187, 192 and 202 are Q1, Q2 and Q4 of 190, 199, 208 and 213). None
    where fewer columns or no clear choice tell."""
    if len(tail) < 3:
        return None
    ranked: list[tuple[float, tuple[int, ...]]] = []
    for chosen in itertools.combinations(range(k, len(carried)), len(tail)):
        xs = [carried[i] for i in chosen]
        line = _line(xs, tail)
        if line is None or not SCALES[0] <= line.slope <= SCALES[1]:
            continue
        misfit = sum((line.at(x) - y) ** 2 for x, y in zip(xs, tail, strict=True))
        ranked.append((misfit, chosen))
    ranked.sort()
    if not ranked or (len(ranked) > 1 and ranked[1][0] - ranked[0][0] < FIT_MARGIN):
        return None
    return ranked[0][1]


class Line(NamedTuple):
    """Where a page prints a column the page before set at x: `at(x)`."""

    slope: float
    mx: float
    my: float

    def at(self, x: float) -> float:
        return self.my + self.slope * (x - self.mx)


def _line(xs: Sequence[int], ys: Sequence[int]) -> Line | None:
    """The least-squares line through (xs, ys); None where xs are one place."""
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mx) ** 2 for x in xs)
    if not var:
        return None
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / var
    return Line(slope, mx, my)


def _placed_on_line(
    starts: Sequence[int], at: Sequence[int], tail: Sequence[int], fitted: Sequence[int]
) -> list[int] | None:
    """`starts` with the columns `fitted` (from the first of them on) where the
    line through them puts them: each of `tail` at its own, the others where
    the line sets the page before's (`at`); None if they would not stay in
    order."""
    line = _line([at[i] for i in fitted], tail)
    if line is None:
        return None
    moved = list(starts)
    for i in range(fitted[0], len(at)):
        moved[i] = round(line.at(at[i]))
    for x, i in zip(tail, fitted, strict=True):
        moved[i] = x
    ordered = _ordered(moved)
    return ordered.starts if ordered is not None else None
