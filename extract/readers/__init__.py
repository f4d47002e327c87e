"""Readers: one module per input form, chosen by sniffing the bytes.

A PDF is known by its `%PDF` header, whatever its suffix; a text is decoded
once and then sniffed for its form: TAB rows (`tab`), columns aligned with
spaces as `pdftotext -layout` writes them (`layout`), or cells one after
another in reading order (`plain`); a TAB export whose TABs were expanded to
spaces is known by its gaps ending on tab stops and read as `tab` with its
TABs put back. `text_form` overrides the sniffing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from extract.document import Document
from extract.layout.numbered import numbered_prose
from extract.readers.decode import decode, split_lines
from extract.readers.errors import UnreadableInput
from extract.readers.limits import DEFAULT_LIMITS, LimitExceeded, Limits

__all__ = [
    "DEFAULT_LIMITS",
    "TEXT_FORMS",
    "LimitExceeded",
    "Limits",
    "UnreadableInput",
    "read_document",
    "sniff_text_form",
]

TEXT_FORMS = ("tab", "layout", "plain")
PDF_HEADER = re.compile(rb"^\s{0,16}%PDF-")
# Two or more spaces between printed characters: a gap between columns.
COLUMN_GAP = re.compile(r"\S {2,}\S")
# A text is laid out in columns when this share of its lines (with text) holds a
# column gap: pdftotext -layout of samples/000 has 60%, of the narrative 004 31%;
# hard-wrapped reading-order text has next to none.
LAYOUT_SHARE = 0.12
# Reading-order text is hard-wrapped or holds one cell a line: its lines are
# short (median 13-24 characters in samples/text/*-plain.txt), where a TAB
# export of a narrative report prints a paragraph a line.
PLAIN_MEDIAN_CHARS = 100
# A TAB text whose lines with text end with a TAB this often is padded by its
# exporter (see `_unpadded`).
PADDED_SHARE = 0.95


def is_pdf(data: bytes) -> bool:
    return PDF_HEADER.match(data[:1024]) is not None


def sniff_text_form(lines: Sequence[str]) -> str:
    """`tab`, `layout` or `plain`: how the text's columns are printed."""
    filled = [line for line in lines if line.strip()]
    if not filled:
        return "tab"
    if sum("\t" in line for line in filled) >= max(1, len(filled) // 50):
        return "tab"
    # A gap is two spaces: most lines of prose hold none to search for.
    gapped = sum(
        "  " in line and COLUMN_GAP.search(line.strip()) is not None for line in filled
    )
    if gapped >= LAYOUT_SHARE * len(filled):
        return "layout"
    lengths = sorted(len(line) for line in filled)
    if lengths[len(lengths) // 2] <= PLAIN_MEDIAN_CHARS:
        return "plain"
    # One paragraph per line and no TAB: a narrative report as a TAB exporter
    # writes it.
    return "tab"


def read_document(
    path: Path,
    source_path: str,
    data: bytes,
    text_form: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """The document model of one input, whatever its form, within `limits`."""
    doc = _read(path, source_path, data, text_form, limits)
    rows = numbered_prose(doc.rows)
    return doc if rows is None else replace(doc, rows=rows)


def _read(
    path: Path,
    source_path: str,
    data: bytes,
    text_form: str | None,
    limits: Limits,
) -> Document:
    limits.check_file(len(data))
    if is_pdf(data) or (path.suffix.lower() == ".pdf" and not _texty(data)):
        from extract.readers.pdf import read_pdf

        return read_pdf(path, source_path, data, limits)
    text, encoding = decode(data)
    if not text.strip():
        raise UnreadableInput("file holds only whitespace")
    lines = split_lines(text)
    limits.check_lines(lines)
    if text_form in (None, "tab") and "\t" not in text:
        from extract.readers.expanded_tabs import restore

        restored = restore(lines)
        if restored is not None:
            from extract.readers.tab_text import read_expanded_tab_text

            return read_expanded_tab_text(source_path, data, restored, encoding)
    form = text_form or sniff_text_form(lines)
    if form in ("layout", "plain"):
        # Reading-order text has no columns to find: the layout stage reads
        # it as paragraphs and drops its running headers and footers.
        from extract.readers.layout_text import read_layout_text

        return read_layout_text(source_path, data, lines, encoding, form)
    from extract.readers.tab_text import read_tab_text

    return read_tab_text(source_path, data, _unpadded(lines), encoding, form)


def _unpadded(lines: list[str]) -> list[str]:
    """TAB lines without the empty cell an exporter ends every line with: one
    trailing TAB taken from each line, where nearly all lines with text
    (PADDED_SHARE) end with one. A prose line's TAB would make it a row of
    cells (a report so padded read as a table of one-cell rows, its prose,
    headings and tables lost); samples/001, a report of tables, ends 77% of
    its lines with empty cells of their rows."""
    filled = [line for line in lines if line.strip()]
    padded = sum(1 for line in filled if line.endswith("\t"))
    if not filled or padded < PADDED_SHARE * len(filled):
        return lines
    return [line[:-1] if line.endswith("\t") else line for line in lines]


def _texty(data: bytes) -> bool:
    """A .pdf that is really a text export (renamed by hand): it decodes as text."""
    try:
        decode(data)
    except UnreadableInput:
        return False
    return True


def read_path(
    path: Path, source_path: str | None = None, text_form: str | None = None
) -> Document:
    """Read one file from disk (tests, `inspect`)."""
    return read_document(
        path, source_path or path.name, path.read_bytes(), text_form=text_form
    )
