"""PDFs as other councils print them: the text's left edge (a ruled table set
wider than the text, or a running footer at the page's margin, starts left of
the paragraphs), a centred title, a table's header repeated at each page's
top, a cell merged down a ruled table."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from extract.inputs import Input
from extract.parse import process
from extract.records import ActionUpdate, DocumentRow, IndicatorValue, RepairRow

ROWS = [
    ["Action", "Lead Officer", "Progress", "Status"],
    [
        "Adopt the new Local Plan",
        "Head of Planning",
        "Submitted in July 2017.",
        "On target",
    ],
    [
        "Deliver 250 affordable homes",
        "Housing Manager",
        "112 homes by Q2.",
        "Behind schedule",
    ],
    [
        "Refurbish the car park",
        "Facilities Manager",
        "Completed in September.",
        "Completed",
    ],
]


def _pdf(table_width: float) -> bytes:
    """A title, a paragraph and a ruled action table `table_width` wide, in a
    text frame of A4 with 25 mm margins (160 mm)."""
    styles = getSampleStyleSheet()
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm)
    widths = [table_width * share for share in (0.35, 0.2, 0.3, 0.15)]
    table = Table(ROWS, colWidths=widths)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    doc.build(
        [
            Paragraph("Greyfield Borough Council", styles["Heading2"]),
            Paragraph("Quarter 2 Performance Report 2017/18", styles["Heading1"]),
            Spacer(1, 12),
            Paragraph(
                "The actions of the Corporate Plan at the end of Q2.", styles["Normal"]
            ),
            Spacer(1, 12),
            table,
        ]
    )
    return out.getvalue()


def test_a_ruled_table_wider_than_the_text_leaves_the_text_prose(
    tmp_path: Path,
) -> None:
    """A table 20 mm wider than the frame starts left of the paragraphs: every
    paragraph had been read as a table row, the title, year and quarters lost
    and the actions' statuses with them, silently."""
    path = tmp_path / "wide.pdf"
    path.write_bytes(_pdf(180 * mm))
    records = process(Input(path, "wide.pdf")).records
    (doc,) = [r for r in records if isinstance(r, DocumentRow)]
    assert (doc.title, doc.financial_year, list(doc.quarters)) == (
        "Quarter 2 Performance Report 2017/18",
        "2017/18",
        ["Q2"],
    )
    ratings = [r.rating_symbol for r in records if isinstance(r, ActionUpdate)]
    assert ratings == ["On target", "Behind schedule", "Completed"]


def test_a_table_within_the_text_reads_as_before(tmp_path: Path) -> None:
    path = tmp_path / "narrow.pdf"
    path.write_bytes(_pdf(150 * mm))
    records = process(Input(path, "narrow.pdf")).records
    (doc,) = [r for r in records if isinstance(r, DocumentRow)]
    assert doc.title == "Quarter 2 Performance Report 2017/18"
    ratings = [r.rating_symbol for r in records if isinstance(r, ActionUpdate)]
    assert ratings == ["On target", "Behind schedule", "Completed"]


def test_a_centred_title_is_the_report_s_title(tmp_path: Path) -> None:
    """A title set on the page's middle (reportlab's Title style, as many
    covers are) had been a table row of one cell: the title, year and
    quarters lost, silently."""
    styles = getSampleStyleSheet()
    path = tmp_path / "centred.pdf"
    doc = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm
    )
    doc.build(
        [
            Paragraph("Quarter 2 Performance Report 2017/18", styles["Title"]),
            Spacer(1, 12),
            Paragraph(
                "The actions of the Corporate Plan at the end of Q2.", styles["Normal"]
            ),
        ]
    )
    records = process(Input(path, "centred.pdf")).records
    (row,) = [r for r in records if isinstance(r, DocumentRow)]
    assert (row.title, row.financial_year, list(row.quarters)) == (
        "Quarter 2 Performance Report 2017/18",
        "2017/18",
        ["Q2"],
    )


def test_a_table_header_repeated_at_the_top_of_each_page_is_the_table_s(
    tmp_path: Path,
) -> None:
    """A long grid's header repeated on every page within the page's top band
    (15 mm margins) had been dropped as a running header: on later pages the
    values went under the wrong columns, silently."""
    styles = getSampleStyleSheet()
    path = tmp_path / "long.pdf"
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
    )
    rows = [["Performance Indicator", "Q1", "Q2", "Annual Target"]]
    rows += [
        [f"Number of service requests in team {n}", "12", "14", "50"] for n in range(90)
    ]
    table = Table(rows, repeatRows=1, colWidths=[90 * mm, 25 * mm, 25 * mm, 30 * mm])
    doc.build(
        [
            Paragraph("Quarter 2 Performance Report 2017/18", styles["Heading1"]),
            Spacer(1, 12),
            table,
        ]
    )
    records = process(Input(path, "long.pdf")).records
    values = [r for r in records if isinstance(r, IndicatorValue)]
    assert len(values) == 270
    assert {(r.period, r.measure, r.value) for r in values} == {
        ("Q1", "actual", 12.0),
        ("Q2", "actual", 14.0),
        ("FY", "target", 50.0),
    }


def test_a_cell_merged_down_a_ruled_table_leaves_the_rows_under_it_in_place(
    tmp_path: Path,
) -> None:
    """A theme's cell merged over its indicators' rows ("SPAN"): the rows under
    it have no box in its column, and their cells had been read a column to
    the left (an indicator named "310", its figures a quarter early),
    silently."""
    path = tmp_path / "merged.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4)
    rows = [
        ["Priority", "Performance Indicator", "Q1", "Q2", "Target"],
        [
            "Clean and Green",
            "Percentage of household waste recycled",
            "47.5%",
            "51.2%",
            "50%",
        ],
        ["", "Number of fly tipping incidents", "310", "287", "250"],
    ]
    table = Table(rows)
    table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("SPAN", (0, 1), (0, 2))])
    )
    styles = getSampleStyleSheet()
    doc.build(
        [Paragraph("Quarter 2 Performance Report 2017/18", styles["Heading1"]), table]
    )
    records = process(Input(path, "merged.pdf")).records
    values = [
        (r.indicator, r.period, r.measure, r.value)
        for r in records
        if isinstance(r, IndicatorValue) and r.indicator.startswith("Number")
    ]
    name = "Number of fly tipping incidents"
    assert values == [
        (name, "Q1", "actual", 310.0),
        (name, "Q2", "actual", 287.0),
        (name, "FY", "target", 250.0),
    ]


def test_a_figure_wrapped_in_a_narrow_cell_is_joined_and_logged(
    tmp_path: Path,
) -> None:
    """ "£12,345,678" in a cell narrower than it breaks as "£12,345,6" / "78":
    it had been read 12345, the rest a note, silently."""
    styles = getSampleStyleSheet()
    body = styles["Normal"]
    path = tmp_path / "narrow.pdf"
    rows = [
        ["Performance Indicator", "Q1", "Q2"],
        ["Council tax collected", "£12,345,678", "£24,100,250"],
    ]
    cells = [[Paragraph(c, body) for c in row] for row in rows]
    table = Table(cells, colWidths=[70 * mm, 17 * mm, 17 * mm])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [Paragraph("Quarter 2 Performance Report 2017/18", styles["Heading1"]), table]
    )
    records = process(Input(path, "narrow.pdf")).records
    values = [r.value for r in records if isinstance(r, IndicatorValue)]
    assert values == [12345678.0, 24100250.0]
    rules = {r.rule for r in records if isinstance(r, RepairRow)}
    assert "figure_rejoined" in rules
