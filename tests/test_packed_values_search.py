"""The search for where packed values go grows with values times columns: a
line of twenty values one space apart under a header of forty columns is
placed as quickly as one of two (choosing 20 of 40 columns one way after
another is 1.4e11 ways)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.layout.packed_values import MARGIN, _best, placed_values
from extract.layout.text_columns import Fragment, fragments

STARTS = list(range(0, 200, 5))  # forty columns, five characters apart


def _at(xs: list[int]) -> list[Fragment]:
    return [Fragment("1", x, x + 1) for x in xs]


def test_twenty_values_under_forty_columns() -> None:
    # Each value at an even column's start: any other choice is five
    # characters off somewhere.
    pieces = _at(STARTS[::2])
    assert _best(pieces, STARTS, range(40)) == tuple(range(0, 40, 2))
    # Halfway between two columns, every value could go either way.
    assert _best(_at([x + 2 for x in STARTS[::2]]), STARTS, range(40)) is None


def test_more_values_than_columns_have_no_place() -> None:
    assert _best(_at([0, 5, 10]), [0, 5], range(2)) is None


def _exhaustive(pieces: list[Fragment], columns: range) -> tuple[int, ...] | None:
    """Every way to choose the columns, cheapest first, as the search must find."""
    from itertools import combinations

    costs = sorted(
        (sum(abs(STARTS[c] - p.x0) for p, c in zip(pieces, cols, strict=True)), cols)
        for cols in combinations(columns, len(pieces))
    )
    if not costs:
        return None
    if len(costs) > 1 and costs[1][0] - costs[0][0] < MARGIN:
        return None
    return costs[0][1]


@given(
    st.lists(st.integers(0, 60), min_size=1, max_size=5, unique=True).map(sorted),
    st.integers(0, 12),
    st.integers(0, 12),
)
def test_the_search_finds_what_trying_every_way_finds(
    xs: list[int], lo: int, width: int
) -> None:
    columns = range(lo, min(lo + width, 13))
    assert _best(_at(xs), STARTS, columns) == _exhaustive(_at(xs), columns)


@pytest.mark.parametrize(
    "line, placed",
    [
        # One unit: each value in its column (samples/text/002_…-browser-layout).
        ("Name" + " " * 54 + "100 cases 98 cases", True),
        # A figure's phrase, not values with a unit: left as printed.
        ("Name" + " " * 54 + "1 in 5 2 in 7", False),
        ("Name" + " " * 54 + "3 of 4 5 of 6", False),
        # Two units are two things, not one value a column.
        ("Name" + " " * 54 + "100 cases 98 days", False),
    ],
)
def test_values_are_placed_only_with_one_unit(line: str, placed: bool) -> None:
    starts = [0, 58, 70, 80, 96, 105]
    frags = fragments(line)
    got = placed_values(frags, starts, starts)
    assert (got != frags) is placed
