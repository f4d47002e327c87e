"""Page footers in reading-order text: pdftotext prints a page's footer where
its reading order puts it, before the page's last cells ("… Page 4 of 4" above
the last "0 0%" of samples/text/001_4e0ea328a26b8980-plain.txt's summary grid)."""

from __future__ import annotations

from extract.layout.text_grid import pages_of, running_lines
from extract.readers import read_path
from extract.readers.decode import decode, split_lines
from tests.conftest import SAMPLES

S001 = SAMPLES / "text" / "001_4e0ea328a26b8980-plain.txt"


def test_a_footer_naming_its_page_is_dropped_wherever_it_is_printed() -> None:
    lines = split_lines(decode(S001.read_bytes())[0])
    clean = [line.replace("\f", "") for line in lines]
    dropped = sorted(running_lines(clean, pages_of(lines)))
    footers = [(i + 1, clean[i]) for i in dropped if "Page" in clean[i]]
    assert footers == [
        (n, f"Cannock Chase Council — Page {page} of 4")
        for n, page in [(64, 1), (286, 2), (375, 3), (400, 4)]
    ]


def test_the_lines_after_a_dropped_footer_keep_their_numbers() -> None:
    """The footer at line 400 and the blank line under it are blank rows of
    their own lines; the last "0 0%" is line 402."""
    doc = read_path(S001)
    last = [(r.line_start, r.flat) for r in doc.rows if 398 <= r.line_start <= 402]
    assert last == [(398, "0 0%"), (399, ""), (400, ""), (401, ""), (402, "0 0%")]
