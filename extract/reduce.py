"""Shards -> one Parquet file per table, and the run-level panel as a reduce.

No table of the run is ever held whole: each is written shard by shard, in
input order, in row groups of about ROW_GROUP_BYTES. The panel (`observations`
and their `conflicting_values` issues) needs every fact of an observation at
once, so the facts are split by indicator, year and period into buckets of
about BUCKET_ROWS facts and reduced a bucket at a time; buckets follow the
order of the panel's rows. `indicators` needs only a few sets per indicator,
kept across buckets. Rows and their order are those of one in-memory run over
every record.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, replace
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
GROUP_COLUMNS = ("indicator_id", "financial_year", "period")
# The order a table's unholdable rows are reported in: every table, issues last.
LATE_ORDER = [t.name for t in sorted(TABLES, key=lambda t: t is ISSUES)]


@dataclass(frozen=True, slots=True)
class Entry:
    folder: Path
    summary: Summary
    has_facts: bool


def entry(folder: Path, summary: Summary, fact_groups: Counter[str]) -> Entry:
    """The entry of one input, its fact groups counted into the run's; the
    summary kept drops them (thousands of inputs would hold them all)."""
    fact_groups.update(summary.fact_groups)
    lean = replace(summary, fact_groups={})
    return Entry(folder, lean, has_facts=bool(summary.fact_groups))


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


def fact_batches(
    entries: Sequence[Entry], fact_groups: Counter[str], scratch: Path
) -> Iterator[list[PanelFact]]:
    """Every fact of the run, a bucket of whole observation groups at a time."""
    with_facts = [e for e in entries if e.has_facts]
    groups = buckets(fact_groups)
    if len(groups) == 1:
        yield [f for e in with_facts for f in _facts(_read_facts(e))]
        return
    bucket_of = {g: n for n, group in enumerate(groups) for g in group}
    paths = [scratch / f"facts-{n:04d}.arrow" for n in range(len(groups))]
    with ExitStack() as stack:
        writers = [
            stack.enter_context(pa.ipc.new_file(str(p), FACTS_SCHEMA)) for p in paths
        ]
        for e in with_facts:
            data = _read_facts(e)
            columns = (data.column(c).to_pylist() for c in GROUP_COLUMNS)
            index = pa.array(
                [bucket_of[group_of(*key)] for key in zip(*columns, strict=True)],
                pa.int32(),
            )
            for n in sorted(set(index.to_pylist())):
                writers[n].write_table(data.filter(pc.equal(index, n)))
    for path in paths:
        yield _facts(read_arrow(path))
        path.unlink()


def write_panel(
    entries: Sequence[Entry],
    fact_groups: Counter[str],
    run: Path,
    scratch: Path,
    late: list[dict[str, object]],
) -> tuple[dict[str, int], Path]:
    """`observations` and `indicators` into `run`; their issues into a scratch
    file, returned with the row counts."""
    issues_path = scratch / "panel-issues.arrow"
    observations = TableSink(run / f"{OBSERVATIONS.name}.parquet", OBSERVATIONS)
    seen = Seen()
    with pa.ipc.new_file(str(issues_path), ISSUES.schema) as issues_file:
        for facts in fact_batches(entries, fact_groups, scratch):
            seen.add(facts)
            rows: list[dict[str, object]] = []
            issues: list[dict[str, object]] = []
            for record in observe(facts):
                target = rows if isinstance(record, Observation) else issues
                target.append(as_row(record))
            observations.add(arrow_table(OBSERVATIONS, rows, late))
            issues_file.write_table(arrow_table(ISSUES, issues, late))
    indicators = TableSink(run / f"{INDICATORS.name}.parquet", INDICATORS)
    indicators.add(
        arrow_table(INDICATORS, [as_row(r) for r in seen.indicators()], late)
    )
    counts = {INDICATORS.name: indicators.close()}
    counts[OBSERVATIONS.name] = observations.close()
    return counts, issues_path


def write_tables(
    entries: Sequence[Entry],
    fact_groups: Counter[str],
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
    panel_counts, panel_issues = write_panel(entries, fact_groups, run, scratch, late)
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
