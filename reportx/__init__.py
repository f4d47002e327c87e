"""reportx for notebooks: the tables of council performance reports as DataFrames.

    import reportx
    tables = reportx.extract(["samples/"])      # {"documents": DataFrame, ...}
    tables = reportx.read("output/")            # what `reportx extract` wrote

A small module over the `extract` and `schemas` packages. DataFrames are
pyarrow-backed, so dates stay dates, nullable integers stay integers and list
columns stay lists (pandas' NumPy dtypes would make them object and float).
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from extract import run
from extract.pipeline import PARSER_VERSION
from schemas.tables import TABLES

__all__ = ["TABLE_NAMES", "__version__", "extract", "read"]

__version__ = PARSER_VERSION
TABLE_NAMES: tuple[str, ...] = tuple(t.name for t in TABLES)


def extract(
    paths: str | Path | Sequence[str | Path],
    jobs: int = 1,
    text_form: str | None = None,
) -> dict[str, pd.DataFrame]:
    """Extract reports (files or folders) and return every table as a DataFrame.

    The same run as `reportx extract`, written to a temporary folder and read
    back, so the frames hold exactly what the Parquet files would.
    """
    given = [paths] if isinstance(paths, str | Path) else list(paths)
    with tempfile.TemporaryDirectory(prefix="reportx-") as out:
        run.extract(given, out, jobs=jobs, text_form=text_form)
        return read(out)


def read(out_dir: str | Path) -> dict[str, pd.DataFrame]:
    """The tables of an output folder (`<table>.parquet` or partitioned folders)."""
    out = Path(out_dir)
    tables: dict[str, pd.DataFrame] = {}
    for name in TABLE_NAMES:
        for path in (out / f"{name}.parquet", out / name):
            if path.exists():
                tables[name] = pd.read_parquet(path, dtype_backend="pyarrow")
                break
    if not tables:
        raise FileNotFoundError(f"{out_dir}: no <table>.parquet written by extract")
    return tables
