"""The same inputs give the same tables whatever the hash seed of the process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd

from normalise.words import Vocabulary, correct_misspellings
from tests.conftest import ROOT, SAMPLES

TABLES = ("documents", "rolling_12_months", "actions", "repairs", "statements")


def _run(out: Path, seed: str) -> dict[str, pd.DataFrame]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run(
        [sys.executable, "-m", "extract.cli", "extract", "--quiet", "--no-cache",
         str(SAMPLES / "000_af055924f554b2ff.txt"), "--out", str(out)],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    return {t: pd.read_parquet(out / f"{t}.parquet") for t in TABLES}


def test_two_hash_seeds_give_identical_tables(tmp_path: Path) -> None:
    first = _run(tmp_path / "a", "1")
    second = _run(tmp_path / "b", "2")
    for name in TABLES:
        pd.testing.assert_frame_equal(first[name], second[name], obj=name)


def test_a_tie_between_candidates_is_broken_in_a_stated_order() -> None:
    # "Plancing" is one letter from "planning" and from "planting": equal scores
    # and lengths, so the spelling decides, whatever order the words came in.
    texts = ["Planning applications", "Planting trees"] * 2
    for vocab in (Vocabulary.of(texts), Vocabulary.of(texts[::-1])):
        fixed, repairs = correct_misspellings("Plancing", vocab)
        assert fixed == "Planning"
        assert [(r.raw, r.repaired, r.rule) for r in repairs] == [
            ("Plancing", "Planning", "misspelling")
        ]
