"""Figures set to the right of their column, under a header of labels set to
the left: a word processor's table whose number cells are right-aligned and
whose text cells are left-aligned.

Such figures start wherever their width puts them, a few characters short of
the next column's label, so `text_columns.column_starts` takes the places
where figures of one width start for columns of their own, under no label
(tests/fixtures/figuresright/v009_002-figures-right-layout line 72: "20" at
119-121 in the Quarter 1 column, labelled at 82, Quarter 2's label at 124;
"9,335" at 206-211 under "Q4" at 184, "Total" at 218). Each such start
belongs to the label it is printed after, where the table shows that its
figures are set to the right; a start it cannot tell leaves every start as
it was, and its rows are reported as before.
"""

from __future__ import annotations

from collections.abc import Sequence

from extract.layout.headers import is_label
from extract.layout.text_columns import (
    FIGURE,
    LETTER,
    MIN_COLUMN_WIDTH,
    STRUCTURAL_CELLS,
    X_TOLERANCE,
    Fragment,
    ends_together,
)

# A header spans its table when no cell starts this far past its last label
# (samples/text/001_…-layout line 48 prints an HTML table's cells from 113
# on, beside an action table whose last label, "Q4", ends at 105).
SPAN = 2 * MIN_COLUMN_WIDTH


def columns_at_labels(
    region: Sequence[Sequence[Fragment]], starts: Sequence[int]
) -> list[int]:
    """`starts` with each that only figures set to the right in a label's
    column make (`_owner`) replaced by that label's start; `starts` as they
    are unless every start of figures alone under no label is told so."""
    at = next((k for k, frags in enumerate(region) if _is_header(frags)), None)
    if at is None or not starts:
        return list(starts)
    first = next(
        (k for k in range(at + 1, len(region)) if _is_row(region[k])), len(region)
    )
    # The header's labels: its line's, those printed on the lines above it
    # ("No Rating" over a status grid), and labels on its own lines below
    # ("Total" beside "3" and "4" under "Quarter Quarter", tests/fixtures/
    # writerlayout/001_…-writer-layout line 193).
    heads = [
        *(f for frags in region[: at + 1] for f in frags),
        *(f for frags in region[at + 1 : first] for f in frags if is_label(f.text)),
    ]
    heads.sort(key=lambda f: f.x0)
    body = [f for frags in region[first:] for f in frags]
    edge = max(f.x1 for f in heads) + SPAN
    if any(f.x0 >= edge for f in body):
        # The header spans only part of the table: it tells nothing of the
        # columns beyond it.
        return list(starts)
    if any(f.x0 < h.x0 < f.x1 for f in body if _figure(f) for h in heads):
        # A figure printed across a label's start (labels set to the right,
        # "4.55%" at 63-68 under "Q1" at 66-68): its column is not told by
        # the label it is printed after.
        return list(starts)
    # The starts under no label that figures alone make, with those figures.
    alone = {
        s: at_s
        for s in starts
        if all(abs(s - h.x0) > X_TOLERANCE for h in heads)
        and (at_s := [f for f in body if abs(f.x0 - s) <= X_TOLERANCE])
        and all(_figure(f) for f in at_s)
    }
    owners = {s: _owner(s, at_s, heads, body) for s, at_s in alone.items()}
    if not owners or None in owners.values():
        return list(starts)
    kept = [s for s in starts if s not in owners]
    added = [x for x in owners.values() if x is not None]
    return sorted(
        {*kept, *(x for x in added if all(abs(x - s) > X_TOLERANCE for s in kept))}
    )


def _owner(
    s: int,
    at_s: Sequence[Fragment],
    heads: Sequence[Fragment],
    body: Sequence[Fragment],
) -> int | None:
    """The start of the label in whose column the figures starting at `s`
    (`at_s`) are set to the right, or None where the table does not show it.

    They are printed after that label's start and end by the next label's,
    not at the end of a later label (labels set to the right, and figures
    wider than theirs);
    and the column is a word processor's mixed one, a cell of a figure and
    words set to the left at the label ("0% (All cases dealt with", "1.22%
    (Only three cases") and no figure alone there; or its figures alone end
    together, and do not all start together. Figures set to the left under
    a centred label start together, at a place of their own."""
    before = [h for h in heads if h.x0 < s]
    if not before:
        return None
    label = before[-1].x0
    after = [h.x0 for h in heads if h.x0 > s]
    end = after[0] + X_TOLERANCE if after else None
    if any(end is not None and f.x1 > end for f in at_s):
        return None
    if any(h.x0 > s and abs(f.x1 - h.x1) <= X_TOLERANCE for f in at_s for h in heads):
        # Set to the right under a label set to the right, and wider.
        return None
    at_label = [f for f in body if abs(f.x0 - label) <= X_TOLERANCE]
    if any(_figure(f) for f in at_label):
        return None
    if any(_figure_then_words(f) for f in at_label):
        return label
    inside = [
        f
        for f in body
        if label + X_TOLERANCE < f.x0 and (end is None or f.x1 <= end) and _figure(f)
    ]
    return label if ends_together(inside, X_TOLERANCE) else None


def _is_header(frags: Sequence[Fragment]) -> bool:
    """A line of column labels: STRUCTURAL_CELLS fragments or more, most of
    them labels (a KPI grid's, or a status grid's "Project completed")."""
    labels = sum(1 for f in frags if is_label(f.text))
    return len(frags) >= STRUCTURAL_CELLS and 2 * labels >= len(frags)


def _is_row(frags: Sequence[Fragment]) -> bool:
    """A line below a header that prints a figure alone and no label: the
    table's rows start there."""
    return any(_figure(f) for f in frags) and not any(is_label(f.text) for f in frags)


def _figure(f: Fragment) -> bool:
    return FIGURE.fullmatch(f.text) is not None


def _figure_then_words(f: Fragment) -> bool:
    """A cell of a figure and words after it ("1.22% (Only three cases")."""
    first, _, rest = f.text.partition(" ")
    return FIGURE.fullmatch(first) is not None and LETTER.search(rest) is not None
