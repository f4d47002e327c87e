"""The local engine: worker processes on this machine (`--jobs N`).

Each document runs in a worker process under the run's limits: the worker's
address space is capped (RLIMIT_AS, set as it starts, at the cap above what
it holds then) and the parent ends a
worker whose document passes the time limit. A document stopped either way,
or whose worker dies, becomes `fail(task, why)`; a new worker takes the place
of one that was ended or died, and the batch goes on.
"""

from __future__ import annotations

import ctypes
import gc
import itertools
import os
import resource
import signal
import threading
import time
from collections.abc import Callable, Iterator
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar, cast

from extract.engines import (
    NO_WORKER_LIMITS,
    LimitExceeded,
    Tasks,
    WorkerLimits,
    arrow_without_pandas,
    default_jobs,
)

T = TypeVar("T")
R = TypeVar("R")


def address_space() -> int:
    """Bytes of address space this process holds (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def cap_memory(allowance: int | None) -> None:
    """Cap this process's address space at `allowance` bytes above what it
    holds now (None: no cap). Above, not in all: what the libraries reserve
    at start (pyarrow's and glibc's per-thread arenas, thread stacks) is over
    1.4 GiB of address space in a worker whose resident memory is 110 MiB."""
    if allowance is None:
        return
    limit = address_space() + allowance
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


# prctl(2): the signal a process gets when the thread that started it ends.
PR_SET_PDEATHSIG = 1


def _end_with(parent: int) -> None:
    """End this worker when its parent ends, even by SIGKILL: it would wait on
    its pipe for ever, as every worker started after it holds a copy of the
    parent's end. Linux only; elsewhere a worker outlives a killed parent."""
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (AttributeError, OSError):
        return
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        # The parent ended before it could be told to.
        os._exit(1)


# The young generation of the cyclic garbage collector is collected after
# this many new objects (Python's default: 700). A report makes some 100,000
# objects, nearly all freed by reference counting as soon as they are done
# with: at the default a worker spent a tenth of its time in collections that
# found almost nothing (5 objects in 800 reports of bench/bench_archive.py).
YOUNG_OBJECTS = 10_000


def quiet_collector() -> None:
    """In a worker: what it started with kept out of the collector's way
    (frozen: never scanned, never freed), and young objects collected every
    YOUNG_OBJECTS, older ones as rarely as before relative to the young."""
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS, middle, old)


def _serve(
    conn: Connection, fn: Callable[[Any], Any], memory: int | None, parent: int | None
) -> None:
    """A worker: run `fn` on each task the parent sends, send back the outcome.
    With `parent`, the worker ends when that process does."""
    if parent is not None:
        _end_with(parent)
    # Ctrl-C reaches every process of the terminal's group; the parent alone
    # handles it and ends the workers, so none prints a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    arrow_without_pandas()
    cap_memory(memory)
    quiet_collector()
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        reply: tuple[str, object]
        try:
            reply = ("ok", fn(task))
        except MemoryError:
            reply = ("memory", None)
        except (Exception, KeyboardInterrupt) as exc:  # noqa: BLE001 - the parent raises it
            reply = ("error", exc)
        try:
            conn.send(reply)
        except Exception as exc:  # noqa: BLE001 - an exception pickle cannot send
            conn.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
        if reply[0] == "memory":
            # What failed to allocate may have left the heap half-built: a
            # fresh worker takes the next document.
            return


class _Worker(Generic[T]):
    """One worker process and the task it is on."""

    def __init__(
        self,
        ctx: BaseContext,
        fn: Callable[[T], object],
        limits: WorkerLimits,
        bound: bool = True,
    ) -> None:
        self.conn, child = ctx.Pipe()
        # A bound worker ends with this process. A kept worker of
        # `run_in_worker` is started from a thread of a Dask worker, and must
        # not end with that thread; a fork server's child is the server's.
        forked_here = ctx.get_start_method() != "forkserver"
        parent = os.getpid() if bound and forked_here else None
        self.process: BaseProcess = ctx.Process(  # type: ignore[attr-defined]
            target=_serve, args=(child, fn, limits.memory_bytes, parent), daemon=True
        )
        self.process.start()
        child.close()
        self.task: T | None = None
        self.deadline: float | None = None

    def give(self, task: T, timeout_s: float | None) -> None:
        self.task = task
        self.deadline = time.monotonic() + timeout_s if timeout_s else None
        try:
            self.conn.send(task)
        except OSError:
            # The worker died before it could take the task: its sentinel
            # says so, and the task fails as one whose worker died.
            pass

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()

    def release(self) -> None:
        """End an idle worker without waiting for it to go: multiprocessing
        collects its exit status later (when a process starts, or this one
        ends)."""
        # Its exit (2-26 ms of a one-file run's end, waited for) overlaps the
        # reduce.
        self.process.kill()
        self.conn.close()

    def died(self, limits: WorkerLimits) -> str:
        self.process.join(5)
        code = self.process.exitcode
        how = (
            f"was killed by signal {-code}"
            if code is not None and code < 0
            else f"exited with status {code}"
        )
        cap = (
            f" (the memory cap is {limits.max_memory_mb} MiB, --max-memory-mb)"
            if limits.max_memory_mb
            else ""
        )
        return f"its worker process {how}{cap}"

    def outcome(
        self, ready: list[Any], limits: WorkerLimits
    ) -> tuple[object, str | None] | None:
        """(result, None) when this worker's task is done, (None, why) when
        it was stopped or died, None while it runs."""
        if self.conn in ready or self.process.sentinel in ready:
            if not self.conn.poll():
                return None, self.died(limits)
            try:
                kind, value = self.conn.recv()
            except (EOFError, OSError):
                return None, self.died(limits)
            if kind == "memory":
                return None, limits.memory_reason()
            if kind == "error":
                raise value
            return value, None
        if self.deadline is not None and time.monotonic() >= self.deadline:
            return None, limits.timeout_reason()
        return None


def _failed(fail: Callable[[T, str], R] | None, task: T, why: str) -> R:
    if fail is None:
        raise LimitExceeded(why)
    return fail(task, why)


class LocalEngine:
    def __init__(
        self,
        jobs: int | None = None,
        limits: WorkerLimits = NO_WORKER_LIMITS,
        start_method: str = "fork",
    ) -> None:
        self.jobs = jobs or default_jobs()
        self.limits = limits
        # fork: workers start at once and inherit the parsed registry.
        # forkserver: for a parent that runs threads of its own (a Dask worker).
        self.start_method = start_method

    def map(
        self,
        fn: Callable[[T], R],
        tasks: Tasks[T],
        fail: Callable[[T, str], R] | None = None,
    ) -> Iterator[R]:
        if not tasks:
            return
        if self.limits == NO_WORKER_LIMITS and (self.jobs == 1 or len(tasks) == 1):
            for task in tasks:
                try:
                    result = fn(task)
                except MemoryError:
                    result = _failed(fail, task, self.limits.memory_reason())
                yield result
            return
        yield from self._supervise(fn, tasks, fail)

    def _supervise(
        self,
        fn: Callable[[T], R],
        tasks: Tasks[T],
        fail: Callable[[T, str], R] | None,
    ) -> Iterator[R]:
        ctx = get_context(self.start_method)
        limits, timeout_s = self.limits, self.limits.timeout_s
        todo = iter(tasks)
        workers: list[_Worker[T]] = []
        done = False
        try:
            for _, first in zip(range(self.jobs), todo, strict=False):
                workers.append(_Worker(ctx, fn, limits))
                workers[-1].give(first, timeout_s)
            while busy := [w for w in workers if w.task is not None]:
                deadlines = [w.deadline for w in busy if w.deadline is not None]
                left = (
                    max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
                )
                ready = wait(
                    [w.conn for w in busy] + [w.process.sentinel for w in busy], left
                )
                for w in busy:
                    task, outcome = w.task, w.outcome(ready, limits)
                    if outcome is None or task is None:
                        continue
                    result, why = outcome
                    w.task = None
                    if why is not None:
                        w.stop()
                        workers[workers.index(w)] = w = _Worker(ctx, fn, limits)
                    for following in itertools.islice(todo, 1):
                        w.give(following, timeout_s)
                    yield cast(R, result) if why is None else _failed(fail, task, why)
            done = True
        finally:
            # Every task done, the workers are idle; otherwise one may be busy.
            for w in workers:
                if done:
                    w.release()
                else:
                    w.stop()


# Workers kept between calls of `run_in_worker`, by function, limits and
# start method: a new process would load the registry and vocabulary again.
_KEPT: dict[tuple[object, WorkerLimits, str], list[_Worker[Any]]] = {}
_KEPT_LOCK = threading.Lock()


def run_in_worker(
    fn: Callable[[T], R],
    task: T,
    limits: WorkerLimits,
    start_method: str = "forkserver",
) -> R:
    """`fn(task)` in a kept worker process under `limits`, for a caller that
    runs one task at a time on each of its threads (a Dask worker). Raises
    LimitExceeded when a limit stops it; the worker is then replaced."""
    key = (fn, limits, start_method)
    with _KEPT_LOCK:
        kept = _KEPT.setdefault(key, [])
        worker = kept.pop() if kept else None
    if worker is None or not worker.process.is_alive():
        worker = _Worker(get_context(start_method), fn, limits, bound=False)
    try:
        worker.give(task, limits.timeout_s)
        ready = wait([worker.conn, worker.process.sentinel], limits.timeout_s)
        result, why = worker.outcome(ready, limits) or (None, limits.timeout_reason())
    except BaseException:
        worker.stop()
        raise
    if why is not None:
        worker.stop()
        raise LimitExceeded(why)
    worker.task = None
    with _KEPT_LOCK:
        _KEPT[key].append(worker)
    return cast(R, result)
