"""Actions: rows of "Action & Progress Update | Outcomes | Q1 Rating …" tables.

Each action gives one `actions` row (kind `action`) and one `action_updates` row
per quarter with a labelled text ("Q1 –", "Quarter 2", "Quarters 2, 3 and 4 -")
or a rating symbol; see `extract.blocks.action_table` for the printed forms.
"""

from __future__ import annotations

from collections.abc import Iterator

from extract.blocks import action_table, milestone_table
from extract.blocks.item_drafts import Draft, emit, unknown_symbols
from extract.context import Context
from extract.document import Document
from extract.records import Record

NAME = "actions"


def numbered(doc: Document, ctx: Context) -> list[tuple[str, Draft]]:
    """Actions and milestones with their `item_id`: one count in document order."""
    drafts = sorted(
        action_table.parse(doc, ctx) + milestone_table.parse(doc, ctx),
        key=lambda d: d.row_index,
    )
    return [(f"{doc.doc_id}:{n}", d) for n, d in enumerate(drafts, 1)]


def items_of_kind(doc: Document, ctx: Context, kind: str) -> Iterator[Record]:
    """Records of every item of `kind`, then its unknown-symbol issues."""
    mine = [(item_id, d) for item_id, d in numbered(doc, ctx) if d.kind == kind]
    for item_id, draft in mine:
        yield from emit(draft, item_id, doc.doc_id, ctx)
    yield from unknown_symbols(doc, [d for _, d in mine])


def recognise(doc: Document, ctx: Context) -> Iterator[Record]:
    return items_of_kind(doc, ctx, "action")
