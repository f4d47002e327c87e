"""Values of narrow columns printed one space apart (`pdftotext -layout` of a
browser's print) placed, in order, in the columns they run over."""

from __future__ import annotations

import pytest

from extract.layout.carried import carried_columns
from extract.layout.packed_values import placed_values
from extract.layout.text_columns import Fragment, cells_of, fragments
from extract.layout.text_grid import printed_lines

# samples/text/002_…-browser-layout lines 122 and 132-133: the table's Q1-Q4
# and Total columns start at 58, 70, 80 ("116 cases" and "1,084" at 83), 96
# and 105.
HEADER = (
    "Performance       Frequency Last year's   Target          Q1          Q2"
    "           Q3           Q4       Total"
)
COUNTS = (
    "Number of      Q              141 cases  Value of         100 cases 98 cases"
    "    116 cases n/a            314 cases"
)
STARTS = [0, 15, 28, 41, 58, 70, 80, 96, 105]


def _placed(line: str) -> list[tuple[str, int]]:
    return [(f.text, f.x0) for f in placed_values(fragments(line), STARTS, STARTS)]


def test_each_value_goes_to_the_next_column_nearest_it() -> None:
    assert _placed(COUNTS)[-5:] == [
        ("100 cases", 58),
        ("98 cases", 70),
        ("116 cases", 80),
        ("n/a", 96),
        ("314 cases", 105),
    ]


def test_the_values_are_read_in_their_columns() -> None:
    cells = cells_of(
        COUNTS,
        STARTS,
        len(STARTS),
        STARTS,
        placed_values(fragments(COUNTS), STARTS, STARTS),
    )
    assert cells[4:] == [
        "100 cases",
        "98 cases",
        "116 cases",
        "n/a",
        "314 cases",
    ]


@pytest.mark.parametrize(
    "frag",
    [
        # Words among the figures: where one column's text ends is not told.
        Fragment("5,673 Last 12 5,828 Last", 58, 82),
        # A count and its share, well inside its column.
        Fragment("0 0%", 58, 62),
        # Two values for three columns, no one placement nearest.
        Fragment("12 34", 66, 71),
    ],
)
def test_other_fragments_stay_as_printed(frag: Fragment) -> None:
    assert placed_values([frag], [0, 58, 68, 70, 72], [0, 58, 68, 70, 72]) == [frag]


def test_a_header_printed_again_sets_out_a_table_of_its_own() -> None:
    # Line 59's header prints "Q2" at 61; line 122's at 70.
    lines = [
        "Performance        Frequency Last    Target Q1               Q2"
        "             Q3          Q4           Total",
        "Number of ASB Q              85      N/A   20                27"
        "             12          43           102",
        HEADER,
        "Number of fly     Q           470         N/A             102"
        "         132          54           78       366",
    ]
    cells = [p.cells for p in printed_lines(lines) if p is not None]
    assert cells[-1] == (
        "Number of fly",
        "Q",
        "470",
        "N/A",
        "102",
        "132",
        "54",
        "78",
        "366",
    )


@pytest.mark.parametrize(
    "own, filled, moved, guessed",
    [
        # The row's Quarter 1 and 2 columns, in order.
        ([0, 33, 104], (0, 1, 2), [0, 33, 104, 124, 132, 140, 147], set()),
        # Not as many as the row filled: spread in proportion, the last last
        # (on the same page: no guess of a new page's).
        ([0, 33, 104], (0, 1, 2, 6), [0, 33, 59, 88, 93, 99, 104], set()),
    ],
)
def test_a_region_goes_on_in_the_columns_its_row_filled(
    own: list[int], filled: tuple[int, ...], moved: list[int], guessed: set[int]
) -> None:
    carried = [0, 42, 83, 124, 132, 140, 147]
    assert carried_columns(own, carried, filled) == (moved, guessed)
