"""What each sample says about itself, and the cover-sheet layouts councils print."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd
import pytest

from extract.cover.metadata import cover_sheet, read_metadata
from extract.document import Document
from tests.conftest import S000, S001, S002, S003, S004, synthetic


@pytest.fixture(scope="module")
def docs(table: Callable[[str], pd.DataFrame]) -> pd.DataFrame:
    return table("documents").set_index("file")


def _doc(lines: list[str]) -> Document:
    return synthetic(lines)[0]


@pytest.mark.parametrize(
    "file, report_type, year, quarters",
    [
        (S000, "pdp_performance_update", "2017/18", ["Q1", "Q2", "Q3", "Q4"]),
        (S001, "pdp_performance_update", "2017/18", ["Q1", "Q2"]),
        (S002, "pdp_performance_update", "2018/19", ["Q1", "Q2", "Q3", "Q4"]),
        (S003, "committee_performance_report", "2015/16", ["Q1", "Q2"]),
        (S004, "partnership_update", "2012/13", ["Q3"]),
    ],
)
def test_type_year_quarters(
    docs: pd.DataFrame, file: str, report_type: str, year: str, quarters: list[str]
) -> None:
    row = docs.loc[file]
    assert (row.report_type, row.financial_year, list(row.quarters)) == (
        report_type,
        year,
        quarters,
    )
    assert row.status == "ok" and row.source_format == "txt"


def test_titles(docs: pd.DataFrame) -> None:
    assert docs.loc[S000].title == (
        "Crime & Partnerships Priority Delivery Plan 2017-18 "
        "End of Year Performance Update"
    )
    assert docs.loc[S002].title == (
        "Improving Community Wellbeing PDP 2018-19 - "
        "Environment, Partnerships and Community Safety"
    )
    # samples/004 prints no title line, only section headings.
    assert pd.isna(docs.loc[S004].title)


def test_committee_report_cover_sheet(docs: pd.DataFrame) -> None:
    row = docs.loc[S003]
    assert row.report_date == date(2015, 12, 3)
    assert row.committee == "Community Safety Scrutiny Committee"
    assert (row.report_of, row.contact_officer, row.portfolio) == (
        "Head of Governance",
        "R Lamond",
        "Community Safety",
    )
    assert not pd.isna(row.key_decision) and not row.key_decision
    assert row.report_track == "Community Safety Scrutiny Committee 03/12/15"
    assert row.organisation == "Cannock Chase District Council"


def test_reports_without_cover_sheet(docs: pd.DataFrame) -> None:
    for file in (S000, S001, S002):
        row = docs.loc[file]
        assert pd.isna(row.report_date) and pd.isna(row.committee)
        assert pd.isna(row.report_of) and pd.isna(row.key_decision)
    assert docs.loc[S004].committee == "Cabinet"
    assert pd.isna(docs.loc[S004].report_date)


def test_line_counts(docs: pd.DataFrame) -> None:
    assert docs.n_lines.to_dict() == {
        S000: 87,
        S001: 76,
        S002: 114,
        S003: 124,
        S004: 1679,
    }
    assert docs.n_pages.isna().all()


def test_labels_run_together_on_one_line() -> None:
    doc = _doc(
        [
            "Report of: Chief Executive Contact Officer: R. Lamond Telephone No: "
            "01543 462621 Portfolio Leader: Housing Key Decision: Yes Report Track: "
            "Cabinet 12/03/15",
            "Agenda Item No: 9.1",
        ]
    )
    assert cover_sheet(doc) == {
        "report_of": "Chief Executive",
        "contact_officer": "R. Lamond",
        "telephone": "01543 462621",
        "portfolio": "Housing",
        "key_decision": "Yes",
        "report_track": "Cabinet 12/03/15",
        "item_number": "9.1",
    }


def test_upper_case_report_of_header() -> None:
    doc = _doc(["REPORT OF HEAD OF POLICY AND PERFORMANCE", "", "Some text"])
    assert cover_sheet(doc) == {"report_of": "Head of Policy and Performance"}


def test_plain_text_is_no_report() -> None:
    meta = read_metadata(_doc(["shopping list", "eggs", "milk"]))
    assert (meta.report_type, meta.financial_year, meta.quarters) == ("other", None, ())


def test_quarters_come_from_titles_not_sentences() -> None:
    meta = read_metadata(
        _doc(
            [
                "Leisure PDP 2016-17 Quarter 2 Performance Update",
                "",
                "The remaining leisure actions are due in Quarter 4.",
                "",
            ]
        )
    )
    assert (meta.financial_year, meta.quarters) == ("2016/17", ("Q2",))


@pytest.mark.parametrize(
    "lines, quarters",
    [
        # A year range spaced out ends a title: its quarter stands.
        (["Housing PDP Quarter 3 2018 - 2019", "", "Summary"], ("Q3",)),
        (["Performance Report Quarter 4 2017 - 18", "", "Summary"], ("Q4",)),
        (["Performance Report Q3 17 - 18", "", "Summary"], ("Q3",)),
        # A quarter and a year set apart by dashes: a title, no grid's row.
        (["Council Plan Performance Report", "", "Q2 - 2018 - 19", ""], ("Q2",)),
        (["Council Plan Performance Report", "", "Quarter 4 – 2019", ""], ("Q4",)),
        # A -raw grid's rows name quarters before their figures: no titles.
        (
            [
                "Housing PDP 2018-19 Quarter One (1 April 2018 - 30 June 2018)",
                "Completed On target Requires attention",
                "Last quarter 9 (75%) 0 (0%) 3 (25%)",
                "Q4 1200 300 20",
                "Actions Q3 11 - 12",
                "Q4 Actions 9 3 0",
                "Milestones This quarter 2 2 1",
            ],
            ("Q1",),
        ),
    ],
)
def test_quarters_of_titles_not_of_grid_rows(
    lines: list[str], quarters: tuple[str, ...]
) -> None:
    assert read_metadata(_doc(lines)).quarters == quarters


def test_meeting_cycle_dates_a_quarterly_update() -> None:
    meta = read_metadata(
        _doc(
            [
                "This quarterly report follows the LSP cycle of meetings in "
                "November and December 2012."
            ]
        )
    )
    assert (meta.financial_year, meta.quarters) == ("2012/13", ("Q3",))


def test_cabinet_report_with_its_cover_sheet_run_together() -> None:
    meta = read_metadata(
        _doc(
            [
                "Report of: Head of Housing Contact Officer: J Smith Telephone No: "
                "01543 464 Portfolio Leader: Housing Key Decision: Yes Report Track: "
                "Cabinet 18/06/14",
                "",
                "CABINET",
                "18th JUNE 2014",
                "QUARTER 4 PERFORMANCE REPORT 2013/14",
                "",
                "1.1 To report the performance of the Council against the Housing "
                "Priority Delivery Plan for 2013/14.",
            ]
        )
    )
    assert (meta.report_type, meta.committee, meta.report_date) == (
        "committee_performance_report",
        "Cabinet",
        date(2014, 6, 18),
    )
    assert (meta.financial_year, meta.quarters) == ("2013/14", ("Q4",))
    assert meta.cover["key_decision"] == "Yes"


def test_meeting_cycle_beats_a_year_the_text_looks_ahead_to() -> None:
    meta = read_metadata(
        _doc(
            [
                "This is the quarterly report to Cabinet following the LSP cycle of",
                "meetings in January and February 2014. The Board has agreed its",
                "priorities for 2014/15.",
            ]
        )
    )
    assert (meta.financial_year, meta.quarters) == ("2013/14", ("Q4",))


def test_title_split_over_two_lines() -> None:
    doc, ctx = synthetic(
        [
            "Community Safety Priority Delivery Plan",
            "2014-15 Quarter 3 Performance Update",
            "",
            "\tQuarter 3\tAnnual Target",
            "Number of Hub referrals\t36\t150",
        ]
    )
    meta = read_metadata(doc)
    assert meta.title == (
        "Community Safety Priority Delivery Plan 2014-15 Quarter 3 Performance Update"
    )
    assert (meta.report_type, meta.financial_year, meta.quarters) == (
        "pdp_performance_update",
        "2014/15",
        ("Q3",),
    )
    assert ctx.plans[-1] == "Community Safety Priority Delivery Plan"


def test_quarters_from_the_columns_when_no_title_names_them() -> None:
    meta = read_metadata(
        _doc(
            [
                "Health & Wellbeing Priority Delivery Plan 2013-14 Performance Update",
                "",
                "\tQuarter 3\tAnnual Target\tTarget Achieved / Trend",
                "Number of visits to leisure centres\t187,420\t760,000\tOn track",
                "",
                "Action & Progress Update\tOutcomes\tQ3 Rating",
                "Deliver the Sportivate programme\tMore young people active\t✓",
            ]
        )
    )
    assert (meta.financial_year, meta.quarters) == ("2013/14", ("Q3",))


def test_year_to_date_grid_widens_the_quarters_covered() -> None:
    meta = read_metadata(
        _doc(
            [
                "Improving Community Wellbeing PDP 2016-17 - Health",
                "",
                "Quarter Three (1 October 2016 - 31 December 2016) Performance\t\t\t",
                "Milestone completed\tMilestone on target\tProject aborted/closed",
                "3 (60%)\t2 (40%)\t0 (0%)",
                "",
                "Year to date Performance 2016-17\t\t\t",
                "Milestone completed\tMilestone on target\tProject aborted/closed",
                "5 (71%)\t2 (29%)\t0 (0%)",
            ]
        )
    )
    assert meta.quarters == ("Q1", "Q2", "Q3")


def test_cover_sheet_values_below_labels_and_item_without_colon() -> None:
    meta = read_metadata(
        _doc(
            [
                "Agenda Item No. 11",
                "",
                "AUDIT AND GOVERNANCE COMMITTEE",
                "Wednesday 14th November 2017",
                "",
                "Report of:",
                "Head of Governance and Corporate Services",
                "Contact Officer:",
                "T Clarke",
                "Key Decision: No – information only",
                "Report Track: Audit and Governance Committee 14.11.17",
                "",
                "PERFORMANCE UPDATE QUARTER 2 2017/18",
            ]
        )
    )
    assert meta.cover["report_of"] == "Head of Governance and Corporate Services"
    assert meta.cover["contact_officer"] == "T Clarke"
    assert meta.cover["item_number"] == "11"
    assert (meta.committee, meta.report_date, meta.report_type) == (
        "Audit and Governance Committee",
        date(2017, 11, 14),
        "committee_performance_report",
    )
    assert (meta.financial_year, meta.quarters) == ("2017/18", ("Q2",))


def test_year_from_the_months_a_title_names() -> None:
    meta = read_metadata(
        _doc(
            [
                "COUNCIL",
                "14 Feb 2017",
                "",
                "Q3 Performance Report (October–December 2016)",
            ]
        )
    )
    assert (meta.financial_year, meta.quarters, meta.report_date) == (
        "2016/17",
        ("Q3",),
        date(2017, 2, 14),
    )
    assert (
        read_metadata(_doc(["REPORT OF THE HEAD OF ENVIRONMENTAL SERVICES"])).cover[
            "report_of"
        ]
        == "Head of Environmental Services"
    )


def test_partnership_update_dated_by_the_first_month_of_its_cycle() -> None:
    meta = read_metadata(
        _doc(
            [
                "This is the second quarterly report to update Cabinet on key areas of",
                "Partnership work following the LSP cycle of meetings in",
                "September and October 2015, since the Cabinet meeting in June.",
                "",
                "The Community Safety Delivery Plan for 2016/17 is attached as",
                "Appendix A.",
                " 6",
            ]
        )
    )
    assert (meta.report_type, meta.financial_year, meta.quarters) == (
        "partnership_update",
        "2015/16",
        ("Q2",),
    )
    assert meta.title is None


def test_a_quarter_update_covers_the_quarters_it_prints() -> None:
    meta = read_metadata(
        _doc(
            [
                "Housing Priority Delivery Plan 2016-17 Quarter 3 Performance Update",
                "",
                "\tQuarter 1\tQuarter 2\tQuarter 3\tQuarter 4\tAnnual Target",
                "Number of homes built\t12\t14\t9\t\t50",
            ]
        )
    )
    assert meta.quarters == ("Q1", "Q2", "Q3")
    assert meta.named_quarters == ("Q3",)
