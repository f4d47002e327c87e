"""Plans and themes every fact row sits under, and the repairs made to them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from extract.context import Context
from extract.document import Document
from tests.conftest import S000, S001, S002, S003, S004, synthetic

Load = Callable[[str], tuple[Document, Context]]


def _at(doc: Document, ctx: Context, line: int) -> tuple[str | None, str | None]:
    i = next(k for k, r in enumerate(doc.rows) if r.line_start <= line <= r.line_end)
    return ctx.plan(i), ctx.theme(i)


def test_two_plans_in_one_file(sample_doc: Load) -> None:
    doc, ctx = sample_doc(S000)
    assert _at(doc, ctx, 6) == (
        "Crime & Partnerships Priority Delivery Plan",
        "Cleaner and safer environments: Working with partners to foster safer and "
        "stronger communities",
    )
    # The "Strategic Objective" of the action table names the theme printed above.
    assert _at(doc, ctx, 30) == _at(doc, ctx, 6)
    assert _at(doc, ctx, 64) == (
        "Environment Priority Delivery Plan",
        "Cleaner and safer environments: Striving for cleaner, greener and attractive "
        "public environments across the District",
    )
    assert _at(doc, ctx, 78) == _at(doc, ctx, 64)


def test_split_theme_repairs_are_logged(sample_doc: Load) -> None:
    _, ctx = sample_doc(S000)
    assert [(r.line, r.raw, r.repaired, r.rule) for r in ctx.repairs] == [
        (4, "er vironments:", "environments:", "misspelling"),
        (4, "Wor king", "Working", "split_word"),
        (4, "an d", "and", "split_word"),
        (4, "commu inities", "communities", "misspelling"),
        (63, "env vironments:", "environments:", "split_word"),
        (63, "o leaner,", "cleaner,", "misspelling"),
        (63, "env vironments", "environments", "split_word"),
        (63, "D istrict", "District", "split_word"),
    ]
    assert all(r.column == "theme" and r.target == "*" for r in ctx.repairs)
    assert ctx.repairs[0].alternatives == ["ervironments"]


def test_themes_of_kpi_grids_and_sections(sample_doc: Load) -> None:
    doc, ctx = sample_doc(S001)
    assert _at(doc, ctx, 17)[1] == (
        "More and better housing: Increasing the supply of affordable housing"
    )
    assert _at(doc, ctx, 19)[1] == (
        "More and better housing: Planning for the housing needs of the District"
    )
    assert _at(doc, ctx, 36)[1] == (
        "Improving the Council's social housing stock and "
        "raising standards in the private rented sector"
    )
    assert not ctx.repairs
    doc, ctx = sample_doc(S002)
    assert _at(doc, ctx, 49) == (
        "Improving Community Wellbeing PDP",
        "Sustaining safe and secure communities",
    )
    assert _at(doc, ctx, 53)[1] == "Support vulnerable people"
    assert _at(doc, ctx, 62)[1] == "Promoting attractive and healthy environments"
    assert _at(doc, ctx, 92)[1] == "Support Vulnerable People"


def test_committee_report_presents_one_plan(sample_doc: Load) -> None:
    doc, ctx = sample_doc(S003)
    assert set(ctx.plans) == {"Cleaner and Safer Environment Priority Delivery Plan"}
    assert _at(doc, ctx, 117)[1] == (
        "Cleaner and safer environments: Working with "
        "partners to foster safer and stronger communities"
    )


def test_narrative_report_has_no_headings(sample_doc: Load) -> None:
    _, ctx = sample_doc(S004)
    assert set(ctx.plans) == {None} and set(ctx.themes) == {None}


def test_plan_heading_with_the_year_first() -> None:
    _, ctx = synthetic(["2016/17 Health PDP Quarter 3 Performance", "", "a\tb"])
    assert ctx.plans[-1] == "Health PDP"


@pytest.mark.parametrize(
    "heading, plan",
    [
        (
            "Health and Wellbeing Priority Delivery Plan – Annual Report 2012-13",
            "Health and Wellbeing Priority Delivery Plan",
        ),
        (
            "Crime and Partnerships Priority Delivery Plan – Quarter 1 Update",
            "Crime and Partnerships Priority Delivery Plan",
        ),
        ("Environment Priority Delivery Plan", "Environment Priority Delivery Plan"),
        ("Priority Delivery Plan: Housing 2016-17", "Housing Priority Delivery Plan"),
        ("2016/17 Health PDP Quarter 3 Performance", "Health PDP"),
        ("Comments on overall performance for this PDP", None),
        ("Summary of the PDP - notes", None),
        # Other councils' plans (these had been no plan: every row's plan "").
        (
            "Housing Service Plan 2017-18 – Quarter 2 Performance Update",
            "Housing Service Plan",
        ),
        ("Environment Business Plan – Quarter 3", "Environment Business Plan"),
        (
            "Priority 1: Living a quality life in Tamworth",
            "Priority 1: Living a quality life in Tamworth",
        ),
        ("The Council's Corporate Plan 2015-18 was approved by Cabinet", None),
        ("Community Safety Delivery Plan 2013", None),
        ("Priority 1: the report notes that", None),
        # A legend's line is no plan.
        ("Priority 2 - Urgent repairs within 5 working days", None),
    ],
)
def test_plan_headings(heading: str, plan: str | None) -> None:
    _, ctx = synthetic([heading, "", "a\tb"])
    assert ctx.plans[-1] == plan


def test_committee_plan_named_in_the_purpose_without_quotes() -> None:
    _, ctx = synthetic(
        [
            "Report of:\tHead of Environment",
            "",
            "HEALTH, CULTURE AND ENVIRONMENT SCRUTINY COMMITTEE",
            "14.01.15",
            "MID-YEAR PERFORMANCE REPORT 2014/15",
            "",
            "1.1 To report the performance of the Council against the actions set out "
            "in the Environment Priority Delivery Plan for 2014/15.",
            "",
            "a\tb",
        ]
    )
    assert set(ctx.plans) == {"Environment Priority Delivery Plan"}


def test_theme_broken_mid_word_without_a_colon() -> None:
    doc, ctx = synthetic(
        [
            "Health and Wellbeing Priority Delivery Plan 2016-17 Quarter 3 Update",
            "",
            "\tQuarter 1\tQuarter 2\tQuarter 3\tQuarter 4\tAnnual Target",
            "Promoting a hea\tlthy and inclu\tsive community\t\t\t",
            "Healthy lifestyle referrals, inclusive sessions\t12\t14\t\t\t50",
            "",
            "Strategic Objective\t\t\t",
            "Promoting a healthy and inclusive community and Action & Progress Update"
            "\tOutcomes\tQ1 Rating",
            "Deliver the scheme\tMore people active\t✓",
        ]
    )
    assert set(ctx.themes[3:]) == {"Promoting a healthy and inclusive community"}
    assert [(r.raw, r.repaired) for r in ctx.repairs] == [
        ("hea lthy", "healthy"),
        ("inclu sive", "inclusive"),
    ]


def test_a_plan_named_where_a_sentence_goes_on_is_no_heading() -> None:
    """ "… funded from the" / "Leisure Service Plan 2018/19": the sentence goes
    on; it had become the plan of everything after it."""
    _, ctx = synthetic(
        [
            "Housing Priority Delivery Plan 2018-19 Quarter 2 Performance Update",
            "",
            "The new scheme will be funded from the",
            "Leisure Service Plan 2018/19",
            "",
            "a\tb",
        ]
    )
    assert ctx.plans[-1] == "Housing Priority Delivery Plan"
