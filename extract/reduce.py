"""Shards -> one Parquet file per table, and the run-level panel as a reduce.

No table of the run is ever held whole: each is written shard by shard, in
input order, in row groups of about ROW_GROUP_BYTES. The panel (`indicators`,
`observations`, `conflicting_values` issues) needs every fact of an indicator
at once, so the facts are split by indicator into buckets of about
BUCKET_ROWS rows and reduced a bucket at a time; buckets follow the order of
indicator ids, which is the order of the panel's rows. Rows and their order are
those of one in-memory run over every record.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from extract.panel import PanelFact, panel_of
from extract.records import IndicatorRow, Observation, Record, as_row
from extract.shards import (
    DOCUMENT_TABLES,
    FACTS,
    FACTS_SCHEMA,
    LATE,
    LATE_SCHEMA,
    Summary,
    arrow_table,
    read_arrow,
    write_arrow,
)
from schemas.tables import INDICATORS, ISSUES, OBSERVATIONS, TABLES, OutputTable

# A table is written in row groups of about this many bytes: the text tables
# (actions, issues) hold a kilobyte a row, so a count of rows would not bound
# the memory a run needs.
ROW_GROUP_BYTES = 4 << 20
BUCKET_ROWS = 20_000
# The order a table's unholdable rows are reported in: every table, issues last.
LATE_ORDER = [t.name for t in sorted(TABLES, key=lambda t: t is ISSUES)]


@dataclass(frozen=True, slots=True)
class Entry:
    folder: Path
    summary: Summary


class TableSink:
    """One table's rows, appended in order to one Parquet file."""

    def __init__(self, path: Path, table: OutputTable) -> None:
        self.table = table
        self.writer = pq.ParquetWriter(str(path), table.schema)
        self.buffer: list[pa.Table] = []
        self.buffered = self.rows = 0

    def add(self, data: pa.Table) -> None:
        if data.num_rows:
            self.buffer.append(data)
            self.buffered += data.nbytes
            self.rows += data.num_rows
        if self.buffered >= ROW_GROUP_BYTES:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.writer.write_table(pa.concat_tables(self.buffer))
        self.buffer, self.buffered = [], 0

    def close(self) -> int:
        self.flush()
        self.writer.close()
        return self.rows


def buckets(fact_ids: Counter[str]) -> list[list[str]]:
    """Indicator ids in order, grouped so a group holds about BUCKET_ROWS facts."""
    groups: list[list[str]] = [[]]
    size = 0
    for indicator_id in sorted(fact_ids):
        if size and size + fact_ids[indicator_id] > BUCKET_ROWS:
            groups.append([])
            size = 0
        groups[-1].append(indicator_id)
        size += fact_ids[indicator_id]
    return groups


def _facts(table: pa.Table) -> list[PanelFact]:
    return [PanelFact(**row) for row in table.to_pylist()]


def fact_batches(entries: Sequence[Entry], scratch: Path) -> Iterator[list[PanelFact]]:
    """Every fact of the run, a bucket of whole indicators at a time."""
    with_facts = [e for e in entries if e.summary.fact_ids]
    counts: Counter[str] = Counter()
    for e in with_facts:
        counts.update(e.summary.fact_ids)
    groups = buckets(counts)
    if len(groups) == 1:
        yield [
            f for e in with_facts for f in _facts(read_arrow(e.folder / "facts.arrow"))
        ]
        return
    bucket_of = {i: n for n, group in enumerate(groups) for i in group}
    paths = [scratch / f"facts-{n:04d}.arrow" for n in range(len(groups))]
    with ExitStack() as stack:
        writers = [
            stack.enter_context(pa.ipc.new_file(str(p), FACTS_SCHEMA)) for p in paths
        ]
        for e in with_facts:
            data = read_arrow(e.folder / f"{FACTS}.arrow")
            ids = data.column("indicator_id").to_pylist()
            index = pa.array([bucket_of[i] for i in ids], pa.int32())
            for n in sorted(set(index.to_pylist())):
                writers[n].write_table(data.filter(pc.equal(index, n)))
    for path in paths:
        yield _facts(read_arrow(path))
        path.unlink()


def write_panel(
    entries: Sequence[Entry], run: Path, scratch: Path, late: list[dict[str, object]]
) -> tuple[dict[str, int], Path]:
    """`observations` and `indicators` into `run`; their issues into a scratch
    file, returned with the row counts."""
    issues_path = scratch / "panel-issues.arrow"
    sinks = {
        t.name: TableSink(run / f"{t.name}.parquet", t)
        for t in (INDICATORS, OBSERVATIONS)
    }
    issues: list[dict[str, object]] = []
    for facts in fact_batches(entries, scratch):
        rows: dict[str, list[dict[str, object]]] = {name: [] for name in sinks}
        for record in panel_of(facts):
            target = rows[record.table] if _is_panel(record) else issues
            target.append(as_row(record))
        for name, sink in sinks.items():
            sink.add(arrow_table(sink.table, rows[name], late))
    write_arrow(issues_path, arrow_table(ISSUES, issues, late))
    return {name: sink.close() for name, sink in sinks.items()}, issues_path


def _is_panel(record: Record) -> bool:
    return isinstance(record, Observation | IndicatorRow)


def write_tables(
    entries: Sequence[Entry],
    run_issues: list[dict[str, object]],
    run: Path,
    scratch: Path,
) -> dict[str, int]:
    """Every table of the run into `run`, in today's row order; the row counts.

    `issues` holds each document's issues in input order, then the run's own
    (`run_issues`: duplicate and refused inputs), the panel's, and last the
    rows a table's schema could not hold.
    """
    late: list[dict[str, object]] = []
    for e in entries:
        if e.summary.counts.get(LATE):
            late.extend(read_arrow(e.folder / f"{LATE}.arrow").to_pylist())
    counts: dict[str, int] = {}
    for table in DOCUMENT_TABLES:
        if table is not ISSUES:
            counts[table.name] = _copy_shards(entries, table, run)
    panel_counts, panel_issues = write_panel(entries, run, scratch, late)
    counts.update(panel_counts)
    sink = TableSink(run / f"{ISSUES.name}.parquet", ISSUES)
    for e in entries:
        if e.summary.counts.get(ISSUES.name):
            sink.add(read_arrow(e.folder / f"{ISSUES.name}.arrow"))
    sink.add(arrow_table(ISSUES, run_issues, late))
    sink.add(read_arrow(panel_issues))
    late.sort(key=lambda row: LATE_ORDER.index(str(row["source_table"])))
    sink.add(pa.Table.from_pylist(late, LATE_SCHEMA).drop_columns(["source_table"]))
    counts[ISSUES.name] = sink.close()
    return counts


def _copy_shards(entries: Sequence[Entry], table: OutputTable, run: Path) -> int:
    sink = TableSink(run / f"{table.name}.parquet", table)
    for e in entries:
        if e.summary.counts.get(table.name):
            sink.add(read_arrow(e.folder / f"{table.name}.arrow"))
    return sink.close()
