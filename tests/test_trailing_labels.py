"""A reading-order KPI grid that prints its last column's label after its rows
(tests/fixtures/trailinglabels/): the cells after the value columns are
reported under the labels the TAB text gives them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.run import extract
from tests.conftest import rows_of

TRAILING = Path(__file__).parent / "fixtures" / "trailinglabels"
KEY = ["indicator_id", "financial_year", "measure"]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("trailinglabels")
    extract([TRAILING], out)
    return out


def _year_cells(out: Path, name: str) -> pd.DataFrame:
    rows = rows_of(out, "indicator_values", name)
    rows = rows[rows.period == "FY"]
    return rows[[*KEY, "value", "reported_as"]].sort_values(KEY).reset_index(drop=True)


def test_cells_go_under_the_year_their_label_compares_with(out: Path) -> None:
    plain = _year_cells(out, "v009_000-ruled-plain.txt")
    residual = plain[plain.indicator_id == "residual-household-waste"]
    assert list(residual.itertuples(index=False, name=None)) == [
        (
            "residual-household-waste",
            "2015/16",
            "actual",
            18761.0,
            "Performance compared to 2015/16",
        ),
        (
            "residual-household-waste",
            "2017/18",
            "actual",
            21209.0,
            "Target- Achieved/ Trend",
        ),
        # One cell under each trailing column: the trend cell is read whole,
        # its bare "<20,009 Tonnes" the target, as the TAB text reads it.
        (
            "residual-household-waste",
            "2017/18",
            "target",
            20009.0,
            "Target- Achieved/ Trend",
        ),
    ]


def test_every_year_cell_read_has_the_tab_texts_label(out: Path) -> None:
    plain = _year_cells(out, "v009_000-ruled-plain.txt")
    tab = _year_cells(out, "v009_000.txt")
    both = plain.merge(tab, on=KEY, suffixes=("", "_tab"))
    assert len(both) == len(plain) == 6
    assert (both.reported_as == both.reported_as_tab).all()
    assert (both.value == both.value_tab).all()
