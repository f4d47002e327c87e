"""Figures set to the right of their cells in `pdftotext -layout` text
(tests/fixtures/figuresright/): each stays in its own column, not the next
one whose start it ends just short of."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.layout.text_columns import cells_of, column_starts, fragments
from extract.run import extract
from tests.conftest import SAMPLES, rows_of

FIGURES_RIGHT = Path(__file__).parent / "fixtures" / "figuresright"
COLUMNS = ["indicator_id", "financial_year", "period", "measure", "value"]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("figuresright")
    extract([FIGURES_RIGHT], out)
    return out


@pytest.fixture(scope="module")
def values(out: Path) -> dict[str, pd.DataFrame]:
    return {
        path.name: rows_of(out, "indicator_values", path.name)[COLUMNS]
        for path in sorted(FIGURES_RIGHT.glob("*.txt"))
    }


def test_right_set_figures_stay_in_their_quarters(
    values: dict[str, pd.DataFrame],
) -> None:
    layout = values["v001_000-figures-right-layout.txt"]
    fly = layout[layout.indicator_id == "fly-tipping-incidents"]
    quarters = fly[fly.period.str.startswith("Q")].set_index("period")
    assert quarters.value.to_dict() == {"Q1": 123, "Q2": 121, "Q3": 81, "Q4": 100}
    assert set(quarters.measure) == {"actual"}
    # "No target - this is a measure …": no target, last years' outturns only.
    assert not (fly.measure == "target").any()
    assert sorted(fly[fly.period == "FY"].value) == [425, 484]


def test_the_layout_text_gives_the_values_of_its_tab_text(
    values: dict[str, pd.DataFrame],
) -> None:
    def facts(rows: pd.DataFrame) -> set[tuple[str, ...]]:
        return set(rows.astype(str).apply(tuple, axis=1))

    layout = facts(values["v001_000-figures-right-layout.txt"])
    tab = facts(values["v001_000.txt"])
    assert layout == tab
    assert len(layout) == 20


def test_cells_that_lost_their_first_line_give_no_value(out: Path) -> None:
    # v009_002-figures-right-layout lines 84-88: the "% of Main Duty
    # Homelessness" row's first line ("1.22% (Only three cases", …) is read
    # as a row of its own; the cells of the next lines open mid-sentence
    # ("progressed to full duty from 82, …"), so their figures are no values.
    name = "v009_002-figures-right-layout.txt"
    rows = rows_of(out, "indicator_values", name)
    duty = rows[rows.indicator.str.startswith("Housing Reduction Act")]
    assert sorted(duty.period) == ["FY", "Q1", "Q2", "Q3", "Q4"]
    assert duty.value.isna().all()
    issues = rows_of(out, "issues", name)
    unread = issues[issues.code == "unreadable_value"]
    assert list(unread.line) == [85] * 4
    assert unread.message.str.contains("opens mid-sentence").all()
    assert unread.message.str.contains("'progressed to full duty from 82").any()
    # The TAB text's cells print their figures first.
    tab = rows_of(out, "indicator_values", "v009_002.txt")
    tab = tab[tab.indicator.str.contains("Main Duty Homelessness")]
    quarters = tab[tab.period.str.startswith("Q")].set_index("period")
    assert quarters.value.to_dict() == {"Q1": 0, "Q2": 1.22, "Q3": 1.74, "Q4": 1.85}


def test_figures_set_left_under_centred_labels_keep_their_column(
    tmp_path: Path,
) -> None:
    # samples/text/001-layout with the annual labels three characters right
    # of where they start, as centred labels print: "160" and "45" still
    # start together at the Annual Target column, set to the left.
    name = "001_4e0ea328a26b8980-layout.txt"
    lines = (SAMPLES / "text" / name).read_text(encoding="utf-8").split("\n")
    old = "Quarter 4                 Annual Total"
    assert old in lines[10]
    lines[10] = lines[10].replace(old, "Quarter 4                    Annual Total")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / name).write_text("\n".join(lines), encoding="utf-8")
    extract([tmp_path / "in"], tmp_path / "out")
    values = pd.read_parquet(tmp_path / "out" / "indicator_values.parquet")
    annual = values[values.period == "FY"].set_index("indicator_id")
    assert annual.loc["affordable-housing-additional", "measure"] == "target"
    assert annual.loc["affordable-housing-additional", "value"] == 160
    assert annual.loc["affordable-dwellings-s106", "value"] == 45
    assert set(annual.measure) == {"target"}


def test_right_set_figures_of_several_rows_end_together() -> None:
    # An unruled print of sample 001 with figures set right: "76" and "0"
    # end together at 119, short of "Quarter 2" at 122 (they start at 117
    # and 118); "33" and "0" likewise before "Quarter 3".
    header = "Quarter 1".rjust(103) + "Quarter 2".rjust(28) + "Quarter 3".rjust(27)
    rows = [
        "Additional affordable housing".ljust(117) + "76".ljust(27) + "33",
        "Number of affordable dwellings".ljust(118) + "0".ljust(27) + "0",
    ]
    lines = [header, *rows]
    region = [fragments(line) for line in lines]
    assert column_starts(region, lines) == [0, 94, 122, 149]
    assert [cells_of(row, [0, 94, 122, 149], 4) for row in rows] == [
        ["Additional affordable housing", "76", "33", ""],
        ["Number of affordable dwellings", "0", "0", ""],
    ]
