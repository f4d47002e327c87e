"""KPI grids in `pdftotext -raw` text: a header's labels run on, each row's
name over lines of its own, then its frequency and values on one line. A row
is read only where every value's column is certain; else it is reported."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from extract.recognisers import kpi_grid
from extract.recognisers.kpi_grid.run_on import RowLine, row_line, value_labels
from extract.records import IndicatorValue
from tests.conftest import recognised, rows_of
from tests.test_raw_text import _issues, _spans

S002 = "002_c2fd677fd2d5bf7c-raw.txt"


def _values(out: Path, name: str) -> pd.DataFrame:
    return rows_of(out, "indicator_values", name)


def test_rows_with_a_value_in_every_column_are_read(raw_dir: Path) -> None:
    """002: five rows print seven values under seven value columns; their
    names run over the lines since the row before."""
    got = _values(raw_dir, S002)
    names = list(dict.fromkeys(got.indicator))
    assert names == [
        "Number of ASB complaints dealt with via the Community Safety Hub",
        "Number of CCTV case reviews provided to Staffordshire Police",
        "Number of tenancies sustained (No. of cases (council tenancies) "
        "completed with sustainment outcomes)",
        "Number of new universal credit claimants within the period",
        "Number of fly tipping incidents",
    ]
    asb = got[got.indicator == names[0]]
    assert list(zip(asb.financial_year, asb.period, asb.measure, strict=True)) == [
        ("2017/18", "FY", "actual"),
        ("2018/19", "FY", "target"),
        ("2018/19", "Q1", "actual"),
        ("2018/19", "Q2", "actual"),
        ("2018/19", "Q3", "actual"),
        ("2018/19", "Q4", "actual"),
        ("2018/19", "FY", "actual"),
    ]
    assert asb.value.tolist()[2:] == [20, 27, 12, 43, 102]
    credit = got[got.indicator == names[3]]
    assert credit.value.fillna(-1).tolist() == [531, -1, 117, -1, 1084, 1385, 2586]
    assert (got.frequency == "Q").all()
    assert got.groupby("indicator").line_start.first().to_dict()[names[4]] == 114


def test_rows_with_empty_or_wrapped_cells_stay_reported(raw_dir: Path) -> None:
    """ "A 4 4 4" (three values, seven columns), "A 189 Cases 304 304" and
    the wrapped cells after it, the Discretionary Housing Payments cells."""
    assert _spans(_issues(raw_dir, S002))[:3] == [(42, 42), (53, 79), (99, 113)]


HEADER = [
    "Performance Indicator Frequency of reporting (Q or A)",
    "Last year's outturn Target Q1 Q2 Q3 Q4 Total",
]


def _read(lines: list[str]) -> dict[str, list[float | None]]:
    out: dict[str, list[float | None]] = {}
    for r in recognised(kpi_grid, lines):
        if isinstance(r, IndicatorValue):
            out.setdefault(r.indicator, []).append(r.value)
    return out


def test_a_row_is_read_only_where_its_last_cell_ends_on_its_line() -> None:
    """ "Average" under "1.20%" may be that cell's wrapped rest (a qualifier):
    neither the row nor the next one, whose name may begin with it, is read."""
    rows = ["Number of visits", "Q 5 6 1 2 3 4 10", "Number of calls"]
    assert _read([*HEADER, *rows, "Q 1 2 3 4 5 6 18"]) == {
        "Number of visits": [5, 6, 1, 2, 3, 4, 10],
        "Number of calls": [1, 2, 3, 4, 5, 6, 18],
    }
    wrapped = ["Number of visits", "Q 5 6 1 2 3 4 1.20%", "Average"]
    assert _read([*HEADER, *wrapped, "Number of calls", "Q 1 2 3 4 5 6 18"]) == {}


def test_a_name_before_its_values_with_lines_above_is_not_read() -> None:
    """ "Retain 6 Green Flags Q 1 2 …" with a line between it and the row
    before: that line may be the start of its name."""
    one_line = ["Number of visits Q 5 6 1 2 3 4 10"]
    assert list(_read([*HEADER, *one_line])) == ["Number of visits"]
    assert _read([*HEADER, "Sustaining safe", *one_line]) == {}


def test_header_labels_are_read_one_way_only() -> None:
    words = "Frequency of reporting (Q or A) Last year's outturn Target Q1 Q2 Total"
    assert value_labels(words.split()) == (
        6,
        ["Last year's outturn", "Target", "Q1", "Q2", "Total"],
    )
    # "Quarter 1 Target" is Q1's target, or Quarter 1 then the year's target.
    assert value_labels("Quarter 1 Target".split()) is None


def test_a_row_line_is_a_frequency_then_its_cells() -> None:
    assert row_line("Q 85 N/A 20 27") == RowLine("", "Q", ("85", "N/A", "20", "27"))
    assert row_line("Retain 6 Green Flags A 6 6 6") == RowLine(
        "Retain 6 Green Flags", "A", ("6", "6", "6")
    )
    assert row_line("Number of good news") is None


@given(st.text())
def test_run_on_kpi_readers_never_raise(s: str) -> None:
    row_line(s)
    value_labels(s.split())
