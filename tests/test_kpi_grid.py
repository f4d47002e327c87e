"""KPI grids: every value of every KPI row in the samples, exactly."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from extract.blocks.kpi_grid import classify, header_columns
from tests.conftest import S000, S001, S002

Table = Callable[[str], pd.DataFrame]

# (file, line, financial_year, period, measure, unit, value, comparator, qualifier)
EXPECTED = [
    (S000, 64, '2017/18', 'Q1', 'actual', 'percent', 47.5, None, 'confirmed'),
    (S000, 64, '2017/18', 'Q2', 'actual', 'percent', 51.8, None, 'confirmed'),
    (S000, 64, '2017/18', 'Q3', 'actual', 'percent', 38.6, None, 'confirmed'),
    (S000, 64, '2017/18', 'Q4', 'actual', 'percent', 36.5, None, 'estimated'),
    (S000, 64, '2017/18', 'FY', 'target', 'percent', 50.0, None, None),
    (S000, 64, '2017/18', 'FY', 'actual', 'percent', 44.1, None, None),
    (S000, 64, '2015/16', 'FY', 'actual', 'percent', 51.49, None, None),
    (S000, 65, '2017/18', 'Q1', 'actual', 'tonnes', 5666.55, None, 'confirmed'),
    (S000, 65, '2017/18', 'Q2', 'actual', 'tonnes', 4946.59, None, 'confirmed'),
    (S000, 65, '2017/18', 'Q3', 'actual', 'tonnes', 5633.65, None, 'confirmed'),
    (S000, 65, '2017/18', 'Q4', 'actual', 'tonnes', 4953.5, None, 'estimated'),
    (S000, 65, '2017/18', 'FY', 'target', 'tonnes', 20000.0, '<', None),
    (S000, 65, '2017/18', 'FY', 'actual', 'tonnes', 21200.0, None, None),
    (S000, 65, '2015/16', 'FY', 'actual', 'tonnes', 18752.0, None, None),
    (S000, 66, '2017/18', 'Q1', 'actual', 'count', 123.0, None, None),
    (S000, 66, '2017/18', 'Q2', 'actual', 'count', 121.0, None, None),
    (S000, 66, '2017/18', 'Q3', 'actual', 'count', 81.0, None, None),
    (S000, 66, '2017/18', 'Q4', 'actual', 'count', 100.0, None, None),
    (S000, 66, '2017/18', 'FY', 'actual', 'count', 425.0, None, None),
    (S000, 66, '2016/17', 'FY', 'actual', 'count', 484.0, None, None),
    (S001, 17, '2017/18', 'Q1', 'actual', 'count', 76.0, None, None),
    (S001, 17, '2017/18', 'Q2', 'actual', 'count', 33.0, None, None),
    (S001, 17, '2017/18', 'FY', 'target', 'count', 160.0, None, None),
    (S001, 19, '2017/18', 'Q1', 'actual', 'count', 0.0, None, None),
    (S001, 19, '2017/18', 'Q2', 'actual', 'count', 0.0, None, None),
    (S001, 19, '2017/18', 'FY', 'target', 'count', 45.0, None, None),
    (S001, 38, '2017/18', 'FY', 'target', 'count', 275.0, None, None),
    (S001, 38, '2017/18', 'Q2', 'actual', 'count', 146.0, None, None),
    (S001, 39, '2017/18', 'FY', 'target', 'count', 635.0, None, None),
    (S001, 39, '2017/18', 'Q2', 'actual', 'count', 237.0, None, None),
    (S001, 40, '2017/18', 'FY', 'target', 'count', 600.0, None, None),
    (S001, 40, '2017/18', 'Q2', 'actual', 'count', 280.0, None, None),
    (S001, 41, '2017/18', 'FY', 'target', 'count', 60.0, None, None),
    (S001, 41, '2017/18', 'Q2', 'actual', 'count', 27.0, None, None),
    (S001, 42, '2017/18', 'FY', 'target', 'count', 260.0, None, None),
    (S001, 42, '2017/18', 'Q2', 'actual', 'count', 120.0, None, None),
    (S001, 43, '2017/18', 'FY', 'target', 'count', 525.0, None, None),
    (S001, 43, '2017/18', 'Q2', 'actual', 'count', 473.0, None, None),
    (S002, 48, '2018/19', 'FY', 'target', 'count', 4.0, None, None),
    (S002, 48, '2018/19', 'Q4', 'actual', 'count', 4.0, None, None),
    (S002, 48, '2018/19', 'FY', 'actual', 'count', 4.0, None, None),
    (S002, 49, '2017/18', 'FY', 'actual', 'count', 85.0, None, None),
    (S002, 49, '2018/19', 'FY', 'target', None, None, None, None),
    (S002, 49, '2018/19', 'Q1', 'actual', 'count', 20.0, None, None),
    (S002, 49, '2018/19', 'Q2', 'actual', 'count', 27.0, None, None),
    (S002, 49, '2018/19', 'Q3', 'actual', 'count', 12.0, None, None),
    (S002, 49, '2018/19', 'Q4', 'actual', 'count', 43.0, None, None),
    (S002, 49, '2018/19', 'FY', 'actual', 'count', 102.0, None, None),
    (S002, 50, '2017/18', 'FY', 'actual', 'count', 340.0, None, None),
    (S002, 50, '2018/19', 'FY', 'target', None, None, None, None),
    (S002, 50, '2018/19', 'Q1', 'actual', 'count', 101.0, None, None),
    (S002, 50, '2018/19', 'Q2', 'actual', 'count', 99.0, None, None),
    (S002, 50, '2018/19', 'Q3', 'actual', 'count', 115.0, None, None),
    (S002, 50, '2018/19', 'Q4', 'actual', 'count', 163.0, None, None),
    (S002, 50, '2018/19', 'FY', 'actual', 'count', 478.0, None, None),
    (S002, 52, '2017/18', 'FY', 'actual', 'count', 189.0, None, None),
    (S002, 52, '2018/19', 'Q4', 'actual', 'count', 304.0, None, None),
    (S002, 52, '2018/19', 'FY', 'actual', 'count', 304.0, None, None),
    (S002, 53, '2017/18', 'FY', 'actual', 'count', 34.0, None, None),
    (S002, 53, '2018/19', 'FY', 'target', 'count', 38.0, None, None),
    (S002, 53, '2018/19', 'Q1', 'actual', 'count', 16.0, None, None),
    (S002, 53, '2018/19', 'Q2', 'actual', 'count', 12.0, None, None),
    (S002, 53, '2018/19', 'Q3', 'actual', 'count', 20.0, None, None),
    (S002, 53, '2018/19', 'Q4', 'actual', 'count', 17.0, None, None),
    (S002, 53, '2018/19', 'FY', 'actual', 'count', 65.0, None, None),
    (S002, 54, '2017/18', 'FY', 'actual', None, None, None, None),
    (S002, 54, '2018/19', 'Q1', 'actual', 'percent', 0.0, None, None),
    (S002, 54, '2018/19', 'Q2', 'actual', 'percent', 1.22, None, None),
    (S002, 54, '2018/19', 'Q3', 'actual', 'percent', 1.74, None, 'cumulative'),
    (S002, 54, '2018/19', 'Q4', 'actual', 'percent', 1.85, None, 'cumulative'),
    (S002, 54, '2018/19', 'FY', 'actual', 'percent', 1.2, None, 'average'),
    (S002, 55, '2018/19', 'Q1', 'actual', None, None, None, None),
    (S002, 58, '2017/18', 'FY', 'actual', 'count', 531.0, None, None),
    (S002, 58, '2018/19', 'FY', 'target', None, None, None, None),
    (S002, 58, '2018/19', 'Q1', 'actual', 'count', 117.0, None, None),
    (S002, 58, '2018/19', 'Q2', 'actual', None, None, None, None),
    (S002, 58, '2018/19', 'Q3', 'actual', 'count', 1084.0, None, None),
    (S002, 58, '2018/19', 'Q4', 'actual', 'count', 1385.0, None, None),
    (S002, 58, '2018/19', 'FY', 'actual', 'count', 2586.0, None, None),
    (S002, 59, '2017/18', 'FY', 'actual', 'count', 141.0, None, None),
    (S002, 59, '2017/18', 'FY', 'actual', 'gbp', 84171.24, None, None),
    (S002, 59, '2018/19', 'FY', 'target', 'gbp', 172583.0, None, None),
    (S002, 59, '2018/19', 'Q1', 'actual', 'count', 100.0, None, None),
    (S002, 59, '2018/19', 'Q1', 'actual', 'gbp', 19112.23, None, None),
    (S002, 59, '2018/19', 'Q2', 'actual', 'count', 98.0, None, None),
    (S002, 59, '2018/19', 'Q2', 'actual', 'gbp', 22208.6, None, None),
    (S002, 59, '2018/19', 'Q3', 'actual', 'count', 116.0, None, None),
    (S002, 59, '2018/19', 'Q3', 'actual', 'gbp', 22708.33, None, None),
    (S002, 59, '2018/19', 'Q4', 'actual', None, None, None, None),
    (S002, 59, '2018/19', 'FY', 'actual', 'count', 314.0, None, None),
    (S002, 59, '2018/19', 'FY', 'actual', 'gbp', 64029.16, None, None),
    (S002, 61, '2017/18', 'FY', 'actual', 'count', 6.0, None, None),
    (S002, 61, '2018/19', 'FY', 'target', 'count', 6.0, None, None),
    (S002, 61, '2018/19', 'Q2', 'actual', 'count', 6.0, None, None),
    (S002, 62, '2017/18', 'FY', 'actual', 'count', 470.0, None, None),
    (S002, 62, '2018/19', 'FY', 'target', None, None, None, None),
    (S002, 62, '2018/19', 'Q1', 'actual', 'count', 102.0, None, None),
    (S002, 62, '2018/19', 'Q2', 'actual', 'count', 132.0, None, None),
    (S002, 62, '2018/19', 'Q3', 'actual', 'count', 54.0, None, None),
    (S002, 62, '2018/19', 'Q4', 'actual', 'count', 78.0, None, None),
    (S002, 62, '2018/19', 'FY', 'actual', 'count', 366.0, None, None),
]


def _none(x: object) -> object:
    return None if pd.isna(x) else x  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def values(table: Table) -> pd.DataFrame:
    return table("indicator_values")


def test_every_kpi_value_exactly(values: pd.DataFrame) -> None:
    got = [
        (r.file, r.line_start, r.financial_year, r.period, r.measure, _none(r.unit),
         _none(r.value), _none(r.comparator), _none(r.qualifier))
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
        141, 84171.24)
    target = rows[rows.measure == "target"].iloc[0]
    assert (target.value, target.unit, target.note) == (
        172583, "gbp", "Value of Government allocation")
    q4 = rows[rows.period == "Q4"].iloc[0]
    assert (_none(q4.value), _none(q4.unit), q4.value_text) == (None, None, "n/a")


def test_homelessness_percentages_and_notes(values: pd.DataFrame) -> None:
    rows = _rows(values, S002, 54).set_index(["financial_year", "period"])
    got = [rows.loc[("2018/19", q), "value"] for q in ("Q1", "Q2", "Q3", "Q4")]
    assert got == [0, 1.22, 1.74, 1.85]
    assert rows.loc[("2018/19", "Q2"), "note"] == (
        "Only three cases progressed to full duty from 82, two of which were "
        "intentional homeless, so 1/82")
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


@pytest.mark.parametrize("label, period, measure, kind", [
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
])
def test_classify(label: str, period: str | None, measure: str | None,
                  kind: str) -> None:
    column = classify(label, 1)
    assert column is not None
    assert (column.period, column.measure, column.kind) == (period, measure, kind)


@pytest.mark.parametrize("texts, is_grid", [
    (("", "Quarter 1", "Quarter 2", "Annual Target"), True),
    (("Programme", "Annual Target", "Q2"), True),
    (("Approach", "Key Project", "Milestone(s)", "Progress", "Q1", "Q2"), False),
    (("Action & Progress Update", "Outcomes", "Q1 Rating", "Q2 Rating"), False),
])
def test_header_columns(texts: tuple[str, ...], is_grid: bool) -> None:
    assert (header_columns(texts) is not None) == is_grid


def test_compared_column_year() -> None:
    column = classify("Performance compared to 2015/16", 8)
    assert column is not None and column.financial_year == "2015/16"
