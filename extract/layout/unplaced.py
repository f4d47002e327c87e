"""Cells of space-aligned text whose column cannot be told: a rating mark
under no one of a header's quarter labels, or a fragment that runs over a
column start where more than one word could begin the next column's text.
A row that holds one is left unread rather than placed by guess.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from collections.abc import Set as AbstractSet

from extract.layout.headers import is_header_cells
from extract.layout.text_columns import (
    EARLY_START,
    LATE_START,
    LETTER,
    MARK,
    MARK_CHARS,
    NO_WORDS,
    QUARTER,
    QUARTER_LABEL,
    X_TOLERANCE,
    Fragment,
    opens_column,
    starts_word,
    told_by_siblings,
)
from normalise.text import offsets
from normalise.vocabulary import RATING_WORD

# Quarter column labels alone ("Rating Rating Rating", "Q1 Q2"): header
# text, read by no recogniser as a value, wherever it is cut.
LABEL_WORDS = re.compile(rf"(?:(?:{QUARTER}|{RATING_WORD})(?: |$))+")
# A cell that goes on with a lower-case word ("progressed to"), not "n/a".
LOWER_START = re.compile(r"^(?!n/a\b)[a-z]")
# A cell's line that ends where an HTML paragraph opens, a word into it: "… in
# the Ballroom at <p>The", the rest of that paragraph's first line printed as
# the next cell's ("programme will be designed …").
OPENS_AT_END = re.compile(r"<(?:p|li)\b[^<>]*>\s*[^\s<>]+$", re.IGNORECASE)
# A quarter's label opening a paragraph: "<p>Q2", "<p>Quarter".
QUARTER_OPENING = re.compile(r"<(?:p|li)\b[^<>]*>\s*(?:Q[1-4]\b|Quarter\b)", re.I)


def tight_labels(frags: Sequence[Fragment]) -> list[Fragment]:
    """The quarter labels of a header line set one space apart ("Q1 Q2 Q3 Q4"):
    labels narrower than their columns, squeezed together by pdftotext, so
    that a position between two of them (or past the last) tells no column."""
    labels = [f for f in frags if QUARTER_LABEL.fullmatch(f.text)]
    tight = {
        id(f)
        for a, b in zip(labels, labels[1:], strict=False)
        if b.x0 - a.x1 == 1
        for f in (a, b)
    }
    return [f for f in labels if id(f) in tight]


def misplaced_marks(region: Sequence[Sequence[Fragment]]) -> set[int]:
    """Lines of a region (indexes) below a header of tight quarter labels that
    print a rating mark under no one label: its quarter cannot be told
    (samples/text/002-browser-layout line 159: "✓" at 106 between "Q2" at
    104 and "Q3" at 107, a Q2 mark; line 174: "✓" at 113, past "Q4" at
    110, a Q3 mark)."""
    out: set[int] = set()
    labels: list[Fragment] = []
    for k, frags in enumerate(region):
        tight = tight_labels(frags)
        if tight:
            labels = tight
            continue
        if not labels:
            continue
        for f in frags:
            if MARK.fullmatch(f.text) and not _under_one(f, labels):
                out.add(k)
    return out


def _under_one(f: Fragment, labels: Sequence[Fragment]) -> bool:
    return sum(1 for lab in labels if f.x0 < lab.x1 and lab.x0 < f.x1) == 1


def overflowing(
    region: Sequence[Sequence[Fragment]],
    split: Sequence[Sequence[str]],
    cuts: Sequence[int],
) -> bool:
    """Whether a table region prints its header's labels run together: quarter
    labels one space apart, or a header line whose text runs over a column
    start ("Annual Annual Target", samples/text/000_…-browser-layout line 3).
    Its cells overflow their columns, so where one ends cannot be told by
    position alone."""
    for frags, cells in zip(region, split, strict=True):
        if tight_labels(frags):
            return True
        if is_header_cells(cells) and any(f.x0 < s < f.x1 for f in frags for s in cuts):
            return True
    return False


def doubtful_cut(
    line: str,
    frags: Sequence[Fragment],
    cuts: Sequence[int],
    told: Mapping[int, frozenset[str]] | None = None,
) -> bool:
    """Whether a fragment of the line runs over a column start where no word
    starts exactly, and more than one word starts near enough to begin the
    next column's text (samples/text/000_…-browser-layout line 36: "Q1
    (24.07.17) Q2 (10.10.17)" over the Quarter 2 column, where "Q2" and
    "(10.10.17)" both start a few characters before it), unless one of them
    alone opens as the column's label does (`told`, see
    `text_columns.opening_words`)."""
    for f in frags:
        if LABEL_WORDS.fullmatch(f.text):
            continue
        for s in cuts:
            if not f.x0 < s < f.x1 or starts_word(line, s):
                continue
            span = range(max(f.x0 + 1, s - EARLY_START), min(f.x1, s + LATE_START + 1))
            near = [x for x in span if starts_word(line, x)]
            if (
                len(near) > 1
                and told_by_siblings(line, f, near, frags) is None
                and not _told_by_label(
                    line, near, told.get(s, NO_WORDS) if told else NO_WORDS
                )
            ):
                return True
    return False


def _told_by_label(line: str, near: Sequence[int], told: frozenset[str]) -> bool:
    """Whether one of the words `near` a column start, alone, opens as the
    column's label does (`text_columns.opening_words`)."""
    return sum(1 for x in near if opens_column(line, x, told)) == 1


def stray_marks(
    region: Sequence[Sequence[Fragment]], starts: Sequence[int]
) -> set[int]:
    """Lines (indexes) below a header of quarter labels that print a mark a
    few characters before a label's start, yet in another column: the last
    word of a cell's text ("… front line staff ▶", samples/text/003_…-browser-
    layout line 143) or a figure alone ("5" three characters before "Q1",
    000_…-browser-layout line 282), or a mark run into a cell's text further
    before the first label (tests/fixtures/writerlayout/002_…-writer-layout
    line 152: "… to safeguard ✓" six characters before "Q1"). It may rate
    that quarter or belong to the text: which cannot be told."""
    out: set[int] = set()
    labels: list[int] = []
    for k, frags in enumerate(region):
        found = [f.x0 for f in frags if QUARTER_LABEL.fullmatch(f.text)]
        if len(found) >= 2:
            labels = found
            continue
        if labels and _one_under_each(frags, labels):
            if _left_before(frags, labels):
                # Symbols one under each label, not set at them
                # (`marks_at_labels` found one near another label).
                out.add(k)
            continue
        for f in frags if labels else ():
            x = _mark_at(f)
            if x is None or _under_label(_column_start(f, starts), labels):
                continue
            if any(0 < lx - x <= EARLY_START for lx in labels) or (
                x != f.x0 and x < min(labels)
            ):
                out.add(k)
    return out


def marks_at_labels(region: Sequence[Sequence[Fragment]]) -> list[list[Fragment]]:
    """The region's lines, those below a header of quarter labels that print
    a mark for every label, in order, each at most EARLY_START before it
    (`_one_under_each`), with each lone mark set at its label's start: a
    mark centred a little before its label is that label's, not the column
    before's (tests/fixtures/portrait/v002_003-portrait-layout line 195:
    "▶" at 124 under "Q1" at 127, beside an Outcomes cell). Only where every
    mark so moved is clear of the header's other labels: one printed under
    or just after another label ("▲" at 96 under "DoT" at 93-96, "✓" at
    102 just after "Q1" at 100-102) may be that label's; so may a mark in
    the place of a column that prints no words below the header ("▲" at 98
    under a "DoT" at 88, two before "Q1": a direction-of-travel mark)."""
    out: list[list[Fragment]] = []
    labels: list[int] = []
    header: list[Fragment] = []
    for k, frags in enumerate(region):
        found = [f.x0 for f in frags if QUARTER_LABEL.fullmatch(f.text)]
        if len(found) >= 2:
            labels = found
            header = _worded(frags, region[k + 1 :])
        elif (
            labels
            and _one_under_each(frags, labels)
            and all(MARK.fullmatch(f.text) for f, _ in _lone_marks(frags, labels))
        ):
            # Symbols only: figures of up to three digits count as marks
            # there, but a row of figures set to the right ends a few
            # characters before each next label just as well.
            moved = _at_labels(frags, labels)
            if all(_clear(f, g, header) for f, g in zip(frags, moved, strict=True)):
                frags = moved
        out.append(list(frags))
    return out


def _worded(
    header: Sequence[Fragment], below: Sequence[Sequence[Fragment]]
) -> list[Fragment]:
    """The header's labels whose columns print words below it (an Outcomes
    column's text), each kept; the others (a "DoT" column of marks) as
    labels that reach to the next label's start."""
    out: list[Fragment] = []
    for n, h in enumerate(header):
        end = header[n + 1].x0 if n + 1 < len(header) else None
        words = any(
            h.x0 - X_TOLERANCE <= f.x0 and (end is None or f.x0 < end)
            for frags in below
            for f in frags
            if LETTER.search(f.text)
        )
        out.append(h if words or end is None else Fragment(h.text, h.x0, end - 1))
    return out


def _clear(f: Fragment, moved: Fragment, header: Sequence[Fragment]) -> bool:
    """A mark moved from `f` to `moved` was printed clear of every other
    label of the header: not under one (a label of a column without words
    reaches to the next, see `_worded`), nor LATE_START after its end."""
    if moved.x0 == f.x0:
        return True
    return not any(
        h.x0 != moved.x0 and h.x0 <= f.x0 + X_TOLERANCE and f.x0 <= h.x1 + LATE_START
        for h in header
    )


def _at_labels(frags: Sequence[Fragment], labels: Sequence[int]) -> list[Fragment]:
    """The line's fragments, each lone mark set at its label's start; a mark
    run into text stays with its text."""
    moved = {id(f): x for f, x in _lone_marks(frags, labels)}
    return [
        Fragment(f.text, moved[id(f)], moved[id(f)] + len(f.text))
        if id(f) in moved
        else f
        for f in frags
    ]


def _lone_marks(
    frags: Sequence[Fragment], labels: Sequence[int]
) -> list[tuple[Fragment, int]]:
    """The line's marks printed alone, not run into text, each with the start
    of the label of its rank among the line's marks (one under each label,
    `_one_under_each`)."""
    ranked = [f for f in frags if _mark_at(f) is not None]
    return [(f, x) for f, x in zip(ranked, labels, strict=True) if _mark_at(f) == f.x0]


def _left_before(frags: Sequence[Fragment], labels: Sequence[int]) -> bool:
    """Whether a symbol alone is still printed before its label: one
    `marks_at_labels` left where it was, as it may be the label's before (a
    "DoT" column's, or Q1's under "Q2")."""
    return any(
        MARK.fullmatch(f.text) and x - f.x0 > X_TOLERANCE
        for f, x in _lone_marks(frags, labels)
    )


def _one_under_each(frags: Sequence[Fragment], labels: Sequence[int]) -> bool:
    """The line prints a mark for every label, in order, each at its label's
    start or up to EARLY_START before it: a mark run into the text before it
    is the first quarter's (samples/text/003_…-browser-layout line 143:
    "… front line staff ▶" ending at 97, "▶" at 105, under "Q1" at 98 and
    "Q2" at 105)."""
    marks = [x for f in frags if (x := _mark_at(f)) is not None]
    return len(marks) == len(labels) and all(
        0 <= lx - x <= EARLY_START for x, lx in zip(marks, labels, strict=True)
    )


def _mark_at(f: Fragment) -> int | None:
    """Where a fragment prints a mark: all of it (a symbol, or a figure of at
    most MARK_CHARS characters), or a symbol glyph as its last word."""
    if MARK.fullmatch(f.text) or (len(f.text) <= MARK_CHARS and f.text.isdigit()):
        return f.x0
    last = f.text.rsplit(" ", 1)[-1]
    if len(last) == 1 and unicodedata.category(last) == "So" and last != f.text:
        return f.x1 - 1
    return None


def _column_start(f: Fragment, starts: Sequence[int]) -> int | None:
    return next((s for s in starts if abs(s - f.x0) <= X_TOLERANCE), None)


def _under_label(start: int | None, labels: Sequence[int]) -> bool:
    """A column that starts where a label does, give or take X_TOLERANCE
    (samples/text/002_…-browser-layout: "20" at 43 in the column at 43,
    under "Q1" at 44)."""
    return start is not None and any(abs(lx - start) <= X_TOLERANCE for lx in labels)


def paragraph_rejoined(
    cells: list[str], frags: Sequence[Fragment], printed: Collection[int] = ()
) -> list[str]:
    """A line's cells with an HTML paragraph cut after its first word put
    together again: where a cell ends with the paragraph's opening tag and a
    word, and the next cell with text goes on in lower case, the two printed
    one space apart in one of the line's fragments (`frags`), and the next
    cell's text was cut where no cell of the table starts its text as
    printed (`printed`, labels aside), the tag and word begin the next cell.
    Cells set so close (a title column's text run into the Outcomes
    column's: "… in the Ballroom at <p>The programme will be …", the fuzz's
    v002_001 as `pdftotext -layout` prints it) are cut at a word near the
    column's label, a word or more into the next cell's text, wherever the
    label is set. Left as cut: cells set apart ("… companies</p> <p>Q1
    option", the Outcomes cell's "FRP" wrapped), a next cell cut where the
    column's other cells start ("… <p>The" | "reports of …", its wrapped
    text), and a quarter's label ("<p>Q2"), which opens a progress paragraph
    at the end of its line."""
    return paragraphs_mended(cells, frags, frozenset(printed))[0]


def paragraphs_mended(
    cells: list[str], frags: Sequence[Fragment], printed: AbstractSet[int]
) -> tuple[list[str], bool]:
    """`paragraph_rejoined`'s cells, and whether a cut it left as it is falls
    where another cell of the table starts its text: whether "… at <p>The" |
    "programme will be …" is a paragraph cut after its first word or a
    cell's wrapped text beside a paragraph that opens at its line's end
    cannot be told, so the line is reported rather than read either way."""
    filled = [c for c, text in enumerate(cells) if text]
    out = list(cells)
    doubtful = False
    for a, b in zip(filled, filled[1:], strict=False):
        cut = _paragraph_cut(out[a], out[b], frags)
        if cut is None:
            continue
        m, at = cut
        if printed.isdisjoint(at):
            out[a] = out[a][: m.start()].rstrip()
            out[b] = f"{m[0]} {out[b]}"
        else:
            doubtful = True
    return out, doubtful


def _paragraph_cut(
    before: str, after: str, frags: Sequence[Fragment]
) -> tuple[re.Match[str], list[int]] | None:
    """Where cell `before` ends with a paragraph's opening tag and a word
    (no quarter label), `after` goes on in lower case and the line prints
    the two one space apart in one fragment: the tag and word, and where
    `after`'s text starts on the line."""
    m = OPENS_AT_END.search(before)
    if m is None or LOWER_START.match(after) is None or QUARTER_OPENING.match(m[0]):
        return None
    word = m[0].split()[-1]
    joined = f"{word} {after.split()[0]}"
    at = [f.x0 + k + len(word) + 1 for f in frags for k in offsets(f.text, joined)]
    return (m, at) if at else None


def unread_rows(
    firsts: Sequence[Sequence[str]], doubtful: Sequence[bool]
) -> list[bool]:
    """Which rows of a table are left unread, given each row's first line
    (cells) and whether a line of it has a doubtful cell: those rows, the
    rows after one that go on with it, and the row before one whose first
    line goes on with that row (it is the rest of the same row), unless that
    is the table's header."""
    unread = list(doubtful)
    for k in range(1, len(unread)):
        if unread[k - 1] and (_goes_on(firsts[k]) or _continues(firsts[k])):
            unread[k] = True
    for k in range(len(unread) - 1, 0, -1):
        if unread[k] and _continues(firsts[k]) and not is_header_cells(firsts[k - 1]):
            unread[k - 1] = True
    return unread


def _goes_on(cells: Sequence[str]) -> bool:
    """A row whose first cell starts in lower case or with a digit: the rest
    of the row above, wrapped ("spend  approved by Cabinet" under
    "Permission to  Permission to Spend report")."""
    first = next((c.strip() for c in cells if c.strip()), "")
    return first[:1].islower() or first[:1].isdigit()


def _continues(cells: Sequence[str]) -> bool:
    """A line whose name, or most of whose cells, start in lower case: the
    wrapped rest of the row above, however its name begins (samples/text/
    002_…-browser-layout line 101 "Duty  progressed to  from 82, …" under
    "(HRA) % of Main")."""
    filled = [c for c in cells if c]
    lower = sum(1 for c in filled if LOWER_START.match(c))
    return bool(filled) and (filled[0][:1].islower() or 2 * lower > len(filled))
