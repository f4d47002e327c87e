"""Printed lines of cells -> logical rows: column-wrapped rows rejoined.

TAB text is read line by line; the PDF and space-aligned readers print their
pages as the same TAB lines first, so every form goes through these rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.document import Cell, Row
from extract.layout.headers import is_header_cells
from normalise.text import strip_html

LETTER = re.compile(r"[A-Za-z]")
# A cell that is one value on its own: "470", "12%", "£19,112.23", "N/A", "-",
# "✓", "\bigcirc". Rows holding such cells are records, not wrapped fragments.
BARE_VALUE = re.compile(
    r"^(?:[-+]?[£$]?\d[\d,]*(?:\.\d+)?\s*%?(?:\s*\(\d+(?:\.\d+)?%\))?|n/?a|"
    r"[-\u2013\u2014]+|[^\w\s]{1,3}|\\[a-z]+|[a-z])$",
    re.IGNORECASE,
)
# Column-wrapped fragments are as wide as their column: in the samples at most 25
# characters (samples/000 line 12); narrow tables wrap wider, but a cell of a whole
# sentence (an action's text, a milestone's progress) is no fragment.
WRAP_WIDTH = 48
# A column-wrapped row spans a first line and at least this many more.
MIN_WRAP_FOLLOWERS = 2
TAIL_START = re.compile(r"^(?:[a-z]|\()")
JOINING_WORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "per",
        "the",
        "to",
        "via",
        "with",
        "within",
    }
)


# A cover sheet's label printed without its colon, in a cell of its own
# ("Report of" | "Chief Executive"): the cover-sheet labels no table row is
# named by. "Report of" ends on a joining word, yet the line below is the
# next label, not the rest of it.
COVER_LABEL = re.compile(
    r"^(?:report\s+(?:of|by|from|track)|contact\s+officer|portfolio\s+(?:leader|holder)"
    r"|key\s+decision|tel(?:ephone)?\s+no\.?)$",
    re.IGNORECASE,
)


# Cover labels printed without their colon that can also head a table's
# column ("Lead Officer", "E-mail"): a label only beside a value, on a row
# right under another cover label's or over one (`is_cover_row_label`).
COLUMN_LIKE_LABEL = re.compile(
    r"^(?:tel(?:ephone)?\s+number|contact\s+(?:number|no\.?|tel(?:ephone)?)"
    r"|direct\s+line|extension(?:\s+no\.?)?|report\s+author"
    r"|lead\s+officer(?:\s+and\s+report\s+author)?|e-?mail(?:\s+address)?)$",
    re.IGNORECASE,
)


def is_cover_label(cell: str) -> bool:
    """A cover-sheet label, with its colon ("Key Decision:") or without."""
    text = cell.strip()
    return text.endswith(":") or COVER_LABEL.match(text) is not None


def is_cover_row_label(cell: str) -> bool:
    """A cover label (`is_cover_label`) or one that can also head a column
    ("Telephone Number", "Report Author"), for a row beside other cover rows."""
    return is_cover_label(cell) or COLUMN_LIKE_LABEL.match(cell.strip()) is not None


def _cells_of(line: str) -> list[str]:
    return line.split("\t")


def _has_letters(s: str) -> bool:
    return LETTER.search(s) is not None


def _filled(cells: Sequence[str]) -> list[int]:
    return [i for i, c in enumerate(cells) if c.strip()]


def _narrow(cells: Sequence[str]) -> bool:
    return all(len(c.strip()) <= WRAP_WIDTH for c in cells)


def _labelled(cells: Sequence[str]) -> bool:
    """A "Label:<TAB>value" line (cover sheets, samples/003 lines 3-8) is a
    record, and so is a cover label printed without its colon ("Portfolio
    Leader<TAB>Corporate Improvement").

    Only a label in the first column: a wrapped fragment may end with a colon
    ("incidents. Motivation:").
    """
    filled = _filled(cells)
    return bool(filled) and filled[0] == 0 and is_cover_label(cells[0])


def _values(cells: Sequence[str]) -> int:
    return sum(1 for c in cells if c.strip() and BARE_VALUE.match(c.strip()))


def _continues(first: Sequence[str], cells: Sequence[str]) -> bool:
    """True when `cells` carries the next fragment of `first`'s columns.

    A line with a value of its own ("470", "N/A", "✓") is a record: in samples/002
    a milestone row under another fills a subset of its columns, but with a mark.
    """
    filled = _filled(cells)
    if not filled or not any(_has_letters(cells[i]) for i in filled):
        return False
    if not _narrow(cells) or _labelled(cells) or _values(cells):
        return False
    return all(i < len(first) and first[i].strip() for i in filled)


def _tail(cells: Sequence[str]) -> bool:
    """A line that finishes the cells above it: its first fragment goes on in
    lower case or opens a bracket ("contacted within 24", "(Community Trigger)
    held"), where a new row or a theme heading starts with a capital."""
    filled = _filled(cells)
    return bool(filled) and TAIL_START.match(cells[filled[0]].strip()) is not None


def _unfinished(cells: Sequence[str]) -> bool:
    """A first fragment that stops on a joining word ("reviews provided to"): the
    line below goes on with it, capital or not ("Staffordshire Police")."""
    filled = _filled(cells)
    if not filled:
        return False
    words = cells[filled[0]].split()
    return bool(words) and words[-1].lower() in JOINING_WORDS


def _runs_on(group: Sequence[str]) -> bool:
    """Some column's text runs on from one line to the next ("Previous 12" /
    "months = 89"): a table of short rows ("Cut grass | Parks" / "Paint fence |
    Parks") shows no such break."""
    split = [_cells_of(line) for line in group]
    for above, below in zip(split, split[1:], strict=False):
        for col, cell in enumerate(below):
            text = cell.strip()
            upper = above[col].split() if col < len(above) else []
            if text and (
                TAIL_START.match(text) or (upper and upper[-1].lower() in JOINING_WORDS)
            ):
                return True
    return False


def _group_end(lines: Sequence[str], start: int, going_on: bool) -> int:
    """Index one past the lines that continue `lines[start]`'s columns; with
    `going_on`, each must also carry on the text above it (see `_tail`)."""
    first = _cells_of(lines[start])
    end = start + 1
    name_ended = False
    above = first
    while end < len(lines) and "\t" in lines[end]:
        cells = _cells_of(lines[end])
        if not _continues(first, cells):
            break
        if going_on and not (_tail(cells) or _unfinished(above)):
            break
        # Once the first column has ended, a line that fills it starts a new row.
        if name_ended and cells[0].strip():
            break
        name_ended = name_ended or not cells[0].strip()
        above = cells
        end += 1
    return end


def _wrap_end(lines: Sequence[str], start: int) -> int:
    """Index one past the last line of a column-wrapped group starting at `start`.

    Two shapes: a row of narrow fragments continued on two or more lines
    (samples/000 "Hate Crime Incidents"), and a row of values whose name or notes
    go on below in lower case or after a joining word.
    """
    if "\t" not in lines[start]:
        return start + 1
    first = _cells_of(lines[start])
    filled = _filled(first)
    # Both shapes start with two fragments or values side by side, on a line
    # of narrow cells that is neither a "Label:" record nor a header.
    if (
        len(filled) < 2
        or not _narrow(first)
        or _labelled(first)
        or is_header_cells(first)
    ):
        return start + 1
    # A first line of a wrapped row: fragments with words, at most one lone value.
    if sum(1 for i in filled if _has_letters(first[i])) >= 2 and _values(first) <= 1:
        end = _group_end(lines, start, going_on=False)
        if end - start - 1 >= MIN_WRAP_FOLLOWERS and _runs_on(lines[start:end]):
            return end
    return _group_end(lines, start, going_on=True)


def _cell(raw: str, column: int, first: int, last: int) -> Cell:
    return Cell(raw, strip_html(raw), column, None, first, last)


def _wrapped_row(group: Sequence[str], first_line: int) -> Row:
    """Join a column-wrapped group column by column (samples/000 "Hate Crime …")."""
    split = [_cells_of(line) for line in group]
    width = max(len(c) for c in split)
    cells = []
    for col in range(width):
        parts = [
            (first_line + k, cs[col].strip())
            for k, cs in enumerate(split)
            if col < len(cs) and cs[col].strip()
        ]
        raw = "\n".join(p for _, p in parts)
        lo = parts[0][0] if parts else first_line
        hi = parts[-1][0] if parts else first_line
        cells.append(
            Cell(
                raw=raw,
                text=strip_html(" ".join(p for _, p in parts)),
                column=col,
                page=None,
                line_start=lo,
                line_end=hi,
            )
        )
    return Row(
        cells=tuple(cells),
        page=None,
        line_start=first_line,
        line_end=first_line + len(group) - 1,
        tabbed=True,
        wrapped=True,
    )


def build_rows(lines: Sequence[str]) -> list[Row]:
    """Logical rows of a text export: one per line, column-wrapped groups joined."""
    rows: list[Row] = []
    i = 0
    while i < len(lines):
        number = i + 1
        line = lines[i]
        end = _wrap_end(lines, i)
        if end - i > 1:
            rows.append(_wrapped_row(lines[i:end], number))
        elif "\t" in line:
            cells = tuple(
                [
                    _cell(raw, col, number, number)
                    for col, raw in enumerate(_cells_of(line))
                ]
            )
            rows.append(
                Row(
                    cells=cells,
                    page=None,
                    line_start=number,
                    line_end=number,
                    tabbed=True,
                )
            )
        else:
            rows.append(
                Row(
                    cells=(_cell(line, 0, number, number),),
                    page=None,
                    line_start=number,
                    line_end=number,
                    tabbed=False,
                )
            )
        i = end
    return rows
