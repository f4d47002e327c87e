"""One document's records as Arrow tables, all in one entry file.

An entry is what one input gave, in one file: an Arrow IPC stream for each
table it has rows in, plus `facts`, the few columns of its facts the run-level
panel needs, `late`, the issues for rows a table's schema could not hold, and
`rejected`, the `schema_violation` issues of the rows its checks
(extract/validate.py) kept out of its tables; the streams one after the other
from the file's start, then its summary (status, seconds, row counts and where
each stream lies) as JSON, then the length of that JSON. One file, not one a
table: creating a file costs more than writing one of these tables. Entries
are written whole into a temporary file and renamed into place, so a killed
run leaves either a complete entry or a temporary file the next run removes.
"""

from __future__ import annotations

import json
import os
import secrets
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from functools import cache
from operator import attrgetter
from pathlib import Path

import pyarrow as pa

from extract.panel import PanelFact, facts_of
from extract.records import IssueRow, Record, as_row, values
from extract.validate import checked
from schemas.tables import BY_NAME, ISSUES, TABLES, OutputTable

# The layout of an entry file, part of the cache key: an entry of another
# layout is never read as one of this.
FORMAT = 2
# The summary's length in bytes, as ASCII digits, ends the file.
TRAILER = 10
FACTS, LATE, REJECTED = "facts", "late", "rejected"
# The fields of a fact that name its observation group (`group_of`).
GROUP_COLUMNS = ("indicator_id", "financial_year", "period")
# The tables a document gives; `indicators` and `observations` are run-level.
DOCUMENT_TABLES = tuple(
    t for t in TABLES if t.name not in ("indicators", "observations")
)
# A panel fact as an Arrow row: its fields in order, every one text but the
# value (extract/panel.py says what each means).
FACTS_SCHEMA = pa.schema(
    [
        (f.name, pa.float64() if f.name == "value" else pa.string())
        for f in fields(PanelFact)
    ]
)

# A panel fact's values, in the order of its row's columns.
FACT_VALUES = attrgetter(*FACTS_SCHEMA.names)

# The issue schema plus the table whose row it reports, to keep today's order.
LATE_SCHEMA = ISSUES.schema.append(pa.field("source_table", pa.string()))
# The order a document's tables are written in: issues last, as a row
# another table cannot hold is reported there.
WRITE_ORDER = tuple(sorted(DOCUMENT_TABLES, key=lambda t: t is ISSUES))
ARROW_ERRORS = (pa.ArrowException, OverflowError, TypeError, ValueError)
# What ends an Arrow IPC stream: the continuation marker and a length of 0.
END_OF_STREAM = b"\xff\xff\xff\xff\x00\x00\x00\x00"


@dataclass(frozen=True, slots=True)
class Summary:
    """What the run needs to know of an entry without reading its tables."""

    source_path: str
    sha256: str | None
    status: str
    seconds: float
    reason: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    # Fact rows per observation group (`group_of`): how the panel splits its
    # work.
    fact_groups: dict[str, int] = field(default_factory=dict)
    cached: bool = False
    # Rows kept out of the tables for breaking their table's schema.
    dropped: int = 0
    # Where each table's stream lies in the entry file: its offset and length.
    parts: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Summary:
        with path.open("rb") as f:
            f.seek(-TRAILER, os.SEEK_END)
            size = int(f.read(TRAILER))
            f.seek(-TRAILER - size, os.SEEK_END)
            data = json.loads(f.read(size))
        return cls(**data)


def group_of(indicator_id: object, financial_year: object, period: object) -> str:
    """The indicator, year and period of a fact: all of an observation's facts
    share them, and the panel's rows are in their order (`group_key`)."""
    return json.dumps([indicator_id, financial_year or "", period or ""])


def group_key(group: str) -> tuple[str, ...]:
    return tuple(json.loads(group))


def arrow_table(
    table: OutputTable, rows: list[dict[str, object]], late: list[dict[str, object]]
) -> pa.Table:
    """The rows as an Arrow table; a row its schema cannot hold becomes an issue."""
    try:
        return pa.Table.from_pylist(rows, schema=table.schema)
    except ARROW_ERRORS:
        pass
    good = []
    for row in rows:
        try:
            pa.Table.from_pylist([row], schema=table.schema)
        except ARROW_ERRORS as exc:
            late.append(_late_issue(table, row, exc))
        else:
            good.append(row)
    return pa.Table.from_pylist(good, schema=table.schema)


def records_table(
    table: OutputTable, records: Sequence[Record], late: list[dict[str, object]]
) -> pa.Table:
    """`arrow_table` of the rows of `records` (all of one class), built from
    a tuple of values a record: the same table and the same issues, without
    a dict a row."""
    try:
        return tuple_table(table.name, values(records, table.schema.names))
    except ARROW_ERRORS:
        # A row its schema cannot hold: find it as `arrow_table` does.
        return arrow_table(table, [as_row(r) for r in records], late)


def tuple_table(name: str, rows: list[tuple[object, ...]]) -> pa.Table:
    """Rows of the entry table `name`, each a tuple of its columns' values in
    order, as an Arrow table: one conversion for the whole table, not one a
    column."""
    return pa.Table.from_struct_array(pa.array(rows, _row_type(name)))


@cache
def _row_type(name: str) -> pa.StructType:
    return pa.struct(list(schema_of(name)))


@cache
def _schema_message(name: str) -> pa.Buffer:
    """The message that opens every stream of the entry table `name`."""
    return schema_of(name).serialize()


def _late_issue(
    table: OutputTable, row: dict[str, object], exc: Exception
) -> dict[str, object]:
    doc_id, line = row.get("doc_id"), row.get("line_start")
    issue = IssueRow.of(
        "value_out_of_range",
        doc_id if isinstance(doc_id, str) else None,
        f"{table.name} row at line {line} not written: {exc}",
        line=line if isinstance(line, int) and table is not ISSUES else None,
    )
    return {**as_row(issue), "source_table": table.name}


def read_arrow(path: Path) -> pa.Table:
    """An Arrow IPC file, read whole: scratch files are small, and opening a
    mapping costs three times the read."""
    return pa.ipc.open_file(pa.py_buffer(path.read_bytes())).read_all()


def read_part(path: Path | bytes, span: Sequence[int]) -> pa.Table:
    """The table of the entry file `path` whose stream lies at `span`."""
    offset, size = span
    fd = os.open(path, os.O_RDONLY)
    try:
        data = os.pread(fd, size, offset)
    finally:
        os.close(fd)
    return pa.ipc.open_stream(pa.py_buffer(data)).read_all()


class _Streams:
    """An entry's streams, one after the other, and where each lies."""

    def __init__(self) -> None:
        self.messages: list[pa.Buffer | bytes] = []
        self.size = 0
        self.parts: dict[str, list[int]] = {}

    def put(self, name: str, data: pa.Table) -> None:
        """The stream of table `name`: the bytes `pa.ipc.new_stream` writes,
        its schema's message serialized once a run. A table of another schema,
        or with dictionary columns (whose stream needs dictionary batches),
        is written by `pa.ipc.new_stream` itself."""
        start = self.size
        if _plain(name, data.schema):
            batches = [batch.serialize() for batch in data.to_batches()]
            messages = [_schema_message(name), *batches, END_OF_STREAM]
        else:
            sink = pa.BufferOutputStream()
            with pa.ipc.new_stream(sink, data.schema) as writer:
                writer.write_table(data)
            messages = [sink.getvalue()]
        for message in messages:
            self.messages.append(message)
            self.size += len(message)
        self.parts[name] = [start, self.size - start]


def _plain(name: str, schema: pa.Schema) -> bool:
    """`schema` is the entry table `name`'s, with no dictionary column."""
    return schema.equals(schema_of(name)) and _undictionaried(name)


@cache
def _undictionaried(name: str) -> bool:
    return not any(pa.types.is_dictionary(f.type) for f in schema_of(name))


def write_entry(path: Path, summary: Summary, records: Sequence[Record]) -> Summary:
    """Write one document's tables as the entry file `path`, atomically."""
    sink = _Streams()
    counts, dropped, late, rejected = _put_tables(sink, records)
    groups = _put_facts(sink, records)
    if late:
        sink.put(LATE, pa.Table.from_pylist(late, LATE_SCHEMA))
        counts[LATE] = len(late)
    if rejected:
        sink.put(REJECTED, pa.Table.from_pylist(rejected, LATE_SCHEMA))
        counts[REJECTED] = len(rejected)
    done = replace(
        summary, counts=counts, fact_groups=groups, dropped=dropped, parts=sink.parts
    )
    # Its fields hold no dataclass: a shallow dict is its JSON.
    content = {n: getattr(done, n) for n in done.__dataclass_fields__}
    _write_file(path, sink.messages, json.dumps(content).encode())
    return done


def _put_tables(
    sink: _Streams, records: Sequence[Record]
) -> tuple[dict[str, int], int, list[dict[str, object]], list[dict[str, object]]]:
    """Each table the records have rows in, checked, into `sink`: the row
    counts, how many rows the checks dropped, the issues of rows a table could
    not hold (`late`) and of the rows the checks dropped (`rejected`)."""
    rows: dict[str, list[Record]] = {t.name: [] for t in DOCUMENT_TABLES}
    for record in records:
        rows[record.table].append(record)
    late: list[dict[str, object]] = []
    rejected: list[dict[str, object]] = []
    counts: dict[str, int] = {}
    dropped = 0
    for table in WRITE_ORDER:
        if not rows[table.name]:
            # Most documents fill a few of the tables.
            counts[table.name] = 0
            continue
        data = records_table(table, rows[table.name], late)
        data, issues, n = checked(table, data)
        rejected += [{**row, "source_table": table.name} for row in issues]
        dropped += n
        counts[table.name] = data.num_rows
        if data.num_rows:
            sink.put(table.name, data)
    return counts, dropped, late, rejected


def _put_facts(sink: _Streams, records: Sequence[Record]) -> dict[str, int]:
    """The records' panel facts into `sink`; how many fall in each
    observation group (`group_of`), in the groups' order."""
    facts = list(facts_of(records))
    if not facts:
        return {}
    sink.put(FACTS, tuple_table(FACTS, list(map(FACT_VALUES, facts))))
    # Counted by distinct field values first: a document repeats a group often,
    # and `group_of` is a JSON text a call.
    same = Counter(map(attrgetter(*GROUP_COLUMNS), facts))
    groups: Counter[str] = Counter()
    for key, n in same.items():
        groups[group_of(*key)] += n
    return dict(sorted(groups.items()))


def _write_file(path: Path, streams: list[pa.Buffer | bytes], head: bytes) -> None:
    """The entry file: its streams, its summary `head`, the summary's length;
    written under a temporary name and renamed into place."""
    # Not mkstemp: its 0600 would keep the group out of a shared cache.
    tmp = path.parent / f".tmp-{os.getpid()}-{secrets.token_hex(6)}"
    try:
        f = tmp.open("wb")
    except FileNotFoundError:
        # The folder is made when the first entry of its bucket is written.
        path.parent.mkdir(parents=True, exist_ok=True)
        f = tmp.open("wb")
    try:
        with f:
            f.writelines(streams)
            f.write(head)
            f.write(b"%0*d" % (TRAILER, len(head)))
        # Over an older entry (a forced re-parse) too.
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def schema_of(name: str) -> pa.Schema:
    if name == FACTS:
        return FACTS_SCHEMA
    if name in (LATE, REJECTED):
        return LATE_SCHEMA
    return BY_NAME[name].schema
