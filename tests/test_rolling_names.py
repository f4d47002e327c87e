"""Which text names a rolling-12-months indicator in reading-order text."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.recognisers.rolling12.reading_order import named
from extract.run import extract
from tests.conftest import SAMPLES

PLAIN_000 = SAMPLES / "text" / "000_af055924f554b2ff-plain.txt"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "ASB Incidents Over Time (Variation) – Police data",
            "ASB Incidents Over Time (Variation) – Police data",
        ),
        # Two names in one cell: the rolling one (samples/000 line 9).
        (
            "ASB Incidents Over Time (Variation) – Police data ASB – Number of "
            "referrals to ASB Champion – Victim Support data",
            "ASB Incidents Over Time (Variation) – Police data",
        ),
        # A block's words run into a name's lines
        # (tests/fixtures/writerborderlesstext/001…-plain.txt lines 334-335).
        ("Time (Variation) – Previous 12 months", None),
        ("Committed Crime Over Time (Variation) Last 12 months = 6,506", None),
        # The words in a name of its own, not a block's.
        (
            "ASB Incidents in the last 12 months Over Time (Variation) – Police data",
            "ASB Incidents in the last 12 months Over Time (Variation) – Police data",
        ),
    ],
)
def test_named(text: str, name: str | None) -> None:
    assert named(text) == name


def test_a_name_with_the_words_of_a_block_keeps_its_rows(tmp_path: Path) -> None:
    # samples/text/000…-plain.txt line 89, the ASB name with "in the last 12
    # months" in it: its four quarters are read under it.
    text = PLAIN_000.read_text(encoding="utf-8")
    assert text.count("ASB Incidents Over\n") == 1
    source = tmp_path / "000-named-plain.txt"
    source.write_text(
        text.replace(
            "ASB Incidents Over\n", "ASB Incidents in the last 12 months Over\n"
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    extract([source], out)
    rows = pd.read_parquet(out / "rolling_12_months.parquet")
    asb = rows[rows.indicator.str.startswith("ASB Incidents")]
    assert set(asb.indicator) == {
        "ASB Incidents in the last 12 months Over Time (Variation) – Police data"
    }
    assert list(zip(asb.quarter, asb.previous_12_months, strict=True)) == [
        ("Q1", 3235),
        ("Q2", 3108),
        ("Q3", 2957),
        ("Q4", 2808),
    ]
