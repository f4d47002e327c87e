"""The faster paths read exactly what the plain ones read, on every sample."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.cover.cover_sheet import (
    MEETING_BODIES,
    MEETING_HEADING,
    PROSE_REPORT_OF,
    UPPER_REPORT_OF,
)
from extract.cover.publisher import publisher
from extract.document import Document
from extract.layout.text_grid import PrintedLine
from extract.readers import read_path
from extract.readers.layout_text import _ends_before, _nearest
from normalise.categories import candidates
from normalise.counts import read_counts
from normalise.sentences import NUMBER, SKIP_RULES, numbers
from normalise.text import CASE_BLIND_EXTRA, may_hold
from schemas.organisations import organisations

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TEXTS = sorted(SAMPLES.rglob("*.txt"))


def _paragraphs() -> list[str]:
    out: list[str] = []
    for path in TEXTS:
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
        out += lines
        out += ["\n".join(lines[i : i + 5]) for i in range(0, len(lines), 3)]
    return out


def _skip_rule(paragraph: str, start: int, end: int) -> str | None:
    """The first rule, in order, with any match overlapping start..end."""
    for name, pattern in SKIP_RULES:
        if any(
            m.start() < end and start < m.end() for m in pattern.finditer(paragraph)
        ):
            return name
    return None


def test_skip_rules_as_every_match_would_give() -> None:
    for paragraph in _paragraphs():
        found = numbers(paragraph)
        for m, n in zip(NUMBER.finditer(paragraph), found, strict=True):
            end = m.end("fy") if m["fy"] else m.end("digits")
            assert n.skipped == _skip_rule(paragraph, m.start(), end), (paragraph, n)


def test_numbers_are_a_fresh_list_each_time() -> None:
    text = "There were 5,803 crimes, a reduction of 11% (705 crimes)."
    first = numbers(text)
    first.clear()
    assert [n.text for n in numbers(text)] == ["5,803", "11%", "705"]


def test_counts_and_candidates_are_fresh_lists_each_time() -> None:
    text = "Police 3, Self 2, Council 5"
    counts, _ = read_counts(text)
    expected = list(counts)
    counts.clear()
    assert read_counts(text)[0] == expected
    hits = candidates("Police")
    hits.clear()
    assert candidates("Police")


def _publisher_line_by_line(doc: Document) -> set[str]:
    """Councils matched on each line alone, or on two lines where the break
    between them stands for a space of the name, as the name patterns read
    them."""
    found = set()
    lines = [line.strip() for line in doc.lines]
    for org in organisations():
        names = sorted((org.name, *org.aliases), key=len, reverse=True)
        pattern = re.compile(
            r"(?<![\w.-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])",
            re.IGNORECASE,
        )
        pairs = (f"{a} {b}" for a, b in zip(lines, lines[1:], strict=False))
        if any(pattern.search(line) for line in [*lines, *pairs]):
            found.add(org.name)
    return found


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_publisher_found_in_a_sample(path: Path) -> None:
    doc = read_path(path)
    name, code = publisher(doc)
    registered = _publisher_line_by_line(doc)
    assert (name in registered) == (code is not None)


@pytest.mark.parametrize(
    "lines",
    [
        ("Minutes – café", "", "Cannock Chase Council"),
        # A long s: the case-blind name pattern reads it as an s.
        ("Minutes", "", "Cannock Cha\u017fe Council"),
    ],
)
def test_publisher_in_text_that_is_not_ascii(lines: tuple[str, ...]) -> None:
    doc = Document("x", "x.txt", "txt", lines, ())
    assert publisher(doc) == ("Cannock Chase District Council", "E07000192")


def test_ascii_lookalikes_are_every_letter_a_name_pattern_reads_as_ascii() -> None:
    ascii_char = re.compile(r"[\x00-\x7f]", re.IGNORECASE)
    found = "".join(
        chr(c) for c in range(128, sys.maxunicode + 1) if ascii_char.fullmatch(chr(c))
    )
    assert found == CASE_BLIND_EXTRA


@pytest.mark.parametrize(
    "printed, expected",
    [
        ([True, True, True], [None, 1, 2]),
        ([False, True, False, True], [None, None, 2, 2]),
        ([False, False], [None, None]),
    ],
)
def test_ends_before(printed: list[bool], expected: list[int | None]) -> None:
    lines = [
        PrintedLine(("x",), k + 1, k + 1, 1) if on else None
        for k, on in enumerate(printed)
    ]
    ends = _ends_before(lines)
    assert ends == expected
    # A blank printed line stands for the input line after the last one printed.
    for k, on in enumerate(printed, start=1):
        if not on:
            before = [p.line_end for p in lines[: k - 1] if p is not None]
            assert _nearest(ends, k) == ((before[-1] + 1) if before else k)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_cover_row_tests_pass_every_line_a_pattern_matches(path: Path) -> None:
    for line in path.read_text(encoding="utf-8", errors="replace").split("\n"):
        if PROSE_REPORT_OF.search(line):
            assert may_hold(line, ("report", "submission")), line
        if MEETING_HEADING.search(line):
            assert any(body in line for body in MEETING_BODIES), line
        if UPPER_REPORT_OF.search(line):
            assert "REPORT OF" in line, line


@given(st.text(alphabet="actionACTIONreportſıKk é", max_size=20))
def test_may_hold_never_misses_a_case_blind_match(text: str) -> None:
    for words in (("action", "outcome"), ("report", "sk")):
        found = re.search("|".join(words), text, re.IGNORECASE) is not None
        assert may_hold(text, words) or not found, text


@pytest.mark.parametrize(
    "text, held",
    [
        ("Action & Progress Update", True),
        ("OUTCOMES", True),
        ("Number of fly tipping incidents", False),
        # Beyond ASCII a case-blind pattern also reads "ſ" as "s": searched.
        ("Acti\u017fon", True),
    ],
)
def test_may_hold(text: str, held: bool) -> None:
    assert may_hold(text, ("action", "outcome")) is held
