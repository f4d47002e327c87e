"""Milestone tables in reading-order text: pdftotext without -layout, or text
copied from a PDF viewer, prints an "Approach | Key Project | Milestone(s) |
Progress | Q1 … Q4" table's cells one after another, each a paragraph: the
labels (the theme's lines above "Approach" in its paragraph), then the cells,
the quarter labels and the rating symbols where the PDF's text flows put them
(samples/text/002_c2fd677fd2d5bf7c-plain.txt lines 323-726).

A milestone is rated by a mark in one quarter column and the other columns
print nothing, so a symbol's column cannot be told from where it is printed:
a ✓ follows the Progress of a milestone rated in Q4 before "Q2", "Q3" and "Q4"
are printed (lines 355-395). A table is read only when it prints no symbol at
all, its labels in order ("Approach", "Key Project", "Milestone(s)",
"Progress", then its quarters from "Q1", no other paragraph among them; or
the same without "Approach"), and its cells as one approach, one key
project, then each milestone's title and Progress: as many paragraphs as
that makes, from the header to the quarter labels after them, with nothing
but those labels and page furniture until the next table's header. An empty
cell prints nothing, so any other count leaves which paragraph is which cell
in doubt; such tables, and tables with symbols, are left unread and reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from extract.blocks import Blocks
from extract.blocks.paragraphs import SENTENCE_CLOSE, Paragraph
from extract.recognisers.actions import plain_cells
from extract.recognisers.actions.drafts import Draft
from extract.recognisers.actions.milestone_table import (
    APPROACH,
    KEY_PROJECT,
    MILESTONE,
)
from extract.recognisers.actions.plain_action import Reading, Unread
from extract.recognisers.actions.quarter_labels import bare_quarters, quarter_texts
from normalise.patterns import compiled
from normalise.text import squash

PROGRESS = compiled(r"^Progress$", re.IGNORECASE)
# A header's labels: the first ends its paragraph (under the theme's lines),
# each other is a paragraph of its own. The columns before Milestone(s) are
# the cells printed once for the milestones under them.
LAYOUTS = (
    (APPROACH, KEY_PROJECT, MILESTONE, PROGRESS),
    (KEY_PROJECT, MILESTONE, PROGRESS),
)
DIGITS = compiled(r"\d+")
# Cells of one column wrap at its width: a cell of several lines has its
# widest line within this share of the widest line of its column's cells.
SAME_WIDTH = 0.8
# The Progress column is wider than the Milestone(s) column: each Progress
# cell's widest line is this many times the titles' widest at least.
PROGRESS_WIDER = 1.2


@dataclass(frozen=True, slots=True)
class _Table:
    """A milestone table's paragraphs: its labels, its cells in
    order, and whether it printed anything that leaves them in doubt."""

    labels: tuple[Paragraph, ...]
    cells: tuple[Paragraph, ...]
    certain: bool
    end: int
    # How many cells open the table before its first milestone: the approach
    # and key project, or the key project.
    lead: int


def readings(blocks: Blocks, name: str) -> Iterator[Reading | Unread]:
    """Every milestone of the document's reading-order milestone tables whose
    reading is certain, and each table that is not, in document order."""
    if not blocks.reading_rows or blocks.runs_on:
        return
    furniture = _furniture(blocks.paragraphs)
    within = [p for p in blocks.paragraphs if p.row_index in furniture]
    paras = [
        p
        for p in blocks.paragraphs
        if p.row_index in blocks.reading_rows and p.row_index not in furniture
    ]
    k = 0
    while k < len(paras):
        if (layout := _header(paras, k)) is None:
            k += 1
            continue
        table = _table(blocks, name, paras, k, layout)
        last = paras[table.end - 1]
        if not table.certain:
            yield Unread(paras[k], last)
        else:
            rows = range(paras[k].row_index, last.row_index)
            yield from _milestones(
                blocks, table, [p for p in within if p.row_index in rows]
            )
        k = table.end


def _furniture(paras: Sequence[Paragraph]) -> set[int]:
    """Rows of page furniture printed among a table's cells: page footers, and
    the one-line paragraph opening a page that opens another page too
    ("Cannock Chase Council — Performance Reports")."""
    firsts: dict[str, list[int]] = {}
    page: int | None = None
    footers: set[int] = set()
    for p in paras:
        if p.page_footer:
            footers.add(p.row_index)
        first = p.pieces[0].page
        if first != page and len(p.pieces) == 1:
            key = DIGITS.sub("#", squash(p.text))
            firsts.setdefault(key, []).append(p.row_index)
        page = p.pieces[-1].page
    running = {i for rows in firsts.values() if len(rows) >= 2 for i in rows}
    return footers | running


def _header(paras: Sequence[Paragraph], k: int) -> tuple[re.Pattern[str], ...] | None:
    """The labels of a header starting at `paras[k]`: a paragraph whose last
    line is "Approach" (or "Key Project"), then the other labels in order,
    each alone."""
    last = paras[k].pieces[-1]
    first = squash(paras[k].text[last.start : last.end])
    for layout in LAYOUTS:
        following = paras[k + 1 : k + len(layout)]
        if (
            layout[0].match(first) is not None
            and len(following) == len(layout) - 1
            and all(
                label.match(squash(p.text)) is not None
                for label, p in zip(layout[1:], following, strict=True)
            )
        ):
            return layout
    return None


def _quarter(para: Paragraph) -> int | None:
    """The quarter of a paragraph that is a rating column's label ("Q2")."""
    quarters = bare_quarters(squash(para.text))
    return quarters[0] if quarters is not None and len(quarters) == 1 else None


def _symbols(blocks: Blocks, para: Paragraph) -> bool:
    return plain_cells.marks(blocks, para) is not None or plain_cells.mixed(
        blocks, para
    )


def _table(
    blocks: Blocks,
    name: str,
    paras: Sequence[Paragraph],
    k: int,
    layout: Sequence[re.Pattern[str]],
) -> _Table:
    """The table whose header (`layout`'s labels) starts at `paras[k]`: up to
    the next header, a paragraph another recogniser read, or the end of the
    reading-order text."""
    labels = list(paras[k : k + len(layout)])
    quarters: list[int] = []
    cells: list[Paragraph] = []
    certain = True
    closed = False
    j = k + len(layout)
    while j < len(paras) and _header(paras, j) is None:
        para = paras[j]
        if any(blocks.claims.held_by_others(name, i) for i in para.rows):
            break
        j += 1
        if (quarter := _quarter(para)) is not None:
            quarters.append(quarter)
            labels.append(para)
            closed = closed or bool(cells)
        elif _symbols(blocks, para) or closed:
            # A symbol, or a paragraph after the quarter labels that close
            # the cells.
            certain = False
        else:
            cells.append(para)
    lead = len(layout) - 2
    certain = (
        certain
        and bool(quarters)
        and quarters == list(range(1, len(quarters) + 1))
        and len(cells) >= lead + 2
        and (len(cells) - lead) % 2 == 0
        and _two_columns(blocks, cells[lead::2], cells[lead + 1 :: 2])
    )
    return _Table(tuple(labels), tuple(cells), certain, j, lead)


def _two_columns(
    blocks: Blocks, titles: Sequence[Paragraph], progress: Sequence[Paragraph]
) -> bool:
    """Whether the cells taken for titles and for Progress wrap as the
    Milestone(s) and Progress columns do: each wrapped cell as wide as the
    others of its column, each Progress cell wider than every title. A table
    with another approach and key project among its milestones, or a
    milestone with no Progress yet, pairs cells of other columns and fails."""
    title_widths = [_widest(blocks, p) for p in titles]
    if any(_widest(blocks, p) < PROGRESS_WIDER * max(title_widths) for p in progress):
        return False
    if not any(len(p.pieces) > 1 for p in titles) and not all(
        len(p.pieces) > 1 or SENTENCE_CLOSE.search(p.text) for p in progress
    ):
        # No title wraps, so the Milestone(s) column's width is not known: a
        # Progress cell of one line that ends no sentence may be the next
        # milestone's title, its own Progress empty ("Finalise Design" /
        # "Appoint Preferred Provider").
        return False
    for column in (titles, progress):
        top = max(_widest(blocks, p) for p in column)
        if any(
            len(p.pieces) > 1 and _widest(blocks, p) < SAME_WIDTH * top for p in column
        ):
            return False
    return True


def _widest(blocks: Blocks, para: Paragraph) -> int:
    """The length of the paragraph's longest line: the width its column wraps at."""
    return max(len(blocks.doc.rows[i].flat) for i in para.rows)


def _milestones(
    blocks: Blocks, table: _Table, furniture: Sequence[Paragraph]
) -> list[Reading]:
    """The table's milestones: its approach and key project (or key project)
    its first cells, then each milestone's title and Progress. The first
    claims the table's labels and the page furniture among its cells too."""
    lead, rest = table.cells[: table.lead], table.cells[table.lead :]
    approach = lead[0] if len(lead) == 2 else None
    project = lead[-1]
    out: list[Reading] = []
    for title, progress in zip(rest[::2], rest[1::2], strict=True):
        used = (title, progress)
        line_end = progress.pieces[-1].line_end
        draft = Draft(
            kind="milestone",
            row_index=title.row_index,
            title=_text(blocks, title),
            outcomes=None,
            approach=_text(blocks, approach) if approach else None,
            key_project=_text(blocks, project),
            progress=_text(blocks, progress),
            page=title.pieces[0].page,
            line_start=title.pieces[0].line_start,
            line_end=line_end,
            texts=quarter_texts(plain_cells.pieces(blocks, [progress])),
            marks=(),
        )
        out.append(Reading(draft, used))
    first = out[0]
    claimed = (*table.labels, *furniture, *lead, *first.paras)
    out[0] = Reading(first.draft, tuple(sorted(claimed, key=_row)))
    return out


def _text(blocks: Blocks, para: Paragraph) -> str:
    """A cell's text as the TAB export's cell reads, its markup dropped."""
    return " ".join(p.text for p in plain_cells.pieces(blocks, [para]))


def _row(para: Paragraph) -> int:
    return para.row_index
