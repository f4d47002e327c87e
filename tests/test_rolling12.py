"""Every quarter block of the samples, value by value."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from extract.records import IssueRow, Record, Rolling12
from tests.conftest import (
    S000,
    S001,
    SAMPLES,
    assert_read_as_printed,
    printed_otherwise,
    recognised,
    rows_of,
    synthetic,
)

CRIME = "Committed Crime Over Time (Variation) All crime groupings"
ASB = "ASB Incidents Over Time (Variation) – Police data"
HATE = "Hate Crime Incidents Over Time (Variation) – Police data"
NA = None

# file, indicator starts with, quarter, as_of_date, raw, previous, last, pct, abs,
# direction, line_start, line_end
BLOCKS = [
    (
        S000,
        CRIME,
        "Q1",
        date(2017, 7, 24),
        "24.07.17",
        5673,
        6506,
        15,
        833,
        "increase",
        6,
        6,
    ),
    (
        S000,
        CRIME,
        "Q2",
        date(2017, 10, 10),
        "10.10.17",
        5828,
        6730,
        15,
        902,
        "increase",
        6,
        6,
    ),
    (
        S000,
        CRIME,
        "Q3",
        date(2018, 1, 19),
        "19.01.18",
        5967,
        6782,
        14,
        815,
        "increase",
        6,
        6,
    ),
    (
        S000,
        CRIME,
        "Q4",
        date(2018, 4, 17),
        "17.04.18",
        6318,
        6577,
        4,
        259,
        "increase",
        6,
        6,
    ),
    (
        S000,
        ASB,
        "Q1",
        date(2017, 7, 24),
        "24.07.17",
        3235,
        2914,
        -10,
        -321,
        "reduction",
        9,
        9,
    ),
    (
        S000,
        ASB,
        "Q2",
        date(2017, 10, 10),
        "10.10.17",
        3108,
        3062,
        -1,
        -46,
        "reduction",
        9,
        9,
    ),
    (S000, ASB, "Q3", date(2018, 1, 19), "19.01.18", 2957, 3179, 8, 222, NA, 9, 9),
    (S000, ASB, "Q4", date(2018, 4, 17), "17.04.18", 2808, 3132, 12, 324, NA, 9, 9),
    (S000, HATE, "Q1", date(2017, 7, 24), "24.07.17", 89, 100, 12, NA, NA, 12, 16),
    (S000, HATE, "Q2", date(2017, 10, 10), "10.10.17", 88, 116, 32, NA, NA, 12, 16),
    (S000, HATE, "Q3", date(2018, 1, 19), "19.01.18", 90, 123, 33, NA, NA, 12, 16),
    (S000, HATE, "Q4", date(2018, 4, 17), "197.04.18", 93, 114, 23, NA, NA, 12, 16),
    (
        S001,
        CRIME,
        "Q1",
        date(2017, 7, 24),
        "24.07.17",
        5673,
        6506,
        15,
        833,
        "increase",
        48,
        48,
    ),
    (
        S001,
        CRIME,
        "Q2",
        date(2017, 10, 10),
        "10.10.17",
        5828,
        6730,
        15,
        902,
        "increase",
        48,
        48,
    ),
    (
        S001,
        ASB,
        "Q1",
        date(2017, 7, 24),
        "24.07.17",
        3235,
        2914,
        -10,
        -321,
        "reduction",
        49,
        49,
    ),
    (
        S001,
        ASB,
        "Q2",
        date(2017, 10, 10),
        "10.10.17",
        3108,
        3062,
        -1,
        -46,
        "reduction",
        49,
        49,
    ),
    (
        S001,
        HATE,
        "Q1",
        date(2017, 7, 24),
        "24.07.17",
        89,
        100,
        12,
        11,
        "increase",
        57,
        57,
    ),
    (
        S001,
        HATE,
        "Q2",
        date(2017, 10, 10),
        "10.10.17",
        88,
        116,
        32,
        28,
        "increase",
        57,
        57,
    ),
]


@pytest.fixture(scope="module")
def rolling(table: Callable[[str], pd.DataFrame]) -> pd.DataFrame:
    return table("rolling_12_months")


def test_one_row_per_block(rolling: pd.DataFrame) -> None:
    assert len(rolling) == 18
    assert rolling.groupby("file").size().to_dict() == {S000: 12, S001: 6}


@pytest.mark.parametrize(
    "block", BLOCKS, ids=lambda b: f"{b[0][:3]}-{b[1][:10]}-{b[2]}"
)
def test_block_values(rolling: pd.DataFrame, block: tuple) -> None:  # type: ignore[type-arg]
    file, name, quarter, as_of, raw, prev, last, pct, change, direction, lo, hi = block
    rows = rolling[
        (rolling.file == file)
        & rolling.indicator.str.startswith(name)
        & (rolling.quarter == quarter)
    ]
    assert len(rows) == 1
    row = rows.iloc[0]
    assert row.financial_year == "2017/18"
    assert (row.as_of_date, row.as_of_date_raw) == (as_of, raw)
    assert (row.previous_12_months, row.last_12_months) == (prev, last)
    assert row.change_pct == pct
    assert (None if pd.isna(row.change_abs) else row.change_abs) == change
    assert (None if pd.isna(row.direction) else row.direction) == direction
    assert (row.line_start, row.line_end) == (lo, hi)
    assert pd.isna(row.page)


def test_note_is_the_rest_of_the_cell(rolling: pd.DataFrame) -> None:
    crime = rolling[rolling.indicator.str.startswith(CRIME)]
    assert set(crime.note) == {"For information only, data provided by Staffs Police."}
    # ASB cells go on with referral counts, which are no note of the block.
    assert rolling[rolling.indicator == ASB].note.isna().all()


def test_plan_and_repaired_theme(rolling: pd.DataFrame) -> None:
    r = rolling[rolling.file == S000].iloc[0]
    assert r.plan == "Crime & Partnerships Priority Delivery Plan"
    assert r.theme == (
        "Cleaner and safer environments: Working with partners to foster "
        "safer and stronger communities"
    )
    assert set(rolling[rolling.file == S001].plan) == {
        "Housing, Crime and Partnerships Priority Delivery Plan"
    }


def test_same_indicator_gets_one_id_in_both_reports(rolling: pd.DataFrame) -> None:
    ids = rolling.groupby("indicator_id").file.nunique()
    assert len(ids) == 3 and (ids == 2).all()


def test_date_typo_is_repaired_and_logged(table: Callable[[str], pd.DataFrame]) -> None:
    repairs = table("repairs")
    fix = repairs[repairs.column == "as_of_date"]
    assert len(fix) == 1
    row = fix.iloc[0]
    assert (row.file, row.table, row.line) == (S000, "rolling_12_months", 12)
    assert (row.raw, row.repaired, row.rule) == (
        "197.04.18",
        "17.04.18",
        "date_extra_digit",
    )
    assert list(row.alternatives) == ["19.04.18"]
    assert row.confidence == pytest.approx(0.9)


def test_spaced_minus_is_logged(table: Callable[[str], pd.DataFrame]) -> None:
    repairs = table("repairs")
    fix = repairs[repairs.rule == "spaced_minus"]
    assert sorted(zip(fix.file, fix.line, fix.raw, fix.repaired, strict=True)) == [
        (S001, 49, "- 1", "-1"),
        (S001, 49, "- 10", "-10"),
    ]


def test_inconsistent_change_is_an_issue(table: Callable[[str], pd.DataFrame]) -> None:
    issues = table("issues")
    bad = issues[issues.code == "inconsistent_change"]
    assert len(bad) == 1
    row = bad.iloc[0]
    assert (row.file, row.line, row.severity) == (S000, 12, "warning")
    assert "Q3" in row.message and "33%" in row.message and "36.7%" in row.message


def _blocks_of(lines: list[str]) -> list[Record]:
    from extract.recognisers import rolling12

    return recognised(rolling12, lines)


def test_plus_signs_and_decrease() -> None:
    out = _blocks_of(
        [
            "Crime Over Time (Variation)\tQ2 (1.7.17) Previous 12 months = 10 "
            "Last 12 months = 8 Change over 12 months = 20% decrease (2)\tQ3 "
            "(1.10.17) Previous 12 months = 8 Last 12 months = 9 Change over "
            "12 months = +13% increase (+1)"
        ]
    )
    rows = [r for r in out if getattr(r, "table", "") == "rolling_12_months"]
    assert [(r.quarter, r.change_pct, r.change_abs, r.direction) for r in rows] == [
        ("Q2", -20.0, -2, "reduction"),
        ("Q3", 13.0, 1, "increase"),
    ]
    fixes = [r for r in out if getattr(r, "table", "") == "repairs"]
    assert [(r.column, r.raw, r.repaired, r.rule) for r in fixes] == [
        ("change_pct", "20", "-20", "sign_from_direction"),
        ("change_abs", "2", "-2", "sign_from_direction"),
    ]


def test_undecidable_date_is_an_ambiguous_repair() -> None:
    out = _blocks_of(
        [
            "Crime Over Time (Variation)\tQ4 (197.04.18) Previous 12 months = "
            "10 Last 12 months = 10"
        ]
    )
    row = next(r for r in out if getattr(r, "table", "") == "rolling_12_months")
    assert row.as_of_date is None and row.as_of_date_raw == "197.04.18"
    issue = next(r for r in out if getattr(r, "code", "") == "ambiguous_repair")
    assert "17.04.18, 19.04.18" in issue.message


def test_fields_in_any_order_over_paragraphs_and_no_change() -> None:
    out = _blocks_of(
        [
            "Crime Over Time (Variation)\t<p>Q1&nbsp;(20.07.16)</p> <p>Previous 12 "
            "months = 71</p> <p>Last 12 months = 84</p> <p>Change over 12 Months = 18% "
            "Increase (13)</p>\tQ2 (17.10.16) Last 12 months = 1,402 Previous 12 "
            "months = 1,355 Change over 12 Months = 3% increase (47)\tQ3 (19.01.17) "
            "Previous 12 months = 90 Last 12 months = 90 Change over 12 months = no "
            "change"
        ]
    )
    rows = [r for r in out if isinstance(r, Rolling12)]
    assert [
        (r.quarter, r.previous_12_months, r.last_12_months, r.change_pct, r.change_abs)
        for r in rows
    ] == [("Q1", 71, 84, 18.0, 13), ("Q2", 1355, 1402, 3.0, 47), ("Q3", 90, 90, 0.0, 0)]
    assert [r.direction for r in rows] == ["increase", "increase", None]


def test_a_cell_shared_by_a_quarter_block_and_counts() -> None:
    """samples/000 line 9's shape: the rolling recogniser claims the block's
    characters, the breakdowns recogniser reads and claims the rest."""
    from extract.claims import Claims
    from extract.document import Cell
    from extract.recognisers.rolling12 import blocks_in

    text = (
        "Q1 (24.07.17) Previous 12 months = 3,235 Last 12 months = 2,914 Change over "
        "12 Months = -10% reduction (-321) Q1 - 15 on going cases, 6 closed cases"
    )
    assert [
        (b.quarter, b.previous, b.last, b.pct, b.change) for b in blocks_in(text)
    ] == [("Q1", "3,235", "2,914", "-10", "-321")]
    cell = Cell(text, text, 1, None, 9, 9)
    claims = Claims()
    spans = tuple((b.start, b.end) for b in blocks_in(text))
    assert claims.take_spans("rolling_12_months", 0, cell, spans)
    assert claims.free_text("breakdowns", 0, cell) == (
        "Q1 - 15 on going cases, 6 closed cases"
    )
    assert not claims.take_cell("kpi_grid", 0, cell)
    assert claims.take_rest("breakdowns", 0, cell)
    assert [(c.recogniser, c.text) for c in claims] == [
        ("rolling_12_months", text[: spans[0][1]]),
        ("breakdowns", "Q1 - 15 on going cases, 6 closed cases"),
    ]


def test_difference_first_and_percentage_in_brackets() -> None:
    out = _blocks_of(
        [
            "\t".join(
                [
                    "Domestic Abuse Incidents Over Time – Police data",
                    "Q3 (16/1/17) Previous 12 months = 1,333 Last 12 months = 1,453 "
                    "Change = 120 (9%)",
                    "Q4 (9/4/17) Previous 12 months = 1,453 Last 12 months = 1,400 "
                    "Change = -53 (-4%) reduction",
                ]
            )
        ]
    )
    rows = [r for r in out if isinstance(r, Rolling12)]
    assert [
        (r.quarter, r.as_of_date, r.change_pct, r.change_abs, r.direction) for r in rows
    ] == [
        ("Q3", date(2017, 1, 16), 9.0, 120, None),
        ("Q4", date(2017, 4, 9), -4.0, -53, "reduction"),
    ]


def test_unbracketed_date_and_year_from_the_date() -> None:
    out = _blocks_of(
        [
            "COUNCIL",
            "",
            "Violence with Injury – Police data\tQ3 18.01.17 Previous 12 months = 880 "
            "Last 12 months = 951 Change over 12 Months = 0% no change (0)",
        ]
    )
    row = next(r for r in out if isinstance(r, Rolling12))
    assert (row.quarter, row.as_of_date, row.financial_year) == (
        "Q3",
        date(2017, 1, 18),
        "2016/17",
    )
    assert (row.change_pct, row.change_abs, row.direction) == (0.0, 0, None)


def test_letter_o_in_a_block_date() -> None:
    out = _blocks_of(
        [
            "Crime Over Time (Variation)\tQ3 (2O.01.17) Previous 12 months = 80 "
            "Last 12 months = 95 Change over 12 Months = 19%"
        ]
    )
    row = next(r for r in out if isinstance(r, Rolling12))
    assert (row.as_of_date, row.as_of_date_raw) == (date(2017, 1, 20), "2O.01.17")
    fix = next(r for r in out if getattr(r, "table", "") == "repairs")
    assert (fix.raw, fix.repaired, fix.rule) == (
        "2O.01.17",
        "20.01.17",
        "letter_for_digit",
    )


@pytest.mark.parametrize(
    "block, quarter, previous, last, pct, change",
    [
        (
            "Q1 (24.07.17) Previous 12 rnonths = 5,673 Last 12 months = 6,506 "
            "Change over 12 Months = 15% increase (833)",
            "Q1",
            5673,
            6506,
            15.0,
            833,
        ),
        (
            "Q2 (10.10.17) Previous 12 months = 5,828 Last12 months = 6,730 "
            "Change over 12 Months = 15% increase (902)",
            "Q2",
            5828,
            6730,
            15.0,
            902,
        ),
        (
            "Q3 (19.01.18) Previous l2 months = 5,967 Last 12 months = 6,782 "
            "Change over 12 Months = 14% increase (815)",
            "Q3",
            5967,
            6782,
            14.0,
            815,
        ),
        (
            "Q4 (17.04.18) Previous 12 months = 6,318 Last 12 months = 6,577 "
            "Change 0ver 12 Months = 4% increase (259)",
            "Q4",
            6318,
            6577,
            4.0,
            259,
        ),
    ],
)
def test_damaged_labels_still_read(
    block: str, quarter: str, previous: int, last: int, pct: float, change: int
) -> None:
    out = _blocks_of([f"Crime Over Time (Variation)\t{block}"])
    rows = [r for r in out if isinstance(r, Rolling12)]
    assert [
        (
            r.quarter,
            r.previous_12_months,
            r.last_12_months,
            r.change_pct,
            r.change_abs,
            r.direction,
        )
        for r in rows
    ] == [(quarter, previous, last, pct, change, "increase")]
    assert not [r for r in out if getattr(r, "table", "") == "issues"]


@pytest.mark.parametrize(
    "text",
    [
        # Another span of months is another measure, however close the words.
        "Q1 (24.07.17) Previous 6 months = 10 Last 6 months = 12",
        "Q1 (24.07.17) Previous 18 months = 10 Last 18 months = 12",
        # A label without its "=" and figure is no block.
        "Q1 (24.07.17) Previous 12 months were higher; Last 12 months = 12",
    ],
)
def test_near_labels_are_no_block(text: str) -> None:
    from extract.recognisers.rolling12 import blocks_in

    assert blocks_in(text) == []


# Every "(" sends the quarter-label pattern looking for a digit before a ")":
# the time grows with the square of the length (8,000 labels take about 0.3 s).
UNCLOSED_LABELS = "Q1 (" * 8000


def test_a_scan_that_times_out_is_an_unparsed_block(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from extract.recognisers import rolling12
    from extract.recognisers.rolling12 import quarter_blocks

    # A budget the ordinary cell meets even on a loaded machine (it takes well
    # under a millisecond) and the 32,000-character one cannot (about 0.3 s).
    monkeypatch.setattr(quarter_blocks, "MATCH_TIMEOUT", 0.05)
    with pytest.raises(TimeoutError):
        rolling12.blocks_in(UNCLOSED_LABELS)
    out = _blocks_of(
        [
            "Crime Over Time (Variation)\tQ1 (24.07.17) Previous 12 months = 5,673 "
            "Last 12 months = 6,506",
            f"ASB Over Time (Variation)\t{UNCLOSED_LABELS}",
        ]
    )
    issues = [r for r in out if getattr(r, "table", "") == "issues"]
    assert [(i.severity, i.code, i.line) for i in issues] == [
        ("warning", "unparsed_block", 2)
    ]
    assert issues[0].message == (
        "x.txt:2: quarter blocks not read: searching this cell of 32000 characters "
        'took over 0.05 s: "Q1 (Q1 (Q1 (Q1 (Q1 (Q1 (Q1 (Q1 (Q1 (Q1 (Q1 (Q1 (Q1 (Q1 '
        '(Q1 (…"'
    )
    rows = [r for r in out if isinstance(r, Rolling12)]
    assert [(r.quarter, r.previous_12_months, r.last_12_months) for r in rows] == [
        ("Q1", 5673, 6506)
    ]


def test_a_block_without_a_figure_is_kept_and_reported() -> None:
    from extract.recognisers import rolling12

    out = recognised(
        rolling12,
        [
            "\tQuarter 1\tQuarter 2",
            "Committed Crime Over Time\tQ1 (24.07.17) Previous 12 months = 5,673 "
            "Last 12 months = , Change Over 12 Months = 15% increase (833)\t",
        ],
    )
    rows = [r for r in out if isinstance(r, Rolling12)]
    issues = [r for r in out if isinstance(r, IssueRow)]
    assert [(r.quarter, r.previous_12_months, r.last_12_months) for r in rows] == [
        ("Q1", 5673, None)
    ]
    assert [(i.code, i.severity, i.line) for i in issues] == [
        ("unreadable_value", "warning", 2)
    ]
    assert "Last 12 months prints no figure" in issues[0].message


def test_a_negative_total_is_kept_and_reported() -> None:
    from extract.pipeline import process_document

    doc, _ = synthetic(
        [
            "Priority Delivery Plan 2017-18 Quarter 1 Performance Update",
            "\tQuarter 1\tQuarter 2",
            "Committed Crime Over Time\tQ1 (24.07.17) Previous 12 months = -5,673 "
            "Last 12 months = 6,506\t",
        ]
    )
    out = [f.record for f in process_document(doc).found]
    rows = [r for r in out if isinstance(r, Rolling12)]
    assert [(r.previous_12_months, r.last_12_months) for r in rows] == [(-5673, 6506)]
    ranges = [
        r.message
        for r in out
        if isinstance(r, IssueRow) and r.code == "value_out_of_range"
    ]
    assert ranges == [
        "x.txt:3: rolling_12_months.previous_12_months -5673 is outside 0..; "
        "kept as printed"
    ]


@pytest.mark.parametrize(
    "label",
    [
        "Q3: (18.01.17)",
        "Q3 - (18.01.17)",
        "Qtr 3 (18.01.17)",
        "Qtr. 3 – 18.01.17",
        "Q3 (18 January 2017)",
        "Quarter 3 (18th Jan, 2017)",
        # A block whose date these print was not read (reported only).
        "Q3 (18-01-17)",
        "Q3 (2017-01-18)",
        "Q3 (18 Jan 17)",
        "Q3 (as at 18.01.17)",
    ],
)
def test_other_printings_of_the_quarter_label(label: str) -> None:
    out = _blocks_of(
        [
            "COUNCIL",
            "",
            f"Violence with Injury – Police data\t{label} Previous 12 months = 880 "
            "Last 12 months = 951 Change over 12 Months = 8% increase (71)",
        ]
    )
    rows = [r for r in out if isinstance(r, Rolling12)]
    assert [
        (r.quarter, r.as_of_date, r.previous_12_months, r.last_12_months) for r in rows
    ] == [("Q3", date(2017, 1, 18), 880, 951)]
    assert (rows[0].change_pct, rows[0].change_abs) == (8.0, 71)


def test_sample_000_with_colons_after_its_quarter_labels(
    tmp_path: Path, run_dir: Path
) -> None:
    # Another year's report may print "Q1: (24.07.17)": every block of 000
    # is read as from "Q1 (24.07.17)".
    text = (SAMPLES / S000).read_text(encoding="utf-8")
    changed = re.sub(r"\b(Q[1-4]) \(", r"\1: (", text)
    assert changed.count(": (") >= 12
    out = printed_otherwise(tmp_path, S000, changed)
    columns = [
        "indicator",
        "quarter",
        "as_of_date",
        "previous_12_months",
        "last_12_months",
        "change_pct",
        "change_abs",
        "direction",
    ]
    assert_read_as_printed(out, run_dir, S000, {"rolling_12_months": columns})
    assert len(rows_of(out, "rolling_12_months", S000)) == 12


@pytest.mark.parametrize(
    "totals, change, pct, abs_, direction",
    [
        ((880, 951), "8% rise (71)", 8.0, 71, "increase"),
        ((951, 880), "7% fall (71)", -7.0, -71, "reduction"),
        ((880, 951), "8% Rise (71)", 8.0, 71, "increase"),
        # "higher"/"lower", and the difference with what it counts: the
        # difference and the direction had been null, the sign lost.
        ((951, 880), "7% lower (71)", -7.0, -71, "reduction"),
        ((880, 951), "8% higher (71)", 8.0, 71, "increase"),
        ((880, 951), "8% increase (71 crimes)", 8.0, 71, "increase"),
        ((951, 880), "7% reduction (71 fewer incidents)", -7.0, -71, "reduction"),
        ((880, 951), "8% up (71)", 8.0, 71, "increase"),
        ((951, 880), "7% down (71 incidents)", -7.0, -71, "reduction"),
        # Another figure's words in brackets are no difference.
        ((880, 951), "8% increase (3 year high)", 8.0, None, "increase"),
        ((951, 880), "7% reduction (71 fewer burglaries)", -7.0, -71, "reduction"),
        ((880, 951), "8% increase (71 additional ASB reports)", 8.0, 71, "increase"),
    ],
)
def test_rise_and_fall_are_directions(
    totals: tuple[int, int], change: str, pct: float, abs_: int, direction: str
) -> None:
    previous, last = totals
    out = _blocks_of(
        [
            "COUNCIL",
            "",
            "Violence with Injury – Police data\tQ3 (18.01.17) Previous 12 months "
            f"= {previous} Last 12 months = {last} Change over 12 Months = {change}",
        ]
    )
    row = next(r for r in out if isinstance(r, Rolling12))
    assert (row.change_pct, row.change_abs, row.direction) == (pct, abs_, direction)


# Two quarter cells side by side whose lines pdftotext (without -layout)
# printed in turn: the first line holds both labels.
IN_TURN = [
    "Committed Crime Over Time (Variation) All crime groupings",
    "",
    "Q1 (24 July 2017) Previous 12 months = 5,673 Last 12 months = Q2 (10 October "
    "2017) Previous 12 months = 5,828 Last 12",
    "6,506 Change Over 12 Months = 15% increase (833) For",
    "months = 6,730 Change Over 12 Months = 15% increase (902)",
    "information only, data provided by Staffs Police.",
    "For information only, data provided by Staffs Police.",
]


def _plain_blocks(lines: list[str]) -> list[Rolling12]:
    """The rolling-12 rows of a made-up reading-order text."""
    from extract.recognisers import rolling12

    return [
        r
        for r in recognised(rolling12, lines, text_form="plain")
        if isinstance(r, Rolling12)
    ]


def _figures(rows: list[Rolling12]) -> list[tuple[object, ...]]:
    return [
        (
            r.quarter,
            r.as_of_date,
            r.previous_12_months,
            r.last_12_months,
            r.change_pct,
            r.change_abs,
            r.direction,
        )
        for r in rows
    ]


def test_cells_whose_lines_are_printed_in_turn() -> None:
    rows = _plain_blocks(IN_TURN)
    assert _figures(rows) == [
        ("Q1", date(2017, 7, 24), 5673, 6506, 15.0, 833, "increase"),
        ("Q2", date(2017, 10, 10), 5828, 6730, 15.0, 902, "increase"),
    ]
    assert {r.indicator for r in rows} == {
        "Committed Crime Over Time (Variation) All crime groupings"
    }


# The same cells where the first line is wide enough for both quarters' totals:
# the next line prints both changes across the row
# (pdftotext without -layout, of a report printed on a wider page).
ACROSS = [
    "Committed Crime Over Time (Variation) All crime groupings",
    "",
    "Q1 (24.07.17) Previous 12 months = 5,676 Last 12 months = 6,509 "
    "Q2 (10.10.17) Previous 12 months = 5,831 Last 12 months = 6,733",
    "Change Over 12 Months = 15% increase (833) For information only, "
    "Change Over 12 Months = 15% increase (902) For information only,",
    "data provided by Staffs Police.",
    "data provided by Staffs Police.",
]


def test_cells_whose_later_lines_are_printed_across_the_row() -> None:
    # Read as it is, the paragraph gave Q1 no change and Q2 Q1's (833).
    assert _figures(_plain_blocks(ACROSS)) == [
        ("Q1", date(2017, 7, 24), 5676, 6509, 15.0, 833, "increase"),
        ("Q2", date(2017, 10, 10), 5831, 6733, 15.0, 902, "increase"),
    ]


def test_a_line_across_whose_changes_do_not_follow_is_not_so_read() -> None:
    # Cut across, Q2's change (990) would not follow from 5,831 -> 6,733: the
    # cut is in doubt and not made; the paragraph is read as it is.
    from extract.recognisers import rolling12

    lines = [line.replace("(902)", "(990)") for line in ACROSS]
    found = recognised(rolling12, lines, text_form="plain")
    rows = [(r.quarter, r.change_abs) for r in found if isinstance(r, Rolling12)]
    assert rows == [("Q1", None), ("Q2", 833)]
    # Q2's change as it reads does not follow from its totals: reported.
    assert [
        i.message.split(": ", 1)[1][:23]
        for i in found
        if isinstance(i, IssueRow) and i.code == "inconsistent_change"
    ] == ["Q2 Committed Crime Over"]


def test_a_change_in_doubt_with_every_total_read_stays_where_printed() -> None:
    # Q1's block whole on the first line, Q2's totals after it and its change
    # (990, not 6,733 - 5,831) on the next line: no line prints the row
    # across, so the paragraph is read as printed and Q2's change reported.
    from extract.recognisers import rolling12

    lines = [
        "Committed Crime Over Time (Variation) All crime groupings",
        "",
        "Q1 (24.07.17) Previous 12 months = 5,676 Last 12 months = 6,509 Change "
        "Over 12 Months = 15% increase (833) Q2 (10.10.17) Previous 12 months = "
        "5,831 Last 12 months = 6,733",
        "Change Over 12 Months = 15% increase (990) For information only, data "
        "provided by Staffs Police.",
    ]
    found = recognised(rolling12, lines, text_form="plain")
    rows = [(r.quarter, r.change_abs) for r in found if isinstance(r, Rolling12)]
    assert rows == [("Q1", 833), ("Q2", 990)]
    assert [i.code for i in found if isinstance(i, IssueRow)] == ["inconsistent_change"]


def test_lines_in_turn_whose_changes_do_not_follow_are_not_so_read() -> None:
    # Q2's change (50%) is not what its totals give: which line is whose is in
    # doubt, and Q1 keeps the totals its own line printed.
    from extract.recognisers import rolling12

    lines = [
        line.replace("15% increase (902)", "50% increase (902)") for line in IN_TURN
    ]
    rows = [
        (r.quarter, r.previous_12_months, r.last_12_months)
        for r in recognised(rolling12, lines, text_form="plain")
        if isinstance(r, Rolling12)
    ]
    assert ("Q1", 5673, None) in rows
    assert ("Q2", 5828, 6730) not in rows


def test_a_total_s_sign_is_a_plus_or_a_minus_and_nothing_else() -> None:
    from extract.recognisers.rolling12 import blocks_in

    # The sign's class once ran from "+" to "–" (U+2013), letters among them:
    # "= x5,673" read "x5,673" as the previous total.
    stray = blocks_in(
        "Q1 (24.07.17) Previous 12 months = x5,673 Last 12 months = 6,506 "
        "Change Over 12 Months = 15% increase (833)"
    )
    assert [(b.previous, b.last, b.pct, b.change) for b in stray] == [
        (None, "6,506", "15", "833")
    ]
    signed = blocks_in(
        "Q1 (24.07.17) Previous 12 months = +5,673 Last 12 months = 6,506 "
        "Change Over 12 Months = \u2212 15% (\u2013833)"
    )
    assert [(b.previous, b.pct, b.change) for b in signed] == [
        ("+5,673", "\u2212 15", "\u2013833")
    ]


@pytest.mark.parametrize(
    ("lines", "form"),
    [
        # Two quarter cells laid out side by side under their name's own row:
        # the first cell is Q1's block, not the name of Q2's. Reported, not
        # read under "Q1 (24.07.17) Previous 12 months = 100 …".
        (
            [
                "Hate Crime Incidents Over Time (Variation)",
                "Q1 (24.07.17)        Q2 (10.10.17)",
                "Previous 12 months = Previous 12 months = 200",
                "100",
                "Last 12 months =     Last 12 months = 220",
                "110",
                "Change over 12       Change over 12",
                "Months = 10%         Months = 10%",
            ],
            "plain",
        ),
        # The same, Q1's "=" wrapped away so its cell reads as no block: its
        # dated label still says it is a quarter cell, not Q2's name.
        (
            [
                "ASB Incidents Over Time (Variation)",
                "Q1 (24.07.17)   Q2 (10.10.17) Previous 12",
                "Previous 12 months =   months = 3,108 Last 12",
                "3,235 Last 12   months =",
                "months = 2,914   2,797 Change over 12 Months = -10%",
                "Change over 12 Months = -10% (-321)   (-311)",
            ],
            "layout",
        ),
    ],
)
def test_a_row_of_quarter_cells_is_not_named_by_its_first_cell(
    lines: list[str], form: str
) -> None:
    from extract.recognisers import rolling12

    found = recognised(rolling12, lines, text_form=form)
    assert not [r for r in found if isinstance(r, Rolling12)]
    issues = [r for r in found if isinstance(r, IssueRow)]
    assert [(i.code, i.severity, i.line) for i in issues] == [
        ("unparsed_block", "warning", 2)
    ]


@pytest.mark.parametrize(
    ("caption", "pct"),
    [
        # tests/fixtures/writerlayout/000 lines 62-71: a column cut through the
        # quarter cells moves the caption's words into the next cell.
        ("Change over 12 Months 32%", "32"),
        ("Change = 12 Months 33%", "33"),
        ("over Change over = 12 Months = 23%", "23"),
    ],
)
def test_a_change_caption_with_its_words_moved_is_read(caption: str, pct: str) -> None:
    from extract.recognisers.rolling12 import blocks_in

    text = f"Q2 (10.10.17) Previous 12 months = 88 Last 12 months = 116 {caption}"
    [block] = blocks_in(text)
    assert (block.previous, block.last, block.pct, block.note) == (
        "88",
        "116",
        pct,
        None,
    )


def test_a_moved_caption_s_twelve_is_no_part_of_the_change() -> None:
    from extract.recognisers.rolling12 import blocks_in

    text = (
        "Q1 Previous 12 months = 50 Last 12 months = 110 "
        "Change over 12 Months 120% increase (60)"
    )
    [block] = blocks_in(text)
    assert (block.pct, block.direction, block.change) == ("120", "increase", "60")


def test_a_change_caption_without_its_figure_is_reported() -> None:
    from extract.recognisers import rolling12

    out = recognised(
        rolling12,
        [
            "\tQuarter 1\tQuarter 2",
            "Hate Crime Incidents Over Time\tQ1 (24.07.17) Previous 12 months = 89 "
            "Last 12 months = 100 Change over 12 Months\t",
        ],
    )
    rows = [r for r in out if isinstance(r, Rolling12)]
    issues = [r for r in out if isinstance(r, IssueRow)]
    assert [(r.quarter, r.previous_12_months, r.change_pct) for r in rows] == [
        ("Q1", 89, None)
    ]
    assert [(i.code, i.severity, i.line) for i in issues] == [
        ("unreadable_value", "warning", 2)
    ]
    assert "a change over 12 months is printed but no figure" in issues[0].message


# Reading order of a row printed across a page (consistency fuzz v033_000,
# plain text): the crime row's Q2-Q4 blocks, its name after them, the next
# row's name, then the crime row's Q1 block, carried on from another column.
TWO_NAMES_THEN_A_BLOCK = [
    "Q2 (10.10.14) Previous 12",
    "months = 5,861 Last 12",
    "months = 6,763 Change Over",
    "12 Months = 15% increase",
    "(902) For information only.",
    "",
    "Q3 (19.01.15) Previous 12 months = 6,000 Last 12 months = 6,815 Change "
    "Over 12 Months = 14% increase (815)",
    "",
    "Q4 (17.04.15) Previous 12 months = 6,351 Last 12 months = 6,610 Change "
    "Over 12 Months = 4% increase (259)",
    "",
    "Annual",
    "Target",
    "",
    "Committed Crime Over Time",
    "(Variation) All crime",
    "groupings",
    "",
    "ASB Incidents Over",
    "Time (Variation) –",
    "Police data",
    "",
    "Q1 (24.07.14) Previous 12",
    "months = 5,706 Last 12",
    "months = 6,539 Change Over",
    "12 Months = 15% increase",
    "(833)",
]


def test_a_block_after_two_rows_names_is_reported_not_given_the_nearer() -> None:
    from extract.recognisers import rolling12

    found = recognised(rolling12, TWO_NAMES_THEN_A_BLOCK, text_form="plain")
    rows = [r for r in found if isinstance(r, Rolling12)]
    assert [(r.indicator, r.quarter, r.previous_12_months) for r in rows] == [
        ("Committed Crime Over Time (Variation) All crime groupings", "Q2", 5861),
        ("Committed Crime Over Time (Variation) All crime groupings", "Q3", 6000),
        ("Committed Crime Over Time (Variation) All crime groupings", "Q4", 6351),
    ]
    # The Q1 block's figures were the ASB row's, silently.
    issues = [i for i in found if isinstance(i, IssueRow)]
    assert [(i.code, i.line) for i in issues] == [("unparsed_block", 22)]
    assert "two rows' names" in issues[0].message


@pytest.mark.parametrize(
    "between",
    [
        # A page's running lines.
        [
            "Cannock Chase Council — Page 1 of 4",
            "",
            "Cannock Chase Council — Performance Reports",
            "",
        ],
        # A column's label.
        ["Quarter 1", ""],
    ],
)
def test_a_block_after_two_names_apart_is_reported(between: list[str]) -> None:
    """The two names of TWO_NAMES_THEN_A_BLOCK with short lines that name
    nothing between them: the Q1 block is as doubtful."""
    from extract.recognisers import rolling12

    at = TWO_NAMES_THEN_A_BLOCK.index("ASB Incidents Over")
    lines = [*TWO_NAMES_THEN_A_BLOCK[:at], *between, *TWO_NAMES_THEN_A_BLOCK[at:]]
    found = recognised(rolling12, lines, text_form="plain")
    rows = [r for r in found if isinstance(r, Rolling12)]
    assert [(r.quarter, r.previous_12_months) for r in rows] == [
        ("Q2", 5861),
        ("Q3", 6000),
        ("Q4", 6351),
    ]
    issues = [i for i in found if isinstance(i, IssueRow)]
    assert [(i.code, i.line) for i in issues] == [("unparsed_block", 22 + len(between))]
    assert "two rows' names" in issues[0].message


# A Q1 report's three rolling rows in reading order: each row's block and
# its name, printed as `pdftotext` wraps them.
Q1_CRIME = [
    "Q1 (24.07.18) Previous 12",
    "months = 6,318 Last 12",
    "months = 6,577 Change Over",
    "12 Months = 4% increase",
    "(259) For information only.",
]
Q1_ASB = [
    "Q1 (24.07.18) Previous 12 months =",
    "3,235 Last 12 months = 2,914",
    "Change over 12 Months = -10%",
    "reduction (-321)",
]
Q1_HATE = [
    "Q1 (24.07.18) Previous 12",
    "months = 89 Last 12",
    "months = 100 Change Over",
    "12 Months = 12% increase",
    "(11)",
]
CRIME_NAME = ["Committed Crime Over Time", "(Variation) All crime", "groupings"]
ASB_NAME = ["ASB Incidents Over", "Time (Variation) –", "Police data"]
HATE_NAME = ["Hate Crime Incidents", "Over Time (Variation) –", "Police data"]


def test_names_printed_after_their_blocks_are_reported() -> None:
    """A Q1 report in reading order whose rows each print their block, then
    their name: whether a name goes with the block before or after it cannot
    be told (the first name may be one no pattern knows), so the blocks are
    reported. Each had taken the row before's name, silently."""
    from extract.recognisers import rolling12

    lines = [
        *Q1_CRIME,
        "",
        *CRIME_NAME,
        "",
        *Q1_ASB,
        "",
        *ASB_NAME,
        "",
        *Q1_HATE,
        "",
        *HATE_NAME,
    ]
    found = recognised(rolling12, lines, text_form="plain")
    assert [r for r in found if isinstance(r, Rolling12)] == []
    issues = [i for i in found if isinstance(i, IssueRow)]
    assert [(i.code, i.line) for i in issues] == [
        ("unparsed_block", 1),
        ("unparsed_block", 11),
        ("unparsed_block", 20),
    ]
    assert all("whether names precede or follow" in i.message for i in issues)


@pytest.mark.parametrize(
    "before, after",
    [
        # The first row's name is none the registry or the pattern knows, and
        # the last row prints its name, then its own cell without figures.
        (
            ["Total Recorded Crime – all", "crime groupings (Police data)", ""],
            [
                "",
                "Domestic Abuse Incidents Over",
                "Time (Variation) – Police data",
                "",
                "Q1 – figures not yet available from",
                "Staffordshire Police.",
            ],
        ),
        # The first row's name ends the page before, further back than a
        # name is sought.
        (
            [
                "Committed Crime Over Time",
                "(Variation) All crime",
                "groupings",
                "",
                *[line for n in range(14) for line in (f"Column {n + 1}", "")],
            ],
            [
                "",
                "Domestic Abuse Incidents Over",
                "Time (Variation) – Police data",
                "",
                "Q1 – figures not yet available.",
            ],
        ),
    ],
)
def test_blocks_of_a_first_name_none_knows_are_reported(
    before: list[str], after: list[str]
) -> None:
    """Rows that print their name, then their block, the first name one no
    pattern knows or far above: the blocks are reported, not given the next
    row's name (each had been, silently)."""
    from extract.recognisers import rolling12

    lines = [
        *before,
        *Q1_CRIME,
        "",
        *ASB_NAME,
        "",
        *Q1_ASB,
        "",
        *HATE_NAME,
        "",
        *Q1_HATE,
        *after,
    ]
    found = recognised(rolling12, lines, text_form="plain")
    assert [r for r in found if isinstance(r, Rolling12)] == []
    issues = [i for i in found if isinstance(i, IssueRow)]
    assert len(issues) == 3
    assert all("whether names precede or follow" in i.message for i in issues)


def _q4_row(figures: list[tuple[int, int]]) -> list[str]:
    """A row's four quarter blocks, one paragraph each, as `pdftotext` prints a
    row of cells in reading order."""
    lines: list[str] = []
    for q, (previous, last) in enumerate(figures, start=1):
        change = last - previous
        word = "increase" if change > 0 else "reduction"
        lines += [
            f"Q{q} (17.04.19) Previous 12 months = {previous:,} Last 12 months = "
            f"{last:,} Change Over 12 Months = {round(100 * change / previous)}% "
            f"{word} ({change})",
            "",
        ]
    return lines


def test_names_after_blocks_with_a_lone_block_between_rows_are_reported() -> None:
    """Rows that print their blocks, then their name; the middle row prints
    one block and a note. The lone block finds no name before it (the one
    there is the first row's), so it is reported; the last row's name before
    it follows that block, and may be its own, so the last row is reported
    too. The lone block had been dropped and the hate crime row read as ASB,
    silently."""
    from extract.recognisers import rolling12

    crime = [(6000, 6100), (6100, 6200), (6200, 6300), (6300, 6400)]
    hate = [(80, 90), (90, 95), (95, 99), (99, 100)]
    lines = [
        *_q4_row(crime),
        *CRIME_NAME,
        "",
        *Q1_ASB,
        "",
        "Police data for Q2 to Q4 not yet received.",
        "",
        *ASB_NAME,
        "",
        *_q4_row(hate),
        *HATE_NAME,
    ]
    found = recognised(rolling12, lines, text_form="plain")
    rows = [r for r in found if isinstance(r, Rolling12)]
    assert [(r.indicator, r.quarter, r.previous_12_months) for r in rows] == [
        ("Committed Crime Over Time (Variation) All crime groupings", "Q1", 6000),
        ("Committed Crime Over Time (Variation) All crime groupings", "Q2", 6100),
        ("Committed Crime Over Time (Variation) All crime groupings", "Q3", 6200),
        ("Committed Crime Over Time (Variation) All crime groupings", "Q4", 6300),
    ]
    issues = [i for i in found if isinstance(i, IssueRow)]
    assert [(i.code, i.line) for i in issues] == [
        ("unparsed_block", 13),
        ("unparsed_block", 24),
        ("unparsed_block", 26),
        ("unparsed_block", 28),
        ("unparsed_block", 30),
    ]
    assert "no row's name before it" in issues[0].message
    assert all("may be theirs" in i.message for i in issues[1:])


def test_last_years_quarter_beside_this_years_takes_its_columns_year() -> None:
    """A 2018/19 Q1 report printing last year's Q4 beside its Q1, under
    "Quarter 4 2017/18": the Q4 block is 2017/18's, as its column and its
    date (17.04.18) say. It had been 2018/19's Q4, silently."""
    from extract.recognisers import rolling12

    found = recognised(
        rolling12,
        [
            "Crime & Partnerships Priority Delivery Plan 2018-19 Quarter 1 "
            "Performance Update",
            "",
            "\tQuarter 4 2017/18\tQuarter 1 2018/19\tAnnual Target",
            "Committed Crime Over Time (Variation)\tQ4 (17.04.18) Previous 12 "
            "months = 6,318 Last 12 months = 6,577 Change Over 12 Months = 4% "
            "increase (259)\tQ1 (20.07.18) Previous 12 months = 6,506 Last 12 "
            "months = 6,700 Change Over 12 Months = 3% increase (194)\t",
        ],
    )
    rows = [r for r in found if isinstance(r, Rolling12)]
    assert [(r.financial_year, r.quarter, r.as_of_date) for r in rows] == [
        ("2017/18", "Q4", date(2018, 4, 17)),
        ("2018/19", "Q1", date(2018, 7, 20)),
    ]
    assert [r for r in found if isinstance(r, IssueRow)] == []


@pytest.mark.parametrize(
    "title, cell, year, dated",
    [
        # A typo in the year of Q3's date, among 2017/18's dates.
        (
            "2017-18 End of Year",
            "Q3 (19.01.17) Previous 12 months = 5,967 Last 12 months = 6,782",
            "2017/18",
            "2016/17",
        ),
        # A date a year after its quarter.
        (
            "2018-19 Quarter 2",
            "Q2 (10.10.19) Previous 12 months = 6,730 Last 12 months = 6,800",
            "2018/19",
            "2019/20",
        ),
    ],
)
def test_a_date_in_another_year_than_the_reports_is_reported(
    title: str, cell: str, year: str, dated: str
) -> None:
    """The report's year is kept and the date's is reported: a typo or a
    block of another year cannot be told apart."""
    from extract.recognisers import rolling12

    found = recognised(
        rolling12,
        [
            f"Crime & Partnerships Priority Delivery Plan {title} Performance Update",
            "",
            "\tQuarter 1\tQuarter 2\tQuarter 3",
            f"Committed Crime Over Time (Variation)\t\t{cell}\t"
            if "Q2" in cell
            else f"Committed Crime Over Time (Variation)\t\t\t{cell}",
        ],
    )
    [row] = [r for r in found if isinstance(r, Rolling12)]
    assert row.financial_year == year
    issues = [(i.code, i.line) for i in found if isinstance(i, IssueRow)]
    assert issues == [("inconsistent_date", 4)]
    message = next(i.message for i in found if isinstance(i, IssueRow))
    assert f"falls in {dated}, but its report gives {year}" in message


def test_a_long_note_after_a_lone_block_keeps_the_next_row_reported() -> None:
    """As the test above, the lone block's note longer than a line: the
    hate crime row after the ASB name is reported still (it had been read as
    ASB again)."""
    from extract.recognisers import rolling12

    crime = [(6000, 6100), (6100, 6200), (6200, 6300), (6300, 6400)]
    hate = [(80, 90), (90, 95), (95, 99), (99, 100)]
    lines = [
        *_q4_row(crime),
        *CRIME_NAME,
        "",
        *Q1_ASB,
        "",
        "Police data for Q2 to Q4 not yet received due to the change to the new "
        "Niche crime recording system.",
        "",
        *ASB_NAME,
        "",
        *_q4_row(hate),
        *HATE_NAME,
    ]
    found = recognised(rolling12, lines, text_form="plain")
    rows = [r for r in found if isinstance(r, Rolling12)]
    assert {r.indicator for r in rows} == {
        "Committed Crime Over Time (Variation) All crime groupings"
    }
    issues = [i.line for i in found if isinstance(i, IssueRow)]
    assert issues == [13, 24, 26, 28, 30]


@pytest.mark.parametrize(
    "header, year",
    [
        # A year compared with is no year of the column's cells.
        ("\tQuarter 1 (vs 2016/17)\tQuarter 2 (vs 2016/17)", "2017/18"),
        ("\tQuarter 1 2016/17\tQuarter 2 2016/17", "2016/17"),
    ],
)
def test_the_year_a_column_prints_with_its_quarter(header: str, year: str) -> None:
    from extract.recognisers import rolling12

    found = recognised(
        rolling12,
        [
            "Crime & Partnerships Priority Delivery Plan 2017-18 Quarter 2 "
            "Performance Update",
            "",
            header,
            "Committed Crime Over Time (Variation) All crime groupings\tQ1 Previous "
            "12 months = 5,673 Last 12 months = 6,506\tQ2 Previous 12 months = "
            "5,828 Last 12 months = 6,730",
        ],
    )
    rows = [r for r in found if isinstance(r, Rolling12)]
    assert [(r.quarter, r.financial_year) for r in rows] == [("Q1", year), ("Q2", year)]


def test_blocks_dated_late_in_their_quarter_are_no_other_years() -> None:
    """Q3 dated 05.12.17 and Q4 14.03.18 in a 2017/18 report: in their
    quarters, so no `inconsistent_date` (a date printed before its quarter
    ends had been taken for the year before's)."""
    from extract.recognisers import rolling12

    found = recognised(
        rolling12,
        [
            "Crime & Partnerships Priority Delivery Plan 2017-18 End of Year "
            "Performance Update",
            "",
            "\tQuarter 3\tQuarter 4",
            "Committed Crime Over Time (Variation) All crime groupings\tQ3 "
            "(05.12.17) Previous 12 months = 5,967 Last 12 months = 6,782\tQ4 "
            "(14.03.18) Previous 12 months = 6,000 Last 12 months = 6,100",
        ],
    )
    rows = [r for r in found if isinstance(r, Rolling12)]
    assert [(r.quarter, r.financial_year) for r in rows] == [
        ("Q3", "2017/18"),
        ("Q4", "2017/18"),
    ]
    assert [r for r in found if isinstance(r, IssueRow)] == []
