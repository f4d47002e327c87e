"""The text's left edge in a PDF: a ruled table set wider than the text, or a
running footer at the page's margin, starts left of the paragraphs; the
paragraphs stay prose."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from extract.inputs import Input
from extract.parse import process
from extract.records import ActionUpdate, DocumentRow

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
