"""Pages as a viewer shows them (`pdf_objects.seen_at`): turned by /Rotate
(a printer driver saves a landscape table drawn turned on an upright page
that /Rotate 90 turns back; read as drawn, its columns were rows: 001's F1
0.07, precision 0.54; `samples/pdf/build.py --turned` prints the samples
so), and cut from a larger sheet, their box's corner off the origin (read
as drawn, every line of the table fell above the page and was lost)."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from reportlab.pdfgen.canvas import Canvas

from extract.readers import read_path
from extract.readers.pdf_objects import seen_at
from extract.run import extract
from tests.conftest import SAMPLES

S001 = "001_4e0ea328a26b8980"
TURNS = (90, 180, 270)
# What a row says and where it is printed, its document aside.
FACTS = {
    "indicator_values": ["indicator_id", "financial_year", "period", "measure"]
    + ["value", "unit", "page", "line_start"],
    "rolling_12_months": ["indicator_id", "quarter", "previous_12_months"]
    + ["last_12_months", "change_pct", "page", "line_start"],
    "breakdowns": ["indicator_id", "period", "dimension", "category", "count"],
    "actions": ["kind", "title", "page", "line_start", "line_end"],
    "status_summary": ["scope", "period", "category", "count", "percent"],
}


def test_where_a_page_shows_its_corners() -> None:
    width, height = 595.0, 842.0
    box = (0.0, 0.0, width, height)
    assert seen_at(0, box) is None
    assert seen_at(4, box) is None  # a whole turn
    turned = {q: seen_at(q, box) for q in (1, 2, 3)}
    # The page's top left corner as drawn, shown where a turn takes it.
    top_left = (0.0, height)
    assert turned[1] is not None and turned[1](*top_left) == (height, width)
    assert turned[2] is not None and turned[2](*top_left) == (width, 0.0)
    assert turned[3] is not None and turned[3](*top_left) == (0.0, 0.0)
    # A box from (20, 300): its corners are the page's corners.
    moved = seen_at(0, (20.0, 300.0, 20.0 + width, 300.0 + height))
    assert moved is not None
    assert moved(20.0, 300.0 + height) == (0.0, height)
    turned_moved = seen_at(1, (20.0, 300.0, 20.0 + width, 300.0 + height))
    assert turned_moved is not None
    assert turned_moved(20.0, 300.0 + height) == (height, width)


ROWS = (
    ("Performance Indicator", "Target", "Q1", "Q2"),
    ("Number of fly tipping incidents", "N/A", "102", "132"),
    ("Retain 6 Green Flags", "6", "6", "6"),
)


def test_a_page_whose_box_is_off_the_origin_is_read(tmp_path: Path) -> None:
    # Two A4 pages drawn 300 pt up, their MediaBox from y = 300: a running
    # header and footer, and a table whose Q1 and Q2 differ on page 2.
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(595.2756, 841.8898), invariant=1)
    for page in (1, 2):
        canvas.translate(0, 300)
        canvas.setFont("Helvetica", 9)
        canvas.drawString(60, 810, "Cannock Chase Council - Performance Reports")
        for k, row in enumerate(ROWS):
            for x, cell in zip((60, 300, 380, 440), row, strict=True):
                shown = str(int(cell) + page) if k and x > 300 else cell
                canvas.drawString(x, 700 - 14 * k, shown)
        canvas.drawString(60, 30, f"Cannock Chase Council - Page {page} of 2")
        canvas.showPage()
    canvas.save()
    data = out.getvalue()
    media = b"/MediaBox [ 0 0 595.2756 841.8898 ]"
    assert data.count(media) == 2
    pdf = tmp_path / "moved.pdf"
    pdf.write_bytes(data.replace(media, b"/MediaBox [ 0 300 595.2756 1141.8898 ]"))
    doc = read_path(pdf)
    assert doc.page_lines == {
        page: (
            "Performance Indicator\tTarget\tQ1\tQ2",
            f"Number of fly tipping incidents\tN/A\t{102 + page}\t{132 + page}",
            f"Retain 6 Green Flags\t6\t{6 + page}\t{6 + page}",
        )
        for page in (1, 2)
    }


@pytest.fixture(scope="module")
def turned_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    inputs = tmp_path_factory.mktemp("turned")
    for turn in TURNS:
        subprocess.run(
            [sys.executable, str(SAMPLES / "pdf" / "build.py")]
            + [str(SAMPLES / f"{S001}.txt"), "--out", str(inputs)]
            + ["--turned", str(turn)],
            check=True,
            capture_output=True,
        )
    (inputs / f"{S001}-ruled.pdf").write_bytes(
        (SAMPLES / "pdf" / f"{S001}-ruled.pdf").read_bytes()
    )
    out = tmp_path_factory.mktemp("out")
    extract([inputs], out)
    return out


def _facts(out: Path, table: str, name: str) -> pd.DataFrame:
    docs = pd.read_parquet(out / "documents.parquet")
    doc = docs[docs.source_path == name].doc_id.item()
    rows = pd.read_parquet(out / f"{table}.parquet")
    columns = FACTS[table]
    return (
        rows[rows.doc_id == doc][columns]
        .sort_values(columns)
        .reset_index(drop=True)
        .astype(str)
    )


@pytest.mark.parametrize("table", sorted(FACTS))
def test_a_turned_print_reads_as_the_upright_one(turned_out: Path, table: str) -> None:
    upright = _facts(turned_out, table, f"{S001}-ruled.pdf")
    assert (
        len(upright)
        == {
            "actions": 8,
            "breakdowns": 32,
            "indicator_values": 18,
            "rolling_12_months": 6,
            "status_summary": 5,
        }[table]
    )
    for turn in TURNS:
        turned = _facts(turned_out, table, f"{S001}-turned{turn}.pdf")
        pd.testing.assert_frame_equal(turned, upright)
