"""Rating symbols as printed in quarter columns, with conversion debris removed.

"$ \\bigcirc$" (a LaTeX math wrapper left by the converter) -> "\\bigcirc";
"<u></u>" (empty markup) -> no symbol; a symbol printed in two spellings is given
one (schemas/symbol_spellings.csv: the glyph "○" -> "\\bigcirc", the export's name
for it); "✓", "▶", "▲", "5" are kept as printed.
"""

from __future__ import annotations

import re

from normalise.repair import Repair
from normalise.text import has_html, squash, strip_html
from schemas.symbols import is_rating_word, spellings

MATH_WRAPPER = re.compile(r"^\$\s*(?P<inner>.*?)\s*\$$")
# A space between a LaTeX command's backslash and its name: LibreOffice Writer's
# print of samples/000 line 75 sets the backslash and "bigcirc" apart.
COMMAND_SPACE = re.compile(r"\\\s+(?=[A-Za-z]+$)")
# A word of two or more letters that is not a LaTeX command: "No Rating" in a
# rating column is a status grid's label (a grid printed straight under an action
# table), while "\bigcirc" (samples/000 line 75) is a glyph's name.
WORD = re.compile(r"(?<![\\\w])[^\W\d_]{2,}")
# A symbol is one glyph or one LaTeX command ("\bigcirc" is 8 characters).
SYMBOL_CHARS = 16
# Figures of two digits or more ("275", "1,204", "12.5%", "635 237"): a
# table's numbers run into a rating column, where one digit can be a symbol
# font's glyph ("5").
FIGURE = re.compile(r"\d[\d,.]*\d%?(?:\s+\d[\d,.]*\d%?)*")
# Markup around one glyph is short ("<u></u>", "<span>✓</span>"); a longer cell
# is prose and is not worth parsing as HTML.
RAW_CHARS = 200
# Two rating words a rating between them is printed as: "Amber/Green",
# "Green - Amber".
TWO_RATINGS = re.compile(r"\s*[/\-\u2013]\s*")
# A quarter's label ("Q2"): a heading of a table printed in the cell, no mark.
QUARTER = re.compile(r"[Qq][1-4]")


def clean_symbol(raw: str) -> tuple[str | None, tuple[Repair, ...]]:
    """The symbol in a rating cell and the debris rules applied to reach it."""
    value = squash(raw)
    repairs: list[Repair] = []
    if has_html(value):
        stripped = squash(strip_html(value))
        # samples/000 line 70 prints "<u></u>" in the Q3 column: markup, no glyph.
        rule = "empty_markup" if not stripped else "symbol_markup"
        repairs.append(Repair(raw=value, repaired=stripped, rule=rule, confidence=0.9))
        value = stripped
    if m := MATH_WRAPPER.match(value):
        # samples/000 line 75 prints "$ \bigcirc$"; its other rating cells say
        # "\bigcirc".
        inner = COMMAND_SPACE.sub(r"\\", m["inner"])
        repairs.append(Repair(raw=value, repaired=inner, rule="latex_math_wrapper"))
        value = inner
    if (spelt := spellings().get(value)) is not None:
        # The glyph a PDF of samples/000 prints where its export says "\bigcirc".
        repairs.append(Repair(raw=value, repaired=spelt, rule="symbol_spelling"))
        value = spelt
    return (value or None), tuple(repairs)


def holds_symbol(raw: str) -> bool:
    """Whether a rating cell prints a symbol, or the debris of one, rather than words.

    "▶", "5", "$ \\bigcirc$" and "<u></u>" (whose cleaning is logged) do, and so
    do rating words of the symbol map ("Green", "On track") and two of them
    ("Amber/Green"); "No Rating", figures ("275"), a quarter's label ("Q2")
    and prose do not.
    """
    if not raw.strip() or len(raw) > RAW_CHARS:
        return False
    value, _ = clean_symbol(raw)
    if value is None:
        return True
    if is_rating_word(value):
        # "Green", "Amber", "Completed": words the symbol map rates.
        return True
    if all(is_rating_word(part) for part in TWO_RATINGS.split(value)) or all(
        is_rating_word(word) for word in value.split()
    ):
        # "Amber/Green": a rating between two, printed as it is; "Green Green
        # Amber": the ratings of rows a layout ran into one. The map rates
        # neither, and then its cell is reported.
        return True
    if FIGURE.fullmatch(value.strip()) or QUARTER.fullmatch(value.strip()):
        return False
    return len(value) <= SYMBOL_CHARS and WORD.search(value) is None


def holds_glyph(raw: str) -> bool:
    """Whether a cell prints a symbol that is no word: "✓", "\\bigcirc",
    "<u></u>"; not "Green", "On track" or "Amber/Green", which a KPI grid's
    value column prints as a value's words as often."""
    if not holds_symbol(raw):
        return False
    value, _ = clean_symbol(raw)
    return value is None or WORD.search(value) is None
