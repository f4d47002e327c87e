"""Summary grids in reading-order text: pdftotext without -layout prints a
grid's status labels one after another, then its values one after another,
each a paragraph: "Project completed", …, "Project aborted/ closed", then
"Performance Indicators", "-" five times, "Actions", "0 0%", "2 100%", …
(samples/text/003_23ba67851198ff7c-plain.txt lines 73-107).

A grid is read only when its shape is certain: every label a paragraph of
its own, at least three different statuses, then rows of exactly one value
per label (a row's period, its scope or both printed before it: "Quarter 1",
"Actions", "1", "3", "0"; or counts then percents), and no value left over.

"No Rating" or "TOTAL" printed on the line above the other labels heads the
last column, the one the label line leaves without a label (samples/000 and
002). pdftotext prints it first, on the line before the first label in the
same paragraph, under any title lines: "Quarter Four (…)", "Performance",
"TOTAL", "Milestone completed" (samples/text/002_c2fd677fd2d5bf7c-plain.txt
lines 5-8). Printed as a paragraph of its own before the others, it could head
any column: such a grid is left unread, and so reported as an `unparsed_block`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from extract.blocks import Blocks
from extract.blocks.paragraphs import Paragraph
from extract.document import Row
from extract.recognisers.status_summary.printed import (
    Value,
    is_title_text,
    prints_counts,
    read_value,
)
from normalise.counts import DIGIT
from normalise.status_rows import (
    is_period_label,
    period_words,
    scope_of,
)
from normalise.text import squash
from normalise.vocabulary import status_category as category_of

# A summary grid prints three statuses at least (see `printed.label_row`).
MIN_LABELS = 3
LAST = frozenset({"no_rating", "total"})


@dataclass(frozen=True, slots=True)
class Found:
    """A grid: its first label's row, labels by column, its rows of values as
    (provenance row, scope or None, values by column), and the rows of the
    document it is printed on, from its first label to its last value."""

    first: int
    labels: dict[int, str]
    rows: list[tuple[Row, str | None, dict[int, Value]]]
    members: tuple[int, ...]
    # The title lines above it, nearest first ("Quarter Four (…) Performance").
    titles: tuple[str, ...]
    # The period label printed before each row ("Quarter 1", "Year to date"),
    # "" where none is: the row is of the period above it, or the grid's.
    periods: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Opening:
    """The paragraph a grid's labels start in: the row of its first label line,
    the first column's label, and the labels printed on the line above it."""

    first: int
    label: str
    above: tuple[str, ...]


def grids(blocks: Blocks, name: str) -> Iterator[Found]:
    """The summary grids of the document's reading-order tables."""
    for block in blocks.tables():
        if not block.reading_order:
            continue
        members = set(block.rows)
        printed = [p for p in blocks.paragraphs if p.row_index in members]
        paras = [p for p in printed if not p.page_footer]
        footers = [i for p in printed if p.page_footer for i in p.rows]
        k = 0
        while k < len(paras):
            found, k = _grid(paras, k)
            if found is None:
                continue
            # A footer printed between the grid's values is part of it.
            top, end = found.members[0], found.members[-1]
            inside = [i for i in footers if top < i < end]
            found = replace(found, members=tuple(sorted((*found.members, *inside))))
            if not any(blocks.claims.held_by_others(name, i) for i in found.members):
                yield found


def _lines(para: Paragraph) -> list[str]:
    return [squash(line) for line in para.lines]


def _labels_in(para: Paragraph) -> set[str]:
    """The statuses the lines of a paragraph name, each line on its own or
    all together (a label wrapped at any word: "Action on" / "target")."""
    lines = _lines(para)
    named = {c for line in lines if (c := category_of(line)) is not None}
    if len(lines) > 1 and (whole := category_of(" ".join(lines))) is not None:
        named.add(whole)
    return named


def _in_labels(paras: Sequence[Paragraph], k: int) -> bool:
    """Whether `paras[k]` stands inside a run of labels: after a label, or
    after a paragraph without a figure that follows one (a label that names
    no status, "Delayed", or a label's wrapped tail, "Alterations considered
    by leadership team"). A grid read from there would put each count a
    column or more along."""
    if k > 0 and _labels_in(paras[k - 1]):
        return True
    return (
        k > 1 and not DIGIT.search(paras[k - 1].text) and bool(_labels_in(paras[k - 2]))
    )


def _opening(para: Paragraph) -> _Opening | None:
    """The labels `para` opens a grid with: one label, or title lines, then
    "TOTAL" or "No Rating" on lines of their own, then the first label."""
    if _is_label(para):
        return _Opening(para.row_index, squash(para.text), ())
    lines = _lines(para)
    categories = [category_of(line) for line in lines]
    top = next((n for n, c in enumerate(categories) if c is not None), len(lines))
    under = top
    while under < len(lines) and categories[under] in LAST:
        under += 1
    if (
        under == top
        or under == len(lines)
        or categories[under] is None
        or any(c is not None for c in categories[under + 1 :])
    ):
        return None
    label = " ".join(lines[under:])
    if category_of(label) != categories[under]:
        return None
    return _Opening(para.row_index + top, label, tuple(lines[top:under]))


def _grid(paras: Sequence[Paragraph], k: int) -> tuple[Found | None, int]:
    """The grid whose labels start at `paras[k]`, and where to look next."""
    opening = _opening(paras[k])
    if opening is None or _in_labels(paras, k):
        return None, k + 1
    j = k + 1
    while j < len(paras) and _is_label(paras[j]):
        j += 1
    printed = [opening.label, *(squash(p.text) for p in paras[k + 1 : j])]
    labels = printed + list(opening.above)
    categories = [category_of(t) for t in labels]
    # "No Rating" and "TOTAL" head the last columns: printed in a paragraph of
    # their own before a status, they could head any column.
    spilt = [c in LAST for c in categories[: len(printed)]]
    if (
        len(labels) < MIN_LABELS
        or len(set(categories)) != len(categories)
        or spilt != sorted(spilt)
    ):
        return None, max(j, k + 1)
    n = len(labels)
    rows: list[tuple[Row, str | None, dict[int, Value]]] = []
    periods: list[str] = []
    while j < len(paras):
        start, period, scope = j, "", None
        label = squash(paras[j].text)
        if is_period_label(label):
            period, j = label, j + 1
        text = squash(paras[j].text) if j < len(paras) else ""
        if (named := scope_of(text)) is not None and not DIGIT.search(text):
            scope, j = named, j + 1
        values = [
            v for p in paras[j : j + n] if (v := read_value(squash(p.text))) is not None
        ]
        if period and _heads_what_follows(values, n, rows, periods, period):
            # A period label with no row of counts under it heads what
            # follows (the next table's "Q1"), not a row of this grid.
            j = start
            break
        if len(values) < n:
            if scope is not None:
                return None, j
            break
        rows.append((_row(paras[j : j + n]), scope, dict(enumerate(values))))
        periods.append(period)
        j += n
    if (
        not rows
        or (j < len(paras) and read_value(squash(paras[j].text)))
        or not _adds_up(categories, rows)
    ):
        return None, j
    members = tuple(i for p in paras[k:j] for i in p.rows if i >= opening.first)
    titles = _titles(paras, k, opening)
    found = Found(
        opening.first, dict(enumerate(labels)), rows, members, titles, tuple(periods)
    )
    return found, j


def _heads_what_follows(
    values: Sequence[Value],
    n: int,
    rows: Sequence[tuple[Row, str | None, dict[int, Value]]],
    periods: Sequence[str],
    period: str,
) -> bool:
    """Whether a period label (`period`) printed after a grid's rows heads
    what follows rather than a row of the grid: no row of `n` values under
    it, or a row of shares alone under counts of another period ("Q1",
    "95%", "96%", "97%": a KPI's values by quarter; not "Q2 %" under "Q2
    No.", the counts' shares)."""
    if len(values) < n:
        return True
    return (
        bool(rows)
        and not prints_counts(values)
        and prints_counts(rows[-1][2].values())
        and period_words(period) != period_words(periods[-1])
    )


def _titles(paras: Sequence[Paragraph], k: int, opening: _Opening) -> tuple[str, ...]:
    """The titles of the grid opening at `paras[k]`, nearest first: its title
    lines over the labels, one title ("Quarter Four (1 January 2019 - 31 March
    2019)", "Performance"), then the paragraph before it when that is one title
    line ("Summary of Progress in Delivering Projects/Actions:"). A cell of
    the table above can print a quarter ("Q4 – There has been a delay"), so
    nothing further up is read."""
    over = _lines(paras[k])[: opening.first - paras[k].row_index]
    titles = [" ".join(over)] if over else []
    before = paras[k - 1] if k > 0 else None
    if before is not None and len(before.pieces) == 1 and is_title_text(before.text):
        titles.append(squash(before.text))
    return tuple(titles)


def _adds_up(
    categories: Sequence[str | None],
    rows: Sequence[tuple[Row, str | None, dict[int, Value]]],
) -> bool:
    """Whether a TOTAL column's counts are the sum of the others', where both
    are printed: the column a TOTAL printed above the labels heads is then
    certain."""
    if "total" not in categories:
        return True
    at = categories.index("total")
    for _, _, values in rows:
        total = values[at].count
        counts = [v.count for col, v in values.items() if col != at]
        parts = [c for c in counts if c is not None]
        if total is not None and len(parts) == len(counts) and sum(parts) != total:
            return False
    return True


def _is_label(para: Paragraph) -> bool:
    """A paragraph that is one status label (not two printed on one line run:
    "No Rating" / "Project completed")."""
    return category_of(squash(para.text)) is not None and len(_labels_in(para)) <= 1


def _row(paras: Sequence[Paragraph]) -> Row:
    """The printed lines a row of values takes, as a row for provenance."""
    pieces = [piece for p in paras for piece in p.pieces]
    page = pieces[0].page
    on_page = [piece for piece in pieces if piece.page == page]
    return Row(
        (),
        page,
        min(p.line_start for p in on_page),
        max(p.line_end for p in on_page),
        tabbed=True,
    )
