"""The text readers' shortcuts read what the general rules read: lines split
without the pattern, page footers found after one test of the whole text, and
TAB lines joined into rows run by run."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.document import Cell, Row
from extract.layout.pages import is_page_footer, page_footers
from extract.layout.tab_rows import build_rows
from extract.layout.text_grid import printed_lines
from extract.readers.decode import LINE_BREAK, decode, split_lines
from tests.conftest import SAMPLES

LAYOUT_TEXTS = sorted((SAMPLES / "text").glob("*.txt"))
PARTS = st.sampled_from(
    ["Page", "page ", "PAGE", " 2", " of ", "5", "\u0130", "x", "\f"]
)


@given(st.text(alphabet="ab \r\n\f\t\v\x85\u2028"))
def test_lines_break_where_the_pattern_breaks_them(text: str) -> None:
    lines = LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    assert split_lines(text) == lines


@given(st.lists(st.lists(PARTS, max_size=8).map("".join), max_size=6))
def test_page_footers_are_the_lines_that_are_footers(lines: list[str]) -> None:
    assert page_footers(lines) == [
        i for i, line in enumerate(lines) if is_page_footer(line)
    ]


def _moved(row: Row, offset: int) -> Row:
    cells = tuple(
        Cell(
            c.raw, c.text, c.column, c.page, c.line_start + offset, c.line_end + offset
        )
        for c in row.cells
    )
    return Row(
        cells,
        row.page,
        row.line_start + offset,
        row.line_end + offset,
        row.tabbed,
        row.wrapped,
        row.unread,
    )


@pytest.mark.parametrize("path", LAYOUT_TEXTS, ids=lambda p: p.name)
def test_tab_lines_join_into_the_same_rows_run_by_run(path: Path) -> None:
    printed = printed_lines(split_lines(decode(path.read_bytes())[0]))
    tabbed = ["" if p is None else "\t".join(p.cells) for p in printed]
    whole = [r for r in build_rows(tabbed) if r.tabbed]
    by_run: list[Row] = []
    k = 0
    while k < len(tabbed):
        end = k
        while end < len(tabbed) and "\t" in tabbed[end]:
            end += 1
        by_run += [_moved(r, k) for r in build_rows(tabbed[k:end])]
        k = max(end, k + 1)
    assert by_run == whole
