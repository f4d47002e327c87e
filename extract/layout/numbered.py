"""Numbered paragraphs set with a hanging indent: prose, not a table.

A council report numbers its paragraphs ("1.1", "2.3") and hangs their text
from a tab stop, so every form prints the number and its text apart: a TAB
export as "1.1<TAB>To advise Members …", `pdftotext -layout` and a PDF's
words with a wide gap between them, the text's later lines under its first:

    1      Purpose of Report
    1.1    To advise Members on the position at the end of 2018/19, in
           respect of the Priority Outcomes …

The layout stage reads that as a table of two columns, so the report's prose
was lost to the statements and reported as an unread table. A run of such
rows, every one of two cells, a section number or nothing beside its text,
is prose again: one cell, the number before the text, as the paragraph stage
reads "2.2 That the Committee notes …" printed on one line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from extract.document import Cell, Row

# "1", "1.1", "5.12", "2.", "3.1.2": a paragraph's or a section's number.
NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,2}\.?$")
# At least one paragraph of the run reads as prose: this many words.
PROSE_WORDS = 8
# How many words a section's title has at most ("Key Issues and Reasons for
# Recommendations").
TITLE_WORDS = 8
# A section's number and title in one cell: "1 Purpose of Report".
SECTION_TITLE = re.compile(r"^(?P<n>\d{1,2})\.?\s+(?P<t>[A-Z][^\d.:;]*)$")
# A run holds this many numbered rows at least, one of them a sub-number
# ("1.1"): a lone "1 | Recommendations" may be any two-column table's row.
MIN_NUMBERED = 2


def numbered_prose(rows: Sequence[Row]) -> tuple[Row, ...] | None:
    """The rows with each run of hanging-indent paragraphs made prose, and
    each section's title over its first paragraph read as prose
    (`_titles_over_prose`), or None where there is neither."""
    prose = _titles_over_prose(rows)
    hanging = [i for i, row in enumerate(rows) if _hanging(row)]
    if len(hanging) >= MIN_NUMBERED:
        for run in _runs(rows, hanging):
            if _paragraphs(rows, run):
                prose.update(run)
    if not prose:
        return None
    return tuple(_prose(r) if i in prose else r for i, r in enumerate(rows))


def _runs(rows: Sequence[Row], hanging: list[int]) -> Iterator[list[int]]:
    """The runs of hanging rows with nothing but blank rows between them."""
    run: list[int] = []
    for i in hanging:
        if run and not all(_blank(rows[j]) for j in range(run[-1] + 1, i)):
            yield run
            run = []
        run.append(i)
    if run:
        yield run


def _titles_over_prose(rows: Sequence[Row]) -> set[int]:
    """The table rows that print only a section's number and title ("1
    Purpose of Report", its second cell empty: a `-layout` line set apart
    from a header's column), right over a prose paragraph numbered under it
    ("1.1 To advise Members …"): a heading, not a table's row."""
    found: set[int] = set()
    for i, row in enumerate(rows):
        if not row.tabbed or len(row.filled) != 1 or row.filled[0] is not row.cells[0]:
            continue
        m = SECTION_TITLE.match(row.cells[0].flat)
        if m is None or len(m["t"].split()) > TITLE_WORDS:
            continue
        nxt = next((r for r in rows[i + 1 :] if r.filled), None)
        if (
            nxt is not None
            and not nxt.tabbed
            and nxt.flat.startswith(f"{m['n']}.")
            and NUMBER.match(nxt.flat.split()[0]) is not None
        ):
            found.add(i)
    return found


def _blank(row: Row) -> bool:
    return not row.filled


def _hanging(row: Row) -> bool:
    """A row of two cells: a number or nothing, then text."""
    if not row.tabbed or len(row.cells) != 2:
        return False
    number, text = row.cells
    return bool(text.flat) and (
        not number.flat or NUMBER.match(number.flat) is not None
    )


def _paragraphs(rows: Sequence[Row], run: list[int]) -> bool:
    """A run of numbered paragraphs: numbered in order, sections and their
    paragraphs ("1 Purpose of Report", "1.1 To advise …"), one of them a
    sentence, and no header row over it. A table of two columns ("Ref |
    Action" over "1.1 | Reduce the number …", or figures beside their notes,
    "12 | Fly tipping incidents …", "4.5 | …") is none."""
    numbers = [rows[i].cells[0].flat.rstrip(".") for i in run if rows[i].cells[0].flat]
    return (
        len(numbers) >= MIN_NUMBERED
        and any("." in n for n in numbers)
        and _in_order(numbers)
        and any(_titled(rows[i]) for i in run)
        and any(len(rows[i].cells[1].flat.split()) >= PROSE_WORDS for i in run)
        and not _under_header(rows, run[0])
    )


def _in_order(numbers: list[str]) -> bool:
    keys = [section_key(n) for n in numbers]
    return all(follows_section(b, a) for a, b in zip(keys, keys[1:], strict=False))


def section_key(number: str) -> tuple[int, ...]:
    """ "2.10" -> (2, 10)."""
    return tuple(int(x) for x in number.split("."))


def follows_section(key: tuple[int, ...], last: tuple[int, ...]) -> bool:
    """A section number that can come after `last`: after it, in the same or
    the next top level ("4.1" then "5"), never back or far ahead."""
    return key > last and key[0] <= last[0] + 1


def _titled(row: Row) -> bool:
    """A section's number and title: "1 | Purpose of Report"."""
    number, text = row.cells[0].flat, row.cells[1].flat
    return (
        bool(number)
        and "." not in number.rstrip(".")
        and len(text.split()) <= TITLE_WORDS
        and not text.rstrip().endswith((".", ":", ";"))
    )


def _under_header(rows: Sequence[Row], first: int) -> bool:
    """A row of two cells right over the run that is none of its rows: the
    header of a table of two columns."""
    if first == 0:
        return False
    above = rows[first - 1]
    return above.tabbed and len(above.filled) == 2 and not _hanging(above)


def _prose(row: Row) -> Row:
    if len(row.filled) == 1 and row.filled[0] is row.cells[0]:
        only = row.cells[0]
        cell = Cell(only.raw, only.text, 0, row.page, row.line_start, row.line_end)
        return Row((cell,), row.page, row.line_start, row.line_end, False)
    number, text = row.cells
    if number.flat:
        raw = f"{number.raw.strip()} {text.raw.strip()}"
        flat = f"{number.text.strip()} {text.text.strip()}"
    else:
        raw, flat = text.raw, text.text
    cell = Cell(raw, flat, 0, row.page, row.line_start, row.line_end)
    return Row((cell,), row.page, row.line_start, row.line_end, False)
