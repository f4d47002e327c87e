"""Recognisers: one module per printed structure, each `recognise(blocks, ctx)`.

A recogniser is a pure function from the document's blocks to contract
records; it opens no file, keeps no state beyond compiled patterns and imports
no other recogniser. It claims the parts of the blocks it reads in
`blocks.claims`, and leaves alone what an earlier recogniser claimed: the order
below, in which recognisers are offered the blocks, is written only here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from extract.blocks import Blocks
from extract.context import Context
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

    def recognise(self, blocks: Blocks, ctx: Context) -> Iterator[Record]: ...


RECOGNISERS: tuple[Recogniser, ...] = (
    rolling12,
    status_summary,
    kpi_grid,
    breakdowns,
    actions,
    statements,
)
