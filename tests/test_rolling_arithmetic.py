"""Quarter blocks interleaved past reading back (`rolling12.arithmetic`): read
by their captions, kept only where their figures add up."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from extract.blocks import blocks_of
from extract.readers import read_document
from extract.recognisers import rolling12
from extract.recognisers.rolling12 import arithmetic
from extract.run import extract
from normalise.numbers import parse_int, parse_number
from tests.conftest import SAMPLES, rows_of

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "interleavedrolling"
BROWSER_LAYOUT = "000_af055924f554b2ff-browser-layout.txt"
WRITER_LAYOUT = (
    FIXTURES.parent / "writerlayout" / "000_af055924f554b2ff-writer-layout.txt"
)


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("interleaved")
    inputs = [*sorted(FIXTURES.glob("*.txt")), SAMPLES / "text" / BROWSER_LAYOUT]
    inputs.append(WRITER_LAYOUT)
    extract(inputs, folder)
    return folder


def _blocks(out: Path, source: str, indicator: str) -> list[tuple[object, ...]]:
    rows = rows_of(out, "rolling_12_months", source)
    rows = rows[rows.indicator_id == indicator].sort_values("quarter")
    columns = [
        "quarter",
        "as_of_date",
        "previous_12_months",
        "last_12_months",
        "change_pct",
        "change_abs",
        "direction",
    ]
    return [
        tuple(None if pd.isna(v) else v for v in r)
        for r in rows[columns].itertuples(index=False)
    ]


ASB = [
    ("Q1", date(2017, 7, 24), 3235, 2914, -10.0, -321, "reduction"),
    ("Q2", date(2017, 10, 10), 3108, 3062, -1.0, -46, "reduction"),
    ("Q3", date(2018, 1, 19), 2957, 3179, 8.0, 222, None),
    ("Q4", date(2018, 4, 17), 2808, 3132, 12.0, 324, None),
]
CRIME = [
    ("Q1", date(2017, 7, 24), 5673, 6506, 15.0, 833, "increase"),
    ("Q2", date(2017, 10, 10), 5828, 6730, 15.0, 902, "increase"),
    ("Q3", date(2018, 1, 19), 5967, 6782, 14.0, 815, "increase"),
    ("Q4", date(2018, 4, 17), 6318, 6577, 4.0, 259, "increase"),
]


def test_a_browser_layout_texts_cells_run_together_give_their_blocks(
    out: Path,
) -> None:
    # samples/text/000…-browser-layout lines 36-55: "(Variation) 3,235 Last 12
    # 3,108 Last 12 2,957 Last 12", Q4's totals a line or two lower; each
    # difference printed, so each quarter's pair of totals is the one pair of
    # the row's figures that makes it.
    assert _blocks(out, BROWSER_LAYOUT, "asb-incidents") == ASB
    # Lines 68-78: Q1's and Q3's dates wrap below Q2's (10.10.17): a later
    # quarter's date printed first, so print order tells no quarter. Not
    # read, and reported.
    assert _blocks(out, BROWSER_LAYOUT, "hate-crime-incidents") == []
    issues = rows_of(out, "issues", BROWSER_LAYOUT)
    unread = issues[issues.code == "unparsed_block"].message
    assert unread.str.startswith(f"{BROWSER_LAYOUT}:76-78: ").any()


def test_plain_text_of_a_browser_print_gives_its_rows_blocks(out: Path) -> None:
    source = "000_af055924f554b2ff-browser-plain.txt"
    assert _blocks(out, source, "committed-crime") == CRIME
    # The ASB row prints three quarters here, its fourth after another row
    # on the next page with no name near it: those three are read; the
    # fourth is reported, and so is the rest of the text, from the counts
    # under the blocks on.
    assert _blocks(out, source, "asb-incidents") == ASB[:3]
    rolling = rows_of(out, "rolling_12_months", source)
    assert sorted(set(zip(rolling.line_start, rolling.line_end, strict=True))) == [
        (49, 83),
        (101, 122),
    ]
    issues = rows_of(out, "issues", source)
    unread = issues[issues.code == "unparsed_block"].message.tolist()
    assert unread == [
        f"{source}:207: Q4 block of rolling 12-month totals printed with no "
        "row's name before it, nor, for a row of blocks, after it; not read: "
        "'Q4 (17.04.18) Previous 12 months = 2,808 Last 12 months = 3,…'",
        f"{source}:122-768: table block with numbers that no recogniser claimed: "
        '"Champion (-321) Q1 - 15 Q2 – 13 on"',
    ]
    assert "no_facts" not in set(issues.code)


def test_percentages_printed_out_of_order_are_paired_by_difference(
    out: Path,
) -> None:
    # 000-writer-plain lines 35-70: Q4's "Months = 4%" prints a line before
    # "15% increase 15% increase 14% increase increase": in turn three of
    # four changes would not follow. Each difference and percentage pairs
    # the figures that make them, one way only.
    source = "000_af055924f554b2ff-writer-plain.txt"
    assert _blocks(out, source, "committed-crime") == CRIME
    assert _blocks(out, source, "asb-incidents") == ASB


def test_labels_over_a_name_and_a_dash_start_their_row(out: Path) -> None:
    # 000-browser-raw lines 253-287: "Q1", "(24.07.17)", … "(197.04.18)",
    # then "-" (the row's target) and "Over Time Previous 12 Previous 12 …".
    source = "000_af055924f554b2ff-browser-raw.txt"
    assert [b[:5] for b in _blocks(out, source, "hate-crime-incidents")] == [
        ("Q1", date(2017, 7, 24), 89, 100, 12.0),
        ("Q2", date(2017, 10, 10), 88, 116, 32.0),
        ("Q3", date(2018, 1, 19), 90, 123, 33.0),
        ("Q4", date(2018, 4, 17), 93, 114, 23.0),
    ]
    # Q3's printed 33% is not 90 -> 123 (36.7%): the report's own slip, kept
    # and reported as the TAB text's is; "197.04.18" repaired as there.
    issues = rows_of(out, "issues", source)
    slips = issues[issues.code == "inconsistent_change"].message.tolist()
    assert slips == [
        f"{source}:253: Q3 Hate Crime Incidents Over Time (Variation)"
        " – Police data: change 33% is not 36.7% (90 -> 123)"
    ]
    repairs = rows_of(out, "repairs", source)
    dated = repairs[repairs.column == "as_of_date"]
    assert dated[["raw", "repaired"]].values.tolist() == [["197.04.18", "17.04.18"]]


def test_a_writer_print_s_spaced_minus_is_the_change_s_sign(out: Path) -> None:
    # "Months = - 10% reduction" (001-writer-plain): a minus a space apart.
    source = "001_4e0ea328a26b8980-writer-plain.txt"
    assert _blocks(out, source, "asb-incidents") == ASB[:2]


def test_a_writer_layout_texts_packed_row_gives_its_blocks(out: Path) -> None:
    # tests/fixtures/writerlayout/000 lines 34-43: "Over Time months = 3,235
    # months = 3,108 months =", Q4's "Previous 12" after Q3's figure, Q1's
    # last total on the line after: in turn Q4 would take 2,914, so only the
    # differences tell the pairs.
    assert _blocks(out, WRITER_LAYOUT.name, "asb-incidents") == ASB


def _figures(lines: list[str]) -> list[tuple[object, ...]]:
    """The quarters this reader alone reads in a made-up plain text."""
    data = "\n".join(lines).encode()
    doc = read_document(Path("x.txt"), "x.txt", data, text_form="plain")
    found = arithmetic.read(blocks_of(doc), rolling12.NAME)
    return [
        (f.quarter, f.block.date, parse_int(f.block.previous), parse_int(f.block.last),
         parse_number(f.block.pct)[0], f.block.change, f.block.direction, f.indicator)
        for f in found
    ]  # fmt: skip


ROW = [
    "Hate Crime Incidents Over Time (Variation)",
    "Q1 (24.07.17) Q2 (10.10.17) Q3 (19.01.18)",
    "Previous 12 Previous 12 Previous 12",
    "months = 89 months = 88 months = 90",
    "Last 12 Last 12 Last 12",
    "months = 100 months = 116 months = 123",
    "Change over Change over Change over",
    "12 Months = 12% 12 Months = 32% 12 Months = 37%",
]
HATE = "Hate Crime Incidents Over Time (Variation) – Police data"
READ = [
    ("Q1", "24.07.17", 89, 100, 12.0, None, None, HATE),
    ("Q2", "10.10.17", 88, 116, 32.0, None, None, HATE),
    ("Q3", "19.01.18", 90, 123, 37.0, None, None, HATE),
]


def test_figures_in_turn_are_read_where_they_add_up() -> None:
    assert _figures(ROW) == READ


def test_one_quarter_s_slip_is_kept() -> None:
    # Kept as printed; `rolling12` reports it as `inconsistent_change` (see
    # the browser-layout text's Hate Crime row above).
    slipped = [*ROW[:-1], "12 Months = 12% 12 Months = 32% 12 Months = 33%"]
    assert [f[4] for f in _figures(slipped)] == [12.0, 32.0, 33.0]


def test_figures_that_do_not_add_up_are_not_read() -> None:
    # Two quarters' changes swapped: neither follows from its totals.
    swapped = [*ROW[:-1], "12 Months = 12% 12 Months = 37% 12 Months = 32%"]
    assert _figures(swapped) == []
    # Of two quarters, none may slip.
    two = [
        ROW[0],
        "Q1 (24.07.17) Q2 (10.10.17)",
        "Previous 12 Previous 12",
        "months = 89 months = 88",
        "Last 12 Last 12",
        "months = 100 months = 116",
        "Change over Change over",
    ]
    assert len(_figures([*two, "12 Months = 12% 12 Months = 32%"])) == 2
    assert _figures([*two, "12 Months = 12% 12 Months = 30%"]) == []


def test_a_date_printed_apart_from_its_label_goes_to_its_quarter_in_turn() -> None:
    # "Q2 (10.10.17)" is Q2's and the dates printed alone go to Q1 and Q3
    # where they print in quarter order.
    apart = [ROW[0], "Q1 (24.07.17) Q2", "(10.10.17) Q3 (19.01.18)", *ROW[2:]]
    assert _figures(apart) == READ
    # A later quarter's date printed first (Q1's wraps below Q2's): its cell
    # runs ahead, and print order tells no quarter.
    ahead = [ROW[0], "Q1 Q2 (10.10.17) Q3", "(24.07.17) (19.01.18)", *ROW[2:]]
    assert _figures(ahead) == []
    # Dates out of time order tell no quarter either.
    backwards = [ROW[0], "Q1 Q2 (24.07.17) Q3", "(10.10.17) (19.01.18)", *ROW[2:]]
    assert _figures(backwards) == []


PACKED = [
    "ASB Incidents Over Time (Variation)",
    "Q1 (24.07.17) Q2 (10.10.17)",
    "Previous 12 Previous 12",
    "months = 3,235 Last 12 months = 3,108",
    "= 2,914 Last 12 months = 3,062",
    "Change over 12 Months = -10% reduction Change over 12 Months = -1%",
    "(-321) reduction (-46)",
]


def test_a_difference_no_quarter_makes_leaves_the_row_unread() -> None:
    # Something else is printed there: the row is not these figures alone.
    assert len(_figures([*ROW, "(11) (28) (33)"])) == 3
    assert _figures([*ROW, "(11) (28) (34)"]) == []
    assert _figures([*ROW, "(11) (28) (33) (12)"]) == []


def test_direction_words_are_read_only_one_for_each_quarter_going_that_way() -> None:
    said = [*ROW[:-1], "12 Months = 12% increase 32% increase 37% increase"]
    assert {f[6] for f in _figures(said)} == {"increase"}
    fewer = [*ROW[:-1], "12 Months = 12% increase 32% increase 37%"]
    assert {f[6] for f in _figures(fewer)} == {None}


def test_a_row_under_no_registered_rolling_name_is_not_read() -> None:
    assert _figures(["Widget Sales Over Time", *ROW[1:]]) == []


WORDS = st.sampled_from(
    [
        "Previous 12", "Last 12", "months =", "Change over", "12 Months =",
        "5,673", "6,506", "89", "100", "(833)", "(-46)", "15%", "- 10%",
        "increase", "reduction", "Q1", "Q2", "Q4", "(24.07.17)", "(197.04.18)",
        "Hate Crime Incidents Over Time", "ASB Incidents", "", "(", "%",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(WORDS, max_size=8).map(" ".join), max_size=30))
def test_any_lines_give_quarters_or_nothing_never_an_error(lines: list[str]) -> None:
    above = 0
    for row in arithmetic._rows(lines):
        quarters = arithmetic._quarters(row)
        numbers = [int(q.quarter[1]) for q in quarters]
        assert not numbers or numbers == list(range(numbers[0], numbers[-1] + 1))
        for q in quarters:
            assert parse_int(q.previous) is not None and parse_int(q.last) is not None
        arithmetic._indicator(lines, above, row)
        above = row.last + 1


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=20))
def test_any_text_gives_rows_or_nothing(lines: list[str]) -> None:
    for row in arithmetic._rows(lines):
        arithmetic._quarters(row)


def test_a_figure_wrapped_below_the_next_quarter_s_is_not_read() -> None:
    # Q1's figure wraps a line below Q2's: "months =" / "months = 200" /
    # "100". "200" is Q2's ("months = 200" ends Q2's caption), "100" Q1's;
    # but Q1's total printed after Q2's says a cell runs out of turn, and
    # the equal changes cannot tell: refused, not guessed.
    lines = [
        "Hate Crime Incidents Over Time (Variation)",
        "Q1 (24.07.17)", "Q2 (10.10.17)",
        "Previous 12", "Previous 12", "months =", "months = 200", "100",
        "Last 12", "Last 12", "months =", "months = 220", "110",
        "Change over", "Change over", "12 Months = 10%", "12 Months = 10%",
    ]  # fmt: skip
    assert _figures(lines) == []


# Committed Crime's row, its four cells' lines one after another across it,
# but its last totals and changes.
CRIME_ROW = [
    "Committed Crime Over Time (Variation)",
    "Q1 (24.07.17) Q2 (10.10.17) Q3 (19.01.18) Q4 (17.04.18)",
    "Previous 12 Previous 12 Previous 12 Previous 12",
    "months = 5,673 months = 5,828 months = 5,967 months = 6,318",
    "Last 12 Last 12 Last 12 Last 12",
    "Change over Change over Change over Change over",
]


def test_percentages_out_of_quarter_order_are_not_read_in_turn() -> None:
    # Q3's 14% printed first: in turn Q1 would take 14% (14.7% made) and
    # Q3 15% as a slip; another order fits better, so in turn is refused.
    # The differences, printed in order, pair them by difference.
    lines = [
        *CRIME_ROW[:5],
        "months = 6,506 months = 6,730 months = 6,782 months = 6,577",
        CRIME_ROW[5],
        "12 Months = 14% 15% 15% 4%",
    ]
    assert _figures(lines) == []
    with_differences = [*lines, "(833) (902) (815) (259)"]
    assert [(f[0], f[4], f[5]) for f in _figures(with_differences)] == [
        ("Q1", 15.0, "833"),
        ("Q2", 15.0, "902"),
        ("Q3", 14.0, "815"),
        ("Q4", 4.0, "259"),
    ]


def test_a_missing_total_is_no_other_figure_s_slip() -> None:
    # Q4's last total not printed: "16" of a count under the blocks would
    # make 6,318 -> 16, nothing like its 4%: not a slip, the row is refused.
    lines = [
        *CRIME_ROW[:5],
        "months = 6,506 months = 6,730 months = 6,782 months =",
        CRIME_ROW[5],
        "12 Months = 15% 15% 14% 4% - 16 on going",
    ]
    assert _figures(lines) == []


def test_quarters_whose_printed_order_no_change_follows_are_not_read() -> None:
    # Q2's previous total printed before Q1's; the changes, in quarter order,
    # say the pairs are the other way round: no order agrees, none is read.
    lines = [
        "ASB Incidents Over Time (Variation)",
        "Q1 (24.07.17)        Q2 (10.10.17)",
        "Previous 12 months = Previous 12 months = 3,108",
        "3,235",
        "Last 12 months =     Last 12 months = 3,062",
        "2,914",
        "Change over 12 Months = -10% (-321)   Change over 12 Months = -1% (-46)",
    ]
    assert all(f[:4] != ("Q1", "24.07.17", 3108, 3062) for f in _figures(lines))
    # Unsigned, a difference is the one its totals make in print order, a
    # previous total printed before its last: "reduction (46)" pairs none.
    unsigned = [
        *PACKED[:-2],
        "Change over 12 Months = -10% reduction 1%",
        "(-321) (46)",
    ]
    assert _figures(unsigned) == []


def test_labels_not_of_the_row_s_cells_give_no_quarters() -> None:
    row = ROW[2:]
    name = "Hate Crime Incidents Over Time (Variation)"
    dates = "(10.10.17) (19.01.18) (17.04.18)"
    # A header's four labels over a row of three dated cells.
    assert _figures(["Indicator Q1 Q2 Q3 Q4", name, dates, *row]) == []
    # "Quarter 2 …" (no label read) and counts under the blocks labelled
    # "Q1 - 15 on", "Q2 - 13 on": those are no heads of the cells.
    counts = "(11) Q1 - 15 on (28) Q2 - 13 on (33) Q3 - 4 on"
    assert _figures([name, "Quarter 2 Quarter 3 Quarter 4", dates, *row, counts]) == []
    # Dates a quarter late for their labels (Q1 reported in October).
    assert _figures([name, "Q1 Q2 Q3", dates, *row]) == []


def test_another_row_s_block_run_into_a_row_is_not_its_quarter() -> None:
    # A three-quarter row, then the fourth quarter of another row's cells
    # (a browser print sets a split column's last cell pages on).
    lines = [
        *ROW,
        "",
        "Quarter 4",
        "Q4",
        "(17.04.18)",
        "Previous", "12 months", "= 2,808",
        "Last 12", "months =", "3,132",
        "Change", "over 12", "Months =", "12% (324)",
    ]  # fmt: skip
    assert _figures(lines) == []


def test_a_name_in_a_sentence_above_is_not_the_row_s() -> None:
    lines = [
        "Hate Crime Incidents Over Time (Variation) are shown in the next table.",
        "",
        "Domestic Abuse Incidents",
        *ROW[1:],
    ]
    assert _figures(lines) == []


def test_a_long_text_of_captions_is_no_row() -> None:
    # "last" and "change" are words of prose too: lines of them chain into
    # one run of captions longer than a row, which is passed over.
    prose = ["The last change to ASB reporting came in the last year."] * 200
    lines = ["Previous 12 months = 5,673 crimes were recorded.", *prose]
    assert list(arithmetic._rows(lines)) == []
    words = [("asb", k, 0) for k in range(500)]
    assert arithmetic._in_order(words, ["asb", "incidents"], 500) == -1


# Three rows' cells as the samples print them: (quarter, date, previous,
# last, percentage, difference).
CELLS = [
    [("Q1", "24.07.17", "3,235", "2,914", "-10%", "-321"),
     ("Q2", "10.10.17", "3,108", "3,062", "-1%", "-46"),
     ("Q3", "19.01.18", "2,957", "3,179", "8%", "222"),
     ("Q4", "17.04.18", "2,808", "3,132", "12%", "324")],
    [("Q1", "24.07.17", "89", "100", "12%", "11"),
     ("Q2", "10.10.17", "88", "116", "32%", "28"),
     ("Q3", "19.01.18", "90", "123", "33%", "33"),
     ("Q4", "17.04.18", "93", "114", "23%", "21")],
    [("Q1", "24.07.17", "5,673", "6,506", "15%", "833"),
     ("Q2", "10.10.17", "5,828", "6,730", "15%", "902"),
     ("Q3", "19.01.18", "5,967", "6,782", "14%", "815"),
     ("Q4", "17.04.18", "6,318", "6,577", "4%", "259")],
]  # fmt: skip


@st.composite
def wrapped_rows(draw: st.DrawFn) -> tuple[list[str], str, dict[str, tuple[str, ...]]]:
    """A row of two to four quarter cells, each wrapped at its own words
    (most breaks shared, a few of each cell's own), printed line by line
    across the row as plain text or run together a column's gap apart as a
    `-layout` text does; with what each quarter prints."""
    row = draw(st.sampled_from(CELLS))
    first = draw(st.integers(0, 2))
    cells = row[first : first + draw(st.integers(2, 4 - first))]
    said, differences = draw(st.booleans()), draw(st.booleans())

    def words(q: str, day: str, prev: str, last: str, pct: str, diff: str) -> list[str]:
        out = [q, f"({day})", "Previous 12", "months =", prev, "Last 12", "months ="]
        out += [last, "Change over", "12 Months =", pct]
        if said:
            out.append("reduction" if pct.startswith("-") else "increase")
        return [*out, f"({diff})"] if differences else out

    printed = [words(*cell) for cell in cells]
    shared = draw(
        st.lists(st.booleans(), min_size=len(printed[0]), max_size=len(printed[0]))
    )
    parts = []
    for cell in printed:
        breaks = list(shared)
        for at in draw(st.lists(st.integers(0, len(cell) - 2), max_size=2)):
            breaks[at] = not breaks[at]
        lines, line = [], []
        for k, word in enumerate(cell):
            line.append(word)
            if breaks[k] or k == len(cell) - 1:
                lines.append(" ".join(line))
                line = []
        parts.append(lines)
    layout = draw(st.booleans())
    out = ["ASB Incidents Over Time (Variation)"]
    for k in range(max(len(p) for p in parts)):
        across = [p[k] for p in parts if k < len(p)]
        out += ["   ".join(across)] if layout else across
    truth = {c[0]: (c[2], c[3], c[4].rstrip("%")) for c in cells}
    return out, "layout" if layout else "plain", truth


# A change's "12 Months =" wrapped to a line of its own, where the next
# quarter's "months =" is awaited: it had ended that caption, so the third
# quarter's figures were read as the second's.
WRAPPED_CHANGE_CAPTION = (
    [
        "ASB Incidents Over Time (Variation)",
        "Q1 (24.07.17) Previous 12",
        "Q2",
        "Q3",
        "months = 3,235 Last 12 months = 2,914 Change over",
        "(10.10.17) Previous 12",
        "(19.01.18) Previous 12",
        "12 Months = -10% (-321)",
        "months =",
        "months = 2,957 Last 12 months = 3,179 Change over",
        "3,108 Last 12 months = 3,062 Change over",
        "12 Months = 8% (222)",
        "12 Months = -1% (-46)",
    ],
    "plain",
    {
        "Q1": ("3,235", "2,914", "-10"),
        "Q2": ("3,108", "3,062", "-1"),
        "Q3": ("2,957", "3,179", "8"),
    },
)


@settings(max_examples=400, deadline=None)
@given(wrapped_rows())
@example(WRAPPED_CHANGE_CAPTION)
def test_cells_wrapped_at_their_own_words_give_their_own_figures_or_none(
    case: tuple[list[str], str, dict[str, tuple[str, ...]]],
) -> None:
    lines, form, truth = case
    data = "\n".join(lines).encode()
    doc = read_document(Path("x.txt"), "x.txt", data, text_form=form)
    for f in arithmetic.read(blocks_of(doc), rolling12.NAME):
        assert (f.block.previous, f.block.last, f.block.pct) == truth[f.quarter]
