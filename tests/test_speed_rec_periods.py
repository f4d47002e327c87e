"""`normalise.periods`: the quarter endings found where "quarter" is printed,
and the spans of months found where a month's name starts, are those the
patterns find scanning every position."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from normalise.periods import MONTH_SPAN, QUARTER_ENDING, _month_spans, _quarter_endings

QUARTER_PIECES = st.sampled_from(
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


@given(st.lists(QUARTER_PIECES, max_size=14).map("".join))
def test_quarter_endings_are_the_patterns_own(text: str) -> None:
    expected = [(m.span(), m[0]) for m in QUARTER_ENDING.finditer(text)]
    assert [(m.span(), m[0]) for m in _quarter_endings(text)] == expected


MONTH_PIECES = st.sampled_from(
    [
        "October",
        "OCTOBER",
        "oct",
        "December",
        "Sept",
        "\u017fep",
        "marKet",
        "summary",
        "May",
        " ",
        "\u00a0",
        "\n",
        " - ",
        "\u2013",
        " to ",
        "until",
        "1",
        "31 ",
        "1st ",
        "2ND ",
        "\u0661\u0662 ",
        " 2017",
        "2018",
        "x",
        "_",
        "\u00e9",
        "\u0130\u0131\u212a",
        "covering October to December 2017",
    ]
)


@given(st.lists(MONTH_PIECES, max_size=14).map("".join))
def test_month_spans_are_the_patterns_own(text: str) -> None:
    expected = [(m.span(), m.groupdict()) for m in MONTH_SPAN.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in _month_spans(text)] == expected
