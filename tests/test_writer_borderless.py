"""Tables without rules whose cells are centred in their row: the samples as
LibreOffice Writer prints an HTML page whose table style it does not read
(`samples/pdf/build_writer.py --borderless`, tests/fixtures/writerborderless/).

Two things set this print apart. A row's lines are 10.5 pt apart and its
rows 13.3 pt, both under the 1.5 type sizes that make one printed line, so
the document's leading tells the rows apart (`geometry.leading`). And
neighbouring header cells are set 0.57 type sizes apart ("Target" "Q1"), as
near as words, so a joined header fragment is parted again where the body of
its table starts a column (`geometry.free_lines`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.layout.geometry import (
    Group,
    Run,
    free_lines,
    groups,
    leading,
    merged,
    visual_lines,
)
from extract.run import extract
from tests.conftest import ASB_HUB_002, gold_scores, rows_of

BORDERLESS = sorted(
    (Path(__file__).resolve().parent / "fixtures" / "writerborderless").glob("*.pdf")
)


@pytest.fixture(scope="module")
def borderless_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("borderless")
    extract(BORDERLESS, out)
    return out


def _of(out: Path, table: str, stem: str) -> pd.DataFrame:
    return rows_of(out, table, f"{stem}-writer-borderless.pdf")


def test_borderless_tables_are_read_with_few_wrong_values(borderless_out: Path) -> None:
    assert len(BORDERLESS) == 5
    scores = gold_scores(borderless_out)
    for table in ("documents", "rolling_12_months", "breakdowns"):
        assert scores[table]["f1"] == 1.0, table
    assert scores["status_summary"]["precision"] == 1.0
    values = scores["indicator_values"]
    # 002's "1.20% Average", broken where its narrow cell ends, is read whole
    # (tests/test_cut_words.py).
    assert (values["correct"], values["produced_fields"]) == (303, 303)
    assert values["gold_fields"] == 303
    actions = scores["actions"]
    # Every action field produced is right (000's new cemetery row has its Q3
    # mark, "$ \\ bigcirc$" as Writer sets it: tests/test_writer_pdfs.py), and
    # 000's actions whose text ends a blank line under their table are read.
    assert (actions["correct"], actions["produced_fields"]) == (96, 96)
    assert actions["gold_fields"] == 98


def test_a_header_set_close_to_the_next_is_parted_at_the_bodys_column(
    borderless_out: Path,
) -> None:
    # 002: "Target" and "Q1" are 5.1 pt apart at the foot of page 1; the
    # body on page 2 starts a column where "Q1" starts. Read as one header
    # cell, every quarter's value moved one quarter on (Q2 = Q1's 20).
    rows = _of(borderless_out, "indicator_values", "002_c2fd677fd2d5bf7c")
    asb = rows[(rows.indicator_id == "asb-complaints-hub") & (rows.measure == "actual")]
    got = asb.set_index(["financial_year", "period"])["value"].to_dict()
    assert got == ASB_HUB_002


def test_cover_sheet_rows_nearer_than_a_line_and_a_half_stay_apart(
    borderless_out: Path,
) -> None:
    # 003: the cover sheet's rows are 13.3 pt apart in 9 pt type; read as one
    # printed line, its labels ran together and no field was read.
    doc = _of(borderless_out, "documents", "003_23ba67851198ff7c").iloc[0]
    assert doc.report_of == "Head of Governance"
    assert doc.contact_officer == "R Lamond"
    assert doc.portfolio == "Community Safety"
    assert not doc.key_decision and doc.key_decision is not None
    assert doc.committee == "Community Safety Scrutiny Committee"


def test_a_header_with_its_first_cell_empty_takes_its_bodys_columns(
    borderless_out: Path,
) -> None:
    # 001: the grid's header prints nothing over the names, so its first
    # fragment, "Quarter 1", started its first column; the names and the
    # values under "Annual Target" were read a column off (160 as Q3).
    rows = _of(borderless_out, "indicator_values", "001_4e0ea328a26b8980")
    housing = rows[rows.indicator_id == "affordable-housing-additional"]
    got = housing.set_index(["period", "measure"])["value"].to_dict()
    assert got == {
        ("Q1", "actual"): 76.0,
        ("Q2", "actual"): 33.0,
        ("FY", "target"): 160,
    }
    # The breakdown rows under that header, and a row's cells printed after a
    # blank line under it, are read into their quarters.
    rows = _of(borderless_out, "breakdowns", "001_4e0ea328a26b8980")
    asb = rows[rows.indicator.str.contains("ASB Champion")]
    assert len(asb) == 16
    q1 = asb[asb.period == "Q1"].set_index(["dimension", "category"])["count"]
    assert q1.to_dict() == {
        ("case_status", "ongoing"): 15,
        ("case_status", "closed"): 6,
        ("referral_source", "Council"): 2,
        ("referral_source", "Police"): 4,
        ("referral_source", "Self"): 6,
        ("referral_source", "Other"): 3,
        ("victims", "identified"): 19,
        ("case_status", "declined"): 1,
    }


def test_rows_of_a_first_cell_alone_stay_in_their_table(borderless_out: Path) -> None:
    # 000: the new cemetery action prints its quarters' progress as rows of
    # the first cell alone ("Quarter 2", then its text), at the margin like a
    # paragraph but a row's gap under the row above: they are rows of the
    # table, and each quarter's progress is read.
    rows = _of(borderless_out, "actions", "000_af055924f554b2ff")
    cemetery = rows[rows.title == "Explore delivery options for a new cemetery site"]
    updates = _of(borderless_out, "action_updates", "000_af055924f554b2ff")
    got = updates[updates.item_id.isin(cemetery.item_id)].set_index("quarter")
    assert got.index.tolist() == ["Q2", "Q3", "Q4"]
    assert got.progress["Q2"].startswith("Core requirements have been drafted")
    assert got.progress["Q4"].startswith("Soft market testing undertaken")
    # And the AQMA action under it, with its Q1 rating printed as 5.
    aqma = rows[rows.title.str.startswith("Declare Air Quality Management Area")]
    assert len(aqma) == 1


def test_an_actions_last_text_a_blank_line_under_its_table_is_read_with_it(
    borderless_out: Path,
) -> None:
    # 000 prints the end of three actions' text as rows of the first cell
    # alone, a blank line under their table, at the margin: "Due to the
    # relocation … Q4 – Staffordshire Police …" (page 2), "The plan moving
    # forward …" (page 3) and four paragraphs of the Hate Crime Policy, each
    # wrapped at the first column's width and ending on a full stop.
    rows = _of(borderless_out, "actions", "000_af055924f554b2ff")
    updates = _of(borderless_out, "action_updates", "000_af055924f554b2ff")
    starts = {
        "Explore the feasibility of introducing charges for CCTV evidence": (
            "Staffordshire Police are going though a period of transformation"
        ),
        'Lead and roll-out the "Let\'s Work Together" project': (
            "This action is on hold until capacity within the partnership team"
        ),
        "Develop a District Wide Anti Social Behaviour & Hate Crime Policy": (
            "Feedback and comments have been received from WMT"
        ),
    }
    for title, q4 in starts.items():
        item = rows[rows.title.str.startswith(title)]
        assert len(item) == 1, title
        got = updates[updates.item_id.isin(item.item_id)].set_index("quarter")
        assert got.index.tolist() == ["Q1", "Q2", "Q3", "Q4"], title
        assert got.progress["Q4"].startswith(q4), title
    cctv = rows[rows.title.str.startswith("Explore the feasibility")].item_id
    marks = updates[updates.item_id.isin(cctv)].rating_symbol.tolist()
    assert marks == ["\\bigcirc"] * 4
    assert got.progress["Q3"].startswith("A draft ASB Policy has been circulated")
    # The Crime & Partnerships grid's five actions are all read.
    issues = _of(borderless_out, "issues", "000_af055924f554b2ff")
    mismatch = issues[issues.code == "summary_mismatch"].message
    assert not mismatch.str.contains("Crime & Partnerships").any()
    assert mismatch.str.contains("Environment").tolist() == [True]


def _margin(first: str, second: str) -> Group:
    """Two lines at the margin, a blank line under the table below."""
    return Group((_run(first, 36, 150), _run(second, 36, 160.5)), 150, 160.5, False)


def test_a_heading_or_a_short_note_under_a_table_is_no_row_of_it() -> None:
    # A table whose first column ends at x=300 (its second starts at 320).
    table = [
        Group((_run("Action & Progress Update", 36, 100), _run("Q1", 320, 100)),
              100, 100, True),
        Group((_run("Develop a District Wide Anti Social Behaviour", 36, 113),
               _run("and Hate Crime Policy in the year to March", 36, 123.5),
               _run("o", 320, 113)), 113, 123.5, True),
    ]  # fmt: skip
    sentences = _margin(
        "Feedback and comments have been received",
        "from all partners at a senior level.",
    )
    heading = _margin("Support", "Vulnerable People")
    note = _margin("Figures are provisional.", "See notes.")
    lines, _ = free_lines([*table, sentences], pitch=13)
    assert [line.tabbed for line in lines] == [True, True, True]
    assert lines[-1].cells[0].startswith("Feedback and comments")
    # Sentences wider than the column's own cells: a paragraph of its own
    # width, not a cell of the column.
    wider = _margin(
        "The Council's Cabinet will consider a report on the",
        "options at its meeting in July.",
    )
    assert wider.runs[0].x1 < 320
    for margin in (heading, note, wider):
        lines, _ = free_lines([*table, margin], pitch=13)
        assert [line.tabbed for line in lines] == [True, True, False]


def test_a_row_a_page_break_split_is_one_row_again(borderless_out: Path) -> None:
    # 001: "ASB Incidents Over Time (Variation) –" and the first half of its
    # quarters' cells at the foot of page 3, "Police data" and the rest at the
    # head of page 4, in the same columns.
    rows = _of(borderless_out, "rolling_12_months", "001_4e0ea328a26b8980")
    asb = rows[rows.indicator_id == "asb-incidents"].set_index("quarter")
    assert set(asb.indicator) == {"ASB Incidents Over Time (Variation) – Police data"}
    assert asb.loc["Q1", ["previous_12_months", "last_12_months"]].tolist() == [
        3235,
        2914,
    ]
    assert asb.loc["Q2", ["previous_12_months", "last_12_months"]].tolist() == [
        3108,
        3062,
    ]
    assert asb.change_pct.tolist() == [-10.0, -1.0]
    assert set(asb.page) == {4}


def _run(text: str, x0: float, base: float, size: float = 9.0) -> Run:
    return Run(text, x0, x0 + 0.55 * size * len(text), base, size)


def test_leading_is_the_smallest_common_gap_between_lines() -> None:
    # Wrapped lines 10.5 pt apart, rows 13.5 pt apart, a stray 10 pt gap once.
    bases = [100, 110.5, 121, 134.5, 145, 158.5, 169, 179.5, 193, 203]
    lines = visual_lines([_run("text", 36, b) for b in bases])
    assert leading([lines]) == {9.0: 10.5}
    assert leading([]) == {}
    # Gaps seen once each: none is the leading.
    assert leading([visual_lines([_run("a", 36, 100), _run("b", 36, 110.5)])]) == {}


def test_small_prints_leading_says_nothing_of_large_print() -> None:
    # 7 pt notes 8.5 pt apart, then an 11 pt paragraph 13.5 pt apart: each
    # size has its own leading, and the paragraph stays one printed line.
    small = [_run("note", 36, 100 + 8.5 * k, size=7.0) for k in range(4)]
    large = [_run("paragraph", 36, 160 + 13.5 * k, size=11.0) for k in range(4)]
    lines = visual_lines([*small, *large])
    spacing = leading([lines])
    assert spacing == {7.0: 8.5, 11.0: 13.5}
    found = groups(lines, margin=36, spacing=spacing)
    assert [len(g.runs) for g in found] == [4, 4]


def test_rows_over_a_leading_apart_are_printed_lines_of_their_own() -> None:
    lines = visual_lines(
        [
            _run("Report of:", 36, 100),
            _run("Head of Governance", 130, 100),
            _run("Contact Officer:", 36, 113.3),
            _run("R Lamond", 130, 113.3),
        ]
    )
    # A cover sheet's "Label:  value" lines are rows of their own even where
    # no leading tells (`geometry._labelled_rows`); other lines as near are
    # one printed line without it.
    assert len(groups(lines, margin=36)) == 2
    cells = visual_lines(
        [
            _run("Number of", 36, 100),
            _run("Head of Governance", 130, 100),
            _run("incidents", 36, 113.3),
            _run("R Lamond", 130, 113.3),
        ]
    )
    assert len(groups(cells, margin=36)) == 1
    assert len(groups(cells, margin=36, spacing={9.0: 10.5})) == 2
    rows, _ = free_lines(groups(lines, margin=36, spacing={9.0: 10.5}), pitch=10.5)
    assert [row.cells for row in rows] == [
        ("Report of:", "Head of Governance"),
        ("Contact Officer:", "R Lamond"),
    ]


def test_a_joined_header_is_parted_where_its_body_starts_a_column() -> None:
    target, q1 = _run("Target", 215, 100), _run("Q1", 249.5, 100)
    header = merged([_run("Name", 36, 100), target, q1])
    assert [r.text for r in header] == ["Name", "Target Q1"]
    assert header[1].parts == ((7, 249.5),)
    body = [_run("ASB", 36, 150), _run("N/A", 215, 150), _run("20", 249.5, 150)]
    # A blank line between: two tables, the body's columns telling the header's.
    found = [Group(tuple(header), 100, 100, True), Group(tuple(body), 150, 150, True)]
    lines, _ = free_lines(found, pitch=13)
    assert [line.cells for line in lines] == [
        ("Name", "Target", "Q1"),
        ("ASB", "N/A", "20"),
    ]


def test_a_word_at_a_column_of_a_table_with_other_columns_stays_joined() -> None:
    # The header's columns are not the body's and more ("Other" starts where
    # the body has none): the body's "Target Q1" is not parted at its "Q1".
    header = [_run("Name", 36, 100), _run("Other", 120, 100), _run("Q1", 250, 100)]
    joined = merged([_run("Target", 215, 150), _run("Q1", 249.5, 150)])
    found = [
        Group(tuple(header), 100, 100, True),
        Group((_run("ASB", 36, 150), *joined), 150, 150, True),
    ]
    lines, _ = free_lines(found, pitch=13)
    assert lines[-1].cells == ("ASB", "Target Q1")


def test_a_heading_at_the_margin_under_an_indented_table_is_no_row_of_it() -> None:
    found = groups(
        visual_lines(
            [
                _run("Indicator A", 90, 100),
                _run("12", 200, 100),
                _run("Housing Priority Delivery Plan", 72, 116),
            ]
        ),
        margin=72,
    )
    lines, _ = free_lines(found, pitch=13)
    assert [(line.cells, line.tabbed) for line in lines] == [
        (("Indicator A", "12"), True),
        (("Housing Priority Delivery Plan",), False),
    ]


def test_tables_apart_by_a_paragraph_keep_their_own_columns() -> None:
    # A 3-column table, a paragraph, then a 2-column table whose starts are
    # among the first's: nothing tells the second the first's columns.
    first = [_run("Name", 72, 100), _run("Q1", 200, 100), _run("Q2", 300, 100)]
    second = [_run("Other", 72, 160), _run("5", 300, 160)]
    found = [
        Group(tuple(first), 100, 100, True),
        Group((_run("A paragraph between", 72, 130),), 130, 130, False),
        Group(tuple(second), 160, 160, True),
    ]
    lines, _ = free_lines(found, pitch=13)
    assert [line.cells for line in lines] == [
        ("Name", "Q1", "Q2"),
        ("A paragraph between",),
        ("Other", "5"),
    ]


BORDERLESS_TEXT = BORDERLESS[0].parent.parent / "writerborderlesstext"


def test_text_of_the_borderless_print_reports_cut_names(tmp_path: Path) -> None:
    # `pdftotext -layout` and plain `pdftotext` of the five PDFs: a name cell
    # centred beside its values prints above and below them, so most rows
    # are reported. What is read under a name cut mid-phrase is reported
    # instead ("Percentage of" 47.5%, milestones "Award Contract to").
    texts = sorted(BORDERLESS_TEXT.glob("*.txt"))
    assert len(texts) == 10
    extract(texts, tmp_path)
    scores = gold_scores(tmp_path)
    assert scores["documents"]["f1"] == 1.0
    # Known wrong: a name centred on its values whose middle line reads as a
    # whole name, read on under the grid's header past a row left unread
    # (002-layout "Reduction Act" 1.20%, 000-layout "CACH data").
    values = scores["indicator_values"]
    assert (values["correct"], values["produced_fields"]) == (9, 12)
    issues = pd.read_parquet(tmp_path / "issues.parquet")
    cut = issues[issues.message.str.contains("cut mid-phrase")]
    # 000-layout line 132, "Hate Crime –", and another, their cells now cut
    # apart where the line's other cells tell.
    assert len(cut) == 41
    assert set(cut.code) == {"unparsed_block"}
    facts = pd.read_parquet(tmp_path / "indicator_values.parquet")
    assert "Percentage of" not in set(facts.indicator)


def test_a_status_column_whose_label_is_cut_off_is_reported(
    borderless_out: Path,
) -> None:
    # 000's last status grid: "No" of "No Rating" printed on the page before,
    # so its "0" / "0%" stand under "Rating" alone, which names no category.
    issues = _of(borderless_out, "issues", "000_af055924f554b2ff")
    said = issues[issues.code == "unknown_status_label"]
    assert list(zip(said.page, said.line, strict=True)) == [(4, 2)]
    assert said.message.item().endswith('"(no label)" = 0, 0%')
    grid = _of(borderless_out, "status_summary", "000_af055924f554b2ff")
    assert len(grid[grid.page == 4]) == 4
