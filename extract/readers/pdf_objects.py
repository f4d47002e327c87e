"""One PDF page's objects -> text runs, ruling edges and images (pypdfium2)."""

from __future__ import annotations

import codecs
import ctypes
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extract.layout.geometry import Run
from extract.readers.limits import LimitExceeded
from extract.readers.symbol_fonts import read_symbols
from normalise.repair import Repair
from normalise.text import PRESENTATION, spell_out

# Strokes shorter than this (pt) rule no table: pdfplumber's minimum edge.
MIN_EDGE = 3.0
# Glyphs a text layer cannot map to characters: pdfminer writes "(cid:12)"
# (and PDFs printed from its output carry that text), PDFium U+FFFD.
UNMAPPED = re.compile(r"\(cid:\d+\)|\ufffd")
# A page is unreadable when more than this share of its printed characters
# is unmapped glyphs: its letters would be noise.
UNMAPPED_SHARE = 0.5

# pypdfium2's `get_objects` descends into Form XObjects this many levels.
MAX_FORM_DEPTH = 15
TEXT, PATH, IMAGE, FORM = (
    pdfium_c.FPDF_PAGEOBJ_TEXT,
    pdfium_c.FPDF_PAGEOBJ_PATH,
    pdfium_c.FPDF_PAGEOBJ_IMAGE,
    pdfium_c.FPDF_PAGEOBJ_FORM,
)
MOVETO, LINETO = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO

Edge = dict[str, Any]
# A page object's transform (a, b, c, d, e, f).
Matrix = tuple[float, float, float, float, float, float]


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
    # Text objects drawn at no finite place (a NaN or infinite matrix or
    # size, in a damaged file): left out, and counted for an issue.
    unplaced: int = 0
    # Characters set for looks that the text was read without (ligatures
    # spelt out, `normalise.text.spell_out`), by kind: for an issue.
    spelt: tuple[tuple[str, int], ...] = ()
    # The page's width as shown (0 where not known).
    width: float = 0.0

    @property
    def unmapped(self) -> bool:
        """Mostly glyphs without characters ("(cid:12)", U+FFFD): no real text."""
        text = "".join("".join(r.text.split()) for r in self.runs)
        noise = sum(len(m) for m in UNMAPPED.findall(text))
        return bool(text) and noise > UNMAPPED_SHARE * len(text)


def _segments(
    raw: Any,
    count: int,
    m: Matrix,
    height: float,
    edges: list[Edge],
    seen: Seen | None = None,
) -> None:
    """Straight horizontal and vertical strokes of a path, in top-down space
    of the page as shown (`seen`), added to `edges`."""
    a, b, c, d, e, f = m
    x, y = ctypes.c_float(), ctypes.c_float()
    px, py = ctypes.byref(x), ctypes.byref(y)
    get_segment = pdfium_c.FPDFPath_GetPathSegment
    get_point = pdfium_c.FPDFPathSegment_GetPoint
    get_type = pdfium_c.FPDFPathSegment_GetType
    get_close = pdfium_c.FPDFPathSegment_GetClose
    start = current = (0.0, 0.0)
    for k in range(count):
        seg = get_segment(raw, k)
        get_point(seg, px, py)
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if seen is not None:
            point = seen(*point)
        kind = get_type(seg)
        if kind == MOVETO:
            start = point
        elif kind == LINETO:
            _edge(current, point, height, edges)
        if get_close(seg):
            _edge(point, start, height, edges)
            point = start
        current = point


def _edge(
    a: tuple[float, float], b: tuple[float, float], height: float, edges: list[Edge]
) -> None:
    # As sorted() orders them (NaN included): swapped only when b < a.
    x0, x1 = (b[0], a[0]) if b[0] < a[0] else (a[0], b[0])
    y0, y1 = (b[1], a[1]) if b[1] < a[1] else (a[1], b[1])
    if y1 - y0 < 0.5 and x1 - x0 >= MIN_EDGE:
        edges.append(
            {
                "x0": x0,
                "x1": x1,
                "top": height - y1,
                "bottom": height - y1,
                "width": x1 - x0,
                "height": 0.0,
                "orientation": "h",
                "object_type": "line",
            }
        )
    elif x1 - x0 < 0.5 and y1 - y0 >= MIN_EDGE:
        edges.append(
            {
                "x0": x0,
                "x1": x0,
                "top": height - y1,
                "bottom": height - y0,
                "width": 0.0,
                "height": y1 - y0,
                "orientation": "v",
                "object_type": "line",
            }
        )


def _font_name(raw: Any, names: dict[int, str]) -> str:
    """The base font name of a text object ("ZapfDingbats"), once per font."""
    font = pdfium_c.FPDFTextObj_GetFont(raw)
    if not font:
        return ""
    key = ctypes.addressof(font.contents)
    if key not in names:
        size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
        buffer = ctypes.create_string_buffer(size)
        pdfium_c.FPDFFont_GetBaseFontName(font, buffer, size)
        names[key] = buffer.value.decode("utf-8", "replace")
    return names[key]


def _objects(page: Any, form: Any = None, level: int = 0) -> Iterator[tuple[Any, int]]:
    """Each page object (raw handle, type), Form XObjects' contents included.

    The walk of pypdfium2's `PdfPage.get_objects` (forms to 15 levels) without
    a Python object per page object: a page of a table draws thousands.
    """
    if form is None:
        n, get = pdfium_c.FPDFPage_CountObjects(page), pdfium_c.FPDFPage_GetObject
        parent = page
    else:
        n, get = pdfium_c.FPDFFormObj_CountObjects(form), pdfium_c.FPDFFormObj_GetObject
        parent = form
    if n < 0:
        raise pdfium.PdfiumError("Failed to get number of pageobjects.")
    get_type = pdfium_c.FPDFPageObj_GetType
    for i in range(n):
        raw = get(parent, i)
        if not raw:
            raise pdfium.PdfiumError("Failed to get pageobject.")
        kind = get_type(raw)
        yield raw, kind
        if kind == FORM and level < MAX_FORM_DEPTH - 1:
            yield from _objects(page, raw, level + 1)


class _Text:
    """A text object's string, read through one buffer reused for the page."""

    def __init__(self, textpage: Any) -> None:
        self.textpage = textpage
        self.units = 256
        self.buffer = (pdfium_c.FPDF_WCHAR * self.units)()

    def __call__(self, raw: Any) -> str:
        size = pdfium_c.FPDFTextObj_GetText(
            raw, self.textpage, self.buffer, 2 * self.units
        )
        if not size:
            raise pdfium.PdfiumError("Failed to get text from textobject.")
        if size > 2 * self.units:
            self.units = -(size // -2)
            self.buffer = (pdfium_c.FPDF_WCHAR * self.units)()
            pdfium_c.FPDFTextObj_GetText(raw, self.textpage, self.buffer, size)
        # A font's ToUnicode map may give half of a surrogate pair: U+FFFD.
        units = memoryview(self.buffer)[: -(size // -2) - 1]
        return codecs.decode(units, "utf-16-le", "replace")


# Where a point of the page's own space is seen: (x, y) from the bottom left of
# the page as shown, the part its box shows turned by its /Rotate.
Seen = Callable[[float, float], tuple[float, float]]
# A page's box (CropBox within MediaBox) in its own space: left, bottom,
# right, top.
Box = tuple[float, float, float, float]


def seen_at(quarters: int, box: Box) -> Seen | None:
    """How a page shows its points: from its box's bottom left corner, turned
    `quarters` quarter turns clockwise; None for a page shown as drawn, its
    box at the origin. A landscape table saved by a printer driver is drawn
    turned on an upright page that /Rotate 90 turns back; a page cut from
    another (or set on a larger sheet) has its box's corner off the origin."""
    left, bottom, right, top = box
    width, height = right - left, top - bottom
    turns: dict[int, Seen] = {
        0: lambda x, y: (x - left, y - bottom),
        1: lambda x, y: (y - bottom, width - x + left),
        2: lambda x, y: (width - x + left, height - y + bottom),
        3: lambda x, y: (height - y + bottom, x - left),
    }
    if quarters % 4 == 0 and left == bottom == 0:
        return None
    return turns[quarters % 4]


def _box(page: Any) -> Box:
    """The part of the page a viewer shows, in the page's own space."""
    rect = pdfium_c.FS_RECTF()
    if not pdfium_c.FPDF_GetPageBoundingBox(page, rect):
        raise pdfium.PdfiumError("Failed to get page box.")
    return rect.left, rect.bottom, rect.right, rect.top


class _Placer:
    """Where a text object is printed on the page as shown: its start and end
    along its line, its baseline from the top and its type size; None when
    any is no finite number (a damaged file's NaN matrix)."""

    def __init__(self, height: float, seen: Seen | None) -> None:
        self.height, self.seen = height, seen
        self.size = ctypes.c_float()
        self.box = [ctypes.c_float() for _ in range(4)]

    def __call__(self, raw: Any, m: Matrix) -> tuple[float, float, float, float] | None:
        _, b, _, d, e, f = m
        if not pdfium_c.FPDFTextObj_GetFontSize(raw, self.size):
            raise pdfium.PdfiumError("Failed to get font size.")
        left, bottom, right, top = self.box
        if not pdfium_c.FPDFPageObj_GetBounds(raw, left, bottom, right, top):
            raise pdfium.PdfiumError("Failed to locate pageobject.")
        size = self.size.value * (b * b + d * d) ** 0.5
        end = right.value
        if self.seen is not None:
            if not all(math.isfinite(v.value) for v in self.box):
                return None
            e, f = self.seen(e, f)
            xs = (left.value, right.value)
            end = max(self.seen(x, y)[0] for x in xs for y in (bottom.value, top.value))
        if not all(map(math.isfinite, (e, end, f, size))):
            return None
        return e, end, self.height - f, size


def _matrix(raw: Any, fs: Any) -> Matrix:
    if not pdfium_c.FPDFPageObj_GetMatrix(raw, fs):
        raise pdfium.PdfiumError("Failed to get matrix of pageobject.")
    return (fs.a, fs.b, fs.c, fs.d, fs.e, fs.f)


def page_content(
    pdf: pdfium.PdfDocument, index: int, max_operations: int = 200_000
) -> PageContent:
    """Runs, edges and image count of one page, from its page objects.

    LimitExceeded when the page draws more than `max_operations` (page
    objects, and each path's segments).
    """
    # Raw handles: pypdfium2's PdfPage and PdfTextPage each attach a finalizer.
    page = pdfium_c.FPDF_LoadPage(pdf.raw, index)
    if not page:
        raise pdfium.PdfiumError("Failed to load page.")
    textpage = pdfium_c.FPDFText_LoadPage(page)
    if not textpage:
        pdfium_c.FPDF_ClosePage(page)
        raise pdfium.PdfiumError("Failed to load text page.")
    try:
        left, bottom, right, top = box = _box(page)
        quarters = pdfium_c.FPDFPage_GetRotation(page)
        seen = seen_at(quarters, box)
        # The height of the page as shown.
        height = right - left if quarters % 2 else top - bottom
        shown_width = top - bottom if quarters % 2 else right - left
        runs: list[Run] = []
        symbols: list[tuple[float, Repair]] = []
        edges: list[Edge] = []
        images = unplaced = 0
        spelt: Counter[str] = Counter()
        fonts: dict[int, str] = {}
        text_of = _Text(textpage)
        fs = pdfium_c.FS_MATRIX()
        place = _Placer(height, seen)
        operations = 0
        for raw, kind in _objects(page):
            operations += 1
            if kind == PATH:
                count = pdfium_c.FPDFPath_CountSegments(raw)
                operations += max(count, 0)
            if operations > max_operations:
                raise LimitExceeded(
                    "--max-page-objects",
                    "draws more than the limit",
                    f"{max_operations:,}",
                    page=index + 1,
                )
            if kind == TEXT:
                # PDFium writes a hyphen that ends a printed line as U+0002.
                drawn = text_of(raw).replace("\x02", "-")
                if PRESENTATION.search(drawn):
                    drawn, counts = spell_out(drawn)
                    spelt.update(counts)
                text = drawn.strip()
                if text:
                    text, repair = read_symbols(text, _font_name(raw, fonts))
                    where = place(raw, _matrix(raw, fs))
                    if where is None:
                        unplaced += 1
                        continue
                    x0, x1, base, size = where
                    runs.append(Run(text, x0, x1, base, size, drawn[-1].isspace()))
                    if repair:
                        symbols.append((base, repair))
            elif kind == PATH:
                _segments(raw, count, _matrix(raw, fs), height, edges, seen)
            elif kind == IMAGE:
                images += 1
        return PageContent(
            tuple(runs),
            tuple(edges),
            height,
            images,
            tuple(symbols),
            unplaced,
            tuple(spelt.items()),
            shown_width,
        )
    finally:
        pdfium_c.FPDFText_ClosePage(textpage)
        pdfium_c.FPDF_ClosePage(page)
