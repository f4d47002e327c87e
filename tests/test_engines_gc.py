"""The local engine's workers collect cyclic garbage less often than Python's
default: a report makes some 100,000 objects that reference counting frees."""

from __future__ import annotations

import gc

from extract.engines import WorkerLimits
from extract.engines.local import YOUNG_OBJECTS, LocalEngine


def _collector(_: int) -> tuple[tuple[int, int, int], int]:
    return gc.get_threshold(), gc.get_freeze_count()


def test_a_worker_collects_young_objects_every_young_objects() -> None:
    engine = LocalEngine(jobs=1, limits=WorkerLimits(timeout_s=60))
    ((threshold, frozen),) = list(engine.map(_collector, [0]))
    assert threshold[0] == YOUNG_OBJECTS == 10_000
    assert threshold[1:] == gc.get_threshold()[1:]
    # What the worker started with is frozen out of the collections.
    assert frozen > 0
    # The parent's own collector is left as it was.
    assert gc.get_threshold()[0] != YOUNG_OBJECTS
