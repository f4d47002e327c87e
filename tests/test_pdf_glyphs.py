"""Rating marks printed as glyphs or in a symbol font; pages without real text."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
PDFS = SAMPLES / "pdf"
STEMS = sorted(p.stem for p in SAMPLES.glob("*.txt"))
VARIANTS = ("glyphs", "dingbats")


def test_every_sample_has_glyph_pdfs() -> None:
    assert sorted(p.name for p in PDFS.glob("*-glyphs.pdf")) + sorted(
        p.name for p in PDFS.glob("*-dingbats.pdf")
    ) == [f"{stem}-{v}.pdf" for v in VARIANTS for stem in STEMS]
