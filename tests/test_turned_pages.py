"""Pages a PDF turns with /Rotate: a printer driver saves a landscape table
drawn turned on an upright page that /Rotate 90 turns back. Such a page is
read as it is shown (`pdf_objects.seen_at`); read as drawn, its columns were
rows (001's F1 0.07, precision 0.54). `samples/pdf/build.py --turned`
prints the samples so."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

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


def test_where_a_turned_page_shows_its_corners() -> None:
    width, height = 595.0, 842.0
    assert seen_at(0, width, height) is None
    turned = {q: seen_at(q, width, height) for q in (1, 2, 3)}
    # The page's top left corner as drawn, shown where a turn takes it.
    top_left = (0.0, height)
    assert turned[1] is not None and turned[1](*top_left) == (height, width)
    assert turned[2] is not None and turned[2](*top_left) == (width, 0.0)
    assert turned[3] is not None and turned[3](*top_left) == (0.0, 0.0)
    assert seen_at(4, width, height) is None  # a whole turn


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
