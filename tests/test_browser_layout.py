"""Layout text of the samples printed by a browser (`pdftotext -layout` of
samples/pdf/*-browser.pdf): columns overflow one another, so a cell whose
column cannot be told is left unread and reported, never placed by guess."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from extract.layout.pages import pages_of, running_lines
from extract.readers import read_path
from extract.run import extract
from tests.conftest import S000, S001, S002, S003, SAMPLES

TEXTS = SAMPLES / "text"
NOT_PLACED = "which column it belongs to cannot be told"


def _name(sample: str) -> str:
    return sample.removesuffix(".txt") + "-browser-layout.txt"


@pytest.fixture(scope="module")
def browser_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser-layout")
    extract(sorted(TEXTS.glob("*-browser-layout.txt")), out)
    return out


@pytest.fixture(scope="module")
def browser(browser_dir: Path) -> Callable[[str], pd.DataFrame]:
    docs = pd.read_parquet(browser_dir / "documents.parquet")
    files = dict(zip(docs["doc_id"], docs["source_path"].map(_base), strict=True))

    def load(name: str) -> pd.DataFrame:
        df = pd.read_parquet(browser_dir / f"{name}.parquet")
        df["file"] = df["doc_id"].map(files)
        return df

    return load


def _base(path: str) -> str:
    return Path(path).name


def _milestones(browser: Callable[[str], pd.DataFrame]) -> pd.DataFrame:
    actions = browser("actions")
    updates = browser("action_updates")
    rated = updates[updates.rating_symbol.notna()]
    marks = (
        (rated.quarter + "=" + rated.rating_symbol).groupby(rated.item_id).agg(";".join)
    )
    out = actions[(actions.file == _name(S002)) & (actions.kind == "milestone")]
    return out.assign(marks=out.item_id.map(marks))


def test_marks_under_their_label_are_read(
    browser: Callable[[str], pd.DataFrame],
) -> None:
    # Line 152 prints "Q1 Q2 Q3 Q4" at 101-111; the mark of line 153 is at 101.
    # Line 278's labels are at 103-113; line 279's mark at 106 is under "Q2".
    m = _milestones(browser).set_index("title")
    got = {
        t: (m.loc[t, "line_start"], m.loc[t, "marks"])
        for t in (
            "Identify & Promote One Good News Story",
            "Appoint Preferred Provider",
            "Participate in Green Flag Inspections and Assessments",
            "Green Flag Awards",
            "Finalise Design – new toilet facilities",
            "Procurement and Contract Award",
        )
    }
    assert got == {
        "Identify & Promote One Good News Story": (153, "Q1=✓"),
        "Appoint Preferred Provider": (235, "Q1=✓"),
        "Participate in Green Flag Inspections and Assessments": (279, "Q2=✓"),
        "Green Flag Awards": (284, "Q2=✓"),
        "Finalise Design – new toilet facilities": (289, "Q1=✓"),
        "Procurement and Contract Award": (292, "Q2=✓"),
    }


def test_marks_between_labels_are_read_by_their_order_on_the_page(
    browser: Callable[[str], pd.DataFrame],
) -> None:
    # Page 2 prints "Q1 Q2 Q3 Q4" at 101-111 and its marks at 101, 106, 113
    # and 117; page 4 its labels at 103-113 and its marks at 103, 106-107,
    # 111 and 115: the quarters in order.
    m = _milestones(browser).set_index("line_start")
    got = {k: m.loc[k, "marks"] for k in (159, 163, 170, 174, 180, 263, 268, 316, 318)}
    assert got == {
        159: "Q2=✓",
        163: "Q4=✓",
        170: "Q2=✓",
        174: "Q3=✓",
        180: "Q4=✓",
        263: "Q4=✓",
        268: "Q3=✓",
        316: "Q3=✓",
        318: "Q4=✓",
    }
    assert m.loc[318, "title"] == "Commence scheme"


def test_marks_a_page_does_not_place_are_reported_not_read(
    browser: Callable[[str], pd.DataFrame],
) -> None:
    # Page 3 prints its marks at 96, 103, 105 and 111 (a Q1, a Q1, a Q2 and a
    # Q4): no four places apart. Page 5's two marks at 69 are under no label.
    titles = set(_milestones(browser).title)
    assert not titles & {
        "Evaluate success of the Project",
        "Appoint additional Tenancy Sustainment Officer resources (37hrs pw)",
    }
    issues = browser("issues")
    unread = issues[
        (issues.file == _name(S002)) & issues.message.str.contains(NOT_PLACED)
    ]
    assert set(unread.code) == {"unparsed_block"}
    spans = [m.split(": ")[0].rsplit(":", 1)[1] for m in unread.message]
    # Lines 188-195 are read, as the gold has them: line 190's "and
    # strategies" starts the Milestone(s) cell ("Benchmark our current
    # policies and strategies with nationally …"). So are lines 96-106 and
    # 286-288, their cells run together cut where the line's other cells
    # tell (`test_cells_run_together_are_cut_where_the_line_tells`).
    assert spans == ["242-262", "311-315", "328-336"]


def test_cells_run_together_are_cut_where_the_line_tells(
    browser: Callable[[str], pd.DataFrame],
) -> None:
    # 002 lines 96-106, the HRA row: "further case further case Average"
    # (line 97) goes on from "further case" beside it, "progressed to
    # progressed to" (98) prints one wording twice, "2 out of 115 3 out of
    # 162" (101) two alike. Line 287: "Hednesford Park for completion in Q2",
    # "Hednesford Park" as the line's Key Project cell prints it.
    values = browser("indicator_values")
    hra = values[(values.file == _name(S002)) & (values.line_start == 96)]
    assert set(hra.indicator_id) == {"homelessness-main-duty"}
    got = hra.set_index(["financial_year", "period"])
    assert got.value.dropna().to_dict() == {
        ("2018/19", "Q1"): 0.0,
        ("2018/19", "Q2"): 1.22,
        ("2018/19", "Q3"): 1.74,
        ("2018/19", "Q4"): 1.85,
        ("2018/19", "FY"): 1.2,
    }
    assert got.qualifier.dropna().to_dict() == {
        ("2018/19", "Q3"): "cumulative",
        ("2018/19", "Q4"): "cumulative",
        ("2018/19", "FY"): "average",
    }
    book = _milestones(browser)
    book = book[book.title == "Produce Hednesford Park book and CD"]
    assert book.key_project.tolist() == [
        "Continue to deliver Hednesford Park (IHLF) project"
    ]
    assert book.progress.tolist() == [
        "CD produced and booklet drafted for completion in Q2"
    ]


def test_a_wrapped_title_line_does_not_start_an_action(
    browser: Callable[[str], pd.DataFrame],
) -> None:
    actions = browser("actions")
    titles = list(actions[actions.file == _name(S000)].title)
    assert not [t for t in titles if t.startswith("requested by")]
    # 001's line 185: its outcomes go on with "<p>The programme will be
    # designed to deliver against the" above them.
    titles_001 = list(actions[actions.file == _name(S001)].title)
    assert not [t for t in titles_001 if t.startswith("The theme")]


def _spans(issues: pd.DataFrame, sample: str) -> list[str]:
    unread = issues[
        (issues.file == _name(sample)) & issues.message.str.contains(NOT_PLACED)
    ]
    return [m.split(": ")[0].rsplit(":", 1)[1] for m in unread.message]


def test_cells_run_together_are_reported_not_read(
    browser: Callable[[str], pd.DataFrame],
) -> None:
    # 000's header line 33 prints "Annual Annual Target": its cells overflow.
    # The ASB row (lines 39-62) runs its quarters' words together where no
    # wording they share tells the cells apart: its cells are not read (they
    # gave Q1's figures as Q2's), nor are the Hate Crime rows'; only the ASB
    # row's quarter blocks are, by their figures' arithmetic
    # (`rolling12.arithmetic`, test_rolling_arithmetic.py).
    assert _spans(browser("issues"), S000) == [
        "39-62",
        "70-75",
        "79-93",
        "282-283",
        "285-286",
    ]
    rolling = browser("rolling_12_months")
    assert set(rolling[rolling.file == _name(S000)].indicator_id) == {
        "committed-crime",
        "asb-incidents",
    }
    breakdowns = browser("breakdowns")
    assert breakdowns[breakdowns.file == _name(S000)].empty


def test_quarter_cells_run_together_are_cut_by_their_shared_wording(
    browser: Callable[[str], pd.DataFrame],
) -> None:
    # 000 lines 14-30, the Committed Crime row: line 18 "5,673 Last 12 5,828
    # Last" runs over the Quarter 2 column, where "12" and "5,828" both start
    # near it: "5,828 Last" prints as the row's other quarters do ("5,967
    # Last"). Lines 19 and 22 print one wording once a quarter ("12 Months =
    # 12 Months = …"), which drift alone cut at the wrong repeat. The
    # quarter labels of line 14 are a row of their own, and its blocks go on
    # below them.
    rolling = browser("rolling_12_months")
    crime = rolling[
        (rolling.file == _name(S000)) & (rolling.indicator_id == "committed-crime")
    ].sort_values("quarter")
    got = crime[["quarter", "previous_12_months", "last_12_months", "change_abs"]]
    assert got.values.tolist() == [
        ["Q1", 5673, 6506, 833],
        ["Q2", 5828, 6730, 902],
        ["Q3", 5967, 6782, 815],
        ["Q4", 6318, 6577, 259],
    ]
    assert crime.change_pct.tolist() == [15.0, 15.0, 14.0, 4.0]
    assert set(crime.direction) == {"increase"}
    assert crime.as_of_date.astype(str).tolist() == [
        "2017-07-24",
        "2017-10-10",
        "2018-01-19",
        "2018-04-17",
    ]
    assert set(crime.line_start) == {14}


def test_a_share_wrapped_under_its_count_is_read_with_it(
    browser: Callable[[str], pd.DataFrame],
) -> None:
    # 002 lines 9-10: "… 0 (0%)   12" over "(100%)".
    status = browser("status_summary")
    totals = status[(status.file == _name(S002)) & (status.category == "total")]
    got = [
        tuple(r) for r in totals[["period", "count", "percent", "line_start"]].values
    ]
    assert got == [("Q4", 12.0, 100.0, 9), ("FY", 32.0, 100.0, 18)]


def test_header_text_and_list_items_do_not_start_actions(
    browser: Callable[[str], pd.DataFrame],
) -> None:
    actions = browser("actions")
    titles = set(actions[actions.file == _name(S000)].title)
    # 000 line 259 "and Action & Progress Update" goes on with line 258's header.
    assert not [t for t in titles if t.startswith("and Action")]
    assert "Explore delivery options for a new cemetery site" in titles
    # 001 line 196: the outcomes above end on a list's bullet ("… expectations •").
    titles_001 = set(actions[actions.file == _name(S001)].title)
    assert not [t for t in titles_001 if t.startswith("Partners will")]


def test_an_unread_row_is_marked_so_in_the_document() -> None:
    doc = read_path(TEXTS / _name(S002))
    unread = [(r.line_start, r.line_end) for r in doc.rows if r.unread]
    assert unread[:3] == [(242, 246), (247, 253), (254, 262)]
    assert all(not r.flat for r in doc.rows if r.unread)


def test_a_mark_just_before_a_label_in_another_column_is_reported(
    browser: Callable[[str], pd.DataFrame],
) -> None:
    # 000 line 282 prints "5" three characters before "Q1", in the Outcomes
    # column, and no mark under "Q2", "Q3" or "Q4".
    actions = browser("actions")
    titles = list(actions[actions.file == _name(S000)].title)
    assert not [t for t in titles if t.startswith("Declare Air")]
    # The cemetery action above the unread row keeps its Quarter 4 text.
    updates = browser("action_updates")
    cemetery = actions[actions.title.str.contains("new cemetery site")].item_id
    got = updates[updates.item_id.isin(cemetery) & updates.progress.notna()]
    assert list(got.quarter) == ["Q2", "Q3", "Q4"]


def test_an_action_whose_text_may_go_on_in_prose_is_reported_not_read(
    tmp_path: Path,
) -> None:
    # 000's first page alone ends in lines 135-138, "… Q4 – Staffordshire
    # Police …" as prose after blank lines: the action above (lines 117-132)
    # may go on there, and no table follows to say it does.
    lines = (TEXTS / _name(S000)).read_text(encoding="utf-8").split("\n")
    page = tmp_path / "000-first-page-browser-layout.txt"
    page.write_text("\n".join(lines[:138]) + "\n", encoding="utf-8")
    extract([page], tmp_path / "out")
    issues = pd.read_parquet(tmp_path / "out" / "issues.parquet")
    unread = issues[issues.message.str.contains("action not read")]
    assert [m.split(": ")[0].rsplit(":", 1)[1] for m in unread.message] == ["117-132"]
    actions = pd.read_parquet(tmp_path / "out" / "actions.parquet")
    assert not [t for t in actions.title if t.startswith("Explore the feasibility")]


def test_a_header_repeated_at_a_page_top_goes_on_with_the_table() -> None:
    # 000 prints "Action & Progress Update  Outcomes  Q1 …" over "Rating …"
    # as the first lines of pages 2 and 3 (lines 139-140, 210-211): the table
    # goes on below them, they are no running header.
    lines = (TEXTS / _name(S000)).read_text(encoding="utf-8").split("\n")
    clean = [line.replace("\f", "") for line in lines]
    assert running_lines(clean, pages_of(lines)) == set()


def test_actions_after_a_repeated_header_are_read(
    browser: Callable[[str], pd.DataFrame],
) -> None:
    actions, updates = browser("actions"), browser("action_updates")
    mine = actions[actions.file == _name(S000)].set_index("item_id")
    progress = updates[updates.item_id.isin(mine.index) & updates.progress.notna()]
    rated = updates[updates.item_id.isin(mine.index) & updates.rating_symbol.notna()]
    got = {
        mine.title[i][:40]: (
            int(mine.line_start[i]),
            ";".join(progress[progress.item_id == i].quarter),
            ";".join(rated[rated.item_id == i].quarter),
        )
        for i in mine.index
    }
    assert got == {
        "Explore the feasibility of introducing c": (117, "Q1;Q2;Q3;Q4", "Q1;Q2;Q3;Q4"),
        "Explore offer from West Midlands CA (Tra": (141, "Q1;Q2;Q3;Q4", ""),
        "Lead and roll-out the \"Let's Work Togeth": (149, "Q1;Q2;Q3;Q4", ""),
        "Develop a District Wide Anti Social Beha": (173, "Q1;Q2;Q3;Q4", ""),
        "Raise awareness of the Community Trigger": (212, "Q1;Q2;Q3;Q4", "Q1;Q2"),
        "Explore delivery options for a new cemet": (260, "Q2;Q3;Q4", "Q2;Q3"),
    }


def test_a_nested_tables_figure_in_a_rating_column_is_no_mark(
    browser: Callable[[str], pd.DataFrame],
) -> None:
    """001's HRA Capital Programme prints a nested table of spend whose "275"
    runs into the Q3 rating column (line 46): a figure, not a symbol."""
    actions, updates = browser("actions"), browser("action_updates")
    hra = actions[(actions.file == _name(S001)) & actions.title.str.contains("HRA")]
    (item_id,) = hra.item_id
    rated = updates[(updates.item_id == item_id) & updates.rating_symbol.notna()]
    assert rated.empty
    issues = browser("issues")
    assert not issues[issues.message.str.contains('symbol "275"', regex=False)].size


def test_values_listed_in_one_cell_stay_with_their_row(
    browser: Callable[[str], pd.DataFrame],
) -> None:
    # 000 lines 252-253 list "2017.18 – 425" over "2016.17 - 484" in the
    # fly-tipping row's target cell.
    values = browser("indicator_values")
    fly = values[
        (values.file == _name(S000)) & values.indicator.str.contains("fly tipping")
    ]
    got = fly[fly.period == "FY"][["financial_year", "measure", "value"]]
    assert ("2016/17", "actual", 484.0) in set(map(tuple, got.values))


def test_a_row_that_goes_on_after_a_page_break_keeps_its_columns(
    browser: Callable[[str], pd.DataFrame],
) -> None:
    # 001 line 152 goes on with the ASB Champion row of the page before, its
    # Quarter 1 and 2 text at 33 and 104 where that page printed them at 42
    # and 83: the columns the row filled, in order (the Quarter 2 text went
    # to the last column, "Target Achieved / Trend").
    rows = browser("breakdowns")
    mine = rows[(rows.file == _name(S001)) & (rows.period == "Q2")]
    got = {
        (r.dimension, r.category): (int(r["count"]), int(r.line_start))
        for _, r in mine.iterrows()
        if r.indicator_id == "asb-champion-referrals"
    }
    assert got == {
        ("case_status", "ongoing"): (13, 145),
        ("case_status", "closed"): (13, 145),
        ("referral_source", "Council"): (6, 145),
        ("referral_source", "Police"): (1, 145),
        ("referral_source", "Self"): (5, 152),
        ("referral_source", "Other"): (0, 152),
        ("victims", "identified"): (19, 152),
        ("case_status", "declined"): (2, 152),
    }


def test_a_mark_run_into_the_text_before_it_is_read_with_a_mark_under_each_label(
    browser: Callable[[str], pd.DataFrame],
) -> None:
    # 003 line 143 ends its outcomes "… front line staff ▶" one character
    # before "Q1" (98) and prints "▶" under "Q2" (105): a mark for each label.
    assert _spans(browser("issues"), S003) == []
    actions, updates = browser("actions"), browser("action_updates")
    lead = actions[
        (actions.file == _name(S003)) & actions.title.str.startswith("Lead and roll")
    ]
    assert list(lead.line_start) == [143]
    rated = updates[updates.item_id.isin(lead.item_id) & updates.rating_symbol.notna()]
    assert list(zip(rated.quarter, rated.rating_symbol, strict=True)) == [
        ("Q1", "▶"),
        ("Q2", "▶"),
    ]
