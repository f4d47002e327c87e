"""`datapackage.json` (Frictionless Data Package v2) generated from `schemas/`.

BI tools and validators read what every table, column, key and foreign key
means from here; because it is built from the same schemas the writer uses,
the dictionary cannot drift from the files.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa

from schemas.columns import allowed_values, description
from schemas.tables import TABLES, OutputTable

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
DESCRIPTION_KEY = b"description"

# column -> (table it points at, that table's column); a table does not point
# at itself.
FOREIGN_KEYS: dict[str, tuple[str, str]] = {
    "doc_id": ("documents", "doc_id"),
    "item_id": ("actions", "item_id"),
    "indicator_id": ("indicators", "indicator_id"),
}


class UndescribedColumn(Exception):
    """A schema column with no entry in schemas/columns.py."""


def field_type(data_type: pa.DataType) -> str:
    """The Table Schema type of an Arrow type."""
    if pa.types.is_string(data_type):
        return "string"
    if pa.types.is_integer(data_type):
        return "integer"
    if pa.types.is_floating(data_type):
        return "number"
    if pa.types.is_boolean(data_type):
        return "boolean"
    if pa.types.is_date(data_type):
        return "date"
    if pa.types.is_list(data_type):
        return "array"
    raise TypeError(f"no Table Schema type for Arrow {data_type}")


def _description(table: OutputTable, column: str) -> str:
    text = description(table.name, column)
    if text is None:
        raise UndescribedColumn(f"{table.name}.{column} has no description")
    return text


def field_descriptor(table: OutputTable, f: pa.Field) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": f.name,
        "type": field_type(f.type),
        "description": _description(table, f.name),
    }
    constraints: dict[str, Any] = {}
    if not f.nullable:
        constraints["required"] = True
    enum = allowed_values(table.name, f.name)
    if enum is not None:
        constraints["enum"] = list(enum)
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(table: OutputTable) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [field_descriptor(table, f) for f in table.schema],
        # Parquet keeps null apart from "": status_summary's plan-level theme
        # is "", a value, and must satisfy `required`.
        "missingValues": [],
    }
    if table.primary_key:
        schema["primaryKey"] = list(table.primary_key)
    foreign = [
        {"fields": [column], "reference": {"resource": target, "fields": [key]}}
        for column, (target, key) in FOREIGN_KEYS.items()
        if column in table.columns and target != table.name
    ]
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


def resource(table: OutputTable, parts: Parts | None = None) -> dict[str, Any]:
    """The table's resource; a partitioned table's path lists its files (a
    multipart resource) and `partitioning` names the column its folders hold."""
    found: dict[str, Any] = {
        "name": table.name,
        "path": f"{table.name}.parquet",
        "format": "parquet",
        "mediatype": PARQUET_MEDIATYPE,
        "description": table.description,
        "schema": table_schema(table),
    }
    if parts is not None:
        column, paths, unknown = parts
        found["path"] = list(paths)
        found["partitioning"] = {
            "style": "hive",
            "fields": [column],
            "missingValue": unknown,
        }
    return found


# A partitioned table: the column its folders hold, its files, and the folder
# value of a row without one.
Parts = tuple[str, list[str], str]


def datapackage(
    version: str | None = None, partitions: Mapping[str, Parts] | None = None
) -> dict[str, Any]:
    """The Data Package descriptor of every output table."""
    package: dict[str, Any] = {
        "$schema": PROFILE,
        "name": "reportx",
        "title": "Council performance reports as tables",
        "description": "Facts extracted by reportx from council performance "
        "reports: one Parquet file per table.",
        "resources": [resource(t, (partitions or {}).get(t.name)) for t in TABLES],
    }
    if version is not None:
        package["version"] = version
    return package


def write_datapackage(
    out_dir: str | Path,
    version: str | None = None,
    partitions: Mapping[str, Parts] | None = None,
) -> Path:
    """Write DIR/datapackage.json; the publish step calls this with the tables."""
    path = Path(out_dir) / "datapackage.json"
    package = datapackage(version, partitions)
    text = json.dumps(package, indent=2, ensure_ascii=False) + "\n"
    # Written beside and renamed: a reader never sees half a descriptor.
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def described_schema(table: OutputTable) -> pa.Schema:
    """The table's schema with each field's description in its metadata.

    The writer builds the Parquet file with this schema so that a tool reading
    the file alone (Power BI, Tableau, pyarrow) sees what each column means.
    """
    return pa.schema(
        [
            f.with_metadata({DESCRIPTION_KEY: _description(table, f.name).encode()})
            for f in table.schema
        ],
        metadata={DESCRIPTION_KEY: table.description.encode()},
    )
