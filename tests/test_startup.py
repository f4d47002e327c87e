"""What a run imports: not pandas, and not bs4 for the markup samples/ print.

Each check runs in a fresh interpreter: this one has imported both already.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

from tests.conftest import ROOT, S003, SAMPLES


def _python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return done.stdout.strip()


def test_a_one_file_run_imports_neither_pandas_nor_bs4(tmp_path: Path) -> None:
    # One job and no limits: the document is parsed in this process too.
    args = [
        *("extract", str(SAMPLES / S003), "--out", str(tmp_path / "out")),
        *("--quiet", "--no-cache", "--jobs", "1"),
        *("--max-memory-mb", "0", "--timeout-s", "0"),
    ]
    code = f"""
import sys
from extract.cli import main
status = main({args!r})
print(status, sorted(m for m in ("pandas", "bs4") if m in sys.modules))
"""
    assert _python(code) == "0 []"


def _imported_as_the_program_ends(out: Path, modules: tuple[str, ...]) -> str:
    """Run `reportx extract` on one small file as the program does (it ends
    its own process); its exit status and which of `modules` it had imported,
    printed as it ends."""
    argv = [
        *("reportx", "extract", str(SAMPLES / S003), "--out", str(out)),
        *("--quiet", "--no-cache"),
    ]
    code = f"""
import os, sys
from extract.cli import main

end = os._exit


def ending(status):
    imported = [m for m in {modules!r} if m in sys.modules]
    print(status, imported, flush=True)
    end(status)


os._exit = ending
sys.argv = {argv!r}
main()
"""
    return _python(code)


def test_the_program_imports_neither_numpy_nor_pandas_nor_bs4(
    tmp_path: Path,
) -> None:
    modules = ("numpy", "pandas", "bs4")
    assert _imported_as_the_program_ends(tmp_path / "out", modules) == "0 []"


def test_a_one_file_program_run_needs_no_compute_functions(tmp_path: Path) -> None:
    # pyarrow.compute builds a Python wrapper for each function as it loads.
    late = ("pyarrow.compute", "importlib.metadata")
    assert _imported_as_the_program_ends(tmp_path / "out", late) == "0 []"


def test_compute_functions_imported_later_import_no_numpy() -> None:
    code = """
import sys
from extract.engines import arrow_without_numpy
arrow_without_numpy()
import pyarrow.compute
print("numpy" in sys.modules)
"""
    assert _python(code) == "False"


def test_importing_the_run_imports_no_pandas() -> None:
    code = """
import sys
import extract.run
print("pandas" in sys.modules)
"""
    assert _python(code) == "False"


def test_a_worker_builds_tables_without_pandas() -> None:
    code = """
import sys
import pyarrow as pa
from extract.engines import WorkerLimits
from extract.engines.local import LocalEngine

def build(n):
    pa.Table.from_pylist([{"n": n}])
    return "pandas" in sys.modules

print(list(LocalEngine(1, WorkerLimits()).map(build, [1])))
"""
    assert _python(code) == "[False]"


def test_what_needs_pandas_still_imports_it() -> None:
    code = """
import sys
import pyarrow as pa
from extract.engines import arrow_without_pandas

arrow_without_pandas()
table = pa.Table.from_pylist([{"n": 1}])
print("pandas" in sys.modules, type(table.to_pandas()).__name__)
print(pa.table(table.to_pandas()).equals(table))
"""
    assert _python(code) == "False DataFrame\nTrue"


def test_the_program_prints_publishes_and_exits_with_the_run_status(
    tmp_path: Path,
) -> None:
    # The program ends its process itself once the run is done (no teardown).
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot a PDF beyond its first line\n")
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "extract.cli", "extract", str(SAMPLES / S003)]
        + [str(broken), "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 1
    assert done.stdout.startswith(f"2 inputs: 1 ok, 1 failed -> {out}\n")
    assert done.stdout.endswith(" rows\n")
    assert done.stderr.startswith("  failed: broken.pdf: truncated PDF")
    documents = pq.read_table(out / "documents.parquet").to_pylist()
    assert sorted(d["status"] for d in documents) == ["failed", "ok"]
