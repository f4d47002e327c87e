"""Whether a row of quarter cells prints its parts in quarter order: where a
cell wraps apart from the others, a later quarter's date, caption end or
figures print before an earlier one's, and which figure is whose is not
certain (`rolling12.arithmetic` reads a row only where they are in order)."""

from __future__ import annotations

import re
from collections import Counter

from extract.recognisers.rolling12.row_tokens import Printed, Reading, Token

# The "12" of a caption: "Previous 12", "12 Months =".
TWELVE = re.compile(r"\b12\b")
# Tokens of one cell printed one right after the other: a caption and its
# "months =", that and its figure, a figure and the caption after it ("5,673
# Last 12"; a caption's figure printed after it without "months =" may be the
# next cell's: "Last 12 5,828").
CELL_LINKS = frozenset(
    {
        ("previous", "months"),
        ("last", "months"),
        ("months", "total"),
        ("total", "previous"),
        ("total", "last"),
    }
)


def in_quarter_order(row: Printed, reading: Reading, labels: list[str]) -> bool:
    """Whether the row prints its parts in quarter order: the k-th caption
    of each kind, and the figures read as the k-th quarter's, on no line
    another quarter's label or date heads; the quarters' previous totals
    one after another, their last totals too; and each total printed right
    after its caption's "months =" on one line ("Previous 12 months = 88")
    that caption's quarter's. A cell wrapped apart from the others prints
    out of turn, and then which figure is whose is not certain."""
    previous = [a for a, _, _ in reading]
    last = [b for _, b, _ in reading]
    if previous != sorted(previous) or last != sorted(last):
        return False
    heads = _line_quarters(row, labels)
    seen: Counter[str] = Counter()
    for k, t in enumerate(row.tokens):
        if t.kind in ("previous", "last"):
            j = seen[t.kind]
            seen[t.kind] += 1
            if heads[k] is not None and j < len(labels) and heads[k] != labels[j]:
                return False
    if not _cells_agree(row, reading):
        return False
    own = _endings(row)
    for k, (a, b, _) in enumerate(reading):
        for at, kind in ((a, "previous"), (b, "last")):
            if at in own and own[at] != (kind, k):
                return False
            if heads[at] is not None and heads[at] != labels[k]:
                return False
    return True


def _line_quarters(row: Printed, labels: list[str]) -> list[str | None]:
    """For each token, the quarter whose label or date heads it on its line
    (the nearest before it there), or None. The k-th date is the k-th
    quarter's (`_dates` reads only rows that print them so)."""
    out: list[str | None] = []
    head: str | None = None
    line = -1
    dates = 0
    cells = _cells_by_token(row, len(labels))
    for k, t in enumerate(row.tokens):
        if t.line != line:
            head, line = None, t.line
        cell = cells[k]
        if cell is not None:
            out.append(labels[cell])
            continue
        if t.kind == "quarter" and t.text.upper() in labels:
            head = t.text.upper()
        elif t.kind == "date":
            head = labels[dates] if dates < len(labels) else None
            dates += 1
        out.append(head)
    return out


def _linked(before: Token, token: Token) -> bool:
    """Whether two tokens printed one right after the other are of one cell
    (CELL_LINKS; a figure after a "months" whose "=" another line prints
    may be the next cell's)."""
    if (before.kind, token.kind) not in CELL_LINKS:
        return False
    return before.kind != "months" or token.kind != "total" or says(before)


def says(months: Token) -> bool:
    """Whether a caption's "months" prints its "=" (or ":")."""
    return "=" in months.text or ":" in months.text


def _cells_agree(row: Printed, reading: Reading) -> bool:
    """Whether the tokens each run of one cell's tokens links (CELL_LINKS)
    are of one quarter: the k-th caption of each kind the k-th quarter's,
    each figure read the quarter it is read for."""
    quarter: dict[int, int] = {}
    seen: Counter[str] = Counter()
    for k, t in enumerate(row.tokens):
        if t.kind in ("previous", "last"):
            quarter[k] = seen[t.kind]
            seen[t.kind] += 1
    for q, (a, b, _) in enumerate(reading):
        quarter[a] = quarter[b] = q
    run: set[int] = set()
    for k, t in enumerate(row.tokens):
        before = row.tokens[k - 1] if k else None
        if not (t.follows and before and _linked(before, t)):
            run = set()
        if k in quarter:
            run.add(quarter[k])
            if len(run) > 1:
                return False
    return True


def caption_ends(row: Printed) -> tuple[list[str], list[int | None]]:
    """The kinds of the row's total captions in print order, and for each
    token the caption a "months" ends (its place among them): the caption
    right before it on its line, else the oldest not yet ended; none for a
    change's own ("Change over 12 Months =", on its line or wrapped to the
    next: a "12 Months =" cannot end a "Previous 12", which prints its 12)
    or any other token."""
    kinds: list[str] = []
    twelve: list[bool] = []
    ended: list[bool] = []
    ends: list[int | None] = []
    for k, t in enumerate(row.tokens):
        before = row.tokens[k - 1] if k else None
        at: int | None = None
        if t.kind in ("previous", "last"):
            kinds.append(t.kind)
            twelve.append(TWELVE.search(t.text) is not None)
            ended.append(False)
        elif t.kind == "months" and not (
            t.follows and before is not None and before.kind in ("change", "twelve")
        ):
            if t.follows and before is not None and before.kind in ("previous", "last"):
                at = len(kinds) - 1
            else:
                at = next((i for i, done in enumerate(ended) if not done), None)
            if at is not None and twelve[at] and TWELVE.search(t.text):
                at = None
            if at is not None:
                ended[at] = True
        ends.append(at)
    return kinds, ends


def own_caption(row: Printed, ends: list[int | None], k: int) -> int | None:
    """The caption whose "months =" total `k` is printed right after on its
    line (`Token.follows`), or None."""
    before = row.tokens[k - 1] if k else None
    if before is None or before.kind != "months" or not row.tokens[k].follows:
        return None
    return ends[k - 1] if says(before) else None


def runs_ahead(row: Printed) -> bool:
    """Whether a cell runs ahead of one before it: a caption's "months"
    printed right after it while an earlier caption of its kind still waits
    for its own ("(24.07.17) Previous 12" / "(10.10.17) Previous 12 months
    =" / "months ="). Then the later cell's figures come first, and no
    order of print tells the quarters."""
    kinds, ends = caption_ends(row)
    ended = [False] * len(kinds)
    for at in ends:
        if at is None:
            continue
        if any(kinds[i] == kinds[at] and not ended[i] for i in range(at)):
            return True
        ended[at] = True
    return False


def _cells_by_token(row: Printed, n: int) -> list[int | None]:
    """For each token of a line set in exactly n parts a column's gap (two
    spaces or more) apart, the part it is in: a `-layout` line that prints
    every quarter's cell; None elsewhere."""
    return [t.part if t.parts == n else None for t in row.tokens]


def _endings(row: Printed) -> dict[int, tuple[str, int]]:
    """The totals printed right after a "months =" (`own_caption`), by
    token: the kind of the caption that "months =" ends and its place among
    the captions of its kind."""
    kinds, ends = caption_ends(row)
    out: dict[int, tuple[str, int]] = {}
    for k, t in enumerate(row.tokens):
        if t.kind == "total" and (at := own_caption(row, ends, k)) is not None:
            out[k] = (kinds[at], kinds[:at].count(kinds[at]))
    return out
