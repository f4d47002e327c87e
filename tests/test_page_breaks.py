"""A table carried onto a new page, where `pdftotext -layout` sets its columns
a few characters off (tests/fixtures/pagebreaks/): the rows keep the columns
of the header on the page before, as the same report's TAB text gives them."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.layout.carried import carried_columns
from extract.run import extract
from tests.conftest import rows_of

PAGE_BREAKS = Path(__file__).parent / "fixtures" / "pagebreaks"
# The last page's milestones of sample 002's Hednesford Park project, in order.
MILESTONES = [
    ("Finalise Design – new toilet facilities", "Q1", "✓"),
    ("Procurement and Contract Award", "Q2", "✓"),
    ("Commence construction", "Q4", "▲"),
    ("Complete construction", "Q4", "▲"),
]
PROJECT = "Continue to deliver Hednesford Park (IHLF) project"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pagebreaks")
    extract([PAGE_BREAKS], out)
    return out


def _milestones(out: Path, name: str) -> list[tuple[str, str, str]]:
    actions = rows_of(out, "actions", name)
    actions = actions[actions.key_project == PROJECT]
    updates = rows_of(out, "action_updates", name)
    rows = actions.merge(updates, on=["item_id", "doc_id"]).sort_values("line_start_x")
    rows = rows[rows.rating_symbol.notna()]
    return list(rows[["title", "quarter", "rating_symbol"]].itertuples(index=False))


@pytest.mark.parametrize("stem", ["v002_002", "v003_002"])
def test_milestones_after_a_page_break_keep_their_columns(out: Path, stem: str) -> None:
    tab = _milestones(out, f"{stem}.txt")
    layout = _milestones(out, f"{stem}-ruled-layout.txt")
    assert [tuple(r) for r in tab][-4:] == MILESTONES
    assert [tuple(r) for r in layout][-4:] == MILESTONES


def test_a_new_page_may_set_every_column_a_few_characters_off() -> None:
    # v003_002-ruled-layout lines 199 and 215: Milestone(s) at 81, Progress at
    # 112, Q1-Q4 at 192, 202, 208 and 214; after the break the milestones
    # start at 76, progress at 108, marks at 187, 192 and 202.
    carried = [0, 45, 81, 112, 192, 202, 208, 214]
    own = [76, 108, 187, 192, 202]
    assert carried_columns(own, carried, (1, 2, 3, 4)) is None
    assert carried_columns(own, carried, (1, 2, 3, 4), shift=8).starts == [
        0, 44, 76, 108, 187, 192, 198, 202
    ]  # fmt: skip


def test_a_column_goes_to_the_nearest_carried_column() -> None:
    # v002_002-ruled-layout line 219: "▲" at 213, Q3 at 209 and Q4 at 215.
    carried = [0, 42, 79, 110, 190, 200, 209, 215]
    moved = carried_columns([80, 112, 190, 199, 213], carried, (1, 2, 3, 4))
    assert moved == ([0, 42, 80, 112, 190, 199, 209, 213], frozenset())


def test_marks_set_closer_on_a_new_page_lie_on_one_line() -> None:
    # A serif print of sample 002's milestones after a page break: the page
    # before set Q1-Q4 at 188, 197, 206 and 212, this one prints the marks
    # of Q1, Q2 and Q4 at 179, 184 and 194, closer together but evenly so.
    carried = [0, 42, 78, 108, 188, 197, 206, 212]
    moved = carried_columns([73, 104, 179, 184, 194], carried, (1, 2, 3, 4), shift=8)
    assert moved is not None
    assert [moved.starts.index(x) for x in (179, 184, 194)] == [4, 5, 7]
    assert not moved.guessed


def test_a_page_set_off_moves_no_column_far() -> None:
    # A type-size-11 print of sample 002: after the break the milestone
    # table prints key project, milestone and progress at 19, 50 and 73,
    # where the page before set them at 20, 51 and 68 and the marks from
    # 123: progress stays progress, not the Q4 marks' column.
    carried = [0, 20, 51, 68, 123, 128, 133, 138]
    moved = carried_columns([19, 50, 73], carried, (0, 1, 2, 3), shift=8)
    assert moved is not None
    assert [moved.starts.index(x) for x in (19, 50, 73)] == [1, 2, 3]


def test_a_new_page_puts_no_text_column_under_the_marks() -> None:
    # v009_002-figures-right-layout line 213: after the break key project,
    # milestone and progress print at 37, 68 and 136 and the marks at 201,
    # 209 and 218, where the page before set progress at 130 and Q1-Q4 at
    # 197, 203, 209 and 214. Progress stays progress (its texts are read),
    # not Q1's column; the marks are Q1 on, each a guess.
    carried = [0, 37, 70, 130, 197, 203, 209, 214]
    moved = carried_columns([37, 68, 136, 201, 209, 218], carried, (2, 5), shift=8)
    assert moved is not None
    assert [moved.starts.index(x) for x in (37, 68, 136, 201)] == [1, 2, 3, 4]
    assert {moved.starts.index(x) for x in (201, 209, 218)} <= moved.guessed


def test_marks_spread_far_on_a_new_page_are_all_guesses() -> None:
    # v030_002-portrait-layout line 310: after the break key project,
    # milestone and progress print at 27, 46 and 71 and the marks at 122 and
    # 126, where the page before set Q1-Q4 at 128, 137, 143 and 148. Only a
    # placement that moves columns far fits: the table goes on (its rows are
    # not read as a table of their own), each mark reported as a guess.
    carried = [0, 29, 49, 76, 128, 137, 143, 148]
    moved = carried_columns([27, 46, 71, 122, 126], carried, (2, 3, 6), shift=8)
    assert moved is not None
    assert [moved.starts.index(x) for x in (27, 46, 71)] == [1, 2, 3]
    assert moved.guessed == {4, 5, 6, 7}


def test_marks_on_one_even_line_take_its_columns_not_the_nearest() -> None:
    # v035_002-ruled-layout lines 215-223: after the break the marks print at
    # 197, 205 and 214 under a header whose Q1-Q4 stood at 197, 207, 213 and
    # 218. By the nearest, 214 is Q3's; the three lie on one even line only
    # as Q1, Q2 and Q4, as the TAB text has them. Read so, and reported.
    carried = [0, 38, 69, 132, 197, 207, 213, 218]
    moved = carried_columns([68, 132, 197, 205, 214], carried, (1, 2, 3, 4), shift=8)
    assert moved is not None
    assert [moved.starts.index(x) for x in (197, 205, 214)] == [4, 5, 7]
    assert moved.guessed == {5, 7}


def test_two_marks_after_a_break_are_guesses() -> None:
    # v007_002's milestones after a page break: ✓ at 192 and ▲ at 202 under
    # a header whose Q1-Q4 stood at 190, 200, 209 and 215. Q1 and Q2 by
    # place, Q2 and Q4 as the TAB text has them: no line tells which.
    carried = [0, 42, 79, 110, 190, 200, 209, 215]
    moved = carried_columns([80, 112, 192, 202], carried, (1, 2, 3, 4), shift=8)
    assert moved is not None
    assert moved.guessed == {moved.starts.index(192), moved.starts.index(202)}


@pytest.mark.parametrize(
    "own",
    [
        # Every mark column the page before set, printed again.
        [80, 112, 190, 200, 209, 215],
        # Two of them printed where the page before set them (a report of
        # Q1 and Q2 carried onto a new page).
        [80, 112, 190, 200],
    ],
)
def test_columns_at_their_place_are_no_guesses(own: list[int]) -> None:
    carried = [0, 42, 79, 110, 190, 200, 209, 215]
    moved = carried_columns(own, carried, (1, 2, 3, 4), shift=8)
    assert moved is not None
    assert [moved.starts.index(x) for x in own] == list(range(2, 2 + len(own)))
    assert not moved.guessed


def test_marks_on_one_even_line_are_no_guesses() -> None:
    # v003_002-ruled-layout: marks at 187, 192 and 202 after the break, where
    # the page before set Q1-Q4 at 192, 202, 208 and 214 (Q1, Q2 and Q4).
    moved = carried_columns(
        [76, 108, 187, 192, 202], [0, 45, 81, 112, 192, 202, 208, 214], (), shift=8
    )
    assert moved is not None
    assert not moved.guessed


def test_rows_read_by_a_guess_are_reported(out: Path) -> None:
    issues = rows_of(out, "issues", "v007_002-ruled-layout.txt")
    uncertain = issues[issues.code == "uncertain_column"]
    # Lines 215-220: "Procurement and Contract Award" (✓ at 192) to "Complete
    # construction" (▲ at 202), on page 5.
    assert list(uncertain.line) == [215]
    # A text's issues, like its rows, are placed by line; the page is told.
    assert uncertain.page.isna().all()
    assert "on a new page (page 5)" in uncertain.message.iloc[0]
    assert list(uncertain.severity) == ["warning"]
    assert uncertain.message.iloc[0].startswith("v007_002-ruled-layout.txt:215-220: ")
    assert (
        '("Procurement and Contract Procurement exercise' in uncertain.message.iloc[0]
    )
    for name in (
        "v007_002.txt",
        "v002_002-ruled-layout.txt",
        "v003_002-ruled-layout.txt",
    ):
        others = rows_of(out, "issues", name)
        assert not (others.code == "uncertain_column").any(), name
