"""Coverage: how many numbers printed in a report's tables some recogniser claimed.

A numeric token on a table line (a TAB-separated line, or a PDF table row) is
covered when a claim whose lines include that line holds the same number in
the text it claimed (`extract.claims`). Runs of table lines that no claim
touches, with numbers on them, are `unparsed_block` issues.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass
from functools import lru_cache

from extract.claims import Claim
from extract.document import Document, Row, slot_setters
from extract.records import IssueRow

# "5,673", "44.1", "15%", "(833)"; not dates ("24.07.17"), years ("2015/16") or
# numbers glued to words ("Q1", "3rd").
NUMBER = re.compile(r"(?<![\w/.,])\d[\d,]*(?:\.\d+)?(?![\w/]|\.\d)")
# Numbers that are part of a printed label, not a value: column headers
# ("Quarter 1", "Q1 Rating"), the rolling-block captions ("Previous 12 months"),
# financial years ("2018-19") and dates in titles ("1 January 2019").
LABEL = re.compile(
    r"\b(?:quarters?|q)\s*[1-4](?:\s*(?:,|and|&|-|to)\s*[1-4])*\b"
    r"|\b\d+\s+months?\b|\b20\d\d\s*[-/.\u2013]\s*\d\d\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\.?\s+\d{4}\b",
    re.IGNORECASE,
)
TAG = re.compile(r"<[^>]*>")
DIGIT = re.compile(r"\d")
SNIPPET = 60
NONE_HELD: frozenset[str] = frozenset()

LineRef = tuple[int | None, int]


@dataclass(frozen=True, slots=True)
class TableLine:
    """One printed table line, its numeric tokens and which of them are covered."""

    page: int | None
    line: int
    text: str
    tokens: tuple[str, ...]
    covered: tuple[bool, ...]
    claimed: bool

    # Written out, not generated, as `extract.document.Cell`'s: coverage builds
    # one a table line.
    def __init__(
        self,
        page: int | None,
        line: int,
        text: str,
        tokens: tuple[str, ...],
        covered: tuple[bool, ...],
        claimed: bool,
    ) -> None:
        _table_line_page(self, page)
        _table_line_line(self, line)
        _table_line_text(self, text)
        _table_line_tokens(self, tokens)
        _table_line_covered(self, covered)
        _table_line_claimed(self, claimed)


(
    _table_line_page,
    _table_line_line,
    _table_line_text,
    _table_line_tokens,
    _table_line_covered,
    _table_line_claimed,
) = slot_setters(
    TableLine,
    "page",
    "line",
    "text",
    "tokens",
    "covered",
    "claimed",
)


@dataclass(frozen=True, slots=True)
class Block:
    """Consecutive table lines with numbers that no fact row claims."""

    page: int | None
    line_start: int
    line_end: int
    text: str
    # The page the block ends on, when it runs over a page break.
    end_page: int | None = None


@dataclass(frozen=True, slots=True)
class Coverage:
    share: float | None
    n_tokens: int
    n_covered: int
    lines: tuple[TableLine, ...]
    unparsed: tuple[Block, ...]

    def issues(self, doc: Document) -> Iterator[IssueRow]:
        """One `unparsed_block` warning per unclaimed table-like block."""
        for b in self.unparsed:
            span = (
                f"{b.line_start}-{b.line_end}"
                if b.line_end > b.line_start or b.end_page != b.page
                else (f"{b.line_start}")
            )
            pages = (
                f" (pages {b.page}-{b.end_page})"
                if b.end_page is not None and b.end_page != b.page
                else ""
            )
            yield IssueRow.at(
                "unparsed_block",
                doc,
                b.line_start,
                f'table block with numbers that no recogniser claimed: "{b.text}"',
                page=b.page,
                span=span + pages,
            )


@lru_cache(maxsize=8192)
def canonical(token: str) -> str | None:
    """A number as compared: no thousands commas, no sign, shortest form."""
    try:
        return f"{abs(float(token.replace(',', '').rstrip('.'))):g}"
    except ValueError:
        return None


def number_tokens(text: str) -> list[str]:
    """The value numbers printed in `text`, labels and HTML tags left out."""
    return list(_tokens(text))


def _tokens(text: str) -> tuple[str, ...]:
    if DIGIT.search(text) is None:
        # Dropping labels and tags adds no digit: without one there is no number.
        return ()
    return _number_tokens(text)


# Coverage reads a table's lines and the no-facts check the short lines of
# reading-order text: the same lines, tokenised once.
@lru_cache(maxsize=4096)
def _number_tokens(text: str) -> tuple[str, ...]:
    text = LABEL.sub(" ", TAG.sub(" ", text))
    return tuple(m.group().rstrip(",") for m in NUMBER.finditer(text))


def line_text(doc: Document, page: int | None, number: int) -> str:
    """The printed line: from the text, or from the page's extracted text for PDFs."""
    if page is None:
        return doc.line(number)
    lines = doc.page_lines.get(page, ())
    return lines[number - 1] if 1 <= number <= len(lines) else ""


def claimed_numbers(claims: Iterable[Claim]) -> dict[LineRef, set[str]]:
    """Each claimed line and the numbers in the text claimed on it."""
    out: dict[LineRef, set[str]] = {}
    for c in claims:
        numbers = _claimed(c.text)
        for n in range(c.line_start, c.line_end + 1):
            out.setdefault((c.page, n), set()).update(numbers)
    return out


# Most claims hold a cell's whole text, which recurs (empty cells, marks,
# labels).
@lru_cache(maxsize=8192)
def _claimed(text: str) -> frozenset[str]:
    if DIGIT.search(text) is None:
        return NONE_HELD
    return frozenset(v for t in NUMBER.findall(text) if (v := canonical(t)))


def _cover_field(row: Row) -> bool:
    """A "Label:<TAB>value" line: a cover-sheet field read into `documents`."""
    filled = row.filled
    return 1 <= len(filled) <= 2 and filled[0].flat.endswith(":")


def table_rows(doc: Document, reading: frozenset[int] = frozenset()) -> list[Row]:
    """The table rows of a document: tabbed rows, and the rows of tables
    printed in reading order (`reading`)."""
    return [
        row
        for i, row in enumerate(doc.rows)
        if (row.tabbed and not _cover_field(row)) or i in reading
    ]


def measure(
    doc: Document,
    claimed: Mapping[LineRef, Set[str]],
    reading: frozenset[int] = frozenset(),
    reported: frozenset[LineRef] = frozenset(),
) -> Coverage:
    """Coverage of one document by the claims made on it (`claimed`, their
    `claimed_numbers`). A run of table lines that no claim touches, or whose
    numbers no claim holds, with numbers on it, is an unparsed block. Lines a
    recogniser `reported` as a structure it left unread count as not covered,
    but are no block of their own: they end one."""
    lines: list[TableLine] = []
    blocks: list[Block] = []
    run: list[TableLine] = []
    previous_end: LineRef | None = None
    previous_row: Row | None = None
    n_tokens = n_covered = 0
    for row in table_rows(doc, reading):
        page, numbers = row.page, range(row.line_start, row.line_end + 1)
        row_lines = []
        # A table row is read when a claim touches it; a line of reading-order
        # text holds parts of several cells, and is read when its numbers are.
        touched, held_all = False, True
        for n in numbers:
            ref = (page, n)
            # A row with no text prints nothing: a blank line, or a running
            # header or footer the reader dropped.
            text = line_text(doc, page, n) if row.flat else ""
            tokens = _tokens(text)
            covered: tuple[bool, ...] = ()
            if tokens:
                held = claimed.get(ref, NONE_HELD)
                covered = tuple([canonical(t) in held for t in tokens])
                n_tokens += len(tokens)
                n_covered += sum(covered)
            on = ref in claimed
            touched = touched or on
            held_all = held_all and on and all(covered)
            row_lines.append(TableLine(page, n, text, tokens, covered, on))
        lines.extend(row_lines)
        adjacent = previous_end is not None and (page, row.line_start) == (
            previous_end[0],
            previous_end[1] + 1,
        )
        if not row.tabbed and previous_row is not None and not previous_row.tabbed:
            # Reading-order text runs on over a page break.
            adjacent = adjacent or row.line_start == 1
        read = touched if row.tabbed else held_all
        told = bool(reported) and all((page, n) in reported for n in numbers)
        if run and (not adjacent or read or told):
            blocks.extend(_block(run))
            run = []
        if not read and not told:
            run.extend(row_lines)
        previous_end, previous_row = (page, row.line_end), row
    blocks.extend(_block(run))
    share = round(n_covered / n_tokens, 4) if n_tokens else None
    return Coverage(share, n_tokens, n_covered, tuple(lines), tuple(blocks))


def _block(run: Sequence[TableLine]) -> list[Block]:
    if not any(t.tokens for t in run):
        return []
    first = next(t for t in run if t.text.strip())
    snippet = " ".join(first.text.split())
    if len(snippet) > SNIPPET:
        snippet = snippet[: SNIPPET - 1] + "…"
    first_line, last = run[0], run[-1]
    return [Block(first_line.page, first_line.line, last.line, snippet, last.page)]
