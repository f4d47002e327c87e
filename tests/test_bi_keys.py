"""Keys BI can enforce: key columns are declared non-null and hold no null."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from schemas.tables import NO_UNIT, TABLES, OutputTable


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_key_columns_hold_no_null(run_dir: Path, table: OutputTable) -> None:
    data = pq.read_table(run_dir / f"{table.name}.parquet")
    required = [f.name for f in table.schema if not f.nullable]
    assert set(required) == set(table.key) - set(table.nullable_key)
    assert {c: data.column(c).null_count for c in required} == dict.fromkeys(
        required, 0
    )
    # The file says so too: a BI tool reading the Parquet schema sees the key.
    assert [f.name for f in data.schema if not f.nullable] == required


@pytest.mark.parametrize("name", ["indicator_values", "observations", "statements"])
def test_a_value_without_a_unit_says_none(run_dir: Path, name: str) -> None:
    units = pq.read_table(run_dir / f"{name}.parquet").column("unit").to_pylist()
    assert None not in units


def test_the_samples_print_values_without_a_unit(run_dir: Path) -> None:
    units = pq.read_table(run_dir / "indicator_values.parquet").column("unit")
    assert NO_UNIT in units.to_pylist()


def test_only_the_logs_have_no_primary_key() -> None:
    assert [t.name for t in TABLES if not t.primary_key] == ["repairs", "issues"]
