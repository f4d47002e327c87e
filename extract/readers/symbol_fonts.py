"""Symbol-font code points -> the marks they draw, from schemas/symbol_fonts.csv.

A tick printed in ZapfDingbats or Wingdings is a code point of that font: its
text reads "4" or "ü" unless the PDF maps the font to Unicode (samples/pdf/
*-dingbats.pdf read "3" for ✓). The font of the text object says which table
applies; QA adds a font or a mark with a line in the CSV.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Collection
from functools import cache
from importlib import resources

from normalise.repair import Repair

RULE = "symbol_font"
# "ABCDEF+Wingdings-Regular", "Wingdings,Bold", "ZapfDingbats": a subset tag,
# the family, then a style after "-" or ",". "Wingdings 2" is another font.
FONT_NAME = re.compile(r"^(?:[A-Z]{6}\+)?(?P<family>[^,-]+)")
# A symbol font's Microsoft cmap places code c at U+F000 + c: PDFs that map
# the font through it read Wingdings' tick as U+F0FC.
SYMBOL_CMAP = 0xF000


def family(font_name: str) -> str:
    """The font's family as the CSV keys it: "abcdef+Wingdings-Bold" -> "wingdings"."""
    m = FONT_NAME.match(font_name.strip())
    return "".join(m["family"].split()).casefold() if m else ""


@cache
def symbol_fonts() -> dict[str, dict[int, str]]:
    """Font family -> code point -> the mark it draws, e.g. "wingdings" -> 0xFC -> ✓."""
    text = (
        resources.files("schemas")
        .joinpath("symbol_fonts.csv")
        .read_text(encoding="utf-8")
    )
    fonts: dict[str, dict[int, str]] = {}
    for line in csv.DictReader(text.splitlines()):
        code, mark = int(line["code_point"], 16), line["mark"].strip()
        if not 0 <= code <= 0xFF or len(mark) != 1:
            raise ValueError(
                f"symbol_fonts.csv: {line['font']} {line['code_point']} -> {mark!r}"
                " is not one byte code to one character"
            )
        fonts.setdefault(family(line["font"]), {})[code] = mark
    return fonts


def read_symbols(text: str, font_name: str) -> tuple[str, Repair | None]:
    """The text of a run in `font_name` with its code points as marks.

    "3" in ZapfDingbats is "✓" and "ü" in Wingdings is "✓", with the repair
    that says so; text in other fonts, or codes the table lacks, is kept.
    """
    table = _table(font_name)
    if not table:
        return text, None
    marks = "".join(table.get(_code(ch), ch) for ch in text)
    if marks == text:
        return text, None
    return marks, Repair(raw=text, repaired=marks, rule=RULE)


@cache
def _table(font_name: str) -> dict[int, str] | None:
    # Asked once per text object: a page of 004 has hundreds.
    return symbol_fonts().get(family(font_name))


def _code(ch: str) -> int:
    code = ord(ch)
    return code - SYMBOL_CMAP if SYMBOL_CMAP <= code <= SYMBOL_CMAP + 0xFF else code


def one_font_reading(
    chars: Collection[str], keep: Callable[[str], bool]
) -> dict[str, str]:
    """The marks the characters `chars` draw in the one symbol font that reads
    every one of them as a mark `keep` takes: a text exported from a PDF keeps
    a symbol font's code points and loses the font ("3" and "s" for
    ZapfDingbats' ✓ and ▲). Empty where no font, or more than one, reads them
    all so, and they do not agree: which font they were printed in cannot be
    told."""
    codes = {ch: _code(ch) for ch in chars if len(ch) == 1}
    if not codes or len(codes) != len(chars):
        return {}
    readings = [
        {ch: table[code] for ch, code in codes.items()}
        for table in symbol_fonts().values()
        if all(code in table and keep(table[code]) for code in codes.values())
    ]
    if not readings or any(r != readings[0] for r in readings[1:]):
        return {}
    return readings[0]


def is_font_code(text: str) -> bool:
    """`text` is one character that a symbol font of the CSV draws as a mark:
    what a text export prints for a mark whose font it lost ("3", "s", "ü")."""
    return len(text) == 1 and _code(text) in _codes()


@cache
def _codes() -> frozenset[int]:
    return frozenset(code for table in symbol_fonts().values() for code in table)
