"""Rating marks in `pdftotext -layout` text of the glyphs PDF (tests/fixtures/
layouttext/002_…-glyphs-layout.txt): pdftotext centres a glyph a few
characters off its quarter label, and a mark column of its own would take
the mark from its quarter and, carried over the page break, move the next
page's marks to the wrong quarters."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.layout.text_columns import Fragment, mark_columns_under_labels
from extract.run import extract
from tests.conftest import S002, SAMPLES

LAYOUT = Path(__file__).parent / "fixtures" / "layouttext"
GLYPHS = LAYOUT / S002.replace(".txt", "-glyphs-layout.txt")


@pytest.fixture(scope="module")
def marks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    out = tmp_path_factory.mktemp("layout-marks")
    extract([GLYPHS, SAMPLES / S002], out)
    docs = pd.read_parquet(out / "documents.parquet")[["doc_id", "source_path"]]
    items = pd.read_parquet(out / "actions.parquet")[["item_id", "doc_id", "title"]]
    updates = pd.read_parquet(out / "action_updates.parquet")
    rated = updates[updates.rating_symbol.notna()].merge(items).merge(docs)
    return {
        name: group[["title", "quarter", "rating_symbol"]]
        for name, group in rated.groupby("source_path")
    }


def _by_title(rows: pd.DataFrame, title: str) -> list[tuple[str, str]]:
    found = rows[rows.title.str.contains(title)]
    return sorted(zip(found.quarter, found.rating_symbol, strict=True))


def test_a_mark_a_little_off_its_label_keeps_its_quarter(
    marks: dict[str, pd.DataFrame],
) -> None:
    """ "✓" at 195 under "Q1" at 190-192 (line 204)."""
    assert _by_title(marks[GLYPHS.name], "Hednesford Park book") == [("Q1", "✓")]


def test_marks_after_the_page_break_keep_their_quarters(
    marks: dict[str, pd.DataFrame],
) -> None:
    """Lines 215-222, the page after: Q1, Q2 and Q4 marks at 188, 193, 203."""
    glyphs = marks[GLYPHS.name]
    assert _by_title(glyphs, "Finalise Design") == [("Q1", "✓")]
    assert _by_title(glyphs, "Procurement and Contract") == [("Q2", "✓")]
    assert _by_title(glyphs, "Commence construction") == [("Q4", "▲")]
    assert _by_title(glyphs, "Complete construction") == [("Q4", "▲")]


def test_every_mark_read_is_the_tab_exports(marks: dict[str, pd.DataFrame]) -> None:
    glyphs, tab = marks[GLYPHS.name], marks[S002]
    key = ["quarter", "rating_symbol"]
    read = set(zip(glyphs.title.str[:30], *(glyphs[k] for k in key), strict=True))
    want = set(zip(tab.title.str[:30], *(tab[k] for k in key), strict=True))
    assert read <= want
    # All but "roll out to new claimants" (line 192, a name over the Key
    # Project column: reported, not read).
    assert len(want - read) == 1


def _frag(text: str, x0: int) -> Fragment:
    return Fragment(text, x0, x0 + len(text))


def test_only_mark_columns_near_one_label_are_dropped() -> None:
    header = [_frag("Progress", 110), _frag("Q1", 190), _frag("Q2", 203)]
    region = [
        header,
        [_frag("text", 110), _frag("✓", 195)],
        [_frag("text", 110), _frag("✓", 195)],
        [_frag("text", 110), _frag("✓", 203)],
        [_frag("12", 199)],
    ]
    starts = [110, 190, 195, 199, 203]
    # 195: marks alone, under Q1 only; 199: a figure, not a mark.
    assert mark_columns_under_labels(region, starts) == [110, 190, 199, 203]
