"""Quarter blocks in reading-order text: pdftotext without -layout, or text
copied from a PDF viewer, where every table cell is a paragraph of its own.

A block sits whole in one paragraph ("Q1 (24.07.17) Previous 12" / "months =
5,673 Last 12" / …), or a row's cells come interleaved line by line
(samples/text/000_af055924f554b2ff-plain.txt lines 153-185: "Q1 (24.07.17)",
"Q2 (10.10.17)", … then "Previous 12" four times, "months = 89", "months =
88", …), read back into their quarters. The indicator is the rolling name
printed before the blocks in their own paragraph, else the nearest unused one
before them, else, for a row of blocks, the first after them: in reading order
a row's name can follow its cells.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from extract.blocks import Blocks
from extract.blocks.paragraphs import Paragraph, cell_of
from extract.blocks.reading_order import is_column_label
from extract.document import Row
from extract.recognisers.rolling12.quarter_blocks import (
    ANCHOR,
    CHANGE,
    DIRECTION,
    DIRECTIONS,
    LAST,
    LINE_WORDS,
    MATCH_TIMEOUT,
    PREVIOUS,
    Block,
    Found,
    blocks_in,
    change_problems,
)
from normalise.indicators import ROLLING_NAME, split_indicators
from normalise.numbers import parse_int, parse_number
from normalise.patterns import compiled
from normalise.registry import begins_name, opens_with_name
from normalise.registry import match as registry_match

# The later lines of an interleaved quarter cell: "Previous 12", "months = 89",
# "Last 12 months = 100", "Change over 12 Months = 12%", "= 2,957", "(222)".
FRAGMENT = compiled(
    rf"^(?:{LINE_WORDS}|\(?\s*[-+\u2013]?\s*\d)",
    re.IGNORECASE,
)
# A dated quarter cell ("Q1 (24.07.17) Previous 12"): the cells of another row,
# read or not, lie between a block and any name past them.
QUARTER_CELL = compiled(r"^Q[1-4]\s*\(\s*\d", re.IGNORECASE)
# How long a name printed before its block in the same paragraph can be.
NAME_CHARS = 160
DIGIT = compiled(r"\d")
# How far a row's name can sit from its cells, in paragraphs.
NAME_WINDOW = 12
# The short lines that name nothing ("Quarter 1", a page's running lines) a
# row's name may stand past from the name before it.
FILLER_PARAGRAPHS = 3
FILLER_CHARS = 80
# A part of an interleaved name column: "Over Time", "(Variation) – Police data".
NAME_PART_CHARS = 60
# The direction and difference a column printed a line later, past the words of
# the column beside it: "… 12%" / "Police data Hate Crime – Number of self
# Increase (11)" (samples/text/001_4e0ea328a26b8980-plain.txt lines 305-306).
LATE_CHANGE = compiled(
    rf"\b(?P<direction>{DIRECTION})\s*\(\s*(?P<abs>[+\-\u2013]?\s*[\d,]+)\s*\)",
    re.IGNORECASE,
)
LATE_CHANGE_CHARS = 80
# A quarter block's opening words where they end a name, or anywhere in a name
# that prints a block's "=": no part of an indicator's name ("Time (Variation)
# – Previous 12 months", "Over Previous 12 months Time … = 5,673"), where "ASB
# Incidents in the last 12 months Over Time" is one.
BLOCK_WORDS = compiled(
    r"\b(?:previous|last)\s+12\s+months\b(?:\s*$|.*=)", re.IGNORECASE
)
# A line that opens an HTML paragraph, or one that closes it: a cell's markup
# sets its names apart where reading order runs them into the cells before.
OPENS_PARAGRAPH = compiled(r"^\s*<(?:p|li)\b", re.IGNORECASE)
CLOSES_PARAGRAPH = compiled(r"</(?:p|li)>\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Doubt:
    """What `_name` gives a group of blocks whose row's name cannot be told,
    and why."""

    why: str


AFTER_TWO_NAMES = Doubt(
    "printed after two rows' names in reading order, either of which it may belong to"
)
NO_NAME = Doubt(
    "printed with no row's name before it, nor, for a row of blocks, after it"
)
AFTER_UNNAMED = Doubt(
    "printed after a row's name that follows another row's blocks without a "
    "name of their own: names may follow their blocks, so the name may be theirs"
)
ORDER_UNKNOWN = Doubt(
    "printed between two rows' names in reading order, in a report whose first "
    "block has a name only after it, so whether names precede or follow their "
    "blocks cannot be told"
)


def read(blocks: Blocks, name: str) -> tuple[list[Found], list[tuple[Found, str]]]:
    """Every quarter block of the prose paragraphs, each claimed by `name`, and
    the blocks left unread because two rows' names could be theirs, each with
    why."""
    paras = blocks.paragraphs
    by_row = {p.row_index: p for p in paras}
    groups = list(_groups(paras))
    used: set[int] = set()
    found: list[Found] = []
    doubtful: list[tuple[Found, str]] = []
    taken = {i for g in groups for i in range(g.first, g.last + 1)}
    unknown = _order_unknown(paras, groups, taken, blocks.doc.rows)
    # The paragraphs of the groups left without a name.
    unnamed: set[int] = set()
    for group in groups:
        indicator = _name(paras, group, taken, used, blocks.doc.rows, unknown, unnamed)
        if indicator is None:
            indicator = NO_NAME
        if isinstance(indicator, Doubt):
            doubtful.extend((f, indicator.why) for f in group.found)
            unnamed.update(range(group.first, group.last + 1))
            continue
        if group.interleaved:
            if _claim_lines(blocks, name, paras, group):
                found.extend(replace(f, indicator=indicator) for f in group.found)
            continue
        previous: Found | None = None
        for f in group.found:
            para = by_row[f.row_index]
            if previous is not None and f.quarter <= previous.quarter:
                # The quarters start again: another row, its name printed before
                # its first block in the same paragraph (text without blank
                # lines, as `pdftotext -raw` gives it).
                same = previous.row_index == f.row_index
                start = previous.block.start if same else 0
                indicator = (
                    _rolling_name(para, start, f.block.start, blocks.doc.rows)
                    or indicator
                )
            if _claim_spans(blocks, name, para, f):
                found.append(replace(f, indicator=indicator))
            previous = f
    return found, doubtful


@dataclass(frozen=True, slots=True)
class Group:
    """The quarter blocks of one printed row, and the paragraphs they fill."""

    first: int
    last: int
    found: tuple[Found, ...]
    # Name parts printed among interleaved cells, and the paragraphs they fill.
    name: str | None = None
    parts: tuple[int, ...] = ()
    interleaved: bool = False


def _groups(paras: Sequence[Paragraph]) -> Iterator[Group]:
    k = 0
    while k < len(paras):
        if _label_only(paras[k].text):
            group = _interleaved(paras, k)
            if group is not None:
                yield group
                k = group.last + 1
                continue
        if (in_turn := _lines_in_turn(paras[k], k)) is not None:
            yield in_turn
            k += 1
            continue
        first = k
        found: list[Found] = []
        while k < len(paras) and (here := _whole(paras[k], k)):
            found.extend(here)
            k += 1
        if found:
            yield Group(first, k - 1, tuple(found))
        else:
            k += 1


def _whole(para: Paragraph, k: int) -> list[Found]:
    """The blocks printed whole in one paragraph."""
    try:
        printed = blocks_in(para.text)
    except TimeoutError:
        return []
    if not printed:
        return []
    cell = cell_of([para])
    return [
        Found(_late_change(para.text, b), cell, "", para.row_index) for b in printed
    ]


def _interleaved(paras: Sequence[Paragraph], k: int) -> Group | None:
    """Quarter cells printed line by line across the row, from `paras[k]`."""
    labels = []
    j = k
    while j < len(paras) and _label_only(paras[j].text):
        labels.append(j)
        j += 1
    fragments: list[int] = []
    parts: list[int] = []
    while j < len(paras):
        text = paras[j].text
        if _label_only(text) or re.match(r"^Q[1-4]\b", text):
            break
        if FRAGMENT.match(text):
            fragments.append(j)
        elif len(text) <= NAME_PART_CHARS:
            parts.append(j)
        else:
            break
        j += 1
    n = len(labels)
    columns = [[labels[c], *fragments[c::n]] for c in range(n)]
    found: list[Found] = []
    for column in columns:
        text = " ".join(paras[i].text for i in column)
        try:
            printed = blocks_in(text)
        except TimeoutError:
            return None
        if len(printed) != 1:
            return None
        cell = cell_of([paras[i] for i in column])
        found.append(Found(printed[0], cell, "", paras[column[0]].row_index))
    before = [k - 1] if k > 0 and len(paras[k - 1].text) <= NAME_PART_CHARS else []
    name = " ".join(paras[i].text for i in [*before, *parts])
    last = max([*labels, *fragments, *parts])
    return Group(k, last, tuple(found), name or None, (*before, *parts), True)


def _label_only(text: str) -> bool:
    """A dated quarter label alone ("Q1 (24.07.17)", "Qtr 1: (24 July 2017)",
    as `ANCHOR` reads a label): the first line of an interleaved row's quarter
    cells."""
    m = ANCHOR.fullmatch(text.strip())
    return m is not None and bool(m["date"] or m["worded"])


def _lines_in_turn(para: Paragraph, k: int) -> Group | None:
    """Quarter cells set side by side whose lines pdftotext printed in turn,
    in one paragraph: its first line opens two or more blocks ("Q1 (24 July
    2017) Previous 12 months = 5,673 Last 12 months = Q2 (10 October 2017)
    Previous 12 months = 5,828 Last 12"), each later line goes on with the
    next cell in turn ("6,506 Change … (833) For", "months = 6,730 Change …").
    A later line may instead print the row across, each cell's part opening
    with the same caption (`_across`). Read so only where the paragraph read
    as it is leaves a block without its totals, or, where a line prints the
    row across, with a change that does not follow from them; and each cell
    read so is one whole block whose change follows from its totals."""
    lines = para.lines
    if len(lines) < 2 or not QUARTER_CELL.match(lines[0]):
        return None
    try:
        as_is = blocks_in(para.text)
        if all(_whole_block(b) for b in as_is):
            return None
        starts = [m.start() for m in ANCHOR.finditer(lines[0])]
        if len(starts) < 2 or starts[0] != 0:
            return None
        ends = [*starts[1:], len(lines[0])]
        cells, across = _across(
            [lines[0][a:b] for a, b in zip(starts, ends, strict=True)], lines[1:]
        )
        if not across and all(b.previous and b.last for b in as_is):
            # Every total read as printed, only a change in doubt: it is
            # reported as it reads, not moved to another quarter.
            return None
        read = [blocks_in(cell) for cell in cells]
    except TimeoutError:
        return None
    if not all(len(printed) == 1 and _whole_block(printed[0]) for printed in read):
        return None
    cell = cell_of([para])
    found = tuple(Found(printed[0], cell, "", para.row_index) for printed in read)
    return Group(k, k, found, interleaved=True)


def _across(cells: list[str], lines: Sequence[str]) -> tuple[list[str], bool]:
    """Side-by-side cells, from their first parts (`cells`) and the row's later
    lines. A line that opens with a caption and prints it once for each cell
    ("Change Over 12 Months = 15% increase (833) For information only, Change
    Over 12 Months = 15% increase (902) …") was printed across the row: cut
    where each caption starts, its parts go to the cells in order. Any other
    line goes on with the next cell in turn, the first after a line across.
    The cells, and whether a line printed the row across. Raises TimeoutError
    as `blocks_in` does."""
    cells = list(cells)
    turn = 0
    across = False
    for line in lines:
        parts = _captions_across(line, len(cells))
        if parts is None:
            cells[turn % len(cells)] += " " + line
            turn += 1
            continue
        for c, part in enumerate(parts):
            cells[c] += " " + part
        turn, across = 0, True
    return cells, across


def _captions_across(line: str, n: int) -> list[str] | None:
    """`line` cut into `n` parts, each opening with the same caption (a
    total's or the change's), the first at the line's start; None when it
    does not print one caption so."""
    for caption in (PREVIOUS, LAST, CHANGE):
        starts = [m.start() for m in caption.finditer(line, timeout=MATCH_TIMEOUT)]
        if len(starts) == n and starts[0] == 0:
            ends = [*starts[1:], len(line)]
            return [line[a:b].rstrip() for a, b in zip(starts, ends, strict=True)]
    return None


def _whole_block(block: Block) -> bool:
    """Both totals printed, and the change, if printed, as they give it
    (`change_problems`; a reduction's figures are read as falls)."""
    previous = parse_int(block.previous) if block.previous else None
    last = parse_int(block.last) if block.last else None
    if not previous or last is None:
        return False
    direction = DIRECTIONS.get((block.direction or "").lower())
    pct, change = (
        parse_number(raw)[0] if raw else None for raw in (block.pct, block.change)
    )
    if direction == "reduction":
        pct, change = (-abs(v) if v is not None else None for v in (pct, change))
    return not change_problems(previous, last, pct, change, direction)


def _late_change(text: str, block: Block) -> Block:
    """A block whose change printed only its percentage, with the direction and
    difference a line later: taken when the difference is last - previous."""
    if block.pct is None or block.change is not None or block.direction is not None:
        return block
    after = text[block.end : block.end + LATE_CHANGE_CHARS]
    m = LATE_CHANGE.search(after)
    if m is None or block.previous is None or block.last is None:
        return block
    previous, last, diff = (
        parse_int(block.previous),
        parse_int(block.last),
        parse_int(m["abs"]),
    )
    if None in (previous, last, diff) or abs(diff or 0) != abs(
        (last or 0) - (previous or 0)
    ):
        return block
    return replace(block, direction=m["direction"].lower(), change=m["abs"])


def _name(
    paras: Sequence[Paragraph],
    group: Group,
    taken: set[int],
    used: set[int],
    rows: Sequence[Row],
    order_unknown: bool = False,
    unnamed: set[int] | frozenset[int] = frozenset(),
) -> str | Doubt | None:
    """The rolling indicator a group of blocks belongs to (see the module
    doc), or a Doubt: a lone block right after two rows' names, the first
    taken by blocks printed before both (AFTER_TWO_NAMES; v033_000's plain
    text: "Committed Crime …", "ASB Incidents …", then a Q1 block with the
    crime row's figures, its Q2-Q4 printed above the names), blocks whose
    name before them follows the blocks of a row left without one
    (AFTER_UNNAMED: in a report that prints names after their blocks, a lone
    block finds none before it, and the next row would take its name), or
    any lone block of a report whose order of names and blocks cannot be
    told (ORDER_UNKNOWN, `_order_unknown`). `taken`: the paragraphs of every
    group's blocks; `unnamed`: those of the groups before left without a
    name."""
    if group.name and (name := named(group.name)):
        used.update(group.parts)
        return name
    first = group.found[0]
    if name := _rolling_name(paras[group.first], 0, first.block.start, rows):
        return name
    lone = len(group.found) == 1
    if order_unknown and lone and not group.name:
        return ORDER_UNKNOWN
    # A name after the cells names a row of them; one quarter's block printed
    # apart from its row (a browser's print sets a split column's last cell
    # pages on) would take the next row's name.
    windows: tuple[range, ...] = (_before(group),)
    if not lone:
        windows += (_after(group, len(paras)),)
    for n, window in enumerate(windows):
        for i, name in _names_in(paras, window, taken, rows, used):
            if not n and lone and _after_used_name(paras, i, used, taken, rows):
                # Another row's name right before, taken by blocks printed
                # before both names: this block may be that row's too.
                return AFTER_TWO_NAMES
            if not n and _after_unnamed(paras, i, unnamed, taken, rows):
                return AFTER_UNNAMED
            used.add(i)
            return name
    return None


def _before(group: Group) -> range:
    """The paragraphs before a group's blocks, nearest first, where its name
    may be."""
    return range(group.first - 1, max(-1, group.first - 1 - NAME_WINDOW), -1)


def _after(group: Group, n: int) -> range:
    """The paragraphs after a group's blocks, where its name may be."""
    return range(group.last + 1, min(n, group.last + 1 + NAME_WINDOW))


def _names_in(
    paras: Sequence[Paragraph],
    window: range,
    taken: set[int],
    rows: Sequence[Row],
    used: set[int] | frozenset[int] = frozenset(),
) -> Iterator[tuple[int, str]]:
    """The rolling names of a window's paragraphs not `used`, up to another
    row's cells: a paragraph of blocks, read or not."""
    for i in window:
        if i in taken or QUARTER_CELL.match(paras[i].text):
            return
        if i not in used and (name := _rolling_name(paras[i], rows=rows)):
            yield i, name


def _after_used_name(
    paras: Sequence[Paragraph],
    i: int,
    used: set[int],
    taken: set[int],
    rows: Sequence[Row],
) -> bool:
    """Whether the name before paragraph `i` is one other blocks took: right
    before it, or past a few short lines that name nothing (a column's label,
    "Quarter 1"; a page's running lines)."""
    for j in range(i - 1, max(-1, i - 1 - FILLER_PARAGRAPHS), -1):
        if j in used:
            return True
        text = paras[j].text
        if (
            j in taken
            or len(text) > FILLER_CHARS
            or QUARTER_CELL.match(text)
            or _rolling_name(paras[j], rows=rows)
        ):
            return False
    return False


def _after_unnamed(
    paras: Sequence[Paragraph],
    i: int,
    unnamed: set[int] | frozenset[int],
    taken: set[int],
    rows: Sequence[Row],
) -> bool:
    """Whether the name at paragraph `i` follows blocks left without a name,
    past notes of any length ("Police data for Q2 to Q4 not yet received
    …") but no other name or row of blocks: names may follow their blocks,
    so it may be theirs."""
    for j in range(i - 1, max(-1, i - 1 - NAME_WINDOW), -1):
        if j in unnamed:
            return True
        text = paras[j].text
        if j in taken or QUARTER_CELL.match(text) or _rolling_name(paras[j], rows=rows):
            return False
    return False


def _order_unknown(
    paras: Sequence[Paragraph],
    groups: Sequence[Group],
    taken: set[int],
    rows: Sequence[Row],
) -> bool:
    """Whether a report's first row prints one block with no name before it
    and a row's name right after: names may follow their blocks there (block,
    name, block, name) or precede them with the first one missed (a name the
    registry does not know), so a lone block's name cannot be told. (Rows of
    several blocks look for their name after them too, and the samples'
    plain texts print names so.)"""
    if not groups:
        return False
    first = groups[0]
    if len(first.found) != 1 or first.name:
        return False
    if _rolling_name(paras[first.first], 0, first.found[0].block.start, rows):
        return False
    n = len(paras)
    before = next(_names_in(paras, _before(first), taken, rows), None)
    after = next(_names_in(paras, _after(first, n), taken, rows), None)
    return before is None and after is not None


def _rolling_name(
    para: Paragraph,
    start: int = 0,
    end: int | None = None,
    rows: Sequence[Row] = (),
) -> str | None:
    """The rolling indicator's name in a paragraph's text from `start` to `end`.

    In a paragraph of names (`end` None), the first, from the start of the
    line it begins on: a name printed above it ends with ")" or ".", or with
    its cell's HTML paragraph (`rows`, the document's: "…out of area</p>" /
    "<p>Hate Crime Incidents Over Time (Variation) –"); and from a later line
    where the rest is a registered name and the whole is not (an empty row's
    name run into it: "Satisfaction with local area" / "(Feeling the
    Difference" / "Committed Crime Over Time (Variation) All crime …").

    Before a block (`end`), the last: from the line it is on, and the lines
    above it that go on with it, back to a line ending a sentence, bracket or
    HTML paragraph, a column label or a line with a figure (`pdftotext -raw`
    runs a grid's header, a row's cells and the next row's name together)."""
    text = para.text[:end]
    found = list(ROLLING_NAME.finditer(text, start))
    if not found:
        return None
    if end is None:
        at = found[0].start()
        starts = [start]
        for k, piece in enumerate(para.pieces):
            if piece.start > at:
                break
            if piece.start > start:
                starts.append(piece.start)
            if piece.start > start and _name_starts(para, k, rows):
                start = piece.start
        return _registered(text, [s for s in starts if s >= start])
    at = found[-1].start()
    lines = [k for k, p in enumerate(para.pieces) if start <= p.start <= at]
    first = len(lines) - 1
    while (
        first > 0 and len(text[para.pieces[lines[first - 1]].start : at]) <= NAME_CHARS
    ):
        above = para.pieces[lines[first - 1]]
        if stops_name(text[above.start : above.end]) or _name_starts(
            para, lines[first], rows
        ):
            break
        first -= 1
    return named(text[para.pieces[lines[first]].start :] if lines else text[start:])


def _name_starts(para: Paragraph, k: int, rows: Sequence[Row]) -> bool:
    """Whether a name begins on piece `k` of a paragraph of names: the text
    before it ends a sentence or bracket, or an HTML paragraph of the cells
    (`rows`, the document's) ends or opens there."""
    if para.text[: para.pieces[k].start].rstrip().endswith((")", ".")):
        return True
    if not rows:
        return False
    here = rows[para.row_index + k].cells[0].raw
    before = rows[para.row_index + k - 1].cells[0].raw
    return bool(OPENS_PARAGRAPH.match(here) or CLOSES_PARAGRAPH.search(before))


def _registered(text: str, starts: Sequence[int]) -> str | None:
    """The rolling name of `text` from the first of `starts`, unless it is no
    registered indicator, the name from a later start is one, and the lines
    it leaves before it end with another, or its start cut short (an empty
    row's name: "Satisfaction with local area" / "(Feeling the Difference"),
    whatever lines above that (a theme's: "Cleaner and safer environments:
    …"). A qualifier printed on a line of its own ("Town Centre" over "ASB
    Incidents Over Time …") is no indicator, and stays the name's."""
    first = named(text[starts[0] :])
    if first is None or registry_match(first).score == 100.0:
        return first
    for start in starts[1:]:
        name = named(text[start:])
        if (
            name is not None
            and registry_match(name).score == 100.0
            and any(_indicator(text[s:start].strip()) for s in starts if s < start)
        ):
            return name
    return first


def _indicator(text: str) -> bool:
    """A registered indicator's name, the start of one cut short, or one with
    the words of a cell after it run into it."""
    return registry_match(text).known or begins_name(text) or opens_with_name(text)


def stops_name(line: str) -> bool:
    """A line above a name that is no part of it: one ending a sentence or
    bracket, one with a figure, or a column label."""
    return (
        line.rstrip().endswith((")", "."))
        or DIGIT.search(line) is not None
        or is_column_label(line)
    )


def named(text: str) -> str | None:
    """The rolling indicator among the names `text` holds ("ASB Incidents Over
    Time (Variation) – Police data" of the two names of samples/000 line 9).
    A name that prints a block's words is a block's text run into a name's
    lines ("Time (Variation) –" / "Previous 12 months",
    tests/fixtures/writerborderlesstext/001…-plain.txt lines 334-335)."""
    names = split_indicators(text.strip(" -\u2013"))
    return next(
        (n for n in names if ROLLING_NAME.search(n) and not BLOCK_WORDS.search(n)),
        None,
    )


def _claim_lines(
    blocks: Blocks, name: str, paras: Sequence[Paragraph], group: Group
) -> bool:
    """Claim every line of an interleaved row: its cells and its name."""
    claims, rows = blocks.claims, blocks.doc.rows
    lines = [
        i
        for k in sorted({*range(group.first, group.last + 1), *group.parts})
        for i in paras[k].rows
    ]
    if any(claims.held_by_others(name, i) for i in lines):
        return False
    for i in lines:
        claims.take_row(name, i, rows[i])
    return True


def _claim_spans(blocks: Blocks, name: str, para: Paragraph, f: Found) -> bool:
    """Claim the characters a block printed whole in `para` takes on each of
    its lines, and the direction and difference it took from a line later
    (the counts printed after it stay for others)."""
    claims, rows = blocks.claims, blocks.doc.rows
    late = _late_span(para.text, f.block)
    printed = [(f.block.start, f.block.end), *([late] if late else [])]
    wanted = []
    for i, piece in zip(para.rows, para.pieces, strict=True):
        spans = tuple(
            (a - piece.start, b - piece.start)
            for start, end in printed
            if (a := max(start, piece.start)) < (b := min(end, piece.end))
        )
        if spans and rows[i].cells:
            wanted.append((i, rows[i].cells[0], spans))
    if not wanted or any(claims.held_by_others(name, i) for i, _, _ in wanted):
        return False
    for i, cell, spans in wanted:
        claims.take_spans(name, i, cell, spans)
    return True


def _late_span(text: str, block: Block) -> tuple[int, int] | None:
    """Where `text` prints the direction and difference `_late_change` gave
    `block`, after the block's end."""
    if block.change is None or block.direction is None:
        return None
    start = block.end
    m = LATE_CHANGE.search(text[start : start + LATE_CHANGE_CHARS])
    if m is None or (m["abs"], m["direction"].lower()) != (
        block.change,
        block.direction,
    ):
        return None
    return start + m.start(), start + m.end()
