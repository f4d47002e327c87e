"""What the reduce reads: the entry log once, and of each entry file only the
streams of the tables it has rows in."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from extract import reduce
from extract.reduce import Entry, EntryLog, Written
from extract.run import extract
from extract.shards import Summary
from tests.conftest import SAMPLES


def test_the_log_is_read_once_and_each_stream_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    logged: list[tuple[str, list[int]]] = []
    add = EntryLog.add

    def logging_add(log: EntryLog, index: int, path: Path, summary: Summary) -> Entry:
        logged.extend((str(path), span) for span in summary.parts.values())
        return add(log, index, path, summary)

    read_part = reduce.read_part
    read: list[tuple[str, list[int]]] = []

    def reading(path: Path | bytes, span: Sequence[int]) -> pa.Table:
        read.append((os.fsdecode(path), list(span)))
        return read_part(path, span)

    lines = EntryLog._lines
    decoded: list[EntryLog] = []

    def decoding(log: EntryLog) -> Iterator[dict[str, Any]]:
        decoded.append(log)
        return lines(log)

    write_tables = reduce.write_tables
    during: list[int] = []

    def writing(entries: EntryLog, *args: Any) -> Written:
        before = len(decoded)
        try:
            return write_tables(entries, *args)
        finally:
            during.append(len(decoded) - before)

    monkeypatch.setattr(EntryLog, "add", logging_add)
    monkeypatch.setattr(EntryLog, "_lines", decoding)
    monkeypatch.setattr(reduce, "read_part", reading)
    monkeypatch.setattr("extract.run.write_tables", writing)
    extract(sorted(SAMPLES.glob("*.txt")), tmp_path / "out", use_cache=False)
    assert during == [1]
    assert logged
    assert Counter(map(repr, read)) == Counter(map(repr, logged))
