"""Claims: which recogniser reads which part of a document.

A claim is a whole row, a cell, or a character range of a cell's reading text
(`Cell.reading`): samples/000 line 9 holds a quarter block and, after it, the
ASB Champion's breakdowns in one cell, so the rolling-12-months recogniser
claims the block's characters and the breakdowns recogniser the rest of the
cell. Claims never overlap: a part already claimed is refused to the next
recogniser, which is how recognisers keep off each other's lines without
knowing each other. Coverage and `reportx inspect` read the claims.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from extract.document import Cell, Row

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Claim:
    """A part of row `row` that `recogniser` reads.

    `column` None is the whole row; `spans` None is the whole cell, else the
    character ranges of the cell's reading text claimed.
    """

    recogniser: str
    row: int
    column: int | None
    spans: tuple[Span, ...] | None
    page: int | None
    line_start: int
    line_end: int
    text: str


class Claims:
    """The claims made on one document, in the order they were made."""

    def __init__(self) -> None:
        self._by_row: dict[int, list[Claim]] = defaultdict(list)
        self._all: list[Claim] = []
        self._reported: set[tuple[int | None, int]] = set()

    def __iter__(self) -> Iterator[Claim]:
        return iter(self._all)

    def held_by_others(self, name: str, row: int, column: int | None = None) -> bool:
        """Whether another recogniser claims row `row` (or its cell `column`)."""
        return any(
            c.recogniser != name
            and (column is None or c.column is None or c.column == column)
            for c in self._by_row.get(row, ())
        )

    def take_row(self, name: str, index: int, row: Row) -> bool:
        """Claim the whole of `row`; refused when any part of it is claimed."""
        if self.held_by_others(name, index):
            return False
        return self._add(
            Claim(
                name,
                index,
                None,
                None,
                row.page,
                row.line_start,
                row.line_end,
                row.flat,
            )
        )

    def take_cell(self, name: str, index: int, cell: Cell) -> bool:
        """Claim the whole of `cell`; refused when any part of it is claimed."""
        if self.held_by_others(name, index, cell.column):
            return False
        return self._add(_cell_claim(name, index, cell, None, cell.reading))

    def take_spans(
        self, name: str, index: int, cell: Cell, spans: tuple[Span, ...]
    ) -> bool:
        """Claim character ranges of `cell`'s reading text; refused when one of
        them meets a part another recogniser claims."""
        if not spans or any(
            _meets(c, spans) for c in self._others_on(name, index, cell.column)
        ):
            return False
        text = " ".join(cell.reading[a:b] for a, b in spans)
        return self._add(_cell_claim(name, index, cell, spans, text))

    def take_rest(self, name: str, index: int, cell: Cell) -> bool:
        """Claim what other recognisers left of `cell`; refused when nothing is
        left or the whole cell is claimed."""
        others = self._others_on(name, index, cell.column)
        if not others:
            # The whole cell is left: claimed, when it holds some text, and
            # once: a recogniser that holds it whole already keeps it.
            if self._holds_whole(name, index, cell.column):
                return True
            return bool(cell.reading.strip()) and self._add(
                _cell_claim(name, index, cell, None, cell.reading)
            )
        if any(c.spans is None for c in others):
            return False
        rest = _rest(cell.reading, others)
        if not rest:
            return False
        return self.take_spans(name, index, cell, rest)

    def take_rest_of_rows(
        self, name: str, rows: Sequence[Row], indices: Iterable[int]
    ) -> bool:
        """Claim what other recognisers left of every cell of `rows[i]` for
        each of `indices`; whether anything was left to claim."""
        took = False
        for i in indices:
            for cell in rows[i].cells:
                if cell.reading.strip():
                    took = self.take_rest(name, i, cell) or took
        return took

    def free_text(self, name: str, index: int, cell: Cell) -> str:
        """`cell`'s reading text without the ranges others claimed, squashed."""
        others = self._others_on(name, index, cell.column)
        if not others:
            # The reading text squashed is the cell's flat text.
            return cell.flat
        if any(c.spans is None for c in others):
            return ""
        taken = sorted(s for c in others for s in c.spans or ())
        text = cell.reading
        kept = [text[a:b] for a, b in _complement(taken, len(text))]
        return " ".join(" ".join(kept).split())

    def unclaimed_spans(self, index: int, cell: Cell) -> tuple[Span, ...]:
        """The character ranges of `cell`'s reading text no recogniser has
        claimed, each trimmed of the spaces around it."""
        claims = [
            c
            for c in self._by_row.get(index, ())
            if c.column is None or c.column == cell.column
        ]
        if any(c.spans is None for c in claims):
            return ()
        return _rest(cell.reading, claims)

    def report(self, page: int | None, line_start: int, line_end: int) -> None:
        """Lines `line_start`-`line_end` of `page` hold a structure left
        unread and reported as an issue of its own."""
        self._reported.update((page, n) for n in range(line_start, line_end + 1))

    @property
    def reported(self) -> frozenset[tuple[int | None, int]]:
        """Printed lines a recogniser found a structure on, did not read and
        reported itself: coverage does not report them a second time."""
        return frozenset(self._reported)

    def _others_on(self, name: str, row: int, column: int) -> list[Claim]:
        return [
            c
            for c in self._by_row.get(row, ())
            if c.recogniser != name and (c.column is None or c.column == column)
        ]

    def _holds_whole(self, name: str, row: int, column: int) -> bool:
        return any(
            c.recogniser == name and c.column == column and c.spans is None
            for c in self._by_row.get(row, ())
        )

    def _add(self, claim: Claim) -> bool:
        self._by_row[claim.row].append(claim)
        self._all.append(claim)
        return True


def _cell_claim(
    name: str, index: int, cell: Cell, spans: tuple[Span, ...] | None, text: str
) -> Claim:
    return Claim(
        name, index, cell.column, spans, cell.page, cell.line_start, cell.line_end, text
    )


def _meets(claim: Claim, spans: tuple[Span, ...]) -> bool:
    if claim.column is None or claim.spans is None:
        return True
    return any(a < d and c < b for a, b in spans for c, d in claim.spans)


def _rest(text: str, claims: Sequence[Claim]) -> tuple[Span, ...]:
    """The ranges of `text` outside the spans of `claims`, trimmed, that hold
    some text."""
    taken = sorted(s for c in claims for s in c.spans or ())
    return tuple(
        _trimmed(text, s)
        for s in _complement(taken, len(text))
        if text[s[0] : s[1]].strip()
    )


def _trimmed(text: str, span: Span) -> Span:
    """`span` without the spaces at its ends."""
    a, b = span
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _complement(taken: list[Span], length: int) -> tuple[Span, ...]:
    """The ranges of [0, length) outside `taken`."""
    out: list[Span] = []
    at = 0
    for a, b in taken:
        if a > at:
            out.append((at, a))
        at = max(at, b)
    if at < length:
        out.append((at, length))
    return tuple(out)


def claim_lines(
    claims: Claims,
    name: str,
    rows: Sequence[Row],
    start: int,
    page: int | None,
    line_start: int,
    line_end: int,
) -> None:
    """Claim what is left of every row from `rows[start]` on that lies within
    the printed lines `line_start`-`line_end` of `page` (an action that runs
    over several rows, a statement's sentence)."""
    within = []
    for i in range(start, len(rows)):
        row = rows[i]
        if row.page != page or row.line_start > line_end:
            break
        if row.line_end >= line_start:
            within.append(i)
    claims.take_rest_of_rows(name, rows, within)
