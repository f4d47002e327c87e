"""Refresh tests/golden/: the tables of samples/*.txt as CSV, one file per table.

Run on purpose, when an extraction change is intended: `make golden`. Review the
CSV diff like code.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from extract.qa.diff import snapshot
from extract.run import extract

GOLDEN = Path(__file__).resolve().parent
SAMPLES = GOLDEN.parent.parent / "samples"


def sample_inputs() -> list[Path]:
    """The inputs the snapshot is taken of (the same as the tests' `run_dir`)."""
    return sorted(SAMPLES.glob("*.txt"))


def refresh(dest: Path = GOLDEN) -> list[Path]:
    """Extract the samples and replace every CSV in `dest` with the new tables."""
    with tempfile.TemporaryDirectory() as out:
        extract(sample_inputs(), out)
        for stale in dest.glob("*.csv"):
            stale.unlink()
        return snapshot(Path(out), dest)


if __name__ == "__main__":
    for path in refresh():
        print(path.relative_to(GOLDEN.parent.parent))
    sys.exit(0)
