"""Action tables: "Action & Progress Update | Outcomes | Q1 Rating … Q4 Rating"."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from extract.blocks import blocks_of
from extract.context import Context
from extract.document import Document
from extract.recognisers.actions import action_table, quarter_labels
from tests.conftest import (
    S000,
    S001,
    S002,
    S003,
    S004,
    SAMPLES,
    assert_read_as_printed,
    printed_otherwise,
    rows_of,
    synthetic,
)

Loader = Callable[[str], pd.DataFrame]
CCTV_HOLD = (
    "This action is on hold until the procurement of the new CCTV Control Room "
    "has been completed."
)


@pytest.fixture(scope="module")
def actions(table: Loader) -> pd.DataFrame:
    frame = table("actions")
    return frame[frame["kind"] == "action"]


@pytest.fixture(scope="module")
def updates(table: Loader) -> pd.DataFrame:
    return table("action_updates")


def _action(actions: pd.DataFrame, file: str, line: int) -> pd.Series:
    return actions[(actions["file"] == file) & (actions["line_start"] == line)].iloc[0]


def _quarters(updates: pd.DataFrame, item_id: str) -> dict[str, str]:
    mine = updates[(updates["item_id"] == item_id) & updates["progress"].notna()]
    return dict(zip(mine["quarter"], mine["progress"], strict=True))


@pytest.mark.parametrize(
    "file, plan, count",
    [
        (S000, "Crime & Partnerships Priority Delivery Plan", 5),
        # The Environment grid counts 3 actions; only 2 are printed.
        (S000, "Environment Priority Delivery Plan", 2),
        # Matches its summary grid: 8 on target, 0 in every other column.
        (S001, "Housing, Crime and Partnerships Priority Delivery Plan", 8),
        (S003, "Cleaner and Safer Environment Priority Delivery Plan", 2),
    ],
)
def test_actions_per_plan(
    actions: pd.DataFrame, file: str, plan: str, count: int
) -> None:
    mine = actions[actions["file"] == file]
    assert (mine["plan"] == plan).sum() == count


def test_no_actions_without_action_tables(actions: pd.DataFrame) -> None:
    assert set(actions["file"]) == {S000, S001, S003}
    assert not (actions["file"].isin([S002, S004])).any()


def test_001_count_matches_summary_grid(actions: pd.DataFrame, table: Loader) -> None:
    grid = table("status_summary")
    grid = grid[(grid["file"] == S001) & (grid["scope"] == "actions")]
    on_target = grid[grid["category"] == "on_target"]["count"].item()
    assert on_target == 8 == (actions["file"] == S001).sum()


def test_titles_in_print_order(actions: pd.DataFrame) -> None:
    titles = list(actions[actions["file"] == S000]["title"])
    assert titles == [
        "Explore the feasibility of introducing charges for CCTV evidence requested "
        "by Staffordshire Police and insurance companies",
        "Explore offer from West Midlands CA (Transport for WM) re CCTV provision",
        'Lead and roll-out the "Let\'s Work Together" project across the District',
        "Develop a District Wide Anti Social Behaviour & Hate Crime Policy",
        "Raise awareness of the Community Trigger by providing workshops for staff, "
        "members and partners.",
        "Explore delivery options for a new cemetery site",
        "Declare Air Quality Management Area (AQMA) no. 3 Five Ways Island, Heath "
        "Hayes.",
    ]


def test_plain_cell_title_and_quarters(
    actions: pd.DataFrame, updates: pd.DataFrame
) -> None:
    # samples/000 line 38: title and "Q1 – … Q2 - … Q3 - … Q4 – …" run together.
    row = _action(actions, S000, 38)
    assert row["outcomes"] == "FRP option"
    assert row["progress"].startswith("Q1 – This action is on hold")
    assert _quarters(updates, row["item_id"]) == {
        "Q1": CCTV_HOLD,
        "Q2": CCTV_HOLD,
        "Q3": CCTV_HOLD,
        "Q4": "This action is on hold until capacity has been found to carry forward "
        "this action.",
    }


def test_text_after_page_break_continues_its_quarter(
    actions: pd.DataFrame, updates: pd.DataFrame
) -> None:
    # samples/000 line 36 continues Q3 across a blank line before its "Q4 –".
    row = _action(actions, S000, 30)
    assert (row["line_start"], row["line_end"]) == (30, 36)
    texts = _quarters(updates, row["item_id"])
    assert texts["Q3"].endswith(
        "December 2017 – 27 Due to the relocation of the CCTV Control Room progress "
        "on identifying the cost of these reviews has been delayed."
    )
    assert texts["Q4"] == (
        "Staffordshire Police are going though a period of transformation which is "
        "now delaying this."
    )


def test_quarter_heading_rows(actions: pd.DataFrame, updates: pd.DataFrame) -> None:
    # samples/000 lines 70-77: "Quarter 2" alone above its text; the unlabelled
    # first paragraph belongs to the action's progress only.
    row = _action(actions, S000, 70)
    assert row["line_end"] == 77
    assert row["progress"].startswith("There are no actions due in the first quarter")
    texts = _quarters(updates, row["item_id"])
    assert sorted(texts) == ["Q2", "Q3", "Q4"]
    assert texts["Q4"] == (
        "Soft market testing undertaken in February 2018 and outcomes reported to "
        "Health, Culture and Environment Scrutiny Committee in March 2018"
    )


def test_one_label_for_three_quarters(
    actions: pd.DataFrame, updates: pd.DataFrame
) -> None:
    # samples/000 line 80: "Quarters 2, 3 and 4 - …" applies to each of them.
    row = _action(actions, S000, 78)
    none_due = "There are no specific actions identified in these quarters."
    assert _quarters(updates, row["item_id"]) == {
        "Q1": "AQMA to be declared and operational",
        "Q2": none_due,
        "Q3": none_due,
        "Q4": none_due,
    }


def test_paragraph_cell(actions: pd.DataFrame, updates: pd.DataFrame) -> None:
    # samples/001 line 66: <p>title</p> <p>Q1 - …</p> <p>38 partners …</p> <p>Q2 – …</p>
    row = _action(actions, S001, 66)
    assert row["title"] == (
        "Lead and roll-out the “Let’s Work Together” project across the District"
    )
    assert row["outcomes"] == (
        "The programme will be designed to deliver against the Cannock Chase LSP "
        "priorities."
    )
    texts = _quarters(updates, row["item_id"])
    assert sorted(texts) == ["Q1", "Q2"]
    assert texts["Q1"].endswith(
        "Chase Community Partnership. 38 partners attended the event, many of which "
        "promoted their organisations in the marketplace."
    )


def test_paragraph_row_after_page_break(
    actions: pd.DataFrame, updates: pd.DataFrame
) -> None:
    # samples/001 line 69 is the ASB policy's Q2 text continued after a blank line.
    row = _action(actions, S001, 67)
    assert row["line_end"] == 69
    q2 = updates[(updates["item_id"] == row["item_id"]) & (updates["quarter"] == "Q2")]
    assert (q2["line_start"].item(), q2["line_end"].item()) == (67, 69)
    assert (
        q2["progress"]
        .item()
        .endswith(
            "raising greater awareness amongst partners to assist with evidencing "
            "breaches."
        )
    )


def test_unlabelled_progress_has_no_quarters(
    actions: pd.DataFrame, updates: pd.DataFrame
) -> None:
    # samples/001 line 28 says "During Q2 there were 10 completions": not a label.
    row = _action(actions, S001, 28)
    assert row["title"] == (
        "Progress the redevelopment of the Reema flats on the Moss Road Estate, "
        "Chadsmoor"
    )
    assert row["progress"].startswith("Scheme has progressed well")
    assert (updates["item_id"] == row["item_id"]).sum() == 0


def test_nested_table_cells_are_not_ratings(
    actions: pd.DataFrame, updates: pd.DataFrame
) -> None:
    # samples/001 line 36 repeats its HTML table as 21 tab cells before Outcomes.
    row = _action(actions, S001, 36)
    assert row["outcomes"].startswith("Meet the needs and aspirations of the Council's")
    assert (updates["item_id"] == row["item_id"]).sum() == 0


def test_bullet_list_row_continues_action(
    actions: pd.DataFrame, updates: pd.DataFrame
) -> None:
    # samples/003 line 120: a <ul> spilt onto its own row; line 121 "---" ends the
    # table.
    row = _action(actions, S003, 118)
    assert row["line_end"] == 120
    assert row["progress"].endswith("Olive Branch Training - Isolation Training")
    mine = updates[updates["item_id"] == row["item_id"]]
    assert list(
        zip(mine["quarter"], mine["rating_symbol"], mine["rating"], strict=True)
    ) == [
        ("Q1", "▶", "on_target"),
        ("Q2", "▶", "on_target"),
    ]
    assert mine["progress"].isna().all()


def test_item_ids_are_ordinals(actions: pd.DataFrame) -> None:
    mine = actions[actions["file"] == S000]
    doc_id = mine["doc_id"].iloc[0]
    assert list(mine["item_id"]) == [f"{doc_id}:{n}" for n in range(1, 8)]


def test_theme_of_action(actions: pd.DataFrame) -> None:
    assert _action(actions, S001, 36)["theme"] == (
        "Improving the Council's social housing stock and raising standards in the "
        "private rented sector"
    )


@pytest.mark.parametrize(
    "text, quarters",
    [
        ("Q1 – This action has not been progressed", (1,)),
        ("Q2 - The level of information", (2,)),
        ("Quarter 1 – AQMA to be declared and operational", (1,)),
        ("Quarters 2, 3 and 4 - There are no specific actions", (2, 3, 4)),
        ("During Q2 the level of information requested", None),
        ("training to be schedule Q3. Q2 - Identified", (2,)),
        ("soft market testing during Quarter 4.", None),
        ("slipped from Q1 - Q2 of next year", None),
    ],
)
def test_quarter_labels(text: str, quarters: tuple[int, ...] | None) -> None:
    m = quarter_labels.LABEL.search(text)
    got = tuple(int(d) for d in (m["q"] or m["qs"]) if d.isdigit()) if m else None
    assert got == quarters


@pytest.mark.parametrize(
    "text, quarters",
    [
        ("April–June: Scheme launched in May", (1,)),
        ("Apr – Jun: Audit of 64 cameras completed.", (1,)),
        ("July–September: Street marshals deployed", (2,)),
        ("Oct – Dec: Funding bid submitted", (3,)),
        ("January–March 2019: Evaluated", (4,)),
        ("April – September: Two quarters in one", (1, 2)),
        ("Q1 update – Sessions delivered in 6 primary schools.", (1,)),
        ("Quarter 1 update: Consultation closed", (1,)),
        ("Q2/Q3 – Assessment drafted and agreed", (2, 3)),
        ("Q1-Q3 – Campaign materials were prepared", (1, 2, 3)),
        ("Q1 – Q3: Co-location agreed", (1, 2, 3)),
        ("During Q2 the scheme coordinator left", None),
        ("deferred to Q4 to coincide with the county campaign", None),
        ("start on site expected in Q1 2019/20.", None),
        ("slipped from Q1 - Q2 of next year", None),
        ("Between April and June the scheme ran", None),
        ("July–September", (2,)),
        ("Quarter One – AQMA to be declared and operational", (1,)),
        ("Quarters two and three - Consultation", (2, 3)),
        ("Qtr 2: Scheme launched", (2,)),
        ("Qtrs 3 & 4 - Evaluated", (3, 4)),
        ("Quarter Three", (3,)),
        ("Someone said one - two", None),
        ("Quarter two-thirds of the budget", None),
    ],
)
def test_quarter_label_variants(text: str, quarters: tuple[int, ...] | None) -> None:
    assert quarter_labels.leading_quarters(text) == quarters


@pytest.mark.parametrize(
    "text, texts",
    [
        # "Q2/" is part of the second label, not the end of the Q1 text.
        (
            "Q1 – Partnership priorities reviewed. Q2/Q3 – Plan approved.",
            {
                "Q1": "Partnership priorities reviewed.",
                "Q2": "Plan approved.",
                "Q3": "Plan approved.",
            },
        ),
        (
            "Q1-Q3 – Launch deferred to Q4 to coincide with the county campaign.",
            {
                q: "Launch deferred to Q4 to coincide with the county campaign."
                for q in ("Q1", "Q2", "Q3")
            },
        ),
        # A range inside a sentence is no label; "Q3 –" after it still is.
        ("Work slipped from Q1 - Q2. Q3 – Done.", {"Q3": "Done."}),
        (
            "Apr – Jun: Audit done. Jul – Sep: Report written. Oct – Dec: Bid sent.",
            {"Q1": "Audit done.", "Q2": "Report written.", "Q3": "Bid sent."},
        ),
        (
            "Quarter 1: Policy agreed. Q2 update – Launched.",
            {"Q1": "Policy agreed.", "Q2": "Launched."},
        ),
        # A word the hyphen joins is no label: the text stays Q2's.
        (
            "Q2 – We paid this quarter one-off grants, two-thirds of them "
            "in Quarter Four-year deals.",
            {
                "Q2": "We paid this quarter one-off grants, two-thirds of them "
                "in Quarter Four-year deals."
            },
        ),
    ],
)
def test_quarter_texts_of_label_variants(text: str, texts: dict[str, str]) -> None:
    para = quarter_labels.Para(text, None, 1, 1)
    got = quarter_labels.quarter_texts([para])
    assert {t.quarter: t.text for t in got} == texts


@pytest.mark.parametrize(
    "text, bare",
    [
        ("Quarter 2", True),
        ("Quarter 4", True),
        ("Quarter 2 – x", False),
        ("Quarter Two", True),
        ("Qtr 2", True),
    ],
)
def test_bare_quarter_heading(text: str, bare: bool) -> None:
    assert bool(quarter_labels.BARE_LABEL.match(text)) is bare


def test_every_action_starts_after_a_header(
    sample_doc: Callable[[str], tuple[Document, Context]],
) -> None:
    doc, ctx = sample_doc(S000)
    starts = [d.line_start for d in action_table.parse(doc, ctx)]
    assert starts == [30, 38, 39, 43, 50, 70, 78]


# Synthetic excerpts: the layouts other reports of the family print.
T = "\t"
PLAN_LINE = "Environment Priority Delivery Plan 2017-18 Quarter 3 Performance Update"
OBJECTIVE = [
    "Strategic Objective\t\t\t\t\t",
    "Striving for cleaner, greener and attractive public environments\t\t\t\t\t",
]
CEMETERY = T.join(
    [
        "Explore delivery options for a new cemetery site Q1 – Scoping done. "
        "Q2 - Drafted requirements. Q3 - Soft market testing",
        "New cemetery",
        "▶",
        "▶",
        "✓",
        "",
    ]
)
AQMA = T.join(
    [
        "Declare Air Quality Management Area no. 3 Q1 – Declared. Q2 - Monitoring.",
        "Cleaner air",
        "▶",
        "",
        "",
        "",
    ]
)
STATUS_LABELS = T.join(
    [
        "Project completed",
        "Project on target",
        "Project Timeline/scope/target date requires attention",
        "Project aborted/ closed",
        "No Rating",
    ]
)


def _parsed(lines: list[str]) -> tuple[Document, Context]:
    return synthetic(lines)


def _drafts(lines: list[str]) -> list[tuple[str, dict[str, str], list[str]]]:
    """(title, quarter texts, "Qn=symbol" marks) of each action in the excerpt."""
    doc, ctx = _parsed([PLAN_LINE, "", *OBJECTIVE, *lines])
    return [
        (
            d.title,
            {t.quarter: t.text for t in d.texts},
            [f"{m.quarter}={m.raw}" for m in d.marks],
        )
        for d in action_table.parse(doc, ctx)
    ]


TWO_ACTIONS = [
    (
        "Explore delivery options for a new cemetery site",
        {
            "Q1": "Scoping done.",
            "Q2": "Drafted requirements.",
            "Q3": "Soft market testing",
        },
        ["Q1=▶", "Q2=▶", "Q3=✓"],
    ),
    (
        "Declare Air Quality Management Area no. 3",
        {"Q1": "Declared.", "Q2": "Monitoring."},
        ["Q1=▶"],
    ),
]


@pytest.mark.parametrize(
    "header",
    [
        ["Action & Progress Update", "Outcomes", *(f"Q{q} Rating" for q in "1234")],
        ["Action & Progress Update", "Outcomes", *(f"Q{q}" for q in "1234")],
        ["Action & Progress Update", "Outcomes", *(f"Rating Q{q}" for q in "1234")],
        [
            "Action & Progress Update",
            "Outcomes",
            *(f"Quarter {q} Rating" for q in "1234"),
        ],
        ["Action & Progress Update", "Outcomes", *(f"Quarter {q}" for q in "1234")],
        ["Actions and Progress Updates", "Outcomes", *(f"Q{q}Rating" for q in "1234")],
        ["Action", "Outcomes", *(f"Q {q} Rating" for q in "1234")],
        ["Action & Progress Update", "Outcomes", *(f"Q{q} RAG" for q in "1234")],
        ["Action & Progress Update", "Outcomes", *(f"Qtr {q} Status" for q in "1234")],
        ["Action & Progress Update", "Outcomes", *(f"RAG Q{q}" for q in "1234")],
    ],
    ids=[
        "Qn Rating",
        "Qn",
        "Rating Qn",
        "Quarter n Rating",
        "Quarter n",
        "plural",
        "Q n",
        "Qn RAG",
        "Qtr n Status",
        "RAG Qn",
    ],
)
def test_quarter_column_headers(header: list[str]) -> None:
    assert _drafts([T.join(header), CEMETERY, AQMA]) == TWO_ACTIONS


HEADER = T.join(["Action & Progress Update", "Outcomes", "Q1 Rating", "Q2 Rating"])
HEADER += T + T.join(["Q3 Rating", "Q4 Rating"])
CUT_GRASS = T.join(["Cut grass Q3 – done", "Cut", "", "", "▶", ""])
ONE_ACTION = [("Cut grass", {"Q3": "done"}, ["Q3=▶"])]


@pytest.mark.parametrize(
    "between",
    [
        ["", "Summary of Progress in Delivering Projects/Actions:\t\t\t\t"],
        ["", "Summary of Progress in Delivering Projects/Actions:"],
        ["Summary of Progress in Delivering Projects/Actions:\t\t\t\t"],
        [""],
        [],
    ],
    ids=["heading+tabs", "heading", "heading+tabs, no blank", "blank", "nothing"],
)
def test_status_grid_ends_the_action_table(between: list[str]) -> None:
    # The grid's label and count rows are no actions, their counts no ratings,
    # and the grid's heading is not the action's Q3 text.
    grid = [STATUS_LABELS, T.join(["1", "8", "2", "0", "0"])]
    assert _drafts([HEADER, CUT_GRASS, *between, *grid]) == ONE_ACTION


def test_kpi_header_ends_the_action_table() -> None:
    kpi = T.join(["", "Quarter 1", "Quarter 2", "Quarter 3", "Quarter 4", "Target"])
    row = T.join(["Number of fly tipping incidents", "123", "121", "81", "", "400"])
    assert _drafts([HEADER, CUT_GRASS, kpi, row]) == ONE_ACTION


def test_milestone_header_ends_the_action_table() -> None:
    ms = T.join(["Approach", "Key Project", "Milestone(s)", "Progress", "Q1", "Q2"])
    row = T.join(["Clean streets", "Parks", "Green Flag Awards", "Won", "✓", ""])
    assert _drafts([HEADER, CUT_GRASS, ms, row]) == ONE_ACTION


def test_extra_columns_before_the_ratings() -> None:
    header = T.join(
        ["Action & Progress Update", "Outcomes", "Lead Officer", "Comments"]
        + [f"Q{q} Rating" for q in "1234"]
    )
    row = T.join(
        ["Cut grass Q2 - half done Q3 – done", "Cut", "J Smith", "On track"]
        + ["", "▶", "✓", ""]
    )
    doc, ctx = _parsed([PLAN_LINE, "", header, row])
    (draft,) = action_table.parse(doc, ctx)
    assert (draft.title, draft.outcomes) == ("Cut grass", "Cut")
    assert {t.quarter: t.text for t in draft.texts} == {"Q2": "half done", "Q3": "done"}
    assert [(m.quarter, m.raw) for m in draft.marks] == [("Q2", "▶"), ("Q3", "✓")]


def test_words_in_a_rating_column_are_no_symbol() -> None:
    from extract.recognisers import actions
    from extract.records import ActionUpdate

    row = T.join(["Cut grass Q1 - started", "Cut", "No Rating", "5", "$ \\bigcirc$"])
    doc, ctx = _parsed([PLAN_LINE, "", HEADER, row + T + "On track"])
    got = [
        (r.quarter, r.progress, r.rating_symbol, r.rating)
        for r in actions.recognise(blocks_of(doc), ctx)
        if isinstance(r, ActionUpdate)
    ]
    # "5" is kept as printed (samples/000 prints one); "No Rating" is words,
    # not a symbol; "On track" a rating word.
    assert got == [
        ("Q1", "started", None, None),
        ("Q2", None, "5", None),
        ("Q3", None, "\\bigcirc", None),
        ("Q4", None, "On track", "on_target"),
    ]


def test_rating_words_and_ratings_between_two_are_kept_as_printed() -> None:
    from extract.recognisers import actions
    from extract.records import ActionUpdate, IssueRow

    rows = [
        T.join(["Cut grass Q1 - started", "Cut", "On track", "Behind schedule"]),
        T.join(["Sweep roads Q2 - slipped", "Clean", "Amber/Green", "Amber/Red"]),
    ]
    doc, ctx = _parsed([PLAN_LINE, "", HEADER, *(r + T + T for r in rows)])
    records = list(actions.recognise(blocks_of(doc), ctx))
    got = [
        (r.item_id[-1], r.quarter, r.rating_symbol, r.rating)
        for r in records
        if isinstance(r, ActionUpdate)
    ]
    assert got == [
        ("1", "Q1", "On track", "on_target"),
        ("1", "Q2", "Behind schedule", "attention"),
        ("2", "Q1", "Amber/Green", None),
        ("2", "Q2", "Amber/Red", None),
    ]
    issues = [(r.code, r.line) for r in records if isinstance(r, IssueRow)]
    assert issues == [("unknown_symbol", 5), ("unknown_symbol", 5)]


@pytest.mark.parametrize(
    "cell, texts",
    [
        ("Cut grass Q3: done", {"Q3": "done"}),
        ("Cut grass Quarter 3: done", {"Q3": "done"}),
        ("Cut grass Q3 – done", {"Q3": "done"}),
        ("<p>Cut grass</p><p>Q3: done</p>", {"Q3": "done"}),
        ("<p>Cut grass</p><p>Quarter 3: done</p>", {"Q3": "done"}),
        ("<p>Cut grass</p><p>Q3 – done</p>", {"Q3": "done"}),
        ("<p>Cut grass</p><p>During Q2 the grass grew</p>", {}),
        # The quarter's months after its label.
        (
            "Cut grass Q3 (Oct-Dec) - done Q4 (Jan – Mar): again",
            {"Q3": "done", "Q4": "again"},
        ),
        (
            "<p>Cut grass</p><p>Quarter 2 (July-September 2018)</p><p>done</p>",
            {"Q2": "done"},
        ),
    ],
)
def test_quarter_label_at_paragraph_start(cell: str, texts: dict[str, str]) -> None:
    (draft,) = _drafts([HEADER, T.join([cell, "Cut", "", "", "", ""])])
    assert draft[:2] == ("Cut grass", texts)


def test_header_only_and_marks_without_an_action() -> None:
    assert _drafts([HEADER]) == []
    assert _drafts([HEADER, T.join(["", "", "▶"]), "Q1 – x"]) == []


@pytest.mark.parametrize(
    "cell, title, progress",
    [
        # Unclosed markup: the paragraphs still split at <p> and <li>.
        ("<p>Cut grass<ul><li>Q3 – done", "Cut grass", "Q3 – done"),
        ("<table><tr><td>a<td>b</table>" + "<td>" * 500, "ab", None),
        (
            "Cut grass Q3 – " + "done " * 20000,
            "Cut grass",
            "Q3 – " + "done " * 19999 + "done",
        ),
    ],
    ids=["unclosed", "nested-debris", "long"],
)
def test_odd_cells_do_not_crash(cell: str, title: str, progress: str | None) -> None:
    doc, ctx = _parsed([PLAN_LINE, "", HEADER, T.join([cell, "Cut", "", "", "▶"])])
    (draft,) = action_table.parse(doc, ctx)
    assert (draft.title, draft.outcomes, draft.progress) == (title, "Cut", progress)
    assert [(m.quarter, m.raw) for m in draft.marks] == [("Q3", "▶")]


def test_nested_table_copy_only_when_printed() -> None:
    # samples/001 line 36 repeats its nested table's cells as tab cells; a cell
    # holding a table that is not repeated keeps the Outcomes cell after it.
    table = "<p>Do it</p><table><tr><td>Programme</td><td>Q2</td></tr></table>"
    copied = T.join([table, "Programme", "Q2", "Homes", "", "▶"])
    plain = T.join([table, "Homes", "", "▶"])
    for row in (copied, plain):
        doc, ctx = _parsed([PLAN_LINE, "", HEADER, row])
        (draft,) = action_table.parse(doc, ctx)
        assert (draft.title, draft.outcomes) == ("Do it", "Homes")
        assert [(m.quarter, m.raw) for m in draft.marks] == [("Q2", "▶")]


TENANCY = T.join(["Review the Tenancy Strategy Q1 – Drafted. Q2 - Consulted.", "Up"])
SURVEY = T.join(["Complete the stock survey Q1 – Tendered. Q2 - Behind.", "Homes"])
TWO_MARKED = [
    (
        "Review the Tenancy Strategy",
        {"Q1": "Drafted.", "Q2": "Consulted."},
        ["Q1=▶", "Q2=▶"],
    ),
    (
        "Complete the stock survey",
        {"Q1": "Tendered.", "Q2": "Behind."},
        ["Q1=▶", "Q2=▲"],
    ),
]


@pytest.mark.parametrize(
    "gap", [[], [""], ["", " "]], ids=["no gap", "blank line", "blank lines"]
)
def test_symbol_only_row_gives_the_action_its_marks(gap: list[str]) -> None:
    # A row of rating symbols under an action ("| | ▶ | ▲ | |") is its marks, not
    # a "---" rule: the table goes on to the next action.
    rows = [
        HEADER,
        TENANCY,
        *gap,
        T.join(["", "", "▶", "▶", "", ""]),
        SURVEY,
        *gap,
        T.join(["", "", "▶", "▲", "", ""]),
    ]
    assert _drafts(rows) == TWO_MARKED


def test_dash_rule_still_ends_the_action_table() -> None:
    rule = T.join(["---", "--", "--", "--", "--", "--"])
    assert _drafts([HEADER, CUT_GRASS, rule, SURVEY]) == ONE_ACTION


def test_month_labels_on_continuation_rows() -> None:
    # One Cabinet report layout prints each quarter's text on its own row under
    # the action, labelled by the quarter's months.
    header = T.join(["Action & Progress Update", "Outcomes", "Q1 Rating", "Q2 Rating"])
    header += T + T.join(["Q3 Rating", "Q4 Rating"])
    rows = [
        T.join(
            [
                "Deliver the Safer Nights scheme in Cannock town centre",
                "Less violence",
                "▶",
                "▶",
                "✓",
                "",
            ]
        ),
        "April–June: Scheme launched in May with 12 licensed premises signed up."
        + T * 5,
        "July–September: Street marshals deployed on Friday and Saturday nights."
        + T * 5,
        "October–December: Scheme evaluated; violence with injury down 14%." + T * 5,
    ]
    assert _drafts([header, *rows]) == [
        (
            "Deliver the Safer Nights scheme in Cannock town centre",
            {
                "Q1": "Scheme launched in May with 12 licensed premises signed up.",
                "Q2": "Street marshals deployed on Friday and Saturday nights.",
                "Q3": "Scheme evaluated; violence with injury down 14%.",
            },
            ["Q1=▶", "Q2=▶", "Q3=✓"],
        )
    ]


@pytest.mark.parametrize(
    "wording",
    [
        lambda n: f"Quarter {['One', 'Two', 'Three', 'Four'][n - 1]}",
        lambda n: f"Qtr {n}",
    ],
)
def test_sample_000_with_quarters_worded_otherwise(
    tmp_path: Path, run_dir: Path, wording: Callable[[int], str]
) -> None:
    # "Quarter One – AQMA to be declared …" (000 line 79) had been no label:
    # the AQMA action ran into the cemetery action above it, whose marks
    # then took its "5".
    text = (SAMPLES / S000).read_text(encoding="utf-8")
    changed = re.sub(r"Quarter ([1-4])", lambda m: wording(int(m[1])), text)
    out = printed_otherwise(tmp_path, S000, changed)
    columns = ["item_id", "quarter", "rating_symbol", "rating"]
    assert_read_as_printed(out, run_dir, S000, {"action_updates": columns})
    # 000's 7 actions, each rated in its quarters (the AQMA one in Q1 and Q2).
    updates = rows_of(out, "action_updates", S000)
    assert (len(updates), updates.item_id.nunique()) == (27, 7)
    titles = rows_of(out, "actions", S000).title
    assert titles.str.startswith("Declare Air Quality Management Area").sum() == 1
