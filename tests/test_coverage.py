"""Coverage: the share of numbers on table lines that some recogniser claimed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from extract.blocks import blocks_of
from extract.coverage import canonical, claimed_numbers, measure, number_tokens
from extract.pipeline import context_of
from extract.readers import read_path
from extract.recognisers import rolling12
from tests.conftest import S000, S004


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("Previous 12 months = 5,673 Last 12 months = 6,506", ["5,673", "6,506"]),
        ("Change Over 12 Months = 15% increase (833)", ["15", "833"]),
        ("Q1 (24.07.17)", []),
        ("Quarter 1\tQuarter 2\tPerformance compared to 2015/16", []),
        ("Target - 50% Actual – 44.1%", ["50", "44.1"]),
        ("<p>6 x Self referrals</p>", ["6"]),
        ("3rd July 2017, 32 cases.", ["32"]),
        ("Quarter Four (1 January 2019 - 31 March 2019) Performance", []),
        ("Annual Performance 2018-19", []),
        ("Performance to Date 2019-20 (Quarters 1 and 2)", []),
    ],
)
def test_number_tokens(text: str, tokens: list[str]) -> None:
    assert number_tokens(text) == tokens


@pytest.mark.parametrize(
    "token, value",
    [
        ("5,673", "5673"),
        ("44.1", "44.1"),
        ("15", "15"),
        ("2017.", "2017"),
        ("-", None),
    ],
)
def test_canonical(token: str, value: str | None) -> None:
    assert canonical(token) == value


def test_measure_counts_covered_numbers_and_unparsed_blocks(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(
        "Title\n"
        "\tQuarter 1\tQuarter 2\n"
        "Hate Crime\tQ1 (24.07.17) Previous 12 months = 89 Last 12 months = 100 "
        "Change over 12 Months = 12%\n"
        "Fly tipping\t120\t130\n"
        "Litter\t7\t\n"
        "\n"
        "Prose with 5 numbers\n",
        encoding="utf-8",
    )
    doc = read_path(path, "r.txt")
    blocks = blocks_of(doc)
    # Only the rolling-12-months recogniser is offered the blocks: it claims
    # the quarter block of line 3, and nothing claims lines 4-5.
    rows = list(rolling12.recognise(blocks, context_of(doc)[1]))
    assert [r.line_start for r in rows] == [3]
    cov = measure(doc, claimed_numbers(blocks.claims))
    assert (cov.n_tokens, cov.n_covered, cov.share) == (6, 3, 0.5)
    assert [(b.line_start, b.line_end, b.text) for b in cov.unparsed] == [
        (4, 5, "Fly tipping 120 130")
    ]
    issue = next(cov.issues(doc))
    assert (issue.code, issue.severity, issue.line) == ("unparsed_block", "warning", 4)
    assert issue.message == (
        "r.txt:4-5: table block with numbers that no "
        'recogniser claimed: "Fly tipping 120 130"'
    )


def test_documents_coverage_column(table: Callable[[str], pd.DataFrame]) -> None:
    docs = table("documents").set_index("file")
    assert 0.0 < docs.loc[S000, "coverage"] <= 1.0
    # The narrative report's appendix is a table printed cell by cell, which
    # no recogniser reads.
    assert docs.loc[S004, "coverage"] == 0.0


def test_unparsed_blocks_are_issues(table: Callable[[str], pd.DataFrame]) -> None:
    issues = table("issues")
    unparsed = issues[issues["code"] == "unparsed_block"]
    assert set(unparsed["severity"]) <= {"warning"}
    assert all(
        m.startswith(f"{f}:")
        for f, m in zip(unparsed["file"], unparsed["message"], strict=True)
    )


def test_a_table_its_reader_reported_is_not_reported_again(plain_dir: Path) -> None:
    # samples/text/000-plain prints the Environment action table (lines 572-613)
    # in reading order; the actions reader leaves it unread and reports it.
    # Coverage had reported the same lines again, as 568-616.
    issues = pd.read_parquet(plain_dir / "issues.parquet")
    docs = pd.read_parquet(plain_dir / "documents.parquet")
    doc_id = docs.loc[
        docs.source_path.str.endswith("000_af055924f554b2ff-plain.txt"), "doc_id"
    ].item()
    blocks = issues[(issues.doc_id == doc_id) & (issues.code == "unparsed_block")]
    around = blocks[blocks.line.between(560, 620)].message.tolist()
    assert len(around) == 1
    assert around[0].startswith(
        "000_af055924f554b2ff-plain.txt:572-613: action table printed in "
        "reading order, not read"
    )
    # Its lines still count as numbers not read.
    assert docs.loc[docs.doc_id == doc_id, "coverage"].item() < 1
