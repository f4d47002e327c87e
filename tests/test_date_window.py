"""--date-window: the dates a value may lie between, an option of the run."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from extract.cli import main
from extract.run import extract
from tests.conftest import S003, SAMPLES

# samples/003 is a committee report of 3 December 2015, for 2015/16.
REPORT_DATE = (
    f"{S003}: documents.report_date 2015-12-03 is outside "
    "2016-01-01..2030-12-31; kept as printed"
)


def _out_of_range(out: Path) -> list[str]:
    issues = pd.read_parquet(out / "issues.parquet")
    return list(issues[issues.code == "value_out_of_range"].message)


def test_a_report_date_outside_a_narrowed_window_is_reported(tmp_path: Path) -> None:
    out = tmp_path / "out"
    argv = ["extract", str(SAMPLES / S003), "--out", str(out), "--quiet"]
    assert main(argv) == 0
    assert _out_of_range(out) == []
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["options"]["date_window"] == "2000-01-01:2030-12-31"
    assert main([*argv, "--date-window", "2016-01-01:2030-12-31"]) == 0
    found = _out_of_range(out)
    assert found[0] == REPORT_DATE
    assert (
        f"{S003}: documents.financial_year 2015/16 is outside 2016..2030; "
        "kept as printed"
    ) in found
    issues = pd.read_parquet(out / "issues.parquet")
    first = issues[issues.message == REPORT_DATE].iloc[0]
    assert first.severity == "warning" and pd.isna(first.line)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["options"]["date_window"] == "2016-01-01:2030-12-31"
    # The window is part of the cache key: the rows under it are parsed anew.
    assert manifest["cache"] == {"parsed": 1, "cached": 0}
    # ...and the default window's entry is still there.
    back = extract([SAMPLES / S003], out)
    assert (back.parsed, back.cached) == (0, 1)
    assert _out_of_range(out) == []


@pytest.mark.parametrize(
    "window", ["2016-01-01", "2016-01-01:", "01/01/2016:2030-12-31", "2030-12-31:2016"]
)
def test_a_malformed_window_is_a_usage_error(
    window: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["extract", str(SAMPLES / S003), "--out", str(tmp_path / "out")]
    assert main([*argv, "--date-window", window]) == 2
    assert "--date-window" in capsys.readouterr().err


def test_a_window_whose_first_date_is_after_its_last_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["extract", str(SAMPLES / S003), "--out", str(tmp_path / "out")]
    assert main([*argv, "--date-window", "2030-12-31:2016-01-01"]) == 2
    assert capsys.readouterr().err == (
        "reportx extract: --date-window 2030-12-31:2016-01-01: the first date is "
        "after the last\n"
    )
    with pytest.raises(Exception, match="first date is after the last"):
        extract(
            [SAMPLES / S003],
            tmp_path / "out",
            date_window=(date(2030, 1, 1), date(2000, 1, 1)),
        )
