"""Inputs `make fuzz` once found to raise, kept so they never do again."""

from __future__ import annotations

from pathlib import Path

from extract.pipeline import process_document
from extract.readers import read_document

FUZZ = Path(__file__).parent / "fixtures" / "fuzz"


def test_half_a_surrogate_pair_in_a_pdf_text_is_a_replacement_character() -> None:
    """A mutated sample PDF whose font maps a glyph to half of a UTF-16
    surrogate pair: the text object reads with U+FFFD in its place."""
    path = FUZZ / "lone-surrogate.pdf"
    doc = read_document(path, path.name, path.read_bytes())
    # 003's three title lines are three rows, as in its text (geometry.leading).
    assert len(doc.rows) == 491
    odd = [r for r in doc.rows if "\ufffd" in r.flat]
    assert [r.line_start for r in odd] == [odd[0].line_start]
    assert process_document(doc).document.status == "ok"


def test_text_drawn_at_no_finite_position_is_left_out_and_reported() -> None:
    """A mutated sample PDF with a NaN in one text object's position: the
    object is left out with a page issue, the rest of the file is read."""
    path = FUZZ / "nan-position.pdf"
    doc = read_document(path, path.name, path.read_bytes())
    assert len(doc.rows) == 412
    assert [(i.code, i.page) for i in doc.issues] == [("unparsed_block", 3)]
    assert "1 text object(s) drawn at no finite position" in doc.issues[0].message
    assert process_document(doc).document.status == "ok"
