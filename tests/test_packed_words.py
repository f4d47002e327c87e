"""Runs of words of several cells printed one space apart, cut into their
columns where one even drift from the run's start tells the cuts."""

from __future__ import annotations

import pytest

from extract.layout import packed_words
from extract.layout.packed_words import aligned_cuts, labelled, placed_words
from extract.layout.text_columns import Fragment, fragments

# tests/fixtures/writerlayout/000_…-writer-layout: the Committed Crime row,
# under columns at 0, 16, 31, 46 and 61 (and 78, 92, 102).
STARTS = [0, 16, 31, 46, 61, 78, 92, 102]


def _texts(line: str, starts: list[int] = STARTS) -> list[tuple[str, int]]:
    return [(f.text, f.x0) for f in placed_words(fragments(line), starts, starts)]


def test_a_run_drifting_evenly_is_cut_at_its_columns() -> None:
    # Line 22: the cells at 16, 29, 42 and 55, each 13/15 of the way.
    line = "Violence        15% increase 15% increase 14% increase increase"
    assert _texts(line) == [
        ("Violence", 0),
        ("15% increase", 16),
        ("15% increase", 31),
        ("14% increase", 46),
        ("increase", 61),
    ]


def test_a_word_exactly_at_a_column_start_is_not_taken_by_itself() -> None:
    # Line 14: "(19.01.18)" starts exactly at 46 and "(17.04.18)" at 61, but the
    # quarter labels before them fit one drift: Q2 at 30, Q3 at 44, Q4 at 58.
    line = "Committed       Q1 (24.07.17) Q2 (10.10.17) Q3 (19.01.18) Q4 (17.04.18)"
    assert [t for t, _ in _texts(line)] == [
        "Committed",
        "Q1 (24.07.17)",
        "Q2 (10.10.17)",
        "Q3 (19.01.18)",
        "Q4 (17.04.18)",
    ]


def test_a_run_that_starts_again_at_a_column_drifts_from_there() -> None:
    # Line 17: the name's "(Variation) All" and the figures from 16 on.
    line = "(Variation) All 5,673 Last 12 5,828 Last 12 5,967 Last 12 6,318 Last 12"
    assert [t for t, _ in _texts(line)] == [
        "(Variation) All",
        "5,673 Last 12",
        "5,828 Last 12",
        "5,967 Last 12",
        "6,318 Last 12",
    ]


def test_a_run_no_one_drift_fits_is_left_whole() -> None:
    # Under columns at 16 and 26, "ddd" starts exactly at 16; the next column
    # starts at "gg" (27, one late) undrifted or at "fff" (23) drifted 0.85:
    # neither cutting fits clearly better, so the run stays whole (and its
    # row is reported unread).
    frags = fragments("Name  aa bbb cc ddd ee fff gg")
    starts = [0, 6, 16, 26]
    assert placed_words(frags, starts, starts) == frags


def test_a_run_over_one_column_start_is_left_to_the_nearest_word() -> None:
    frags = [Fragment("These are Measure has", 93, 114)]
    assert placed_words(frags, STARTS, STARTS) == frags


def test_marks_in_a_run_are_left_to_the_quarter_labels() -> None:
    # samples/text/000_…-browser-layout line 212.
    line = (
        "Raise awareness of the Community Trigger by providing Increased "
        "awareness \\bigcirc \\bigcirc"
    )
    starts = [0, 59, 78, 85, 92, 99]
    frags = fragments(line)
    assert placed_words(frags, starts, starts) == frags


def test_only_columns_a_header_labels_are_cut_at() -> None:
    region = [
        fragments("Approach      Key Project     Milestone(s)   Progress"),
        fragments("To provide    clean, well     Car Park"),
    ]
    starts = [0, 14, 30, 45]
    assert labelled(region, starts) == [0, 14, 30, 45]
    assert labelled(region[1:], starts) == []


def test_a_cut_told_by_where_the_neighbours_start_the_column() -> None:
    # 000 lines 14-15: "are" (99) and "Measure" (103) could start the column
    # at 102; the line below starts it at 104, off its start: "Measure".
    region = [
        [Fragment("These are Measure has", 93, 114)],
        [Fragment("all", 93, 96), Fragment("changed", 104, 111)],
    ]
    got = aligned_cuts(region, [92, 102])
    assert [(f.text, f.x0) for f in got[0]] == [("These are", 93), ("Measure has", 103)]


def test_neighbours_at_the_column_start_tell_nothing() -> None:
    # 003-writer-layout line 160: "<p>An" (56) and "Approved" (59) near the
    # column at 58, where the lines around start theirs: left whole.
    head = "<p>Produce and then facilitate the ongoing development <p>An Approved"
    region = [
        [Fragment(head, 0, len(head))],
        [Fragment("Office of the Police", 0, 20), Fragment("initiatives", 58, 69)],
    ]
    assert aligned_cuts(region, [0, 58]) == region


def test_a_run_with_too_many_cuttings_to_weigh_stays_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 43 short words and a long one under 20 columns: the last column has no
    # word near it, so no cutting reaches it, but the cuttings of the columns
    # before it are some 10^16. They are counted, not made.
    def weighed(*args: object) -> None:
        raise AssertionError("cuttings weighed")

    monkeypatch.setattr(packed_words, "_cuttings", weighed)
    line = " ".join(["ab"] * 43 + ["abcdefghijklmnop"])
    starts = list(range(0, 200, 10))
    frags = fragments(line)
    assert placed_words(frags, starts, starts) == frags
    assert packed_words._count([[1, 2], [3], [2, 4]]) == 1 + 2 + 2 + 2


def test_cuttings_are_made_in_order() -> None:
    options = [[1, 2], [2, 3], [1, 4]]
    assert list(packed_words._increasing(options)) == [
        (),
        (1,),
        (1, 2),
        (1, 2, 4),
        (1, 3),
        (1, 3, 4),
        (2,),
        (2, 3),
        (2, 3, 4),
    ]
    assert packed_words._count(options) == 9


def test_a_run_of_one_wording_repeated_is_cut_at_each_repeat() -> None:
    # samples/text/000_…-browser-layout lines 19 and 22: each quarter's block
    # prints the same line; drift alone cut after "12 months = 12".
    starts = [0, 16, 31, 46, 61, 93, 104]
    line = "groupings –     months =       12 months = 12 months = 12 months ="
    assert _texts(line, starts) == [
        ("groupings –", 0),
        ("months =", 16),
        ("12 months =", 31),
        ("12 months =", 46),
        ("12 months =", 61),
    ]
    line = "Violence        12 Months = 12 Months = 12 Months = 12 Months ="
    assert [t for t, _ in _texts(line, starts)] == ["Violence"] + 4 * ["12 Months ="]


def test_a_run_not_one_wording_repeated_goes_by_its_drift() -> None:
    assert packed_words._repeated("12 months = 12 months =".split(), 2) == (3,)
    assert packed_words._repeated("12 months = 12 weeks =".split(), 2) is None
    # Figures and case aside: "2 out of 115 3 out of 162" is one wording.
    assert packed_words._repeated("2 out of 115 3 Out of 162".split(), 3) == (4,)
    assert packed_words._repeated("a b c".split(), 2) is None


def test_a_run_of_one_wording_over_fewer_columns_than_it_reaches() -> None:
    # samples/text/002_…-browser-layout line 98: "progressed to progressed to"
    # from 76 reaches the Total column (101) but prints Q3's and Q4's cells.
    starts = [0, 43, 61, 76, 88, 101]
    line = "of Housing" + " " * 33 + "prevention or" + " " * 5 + "cases" + " " * 10
    line += "progressed to progressed to"
    assert _texts(line, starts)[-2:] == [("progressed to", 76), ("progressed to", 88)]
