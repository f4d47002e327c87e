"""Bad PDFs: a failed or partly read document with an issue, never a crashed batch."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pypdfium2 as pdfium
import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from extract.readers import UnreadableInput
from extract.readers.pdf import NoTextLayer, read_pdf
from extract.run import extract

SAMPLE = (
    Path(__file__).resolve().parent.parent
    / "samples"
    / "pdf"
    / ("000_af055924f554b2ff-ruled.pdf")
)


def no_pages() -> bytes:
    """A well-formed PDF whose page tree is empty, as PDFium itself writes one."""
    out = io.BytesIO()
    pdfium.PdfDocument.new().save(out)
    return out.getvalue()


def make_pdf(pages: list[str], encrypt: str | None = None) -> bytes:
    """A small PDF: "text" pages print a line, "image" pages only a scan."""
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1, encrypt=encrypt)
    for kind in pages:
        if kind == "text":
            canvas.drawString(72, 720, "Number of fly tipping incidents 425")
        else:
            scan = ImageReader(Image.new("L", (40, 40), 200))
            canvas.drawImage(scan, 72, 400, 300, 300)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


BAD = {
    "encrypted.pdf": (
        lambda: make_pdf(["text"], encrypt="secret"),
        "encrypted PDF: a password is needed to open it",
    ),
    "truncated.pdf": (
        lambda: SAMPLE.read_bytes()[:20_000],
        "truncated PDF: the file ends before its %%EOF marker",
    ),
    "no-pages.pdf": (no_pages, "PDF has no pages"),
    "scanned.pdf": (
        lambda: make_pdf(["image", "image"]),
        "pages 1-2 have no text layer (images only): OCR is needed to read it",
    ),
    "empty.pdf": (lambda: b"", "empty file (0 bytes)"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_pdf_is_unreadable_with_reason(name: str) -> None:
    make, reason = BAD[name]
    with pytest.raises(UnreadableInput) as caught:
        read_pdf(Path(name), name, make())
    assert str(caught.value) == reason


def test_image_only_file_says_ocr_and_page() -> None:
    with pytest.raises(NoTextLayer) as caught:
        read_pdf(Path("scan.pdf"), "scan.pdf", make_pdf(["image"]))
    assert (caught.value.code, caught.value.page) == ("no_text_layer", 1)


def test_image_only_page_is_skipped_with_an_issue() -> None:
    doc = read_pdf(Path("mixed.pdf"), "mixed.pdf", make_pdf(["text", "image"]))
    assert (doc.n_pages, doc.lines) == (2, ("Number of fly tipping incidents 425",))
    assert [(i.code, i.severity, i.page, i.message) for i in doc.issues] == [
        (
            "no_text_layer",
            "warning",
            2,
            "mixed.pdf: page 2: image only, no text layer: OCR is needed to read it; "
            "the page was skipped",
        )
    ]


@pytest.fixture(scope="module")
def bad_batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One good sample and every bad PDF, extracted together."""
    folder = tmp_path_factory.mktemp("bad-in")
    for name, (make, _) in BAD.items():
        (folder / name).write_bytes(make())
    (folder / "mixed.pdf").write_bytes(make_pdf(["text", "image"]))
    (folder / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
    out = tmp_path_factory.mktemp("bad-out")
    result = extract([folder], out)
    assert result.failed == len(BAD)
    return out


def test_batch_goes_on_past_bad_pdfs(bad_batch: Path) -> None:
    docs = pd.read_parquet(bad_batch / "documents.parquet")
    assert dict(zip(docs["source_path"], docs["status"], strict=True)) == {
        "000_af055924f554b2ff-ruled.pdf": "ok",
        "empty.pdf": "failed",
        "encrypted.pdf": "failed",
        "mixed.pdf": "ok",
        "no-pages.pdf": "failed",
        "scanned.pdf": "failed",
        "truncated.pdf": "failed",
    }
    rolling = pd.read_parquet(bad_batch / "rolling_12_months.parquet")
    assert len(rolling) == 12


def test_each_failure_names_file_and_reason(bad_batch: Path) -> None:
    issues = pd.read_parquet(bad_batch / "issues.parquet")
    failed = issues[issues["severity"] == "error"]
    assert sorted(failed["message"]) == sorted(
        f"{name}: {reason}" for name, (_, reason) in BAD.items()
    )


def test_no_text_layer_issues_in_the_run(bad_batch: Path) -> None:
    issues = pd.read_parquet(bad_batch / "issues.parquet")
    ocr = issues[issues["code"] == "no_text_layer"]
    assert sorted(
        zip(ocr["message"].str.split(":").str[0], ocr["page"], strict=True)
    ) == [("mixed.pdf", 2), ("scanned.pdf", 1)]
