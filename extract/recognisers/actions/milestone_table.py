"""Milestone tables: "Approach | Key Project | Milestone(s) | Progress | Q1 … Q4".

One row per milestone; Approach and Key Project are printed on the first row of
their group and left blank below it (samples/002 lines 68-74); ✓ / ▲ sit in the
quarter column the milestone was rated in. A row with an empty Milestone(s) cell
is a milestone named by its Key Project (samples/002 line 95, Universal Credit);
a row with only Progress text or marks continues the milestone above it. Other
layouts: "Key Project | Milestone | Progress | Q1 …" and "Projects | Milestones
| Progress Update | RAG", whose one RAG column rates the report's latest
quarter. Quarter labels in the Progress cell ("Q1 – … Q2 – …") give quarter
texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extract.context import Context
from extract.document import Document, Row
from extract.recognisers.actions.drafts import (
    Draft,
    Mark,
    cell_text,
    ends_table,
    logical_cells,
    marks_of,
    paragraphs,
    progress_column,
    rows_with,
)
from extract.recognisers.actions.quarter_labels import (
    Para,
    quarter_texts,
    rating_columns,
)
from normalise.patterns import compiled

APPROACH = compiled(r"^Approach$", re.IGNORECASE)
# "Key Project" (samples/002), "Projects" (a Cabinet report layout projects/RAG layout).
KEY_PROJECT = compiled(r"^(?:Key\s+)?Projects?$", re.IGNORECASE)
MILESTONE = compiled(r"^Milestones?(?:\s*\(s\))?$", re.IGNORECASE)
# The label's word, sought once in a row's text before cell by cell.
MILESTONE_WORDS = ("milestone",)
MILESTONE_WORD = compiled("|".join(MILESTONE_WORDS), re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Columns:
    approach: int | None
    key_project: int | None
    milestone: int
    progress: int | None
    quarters: dict[int, str]


def columns_of(row: Row, latest: str | None = None) -> Columns | None:
    """The column layout if `row` is a milestone table header, else None.

    `latest` is the report's latest quarter, the one a single "RAG" column rates.
    """
    if MILESTONE_WORD.search(row.flat) is None:
        return None

    def find(pattern: re.Pattern[str]) -> int | None:
        return next((c.column for c in row.cells if pattern.match(c.flat)), None)

    milestone = find(MILESTONE)
    if milestone is None:
        return None
    progress = progress_column(row)
    quarters = rating_columns(row, latest)
    if not (quarters or progress is not None):
        return None
    return Columns(find(APPROACH), find(KEY_PROJECT), milestone, progress, quarters)


def parse(doc: Document, ctx: Context) -> list[Draft]:
    """Every milestone of every milestone table, approach and project filled down."""
    drafts: list[Draft] = []
    # The Progress paragraphs of each draft, read again for its quarter texts
    # when a later row continues it.
    paras: list[list[Para]] = []
    latest = ctx.quarters[-1] if ctx.quarters else None
    cols: Columns | None = None
    start = 0
    # Index in `drafts` of the first milestone of the current table: a row is
    # only continued from, and filled down from, rows of its own table.
    first = 0
    approach: str | None = None
    key_project: str | None = None
    headers = rows_with(doc.rows, MILESTONE_WORDS)
    for i, row in enumerate(doc.rows):
        if i in headers and (found := columns_of(row, latest)) is not None:
            # A header repeated after a page break under the same plan and
            # theme continues its table; any other header starts afresh.
            if (
                cols is None
                or found != cols
                or ctx.plan(i) != ctx.plan(start)
                or ctx.theme(i) != ctx.theme(start)
            ):
                first, approach, key_project = len(drafts), None, None
            cols, start = found, i
            continue
        if cols is not None and row.unread:
            # A milestone left unread: the rows below neither continue nor
            # fill down from the rows above it.
            first, approach, key_project = len(drafts), None, None
            continue
        if cols is None or not row.flat:
            continue
        if ends_table(row, i, start, ctx, by_theme=False):
            cols = None
            continue
        cells = logical_cells(row)
        own_approach = cell_text(cells, cols.approach)
        own_project = cell_text(cells, cols.key_project)
        milestone = cell_text(cells, cols.milestone)
        progress = cell_text(cells, cols.progress)
        marks = marks_of(cells, cols.quarters)
        if not (own_project or milestone or progress or marks):
            # A section row ("Support Vulnerable People") printed inside the grid.
            continue
        if cols.approach is None and not (milestone or progress or marks):
            # Without an Approach column the section row's text sits in the
            # project column: one Cabinet report layout prints "Support Vulnerable
            # People" alone in a "Key Project | Milestone | Progress | Q1 …" grid. It
            # names no milestone, and the rows below it are another section's.
            key_project = None
            continue
        row_paras = paragraphs([row], cols.progress)
        if not (own_approach or own_project or milestone):
            if len(drafts) > first:
                paras[-1] += row_paras
                drafts[-1] = _continued(drafts[-1], row, progress, marks, paras[-1])
            # Progress or marks with no milestone above them in the table name
            # nothing; their lines stay unclaimed, so coverage reports them.
            continue
        approach = own_approach or approach
        key_project = own_project or key_project
        title = milestone or own_project or key_project
        if not title:
            # An Approach cell alone, with no project printed yet in this table.
            continue
        paras.append(row_paras)
        drafts.append(
            Draft(
                kind="milestone",
                row_index=i,
                title=title,
                outcomes=None,
                approach=approach,
                key_project=key_project,
                progress=progress or None,
                page=row.page,
                line_start=row.line_start,
                line_end=row.line_end,
                texts=quarter_texts(row_paras),
                marks=tuple(marks),
            )
        )
    return drafts


def _continued(
    draft: Draft, row: Row, progress: str, marks: list[Mark], paras: list[Para]
) -> Draft:
    """A row with only Progress text or marks continues the milestone above it."""
    joined = " ".join(t for t in (draft.progress, progress) if t)
    return replace(
        draft,
        progress=joined or None,
        line_end=row.line_end,
        texts=quarter_texts(paras),
        marks=draft.marks + tuple(marks),
    )
