"""A row of quarter blocks printed across its columns line by line, in text
whose cells run on along a line (`pdftotext -raw`, tests/fixtures/rawtext/
000…-raw.txt lines 121-131):

    Hate Crime
    Incidents
    Q1 (24.07.17) Q2 (10.10.17) Q3 (19.01.18) Q4 (197.04.18) -
    Over Time Previous 12 Previous 12 Previous 12 Previous 12
    (Variation) – Police
    data
    months = 89 months = 88 months = 90 months = 93
    Last 12 months = 100 Last 12 months = 116 Last 12 months = 123 Last 12 months = 114
    Change over 12 Months = 12% Change over 12 Months = 32% Change over 12 …

A line of two or more dated quarter labels opens the row. Each line under it
that ends in one piece of text a column, every piece the same words but for
its figures ("months = 89 months = 88 …"), gives each column its piece in
turn; what such a line prints before them, and a short line without them, is
the name column's. The row ends at the line that completes every column's
block, and is read only when each column then reads as exactly one block. Its
indicator is the rolling name made of the name column's lines: those above
the labels (up to a line with a figure, a column label or the end of a
sentence) and those among the pieces.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.blocks import Blocks
from extract.document import Cell, Row
from extract.recognisers.rolling12.quarter_blocks import Block, Found, blocks_in
from extract.recognisers.rolling12.reading_order import named, stops_name
from normalise.patterns import compiled

# A dated quarter label: "Q1 (24.07.17)", "Q4 (197.04.18)".
LABEL = compiled(r"Q[1-4]\s*\(\s*[\d./\s]+\)", re.IGNORECASE)
# A line of dated labels only, and perhaps a mark of a column after them ("-").
LABELS_LINE = compiled(
    r"^(?:Q[1-4]\s*\(\s*[\d./\s]+\)\s*){2,}(?:[-\u2013\u2014]\s*)?$", re.IGNORECASE
)
DIGITS = compiled(r"\d+(?:[.,]\d+)*")
# How many lines a row's pieces and name parts take at most.
ROW_LINES = 12
# How many lines above the labels a name takes at most, and how long a line
# of the name column is.
NAME_LINES = 4
NAME_PART_CHARS = 60


def read(blocks: Blocks, name: str) -> list[Found]:
    """Every row of quarter blocks printed across its columns, claimed by `name`."""
    if not blocks.runs_on:
        return []
    rows = blocks.doc.rows
    found: list[Found] = []
    j = 0
    while j < len(rows):
        row = _row(blocks, name, rows, j)
        if row is None:
            j += 1
            continue
        found.extend(row[0])
        j = row[1]
    return found


def _row(
    blocks: Blocks, name: str, rows: Sequence[Row], j: int
) -> tuple[list[Found], int] | None:
    """The blocks of the row whose labels are printed on line `j`, and the
    index of the line after it; None when it is not read."""
    if not LABELS_LINE.match(rows[j].flat):
        return None
    labels = [m[0] for m in LABEL.finditer(rows[j].flat)]
    n = len(labels)
    columns: list[list[str]] = [[label] for label in labels]
    # The lines of the name column among the pieces, and what each gives it.
    parts: dict[int, str] = {}
    lines = [j]
    read: list[tuple[Block, str]] | None = None
    k = j + 1
    while k < min(len(rows), j + 1 + ROW_LINES) and read is None:
        text = rows[k].flat
        if not text or LABEL.search(text):
            return None
        split = _pieces(text, n)
        if split is None:
            if len(text) > NAME_PART_CHARS:
                return None
            parts[k] = text
        else:
            before, pieces = split
            if before:
                parts[k] = before
            for column, piece in zip(columns, pieces, strict=True):
                column.append(piece)
            lines.append(k)
            read = _blocks(columns)
        k += 1
    if read is None:
        return None
    above = _name_above(rows, j)
    indicator = named(" ".join([*(rows[i].flat for i in above), *parts.values()]))
    claimed = sorted({*above, *lines, *parts})
    if indicator is None or any(blocks.claims.held_by_others(name, i) for i in claimed):
        return None
    for i in claimed:
        blocks.claims.take_row(name, i, rows[i])
    first, last = rows[j], rows[k - 1]
    return [
        Found(block, _cell(first, last, text), indicator, j) for block, text in read
    ], k


def _pieces(text: str, n: int) -> tuple[str, list[str]] | None:
    """The text a line prints before its `n` pieces, and the pieces: the line's
    last words cut into `n` runs of as many words, each the same words but for
    their figures; None when the line ends in no such runs."""
    words = text.split()
    for size in range(len(words) // n, 0, -1):
        tail = words[len(words) - size * n :]
        runs = [tail[c * size : (c + 1) * size] for c in range(n)]
        shapes = {tuple(DIGITS.sub("#", w) for w in run) for run in runs}
        if len(shapes) == 1:
            before = " ".join(words[: len(words) - size * n])
            return before, [" ".join(run) for run in runs]
    return None


def _blocks(columns: Sequence[Sequence[str]]) -> list[tuple[Block, str]] | None:
    """Each column's one block and text, once every column reads as one block
    with its change; None before."""
    out = []
    for column in columns:
        text = " ".join(column)
        try:
            printed = blocks_in(text)
        except TimeoutError:
            return None
        if len(printed) != 1 or printed[0].pct is None:
            return None
        out.append((printed[0], text))
    return out


def _name_above(rows: Sequence[Row], j: int) -> list[int]:
    """The lines of the name column printed above the labels on line `j`."""
    above: list[int] = []
    for i in range(j - 1, max(-1, j - 1 - NAME_LINES), -1):
        text = rows[i].flat
        if not text or len(text) > NAME_PART_CHARS or stops_name(text):
            break
        above.insert(0, i)
    return above


def _cell(first: Row, last: Row, text: str) -> Cell:
    return Cell(text, text, 0, first.page, first.line_start, last.line_end)
