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

from extract.layout.headers import is_label
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
            and sum(1 for f in frags if is_label(f.text)) >= (len(frags) + 1) // 2
        ),
        None,
    )
    if at is None or not starts:
        return list(starts)
    # The header's labels, with any printed on the lines above it ("No
    # Rating" over a status grid's last column).
    heads = sorted((f for frags in region[: at + 1] for f in frags), key=_x0)
    labels = [f.x0 for f in heads]
    # A header fragment that no one label reads may be two run together
    # ("Frequency Last year's"): what prints under it is no figure set right.
    run_together = [(f.x0, f.x1) for f in heads if not is_label(f.text)]
    # The rows: from the first line after the header that prints a figure
    # alone and no label (the header's own lines go on: "3" and "4" under
    # "Quarter Quarter", tests/fixtures/writerlayout/001_…-writer-layout
    # line 193, beside "Total", are no figures).
    first = next(
        (
            k
            for k in range(at + 1, len(region))
            if any(_figure(f) for f in region[k])
            and not any(is_label(f.text) for f in region[k])
        ),
        len(region),
    )
    body = [f for frags in region[first:] for f in frags]
    if any(f.x0 >= max(f.x1 for f in heads) + SPAN for f in body):
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
    is the last, or holds a cell set to the left at its label's start, or
    holds several such figures that end together where they do not all
    start together (right-aligned, not left)."""
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
    if not after or any(abs(f.x0 - label) <= X_TOLERANCE for f in body):
        # Past the last label, within the header's span, figures can be no
        # other column's ("0%" and "0" under a status grid's "No Rating").
        return label
    inside = [
        f
        for f in body
        if label + X_TOLERANCE < f.x0 and (end is None or f.x1 <= end) and _figure(f)
    ]
    ends = {f.x1 for f in inside}
    together = len(inside) >= 2 and max(ends) - min(ends) <= X_TOLERANCE
    return label if together and len({f.x0 for f in inside}) > 1 else None


def _x0(f: Fragment) -> int:
    return f.x0


def _figure(f: Fragment) -> bool:
    return FIGURE.fullmatch(f.text) is not None
