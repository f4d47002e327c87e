"""Rating marks printed a line above their row's name, under an action table's
quarter labels (tests/fixtures/marksabove/): the first action's marks, not
the header's wrapped text."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.layout.text_rows import marks_above, starts_row
from extract.run import extract
from tests.conftest import rows_of

SAMPLE = Path(__file__).parent.parent / "samples" / "text"
ABOVE = Path(__file__).parent / "fixtures" / "marksabove"
NAME = "000_af055924f554b2ff-marks-above-layout.txt"
HEADER = ["Action & Progress Update", "Outcomes", "Q1 Rating", "Q2 Rating"]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("marksabove")
    extract(
        [
            ABOVE,
            SAMPLE / "000_af055924f554b2ff-layout.txt",
            SAMPLE / "002_c2fd677fd2d5bf7c-layout.txt",
        ],
        out,
    )
    return out


def test_marks_under_quarter_labels_start_the_first_row() -> None:
    assert starts_row([HEADER], ["", "", "✓", "▲"])
    # The row goes on with the name printed below its marks.
    marks = [["", "", "✓", "▲"]]
    name = ["Explore the feasibility", "FRP", "", ""]
    assert not starts_row(marks, name, marks_first=True)
    # Its name wraps onto the lines below.
    assert not starts_row(
        [*marks, name], ["of introducing charges", "", "", ""], marks_first=True
    )


def test_marks_under_status_labels_are_the_header_s() -> None:
    header = ["Project completed", "Project on target", "Project aborted/ closed"]
    assert not starts_row([header], ["✓", "▲", "✗"])


def test_the_first_action_keeps_its_marks(out: Path) -> None:
    actions = rows_of(out, "actions", NAME)
    same = rows_of(out, "actions", "000_af055924f554b2ff-layout.txt")
    assert actions.title.tolist() == same.title.tolist()
    assert len(actions) == 7
    first = actions.iloc[0]
    assert first.title.startswith("Explore the feasibility of introducing charges")
    updates = rows_of(out, "action_updates", NAME)
    marks = updates[updates.item_id == first.item_id]
    assert dict(zip(marks.quarter, marks.rating_symbol, strict=True)) == {
        "Q1": "\\bigcirc",
        "Q2": "\\bigcirc",
        "Q3": "\\bigcirc",
        "Q4": "\\bigcirc",
    }


MILESTONES = "002_c2fd677fd2d5bf7c-marks-above-layout.txt"
SPLIT = "000_af055924f554b2ff-marks-split-layout.txt"
APART = "000_af055924f554b2ff-marks-apart-layout.txt"


def test_units_under_quarter_labels_are_the_header_s() -> None:
    for unit in ("(%)", "£", "-"):
        assert not marks_above([HEADER], ["", "", unit, unit])
    assert marks_above([HEADER], ["", "", "\\bigcirc", "▶"])


def test_marks_under_a_row_are_its_own() -> None:
    # Marks alone under a row's lines start no row that the next name joins.
    row = [["Raise awareness of the", "Increased awareness", "", ""]]
    assert starts_row(row, ["", "", "✓", "✓"])
    assert starts_row([["", "", "✓", "✓"]], ["Q1 – Identified training", "", "", ""])


def test_a_wrapped_name_under_the_marks_stays_one_row(out: Path) -> None:
    milestones = rows_of(out, "actions", MILESTONES)
    same = rows_of(out, "actions", "002_c2fd677fd2d5bf7c-layout.txt")
    assert len(milestones) == len(same) == 32
    assert milestones.key_project.tolist() == same.key_project.tolist()
    assert milestones.key_project.iloc[1] == (
        "Publish and promote positive good news stories and case studies"
    )
    updates = rows_of(out, "action_updates", MILESTONES)
    first = updates[updates.item_id == milestones.item_id.iloc[0]]
    assert first.loc[first.rating_symbol.notna(), "quarter"].tolist() == ["Q1"]
    assert first.rating_symbol.dropna().tolist() == ["✓"]


def test_marks_over_two_lines_are_the_first_action_s(out: Path) -> None:
    actions = rows_of(out, "actions", SPLIT)
    assert len(actions) == 7
    updates = rows_of(out, "action_updates", SPLIT)
    first = updates[updates.item_id == actions.item_id.iloc[0]]
    assert first.rating_symbol.tolist() == ["\\bigcirc"] * 4


def test_marks_set_apart_from_any_title_are_reported(out: Path) -> None:
    actions = rows_of(out, "actions", APART)
    updates = rows_of(out, "action_updates", APART)
    first = updates[updates.item_id == actions.item_id.iloc[0]]
    assert first.rating_symbol.isna().all()
    issues = rows_of(out, "issues", APART)
    lost = issues[issues.message.str.contains("rating marks not read")]
    assert lost.code.tolist() == ["unparsed_block"]
    assert lost.line.tolist() == [78]
