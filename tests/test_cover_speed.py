"""The cover sheet's faster searches find what the plain ones find."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.cover.cover_sheet import (
    PROSE_REPORT_OF,
    SECTION_START,
    SECTION_WORDS,
    prose_report_of,
)
from extract.cover.publisher import _line_numbers
from normalise.text import may_hold

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TEXTS = sorted(SAMPLES.rglob("*.txt"))


def _span(text: str) -> tuple[int, int] | None:
    m = prose_report_of(text)
    return m.span() if m else None


def _searched(text: str) -> tuple[int, int] | None:
    m = PROSE_REPORT_OF.search(text)
    return m.span() if m else None


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_prose_report_of_as_search_on_every_line(path: Path) -> None:
    for line in path.read_text(encoding="utf-8", errors="replace").split("\n"):
        assert _span(line) == _searched(line), line


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_section_words_are_in_every_section_start(path: Path) -> None:
    for line in path.read_text(encoding="utf-8", errors="replace").split("\n"):
        if SECTION_START.search(line):
            assert may_hold(line, SECTION_WORDS), line


@pytest.mark.parametrize(
    "text",
    [
        "1 Purpose of the Report",
        "2. INTRODUCTION",
        "3 Executive Summary",
        "4 Recommendations",
        "5 Background",
        "6 Key Issues",
        "7 Report Details",
    ],
)
def test_section_words_name_every_section(text: str) -> None:
    assert SECTION_START.search(text) and may_hold(text, SECTION_WORDS)


@given(st.text(alphabet="reportREPORTsubmissionſıİKé– ofthebyA.", max_size=40))
def test_prose_report_of_as_search(text: str) -> None:
    assert _span(text) == _searched(text)


@pytest.mark.parametrize(
    "text, span",
    [
        ("Report of the Leader of the Council", (0, 14)),
        ("A report of the Portfolio Holder", (2, 16)),
        ("Submission by the Cabinet Member", (0, 18)),
        # Beyond ASCII a case-blind pattern reads "ſ" as "s".
        ("Agenda – Submi\u017f\u017fion by the Cabinet Member", (9, 27)),
        ("the report of the council", None),
    ],
)
def test_prose_report_of(text: str, span: tuple[int, int] | None) -> None:
    assert _span(text) == span


@given(st.lists(st.text(alphabet="ab\n", max_size=6), max_size=6), st.data())
def test_line_numbers_count_the_newlines_before(
    lines: list[str], data: st.DataObject
) -> None:
    text = "\n".join(lines)
    found = sorted(
        data.draw(st.lists(st.integers(0, max(0, len(text) - 1)), max_size=5))
    )
    assert _line_numbers(text, found) == [text.count("\n", 0, at) for at in found]
