"""`normalise.periods`: the quarter endings found where "quarter" is printed are
those the pattern finds scanning every position."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from normalise.periods import QUARTER_ENDING, _quarter_endings

PIECES = st.sampled_from(
    [
        "quarter",
        "QUARTER",
        "Quarter",
        "quarterquarter",
        " ending ",
        " ended ",
        " end",
        " on ",
        "31st March 2018",
        "30.06.17",
        " ",
        "x",
        "Q",
        "the quarter ending 1 April, 2019",
        "\u0130\u0131",
    ]
)


@given(st.lists(PIECES, max_size=14).map("".join))
def test_quarter_endings_are_the_patterns_own(text: str) -> None:
    expected = [(m.span(), m[0]) for m in QUARTER_ENDING.finditer(text)]
    assert [(m.span(), m[0]) for m in _quarter_endings(text)] == expected
