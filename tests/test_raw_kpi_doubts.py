"""KPI rows in `pdftotext -raw` text that must not be read: 002's raw text
edited as another report could print it, each edit one way the columns or
the name of a row stop being certain."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.run import extract
from tests.test_raw_text import RAW

S002 = "002_c2fd677fd2d5bf7c-raw.txt"
ASB = "Number of ASB complaints dealt with via the Community Safety Hub"


def _extract(tmp_path: Path, *edits: tuple[str, str]) -> pd.DataFrame:
    text = (RAW / S002).read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / S002).write_text(text, encoding="utf-8")
    extract([folder], tmp_path / "out")
    return pd.read_parquet(tmp_path / "out" / "indicator_values.parquet")


def _names(values: pd.DataFrame) -> set[str]:
    return set(values.indicator)


def test_the_fixture_reads_five_rows(tmp_path: Path) -> None:
    values = _extract(tmp_path)
    assert len(_names(values)) == 5
    assert ASB in _names(values)


def test_a_theme_over_a_full_row_runs_into_no_name(tmp_path: Path) -> None:
    # The theme "Support vulnerable people" is printed on its own line over
    # the referrals row; 002 also prints it as "Support Vulnerable People –
    # the number of …". With a value in every column, the row had been read
    # as "Support vulnerable people Increased number of referrals …".
    values = _extract(tmp_path, ("A 189 Cases 304 304", "A 189 200 50 60 70 80 260"))
    assert not [n for n in _names(values) if n.startswith("Support vulnerable")]
    assert not [n for n in _names(values) if "referrals" in n]
    assert ASB in _names(values)


def test_rows_under_a_header_not_read_are_not_read(tmp_path: Path) -> None:
    # Page 3's header in another order, without "Frequency": its rows had
    # been read with page 2's columns, each value one column off.
    values = _extract(
        tmp_path,
        ("Performance Indicator Frequency of reporting", "Performance Indicator Freq."),
        (
            "Last year's outturn Target Q1 Q2 Q3 Q4 Total",
            "Target Q1 Q2 Q3 Q4 Total Last year's outturn",
        ),
        ("Q 531 N/A 117 n/a 1,084 1,385 2,586", "Q N/A 117 n/a 1,084 1,385 2,586 531"),
        (
            "Number of fly tipping incidents Q 470 N/A 102 132 54 78 366",
            "Number of fly tipping incidents Q N/A 102 132 54 78 366 470",
        ),
    )
    assert "Number of fly tipping incidents" not in _names(values)
    assert len(_names(values)) == 3


def test_a_values_line_with_no_frequency_is_no_name(tmp_path: Path) -> None:
    # ASB's values with no "Q" before them had become part of the CCTV row's
    # name, and the CCTV values its.
    values = _extract(tmp_path, ("Q 85 N/A 20 27 12 43 102", "85 N/A 20 27 12 43 102"))
    assert not [n for n in _names(values) if any(c.isdigit() for c in n)]
    assert ASB not in _names(values)
    assert not [n for n in _names(values) if "CCTV" in n]


@pytest.mark.parametrize(
    "moved",
    [
        # "Last year's outturn" printed after the quarters' line: which column
        # it heads cannot be told from the order of the words.
        ("Last year's\noutturn\nTarget Q1 Q2 Q3 Q4 Total", "Target Q1 Q2 Q3 Q4 Total"),
    ],
)
def test_labels_printed_after_the_quarters_leave_the_grid_unread(
    tmp_path: Path, moved: tuple[str, str]
) -> None:
    labels, quarters = moved
    values = _extract(tmp_path, (labels, f"{quarters}\nLast year's\noutturn"))
    assert ASB not in _names(values)
    # Page 3's grid, under a header in print order, is still read.
    assert "Number of fly tipping incidents" in _names(values)


def test_a_grid_with_a_label_not_read_is_reported(tmp_path: Path) -> None:
    # "Milestone not on target" names no status: the grid above 002's first
    # row of counts is not read, and that row is reported, not taken for
    # sentences (it had given statements "9 (75%) …").
    _extract(
        tmp_path,
        (
            "Milestone completed Milestone on target Milestone/timeline/scope/"
            "target date requires attention. Project aborted/closed\n"
            "9 (75%) 0 (0%) 3 (25%) 0 (0%) 12 (100%)",
            "Milestone completed Milestone not on target Project aborted/closed\n"
            "9 (75%) 3 (25%) 0 (0%) 12 (100%)",
        ),
    )
    grids = pd.read_parquet(tmp_path / "out" / "status_summary.parquet")
    assert set(grids.line_start) == {12}
    issues = pd.read_parquet(tmp_path / "out" / "issues.parquet")
    blocks = issues[(issues.code == "unparsed_block") & (issues.line == 8)]
    assert blocks.message.str.endswith(
        'claimed: "9 (75%) 3 (25%) 0 (0%) 12 (100%)"'
    ).all()
    assert len(blocks) == 1
    statements = pd.read_parquet(tmp_path / "out" / "statements.parquet")
    assert not statements.sentence.str.contains(r"\(75%\)").any()


def test_read_grids_give_no_statements(tmp_path: Path) -> None:
    _extract(tmp_path)
    statements = pd.read_parquet(tmp_path / "out" / "statements.parquet")
    assert not statements.sentence.str.contains(r"\d \(\d+(?:\.\d+)?%\) \d").any()
    assert len(statements) == 2
