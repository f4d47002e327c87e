"""Print the samples in other page geometries: `python samples/pdf/build_variants.py`.

Each variant is one small change to `build.py`'s ruled form, a geometry
council PDFs have: another page size or orientation, type size, typeface,
margin or cell padding; the table's heading row printed again at the top of
each page the table goes on to; rules thicker, thinner, grey, horizontal
only, or drawn as one rectangle per cell; or rows told apart by shading
alone. Each `samples/<stem>.txt` becomes `<OUT>/<stem>-<variant>.pdf`; OUT is
a new temporary folder unless given (never samples/pdf: these are for
trying the reader, not samples of their own).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import build  # noqa: E402

FONTS = Path("/usr/share/fonts/truetype/dejavu")
FALLBACK, FALLBACK_FILE = "DejaVuSans", FONTS / "DejaVuSans.ttf"
# A cell that is a figure ("1,084.50", "47.5%", "£12"), set right in its
# column by `figures_right`.
FIGURE = re.compile(r"^£?-?[\d,]+(?:\.\d+)?%?$")


@dataclass(frozen=True, slots=True)
class Variant:
    """What a variant changes: `build` module settings, and how rules are drawn."""

    settings: dict[str, Any] = field(default_factory=dict)
    # "lines" (build.py's four per cell), "rects" (one rectangle per cell),
    # "horizontal" (above and below each row), "zebra" (every other row
    # shaded, no lines), "none" (build.py's unruled form).
    rules: str = "lines"
    line_width: float = 1.0
    grey: float = 0.0
    # Print a table's heading row again at the top of each page it goes on to.
    repeat_header: bool = False
    # Cell text centred top to bottom in its row; figures set right.
    middle: bool = False
    figures_right: bool = False


def _sized(size: float) -> dict[str, Any]:
    """Type `size` pt, line pitch and row gap as build.py's 7 pt scaled."""
    scale = size / build.SIZE
    return {"SIZE": size, "PITCH": build.PITCH * scale, "GAP": build.GAP * scale}


VARIANTS: dict[str, Variant] = {
    "portrait": Variant({"WIDTH": 595.0, "MIN_HEIGHT": 842.0}),
    "letter": Variant({"WIDTH": 612.0, "MIN_HEIGHT": 792.0}),
    "letter-landscape": Variant({"WIDTH": 792.0, "MIN_HEIGHT": 612.0}),
    "size8": Variant(_sized(8.0)),
    "size11": Variant(_sized(11.0)),
    "serif": Variant({"FONT": "DejaVuSerif", "FONT_FILE": FONTS / "DejaVuSerif.ttf"}),
    "condensed": Variant(
        {"FONT": "DejaVuSansCondensed", "FONT_FILE": FONTS / "DejaVuSansCondensed.ttf"}
    ),
    "margin-wide": Variant({"MARGIN": 72.0}),
    "margin-narrow": Variant({"MARGIN": 18.0}),
    "padded": Variant({"PAD": 6.0}),
    "header-repeat": Variant(repeat_header=True),
    "rules-thick": Variant(line_width=2.0),
    "rules-thin": Variant(line_width=0.25),
    "rules-grey": Variant(line_width=0.5, grey=0.6),
    "rules-horizontal": Variant(rules="horizontal"),
    "rules-rects": Variant(rules="rects"),
    "zebra": Variant(rules="zebra"),
    "valign-middle": Variant(middle=True),
    "figures-right": Variant(figures_right=True),
    "rows-tight": Variant({"PITCH": 8.0, "GAP": 1.5}),
    "rows-loose": Variant({"PITCH": 10.0, "GAP": 10.0}),
    "unruled-size11": Variant(_sized(11.0), rules="none"),
    "unruled-portrait": Variant({"WIDTH": 595.0, "MIN_HEIGHT": 842.0}, rules="none"),
    "unruled-serif": Variant(
        {"FONT": "DejaVuSerif", "FONT_FILE": FONTS / "DejaVuSerif.ttf"}, rules="none"
    ),
    "unruled-padded": Variant({"PAD": 6.0}, rules="none"),
    "unruled-middle": Variant(rules="none", middle=True),
    "unruled-figures-right": Variant(rules="none", figures_right=True),
    "unruled-rows-tight": Variant({"PITCH": 8.0, "GAP": 1.5}, rules="none"),
}


@contextmanager
def applied(variant: Variant) -> Iterator[None]:
    """`build`'s module settings changed for the variant, then put back."""
    saved = {name: getattr(build, name) for name in variant.settings}
    for name, value in variant.settings.items():
        setattr(build, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(build, name, value)


class VariantPrinter(build.Printer):
    """`build.Printer` setting cells and drawing a ruled table's rules the
    variant's way."""

    def __init__(self, *args: Any, variant: Variant, **kwargs: Any) -> None:
        self.variant = variant
        self.shaded = False
        super().__init__(*args, **kwargs)

    def place(self, block: build.Block) -> None:
        c, v = self.canvas, self.variant
        top, bottom = self.y, self.y - block.height
        left = build.MARGIN + block.columns[0]
        right = build.MARGIN + block.columns[-1] + block.widths[-1]
        if block.tabbed and v.rules == "zebra":
            if self.shaded:
                c.setFillGray(0.88)
                c.rect(left, bottom, right - left, top - bottom, stroke=0, fill=1)
                c.setFillGray(0.0)
            self.shaded = not self.shaded
        elif not block.tabbed:
            self.shaded = False
        tallest = max(len(f) for f in block.cells)
        for x, width, fragments in zip(
            block.columns, block.widths, block.cells, strict=True
        ):
            x0 = build.MARGIN + x + (build.PAD if block.tabbed else 0.0)
            drop = 0.0
            if block.tabbed and v.middle:
                drop = (tallest - len(fragments)) * build.PITCH / 2
            for k, text in enumerate(fragments):
                at = x0
                if block.tabbed and v.figures_right and FIGURE.match(text):
                    at = build.MARGIN + x + width - build.PAD - build.width_of(text)
                self.draw(at, top - drop - build.SIZE - k * build.PITCH, text)
        if block.tabbed and v.rules not in ("zebra", "none"):
            self.rule(block, top, bottom, left, right)
        self.y -= block.height

    def rule(
        self, block: build.Block, top: float, bottom: float, left: float, right: float
    ) -> None:
        c, v = self.canvas, self.variant
        c.setLineWidth(v.line_width)
        c.setStrokeGray(v.grey)
        if v.rules == "horizontal":
            c.line(left, top, right, top)
            c.line(left, bottom, right, bottom)
        for x, width in zip(block.columns, block.widths, strict=True):
            x0 = build.MARGIN + x
            if v.rules == "rects":
                c.rect(x0, bottom, width, top - bottom, stroke=1, fill=0)
            elif v.rules == "lines":
                c.line(x0, top, x0 + width, top)
                c.line(x0, bottom, x0 + width, bottom)
                c.line(x0, top, x0, bottom)
                c.line(x0 + width, top, x0 + width, bottom)
        c.setStrokeGray(0.0)
        c.setLineWidth(1.0)

    def draw(self, x: float, y: float, text: str) -> None:
        """A fragment; a character the font has no glyph for (DejaVu Serif has
        no ✓) in DejaVu Sans, as a word processor substitutes a font."""
        c = self.canvas
        face = pdfmetrics.getFont(build.FONT).face.charToGlyph
        for has, chars in groupby(text, key=lambda ch: ord(ch) in face):
            piece = "".join(chars)
            font = build.FONT if has else FALLBACK
            c.setFont(font, build.SIZE)
            c.drawString(x, y, piece)
            x += pdfmetrics.stringWidth(piece, font, build.SIZE)
        c.setFont(build.FONT, build.SIZE)


def print_pdf(lines: Sequence[str], path: Path, variant: Variant) -> Path:
    """`build.print_pdf` of the ruled form, printed the variant's way."""
    frame = build.least_frame(lines)
    blocks = list(build.blocks_of(lines, frame))
    tallest = max(sum(b.height for b in u) for u in build.units(lines, blocks))
    # A repeated heading row and a row under it must fit on one page.
    tallest *= 2 if variant.repeat_header else 1
    height = max(build.MIN_HEIGHT, tallest + build.BODY_TOP + build.BODY_BOTTOM + 1)
    pages = build.layout(lines, blocks, None, height, variant.repeat_header)
    printer = VariantPrinter(
        path, (frame + 2 * build.MARGIN, height), "ruled", pages, variant=variant
    )
    build.layout(lines, blocks, printer, height, variant.repeat_header)
    printer.canvas.save()
    return path


def build_variant(txt: Path, out_dir: Path, name: str) -> Path:
    """`<out_dir>/<stem>-<name>.pdf`: the sample printed as variant `name`."""
    variant = VARIANTS[name]
    with applied(variant):
        for font, file in ((build.FONT, build.FONT_FILE), (FALLBACK, FALLBACK_FILE)):
            if font not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(font, str(file)))
        lines = build.split_lines(build.decode(txt.read_bytes())[0])
        return print_pdf(lines, out_dir / f"{txt.stem}-{name}.pdf", variant)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "texts", nargs="*", type=Path, default=sorted((ROOT / "samples").glob("*.txt"))
    )
    parser.add_argument("--out", type=Path, help="default: a new temporary folder")
    parser.add_argument(
        "--variant",
        action="append",
        choices=sorted(VARIANTS),
        help="print only these (repeat the option); default: every variant",
    )
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="pdf-variants-"))
    out.mkdir(parents=True, exist_ok=True)
    for name in args.variant or VARIANTS:
        for txt in args.texts:
            print(build_variant(txt, out, name))


if __name__ == "__main__":
    main()
