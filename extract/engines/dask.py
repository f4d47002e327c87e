"""The Dask engine: the per-document function mapped over a dask.distributed
cluster (`--engine dask --scheduler ADDRESS`).

Workers share no folder with this machine. Each task goes out with its
input's bytes; the worker parses them into a temporary folder of its own and
sends the entry file back, and this machine writes it into the cache,
as the local engine's workers would have. Workers need only reportx (with
its `dask` extra) installed, at the version of this machine.

On a worker each document runs in a child process under the run's limits,
as in the local engine. A worker that is itself a daemonic process (a
worker started by a nanny, with the default `distributed.worker.daemon`)
may not start one: there the document runs in the worker's thread, without
the limits; start workers with `--no-nanny` or with
DASK_DISTRIBUTED__WORKER__DAEMON=False to keep them.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import secrets
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from extract.engines import (
    NO_WORKER_LIMITS,
    EngineUnavailable,
    LimitExceeded,
    Tasks,
    WorkerLimits,
)
from extract.engines.local import run_in_worker
from extract.inputs import Input
from extract.parse import Parsed, Task
from extract.shards import Summary

# Tasks in flight per worker thread: enough to keep every thread busy, few
# enough that the inputs' bytes are not all held here at once.
IN_FLIGHT_PER_THREAD = 4
CONNECT_TIMEOUT_S = 10


@dataclass(frozen=True, slots=True)
class Shipped:
    """An entry made on a worker: where it goes (`store` or `scratch`, then the
    file's path under it), its bytes and its summary."""

    index: int
    base: str
    path: str
    data: bytes
    summary: Summary


class DaskEngine:
    def __init__(
        self, scheduler: str | None, limits: WorkerLimits = NO_WORKER_LIMITS
    ) -> None:
        if not scheduler:
            raise EngineUnavailable(
                "--engine dask needs --scheduler ADDRESS, the scheduler of a running "
                "dask.distributed cluster (e.g. tcp://10.0.0.5:8786)"
            )
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise EngineUnavailable(
                "--engine dask needs dask.distributed, which is not installed: "
                "pip install 'reportx[dask]'"
            ) from None
        self.scheduler = scheduler
        self.limits = limits

    def map(
        self,
        fn: Callable[[Task], Parsed],
        tasks: Tasks[Task],
        fail: Callable[[Task, str], Parsed] | None = None,
    ) -> Iterator[Parsed]:
        if not tasks:
            return
        dist: Any = importlib.import_module("distributed")
        try:
            client = dist.Client(
                self.scheduler, timeout=CONNECT_TIMEOUT_S, set_as_default=False
            )
        except (OSError, TimeoutError) as exc:
            raise EngineUnavailable(
                f"no Dask scheduler answers at {self.scheduler}: {exc}"
            ) from None
        futures: dict[Any, Task] = {}
        try:
            threads = sum(client.nthreads().values()) or 1
            todo = iter(tasks)
            running = dist.as_completed(loop=client.loop)
            for task in todo:
                local = self._submit(client, fn, task, futures, running)
                if local is not None:
                    yield local
                if len(futures) >= threads * IN_FLIGHT_PER_THREAD:
                    break
            for future in running:
                task = futures.pop(future)
                yield self._outcome(future, task, fail)
                for task in todo:
                    local = self._submit(client, fn, task, futures, running)
                    if local is None:
                        break
                    yield local
        finally:
            for future in futures:
                future.cancel()
            client.close()

    def _submit(
        self,
        client: Any,
        fn: Callable[[Task], Parsed],
        task: Task,
        futures: dict[Any, Task],
        running: Any,
    ) -> Parsed | None:
        """Send `task` to the cluster; an input this machine cannot read is
        not sent but parsed here (into a failed document) and returned."""
        try:
            data = task.item.path.read_bytes()
        except OSError:
            return fn(task)
        future = client.submit(_on_worker, fn, task, data, self.limits, pure=False)
        futures[future] = task
        running.add(future)
        return None

    def _outcome(
        self, future: Any, task: Task, fail: Callable[[Task, str], Parsed] | None
    ) -> Parsed:
        from distributed import KilledWorker

        try:
            outcome = future.result()
        except KilledWorker as exc:
            outcome = f"its Dask worker died ({exc})"
        if isinstance(outcome, Shipped):
            return _land(outcome, task)
        if fail is None:
            raise LimitExceeded(outcome)
        return fail(task, outcome)


def _on_worker(
    fn: Callable[[Task], Parsed], task: Task, data: bytes, limits: WorkerLimits
) -> Shipped | str:
    """On a worker: parse one input's bytes into a folder of our own; its
    entry file, or why a limit stopped it."""
    with tempfile.TemporaryDirectory(prefix="reportx-") as tmp:
        root = Path(tmp)
        source = root / "in" / task.item.path.name
        source.parent.mkdir()
        source.write_bytes(data)
        here = replace(
            task,
            item=Input(source, task.item.source_path),
            store=root / "store",
            scratch=root / "scratch",
        )
        daemonic = multiprocessing.current_process().daemon
        if limits == NO_WORKER_LIMITS or daemonic:
            index, path, summary = fn(here)
        else:
            # forkserver: a Dask worker runs threads of its own, and a fork
            # of a threaded process may inherit a lock some thread holds.
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(["extract.parse", "extract.engines.local"])
            try:
                index, path, summary = run_in_worker(fn, here, limits)
            except LimitExceeded as exc:
                return str(exc)
        where = path.relative_to(root)
        return Shipped(
            index,
            where.parts[0],
            Path(*where.parts[1:]).as_posix(),
            path.read_bytes(),
            summary,
        )


def _land(shipped: Shipped, task: Task) -> Parsed:
    """Write a shipped entry where the local engine would have written it."""
    base = task.store if shipped.base == "store" else task.scratch
    path = base / shipped.path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".tmp-{os.getpid()}-{secrets.token_hex(6)}"
    try:
        tmp.write_bytes(shipped.data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return shipped.index, path, shipped.summary
