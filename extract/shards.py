"""One document's records as Arrow shards, one per table, in an entry folder.

An entry is what one input gave: `entry.json` (status, seconds, row counts) and
`<table>.arrow` for each table it has rows in, plus `facts.arrow`, the few
columns of its facts the run-level panel needs, `late.arrow`, the issues
for rows a table's schema could not hold, and `rejected.arrow`, the
`schema_violation` issues of the rows its checks (extract/validate.py) kept
out of the shards. Entries are written whole into a
temporary folder and renamed into place, so a killed run leaves either a
complete entry or a temporary folder the next run removes.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

import pyarrow as pa

from extract.panel import PanelFact, facts_of
from extract.records import IssueRow, Record, as_row
from extract.validate import checked
from schemas.tables import BY_NAME, ISSUES, TABLES, OutputTable

ENTRY = "entry.json"
FACTS, LATE, REJECTED = "facts", "late", "rejected"
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

# The issue schema plus the table whose row it reports, to keep today's order.
LATE_SCHEMA = ISSUES.schema.append(pa.field("source_table", pa.string()))
ARROW_ERRORS = (pa.ArrowException, OverflowError, TypeError, ValueError)


@dataclass(frozen=True, slots=True)
class Summary:
    """What the run needs to know of an entry without opening its shards."""

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
    # Rows kept out of the shards for breaking their table's schema.
    dropped: int = 0

    @classmethod
    def load(cls, folder: Path) -> Summary:
        data = json.loads((folder / ENTRY).read_text(encoding="utf-8"))
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


def write_arrow(path: Path, data: pa.Table) -> None:
    with pa.OSFile(str(path), "wb") as sink:
        with pa.ipc.new_file(sink, data.schema) as writer:
            writer.write_table(data)


def read_arrow(path: Path) -> pa.Table:
    # Read whole, not memory-mapped: shards are small, and opening a mapping
    # costs three times the read (thousands of shards in a cached run).
    return pa.ipc.open_file(pa.py_buffer(path.read_bytes())).read_all()


def write_entry(folder: Path, summary: Summary, records: Sequence[Record]) -> Summary:
    """Write one document's shards as the entry `folder`, atomically."""
    rows: dict[str, list[dict[str, object]]] = {t.name: [] for t in DOCUMENT_TABLES}
    for record in records:
        rows[record.table].append(as_row(record))
    folder.parent.mkdir(parents=True, exist_ok=True)
    # Not mkdtemp: its 0700 would keep the group out of a shared cache.
    tmp = folder.parent / f".tmp-{os.getpid()}-{secrets.token_hex(6)}"
    tmp.mkdir()
    try:
        late: list[dict[str, object]] = []
        rejected: list[dict[str, object]] = []
        counts: dict[str, int] = {}
        dropped = 0
        # Issues last: a row another table cannot hold is reported there.
        for table in sorted(DOCUMENT_TABLES, key=lambda t: t is ISSUES):
            if not rows[table.name]:
                # Most documents fill a few of the tables.
                counts[table.name] = 0
                continue
            data = arrow_table(table, rows[table.name], late)
            data, issues, n = checked(table, data)
            rejected += [{**row, "source_table": table.name} for row in issues]
            dropped += n
            counts[table.name] = data.num_rows
            if data.num_rows:
                write_arrow(tmp / f"{table.name}.arrow", data)
        # PanelFact holds no nested dataclass: a shallow dict is its row.
        facts = [
            {n: getattr(f, n) for n in f.__dataclass_fields__}
            for f in facts_of(records)
        ]
        if facts:
            write_arrow(
                tmp / f"{FACTS}.arrow", pa.Table.from_pylist(facts, FACTS_SCHEMA)
            )
        if late:
            write_arrow(tmp / f"{LATE}.arrow", pa.Table.from_pylist(late, LATE_SCHEMA))
            counts[LATE] = len(late)
        if rejected:
            write_arrow(
                tmp / f"{REJECTED}.arrow", pa.Table.from_pylist(rejected, LATE_SCHEMA)
            )
            counts[REJECTED] = len(rejected)
        groups = Counter(group_of(f["indicator_id"], f["financial_year"], f["period"])
                         for f in facts)  # fmt: skip
        done = replace(
            summary,
            counts=counts,
            fact_groups=dict(sorted(groups.items())),
            dropped=dropped,
        )
        (tmp / ENTRY).write_text(json.dumps(asdict(done)), encoding="utf-8")
        _replace_folder(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return done


def _replace_folder(tmp: Path, folder: Path) -> None:
    """Rename `tmp` to `folder`; an older entry there (a forced re-parse) goes."""
    try:
        os.rename(tmp, folder)
        return
    except OSError:
        if not folder.exists():
            raise
    old = folder.with_name(f".tmp-{os.getpid()}-old-{folder.name}")
    os.rename(folder, old)
    os.rename(tmp, folder)
    shutil.rmtree(old, ignore_errors=True)


def schema_of(name: str) -> pa.Schema:
    if name == FACTS:
        return FACTS_SCHEMA
    if name in (LATE, REJECTED):
        return LATE_SCHEMA
    return BY_NAME[name].schema
