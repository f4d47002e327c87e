"""Milestone tables: "Approach | Key Project | Milestone(s) | Progress | Q1 … Q4".

One row per milestone; Approach and Key Project are printed on the first row of
their group and left blank below it (seeds/002 lines 68-74); ✓ / ▲ sit in the
quarter column the milestone was rated in. A row with an empty Milestone(s) cell
is a milestone named by its Key Project (seeds/002 line 95, Universal Credit).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from extract.blocks.action_table import logical_cells
from extract.blocks.headings import is_header
from extract.blocks.item_drafts import Draft, Mark
from extract.context import Context
from extract.document import Cell, Document, Row

APPROACH = re.compile(r"^Approach$", re.IGNORECASE)
KEY_PROJECT = re.compile(r"^Key Projects?$", re.IGNORECASE)
MILESTONE = re.compile(r"^Milestones?(?:\s*\(s\))?$", re.IGNORECASE)
PROGRESS = re.compile(r"^Progress$", re.IGNORECASE)
QUARTER = re.compile(r"^(?:Q|Quarter\s*)(?P<q>[1-4])$", re.IGNORECASE)
ALNUM = re.compile(r"[^\W_]")
# Quarter cells hold one glyph ("✓", "▲") or debris around one.
SYMBOL_CHARS = 16


@dataclass(frozen=True, slots=True)
class Columns:
    approach: int | None
    key_project: int | None
    milestone: int
    progress: int | None
    quarters: dict[int, str]


def columns_of(row: Row) -> Columns | None:
    """The column layout if `row` is a milestone table header, else None."""

    def find(pattern: re.Pattern[str]) -> int | None:
        return next((c.column for c in row.cells if pattern.match(c.flat)), None)

    milestone = find(MILESTONE)
    quarters = {
        c.column: f"Q{m['q']}" for c in row.cells if (m := QUARTER.match(c.flat))
    }
    if milestone is None or not quarters:
        return None
    return Columns(
        find(APPROACH), find(KEY_PROJECT), milestone, find(PROGRESS), quarters
    )


def _text(cells: Sequence[Cell], column: int | None) -> str:
    if column is None or column >= len(cells):
        return ""
    return cells[column].flat


def _marks(cells: Sequence[Cell], cols: Columns) -> list[Mark]:
    marks = []
    for column, quarter in sorted(cols.quarters.items()):
        if column < len(cells):
            raw = cells[column].raw.strip()
            if raw and len(raw) <= SYMBOL_CHARS:
                marks.append(
                    Mark(quarter, raw, cells[column].page, cells[column].line_start)
                )
    return marks


def _ends_table(row: Row, i: int, start: int, ctx: Context) -> bool:
    if not row.tabbed:
        return bool(row.flat)
    if is_header(row):
        return True
    filled = row.filled
    if filled and not any(ALNUM.search(c.flat) for c in filled):
        return True
    return ctx.plan(i) != ctx.plan(start)


def parse(doc: Document, ctx: Context) -> list[Draft]:
    """Every milestone of every milestone table, approach and project filled down."""
    drafts: list[Draft] = []
    cols: Columns | None = None
    start = 0
    approach: str | None = None
    key_project: str | None = None
    for i, row in enumerate(doc.rows):
        if (found := columns_of(row)) is not None:
            cols, start = found, i
            continue
        if cols is None or not row.flat:
            continue
        if _ends_table(row, i, start, ctx):
            cols = None
            continue
        cells = logical_cells(row)
        own_approach = _text(cells, cols.approach)
        own_project = _text(cells, cols.key_project)
        milestone = _text(cells, cols.milestone)
        progress = _text(cells, cols.progress)
        marks = _marks(cells, cols)
        if not (own_project or milestone or progress or marks):
            # A section row ("Support Vulnerable People") printed inside the grid.
            continue
        if not (own_approach or own_project or milestone) and drafts:
            drafts[-1] = _continued(drafts[-1], row, progress, marks)
            continue
        approach = own_approach or approach
        key_project = own_project or key_project
        drafts.append(
            Draft(
                kind="milestone",
                row_index=i,
                title=milestone or own_project or key_project or "",
                outcomes=None,
                approach=approach,
                key_project=key_project,
                progress=progress or None,
                page=row.page,
                line_start=row.line_start,
                line_end=row.line_end,
                texts=(),
                marks=tuple(marks),
            )
        )
    return drafts


def _continued(draft: Draft, row: Row, progress: str, marks: list[Mark]) -> Draft:
    """A row with only Progress text or marks continues the milestone above it."""
    joined = " ".join(t for t in (draft.progress, progress) if t)
    return replace(
        draft,
        progress=joined or None,
        line_end=row.line_end,
        marks=draft.marks + tuple(marks),
    )
