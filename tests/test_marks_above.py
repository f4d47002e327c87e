"""Rating marks printed a line above their row's name, under an action table's
quarter labels (tests/fixtures/marksabove/): the first action's marks, not
the header's wrapped text."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.layout.text_rows import starts_row
from extract.run import extract
from tests.conftest import rows_of

SAMPLE = Path(__file__).parent.parent / "samples" / "text"
ABOVE = Path(__file__).parent / "fixtures" / "marksabove"
NAME = "000_af055924f554b2ff-marks-above-layout.txt"
HEADER = ["Action & Progress Update", "Outcomes", "Q1 Rating", "Q2 Rating"]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("marksabove")
    extract([ABOVE, SAMPLE / "000_af055924f554b2ff-layout.txt"], out)
    return out


def test_marks_under_quarter_labels_start_the_first_row() -> None:
    assert starts_row([HEADER], ["", "", "✓", "▲"])
    # The row goes on with the name printed below its marks.
    assert not starts_row(
        [["", "", "✓", "▲"]], ["Explore the feasibility", "FRP", "", ""]
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
