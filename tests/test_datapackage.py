"""datapackage.json: every table, column, key and foreign key, and it validates."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import frictionless
import pyarrow.parquet as pq
import pytest

from schemas.datapackage import (
    DESCRIPTION_KEY,
    described_schema,
    write_datapackage,
)
from schemas.tables import BY_NAME, TABLES, OutputTable


@pytest.fixture(scope="module")
def package_dir(run_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the samples' output with its datapackage.json."""
    out = tmp_path_factory.mktemp("package") / "out"
    shutil.copytree(run_dir, out)
    write_datapackage(out, "test")
    return out


@pytest.fixture(scope="module")
def descriptor(package_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((package_dir / "datapackage.json").read_text())
    return data


def _with_rows(descriptor: dict[str, Any], out: Path) -> dict[str, Any]:
    """The descriptor with each table's rows inline, as pyarrow reads them.

    frictionless reads Parquet through fastparquet and pandas, which turn a
    nullable int into a float and a list into a numpy array; rows read by
    pyarrow test the descriptor against the values the file really holds.
    """
    inline = json.loads(json.dumps(descriptor))
    for r in inline["resources"]:
        data = pq.read_table(out / r.pop("path"))
        r.pop("format"), r.pop("mediatype")
        r["data"] = [
            data.column_names,
            *(list(row.values()) for row in data.to_pylist()),
        ]
    return inline


def test_the_descriptor_is_a_valid_data_package(descriptor: dict[str, Any]) -> None:
    report = frictionless.Package.validate_descriptor(descriptor)
    assert report.valid, report.flatten(["type", "note"])


def test_the_samples_output_validates(
    descriptor: dict[str, Any], package_dir: Path
) -> None:
    report = frictionless.Package(_with_rows(descriptor, package_dir)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_a_null_key_does_not_validate(
    descriptor: dict[str, Any], package_dir: Path
) -> None:
    inline = _with_rows(descriptor, package_dir)
    values = next(r for r in inline["resources"] if r["name"] == "indicator_values")
    values["data"][1][values["data"][0].index("unit")] = None
    report = frictionless.Package(inline).validate()
    assert "constraint-error" in {e[0] for e in report.flatten(["type"])}


def test_every_table_is_a_resource(descriptor: dict[str, Any]) -> None:
    assert [(r["name"], r["path"], r["format"]) for r in descriptor["resources"]] == [
        (t.name, f"{t.name}.parquet", "parquet") for t in TABLES
    ]


def test_every_column_is_described(descriptor: dict[str, Any]) -> None:
    for r in descriptor["resources"]:
        fields = r["schema"]["fields"]
        assert [f["name"] for f in fields] == list(BY_NAME[r["name"]].columns)
        assert all(f["description"].strip() for f in fields), r["name"]


def test_keys_and_foreign_keys(descriptor: dict[str, Any]) -> None:
    schemas = {r["name"]: r["schema"] for r in descriptor["resources"]}
    assert schemas["indicator_values"]["primaryKey"] == [
        "doc_id",
        "indicator_id",
        "financial_year",
        "period",
        "measure",
        "unit",
    ]
    assert "primaryKey" not in schemas["issues"]
    links = {
        (name, fk["fields"][0], fk["reference"]["resource"])
        for name, s in schemas.items()
        for fk in s.get("foreignKeys", [])
    }
    assert {
        ("action_updates", "item_id", "actions"),
        ("action_updates", "doc_id", "documents"),
        ("observations", "indicator_id", "indicators"),
        ("statements", "indicator_id", "indicators"),
    } <= links
    assert not any(name == target for name, _, target in links)


def test_allowed_values(descriptor: dict[str, Any]) -> None:
    fields = {
        (r["name"], f["name"]): f.get("constraints", {})
        for r in descriptor["resources"]
        for f in r["schema"]["fields"]
    }
    assert fields[("indicator_values", "unit")] == {
        "required": True,
        "enum": ["count", "percent", "tonnes", "gbp", "none"],
    }
    assert fields[("documents", "text_form")]["enum"] == ["tab", "layout", "plain"]
    assert "no_rating" in fields[("status_summary", "category")]["enum"]
    assert "duplicate_key" in fields[("issues", "code")]["enum"]


def test_parquet_fields_carry_their_description(
    package_dir: Path, tmp_path: Path
) -> None:
    table = BY_NAME["rolling_12_months"]
    data = pq.read_table(package_dir / "rolling_12_months.parquet")
    pq.write_table(data.cast(described_schema(table)), tmp_path / "r.parquet")
    schema = pq.read_schema(tmp_path / "r.parquet")
    assert schema.field("as_of_date_raw").metadata == {
        DESCRIPTION_KEY: b"The date in brackets as printed."
    }
    assert schema.metadata[DESCRIPTION_KEY] == table.description.encode()


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_every_table_takes_its_described_schema(
    package_dir: Path, table: OutputTable
) -> None:
    data = pq.read_table(package_dir / f"{table.name}.parquet")
    described = data.cast(described_schema(table))
    assert described.equals(data)
    assert all(f.metadata and f.metadata[DESCRIPTION_KEY] for f in described.schema)


def test_every_run_publishes_its_data_package(run_dir: Path) -> None:
    package = json.loads((run_dir / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["name"] for r in package["resources"]} == {t.name for t in TABLES}
    # The Parquet files carry the same descriptions.
    schema = pq.read_schema(run_dir / "rolling_12_months.parquet")
    assert schema.field("last_12_months").metadata
