"""One row per natural key, and no value the schema cannot hold stops a batch."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from extract.cli import main

GRID = "\t".join(
    ["", "Quarter 1", "Quarter 2", "Quarter 3", "Quarter 4", "Annual Total"]
)


def _run(tmp_path: Path, lines: list[str]) -> Path:
    src = tmp_path / "report.txt"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(src), "--out", str(out)]) == 0
    return out


def test_two_printed_variants_of_one_indicator_keep_one_row(tmp_path: Path) -> None:
    out = _run(
        tmp_path,
        [
            "Environment Priority Delivery Plan 2017-18 Quarter 2 Performance Update",
            "",
            GRID,
            "Number of fly tipping incidents\t123\t121\t\t\t",
            "",
            GRID,
            "Number of flytipping incidents\t123\t120\t\t\t",
        ],
    )
    values = pd.read_parquet(out / "indicator_values.parquet")
    assert list(zip(values.indicator_id, values.period, values.value, strict=True)) == [
        ("fly-tipping-incidents", "Q1", 123.0),
        ("fly-tipping-incidents", "Q2", 121.0),
    ]
    issues = pd.read_parquet(out / "issues.parquet")
    dup = issues[issues.code == "duplicate_key"].sort_values("severity")
    assert list(dup.severity) == ["info", "warning"]
    assert "value: kept 121.0, dropped 120.0" in dup.iloc[1].message


def test_number_too_large_for_int64_is_an_issue(tmp_path: Path) -> None:
    out = _run(
        tmp_path,
        [
            "Crime Priority Delivery Plan 2017-18 Quarter 1 Performance Update",
            "",
            GRID,
            "ASB Incidents Over Time (Variation) – Police data\tQ1 (24.07.17) "
            "Previous 12 months = 99999999999999999999999 Last 12 months = 5 "
            "Change over 12 months = 1% increase (1)\t\t\t\t",
        ],
    )
    assert pd.read_parquet(out / "rolling_12_months.parquet").empty
    issues = pd.read_parquet(out / "issues.parquet")
    bad = issues[issues.code == "value_out_of_range"]
    assert len(bad) == 1 and bad.iloc[0].line == 4
    assert pd.read_parquet(out / "documents.parquet").status.tolist() == ["ok"]
