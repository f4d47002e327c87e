"""Tables in reading-order text: pdftotext without -layout, or text copied
from a PDF viewer, prints a table's cells as paragraphs one after another, its
column labels among them ("Quarter 1", "Annual Target", "Action & Progress
Update", "On Target").

Such a table is a block from its first column label to the next numbered
section heading (or the end): its cells are not prose, and what no recogniser
claims in it is reported, never taken for sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.blocks.columns import BARE_YEAR
from extract.blocks.model import Block
from extract.blocks.paragraphs import Paragraph
from extract.document import Document, Row
from extract.layout.headers import HEADER_WORDS
from normalise.text import squash
from normalise.vocabulary import status_categories, status_category

NUMBERED = re.compile(r"^(?:Appendix\s+\d|\d{1,2}\.\d)")
# A status label of a summary grid is short: "On Target", "Requires Attention".
STATUS_LABEL_CHARS = 30
# A status label can run to a sentence or two: "Project scope/target date
# requires attention. Alterations considered by Leadership Team." (88).
LONG_LABEL_CHARS = 100
# A label wraps at its cell's width: pdftotext prints its lines well short of
# a page's ("Project scope/target date requires attention. Alterations", 57).
LABEL_LINE_CHARS = 60
RUN_ON_BLANK_SHARE = 0.05


def runs_on(doc: Document) -> bool:
    """Whether a text prints its cells running on from line to line, as
    `pdftotext -raw` does: no TAB and next to no blank line (a page's furniture
    aside: under 1% of the raw fixtures' lines), where reading-order text parts
    its cells with blank lines (17-42% of samples/text/*-plain.txt)."""
    if doc.text_form is None or any(row.tabbed for row in doc.rows):
        return False
    blank = sum(not line.strip() for line in doc.lines)
    return blank <= RUN_ON_BLANK_SHARE * len(doc.lines)


# How far after years printed alone a table's other labels may start.
YEAR_LABELS_AHEAD = 4


def is_column_label(text: str) -> bool:
    """A paragraph that is a table's column label, printed on its own."""
    return _is_label(" ".join(text.split()))


def _is_label(text: str) -> bool:
    """`is_column_label` of a squashed text: a paragraph's, or a row's in it;
    a financial year alone ("2015/16") heads a year's column."""
    return (
        bool(HEADER_WORDS.match(text))
        or (len(text) <= STATUS_LABEL_CHARS and status_category(text) is not None)
        or BARE_YEAR.match(text) is not None
    )


def _opens_table(p: Paragraph) -> bool:
    """A column label, or a paragraph that ends in two: a grid's title lines,
    then a label printed on the line above the first column's, then that one
    ("Quarter Four (…)", "Performance", "TOTAL", "Milestone completed",
    samples/text/002_c2fd677fd2d5bf7c-plain.txt lines 5-8)."""
    if _is_label(p.text):
        return True
    return len(p.pieces) > 1 and _is_label(p.line(-2)) and _is_label(p.line(-1))


def _heads_labels(p: Paragraph, following: Sequence[Paragraph]) -> bool:
    """A paragraph that ends in a column label, another label after it: a
    table's title lines over its first label ("Sustaining safe and secure
    communities" / "Approach", then "Key Project",
    samples/text/002_c2fd677fd2d5bf7c-plain.txt lines 405-408)."""
    return (
        len(p.pieces) > 1
        and _is_label(p.line(-1))
        and any(_is_label(q.text) for q in following)
    )


def _is_heading(p: Paragraph) -> bool:
    """A numbered section heading ("5.4 Community Safety", "Appendix 2"): a
    title printed alone ("Quarter 2") can be a column label, and a cell can
    open with a count ("1 Mental Health")."""
    text = p.text.strip()
    return bool(
        p.section and text and p.section.endswith(text) and NUMBERED.match(p.section)
    )


def reading_order_tables(
    rows: Sequence[Row], paras: Sequence[Paragraph]
) -> list[Block]:
    """The reading-order tables of a document printed without columns."""
    out: list[Block] = []
    start: int | None = None
    for n, p in enumerate(paras):
        if start is None:
            if (_opens_table(p) and not _year_alone(paras, n)) or _heads_labels(
                p, paras[n + 1 : n + 2]
            ):
                start = paras[_first_label(paras, n)].row_index
        elif _is_heading(p):
            out.append(_table(rows, start, p.row_index))
            start = None
    if start is not None:
        out.append(_table(rows, start, len(rows)))
    return [b for b in out if b.rows]


def _first_label(paras: Sequence[Paragraph], n: int) -> int:
    """The paragraph a table opening at status label `paras[n]` starts at:
    the first long status label of the run of label-shaped paragraphs right
    before it ("Project scope/target date" / "requires attention." /
    "Alterations considered by" / "Leadership Team."), as a grid prints its
    labels one after another; read from its first short label on, each value
    would go a column along. A grid names each status once: a paragraph
    naming a status another label names, or two, is no label of it ("Key:
    green actions are on target" over "On Target")."""
    named: set[str] = set()
    for q in paras[n:]:
        category = status_category(squash(q.text))
        if category is None:
            break
        named.add(category)
    if not named:
        return n
    first = n
    while first > 0 and _label_shaped(paras[first - 1]):
        statuses = status_categories(squash(paras[first - 1].text))
        if len(statuses) > 1 or statuses & named:
            break
        named |= statuses
        first -= 1
    while first < n and status_category(squash(paras[first].text)) is None:
        first += 1
    return first


def _label_shaped(p: Paragraph) -> bool:
    """A paragraph that may be a grid's label or a part of one: short, with
    no figure, and either one short line ("Delayed") or lines wrapped at a
    cell's width, not a page's (a sentence of prose naming a status is no
    label)."""
    text = squash(p.text)
    return (
        len(text) <= LONG_LABEL_CHARS
        and (len(text) <= STATUS_LABEL_CHARS or len(p.pieces) > 1)
        and all(len(line.strip()) <= LABEL_LINE_CHARS for line in p.lines)
        and not any(ch.isdigit() for ch in text)
        and not _is_heading(p)
    )


def _year_alone(paras: Sequence[Paragraph], n: int) -> bool:
    """Whether paragraph `n` is a financial year printed alone with no other
    column label among the few after it: a chart's axis ("Recorded crime by
    year" / "2016/17" / "2017/18" / prose), no table's labels ("2015/16" /
    "2016/17" / "Q1" / "Q2")."""
    if BARE_YEAR.match(" ".join(paras[n].text.split())) is None:
        return False
    return not any(
        HEADER_WORDS.match(" ".join(q.text.split()))
        for q in paras[n + 1 : n + 1 + YEAR_LABELS_AHEAD]
    )


def _table(rows: Sequence[Row], start: int, end: int) -> Block:
    members = range(start, end)
    last = next((i for i in reversed(members) if rows[i].flat), start)
    return Block(
        "table",
        0,
        tuple(members[: last - start + 1]),
        rows[start].page,
        rows[start].line_start,
        rows[last].line_end,
        reading_order=True,
    )
