"""A sentence with many figures is claimed once: each of its statements used
to claim every row of the sentence again, so a paragraph of hundreds of lines
with no full stop and hundreds of numbers (a PDF's source read as text, found
by `make fuzz`: 7,800 lines took 220 s) made claims by the thousand a row."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from extract.pipeline import Processed, process_document
from extract.readers import read_path
from extract.recognisers.statements import NAME
from extract.records import Statement

# One paragraph, one sentence (no full stop), a count on every line.
LINES = [
    "Cleaner and safer environments",
    "",
    *(
        f"the number of visits rose by {n}% compared with 2016/17 and"
        for n in range(10, 130)
    ),
    "the rest as before.",
]


@pytest.fixture
def done(tmp_path: Path) -> Processed:
    path = tmp_path / "long-sentence.txt"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    return process_document(read_path(path, text_form="plain"))


def test_each_row_of_a_long_sentence_is_claimed_once(done: Processed) -> None:
    statements = [f.record for f in done.found if isinstance(f.record, Statement)]
    assert len(statements) == 120
    # Every statement names the whole sentence's lines.
    assert {(s.line_start, s.line_end) for s in statements} == {(3, 123)}
    claims = [c for c in done.blocks.claims if c.recogniser == NAME]
    per_cell = Counter((c.row, c.column) for c in claims)
    assert len(per_cell) == 121
    assert set(per_cell.values()) == {1}


def test_a_recogniser_holding_a_cell_whole_takes_it_again_without_a_claim(
    done: Processed,
) -> None:
    claims = done.blocks.claims
    row = done.doc.rows[3]
    before = sum(1 for _ in claims)
    assert claims.take_rest(NAME, 3, row.cells[0])
    assert sum(1 for _ in claims) == before
