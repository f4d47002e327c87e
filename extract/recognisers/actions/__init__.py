"""Actions and milestones: the `actions` and `action_updates` tables.

Each action of an "Action & Progress Update | Outcomes | Q1 Rating …" table (or
"Key Actions | Lead Officer | Progress | Q1 …", "Action | Target Date | Update |
Status") gives one `actions` row (kind `action`) and one `action_updates` row per
quarter with a labelled text ("Q1 –", "Quarter 2", "Q2/Q3 –", "April–June:") or
a rating symbol (see `extract.recognisers.actions.action_table`). Each milestone of an
"Approach | Key Project | Milestone(s) | Progress | Q1 …" table (or "Projects |
Milestones | Progress Update | RAG") gives one row of kind `milestone`, approach
and key project filled down, and one update per quarter with a labelled text or
a mark (see `milestone_table`). Both kinds share one numbering. Text printed
without columns (pdftotext without -layout) gives its action tables' cells one
after another: see `reading_order`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from extract.blocks import Blocks
from extract.claims import Claims, claim_lines
from extract.context import Context
from extract.document import Document, Row
from extract.recognisers.actions import (
    action_table,
    milestone_table,
    plain_action,
    reading_order,
)
from extract.recognisers.actions.action_table import ACTION_LABEL, OUTCOMES_HEADER
from extract.recognisers.actions.drafts import (
    Draft,
    emit,
    marks_in_lost_font,
    rows_with,
    unknown_symbols,
)
from extract.recognisers.actions.mark_checks import marks_as_outcomes, repeated_marks
from extract.records import IssueRow, Record

NAME = "actions"
# A table's labels as any print runs them together: "Action & Progress
# Update", "Outcomes", then its quarters' ("Q1 Rating Q2 Rating", "Q1 Q2",
# or "Rating Rating" under quarter labels printed above); "Milestone(s)",
# "Progress", then the same. Prose that names its milestones' progress
# ("Progress Q1 was good …") prints no two quarters' labels in a row.
QUARTERS_LABELS = (
    r"(?:(?:Q(?:tr)?\s*1|Quarter\s*1)(?:\s+(?:Rating|RAG|Status))?\s+"
    r"(?:Q(?:tr)?\s*2|Quarter\s*2)|Rating\s+Rating)\b"
)
HEADER_TEXT = re.compile(
    r"\bActions?\s*(?:&|\+|and|/)\s*Progress(?:\s+Updates?)?\s+Outcomes?\s+"
    + QUARTERS_LABELS
    + r"|\bMilestones?(?:\s*\(s\))?\s+Progress(?:\s+Updates?)?\s+"
    + QUARTERS_LABELS,
    re.IGNORECASE,
)
# A reading-order table's labels, each a row of its own, the cells after
# them: "Action & Progress Update" / "Outcomes"; "Milestone(s)" / "Progress".
LABEL_ROWS = (
    (ACTION_LABEL, OUTCOMES_HEADER),
    (
        re.compile(r"Milestones?(?:\s*\(s\))?", re.IGNORECASE),
        re.compile(r"Progress(?:\s+Updates?)?", re.IGNORECASE),
    ),
)
# The words that start them, sought once in the document's text.
HEADER_WORDS = ("action", "milestone")
# How many rows the labels may take: `-raw` prints "Action & Progress" /
# "Update" / "Outcomes Q1" / "Rating" / "Q2" / "Rating".
HEADER_ROWS = 6
# A row under a header longer than this holds a cell's text, not a label.
LABEL_CHARS = 40
# The message of a header with no action read under it: the pipeline drops
# it where coverage reports the header's lines (`pipeline.process_document`).
HEADER_UNREAD = "action table header with no action read under it"


def numbered(
    doc: Document,
    ctx: Context,
    read: Sequence[Draft] = (),
    unread: list[tuple[int, int, str]] | None = None,
) -> list[tuple[str, Draft]]:
    """Actions and milestones with their `item_id`: one count in document order.

    `read` are the drafts read from the document's reading-order tables; the
    lines of actions left unread go to `unread`.
    """
    drafts = sorted(
        action_table.parse(doc, ctx, unread)
        + milestone_table.parse(doc, ctx)
        + list(read),
        key=lambda d: d.row_index,
    )
    return [(f"{doc.doc_id}:{n}", d) for n, d in enumerate(drafts, 1)]


def recognise(blocks: Blocks, ctx: Context) -> Iterator[Record]:
    """Every action and milestone (one numbering), then issues of their marks.

    Each claims the rows it was read from (what other recognisers left of them).
    """
    doc = blocks.doc
    tables = list(reading_order.readings(blocks, ctx, NAME))
    read = [r for r in tables if isinstance(r, plain_action.Reading)]
    paras = {id(r.draft): r.paras for r in read}
    unread: list[tuple[int, int, str]] = []
    items = numbered(doc, ctx, [r.draft for r in read], unread)
    drafts = [d for _, d in items]
    lost_font = marks_in_lost_font(doc, drafts)
    for item_id, draft in items:
        if id(draft) in paras:
            for para in paras[id(draft)]:
                for i in para.rows:
                    blocks.claims.take_row(NAME, i, doc.rows[i])
            yield from emit(
                draft, item_id, doc.doc_id, ctx, doc.font_repairs, lost_font
            )
            continue
        claim_lines(
            blocks.claims,
            NAME,
            doc.rows,
            draft.row_index,
            draft.page,
            draft.line_start,
            draft.line_end,
        )
        yield from emit(draft, item_id, doc.doc_id, ctx, doc.font_repairs, lost_font)
    yield from unknown_symbols(doc, drafts, lost_font)
    yield from repeated_marks(doc, drafts)
    yield from marks_as_outcomes(doc, drafts)
    for t in tables:
        if isinstance(t, reading_order.Unread):
            yield _unread(doc, blocks.claims, t)
    for first, last, why in unread:
        yield IssueRow.at(
            "unparsed_block",
            doc,
            first,
            why,
            severity="warning",
            span=f"{first}-{last}",
        )
    told = [
        (t.first.row_index, t.last.row_index)
        for t in tables
        if isinstance(t, reading_order.Unread)
    ]
    spans = [(first, last) for first, last, _ in unread]
    yield from _headers_unread(doc, [d.row_index for d in drafts], told, spans)


def _headers_unread(
    doc: Document,
    starts: Sequence[int],
    told: Sequence[tuple[int, int]],
    lines: Sequence[tuple[int, int]],
) -> Iterator[IssueRow]:
    """An `unparsed_block` for each action or milestone table's header under
    which no action was read, where no other issue reports the table: its
    cells printed in an order no reader follows (`pdftotext -raw` runs the
    labels "Action +Progress Update Outcomes Q1" / "Rating" into one
    paragraph with the cells after them). `told` are the spans of rows
    (first and last index) and `lines` the spans of lines other issues
    report; a row left unread (`Row.unread`) is reported too."""
    found = sorted(
        i for i in rows_with(doc.rows, HEADER_WORDS) if _header_at(doc.rows, i)
    )
    for k, i in enumerate(found):
        end = found[k + 1] if k + 1 < len(found) else len(doc.rows)
        under = doc.rows[i + 1 : end]
        if (
            any(i < s < end for s in starts)
            or any(a <= end and i <= b for a, b in told)
            or not any(len(r.flat) > LABEL_CHARS for r in under)
            or any(
                r.unread or any(a <= r.line_start <= b for a, b in lines) for r in under
            )
        ):
            # Actions read under it, its rows already reported, or no cell's
            # text under it (a header at a page's foot, printed again at the
            # head of the next page over the table's rows).
            continue
        row = doc.rows[i]
        cell = next(r for r in doc.rows[i + 1 : end] if len(r.flat) > LABEL_CHARS)
        span = (
            f"{row.line_start}-{cell.line_start}"
            if cell.page == row.page and cell.line_start > row.line_start
            else None
        )
        yield IssueRow.at(
            "unparsed_block",
            doc,
            row.line_start,
            f"{HEADER_UNREAD}: its cells are printed in an order that tells no "
            "action's cells apart",
            page=row.page,
            severity="warning",
            span=span,
        )


def _header_at(rows: Sequence[Row], i: int) -> bool:
    """An action table's labels ("Action & Progress Update", "Outcomes", "Q1")
    or a milestone table's ("Milestone(s)", "Progress", "Q1") starting on row
    `i`, anywhere in it (`pdftotext -raw` runs the objective's cell into
    them), and going on over the rows right after it."""
    if i + 1 < len(rows) and any(
        a.fullmatch(rows[i].flat) and b.fullmatch(rows[i + 1].flat)
        for a, b in LABEL_ROWS
    ):
        return True
    text = " ".join(r.flat for r in rows[i : i + HEADER_ROWS])
    first = len(rows[i].flat)
    return any(m.start() < first for m in HEADER_TEXT.finditer(text))


def _unread(doc: Document, claims: Claims, table: reading_order.Unread) -> IssueRow:
    first, last = table.first.pieces[0], table.last.pieces[-1]
    claims.report(first.page, first.line_start, last.line_end)
    return IssueRow.at(
        "unparsed_block",
        doc,
        first.line_start,
        "action table printed in reading order, not read: which action or "
        "quarter some of its cells or rating symbols belong to cannot be told",
        page=first.page,
        severity="warning",
        span=f"{first.line_start}-{last.line_end}",
    )
