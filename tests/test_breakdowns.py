"""Breakdowns: every count inside the samples' KPI cells, exactly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from extract.recognisers.breakdowns import breakdown_indicator
from extract.records import Breakdown, IssueRow, Record
from tests.conftest import S000, S001, recognised, synthetic

Table = Callable[[str], pd.DataFrame]
ASB = "ASB – Number of referrals to ASB Champion – Victim Support data"
CACH = "Hate Crime – Number of self referrals to CACH – CACH data agreements"
# samples/000's CACH counts of Q4, label first: "Race 17 Sexual Orientation 1 …".
CACH_Q4_000 = {
    "individuals": 27,
    "incidents": 160,
    "Race": 17,
    "Sexual Orientation": 1,
    "Disability - Learning": 3,
    "Disability - Physical": 1,
    "Religion": 2,
    "Gender Identity": 5,
}

# (file, indicator, period, dimension, category, count, approx, line_start)
EXPECTED = [
    (S000, "ASB", "Q1", "case_status", "ongoing", 15, False, 9),
    (S000, "ASB", "Q1", "case_status", "closed", 6, False, 9),
    (S000, "ASB", "Q1", "referral_source", "Council", 2, False, 9),
    (S000, "ASB", "Q1", "referral_source", "Police", 4, False, 9),
    (S000, "ASB", "Q1", "referral_source", "Self", 6, False, 9),
    (S000, "ASB", "Q1", "referral_source", "Other", 3, False, 9),
    (S000, "ASB", "Q1", "victims", "identified", 19, False, 9),
    (S000, "ASB", "Q1", "case_status", "declined", 1, False, 9),
    (S000, "ASB", "Q2", "case_status", "ongoing", 13, False, 9),
    (S000, "ASB", "Q2", "case_status", "closed", 13, False, 9),
    (S000, "ASB", "Q2", "referral_source", "Council", 6, False, 9),
    (S000, "ASB", "Q2", "referral_source", "Police", 1, False, 9),
    (S000, "ASB", "Q2", "referral_source", "Self", 5, False, 9),
    (S000, "ASB", "Q2", "referral_source", "Other", 0, False, 9),
    (S000, "ASB", "Q2", "victims", "identified", 19, False, 9),
    (S000, "ASB", "Q2", "case_status", "declined", 2, False, 9),
    (S000, "ASB", "Q3", "case_status", "ongoing", 4, False, 9),
    (S000, "ASB", "Q3", "case_status", "closed", 18, False, 9),
    (S000, "ASB", "Q3", "referral_source", "Council", 5, False, 9),
    (S000, "ASB", "Q3", "referral_source", "Police", 0, False, 9),
    (S000, "ASB", "Q3", "referral_source", "Self", 3, False, 9),
    (S000, "ASB", "Q3", "referral_source", "Other", 1, False, 9),
    (S000, "ASB", "Q3", "victims", "identified", 13, False, 9),
    (S000, "ASB", "Q3", "case_status", "declined", 1, False, 9),
    (S000, "ASB", "Q4", "case_status", "ongoing", 16, False, 9),
    (S000, "ASB", "Q4", "case_status", "closed", 4, False, 9),
    (S000, "ASB", "Q4", "referral_source", "Council", 12, False, 9),
    (S000, "ASB", "Q4", "referral_source", "Police", 0, False, 9),
    (S000, "ASB", "Q4", "referral_source", "Self", 3, False, 9),
    (S000, "ASB", "Q4", "referral_source", "Other", 1, False, 9),
    (S000, "CACH", "Q1", "people", "individuals", 24, False, 17),
    (S000, "CACH", "Q1", "incidents", "incidents", 120, True, 17),
    (S000, "CACH", "Q1", "motivation", "Religion", 1, False, 17),
    (S000, "CACH", "Q1", "motivation", "Sexual Orientation", 2, False, 17),
    (S000, "CACH", "Q1", "motivation", "Disability - Physical", 2, False, 17),
    (S000, "CACH", "Q1", "motivation", "Disability - Learning", 3, False, 17),
    (S000, "CACH", "Q1", "motivation", "Race", 17, False, 17),
    (S000, "CACH", "Q2", "people", "individuals", 33, False, 17),
    (S000, "CACH", "Q2", "incidents", "incidents", 150, True, 17),
    (S000, "CACH", "Q2", "motivation", "Religion", 3, False, 17),
    (S000, "CACH", "Q2", "motivation", "Sexual Orientation", 2, False, 17),
    (S000, "CACH", "Q2", "motivation", "Disability - Physical", 2, False, 17),
    (S000, "CACH", "Q2", "motivation", "Disability - Learning", 1, False, 17),
    (S000, "CACH", "Q2", "motivation", "Race", 24, False, 17),
    (S000, "CACH", "Q2", "motivation", "Gender Identity", 3, False, 17),
    (S000, "CACH", "Q3", "people", "individuals", 29, False, 17),
    (S000, "CACH", "Q3", "incidents", "incidents", 110, True, 17),
    (S000, "CACH", "Q3", "motivation", "Race", 20, False, 17),
    (S000, "CACH", "Q3", "motivation", "Sexual Orientation", 4, False, 17),
    (S000, "CACH", "Q3", "motivation", "Disability - Learning", 2, False, 17),
    (S000, "CACH", "Q3", "motivation", "Disability - Physical", 2, False, 17),
    (S000, "CACH", "Q3", "motivation", "Religion", 1, False, 17),
    (S000, "CACH", "Q3", "motivation", "Gender Identity", 1, False, 17),
    (S000, "CACH", "Q4", "people", "individuals", 27, False, 17),
    (S000, "CACH", "Q4", "incidents", "incidents", 160, True, 17),
    (S000, "CACH", "Q4", "motivation", "Race", 17, False, 17),
    (S000, "CACH", "Q4", "motivation", "Sexual Orientation", 1, False, 17),
    (S000, "CACH", "Q4", "motivation", "Disability - Learning", 3, False, 17),
    (S000, "CACH", "Q4", "motivation", "Disability - Physical", 1, False, 17),
    (S000, "CACH", "Q4", "motivation", "Religion", 2, False, 17),
    (S000, "CACH", "Q4", "motivation", "Gender Identity", 5, False, 17),
    (S000, "CACH", "Q2", "motivation", "Mental Health", 1, False, 19),
    (S001, "ASB", "Q1", "case_status", "ongoing", 15, False, 50),
    (S001, "ASB", "Q1", "case_status", "closed", 6, False, 50),
    (S001, "ASB", "Q1", "referral_source", "Council", 2, False, 50),
    (S001, "ASB", "Q1", "referral_source", "Police", 4, False, 50),
    (S001, "ASB", "Q2", "case_status", "ongoing", 13, False, 50),
    (S001, "ASB", "Q2", "case_status", "closed", 13, False, 50),
    (S001, "ASB", "Q2", "referral_source", "Council", 6, False, 50),
    (S001, "ASB", "Q2", "referral_source", "Police", 1, False, 50),
    (S001, "ASB", "Q1", "referral_source", "Self", 6, False, 56),
    (S001, "ASB", "Q1", "referral_source", "Other", 3, False, 56),
    (S001, "ASB", "Q1", "victims", "identified", 19, False, 56),
    (S001, "ASB", "Q1", "case_status", "declined", 1, False, 56),
    (S001, "ASB", "Q2", "referral_source", "Self", 5, False, 56),
    (S001, "ASB", "Q2", "referral_source", "Other", 0, False, 56),
    (S001, "ASB", "Q2", "victims", "identified", 19, False, 56),
    (S001, "ASB", "Q2", "case_status", "declined", 2, False, 56),
    (S001, "CACH", "Q1", "people", "individuals", 24, False, 57),
    (S001, "CACH", "Q1", "incidents", "incidents", 120, True, 57),
    (S001, "CACH", "Q1", "motivation", "Religion", 1, False, 57),
    (S001, "CACH", "Q1", "motivation", "Sexual Orientation", 2, False, 57),
    (S001, "CACH", "Q1", "motivation", "Disability - Physical", 2, False, 57),
    (S001, "CACH", "Q1", "motivation", "Disability - Learning", 3, False, 57),
    (S001, "CACH", "Q1", "motivation", "Race", 17, False, 57),
    (S001, "CACH", "Q2", "people", "individuals", 33, False, 57),
    (S001, "CACH", "Q2", "incidents", "incidents", 150, True, 57),
    (S001, "CACH", "Q2", "motivation", "Religion", 3, False, 57),
    (S001, "CACH", "Q2", "motivation", "Sexual Orientation", 2, False, 57),
    (S001, "CACH", "Q2", "motivation", "Disability - Physical", 2, False, 57),
    (S001, "CACH", "Q2", "motivation", "Disability - Learning", 1, False, 57),
    (S001, "CACH", "Q2", "motivation", "Race", 24, False, 57),
    (S001, "CACH", "Q2", "motivation", "Gender Identity", 3, False, 57),
    (S001, "CACH", "Q2", "motivation", "Mental Health", 1, False, 57),
]


@pytest.fixture(scope="module")
def breakdowns(table: Table) -> pd.DataFrame:
    return table("breakdowns")


def test_every_breakdown_exactly(breakdowns: pd.DataFrame) -> None:
    names = {"ASB": ASB, "CACH": CACH}
    got = sorted(
        (
            r.file,
            r.indicator,
            r.period,
            r.dimension,
            r.category,
            r.count,
            r.approx,
            r.line_start,
        )
        for r in breakdowns.itertuples()
    )
    want = sorted((f, names[i], *rest) for f, i, *rest in EXPECTED)
    assert got == want
    assert set(breakdowns.financial_year) == {"2017/18"}


def test_hate_crime_q4_label_first(breakdowns: pd.DataFrame) -> None:
    q4 = breakdowns[
        (breakdowns.file == S000)
        & (breakdowns.indicator == CACH)
        & (breakdowns.period == "Q4")
    ].set_index("category")
    assert q4["count"].to_dict() == CACH_Q4_000
    assert q4.loc["incidents", "approx"] and q4.loc["incidents", "value_text"] == (
        "Incidents c.160"
    )


def test_wrapped_note_gives_q2_mental_health(breakdowns: pd.DataFrame) -> None:
    row = breakdowns[
        (breakdowns.file == S000) & (breakdowns.category == "Mental Health")
    ].iloc[0]
    assert (row.period, row["count"], row.line_start, row.line_end) == ("Q2", 1, 19, 24)


def test_continuation_row_adds_to_asb_quarters(breakdowns: pd.DataFrame) -> None:
    more = breakdowns[(breakdowns.file == S001) & (breakdowns.line_start == 56)]
    assert sorted(zip(more.period, more.category, more["count"], strict=True)) == [
        ("Q1", "Other", 3),
        ("Q1", "Self", 6),
        ("Q1", "declined", 1),
        ("Q1", "identified", 19),
        ("Q2", "Other", 0),
        ("Q2", "Self", 5),
        ("Q2", "declined", 2),
        ("Q2", "identified", 19),
    ]


@pytest.mark.parametrize(
    "cell, name",
    [
        (
            "ASB Incidents Over Time (Variation) – Police data ASB – Number of "
            "referrals to ASB Champion – Victim Support data",
            ASB,
        ),
        ("Hate Crime Incidents Over Time (Variation) – Police data\n" + CACH, CACH),
        (CACH, CACH),
        # A qualifier in brackets after the data source is the name's own.
        (f"{CACH} (District)", f"{CACH} (District)"),
        (
            "ASB Incidents Over Time (Variation) – Police data (District) ASB – "
            "Number of referrals to ASB Champion – Victim Support data",
            ASB,
        ),
        ("", None),
        # A quarter's text run into the name column names no indicator.
        (f"{CACH}\nQ1 24 Individuals reported 120 incidents", None),
    ],
)
def test_breakdown_indicator(cell: str, name: str | None) -> None:
    assert breakdown_indicator(cell) == name


PLAN = (
    "Crime & Partnerships Priority Delivery Plan 2017-18 Quarter 2 Performance Update"
)
HEADER = "\t".join(
    [
        "",
        "Quarter 1",
        "Quarter 2",
        "Quarter 3",
        "Quarter 4",
        "Annual Total",
        "Annual Target",
    ]
)


def _recognise(lines: list[str]) -> list[Record]:
    from extract.recognisers import breakdowns

    return recognised(breakdowns, lines)


def counts_of(records: list[Record]) -> list[tuple[object, ...]]:
    return [
        (r.indicator, r.period, r.category, r.count, r.line_start)
        for r in records
        if isinstance(r, Breakdown)
    ]


def test_ambiguous_disability_is_an_issue_not_a_guess() -> None:
    records = _recognise(
        [
            PLAN,
            "",
            HEADER,
            "\t".join(
                [CACH, "Race 3, Religion 1, Disability 2", "Q2 3 Race 1 Religion"]
            ),
        ]
    )
    assert counts_of(records) == [
        (CACH, "Q1", "Race", 3, 4),
        (CACH, "Q1", "Religion", 1, 4),
        (CACH, "Q2", "Race", 3, 4),
        (CACH, "Q2", "Religion", 1, 4),
    ]
    issues = [r for r in records if isinstance(r, IssueRow)]
    assert [(i.code, i.line) for i in issues] == [("ambiguous_category", 4)]
    assert "'Disability 2' could be Disability - Physical or Disability - Learning" in (
        issues[0].message
    )


def test_prose_theme_inside_grid_keeps_its_columns() -> None:
    theme = "Safer communities: Working with partners to foster safer communities"
    records = _recognise([PLAN, "", HEADER, theme, "\t".join([ASB, "4 closed cases"])])
    assert counts_of(records) == [(ASB, "Q1", "closed", 4, 5)]


def test_printed_variants_of_one_indicator_are_one_key(tmp_path: Path) -> None:
    from extract.run import extract

    # "self referals" is a one-letter variant of the registry's "self referrals".
    variant = CACH.replace("referrals", "referals")
    lines = [
        PLAN,
        "",
        HEADER,
        "\t".join([CACH, "Race 3"]),
        "",
        "Appendix",
        "",
        HEADER,
        "\t".join([variant, "Race 4"]),
    ]
    src = tmp_path / "report.txt"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    extract([src], tmp_path / "out")
    rows = pd.read_parquet(tmp_path / "out" / "breakdowns.parquet")
    got = list(
        zip(rows.indicator_id, rows.period, rows.category, rows["count"], strict=True)
    )
    assert got == [("cach-self-referrals", "Q1", "Race", 3)]


def test_lists_after_a_sentence_and_other_in_its_list() -> None:
    from normalise.counts import counts_in

    found = counts_in(
        "19 Individuals reported approx. 85 incidents. Motivation: Race 12, "
        "Religion 3, Other (please specify) 2. Referrals: Police 14, Self 6, "
        "Other (please specify) 3"
    )
    assert [(c.dimension, c.category, c.count, c.approx) for c in found] == [
        ("people", "individuals", 19, False),
        ("incidents", "incidents", 85, True),
        ("motivation", "Race", 12, False),
        ("motivation", "Religion", 3, False),
        ("motivation", "Other", 2, False),
        ("referral_source", "Police", 14, False),
        ("referral_source", "Self", 6, False),
        ("referral_source", "Other", 3, False),
    ]


@pytest.mark.parametrize(
    "cell, expected",
    [
        (
            "Race/Ethnicity 7 Disability (Physical) 2 LGBT 3 Faith 1 Transgender 1",
            [
                ("Race", 7),
                ("Disability - Physical", 2),
                ("Sexual Orientation", 3),
                ("Religion", 1),
                ("Gender Identity", 1),
            ],
        ),
        (
            "2 Disability (Learning) 4 Homophobic 1 Transphobic",
            [
                ("Disability - Learning", 2),
                ("Sexual Orientation", 4),
                ("Gender Identity", 1),
            ],
        ),
        (
            "Ethnicity 5, Sexuality 2, Faith 3",
            [("Race", 5), ("Sexual Orientation", 2), ("Religion", 3)],
        ),
        (
            "1 Religion 17 Race (1 individual thought they were targeted for "
            "reasons of race and religion)",
            [("Religion", 1), ("Race", 17)],
        ),
        ("Race 9, Other (please specify) 2", [("Race", 9), ("Other", 2)]),
        (
            "3 x Council referrals 1 x Other (Adult Social Care)",
            [("Council", 3), ("Other", 1)],
        ),
    ],
    ids=["label first", "number first", "commas", "note", "please specify", "other"],
)
def test_printed_category_variants(cell: str, expected: list[tuple[str, int]]) -> None:
    from normalise.counts import read_counts

    found, ambiguous = read_counts(cell)
    assert [(c.category, c.count) for c in found] == expected
    assert ambiguous == []


def test_disablist_names_no_single_disability() -> None:
    from normalise.counts import read_counts

    found, ambiguous = read_counts("Race 4 Disablist 2")
    assert [(c.category, c.count) for c in found] == [("Race", 4)]
    assert [a.text for a in ambiguous] == ["Disablist 2"]


def test_bracketed_disability_in_a_grid_cell() -> None:
    records = _recognise(
        [
            PLAN,
            "",
            HEADER,
            "\t".join(
                [
                    CACH,
                    "Q1 18 Individuals reported approx. 60 incidents. Motivation: "
                    "Race/Ethnicity 7 Disability (Physical) 2 LGBT 3 Faith 1",
                ]
            ),
        ]
    )
    assert counts_of(records) == [
        (CACH, "Q1", "individuals", 18, 4),
        (CACH, "Q1", "incidents", 60, 4),
        (CACH, "Q1", "Race", 7, 4),
        (CACH, "Q1", "Disability - Physical", 2, 4),
        (CACH, "Q1", "Sexual Orientation", 3, 4),
        (CACH, "Q1", "Religion", 1, 4),
    ]
    assert not [r for r in records if isinstance(r, IssueRow)]


def test_list_items_printed_without_tabs_belong_to_the_open_cell() -> None:
    # The row ends with an open "<ul>" in its Quarter 3 cell; the items follow on
    # lines of their own, and the grid goes on after them.
    records = _recognise(
        [
            PLAN,
            "",
            HEADER,
            "\t".join(
                [CACH, "", "", "<p>Q3 19 Individuals reported c.80 incidents.</p> <ul>"]
            ),
            "<li>Race – 9</li>",
            "<li>Gender ID – 2</li>",
            "<li>Disability – Learning – 4</li>",
            "</ul>",
            "\t".join([ASB, "4 closed cases"]),
        ]
    )
    got = [
        (
            r.indicator[:4],
            r.period,
            r.category,
            r.count,
            r.approx,
            r.line_start,
            r.line_end,
        )
        for r in records
        if isinstance(r, Breakdown)
    ]
    assert got == [
        ("Hate", "Q3", "individuals", 19, False, 4, 8),
        ("Hate", "Q3", "incidents", 80, True, 4, 8),
        ("Hate", "Q3", "Race", 9, False, 4, 8),
        ("Hate", "Q3", "Gender Identity", 2, False, 4, 8),
        ("Hate", "Q3", "Disability - Learning", 4, False, 4, 8),
        ("ASB ", "Q1", "closed", 4, False, 9, 9),
    ]
    assert not [r for r in records if isinstance(r, IssueRow)]


def test_list_items_need_an_open_list() -> None:
    # Without "<ul>" in the row above, "<li>" lines are prose after the grid.
    records = _recognise(
        [PLAN, "", HEADER, "\t".join([CACH, "Q1 3 Race"]), "<li>Religion – 3</li>"]
    )
    assert counts_of(records) == [(CACH, "Q1", "Race", 3, 4)]


def test_unlisted_labels_are_other_or_reported() -> None:
    records = _recognise(
        [
            PLAN,
            "",
            HEADER,
            "\t".join(
                [
                    ASB,
                    "Council 5; Police 3; Self 2; Housing 4",
                    "Council 6; Housing 1; Fire 2",
                    "7 cases resolved, 2 escalated, 5 on going",
                ]
            ),
        ]
    )
    assert [
        (r.period, r.dimension, r.category, r.count, r.value_text)
        for r in records
        if isinstance(r, Breakdown)
    ] == [
        ("Q1", "referral_source", "Council", 5, "Council 5"),
        ("Q1", "referral_source", "Police", 3, "Police 3"),
        ("Q1", "referral_source", "Self", 2, "Self 2"),
        ("Q1", "referral_source", "Other", 4, "Housing 4"),
        ("Q2", "referral_source", "Council", 6, "Council 6"),
        ("Q3", "case_status", "closed", 7, "7 cases resolved"),
        ("Q3", "case_status", "ongoing", 5, "5 on going"),
    ]
    issues = [
        (i.severity, i.code, i.message.split(": ", 1)[1])
        for i in records
        if isinstance(i, IssueRow)
    ]
    assert issues == [
        (
            "info",
            "unknown_category",
            f"{ASB} Q1 'Housing 4' names no listed referral_source; counted as Other",
        ),
        (
            "warning",
            "unknown_category",
            f"{ASB} Q2 'Housing 1' names no known category; not counted",
        ),
        (
            "warning",
            "unknown_category",
            f"{ASB} Q2 'Fire 2' names no known category; not counted",
        ),
        (
            "warning",
            "unknown_category",
            f"{ASB} Q3 '2 escalated' names no known category; not counted",
        ),
    ]


def test_a_negative_count_is_kept_and_reported() -> None:
    from extract.pipeline import process_document

    doc, _ = synthetic(
        [
            "Priority Delivery Plan 2017-18 Quarter 1 Performance Update",
            "\tQuarter 1\tQuarter 2",
            "ASB – Number of referrals to ASB Champion\tQ1 - 15 on going cases, "
            "-2 x Council referrals 4 x Police referrals\t",
        ]
    )
    out = [f.record for f in process_document(doc).found]
    counts = {(r.category, r.count) for r in out if isinstance(r, Breakdown)}
    assert {("ongoing", 15), ("Council", -2), ("Police", 4)} <= counts
    ranges = [
        r for r in out if isinstance(r, IssueRow) and r.code == "value_out_of_range"
    ]
    assert [(i.severity, i.line, i.message) for i in ranges] == [
        (
            "warning",
            3,
            "x.txt:3: breakdowns.count -2 is outside 0..; kept as printed",
        )
    ]


@pytest.mark.parametrize("name", ["– Victim Support data", "referrals to ASB Champion"])
def test_a_name_going_on_from_a_row_above_starts_no_row(name: str) -> None:
    """A wrapped row printed apart from its first line (pdftotext -layout of a
    browser's print): its name cell goes on from the row above, so its counts
    are not a row of their own, nor that row's."""
    row = "\t".join([name, "6 closed cases 2 x Council referrals", "13 closed"])
    records = _recognise([PLAN, "", HEADER, row])
    assert counts_of(records) == []


def test_a_quarters_text_run_into_the_name_column_names_no_indicator() -> None:
    """A TAB lost before a quarter's cell (a TAB export expanded at 4 columns,
    001 line 57) runs its text into the name column: its counts are the
    quarter's, not an indicator named "Q1 24 Individuals …"."""
    name = f"<p>{CACH}</p> <p>Q1 24 Individuals reported 120 incidents: 1 Religion</p>"
    row = "\t".join([name, "Q2 33 Individuals, 3 Religion"])
    assert counts_of(_recognise([PLAN, "", HEADER, row])) == []
    # Its own name column read as printed gives the counts under the name.
    kept = "\t".join([f"<p>{CACH}</p>", "Q1 24 Individuals: 1 Religion"])
    assert counts_of(_recognise([PLAN, "", HEADER, kept])) == [
        (CACH, "Q1", "Religion", 1, 4)
    ]


def test_counts_in_brackets_after_their_labels_are_read() -> None:
    # Another print of the motivations: "Race (3), Religion (1)". The counts
    # had been dropped as notes, the cell read as no breakdown.
    records = _recognise(
        [PLAN, "", HEADER, "\t".join([CACH, "Race (3), Religion (1)", ""])]
    )
    assert counts_of(records) == [
        (CACH, "Q1", "Race", 3, 4),
        (CACH, "Q1", "Religion", 1, 4),
    ]


@pytest.mark.parametrize(
    "label",
    [
        "Q1-Q2 –",
        "Q1 & Q2:",
        "Quarter 1 to Quarter 2 -",
        "Quarters 1 & 2 –",
        "Half year (Q1-Q2) –",
        "Q1-2 –",
    ],
)
def test_counts_of_two_quarters_together_are_reported(label: str) -> None:
    """Half-year counts in the Quarter 2 column: no one quarter's, so left
    unread and reported. They had been read as Q1's."""
    found = _recognise(
        [
            "\tQuarter 1\tQuarter 2\tQuarter 3\tQuarter 4",
            "ASB – Number of referrals to ASB Champion – Victim Support data\t\t"
            f"{label} 28 on going cases, 19 closed cases 8 x Council referrals\t\t",
        ]
    )
    assert [r for r in found if isinstance(r, Breakdown)] == []
    issues = [r for r in found if isinstance(r, IssueRow)]
    assert [(i.code, i.line) for i in issues] == [("unparsed_block", 2)]
    assert "counts of Q1 to Q2 together" in issues[0].message


def test_a_quarter_whose_first_count_is_one_to_four_is_no_span() -> None:
    """ "Q1 – 4 on going cases": Q1's counts, the first of them 4."""
    found = _recognise(
        [
            "\tQuarter 1\tQuarter 2\tQuarter 3\tQuarter 4",
            "ASB – Number of referrals to ASB Champion – Victim Support data\t"
            "Q1 – 4 on going cases, 6 closed cases 2 x Council referrals\t\t\t",
        ]
    )
    counts = [
        (r.period, r.category, r.count) for r in found if isinstance(r, Breakdown)
    ]
    assert counts == [("Q1", "ongoing", 4), ("Q1", "closed", 6), ("Q1", "Council", 2)]
