"""Cell, Row, Document: the one intermediate representation every recogniser reads.

Both readers (text and PDF) produce it, so provenance is never lost and the
recognisers never know which kind of file they are looking at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from extract.records import IssueRow
from normalise.repair import Repair

_set = object.__setattr__


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
    # generated __init__ of a frozen class sets each field by a global lookup.
    def __init__(
        self,
        raw: str,
        text: str,
        column: int,
        page: int | None,
        line_start: int,
        line_end: int,
    ) -> None:
        _set(self, "raw", raw)
        _set(self, "text", text)
        _set(self, "column", column)
        _set(self, "page", page)
        _set(self, "line_start", line_start)
        _set(self, "line_end", line_end)
        # Read by every recogniser many times over: computed once.
        flat, paragraphs, reading = _readings(text)
        _set(self, "flat", flat)
        _set(self, "paragraphs", paragraphs)
        _set(self, "reading", reading)


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
        _set(self, "cells", cells)
        _set(self, "page", page)
        _set(self, "line_start", line_start)
        _set(self, "line_end", line_end)
        _set(self, "tabbed", tabbed)
        _set(self, "wrapped", wrapped)
        _set(self, "unread", unread)
        if len(cells) == 1:
            # A prose line: one cell.
            flat = cells[0].flat
            _set(self, "texts", (flat,))
            _set(self, "filled", cells if flat else ())
            _set(self, "flat", flat)
            return
        texts = tuple([c.flat for c in cells])
        _set(self, "texts", texts)
        _set(self, "filled", tuple([c for c in cells if c.flat]))
        _set(self, "flat", " ".join([t for t in texts if t]))

    def cell(self, column: int) -> Cell | None:
        return self.cells[column] if 0 <= column < len(self.cells) else None

    def text_at(self, column: int) -> str:
        c = self.cell(column)
        return c.flat if c else ""


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

    @property
    def n_lines(self) -> int:
        return len(self.lines)

    def line(self, number: int) -> str:
        """The printed line with 1-based `number` (text input)."""
        return self.lines[number - 1] if 1 <= number <= len(self.lines) else ""
