"""Memory cap and time limit per document: a runaway document fails alone,
with `limit_exceeded`."""

from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path

import pandas as pd
import pytest

import extract.parse
from extract.cli import main
from extract.engines import LimitExceeded, WorkerLimits
from extract.engines.local import LocalEngine
from extract.inputs import Input
from extract.parse import FileResult
from tests.conftest import S001, S003, S004, SAMPLES

RUNAWAY = "runaway.txt"


def _misbehave(n: int) -> int:
    """Task 3 kills its own process, task 4 sleeps, task 5 allocates 8 GiB."""
    if n == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    if n == 4:
        time.sleep(60)
    if n == 5:
        return len(bytearray(8 * 2**30))
    return n * n


@pytest.mark.parametrize("jobs", [1, 2])
def test_each_misbehaving_task_fails_alone(jobs: int) -> None:
    limits = WorkerLimits(max_memory_mb=1024, timeout_s=2)
    reasons: dict[int, str] = {}

    def fail(n: int, why: str) -> int:
        reasons[n] = why
        return -n

    got = sorted(LocalEngine(jobs, limits).map(_misbehave, range(8), fail))
    assert got == sorted([0, 1, 4, -3, -4, -5, 36, 49])
    assert reasons[3].startswith("its worker process was killed by signal 9")
    assert reasons[4] == "took longer than the time limit of 2 s (--timeout-s)"
    assert reasons[5].startswith("ran out of memory under the cap of")


def test_a_limit_without_fail_raises() -> None:
    with pytest.raises(LimitExceeded, match="time limit of 1 s"):
        list(LocalEngine(1, WorkerLimits(None, 1)).map(_misbehave, [4]))


def _inputs(folder: Path, runaway: bytes | None = None) -> Path:
    folder.mkdir()
    for name in (S001, S003):
        shutil.copy(SAMPLES / name, folder / name)
    if runaway is not None:
        (folder / RUNAWAY).write_bytes(runaway)
    return folder


def _outcome(out: Path) -> tuple[dict[str, str], pd.DataFrame, pd.DataFrame]:
    docs = pd.read_parquet(out / "documents.parquet")
    issues = pd.read_parquet(out / "issues.parquet")
    status = {
        Path(p).name: s for p, s in zip(docs.source_path, docs.status, strict=True)
    }
    return status, docs, issues[issues.code == "limit_exceeded"]


def test_a_document_past_the_time_limit_fails_and_the_rest_are_written(
    tmp_path: Path,
) -> None:
    # Two hundred copies of samples/004 in one file take far longer than 4 s (the
    # whole report is one long table); samples/001 and 003 a fraction of a second.
    heavy = (SAMPLES / S004).read_bytes() * 200
    inputs = _inputs(tmp_path / "in", heavy)
    out = tmp_path / "out"
    started = time.monotonic()
    code = main(["extract", str(inputs), "--out", str(out), "--timeout-s", "4"])
    assert code == 1 and time.monotonic() - started < 40
    status, docs, limited = _outcome(out)
    assert status == {S001: "ok", S003: "ok", RUNAWAY: "failed"}
    [message] = limited.message
    assert message.endswith("took longer than the time limit of 4 s (--timeout-s)")
    assert RUNAWAY in message and limited.severity.tolist() == ["error"]
    # The other documents' rows are those of a run without the runaway.
    alone = tmp_path / "alone"
    assert main(["extract", str(_inputs(tmp_path / "in2")), "--out", str(alone)]) == 0
    for table in ("rolling_12_months", "indicator_values", "actions"):
        got = pd.read_parquet(out / f"{table}.parquet")
        want = pd.read_parquet(alone / f"{table}.parquet")
        assert len(got) == len(want) > 0
        assert got.doc_id.isin(docs[docs.status == "ok"].doc_id).all()


def _process_or_misbehave(item: Input, *options: object) -> FileResult:
    if item.path.name == RUNAWAY:
        if b"kill" in item.path.read_bytes():
            os.kill(os.getpid(), signal.SIGKILL)
        bytearray(8 * 2**30)
    return REAL_PROCESS(item, *options)  # type: ignore[arg-type]


REAL_PROCESS = extract.parse.process


@pytest.mark.parametrize(
    "runaway, reason",
    [
        (b"grow", "ran out of memory under the cap of 2048 MiB (--max-memory-mb)"),
        (b"kill", "its worker process was killed by signal 9 (the memory cap is"),
    ],
)
def test_a_document_that_exhausts_or_kills_its_worker_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runaway: bytes, reason: str
) -> None:
    # The workers are forks of this process: they run the patched function.
    monkeypatch.setattr(extract.parse, "process", _process_or_misbehave)
    inputs = _inputs(tmp_path / "in", runaway)
    out = tmp_path / "out"
    assert main(["extract", str(inputs), "--out", str(out), "--jobs", "2"]) == 1
    status, docs, limited = _outcome(out)
    assert status == {S001: "ok", S003: "ok", RUNAWAY: "failed"}
    [message] = limited.message
    assert reason in message
    written = {
        doc_id
        for table in ("rolling_12_months", "indicator_values", "actions")
        for doc_id in pd.read_parquet(out / f"{table}.parquet").doc_id
    }
    assert written == set(docs[docs.status == "ok"].doc_id)


def test_limits_are_options_and_a_negative_one_is_a_usage_error(
    tmp_path: Path,
) -> None:
    args = ["extract", str(SAMPLES / S003), "--out", str(tmp_path / "o")]
    assert main([*args, "--timeout-s", "-1"]) == 2
    assert main([*args, "--max-memory-mb", "0", "--timeout-s", "0"]) == 0
