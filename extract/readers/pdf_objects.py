"""One PDF page's objects -> text runs, ruling edges and images (pypdfium2)."""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extract.layout.geometry import Run
from extract.readers.symbol_fonts import read_symbols
from normalise.repair import Repair

# Strokes shorter than this (pt) rule no table: pdfplumber's minimum edge.
MIN_EDGE = 3.0
# Glyphs a text layer cannot map to characters: pdfminer writes "(cid:12)"
# (and PDFs printed from its output carry that text), PDFium U+FFFD.
UNMAPPED = re.compile(r"\(cid:\d+\)|\ufffd")
# A page is unreadable when more than this share of its printed characters
# is unmapped glyphs: its letters would be noise.
UNMAPPED_SHARE = 0.5

Edge = dict[str, Any]


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
