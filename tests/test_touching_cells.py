"""`-layout` table cells that touch (tests/fixtures/touchingcells/), and the rows
of an action table after a row left unread: an HTML paragraph cut after its
first word is put together again, and the rows after an unread row are
reported, not joined to the action above nor dropped without a word."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.layout.text_columns import Fragment, fragments
from extract.layout.unplaced import paragraph_rejoined
from extract.run import extract
from tests.conftest import rows_of

FIXTURES = Path(__file__).parent / "fixtures"
LAYOUT = "v002_001-ruled-layout.txt"
EXPANDED = "000_af055924f554b2ff-expanded.txt"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("touching")
    extract([FIXTURES / "touchingcells", FIXTURES / "expanded" / EXPANDED], out)
    return out


def test_a_paragraph_cut_after_its_first_word_is_put_together() -> None:
    line = "<p>Lead</p> <p>Q1 - in the Ballroom at <p>The programme will be"
    cells = ["<p>Lead</p> <p>Q1 - in the Ballroom at <p>The", "programme will be"]
    assert paragraph_rejoined(cells, fragments(line)) == [
        "<p>Lead</p> <p>Q1 - in the Ballroom at",
        "<p>The programme will be",
    ]
    # Cut into a column of its own (the fuzz's v004_001 line 130).
    line = "in the Ballroom at Hednesford <p>The programme will be designed"
    cells = ["in the Ballroom at Hednesford", "<p>The", "programme will be designed"]
    assert paragraph_rejoined(cells, fragments(line)) == [
        "in the Ballroom at Hednesford",
        "",
        "<p>The programme will be designed",
    ]


def test_cells_set_apart_are_left_as_cut() -> None:
    # The Outcomes cell's "FRP" / "option" wrapped beside a title line that
    # ends where a paragraph opens (tests/fixtures/writerlayout/001 line 249).
    line = "requested by Staffordshire Police</p> <p>Q1        option"
    cells = ["requested by Staffordshire Police</p> <p>Q1", "option"]
    assert paragraph_rejoined(cells, fragments(line)) == cells
    cells = ["at <p>The", "Programme will"]
    assert paragraph_rejoined(cells, fragments("at <p>The Programme will")) == cells


def test_every_action_is_read_under_its_own_title(out: Path) -> None:
    actions = rows_of(out, "actions", LAYOUT)
    assert actions.line_start.tolist() == [23, 27, 48, 122, 126, 131, 136, 147]
    tab = rows_of(out, "actions", "v002_001.txt")
    assert actions.title.tolist() == tab.title.tolist()
    offer = actions[actions.line_start == 126].progress.item()
    assert "Work Together" not in offer
    lead = actions[actions.line_start == 131]
    assert lead.outcomes.item().startswith("The programme will be designed")
    updates = rows_of(out, "action_updates", LAYOUT)
    assert len(updates[updates.item_id == lead.item_id.item()]) == 2


def test_rows_after_an_unread_row_are_reported(out: Path) -> None:
    # The expanded text's line 43 is left unread (which single spaces were
    # TABs cannot be told); its Q3 and Q4 progress (lines 45-48) go with it.
    issues = rows_of(out, "issues", EXPANDED)
    said = issues[issues.code == "unparsed_block"].message.tolist()
    assert f"{EXPANDED}:45-48: action table rows not read" in " ".join(said)
    actions = rows_of(out, "actions", EXPANDED)
    assert 50 in actions.line_start.tolist()
    assert 43 not in actions.line_start.tolist()


def test_a_column_starts_at_the_tag_it_falls_inside(out: Path) -> None:
    layout = "v001_001-ruled-layout.txt"
    actions = rows_of(out, "actions", layout)
    tab = rows_of(out, "actions", "v001_001.txt")
    assert actions.title.tolist() == tab.title.tolist()
    assert actions.line_start.tolist()[:2] == [23, 27]
    garages = actions[actions.line_start == 27]
    assert garages.title.item().startswith("Progress the redevelopment of 25")
    assert garages.outcomes.item().startswith("Meet the need for additional")
    assert "Meet the need" not in garages.progress.item()


def _at(line: str, word: str, x: int) -> list[Fragment]:
    """The fragments of `line` set so that `word` starts at column `x`."""
    shift = x - line.index(word)
    return [Fragment(f.text, f.x0 + shift, f.x1 + shift) for f in fragments(line)]


def test_a_quarter_label_or_a_cell_at_its_column_is_left_as_cut() -> None:
    # A progress paragraph opening at the end of its line ("<p>Q2") beside the
    # Outcomes cell's wrapped text, which starts at its column (180).
    line = "Cllr Dean Y.</p> <p>Q2 reports of anti social behaviour"
    cells = ["Cllr Dean Y.</p> <p>Q2", "reports of anti social behaviour"]
    assert paragraph_rejoined(cells, _at(line, "reports", 176), [0, 180]) == cells
    line = "Cllr Dean Y.</p> <p>The reports of anti social behaviour"
    cells = ["Cllr Dean Y.</p> <p>The", "reports of anti social behaviour"]
    assert paragraph_rejoined(cells, _at(line, "reports", 180), [0, 180]) == cells
    # Cut four characters before the column: the paragraph's first word.
    assert paragraph_rejoined(cells, _at(line, "reports", 176), [0, 180]) == [
        "Cllr Dean Y.</p>",
        "<p>The reports of anti social behaviour",
    ]


def test_a_paragraph_is_put_together_wherever_its_label_is_set(out: Path) -> None:
    # The Outcomes label set four characters left, at 176, where the cut
    # word "programme" starts; the column's cells start at 180.
    left = rows_of(out, "actions", "v002_001-outcomes-left-layout.txt")
    actions = rows_of(out, "actions", LAYOUT)
    assert left.title.tolist() == actions.title.tolist()
    assert left.line_start.tolist() == [23, 27, 48, 122, 126, 131, 136, 147]
    lead = left[left.line_start == 131]
    assert lead.outcomes.item().startswith("The programme will be designed")


def test_a_cut_where_another_cell_starts_is_reported(out: Path) -> None:
    # Line 136's Outcomes cell starts at 176, where line 131's cut word
    # "programme" starts: a paragraph cut or a wrapped cell cannot be told.
    name = "v002_001-early-layout.txt"
    actions = rows_of(out, "actions", name)
    assert actions.line_start.tolist() == [23, 27, 48, 122, 126]
    offer = actions[actions.line_start == 126].progress.item()
    assert "Work Together" not in offer
    issues = rows_of(out, "issues", name)
    said = issues[issues.code == "unparsed_block"].message.tolist()
    assert f"{name}:131-135: table row not read" in " ".join(said)
    assert f"{name}:136-149: action table rows not read" in " ".join(said)
