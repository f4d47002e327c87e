"""The status grids' row grammar (`normalise.status_rows`): any text in, an
answer out, never an exception; a period's row read whatever its period,
scope and values; no row where its values hold a year."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalise.status_rows import (
    SCOPES,
    VALUE_PART,
    is_period_label,
    period_row,
    period_row_values,
    row_prefix,
    values_line,
)

PERIODS = st.sampled_from(
    ["Q1", "Q4", "Quarter 2", "Qtr 3", "Year to date", "YTD", "This quarter"]
    + ["Last quarter"]
)
PRINTED_SCOPES = st.sampled_from(
    ["", "Actions", "Milestones", "Key Performance Indicators"]
)
VALUES = st.lists(
    st.sampled_from(["0", "1", "3", "12", "75%", "(25%)", "9 (75%)", "-"]),
    min_size=2,
    max_size=6,
)


@given(PERIODS, PRINTED_SCOPES, st.booleans(), VALUES)
def test_a_period_s_row_is_read_with_its_values(
    period: str, scope: str, scope_first: bool, values: list[str]
) -> None:
    label = f"{scope} {period}" if scope_first else f"{period} {scope}"
    printed = " ".join(values)
    assert period_row_values(f"{label} {printed}") == printed.split()


@given(
    PERIODS,
    PRINTED_SCOPES,
    VALUES,
    st.integers(0, 5),
    st.sampled_from(["2018", "2017"]),
)
def test_values_holding_a_year_make_no_row(
    period: str, scope: str, values: list[str], at: int, year: str
) -> None:
    """ "Q2 - 2018 - 19": a title's period and year, not a row of counts."""
    values.insert(min(at, len(values)), year)
    assert not period_row(f"{period} {scope} {' '.join(values)}")


# Words grid rows and titles print, and some that are neither.
ROW_WORDS = st.sampled_from(
    ["Q1", "Qtr", "Quarter", "1", "3", "Year", "to", "date", "This", "Last"]
    + ["quarter", "Actions", "Key", "Performance", "Indicators", "due", "in"]
    + ["2017/18", "2018", "9", "(75%)", "0%", "-", "%", "No."]
)


@given(st.lists(ROW_WORDS | st.text(max_size=8), max_size=10))
def test_row_prefix_names_a_period_label_and_a_scope_or_nothing(
    words: list[str],
) -> None:
    prefix = row_prefix(words)
    if prefix is not None:
        scope, period = prefix
        assert period == "" or is_period_label(period)
        assert scope in (None, *(name for name, _ in SCOPES))


@given(st.lists(ROW_WORDS | st.text(max_size=8), max_size=10))
def test_a_period_row_s_values_end_it(words: list[str]) -> None:
    text = " ".join(words)
    values = period_row_values(text)
    if values is not None:
        assert text.split()[-len(values) :] == values
        assert len(values) >= 2 and all(VALUE_PART.match(v) for v in values)


@given(st.text())
def test_any_text_is_answered(text: str) -> None:
    period_row_values(text)
    values_line(text)
    row_prefix(text.split())


@pytest.mark.parametrize(
    "line, only",
    [
        ("% 25% 75% 0%", True),
        ("25% 75% 0%", True),
        ("- - -", True),
        ("1 3", True),
        ("Actions 1 3 0", False),
        ("%", False),
        ("12", False),
    ],
)
def test_values_lines(line: str, only: bool) -> None:
    assert values_line(line) is only


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
