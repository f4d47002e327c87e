"""Build samples/text/: the text forms of the ruled sample PDFs, as poppler writes them.

    python samples/text/build.py        # or: make texts

`<stem>-layout.txt` is `pdftotext -layout` (columns aligned with spaces) and
`<stem>-plain.txt` is `pdftotext` without flags (cells one after another in
reading order); `<stem>-browser-layout.txt` is `pdftotext -layout` of the
samples printed by a browser (`<stem>-browser.pdf`), whose columns overflow
one another; `<stem>-<kind>-plain.txt` is the reading-order text of the
unruled, glyph and dingbats PDFs where it differs from every text written
before it. Needs Debian's poppler-utils; the
outputs are committed, so the tests need no poppler.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PDFS = HERE.parent / "pdf"
FORMS = {"layout": ["-layout"], "plain": []}


def build() -> list[Path]:
    if shutil.which("pdftotext") is None:
        sys.exit("pdftotext not found: apt-get install poppler-utils")
    written = []
    for pdf in sorted(PDFS.glob("*-ruled.pdf")):
        stem = pdf.name.removesuffix("-ruled.pdf")
        for form, flags in FORMS.items():
            out = HERE / f"{stem}-{form}.txt"
            subprocess.run(
                ["pdftotext", "-enc", "UTF-8", *flags, str(pdf), str(out)], check=True
            )
            written.append(out)
    for pdf in sorted(PDFS.glob("*-browser.pdf")):
        out = HERE / f"{pdf.stem}-layout.txt"
        subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-layout", str(pdf), str(out)], check=True
        )
        written.append(out)
    seen = {path.read_bytes() for path in written}
    for pdf in sorted(PDFS.glob("*.pdf")):
        # The browser PDFs' reading-order text is not among the samples: the
        # README gives its score.
        if pdf.name.endswith(("-ruled.pdf", "-browser.pdf")):
            continue
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
            check=True,
            capture_output=True,
        ).stdout
        if text in seen:
            continue
        seen.add(text)
        out = HERE / f"{pdf.stem}-plain.txt"
        out.write_bytes(text)
        written.append(out)
    return written


if __name__ == "__main__":
    for path in build():
        print(path.relative_to(HERE.parent.parent))
