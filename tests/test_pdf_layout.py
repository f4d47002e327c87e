"""The PDF reader's geometry on small hand-placed runs (7 pt text, 9 pt pitch)."""

from __future__ import annotations

from extract.layout.geometry import (
    Group,
    Run,
    free_lines,
    groups,
    line_pitch,
    printed,
    running_lines,
    visual_lines,
)


def run(text: str, x0: float, base: float) -> Run:
    return Run(text, x0, x0 + 3.5 * len(text), base, 7.0)


def test_words_on_one_baseline_join_and_columns_stay_apart() -> None:
    lines = visual_lines(
        [run("Quarter", 40, 100), run("1", 66.5, 100.4), run("Quarter 2", 150, 100)]
    )
    assert [[r.text for r in line] for line in lines] == [["Quarter 1", "Quarter 2"]]


def test_wrapped_paragraph_is_one_printed_line() -> None:
    found = groups(
        visual_lines(
            [
                run("Long text that", 36, 100),
                run("wraps here", 36, 109),
                run("Next line", 36, 122),
            ]
        ),
        margin=36,
    )
    lines, _ = free_lines(found, pitch=13)
    assert [(line.cells, line.tabbed) for line in lines] == [
        (("Long text that wraps here",), False),
        (("Next line",), False),
    ]


def test_smallest_repeated_gap_is_the_pitch() -> None:
    """A blank after every line makes 26 pt the commonest gap, not the pitch."""
    spans = [
        [
            (100.0, 100.0),
            (126.0, 126.0),
            (152.0, 152.0),
            (165.0, 165.0),
            (178.0, 178.0),
            (204.0, 204.0),
        ]
    ]
    assert line_pitch(spans, default=13.3) == 13.0


def test_unruled_rows_take_the_columns_where_fragments_start() -> None:
    found = groups(
        visual_lines(
            [
                run("Label", 39, 100),
                run("Q1 value", 139, 100),
                run("only first", 39, 113),
                run("only second", 139, 126),
            ]
        ),
        margin=36,
    )
    lines, starts = free_lines(found, pitch=13)
    assert [line.cells for line in lines] == [
        ("Label", "Q1 value"),
        ("only first", ""),
        ("", "only second"),
    ]
    assert starts == [39, 139]


def test_table_continued_on_next_page_keeps_its_columns() -> None:
    """Column 0 empty on the new page must not move column 1 to the left."""
    page2 = [Group((run("second", 139, 55),), 55, 55, True)]
    lines, _ = free_lines(page2, pitch=13, carried=[39, 139])
    assert lines[0].cells == ("", "second")


def test_blank_lines_come_back_from_the_space_between_lines() -> None:
    found = groups(
        visual_lines([run("Title", 36, 81), run("Body", 36, 120)]), margin=36
    )
    lines, _ = free_lines(found, pitch=13)
    assert printed(lines, pitch=13, top=55) == [
        None,
        None,
        ("Title",),
        None,
        None,
        ("Body",),
    ]


def test_running_header_and_page_number_footer_are_found() -> None:
    pages = [
        [
            [run("Council report", 36, 24)],
            [run("Body A", 36, 60)],
            [run(f"Page {n} of 2", 36, 577)],
        ]
        for n in (1, 2)
    ]
    assert running_lines(pages, [595.0, 595.0]) == {(0, 0), (0, 2), (1, 0), (1, 2)}
    # One page: the "Page 1" footer, and the header in the footer's type size.
    single = [[[run("Council report", 36, 24)], [run("Page 1", 36, 577)]]]
    assert running_lines(single, [595.0]) == {(0, 0), (0, 1)}
    title = Run("Housing PDP 2016-17", 36, 180, 24, 12.0)
    single = [[[title], [run("Page 1", 36, 577)]]]
    assert running_lines(single, [595.0]) == {(0, 1)}
