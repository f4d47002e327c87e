"""PDF line geometry on pages no report prints: tiny type, text far off the page."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.layout.geometry import MAX_BLANKS, Line, line_numbers, line_pitch
from extract.readers.pdf import read_pdf
from tests.fixtures.minimal_pdf import minimal_pdf, text_page

LINES = ["First line", "Second line", "Third line", "Fourth"]


@pytest.mark.parametrize(
    "spans, default, pitch",
    [
        ([[(10.0, 10.0), (23.0, 23.0), (36.0, 36.0)]], 13.3, 13.0),
        # Lines 0.2 pt apart measure 0 at the half point: no pitch to use.
        ([[(10.0, 10.0), (10.2, 10.2), (10.4, 10.4)]], 13.3, 13.3),
        ([[(10.0, 10.0), (10.2, 10.2), (10.4, 10.4)]], 0.0, 0.5),
        ([[]], 0.0, 0.5),
    ],
)
def test_line_pitch_is_never_zero(
    spans: list[list[tuple[float, float]]], default: float, pitch: float
) -> None:
    assert line_pitch(spans, default) == pitch


def test_tiny_type_close_lines_are_read() -> None:
    """Lines 0.2 pt apart in 0.1 pt type raised ZeroDivisionError."""
    pdf = minimal_pdf([text_page(LINES, size=0.1, pitch=0.2)])
    doc = read_pdf(Path("tiny.pdf"), "tiny.pdf", pdf)
    assert doc.lines == tuple(LINES)


def test_text_far_off_the_page_is_not_a_sea_of_blank_lines() -> None:
    lines = [Line(("a",), 10.0, 10.0, False), Line(("b",), 1e9, 1e9, False)]
    assert line_numbers(lines, 12.0, 10.0) == [1, MAX_BLANKS + 2]
