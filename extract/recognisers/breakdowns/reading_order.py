"""Counts in reading-order text, where a quarter's cell is a paragraph of its
own: "Q1 - 15 on going cases, 6 closed cases 2 x Council referrals …" after
that quarter's rolling block, or "Q1 24 Individuals from Cannock Chase District
reported approx. 120 incidents, … 1 Religion 2 Sexual Orientation …".

A cell is read only when it opens with its quarter and holds labelled counts.
The indicator is the name printed with its data source ("ASB – Number of
referrals to ASB Champion – Victim Support data") nearest before the row's
cells, else the first after them: in reading order a row's name can follow
its cells.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from extract.blocks import Blocks
from extract.blocks.paragraphs import Paragraph, cell_of
from extract.context import Context
from extract.document import Cell
from extract.recognisers.breakdowns.counted import QUARTER_PREFIX, counted
from extract.records import Breakdown, IssueRow
from normalise.counts import Ambiguous, Count, read_counts
from normalise.indicators import ROLLING_NAME, SOURCE_END, split_indicators

# Words of another column printed into a name's lines ("Hate Crime – Number of
# self Increase (11) Q1 24 Individuals …", samples/text/001…-plain.txt line
# 306): a quarter label or a bracketed figure is no part of an indicator's name.
NOT_A_NAME = re.compile(r"\bQ[1-4]\b|\(\s*[-+]?\d")
# How far a row's name can sit from its cells, in paragraphs.
NAME_WINDOW = 8


@dataclass(frozen=True, slots=True)
class QuarterCell:
    """A paragraph that opens with a quarter and prints labelled counts."""

    at: int
    quarter: str
    cell: Cell
    read: tuple[list[Count], list[Ambiguous]]


def read(blocks: Blocks, ctx: Context, name: str) -> Iterator[Breakdown | IssueRow]:
    """The counts of the quarter cells of every reading-order table."""
    paras = [p for p in blocks.paragraphs if p.row_index in blocks.reading_rows]
    cells = [c for k, p in enumerate(paras) if (c := _quarter_cell(blocks, name, p, k))]
    used: set[int] = set()
    for group in _groups(cells):
        indicator = _indicator(blocks, name, paras, group, used)
        if indicator is None:
            continue
        for c in group:
            para = paras[c.at]
            if blocks.claims.take_rest_of_rows(name, blocks.doc.rows, para.rows):
                yield from counted(
                    blocks.doc,
                    ctx,
                    para.row_index,
                    indicator,
                    c.quarter,
                    c.cell,
                    c.read,
                )


def _quarter_cell(
    blocks: Blocks, name: str, para: Paragraph, k: int
) -> QuarterCell | None:
    text = _free_text(blocks, name, para)
    m = QUARTER_PREFIX.match(text)
    if m is None:
        return None
    counts, ambiguous = read_counts(text[m.end() :])
    if not counts:
        return None
    return QuarterCell(k, f"Q{m['q']}", cell_of([para]), (counts, ambiguous))


def _free_text(blocks: Blocks, name: str, para: Paragraph) -> str:
    """The paragraph without the parts other recognisers claimed."""
    rows = blocks.doc.rows
    parts = [
        blocks.claims.free_text(name, i, rows[i].cells[0])
        for i in para.rows
        if rows[i].cells
    ]
    return " ".join(" ".join(parts).split())


def _groups(cells: Sequence[QuarterCell]) -> Iterator[list[QuarterCell]]:
    """Runs of quarter cells of one row: quarters rising, paragraphs close."""
    group: list[QuarterCell] = []
    for c in cells:
        if group and (c.quarter <= group[-1].quarter or c.at > group[-1].at + 2):
            yield group
            group = []
        group.append(c)
    if group:
        yield group


def _indicator(
    blocks: Blocks,
    name: str,
    paras: Sequence[Paragraph],
    group: Sequence[QuarterCell],
    used: set[int],
) -> str | None:
    first, last = group[0].at, group[-1].at
    before = range(first - 1, max(-1, first - 1 - NAME_WINDOW), -1)
    after = range(last + 1, min(len(paras), last + 1 + NAME_WINDOW))
    for window in (before, after):
        for k in window:
            if k in used:
                continue
            if (found := _counted_name(blocks, name, paras[k])) is not None:
                used.add(k)
                return found
    return None


def _counted_name(blocks: Blocks, name: str, para: Paragraph) -> str | None:
    """The name of a counted indicator a paragraph prints with its data source
    ("… – Victim Support data"), not a rolling "Over Time" measure."""
    names = split_indicators(_free_text(blocks, name, para))
    counted_names = [
        n
        for n in names
        if SOURCE_END.search(n)
        and not ROLLING_NAME.search(n)
        and not NOT_A_NAME.search(n)
    ]
    return counted_names[-1] if counted_names else None
