"""The cells of an action table as reading-order text prints them: a line
of rating labels, a paragraph of rating symbols, text run together with either,
and a cell's text as the paragraphs and quarter labels the TAB export's cell
would hold (see `reading_order`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.blocks import Blocks
from extract.blocks.paragraphs import Paragraph
from extract.document import Row
from extract.recognisers.actions.drafts import RULE
from extract.recognisers.actions.quarter_labels import (
    LABEL,
    QUARTER_OF_COLUMN,
    Para,
    bare_quarters,
    label_quarters,
    last_quarter,
    leading_quarters,
)
from normalise.patterns import compiled
from normalise.symbols import holds_symbol
from normalise.text import has_html, squash, strip_html
from normalise.vocabulary import RATING_WORD

# "Q1 Rating", "Q1\nRating", or the four printed on one line ("Q1 Rating Q2
# Rating Q3 Rating Q4 Rating", samples/text/000…-plain.txt line 375). A bare
# "Quarter 2" is a quarter text's label, not a rating column's.
RATING_LABEL = compiled(
    rf"(?:{QUARTER_OF_COLUMN}\s*[1-4]\s*{RATING_WORD}"
    rf"|{RATING_WORD}\s*{QUARTER_OF_COLUMN}\s*[1-4])",
    re.IGNORECASE,
)
DIGIT = compiled(r"[1-4]")
# Markup a cell opens and closes: a paragraph that leaves one open goes on
# in the next.
MARKUP = tuple(
    (
        compiled(rf"<{tag}\b", re.IGNORECASE),
        compiled(rf"</{tag}\s*>", re.IGNORECASE),
    )
    for tag in ("p", "table")
)


def rating_labels(text: str) -> tuple[str, ...] | None:
    """The quarters of a paragraph that is only rating labels, else None."""
    found = RATING_LABEL.findall(text)
    if not found or RATING_LABEL.sub("", text).strip():
        return None
    return tuple(f"Q{DIGIT.findall(label)[0]}" for label in found)


def symbol(row: Row) -> bool:
    """A printed line that is one rating symbol (or several: "○ ○"), not a
    rule ("---") nor a line of markup ("<th>Q2</th> </tr>")."""
    if len(row.cells) != 1 or RULE.match(row.flat):
        return False
    raw = row.cells[0].raw
    return not has_html(raw) and holds_symbol(raw)


def marks(blocks: Blocks, para: Paragraph) -> list[Row] | None:
    """The lines of a paragraph of rating symbols, one a line; else None."""
    rows = [blocks.doc.rows[i] for i in para.rows]
    return rows if all(symbol(r) for r in rows) else None


def mixed(blocks: Blocks, para: Paragraph) -> bool:
    """A paragraph of text run together with a rating label or a line of
    symbols ("Q1 Rating" / "○", samples/text/000…-dingbats-plain.txt lines
    436-437): which column a symbol is under, or where the text ends, cannot
    be told."""
    rows = [blocks.doc.rows[i] for i in para.rows]
    return RATING_LABEL.search(squash(para.text)) is not None or any(
        symbol(r) for r in rows
    )


def raw(blocks: Blocks, group: Sequence[Paragraph]) -> str:
    """Paragraphs' lines as printed, markup and all."""
    rows = (blocks.doc.rows[i] for para in group for i in para.rows)
    return " ".join(c.raw for r in rows for c in r.cells)


def open_markup(raw: str) -> bool:
    """Whether a cell's markup opens a `<p>` or `<table>` it does not close:
    samples/text/001_4e0ea328a26b8980-plain.txt lines 91-113 print an action
    cell's nested table over three paragraphs."""
    return any(
        len(opens.findall(raw)) > len(closes.findall(raw)) for opens, closes in MARKUP
    )


def pieces(blocks: Blocks, group: Sequence[Paragraph]) -> list[Para]:
    """A paragraph's text as the action cell's paragraphs: its `<p>` and list
    paragraphs, or its lines from one that starts with a quarter label to the
    next ("Q3 - CCTV Police Reviews …", samples/text/000…-plain.txt line 348),
    a bare label ("Quarter 2") a paragraph of its own."""
    # samples/text/003_23ba67851198ff7c-plain.txt line 216 prints the rule
    # under the table ("---") in the last cell's paragraph.
    rows = [
        r
        for para in group
        for i in para.rows
        if not RULE.match((r := blocks.doc.rows[i]).flat)
    ]
    raw = " ".join(c.raw for r in rows for c in r.cells)
    if not rows:
        return []
    if has_html(raw):
        where = (rows[0].page, rows[0].line_start, rows[-1].line_end)
        return [Para(squash(t), *where) for t in strip_html(raw).split("\n") if t]
    groups: list[list[Row]] = []
    for row in rows:
        bare = bare_quarters(row.flat) is not None
        if not groups or bare or leading_quarters(row.flat) is not None:
            groups.append([row])
        else:
            groups[-1].append(row)
        if bare:
            groups.append([])
    return [
        Para(
            squash(" ".join(r.flat for r in group)),
            group[0].page,
            group[0].line_start,
            group[-1].line_end,
        )
        for group in groups
        if group
    ]


def quarters(pieces: Sequence[Para]) -> tuple[tuple[int, ...] | None, int | None]:
    """The quarters the text starts with, and the first quarter of a label
    printed after other text ("Quarter 2" on a line of its own included)."""
    lead = leading_quarters(pieces[0].text) if pieces else None
    for n, piece in enumerate(pieces):
        if n and (bare := bare_quarters(piece.text)):
            return lead, min(bare)
        for m in LABEL.finditer(piece.text, 0 if n else 1):
            if qs := label_quarters(m):
                return lead, min(qs)
    return lead, None


def restarts(pieces: list[Para], last: int | None) -> list[list[Para]]:
    """A paragraph's pieces split before each title whose next piece starts
    the quarters again: samples/text/001_4e0ea328a26b8980-plain.txt line 336
    prints the next action's `<p>` title and quarters in the paragraph of the
    CCTV action's Q2 text."""
    chunks: list[list[Para]] = [[]]
    for n, piece in enumerate(pieces):
        lead = leading_quarters(piece.text)
        nxt = leading_quarters(pieces[n + 1].text) if n + 1 < len(pieces) else None
        if (
            chunks[-1]
            and lead is None
            and LABEL.search(piece.text) is None
            and nxt is not None
            and last is not None
            and min(nxt) <= last
        ):
            chunks.append([])
        chunks[-1].append(piece)
        if (q := last_quarter(piece.text)) is not None:
            last = q
    return chunks
