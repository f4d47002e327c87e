"""Cover sheets, meetings, periods and report kinds in every form councils print
them. Each example is made up, a few lines in the printed form it stands for."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfgen.canvas import Canvas

from extract.cover.cover_values import bound, derived
from extract.cover.metadata import Metadata, key_decision, read_metadata
from extract.pipeline import process_document
from extract.readers import read_document
from extract.records import IssueRow
from normalise.periods import stated_period, title_quarters, title_years
from schemas.organisations import by_name, organisations
from tests.conftest import synthetic

ALL = ("Q1", "Q2", "Q3", "Q4")


@pytest.mark.parametrize(
    "title, quarters, years",
    [
        ("Quarter Four Performance Report", ("Q4",), []),
        ("Third Quarter Performance Update", ("Q3",), []),
        ("Q3 Performance Report 2017/18", ("Q3",), ["2017/18"]),
        ("Mid Year Performance Report 2012-13", ("Q1", "Q2"), ["2012/13"]),
        ("End of Year Performance Update 2009/2010", ALL, ["2009/10"]),
        ("Year End Performance Report", ALL, []),
        ("Annual Performance Report 2019-20", ALL, ["2019/20"]),
        ("Best Value Performance Indicator Outturn 2007-08", ALL, ["2007/08"]),
        ("Six Monthly Performance Report 2017/18", ("Q1", "Q2"), ["2017/18"]),
        ("Half Yearly Performance Update 2015-16", ("Q1", "Q2"), ["2015/16"]),
        ("Mid-Year Outturn Performance Report 2016/17", ("Q1", "Q2"), ["2016/17"]),
        # A whole-year title that names the one quarter it reports.
        ("Year End (Quarter 4) Performance Report", ("Q4",), []),
        ("Performance Report (October to December 2017)", ("Q3",), ["2017/18"]),
        ("Quarter Four (1 January 2019 - 31 March 2019)", ("Q4",), ["2018/19"]),
        ("Update for the quarter ending 31st March 2018", ("Q4",), ["2017/18"]),
        ("Performance Report 12/13", (), ["2012/13"]),
        # A monthly digest's period is a month of the financial year: the
        # quarters had been none.
        ("Performance Digest Period 6 (September) 2017/18", ("Q2",), ["2017/18"]),
        ("Performance Review Report - Period 9 2018/19", ("Q3",), ["2018/19"]),
        ("Period 12 Budget Monitoring", ("Q4",), []),
        ("Performance Digest Period 6 - 2018/19", ("Q2",), ["2018/19"]),
        # A date's day after "period" is no month's number.
        (
            "Performance for the period 1 October to 31 December 2018",
            ("Q3",),
            ["2018/19"],
        ),
        ("Performance for the period 01/07/2018 to 30/09/2018", (), []),
        # Grid columns and dates are no period.
        ("Annual Target", (), []),
        ("Cabinet 14/03/17", (), []),
        ("April to November 2017", (), []),
    ],
)
def test_title_periods(title: str, quarters: tuple[str, ...], years: list[str]) -> None:
    assert (title_quarters(title), title_years(title)) == (quarters, years)


@pytest.mark.parametrize(
    "text, period",
    [
        (
            "This update covers the quarter ending 31st March 2018.",
            ("2017/18", ("Q4",)),
        ),
        ("This report covers October to December 2017.", ("2017/18", ("Q3",))),
        ("Works run from October to December 2017.", None),
    ],
)
def test_stated_period(text: str, period: tuple[str, tuple[str, ...]] | None) -> None:
    assert stated_period(text) == period


FLATTENED = (
    "ITEM NO. 6.3 Report of: Head of Housing Contact Officer: J. Smith Telephone "
    "No: 01543 462621 Portfolio Leader: Housing Key Decision: Yes Report Track: "
    "Cabinet: 14/03/17 CABINET 14 MARCH 2017 QUARTER 3 PERFORMANCE REPORT 2016/17 "
    "1 Purpose of Report 1.1 To inform Cabinet of performance against the Housing "
    "Priority Delivery Plan in Quarter 3 (October to December 2016). 2 "
    "Recommendations 2.1 That Cabinet notes the report. Contact Officer: see above."
)
AGENDA = [
    "Civic Centre, PO Box 99, Market Street, Cannock, Staffordshire WS11 1AA",
    "tel 01543 462621 | www.cannockchasedc.gov.uk",
    "Please ask for: Mrs. A. Clerk",
    "Extension No: 4584",
    "E-Mail: aclerk@cannockchasedc.gov.uk",
    "",
    "8 March 2017",
    "",
    "Dear Councillor,",
    "",
    "CABINET",
    "THURSDAY, 16 MARCH 2017 AT 4:00 P.M.",
    "COUNCIL CHAMBER, CIVIC CENTRE, CANNOCK",
    "",
    "You are invited to attend this meeting for consideration of the matters "
    "itemised in the following Agenda.",
    "",
    "AGENDA",
    "1. Apologies",
    "2. Minutes",
    "To approve the Minutes of the meeting held on 16 February 2017 (enclosed).",
    "6. Treasury Management Update 2016-17",
    "Report of the Head of Finance (Enclosure 6.1)",
    "7. Quarter 3 Performance Report 2016-17 \u2014 Report of the Head of "
    "Governance (Enclosure 7.1)",
    "8. Exclusion of the Public",
]
UPPER_CASE_ONE_LINE = (
    "ENCLOSURE 16.1 Page 1 of 12 COUNCIL 25 JUNE 2008 REPORT OF CHIEF EXECUTIVE "
    "BEST VALUE PERFORMANCE INDICATOR OUTTURN 2007-08 1. PURPOSE OF REPORT 1.1 To "
    "report the outturn of the Best Value Performance Indicators for 2007-08."
)
UPPER_CASE_LINES = [
    "ENCLOSURE 16.1",
    "",
    "COUNCIL",
    "25 JUNE 2008",
    "",
    "REPORT OF CHIEF EXECUTIVE",
    "",
    "BEST VALUE PERFORMANCE INDICATOR OUTTURN 2007-08",
    "",
    "1. PURPOSE OF REPORT",
]
LABELS_ABOVE_VALUES = [
    "Policy and Resources Committee",
    "Tuesday 9th November 2016",
    "",
    "Performance Monitoring Quarter 2 2016/17",
    "",
    "Final Decision-Maker",
    "Policy and Resources Committee",
    "Lead Head of Service",
    "Jo Bloggs, Head of Policy and Communications",
    "Lead Officer and Report Author",
    "",
    "Sam Green, Performance Officer",
    "Classification",
    "Public",
    "Wards affected",
    "All",
]

# What `documents` prints, all of it, for each form.
NOTHING: dict[str, Any] = {
    "item_number": None,
    "report_of": None,
    "contact_officer": None,
    "portfolio": None,
    "key_decision": None,
    "report_track": None,
    "committee": None,
    "report_date": None,
    "financial_year": None,
    "quarters": (),
    "report_type": "other",
}

# Cannock Chase's Scrutiny cover of 6 October 2014, whose "Portfolio Leader"
# has no colon, in each form below.
SCRUTINY_2014: dict[str, Any] = {
    "item_number": "9.1",
    "report_of": "Chief Executive",
    "contact_officer": "R. Lamond",
    "portfolio": "Corporate Improvement",
    "key_decision": False,
    "report_track": "Scrutiny Committee 6/10/14",
    "committee": "Scrutiny Committee",
    "report_date": date(2014, 10, 6),
    "financial_year": "2014/15",
    "quarters": ("Q1",),
    "report_type": "committee_performance_report",
}

# Cannock Chase's Cabinet cover of 19 April 2007, printed in upper case.
CABINET_2007: dict[str, Any] = {
    "item_number": "7.1",
    "report_of": "Head of Policy and Performance",
    "portfolio": "Policy and Resources",
    "committee": "Cabinet",
    "report_date": date(2007, 4, 19),
}

FORMS: list[tuple[str, list[str], dict[str, Any]]] = [
    (
        "report by",
        [
            "Report by:\tHead of Governance",
            "Contact Officer:\tR Lamond",
            # A bare "Contact:" may give a number as well as a name: not read.
            "Contact:\t01543 462621",
            "Telephone No:\t4598",
            "Portfolio Holder:\tCommunity Safety",
            "Key Decision:\tNo",
            "",
            "CABINET",
            "14 MARCH 2017",
            "QUARTER 3 PERFORMANCE REPORT 2016/17",
        ],
        {
            "report_of": "Head of Governance",
            "contact_officer": "R Lamond",
            "portfolio": "Community Safety",
            "key_decision": False,
            "committee": "Cabinet",
            "report_date": date(2017, 3, 14),
            "financial_year": "2016/17",
            "quarters": ("Q3",),
            "report_type": "committee_performance_report",
        },
    ),
    (
        "flattened one-line sheet",
        [FLATTENED],
        {
            "item_number": "6.3",
            "report_of": "Head of Housing",
            "contact_officer": "J. Smith",
            "portfolio": "Housing",
            "key_decision": True,
            "report_track": "Cabinet: 14/03/17",
            "committee": "Cabinet",
            "report_date": date(2017, 3, 14),
            "financial_year": "2016/17",
            "quarters": ("Q3",),
            "report_type": "committee_performance_report",
        },
    ),
    (
        "agenda front sheet",
        AGENDA,
        {
            "report_of": "Head of Governance",
            "committee": "Cabinet",
            "report_date": date(2017, 3, 16),
            "financial_year": "2016/17",
            "quarters": ("Q3",),
            "report_type": "committee_performance_report",
        },
    ),
    (
        "upper-case enclosure on one line",
        [UPPER_CASE_ONE_LINE],
        {
            "item_number": "16.1",
            "report_of": "Chief Executive",
            "committee": "Council",
            "report_date": date(2008, 6, 25),
            "financial_year": "2007/08",
            "quarters": ("Q1", "Q2", "Q3", "Q4"),
            "report_type": "committee_performance_report",
        },
    ),
    (
        "upper-case enclosure, a heading a line",
        UPPER_CASE_LINES,
        {
            "item_number": "16.1",
            "report_of": "Chief Executive",
            "committee": "Council",
            "report_date": date(2008, 6, 25),
            "financial_year": "2007/08",
            "quarters": ("Q1", "Q2", "Q3", "Q4"),
            "report_type": "committee_performance_report",
        },
    ),
    (
        "label on its own line, value on the next",
        LABELS_ABOVE_VALUES,
        {
            "report_of": "Head of Policy and Communications",
            "contact_officer": "Sam Green",
            "committee": "Policy and Resources Committee",
            "report_date": date(2016, 11, 9),
            "financial_year": "2016/17",
            "quarters": ("Q2",),
            "report_type": "committee_performance_report",
        },
    ),
    (
        "labels as one column, values as the next (a copy from a PDF viewer)",
        [
            "Report of:",
            "Contact Officer:",
            "Portfolio Leader:",
            "Key Decision:",
            "Report Track:",
            "",
            "Head of Housing",
            "J. Smith",
            "Housing",
            "No",
            "Cabinet 14/03/17",
            "",
            "CABINET",
            "14 MARCH 2017",
            "QUARTER 3 PERFORMANCE REPORT 2016/17",
            "1 Purpose of Report",
        ],
        {
            "report_of": "Head of Housing",
            "contact_officer": "J. Smith",
            "portfolio": "Housing",
            "key_decision": False,
            "report_track": "Cabinet 14/03/17",
            "committee": "Cabinet",
            "report_date": date(2017, 3, 14),
            "financial_year": "2016/17",
            "quarters": ("Q3",),
            "report_type": "committee_performance_report",
        },
    ),
    (
        "a column of labels with a value missing: no label takes another's",
        [
            "Report of:",
            "Contact Officer:",
            "Portfolio Leader:",
            "",
            "Head of Housing",
            "J. Smith",
            "",
            "1 Purpose of Report",
        ],
        {},
    ),
    (
        "prose: report of the Leader, Date:, Agenda item:",
        [
            "Agenda item: 7",
            "Date: 26th November 2012",
            "",
            "Report of the Leader of the Council",
            "",
            "MID YEAR PERFORMANCE REPORT 2012-13",
            "",
            "1. Purpose of Report",
        ],
        {
            "item_number": "7",
            "report_of": "Leader of the Council",
            "report_date": date(2012, 11, 26),
            "financial_year": "2012/13",
            "quarters": ("Q1", "Q2"),
            "report_type": "committee_performance_report",
        },
    ),
    (
        "prose: report of the Portfolio Holder, third quarter",
        [
            "Cabinet",
            "01/12/2016",
            "",
            "Joint report of the Portfolio Holder \u2013 Corporate Governance",
            "",
            "Third Quarter Performance Update 2016/17",
        ],
        {
            "report_of": "Portfolio Holder \u2013 Corporate Governance",
            "portfolio": "Corporate Governance",
            "committee": "Cabinet",
            "report_date": date(2016, 12, 1),
            "financial_year": "2016/17",
            "quarters": ("Q3",),
            "report_type": "committee_performance_report",
        },
    ),
    (
        "prose: submission by the Cabinet Member, 12/13",
        [
            "Scrutiny Committee",
            "26.11.12",
            "",
            "Submission by the Cabinet Member for Finance and Resources",
            "",
            "Quarter Four Performance Report 12/13",
        ],
        {
            "report_of": "Cabinet Member for Finance and Resources",
            "portfolio": "Finance and Resources",
            "committee": "Scrutiny Committee",
            "report_date": date(2012, 11, 26),
            "financial_year": "2012/13",
            "quarters": ("Q4",),
            "report_type": "committee_performance_report",
        },
    ),
    (
        "meeting and date on one line, 13th June, annual report",
        [
            "Overview and Scrutiny Committee 13th June 2012",
            "Annual Performance Report 2011/12",
            "Report of: Head of Policy",
        ],
        {
            "report_of": "Head of Policy",
            "committee": "Overview and Scrutiny Committee",
            "report_date": date(2012, 6, 13),
            "financial_year": "2011/12",
            "quarters": ("Q1", "Q2", "Q3", "Q4"),
            "report_type": "committee_performance_report",
        },
    ),
    (
        "year end naming the one quarter it reports, 2009/2010",
        [
            "AUDIT COMMITTEE",
            "Tuesday 29th June 2010",
            "",
            "Year End (Quarter 4) Performance Report 2009/2010",
        ],
        {
            "committee": "Audit Committee",
            "report_date": date(2010, 6, 29),
            "financial_year": "2009/10",
            "quarters": ("Q4",),
            "report_type": "committee_performance_report",
        },
    ),
    (
        "months of a quarter",
        [
            "CABINET",
            "8th February 2018",
            "",
            "Q3 Performance Report (October to December 2017)",
        ],
        {
            "committee": "Cabinet",
            "report_date": date(2018, 2, 8),
            "financial_year": "2017/18",
            "quarters": ("Q3",),
            "report_type": "committee_performance_report",
        },
    ),
    (
        "partnership update covering the quarter ending 31st March",
        [
            "This is the end of year quarterly report to update Cabinet on key areas",
            "of Partnership work, covering the quarter ending 31st March 2018,",
            "following the LSP cycle of meetings in April and May 2018.",
        ],
        {
            "financial_year": "2017/18",
            "quarters": ("Q4",),
            "report_type": "partnership_update",
        },
    ),
    (
        "a plan's year-end appendix, 2019-20",
        [
            "Housing Priority Delivery Plan 2019-20",
            "Year End Performance Update",
            "",
            "\tQuarter 4\tAnnual Target",
        ],
        {
            "financial_year": "2019/20",
            "quarters": ("Q1", "Q2", "Q3", "Q4"),
            "report_type": "pdp_performance_update",
        },
    ),
    (
        "a council's performance report, to no meeting, is a performance update",
        [
            "Stafford Borough Council",
            "Quarter 3 Performance Report 2018/19",
            "",
            "\tQuarter 1\tQuarter 2\tQuarter 3\tAnnual Target",
            "Number of fly tipping incidents\t123\t121\t81\t400",
        ],
        {
            "financial_year": "2018/19",
            "quarters": ("Q1", "Q2", "Q3"),
            "report_type": "pdp_performance_update",
        },
    ),
    (
        "a performance report's period stated in its opening",
        [
            "Tamworth Borough Council",
            "",
            "Corporate Performance Report 2018/19",
            "",
            "This report covers the quarter ending 31 December 2018.",
        ],
        {
            "financial_year": "2018/19",
            "quarters": ("Q3",),
            "report_type": "pdp_performance_update",
        },
    ),
    (
        "performance and a quarter after a dash, to a meeting",
        [
            "Meeting: Strategic (Overview and Scrutiny) Committee",
            "Date: 14th November 2017",
            "",
            "Money Matters and Performance \u2013 Quarter 2 2017/18",
        ],
        {
            "committee": "Strategic (Overview and Scrutiny) Committee",
            "report_date": date(2017, 11, 14),
            "financial_year": "2017/18",
            "quarters": ("Q2",),
            "report_type": "committee_performance_report",
        },
    ),
    (
        "a financial performance report to no meeting is another paper",
        ["Financial Performance Report Quarter 2 2018/19"],
        {"financial_year": "2018/19", "quarters": ("Q2",)},
    ),
    (
        "a scorecard dated by its opening is a performance report",
        [
            "Corporate Performance Scorecard",
            "",
            "This report covers the quarter ending 30 September 2018.",
        ],
        {
            "financial_year": "2018/19",
            "quarters": ("Q2",),
            "report_type": "pdp_performance_update",
        },
    ),
    (
        "a performance report with the budget's monitoring is a performance report",
        [
            "Council Performance Report Quarter 2 2018/19 - Revenue and Capital "
            "Budget Monitoring"
        ],
        {
            "financial_year": "2018/19",
            "quarters": ("Q2",),
            "report_type": "pdp_performance_update",
        },
    ),
    (
        "a framework speaking of performance is another paper",
        ["Performance Management Framework 2018-2021"],
        {},
    ),
    (
        "a partnership's performance update is a partnership update",
        [
            "Local Strategic Partnership Performance Update",
            "",
            "This report is the third quarterly report to update Cabinet on key "
            "areas of Partnership work following the LSP cycle of meetings in "
            "November and December 2012.",
        ],
        {
            "financial_year": "2012/13",
            "quarters": ("Q3",),
            "report_type": "partnership_update",
        },
    ),
    (
        "a business case is another paper, its dates no period",
        [
            "Report of: Head of Economic Development",
            "Report Track: Cabinet 19/10/17",
            "Key Decision: Yes",
            "",
            "CABINET",
            "19 OCTOBER 2017",
            "RUGELEY TOWN STATION \u2013 BUSINESS CASE",
            "",
            "1 Purpose of Report",
            "1.1 To seek approval of the business case for works at the station",
            "in 2018/19, planned from October to December 2018 (Quarter 3).",
        ],
        {
            "report_of": "Head of Economic Development",
            "key_decision": True,
            "report_track": "Cabinet 19/10/17",
            "committee": "Cabinet",
            "report_date": date(2017, 10, 19),
        },
    ),
    (
        "labels printed without colons, a cover table's cells",
        [
            "ITEM NO. 9.1",
            "",
            # "Report of" ends on a joining word: the next label is no rest of it.
            "Report of\tChief Executive",
            "Contact Officer\tR. Lamond",
            "Telephone No\t01543 464598",
            "Portfolio Leader\tCorporate Improvement",
            "Key Decision\tNo",
            "Report Track\tScrutiny Committee 6/10/14",
            "",
            "SCRUTINY",
            "6th OCTOBER 2014",
            "QUARTER 1 PERFORMANCE REPORT 2014/15",
            "",
            "1 Purpose of Report",
        ],
        SCRUTINY_2014,
    ),
    (
        "one label without its colon among labels with theirs",
        [
            "ITEM NO. 9.1",
            "Report of:\tChief Executive",
            "Contact Officer:\tR. Lamond",
            "Portfolio Leader\tCorporate Improvement",
            "Key Decision:\tNo",
            "Report Track:\tScrutiny Committee 6/10/14",
            "",
            "SCRUTINY",
            "6th OCTOBER 2014",
            "QUARTER 1 PERFORMANCE REPORT 2014/15",
        ],
        SCRUTINY_2014,
    ),
    (
        "a flattened sheet's label without its colon",
        [
            "ITEM NO. 9.1 Report of: Chief Executive Contact Officer: R. Lamond "
            "Telephone No: 01543 464598 Portfolio Leader Corporate Improvement Key "
            "Decision: No Report Track: Scrutiny Committee 6/10/14 SCRUTINY 6th "
            "OCTOBER 2014 QUARTER 1 PERFORMANCE REPORT 2014/15 1 Purpose of Report "
            "1.1 The purpose of this report is to advise Members on the progress of "
            "the Council during Quarter One 2014/15."
        ],
        SCRUTINY_2014,
    ),
    (
        "upper case, a dash for the portfolio's colon, a line each",
        [
            "ENCLOSURE 7.1",
            "",
            "CANNOCK CHASE COUNCIL",
            "",
            "CABINET",
            "",
            "19 APRIL 2007",
            "",
            "REPORT OF HEAD OF POLICY AND PERFORMANCE",
            "",
            "PORTFOLIO LEADER \u2013 POLICY AND RESOURCES",
            "",
            "CORPORATE AND PERFORMANCE PLAN",
            "",
            "1. Purpose of Report",
        ],
        CABINET_2007,
    ),
    (
        # The council's name and the meeting's run together ("CANNOCK CHASE
        # COUNCIL CABINET"); the portfolio runs into the title.
        "upper case, flattened",
        [
            "ENCLOSURE 7.1 CANNOCK CHASE COUNCIL CABINET 19 APRIL 2007 REPORT OF "
            "HEAD OF POLICY AND PERFORMANCE PORTFOLIO LEADER \u2013 POLICY AND "
            "RESOURCES CORPORATE AND PERFORMANCE PLAN 1. Purpose of Report 1.1 To "
            "approve the contents of the draft Corporate and Performance Plan."
        ],
        CABINET_2007,
    ),
    (
        "a contact number after the contact officer",
        [
            "Item No. 14.1 Report of: Head of Economic Prosperity Contact Officer: "
            "Dean Piper / Debbie Harris Contact Number: 01543 464223 Portfolio "
            "Leader: Economic Development & Planning Key Decision: Yes Report "
            "Track: Cabinet: 28/01/21 Cabinet 28 January 2021 Cannock Railway "
            "Station 1 Purpose of Report 1.1 The report presents to Cabinet the "
            "Strategic Outline Business Case."
        ],
        {
            "item_number": "14.1",
            "report_of": "Head of Economic Prosperity",
            "contact_officer": "Dean Piper / Debbie Harris",
            "portfolio": "Economic Development & Planning",
            "key_decision": True,
            "report_track": "Cabinet: 28/01/21",
            "committee": "Cabinet",
            "report_date": date(2021, 1, 28),
        },
    ),
    (
        # `pdftotext` (no flags) of a cover table: the labels, then the
        # values, one of them wrapped over two lines.
        "labels then values, a value wrapped",
        [
            "ITEM NO. 9.1",
            "Report of:",
            "Contact Officer:",
            "Telephone No:",
            "Portfolio Leader",
            "Key Decision:",
            "Report Track:",
            "",
            "Chief Executive and Head of",
            "Paid Service",
            "R. Lamond",
            "01543 464598",
            "Corporate Improvement",
            "No",
            "Scrutiny Committee 6/10/14",
            "",
            "SCRUTINY",
            "6th OCTOBER 2014",
            "QUARTER 1 PERFORMANCE REPORT 2014/15",
        ],
        SCRUTINY_2014 | {"report_of": "Chief Executive and Head of Paid Service"},
    ),
    (
        # `pdftotext -raw` of the same: a value's wrapped rest on a line of its
        # own.
        "a label's value going on on the next line",
        [
            "ITEM NO. 9.1",
            "Report of: Chief Executive and Head of",
            "Paid Service",
            "Contact Officer: R. Lamond",
            "Telephone No: 01543 464598",
            "Portfolio Leader Corporate Improvement",
            "Key Decision: No",
            "Report Track: Scrutiny Committee 6/10/14",
            "SCRUTINY",
            "6th OCTOBER 2014",
            "QUARTER 1 PERFORMANCE REPORT 2014/15",
        ],
        SCRUTINY_2014 | {"report_of": "Chief Executive and Head of Paid Service"},
    ),
    (
        "a portfolio leader named in prose is no field",
        [
            "CABINET",
            "14 MARCH 2017",
            "QUARTER 3 PERFORMANCE REPORT 2016/17",
            "",
            "The Portfolio Leader Housing asked for this report.",
            "",
            "1 Purpose of Report",
        ],
        {
            "committee": "Cabinet",
            "report_date": date(2017, 3, 14),
            "financial_year": "2016/17",
            "quarters": ("Q3",),
            "report_type": "committee_performance_report",
        },
    ),
    (
        # A moderngov cover: the title a field of its own; the key decision
        # asked; the lead member a councillor, no portfolio.
        "a title field and a key decision asked",
        [
            "Report to:\tCabinet",
            "Date of Meeting:\t14th June 2018",
            "Title:\tQuarter 4 Performance Report 2017/18",
            "Report of:\tDirector of Resources",
            "Lead Member:\tCouncillor J Bloggs",
            "Is this a Key Decision?\tYes",
            "Wards Affected:\tAll",
            "",
            "1 Purpose of Report",
        ],
        {
            "report_of": "Director of Resources",
            "key_decision": True,
            "committee": "Cabinet",
            "report_date": date(2018, 6, 14),
            "financial_year": "2017/18",
            "quarters": ("Q4",),
            "report_type": "committee_performance_report",
        },
    ),
    (
        "a subject field, a key decision required and a portfolio holder's portfolio",
        [
            "Committee:\tCabinet",
            "Date:\t12/06/18",
            "Subject:\tQuarter 2 Performance Report 2018/19",
            "Portfolio Holder:\tCouncillor A Smith, Portfolio Holder for Environment",
            "Key Decision Required:\tNo",
            "",
            "1 Purpose of Report",
        ],
        {
            "portfolio": "Environment",
            "key_decision": False,
            "committee": "Cabinet",
            "report_date": date(2018, 6, 12),
            "financial_year": "2018/19",
            "quarters": ("Q2",),
            "report_type": "committee_performance_report",
        },
    ),
]


def _fields(meta: Metadata) -> dict[str, Any]:
    return {
        "item_number": meta.cover.get("item_number"),
        "report_of": meta.cover.get("report_of"),
        "contact_officer": meta.cover.get("contact_officer"),
        "portfolio": meta.cover.get("portfolio"),
        "key_decision": key_decision(meta.cover.get("key_decision")),
        "report_track": meta.cover.get("report_track"),
        "committee": meta.committee,
        "report_date": meta.report_date,
        "financial_year": meta.financial_year,
        "quarters": meta.quarters,
        "report_type": meta.report_type,
    }


@pytest.mark.parametrize(
    "lines, expected",
    [(lines, exp) for _, lines, exp in FORMS],
    ids=[f[0] for f in FORMS],
)
def test_cover_sheet_forms(lines: list[str], expected: dict[str, Any]) -> None:
    meta = read_metadata(synthetic(lines)[0])
    assert _fields(meta) == NOTHING | expected
    assert meta.issues == ()


# The cover of Cannock Chase's Annual Performance Report 2018/19 (Cabinet, 13
# June 2019) as `pdftotext -layout` sets a cover table: a label's value wraps
# under itself, and one label has no colon.
LAID_OUT_COVER = """\
                                                                    ITEM NO. 7.1

Report of:           Head of Governance and
                     Corporate Services
Contact Officer:     Adrian Marklew
Telephone No:        01543 464 598
Portfolio Leader     Corporate Improvement
Key Decision:        No
Report Track:        Cabinet: 13/06/19

                                   CABINET
                                 13 JUNE 2019
                       ANNUAL PERFORMANCE REPORT 2018/19

1      Purpose of Report
"""


def test_laid_out_cover_table_with_a_label_without_its_colon() -> None:
    data = LAID_OUT_COVER.encode()
    doc = read_document(Path("cover.txt"), "cover.txt", data, text_form="layout")
    meta = read_metadata(doc)
    assert _fields(meta) == {
        "item_number": "7.1",
        "report_of": "Head of Governance and Corporate Services",
        "contact_officer": "Adrian Marklew",
        "portfolio": "Corporate Improvement",
        "key_decision": False,
        "report_track": "Cabinet: 13/06/19",
        "committee": "Cabinet",
        "report_date": date(2019, 6, 13),
        "financial_year": "2018/19",
        "quarters": ("Q1", "Q2", "Q3", "Q4"),
        "report_type": "committee_performance_report",
    }
    assert meta.issues == ()


# A cover set without blank lines (plain `pdftotext` of a cover whose lines
# are close together): the meeting heading and the first numbered section are
# no part of the title.
UNSPACED_COVER = (
    "ITEM NO. 6.1\nReport of: Head of Finance\nContact Officer: J Smith\n"
    "Telephone No: 01543 462621\nPortfolio Leader: Corporate Improvement\n"
    "Key Decision: No\nReport Track: Cabinet: 12/06/17\n{meeting}\n"
    "QUARTER 4 PERFORMANCE REPORT 2016/17\n{section}\n"
    "To advise Members on the position at the end of 2016/17.\n"
    "2 Recommendations\n2.1 To note the performance information.\n"
)


@pytest.mark.parametrize(
    "meeting, section",
    [
        ("CABINET\n12 JUNE 2017", "1 Purpose of Report"),
        ("CABINET\n12 JUNE 2017", "1.0 PURPOSE OF THE REPORT"),
        ("CABINET 12 JUNE 2017", "1 Introduction"),
        ("Scrutiny 12th June 2017", "1 Executive Summary"),
    ],
)
def test_the_title_of_a_cover_without_blank_lines(meeting: str, section: str) -> None:
    """The title had been null: with no blank line the block it stands in
    runs on into the report, too long to be a title."""
    data = UNSPACED_COVER.format(meeting=meeting, section=section).encode()
    meta = read_metadata(read_document(Path("cover.txt"), "cover.txt", data))
    assert (meta.title, meta.committee, meta.report_date) == (
        "QUARTER 4 PERFORMANCE REPORT 2016/17",
        # The report track's meeting.
        "Cabinet",
        date(2017, 6, 12),
    )
    assert meta.financial_year == "2016/17"


@pytest.mark.parametrize(
    "heading, committee",
    [
        ("Scrutiny 6th October 2014", "Scrutiny"),
        (
            "Overview and Scrutiny Committee 6th October 2014",
            "Overview and Scrutiny Committee",
        ),
        ("Scrutiny Management Board 6 October 2014", "Scrutiny Management Board"),
    ],
)
def test_a_meeting_called_scrutiny(heading: str, committee: str) -> None:
    """ "Scrutiny" before its date is the meeting's name, and only there."""
    meta = read_metadata(
        synthetic([heading, "Quarter 1 Performance Report 2014/15"])[0]
    )
    assert (meta.committee, meta.report_date, meta.title) == (
        committee,
        date(2014, 10, 6),
        "Quarter 1 Performance Report 2014/15",
    )


# A report that goes to Cabinet and then to Council prints both meetings in
# its track, the second under the first; the meeting's own heading follows.
TWO_MEETINGS = {
    "tab": "Report of:\tHead of Governance\nContact Officer:\tR Lamond\n"
    "Report Track:\tCabinet 13/06/19\n\tCouncil 26/06/19\n\n",
    "layout": "Report of:              Head of Governance\n"
    "Contact Officer:        R Lamond\n"
    "Report Track:           Cabinet 13/06/19\n"
    "                        Council 26/06/19\n\n",
    "flattened": "Report of: Head of Governance Contact Officer: R Lamond Report "
    "Track: Cabinet 13/06/19 Council 26/06/19 ",
}


@pytest.mark.parametrize("form", sorted(TWO_MEETINGS))
def test_a_report_track_of_two_meetings(form: str) -> None:
    """The track keeps both meetings; the report goes to the first, on the
    date its heading prints: "Council 26/06/19" had been read as a heading
    of its own, so the report's date was Council's, 26 June, silently."""
    heading = "CABINET\n13th JUNE 2019\nQUARTER 4 PERFORMANCE REPORT 2018/19\n"
    if form == "flattened":
        heading = heading.replace("\n", " ") + "\n"
    text = TWO_MEETINGS[form] + heading + "\n1 Purpose of Report\n"
    text_form = "layout" if form == "layout" else None
    doc = read_document(Path("c.txt"), "c.txt", text.encode(), text_form=text_form)
    meta = read_metadata(doc)
    fields = _fields(meta)
    assert (fields["report_track"], fields["committee"], fields["report_date"]) == (
        "Cabinet 13/06/19 Council 26/06/19",
        "Cabinet",
        date(2019, 6, 13),
    )
    assert (fields["report_of"], fields["contact_officer"]) == (
        "Head of Governance",
        "R Lamond",
    )


@pytest.mark.parametrize(
    "printed, portfolio",
    [
        ("Councillor A Smith, Portfolio Holder for Environment", "Environment"),
        ("Councillor Mrs. C. Mitchell – Community Safety", "Community Safety"),
        ("Councillor J Smith - Housing and Health", "Housing and Health"),
        # A name run into its portfolio without a mark stays whole.
        ("Councillor Mrs. C. Mitchell Community Safety", None),
        # A councillor alone names no portfolio.
        ("Councillor John Paul Smith", "-"),
        ("Councillor Tony de Souza", "-"),
        ("Cllr Sir Jim Harris", "-"),
        ("Councillor A. Smith MBE", "-"),
        # What names no portfolio after a name is kept as printed.
        ("Councillor J Smith, Councillor K Jones", None),
        ("Councillor J Smith, Green Party", None),
        ("Councillor A Smith, Licensing", "Licensing"),
        ("Councillor A Smith, Street Scene", "Street Scene"),
        ("Councillor A Smith – Health and Well-being", "Health and Well-being"),
        ("Community Safety", "Community Safety"),
    ],
)
def test_a_portfolio_not_its_holder(printed: str, portfolio: str | None) -> None:
    got = derived("portfolio", printed)
    expected = {None: [("portfolio", printed)], "-": []}.get(
        portfolio, [("portfolio", portfolio)]
    )
    assert got == expected


@pytest.mark.parametrize(
    "label, value, field, expected",
    [
        # One label wrapped in its cell, its value beside both lines.
        (
            ("Relevant Portfolio", "Holder:"),
            ("Councillor Mrs. C. Mitchell –", "Community Safety"),
            "portfolio",
            "Community Safety",
        ),
        (
            ("Lead Officer and Report", "Author:"),
            ("Jo Bloggs, Policy and", "Performance Officer"),
            "contact_officer",
            "Jo Bloggs",
        ),
        # Two labels: a label under one the cover does not know is its own.
        (
            ("Telephone Number", "Portfolio Leader:"),
            ("01543 464598", "Corporate Improvement"),
            "portfolio",
            "Corporate Improvement",
        ),
        # Labels a column could have too, or a value that ends whole: rows
        # of their own ("01543 464598 Corporate Improvement" had been the
        # portfolio).
        (
            ("Telephone Number", "Portfolio:"),
            ("01543 464598", "Corporate Improvement"),
            "portfolio",
            "Corporate Improvement",
        ),
        (
            ("E-mail", "Portfolio:"),
            ("rlamond@cannockchasedc.gov.uk", "Corporate Improvement"),
            "portfolio",
            "Corporate Improvement",
        ),
        (
            ("Report Author", "Lead Member:"),
            ("R Lamond", "Cllr A. Smith"),
            "portfolio",
            None,
        ),
        # The label's last word wrapped, its value whole on each line.
        (
            ("Relevant Portfolio", "Holder:"),
            ("Councillor Mrs. C. Mitchell", "Community Safety"),
            "portfolio",
            "Councillor Mrs. C. Mitchell Community Safety",
        ),
        (
            ("Direct Dial", "Portfolio:"),
            ("01543 464598", "Corporate Improvement"),
            "portfolio",
            "Corporate Improvement",
        ),
    ],
)
def test_a_laid_out_label_wrapped_in_its_cell(
    label: tuple[str, str], value: tuple[str, str], field: str, expected: str | None
) -> None:
    """`pdftotext -layout` of a cover table whose label wraps: "Holder:" had
    started a row of its own, so the portfolio was lost, silently."""
    lines = [
        "Report of:              Head of Governance",
        *(f"{a:<24}{b}" for a, b in zip(label, value, strict=True)),
        "Key Decision:           No",
        "",
        "1 Purpose of Report",
    ]
    data = "\n".join(lines).encode()
    doc = read_document(Path("c.txt"), "c.txt", data, text_form="layout")
    meta = read_metadata(doc)
    assert meta.cover.get(field) == expected
    assert meta.cover.get("report_of") == "Head of Governance"
    assert key_decision(meta.cover.get("key_decision")) is False


@pytest.mark.parametrize("form", sorted(TWO_MEETINGS))
@pytest.mark.parametrize(
    "meeting", ["COUNCIL", "FULL COUNCIL", "CANNOCK CHASE COUNCIL\nCOUNCIL"]
)
def test_a_track_of_two_meetings_on_the_second_meeting_s_paper(
    form: str, meeting: str
) -> None:
    """The same track on the paper for Council, whose heading names it: the
    committee is Council's (it had been Cabinet, with Council's date)."""
    heading = f"{meeting}\n26th JUNE 2019\nQUARTER 4 PERFORMANCE REPORT 2018/19\n"
    if form == "flattened":
        heading = heading.replace("\n", " ") + "\n"
    text = TWO_MEETINGS[form] + heading + "\n1 Purpose of Report\n"
    text_form = "layout" if form == "layout" else None
    doc = read_document(Path("c.txt"), "c.txt", text.encode(), text_form=text_form)
    fields = _fields(read_metadata(doc))
    assert (fields["committee"], fields["report_date"]) == (
        "Council",
        date(2019, 6, 26),
    )


@pytest.mark.parametrize(
    "raw, value, rest",
    [
        ("Cabinet 13/06/19 Council 26/06/19", "Cabinet 13/06/19 Council 26/06/19", ""),
        (
            "Cabinet: 13/06/19, Full Council: 26/06/19",
            "Cabinet: 13/06/19, Full Council: 26/06/19",
            "",
        ),
        # An upper-case meeting heading after the track is the paper's own.
        (
            "Cabinet: 13/06/19 CABINET 13 JUNE 2019",
            "Cabinet: 13/06/19",
            " CABINET 13 JUNE 2019",
        ),
        ("Cabinet 13/06/19 Council in July", "Cabinet 13/06/19", " Council in July"),
    ],
)
def test_report_track_bounds(raw: str, value: str, rest: str) -> None:
    assert bound("report_track", raw) == (value, rest)


def test_an_upper_case_portfolio_run_into_a_title_it_cannot_be_told_from() -> None:
    # "WASTE STRATEGY" opens no title the way "CORPORATE" or "QUARTER" does: the
    # portfolio could be "Environment" or all of it.
    meta = read_metadata(
        synthetic(
            [
                "ENCLOSURE 7.1 CABINET 19 APRIL 2007 REPORT OF HEAD OF POLICY "
                "PORTFOLIO LEADER \u2013 ENVIRONMENT WASTE STRATEGY 1. Purpose of "
                "Report 1.1 To approve the strategy."
            ]
        )[0]
    )
    assert meta.cover.get("portfolio") is None
    assert meta.cover.get("report_of") == "Head of Policy"
    assert [i.code for i in meta.issues] == ["ambiguous_field"]
    assert "portfolio" in meta.issues[0].message


COVER_ROWS = [
    ("Contact Officer:", "R. Lamond"),
    ("Telephone No:", "01543 464598"),
    ("Portfolio Leader", "Corporate Improvement"),
    ("Key Decision:", "No"),
    ("Report Track:", "Scrutiny Committee 6/10/14"),
]


def _cover_table_pdf(rows: list[tuple[str, str]] = COVER_ROWS) -> bytes:
    """A cover sheet's table without rules, as a word processor prints it:
    each row a label and its value, rows one leading (14 pt) apart, as close
    as the wrapped lines of the paragraphs below; one value wraps, one label
    has no colon."""
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.setFont("Helvetica", 11)
    canvas.drawString(430, 800, "ITEM NO. 9.1")
    y = 770.0
    canvas.drawString(72, y, "Report of:")
    canvas.drawString(200, y, "Chief Executive and Head of")
    canvas.drawString(200, y - 14, "Paid Service")
    y -= 28
    for label, value in rows:
        canvas.drawString(72, y, label)
        canvas.drawString(200, y, value)
        y -= 14
    for heading in (
        "SCRUTINY",
        "6th OCTOBER 2014",
        "QUARTER 1 PERFORMANCE REPORT 2014/15",
    ):
        y -= 18
        canvas.drawString(72, y, heading)
    y -= 28
    paragraphs = [
        (
            "1.1",
            [
                "The purpose of this report is to advise Members on the progress of",
                "the Council during Quarter One 2014/15.",
            ],
        ),
        (
            "3.1",
            [
                "The overall rankings for each Portfolio area are detailed in Section",
                "5 below, indicating that 84.6% of targets have been achieved.",
            ],
        ),
    ]
    for number, lines in paragraphs:
        canvas.drawString(72, y, number)
        for line in lines:
            canvas.drawString(110, y, line)
            y -= 14
        y -= 10
    canvas.save()
    return out.getvalue()


def test_a_cover_table_without_rules_in_a_pdf() -> None:
    # Its rows had been read as one row of wrapped cells, the labels in one
    # and the values in the other: every field left empty, and the committee
    # "Chief Executive R. Lamond 01543 464598 … Scrutiny Committee".
    data = _cover_table_pdf()
    meta = read_metadata(read_document(Path("cover.pdf"), "cover.pdf", data))
    assert _fields(meta) == SCRUTINY_2014 | {
        "report_of": "Chief Executive and Head of Paid Service"
    }
    assert meta.issues == ()


@pytest.mark.parametrize(
    "row",
    [
        ("Telephone Number", "01543 464598"),
        ("E-mail", "rlamond@cannockchasedc.gov.uk"),
        ("Contact Number", "01543 464598"),
    ],
)
def test_a_pdf_cover_row_whose_label_can_also_head_a_column(
    row: tuple[str, str],
) -> None:
    """A label without its colon that a table's column could have too
    ("Telephone Number", "E-mail"), under "Contact Officer:": a row of its
    own. It had been read as the contact officer's wrapped lines, so the
    contact officer was "Telephone Number R. Lamond 01543 464598", silently."""
    rows = [COVER_ROWS[0], row, *COVER_ROWS[2:]]
    meta = read_metadata(read_document(Path("c.pdf"), "c.pdf", _cover_table_pdf(rows)))
    assert _fields(meta) == SCRUTINY_2014 | {
        "report_of": "Chief Executive and Head of Paid Service"
    }


@pytest.mark.parametrize("label", ["Report Author", "Lead Officer"])
def test_a_pdf_cover_s_contact_under_a_label_that_can_head_a_column(
    label: str,
) -> None:
    """ "Report Author  R. Lamond" under "Report of:": the contact officer.
    It had run into the report's author role: "Chief Executive and Head of
    Paid Service Report Author R. Lamond"."""
    rows = [(label, "R. Lamond"), *COVER_ROWS[1:]]
    meta = read_metadata(read_document(Path("c.pdf"), "c.pdf", _cover_table_pdf(rows)))
    assert _fields(meta) == SCRUTINY_2014 | {
        "report_of": "Chief Executive and Head of Paid Service"
    }


def test_a_row_of_two_column_like_labels_is_no_field() -> None:
    """A contacts table's header ("Lead Officer" | "E-mail") names no
    contact officer."""
    meta = read_metadata(
        synthetic(["Lead Officer\tE-mail", "", "1 Purpose of Report"])[0]
    )
    assert meta.cover.get("contact_officer") is None


@pytest.mark.parametrize(
    "line",
    [
        "PORTFOLIO HOLDER DECISION NOTICE",
        "Portfolio Holder Approval: Yes",
        "PORTFOLIO HOLDER APPROVAL: YES",
        "Portfolio Holder Consulted: Yes \u2013 3 March 2016",
        "Portfolio Leader Councillor Mrs A Smith has been consulted on this report.",
    ],
)
def test_lines_opening_with_portfolio_holder_that_name_no_portfolio(line: str) -> None:
    lines = ["Report of:\tHead of Housing", "Contact Officer:\tJ Smith", "", line]
    assert read_metadata(synthetic(lines)[0]).cover.get("portfolio") is None


def test_a_committee_and_date_table_header_is_no_cover_field() -> None:
    # "Committee | Date" is a table's header, not "Committee: Date".
    lines = [
        "Report of:\tHead of Housing",
        "",
        "This report will be considered by:",
        "Committee\tDate",
        "Cabinet\t12 July 2016",
    ]
    assert read_metadata(synthetic(lines)[0]).committee is None


def test_values_apart_from_labels_that_cannot_be_paired_are_reported() -> None:
    # Seven value lines for six labels, none ending on a joining word: which
    # value wrapped cannot be told. Paired in order, "Paid Service" had been
    # the contact officer and "No" the committee.
    lines = [
        "Report of:",
        "Contact Officer:",
        "Telephone No:",
        "Portfolio Leader",
        "Key Decision:",
        "Report Track:",
        "",
        "Chief Executive",
        "Paid Service",
        "R. Lamond",
        "01543 464598",
        "Corporate Improvement",
        "No",
        "Scrutiny Committee 6/10/14",
    ]
    meta = read_metadata(synthetic(lines)[0])
    assert [meta.cover.get(f) for f in ("report_of", "contact_officer")] == [
        None,
        None,
    ]
    # Read from its line as a meeting heading, not paired with a label.
    assert meta.committee == "Scrutiny Committee"
    assert [(i.code, i.line) for i in meta.issues] == [("ambiguous_field", 1)]
    assert meta.issues[0].message.startswith("x.txt:1: 6 cover-sheet labels")


def test_flattened_sheet_title_and_field_lines() -> None:
    meta = read_metadata(synthetic(["", FLATTENED])[0])
    assert meta.title == "QUARTER 3 PERFORMANCE REPORT 2016/17"
    assert set(meta.lines.values()) == {2}


def test_agenda_letter_date_and_clerk_are_not_the_paper_s() -> None:
    meta = read_metadata(synthetic(AGENDA)[0])
    assert meta.title == "Quarter 3 Performance Report 2016-17"
    assert "contact_officer" not in meta.cover
    assert (meta.organisation, meta.organisation_code) == (
        "Cannock Chase District Council",
        "E07000192",
    )


@pytest.mark.parametrize(
    "lines, organisation, code",
    [
        # The publisher prints its name at the top; the county is named in passing.
        (
            [
                "Lichfield District Council",
                "Cabinet 14 March 2017",
                "Funding from Staffordshire County Council and Staffordshire County "
                "Council's partners; Tamworth Borough Council and Tamworth Borough "
                "Council agreed.",
            ],
            "Lichfield District Council",
            "E07000194",
        ),
        # An alias is reported by its canonical name.
        (
            ["held at Cannock Chase Council."],
            "Cannock Chase District Council",
            "E07000192",
        ),
        # A district beats the county it mentions, though named less often.
        (
            [
                *[""] * 20,
                "Staffordshire County Council and Staffordshire County Council",
                "East Staffordshire Borough Council",
            ],
            "East Staffordshire Borough Council",
            "E07000193",
        ),
        # A council not in the registry keeps its printed name and has no code.
        (
            ["Report to Borsetshire District Council"],
            "Borsetshire District Council",
            None,
        ),
        # A running header's short name and the text's full one are one
        # council, named in full (samples/text/*-layout.txt print the PDFs' page
        # header "Cannock Chase Council — Performance Reports" on line 1).
        (
            [
                "Borsetshire Council — Performance Reports",
                "Cabinet 14 March 2017",
                "",
                "Report of Borsetshire District Council",
            ],
            "Borsetshire District Council",
            None,
        ),
        # Not a county and a district of one name; not two full names of
        # other kinds: the first name printed stands.
        (
            ["Borsetshire Council", "Borsetshire County Council"],
            "Borsetshire Council",
            None,
        ),
        (
            [
                "Borsetshire Council",
                "Borsetshire District Council",
                "Borsetshire Borough Council",
            ],
            "Borsetshire Council",
            None,
        ),
        (["County Council"], None, None),
        # A name wrapped at the end of a line (samples/text/003_…-browser-
        # layout.txt lines 44-45), the next line indented as -layout sets it;
        # "Chase District Council", the line's own, is no other council.
        (
            [
                "setting out the revised mission, priorities and objectives of Cannock",
                "   Chase District Council for the next three years.",
            ],
            "Cannock Chase District Council",
            "E07000192",
        ),
        # Not over a blank line: that ends a paragraph, and "Chase District
        # Council" alone is no registered name.
        (
            ["Minutes of Cannock", "", "Chase District Council"],
            "Chase District Council",
            None,
        ),
    ],
)
def test_organisation(
    lines: list[str], organisation: str | None, code: str | None
) -> None:
    meta = read_metadata(synthetic(lines)[0])
    assert (meta.organisation, meta.organisation_code) == (organisation, code)


def test_registry_codes() -> None:
    registry = {o.name: o.gss_code for o in organisations()}
    assert registry["Cannock Chase District Council"] == "E07000192"
    assert registry["Staffordshire County Council"] == "E10000028"
    assert len(set(registry.values())) == len(registry)
    found = by_name("cannock  chase council")
    assert found is not None and found.name == "Cannock Chase District Council"


def test_a_field_no_boundary_ends_is_an_issue_not_a_page_of_text() -> None:
    doc = synthetic(
        [
            "Report of: Head of Housing and this value runs on and on with no "
            "label heading date or section to stop it anywhere on the page"
        ]
    )[0]
    processed = process_document(doc)
    assert processed.document.report_of is None
    issues = [r for r in processed.rows("issues") if isinstance(r, IssueRow)]
    assert [(i.code, i.line) for i in issues if i.code == "ambiguous_field"] == [
        ("ambiguous_field", 1)
    ]
    message = next(i.message for i in issues if i.code == "ambiguous_field")
    assert message.startswith('x.txt:1: cover-sheet field report_of "Head of Housing')


def test_field_values_stop_at_an_upper_case_heading() -> None:
    meta = read_metadata(
        synthetic(
            [
                "Report of: Head of Housing Contact Officer: J. Smith QUARTER 3 "
                "PERFORMANCE REPORT 2016/17"
            ]
        )[0]
    )
    assert meta.cover["contact_officer"] == "J. Smith"
    assert meta.title == "QUARTER 3 PERFORMANCE REPORT 2016/17"


@pytest.mark.parametrize(
    "track, heading, committee",
    [
        (
            "Scrutiny Committee 05/06/19 Audit Committee 26/06/19",
            "AUDIT COMMITTEE",
            "Audit Committee",
        ),
        (
            "Policy and Performance Scrutiny Committee 05/06/19 Audit and "
            "Governance Committee 26/06/19",
            "AUDIT AND GOVERNANCE COMMITTEE",
            "Audit and Governance Committee",
        ),
    ],
)
def test_a_track_s_committee_is_the_heading_s_of_two_alike(
    track: str, heading: str, committee: str
) -> None:
    """Two meetings whose names end alike: the heading's is the one sharing
    most of its words (it had been the first, with the second's date)."""
    lines = [
        "Report of:\tHead of Governance",
        f"Report Track:\t{track}",
        "",
        heading,
        "26th JUNE 2019",
        "",
        "1 Purpose of Report",
    ]
    fields = _fields(read_metadata(synthetic(lines)[0]))
    assert (fields["committee"], fields["report_date"]) == (
        committee,
        date(2019, 6, 26),
    )


PLAN_UPDATE = "Environment Priority Delivery Plan 2018-19 Quarter 1 Performance Update"


@pytest.mark.parametrize(
    "lines, title, report_type",
    [
        # "Title" alone on a line heads a table's column: no field.
        (
            [
                "Corporate Performance Report Quarter 2 2018/19",
                "",
                "Title",
                "Appendix A - Performance Indicators",
            ],
            "Corporate Performance Report Quarter 2 2018/19",
            "pdp_performance_update",
        ),
        # A memo's subject under a plan's own title: the title stays.
        (
            [
                PLAN_UPDATE,
                "",
                "To:\tAll Members",
                "Subject:\tChanges to the green waste collection service",
            ],
            PLAN_UPDATE,
            "pdp_performance_update",
        ),
        # A flattened cover's "Report Title:" running on into its purpose.
        (
            [
                "Report of: Head of Housing Contact Officer: J. Smith Report Title: "
                "Quarter 3 Performance Report 2016/17 Purpose of Report: To inform "
                "Cabinet of the Council's performance against its priority delivery "
                "plans for the third quarter of 2016/17. Recommendation: That "
                "Cabinet notes the report.",
            ],
            None,
            "other",
        ),
    ],
)
def test_title_fields_only_where_a_cover_prints_one(
    lines: list[str], title: str | None, report_type: str
) -> None:
    meta = read_metadata(synthetic(lines)[0])
    assert (meta.title, meta.report_type) == (title, report_type)
