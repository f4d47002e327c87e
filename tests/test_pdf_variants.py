"""The samples printed in other page geometries (samples/pdf/build_variants.py)
read as their ruled print does: a body line at a narrow margin's edge is no
running footer, a table's first rows printed again at the head of a page it
goes on to are read once, figures set right in an unruled table's column
start no column of their own, and a row whose empty cell fills over a page
break is no split row."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from extract.layout.geometry import Run, running_lines
from extract.readers.pdf import read_pdf
from extract.run import extract
from tests.conftest import ASB_HUB_002, SAMPLES, rows_of

BUILD = SAMPLES / "pdf" / "build_variants.py"
S001, S002 = "001_4e0ea328a26b8980", "002_c2fd677fd2d5bf7c"
S003, S004 = "003_23ba67851198ff7c", "004_d8bfd0ac3b4287f7"
ASB = "Number of ASB complaints dealt with via the Community Safety Hub"
WRITER_HEADINGS = Path(__file__).resolve().parent / "fixtures" / "writerpdf"
# Improving the Council's social housing stock: samples/001 line 33's theme.
HOUSING = (
    "Improving the Council's social housing stock and raising standards in the "
    "private rented sector"
)


def _variant(stem: str, variant: str, out: Path) -> Path:
    subprocess.run(
        [sys.executable, str(BUILD), str(SAMPLES / f"{stem}.txt")]
        + ["--out", str(out), "--variant", variant],
        check=True,
        capture_output=True,
    )
    return out / f"{stem}-{variant}.pdf"


def _reads_002_grid(pdf: Path, out: Path) -> None:
    """A print of samples/002 reads its KPI grid as the TAB export does: a
    header of nine cells, the ASB hub row's cells, 63 values; extracted to
    `out`."""
    doc = read_pdf(pdf, pdf.name)
    rows = {r.texts[0]: r.texts for r in doc.rows if r.tabbed and r.texts}
    header = rows["Performance Indicator"]
    assert len(header) == 9
    assert rows[ASB][: len(header)] == (
        ASB, "Q", "85", "N/A", "20", "27", "12", "43", "102",
    )  # fmt: skip
    extract([pdf], out)
    values = rows_of(out, "indicator_values", pdf.name)
    assert len(values) == 63
    asb = values[values.indicator == ASB].dropna(subset=["value"])
    got = {(r.financial_year, r.period): r.value for r in asb.itertuples()}
    assert got == ASB_HUB_002


def _cells(lines: tuple[str, ...]) -> list[str]:
    """Printed lines with text, spaces squashed and trailing empty cells cut."""
    out = []
    for line in lines:
        cells = [" ".join(c.split()) for c in line.split("\t")]
        while len(cells) > 2 and not cells[-1]:
            cells.pop()
        if any(cells):
            out.append("\t".join(cells))
    return out


def _line(text: str, base: float) -> list[Run]:
    return [Run(text, 36.0, 36.0 + 4.0 * len(text), base, 7.0)]


def test_a_body_line_that_recurs_at_a_narrow_margin_is_kept() -> None:
    # Four Letter pages (792 pt, a band of 63 pt): the running header at 24 pt,
    # the body's last line at 750 pt, "SFRS" on pages 1 and 3, and the footer.
    lasts = ("SFRS", "Police", "SFRS", "CCDC")
    pages = [
        [
            _line("Council report", 24.0),
            _line("Body", 400.0),
            _line(last, 750.0),
            _line(f"Page {n} of 4", 774.0),
        ]
        for n, last in enumerate(lasts, 1)
    ]
    running = running_lines(pages, [792.0] * 4)
    assert running == {(p, i) for p in range(4) for i in (0, 3)}


def test_a_section_header_that_runs_over_some_pages_is_running() -> None:
    # Where every page prints a header, a header naming the section runs on
    # the pages of its section, each recurring: running still.
    heads = ("Housing", "Housing", "Crime", "Crime")
    pages = [[_line(h, 24.0), _line(f"Body {n}", 400.0)] for n, h in enumerate(heads)]
    assert running_lines(pages, [792.0] * 4) == {(p, 0) for p in range(4)}


def test_004_on_us_letter_keeps_the_lines_at_the_foot_of_its_pages(
    tmp_path: Path,
) -> None:
    # Printed on Letter, 004's "SFRS" (samples/004 lines 1076 and 1184) ends
    # pages 20 and 22 at the same place: it had been dropped as a footer.
    letter = _variant(S004, "letter", tmp_path)
    doc = read_pdf(letter, letter.name)
    ruled = read_pdf(SAMPLES / "pdf" / f"{S004}-ruled.pdf", "ruled.pdf")
    assert doc.n_pages == 32
    assert sum(line == "SFRS" for line in doc.lines) == 3
    assert doc.page_lines[20][50:53] == ("particular:", "Police", "SFRS")
    assert doc.page_lines[22][50:53] == ("staff", "Police", "SFRS")
    assert _cells(doc.lines) == _cells(ruled.lines)


@pytest.fixture(scope="module")
def repeated_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    inputs = tmp_path_factory.mktemp("repeated")
    _variant(S001, "header-repeat", inputs)
    for pdf in WRITER_HEADINGS.glob("000_*.pdf"):
        (inputs / pdf.name).write_bytes(pdf.read_bytes())
    out = tmp_path_factory.mktemp("out")
    extract([inputs], out)
    return out


def test_a_label_row_printed_again_names_no_row(repeated_out: Path) -> None:
    # 001's first table ends page 1; its "Strategic Objective" row, printed
    # again over page 2, had named the table's next row (an action header)
    # and left 12 values and the HRA action with no theme.
    name = f"{S001}-header-repeat.pdf"
    values = rows_of(repeated_out, "indicator_values", name)
    assert len(values) == 18
    assert (values.theme == HOUSING).sum() == 12
    assert not (values.theme.fillna("") == "").any()
    gas = values[values.indicator_id == "hra-gas-heating"].set_index("period")
    assert gas[["measure", "value", "theme"]].to_dict("index") == {
        "FY": {"measure": "target", "value": 275.0, "theme": HOUSING},
        "Q2": {"measure": "actual", "value": 146.0, "theme": HOUSING},
    }
    actions = rows_of(repeated_out, "actions", name)
    hra = actions[actions.title.str.contains("HRA Capital Programme")]
    assert hra.theme.tolist() == [HOUSING]


def test_a_body_row_printed_again_is_read_once(repeated_out: Path) -> None:
    # tests/fixtures/writerpdf/000: Writer repeats each table's first row at
    # the head of the pages it runs on. "Due to the relocation …" (samples/000
    # line 36) had been read again as an action of its own, page 5's "Strategic
    # Objective" had hidden the AQMA action under it.
    name = "000_af055924f554b2ff-writer-headings.pdf"
    actions = rows_of(repeated_out, "actions", name).sort_values("item_id")
    assert len(actions) == 7
    assert [t.split()[0] for t in actions.title] == [
        "Explore",
        "Explore",
        "Lead",
        "Develop",
        "Raise",
        "Explore",
        "Declare",
    ]
    aqma = actions[actions.title.str.contains("Air Quality Management Area")]
    updates = rows_of(repeated_out, "action_updates", name)
    marks = updates[updates.item_id == aqma.item_id.item()].set_index("quarter")
    assert marks.rating_symbol.dropna().to_dict() == {"Q1": "5", "Q2": "\\bigcirc"}
    docs = pd.read_parquet(repeated_out / "documents.parquet")
    assert docs.loc[docs.source_path == name, "coverage"].item() == 1.0


def test_figures_set_right_in_an_unruled_table_keep_their_columns(
    tmp_path: Path,
) -> None:
    # 002 unruled, its figures set right under headers set left: "85" and
    # "340" under "Last year's outturn" start apart and had each started a
    # column of its own, and "27", "99", "12" (one width) one more under Q2.
    pdf = _variant(S002, "unruled-figures-right", tmp_path)
    _reads_002_grid(pdf, tmp_path / "out")


def test_a_row_whose_empty_cell_fills_over_a_page_break_is_a_new_row(
    tmp_path: Path,
) -> None:
    # 003 on landscape US Letter ends page 3 with "Direction of Travel PIs"
    # and opens page 4 with "Annual Target" in the third column (samples/003
    # lines 109-110): a split row's cells have text above the break, so the
    # two had been joined into one row.
    pdf = _variant(S003, "letter-landscape", tmp_path)
    doc = read_pdf(pdf, pdf.name)
    assert doc.page_lines[3][-1] == "Direction of Travel PIs\t\t"
    assert doc.page_lines[4][0] == "\t\tAnnual Target"
    assert _cells(doc.lines) == _cells(
        read_pdf(SAMPLES / "pdf" / f"{S003}-ruled.pdf", "ruled.pdf").lines
    )


def test_unruled_rows_set_tight_are_told_from_their_wrapped_lines(
    tmp_path: Path,
) -> None:
    # 002 unruled with rows 9.5 pt apart over cells' lines 8 pt apart (1.19
    # leadings): each row's first line had been taken for the wrapped line
    # of the row above, so most of the grid ran into one row and went unread
    # (4 facts of 63).
    pdf = _variant(S002, "unruled-rows-tight", tmp_path)
    out = tmp_path / "out"
    _reads_002_grid(pdf, out)
    marks = rows_of(out, "actions", pdf.name)
    assert (marks.kind == "milestone").sum() == 32
