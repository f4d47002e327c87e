"""The quarters a report covers, read from reading-order text whose prose
lines run on past a sentence's end (tests/fixtures/readingorder/ line 44:
"Council.</p> <p>The full scheme is still expected to complete at the end of
Q4, with works to the small Play Area and Public Open Space, and
environmental"): a line of prose names no quarter the report covers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from extract.run import extract

READING_ORDER = Path(__file__).parent / "fixtures" / "readingorder"


def test_a_sentence_run_on_names_no_quarter_covered(tmp_path: Path) -> None:
    extract([READING_ORDER], tmp_path)
    docs = pd.read_parquet(tmp_path / "documents.parquet").set_index("source_path")
    quarters = {Path(p).name: list(q) for p, q in docs.quarters.items()}
    assert quarters == {
        "v004_001.txt": ["Q1", "Q2"],
        "v004_001-ruled-plain.txt": ["Q1", "Q2"],
    }
    summary = pd.read_parquet(tmp_path / "status_summary.parquet")
    assert set(summary.period) == {"Q1-Q2"}
    assert len(summary) == 10  # five categories of actions, in each form
