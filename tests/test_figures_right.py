"""Figures set to the right of their cells in `pdftotext -layout` text
(tests/fixtures/figuresright/): each stays in its own column, not the next
one whose start it ends just short of."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.layout.right_set import columns_at_labels
from extract.layout.text_columns import (
    cells_of,
    column_starts,
    fragments,
    split_labels,
)
from extract.run import extract
from tests.conftest import SAMPLES, rows_of

FIGURES_RIGHT = Path(__file__).parent / "fixtures" / "figuresright"
COLUMNS = ["indicator_id", "financial_year", "period", "measure", "value"]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("figuresright")
    extract([FIGURES_RIGHT], out)
    return out


@pytest.fixture(scope="module")
def values(out: Path) -> dict[str, pd.DataFrame]:
    return {
        path.name: rows_of(out, "indicator_values", path.name)[COLUMNS]
        for path in sorted(FIGURES_RIGHT.glob("*.txt"))
    }


def test_right_set_figures_stay_in_their_quarters(
    values: dict[str, pd.DataFrame],
) -> None:
    layout = values["v001_000-figures-right-layout.txt"]
    fly = layout[layout.indicator_id == "fly-tipping-incidents"]
    quarters = fly[fly.period.str.startswith("Q")].set_index("period")
    assert quarters.value.to_dict() == {"Q1": 123, "Q2": 121, "Q3": 81, "Q4": 100}
    assert set(quarters.measure) == {"actual"}
    # "No target - this is a measure …": no target, last years' outturns only.
    assert not (fly.measure == "target").any()
    assert sorted(fly[fly.period == "FY"].value) == [425, 484]


def test_the_layout_text_gives_the_values_of_its_tab_text(
    values: dict[str, pd.DataFrame],
) -> None:
    def facts(rows: pd.DataFrame) -> set[tuple[str, ...]]:
        return set(rows.astype(str).apply(tuple, axis=1))

    layout = facts(values["v001_000-figures-right-layout.txt"])
    tab = facts(values["v001_000.txt"])
    assert layout == tab
    assert len(layout) == 20


def test_a_status_grid_of_figures_set_right_is_read_as_its_tab_text(out: Path) -> None:
    # v001_000-figures-right-layout lines 147-150: "No Rating" printed over
    # the header line, each count and percentage set to the right ("0" at
    # 30, "0%" at 28 under "Project completed" at 0, "Project on target" at
    # 34), each pair ending together. The grid was reported ("No Rating"),
    # not read. The second grid's last pair (lines 202-203: "0" at 220,
    # "0%" at 216) does not end together: it is reported still.
    name = "v001_000-figures-right-layout.txt"
    columns = ["plan", "scope", "period", "category", "count", "percent"]
    layout = rows_of(out, "status_summary", name)[columns]
    tab = rows_of(out, "status_summary", "v001_000.txt")[columns]
    tab = tab[tab.plan.str.startswith("Crime")]
    assert len(layout) == 5
    assert set(layout.astype(str).apply(tuple, axis=1)) == set(
        tab.astype(str).apply(tuple, axis=1)
    )
    crime = layout.set_index("category")
    assert crime["count"].to_dict() == {
        "completed": 0,
        "on_target": 4,
        "attention": 1,
        "aborted": 0,
        "no_rating": 0,
    }
    assert crime.loc["on_target", "percent"] == 80
    issues = rows_of(out, "issues", name)
    assert issues.message.str.startswith(f"{name}:200-203: table block").any()


def test_right_set_figures_under_left_set_labels_are_read(out: Path) -> None:
    # v009_002-figures-right-layout lines 65-88: labels set to the left
    # ("Q1" at 82, "Q2" at 124), figures set to the right, each ending short
    # of the next label ("20" at 119-121, "9,335" at 206-211 under "Q4" at
    # 184).
    # The figures of one width started columns of their own, under no label,
    # and the rows were reported, not read.
    name = "v009_002-figures-right-layout.txt"
    layout = rows_of(out, "indicator_values", name)
    tab = rows_of(out, "indicator_values", "v009_002.txt")

    def facts(rows: pd.DataFrame) -> set[tuple[str, ...]]:
        return set(rows[[*COLUMNS, "unit"]].astype(str).apply(tuple, axis=1))

    assert len(layout) == 31
    assert facts(layout) <= facts(tab)
    tenancies = layout[layout.indicator_id == "tenancies-sustained"]
    key = ["financial_year", "period", "measure"]
    assert tenancies.set_index(key).value.to_dict() == {
        ("2017/18", "FY", "actual"): 34,
        ("2018/19", "FY", "target"): 38,
        ("2018/19", "Q1", "actual"): 16,
        ("2018/19", "Q2", "actual"): 12,
        ("2018/19", "Q3", "actual"): 20,
        ("2018/19", "Q4", "actual"): 17,
        ("2018/19", "FY", "actual"): 69087,
    }
    duty = layout[layout.indicator_id == "homelessness-main-duty"]
    quarters = duty[duty.period.str.startswith("Q")].set_index("period")
    assert quarters.value.to_dict() == {"Q1": 0, "Q2": 1.22, "Q3": 1.74, "Q4": 1.85}
    # The page's second table prints its cells too far from its labels to
    # tell (universal credit "1,093", fly tipping "54"): reported, not read.
    issues = rows_of(out, "issues", name)
    unread = issues[issues.message.str.contains("under no column label")]
    assert list(unread.line) == [106, 108, 109, 113]
    assert not (issues.code == "unreadable_value").any()


def test_figures_set_left_under_centred_labels_keep_their_column(
    tmp_path: Path,
) -> None:
    # samples/text/001-layout with the annual labels three characters right
    # of where they start, as centred labels print: "160" and "45" still
    # start together at the Annual Target column, set to the left.
    name = "001_4e0ea328a26b8980-layout.txt"
    lines = (SAMPLES / "text" / name).read_text(encoding="utf-8").split("\n")
    old = "Quarter 4                 Annual Total"
    assert old in lines[10]
    lines[10] = lines[10].replace(old, "Quarter 4                    Annual Total")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / name).write_text("\n".join(lines), encoding="utf-8")
    extract([tmp_path / "in"], tmp_path / "out")
    values = pd.read_parquet(tmp_path / "out" / "indicator_values.parquet")
    annual = values[values.period == "FY"].set_index("indicator_id")
    assert annual.loc["affordable-housing-additional", "measure"] == "target"
    assert annual.loc["affordable-housing-additional", "value"] == 160
    assert annual.loc["affordable-dwellings-s106", "value"] == 45
    assert set(annual.measure) == {"target"}


def test_right_set_figures_of_several_rows_end_together() -> None:
    # An unruled print of sample 001 with figures set right: "76" and "0"
    # end together at 119, short of "Quarter 2" at 122 (they start at 117
    # and 118); "33" and "0" likewise before "Quarter 3".
    header = "Quarter 1".rjust(103) + "Quarter 2".rjust(28) + "Quarter 3".rjust(27)
    rows = [
        "Additional affordable housing".ljust(117) + "76".ljust(27) + "33",
        "Number of affordable dwellings".ljust(118) + "0".ljust(27) + "0",
    ]
    lines = [header, *rows]
    region = [fragments(line) for line in lines]
    assert column_starts(region, lines) == [0, 94, 122, 149]
    assert [cells_of(row, [0, 94, 122, 149], 4) for row in rows] == [
        ["Additional affordable housing", "76", "33", ""],
        ["Number of affordable dwellings", "0", "0", ""],
    ]


def _starts(lines: list[str]) -> tuple[list[int], list[int]]:
    region = [split_labels(fragments(line)) for line in lines]
    own = column_starts(region, lines)
    return own, columns_at_labels(region, own)


RIGHT_SET = [
    "Indicator".ljust(20) + "Q1".ljust(30) + "Q2".ljust(30) + "Total",
    "Tenancies sustained".ljust(46) + "16".ljust(28) + "12".ljust(10) + "65",
    "Cases dealt with".ljust(45) + "120".ljust(29) + "17".ljust(9) + "104",
    "Main duty".ljust(20)
    + "0% (All cases".ljust(30)
    + "1.22% (Only".ljust(32)
    + "1.20%",
]


def test_right_set_figures_go_to_the_label_they_are_printed_after() -> None:
    # "12" and "17" end two characters short of "Total" (at 80): Q2's
    # figures, set to the right, in a column whose cell of a figure and
    # words is set to the left at its label ("1.22% (Only" at 50). "65",
    # "104" and "1.20%" end together past "Total". Q1's "16" and "120" end
    # together where "Q2" starts, and `column_starts` tells them already.
    own, starts = _starts(RIGHT_SET)
    assert own == [0, 20, 50, 74, 82]
    assert starts == [0, 20, 50, 80]
    assert [cells_of(row, starts, 4) for row in RIGHT_SET[1:]] == [
        ["Tenancies sustained", "16", "12", "65"],
        ["Cases dealt with", "120", "17", "104"],
        ["Main duty", "0% (All cases", "1.22% (Only", "1.20%"],
    ]


def test_a_start_the_labels_cannot_tell_leaves_every_start_as_it_was() -> None:
    # Without "1.22% (Only" set to the left at Q2, "12" and "17" start
    # together: they may be set to the left at a place of their own. The
    # Total figures alone would be told; the table keeps its starts, and
    # the rows under no label are reported as before.
    own, starts = _starts(RIGHT_SET[:3])
    assert own == [0, 20, 45, 50, 74, 83]
    assert starts == own


@pytest.mark.parametrize(
    "lines",
    [
        # A column with no label after the last one (a year to date).
        [
            "Performance Indicator               Target    Q1      Q2      Q3      Q4",
            "Number of fly tipping incidents     450       123     121     81"
            "              325",
            "Number of CCTV case reviews         350       101     99      115"
            "             315",
        ],
        # Figures set to the left under centred labels, the first beside the
        # name column.
        [
            "Performance Indicator                        Quarter 1           "
            "Quarter 2           Quarter 3",
            "Additional affordable housing           76                  33   "
            "               41",
            "Number of affordable dwellings          0                   5    "
            "               7",
        ],
        # A centred "Q1" beside an "Annual Target" that fills its cell, its
        # figures set to the left.
        [
            " Performance Indicator               Annual Target          Q1   "
            "       Quarter 2   Quarter 3",
            " Number of fly tipping incidents     400            123          "
            "       121         81",
            " Number of CCTV case reviews                        101          "
            "       99          1,115",
            " Additional affordable housing       160            76           "
            "       33          41",
        ],
        # Labels set to the right, a figure wider than its label ("4.55%"
        # over "Q1"'s start).
        [
            "Performance Indicator        Last year's outturn      Target     "
            " Q1      Q2      Q3      Q4",
            "Number of fly tipping incidents              484         450     "
            "        121      81     100",
            "Number of CCTV case reviews                1,340               "
            "4.55%      99     115     163",
        ],
    ],
)
def test_layouts_the_labels_do_not_tell_keep_their_starts(lines: list[str]) -> None:
    own, starts = _starts(lines)
    assert starts == own


def test_a_headers_own_lines_and_a_table_it_does_not_span_keep_their_columns() -> None:
    # "3" and "4" under "Quarter Quarter" are the header's own words
    # (tests/fixtures/writerlayout/001_…-writer-layout line 193), not
    # figures of the row below.
    header = [
        "Name".ljust(24) + "Quarter 1".ljust(22) + "Quarter Quarter Annual Target",
        " " * 46 + "3       4       Total",
        "Crime over time".ljust(24) + "Q1 (24.07.17)".ljust(22) + "Q2",
        " " * 24 + "Previous 12".ljust(22) + "Previous 12",
    ]
    own, starts = _starts(header)
    assert 54 in own
    assert starts == own
    # A header over the first columns of a table that goes on far beyond it
    # tells nothing of those (samples/text/001_…-layout line 48).
    wide = [
        "Action".ljust(20) + "Q1".ljust(10) + "Q2",
        "Improve homes".ljust(20) + "Target".ljust(10) + "No. of".ljust(30) + "275",
        "".ljust(20) + "Annual".ljust(10) + "homes".ljust(31) + "35",
    ]
    own, starts = _starts(wide)
    assert 60 in own
    assert starts == own


def test_a_status_grid_whose_last_figures_do_not_end_together_is_left() -> None:
    # A status grid's header, "No Rating" printed a line above the rest;
    # "0%" and "0" past it do not end together (v001_000-figures-right-
    # layout lines 200-203): set to the right or not cannot be told.
    lines = [
        " " * 76 + "No Rating",
        "Project completed".ljust(24)
        + "Project on target".ljust(24)
        + "Project aborted/ closed",
        "1".rjust(22) + "2".rjust(24) + "0".rjust(24) + "0".rjust(20),
        "33.3%".rjust(22) + "66.6%".rjust(24) + "0%".rjust(24) + "0%".rjust(17),
    ]
    own, starts = _starts(lines)
    assert own == [0, 24, 48, 68, 85, 89]
    assert starts == own
    # Where they end together, the grid is read at its labels.
    lines[2] = lines[2][:70] + "0".rjust(21)
    lines[3] = lines[3][:85] + "0%".rjust(6)
    own, starts = _starts(lines)
    assert starts == [0, 24, 48, 76]
    assert [cells_of(line, starts, 4) for line in lines[2:]] == [
        ["1", "2", "0", "0"],
        ["33.3%", "66.6%", "0%", "0%"],
    ]
