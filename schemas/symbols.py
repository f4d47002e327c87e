"""The rating symbol map: printed symbol -> contract `rating`, read from symbols.csv;
and one spelling for each symbol printed in more than one, from symbol_spellings.csv
(the glyph "○" and the export's LaTeX name for it, "\\bigcirc", are one symbol).

QA extends either by adding a line to its CSV; no code knows a symbol.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

RATINGS = frozenset({"completed", "on_target", "attention", "amendment", "aborted"})


@cache
def symbol_map() -> dict[str, str]:
    """Symbol as printed (debris removed) -> rating, e.g. "✓" -> "completed"."""
    text = (
        resources.files("schemas").joinpath("symbols.csv").read_text(encoding="utf-8")
    )
    mapping: dict[str, str] = {}
    for line in csv.DictReader(text.splitlines()):
        symbol, rating = line["symbol"].strip(), line["rating"].strip()
        if rating not in RATINGS:
            raise ValueError(
                f"symbols.csv: {symbol!r} maps to unknown rating {rating!r}"
            )
        mapping[symbol] = rating
    return mapping


@cache
def spellings() -> dict[str, str]:
    """Symbol as printed -> the one spelling it is given, e.g. "○" -> "\\bigcirc"."""
    text = (
        resources.files("schemas")
        .joinpath("symbol_spellings.csv")
        .read_text(encoding="utf-8")
    )
    return {
        line["printed"].strip(): line["symbol"].strip()
        for line in csv.DictReader(text.splitlines())
    }


@cache
def _words() -> dict[str, str]:
    """Ratings printed as words ("Green", "Completed"), matched whatever their case."""
    return {s.casefold(): r for s, r in symbol_map().items() if s[:1].isalpha()}


def is_rating_word(text: str) -> bool:
    return text.strip().casefold() in _words()


def rating_of(symbol: str | None) -> str | None:
    """The rating a printed symbol stands for; None when absent or not in the map."""
    if not symbol:
        return None
    return symbol_map().get(symbol) or _words().get(symbol.strip().casefold())
