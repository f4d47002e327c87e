"""Normalisers for KPI values, breakdown categories and counts: tables of examples."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalise.amounts import amounts_in
from normalise.categories import candidates, match_category
from normalise.counts import counts_in, read_counts
from normalise.values import (
    MID_CELL,
    Value,
    bare_unit,
    is_missing,
    labelled_parts,
    parse_cell,
    qualifier_of,
    scaled_by,
    stated_scale,
    unreadable,
)

# A minus sign as a cell may print one: hyphen, minus, en dash.
MINUS = re.compile("[-\u2212\u2013]")


@pytest.mark.parametrize(
    "raw, value, unit, comparator",
    [
        ("5,666.55 Tonnes", 5666.55, "tonnes", None),
        ("<20,000 Tonnes", 20000.0, "tonnes", "<"),
        ("47.5%", 47.5, "percent", None),
        # The word for "%" (its unit had been dropped into the note).
        ("47.5 per cent", 47.5, "percent", None),
        ("47.5 Percent", 47.5, "percent", None),
        ("£19,112.23", 19112.23, "gbp", None),
        ("189 Cases", 189.0, "count", None),
        ("1,084", 1084.0, None, None),
        ("0", 0.0, None, None),
        ("c.160", 160.0, None, None),
        ("2019/20", None, None, None),
        ("March 2014", None, None, None),
        ("1 April 2019", None, None, None),
        ("12 may be revised", 12.0, None, None),
        ("n/a", None, None, None),
        ("1e308", None, None, None),
        ("\uff11\uff12\uff13", None, None, None),  # full-width digits are no figure
        # Comparators in words (they had been dropped, the target's bound lost).
        ("95% or above", 95.0, "percent", ">="),
        ("At least 98%", 98.0, "percent", ">="),
        ("Min 95%", 95.0, "percent", ">="),
        ("not less than 5", 5.0, None, ">="),
        ("45+", 45.0, None, ">="),
        ("Less than 10", 10.0, None, "<"),
        ("Under 10", 10.0, None, "<"),
        ("Above 90%", 90.0, "percent", ">"),
        ("Max 25", 25.0, None, "<="),
        ("No more than 3", 3.0, None, "<="),
        ("10 days or less", 10.0, "", "<="),
        ("At or above 95%", 95.0, "percent", ">="),
        ("Equal to or greater than 98%", 98.0, "percent", ">="),
        ("Greater than or equal to 98%", 98.0, "percent", ">="),
        ("Not above 25", 25.0, None, "<="),
        ("Not below 90%", 90.0, "percent", ">="),
        ("Over 95%", 95.0, "percent", ">"),
        ("Minimum of 98%", 98.0, "percent", ">="),
        ("Up to 10", 10.0, None, "<="),
        # An actual's words on how it did, and a span of time, are no bound.
        ("96% or above target", 96.0, "percent", None),
        ("over 12 months", 12.0, None, None),
    ],
)
def test_amounts_in(
    raw: str, value: float | None, unit: str | None, comparator: str | None
) -> None:
    got = [(a.value, a.unit, a.comparator) for a, _, _ in amounts_in(raw)]
    assert got == ([] if value is None else [(value, unit, comparator)])


@pytest.mark.parametrize(
    "text, problem",
    [
        ("123,456,789,012,345", None),
        ("1234567890123456", "number 1234567890123456 has more than 15 digits"),
        (
            "£99,999,999,999,999,999",
            "number 99,999,999,999,999,999 has more than 15 digits",
        ),
        ("1" * 400, f"number {'1' * 24}… has more than 15 digits"),
        ("1e308", "number '1e308' is in exponent form"),
        ("2.5E-3 tonnes", "number '2.5E-3' is in exponent form"),
        ("3.14159265358979323846%", None),  # a long fraction only rounds
        ("Ref 2e", None),
    ],
)
def test_unreadable(text: str, problem: str | None) -> None:
    assert unreadable(text) == problem


def _bare(unit: str | None) -> list[Value]:
    return [
        Value(
            value=1.0,
            unit=unit,
            comparator=None,
            qualifier=None,
            measure=None,
            financial_year=None,
            labelled=False,
            note=None,
        )
    ]


@pytest.mark.parametrize(
    "name, units, expected",
    [
        ("Residual household waste collected", [None, "tonnes"], "tonnes"),
        ("Number of fly tipping incidents", [None], "count"),
        ("Number of Discretionary Housing Payments awards", [None, "gbp"], "count"),
        ("% of Main Duty Homelessness cases", [None, "count"], "percent"),
        ("Discretionary Housing Payments", ["count", "gbp", None], "count"),
        ("Value of grants awarded (£)", [None], "gbp"),
        ("Additional affordable housing", [None], "count"),
    ],
)
def test_bare_unit(name: str, units: list[str | None], expected: str) -> None:
    assert bare_unit(name, [_bare(u) for u in units]) == expected


@pytest.mark.parametrize(
    "text, qualifier",
    [
        ("Confirmed - Waste Dataflow Figure", "confirmed"),
        ("NB: Figure based on estimated SCC residual tonnages", "estimated"),
        ("so cumulatively 2 out of 115 total cases taken", "cumulative"),
        ("1.20% Average", "average"),
        ("approx. 120 incidents", "approx"),
        ("so 1/82", None),
    ],
)
def test_qualifier_of(text: str, qualifier: str | None) -> None:
    assert qualifier_of(text) == qualifier


@pytest.mark.parametrize(
    "text, missing",
    [
        ("n/a", True),
        ("N/A", True),
        ("-", True),
        ("0", False),
        ("This information could not be collated", False),
    ],
)
def test_is_missing(text: str, missing: bool) -> None:
    assert is_missing(text) is missing


@pytest.mark.parametrize(
    "text, parts",
    [
        (
            "Target - 50% Actual – 44.1%",
            [(None, None), ("target", None), ("actual", None)],
        ),
        (
            "2017.18 – 425 2016.17 - 484",
            [(None, None), ("actual", "2017/18"), ("actual", "2016/17")],
        ),
        ("No target - this is a measure only", [(None, None)]),
        ("Not reported in 2015/16", [(None, None)]),
        # A quarter of a year labels its value with both.
        (
            "96% (Q1 2016/17: 94%)",
            [(None, None, None), ("actual", "2016/17", "Q1")],
        ),
        ("Q4 2016/17 – 110", [(None, None, None), ("actual", "2016/17", "Q4")]),
        # A quarter ending a span, or after a measure, is no value's quarter.
        (
            "Outturn at Q4 2016/17 - 484",
            [(None, None, None), ("actual", "2016/17", None)],
        ),
        (
            "Cumulative to Q4 2016/17: 95",
            [(None, None, None), ("actual", "2016/17", None)],
        ),
        ("Q1-Q2 2016/17: 250", [(None, None, None), ("actual", "2016/17", None)]),
    ],
)
def test_labelled_parts(text: str, parts: list[tuple[str | None, ...]]) -> None:
    got = [(p.measure, p.financial_year, p.period) for p in labelled_parts(text)]
    assert [g[: len(want)] for g, want in zip(got, parts, strict=True)] == parts


# (cell, commentary?, [(value, unit, comparator, qualifier, measure, year, note)])
CELLS = [
    (
        "47.5% Confirmed - Waste Dataflow Figure",
        False,
        [
            (
                47.5,
                "percent",
                None,
                "confirmed",
                None,
                None,
                "Confirmed - Waste Dataflow Figure",
            )
        ],
    ),
    (
        "<20,000 Tonnes – 2017.18 - 21,200 Tonnes",
        True,
        [
            (20000.0, "tonnes", "<", None, None, None, None),
            (21200.0, "tonnes", None, None, "actual", "2017/18", None),
        ],
    ),
    (
        "2015/16 -51.49%",
        True,
        [(51.49, "percent", None, None, "actual", "2015/16", None)],
    ),
    (
        "2015/2016 - 51.49%",
        True,
        [(51.49, "percent", None, None, "actual", "2015/16", None)],
    ),
    (
        "No target - this is a measure only 2017.18 – 425 2016.17 - 484",
        True,
        [
            (425.0, None, None, None, "actual", "2017/18", None),
            (484.0, None, None, None, "actual", "2016/17", None),
        ],
    ),
    (
        "Target - 50% Actual – 44.1%",
        True,
        [
            (50.0, "percent", None, None, "target", None, None),
            (44.1, "percent", None, None, "actual", None, None),
        ],
    ),
    (
        "100 cases £19,112.23",
        False,
        [
            (100.0, "count", None, None, None, None, None),
            (19112.23, "gbp", None, None, None, None, None),
        ],
    ),
    (
        "141 cases Value – £84,171.24",
        False,
        [
            (141.0, "count", None, None, None, None, None),
            (84171.24, "gbp", None, None, None, None, None),
        ],
    ),
    (
        "Value of Government allocation £172,583",
        False,
        [(172583.0, "gbp", None, None, None, None, "Value of Government allocation")],
    ),
    (
        "1.74% (One further case progressed to full duty, so cumulatively 2 out of 115 "
        "total cases taken)",
        False,
        [
            (
                1.74,
                "percent",
                None,
                "cumulative",
                None,
                None,
                "One further case progressed to full duty, so cumulatively 2 out of "
                "115 total cases taken",
            )
        ],
    ),
    (
        "1.20% Average",
        False,
        [(1.2, "percent", None, "average", None, None, "Average")],
    ),
    ("n/a", False, [(None, None, None, None, None, None, None)]),
    (
        "Action to be rolled over to 2019/20",
        False,
        [(None, None, None, None, None, None, "Action to be rolled over to 2019/20")],
    ),
    ("Measure has changed", True, []),
    ("Not reported in 2015/16", True, []),
    ("", False, []),
    # A year after a month name is a date in a note, not a value.
    ("Survey results are due in March 2014", True, []),
    (
        "Survey results are due in March 2014",
        False,
        [(None, None, None, None, None, None, "Survey results are due in March 2014")],
    ),
    (
        "82% Survey closed on 1 April 2019",
        False,
        [(82.0, "percent", None, None, None, None, "Survey closed on 1 April 2019")],
    ),
    (
        "Hub opened on 3rd Sept. 2018, 41 referrals",
        True,
        [
            (
                41.0,
                None,
                None,
                None,
                None,
                None,
                "Hub opened on 3rd Sept. 2018 referrals",
            )
        ],
    ),
]


@pytest.mark.parametrize("cell, commentary, expected", CELLS)
def test_parse_cell(
    cell: str, commentary: bool, expected: list[tuple[object, ...]]
) -> None:
    got = [
        (
            v.value,
            v.unit,
            v.comparator,
            v.qualifier,
            v.measure,
            v.financial_year,
            v.note,
        )
        for v in parse_cell(cell, commentary=commentary)
    ]
    assert got == expected


@pytest.mark.parametrize(
    "cell, value, problem",
    [
        # The rest of "1.22% (Only three cases" (a -layout reading that lost
        # the cell's first line): 82 is the number of cases, not the value.
        (
            "progressed to full duty from 82, two of which were intentional "
            "homeless, so 1/82)",
            None,
            MID_CELL,
        ),
        (
            "progressed to full duty, so cumulatively 2 out of 115 total cases taken)",
            None,
            MID_CELL,
        ),
        # Fewer words, or words a value opens with, lead a value.
        ("average of 12 days", 12.0, None),
        ("year to date 45", 45.0, None),
        ("reduced by a little over 12%", 12.0, None),
        ("on target at just over 95%", 95.0, None),
        ("nil closed for the whole of 3 months", 0.0, None),
        ("Confirmed - 51.8%", 51.8, None),
    ],
)
def test_a_value_cell_opening_mid_sentence_gives_no_value(
    cell: str, value: float | None, problem: str | None
) -> None:
    got = parse_cell(cell)
    assert [(v.value, v.problem) for v in got][:1] == [(value, problem)]
    # A commentary column reads its words as ever.
    if problem:
        assert all(v.problem is None for v in parse_cell(cell, commentary=True))


@pytest.mark.parametrize(
    "cell, rules",
    [
        ("2017.18 – 425", ["financial_year_dot"]),
        ("2015/16 -18,752", ["dash_after_year"]),
        ("2016.17 - 484", ["financial_year_dot"]),
        ("2015/16 - 18,752", []),
    ],
)
def test_parse_cell_repairs(cell: str, rules: list[str]) -> None:
    values = parse_cell(cell, commentary=True)
    assert [r.rule for v in values for r in v.repairs] == rules


@pytest.mark.parametrize(
    "label, category",
    [
        ("Race", "Race"),
        ("Gender ID", "Gender Identity"),
        ("Disability – Physical", "Disability - Physical"),
        ("Disability Physical", "Disability - Physical"),
        ("Disability Learning", "Disability - Learning"),
        ("on going cases", "ongoing"),
        ("Council Referrals", "Council"),
        ("Other agencies", "Other"),
        ("case declined due to", "declined"),
        ("victims and vulnerabilities identified", "identified"),
        ("Individuals from Cannock Chase", "individuals"),
        # "4 people attended the ASB surgery" is prose, not a count of
        # individuals referred.
        ("people from Cannock Chase", None),
        ("Cannock Chase District reported", None),
        ("x", None),
        ("Learning Disability", "Disability - Learning"),
        ("Physical disability", "Disability - Physical"),
        ("Transgender", "Gender Identity"),
        # Physical or learning? Both fit equally: no category is guessed.
        ("Disability", None),
        # A term inside a longer word, or denied, names no category: these
        # had been closed, Council and Sexual Orientation.
        ("unresolved cases", None),
        ("cases not yet closed", None),
        ("Councillor referral", None),
        ("Xenophobic", None),
        ("resolved cases", "closed"),
        ("Councils", "Council"),
        ("Religious", "Religion"),
        ("Islamophobic", "Religion"),
        ("Antisemitic", "Religion"),
        ("LGBTQ+", "Sexual Orientation"),
        ("LGBTQI", "Sexual Orientation"),
    ],
)
def test_match_category(label: str, category: str | None) -> None:
    hit = match_category(label)
    assert (hit[0].category if hit else None) == category


@pytest.mark.parametrize(
    "text, counts",
    [
        (
            "15 on going cases, 6 closed cases 2 x Council referrals",
            [("ongoing", 15, False), ("closed", 6, False), ("Council", 2, False)],
        ),
        (
            "on going cases 4, 18 closed cases",
            [("ongoing", 4, False), ("closed", 18, False)],
        ),
        (
            "Race 20 Sexual Orientation 4 Gender ID 1",
            [
                ("Race", 20, False),
                ("Sexual Orientation", 4, False),
                ("Gender Identity", 1, False),
            ],
        ),
        (
            "24 Individuals from Cannock Chase District reported approx. 120 incidents",
            [("individuals", 24, False), ("incidents", 120, True)],
        ),
        (
            "Individuals: 27 Incidents: c.160",
            [("individuals", 27, False), ("incidents", 160, True)],
        ),
        (
            "1 Mental Health (2 individuals felt that they were targeted for more "
            "than 1 reason).",
            [("Mental Health", 1, False)],
        ),
        ("0 x Other agencies", [("Other", 0, False)]),
        # Approximate in words (these had been exact, the word glued to the
        # count before's text); not "under", an age's bound.
        (
            "26 individuals reported about 130 incidents",
            [("individuals", 26, False), ("incidents", 130, True)],
        ),
        ("an estimated 110 incidents", [("incidents", 110, True)]),
        ("nearly 130 incidents", [("incidents", 130, True)]),
        ("more than 145 incidents", [("incidents", 145, True)]),
        ("around 120 incidents", [("incidents", 120, True)]),
        ("For information only, data provided by Staffs Police.", []),
        # A two-word label before its colon is no heading and a word: it had
        # been cut to "Orientation: 1", a label of no category, reported.
        (
            "Race: 17, Sexual Orientation: 1, Gender Identity: 2",
            [
                ("Race", 17, False),
                ("Sexual Orientation", 1, False),
                ("Gender Identity", 2, False),
            ],
        ),
        (
            "Race 17 Sexual Orientation: 1",
            [("Race", 17, False), ("Sexual Orientation", 1, False)],
        ),
        # A label's count in brackets is its count (it had been dropped as a
        # note); a bracket after a count, or of words, is still a note.
        (
            "Race (17), Religion (2)",
            [("Race", 17, False), ("Religion", 2, False)],
        ),
        ("Police referrals (4)", [("Police", 4, False)]),
        ("Race 3 (2)", [("Race", 3, False)]),
        # A total before its list is no count of its label.
        (
            "Referrals (6): Council 2, Police 4",
            [("Council", 2, False), ("Police", 4, False)],
        ),
        # A word before ". " ends its sentence: no part of the next label.
        (
            "Data provided by Staffs Police. Racial: 17, Religious: 1",
            [("Race", 17, False), ("Religion", 1, False)],
        ),
    ],
)
def test_counts_in(text: str, counts: list[tuple[str, int, bool]]) -> None:
    assert [(c.category, c.count, c.approx) for c in counts_in(text)] == counts


def test_ambiguous_label_is_reported_not_counted() -> None:
    assert [c.category for c, _ in candidates("Disability")] == [
        "Disability - Physical",
        "Disability - Learning",
    ]
    counts, ambiguous = read_counts("Race 3, Religion 1, Disability 2")
    assert [(c.category, c.count) for c in counts] == [("Race", 3), ("Religion", 1)]
    assert [(a.text, a.candidates) for a in ambiguous] == [
        ("Disability 2", ("Disability - Physical", "Disability - Learning"))
    ]


@pytest.mark.parametrize("text", ["99999999999999999999 Race", "1e308 Race"])
def test_counts_fit_int64(text: str) -> None:
    assert counts_in(text) == []


@given(st.text())
def test_parse_cell_never_raises(s: str) -> None:
    for value in parse_cell(s) + parse_cell(s, commentary=True):
        # Below zero only where the cell prints a minus.
        assert value.value is None or value.value >= 0 or MINUS.search(s)


@given(st.text())
def test_values_fit_float64(s: str) -> None:
    for value in parse_cell(s):
        assert value.value is None or value.value < 1e15
    assert all(c.count < 2**63 for c in counts_in(s))


@given(st.text(), st.sampled_from(["(£000)", "£'000", "£k", "(£m)", "£ million"]))
def test_stated_scales_keep_values_in_float64(s: str, label: str) -> None:
    scale = stated_scale(f"Net budget {label}")
    assert scale is not None and stated_scale(s.replace("£", "")) is None
    for value in parse_cell(s):
        got = scaled_by(value, scale)
        assert got.value is None or got.value < 1e15
        assert (
            got == value
            or (got.value, got.problem) == (None, got.problem or "-")
            or (got.unit, got.repairs[-1].rule) == ("gbp", "stated_multiplier")
        )


@pytest.mark.parametrize(
    ("cell", "scaled"),
    [("45.2", 45_200.0), ("£45.2", 45.2), ("£45.00", 45.0), ("45%", 45.0)],
)
def test_only_a_bare_figure_is_scaled(cell: str, scaled: float) -> None:
    """A figure printed with its unit may be in pounds or in the label's
    thousands alike: it stays as printed."""
    (value,) = parse_cell(cell)
    scale = stated_scale("Annual Target (£000)")
    assert scale is not None and scaled_by(value, scale).value == scaled


@pytest.mark.parametrize(
    ("label", "multiplier"),
    [
        ("Net budget (£000)", 1000),
        ("Spend £'000", 1000),
        ("Savings (£000s)", 1000),
        ("Income £k", 1000),
        ("Capital programme (£m)", 1_000_000),
        ("Capital (£ million)", 1_000_000),
        ("Rent arrears (£)", None),
        ("Annual Target (£000 / %)", None),
        ("£1,000 grants awarded", None),
        ("Number of £5 vouchers", None),
    ],
)
def test_stated_scale(label: str, multiplier: int | None) -> None:
    scale = stated_scale(label)
    assert (scale[0] if scale else None) == multiplier


@given(st.text())
def test_counts_and_categories_never_raise(s: str) -> None:
    assert all(c.count >= 0 for c in counts_in(s))
    hit = match_category(s)
    assert hit is None or hit[1] >= 80


@given(st.from_regex(r"\A[<>]?£?[0-9]{1,3}(,[0-9]{3})*(\.[0-9][0-9])?%?\Z"))
def test_printed_amounts_always_parse(s: str) -> None:
    got = amounts_in(s)
    assert len(got) == 1 and got[0][1:] == (0, len(s))
    assert got[0][0].value == float(s.strip("<>£%").replace(",", ""))


@pytest.mark.parametrize(
    "cell, value, unit, repairs",
    [
        ("£1.2m", 1_200_000.0, "gbp", [("£1.2m", "1200000", "amount_multiplier")]),
        ("£450k", 450_000.0, "gbp", [("£450k", "450000", "amount_multiplier")]),
        (
            "£2.3bn",
            2_300_000_000.0,
            "gbp",
            [("£2.3bn", "2300000000", "amount_multiplier")],
        ),
        (
            "£1.5 million",
            1_500_000.0,
            "gbp",
            [("£1.5 million", "1500000", "amount_multiplier")],
        ),
        # Without "£" a trailing letter may be a unit ("5m" metres): no multiplier.
        ("5m", 5.0, None, []),
        # But "k" is none ("145k" visits had been 145).
        ("145k", 145_000.0, None, [("145k", "145000", "amount_multiplier")]),
        ("Nil", 0.0, None, [("Nil", "0", "nil_as_zero")]),
        # "Zero" had been a null value.
        ("Zero", 0.0, None, [("Zero", "0", "nil_as_zero")]),
        ("12.5 per 1,000", 12.5, "", []),
    ],
)
def test_scaled_amounts_and_nil(
    cell: str, value: float, unit: str | None, repairs: list[tuple[str, str, str]]
) -> None:
    (got,) = parse_cell(cell)
    assert (got.value, got.unit) == (value, unit)
    assert [(r.raw, r.repaired, r.rule) for r in got.repairs] == repairs


def test_nil_keeps_its_note_and_labelled_values() -> None:
    got = parse_cell("Nil – closed for refurbishment (target 5)")
    assert [(v.value, v.measure, v.note) for v in got] == [
        (0.0, None, "closed for refurbishment"),
        (5.0, "target", None),
    ]
    assert is_missing("Nil") is False
    # A commentary column's words give no value.
    assert parse_cell("Nil", commentary=True) == []


def test_a_multiplied_amount_too_long_for_float64_is_not_read() -> None:
    assert amounts_in("£99999999999999bn") == []


@pytest.mark.parametrize(
    "text, counts, unknown",
    [
        (
            "Council 5; Police 3; Self 2; Housing 4",
            [
                ("Council", 5, False),
                ("Police", 3, False),
                ("Self", 2, False),
                ("Other", 4, True),
            ],
            [],
        ),
        (
            "7 cases resolved, 2 escalated, 5 on going",
            [("closed", 7, False), ("ongoing", 5, False)],
            ["2 escalated"],
        ),
        # A printed Other keeps its place: the unlisted label is reported.
        (
            "Council 5, Housing 4, Other 1",
            [("Council", 5, False), ("Other", 1, False)],
            ["Housing 4"],
        ),
        # Motivations have no catch-all in the contract's list.
        ("Race 3, Age 2", [("Race", 3, False)], ["Age 2"]),
        # Words with a number but no list of counts are prose, not an unknown label.
        ("Sessions delivered in 6 primary schools", [], []),
    ],
)
def test_unlisted_labels(
    text: str, counts: list[tuple[str, int, bool]], unknown: list[str]
) -> None:
    found, others = read_counts(text)
    assert [(c.category, c.count, c.inferred) for c in found] == counts
    assert [(a.text, a.candidates) for a in others] == [(u, ()) for u in unknown]


@pytest.mark.parametrize(
    "cell, values",
    [
        # A cell opening with a minus on its figure prints a negative value
        # (the sign had been dropped, silently): hyphen, minus sign, en dash.
        ("-5%", [(-5.0, "percent")]),
        ("\u22125%", [(-5.0, "percent")]),
        ("\u20135%", [(-5.0, "percent")]),
        ("-£1,200", [(-1200.0, "gbp")]),
        ("-0.5", [(-0.5, None)]),
        # A dash and a space is a separator or a bullet; a dash after a label
        # separates the label from its value.
        ("- 5%", [(5.0, "percent")]),
        ("Target -5%", [(5.0, "percent")]),
        ("2015/16 -51.49%", [(51.49, "percent")]),
    ],
)
def test_a_minus_on_a_cell_s_first_figure_is_its_sign(
    cell: str, values: list[tuple[float, str | None]]
) -> None:
    assert [(v.value, v.unit) for v in parse_cell(cell)] == values


def test_a_category_named_again_with_another_count_is_reported() -> None:
    """ "1 x Police referral (via 101) … 4 x Police referrals": which count is
    the category's cannot be told; the first is kept and the second
    reported, not dropped."""
    counts, ambiguous = read_counts(
        "2 x Council referrals 1 x Police (via 101) referral 4 x Police referrals"
    )
    assert [(c.category, c.count) for c in counts] == [("Council", 2), ("Police", 1)]
    assert [(a.text, a.again) for a in ambiguous] == [
        ("4 x Police referrals", "Police")
    ]
    # The same count printed twice is one count.
    counts, ambiguous = read_counts("6 closed cases … 6 closed cases")
    assert [(c.category, c.count) for c in counts] == [("closed", 6)]
    assert ambiguous == []


@pytest.mark.parametrize(
    "cell",
    [
        "20-25",
        "5-10%",
        "97 – 98%",
        "£1m to £1.5m",
        "12 - 15 days",
        "3 to 4",
        "20-25 (revised)",
        "Between 18 and 22",
        "approx 400-450",
    ],
)
def test_a_range_of_two_figures_is_no_value(cell: str) -> None:
    """A target printed as a range had been read as its first figure."""
    [value] = parse_cell(cell)
    assert value.value is None
    assert value.problem is not None and "range of two figures" in value.problem


@pytest.mark.parametrize(
    "cell, value",
    [
        ("2016-17", None),
        ("2017.18 – 425", 425.0),
        ("-5", -5.0),
        ("85%", 85.0),
        # Two units, a signed second figure, the larger first: no range.
        ("85% - 3 cases", 85.0),
        ("£1.2m - 3 schemes", 1_200_000.0),
        ("1,234 -5%", 1234.0),
        ("1,234 - 5%", 1234.0),
    ],
)
def test_a_year_or_one_figure_is_no_range(cell: str, value: float | None) -> None:
    got = parse_cell(cell)
    assert (got[0].value, got[0].problem) == (value, None)


@pytest.mark.parametrize(
    "cell, value, unit, note",
    [
        # A multiplier a space apart had been left in the note: £1.5.
        ("£1.5 m", 1_500_000.0, "gbp", None),
        ("£0.4 m", 400_000.0, "gbp", None),
        # A minus after the pound sign had been lost, and the sign with it.
        ("£-12,000", -12_000.0, "gbp", None),
    ],
)
def test_values_as_councils_print_them(
    cell: str, value: float, unit: str, note: str | None
) -> None:
    [got] = parse_cell(cell)
    assert (got.value, got.unit, got.financial_year, got.note) == (
        value,
        unit,
        None,
        note,
    )


def test_a_category_named_again_by_another_label_is_reported() -> None:
    """ "2 Religion 2 Antisemitic": the same count under another label of the
    category; the second is reported, not dropped."""
    counts, ambiguous = read_counts("17 Race 2 Religion 2 Antisemitic")
    assert [(c.category, c.count) for c in counts] == [("Race", 17), ("Religion", 2)]
    assert [(a.text, a.again) for a in ambiguous] == [("2 Antisemitic", "Religion")]


@pytest.mark.parametrize(
    "cell, value, qualifier, problem",
    [
        # A time or a ratio: its first figure had been the value, silently.
        ("2:30", None, None, "'2:30' is a time or a ratio, not one figure"),
        ("1:8", None, None, "'1:8' is a time or a ratio, not one figure"),
        # A time or a ratio in a bracket is the note's.
        ("32 (1:1 sessions)", 32.0, None, None),
        # "Zero" as an adjective: the figure after it is the value (it had
        # been 0).
        ("Zero tolerance campaign - 12 FPNs issued", 12.0, None, None),
        ("Zero waste 45%", 45.0, None, None),
        # "Zero" and a note after a mark: the value is 0.
        ("Zero – 2 appeals pending", 0.0, None, None),
        # "(est)" marks an estimate.
        ("45 (est)", 45.0, "estimated", None),
        ("Q1: 45", 45.0, None, None),
    ],
)
def test_times_zeros_and_estimates(
    cell: str, value: float | None, qualifier: str | None, problem: str | None
) -> None:
    (got,) = parse_cell(cell)
    assert (got.value, got.qualifier, got.problem) == (value, qualifier, problem)


@pytest.mark.parametrize(
    "cell, n",
    [
        ("Q1 – Cannock North 12, Hednesford South 7, Rawnsley 3", 3),
        ("Burglary: 112; Vehicle crime: 98; Violence: 410", 3),
    ],
)
def test_a_list_of_labelled_counts_is_no_one_value(cell: str, n: int) -> None:
    """Its first count had been the cell's value, the others a note, silently."""
    (got,) = parse_cell(cell)
    assert (got.value, got.problem) == (
        None,
        f"a list of {n} labelled counts, not one value",
    )


@pytest.mark.parametrize(
    "cell, values",
    [
        ("Target 5, Actual 6", [5.0, 6.0]),
        ("100 cases £19,112.23", [100.0, 19112.23]),
        ("12, 14", [12.0]),
        # A count and a part of it, a count and its change: the first is the
        # value.
        ("12 complaints, 3 upheld", [12.0]),
        ("45,210 visits, up 5", [45210.0]),
    ],
)
def test_labelled_values_and_units_are_no_list_of_counts(
    cell: str, values: list[float]
) -> None:
    assert [v.value for v in parse_cell(cell)] == values
