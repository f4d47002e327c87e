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
    # The file's bytes changed, so its doc_id did; diff pairs it by source_path.
    docs = {t.table: t for t in diff.tables}["documents"]
    assert (docs.added, docs.removed) == ((), ())
    (renamed,) = diff.renamed
    assert renamed.source_path == S000
    rolling = {t.table: t for t in diff.tables}["rolling_12_months"]
    assert [
        (dict(r.key)["quarter"], c.column, c.old, c.new)
        for r in rolling.changed
        for c in r.changes
    ] == [("Q1", "previous_12_months", 5673, 5674)]
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
