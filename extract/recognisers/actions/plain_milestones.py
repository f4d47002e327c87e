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
"Progress", then its quarters from "Q1", no other paragraph among them), and
its cells as one approach, one key project, then each milestone's title and
Progress: an even number of paragraphs, from the header to the quarter labels
after them, with nothing but those labels and page furniture until the next
table's header. An empty cell prints nothing, so any other count leaves which
paragraph is which cell in doubt; such tables, and tables with symbols, are
left unread and reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from extract.blocks import Blocks
from extract.blocks.paragraphs import Paragraph
from extract.layout.pages import PAGE_FOOTER
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
# The header's labels after the "Approach" that ends its first paragraph.
LABELS = (KEY_PROJECT, MILESTONE, PROGRESS)
DIGITS = compiled(r"\d+")


@dataclass(frozen=True, slots=True)
class _Table:
    """A milestone table's paragraphs: its labels, its cells in
    order, and whether it printed anything that leaves them in doubt."""

    labels: tuple[Paragraph, ...]
    cells: tuple[Paragraph, ...]
    certain: bool
    end: int


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
        if not _is_header(paras, k):
            k += 1
            continue
        table = _table(blocks, name, paras, k)
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
        if PAGE_FOOTER.search(p.text):
            footers.add(p.row_index)
        first = p.pieces[0].page
        if first != page and len(p.pieces) == 1:
            key = DIGITS.sub("#", squash(p.text))
            firsts.setdefault(key, []).append(p.row_index)
        page = p.pieces[-1].page
    running = {i for rows in firsts.values() if len(rows) >= 2 for i in rows}
    return footers | running


def _is_header(paras: Sequence[Paragraph], k: int) -> bool:
    """A paragraph whose last line is "Approach", then "Key Project",
    "Milestone(s)" and "Progress", each alone."""
    last = paras[k].pieces[-1]
    if APPROACH.match(squash(paras[k].text[last.start : last.end])) is None:
        return False
    following = paras[k + 1 : k + 1 + len(LABELS)]
    return len(following) == len(LABELS) and all(
        label.match(squash(p.text)) is not None
        for label, p in zip(LABELS, following, strict=True)
    )


def _quarter(para: Paragraph) -> int | None:
    """The quarter of a paragraph that is a rating column's label ("Q2")."""
    quarters = bare_quarters(squash(para.text))
    return quarters[0] if quarters is not None and len(quarters) == 1 else None


def _symbols(blocks: Blocks, para: Paragraph) -> bool:
    return plain_cells.marks(blocks, para) is not None or plain_cells.mixed(
        blocks, para
    )


def _table(blocks: Blocks, name: str, paras: Sequence[Paragraph], k: int) -> _Table:
    """The table whose header starts at `paras[k]`: up to the next header, a
    paragraph another recogniser read, or the end of the reading-order text."""
    labels = list(paras[k : k + 1 + len(LABELS)])
    quarters: list[int] = []
    cells: list[Paragraph] = []
    certain = True
    closed = False
    j = k + 1 + len(LABELS)
    while j < len(paras) and not _is_header(paras, j):
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
    certain = (
        certain
        and bool(quarters)
        and quarters == list(range(1, len(quarters) + 1))
        and len(cells) >= 4
        and len(cells) % 2 == 0
    )
    return _Table(tuple(labels), tuple(cells), certain, j)


def _milestones(
    blocks: Blocks, table: _Table, furniture: Sequence[Paragraph]
) -> list[Reading]:
    """The table's milestones: approach and key project its first two cells,
    then each milestone's title and Progress. The first claims the table's
    labels and the page furniture among its cells too."""
    approach, project, *rest = table.cells
    out: list[Reading] = []
    for title, progress in zip(rest[::2], rest[1::2], strict=True):
        used = (title, progress)
        line_end = progress.pieces[-1].line_end
        draft = Draft(
            kind="milestone",
            row_index=title.row_index,
            title=_text(blocks, title),
            outcomes=None,
            approach=_text(blocks, approach),
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
    claimed = (*table.labels, *furniture, approach, project, *first.paras)
    out[0] = Reading(first.draft, tuple(sorted(claimed, key=_row)))
    return out


def _text(blocks: Blocks, para: Paragraph) -> str:
    """A cell's text as the TAB export's cell reads, its markup dropped."""
    return " ".join(p.text for p in plain_cells.pieces(blocks, [para]))


def _row(para: Paragraph) -> int:
    return para.row_index
