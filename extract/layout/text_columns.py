"""Columns of space-aligned text: where a table's columns start and which
column each fragment of a line falls in.

A fragment is text between gaps of two or more spaces; a column starts where
fragments of several lines start. Tight columns set one space apart and text
set a few characters early or late are cut at the column they belong to.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from extract.layout.headers import is_header_cells, label_spans
from extract.readers.symbol_fonts import is_font_code
from normalise.vocabulary import RATING_WORD

LETTER = re.compile(r"[A-Za-z]")
# One figure: "123", "47.5%", "£84,171.24".
FIGURE = re.compile(r"[£$€]?\d[\d,.]*%?")
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
# A table that goes on after a page break keeps its columns within this many
# characters (samples/text/002-layout: 79 before the break, 76 after it).
CARRY_TOLERANCE = 4
# A table that goes on at the top of a new page may print all its columns up
# to this many characters off, by one amount (see `carried.carried_columns`).
PAGE_SHIFT = 8
# A cell's text can start this many characters before its column's start, or
# this many after it (samples/text/002-layout line 193: "… Credit claimants").
EARLY_START = 4
LATE_START = 3


@dataclass(frozen=True, slots=True)
class Fragment:
    text: str
    x0: int
    x1: int


# A header fragment of quarter labels set one space apart ("Q1 Rating Q2 Rating
# Q3 Rating Q4 Rating" in samples/text/000-layout): one label per column.
# "Q1", "Qtr 1", "Quarter 1", perhaps with the rating word after it ("Q1 RAG";
# one before it, "RAG Q1 RAG Q2", cannot be told apart packed one space apart).
QUARTER = r"(?:Q[1-4]|Qtr\.? [1-4]|Quarter [1-4])"
QUARTER_LABEL = re.compile(rf"{QUARTER}(?: {RATING_WORD})?")
QUARTER_LABELS = re.compile(rf"(?:{QUARTER_LABEL.pattern}(?: |$)){{2,}}")
# A rating mark printed alone: "✓", "▲", "\\bigcirc".
MARK = re.compile(r"[^\w\s]{1,3}|\\[a-z]+")
# An HTML tag that opens a cell's paragraph or list: a column starts at its
# "<", never inside it.
OPENING_TAG = re.compile(r"<(?:p|ul|ol|li)\b[^<>]*>", re.IGNORECASE)


def one_run(text: str) -> bool:
    """A line's stripped `text` is one fragment, its words one space apart, as
    most lines of prose are (a line of quarter labels is cut at each label)."""
    return text[:1] != "Q" and " ".join(text.split()) == text


def fragments(line: str) -> list[Fragment]:
    text = line.strip()
    if one_run(text):
        if not text:
            return []
        x0 = len(line) - len(line.lstrip())
        return [Fragment(text, x0, x0 + len(text))]
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


def split_labels(frags: Sequence[Fragment]) -> list[Fragment]:
    """A table line's fragments, those made of column labels set one space
    apart cut into one per label ("Quarter 1 Quarter 2 … Annual Target",
    samples/text/001_…-browser-layout line 6). Only a table's: text without
    columns prints its header as one line of words (`pdftotext -raw`)."""
    out: list[Fragment] = []
    for f in frags:
        spans = label_spans(f.text)
        if spans is None:
            out.append(f)
        else:
            out.extend(Fragment(f.text[a:b], f.x0 + a, f.x0 + b) for a, b in spans)
    return out


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
    lettered: set[int] = set()
    for frags in region:
        for f in frags:
            widest[f.x0] = max(widest.get(f.x0, 0), len(f.text))
            if LETTER.search(f.text) and not _figure_first(f.text):
                lettered.add(f.x0)
    starts: list[tuple[int, set[int], set[int], int]] = []
    worded: set[int] = set()  # starts where words start (see `_figure_first`)
    for x in sorted(lines_at):
        if starts and x - starts[-1][0] <= X_TOLERANCE:
            x0, strong, weak, wide = starts[-1]
            if x in lettered:
                worded.add(x0)
            starts[-1] = (
                x0,
                strong | lines_at[x],
                weak | near[x],
                max(wide, widest[x]),
            )
        else:
            starts.append((x, set(lines_at[x]), set(near[x]), widest[x]))
            if x in lettered:
                worded.add(x)
    kept = [
        (x, strong, wide)
        for x, strong, weak, wide in starts
        if len(strong | weak) >= MIN_COLUMN_LINES
    ]
    if starts and (not kept or kept[0][0] != starts[0][0]):
        kept.insert(0, (starts[0][0], starts[0][1], starts[0][3]))
    return _merged(kept, worded, region)


def mark_columns_under_labels(
    region: Sequence[Sequence[Fragment]], starts: Sequence[int]
) -> list[int]:
    """The starts without those only lone marks make, each under one quarter
    label of the region's header (within EARLY_START before its start or
    LATE_START after its end): a mark centred a little off its label's start
    is that label's column, not one of its own (samples/text/002_…-glyphs-
    layout, from `pdftotext -layout` of the glyphs PDF: "✓" at 195 under "Q1"
    at 190-192, "Q2" at 203). A mark may also print as the code point of the
    symbol font a text export lost ("3" for ZapfDingbats' ✓)."""
    labels = next(
        (
            found
            for frags in region
            if len(found := [f for f in frags if QUARTER_LABEL.fullmatch(f.text)]) >= 2
        ),
        [],
    )
    if not labels:
        return list(starts)
    kept = []
    for x in starts:
        at = [f for frags in region for f in frags if abs(f.x0 - x) <= X_TOLERANCE]
        under = [
            lab for lab in labels if lab.x0 - EARLY_START <= x <= lab.x1 + LATE_START
        ]
        if (
            at
            and all(MARK.fullmatch(f.text) or is_font_code(f.text) for f in at)
            and len(under) == 1
            and abs(under[0].x0 - x) > X_TOLERANCE
        ):
            # The label's column, where the start of its own was taken in
            # with the marks' (tests/fixtures/portrait/v002_003-portrait-
            # layout line 184: "▶" at 124 and "Q1" at 127 made one start).
            if all(abs(s - under[0].x0) > X_TOLERANCE for s in starts):
                kept.append(under[0].x0)
            continue
        kept.append(x)
    return sorted(set(kept))


def _figure_first(text: str) -> bool:
    """A figure, and any words after it another cell's, run on one space
    apart ("100 No target - this is a measure"), not its unit ("116 cases")."""
    words = text.split(" ", 2)
    return not LETTER.search(words[0]) and (len(words) == 1 or words[1][:1].isupper())


def _merged(
    starts: list[tuple[int, set[int], int]],
    worded: set[int],
    region: Sequence[Sequence[Fragment]],
) -> list[int]:
    """Starts a few characters apart that no line prints as two cells are one
    column set a little differently in two rows (samples/text/001-layout lines
    110-116: 54 and 48), a mark centred under its column's label, or numbers
    set to the right under it (each a few characters on from the one before);
    two narrow columns of marks stay apart (✓ at 187 and 192 are Q1 and Q2 on
    samples/text/002-layout's last page).

    A column whose first start only figures make starts where its words
    (`worded`) do when those figures are set to the right in the column
    before (`_set_right`): they end just short of this one ("123" at 54,
    alone in the Quarter 1 column at 28; "Quarter 2" and its cells at 60;
    "100 No target - …" at 159, the Quarter 4 figure run into the Target
    column's text at 163)."""
    out: list[tuple[int, set[int], int, int]] = []  # start, lines, widest, last x
    for x, lines, wide in starts:
        if (
            out
            and x - out[-1][3] < MIN_COLUMN_WIDTH
            and max(wide, out[-1][2]) > MARK_CHARS
            and not (lines & out[-1][1])
        ):
            first, seen, widest, _ = out[-1]
            if (
                first not in worded
                and x in worded
                and len(out) > 1
                and _set_right(first, out[-2][0], seen, region)
            ):
                first = x
            out[-1] = (first, seen | lines, max(wide, widest), x)
        else:
            out.append((x, set(lines), wide, x))
    return [x for x, _, _, _ in out]


def _set_right(
    x: int, before: int, lines: set[int], region: Sequence[Sequence[Fragment]]
) -> bool:
    """Whether the fragments that start at `x` may be figures set to the
    right of the column before (from `before` on): one, or several that end
    together ("76" and "0" ending at 119) where they do not all start
    together (set to the left: "160" and "45" starting at 221 under a
    centred "Annual Target"), each with nothing else of its line in that
    column."""
    at = [
        (k, f)
        for k in lines
        if k >= 0
        for f in region[k]
        if abs(f.x0 - x) <= X_TOLERANCE
    ]
    if not at:
        return False
    if len(at) > 1 and not ends_together([f for _, f in at]):
        return False
    return not any(
        before - X_TOLERANCE <= g.x0 < x - X_TOLERANCE for k, _ in at for g in region[k]
    )


def ends_together(frags: Sequence[Fragment], tolerance: int = 0) -> bool:
    """Whether two fragments or more end together, within `tolerance`
    characters, and do not all start together: figures set to the right
    ("76" and "0" ending at 119, starting at 117 and 118), not to the left
    ("160" and "45" starting at 221)."""
    ends = [f.x1 for f in frags]
    return (
        len(frags) >= 2
        and max(ends) - min(ends) <= tolerance
        and len({f.x0 for f in frags}) > 1
    )


# A column whose label opens with no capitalised word (see `opening_words`).
NO_WORDS: frozenset[str] = frozenset()


def _split_at_columns(
    f: Fragment,
    line: str,
    starts: Sequence[int],
    told: Mapping[int, frozenset[str]] | None = None,
    siblings: Sequence[Fragment] = (),
) -> list[Fragment]:
    """A fragment that runs over a column start is two cells set one space
    apart: tight columns ("Q1 Rating Q2 Rating"), or a cell that starts a few
    characters early (samples/text/000-layout line 159: "… estimated SCC
    Target - 50% Actual – 44.1%", the target column's text). `told` holds
    the words each column's label opens with (`opening_words`), `siblings`
    the line's fragments (see `_word_start`)."""
    out = [f]
    # Where each part is placed: its start, or its column's (see below).
    places = [f.x0]
    cut: int | None
    for s in starts:
        last = out[-1]
        if last.x0 < s < last.x1 and (tag := _tag_across(line, s, last)):
            # A column start inside a tag that opens the next cell's text
            # ("on programme, <ul style="list-style-type: none"> Meet …",
            # the fuzz's v001_001 as `pdftotext -layout` prints it: the
            # Outcomes label starts ten characters into the tag).
            cut, chosen = tag, True
        elif last.x0 < s < last.x1:
            words = told.get(s, NO_WORDS) if told else NO_WORDS
            cut, chosen = _word_start(line, s, last, words, siblings)
        elif s == last.x1 and starts_word(line, s - X_TOLERANCE, last.x0):
            # Its last word starts one character before the column, which
            # ends the fragment where the column starts (samples/text/002_…-
            # browser-layout line 70: "Number of ASB Q", "Q" the frequency).
            cut, chosen = s - X_TOLERANCE, False
        else:
            continue
        if cut is not None:
            out[-1] = Fragment(line[last.x0 : cut - 1].rstrip(), last.x0, cut - 1)
            part = line[cut : last.x1]
            # A figure cut off is the column's, however early it starts (a
            # Writer PDF's -layout text: "Number of fly 123", "123" two
            # characters before the Q1 column), and so is a part the line's
            # cells or the column's label chose ("Q1 24" three before the
            # column, beside "Q2 33"); other words go by their middle.
            early = chosen or FIGURE.fullmatch(part)
            out.append(Fragment(part, cut, last.x1))
            places.append(max(cut, s - X_TOLERANCE) if early else cut)
    return [Fragment(g.text, x0, g.x1) for g, x0 in zip(out, places, strict=True)]


def _tag_across(line: str, s: int, f: Fragment) -> int | None:
    """Where an opening tag of fragment `f` that column start `s` falls
    inside begins, if one does and some text of `f` comes before it."""
    for m in OPENING_TAG.finditer(line, f.x0, f.x1):
        if m.start() >= s:
            return None
        if s < m.end() and m.start() > f.x0:
            return m.start()
    return None


def _word_start(
    line: str,
    s: int,
    last: Fragment,
    told: frozenset[str] = NO_WORDS,
    frags: Sequence[Fragment] = (),
) -> tuple[int | None, bool]:
    """The start of a word of `last` at column start `s`, or of one near it,
    up to EARLY_START before it or LATE_START after it. Where two start near
    it: the one the line's other cells (`frags`) tell
    (`told_by_siblings`: "Hate Crime Incidents Q1 (24.07.17)" over the
    column at 23 beside "Q2 (10.10.17)" is cut at "Q1", two before it, not
    at "(24.07.17)", one after; where a word starts at `s`, only a part
    after the cut printed as another cell outweighs it); else, if none
    starts within X_TOLERANCE of
    `s`, the one that opens as the column's label does (`told`): "SCC Target
    - 50%" over the column at 163, "Target" at 159 and "-" at 166, under
    "Target- Achieved/ Trend" (samples/text/000-layout line 159); else the
    nearest. And whether it was so chosen over the nearest."""
    near = sorted(range(s - EARLY_START, s + LATE_START + 1), key=lambda x: abs(x - s))
    found = [x for x in near if starts_word(line, x, last.x0)]
    if len(found) < 2:
        return (found[0] if found else None), False
    exact = found[0] == s
    if frags and (x := told_by_siblings(line, last, found, frags, exact)) is not None:
        return x, x != found[0]
    if exact:
        return s, False
    if told and abs(found[0] - s) > X_TOLERANCE:
        listed = [x for x in found if opens_column(line, x, told)]
        if len(listed) == 1:
            return listed[0], listed[0] != found[0]
    return found[0], False


def told_by_siblings(
    line: str,
    f: Fragment,
    near: Sequence[int],
    frags: Sequence[Fragment],
    after_only: bool = False,
) -> int | None:
    """Of the words `near` a column start, the one alone that cuts `f` where
    the line's cells (`frags`) tell, figures aside: the part after it prints
    as another cell of the line does; else the two parts print alike; else
    the part before it prints as another cell does; else None. The quarter
    columns of a row print one wording (samples/text/000_…-browser-layout
    line 18, "5,673 Last 12 5,828 Last" over the Quarter 2 column beside
    "5,967 Last": "5,828 Last" is Quarter 2's, not "12 5,828 Last"; 002's
    line 101, "2 out of 115 3 out of 162"). Only where the first two tests,
    where both fit, fit that one alone. `after_only`: the first test alone, the one
    that may outweigh a word starting at the column."""
    # Shapes of words: figures alone ("#") print as nearly every cell of a
    # row of values does, and tell nothing.
    shapes = {w for g in frags if g is not f and LETTER.search(w := shape(g.text))}
    parts = [
        (x, before, after)
        for x in near
        if LETTER.search(before := shape(line[f.x0 : x]))
        and LETTER.search(after := shape(line[x : f.x1]))
    ]
    # A cut that leaves figures alone on either side is told by none of
    # these ("(24.07.17)" after "Q1"), but the other may be.
    # The first of these that any cut meets decides.
    tests = [[x for x, _, after in parts if after in shapes]]
    if not after_only:
        tests.append([x for x, before, after in parts if before == after])
    # The first two tests, where both fit any cut, fit the same one: where
    # they tell different cuts ("over 12 Months over 12 Months" beside "12
    # months", whose parts at "over" are alike), none is told.
    picks = {tuple(fits) for fits in tests if fits}
    if not picks and not after_only:
        picks = {tuple(x for x, before, _ in parts if before in shapes)} - {()}
    if len(picks) != 1:
        return None
    (fits,) = picks
    return fits[0] if len(fits) == 1 else None


def opens_column(line: str, x: int, told: frozenset[str]) -> bool:
    """Whether the word of the line starting at `x` opens as the column's
    label does (`told`, see `opening_words`)."""
    return bool(told) and _opening(line[x:].split(" ", 1)[0]) in told


def _opening(word: str) -> str | None:
    """A capitalised word as a label may open with it: its letters and
    figures in lower case ("Target-" and "Target" alike, "Q1" not "Q2"),
    else None."""
    if not word[:1].isupper():
        return None
    return "".join(ch for ch in word if ch.isalnum()).lower() or None


def opening_words(
    region: Sequence[Sequence[Fragment]], cuts: Sequence[int]
) -> dict[int, frozenset[str]]:
    """The first word of the label that each of `cuts` prints in the
    region's header lines, capitalised (`_opening`); a cell below may run
    into the one before it and open with the same word ("Target - 50%" under
    "Target- Achieved/ Trend")."""
    near: dict[int, list[int]] = {}  # a start, and the cuts it is at
    for s in cuts:
        for x in range(s - X_TOLERANCE, s + X_TOLERANCE + 1):
            near.setdefault(x, []).append(s)
    out: dict[int, set[str]] = {}
    for frags in region:
        if len(frags) < 2 or not is_header_cells([f.text for f in frags]):
            continue
        for f in frags:
            if f.x0 not in near:
                continue
            word = _opening(f.text.split(" ", 1)[0])
            if word is None:
                continue
            for s in near[f.x0]:
                out.setdefault(s, set()).add(word)
    return {s: frozenset(words) for s, words in out.items()}


def starts_word(line: str, x: int, lo: int = 0) -> bool:
    """A word of the line starts at `x`, after `lo`."""
    return lo < x < len(line) and line[x - 1] == " " and line[x] != " "


def cells_of(
    line: str,
    starts: Sequence[int],
    width: int,
    cuts: Sequence[int] | None = None,
    frags: Sequence[Fragment] | None = None,
    told: Mapping[int, frozenset[str]] | None = None,
) -> list[str]:
    """The line's text in each of the table's columns; a fragment is cut only
    at `cuts`, the columns its own table region prints (default: all).
    `frags` are the line's fragments when the caller has them already;
    `told` the words each column's cells open with (`opening_words`)."""
    parts: list[list[str]] = [[] for _ in range(width)]
    frags = fragments(line) if frags is None else frags
    for frag in frags:
        for f in _split_at_columns(
            frag, line, starts if cuts is None else cuts, told, frags
        ):
            parts[column_of(f, starts)].append(f.text)
    return [" ".join(p) for p in parts]


def each_run(
    frags: Sequence[Fragment],
    starts: Sequence[int],
    place: Callable[[Fragment, int], list[Fragment] | None],
) -> list[Fragment]:
    """A line's fragments, each replaced by what `place` makes of it given
    the column the next fragment starts in (or the end of the table), or
    kept where it makes nothing (packed values, packed words)."""
    out: list[Fragment] = []
    for k, f in enumerate(frags):
        following = frags[k + 1] if k + 1 < len(frags) else None
        end = len(starts) if following is None else column_of(following, starts)
        placed = place(f, end)
        out.extend(placed if placed is not None else (f,))
    return out


def column_of(f: Fragment, starts: Sequence[int]) -> int:
    """The column a fragment starts in; a fragment off every column start (a
    mark centred in its cell, a number set to the right) goes by its middle."""
    col = max(0, bisect_right(starts, f.x0 + X_TOLERANCE) - 1)
    if abs(starts[col] - f.x0) <= X_TOLERANCE:
        return col
    return max(0, bisect_right(starts, (f.x0 + f.x1) // 2) - 1)


def worded_starts(region: Sequence[list[Fragment]], starts: Sequence[int]) -> list[int]:
    """The starts where some fragment with a letter starts: columns a cell of
    text can be cut at. Numbers set to the right start wherever their width
    puts them ("470" and "20,000" under "Annual Target"), so a start only
    they make must not cut a header in two."""
    lettered = [f.x0 for frags in region for f in frags if LETTER.search(f.text)]
    return [s for s in starts if any(abs(x - s) <= X_TOLERANCE for x in lettered)]


# A figure within a cell's words: "5,828", "15%", "(833)"'s 833.
FIGURES = re.compile(r"\d[\d,.]*%?")


def shape(text: str) -> str:
    """A cell's words as its column prints them in every row or quarter: in
    lower case, each figure as "#" ("5,828 Last" and "5,967 Last" alike)."""
    return " ".join(FIGURES.sub("#", text.lower()).split())
