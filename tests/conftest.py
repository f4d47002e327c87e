"""Shared fixtures: the samples are extracted once per test session."""

from __future__ import annotations

import contextlib
import io
import json
import runpy
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Imported once here: the extract path imports bs4 at the first cell whose
# markup needs it, which a property test's first example must not pay for.
import bs4  # noqa: F401
import pandas as pd
import pytest

from extract.blocks import blocks_of
from extract.context import Context
from extract.document import Document
from extract.layout.tab_rows import build_rows
from extract.manifest import RunResult
from extract.pipeline import context_of
from extract.readers import read_document, read_path
from extract.recognisers import Recogniser
from extract.records import Record
from extract.run import extract

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
# The project's shared folder (contract, gold facts, scorer) sits beside the repo.
SHARED = ROOT.parent / "shared"
S000 = "000_af055924f554b2ff.txt"
S001 = "001_4e0ea328a26b8980.txt"
S002 = "002_c2fd677fd2d5bf7c.txt"
S003 = "003_23ba67851198ff7c.txt"
S004 = "004_d8bfd0ac3b4287f7.txt"


def gold_scores(out: Path) -> dict[str, Any]:
    """score.py --pair-by-stem on an output folder: each table's scores."""
    score = SHARED / "tools" / "score.py"
    printed = io.StringIO()
    argv = sys.argv
    sys.argv = [str(score), "--gold", str(SHARED / "gold"), "--out", str(out)]
    sys.argv += ["--pair-by-stem", "--json"]
    try:
        with contextlib.redirect_stdout(printed), contextlib.suppress(SystemExit):
            runpy.run_path(str(score), run_name="__main__")
    finally:
        sys.argv = argv
    tables: dict[str, Any] = json.loads(printed.getvalue())["tables"]
    return tables


def synthetic(lines: list[str], source_path: str = "x.txt") -> tuple[Document, Context]:
    """A small report made up in a test: its document model and context."""
    doc = Document(
        doc_id="x",
        source_path=source_path,
        source_format="txt",
        lines=tuple(lines),
        rows=tuple(build_rows(lines)),
    )
    return doc, context_of(doc)[1]


def recognised(
    recogniser: Recogniser, lines: list[str], text_form: str | None = None
) -> list[Record]:
    """What one recogniser finds in a made-up report: lines of a TAB export,
    or, given `text_form`, a text read in that form."""
    if text_form is None:
        doc, ctx = synthetic(lines)
    else:
        data = "\n".join(lines).encode()
        doc = read_document(Path("x.txt"), "x.txt", data, text_form=text_form)
        ctx = context_of(doc)[1]
    return list(recogniser.recognise(blocks_of(doc), ctx))


@pytest.fixture(scope="session")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`reportx extract` over the text samples, once per session."""
    out = tmp_path_factory.mktemp("out")
    extract(sorted(SAMPLES.glob("*.txt")), out)
    return out


# Every reading-order sample: samples/text/*-plain.txt.
PLAIN = sorted((SAMPLES / "text").glob("*-plain.txt"))


@pytest.fixture(scope="session")
def plain_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`reportx extract` over every reading-order sample (PLAIN), once per
    session."""
    out = tmp_path_factory.mktemp("every-plain")
    extract(PLAIN, out)
    return out


@pytest.fixture(scope="session")
def plain_counts(plain_dir: Path) -> pd.DataFrame:
    """The summary grids read from every reading-order sample, with their
    inputs' `source_path`."""
    docs = pd.read_parquet(plain_dir / "documents.parquet")[["doc_id", "source_path"]]
    counts = pd.read_parquet(plain_dir / "status_summary.parquet")
    return counts.merge(docs, on="doc_id")


# `pdftotext -raw` of the ruled PDFs.
RAW = Path(__file__).parent / "fixtures" / "rawtext"


@pytest.fixture(scope="session")
def raw_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`reportx extract` over every raw-text fixture (RAW), once per session."""
    out = tmp_path_factory.mktemp("every-raw")
    extract(sorted(RAW.glob("*.txt")), out)
    return out


def rows_of(out: Path, table: str, source_path: str) -> pd.DataFrame:
    """The rows of `table` in the output `out` from the input `source_path`."""
    docs = pd.read_parquet(out / "documents.parquet")
    doc_id = docs.loc[docs.source_path == source_path, "doc_id"].item()
    rows = pd.read_parquet(out / f"{table}.parquet")
    return rows[rows.doc_id == doc_id]


# 002's "Number of ASB complaints dealt with via the Community Safety Hub"
# actuals, by (financial year, period), as every print of it reads them.
ASB_HUB_002 = {
    ("2017/18", "FY"): 85.0,
    ("2018/19", "Q1"): 20.0,
    ("2018/19", "Q2"): 27.0,
    ("2018/19", "Q3"): 12.0,
    ("2018/19", "Q4"): 43.0,
    ("2018/19", "FY"): 102.0,
}
# 002's "Number of fly tipping incidents" values, by (financial year, period,
# measure), its "N/A" target aside.
FLY_TIPPING_002 = {
    ("2017/18", "FY", "actual"): 470.0,
    ("2018/19", "Q1", "actual"): 102.0,
    ("2018/19", "Q2", "actual"): 132.0,
    ("2018/19", "Q3", "actual"): 54.0,
    ("2018/19", "Q4", "actual"): 78.0,
    ("2018/19", "FY", "actual"): 366.0,
}


def printed_otherwise(tmp_path: Path, name: str, changed: str) -> Path:
    """`reportx extract` of the text sample `name` printed otherwise (its text
    `changed`, as another year's report may print it): the output folder."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_text(changed, encoding="utf-8")
    extract([folder], tmp_path / "out")
    return tmp_path / "out"


def assert_read_as_printed(
    out: Path, run_dir: Path, name: str, columns: dict[str, list[str]]
) -> None:
    """Each table's `columns` in `out` (`printed_otherwise`) are those the
    session's run over the samples (`run_dir`) read from `name` as printed,
    row for row; an `item_id` compared by its number in the document. Values
    are compared, not dtypes: a column with nulls in another sample is float
    there."""
    for table, cols in columns.items():
        got, want = (
            rows_of(folder, table, name)[cols].reset_index(drop=True)
            for folder in (out, run_dir)
        )
        if "item_id" in cols:
            for frame in (got, want):
                frame["item_id"] = frame["item_id"].str.split(":").str[1]
        assert len(want) > 0, table
        pd.testing.assert_frame_equal(got, want, check_dtype=False)


@pytest.fixture(scope="session")
def run_result(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    out = tmp_path_factory.mktemp("out-result")
    return extract(sorted(SAMPLES.glob("*.txt")), out)


@pytest.fixture(scope="session")
def table(run_dir: Path) -> Callable[[str], pd.DataFrame]:
    """table(name) -> the Parquet table as pandas, with a `file` column."""
    docs = pd.read_parquet(run_dir / "documents.parquet")
    files = dict(zip(docs["doc_id"], docs["source_path"], strict=True))

    def load(name: str) -> pd.DataFrame:
        df = pd.read_parquet(run_dir / f"{name}.parquet")
        if "doc_id" in df.columns:
            df["file"] = df["doc_id"].map(files)
        return df

    return load


@pytest.fixture(scope="session")
def sample_doc() -> Callable[[str], tuple[Document, Context]]:
    """sample_doc(file name) -> its document model and context."""
    cache: dict[str, tuple[Document, Context]] = {}

    def load(name: str) -> tuple[Document, Context]:
        if name not in cache:
            doc = read_path(SAMPLES / name)
            cache[name] = (doc, context_of(doc)[1])
        return cache[name]

    return load
