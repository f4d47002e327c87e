"""`reportx diff`: two output folders compared on each table's natural key."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extract.cli import main
from extract.qa.diff import diff_outputs, snapshot
from tests.conftest import S000

HATE = "Hate Crime Incidents Over Time (Variation) – Police data"


def _copy(run_dir: Path, dest: Path) -> Path:
    shutil.copytree(run_dir, dest)
    return dest


def _set(
    folder: Path, table: str, column: str, where: dict[str, object], value: object
) -> dict[str, object]:
    """Change one value of the single row matching `where`; returns that row."""
    data = pq.read_table(folder / f"{table}.parquet")
    rows = data.to_pylist()
    hits = [i for i, r in enumerate(rows) if all(r[k] == v for k, v in where.items())]
    assert len(hits) == 1
    before = dict(rows[hits[0]])
    rows[hits[0]][column] = value
    pq.write_table(
        pa.Table.from_pylist(rows, schema=data.schema), folder / f"{table}.parquet"
    )
    return before


@pytest.fixture()
def one_value_changed(run_dir: Path, tmp_path: Path) -> tuple[Path, dict[str, object]]:
    """A copy of the run where Q2 hate crime "Last 12 months" of samples/000 is 117."""
    docs = pq.read_table(run_dir / "documents.parquet").to_pylist()
    doc_id = next(d["doc_id"] for d in docs if d["source_path"] == S000)
    new = _copy(run_dir, tmp_path / "new")
    row = _set(
        new,
        "rolling_12_months",
        "last_12_months",
        {"doc_id": doc_id, "indicator": HATE, "quarter": "Q2"},
        117,
    )
    return new, row


def test_one_changed_value_names_table_key_column_and_values(
    run_dir: Path,
    one_value_changed: tuple[Path, dict[str, object]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    new, row = one_value_changed
    assert main(["diff", str(run_dir), str(new)]) == 1
    out = capsys.readouterr().out
    key = (
        f'doc_id="{row["doc_id"]}", indicator_id="{row["indicator_id"]}", '
        f'financial_year="2017/18", quarter="Q2"'
    )
    changed = [line for line in out.splitlines() if line.startswith(("  ~", "      "))]
    assert changed == [f"  ~ {key}", "      last_12_months: 116 -> 117"]
    assert "rolling_12_months          0       0       1" in out
    assert "documents                  0       0       0" in out
    assert out.rstrip().endswith("1 table(s) differ")


def test_json_format_parses(
    run_dir: Path,
    one_value_changed: tuple[Path, dict[str, object]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    new, row = one_value_changed
    assert main(["diff", str(run_dir), str(new), "--format", "json"]) == 1
    got = json.loads(capsys.readouterr().out)
    assert got["identical"] is False
    assert got["summary"]["rolling_12_months"] == {
        "added": 0,
        "removed": 0,
        "changed": 1,
    }
    assert list(got["tables"]) == ["rolling_12_months"]
    assert got["tables"]["rolling_12_months"]["changed"] == [
        {
            "key": {
                "doc_id": row["doc_id"],
                "indicator_id": row["indicator_id"],
                "financial_year": "2017/18",
                "quarter": "Q2",
            },
            "changes": [{"column": "last_12_months", "old": 116, "new": 117}],
        }
    ]


def test_markdown_format_has_the_change_row(
    run_dir: Path,
    one_value_changed: tuple[Path, dict[str, object]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    new, row = one_value_changed
    assert main(["diff", str(run_dir), str(new), "--format", "markdown"]) == 1
    out = capsys.readouterr().out
    assert "| rolling_12_months | 0 | 0 | 1 |" in out
    assert (
        f'| changed | doc_id="{row["doc_id"]}", indicator_id="{row["indicator_id"]}",'
        ' financial_year="2017/18", quarter="Q2" | last_12_months | 116 | 117 |'
    ) in out


def test_identical_folders_exit_0(
    run_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", str(run_dir), str(run_dir)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("identical")


def test_table_option_narrows(
    run_dir: Path, one_value_changed: tuple[Path, dict[str, object]]
) -> None:
    new, _ = one_value_changed
    assert main(["diff", str(run_dir), str(new), "--table", "documents"]) == 0
    assert [t.table for t in diff_outputs(run_dir, new, ["issues"]).tables] == [
        "issues"
    ]


def test_floats_within_tolerance_are_equal(run_dir: Path, tmp_path: Path) -> None:
    new = _copy(run_dir, tmp_path / "new")
    row = _set(
        new,
        "repairs",
        "confidence",
        {"rule": "date_extra_digit", "column": "as_of_date"},
        0.9 + 1e-12,
    )
    assert row["confidence"] == 0.9
    assert diff_outputs(run_dir, new).identical
    _set(
        new,
        "repairs",
        "confidence",
        {"rule": "date_extra_digit", "column": "as_of_date"},
        0.8,
    )
    assert not diff_outputs(run_dir, new).identical
    assert diff_outputs(run_dir, new, tolerance=0.2).identical
    assert main(["diff", str(run_dir), str(new), "--tolerance", "0.2"]) == 0


def test_added_and_removed_rows(run_dir: Path, tmp_path: Path) -> None:
    new = _copy(run_dir, tmp_path / "new")
    data = pq.read_table(new / "issues.parquet")
    rows = data.to_pylist()
    extra = {**rows[0], "code": "test_only", "message": "added by the test"}
    pq.write_table(
        pa.Table.from_pylist([*rows[1:], extra], schema=data.schema),
        new / "issues.parquet",
    )
    issues = diff_outputs(run_dir, new, ["issues"]).tables[0]
    assert [dict(r)["code"] for r in issues.added] == ["test_only"]
    assert [dict(r)["message"] for r in issues.removed] == [rows[0]["message"]]
    assert issues.changed == ()


def test_parquet_and_csv_snapshot_of_a_run_are_identical(
    run_dir: Path, tmp_path: Path
) -> None:
    snapshot(run_dir, tmp_path / "csv")
    assert diff_outputs(run_dir, tmp_path / "csv").identical


@pytest.mark.parametrize(
    "args",
    [
        ["diff", "{run}", "{missing}"],
        ["diff", "{empty}", "{run}"],
        ["diff", "{run}", "{run}", "--format", "yaml"],
        ["diff", "{run}", "{run}", "--table", "nope"],
        ["diff", "{run}", "{run}", "--tolerance", "-1"],
    ],
)
def test_bad_arguments_exit_2(
    run_dir: Path, tmp_path: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty").mkdir()
    names = {
        "run": run_dir,
        "missing": tmp_path / "missing",
        "empty": tmp_path / "empty",
    }
    assert main([a.format(**names) for a in args]) == 2


def test_not_an_output_folder_message(
    run_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", str(tmp_path), str(run_dir)]) == 2
    assert capsys.readouterr().err == (
        f"reportx diff: {tmp_path}: not an output folder (no <table>.parquet or "
        "<table>.csv files; expected the --out folder of `reportx extract`)\n"
    )


# ---------------------------------------------------------------- by report

CORRECTED = "Last 12 months = 6,506"


@pytest.fixture(scope="module")
def corrected_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """samples/*.txt extracted, then again after one figure of samples/000 changed."""
    from extract.run import extract
    from tests.conftest import SAMPLES

    root = tmp_path_factory.mktemp("corrected")
    inputs = root / "in"
    inputs.mkdir()
    for p in sorted(SAMPLES.glob("*.txt")):
        shutil.copy(p, inputs / p.name)
    extract(sorted(inputs.glob("*.txt")), root / "old")
    text = (inputs / S000).read_text(encoding="utf-8")
    assert text.count(CORRECTED) == 1
    (inputs / S000).write_text(
        text.replace(CORRECTED, "Last 12 months = 6,507"), encoding="utf-8"
    )
    extract(sorted(inputs.glob("*.txt")), root / "new")
    return root / "old", root / "new"


def test_a_corrected_input_shows_its_changed_values(
    corrected_runs: tuple[Path, Path],
) -> None:
    old, new = corrected_runs
    diff = diff_outputs(old, new)
    counts = {
        t.table: (len(t.added), len(t.removed), len(t.changed)) for t in diff.tables
    }
    assert {t: n for t, n in counts.items() if n != (0, 0, 0)} == {
        "documents": (0, 0, 1),
        "rolling_12_months": (0, 0, 1),
        "issues": (2, 0, 0),
        "observations": (0, 0, 1),
    }
    tables = {t.table: t for t in diff.tables}
    (renamed,) = diff.renamed
    assert (renamed.source_path, renamed.by) == (S000, "source_path")
    (doc,) = tables["documents"].changed
    assert [(c.column, c.old, c.new) for c in doc.changes[:1]] == [
        ("doc_id", renamed.old_id, renamed.new_id)
    ]
    assert [c.column for c in doc.changes[1:]] == ["sha256"]
    (rolling,) = tables["rolling_12_months"].changed
    assert dict(rolling.key) == {
        "doc_id": renamed.old_id,
        "indicator_id": "committed-crime",
        "financial_year": "2017/18",
        "quarter": "Q1",
    }
    assert [(c.column, c.old, c.new) for c in rolling.changes] == [
        ("last_12_months", 6506, 6507)
    ]
    issues = [dict(r) for r in tables["issues"].added]
    assert [(r["code"], r["line"]) for r in issues] == [
        # samples/001 prints Q1 as 6,506 too: the panel now sees two values.
        ("conflicting_values", None),
        ("inconsistent_change", 6),
    ]
    assert str(issues[1]["message"]).endswith("change (833) is not 6507 - 5673 = 834")
    (observation,) = tables["observations"].changed
    assert [(c.column, c.old, c.new) for c in observation.changes] == [
        ("value", 6506.0, 6507.0),
        ("conflict", False, True),
    ]


def test_a_report_that_moved_is_paired_by_title_and_year(
    run_dir: Path, tmp_path: Path
) -> None:
    new = _copy(run_dir, tmp_path / "new")
    docs = pq.read_table(new / "documents.parquet").to_pylist()
    s001 = next(d for d in docs if d["source_path"] == "001_4e0ea328a26b8980.txt")
    _set(new, "documents", "source_path", {"doc_id": s001["doc_id"]}, "moved/001.txt")
    _set(new, "documents", "doc_id", {"doc_id": s001["doc_id"]}, "0123456789abcdef")
    # Without a manifest on one side there is no sha256 to compare.
    (new / "manifest.json").unlink()
    diff = diff_outputs(run_dir, new, ["documents"])
    assert [(p.old_id, p.new_id, p.by) for p in diff.renamed] == [
        (s001["doc_id"], "0123456789abcdef", "title and financial_year")
    ]
    (doc,) = diff.tables[0].changed
    assert [(c.column, c.new) for c in doc.changes] == [
        ("doc_id", "0123456789abcdef"),
        ("source_path", "moved/001.txt"),
    ]
    assert (diff.tables[0].added, diff.tables[0].removed) == ((), ())


def test_broken_pipe_still_exits_1_when_folders_differ(
    corrected_runs: tuple[Path, Path],
) -> None:
    """`reportx diff A B | head`: the reader stops early; the exit code stays."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    old, new = corrected_runs
    proc = subprocess.Popen(
        [sys.executable, "-m", "extract.cli", "diff", str(old), str(new)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    assert proc.wait(timeout=60) == 1
    assert proc.stderr.read() == b""
