"""Counts in reading-order text, where a quarter's cell is a paragraph of its
own: "Q1 - 15 on going cases, 6 closed cases 2 x Council referrals …" after
that quarter's rolling block, or "Q1 24 Individuals from Cannock Chase District
reported approx. 120 incidents, … 1 Religion 2 Sexual Orientation …".

A cell is read only when it opens with its quarter and holds labelled counts.
The indicator is the name printed with its data source ("ASB – Number of
referrals to ASB Champion – Victim Support data") nearest before the row's
cells, else the first after them: in reading order a row's name can follow
its cells. pdftotext prints a name and the first cell on one line when they
share a baseline ("… Victim Support data Q1 - 15 on going cases …",
samples/text/001_4e0ea328a26b8980-plain.txt line 293): that cell's name is the
one printed before its quarter.

A cell goes on in the lines printed right under it (no blank line between:
one pdftotext block), though the paragraph reader ends a paragraph at a line
that reads as a numbered heading ("17 Race", samples/text/000…-plain.txt line
208). A row continued below its quarter cells ("<p>6 x Self referrals …</p>",
one a cell, samples/text/001…-plain.txt lines 299-303) prints those cells left
to right as it printed the quarters: paragraphs of counts right after a row
whose name is printed before it, exactly as many as its quarter cells, are read
into them in order. Where a wrapped name and the first cell share baselines,
pdftotext prints them side by side line by line: a cell that opens a `<p>`
after the name's first words takes the name that ends with its data source
alone on a line below (samples/text/001…-plain.txt lines 305-310). A cell
that prints another quarter's label (columns shredded into one paragraph) is
not read. Any other paragraph of counts is left unclaimed, and so reported as
an `unparsed_block`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from extract.blocks import Blocks
from extract.blocks.paragraphs import Paragraph, cell_of
from extract.context import Context
from extract.recognisers.breakdowns.counted import QUARTER_PREFIX, counted
from extract.recognisers.rolling12.reading_order import QUARTER_CELL
from extract.records import Breakdown, IssueRow
from normalise.counts import Ambiguous, Count, read_counts
from normalise.indicators import (
    GOES_ON,
    NAME_END,
    ROLLING_NAME,
    SOURCE_END,
    split_indicators,
)
from normalise.patterns import compiled
from normalise.registry import match as registry_match

# Words of another column printed into a name's lines ("Hate Crime – Number of
# self Increase (11) Q1 24 Individuals …", samples/text/001…-plain.txt line
# 306): a quarter label or a bracketed figure is no part of an indicator's name.
# A quarter's cell prints a few words after its label at least; a column's
# label ("Quarter 1", "Q1 Rating") one at most.
CELL_WORDS = 3
INTRODUCES = compiled(r":\s*$")
ROLLING_BLOCK = compiled(r"\b(?:previous|last)\s+12\s+months\b", re.IGNORECASE)
NOT_A_NAME = compiled(r"\bQ[1-4]\b|\(\s*[-+]?\d")
# How far a row's name can sit from its cells, in paragraphs.
NAME_WINDOW = 8
# A cell continued below its row opens with a count ("6 x Self referrals").
OPENS_WITH_COUNT = compiled(r"^\d")
# A quarter opening a cell of counts after other words on its line ("… Number
# of self Q1 24 Individuals from …").
INNER_QUARTER = compiled(r"(?<!\S)Q[1-4]\s*[-\u2013:]?\s*(?=\d)", re.IGNORECASE)
# The same opening a paragraph of the cell's markup as printed ("… self
# Increase (11)</p> <p>Q1 24 Individuals").
OPENED_QUARTER = compiled(r"<p>\s*Q[1-4]\s*[-\u2013:]?\s*\d", re.IGNORECASE)
# Another quarter's label opening a cell or a rolling block inside a cell's
# text ("Q1 (24.07.17) Q2 (10.10.17)" / … "Q1 - 15 on Q2 – 13 on", a
# paragraph of shredded columns, tests/fixtures/writerborderlesstext/000…-plain
# .txt lines 95-187): which quarter its counts are cannot be told.
OTHER_QUARTER = compiled(
    r"(?<!\S)Q(?P<q>[1-4])\s*(?:[-\u2013:]\s*)?\(?\d", re.IGNORECASE
)
# How many lines a name goes on alone after the line its cell opens on.
NAME_TAIL_LINES = 2


@dataclass(frozen=True, slots=True)
class QuarterCell:
    """A cell that opens with a quarter and prints labelled counts: its
    paragraphs (`at` the first, `end` one past the last), and the name printed
    before its quarter in its first paragraph, if any."""

    at: int
    end: int
    quarter: str
    read: tuple[list[Count], list[Ambiguous]]
    name: str | None = None


def read(blocks: Blocks, ctx: Context, name: str) -> Iterator[Breakdown | IssueRow]:
    """The counts of the quarter cells of every reading-order table. Text
    whose cells run on from line to line (`pdftotext -raw`) has no paragraph
    a cell: `breakdowns.run_on` reads it."""
    if blocks.runs_on:
        return
    paras = [p for p in blocks.paragraphs if p.row_index in blocks.reading_rows]
    cells = _quarter_cells(blocks, name, paras)
    used: set[int] = set()
    groups = list(_groups(cells))
    for n, group in enumerate(groups):
        # Rows after this one that print no name with their cells: as many
        # names printed ahead of this row's cells may be theirs.
        later = sum(1 for g in groups[n + 1 :] if g[0].name is None)
        indicator, before = _indicator(blocks, name, paras, group, used, later)
        if indicator is None:
            continue
        below = _below(blocks, name, paras, group) if before else []
        for c in group:
            yield from _counted(
                blocks, ctx, name, indicator, c.quarter, paras[c.at : c.end], c.read
            )
        for c, k in zip(group, below, strict=False):
            text = _free_text(blocks, name, paras[k])
            yield from _counted(
                blocks, ctx, name, indicator, c.quarter, [paras[k]], read_counts(text)
            )


def _counted(
    blocks: Blocks,
    ctx: Context,
    name: str,
    indicator: str,
    quarter: str,
    cell: Sequence[Paragraph],
    read: tuple[list[Count], list[Ambiguous]],
) -> Iterator[Breakdown | IssueRow]:
    """The rows of a cell's counts, once its paragraphs are claimed."""
    rows = [i for para in cell for i in para.rows]
    if blocks.claims.take_rest_of_rows(name, blocks.doc.rows, rows):
        yield from counted(
            blocks.doc, ctx, cell[0].row_index, indicator, quarter, cell_of(cell), read
        )


def _quarter_cells(
    blocks: Blocks, name: str, paras: Sequence[Paragraph]
) -> list[QuarterCell]:
    out: list[QuarterCell] = []
    k = 0
    while k < len(paras):
        cell = _quarter_cell(blocks, name, paras, k)
        if cell is None:
            k += 1
            continue
        out.append(cell)
        k = cell.end
    return out


def _quarter_cell(
    blocks: Blocks, name: str, paras: Sequence[Paragraph], k: int
) -> QuarterCell | None:
    rows = blocks.doc.rows
    if not any(
        "Q" in rows[i].cells[0].flat or "q" in rows[i].cells[0].flat
        for i in paras[k].rows
        if rows[i].cells
    ):
        # A quarter label opens with Q or q whichever way it is printed.
        return None
    own, text = _own_name(_free_text(blocks, name, paras[k]))
    if QUARTER_PREFIX.match(text) is None and (
        beside := _beside_name(blocks, name, paras[k])
    ):
        own, text = beside
    m = QUARTER_PREFIX.match(text)
    if m is None:
        return None
    end = _run_on(blocks, name, paras, k)
    rest = [_free_text(blocks, name, p) for p in paras[k + 1 : end]]
    cell = " ".join([text[m.end() :], *rest])
    quarter = f"Q{m['q']}"
    if any(q["q"] != m["q"] for q in OTHER_QUARTER.finditer(cell)):
        return None
    counts, ambiguous = read_counts(cell)
    if not counts:
        return None
    return QuarterCell(k, end, quarter, (counts, ambiguous), own)


def _own_name(text: str) -> tuple[str | None, str]:
    """A counted name printed before the quarter that opens the cell ("… –
    Victim Support data Q1 - 15 on going cases …"), and the cell's text."""
    for m in NAME_END.finditer(text):
        rest = text[m.end() :].lstrip()
        if QUARTER_PREFIX.match(rest):
            names = split_indicators(text[: m.end()])
            if names and is_counted_name(names[-1]):
                return names[-1], rest
    return None, text


def _beside_name(blocks: Blocks, name: str, para: Paragraph) -> tuple[str, str] | None:
    """A counted name and the cell of counts pdftotext printed beside it line
    by line, where they share baselines: the cell opens a paragraph of its
    markup after the name's first words on a line, and the name ends with its
    data source alone on a line below before the cell goes on ("… Hate Crime –
    Number of self Increase (11)</p> <p>Q1 24 Individuals from …, The" /
    "referrals to CACH – CACH data agreements</p>" / "motivation behind …",
    samples/text/001_4e0ea328a26b8980-plain.txt lines 306-308). The name and
    the cell's text, else None."""
    raw = _raw_lines(blocks, para)
    if not any(OPENED_QUARTER.search(line) for line in raw):
        return None
    lines = _free_lines(blocks, name, para)
    for n, line in enumerate(lines):
        m = INNER_QUARTER.search(line)
        if m is None or not m.start():
            continue
        if not OPENED_QUARTER.search(raw[n]):
            return None
        heads = split_indicators(" ".join([*lines[:n], line[: m.start()]]))
        if not heads or SOURCE_END.search(heads[-1]):
            return None
        for end in range(n + 1, min(len(lines), n + 1 + NAME_TAIL_LINES)):
            tail = lines[end]
            if read_counts(tail)[0] or INNER_QUARTER.search(tail):
                return None
            if not any(e.end() == len(tail) for e in NAME_END.finditer(tail)):
                continue
            own = " ".join([heads[-1], *lines[n + 1 : end + 1]])
            if split_indicators(own) != [own] or not is_counted_name(own):
                return None
            return own, " ".join([line[m.start() :], *lines[end + 1 :]])
        return None
    return None


def _run_on(blocks: Blocks, name: str, paras: Sequence[Paragraph], k: int) -> int:
    """One past the last paragraph of the cell starting at `paras[k]`: the
    paragraphs printed on the lines right under it, up to a quarter or a name."""
    end = k + 1
    while end < len(paras) and _adjacent(paras[end - 1], paras[end]):
        text = _free_text(blocks, name, paras[end])
        if not text or QUARTER_PREFIX.match(text) or _own_name(text)[0]:
            break
        if any(is_counted_name(n) for n in split_indicators(text)):
            break
        end += 1
    return end


def _adjacent(above: Paragraph, below: Paragraph) -> bool:
    """Whether `below` is printed on the line right after `above`."""
    last, first = above.pieces[-1], below.pieces[0]
    return last.page == first.page and first.line_start == last.line_end + 1


def _below(
    blocks: Blocks, name: str, paras: Sequence[Paragraph], group: Sequence[QuarterCell]
) -> list[int]:
    """The paragraphs that continue `group`'s cells below them: paragraphs of
    counts opening with a count, right after the last cell, as many as the
    cells, each counting no category its cell counts (the cells of a next row
    would count them again), the paragraph after them no name of a row printed
    after its cells; else none."""
    found: list[int] = []
    k = group[-1].end
    while k < len(paras) and len(found) <= len(group):
        text = _free_text(blocks, name, paras[k])
        counts = read_counts(text)[0]
        if (
            not OPENS_WITH_COUNT.match(text)
            or QUARTER_PREFIX.match(text)
            or not counts
            or any(blocks.claims.held_by_others(name, i) for i in paras[k].rows)
        ):
            break
        if len(found) < len(group) and categories(counts) & categories(
            group[len(found)].read[0]
        ):
            return []
        found.append(k)
        k += 1
    if len(found) != len(group):
        return []
    if k < len(paras) and _counted_name(blocks, name, paras[k]) is not None:
        return []
    return found


def categories(counts: Sequence[Count]) -> set[tuple[str, str]]:
    return {(c.dimension, c.category) for c in counts}


def _free_text(blocks: Blocks, name: str, para: Paragraph) -> str:
    """The paragraph without the parts other recognisers claimed."""
    return " ".join(" ".join(_free_lines(blocks, name, para)).split())


def _free_lines(blocks: Blocks, name: str, para: Paragraph) -> list[str]:
    """Each of the paragraph's lines without the parts other recognisers
    claimed."""
    rows = blocks.doc.rows
    return [
        " ".join(blocks.claims.free_text(name, i, rows[i].cells[0]).split())
        for i in para.rows
        if rows[i].cells
    ]


def _raw_lines(blocks: Blocks, para: Paragraph) -> list[str]:
    """The paragraph's lines as printed, markup and all."""
    rows = blocks.doc.rows
    return [rows[i].cells[0].raw for i in para.rows if rows[i].cells]


def _groups(cells: Sequence[QuarterCell]) -> Iterator[list[QuarterCell]]:
    """Runs of quarter cells of one row: quarters rising, paragraphs close, a
    cell printed with its name the first of its row."""
    group: list[QuarterCell] = []
    for c in cells:
        if group and (
            c.quarter <= group[-1].quarter or c.at > group[-1].end + 1 or c.name
        ):
            yield group
            group = []
        group.append(c)
    if group:
        yield group


def _indicator(
    blocks: Blocks,
    name: str,
    paras: Sequence[Paragraph],
    group: Sequence[QuarterCell],
    used: set[int],
    later: int = 0,
) -> tuple[str | None, bool]:
    """The row's name, and whether it is printed before its cells; `later`
    rows after it may take names printed ahead of its cells."""
    first, last = group[0].at, group[-1].end - 1
    if group[0].name is not None:
        used.add(first)
        return group[0].name, True
    before = range(first - 1, max(-1, first - 1 - NAME_WINDOW), -1)
    after = range(last + 1, min(len(paras), last + 1 + NAME_WINDOW))
    for window, is_before in ((before, True), (after, False)):
        for k in window:
            if k in used:
                continue
            if (found := _counted_name(blocks, name, paras[k])) is not None:
                if is_before and _quarter_printed(
                    blocks, name, paras[k + 1 : first], group[0].quarter
                ):
                    # Its own cell or a lead-in to these counts: whose they
                    # are cannot be told, so they are left, and reported.
                    return None, False
                if is_before:
                    k, found = _first_of_names(
                        blocks, name, paras, (k, found), used, (before[-1], later)
                    )
                used.add(k)
                return found, is_before
    return None, False


def _quarter_printed(
    blocks: Blocks, name: str, between: Sequence[Paragraph], quarter: str
) -> bool:
    """Whether a paragraph between a name and a row's cells opens with the
    row's first quarter and holds no counts read: the named row's own cell
    of that quarter ("Q1 - Victim Support figures were not received …"
    under "ASB – … Victim Support"), or words that lead into the cells
    ("… the figures for the quarter are shown below."). Whose the cells are
    then cannot be told: another row's, named after them ("Q1 24
    Individuals …" before "… CACH data agreements"), or that row's. A dated
    cell ("Q1 (24.07.18) Police figures were not available …") is a rolling
    row's; one ending on a colon ("Q1 - … figures are as follows:") leads
    into the cells."""
    for para in between:
        text = _free_text(blocks, name, para)
        m = QUARTER_PREFIX.match(text)
        if m is not None and f"Q{m['q']}" == quarter and not QUARTER_CELL.match(text):
            rest = text[m.end() :]
            # Words of a cell, not a column's label ("Quarter 1", "Q1 Rating")
            # nor a rolling block left unread (v033_000 plain's "Q1 (24.07.14)
            # Previous 12 months = 5,706 …").
            if (
                len(rest.split()) >= CELL_WORDS
                and ROLLING_BLOCK.search(rest) is None
                and not INTRODUCES.search(rest)
                and not read_counts(rest)[0]
            ):
                return True
    return False


def _first_of_names(
    blocks: Blocks,
    name: str,
    paras: Sequence[Paragraph],
    nearest: tuple[int, str],
    used: set[int],
    reach: tuple[int, int],
) -> tuple[int, str]:
    """The first of the names printed one after another up to the nearest
    before a row's cells (`nearest`: its paragraph and name): rows' names
    that pdftotext prints ahead of their cells are printed in the rows'
    order, so the first row's cells take the first ("ASB – … Victim Support
    data", then "<p>Hate Crime Incidents …</p> <p>Hate Crime – … CACH data
    agreements</p>", then the ASB row's cells: a ruled PDF's reading-order
    text where the names share no line with a cell). `reach` is the first
    paragraph a name may be in and how many rows after this one print no
    name of their own: a name passed over is one of theirs, so no more are
    passed over than there are such rows."""
    k, found = nearest
    first, later = reach
    while later and k - 1 >= first and k - 1 not in used:
        earlier = _counted_name(blocks, name, paras[k - 1])
        if earlier is None or _free_text(blocks, name, paras[k - 1]) != earlier:
            break
        k, found, later = k - 1, earlier, later - 1
    return k, found


def _counted_name(blocks: Blocks, name: str, para: Paragraph) -> str | None:
    """The name of a counted indicator a paragraph prints with its data source
    ("… – Victim Support data"), not a rolling "Over Time" measure; or a
    paragraph that is a registered counted indicator's name alone, printed
    without its source ("ASB – Number of referrals to ASB Champion – Victim
    Support", consistency fuzz v021_001: its cells had taken the next row's
    name, printed after them)."""
    text = _free_text(blocks, name, para)
    if not SOURCE_END.search(text):
        return text.strip() if _registered_counted(text) else None
    names = split_indicators(text)
    # A name its next words go on from ("For information only, data" /
    # "provided by Staffs Police.") is a sentence's words, not a name ending
    # with its data source.
    counted_names = [
        n
        for n, after in zip(names, [*names[1:], ""], strict=False)
        if is_counted_name(n) and not GOES_ON.match(after)
    ]
    return counted_names[-1] if counted_names else None


def _registered_counted(text: str) -> bool:
    """A registered counted indicator's name, whole, without its data source."""
    if ROLLING_NAME.search(text) or NOT_A_NAME.search(text):
        return False
    found = registry_match(" ".join(text.split()))
    return found.known and is_counted_name(found.name)


def is_counted_name(text: str) -> bool:
    return bool(
        SOURCE_END.search(text)
        and not ROLLING_NAME.search(text)
        and not NOT_A_NAME.search(text)
    )
