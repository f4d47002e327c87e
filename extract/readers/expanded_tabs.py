"""TAB exports whose TABs were expanded to spaces (coreutils `expand`, an
editor's "convert tabs to spaces"): the TABs are put back so the export is
read as what it is.

A TAB moves the next cell to the next tab stop, so in such a text every run of
two or more spaces between cells ends on a stop: 83-94% of them in the
samples expanded at 8 columns (the rest are spaces inside a cell), where the
column gaps of `pdftotext -layout` text end on a multiple of 8 in 2-15%.
`expand` counts bytes, so after a UTF-8 dash the stops are counted in bytes;
an editor counts characters: a text is measured the way more of its gaps end
on a stop.

A cell one short of a stop is followed by a single space, the same as a space
between words. Every line of a TAB export's table has the table's number of
cells (empty ones are TABs too, so a line keeps its trailing spaces), so a line
with fewer cells than most of its table's lines has lost TABs to single
spaces: they are put back when the line has exactly as many single spaces
before a stop as it lacks cells. A line with some such spaces, but not as
many, is in doubt: its cells cannot be told apart, and it is left unread (and
reported) rather than read into the wrong columns. A line with none lacks
nothing: its table printed it short. Where trailing spaces were trimmed too
(no line ends in one), a short line may only lack its empty last cells, so
how many TABs it lost inside is not known: a short line with such spaces is
in doubt unless every one of them is a cut between HTML cells.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from extract.layout.headers import is_header_cells, label_spans

TAB_SIZES = (8, 4)
# Two or more spaces between printed characters.
GAP = re.compile(r"(?<=\S) {2,}(?=\S)")
# A run of spaces a TAB may have made: two or more, or any at the line's start
# or end.
RUN = re.compile(r" {2,}|^ +| +$")
SINGLE = re.compile(r"(?<=\S) (?=\S)")
TAG_MEETS = re.compile(r"</[a-z]+>( )(?=<[a-z])", re.IGNORECASE)
# Fewer gaps than this tell nothing about tab stops.
MIN_GAPS = 12
# The share of gaps ending on a stop that marks expanded TABs.
ON_STOP_SHARE = 0.75

Columns = Callable[[str], list[int]]


def _char_columns(line: str) -> list[int]:
    return list(range(len(line) + 1))


def _byte_columns(line: str) -> list[int]:
    """The column each character starts at when every byte of its UTF-8 counts."""
    if line.isascii():
        return _char_columns(line)
    columns, at = [0], 0
    for ch in line:
        at += len(ch.encode("utf-8"))
        columns.append(at)
    return columns


MEASURES: tuple[Columns, ...] = (_char_columns, _byte_columns)


def tab_stops(lines: Sequence[str]) -> tuple[int, Columns] | None:
    """The tab size and column measure of a text whose TABs were expanded to
    spaces, or None when its gaps do not end on tab stops."""
    # A gap is two spaces: most lines of prose hold none to search for.
    gapped = [
        (line, [m.end() for m in GAP.finditer(line)]) for line in lines if "  " in line
    ]
    gapped = [(line, ends) for line, ends in gapped if ends]
    total = sum(len(ends) for _, ends in gapped)
    if total < MIN_GAPS:
        return None
    # Where each gap ends by each measure, found once for every tab size.
    measured = [(measure, _gap_ends(gapped, measure)) for measure in MEASURES]
    for size in TAB_SIZES:
        best: tuple[int, Columns] | None = None
        for measure, ends in measured:
            on_stop = sum(end % size == 0 for end in ends)
            if on_stop >= ON_STOP_SHARE * total and (best is None or on_stop > best[0]):
                best = (on_stop, measure)
        if best is not None:
            return size, best[1]
    return None


def _gap_ends(gapped: Sequence[tuple[str, list[int]]], measure: Columns) -> list[int]:
    """The column each gap of each line ends at, as `measure` counts columns."""
    out: list[int] = []
    for line, ends in gapped:
        columns = measure(line)
        out.extend(columns[end] for end in ends)
    return out


@dataclass(frozen=True, slots=True)
class Restored:
    """A text's lines with their TABs back, the tab size they were expanded at,
    and the indexes of the lines that lack cells where it cannot be told which
    of their single spaces were TABs."""

    lines: list[str]
    size: int
    doubtful: frozenset[int]


def restore(lines: Sequence[str]) -> Restored | None:
    """The lines with their TABs back (see the module's docstring), or None
    for a text whose gaps do not end on tab stops."""
    stops = tab_stops(lines)
    if stops is None:
        return None
    size, measure = stops
    restored = [_labelled(line, size, measure) for line in lines]
    widths = [line.count("\t") for line in restored]
    # With its trailing spaces trimmed, a line may lack its empty last cells:
    # how many TABs it lost inside is then not known.
    trimmed = not any(line.endswith(" ") for line in lines)
    doubtful: set[int] = set()
    for i, expected in enumerate(_table_widths(lines, restored, widths)):
        if widths[i] < expected:
            lacking = None if trimmed else expected - widths[i]
            fixed = _fill(lines[i], lacking, size, measure)
        elif widths[i] > expected:
            fixed = _thin(lines[i], widths[i] - expected, size, measure)
        else:
            continue
        if fixed is None:
            doubtful.add(i)
        else:
            restored[i] = fixed or restored[i]
    return Restored(restored, size, frozenset(doubtful))


def _labelled(line: str, size: int, measure: Columns) -> str:
    """The line's runs of spaces on a stop as TABs, and a header's column labels
    set one space apart cut where they meet on a stop ("Target- Achieved/ Trend
    Performance compared to 2015/16" at samples/000 line 62)."""
    cuts = _label_cuts(line) & _singles_before_stop(line, size, measure(line))
    return _runs_to_tabs(_tabs_at(line, cuts), size, measure)


def _fill(line: str, lacking: int | None, size: int, measure: Columns) -> str | None:
    """The line with the TABs it lacks (None: not known how many) put back at
    single spaces before a stop; "" when it has no such space (it lacks
    nothing), None when which of them were TABs cannot be told."""
    candidates = _singles_before_stop(line, size, measure(line))
    if not candidates:
        return ""
    chosen = candidates
    if len(chosen) != lacking:
        # Cells of HTML: where a closing tag meets an opening one ("</p> <p>").
        chosen = candidates & _tag_cuts(line)
    if len(chosen) != (len(candidates) if lacking is None else lacking):
        return None
    return _runs_to_tabs(_tabs_at(line, chosen), size, measure)


def _thin(line: str, surplus: int, size: int, measure: Columns) -> str | None:
    """The line with a cell's own last space kept where it was read as a TAB:
    a cell that ends in a space one short of a stop ("Strategic Assessment "
    at samples/003 line 117) is followed by a run of spaces that crosses two
    stops. None when the runs that can be read so are not as many as the
    line's surplus TABs."""
    columns = measure(line)
    kept = {
        m.start()
        for m in RUN.finditer(line)
        if columns[m.start() + 1] % size == 0
        and columns[m.end()] % size == 0
        and m.end() - m.start() > 1
    }
    if len(kept) != surplus:
        return None
    return _runs_to_tabs(line, size, measure, kept)


def _tabs_at(line: str, spaces: set[int]) -> str:
    """The line with a TAB for each single space at an index in `spaces`."""
    if not spaces:
        return line
    return "".join("\t" if k in spaces else ch for k, ch in enumerate(line))


def _runs_to_tabs(
    line: str,
    size: int,
    measure: Columns,
    kept: frozenset[int] | set[int] = frozenset(),
) -> str:
    """Each run of spaces that ends on a tab stop as the TABs that made it; a
    run starting at an index in `kept` keeps its first space as text."""
    if " " not in line:
        return line
    columns = measure(line)

    def tabs(m: re.Match[str]) -> str:
        first = m.start() + 1 if m.start() in kept else m.start()
        start, end = columns[first], columns[m.end()]
        if end % size:
            return m[0]
        n = -(-end // size) - start // size
        return line[m.start() : first] + "\t" * n if n > 0 else m[0]

    return RUN.sub(tabs, line)


def _label_cuts(line: str) -> set[int]:
    """Indexes of the single spaces where a stretch of text between wide gaps
    that is a run of column labels set one space apart is cut into them
    (`extract.layout.headers.label_spans`)."""
    out: set[int] = set()
    start = 0
    for m in RUN.finditer(line):
        out |= _cuts_in(line, start, m.start())
        start = m.end()
    out |= _cuts_in(line, start, len(line))
    return out


def _cuts_in(line: str, start: int, end: int) -> set[int]:
    spans = label_spans(line[start:end]) or []
    return {start + stop for (_, stop), _ in zip(spans, spans[1:], strict=False)}


def _tag_cuts(line: str) -> set[int]:
    """Indexes of single spaces between a closing HTML tag and an opening one."""
    return {m.start(1) for m in TAG_MEETS.finditer(line)}


def _singles_before_stop(line: str, size: int, columns: list[int]) -> set[int]:
    """Indexes of single spaces between words that end on a tab stop."""
    return {m.start() for m in SINGLE.finditer(line) if columns[m.end()] % size == 0}


def _table_widths(
    lines: Sequence[str], restored: Sequence[str], widths: list[int]
) -> list[int]:
    """The TABs each line of a table should hold; 0 for a line outside a table.

    A table is a run of lines with TABs; its width is the most common count
    among its lines, the larger on a tie, or its header's where that is wider
    (samples/000 lines 62-66, where three of five lines lost a TAB). A line
    printed the same in two tables (a header repeated over each indicator) is
    the same row: each of them is as wide as the wider, so a table of two lines
    that both lost a TAB (samples/000 lines 8-9) is known by the header it
    shares.
    """
    tables: list[tuple[int, int, int]] = []
    start = 0
    while start < len(widths):
        if not widths[start]:
            start += 1
            continue
        end = start
        while end < len(widths) and widths[end]:
            end += 1
        counts = Counter(widths[start:end])
        header = max(
            (
                widths[i]
                for i in range(start, end)
                if is_header_cells(restored[i].split("\t"))
            ),
            default=0,
        )
        common = max(counts, key=lambda w: (counts[w], w))
        tables.append((start, end, max(common, header)))
        start = end
    widest: dict[str, int] = {}
    for start, end, width in tables:
        for i in range(start, end):
            widest[lines[i]] = max(widest.get(lines[i], 0), width)
    expected = [0] * len(widths)
    for start, end, width in tables:
        shared = max(widest[lines[i]] for i in range(start, end))
        expected[start:end] = [max(width, shared)] * (end - start)
    return expected
