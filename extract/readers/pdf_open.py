"""Opening a PDF with PDFium, and why a PDF that does not open cannot."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extract.readers.errors import UnreadableInput

EMPTY_PAGE_TREE = re.compile(rb"/Count\s*0\b")
PAGE_COUNT = re.compile(rb"/Count\s*[1-9]")
ENCRYPTED = re.compile(rb"/Encrypt\b")
TRAILER_END = re.compile(rb"%%EOF\s*$")


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
