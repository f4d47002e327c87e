"""Print the samples as a word processor prints a document: `make writer-pdfs`.

Each `samples/<stem>.txt` becomes `samples/pdf/<stem>-writer.pdf`: the page of
`build_browser.page_of` (every tabbed line a table row, every other line a
paragraph) with bordered tables, opened by LibreOffice Writer and exported to
PDF (`soffice --headless`; set SOFFICE to its path). Another producer than
`build.py`'s and the browser's: Writer sizes the columns itself, lets a row
break across pages and draws the table's border on both sides of the break,
so one row reads as two (the ones to join are in tests/test_writer_pdfs.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_browser import page_of  # noqa: E402

from extract.readers.decode import decode, split_lines  # noqa: E402

# Writer's HTML import reads a table's borders and a cell's alignment from
# these attributes, not from the style sheet.
TABLE = '<table border="1" cellspacing="0" cellpadding="2">'
CELL = '<td valign="top">'
# Writer drops an empty paragraph, and with it the space between two tables.
BLANK = "<p>&nbsp;</p>"


def writer_page(lines: list[str]) -> str:
    page = page_of(lines).replace("<table>", TABLE).replace("<td>", CELL)
    return page.replace("<p></p>", BLANK)


def print_pdf(page: str, path: Path, soffice: str) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"{path.stem}.html"
        source.write_text(page, encoding="utf-8")
        subprocess.run(
            [
                soffice,
                "--headless",
                f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}",
                "--infilter=HTML (StarWriter)",
                "--convert-to",
                "pdf:writer_pdf_Export",
                "--outdir",
                tmp,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        shutil.move(Path(tmp) / f"{path.stem}.pdf", path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "texts", nargs="*", type=Path, default=sorted((ROOT / "samples").glob("*.txt"))
    )
    parser.add_argument("--out", type=Path, default=ROOT / "samples" / "pdf")
    args = parser.parse_args()
    soffice = os.environ.get("SOFFICE", "soffice")
    args.out.mkdir(parents=True, exist_ok=True)
    for txt in args.texts:
        lines = split_lines(decode(txt.read_bytes())[0])
        path = print_pdf(
            writer_page(lines), args.out / f"{txt.stem}-writer.pdf", soffice
        )
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
