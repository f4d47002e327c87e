"""The block stage: a document's rows, in one pass, as typed blocks.

A `table` block is a header row (when one is printed) and the rows under it:
its tabbed rows, list items printed without tabs below the cell that opens
them, and theme lines or page furniture printed between its rows. A table that
goes on after blank lines without a header is a block of its own that
`follows` the one before. A `prose` block is a paragraph of the text outside
tables, with the numbered heading it sits under. Recognisers are offered the
blocks in the order `extract.recognisers.RECOGNISERS` writes, and claim the
parts they read in `Blocks.claims`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from extract.blocks.columns import (
    Column,
    squashed_header_columns,
    two_row_header,
    unplaced_groups,
)
from extract.blocks.model import Block, Kind
from extract.blocks.paragraphs import Paragraph, paragraphs
from extract.blocks.reading_order import reading_order_tables, runs_on
from extract.blocks.tables import gap_end, list_rows
from extract.claims import Claims
from extract.document import Document, Row
from extract.layout.headers import is_header

__all__ = ["Block", "Blocks", "blocks_of"]


@dataclass(frozen=True, slots=True)
class Blocks:
    """One document as blocks, and the claims recognisers make on it."""

    doc: Document
    # The document's rows with list items put back in their cell; an item's
    # own row is left blank, so indices stay those of `doc.rows`.
    rows: tuple[Row, ...]
    items: frozenset[int]
    blocks: tuple[Block, ...]
    paragraphs: tuple[Paragraph, ...]
    # The rows of the tables printed in reading order.
    reading_rows: frozenset[int] = frozenset()
    # Whether the text prints its cells running on from line to line
    # (`pdftotext -raw`; `extract.blocks.reading_order.runs_on`).
    runs_on: bool = False
    claims: Claims = field(default_factory=Claims)
    # Readings of the whole document more than one step needs (the prose
    # reading: the statements recogniser and prose coverage), made once.
    readings: dict[str, object] = field(default_factory=dict)

    def tables(self) -> Iterator[Block]:
        return (b for b in self.blocks if b.kind == "table")

    @property
    def prose(self) -> tuple[Paragraph, ...]:
        """The paragraphs that are prose: not the cells of a table printed in
        reading order."""
        return tuple(p for p in self.paragraphs if p.row_index not in self.reading_rows)


def blocks_of(doc: Document) -> Blocks:
    """Every block of `doc`, tables and paragraphs in the order printed."""
    rows, items = list_rows(doc.rows)
    paras = tuple(paragraphs(doc))
    # Text set out by position centres a group's label over its columns, so
    # which columns it spans cannot be told from its cells.
    tables = _tables(rows, items, doc.text_form not in ("layout", "plain", "raw"))
    reading: list[Block] = []
    if not any(row.tabbed for row in rows):
        # No row with columns: the document is printed in reading order.
        reading = reading_order_tables(rows, paras)
    tables += reading
    in_table = {i for t in tables for i in t.rows}
    prose = [
        b
        for p in paras
        if (b := _block("prose", rows, [i for i in p.rows if i not in in_table], p))
    ]
    ordered = sorted([*tables, *prose], key=lambda b: b.rows[0])
    index = {b.rows[0]: k for k, b in enumerate(ordered)}
    numbered = tuple(
        b.numbered(k, None if b.follows is None else index[b.follows])
        for k, b in enumerate(ordered)
    )
    reading_rows = frozenset(i for b in reading for i in b.rows)
    return Blocks(doc, rows, items, numbered, paras, reading_rows, runs_on(doc))


def _block(
    kind: Kind,
    rows: tuple[Row, ...],
    members: list[int],
    paragraph: Paragraph | None = None,
    header: int | None = None,
    columns: tuple[Column, ...] | None = None,
    follows: int | None = None,
) -> Block | None:
    if not members:
        return None
    first = rows[members[0]]
    return Block(
        kind,
        0,
        tuple(members),
        first.page,
        first.line_start,
        max(rows[i].line_end for i in members),
        header,
        columns,
        follows,
        paragraph,
    )


def _two_rows(rows: tuple[Row, ...], i: int) -> tuple[Column, ...] | None:
    """The columns of a header printed on rows `i` and `i + 1` (see
    `two_row_header`), the second right under the first."""
    if not _under(rows, i):
        return None
    return two_row_header(rows[i].texts, rows[i + 1].texts)


def _unplaced(rows: tuple[Row, ...], i: int) -> bool:
    """Whether row `i` prints groups over the labels right under it whose
    columns cannot be told (`unplaced_groups`)."""
    return _under(rows, i) and unplaced_groups(rows[i].texts, rows[i + 1].texts)


def _under(rows: tuple[Row, ...], i: int) -> bool:
    """Whether row `i + 1` is a table row right under row `i`."""
    if i + 1 >= len(rows):
        return False
    top, below = rows[i], rows[i + 1]
    return (
        below.tabbed and below.page == top.page and below.line_start == top.line_end + 1
    )


def _tables(
    rows: tuple[Row, ...], items: frozenset[int], two_rows: bool = True
) -> list[Block]:
    """The table blocks, in one pass over the rows. `follows` holds the first
    row of the table a headless table after blank lines goes on from;
    `two_rows`: whether a header may be printed on two rows."""
    out: list[Block] = []
    members: list[int] = []
    header: int | None = None
    columns: tuple[Column, ...] | None = None
    follows: int | None = None
    last: int | None = None
    # A header row under groups whose columns cannot be told.
    unplaced: int | None = None

    def close() -> None:
        nonlocal members, header, columns, follows, last
        if not members:
            # Nothing open: header, columns and follows are set only with a row.
            return
        if b := _block("table", rows, members, None, header, columns, follows):
            out.append(b)
            last = b.rows[0]
        members, header, columns, follows = [], None, None, None

    i = 0
    while i < len(rows):
        row = rows[i]
        if i in items:
            members.append(i)
        elif members and row.unread:
            # A row left unread (and reported) within a table: the rows below
            # it are still the table's, under its header.
            pass
        elif row.tabbed and row.flat:
            heading = squashed_header_columns(row.texts)
            headed = heading is not None or is_header(row)
            if headed or not members:
                close()
                header = i if headed else None
                columns = None if i == unplaced else heading
                follows = None if headed else last
                if (
                    two_rows
                    and heading is not None
                    and (two := _two_rows(rows, i)) is not None
                ):
                    # Group labels over the labels of the columns they span.
                    members.append(i)
                    i += 1
                    header, columns = i, two
                elif two_rows and heading is not None and _unplaced(rows, i):
                    # No grid under either row: their rows are reported.
                    columns, unplaced = None, i + 1
            members.append(i)
        elif (
            members
            and columns is not None
            and (resume := gap_end(rows, i, columns)) is not None
        ):
            members.extend(range(i, resume))
            i = resume
            continue
        else:
            close()
            if row.flat:
                last = None
        i += 1
    close()
    return out
