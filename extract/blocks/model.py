"""A block: rows of a document read as one structure (see `extract.blocks`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from extract.blocks.columns import Column
from extract.blocks.paragraphs import Paragraph
from extract.document import slot_setters

Kind = Literal["table", "prose"]


@dataclass(frozen=True, slots=True)
class Block:
    """Rows of the document (indices into `Blocks.rows`) read as one structure."""

    kind: Kind
    index: int
    rows: tuple[int, ...]
    page: int | None
    line_start: int
    line_end: int
    # Tables: the header row's index, its KPI columns when it heads a grid, and
    # the table block this one goes on from after blank lines.
    header: int | None = None
    columns: tuple[Column, ...] | None = None
    follows: int | None = None
    paragraph: Paragraph | None = None
    # A table of reading-order text (pdftotext without -layout): its cells are
    # paragraphs one after another, from its first column label on.
    reading_order: bool = False

    # Written out, not generated, as `extract.document.Cell`'s: a document
    # builds one a paragraph, and numbers each once more (`numbered`).
    def __init__(
        self,
        kind: Kind,
        index: int,
        rows: tuple[int, ...],
        page: int | None,
        line_start: int,
        line_end: int,
        header: int | None = None,
        columns: tuple[Column, ...] | None = None,
        follows: int | None = None,
        paragraph: Paragraph | None = None,
        reading_order: bool = False,
    ) -> None:
        _block_kind(self, kind)
        _block_index(self, index)
        _block_rows(self, rows)
        _block_page(self, page)
        _block_line_start(self, line_start)
        _block_line_end(self, line_end)
        _block_header(self, header)
        _block_columns(self, columns)
        _block_follows(self, follows)
        _block_paragraph(self, paragraph)
        _block_reading_order(self, reading_order)

    @property
    def body(self) -> tuple[int, ...]:
        """The rows under the header: a header of two rows opens with its
        group labels' row (`extract.blocks.columns.two_row_header`)."""
        if self.header is None:
            return self.rows
        return tuple(i for i in self.rows if i > self.header)

    def numbered(self, index: int, follows: int | None) -> Block:
        """This block as block `index` of its document, going on from block
        `follows` (what `dataclasses.replace` makes, at half its cost)."""
        return Block(
            self.kind,
            index,
            self.rows,
            self.page,
            self.line_start,
            self.line_end,
            self.header,
            self.columns,
            follows,
            self.paragraph,
            self.reading_order,
        )


(
    _block_kind,
    _block_index,
    _block_rows,
    _block_page,
    _block_line_start,
    _block_line_end,
    _block_header,
    _block_columns,
    _block_follows,
    _block_paragraph,
    _block_reading_order,
) = slot_setters(
    Block,
    "kind",
    "index",
    "rows",
    "page",
    "line_start",
    "line_end",
    "header",
    "columns",
    "follows",
    "paragraph",
    "reading_order",
)
