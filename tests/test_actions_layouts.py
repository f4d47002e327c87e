"""Action tables that print the title and its progress in separate columns.

"Key Actions | Lead Officer | Progress | Q1 … Q4" (one action a row, ratings in
the quarter columns) and "Action | Target Date | Update | Status" (one Status
column, the rating for the report's latest quarter).
"""

from __future__ import annotations

from extract.blocks import blocks_of
from extract.recognisers import actions
from extract.recognisers.actions import action_table
from extract.records import ActionUpdate
from tests.conftest import synthetic

T = "\t"
Q2_PLAN = (
    "Crime & Partnerships Priority Delivery Plan 2016-17 Quarter 2 Performance Update"
)
Q3_PLAN = "Housing Priority Delivery Plan 2018-19 Quarter 3 Performance Update"
KEY_ACTIONS = T.join(
    ["Key Actions", "Lead Officer", "Progress", "Q1", "Q2", "Q3", "Q4"]
)
TARGET_DATE = T.join(["Action", "Target Date", "Update", "Status"])


def _drafts(lines: list[str]) -> list[tuple[str, dict[str, str], list[str]]]:
    """(title, quarter texts, "Qn=mark" marks) of each action in the excerpt."""
    doc, ctx = synthetic(lines)
    return [
        (
            d.title,
            {t.quarter: t.text for t in d.texts},
            [f"{m.quarter}={m.raw}" for m in d.marks],
        )
        for d in action_table.parse(doc, ctx)
    ]


def _updates(lines: list[str]) -> list[tuple[str, str | None, str | None, str | None]]:
    """(quarter, progress, rating_symbol, rating) of every action update."""
    doc, ctx = synthetic(lines)
    return [
        (r.quarter, r.progress, r.rating_symbol, r.rating)
        for r in actions.recognise(blocks_of(doc), ctx)
        if isinstance(r, ActionUpdate)
    ]


def test_titles_and_ratings_alone_one_action_a_row() -> None:
    """ "Action | Lead Officer | Q1 … Q4" with no progress column and no
    quarter labels: a row that rates a quarter the action above rated
    already is the next action. The three actions had been read as one."""
    header = T.join(["Action", "Lead Officer", "Q1", "Q2", "Q3", "Q4"])
    rows = [
        T.join(["Deliver 40 new council homes", "Head of Housing", "Green", "Amber"]),
        T.join(["Review the Allocations Policy", "Options Manager", "Green", "Green"]),
        T.join(["Introduce selective licensing", "Sector Manager", "", "Red"]),
    ]
    assert _drafts([Q3_PLAN, "", header, *(r + T + T for r in rows)]) == [
        ("Deliver 40 new council homes", {}, ["Q1=Green", "Q2=Amber"]),
        ("Review the Allocations Policy", {}, ["Q1=Green", "Q2=Green"]),
        ("Introduce selective licensing", {}, ["Q2=Red"]),
    ]


def test_rated_rows_without_a_cell_of_their_own_are_no_new_action() -> None:
    """A row rating a quarter again with no cell besides its title (a
    phase of the action above) is not taken for the next action: its marks
    are reported, as before."""
    header = T.join(["Action", "Lead Officer", "Q1", "Q2", "Q3", "Q4"])
    rows = [
        T.join(["Deliver 40 new council homes", "Head of Housing", "Green", "Amber"]),
        T.join(["Phase 1: Site at Moss Road", "", "Green", "Green"]),
        T.join(["Review the Allocations Policy", "Options Manager", "Green", "Green"]),
    ]
    doc, ctx = synthetic([Q3_PLAN, "", header, *(r + T + T for r in rows)])
    unread: list[tuple[int, int, str]] = []
    titles = [d.title for d in action_table.parse(doc, ctx, unread)]
    assert titles == ["Deliver 40 new council homes", "Review the Allocations Policy"]


def test_progress_printed_in_quarter_columns_is_reported() -> None:
    """Quarter columns that print progress, not marks ("Q1 (Apr-Jun)" over
    "12 homes completed at Moss Road"): each such row is reported, not
    dropped unsaid."""
    header = T.join(["Action", "Lead Officer", "Q1 (Apr-Jun)", "Q2 (Jul-Sep)"])
    rows = [
        T.join(["Deliver new homes", "Head of Housing", "12 homes completed", ""]),
        T.join(["Review the Policy", "Options Manager", "Done", "Consultation closed"]),
    ]
    doc, ctx = synthetic([Q3_PLAN, "", header, *rows])
    unread: list[tuple[int, int, str]] = []
    action_table.parse(doc, ctx, unread)
    assert [(first, why) for first, _, why in unread] == [
        (
            4,
            "text in a quarter's rating column, read neither as that quarter's "
            'rating nor as its progress: Q1 "12 homes completed"',
        ),
    ]


def test_key_actions_one_action_a_row() -> None:
    rows = [
        T.join(
            [
                "Deliver days of action in Hednesford",
                "Partnerships Manager",
                "Quarter 1: Two days held in May. Quarter 2: A third on 14.09.16.",
                "✓",
                "▶",
                "",
                "",
            ]
        ),
        T.join(
            [
                "Review the CCTV code of practice",
                "CCTV Manager",
                "Consultation planned. Q2 update – Code adopted by Cabinet.",
                "",
                "▲",
            ]
        ),
        # Marks and no quarter label: a rated action without quarter texts.
        T.join(["Recruit Street Pastors", "Officer", "During Q2 the lead left.", "▶"]),
    ]
    assert _drafts([Q2_PLAN, "", KEY_ACTIONS, *rows]) == [
        (
            "Deliver days of action in Hednesford",
            {"Q1": "Two days held in May.", "Q2": "A third on 14.09.16."},
            ["Q1=✓", "Q2=▶"],
        ),
        (
            "Review the CCTV code of practice",
            {"Q2": "Code adopted by Cabinet."},
            ["Q2=▲"],
        ),
        ("Recruit Street Pastors", {}, ["Q1=▶"]),
    ]


def test_key_actions_progress_is_the_progress_column() -> None:
    row = T.join(
        ["Refresh the Plan", "Manager", "Q1 – Reviewed. Q2/Q3 – Approved.", "▶"]
    )
    doc, ctx = synthetic([Q2_PLAN, "", KEY_ACTIONS, row])
    (draft,) = action_table.parse(doc, ctx)
    assert (draft.title, draft.outcomes) == ("Refresh the Plan", None)
    assert draft.progress == "Q1 – Reviewed. Q2/Q3 – Approved."


def test_key_actions_continuation_row_adds_its_quarter() -> None:
    first = T.join(["Open the Hub", "Head of Housing", "Q1 – Agreed.", "▶", ""])
    more = T.join(["", "", "Q2 – Opened on 1 September.", "", "✓"])
    assert _drafts([Q2_PLAN, "", KEY_ACTIONS, first, more]) == [
        (
            "Open the Hub",
            {"Q1": "Agreed.", "Q2": "Opened on 1 September."},
            ["Q1=▶", "Q2=✓"],
        )
    ]


REEMA = "Complete the redevelopment of the Reema flats, Moss Road"
ALLOCATIONS = "Adopt a new Housing Allocations Policy"
FLEET = "Replace the refuse collection fleet"


def test_status_column_rates_the_latest_quarter() -> None:
    # Cells as long as printed in a Cabinet report layout: short cells on consecutive
    # lines read as one column-wrapped row.
    rows = [
        T.join(
            [
                REEMA,
                "31/03/2019",
                "Q2 update – 8 properties handed over; final phase on site. "
                "Q3 update – All 65 properties completed on 14 December 2018.",
                "Completed",
            ]
        ),
        T.join(
            [
                ALLOCATIONS,
                "30/09/2018",
                "Q2 update – Policy delayed pending legal review; revised date "
                "January 2019.",
                "Amber",
            ]
        ),
        T.join(
            [
                FLEET,
                "31/03/2019",
                "Quarter 1: Specification drafted. Q2/Q3 – Tender delayed to allow "
                "for electric vehicle options.",
                "✓",
            ]
        ),
    ]
    lines = [Q3_PLAN, "", TARGET_DATE, *rows]
    assert _drafts(lines) == [
        (
            REEMA,
            {
                "Q2": "8 properties handed over; final phase on site.",
                "Q3": "All 65 properties completed on 14 December 2018.",
            },
            ["Q3=Completed"],
        ),
        (
            ALLOCATIONS,
            {"Q2": "Policy delayed pending legal review; revised date January 2019."},
            ["Q3=Amber"],
        ),
        (
            FLEET,
            {
                "Q1": "Specification drafted.",
                "Q2": "Tender delayed to allow for electric vehicle options.",
                "Q3": "Tender delayed to allow for electric vehicle options.",
            },
            ["Q3=✓"],
        ),
    ]
    assert [(q, symbol, rating) for q, _, symbol, rating in _updates(lines)] == [
        ("Q2", None, None),
        ("Q3", "Completed", "completed"),
        ("Q2", None, None),
        ("Q3", "Amber", "attention"),
        ("Q1", None, None),
        ("Q2", None, None),
        ("Q3", "✓", "completed"),
    ]


def test_status_column_without_a_quarter_in_the_report() -> None:
    # A report that names no quarter gives the Status no quarter to rate.
    plan = "Housing Priority Delivery Plan 2018-19"
    row = T.join(["Redevelop the flats", "31/03/2019", "Q1 update – Started.", "Green"])
    assert _drafts([plan, "", TARGET_DATE, row]) == [
        ("Redevelop the flats", {"Q1": "Started."}, [])
    ]


def test_progress_column_beside_action_and_progress_update_is_not_read() -> None:
    # "Action & Progress Update" carries the progress itself; "Comments" beside
    # it stays unread, as before.
    header = T.join(["Action & Progress Update", "Outcomes", "Comments", "Q1", "Q2"])
    row = T.join(["Cut grass Q1 – done", "Cut", "On track", "▶", ""])
    assert _drafts([Q3_PLAN, "", header, row]) == [
        ("Cut grass", {"Q1": "done"}, ["Q1=▶"])
    ]


def test_action_and_update_without_ratings_is_still_an_action_table() -> None:
    header = T.join(["Action", "Update"])
    row = T.join(["Cut grass", "Q1 – Cut twice. Q2 – Cut again."])
    assert _drafts([Q3_PLAN, "", header, row]) == [
        ("Cut grass", {"Q1": "Cut twice.", "Q2": "Cut again."}, [])
    ]


def test_long_cell_ending_in_action_is_no_header() -> None:
    # Text that happens to end in "action" beside a "Comments" column is a row of
    # some other table, not an action table's header.
    header = T.join(["Number of residents taking part in a day of action", "Comments"])
    assert _drafts([Q3_PLAN, "", header, T.join(["Cut grass", "Q1 – done"])]) == []
