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
BLANK = "000_af055924f554b2ff-marks-blank-layout.txt"
WRAPPED = "000_af055924f554b2ff-marks-wrapped-layout.txt"
RAG = "000_af055924f554b2ff-marks-rag-layout.txt"
RAISED = "002_c2fd677fd2d5bf7c-marks-raised-layout.txt"


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


def test_marks_over_a_line_of_the_row_s_outcome_are_its_own(out: Path) -> None:
    # "FRP option" printed on a line of its own between the marks and the title.
    actions = rows_of(out, "actions", APART)
    assert len(actions) == 7
    first = actions.iloc[0]
    assert first.outcomes == "FRP option"
    updates = rows_of(out, "action_updates", APART)
    marks = updates[updates.item_id == first.item_id]
    assert marks.rating_symbol.tolist() == ["\\bigcirc"] * 4


def test_marks_set_apart_by_a_blank_line_are_reported(out: Path) -> None:
    actions = rows_of(out, "actions", BLANK)
    updates = rows_of(out, "action_updates", BLANK)
    first = updates[updates.item_id == actions.item_id.iloc[0]]
    assert first.rating_symbol.isna().all()
    issues = rows_of(out, "issues", BLANK)
    lost = issues[issues.message.str.contains("rating marks not read")]
    assert lost.code.tolist() == ["unparsed_block"]
    assert lost.line.tolist() == [78]


@pytest.mark.parametrize("name", [WRAPPED, RAG])
def test_marks_under_wrapped_or_rag_labels_are_the_first_action_s(
    out: Path, name: str
) -> None:
    # "Q1" over "Rating" on the next line; "Q1 RAG".
    actions = rows_of(out, "actions", name)
    assert len(actions) == 7
    assert actions.title.iloc[0].startswith("Explore the feasibility")
    updates = rows_of(out, "action_updates", name)
    first = updates[updates.item_id == actions.item_id.iloc[0]]
    assert first.rating_symbol.tolist() == ["\\bigcirc"] * 4


def test_every_row_s_marks_printed_above_it_are_its_own(out: Path) -> None:
    # Every mark of 002's first milestone table on a line above its row.
    def marks(name: str) -> list[tuple[str, str, str]]:
        actions = rows_of(out, "actions", name)
        updates = rows_of(out, "action_updates", name).dropna(subset=["rating_symbol"])
        titles = dict(zip(actions.item_id, actions.title, strict=True))
        return sorted(
            (titles[i], q, s)
            for i, q, s in zip(
                updates.item_id, updates.quarter, updates.rating_symbol, strict=True
            )
        )

    raised = marks(RAISED)
    assert raised == marks("002_c2fd677fd2d5bf7c-layout.txt")
    assert ("Identify & Promote One Case Study", "Q2", "✓") in raised
    assert ("Award Contract to Specialist Provider", "Q4", "✓") in raised
