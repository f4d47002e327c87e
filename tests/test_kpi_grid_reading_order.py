"""KPI grids in reading-order text (pdftotext without -layout): a row is read
only where its shape is certain, and then exactly as the TAB export reads it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.blocks import blocks_of
from extract.pipeline import context_of
from extract.readers import read_document
from extract.recognisers import kpi_grid
from extract.records import IndicatorValue
from tests.conftest import S000, S001, S002

# What a value is: the columns the TAB export and the plain form must agree on.
FACT = [
    "indicator",
    "financial_year",
    "period",
    "measure",
    "unit",
    "value",
    "comparator",
    "qualifier",
]


@pytest.fixture(scope="module")
def plain_values(plain_dir: Path) -> pd.DataFrame:
    docs = pd.read_parquet(plain_dir / "documents.parquet")[["doc_id", "source_path"]]
    values = pd.read_parquet(plain_dir / "indicator_values.parquet")
    return values.merge(docs, on="doc_id")


def _values(lines: list[str]) -> list[IndicatorValue]:
    # Prose around the grid: a bare figure on a page's last lines would be
    # its page number.
    prose = ["Comments on overall performance", "", "No comments were made."]
    data = "\n".join(["Performance Indicators", "", *lines, "", *prose]).encode()
    doc = read_document(Path("x.txt"), "x.txt", data, text_form="plain")
    ctx = context_of(doc)[1]
    return [
        r
        for r in kpi_grid.recognise(blocks_of(doc), ctx)
        if isinstance(r, IndicatorValue)
    ]


def test_household_waste_recycled_in_000_plain(plain_values: pd.DataFrame) -> None:
    rows = plain_values[
        (plain_values.source_path == "000_af055924f554b2ff-plain.txt")
        & (plain_values.indicator == "Percentage of household waste recycled")
    ]
    quarters = rows[rows.period.str.startswith("Q")].sort_values("period")
    assert list(quarters.value) == [47.5, 51.8, 38.6, 36.5]
    assert set(quarters.unit) == {"percent"}
    assert list(quarters.qualifier) == ["confirmed"] * 3 + ["estimated"]
    # The Q4 cell's first line and the one-line target cell come out on one
    # line: "36.5% NB: Figure based on estimated SCC Target - 50% Actual – 44.1%".
    q4 = quarters[quarters.period == "Q4"].iloc[0]
    assert q4.value_text == (
        "36.5% NB: Figure based on estimated SCC residual and Material "
        "Recycling Facility output tonnages"
    )
    year = rows[rows.period == "FY"].sort_values(["financial_year", "measure"])
    assert [(r.financial_year, r.measure, r.value) for r in year.itertuples()] == [
        ("2015/16", "actual", 51.49),
        ("2017/18", "actual", 44.1),
        ("2017/18", "target", 50.0),
    ]


def test_every_value_read_is_the_tab_exports(
    plain_values: pd.DataFrame, run_dir: Path
) -> None:
    docs = pd.read_parquet(run_dir / "documents.parquet")[["doc_id", "source_path"]]
    tab = pd.read_parquet(run_dir / "indicator_values.parquet").merge(docs, on="doc_id")
    got = plain_values.assign(source_path=plain_values.source_path.str[:20] + ".txt")
    assert set(got.source_path) == {S000, S001, S002}
    key = ["source_path", *FACT[:5]]
    both = got.merge(tab, on=key, how="left", suffixes=("", "_tab"), indicator=True)
    assert set(both._merge) == {"both"}
    for column in [*FACT[5:], "frequency", "note", "reported_as"]:
        same = (both[column] == both[f"{column}_tab"]) | (
            both[column].isna() & both[f"{column}_tab"].isna()
        )
        assert same.all(), column


def test_rows_read_in_002_plain(plain_values: pd.DataFrame) -> None:
    """Rows printing every cell are read; "Increased number of referrals …"
    (A, 189 Cases, 304, 304: which three of seven columns?) is not."""
    rows = plain_values[plain_values.source_path == "002_c2fd677fd2d5bf7c-plain.txt"]
    assert sorted(set(rows.indicator)) == [
        "Number of ASB complaints dealt with via the Community Safety Hub",
        "Number of CCTV case reviews provided to Staffordshire Police",
        "Number of Discretionary Housing Payments awards",
        "Number of new universal credit claimants within the period",
    ]
    dhp = rows[rows.indicator.str.startswith("Number of Discretionary")]
    read = dhp[dhp.value.notna()]
    assert sorted(
        zip(
            read.financial_year,
            read.period,
            read.measure,
            read.unit,
            read.value,
            strict=True,
        )
    ) == [
        ("2017/18", "FY", "actual", "count", 141.0),
        ("2017/18", "FY", "actual", "gbp", 84171.24),
        ("2018/19", "FY", "actual", "count", 314.0),
        ("2018/19", "FY", "actual", "gbp", 64029.16),
        ("2018/19", "FY", "target", "gbp", 172583.0),
        ("2018/19", "Q1", "actual", "count", 100.0),
        ("2018/19", "Q1", "actual", "gbp", 19112.23),
        ("2018/19", "Q2", "actual", "count", 98.0),
        ("2018/19", "Q2", "actual", "gbp", 22208.6),
        ("2018/19", "Q3", "actual", "count", 116.0),
        ("2018/19", "Q3", "actual", "gbp", 22708.33),
    ]
    # Q4 prints "n/a": a row without a value, as in the TAB export.
    assert list(dhp[dhp.value.isna()].period) == ["Q4"]


def test_an_html_table_wrapped_over_lines_is_read(plain_values: pd.DataFrame) -> None:
    """001's HRA programme table, printed as HTML in an action's cell, comes
    out wrapped over lines 97-113: "<th>Programme</th> <th>Annual Target</th>"
    / "<th>Q2</th> </tr> …"."""
    rows = plain_values[plain_values.source_path == "001_4e0ea328a26b8980-plain.txt"]
    gas = rows[rows.indicator == "No. of properties having gas heating replaced"]
    assert sorted(zip(gas.period, gas.measure, gas.value, strict=True)) == [
        ("FY", "target", 275.0),
        ("Q2", "actual", 146.0),
    ]
    assert len(rows) == 12
    assert set(zip(rows.line_start, rows.line_end, strict=True)) == {(97, 113)}


def test_an_html_table_cut_by_a_blank_line_is_not_read() -> None:
    lines = ["<table> <tr> <th>Programme</th> <th>Annual Target</th> <th>Q2</th>"]
    lines += ["</tr> <tr> <td>Kitchens</td> <td>60</td>", "", "<td>27</td> </tr>"]
    assert _values([*HEADER, *lines, "</table>"]) == []


HEADER = ["Quarter 1", "", "Quarter 2", "", "Quarter 3", "", "Annual Target", ""]


def test_a_row_printing_every_cell_is_read() -> None:
    got = _values([*HEADER, "Number of visits", "", "12", "", "14", "", "9", "", "40"])
    assert [(v.period, v.measure, v.value) for v in got] == [
        ("Q1", "actual", 12.0),
        ("Q2", "actual", 14.0),
        ("Q3", "actual", 9.0),
        ("FY", "target", 40.0),
    ]


@pytest.mark.parametrize(
    "cells",
    [
        # An empty cell prints nothing: three figures for four columns.
        ["12", "14", "40"],
        # Two figures in one quarter's cell: not one cell.
        ["12 14", "9", "3", "40"],
        # A labelled figure in a quarter's cell may be its neighbour's.
        ["12", "14", "9 Target 40", "40"],
    ],
)
def test_a_row_of_uncertain_shape_is_not_read(cells: list[str]) -> None:
    lines = [*HEADER, "Number of visits", ""]
    for cell in cells:
        lines += [cell, ""]
    assert _values(lines) == []


def test_quarters_not_from_q1_are_no_header() -> None:
    """ "Q2", "Q3", "Q4" printed together are the rest of a milestone table's
    rating labels (samples/002), not a grid."""
    lines = ["Q2", "", "Q3", "", "Q4", "", "Identify a provider", "", "1", "", "2"]
    assert _values([*lines, "", "3"]) == []


def test_a_grid_printing_names_after_cells_is_not_read() -> None:
    """A name set lower in its cell comes out after the row's cells: then the
    cells after a name are the next row's, not its own."""
    lines = [*HEADER, "12", "", "14", "", "9", "", "40", "", "Number of visits", ""]
    lines += ["20", "", "22", "", "21", "", "60", "", "Number of calls"]
    assert _values(lines) == []


def test_decimals_alone_are_cells_not_section_numbers() -> None:
    # A cell of "12.5" alone on its lines, before any numbered section, is a
    # figure: read, not a heading that ends the grid.
    header = ["Quarter 1", "", "Quarter 2", "", "Quarter 3", "", "Annual Target"]
    first = ["Average days to process new benefit claims", "12.5", "14.2", "9.8"]
    second = ["Number of visits to leisure centres", "1,200", "1,350", "1,100"]
    cells = [*first, "10", *second, "5,000"]
    got = _values([*header, "", *"\n\n".join(cells).split("\n")])
    assert [(v.indicator, v.period, v.measure, v.value) for v in got] == [
        (first[0], "Q1", "actual", 12.5),
        (first[0], "Q2", "actual", 14.2),
        (first[0], "Q3", "actual", 9.8),
        (first[0], "FY", "target", 10.0),
        (second[0], "Q1", "actual", 1200.0),
        (second[0], "Q2", "actual", 1350.0),
        (second[0], "Q3", "actual", 1100.0),
        (second[0], "FY", "target", 5000.0),
    ]


def test_as_many_cells_as_columns_with_a_label_after_the_grid() -> None:
    # "Performance compared to 2015/16" printed after the grid: five cells
    # under five columns may be six columns with one empty. The last,
    # "51.49%", is the trend column's target or the 2015/16 outturn: not
    # read as either (it was read as the 2017/18 target).
    header = ["Quarter 1", "Quarter 2", "Quarter 3", "Quarter 4"]
    row = ["Percentage of household waste recycled", "47.5%", "51.8%", "38.6%"]
    cells = [*header, "Target- Achieved/ Trend", *row, "36.5%", "51.49%"]
    after = ["Performance compared", "to 2015/16"]
    got = _values([*"\n\n".join(cells).split("\n"), "", *after])
    assert [(v.period, v.measure, v.value) for v in got] == [
        ("Q1", "actual", 47.5),
        ("Q2", "actual", 51.8),
        ("Q3", "actual", 38.6),
        ("Q4", "actual", 36.5),
    ]


def test_a_cell_under_each_trailing_column_is_read_whole(
    plain_values: pd.DataFrame,
) -> None:
    # samples/text/000_…-plain.txt: the residual waste row prints a cell under
    # "Target- Achieved/ Trend" and one under "Performance compared to
    # 2015/16" (its label printed after the grid): one cell for each trailing
    # column, so the first is that column's whole, its "<20,000 Tonnes" the
    # target as in the TAB export.
    rows = plain_values[
        (plain_values.source_path == "000_af055924f554b2ff-plain.txt")
        & (plain_values.indicator == "Residual household waste collected")
        & (plain_values.period == "FY")
    ].sort_values(["financial_year", "measure"])
    got = [
        (r.financial_year, r.measure, r.value, r.comparator or "")
        for r in rows.fillna({"comparator": ""}).itertuples()
    ]
    assert got == [
        ("2015/16", "actual", 18752.0, ""),
        ("2017/18", "actual", 21200.0, ""),
        ("2017/18", "target", 20000.0, "<"),
    ]


def test_one_cell_fewer_than_trailing_columns_reads_only_labelled_values() -> None:
    # Two trailing columns ("Target- Achieved/ Trend" and the label printed
    # after the grid) and one cell after the quarters: which column it is
    # cannot be told, so its bare "<20,000 Tonnes" is not read; its labelled
    # "2017.18 21,200 Tonnes" is.
    header = ["Quarter 1", "Quarter 2", "Quarter 3", "Quarter 4"]
    row = ["Residual household waste collected", "5,666 Tonnes", "4,946 Tonnes"]
    cells = [*header, "Target- Achieved/ Trend", *row, "5,633 Tonnes", "4,953 Tonnes"]
    last = "<20,000 Tonnes – 2017.18 21,200 Tonnes"
    after = ["Performance compared", "to 2015/16"]
    got = _values([*"\n\n".join([*cells, last]).split("\n"), "", *after])
    assert [(v.financial_year, v.period, v.measure, v.value) for v in got][4:] == [
        ("2017/18", "FY", "actual", 21200.0)
    ]


def test_a_bare_figure_alone_under_a_trailing_column_stays_unread() -> None:
    # One cell under each trailing column, but "Down 4% on last year" prints
    # no labelled value beside its figure: whose target or outturn it is
    # cannot be told (read whole, it became a target of 4%).
    header = ["Quarter 1", "Quarter 2", "Quarter 3", "Quarter 4"]
    row = ["Residual household waste collected", "5,666 Tonnes", "4,946 Tonnes"]
    cells = [*header, "Target- Achieved/ Trend", *row, "5,633 Tonnes", "4,953 Tonnes"]
    trailing = ["Down 4% on last year", "2015/16 -18,752"]
    after = ["Performance compared", "to 2015/16"]
    got = _values([*"\n\n".join([*cells, *trailing]).split("\n"), "", *after])
    assert [(v.financial_year, v.period, v.measure, v.value) for v in got][4:] == [
        ("2015/16", "FY", "actual", 18752.0)
    ]


def test_year_columns_before_the_quarters_are_no_shift(tmp_path: Path) -> None:
    """ "2015/16 | 2016/17 | Q1 | Q2 | Target" in reading order: the year labels
    are the table's too. Its block had started at "Q1", so Q1 took 2015/16's
    figure and the last two were lost, silently. Read from a whole text, whose
    last lines are its cells ("38", "160": no page number), it reads alike."""
    from extract.inputs import Input
    from extract.parse import process
    from extract.records import IssueRow

    labels = ["2015/16", "", "2016/17", "", "Q1", "", "Q2", "", "Target", ""]
    cells = ["150", "", "162", "", "42", "", "38", "", "160"]
    lines = [*labels, "Number of homelessness preventions", "", *cells]
    read = [
        ("FY", 150.0, "2015/16"),
        ("FY", 162.0, "2016/17"),
        ("Q1", 42.0, "Q1"),
        ("Q2", 38.0, "Q2"),
        ("FY", 160.0, "Target"),
    ]
    assert [(v.period, v.value, v.reported_as) for v in _values(lines)] == read
    text = "\n".join(["Quarter 2 Performance Report 2017/18", "", *lines, ""])
    path = tmp_path / "x.txt"
    path.write_text(text, encoding="utf-8")
    records = process(Input(path, "x.txt"), text_form="plain").records
    values = [r for r in records if isinstance(r, IndicatorValue)]
    assert [(v.period, v.value, v.reported_as) for v in values] == read
    issues = [r.code for r in records if isinstance(r, IssueRow)]
    assert issues == ["new_indicator"]


def test_years_alone_as_a_chart_s_axis_leave_the_prose_after_them(
    tmp_path: Path,
) -> None:
    """ "Recorded crime by year" / "2016/17" / "2017/18" and then prose: a
    chart's axis, no table; the prose after it had been taken into a table
    block and its figures lost."""
    from extract.inputs import Input
    from extract.parse import process
    from extract.records import Statement

    text = "\n".join(
        [
            "Partnership Update",
            "",
            "Recorded crime by year",
            "",
            "2016/17",
            "",
            "2017/18",
            "",
            "This is a reduction of 11% (705 crimes) compared with the previous year.",
            "Anti-social behaviour incidents fell by 14% (412 incidents) in the year.",
            "",
        ]
    )
    path = tmp_path / "x.txt"
    path.write_text(text, encoding="utf-8")
    records = process(Input(path, "x.txt"), text_form="plain").records
    values = sorted(r.value for r in records if isinstance(r, Statement))
    assert values == [11.0, 14.0, 412.0, 705.0]
