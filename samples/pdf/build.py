"""Build the sample PDFs from the text exports: `python samples/pdf/build.py`.

Each `samples/<stem>.txt` becomes `samples/pdf/<stem>-ruled.pdf` (every tabbed
line a bordered table row) and `<stem>-unruled.pdf` (the same cells at the same
column positions, no borders), and two unruled variants that print rating
marks as reports do, centred in their column: `<stem>-glyphs.pdf` (the marks
the export spells in LaTeX, "\\bigcirc", drawn as the glyph they name, ○) and
`<stem>-dingbats.pdf` (as `-glyphs`, with the marks the PDF standard font
ZapfDingbats has, ✓ and ▲, drawn in it; it has no ▶ or ○, which stay in the
text font).
Prose lines wrap at the frame width, cells wrap within their column. Every page
carries a running header and a "Page N of M" footer. Output is byte-for-byte
reproducible (reportlab `invariant`).
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.rl_codecs import RL_Codecs
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from extract.layout.tab_rows import build_rows  # noqa: E402
from extract.readers.decode import decode, split_lines  # noqa: E402

# DejaVu Sans prints every character of the samples (✓ ▲ ▶ • £ – ’);
# the standard PDF fonts have no ✓ ▲ ▶.
FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT = "DejaVuSans"
SIZE = 7.0
PITCH = 9.0  # baseline to baseline inside one printed line
GAP = 4.0  # extra space after each printed line (and table row)
PAD = 3.0  # cell padding: table text starts PAD right of its column edge
MARGIN = 36.0
WIDTH, MIN_HEIGHT = 842.0, 595.0  # A4 landscape
HEADER = "Cannock Chase Council \u2014 Performance Reports"
FOOTER = "Cannock Chase Council \u2014 Page {page} of {pages}"
BODY_TOP = 48.0  # from the page's top edge to the first line's top
BODY_BOTTOM = 40.0  # room kept for the footer
# The longest cell of a heading row, in characters (`layout`).
HEADING = 60
STYLES = ("ruled", "unruled", "glyphs", "dingbats")
# A rating cell the export spells in LaTeX: seeds/000 prints "\\bigcirc" and
# "$ \\bigcirc$" where the report showed a circle (its symbol is "○").
LATEX_MARK = re.compile(r"^\$?\s*\\(?P<name>[A-Za-z]+)\s*\$?$")
GLYPHS = {"bigcirc": "\u25cb"}  # ○
DINGBATS = "ZapfDingbats-CodePoints"


# A /ToUnicode map from each one-byte code to the same code point.
IDENTITY_CMAP = """/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<00> <FF>
endcodespacerange
1 beginbfrange
<20> <FF> <0020>
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end
"""


class CodePointFont(pdfmetrics.Font):
    """ZapfDingbats whose text reads as its code points: "3" for ✓, "s" for ▲.

    Marks printed in a symbol font often read as the font's code point
    (Wingdings' tick reads "ü"): the file has no /ToUnicode map for the font,
    or one that copies the codes. PDFium knows the standard ZapfDingbats
    encoding and would read ✓, so this font carries a /ToUnicode map that
    copies the codes, to read as those files read.
    """

    def addObjects(self, doc: pdfdoc.PDFDocument) -> None:  # noqa: N802
        super().addObjects(doc)
        name = doc.fontMapping[self.fontName][1:]
        cmap = pdfdoc.PDFStream(content=IDENTITY_CMAP)
        doc.idToObject["BasicFonts"].dict[name].ToUnicode = doc.Reference(cmap)


def with_glyphs(line: str) -> str:
    """The line with each LaTeX-spelt rating mark ("\\bigcirc") as its glyph."""
    cells = []
    for cell in line.split("\t"):
        m = LATEX_MARK.match(cell.strip())
        cells.append(GLYPHS.get(m["name"], cell) if m else cell)
    return "\t".join(cells)


def is_dingbat(ch: str) -> bool:
    """A symbol (✓ ▲, not • or £) that ZapfDingbats prints."""
    if unicodedata.category(ch) != "So":
        return False
    try:
        ch.encode("zapfdingbats")
    except UnicodeEncodeError:
        return False
    return True


def is_mark(fragments: Sequence[str]) -> bool:
    """A cell that prints one symbol glyph (✓ ○ ▲), the way a rating is printed."""
    return (
        len(fragments) == 1
        and len(fragments[0]) == 1
        and unicodedata.category(fragments[0]) == "So"
    )


def font_runs(text: str, dingbats: bool) -> Iterator[tuple[str, str]]:
    """(font, text) pieces of a fragment: the marks ZapfDingbats has in it, if asked."""
    for mark, chars in groupby(text, key=lambda ch: dingbats and is_dingbat(ch)):
        yield (DINGBATS if mark else FONT), "".join(chars)


@dataclass(frozen=True, slots=True)
class Block:
    """One printed line: prose (one cell) or a table row at `columns` x-offsets."""

    cells: tuple[tuple[str, ...], ...]  # wrapped fragments per cell
    columns: tuple[float, ...]  # left edge of each column, frame-relative
    widths: tuple[float, ...]
    tabbed: bool

    @property
    def height(self) -> float:
        return max(1, *(len(c) for c in self.cells)) * PITCH + GAP


def width_of(text: str) -> float:
    return float(pdfmetrics.stringWidth(text, FONT, SIZE))


def wrap(text: str, width: float) -> tuple[str, ...]:
    """Greedy word wrap; a word wider than `width` stays whole on its own line."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if current and width_of(trial) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return tuple(lines)


def column_widths(run: Sequence[Sequence[str]], frame: float) -> list[float]:
    """Each column fits its longest word; the rest is shared by text length."""
    n = max(len(cells) for cells in run)
    least = [
        2 * PAD
        + max(
            (width_of(w) for cells in run if i < len(cells) for w in cells[i].split()),
            default=0.0,
        )
        + 1
        for i in range(n)
    ]
    weight = [
        max((len(cells[i]) for cells in run if i < len(cells)), default=0) + 8
        for i in range(n)
    ]
    spare = frame - sum(least)
    if spare < 0:
        raise ValueError(f"{n} columns do not fit in {frame:.0f} pt")
    return [least[i] + spare * weight[i] / sum(weight) for i in range(n)]


def least_frame(lines: Sequence[str]) -> float:
    """The frame width that fits every table's longest words, with room to spare."""
    runs: list[list[list[str]]] = [[]]
    for line in lines:
        if "\t" in line:
            runs[-1].append(line.split("\t"))
        elif runs[-1]:
            runs.append([])
    need = [
        sum(
            2 * PAD
            + 1
            + max(
                (
                    width_of(w)
                    for cells in run
                    if i < len(cells)
                    for w in cells[i].split()
                ),
                default=0.0,
            )
            for i in range(max(len(c) for c in run))
        )
        for run in runs
        if run
    ]
    return max([WIDTH - 2 * MARGIN, *(n * 1.25 for n in need)])


def table_blocks(run: Sequence[Sequence[str]], frame: float) -> list[Block]:
    widths = column_widths(run, frame)
    lefts = [sum(widths[:i]) for i in range(len(widths))]
    blocks = []
    for cells in run:
        padded = list(cells) + [""] * (len(widths) - len(cells))
        blocks.append(
            Block(
                cells=tuple(
                    wrap(c, w - 2 * PAD) for c, w in zip(padded, widths, strict=True)
                ),
                columns=tuple(lefts),
                widths=tuple(widths),
                tabbed=True,
            )
        )
    return blocks


def blocks_of(lines: Sequence[str], frame: float) -> Iterator[Block]:
    """Blocks in reading order; consecutive tabbed lines share one column grid."""
    i = 0
    while i < len(lines):
        if "\t" not in lines[i]:
            yield Block(
                cells=(wrap(lines[i], frame),),
                columns=(0.0,),
                widths=(frame,),
                tabbed=False,
            )
            i += 1
            continue
        j = i
        while j < len(lines) and "\t" in lines[j]:
            j += 1
        yield from table_blocks([line.split("\t") for line in lines[i:j]], frame)
        i = j


def units(lines: Sequence[str], blocks: list[Block]) -> list[list[Block]]:
    """Blocks grouped so that a column-wrapped row never straddles a page break."""
    groups: list[list[Block]] = []
    k = 0
    for row in build_rows(lines):
        size = row.line_end - row.line_start + 1
        groups.append(blocks[k : k + size])
        k += size
    return groups


class Printer:
    """Lays blocks out top-down on pages of a fixed size."""

    def __init__(
        self,
        path: Path,
        size: tuple[float, float],
        style: str,
        pages: int,
        turned: int = 0,
    ) -> None:
        height = size[1]
        # Turned, as a printer driver saves a landscape page: drawn turned on
        # a page that /Rotate turns back as far (90, 180 or 270 degrees).
        # (reportlab writes the MediaBox of a page turned 90 or 270 degrees
        # upright: `size` is the page as shown.)
        self.turned = turned
        self.width = size[0]
        self.canvas = Canvas(str(path), pagesize=size, invariant=1)
        self.canvas.setTitle(path.stem)
        self.height, self.pages = height, pages
        self.ruled, self.dingbats = style == "ruled", style == "dingbats"
        # Reports centre a rating mark in its column, off the column's left edge
        # where its header and the other cells start.
        self.centred = style in ("glyphs", "dingbats")
        self.page = 0
        self.y = 0.0
        self.new_page()

    def new_page(self) -> None:
        if self.page:
            self.canvas.showPage()
        self.page += 1
        c = self.canvas
        if self.turned:
            c.setPageRotation(self.turned)
            # Draw as on the page shown: its point (u, v) lands where /Rotate
            # shows it at (u, v).
            if self.turned == 90:
                c.translate(self.height, 0)
            elif self.turned == 180:
                c.translate(self.width, self.height)
            else:
                c.translate(0, self.width)
            c.rotate(self.turned)
        c.setFont(FONT, SIZE)
        c.drawString(MARGIN, self.height - 24, HEADER)
        c.drawString(MARGIN, 18, FOOTER.format(page=self.page, pages=self.pages))
        self.y = self.height - BODY_TOP

    def room(self) -> float:
        return self.y - BODY_BOTTOM

    def place(self, block: Block) -> None:
        c = self.canvas
        for left, width, fragments in zip(
            block.columns, block.widths, block.cells, strict=True
        ):
            x = MARGIN + left + (PAD if block.tabbed else 0.0)
            if self.centred and block.tabbed and is_mark(fragments):
                x = MARGIN + left + (width - width_of(fragments[0])) / 2
            for k, text in enumerate(fragments):
                self.draw(x, self.y - SIZE - k * PITCH, text)
            if self.ruled and block.tabbed:
                bottom = self.y - block.height
                c.line(MARGIN + left, self.y, MARGIN + left + width, self.y)
                c.line(MARGIN + left, bottom, MARGIN + left + width, bottom)
                c.line(MARGIN + left, self.y, MARGIN + left, bottom)
                c.line(MARGIN + left + width, self.y, MARGIN + left + width, bottom)
        self.y -= block.height

    def draw(self, x: float, y: float, text: str) -> None:
        """One fragment; a run of marks in ZapfDingbats is a text object of its own."""
        c = self.canvas
        if not self.dingbats:
            c.drawString(x, y, text)
            return
        for font, piece in font_runs(text, True):
            if font != FONT:
                c.setFont(font, SIZE)
            c.drawString(x, y, piece)
            if font != FONT:
                c.setFont(FONT, SIZE)
            x += pdfmetrics.stringWidth(piece, font, SIZE)


def _is_blank(unit: Sequence[Block]) -> bool:
    return all(not b.tabbed and not b.cells[0] for b in unit)


def layout(
    lines: Sequence[str],
    blocks: list[Block],
    printer: Printer | None,
    height: float,
    repeat_header: bool = False,
) -> int:
    """Pages needed (and, with a printer, printed) for the blocks.

    Blank lines just before a page break move to the top of the next page,
    where a reader can still see them as space above the first line. With
    `repeat_header`, a table's first row, when it is a heading row (labels,
    each cell at most HEADING characters), is printed again above the rest
    of the table on each page it goes on to, as a word processor's "repeat
    header row" does (samples/pdf/build_variants.py).
    """
    page, y = 1, height - BODY_TOP
    pending = 0.0
    header: list[Block] = []
    last: Block | None = None
    for unit in units(lines, blocks):
        need = sum(b.height for b in unit)
        if _is_blank(unit):
            pending += need
            continue
        first = unit[0]
        goes_on = (
            last is not None
            and first.tabbed
            and last.tabbed
            and first.columns == last.columns
        )
        if first.tabbed and not goes_on:
            # A table whose first row is text (samples/000 line 41) has no
            # heading row to repeat.
            short = all(len(" ".join(c)) <= HEADING for b in unit for c in b.cells)
            header = list(unit) if short else []
        repeat = repeat_header and goes_on and bool(header) and unit != header
        if y - pending - need < BODY_BOTTOM and y < height - BODY_TOP:
            page += 1
            y = height - BODY_TOP
            if printer:
                printer.new_page()
            if repeat:
                pending = 0.0
                for block in header:
                    y -= block.height
                    if printer:
                        printer.place(block)
        y -= pending + need
        if printer:
            printer.y -= pending
            for block in unit:
                printer.place(block)
        pending = 0.0
        last = unit[-1]
    return page


def print_pdf(lines: Sequence[str], path: Path, style: str, turned: int = 0) -> Path:
    frame = least_frame(lines)
    blocks = list(blocks_of(lines, frame))
    tallest = max(sum(b.height for b in u) for u in units(lines, blocks))
    height = max(MIN_HEIGHT, tallest + BODY_TOP + BODY_BOTTOM + 1)
    pages = layout(lines, blocks, None, height)
    printer = Printer(path, (frame + 2 * MARGIN, height), style, pages, turned)
    layout(lines, blocks, printer, height)
    printer.canvas.save()
    return path


def build(txt: Path, out_dir: Path, turned: int = 0) -> list[Path]:
    lines = split_lines(decode(txt.read_bytes())[0])
    if turned:
        return [
            print_pdf(
                lines, out_dir / f"{txt.stem}-turned{turned}.pdf", "ruled", turned
            )
        ]
    glyphs = [with_glyphs(line) for line in lines]
    return [
        print_pdf(
            lines if style in ("ruled", "unruled") else glyphs,
            out_dir / f"{txt.stem}-{style}.pdf",
            style,
        )
        for style in STYLES
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "texts", nargs="*", type=Path, default=sorted((ROOT / "samples").glob("*.txt"))
    )
    parser.add_argument("--out", type=Path, default=ROOT / "samples" / "pdf")
    parser.add_argument(
        "--turned",
        type=int,
        choices=(90, 180, 270),
        default=0,
        help="print only the ruled PDF, each page drawn turned and /Rotate set "
        "to turn it back (<stem>-turned<degrees>.pdf), as a printer driver "
        "saves landscape pages",
    )
    args = parser.parse_args()
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE)))
    RL_Codecs.register()
    pdfmetrics.registerFont(
        CodePointFont(DINGBATS, "ZapfDingbats", "ZapfDingbatsEncoding")
    )
    args.out.mkdir(parents=True, exist_ok=True)
    for txt in args.texts:
        for path in build(txt, args.out, args.turned):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
