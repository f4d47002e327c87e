"""Counted rows whose names pdftotext prints one after another, ahead of the
first row's cells (tests/fixtures/readingorder/): each row's counts go under
its own name, as the same report's TAB text gives them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.run import extract
from tests.conftest import rows_of

READING_ORDER = Path(__file__).parent / "fixtures" / "readingorder"
COLUMNS = ["indicator_id", "period", "dimension", "category", "count"]


@pytest.fixture(scope="module")
def breakdowns(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    out = tmp_path_factory.mktemp("readingorder")
    extract([READING_ORDER], out)
    return {
        path.name: rows_of(out, "breakdowns", path.name)[COLUMNS]
        for path in sorted(READING_ORDER.glob("*.txt"))
    }


def _count(rows: pd.DataFrame, indicator: str, period: str, category: str) -> int:
    hit = rows[
        (rows.indicator_id == indicator)
        & (rows.period == period)
        & (rows.category == category)
    ]
    return int(hit["count"].item())


def test_each_row_takes_the_name_printed_in_its_place(
    breakdowns: dict[str, pd.DataFrame],
) -> None:
    plain = breakdowns["v004_001-ruled-plain.txt"]
    assert _count(plain, "asb-champion-referrals", "Q1", "ongoing") == 15
    assert _count(plain, "asb-champion-referrals", "Q2", "closed") == 13
    assert _count(plain, "asb-champion-referrals", "Q1", "Self") == 6
    assert _count(plain, "cach-self-referrals", "Q1", "Race") == 17
    assert _count(plain, "cach-self-referrals", "Q2", "individuals") == 33
    asb = plain[plain.indicator_id == "asb-champion-referrals"]
    assert set(asb.dimension) == {"case_status", "referral_source", "victims"}
    assert len(plain) == 32


def test_the_plain_text_gives_the_rows_of_its_tab_text(
    breakdowns: dict[str, pd.DataFrame],
) -> None:
    def facts(rows: pd.DataFrame) -> set[tuple[str, ...]]:
        return set(rows.astype(str).apply(tuple, axis=1))

    tab = breakdowns["v004_001.txt"]
    assert facts(breakdowns["v004_001-ruled-plain.txt"]) == facts(tab)


def test_a_row_without_cells_keeps_its_name_from_the_next_row(tmp_path: Path) -> None:
    extract([READING_ORDER.parent / "readingorderblank"], tmp_path)
    counted = {
        name: rows_of(tmp_path, "breakdowns", name).indicator_id
        for name in ("ro1.txt", "ro1-ruled-plain.txt")
    }
    assert {name: set(ids) for name, ids in counted.items()} == {
        "ro1.txt": {"cach-self-referrals"},
        "ro1-ruled-plain.txt": {"cach-self-referrals"},
    }
    assert len(counted["ro1-ruled-plain.txt"]) == 16
