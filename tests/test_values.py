"""Normalisers for KPI values, breakdown categories and counts: tables of examples."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalise.categories import match_category
from normalise.counts import counts_in
from normalise.values import (
    is_missing,
    labelled_parts,
    parse_amount,
    parse_cell,
    qualifier_of,
)


@pytest.mark.parametrize("raw, value, unit, comparator", [
    ("5,666.55 Tonnes", 5666.55, "tonnes", None),
    ("<20,000 Tonnes", 20000.0, "tonnes", "<"),
    ("47.5%", 47.5, "percent", None),
    ("£19,112.23", 19112.23, "gbp", None),
    ("189 Cases", 189.0, "count", None),
    ("1,084", 1084.0, None, None),
    ("0", 0.0, None, None),
    ("c.160", 160.0, None, None),
    ("2019/20", None, None, None),
    ("n/a", None, None, None),
])
def test_parse_amount(raw: str, value: float | None, unit: str | None,
                      comparator: str | None) -> None:
    got = parse_amount(raw)
    if value is None:
        assert got is None
    else:
        assert got is not None
        assert (got.value, got.unit, got.comparator) == (value, unit, comparator)


@pytest.mark.parametrize("text, qualifier", [
    ("Confirmed - Waste Dataflow Figure", "confirmed"),
    ("NB: Figure based on estimated SCC residual tonnages", "estimated"),
    ("so cumulatively 2 out of 115 total cases taken", "cumulative"),
    ("1.20% Average", "average"),
    ("approx. 120 incidents", "approx"),
    ("so 1/82", None),
])
def test_qualifier_of(text: str, qualifier: str | None) -> None:
    assert qualifier_of(text) == qualifier


@pytest.mark.parametrize("text, missing", [
    ("n/a", True), ("N/A", True), ("-", True), ("0", False),
    ("This information could not be collated", False),
])
def test_is_missing(text: str, missing: bool) -> None:
    assert is_missing(text) is missing


@pytest.mark.parametrize("text, parts", [
    ("Target - 50% Actual – 44.1%", [(None, None), ("target", None),
                                     ("actual", None)]),
    ("2017.18 – 425 2016.17 - 484", [(None, None), ("actual", "2017/18"),
                                     ("actual", "2016/17")]),
    ("No target - this is a measure only", [(None, None)]),
    ("Not reported in 2015/16", [(None, None)]),
])
def test_labelled_parts(text: str, parts: list[tuple[str | None, str | None]]) -> None:
    assert [(p.measure, p.financial_year) for p in labelled_parts(text)] == parts


# (cell, commentary?, [(value, unit, comparator, qualifier, measure, year, note)])
CELLS = [
    ("47.5% Confirmed - Waste Dataflow Figure", False,
     [(47.5, "percent", None, "confirmed", None, None,
       "Confirmed - Waste Dataflow Figure")]),
    ("<20,000 Tonnes – 2017.18 - 21,200 Tonnes", True,
     [(20000.0, "tonnes", "<", None, None, None, None),
      (21200.0, "tonnes", None, None, "actual", "2017/18", None)]),
    ("2015/16 -51.49%", True,
     [(51.49, "percent", None, None, "actual", "2015/16", None)]),
    ("No target - this is a measure only 2017.18 – 425 2016.17 - 484", True,
     [(425.0, None, None, None, "actual", "2017/18", None),
      (484.0, None, None, None, "actual", "2016/17", None)]),
    ("Target - 50% Actual – 44.1%", True,
     [(50.0, "percent", None, None, "target", None, None),
      (44.1, "percent", None, None, "actual", None, None)]),
    ("100 cases £19,112.23", False,
     [(100.0, "count", None, None, None, None, None),
      (19112.23, "gbp", None, None, None, None, None)]),
    ("141 cases Value – £84,171.24", False,
     [(141.0, "count", None, None, None, None, None),
      (84171.24, "gbp", None, None, None, None, None)]),
    ("Value of Government allocation £172,583", False,
     [(172583.0, "gbp", None, None, None, None, "Value of Government allocation")]),
    ("1.74% (One further case progressed to full duty, so cumulatively 2 out of 115 "
     "total cases taken)", False,
     [(1.74, "percent", None, "cumulative", None, None,
       "One further case progressed to full duty, so cumulatively 2 out of 115 "
       "total cases taken")]),
    ("1.20% Average", False, [(1.2, "percent", None, "average", None, None,
                               "Average")]),
    ("n/a", False, [(None, None, None, None, None, None, None)]),
    ("Action to be rolled over to 2019/20", False,
     [(None, None, None, None, None, None, "Action to be rolled over to 2019/20")]),
    ("Measure has changed", True, []),
    ("Not reported in 2015/16", True, []),
    ("", False, []),
]


@pytest.mark.parametrize("cell, commentary, expected", CELLS)
def test_parse_cell(cell: str, commentary: bool, expected: list[tuple[object, ...]]
                    ) -> None:
    got = [(v.value, v.unit, v.comparator, v.qualifier, v.measure, v.financial_year,
            v.note) for v in parse_cell(cell, commentary=commentary)]
    assert got == expected


@pytest.mark.parametrize("cell, rules", [
    ("2017.18 – 425", ["financial_year_dot"]),
    ("2015/16 -18,752", ["dash_after_year"]),
    ("2016.17 - 484", ["financial_year_dot"]),
    ("2015/16 - 18,752", []),
])
def test_parse_cell_repairs(cell: str, rules: list[str]) -> None:
    values = parse_cell(cell, commentary=True)
    assert [r.rule for v in values for r in v.repairs] == rules


@pytest.mark.parametrize("label, category", [
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
    ("Cannock Chase District reported", None),
    ("x", None),
])
def test_match_category(label: str, category: str | None) -> None:
    hit = match_category(label)
    assert (hit[0].category if hit else None) == category


@pytest.mark.parametrize("text, counts", [
    ("15 on going cases, 6 closed cases 2 x Council referrals",
     [("ongoing", 15, False), ("closed", 6, False), ("Council", 2, False)]),
    ("on going cases 4, 18 closed cases",
     [("ongoing", 4, False), ("closed", 18, False)]),
    ("Race 20 Sexual Orientation 4 Gender ID 1",
     [("Race", 20, False), ("Sexual Orientation", 4, False),
      ("Gender Identity", 1, False)]),
    ("24 Individuals from Cannock Chase District reported approx. 120 incidents",
     [("individuals", 24, False), ("incidents", 120, True)]),
    ("Individuals: 27 Incidents: c.160", [("individuals", 27, False),
                                          ("incidents", 160, True)]),
    ("1 Mental Health (2 individuals felt that they were targeted for more than 1 "
     "reason).", [("Mental Health", 1, False)]),
    ("0 x Other agencies", [("Other", 0, False)]),
    ("For information only, data provided by Staffs Police.", []),
])
def test_counts_in(text: str, counts: list[tuple[str, int, bool]]) -> None:
    assert [(c.category, c.count, c.approx) for c in counts_in(text)] == counts


@given(st.text())
def test_parse_cell_never_raises(s: str) -> None:
    for value in parse_cell(s) + parse_cell(s, commentary=True):
        assert value.value is None or value.value >= 0


@given(st.text())
def test_parse_amount_value_or_none(s: str) -> None:
    got = parse_amount(s)
    assert got is None or isinstance(got.value, float)


@given(st.text())
def test_counts_and_categories_never_raise(s: str) -> None:
    assert all(c.count >= 0 for c in counts_in(s))
    hit = match_category(s)
    assert hit is None or hit[1] >= 80


@given(st.from_regex(r"\A[<>]?£?\d{1,3}(,\d{3})*(\.\d\d)?%?\Z"))
def test_printed_amounts_always_parse(s: str) -> None:
    got = parse_amount(s)
    assert got is not None and got.value == float(s.strip("<>£%").replace(",", ""))
