"""Action-table rows that go on with the action above them, and prose after
a table that may go on with its last action."""

from __future__ import annotations

from collections.abc import Sequence

from extract.document import Cell, Row
from extract.layout.tab_rows import JOINING_WORDS
from extract.recognisers.actions.drafts import cell_text, logical_cells
from extract.recognisers.actions.quarter_labels import LABEL


def goes_on(
    cells: Sequence[Cell], above: Sequence[Row], action: int, outcomes: int | None
) -> bool:
    """A row whose title or outcomes go on with the open action's: a lower-case
    start, or outcomes above that stop on a joining word or a list's bullet
    (samples/text/000_…-browser-layout line 118 "requested by …  option")."""
    title, text = cell_text(cells, action), cell_text(cells, outcomes)
    if title[:1].islower() or text[:1].islower():
        return True
    if not (text and above):
        return False
    words = cell_text(logical_cells(above[-1]), outcomes).split()
    return bool(words) and (words[-1].lower() in JOINING_WORDS or words[-1] == "•")


def labelled_prose(rows: Sequence[Row], i: int) -> bool:
    """Prose that ends a table with a quarter label in it ("… Q4 – …",
    samples/text/000_…-browser-layout lines 135-138): the open action's
    text may go on there, so its quarters cannot be told; it is not read."""
    for row in rows[i:]:
        if row.tabbed or row.unread:
            return False
        if LABEL.search(row.flat):
            return True
    return False
