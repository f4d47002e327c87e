"""Values outside the world they describe are kept as printed and reported."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from extract.pipeline import process_document
from extract.records import IssueRow
from extract.run import extract
from tests.conftest import S003, SAMPLES, synthetic


def _range_issues(lines: list[str]) -> list[str]:
    doc, _ = synthetic(lines)
    return [
        r.message
        for r in process_document(doc).records
        if isinstance(r, IssueRow) and r.code == "value_out_of_range"
    ]


def test_a_meeting_date_centuries_away_is_reported(tmp_path: Path) -> None:
    text = (SAMPLES / S003).read_text(encoding="utf-8")
    assert text.count("3rd DECEMBER 2015") == 1
    src = tmp_path / "r.txt"
    src.write_text(text.replace("3rd DECEMBER 2015", "3rd DECEMBER 2545"), "utf-8")
    extract([src], tmp_path / "out")
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert docs.report_date.tolist() == [date(2545, 12, 3)]
    issues = pd.read_parquet(tmp_path / "out" / "issues.parquet")
    found = issues[issues.code == "value_out_of_range"]
    assert found.severity.tolist() == ["warning"]
    assert found.message.tolist() == [
        "r.txt: documents.report_date 2545-12-03 is outside 2000-01-01..2030-12-31; "
        "kept as printed"
    ]


def test_a_status_share_over_100_is_reported() -> None:
    # The heading gives the grid its period: a grid without one is a
    # missing_key issue, not a row (period is part of the key).
    messages = _range_issues(
        [
            "Environment Priority Delivery Plan 2017-18 Quarter 2 Performance Update",
            "",
            "Project completed\tProject on target\tProject aborted/ closed",
            "1\t2\t0",
            "120%\t80%\t0%",
        ]
    )
    assert messages == [
        "x.txt:4: status_summary.percent 120 is outside 0..100; kept as printed"
    ]


def test_the_samples_are_in_range(run_dir: Path) -> None:
    issues = pd.read_parquet(run_dir / "issues.parquet")
    assert not (issues.code == "value_out_of_range").any()
