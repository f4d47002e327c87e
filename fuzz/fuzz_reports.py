"""Coverage-guided fuzzing of the pipeline with atheris: bytes -> readers ->
layout -> recognisers -> checks. `FUZZ_FORM=pdf` names the input `fuzz.pdf`
(the PDF path), anything else `fuzz.txt` (the text path). A file the readers
refuse (`UnreadableInput`) is expected; anything else raised is a finding.

    make fuzz                      # both forms, FUZZ_SECONDS each
    FUZZ_FORM=txt .venv/bin/python fuzz/fuzz_reports.py CORPUS samples \
        -max_total_time=600
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from extract.pipeline import process_document
    from extract.readers import UnreadableInput, read_document

NAME = "fuzz.pdf" if os.environ.get("FUZZ_FORM") == "pdf" else "fuzz.txt"


def test_one_input(data: bytes) -> None:
    try:
        doc = read_document(Path(NAME), NAME, data)
    except UnreadableInput:
        return
    process_document(doc)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
