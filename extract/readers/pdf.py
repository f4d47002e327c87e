""".pdf -> Document: the same lines and rows of cells the text reader builds.

Text and rulings come from pypdfium2's page objects (`pdf_objects`); ruled
grids become cells through pdfplumber's table finder (`pdf_tables`); unruled
tables are read from where their words start (`layout.geometry`).
pdfplumber's own page parsing is not used: bench/bench_pdf.py measured it
(pdfminer, every character) at about a tenth of the speed of this reader.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pypdfium2 as pdfium

from extract.document import Cell, Document, Row
from extract.layout.geometry import (
    CutWord,
    Group,
    Line,
    baselines,
    free_pages,
    groups,
    leading,
    line_numbers,
    line_pitch,
    merged,
    printed,
    running_lines,
    visual_lines,
)
from extract.layout.headers import is_header_cells, known_labels
from extract.layout.page_split import goes_on
from extract.layout.tab_rows import build_rows
from extract.readers.decode import spelt_out_notes
from extract.readers.errors import UnreadableInput, doc_id_of
from extract.readers.limits import DEFAULT_LIMITS, Limits
from extract.readers.pdf_objects import PageContent, page_content
from extract.readers.pdf_open import NoTextLayer, open_pdf
from extract.readers.pdf_streams import check_streams
from extract.readers.pdf_tables import (
    Bbox,
    open_ends,
    ruled_tables,
    split_runs,
)
from extract.records import IssueRow
from normalise.repair import Repair
from normalise.words import word_counts

__all__ = ["NoTextLayer", "read_pdf"]

# Two parts of a table a page break splits have their columns this close, in
# points: a word processor lays each page's part out again, a rule's width or
# so apart.
SAME_COLUMN = 6.0
# Without any two printed lines to measure, lines are this many font sizes apart.
DEFAULT_PITCH = 1.9
IMAGE_ONLY = "image only, no text layer: OCR is needed to read it; the page was skipped"
UNMAPPED_ONLY = (
    "text layer of unmapped glyphs ((cid:NN), U+FFFD), no letters: OCR is "
    "needed to read it; the page was skipped"
)


def _page_issue(
    doc_id: str, source_path: str, page: int, code: str, message: str
) -> IssueRow:
    return IssueRow.of(
        code,
        doc_id,
        f"{source_path}: page {page}: {message}",
        page=page,
        severity="warning",
    )


def _spans(items: Sequence[Line | Group]) -> list[tuple[float, float]]:
    return sorted((i.first, i.last) for i in items)


def read_pdf(
    path: Path,
    source_path: str,
    data: bytes | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """Read a PDF into the document model, one page's lines at a time.

    Refused (LimitExceeded) before PDFium parses anything when a stream
    inflates past `limits.max_stream_mb`, then on the page count, a page's
    drawing operations and the length of a printed line.
    """
    data = path.read_bytes() if data is None else data
    doc_id = doc_id_of(data)
    check_streams(data, limits.max_stream_bytes)
    pdf = open_pdf(data)
    issues: list[IssueRow] = []
    contents: list[PageContent | None] = []
    try:
        n_pages = len(pdf)
        limits.check_pages(n_pages)
        for i in range(n_pages):
            try:
                contents.append(page_content(pdf, i, limits.max_page_objects))
            except pdfium.PdfiumError as exc:
                contents.append(None)
                issues.append(
                    _page_issue(
                        doc_id,
                        source_path,
                        i + 1,
                        "page_unreadable",
                        f"cannot be read ({exc})",
                    )
                )
    finally:
        pdf.close()
    contents, skipped = _skip_unreadable(contents, doc_id, source_path)
    issues.extend(skipped)
    issues.extend(
        _page_issue(
            doc_id,
            source_path,
            i + 1,
            "unparsed_block",
            f"{c.unplaced} text object(s) drawn at no finite position left out",
        )
        for i, c in enumerate(contents)
        if c is not None and c.unplaced
    )
    issues.extend(_spelt_out(doc_id, source_path, contents))
    pages, symbols, joined, (furniture, letterhead) = _pages_lines(contents)
    lines: list[str] = []
    rows: list[Row] = []
    page_lines: dict[int, tuple[str, ...]] = {}
    for number, printed_lines in pages.items():
        limits.check_lines(printed_lines, page=number)
        page_lines[number] = printed_lines
        lines.extend(printed_lines)
        rows.extend(_on_page(row, number) for row in build_rows(printed_lines))
    if not rows:
        raise UnreadableInput("no text on any page")
    return Document(
        doc_id=doc_id,
        source_path=source_path,
        source_format="pdf",
        lines=tuple(lines),
        rows=tuple(rows),
        n_pages=n_pages,
        page_lines=page_lines,
        issues=tuple(issues),
        font_repairs=symbols,
        word_repairs=joined,
        furniture=furniture,
        letterhead=letterhead,
    )


def _spelt_out(
    doc_id: str, source_path: str, contents: Sequence[PageContent | None]
) -> list[IssueRow]:
    """An `encoding` info issue for a PDF whose text was read without the
    characters its print set for looks (ligatures spelt out ...), as a text
    input's says so."""
    counts: Counter[str] = Counter()
    for content in contents:
        if content is not None:
            counts.update(dict(content.spelt))
    if not counts:
        return []
    notes = ", ".join(spelt_out_notes(counts))
    return [
        IssueRow.of("encoding", doc_id, f"{source_path}: read as PDF text ({notes})")
    ]


def _skip_unreadable(
    contents: Sequence[PageContent | None], doc_id: str, source_path: str
) -> tuple[list[PageContent | None], list[IssueRow]]:
    """Pages without text to read (images only, or unmapped glyphs) left out.

    Each is a `no_text_layer` issue; a file with nothing else needs OCR.
    """
    blind = [i + 1 for i, c in enumerate(contents) if c and not c.runs and c.images]
    unmapped = [i + 1 for i, c in enumerate(contents) if c and c.unmapped]
    if len(blind) + len(unmapped) == len(contents):
        why = " or ".join(
            w
            for w, pages in (("images", blind), ("unmapped glyphs", unmapped))
            if pages
        )
        raise NoTextLayer(sorted(blind + unmapped), f"{why} only")
    issues = [
        _page_issue(
            doc_id,
            source_path,
            page,
            "no_text_layer",
            IMAGE_ONLY if page in blind else UNMAPPED_ONLY,
        )
        for page in sorted(blind + unmapped)
    ]
    kept = [None if c and c.unmapped else c for c in contents]
    return kept, issues


def _on_page(row: Row, page: int) -> Row:
    # Built directly: dataclasses.replace was a tenth of the reading time.
    cells = tuple(
        Cell(c.raw, c.text, c.column, page, c.line_start, c.line_end) for c in row.cells
    )
    return Row(cells, page, row.line_start, row.line_end, row.tabbed, row.wrapped)


# Repairs the reader made, by the (page, printed line) they were made on.
LineRepairs = dict[tuple[int, int], tuple[Repair, ...]]
# Words a cell's edge cut, joined again, with the words either side of each.
LineCuts = dict[tuple[int, int], tuple[tuple[Repair, str], ...]]
T = TypeVar("T")


def _pages_lines(
    contents: Sequence[PageContent | None],
) -> tuple[
    dict[int, tuple[str, ...]],
    LineRepairs,
    LineCuts,
    tuple[tuple[str, ...], tuple[str, ...]],
]:
    """Printed lines of each page with text, running headers and footers dropped.

    And the symbol-font repairs made on each (page, line) that was kept, the
    words a table cell's edge cut that were joined again, and the texts of the
    running lines dropped, each once, with those above the first page's text.
    """
    kept = [(i + 1, c) for i, c in enumerate(contents) if c and c.runs]
    if not kept:
        return {}, {}, {}, ((), ())
    unmerged = [baselines(c.runs) for _, c in kept]
    vlines = [[merged(line) for line in lines] for lines in unmerged]
    running = running_lines(vlines, [c.height for _, c in kept])
    # A table's header printed again at the top of each page, in the band
    # running lines keep to, is the table's: its labels are column labels.
    running = {
        (k, i)
        for k, i in running
        if len(vlines[k][i]) < 2 or known_labels([r.text for r in vlines[k][i]]) < 2
    }
    if len(running) == sum(map(len, vlines)):
        # The same lines on every page and nothing else: they are the text.
        running = set()

    def text(k: int, i: int) -> str:
        return " ".join(r.text for r in vlines[k][i])

    furniture = dict.fromkeys(text(k, i) for k, i in sorted(running))
    first = next((i for i in range(len(vlines[0])) if (0, i) not in running), 0)
    letterhead = dict.fromkeys(text(0, i) for i in range(first))

    size = min(r.size for _, c in kept for r in c.runs)
    words = word_counts(r.text for _, c in kept for r in c.runs)
    placed = []
    cut: list[list[CutWord]] = []
    for k, (_, content) in enumerate(kept):
        runs = [
            r
            for i, line in enumerate(unmerged[k])
            if (k, i) not in running
            for r in line
        ]
        tables = ruled_tables(content.edges)
        ends = open_ends(tables, content.edges)
        cut.append([])
        table_rows, outside = split_runs(runs, tables, ends, words, cut[-1])
        placed.append((table_rows, visual_lines(outside), tables))
    spacing = leading([free for _, free, _ in placed])
    # The text's left edge: that of the lines outside ruled tables; running
    # headers and footers, which a print may set at the page's margin, and a
    # ruled table wider than the text, left of it, are none of it.
    margin = min(
        (r.x0 for _, free, _ in placed for line in free for r in line),
        default=min(r.x0 for _, c in kept for r in c.runs),
    )
    laid = [
        _Laid(
            number,
            content,
            rows,
            # A line set alone on the page's middle is a centred heading.
            groups(free, margin, spacing, content.width / 2 or None),
            tables,
        )
        for (number, content), (rows, free, tables) in zip(kept, placed, strict=True)
    ]
    for here, following in zip(laid, laid[1:], strict=False):
        if not _join_split_row(here.rows, following.rows):
            _join_closed_split_row(here, following)
    heading: list[Line] = []
    for here, following in zip(laid, laid[1:], strict=False):
        heading = _drop_repeated_heading(here, following, heading)
    spans = [_spans([*each.rows, *each.free]) for each in laid]
    pitch = line_pitch(spans, DEFAULT_PITCH * size)
    top = min(s[0][0] for s in spans if s)
    out: dict[int, tuple[str, ...]] = {}
    symbols: LineRepairs = {}
    free_text, carried = free_pages([each.free for each in laid], pitch, words, cut)
    for k in range(1, len(laid)):
        if carried[k]:
            _join_free_split_row(laid[k - 1], free_text[k - 1], laid[k], free_text[k])
    joined: LineCuts = {}
    for laid_page, free, page_cut in zip(laid, free_text, cut, strict=True):
        page = sorted([*laid_page.rows, *free], key=lambda line: line.first)
        number = laid_page.number
        out[number] = tuple(
            "" if cells is None else "\t".join(cells)
            for cells in printed(page, pitch, top)
        )
        symbols_of = laid_page.content.symbols
        for line, repairs in _by_line(page, symbols_of, pitch, top).items():
            symbols[number, line] = repairs
        cuts = [(c.base, (c.repair, c.context)) for c in page_cut]
        for line, found in _by_line(page, cuts, pitch, top).items():
            joined[number, line] = found
    return out, symbols, joined, (tuple(furniture), tuple(letterhead))


@dataclass(frozen=True, slots=True)
class _Laid:
    """A page laid out: its ruled tables' rows (joined across page breaks in
    place), its free text's printed-line groups and its ruled tables."""

    number: int
    content: PageContent
    rows: list[Line]
    free: list[Group]
    tables: list[list[list[Bbox]]]


def _join_split_row(before: list[Line], after: list[Line]) -> bool:
    """A table row a page break split, its foot open on one page and its top
    open on the next, made one row again where it ends: at the head of the next
    page, where the rest of its table goes on. Whether it was."""
    edge = _at_break(before, after)
    if edge is None or not (edge[0].open_bottom and edge[1].open_top):
        return False
    _join(before, after, *edge)
    return True


def _at_break(before: list[Line], after: list[Line]) -> tuple[Line, Line] | None:
    """The last line before a page break and the first after it, when both
    pages have lines and the two have as many cells."""
    if not before or not after:
        return None
    last = max(before, key=lambda line: line.last)
    first = min(after, key=lambda line: line.first)
    return (last, first) if len(last.cells) == len(first.cells) else None


def _join_closed_split_row(page: _Laid, following: _Laid) -> None:
    """A table row a page break split with the border drawn on both sides of
    the break (a word processor's print), made one row again: the page's last
    printed line is a table row, the next page's first printed line (after
    the table's heading rows, repeated there) a row of a table with the same
    columns, and their text goes on (`layout.page_split.goes_on`)."""
    before, after = page.rows, following.rows
    if not before or not after:
        return
    last = max(before, key=lambda line: line.last)
    down = sorted(after, key=lambda line: line.first)
    printed_before = {line.cells for line in before}
    repeated = 0
    while repeated < len(down) - 1 and down[repeated].cells in printed_before:
        repeated += 1
    first = down[repeated]
    foot = max((t[-1] for t in page.tables), key=lambda row: row[0][3])
    table = min(following.tables, key=lambda t: t[0][0][1])
    if repeated >= len(table):
        return
    head = table[repeated]
    # Nothing beside or below the foot row, above or beside the head row but
    # the heading rows.
    at_foot = [line for line in before if line.last >= foot[0][1]]
    at_head = [line for line in down if line.first <= head[0][3]]
    if at_foot != [last] or at_head != down[: repeated + 1]:
        return
    if any(g.last >= foot[0][1] for g in page.free) or any(
        g.first <= head[0][3] for g in following.free
    ):
        return
    if len(foot) != len(head) or any(
        abs(a[0] - b[0]) > SAME_COLUMN or abs(a[2] - b[2]) > SAME_COLUMN
        for a, b in zip(foot, head, strict=True)
    ):
        return
    # A row's cells all start at its top, so each cell a page break splits
    # has text above the break: a cell empty there and filled below opens a
    # new row ("Direction of Travel PIs" over "Annual Target", samples/003
    # lines 109-110, printed on landscape US Letter by build_variants.py).
    pairs = zip(last.cells, first.cells, strict=False)
    if any(not above.strip() and below.strip() for above, below in pairs):
        return
    if goes_on(last.cells, first.cells):
        _join(before, after, last, first)


def _drop_repeated_heading(
    page: _Laid, following: _Laid, heading: list[Line]
) -> list[Line]:
    """A ruled table's first rows that a word processor prints again at the
    head of each page the table goes on to ("repeat as header row"), dropped
    there: the page ends in a table (nothing below it) and the next page opens
    (nothing above) with rows whose cells are its first rows', a row of the
    table under them. A column header row printed again stays: it heads the
    same columns again, as it is read. Any other row read twice: a label
    naming the row under it ("Strategic Objective" over a theme, samples/001)
    named the table's next row instead, a body row (a Writer print repeats a
    table's first row, tests/fixtures/writerpdf/000 page 3) was an action of
    its own. `heading` is the rows so repeated of the table that ends `page`
    when it went on from the page before (its own first rows there were
    dropped); returns them for the table that ends `following`, when it is
    the one that goes on."""
    before, after = page.rows, following.rows
    if not before or not after or not page.tables or not following.tables:
        return []
    foot = max(page.tables, key=lambda t: t[-1][0][3])
    last = max(before, key=lambda line: line.last)
    down = sorted(after, key=lambda line: line.first)
    if any(g.last >= last.last for g in page.free) or any(
        g.first <= down[0].first for g in following.free
    ):
        return []
    if not heading:
        top = foot[0][0][1]
        own = sorted((r for r in before if r.first >= top), key=lambda r: r.first)
        heading = own[:-1]
    repeated = 0
    while (
        repeated < min(len(heading), len(down) - 1)
        and down[repeated].tabbed
        and down[repeated].cells == heading[repeated].cells
    ):
        repeated += 1
    if not repeated:
        return []
    for line in down[:repeated]:
        if not is_header_cells(line.cells):
            after.remove(line)
    return heading[:repeated] if len(following.tables) == 1 else []


def _join_free_split_row(
    page: _Laid, before: list[Line], following: _Laid, after: list[Line]
) -> None:
    """A row of a table without rules that a page break split, made one row
    again: the page's last printed line and the next page's first are rows of
    the same columns, nothing ruled below or above them, and their text goes
    on (`layout.page_split.goes_on`)."""
    edge = _at_break(before, after)
    if edge is None or not (edge[0].tabbed and edge[1].tabbed):
        return
    last, first = edge
    if any(row.last >= last.first for row in page.rows) or any(
        row.first <= first.last for row in following.rows
    ):
        return
    if goes_on(last.cells, first.cells):
        _join(before, after, last, first)


def _join(before: list[Line], after: list[Line], last: Line, first: Line) -> None:
    cells = tuple(
        " ".join(t for t in pair if t)
        for pair in zip(last.cells, first.cells, strict=True)
    )
    after[after.index(first)] = Line(cells, first.first, first.last, True)
    before.remove(last)


def _by_line(
    page: Sequence[Line],
    found_at: Sequence[tuple[float, T]],
    pitch: float,
    top: float,
) -> dict[int, tuple[T, ...]]:
    """Things found at a baseline on the page (symbol-font repairs, cut words
    with their context) by the printed line that baseline is on."""
    found: dict[int, tuple[T, ...]] = {}
    if not found_at:
        return found
    numbers = line_numbers(page, pitch, top)
    for base, thing in found_at:
        for line, number in zip(page, numbers, strict=True):
            if line.first - pitch / 2 <= base <= line.last + pitch / 2:
                found[number] = (*found.get(number, ()), thing)
                break
    return found
