"""Rows of space-aligned text: which lines of a table are one row.

Cells are printed from the top of their row and wrap onto the lines below in
their own column; `starts_row` says when a line opens the next row instead.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from extract.layout.headers import is_header_cells, is_label, known_labels
from extract.layout.tab_rows import JOINING_WORDS, is_cover_label, is_cover_row_label
from extract.layout.text_columns import MARK, QUARTER_LABEL, STRUCTURAL_CELLS
from extract.readers.symbol_fonts import is_font_code

# Characters are placed on a grid from proportional type, so a wrapped line
# can look short by a word or two; a line that, with the next word, still
# fills no more than this share of its column's width ended its text.
SHORT_LINE = 0.75
# A cell of values alone ("470", "12%", "£19,112.23", "N/A", "✓", "0 0%",
# "9 (75%)"): a row's own figures, never the wrapped text of the row above.
BARE_VALUE = re.compile(
    r"^(?:(?:[<>]=?\s*)?[-+]?[£$]?\(?\d[\d,]*(?:\.\d+)?\s*%?\)?|n/?a|[^\w\s]{1,3}|"
    r"\\[a-z]+)(?:\s+(?:[-+]?\(?\d[\d,]*(?:\.\d+)?\s*%?\)?|[^\w\s]{1,3}|\\[a-z]+)){0,3}$",
    re.IGNORECASE,
)
# A cell that names a year or a financial year: "2017", "2016.17", "2017/18".
YEAR = re.compile(r"^(?:19|20)\d\d(?:\s*[./-]\s*\d\d(?:\d\d)?)?$")
DIGIT = re.compile(r"\d")
# A cell that prints none: "-", "–".
DASH = re.compile(r"^[-\u2013\u2014]$")
# How a cell that starts a row begins: a capital, a digit, a mark or a quote.
FRESH_START = re.compile(r"^(?:[A-Z0-9£$\"'“‘]|[^\w\s(])")
# How a line that finished its text ends.
ENDED = re.compile(r"(?:[.!?:;)%]|</\w+>)$")
SENTENCE_END = re.compile(r"(?:[.!?]|</\w+>)$")
# A word of a theme heading's cell, not a frequency letter ("A").
WORDS = re.compile(r"[A-Za-z]{2}")
# How many words a cover sheet's label has at most ("Lead Officer and Report
# Author:").
LABEL_WORDS = 5
# A value that goes on in the line below: it ends on a dash, comma or
# ampersand ("Councillor Mrs. C. Mitchell –").
# The last word of a cover label wrapped in its cell: "Relevant Portfolio" /
# "Holder:", "Lead Officer and Report" / "Author:".
LABEL_TAIL = re.compile(
    r"^(?:holder|author|officer|leader|member|number|no\.?|decision|track)$",
    re.IGNORECASE,
)
VALUE_GOES_ON = re.compile(r"[-\u2013\u2014,&/(]$")
# A count's share in brackets, wrapped under the count: "12" / "(100%)".
SHARE = re.compile(r"^\(\d[\d,]*(?:\.\d+)?\s*%\)$")


# A figure with its unit or scale ("27 days", "£1.2m", "£120k", "100 cases")
# or a cell that says none is printed ("Not available", "TBC"): its text
# ended, as a bare figure's does.
UNIT_VALUE = re.compile(
    r"^(?:[<>]=?\s*)?[-+]?[£$]?\d[\d,]*(?:\.\d+)?\s*(?:%|k|m|bn)?"
    r"(?:\s+(?:days?|weeks?|months?|hours?|mins?|minutes?|cases?|tonnes?|visits?"
    r"|people|homes|households|properties))?$"
    r"|^(?:not\s+available|not\s+applicable|tbc|tba|nil|none|no\s+data)$",
    re.IGNORECASE,
)


def _bare(text: str) -> bool:
    return BARE_VALUE.match(text) is not None


def _ended(text: str) -> bool:
    """A cell's text that ended on its line: a bare figure, one with its unit
    (no value of the row's own, as a bare one is: "100 cases" may have its
    sum under it), or a sentence's end."""
    return not text or _whole_figure(text) or ENDED.search(text) is not None


def _whole_figure(text: str) -> bool:
    """A bare figure, or one with its unit or scale, or a cell printing none
    (`UNIT_VALUE`)."""
    return _bare(text) or UNIT_VALUE.match(text) is not None


def starts_row(
    row: Sequence[list[str]],
    line: list[str],
    below: Sequence[str] = (),
    widths: Sequence[int] = (),
    *,
    marks_first: bool = False,
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
      it had ended ("… delaying this." / "Explore offer from …");
    - starts a name afresh under a line of the name alone, with cells in the
      columns the row's first line filled;
    - prints figures alone under a row of column labels alone, or rating
      marks alone under a header's quarter labels (`marks_above`: the first
      row's, printed a line above its name; with `marks_first`, the row so
      far began so, and goes on with more marks alone and with its name).
    """
    first, above = row[0], row[-1]
    filled = [c for c, text in enumerate(line) if text]
    if not filled:
        return False
    named = _by_name(row, line, marks_first)
    if named is not None:
        return named
    labels = _after_labels(row, line, filled)
    if labels is not None:
        return labels
    if (
        filled == [0]
        and FRESH_START.match(line[0])
        and len(row) == 1
        and sum(1 for text in first if text) >= STRUCTURAL_CELLS
        and sum(1 for text in first[1:] if WORDS.search(text)) >= 2
        and not any(below[1:])
    ):
        # A row of one line across the table (a theme heading split over its
        # cells) and a name under it that goes on alone: the next row. A row
        # of values ("Retain 6 Green  A  6  6  6" over "Flags") goes on.
        return True
    used = {c for r in row for c, text in enumerate(r) if text}
    if any(c not in used for c in filled) or _whole_figures_above(row, line, filled):
        return True
    if line[0][:1].islower() and above[0]:
        # The name goes on in lower case ("Following" / "implementation of
        # Housing …", samples/text/002_…-browser-layout lines 96-97), however
        # its other cells wrap.
        return False
    if all(_share_of(above[c], line[c]) for c in filled):
        # samples/text/002_…-browser-layout lines 9-10: "… 0 (0%)   12" over
        # "(100%)", the total's share wrapped under it.
        return False
    if _repeats_value(row, line, filled):
        return True
    if any(_stopped_short(above[c], line[c], widths[c]) for c in filled if widths):
        return True
    if (
        _restarts(row, line, filled)
        or _refills(row, line, filled)
        or _values_again(row, line, filled)
    ):
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


def _figures_under_labels(
    row: Sequence[list[str]], line: list[str], filled: list[int]
) -> bool:
    """Counts alone, two or more, under a row of column labels alone: the
    grid's first row, not its header's wrapped text (a status grid's counts
    "0  4  1  0" under "Project completed  Project on target …"; a dash for
    none, "3  -  1  -"). Years
    ("2016.17" under "Outturn") and marks ("✓" under "Project completed")
    are the header's own lines."""
    return (
        len(filled) >= 2
        and all(_count(line[c]) or DASH.match(line[c]) for c in filled)
        and any(_count(line[c]) for c in filled)
        and all(is_label(text) for r in row for text in r if text)
    )


def _by_name(
    row: Sequence[list[str]], line: list[str], marks_first: bool
) -> bool | None:
    """Whether a line that fills the name column starts a row, where its name
    decides: it does after a row without a name (a header) or after the
    row's name ended on an earlier line. A row that began with rating marks
    alone on a line above its name (`marks_first`) goes on with the line
    under them (more marks, or the row's first line of text), and then its
    own lines decide."""
    if marks_first:
        lead = next((k for k, r in enumerate(row) if not rating_marks(r)), len(row))
        if lead == len(row):
            return False
        row = row[lead:]
    if not line[0]:
        return None
    if not row[0][0] or (not row[-1][0] and any(r[0] for r in row)):
        return True
    return None


def marks_above(row: Sequence[list[str]], line: list[str]) -> bool:
    """Rating marks alone, each under a quarter's label ("Q1 Rating") of a
    row of column labels alone: the first row's marks, printed a line above
    its name (a symbol font set higher than the text beside it), not the
    header's. The labels may wrap ("Q1" over "Rating") or name the rating
    otherwise ("Q1 RAG", "Qtr 1"). Marks under a status grid's labels ("✓"
    under "Project completed") are its legend, the header's own; units
    ("(%)", "£") under quarter labels are the header's too."""
    if not rating_marks(line):
        return False
    labels = joined_cells(row)
    return all(
        QUARTER_LABEL.fullmatch(labels[c]) for c, text in enumerate(line) if text
    ) and all(is_label(t) or QUARTER_LABEL.fullmatch(t) for t in labels if t)


def rating_marks(line: Sequence[str]) -> bool:
    """A line of rating marks alone: each cell a LaTeX glyph's name
    ("\\bigcirc") or symbols of a symbol font ("✓", "▲"), no unit, sign or
    punctuation ("(%)", "£", "-")."""
    return any(line) and all(not text or _rating_mark(text) for text in line)


def _rating_mark(text: str) -> bool:
    return MARK.fullmatch(text) is not None and (
        text.startswith("\\")
        or all(
            not ch.isascii() and unicodedata.category(ch) in ("So", "Sm") for ch in text
        )
    )


def _count(text: str) -> bool:
    """A figure alone that names no year: "4", "80%", "1,084"."""
    return _bare(text) and DIGIT.search(text) is not None and not YEAR.match(text)


# Words a name that goes on in the line below ends with ("Number of").
NAME_JOINERS = frozenset(
    {"of", "and", "the", "to", "for", "in", "on", "&", "with", "by"}
)


POUND = re.compile(r"[£$]")
CASES = re.compile(r"^\d[\d,]*\s+cases?$", re.IGNORECASE)


def _whole_figures_above(
    row: Sequence[list[str]], line: list[str], filled: list[int]
) -> bool:
    """A name afresh with figures, under a row of one line whose name and two
    figures or more, each with its unit or scale ("27 days", "£1.2m") or none
    printed ("Not available"), filled every cell it has: that row ended, and
    this is the next, when it prints bare figures alone ("Average time to
    re-let homes  27 days  24 days" over "Number of visits to museums  12,345
    11,002"); not sums under counts of cases, the cells' second lines
    (`_sums_under_counts`). Not under a row with a cell going on ("141 cases
    Value –" over "£84,171.24", samples/002) or a name going on ("Number
    of" / "Discretionary …")."""
    above = row[-1]
    values = [text for text in above[1:] if text]
    return (
        len(row) == 1
        and bool(above[0])
        and FRESH_START.match(line[0]) is not None
        and len(values) >= STRUCTURAL_CELLS - 1
        and all(map(_whole_figure, values))
        and not all(map(_bare, values))
        and above[0].split()[-1].lower() not in JOINING_WORDS
        and len(filled) >= STRUCTURAL_CELLS
        and all(_whole_figure(line[c]) for c in filled if c)
        and not _sums_under_counts(values, [line[c] for c in filled if c])
    )


def _sums_under_counts(above: Sequence[str], below: Sequence[str]) -> bool:
    """Counts of cases over sums, a cell of each on two lines ("100 cases" /
    "£19,112.23", samples/002's Discretionary Housing Payments)."""
    return all(CASES.match(t) for t in above) and any(POUND.search(t) for t in below)


def _repeats_value(
    row: Sequence[list[str]], line: list[str], filled: list[int]
) -> bool:
    """A value in a column where the row printed one already: the next row's
    (rows of one line each; a row's marks sit on its first lines), unless a
    lone value under a lone value in the same column, with no name beside
    either: a list of values in one cell ("2017.18 – 425" / "2016.17 - 484",
    samples/text/000_…-browser-layout lines 252-253)."""
    above = [c for c, text in enumerate(row[-1]) if text]
    if len(row) > 1 and above == filled and len(filled) == 1 and filled != [0]:
        return False
    return any(_value(line[c]) and any(_value(r[c]) for r in row) for c in filled)


def _value(text: str) -> bool:
    """A value alone, or a mark printed as the code point of the symbol font a
    text export lost ("s" for ZapfDingbats' ▲)."""
    return _bare(text) or is_font_code(text)


def _values_again(row: Sequence[list[str]], line: list[str], filled: list[int]) -> bool:
    """A name afresh and values alone in two columns or more that the row
    filled on an earlier line and the line above left empty: the next row's
    figures, not wrapped text ("Number of fly  123  121  81" under "District"
    and "tonnages", the rest of the residual waste row whose tonnages ended
    lines before; a portrait print of sample 000)."""
    if not FRESH_START.match(line[0]):
        return False
    again = [
        c
        for c in filled
        if c and _bare(line[c]) and not row[-1][c] and any(r[c] for r in row)
    ]
    return len(again) >= 2


def _refills(row: Sequence[list[str]], line: list[str], filled: list[int]) -> bool:
    """A name and two or more cells of the row's first line printed again
    under a line of the name alone: the next row's first line ("Number of
    Q  141 cases  Value of …" under "period", samples/text/002_…-browser-
    layout line 132)."""
    others = [c for c in filled if c]
    return (
        FRESH_START.match(line[0]) is not None
        and len(others) >= 2
        and not any(row[-1][1:])
        and all(row[0][c] for c in others)
    )


def _after_labels(
    row: Sequence[list[str]], line: list[str], filled: list[int]
) -> bool | None:
    """Whether `line` starts a row after a header's or a label's line, or
    None where neither decides: a header's rows end where the names start,
    unless the line completes the header's wrapped labels, and where figures
    alone follow labels alone (`_figures_under_labels`); "Label:  value"
    lines (cover sheets) are a row each, and so is a "Label:  value" line under
    a label printed without its colon ("Portfolio Leader  Corporate
    Improvement" / "Key Decision:  No")."""
    if _figures_under_labels(row, line, filled) or marks_above(row, line):
        return True
    if not line[0]:
        return None
    header = is_header_cells(joined_cells(row))
    if header and _completes_labels(row, line):
        return False
    if header or is_cover_label(row[-1][0]):
        return True
    if _labelled_line(line) and not _wrapped_label(row[-1], line[0]):
        return True
    return None


def _wrapped_label(above: Sequence[str], label: str) -> bool:
    """`label` ("Holder:", no label of its own without its colon) ends the
    label the line above began in its cell ("Relevant Portfolio", no label
    either): one label wrapped, not a row of its own. It is the last word of
    a label ("Holder", "Author"), or the value beside the line above goes on
    ("Councillor Mrs. C. Mitchell –"). "Portfolio:" under "Telephone Number
    01543 464598" or "Direct Dial  01543 464598" starts one."""
    head = above[0].strip()
    words = label.strip().removesuffix(":").split()
    value = " ".join(c for c in above[1:] if c).split()
    return (
        bool(head)
        and bool(words)
        and not is_cover_row_label(head)
        and not is_cover_label(" ".join(words))
        and len(head.split()) + len(words) <= LABEL_WORDS
        and (
            (len(words) == 1 and LABEL_TAIL.match(words[0]) is not None)
            or (
                bool(value)
                and (
                    value[-1].lower() in JOINING_WORDS
                    or VALUE_GOES_ON.search(value[-1]) is not None
                )
            )
        )
    )


def _labelled_line(line: Sequence[str]) -> bool:
    """A cover sheet's "Label:  value" line: a short label first, with its
    colon or one of those printed without ("Report of  Chief Executive"), a
    value beside it."""
    label = line[0]
    return (
        is_cover_label(label)
        and len(label.split()) <= LABEL_WORDS
        and FRESH_START.match(label) is not None
        and any(line[1:])
    )


def _completes_labels(row: Sequence[list[str]], line: list[str]) -> bool:
    """`line` goes on with the header row's wrapped labels: with it, a cell
    that was no known label becomes one ("Performance" / "Indicator" in
    samples/text/002_…-browser-layout lines 59-60)."""
    before, after = joined_cells(row), joined_cells([*row, line])
    return any(
        known_labels([b]) < known_labels([a])
        for b, a in zip(before, after, strict=True)
    )


def _share_of(above: str, text: str) -> bool:
    """`text` is a bracketed share ("(100%)") under a count that has none."""
    return SHARE.match(text) is not None and _bare(above) and "%" not in above


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
    if line[0] or not again or not all(FRESH_START.match(line[c]) for c in filled):
        return False
    # The row's text ended a sentence in a column the line goes on in.
    return any(
        SENTENCE_END.search([r[c] for r in row if r[c]][-1]) is not None
        for c in filled
        if any(r[c] for r in row)
    )


def joined_cells(row: Sequence[list[str]]) -> tuple[str, ...]:
    return tuple(" ".join(r[c] for r in row if r[c]) for c in range(len(row[0])))
