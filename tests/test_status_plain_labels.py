"""Summary grids in reading-order text whose "TOTAL" or "No Rating" label was
printed on the line above the others, and grids a page footer cuts through:
read as their TAB exports read them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.recognisers import status_summary
from extract.records import StatusCount
from tests.conftest import PLAIN, recognised

FACT = ["plan", "theme", "scope", "period", "category", "label", "count", "percent"]
S000 = "000_af055924f554b2ff-plain.txt"
S001 = "001_4e0ea328a26b8980-plain.txt"
S002 = "002_c2fd677fd2d5bf7c-plain.txt"
LABELS = ["Milestone completed", "", "Milestone on target", "", "Project aborted", ""]


def _grid(counts: pd.DataFrame, name: str, period: str) -> list[tuple[object, ...]]:
    rows = counts[(counts.source_path == name) & (counts.period == period)]
    return [
        (r.plan, r.scope, r.category, r.count, r.percent, r.line_start, r.line_end)
        for r in rows.itertuples()
    ]


def _counts(lines: list[str]) -> list[tuple[str, str, int | None, float | None]]:
    text = ["Summary of Progress", "", *lines, "", "Comments", "", "None were made."]
    return [
        (r.period or "", r.category, r.count, r.percent)
        for r in recognised(status_summary, text, "plain")
        if isinstance(r, StatusCount)
    ]


def test_every_plain_form_reads_its_grids_as_its_tab_export(
    plain_counts: pd.DataFrame, run_dir: Path
) -> None:
    docs = pd.read_parquet(run_dir / "documents.parquet")[["doc_id", "source_path"]]
    tab = pd.read_parquet(run_dir / "status_summary.parquet").merge(docs, on="doc_id")
    read = {}
    for path in PLAIN:
        want = tab[tab.source_path == f"{path.name.split('-')[0]}.txt"][FACT]
        got = plain_counts[plain_counts.source_path == path.name][FACT]
        pd.testing.assert_frame_equal(
            got.reset_index(drop=True), want.reset_index(drop=True)
        )
        read[path.name] = len(got)
    assert read == {
        "000_af055924f554b2ff-dingbats-plain.txt": 10,
        S000: 10,
        S001: 5,
        "002_c2fd677fd2d5bf7c-dingbats-plain.txt": 10,
        "002_c2fd677fd2d5bf7c-glyphs-plain.txt": 10,
        S002: 10,
        "003_23ba67851198ff7c-plain.txt": 10,
        "004_d8bfd0ac3b4287f7-plain.txt": 0,
    }


def test_total_over_the_labels_heads_the_last_column(
    plain_counts: pd.DataFrame,
) -> None:
    """ "Quarter Four (1 January 2019 - 31 March 2019)", "Performance", "TOTAL",
    "Milestone completed" in one paragraph, then the other labels, then
    "9 (75%)" … "12 (100%)" (samples/text/002…-plain.txt lines 5-24)."""
    plan = "Improving Community Wellbeing PDP"
    assert _grid(plain_counts, S002, "Q4") == [
        (plan, "milestones", "completed", 9, 75.0, 16, 24),
        (plan, "milestones", "on_target", 0, 0.0, 16, 24),
        (plan, "milestones", "attention", 3, 25.0, 16, 24),
        (plan, "milestones", "aborted", 0, 0.0, 16, 24),
        (plan, "milestones", "total", 12, 100.0, 16, 24),
    ]
    assert [(c, n, p) for _, _, c, n, p, _, _ in _grid(plain_counts, S002, "FY")] == [
        ("completed", 28, 87.5),
        ("on_target", 0, 0.0),
        ("attention", 4, 12.5),
        ("aborted", 0, 0.0),
        ("total", 32, 100.0),
    ]


def test_no_rating_over_the_labels_heads_the_last_column(
    plain_counts: pd.DataFrame,
) -> None:
    """ "No Rating" over "Project completed", then five counts and five
    percents (samples/text/000…-plain.txt lines 617-644)."""
    grids = _grid(plain_counts, S000, "FY")
    assert len(grids) == 10
    plan = "Environment Priority Delivery Plan"
    assert grids[5:] == [
        (plan, "actions", "completed", 1, 33.3, 626, 644),
        (plan, "actions", "on_target", 2, 66.6, 626, 644),
        (plan, "actions", "attention", 0, 0.0, 626, 644),
        (plan, "actions", "aborted", 0, 0.0, 626, 644),
        (plan, "actions", "no_rating", 0, 0.0, 626, 644),
    ]


def test_a_title_line_above_the_grid_gives_its_period_not_a_cell_further_up(
    plain_counts: pd.DataFrame,
) -> None:
    """The action cell above 000's first grid ends "… Q3 - There has been a delay
    due to capacity Q4 – …": the grid is the year's (FY), as in the TAB export."""
    grids = _grid(plain_counts, S000, "FY")[:5]
    assert [(c, n, p) for _, _, c, n, p, _, _ in grids] == [
        ("completed", 0, 0.0),
        ("on_target", 4, 80.0),
        ("attention", 1, 20.0),
        ("aborted", 0, 0.0),
        ("no_rating", 0, 0.0),
    ]
    assert set(plain_counts[plain_counts.source_path == S000].period) == {"FY"}


def test_a_page_footer_between_the_values_is_not_a_value(
    plain_counts: pd.DataFrame,
) -> None:
    """ "0 0%" four times, "Cannock Chase Council — Page 4 of 4", then the
    last "0 0%" (samples/text/001…-plain.txt lines 392-402)."""
    plan = "Housing, Crime and Partnerships Priority Delivery Plan"
    assert _grid(plain_counts, S001, "Q1-Q2") == [
        (plan, "actions", "completed", 0, 0.0, 392, 402),
        (plan, "actions", "on_target", 8, 100.0, 392, 402),
        (plan, "actions", "attention", 0, 0.0, 392, 402),
        (plan, "actions", "aborted", 0, 0.0, 392, 402),
        (plan, "actions", "no_rating", 0, 0.0, 392, 402),
    ]


def test_title_lines_and_total_over_the_labels() -> None:
    got = _counts(
        ["Quarter Two", "TOTAL", *LABELS, "1 (25%)", "", "3 (75%)", "", "0 (0%)"]
        + ["", "4 (100%)"]
    )
    assert got == [
        ("Q2", "completed", 1, 25.0),
        ("Q2", "on_target", 3, 75.0),
        ("Q2", "aborted", 0, 0.0),
        ("Q2", "total", 4, 100.0),
    ]


@pytest.mark.parametrize(
    "lines",
    [
        # Counts that do not add up to the TOTAL: its column is not certain.
        ["TOTAL", *LABELS, "1", "", "3", "", "0", "", "5"],
        # A status over the first label: which column does it head?
        ["On Target", *LABELS[:2], *LABELS[4:], "1", "", "3", "", "0"],
        # "TOTAL" a paragraph of its own before the labels.
        ["TOTAL", "", *LABELS, "1", "", "3", "", "0", "", "4"],
    ],
)
def test_a_label_over_the_others_of_uncertain_column_is_not_read(
    lines: list[str],
) -> None:
    assert _counts(lines) == []


@pytest.mark.parametrize(
    "above, period",
    [
        # The title paragraph just above the labels names the quarter.
        (["Quarter Four Performance", ""], "Q4"),
        # A cell of the table above names one, a title sits between: the
        # grid is the report's (no period in this made-up report).
        (["Q4 – There has been a delay", "", "Progress summary", ""], ""),
    ],
)
def test_the_period_is_read_from_the_title_just_above(
    above: list[str], period: str
) -> None:
    values = ["1 (25%)", "", "3 (75%)", "", "0 (0%)", "", "4 (100%)"]
    got = _counts([*above, "TOTAL", *LABELS, *values])
    assert [(p, c, n) for p, c, n, _ in got] == [
        (period, "completed", 1),
        (period, "on_target", 3),
        (period, "aborted", 0),
        (period, "total", 4),
    ]
