"""The panel as a reduce over facts shards: what it holds at once, and that its
rows are those of the whole run's facts reduced in memory."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extract import panel_reduce, reduce
from extract.panel import PanelFact, panel_of
from extract.records import IndicatorRow, Observation, Record, as_row
from extract.shards import FACTS_SCHEMA, arrow_table, group_of
from extract.table_sink import TableSink
from extract.validate import Checker
from schemas.tables import INDICATORS, ISSUES, OBSERVATIONS, OutputTable

REPORTS = 30


def report_facts(k: int) -> list[PanelFact]:
    """Report k: every report restates the same three figures, two of them with
    a value of its own, and names a breakdown's indicator."""
    doc, path = f"doc{k:02d}", f"{k:02d}.txt"
    rank = ("2017/18", "Q4", f"2018-05-{k + 1:02d}")

    def fact(indicator: str, period: str, value: float) -> PanelFact:
        return PanelFact(
            indicator, "2017/18", period, "actual", "count", indicator.title(),
            value, doc, path, *rank, "grid",
        )  # fmt: skip

    named = PanelFact(
        "burglary", "2017/18", None, None, None, "Burglary dwelling",
        None, None, None, "", "", "", "",
    )  # fmt: skip
    return [
        fact("arson", "FY", 12.0),
        fact("burglary", "Q1", 100.0 + k),
        fact("burglary", "Q2", 200.0 + k % 2),
        named,
    ]


@pytest.fixture()
def shards() -> list[pa.Table]:
    tables = []
    for k in range(REPORTS):
        rows = [
            {n: getattr(f, n) for n in PanelFact.__dataclass_fields__}
            for f in report_facts(k)
        ]
        tables.append(pa.Table.from_pylist(rows, FACTS_SCHEMA))
    return tables


def reduced(shards: list[pa.Table], tmp_path: Path) -> dict[str, list[dict[str, Any]]]:
    groups: Counter[str] = Counter()
    for k in range(len(shards)):
        groups.update(
            group_of(f.indicator_id, f.financial_year, f.period)
            for f in report_facts(k)
        )
    run, scratch = tmp_path / "run", tmp_path / "scratch"
    run.mkdir()
    scratch.mkdir()
    checker = Checker(scratch / "violations.arrow")
    panel_reduce.write_panel(shards, groups, run, scratch, [], checker)
    checker.close()
    return {
        t.name: pq.read_table(run / f"{t.name}.parquet").to_pylist()
        for t in (OBSERVATIONS, INDICATORS)
    }


def in_memory() -> dict[str, list[dict[str, Any]]]:
    records = list(panel_of(f for k in range(REPORTS) for f in report_facts(k)))

    def rows(kind: type[Record], table: OutputTable) -> list[dict[str, Any]]:
        got = [as_row(r) for r in records if isinstance(r, kind)]
        return pa.Table.from_pylist(got, schema=table.schema).to_pylist()

    return {
        OBSERVATIONS.name: rows(Observation, OBSERVATIONS),
        INDICATORS.name: rows(IndicatorRow, INDICATORS),
    }


def test_a_bucket_holds_whole_observations_and_no_named_fact(
    shards: list[pa.Table], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Buckets of one fact: each observation's 30 facts are a bucket of their
    # own, and the 30 breakdown names, one group, are never a bucket.
    monkeypatch.setattr(panel_reduce, "BUCKET_ROWS", 1)
    monkeypatch.setattr(panel_reduce, "FANOUT", 2)
    observe = panel_reduce.observe
    held: list[list[tuple[str, str | None, str | None]]] = []

    def spy(facts: Iterable[PanelFact]) -> Iterator[Record]:
        facts = list(facts)
        held.append([(f.indicator_id, f.period, f.measure) for f in facts])
        return observe(facts)

    monkeypatch.setattr(panel_reduce, "observe", spy)
    got = reduced(shards, tmp_path)
    assert [len(h) for h in held] == [REPORTS, REPORTS, REPORTS]
    assert [h[0] for h in held] == [
        ("arson", "FY", "actual"),
        ("burglary", "Q1", "actual"),
        ("burglary", "Q2", "actual"),
    ]
    assert got == in_memory()
    burglary = got[INDICATORS.name][1]
    assert burglary["aliases"] == ["Burglary", "Burglary dwelling"]
    q1 = got[OBSERVATIONS.name][1]
    assert (q1["n_sources"], q1["conflict"], q1["value"]) == (REPORTS, True, 129.0)


def test_buckets_are_read_in_few_record_batches(
    shards: list[pa.Table], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Split twice (four buckets, two files at a time): each bucket's file is
    # one record batch, not one a shard; the breakdown names' bucket is empty.
    monkeypatch.setattr(panel_reduce, "BUCKET_ROWS", 1)
    monkeypatch.setattr(panel_reduce, "FANOUT", 2)
    read = panel_reduce.read_arrow
    chunks: list[int] = []

    def spy(path: Path) -> pa.Table:
        data = read(path)
        if path.name.startswith("facts-") and data.num_rows:
            chunks.append(data.column(0).num_chunks)
        return data

    monkeypatch.setattr(panel_reduce, "read_arrow", spy)
    assert reduced(shards, tmp_path) == in_memory()
    assert chunks == [1, 1, 1]


def test_the_tables_are_reduced_on_the_system_allocator(
    shards: list[pa.Table], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pools: list[str] = []

    def spy(*args: Any) -> tuple[dict[str, int], Path]:
        pools.append(pa.default_memory_pool().backend_name)
        raise RuntimeError("stop")

    before = pa.default_memory_pool().backend_name
    monkeypatch.setattr(reduce, "write_panel", spy)
    monkeypatch.setattr(reduce, "DOCUMENT_TABLES", ())
    log = reduce.EntryLog(tmp_path / "entries.jsonl", 0)
    with pytest.raises(RuntimeError):
        reduce.write_tables(log, [], tmp_path, tmp_path)
    log.close()
    assert pools == ["system"]
    assert pa.default_memory_pool().backend_name == before


def test_a_table_sink_writes_a_row_group_when_its_tables_use_its_size(
    tmp_path: Path,
) -> None:
    # The sink sums the sizes of the buffers its tables hold as they come and
    # what they use (`nbytes`) only near a row group; the row groups are the
    # ones a sum of `nbytes` makes. Slices hold their whole buffers but use
    # a part of them.
    rows: list[dict[str, object]] = [
        {"doc_id": f"d{i}", "code": "unparsed_block", "severity": "warning",
         "message": "x" * (200 + i)}
        for i in range(60)
    ]  # fmt: skip
    whole = arrow_table(ISSUES, rows, [])
    pieces = [whole.slice(i, 1) for i in range(60)]
    size = 3_000
    sink = TableSink(tmp_path / "issues.parquet", ISSUES, size)
    for piece in pieces:
        sink.add(piece)
    assert sink.close() == 60
    expected, used, held = [], 0, 0
    for piece in pieces:
        used += piece.nbytes
        held += 1
        if used >= size:
            expected.append(held)
            used = held = 0
    if held:
        expected.append(held)
    meta = pq.ParquetFile(tmp_path / "issues.parquet").metadata
    groups = [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
    assert groups == expected
    assert len(groups) > 3
