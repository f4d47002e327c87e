"""Engines: the same rows in the same order whatever maps the documents."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from extract.cli import main
from extract.engines import WorkerLimits, default_jobs, engine
from extract.engines.local import LocalEngine
from extract.run import extract
from schemas.tables import TABLES
from tests.conftest import ROOT, S000, S001, S002, S003, SAMPLES


def _square(n: int) -> tuple[int, int]:
    return n, n * n


def _pid(n: int) -> int:
    return os.getpid()


def test_local_engine_maps_every_task() -> None:
    got = sorted(LocalEngine(2).map(_square, list(range(20))))
    assert got == [(n, n * n) for n in range(20)]
    assert list(LocalEngine(1).map(_square, [3])) == [(3, 9)]


def test_local_engine_runs_in_processes_with_jobs_or_limits() -> None:
    assert set(LocalEngine(1).map(_pid, [1, 2])) == {os.getpid()}
    assert os.getpid() not in set(LocalEngine(2).map(_pid, [1, 2, 3]))
    # WorkerLimits need a process to cap and to end, even for one job.
    one_worker = set(LocalEngine(1, WorkerLimits()).map(_pid, [1, 2, 3]))
    assert len(one_worker) == 1 and os.getpid() not in one_worker


def test_stopping_early_ends_the_workers() -> None:
    results = LocalEngine(2).map(_square, list(range(100)))
    next(results)
    results.close()  # what an error or Ctrl-C in the caller does


# A parent that starts two workers on tasks that sleep, prints the workers'
# process ids and waits to be killed.
PARENT = """
import os, sys, time
from extract.engines.local import LocalEngine
def nap(n):
    time.sleep(60)
    return os.getpid()
def pids():
    own = os.getpid()
    for d in os.listdir("/proc"):
        try:
            stat = open(f"/proc/{d}/stat").read()
        except OSError:
            continue
        if d.isdigit() and int(stat.rsplit(")", 1)[1].split()[1]) == own:
            yield int(d)
results = LocalEngine(2).map(nap, [1, 2])
import threading
threading.Thread(target=lambda: next(results), daemon=True).start()
while len(list(pids())) < 2:
    time.sleep(0.05)
print(" ".join(map(str, pids())), flush=True)
time.sleep(60)
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_workers_end_when_their_parent_is_killed(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert proc.stdout is not None
    workers = [int(pid) for pid in proc.stdout.readline().split()]
    assert len(workers) == 2
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if _alive(pid)]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_engine_by_name() -> None:
    assert isinstance(engine("local", None), LocalEngine)
    assert engine("local", None).jobs == default_jobs() >= 1
    with pytest.raises(ValueError, match="unknown engine 'spark'"):
        engine("spark", 2)


def test_jobs_1_and_2_give_the_same_rows_in_the_same_order(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in (S000, S001, S002, S003):
        shutil.copy(SAMPLES / name, inputs / name)
    one, two = tmp_path / "one", tmp_path / "two"
    assert main(["extract", str(inputs), "--out", str(one), "--jobs", "1"]) == 0
    code = main(
        ["extract", str(inputs), "--out", str(two), "--jobs", "2", "--engine", "local"]
    )
    assert code == 0
    for t in TABLES:
        a = pd.read_parquet(one / f"{t.name}.parquet")
        pd.testing.assert_frame_equal(a, pd.read_parquet(two / f"{t.name}.parquet"))
    assert extract([inputs], tmp_path / "three", jobs=None).parsed == 4


def test_an_unknown_engine_is_a_usage_error(tmp_path: Path) -> None:
    args = ["extract", str(SAMPLES / S003), "--out", str(tmp_path), "--engine", "x"]
    assert main(args) == 2
