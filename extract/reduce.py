"""Shards -> one Parquet file per table, and the run-level panel as a reduce.

No table of the run is ever held whole, nor anything per input: each input's
entry is one line of a scratch file (`EntryLog`), read back in input order;
each table is written shard by shard, in input order, in row groups of about
ROW_GROUP_BYTES. The panel (`observations` and their `conflicting_values`
issues) needs every fact of an observation at once, so the facts are split by
indicator, year and period into buckets of about BUCKET_ROWS facts and reduced
a bucket at a time; buckets follow the order of the panel's rows. `indicators`
needs only a few sets per indicator, kept across buckets. Rows and their order
are those of one in-memory run over every record.
"""

from __future__ import annotations

import json
import math
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from extract.panel import PanelFact, Seen, observe
from extract.records import Observation, as_row
from extract.shards import (
    DOCUMENT_TABLES,
    FACTS,
    FACTS_SCHEMA,
    LATE,
    LATE_SCHEMA,
    Summary,
    arrow_table,
    group_key,
    group_of,
    read_arrow,
)
from extract.validate import Checker
from schemas.datapackage import described_schema
from schemas.tables import INDICATORS, ISSUES, OBSERVATIONS, TABLES, OutputTable

# A table is written in row groups of about this many bytes: the text tables
# (actions, issues) hold a kilobyte a row, so a count of rows would not bound
# the memory a run needs.
ROW_GROUP_BYTES = 4 << 20
# ...or of this many shards: a shard of a few rows still holds its file and a
# schema, so a thousand small ones cost far more than their rows.
ROW_GROUP_SHARDS = 100
# bench/bench_archive.py: with buckets of 20,000 facts 2,000 reports peaked at
# 198 MiB (141 for 200); with 2,000 they stay within 7% of 200 reports.
BUCKET_ROWS = 2_000
# Files written at once while facts are split into buckets: more buckets are
# split into this many ranges first, each range then split again, so neither
# open files nor their buffers grow with the archive.
FANOUT = 32
GROUP_COLUMNS = ("indicator_id", "financial_year", "period")
# The order a table's unholdable rows are reported in: every table, issues last.
LATE_ORDER = [t.name for t in sorted(TABLES, key=lambda t: t is ISSUES)]


@dataclass(frozen=True, slots=True)
class Entry:
    folder: Path
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
        self.late: list[int] = []
        self.file = path.open("wb")

    def add(self, index: int, folder: Path, summary: Summary) -> Entry:
        """Log input `index`'s entry, its fact groups counted into the run's."""
        self.fact_groups.update(summary.fact_groups)
        lean = replace(summary, fact_groups={})
        e = Entry(folder, lean, has_facts=bool(summary.fact_groups))
        self.offsets[index] = self.file.tell()
        line = {"folder": str(folder), "summary": asdict(lean), "facts": e.has_facts}
        self.file.write(json.dumps(line, ensure_ascii=False).encode() + b"\n")
        self.cached += lean.cached
        self.parsed += not lean.cached
        if lean.status == "failed":
            self.failures.append(lean)
        if lean.counts.get(LATE):
            self.late.append(index)
        return e

    def close(self) -> None:
        self.file.close()

    def __len__(self) -> int:
        return self.total

    def __iter__(self) -> Iterator[Entry]:
        return self._read(range(self.total))

    def with_late(self) -> Iterator[Entry]:
        return self._read(sorted(self.late))

    def _read(self, indexes: Iterable[int]) -> Iterator[Entry]:
        self.file.flush()
        with self.path.open("rb") as f:
            for i in indexes:
                f.seek(self.offsets[i])
                line = json.loads(f.readline())
                summary = Summary(**line["summary"])
                yield Entry(Path(line["folder"]), summary, bool(line["facts"]))


class TableSink:
    """One table's rows, appended in order to one Parquet file."""

    def __init__(self, path: Path, table: OutputTable) -> None:
        self.table = table
        # Each field carries its description, for tools that read the file alone.
        self.schema = described_schema(table)
        self.writer = pq.ParquetWriter(str(path), self.schema)
        self.buffer: list[pa.Table] = []
        self.buffered = self.rows = 0

    def add(self, data: pa.Table) -> None:
        if data.num_rows:
            self.buffer.append(data)
            self.buffered += data.nbytes
            self.rows += data.num_rows
        if self.buffered >= ROW_GROUP_BYTES or len(self.buffer) >= ROW_GROUP_SHARDS:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.writer.write_table(pa.concat_tables(self.buffer).cast(self.schema))
        self.buffer, self.buffered = [], 0

    def close(self) -> int:
        self.flush()
        self.writer.close()
        return self.rows


def buckets(fact_groups: Counter[str]) -> list[list[str]]:
    """Observation groups in the panel's order, gathered so a bucket holds about
    BUCKET_ROWS facts (a single group may hold more)."""
    groups: list[list[str]] = [[]]
    size = 0
    for group in sorted(fact_groups, key=group_key):
        if size and size + fact_groups[group] > BUCKET_ROWS:
            groups.append([])
            size = 0
        groups[-1].append(group)
        size += fact_groups[group]
    return groups


def _facts(table: pa.Table) -> list[PanelFact]:
    return [PanelFact(**row) for row in table.to_pylist()]


def _read_facts(entry: Entry) -> pa.Table:
    return read_arrow(entry.folder / f"{FACTS}.arrow")


def batches(path: Path) -> Iterator[pa.Table]:
    """An Arrow file's record batches one at a time, never the file whole."""
    with pa.OSFile(str(path)) as source:
        reader = pa.ipc.open_file(source)
        for i in range(reader.num_record_batches):
            yield pa.Table.from_batches([reader.get_batch(i)])


def fact_batches(entries: EntryLog, scratch: Path) -> Iterator[list[PanelFact]]:
    """Every fact of the run, a bucket of whole observation groups at a time."""
    groups = buckets(entries.fact_groups)
    with_facts = (_read_facts(e) for e in entries if e.has_facts)
    if len(groups) == 1:
        yield [f for data in with_facts for f in _facts(data)]
        return
    for path in _split(with_facts, groups, scratch, "facts"):
        yield _facts(read_arrow(path))
        path.unlink()


def _split(
    tables: Iterable[pa.Table], groups: list[list[str]], scratch: Path, name: str
) -> Iterator[Path]:
    """The rows of `tables` in one file per bucket of `groups`, the files in
    bucket order. With more than FANOUT buckets the rows go to FANOUT ranges of
    buckets first, and each range is split again."""
    size = math.ceil(len(groups) / FANOUT)
    ranges = [groups[i : i + size] for i in range(0, len(groups), size)]
    part_of = {g: n for n, part in enumerate(ranges) for b in part for g in b}
    paths = [scratch / f"{name}-{n:03d}.arrow" for n in range(len(ranges))]
    with ExitStack() as stack:
        writers = [
            stack.enter_context(pa.ipc.new_file(str(p), FACTS_SCHEMA)) for p in paths
        ]
        for data in tables:
            columns = (data.column(c).to_pylist() for c in GROUP_COLUMNS)
            index = pa.array(
                [part_of[group_of(*key)] for key in zip(*columns, strict=True)],
                pa.int32(),
            )
            for n in sorted(set(index.to_pylist())):
                writers[n].write_table(data.filter(pc.equal(index, n)))
    for path, part in zip(paths, ranges, strict=True):
        if len(part) == 1:
            yield path
            continue
        yield from _split(batches(path), part, scratch, path.stem)
        path.unlink()


def write_panel(
    entries: EntryLog,
    run: Path,
    scratch: Path,
    late: list[dict[str, object]],
    checker: Checker,
) -> tuple[dict[str, int], Path]:
    """`observations` and `indicators` into `run`; their issues into a scratch
    file, returned with the row counts."""
    issues_path = scratch / "panel-issues.arrow"
    observations = TableSink(run / f"{OBSERVATIONS.name}.parquet", OBSERVATIONS)
    seen = Seen()
    with pa.ipc.new_file(str(issues_path), ISSUES.schema) as issues_file:
        for facts in fact_batches(entries, scratch):
            seen.add(facts)
            rows: list[dict[str, object]] = []
            issues: list[dict[str, object]] = []
            for record in observe(facts):
                target = rows if isinstance(record, Observation) else issues
                target.append(as_row(record))
            data = arrow_table(OBSERVATIONS, rows, late)
            observations.add(checker.rows(OBSERVATIONS, data))
            issues_file.write_table(arrow_table(ISSUES, issues, late))
    indicators = TableSink(run / f"{INDICATORS.name}.parquet", INDICATORS)
    data = arrow_table(INDICATORS, [as_row(r) for r in seen.indicators()], late)
    indicators.add(checker.rows(INDICATORS, data))
    counts = {INDICATORS.name: indicators.close()}
    counts[OBSERVATIONS.name] = observations.close()
    return counts, issues_path


@dataclass(frozen=True, slots=True)
class Written:
    """Row counts per table, and the rows not written for breaking the schema."""

    counts: dict[str, int]
    dropped: int


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
    checker = Checker(scratch / "violations.arrow")
    counts: dict[str, int] = {}
    for table in DOCUMENT_TABLES:
        if table is not ISSUES:
            counts[table.name] = _copy_shards(entries, table, run, checker)
    late: list[dict[str, object]] = []
    panel_counts, panel_issues = write_panel(entries, run, scratch, late, checker)
    counts.update(panel_counts)
    sink = TableSink(run / f"{ISSUES.name}.parquet", ISSUES)
    for e in entries:
        if e.summary.counts.get(ISSUES.name):
            data = read_arrow(e.folder / f"{ISSUES.name}.arrow")
            sink.add(checker.rows(ISSUES, data))
    sink.add(checker.rows(ISSUES, arrow_table(ISSUES, run_issues, late)))
    for data in batches(panel_issues):
        sink.add(checker.rows(ISSUES, data))
    for name in LATE_ORDER:
        for e in entries.with_late():
            rows = read_arrow(e.folder / f"{LATE}.arrow")
            data = _late_rows(rows.filter(pc.equal(rows["source_table"], name)))
            sink.add(checker.rows(ISSUES, data))
        own = [row for row in late if row["source_table"] == name]
        data = _late_rows(pa.Table.from_pylist(own, LATE_SCHEMA))
        sink.add(checker.rows(ISSUES, data))
    checker.close()
    # Built from the catalogue: they satisfy the issues schema.
    for data in batches(checker.path):
        sink.add(data)
    counts[ISSUES.name] = sink.close()
    return Written(counts, checker.dropped)


def _late_rows(data: pa.Table) -> pa.Table:
    return data.drop_columns(["source_table"])


def _copy_shards(
    entries: EntryLog, table: OutputTable, run: Path, checker: Checker
) -> int:
    sink = TableSink(run / f"{table.name}.parquet", table)
    for e in entries:
        if e.summary.counts.get(table.name):
            data = read_arrow(e.folder / f"{table.name}.arrow")
            sink.add(checker.rows(table, data))
    return sink.close()
