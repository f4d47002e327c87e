"""PDFs of another producer: samples/pdf/<stem>-browser.pdf, the samples printed
by headless Chromium (samples/pdf/build_browser.py). The browser sizes the
columns, splits rows over page breaks without a border there, draws borders as
thin filled rectangles, splits words at kerning pairs and writes a line-ending
hyphen as U+0002."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pypdfium2 as pdfium
import pytest

from extract.layout.geometry import Run, merged
from extract.readers.pdf import read_pdf
from extract.readers.pdf_objects import page_content
from extract.readers.pdf_tables import closing_edges, open_ends, ruled_tables
from extract.run import extract
from tests.conftest import SAMPLES, gold_scores

BROWSER = sorted((SAMPLES / "pdf").glob("*-browser.pdf"))


@pytest.fixture(scope="module")
def browser_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser")
    extract(BROWSER, out)
    return out


def test_browser_pdfs_read_as_their_text_twins(browser_out: Path) -> None:
    assert len(BROWSER) == 5
    scores = gold_scores(browser_out)
    for table in ("documents", "indicator_values", "status_summary", "breakdowns"):
        assert scores[table]["f1"] == 1.0, table
    assert scores["actions"]["correct"] == scores["actions"]["gold_fields"] == 98
    # The Hate Crime rows of 000 and 001 are wrapped over four ruled rows that a
    # page break splits: read as one row again (`rolling12.stacked`).
    rolling = scores["rolling_12_months"]
    assert (rolling["correct"], rolling["produced_fields"]) == (126, 126)
    assert rolling["gold_fields"] == 126


def test_quarter_blocks_stacked_over_ruled_rows_are_one_row(browser_out: Path) -> None:
    # 000 page 1: "Hate Crime Incidents | Q1 (24.07.17) …" over "Over Time
    # (Variation) – Police data | Previous 12 months = 89 …", then page 2's
    # "Last 12 months = 100 …" and "Change over 12 Months = 12% …", each a
    # ruled row. They had been left unread (and reported).
    docs = pd.read_parquet(browser_out / "documents.parquet")
    rolling = pd.read_parquet(browser_out / "rolling_12_months.parquet").merge(
        docs, on="doc_id"
    )
    hate = rolling[
        (rolling.source_path == "000_af055924f554b2ff-browser.pdf")
        & (rolling.indicator_id == "hate-crime-incidents")
    ].sort_values("quarter")
    assert hate[
        ["quarter", "previous_12_months", "last_12_months"]
    ].values.tolist() == [
        ["Q1", 89, 100],
        ["Q2", 88, 116],
        ["Q3", 90, 123],
        ["Q4", 93, 114],
    ]
    assert hate.change_pct.tolist() == [12.0, 32.0, 33.0, 23.0]
    assert set(hate.line_start) == {12}
    issues = pd.read_parquet(browser_out / "issues.parquet").merge(docs, on="doc_id")
    mine = issues[issues.source_path == "000_af055924f554b2ff-browser.pdf"]
    assert not mine.message.str.contains("Previous 12 months = 89", regex=False).any()


def test_a_row_split_by_a_page_break_is_one_row() -> None:
    path = SAMPLES / "pdf" / "002_c2fd677fd2d5bf7c-browser.pdf"
    doc = read_pdf(path, path.name)
    rows = [r for r in doc.rows if r.tabbed and "Benchmark our current" in r.flat]
    assert len(rows) == 1
    assert rows[0].texts[1] == (
        "Review of compliance and enforcement policies in key areas of taxi and "
        "private hire licensing and sale of alcohol"
    )
    assert rows[0].page == 4


def test_a_line_ending_hyphen_is_a_hyphen(browser_out: Path) -> None:
    """PDFium writes "roll-" at the end of a wrapped line as "roll\x02"."""
    path = SAMPLES / "pdf" / "000_af055924f554b2ff-browser.pdf"
    pdf = pdfium.PdfDocument(path)
    try:
        runs = page_content(pdf, 2).runs
    finally:
        pdf.close()
    # "r" and "oll-" are two runs: the browser splits words at kerning pairs.
    assert [r.text for r in runs if r.text.endswith("oll-")] == ["oll-"]
    assert not [r for r in runs if "\x02" in r.text]
    docs = pd.read_parquet(browser_out / "documents.parquet")
    actions = pd.read_parquet(browser_out / "actions.parquet")
    actions = actions.merge(docs[["doc_id", "source_path"]], on="doc_id")
    titles = actions[actions.source_path == path.name].title
    assert titles.str.startswith("Lead and roll-out the").sum() == 1


def test_a_space_the_text_object_ends_with_parts_words() -> None:
    first = Run("PDP", 10.0, 30.0, 50.0, 9.0, spaced=True)
    second = Run("2018-19", 30.2, 60.0, 50.0, 9.0)
    kerned = Run("T", 10.0, 15.0, 50.0, 9.0), Run("otal", 14.6, 30.0, 50.0, 9.0)
    assert [r.text for r in merged([first, second])] == ["PDP 2018-19"]
    assert [r.text for r in merged(kerned)] == ["Total"]


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> Any:
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
        "object_type": "line",
    }


def test_column_rules_without_a_foot_close_an_open_table() -> None:
    """Three columns ruled from 100 down to the page's foot at 700, a rule at
    their head and one at 400 only: the table is found, its foot open."""
    verticals = [_edge("v", x, x, 100.0, 700.0) for x in (50.0, 200.0, 350.0)]
    rules = [_edge("h", 50.0, 350.0, y, y) for y in (100.0, 400.0)]
    edges = [*verticals, *rules]
    assert [(e["top"], e["x0"], e["x1"]) for e in closing_edges(edges)] == [
        (100.0, 50.0, 350.0),
        (700.0, 50.0, 350.0),
    ]
    tables = ruled_tables(edges)
    assert [[(c[1], c[3]) for c in row][:1] for row in tables[0]] == [
        [(100.0, 400.0)],
        [(400.0, 700.0)],
    ]
    assert open_ends(tables, edges) == [(False, True)]
