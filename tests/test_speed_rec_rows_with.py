"""`rows_with`: every row a header word's case-blind pattern finds is offered."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extract.document import Cell, Row
from extract.recognisers.actions.action_table import HEADER_WORD, HEADER_WORDS
from extract.recognisers.actions.drafts import rows_with
from extract.recognisers.actions.milestone_table import MILESTONE_WORD, MILESTONE_WORDS

TEXTS = st.lists(
    st.text(alphabet="aActionOUTCOMEmilestoneSsıİſ\u212a \t\n–-", max_size=30)
    | st.sampled_from(["Action & Progress Update", "MILESTONES", "Outcome", ""]),
    max_size=8,
)


def _row(texts: list[str], line: int) -> Row:
    cells = tuple(Cell(t, t, k, None, line, line) for k, t in enumerate(texts or [""]))
    return Row(cells, None, line, line, tabbed=len(cells) > 1)


@given(st.lists(TEXTS, max_size=12))
def test_rows_with_offers_every_row_the_pattern_finds(
    rows_texts: list[list[str]],
) -> None:
    rows = [_row(texts, n) for n, texts in enumerate(rows_texts, 1)]
    for pattern, words in (
        (HEADER_WORD, HEADER_WORDS),
        (MILESTONE_WORD, MILESTONE_WORDS),
    ):
        found = {i for i, row in enumerate(rows) if pattern.search(row.flat)}
        assert found <= rows_with(rows, words)


def test_rows_with_finds_the_header_rows_only() -> None:
    rows = [
        _row(["Intro text"], 1),
        _row(["Action & Progress Update", "Outcomes", "Q1 Rating"], 2),
        _row(["Approach", "Key Project", "MILESTONE(S)"], 3),
        _row(["An outcome"], 4),
    ]
    assert rows_with(rows, HEADER_WORDS) == {1, 3}
    assert rows_with(rows, MILESTONE_WORDS) == {2}
