"""The batch: every table written, manifest, exit codes, bad inputs never stop it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from extract.cli import main
from extract.manifest import RunResult
from schemas.tables import TABLES
from tests.conftest import S000, S003, SAMPLES


def test_every_contract_table_is_written_with_its_schema(run_dir: Path) -> None:
    for t in TABLES:
        assert pq.read_schema(run_dir / f"{t.name}.parquet").equals(t.schema), t.name


def test_manifest(run_dir: Path, run_result: RunResult) -> None:
    manifest = json.loads((run_dir / "manifest.json").read_text())
    assert [i["source_path"] for i in manifest["inputs"]] == [
        p.name for p in sorted(SAMPLES.glob("*.txt"))
    ]
    first = manifest["inputs"][0]
    assert first["sha256"].startswith("6bd8a067f77e39c4") and first["status"] == "ok"
    assert manifest["row_counts"]["documents"] == 5
    assert manifest["row_counts"]["rolling_12_months"] == 18
    assert manifest["parser_version"]
    assert run_result.failed == 0


def test_output_is_deterministic(tmp_path: Path, run_dir: Path) -> None:
    main(["extract", str(SAMPLES / S000), str(SAMPLES / S003), "--out", str(tmp_path)])
    again = tmp_path / "again"
    main(
        [
            "extract",
            str(SAMPLES / S000),
            str(SAMPLES / S003),
            "--out",
            str(again),
            "--jobs",
            "2",
        ]
    )
    for t in TABLES:
        a = pd.read_parquet(tmp_path / f"{t.name}.parquet")
        b = pd.read_parquet(again / f"{t.name}.parquet")
        pd.testing.assert_frame_equal(a, b)


@pytest.fixture()
def bad_batch(tmp_path: Path) -> Path:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SAMPLES / S003, inputs / S003)
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (inputs / "notes.txt").write_text("Shopping list\neggs\nmilk\n", encoding="utf-8")
    text = (SAMPLES / S003).read_text(encoding="utf-8")
    (inputs / "cp1252.txt").write_bytes(text.encode("cp1252", errors="replace"))
    return inputs


def test_bad_inputs_fail_alone(
    bad_batch: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["extract", str(bad_batch), "--out", str(out)]) == 1
    docs = pd.read_parquet(out / "documents.parquet").set_index("source_path")
    assert docs.status.to_dict() == {
        "binary.txt": "failed",
        "cp1252.txt": "ok",
        "empty.txt": "failed",
        "notes.txt": "ok",
        S003: "ok",
    }
    issues = pd.read_parquet(out / "issues.parquet")
    failed = issues[issues.code == "file_failed"].sort_values("message")
    assert list(failed.message) == [
        "binary.txt: binary file (NUL bytes), not a text export",
        "empty.txt: empty file (0 bytes)",
    ]
    assert set(failed.severity) == {"error"}
    assert set(failed.doc_id) == set(docs.loc[["binary.txt", "empty.txt"]].doc_id)
    # The good reports in the same batch are still extracted, whatever encoding.
    summary = pd.read_parquet(out / "status_summary.parquet")
    assert len(summary) == 20
    assert list(issues[issues.code == "encoding"].message) == [
        "cp1252.txt: not UTF-8, read as Windows-1252"
    ]
    assert "failed: empty.txt: empty file (0 bytes)" in capsys.readouterr().err
    notes = docs.loc["notes.txt"]
    assert (notes.report_type, notes.n_lines) == ("other", 3)


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    assert main(["extract", str(SAMPLES / S003), "--out", str(tmp_path / "file")]) == 2
    (tmp_path / "empty").mkdir()
    assert main(["extract", str(tmp_path / "empty"), "--out", str(tmp_path)]) == 2
    assert main(["extract", str(tmp_path / "missing"), "--out", str(tmp_path)]) == 2
    assert main(["extract", str(SAMPLES), "--out", str(tmp_path), "--jobs", "0"]) == 2
    assert main(["frobnicate"]) == 2


def test_replacing_output_leaves_no_temporary_files(tmp_path: Path) -> None:
    main(["extract", str(SAMPLES / S003), "--out", str(tmp_path)])
    main(["extract", str(SAMPLES / S003), "--out", str(tmp_path)])
    names = sorted(p.name for p in tmp_path.iterdir())
    published = [f"{t.name}.parquet" for t in TABLES] + [
        "manifest.json",
        "datapackage.json",
    ]
    assert names == sorted([*published, ".reportx"])
    meta = tmp_path / ".reportx"
    assert sorted(p.name for p in meta.iterdir()) == [
        "cache",
        "current",
        "lock",
        "runs",
    ]
    assert len(list((meta / "runs").iterdir())) == 1


def test_a_closed_pipe_is_no_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import extract.cli as cli

    def closed(argv: object) -> int:
        raise BrokenPipeError

    redirected: list[int] = []
    monkeypatch.setattr(cli, "_main", closed)
    monkeypatch.setattr(cli.os, "dup2", lambda fd, to: redirected.append(to))
    assert cli.main(["inspect", "x"]) == 0
    assert len(redirected) == 1
