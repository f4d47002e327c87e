"""Cover sheets, meetings, periods and report kinds in every form councils print
them. Each example is made up, a few lines in the printed form it stands for."""

from __future__ import annotations

import pytest

from normalise.periods import stated_period, title_quarters, title_years

ALL = ("Q1", "Q2", "Q3", "Q4")


@pytest.mark.parametrize(
    "title, quarters, years",
    [
        ("Quarter Four Performance Report", ("Q4",), []),
        ("Third Quarter Performance Update", ("Q3",), []),
        ("Q3 Performance Report 2017/18", ("Q3",), ["2017/18"]),
        ("Mid Year Performance Report 2012-13", ("Q1", "Q2"), ["2012/13"]),
        ("End of Year Performance Update 2009/2010", ALL, ["2009/10"]),
        ("Year End Performance Report", ALL, []),
        ("Annual Performance Report 2019-20", ALL, ["2019/20"]),
        ("Best Value Performance Indicator Outturn 2007-08", ALL, ["2007/08"]),
        # A whole-year title that names the one quarter it reports.
        ("Year End (Quarter 4) Performance Report", ("Q4",), []),
        ("Performance Report (October to December 2017)", ("Q3",), ["2017/18"]),
        ("Quarter Four (1 January 2019 - 31 March 2019)", ("Q4",), ["2018/19"]),
        ("Update for the quarter ending 31st March 2018", ("Q4",), ["2017/18"]),
        ("Performance Report 12/13", (), ["2012/13"]),
        # Grid columns and dates are no period.
        ("Annual Target", (), []),
        ("Cabinet 14/03/17", (), []),
        ("April to November 2017", (), []),
    ],
)
def test_title_periods(title: str, quarters: tuple[str, ...], years: list[str]) -> None:
    assert (title_quarters(title), title_years(title)) == (quarters, years)


@pytest.mark.parametrize(
    "text, period",
    [
        (
            "This update covers the quarter ending 31st March 2018.",
            ("2017/18", ("Q4",)),
        ),
        ("This report covers October to December 2017.", ("2017/18", ("Q3",))),
        ("Works run from October to December 2017.", None),
    ],
)
def test_stated_period(text: str, period: tuple[str, tuple[str, ...]] | None) -> None:
    assert stated_period(text) == period
