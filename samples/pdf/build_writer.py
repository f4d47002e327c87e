"""Print the samples as a word processor prints a document: `make writer-pdfs`.

Each `samples/<stem>.txt` becomes `samples/pdf/<stem>-writer.pdf`: the page of
`build_browser.page_of` (every tabbed line a table row, every other line a
paragraph) with bordered tables, opened by LibreOffice Writer and exported to
PDF (`soffice --headless`; set SOFFICE to its path). Another producer than
`build.py`'s and the browser's: Writer sizes the columns itself, lets a row
break across pages and draws the table's border on both sides of the break,
so one row reads as two (the ones to join are in tests/test_writer_pdfs.py).

`--borderless` leaves the tables as the page's style sheet sets them, which
Writer does not read: no borders, and each cell's text centred in its row's
height, so the lines of one row's cells sit at different heights
(`<stem>-writer-borderless.pdf`; tests/fixtures/writerborderless/).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_browser import lines_of, page_of, sample_parser, shown  # noqa: E402

# Writer's HTML import reads a table's borders and a cell's alignment from
# these attributes, not from the style sheet.
TABLE = '<table border="1" cellspacing="0" cellpadding="2">'
CELL = '<td valign="top">'
# Writer drops an empty paragraph, and with it the space between two tables.
BLANK = "<p>&nbsp;</p>"


# A table's first row, made a heading row that Writer repeats on every page.
FIRST_ROW = re.compile(r"(<table[^>]*>)\n(<tr>.*?</tr>)")


def writer_page(
    lines: list[str], heading_rows: bool = False, borderless: bool = False
) -> str:
    page = page_of(lines)
    if not borderless:
        page = page.replace("<table>", TABLE).replace("<td>", CELL)
    if heading_rows:
        page = FIRST_ROW.sub(r"\1\n<thead>\2</thead><tbody>", page)
        page = page.replace("</table>", "</tbody></table>")
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
    parser = sample_parser(__doc__.splitlines()[0])
    parser.add_argument(
        "--heading-rows",
        action="store_true",
        help="make each table's first row a heading row, repeated on every page "
        "(<stem>-writer-headings.pdf; tests/fixtures/writerpdf/)",
    )
    parser.add_argument(
        "--borderless",
        action="store_true",
        help="tables without borders, cells centred in their row "
        "(<stem>-writer-borderless.pdf; tests/fixtures/writerborderless/)",
    )
    args = parser.parse_args()
    soffice = os.environ.get("SOFFICE", "soffice")
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "-writer"
    suffix += "-headings" if args.heading_rows else ""
    suffix += "-borderless" if args.borderless else ""
    for txt in args.texts:
        page = writer_page(lines_of(txt), args.heading_rows, args.borderless)
        print(shown(print_pdf(page, args.out / f"{txt.stem}{suffix}.pdf", soffice)))


if __name__ == "__main__":
    main()
