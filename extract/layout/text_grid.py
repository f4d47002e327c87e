"""Space-aligned text -> printed lines of cells: the geometry of `pdftotext -layout`.

A layout text prints each table cell at a fixed character column and wraps a
long cell onto the lines below, in the same column; blank lines part tables
and paragraphs, form feeds part pages. This module drops running headers and
footers, finds the tables, and prints each table row (its columns from
`text_columns`, its lines from `text_rows`) as the TAB line a text export
would print, for `tab_rows.build_rows`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import NamedTuple

from extract.layout.carried import carried_columns
from extract.layout.headers import is_header_cells, is_label
from extract.layout.packed_values import placed_values
from extract.layout.packed_words import aligned_cuts, labelled, placed_words
from extract.layout.page_marks import moved_marks, placed_marks
from extract.layout.pages import pages_of, running_lines
from extract.layout.printed_headings import Headings, heading_starts, printed_headings
from extract.layout.right_set import columns_at_labels
from extract.layout.text_columns import (
    CARRY_TOLERANCE,
    FIGURE,
    MARK,
    PAGE_SHIFT,
    STRUCTURAL_CELLS,
    X_TOLERANCE,
    Fragment,
    cells_of,
    column_of,
    column_starts,
    fragments,
    mark_columns_under_labels,
    one_run,
    opening_words,
    split_labels,
    worded_starts,
)
from extract.layout.text_rows import (
    joined_cells,
    marks_above,
    rating_marks,
    starts_row,
)
from extract.layout.unplaced import (
    doubtful_cut,
    marks_at_labels,
    misplaced_marks,
    overflowing,
    paragraphs_mended,
    stray_marks,
    unread_rows,
)

# Columns are set this many spaces apart at least somewhere in a table; words
# of justified prose two or three.
TABLE_GAP = 4


# A named tuple, not a dataclass: a report of prose makes one a line, and a
# tuple is made in a third of the time.
class PrintedLine(NamedTuple):
    """A printed line of cells and the input lines (1-based) it was read from."""

    cells: tuple[str, ...]
    line_start: int
    line_end: int
    page: int
    # Its cells could not be told apart (a mark under no column): no cells,
    # and the row is reported as unread.
    unread: bool = False
    # A cell of it printed where more than one column could be its own: read
    # by proportion, and reported as uncertain.
    guessed: bool = False


class Carried(NamedTuple):
    """A table's column starts and the columns its last row filled: what a
    region that goes on with the table is read by."""

    starts: tuple[int, ...] = ()
    filled: tuple[int, ...] = ()
    # The page of the table's last line.
    page: int = 0


def _table_lines(
    lines: Sequence[str],
    indexes: Sequence[int],
    region: Sequence[list[Fragment]],
    pages: Sequence[int],
    headings: Callable[[], Headings],
    carried: Carried,
) -> tuple[list[PrintedLine], Carried]:
    """The rows of one table region as printed lines, and its columns.

    A region whose fragments all start at the columns of the table before it
    goes on with that table after a page break or a blank line, even where
    its first columns are blank (samples/text/002-layout line 215).
    """
    own = column_starts(region, [lines[i] for i in indexes])
    own = columns_at_labels(region, mark_columns_under_labels(region, own))
    # On a new page the table may be set a few characters off throughout.
    shift = PAGE_SHIFT if pages[indexes[0]] != carried.page else 0
    carry = carried_columns(own, carried.starts, carried.filled, shift)
    starts = carry.starts if carry else own
    width = max(len(starts), 2)
    cuts = worded_starts(region, own)
    heads = labelled(region, cuts)
    region = [
        placed_words(placed_values(frags, starts, cuts), starts, heads)
        for frags in region
    ]
    region = marks_at_labels(aligned_cuts(region, cuts))
    told = opening_words(region, cuts)
    # Where the table's cells start their text as printed, labels aside: a
    # column's own text may start before its label (`paragraph_rejoined`).
    printed = frozenset(f.x0 for frags in region for f in frags if not is_label(f.text))
    mended = [
        paragraphs_mended(
            cells_of(lines[i], starts, width, cuts, frags, told), frags, printed
        )
        for i, frags in zip(indexes, region, strict=True)
    ]
    split = [cells for cells, _ in mended]
    misplaced = {
        i for i, (_, doubtful) in zip(indexes, mended, strict=True) if doubtful
    }
    misplaced |= {indexes[k] for k in misplaced_marks(region)}
    misplaced |= {indexes[k] for k in stray_marks(region, starts)}
    guessed = (
        {
            i
            for i, frags in zip(indexes, region, strict=True)
            if any(
                MARK.fullmatch(f.text) and column_of(f, starts) in carry.guessed
                for f in frags
            )
        }
        if carry and carry.guessed
        else set()
    )
    if overflowing(region, split, cuts):
        misplaced |= {
            i
            for i, frags in zip(indexes, region, strict=True)
            if doubtful_cut(lines[i], frags, cuts, told)
        }
    # How wide each column really is: its longest line of those cut surely
    # (samples/text/002_…-browser-layout line 311 runs "Prioritise and draw
    # Schemes" together: the milestones column looked 28 characters wide).
    sure = [
        cells for i, cells in zip(indexes, split, strict=True) if i not in misplaced
    ]
    widths = [max((len(cells[c]) for cells in sure), default=0) for c in range(width)]
    headed = heading_starts(split, indexes, headings)
    groups: list[tuple[list[list[str]], int, int]] = []
    # Whether the last row began with rating marks alone on a line above its
    # name: under the header's quarter labels (`marks_above`), or, once the
    # table's first row printed its marks so (`raised`), under another row.
    marks_first = raised = False
    for k, i in enumerate(indexes):
        cells = split[k]
        below = split[k + 1] if k + 1 < len(split) else ()
        if (
            not groups
            or k in headed
            or starts_row(groups[-1][0], cells, below, widths, marks_first=marks_first)
        ):
            above = (
                bool(groups) and k not in headed and marks_above(groups[-1][0], cells)
            )
            raised = raised or above
            marks_first = above or (raised and k not in headed and rating_marks(cells))
            groups.append(([], i, i))
        rows, first, _ = groups[-1]
        rows.append(cells)
        groups[-1] = (rows, first, i)
    out: list[PrintedLine] = []
    doubtful = [_any_in(misplaced, first, last) for _, first, last in groups]
    for (rows, first, last), unread in zip(
        groups, unread_rows([rows[0] for rows, _, _ in groups], doubtful), strict=True
    ):
        if unread:
            out.append(PrintedLine((), first + 1, last + 1, pages[first], unread=True))
        else:
            out.append(
                PrintedLine(
                    joined_cells(rows),
                    first + 1,
                    last + 1,
                    pages[first],
                    guessed=_any_in(guessed, first, last),
                )
            )
    filled = {c for cells in groups[-1][0] for c, text in enumerate(cells) if text}
    return out, Carried(tuple(starts), tuple(sorted(filled)), pages[indexes[-1]])


def _any_in(lines: set[int], first: int, last: int) -> bool:
    """Whether any line from `first` to `last` is one of `lines`."""
    return any(i in lines for i in range(first, last + 1))


def _is_table(split: Sequence[list[Fragment]]) -> bool:
    """A region with a column gap: a line whose cells are set apart by a wide
    gap, or two lines with two cells that start at the same places. Justified
    prose, which pdftotext spreads with gaps of two or three spaces between
    words, is no table."""
    if any(_widest_gap(frags) >= TABLE_GAP for frags in split):
        return True
    starts = [tuple(f.x0 for f in frags) for frags in split if len(frags) >= 2]
    return len(starts) != len(set(starts))


def _widest_gap(frags: Sequence[Fragment]) -> int:
    if len(frags) < 2:
        return 0  # a line of prose
    return max((b.x0 - a.x1 for a, b in zip(frags, frags[1:], strict=False)), default=0)


def printed_lines(lines: Sequence[str]) -> list[PrintedLine | None]:
    """The text's printed lines, tables' rows joined; None for a blank line.

    Running headers and footers are printed lines of no cells.
    """
    clean = [line.replace("\f", "").expandtabs() for line in lines]
    texts = [line.strip() for line in clean]
    pages = pages_of(lines)
    running = running_lines(clean, pages)
    dropped = running - _table_headers(clean, running)
    headings = cache(lambda: printed_headings(clean))
    marks = placed_marks(clean, pages)
    out: list[PrintedLine | None] = []
    carried = Carried()
    i = 0
    while i < len(clean):
        if i in dropped:
            # Furniture prints nothing, but keeps its place: the rows around
            # it stay on their own lines, and a table runs on across it.
            out.append(PrintedLine((), i + 1, i + 1, pages[i]))
            i += 1
            continue
        if not texts[i]:
            out.append(None)
            i += 1
            continue
        j = i
        while j < len(clean) and texts[j] and j not in dropped:
            j += 1
        for k in _reset_after_break(clean, pages, i, j):
            # Set again at other columns: the places its page's marks were
            # told by are no longer where it prints them.
            texts[k] = clean[k].strip()
            marks.pop(k, None)
        if all(map(one_run, texts[i:j])):
            # A paragraph, each line one fragment: no table (see `_is_table`),
            # and each line's text is its one cell (most of a report of prose).
            carried = Carried()
            out.extend(
                PrintedLine((texts[k],), k + 1, k + 1, pages[k]) for k in range(i, j)
            )
        else:
            carried = _region_lines(
                clean, range(i, j), pages, headings, carried, out, marks
            )
        i = j
    return out


def _reset_after_break(clean: list[str], pages: Sequence[int], i: int, j: int) -> range:
    """Lines `i`..`j` (no blank line between) with those after a page break
    that sets as many columns as the lines before it, at most half of them
    where those do (within CARRY_TOLERANCE), set again at the columns before,
    in order: one table that the break cut, laid out afresh on the new page
    (tests/fixtures/writerlayout/000_…-writer-layout line 279: a status
    grid's header goes on over its counts with columns at 0, 12, 21, 65 and
    74, where lines 276-278 set them at 0, 16, 33, 95 and 117). The lines
    set again."""
    for k in range(i + 1, j):
        if pages[k] == pages[k - 1]:
            continue
        a = column_starts([fragments(clean[n]) for n in range(i, k)])
        after = [fragments(clean[n]) for n in range(k, j)]
        b = column_starts(after)
        shared = [x for x in b if any(abs(x - y) <= CARRY_TOLERANCE for y in a)]
        if len(a) != len(b) or len(b) < STRUCTURAL_CELLS or 2 * len(shared) > len(b):
            return range(0)
        moved = [_set_at(frags, b, a) for frags in after]
        if all(m is not None for m in moved):
            clean[k:j] = [m for m in moved if m is not None]
            return range(k, j)
        return range(0)
    return range(0)


def _set_at(
    frags: Sequence[Fragment], own: Sequence[int], to: Sequence[int]
) -> str | None:
    """A line of `frags`, each starting at a column of `own`, set again with
    each at the same column of `to`; None if one starts at no column of
    `own` or two would run together."""
    line = ""
    for f in frags:
        col = next((c for c, x in enumerate(own) if abs(f.x0 - x) <= X_TOLERANCE), None)
        if col is None or (line and to[col] < len(line) + 2):
            return None
        line = line.ljust(to[col]) + f.text
    return line


def _table_headers(clean: Sequence[str], dropped: set[int]) -> set[int]:
    """Of the lines taken for running headers and footers (`dropped`), those
    that run on, with no blank line, into a line of figures in columns, one
    of them set in columns too: a table's header, which a page break happens
    to cut where it cuts the same table of another part of the report
    (tests/fixtures/writerlayout/000_…-writer-layout lines 211-213 and
    277-279: each plan's "Project completed  Project on target …" over its
    counts)."""
    out: set[int] = set()
    run: list[int] = []
    for i, line in enumerate(clean):
        if not line.strip():
            run = []
        elif i in dropped:
            run.append(i)
        elif run and _columned(line, figures=True):
            if any(_columned(clean[k]) for k in run):
                out.update(run)
            run = []
        else:
            run = []
    return out


def _columned(line: str, figures: bool = False) -> bool:
    """A line of STRUCTURAL_CELLS fragments or more, each a figure if
    `figures`."""
    frags = fragments(line)
    return len(frags) >= STRUCTURAL_CELLS and (
        not figures or all(FIGURE.fullmatch(f.text) for f in frags)
    )


def _region_lines(
    clean: Sequence[str],
    region: Sequence[int],
    pages: Sequence[int],
    headings: Callable[[], Headings],
    carried: Carried,
    out: list[PrintedLine | None],
    marks: Mapping[int, Mapping[int, int]],
) -> Carried:
    """Print a region of lines with no blank line between onto `out`: a
    table's rows, with the paragraph above it, or prose. The table's columns,
    to carry on to the next region; none after prose."""
    split = [moved_marks(fragments(clean[k]), marks.get(k)) for k in region]
    table = _is_table(split)
    if table:
        split = [split_labels(frags) for frags in split]
        lead = _leading_prose(clean, region, split)
        out.extend(_prose(clean, region[:lead], pages, split[:lead]))
        region, split = region[lead:], split[lead:]
        table = bool(region) and (not lead or _is_table(split))
    if not table:
        out.extend(_prose(clean, region, pages, split))
        return Carried()
    for n, (a, b) in enumerate(_tables(split)):
        # A header printed again sets out a table of its own (samples/text/
        # 002_…-browser-layout line 122, a new page's indicators, each column
        # up to six characters from where line 59 printed it).
        rows, carried = _table_lines(
            clean, region[a:b], split[a:b], pages, headings, Carried() if n else carried
        )
        out.extend(rows)
    return carried


def _tables(split: Sequence[list[Fragment]]) -> list[tuple[int, int]]:
    """The spans of a table region's lines (`split`) that are tables of their
    own: each from a header line printed again, below rows of figures under
    the header before it."""
    bounds = [0]
    header_seen = figures_since = False
    for k, frags in enumerate(split):
        header = len(frags) >= STRUCTURAL_CELLS and is_header_cells(
            [f.text for f in frags]
        )
        if header and header_seen and figures_since:
            bounds.append(k)
        if header:
            header_seen, figures_since = True, False
        elif any(FIGURE.search(f.text) for f in frags):
            figures_since = True
    bounds.append(len(split))
    return list(zip(bounds, bounds[1:], strict=False))


def _prose(
    lines: Sequence[str],
    indexes: Sequence[int],
    pages: Sequence[int],
    split: Sequence[list[Fragment]],
) -> list[PrintedLine | None]:
    """Lines of prose: each a printed line of one cell. A line of one
    fragment (`split[n]` for `indexes[n]`) is already its words one space
    apart."""
    return [
        PrintedLine(
            (frags[0].text if len(frags) == 1 else " ".join(lines[k].split()),),
            k + 1,
            k + 1,
            pages[k],
        )
        for k, frags in zip(indexes, split, strict=True)
    ]


def _leading_prose(
    lines: Sequence[str], indexes: Sequence[int], split: Sequence[list[Fragment]]
) -> int:
    """How many of a table region's first lines are a paragraph above the
    table, printed with no blank line between: each one run of words, one
    space apart, over two or more of the table's column starts (samples/text/
    002_…-browser-layout lines 55-56 "In the figures produced below …" over
    the indicators' header)."""
    if len(split[0]) != 1:
        return 0
    starts = column_starts(split, [lines[i] for i in indexes])
    n = 0
    for frags in split:
        if (
            len(frags) != 1
            or sum(1 for s in starts if frags[0].x0 < s < frags[0].x1) < 2
        ):
            break
        n += 1
    return n
