"""Engines map the per-document function over a run's inputs.

An engine runs `fn` on every task and yields the results as they finish, in
any order (each result names its task); the run then reduces the shards the
tasks wrote. `local` runs worker processes on this machine; `dask` maps the
same function over a `dask.distributed` cluster and brings each document's
shards back to this machine.

Every document runs under `WorkerLimits`: a memory cap and a time limit. A
document that exceeds one is not a result of `fn` but of `fail(task, why)`,
and the batch goes on.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from importlib.machinery import ModuleSpec

    from extract.parse import Parsed, Task

ENGINES = ("local", "dask")

T_co = TypeVar("T_co", covariant=True)


class Tasks(Protocol[T_co]):
    """What an engine maps over: counted, and read once in order (a list, or
    the tasks of a run made one at a time, extract/run.py)."""

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[T_co]: ...


# Address space a document may add to its worker's, MiB. Every sample adds
# at most 35 MiB (to a worker that starts at 1.4 GiB of address space, mostly
# reserved, 110 MiB resident), so 2 GiB is 60 times that, while the PDFs of
# issue 19 that grew to 3.1 GB and 12 GB are stopped early; two workers at
# the cap take a sixth of the 24 GiB machines.
DEFAULT_MAX_MEMORY_MB = 2048
# Seconds per document. The slowest sample takes 1.6 s on a busy core; a
# 50 MB single-line text took 156 s (issue 19): 120 s is 75 times the
# slowest real report and stops such a file at less than its full cost.
DEFAULT_TIMEOUT_S = 120.0


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True, slots=True)
class WorkerLimits:
    """What one document may take; None lifts a limit."""

    max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB
    timeout_s: float | None = DEFAULT_TIMEOUT_S

    @property
    def memory_bytes(self) -> int | None:
        return self.max_memory_mb * 2**20 if self.max_memory_mb else None

    def memory_reason(self) -> str:
        if not self.max_memory_mb:
            return "ran out of memory"
        return f"ran out of memory under the cap of {self.max_memory_mb} MiB " + (
            "(--max-memory-mb)"
        )

    def timeout_reason(self) -> str:
        return f"took longer than the time limit of {self.timeout_s:g} s (--timeout-s)"


DEFAULT_WORKER_LIMITS = WorkerLimits()
NO_WORKER_LIMITS = WorkerLimits(None, None)


class _Absent:
    """A finder for which some packages are not installed."""

    def __init__(self, *packages: str) -> None:
        self.packages = packages

    def find_spec(self, fullname: str, *args: object) -> ModuleSpec | None:
        if fullname.partition(".")[0] in self.packages:
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return None


@contextmanager
def _absent(*packages: str) -> Iterator[None]:
    """Imports of `packages` fail, as if they were not installed."""
    finder = _Absent(*packages)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


def arrow_without_pandas() -> None:
    """Let pyarrow find pandas missing, in a process of the run's own.

    pyarrow builds every array of Python objects (`pa.array`,
    `Table.from_pylist`) only after asking whether they are a pandas array,
    and imports pandas to answer, once per process: a quarter of a second of
    the start of a one-file run. The `reportx extract` process and the
    workers never give pyarrow a pandas object, so its first array is built
    here while pandas cannot be imported; pyarrow remembers that it has no
    pandas to ask. What does need pandas (`Table.to_pandas`) still imports
    it. A process that imported pandas already is left as it is.
    """
    if "pandas" in sys.modules:
        return
    import pyarrow as pa

    with _absent("pandas"):
        pa.array([])


def arrow_without_numpy() -> None:
    """Import pyarrow as it runs where numpy is not installed (numpy is
    optional to pyarrow), for a process that gives it Python values only.

    pyarrow and its compiled compute module import numpy as they load: 0.1 s,
    and a BLAS thread per core. What the run does with pyarrow (tables built
    from records, Arrow and Parquet files, compute functions) never touches
    numpy, whereas `to_numpy` and `to_pandas` no longer work in this process:
    only the `reportx extract` program imports pyarrow so. The compute
    functions themselves (pyarrow.compute, whose Python wrappers take 0.08 s
    to build) are imported where a run needs them, which a run of a few files
    seldom does; without numpy then too. A process that imported pyarrow or
    numpy already is left as it is.

    Nor is cloudpickle imported (with uuid, a fourteenth of pyarrow's own
    import): pyarrow takes it for its pickle module where it is installed (as
    dask installs it), and uses the standard one alike without it.
    """
    if "pyarrow" in sys.modules or "numpy" in sys.modules:
        return
    with _absent("numpy", "pandas", "cloudpickle"):
        import pyarrow
        import pyarrow._compute  # noqa: F401


class LimitExceeded(Exception):
    """A document stopped by a limit when the caller gave no `fail`."""


class EngineUnavailable(Exception):
    """The engine cannot run here: a package missing, a cluster out of reach."""


class Engine(Protocol):
    def map(
        self,
        fn: Callable[[Task], Parsed],
        tasks: Tasks[Task],
        fail: Callable[[Task, str], Parsed] | None = None,
    ) -> Iterator[Parsed]:
        """`fn` of every task, as each finishes (`fail(task, why)` for a task
        stopped by a limit); stops every worker when the caller stops early
        (an error, Ctrl-C)."""
        ...


def engine(
    name: str,
    jobs: int | None,
    limits: WorkerLimits = NO_WORKER_LIMITS,
    scheduler: str | None = None,
) -> Engine:
    if name == "local":
        from extract.engines.local import LocalEngine

        return LocalEngine(jobs, limits)
    if name == "dask":
        from extract.engines.dask import DaskEngine

        return DaskEngine(scheduler, limits)
    raise ValueError(f"unknown engine {name!r}; known: {', '.join(ENGINES)}")
