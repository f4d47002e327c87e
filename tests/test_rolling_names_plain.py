"""Rolling-12 names in reading-order text that run into the lines before them
(tests/fixtures/rollingnames/): each quarter block goes under its own
indicator, as the same report's TAB text gives it, not under a name made of
an empty row's name or the cells above, and each with its own change."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.run import extract
from normalise.registry import entries
from tests.conftest import rows_of

ROLLING_NAMES = Path(__file__).parent / "fixtures" / "rollingnames"
COLUMNS = [
    "indicator_id",
    "quarter",
    "previous_12_months",
    "last_12_months",
    "change_pct",
    "change_abs",
    "direction",
]


@pytest.fixture(scope="module")
def rolling(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    out = tmp_path_factory.mktemp("rollingnames")
    extract([ROLLING_NAMES], out)
    return {
        path.name: rows_of(out, "rolling_12_months", path.name)[COLUMNS]
        .sort_values(COLUMNS)
        .reset_index(drop=True)
        for path in sorted(ROLLING_NAMES.glob("*.txt"))
    }


def _block(rows: pd.DataFrame, indicator: str, quarter: str) -> tuple[int, int]:
    hit = rows[(rows.indicator_id == indicator) & (rows.quarter == quarter)]
    return int(hit.previous_12_months.item()), int(hit.last_12_months.item())


@pytest.mark.parametrize("rid", ["v003_000", "v003_001", "v006_001", "v008_001"])
def test_plain_text_reads_the_tab_text_s_blocks(
    rolling: dict[str, pd.DataFrame], rid: str
) -> None:
    plain = rolling[f"{rid}-ruled-plain.txt"]
    pd.testing.assert_frame_equal(plain, rolling[f"{rid}.txt"])
    assert set(plain.indicator_id) <= {e.indicator_id for e in entries()}


def test_an_empty_row_s_name_is_not_the_next_row_s(
    rolling: dict[str, pd.DataFrame],
) -> None:
    # "Satisfaction with local area" / "(Feeling the Difference" run into
    # "Committed Crime Over Time (Variation) All crime …" (lines 78-86).
    plain = rolling["v003_000-ruled-plain.txt"]
    assert _block(plain, "committed-crime", "Q1") == (5676, 6509)
    assert _block(plain, "committed-crime", "Q4") == (6321, 6580)
    assert len(plain) == 12


def test_an_empty_row_s_name_cut_short_is_not_the_next_row_s(
    rolling: dict[str, pd.DataFrame],
) -> None:
    # The same, the name cut after "(Feeling the" (line 79), which is no
    # registered name but the start of one.
    cut = rolling["v003_000-cut-plain.txt"]
    pd.testing.assert_frame_equal(cut, rolling["v003_000-ruled-plain.txt"])
    assert _block(cut, "committed-crime", "Q1") == (5676, 6509)


@pytest.mark.parametrize(
    "name", ["v003_001-ruled-plain.txt", "v008_001-ruled-plain.txt"]
)
def test_the_cells_above_end_at_their_html_paragraph(
    rolling: dict[str, pd.DataFrame], name: str
) -> None:
    # "… out of" / "area</p>" / "<p>Hate Crime Incidents Over Time (Variation) –".
    plain = rolling[name]
    assert _block(plain, "hate-crime-incidents", "Q1") == (89, 100)
    assert _block(plain, "hate-crime-incidents", "Q2") == (88, 116)
    assert len(plain) == 6


def test_a_qualifier_on_a_line_of_its_own_stays_the_name_s(tmp_path: Path) -> None:
    # The empty row's name of v003_000 (lines 78-79) replaced by words that
    # name no registered indicator: they are the name's own first line.
    lines = (ROLLING_NAMES / "v003_000-ruled-plain.txt").read_text("utf-8").split("\n")
    assert lines[77:79] == ["Satisfaction with local area", "(Feeling the Difference"]
    lines[77:79] = ["Rugeley Fields Town Centre and", "Night-Time Economy"]
    source = tmp_path / "in" / "qualified-plain.txt"
    source.parent.mkdir()
    source.write_text("\n".join(lines), "utf-8")
    extract([source.parent], tmp_path / "out")
    rows = rows_of(tmp_path / "out", "rolling_12_months", "qualified-plain.txt")
    assert set(rows.indicator_id) == {
        "rugeley-fields-town-centre-and-night-time-economy-committed",
        "asb-incidents",
        "hate-crime-incidents",
    }
    issues = rows_of(tmp_path / "out", "issues", "qualified-plain.txt")
    assert (issues.code == "new_indicator").sum() == 1
