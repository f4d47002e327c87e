"""Rating marks printed as glyphs or in a symbol font; pages without real text."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from extract.layout.geometry import Run, free_lines, groups, visual_lines
from extract.readers.pdf import NoTextLayer, read_pdf
from extract.readers.symbol_fonts import read_symbols
from extract.recognisers.actions.drafts import Draft, Mark, emit
from extract.records import ActionUpdate, RepairRow
from extract.run import extract
from normalise.repair import Repair
from tests.conftest import synthetic

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
PDFS = SAMPLES / "pdf"
STEMS = sorted(p.stem for p in SAMPLES.glob("*.txt"))
VARIANTS = ("glyphs", "dingbats")
S002 = "002_c2fd677fd2d5bf7c"

Rating = tuple[int, str, str | None]


@pytest.fixture(scope="module")
def run_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The text samples and their glyph and dingbats PDFs, extracted together."""
    out = tmp_path_factory.mktemp("glyphs")
    pdfs = [PDFS / f"{stem}-{v}.pdf" for stem in STEMS for v in VARIANTS]
    result = extract([*sorted(SAMPLES.glob("*.txt")), *pdfs], out)
    assert result.failed == 0
    return out


def _by_stem(run_out: Path, column: str) -> dict[str, set[Rating]]:
    """(item ordinal, quarter, `column`) of every update, by input file stem."""
    docs = pd.read_parquet(run_out / "documents.parquet")
    stems = {
        d: Path(p).stem
        for d, p in zip(docs["doc_id"], docs["source_path"], strict=True)
    }
    updates = pd.read_parquet(run_out / "action_updates.parquet")
    found: dict[str, set[Rating]] = {stem: set() for stem in stems.values()}
    for item_id, quarter, value in zip(
        updates["item_id"], updates["quarter"], updates[column], strict=True
    ):
        doc_id, ordinal = item_id.split(":")
        found[stems[doc_id]].add((int(ordinal), quarter, value))
    return found


@pytest.fixture(scope="module")
def ratings(run_out: Path) -> dict[str, set[Rating]]:
    """(item ordinal, quarter, rating) of every update, by input file stem."""
    return _by_stem(run_out, "rating")


def test_every_sample_has_glyph_pdfs() -> None:
    assert sorted(p.name for p in PDFS.glob("*-glyphs.pdf")) + sorted(
        p.name for p in PDFS.glob("*-dingbats.pdf")
    ) == [f"{stem}-{v}.pdf" for v in VARIANTS for stem in STEMS]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("stem", STEMS)
def test_glyph_pdf_ratings_equal_text_ratings(
    stem: str, variant: str, ratings: dict[str, set[Rating]]
) -> None:
    assert ratings[f"{stem}-{variant}"] == ratings[stem]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("stem", STEMS)
def test_glyph_pdf_symbols_equal_text_symbols(
    stem: str, variant: str, run_out: Path
) -> None:
    """A mark is spelt one way in every form of a report: the ○ the PDFs print
    for samples/000's circles is the "\\bigcirc" its export prints."""
    symbols = _by_stem(run_out, "rating_symbol")
    assert symbols[f"{stem}-{variant}"] == symbols[stem]


def test_the_circle_is_spelt_as_the_export_spells_it(run_out: Path) -> None:
    """samples/000's CCTV action (four circles), Community Trigger (two),
    cemetery (two) and AQMA (one, beside its "5"): nine ○ in each PDF, each
    spelt "\\bigcirc", each spelling logged at the mark's line."""
    docs = pd.read_parquet(run_out / "documents.parquet")
    updates = pd.read_parquet(run_out / "action_updates.parquet")
    repairs = pd.read_parquet(run_out / "repairs.parquet")
    for variant in VARIANTS:
        name = f"000_af055924f554b2ff-{variant}.pdf"
        doc_id = docs.loc[docs["source_path"] == name, "doc_id"].item()
        marks = updates.loc[updates["doc_id"] == doc_id, "rating_symbol"]
        assert Counter(marks.dropna()) == {"\\bigcirc": 9, "5": 1}
        spelt = repairs[
            (repairs["doc_id"] == doc_id) & (repairs["rule"] == "symbol_spelling")
        ]
        assert set(zip(spelt["raw"], spelt["repaired"], strict=True)) == {
            ("○", "\\bigcirc")
        }
        assert len(spelt) == 9


def test_the_comparison_sees_rated_marks(ratings: dict[str, set[Rating]]) -> None:
    """samples/002 prints 24 ✓ and 2 ▲; samples/003 four ▶."""
    rated = Counter(r for _, _, r in ratings[f"{S002}-dingbats"] if r)
    assert rated == Counter({"completed": 24, "attention": 2})
    assert {r for _, _, r in ratings["003_23ba67851198ff7c-glyphs"]} == {"on_target"}


def test_dingbats_symbol_is_the_mark_with_the_repair(run_out: Path) -> None:
    docs = pd.read_parquet(run_out / "documents.parquet")
    doc_id = docs.loc[docs["source_path"] == f"{S002}-dingbats.pdf", "doc_id"].item()
    updates = pd.read_parquet(run_out / "action_updates.parquet")
    marked = updates[(updates["doc_id"] == doc_id) & updates["rating_symbol"].notna()]
    assert Counter(marked["rating_symbol"]) == Counter({"✓": 24, "▲": 2})
    repairs = pd.read_parquet(run_out / "repairs.parquet")
    font = repairs[(repairs["doc_id"] == doc_id) & (repairs["rule"] == "symbol_font")]
    assert Counter(
        zip(font["table"], font["column"], font["raw"], font["repaired"], strict=True)
    ) == {
        ("action_updates", "rating_symbol", "3", "✓"): 24,
        ("action_updates", "rating_symbol", "s", "▲"): 2,
    }
    # Each repair points at the printed line of a mark it explains.
    assert set(zip(font["page"], font["line"], strict=True)) <= {
        (page, line)
        for page, start, end in zip(
            marked["page"], marked["line_start"], marked["line_end"], strict=True
        )
        for line in range(start, end + 1)
    }


def test_no_symbol_font_repairs_where_marks_are_glyphs(run_out: Path) -> None:
    repairs = pd.read_parquet(run_out / "repairs.parquet")
    docs = pd.read_parquet(run_out / "documents.parquet")
    dingbats = set(docs.loc[docs["source_path"].str.contains("dingbats"), "doc_id"])
    font = repairs[repairs["rule"] == "symbol_font"]
    assert set(font["doc_id"]) <= dingbats


@pytest.mark.parametrize(
    "text, font, mark, repaired",
    [
        ("3", "ZapfDingbats", "✓", True),
        ("4", "ZapfDingbats", "✔", True),
        ("s", "ZapfDingbats", "▲", True),
        ("ü", "Wingdings", "✓", True),
        ("ü", "ABCDEF+Wingdings-Regular", "✓", True),
        ("\uf0fc", "Wingdings,Bold", "✓", True),  # through the symbol cmap
        ("ü", "Helvetica", "ü", False),  # a letter in a text font
        ("ü", "Wingdings 2", "ü", False),  # another font, not in the table
        ("✓", "ZapfDingbats", "✓", False),  # already Unicode
    ],
)
def test_read_symbols(text: str, font: str, mark: str, repaired: bool) -> None:
    got, repair = read_symbols(text, font)
    assert got == mark and (repair is not None) == repaired
    if repair:
        assert (repair.raw, repair.repaired, repair.rule) == (text, mark, "symbol_font")


def run(text: str, x0: float, base: float) -> Run:
    return Run(text, x0, x0 + 3.5 * len(text), base, 7.0)


def test_centred_mark_sits_in_its_header_column() -> None:
    """A ✓ centred under "Q1" starts right of it, and is no column of its own."""
    found = groups(
        visual_lines(
            [
                run("Action", 40, 100),
                run("Q1", 140, 100),
                run("Q2", 170, 100),
                run("Publish the plan", 40, 113),
                run("✓", 151, 113),
                run("Report to LSP", 40, 126),
                run("✓", 181, 126),
            ]
        ),
        margin=36,
    )
    lines, starts = free_lines(found, pitch=13)
    assert starts == [40, 140, 170]
    assert [line.cells for line in lines] == [
        ("Action", "Q1", "Q2"),
        ("Publish the plan", "✓", ""),
        ("Report to LSP", "", "✓"),
    ]


class FffdHelvetica(pdfmetrics.Font):
    """Helvetica whose /ToUnicode maps every code to U+FFFD: glyphs without text."""

    def addObjects(self, doc: pdfdoc.PDFDocument) -> None:  # noqa: N802
        super().addObjects(doc)
        name = doc.fontMapping[self.fontName][1:]
        pairs = "\n".join(f"<{c:02X}> <FFFD>" for c in range(0x20, 0x7F))
        cmap = (
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CMapName /FFFD def /CMapType 2 def\n"
            "1 begincodespacerange <00> <FF> endcodespacerange\n"
            f"95 beginbfchar\n{pairs}\nendbfchar\n"
            "endcmap CMapName currentdict /CMap defineresource pop end end\n"
        )
        stream = pdfdoc.PDFStream(content=cmap)
        doc.idToObject["BasicFonts"].dict[name].ToUnicode = doc.Reference(stream)


def make_pdf(pages: list[str]) -> bytes:
    """Pages that print a readable line ("text"), "(cid:NN)" text or U+FFFD glyphs."""
    if "FFFD-Helvetica" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(
            FffdHelvetica("FFFD-Helvetica", "Helvetica", "WinAnsiEncoding")
        )
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    for kind in pages:
        canvas.setFont("Helvetica", 10)
        canvas.drawString(72, 720, "Number of fly tipping incidents 425")
        if kind == "cid":
            canvas.drawString(
                72, 700, "(cid:36)(cid:70)(cid:87)(cid:76)(cid:82)(cid:81)"
            )
            canvas.drawString(
                72, 680, "(cid:51)(cid:85)(cid:82)(cid:74)(cid:85)(cid:72)"
            )
        elif kind == "fffd":
            canvas.setFont("FFFD-Helvetica", 10)
            canvas.drawString(72, 700, "Publish the Community Safety Plan")
            canvas.drawString(72, 680, "Progress Q1 Q2 Q3 Q4 completed")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_page_of_unmapped_glyphs_is_no_text_layer() -> None:
    data = make_pdf(["text", "cid", "fffd"])
    doc = read_pdf(Path("garbled.pdf"), "garbled.pdf", data)
    assert [(i.code, i.severity, i.page) for i in doc.issues] == [
        ("no_text_layer", "warning", 2),
        ("no_text_layer", "warning", 3),
    ]
    assert doc.issues[0].message == (
        "garbled.pdf: page 2: text layer of unmapped glyphs ((cid:NN), U+FFFD), "
        "no letters: OCR is needed to read it; the page was skipped"
    )
    # Only page 1 is read: no letters from the garbage.
    assert (doc.n_pages, list(doc.page_lines)) == (3, [1])
    assert doc.lines == ("Number of fly tipping incidents 425",)


def test_file_of_unmapped_glyphs_needs_ocr() -> None:
    with pytest.raises(NoTextLayer) as caught:
        read_pdf(Path("garbled.pdf"), "garbled.pdf", make_pdf(["fffd", "cid"]))
    assert (caught.value.code, caught.value.page) == ("no_text_layer", 1)
    assert str(caught.value) == (
        "pages 1-2 have no text layer (unmapped glyphs only): OCR is needed to read it"
    )


def test_a_mark_read_from_a_font_and_spelt_logs_both() -> None:
    """Wingdings 0xA1 ("¡" as printed) is "○", which is spelt "\\bigcirc": the
    font's reading and the spelling are both logged for the mark's line."""
    font = Repair(raw="¡", repaired="○", rule="symbol_font")
    draft = Draft(
        kind="action",
        row_index=0,
        title="Open the new cemetery site",
        outcomes=None,
        approach=None,
        key_project=None,
        progress=None,
        page=1,
        line_start=4,
        line_end=4,
        texts=(),
        marks=(Mark("Q1", "○", 1, 4),),
    )
    ctx = synthetic(["Open the new cemetery site"])[1]
    records = list(emit(draft, "d:1", "d", ctx, font_repairs={(1, 4): (font,)}))
    repairs = [(r.raw, r.repaired, r.rule) for r in records if isinstance(r, RepairRow)]
    assert repairs == [("¡", "○", "symbol_font"), ("○", "\\bigcirc", "symbol_spelling")]
    updates = [r for r in records if isinstance(r, ActionUpdate)]
    assert [(u.quarter, u.rating_symbol) for u in updates] == [("Q1", "\\bigcirc")]
