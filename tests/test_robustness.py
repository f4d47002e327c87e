"""Any text in, rows or issues out: no recogniser raises on what a report may hold."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.document import Document
from extract.layout.tab_rows import build_rows
from extract.pipeline import process_document

# Pieces the reports are made of, so that generated lines look like their tables.
PIECES = st.sampled_from(
    [
        "Quarter 1",
        "Q2",
        "Q3 Rating",
        "Annual Target",
        "Total",
        "Project completed",
        "Project on target",
        "requires attention",
        "No Rating",
        "0 0%",
        "9 (75%)",
        "Q1 (24.07.17) Previous 12 months = 5,673 Last 12 months = 6,506",
        "Change over 12 Months = - 10% reduction (-321)",
        "<p>",
        "</p>",
        "<ul>",
        "<table><tr><td>275</td></tr></table>",
        "✓",
        "▲",
        "$ \\bigcirc$",
        "<u></u>",
        "17 Race",
        "Gender ID 5",
        "2 x Council referrals",
        "approx. 120 incidents",
        "£19,112.23",
        "<20,000 Tonnes",
        "2017.18 - 425",
        "N/A",
        "-",
        "197.04.18",
        "Action & Progress Update",
        "Outcomes",
        "Approach",
        "Key Project",
        "Milestone(s)",
        "Strategic Objective",
        "Priority Delivery Plan 2017-18",
        "Cleaner and safer er",
        "vironments: Wor",
        "Report of:",
        "Key Decision:",
    ]
)
CELL = st.one_of(PIECES, st.text(max_size=12)).map(lambda s: s.replace("\n", " "))
LINE = st.lists(CELL, max_size=7).map("\t".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINE, max_size=25))
def test_any_report_text_gives_rows_not_exceptions(lines: list[str]) -> None:
    doc = Document(
        doc_id="x",
        source_path="x.txt",
        source_format="txt",
        lines=tuple(lines),
        rows=tuple(build_rows(lines)),
    )
    processed = process_document(doc)
    assert processed.document.status == "ok"
    assert all(hasattr(r, "table") for r in processed.records)
