"""Summary grids in `-layout` text whose label cells the column finder could
not part: two labels run together, or a label run into the counts under it.
Which column each count is under cannot be told, so the grid is not read,
and its numbers are reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.pipeline import process_document
from extract.readers import read_document
from extract.records import IssueRow, StatusCount

TITLE = "Housing, Crime and Partnerships Priority Delivery Plan 2017-18 Update"
RUN_TOGETHER = [
    "                                                                      Project",
    "Project                                                   Requires    aborted/",
    "completed  Milestone on target Project requires attention Amendment   closed",
    "0 0%       10 34.5%            3 10.3%                    8 27.6%     8 27.6%",
]
INTO_COUNTS = [
    "                                  Milestone/timeline/scope/target",
    "                                  date",
    "                                  requires              Project aborted/",
    "Action on target    Complete      attention.            closed",
    "2                   1             7                     1",
    "18.1%               9%            63.6%                 9%",
]


# "Project requires" / "attention" wrapped around the next label's line: one
# cell "Project requires Project requires amendment. … attention", which
# names "requires amendment" alone (it took attention's count).
WRAPPED_AROUND = [
    "                                                  Not Yet Due",
    "Project requires Project requires amendment.      Actions Completed   On Target",
    "attention                                         ",
    "0 0%             9 24.3%                          12 32.4%            2 5.4%",
]


# "Not on target" run into "Completed": the cell names completed alone (a
# denied status is none), and took "Not on target"'s count.
DENIED_RUN_IN = [
    "On target    Not on target Completed    Requires attention",
    "3 30%        2 20%         5 50%        0 0%",
]


# "Total" run into "On target": the cell names on_target alone, and took
# the total's count.
WHOLE_RUN_IN = [
    "Project requires attention  Total On target   Project completed",
    "3                           10    7           0",
]


# "Project slipped", a label naming no status, run into "Requires Attention":
# the cell is over two columns and took the first's count; the second is
# left without a label.
UNKNOWN_RUN_IN = [
    "Complete     Aborted/Closed    On target    Project slipped Requires Attention"
    "    Total",
    "1            6                 12           8               12"
    "                    39",
]


# Two rows of labels that, joined, are no labels ("Requires Amendment" over
# "Project aborted"): neither row alone is the grid's labels.
JOINED_RUN_TOGETHER = [
    "Milestone   Milestone   Project Timeline/scope/target     Requires Amendment",
    "completed   on target   date requires attention.          Project aborted",
    "                        Alterations considered by",
    "                        leadership team",
    "0 0%        10 56%      5 28%                             3 17%",
]


# A label run over the next column, told by the second row's values: the
# first prints a dash beside a count.
RUN_IN_SECOND_ROW = [
    "              Completed       On target       Project timeline requires attention"
    "      Aborted",
    "Actions       1               3               -                     12"
    "                 0",
    "Milestones    2               4               5                     6"
    "                  1",
]


@pytest.mark.parametrize(
    "grid",
    [RUN_TOGETHER, INTO_COUNTS, WRAPPED_AROUND, DENIED_RUN_IN, RUN_IN_SECOND_ROW]
    + [WHOLE_RUN_IN, UNKNOWN_RUN_IN, JOINED_RUN_TOGETHER],
)
def test_a_grid_whose_labels_ran_together_is_reported_not_read(
    grid: list[str],
) -> None:
    lines = [TITLE, "", "Summary of Progress in Delivering Projects/Actions:", ""]
    text = "\n".join([*lines, *grid, "", "6 Implications", ""])
    doc = read_document(Path("x.txt"), "x.txt", text.encode(), text_form="layout")
    found = [f.record for f in process_document(doc).found]
    assert not [r for r in found if isinstance(r, StatusCount)]
    unread = [
        r for r in found if isinstance(r, IssueRow) and r.code == "unparsed_block"
    ]
    assert [r.line for r in unread] == [5]
    assert f"x.txt:5-{4 + len(grid)}: " in unread[0].message


def test_a_count_in_the_first_column_is_reported() -> None:
    # The first column holds a count ("0"), not the rows' own label
    # ("Actions"): its label, "Not on target", names no status, so the count
    # is reported, not dropped unsaid.
    grid = [
        "Not on Project          Milestone     Completed",
        "target scope/target     on target",
        "       date requires",
        "       attention.",
        "0      2                1             5",
    ]
    title = TITLE.replace("Update", "End of Year Performance Update")
    lines = [title, "", "Summary of Progress in Delivering Projects/Actions:", ""]
    text = "\n".join([*lines, *grid, "", "6 Implications", ""])
    doc = read_document(Path("x.txt"), "x.txt", text.encode(), text_form="layout")
    found = [f.record for f in process_document(doc).found]
    counts = {(r.category, r.count) for r in found if isinstance(r, StatusCount)}
    assert counts == {("attention", 2), ("on_target", 1), ("completed", 5)}
    said = [
        r.message
        for r in found
        if isinstance(r, IssueRow) and r.code == "unknown_status_label"
    ]
    assert len(said) == 1 and said[0].endswith('"(no label)" = 0')


@pytest.mark.parametrize("label", ["Fully completed", "Has been completed"])
def test_a_status_no_denial_names_is_one_label(label: str) -> None:
    """ "Fully completed", "Has been completed": one label, completed; only
    the words that deny a status ("not", "not fully", "not been") make a
    second label run into it."""
    grid = [
        f"          {label:<20}On target     Requires attention",
        "Actions   5                   3             0",
    ]
    lines = [TITLE + " Quarter 2", "", "Summary of Progress:", ""]
    text = "\n".join([*lines, *grid, "", "6 Implications", ""])
    doc = read_document(Path("x.txt"), "x.txt", text.encode(), text_form="layout")
    found = [f.record for f in process_document(doc).found]
    assert [(r.category, r.count) for r in found if isinstance(r, StatusCount)] == [
        ("completed", 5),
        ("on_target", 3),
        ("attention", 0),
    ]


def test_labels_whose_first_lines_are_a_row_of_their_own_are_read_whole() -> None:
    """Each label's first line printed as a row above the others ("Milestone"
    over "completed"; "Requires Amendment" on that row alone): the labels are
    the two rows' cells joined, and they name the grid's scope."""
    grid = [
        "Milestone   Milestone   Project Timeline/scope/target     Requires Amendment",
        "completed   on target   date requires attention.",
        "                        Alterations considered by",
        "                        leadership team",
        "0 0%        10 56%      5 28%                             3 17%",
    ]
    lines = [TITLE + " Quarter 2", "", "Summary of Progress:", ""]
    text = "\n".join([*lines, *grid, "", "6 Implications", ""])
    doc = read_document(Path("x.txt"), "x.txt", text.encode(), text_form="layout")
    found = [f.record for f in process_document(doc).found]
    assert [
        (r.scope, r.category, r.count, r.percent)
        for r in found
        if isinstance(r, StatusCount)
    ] == [
        ("milestones", "completed", 0, 0.0),
        ("milestones", "on_target", 10, 56.0),
        ("milestones", "attention", 5, 28.0),
        ("milestones", "amendment", 3, 17.0),
    ]
    assert not [r for r in found if isinstance(r, IssueRow) and r.severity != "info"]


def _counts(grid: list[str], form: str) -> list[tuple[str, int | None]]:
    lines = [TITLE + " Quarter 2", "", "Summary of Progress:", ""]
    text = "\n".join([*lines, *grid, "", "6 Implications", ""])
    doc = read_document(Path("x.txt"), "x.txt", text.encode(), text_form=form)
    found = [f.record for f in process_document(doc).found]
    return [(r.category, r.count) for r in found if isinstance(r, StatusCount)]


def test_a_merged_label_over_two_counts_is_reported() -> None:
    """TAB text of a merged header cell: "Requires attention" over two
    counts, the second under an empty cell. Whose is which cannot be told."""
    grid = [
        "\tCompleted\tOn target\tRequires attention\t\tAborted",
        "Actions\t1\t3\t8\t12\t0",
    ]
    assert _counts(grid, "tab") == []
    lines = [TITLE + " Quarter 2", "", "Summary of Progress:", ""]
    text = "\n".join([*lines, *grid, "", "6 Implications", ""])
    doc = read_document(Path("x.txt"), "x.txt", text.encode(), text_form="tab")
    found = [f.record for f in process_document(doc).found]
    unread = [
        r for r in found if isinstance(r, IssueRow) and r.code == "unparsed_block"
    ]
    assert [r.line for r in unread] == [5]


@pytest.mark.parametrize("total", ["Total\t1\t3\t0", "Total\t-\t-\t-"])
def test_a_total_row_over_the_next_grid_s_labels_is_no_label(total: str) -> None:
    """A grid's "Total" row right over the next grid's labels: values, not
    the first lines of those labels."""
    grid = [
        "\tCompleted\tOn target\tRequires attention",
        "Actions\t1\t3\t0",
        total,
        "\tCompleted\tOn target\tRequires attention",
        "Milestones\t2\t2\t2",
    ]
    counts = _counts(grid, "tab")
    assert counts[-3:] == [("completed", 2), ("on_target", 2), ("attention", 2)]


def test_first_lines_over_the_labels_beside_a_corner_figure_are_joined() -> None:
    """ "Milestone" over each label, beside a corner cell that prints a
    figure ("Status at 30 September"): the labels' first lines, whose
    scope the grid is of."""
    grid = [
        "Status at 30 September\tMilestone\tMilestone\tMilestone",
        "\tcompleted\ton target\trequires attention",
        "Housing\t2\t5\t1",
    ]
    lines = [TITLE + " Quarter 2", "", "Summary of Progress:", ""]
    text = "\n".join([*lines, *grid, "", "6 Implications", ""])
    doc = read_document(Path("x.txt"), "x.txt", text.encode(), text_form="tab")
    found = [f.record for f in process_document(doc).found]
    assert [(r.scope, r.count) for r in found if isinstance(r, StatusCount)] == [
        ("milestones", 2),
        ("milestones", 5),
        ("milestones", 1),
    ]


@pytest.mark.parametrize(
    "grid, form",
    [
        (
            [
                "\tCompleted\t\tOn target\t\tRequires attention\t",
                "Actions\t1\t25%\t3\t75%\t0\t0%",
            ],
            "tab",
        ),
        (
            [
                "            Completed          On target          Requires attention",
                "Actions     1        25%       3        75%       0         0%",
                "Milestones  -        -         -        -         -         -",
            ],
            "layout",
        ),
    ],
)
def test_a_count_s_share_in_a_column_of_its_own_is_no_run_over(
    grid: list[str], form: str
) -> None:
    """A label over a count and its share in two columns (a merged header
    cell): the count is the label's, and the shares, under no label, are
    reported; they are no other status's count. Nor are dashes beside
    dashes."""
    counts = [("completed", 1), ("on_target", 3), ("attention", 0)]
    if form == "layout":
        counts += [("completed", None), ("on_target", None), ("attention", None)]
    assert _counts(grid, form) == counts
    lines = [TITLE + " Quarter 2", "", "Summary of Progress:", ""]
    text = "\n".join([*lines, *grid, "", "6 Implications", ""])
    doc = read_document(Path("x.txt"), "x.txt", text.encode(), text_form=form)
    said = [
        r.message
        for r in (f.record for f in process_document(doc).found)
        if isinstance(r, IssueRow) and r.code == "unknown_status_label"
    ]
    assert len(said) == 1
    shares = ["25%", "75%", "0%"] if form == "tab" else ["25%, -", "75%, -", "0%, -"]
    assert said[0].endswith("; ".join(f'"(no label)" = {v}' for v in shares))


def test_a_label_spilt_above_a_middle_column_is_read() -> None:
    grid = [
        "                               No Rating",
        "Completed       On target                              Requires attention",
        "1               6              3                       0",
    ]
    assert _counts(grid, "layout") == [
        ("completed", 1),
        ("on_target", 6),
        ("no_rating", 3),
        ("attention", 0),
    ]
