"""KPI grid headers printed on two rows, and two grids' headers side by side."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.blocks.columns import two_row_header
from extract.inputs import Input
from extract.parse import process
from extract.records import IndicatorValue, IssueRow
from tests.conftest import recognised

TITLE = ["Corporate Performance Report 2018/19 Quarter 3", "", "Performance Indicators"]


def _values(lines: list[str]) -> list[tuple[object, ...]]:
    from extract.recognisers import kpi_grid

    return [
        (r.indicator, r.financial_year, r.period, r.measure, r.value)
        for r in recognised(kpi_grid, lines)
        if isinstance(r, IndicatorValue)
    ]


def test_quarters_over_target_and_actual() -> None:
    """Each quarter's label spans its target and actual columns. The targets
    had been read as the quarters' actuals, the actuals dropped and
    "Indicator" read as an indicator, silently."""
    rows = _values(
        [
            *TITLE,
            "\tQuarter 1\t\tQuarter 2\t",
            "Indicator\tTarget\tActual\tTarget\tActual",
            "Number of fly tipping incidents\t120\t102\t120\t132",
        ]
    )
    name = "Number of fly tipping incidents"
    assert rows == [
        (name, "2018/19", "Q1", "target", 120.0),
        (name, "2018/19", "Q1", "actual", 102.0),
        (name, "2018/19", "Q2", "target", 120.0),
        (name, "2018/19", "Q2", "actual", 132.0),
    ]


def test_years_over_outturn_target_and_quarters() -> None:
    """Last year's outturn under "2017/18": it had been this year's."""
    rows = _values(
        [
            *TITLE,
            "\t2017/18\t2018/19\t\t\t",
            "Indicator\tOutturn\tTarget\tQ1\tQ2\tQ3",
            "Number of fly tipping incidents\t470\t450\t102\t132\t54",
        ]
    )
    name = "Number of fly tipping incidents"
    assert rows == [
        (name, "2017/18", "FY", "actual", 470.0),
        (name, "2018/19", "FY", "target", 450.0),
        (name, "2018/19", "Q1", "actual", 102.0),
        (name, "2018/19", "Q2", "actual", 132.0),
        (name, "2018/19", "Q3", "actual", 54.0),
    ]


@pytest.mark.parametrize(
    "groups, labels",
    [
        # The row below prints figures: a header over its first row.
        (["", "Quarter 1", "", "Quarter 2", ""], ["Fly tipping", "120", "102", "", ""]),
        # The group row spans no column the row below labels.
        (["", "Q1", "Q2"], ["Indicator", "Target", "Actual"]),
        # The group row's labels are no quarters or years.
        (["", "Housing", "", "Waste", ""], ["Indicator", "Q1", "Q2", "Q1", "Q2"]),
    ],
)
def test_no_two_row_header(groups: list[str], labels: list[str]) -> None:
    assert two_row_header(groups, labels) is None


SIDE_BY_SIDE = {
    "side.txt": [
        *TITLE,
        "Housing\tQ1\tQ2\t\tEnvironment\tQ1\tQ2",
        "Number of homeless preventions\t45\t52\t\tNumber of fly tipping "
        "incidents\t102\t132",
    ],
    "side-layout.txt": [
        *TITLE,
        "Housing                              Q1        Q2          Environment"
        "                               Q1         Q2",
        "Number of homeless preventions       45        52          Percentage "
        "of streets meeting standard    96%        94%",
        "Number of households in B&B          12        9           Percentage "
        "of household waste recycled    47.5%      51.8%",
    ],
}


@pytest.mark.parametrize("name", sorted(SIDE_BY_SIDE))
def test_two_grids_side_by_side_are_reported(tmp_path: Path, name: str) -> None:
    """The right-hand grid's values had gone to the left-hand grid's names,
    silently. Which cells are whose is not read; the rows are reported."""
    path = tmp_path / name
    path.write_text("\n".join(SIDE_BY_SIDE[name]) + "\n", encoding="utf-8")
    records = process(Input(path, name)).records
    assert [r for r in records if isinstance(r, IndicatorValue)] == []
    issues = [r for r in records if isinstance(r, IssueRow)]
    assert "unparsed_block" in {i.code for i in issues}


def test_figures_under_a_column_no_period_names_are_reported() -> None:
    """ "Year to Date" and "YTD Target" name no quarter or year: their figures
    are not read, and each column is reported. They had been dropped
    silently."""
    from extract.recognisers import kpi_grid

    found = recognised(
        kpi_grid,
        [
            *TITLE,
            "Indicator\tAnnual Target\tQ1\tQ2\tYear to Date\tYTD Target\tComments",
            "Number of fly tipping incidents\t480\t102\t132\t234\t240\tDown 5",
            "Percentage of household waste recycled\t50%\t47.5%\t51.8%\t49.6%\t50%\t",
        ],
    )
    values = [r for r in found if isinstance(r, IndicatorValue)]
    assert {r.reported_as for r in values} == {"Annual Target", "Q1", "Q2"}
    issues = [(i.code, i.message) for i in found if isinstance(i, IssueRow)]
    assert issues == [
        (
            "unparsed_block",
            "x.txt:5-6: grid column 'Year to Date' names no quarter or year the "
            "tables have a period for; its 2 figure(s) not read",
        ),
        (
            "unparsed_block",
            "x.txt:5-6: grid column 'YTD Target' names no quarter or year the "
            "tables have a period for; its 2 figure(s) not read",
        ),
    ]


def test_a_first_row_of_words_is_no_second_header_row() -> None:
    """A first row that prints words where figures go, and a note under a
    blank header column: a row of the grid, not labels to merge with the
    quarters above (the grid had lost its Quarter 1 column, silently)."""
    rows = _values(
        [
            *TITLE,
            "\tQuarter 1\tQuarter 2\tQuarter 3\tQuarter 4\tAnnual Target\t",
            "Number of affordable homes delivered\tAnnual measure\t\t\t\t\t"
            "Reported at year end",
            "Number of fly tipping incidents\t102\t132\t98\t110\t450\t",
        ]
    )
    fly = [(p, m, v) for n, _, p, m, v in rows if n.startswith("Number of fly")]
    assert fly == [
        ("Q1", "actual", 102.0),
        ("Q2", "actual", 132.0),
        ("Q3", "actual", 98.0),
        ("Q4", "actual", 110.0),
        ("FY", "target", 450.0),
    ]
    homes = [(p, v) for n, _, p, _, v in rows if n.startswith("Number of affordable")]
    assert homes == [("Q1", None)]


def test_a_lost_frequency_separator_before_wordy_cells_is_repaired() -> None:
    """The TAB between a name and its frequency lost ("… awards Q"), the
    next cell opening with a figure but printing more ("141 cases Value –
    £84,171.24", "470 (2017/18)"): the cells stay in their columns."""
    rows = _values(
        [
            "Improving Community Wellbeing PDP 2018-19",
            "",
            "Performance Indicator\tFrequency of reporting (Q or A)\tLast year's "
            "outturn\tTarget\tQ1\tQ2\tQ3\tQ4\tTotal",
            "Number of Discretionary Housing Payments awards Q\t141 cases Value – "
            "£84,171.24\tN/A\t100 cases £19,112.23\t98 cases £22,208.60\t116 cases "
            "£22,708.33\tn/a\t314 cases £64,029.16",
            "Number of fly tipping incidents Q\t470 (2017/18)\tN/A\t102\t132\t54"
            "\t78\t366",
        ]
    )
    fly = [
        (y, p, m, v) for n, y, p, m, v in rows if n == "Number of fly tipping incidents"
    ]
    assert fly == [
        ("2017/18", "FY", "actual", 470.0),
        ("2018/19", "FY", "target", None),
        ("2018/19", "Q1", "actual", 102.0),
        ("2018/19", "Q2", "actual", 132.0),
        ("2018/19", "Q3", "actual", 54.0),
        ("2018/19", "Q4", "actual", 78.0),
        ("2018/19", "FY", "actual", 366.0),
    ]
    dhp = [
        (p, v)
        for n, _, p, _, v in rows
        if n == "Number of Discretionary Housing Payments awards"
    ]
    assert dhp[:2] == [("FY", 141.0), ("FY", 84171.24)]


def test_a_rating_column_under_a_quarter_keeps_the_two_row_header() -> None:
    """ "RAG" under each quarter's span is a column of its own: the header is
    still read on two rows (it had been rejected, the targets read as
    actuals)."""
    rows = _values(
        [
            *TITLE,
            "\tQuarter 1\t\t\tQuarter 2\t\t",
            "Indicator\tTarget\tActual\tRAG\tTarget\tActual\tRAG",
            "Number of fly tipping incidents\t120\t102\tGreen\t120\t132\tRed",
        ]
    )
    assert [(p, m, v) for _, _, p, m, v in rows] == [
        ("Q1", "target", 120.0),
        ("Q1", "actual", 102.0),
        ("Q2", "target", 120.0),
        ("Q2", "actual", 132.0),
    ]


def test_a_year_over_outturn_with_comments_after() -> None:
    rows = _values(
        [
            *TITLE,
            "\t2017/18\t2018/19\t\t\t\t",
            "Indicator\tOutturn\tTarget\tQ1\tQ2\tQ3\tComments",
            "Number of fly tipping incidents\t470\t450\t102\t132\t54\tFewer than "
            "last year",
        ]
    )
    assert rows[0][1:] == ("2017/18", "FY", "actual", 470.0)


def test_labels_run_together_are_no_second_grid() -> None:
    """ "Q1 Q2" run together between last year's outturn and the total (a
    `-layout` header): no second grid's name, so the header stands (the
    whole grid had been reported)."""
    from extract.blocks.columns import squashed_header_columns

    columns = squashed_header_columns(
        [
            "Performance Indicator",
            "Frequency of reporting (Q or A)",
            "Last year's outturn",
            "Target",
            "Q1 Q2",
            "Q3",
            "Q4",
            "Total",
        ]
    )
    assert columns is not None
    assert [c.label for c in columns if c.kind == "value"] == [
        "Last year's outturn",
        "Target",
        "Q3",
        "Q4",
        "Total",
    ]


def test_a_column_naming_its_own_year_stands_under_no_group() -> None:
    """ "2017/18" after the quarters' spans is that year's outturn, not Q2's
    (it had been read as "Quarter 2 2017/18")."""
    rows = _values(
        [
            *TITLE,
            "\tQuarter 1\t\tQuarter 2\t\t",
            "Indicator\tTarget\tActual\tTarget\tActual\t2017/18",
            "Number of fly tipping incidents\t120\t102\t120\t132\t470",
        ]
    )
    assert rows[-1][1:] == ("2017/18", "FY", "actual", 470.0)


def test_groups_printed_without_their_spans_cells_merge_nothing() -> None:
    """A group row with fewer cells than the row below (a merged cell printed
    as one, as a PDF reads it): which columns each group spans cannot be
    told."""
    assert (
        two_row_header(["", "2017/18", "2018/19"], ["Indicator", "Q3", "Q4", "Q1"])
        is None
    )


def test_a_two_row_header_in_layout_text_is_not_merged(tmp_path: Path) -> None:
    """A `-layout` text centres a group over its columns: the header is not
    merged, and the grid's values, whose year cannot be told, are reported
    (one had been Q1 of the year before)."""
    path = tmp_path / "grid-layout.txt"
    path.write_text(
        "\n".join(
            [
                "Performance Indicators",
                "                                      2017/18       2018/19",
                "Indicator                          Q3    Q4    Q1    Q2    Target",
                "Number of fly tipping incidents    140   155   102   132   450",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    records = process(Input(path, path.name)).records
    values = [r for r in records if isinstance(r, IndicatorValue)]
    assert all(
        r.financial_year != "2017/18" or r.period not in ("Q1", "Q2") for r in values
    )
    assert any(isinstance(r, IssueRow) for r in records)


@pytest.mark.parametrize(
    "groups, labels, row",
    [
        (
            "\t2017/18\t2018/19",
            "Indicator\tQ3\tQ4\tQ1\tQ2\tTarget",
            "Number of fly tipping incidents\t140\t155\t102\t132\t450",
        ),
        (
            "\tQuarter 1\tQuarter 2",
            "Indicator\tTarget\tActual\tTarget\tActual",
            "Number of fly tipping incidents\t120\t102\t120\t132",
        ),
        (
            "\tQ1 (Apr-Jun)\tQuarter Two",
            "Indicator\tTarget\tActual\tTarget\tActual",
            "Number of fly tipping incidents\t120\t102\t120\t132",
        ),
    ],
)
def test_groups_over_more_columns_than_they_print_are_reported(
    tmp_path: Path, groups: str, labels: str, row: str
) -> None:
    """A merged group cell exported as one cell: which columns each group
    spans cannot be told, so the grid is reported, not read. Q3 and Q4 had
    been 2018/19's, and the targets the quarters' actuals, silently."""
    path = tmp_path / "grid.txt"
    path.write_text("\n".join([*TITLE, groups, labels, row]) + "\n", encoding="utf-8")
    records = process(Input(path, path.name)).records
    assert [r for r in records if isinstance(r, IndicatorValue)] == []
    issues = [r for r in records if isinstance(r, IssueRow)]
    assert [(i.code, i.line) for i in issues][:1] == [("unparsed_block", 4)]


def test_a_quarter_header_over_a_first_row_of_words_is_read(tmp_path: Path) -> None:
    """A one-row quarter header whose rows end with an empty cell, the first
    row's cells words ("n/a"): no groups over labels, so the grid is read
    (it had been reported whole)."""
    path = tmp_path / "grid.txt"
    path.write_text(
        "\n".join(
            [
                *TITLE,
                "\tQ1\tQ2\tQ3\tQ4",
                "Resident satisfaction with waste collection\tn/a\tn/a\tn/a\tn/a\t",
                "Number of fly tipping incidents\t102\t132\t140\t155\t",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    records = process(Input(path, path.name)).records
    fly = [
        (r.period, r.value)
        for r in records
        if isinstance(r, IndicatorValue) and r.indicator_id.startswith("fly-tipping")
    ]
    assert fly == [("Q1", 102.0), ("Q2", 132.0), ("Q3", 140.0), ("Q4", 155.0)]


def test_labels_with_a_footnote_mark_are_read() -> None:
    """ "Annual Target*" and "Q2†" are their labels with a footnote's mark;
    "Indicator¹" still names the names. The marked columns had been
    unknown: their figures reported and lost."""
    rows = _values(
        [
            *TITLE,
            "Indicator¹\tQ1\tQ2†\tAnnual Target*\tRAG*",
            "Number of fly tipping incidents\t120\t102\t450\tG",
        ]
    )
    name = "Number of fly tipping incidents"
    assert rows == [
        (name, "2018/19", "Q1", "actual", 120.0),
        (name, "2018/19", "Q2", "actual", 102.0),
        (name, "2018/19", "FY", "target", 450.0),
    ]


def _read_and_reported(lines: list[str]) -> tuple[list[tuple[object, ...]], list[str]]:
    from extract.recognisers import kpi_grid

    found = recognised(kpi_grid, [*TITLE, *lines])
    values = [
        (r.indicator, r.period, r.measure, r.value, r.reported_as)
        for r in found
        if isinstance(r, IndicatorValue)
    ]
    issues = [i.message for i in found if isinstance(i, IssueRow)]
    return values, issues


def test_brackets_that_say_whose_figures_leave_the_column_unread() -> None:
    """ "Outturn (forecast)" and "Year End (national average)" are no actual of
    the council's, "Total (YTD)" no year's total, "Target (Q2)" a quarter's
    target or the year's to date: each had been read as the year's actual or
    target, silently. "Q1 (Actual)" names its quarter and measure."""
    values, issues = _read_and_reported(
        [
            "Indicator\tQ1 (Actual)\tQ2 (Target)\tOutturn (forecast)"
            "\tYear End (national average)\tTotal (YTD)\tTarget (Q2)",
            "Number of fly tipping incidents\t102\t120\t470\t455\t234\t240",
        ]
    )
    name = "Number of fly tipping incidents"
    assert values == [
        (name, "Q1", "actual", 102.0, "Q1 (Actual)"),
        (name, "Q2", "target", 120.0, "Q2 (Target)"),
    ]
    unread = (
        "Outturn (forecast)",
        "Year End (national average)",
        "Total (YTD)",
        "Target (Q2)",
    )
    assert [m.split(": ", 1)[1] for m in issues] == [
        f"grid column '{label}' names no quarter or year the tables have a "
        "period for; its 1 figure(s) not read"
        for label in unread
    ]


def test_a_tab_label_naming_a_quarter_or_year_is_reported() -> None:
    """A TAB export prints each label whole: "Q2 YTD" and "2017/18 Forecast"
    are labels no column reads, reported. They had been taken for pieces of
    a wrapped label and their figures dropped silently."""
    values, issues = _read_and_reported(
        [
            "Indicator\tQ1\tQ2\tQ2 YTD\t2017/18 Forecast\tAnnual Target",
            "Number of fly tipping incidents\t102\t132\t234\t480\t450",
        ]
    )
    assert [v[1] for v in values] == ["Q1", "Q2", "FY"]
    assert ["'Q2 YTD'" in issues[0], "'2017/18 Forecast'" in issues[1]] == [True, True]
    assert len(issues) == 2


@pytest.mark.parametrize(
    "header, row",
    [
        ("Ref\tPerformance Measure\tQ1\tQ2", "HS01\tNumber of fly tipping incidents"),
        ("KPI\tIndicator\tQ1\tQ2", "BV12\tNumber of fly tipping incidents"),
        ("PI Code\tKey Measure\tQ1\tQ2", "HS01\tNumber of fly tipping incidents"),
        (
            "Service Area\tPerformance Measure\tQ1\tQ2",
            "Waste\tNumber of fly tipping incidents",
        ),
        ("PI\tQ1\tQ2", "Number of fly tipping incidents"),
        (
            "Ref\tService Area\tPerformance Indicator Description\tQ1\tQ2",
            "HS01\tWaste\tNumber of fly tipping incidents",
        ),
        # "KPI" names the names beside a "Measure" of units, a "Description"
        # of definitions.
        ("KPI\tMeasure\tQ1\tQ2", "Number of fly tipping incidents\tNumber"),
        (
            "PI\tDescription\tQ1\tQ2",
            "Number of fly tipping incidents\tIncidents reported to the council",
        ),
        # A code in the names column: the words beside it are the name.
        ("PI\tDescription\tQ1\tQ2", "ENV01\tNumber of fly tipping incidents"),
        ("KPI\tMeasure\tQ1\tQ2", "KPI 1\tNumber of fly tipping incidents"),
    ],
)
def test_the_names_column_is_the_one_labelled_so(header: str, row: str) -> None:
    """A code or service column before the names is no name: the indicators
    had been "HS01", "BV12" or "Waste", silently."""
    values, _ = _read_and_reported([header, f"{row}\t102\t132"])
    assert {v[0] for v in values} == {"Number of fly tipping incidents"}
    assert len(values) == 2


def test_a_unit_column_gives_each_row_s_bare_figures_their_unit() -> None:
    """ "Indicator | Unit | Q1 …": each row's unit cell is its figures' unit
    ("£000" a scale too); they had all been counts, the column unread."""
    from extract.recognisers import kpi_grid

    found = recognised(
        kpi_grid,
        [
            *TITLE,
            "Indicator\tUnit\tQ1\tQ2",
            "Rent collected\t%\t98.5\t97.9",
            "Processing time for new claims\tDays\t22.5\t19.8",
            "Income from garden waste\t£000\t12.3\t10",
            "Residual waste collected\tTonnes\t5,666\t4,946",
            "Number of fly tipping incidents\tNumber\t102\t132",
        ],
    )
    values = [
        (r.indicator.split()[0], r.period, r.value, r.unit)
        for r in found
        if isinstance(r, IndicatorValue)
    ]
    assert values == [
        ("Rent", "Q1", 98.5, "percent"),
        ("Rent", "Q2", 97.9, "percent"),
        ("Processing", "Q1", 22.5, "none"),
        ("Processing", "Q2", 19.8, "none"),
        ("Income", "Q1", 12300.0, "gbp"),
        ("Income", "Q2", 10000.0, "gbp"),
        ("Residual", "Q1", 5666.0, "tonnes"),
        ("Residual", "Q2", 4946.0, "tonnes"),
        ("Number", "Q1", 102.0, "count"),
        ("Number", "Q2", 132.0, "count"),
    ]


def test_quarter_targets_in_layout_text_stay_targets() -> None:
    """`pdftotext -layout` prints "Q2 Target" as one label; it had been cut into
    "Q2" and "Target", the quarter's target read as its actual (silently where
    no actual stood beside it)."""
    from extract.recognisers import kpi_grid

    found = recognised(
        kpi_grid,
        [
            *TITLE,
            "",
            "Indicator                           Annual Target  Q2 Target   Q2 Actual",
            "Number of affordable homes built    120            60          48",
            "Percentage of rent collected        98%            97%         97.3%",
        ],
        text_form="layout",
    )
    values = [
        (r.indicator.split()[0], r.period, r.measure, r.value)
        for r in found
        if isinstance(r, IndicatorValue)
    ]
    assert values == [
        ("Number", "FY", "target", 120.0),
        ("Number", "Q2", "target", 60.0),
        ("Number", "Q2", "actual", 48.0),
        ("Percentage", "FY", "target", 98.0),
        ("Percentage", "Q2", "target", 97.0),
        ("Percentage", "Q2", "actual", 97.3),
    ]


def test_layout_rows_of_figures_with_units_do_not_swallow_the_next() -> None:
    """Cells printing a unit or scale ("27 days", "£1.2m") or "Not available"
    end a `-layout` row as bare figures do: the next row had been read as
    their wrapped text, two names joined and their figures mixed, silently."""
    from extract.recognisers import kpi_grid

    found = recognised(
        kpi_grid,
        [
            *TITLE,
            "",
            "Indicator                              Q1        Q2        Target",
            "Average time to re-let council homes   27 days   24 days   25 days",
            "Income from car parks                  £1.2m     £1.3m     £5m",
            "Number of noise complaints             Not available       Not available",
            "Number of visits to museums            12,345    11,002    45,000",
        ],
        text_form="layout",
    )
    names = [r.indicator for r in found if isinstance(r, IndicatorValue)]
    assert sorted(set(names)) == [
        "Average time to re-let council homes",
        "Income from car parks",
        "Number of noise complaints",
        "Number of visits to museums",
    ]
    assert [
        r.value
        for r in found
        if isinstance(r, IndicatorValue) and r.indicator.startswith("Number of v")
    ] == [12345.0, 11002.0, 45000.0]


def test_layout_sums_under_counts_stay_the_row_s_second_lines() -> None:
    """ "Number of Discretionary Housing  100 cases" over "Payments awards
    £19,112.23": one row, its name wrapped, each cell a count and a sum."""
    from extract.recognisers import kpi_grid

    found = recognised(
        kpi_grid,
        [
            *TITLE,
            "",
            "Indicator                          Q1            Q2",
            "Number of Discretionary Housing    100 cases     98 cases",
            "Payments awards                    £19,112.23    £22,208.60",
        ],
        text_form="layout",
    )
    names = {r.indicator for r in found if isinstance(r, IndicatorValue)}
    assert names == {"Number of Discretionary Housing Payments awards"}


@pytest.mark.parametrize(
    "title, year",
    [
        # A grid titled with last year's figures in this year's report: they
        # had all been written as this year's, silently.
        ("Appendix A - Performance Indicators 2017/18 (year end)", "2017/18"),
        ("Performance Indicators 2018/19", "2018/19"),
        # A title comparing years, or naming two, leaves the report's year.
        ("Performance Indicators compared with 2017/18", "2018/19"),
        ("Performance Indicators 2017/18 and 2018/19", "2018/19"),
        # A note or a baseline over the grid is no title of its year.
        ("Note: targets for these indicators will be reviewed for 2019/20.", "2018/19"),
        ("Key Performance Indicators (baseline year 2017/18)", "2018/19"),
        ("Housing", "2018/19"),
    ],
)
def test_a_grid_s_title_names_its_year(title: str, year: str) -> None:
    from extract.recognisers import kpi_grid

    found = recognised(
        kpi_grid,
        [
            "Quarter 1 Performance Report 2018/19",
            "",
            title,
            "",
            "Indicator\tQ1\tQ2\tTarget",
            "Number of homelessness preventions\t42\t38\t160",
        ],
    )
    years = {r.financial_year for r in found if isinstance(r, IndicatorValue)}
    assert years == {year}


@pytest.mark.parametrize(
    "label, period, measure",
    [
        ("Outturn (Actual)", "FY", "actual"),
        ("Quarter 2 (provisional)", "Q2", "actual"),
        ("Outturn (estimated)", "FY", "actual"),
        ("Q2 (Target)", "Q2", "target"),
    ],
)
def test_brackets_of_the_council_s_own_figures_keep_the_column(
    label: str, period: str, measure: str
) -> None:
    """The council's own figures, not final or named again, stay read."""
    from extract.blocks.columns import classify

    column = classify(label, 1)
    assert column is not None
    assert (column.period, column.measure, column.label) == (period, measure, label)


def test_a_quarter_label_with_a_footnote_mark_counts_for_the_report_s_quarters() -> (
    None
):
    """ "Quarter 1†" over figures: the report covers Q1 (its quarters had been
    the title's Q2 alone)."""
    from extract.cover.metadata import read_metadata
    from tests.conftest import synthetic

    doc, _ = synthetic(
        [
            "Environment Priority Delivery Plan 2018-19 Quarter 2 Performance Update",
            "",
            "\tQuarter 1†\tQuarter 2\tAnnual Target*",
            "Number of fly tipping incidents\t102\t132\t450",
        ]
    )
    assert read_metadata(doc).quarters == ("Q1", "Q2")


def test_rows_named_by_a_rolling_table_s_captions_are_reported() -> None:
    """A rolling table set out as a grid ("Previous 12 months | 3,235 | …"):
    its rows had become indicators named "Previous 12 months", silently. A
    KPI row named "Total" or "Incidents" stays an indicator."""
    from extract.recognisers import kpi_grid

    found = recognised(
        kpi_grid,
        [
            *TITLE,
            "",
            "ASB incidents – rolling 12 months – Police data",
            "\tQ1\tQ2",
            "Previous 12 months\t3,235\t3,108",
            "Last 12 months\t2,914\t3,062",
            "Change\t-10%\t-1%",
            "",
            "Indicator\tQ1\tQ2",
            "Incidents\t12\t9",
            "Total\t14\t12",
        ],
    )
    names = {r.indicator for r in found if isinstance(r, IndicatorValue)}
    assert names == {"Incidents", "Total"}
    issues = [i.message for i in found if isinstance(i, IssueRow)]
    named = [m.split("'")[1] for m in issues if "is a caption" in m]
    assert named == ["Previous 12 months", "Last 12 months", "Change"]


def test_rows_labelled_target_and_actual_in_a_column_of_their_own() -> None:
    """ "Name | Target | 260 …" over " | Actual | 310 …": the first row's figures
    are targets (they had been actuals, silently), the second row the same
    indicator's actuals (reported unread before)."""
    from extract.recognisers import kpi_grid

    found = recognised(
        kpi_grid,
        [
            *TITLE,
            "",
            "Performance Indicator\t\tQ1\tQ2",
            "Number of fly tipping incidents\tTarget\t260\t250",
            "\tActual\t310\t287",
        ],
    )
    values = [
        (r.indicator, r.period, r.measure, r.value)
        for r in found
        if isinstance(r, IndicatorValue)
    ]
    name = "Number of fly tipping incidents"
    assert values == [
        (name, "Q1", "target", 260.0),
        (name, "Q2", "target", 250.0),
        (name, "Q1", "actual", 310.0),
        (name, "Q2", "actual", 287.0),
    ]
    assert not [i for i in found if isinstance(i, IssueRow)]


def test_a_label_s_brackets_give_its_figures_their_qualifier() -> None:
    """ "Quarter 2 (Cumulative)" had been unread; "Year End (Estimated)" read
    with no word that it is an estimate."""
    from extract.recognisers import kpi_grid

    found = recognised(
        kpi_grid,
        [
            *TITLE,
            "",
            "Indicator\tQuarter 1\tQuarter 2 (Cumulative)\tYear End (Estimated)",
            "Number of fly tipping incidents\t102\t234\t470",
        ],
    )
    values = [
        (r.period, r.value, r.qualifier) for r in found if isinstance(r, IndicatorValue)
    ]
    assert values == [
        ("Q1", 102.0, None),
        ("Q2", 234.0, "cumulative"),
        ("FY", 470.0, "estimated"),
    ]
