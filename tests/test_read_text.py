"""The text reader: decoding, lines, cells, column-wrapped rows, HTML in cells."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.context import Context
from extract.document import Document
from extract.layout.tab_rows import build_rows
from extract.readers import UnreadableInput
from extract.readers.decode import decode, split_lines
from normalise.text import _simple_text, _soup_text, squash, strip_html
from tests.conftest import (
    S000,
    S001,
    S003,
    SAMPLES,
    assert_read_as_printed,
    printed_otherwise,
    rows_of,
)

Load = Callable[[str], tuple[Document, Context]]


def _row(doc: Document, line: int):  # type: ignore[no-untyped-def]
    return next(r for r in doc.rows if r.line_start == line)


def test_utf8_bom_and_crlf() -> None:
    text, enc = decode("\ufeffQ1\tQ2\r\nnext\r\n".encode())
    assert enc == "utf-8"
    assert split_lines(text) == ["Q1\tQ2", "next"]


def test_windows_1252_fallback() -> None:
    text, enc = decode("Let\u2019s Work Together \u2013 \u00a3172,583".encode("cp1252"))
    assert enc == "cp1252"
    assert text == "Let\u2019s Work Together \u2013 \u00a3172,583"


def test_undefined_windows_1252_bytes_are_replaced_and_counted() -> None:
    text, enc = decode(b"Caf\xe9 \x81 \x9d \xa3")
    assert text == "Caf\u00e9 \ufffd \ufffd \u00a3"
    assert enc == "cp1252 (2 undefined bytes)"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file (0 bytes)"),
        (b"%PDF\x00\x01\x02binary", "binary file (NUL bytes), not a text export"),
    ],
)
def test_unreadable_bytes(data: bytes, reason: str) -> None:
    with pytest.raises(
        UnreadableInput, match=reason.replace("(", r"\(").replace(")", r"\)")
    ):
        decode(data)


def test_column_wrapped_hate_crime_block_is_rejoined(sample_doc: Load) -> None:
    doc, _ = sample_doc(S000)
    row = _row(doc, 12)
    assert row.wrapped and (row.line_start, row.line_end) == (12, 16)
    assert row.texts[0] == "Hate Crime Incidents Over Time (Variation) – Police data"
    assert row.texts[4] == (
        "Q4 (197.04.18) Previous 12 months = 93 Last 12 months = 114 "
        "Change over 12 Months = 23%"
    )
    assert (row.cells[0].line_start, row.cells[0].line_end) == (12, 14)
    assert (row.cells[1].line_start, row.cells[1].line_end) == (12, 16)


def test_wrapped_notes_rejoined_by_column(sample_doc: Load) -> None:
    doc, _ = sample_doc(S000)
    row = _row(doc, 19)
    assert (row.line_start, row.line_end) == (19, 25)
    assert row.texts == (
        "(1 individual thought they were targeted for reasons of race and religion)",
        "1 Mental Health (2 individuals felt that they were targeted for more than 1 "
        "reason).",
        "(1 person felt they were targeted for reasons on their sexual orientation and "
        "race)",
    )


def test_count_and_percent_rows_are_not_a_wrapped_group(sample_doc: Load) -> None:
    doc, _ = sample_doc(S000)
    assert _row(doc, 57).texts == ("0", "4", "1", "0", "0")
    assert _row(doc, 58).texts == ("0%", "80%", "20%", "0%", "0%")


def test_cover_sheet_lines_are_records_not_wrapped(sample_doc: Load) -> None:
    doc, _ = sample_doc(S003)
    assert _row(doc, 3).texts == ("Report of:", "Head of Governance")
    assert not any(r.wrapped for r in doc.rows)


def test_html_paragraphs_become_lines(sample_doc: Load) -> None:
    doc, _ = sample_doc(S001)
    cell = _row(doc, 57).cells[1]
    assert cell.paragraphs == (
        "Q1 (24.07.17) Previous 12 months = 89 Last 12 months = 100 Change over 12 "
        "Months = 12% Increase (11)",
        "Q1 24 Individuals from Cannock Chase District reported approx. 120 incidents, "
        "The motivation behind these incidents were thought to be: 1 Religion 2 Sexual "
        "Orientation 2 Disability – Physical 3 Disability – Learning 17 Race (1 "
        "individual thought they were targeted for reasons of race and religion)",
    )
    assert cell.raw.startswith("<p>Q1 (24.07.17)")


def test_strip_html_keeps_comparators_and_lists() -> None:
    assert strip_html("<20,000 Tonnes") == "<20,000 Tonnes"
    assert strip_html("<ul><li>one</li><li>two</li></ul>") == "one\ntwo"
    assert strip_html("<p>a  b</p> <p>c</p>") == "a b\nc"


@pytest.mark.parametrize(
    "raw, text",
    [
        # An HTML export's references outside markup: what they name.
        ("Crime &amp; Partnerships", "Crime & Partnerships"),
        ("Value &#8211; &#163;84,171.24", "Value \u2013 \u00a384,171.24"),
        ("&lt;20,000 Tonnes", "<20,000 Tonnes"),
        # No reference: as printed.
        ("Crime & ASB", "Crime & ASB"),
        ("R&D &amp no semicolon", "R&D &amp no semicolon"),
        ("&notaname; stays", "&notaname; stays"),
    ],
)
def test_character_references_outside_markup(raw: str, text: str) -> None:
    assert strip_html(raw) == text


def test_sample_000_exported_with_references_reads_as_printed(
    tmp_path: Path, run_dir: Path
) -> None:
    # "Action &amp; Progress Update" had hidden 000's action tables and its
    # plan name carried "&amp;": every action and summary count is read.
    text = (SAMPLES / S000).read_text(encoding="utf-8")
    out = printed_otherwise(tmp_path, S000, text.replace(" & ", " &amp; "))
    assert_read_as_printed(
        out,
        run_dir,
        S000,
        {
            "actions": ["plan", "kind", "title", "progress"],
            "status_summary": ["plan", "scope", "period", "category", "count"],
        },
    )
    plans = set(rows_of(out, "actions", S000).plan)
    assert "Crime & Partnerships Priority Delivery Plan" in plans


def test_prose_lines_are_single_cell_rows() -> None:
    rows = build_rows(["Purpose of Report", "", "a\tb"])
    assert [(r.tabbed, r.texts) for r in rows] == [
        (False, ("Purpose of Report",)),
        (False, ("",)),
        (True, ("a", "b")),
    ]


@given(
    st.lists(st.text(alphabet=st.sampled_from("ab 1\t<p>%.-"), max_size=30), max_size=8)
)
def test_every_line_lands_in_exactly_one_row(lines: list[str]) -> None:
    rows = build_rows(lines)
    covered = [n for r in rows for n in range(r.line_start, r.line_end + 1)]
    assert covered == list(range(1, len(lines) + 1))


@given(st.text())
def test_squash_is_idempotent(s: str) -> None:
    assert squash(squash(s)) == squash(s)


@given(st.text())
def test_strip_html_never_raises(s: str) -> None:
    assert isinstance(strip_html(s), str)


def _lines(text: str) -> str:
    lines = (squash(x.replace("\t", " ")) for x in text.split("\n"))
    return "\n".join(line for line in lines if line)


@pytest.mark.parametrize(
    "raw, text",
    [
        ("<p>a</p> <p>b</p>", "a\nb"),
        # samples/003 line 120: a list left open to the end of the cell.
        ('<p>x:</p> <ul style="list-style-type: none"> - one - two', "x:\n- one - two"),
        ("<table><tr><td>a</td><td>b</td></tr></table>", "a b"),
        ("<p>a<b>b</p>c", "ab\nc"),  # </p> ends the <b> opened inside it
        ("a</p>b<br/>c<BR>d", "ab\nc\nd"),
        ("<p>Crime & ASB</p>", "Crime & ASB"),
    ],
)
def test_simple_markup_read_without_beautifulsoup(raw: str, text: str) -> None:
    got = _simple_text(raw)
    assert got is not None and _lines(got) == text == _lines(_soup_text(raw))


@pytest.mark.parametrize(
    "raw",
    [
        "<p>&amp;</p>",  # a character reference
        "<p><20,000 Tonnes</p>",  # an angle bracket that is no tag
        "<p>a</p> <ul",  # a tag cut off
        "<script>a</script>",  # an element not in SIMPLE_TAGS
        "<p>a<!-- b --></p>",
        "<p>a</br></p>",
        "<a href=x/>b</a>",  # html.parser reads the value x/, not an empty tag
    ],
)
def test_other_markup_is_left_to_beautifulsoup(raw: str) -> None:
    assert _simple_text(raw) is None


MARKUP = st.sampled_from(
    [
        *("<p>", "</p>", "<ul>", "</ul>", "<li>", "</li>", "<tr>", "</tr>"),
        *("<td>", "</td>", "<th>", "</th>", "<table>", "</table>", "<br>", "<br/>"),
        *("<P>", "</Td>", "<b>", "</b>", "<span class=x>", "</span>", "<p/>"),
        *('<ul style="list-style-type: none">', "<div id='a' hidden>", "</div>"),
        *("<a href=x/>", "<img>", "</br>", "<p", "&", "&amp;", "<", ">", "</ p>"),
    ]
)
TEXT = st.text(alphabet=st.sampled_from("ab 1\t\n\r\u00a0&/=\"'-"), max_size=6)


@given(st.lists(st.one_of(MARKUP, TEXT), max_size=16))
def test_simple_markup_reads_as_beautifulsoup_reads_it(parts: list[str]) -> None:
    raw = "".join(parts)
    got = _simple_text(raw)
    if got is not None:
        assert _lines(got) == _lines(_soup_text(raw))


def test_a_row_of_values_whose_name_goes_on_below() -> None:
    rows = build_rows(
        [
            "Percentage of ASB victims\t87.5%\t91.2%\t\t90%",
            "contacted within 24\tConfirmed -\tConfirmed -\t\t",
            "hours of referral\tHub data\tHub data\t\t",
            "Number of ASB case reviews\t3\t5\t\t",
            "(Community Trigger) held\t\t\t\t",
            "Support vulnerable people\t\t\t\t",
            "Deliver the Safer Nights\tReduced alcohol\t▶\t▲",
            "scheme in Cannock town\trelated violence\t\t",
            "\teconomy\t\t",
            "Next action\tOutcome\t▶\t",
        ]
    )
    assert [(r.line_start, r.line_end, r.texts[:2]) for r in rows] == [
        (
            1,
            3,
            (
                "Percentage of ASB victims contacted within 24 hours of referral",
                "87.5% Confirmed - Hub data",
            ),
        ),
        (4, 5, ("Number of ASB case reviews (Community Trigger) held", "3")),
        (6, 6, ("Support vulnerable people", "")),
        (
            7,
            9,
            (
                "Deliver the Safer Nights scheme in Cannock town",
                "Reduced alcohol related violence economy",
            ),
        ),
        (10, 10, ("Next action", "Outcome")),
    ]


def test_a_fragment_ending_in_a_colon_stays_in_its_group() -> None:
    rows = build_rows(
        [
            "Hate Crime\tQ1 24 Individuals\tQ2 33 Individuals",
            "Over Time\treported approx.\treported approx.",
            "\t120 incidents. Motivation:\t150 incidents. Motivation:",
            "\t17 Race\t24 Race",
        ]
    )
    assert len(rows) == 1 and rows[0].wrapped
    assert rows[0].texts[1] == (
        "Q1 24 Individuals reported approx. 120 incidents. Motivation: 17 Race"
    )


def test_a_name_that_stops_on_a_joining_word_goes_on() -> None:
    rows = build_rows(
        [
            "Number of CCTV case\t101\t97\tMeasure only",
            "reviews provided to\t\t\t",
            "Staffordshire Police\t\t\t",
            "Support vulnerable people\t\t\t",
        ]
    )
    assert [r.texts[0] for r in rows] == [
        "Number of CCTV case reviews provided to Staffordshire Police",
        "Support vulnerable people",
    ]


def test_a_table_of_short_rows_is_no_wrapped_row() -> None:
    rows = build_rows(
        [
            "Cut grass\tParks\tJ Smith",
            "Paint fence\tParks\tA Jones",
            "Fix lights\tStreets\tB Brown",
        ]
    )
    assert [(r.line_start, r.line_end, r.wrapped) for r in rows] == [
        (1, 1, False),
        (2, 2, False),
        (3, 3, False),
    ]


def test_a_stray_nul_goes_wherever_it_sits() -> None:
    text = "Q1\tPrevious 12 months = 5,673\n" * 400
    assert len(text) > 8192
    for nul_at in (0, 100, 8191, 8192, len(text)):
        data = (text[:nul_at] + "\x00" + text[nul_at:]).encode()
        assert decode(data) == (text, "utf-8 (1 NUL removed)")


def test_utf16_is_text_not_binary() -> None:
    text = "Let\u2019s Work Together \u2013 \u00a3172,583\r\n"
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    assert decode(data) == (text, "utf-16-le (BOM)")
    assert decode(text.encode("utf-16-be")) == (
        text,
        "utf-16-be (no BOM, told by its NUL pattern)",
    )


@pytest.mark.parametrize("sample", [S000, S001])
def test_lines_padded_with_a_tab_read_as_unpadded(
    tmp_path: Path, run_dir: Path, sample: str
) -> None:
    # An exporter that ends every line with an empty cell: prose lines had
    # become one-cell table rows and most of the report was lost.
    text = (SAMPLES / sample).read_text(encoding="utf-8")
    out = printed_otherwise(tmp_path, sample, text.replace("\n", "\t\n"))
    assert_read_as_printed(
        out,
        run_dir,
        sample,
        {
            "rolling_12_months": ["indicator", "quarter", "previous_12_months"],
            "indicator_values": ["indicator", "period", "measure", "value"],
            "actions": ["plan", "kind", "title"],
            "status_summary": ["plan", "period", "category", "count"],
            "breakdowns": ["indicator", "period", "category", "count"],
        },
    )
