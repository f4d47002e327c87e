"""The compiled build (`make compiled`, .venv-compiled) is the same program:
it writes the tables the interpreted one writes, row by row and type by
type, on samples/ and on every fixture folder, the unreadable inputs of
tests/fixtures/realpdf/ among them. Run by `make test-compiled`, after the
build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

ROOT = Path(__file__).resolve().parent.parent
COMPILED = ROOT / ".venv-compiled" / "bin"
FOLDERS = [
    ROOT / "samples",
    *sorted(
        p
        for p in (ROOT / "tests" / "fixtures").iterdir()
        if p.is_dir() and not p.name.startswith("__")
    ),
]


def _run(program: list[str], folder: Path, out: Path, cwd: Path) -> int:
    """The exit status of an extraction of `folder` into `out`."""
    done = subprocess.run(
        [*program, "extract", str(folder), "--out", str(out)]
        + ["--quiet", "--no-cache", "--jobs", "2"],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (out / "documents.parquet").exists(), done.stderr[-2000:]
    return done.returncode


def test_the_hot_modules_are_compiled() -> None:
    modules = {
        "extract.layout.text_rows": ".so",
        "extract.blocks.paragraphs": ".so",
        "normalise.values": ".so",
        "extract.readers.errors": ".py",
        "extract.run": ".py",
    }
    script = (
        "import importlib, sys; "
        f"[print(importlib.import_module(m).__file__) for m in {list(modules)!r}]"
    )
    done = subprocess.run(
        [str(COMPILED / "python"), "-c", script],
        cwd="/",
        capture_output=True,
        text=True,
        check=True,
    )
    files = done.stdout.split()
    assert len(files) == len(modules)
    for file, suffix in zip(files, modules.values(), strict=True):
        assert Path(file).suffix == suffix, file
        assert ".venv-compiled" in file


@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name for p in FOLDERS])
def test_the_compiled_build_writes_the_same_tables(
    folder: Path, tmp_path: Path
) -> None:
    # From the project's root, `-m extract.cli` runs this tree's sources; the
    # compiled `reportx`, run elsewhere, the modules installed beside it.
    interpreted = _run(
        [sys.executable, "-m", "extract.cli"], folder, tmp_path / "i", ROOT
    )
    compiled = _run([str(COMPILED / "reportx")], folder, tmp_path / "c", tmp_path)
    assert compiled == interpreted
    diff = subprocess.run(
        [sys.executable, "-m", "extract.cli", "diff", str(tmp_path / "i")]
        + [str(tmp_path / "c")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert diff.returncode == 0, diff.stdout[-3000:]
    assert diff.stdout.rstrip().endswith("identical")
    # Stricter than the diff, which takes 1 for 1.0: each table's types, rows
    # and their order are the same.
    tables = sorted(p.name for p in (tmp_path / "i").glob("*.parquet"))
    assert tables == sorted(p.name for p in (tmp_path / "c").glob("*.parquet"))
    assert "documents.parquet" in tables
    for name in tables:
        mine = pq.read_table(tmp_path / "i" / name)
        theirs = pq.read_table(tmp_path / "c" / name)
        assert mine.schema.equals(theirs.schema), name
        assert mine.equals(theirs), name
