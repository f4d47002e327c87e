"""Indicator names and themes in `-layout` text: the same as the TAB export's,
where the theme heading that stands on a row of its own in TAB is printed in
the name column under the indicator above it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.layout.printed_headings import (
    heading_in_name,
    heading_starts,
    printed_headings,
)
from extract.run import extract
from tests.conftest import SAMPLES, rows_of

# 003 prints no KPI grid. 001's HRA rows are under a "Strategic Objective"
# printed as prose in `-layout` text (a TAB row in the export): they had
# taken the theme above it.
STEMS = ["000_af055924f554b2ff", "002_c2fd677fd2d5bf7c", "001_4e0ea328a26b8980"]
S002 = "002_c2fd677fd2d5bf7c"
KEY = ["indicator_id", "theme", "indicator", "financial_year", "period", "measure"]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("layout-names")
    inputs = [SAMPLES / f"{s}.txt" for s in STEMS]
    inputs += [SAMPLES / "text" / f"{s}-layout.txt" for s in STEMS]
    inputs.append(SAMPLES / "text" / f"{S002}-browser-layout.txt")
    inputs.append(SAMPLES / "text" / f"{STEMS[0]}-browser-layout.txt")
    extract(inputs, folder)
    return folder


def _values(out: Path, name: str) -> pd.DataFrame:
    return rows_of(out, "indicator_values", name)


def _facts(rows: pd.DataFrame) -> set[tuple[object, ...]]:
    return {
        (*key, None if pd.isna(value) else value)
        for *key, value in rows[[*KEY, "value"]].itertuples(index=False)
    }


@pytest.mark.parametrize("stem", STEMS)
def test_layout_text_gives_the_tab_exports_rows(out: Path, stem: str) -> None:
    # 002-layout had read "Support vulnerable people" (a theme row) as the
    # end of the CCTV name, and the rows under it in the theme above.
    tab = _facts(_values(out, f"{stem}.txt"))
    assert tab
    assert _facts(_values(out, f"{stem}-layout.txt")) == tab


def test_browser_layout_names_and_themes(out: Path) -> None:
    rows = _values(out, f"{S002}-browser-layout.txt")
    themes = dict(zip(rows.indicator_id, rows.theme, strict=False))
    assert themes["cctv-case-reviews"] == "Sustaining safe and secure communities"
    assert themes["hub-referrals"] == "Support vulnerable people"
    assert themes["universal-credit-claimants"] == "Support vulnerable people"
    names = set(rows.indicator)
    assert "Number of CCTV case reviews provided to Staffordshire Police" in names
    assert not [n for n in names if n.endswith("Support vulnerable people")]


def test_marks_and_dates_under_quarter_labels_are_no_kpi_values(out: Path) -> None:
    # 000's browser layout text puts the cemetery action's progress in the
    # name column of a grid whose Q2/Q3 cells hold "\\bigcirc": it had given
    # two indicators named by their progress text, with no value.
    rows = _values(out, f"{STEMS[0]}-browser-layout.txt")
    assert not rows.indicator.str.startswith("Core requirements").any()
    assert not rows.value_text.fillna("").str.contains("bigcirc").any()
    # Nor are a rolling-12 block's dated captions ("(24.07.17)"), which had
    # given an indicator "Incidents" under a theme run into the KPI name.
    assert not rows.value_text.fillna("").str.contains(r"\d\.\d\d\.\d\d").any()
    assert set(rows.indicator_id) == {
        "fly-tipping-incidents",
        "household-waste-recycled",
        "residual-household-waste",
    }


def test_a_heading_printed_apart_starts_a_row() -> None:
    lines = [
        "Support Vulnerable People – the number of tenancies sustained …",
        "Name  Q  1  2",
        "Number of CCTV  Q  340  101",
        "case reviews",
        "Support",
        "vulnerable",
        "people",
        "Increased  A  189  304",
    ]
    split = [[c for c in line.split("  ")] for line in lines[2:]]
    split = [cells + [""] * (4 - len(cells)) for cells in split]
    found = heading_starts(split, range(2, 8), lambda: printed_headings(lines))
    assert found == {2}
    headings = printed_headings(lines)
    assert heading_in_name(
        "Number of CCTV case reviews Support vulnerable people",
        lambda: headings,
        range(3, 8),
    )
    # Printed only on the name's own lines: no heading.
    assert not heading_in_name(
        "Number of CCTV case reviews Support vulnerable people",
        lambda: headings,
        range(1, 9),
    )


@given(st.lists(st.text(max_size=30), max_size=12), st.text(max_size=60))
def test_headings_of_any_text(lines: list[str], name: str) -> None:
    headings = printed_headings(lines)
    assert heading_in_name(name, lambda: headings, range(0)) in (True, False)
    split = [line.split("  ") or [""] for line in lines]
    assert heading_starts(split, range(len(split)), lambda: headings) <= set(
        range(len(split))
    )


def test_a_figure_under_no_label_leaves_its_row_unread(tmp_path: Path) -> None:
    # 001's browser layout text with two more figures in the affordable
    # housing row: "150" at 112 ends just short of "Annual Total" at 114, as a
    # Quarter 4 figure set to the right would, and "160" sits at 118, where no
    # label starts. The row had been read without them (its Q3 and the rest
    # silently short); it is reported, cells quoted, and not read: which
    # column each is in is in doubt.
    name = "001_4e0ea328a26b8980-browser-layout.txt"
    lines = (SAMPLES / "text" / name).read_text(encoding="utf-8").split("\n")
    old = lines[7]
    assert old.startswith("Additional affordable housing") and old.endswith("160")
    lines[7] = old[:96] + "41              150   160"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_text("\n".join(lines), encoding="utf-8")
    extract([folder], tmp_path / "out")
    rows = rows_of(tmp_path / "out", "indicator_values", name)
    assert not rows.indicator.str.startswith("Additional affordable").any()
    issues = rows_of(tmp_path / "out", "issues", name)
    unread = issues[(issues.code == "unparsed_block") & (issues.line == 8)]
    assert list(unread.message) == [
        f"{name}:8: Additional affordable housing: row not read: '160' is printed "
        "under no column label, so which column it and the cells beside it "
        "belong to cannot be told: 'Additional affordable housing | 76 | 33 | 41 "
        "| 150 | 160'"
    ]


def test_two_figures_in_one_value_column_leave_their_row_unread(
    tmp_path: Path,
) -> None:
    # 002's browser layout text with the ASB row's Q3 "12" set on the next
    # line, a character left of the Q3 column: it joins Q2's cell ("27 12"),
    # which had been read as Q2 = 27 with "12" its note, Q3 silently missing.
    name = f"{S002}-browser-layout.txt"
    text = (SAMPLES / "text" / name).read_text(encoding="utf-8")
    old = (
        "Number of ASB Q              85      N/A   20                27"
        "             12          43           102\ncomplaints dealt\n"
    )
    new = (
        "Number of ASB Q              85      N/A   20                27"
        "                         43           102\ncomplaints dealt"
        + " " * 47
        + "12\n"
    )
    assert old in text
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_text(text.replace(old, new), encoding="utf-8")
    extract([folder], tmp_path / "out")
    rows = rows_of(tmp_path / "out", "indicator_values", name)
    assert "asb-complaints-hub" not in set(rows.indicator_id)
    assert "cctv-case-reviews" in set(rows.indicator_id)
