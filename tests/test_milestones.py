"""Milestone tables of samples/002: "Approach | Key Project | Milestone(s) | …"."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from extract.blocks import blocks_of
from tests.conftest import S002, synthetic

APPROACH = {
    "fear": "Manage residents perception of fear of crime and anti social behaviour",
    "cctv": "CCTV to deter crime and support the police in prosecutions",
    "licensing": (
        "We will work with partners to ensure our licensing compliance and "
        "enforcement strategies for persons, premises and vehicles are risk based "
        "and make best use of local intelligence"
    ),
    "signpost": "Signpost to appropriate support agencies",
    "lsp": "Work with Local Strategic Partners to support vulnerable people",
    "uc": "Managing the impact and rollout of Universal Credit",
    "clean": (
        "To provide clean, well maintained and well managed streets, town centres "
        "and parks & open spaces"
    ),
}
PROJECT = {
    "news": "Publish and promote positive good news stories and case studies",
    "cctv": "Upgrading CCTV technology",
    "review": (
        "Review of compliance and enforcement policies in key areas of taxi and "
        "private hire licensing and sale of alcohol"
    ),
    "campaign": (
        "Annual Awareness Campaign across the District on how people can support "
        "themselves and access appropriate support"
    ),
    "champions": "Introduction of Safeguarding Champions across the Council.",
    "pilot": "Implement Shared Accommodation Pilot",
    "tenancy": "Provide Intensive Tenancy Support",
    "pba": (
        "Early help and intervention for Children and Families Prevention and Early "
        "help for adults through the Place Based Approach (PBA)"
    ),
    "uc": (
        "Manage and monitor roll out to new claimants from November 2018 "
        "(including management of hardship)"
    ),
    "parks": "Deliver high quality/maintained parks",
    "hednesford": "Continue to deliver Hednesford Park (IHLF) project",
    "car": "Car Park improvement schemes",
    "cemetery": "Deliver new cemetery for the District",
}
# (line, title, approach, key project, marks) for every milestone, in print order.
MILESTONES = [
    (68, "Identify & Promote One Good News Story", "fear", "news", "Q1=✓"),
    (69, "Identify & Promote One Case Study", "fear", "news", "Q2=✓"),
    (70, "Publish Anti Social Behaviour Policy", "fear", "news", "Q4=✓"),
    (71, "Publish Community Safety Hub Referral Data", "fear", "news", "Q4=✓"),
    (
        72,
        "Project Team Set Up – Consider recommendations from CCTV Audit Report",
        "cctv",
        "cctv",
        "Q2=✓",
    ),
    (
        73,
        "Project Plan Developed and Procurement of Specialist Provider",
        "cctv",
        "cctv",
        "Q3=✓",
    ),
    (74, "Award Contract to Specialist Provider", "cctv", "cctv", "Q4=✓"),
    (
        78,
        "Benchmark our current policies and strategies with nationally recognised "
        "exemplar authorities",
        "licensing",
        "review",
        "",
    ),
    (79, "Identify any critical gaps in our approach", "licensing", "review", ""),
    (83, "Develop the Awareness Campaign", "signpost", "campaign", ""),
    (
        84,
        "Publish Awareness Campaign – Chase Matters; Website and Social Media",
        "signpost",
        "campaign",
        "",
    ),
    (85, "Recruit Safeguarding Champions", "signpost", "champions", ""),
    (
        86,
        "Develop and Deliver Training Session for Champions",
        "signpost",
        "champions",
        "",
    ),
    (90, "Appoint Preferred Provider", "lsp", "pilot", "Q1=✓"),
    (91, "Evaluate success of the Project", "lsp", "pilot", "Q4=✓"),
    (
        92,
        "Appoint additional Tenancy Sustainment Officer resources (37hrs pw)",
        "lsp",
        "tenancy",
        "Q1=✓",
    ),
    (
        93,
        "Local Strategic Partnership (LSP) Agree Local PBA Plan",
        "lsp",
        "pba",
        "Q2=✓",
    ),
    (94, "Report Outcomes to LSP", "lsp", "pba", "Q4=✓"),
    (95, PROJECT["uc"], "uc", "uc", "Q3=✓"),
    (
        99,
        "Participate in Green Flag Inspections and Assessments",
        "clean",
        "parks",
        "Q2=✓",
    ),
    (100, "Green Flag Awards", "clean", "parks", "Q2=✓"),
    (101, "Produce Hednesford Park book and CD", "clean", "hednesford", "Q1=✓"),
    (102, "Finalise Design – new toilet facilities", "clean", "hednesford", "Q1=✓"),
    (103, "Procurement and Contract Award", "clean", "hednesford", "Q2=✓"),
    (104, "Commence construction", "clean", "hednesford", "Q4=▲"),
    (105, "Complete construction", "clean", "hednesford", "Q4=▲"),
    (109, "Prioritise and draw up scheme (s)", "clean", "car", "Q1=✓"),
    (110, "Permission to spend", "clean", "car", "Q3=✓"),
    (111, "Commence scheme", "clean", "car", "Q4=✓"),
    (112, "Completion of scheme", "clean", "car", "Q4=✓"),
    (
        113,
        "Report outcome of soft market testing to Cabinet to determine next steps",
        "clean",
        "cemetery",
        "Q2=✓",
    ),
    (
        114,
        "Develop project plan in accordance with Cabinet's decision",
        "clean",
        "cemetery",
        "Q2=✓",
    ),
]


@pytest.fixture(scope="module")
def milestones(table: Callable[[str], pd.DataFrame]) -> pd.DataFrame:
    actions = table("actions")
    return actions[(actions["file"] == S002) & (actions["kind"] == "milestone")]


@pytest.fixture(scope="module")
def marks(table: Callable[[str], pd.DataFrame]) -> dict[str, str]:
    updates = table("action_updates")
    updates = updates[updates["file"] == S002].sort_values(["item_id", "quarter"])
    return {
        item: ";".join(
            f"{q}={s}" for q, s in zip(g["quarter"], g["rating_symbol"], strict=True)
        )
        for item, g in updates.groupby("item_id")
    }


def test_every_milestone_in_print_order(milestones: pd.DataFrame) -> None:
    # The annual grid (line 21) counts 32 milestones: one row each.
    assert list(milestones["line_start"]) == [m[0] for m in MILESTONES]
    assert list(milestones["title"]) == [m[1] for m in MILESTONES]


@pytest.mark.parametrize("line, title, approach, project, expected", MILESTONES)
def test_milestone(
    milestones: pd.DataFrame,
    marks: dict[str, str],
    line: int,
    title: str,
    approach: str,
    project: str,
    expected: str,
) -> None:
    row = milestones[milestones["line_start"] == line].iloc[0]
    assert row["title"] == title
    assert row["approach"] == APPROACH[approach]
    assert row["key_project"] == PROJECT[project]
    assert marks.get(row["item_id"], "") == expected


def test_milestone_plan_theme_and_progress(milestones: pd.DataFrame) -> None:
    row = milestones[milestones["line_start"] == 110].iloc[0]
    assert row["plan"] == "Improving Community Wellbeing PDP"
    assert row["theme"] == "Promoting attractive and healthy environments"
    assert row["progress"] == "Permission to Spend report approved by Cabinet"
    assert pd.isna(row["outcomes"])


def test_milestone_ratings(table: Callable[[str], pd.DataFrame]) -> None:
    updates = table("action_updates")
    updates = updates[updates["file"] == S002]
    counts = updates.groupby(["rating_symbol", "rating"]).size().to_dict()
    assert counts == {("✓", "completed"): 24, ("▲", "attention"): 2}
    # Milestone progress has no quarter labels, so no quarter carries text.
    assert updates["progress"].isna().all()


def test_milestones_number_after_nothing_else(milestones: pd.DataFrame) -> None:
    doc_id = milestones["doc_id"].iloc[0]
    assert list(milestones["item_id"]) == [f"{doc_id}:{n}" for n in range(1, 33)]


# Synthetic excerpts: the layouts other reports of the family print.
T = "\t"
PLAN_LINE = "Improving Community Wellbeing PDP 2018-19 - Quarter 4 Performance Update"
HEADER = T.join(
    ["Approach", "Key Project", "Milestone(s)", "Progress", "Q1", "Q2", "Q3", "Q4"]
)
PARKS = T.join(["Clean streets", "Parks", "Green Flag Awards", "Applied", "✓"])


def _milestones(
    lines: list[str], plan: str = PLAN_LINE
) -> list[tuple[str, str | None, str | None, list[str]]]:
    """(title, key project, progress, "Qn=symbol" marks) of each milestone."""
    from extract.recognisers.actions import milestone_table

    doc, ctx = synthetic([plan, "", *lines])
    return [
        (d.title, d.key_project, d.progress, [f"{m.quarter}={m.raw}" for m in d.marks])
        for d in milestone_table.parse(doc, ctx)
    ]


def test_progress_row_continues_the_milestone_above() -> None:
    more = T.join(["", "", "", "Awarded in July", "", "✓"])
    assert _milestones([HEADER, PARKS, more]) == [
        ("Green Flag Awards", "Parks", "Applied Awarded in July", ["Q1=✓", "Q2=✓"])
    ]


def test_progress_row_with_nothing_above_is_no_milestone() -> None:
    # A Progress cell with no milestone above it in its table names nothing:
    # no milestone with an empty title.
    orphan = T.join(["", "", "", "Some progress"])
    assert _milestones([HEADER, orphan]) == []
    assert _milestones([HEADER, T.join(["", "", "", "", "✓"])]) == []
    assert _milestones([HEADER, orphan, PARKS]) == [
        ("Green Flag Awards", "Parks", "Applied", ["Q1=✓"])
    ]


def test_next_table_does_not_continue_the_last_one() -> None:
    theme = "Support Vulnerable People\t\t\t\t\t\t\t"
    orphan = T.join(["", "", "", "Some progress", "", "▲"])
    no_project = T.join(["", "", "Recruit champions", "Ongoing"])
    got = _milestones([HEADER, PARKS, "", theme, HEADER, orphan, no_project])
    # Neither the progress nor the Key Project is carried into the new table.
    assert got == [
        ("Green Flag Awards", "Parks", "Applied", ["Q1=✓"]),
        ("Recruit champions", None, "Ongoing", []),
    ]


@pytest.mark.parametrize(
    "quarters",
    [
        ["Q1", "Q2", "Q3", "Q4"],
        ["Quarter 1", "Quarter 2", "Quarter 3", "Quarter 4"],
        ["Q1 Rating", "Q2 Rating", "Q3 Rating", "Q4 Rating"],
        ["Rating Q1", "Rating Q2", "Rating Q3", "Rating Q4"],
        ["Q1 (Apr-Jun)", "Q2 (Jul-Sep)", "Q3 (Oct-Dec)", "Q4 (Jan-Mar)"],
        ["Quarter 1 (April - June 2018)", "Q2 (Jul–Sep) RAG", "Q3", "Q4"],
    ],
)
def test_quarter_column_headers(quarters: list[str]) -> None:
    header = T.join(["Approach", "Key Project", "Milestone(s)", "Progress", *quarters])
    row = T.join(["Clean streets", "Parks", "Green Flag Awards", "Won", "", "", "▲"])
    assert _milestones([header, row]) == [
        ("Green Flag Awards", "Parks", "Won", ["Q3=▲"])
    ]


def test_status_grid_ends_the_milestone_table() -> None:
    labels = T.join(
        ["Milestone completed", "Milestone on target", "Milestone requires attention"]
    )
    heading = "Summary of Progress in Delivering Milestones:\t\t\t\t"
    for between in ([heading], []):
        got = _milestones([HEADER, PARKS, *between, labels, T.join(["1", "0", "0"])])
        assert got == [("Green Flag Awards", "Parks", "Applied", ["Q1=✓"])]


def test_words_in_a_quarter_column_are_no_mark() -> None:
    row = T.join(["Clean streets", "Parks", "Green Flag Awards", "Won", "Not due", "✓"])
    assert _milestones([HEADER, row]) == [
        ("Green Flag Awards", "Parks", "Won", ["Q2=✓"])
    ]


ENV_PLAN = "Environment Priority Delivery Plan 2019-20 Quarter 2 Performance Update"
RAG_HEADER = T.join(["Projects", "Milestones", "Progress Update", "RAG"])
CEMETERY = "Deliver new cemetery for the District"


def _updates(lines: list[str]) -> list[tuple[str, str, str | None, str | None]]:
    """(title, quarter, progress, rating) of every milestone update."""
    from extract.recognisers import actions
    from extract.records import Action, ActionUpdate

    doc, ctx = synthetic(lines)
    records = list(actions.recognise(blocks_of(doc), ctx))
    titles = {r.item_id: r.title for r in records if isinstance(r, Action)}
    return [
        (titles[r.item_id], r.quarter, r.progress, r.rating)
        for r in records
        if isinstance(r, ActionUpdate)
    ]


def test_projects_and_rag_layout() -> None:
    # A Cabinet report layout: no quarter columns; the RAG column rates the report's
    # quarter (Q2) in words, and "Q1 – … Q2 – …" in the progress gives quarter texts.
    rows = [
        T.join(
            [
                CEMETERY,
                "Appoint design team",
                "Design team appointed in May 2019.",
                "Green",
            ]
        ),
        T.join(
            [
                "",
                "Install electric vehicle charging points",
                "Q1 – Sites identified at Beecroft Road and Rugeley Market. "
                "Q2 – Order placed; installation due October 2019.",
                "Amber",
            ]
        ),
        T.join(
            [
                "Litter enforcement pilot",
                "",
                "Pilot extended to March 2020.",
                "Completed",
            ]
        ),
    ]
    assert _milestones([RAG_HEADER, *rows], plan=ENV_PLAN) == [
        (
            "Appoint design team",
            CEMETERY,
            "Design team appointed in May 2019.",
            ["Q2=Green"],
        ),
        (
            "Install electric vehicle charging points",
            CEMETERY,
            "Q1 – Sites identified at Beecroft Road and Rugeley Market. "
            "Q2 – Order placed; installation due October 2019.",
            ["Q2=Amber"],
        ),
        (
            "Litter enforcement pilot",
            "Litter enforcement pilot",
            "Pilot extended to March 2020.",
            ["Q2=Completed"],
        ),
    ]
    assert _updates([ENV_PLAN, "", RAG_HEADER, *rows]) == [
        ("Appoint design team", "Q2", None, "on_target"),
        (
            "Install electric vehicle charging points",
            "Q1",
            "Sites identified at Beecroft Road and Rugeley Market.",
            None,
        ),
        (
            "Install electric vehicle charging points",
            "Q2",
            "Order placed; installation due October 2019.",
            "attention",
        ),
        ("Litter enforcement pilot", "Q2", None, "completed"),
    ]


def test_quarter_labels_in_the_progress_cell() -> None:
    header = T.join(["Key Project", "Milestone", "Progress", "Q1", "Q2", "Q3", "Q4"])
    row = T.join(
        [
            "Safeguarding awareness campaign",
            "Evaluate campaign reach",
            "Q1 – Evaluation framework agreed. Q2 – Survey issued to 300 residents. "
            "Q3 – Results reported to the LSP.",
            "✓",
            "✓",
            "✓",
            "",
        ]
    )
    more = T.join(["", "", "Q4 – Campaign closed at the end of March 2019 as planned."])
    assert _updates([PLAN_LINE, "", header, row, more]) == [
        ("Evaluate campaign reach", "Q1", "Evaluation framework agreed.", "completed"),
        (
            "Evaluate campaign reach",
            "Q2",
            "Survey issued to 300 residents.",
            "completed",
        ),
        ("Evaluate campaign reach", "Q3", "Results reported to the LSP.", "completed"),
        (
            "Evaluate campaign reach",
            "Q4",
            "Campaign closed at the end of March 2019 as planned.",
            None,
        ),
    ]


def test_section_row_without_an_approach_column_is_no_milestone() -> None:
    header = T.join(["Key Project", "Milestone", "Progress", "Q1", "Q2", "Q3", "Q4"])
    cctv = T.join(
        [
            "Upgrading CCTV technology",
            "Appoint specialist provider",
            "Contract awarded.",
            "",
            "",
            "",
            "✓",
        ]
    )
    section = "Support Vulnerable People\t\t\t\t\t\t"
    pilot = T.join(
        [
            "Implement Shared Accommodation Pilot",
            "Appoint preferred provider",
            "Provider appointed 4 May 2018.",
            "✓",
        ]
    )
    assert _milestones([header, cctv, section, header, pilot]) == [
        (
            "Appoint specialist provider",
            "Upgrading CCTV technology",
            "Contract awarded.",
            ["Q4=✓"],
        ),
        (
            "Appoint preferred provider",
            "Implement Shared Accommodation Pilot",
            "Provider appointed 4 May 2018.",
            ["Q1=✓"],
        ),
    ]
