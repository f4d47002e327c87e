"""Coverage-guided fuzzing of the PDF path with atheris: bytes -> PDF reader
(pypdfium2, the layout stage) -> recognisers. `UnreadableInput` (a damaged,
encrypted or image-only PDF) is the expected outcome for most mutants.

    make fuzz
    .venv/bin/python fuzz/fuzz_pdf.py CORPUS_DIR samples/pdf -max_total_time=600
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from extract.pipeline import process_document
    from extract.readers import UnreadableInput, read_document


def test_one_input(data: bytes) -> None:
    try:
        doc = read_document(Path("fuzz.pdf"), "fuzz.pdf", data)
    except UnreadableInput:
        return
    process_document(doc)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
