"""Indicator tables of the browser-printed samples' layout text: headers set
tight or wrapped, paragraphs and names printed against the table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.run import extract
from tests.conftest import S001, S002, SAMPLES

TEXTS = SAMPLES / "text"


def _name(sample: str) -> str:
    return sample.removesuffix(".txt") + "-browser-layout.txt"


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    """The indicator values and status summaries of 001 and 002, by file."""
    out = tmp_path_factory.mktemp("browser-layout-tables")
    extract([TEXTS / _name(S001), TEXTS / _name(S002)], out)
    docs = pd.read_parquet(out / "documents.parquet")
    files = dict(zip(docs["doc_id"], docs["source_path"].map(_base), strict=True))
    return {
        name: pd.read_parquet(out / f"{name}.parquet").assign(
            file=lambda df: df["doc_id"].map(files)
        )
        for name in ("indicator_values", "status_summary")
    }


@pytest.fixture(scope="module")
def values(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return tables["indicator_values"]


def _base(path: str) -> str:
    return Path(path).name


def _value(value: float) -> float | None:
    return None if pd.isna(value) else value


def test_values_under_labels_set_one_space_apart_are_read(
    values: pd.DataFrame,
) -> None:
    # 001 line 6 prints "Quarter 1 Quarter 2 … Annual Total Annual Target …"
    # one space apart; line 8's "160" at 126 is under "Annual Target" (127).
    mine = values[(values.file == _name(S001)) & (values.line_start < 12)]
    got = [(r.line_start, r.period, r.measure, r.value) for r in mine.itertuples()]
    assert got == [
        (8, "Q1", "actual", 76.0),
        (8, "Q2", "actual", 33.0),
        (8, "FY", "target", 160.0),
        (10, "Q1", "actual", 0.0),
        (10, "Q2", "actual", 0.0),
        (10, "FY", "target", 45.0),
    ]


def test_indicators_under_a_paragraph_and_a_wrapped_header_are_read(
    values: pd.DataFrame,
) -> None:
    # 002 lines 55-56 are a paragraph over the header of lines 59-62, with no
    # blank line between; line 70 sets its frequency "Q" one space after the
    # name; line 96's HRA row is read (see test_browser_layout's
    # `test_cells_run_together_are_cut_where_the_line_tells`).
    mine = values[values.file == _name(S002)]
    asb = mine[mine.indicator.str.startswith("Number of ASB") & mine.value.notna()]
    got = [(r.financial_year, r.period, r.measure, r.value) for r in asb.itertuples()]
    assert set(asb.indicator) == {
        "Number of ASB complaints dealt with via the Community Safety Hub"
    }
    assert got == [
        ("2017/18", "FY", "actual", 85.0),
        ("2018/19", "Q1", "actual", 20.0),
        ("2018/19", "Q2", "actual", 27.0),
        ("2018/19", "Q3", "actual", 12.0),
        ("2018/19", "Q4", "actual", 43.0),
        ("2018/19", "FY", "actual", 102.0),
    ]
    assert set(mine[mine.line_start.between(96, 106)].indicator_id) == {
        "homelessness-main-duty"
    }


def test_a_status_grid_under_labels_set_one_space_apart_is_read(
    tables: dict[str, pd.DataFrame],
) -> None:
    # 001 line 217: "Project completed Project on target Project Timeline/…"
    # one space apart over line 218's "0 0%  8 100%  0 0% …".
    status = tables["status_summary"]
    mine = status[status.file == _name(S001)]
    got = [(r.category, r.count, r.percent, r.line_start) for r in mine.itertuples()]
    assert got == [
        ("completed", 0, 0.0, 218),
        ("on_target", 8, 100.0, 218),
        ("attention", 0, 0.0, 218),
        ("aborted", 0, 0.0, 218),
        ("no_rating", 0, 0.0, 218),
    ]


def test_values_set_one_space_apart_are_read_in_their_columns(
    values: pd.DataFrame,
) -> None:
    # 002 lines 132-133: "100 cases 98 cases    116 cases n/a" and
    # "£19,112.23 £22,208.60 £22,708.33" under Q1 (58), Q2 (70), Q3 (83) and
    # Q4 (96): each value in turn in the next column, the nearest one.
    mine = values[
        (values.file == _name(S002))
        & values.indicator.str.startswith("Number of Discretionary Housing")
    ]
    got = [
        (r.financial_year, r.period, r.measure, r.unit, _value(r.value))
        for r in mine.itertuples()
    ]
    assert got == [
        ("2017/18", "FY", "actual", "count", 141.0),
        ("2017/18", "FY", "actual", "gbp", 84171.24),
        ("2018/19", "FY", "target", "gbp", 172583.0),
        ("2018/19", "Q1", "actual", "count", 100.0),
        ("2018/19", "Q1", "actual", "gbp", 19112.23),
        ("2018/19", "Q2", "actual", "count", 98.0),
        ("2018/19", "Q2", "actual", "gbp", 22208.6),
        ("2018/19", "Q3", "actual", "count", 116.0),
        ("2018/19", "Q3", "actual", "gbp", 22708.33),
        ("2018/19", "Q4", "actual", "none", None),
        ("2018/19", "FY", "actual", "count", 314.0),
        ("2018/19", "FY", "actual", "gbp", 64029.16),
    ]
    assert set(mine.line_start) == {132}


def test_a_header_printed_again_sets_out_its_own_columns(
    values: pd.DataFrame,
) -> None:
    # 002 line 122 prints the indicators' header again, each column up to six
    # characters from where line 59 printed it ("Q2" at 70, not 61).
    mine = values[(values.file == _name(S002)) & (values.line_start > 140)]
    got = [
        (r.line_start, r.period, r.measure, _value(r.value)) for r in mine.itertuples()
    ]
    assert got == [
        (141, "FY", "actual", 6.0),
        (141, "FY", "target", 6.0),
        (141, "Q2", "actual", 6.0),
        (143, "FY", "actual", 470.0),
        (143, "FY", "target", None),
        (143, "Q1", "actual", 102.0),
        (143, "Q2", "actual", 132.0),
        (143, "Q3", "actual", 54.0),
        (143, "Q4", "actual", 78.0),
        (143, "FY", "actual", 366.0),
    ]
