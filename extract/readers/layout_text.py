"""Space-aligned text (.txt, as `pdftotext -layout` writes it): columns by position."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from extract.document import Cell, Document, Row
from extract.layout.tab_rows import build_rows
from extract.layout.text_grid import PrintedLine, printed_lines
from extract.readers.errors import doc_id_of
from extract.readers.tab_text import encoding_issues, unread_issue
from extract.records import IssueRow
from normalise.text import strip_html


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
    ends = _ends_before(printed)
    rows = list(_rows(printed, tabbed, ends))
    # pdftotext ends every page with a form feed.
    text = "\n".join(lines)
    pages = text.count("\f") + (1 if text.rsplit("\f", 1)[-1].strip() else 0)
    doc = Document(
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
    flagged = (*_unread(doc, printed), *_uncertain(doc, printed))
    return replace(doc, issues=doc.issues + flagged) if flagged else doc


def _runs(
    printed: Sequence[PrintedLine | None], flag: Callable[[PrintedLine], bool]
) -> list[tuple[int, int]]:
    """The first and last lines of each run of flagged printed lines."""
    runs: list[tuple[int, int]] = []
    for p in printed:
        if p is None or not flag(p):
            continue
        if runs and runs[-1][1] + 1 == p.line_start:
            runs[-1] = (runs[-1][0], p.line_end)
        else:
            runs.append((p.line_start, p.line_end))
    return runs


def _uncertain(
    doc: Document, printed: Sequence[PrintedLine | None]
) -> Iterator[IssueRow]:
    """`uncertain_column` for each run of table rows read with a mark placed
    by guess (see `extract.layout.carried.carried_columns`). A text's
    rows name no page (their lines place them), so neither does the issue;
    its message does."""
    pages = {p.line_start: p.page for p in printed if p is not None}
    for start, end in _runs(printed, lambda p: p.guessed):
        yield IssueRow.at(
            "uncertain_column",
            doc,
            start,
            f"table row read with a rating mark placed by its place on a new "
            f"page (page {pages.get(start)}), which sets the table's columns of "
            f"marks unevenly: it may be a column off "
            f'("{" ".join(doc.lines[start - 1].split())[:60]}")',
            severity="warning",
            span=f"{start}-{end}" if end > start else None,
        )


def _unread(doc: Document, printed: Sequence[PrintedLine | None]) -> Iterator[IssueRow]:
    """`unparsed_block` for each run of table rows left unread (see
    `extract.layout.unplaced`) and the wrapped rest of each row."""
    for start, end in _runs(printed, lambda p: p.unread):
        yield unread_issue(
            doc,
            start,
            end,
            "a rating mark or a cell's text lies between or across columns, so "
            "which column it belongs to cannot be told",
        )


def _ends_before(printed: Sequence[PrintedLine | None]) -> list[int | None]:
    """For each printed line k (1-based, at index k - 1), the last input line of
    the printed lines before it, or None when all of them are blank."""
    out: list[int | None] = []
    last: int | None = None
    for p in printed:
        out.append(last)
        if p is not None:
            last = p.line_end
    return out


def _rows(
    printed: Sequence[PrintedLine | None],
    tabbed: Sequence[str],
    ends: Sequence[int | None],
) -> Iterator[Row]:
    """The rows of the printed lines (`tabbed`, as TAB lines), on input lines.

    `build_rows` joins only TAB lines that follow one another, so it reads
    each run of them on its own; a line of one cell is a row of its own, built
    here as `build_rows` would (a report of prose prints little else).
    """
    k = 0
    while k < len(tabbed):
        if "\t" not in tabbed[k]:
            yield _line_row(printed[k], ends, k + 1, tabbed[k])
            k += 1
            continue
        end = k + 1
        while end < len(tabbed) and "\t" in tabbed[end]:
            end += 1
        for row in build_rows(tabbed[k:end]):
            yield _on_input_lines(row, printed, ends, k)
        k = end


def _span(
    printed: Sequence[PrintedLine | None],
    ends: Sequence[int | None],
    first: int,
    last: int,
) -> tuple[int, int]:
    """Input lines of printed lines `first`..`last` (1-based)."""
    lo = printed[first - 1]
    hi = printed[last - 1]
    start = lo.line_start if lo else _nearest(ends, first)
    end = hi.line_end if hi else start
    return start, max(start, end)


def _nearest(ends: Sequence[int | None], k: int) -> int:
    """A blank printed line stands for the input line it came from."""
    before = ends[k - 1]
    return (before + 1) if before is not None else k


def _line_row(
    p: PrintedLine | None, ends: Sequence[int | None], k: int, raw: str
) -> Row:
    """Printed line `k` (`p`), a line of one cell or none, as a row on its
    input lines (as `_span` places it)."""
    if p is None:
        start = end = _nearest(ends, k)
    else:
        start, end = p.line_start, max(p.line_start, p.line_end)
        if p.unread:
            # Its cell stays on the printed line: the row says where it was read.
            cell = Cell(raw, strip_html(raw), 0, None, k, k)
            return Row((cell,), None, start, end, False, unread=True)
    return Row(
        (Cell(raw, strip_html(raw), 0, None, start, end),), None, start, end, False
    )


def _on_input_lines(
    row: Row,
    printed: Sequence[PrintedLine | None],
    ends: Sequence[int | None],
    offset: int,
) -> Row:
    """A row of TAB lines read from printed line `offset + 1` on, on input lines."""
    start, end = _span(printed, ends, row.line_start + offset, row.line_end + offset)
    cells = tuple(_cell_on_input_lines(c, printed, ends, offset) for c in row.cells)
    if (start, end) == (row.line_start, row.line_end) and all(
        a is b for a, b in zip(cells, row.cells, strict=True)
    ):
        # Already there: the lines of a table before any row joined lines.
        return row
    return Row(cells, None, start, end, row.tabbed, row.wrapped)


def _cell_on_input_lines(
    c: Cell,
    printed: Sequence[PrintedLine | None],
    ends: Sequence[int | None],
    offset: int,
) -> Cell:
    start, end = _span(printed, ends, c.line_start + offset, c.line_end + offset)
    if (start, end) == (c.line_start, c.line_end):
        return c
    return Cell(c.raw, c.text, c.column, None, start, end)
