"""Pages and page furniture of text: form feeds, or footers where a text has
none (`pdftotext -nopgbrk`, text copied out of a viewer)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from extract.layout.pages import is_page_footer, pages_of, running_lines
from extract.readers.decode import decode, split_lines
from extract.run import extract
from tests.conftest import SAMPLES

TEXTS = SAMPLES / "text"
S000 = "000_af055924f554b2ff"
S004 = "004_d8bfd0ac3b4287f7"


def _lines(path: Path) -> list[str]:
    return split_lines(decode(path.read_bytes())[0])


def _without_form_feeds(name: str) -> list[str]:
    return [line.replace("\f", "") for line in _lines(TEXTS / name)]


def test_footers_end_the_pages_of_a_text_without_form_feeds() -> None:
    lines = _without_form_feeds(f"{S000}-layout.txt")
    pages = pages_of(lines)
    footers = [i for i, line in enumerate(lines) if is_page_footer(line)]
    assert [lines[i].split("—")[-1].strip() for i in footers] == [
        f"Page {n} of 4" for n in range(1, 5)
    ]
    # Each footer is its page's last line; the header under it opens the next.
    assert [pages[i] for i in footers] == [1, 2, 3, 4]
    assert [pages[i + 1] for i in footers[:3]] == [2, 3, 4]
    assert "Performance Reports" in lines[footers[0] + 1]


def test_the_same_furniture_is_dropped_with_and_without_form_feeds() -> None:
    with_feeds = _lines(TEXTS / f"{S000}-layout.txt")
    clean = [line.replace("\f", "") for line in with_feeds]
    assert running_lines(clean, pages_of(clean)) == running_lines(
        clean, pages_of(with_feeds)
    )


def test_footers_out_of_order_or_alone_make_no_pages() -> None:
    body = ["A paragraph.", "See page 3 of 10 of the plan.", "More."]
    assert pages_of(body) == [1, 1, 1]
    shuffled = ["x", "Page 2 of 3", "y", "Page 1 of 3", "z"]
    assert pages_of(shuffled) == [1] * 5
    assert pages_of(["x", "Page 1 of 2", "y", "Page 2 of 2"]) == [1, 1, 2, 2]


def test_a_footer_printed_among_a_pages_cells_is_dropped() -> None:
    # Reading-order text prints the footer where the page's reading reaches
    # it: samples/text/000-plain's page 1 runs on for 35 lines after it.
    lines = _lines(TEXTS / f"{S000}-plain.txt")
    clean = [line.replace("\f", "") for line in lines]
    dropped = running_lines(clean, pages_of(lines))
    footers = [i + 1 for i in sorted(dropped) if "Page" in clean[i]]
    assert footers == [242, 383, 561, 646]


def test_a_report_saved_without_form_feeds_reads_as_with_them(
    tmp_path: Path,
) -> None:
    # 004's running header "… — Performance Reports" had been read as a
    # heading on every page: the report was taken for a committee
    # performance report.
    folder = tmp_path / "in"
    folder.mkdir()
    text = "\n".join(_without_form_feeds(f"{S004}-layout.txt"))
    (folder / f"{S004}-nopgbrk.txt").write_text(text, encoding="utf-8")
    (folder / f"{S004}-layout.txt").write_bytes(
        (TEXTS / f"{S004}-layout.txt").read_bytes()
    )
    extract([folder], tmp_path / "out")
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    docs = docs.set_index("source_path")
    fields = ["report_type", "title", "financial_year", "report_date", "coverage"]
    without = docs.loc[f"{S004}-nopgbrk.txt", fields]
    assert without["report_type"] == "partnership_update"
    assert without.equals(docs.loc[f"{S004}-layout.txt", fields])
    issues = pd.read_parquet(tmp_path / "out" / "issues.parquet")
    by_doc = issues.groupby("doc_id").code.apply(sorted)
    assert by_doc.iloc[0] == by_doc.iloc[1]


@given(st.lists(st.text(max_size=40), max_size=30))
def test_pages_of_any_lines(lines: list[str]) -> None:
    pages = pages_of(lines)
    assert len(pages) == len(lines)
    assert pages == sorted(pages)
    assert running_lines(lines, pages) <= set(range(len(lines)))


def test_a_one_page_text_drops_its_page_number_not_a_grid_s_last_cells() -> None:
    """One page: a number alone in its last lines is its page number, but not
    where another of those lines prints figures alone ("6" / "0" / "12",
    "7" / "18%": the cells that close a grid printed in reading order)."""
    lines = ["Summary of Progress", "", "Actions", "", "6", "", "0", "", "12", ""]
    assert running_lines(lines, pages_of(lines)) == set()
    cells = ["Summary of Progress", "Not Yet Due", "5", "19%", "7", "18%"]
    assert running_lines(cells, pages_of(cells)) == set()
    numbered = ["Summary of Progress", "Actions 6 0 12", "", "3", ""]
    assert running_lines(numbered, pages_of(numbered)) == {3}
    footed = ["Page 1", "Summary of Progress", "Actions 6 0 12", "Page 1 of 1"]
    assert running_lines(footed, pages_of(footed)) == {0, 3}


def test_a_grid_s_last_count_under_its_share_is_no_page_number() -> None:
    """ "4" under "0%": a TOTAL column's count closing the grid, kept; a page
    number there would make one cell too many, and the grid is reported."""
    lines = ["Summary", "TOTAL", "Completed", "1", "25%", "3", "75%", "0%", "4"]
    assert running_lines(lines, pages_of(lines)) == set()


def test_a_footer_naming_its_page_is_furniture_under_a_figure() -> None:
    lines = ["Number of visits to leisure centres", "1,350", "5,000", "Page 4"]
    assert running_lines(lines, pages_of(lines)) == {3}


def test_a_number_beside_a_page_s_own_footer_is_no_page_number() -> None:
    lines = ["Summary", "Actions 6 0", "5", "Page 1 of 1"]
    assert running_lines(lines, pages_of(lines)) == {3}


def test_a_number_beside_a_footer_is_a_cell_even_of_the_same_page() -> None:
    """ "1" over "Page 1 of 1" can be a grid's last count: kept, where a
    page number kept makes a grid one cell too many, which is reported."""
    lines = ["Summary", "Actions 4 5", "1", "Page 1 of 1"]
    assert running_lines(lines, pages_of(lines)) == {3}
