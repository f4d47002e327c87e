"""A document's entry: its tables built from the records column by column are
the tables of their rows (`arrow_table` of `as_row`), issues included."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pyarrow as pa
import pytest

from extract import parse, shards
from extract.inputs import Input
from extract.records import Record, RepairRow, Rolling12, as_row
from normalise.repair import Repair
from schemas.tables import BY_NAME
from tests.conftest import S000, SAMPLES


@pytest.fixture(scope="module")
def records() -> list[Record]:
    path = SAMPLES / S000
    return parse.process(Input(path=path, source_path=str(path))).records


def _by_table(records: list[Record]) -> dict[str, list[Record]]:
    tables: dict[str, list[Record]] = {}
    for r in records:
        tables.setdefault(r.table, []).append(r)
    return tables


def test_records_table_is_the_table_of_the_rows(records: list[Record]) -> None:
    repair = RepairRow.of(
        "d",
        "actions",
        "title",
        Repair("a", "b", "rule", alternatives=("c",)),
        page=None,
        line=3,
    )
    for name, rows in _by_table([*records, repair]).items():
        table = BY_NAME[name]
        late: list[dict[str, object]] = []
        got = shards.records_table(table, rows, late)
        want = shards.arrow_table(table, [as_row(r) for r in rows], [])
        assert got.equals(want, check_metadata=True), name
        assert late == []


def test_a_row_its_schema_cannot_hold_is_the_same_issue(
    records: list[Record],
) -> None:
    rows = [r for r in records if isinstance(r, Rolling12)]
    # line_start is an int32 column.
    rows[1] = dataclasses.replace(rows[1], line_start=2**40)
    table = BY_NAME[rows[0].table]
    got_late: list[dict[str, object]] = []
    want_late: list[dict[str, object]] = []
    got = shards.records_table(table, rows, got_late)
    want = shards.arrow_table(table, [as_row(r) for r in rows], want_late)
    assert got.equals(want) and got.num_rows == len(rows) - 1
    assert got_late == want_late and len(got_late) == 1


def test_an_entry_is_written_into_a_new_bucket_folder(
    records: list[Record], tmp_path: Path
) -> None:
    path = tmp_path / "store" / "ab" / "abcdef"
    summary = shards.Summary("x.txt", "abcdef", "ok", 0.1)
    done = shards.write_entry(path, summary, records)
    assert shards.Summary.load(path) == done
    assert sorted(p.name for p in path.parent.iterdir()) == ["abcdef"]
    written = {t: n for t, n in done.counts.items() if n}
    assert written == {name: len(rows) for name, rows in _by_table(records).items()}


def test_an_entry_stream_reads_back_whatever_its_table() -> None:
    # An entry table of its own schema is written message by message; one of
    # another schema, or with a dictionary column, by pyarrow's stream writer.
    facts = pa.table({"indicator_id": ["x"], "value": [1.5]})
    own = pa.Table.from_pylist(
        [dict.fromkeys(shards.FACTS_SCHEMA.names)], schema=shards.FACTS_SCHEMA
    )
    coded = pa.table({"a": pa.array(["x", "y", "x"]).dictionary_encode()})
    for table in (own, facts, coded):
        streams = shards._Streams()
        streams.put(shards.FACTS, table)
        data = pa.py_buffer(b"".join(bytes(m) for m in streams.messages))
        assert streams.parts == {shards.FACTS: [0, data.size]}
        back = pa.ipc.open_stream(data).read_all()
        assert back.equals(table)
