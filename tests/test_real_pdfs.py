"""Real PDFs that are not council reports: read, or refused with a reason.

Every one comes out `ok` with rows or a `no_facts` issue, or `failed` with a
reason a person can act on: never "could not be processed" with a Python
exception, never silent. The committed files (tests/fixtures/realpdf/) have
their exact outcome written here; `make realpdfs` runs the same checks over
the files it fetches (REALPDFS=folder).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from extract.run import extract
from schemas.tables import FACT_TABLES

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "realpdf"
FETCHED = os.environ.get("REALPDFS")

# (status, the issue codes of the document)
EXPECTED = {
    "pdfjs-GHOSTSCRIPT-698804-1-fuzzed.pdf": ("failed", {"file_failed"}),
    "pdfjs-PDFBOX-4352-0.pdf": ("failed", {"file_failed"}),
    "pdfjs-Pages-tree-refs.pdf": ("ok", {"no_facts", "page_unreadable"}),
    "pdfjs-REDHAT-1531897-0.pdf": ("failed", {"file_failed"}),
    "pdfjs-TrueType_without_cmap.pdf": ("ok", {"no_facts"}),
    "pdfjs-Type3WordSpacing.pdf": ("ok", {"no_facts"}),
    "pdfjs-alphatrans.pdf": ("ok", {"no_facts", "unparsed_block"}),
    "pdfjs-asciihexdecode.pdf": ("ok", {"no_facts"}),
    "pypdf-AutoCad_Simple.pdf": ("ok", {"no_facts"}),
    "pypdf-Sample_Td-matrix.pdf": ("ok", {"no_facts", "unparsed_block"}),
    "pypdf-box.pdf": ("failed", {"no_text_layer"}),
    "pypdf-encryption-r2-user-password.pdf": ("failed", {"file_failed"}),
    "pypdf-encryption-r6-empty-password.pdf": ("ok", {"no_facts"}),
    "pypdf-imagemagick-images.pdf": ("ok", {"no_facts", "no_text_layer"}),
    "pypdf-imagemagick-lzw.pdf": ("failed", {"no_text_layer"}),
    "pypdf-inkscape-abc.pdf": ("ok", {"no_facts"}),
    "pypdf-issue-297.pdf": ("ok", {"no_facts"}),
    "pypdf-pdflatex-outline.pdf": ("ok", {"no_facts", "unparsed_block"}),
    "pypdf-reportlab-inline-image.pdf": ("ok", {"no_facts"}),
    "pypdf-toy.pdf": ("ok", {"no_facts"}),
    "pypdf-two-different-pages.pdf": ("ok", {"no_facts"}),
}

# Each input's status, issue codes and error messages.
Outcomes = dict[str, tuple[str, set[str], list[str]]]

FAILED = {
    "pdfjs-GHOSTSCRIPT-698804-1-fuzzed.pdf": "no text on any page",
    "pdfjs-PDFBOX-4352-0.pdf": "no text on any page",
    "pdfjs-REDHAT-1531897-0.pdf": "damaged PDF: PDFium cannot parse it (error 3)",
    "pypdf-box.pdf": "page 1 has no text layer (images only): OCR is needed to read it",
    "pypdf-encryption-r2-user-password.pdf": "encrypted PDF: a password is "
    "needed to open it",
    "pypdf-imagemagick-lzw.pdf": "page 1 has no text layer (images only): OCR is "
    "needed to read it",
}


def outcomes(folder: Path, out: Path) -> Outcomes:
    """Each input's status, issue codes and error messages; checks the output's
    promise for every one (rows or no_facts; a reason for each failure)."""
    extract(sorted(folder.glob("*.pdf")), out, use_cache=False)
    docs = pd.read_parquet(out / "documents.parquet")
    issues = pd.read_parquet(out / "issues.parquet")
    with_rows: set[str] = set()
    for table in (*FACT_TABLES, "statements"):
        path = out / f"{table}.parquet"
        if path.exists():
            with_rows |= set(pd.read_parquet(path, columns=["doc_id"])["doc_id"])
    found = {}
    for doc in docs.itertuples():
        mine = issues[issues["doc_id"] == doc.doc_id]
        codes = set(mine["code"])
        errors = list(mine.loc[mine["severity"] == "error", "message"])
        found[doc.source_path] = (doc.status, codes, errors)
        if doc.status == "ok":
            assert doc.doc_id in with_rows or "no_facts" in codes, doc.source_path
        else:
            assert errors, doc.source_path
        for message in errors:
            assert "could not be processed" not in message, message
    return found


@pytest.fixture(scope="module")
def committed(tmp_path_factory: pytest.TempPathFactory) -> Outcomes:
    return outcomes(FIXTURES, tmp_path_factory.mktemp("realpdf"))


def test_every_committed_pdf_has_its_outcome(committed: Outcomes) -> None:
    assert {name: (s, codes) for name, (s, codes, _) in committed.items()} == EXPECTED


def test_each_failure_says_why(committed: Outcomes) -> None:
    assert {
        name: errors for name, (status, _, errors) in committed.items() if errors
    } == {name: [f"{name}: {why}"] for name, why in FAILED.items()}


@pytest.mark.skipif(not FETCHED, reason="REALPDFS not set: run `make realpdfs`")
def test_fetched_pdfs(tmp_path: Path) -> None:
    assert FETCHED
    found = outcomes(Path(FETCHED), tmp_path / "out")
    assert found
