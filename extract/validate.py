"""Every row checked against its table's schema before the table is published.

Types are the schema's already: a shard or panel chunk is built with
`pa.Table.from_pylist(rows, schema=...)`, and a value its column cannot hold
is reported where it is built (extract/shards.py). What is checked here, with
pyarrow compute on each chunk as it is written: a non-null column holds no
null (a key part, since key columns are never null); a column with allowed
values (`schemas/columns.py`) holds only those; a table with a primary key
holds each key once. A chunk is one document's shard (every primary key of a
document's table holds its doc_id, or an id made from it, so a key cannot
repeat across documents) or a bucket of the panel (whose observation groups
no other bucket holds). A row that fails is not written: it becomes a
`schema_violation` issue naming the table, the row's key and the column.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from extract.records import IssueRow, as_row
from schemas.columns import allowed_values
from schemas.tables import ISSUES, OutputTable


def checked(
    table: OutputTable, data: pa.Table
) -> tuple[pa.Table, list[dict[str, object]], int]:
    """The rows of `data` that satisfy `table`'s schema, the issue rows of
    those that do not, and how many rows those are."""
    bad = list(violations(table, data))
    if not bad:
        return data, [], 0
    keep = [True] * data.num_rows
    for i, _ in bad:
        keep[i] = False
    kept = data.filter(pa.array(keep, pa.bool_()))
    return kept, [as_row(issue) for _, issue in bad], len({i for i, _ in bad})


class Checker:
    """Checks chunks of rows; the issues of the rows it drops go to an Arrow
    file in scratch space, read back once every table is written. A document's
    shards are checked where they are written (extract/shards.py): their issues
    are taken in (`take`) in the order their tables are written."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.dropped = 0
        self.writer = pa.ipc.new_file(str(path), ISSUES.schema)

    def rows(self, table: OutputTable, data: pa.Table) -> pa.Table:
        """The rows of `data` that satisfy `table`'s schema."""
        kept, issues, dropped = checked(table, data)
        if issues:
            self.writer.write_table(pa.Table.from_pylist(issues, schema=ISSUES.schema))
            self.dropped += dropped
        return kept

    def take(self, issues: pa.Table) -> None:
        """The issues of rows checked elsewhere."""
        if issues.num_rows:
            self.writer.write_table(issues.select(ISSUES.schema.names))

    def close(self) -> None:
        self.writer.close()


@dataclass(frozen=True, slots=True)
class _Rules:
    """What `_sound` checks of a table: the columns that may hold no null, and
    the allowed values of those that have them (None, a null, among them)."""

    not_null: tuple[str, ...]
    allowed: tuple[tuple[str, frozenset[object]], ...]


_RULES: dict[str, _Rules] = {}


def _rules(table: OutputTable) -> _Rules:
    rules = _RULES.get(table.name)
    if rules is None:
        allowed = [(f.name, allowed_values(table.name, f.name)) for f in table.schema]
        rules = _RULES[table.name] = _Rules(
            tuple(f.name for f in table.schema if not f.nullable),
            tuple((n, frozenset((None, *a))) for n, a in allowed if a is not None),
        )
    return rules


def _sound(table: OutputTable, data: pa.Table) -> bool:
    """Whether every row of `data` satisfies `table`'s schema. Most chunks do,
    and are told so without a row read one at a time: a chunk is a document's
    shard of tens of rows, for which Python's sets beat Arrow's kernels."""
    rules = _rules(table)
    if any(data.column(name).null_count for name in rules.not_null):
        return False
    for name, allowed in rules.allowed:
        if not allowed.issuperset(data.column(name).to_pylist()):
            return False
    if table.primary_key and data.num_rows > 1:
        keys = set(zip(*(data.column(k).to_pylist() for k in table.key), strict=True))
        return len(keys) == len(data)
    return True


def violations(table: OutputTable, data: pa.Table) -> Iterator[tuple[int, IssueRow]]:
    """(row index, issue) for each row and column that breaks the schema; a row
    with a null column is not also reported as a repeated key."""
    if _sound(table, data):
        return
    # Here only: most runs have no row to report, and need not import it.
    import pyarrow.compute as pc

    failed: set[int] = set()
    for field in table.schema:
        column = data.column(field.name)
        if not field.nullable and column.null_count:
            for i in _indexes(pc.is_null(column)):
                failed.add(i)
                yield i, _issue(table, data, i, field.name, "is null")
        allowed = allowed_values(table.name, field.name)
        if allowed is not None:
            value_set = pa.array(allowed, field.type)
            outside = pc.and_(
                pc.is_valid(column), pc.invert(pc.is_in(column, value_set))
            )
            for i in _indexes(outside):
                failed.add(i)
                value = column[i].as_py()
                yield (
                    i,
                    _issue(
                        table, data, i, field.name, f"{value!r} is not an allowed value"
                    ),
                )
    if table.primary_key:
        seen: set[tuple[object, ...]] = set()
        keys = zip(*(data.column(k).to_pylist() for k in table.key), strict=True)
        for i, key in enumerate(keys):
            if i in failed:
                continue
            if key in seen:
                yield i, _issue(table, data, i, None, "repeats a key already written")
            seen.add(key)


def _indexes(mask: pa.ChunkedArray) -> list[int]:
    import pyarrow.compute as pc

    return [int(i) for i in pc.indices_nonzero(mask.fill_null(False)).to_pylist()]


def _issue(
    table: OutputTable, data: pa.Table, i: int, column: str | None, problem: str
) -> IssueRow:
    row = data.slice(i, 1).to_pylist()[0]
    key = ", ".join(f"{k}={row[k]!r}" for k in table.key)
    where = f"{table.name}.{column} {problem}" if column else f"{table.name} row"
    said = where if column else f"{where} {problem}"
    doc_id, page, line = row.get("doc_id"), row.get("page"), row.get("line_start")
    return IssueRow.of(
        "schema_violation",
        doc_id if isinstance(doc_id, str) else None,
        f"{said} ({key}); not written",
        page=page if isinstance(page, int) else None,
        line=line if isinstance(line, int) else None,
    )
