"""Engines map the per-document function over a run's inputs.

An engine runs `fn` on every task and yields the results as they finish, in
any order (each result names its task); the run then reduces the shards the
tasks wrote. `local` runs worker processes on this machine; a Dask engine
would map the same function over a cluster that shares the cache folder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")

ENGINES = ("local",)


class Engine(Protocol):
    def map(self, fn: Callable[[T], R], tasks: Sequence[T]) -> Iterator[R]:
        """`fn` of every task, as each finishes; stops every worker when the
        caller stops early (an error, Ctrl-C)."""
        ...


def engine(name: str, jobs: int | None) -> Engine:
    if name == "local":
        from extract.engines.local import LocalEngine

        return LocalEngine(jobs)
    raise ValueError(f"unknown engine {name!r}; known: {', '.join(ENGINES)}")
