"""The local engine's workers end once every task is done, though the run does
not wait for them to."""

from __future__ import annotations

import multiprocessing

import pytest

from extract.engines import WorkerLimits
from extract.engines.local import LocalEngine


def _double(n: int) -> int:
    return 2 * n


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_workers_end_when_every_task_is_done(jobs: int) -> None:
    # Other tests' kept workers (extract/engines/local.py, run_in_worker) stay.
    kept = set(multiprocessing.active_children())
    engine = LocalEngine(jobs, WorkerLimits(timeout_s=60))
    assert sorted(engine.map(_double, [1, 2, 3])) == [2, 4, 6]
    workers = [w for w in multiprocessing.active_children() if w not in kept]
    for worker in workers:
        worker.join(10)
    assert not [w for w in workers if w.is_alive()]
