"""Print the samples as a browser prints an HTML page: `make browser-pdfs`.

Each `samples/<stem>.txt` becomes `samples/pdf/<stem>-browser.pdf`: every
tabbed line a bordered table row, every other line a paragraph, printed to PDF
by headless Chromium (`chromium --print-to-pdf`; set CHROMIUM to its path).
Another producer than `build.py`'s: the browser sizes the columns itself,
splits long rows over page breaks with no border at the break, draws each
border as a thin filled rectangle, splits words into runs at kerning pairs and
writes the hyphen that ends a wrapped line as PDFium's U+0002. Cell text is
printed as the export spells it (HTML in a cell is text here too).
"""

from __future__ import annotations

import argparse
import html
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from extract.readers.decode import decode, split_lines  # noqa: E402

STYLE = """
@page { size: A4; margin: 12mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9pt; }
p { margin: 0 0 2pt 0; min-height: 9pt; }
table { border-collapse: collapse; width: 100%; margin: 0 0 4pt 0; }
td { border: 0.75pt solid #000; padding: 1pt 2pt; vertical-align: top; }
"""


def page_of(lines: Sequence[str]) -> str:
    """The HTML page of a text export's lines."""
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f"<style>{STYLE}</style></head><body>\n"
        + "\n".join(_body(lines))
        + "\n</body></html>\n"
    )


def _body(lines: Sequence[str]) -> Iterator[str]:
    in_table = False
    for line in lines:
        if "\t" in line:
            if not in_table:
                yield "<table>"
                in_table = True
            cells = "".join(f"<td>{html.escape(c)}</td>" for c in line.split("\t"))
            yield f"<tr>{cells}</tr>"
            continue
        if in_table:
            yield "</table>"
            in_table = False
        yield f"<p>{html.escape(line)}</p>"
    if in_table:
        yield "</table>"


def print_pdf(page: str, path: Path, chromium: str) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "page.html"
        source.write_text(page, encoding="utf-8")
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                f"--print-to-pdf={path}",
                source.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    return path


def sample_parser(description: str) -> argparse.ArgumentParser:
    """The arguments of a printer of the samples: the texts and where to."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "texts", nargs="*", type=Path, default=sorted((ROOT / "samples").glob("*.txt"))
    )
    parser.add_argument("--out", type=Path, default=ROOT / "samples" / "pdf")
    return parser


def lines_of(txt: Path) -> list[str]:
    return split_lines(decode(txt.read_bytes())[0])


def shown(path: Path) -> Path:
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def main() -> None:
    args = sample_parser(__doc__.splitlines()[0]).parse_args()
    chromium = os.environ.get("CHROMIUM", "chromium")
    args.out.mkdir(parents=True, exist_ok=True)
    for txt in args.texts:
        page = page_of(lines_of(txt))
        print(shown(print_pdf(page, args.out / f"{txt.stem}-browser.pdf", chromium)))


if __name__ == "__main__":
    main()
