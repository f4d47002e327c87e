"""Action tables: "Action & Progress Update | Outcomes | Q1 Rating … Q4 Rating"."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from extract.blocks import action_table, quarter_labels
from extract.context import Context
from extract.document import Document
from tests.conftest import S000, S001, S002, S003, S004

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
    # seeds/000 line 38: title and "Q1 – … Q2 - … Q3 - … Q4 – …" run together.
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
    # seeds/000 line 36 continues Q3 across a blank line before its "Q4 –".
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
    # seeds/000 lines 70-77: "Quarter 2" alone above its text; the unlabelled
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
    # seeds/000 line 80: "Quarters 2, 3 and 4 - …" applies to each of them.
    row = _action(actions, S000, 78)
    none_due = "There are no specific actions identified in these quarters."
    assert _quarters(updates, row["item_id"]) == {
        "Q1": "AQMA to be declared and operational",
        "Q2": none_due,
        "Q3": none_due,
        "Q4": none_due,
    }


def test_paragraph_cell(actions: pd.DataFrame, updates: pd.DataFrame) -> None:
    # seeds/001 line 66: <p>title</p> <p>Q1 - …</p> <p>38 partners …</p> <p>Q2 – …</p>
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
    # seeds/001 line 69 is the ASB policy's Q2 text continued after a blank line.
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
    # seeds/001 line 28 says "During Q2 there were 10 completions": not a label.
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
    # seeds/001 line 36 repeats its HTML table as 21 tab cells before Outcomes.
    row = _action(actions, S001, 36)
    assert row["outcomes"].startswith("Meet the needs and aspirations of the Council's")
    assert (updates["item_id"] == row["item_id"]).sum() == 0


def test_bullet_list_row_continues_action(
    actions: pd.DataFrame, updates: pd.DataFrame
) -> None:
    # seeds/003 line 120: a <ul> spilt onto its own row; line 121 "---" ends the table.
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
    "text, bare", [("Quarter 2", True), ("Quarter 4", True), ("Quarter 2 – x", False)]
)
def test_bare_quarter_heading(text: str, bare: bool) -> None:
    assert bool(quarter_labels.BARE_LABEL.match(text)) is bare


def test_every_action_starts_after_a_header(
    sample_doc: Callable[[str], tuple[Document, Context]],
) -> None:
    doc, ctx = sample_doc(S000)
    starts = [d.line_start for d in action_table.parse(doc, ctx)]
    assert starts == [30, 38, 39, 43, 50, 70, 78]
