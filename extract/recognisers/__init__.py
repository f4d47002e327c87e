"""Recognisers: one module per printed structure, each `recognise(doc, ctx)`.

A recogniser is a pure function from the document model to contract records;
it opens no file and keeps no state beyond compiled patterns.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from extract.context import Context
from extract.document import Document
from extract.recognisers import (
    actions,
    breakdowns,
    kpi_grid,
    rolling12,
    statements,
    status_summary,
)
from extract.records import Record


class Recogniser(Protocol):
    NAME: str

    def recognise(self, doc: Document, ctx: Context) -> Iterator[Record]: ...


RECOGNISERS: tuple[Recogniser, ...] = (
    rolling12,
    status_summary,
    kpi_grid,
    breakdowns,
    actions,
    statements,
)
