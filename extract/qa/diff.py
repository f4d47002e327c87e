"""Compare two output folders table by table on each table's natural key.

An output folder holds `<table>.parquet` (what `reportx extract` writes) or
`<table>.csv` (the golden snapshots in `tests/golden/`); both load into the same
comparable values, so either can be diffed against the other.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import datacompy
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from schemas.tables import BY_NAME, TABLES, OutputTable

Value = str | int | float | bool | None
FORMATS = ("text", "markdown", "json")
DEFAULT_TOLERANCE = 1e-9
# A key cell that is null must still join with the null on the other side.
NULL_KEY = "\x00null"
OLD, NEW = "old", "new"
# An empty cell in a snapshot is null; an empty string is written as this.
EMPTY_TEXT = '""'


class NotAnOutputFolder(Exception):
    """The folder holds no output tables (no manifest.json, Parquet or CSV tables)."""


@dataclass(frozen=True, slots=True)
class Change:
    column: str
    old: Value
    new: Value


@dataclass(frozen=True, slots=True)
class ChangedRow:
    key: tuple[tuple[str, Value], ...]
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class TableDiff:
    table: str
    key: tuple[str, ...]
    added: tuple[tuple[tuple[str, Value], ...], ...]
    removed: tuple[tuple[tuple[str, Value], ...], ...]
    changed: tuple[ChangedRow, ...]
    columns_added: tuple[str, ...] = ()
    columns_removed: tuple[str, ...] = ()

    @property
    def identical(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.changed
            or self.columns_added
            or self.columns_removed
        )


@dataclass(frozen=True, slots=True)
class OutputDiff:
    old: str
    new: str
    tolerance: float
    tables: tuple[TableDiff, ...]

    @property
    def identical(self) -> bool:
        return all(t.identical for t in self.tables)


# ---------------------------------------------------------------- loading


def plain(value: Any, dtype: pa.DataType | None) -> Value:
    """One cell as a comparable plain value: lists as JSON text, dates as ISO."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, list | tuple):
        return json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, date):
        return value.isoformat()
    if dtype is not None and pa.types.is_floating(dtype):
        return float(value)
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


def parse_csv_cell(text: str, dtype: pa.DataType | None) -> Value:
    """A snapshot cell back to its plain value; an empty cell is null."""
    if text == "":
        return None
    if text == EMPTY_TEXT:
        return ""
    if dtype is None:
        return text
    if pa.types.is_floating(dtype):
        return float(text)
    if pa.types.is_integer(dtype):
        return int(text)
    if pa.types.is_boolean(dtype):
        return text == "true"
    return text


def csv_cell(value: Value) -> str:
    """How a plain value is written to a snapshot: stable across runs and platforms."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        # 15 significant digits: exact for printed figures, free of binary noise.
        return format(value, ".15g")
    return str(value) or EMPTY_TEXT


def table_format(folder: Path) -> str:
    """`parquet` or `csv`; raises NotAnOutputFolder when the folder holds neither."""
    if not folder.is_dir():
        raise NotAnOutputFolder(f"{folder}: no such folder")
    for suffix in ("parquet", "csv"):
        if any((folder / f"{t.name}.{suffix}").is_file() for t in TABLES):
            return suffix
    raise NotAnOutputFolder(
        f"{folder}: not an output folder (no <table>.parquet or <table>.csv files; "
        "expected the --out folder of `reportx extract`)"
    )


def load_rows(
    folder: Path, table: OutputTable, fmt: str
) -> tuple[tuple[str, ...], list[dict[str, Value]]]:
    """The columns and rows of one table; a missing file is an empty table."""
    path = folder / f"{table.name}.{fmt}"
    types = {f.name: f.type for f in table.schema}
    if not path.is_file():
        return table.columns, []
    if fmt == "parquet":
        data = pq.read_table(path)
        kinds = {f.name: f.type for f in data.schema}
        return tuple(data.column_names), [
            {k: plain(v, kinds[k]) for k, v in row.items()} for row in data.to_pylist()
        ]
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        columns = tuple(reader.fieldnames or ())
        rows = [
            {k: parse_csv_cell(v, types.get(k)) for k, v in row.items()}
            for row in reader
        ]
    return columns, rows


def sort_key(row: dict[str, Value], columns: Sequence[str]) -> tuple[Any, ...]:
    """Nulls first, then numbers by value and text by text, column by column."""
    out: list[Any] = []
    for c in columns:
        v = row.get(c)
        if v is None:
            out.append((0, 0, ""))
        elif isinstance(v, bool | int | float):
            out.append((1, float(v), ""))
        else:
            out.append((2, 0, str(v)))
    return tuple(out)


def write_csv_table(
    path: Path,
    columns: Sequence[str],
    rows: Iterable[dict[str, Value]],
    key: Sequence[str],
) -> None:
    """One snapshot table, rows sorted by key and then every column: stable diffs."""
    order = [*key, *(c for c in columns if c not in key)]
    ordered = sorted(rows, key=lambda r: sort_key(r, order))
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(columns)
        for row in ordered:
            writer.writerow([csv_cell(row.get(c)) for c in columns])


def snapshot(out: Path, dest: Path) -> list[Path]:
    """Write every table of output folder `out` as `dest/<table>.csv`."""
    fmt = table_format(out)
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLES:
        columns, rows = load_rows(out, table, fmt)
        path = dest / f"{table.name}.csv"
        write_csv_table(path, columns, rows, table.key)
        written.append(path)
    return written


# ---------------------------------------------------------------- comparing


def _frame(
    columns: Sequence[str],
    rows: list[dict[str, Value]],
    key: Sequence[str],
    types: dict[str, pa.DataType],
) -> pd.DataFrame:
    df = pd.DataFrame(
        [[r.get(c) for c in columns] for r in rows], columns=list(columns), dtype=object
    )
    for c in columns:
        dtype = types.get(c)
        if c in key:
            df[c] = df[c].map(lambda v: NULL_KEY if v is None else v)
        elif dtype is not None and pa.types.is_floating(dtype):
            df[c] = df[c].astype("float64")
        elif dtype is not None and pa.types.is_integer(dtype):
            df[c] = df[c].astype("Int64")
        elif dtype is not None and pa.types.is_boolean(dtype):
            df[c] = df[c].astype("boolean")
    return df


def _unkey(value: Any) -> Value:
    if value is NULL_KEY or value == NULL_KEY:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value  # type: ignore[no-any-return]


def _key_of(row: dict[str, Value], key: Sequence[str]) -> tuple[tuple[str, Value], ...]:
    return tuple((k, _unkey(row.get(k))) for k in key)


def compare_table(
    table: OutputTable,
    old: tuple[tuple[str, ...], list[dict[str, Value]]],
    new: tuple[tuple[str, ...], list[dict[str, Value]]],
    tolerance: float,
) -> TableDiff:
    """Added, removed and changed rows of one table, matched on its natural key."""
    (old_cols, old_rows), (new_cols, new_rows) = old, new
    key = [k for k in table.key if k in old_cols and k in new_cols]
    common = [c for c in new_cols if c in old_cols]

    def by_key(pairs: tuple[tuple[str, Value], ...]) -> tuple[Any, ...]:
        return sort_key(dict(pairs), key)

    added: list[tuple[tuple[str, Value], ...]] = []
    removed: list[tuple[tuple[str, Value], ...]] = []
    changed: list[ChangedRow] = []
    if not old_rows or not new_rows:
        added = [tuple((c, r.get(c)) for c in new_cols) for r in new_rows]
        removed = [tuple((c, r.get(c)) for c in old_cols) for r in old_rows]
    else:
        types = {f.name: f.type for f in table.schema}
        cmp = datacompy.PandasCompare(
            _frame(common, old_rows, key, types),
            _frame(common, new_rows, key, types),
            join_columns=key,
            abs_tol=tolerance,
            df1_name=OLD,
            df2_name=NEW,
            cast_column_names_lower=False,
        )
        added = [
            tuple((c, _unkey(v)) for c, v in r.items())
            for r in cmp.df2_unq_rows.to_dict("records")
        ]
        removed = [
            tuple((c, _unkey(v)) for c, v in r.items())
            for r in cmp.df1_unq_rows.to_dict("records")
        ]
        values = [c for c in common if c not in key]
        for r in cmp.intersect_rows.to_dict("records"):
            changes = tuple(
                Change(c, _unkey(r[f"{c}_{OLD}"]), _unkey(r[f"{c}_{NEW}"]))
                for c in values
                if not r[f"{c}_match"]
            )
            if changes:
                changed.append(ChangedRow(_key_of(r, key), changes))
    return TableDiff(
        table=table.name,
        key=tuple(key),
        added=tuple(sorted(added, key=by_key)),
        removed=tuple(sorted(removed, key=by_key)),
        changed=tuple(sorted(changed, key=lambda c: by_key(c.key))),
        columns_added=tuple(c for c in new_cols if c not in old_cols),
        columns_removed=tuple(c for c in old_cols if c not in new_cols),
    )


def diff_outputs(
    old: str | Path,
    new: str | Path,
    tables: Sequence[str] | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
) -> OutputDiff:
    """Every table (or only `tables`) of two output folders, compared on its key."""
    old_dir, new_dir = Path(old), Path(new)
    old_fmt, new_fmt = table_format(old_dir), table_format(new_dir)
    unknown = [name for name in tables or () if name not in BY_NAME]
    if unknown:
        raise ValueError(
            f"unknown table {', '.join(unknown)}; tables are " + ", ".join(BY_NAME)
        )
    chosen = [BY_NAME[n] for n in tables] if tables else list(TABLES)
    return OutputDiff(
        old=str(old),
        new=str(new),
        tolerance=tolerance,
        tables=tuple(
            compare_table(
                t,
                load_rows(old_dir, t, old_fmt),
                load_rows(new_dir, t, new_fmt),
                tolerance,
            )
            for t in chosen
        ),
    )


# ---------------------------------------------------------------- rendering


def _show(value: Value) -> str:
    if value is None:
        return "null"
    if isinstance(value, float):
        return format(value, ".15g")
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _pairs(pairs: Iterable[tuple[str, Value]], only: Sequence[str] = ()) -> str:
    values = dict(pairs)
    return ", ".join(f"{k}={_show(values.get(k))}" for k in only or values)


def _summary_rows(diff: OutputDiff) -> list[tuple[str, int, int, int]]:
    return [
        (t.table, len(t.added), len(t.removed), len(t.changed)) for t in diff.tables
    ]


def render_text(diff: OutputDiff) -> str:
    """Summary counts per table first, then every difference value by value."""
    lines = [
        f"old: {diff.old}",
        f"new: {diff.new}",
        "",
        f"{'table':<20} {'added':>7} {'removed':>7} {'changed':>7}",
    ]
    lines += [f"{n:<20} {a:>7} {r:>7} {c:>7}" for n, a, r, c in _summary_rows(diff)]
    for t in diff.tables:
        if t.identical:
            continue
        lines += ["", f"== {t.table} (key: {', '.join(t.key)})"]
        lines += [f"  columns added: {', '.join(t.columns_added)}"] * bool(
            t.columns_added
        )
        lines += [f"  columns removed: {', '.join(t.columns_removed)}"] * bool(
            t.columns_removed
        )
        lines += [f"  + {_pairs(r, t.key)}" for r in t.added]
        lines += [f"  - {_pairs(r, t.key)}" for r in t.removed]
        for ch in t.changed:
            lines.append(f"  ~ {_pairs(ch.key)}")
            lines += [
                f"      {c.column}: {_show(c.old)} -> {_show(c.new)}"
                for c in ch.changes
            ]
    lines += [
        "",
        "identical"
        if diff.identical
        else f"{sum(not t.identical for t in diff.tables)} table(s) differ",
    ]
    return "\n".join(lines)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(diff: OutputDiff) -> str:
    """The same as text, as Markdown tables that paste into a review."""
    lines = [
        f"**reportx diff** `{diff.old}` → `{diff.new}`",
        "",
        "| table | added | removed | changed |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| {n} | {a} | {r} | {c} |" for n, a, r, c in _summary_rows(diff)]
    for t in diff.tables:
        if t.identical:
            continue
        lines += ["", f"### {t.table}", ""]
        if t.columns_added or t.columns_removed:
            lines += [
                f"Columns added: {', '.join(t.columns_added) or '–'}; "
                f"removed: {', '.join(t.columns_removed) or '–'}",
                "",
            ]
        lines += ["| change | key | column | old | new |", "|---|---|---|---|---|"]
        lines += [f"| added | {_md(_pairs(r, t.key))} | | | |" for r in t.added]
        lines += [f"| removed | {_md(_pairs(r, t.key))} | | | |" for r in t.removed]
        lines += [
            f"| changed | {_md(_pairs(ch.key))} | {c.column} | "
            f"{_md(_show(c.old))} | {_md(_show(c.new))} |"
            for ch in t.changed
            for c in ch.changes
        ]
    lines += [
        "",
        "Identical."
        if diff.identical
        else f"{sum(not t.identical for t in diff.tables)} table(s) differ.",
    ]
    return "\n".join(lines)


def as_json(diff: OutputDiff) -> dict[str, Any]:
    """The diff as plain JSON data for CI."""
    return {
        "old": diff.old,
        "new": diff.new,
        "tolerance": diff.tolerance,
        "identical": diff.identical,
        "summary": {
            n: {"added": a, "removed": r, "changed": c}
            for n, a, r, c in _summary_rows(diff)
        },
        "tables": {
            t.table: {
                "key": list(t.key),
                "columns_added": list(t.columns_added),
                "columns_removed": list(t.columns_removed),
                "added": [dict(r) for r in t.added],
                "removed": [dict(r) for r in t.removed],
                "changed": [
                    {
                        "key": dict(ch.key),
                        "changes": [
                            {"column": c.column, "old": c.old, "new": c.new}
                            for c in ch.changes
                        ],
                    }
                    for ch in t.changed
                ],
            }
            for t in diff.tables
            if not t.identical
        },
    }


def render(diff: OutputDiff, fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps(as_json(diff), indent=2, ensure_ascii=False)
    return render_markdown(diff) if fmt == "markdown" else render_text(diff)
