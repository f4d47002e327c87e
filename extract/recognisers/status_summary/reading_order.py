"""Summary grids in reading-order text: pdftotext without -layout prints a
grid's status labels one after another, then its values one after another,
each a paragraph: "Project completed", …, "Project aborted/ closed", then
"Performance Indicators", "-" five times, "Actions", "0 0%", "2 100%", …
(samples/text/003_23ba67851198ff7c-plain.txt lines 73-107).

A grid is read only when its shape is certain: every label a paragraph of
its own, at least three different statuses, then rows of exactly one value
per label (a row's scope printed before it, or counts then percents), and no
value left over. A label printed on the line above the others ("No Rating",
"TOTAL", samples/000 and 002) comes out before them in reading order, though
it heads a later column: such a grid is left unread, and so reported as an
`unparsed_block`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from extract.blocks import Blocks
from extract.blocks.paragraphs import Paragraph
from extract.document import Row
from extract.recognisers.status_summary.printed import (
    DIGIT,
    Value,
    read_value,
    scope_of,
)
from normalise.text import squash
from normalise.vocabulary import status_category as category_of

# A summary grid prints three statuses at least (see `printed.label_cells`).
MIN_LABELS = 3
LAST = frozenset({"no_rating", "total"})


@dataclass(frozen=True, slots=True)
class Found:
    """A grid: its first label's row, labels by column, its rows of values as
    (provenance row, scope or None, values by column), and its paragraphs."""

    first: int
    labels: dict[int, str]
    rows: list[tuple[Row, str | None, dict[int, Value]]]
    paras: tuple[Paragraph, ...]


def grids(blocks: Blocks, name: str) -> Iterator[Found]:
    """The summary grids of the document's reading-order tables."""
    for block in blocks.tables():
        if not block.reading_order:
            continue
        members = set(block.rows)
        paras = [p for p in blocks.paragraphs if p.row_index in members]
        k = 0
        while k < len(paras):
            found, k = _grid(paras, k)
            if found is not None and not any(
                blocks.claims.held_by_others(name, i)
                for p in found.paras
                for i in p.rows
            ):
                yield found


def _labels_in(para: Paragraph) -> set[str]:
    """The statuses the lines of a paragraph name, each line on its own."""
    return {
        c
        for piece in para.pieces
        if (c := category_of(para.text[piece.start : piece.end])) is not None
    }


def _grid(paras: Sequence[Paragraph], k: int) -> tuple[Found | None, int]:
    """The grid whose labels start at `paras[k]`, and where to look next."""
    j = k
    while j < len(paras) and _is_label(paras[j]):
        j += 1
    labels = [squash(p.text) for p in paras[k:j]]
    categories = [category_of(t) for t in labels]
    # "No Rating" and "TOTAL" head the last columns: printed before a status,
    # they were printed on the line above the others.
    spilt = [c in LAST for c in categories]
    if (
        len(labels) < MIN_LABELS
        or len(set(categories)) != len(categories)
        or (k > 0 and _labels_in(paras[k - 1]))
        or spilt != sorted(spilt)
    ):
        return None, max(j, k + 1)
    n = len(labels)
    rows: list[tuple[Row, str | None, dict[int, Value]]] = []
    while j < len(paras):
        scope = None
        text = squash(paras[j].text)
        if (named := scope_of(text)) is not None and not DIGIT.search(text):
            scope, j = named, j + 1
        values = [
            v for p in paras[j : j + n] if (v := read_value(squash(p.text))) is not None
        ]
        if len(values) < n:
            if scope is not None:
                return None, j
            break
        rows.append((_row(paras[j : j + n]), scope, dict(enumerate(values))))
        j += n
    if not rows or (j < len(paras) and read_value(squash(paras[j].text))):
        return None, j
    found = Found(paras[k].row_index, dict(enumerate(labels)), rows, tuple(paras[k:j]))
    return found, j


def _is_label(para: Paragraph) -> bool:
    """A paragraph that is one status label (not two printed on one line run:
    "No Rating" / "Project completed")."""
    return category_of(squash(para.text)) is not None and len(_labels_in(para)) <= 1


def _row(paras: Sequence[Paragraph]) -> Row:
    """The printed lines a row of values takes, as a row for provenance."""
    pieces = [piece for p in paras for piece in p.pieces]
    page = pieces[0].page
    on_page = [piece for piece in pieces if piece.page == page]
    return Row(
        (),
        page,
        min(p.line_start for p in on_page),
        max(p.line_end for p in on_page),
        tabbed=True,
    )
