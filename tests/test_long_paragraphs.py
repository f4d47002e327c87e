"""A paragraph of thousands of lines with thousands of numbers (a PDF's
source read as text, found by `make fuzz`: 70 KB took 25 s) is read in time
linear in its numbers: provenance finds a number's pieces by bisection and a
figure's words are read from CONTEXT characters either side of it. Both give
what the whole scan gave."""

from __future__ import annotations

import random
from pathlib import Path

from extract.blocks.paragraphs import Paragraph, paragraphs
from extract.pipeline import process_document
from extract.readers import read_path
from extract.records import Statement
from normalise.figures import CONTEXT
from normalise.sentences import numbers
from tests.conftest import SAMPLES


def _scanned(
    para: Paragraph, start: int, end: int, at: int
) -> tuple[int | None, int, int]:
    """`Paragraph.provenance` as a scan over every piece."""
    page = next((p.page for p in para.pieces if p.start <= at < p.end + 1), None)
    if page is None and para.pieces:
        page = para.pieces[0].page
    hit = [
        p for p in para.pieces if p.page == page and p.start < end and start < p.end + 1
    ]
    if not hit:
        hit = [p for p in para.pieces if p.page == page][:1] or list(para.pieces)
    return page, min(p.line_start for p in hit), max(p.line_end for p in hit)


def test_provenance_by_bisection_is_the_scan() -> None:
    rng = random.Random(4)
    checked = 0
    for path in (SAMPLES / "text" / "004_d8bfd0ac3b4287f7-plain.txt",
                 SAMPLES / "pdf" / "004_d8bfd0ac3b4287f7-ruled.pdf"):  # fmt: skip
        for para in paragraphs(read_path(path)):
            size = len(para.text) + 2
            spans = [(n.start, n.end, n.start) for n in numbers(para.text)]
            for _ in range(5):
                a, b = sorted(rng.randrange(size) for _ in range(2))
                spans.append((a, b, rng.randrange(size)))
            for start, end, at in spans:
                assert para.provenance(start, end, at) == _scanned(para, start, end, at)
                checked += 1
    assert checked > 2_000


def _statements(path: Path, lines: list[str]) -> list[Statement]:
    path.write_text("Cleaner and safer environments\n\n" + "\n".join(lines) + ".\n")
    done = process_document(read_path(path, text_form="plain"))
    return [f.record for f in done.found if isinstance(f.record, Statement)]


def test_a_long_paragraph_reads_its_figures_as_short_ones(tmp_path: Path) -> None:
    # 300 lines of one sentence, a figure on each, read as each line alone is.
    line = "a {}% reduction in anti-social behaviour compared with 2016/17 and"
    lines = [line.format(n) for n in range(10, 310)]
    assert len(" ".join(lines)) > 20 * CONTEXT
    made = _statements(tmp_path / "long.txt", lines)
    (alone,) = _statements(tmp_path / "short.txt", [line.format(10)])
    assert alone.subject == "anti-social behaviour"
    assert alone.change == "reduction"
    assert len(made) == 300
    assert {(s.subject, s.change, s.unit) for s in made} == {
        (alone.subject, alone.change, alone.unit)
    }
    assert [s.value for s in made] == [float(n) for n in range(10, 310)]
