"""Space-aligned text (.txt, as `pdftotext -layout` writes it): columns by position."""

from __future__ import annotations

from collections.abc import Sequence

from extract.document import Cell, Document, Row
from extract.layout.tab_rows import build_rows
from extract.layout.text_grid import PrintedLine, printed_lines
from extract.readers.errors import doc_id_of
from extract.readers.tab_text import encoding_issues


def read_layout_text(
    source_path: str,
    data: bytes,
    lines: list[str],
    encoding: str,
    text_form: str = "layout",
) -> Document:
    """Read a layout text into the document model; provenance is its own lines."""
    doc_id = doc_id_of(data)
    printed = printed_lines(lines)
    tabbed = ["" if p is None else "\t".join(p.cells) for p in printed]
    rows = [_on_input_lines(row, printed) for row in build_rows(tabbed)]
    # pdftotext ends every page with a form feed.
    text = "\n".join(lines)
    pages = text.count("\f") + (1 if text.rsplit("\f", 1)[-1].strip() else 0)
    return Document(
        doc_id=doc_id,
        source_path=source_path,
        source_format="txt",
        lines=tuple(line.replace("\f", "") for line in lines),
        rows=tuple(rows),
        n_pages=pages if pages > 1 else None,
        encoding=encoding,
        issues=encoding_issues(doc_id, source_path, encoding),
        text_form=text_form,
    )


def _span(
    printed: Sequence[PrintedLine | None], first: int, last: int
) -> tuple[int, int]:
    """Input lines of printed lines `first`..`last` (1-based)."""
    lo = printed[first - 1]
    hi = printed[last - 1]
    start = lo.line_start if lo else _nearest(printed, first)
    end = hi.line_end if hi else start
    return start, max(start, end)


def _nearest(printed: Sequence[PrintedLine | None], k: int) -> int:
    """A blank printed line stands for the input line it came from."""
    before = [p.line_end for p in printed[: k - 1] if p is not None]
    return (before[-1] + 1) if before else k


def _on_input_lines(row: Row, printed: Sequence[PrintedLine | None]) -> Row:
    cells = tuple(
        Cell(c.raw, c.text, c.column, None, *_span(printed, c.line_start, c.line_end))
        for c in row.cells
    )
    start, end = _span(printed, row.line_start, row.line_end)
    return Row(cells, None, start, end, row.tabbed, row.wrapped)
