"""Figures set to the right of their column, under a header of labels set to
the left: a word processor's table whose number cells are right-aligned.

Such figures start wherever their width puts them, a few characters short of
the next column's label, so `text_columns.column_starts` takes the places
where figures of one width start for columns of their own, under no label
(tests/fixtures/figuresright/v009_002-figures-right-layout line 72: "20" at
119-121 in the Quarter 1 column, labelled at 82, Quarter 2's label at 124;
"9,335" at 206-211 under "Q4" at 184, "Total" at 218). Each such start
belongs to the label it is printed after.
"""

from __future__ import annotations

from collections.abc import Sequence

from extract.layout.headers import is_header_cells, known_labels
from extract.layout.text_columns import (
    FIGURE,
    MIN_COLUMN_WIDTH,
    STRUCTURAL_CELLS,
    X_TOLERANCE,
    Fragment,
)

# A header spans its table when no cell starts this far past its last label.
SPAN = 2 * MIN_COLUMN_WIDTH


def label_columns(
    region: Sequence[Sequence[Fragment]], starts: Sequence[int]
) -> list[int]:
    """`starts` without those that only figures set to the right of a label's
    column make (`_right_set`), with that label's start: the columns a
    header of labels tells, where it tells them."""
    at = next(
        (
            k
            for k, frags in enumerate(region)
            if len(frags) >= STRUCTURAL_CELLS
            and is_header_cells([f.text for f in frags])
        ),
        None,
    )
    if at is None or not starts:
        return list(starts)
    labels = [f.x0 for f in region[at]]
    # A header fragment that no one label reads may be two run together
    # ("Frequency Last year's"): what prints under it is no figure set right.
    run_together = [(f.x0, f.x1) for f in region[at] if not known_labels([f.text])]
    # The rows: from the first line after the header that prints a cell at
    # the table's left edge (the header's own lines go on without one:
    # "3" and "4" under "Quarter Quarter", tests/fixtures/writerlayout/
    # 001_…-writer-layout line 193, are no figures).
    first = next(
        (
            k
            for k in range(at + 1, len(region))
            if region[k] and region[k][0].x0 <= starts[0] + X_TOLERANCE
        ),
        len(region),
    )
    body = [f for frags in region[first:] for f in frags]
    if any(f.x0 >= region[at][-1].x1 + SPAN for f in body):
        # The header spans only part of the table (an HTML table's cells
        # printed beside an action's text, samples/text/001_…-layout line
        # 48): it tells nothing of the columns beyond it.
        return list(starts)
    kept: list[int] = []
    added: set[int] = set()
    for s in starts:
        if any(x0 < s < x1 for x0, x1 in run_together):
            kept.append(s)
            continue
        label = _right_set(s, labels, body)
        if label is None:
            kept.append(s)
        else:
            added.add(label)
    if not added:
        return list(starts)
    missing = [x for x in added if all(abs(x - s) > X_TOLERANCE for s in kept)]
    return sorted(kept + missing)


def _right_set(s: int, labels: Sequence[int], body: Sequence[Fragment]) -> int | None:
    """The start of the label whose column the fragments starting at `s` are
    figures set to the right in, or None: each is a figure alone, printed
    after that label's start and ending by the next label's; and the column
    either holds a cell set to the left at its label's start, or holds
    several such figures that end together where they do not all start
    together (right-aligned, not left)."""
    if any(abs(s - x) <= X_TOLERANCE for x in labels):
        return None
    before = [x for x in labels if x < s]
    if not before:
        return None
    label = before[-1]
    after = [x for x in labels if x > s]
    end = after[0] + X_TOLERANCE if after else None
    at = [f for f in body if abs(f.x0 - s) <= X_TOLERANCE]
    if not at or not all(_figure(f) and (end is None or f.x1 <= end) for f in at):
        return None
    if any(abs(f.x0 - label) <= X_TOLERANCE for f in body):
        return label
    inside = [
        f
        for f in body
        if label + X_TOLERANCE < f.x0 and (end is None or f.x1 <= end) and _figure(f)
    ]
    ends = {f.x1 for f in inside}
    together = len(inside) >= 2 and max(ends) - min(ends) <= X_TOLERANCE
    return label if together and len({f.x0 for f in inside}) > 1 else None


def _figure(f: Fragment) -> bool:
    return FIGURE.fullmatch(f.text) is not None
