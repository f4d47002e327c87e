"""Shards -> one Parquet file per table, and the run-level panel as a reduce.

No table of the run is ever held whole, nor anything per input: each input's
entry is one line of a scratch file (`EntryLog`), read back once, in input
order, into a scratch file a table of where the entries' streams of that table
lie (`Parts`); each table is written shard by shard, in input order, in row
groups of about ROW_GROUP_BYTES (extract/table_sink.py). The panel (`indicators`,
`observations` and their `conflicting_values` issues) is a reduce over the
entries' facts a bucket of observations at a time (extract/panel_reduce.py).
Rows and their order are those of one in-memory run over every record.
"""

from __future__ import annotations

import json
import os
import struct
from array import array
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pyarrow as pa

from extract.panel_reduce import write_panel
from extract.shards import (
    DOCUMENT_TABLES,
    FACTS,
    LATE,
    LATE_SCHEMA,
    REJECTED,
    Summary,
    arrow_table,
    read_part,
)
from extract.table_sink import TableSink, batches
from extract.validate import Checker
from schemas.tables import ISSUES, TABLES, OutputTable

# The order a table's unholdable rows are reported in: every table, issues last.
LATE_ORDER = [t.name for t in sorted(TABLES, key=lambda t: t is ISSUES)]
# The streams an entry file may hold.
PART_NAMES = (*(t.name for t in DOCUMENT_TABLES), FACTS, LATE, REJECTED)
# A stream in a `Parts` file: its offset and length in the entry file, and the
# length of the entry file's name, which follows.
PART = struct.Struct("<qqi")


@dataclass(frozen=True, slots=True)
class Entry:
    path: Path
    summary: Summary
    has_facts: bool


class EntryLog:
    """Each input's entry, one JSON line in a scratch file, read back in input
    order; in memory only the line offsets (8 bytes an input), the run's fact
    groups (they grow with the indicators, not the inputs) and the failures.
    Entries may be added in any order, each once."""

    def __init__(self, path: Path, total: int) -> None:
        self.path = path
        self.total = total
        self.offsets = array("q", [-1]) * total
        self.fact_groups: Counter[str] = Counter()
        self.failures: list[Summary] = []
        self.parsed = self.cached = 0
        # Rows the documents' own checks kept out of their shards.
        self.dropped = 0
        self.file = path.open("wb")

    def add(self, index: int, path: Path, summary: Summary) -> Entry:
        """Log input `index`'s entry, its fact groups counted into the run's."""
        self.fact_groups.update(summary.fact_groups)
        lean = replace(summary, fact_groups={})
        e = Entry(path, lean, has_facts=bool(summary.fact_groups))
        self.offsets[index] = self.file.tell()
        # Its fields hold no dataclass: a shallow dict is its JSON.
        fields = {n: getattr(lean, n) for n in lean.__dataclass_fields__}
        line = {"path": str(path), "summary": fields, "facts": e.has_facts}
        self.file.write(json.dumps(line, ensure_ascii=False).encode() + b"\n")
        self.cached += lean.cached
        self.parsed += not lean.cached
        if lean.status == "failed":
            self.failures.append(lean)
        self.dropped += lean.dropped
        return e

    def close(self) -> None:
        self.file.close()

    def __len__(self) -> int:
        return self.total

    def __iter__(self) -> Iterator[Entry]:
        for line in self._lines():
            summary = Summary(**line["summary"])
            yield Entry(Path(line["path"]), summary, bool(line["facts"]))

    def parts(self, folder: Path) -> Parts:
        """Where each stream of the entries lies, table by table, in `folder`."""
        with ExitStack() as stack:
            files = {
                name: stack.enter_context((folder / f"parts-{name}").open("wb"))
                for name in PART_NAMES
            }
            for line in self._lines():
                path = os.fsencode(line["path"])
                for name, (offset, size) in line["summary"]["parts"].items():
                    files[name].write(PART.pack(offset, size, len(path)) + path)
        return Parts(folder)

    def _lines(self) -> Iterator[dict[str, Any]]:
        """Each entry's line, decoded, in input order."""
        self.file.flush()
        with self.path.open("rb") as f:
            for i in range(self.total):
                f.seek(self.offsets[i])
                yield json.loads(f.readline())


class Parts:
    """Each table's streams, entry by entry in input order, as one scratch file
    a table lists them (`EntryLog.parts`): a table is read without decoding an
    entry's summary, and without visiting an entry that has no rows in it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def read(self, name: str) -> Iterator[pa.Table]:
        """The entries' tables `name`, in input order."""
        with (self.folder / f"parts-{name}").open("rb") as f:
            while head := f.read(PART.size):
                offset, size, length = PART.unpack(head)
                yield read_part(f.read(length), (offset, size))


@dataclass(frozen=True, slots=True)
class Written:
    """Row counts per table, and the rows not written for breaking the schema."""

    counts: dict[str, int]
    dropped: int


@contextmanager
def system_memory() -> Iterator[None]:
    """Arrow allocates from the C library's malloc meanwhile. pyarrow's default
    pool, mimalloc, keeps what is freed for reuse: reading thousands of shards
    one after the other, the parent of a run of bench/bench_archive.py's 2,000
    reports held 191 MiB at the end of the reduce with it, 172 without."""
    before = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        yield
    finally:
        pa.set_memory_pool(before)


def write_tables(
    entries: EntryLog,
    run_issues: list[dict[str, object]],
    run: Path,
    scratch: Path,
) -> Written:
    """Every table of the run into `run`, in today's row order, each row
    checked against its schema (extract/validate.py) before it is written.

    `issues` holds each document's issues in input order, then the run's own
    (`run_issues`: duplicate and refused inputs), the panel's, the rows a
    table's schema could not hold, table by table (LATE_ORDER), each table's
    from the documents first, and last the `schema_violation`s.
    """
    with system_memory():
        return _write_tables(entries, run_issues, run, scratch)


def _write_tables(
    entries: EntryLog,
    run_issues: list[dict[str, object]],
    run: Path,
    scratch: Path,
) -> Written:
    checker = Checker(scratch / "violations.arrow")
    parts = entries.parts(scratch)
    counts: dict[str, int] = {}
    for table in DOCUMENT_TABLES:
        if table is not ISSUES:
            counts[table.name] = _copy_shards(parts, table, run, checker)
    late: list[dict[str, object]] = []
    panel_counts, panel_issues = write_panel(
        parts.read(FACTS), entries.fact_groups, run, scratch, late, checker
    )
    counts.update(panel_counts)
    counts[ISSUES.name] = _write_issues(
        parts, run_issues, panel_issues, run, late, checker
    )
    return Written(counts, checker.dropped + entries.dropped)


def _write_issues(
    parts: Parts,
    run_issues: list[dict[str, object]],
    panel_issues: Path,
    run: Path,
    late: list[dict[str, object]],
    checker: Checker,
) -> int:
    sink = TableSink(run / f"{ISSUES.name}.parquet", ISSUES)
    _copy_entries(parts, ISSUES, sink, checker)
    sink.add(checker.rows(ISSUES, arrow_table(ISSUES, run_issues, late)))
    for data in batches(panel_issues):
        sink.add(checker.rows(ISSUES, data))
    for name in LATE_ORDER:
        for rows in parts.read(LATE):
            data = _late_rows(_reported_for(rows, name))
            sink.add(checker.rows(ISSUES, data))
        own = [row for row in late if row["source_table"] == name]
        data = _late_rows(pa.Table.from_pylist(own, LATE_SCHEMA))
        sink.add(checker.rows(ISSUES, data))
    checker.close()
    # Built from the catalogue: they satisfy the issues schema.
    for data in batches(checker.path):
        sink.add(data)
    return sink.close()


def _reported_for(rows: pa.Table, name: str) -> pa.Table:
    """The issue rows of `rows` about rows of table `name`. Few runs have
    any: only they import pyarrow.compute (0.08 s)."""
    import pyarrow.compute as pc

    return rows.filter(pc.equal(rows["source_table"], name))


def _late_rows(data: pa.Table) -> pa.Table:
    return data.drop_columns(["source_table"])


def _copy_shards(parts: Parts, table: OutputTable, run: Path, checker: Checker) -> int:
    sink = TableSink(run / f"{table.name}.parquet", table)
    _copy_entries(parts, table, sink, checker)
    return sink.close()


def _copy_entries(
    parts: Parts, table: OutputTable, sink: TableSink, checker: Checker
) -> None:
    """Each document's shard of `table` into `sink`, in input order; the
    issues of the rows its checks kept out (extract/shards.py) to `checker`.
    One table at a time: a Parquet writer holds its row group's pages, so
    writing every table at once would hold one row group a table."""
    for data in parts.read(table.name):
        sink.add(data)
    for rows in parts.read(REJECTED):
        checker.take(_reported_for(rows, table.name))
