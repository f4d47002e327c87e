"""The rules that leave a layout-text cell unplaced: small made-up lines."""

from __future__ import annotations

import pytest

from extract.layout.text_columns import fragments
from extract.layout.unplaced import doubtful_cut, misplaced_marks

HEADER = "Milestone      Progress      Q1 Q2 Q3 Q4"
#                                    ^29^32^35^38


@pytest.mark.parametrize(
    "x, placed",
    [
        (29, True),  # under "Q1"
        (33, True),  # under the second character of "Q2"
        (31, False),  # between "Q1" and "Q2"
        (41, False),  # past "Q4"
        (20, False),  # in the Progress column
    ],
)
def test_a_mark_is_placed_only_under_one_label(x: int, placed: bool) -> None:
    line = "Publish policy" + " " * (x - 14) + "✓"
    region = [fragments(HEADER), fragments(line)]
    assert misplaced_marks(region) == (set() if placed else {1})


def test_labels_set_apart_are_not_tight() -> None:
    header = "Milestone      Progress      Q1     Q2     Q3     Q4"
    line = "Publish policy" + " " * 18 + "✓"
    assert misplaced_marks([fragments(header), fragments(line)]) == set()


@pytest.mark.parametrize(
    "line, doubtful",
    [
        # A word starts exactly at the column (20): the cut is certain.
        ("Previous 12 months  5,673", False),
        ("Last 12 months = 3,235 Last 12 3,108 Last", True),
        # One word near the column: the cut can only be there.
        ("Satisfaction with local 5,673", False),
    ],
)
def test_a_cut_is_doubtful_where_two_words_could_start_a_column(
    line: str, doubtful: bool
) -> None:
    assert doubtful_cut(line, fragments(line), [0, 20]) is doubtful
