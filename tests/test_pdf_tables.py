"""Ruled-table cells: the same as pdfplumber's finder gives, faster."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber.table as plumber
import pypdfium2 as pdfium
import pytest

from extract.readers.pdf_objects import page_content
from extract.readers.pdf_tables import TOLERANCE, intersections_to_cells

# Cells of the ruled samples' grids, all pages.
CELLS = 1590
RULED = sorted(
    (Path(__file__).resolve().parent.parent / "samples" / "pdf").glob("*-ruled.pdf")
)


def pages_intersections(path: Path) -> list[dict[Any, Any]]:
    pdf = pdfium.PdfDocument(path)
    found = []
    for i in range(len(pdf)):
        edges = list(page_content(pdf, i).edges)
        merged = plumber.merge_edges(edges, *[TOLERANCE] * 4)
        found.append(plumber.edges_to_intersections(merged, TOLERANCE, TOLERANCE))
    pdf.close()
    return found


@pytest.mark.parametrize("path", RULED, ids=lambda p: p.name)
def test_cells_are_pdfplumbers(path: Path) -> None:
    for points in pages_intersections(path):
        assert intersections_to_cells(points) == plumber.intersections_to_cells(points)


def test_the_samples_have_ruled_cells() -> None:
    cells = [intersections_to_cells(p) for f in RULED for p in pages_intersections(f)]
    assert sum(map(len, cells)) == CELLS


def test_a_grid_with_a_missing_rule() -> None:
    """Three columns, two rows; the middle rule stops after the first row."""

    def h(top: float, x0: float, x1: float) -> dict[str, object]:
        return {
            "x0": x0,
            "x1": x1,
            "top": top,
            "bottom": top,
            "width": x1 - x0,
            "height": 0.0,
            "orientation": "h",
            "object_type": "line",
        }

    def v(x: float, top: float, bottom: float) -> dict[str, object]:
        return {
            "x0": x,
            "x1": x,
            "top": top,
            "bottom": bottom,
            "width": 0.0,
            "height": bottom - top,
            "orientation": "v",
            "object_type": "line",
        }

    edges = [
        h(0, 0, 30),
        h(10, 0, 30),
        h(20, 0, 30),
        v(0, 0, 20),
        v(10, 0, 10),
        v(20, 0, 20),
        v(30, 0, 20),
    ]
    points = plumber.edges_to_intersections(edges, TOLERANCE, TOLERANCE)
    cells = intersections_to_cells(points)
    assert cells == plumber.intersections_to_cells(points)
    assert cells == [
        (0, 0, 10, 10),
        (0, 10, 20, 20),
        (10, 0, 20, 10),
        (20, 0, 30, 10),
        (20, 10, 30, 20),
    ]
