"""A report printed on portrait pages (tests/fixtures/portrait/): an action
table whose header's label wraps onto a line of its own, and an action whose
marks a page break set a column off."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.layout.text_columns import (
    column_starts,
    fragments,
    mark_columns_under_labels,
)
from extract.layout.unplaced import marks_at_labels, stray_marks
from extract.recognisers.actions.mark_checks import _symbol_alone
from extract.run import extract
from tests.conftest import rows_of

FIXTURES = Path(__file__).parent / "fixtures"
NAME = "v003_000-portrait-layout.txt"
TAB = "v003_000.txt"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("portrait")
    extract(sorted((FIXTURES / "portrait").glob("*.txt")), out)
    return out


def test_the_rest_of_a_headers_label_is_no_action(out: Path) -> None:
    # Line 232, "Progress Update", ends the header's "… Action &" (line 231):
    # it had been read as an action's title, with the cemetery action's text
    # for its progress, and the cemetery action lost.
    actions = rows_of(out, "actions", NAME)
    tab = rows_of(out, "actions", TAB)
    assert "Progress Update" not in set(actions.title)
    assert set(actions.title) == set(tab.title)
    cemetery = actions[actions.title.str.contains("new cemetery site")]
    assert list(cemetery.line_start) == [233]
    assert cemetery.plan.item() == "Environment Priority Delivery Plan"


def test_a_second_mark_in_one_quarter_column_is_reported(out: Path) -> None:
    # Line 253: the cemetery action's Quarter 3 mark, printed under Q2 after
    # the page break; Q2's own mark is line 240's. One mark a quarter is
    # read, the first, and the other reported. The TAB text rates Q3 too.
    updates = rows_of(out, "action_updates", NAME)
    actions = rows_of(out, "actions", NAME)
    item = actions.loc[actions.title.str.contains("new cemetery site"), "item_id"]
    cemetery = updates[updates.item_id == item.item()].set_index("quarter")
    assert list(cemetery.index) == ["Q2", "Q3"]
    assert cemetery.rating_symbol["Q2"] == "\\bigcirc"
    assert cemetery.rating_symbol.isna()["Q3"]
    issues = rows_of(out, "issues", NAME)
    repeated = issues[issues.line == 253]
    assert list(repeated.code) == ["unparsed_block"]
    assert list(repeated.severity) == ["warning"]
    assert repeated.message.item() == (
        f"{NAME}:253: Explore delivery options for a new cemetery site: mark "
        "'\\\\bigcirc' not read: the Q2 column holds line 240's mark already, "
        "and one mark a quarter is read"
    )


def test_marks_centred_a_little_before_their_labels_are_theirs(out: Path) -> None:
    # v002_003-portrait-layout line 184 labels Q1 at 127 and Q2 at 136; line
    # 186 prints "▶" at 127, line 195 at 124 (three before "Q1", beside the
    # Outcomes cell), each row's second "▶" at 136. The 124s took the Q1
    # column's start, which fell as marks' alone, and the Q1 marks went into
    # the Outcomes text without a word.
    name = "v002_003-portrait-layout.txt"
    actions = rows_of(out, "actions", name)
    updates = rows_of(out, "action_updates", name)
    tab_actions = rows_of(out, "actions", "v002_003.txt")
    tab_updates = rows_of(out, "action_updates", "v002_003.txt")

    def marks(actions: pd.DataFrame, updates: pd.DataFrame) -> set[tuple[str, ...]]:
        titles = actions.set_index("item_id").title.str[:30]
        rows = updates.assign(title=updates.item_id.map(titles))
        rated = rows[rows.rating_symbol.notna()]
        return set(rated[["title", "quarter", "rating_symbol"]].apply(tuple, axis=1))

    got = marks(actions, updates)
    assert got == {
        ("Produce and then facilitate th", "Q1", "▶"),
        ("Produce and then facilitate th", "Q2", "▶"),
        ("Lead and roll-out the “Let’s W", "Q1", "▶"),
        ("Lead and roll-out the “Let’s W", "Q2", "▶"),
    }
    assert got == marks(tab_actions, tab_updates)
    lead = actions[actions.title.str.startswith("Lead and roll-out")]
    assert "▶" not in lead.outcomes.item()


def test_a_mark_in_the_outcomes_place_is_reported(out: Path) -> None:
    # Line 259 prints the AQMA action's Q1 mark "5" at 98, three characters
    # before "Q1 Rating" (101): in the Outcomes column's place. It is kept
    # as the Outcomes text, as printed, and reported.
    actions = rows_of(out, "actions", NAME)
    aqma = actions[actions.title.str.startswith("Declare Air Quality")]
    assert aqma.outcomes.item() == "5"
    issues = rows_of(out, "issues", NAME)
    at = issues[(issues.line == 259) & (issues.code == "unparsed_block")]
    assert list(at.severity) == ["warning"]
    assert at.message.item().startswith(
        f"{NAME}:259-263: Declare Air Quality Management Area (AQMA) no. 3 Five "
        "Ways Island, Heath Hayes.: Outcomes '5' is a rating mark alone"
    )
    # The TAB text rates Q1 with it.
    tab = rows_of(out, "action_updates", TAB)
    tab_actions = rows_of(out, "actions", TAB)
    item = tab_actions.loc[tab_actions.title.str.startswith("Declare Air"), "item_id"]
    q1 = tab[(tab.item_id == item.item()) & (tab.quarter == "Q1")]
    assert q1.rating_symbol.item() == "5"


HEADER = (
    "Action +Progress Update".ljust(74) + "Outcomes".ljust(53) + "Q1".ljust(9) + "Q2"
)
ROWS = [
    "<p>Produce and then".ljust(74) + "<p>An Approved".ljust(53) + "▶".ljust(9) + "▶",
    "<p>Lead and roll-out".ljust(74)
    + "<p>Training delivered".ljust(50)
    + "▶".ljust(12)
    + "▶",
]


def test_a_marks_label_keeps_its_column_where_marks_took_its_start() -> None:
    lines = [HEADER, " " * 127 + "Rating   Rating", *ROWS]
    region = [fragments(line) for line in lines]
    own = column_starts(region, lines)
    # "▶" at 124 and "Q1"/"Rating" at 127 made one start, at 124.
    assert own == [0, 74, 124, 136]
    assert mark_columns_under_labels(region, own) == [0, 74, 127, 136]


def test_lone_marks_one_under_each_label_are_set_at_the_labels() -> None:
    region = [fragments(line) for line in [HEADER, *ROWS]]
    placed = marks_at_labels(region)
    assert [(f.text, f.x0) for f in placed[2]] == [
        ("<p>Lead and roll-out", 0),
        ("<p>Training delivered", 74),
        ("▶", 127),
        ("▶", 136),
    ]
    # A line whose marks are not one under each label is left as printed.
    odd = fragments("<p>Training delivered".ljust(124) + "▶")
    assert marks_at_labels([region[0], odd])[1] == odd


def test_short_figures_before_their_labels_are_not_moved_as_marks() -> None:
    # Figures of up to three digits count as marks where a row is checked
    # for marks under no label; set to the right, they end a few characters
    # before each next label just as well, and stay where they are printed.
    header = "Performance Indicator".ljust(41) + "Target".ljust(17)
    header += "Quarter 1".ljust(32) + "Quarter 3".ljust(20) + "Quarter 4"
    row = "Number of grant claims".ljust(54) + "86".ljust(32) + "82".ljust(20) + "35"
    region = [fragments(header), fragments(row)]
    assert marks_at_labels(region)[1] == region[1]


def test_ordinary_outcomes_and_marks_printed_again_raise_nothing(
    tmp_path: Path,
) -> None:
    # "N/A" and "-" are Outcomes text, not marks; a line that marks Q1 and
    # Q2 prints Q1's mark again, and loses nothing.
    header = "Action & Progress Update".ljust(72) + "Outcomes".ljust(26)
    header += "Q1 Rating     Q2 Rating     Q3 Rating     Q4 Rating"
    lines = [
        "Environment Priority Delivery Plan 2017-18 Quarter 2 Performance Update",
        "",
        header,
        "Explore delivery options for a new cemetery site".ljust(72)
        + "N/A".ljust(26)
        + "✓".ljust(14)
        + "✓",
        "Q1 – Core requirements drafted.",
        "Review the street cleansing schedule".ljust(72) + "-",
        "Q1 – Review started.".ljust(98) + "✓",
        "Q2 – Review delayed by staff shortages.".ljust(98) + "✓".ljust(14) + "▲",
    ]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "plain-layout.txt").write_text(
        "\n".join(lines), encoding="utf-8"
    )
    extract([tmp_path / "in"], tmp_path / "out", text_form="layout")
    issues = rows_of(tmp_path / "out", "issues", "plain-layout.txt")
    assert not issues.message.str.contains("mark").any()
    updates = rows_of(tmp_path / "out", "action_updates", "plain-layout.txt")
    assert sorted(zip(updates.quarter, updates.rating_symbol, strict=True)) == [
        ("Q1", "✓"),
        ("Q1", "✓"),
        ("Q2", "▲"),
        ("Q2", "✓"),
    ]


def test_marks_left_before_their_labels_leave_the_row_unread() -> None:
    # Labels six apart ("Q1" at 100, "Q2" at 106): "▶" at 97 is three before
    # Q1 and just after nothing, but "✓" at 103 is just after "Q1": which
    # quarter each rates cannot be told, and the row is reported, not read
    # by place (which put "▶" in the Outcomes text).
    header = "Action & Progress Update".ljust(52) + "Outcomes".ljust(48)
    header += "Q1    Q2    Q3    Q4"
    row = "Explore delivery options".ljust(52) + "New cemetery site".ljust(45)
    row += "▶     ✓     ✓     ▲"
    region = marks_at_labels([fragments(header), fragments(row)])
    assert region[1] == fragments(row)
    assert stray_marks(region, [0, 52, 100, 106, 112, 118]) == {1}


@pytest.mark.parametrize(
    "text, alone",
    [("▶", True), ("√", True), ("\uf0fc", True), ("✔\ufe0f", True), ("5", True)]
    + [("N/A", False), ("-", False), ("+", False), ("Completed", False)],
)
def test_an_outcomes_symbol_alone(text: str, alone: bool) -> None:
    assert _symbol_alone(text) is alone


def test_a_sub_items_other_mark_is_reported_and_the_same_is_not(tmp_path: Path) -> None:
    # TAB text: sub-items rated under the action's own marks. "✓" again
    # loses nothing; "▲" under line 3's "✓" is not read, and says so.
    lines = [
        "Environment Priority Delivery Plan 2017-18 Quarter 2 Performance Update",
        "\t".join(["Action & Progress Update", "Outcomes", "Q1 Rating", "Q2 Rating"])
        + "\tQ3 Rating\tQ4 Rating",
        "Deliver the parks improvement programme\tBetter parks\t✓\t✓\t\t",
        "a) Play area refurbished at Hednesford Park\t\t✓\t✓\t\t",
        "b) New footpaths at Stile Cop\t\t✓\t▲\t\t",
    ]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "sub.txt").write_text("\n".join(lines), encoding="utf-8")
    extract([tmp_path / "in"], tmp_path / "out")
    issues = rows_of(tmp_path / "out", "issues", "sub.txt")
    marks = issues[issues.message.str.contains("not read: the Q")]
    assert list(marks.line) == [5]
    assert marks.message.item().endswith(
        "mark '▲' not read: the Q2 column holds line 3's mark already, and one "
        "mark a quarter is read"
    )


def test_a_mark_in_a_column_without_words_is_not_moved() -> None:
    # "▲" at 98 under a "DoT" label at 88 whose column prints no words: two
    # before "Q1" at 100, it may be the direction of travel's, and every
    # mark after it a quarter late. Left where printed, the row is reported.
    header = "Action & Progress Update".ljust(52) + "Outcomes".ljust(36)
    header += "DoT".ljust(12) + "Q1        Q2        Q3        Q4"
    row = "Explore delivery options".ljust(52) + "New cemetery site".ljust(46)
    row += "▲         ✓         ✓         ▲"
    more = "Q1 – Core requirements drafted.".ljust(52) + "identified"
    region = [fragments(header), fragments(row), fragments(more)]
    assert [f.x0 for f in region[1] if f.text in "▲✓"] == [98, 108, 118, 128]
    placed = marks_at_labels(region)
    assert placed[1] == region[1]
    assert stray_marks(placed, [0, 52, 88, 100, 110, 120, 130]) == {1}
