"""The status grids' row grammar (`normalise.status_rows`): any text in, an
answer out, never an exception; and the answers agree with one another."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalise.status_rows import (
    SCOPES,
    VALUE_PART,
    is_period_label,
    period_row,
    row_prefix,
)

# Words grid rows and titles print, and some that are neither.
ROW_WORDS = [
    "Q1",
    "Q4",
    "Qtr",
    "Quarter",
    "1",
    "3",
    "Year",
    "to",
    "date",
    "This",
    "Last",
    "quarter",
    "Actions",
    "Key",
    "Performance",
    "Indicators",
    "due",
    "in",
    "2017/18",
    "2018",
    "9",
    "(75%)",
    "0%",
    "-",
    "%",
    "No.",
]


@given(st.lists(st.sampled_from(ROW_WORDS) | st.text(max_size=8), max_size=10))
def test_row_prefix_names_a_period_label_or_nothing(words: list[str]) -> None:
    prefix = row_prefix(words)
    if prefix is not None:
        scope, period = prefix
        assert period == "" or is_period_label(period)
        assert scope in (None, *(name for name, _ in SCOPES))


@given(st.lists(st.sampled_from(ROW_WORDS) | st.text(max_size=8), max_size=10))
def test_a_period_row_ends_in_values(words: list[str]) -> None:
    text = " ".join(words)
    if period_row(text):
        tokens = text.split()
        assert VALUE_PART.match(tokens[-1]) and VALUE_PART.match(tokens[-2])


@given(st.text())
def test_any_text_is_answered(text: str) -> None:
    assert isinstance(period_row(text), bool)
    assert row_prefix(text.split()) is None or isinstance(
        row_prefix(text.split()), tuple
    )


@pytest.mark.parametrize(
    "line, row",
    [
        ("Q4 9 (75%) 0 (0%) 3 (25%)", True),
        ("Key Performance Indicators Last quarter 1 3 0", True),
        ("Actions Q1 1 3 0", True),
        ("Q1 2016/17 1 3 0", True),
        # A title's year and quarters, and a period inside a phrase: no row.
        ("Q2 - 2018 - 19", False),
        ("Performance Report Q3 17 - 18", False),
        ("Actions carried forward from Q1 1 3 0", False),
        ("Actions 1 3 0", False),
    ],
)
def test_period_rows(line: str, row: bool) -> None:
    assert period_row(line) is row
