"""Summary grids in `pdftotext -raw` text: labels run on along one line (or
several, wrapped), each row's values on a line of its own. Read where every
value's status is certain; else reported as an `unparsed_block`."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.pipeline import process_document
from extract.readers import read_document
from extract.recognisers import status_summary
from extract.recognisers.status_summary.printed import Value
from extract.recognisers.status_summary.run_on import (
    is_values_line,
    read_line,
    status_labels,
)
from extract.records import IssueRow, StatusCount
from tests.conftest import recognised
from tests.test_raw_text import _issues, _spans

S000 = "000_af055924f554b2ff-raw.txt"
S001 = "001_4e0ea328a26b8980-raw.txt"
S002 = "002_c2fd677fd2d5bf7c-raw.txt"
S003 = "003_23ba67851198ff7c-raw.txt"


def _grid_rows(out: Path, name: str) -> list[tuple[object, ...]]:
    docs = pd.read_parquet(out / "documents.parquet")
    doc_id = docs.loc[docs.source_path == name, "doc_id"].item()
    rows = pd.read_parquet(out / "status_summary.parquet")
    rows = rows[rows.doc_id == doc_id]
    return list(
        zip(
            rows.scope,
            rows.period,
            rows.category,
            rows["count"].astype("Int64").tolist(),
            rows.percent.tolist(),
            rows.line_start,
            strict=True,
        )
    )


def test_grids_with_total_above_their_labels_are_read(raw_dir: Path) -> None:
    """002: "TOTAL" on the line above the labels; its column is the one whose
    count is the sum of the others' (12 = 9 + 0 + 3 + 0)."""
    assert _grid_rows(raw_dir, S002) == [
        ("milestones", "Q4", "completed", 9, 75.0, 8),
        ("milestones", "Q4", "on_target", 0, 0.0, 8),
        ("milestones", "Q4", "attention", 3, 25.0, 8),
        ("milestones", "Q4", "aborted", 0, 0.0, 8),
        ("milestones", "Q4", "total", 12, 100.0, 8),
        ("milestones", "FY", "completed", 28, 87.5, 12),
        ("milestones", "FY", "on_target", 0, 0.0, 12),
        ("milestones", "FY", "attention", 4, 12.5, 12),
        ("milestones", "FY", "aborted", 0, 0.0, 12),
        ("milestones", "FY", "total", 32, 100.0, 12),
    ]


def test_wrapped_labels_and_rows_named_by_their_scope(raw_dir: Path) -> None:
    """003 lines 37-43: five labels over five lines, then a row per scope."""
    got = _grid_rows(raw_dir, S003)
    assert [r[:4] for r in got] == [
        ("performance_indicators", "Q1-Q2", c, pd.NA)
        for c in ("completed", "on_target", "attention", "amendment", "aborted")
    ] + [
        ("actions", "Q1-Q2", c, n)
        for c, n in (
            ("completed", 0),
            ("on_target", 2),
            ("attention", 0),
            ("amendment", 0),
            ("aborted", 0),
        )
    ]
    assert [r[4] for r in got[5:]] == [0.0, 100.0, 0.0, 0.0, 0.0]
    assert all(pd.isna(r[4]) for r in got[:5])


def test_a_label_above_whose_column_is_not_printed_is_reported(raw_dir: Path) -> None:
    """000 and 001 print "No Rating" above the labels: which column it heads is
    not printed, and "0 4 1 0 0" reads differently with it first or last, so
    their grids stay unread and reported, while 002's in the same run are
    read."""
    assert _grid_rows(raw_dir, S000) == []
    assert _grid_rows(raw_dir, S001) == []
    assert {(254, 257), (318, 321)} <= set(_spans(_issues(raw_dir, S000)))
    assert (208, 210) in _spans(_issues(raw_dir, S001))
    assert len(_grid_rows(raw_dir, S002)) == 10


def test_labels_split_into_their_statuses_in_order() -> None:
    assert status_labels(
        "Milestone completed Milestone on target Milestone/timeline/scope/target "
        "date requires attention. Project aborted/closed"
    ) == [
        ("completed", "completed"),
        ("on_target", "on target"),
        ("attention", "requires attention."),
        ("aborted", "aborted/closed"),
    ]
    # One status twice, or fewer than three: no grid's labels.
    assert status_labels("Completed On target Completed") is None
    assert status_labels("Project completed Project on target") is None
    # A sentence above the labels names a status they name again: twice,
    # though nothing but a label it does not know ("Cancelled") stands
    # between them; read as one, every count would go a column along.
    assert (
        status_labels(
            "actions are rated as completed or on target. Cancelled Action on "
            "target Project requires attention Aborted/Closed"
        )
        is None
    )
    # One status's words apart: one label.
    assert status_labels("Project aborted / closed Completed On target") == [
        ("aborted", "aborted / closed"),
        ("completed", "Completed"),
        ("on_target", "On target"),
    ]


def test_a_line_of_values_is_read_only_one_way() -> None:
    assert read_line("9 (75%) 0 (0%) 3 (25%) 0 (0%) 12 (100%)", 5) == (
        None,
        [Value(9, 75), Value(0, 0), Value(3, 25), Value(0, 0), Value(12, 100)],
        "",
    )
    assert read_line("Actions 0 0% 2 100% 0 0%", 3) == (
        "actions",
        [Value(0, 0), Value(2, 100), Value(0, 0)],
        "",
    )
    assert read_line("0% 80% 20%", 3) == (
        None,
        [Value(None, p) for p in (0, 80, 20)],
        "",
    )
    # "1 2% 3 4%" is three values two ways: (1) (2%) (3 4%) or (1 2%) (3) (4%).
    assert read_line("1 2% 3 4%", 3) is None
    assert read_line("Q 85 N/A 20 27", 4) is None
    assert is_values_line("Performance Indicators - - - - -")
    assert not is_values_line("6 Implications**6.1 Financial**")


def test_a_row_s_period_is_printed_before_its_values() -> None:
    """A period label, alone or before the scope: the "1" of "Quarter 1" is
    the label's, not a value."""
    assert read_line("Quarter 1 1 3 0", 3) == (
        None,
        [Value(1, None), Value(3, None), Value(0, None)],
        "Quarter 1",
    )
    assert read_line("Year to date 2 2 1", 3) == (
        None,
        [Value(2, None), Value(2, None), Value(1, None)],
        "Year to date",
    )
    assert read_line("Q2 Milestones 2 50% 2 50% 0 0%", 3) == (
        "milestones",
        [Value(2, 50), Value(2, 50), Value(0, 0)],
        "Q2",
    )
    assert is_values_line("Quarter 1 1 3 0")
    # Four values or "Quarter" and four: no reading is certain.
    assert read_line("Quarter 1 1 3 0", 4) is None
    assert not is_values_line("Quarter Four 1 3 0 Milestones")


def test_rows_of_periods_are_read_each_of_its_own() -> None:
    read = recognised(
        status_summary,
        [
            "Housing PDP 2017-18 Quarter 2 Update",
            "Summary of Progress",
            "Completed On Target Requires Attention",
            "Quarter 1 1 3 0",
            "Quarter 2 Actions 2 2 1",
            "Comments",
        ],
    )
    assert [
        (r.scope, r.period, r.category, r.count, r.line_start)
        for r in read
        if isinstance(r, StatusCount)
    ] == [
        ("actions", "Q1", "completed", 1, 4),
        ("actions", "Q1", "on_target", 3, 4),
        ("actions", "Q1", "attention", 0, 4),
        ("actions", "Q2", "completed", 2, 5),
        ("actions", "Q2", "on_target", 2, 5),
        ("actions", "Q2", "attention", 1, 5),
    ]


NO_COLUMN = (
    "status grid printed without columns, not read: which column "
    '"{}", printed over the other labels, heads is not printed, and the '
    "columns it can head read differently"
)


def _unread(lines: list[str]) -> str:
    """The message of the one issue a grid left unread gives, and no count."""
    (issue,) = recognised(status_summary, lines)
    assert isinstance(issue, IssueRow)
    assert issue.code == "unparsed_block"
    return issue.message


TOTAL_GRID = [
    "Summary of milestones:",
    "TOTAL",
    "Milestone completed Milestone on target Milestone requires attention",
]


def test_total_is_read_only_where_the_sum_places_it() -> None:
    """12 = 9 + 3 places TOTAL last; in "3 0 3 0" either 3 is the others'
    sum, and the two readings differ: not read."""
    read = recognised(status_summary, [*TOTAL_GRID, "9 0 3 12"])
    counts = [(r.category, r.count) for r in read if isinstance(r, StatusCount)]
    assert counts == [
        ("completed", 9),
        ("on_target", 0),
        ("attention", 3),
        ("total", 12),
    ]
    assert _unread([*TOTAL_GRID, "3 0 3 0"]) == "x.txt:2-4: " + NO_COLUMN.format(
        "TOTAL"
    )
    assert _unread([*TOTAL_GRID, "9 0 3 13"]) == "x.txt:2-4: " + NO_COLUMN.format(
        "TOTAL"
    )
    assert _unread([*TOTAL_GRID, "9 0 3"]) == (
        "x.txt:2-4: status grid printed without columns, not read: its rows of "
        "values do not print one value for each of the 4 statuses its labels "
        "name (completed, on_target, attention, total)"
    )


@given(st.text())
def test_run_on_readers_never_raise(s: str) -> None:
    status_labels(s)
    is_values_line(s)
    for n in range(6):
        read_line(s, n)


def test_no_rating_is_read_where_every_column_it_can_head_reads_alike() -> None:
    labels = [
        "No Rating",
        "Project completed Project on target Project requires attention",
    ]
    read = recognised(status_summary, [*labels, "0 0 0 0"])
    counts = [(r.category, r.count) for r in read if isinstance(r, StatusCount)]
    assert counts == [
        ("completed", 0),
        ("on_target", 0),
        ("attention", 0),
        ("no_rating", 0),
    ]
    assert _unread([*labels, "0 4 1 0"]) == "x.txt:1-3: " + NO_COLUMN.format(
        "No Rating"
    )


def test_a_bracketed_percent_opening_a_line_ends_the_value_above() -> None:
    """A browser's raw text wraps "12 (100%)": "(100%)" opens the next line
    and can be no value of its own."""
    read = recognised(
        status_summary, [*TOTAL_GRID, "9 (75%) 0 (0%) 3 (25%) 12", "(100%)"]
    )
    total = [r for r in read if isinstance(r, StatusCount) and r.category == "total"]
    assert [(r.count, r.percent, r.line_start, r.line_end) for r in total] == [
        (12, 100.0, 4, 5)
    ]


def test_a_scope_printed_between_labels_and_values_is_not_guessed() -> None:
    """ "Actions" on a line of its own under the labels: the first row's scope,
    or the end of the last label; either way not read, and reported over the
    grid's lines."""
    (issue,) = recognised(status_summary, [*TOTAL_GRID, "Actions", "9 0 3 12"])
    assert isinstance(issue, IssueRow)
    assert (issue.code, issue.line) == ("unparsed_block", 2)
    assert issue.message == (
        "x.txt:2-5: status grid printed without columns, not read: the words "
        "after its last status label are that label's end or the scope of its "
        "first row of values, which is not printed"
    )
    assert recognised(status_summary, [*TOTAL_GRID, "Actions 9 0 3 12"]) != []


def test_a_grid_whose_rows_do_not_fit_its_labels_is_reported_whole() -> None:
    """Five statuses named ("In progress" is none), six values a row: the grid
    is not read, and its issue covers it from its first label to its last
    row, the row of dashes and the scope printed alone included."""
    assert _unread(
        [
            "Quarter Four (1 January 2019 - 31 March 2019) Performance",
            "Milestone",
            "completed In progress",
            "Milestone on target",
            "Milestone/timeline/scope/target date requires attention.",
            "Requires Amendment Project aborted/closed",
            "Performance Indicators - - - - - -",
            "Actions",
            "2 9 4 8 6 12",
            "6 Implications",
        ]
    ) == (
        "x.txt:2-9: status grid printed without columns, not read: its rows of "
        "values do not print one value for each of the 5 statuses its labels "
        "name (completed, on_target, attention, amendment, aborted)"
    )


def test_labels_start_where_their_first_status_does() -> None:
    """ "Milestone" over "completed …" names no status: the grid is read, its
    scope from that word; "Project on" over "target …" starts its labels."""
    read = recognised(
        status_summary,
        [
            "Summary:",
            "Milestone",
            "completed Milestone on target Milestone requires attention",
            "3 4 5",
        ],
    )
    assert [(r.scope, r.category, r.count) for r in read] == [
        ("milestones", "completed", 3),
        ("milestones", "on_target", 4),
        ("milestones", "attention", 5),
    ]
    read = recognised(
        status_summary,
        [
            "Summary:",
            "Project on",
            "target Requires",
            "Attention Project aborted",
            "1 2 3",
        ],
    )
    assert [(r.category, r.count) for r in read] == [
        ("on_target", 1),
        ("attention", 2),
        ("aborted", 3),
    ]


def test_a_sentence_naming_statuses_over_the_labels_is_not_one() -> None:
    """ "… rated as completed or on target." over the labels names "completed"
    a second time: the labels are those after it."""
    read = recognised(
        status_summary,
        [
            "Milestones at the end of Quarter 2 are rated",
            "as completed or on target.",
            "Action completed Action on target Action requires attention",
            "1 2 3",
        ],
    )
    assert [(r.scope, r.category, r.count, r.line_start) for r in read] == [
        ("actions", "completed", 1, 4),
        ("actions", "on_target", 2, 4),
        ("actions", "attention", 3, 4),
    ]


def test_a_row_printed_with_no_scope_is_the_scoped_row_s_above() -> None:
    """ "- - - -" under "Performance Indicators - - - -" is that row's
    percents, and "34.7% …" under "Actions 8 10 5 0" that row's: a row a
    scope, nothing lost as a second row of actions."""
    read = recognised(
        status_summary,
        [
            "Summary:",
            "Completed Project requires attention. Project requires amendment.",
            "Project aborted/ closed",
            "Performance Indicators - - - -",
            "- - - -",
            "Actions 8 10 5 0",
            "34.8% 43.5% 21.7% 0%",
        ],
    )
    assert [(r.scope, r.category, r.count, r.percent) for r in read] == [
        ("performance_indicators", "completed", None, None),
        ("performance_indicators", "attention", None, None),
        ("performance_indicators", "amendment", None, None),
        ("performance_indicators", "aborted", None, None),
        ("actions", "completed", 8, 34.8),
        ("actions", "attention", 10, 43.5),
        ("actions", "amendment", 5, 21.7),
        ("actions", "aborted", 0, 0.0),
    ]


def test_labels_under_a_line_naming_another_status_are_reported() -> None:
    """Labels over more lines than are looked up ("aborted/ closed" above
    them): the line over them names a status that is no label printed over
    the others ("TOTAL", "No Rating"), so where they start is not told."""
    labels = ["Project", "requires", "amendment.", "Action", "completed", "Action"]
    assert _unread(
        ["Summary:", "Project aborted/", "closed", *labels, "on", "target", "4 7 0"]
    ) == (
        "x.txt:3-12: status grid printed without columns, not read: the line "
        'over its labels ("closed") names a status too, so where its labels '
        "start is not certain"
    )


def test_a_line_over_the_labels_is_theirs_only_as_a_label_s_first_words() -> None:
    """A heading over the labels names no scope of theirs ("… indicators and
    milestones" over "Milestone completed …"), and a title over them still
    gives the grid its period ("Year to date performance": Q1-Q3)."""
    read = recognised(
        status_summary,
        [
            "Summary:",
            "Progress on the key performance indicators and milestones",
            "Milestone completed Milestone on target Milestone requires attention",
            "3 4 5",
        ],
    )
    assert {r.scope for r in read} == {"milestones"}
    read = recognised(
        status_summary,
        [
            "Quarter 3 Performance Report 2018/19",
            "Year to date performance",
            "Completed On target Requires attention",
            "3 4 5",
        ],
    )
    assert [(r.period, r.category, r.count) for r in read] == [
        ("Q1-Q3", "completed", 3),
        ("Q1-Q3", "on_target", 4),
        ("Q1-Q3", "attention", 5),
    ]


def test_a_status_named_in_a_clause_over_the_labels_is_no_label() -> None:
    """ "on target, as shown below." over "Completed In progress Requires
    attention Aborted": three statuses for four values, not read."""
    assert _unread(
        [
            "Summary:",
            "This quarter the majority of projects remain",
            "on target, as shown below.",
            "Completed In progress Requires attention Aborted",
            "5 3 2 1",
        ]
    ) == (
        "x.txt:4-5: status grid printed without columns, not read: its rows of "
        "values do not print one value for each of the 3 statuses its labels "
        "name (completed, attention, aborted)"
    )


def test_an_unread_grid_ends_where_the_next_one_s_labels_start() -> None:
    read = recognised(
        status_summary,
        [
            "Summary:",
            "Completed On target Requires attention",
            "1 2 3 4",
            "Project completed Project on target Project requires attention",
            "5 6 7",
            "6 Implications",
        ],
    )
    assert isinstance(read[0], IssueRow)
    assert read[0].message.startswith("x.txt:2-3: status grid printed without")
    assert [(r.category, r.count) for r in read[1:]] == [
        ("completed", 5),
        ("on_target", 6),
        ("attention", 7),
    ]


def test_a_sentence_naming_statuses_over_one_figure_is_no_grid() -> None:
    lines = [
        "Key to ratings",
        "Blue means the action is completed. Green means it is on target and",
        "Amber means it requires attention.",
        "3",
        "Housing",
    ]
    assert recognised(status_summary, lines) == []


def test_a_label_with_a_comma_is_read_where_no_labels_follow_it() -> None:
    read = recognised(
        status_summary,
        ["Summary:", "Completed On target, in progress Requires attention", "3 4 5"],
    )
    assert [(r.category, r.count) for r in read] == [
        ("completed", 3),
        ("on_target", 4),
        ("attention", 5),
    ]


def test_a_clause_ending_its_line_is_a_sentence_s() -> None:
    """ "… remain on target," / "as shown in the table below": a sentence
    over labels naming three statuses, under four values a row."""
    message = _unread(
        [
            "This quarter most projects remain on target,",
            "as shown in the table below",
            "Completed Requires attention Aborted",
            "5 3 2 1",
        ]
    )
    assert message.startswith("x.txt:3-4: status grid printed without columns")


def test_an_introducing_title_naming_statuses_is_no_label_over_the_others() -> None:
    read = recognised(
        status_summary,
        [
            "Summary of actions completed and on target:",
            "Completed On target Requires attention",
            "3 4 5",
        ],
    )
    assert [(r.category, r.count) for r in read] == [
        ("completed", 3),
        ("on_target", 4),
        ("attention", 5),
    ]


def test_one_value_a_line_is_a_grid_s_rows_reported() -> None:
    """Three values, one a line ("5" / "3" / "2"), under labels naming three
    statuses: not read as a row, reported as a grid."""
    assert _unread(
        ["Summary:", "Completed On target Requires attention", "5", "3", "2"]
    ).startswith("x.txt:2-5: status grid printed without columns")


def test_a_counts_row_printed_with_no_scope_keeps_the_labels_scope() -> None:
    """ "4 1 0" under "Actions 5 3 2": a row of counts of its own, not the
    actions' percents; the labels' "Milestone" names its scope."""
    read = recognised(
        status_summary,
        [
            "Summary:",
            "Milestone completed Milestone on target Milestone requires attention",
            "Actions 5 3 2",
            "4 1 0",
        ],
    )
    assert [(r.scope, r.count) for r in read] == [
        ("actions", 5),
        ("actions", 3),
        ("actions", 2),
        ("milestones", 4),
        ("milestones", 1),
        ("milestones", 0),
    ]


def test_a_period_over_a_grid_s_labels_is_its_title_not_a_label() -> None:
    """ "Last quarter" / "This quarter" over the labels of a Q3 report: the
    grids of Q2 and Q3; "Quarter Two" names Q2."""
    labels = "Completed On target Requires attention"
    read = recognised(
        status_summary,
        [
            "Quarter 3 Performance Report 2018/19",
            "Last quarter",
            labels,
            "3 4 5",
            "This quarter",
            labels,
            "6 7 8",
        ],
    )
    assert [(r.period, r.count) for r in read] == [
        ("Q2", 3),
        ("Q2", 4),
        ("Q2", 5),
        ("Q3", 6),
        ("Q3", 7),
        ("Q3", 8),
    ]
    read = recognised(
        status_summary,
        ["Quarter 3 Performance Report 2018/19", "Quarter Two", labels, "3 4 5"],
    )
    assert {r.period for r in read} == {"Q2"}


def test_a_comma_inside_a_label_makes_no_sentence() -> None:
    read = recognised(
        status_summary,
        [
            "Summary:",
            "Project completed, signed off",
            "Project on target",
            "Project requires attention",
            "Project aborted/ closed",
            "5 3 2 1",
            "45% 27% 18% 9%",
        ],
    )
    assert [(r.category, r.count, r.percent) for r in read] == [
        ("completed", 5, 45.0),
        ("on_target", 3, 27.0),
        ("attention", 2, 18.0),
        ("aborted", 1, 9.0),
    ]


def test_total_as_the_last_label_line_is_one_of_the_labels() -> None:
    """ "Total" right over the values is the last label, not one printed over
    the others: five labels (one, "In progress", no status) for five values
    a row; not read, reported from the first label on."""
    assert _unread(
        [
            "Environment Priority Delivery Plan 2017-18",
            "On Target",
            "Requires Amendment In progress Project aborted",
            "Total",
            "Performance Indicators - - - - -",
            "Actions",
            "9 36% 12 48% 4 16% 0 0% 25 100%",
        ]
    ).startswith("x.txt:2-7: status grid printed without columns, not read")


def test_a_label_s_first_line_gives_the_grid_its_scope() -> None:
    """ "Milestone/timeline/scope/target date" over "requires attention.":
    the first label's words, and the grid's scope."""
    read = recognised(
        status_summary,
        [
            "Summary:",
            "Milestone/timeline/scope/target date",
            "requires attention. On target Completed",
            "0 0% 0 0% 3 100%",
        ],
    )
    assert [(r.scope, r.category, r.count) for r in read] == [
        ("milestones", "attention", 0),
        ("milestones", "on_target", 0),
        ("milestones", "completed", 3),
    ]


def test_total_right_over_the_values_is_a_column() -> None:
    """ "TOTAL" as the labels' last line heads the column whose count is the
    others' sum; under a sentence naming statuses it makes one column more
    than its values, and the grid is reported, not read from the sentence."""
    read = recognised(
        status_summary,
        ["Summary:", "Completed On target Requires attention", "TOTAL", "4 5 1 10"],
    )
    assert [(r.category, r.count) for r in read] == [
        ("completed", 4),
        ("on_target", 5),
        ("attention", 1),
        ("total", 10),
    ]
    message = _unread(
        [
            "Quarter 2 Performance Report 2018/19",
            "At the end of Quarter 2 100% of",
            "actions are rated as completed or on target.",
            "Requires attention Requires amendment Aborted Not Rated",
            "TOTAL",
            "4 5 4 1 14",
        ]
    )
    assert message.startswith("x.txt:4-6: status grid printed without columns")


def test_a_sentence_s_words_over_the_labels_name_no_label() -> None:
    """ "remain on target as shown below." over "Completed In progress
    Requires attention": two statuses after the sentence, so no grid is read
    from it; reported, as the sentence's line is the only one that makes
    labels of them."""
    lines = [
        "Quarter 3 Performance Report 2018/19",
        "The majority of projects in the delivery plan",
        "remain on target as shown below.",
        "Completed In progress Requires attention",
        "5 3 2",
    ]
    assert _unread(lines) == (
        "x.txt:3-5: status grid printed without columns, not read: a line of "
        "its labels reads as a sentence's, so which of its words are labels is "
        "not certain"
    )


def test_label_words_a_sentence_could_print_keep_their_grid() -> None:
    """ "Action is on target", "Action has been completed", "Completed as
    planned": labels, read; under "Actions are rated as completed or on
    target." the labels after it."""
    for labels in (
        ["Action completed Action is on target Action requires attention"],
        ["Action has been completed", "Action on target", "Action requires attention"],
        ["Completed as planned On target Requires attention"],
        [
            "Actions are rated as completed or on target.",
            "Action completed Action is on target Action requires attention",
        ],
    ):
        read = recognised(status_summary, ["Summary:", *labels, "4 5 1"])
        assert [(r.category, r.count) for r in read] == [
            ("completed", 4),
            ("on_target", 5),
            ("attention", 1),
        ], labels


def test_a_row_of_shares_with_a_dash_is_the_counts_row_s() -> None:
    read = recognised(
        status_summary,
        [
            "Summary:",
            "Completed On target Requires attention Aborted",
            "Actions 8 10 5 0",
            "34.7% 43.5% 21.7% -",
        ],
    )
    assert [(r.category, r.count, r.percent) for r in read] == [
        ("completed", 8, 34.7),
        ("on_target", 10, 43.5),
        ("attention", 5, 21.7),
        ("aborted", 0, None),
    ]


def test_total_as_the_last_label_line_leaves_room_for_the_first() -> None:
    """Nine label lines with "Total" the last: "Milestone" on the first still
    names the grid's scope."""
    read = recognised(
        status_summary,
        [
            "Summary of Progress in Delivering Projects/Actions:",
            "Milestone",
            "completed Action on",
            "target",
            "Project",
            "scope/target date requires attention.",
            "Alterations",
            "considered",
            "by Leadership Team. Project requires amendment. Alterations "
            "considered by Cabinet.",
            "Total",
            "12 70.5% 4 23.5% 1 5.8% 0 0% 17 100%",
        ],
    )
    assert {r.scope for r in read} == {"milestones"}
    assert [(r.category, r.count) for r in read] == [
        ("completed", 12),
        ("on_target", 4),
        ("attention", 1),
        ("amendment", 0),
        ("total", 17),
    ]


def test_a_row_with_no_scope_under_one_with_the_default_s_is_reported() -> None:
    """ "4 5 6" under "Actions 1 2 3": the labels name no scope, so both rows
    count actions; nothing tells them apart."""
    assert _unread(
        ["Summary:", "Completed On target Requires attention", "Actions 1 2 3", "4 5 6"]
    ).endswith(
        "two of its rows count the same scope, and what tells them apart "
        "is not printed beside them"
    )


def test_rows_whose_labels_are_printed_over_the_grid_are_reported() -> None:
    """ "Last quarter" / "This quarter" printed before the labels, the rows
    after them: two rows of one scope that nothing beside them tells apart."""
    message = _unread(
        [
            "Quarter 3 Performance Report 2018/19",
            "Summary:",
            "Last quarter",
            "This quarter",
            "Completed On target Requires attention",
            "3 4 5",
            "6 7 8",
        ]
    )
    assert message == (
        "x.txt:5-7: status grid printed without columns, not read: two of its "
        "rows count the same scope, and what tells them apart is not printed "
        "beside them"
    )


def test_labels_over_more_lines_than_are_read_are_reported() -> None:
    """Nine label lines, "Milestone" on the first: beyond the lines looked up,
    so the labels' scope is not told; reported, not read as actions."""
    message = _unread(
        [
            "Summary of Progress in Delivering Projects/Actions:",
            "Milestone",
            "on",
            "target Closed Project Timeline/scope/target date",
            "requires attention. Alterations considered",
            "by",
            "leadership team Actions Completed",
            "Project requires",
            "amendment. Alterations",
            "considered by Cabinet.",
            "1 2 1 5 6",
            "7% 13% 7% 33% 40%",
        ]
    )
    assert message == (
        "x.txt:3-12: status grid printed without columns, not read: its labels "
        "run over more lines than are read, so where they start is not certain"
    )


def test_a_heading_above_a_full_reach_of_prose_leaves_one_line_labels_read() -> None:
    """ "Projects" nine lines up, prose between, labels on one line: the
    labels do not start at the top of the lines looked up, so they are read."""
    prose = [f"Line {word} of the commentary" for word in "abcdefg"]
    lines = ["Delivery Plan Report", "Projects", *prose]
    read = recognised(
        status_summary, [*lines, "Completed On target Requires attention", "3 4 2"]
    )
    assert [(r.category, r.count) for r in read] == [
        ("completed", 3),
        ("on_target", 4),
        ("attention", 2),
    ]


def test_a_sentence_pointing_below_names_no_label() -> None:
    """ "… closed are not included below." names "closed": not a label, so
    three statuses for four values, reported."""
    assert _unread(
        [
            "Summary:",
            "Actions that have been closed are not included below.",
            "Completed On target Requires attention Deferred",
            "5 3 2 1",
        ]
    ).startswith("x.txt:3-4: status grid printed without columns, not read: its rows")


def _raw_q1(rows: list[str]) -> list[object]:
    """A Q1 report's -raw grid (its title "Quarter One (…)") over `rows`,
    through the whole pipeline: what it writes and reports."""
    lines = [
        "Housing PDP 2018-19 - Housing and Corporate Assets",
        "Quarter One (1 April 2018 - 30 June 2018)",
        "Performance",
        "Milestone completed Milestone on target Milestone/timeline/scope/target "
        "date requires attention",
        *rows,
        "Comments on overall performance for this PDP (as at end of June 2018)",
        "Housing - there has been a significant increase in the cases dealt with "
        "via the Hub. The theme continues around vulnerability of residents.",
    ]
    doc = read_document(Path("x.txt"), "x.txt", "\n".join(lines).encode(), "plain")
    return [
        (r.period, r.category, r.count)
        if isinstance(r, StatusCount)
        else (r.code, r.message.split(": ", 2)[-1])
        for r in (f.record for f in process_document(doc).found)
        if isinstance(r, StatusCount | IssueRow)
    ]


@pytest.mark.parametrize(
    "first",
    ["Last quarter 9 (75%) 0 (0%) 3 (25%)", "Q4 9 (75%) 0 (0%) 3 (25%)"],
)
def test_a_raw_row_of_last_year_s_quarter_is_reported(first: str) -> None:
    """A Q1 report's grid whose first row is last year's Q4: reported whole.
    The rows' labels are no title naming the quarters the report covers."""
    label = first.rsplit(" 9 ", 1)[0]
    assert _raw_q1([first, "This quarter 2 (50%) 2 (50%) 0 (0%)"]) == [
        (
            "unparsed_block",
            f'its row labelled "{label}" is of another year than the report\'s',
        ),
        ("no_facts", "no figures in tables"),
    ]


def test_a_raw_row_of_this_quarter_is_the_report_s() -> None:
    assert _raw_q1(["This quarter 2 (50%) 2 (50%) 0 (0%)"]) == [
        ("Q1", "completed", 2),
        ("Q1", "on_target", 2),
        ("Q1", "attention", 0),
    ]


def test_raw_rows_of_a_scope_then_a_period() -> None:
    """ "Actions Q1 1 3 0": the scope, then the period; a heading after the
    grid that names a quarter and a year is no row of it."""
    read = recognised(
        status_summary,
        [
            "Housing PDP 2017-18 Quarter 2 Update",
            "Summary of Progress",
            "Completed On Target Requires Attention",
            "Actions Q1 1 3 0",
            "Actions Q2 2 2 1",
            "Quarter 4 2018",
            "Comments",
        ],
    )
    assert [(r.period, r.count) for r in read if isinstance(r, StatusCount)] == [
        ("Q1", 1),
        ("Q1", 3),
        ("Q1", 0),
        ("Q2", 2),
        ("Q2", 2),
        ("Q2", 1),
    ]
    assert read_line("Quarter 2 2018 1 3 0", 4) is None
    assert not is_values_line("Year to date 2018")


def _raw_q2(rows: list[str]) -> list[object]:
    return [
        (r.scope, r.period, r.count) if isinstance(r, StatusCount) else r.code
        for r in recognised(
            status_summary,
            [
                "Housing PDP 2017-18 Quarter 2 Update",
                "Summary of Progress",
                "Completed On Target Requires Attention",
                *rows,
                "Comments",
            ],
        )
    ]


@pytest.mark.parametrize(
    "row, scope, period",
    [
        # The scope's name, then the period: the row's, however many words.
        ("Milestones Last quarter 1 3 0", "milestones", "Q1"),
        (
            "Key Performance Indicators Last quarter 1 3 0",
            "performance_indicators",
            "Q1",
        ),
        (
            "Key Performance Indicators Year to date 1 3 0",
            "performance_indicators",
            "Q1-Q2",
        ),
        ("Corporate Plan Actions Q2 1 3 0", "actions", "Q2"),
    ],
)
def test_a_raw_row_of_a_scope_and_a_period(row: str, scope: str, period: str) -> None:
    assert _raw_q2([row]) == [
        (scope, period, 1),
        (scope, period, 3),
        (scope, period, 0),
    ]


@pytest.mark.parametrize(
    "rows",
    [
        # "Q1 1 3" under three labels (-raw drops an empty cell), first or
        # after a row: whose value is missing cannot be told.
        ["Q1 1 3", "Q2 2 2 1"],
        ["Q2 2 2 1", "Q1 1 3"],
        # A period inside a phrase is no row's: the scope's name does not
        # end the words before it.
        ["Actions carried forward from Q1 1 3 0"],
        ["Actions due last quarter 1 3 0"],
    ],
)
def test_a_raw_grid_with_a_row_that_cannot_be_read_is_reported(
    rows: list[str],
) -> None:
    assert _raw_q2(rows) == ["unparsed_block"]


@pytest.mark.parametrize(
    "after",
    [
        # Headings ending in a year or a year range.
        "Actions Q1 2018",
        "Actions Q1 2018 - 19",
        "Performance Indicators Q2 2018 - 2019",
    ],
)
def test_what_follows_a_raw_grid_leaves_it_read(after: str) -> None:
    assert _raw_q2(["Actions 1 (25%) 3 (75%) 0 (0%)", after]) == [
        ("actions", "Q2", 1),
        ("actions", "Q2", 3),
        ("actions", "Q2", 0),
    ]
