"""Reading-order text where a table's column is printed apart from its rows
(pdftotext of a browser's print): a quarter block never takes the name of a
row it does not belong to, and a grid's header printed on one line names no
quarter the report covers."""

from __future__ import annotations

from pathlib import Path

from extract.pipeline import process_document
from extract.readers import read_document
from extract.records import Rolling12

NAME = "Hate Crime Incidents Over Time"
ORPHAN = (
    "Q4 (17.04.18) Previous 12 months = 2,808 Last 12 months = 3,132 Change over "
    "12 Months = 12% (324)"
)


def _rows(tmp_path: Path, paragraphs: list[str]) -> list[Rolling12]:
    path = tmp_path / "report-plain.txt"
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    doc = read_document(path, path.name, path.read_bytes(), "plain")
    return [r for r in process_document(doc).records if isinstance(r, Rolling12)]


def test_a_lone_block_takes_the_name_before_it(tmp_path: Path) -> None:
    rows = _rows(tmp_path, ["Quarter 4", NAME, ORPHAN])
    assert [(r.indicator, r.quarter, r.previous_12_months) for r in rows] == [
        (NAME, "Q4", 2808)
    ]


def test_the_unread_cells_of_another_row_stop_the_search_for_a_name(
    tmp_path: Path,
) -> None:
    """The name's own cells ("Q1 (24.07.17) Previous 12") lie between it and a
    block printed pages on: the block is not that row's."""
    rows = _rows(
        tmp_path, [NAME, "Quarter 1", "Q1 (24.07.17) Previous 12", "Quarter 4", ORPHAN]
    )
    assert rows == []


def test_a_lone_block_takes_no_name_printed_after_it(tmp_path: Path) -> None:
    rows = _rows(tmp_path, ["Quarter 4", ORPHAN, NAME])
    assert rows == []


def _metadata(tmp_path: Path, lines: list[str]) -> tuple[str | None, tuple[str, ...]]:
    path = tmp_path / "cover-plain.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    doc = read_document(path, path.name, path.read_bytes(), "plain")
    meta = process_document(doc).meta
    return meta.title, meta.quarters


def test_a_title_run_on_into_a_table_is_the_title(tmp_path: Path) -> None:
    title, quarters = _metadata(
        tmp_path,
        [
            "Improving Community Wellbeing PDP 2018-19 - Environment and Community",
            "Quarter Four (1 January 2019",
            "- 31 March 2019)",
            "Performance",
            "TOTAL",
            "Milestone completed",
        ],
    )
    assert title == (
        "Improving Community Wellbeing PDP 2018-19 - Environment and Community"
    )


def test_column_labels_and_a_sentence_name_no_quarter(tmp_path: Path) -> None:
    """Quarters 1 and 2 are reported; "Quarter 1 Quarter 2 … Quarter 4" is the
    grid's header on one line, "… end of Q4, with works to the" a sentence."""
    title, quarters = _metadata(
        tmp_path,
        [
            "Housing Priority Delivery Plan 2017-18 – Quarters 1 and 2 Performance "
            "Update",
            "",
            "Quarter 1 Quarter 2 Quarter 3 Quarter 4 Annual Total Annual Target",
            "Q3 Rating Q4",
            "",
            "The full scheme is still expected to complete at the end of Q4, with "
            "works to the",
            "first sites starting in the spring.",
        ],
    )
    assert title is not None and title.startswith("Housing Priority Delivery Plan")
    assert quarters == ("Q1", "Q2")
