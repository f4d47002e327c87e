"""The run-level panel as a reduce over the entries' facts: `observations`,
`indicators` and the `conflicting_values` issues, never every fact at once.

`indicators` needs only a few sets per indicator (`Seen`), filled an entry at
a time. An observation needs all of its facts at once, so the facts that are
observations (a measure and a period; a breakdown only names its indicator)
are split by indicator, year and period into buckets of about BUCKET_ROWS
facts and reduced a bucket at a time; buckets follow the order of the panel's
rows. What a bucket holds grows with the reports that restate one figure, not
with the run: bench/bench_archive.py's 10,000 reports name the indicator of a
breakdown 24,000 times in one group, which the panel never reads as a bucket.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pyarrow as pa

from extract.panel import SEEN_COLUMNS, PanelFact, Seen, observe
from extract.records import Observation, as_row
from extract.shards import FACTS_SCHEMA, arrow_table, group_key, read_arrow
from extract.table_sink import TableSink, batches
from extract.validate import Checker
from schemas.tables import INDICATORS, ISSUES, OBSERVATIONS

# bench/bench_archive.py: with buckets of 20,000 facts 2,000 reports peaked at
# 198 MiB (141 for 200); with 2,000 they stay within 7% of 200 reports.
BUCKET_ROWS = 2_000
# Files written at once while facts are split into buckets: more buckets are
# split into this many ranges first, each range then split again, so neither
# open files nor their buffers grow with the archive.
FANOUT = 32
# Facts are split this many bytes (or shards) at a time, so a bucket's file
# holds a few record batches, not one per shard per range: a batch of a few
# rows costs a kilobyte of metadata on disk and many more once read back.
SPILL_BYTES = 4 << 20
SPILL_SHARDS = 100
# `observations` is written in smaller row groups than the other tables: a row
# of a big archive lists thousands of documents, and the Parquet writer holds a
# row group's encoded pages until it is written. Writing the 10,000 reports of
# bench/bench_archive.py, the reduce held 66 MiB (anonymous memory) with 4 MiB
# row groups, 60 with these, 54 for the rest of the run.
OBSERVATION_GROUP_BYTES = 256 << 10
# The facts `observed` remembers having told `Seen`, at most.
NOTED_FACTS = 100_000
GROUP_COLUMNS = ("indicator_id", "financial_year", "period")
MEASURE, PERIOD = SEEN_COLUMNS.index("measure"), SEEN_COLUMNS.index("period")
# Between the parts of a group's key: no indicator id, year or period holds it.
KEY_SEPARATOR = "\x1f"


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
    """The facts of an Arrow table. A bucket may hold thousands of facts of one
    observation, which repeat its names, units and ranks: each distinct text
    is one object, not one per fact."""
    columns = [_shared(table.column(name)) for name in FACTS_SCHEMA.names]
    return list(map(PanelFact, *columns))


def _shared(column: pa.ChunkedArray) -> list[object]:
    values: list[object] = column.to_pylist()
    if column.type != pa.string():
        return values
    # A key keeps its first object: each value maps to the first of its equals.
    texts = dict(zip(values, values, strict=True))
    return list(map(texts.__getitem__, values))


def observed(shards: Iterable[pa.Table], seen: Seen) -> Iterator[pa.Table]:
    """The facts that are observations, a shard at a time; every fact of each
    shard is told to `seen` on the way."""
    # `seen` keeps sets: a fact told again changes nothing, and reports restate
    # the same indicators, names, years and units.
    noted: set[tuple[object, ...]] = set()
    for data in shards:
        columns = [data.column(name).to_pylist() for name in SEEN_COLUMNS]
        if len(noted) > NOTED_FACTS:
            noted.clear()
        for fact in set(zip(*columns, strict=True)) - noted:
            seen.note(*fact)
            noted.add(fact)
        pairs = zip(columns[MEASURE], columns[PERIOD], strict=True)
        yield _kept(data, [m is not None and p is not None for m, p in pairs])


def _kept(data: pa.Table, keep: list[bool]) -> pa.Table:
    """The rows of `data` that `keep` marks, as slices of `data`: what
    `data.filter` gives, but a run of one bucket need not import
    pyarrow.compute (0.08 s of a one-file run)."""
    runs: list[pa.Table] = []
    start = None
    for i, kept in enumerate([*keep, False]):
        if kept and start is None:
            start = i
        elif not kept and start is not None:
            runs.append(data.slice(start, i - start))
            start = None
    if len(runs) == 1:
        return runs[0]
    return pa.concat_tables(runs) if runs else data.slice(0, 0)


def fact_batches(
    shards: Iterable[pa.Table], groups: list[list[str]], scratch: Path, seen: Seen
) -> Iterator[list[PanelFact]]:
    """Every observation fact of the run, a bucket of whole observation groups
    at a time; `seen` is told of every fact first."""
    facts = observed(shards, seen)
    if len(groups) == 1:
        yield [f for data in facts for f in _facts(data)]
        return
    for path in _split(facts, groups, scratch, "facts"):
        data = read_arrow(path)
        path.unlink()
        # A bucket of groups that only name their indicator holds no fact.
        if data.num_rows:
            yield _facts(data)


def gathered(tables: Iterable[pa.Table]) -> Iterator[pa.Table]:
    """`tables` joined into tables of about SPILL_BYTES (or SPILL_SHARDS
    tables), each of one record batch."""
    held: list[pa.Table] = []
    size = 0
    for data in tables:
        held.append(data)
        size += data.nbytes
        if size >= SPILL_BYTES or len(held) >= SPILL_SHARDS:
            yield pa.concat_tables(held).combine_chunks()
            held, size = [], 0
    if held:
        yield pa.concat_tables(held).combine_chunks()


def _keys(data: pa.Table) -> pa.ChunkedArray:
    """Each fact's group as one string: indicator, year and period."""
    import pyarrow.compute as pc

    parts = [pc.fill_null(data[c], "") for c in GROUP_COLUMNS]
    return pc.binary_join_element_wise(*parts, KEY_SEPARATOR)


def _split(
    tables: Iterable[pa.Table], groups: list[list[str]], scratch: Path, name: str
) -> Iterator[Path]:
    """The rows of `tables` in one file per bucket of `groups`, the files in
    bucket order. With more than FANOUT buckets the rows go to FANOUT ranges of
    buckets first, and each range is split again."""
    import pyarrow.compute as pc

    size = math.ceil(len(groups) / FANOUT)
    ranges = [groups[i : i + size] for i in range(0, len(groups), size)]
    members = [
        (KEY_SEPARATOR.join(x or "" for x in group_key(g)), n)
        for n, part in enumerate(ranges)
        for b in part
        for g in b
    ]
    keys = pa.array([k for k, _ in members], pa.string())
    part_of = pa.array([n for _, n in members], pa.int32())
    paths = [scratch / f"{name}-{n:03d}.arrow" for n in range(len(ranges))]
    with ExitStack() as stack:
        writers = [
            stack.enter_context(pa.ipc.new_file(str(p), FACTS_SCHEMA)) for p in paths
        ]
        for data in gathered(tables):
            index = pc.take(part_of, pc.index_in(_keys(data), value_set=keys))
            for n in pc.unique(index).to_pylist():
                writers[n].write_table(data.filter(pc.equal(index, n)))
    for path, part in zip(paths, ranges, strict=True):
        if len(part) == 1:
            yield path
            continue
        yield from _split(batches(path), part, scratch, path.stem)
        path.unlink()


def write_panel(
    shards: Iterable[pa.Table],
    fact_groups: Counter[str],
    run: Path,
    scratch: Path,
    late: list[dict[str, object]],
    checker: Checker,
) -> tuple[dict[str, int], Path]:
    """`observations` and `indicators` of `shards`, each entry's facts, into
    `run`; their issues into a scratch file, returned with the row counts."""
    issues_path = scratch / "panel-issues.arrow"
    observations = TableSink(
        run / f"{OBSERVATIONS.name}.parquet", OBSERVATIONS, OBSERVATION_GROUP_BYTES
    )
    seen = Seen()
    groups = buckets(fact_groups)
    with pa.ipc.new_file(str(issues_path), ISSUES.schema) as issues_file:
        for facts in fact_batches(shards, groups, scratch, seen):
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
