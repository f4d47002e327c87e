"""What the program's start leaves out: each check runs in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def _python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_pyarrow_as_the_program_imports_it_pickles_without_cloudpickle() -> None:
    code = """
import pickle, sys
from extract.engines import arrow_without_numpy
arrow_without_numpy()
import pyarrow as pa
table = pa.table({"n": [1, 2]})
print("cloudpickle" in sys.modules, pickle.loads(pickle.dumps(table)).equals(table))
"""
    assert _python(code) == "False True"
