"""Bytes -> text. Decoding happens here and only here.

A byte-order mark names the encoding (UTF-8, UTF-16 or UTF-32, either byte
order); UTF-16 without one is known by its NUL pattern; anything else is UTF-8
when it decodes as UTF-8, else Windows-1252. One rule then holds for NULs and
other control characters wherever they sit in the file: a text with many is
binary and refused; stray NULs are removed and counted. So are the
characters a print sets for looks: ligatures spelt out, soft hyphens and
zero-width characters removed (`normalise.text.spell_out`). The label
`decode` returns says what was used, guessed and removed; `describe` words it.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass

from extract.readers.errors import UnreadableInput
from normalise.text import spell_out

LINE_BREAK = re.compile(r"\r\n|\r|\n")
BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 LE before UTF-16 LE: its BOM (FF FE 00 00) begins with theirs (FF FE).
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
NAMES = {
    "utf-8": "UTF-8",
    "utf-16-le": "UTF-16 LE",
    "utf-16-be": "UTF-16 BE",
    "utf-32-le": "UTF-32 LE",
    "utf-32-be": "UTF-32 BE",
    "cp1252": "Windows-1252",
}
# UTF-16 of mostly-ASCII text has a NUL as the high byte of nearly every code
# unit and almost never as the low one: the samples re-encoded have 99.6-99.8%
# and 0% (their only characters above U+00FF are dashes, quotes and symbols).
# Text in a single-byte encoding has no such pattern, so these two shares make
# UTF-16 without a BOM unmistakable.
UTF16_HIGH_NULS = 0.9
UTF16_LOW_NULS = 0.1
# C0 control characters other than TAB, LF, VT, FF and CR, and DEL. A report
# prints none; random bytes read as Windows-1252 give 28 in 256 (11%), and
# images or office files more (a PNG header: 4 in 16).
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
BINARY_SHARE = 0.05
REPLACEMENT = "\ufffd"
LABEL = re.compile(r"(?P<codec>[\w-]+)(?: \((?P<notes>.*)\))?")


@dataclass(frozen=True, slots=True)
class Decoded:
    """A text and how it was read from the bytes."""

    text: str
    codec: str
    notes: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """`codec` alone, or with its notes: "cp1252 (2 undefined bytes)"."""
        if not self.notes:
            return self.codec
        return f"{self.codec} ({', '.join(self.notes)})"


def decode(data: bytes) -> tuple[str, str]:
    """The text of a file and its encoding label ("utf-8", "utf-16-le (BOM)" …)."""
    decoded = decode_text(data)
    return decoded.text, decoded.label


def decode_text(data: bytes) -> Decoded:
    """The text of a file: decoded, checked for binary content, NULs removed."""
    if not data:
        raise UnreadableInput("empty file (0 bytes)")
    decoded = _with_bom(data) or _utf16_by_nuls(data) or _utf8_or_cp1252(data)
    return _spelt_out(_without_nuls(decoded))


def _with_bom(data: bytes) -> Decoded | None:
    """Text whose BOM names its encoding; the BOM itself is dropped."""
    marked = [(bom, codec) for bom, codec in BOMS if data.startswith(bom)]
    for bom, codec in marked:
        try:
            return Decoded(data[len(bom) :].decode(codec), codec, _bom_note(codec))
        except UnicodeDecodeError:
            continue
    if not marked:
        return None
    # A BOM and a damaged sequence: the BOM is still the best evidence there is,
    # and of the encodings it may name the last is the common one (FF FE is
    # UTF-16 LE far more often than the start of a UTF-32 LE BOM).
    bom, codec = marked[-1]
    text = data[len(bom) :].decode(codec, errors="replace")
    replaced = _count(text.count(REPLACEMENT), "undecodable sequence") + " replaced"
    return Decoded(text, codec, (*_bom_note(codec), replaced))


def _bom_note(codec: str) -> tuple[str, ...]:
    # UTF-8 with a BOM is still plain UTF-8 (Notepad writes one).
    return () if codec == "utf-8" else ("BOM",)


def _utf16_by_nuls(data: bytes) -> Decoded | None:
    """UTF-16 without a BOM, when every other byte is NUL."""
    if len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for codec, low, high in (("utf-16-le", even, odd), ("utf-16-be", odd, even)):
        if not _utf16_nuls(low, high):
            continue
        try:
            return Decoded(
                data.decode(codec), codec, ("no BOM, told by its NUL pattern",)
            )
        except UnicodeDecodeError:
            return None
    return None


def _utf16_nuls(low: bytes, high: bytes) -> bool:
    """NUL in nearly every high byte of a code unit and in next to no low byte."""
    return high.count(0) >= UTF16_HIGH_NULS * len(high) and low.count(
        0
    ) <= UTF16_LOW_NULS * len(low)


def _utf8_or_cp1252(data: bytes) -> Decoded:
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    # Windows-1252 leaves five bytes undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D); a
    # stray one becomes U+FFFD and the document says how many were replaced.
    text = data.decode("cp1252", errors="replace")
    replaced = text.count(REPLACEMENT)
    return Decoded(
        text, "cp1252", (_count(replaced, "undefined byte"),) if replaced else ()
    )


def _without_nuls(decoded: Decoded) -> Decoded:
    """The text without its stray NULs; a text of control characters is binary."""
    text = decoded.text
    controls = len(CONTROL.findall(text))
    if controls > BINARY_SHARE * len(text):
        what = "NUL bytes" if "\x00" in text else "control characters"
        raise UnreadableInput(f"binary file ({what}), not a text export")
    nuls = text.count("\x00")
    if not nuls:
        return decoded
    return Decoded(
        text.replace("\x00", ""),
        decoded.codec,
        (*decoded.notes, _count(nuls, "NUL") + " removed"),
    )


def _spelt_out(decoded: Decoded) -> Decoded:
    """The text with its ligatures spelt out and its invisible characters
    removed (`normalise.text.spell_out`), counted in the notes."""
    text, counts = spell_out(decoded.text)
    if not counts:
        return decoded
    return Decoded(text, decoded.codec, (*decoded.notes, *spelt_out_notes(counts)))


def spelt_out_notes(counts: Counter[str]) -> tuple[str, ...]:
    """How `spell_out`'s counts read in an issue: "3 ligatures spelt out", "1
    soft hyphen read as printed", "2 zero-width characters removed"."""
    done = {
        "ligature": "spelt out",
        "soft hyphen": "read as printed",
        "zero-width character": "removed",
    }
    return tuple(
        f"{_count(n, kind)} {what}"
        for kind, what in done.items()
        if (n := counts[kind])
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def describe(label: str) -> str | None:
    """How a label reads in an issue; None for plain UTF-8, which needs no word.

    "cp1252 (2 undefined bytes)" -> "not UTF-8, read as Windows-1252 (2 undefined
    bytes)"; "utf-8 (3 NULs removed)" -> "read as UTF-8 (3 NULs removed)".
    """
    m = LABEL.fullmatch(label)
    codec, notes = (m["codec"], m["notes"]) if m else (label, None)
    name = NAMES.get(codec, codec)
    suffix = f" ({notes})" if notes else ""
    if codec == "utf-8":
        return f"read as UTF-8{suffix}" if notes else None
    return f"not UTF-8, read as {name}{suffix}"


def split_lines(text: str) -> list[str]:
    """Printed lines, numbered from 1 by position; CRLF and CR count as one break."""
    # As LINE_BREAK.split, at a tenth of the time: each CRLF, then each CR
    # left, read as LF, from the left as the pattern matches them.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines
