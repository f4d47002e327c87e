"""TAB exports whose TABs were expanded to spaces (tests/fixtures/expanded:
coreutils `expand` of samples/000-003, 8-column stops counted in bytes) are
read as TAB exports with their TABs put back; a line whose cells cannot be
told apart is left unread and reported, never read into the wrong columns."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.readers import read_path
from extract.readers.expanded_tabs import restore, tab_stops
from extract.run import extract
from tests.conftest import (
    FLY_TIPPING_002,
    RAW,
    S000,
    S001,
    S002,
    S003,
    SAMPLES,
    rows_of,
)

EXPANDED = Path(__file__).parent / "fixtures" / "expanded"
STEMS = (S000, S001, S002, S003)
# The lines (1-based) of each fixture left unread: their cells cannot be told.
DOUBTFUL = {
    S000: [4, 9, 17, 43, 63, 64, 66],
    S001: [36],
    S002: [59, 68, 72, 90, 91, 111],
    S003: [],
}


def _expanded(sample: str) -> Path:
    return EXPANDED / sample.replace(".txt", "-expanded.txt")


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def _cells(line: str) -> list[str]:
    return [cell.rstrip() for cell in line.split("\t")]


@pytest.fixture(scope="module")
def expanded_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("expanded")
    extract([EXPANDED], out)
    return out


@pytest.mark.parametrize("sample", STEMS)
def test_every_line_not_in_doubt_is_its_tab_export_line(sample: str) -> None:
    """Cell for cell, as the TAB export prints it (a cell's trailing space
    aside, which the expansion cannot keep apart from the TAB after it)."""
    restored = restore(_lines(_expanded(sample)))
    assert restored is not None and restored.size == 8
    assert sorted(i + 1 for i in restored.doubtful) == DOUBTFUL[sample]
    tab = _lines(SAMPLES / sample)
    assert len(restored.lines) == len(tab)
    for i, (got, want) in enumerate(zip(restored.lines, tab, strict=True)):
        if i not in restored.doubtful:
            assert _cells(got) == _cells(want), i + 1


def test_a_header_of_labels_set_one_space_apart_is_cut_where_they_meet() -> None:
    """samples/000 line 3: "Target Achieved / Trend" ends one short of a stop,
    so one space stands for its TAB; the known labels tell where."""
    restored = restore(_lines(_expanded(S000)))
    assert restored is not None
    assert _cells(restored.lines[2])[-2:] == [
        "Target Achieved / Trend",
        "Performance compared to 2015/16",
    ]
    # The data row below it (line 6) lost no TAB.
    assert restored.lines[5].count("\t") == 8


def test_a_cell_ending_in_a_space_one_short_of_a_stop_keeps_its_columns() -> None:
    """samples/003 line 117: "… Strategic Assessment " then a TAB is nine
    spaces that cross two stops: one TAB, not two, as the table's width says."""
    restored = restore(_lines(_expanded(S003)))
    assert restored is not None
    cells = _cells(restored.lines[116])
    assert len(cells) == 6
    assert cells[2:4] == ["▶", "▶"]


@pytest.mark.parametrize(
    "path",
    sorted(SAMPLES.glob("*.txt"))
    + sorted((SAMPLES / "text").glob("*.txt"))
    + sorted(RAW.glob("*.txt")),
    ids=lambda p: p.name,
)
def test_no_other_form_is_taken_for_expanded_tabs(path: Path) -> None:
    assert tab_stops(_lines(path)) is None


def test_a_text_expanded_at_four_columns_by_characters_is_known() -> None:
    text = (SAMPLES / S002).read_text(encoding="utf-8")
    lines = [line.expandtabs(4) for line in text.split("\n")]
    stops = tab_stops(lines)
    assert stops is not None and stops[0] == 4


@pytest.mark.parametrize("sample", STEMS)
def test_the_document_is_a_tab_export_and_says_so(
    expanded_dir: Path, sample: str
) -> None:
    name = _expanded(sample).name
    docs = pd.read_parquet(expanded_dir / "documents.parquet")
    doc = docs[docs.source_path == name].iloc[0]
    assert (doc.text_form, doc.status) == ("tab", "ok")
    issues = rows_of(expanded_dir, "issues", name)
    told = issues[issues.code == "tabs_expanded"]
    assert told.message.tolist() == [
        f"{name}: TABs expanded to spaces at 8-column stops; read with the TABs "
        "put back"
    ]
    assert told.severity.tolist() == ["info"]
    unread = issues[issues.message.str.contains("which of its single spaces")]
    assert [int(m.split(":")[1]) for m in unread.message] == DOUBTFUL[sample]
    assert set(unread.code) <= {"unparsed_block"}


def test_the_rows_read_are_the_tab_exports(expanded_dir: Path) -> None:
    """001: the Hate Crime and ASB blocks and the KPI grid, as its TAB export
    gives them (tests/test_forms_agree.py checks every table of every form)."""
    name = _expanded(S001).name
    rolling = rows_of(expanded_dir, "rolling_12_months", name)
    assert len(rolling) == 6
    hate = rolling[rolling.indicator_id == "hate-crime-incidents"].sort_values(
        "quarter"
    )
    assert hate[
        ["quarter", "previous_12_months", "last_12_months"]
    ].values.tolist() == [
        ["Q1", 89, 100],
        ["Q2", 88, 116],
    ]
    assert len(rows_of(expanded_dir, "indicator_values", name)) == 18
    assert len(rows_of(expanded_dir, "breakdowns", name)) == 32
    assert len(rows_of(expanded_dir, "status_summary", name)) == 5


def test_no_row_of_a_line_in_doubt_is_written(expanded_dir: Path) -> None:
    """002 line 59 (Discretionary Housing Payments) lost two TABs among five
    single spaces: none of its figures is read into a column. The rows below
    it are still read under the grid's header (lines 60-62)."""
    name = _expanded(S002).name
    values = rows_of(expanded_dir, "indicator_values", name)
    assert len(values) == 51
    assert not (values.line_start == 59).any()
    assert not values.indicator.str.contains("Discretionary").any()
    below = values[values.line_start > 59]
    assert below.groupby("indicator").size().to_dict() == {
        "Number of fly tipping incidents": 7,
        "Retain 6 Green Flags": 3,
    }
    fly = below[below.indicator == "Number of fly tipping incidents"]
    fly = fly.set_index(["financial_year", "period", "measure"]).value
    assert fly.isna().to_dict()[("2018/19", "FY", "target")]  # "N/A"
    assert fly.dropna().to_dict() == FLY_TIPPING_002


@given(
    st.lists(
        st.text(alphabet=st.sampled_from(" \tab1.–▶<>/p"), max_size=40), max_size=30
    )
)
def test_restoring_any_text_never_fails(lines: list[str]) -> None:
    restored = restore(lines)
    if restored is not None:
        assert len(restored.lines) == len(lines)
        assert all(0 <= i < len(lines) for i in restored.doubtful)


def test_a_read_document_keeps_the_lines_as_numbered() -> None:
    doc = read_path(_expanded(S000))
    assert doc.text_form == "tab"
    assert doc.n_lines == len(_lines(SAMPLES / S000))
    assert doc.line(6).split("\t")[0] == (
        "Committed Crime Over Time (Variation) All crime groupings – Acquisitive "
        "crime, Violence against the person, Sexual Offences, Police generated "
        "crime and oth"
    )
