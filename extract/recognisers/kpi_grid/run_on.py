"""KPI grids in text whose cells run on along a line: `pdftotext -raw` prints
a PDF's text in content-stream order, with no blank lines and no columns. A
header's labels run on, wrapped ones over several lines ("Performance
Indicator Frequency of" / "reporting (Q or" / "A)" / "Last year's" /
"outturn" / "Target Q1 Q2 Q3 Q4 Total"); a row is its name over one or more
lines, then its frequency and values on one line ("Q 85 N/A 20 27 12 43 102"),
or all on one line ("Number of fly tipping incidents Q 470 N/A 102 132 54 78
366"). An empty cell prints nothing, and a wrapped cell goes on over the lines
after its first (tests/fixtures/rawtext/002…-raw.txt lines 32-114).

The value labels are read from the end of the header's text, the longest run
of words that makes value labels in one way only. A row is read only when
every value's column is certain: its line holds exactly one value a value
column, each one word (a figure, "N/A"), and the next line would not change
the last value were it that cell's wrapped rest ("1.20%" / "Average"). Its
name is the lines since the row or header before it, when that row's last
cell is as certain to end on its line; a name printed before the values on
their line is the whole name only when no line comes between it and that
row. Every other row is left unclaimed, and so reported as an
`unparsed_block`.

A row printed without values (a theme over the rows after it, "Support
vulnerable people", line 50) prints nothing that tells its lines from the
next row's name; a name that opens with a heading the report prints apart
too ("Support Vulnerable People – …", line 18) is not read (the KPI grid
recogniser's check, `extract.layout.printed_headings`). A grid ends at a
header this module cannot read, and a line of values without a frequency
letter leaves the next name uncertain. Without a frequency column nothing
marks where a row's values start (a name can end in a figure, "Retain 6"):
such grids are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from extract.blocks import Blocks
from extract.blocks.columns import Column, classify, header_columns
from extract.document import Row
from extract.recognisers.kpi_grid.grids import Grid, GridRow
from extract.recognisers.kpi_grid.reading_order import Reading, quarters_in_order
from normalise.patterns import compiled
from normalise.segments import cuts
from normalise.values import Value, is_missing, parse_cell
from normalise.vocabulary import ANY_STATUS, status_category

FREQUENCY_CELL = compiled(r"^[QA]$")
# "Frequency of reporting (Q or A)" among a header's labels.
FREQUENCY_LABEL = compiled(r"\bfrequency\b", re.IGNORECASE)
# Labels of action and milestone tables, whose Q1-Q4 columns hold ratings
# ("Approach Key Project Milestone(s) Progress Q1 Q2 Q3 Q4").
FOREIGN = compiled(
    r"\b(?:approach|key\s+projects?|milestones?|actions?\s*(?:&|\+|and)\s*progress)\b",
    re.IGNORECASE,
)
# A quarter's label: the line printing them is a header's last.
QUARTER_LABEL = compiled(r"\b(?:q|quarter\s*)[1-4]\b", re.IGNORECASE)
# A figure alone in a cell: "85", "1,084", "12.5%", "£172,583".
FIGURE = compiled(r"^[£$]?-?\d[\d,]*(?:\.\d+)?%?$")
# Words of one value label at most ("Year End Actual Total").
LABEL_WORDS = 5
# Lines a header's labels run over at most, and the words read from them.
HEADER_LINES = 10
HEADER_WORDS = 60
# Lines an indicator's name runs over at most (002's longest: 4).
NAME_LINES = 6


@dataclass(frozen=True, slots=True)
class Header:
    """A grid header: its columns (name, frequency, values) and its last line."""

    columns: tuple[Column, ...]
    last: int

    @property
    def values(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.kind == "value")


def value_labels(words: Sequence[str]) -> tuple[int, list[str]] | None:
    """(where they start, the labels) of the longest run of words at the end
    of `words` that makes value column labels ("Last year's outturn",
    "Target", "Q1", …), when it makes them in one way only."""

    def label(k: int, j: int) -> str | None:
        text = " ".join(words[k:j])
        return text if _value_label(text) else None

    ways = cuts(len(words), LABEL_WORDS, label)
    start = next((k for k in range(len(words)) if ways[k]), None)
    if start is None or len(ways[start]) != 1:
        return None
    return start, ways[start][0]


# Every line's last words are tried as a label: the same few words recur.
@lru_cache(maxsize=8192)
def _value_label(label: str) -> bool:
    column = classify(label, 0)
    return column is not None and column.kind == "value"


# Every line of a report printed without columns is tried (1,679 in
# samples/004); a report's boilerplate lines recur in the next of its series.
@lru_cache(maxsize=8192)
def _ends_in_value_label(text: str) -> bool:
    words = text.split()
    return any(
        _value_label(" ".join(words[-size:]))
        for size in range(1, min(LABEL_WORDS, len(words)) + 1)
    )


def header_at(rows: Sequence[Row], h: int) -> Header | None:
    """The header whose last line is `rows[h]`: a line of value labels alone,
    the name's and frequency's labels ("Frequency of reporting (Q or A)") on
    the lines above it."""
    if not _ends_in_value_label(rows[h].flat):
        return None  # most lines: not ending in a value label
    own_words = rows[h].flat.split()
    above = [i for i in range(max(0, h - HEADER_LINES), h + 1) if rows[i].flat]
    words = [w for i in above for w in rows[i].flat.split()][-HEADER_WORDS:]
    found = value_labels(words)
    if found is None or len(words) - found[0] < len(own_words):
        return None
    start, labels = found
    before = " ".join(words[:start])
    if FOREIGN.search(before) or not FREQUENCY_LABEL.search(before):
        return None
    columns = header_columns(["", "Frequency", *labels])
    if columns is None or not quarters_in_order(columns):
        return None
    if not QUARTER_LABEL.search(rows[h].flat):
        # Labels printed after the quarters' line ("Last year's" / "outturn"
        # under "Target Q1 … Total") may stand left of them on the page: in
        # what order the columns run cannot be told.
        return None
    return Header(columns, h)


@dataclass(frozen=True, slots=True)
class RowLine:
    """A line that ends a row: the name printed before its frequency on it,
    the frequency, and the words after it (values, or the first words of
    wrapped cells)."""

    name: str
    frequency: str
    cells: tuple[str, ...]


def row_line(text: str) -> RowLine | None:
    """The row a line ends: a frequency letter first and the first lines of
    its cells after it ("Q 85 N/A 20", "A 189 Cases 304 304"), or a name, a
    frequency letter and values alone ("Number of fly tipping incidents Q 470
    N/A 102")."""
    words = text.split()
    if words and FREQUENCY_CELL.match(words[0]):
        return RowLine("", words[0], tuple(words[1:]))
    at = [k for k, w in enumerate(words) if FREQUENCY_CELL.match(w)]
    for k in reversed(at):
        if k + 1 < len(words) and all(_one_word_value(w) for w in words[k + 1 :]):
            return RowLine(" ".join(words[:k]), words[k], tuple(words[k + 1 :]))
    return None


def _one_word_value(word: str) -> bool:
    return bool(FIGURE.match(word)) or is_missing(word)


def _same_reading(cell: str, more: str) -> bool:
    """Whether `more`, were it the wrapped rest of `cell`, would leave what is
    read from the cell as it is: a note ("304 Number of tenancies…") changes
    nothing read, a qualifier or unit ("1.20% Average") does."""
    alone = [_read(v) for v in parse_cell(cell)]
    joined = [_read(v) for v in parse_cell(f"{cell} {more}")]
    return alone == joined


def _read(v: Value) -> tuple[object, ...]:
    """What a value gives a row (its note aside)."""
    return (v.value, v.unit, v.qualifier, v.comparator, v.measure, v.problem)


def readings(blocks: Blocks, name: str) -> Iterator[Reading]:
    """The certain rows of every KPI grid of a document printed without
    columns, its rows run on along a line."""
    rows = blocks.doc.rows
    if any(row.tabbed for row in rows):
        return
    h = 0
    while h < len(rows):
        header = header_at(rows, h) if rows[h].flat else None
        if header is None or (h + 1 < len(rows) and header_at(rows, h + 1)):
            h += 1
            continue
        found, h = _rows(rows, header)
        for reading in found:
            if not any(blocks.claims.held_by_others(name, i) for i in reading.claim):
                yield reading


def _rows(rows: Sequence[Row], header: Header) -> tuple[list[Reading], int]:
    """The certain rows under `header`, and the line after its last row."""
    found: list[Reading] = []
    names: list[int] = []
    settled = True  # the row or header before ended on its line
    k = header.last + 1
    while k < len(rows):
        text = rows[k].flat
        if not text:
            k += 1
            continue
        if (
            header_at(rows, k) is not None
            or _opens_status_grid(text)
            or _header_like(text)
        ):
            break
        line = row_line(text)
        if line is None:
            # A line of values with no frequency letter is a row this reader
            # cannot place, not the next row's name.
            settled = settled and not _values_like(text)
            names.append(k)
            k += 1
            continue
        after = _next_text(rows, k)
        # A row ends on its line when its last word is a value that the next
        # line, as that cell's wrapped rest, would not change.
        ends = (
            bool(line.cells)
            and _one_word_value(line.cells[-1])
            and (after is None or _same_reading(line.cells[-1], after))
        )
        if line.name and names:
            reading = None  # the name may begin on the lines above
        elif line.name:
            reading = _reading(rows, header, (k,), line.name, line, ends)
        else:
            whole = " ".join(rows[i].flat for i in names)
            certain = settled and 0 < len(names) <= NAME_LINES
            reading = _reading(rows, header, (*names, k), whole, line, ends and certain)
        if reading is not None:
            found.append(reading)
        settled, names = ends, []
        k += 1
    return found, k


def _header_like(text: str) -> bool:
    """A header this reader does not read (its labels in another order, no
    "Frequency", an action table's): two value labels or more at the line's
    end, or an action table's labels. The grid above ends there; the rows
    under it are left to be reported."""
    found = value_labels(text.split()[-HEADER_WORDS:])
    return (found is not None and len(found[1]) >= 2) or bool(FOREIGN.search(text))


def _values_like(text: str) -> bool:
    """Two values or more among a line's words ("85 N/A 20 27 12 43 102")."""
    return sum(_one_word_value(w) for w in text.split()) >= 2


def _opens_status_grid(text: str) -> bool:
    """A summary grid's labels ("TOTAL", "No Rating", or three statuses run
    on): the KPI grid above has ended."""
    named = {status_category(m.group()) for m in ANY_STATUS.finditer(text)}
    return status_category(text) in ("total", "no_rating") or len(named) >= 3


def _next_text(rows: Sequence[Row], k: int) -> str | None:
    return next((r.flat for r in rows[k + 1 :] if r.flat), None)


def _reading(
    rows: Sequence[Row],
    header: Header,
    lines: tuple[int, ...],
    name: str,
    line: RowLine,
    certain: bool,
) -> Reading | None:
    """The row as a grid of one row, when its values fill the value columns
    one to one and nothing leaves its name or last value in doubt."""
    values = header.values
    if (
        not certain
        or not name
        or len(line.cells) != len(values)
        or not all(_one_word_value(c) for c in line.cells)
    ):
        return None
    texts = (name, line.frequency, *line.cells)
    first, last = rows[lines[0]], rows[lines[-1]]
    row = GridRow(texts, lines[0], first.page, first.line_start, last.line_end)
    return Reading(Grid(header.columns, (row,)), row, frozenset(), lines)
