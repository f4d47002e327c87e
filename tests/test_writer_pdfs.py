"""PDFs of a word processor: samples/pdf/<stem>-writer.pdf, the samples opened
by LibreOffice Writer and exported (samples/pdf/build_writer.py). Writer lets a
row break across pages and draws the table's border on both sides of the
break, so a row a page break splits looks like two rows; it is made one where
its text goes on (extract/layout/page_split.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.layout.page_split import goes_on
from extract.readers.pdf import read_pdf
from extract.run import extract
from tests.conftest import SAMPLES, gold_scores, rows_of

WRITER = sorted((SAMPLES / "pdf").glob("*-writer.pdf"))
WRITER_HEADINGS = Path(__file__).resolve().parent / "fixtures" / "writerpdf"


@pytest.fixture(scope="module")
def writer_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("writer")
    extract(WRITER, out)
    return out


def _of(out: Path, table: str, name: str) -> pd.DataFrame:
    """The rows of one input, by its name without `.pdf` (a stem and its form)."""
    return rows_of(out, table, f"{name}.pdf")


def test_writer_pdfs_read_as_their_text_twins(writer_out: Path) -> None:
    assert len(WRITER) == 5
    scores = gold_scores(writer_out)
    for table in ("documents", "rolling_12_months", "status_summary", "breakdowns"):
        assert scores[table]["f1"] == 1.0, table
    values = scores["indicator_values"]
    # 002's "1.20% Average", which Writer breaks where its narrow cell ends
    # ("Averag" / "e"), is read whole (tests/test_cut_words.py).
    assert (values["correct"], values["produced_fields"]) == (303, 303)
    actions = scores["actions"]
    # (001's embedded programme table puts its "Q2" label in a rating column:
    # a quarter's label is no mark.)
    assert (actions["correct"], actions["produced_fields"]) == (98, 98)


def test_a_latex_mark_writer_sets_apart_is_one_mark(writer_out: Path) -> None:
    # 000 line 75 prints "$ \\bigcirc$" in the new cemetery row's Q3 rating
    # column; Writer sets the backslash and "bigcirc" apart ("$ \\ bigcirc$").
    items = _of(writer_out, "actions", "000_af055924f554b2ff-writer")
    cemetery = items[items.title.str.contains("new cemetery")].item_id
    updates = _of(writer_out, "action_updates", "000_af055924f554b2ff-writer")
    marks = updates[updates.item_id.isin(cemetery)].set_index("quarter")
    assert marks.rating_symbol.dropna().to_dict() == {
        "Q2": "\\bigcirc",
        "Q3": "\\bigcirc",
    }
    repairs = _of(writer_out, "repairs", "000_af055924f554b2ff-writer")
    wrapper = repairs[repairs.rule == "latex_math_wrapper"]
    assert list(zip(wrapper.raw, wrapper.repaired, strict=True)) == [
        ("$ \\ bigcirc$", "\\bigcirc")
    ]


def test_a_breakdown_row_split_by_a_page_break_keeps_its_name(
    writer_out: Path,
) -> None:
    # 000: the Hate Crime row starts at the foot of page 1; its name ends
    # "to CACH –" there and goes on "CACH data agreements" on page 2.
    rows = _of(writer_out, "breakdowns", "000_af055924f554b2ff-writer")
    hate = rows[rows.indicator.str.startswith("Hate Crime")]
    assert set(hate.indicator) == {
        "Hate Crime – Number of self referrals to CACH – CACH data agreements"
    }
    assert len(hate) == 32
    q1 = hate[hate.period == "Q1"].set_index("category")["count"].to_dict()
    assert q1 == {
        "individuals": 24,
        "incidents": 120,
        "Religion": 1,
        "Sexual Orientation": 2,
        "Disability - Physical": 2,
        "Disability - Learning": 3,
        "Race": 17,
    }
    assert set(hate.page) == {2}


def test_a_kpi_row_split_by_a_page_break_keeps_its_name(writer_out: Path) -> None:
    # 000: "Percentage of" and the quarters' figures at the foot of page 3,
    # "household waste recycled" and their qualifiers at the head of page 4.
    rows = _of(writer_out, "indicator_values", "000_af055924f554b2ff-writer")
    waste = rows[rows.indicator == "Percentage of household waste recycled"]
    assert sorted(waste.value.round(2)) == [36.5, 38.6, 44.1, 47.5, 50.0, 51.49, 51.8]
    assert not rows.indicator.str.fullmatch("Percentage of").any()


def test_the_split_row_is_one_row_where_it_ends() -> None:
    path = SAMPLES / "pdf" / "000_af055924f554b2ff-writer.pdf"
    doc = read_pdf(path, path.name)
    rows = [r for r in doc.rows if r.tabbed and "self referrals to CACH" in r.flat]
    assert len(rows) == 1
    assert rows[0].texts[0] == (
        "Hate Crime – Number of self referrals to CACH – CACH data agreements"
    )
    assert rows[0].page == 2


@pytest.mark.parametrize(
    ("foot", "head", "on"),
    [
        # The name ends mid-phrase: on, whatever the other cells say.
        (
            ["Hate Crime – Number of self referrals to CACH –", "Chase District"],
            ["CACH data agreements", "reported approx. 120"],
            True,
        ),
        (["Percentage of", "47.5%"], ["household waste recycled", "Confirmed"], True),
        # A name left empty under a name, and a cell going on in lower case.
        (["Satisfaction with local area", "Previous 12"], ["", "months = 89"], True),
        # A new row: its name and figures start afresh.
        (
            ["Number of fly tipping incidents", "54", "78"],
            ["Number of abandoned vehicles", "12", "9"],
            False,
        ),
        # A sparse new row: an annual indicator under a quarterly one.
        (["Number of X", "A", "12", ""], ["Number of Y", "A", "", "5"], False),
        (["Number of X", "12"], ["", "5"], False),
        # "n/a" is not a word going on; a lone dash is not a phrase left open.
        (["Retain 6 Green Flags", "-"], ["Number of Y", "n/a"], False),
        # Title case on both sides of the break is not told from a new row.
        (["Appoint Preferred", "✓"], ["Provider", ""], False),
        ([], [], False),
        (["a"], ["b", "c"], False),
    ],
)
def test_goes_on(foot: list[str], head: list[str], on: bool) -> None:
    assert goes_on(foot, head) is on


def test_a_split_row_under_a_repeated_heading_row_is_one_row() -> None:
    # tests/fixtures/writerpdf: `build_writer.py --heading-rows`, each table's
    # first row repeated at the head of every page it runs on. 001's Committed
    # Crime row starts at the foot of page 3 and goes on under page 4's
    # repeated "Quarter 1 … Quarter 4" row.
    path = WRITER_HEADINGS / "001_4e0ea328a26b8980-writer-headings.pdf"
    rows = [r for r in read_pdf(path, path.name).rows if r.tabbed]
    k = next(i for i, r in enumerate(rows) if "Committed Crime" in r.flat)
    assert sum("Committed Crime" in r.flat for r in rows) == 1
    assert rows[k - 1].texts[1:5] == (
        "Quarter 1",
        "Quarter 2",
        "Quarter 3",
        "Quarter 4",
    )
    assert (rows[k - 1].page, rows[k].page) == (4, 4)
    assert rows[k].texts[1] == (
        "Q1 (24.07.17) Previous 12 months = 5,673 Last 12 months = 6,506 Change "
        "Over 12 Months = 15% increase (833) For information only, data provided "
        "by Staffs Police."
    )


def test_writer_pdfs_with_heading_rows(tmp_path: Path) -> None:
    extract(sorted(WRITER_HEADINGS.glob("*.pdf")), tmp_path)
    rolling = _of(tmp_path, "rolling_12_months", "001_4e0ea328a26b8980-writer-headings")
    crime = rolling[rolling.indicator.str.startswith("Committed Crime")]
    assert crime.set_index("quarter")[["change_pct", "change_abs"]].to_dict(
        "index"
    ) == {
        "Q1": {"change_pct": 15.0, "change_abs": 833.0},
        "Q2": {"change_pct": 15.0, "change_abs": 902.0},
    }
    scores = gold_scores(tmp_path)
    for table in ("documents", "rolling_12_months", "breakdowns", "status_summary"):
        assert scores[table]["f1"] == 1.0, table


@given(
    st.lists(st.text(max_size=30), max_size=6),
    st.lists(st.text(max_size=30), max_size=6),
)
def test_goes_on_takes_any_cells(foot: list[str], head: list[str]) -> None:
    on = goes_on(foot, head)
    assert isinstance(on, bool)
    assert not on or len(foot) == len(head)
