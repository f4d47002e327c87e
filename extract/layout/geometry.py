"""Positioned text runs -> printed lines of cells: the geometry of the PDF reader.

No PDF library here: `readers.pdf` hands over runs (text drawn at one position)
and the rows of ruled tables; this module rebuilds the lines a text export
would print, TAB-free cells included, for the text reader's row building.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from extract.layout.tab_rows import is_cover_label, is_cover_row_label
from normalise.repair import Repair
from normalise.words import cut_word

# Runs on one baseline closer than this (in font sizes) are one fragment: a
# word gap is ~0.3 size; cells are at least twice the cell padding apart.
JOIN_GAP = 0.6
# Gaps (in font sizes) over which joined runs are two words: most runs end at
# their last glyph's advance, so any gap is a space; a lone narrow digit ends
# at its ink, short of the next digit by up to a fifth of a size.
LETTER_GAP = 0.1
DIGIT_GAP = 0.24
# The characters of a figure: "1,084.50", "12%".
FIGURE_CHARS = frozenset("0123456789,.%")
# Baselines nearer than this (in font sizes) are one line of a wrapped cell or
# paragraph; the next printed line is further (samples/pdf: 9 pt vs 13 pt at 7 pt).
CONTINUATION = 1.5
# A gap between wrapped lines over this many leadings is a new printed line:
# a table without rules may set its rows only a point or two further apart
# than its cells' lines (samples/pdf/build_variants.py "unruled-rows-tight",
# rows 9.5 pt apart over a leading of 8: 1.19 leadings).
LEADING_SLACK = 1.15
# A gap is a document's leading when it is this share as common as the most
# common gap.
COMMON = 0.25
# Passes over a run of tables that tell one another their columns.
TELLING = 4
# x-positions within this many points are one column or one margin.
X_TOLERANCE = 1.5
# How far off the text's middle a centred heading's middle may be, in points.
CENTRED = 3.0
# A centred heading prints words: this many letters at least.
HEADING_LETTERS = 4
# Running headers and footers sit in the outer band of the page.
BAND = 0.08
# A lone symbol (✓ ▲ ▶ ○, or a "-" for none): reports centre rating marks in
# their column, so a mark starts off the column's edge and is no column start.
MARK = re.compile(r"^[^\w\s]$")
DIGITS = re.compile(r"\d+")
# A figure a table may set right in its column: "85", "1,084.50", "12%", "£50".
FIGURE = re.compile(r"^[£$€]?-?\d[\d,]*(?:\.\d+)?%?$")
# Baselines are compared to the half point, so the smallest pitch there is;
# a page of text a tenth of a point high, lines 0.2 pt apart, measured 0.
MIN_PITCH = 0.5
# Text placed far off the page (y = -10^9) is not a billion blank lines away.
MAX_BLANKS = 1000
# A paragraph's last words: a full stop, then perhaps a closing quote or bracket.
SENTENCE_END = re.compile(r"[.!?][\"'\u2019\u201d)]?\s*$")
# A word space, in font sizes; a line broken where the next word did not fit
# would fill this share of its column with that word.
SPACE = 0.25
WRAP_SHARE = 0.75
PAGE_NUMBER = re.compile(r"\bpage\s+\d+\b|^\s*\d+\s*(of\s+\d+)?\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Run:
    """Text drawn at one position; `base` is the baseline's distance from the top."""

    text: str
    x0: float
    x1: float
    base: float
    size: float
    # The text object ended in a space its bounds include but its text, stripped,
    # does not: the next run starts a new word however close it is ("PDP "
    # "2018-19" of a browser's print).
    spaced: bool = False
    # Where a joined run's words after a gap start: (offset in `text`, x0). A
    # header set close to its neighbour ("Target" then "Q1", 0.57 sizes apart in
    # LibreOffice's print) is joined here and parted again at a column start.
    parts: tuple[tuple[int, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Line:
    """A printed line: a table row (`tabbed`) or a paragraph (one cell)."""

    cells: tuple[str, ...]
    first: float  # baseline of its first visual line
    last: float  # baseline of its last visual line
    tabbed: bool
    # A ruled row with no rule above it (it goes on from the page before) or
    # below it (it goes on on the next page): a page break split it.
    open_top: bool = False
    open_bottom: bool = False


@dataclass(frozen=True, slots=True)
class Group:
    """Visual lines of free text close enough to be one printed line."""

    runs: tuple[Run, ...]
    first: float
    last: float
    indented: bool


def visual_lines(runs: Iterable[Run]) -> list[list[Run]]:
    """Runs grouped by baseline, top-down, left to right, near runs merged."""
    return [merged(line) for line in baselines(runs)]


def baselines(runs: Iterable[Run]) -> list[list[Run]]:
    """Runs grouped by baseline, top-down, each line left to right, unmerged:
    runs a ruling divides must be placed in their cells before they are joined
    (a browser's print sets the words of neighbouring cells a few points apart)."""
    lines: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: r.base):
        if lines and run.base - lines[-1][0].base <= 0.25 * run.size:
            lines[-1].append(run)
        else:
            lines.append([run])
    return [sorted(line, key=lambda r: r.x0) for line in lines]


def _word_gap(last: Run, run: Run) -> float:
    """The gap from a run's end to the next run's start over which a word
    space parts them. A run ends where its glyphs' bounds do: a glyph printed
    alone ("1" of "102", "," of "1,111": a PDF that draws each character by
    itself) ends short of where the next starts by its side bearings, up to a
    fifth of a size for a narrow digit or a comma, where a word space is a
    quarter of a size or more; so inside a figure only a gap as wide as a
    space parts two runs."""
    a, b = last.text[-1:], run.text[:1]
    if a and b and a in FIGURE_CHARS and b in FIGURE_CHARS and (a + b).strip(",.%"):
        return DIGIT_GAP * run.size
    return LETTER_GAP * run.size


def merged(line: Sequence[Run]) -> list[Run]:
    """Neighbouring runs of one line joined into fragments (words of a cell)."""
    out = [line[0]]
    for run in line[1:]:
        last = out[-1]
        gap = run.x0 - last.x1
        if gap <= JOIN_GAP * run.size:
            sep = " " if last.spaced or gap > _word_gap(last, run) else ""
            text = f"{last.text}{sep}{run.text}"
            at = len(text) - len(run.text)
            part = ((at, run.x0),) if sep else ()
            shifted = tuple((at + k, x0) for k, x0 in run.parts)
            out[-1] = Run(
                text,
                last.x0,
                max(last.x1, run.x1),
                last.base,
                last.size,
                run.spaced,
                last.parts + part + shifted,
            )
        else:
            out.append(run)
    return out


def running_lines(
    pages: Sequence[Sequence[list[Run]]], heights: Sequence[float]
) -> set[tuple[int, int]]:
    """(page, index) of visual lines that are running headers or footers.

    A header or footer is text in the page's outer band printed at the same
    place on at least two pages, page numbers aside, at a place where most
    pages that print a line print such a recurring one; a one-page file has
    only its "Page 1" line, and the band's lines in that line's type size, to
    go by.
    """

    def key(line: list[Run]) -> tuple[int, str]:
        return round(line[0].base), DIGITS.sub("#", " ".join(r.text for r in line))

    banded = {
        (p, i)
        for p, lines in enumerate(pages)
        for i, line in enumerate(lines)
        if min(line[0].base, heights[p] - line[0].base) < BAND * heights[p]
    }
    if len(pages) == 1:
        numbered = {
            (p, i)
            for p, i in banded
            if PAGE_NUMBER.search(" ".join(r.text for r in pages[p][i]))
        }
        # A page that carries a "Page 1 of 1" footer carries its running header
        # too: the band's other lines in the footer's type size.
        sizes = {round(pages[p][i][0].size, 1) for p, i in numbered}
        return numbered | {
            (p, i) for p, i in banded if round(pages[p][i][0].size, 1) in sizes
        }
    seen = Counter(key(pages[p][i]) for p, i in banded)
    recurs = {(p, i) for p, i in banded if seen[key(pages[p][i])] >= 2}
    # A full page's first and last lines of body text sit in the band when the
    # margins are narrow, each at one place on every page, and a short line
    # recurs there now and then ("SFRS" last on pages 20 and 22 of samples/004
    # printed on US Letter, `samples/pdf/build_variants.py`). A running line's
    # place holds it (or its like, numbers aside) on most of the pages that print
    # there; the body's line differs from page to page.
    printed = Counter(round(pages[p][i][0].base) for p, i in banded)
    recurring = Counter(round(pages[p][i][0].base) for p, i in recurs)
    return {
        (p, i)
        for p, i in recurs
        if 2 * recurring[round(pages[p][i][0].base)]
        > printed[round(pages[p][i][0].base)]
    }


def leading(pages: Iterable[Sequence[list[Run]]]) -> dict[float, float]:
    """The distance between the baselines of a wrapped text's lines, for each
    type size (to the half point) that has one.

    The gaps between visual lines of one size, from one size to CONTINUATION
    sizes, are counted to the half point; the smallest that is common (a
    quarter as common as the most common) wins. The most common can be the
    rows' of a table whose cells are centred in their row; a gap seen a few
    times only, a table's own. Small print's leading says nothing of large.
    """
    gaps: dict[float, Counter[float]] = {}
    for lines in pages:
        for a, b in zip(lines, lines[1:], strict=False):
            size = b[0].size
            gap = b[0].base - a[0].base
            if a[0].size == size and size <= gap < CONTINUATION * size:
                key = round(2 * size) / 2
                gaps.setdefault(key, Counter())[round(2 * gap) / 2] += 1
    out: dict[float, float] = {}
    for size, seen in gaps.items():
        common = max(2, COMMON * max(seen.values()))
        if usual := [g for g, n in seen.items() if n >= common]:
            out[size] = min(usual)
    return out


def groups(
    lines: Sequence[list[Run]],
    margin: float,
    spacing: Mapping[float, float] | None = None,
    centre: float | None = None,
) -> list[Group]:
    """Consecutive visual lines that continue one another, as printed lines.

    With the document's `leading` of the line's type size, a gap well over it
    starts a new printed line however near: a table without rules whose cells
    are centred in their row sets its rows 1.27 leadings apart, under
    CONTINUATION sizes (a LibreOffice print, tests/fixtures/writerborderless/).
    """
    found: list[Group] = []
    # The first visual line of the last printed line.
    head: list[Run] = []
    for line in lines:
        base = line[0].base
        indented = len(line) > 1 or (
            line[0].x0 > margin + X_TOLERANCE and not _centred(line[0], centre)
        )
        near = CONTINUATION * line[0].size
        if spacing and (usual := spacing.get(round(2 * line[0].size) / 2)):
            near = min(near, LEADING_SLACK * usual)
        if found and base - found[-1].last < near and not _labelled_rows(head, line):
            g = found[-1]
            found[-1] = Group(
                g.runs + tuple(line), g.first, base, g.indented or indented
            )
        else:
            found.append(Group(tuple(line), base, base, indented))
            head = line
    return found


def _centred(run: Run, centre: float | None) -> bool:
    """A run of words alone on its line set on the page's middle: a centred
    heading ("Quarter 2 Performance Report 2017/18" on a report's first
    page), no table's cell; not a page's number ("7")."""
    return (
        centre is not None
        and abs((run.x0 + run.x1) / 2 - centre) <= CENTRED
        and sum(ch.isalpha() for ch in run.text) >= HEADING_LETTERS
    )


def _labelled_rows(head: Sequence[Run], line: Sequence[Run]) -> bool:
    """Two rows of a cover sheet's table, each a label and its value: the
    first line of one (`head`) and the next ("Report of:  Head of Governance
    and" / "Corporate Services" over "Contact Officer:  R. Lamond"). Rows of
    their own, though a table without rules may set them a leading apart, as
    close as a wrapped cell's lines. One of the two labels may be one that
    can also head a column ("Telephone Number" under "Contact Officer:",
    `is_cover_row_label`)."""
    return (
        len(head) > 1
        and len(line) > 1
        and abs(head[0].x0 - line[0].x0) <= X_TOLERANCE
        and (is_cover_label(head[0].text) or is_cover_label(line[0].text))
        and is_cover_row_label(head[0].text)
        and is_cover_row_label(line[0].text)
    )


def line_pitch(pages: Iterable[Sequence[tuple[float, float]]], default: float) -> float:
    """The distance from one printed line to the next when no blank is between.

    Each page is its printed lines' (first, last) baselines, top-down. The
    smallest gap seen twice wins: the most common gap can be a blank line's
    (samples/003 prints a blank line after nearly every line). Never under
    MIN_PITCH: line numbers are distances divided by it.
    """
    gaps = Counter(
        gap
        for spans in pages
        for a, b in zip(spans, spans[1:], strict=False)
        if (gap := round(2 * (b[0] - a[1])) / 2) >= MIN_PITCH
    )
    usual = [g for g, n in gaps.items() if n >= 2]
    return min(usual) if usual else max(default, MIN_PITCH)


def column_starts(region: Sequence[Group]) -> list[float]:
    """Where an unruled table's columns start: the x-positions its fragments share.

    Rating marks sit anywhere in their column (samples/pdf/*-glyphs.pdf centre
    them under "Q1 Rating"), so they start a column only in a region of marks;
    figures set right in their column (`_set_right`) start none.
    """
    runs = [r for g in region for r in g.runs]
    words = [r for r in runs if not MARK.match(r.text)] or runs
    right = _set_right(region)
    starts: list[float] = []
    for x in sorted(r.x0 for r in words if id(r) not in right):
        if not starts or x - starts[-1] > X_TOLERANCE:
            starts.append(x)
    return starts


def _set_right(region: Sequence[Group]) -> set[int]:
    """The figures (ids of their runs) set right in their column, under a
    header set left: figures of two rows or more that end where one another
    end and start apart ("85" and "340" under "Last year's outturn",
    samples/002 printed so by `samples/pdf/build_variants.py`). Each starts
    where its width puts it, no column."""
    figures = sorted(
        ((r.x1, k, r) for k, g in enumerate(region) for r in g.runs),
        key=lambda f: (f[0], f[1]),
    )
    figures = [f for f in figures if FIGURE.match(f[2].text)]
    clusters: list[list[tuple[float, int, Run]]] = []
    for f in figures:
        if clusters and f[0] - clusters[-1][-1][0] <= X_TOLERANCE:
            clusters[-1].append(f)
        else:
            clusters.append([f])
    out: set[int] = set()
    for cluster in clusters:
        x0s = [r.x0 for _, _, r in cluster]
        rows = {k for _, k, _ in cluster}
        if len(rows) >= 2 and max(x0s) - min(x0s) > X_TOLERANCE:
            out.update(id(r) for _, _, r in cluster)
    if out:
        # A table that sets figures right sets right its figures of one
        # width too ("27", "99", "12" under Q2, samples/002), where no word
        # starts.
        words = [
            r.x0
            for g in region
            for r in g.runs
            if not FIGURE.match(r.text) and not MARK.match(r.text)
        ]
        for cluster in clusters:
            if not any(_near(r.x0, words) for _, _, r in cluster):
                out.update(id(r) for _, _, r in cluster)
    return out


@dataclass(slots=True)
class _CellLine:
    """The last line of a cell being read: its baseline, its last run (None
    when that run was parted over two columns: its x1 is no end of this
    cell's) and its texts."""

    base: float
    end: Run | None
    texts: list[str]


def _placed(g: Group, starts: Sequence[float]) -> list[tuple[Run, str, int, int]]:
    """A row's runs in reading order, each part of one (`_parted`) with its
    column and how many parts its run has."""
    out = []
    for run in sorted(g.runs, key=lambda r: (r.base, r.x0)):
        pieces = _parted(run, starts)
        for x0, text in pieces:
            column = max(0, bisect_right(starts, x0 + X_TOLERANCE) - 1)
            out.append((run, text, column, len(pieces)))
    return out


def _cells(
    region: Sequence[Group],
    starts: Sequence[float],
    words: Mapping[str, int] | None = None,
    cut: list[CutWord] | None = None,
) -> list[Line]:
    """Lines of an unruled table with the given column starts. With the
    document's `words`, a word a cell's edge cut is joined again
    (`join_next_line`; a column's edge is where its widest line ends) and its
    repair added to `cut`."""
    width = max(len(starts), 2)  # one filled column is still a table row
    placed = [_placed(g, starts) for g in region]
    rights = [0.0] * width
    for row in placed:
        for run, _, column, pieces in row:
            if pieces == 1:
                rights[column] = max(rights[column], run.x1)
    lines = []
    for g, row in zip(region, placed, strict=True):
        parts: list[list[str]] = [[] for _ in range(width)]
        last: list[_CellLine | None] = [None] * width
        for run, text, column, pieces in row:
            end = run if pieces == 1 else None
            line = last[column]
            if line is not None and line.base == run.base:
                line.texts.append(text)
                line.end = end
            else:
                if line is not None and line.end is not None:
                    joined = join_next_line(
                        " ".join(parts[column]), " ".join(line.texts), line.end,
                        rights[column], text, words, cut,
                    )  # fmt: skip
                    if joined is not None:
                        parts[column], text = [joined[0]], joined[1]
                        if not text:
                            # The whole line went to the word before.
                            last[column] = _CellLine(run.base, end, [])
                            continue
                last[column] = _CellLine(run.base, end, [text])
            parts[column].append(text)
        lines.append(Line(tuple(" ".join(p) for p in parts), g.first, g.last, True))
    return lines


# A cell's line ends at the cell's edge when it stops this many type sizes
# short of it.
EDGE_SLACK = 0.5


def at_edge(run: Run, right: float) -> bool:
    """`run` ends its line at `right`, its cell's edge, with no space after it."""
    return not run.spaced and right - run.x1 <= EDGE_SLACK * run.size


class CutWord(NamedTuple):
    """A word a cell's edge cut, joined again: the baseline of the line it
    began on, the repair, and the words either side of it in its cell (which
    facts print it: `pipeline.joined_words`)."""

    base: float
    repair: Repair
    context: str


def rejoin_cut(
    text: str, after: str, words: Mapping[str, int]
) -> tuple[str, str, Repair, str] | None:
    """A cell's `text` so far and its next line `after`, when the cell's edge
    cut a word between them without a hyphen ("… Averag" | "e", a word
    processor's print of a word too wide for its cell): the word joined again
    and the rest of `after`, with the repair (`normalise.words.cut_word`, on
    the document's `words`) and the words either side of the joined one."""
    before, space, tail = text.rpartition(" ")
    head, _, rest = after.partition(" ")
    joined = cut_word(tail, head, words)
    if joined is None:
        return None
    context = " ".join([*before.split()[-1:], joined[0], *rest.split()[:1]])
    return before + space + joined[0], rest, joined[1], context


def join_next_line(
    text: str,
    line: str,
    end: Run,
    right: float,
    after: str,
    words: Mapping[str, int] | None,
    cut: list[CutWord] | None = None,
) -> tuple[str, str] | None:
    """A cell's `text` so far, whose last line `line` ends with `end`, and its
    next line `after`, when the cell's edge (`right`) cut a word between them:
    the text with the word joined again (`rejoin_cut`, on the document's
    `words`) and the rest of `after`; the repair goes to `cut`.

    A word processor cuts a word only when it is wider than its cell, so the
    line it starts on holds it alone and ends at the cell's edge with no
    space after it."""
    if words is None or len(line.split()) != 1 or not at_edge(end, right):
        return None
    joined = rejoin_cut(text, after, words)
    if joined is None:
        return None
    whole, rest, repair, context = joined
    if cut is not None:
        cut.append(CutWord(end.base, repair, context))
    return whole, rest


def _parted(run: Run, starts: Sequence[float]) -> list[tuple[float, str]]:
    """A joined run cut where one of its words starts a column, as (x0, text)."""
    cuts = [(at, x0) for at, x0 in run.parts if _near(x0, starts)]
    if not cuts:
        return [(run.x0, run.text)]
    pieces, begin, x = [], 0, run.x0
    for at, x0 in cuts:
        pieces.append((x, run.text[begin:at].strip()))
        begin, x = at, x0
    pieces.append((x, run.text[begin:]))
    return pieces


# A page's free text laid out: a paragraph's group, or a table's groups and
# the columns they start.
Laid = Group | tuple[Sequence[Group], list[float]]


def free_lines(
    found: Sequence[Group], pitch: float, carried: Sequence[float] = ()
) -> tuple[list[Line], list[float]]:
    """Paragraphs as one cell; unruled table rows from an indented line on to
    the next blank line (a row printing only its first cell, at the margin
    like a paragraph, stays in its table: tests/fixtures/writerborderless).

    A table at the top of a page keeps the columns of the table that ended the
    page before when its fragments start there: a column left empty after a
    page break must not shift the others (samples/002, unruled).
    Returns the lines and the column starts of the page's last table.
    """
    laid, starts = _laid(found, pitch, carried)
    return _lines([laid], [False])[0], starts


def free_pages(
    pages: Sequence[Sequence[Group]],
    pitch: float,
    words: Mapping[str, int] | None = None,
    cut: Sequence[list[CutWord]] = (),
) -> tuple[list[list[Line]], list[bool]]:
    """`free_lines` of each page, a page's first table in the columns of the
    last one before it, a header and its body apart on two pages compared.
    And, for each page, whether its first table goes on in those columns.
    With the document's `words`, the words a cell's edge cut are joined again
    (`_cells`), their repairs added to the page's list in `cut`."""
    laid: list[list[Laid]] = []
    kept: list[bool] = []
    starts: list[float] = []
    for found in pages:
        page, last = _laid(found, pitch, starts)
        first = page[0] if page else None
        kept.append(isinstance(first, tuple) and bool(starts) and first[1] == starts)
        laid.append(page)
        starts = last
    return _lines(laid, kept, words, cut), kept


def _laid(
    found: Sequence[Group], pitch: float, carried: Sequence[float]
) -> tuple[list[Laid], list[float]]:
    laid: list[Laid] = []
    starts = list(carried)
    i = 0
    while i < len(found):
        g = found[i]
        if not g.indented:
            if laid and isinstance(last := laid[-1], tuple) and _first_cell(g, last):
                laid[-1] = ((*last[0], g), last[1])
            else:
                laid.append(g)
                starts = []
            i += 1
            continue
        j = i + 1
        while j < len(found) and found[j].first - found[j - 1].last < 1.5 * pitch:
            if not found[j].indented and not _in_table(found, i, j, pitch):
                break
            j += 1
        region = found[i:j]
        # A region whose columns all start at the table's above goes on in it.
        own = column_starts(region)
        if not (starts and _within(own, starts)):
            starts = own
        laid.append((region, starts))
        i = j
    return laid, starts


def _first_cell(g: Group, table: tuple[Sequence[Group], list[float]]) -> bool:
    """Whether the margin text `g`, a blank line under an unruled table, is a
    row of it printing only its first cell: sentences (it ends on a full
    stop) set in the first column, no line of it wider than the widest line
    of the column's own cells above (the width that column wraps at), each
    broken where the next word would not fit in the column (`_full`). A
    paragraph runs on to the page's margin, or to a width of its own; a
    heading ("Support Vulnerable People" over the next table) is no sentence.
    Such a row is an action's last quarter's text under its table
    (tests/fixtures/writerborderless/000 pages 2-3)."""
    region, starts = table
    if len(starts) < 2 or not SENTENCE_END.search(g.runs[-1].text):
        return False
    left = min(r.x0 for h in region for r in h.runs)
    if not _near(g.runs[0].x0, [left]):
        return False
    edge = starts[1] - X_TOLERANCE
    widest = max(
        (r.x1 for h in region for r in h.runs if r.x1 < edge and _near(r.x0, [left])),
        default=left,
    )
    if any(r.x1 > widest + X_TOLERANCE for r in g.runs):
        return False
    lines = baselines(g.runs)
    return len(lines) >= 2 and all(
        _full(above[-1], below[0], left, widest)
        for above, below in zip(lines, lines[1:], strict=False)
    )


def _full(end: Run, next_run: Run, left: float, widest: float) -> bool:
    """Whether a line ending with `end` was broken because the next line's
    first word would not fit: with it, the line would fill WRAP_SHARE of its
    column (from `left` to `widest`, its widest line). Lines of a cell end
    unevenly, and a word's width is only estimated (a share of its run's)."""
    word = next_run.text.split(maxsplit=1)[0] if next_run.text.strip() else ""
    share = len(word) / max(len(next_run.text), 1)
    width = share * (next_run.x1 - next_run.x0) + SPACE * end.size
    return end.x1 + width > left + WRAP_SHARE * (widest - left)


def _in_table(found: Sequence[Group], i: int, j: int, pitch: float) -> bool:
    """Whether the margin line `found[j]`, a row's gap under the table that
    starts at `found[i]`, is a row of it printing only its first cell: it
    starts where the table's first column does, or the table goes on under it
    (with no blank line) with a column starting where it starts. A heading
    at the margin over an indented table's next part is no row of it."""
    x = found[j].runs[0].x0
    left = min(r.x0 for g in found[i:j] for r in g.runs)
    if _near(x, [left]):
        return True
    k = j + 1
    while k < len(found) and not found[k].indented:
        k += 1
    return (
        k < len(found)
        and all(
            found[n].first - found[n - 1].last < 1.5 * pitch for n in range(j, k + 1)
        )
        and _near(x, [r.x0 for r in found[k].runs])
    )


def _lines(
    pages: Sequence[Sequence[Laid]],
    kept: Sequence[bool],
    words: Mapping[str, int] | None = None,
    cut: Sequence[list[CutWord]] = (),
) -> list[list[Line]]:
    """Each page's lines: a paragraph as one cell, a table in its columns.
    `kept`: whether a page's first table goes on in the last one's columns."""
    columns: list[list[float]] = []
    # Runs of tables with no paragraph between them (a header and its body,
    # a page's last table and the next page's first): only these tell one
    # another their columns.
    chains: list[list[int]] = [[]]
    for page in pages:
        for item in page:
            if isinstance(item, Group):
                chains.append([])
            else:
                chains[-1].append(len(columns))
                columns.append(item[1])
    for chain in chains:
        _tell(columns, chain)
    at = 0
    for page, goes_on in zip(pages, kept, strict=True):
        if goes_on and at:
            columns[at] = columns[at - 1]
        at += sum(isinstance(item, tuple) for item in page)
    out: list[list[Line]] = []
    at = 0  # the table's place among the document's tables
    for k, page in enumerate(pages):
        lines: list[Line] = []
        for item in page:
            if isinstance(item, Group):
                runs = sorted(item.runs, key=lambda r: r.base)
                text = " ".join(r.text for r in runs)
                lines.append(Line((text,), item.first, item.last, False))
                continue
            page_cut = cut[k] if k < len(cut) else None
            lines.extend(_cells(item[0], columns[at], words, page_cut))
            at += 1
        out.append(lines)
    return out


def _tell(columns: list[list[float]], chain: Sequence[int]) -> None:
    """The columns of a run of tables, each told by its neighbours (`_told`)
    until nothing changes: a header's by its body's, then the body's by the
    header's so told. At most TELLING passes: each moves what is told one
    table on."""
    for _ in range(TELLING):
        told = [
            _told(
                columns[k],
                [columns[chain[n]] for n in (at - 1, at + 1) if 0 <= n < len(chain)],
            )
            for at, k in enumerate(chain)
        ]
        if all(columns[k] == t for k, t in zip(chain, told, strict=True)):
            return
        for k, t in zip(chain, told, strict=True):
            columns[k] = t


def _told(starts: list[float], near: Sequence[list[float]]) -> list[float]:
    """A table's columns as a neighbouring table (the body under a header,
    the next page's first) tells them, where that table starts a column at
    each of this one's and more (a header set close to the next, "Target Q1",
    was joined into one fragment: parted again at the body's columns), or at
    this one's first two and others to their left (a header's first cell was
    left empty: "", "Quarter 1", ...)."""
    for other in near:
        if len(other) > len(starts) and _within(starts, other):
            return other
        if len(starts) >= 2 and _within(starts[:2], other):
            left = [x for x in other if x < starts[0] - X_TOLERANCE]
            if left:
                return [*left, *starts]
    return starts


def _within(xs: Sequence[float], among: Sequence[float]) -> bool:
    """Each of `xs` is one of `among`, to X_TOLERANCE."""
    return all(_near(x, among) for x in xs)


def _near(x: float, among: Sequence[float]) -> bool:
    """`x` is one of `among`, to X_TOLERANCE: one column or one margin."""
    return any(abs(x - y) <= X_TOLERANCE for y in among)


def printed(
    lines: Sequence[Line], pitch: float, top: float
) -> list[tuple[str, ...] | None]:
    """The page's printed lines in order: cells of each, None for a blank line.

    `top` is where the first line of a full page sits: space above a page's
    first line is blank lines too.
    """
    out: list[tuple[str, ...] | None] = []
    for line, number in zip(lines, line_numbers(lines, pitch, top), strict=True):
        out.extend([None] * (number - len(out) - 1))
        out.append(line.cells)
    return out


def line_numbers(lines: Sequence[Line], pitch: float, top: float) -> list[int]:
    """The 1-based printed line of each line, blank lines above it counted."""
    numbers: list[int] = []
    for k, line in enumerate(lines):
        before = lines[k - 1].last if k else top - pitch
        blanks = min(MAX_BLANKS, max(0, round((line.first - before) / pitch) - 1))
        numbers.append((numbers[-1] if numbers else 0) + blanks + 1)
    return numbers
