""".pdf -> Document: the same lines and rows of cells the text reader builds.

Text and rulings come from pypdfium2's page objects; ruled grids become cells
through pdfplumber's table finder (its edges -> intersections -> cells steps);
unruled tables are read from where their words start (`pdf_layout`).
pdfplumber's own page parsing is not used: bench/bench_pdf.py measured it
(pdfminer, every character) at about a tenth of the speed of this reader.
"""

from __future__ import annotations

import ctypes
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber.table as plumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extract.document import Cell, Document, Row
from extract.layout.geometry import (
    Group,
    Line,
    Run,
    free_lines,
    groups,
    line_numbers,
    line_pitch,
    printed,
    running_lines,
    visual_lines,
)
from extract.layout.tab_rows import build_rows
from extract.readers.errors import UnreadableInput, doc_id_of
from extract.readers.symbol_fonts import read_symbols
from extract.records import IssueRow
from normalise.repair import Repair

# pdfplumber's TableFinder defaults: snap, join and intersection tolerance 3 pt.
TOLERANCE = 3.0
MIN_EDGE = 3.0
# Without any two printed lines to measure, lines are this many font sizes apart.
DEFAULT_PITCH = 1.9

EMPTY_PAGE_TREE = re.compile(rb"/Count\s*0\b")
PAGE_COUNT = re.compile(rb"/Count\s*[1-9]")
ENCRYPTED = re.compile(rb"/Encrypt\b")
TRAILER_END = re.compile(rb"%%EOF\s*$")
# Glyphs a text layer cannot map to characters: pdfminer writes "(cid:12)"
# (and PDFs printed from its output carry that text), PDFium U+FFFD.
UNMAPPED = re.compile(r"\(cid:\d+\)|\ufffd")
# A page is unreadable when more than this share of its printed characters
# is unmapped glyphs: its letters would be noise.
UNMAPPED_SHARE = 0.5
IMAGE_ONLY = "image only, no text layer: OCR is needed to read it; the page was skipped"
UNMAPPED_ONLY = (
    "text layer of unmapped glyphs ((cid:NN), U+FFFD), no letters: OCR is "
    "needed to read it; the page was skipped"
)

Edge = dict[str, Any]
Bbox = tuple[float, float, float, float]


class NoTextLayer(UnreadableInput):
    """No page has a text layer (images only, or unmapped glyphs): it needs OCR."""

    code = "no_text_layer"

    def __init__(self, pages: Sequence[int], why: str = "images only") -> None:
        where = (
            f"page {pages[0]} has"
            if len(pages) == 1
            else f"pages {pages[0]}-{pages[-1]} have"
        )
        super().__init__(f"{where} no text layer ({why}): OCR is needed to read it")
        self.page = pages[0]


@dataclass(frozen=True, slots=True)
class PageContent:
    """What one page draws: text runs, ruling edges, and whether it has images.

    `symbols` are the runs printed in a symbol font, by baseline, with the
    repair that read their code points as marks.
    """

    runs: tuple[Run, ...]
    edges: tuple[Edge, ...]
    height: float
    images: int
    symbols: tuple[tuple[float, Repair], ...] = ()

    @property
    def unmapped(self) -> bool:
        """Mostly glyphs without characters ("(cid:12)", U+FFFD): no real text."""
        text = "".join("".join(r.text.split()) for r in self.runs)
        noise = sum(len(m) for m in UNMAPPED.findall(text))
        return bool(text) and noise > UNMAPPED_SHARE * len(text)


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    """The PDF, or UnreadableInput saying why it cannot be opened."""
    if not data:
        raise UnreadableInput("empty file (0 bytes)")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise UnreadableInput(_why_unopened(data, exc.err_code)) from exc
    if len(pdf) == 0:
        pdf.close()
        raise UnreadableInput("PDF has no pages")
    return pdf


def _why_unopened(data: bytes, err_code: int | None) -> str:
    # PDFium's error code can be left over from an earlier file (it refuses an
    # empty page tree without setting one), so the bytes have the last word.
    if not data.startswith(b"%PDF"):
        return "not a PDF (no %PDF header)"
    if ENCRYPTED.search(data) and err_code in (
        pdfium_c.FPDF_ERR_PASSWORD,
        pdfium_c.FPDF_ERR_SECURITY,
    ):
        return "encrypted PDF: a password is needed to open it"
    if EMPTY_PAGE_TREE.search(data) and not PAGE_COUNT.search(data):
        return "PDF has no pages"
    if not TRAILER_END.search(data[-1024:]):
        return "truncated PDF: the file ends before its %%EOF marker"
    return f"damaged PDF: PDFium cannot parse it (error {err_code})"


def _segments(obj: pdfium.PdfObject, height: float) -> Iterator[Edge]:
    """Straight horizontal and vertical strokes of a path, in top-down space."""
    m = obj.get_matrix()
    x, y = ctypes.c_float(), ctypes.c_float()
    start = current = (0.0, 0.0)
    for k in range(pdfium_c.FPDFPath_CountSegments(obj.raw)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj.raw, k)
        pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
        point = (
            m.a * x.value + m.c * y.value + m.e,
            m.b * x.value + m.d * y.value + m.f,
        )
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
            yield from _edge(current, point, height)
        if pdfium_c.FPDFPathSegment_GetClose(seg):
            yield from _edge(point, start, height)
            point = start
        current = point


def _edge(
    a: tuple[float, float], b: tuple[float, float], height: float
) -> Iterator[Edge]:
    (x0, x1), (y0, y1) = sorted((a[0], b[0])), sorted((a[1], b[1]))
    if y1 - y0 < 0.5 and x1 - x0 >= MIN_EDGE:
        yield {
            "x0": x0,
            "x1": x1,
            "top": height - y1,
            "bottom": height - y1,
            "width": x1 - x0,
            "height": 0.0,
            "orientation": "h",
            "object_type": "line",
        }
    elif x1 - x0 < 0.5 and y1 - y0 >= MIN_EDGE:
        yield {
            "x0": x0,
            "x1": x0,
            "top": height - y1,
            "bottom": height - y0,
            "width": 0.0,
            "height": y1 - y0,
            "orientation": "v",
            "object_type": "line",
        }


def _font_name(obj: pdfium.PdfObject, names: dict[int, str]) -> str:
    """The base font name of a text object ("ZapfDingbats"), once per font."""
    font = pdfium_c.FPDFTextObj_GetFont(obj.raw)
    if not font:
        return ""
    key = ctypes.addressof(font.contents)
    if key not in names:
        size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
        buffer = ctypes.create_string_buffer(size)
        pdfium_c.FPDFFont_GetBaseFontName(font, buffer, size)
        names[key] = buffer.value.decode("utf-8", "replace")
    return names[key]


def page_content(pdf: pdfium.PdfDocument, index: int) -> PageContent:
    """Runs, edges and image count of one page, from its page objects."""
    page = pdf[index]
    textpage = page.get_textpage()
    try:
        height = page.get_height()
        runs: list[Run] = []
        symbols: list[tuple[float, Repair]] = []
        edges: list[Edge] = []
        images = 0
        fonts: dict[int, str] = {}
        for obj in page.get_objects(textpage=textpage):
            if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
                text = obj.extract().strip()
                if text:
                    text, repair = read_symbols(text, _font_name(obj, fonts))
                    m = obj.get_matrix()
                    size = obj.get_font_size() * (m.b * m.b + m.d * m.d) ** 0.5
                    runs.append(Run(text, m.e, obj.get_bounds()[2], height - m.f, size))
                    if repair:
                        symbols.append((height - m.f, repair))
            elif obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
                edges.extend(_segments(obj, height))
            elif obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                images += 1
        return PageContent(tuple(runs), tuple(edges), height, images, tuple(symbols))
    finally:
        textpage.close()
        page.close()


def ruled_tables(edges: Sequence[Edge]) -> list[list[list[Bbox]]]:
    """Tables as rows of cell boxes (x0, top, x1, bottom), by pdfplumber's finder."""
    if not edges:
        return []
    merged = plumber.merge_edges(
        list(edges), TOLERANCE, TOLERANCE, TOLERANCE, TOLERANCE
    )
    merged = [e for e in merged if max(e["width"], e["height"]) >= MIN_EDGE]
    points = plumber.edges_to_intersections(merged, TOLERANCE, TOLERANCE)
    tables = []
    for cells in plumber.cells_to_tables(plumber.intersections_to_cells(points)):
        if len(cells) < 2:
            continue
        rows: dict[float, list[Bbox]] = {}
        for cell in cells:
            rows.setdefault(round(cell[1], 1), []).append(cell)
        tables.append([sorted(rows[top]) for top in sorted(rows)])
    return tables


def _locate(
    run: Run, table: list[list[Bbox]], tops: list[float]
) -> tuple[int, int] | None:
    """(row, column) of the table cell the run starts in, if any."""
    x, y = run.x0 + 1.0, run.base - 0.3 * run.size
    r = bisect_right(tops, y) - 1
    if r < 0 or y > table[r][0][3]:
        return None
    row = table[r]
    c = bisect_right([cell[0] for cell in row], x) - 1
    return (r, c) if c >= 0 and x < row[c][2] else None


def split_runs(
    runs: Sequence[Run], tables: Sequence[list[list[Bbox]]]
) -> tuple[list[Line], list[Run]]:
    """Rows of the ruled tables as lines, and the runs outside every table."""
    placed: dict[tuple[int, int, int], list[Run]] = {}
    free: list[Run] = []
    tops = [[row[0][1] for row in t] for t in tables]
    for run in runs:
        for t, table in enumerate(tables):
            if where := _locate(run, table, tops[t]):
                placed.setdefault((t, *where), []).append(run)
                break
        else:
            free.append(run)
    lines = []
    for t, table in enumerate(tables):
        for r, row in enumerate(table):
            cells = [
                sorted(placed.get((t, r, c), []), key=lambda u: (u.base, u.x0))
                for c in range(len(row))
            ]
            bases = [u.base for cell in cells for u in cell]
            middle = (row[0][1] + row[0][3]) / 2
            lines.append(
                Line(
                    tuple(" ".join(u.text for u in cell) for cell in cells),
                    min(bases, default=middle),
                    max(bases, default=middle),
                    True,
                )
            )
    return lines, free


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


def read_pdf(path: Path, source_path: str, data: bytes | None = None) -> Document:
    """Read a PDF into the document model, one page's lines at a time."""
    data = path.read_bytes() if data is None else data
    doc_id = doc_id_of(data)
    pdf = open_pdf(data)
    issues: list[IssueRow] = []
    contents: list[PageContent | None] = []
    try:
        n_pages = len(pdf)
        for i in range(n_pages):
            try:
                contents.append(page_content(pdf, i))
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
    pages, symbols = _pages_lines(contents)
    lines: list[str] = []
    rows: list[Row] = []
    page_lines: dict[int, tuple[str, ...]] = {}
    for number, printed_lines in pages.items():
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
    )


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


def _pages_lines(
    contents: Sequence[PageContent | None],
) -> tuple[dict[int, tuple[str, ...]], dict[tuple[int, int], tuple[Repair, ...]]]:
    """Printed lines of each page with text, running headers and footers dropped.

    And the symbol-font repairs made on each (page, line) that was kept.
    """
    kept = [(i + 1, c) for i, c in enumerate(contents) if c and c.runs]
    if not kept:
        return {}, {}
    vlines = [visual_lines(c.runs) for _, c in kept]
    running = running_lines(vlines, [c.height for _, c in kept])
    margin = min(r.x0 for _, c in kept for r in c.runs)
    size = min(r.size for _, c in kept for r in c.runs)
    laid: list[tuple[int, PageContent, list[Line], list[Group]]] = []
    for k, (number, content) in enumerate(kept):
        runs = [
            r for i, line in enumerate(vlines[k]) if (k, i) not in running for r in line
        ]
        table_rows, outside = split_runs(runs, ruled_tables(content.edges))
        laid.append(
            (number, content, table_rows, groups(visual_lines(outside), margin))
        )
    spans = [_spans([*t, *g]) for _, _, t, g in laid]
    pitch = line_pitch(spans, DEFAULT_PITCH * size)
    top = min(s[0][0] for s in spans if s)
    out: dict[int, tuple[str, ...]] = {}
    symbols: dict[tuple[int, int], tuple[Repair, ...]] = {}
    starts: list[float] = []
    for number, content, table_rows, found in laid:
        free, starts = free_lines(found, pitch, starts)
        page = sorted([*table_rows, *free], key=lambda line: line.first)
        out[number] = tuple(
            "" if cells is None else "\t".join(cells)
            for cells in printed(page, pitch, top)
        )
        for line, repairs in _symbol_lines(page, content.symbols, pitch, top).items():
            symbols[number, line] = repairs
    return out, symbols


def _symbol_lines(
    page: Sequence[Line],
    symbols: Sequence[tuple[float, Repair]],
    pitch: float,
    top: float,
) -> dict[int, tuple[Repair, ...]]:
    """The page's symbol-font repairs by the printed line their baseline is on."""
    found: dict[int, tuple[Repair, ...]] = {}
    if not symbols:
        return found
    numbers = line_numbers(page, pitch, top)
    for base, repair in symbols:
        for line, number in zip(page, numbers, strict=True):
            if line.first - pitch / 2 <= base <= line.last + pitch / 2:
                found[number] = (*found.get(number, ()), repair)
                break
    return found
