"""Numbers in prose: `statements` from the narrative samples/004 and the comment
paragraphs of samples/002, in every form of the report."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from extract.context import Context
from extract.document import Document
from extract.panel import panel_records
from extract.pipeline import context_of
from extract.readers import read_path
from extract.recognisers.statements import ProseReading, read_prose
from extract.records import (
    DocumentRow,
    IndicatorValue,
    IssueRow,
    Observation,
    Record,
    RepairRow,
    Statement,
)
from normalise.sentences import numbers, sentences
from normalise.subjects import SUBJECT_THRESHOLD, indicator_of, score
from tests.conftest import S000, S001, S002, S003, S004, SAMPLES, synthetic

Table = Callable[[str], pd.DataFrame]
SampleDoc = Callable[[str], tuple[Document, Context]]
STEM_004 = S004.removesuffix(".txt")
FORMS_004 = [
    SAMPLES / S004,
    SAMPLES / "text" / f"{STEM_004}-layout.txt",
    SAMPLES / "text" / f"{STEM_004}-plain.txt",
    SAMPLES / "pdf" / f"{STEM_004}-ruled.pdf",
    SAMPLES / "pdf" / f"{STEM_004}-unruled.pdf",
]
SECTION = "5.4 Community Safety"
LEAD = "Reductions have been recorded in:"
YTD = (
    "At the November 2012 meeting of the JOG all partners were pleased to note the "
    "ongoing success in achieving reductions on the year to date across all of the "
    "main community safety indicators including:"
)

# (value, unit, change, subject, compared_with, financial_year, period,
#  indicator_id) of every figure in section 5.4, in order.
EXPECTED_5_4 = [
    (5803.0, "count", None, "crimes recorded", None, "2011/12", "FY",
     "total-recorded-crime"),
    (61.0, "rate_per_1000", None, "crimes", None, "2011/12", "FY", None),
    (11.0, "percent", "reduction", "crimes recorded", "the previous year",
     "2011/12", "FY", "total-recorded-crime"),
    (705.0, "count", "reduction", "crimes recorded", "the previous year",
     "2011/12", "FY", "total-recorded-crime"),
    (22.0, "percent", "reduction", "crimes recorded", "2007/08", "2011/12", "FY",
     "total-recorded-crime"),
    (22.0, "percent", "reduction", "Violent crime", "the previous year", "2011/12",
     "FY", None),
    (416.0, "count", "reduction", "Violent crime", "the previous year", "2011/12",
     "FY", None),
    (9.0, "percent", "reduction", "Acquisitive crime", "the previous year",
     "2011/12", "FY", None),
    (256.0, "count", "reduction", "Acquisitive crime", "the previous year",
     "2011/12", "FY", None),
    (17.0, "percent", "reduction", "Anti social behaviour", "the previous year",
     "2011/12", "FY", None),
    (598.0, "count", "reduction", "Anti social behaviour", "the previous year",
     "2011/12", "FY", None),
    (71.0, "percent", None, "residents feel safe in their local area after dark",
     None, None, None, None),
    (48.0, "percent", "reduction", "anti social behaviour", None, None, None, None),
    (50.0, "percent", None, "the costs for the case management system", None, None,
     None, None),
    (25.3, "percent", "reduction", "serious acquisitive crime", None, None, None,
     None),
    (10.8, "percent", "reduction", "violence with injury", None, None, None, None),
    (20.16, "none", "reduction", "anti social behaviour", None, None, None, None),
    (61.4, "percent", "reduction", "burglary of business premises", None, None,
     None, None),
]  # fmt: skip


def _read(path: Path) -> tuple[Document, ProseReading]:
    doc = read_path(path)
    return doc, read_prose(doc, context_of(doc)[1])


def _facts(reading: ProseReading, section: str) -> list[tuple[object, ...]]:
    return [
        (
            s.value,
            s.unit,
            s.change,
            s.subject,
            s.compared_with,
            s.financial_year,
            s.period,
            s.indicator_id,
        )
        for s in reading.statements
        if s.section == section
    ]


@pytest.fixture(scope="module")
def prose_004() -> tuple[Document, ProseReading]:
    return _read(SAMPLES / S004)


def test_section_5_4_statements(prose_004: tuple[Document, ProseReading]) -> None:
    _, reading = prose_004
    assert _facts(reading, SECTION) == EXPECTED_5_4


def test_section_5_4_sentences_and_lines(
    prose_004: tuple[Document, ProseReading],
) -> None:
    doc, reading = prose_004
    rows = [s for s in reading.statements if s.section == SECTION]
    first = rows[0]
    assert first.sentence == (
        "During 2011/12, there were 5,803 crimes recorded in Cannock Chase, equal "
        "to a rate of 61 crimes per 1,000 population."
    )
    assert (first.page, first.line_start, first.line_end) == (None, 145, 146)
    assert first.statement_id == f"{doc.doc_id}:4"
    assert first.plan is None or isinstance(first.plan, str)
    # A bullet continues its lead-in sentence and keeps its own line.
    violent = rows[5]
    assert violent.sentence == (
        f"{LEAD} Violent crime (22% reduction/416 fewer crimes in overall violence)"
    )
    assert (violent.line_start, violent.line_end) == (152, 152)
    assert rows[14].sentence == f"{YTD} A 25.3% reduction in serious acquisitive crime"
    assert (rows[16].line_start, rows[16].line_end) == (200, 200)


def test_unit_that_cannot_be_told_is_an_issue(
    prose_004: tuple[Document, ProseReading],
) -> None:
    doc, reading = prose_004
    assert [(i.code, i.line) for i in reading.issues] == [("unclear_unit", 200)]
    assert '"20.16"' in reading.issues[0].message


@pytest.mark.parametrize("path", FORMS_004, ids=lambda p: p.name)
def test_every_form_gives_the_same_statements(path: Path) -> None:
    _, reading = _read(path)
    assert _facts(reading, SECTION) == EXPECTED_5_4
    _, tab = _read(SAMPLES / S004)
    # The numbered sections (not the delivery-plan appendix, a table printed
    # without its columns) read the same in every form.
    numbered = {s.section for s in tab.statements if s.section and s.section[0] != "A"}
    for section in sorted(numbered):
        assert _facts(reading, section) == _facts(tab, section), section


def test_pdf_statements_carry_their_page() -> None:
    _, reading = _read(SAMPLES / "pdf" / f"{STEM_004}-ruled.pdf")
    rows = [s for s in reading.statements if s.section == SECTION]
    assert (rows[0].page, rows[0].line_start, rows[0].line_end) == (4, 28, 29)
    # "Anti social behaviour (17% reduction/598 fewer incidents)" opens page 5.
    assert (rows[9].page, rows[9].line_start) == (5, 4)


def test_comment_paragraphs_of_002(sample_doc: SampleDoc) -> None:
    doc, ctx = sample_doc(S002)
    rows = read_prose(doc, ctx).statements
    assert [
        (s.value, s.unit, s.subject, s.line_start, s.indicator_id) for s in rows
    ] == [
        (26.0, "count", "CCTV cameras", 29, None),
        (6.0, "count", "Green Flag accreditations", 31, None),
    ]
    assert {s.section for s in rows} == {
        "Comments on overall performance for this PDP (as at end of 2018/19)"
    }


@pytest.mark.parametrize(
    "path",
    [
        *(SAMPLES / s for s in (S000, S001, S002, S003)),
        *(
            SAMPLES / "pdf" / f"{s.removesuffix('.txt')}-ruled.pdf"
            for s in (S000, S001, S002, S003)
        ),
    ],
    ids=lambda p: p.name,
)
def test_no_statement_from_a_table_block(path: Path) -> None:
    doc, reading = _read(path)
    table_lines = {
        (r.page, n)
        for r in doc.rows
        if r.tabbed
        for n in range(r.line_start, r.line_end + 1)
    }
    assert all(
        (s.page, n) not in table_lines
        for s in reading.statements
        for n in range(s.line_start, s.line_end + 1)
    )


def test_samples_prose_coverage(table: Table) -> None:
    docs = table("documents").set_index("source_path")
    assert docs.prose_coverage.to_dict() == pytest.approx(
        {S000: float("nan"), S001: float("nan"), S002: 1.0, S003: 1.0, S004: 1.0},
        nan_ok=True,
    )


def test_recorded_crime_joins_the_panel(table: Table) -> None:
    obs = table("observations")
    crime = obs[obs.indicator_id == "total-recorded-crime"]
    assert len(crime) == 1
    row = crime.iloc[0]
    assert (row.financial_year, row.period, row.measure, row.unit) == (
        "2011/12",
        "FY",
        "actual",
        "count",
    )
    assert (row.value, row.source, row.period_end) == (
        5803.0,
        "prose",
        date(2012, 3, 31),
    )
    assert set(obs.source) == {"grid", "rolling", "prose"}


def _doc(doc_id: str, year: str) -> DocumentRow:
    return DocumentRow(
        doc_id=doc_id,
        source_path=f"{doc_id}.txt",
        source_format="txt",
        title=None,
        report_type="other",
        organisation=None,
        financial_year=year,
        quarters=["Q4"],
        report_date=None,
        committee=None,
        report_of=None,
        contact_officer=None,
        portfolio=None,
        key_decision=None,
        report_track=None,
        item_number=None,
        n_lines=1,
        n_pages=None,
        coverage=None,
        status="ok",
        parser_version="0",
        text_form="tab",
    )


def _said(doc_id: str, value: float) -> Statement:
    return Statement(
        statement_id=f"{doc_id}:1",
        doc_id=doc_id,
        plan=None,
        section=None,
        sentence="…",
        subject="crimes recorded",
        value=value,
        unit="count",
        measure="actual",
        change=None,
        compared_with=None,
        financial_year="2011/12",
        period="FY",
        indicator_id="total-recorded-crime",
        page=None,
        line_start=1,
        line_end=1,
    )


def test_a_grid_value_beats_a_later_prose_value() -> None:
    grid = IndicatorValue(
        doc_id="a",
        plan=None,
        theme=None,
        indicator="Total recorded crime",
        indicator_id="total-recorded-crime",
        financial_year="2011/12",
        period="FY",
        measure="actual",
        value=5800.0,
        unit="count",
        comparator=None,
        qualifier=None,
        value_text="5,800",
        note=None,
        reported_as="Total",
        frequency=None,
        page=None,
        line_start=1,
        line_end=1,
    )
    # The prose report is the later one, yet the grid's value wins.
    records = [_doc("a", "2011/12"), _doc("b", "2012/13"), grid, _said("b", 5803.0)]
    out = list(panel_records(records))
    (obs,) = [r for r in out if isinstance(r, Observation)]
    assert (obs.value, obs.source, obs.conflict, obs.n_sources) == (
        5800.0,
        "grid",
        True,
        2,
    )
    assert [r.code for r in out if isinstance(r, IssueRow)] == ["conflicting_values"]


def test_the_latest_prose_report_wins() -> None:
    records = [
        _doc("a", "2012/13"),
        _doc("b", "2013/14"),
        _said("a", 5803.0),
        _said("b", 5810.0),
    ]
    (obs,) = [r for r in panel_records(records) if isinstance(r, Observation)]
    assert (obs.value, obs.source, obs.conflict) == (5810.0, "prose", True)


def test_a_stated_target_is_a_target_observation() -> None:
    """A target stated in prose joins the panel as the indicator's target,
    never as its actual ("against a target of 5,900 crimes" had been an
    actual of 5,900)."""
    target = dataclasses.replace(_said("a", 5900.0), measure="target")
    records = [_doc("a", "2011/12"), _said("a", 5803.0), target]
    got = [
        (r.measure, r.value)
        for r in panel_records(records)
        if isinstance(r, Observation)
    ]
    assert sorted(got) == [("actual", 5803.0), ("target", 5900.0)]


def test_a_change_is_no_observation() -> None:
    change = dataclasses.replace(_said("a", 11.0), unit="percent", change="reduction")
    records = [_doc("a", "2012/13"), change]
    assert not [r for r in panel_records(records) if isinstance(r, Observation)]


@pytest.mark.parametrize(
    "subject, printed, at_least, below",
    [
        # A plural of an alias is the same measure.
        ("crime recorded", "Crimes recorded", SUBJECT_THRESHOLD, 100.1),
        # Other measures in the same paragraph stay well below the threshold.
        ("Violent crime", "Recorded crime", 0.0, SUBJECT_THRESHOLD - 10),
        ("serious acquisitive crime", "Recorded crime", 0.0, SUBJECT_THRESHOLD - 10),
        ("crimes", "Crimes recorded", 0.0, SUBJECT_THRESHOLD - 10),
        ("Green Flag accreditations", "Retain 6 Green Flags", 0.0, SUBJECT_THRESHOLD),
    ],
)
def test_subject_threshold(
    subject: str, printed: str, at_least: float, below: float
) -> None:
    assert at_least <= score(subject, printed) < below


@pytest.mark.parametrize(
    "subject, indicator_id",
    [
        ("crimes recorded", "total-recorded-crime"),
        ("Recorded crime", "total-recorded-crime"),
        ("Violent crime", None),
        ("CCTV cameras", None),
        (None, None),
    ],
)
def test_subject_to_registry(subject: str | None, indicator_id: str | None) -> None:
    assert indicator_of(subject) == indicator_id


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("5.4", [("5.4", "section_number")]),
        # A paper's text run on without line breaks: headings among sentences.
        ("of the year. 3 Key Issues and Reasons 3.1 Targets for 2018/19 are set",
         [("3", "section_number"), ("3.1", "section_number"), ("2018/19", "year")]),
        ("as agreed. 2.3 Note the budget of £4,000", [("2.3", "section_number"),
         ("£4,000", None)]),
        ("a fall. 12 Members of the public attended 1.1 events",
         [("12", None), ("1.1", None)]),
        ("The rate was 12.5 Tonnes", [("12.5", None)]),
        ("1. Note the update on the Plans;", [("1", "item_number")]),
        ("During 2011/12, there were 5,803 crimes",
         [("2011/12", "year"), ("5,803", None)]),
        ("the Corporate Plan 2015-18", [("2015", "year"), ("18", "year")]),
        ("At the meeting of Cabinet on 21st June 2012", [("2012", "date")]),
        ("in Quarter 1 (April – June)", [("1", "quarter")]),
        ("call 01543 462621 for details", [("01543", "phone"), ("462621", "phone")]),
        ("see page 3", [("3", "page")]),
        ("Service Area 6, Rugeley", [("6", "address")]),
        ("attached as Appendix 1", [("1", "name_number")]),
        ("ITEM NO. 17.22", [("17.22", "name_number")]),
        ("over 12 months from now", [("12", "duration")]),
        ("answered within 28 days", [("28", "duration")]),
        ("It is 12 months since the review", [("12", "duration")]),
        ("The plan, which is 15 years old", [("15", "duration")]),
        ("During this 12 month period", [("12", "duration")]),
        ("open 7 days per week", [("7", "duration")]),
        ("compared with 60 seconds", [("60", None)]),
        ("volunteers gave 2,500 hours", [("2,500", None)]),
        ("The contract is 7 years long", [("7", "duration")]),
        ("averaged 2 hours 15 minutes", [("2", "duration"), ("15", "duration")]),
        ("absence averaged 8.2 days", [("8.2", None)]),
        ("absence was 7.4 days per employee", [("7.4", None)]),
        ("Only 71% of residents", [("71%", None)]),
        ("funded £23,902 in all", [("£23,902", None)]),
        ("22% reduction/416 fewer crimes", [("22%", None), ("416", None)]),
    ],
)  # fmt: skip
def test_skip_rules(paragraph: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(n.text, n.skipped) for n in numbers(paragraph)] == expected


def test_sentences_of_a_paragraph() -> None:
    text = (
        "Funded by the LSP (e.g. the Right Stuff boxing club). This is a reduction "
        "of 11% (705 crimes). 1. Note the update."
    )
    assert [text[a:b] for a, b in sentences(text)] == [
        "Funded by the LSP (e.g. the Right Stuff boxing club).",
        "This is a reduction of 11% (705 crimes).",
        "1. Note the update.",
    ]


def _recognised(title: str, sentence: str) -> list[Record]:
    """The statements recogniser's records of a report of a title and one
    paragraph."""
    from extract.blocks import blocks_of
    from extract.recognisers import statements

    doc, ctx = synthetic([title, "", sentence])
    return list(statements.recognise(blocks_of(doc), ctx))


def _stated(title: str, sentence: str, *fields: str) -> list[tuple[object, ...]]:
    """The named fields of each statement `_recognised` reads, in order."""
    return [
        tuple(getattr(r, f) for f in fields)
        for r in _recognised(title, sentence)
        if isinstance(r, Statement)
    ]


@pytest.mark.parametrize(
    "sentence, expected, repaired",
    [
        (
            "Violent crime ran at 38.2 per 100,000 population in 2017/18.",
            [(38.2, "rate_per_100000", "2017/18")],
            [],
        ),
        (
            "Burglary fell to 4.1 per 10,000 households in 2017/18.",
            [(4.1, "rate_per_10000", "2017/18")],
            [],
        ),
        (
            "There were 5,803 crimes recorded, and the service collected 12,345 "
            "tonnes of household waste in 2017/18.",
            [(5_803.0, "count", "2017/18"), (12_345.0, "tonnes", "2017/18")],
            [],
        ),
        (
            "Capital receipts of £3.4 million were received in 2017/18.",
            [(3_400_000.0, "gbp", "2017/18")],
            [("£3.4 million", "3400000")],
        ),
        (
            "The Council saved £250k and overspent by £1.2m in 2017/18.",
            [(250_000.0, "gbp", "2017/18"), (1_200_000.0, "gbp", "2017/18")],
            [("£250k", "250000"), ("£1.2m", "1200000")],
        ),
        (
            "Receipts of £3.4million, £1.5 Million and £2M came in in 2017/18.",
            [
                (3_400_000.0, "gbp", "2017/18"),
                (1_500_000.0, "gbp", "2017/18"),
                (2_000_000.0, "gbp", "2017/18"),
            ],
            [
                ("£3.4million", "3400000"),
                ("£1.5 Million", "1500000"),
                ("£2M", "2000000"),
            ],
        ),
        (
            "The museum welcomed 2.3 million visitors in 2017/18.",
            [(2_300_000.0, "count", "2017/18")],
            [("2.3 million", "2300000")],
        ),
    ],
)
def test_rates_tonnes_and_multiplied_amounts_in_prose(
    sentence: str,
    expected: list[tuple[float, str, str]],
    repaired: list[tuple[str, str]],
) -> None:
    """Figures whose unit prose states: a rate per 10,000 or 100,000 (had
    been a count of the base), tonnes (a count), and amounts with a
    multiplier, scaled with each change logged ("£3.4 million" had been
    £3.40; "£1.2m" no number at all)."""
    records = _recognised("Annual Performance Report 2017/18", sentence)
    got = [
        (r.value, r.unit, r.financial_year) for r in records if isinstance(r, Statement)
    ]
    assert got == expected
    if "tonnes" in sentence:
        subjects = [r.subject for r in records if isinstance(r, Statement)]
        assert subjects == ["crimes recorded", "household waste"]
    fixes = [
        (r.raw, r.repaired, r.rule, r.line) for r in records if isinstance(r, RepairRow)
    ]
    assert fixes == [(raw, fix, "amount_multiplier", 3) for raw, fix in repaired]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Recycling increased from 78% in 2016/17 to 84% in 2017/18.",
            [(78.0, "2016/17", "FY"), (84.0, "2017/18", "FY")],
        ),
        (
            "In 2017/18 75 per cent of residents felt safe, compared with 71 per "
            "cent in 2016/17.",
            [(75.0, "2017/18", "FY"), (71.0, "2016/17", "FY")],
        ),
        (
            "In Quarter 3 the call centre answered 84.2% of calls in time in "
            "2017/18, compared with 83.9% in 2016/17.",
            [(84.2, "2017/18", "Q3"), (83.9, "2016/17", "Q3")],
        ),
        (
            "In Quarter 3 of 2017/18 the call centre answered 84.2% of calls in "
            "time, against a full-year outturn of 81.8% in 2016/17.",
            [(84.2, "2017/18", "Q3"), (81.8, "2016/17", "FY")],
        ),
        (
            "During 2017/18 the customer service centre answered 84,512 calls "
            "from residents across the district.",
            [(84_512.0, "2017/18", "FY")],
        ),
    ],
)
def test_a_figure_takes_the_year_printed_straight_after_it(
    sentence: str, expected: list[tuple[float, str, str]]
) -> None:
    """A sentence naming two years: each figure its own ("84% in 2017/18"
    had been 2016/17's, the sentence's first year)."""
    assert (
        _stated(
            "Annual Performance Report 2017/18",
            sentence,
            "value",
            "financial_year",
            "period",
        )
        == expected
    )


def test_a_year_printed_with_a_dot_is_a_logged_repair() -> None:
    """ "During 2015.16 …": the statement's year is 2015/16, and the change
    is a `financial_year_dot` repair (it had been made unlogged)."""
    sentence = (
        "During 2015.16 the Council processed 1,150 planning applications from "
        "residents and businesses across the district."
    )
    records = _recognised("Annual Performance Report", sentence)
    got = [(r.value, r.financial_year) for r in records if isinstance(r, Statement)]
    assert got == [(1150.0, "2015/16")]
    fixes = [
        (r.target, r.column, r.raw, r.repaired, r.rule, r.line)
        for r in records
        if isinstance(r, RepairRow)
    ]
    assert fixes == [
        ("statements", "financial_year", "2015.16", "2015/16", "financial_year_dot", 3)
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "The overall rankings indicate that 84.6% of targets have been "
            "achieved during the first quarter of 2014/15.",
            [
                (
                    84.6,
                    "percent",
                    "2014/15",
                    "Q1",
                    "targets have been achieved",
                )
            ],
        ),
        (
            "In the final quarter of 2016/17 the service answered 91.5% of "
            "calls within a minute.",
            [(91.5, "percent", "2016/17", "Q4", "calls within a minute")],
        ),
    ],
)
def test_a_quarter_named_by_its_order(
    sentence: str, expected: list[tuple[float, str, str, str, str]]
) -> None:
    """ "the first quarter of 2014/15" is Q1, "the final quarter" Q4 (each
    figure had been the whole year's)."""
    assert (
        _stated(
            "Quarter 1 Performance Report",
            sentence,
            "value",
            "unit",
            "financial_year",
            "period",
            "subject",
        )
        == expected
    )


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Of the 14 indicators where performance was measured, 12 (86%) were "
            "on target and 2 (14%) were not.",
            [
                (14.0, "count", "indicators where performance"),
                (12.0, "count", "indicators where performance"),
                (86.0, "percent", "indicators where performance"),
                (2.0, "count", "indicators where performance"),
                (14.0, "percent", "indicators where performance"),
            ],
        ),
        (
            "Recycling increased from 78% in 2016/17 to 84% in 2017/18.",
            [(78.0, "percent", "Recycling"), (84.0, "percent", "Recycling")],
        ),
    ],
)
def test_counts_of_a_whole_and_of_a_change(
    sentence: str, expected: list[tuple[float, str, str]]
) -> None:
    """A count with its share in brackets ("12 (86%)") is a count of the
    whole counted before it, the share its share (each count had been no
    figure, silently, each share's subject null); the figures of a change
    from one to the other are of what is named before the verb
    ("Recycling"). A bare count there is not read: its unit may be the other
    figure's and its year not the sentence's ("rose from 112 to 131 in
    2017/18")."""
    assert (
        _stated(
            "Annual Performance Report 2017/18", sentence, "value", "unit", "subject"
        )
        == expected
    )


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Total crime decreased by 5% (312 fewer crimes) in the year to March 2018.",
            [(5.0, "percent", "Total crime"), (312.0, "count", "Total crime")],
        ),
        (
            "Total recorded crime has been reduced by 5% in 2017/18.",
            [(5.0, "percent", "Total recorded crime")],
        ),
        (
            "The council employs 412 staff and sickness fell by 12% in 2017/18.",
            [(412.0, "count", "staff"), (12.0, "percent", "sickness")],
        ),
    ],
)
def test_the_subject_of_a_change_by_a_figure(
    sentence: str, expected: list[tuple[float, str, str]]
) -> None:
    """What changed "by 5%" is named before the verb, in its clause (the
    subject had been null)."""
    assert (
        _stated(
            "Annual Performance Report 2017/18", sentence, "value", "unit", "subject"
        )
        == expected
    )


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Performance on the indicator was 92% in Quarter 2, up from 88% in "
            "Quarter 1.",
            [
                (92.0, None, "Q2", "Performance on the indicator"),
                (88.0, None, "Q1", "Performance on the indicator"),
            ],
        ),
        (
            "Satisfaction with the service was 92%, up from 88% in the first "
            "quarter of 2017/18.",
            [
                (92.0, None, None, "Satisfaction with the service"),
                (88.0, "2017/18", "Q1", "Satisfaction with the service"),
            ],
        ),
        (
            "Performance improved from 88% in Quarter 1 to 92% in Quarter 2 of "
            "2017/18.",
            [
                (88.0, "2017/18", "Q1", "Performance"),
                (92.0, "2017/18", "Q2", "Performance"),
            ],
        ),
        (
            "Performance was 92% in Quarter 1 of 2017/18, up from 88% in Quarter "
            "4 of last year.",
            [
                (92.0, "2017/18", "Q1", "Performance"),
                (88.0, "2016/17", "Q4", "Performance"),
            ],
        ),
        (
            "The proportion of major applications determined on time was 92% in "
            "Q1-Q2, up from 85% in the same period last year.",
            [
                (92.0, None, "Q1-Q2", "major applications determined on time"),
                (85.0, None, "Q1-Q2", "major applications determined on time"),
            ],
        ),
        (
            "Homelessness preventions were 92% of cases in Q2, against 95% in Q2 "
            "2016/17.",
            [(92.0, None, "Q2", "cases"), (95.0, "2016/17", "Q2", "cases")],
        ),
        (
            "The business rates collection rate was 97.5% in Q4 compared with "
            "96.9% in Q4 2016/17.",
            [
                (97.5, None, "Q4", "business rates collection rate"),
                (96.9, "2016/17", "Q4", "business rates collection rate"),
            ],
        ),
    ],
)
def test_a_comparison_keeps_its_own_period(
    sentence: str, expected: list[tuple[float, str | None, str | None, str]]
) -> None:
    """The quarter or year printed after a comparison's figure is that
    figure's alone: the figure it is compared with had taken it ("92%, up
    from 88% in the first quarter of 2017/18" made both Q1 of 2017/18;
    "compared with 96.9% in Q4 2016/17" gave 97.5% the year 2016/17), and
    a sentence of "Quarter 2" and "Quarter 1" had made both figures Q1-Q2.
    Both figures measure what is named before the verb."""
    assert (
        _stated(
            "Quarter 2 Performance Report",
            sentence,
            "value",
            "financial_year",
            "period",
            "subject",
        )
        == expected
    )


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Sickness absence averaged 8.2 days per FTE in 2017/18, against a "
            "target of 8 days.",
            [(8.2, "days", "2017/18", "Sickness absence")],
        ),
        (
            "Staff turnover was 9.2% and sickness absence was 7.4 days per "
            "employee in 2017/18.",
            [
                (9.2, "percent", "2017/18", "Staff turnover"),
                (7.4, "days", "2017/18", "sickness absence"),
            ],
        ),
        (
            "Income from the car parks was £45,000 in 2017/18 and running costs "
            "were reduced by 4%.",
            [
                (45_000.0, "gbp", "2017/18", "Income from the car parks"),
                (4.0, "percent", "2017/18", "running costs"),
            ],
        ),
        (
            "The council secured £2.1 million of external funding for the "
            "district during 2017/18.",
            [(2_100_000.0, "gbp", "2017/18", "external funding")],
        ),
        (
            "During Q2 there were 10 completions of new homes for affordable rent.",
            [(10.0, "count", None, "completions")],
        ),
        (
            "Complaints from residents were answered within 28 days in 2017/18.",
            [],
        ),
        (
            "Sickness absence was 8 days per FTE in 2017/18, compared with 9 days "
            "per FTE in 2016/17.",
            [
                (8.0, "days", "2017/18", "Sickness absence"),
                (9.0, "days", "2016/17", "Sickness absence"),
            ],
        ),
        (
            "Staff morale improved and sickness absence was 4.1 days per FTE in "
            "2017/18.",
            [(4.1, "days", "2017/18", "sickness absence")],
        ),
        (
            "Customer satisfaction improved and reached 92% by the end of 2017/18.",
            [(92.0, "percent", "2017/18", "Customer satisfaction")],
        ),
        (
            "Registered and licensed premises inspected on time were 92% in 2017/18.",
            [
                (
                    92.0,
                    "percent",
                    "2017/18",
                    "Registered and licensed premises inspected on time",
                )
            ],
        ),
        (
            "Processing times averaged 12.5 days under the new system introduced "
            "in 2017/18.",
            [(12.5, "days", "2017/18", "Processing times")],
        ),
        (
            "Processing times were 2.5 days over target in Quarter 3 of 2017/18.",
            [],
        ),
        (
            "Sickness absence was 1.5 days over the national average in 2017/18.",
            [],
        ),
        (
            "Sickness absence was 8.2 days per FTE over the year on average in "
            "2017/18.",
            [(8.2, "days", "2017/18", "Sickness absence")],
        ),
        (
            "Benefit claims averaged 14 days under the national scheme in 2017/18.",
            [(14.0, "days", "2017/18", "Benefit claims")],
        ),
        (
            "Sickness absence was 0.5 days above the England and Wales average in "
            "2017/18.",
            [],
        ),
        (
            "Satisfaction dipped in Quarter 2, recovered and was 92% in Quarter 4.",
            [(92.0, "percent", None, None)],
        ),
        (
            "The registered and licensed premises inspected on time were 92% in "
            "2017/18.",
            [
                (
                    92.0,
                    "percent",
                    "2017/18",
                    "registered and licensed premises inspected on time",
                )
            ],
        ),
        (
            "The average stay in temporary accommodation is 2.1 weeks longer than "
            "the target.",
            [],
        ),
        (
            "Calls to the helpline averaged 2 hours 15 minutes each across the "
            "service in 2017/18.",
            [],
        ),
    ],
)
def test_what_a_figure_is_stated_as(
    sentence: str, expected: list[tuple[float, str, str | None, str]]
) -> None:
    """A time measured ("averaged 8.2 days per FTE") is a figure in days (it
    had been skipped as a time span, as "within 28 days" still is); a figure
    after "was", "averaged" … measures what is named before the verb (its
    subject had been null, and "… in 2017/18 and costs were reduced by 4%"
    had the subject "18 and costs were reduced by"); money "of" something
    is that something's."""
    assert (
        _stated(
            "Annual Performance Report",
            sentence,
            "value",
            "unit",
            "financial_year",
            "subject",
        )
        == expected
    )


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Collection of council tax was 97.8% in 2017/18 against a target of 98%.",
            [
                (97.8, "actual", "2017/18", "Collection of council tax"),
                (98.0, "target", "2017/18", "Collection of council tax"),
            ],
        ),
        (
            "The target for 2017/18 is 45% of household waste recycled or composted.",
            [(45.0, "target", "2017/18", "household waste recycled or composted")],
        ),
        (
            "Performance of 92% exceeded the target of 90% for the year 2017/18.",
            [
                (92.0, "actual", "2017/18", "Performance"),
                (90.0, "target", "2017/18", "Performance"),
            ],
        ),
        (
            "The collection rate was 97.2% against 98% for 2017/18, and arrears "
            "fell by 4%.",
            [
                (97.2, "actual", "2017/18", "collection rate"),
                (98.0, "actual", "2017/18", "collection rate"),
                (4.0, "actual", "2017/18", "arrears"),
            ],
        ),
        (
            "Of the 14 indicators measured this year, those on target were 12 in "
            "total.",
            [(14.0, "actual", None, "indicators measured")],
        ),
        (
            "Performance against target was 94.5% in Quarter 3 of 2017/18.",
            [(94.5, "actual", "2017/18", "Performance against target")],
        ),
        (
            "The variance from target was 1.5% at the end of 2017/18.",
            [(1.5, "actual", "2017/18", "variance from target")],
        ),
        (
            "Indicators in line with target: 75% at the end of 2017/18.",
            [(75.0, "actual", "2017/18", None)],
        ),
        (
            "The target for the end of the year was 95% of calls answered in time.",
            [(95.0, "target", None, "calls answered in time")],
        ),
        (
            "One of our targets for 2017/18 is 95% of calls answered in time.",
            [(95.0, "target", "2017/18", "calls answered in time")],
        ),
        (
            "Performance was 96% in 2017/18, above the 95% target set by Cabinet.",
            [
                (96.0, "actual", "2017/18", "Performance"),
                (95.0, "target", "2017/18", "Performance"),
            ],
        ),
        (
            "Performance against the corporate target for the rest of the year "
            "was 94% in 2017/18.",
            [
                (
                    94.0,
                    "actual",
                    "2017/18",
                    "Performance against the corporate target for the rest of the year",
                )
            ],
        ),
        (
            "Compliance with target was 94% for food hygiene inspections in 2017/18.",
            [(94.0, "actual", "2017/18", "Compliance with target")],
        ),
        (
            "With the target for 2017/18 set at 95%, performance of 96% was achieved.",
            [
                (95.0, "target", "2017/18", None),
                (96.0, "actual", "2017/18", "performance"),
            ],
        ),
        (
            "The council worked with 450 target families through the programme in "
            "2017/18.",
            [(450.0, "actual", "2017/18", "target families through")],
        ),
        (
            "The council's 250 homes target for 2017/18 was exceeded by 12 homes.",
            [
                (250.0, "target", "2017/18", "homes"),
                (12.0, "actual", "2017/18", "homes"),
            ],
        ),
        (
            "The level of the annual target for 2017/18 was 95% for the service.",
            [(95.0, "target", "2017/18", None)],
        ),
        (
            "Officers are working to the target for 2018/19: 96% of invoices paid "
            "on time.",
            [(96.0, "target", "2018/19", "invoices paid on time")],
        ),
        (
            "Recycling finished the year ahead of target: 52% in 2017/18.",
            [(52.0, "actual", "2017/18", None)],
        ),
        (
            "Council tax collection is 0.4% below target at 97.6% for 2017/18.",
            [
                (0.4, "actual", "2017/18", "Council tax collection"),
                (97.6, "actual", "2017/18", None),
            ],
        ),
        (
            "The collection rate was 97.1% in 2017/18, below the target for the "
            "year of 97.5%.",
            [
                (97.1, "actual", "2017/18", "collection rate"),
                (97.5, "target", "2017/18", "collection rate"),
            ],
        ),
        (
            "The target for Quarter 3 of 2017/18 was 95% of calls answered in time.",
            [(95.0, "target", "2017/18", "calls answered in time")],
        ),
    ],
)
def test_a_target_stated_in_prose(
    sentence: str, expected: list[tuple[float, str, str | None, str]]
) -> None:
    """A figure stated as a target ("against a target of 98%", "the target
    for 2017/18 is 45%") has measure `target` and the subject of the figure
    it is set for (its subject had been "18 against a target of"); "on
    target" states none."""
    assert (
        _stated(
            "Annual Performance Report",
            sentence,
            "value",
            "measure",
            "financial_year",
            "subject",
        )
        == expected
    )
