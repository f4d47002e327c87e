"""Action tables: "Action & Progress Update | Outcomes | Q1 Rating … Q4 Rating".

One cell holds the action title and its quarter texts, as `<p>` paragraphs
("<p>Explore …</p> <p>Q1 – …</p>") or run together ("Explore … Q1 – … Q2 - …");
later rows continue the action ("Q3 – …", "Quarter 2" over its text, text that
spilt over a page break, `<ul>` bullet lists). Quarter labels: "Q1 –", "Q2 -",
"Quarter 2", "Quarters 2, 3 and 4 - …". Ratings sit in the "Qn Rating" columns
of whichever row of the action prints them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from extract.blocks.headings import is_header
from extract.blocks.item_drafts import Draft, Mark, QuarterText
from extract.blocks.quarter_labels import (
    LABEL,
    bare_quarters,
    label_quarters,
    last_quarter,
    leading_quarters,
)
from extract.context import Context
from extract.document import Cell, Document, Row

RATING_HEADER = re.compile(r"^Q(?P<q>[1-4])\s+Rating$", re.IGNORECASE)
ACTION_LABEL = re.compile(r"Action\s*(?:&|\+|and)\s*Progress Update", re.IGNORECASE)
OUTCOMES_HEADER = re.compile(r"^Outcomes?$", re.IGNORECASE)
STRATEGIC_OBJECTIVE = re.compile(r"^Strategic Objective\b", re.IGNORECASE)
ALNUM = re.compile(r"[^\W_]")
NESTED_CELL = re.compile(r"<t[dh][\s>]", re.IGNORECASE)
# Rating cells hold one glyph, or debris around one ("$ \bigcirc$", "<u></u>").
SYMBOL_CHARS = 16


@dataclass(frozen=True, slots=True)
class Columns:
    """Where the action text, outcomes and quarter ratings are in a header's table."""

    action: int
    outcomes: int | None
    ratings: dict[int, str]


@dataclass(frozen=True, slots=True)
class Para:
    text: str
    page: int | None
    line_start: int
    line_end: int


@dataclass(frozen=True, slots=True)
class Open:
    """The action being read: its first row and the rows that continue it."""

    row_index: int
    rows: tuple[Row, ...] = ()
    last_quarter: int | None = None


def columns_of(row: Row) -> Columns | None:
    """The column layout if `row` is an action table header, else None."""
    ratings = {
        c.column: f"Q{m['q']}" for c in row.cells if (m := RATING_HEADER.match(c.flat))
    }
    if not ratings:
        return None
    action = next((c.column for c in row.cells if ACTION_LABEL.search(c.flat)), None)
    outcomes = next(
        (c.column for c in row.cells if OUTCOMES_HEADER.match(c.flat)), None
    )
    if action is None and outcomes is None:
        return None
    return Columns(action=action or 0, outcomes=outcomes, ratings=ratings)


def logical_cells(row: Row) -> tuple[Cell, ...]:
    """The row's cells with a nested table's flattened copy left out.

    seeds/001 line 36 prints an HTML `<table>` inside the action cell and then
    its 21 cells again as tab cells, before the Outcomes cell.
    """
    if not row.cells:
        return ()
    first = row.cells[0]
    nested = len(NESTED_CELL.findall(first.raw)) if "<table" in first.raw.lower() else 0
    return (first, *row.cells[1 + nested :])


def _text(cells: Sequence[Cell], column: int | None) -> str:
    if column is None or column >= len(cells):
        return ""
    return cells[column].flat


def _leading_label(cells: Sequence[Cell], cols: Columns) -> tuple[int, ...] | None:
    """Quarters of the label the row's action text starts with, if it does."""
    if cols.action >= len(cells) or not cells[cols.action].paragraphs:
        return None
    return leading_quarters(" ".join(cells[cols.action].paragraphs[0].split()))


def _inner_label(cells: Sequence[Cell], cols: Columns) -> int | None:
    """First quarter of a label printed after other text in the row's action cell."""
    m = LABEL.search(_text(cells, cols.action), 1)
    return min(label_quarters(m)) if m else None


def _ends_table(row: Row, i: int, start: int, ctx: Context) -> bool:
    if not row.tabbed:
        return bool(row.flat)
    filled = row.filled
    if filled and not any(ALNUM.search(c.flat) for c in filled):
        return True  # seeds/003 line 121: "--- | -- | --" closes the table
    if filled and STRATEGIC_OBJECTIVE.match(filled[0].flat):
        return True
    return ctx.plan(i) != ctx.plan(start) or ctx.theme(i) != ctx.theme(start)


def _starts_action(
    cells: Sequence[Cell],
    nxt: Sequence[Cell] | None,
    cols: Columns,
    open_: Open | None,
    after_header: bool,
) -> bool:
    """Whether a row begins a new action rather than continuing the open one."""
    if open_ is None:
        return bool(_text(cells, cols.action) or _text(cells, cols.outcomes))
    if _leading_label(cells, cols) is not None or not _text(cells, cols.action):
        return False
    if after_header or _text(cells, cols.outcomes):
        return True
    last = open_.last_quarter
    if last is None:
        return False
    # The quarter sequence restarting means a new action: seeds/000 line 78 is
    # followed by "Quarter 1 – …" after the cemetery action's "Quarter 4".
    inner = _inner_label(cells, cols)
    if inner is not None:
        return inner <= last
    following = _leading_label(nxt, cols) if nxt is not None else None
    return following is not None and min(following) <= last


def parse(doc: Document, ctx: Context) -> list[Draft]:
    """Every action of every action table in the document, in document order."""
    drafts: list[Draft] = []
    cols: Columns | None = None
    start, after_header = 0, False
    open_: Open | None = None
    for i, row in enumerate(doc.rows):
        if (found := columns_of(row)) is not None:
            # A repeated header (a page break) may be followed by the open
            # action's next quarter, so the open action stays open.
            cols, start, after_header = found, i, True
            continue
        if cols is None:
            continue
        if is_header(row) or _ends_table(row, i, start, ctx):
            if open_ is not None:
                drafts.append(_draft(open_, cols))
            cols, open_ = None, None
            continue
        if not row.flat and not any(c.raw.strip() for c in row.cells):
            continue
        cells = logical_cells(row)
        if _starts_action(cells, _next_filled(doc.rows, i), cols, open_, after_header):
            if open_ is not None:
                drafts.append(_draft(open_, cols))
            open_ = Open(row_index=i)
        after_header = False
        if open_ is None:
            continue
        q = last_quarter(_text(cells, cols.action))
        open_ = replace(
            open_,
            rows=(*open_.rows, row),
            last_quarter=open_.last_quarter if q is None else q,
        )
    if cols is not None and open_ is not None:
        drafts.append(_draft(open_, cols))
    return drafts


def _next_filled(rows: Sequence[Row], i: int) -> tuple[Cell, ...] | None:
    for row in rows[i + 1 :]:
        if row.flat:
            return logical_cells(row) if row.tabbed else None
    return None


def _paragraphs(rows: Sequence[Row], column: int) -> list[Para]:
    paras: list[Para] = []
    for row in rows:
        cells = logical_cells(row)
        if column >= len(cells):
            continue
        cell = cells[column]
        for p in cell.paragraphs:
            paras.append(
                Para(" ".join(p.split()), cell.page, cell.line_start, cell.line_end)
            )
    return paras


def _split_title(paras: list[Para]) -> tuple[str, list[Para]]:
    """The action title (first paragraph, up to a quarter label) and what follows."""
    first, rest = paras[0], paras[1:]
    m = LABEL.search(first.text, 1)
    if m is None:
        return first.text, rest
    head = first.text[: m.start()].strip()
    tail = Para(first.text[m.start() :], first.page, first.line_start, first.line_end)
    return head, [tail, *rest]


def _quarter_texts(paras: Sequence[Para]) -> tuple[QuarterText, ...]:
    """Text under each quarter label; text before the first label belongs to none."""
    pieces: list[tuple[tuple[int, ...], str, Para]] = []
    current: tuple[int, ...] = ()
    for para in paras:
        if (bare := bare_quarters(para.text)) is not None:
            current = bare
            continue
        at = 0
        for m in LABEL.finditer(para.text):
            pieces.append((current, para.text[at : m.start()], para))
            current, at = label_quarters(m), m.end()
        pieces.append((current, para.text[at:], para))
    texts: list[QuarterText] = []
    for q in range(1, 5):
        mine = [(t.strip(), p) for qs, t, p in pieces if q in qs and t.strip()]
        if mine:
            texts.append(
                QuarterText(
                    quarter=f"Q{q}",
                    text=" ".join(t for t, _ in mine),
                    page=mine[0][1].page,
                    line_start=min(p.line_start for _, p in mine),
                    line_end=max(p.line_end for _, p in mine),
                )
            )
    return tuple(texts)


def _marks(rows: Sequence[Row], cols: Columns) -> tuple[Mark, ...]:
    marks: list[Mark] = []
    for row in rows:
        cells = logical_cells(row)
        for column, quarter in sorted(cols.ratings.items()):
            if column >= len(cells) or column in (cols.action, cols.outcomes):
                continue
            raw = cells[column].raw.strip()
            if raw and len(raw) <= SYMBOL_CHARS:
                marks.append(
                    Mark(quarter, raw, cells[column].page, cells[column].line_start)
                )
    return tuple(marks)


def _draft(open_: Open, cols: Columns) -> Draft:
    paras = _paragraphs(open_.rows, cols.action)
    title, rest = _split_title(paras) if paras else ("", [])
    outcomes = " ".join(
        t for row in open_.rows if (t := _text(logical_cells(row), cols.outcomes))
    )
    progress = " ".join(p.text for p in rest)
    first = open_.rows[0]
    return Draft(
        kind="action",
        row_index=open_.row_index,
        title=title,
        outcomes=outcomes or None,
        approach=None,
        key_project=None,
        progress=progress or None,
        page=first.page,
        line_start=first.line_start,
        line_end=open_.rows[-1].line_end,
        texts=_quarter_texts(rest),
        marks=_marks(open_.rows, cols),
    )
