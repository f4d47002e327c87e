"""Coverage-guided fuzzing of the text path with atheris: bytes -> readers ->
layout -> recognisers -> checks. A file the readers refuse (`UnreadableInput`)
is a finding only if it raises anything else.

    make fuzz                      # both targets, FUZZ_SECONDS each
    .venv/bin/python fuzz/fuzz_text.py CORPUS_DIR samples samples/text \
        -max_total_time=600
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
        doc = read_document(Path("fuzz.txt"), "fuzz.txt", data)
    except UnreadableInput:
        return
    process_document(doc)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
