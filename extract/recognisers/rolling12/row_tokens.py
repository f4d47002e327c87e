"""The tokens a row of quarter cells prints, left to right, and the row they
make (`rolling12.arithmetic` reads them; `rolling12.print_order` checks
their order)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extract.recognisers.rolling12.quarter_blocks import DIRECTION, MINUS
from normalise.patterns import compiled

# One token of a row, left to right: a caption, a quarter label, a date, a
# percentage, a difference in brackets, a direction word, the "12" of a
# caption cut from its word ("12 months =", "over 12"), a caption's "months
# =", or a figure.
TOKEN = compiled(
    r"(?P<previous>\bprevious\b(?:\s*12\b)?)"
    r"|(?P<last>\b(?:last|current)\b(?:\s*12\b)?)"
    r"|(?P<change>\bchange\b(?:\s+over\b)?)"
    r"|(?P<date>\(\s*\d{1,3}[./]\d{1,2}[./]\d{2,4}\s*\))"
    r"|(?P<quarter>\bQ(?P<n>[1-4])\b)"
    rf"|(?P<pct>[{MINUS}+]?\s?\d+(?:\.\d+)?)\s?%"
    rf"|\(\s*(?P<abs>[{MINUS}+]?\s?\d[\d,]*)\s*\)"
    rf"|(?P<direction>\b(?:{DIRECTION})\b)"
    r"|(?P<months>\b(?:12\s*)?months?\b\s*[=:]?)"
    r"|(?P<twelve>\b12\s*months?\b|\bover\s+12\b)"
    rf"|(?P<total>(?<![\d.,/])[{MINUS}]?\d{{1,3}}(?:,\d{{3}})+(?![\d,.%])"
    rf"|(?<![\d.,/])[{MINUS}]?\d+(?![\d,.%/]))",
    re.IGNORECASE,
)

CAPTIONS = ("previous", "last", "change")

# Words between two tokens: they are not printed one right after the other.
WORDISH = compiled(r"[^\W\d_]{2,}")

# Two spaces or more inside a line: a gap between the columns of a table.
COLUMN_GAP = compiled(r" {2,}")

# Of each quarter: where its previous and last totals are among the row's
# tokens, and its percentage as printed.
Reading = list[tuple[int, int, str]]


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str
    line: int
    # Printed right after the token before it on its line: no other token
    # and no column's gap (two spaces or more) between them.
    follows: bool = False
    # Which of its line's parts, a column's gap apart, it is in, and how
    # many parts the line has.
    part: int = 0
    parts: int = 1


@dataclass(frozen=True, slots=True)
class Printed:
    """A row of quarter cells: its lines (0-based, first to last) and its
    tokens in order."""

    first: int
    last: int
    tokens: tuple[Token, ...]


def line_tokens(lines: Sequence[str], k: int) -> list[Token]:
    """The tokens of line `k`, left to right."""
    text = lines[k]
    gaps = [m.start() for m in COLUMN_GAP.finditer(text.strip())]
    lead = len(text) - len(text.lstrip())
    out: list[Token] = []
    end = -1
    for m in TOKEN.finditer(text):
        kind = m.lastgroup
        if kind is None or kind == "n":
            continue
        between = text[end : m.start()] if end >= 0 else None
        follows = (
            between is not None and "  " not in between and not WORDISH.search(between)
        )
        part = sum(1 for g in gaps if g + lead < m.start())
        out.append(Token(kind, m[kind], k, follows, part, len(gaps) + 1))
        end = m.end()
    return out
