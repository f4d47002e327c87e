"""The rules that leave a layout-text cell unplaced: small made-up lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.layout.headers import label_spans
from extract.layout.text_columns import cells_of, fragments, split_labels
from extract.layout.text_rows import starts_row
from extract.layout.unplaced import (
    doubtful_cut,
    marks_at_labels,
    misplaced_marks,
    stray_marks,
    unread_rows,
)
from extract.run import extract
from tests.conftest import rows_of

HEADER = "Milestone      Progress      Q1 Q2 Q3 Q4"
#                                    ^29^32^35^38


@pytest.mark.parametrize(
    "x, placed",
    [
        (29, True),  # under "Q1"
        (33, True),  # under the second character of "Q2"
        (31, False),  # between "Q1" and "Q2"
        (41, False),  # past "Q4"
        (20, False),  # in the Progress column
    ],
)
def test_a_mark_is_placed_only_under_one_label(x: int, placed: bool) -> None:
    line = "Publish policy" + " " * (x - 14) + "✓"
    region = [fragments(HEADER), fragments(line)]
    assert misplaced_marks(region) == (set() if placed else {1})


def test_labels_set_apart_are_not_tight() -> None:
    header = "Milestone      Progress      Q1     Q2     Q3     Q4"
    line = "Publish policy" + " " * 18 + "✓"
    assert misplaced_marks([fragments(header), fragments(line)]) == set()


@pytest.mark.parametrize(
    "line, doubtful",
    [
        # A word starts exactly at the column (20): the cut is certain.
        ("Previous 12 months  5,673", False),
        ("Last 12 months = 3,235 Last 12 3,108 Last", True),
        # One word near the column: the cut can only be there.
        ("Satisfaction with local 5,673", False),
    ],
)
def test_a_cut_is_doubtful_where_two_words_could_start_a_column(
    line: str, doubtful: bool
) -> None:
    assert doubtful_cut(line, fragments(line), [0, 20]) is doubtful


def test_a_cut_the_lines_other_cells_tell_is_not_doubtful() -> None:
    # 000-browser-layout line 18: "12" and "5,828" both start near the
    # Quarter 2 column (31); "5,828 Last" prints as the other quarters do.
    line = "All crime       5,673 Last 12 5,828 Last      5,967 Last     6,318 Last"
    cuts = [0, 16, 31, 46, 61]
    assert doubtful_cut(line, fragments(line), cuts) is False
    assert cells_of(line, cuts, 5)[1:3] == ["5,673 Last 12", "5,828 Last"]
    # Where the nearest word's cell is not the one that prints so, or no
    # other cell tells: doubtful, as before.
    told = "All crime       5,673 Last 12 5,828 Last      5 5 Last      6 6 Last"
    assert doubtful_cut(told, fragments(told), cuts) is True
    alone = "All crime       5,673 Last 12 5,828 Last"
    assert doubtful_cut(alone, fragments(alone), cuts) is True


def test_a_last_word_one_character_before_a_column_is_that_columns() -> None:
    # 002-browser-layout line 70: the frequency "Q" at 14, its column at 15.
    line = "Number of ASB Q              85"
    assert cells_of(line, [0, 15, 29], 3) == ["Number of ASB", "Q", "85"]


def test_a_header_line_that_completes_its_labels_goes_on_with_the_header() -> None:
    # 002-browser-layout lines 59-60: "Performance" / "Indicator".
    header = ["Performance", "Frequency", "Last", "Target", "Q1", "Q2"]
    assert not starts_row([header], ["Indicator", "of", "year's", "", "", ""])
    assert starts_row([header], ["Number of fly", "Q", "470", "N/A", "102", "132"])


def test_a_name_going_on_in_lower_case_is_the_same_row() -> None:
    # 002-browser-layout lines 96-97: the HRA indicator's name wraps.
    row = [["Following", "Q", "N/A", "0% (All cases", "1.22%", "(One"]]
    line = ["implementation", "", "", "dealt with at", "(Only three", "case"]
    assert not starts_row(row, line, (), [20, 3, 5, 15, 12, 10])


@pytest.mark.parametrize(
    "firsts, doubtful, unread",
    [
        # A doubtful row's wrapped lines in lower case: the row above is its
        # start, the row below its rest (002-browser-layout lines 96-106).
        (
            [
                ["Following", "Q", "N/A", "0% (All cases"],
                ["Duty", "", "progressed to", "from 82,"],
                ["Homelessness", "", "main duty in", "two of"],
                ["Number of", "Q", "", "This"],
            ],
            [False, True, False, False],
            [True, True, True, False],
        ),
        # A doubtful row that starts afresh leaves the row above read.
        (
            [["Number of new", "Q", "531", "N/A"], ["Number of", "Q", "141 cases", ""]],
            [False, True],
            [False, True],
        ),
    ],
)
def test_a_doubtful_row_leaves_the_rows_it_may_go_on_with_unread(
    firsts: list[list[str]], doubtful: list[bool], unread: list[bool]
) -> None:
    assert unread_rows(firsts, doubtful) == unread


@pytest.mark.parametrize(
    "text, labels",
    [
        # 001-browser-layout line 6: a header's labels set one space apart.
        (
            "Quarter 1 Quarter 2 Annual Total Annual Target Target Achieved / Trend",
            [
                "Quarter 1",
                "Quarter 2",
                "Annual Total",
                "Annual Target",
                "Target Achieved / Trend",
            ],
        ),
        ("Outcomes Q1", ["Outcomes", "Q1"]),
        # 001-browser-layout line 217: a status grid's labels.
        (
            "Project completed Project on target Project Timeline/scope/target "
            "date requires attention. Alterations considered by leadership team",
            [
                "Project completed",
                "Project on target",
                "Project Timeline/scope/target date requires attention. "
                "Alterations considered by leadership team",
            ],
        ),
        # One label, prose, or words that are not all labels: no split.
        ("Annual Target", None),
        ("The quarter was good", None),
        ("Frequency Last", None),
    ],
)
def test_a_run_of_labels_is_split_into_its_labels(
    text: str, labels: list[str] | None
) -> None:
    spans = label_spans(text)
    assert (None if spans is None else [text[a:b] for a, b in spans]) == labels


def test_a_figure_in_the_column_a_label_starts_near_is_no_stray_mark() -> None:
    # 002-browser-layout line 70 prints "20" at 43, the start of the column
    # that "Q1" (at 44, line 59) heads: no stray mark. A "5" at 40, in the
    # column before, is one.
    header = split_labels(
        fragments("Performance        Frequency Last    Target Q1      Q2")
    )
    starts = [0, 15, 28, 37, 43, 58]
    row = fragments("Number of ASB Q              85      N/A   20         27")
    assert stray_marks([header, row], starts) == set()
    stray = fragments("Number of ASB Q              85         5")
    assert stray_marks([header, stray], starts) == {1}


def test_a_value_listed_under_a_value_in_its_cell_is_the_same_row() -> None:
    # 000-browser-layout lines 249-253: the fly-tipping row's target cell
    # lists "2017.18 – 425" over "2016.17 - 484".
    row = [
        ["Number of fly", "123", "No target -"],
        ["incidents", "", "measure only"],
        ["", "", "2017.18 – 425"],
    ]
    assert not starts_row(row, ["", "", "2016.17 - 484"], (), [14, 4, 14])
    # A row of one line: its value under another is the next row's.
    assert starts_row([["", "", "2017.18 – 425"]], ["", "", "2016.17 - 484"])


def test_a_mark_run_into_text_is_no_stray_mark_with_one_under_each_label() -> None:
    # samples/text/003_…-browser-layout lines 130 and 143.
    header = " " * 98 + "Q1     Q2"
    line = "<p>Training delivered to front line staff ▶".rjust(98) + "       ▶"
    alone = "<p>Training delivered to front line staff ▶".rjust(98)
    region = [fragments(header), fragments(line), fragments(alone)]
    assert stray_marks(region, [0, 55, 98, 105]) == {2}


def test_a_cut_the_fragments_own_parts_tell_is_not_doubtful() -> None:
    # 002-browser-layout line 101: "2 out of 115 3 out of 162" over the
    # Quarter 4 column (88), where "115" and "3" both start near it: the two
    # parts print alike.
    cuts = [0, 43, 61, 76, 88, 101]
    line = "Duty" + " " * 39 + "progressed to" + " " * 5 + "from 82," + " " * 7
    line += "2 out of 115 3 out of 162"
    assert doubtful_cut(line, fragments(line), cuts) is False
    assert cells_of(line, cuts, 6)[3:5] == ["2 out of 115", "3 out of 162"]


def test_cells_of_figures_alone_tell_no_cut(tmp_path: Path) -> None:
    # A fuzzed layout text, line 6: "12  12 of 15 78" under Q2-Q4: Q3's "12
    # of 15" and Q4's "78" run together, and "of" and "15" both start near
    # the Q4 column. A cell "12" beside prints as "12" would: it tells
    # nothing, so the row is reported, not read as Q3 "12" and Q4 "of 15 78".
    lines = [
        "Community Safety Performance Report 2018-19",
        "",
        "Performance Indicators",
        "Performance Indicator                    Freq Last year  Tar"
        "get  Q1       Q2  Q3  Q4       Total",
        "Number of fly tipping incidents          A    1,084      Pha"
        "se 1 Phase 2 5 (5%) 470 0      45%",
        "Retain Green Flags                       Q               1,0"
        "84   No       12  12 of 15 78  n/a",
        "Number of tenancies sustained            A               1 o"
        "f 2  10 (12%) Not due 102 Yes  15",
        "Number of CCTV case reviews              Q    1 of 2        "
        "     n/a          78  On track 15",
        "Number of good news stories              Q               On "
        "track 12      1,084 n/a Not due 470",
    ]
    src = tmp_path / "in" / "flags-layout.txt"
    src.parent.mkdir()
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    extract([src], tmp_path / "out")
    values = rows_of(tmp_path / "out", "indicator_values", src.name)
    assert values[values.indicator.str.contains("Green")].empty
    issues = rows_of(tmp_path / "out", "issues", src.name)
    assert (issues.code == "unparsed_block").any()


def test_a_row_of_values_goes_on_under_its_name_alone() -> None:
    # pdftotext -layout of a portrait print of sample 002: "Retain 6 Green
    # A 6 6 6" over "Flags", the rest of the name. A theme heading split over
    # a line's cells ("Cleaner and safer env | vironments: Striving …") is
    # the row above the next name; a row of values is not.
    values = [["Retain 6 Green", "A", "6", "6", "", "6"]]
    assert not starts_row(values, ["Flags", "", "", "", "", ""])
    heading = [["Cleaner and safer env", "vironments: Striving", "leaner, greener"]]
    assert starts_row(heading, ["Satisfaction", "", ""])


def test_a_name_afresh_with_values_under_ended_columns_is_the_next_row() -> None:
    # A portrait print of sample 000, lines 221-226: the residual waste row's
    # tonnages end lines before its name does ("District"); "Number of fly
    # 123 121 81 100" is the next row, not the rest of it.
    residual = [
        ["Residual", "5,676.55 Tonnes", "4,956.59 Tonnes", "4,963.50 Tonnes NB:"],
        ["household waste", "Confirmed - SCC", "Confirmed - SCC", "Figure based on"],
        ["collected in the", "residual tonnage", "residual tonnage", "estimated SCC"],
        ["District", "", "", "tonnages"],
    ]
    widths = [19, 17, 16, 25]  # "env in the District" is the name column's widest
    assert starts_row(residual, ["Number of fly", "123", "121", "100"], (), widths)
    # A row's second line under its first: values again in filled columns
    # (002's "Number of" / "Discretionary  Value –  £19,112.23 …") go on.
    dhp = [["Number of", "141 cases", "100 cases", "98 cases"]]
    assert not starts_row(dhp, ["Discretionary", "Value –", "£19,112.23", "£22,208.60"])


def test_figures_under_a_status_grids_labels_are_its_first_row(tmp_path: Path) -> None:
    # A status grid printed with no line above its labels: its counts were
    # joined to the labels ("Project completed 0"), and the grid read with
    # its percentages and null counts, without a word.
    labels = [
        "Project completed",
        "Project on target",
        "Project Timeline/scope/target date requires attention.",
        "Project aborted/ closed",
    ]
    counts = ["0", "4", "1", "0"]
    assert starts_row([labels], counts)
    # A header's labels wrapped onto the next line still go on with it.
    assert not starts_row([["Performance", "Frequency"]], ["Indicator", "of reporting"])
    widths = [30, 30, 60, 30]
    lines = [
        "Housing Priority Delivery Plan 2018-19 – Quarter 3 Performance Update",
        "",
        "Summary of Progress in Delivering Projects/Actions:",
        "",
        "".join(t.ljust(w) for t, w in zip(labels, widths, strict=True)),
        "".join(t.ljust(w) for t, w in zip(counts, widths, strict=True)),
        "".join(
            t.ljust(w) for t, w in zip(["0%", "80%", "20%", "0%"], widths, strict=True)
        ),
    ]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "grid-layout.txt").write_text("\n".join(lines), encoding="utf-8")
    extract([tmp_path / "in"], tmp_path / "out", text_form="layout")
    grid = rows_of(tmp_path / "out", "status_summary", "grid-layout.txt")
    assert grid.set_index("category")["count"].to_dict() == {
        "completed": 0,
        "on_target": 4,
        "attention": 1,
        "aborted": 0,
    }
    assert list(grid.percent) == [0, 80, 20, 0]


@pytest.mark.parametrize(
    "labels, line",
    [
        # The years of a two-line header: "2016.17" under "Outturn".
        (["", "Outturn", "Target", "Quarter 1"], ["", "2016.17", "2017.18", ""]),
        # A status grid's symbols under its labels, over its counts.
        (["", "Project completed", "Project on target"], ["", "✓", "▶"]),
    ],
)
def test_a_headers_own_second_line_goes_on_with_it(
    labels: list[str], line: list[str]
) -> None:
    assert not starts_row([labels], line)


def test_marks_under_or_just_after_another_label_are_not_moved() -> None:
    # "▲" at 96 under "DoT" (93-96), "✓" at 102 and 108 just after "Q1"
    # (100-102) and "Q2": each a few characters before the next quarter's
    # label, yet perhaps the label's before. Left where printed, they are
    # read by place, as before.
    header = "Action & Progress Update".ljust(52) + "Outcomes".ljust(41)
    header += "DoT    Q1    Q2    Q3    Q4"
    row = "Explore delivery options".ljust(52) + "New cemetery site".ljust(44)
    row += "▲     ✓     ✓     ▲"
    region = [fragments(header), fragments(row)]
    assert [f.x0 for f in region[1] if f.text in "▲✓"] == [96, 102, 108, 114]
    assert marks_at_labels(region)[1] == region[1]


def test_a_quarters_name_as_a_value_is_read(tmp_path: Path) -> None:
    # "Q4" (when a figure is due) under "Quarter 2" is a value as printed;
    # only label words alone in two cells or more ("Rating", "Rating") are a
    # header's wrapped line.
    header = " " * 51 + "".join(
        label.ljust(17)
        for label in [
            "Quarter 1",
            "Quarter 2",
            "Quarter 3",
            "Quarter 4",
            "Annual Target",
        ]
    )
    lines = [
        "Housing Priority Delivery Plan 2017-18 Quarters 1 and 2 Performance Update",
        "",
        header,
        "Additional affordable housing".ljust(51)
        + "76".ljust(17)
        + "33".ljust(51)
        + "160",
        "Tenant satisfaction (annual STAR survey)".ljust(68) + "Q4",
        "Stock condition survey completed".ljust(51) + "Q3",
    ]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "due-layout.txt").write_text("\n".join(lines), encoding="utf-8")
    extract([tmp_path / "in"], tmp_path / "out", text_form="layout")
    values = rows_of(tmp_path / "out", "indicator_values", "due-layout.txt")
    due = values[values.value_text.isin(["Q3", "Q4"])]
    assert sorted(zip(due.indicator, due.period, due.value_text, strict=True)) == [
        ("Stock condition survey completed", "Q1", "Q3"),
        ("Tenant satisfaction (annual STAR survey)", "Q2", "Q4"),
    ]
    assert due.value.isna().all()


def test_a_dash_for_none_is_a_count_beside_figures() -> None:
    labels = ["Project completed", "Project on target", "Project aborted/ closed"]
    assert starts_row([labels], ["3", "-", "1"])
    assert not starts_row([labels], ["-", "-", "–"])
