"""The local engine: worker processes on this machine (`--jobs N`)."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator, Sequence
from multiprocessing import get_context
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _ignore_interrupt() -> None:
    # Ctrl-C reaches every process of the terminal's group; the parent alone
    # handles it and ends the workers, so none prints a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class LocalEngine:
    def __init__(self, jobs: int | None = None) -> None:
        self.jobs = jobs or default_jobs()

    def map(self, fn: Callable[[T], R], tasks: Sequence[T]) -> Iterator[R]:
        if self.jobs == 1 or len(tasks) <= 1:
            yield from map(fn, tasks)
            return
        # fork: workers start at once and inherit the parsed registry; the
        # parent starts no thread before this point.
        pool = get_context("fork").Pool(
            min(self.jobs, len(tasks)), initializer=_ignore_interrupt
        )
        try:
            yield from pool.imap_unordered(fn, tasks)
        except BaseException:
            pool.terminate()
            raise
        else:
            pool.close()
        finally:
            pool.join()
