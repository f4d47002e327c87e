"""KPI grids: every value of every KPI row in the samples, exactly."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from extract.blocks.columns import classify, header_columns
from extract.recognisers import kpi_grid
from extract.records import IndicatorValue, IssueRow, Record, RepairRow
from extract.run import extract
from tests.conftest import (
    S000,
    S001,
    S002,
    SAMPLES,
    assert_read_as_printed,
    printed_otherwise,
    recognised,
    rows_of,
)

Table = Callable[[str], pd.DataFrame]

# (file, line, financial_year, period, measure, unit, value, comparator, qualifier)
EXPECTED = [
    (S000, 64, "2017/18", "Q1", "actual", "percent", 47.5, None, "confirmed"),
    (S000, 64, "2017/18", "Q2", "actual", "percent", 51.8, None, "confirmed"),
    (S000, 64, "2017/18", "Q3", "actual", "percent", 38.6, None, "confirmed"),
    (S000, 64, "2017/18", "Q4", "actual", "percent", 36.5, None, "estimated"),
    (S000, 64, "2017/18", "FY", "target", "percent", 50.0, None, None),
    (S000, 64, "2017/18", "FY", "actual", "percent", 44.1, None, None),
    (S000, 64, "2015/16", "FY", "actual", "percent", 51.49, None, None),
    (S000, 65, "2017/18", "Q1", "actual", "tonnes", 5666.55, None, "confirmed"),
    (S000, 65, "2017/18", "Q2", "actual", "tonnes", 4946.59, None, "confirmed"),
    (S000, 65, "2017/18", "Q3", "actual", "tonnes", 5633.65, None, "confirmed"),
    (S000, 65, "2017/18", "Q4", "actual", "tonnes", 4953.5, None, "estimated"),
    (S000, 65, "2017/18", "FY", "target", "tonnes", 20000.0, "<", None),
    (S000, 65, "2017/18", "FY", "actual", "tonnes", 21200.0, None, None),
    (S000, 65, "2015/16", "FY", "actual", "tonnes", 18752.0, None, None),
    (S000, 66, "2017/18", "Q1", "actual", "count", 123.0, None, None),
    (S000, 66, "2017/18", "Q2", "actual", "count", 121.0, None, None),
    (S000, 66, "2017/18", "Q3", "actual", "count", 81.0, None, None),
    (S000, 66, "2017/18", "Q4", "actual", "count", 100.0, None, None),
    (S000, 66, "2017/18", "FY", "actual", "count", 425.0, None, None),
    (S000, 66, "2016/17", "FY", "actual", "count", 484.0, None, None),
    (S001, 17, "2017/18", "Q1", "actual", "count", 76.0, None, None),
    (S001, 17, "2017/18", "Q2", "actual", "count", 33.0, None, None),
    (S001, 17, "2017/18", "FY", "target", "count", 160.0, None, None),
    (S001, 19, "2017/18", "Q1", "actual", "count", 0.0, None, None),
    (S001, 19, "2017/18", "Q2", "actual", "count", 0.0, None, None),
    (S001, 19, "2017/18", "FY", "target", "count", 45.0, None, None),
    (S001, 38, "2017/18", "FY", "target", "count", 275.0, None, None),
    (S001, 38, "2017/18", "Q2", "actual", "count", 146.0, None, None),
    (S001, 39, "2017/18", "FY", "target", "count", 635.0, None, None),
    (S001, 39, "2017/18", "Q2", "actual", "count", 237.0, None, None),
    (S001, 40, "2017/18", "FY", "target", "count", 600.0, None, None),
    (S001, 40, "2017/18", "Q2", "actual", "count", 280.0, None, None),
    (S001, 41, "2017/18", "FY", "target", "count", 60.0, None, None),
    (S001, 41, "2017/18", "Q2", "actual", "count", 27.0, None, None),
    (S001, 42, "2017/18", "FY", "target", "count", 260.0, None, None),
    (S001, 42, "2017/18", "Q2", "actual", "count", 120.0, None, None),
    (S001, 43, "2017/18", "FY", "target", "count", 525.0, None, None),
    (S001, 43, "2017/18", "Q2", "actual", "count", 473.0, None, None),
    (S002, 48, "2018/19", "FY", "target", "count", 4.0, None, None),
    (S002, 48, "2018/19", "Q4", "actual", "count", 4.0, None, None),
    (S002, 48, "2018/19", "FY", "actual", "count", 4.0, None, None),
    (S002, 49, "2017/18", "FY", "actual", "count", 85.0, None, None),
    (S002, 49, "2018/19", "FY", "target", "none", None, None, None),
    (S002, 49, "2018/19", "Q1", "actual", "count", 20.0, None, None),
    (S002, 49, "2018/19", "Q2", "actual", "count", 27.0, None, None),
    (S002, 49, "2018/19", "Q3", "actual", "count", 12.0, None, None),
    (S002, 49, "2018/19", "Q4", "actual", "count", 43.0, None, None),
    (S002, 49, "2018/19", "FY", "actual", "count", 102.0, None, None),
    (S002, 50, "2017/18", "FY", "actual", "count", 340.0, None, None),
    (S002, 50, "2018/19", "FY", "target", "none", None, None, None),
    (S002, 50, "2018/19", "Q1", "actual", "count", 101.0, None, None),
    (S002, 50, "2018/19", "Q2", "actual", "count", 99.0, None, None),
    (S002, 50, "2018/19", "Q3", "actual", "count", 115.0, None, None),
    (S002, 50, "2018/19", "Q4", "actual", "count", 163.0, None, None),
    (S002, 50, "2018/19", "FY", "actual", "count", 478.0, None, None),
    (S002, 52, "2017/18", "FY", "actual", "count", 189.0, None, None),
    (S002, 52, "2018/19", "Q4", "actual", "count", 304.0, None, None),
    (S002, 52, "2018/19", "FY", "actual", "count", 304.0, None, None),
    (S002, 53, "2017/18", "FY", "actual", "count", 34.0, None, None),
    (S002, 53, "2018/19", "FY", "target", "count", 38.0, None, None),
    (S002, 53, "2018/19", "Q1", "actual", "count", 16.0, None, None),
    (S002, 53, "2018/19", "Q2", "actual", "count", 12.0, None, None),
    (S002, 53, "2018/19", "Q3", "actual", "count", 20.0, None, None),
    (S002, 53, "2018/19", "Q4", "actual", "count", 17.0, None, None),
    (S002, 53, "2018/19", "FY", "actual", "count", 65.0, None, None),
    (S002, 54, "2017/18", "FY", "actual", "none", None, None, None),
    (S002, 54, "2018/19", "Q1", "actual", "percent", 0.0, None, None),
    (S002, 54, "2018/19", "Q2", "actual", "percent", 1.22, None, None),
    (S002, 54, "2018/19", "Q3", "actual", "percent", 1.74, None, "cumulative"),
    (S002, 54, "2018/19", "Q4", "actual", "percent", 1.85, None, "cumulative"),
    (S002, 54, "2018/19", "FY", "actual", "percent", 1.2, None, "average"),
    (S002, 55, "2018/19", "Q1", "actual", "none", None, None, None),
    (S002, 58, "2017/18", "FY", "actual", "count", 531.0, None, None),
    (S002, 58, "2018/19", "FY", "target", "none", None, None, None),
    (S002, 58, "2018/19", "Q1", "actual", "count", 117.0, None, None),
    (S002, 58, "2018/19", "Q2", "actual", "none", None, None, None),
    (S002, 58, "2018/19", "Q3", "actual", "count", 1084.0, None, None),
    (S002, 58, "2018/19", "Q4", "actual", "count", 1385.0, None, None),
    (S002, 58, "2018/19", "FY", "actual", "count", 2586.0, None, None),
    (S002, 59, "2017/18", "FY", "actual", "count", 141.0, None, None),
    (S002, 59, "2017/18", "FY", "actual", "gbp", 84171.24, None, None),
    (S002, 59, "2018/19", "FY", "target", "gbp", 172583.0, None, None),
    (S002, 59, "2018/19", "Q1", "actual", "count", 100.0, None, None),
    (S002, 59, "2018/19", "Q1", "actual", "gbp", 19112.23, None, None),
    (S002, 59, "2018/19", "Q2", "actual", "count", 98.0, None, None),
    (S002, 59, "2018/19", "Q2", "actual", "gbp", 22208.6, None, None),
    (S002, 59, "2018/19", "Q3", "actual", "count", 116.0, None, None),
    (S002, 59, "2018/19", "Q3", "actual", "gbp", 22708.33, None, None),
    (S002, 59, "2018/19", "Q4", "actual", "none", None, None, None),
    (S002, 59, "2018/19", "FY", "actual", "count", 314.0, None, None),
    (S002, 59, "2018/19", "FY", "actual", "gbp", 64029.16, None, None),
    (S002, 61, "2017/18", "FY", "actual", "count", 6.0, None, None),
    (S002, 61, "2018/19", "FY", "target", "count", 6.0, None, None),
    (S002, 61, "2018/19", "Q2", "actual", "count", 6.0, None, None),
    (S002, 62, "2017/18", "FY", "actual", "count", 470.0, None, None),
    (S002, 62, "2018/19", "FY", "target", "none", None, None, None),
    (S002, 62, "2018/19", "Q1", "actual", "count", 102.0, None, None),
    (S002, 62, "2018/19", "Q2", "actual", "count", 132.0, None, None),
    (S002, 62, "2018/19", "Q3", "actual", "count", 54.0, None, None),
    (S002, 62, "2018/19", "Q4", "actual", "count", 78.0, None, None),
    (S002, 62, "2018/19", "FY", "actual", "count", 366.0, None, None),
]


def _none(x: object) -> object:
    return None if pd.isna(x) else x  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def values(table: Table) -> pd.DataFrame:
    return table("indicator_values")


def test_every_kpi_value_exactly(values: pd.DataFrame) -> None:
    got = [
        (
            r.file,
            r.line_start,
            r.financial_year,
            r.period,
            r.measure,
            _none(r.unit),
            _none(r.value),
            _none(r.comparator),
            _none(r.qualifier),
        )
        for r in values.itertuples()
    ]
    assert sorted(map(repr, got)) == sorted(map(repr, EXPECTED))
    assert len(got) == 101


def _rows(values: pd.DataFrame, file: str, line: int) -> pd.DataFrame:
    return values[(values.file == file) & (values.line_start == line)]


def test_fly_tipping_000_quarters_and_years(values: pd.DataFrame) -> None:
    rows = _rows(values, S000, 66)
    quarters = rows[rows.period.str.startswith("Q")].sort_values("period")
    assert quarters.value.tolist() == [123, 121, 81, 100]
    fy = rows[rows.period == "FY"].set_index("financial_year")
    assert fy.loc["2017/18", "value"] == 425 and fy.loc["2016/17", "value"] == 484
    assert set(rows.indicator) == {"Number of fly tipping incidents"}
    # "No target - this is a measure only" and "Not reported in 2015/16" are words.
    assert not (rows.measure == "target").any()
    assert "2015/16" not in set(rows.financial_year)


def test_dhp_awards_two_units_per_cell(values: pd.DataFrame) -> None:
    rows = _rows(values, S002, 59)
    q3 = rows[rows.period == "Q3"].set_index("unit")
    assert (q3.loc["count", "value"], q3.loc["gbp", "value"]) == (116, 22708.33)
    assert set(q3.value_text) == {"116 cases £22,708.33"}
    outturn = rows[rows.reported_as == "Last year's outturn"].set_index("unit")
    assert set(outturn.financial_year) == {"2017/18"}
    assert (outturn.loc["count", "value"], outturn.loc["gbp", "value"]) == (
        141,
        84171.24,
    )
    target = rows[rows.measure == "target"].iloc[0]
    assert (target.value, target.unit, target.note) == (
        172583,
        "gbp",
        "Value of Government allocation",
    )
    q4 = rows[rows.period == "Q4"].iloc[0]
    assert (_none(q4.value), _none(q4.unit), q4.value_text) == (None, "none", "n/a")


def test_homelessness_percentages_and_notes(values: pd.DataFrame) -> None:
    rows = _rows(values, S002, 54).set_index(["financial_year", "period"])
    got = [rows.loc[("2018/19", q), "value"] for q in ("Q1", "Q2", "Q3", "Q4")]
    assert got == [0, 1.22, 1.74, 1.85]
    assert rows.loc[("2018/19", "Q2"), "note"] == (
        "Only three cases progressed to full duty from 82, two of which were "
        "intentional homeless, so 1/82"
    )
    assert rows.loc[("2018/19", "Q3"), "qualifier"] == "cumulative"
    total = rows.loc[("2018/19", "FY")]
    assert (total.value, total.qualifier, total.note) == (1.2, "average", "Average")
    outturn = rows.loc[("2017/18", "FY")]
    assert (_none(outturn.value), outturn.value_text) == (None, "N/A")


def test_null_row_keeps_explanatory_text(values: pd.DataFrame) -> None:
    row = _rows(values, S002, 55).iloc[0]
    assert (row.period, row.measure, _none(row.value)) == ("Q1", "actual", None)
    assert row.note.startswith("This information could not be collated")


def test_residual_waste_comparator_and_bare_unit(values: pd.DataFrame) -> None:
    rows = _rows(values, S000, 65)
    rows = rows[rows.period == "FY"].set_index(["financial_year", "measure"])
    target = rows.loc[("2017/18", "target")]
    assert (target.value, target.unit, target.comparator) == (20000, "tonnes", "<")
    assert rows.loc[("2015/16", "actual"), "unit"] == "tonnes"  # printed "-18,752"


def test_hra_capital_programme_once(values: pd.DataFrame) -> None:
    hra = values[(values.file == S001) & values.indicator.str.startswith("No. of")]
    assert len(hra) == 12
    assert not hra.duplicated(["indicator_id", "period", "measure"]).any()
    gas = hra[hra.indicator == "No. of properties having gas heating replaced"]
    assert sorted(gas.value) == [146, 275]


def test_rolling_rows_give_no_values(values: pd.DataFrame) -> None:
    names = " ".join(values.indicator)
    for word in ("Over Time", "CACH", "ASB Champion", "Satisfaction"):
        assert word not in names


def test_frequency_and_theme(values: pd.DataFrame) -> None:
    rows = _rows(values, S002, 61)
    assert set(rows.frequency) == {"A"}
    assert set(rows.theme) == {"Promoting attractive and healthy environments"}


def test_repairs_logged(table: Table) -> None:
    repairs = table("repairs")
    mine = repairs[(repairs.table == "indicator_values") & (repairs.file == S000)]
    got = sorted(zip(mine.line, mine.raw, mine.repaired, mine.rule, strict=True))
    assert got == [
        (64, "2015/16 -51.49%", "2015/16 51.49%", "dash_after_year"),
        (65, "2015/16 -18,752", "2015/16 18,752", "dash_after_year"),
        (65, "2017.18", "2017/18", "financial_year_dot"),
        (66, "2016.17", "2016/17", "financial_year_dot"),
        (66, "2017.18", "2017/18", "financial_year_dot"),
    ]


@pytest.mark.parametrize(
    "label, period, measure, kind",
    [
        ("Quarter 1", "Q1", "actual", "value"),
        ("Q4", "Q4", "actual", "value"),
        ("Annual Total", "FY", "actual", "value"),
        ("Total", "FY", "actual", "value"),
        ("Annual Target", "FY", "target", "value"),
        ("Last year's outturn", "FY", "actual", "value"),
        ("Target Achieved / Trend", "FY", "target", "commentary"),
        ("Target- Achieved/ Trend", "FY", "target", "commentary"),
        ("Performance compared to 2015/16", "FY", "actual", "commentary"),
        ("Frequency of reporting (Q or A)", None, None, "frequency"),
        ("Year End", "FY", "actual", "value"),
        ("Outturn", "FY", "actual", "value"),
        ("Quarter 1 (Apr-Jun)", "Q1", "actual", "value"),
        ("Quarter Four", "Q4", "actual", "value"),
        ("Q2 Target", "Q2", "target", "value"),
        ("Apr-Jun", "Q1", "actual", "value"),
        ("July – September", "Q2", "actual", "value"),
        ("Oct to Dec", "Q3", "actual", "value"),
        ("Jan-Mar 2018", "Q4", "actual", "value"),
        ("Annual Actual", "FY", "actual", "value"),
        ("Full Year", "FY", "actual", "value"),
        ("Full Year Actual", "FY", "actual", "value"),
        ("Full Year Target", "FY", "target", "value"),
        ("Previous Year Actual", "FY", "actual", "value"),
        ("Prior year performance", "FY", "actual", "value"),
    ],
)
def test_classify(
    label: str, period: str | None, measure: str | None, kind: str
) -> None:
    column = classify(label, 1)
    assert column is not None
    assert (column.period, column.measure, column.kind) == (period, measure, kind)


@pytest.mark.parametrize(
    "texts, is_grid",
    [
        (("", "Quarter 1", "Quarter 2", "Annual Target"), True),
        (("Programme", "Annual Target", "Q2"), True),
        (("Approach", "Key Project", "Milestone(s)", "Progress", "Q1", "Q2"), False),
        (("Action & Progress Update", "Outcomes", "Q1 Rating", "Q2 Rating"), False),
        (("", "Q1", "Q2", "Q3", "Q4", "Year End", "Target"), True),
        (("", "Quarter 1", "Quarter 2", "Annual Target", "Comments"), True),
        (("PI Description", "Q1", "Q2", "Total"), True),
        (("Q1", "Q2", "Total"), False),  # no name column before the values
        (
            (
                "Action text",
                "Programme",
                "Annual Target",
                "Q2",
                "No. of homes",
                "275",
                "146",
            ),
            False,
        ),  # samples/001 line 36: an HTML table flattened into a row
        (("", "Target 2015-18", "Q1"), False),  # a plan period, not a year
        # Commentary columns beside two values: a header still.
        (
            ("PI", "Target", "Annual Actual", "RAG", "Direction of Travel", "Comments"),
            True,
        ),
        # Other words beside two values: a row's cells, not labels.
        (
            ("PI", "Target", "Annual Actual", "Reduce waste", "Recycle", "Fly tipping"),
            False,
        ),
    ],
)
def test_header_columns(texts: tuple[str, ...], is_grid: bool) -> None:
    assert (header_columns(texts) is not None) == is_grid


@pytest.mark.parametrize(
    "label, period, financial_year",
    [
        ("Jan-Mar 2018", "Q4", "2017/18"),
        ("Apr-Jun 2018", "Q1", "2018/19"),
        ("Oct - Dec 2017", "Q3", "2017/18"),
        ("Jul-Sep", "Q2", None),
        ("Outturn 99/00", "FY", "1999/00"),
    ],
)
def test_calendar_and_short_years_of_columns(
    label: str, period: str, financial_year: str | None
) -> None:
    column = classify(label, 1)
    assert column is not None
    assert (column.period, column.financial_year) == (period, financial_year)


@pytest.mark.parametrize(
    "label",
    [
        "Apr-Sep",
        "Mar-May",
        "Jun-Aug 2017",
        "Target 18/20",
        "Outturn 17/17",
        # Labels of their own run on in `pdftotext -raw` headers ("Last
        # year's outturn Target Q1 …"): read together, they would cut two ways.
        "Target Q1",
        "Last year's",
        "Last Year",
        # A quarter's or the year to date's as often as the year's.
        "Actual",
        "Actual (Q4)",
    ],
)
def test_labels_of_no_column(label: str) -> None:
    assert classify(label, 1) is None


def test_sample_000_with_its_quarters_headed_by_months(
    tmp_path: Path, run_dir: Path
) -> None:
    # Another year's grid may head its quarters "Apr-Jun", "Jul-Sep", …
    text = (SAMPLES / S000).read_text(encoding="utf-8")
    months = ["Apr-Jun", "Jul-Sep", "Oct-Dec", "Jan-Mar"]
    changed = re.sub(r"\tQuarter ([1-4])", lambda m: "\t" + months[int(m[1]) - 1], text)
    assert changed.count("\tJul-Sep") == 4
    out = printed_otherwise(tmp_path, S000, changed)
    columns = ["indicator", "financial_year", "period", "measure", "value", "unit"]
    assert_read_as_printed(out, run_dir, S000, {"indicator_values": columns})
    assert len(rows_of(out, "indicator_values", S000)) == 20


@pytest.mark.parametrize(
    "label",
    ["Performance compared to 2015/16", "Performance compared to 2015/2016"],
)
def test_compared_column_year(label: str) -> None:
    column = classify(label, 8)
    assert column is not None and column.financial_year == "2015/16"


@pytest.mark.parametrize(
    "label, financial_year, previous_year",
    [
        ("Outturn 2016/17", "2016/17", False),
        ("Target 2017/18", "2017/18", False),
        ("Annual Target 2017/18", "2017/18", False),
        ("2016-17 Outturn", "2016/17", False),
        ("Target (2017/18)", "2017/18", False),
        ("Last year's outturn", None, True),
        ("Quarter 1", None, False),
        ("Outturn 17/18", "2017/18", False),
        ("18-19 Target", "2018/19", False),
        ("Target (18/19)", "2018/19", False),
        ("2016/17 Actual", "2016/17", False),
        ("Actual 2016-17", "2016/17", False),
        ("Previous year's actual", None, True),
    ],
)
def test_column_years(
    label: str, financial_year: str | None, previous_year: bool
) -> None:
    column = classify(label, 1)
    assert column is not None
    assert (column.financial_year, column.previous_year) == (
        financial_year,
        previous_year,
    )


PLAN = "Environment Priority Delivery Plan 2017-18 Quarter 3 Performance Update"
THEME = (
    "Cleaner and safer environments: Striving for cleaner, greener and "
    "attractive public environments"
)
FLY = "Number of fly tipping incidents"


def _recognise(lines: list[str]) -> list[Record]:
    from extract.recognisers import kpi_grid

    return recognised(kpi_grid, lines)


def _values(lines: list[str]) -> list[tuple[object, ...]]:
    """(indicator, financial_year, period, measure, value, unit, reported_as)."""
    return [
        (
            r.indicator,
            r.financial_year,
            r.period,
            r.measure,
            r.value,
            r.unit,
            r.reported_as,
        )
        for r in _recognise(lines)
        if isinstance(r, IndicatorValue)
    ]


def _issues(lines: list[str]) -> list[IssueRow]:
    return [r for r in _recognise(lines) if isinstance(r, IssueRow)]


def _tabs(*cells: str) -> str:
    return "\t".join(cells)


@pytest.mark.parametrize(
    "header, row, expected",
    [
        (
            ("", "Q1", "Q2", "Q3", "Q4", "Year End", "Target"),
            (FLY, "123", "121", "81", "", "325", "400"),
            [
                ("2017/18", "Q1", "actual", 123.0, "Q1"),
                ("2017/18", "Q2", "actual", 121.0, "Q2"),
                ("2017/18", "Q3", "actual", 81.0, "Q3"),
                ("2017/18", "FY", "actual", 325.0, "Year End"),
                ("2017/18", "FY", "target", 400.0, "Target"),
            ],
        ),
        (
            (
                "",
                "Quarter 1",
                "Quarter 2",
                "Quarter 3",
                "Quarter 4",
                "Annual Target",
                "Comments",
            ),
            (FLY, "123", "121", "81", "", "400", "Figures provided by Staffs"),
            [
                ("2017/18", "Q1", "actual", 123.0, "Quarter 1"),
                ("2017/18", "Q2", "actual", 121.0, "Quarter 2"),
                ("2017/18", "Q3", "actual", 81.0, "Quarter 3"),
                ("2017/18", "FY", "target", 400.0, "Annual Target"),
            ],
        ),
        (
            ("", "Quarter 1 (Apr-Jun)", "Quarter 2 (Jul-Sep)", "Annual Target 2017/18"),
            (FLY, "123", "121", "400"),
            [
                ("2017/18", "Q1", "actual", 123.0, "Quarter 1 (Apr-Jun)"),
                ("2017/18", "Q2", "actual", 121.0, "Quarter 2 (Jul-Sep)"),
                ("2017/18", "FY", "target", 400.0, "Annual Target 2017/18"),
            ],
        ),
        (
            ("Performance Indicator", "Outturn 2016/17", "Target 2017/18", "Q1", "Q2"),
            (FLY, "484", "400", "123", "121"),
            [
                ("2016/17", "FY", "actual", 484.0, "Outturn 2016/17"),
                ("2017/18", "FY", "target", 400.0, "Target 2017/18"),
                ("2017/18", "Q1", "actual", 123.0, "Q1"),
                ("2017/18", "Q2", "actual", 121.0, "Q2"),
            ],
        ),
        (
            ("PI Description", "Q1", "Q2", "Q3", "Q4", "Total"),
            (FLY, "123", "121", "81", "", "325"),
            [
                ("2017/18", "Q1", "actual", 123.0, "Q1"),
                ("2017/18", "Q2", "actual", 121.0, "Q2"),
                ("2017/18", "Q3", "actual", 81.0, "Q3"),
                ("2017/18", "FY", "actual", 325.0, "Total"),
            ],
        ),
        (
            ("Ref", "Indicator", "Q1", "Q2"),
            ("PI 07", FLY, "123", "121"),
            [
                ("2017/18", "Q1", "actual", 123.0, "Q1"),
                ("2017/18", "Q2", "actual", 121.0, "Q2"),
            ],
        ),
    ],
)
def test_header_variants_keep_the_grid(
    header: tuple[str, ...], row: tuple[str, ...], expected: list[tuple[object, ...]]
) -> None:
    got = _values([PLAN, "", _tabs(*header), _tabs(*row)])
    assert got == [(FLY, y, p, m, v, "count", r) for y, p, m, v, r in expected]


def test_prose_theme_inside_grid_does_not_end_it() -> None:
    header = _tabs("", "Quarter 1", "Quarter 2", "Annual Target")
    row = _tabs(FLY, "123", "121", "400")
    with_theme = _values([PLAN, "", header, THEME, row])
    assert (
        with_theme
        == _values([PLAN, "", header, row])
        == [
            (FLY, "2017/18", "Q1", "actual", 123.0, "count", "Quarter 1"),
            (FLY, "2017/18", "Q2", "actual", 121.0, "count", "Quarter 2"),
            (FLY, "2017/18", "FY", "target", 400.0, "count", "Annual Target"),
        ]
    )
    # The theme row is the theme of the values under it.
    facts = [
        r
        for r in _recognise([PLAN, "", header, THEME, row])
        if isinstance(r, IndicatorValue)
    ]
    assert {r.theme for r in facts} == {THEME}


def test_prose_paragraph_after_grid_ends_it() -> None:
    header = _tabs("", "Quarter 1", "Quarter 2", "Annual Target")
    long_prose = "The council continued to work with partners. " * 6
    got = _values(
        [
            PLAN,
            "",
            header,
            _tabs(FLY, "1", "2", "3"),
            long_prose,
            _tabs("Other measure", "4", "5", "6"),
        ]
    )
    assert [v[0] for v in got] == [FLY, FLY, FLY]


@pytest.mark.parametrize(
    "block",
    [
        "Quarter 3 (19.01.18) Previous 12 months = 1,234 Last 12 months = 1,111 "
        "Change over 12 months = -10% reduction (-123)",
        "Q3 (19.01.18) Previous 12 months: 1,234 Last 12 months: 1,111",
        "Q3 (19.01.18) Previous 12 month = 1,234 Last 12 month = 1,111",
        "(19.01.18) Last 12 months = 1,111",
    ],
)
def test_rolling_blocks_give_no_values(block: str) -> None:
    header = _tabs("", "Quarter 1", "Quarter 2", "Quarter 3", "Annual Target")
    lines = [PLAN, "", header, _tabs("ASB Incidents Over Time (Variation)", block)]
    assert _values(lines) == []


def test_unreadable_numbers_are_null_values_with_an_issue() -> None:
    header = _tabs("", "Quarter 1", "Quarter 2", "Quarter 3", "Annual Target")
    lines = [
        PLAN,
        "",
        header,
        _tabs(FLY, "1" * 400, "£99999999999999999999999999", "1e308", "400"),
    ]
    assert _values(lines) == [
        (FLY, "2017/18", "Q1", "actual", None, "none", "Quarter 1"),
        (FLY, "2017/18", "Q2", "actual", None, "none", "Quarter 2"),
        (FLY, "2017/18", "Q3", "actual", None, "none", "Quarter 3"),
        (FLY, "2017/18", "FY", "target", 400.0, "count", "Annual Target"),
    ]
    issues = _issues(lines)
    assert [(i.code, i.line) for i in issues] == [("unreadable_value", 4)] * 3
    assert "exponent" in issues[2].message


@pytest.mark.parametrize(
    "name, cells, units",
    [
        # The name states a count: a "£" target beside it does not make 304 money.
        (
            "Number of Discretionary Housing Payments awards",
            ("304", "£172,583"),
            ["count", "gbp"],
        ),
        # No unit in the name: the one printed on the row.
        (
            "Residual household waste collected",
            ("18,752", "<20,000 Tonnes"),
            ["tonnes", "tonnes"],
        ),
        (
            "Percentage of household waste recycled",
            ("47", "50"),
            ["percent", "percent"],
        ),
        # Several units printed: a bare number is a count.
        (
            "Discretionary Housing Payments",
            ("100 cases £19,112.23", "98"),
            ["count", "gbp", "count"],
        ),
    ],
)
def test_bare_number_units(name: str, cells: tuple[str, str], units: list[str]) -> None:
    lines = [PLAN, "", _tabs("", "Quarter 1", "Annual Target"), _tabs(name, *cells)]
    assert [v[5] for v in _values(lines)] == units


def test_printed_variants_of_one_indicator_are_one_key(tmp_path: Path) -> None:

    header = _tabs("", "Quarter 1", "Quarter 2", "Annual Target")
    lines = [
        PLAN,
        "",
        header,
        _tabs(FLY, "123", "121", "400"),
        "",
        "Appendix",
        "",
        header,
        _tabs("Number of fly-tiping incidents", "123", "125", "400"),
        _tabs(FLY, "123", "121", "400"),
    ]
    # The recogniser reads every printed value, the restatement of line 10 too...
    printed = [
        (r.indicator, r.period, r.value, r.line_start)
        for r in _recognise(lines)
        if isinstance(r, IndicatorValue)
    ]
    assert [p[3] for p in printed] == [4, 4, 4, 9, 9, 9, 10, 10, 10]
    # ...and a run keeps one row per key once both variants have one registry id.
    src = tmp_path / "report.txt"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    extract([src], tmp_path / "out")
    values = pd.read_parquet(tmp_path / "out" / "indicator_values.parquet")
    got = list(zip(values.indicator_id, values.period, values.value, strict=True))
    assert got == [
        ("fly-tipping-incidents", "Q1", 123.0),
        ("fly-tipping-incidents", "Q2", 121.0),
        ("fly-tipping-incidents", "FY", 400.0),
    ]


def test_a_comment_opening_with_a_quarter_is_no_quarter_block() -> None:
    rows = _values(
        [
            "Housing Priority Delivery Plan 2012-13 End of Year Performance Update",
            "",
            "PI Description\tQ1\tQ2\tQ3\tQ4\tYear End\tTarget 2012/13\tComments",
            "Number of disabled facilities grants completed\t18\t21\tn/a\t27\t66\t70"
            "\tQ3 data not available due to the new system",
        ]
    )
    assert [(r[2], r[3], r[4]) for r in rows] == [
        ("Q1", "actual", 18.0),
        ("Q2", "actual", 21.0),
        ("Q3", "actual", None),
        ("Q4", "actual", 27.0),
        ("FY", "actual", 66.0),
        ("FY", "target", 70.0),
    ]


def test_a_unit_outside_the_contract_is_none() -> None:
    rows = _values(
        [
            "Housing Priority Delivery Plan 2013-14 Quarter 2 Performance Update",
            "",
            "PI Description\tQ1\tQ2\tTarget",
            "Average time to re-let council properties (days)\t22.1 days\t21.8\t23",
        ]
    )
    assert [(r[2], r[4], r[5]) for r in rows] == [
        ("Q1", 22.1, "none"),
        ("Q2", 21.8, "none"),
        ("FY", 23.0, "none"),
    ]


def test_columns_headed_by_a_bare_year() -> None:
    rows = _values(
        [
            "Environment Priority Delivery Plan 2017-18 Quarter 3 Performance Update",
            "",
            "Indicator\t2015/16\t2016/17\t2017/18 Target\tComments",
            "Percentage of household waste recycled\t51.49%\t48.2%\t50%\tOn track",
            "Number of fly tipping incidents\tn/a\t484\t\t",
        ]
    )
    assert [(r[1], r[2], r[3], r[4], r[5]) for r in rows] == [
        ("2015/16", "FY", "actual", 51.49, "percent"),
        ("2016/17", "FY", "actual", 48.2, "percent"),
        ("2017/18", "FY", "target", 50.0, "percent"),
        ("2015/16", "FY", "actual", None, "none"),
        ("2016/17", "FY", "actual", 484.0, "count"),
    ]


def test_a_quarter_label_before_a_figure_is_the_grids_value() -> None:
    # "Q2 figure 45" opens with a quarter label but is no rolling block and holds
    # no labelled counts: the grid reads it.
    header = _tabs("", "Quarter 1", "Quarter 2", "Annual Target")
    row = _tabs(FLY, "131", "Q2 figure 45 (provisional)", "No target")
    got = [
        (r.period, r.measure, r.value, r.unit, r.note)
        for r in _recognise([PLAN, "", header, row])
        if isinstance(r, IndicatorValue)
    ]
    assert got == [
        ("Q1", "actual", 131.0, "count", None),
        ("Q2", "actual", 45.0, "count", "Q2 figure provisional"),
        ("FY", "target", None, "none", "No target"),
    ]


@pytest.mark.parametrize(
    "cell",
    [
        "Q1 24 Individuals reported approx. 120 incidents",
        "Q1 - 15 on going cases, 6 closed cases",
        "Q1 Race 3, Disability 2",
    ],
    ids=["people", "cases", "ambiguous"],
)
def test_a_quarter_label_before_counts_is_a_breakdown(cell: str) -> None:
    header = _tabs("", "Quarter 1", "Quarter 2", "Annual Target")
    row = _tabs("Hate Crime – Number of self referrals to CACH", cell)
    assert _values([PLAN, "", header, row]) == []


def test_a_measure_label_in_a_quarter_cell_keeps_the_quarter() -> None:
    # "45% (target 50%)" under "Quarter 1" is Q1's actual and Q1's target; only a
    # label naming a year ("2016.17 - 484") moves a value to a whole year.
    header = _tabs("", "Quarter 1", "Quarter 2", "Annual Target")
    row = _tabs(
        "Percentage of ASB cases closed within 3 months",
        "45% (target 50%)",
        "52% (target 50%)",
        "50%",
    )
    assert [r[2:6] for r in _values([PLAN, "", header, row])] == [
        ("Q1", "actual", 45.0, "percent"),
        ("Q1", "target", 50.0, "percent"),
        ("Q2", "actual", 52.0, "percent"),
        ("Q2", "target", 50.0, "percent"),
        ("FY", "target", 50.0, "percent"),
    ]


@pytest.mark.parametrize(
    "name, cell",
    [
        ("ASB – Number of referrals to ASB Champion", "Council 5; Police 3; Housing 4"),
        ("ASB – Case outcomes", "7 cases resolved, 2 escalated, 5 on going"),
    ],
    ids=["referral sources", "case outcomes"],
)
def test_a_cell_of_labelled_counts_is_a_breakdown(name: str, cell: str) -> None:
    header = _tabs("", "Quarter 1", "Quarter 2", "Annual Target")
    lines = [PLAN, "", header, _tabs(name, cell, cell, "20")]
    assert [r[2:6] for r in _values(lines)] == [("FY", "target", 20.0, "count")]
    assert [i.code for i in _issues(lines)] == []


def test_an_action_table_is_no_grid() -> None:
    header = _tabs("Key Actions", "Lead Officer", "Progress", "Q1", "Q2", "Q3", "Q4")
    row = _tabs(
        "Review the CCTV code of practice", "CCTV Manager", "Adopted.", "▶", "✓"
    )
    assert header_columns(header.split("\t")) is None
    assert _values([PLAN, "", header, row]) == []


def test_multiplied_amounts_and_nil_are_values_with_repairs() -> None:
    header = _tabs("Performance Indicator", "Q1 Actual", "Q1 Target", "Q2 Actual")
    rates = _tabs("Value of business rates collected", "£1.2m", "£450k", "£2.3bn")
    museum = _tabs("Number of visitors to the Museum", "3,456", "3,000", "Nil – closed")
    records = _recognise([PLAN, "", header, rates, museum])
    got = [
        (r.indicator[:8], r.period, r.measure, r.value, r.unit, r.note)
        for r in records
        if isinstance(r, IndicatorValue)
    ]
    assert got == [
        ("Value of", "Q1", "actual", 1_200_000.0, "gbp", None),
        ("Value of", "Q1", "target", 450_000.0, "gbp", None),
        ("Value of", "Q2", "actual", 2_300_000_000.0, "gbp", None),
        ("Number o", "Q1", "actual", 3456.0, "count", None),
        ("Number o", "Q1", "target", 3000.0, "count", None),
        ("Number o", "Q2", "actual", 0.0, "count", "closed"),
    ]
    repairs = [
        (r.column, r.line, r.raw, r.repaired, r.rule)
        for r in records
        if isinstance(r, RepairRow)
    ]
    assert repairs == [
        ("value", 4, "£1.2m", "1200000", "amount_multiplier"),
        ("value", 4, "£450k", "450000", "amount_multiplier"),
        ("value", 4, "£2.3bn", "2300000000", "amount_multiplier"),
        ("value", 5, "Nil", "0", "nil_as_zero"),
    ]


def test_figures_in_thousands_of_pounds_are_pounds_with_repairs() -> None:
    """A name or column label stating "£000" or "£m" scales the bare figures
    under it into pounds, each change logged. Not a figure printed with its
    unit ("£12.1": pounds or thousands alike) or multiplier, a row whose name
    states another unit or that prints one, nor where the column's scale and
    the name's disagree."""
    header = _tabs("Performance Indicator", "Q1", "Q2 (£m)", "Annual Target")
    income = _tabs("Income from car parks (£000)", "210", "0.19", "850")
    spend = _tabs("Capital spend on schemes", "£1,200", "1.5", "£2,000")
    share = _tabs("Percentage of capital programme spent (£m)", "22", "45%", "")
    saved = _tabs("Savings delivered (£'000)", "12.5%", "£1.2m", "n/a")
    tax = _tabs("Council tax collected (£000)", "£12.1", "", "36.2")
    records = _recognise([PLAN, "", header, income, spend, share, saved, tax])
    got = [
        (r.indicator[:8], r.period, r.measure, r.value, r.unit)
        for r in records
        if isinstance(r, IndicatorValue)
    ]
    assert got == [
        ("Income f", "Q1", "actual", 210_000.0, "gbp"),
        ("Income f", "Q2", "actual", 0.19, "gbp"),
        ("Income f", "FY", "target", 850_000.0, "gbp"),
        ("Capital ", "Q1", "actual", 1200.0, "gbp"),
        ("Capital ", "Q2", "actual", 1_500_000.0, "gbp"),
        ("Capital ", "FY", "target", 2000.0, "gbp"),
        ("Percenta", "Q1", "actual", 22.0, "percent"),
        ("Percenta", "Q2", "actual", 45.0, "percent"),
        ("Savings ", "Q1", "actual", 12.5, "percent"),
        ("Savings ", "Q2", "actual", 1_200_000.0, "gbp"),
        ("Savings ", "FY", "target", None, "none"),
        ("Council ", "Q1", "actual", 12.1, "gbp"),
        ("Council ", "FY", "target", 36_200.0, "gbp"),
    ]
    repairs = [
        (r.line, r.raw, r.repaired, r.rule) for r in records if isinstance(r, RepairRow)
    ]
    assert repairs == [
        (4, "210 (£000)", "210000", "stated_multiplier"),
        (4, "850 (£000)", "850000", "stated_multiplier"),
        (5, "1.5 (£m)", "1500000", "stated_multiplier"),
        (7, "£1.2m", "1200000", "amount_multiplier"),
        (8, "36.2 (£000)", "36200", "stated_multiplier"),
    ]


def test_rating_words_in_value_columns_are_null_values() -> None:
    """An annual measure's quarter columns printing "On track" or
    "Amber/Green" are null values with their words, not an action's marks."""
    header = _tabs("Performance Indicator", "Quarter 1", "Quarter 2", "Quarter 3")
    rows = [
        _tabs("Customer satisfaction survey (annual)", "On track", "On track", ""),
        _tabs("Delivery of the Local Plan", "Amber/Green", "Amber", "Amber/Red"),
    ]
    records = _recognise([PLAN, "", header, *rows])
    got = [
        (r.indicator[:8], r.period, r.value, r.value_text)
        for r in records
        if isinstance(r, IndicatorValue)
    ]
    assert got == [
        ("Customer", "Q1", None, "On track"),
        ("Customer", "Q2", None, "On track"),
        ("Delivery", "Q1", None, "Amber/Green"),
        ("Delivery", "Q2", None, "Amber"),
        ("Delivery", "Q3", None, "Amber/Red"),
    ]


def test_a_value_labelled_with_a_quarter_of_another_year() -> None:
    """ "96% (Q1 2016/17: 94%)": the bracketed value is Q1 of 2016/17, not
    2016/17's full year."""
    header = _tabs("Performance Indicator", "Q1", "Q2")
    row = _tabs("Homeless preventions", "96% (Q1 2016/17: 94%)", "14 (Q2 2016/17: 20)")
    records = _recognise([PLAN, "", header, row])
    got = [
        (r.financial_year, r.period, r.value)
        for r in records
        if isinstance(r, IndicatorValue)
    ]
    assert got == [
        ("2017/18", "Q1", 96.0),
        ("2016/17", "Q1", 94.0),
        ("2017/18", "Q2", 14.0),
        ("2016/17", "Q2", 20.0),
    ]


def test_a_mixed_column_label_states_no_scale() -> None:
    header = _tabs("Performance Indicator", "Q1", "Annual Target (£000 / %)")
    rows = [
        _tabs("Percentage of council tax collected", "28.1%", "97.5"),
        _tabs("Number of fly tipping incidents", "120", "400"),
        _tabs("Income from car parks", "210", "850"),
    ]
    records = _recognise([PLAN, "", header, *rows])
    got = [(r.value, r.unit) for r in records if isinstance(r, IndicatorValue)]
    assert got == [
        (28.1, "percent"),
        (97.5, "percent"),
        (120.0, "count"),
        (400.0, "count"),
        (210.0, "count"),
        (850.0, "count"),
    ]
    assert not [r for r in records if isinstance(r, RepairRow)]


def test_a_row_named_in_lower_case_is_a_wrapped_row_not_read() -> None:
    """A row whose name opens in lower case is the later lines of a wrapped
    row printed apart ("against the person," of pdftotext -layout of a
    browser's print): its cells are the row above's, not values of its own."""
    lines = [
        "\tQuarter 1\tQuarter 2\tQuarter 3\tQuarter 4",
        "Number of fly tipping incidents\t123\t121\t81\t100",
        "",
        "\tQuarter 1\tQuarter 2\tQuarter 3\tQuarter 4",
        "against the person,\t15%\t15%\t14%\t4%",
    ]
    rows = [r for r in recognised(kpi_grid, lines) if isinstance(r, IndicatorValue)]
    assert [(r.indicator, r.period, r.value) for r in rows] == [
        ("Number of fly tipping incidents", "Q1", 123.0),
        ("Number of fly tipping incidents", "Q2", 121.0),
        ("Number of fly tipping incidents", "Q3", 81.0),
        ("Number of fly tipping incidents", "Q4", 100.0),
    ]


def test_a_grid_s_second_label_line_of_rag_or_status_keeps_its_rows() -> None:
    # "RAG" under each quarter: the KPI grid's own second label line, not an
    # action table's "Rating" row (which also names its action or outcomes).
    lines = [
        "Council Performance Report 2023/24 Quarter 2",
        "",
        "Performance Indicator\tAnnual Target\tQ1\tQ2\tQ3\tQ4",
        "\t\tRAG\tRAG\tRAG\tRAG",
        "Number of missed bins per 100,000 collections\t80\t65 (Green)\t72 (Green)\t\t",
        "Days to process new benefit claims\t20\t18 (Green)\t23 (Red)\t\t",
    ]
    got = {
        (r.indicator[:9], r.period, r.measure): r.value
        for r in recognised(kpi_grid, lines)
        if isinstance(r, IndicatorValue)
    }
    assert got == {
        ("Number of", "FY", "target"): 80.0,
        ("Number of", "Q1", "actual"): 65.0,
        ("Number of", "Q2", "actual"): 72.0,
        ("Days to p", "FY", "target"): 20.0,
        ("Days to p", "Q1", "actual"): 18.0,
        ("Days to p", "Q2", "actual"): 23.0,
    }


def test_a_grid_headed_actual_and_full_year_target() -> None:
    # Another council's grid: a year's "Actual", the report year's "Full Year
    # Target" and the year before's actual (was no grid: two labels unknown).
    out = recognised(
        kpi_grid,
        [
            "Environment Priority Delivery Plan 2017-18 End of Year Performance Update",
            "",
            "Performance Indicator\tQ1\tQ2\tQ3\tQ4\t2017/18 Actual"
            "\tFull Year Target\tPrevious Year Actual",
            "Number of fly tipping incidents\t123\t121\t81\t100\t425\t400\t484",
        ],
    )
    got = sorted(
        (r.financial_year, r.period, r.measure, r.value)
        for r in out
        if isinstance(r, IndicatorValue)
    )
    assert got == [
        ("2016/17", "FY", "actual", 484.0),
        ("2017/18", "FY", "actual", 425.0),
        ("2017/18", "FY", "target", 400.0),
        ("2017/18", "Q1", "actual", 123.0),
        ("2017/18", "Q2", "actual", 121.0),
        ("2017/18", "Q3", "actual", 81.0),
        ("2017/18", "Q4", "actual", 100.0),
    ]


def test_a_grid_with_rag_trend_and_comment_columns_reads_its_values() -> None:
    # Two value columns beside three of commentary (was no grid: more unknown
    # labels than values). The comment's "5%" is no value of the grid's.
    out = recognised(
        kpi_grid,
        [
            "Environment Priority Delivery Plan 2017-18 End of Year Performance Update",
            "",
            "Performance Indicator\tTarget\t2017/18 Actual\tRAG Status"
            "\tDirection of Travel\tComments",
            "Number of fly tipping incidents\t400\t425\tRed\tWorse\tUp 5% on last year",
        ],
    )
    got = sorted(
        (r.financial_year, r.period, r.measure, r.value, r.reported_as)
        for r in out
        if isinstance(r, IndicatorValue)
    )
    assert got == [
        ("2017/18", "FY", "actual", 425.0, "2017/18 Actual"),
        ("2017/18", "FY", "target", 400.0, "Target"),
    ]


def test_targets_with_a_comparator_in_words() -> None:
    """ "At least 98%", "95% or above", "Less than 10", "Max 25 days": each
    target keeps its bound; the words had gone to the note, the comparator
    null."""
    from tests.conftest import recognised

    found = recognised(
        kpi_grid,
        [
            "Quarter 2 Performance Report 2017/18",
            "",
            "Indicator\tQ1\tQ2\tAnnual Target",
            "Percentage of rent collected\t97.1%\t97.4%\tAt least 98%",
            "Percentage of calls answered\t94%\t96%\t95% or above",
            "Number of complaints upheld\t4\t6\tLess than 10",
            "Average days to process claims\t21 days\t19 days\tMax 25 days",
        ],
    )
    targets = [
        (r.value, r.comparator, r.note)
        for r in found
        if isinstance(r, IndicatorValue) and r.measure == "target"
    ]
    assert targets == [
        (98.0, ">=", None),
        (95.0, ">=", None),
        (10.0, "<", None),
        (25.0, "<=", None),
    ]


def test_a_figure_alone_in_brackets_is_negative_and_logged() -> None:
    """ "(£350)", as accounts print a negative sum: it had been a null value,
    its figure a note, silently. A bare "(1,234)" or a share "(3.2%)" may be a
    note ("(102)" incidents, "(57.3%)" collected): a null value, reported.
    "(12 cases)" stays a note."""
    header = _tabs("Performance Indicator", "Q1", "Q2", "Q3")
    surplus = _tabs(
        "Net surplus on the trading account (£)", "(1,234)", "(£350)", "512"
    )
    change = _tabs("Change in footfall on last year", "(3.2%)", "1.5%", "(12 cases)")
    records = _recognise([PLAN, "", header, surplus, change])
    got = [
        (r.period, r.value, r.unit, r.note)
        for r in records
        if isinstance(r, IndicatorValue)
    ]
    assert got == [
        ("Q1", None, "none", "(1,234)"),
        ("Q2", -350.0, "gbp", None),
        ("Q3", 512.0, "gbp", None),
        ("Q1", None, "none", "(3.2%)"),
        ("Q2", 1.5, "percent", None),
        ("Q3", None, "none", "(12 cases)"),
    ]
    repairs = [
        (r.line, r.raw, r.repaired, r.rule) for r in records if isinstance(r, RepairRow)
    ]
    assert repairs == [(4, "(£350)", "-£350", "bracketed_negative")]
    problems = [i.message for i in records if isinstance(i, IssueRow)]
    assert any("a figure in brackets: a negative or a note" in m for m in problems)
