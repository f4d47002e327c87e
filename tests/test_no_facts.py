"""No silent nothing: a readable document that gives no fact row says so."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from extract.run import extract
from tests.conftest import SAMPLES

LETTER = "\n".join(
    [
        "Civic Centre, Beecroft Road",
        "",
        "Dear Councillor,",
        "",
        "You are invited to attend the meeting of Cabinet in the Council Chamber.",
        "Yours sincerely,",
        "A. Clerk",
    ]
)
# Columns aligned with spaces, numbers in them, no grid a recogniser knows.
STALL = "\n".join(
    [
        "Market stall takings",
        "",
        "Stall            Apples       Pears",
        "Monday           12           15",
        "Tuesday          14           11",
    ]
)


def _issues(tmp_path: Path, name: str, text: str) -> pd.DataFrame:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    extract([src], tmp_path / "out")
    issues = pd.read_parquet(tmp_path / "out" / "issues.parquet")
    return issues[issues.code == "no_facts"]


def test_a_paper_without_figures_is_info(tmp_path: Path) -> None:
    found = _issues(tmp_path, "letter.txt", LETTER)
    assert list(found.severity) == ["info"]
    assert list(found.message) == [
        "letter.txt: readable, but no fact row was found: no figures in tables"
    ]


def test_a_layout_table_nothing_reads_is_a_warning(tmp_path: Path) -> None:
    found = _issues(tmp_path, "stall.txt", STALL)
    assert list(found.severity) == ["warning"]
    assert list(found.message) == [
        "stall.txt: readable, but no fact row was found: 4 number(s) on table "
        "lines, none read into a table"
    ]
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert list(docs.text_form) == ["layout"]
    assert list(docs.coverage) == [0.0]


def test_a_plain_text_sample_is_a_warning(tmp_path: Path) -> None:
    # samples/004 in reading order: its appendix's delivery plan table, cell
    # by cell, and no quarter block or grid (which reading-order text is read
    # for).
    src = SAMPLES / "text" / "004_d8bfd0ac3b4287f7-plain.txt"
    found = _issues(tmp_path, src.name, src.read_text(encoding="utf-8"))
    assert list(found.severity) == ["warning"]
    assert (
        "short line(s) with figures (table cells one after another"
        in found.message.iloc[0]
    )


def test_a_report_with_facts_has_no_such_issue(run_dir: Path) -> None:
    issues = pd.read_parquet(run_dir / "issues.parquet")
    docs = pd.read_parquet(run_dir / "documents.parquet")
    flagged = set(issues[issues.code == "no_facts"].doc_id)
    # Only the narrative 004 prints figures outside any table read today (its
    # appendix tables, cell by cell); its prose gives statements.
    assert set(docs[docs.doc_id.isin(flagged)].source_path) == {
        "004_d8bfd0ac3b4287f7.txt"
    }


def test_a_narrative_with_statements_only_is_no_issue(tmp_path: Path) -> None:
    text = (
        "5.4 Community Safety\n"
        "During 2011/12, there were 5,803 crimes recorded in the district, a "
        "reduction of 11% (705 crimes) compared with the previous year.\n"
    )
    assert _issues(tmp_path, "narrative.txt", text).empty
