"""Characters a print sets for looks, not letters: a PDF's font may map the
"fi" of "benefits" to the ligature "ﬁ" (U+FB01), and a text exported from it
keeps that; soft hyphens and zero-width characters hide in words. They are
read as the letters they show (`normalise.text.spell_out`), so an indicator
named "Number of ﬂy tipping incidents" is the registry's fly-tipping one,
and the document's `encoding` issue counts what was spelt out."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from extract.readers import read_path
from extract.readers.decode import decode, describe, spelt_out_notes
from extract.run import extract
from normalise.text import PRESENTATION, spell_out
from tests.conftest import SAMPLES

S002 = SAMPLES / "002_c2fd677fd2d5bf7c.txt"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _ligated(text: str) -> str:
    """002's "ffi", "fi" and "fl" as a font with ligatures sets them."""
    return text.replace("ffi", "\ufb03").replace("fi", "\ufb01").replace("fl", "\ufb02")


@pytest.mark.parametrize(
    "text, letters, counts",
    [
        ("plain text", "plain text", {}),
        ("Number of \ufb02y tipping", "Number of fly tipping", {"ligature": 1}),
        ("o\ufb03ce \ufb00 \ufb04", "office ff ffl", {"ligature": 3}),
        ("manage\u00adment", "management", {"soft hyphen": 1}),
        ("manage\u00ad\nment", "manage-\nment", {"soft hyphen": 1}),
        ("end\u00ad", "end-", {"soft hyphen": 1}),
        ("zero\u200bwidth\ufeff", "zerowidth", {"zero-width character": 2}),
        # A column's gap gives back what a ligature's letters took.
        ("o\ufb03ce   \u2713", "office  \u2713", {"ligature": 1}),
        ("\u200bab  c", "ab   c", {"zero-width character": 1}),
    ],
)
def test_spell_out(text: str, letters: str, counts: dict[str, int]) -> None:
    assert spell_out(text) == (letters, Counter(counts))


def test_notes_count_each_kind() -> None:
    counts = Counter({"ligature": 3, "soft hyphen": 1, "zero-width character": 2})
    assert spelt_out_notes(counts) == (
        "3 ligatures spelt out",
        "1 soft hyphen read as printed",
        "2 zero-width characters removed",
    )
    assert spelt_out_notes(Counter()) == ()


@given(st.text())
def test_spell_out_leaves_no_presentation_character(text: str) -> None:
    letters, counts = spell_out(text)
    assert PRESENTATION.search(letters) is None
    assert sum(counts.values()) == len(PRESENTATION.findall(text))


def test_a_text_is_decoded_into_letters_and_says_so() -> None:
    text, label = decode("Number of \ufb02y tipping\n".encode())
    assert text == "Number of fly tipping\n"
    assert describe(label) == "read as UTF-8 (1 ligature spelt out)"


def _facts(out: Path, source: str) -> pd.DataFrame:
    docs = pd.read_parquet(out / "documents.parquet")
    doc = docs[docs.source_path.str.endswith(source)].doc_id.item()
    values = pd.read_parquet(out / "indicator_values.parquet")
    columns = ["indicator_id", "indicator", "financial_year", "period", "value"]
    return (
        values[values.doc_id == doc][columns]
        .sort_values(columns[:4])
        .reset_index(drop=True)
    )


@pytest.fixture(scope="module")
def ligated_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    inputs = tmp_path_factory.mktemp("ligated")
    text = _ligated(S002.read_text(encoding="utf-8"))
    (inputs / "002-ligated.txt").write_text(text, encoding="utf-8")
    (inputs / "002-original.txt").write_bytes(S002.read_bytes())
    out = tmp_path_factory.mktemp("out")
    extract([inputs], out)
    return out


def test_a_ligated_text_reads_as_the_original(ligated_out: Path) -> None:
    original = _facts(ligated_out, "002-original.txt")
    assert len(original) == 63
    assert "fly-tipping-incidents" in set(original.indicator_id)
    pd.testing.assert_frame_equal(_facts(ligated_out, "002-ligated.txt"), original)
    issues = pd.read_parquet(ligated_out / "issues.parquet")
    notes = issues[issues.code == "encoding"].message
    n = len(PRESENTATION.findall(_ligated(S002.read_text(encoding="utf-8"))))
    assert n == 13
    assert list(notes) == [f"002-ligated.txt: read as UTF-8 ({n} ligatures spelt out)"]


def test_a_pdf_is_read_without_its_invisible_characters(tmp_path: Path) -> None:
    # PDFium spells ligatures out itself, but hands on soft hyphens and
    # zero-width characters as the PDF maps them.
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
    pdf = tmp_path / "invisible.pdf"
    canvas = Canvas(str(pdf), invariant=1)
    canvas.setFont("DejaVuSans", 10)
    canvas.drawString(
        72, 720, "Number of \ufb02y\u200b tipping\u00ad\ufeff incidents 425"
    )
    canvas.showPage()
    canvas.save()
    doc = read_path(pdf)
    assert doc.lines == ("Number of fly tipping incidents 425",)
    assert [i.message for i in doc.issues] == [
        "invisible.pdf: read as PDF text (1 soft hyphen read as printed, "
        "2 zero-width characters removed)"
    ]


LAYOUT_002 = SAMPLES / "text" / "002_c2fd677fd2d5bf7c-layout.txt"


def test_a_layout_text_keeps_its_columns(tmp_path: Path) -> None:
    # 002's "Permission to spend" milestone, its ✓ under Q3 (line 231), with
    # ligatures in its Progress as pdftotext -layout prints them: one
    # character each, the text after them already at its column.
    text = LAYOUT_002.read_text(encoding="utf-8")
    progress = "Permission to Spend report approved by Cabinet"
    assert text.count(progress) == 1
    ligated = "O\ufb03cers \ufb01led sta\ufb00 o\ufb00er, \ufb01nal approval by Cabine"
    assert len(ligated) == len(progress)
    source = tmp_path / "002-layout-ligated.txt"
    source.write_text(text.replace(progress, ligated), encoding="utf-8")
    out = tmp_path / "out"
    extract([source, LAYOUT_002], out)
    docs = pd.read_parquet(out / "documents.parquet")[["doc_id", "source_path"]]
    items = pd.read_parquet(out / "actions.parquet").merge(docs, on="doc_id")
    updates = pd.read_parquet(out / "action_updates.parquet")
    marks = {}
    for name in (source.name, LAYOUT_002.name):
        item = items[
            items.source_path.str.endswith(name)
            & (items.title == "Permission to spend")
        ]
        rated = updates[updates.item_id.isin(item.item_id)].dropna(
            subset=["rating_symbol"]
        )
        marks[name] = list(zip(rated.quarter, rated.rating_symbol, strict=True))
    assert marks == {
        source.name: [("Q3", "\u2713")],
        LAYOUT_002.name: [("Q3", "\u2713")],
    }
