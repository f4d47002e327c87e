"""Numbered paragraphs set with a hanging indent (`extract.layout.numbered`):
the number and its text printed apart are prose, in every form."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.pdfgen.canvas import Canvas

from extract.document import Cell, Row
from extract.layout.numbered import numbered_prose
from extract.pipeline import process_document
from extract.readers import read_document
from extract.records import IssueRow, Record, Statement

# The opening of Cannock Chase's Annual Performance Report 2018/19 (Cabinet,
# 13 June 2019): each paragraph's number, then its text from a tab stop.
PARAGRAPHS: list[tuple[str, list[str]]] = [
    ("1", ["Purpose of Report"]),
    (
        "1.1",
        [
            "To advise Members on the position at the end of 2018/19, in",
            "respect of the Priority Outcomes as set out in the Corporate Plan.",
        ],
    ),
    ("2", ["Recommendations"]),
    (
        "2.1",
        [
            "To note the performance information relating to Priority Delivery",
            "Plans as detailed at Appendices 1-4.",
        ],
    ),
    ("3", ["Key Issues and Reasons for Recommendations"]),
    (
        "3.1",
        [
            "Information for performance actions and indicators for each of the",
            "Priorities is set out in Appendices 1 to 4. Overall, 72.38% of",
            "actions/projects have been delivered.",
        ],
    ),
]
SENTENCE = "Overall, 72.38% of actions/projects have been delivered."


def _layout_text() -> bytes:
    lines = ["ANNUAL PERFORMANCE REPORT 2018/19", ""]
    for number, text in PARAGRAPHS:
        lines.append(f"{number:<7}{text[0]}")
        lines += [f"{'':<7}{t}" for t in text[1:]]
    return "\n".join(lines).encode()


def _tab_text() -> bytes:
    lines = ["ANNUAL PERFORMANCE REPORT 2018/19", ""]
    lines += [f"{number}\t{' '.join(text)}" for number, text in PARAGRAPHS]
    return "\n".join(lines).encode()


def _pdf() -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out)
    y = 780.0
    canvas.setFont("Helvetica", 11)
    canvas.drawString(72, y, "ANNUAL PERFORMANCE REPORT 2018/19")
    y -= 28
    for number, text in PARAGRAPHS:
        canvas.drawString(72, y, number)
        for line in text:
            canvas.drawString(115, y, line)
            y -= 14
        # Space after each paragraph, as a word processor sets it.
        y -= 10
    canvas.save()
    return out.getvalue()


def _statements(name: str, data: bytes) -> tuple[list[Statement], list[IssueRow]]:
    doc = read_document(Path(name), name, data)
    records = process_document(doc).records
    return (
        [r for r in records if isinstance(r, Statement)],
        [r for r in records if isinstance(r, IssueRow)],
    )


def _check(name: str, data: bytes) -> None:
    statements, issues = _statements(name, data)
    assert [(s.sentence, s.value, s.unit, s.section) for s in statements] == [
        (SENTENCE, 72.38, "percent", "3 Key Issues and Reasons for Recommendations")
    ]
    # Read as prose, not reported as an unread table.
    assert "unparsed_block" not in {i.code for i in issues}


def test_layout_text() -> None:
    _check("annual.txt", _layout_text())


def test_tab_text() -> None:
    _check("annual.txt", _tab_text())


def test_pdf() -> None:
    _check("annual.pdf", _pdf())


def test_headings_over_their_first_paragraph_are_sections() -> None:
    doc = read_document(Path("a.txt"), "a.txt", _layout_text())
    texts = [r.flat for r in doc.rows if r.flat]
    assert texts[1:4] == [
        "1 Purpose of Report",
        "1.1 To advise Members on the position at the end of 2018/19, in respect "
        "of the Priority Outcomes as set out in the Corporate Plan.",
        "2 Recommendations",
    ]
    assert not any(r.tabbed for r in doc.rows)


def _row(number: str, text: str, line: int) -> Row:
    cells = (
        Cell(number, number, 0, None, line, line),
        Cell(text, text, 1, None, line, line),
    )
    return Row(cells, None, line, line, True)


def test_a_two_column_table_of_numbered_names_stays_a_table() -> None:
    # No sub-number ("1.1") and no sentence: a list of indicators, not prose.
    rows = (
        _row("1", "Number of fly tipping incidents", 1),
        _row("2", "Residual household waste", 2),
    )
    assert numbered_prose(rows) is None
    # Nor a table of three columns.
    three = Row((*rows[0].cells, Cell("470", "470", 2, None, 3, 3)), None, 3, 3, True)
    long_text = "To note the performance information relating to the plans"
    assert numbered_prose((three, _row("1.1", long_text, 4))) is None


def test_two_column_tables_numbered_like_paragraphs_stay_tables() -> None:
    # A header over the numbers: an action plan's "Ref | Action".
    actions = (
        _row("Ref", "Action", 1),
        _row("1", "Waste", 2),
        _row("1.1", "Reduce the number of fly tipping incidents from 470 to 400.", 3),
        _row("1.2", "Increase the household recycling rate to 50% by 2018/19.", 4),
    )
    assert numbered_prose(actions) is None
    # Figures beside their notes, out of any section's order.
    figures = (
        _row("12", "Fly tipping incidents were reported in the quarter, up 25%.", 1),
        _row("4.5", "Average number of days to remove fly tipping from the land", 2),
        _row("38", "Abandoned vehicles were removed", 3),
    )
    assert numbered_prose(figures) is None


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", "1", "1.1", "2.", "x", "12.3.4"]),
            st.text(max_size=80),
            st.booleans(),
        ),
        max_size=8,
    )
)
def test_any_rows_in_rows_out(cells: list[tuple[str, str, bool]]) -> None:
    rows = tuple(
        _row(number, text, k + 1)
        if two
        else Row((Cell(text, text, 0, None, k + 1, k + 1),), None, k + 1, k + 1, False)
        for k, (number, text, two) in enumerate(cells)
    )
    out = numbered_prose(rows)
    if out is not None:
        assert len(out) == len(rows)
        assert [(r.line_start, r.line_end) for r in out] == [
            (r.line_start, r.line_end) for r in rows
        ]


NUMBERED_REPORT = Path(__file__).parent / "fixtures" / "numberedreport"


def test_every_form_of_a_numbered_report_gives_its_statements(tmp_path: Path) -> None:
    """tests/fixtures/numberedreport: the PDF, its `-layout` and its plain
    text give the same statements under the same sections, item number 7.1
    from the page header, and no unparsed block."""
    from extract.run import extract

    extract(sorted(NUMBERED_REPORT.glob("annual*")), tmp_path)
    docs = pd.read_parquet(tmp_path / "documents.parquet")
    assert dict(zip(docs.source_path, docs.item_number, strict=True)) == {
        "annual.pdf": "7.1",
        "annual-layout.txt": "7.1",
        "annual-plain.txt": "7.1",
    }
    statements = pd.read_parquet(tmp_path / "statements.parquet").merge(
        docs[["doc_id", "source_path"]], on="doc_id"
    )
    by_form = {
        path: sorted(zip(rows.section, rows.value, strict=True))
        for path, rows in statements.groupby("source_path")
    }
    key = "3 Key Issues and Reasons for Recommendations"
    detail = "5 Report Detail"
    expected = sorted(
        [(key, 72.38), (detail, 105.0), (detail, 105.0)]
        + [(detail, 31.0), (detail, 22.0), (detail, 9.0)]
    )
    assert by_form == {path: expected for path in docs.source_path}
    issues = pd.read_parquet(tmp_path / "issues.parquet")
    assert not (issues.code == "unparsed_block").any()


def test_paragraph_numbers_alone_keep_their_sections(tmp_path: Path) -> None:
    """tests/fixtures/numberedreport/more: a sub-heading's paragraph stands
    under it, the next paragraph's number alone ("5.5") is its own section,
    not the sub-heading's, and a long title in capitals is a heading."""
    from extract.run import extract

    extract([NUMBERED_REPORT / "more"], tmp_path)
    docs = pd.read_parquet(tmp_path / "documents.parquet")[["doc_id", "source_path"]]
    statements = pd.read_parquet(tmp_path / "statements.parquet").merge(docs)
    got = {
        path: sorted(set(zip(rows.section, rows.value, strict=True)))
        for path, rows in statements.groupby("source_path")
    }
    key = "3 Key Issues and Reasons for Recommendations"
    common = [(key, 72.38), ("5 Report Detail", 105.0), ("6 Implications", 12.0)]
    long_title = (
        "5.4 Community Safety Partnership Strategic Assessment and Annual Priorities"
    )
    assert got == {
        "subsections-plain.txt": sorted(
            [*common, ("5.4 Community Safety", 61.0)]
            + [("5.5", v) for v in (31.0, 22.0, 9.0, 4.0)]
        ),
        "long-title-plain.txt": sorted([*common, (long_title, 61.0)]),
    }


def _plain_records(text: str) -> list[Record]:
    """What the pipeline finds in `text` read as plain (reading-order) text."""
    doc = read_document(Path("a.txt"), "a.txt", text.encode(), text_form="plain")
    return process_document(doc).records


def test_sections_numbered_n_point_0_head_their_statements() -> None:
    """ "1.0" / "2.0" / "3.0" / "3.1" alone on their lines over a title: the
    sections a statement's section names ("2.0 Key Issues")."""
    text = "\n".join(
        [
            "Cannock Chase Council — Cabinet Report 2018/19",
            "",
            "1.0",
            "",
            "Purpose of Report",
            "To provide an update on the performance of the recycling service.",
            "",
            "2.0",
            "",
            "Key Issues",
            "Fly-tipping incidents fell by 12% compared with the previous year.",
            "",
            "3.0",
            "",
            "Recycling Performance",
            "Recycling increased to 47% in the third quarter.",
            "",
            "3.1",
            "",
            "Garden Waste",
            "The garden waste service now has 12,500 subscribers.",
        ]
    )
    said = [
        (r.section, r.value) for r in _plain_records(text) if isinstance(r, Statement)
    ]
    assert said == [
        ("2.0 Key Issues", 12.0),
        ("3.0 Recycling Performance", 47.0),
        ("3.1 Garden Waste", 12500.0),
    ]


def test_paragraphs_numbered_1_00_1_01_are_sections_after_a_table() -> None:
    """ "1.00" / "1.01" numbering (every paragraph numbered): "1.01" after a
    reading-order grid's last cell is a section, not a cell of the grid."""
    text = "\n\n".join(
        [
            "Quarter 2 Performance Report 2018/19",
            "1.00",
            "PERFORMANCE",
            "Quarter 1",
            "Quarter 2",
            "Annual Target",
            "Number of visits to leisure centres",
            "1,200",
            "1,350",
            "5,000",
            "1.01",
            "Recycling increased to 68% in the final quarter.",
        ]
    )
    records = _plain_records(text)
    assert [(r.section, r.value) for r in records if isinstance(r, Statement)] == [
        ("1.01", 68.0)
    ]
    values = [r.value for r in records if type(r).__name__ == "IndicatorValue"]
    assert values == [1200.0, 1350.0, 5000.0]


def test_a_figure_alone_is_no_section_far_after_the_last() -> None:
    """ "1.13" alone after section "1.0": a figure printed as a paragraph of
    its own (a reading-order table's cell), not section 1.13; "1.1" after it
    is the next section."""
    from extract.blocks.paragraphs import paragraphs

    text = "\n".join(
        [
            "Cannock Chase Council — Cabinet Report 2018/19",
            "",
            "1.0",
            "",
            "Purpose of Report",
            "To provide an update on the performance of the recycling service.",
            "",
            "1.13",
            "",
            "1.1",
            "",
            "Garden Waste",
            "The garden waste service now has 12,500 subscribers.",
        ]
    )
    doc = read_document(Path("a.txt"), "a.txt", text.encode(), text_form="plain")
    sections = [(p.text, p.section) for p in paragraphs(doc)]
    assert sections[-4:] == [
        ("1.13", "1.0 Purpose of Report"),
        ("1.1", "1.1"),
        ("Garden Waste", "1.1 Garden Waste"),
        ("The garden waste service now has 12,500 subscribers.", "1.1 Garden Waste"),
    ]


@pytest.mark.parametrize(
    "lines, form",
    [
        # A wrapped line opening with a figure ("2.8 weeks, …") under 2.1.
        (
            [
                "2.1 The average time taken to re-let a council home this quarter was",
                "2.8 weeks, against a target of 3 weeks.",
            ],
            "plain",
        ),
        # Numbered paragraphs set as a table's rows, then "2.2" alone.
        (
            [
                "2.1\tThe council has adopted a new performance framework for housing.",
                "",
                "2.2\tEach measure is rated against its target for the quarter.",
            ],
            None,
        ),
    ],
)
def test_a_number_alone_after_numbered_paragraphs_is_the_next_section(
    lines: list[str], form: str | None
) -> None:
    text = "\n".join(
        [
            "Bromsgrove District Council - Cabinet 2018/19",
            "",
            "1 Purpose of Report",
            "",
            "1.1 To report on the performance of the housing service in the quarter.",
            "",
            "2",
            "",
            "Housing Performance",
            "",
            *lines,
            "",
            "2.3" if form is None else "2.2",
            "",
            "Homelessness",
            "",
            "There were 45 homelessness preventions in the quarter.",
        ]
    )
    doc = read_document(Path("a.txt"), "a.txt", text.encode(), text_form=form)
    said = [
        (r.section, r.value)
        for r in process_document(doc).records
        if isinstance(r, Statement) and r.value == 45.0
    ]
    assert said == [("2.3 Homelessness" if form is None else "2.2 Homelessness", 45.0)]


def test_numbered_paragraphs_that_skip_a_number_still_lead_to_the_next() -> None:
    """ "2.1 …", "2.2 …", "2.5 …" (numbered paragraphs may skip), then "2.6"
    alone over its title: section 2.6."""
    text = "\n\n".join(
        [
            "Bromsgrove District Council - Cabinet 2018/19",
            "2",
            "Housing Performance",
            "2.1 The council re-let 120 homes in the quarter.",
            "2.2 The council took 45 homelessness applications in the quarter.",
            "2.5 The council prevented 30 cases of homelessness in the quarter.",
            "2.6",
            "Temporary Accommodation",
            "There were 14 families in temporary accommodation at the end of March.",
        ]
    )
    said = [
        (r.section, r.value) for r in _plain_records(text) if isinstance(r, Statement)
    ]
    assert said[-1] == ("2.6 Temporary Accommodation", 14.0)


def test_a_figure_alone_behind_the_numbered_paragraphs_is_a_table_cell() -> None:
    """ "2.01 …" to "2.03 …", then a reading-order KPI grid whose values are
    "2.1" and "2.2": behind the paragraphs' numbering, so figures, read as
    the grid's values, not sections 2.1 and 2.2."""
    text = "\n\n".join(
        [
            "Quarter 2 Performance Report 2018/19",
            "2.00",
            "PERFORMANCE",
            "2.01 The council's indicators for the quarter are set out in the table.",
            "2.02 Two of the indicators missed their targets in the quarter.",
            "2.03 The figures for sickness absence are shown below.",
            "Quarter 1",
            "Quarter 2",
            "Annual Target",
            "Average working days lost to sickness per employee",
            "2.1",
            "2.2",
            "8.0",
            "3.00",
            "FINANCIAL IMPLICATIONS",
            "3.01 There are no financial implications arising from this report.",
        ]
    )
    values = [
        r.value for r in _plain_records(text) if type(r).__name__ == "IndicatorValue"
    ]
    assert values == [2.1, 2.2, 8.0]


@pytest.mark.parametrize(
    "lines",
    [
        # A wrapped line opening with a figure of another top level.
        [
            "2.2 The council took 45 homelessness applications, and the target is",
            "4.5 Days per case, as in the plan.",
            "2.3",
        ],
    ],
)
def test_a_lone_number_after_a_figure_far_on_is_still_the_next_section(
    lines: list[str],
) -> None:
    text = "\n\n".join(
        [
            "Bromsgrove District Council - Cabinet 2018/19",
            "2",
            "Housing",
            "2.1 The council re-let 120 homes in the quarter.",
            *lines,
            "Homelessness",
            "There were 14 families in temporary accommodation at the end of March.",
        ]
    )
    said = [
        (r.section, r.value) for r in _plain_records(text) if isinstance(r, Statement)
    ]
    assert said[-1] == (f"{lines[-1]} Homelessness", 14.0)
