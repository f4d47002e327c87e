"""Every form of a report: TAB text, space-aligned (`pdftotext -layout`) text and
reading-order text are sniffed apart and read into the same rows."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest

from extract.layout.pages import pages_of, running_lines
from extract.layout.text_columns import cells_of, column_starts, fragments
from extract.layout.text_grid import printed_lines
from extract.layout.text_rows import starts_row
from extract.readers import read_document, read_path, sniff_text_form
from extract.readers.decode import decode, split_lines
from extract.run import extract
from tests.conftest import SAMPLES, SHARED, printed_otherwise, rows_of

TEXTS = SAMPLES / "text"
STEMS = sorted(p.stem for p in SAMPLES.glob("*.txt"))
SCORER = SHARED / "tools" / "score.py"


def _lines(path: Path) -> list[str]:
    return split_lines(decode(path.read_bytes())[0])


@pytest.mark.parametrize(
    "path, form",
    [
        *[(f"{s}.txt", "tab") for s in STEMS[:4]],
        # A narrative report printed a paragraph or a heading a line, no TABs.
        (f"{STEMS[4]}.txt", "plain"),
        *[(f"text/{s}-layout.txt", "layout") for s in STEMS[:4]],
        # 004 prints no table: its -layout text has no column to align.
        (f"text/{STEMS[4]}-layout.txt", "plain"),
        *[(f"text/{s}-plain.txt", "plain") for s in STEMS],
    ],
)
def test_text_form_is_sniffed(path: str, form: str) -> None:
    assert sniff_text_form(_lines(SAMPLES / path)) == form


def test_text_form_override_beats_sniffing() -> None:
    path = TEXTS / f"{STEMS[0]}-layout.txt"
    doc = read_document(path, path.name, path.read_bytes(), text_form="tab")
    assert doc.text_form == "tab"
    assert read_path(path).text_form == "layout"


def test_a_pdf_is_known_by_its_header_not_its_suffix(tmp_path: Path) -> None:
    renamed = tmp_path / "report.txt"
    renamed.write_bytes((SAMPLES / "pdf" / f"{STEMS[3]}-ruled.pdf").read_bytes())
    doc = read_path(renamed)
    assert (doc.source_format, doc.text_form, doc.n_pages) == ("pdf", None, 4)


# ---- the layout stage on space-aligned text ----------------------------------


def test_fragments_split_at_two_spaces_and_between_quarter_labels() -> None:
    frags = fragments("Action & Progress Update    Outcomes   Q1 Rating Q2 Rating")
    assert [(f.text, f.x0) for f in frags] == [
        ("Action & Progress Update", 0),
        ("Outcomes", 28),
        ("Q1 Rating", 39),
        ("Q2 Rating", 49),
    ]


@pytest.mark.parametrize("word", ["RAG", "Status"])
def test_quarter_labels_with_other_rating_words(word: str) -> None:
    frags = fragments(f"Action     Outcomes   Q1 {word} Q2 {word} Q3 {word}")
    assert [f.text for f in frags] == [
        "Action",
        "Outcomes",
        f"Q1 {word}",
        f"Q2 {word}",
        f"Q3 {word}",
    ]


def test_column_starts_are_shared_starts_and_the_left_edge() -> None:
    lines = [
        "Name        Q1     Q2",
        "Fly tipping 123    121",
        "Green flags 6      6",
    ]
    starts = column_starts([fragments(line) for line in lines], lines)
    assert starts == [0, 12, 19]
    assert cells_of(lines[1], starts, 3) == ["Fly tipping", "123", "121"]


def test_a_cell_starting_early_is_split_from_the_one_before() -> None:
    # samples/text/000-layout line 159: the target column's text starts one
    # space after the Q4 column's text.
    line = "Recycled  36.5% NB: estimated SCC Target - 50%"
    assert cells_of(line, [0, 10, 37], 3) == [
        "Recycled",
        "36.5% NB: estimated SCC",
        "Target - 50%",
    ]


@pytest.mark.parametrize(
    "row, line, new",
    [
        # A header row without a name, then the first name.
        ([["", "Quarter 1", "Quarter 2"]], ["Fly tipping", "123", "121"], True),
        # A value under a value: rows of one line each.
        ([["Fly tipping", "123", "121"]], ["Green flags", "6", "6"], True),
        # A name that goes on in lower case.
        ([["Percentage of household", "47.5%", "51.8%"]], ["waste", "", ""], False),
        # A column empty on every line so far now filled: a new row.
        (
            [["Satisfaction with", "", ""]],
            ["Committed Crime", "Q1 (24.07.17)", ""],
            True,
        ),
        # "Label:  value" lines are a row each.
        (
            [["Report of:", "Head of Governance"]],
            ["Contact Officer:", "R Lamond"],
            True,
        ),
        # The line above stopped short of its column's width (40): it ended.
        (
            [["", "Q1 (24.07.17) Previous 12 months = 89 Last", ""]],
            ["", "Change over 12 Months = 12%", ""],
            False,
        ),
    ],
)
def test_starts_row(row: list[list[str]], line: list[str], new: bool) -> None:
    widths = [max(len(r[c]) for r in [*row, line]) for c in range(len(line))]
    assert starts_row(row, line, (), widths) is new


def test_running_headers_and_footers_are_dropped() -> None:
    lines = _lines(TEXTS / f"{STEMS[0]}-layout.txt")
    clean = [line.replace("\f", "") for line in lines]
    dropped = sorted(running_lines(clean, pages_of(lines)))
    texts = {" ".join(clean[i].split()) for i in dropped}
    assert texts == {
        "Cannock Chase Council — Performance Reports",
        *(f"Cannock Chase Council — Page {n} of 4" for n in range(1, 5)),
    }


def test_printed_lines_keep_the_input_lines_they_came_from() -> None:
    lines = printed_lines(_lines(TEXTS / f"{STEMS[0]}-layout.txt"))
    printed = [p for p in lines if p and p.cells]
    # A running header keeps its place as a printed line of no cells.
    assert [(p.line_start, p.page) for p in lines if p and not p.cells][:2] == [
        (1, 1),
        (60, 1),
    ]
    crime = next(p for p in printed if p.cells[0].startswith("Committed Crime"))
    assert (crime.line_start, crime.line_end) == (15, 21)
    assert crime.cells[1].startswith("Q1 (24.07.17) Previous 12 months = 5,673")
    # The column-wrapped Hate Crime block prints its TAB export's rows again;
    # the row stage joins them as it joins samples/000 lines 12-16.
    hate = [p for p in printed if 41 <= p.line_start <= 47]
    assert [p.cells[1] for p in hate] == [
        "Q1 (24.07.17)",
        "Previous 12",
        "months = 89 Last 12 months = 100",
        "Change over 12 Months = 12%",
    ]


# ---- whole reports in layout form ----------------------------------------------


@pytest.fixture(scope="module")
def layout_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("layout")
    # The ruled PDFs' layout texts; the browser-printed ones have tests of their own.
    extract([TEXTS / f"{s}-layout.txt" for s in STEMS], out)
    return out


@pytest.fixture(scope="module")
def layout_table(layout_dir: Path) -> Callable[[str], pd.DataFrame]:
    docs = pd.read_parquet(layout_dir / "documents.parquet")
    files = dict(zip(docs["doc_id"], docs["source_path"], strict=True))

    def load(name: str) -> pd.DataFrame:
        df = pd.read_parquet(layout_dir / f"{name}.parquet")
        df["file"] = df["doc_id"].map(files)
        return df

    return load


def test_layout_rolling_blocks_with_their_input_lines(
    layout_table: Callable[[str], pd.DataFrame],
) -> None:
    rolling = layout_table("rolling_12_months")
    s000 = rolling[rolling.file == f"{STEMS[0]}-layout.txt"]
    assert len(s000) == 12
    first = s000.iloc[0]
    assert (first.quarter, first.previous_12_months, first.last_12_months) == (
        "Q1",
        5673,
        6506,
    )
    assert (first.change_pct, first.change_abs, first.direction) == (
        15.0,
        833,
        "increase",
    )
    assert (first.line_start, first.line_end) == (15, 21)
    hate_q4 = s000[s000.indicator.str.startswith("Hate Crime")].iloc[3]
    assert (hate_q4.as_of_date_raw, str(hate_q4.as_of_date)) == (
        "197.04.18",
        "2018-04-17",
    )
    assert (hate_q4.previous_12_months, hate_q4.last_12_months) == (93, 114)


def test_layout_kpi_grid_and_commentary_columns(
    layout_table: Callable[[str], pd.DataFrame],
) -> None:
    values = layout_table("indicator_values")
    recycled = values[
        (values.file == f"{STEMS[0]}-layout.txt")
        & values.indicator.str.startswith("Percentage of household waste")
    ]
    assert list(
        zip(recycled.period, recycled.measure, recycled.value, strict=True)
    ) == [
        ("Q1", "actual", 47.5),
        ("Q2", "actual", 51.8),
        ("Q3", "actual", 38.6),
        ("Q4", "actual", 36.5),
        ("FY", "target", 50.0),
        ("FY", "actual", 44.1),
        ("FY", "actual", 51.49),
    ]
    assert set(recycled.unit) == {"percent"}


def test_layout_documents(layout_table: Callable[[str], pd.DataFrame]) -> None:
    docs = layout_table("documents").set_index("file")
    s003 = docs.loc[f"{STEMS[3]}-layout.txt"]
    assert (s003.report_of, s003.contact_officer, s003.portfolio) == (
        "Head of Governance",
        "R Lamond",
        "Community Safety",
    )
    assert s003.committee == "Community Safety Scrutiny Committee"
    assert str(s003.report_date) == "2015-12-03"
    assert list(docs.text_form) == ["layout"] * 4 + ["plain"]
    assert list(docs.n_pages) == [4, 4, 5, 4, 44]


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# What the layout texts of the five samples score against ../shared/gold
# (precision, recall): every field of every table.
LAYOUT_FLOOR = {
    "documents": (1.0, 1.0),
    "rolling_12_months": (1.0, 1.0),
    "indicator_values": (1.0, 1.0),
    "status_summary": (1.0, 1.0),
    "breakdowns": (1.0, 1.0),
    "actions": (1.0, 1.0),
}


@pytest.mark.skipif(not SCORER.exists(), reason="the scorer lives beside the repo")
def test_layout_texts_score_against_the_gold(layout_dir: Path) -> None:
    results, _ = _scorer().evaluate(str(SHARED / "gold"), str(layout_dir), True)
    for name, (precision, recall) in LAYOUT_FLOOR.items():
        got = results[name]
        assert got["precision"] >= precision and got["recall"] >= recall, (name, got)


def test_a_text_export_named_pdf_is_read_as_text(tmp_path: Path) -> None:
    renamed = tmp_path / "report.pdf"
    renamed.write_bytes((SAMPLES / f"{STEMS[3]}.txt").read_bytes())
    doc = read_path(renamed)
    assert (doc.source_format, doc.text_form) == ("txt", "tab")


def test_utf16_text_named_pdf_is_read_as_text(tmp_path: Path) -> None:
    renamed = tmp_path / "report.pdf"
    text = (SAMPLES / f"{STEMS[3]}.txt").read_text(encoding="utf-8")
    renamed.write_bytes(text.encode("utf-16"))
    assert read_path(renamed).text_form == "tab"


JUSTIFIED = [
    "The  Council's  Corporate  Plan  2015-18  was  approved  by  Cabinet  on  23",
    "June  2015,  superseding  the  previous  Corporate  Plan  for  2011-14  and",
    "setting out the revised mission, priorities and strategic objectives.",
    "",
    "Indicator                         Quarter 1      Quarter 2",
    "Number of fly tipping incidents   123            121",
]


def test_justified_prose_is_no_table() -> None:
    printed = [p for p in printed_lines(JUSTIFIED) if p]
    assert [len(p.cells) for p in printed] == [1, 1, 1, 3, 3]
    assert printed[0].cells[0].startswith("The Council's Corporate Plan 2015-18")
    assert printed[4].cells == ("Number of fly tipping incidents", "123", "121")


def test_numbers_set_to_the_right_stay_under_their_header() -> None:
    lines = [
        "Indicator                          Quarter 1    Quarter 2    Annual Target",
        "Number of fly tipping incidents          123          121            470",
        "Residual waste collected (tonnes)      5,666        4,946         20,000",
        "Percentage of waste recycled           47.5%        51.8%            50%",
    ]
    assert [p.cells for p in printed_lines(lines) if p] == [
        ("Indicator", "Quarter 1", "Quarter 2", "Annual Target"),
        ("Number of fly tipping incidents", "123", "121", "470"),
        ("Residual waste collected (tonnes)", "5,666", "4,946", "20,000"),
        ("Percentage of waste recycled", "47.5%", "51.8%", "50%"),
    ]


@pytest.mark.parametrize("label", ["Q{} RAG", "Qtr {} RAG", "Qtr {} Rating"])
def test_packed_rating_labels_worded_otherwise(tmp_path: Path, label: str) -> None:
    # samples/text/000-layout line 91 packs "Q1 Rating Q2 Rating Q3 Rating Q4
    # Rating" one space apart; so printed otherwise, the table under it reads
    # the same 7 actions and 27 quarter updates.
    name = "000_af055924f554b2ff-layout.txt"
    text = (SAMPLES / "text" / name).read_text(encoding="utf-8")
    packed = "Q1 Rating Q2 Rating Q3 Rating Q4 Rating"
    assert text.count(packed) == 1
    worded = " ".join(label.format(q) for q in "1234")
    start = text.index(packed)
    # The labels keep where they start: the line is cut or padded at its end.
    changed = text[:start] + worded + text[start + len(packed) :]
    out = printed_otherwise(tmp_path, name, changed)
    updates = rows_of(out, "action_updates", name)
    actions = rows_of(out, "actions", name)
    assert (len(actions), len(updates)) == (7, 27)
