"""Words a narrow table cell's edge cut without a hyphen, joined again by the
PDF reader: Writer prints 002's "1.20% Average" in a cell too narrow for
"Average" as "Averag" / "e" (samples/pdf/002_…-writer.pdf and its borderless
print). The join is logged in `repairs` against the facts that print it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.layout.geometry import CutWord, Run, join_next_line, rejoin_cut
from extract.pipeline import joined_words, process_document
from extract.readers.pdf import read_pdf
from extract.readers.pdf_tables import cell_text
from extract.run import extract
from normalise.words import cut_word, word_counts
from tests.conftest import SAMPLES, rows_of

BORDERED = SAMPLES / "pdf" / "002_c2fd677fd2d5bf7c-writer.pdf"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BORDERLESS = (
    FIXTURES / "writerborderless" / "002_c2fd677fd2d5bf7c-writer-borderless.pdf"
)
# A report that prints "average" once more, "e" only where "Average" broke.
WORDS = word_counts(["Average of the year", "1.20% Averag e", "in to the to in"])


def test_a_cut_word_is_joined_when_the_whole_is_printed_elsewhere() -> None:
    joined = cut_word("Averag", "e", WORDS)
    assert joined is not None
    word, repair = joined
    assert word == "Average"
    assert (repair.raw, repair.repaired, repair.rule) == (
        "Averag e",
        "Average",
        "split_word",
    )
    assert repair.confidence == 0.9
    # Two parts that are no words make the start of a word the report prints:
    # samples/001 prints "implementation" once, and "Implemen" | "t" where
    # its narrow cell ends.
    started = cut_word("Implemen", "t", word_counts(["implementation", "Implemen t"]))
    assert started is not None
    assert started[0] == "Implement"
    # ... but not when one part is a word ("in" | "to" -> "into…" nowhere).
    assert cut_word("in", "t", word_counts(["in in interest", "in t"])) is None
    # Markup printed as text before the word stays (Writer's print of 001).
    marked = cut_word("<p>Implemen", "t", word_counts(["implementation"]))
    assert marked is not None
    assert marked[0] == "<p>Implement"
    # Punctuation around the word stays where it was.
    bracketed = cut_word("(Averag", "e),", WORDS)
    assert bracketed is not None
    assert bracketed[0] == "(Average),"
    assert (bracketed[1].raw, bracketed[1].repaired) == ("Averag e", "Average")


@pytest.mark.parametrize(
    ("left", "right", "why"),
    [
        ("in", "to", "both parts are words the report prints again"),
        ("Averag", "E", "a word goes on in lower case"),
        ("Implemen", "t", "the report prints no word that starts 'implement'"),
        ("Averag", "ed", "'averaged' is printed nowhere, and 'averag' starts none"),
        ("Averag-", "e", "a hyphen ends the line"),
        ("Averag.", "e", "a full stop ends the line"),
        ("Averag", "-e", "the next line opens with a dash"),
    ],
)
def test_two_parts_stay_apart_unless_certain(left: str, right: str, why: str) -> None:
    assert cut_word(left, right, WORDS) is None, why


@given(st.text(max_size=20), st.text(max_size=20), st.lists(st.text(max_size=15)))
def test_cut_word_takes_any_text(left: str, right: str, texts: list[str]) -> None:
    joined = cut_word(left, right, word_counts(texts))
    if joined is not None:
        word, repair = joined
        # The repair names the word alone; its text keeps what was around it.
        assert repair.raw.replace(" ", "", 1) == repair.repaired
        assert repair.repaired in word
        assert word.startswith(left[: len(left) - len(repair.raw.split()[0])])


def _run(text: str, x1: float, base: float, spaced: bool = False) -> Run:
    return Run(text, 527.9, x1, base, 9.0, spaced)


def test_a_cell_joins_only_a_line_that_ends_at_its_edge() -> None:
    # samples/pdf/002_…-writer.pdf page 2: the cell spans 526.3-561.3 pt.
    lines = [[_run("1.20%", 556.5, 369.8, True)], [_run("Averag", 559.0, 380.3)]]
    lines.append([_run("e", 533.0, 390.8)])
    cut: list[CutWord] = []
    assert cell_text(lines, 561.3, WORDS, cut) == "1.20% Average"
    assert [(c.base, c.repair.repaired, c.context) for c in cut] == [
        (380.3, "Average", "1.20% Average")
    ]
    # A line that ends in a space, or well short of the edge, is a wrap.
    spaced = [lines[0], [_run("Averag", 559.0, 380.3, True)], lines[2]]
    assert cell_text(spaced, 561.3, WORDS) == "1.20% Averag e"
    short = [lines[0], [_run("Averag", 550.0, 380.3)], lines[2]]
    assert cell_text(short, 561.3, WORDS) == "1.20% Averag e"
    # Without the document's words nothing is joined.
    assert cell_text(lines, 561.3) == "1.20% Averag e"


def test_rejoin_cut_keeps_the_rest_of_the_next_line() -> None:
    joined = rejoin_cut("1.20% Averag", "e of Q1-Q4", WORDS)
    assert joined is not None
    assert joined[:2] == ("1.20% Average", "of Q1-Q4")
    assert joined[2].raw == "Averag e"
    # The words either side of it in its cell, to tell the facts that print it.
    assert joined[3] == "1.20% Average of"
    assert rejoin_cut("1.20% Averag", "Q1 e", WORDS) is None


@pytest.mark.parametrize(("pdf", "line"), [(BORDERED, 8), (BORDERLESS, 7)])
def test_writer_prints_of_002_read_average_whole(
    pdf: Path, line: int, tmp_path: Path
) -> None:
    doc = read_pdf(pdf, pdf.name)
    assert [(r.repaired, near) for r, near in doc.word_repairs[2, line]] == [
        ("Average", "1.20% Average")
    ]
    extract([pdf], tmp_path)
    values = rows_of(tmp_path, "indicator_values", pdf.name)
    fy = values[
        (values.indicator_id == "homelessness-main-duty")
        & (values.financial_year == "2018/19")
        & (values.period == "FY")
    ]
    assert fy[["value", "qualifier", "value_text"]].to_dict("records") == [
        {"value": 1.2, "qualifier": "average", "value_text": "1.20% Average"}
    ]
    repairs = pd.read_parquet(tmp_path / "repairs.parquet")
    joined = repairs[(repairs.rule == "split_word") & (repairs.repaired == "Average")]
    # The qualifier read from the word is logged with the texts that print it.
    assert sorted(joined.column) == ["note", "qualifier", "value_text"]
    assert set(joined.table) == {"indicator_values"}
    assert set(
        zip(joined.page, joined.line, joined.raw, joined.repaired, strict=True)
    ) == {(2, line, "Averag e", "Average")}


def test_a_word_cut_alike_twice_on_a_line_is_logged_once_a_column() -> None:
    doc = read_pdf(BORDERED, BORDERED.name)
    (at, (repair,)) = next(iter(doc.word_repairs.items()))
    twice = replace(doc, word_repairs={at: (repair, repair)})
    facts = [f.record for f in process_document(twice).found]
    rows = list(joined_words(twice, facts))
    assert sorted((r.target, r.column) for r in rows) == [
        ("indicator_values", "note"),
        ("indicator_values", "qualifier"),
        ("indicator_values", "value_text"),
    ]


def test_a_joined_word_is_logged_only_where_its_cell_prints_it(tmp_path: Path) -> None:
    # The borderless print of 002 breaks "quality/maintai" | "ned" in a key
    # project's cell; the approach beside it prints "well maintained" of its
    # own, which is no repair.
    extract([BORDERLESS], tmp_path)
    repairs = pd.read_parquet(tmp_path / "repairs.parquet")
    maintained = repairs[repairs.repaired == "maintained"]
    assert maintained[["table", "column", "page", "line", "raw"]].to_dict(
        "records"
    ) == [
        {
            "table": "actions",
            "column": "key_project",
            "page": 4,
            "line": 17,
            "raw": "maintai ned",
        }
    ]
    actions = rows_of(tmp_path, "actions", BORDERLESS.name)
    near = actions[(actions.page == 4) & actions.line_start.isin([17, 18])]
    assert set(near.key_project) == {"Deliver high quality/maintained parks"}


def test_001_implement_is_read_whole_in_the_writer_print(tmp_path: Path) -> None:
    pdf = SAMPLES / "pdf" / "001_4e0ea328a26b8980-writer.pdf"
    extract([pdf], tmp_path)
    actions = rows_of(tmp_path, "actions", pdf.name)
    titles = [t for t in actions.title if "range of improvements" in t]
    assert titles == [
        "Implement a range of improvements works as provided for in the 2017-18 "
        "HRA Capital Programme."
    ]
    repairs = pd.read_parquet(tmp_path / "repairs.parquet")
    joined = repairs[repairs.rule == "split_word"]
    assert joined[["table", "column", "raw", "repaired"]].to_dict("records") == [
        {
            "table": "actions",
            "column": "title",
            "raw": "Implemen t",
            "repaired": "Implement",
        }
    ]


@pytest.mark.parametrize(
    ("line", "after"),
    [
        ("Funding allocated to", "wards across the district"),
        ("Met with a", "head of service"),
    ],
)
def test_a_line_of_several_words_is_an_ordinary_wrap(line: str, after: str) -> None:
    # A word processor cuts a word only when it is wider than its cell: the
    # line it starts on holds it alone. "towards" and "ahead" are printed in
    # the report, and "wards" and "head" are no words of it, yet these wrap.
    words = word_counts(["towards ahead", line, after])
    end = _run(line.split()[-1], 559.0, 380.3)
    assert join_next_line(line, line, end, 561.3, after, words) is None
    # The same cut alone on its line is joined.
    alone = line.split()[-1]
    joined = join_next_line(line, alone, end, 561.3, after, words)
    assert joined is not None
    assert joined[0].endswith(("towards", "ahead"))
