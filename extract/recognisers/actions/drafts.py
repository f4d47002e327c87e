"""Actions and milestones as read from their tables, before they get an `item_id`.

Both table layouts ("Action & Progress Update | Outcomes | Q1 Rating …" and
"Approach | Key Project | Milestone(s) | Progress | Q1 …", and their variants)
read into the same draft, so one function turns either into `actions` and
`action_updates` rows, and both read their rows with the same helpers: cell text
by column, a column's paragraphs, the progress column of a header, marks in
rating columns, the copy of a nested table left out, where a table ends.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from extract.context import Context
from extract.document import Cell, Document, Row
from extract.headings import STRATEGIC_OBJECTIVE
from extract.layout.headers import is_header
from extract.readers.symbol_fonts import one_font_reading
from extract.recognisers.actions.quarter_labels import (
    Para,
    QuarterText,
    quarter_columns,
)
from extract.records import Action, ActionUpdate, IssueRow, Record, RepairRow
from normalise.patterns import compiled
from normalise.repair import Repair
from normalise.symbols import clean_symbol, holds_symbol
from normalise.text import case_blind, strip_html
from normalise.vocabulary import status_category as category_of
from schemas.symbols import rating_of

QUARTERS = ("Q1", "Q2", "Q3", "Q4")
# A text's marks read as the symbol font the text lost (`marks_in_lost_font`):
# the font is inferred, not read as a PDF's reader reads it.
LOST_FONT = "symbol_font_inferred"
LOST_FONT_CONFIDENCE = 0.8
# The texts pdftotext writes (`Document.text_form`), which keep a symbol
# font's code points and lose the font.
LOST_FONT_FORMS = frozenset({"layout", "plain"})
# A rule row closes a table: samples/003 line 121 prints "--- | -- | --" under
# the last action. A row of rating symbols only ("| | ▶ | ▲ |") does not: it
# carries the marks of the action above it.
RULE = re.compile(r"^[-‐‑‒–—―_=\s]+$")
NESTED_TABLE = re.compile(r"<table\b.*?(?:</table\s*>|$)", re.IGNORECASE | re.DOTALL)
NESTED_CELL = compiled(r"<t[dh](?:\s[^>]*)?>", re.IGNORECASE)
# The status grid under an action table is headed "Summary of Progress in
# Delivering Projects/Actions:" (samples/000 lines 53, 82; samples/001 line 72),
# printed with trailing tabs in some exports, which makes it a table row.
SUMMARY_HEADING = re.compile(
    r"^(?:Summary\s+of\s+(?:Progress|Performance)\b.*|.{0,60}\bSummary\s*:?)$",
    re.IGNORECASE,
)
# A status grid's label row names at least three different statuses (samples/000
# line 56 names four, "No Rating" spilt onto the line above). An action row can
# say "complete" in three cells ("Complete the redevelopment …", "… properties
# completed …", Status "Completed"); that is one status, not a grid.
STATUS_LABELS = 3
# The column of progress text beside the title: "Key Actions | Lead Officer |
# Progress | Q1 …", "Action | Target Date | Update | Status", "Projects |
# Milestones | Progress Update | RAG" (a Cabinet report layout), "Comments".
PROGRESS_HEADER = re.compile(
    r"^(?:Progress(?:\s+Updates?)?|Updates?|Progress\s+to\s+date|Comments?)$",
    re.IGNORECASE,
)
# The longest status label: samples/000 line 56 "Project Timeline/scope/target
# date requires attention. Alterations considered by leadership team" (95).
LABEL_CHARS = 120


@dataclass(frozen=True, slots=True)
class Mark:
    """A non-empty cell of a quarter column, `raw` as printed."""

    quarter: str
    raw: str
    page: int | None
    line: int


@dataclass(frozen=True, slots=True)
class Draft:
    """One action or milestone; `row_index` is where it starts in `doc.rows`."""

    kind: str
    row_index: int
    title: str
    outcomes: str | None
    approach: str | None
    key_project: str | None
    progress: str | None
    page: int | None
    line_start: int
    line_end: int
    texts: tuple[QuarterText, ...]
    marks: tuple[Mark, ...]


def marks_in_lost_font(doc: Document, drafts: Sequence[Draft]) -> dict[str, Repair]:
    """A text's marks that are no symbol of the map, read in the symbol font
    the text lost, where one font reads each of them as a rated mark: the
    pdftotext text of a PDF whose ticks are ZapfDingbats prints "3" for ✓ and
    "s" for ▲. Each printed mark -> the repair that reads it so; none for a
    PDF (its reader reads the font) or a TAB export, none where the document
    prints a rated mark as itself (its font was not lost: a stray "3" stays
    as printed), and none where no font, or more than one, reads every such
    mark of the document as a rated one (samples/000's lone "5",
    ZapfDingbats' ✕, is no rating: it stays as printed)."""
    if doc.text_form not in LOST_FONT_FORMS:
        return {}
    printed = {
        symbol
        for draft in drafts
        for mark in draft.marks
        if (symbol := clean_symbol(mark.raw)[0])
    }
    if any(rating_of(symbol) is not None for symbol in printed):
        return {}
    single = {symbol for symbol in printed if len(symbol) == 1}
    read = one_font_reading(single, lambda mark: rating_of(mark) is not None)
    return {
        raw: Repair(
            raw=raw, repaired=mark, rule=LOST_FONT, confidence=LOST_FONT_CONFIDENCE
        )
        for raw, mark in read.items()
    }


def emit(
    draft: Draft,
    item_id: str,
    doc_id: str,
    ctx: Context,
    font_repairs: Mapping[tuple[int, int], tuple[Repair, ...]] | None = None,
    lost_font: Mapping[str, Repair] | None = None,
) -> Iterator[Record]:
    """The draft's `actions` row, its `action_updates` rows and symbol repairs.

    `font_repairs` are the reader's (`Document.font_repairs`): a mark read from
    a symbol font's code point logs that reading too. `lost_font` are a
    text's marks read in the font it lost (`marks_in_lost_font`).
    """
    yield Action(
        item_id=item_id,
        doc_id=doc_id,
        plan=ctx.plan(draft.row_index),
        theme=ctx.theme(draft.row_index),
        kind=draft.kind,
        approach=draft.approach,
        key_project=draft.key_project,
        title=draft.title,
        outcomes=draft.outcomes,
        progress=draft.progress,
        page=draft.page,
        line_start=draft.line_start,
        line_end=draft.line_end,
    )
    symbols: dict[str, tuple[str, Mark]] = {}
    for mark in draft.marks:
        symbol, repairs = clean_symbol(mark.raw)
        if lost_font and symbol and (read := lost_font.get(symbol)) is not None:
            repairs, symbol = (*repairs, read), read.repaired
        read_from_font = _read_from_font(mark, symbol, repairs, font_repairs)
        for repair in (*read_from_font, *repairs):
            yield RepairRow.of(
                doc_id,
                "action_updates",
                "rating_symbol",
                repair,
                page=mark.page,
                line=mark.line,
            )
        if symbol and mark.quarter not in symbols:
            symbols[mark.quarter] = (symbol, mark)
    for quarter in QUARTERS:
        texts = [t for t in draft.texts if t.quarter == quarter]
        found = symbols.get(quarter)
        if not texts and not found:
            continue
        lines = [t.line_start for t in texts] + [t.line_end for t in texts]
        if found:
            lines.append(found[1].line)
        pages = [t.page for t in texts] + ([found[1].page] if found else [])
        yield ActionUpdate(
            item_id=item_id,
            doc_id=doc_id,
            quarter=quarter,
            progress=" ".join(t.text for t in texts) or None,
            rating_symbol=found[0] if found else None,
            rating=rating_of(found[0]) if found else None,
            page=pages[0],
            line_start=min(lines),
            line_end=max(lines),
        )


def _read_from_font(
    mark: Mark,
    symbol: str | None,
    cleaning: Sequence[Repair],
    font_repairs: Mapping[tuple[int, int], tuple[Repair, ...]] | None,
) -> tuple[Repair, ...]:
    """The reader's repair that read the mark's symbol from a font's code
    point: the symbol as read, before `cleaning` (Wingdings 0xA1 is "○",
    which is then spelt "\\bigcirc")."""
    if not font_repairs or mark.page is None:
        return ()
    read = {symbol, *(r.raw for r in cleaning)}
    found = font_repairs.get((mark.page, mark.line), ())
    return next(((r,) for r in found if r.repaired in read), ())


def unknown_symbols(
    doc: Document,
    drafts: Sequence[Draft],
    lost_font: Mapping[str, Repair] | None = None,
) -> Iterator[IssueRow]:
    """One `unknown_symbol` issue per printed symbol the symbol map does not
    know, and that is not read in the font a text lost (`lost_font`)."""
    seen: dict[str, list[Mark]] = {}
    for draft in drafts:
        for mark in draft.marks:
            symbol, _ = clean_symbol(mark.raw)
            if (
                symbol
                and rating_of(symbol) is None
                and not (lost_font and symbol in lost_font)
            ):
                seen.setdefault(symbol, []).append(mark)
    for symbol, marks in seen.items():
        lines = ", ".join(str(n) for n in sorted({m.line for m in marks}))
        yield IssueRow.at(
            "unknown_symbol",
            doc,
            marks[0].line,
            f'rating symbol "{symbol}" (lines {lines}) is not in '
            "schemas/symbols.csv, so its rating is null; add it to the map if "
            "its meaning is known",
            page=marks[0].page,
        )


def rows_with(rows: Sequence[Row], words: tuple[str, ...]) -> frozenset[int]:
    """The indices of the rows in which a case-blind search for one of the
    lower-case ASCII `words` may find it: one pass over the document's text
    rather than a search a row."""
    # A row's flat text holds no newline, so no word found runs over two rows.
    low = case_blind("\n".join([row.flat for row in rows]))
    starts = []
    for word in words:
        key = word.encode()
        at = low.find(key)
        while at != -1:
            starts.append(at)
            at = low.find(key, at + 1)
    found = set()
    line = previous = 0
    for at in sorted(starts):
        line += low.count(b"\n", previous, at)
        previous = at
        found.add(line)
    return frozenset(found)


def logical_cells(row: Row) -> tuple[Cell, ...]:
    """The row's cells with a nested table's flattened copy left out.

    samples/001 line 36 prints an HTML `<table>` inside the action cell and then
    its 21 cells again as tab cells, before the Outcomes cell. Only cells that
    repeat the nested table's cells, in order, are left out.
    """
    if not row.cells:
        return ()
    first, rest = row.cells[0], row.cells[1:]
    copies = 0
    for table in NESTED_TABLE.findall(first.raw):
        for piece in NESTED_CELL.split(table)[1:]:
            if copies >= len(rest) or rest[copies].flat != " ".join(
                strip_html(piece).split()
            ):
                return (first, *rest[copies:])
            copies += 1
    return (first, *rest[copies:])


def cell_text(cells: Sequence[Cell], column: int | None) -> str:
    """The flat text of `cells[column]`; "" when there is no such cell."""
    if column is None or not 0 <= column < len(cells):
        return ""
    return cells[column].flat


def progress_column(row: Row) -> int | None:
    """The header's progress column ("Progress", "Update", "Comments"), if any."""
    return next((c.column for c in row.cells if PROGRESS_HEADER.match(c.flat)), None)


def paragraphs(rows: Sequence[Row], column: int | None) -> list[Para]:
    """The paragraphs of one column's cells over `rows`, in order."""
    paras: list[Para] = []
    if column is None:
        return paras
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


def marks_of(cells: Sequence[Cell], quarters: Mapping[int, str]) -> list[Mark]:
    """A mark for each quarter column of the row that prints a symbol (not words)."""
    marks = []
    for column, quarter in sorted(quarters.items()):
        if 0 <= column < len(cells) and holds_symbol(raw := cells[column].raw):
            cell = cells[column]
            marks.append(Mark(quarter, raw.strip(), cell.page, cell.line_start))
    return marks


def _status_labels(row: Row) -> bool:
    categories = {
        category
        for c in row.filled
        if len(c.flat) <= LABEL_CHARS and (category := category_of(c.flat))
    }
    return len(categories) >= STATUS_LABELS


def ends_table(row: Row, i: int, start: int, ctx: Context, by_theme: bool) -> bool:
    """Whether `row` (at `doc.rows[i]`) closes the table whose header is at `start`.

    Prose, another table's header, a status grid or its heading, a "---" row, a
    "Strategic Objective" row, a new plan (or theme, for action tables). A row of
    rating symbols only continues the table. A row left unread ends it: which
    action its lines go on with cannot be told.
    """
    if row.unread:
        return True
    if not row.tabbed:
        return bool(row.flat)
    cells = logical_cells(row)
    if len(cells) < len(row.cells):
        # A nested table's copied cells ("Programme | Annual Target | Q2") are
        # the action cell's content, not a header of this row.
        row = replace(row, cells=cells)
    filled = row.filled
    if not filled:
        return False
    if all(RULE.match(c.flat) for c in filled):
        return True
    if is_header(row) or len(quarter_columns(row)) >= 2 or _status_labels(row):
        return True
    first = filled[0].flat
    if STRATEGIC_OBJECTIVE.match(first):
        return True
    if len(filled) == 1 and SUMMARY_HEADING.match(first):
        return True
    if by_theme and ctx.theme(i) != ctx.theme(start):
        return True
    return ctx.plan(i) != ctx.plan(start)
