"""Rating marks of a text that lost their symbol font (tests/fixtures/lostfont/):
"3" and "s", ZapfDingbats' ✓ and ▲ as pdftotext prints them, read as the marks
they draw where one symbol font reads every such mark of the document as a
rated one, each reading logged as a repair."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.readers.symbol_fonts import is_font_code, one_font_reading
from extract.run import extract
from schemas.symbols import rating_of
from tests.conftest import rows_of

ROOT = Path(__file__).resolve().parent.parent
LOST = ROOT / "tests" / "fixtures" / "lostfont"
DINGBATS = "002_c2fd677fd2d5bf7c-dingbats-layout.txt"
TAB = ROOT / "samples" / "002_c2fd677fd2d5bf7c.txt"


def _rated(mark: str) -> bool:
    return rating_of(mark) is not None


@pytest.mark.parametrize(
    "chars, reading",
    [
        ({"3", "s"}, {"3": "\u2713", "s": "\u25b2"}),
        # Wingdings' bold check mark.
        ({"\u00fc"}, {"\u00fc": "\u2713"}),
        # The same code through a symbol font's Microsoft cmap (U+F000 + code).
        ({"\uf0fc"}, {"\uf0fc": "\u2713"}),
        # samples/000's lone "5": ZapfDingbats' ✕, no rating; it stays "5".
        ({"5"}, {}),
        # One mark no font reads as a rated one leaves the others as printed.
        ({"3", "5"}, {}),
        ({"\\bigcirc"}, {}),
        (set(), {}),
    ],
)
def test_one_font_reading(chars: set[str], reading: dict[str, str]) -> None:
    assert one_font_reading(chars, _rated) == reading


@given(st.sets(st.text(max_size=3), max_size=4))
def test_one_font_reading_takes_any_marks(chars: set[str]) -> None:
    read = one_font_reading(chars, _rated)
    assert set(read) <= chars
    assert all(_rated(mark) for mark in read.values())


@pytest.mark.parametrize(
    "text, code",
    [("3", True), ("s", True), ("\u00fc", True), ("33", False), ("a", False)],
)
def test_is_font_code(text: str, code: bool) -> None:
    assert is_font_code(text) is code


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("lostfont")
    extract([LOST, TAB], out)
    return out


def _marks(out: Path, source: str) -> list[tuple[str, str, str, str | None]]:
    actions = rows_of(out, "actions", source)
    updates = rows_of(out, "action_updates", source)
    rated = updates[updates.rating_symbol.notna()].merge(
        actions[["item_id", "title"]], on="item_id"
    )
    return sorted(
        (t, q, s, r if isinstance(r, str) else None)
        for t, q, s, r in rated[
            ["title", "quarter", "rating_symbol", "rating"]
        ].itertuples(index=False)
    )


def test_the_marks_read_as_the_tab_text_s(out: Path) -> None:
    # 24 ✓ and 2 ▲, each in its own quarter: "Appoint Preferred Provider" Q1
    # (a mark whose column was taken for one of its own), "Commence
    # construction" and "Complete construction" two milestones, Q4 ▲ each.
    text = _marks(out, TAB.name)
    lost = _marks(out, DINGBATS)
    # Line 192's "3" at 217 lies under both "Q3" (213-214) and "Q4" (221):
    # its row is reported as not read, as the glyph PDF's text reports it.
    unread = [m for m in text if m[0].startswith("Manage and monitor roll out")]
    assert [m[1:] for m in unread] == [("Q3", "\u2713", "completed")]
    assert lost == [m for m in text if m not in unread]
    assert len(lost) == 25
    issues = rows_of(out, "issues", DINGBATS)
    assert (issues[issues.code == "unparsed_block"].line == 192).any()
    assert [m for m in lost if m[2] == "\u25b2"] == [
        ("Commence construction", "Q4", "\u25b2", "attention"),
        ("Complete construction", "Q4", "\u25b2", "attention"),
    ]
    assert ("Appoint Preferred Provider", "Q1", "\u2713", "completed") in lost


def test_each_reading_is_a_repair_and_no_mark_is_unknown(out: Path) -> None:
    repairs = rows_of(out, "repairs", DINGBATS)
    read = repairs[repairs.rule == "symbol_font_inferred"]
    assert len(read) == 25
    assert sorted(set(zip(read.raw, read.repaired, strict=True))) == [
        ("3", "\u2713"),
        ("s", "\u25b2"),
    ]
    assert set(read.column) == {"rating_symbol"}
    issues = rows_of(out, "issues", DINGBATS)
    assert not (issues.code == "unknown_symbol").any()


def test_a_pdf_s_marks_are_its_reader_s(out: Path, tmp_path: Path) -> None:
    # The PDF reader reads the font itself: the same 26 marks as the TAB
    # text, each logged as read from the font, none inferred.
    pdf = ROOT / "samples" / "pdf" / "002_c2fd677fd2d5bf7c-dingbats.pdf"
    extract([pdf], tmp_path)
    assert _marks(tmp_path, pdf.name) == _marks(out, TAB.name)
    rules = pd.read_parquet(tmp_path / "repairs.parquet").rule
    assert (rules == "symbol_font").sum() == 26
    assert not (rules == "symbol_font_inferred").any()


@pytest.mark.parametrize(
    "source, form",
    [(TAB, None), (ROOT / "samples" / "text" / f"{TAB.stem}-layout.txt", "layout")],
)
def test_a_stray_code_beside_printed_marks_stays_as_printed(
    source: Path, form: str | None, tmp_path: Path
) -> None:
    # One ✓ of samples/002 printed "3" where the others print as themselves:
    # the font was not lost, and "3" is an unknown symbol, rating null. A TAB
    # export is not pdftotext's and keeps its marks as printed too.
    text = source.read_text(encoding="utf-8")
    at = text.index("\u2713")
    stray = tmp_path / "in" / source.name
    stray.parent.mkdir()
    stray.write_text(text[:at] + "3" + text[at + 1 :], encoding="utf-8")
    extract([stray], tmp_path / "out", text_form=form)
    out = tmp_path / "out"
    updates = pd.read_parquet(out / "action_updates.parquet")
    three = updates[updates.rating_symbol == "3"]
    assert len(three) == 1 and three.rating.isna().all()
    issues = pd.read_parquet(out / "issues.parquet")
    assert issues.message.str.contains('rating symbol "3"').any()
    repairs = pd.read_parquet(out / "repairs.parquet")
    assert not (repairs.rule == "symbol_font_inferred").any()
