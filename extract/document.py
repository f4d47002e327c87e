"""Cell, Row, Document: the one intermediate representation every recogniser reads.

Both readers (text and PDF) produce it, so provenance is never lost and the
recognisers never know which kind of file they are looking at.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from extract.records import IssueRow
from normalise.repair import Repair


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell: `raw` as printed, `text` with HTML stripped.

    `text` keeps paragraph breaks (from `<p>`, `<li>`, `<br>`) as newlines and
    squashes other whitespace; `flat` is the same on one line.
    """

    raw: str
    text: str
    column: int
    page: int | None
    line_start: int
    line_end: int
    flat: str = field(init=False, repr=False, compare=False)
    paragraphs: tuple[str, ...] = field(init=False, repr=False, compare=False)
    # The paragraphs joined by spaces: the text claims count characters in.
    reading: str = field(init=False, repr=False, compare=False)

    # Written out, not generated: a report builds thousands of cells, and the
    # generated __init__ of a frozen class sets each field by a global lookup
    # and by name. Here each is set through its slot (`slot_setters`).
    def __init__(
        self,
        raw: str,
        text: str,
        column: int,
        page: int | None,
        line_start: int,
        line_end: int,
    ) -> None:
        _cell_raw(self, raw)
        _cell_text(self, text)
        _cell_column(self, column)
        _cell_page(self, page)
        _cell_line_start(self, line_start)
        _cell_line_end(self, line_end)
        # Read by every recogniser many times over: computed once.
        flat, paragraphs, reading = _readings(text)
        _cell_flat(self, flat)
        _cell_paragraphs(self, paragraphs)
        _cell_reading(self, reading)


def slot_setters(
    cls: type, *names: str
) -> tuple[Callable[[object, object], None], ...]:
    """The setters of a frozen class's slots `names`: what `object.__setattr__`
    calls for each, found once, not by name on every call."""
    return tuple(getattr(cls, name).__set__ for name in names)


(
    _cell_raw,
    _cell_text,
    _cell_column,
    _cell_page,
    _cell_line_start,
    _cell_line_end,
    _cell_flat,
    _cell_paragraphs,
    _cell_reading,
) = slot_setters(
    Cell,
    "raw",
    "text",
    "column",
    "page",
    "line_start",
    "line_end",
    "flat",
    "paragraphs",
    "reading",
)


# A report repeats most of its cell texts (empty cells, marks, labels): samples/001
# prints 540 cells with 89 texts, 398 of the cells empty.
@lru_cache(maxsize=16384)
def _readings(text: str) -> tuple[str, tuple[str, ...], str]:
    """A cell text's `flat`, `paragraphs` and `reading`."""
    if "\n" not in text:
        flat = " ".join(text.split())
        return (flat, (text,), text) if flat else ("", (), "")
    paragraphs = tuple(p for p in text.split("\n") if p.strip())
    return " ".join(text.split()), paragraphs, " ".join(paragraphs)


@dataclass(frozen=True, slots=True)
class Row:
    """A logical row: one printed line, or several lines reassembled.

    `tabbed` is true for table rows (cells separated by TAB in text exports, or
    table cells found by the PDF reader); prose lines are rows of one cell.
    `wrapped` is true when the row was rebuilt from column-wrapped lines.
    `unread` is true for a table row whose cells could not be told apart (a
    layout text's cell between or across columns): it has no text, and what
    was read above it does not go on below it.
    """

    cells: tuple[Cell, ...]
    page: int | None
    line_start: int
    line_end: int
    tabbed: bool
    wrapped: bool = False
    unread: bool = False
    texts: tuple[str, ...] = field(init=False, repr=False, compare=False)
    filled: tuple[Cell, ...] = field(init=False, repr=False, compare=False)
    flat: str = field(init=False, repr=False, compare=False)

    def __init__(
        self,
        cells: tuple[Cell, ...],
        page: int | None,
        line_start: int,
        line_end: int,
        tabbed: bool,
        wrapped: bool = False,
        unread: bool = False,
    ) -> None:
        _row_cells(self, cells)
        _row_page(self, page)
        _row_line_start(self, line_start)
        _row_line_end(self, line_end)
        _row_tabbed(self, tabbed)
        _row_wrapped(self, wrapped)
        _row_unread(self, unread)
        if len(cells) == 1:
            # A prose line: one cell.
            flat = cells[0].flat
            _row_texts(self, (flat,))
            _row_filled(self, cells if flat else ())
            _row_flat(self, flat)
            return
        texts = tuple([c.flat for c in cells])
        _row_texts(self, texts)
        _row_filled(self, tuple([c for c in cells if c.flat]))
        _row_flat(self, " ".join([t for t in texts if t]))

    def cell(self, column: int) -> Cell | None:
        return self.cells[column] if 0 <= column < len(self.cells) else None

    def text_at(self, column: int) -> str:
        c = self.cell(column)
        return c.flat if c else ""


(
    _row_cells,
    _row_page,
    _row_line_start,
    _row_line_end,
    _row_tabbed,
    _row_wrapped,
    _row_unread,
    _row_texts,
    _row_filled,
    _row_flat,
) = slot_setters(
    Row,
    "cells",
    "page",
    "line_start",
    "line_end",
    "tabbed",
    "wrapped",
    "unread",
    "texts",
    "filled",
    "flat",
)


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded report: its lines as printed and its logical rows in order."""

    doc_id: str
    source_path: str
    source_format: str
    lines: tuple[str, ...]
    rows: tuple[Row, ...]
    n_pages: int | None = None
    encoding: str | None = None
    # What the reader itself found for QA: a page without a text layer, bytes
    # that are not Windows-1252. Written to `issues` with the document's facts.
    issues: tuple[IssueRow, ...] = ()
    page_lines: dict[int, tuple[str, ...]] = field(default_factory=dict)
    # How a text input prints its columns: "tab", "layout" or "plain"; None for PDF.
    text_form: str | None = None
    # Symbol-font code points the PDF reader read as the marks they draw ("3" in
    # ZapfDingbats is ✓), by (page, line): logged by the recogniser that puts
    # the mark in a column.
    font_repairs: dict[tuple[int, int], tuple[Repair, ...]] = field(
        default_factory=dict
    )
    # Words a table cell's edge cut without a hyphen that the PDF reader joined
    # again ("Averag" | "e"), by (page, line), each with the words either side
    # of it in its cell: logged against the facts that print them there
    # (`pipeline.joined_words`).
    word_repairs: dict[tuple[int, int], tuple[tuple[Repair, str], ...]] = field(
        default_factory=dict
    )
    # The running headers and footers the PDF reader left out of `lines`, each
    # text once, top of the first page first ("Cannock Chase Council —
    # Performance Reports"), and those of them printed above the first page's
    # text (`letterhead`): a paper's letterhead may name its council nowhere
    # else (`extract.cover.publisher`). A text keeps them among its lines.
    furniture: tuple[str, ...] = ()
    letterhead: tuple[str, ...] = ()

    @property
    def n_lines(self) -> int:
        return len(self.lines)

    def line(self, number: int) -> str:
        """The printed line with 1-based `number` (text input)."""
        return self.lines[number - 1] if 1 <= number <= len(self.lines) else ""
