"""Output folders as plain rows: Parquet runs and CSV snapshots read alike.

An output folder holds `<table>.parquet` (what `reportx extract` writes) or
`<table>.csv` (the golden snapshots in `tests/golden/`); both load into the same
comparable values, so either can be compared with the other.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from schemas.tables import TABLES, OutputTable

Value = str | int | float | bool | None
Row = dict[str, Value]
# An empty cell in a snapshot is null; an empty string is written as this.
EMPTY_TEXT = '""'


class NotAnOutputFolder(Exception):
    """The folder holds no output tables (no manifest.json, Parquet or CSV tables)."""


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


def manifest_sha256(folder: Path) -> dict[str, str]:
    """sha256 of every input by source_path, from manifest.json; {} without one."""
    path = folder / "manifest.json"
    if not path.is_file():
        return {}
    try:
        inputs = json.loads(path.read_text(encoding="utf-8")).get("inputs", [])
    except (json.JSONDecodeError, AttributeError):
        return {}
    return {
        str(i["source_path"]): str(i["sha256"])
        for i in inputs
        if isinstance(i, dict) and i.get("source_path") and i.get("sha256")
    }
