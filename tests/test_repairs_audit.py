"""Nothing is changed that is not listed in `repairs`.

Every word in a text column of the output is a word printed in its report, or
the repaired form of a logged repair; every parsed date is its printed date, or
its repair is logged.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
import pytest

from normalise.dates import parse_date
from normalise.text import strip_html
from tests.conftest import SAMPLES

WORD = re.compile(r"[A-Za-z]{2,}")
TEXT_COLUMNS = {
    "rolling_12_months": ("plan", "theme", "indicator", "note"),
    "indicator_values": ("plan", "theme", "indicator", "value_text", "note"),
    "actions": (
        "plan",
        "theme",
        "approach",
        "key_project",
        "title",
        "outcomes",
        "progress",
    ),
    "action_updates": ("progress",),
    "status_summary": ("plan", "label"),
    "breakdowns": ("plan", "indicator", "value_text"),
}
Table = Callable[[str], pd.DataFrame]


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}


@pytest.fixture(scope="module")
def printed(table: Table) -> dict[str, set[str]]:
    docs = table("documents")
    out = {}
    for doc_id, path in zip(docs.doc_id, docs.source_path, strict=True):
        raw = (SAMPLES / path).read_text(encoding="utf-8")
        out[doc_id] = _words(raw) | _words(strip_html(raw.replace("\t", " ")))
    return out


@pytest.fixture(scope="module")
def repaired(table: Table) -> dict[str, set[str]]:
    repairs = table("repairs")
    out: dict[str, set[str]] = {}
    for doc_id, text in zip(repairs.doc_id, repairs.repaired, strict=True):
        out.setdefault(doc_id, set()).update(_words(text))
    return out


@pytest.mark.parametrize("name", sorted(TEXT_COLUMNS))
def test_every_word_is_printed_or_repaired(
    table: Table, name: str, printed: dict[str, set[str]], repaired: dict[str, set[str]]
) -> None:
    df = table(name)
    unexplained = set()
    for column in TEXT_COLUMNS[name]:
        for doc_id, text in zip(df.doc_id, df[column], strict=True):
            if isinstance(text, str):
                extra = _words(text) - printed[doc_id] - repaired.get(doc_id, set())
                unexplained.update((column, w) for w in extra)
    assert unexplained == set()


def test_dates_are_printed_or_repaired(table: Table) -> None:
    rolling = table("rolling_12_months")
    repairs = table("repairs")
    logged = set(zip(repairs.doc_id, repairs.line, repairs.raw, strict=True))
    for r in rolling.itertuples():
        if parse_date(r.as_of_date_raw) != r.as_of_date:
            assert (r.doc_id, r.line_start, r.as_of_date_raw) in logged


def test_repairs_name_a_table_column_and_rule(table: Table) -> None:
    repairs = table("repairs")
    assert len(repairs) > 0
    assert repairs.rule.notna().all() and repairs.column.notna().all()
    assert repairs.confidence.between(0, 1).all()
    assert set(repairs.rule) <= {
        "split_word",
        "misspelling",
        "date_extra_digit",
        "spaced_minus",
        "sign_from_direction",
        "financial_year_dot",
        "dash_after_year",
        "latex_math_wrapper",
        "empty_markup",
    }
