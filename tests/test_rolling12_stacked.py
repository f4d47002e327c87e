"""Which rows go on with a rolling-12 block whose lines a print set as rows
of their own (extract/recognisers/rolling12/stacked.py)."""

from __future__ import annotations

import pytest

from extract.recognisers.rolling12.stacked import GOES_ON


@pytest.mark.parametrize(
    "text",
    [
        "Previous 12 months = 89",
        "Last 12 months = 100",
        "Change over 12 Months = 12%",
        "months = 3,235",
        "= 2,808",
        "(24.07.17) Previous 12 months = 5,673",
        "reduction (-321)",
        "(-46)",
    ],
)
def test_a_blocks_later_line_goes_on(text: str) -> None:
    assert GOES_ON.match(text)


@pytest.mark.parametrize("text", ["12", "15 cases", "Q1 - 15 on going", "N/A", "Hate"])
def test_a_figure_or_other_words_do_not_go_on(text: str) -> None:
    # A KPI row under the block prints figures alone ("Hate crime detections
    # | 12 | 15 | 9 | 11"): its own row, not the blocks' notes.
    assert not GOES_ON.match(text)
