"""Golden snapshots: tests/golden/ holds the expected tables of samples/ as CSV.

When extraction changes on purpose, refresh them with `make golden` and review
the CSV diff.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from extract.qa.diff import diff_outputs, render_text, snapshot
from extract.run import extract
from tests.conftest import S000, SAMPLES
from tests.golden.refresh import GOLDEN, sample_inputs


def test_extraction_matches_golden(run_dir: Path, tmp_path: Path) -> None:
    snapshot(run_dir, tmp_path)
    diff = diff_outputs(GOLDEN, tmp_path)
    assert diff.identical, (
        "extraction of samples/ no longer matches tests/golden/ (run `make golden` "
        "if the change is intended):\n" + render_text(diff)
    )


def test_golden_fails_when_a_sample_line_changes(tmp_path: Path) -> None:
    samples = tmp_path / "samples"
    samples.mkdir()
    for p in sample_inputs():
        shutil.copy(p, samples / p.name)
    text = (SAMPLES / S000).read_bytes()
    assert text.count(b"Previous 12 months = 5,673") == 1
    (samples / S000).write_bytes(
        text.replace(b"Previous 12 months = 5,673", b"Previous 12 months = 5,674")
    )
    extract(sorted(samples.glob("*.txt")), tmp_path / "out")
    snapshot(tmp_path / "out", tmp_path / "csv")
    diff = diff_outputs(GOLDEN, tmp_path / "csv")
    assert not diff.identical
    # The file's bytes changed, so its doc_id did: its rows leave and come back.
    docs = {t.table: t for t in diff.tables}["documents"]
    assert [dict(r)["source_path"] for r in docs.removed] == [S000]
    assert [dict(r)["source_path"] for r in docs.added] == [S000]
    new_id = dict(docs.added[0])["doc_id"]
    rolling = {t.table: t for t in diff.tables}["rolling_12_months"]
    added = [dict(r) for r in rolling.added]
    assert {r["doc_id"] for r in added} == {new_id}
    assert [
        r["previous_12_months"]
        for r in added
        if r["line_start"] == 6 and r["quarter"] == "Q1"
    ] == [5674]
    assert "== rolling_12_months" in render_text(diff)


def test_golden_csvs_are_sorted_and_cover_every_table() -> None:
    from schemas.tables import TABLES

    assert sorted(p.stem for p in GOLDEN.glob("*.csv")) == sorted(
        t.name for t in TABLES
    )
    for t in TABLES:
        with (GOLDEN / f"{t.name}.csv").open(newline="", encoding="utf-8") as f:
            header = next(csv.reader(f))
        assert tuple(header) == t.columns
