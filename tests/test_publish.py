"""Runs that cache, resume and publish atomically; inputs counted once."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from extract import cache, panel_reduce, parse, publish, reduce
from extract import inputs as inputs_module
from extract import run as run_module
from extract.cli import main
from extract.manifest import RunResult
from extract.panel import PanelFact
from extract.run import extract
from extract.shards import FACTS_SCHEMA
from schemas.tables import TABLES
from tests.conftest import ROOT, S000, S002, S003, SAMPLES

# 000 and 002 disagree on a value: the panel's conflict is in every run.
INPUTS = (S000, S002, S003)


class Killed(BaseException):
    """What a test raises where a real run would be killed."""


def tables(out: Path) -> dict[str, pd.DataFrame]:
    return {t.name: pd.read_parquet(out / f"{t.name}.parquet") for t in TABLES}


def assert_same(a: Path, b: Path) -> None:
    """The same rows in the same order in every table."""
    for name, frame in tables(a).items():
        pd.testing.assert_frame_equal(frame, pd.read_parquet(b / f"{name}.parquet"))


def assert_whole(out: Path) -> None:
    """One run's tables and its manifest, nothing half-written beside them."""
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["row_counts"] == {k: len(v) for k, v in tables(out).items()}
    assert not list(out.glob(".*.tmp"))


def assert_no_leftovers(out: Path) -> None:
    meta = out / ".reportx"
    assert not (meta / "staging").exists()
    assert len(list((meta / "runs").iterdir())) == 1
    assert not [p for p in meta.rglob(".tmp-*")]


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in INPUTS:
        shutil.copy(SAMPLES / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def plain_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Plain runs by the inputs they were of: most tests compare with one."""
    return {}


@pytest.fixture()
def plain(
    inputs: Path, plain_runs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> Callable[[], Path]:
    """A plain run of the inputs as they are now, into a folder of its own."""

    def run() -> Path:
        files = sorted(p for p in inputs.rglob("*") if p.is_file())
        key = repr([(p.name, p.read_bytes()) for p in files])
        if key not in plain_runs:
            out = tmp_path_factory.mktemp("plain")
            extract([inputs], out, use_cache=False)
            plain_runs[key] = out
        return plain_runs[key]

    return run


def change(inputs: Path) -> None:
    """A corrected figure in one report."""
    path = inputs / S000
    text = path.read_bytes()
    path.write_bytes(text.replace(b"Previous 12 months = 5,673", b"= 5,674", 1))


def test_facts_schema_is_the_panel_fact() -> None:
    assert FACTS_SCHEMA.names == list(PanelFact.__dataclass_fields__)


def test_cached_rerun_parses_nothing_and_gives_the_same_rows(
    inputs: Path, tmp_path: Path, plain: Callable[[], Path]
) -> None:
    out = tmp_path / "out"
    first = extract([inputs], out)
    assert (first.parsed, first.cached) == (3, 0)
    again = extract([inputs], out)
    assert (again.parsed, again.cached) == (3 - 3, 3)
    assert_same(plain(), out)
    # Rebuilt from the cache alone, into another folder.
    other = extract([inputs], tmp_path / "other", cache_dir=out / ".reportx/cache")
    assert (other.parsed, other.cached) == (0, 3)
    assert_same(out, tmp_path / "other")


def test_panel_reduced_in_small_buckets_gives_the_same_rows(
    inputs: Path, tmp_path: Path, plain: Callable[[], Path], monkeypatch: Any
) -> None:
    monkeypatch.setattr(panel_reduce, "BUCKET_ROWS", 5)
    extract([inputs], tmp_path / "out")
    monkeypatch.undo()
    assert_same(plain(), tmp_path / "out")


def test_facts_split_in_ranges_of_buckets_give_the_same_rows(
    inputs: Path, tmp_path: Path, plain: Callable[[], Path], monkeypatch: Any
) -> None:
    # Two files open at a time: the buckets are split in ranges, twice and more.
    monkeypatch.setattr(panel_reduce, "BUCKET_ROWS", 5)
    monkeypatch.setattr(panel_reduce, "FANOUT", 2)
    extract([inputs], tmp_path / "out")
    monkeypatch.undo()
    assert_same(plain(), tmp_path / "out")


def test_manifest_is_written_as_json_dumps_writes_it(
    inputs: Path, tmp_path: Path
) -> None:
    extract([inputs], tmp_path / "out")
    text = (tmp_path / "out/manifest.json").read_text(encoding="utf-8")
    content = json.loads(text)
    assert text == json.dumps(content, indent=2, ensure_ascii=False) + "\n"
    assert [i["source_path"] for i in content["inputs"]] == list(INPUTS)


def test_a_changed_file_is_parsed_alone(
    inputs: Path, tmp_path: Path, plain: Callable[[], Path]
) -> None:
    out = tmp_path / "out"
    extract([inputs], out)
    change(inputs)
    result = extract([inputs], out)
    assert (result.parsed, result.cached) == (1, 2)
    assert [f.source_path for f in result.files if not f.cached] == [S000]
    assert_same(plain(), out)


def test_a_removed_file_drops_out(
    inputs: Path, tmp_path: Path, plain: Callable[[], Path]
) -> None:
    out = tmp_path / "out"
    extract([inputs], out)
    (inputs / S002).unlink()
    result = extract([inputs], out)
    assert (result.parsed, result.cached) == (0, 2)
    assert S002 not in set(pd.read_parquet(out / "documents.parquet").source_path)
    assert_same(plain(), out)


def test_a_parser_upgrade_parses_everything(
    inputs: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    out = tmp_path / "out"
    extract([inputs], out)
    monkeypatch.setattr(cache, "parser_fingerprint", lambda: "9.9.9")
    assert extract([inputs], out).parsed == 3


def test_no_cache_parses_everything(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    extract([inputs], out)
    assert extract([inputs], out, use_cache=False).parsed == 3
    assert main(["extract", str(inputs), "--out", str(out), "--no-cache"]) == 0


def test_summary_says_what_came_from_the_cache(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "out")
    main(["extract", str(inputs), "--out", out, "--jobs", "1"])
    assert "parsed 3, from the cache 0" in capsys.readouterr().out
    main(["extract", str(inputs), "--out", out, "--jobs", "1"])
    assert "parsed 0, from the cache 3" in capsys.readouterr().out
    main(["extract", str(inputs), "--out", out, "--quiet"])
    assert capsys.readouterr().out == ""


def _kill_on_call(module: object, name: str, n: int, monkeypatch: Any) -> None:
    """Raise Killed on the n-th call of module.name."""
    real = getattr(module, name)
    calls = [0]

    def wrapper(*args: object, **kwargs: object) -> object:
        calls[0] += 1
        if calls[0] == n:
            raise Killed
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)


KILL_POINTS = {
    "early": (run_module, "hash_inputs", 1),
    "while shards are written": (parse, "write_entry", 1),
    "while tables are written": (reduce, "write_panel", 1),
    "during publish": (publish, "_fsync", 4),
    "at the switch": (publish.os, "replace", 1),
}


@pytest.mark.parametrize("point", KILL_POINTS)
def test_a_killed_run_leaves_the_previous_output_and_resumes(
    point: str,
    inputs: Path,
    tmp_path: Path,
    plain: Callable[[], Path],
    monkeypatch: Any,
) -> None:
    out = tmp_path / "out"
    extract([inputs], out)
    before = tables(out)
    change(inputs)
    (inputs / "new.txt").write_bytes((SAMPLES / S003).read_bytes() + b"\nQ2\n")
    module, name, n = KILL_POINTS[point]
    _kill_on_call(module, name, n, monkeypatch)
    with pytest.raises(Killed):
        extract([inputs], out)
    monkeypatch.undo()
    assert_whole(out)
    for table, frame in tables(out).items():
        pd.testing.assert_frame_equal(frame, before[table])
    resumed = extract([inputs], out)
    assert resumed.parsed <= 2
    assert_same(plain(), out)
    assert_whole(out)
    assert_no_leftovers(out)


KILL_9 = """
import os, signal, sys
from pathlib import Path
import extract.{module} as target
from extract.run import extract
real, calls = target.{name}, [0]
def killed(*args, **kwargs):
    calls[0] += 1
    if calls[0] == {n}:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)
target.{name} = killed
extract([Path(sys.argv[1])], Path(sys.argv[2]))
"""


@pytest.mark.parametrize(
    "module, name, n", [("parse", "write_entry", 1), ("publish", "_fsync", 6)]
)
def test_kill_9_leaves_a_whole_output_and_a_lock_the_next_run_takes_over(
    module: str,
    name: str,
    n: int,
    inputs: Path,
    tmp_path: Path,
    plain: Callable[[], Path],
) -> None:
    out = tmp_path / "out"
    extract([inputs], out)
    before = tables(out)
    change(inputs)
    script = KILL_9.format(module=module, name=name, n=n)
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(inputs), str(out)], cwd=ROOT
    )
    assert proc.wait() == -signal.SIGKILL
    assert_whole(out)
    for table, frame in tables(out).items():
        pd.testing.assert_frame_equal(frame, before[table])
    assert (out / ".reportx/lock").read_text().strip() == str(proc.pid)
    result = extract([inputs], out)
    assert result.parsed <= 1
    assert_same(plain(), out)
    assert_no_leftovers(out)


HOLD = """
import sys, time
from pathlib import Path
from extract.publish import hold
with hold(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(60)
"""


def test_a_second_run_into_a_held_out_is_refused(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        assert main(["extract", str(inputs), "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert f"is in use by a live run (pid {holder.pid})" in err
    finally:
        holder.kill()
        holder.wait()
    # The holder is gone: its lock is taken over.
    assert main(["extract", str(inputs), "--out", str(out), "--quiet"]) == 0


def test_published_files_are_readable_by_the_group(
    inputs: Path, tmp_path: Path
) -> None:
    old = os.umask(0o022)
    try:
        extract([inputs], tmp_path / "out")
    finally:
        os.umask(old)
    for t in TABLES:
        path = (tmp_path / "out" / f"{t.name}.parquet").resolve()
        assert path.stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "out/manifest.json").resolve().stat().st_mode & 0o777 == 0o644


def test_the_same_bytes_at_two_paths_are_one_document(
    inputs: Path, tmp_path: Path
) -> None:
    shutil.copy(inputs / S003, inputs / "copy.txt")
    out = tmp_path / "out"
    result: RunResult = extract([inputs, inputs / S003], out)
    docs = pd.read_parquet(out / "documents.parquet")
    assert sorted(docs.source_path) == sorted([S000, S002, S003])
    issues = pd.read_parquet(out / "issues.parquet")
    dup = issues[issues.code == "duplicate_input"]
    assert list(dup.message) == [
        f"copy.txt: the same bytes as {S003}; extracted once, as {S003}",
        f"{S003}: given twice; extracted once",
    ]
    assert set(dup.severity) == {"info"}
    assert set(dup.doc_id) == set(docs[docs.source_path == S003].doc_id)
    assert result.failed == 0 and len(result.duplicates) == 2
    for t in TABLES:
        key = list(t.key)
        frame = pd.read_parquet(out / f"{t.name}.parquet", columns=key)
        assert not frame.duplicated().any(), t.name


def test_paths_the_os_refuses_are_issues(
    inputs: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    os.symlink("loop.txt", inputs / "loop.txt")
    locked = inputs / "locked"
    locked.mkdir()
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:
        if isinstance(path, str | os.PathLike) and Path(path) == locked:
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(inputs_module.os, "scandir", scandir)
    too_long = tmp_path / ("x" * 300 + ".txt")
    out = tmp_path / "out"
    code = main(["extract", str(inputs), str(too_long), "--out", str(out), "--quiet"])
    assert code == 1
    issues = pd.read_parquet(out / "issues.parquet")
    failed = list(issues[issues.code == "file_failed"].message)
    assert failed == [
        "loop.txt: cannot be read: symlink loop",
        f"{locked}: cannot be listed: Permission denied",
        f"{too_long}: File name too long",
    ]
    docs = pd.read_parquet(out / "documents.parquet")
    assert (docs.status == "ok").sum() == 3


def test_ctrl_c_ends_the_run_with_nothing_published(
    inputs: Path,
    tmp_path: Path,
    monkeypatch: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out"
    extract([inputs], out)
    before = tables(out)
    change(inputs)
    real, calls = parse.process, [0]

    def interrupted(*args: Any) -> Any:
        calls[0] += 1
        if calls[0] == 1:
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(parse, "process", interrupted)
    assert main(["extract", str(inputs), "--out", str(out), "--jobs", "1"]) == 130
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["reportx extract: interrupted, nothing published; 2 documents "
                   "done are kept for the next run"]  # fmt: skip
    for table, frame in tables(out).items():
        pd.testing.assert_frame_equal(frame, before[table])


def test_verbose_logs_a_line_per_document(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "out")
    assert main(["extract", str(inputs), "--out", out, "-v", "--jobs", "1"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert [line.split(":")[0] for line in err] == list(INPUTS)
    main(["extract", str(inputs), "--out", out, "-v", "--no-cache"])
    main(["extract", str(inputs), "--out", str(tmp_path / "other"), "-v",
          "--cache-dir", f"{out}/.reportx/cache"])  # fmt: skip
    assert f"{S003}: ok (cached)" in capsys.readouterr().err


def test_progress_bar_counts_documents_and_failures() -> None:
    from extract.progress import Bar
    from extract.shards import Summary

    bar = Bar()
    bar.start(2)
    bar.done(Summary("a.txt", None, "failed", 0.1))
    bar.done(Summary("b.txt", "x", "ok", 0.1))
    bar.close()
    task = bar.progress.tasks[0]
    assert (task.completed, task.total, bar.failed) == (2, 2, 1)


def test_tables_written_in_place_by_an_older_version_become_links(
    inputs: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "documents.parquet").write_bytes(b"old")
    (out / ".documents.parquet.abc123.tmp").write_bytes(b"stray")
    extract([inputs], out)
    assert (out / "documents.parquet").is_symlink()
    assert_whole(out)
    assert len(pd.read_parquet(out / "documents.parquet")) == 3


def test_the_cache_fingerprint_skips_only_files_that_exist() -> None:
    for name in cache.NOT_PARSER:
        assert (ROOT / name).exists(), name
    assert cache.parser_fingerprint().startswith(run_module.PARSER_VERSION + "+")
