"""Rating marks under quarter labels set one space apart, placed by the order
of where a page prints them.

pdftotext sets a header's "Q1 Q2 Q3 Q4" one space apart when the labels are
narrower than their columns, so a mark printed alone on its line tells its
quarter by no label (samples/text/002_…-browser-layout line 152 prints the
labels at 101-111 and the marks below them at 101, 106, 113 and 117). A
page prints a text's pieces further right the further right they stand, so
where a page's marks fall at as many places as there are labels, apart and
none before its label, the places are the quarters in order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from extract.layout.text_columns import (
    MARK,
    QUARTER,
    QUARTER_LABEL,
    X_TOLERANCE,
    Fragment,
    fragments,
)
from extract.layout.unplaced import tight_labels
from normalise.vocabulary import RATING_WORD

# The places of two quarters' marks are at least this many characters apart.
MIN_APART = 3
# Two quarter labels one space apart: a text that may print tight labels.
TIGHT = re.compile(rf"\b{QUARTER}(?: {RATING_WORD})? {QUARTER}\b")


def placed_marks(
    lines: Sequence[str], pages: Sequence[int]
) -> dict[int, dict[int, int]]:
    """For the lines (indexes) of marks under tight quarter labels whose
    quarter their page tells: where each mark (its start) goes, the start of
    its label. A page's marks tell their quarters only where each is printed
    on a line with other text, the first line of its row."""
    # One search of the whole text, not one a line: most texts print no
    # tight labels (a line break is no space, so no match spans two lines).
    if not TIGHT.search("\n".join(lines)):
        return {}
    labels: list[Fragment] = []
    found: dict[int, list[tuple[int, int, list[Fragment]]]] = {}
    alone: dict[int, bool] = {}
    for i, line in enumerate(lines):
        frags = fragments(line)
        if sum(1 for f in frags if QUARTER_LABEL.fullmatch(f.text)) >= 2:
            # Labels set apart place their marks by position.
            labels = tight_labels(frags)
            continue
        for f in frags if labels else ():
            if MARK.fullmatch(f.text):
                found.setdefault(pages[i], []).append((i, f.x0, labels))
                alone[pages[i]] = alone.get(pages[i], False) or len(frags) == 1
    out: dict[int, dict[int, int]] = {}
    for page, marks in found.items():
        if alone[page]:
            # A mark on a line of its own is set in the middle of its row's
            # height, not on the row's first line: rows cannot be told.
            continue
        for i, x, to in _in_order(marks):
            out.setdefault(i, {})[x] = to
    return out


def _in_order(
    marks: Sequence[tuple[int, int, list[Fragment]]],
) -> list[tuple[int, int, int]]:
    """A page's marks (line, start, the labels above) each with the start of
    its label, or none when the page's marks do not tell their quarters: its
    labels printed at more than one set of places, the marks at other than
    one place a label, a place before its label's start, or the first place
    off the first label's."""
    places = {tuple(f.x0 for f in labels) for _, _, labels in marks}
    if len(places) != 1:
        return []
    (starts,) = places
    groups = _places(sorted({x for _, x, _ in marks}))
    if len(groups) != len(starts) or any(
        g[0] < s - X_TOLERANCE for g, s in zip(groups, starts, strict=True)
    ):
        return []
    if groups[0][0] > starts[0] + X_TOLERANCE:
        # The page drifts further the further right: its first quarter's
        # marks are under their label. A page with none there (a mark column
        # after the quarters, "Trend", and no Q1 mark) tells no quarter.
        return []
    label_of = {x: s for g, s in zip(groups, starts, strict=True) for x in g}
    return [(i, x, label_of[x]) for i, x, _ in marks]


def _places(xs: Sequence[int]) -> list[list[int]]:
    """Starts (sorted) in groups of those X_TOLERANCE apart or less; no
    groups unless each is MIN_APART or more from the next."""
    groups: list[list[int]] = []
    for x in xs:
        if groups and x - groups[-1][-1] <= X_TOLERANCE:
            groups[-1].append(x)
        elif groups and x - groups[-1][-1] < MIN_APART:
            return []
        else:
            groups.append([x])
    return groups


def moved_marks(
    frags: Sequence[Fragment], moves: Mapping[int, int] | None
) -> list[Fragment]:
    """A line's fragments, each mark `moves` places (by its start) at its
    label's start."""
    if not moves:
        return list(frags)
    return [
        Fragment(f.text, moves[f.x0], moves[f.x0] + len(f.text))
        if f.x0 in moves and MARK.fullmatch(f.text)
        else f
        for f in frags
    ]
