"""Counts in text whose cells run on from line to line (`pdftotext -raw`,
tests/fixtures/rawtext): each quarter's cell, after its rolling-12 block, is
read under the counted name printed before the row (extract/recognisers/
breakdowns/run_on.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.recognisers import breakdowns
from extract.records import Breakdown, IssueRow, Record
from extract.run import extract
from tests.conftest import S000, S001, SAMPLES, recognised, rows_of
from tests.test_breakdowns import CACH_Q4_000, counts_of

ASB = "ASB – Number of referrals to ASB Champion – Victim Support data"
FACT = ["indicator_id", "period", "dimension", "category", "count", "approx"]
PLAN = (
    "Crime & Partnerships Priority Delivery Plan 2017-18 Quarter 2 Performance Update"
)


def _raw(name: str) -> str:
    return name.replace(".txt", "-raw.txt")


def _facts(rows: pd.DataFrame) -> set[tuple[object, ...]]:
    return set(rows[FACT].itertuples(index=False, name=None))


def test_000_raw_gives_its_tab_exports_counts_but_one(
    raw_dir: Path, run_dir: Path
) -> None:
    """All 62 but the Q2 Mental Health count, which the raw text prints in a
    wrapped note after a page break (lines 172-178, reported)."""
    raw = _facts(rows_of(raw_dir, "breakdowns", _raw(S000)))
    tab = _facts(rows_of(run_dir, "breakdowns", S000))
    assert len(tab) == 62
    assert tab - raw == {
        ("cach-self-referrals", "Q2", "motivation", "Mental Health", 1, False)
    }
    assert raw <= tab
    issues = rows_of(raw_dir, "issues", _raw(S000))
    assert issues.message.str.startswith(f"{_raw(S000)}:172-176: ").sum() == 1


def test_001_raw_reads_each_cell_without_the_rest_printed_below_the_row(
    raw_dir: Path,
) -> None:
    """001 prints the ASB row's first lines (lines 149-152) and then the rest
    of both cells as two paragraphs ("<p>6 x Self referrals …", "<p>5 x Self
    referrals …"): each cell is read to its first line's counts only."""
    rows = rows_of(raw_dir, "breakdowns", _raw(S001))
    asb = rows[rows.indicator_id == "asb-champion-referrals"]
    got = sorted(
        asb[["period", "category", "count"]].itertuples(index=False, name=None)
    )
    assert got == [
        ("Q1", "Council", 2),
        ("Q1", "Police", 4),
        ("Q1", "closed", 6),
        ("Q1", "ongoing", 15),
        ("Q2", "Council", 6),
        ("Q2", "Police", 1),
        ("Q2", "closed", 13),
        ("Q2", "ongoing", 13),
    ]
    # And the CACH row's Q1 and Q2 cells, 16 counts, all as the TAB export's.
    assert len(rows) == 24


def _run_on(lines: list[str]) -> list[Record]:
    return recognised(breakdowns, lines, text_form="plain")


def test_a_cell_ends_at_its_last_count() -> None:
    records = _run_on(
        [
            PLAN,
            "Performance compared to 2015/16",
            "ASB – Number of referrals to",
            "ASB Champion – Victim Support data",
            "Q1 - 4 on going cases, 2 closed",
            "cases Q2 - 3 on going cases",
            "Measure has changed Quarter 1 Quarter 2 12 Previous",
        ]
    )
    assert counts_of(records) == [
        (ASB, "Q1", "ongoing", 4, 5),
        (ASB, "Q1", "closed", 2, 5),
        (ASB, "Q2", "ongoing", 3, 6),
    ]
    assert not [r for r in records if isinstance(r, IssueRow)]


def test_a_cell_without_a_name_before_it_is_not_read() -> None:
    assert counts_of(_run_on([PLAN, "Q1 - 4 on going cases, 2 closed cases"])) == []


def test_a_lower_quarter_after_a_higher_one_starts_no_row_of_its_own() -> None:
    records = _run_on(
        [
            PLAN,
            ASB,
            "Q2 - 4 on going cases",
            "Q1 - 5 on going cases",
        ]
    )
    assert counts_of(records) == [(ASB, "Q2", "ongoing", 4, 3)]


def test_reading_order_text_with_blank_lines_is_left_to_its_own_reader() -> None:
    """With blank lines between paragraphs (pdftotext without flags) a cell is
    read only as the reading-order reader reads it: here no cell opens its
    own paragraph, so none is read."""
    lines = [PLAN, "", ASB, "", "Figures Q1 - 4 on going cases", ""] * 2
    assert counts_of(_run_on(lines)) == []


@given(
    st.lists(
        st.sampled_from(
            [
                PLAN,
                ASB,
                "Q1 - 4 on going cases, 2 closed",
                "cases Q2 - 3 on going cases",
                "<p>6 x Self referrals 3 x Other agencies</p>",
                "Q1 (24.07.17) Previous 12 months = 89 Last 12 months = 100",
                "",
                "Measure has changed Quarter 1 12",
            ]
        ),
        min_size=1,
        max_size=12,
    )
)
@settings(max_examples=60, deadline=None)
def test_any_run_on_lines_give_counts_or_nothing(lines: list[str]) -> None:
    for r in _run_on([PLAN, *lines]):
        if isinstance(r, Breakdown):
            assert r.count >= 0 and r.period in ("Q1", "Q2")


def test_a_quarter_printed_after_other_text_takes_no_row_name() -> None:
    """A cell after a sentence of another kind starts no cell of the row."""
    records = _run_on(
        [
            PLAN,
            ASB,
            "Q1 - 4 on going cases",
            "Q2 - 3 on going cases",
            "Lead and roll-out the project across the District with partners.",
            "Q3 - 2 on going cases",
        ]
    )
    assert counts_of(records) == [
        (ASB, "Q1", "ongoing", 4, 3),
        (ASB, "Q2", "ongoing", 3, 4),
    ]


BROWSER_RAW = Path(__file__).parent / "fixtures" / "browserraw"


@pytest.fixture(scope="module")
def browser_raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`pdftotext -raw` of the browser PDFs of 000 and 001, with their TAB
    exports beside them."""
    out = tmp_path_factory.mktemp("browser-raw")
    extract([BROWSER_RAW, SAMPLES / S000, SAMPLES / S001], out)
    return out


@pytest.mark.parametrize("sample", [S000, S001])
def test_browser_raw_counts_are_the_tab_exports(browser_raw: Path, sample: str) -> None:
    """Browser raw text prints a row's cells over more lines and, in 001, the
    ASB and CACH rows with no line between: every count read is the TAB
    export's, none read across two quarters or under the row above."""
    raw = _facts(
        rows_of(browser_raw, "breakdowns", sample.replace(".txt", "-browser-raw.txt"))
    )
    tab = _facts(rows_of(browser_raw, "breakdowns", sample))
    assert raw and raw <= tab


def test_a_note_of_other_cells_under_a_row_ends_the_cell_above(
    browser_raw: Path,
) -> None:
    """000's CACH Q4 cell (browser raw lines 362-380) is followed, without a
    page break, by the notes other quarters print under the row ("(1
    individual 1 Mental Health …", line 383): its counts stay label-first."""
    rows = rows_of(browser_raw, "breakdowns", "000_af055924f554b2ff-browser-raw.txt")
    q4 = rows[(rows.indicator_id == "cach-self-referrals") & (rows.period == "Q4")]
    got = dict(zip(q4.category, q4["count"], strict=True))
    assert got == CACH_Q4_000
