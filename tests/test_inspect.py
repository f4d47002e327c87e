"""`reportx inspect`: a report line by line, under the recogniser that claimed it."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.cli import main
from extract.qa.inspect import inspect_file
from tests.conftest import S000, SAMPLES

# samples/000: the three rolling quarter blocks; the hate-crime one wraps over 12-16.
QUARTER_BLOCK_LINES = (6, 9, 12, 13, 14, 15, 16)


def test_quarter_blocks_are_listed_under_their_recogniser() -> None:
    ins = inspect_file(SAMPLES / S000)
    by_number = {line.number: line for line in ins.lines}
    for n in QUARTER_BLOCK_LINES:
        assert "rolling_12_months" in by_number[n].recognisers, n
    for n in (6, 9, 12):
        rows = [r for r in by_number[n].rows if r.table == "rolling_12_months"]
        assert [r.summary.split("quarter=")[1][:2] for r in rows] == [
            "Q1",
            "Q2",
            "Q3",
            "Q4",
        ]
    assert {(r.line_start, r.line_end) for r in by_number[12].rows} == {(12, 16)}
    assert len(ins.lines) == 87


def test_plain_output_when_piped(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", str(SAMPLES / S000)]) == 0
    out = capsys.readouterr().out
    assert "\x1b[" not in out
    lines = out.splitlines()
    assert lines[0] == "000_af055924f554b2ff.txt  doc_id 6bd8a067f77e39c4"
    assert lines[1].startswith("coverage: ")
    numbered = {int(line[:5]): line for line in lines if line[:5].strip().isdigit()}
    for n in QUARTER_BLOCK_LINES:
        # The line's block, then the recogniser that claimed it.
        assert numbered[n][6:12] == "table ", numbered[n]
        assert numbered[n][16:].startswith("rolling_12_months"), numbered[n]
    q1 = [line for line in lines if line.startswith("      ↳ rolling_12_months [6] ")]
    assert q1[0] == (
        "      ↳ rolling_12_months [6] indicator_id=committed-crime "
        "financial_year=2017/18 quarter=Q1 previous_12_months=5673 "
        "last_12_months=6506"
    )


def test_only_unclaimed_lists_just_those(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "r.txt"
    # No header row, so no recogniser knows what the numbers are.
    report.write_text(
        "Title\nBus numbers\t120\t130\n\nProse with 5 numbers\n", encoding="utf-8"
    )
    assert main(["inspect", str(report), "--only-unclaimed"]) == 0
    head, body = capsys.readouterr().out.split("\n\n", 1)
    assert head.splitlines()[1:] == [
        "coverage: 0.0% (0 of 2 numbers on table lines claimed)",
        "rows: none",
        "unclaimed table lines: 1; unparsed blocks: 1",
    ]
    assert body.splitlines() == [
        "    2 table 1   ! unclaimed        Bus numbers │ 120 │ 130"
    ]


def test_missing_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["inspect", str(tmp_path / "nope.txt")]) == 2
    assert (
        capsys.readouterr().err
        == f"reportx inspect: no such file: {tmp_path}/nope.txt\n"
    )


def test_cover_sheet_fields_show_the_line_they_came_from() -> None:
    ins = inspect_file(SAMPLES / "003_23ba67851198ff7c.txt")
    fields = {
        line.number: [r.summary for r in line.rows if r.table == "documents"]
        for line in ins.lines
        if "documents" in line.recognisers
    }
    assert fields == {
        3: ["report_of=Head of Governance"],
        4: ["contact_officer=R Lamond"],
        6: ["portfolio=Community Safety"],
        7: ["key_decision=False"],
        8: ["report_track=Community Safety Scrutiny Committee 03/12/15"],
    }
