"""Rows are checked against their table's schema before the tables are published."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from extract import parse
from extract.document import Document
from extract.pipeline import Found, Processed
from extract.records import Action, ActionUpdate
from extract.run import extract
from schemas.tables import TABLES
from tests.conftest import S000, S001, S003, SAMPLES

DOC = "c1b8a5f161945a57"  # samples/003
KEY = f"item_id='{DOC}:1'"


def _with_bad_rows(real: Any) -> Any:
    """The pipeline, with rows that break the schema added to samples/003."""

    def process_document(doc: Document) -> Processed:
        done: Processed = real(doc)
        if doc.source_path != S003:
            return done
        action = next(r for r in done.records if isinstance(r, Action))
        update = next(r for r in done.records if isinstance(r, ActionUpdate))
        bad = [
            dataclasses.replace(update, quarter=None),
            dataclasses.replace(update, quarter="Q5"),
            dataclasses.replace(action, title="The same item again"),
        ]
        found = (*done.found, *(Found("test", r) for r in bad))
        return dataclasses.replace(done, found=found)

    return process_document


@pytest.fixture()
def inputs(tmp_path: Path) -> list[str]:
    return [str(SAMPLES / S000), str(SAMPLES / S003)]


def test_rows_that_break_the_schema_are_not_written(
    inputs: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from extract.cli import main

    plain = tmp_path / "plain"
    assert main(["extract", *inputs, "--out", str(plain), "--quiet"]) == 0
    monkeypatch.setattr(
        parse, "process_document", _with_bad_rows(parse.process_document)
    )
    out = tmp_path / "out"
    argv = ["extract", *inputs, "--out", str(out), "--jobs", "1", "--quiet"]
    assert main(argv) == 1
    assert capsys.readouterr().err == (
        "  3 rows not written: they break their table's schema "
        "(schema_violation in issues)\n"
    )
    issues = pd.read_parquet(out / "issues.parquet")
    bad = issues[issues.code == "schema_violation"]
    # In the order the tables are written: actions before action_updates.
    assert list(bad.message) == [
        f"actions row repeats a key already written ({KEY}); not written",
        f"action_updates.quarter is null ({KEY}, quarter=None); not written",
        f"action_updates.quarter 'Q5' is not an allowed value ({KEY}, quarter='Q5'); "
        "not written",
    ]
    assert set(bad.doc_id) == {DOC} and set(bad.severity) == {"error"}
    assert list(bad.line) == [117, 117, 117]
    # Every other row is written, as a run without the bad rows writes it.
    for t in TABLES:
        got = pd.read_parquet(out / f"{t.name}.parquet")
        want = pd.read_parquet(plain / f"{t.name}.parquet")
        if t.name == "issues":
            got = got[got.code != "schema_violation"].reset_index(drop=True)
        pd.testing.assert_frame_equal(got, want)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["schema_violations"] == 3
    assert manifest["row_counts"]["action_updates"] == 4 + len(
        pd.read_parquet(plain / "action_updates.parquet").query(f"doc_id != '{DOC}'")
    )
    # An unchanged re-run publishes nothing new and says the same.
    again = extract(inputs, out)
    assert again.cached_run and again.violations == 3
    # Checked where the shards are written: a run that takes samples/003 from
    # the cache with another input reports its rows again.
    more = extract([*inputs, str(SAMPLES / S001)], out)
    assert (more.cached, more.parsed, more.violations) == (2, 1, 3)
    issues = pd.read_parquet(out / "issues.parquet")
    assert list(issues[issues.code == "schema_violation"].message) == list(bad.message)


def test_a_clean_run_has_no_violations(run_dir: Path) -> None:
    manifest = json.loads((run_dir / "manifest.json").read_text())
    assert manifest["schema_violations"] == 0
