"""Space-aligned text -> printed lines of cells: the geometry of `pdftotext -layout`.

A layout text prints each table cell at a fixed character column and wraps a
long cell onto the lines below, in the same column; blank lines part tables
and paragraphs, form feeds part pages. This module finds each table's column
starts from where its fragments start, splits every line into cells, and
joins the lines of one table row back together, so that the rows reach
`tab_rows.build_rows` as the TAB lines a text export would print.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from extract.headers import is_header_cells

# Text between two gaps of two or more spaces: one cell's text on one line.
FRAGMENT = re.compile(r"\S+(?: \S+)*")
# A fragment is in a column when it starts within this many characters of it.
X_TOLERANCE = 1
# A column is where fragments of at least this many lines of a table start, or
# where any fragment of a line of this many cells starts (a header, a full row).
MIN_COLUMN_LINES = 2
STRUCTURAL_CELLS = 3
# Two columns' starts are at least this many characters apart, unless they
# hold marks: fragments of at most MARK_CHARS characters ("✓", "▲", "Q1").
MIN_COLUMN_WIDTH = 8
MARK_CHARS = 3
# Characters are placed on a grid from proportional type, so a wrapped line
# can look short by a word or two; a line that, with the next word, still
# fills no more than this share of its column's width ended its text.
SHORT_LINE = 0.75
# A table that goes on after a page break keeps its columns within this many
# characters (samples/text/002-layout: 79 before the break, 76 after it).
CARRY_TOLERANCE = 4
# A cell's text can start this many characters before its column's start, or
# this many after it (samples/text/002-layout line 193: "… Credit claimants").
EARLY_START = 4
LATE_START = 3
# Running headers and footers are among a page's first and last lines.
BAND_LINES = 2
DIGITS = re.compile(r"\d+")
PAGE_NUMBER = re.compile(r"\bpage\s+\d+\b|^\s*\d+\s*(of\s+\d+)?\s*$", re.IGNORECASE)
# A cell of values alone ("470", "12%", "£19,112.23", "N/A", "✓", "0 0%",
# "9 (75%)"): a row's own figures, never the wrapped text of the row above.
BARE_VALUE = re.compile(
    r"^(?:(?:[<>]=?\s*)?[-+]?[£$]?\(?\d[\d,]*(?:\.\d+)?\s*%?\)?|n/?a|[^\w\s]{1,3}|"
    r"\\[a-z]+)(?:\s+(?:[-+]?\(?\d[\d,]*(?:\.\d+)?\s*%?\)?|[^\w\s]{1,3}|\\[a-z]+)){0,3}$",
    re.IGNORECASE,
)
# How a cell that starts a row begins: a capital, a digit, a mark or a quote.
FRESH_START = re.compile(r"^(?:[A-Z0-9£$\"'“‘]|[^\w\s(])")
# How a line that finished its text ends.
ENDED = re.compile(r"(?:[.!?:;)%]|</\w+>)$")
SENTENCE_END = re.compile(r"(?:[.!?]|</\w+>)$")


@dataclass(frozen=True, slots=True)
class Fragment:
    text: str
    x0: int
    x1: int


@dataclass(frozen=True, slots=True)
class PrintedLine:
    """A printed line of cells and the input lines (1-based) it was read from."""

    cells: tuple[str, ...]
    line_start: int
    line_end: int
    page: int


# A header fragment of quarter labels set one space apart ("Q1 Rating Q2 Rating
# Q3 Rating Q4 Rating" in samples/text/000-layout): one label per column.
QUARTER_LABELS = re.compile(r"(?:(?:Q[1-4]|Quarter [1-4])(?: Rating)?(?: |$)){2,}")
QUARTER_LABEL = re.compile(r"(?:Q[1-4]|Quarter [1-4])(?: Rating)?")


def fragments(line: str) -> list[Fragment]:
    out: list[Fragment] = []
    for m in FRAGMENT.finditer(line):
        if QUARTER_LABELS.fullmatch(m[0]):
            out.extend(
                Fragment(q[0], m.start() + q.start(), m.start() + q.end())
                for q in QUARTER_LABEL.finditer(m[0])
            )
        else:
            out.append(Fragment(m[0], m.start(), m.end()))
    return out


def pages_of(lines: Sequence[str]) -> list[int]:
    """The 1-based page of every line: pdftotext starts each page with a form feed."""
    page, out = 1, []
    for line in lines:
        page += line.count("\f")
        out.append(page)
    return out


def running_lines(lines: Sequence[str], pages: Sequence[int]) -> set[int]:
    """Indexes of running headers and footers: a page's first or last lines that
    recur, numbers aside, on another page ("Cannock Chase Council — Page 1 of 4")."""
    by_page: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        if line.strip(" \f"):
            by_page.setdefault(pages[i], []).append(i)
    band = {
        i
        for indexes in by_page.values()
        for i in (*indexes[:BAND_LINES], *indexes[-BAND_LINES:])
    }

    def key(i: int) -> str:
        return DIGITS.sub("#", " ".join(lines[i].split()))

    if len(by_page) < 2:
        return {i for i in band if PAGE_NUMBER.search(lines[i])}
    seen = Counter(key(i) for i in band)
    return {i for i in band if seen[key(i)] >= 2}


def column_starts(
    region: Sequence[list[Fragment]], texts: Sequence[str] = ()
) -> list[int]:
    """Where a table's columns start: x-positions where fragments of several
    lines start, and the table's left edge.

    A line whose cell follows the one before after a single space still
    counts for a column that another line starts after a wider gap (samples/
    text/001-layout line 104: "… Victim Support data Q1 - 15 on going …").
    """
    lines_at: dict[int, set[int]] = {}
    for k, frags in enumerate(region):
        for f in frags:
            # A line of many cells vouches for its starts on its own.
            weight = {k, -1 - k} if len(frags) >= STRUCTURAL_CELLS else {k}
            lines_at.setdefault(f.x0, set()).update(weight)
    near: dict[int, set[int]] = {x: set() for x in lines_at}
    for k, text in enumerate(texts):
        for x in lines_at:
            if 0 < x < len(text) and text[x - 1] == " " and text[x] != " ":
                near[x].add(k)
    widest: dict[int, int] = {}
    for frags in region:
        for f in frags:
            widest[f.x0] = max(widest.get(f.x0, 0), len(f.text))
    starts: list[tuple[int, set[int], set[int], int]] = []
    for x in sorted(lines_at):
        if starts and x - starts[-1][0] <= X_TOLERANCE:
            x0, strong, weak, wide = starts[-1]
            starts[-1] = (
                x0,
                strong | lines_at[x],
                weak | near[x],
                max(wide, widest[x]),
            )
        else:
            starts.append((x, set(lines_at[x]), set(near[x]), widest[x]))
    kept = [
        (x, strong, wide)
        for x, strong, weak, wide in starts
        if len(strong | weak) >= MIN_COLUMN_LINES
    ]
    if starts and (not kept or kept[0][0] != starts[0][0]):
        kept.insert(0, (starts[0][0], starts[0][1], starts[0][3]))
    return _merged(kept)


def _merged(starts: list[tuple[int, set[int], int]]) -> list[int]:
    """Starts a few characters apart that no line prints as two cells are one
    column set a little differently in two rows (samples/text/001-layout lines
    110-116: 54 and 48), or a mark centred under its column's label; two
    narrow columns of marks stay apart (✓ at 187 and 192 are Q1 and Q2 on
    samples/text/002-layout's last page)."""
    out: list[tuple[int, set[int], int]] = []
    for x, lines, wide in starts:
        if (
            out
            and x - out[-1][0] < MIN_COLUMN_WIDTH
            and max(wide, out[-1][2]) > MARK_CHARS
            and not (lines & out[-1][1])
        ):
            out[-1] = (out[-1][0], out[-1][1] | lines, max(wide, out[-1][2]))
        else:
            out.append((x, set(lines), wide))
    return [x for x, _, _ in out]


def _split_at_columns(f: Fragment, line: str, starts: Sequence[int]) -> list[Fragment]:
    """A fragment that runs over a column start is two cells set one space
    apart: tight columns ("Q1 Rating Q2 Rating"), or a cell that starts a few
    characters early (samples/text/000-layout line 159: "… estimated SCC
    Target - 50% Actual – 44.1%", the target column's text)."""
    out = [f]
    for s in starts:
        last = out[-1]
        if not last.x0 < s < last.x1:
            continue
        cut = _word_start(line, s, last.x0)
        if cut is not None:
            out[-1] = Fragment(line[last.x0 : cut - 1].rstrip(), last.x0, cut - 1)
            out.append(Fragment(line[cut : last.x1], cut, last.x1))
    return out


def _word_start(line: str, s: int, lo: int) -> int | None:
    """The start of a word at column start `s`, or the nearest one up to
    EARLY_START before it or LATE_START after it."""
    near = sorted(range(s - EARLY_START, s + LATE_START + 1), key=lambda x: abs(x - s))
    for x in near:
        if lo < x < len(line) and line[x - 1] == " " and line[x] != " ":
            return x
    return None


def cells_of(
    line: str, starts: Sequence[int], width: int, cuts: Sequence[int] | None = None
) -> list[str]:
    """The line's text in each of the table's columns; a fragment is cut only
    at `cuts`, the columns its own table region prints (default: all)."""
    parts: list[list[str]] = [[] for _ in range(width)]
    for frag in fragments(line):
        for f in _split_at_columns(frag, line, starts if cuts is None else cuts):
            parts[_column(f, starts)].append(f.text)
    return [" ".join(p) for p in parts]


def _column(f: Fragment, starts: Sequence[int]) -> int:
    """The column a fragment starts in; a fragment off every column start (a
    mark centred in its cell, a number set to the right) goes by its middle."""
    col = max(0, bisect_right(starts, f.x0 + X_TOLERANCE) - 1)
    if abs(starts[col] - f.x0) <= X_TOLERANCE:
        return col
    return max(0, bisect_right(starts, (f.x0 + f.x1) // 2) - 1)


def _bare(text: str) -> bool:
    return BARE_VALUE.match(text) is not None


def _ended(text: str) -> bool:
    return not text or _bare(text) or ENDED.search(text) is not None


def starts_row(
    row: Sequence[list[str]],
    line: list[str],
    below: Sequence[str] = (),
    widths: Sequence[int] = (),
) -> bool:
    """Whether `line` (cells) begins a new table row after the lines of `row`.

    Cells are printed from the top of their row, so a row's first line holds
    text in every column that has any; its name column ends before the others
    or with them. A line starts a new row when it
    - fills the name column after a row without a name (a header) or after the
      row's name ended on an earlier line;
    - fills a column that is empty on every line of the row so far;
    - prints a value in a column where the row printed one already (rows of
      one line each; a row's marks sit on its first lines);
    - goes on in a column whose line above stopped short: its first word would
      have fitted there (`widths` are the columns' widths), so the line above
      ended its text ("Strategic Objective" / "Working with partners …"; the
      TAB export's own rows of samples/000 "Hate Crime" printed in one cell);
    - starts every cell afresh (capital, digit or mark) where the cells above
      it had ended ("… delaying this." / "Explore offer from …").
    """
    first, above = row[0], row[-1]
    filled = [c for c, text in enumerate(line) if text]
    if not filled:
        return False
    if line[0] and (not first[0] or (not above[0] and any(r[0] for r in row))):
        return True
    if line[0] and (is_header_cells(_joined_cells(row)) or above[0].endswith(":")):
        # A header's rows end where the names start; "Label:  value" lines
        # (cover sheets) are a row each.
        return True
    if (
        filled == [0]
        and FRESH_START.match(line[0])
        and len(row) == 1
        and sum(1 for text in first if text) >= STRUCTURAL_CELLS
        and not any(below[1:])
    ):
        # A row of one line across the table (a theme heading split over its
        # cells) and a name under it that goes on alone: the next row.
        return True
    used = {c for r in row for c, text in enumerate(r) if text}
    if any(c not in used for c in filled):
        return True
    if any(_bare(line[c]) and any(_bare(r[c]) for r in row) for c in filled):
        return True
    if any(_stopped_short(above[c], line[c], widths[c]) for c in filled if widths):
        return True
    if not line[0] and _restarts(row, line, filled):
        return True
    if len(filled) < 2 or not all(FRESH_START.match(line[c]) for c in filled):
        return False
    if line[0] and above[0] and ENDED.search(above[0]):
        return True
    others = [above[c] for c in filled if c and above[c]]
    if line[0] and others and all(ENDED.search(t) for t in others):
        # The name column can stop mid-word ("… crime and oth") where the
        # row's other cells end their sentences.
        return True
    return any(_bare(line[c]) for c in filled) and all(_ended(above[c]) for c in filled)


def _stopped_short(above: str, text: str, width: int) -> bool:
    """The line above ended before the column did: `text`'s first word fitted."""
    if not above or _bare(text):
        return False
    return len(above) + 1 + len(text.split()[0]) <= SHORT_LINE * width


def _restarts(row: Sequence[list[str]], line: list[str], filled: list[int]) -> bool:
    """Cells that start again, afresh, in columns whose text ended a sentence
    lines before: the next row, its first columns left blank to be filled
    down (samples/text/002-layout line 147: "Identify any critical gaps …")."""
    above = row[-1]
    again = [c for c in filled if not above[c] and any(r[c] for r in row)]
    if not again or not all(FRESH_START.match(line[c]) for c in filled):
        return False
    # The row's text ended a sentence in a column the line goes on in.
    return any(
        SENTENCE_END.search([r[c] for r in row if r[c]][-1]) is not None
        for c in filled
        if any(r[c] for r in row)
    )


def _carried(own: Sequence[int], carried: Sequence[int]) -> list[int] | None:
    """The columns of the table before, moved to where this region prints them,
    when each of this region's columns is one of those (a table that goes on
    after a page break may be laid out a few characters apart).

    Columns that match nothing after the last one that does are spread over
    the table's remaining columns in proportion, its last column last:
    samples/text/002-layout's last page prints the marks of the page before's
    Q1-Q4 (190, 200, 209, 215) at 187, 192 and 202 (Q1, Q2, Q4).
    """
    if len(carried) < 2 or not own:
        return None
    moved = list(carried)
    k = 0
    for j, x in enumerate(own):
        while k < len(carried) and carried[k] < x - CARRY_TOLERANCE:
            k += 1
        if k == len(carried) or abs(carried[k] - x) > CARRY_TOLERANCE:
            return _spread(own, carried, moved, j, k) if j else None
        moved[k] = x
        k += 1
    return moved if moved == sorted(set(moved)) else None


def _spread(
    own: Sequence[int], carried: Sequence[int], moved: list[int], j: int, k: int
) -> list[int] | None:
    """`own[j:]` placed on `carried[k:]` in proportion to where they stand
    between the last matched column and the last column."""
    o_a, c_a = own[j - 1], carried[k - 1]
    o_z, c_z = own[-1], carried[-1]
    if o_z <= o_a or c_z <= c_a or len(own) - j > len(carried) - k:
        return None
    # Every remaining column first moves in proportion; the printed ones then
    # take their exact places.
    for i in range(k, len(carried)):
        moved[i] = round(o_a + (carried[i] - c_a) * (o_z - o_a) / (c_z - c_a))
    taken = k - 1
    for x in own[j:]:
        target = c_a + (x - o_a) * (c_z - c_a) / (o_z - o_a)
        options = range(taken + 1, len(carried))
        best = min(options, key=lambda i: abs(carried[i] - target), default=None)
        if best is None:
            return None
        moved[best] = x
        taken = best
    return moved if moved == sorted(set(moved)) else None


def _table_lines(
    lines: Sequence[str],
    indexes: Sequence[int],
    pages: Sequence[int],
    carried: Sequence[int] = (),
) -> tuple[list[PrintedLine], list[int]]:
    """The rows of one table region as printed lines, and its column starts.

    A region whose fragments all start at the columns of the table before it
    goes on with that table after a page break or a blank line, even where
    its first columns are blank (samples/text/002-layout line 215).
    """
    region = [fragments(lines[i]) for i in indexes]
    own = column_starts(region, [lines[i] for i in indexes])
    starts = _carried(own, carried) or own
    width = max(len(starts), 2)
    split = [cells_of(lines[i], starts, width, own) for i in indexes]
    # How wide each column really is: its longest line.
    widths = [max(len(cells[c]) for cells in split) for c in range(width)]
    out: list[PrintedLine] = []
    row: list[list[str]] = []
    first = last = indexes[0]
    for k, i in enumerate(indexes):
        cells = split[k]
        below = split[k + 1] if k + 1 < len(split) else ()
        if row and starts_row(row, cells, below, widths):
            out.append(_joined(row, first, last, pages[first]))
            row = []
        if not row:
            first = i
        row.append(cells)
        last = i
    if row:
        out.append(_joined(row, first, last, pages[first]))
    return out, starts


def _joined_cells(row: Sequence[list[str]]) -> tuple[str, ...]:
    return tuple(" ".join(r[c] for r in row if r[c]) for c in range(len(row[0])))


def _joined(row: Sequence[list[str]], first: int, last: int, page: int) -> PrintedLine:
    return PrintedLine(_joined_cells(row), first + 1, last + 1, page)


def _is_table(lines: Sequence[str], indexes: Sequence[int]) -> bool:
    return any(len(fragments(lines[i])) >= 2 for i in indexes)


def printed_lines(lines: Sequence[str]) -> list[PrintedLine | None]:
    """The text's printed lines, tables' rows joined; None for a blank line.

    Running headers and footers are blank lines here.
    """
    clean = [line.replace("\f", "").expandtabs() for line in lines]
    pages = pages_of(lines)
    dropped = running_lines(clean, pages)
    out: list[PrintedLine | None] = []
    starts: list[int] = []
    i = 0
    while i < len(clean):
        if i in dropped or not clean[i].strip():
            out.append(None)
            i += 1
            continue
        j = i
        while j < len(clean) and clean[j].strip() and j not in dropped:
            j += 1
        region = list(range(i, j))
        if _is_table(clean, region):
            rows, starts = _table_lines(clean, region, pages, starts)
            out.extend(rows)
        else:
            starts = []
            out.extend(
                PrintedLine((" ".join(clean[k].split()),), k + 1, k + 1, pages[k])
                for k in region
            )
        i = j
    return out
