"""Every summary grid of the samples, in all three printed layouts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from extract.cover.metadata import read_metadata
from extract.pipeline import process_document
from extract.readers import read_document
from extract.recognisers import status_summary
from extract.records import IssueRow, Record, StatusCount
from tests.conftest import S000, S001, S002, S003, recognised, synthetic

CRIME = "Crime & Partnerships Priority Delivery Plan"
ENV = "Environment Priority Delivery Plan"
HOUSING = "Housing, Crime and Partnerships Priority Delivery Plan"
WELLBEING = "Improving Community Wellbeing PDP"
CLEANER = "Cleaner and Safer Environment Priority Delivery Plan"
CATS5 = ["completed", "on_target", "attention", "aborted", "no_rating"]
CATS_TOTAL = ["completed", "on_target", "attention", "aborted", "total"]
CATS_003 = ["completed", "on_target", "attention", "amendment", "aborted"]
NA = None

# file, plan, scope, period, categories, counts, percents, line_start, line_end
GRIDS = [
    (S000, CRIME, "actions", "FY", CATS5, [0, 4, 1, 0, 0], [0, 80, 20, 0, 0], 57, 58),
    (S000, ENV, "actions", "FY", CATS5, [1, 2, 0, 0, 0], [33.3, 66.6, 0, 0, 0], 86, 87),
    (
        S001,
        HOUSING,
        "actions",
        "Q1-Q2",
        CATS5,
        [0, 8, 0, 0, 0],
        [0, 100, 0, 0, 0],
        76,
        76,
    ),
    (
        S002,
        WELLBEING,
        "milestones",
        "Q4",
        CATS_TOTAL,
        [9, 0, 3, 0, 12],
        [75, 0, 25, 0, 100],
        16,
        16,
    ),
    (
        S002,
        WELLBEING,
        "milestones",
        "FY",
        CATS_TOTAL,
        [28, 0, 4, 0, 32],
        [87.5, 0, 12.5, 0, 100],
        21,
        21,
    ),
    (
        S003,
        CLEANER,
        "performance_indicators",
        "Q1-Q2",
        CATS_003,
        [NA] * 5,
        [NA] * 5,
        52,
        52,
    ),
    (
        S003,
        CLEANER,
        "actions",
        "Q1-Q2",
        CATS_003,
        [0, 2, 0, 0, 0],
        [0, 100, 0, 0, 0],
        53,
        53,
    ),
]


@pytest.fixture(scope="module")
def summary(table: Callable[[str], pd.DataFrame]) -> pd.DataFrame:
    return table("status_summary")


def _nullable(values: pd.Series) -> list[object]:
    return [None if pd.isna(v) else v for v in values]


def test_row_count(summary: pd.DataFrame) -> None:
    assert len(summary) == 35
    assert summary.groupby("file").size().to_dict() == {
        S000: 10,
        S001: 5,
        S002: 10,
        S003: 10,
    }


@pytest.mark.parametrize(
    "grid", GRIDS, ids=lambda g: f"{g[0][:3]}-{g[2]}-{g[3]}-{g[7]}"
)
def test_grid_values(summary: pd.DataFrame, grid: tuple) -> None:  # type: ignore[type-arg]
    file, plan, scope, period, cats, counts, percents, lo, hi = grid
    rows = summary[
        (summary.file == file)
        & (summary.plan == plan)
        & (summary.scope == scope)
        & (summary.period == period)
    ]
    assert list(rows.category) == cats
    assert _nullable(rows["count"]) == counts
    assert _nullable(rows.percent) == percents
    assert set(rows.line_start) == {lo} and set(rows.line_end) == {hi}


def test_labels_kept_as_printed(summary: pd.DataFrame) -> None:
    s000 = summary[summary.file == S000]
    # "No Rating" is printed on the line above the other labels.
    assert s000[s000.category == "no_rating"].label.iloc[0] == "No Rating"
    s002 = summary[summary.file == S002]
    assert set(s002[s002.category == "aborted"].label) == {"Project aborted/closed"}
    assert set(s002[s002.category == "total"].label) == {"TOTAL"}
    s003 = summary[summary.file == S003]
    assert set(s003[s003.category == "amendment"].label) == {
        "Project requires amendment. Alterations considered by Cabinet."
    }


def test_grids_that_add_up_raise_no_issue(table: Callable[[str], pd.DataFrame]) -> None:
    issues = table("issues")
    arithmetic = issues[
        (issues.code == "summary_mismatch") & (issues.severity == "warning")
    ]
    assert arithmetic.empty


def test_mismatch_is_reported() -> None:
    from extract.recognisers import status_summary
    from extract.records import IssueRow

    lines = [
        "Quarter Four Performance",
        "\t\t\t\tTOTAL",
        "Milestone completed\tMilestone on target\tMilestone requires attention."
        "\tProject aborted/closed\t",
        "9 (75%)\t0 (0%)\t3 (25%)\t0 (0%)\t13 (100%)",
    ]
    out = recognised(status_summary, lines)
    issues = [r for r in out if isinstance(r, IssueRow)]
    assert len(issues) == 1
    assert issues[0].code == "summary_mismatch" and issues[0].line == 4
    assert "counts add up to 12, TOTAL says 13" in issues[0].message


def _grid_records(lines: list[str]) -> list[Record]:
    from extract.recognisers import status_summary

    return recognised(status_summary, lines)


def test_unknown_label_is_reported_not_guessed() -> None:
    out = _grid_records(
        [
            "Health PDP 2016-17 Quarter 3 Performance Update",
            "",
            "Project on target\tProject completed\tDeferred\tProject requires "
            "attention\tProject aborted",
            "3 (50%)\t1 (17%)\t1 (17%)\t1 (16%)\t0 (0%)",
        ]
    )
    rows = [r for r in out if getattr(r, "table", "") == "status_summary"]
    assert [(r.category, r.count, r.percent, r.period) for r in rows] == [
        ("on_target", 3, 50.0, "Q3"),
        ("completed", 1, 17.0, "Q3"),
        ("attention", 1, 16.0, "Q3"),
        ("aborted", 0, 0.0, "Q3"),
    ]
    issue = next(r for r in out if getattr(r, "code", "") == "unknown_status_label")
    assert '"Deferred" = 1 (17%)' in issue.message


def test_a_denied_completion_is_no_completed_count() -> None:
    """ "Project unlikely to be completed" had counted as completed."""
    out = _grid_records(
        [
            "Crime & Partnerships Priority Delivery Plan 2017-18 Quarter 2 "
            "Performance Update",
            "",
            "Project on target\tProject requires attention\tProject unlikely to "
            "be completed\tNo Rating",
            "10\t3\t2\t0",
            "67%\t20%\t13%\t0%",
        ]
    )
    rows = [r for r in out if getattr(r, "table", "") == "status_summary"]
    assert [(r.category, r.count) for r in rows] == [
        ("on_target", 10),
        ("attention", 3),
        ("no_rating", 0),
    ]
    issue = next(r for r in out if getattr(r, "code", "") == "unknown_status_label")
    assert '"Project unlikely to be completed" = 2, 13%' in issue.message


@pytest.mark.parametrize(
    "grid, form",
    [
        (
            [
                "Project completed\tProject on target\tProject aborted/ closed\t",
                "0 0%\t8 100%\t0 0%\t2 20%",
            ],
            "tab",
        ),
        (
            [
                "Project completed   Project on target   Project aborted/ closed",
                "0 0%                8 100%              0 0%                 2 20%",
            ],
            "layout",
        ),
    ],
)
def test_a_value_under_no_label_is_reported_not_dropped(
    grid: list[str], form: str
) -> None:
    # "No Rating" printed on the page before (the fuzz's v001_001): the
    # fifth pair stands under no label, and is reported.
    lines = ["Summary of Progress in Delivering Projects/Actions:", "", *grid]
    out = recognised(status_summary, lines, form)
    rows = [r for r in out if getattr(r, "table", "") == "status_summary"]
    assert [(r.category, r.count, r.percent) for r in rows] == [
        ("completed", 0, 0.0),
        ("on_target", 8, 100.0),
        ("aborted", 0, 0.0),
    ]
    issue = next(r for r in out if getattr(r, "code", "") == "unknown_status_label")
    assert '"(no label)" = 2 20%' in issue.message


def test_period_comes_from_the_grid_title_not_from_rows_above() -> None:
    out = _grid_records(
        [
            "Health PDP 2016-17 Quarters 1 and 2 Performance Update",
            "",
            "Repair the pavilion\tDone, next review in Q4\t✓",
            "",
            "Project completed\tProject on target\tProject requires attention",
            "1\t0\t0",
        ]
    )
    rows = [r for r in out if getattr(r, "table", "") == "status_summary"]
    assert {r.period for r in rows} == {"Q1-Q2"}


def test_a_year_after_quarter_is_no_quarter() -> None:
    """ "the Third Quarter 2018/19" is Q3; its "Quarter 2018" had made the grid
    Q2's, and the report's quarters Q2 and Q3."""
    lines = [
        "Tamworth Borough Council",
        "",
        "Corporate Plan Performance Report Quarter 3 2018/19",
        "",
        "Actions – position at the end of the Third Quarter 2018/19",
        "Project completed\tProject on target\tProject requires attention",
        "1\t8\t2",
    ]
    rows = [r for r in _grid_records(lines) if isinstance(r, StatusCount)]
    assert [(r.category, r.count, r.period) for r in rows] == [
        ("completed", 1, "Q3"),
        ("on_target", 8, "Q3"),
        ("attention", 2, "Q3"),
    ]
    doc, _ = synthetic(lines)
    assert read_metadata(doc).quarters == ("Q3",)


def test_year_to_date_grid_runs_to_the_reports_last_quarter() -> None:
    out = _grid_records(
        [
            "Health PDP 2016-17 Quarter 3 Performance Update",
            "",
            "Quarter Three (1 October 2016 - 31 December 2016) Performance",
            "Project completed\tProject on target\tProject requires attention",
            "1\t2\t0",
            "",
            "Year to date Performance 2016-17",
            "Project completed\tProject on target\tProject requires attention",
            "3\t5\t1",
        ]
    )
    rows = [r for r in out if isinstance(r, StatusCount)]
    assert [(r.period, r.category, r.count) for r in rows] == [
        ("Q3", "completed", 1),
        ("Q3", "on_target", 2),
        ("Q3", "attention", 0),
        ("Q1-Q3", "completed", 3),
        ("Q1-Q3", "on_target", 5),
        ("Q1-Q3", "attention", 1),
    ]


def test_rows_labelled_with_their_quarter_count_in_that_quarter() -> None:
    """A grid that prints the quarter before beside the report's own, each
    row labelled: Q2's counts had been written as Q3's, Q3's dropped as
    duplicates."""
    out = _grid_records(
        [
            "Environment PDP 2018-19 Quarter 3 Performance",
            "",
            "Summary of action status",
            "\tCompleted\tOn target\tRequires attention\tTotal",
            "Quarter 2\t4\t14\t2\t20",
            "\t20%\t70%\t10%\t100%",
            "Quarter 3\t5\t12\t3\t20",
            "Year to date\t9\t12\t3\t24",
        ]
    )
    rows = [r for r in out if isinstance(r, StatusCount)]
    assert [(r.period, r.category, r.count, r.percent) for r in rows] == [
        ("Q2", "completed", 4, 20.0),
        ("Q2", "on_target", 14, 70.0),
        ("Q2", "attention", 2, 10.0),
        ("Q2", "total", 20, 100.0),
        ("Q3", "completed", 5, None),
        ("Q3", "on_target", 12, None),
        ("Q3", "attention", 3, None),
        ("Q3", "total", 20, None),
        ("Q1-Q3", "completed", 9, None),
        ("Q1-Q3", "on_target", 12, None),
        ("Q1-Q3", "attention", 3, None),
        ("Q1-Q3", "total", 24, None),
    ]


@pytest.mark.parametrize(
    "labels",
    [
        ("Actions", "Milestones due by year end", "Performance indicators"),
        ("Actions due in Quarter 3", "Actions due in Quarter 4", "Year end forecast"),
    ],
)
def test_row_labels_naming_a_time_are_scopes_not_periods(
    labels: tuple[str, str, str],
) -> None:
    """Only a label that is a period gives its row one: a scope naming when
    its items are due, or a forecast, stays in the grid's period."""
    rows = [f"{label}\t5\t12\t3\t20" for label in labels]
    out = _grid_records(
        [
            "Environment PDP 2018-19 Quarter 3 Performance",
            "",
            "Summary of status",
            "\tCompleted\tOn target\tRequires attention\tTotal",
            *rows,
        ]
    )
    counts = [r for r in out if isinstance(r, StatusCount)]
    assert len(counts) > 0 and {r.period for r in counts} == {"Q3"}


def test_title_above_labels_spilt_onto_their_own_line() -> None:
    out = _grid_records(
        [
            "Health PDP 2016-17 Year to date Performance Update",
            "",
            "Quarter Three Performance\t\t\t\t",
            "\t\t\tNo Rating\tTOTAL",
            "Milestone completed\tMilestone on target\tProject aborted/closed\t\t",
            "3 (50%)\t2 (33.3%)\t0 (0%)\t1 (16.7%)\t6 (100%)",
        ]
    )
    rows = [r for r in out if isinstance(r, StatusCount)]
    assert {r.period for r in rows} == {"Q3"}
    assert [r.category for r in rows] == [
        "completed",
        "on_target",
        "aborted",
        "no_rating",
        "total",
    ]


def test_grid_printed_down_the_page() -> None:
    out = _grid_records(
        [
            "Promoting Prosperity Priority Delivery Plan 2018-19 – Quarter 3 Update",
            "",
            "Q1 to Q3 Performance",
            "Status\tNumber\t%",
            "Completed\t5\t25%",
            "On Target\t11\t55%",
            "Requires Attention\t2\t10%",
            "Not Yet Due\t1\t5%",
            "Total\t19\t100%",
        ]
    )
    rows = [r for r in out if isinstance(r, StatusCount)]
    assert [(r.category, r.count, r.percent, r.period, r.scope) for r in rows] == [
        ("completed", 5, 25.0, "Q1-Q3", "actions"),
        ("on_target", 11, 55.0, "Q1-Q3", "actions"),
        ("attention", 2, 10.0, "Q1-Q3", "actions"),
        ("no_rating", 1, 5.0, "Q1-Q3", "actions"),
        ("total", 19, 100.0, "Q1-Q3", "actions"),
    ]


def test_a_grid_down_the_page_with_a_column_a_period() -> None:
    """ "Status | Quarter 1 | Quarter 2": each column counts in its quarter.
    Only the first had been read, under the report's period (Q2 holding
    Q1's counts, the Q2 counts lost, silently)."""
    out = _grid_records(
        [
            "Corporate Plan Performance Report Quarter 2 2018/19",
            "",
            "Status\tQuarter 1\tQuarter 2",
            "Project completed\t2 (10%)\t4 (20%)",
            "Project on target\t16 (80%)\t13 (65%)",
            "Project requires attention\t2 (10%)\t3 (15%)",
        ]
    )
    rows = [r for r in out if isinstance(r, StatusCount)]
    assert [(r.period, r.category, r.count, r.percent) for r in rows] == [
        ("Q1", "completed", 2, 10.0),
        ("Q1", "on_target", 16, 80.0),
        ("Q1", "attention", 2, 10.0),
        ("Q2", "completed", 4, 20.0),
        ("Q2", "on_target", 13, 65.0),
        ("Q2", "attention", 3, 15.0),
    ]
    assert not [r for r in out if isinstance(r, IssueRow)]


def test_a_grid_down_the_page_beside_last_year_s() -> None:
    """ "2017/18 Q2 | 2018/19 Q2" in a 2018/19 report: this year's column is
    read, last year's reported (its counts had been read as this year's)."""
    out = _grid_records(
        [
            "Corporate Plan Performance Report Quarter 2 2018/19",
            "",
            "Status\t2017/18 Q2\t2018/19 Q2",
            "Project completed\t3\t4",
            "Project on target\t12\t13",
            "Project requires attention\t5\t3",
        ]
    )
    rows = [r for r in out if isinstance(r, StatusCount)]
    assert [(r.period, r.count) for r in rows] == [("Q2", 4), ("Q2", 13), ("Q2", 3)]
    issues = [(i.code, i.message) for i in out if isinstance(i, IssueRow)]
    assert issues == [
        (
            "unknown_status_label",
            'x.txt:3: status grid column "2017/18 Q2" counts another financial '
            "year than the report's, not extracted",
        )
    ]


@pytest.mark.parametrize(
    "header, cells, period, counts, other",
    [
        # A period's count and percent in columns of their own: one period.
        (
            "Status\tQuarter 2 (No.)\tQuarter 2 (%)",
            [("4", "20%"), ("13", "65%"), ("3", "15%")],
            "Q2",
            [(4, 20.0), (13, 65.0), (3, 15.0)],
            None,
        ),
        # Years alone: the report's is its period, another year's reported.
        (
            "Status\t2017/18\t2018/19",
            [("3", "4"), ("12", "13"), ("5", "3")],
            "Q2",
            [(4, None), (13, None), (3, None)],
            "2017/18",
        ),
        # A quarter after the report's latest is the year before's.
        (
            "Status\tQ3\tQ2",
            [("3", "4"), ("12", "13"), ("5", "3")],
            "Q2",
            [(4, None), (13, None), (3, None)],
            "Q3",
        ),
    ],
)
def test_a_grid_down_the_page_with_columns_of_periods(
    header: str,
    cells: list[tuple[str, str]],
    period: str,
    counts: list[tuple[int, float | None]],
    other: str | None,
) -> None:
    labels = ["Project completed", "Project on target", "Project requires attention"]
    out = _grid_records(
        [
            "Corporate Plan Performance Report Quarter 2 2018/19",
            "",
            header,
            *(
                f"{label}\t{a}\t{b}"
                for label, (a, b) in zip(labels, cells, strict=True)
            ),
        ]
    )
    rows = [r for r in out if isinstance(r, StatusCount)]
    assert {r.period for r in rows} == {period}
    assert [(r.count, r.percent) for r in rows] == counts
    issues = [i.message for i in out if isinstance(i, IssueRow)]
    if other is None:
        assert issues == []
    else:
        assert len(issues) == 1 and f'column "{other}" counts another' in issues[0]


def test_more_counts_a_row_under_no_period_are_reported() -> None:
    """ "Status | No. | % | No. | %": two counts a row, no period to tell them
    apart; the first is read and the rest reported (dropped silently before)."""
    out = _grid_records(
        [
            "Corporate Plan Performance Report Quarter 2 2018/19",
            "",
            "Status\tNo.\t%\tNo.\t%",
            "Project completed\t2\t10%\t4\t20%",
            "Project on target\t16\t80%\t13\t65%",
            "Project requires attention\t2\t10%\t3\t15%",
        ]
    )
    rows = [r for r in out if isinstance(r, StatusCount)]
    assert [(r.period, r.count, r.percent) for r in rows] == [
        ("Q2", 2, 10.0),
        ("Q2", 16, 80.0),
        ("Q2", 2, 10.0),
    ]
    issues = [i.code for i in out if isinstance(i, IssueRow)]
    assert issues == ["unknown_status_label"]


def test_rows_labelled_this_and_last_quarter() -> None:
    """ "Last quarter" over "This quarter" in a Q2 report: Q1 and Q2. Both had
    been the report's period, last quarter's counts kept as Q2's."""
    out = _grid_records(
        [
            "Corporate Plan Performance Report Quarter 2 2018/19",
            "",
            "\tProject completed\tProject on target\tProject requires attention",
            "Last quarter\t2 (10%)\t16 (80%)\t2 (10%)",
            "This quarter\t4 (20%)\t13 (65%)\t3 (15%)",
        ]
    )
    rows = [r for r in out if isinstance(r, StatusCount)]
    assert [(r.period, r.category, r.count) for r in rows] == [
        ("Q1", "completed", 2),
        ("Q1", "on_target", 16),
        ("Q1", "attention", 2),
        ("Q2", "completed", 4),
        ("Q2", "on_target", 13),
        ("Q2", "attention", 3),
    ]


def test_scope_from_the_heading_over_a_grid() -> None:
    out = _grid_records(
        [
            "Health PDP 2015-16 Quarter 3 Performance Update",
            "",
            "Milestones",
            "\tCompleted\tOn Target\tRequires Attention\tTotal",
            "\t4\t6\t0\t10",
        ]
    )
    rows = [r for r in out if isinstance(r, StatusCount)]
    assert {r.scope for r in rows} == {"milestones"}
    assert [r.count for r in rows] == [4, 6, 0, 10]


PER_THEME = [
    "Housing Priority Delivery Plan 2017-18 Quarter 2 Performance Update",
    "Strategic Objective\t\t",
    "Promoting safer homes\t\t",
    "Project completed\tProject on target\tProject aborted/ closed",
    "1\t2\t0",
    "Strategic Objective\t\t",
    "Supporting tenants into work\t\t",
    "Project completed\tProject on target\tProject aborted/ closed",
    "3\t0\t1",
]


def test_a_plan_can_print_one_grid_per_theme() -> None:
    out = [r for r in _grid_records(PER_THEME) if isinstance(r, StatusCount)]
    assert [(r.theme, r.category, r.count) for r in out] == [
        ("Promoting safer homes", "completed", 1),
        ("Promoting safer homes", "on_target", 2),
        ("Promoting safer homes", "aborted", 0),
        ("Supporting tenants into work", "completed", 3),
        ("Supporting tenants into work", "on_target", 0),
        ("Supporting tenants into work", "aborted", 1),
    ]


def test_a_plans_single_grid_is_plan_level(summary: pd.DataFrame) -> None:
    assert set(summary.theme) == {""}


@pytest.mark.parametrize(
    "header",
    [
        "Status\tQ1 No.\tQ1 %\tQ2 No.\tQ2 %",
        "Status\tQuarter 1 Number\tQuarter 1 Percentage\tQuarter 2 Number"
        "\tQuarter 2 Percentage",
    ],
)
def test_a_period_s_count_and_share_columns_labelled_so(header: str) -> None:
    """ "Q1 No. | Q1 % | Q2 No. | Q2 %": each pair is its quarter's count and
    share; only the first count had been read, as the report's quarter's."""
    out = _grid_records(
        [
            "Corporate Plan Performance Report Quarter 2 2018/19",
            "",
            header,
            "Project completed\t2\t10%\t4\t20%",
            "Project on target\t15\t75%\t13\t65%",
            "Project requires attention\t3\t15%\t3\t15%",
        ]
    )
    rows = [r for r in out if isinstance(r, StatusCount)]
    assert [(r.period, r.count, r.percent) for r in rows] == [
        ("Q1", 2, 10.0),
        ("Q1", 15, 75.0),
        ("Q1", 3, 15.0),
        ("Q2", 4, 20.0),
        ("Q2", 13, 65.0),
        ("Q2", 3, 15.0),
    ]
    assert not [i for i in out if isinstance(i, IssueRow)]


def test_an_unlabelled_row_of_percents_is_the_scoped_row_s_above() -> None:
    """ "Actions | 11 | 1 | 9" over " | 52.4% | 4.8% | 42.9%" (a layout print of
    the grid): one row of actions, counts with their shares; the labels'
    "Milestone/timeline…" names no scope of the percents row."""
    out = _grid_records(
        [
            "Summary of Progress in Delivering Projects/Actions:",
            "",
            "\tCompleted\tMilestone/timeline/scope/target date requires attention."
            "\tProject aborted/closed",
            "Performance Indicators\t-\t-\t-",
            "Actions\t11\t1\t9",
            "\t52.4%\t4.8%\t42.9%",
        ]
    )
    rows = [r for r in out if isinstance(r, StatusCount)]
    assert [(r.scope, r.category, r.count, r.percent) for r in rows] == [
        ("performance_indicators", "completed", None, None),
        ("performance_indicators", "attention", None, None),
        ("performance_indicators", "aborted", None, None),
        ("actions", "completed", 11, 52.4),
        ("actions", "attention", 1, 4.8),
        ("actions", "aborted", 9, 42.9),
    ]
    assert [(r.line_start, r.line_end) for r in rows[3:]] == [(5, 6)] * 3
    assert not [r for r in out if isinstance(r, IssueRow)]


@pytest.mark.parametrize(
    "counts, label, joined",
    [
        # Shares labelled as their counts are, with words of their own.
        ("Actions", "Actions %", True),
        ("Actions", "Actions (percentage)", True),
        ("Actions*", "Actions", True),
        ("Number", "Percentage", True),
        ("Number of actions", "% of actions", True),
        ("Q2 No.", "Q2 %", True),
        ("Performance Indicators", "PIs %", True),
        # Shares of another time's actions, whose counts are not printed.
        ("Actions", "Actions last year", False),
        ("Actions", "Actions 2016/17", False),
    ],
)
def test_a_labelled_row_of_shares_joins_only_its_own_counts(
    counts: str, label: str, joined: bool
) -> None:
    out = _grid_records(
        [
            "Housing PDP 2017-18 Quarter 2 Update",
            "",
            "Summary of Progress:",
            "",
            "\tCompleted\tOn target\tRequires attention",
            f"{counts}\t5\t3\t0",
            f"{label}\t-\t40%\t60%",
        ]
    )
    rows = [r for r in out if isinstance(r, StatusCount)]
    shares = [None, 40.0, 60.0] if joined else [None, None, None]
    assert [(r.period, r.count, r.percent) for r in rows] == [
        ("Q2", 5, shares[0]),
        ("Q2", 3, shares[1]),
        ("Q2", 0, shares[2]),
    ]
    issues = [(r.code, r.line) for r in out if isinstance(r, IssueRow)]
    if joined:
        # 3 of 8 is not 40%: the figures are made up to tell joined from not.
        assert ("unparsed_block", 7) not in issues
    else:
        assert issues == [("unparsed_block", 7)]
        assert f'"{label}" prints shares and no count' in next(
            r.message for r in out if isinstance(r, IssueRow)
        )


def test_a_row_of_another_year_s_period_is_reported_not_read() -> None:
    """ "Last quarter" in a Q1 report is last year's Q4: reported, not
    written as this year's Q1; "This quarter" is read."""
    out = _grid_records(
        [
            "Housing PDP 2017-18 Quarter 1 Update",
            "",
            "Summary of Progress:",
            "",
            "\tCompleted\tOn target\tRequires attention",
            "Last quarter\t1\t3\t0",
            "This quarter\t2\t2\t1",
        ]
    )
    rows = [r for r in out if isinstance(r, StatusCount)]
    assert [(r.period, r.count, r.line_start) for r in rows] == [
        ("Q1", 2, 7),
        ("Q1", 2, 7),
        ("Q1", 1, 7),
    ]
    issues = [r for r in out if isinstance(r, IssueRow)]
    assert [(r.code, r.line) for r in issues] == [("unparsed_block", 6)]
    assert '"Last quarter" counts a period of another year' in issues[0].message


@pytest.mark.parametrize(
    "title, rows, read",
    [
        # A scope's name and a period: the row's period, as in -raw text.
        (
            "Housing PDP 2017-18 Quarter 2 Update",
            ["Actions Q1\t1\t3\t0", "Actions Q2\t2\t2\t1"],
            [("Q1", 1), ("Q1", 3), ("Q1", 0), ("Q2", 2), ("Q2", 2), ("Q2", 1)],
        ),
        # Last year's Q4 in a Q1 report: reported, not written as Q1.
        (
            "Housing PDP 2017-18 Quarter 1 Update",
            ["Actions Q4\t1\t3\t0", "Actions Q1\t2\t2\t1"],
            [("Q1", 2), ("Q1", 2), ("Q1", 1)],
        ),
    ],
)
def test_a_tab_row_label_of_a_scope_and_a_period(
    title: str, rows: list[str], read: list[tuple[str, int]]
) -> None:
    out = _grid_records(
        [
            title,
            "",
            "Summary of Progress:",
            "",
            "\tCompleted\tOn target\tRequires attention",
            *rows,
        ]
    )
    assert [(r.period, r.count) for r in out if isinstance(r, StatusCount)] == read
    reported = [r.line for r in out if isinstance(r, IssueRow)]
    assert reported == ([] if len(read) == 6 else [6])


def test_the_shares_under_another_year_s_row_are_its_own() -> None:
    """Last year's Q4 and its shares, then this year's Q1 and its shares, in
    a Q1 report: Q4's two rows reported, Q1 with its own shares."""
    out = _grid_records(
        [
            "Housing PDP 2017-18 Quarter 1 Update",
            "",
            "Summary of Progress:",
            "",
            "\tCompleted\tOn target\tRequires attention",
            "Q4\t1\t3\t0",
            "\t25%\t75%\t0%",
            "Qtr 1\t2\t2\t1",
            "\t40%\t40%\t20%",
        ]
    )
    rows = [r for r in out if isinstance(r, StatusCount)]
    assert [(r.period, r.count, r.percent, r.line_start) for r in rows] == [
        ("Q1", 2, 40.0, 8),
        ("Q1", 2, 40.0, 8),
        ("Q1", 1, 20.0, 8),
    ]
    issues = [r for r in out if isinstance(r, IssueRow)]
    assert [(r.code, r.line) for r in issues] == [("unparsed_block", 6)]
    assert issues[0].message.startswith('x.txt:6-7: status grid row "Q4" counts')


def test_an_unlabelled_row_of_counts_is_a_row_of_its_own() -> None:
    """ "| 4 | 1 | 0" under "Performance Indicators | 5 | 3 | 2": counts, not
    the indicators' shares, so not theirs."""
    out = _grid_records(
        [
            "Summary of Progress:",
            "",
            "\tCompleted\tOn target\tRequires attention",
            "Performance Indicators\t5\t3\t2",
            "\t4\t1\t0",
        ]
    )
    rows = [r for r in out if isinstance(r, StatusCount)]
    assert [(r.scope, r.count) for r in rows] == [
        ("performance_indicators", 5),
        ("performance_indicators", 3),
        ("performance_indicators", 2),
        ("actions", 4),
        ("actions", 1),
        ("actions", 0),
    ]


@pytest.mark.parametrize(
    "label",
    ["%", "% Year to date", "% YTD", "Actions %", "Proportion", "% of all actions"],
)
def test_shares_under_a_period_s_counts_are_that_period_s(label: str) -> None:
    """A row of shares whose label adds no word to its period's counts row
    but a share's or the scope's name ("% Year to date" under "Year to
    date"): those counts' shares, not a row of the report's quarter with no
    count."""
    out = _grid_records(
        [
            "Housing PDP 2017-18 Quarter 2 Update",
            "",
            "Summary of Progress:",
            "",
            "\tCompleted\tOn target\tRequires attention",
            "Quarter 2\t1\t3\t0",
            "Year to date\t5\t3\t2",
            f"{label}\t50%\t30%\t20%",
        ]
    )
    rows = [r for r in out if isinstance(r, StatusCount)]
    assert [(r.period, r.category, r.count, r.percent) for r in rows] == [
        ("Q2", "completed", 1, None),
        ("Q2", "on_target", 3, None),
        ("Q2", "attention", 0, None),
        ("Q1-Q2", "completed", 5, 50.0),
        ("Q1-Q2", "on_target", 3, 30.0),
        ("Q1-Q2", "attention", 2, 20.0),
    ]
    assert not [r for r in out if isinstance(r, IssueRow)]


@pytest.mark.parametrize(
    "label, period",
    [("% This quarter", "Q2"), ("% Quarter 2", "Q2"), ("% Last quarter", "Q1")],
)
def test_shares_of_another_period_under_a_period_s_counts_are_that_period_s(
    label: str, period: str
) -> None:
    """ "% Last quarter" under the year's counts: the shares of that period,
    whose counts are not printed, not the year's shares."""
    out = _grid_records(
        [
            "Housing PDP 2017-18 Quarter 2 Update",
            "",
            "Summary of Progress:",
            "",
            "\tCompleted\tOn target\tRequires attention",
            "Year to date\t5\t3\t2",
            f"{label}\t50%\t30%\t20%",
        ]
    )
    rows = [r for r in out if isinstance(r, StatusCount)]
    assert [(r.period, r.count, r.percent) for r in rows] == [
        ("Q1-Q2", 5, None),
        ("Q1-Q2", 3, None),
        ("Q1-Q2", 2, None),
        (period, None, 50.0),
        (period, None, 30.0),
        (period, None, 20.0),
    ]
    assert not [r for r in out if isinstance(r, IssueRow)]


@pytest.mark.parametrize(
    "counts, shares",
    [
        ("Quarter 2", "Cumulative %"),
        ("Actions", "Target %"),
        ("Quarter 2", "% of target"),
        ("Q2", "% Q2 (last year)"),
        ("Actions", "Total %"),
    ],
)
def test_shares_of_other_counts_under_a_row_of_counts_are_reported(
    counts: str, shares: str
) -> None:
    """A word beyond a share's and the scope's name ("Cumulative", "Target")
    makes a row of shares those of counts not printed: reported, not joined."""
    out = _grid_records(
        [
            "Housing PDP 2017-18 Quarter 2 Update",
            "",
            "Summary of Progress:",
            "",
            "\tCompleted\tOn target\tRequires attention",
            f"{counts}\t1\t3\t0",
            f"{shares}\t50%\t30%\t20%",
        ]
    )
    rows = [r for r in out if isinstance(r, StatusCount)]
    assert [(r.period, r.count, r.percent) for r in rows] == [
        ("Q2", 1, None),
        ("Q2", 3, None),
        ("Q2", 0, None),
    ]
    issues = [r for r in out if isinstance(r, IssueRow)]
    assert [(r.code, r.line) for r in issues] == [("unparsed_block", 7)]
    assert f'"{shares}" prints shares and no count' in issues[0].message


@pytest.mark.parametrize("shares", ["%", "Actions %", ""])
def test_shares_under_another_year_s_row_are_reported_with_it(shares: str) -> None:
    """Last year's Q2 between this year's Q2 and a row of shares: the shares
    are last year's, reported with its row, not joined to this year's."""
    out = _grid_records(
        [
            "Housing PDP 2017-18 Quarter 2 Update",
            "",
            "Summary of Progress:",
            "",
            "\tCompleted\tOn target\tRequires attention",
            "Quarter 2\t1\t3\t0",
            "Quarter 2 2016/17\t2\t2\t2",
            f"{shares}\t50%\t30%\t20%",
        ]
    )
    rows = [r for r in out if isinstance(r, StatusCount)]
    assert [(r.period, r.count, r.percent) for r in rows] == [
        ("Q2", 1, None),
        ("Q2", 3, None),
        ("Q2", 0, None),
    ]
    issues = [r for r in out if isinstance(r, IssueRow)]
    assert [(r.code, r.line) for r in issues] == [("unparsed_block", 7)]
    assert issues[0].message.startswith("x.txt:7-8: ")


@pytest.mark.parametrize(
    "after, year, read",
    [
        # No year but the grid's rows: the latest is the report's.
        ([], "2017/18", (2, 2, 1)),
        # A sentence after the grid does not outrank its rows.
        (["", "Progress in 2016/17 was slower."], "2017/18", (2, 2, 1)),
    ],
)
def test_a_report_s_year_is_not_its_grid_s_older_row_s(
    after: list[str], year: str, read: tuple[int, int, int]
) -> None:
    """A report whose title names no year, with a grid printing last year's
    Q1 over this year's: the report is of the later year, and last year's
    row is reported, not written as this year's."""
    lines = [
        "Housing Priority Delivery Plan Quarter 1 Performance Update",
        "",
        "Summary of Progress:",
        "",
        "\tCompleted\tOn target\tRequires attention",
        "Q1 2016/17\t1\t3\t0",
        "%\t25%\t75%\t0%",
        "Q1 2017/18\t2\t2\t1",
        *after,
    ]
    doc = read_document(Path("x.txt"), "x.txt", "\n".join(lines).encode())
    processed = process_document(doc)
    assert processed.document.financial_year == year
    counts = [r for r in processed.records if isinstance(r, StatusCount)]
    assert tuple(r.count for r in counts) == read
    issues = [r for r in processed.records if isinstance(r, IssueRow)]
    assert [(r.code, r.line) for r in issues] == [("unparsed_block", 6)]


def test_shares_under_counts_whose_first_column_prints_values() -> None:
    """A grid whose first column has no label prints a value there too ("5",
    "22.7%", an unknown status's): the shares row is still the counts'."""
    out = _grid_records(
        [
            "Housing PDP 2017-18 Quarter 2 Update",
            "",
            "Unknown\tCompleted\tOn target\tRequires attention",
            "5\t3\t2\t12",
            "22.7%\t13.6%\t9%\t54.5%",
        ]
    )
    rows = [r for r in out if isinstance(r, StatusCount)]
    assert [(r.category, r.count, r.percent) for r in rows] == [
        ("completed", 3, 13.6),
        ("on_target", 2, 9.0),
        ("attention", 12, 54.5),
    ]


def test_a_report_s_year_is_not_an_empty_row_s_of_the_year_to_come() -> None:
    """A grid printing the year's quarters and next year's Q1, those to come
    empty: the report is of the year whose Q1 prints counts."""
    lines = [
        "Housing Priority Delivery Plan Quarter 1 Performance Update",
        "",
        "\tCompleted\tOn target\tRequires attention",
        "Quarter 1 2017/18\t2\t2\t1",
        "Quarter 2 2017/18\t-\t-\t-",
        "Quarter 1 2018/19\t-\t-\t-",
    ]
    doc = read_document(Path("x.txt"), "x.txt", "\n".join(lines).encode())
    processed = process_document(doc)
    assert processed.document.financial_year == "2017/18"
    counts = [r for r in processed.records if isinstance(r, StatusCount)]
    assert [(r.period, r.count) for r in counts[:3]] == [
        ("Q1", 2),
        ("Q1", 2),
        ("Q1", 1),
    ]


@pytest.mark.parametrize(
    "counts, shares",
    [
        ("Quarter 2", "% Q2"),
        ("Q2", "% Quarter 2"),
        ("PIs", "Performance Indicators %"),
    ],
)
def test_shares_naming_their_counts_period_or_scope_are_theirs(
    counts: str, shares: str
) -> None:
    out = _grid_records(
        [
            "Housing PDP 2017-18 Quarter 2 Update",
            "",
            "\tCompleted\tOn target\tRequires attention",
            f"{counts}\t1\t3\t0",
            f"{shares}\t25%\t75%\t0%",
        ]
    )
    rows = [r for r in out if isinstance(r, StatusCount)]
    assert [(r.period, r.count, r.percent) for r in rows] == [
        ("Q2", 1, 25.0),
        ("Q2", 3, 75.0),
        ("Q2", 0, 0.0),
    ]
    assert not [r for r in out if isinstance(r, IssueRow)]


def test_a_grid_of_dashes_alone_is_of_its_own_year() -> None:
    """No action due in the report's quarter, so its grid row prints dashes
    only; a sentence after it names last year: the report is of the row's."""
    lines = [
        "Housing Priority Delivery Plan Quarter 1 Performance Update",
        "",
        "\tCompleted\tOn target\tRequires attention",
        "Quarter 1 2018/19\t-\t-\t-",
        "",
        "No actions were due in the quarter. In 2017/18 the plan completed 14.",
    ]
    doc = read_document(Path("x.txt"), "x.txt", "\n".join(lines).encode())
    assert process_document(doc).document.financial_year == "2018/19"


def test_a_grid_of_dashes_is_of_the_report_s_quarter_s_year() -> None:
    """A Q4 report whose grid prints this Q4 and next year's Q1, both empty:
    the report is of its quarter's year, not of the year to come."""
    lines = [
        "Housing Priority Delivery Plan Quarter 4 Performance Update",
        "",
        "\tCompleted\tOn target\tRequires attention",
        "Quarter 4 2017/18\t-\t-\t-",
        "Quarter 1 2018/19\t-\t-\t-",
    ]
    doc = read_document(Path("x.txt"), "x.txt", "\n".join(lines).encode())
    assert process_document(doc).document.financial_year == "2017/18"


@pytest.mark.parametrize(
    "title, rows, after",
    [
        # A year-to-date row names no quarter; a sentence names next year.
        (
            "Housing Priority Delivery Plan Quarter 2 Performance Update",
            ["Year to date 2018/19\t-\t-\t-"],
            ["", "Targets for 2019/20 will be set in March."],
        ),
        # A year's report: this Q4 and next year's Q1, both empty.
        (
            "Housing Priority Delivery Plan Annual Performance Report",
            ["Quarter 4 2018/19\t-\t-\t-", "Quarter 1 2019/20\t-\t-\t-"],
            [],
        ),
    ],
)
def test_a_grid_of_dashes_gives_its_first_row_s_year(
    title: str, rows: list[str], after: list[str]
) -> None:
    lines = [title, "", "\tCompleted\tOn target\tRequires attention", *rows, *after]
    doc = read_document(Path("x.txt"), "x.txt", "\n".join(lines).encode())
    assert process_document(doc).document.financial_year == "2018/19"
