"""The Python API: `import reportx` and `python -m reportx`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import reportx
from schemas.tables import TABLES
from tests.conftest import ROOT, S000, SAMPLES


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return reportx.extract(SAMPLES / S000)


def test_extract_returns_every_table(tables: dict[str, pd.DataFrame]) -> None:
    assert list(tables) == [t.name for t in TABLES]
    for t in TABLES:
        assert list(tables[t.name].columns) == list(t.columns), t.name


def test_dtypes_are_pyarrow_backed(tables: dict[str, pd.DataFrame]) -> None:
    rolling = tables["rolling_12_months"]
    assert all(isinstance(d, pd.ArrowDtype) for d in rolling.dtypes)
    assert str(rolling["as_of_date"].dtype) == "date32[day][pyarrow]"
    # A nullable integer column stays an integer, not a float.
    assert str(rolling["change_abs"].dtype) == "int64[pyarrow]"
    first = rolling.iloc[0]
    assert (first.quarter, first.last_12_months) == ("Q1", 6506)


def test_read_an_output_folder(run_dir: Path) -> None:
    tables = reportx.read(run_dir)
    fly = tables["observations"].query(
        "indicator_id == 'fly-tipping-incidents' and financial_year == '2017/18'"
        " and period == 'Q1' and measure == 'actual'"
    )
    assert fly["value"].tolist() == [123.0]
    assert str(tables["documents"]["quarters"].dtype).startswith("list<")


def test_read_a_folder_without_tables(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        reportx.read(tmp_path)


def test_python_m_reportx_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "reportx", "--version"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (
        0,
        f"reportx {reportx.__version__}",
    )
