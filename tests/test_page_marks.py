"""Rating marks under quarter labels set one space apart, placed by the order
of where their page prints them (`pdftotext -layout` of a browser's print)."""

from __future__ import annotations

from extract.layout.page_marks import placed_marks

# samples/text/002_…-browser-layout lines 152-180, shortened: the labels at
# 101-111, each mark on its row's first line.
LABELS = " " * 101 + "Q1 Q2 Q3 Q4"


def _line(text: str, x: int, mark: str = "✓") -> str:
    return text.ljust(x) + mark


PAGE = [
    LABELS,
    _line("Identify & Promote One   Purse Bells Campaign to", 101),
    _line("Identify & Promote One   Community Safety Partnership", 106),
    _line("Publish Anti Social      Corporate ASB Policy will be", 117),
    _line("Project Plan Developed   Tender Published 24 January", 113),
]


def test_marks_at_as_many_places_as_labels_take_them_in_order() -> None:
    assert placed_marks(PAGE, [1] * len(PAGE)) == {
        1: {101: 101},
        2: {106: 104},
        3: {117: 110},
        4: {113: 107},
    }


def test_marks_of_another_page_are_placed_by_their_own_page() -> None:
    pages = [1, 1, 1, 2, 2]
    assert placed_marks(PAGE, pages) == {}


def test_a_mark_alone_on_its_line_places_no_mark_of_its_page() -> None:
    page = [*PAGE, _line("", 106)]
    assert placed_marks(page, [1] * len(page)) == {}


def test_marks_nearer_than_three_characters_are_no_two_places() -> None:
    page = [*PAGE[:3], _line("Publish Anti Social      Corporate", 108), PAGE[4]]
    assert placed_marks(page, [1] * len(page)) == {}


def test_labels_set_apart_place_marks_by_position() -> None:
    page = [" " * 101 + "Q1   Q2   Q3   Q4", *PAGE[1:]]
    assert placed_marks(page, [1] * len(page)) == {}


def test_a_page_with_no_mark_under_the_first_label_places_none() -> None:
    # No Q1 mark on the page, and a mark column after Q4 (a trend): four
    # places for four labels, but the first is Q2's, not Q1's.
    page = [
        LABELS,
        _line("Identify & Promote One   Community Safety Partnership", 106),
        _line("Project Plan Developed   Tender Published 24 January", 113),
        _line("Publish Anti Social      Corporate ASB Policy will be", 117),
        _line("Award Contract to        Contract awarded March 2019.", 121, "▲"),
    ]
    assert placed_marks(page, [1] * len(page)) == {}
