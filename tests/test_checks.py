"""Cross-check of summary grids against the ratings printed beside the items."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import S000, S001, S002, S003

Loader = Callable[[str], pd.DataFrame]


@pytest.fixture(scope="module")
def mismatches(table: Loader) -> pd.DataFrame:
    issues = table("issues")
    found = issues[issues["code"] == "summary_mismatch"]
    # The status_summary recogniser raises its own summary_mismatch rows (counts
    # against percents); the cross-check's compare what the grid counts.
    return found[found["message"].str.contains("grid counts")]


def test_where_grids_disagree(mismatches: pd.DataFrame) -> None:
    # samples/000 line 57: its actions print only "\bigcirc", which the symbol map
    # does not rate, so there is nothing to compare the grid with.
    assert list(zip(mismatches["file"], mismatches["line"], strict=True)) == [
        (S000, 86),
        (S002, 16),
        (S002, 21),
    ]
    assert set(mismatches["severity"]) == {"info"}


def test_agreeing_grids_give_no_issue(mismatches: pd.DataFrame) -> None:
    # samples/003: ▶ ▶ beside both actions, grid "2 100%" on target; samples/001:
    # 8 actions, 8 counted, no symbols printed to compare.
    assert not mismatches["file"].isin([S001, S003]).any()


def test_annual_milestone_grid(mismatches: pd.DataFrame) -> None:
    message = mismatches[(mismatches["file"] == S002) & (mismatches["line"] == 21)]
    assert (
        message["message"]
        .item()
        .endswith(
            "milestones FY: grid counts completed 28, on_target 0, attention 4, "
            "aborted 0, the ratings printed beside the milestones give completed 24, "
            "on_target 0, attention 2, aborted 0 (6 unrated)"
        )
    )


def test_quarter_grid_compares_that_quarter(mismatches: pd.DataFrame) -> None:
    message = mismatches[(mismatches["file"] == S002) & (mismatches["line"] == 16)]
    assert "give completed 7, on_target 0, attention 2" in message["message"].item()
    # "Quarter Four" counts 12 milestones due that quarter, not all 32.
    assert "32 read" not in message["message"].item()


def test_grid_counting_more_actions_than_printed(mismatches: pd.DataFrame) -> None:
    message = mismatches[(mismatches["file"] == S000) & (mismatches["line"] == 86)]
    text = message["message"].item()
    assert text.endswith(
        "Environment Priority Delivery Plan actions FY: grid counts 3 actions, 2 read"
    )


def test_unread_items_are_not_said_to_be_unprinted(plain_dir: Path) -> None:
    # samples/text/000-plain prints the Environment actions, but in reading
    # order their table is left unread (and reported): none of them is read.
    issues = pd.read_parquet(plain_dir / "issues.parquet")
    found = issues[issues["code"] == "summary_mismatch"]
    messages = found[found["message"].str.contains("000_af055924f554b2ff-plain")]
    assert (
        messages["message"]
        .str.endswith(
            "Environment Priority Delivery Plan actions FY: "
            "grid counts 3 actions, 0 read"
        )
        .any()
    )
    assert not found["message"].str.contains("printed$|are printed").any()
