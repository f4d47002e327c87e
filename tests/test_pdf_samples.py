"""The sample PDFs give the same rows as their text twins, in every contract table."""

from __future__ import annotations

import contextlib
import io
import re
import runpy
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest

from extract.cover.publisher import publisher
from extract.readers import read_path
from extract.readers.pdf import read_pdf
from extract.run import extract
from schemas.tables import TABLES
from tests.conftest import SHARED
from tests.fixtures.minimal_pdf import minimal_pdf, text_page

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
PDFS = SAMPLES / "pdf"
STYLES = ("ruled", "unruled")
STEMS = sorted(p.stem for p in SAMPLES.glob("*.txt"))
# Where a row was printed, and what only a file's bytes or format decide.
PROVENANCE = {
    "page",
    "line",
    "line_start",
    "line_end",
    "source_path",
    "source_format",
    "n_lines",
    "n_pages",
    "text_form",
}
# The publisher: `samples/pdf/build.py` prints the council's name in every
# page's running header, where samples/002's text names no council
# (`test_a_pdf_s_running_header_names_its_council`).
PRINTED_BY_THE_PDF = {"organisation", "organisation_code"}
DOC_ID = re.compile(r"\b[0-9a-f]{16}\b")
# Issue messages quote the file and line they point at.
WHERE = re.compile(
    r"\S+\.(?:txt|pdf)(?::\d+(?:-\d+)?)?(?: \(pages \d+-\d+\))?"
    r"|\b(?:page|line)s? \d+(?:(?:-|, )\d+)*"
)
GOLD = SHARED / "gold"
SCORE = SHARED / "tools" / "score.py"


def _twin(source_path: str) -> str:
    """The text twin's stem of a sample file name."""
    return re.sub(r"-(?:un)?ruled$", "", Path(source_path).stem)


def comparable(out: Path) -> dict[str, pd.DataFrame]:
    """Every table of a run, doc_ids replaced by the twin's stem, provenance dropped."""
    docs = pd.read_parquet(out / "documents.parquet")
    stems = {
        d: _twin(p) for d, p in zip(docs["doc_id"], docs["source_path"], strict=True)
    }

    def unid(value: object) -> object:
        if isinstance(value, str):
            return DOC_ID.sub(lambda m: stems.get(m[0], m[0]), value)
        if hasattr(value, "__len__") and not isinstance(value, bytes):
            return sorted(str(unid(v)) for v in value)  # type: ignore[union-attr]
        return value

    tables = {}
    for table in TABLES:
        df = pd.read_parquet(out / f"{table.name}.parquet")
        df = df.drop(
            columns=[c for c in df.columns if c in PROVENANCE | PRINTED_BY_THE_PDF]
        )
        for column in df.columns:
            if not pd.api.types.is_numeric_dtype(df[column]):
                df[column] = df[column].map(unid)
        if "message" in df.columns:
            df["message"] = df["message"].str.replace(WHERE, "@", regex=True)
        tables[table.name] = (
            df.astype(str).sort_values(list(df.columns)).reset_index(drop=True)
        )
    return tables


@pytest.fixture(scope="module")
def text_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("text")
    extract(sorted(SAMPLES.glob("*.txt")), out)
    return out


@pytest.fixture(scope="module")
def text_run(text_out: Path) -> dict[str, pd.DataFrame]:
    return comparable(text_out)


@pytest.fixture(scope="module", params=STYLES)
def pdf_run(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, pd.DataFrame]]:
    out = tmp_path_factory.mktemp(f"pdf-{request.param}")
    result = extract(sorted(PDFS.glob(f"*-{request.param}.pdf")), out)
    assert result.failed == 0
    return out, comparable(out)


def test_every_sample_has_both_pdfs() -> None:
    assert sorted(p.name for p in PDFS.glob("*ruled.pdf")) == sorted(
        f"{stem}-{style}.pdf" for stem in STEMS for style in STYLES
    )


@pytest.mark.parametrize("name", [t.name for t in TABLES])
def test_pdf_rows_equal_text_rows(
    name: str,
    text_run: dict[str, pd.DataFrame],
    pdf_run: tuple[Path, dict[str, pd.DataFrame]],
) -> None:
    pdf, text = pdf_run[1][name], text_run[name]
    pd.testing.assert_frame_equal(pdf, text)


def test_pdf_documents_carry_pages(
    pdf_run: tuple[Path, dict[str, pd.DataFrame]],
) -> None:
    docs = pd.read_parquet(pdf_run[0] / "documents.parquet")
    assert docs["source_format"].tolist() == ["pdf"] * 5
    assert docs["n_pages"].tolist() == [4, 4, 5, 4, 44]


def test_pdf_facts_point_at_pages(
    pdf_run: tuple[Path, dict[str, pd.DataFrame]],
) -> None:
    rows = pd.read_parquet(pdf_run[0] / "rolling_12_months.parquet")
    first = rows.iloc[0]
    assert (first["page"], first["line_start"], first["line_end"]) == (1, 6, 6)
    assert rows["page"].notna().all()


def _cells(line: str) -> str:
    """A printed line as the PDF shows it: spaces squashed, trailing empties cut."""
    cells = [" ".join(c.split()) for c in line.split("\t")]
    while len(cells) > 2 and not cells[-1]:
        cells.pop()
    return "\t".join(cells)


@pytest.mark.parametrize(
    "style, doc_id", [("ruled", "6f55c525ce0b6a9b"), ("unruled", "3de25d21262a6fe4")]
)
def test_page_lines_are_the_text_lines(style: str, doc_id: str) -> None:
    """Each page's printed lines are the text export's, cell for cell."""
    stem = STEMS[0]
    text = read_path(SAMPLES / f"{stem}.txt", stem)
    pdf = read_pdf(PDFS / f"{stem}-{style}.pdf", f"{stem}-{style}.pdf")
    assert (pdf.doc_id, pdf.n_pages, pdf.encoding) == (doc_id, 4, None)
    assert [len(lines) for lines in pdf.page_lines.values()] == [17, 25, 24, 21]
    assert [_cells(line) for line in pdf.lines] == [_cells(line) for line in text.lines]
    assert [r.texts for r in pdf.rows] == [
        r.texts[: len(p.texts)] for r, p in zip(text.rows, pdf.rows, strict=True)
    ]
    hate = next(r for r in pdf.rows if r.wrapped)
    assert (hate.page, hate.line_start, hate.line_end) == (1, 12, 16)
    assert hate.texts[0] == (
        "Hate Crime Incidents Over Time (Variation) \u2013 Police data"
    )


def test_header_and_footer_are_dropped() -> None:
    pdf = read_pdf(PDFS / f"{STEMS[4]}-ruled.pdf", "x.pdf")
    assert not any("Cannock Chase Council \u2014" in line for line in pdf.lines)
    assert pdf.letterhead == ("Cannock Chase Council \u2014 Performance Reports",)
    assert pdf.furniture == (
        "Cannock Chase Council \u2014 Performance Reports",
        *(f"Cannock Chase Council \u2014 Page {n} of 44" for n in range(1, 45)),
    )


def _footed(footer: str, named_on: int, council: str) -> bytes:
    """Three pages of 26 lines, each page with `footer` at its foot, the
    first naming `council` on line `named_on`."""
    pages = []
    for n in range(1, 4):
        body = [f"Performance report section {n} line {i}" for i in range(26)]
        if n == 1:
            body[0] = "Housing, Crime and Partnerships Priority Delivery Plan 2017-18"
            body[named_on] = f"This report is presented to the Cabinet of {council}."
        foot = f"BT /F1 9 Tf 1 0 0 1 72 25 Tm ({footer}, page {n}) Tj ET"
        pages.append(text_page(body, pitch=25.5) + b"\n" + foot.encode())
    return minimal_pdf(pages)


def test_a_running_footer_is_no_letterhead(tmp_path: Path) -> None:
    # The county a footer names on every page ("… Community Safety
    # Partnership data") is not the paper's council: the text names its own,
    # as `pdftotext -layout`, which prints the footer after the page, reads it.
    pdf = tmp_path / "footed.pdf"
    pdf.write_bytes(
        _footed(
            "Staffordshire County Council - Community Safety Partnership data",
            20,
            "Cannock Chase District Council",
        )
    )
    doc = read_pdf(pdf, "footed.pdf")
    assert doc.letterhead == ()
    assert len(doc.furniture) == 3
    assert publisher(doc) == ("Cannock Chase District Council", "E07000192")


def test_a_pdf_s_running_header_names_its_council(
    text_out: Path,
    pdf_run: tuple[Path, dict[str, pd.DataFrame]],
) -> None:
    # samples/002 names "the Council" only; its PDFs' running header
    # "Cannock Chase Council — Performance Reports" names it.
    def publishers(out: Path) -> dict[str, tuple[object, object]]:
        docs = pd.read_parquet(out / "documents.parquet")
        docs = docs.astype(object).where(docs.notna(), None)
        return {
            _twin(path)[:3]: (org, code)
            for path, org, code in docs[
                ["source_path", "organisation", "organisation_code"]
            ].itertuples(index=False)
        }

    cannock = ("Cannock Chase District Council", "E07000192")
    assert publishers(pdf_run[0]) == dict.fromkeys(
        ["000", "001", "002", "003", "004"], cannock
    )
    # The texts of the others name it in their own lines, as their PDFs do.
    assert publishers(text_out) == {
        **dict.fromkeys(["000", "001", "003", "004"], cannock),
        "002": (None, None),
    }


def score(gold: Path, out: Path) -> str:
    """The last line of `score.py --gold GOLD --out OUT`."""
    printed = io.StringIO()
    argv = sys.argv
    sys.argv = [str(SCORE), "--gold", str(gold), "--out", str(out)]
    try:
        with contextlib.redirect_stdout(printed), contextlib.suppress(SystemExit):
            runpy.run_path(str(SCORE), run_name="__main__")
    finally:
        sys.argv = argv
    return printed.getvalue().strip().splitlines()[-1]


def test_score_on_pdfs_equals_score_on_text(
    tmp_path: Path, text_out: Path, pdf_run: tuple[Path, object]
) -> None:
    """score.py on the PDFs, with the gold's `file` renamed, scores as the text."""
    style = "unruled" if "unruled" in pdf_run[0].name else "ruled"
    gold = tmp_path / "gold"
    shutil.copytree(GOLD, gold)
    for csv in gold.glob("*.csv"):
        df = pd.read_csv(csv, dtype=str, keep_default_na=False)
        df["file"] = df["file"].str.replace(r"\.txt$", f"-{style}.pdf", regex=True)
        df.to_csv(csv, index=False)
    assert score(gold, pdf_run[0]) == score(GOLD, text_out)
