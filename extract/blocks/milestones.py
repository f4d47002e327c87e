"""Milestones: rows of "Approach | Key Project | Milestone(s) | Progress | Q1 …" tables.

Each milestone gives one `actions` row (kind `milestone`, approach and key
project filled down) and one `action_updates` row per quarter column that
prints a mark; see `extract.blocks.milestone_table` for the printed forms.
"""

from __future__ import annotations

from collections.abc import Iterator

from extract.blocks.actions import items_of_kind
from extract.context import Context
from extract.document import Document
from extract.records import Record

NAME = "milestones"


def recognise(doc: Document, ctx: Context) -> Iterator[Record]:
    return items_of_kind(doc, ctx, "milestone")
