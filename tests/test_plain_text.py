"""Reading-order text (pdftotext without -layout): every cell its own paragraph.

samples/text/<stem>-plain.txt are the ruled PDFs of the samples so printed.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.run import extract
from tests.conftest import SAMPLES

STEMS = [
    "000_af055924f554b2ff",
    "001_4e0ea328a26b8980",
    "002_c2fd677fd2d5bf7c",
    "003_23ba67851198ff7c",
    "004_d8bfd0ac3b4287f7",
]
DOCUMENT_COLUMNS = ["report_type", "financial_year", "quarters", "report_date"]


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("plain")
    extract([SAMPLES / "text" / f"{s}-plain.txt" for s in STEMS], out)
    return out


def _table(out: Path, name: str) -> pd.DataFrame:
    docs = pd.read_parquet(out / "documents.parquet")
    if name == "documents":
        return docs
    paths = docs[["doc_id", "source_path"]]
    return pd.read_parquet(out / f"{name}.parquet").merge(paths, on="doc_id")


def test_documents_read_as_from_the_tab_export(plain: Path, run_dir: Path) -> None:
    got = _table(plain, "documents").sort_values("source_path")
    want = _table(run_dir, "documents").sort_values("source_path")
    for column in DOCUMENT_COLUMNS:
        assert [str(v) for v in got[column]] == [str(v) for v in want[column]]
    assert list(got.text_form) == ["plain"] * 5


def test_interleaved_quarter_cells_are_read_back_into_their_quarters(
    plain: Path,
) -> None:
    """000's Hate Crime row prints its four quarter cells line by line across
    the row: "Q1 (24.07.17)", …, "Previous 12" four times, "months = 89", …"""
    rows = _table(plain, "rolling_12_months")
    hate = rows[
        (rows.source_path == f"{STEMS[0]}-plain.txt")
        & (rows.indicator_id == "hate-crime-incidents")
    ]
    assert [
        (r.quarter, r.previous_12_months, r.last_12_months, r.change_pct)
        for r in hate.itertuples()
    ] == [
        ("Q1", 89, 100, 12.0),
        ("Q2", 88, 116, 32.0),
        ("Q3", 90, 123, 33.0),
        ("Q4", 93, 114, 23.0),
    ]
    assert hate.indicator.iloc[0] == (
        "Hate Crime Incidents Over Time (Variation) – Police data"
    )
    # "Q4 (197.04.18)": the other blocks' Q4 date repairs it, as in the TAB export.
    assert (hate.as_of_date_raw.iloc[3], str(hate.as_of_date.iloc[3])) == (
        "197.04.18",
        "2018-04-17",
    )
    # Provenance: each quarter's lines, from its label to its "Change" line.
    assert list(zip(hate.line_start, hate.line_end, strict=True)) == [
        (156, 193),
        (158, 195),
        (160, 197),
        (162, 199),
    ]


def test_a_row_name_after_its_cells_is_found(plain: Path) -> None:
    rows = _table(plain, "rolling_12_months")
    s000 = rows[rows.source_path == f"{STEMS[0]}-plain.txt"]
    assert s000.groupby("indicator_id").size().to_dict() == {
        "asb-incidents": 4,
        "committed-crime": 4,
        "hate-crime-incidents": 4,
    }
    # Committed Crime's name follows its four cells in reading order (line 81).
    crime = s000[s000.indicator_id == "committed-crime"]
    assert list(crime.last_12_months) == [6506, 6730, 6782, 6577]
    assert list(crime.line_start) == [28, 35, 43, 51]


def test_a_change_finished_a_line_later_past_the_next_column(plain: Path) -> None:
    """001: "… Change over 12 Months = 12%" / "Police data</p> <p>Hate Crime –
    Number of self Increase (11)</p>": the difference is taken because it is
    last minus previous (100 - 89)."""
    rows = _table(plain, "rolling_12_months")
    q1 = rows[
        (rows.source_path == f"{STEMS[1]}-plain.txt")
        & (rows.indicator_id == "hate-crime-incidents")
        & (rows.quarter == "Q1")
    ].iloc[0]
    assert (q1.change_pct, q1.change_abs, q1.direction) == (12.0, 11, "increase")


def test_no_rolling_rows_where_none_are_printed(plain: Path) -> None:
    rows = _table(plain, "rolling_12_months")
    assert rows.groupby("source_path").size().to_dict() == {
        f"{STEMS[0]}-plain.txt": 12,
        f"{STEMS[1]}-plain.txt": 6,
    }
