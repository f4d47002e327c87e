"""The indicator registry: the same measure gets one id, different measures never do."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz

from normalise.registry import (
    MATCH_THRESHOLD,
    begins_name,
    entries,
    key,
    match,
    opens_with_name,
)

# Printed variants of one measure, across years and layouts.
MUST_MERGE = [
    ("Number of fly tipping incidents", "Number of fly tipping incidents  "),
    ("Number of fly tipping incidents", "Number of flytipping incidents"),
    ("Number of fly tipping incidents", "NUMBER OF FLY-TIPPING INCIDENTS"),
    (
        "Hate Crime Incidents Over Time (Variation) – Police data",
        "Hate Crime Incidents Over Time (Variation) - Police data",
    ),
    (
        "ASB Incidents Over Time (Variation) – Police data",
        "ASB Incidents Over Time (Variation) \u2013 Police  data",
    ),
    (
        "Number of tenancies sustained (No. of cases (council tenancies) "
        "completed with sustainment outcomes)",
        "Number of tenancies sustained",
    ),
]
# The samples' nearest pairs of different measures.
MUST_NOT_MERGE = [
    (
        "ASB Incidents Over Time (Variation) – Police data",
        "Hate Crime Incidents Over Time (Variation) – Police data",
    ),
    (
        "No. of properties benefitting from kitchen replacement",
        "No. of properties benefitting from bathroom upgrade",
    ),
    (
        "No. of properties benefitting from external envelope work",
        "No. of properties benefitting from electrical upgrading works",
    ),
    (
        "Number of referrals to support agencies from the Community Safety Hub",
        "Increased number of referrals to the Community Safety Hub",
    ),
    (
        "Number of ASB complaints dealt with via the Community Safety Hub",
        "Increased number of referrals to the Community Safety Hub",
    ),
    (
        "Satisfaction with local area (Feeling the Difference Survey)",
        "Total recorded crime",
    ),
]


@pytest.mark.parametrize("a, b", MUST_MERGE)
def test_variants_merge(a: str, b: str) -> None:
    assert match(a).known and match(a).indicator_id == match(b).indicator_id


@pytest.mark.parametrize("a, b", MUST_NOT_MERGE)
def test_near_misses_stay_apart(a: str, b: str) -> None:
    assert match(a).indicator_id != match(b).indicator_id


def test_threshold_separates_the_samples_pairs() -> None:
    near = max(fuzz.ratio(key(a), key(b)) for a, b in MUST_NOT_MERGE)
    assert near == pytest.approx(88.7, abs=0.05)
    assert near < MATCH_THRESHOLD
    # Every pair of registered names is further apart than the threshold.
    names = [key(e.name) for e in entries()]
    closest = max(fuzz.ratio(a, b) for i, a in enumerate(names) for b in names[i + 1 :])
    assert closest < MATCH_THRESHOLD


def test_unseen_indicator_gets_its_own_stable_id() -> None:
    m = match("Number of litter fines issued")
    assert (m.known, m.indicator_id) == (False, "number-of-litter-fines-issued")
    assert match("Number of litter fines issued").indicator_id == m.indicator_id


def test_registry_ids_are_unique() -> None:
    ids = [e.indicator_id for e in entries()]
    assert len(ids) == len(set(ids)) == 28


@given(st.text())
def test_match_never_raises(s: str) -> None:
    assert match(s).indicator_id


def test_a_name_cut_short_begins_a_registered_one() -> None:
    assert begins_name("Satisfaction with local area (Feeling the")
    assert begins_name("ASB Incidents Over")
    # Too few words to tell, or words of no registered name.
    assert not begins_name("Number of")
    assert not begins_name("Committed Crime Over Time Satisfaction")


def test_a_name_with_a_cell_s_words_run_into_it_opens_with_a_name() -> None:
    assert opens_with_name(
        "Satisfaction with local area (Feeling the Difference Survey) in the District"
    )
    # A whole name is no name with words run into it; nor are words that
    # open with none.
    assert not opens_with_name("Total recorded crime")
    assert not opens_with_name("Rugeley Fields Town Centre and Night-Time Economy")
