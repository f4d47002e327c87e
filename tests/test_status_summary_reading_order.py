"""Summary grids in reading-order text (pdftotext without -layout): read only
where the labels and values leave no doubt which value is whose."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.pipeline import process_document
from extract.readers import read_document
from extract.recognisers import status_summary
from extract.records import IssueRow, StatusCount
from tests.conftest import S003, recognised

FACT = ["plan", "theme", "scope", "period", "category", "label", "count", "percent"]
LABELS = ["Completed", "", "On Target", "", "Requires Attention", ""]


def _counts(lines: list[str]) -> list[tuple[str, str, int | None, float | None]]:
    text = ["Summary of Progress", "", *lines, "", "Comments", "", "None were made."]
    return [
        (r.scope, r.category, r.count, r.percent)
        for r in recognised(status_summary, text, "plain")
        if isinstance(r, StatusCount)
    ]


def test_003_plain_reads_as_its_tab_export(
    plain_counts: pd.DataFrame, run_dir: Path
) -> None:
    """Labels, then "Performance Indicators" and five "-", then "Actions" and
    "0 0%", "2 100%", … (samples/text/003…-plain.txt lines 73-107)."""
    docs = pd.read_parquet(run_dir / "documents.parquet")[["doc_id", "source_path"]]
    tab = pd.read_parquet(run_dir / "status_summary.parquet").merge(docs, on="doc_id")
    want = tab[tab.source_path == S003][FACT].reset_index(drop=True)
    got = plain_counts[plain_counts.source_path == "003_23ba67851198ff7c-plain.txt"]
    assert len(want) == 10
    pd.testing.assert_frame_equal(got[FACT].reset_index(drop=True), want)


def test_counts_then_percents() -> None:
    got = _counts([*LABELS, "1", "", "3", "", "0", "", "25%", "", "75%", "", "0%"])
    assert got == [
        ("actions", "completed", 1, 25.0),
        ("actions", "on_target", 3, 75.0),
        ("actions", "attention", 0, 0.0),
    ]


def test_percents_under_a_scoped_row_are_that_row_s_shares() -> None:
    """ "Milestones", its counts, then a row of percents that names no scope:
    the milestones' shares, not a row of the grid's default scope."""
    got = _counts(
        [
            *LABELS,
            "Milestones",
            "",
            "1",
            "",
            "3",
            "",
            "0",
            "",
            "25%",
            "",
            "75%",
            "",
            "0%",
        ]
    )
    assert got == [
        ("milestones", "completed", 1, 25.0),
        ("milestones", "on_target", 3, 75.0),
        ("milestones", "attention", 0, 0.0),
    ]


def _periods(lines: list[str]) -> list[tuple[str, str, str, int | None]]:
    text = ["Housing PDP 2017-18 Quarter 2 Update", "", *lines]
    return [
        (r.scope, r.period, r.category, r.count)
        for r in recognised(status_summary, text, "plain")
        if isinstance(r, StatusCount)
    ]


def test_rows_under_period_labels_are_of_those_periods() -> None:
    """ "Quarter 1", its counts, "Year to date", its counts: a row each
    period (the year to date of a Q2 report is Q1-Q2); a scope may follow
    the period."""
    got = _periods(
        [
            *LABELS,
            "Quarter 1",
            "",
            "Milestones",
            "",
            "1",
            "",
            "3",
            "",
            "0",
            "",
            "Year to date",
            "",
            "Milestones",
            "",
            "2",
            "",
            "2",
            "",
            "1",
        ]
    )
    assert got == [
        ("milestones", "Q1", "completed", 1),
        ("milestones", "Q1", "on_target", 3),
        ("milestones", "Q1", "attention", 0),
        ("milestones", "Q1-Q2", "completed", 2),
        ("milestones", "Q1-Q2", "on_target", 2),
        ("milestones", "Q1-Q2", "attention", 1),
    ]


def test_a_period_label_with_no_row_under_it_ends_the_grid() -> None:
    """A grid's one row, then "Q1" over the next table's header: the grid
    is read, of the report's quarter, and "Q1" is left to what follows."""
    got = _periods([*LABELS, "1", "", "3", "", "0", "", "Q1", "", "Target"])
    assert got == [
        ("actions", "Q2", "completed", 1),
        ("actions", "Q2", "on_target", 3),
        ("actions", "Q2", "attention", 0),
    ]


def test_two_rows_of_one_period_and_scope_are_reported() -> None:
    """ "Quarter 2" over two rows of counts with no scope: one key twice."""
    lines = [*LABELS, "Quarter 2", "", "1", "", "3", "", "0", "", "2", "", "2", "", "1"]
    read = recognised(
        status_summary, ["Housing PDP 2017-18 Update", "", *lines], "plain"
    )
    assert not [r for r in read if isinstance(r, StatusCount)]
    assert [r.code for r in read if isinstance(r, IssueRow)] == ["unparsed_block"]


@pytest.mark.parametrize(
    "title, lines",
    [
        # Last year's Q4, in a Q1 report.
        ("Housing PDP 2017-18 Quarter 1 Update", ["Last quarter", "1", "3", "0"]),
        ("Housing PDP 2017-18 Quarter 2 Update", ["Q1 2016/17", "1", "3", "0"]),
        # A quarter after the report's: the year before's.
        (
            "Housing PDP 2017-18 Quarter 1 Update",
            ["Q4", "1", "3", "0", "Q1", "2", "2", "1"],
        ),
        # The year to date of a Q1 report is its quarter, as is the row
        # above it: one key twice.
        (
            "Housing PDP 2017-18 Quarter 1 Update",
            ["1", "3", "0", "Year to date", "2", "2", "1"],
        ),
    ],
)
def test_rows_of_another_year_or_twice_one_period_are_reported(
    title: str, lines: list[str]
) -> None:
    body = [text for line in lines for text in (line, "")]
    read = recognised(status_summary, [title, "", *LABELS, *body], "plain")
    assert not [r for r in read if isinstance(r, StatusCount)]
    assert [r.code for r in read if isinstance(r, IssueRow)] == ["unparsed_block"]


@pytest.mark.parametrize(
    "after",
    [
        # The next table's period label and heading.
        ["Q1", "Key Performance Indicators", "Indicator", "Target"],
        # A KPI's values by quarter: shares alone under the grid's counts.
        ["Q1", "95%", "96%", "97%"],
    ],
)
def test_a_period_label_heading_what_follows_ends_the_grid(after: list[str]) -> None:
    body = [text for line in ["1", "3", "0", *after] for text in (line, "")]
    assert _periods([*LABELS, *body]) == [
        ("actions", "Q2", "completed", 1),
        ("actions", "Q2", "on_target", 3),
        ("actions", "Q2", "attention", 0),
    ]


def test_a_period_s_shares_under_its_counts_are_theirs() -> None:
    """ "Q2 No." over counts, "Q2 %" over shares: one row of Q2."""
    lines = ["Q2 No.", "2", "2", "1", "Q2 %", "40%", "40%", "20%"]
    body = [text for line in lines for text in (line, "")]
    text = ["Housing PDP 2017-18 Quarter 2 Update", "", *LABELS, *body]
    read = recognised(status_summary, text, "plain")
    assert [
        (r.period, r.count, r.percent) for r in read if isinstance(r, StatusCount)
    ] == [
        ("Q2", 2, 40.0),
        ("Q2", 2, 40.0),
        ("Q2", 1, 20.0),
    ]


def test_counts_closing_the_text_are_no_page_numbers() -> None:
    """A grid in a one-page text's last lines: its counts, alone on their
    lines, are cells, not the page's number."""
    text = ["Summary of Progress", "", *LABELS, "6", "", "0", "", "12", ""]
    read = recognised(status_summary, text, "plain")
    assert [(r.category, r.count) for r in read if isinstance(r, StatusCount)] == [
        ("completed", 6),
        ("on_target", 0),
        ("attention", 12),
    ]


def test_a_count_over_its_percentage_is_one_cell() -> None:
    # 000's summary grid as a Writer print's plain text sets it: each count
    # on the line above its percentage. "1" is no section number.
    got = _counts([*LABELS, "1", "25%", "", "3", "75%", "", "0", "0%"])
    assert got == [
        ("actions", "completed", 1, 25.0),
        ("actions", "on_target", 3, 75.0),
        ("actions", "attention", 0, 0.0),
    ]


@pytest.mark.parametrize(
    "lines",
    [
        # "No Rating" a paragraph of its own before the statuses: it could
        # head any column (tests/test_status_plain_labels.py).
        ["No Rating", "", *LABELS, "1", "", "3", "", "0", "", "2"],
        # One value more than labels: which is whose?
        [*LABELS, "1", "", "3", "", "0", "", "2"],
        # One fewer: an empty cell prints nothing.
        [*LABELS, "1 (25%)", "", "3 (75%)"],
        # A label naming no status among the labels ("Delayed"): a grid
        # opened after it would put every count a column along.
        [
            "Completed",
            "",
            "On Target",
            "",
            "Delayed",
            "",
            *LABELS[4:],
            "Project aborted/ closed",
            "",
            "No Rating",
            "",
            *[
                line
                for v in ("4 20%", "0 0%", "7 35%", "2 10%", "5 25%")
                for line in (v, "")
            ],
            "2 10%",
        ],
        # A label wrapped at a word ("Action on" / "target"), then its tail.
        [
            "Completed",
            "",
            "Action on",
            "target",
            "",
            *LABELS[4:],
            "Alterations considered by leadership team",
            "",
            "Project aborted/ closed",
            "",
            "1 10%",
            "",
            "2 20%",
            "",
            "3 30%",
            "",
            "4 40%",
        ],
    ],
)
def test_a_grid_of_uncertain_shape_is_not_read(lines: list[str]) -> None:
    assert _counts(lines) == []


# A label of a sentence or two, wrapped at its cell's width, printed first.
LONG_LABEL = ["Project scope/target", "date requires", "attention. Alterations"]
ROW = ["Actions", "", "1 (10%)", "", "6 (60%)", "", "3 (30%)", "", "0 (0%)"]


def test_a_grid_whose_first_label_is_long_is_read_from_it() -> None:
    """The grid's block opens at its first label, not at the first short one:
    read from "Completed" on, each value would go a column along."""
    label = [*LONG_LABEL, "considered by", "Leadership Team."]
    got = _counts(
        [*label, "", "Completed", "", "On Target", "", "Project aborted", "", *ROW]
    )
    assert got == [
        ("actions", "attention", 1, 10.0),
        ("actions", "completed", 6, 60.0),
        ("actions", "on_target", 3, 30.0),
        ("actions", "aborted", 0, 0.0),
    ]


@pytest.mark.parametrize(
    "prose",
    [
        # At a page's width.
        [
            "The actions are rated as shown below: each is completed or on target,",
            "or requires attention where it has slipped.",
        ],
        # Narrow, as a key beside the grid, but naming a status a label names.
        ["Key: green actions are on target,", "amber actions need attention."],
        # Naming two statuses, a paragraph above the grid's title.
        ["Actions completed or on target", "are shown in green.", "", "Progress:"],
    ],
)
def test_prose_naming_a_status_above_a_grid_is_no_label(prose: list[str]) -> None:
    got = _counts([*prose, "", *LABELS, "1 (25%)", "", "3 (75%)", "", "0 (0%)"])
    assert got == [
        ("actions", "completed", 1, 25.0),
        ("actions", "on_target", 3, 75.0),
        ("actions", "attention", 0, 0.0),
    ]


def _issues(lines: list[str]) -> list[str]:
    """The `unparsed_block` messages of a plain text under a title line."""
    data = "\n".join(["Summary of Progress", "", *lines]).encode()
    doc = read_document(Path("x.txt"), "x.txt", data, text_form="plain")
    return [
        r.message
        for r in (f.record for f in process_document(doc).found)
        if isinstance(r, IssueRow) and r.code == "unparsed_block"
    ]


def test_a_grid_under_a_long_label_s_tail_is_reported_from_its_label() -> None:
    """A long label whose second sentence is a paragraph of its own: which
    paragraphs are labels is not certain, so the grid is not read, and the
    issue spans it from its first label's line (3), not from "Completed"."""
    label = ["Project scope/target", "date requires", "attention.", ""]
    label += ["Alterations considered", "by Leadership Team."]
    lines = [*label, "", "Completed", "", "On Target", "", "Project aborted", "", *ROW]
    assert _counts(lines) == []
    assert _issues(lines) == [
        "x.txt:3-24: table block with numbers that no recogniser claimed: "
        '"Project scope/target"'
    ]


@pytest.mark.parametrize("value", ["4 (12%)", "12%"])
def test_a_value_printed_under_its_long_label_is_reported(value: str) -> None:
    """A long label with its value on its next line, then the grid's other
    labels and values in pairs: the grid is not read, and the first value,
    in the label's paragraph, is reported as well as the rest."""
    pairs = ["Aborted/Closed", "11 (33%)", "", "Milestone on target", "4 (12%)"]
    label = [*LONG_LABEL, "considered by", "Leadership Team."]
    assert _issues([*label, value, "", *pairs]) == [
        "x.txt:10-14: table block with numbers that no recogniser claimed: "
        '"Aborted/Closed"',
        "x.txt:8: 1 line(s) of table cells printed without columns that no "
        f'recogniser claimed: "{value}"',
    ]


def test_a_share_alone_among_sentences_is_no_grid_s_cell() -> None:
    """ "75%" alone between two paragraphs of prose, under no label: a stray
    figure, the prose coverage's account, not an issue."""
    lines = [
        "Recycling rose again this year, and the service expects it to go on",
        "rising as the new collections bed in across the district.",
        "",
        "75%",
        "",
        "Residents have welcomed the change in the weekly collection rounds.",
    ]
    assert _issues(lines) == []


@pytest.mark.parametrize("count", ["2", "1,234"])
def test_a_label_and_its_values_before_the_grid_s_block_are_reported(
    count: str,
) -> None:
    """ "No Rating" with its count and share printed before the grid's other
    labels, outside its block: the pair is reported, not lost."""
    lines = ["No Rating", count, "10%", "", *LABELS]
    lines += ["1 (25%)", "", "3 (75%)", "", "0 (0%)"]
    assert _issues(lines) == [
        "x.txt:4-5: 2 line(s) of table cells printed without columns that no "
        f'recogniser claimed: "{count}"'
    ]
