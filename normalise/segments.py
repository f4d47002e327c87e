"""The ways a run of words can be cut into pieces (column labels, values):
where there is one way only, the pieces are certain.

Grids printed without columns set their labels or values one space apart
("Quarter 1 Quarter 2 … Annual Target", "Last year's outturn Target Q1"): a
run is read only when one cut makes every part a piece.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def cuts(
    n: int, longest: int, piece: Callable[[int, int], T | None]
) -> list[list[list[T]]]:
    """For each start k (0 to n), up to two readings of the items k..n-1 as
    pieces, each of `longest` items at most: `piece(k, j)` is what items
    k..j-1 make, or None. Two readings are enough to tell one from many."""
    ways: list[list[list[T]]] = [[] for _ in range(n + 1)]
    ways[n] = [[]]
    for k in range(n - 1, -1, -1):
        for j in range(k + 1, min(n, k + longest) + 1):
            if not ways[j] or len(ways[k]) >= 2:
                continue
            made = piece(k, j)
            if made is not None:
                ways[k].extend([made, *rest] for rest in ways[j][: 2 - len(ways[k])])
    return ways
