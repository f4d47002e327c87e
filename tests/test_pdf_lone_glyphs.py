"""PDFs that draw each character by itself (some converters and report
writers do): a lone glyph's run ends at its bounds, short of the next
glyph by its side bearings, so a narrow digit ("1" of "102") looked a word
space away from the next. Inside a figure only a gap as wide as a space
parts two runs (`geometry._word_gap`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from extract.readers import read_path

ROWS = (
    ("Performance Indicator", "Target", "Q1", "Q2"),
    ("Number of fly tipping incidents", "N/A", "102", "1,132"),
    ("Retain 6 Green Flags", "6", "11", "17.1%"),
)


def _glyph_by_glyph(path: Path, font: str) -> None:
    canvas = Canvas(str(path), pagesize=(842, 595), invariant=1)
    y = 500.0
    for row in (*ROWS, ("Values 12 34 110 1, 2 and 3",)):
        for x, cell in zip((60.0, 300.0, 380.0, 440.0), row, strict=False):
            for char in cell:
                if char != " ":
                    canvas.setFont(font, 10)
                    canvas.drawString(x, y, char)
                x += stringWidth(char, font, 10)
        y -= 16
    canvas.showPage()
    canvas.save()


@pytest.mark.parametrize("font", ["Helvetica", "Times-Roman"])
def test_figures_drawn_glyph_by_glyph_are_whole(tmp_path: Path, font: str) -> None:
    pdf = tmp_path / "glyphs.pdf"
    _glyph_by_glyph(pdf, font)
    assert read_path(pdf).page_lines[1] == (
        "Performance Indicator\tTarget\tQ1\tQ2",
        "Number of fly tipping incidents\tN/A\t102\t1,132",
        "Retain 6 Green Flags\t6\t11\t17.1%",
        # Figures a space apart stay apart.
        "Values 12 34 110 1, 2 and 3\t\t\t",
    )
