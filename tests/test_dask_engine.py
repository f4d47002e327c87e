"""The Dask engine: the same rows in the same order as the local engine."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from distributed import LocalCluster

from extract.cli import main
from extract.engines import EngineUnavailable, engine
from extract.engines.dask import DaskEngine
from schemas.tables import TABLES
from tests.conftest import S003, S004, SAMPLES


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A cluster of two single-thread workers in this process."""
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def test_dask_gives_the_local_engines_rows_in_the_same_order(
    tmp_path: Path, scheduler: str
) -> None:
    local, dask = tmp_path / "local", tmp_path / "dask"
    assert main(["extract", str(SAMPLES), "--out", str(local), "--quiet"]) == 0
    args = ["extract", str(SAMPLES), "--out", str(dask), "--quiet"]
    assert main([*args, "--engine", "dask", "--scheduler", scheduler]) == 0
    documents = pd.read_parquet(dask / "documents.parquet")
    assert len(documents) == 53 and set(documents.status) == {"ok"}
    for t in TABLES:
        pd.testing.assert_frame_equal(
            pd.read_parquet(local / f"{t.name}.parquet"),
            pd.read_parquet(dask / f"{t.name}.parquet"),
        )
    # The shards came back into this machine's cache: a re-run parses nothing.
    again = tmp_path / "again"
    args = ["extract", str(SAMPLES), "--out", str(again), "--quiet"]
    args += ["--cache-dir", str(dask / ".reportx" / "cache")]
    assert main(args) == 0
    assert pd.read_parquet(again / "issues.parquet").equals(
        pd.read_parquet(dask / "issues.parquet")
    )


def test_dask_honours_the_time_limit(tmp_path: Path, scheduler: str) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SAMPLES / S003, inputs / S003)
    # Two hundred copies of samples/004 in one file take far longer than 4 s.
    (inputs / "runaway.txt").write_bytes((SAMPLES / S004).read_bytes() * 200)
    out = tmp_path / "out"
    args = ["extract", str(inputs), "--out", str(out), "--timeout-s", "4"]
    assert main([*args, "--engine", "dask", "--scheduler", scheduler]) == 1
    docs = pd.read_parquet(out / "documents.parquet")
    names = [Path(p).name for p in docs.source_path]
    status = dict(zip(names, docs.status, strict=True))
    assert status == {S003: "ok", "runaway.txt": "failed"}
    issues = pd.read_parquet(out / "issues.parquet")
    [message] = issues[issues.code == "limit_exceeded"].message
    assert message.endswith("took longer than the time limit of 4 s (--timeout-s)")


def test_dask_without_a_scheduler_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["extract", str(SAMPLES / S003), "--out", str(tmp_path), "--engine", "dask"]
    assert main(args) == 2
    assert "--engine dask needs --scheduler ADDRESS" in capsys.readouterr().err


def test_dask_not_installed_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    assert isinstance(engine("dask", None, scheduler="inproc://x"), DaskEngine)
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(EngineUnavailable, match=r"pip install 'reportx\[dask\]'"):
        DaskEngine("tcp://127.0.0.1:8786")
