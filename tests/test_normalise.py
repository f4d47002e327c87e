"""Tables of examples for the normalisers, and properties that hold for any input."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalise.dates import parse_date, repair_date
from normalise.numbers import parse_int, parse_number
from normalise.segments import cuts
from normalise.symbols import holds_symbol
from normalise.vocabulary import ANY_STATUS, STATUS_CATEGORIES, status_category
from normalise.words import Vocabulary, join_broken, rejoin
from normalise.years import financial_year, financial_years_in, period_end, quarter_of


@pytest.mark.parametrize(
    "raw, value",
    [
        ("24.07.17", date(2017, 7, 24)),
        ("10.10.17", date(2017, 10, 10)),
        ("17.04.18", date(2018, 4, 17)),
        ("03/12/15", date(2015, 12, 3)),
        ("3rd December 2015", date(2015, 12, 3)),
        ("3rd DECEMBER 2015", date(2015, 12, 3)),
        ("24 January 2019", date(2019, 1, 24)),
        ("31 March 2019", date(2019, 3, 31)),
        ("1 April 2019", date(2019, 4, 1)),
        ("29.02.16", date(2016, 2, 29)),
        ("24-07-17", date(2017, 7, 24)),
        ("2017-07-24", date(2017, 7, 24)),
        ("24 Jul 17", date(2017, 7, 24)),
        ("2017-24-07", None),
        ("197.04.18", None),
        ("31.04.18", None),
        ("29.02.17", None),
        ("Q4", None),
    ],
)
def test_parse_date(raw: str, value: date | None) -> None:
    assert parse_date(raw) == value


# Valid dates are never "repaired", whatever the evidence says.
@pytest.mark.parametrize(
    "raw",
    [
        "24.07.17",
        "10.10.17",
        "19.01.18",
        "17.04.18",
        "19.04.18",
        "01.10.17",
        "20.10.17",
        "03/12/15",
        "12/02/19",
        "3rd December 2015",
        "6 November 2017",
        "13 March 2019",
    ],
)
def test_valid_dates_are_not_repaired(raw: str) -> None:
    value, repair = repair_date(raw, evidence=[date(2018, 4, 17)], meeting=True)
    assert value == parse_date(raw) and repair is None


def test_extra_digit_decided_by_the_quarter() -> None:
    value, repair = repair_date("197.04.18", evidence=[date(2018, 4, 17)])
    assert value == date(2018, 4, 17)
    assert repair is not None
    assert (repair.repaired, repair.rule, repair.alternatives) == (
        "17.04.18",
        "date_extra_digit",
        ("19.04.18",),
    )


def test_extra_digit_without_evidence_is_ambiguous() -> None:
    value, repair = repair_date("197.04.18")
    assert value is None and repair is not None
    assert repair.confidence == 0 and repair.alternatives == ("17.04.18", "19.04.18")


def test_meeting_date_decided_by_weekday() -> None:
    value, repair = repair_date("201.10.17", meeting=True)
    assert value == date(2017, 10, 20)  # a Friday; 01.10.17 is a Sunday
    assert repair is not None
    assert set(repair.alternatives) == {"01.10.17", "21.10.17"}


@given(st.text())
def test_dates_never_raise(s: str) -> None:
    value, repair = repair_date(s, meeting=True)
    assert value is None or isinstance(value, date)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_a_valid_date_is_never_changed(d: date) -> None:
    raw = d.strftime("%d.%m.%y")
    assert repair_date(raw, evidence=[date(2018, 4, 17)]) == (d, None)


@pytest.mark.parametrize(
    "raw, value, rule",
    [
        ("2017/18", "2017/18", None),
        ("2017-18", "2017/18", None),
        ("2018-19", "2018/19", None),
        ("2015/16", "2015/16", None),
        ("2016.17", "2016/17", "financial_year_dot"),
        ("2017.18", "2017/18", "financial_year_dot"),
        ("2016/18", None, None),
        ("2015-18", None, None),
        ("2015/2016", "2015/16", None),
        ("2017-2018", "2017/18", None),
        ("2015/2017", None, None),
        ("2015/2116", None, None),
    ],
)
def test_financial_year(raw: str, value: str | None, rule: str | None) -> None:
    got, repair = financial_year(raw)
    assert got == value and (repair.rule if repair else None) == rule


def test_years_in_text() -> None:
    assert financial_years_in("Corporate Plan 2015-18; the 2015/16 PDP") == ["2015/16"]
    assert financial_years_in("Annual Performance 2018-19") == ["2018/19"]


@pytest.mark.parametrize(
    "d, fy, q",
    [
        (date(2017, 4, 1), "2017/18", "Q1"),
        (date(2017, 7, 24), "2017/18", "Q2"),
        (date(2018, 1, 19), "2017/18", "Q4"),
        (date(2018, 3, 31), "2017/18", "Q4"),
    ],
)
def test_quarter_of(d: date, fy: str, q: str) -> None:
    from normalise.years import financial_year_of

    assert (financial_year_of(d), quarter_of(d)) == (fy, q)


def test_period_end() -> None:
    assert period_end("2017/18", "Q4") == date(2018, 3, 31)
    assert period_end("2018/19", "Q2") == date(2018, 9, 30)
    assert period_end("2018/19", "FY") == date(2019, 3, 31)
    assert period_end("n/a", "Q1") is None


@pytest.mark.parametrize(
    "raw, value, rule",
    [
        ("5,673", 5673.0, None),
        ("-321", -321.0, None),
        ("- 10", -10.0, "spaced_minus"),
        ("\u2013 46", -46.0, "spaced_minus"),
        ("12.5", 12.5, None),
        ("1,23", None, None),
        ("n/a", None, None),
        ("", None, None),
    ],
)
def test_parse_number(raw: str, value: float | None, rule: str | None) -> None:
    got, repair = parse_number(raw)
    assert got == value and (repair.rule if repair else None) == rule


@given(st.text())
def test_numbers_never_raise(s: str) -> None:
    value, _ = parse_number(s)
    assert value is None or isinstance(value, float)
    assert parse_int(s) is None or isinstance(parse_int(s), int)


VOCAB = Vocabulary.of(
    [
        "Striving for cleaner, greener and attractive public "
        "environments across the District",
        "Working with partners to foster safer and stronger communities",
    ]
)


@pytest.mark.parametrize(
    "left, right, joined, rule",
    [
        ("Wor", "king", "Working", "split_word"),
        ("an", "d", "and", "split_word"),
        ("D", "istrict", "District", "split_word"),
        ("env", "vironments", "environments", "split_word"),
        ("er", "vironments:", "environments:", "misspelling"),
        ("commu", "inities", "communities", "misspelling"),
        ("o", "leaner,", "cleaner,", "misspelling"),
    ],
)
def test_broken_words_are_rejoined(
    left: str, right: str, joined: str, rule: str
) -> None:
    got = join_broken(left, right, VOCAB)
    assert got is not None and got[0] == joined and got[1].rule == rule


@pytest.mark.parametrize(
    "left, right",
    [
        ("partners", "to"),
        ("safer", "and"),
        ("with", "partners"),
        ("Q1", "Rating"),
        ("Chadsmoor", "Estate"),
        ("xyzzy", "plugh"),
    ],
)
def test_two_words_stay_two(left: str, right: str) -> None:
    assert join_broken(left, right, VOCAB) is None


def test_rejoin_theme() -> None:
    text, repairs = rejoin(
        [
            "Cleaner and safer er",
            "vironments: Wor",
            "king with partners",
            "to foster safer an",
            "d stronger commu",
            "inities",
        ],
        VOCAB,
    )
    assert text == (
        "Cleaner and safer environments: Working with partners to foster "
        "safer and stronger communities"
    )
    assert [r.raw for r in repairs] == [
        "er vironments:",
        "Wor king",
        "an d",
        "commu inities",
    ]


@given(st.lists(st.text(max_size=20), max_size=6))
def test_rejoin_never_raises_and_keeps_words(fragments: list[str]) -> None:
    text, repairs = rejoin(fragments, VOCAB)
    assert len(text.split()) <= sum(len(f.split()) for f in fragments)
    assert len(text.split()) + len(repairs) == sum(len(f.split()) for f in fragments)


@pytest.mark.parametrize(
    "title, quarters, period",
    [
        ("Quarters 1 and 2 Performance Update", ("Q1", "Q2"), "Q1-Q2"),
        ("QUARTERS 1 & 2 PERFORMANCE REPORT", ("Q1", "Q2"), "Q1-Q2"),
        ("Quarter Four (1 January 2019 - 31 March 2019) Performance", ("Q4",), "Q4"),
        ("Annual Performance 2018-19", ("Q1", "Q2", "Q3", "Q4"), "FY"),
        ("End of Year Performance Update", ("Q1", "Q2", "Q3", "Q4"), "FY"),
        ("Quarters 1-3 Performance", ("Q1", "Q2", "Q3"), "Q1-Q3"),
        ("Q1 and Q2", ("Q1", "Q2"), "Q1-Q2"),
        ("Quarters 2, 3 and 4 - no actions", ("Q2", "Q3", "Q4"), "Q2-Q4"),
        ("Half Year Performance Report", ("Q1", "Q2"), "Q1-Q2"),
        ("Quarters One and Two", ("Q1", "Q2"), "Q1-Q2"),
        ("Corporate Plan 2015-18", (), None),
        ("Summary of Progress in Delivering Projects/Actions:", (), None),
        ("Quarter 2 and Quarter 4", ("Q2", "Q4"), "Q2,Q4"),
        # A year after "Quarter" is no quarter's number ("Quarter 2018" had
        # been Quarter 2); "Third Quarter" is `periods.title_quarters`'s.
        ("Performance Report for the Third Quarter 2018/19", (), None),
        ("Quarter 2018/19 and Quarter 3", ("Q3",), "Q3"),
        ("Q12 Summary", (), None),
    ],
)
def test_quarters_and_period(
    title: str, quarters: tuple[str, ...], period: str | None
) -> None:
    from normalise.years import period_of, quarters_in

    assert quarters_in(title) == quarters
    assert period_of(quarters) == period


@given(st.text())
def test_quarters_never_raise(s: str) -> None:
    from normalise.years import quarters_in

    assert all(q in ("Q1", "Q2", "Q3", "Q4") for q in quarters_in(s))


@pytest.mark.parametrize(
    "text, fixed",
    [
        ("Cannock Chase Coucnil", "Cannock Chase Council"),
        ("Cleaner and safer envronments", "Cleaner and safer environments"),
        ("Chadsmoor Estate", "Chadsmoor Estate"),
        ("Planning for the housing needs", "Planning for the housing needs"),
        ("Working with partners", "Working with partners"),
    ],
)
def test_misspellings(text: str, fixed: str) -> None:
    from normalise.words import correct_misspellings

    vocab = Vocabulary.of(["The Council and the Council met", "housing need", "need"])
    got, repairs = correct_misspellings(text, vocab)
    assert got == fixed
    assert [r.rule for r in repairs] == (["misspelling"] if fixed != text else [])


@given(st.text())
def test_misspellings_never_raise(s: str) -> None:
    from normalise.words import correct_misspellings

    text, repairs = correct_misspellings(s, VOCAB)
    assert len(text.split()) == len(s.split()) or repairs == []


@pytest.mark.parametrize(
    "raw, value, repaired, rule",
    [
        ("2O.01.17", date(2017, 1, 20), "20.01.17", "letter_for_digit"),
        ("l7.04.18", date(2018, 4, 17), "17.04.18", "letter_for_digit"),
        (
            "197.O4.18",
            date(2018, 4, 17),
            "17.04.18",
            "letter_for_digit+date_extra_digit",
        ),
    ],
)
def test_letters_typed_for_digits(
    raw: str, value: date, repaired: str, rule: str
) -> None:
    got, repair = repair_date(raw, evidence=[date(2018, 4, 17)])
    assert got == value and repair is not None
    assert (repair.repaired, repair.rule) == (repaired, rule)


@pytest.mark.parametrize(
    "label, category",
    [
        ("Milestone on target", "on_target"),
        ("Project completed", "completed"),
        ("Requires Attention", "attention"),
        # A negated status is none of these: it had counted as on target.
        ("Milestone not on target", None),
        ("Not on target", None),
        ("Project not completed", None),
        ("Not yet completed", None),
        # These had counted as completed, or closed (aborted).
        ("Project unlikely to be completed", None),
        ("Milestone will not be completed on time", None),
        ("At risk of not being completed", None),
        ("Unlikely to be on target", None),
        ("Not yet closed", None),
        ("Milestone has not been completed", None),
        ("Won't be completed", None),
        ("Project closed", "aborted"),
        ("Project has been completed", "completed"),
        ("Not Yet Due", "no_rating"),
        # "On track" is prose far more often than a status label: "The policy
        # remains on track." would end a reading-order action table.
        ("On track", None),
    ],
)
def test_status_category(label: str, category: str | None) -> None:
    assert status_category(label) == category


STATUS_TEXT_WORDS = (
    "not yet due",
    "Not",
    "yet",
    "being",
    "to be",
    "won't be",
    "closed",
    "Closed",
    "completed",
    "COMPLETE",
    "on target",
    "On  Target",
    "requires attention",
    "Requires\tAmendment",
    "aborted",
    "no rating",
    "total",
    "TOTAL",
    "project",
    "",
)


@given(st.lists(st.sampled_from(STATUS_TEXT_WORDS) | st.text(max_size=6), max_size=8))
def test_any_status_agrees_with_the_categories(words: list[str]) -> None:
    """The one search that tells most texts name no status finds a status
    exactly where one of the categories' own patterns does."""
    text = " ".join(words)
    expected = any(p.search(text) for _, p in STATUS_CATEGORIES)
    assert bool(ANY_STATUS.search(text)) == expected


def test_cuts_of_labels() -> None:
    words = "Last year's outturn Target Q1 Q2".split()
    labels = {"Last year's outturn", "Last year's", "outturn", "Target", "Q1", "Q2"}

    def label(k: int, j: int) -> str | None:
        text = " ".join(words[k:j])
        return text if text in labels else None

    ways = cuts(len(words), 3, label)
    # Two ways from the start ("Last year's outturn" or "Last year's" +
    # "outturn"), one from "Target" on.
    assert len(ways[0]) == 2
    assert ways[3] == [["Target", "Q1", "Q2"]]


@given(st.lists(st.sampled_from(["a", "b", "ab", "x"]), max_size=12))
def test_cuts_rebuild_their_run(items: list[str]) -> None:
    def piece(k: int, j: int) -> str | None:
        text = "".join(items[k:j])
        return text if "x" not in text else None

    for k, found in enumerate(cuts(len(items), 3, piece)):
        assert len(found) <= 2
        assert all("".join(reading) == "".join(items[k:]) for reading in found)


def test_a_quarter_label_is_no_rating_mark() -> None:
    # 001's Writer PDF prints its HRA programme table's "Q2" label in the
    # action table's Q2 rating column.
    assert not holds_symbol("Q2")
    assert not holds_symbol(" q4 ")
    assert holds_symbol("5") and holds_symbol("✓") and holds_symbol("Q5")


@pytest.mark.parametrize(
    "cell, names",
    [
        # The bracket a source closes is the name's (it had been a name ")").
        ("All Crime (Police data)", ["All Crime (Police data)"]),
        (
            "ASB Incidents Over Time (Variation) – Police data ASB – Number of "
            "referrals to ASB Champion – Victim Support data",
            [
                "ASB Incidents Over Time (Variation) – Police data",
                "ASB – Number of referrals to ASB Champion – Victim Support data",
            ],
        ),
        (
            "X – CACH data agreements (District)",
            ["X – CACH data agreements (District)"],
        ),
    ],
)
def test_split_indicators(cell: str, names: list[str]) -> None:
    from normalise.indicators import split_indicators

    assert split_indicators(cell) == names
