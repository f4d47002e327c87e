"""Counts in text whose cells run on from line to line: `pdftotext -raw`
prints a PDF's text in content-stream order, with no blank lines and no
columns, so a KPI row is its name and then its quarter cells one after another,
each after its quarter's rolling-12 block: "… – Victim Support data" / "Q1
(24.07.17) Previous 12 months = … reduction (-321) Q1 - 15 on going" / "cases,
6 closed cases 2 x Council …" (tests/fixtures/rawtext/000…-raw.txt lines
69-82).

What no recogniser claimed of the lines (the reading-order reader before this
one included) is read as one stream, cut where a claimed part (a rolling-12
block) or a blank line sits. Text with blank lines between its cells is read
in reading order (`breakdowns.reading_order`), not here. A quarter's cell opens
with its label ("Q1 -", "Q2 –", "Q3") and runs to the next label or cut, or
to an HTML paragraph of counts of categories it counted already (the rest of
the row's cells, printed under it) or a line that opens with a bracketed note
of counts, and no further than its last count; it is read when it holds
labelled counts. Its indicator is the counted name (one
printed with its data source, not an "Over Time" measure) printed right
before its label, or right before the cut its label follows; a later quarter
of the same row, its label higher than the one before, in the same run or the
next, with no other name and no more than a few words between, has the name
of the row. A cell without a name is left unclaimed, and
so reported by coverage.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from extract.blocks import Blocks
from extract.context import Context
from extract.document import Cell
from extract.recognisers.breakdowns.counted import counted
from extract.recognisers.breakdowns.reading_order import categories, is_counted_name
from extract.records import Breakdown, IssueRow
from normalise.counts import read_counts
from normalise.indicators import NAME_END, split_indicators
from normalise.patterns import compiled

# A quarter label opening a cell: "Q1 -", "Q2 –", "Q4 Individuals", not "Q1
# (24.07.17)" (a rolling block) or "Q1 Rating" (a column label).
QUARTER = compiled(
    r"(?<![\w(/])Q(?P<q>[1-4])\b(?!\s*\(|\s+rating)\s*[-\u2013:]?\s*", re.IGNORECASE
)
# An HTML paragraph of a cell that opens with a count ("<p>6 x Self referrals").
COUNTS_PARAGRAPH = compiled(r"\s*<p>\s*\d", re.IGNORECASE)
WORD = compiled(r"\w+")
BETWEEN_WORDS = r"(?:\W|\([^)]*\))+"
DIGIT = compiled(r"\d")
# A line opening with a bracketed note that counts: "(1 individual …".
NOTE_LINE = compiled(r"^\s*\(\s*\d")
# A bracketed note: "(1 individual thought they were targeted …)".
NOTE = compiled(r"\([^)]*\)")
# The words a row prints between two of its cells at most ("out of area").
BETWEEN_WORDS_MAX = 6


@dataclass(frozen=True, slots=True)
class Piece:
    """A part of a row's one cell no recogniser claimed: characters
    `start`-`end` of its reading text, at `at` in its run's text."""

    row: int
    start: int
    end: int
    at: int

    @property
    def stop(self) -> int:
        """Where the piece ends in its run's text."""
        return self.at + self.end - self.start


@dataclass(frozen=True, slots=True)
class Run:
    """Free text of consecutive lines between two cuts, where it came from,
    and where in it lines open with an HTML paragraph of counts."""

    text: str
    pieces: tuple[Piece, ...]
    opens: tuple[int, ...]


def read(blocks: Blocks, ctx: Context, name: str) -> Iterator[Breakdown | IssueRow]:
    """The counts of every quarter cell of a document printed without columns."""
    if not blocks.runs_on:
        return
    runs = _runs(blocks)
    row_name: str | None = None
    last_quarter = last_run = last_end = 0
    for k, run in enumerate(runs):
        labels = list(QUARTER.finditer(run.text))
        for n, m in enumerate(labels):
            end = labels[n + 1].start() if n + 1 < len(labels) else len(run.text)
            opens = [a - m.end() for a in run.opens if m.end() < a < end]
            end = m.end() + _own_part(run.text[m.end() : end], opens)
            end = m.end() + _through_last_count(run.text[m.end() : end])
            text = run.text[m.end() : end]
            read_ = read_counts(text)
            if not read_[0]:
                continue
            # What is printed since the label before (or the cut before).
            source, lo, hi = run, labels[n - 1].end() if n else 0, m.start()
            if n == 0 and not run.text[:hi].strip() and k:
                source = runs[k - 1]
                lo, hi = 0, len(source.text)
            before = source.text[lo:hi]
            own = _name_before(source, lo, hi)
            quarter = int(m["q"])
            if own is not None:
                row_name = own
            elif (
                row_name is None
                or quarter <= last_quarter
                or k > last_run + 1
                or _names_in(before)
                or _apart(runs, last_run, last_end, k, m.start())
            ):
                row_name = None
                continue
            last_quarter, last_run, last_end = quarter, k, end
            cell = _claim(blocks, name, run, m.start(), end)
            if cell is None:
                continue
            yield from counted(
                blocks.doc, ctx, cell[0], row_name, f"Q{quarter}", cell[1], read_
            )


def _apart(runs: Sequence[Run], run: int, end: int, k: int, at: int) -> bool:
    """Whether more than a few words (a bracketed note aside) are printed
    between the end of the cell before (at `end` of run `run`) and a label at
    `at` of run `k`: text of another kind, after which a quarter is no cell of
    the same row."""
    between = (
        runs[run].text[end:] + " " + runs[k].text[:at]
        if k != run
        else (runs[k].text[end:at])
    )
    return len(NOTE.sub(" ", between).split()) > BETWEEN_WORDS_MAX


def _runs(blocks: Blocks) -> list[Run]:
    """The free text of the document's lines, cut at claimed parts and blank lines."""
    rows = blocks.doc.rows
    runs: list[Run] = []
    parts: list[str] = []
    pieces: list[Piece] = []
    at = 0

    def cut() -> None:
        nonlocal parts, pieces, at
        if pieces:
            opens = tuple(
                p.at
                for p in pieces
                if not p.start and COUNTS_PARAGRAPH.match(rows[p.row].cells[0].raw)
            )
            runs.append(Run(" ".join(parts), tuple(pieces), opens))
        parts, pieces, at = [], [], 0

    for i, row in enumerate(rows):
        cell = row.cells[0] if len(row.cells) == 1 else None
        if cell is None or not cell.reading.strip() or row.unread:
            cut()
            continue
        if NOTE_LINE.match(cell.reading):
            # Notes of the row's cells printed under it, "(1 individual 1
            # Mental Health (1 person felt" (browser raw 000 line 383): no
            # part of the cell above.
            cut()
        spans = blocks.claims.unclaimed_spans(i, cell)
        for j, (a, b) in enumerate(spans):
            if j or a:
                cut()
            parts.append(cell.reading[a:b])
            pieces.append(Piece(i, a, b, at))
            at += b - a + 1
        if spans and spans[-1][1] < len(cell.reading.rstrip()):
            cut()
    cut()
    return runs


def _own_part(text: str, opens: list[int]) -> int:
    """How much of a quarter's text is its own, given where in it lines open
    with an HTML paragraph of counts: up to those paragraphs where they count
    a category twice (the rest of several cells of the row, printed under it:
    "<p>6 x Self referrals …</p>" / "<p>5 x Self referrals …</p>" after 001's
    Q2 cell, raw lines 152-155) or one the cell counted already."""
    if not opens:
        return len(text)
    seen = categories(read_counts(text[: opens[0]])[0])
    for a, b in zip(opens, [*opens[1:], len(text)], strict=True):
        here = categories(read_counts(text[a:b])[0])
        if here & seen:
            return opens[0]
        seen |= here
    return len(text)


def _through_last_count(text: str) -> int:
    """How much of a quarter's text runs to the end of its last count: what
    follows is no part of the cell's list (a note, or the next grid's column
    labels, "… 1 x Other (Adult Social Care) Measure has changed Quarter 1
    Quarter 2 …", raw 000 lines 104-112)."""
    ends = []
    for count in read_counts(text)[0]:
        words = WORD.findall(count.text)
        if words:
            # The count's words as printed, a bracketed note between them
            # aside ("1 x Other (Adult Social Care) Measure …").
            pattern = re.compile(BETWEEN_WORDS.join(map(re.escape, words)), re.I)
            if m := pattern.search(text):
                ends.append(m.end())
    return max(ends, default=len(text))


def _name_before(run: Run, lo: int, hi: int) -> str | None:
    """The counted name the run's text `lo`-`hi` ends with ("… – Victim Support
    data"): read from the whole lines before it that print no figure, since a
    line with one is another column's ("Change over 12 Months = 23% …", raw
    000 line 131, above "Hate Crime –")."""
    text = run.text[lo:hi].rstrip()
    end = lo + len(text)
    if not text or not any(m.end() == len(text) for m in NAME_END.finditer(text)):
        return None
    begin = end
    lines = {p.at for p in run.pieces if not p.start and lo <= p.at < end}
    for a in sorted(lines, reverse=True):
        if DIGIT.search(run.text[a:begin]):
            break
        begin = a
    names = split_indicators(run.text[begin:end])
    return names[-1] if names and is_counted_name(names[-1]) else None


def _names_in(text: str) -> bool:
    return any(is_counted_name(n) for n in split_indicators(text))


def _claim(
    blocks: Blocks, name: str, run: Run, start: int, end: int
) -> tuple[int, Cell] | None:
    """Claim characters `start`-`end` of the run: the first row and a cell
    standing for them; None when a part of them is claimed already."""
    rows = blocks.doc.rows
    taken: list[Piece] = []
    for p in run.pieces:
        a, b = max(start, p.at), min(end, p.stop)
        if a >= b:
            continue
        span = (p.start + a - p.at, p.start + b - p.at)
        if not blocks.claims.take_spans(name, p.row, rows[p.row].cells[0], (span,)):
            return None
        taken.append(p)
    if not taken:
        return None
    first, last = rows[taken[0].row], rows[taken[-1].row]
    text = run.text[start:end].strip()
    cell = Cell(text, text, 0, first.page, first.line_start, last.line_end)
    return taken[0].row, cell
