"""Recogniser for the `milestones` structure (see the module's issue in the tracker)."""

from __future__ import annotations

from collections.abc import Iterator

from extract.context import Context
from extract.document import Document
from extract.records import Record

NAME = "milestones"


def recognise(doc: Document, ctx: Context) -> Iterator[Record]:
    return iter(())
