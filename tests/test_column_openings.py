"""A cell run into the one before it in `pdftotext -layout` text is cut
before the word its column's label opens with, when two words start near the
column and none at it: samples/text/000_…-layout line 159, "… estimated SCC Target - 50%
Actual – 44.1%" over the column of "Target- Achieved/ Trend" at 163,
"Target" at 159 and "-" at 166."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from extract.layout.text_columns import Fragment, cells_of, opening_words
from extract.layout.text_grid import printed_lines
from extract.run import extract
from tests.conftest import SAMPLES

LAYOUT_000 = SAMPLES / "text" / "000_af055924f554b2ff-layout.txt"


def test_the_target_column_keeps_its_first_word() -> None:
    lines = LAYOUT_000.read_text(encoding="utf-8").split("\n")
    row = next(p for p in printed_lines(lines) if p and p.line_start == 159)
    assert row.cells[4] == (
        "36.5% NB: Figure based on estimated SCC residual and Material Recycling "
        "Facility output tonnages"
    )
    assert row.cells[5] == "Target - 50% Actual – 44.1%"


def test_a_cut_goes_before_a_word_the_column_opens_with() -> None:
    line = "Value    36.5% NB: based on a SCC Target - 50%"
    starts = [0, 9, 38]
    # "Target" at 34, four characters early; "-" at 41, three late.
    assert cells_of(line, starts, 3) == [
        "Value",
        "36.5% NB: based on a SCC Target",
        "- 50%",
    ]
    header = [Fragment("Quarter 4", 9, 18), Fragment("Target- Achieved/ Trend", 38, 61)]
    told = opening_words([header], starts)
    assert told == {9: frozenset({"quarter"}), 38: frozenset({"target"})}
    # Words that open cells below a label tell nothing: only a header's do.
    assert opening_words([[Fragment("Target", 38, 44)]], starts) == {}
    assert cells_of(line, starts, 3, told=told) == [
        "Value",
        "36.5% NB: based on a SCC",
        "Target - 50%",
    ]


def test_the_value_text_of_the_annual_target(tmp_path: Path) -> None:
    extract([LAYOUT_000], tmp_path)
    values = pd.read_parquet(tmp_path / "indicator_values.parquet")
    recycled = values[values.indicator_id == "household-waste-recycled"]
    target = recycled[(recycled.period == "FY") & (recycled.measure == "target")]
    assert target.value_text.item() == "Target - 50% Actual – 44.1%"
    assert target.value.item() == 50
    q4 = recycled[recycled.period == "Q4"]
    assert q4.value.item() == 36.5
    assert "Target" not in q4.note.item()


def test_a_word_at_the_column_is_its_cell_whatever_the_label(tmp_path: Path) -> None:
    # 000-layout line 34 with the Q1 text ending "… review in Q3" one space
    # before Q2's "victims" at the column's start: "Q3" is Q1's text, though
    # the Q2 column's label opens with a Q.
    name = "000_af055924f554b2ff-layout.txt"
    lines = LAYOUT_000.read_text(encoding="utf-8").split("\n")
    old = "victims and vulnerabilities identified    victims"
    assert old in lines[33]
    lines[33] = lines[33].replace(
        old, "victims and vulnerabilities; review in Q3 victims"
    )
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / name).write_text("\n".join(lines), encoding="utf-8")
    extract([tmp_path / "in"], tmp_path / "out")
    counts = pd.read_parquet(tmp_path / "out" / "breakdowns.parquet")
    q2 = counts[
        (counts.indicator_id == "asb-champion-referrals") & (counts.period == "Q2")
    ].set_index("category")
    assert q2.loc["identified", "count"] == 19


def test_a_cut_goes_where_the_lines_other_cells_tell() -> None:
    # pdftotext -layout of a condensed-type print of sample 000: "Q1" starts
    # two characters before the Quarter 1 column at 23, "(24.07.17)" one
    # after it; the next cell prints "Q2 (10.10.17)", as the part from "Q1".
    line = "Hate Crime Incidents Q1 (24.07.17)".ljust(63) + "Q2 (10.10.17)"
    assert cells_of(line, [0, 23, 63], 3) == [
        "Hate Crime Incidents",
        "Q1 (24.07.17)",
        "Q2 (10.10.17)",
    ]
    # A word starting at the column is its cell unless the part from another
    # prints as another cell of the line does.
    assert cells_of(line, [0, 24, 63], 3)[1] == "Q1 (24.07.17)"
    other = "Hate Crime Incidents Q1 (24.07.17)".ljust(63) + "Police data"
    assert cells_of(other, [0, 24, 63], 3)[1] == "(24.07.17)"


def test_a_part_placed_early_keeps_its_letters() -> None:
    # The lone "Policy" tells a cut at "will" (17), three before the column
    # at 20; the next cut, at 30, reads from "will", not from 19.
    line = "Policy    Policy will be set up in a new plan"
    assert cells_of(line, [0, 10, 20, 30], 4) == [
        "Policy",
        "Policy",
        "will be set",
        "up in a new plan",
    ]


def test_two_tests_telling_different_cuts_tell_none() -> None:
    # A borderless print's "over 12 Months over 12 Months" beside "12
    # months": the part after "12" prints as that cell, the parts at "over"
    # print alike; the nearest word is taken, as where nothing tells.
    line = "             over 12 Months over 12 Months                      12 months"
    cells = cells_of(line, [0, 12, 30, 47, 64, 80, 87, 103], 8)
    assert cells[1:3] == ["over 12 Months", "over 12 Months"]
