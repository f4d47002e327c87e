"""Bytes -> text. Decoding happens here and only here."""

from __future__ import annotations

import re

from extract.readers.errors import UnreadableInput

LINE_BREAK = re.compile(r"\r\n|\r|\n")


def decode(data: bytes) -> tuple[str, str]:
    """Text and its encoding: UTF-8 (BOM allowed), else Windows-1252."""
    if not data:
        raise UnreadableInput("empty file (0 bytes)")
    if b"\x00" in data[:8192]:
        raise UnreadableInput("binary file (NUL bytes), not a text export")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Windows-1252 leaves five bytes undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D); a
    # stray one becomes U+FFFD and the document says how many were replaced.
    text = data.decode("cp1252", errors="replace")
    replaced = text.count("\ufffd")
    return text, "cp1252" if not replaced else f"cp1252 ({replaced} undefined bytes)"


def split_lines(text: str) -> list[str]:
    """Printed lines, numbered from 1 by position; CRLF and CR count as one break."""
    lines = LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines
