"""Quarter blocks whose lines a print set as table rows of their own.

A TAB export prints a tall cell's lines on lines of their own, and a print
made from it can draw each as a row: samples/pdf/000_…-browser.pdf page 1
sets the Hate Crime row's "Q1 (24.07.17)" over a row of "Previous 12 months =
89", one of "Last 12 months = 100" and one of "Change over 12 Months = 12%",
each ruled. Such rows are one row again where a row's quarter cells open
blocks that hold no totals yet, and the rows under it go on with those
blocks' words in the same columns (their first cell goes on with the name,
any other with its own text).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from extract.blocks import Blocks
from extract.document import Cell, Row
from extract.recognisers.rolling12.quarter_blocks import (
    ANCHOR,
    DIRECTION,
    LINE_WORDS,
    blocks_in,
)
from normalise.patterns import compiled

# A block's later line: its totals' words ("Previous 12", "months = 89",
# "Last 12", "Change over", "over 12", "= 2,808"), its date ("(24.07.17)"),
# its change ("reduction (-321)", "(-46)"); never a figure alone, which a
# KPI row below prints.
GOES_ON = compiled(
    rf"^(?:{LINE_WORDS}|(?:{DIRECTION})\b"
    r"|\(\s*\d{1,2}[./]\d|\(\s*[-+\u2013]?\s*\d[\d,]*\s*\))",
    re.IGNORECASE,
)


def stacks(blocks: Blocks) -> Iterator[tuple[int, list[int], Row]]:
    """For each such run of rows: the first row's index, the indexes of the
    rows that go on from it, and the rows as one (each column's cells joined,
    the first row's page, the lines of them all)."""
    rows = blocks.doc.rows
    for table in blocks.tables():
        members = [i for i in table.rows if rows[i].tabbed and rows[i].cells]
        k = 0
        while k < len(members):
            found = _stack(rows, members, k)
            if found is None:
                k += 1
                continue
            below, joined = found
            yield members[k], below, joined
            k += 1 + len(below)


def _stack(
    rows: Sequence[Row], members: Sequence[int], k: int
) -> tuple[list[int], Row] | None:
    first = rows[members[k]]
    opened = {c.column for c in first.cells[1:] if _opens(c)}
    if not opened:
        return None
    below: list[int] = []
    for i in members[k + 1 :]:
        row = rows[i]
        if len(row.cells) != len(first.cells) or not _goes_on(row, first, opened):
            break
        below.append(i)
    if not below:
        return None
    stacked = [first, *(rows[i] for i in below)]
    cells = tuple(
        _joined([row.cells[c] for row in stacked]) for c in range(len(first.cells))
    )
    try:
        if not any(blocks_in(cells[c].reading) for c in opened):
            return None
    except TimeoutError:
        return None
    last = stacked[-1]
    return below, Row(cells, first.page, first.line_start, last.line_end, True, True)


def _opens(cell: Cell) -> bool:
    """Whether a cell opens a quarter block and holds none whole (a cell too
    slow to scan is left to the recogniser, which reports it)."""
    text = cell.reading
    if "Q" not in text and "q" not in text:
        # No quarter label: most cells.
        return False
    if not ANCHOR.match(text.lstrip()):
        return False
    try:
        return not blocks_in(cell.reading)
    except TimeoutError:
        return False


def _goes_on(row: Row, first: Row, opened: set[int]) -> bool:
    """Whether a row's cells past the first go on with the blocks of the
    `opened` columns, each that prints words in those columns with a block's
    words, and any other only where the `first` row's cell goes on (a
    comment wrapped beside the blocks)."""
    filled = [c for c in row.cells[1:] if c.reading.strip()]
    going = [c for c in filled if c.column in opened]
    return bool(going) and all(
        GOES_ON.match(c.reading.lstrip())
        if c.column in opened
        else first.cells[c.column].reading.strip()
        for c in filled
    )


def _joined(cells: Sequence[Cell]) -> Cell:
    """One column's cells of a run of rows as one cell, on all their lines."""
    filled = [c for c in cells if c.text.strip()]
    first, last = cells[0], cells[-1]
    return Cell(
        " ".join(c.raw for c in filled),
        " ".join(c.text for c in filled),
        first.column,
        first.page,
        first.line_start,
        last.line_end,
    )
