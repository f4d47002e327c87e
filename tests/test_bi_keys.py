"""Keys BI can enforce: key columns are declared non-null and hold no null."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from extract.keys import KeyCheck
from extract.records import IndicatorValue, IssueRow
from schemas.tables import NO_UNIT, TABLES, OutputTable
from tests.conftest import synthetic


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


def test_a_fact_without_a_year_is_an_issue_not_a_null_key() -> None:
    doc, _ = synthetic(["Number of fly tipping incidents\t123"])
    value = IndicatorValue(
        doc_id="x",
        plan=None,
        theme=None,
        indicator="Number of fly tipping incidents",
        indicator_id="fly-tipping-incidents",
        financial_year=None,
        period="Q1",
        measure="actual",
        value=123.0,
        unit="count",
        comparator=None,
        qualifier=None,
        value_text="123",
        note=None,
        reported_as="Quarter 1",
        frequency=None,
        page=None,
        line_start=1,
        line_end=1,
    )
    got = KeyCheck(doc).check(value)
    assert isinstance(got, IssueRow)
    assert (got.code, got.severity, got.line) == ("missing_key", "warning", 1)
    assert got.message.startswith(
        "x.txt:1: indicator_values row not written: no financial_year could be told"
    )
