"""--partition-by financial_year: hive folders that read back as the plain run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import frictionless
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from extract.cli import main
from extract.run import extract
from schemas.partitions import UNKNOWN
from schemas.tables import BY_NAME, TABLES
from tests.conftest import S000, S003, SAMPLES

YEARS = "financial_year"
PARTITIONED = {
    "documents": ["2012/13", "2015/16", "2017/18", "2018/19"],
    "rolling_12_months": ["2017/18"],
    "indicator_values": ["2015/16", "2016/17", "2017/18", "2018/19"],
    "breakdowns": ["2017/18"],
    "statements": ["2011/12", "2013/14", "2014/15", UNKNOWN],
    "observations": ["2011/12", "2015/16", "2016/17", "2017/18", "2018/19"],
}


@pytest.fixture(scope="module")
def partitioned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("partitioned")
    extract(sorted(SAMPLES.glob("*.txt")), out, partition_by=YEARS)
    return out


def _dataset(folder: Path) -> pa.Table:
    hive = ds.HivePartitioning.discover(null_fallback=UNKNOWN)
    return ds.dataset(folder, format="parquet", partitioning=hive).to_table()


def _folders(folder: Path) -> list[str]:
    hive = ds.HivePartitioning.discover(null_fallback=UNKNOWN)
    found = ds.dataset(folder, format="parquet", partitioning=hive).to_table()
    return sorted({v or UNKNOWN for v in found.column(YEARS).to_pylist()})


def test_tables_with_a_financial_year_are_hive_folders(partitioned: Path) -> None:
    for t in TABLES:
        if t.name in PARTITIONED:
            assert (partitioned / t.name).is_dir(), t.name
            assert not (partitioned / f"{t.name}.parquet").exists()
            assert _folders(partitioned / t.name) == PARTITIONED[t.name]
        else:
            assert (partitioned / f"{t.name}.parquet").is_file(), t.name
    folder = partitioned / "rolling_12_months" / "financial_year=2017%2F18"
    assert [p.name for p in folder.iterdir()] == ["part-0.parquet"]
    # The value is in the folder's name, not in the file.
    assert YEARS not in pq.read_schema(folder / "part-0.parquet").names


def test_pyarrow_reads_each_year_as_the_plain_run_in_order(
    partitioned: Path, run_dir: Path
) -> None:
    for name in PARTITIONED:
        plain = pq.read_table(run_dir / f"{name}.parquet")
        got = _dataset(partitioned / name)
        assert got.num_rows == plain.num_rows, name
        got = got.select(plain.column_names)
        for year in PARTITIONED[name]:
            if year == UNKNOWN:
                want = plain.filter(pc.is_null(plain[YEARS]))
                have = got.filter(pc.is_null(got[YEARS]))
            else:
                want = plain.filter(pc.equal(plain[YEARS], year))
                have = got.filter(pc.equal(got[YEARS], year))
            assert have.to_pylist() == want.to_pylist(), (name, year)


def _sorted_rows(rows: list[dict[str, Any]]) -> list[str]:
    return sorted(json.dumps(r, default=str, sort_keys=True) for r in rows)


def test_duckdb_reads_the_same_rows(partitioned: Path, run_dir: Path) -> None:
    for name in PARTITIONED:
        plain = pq.read_table(run_dir / f"{name}.parquet")
        glob = (partitioned / name / "*" / "*.parquet").as_posix()
        got = duckdb.sql(
            f"SELECT * REPLACE (NULLIF({YEARS}, '{UNKNOWN}') AS {YEARS}) "
            f"FROM read_parquet('{glob}', hive_partitioning = true, "
            "hive_types_autocast = false)"
        ).to_arrow_table()
        columns = plain.column_names
        rows = [{c: r[c] for c in columns} for r in got.to_pylist()]
        assert _sorted_rows(rows) == _sorted_rows(plain.to_pylist()), name


def test_manifest_and_data_package_say_how_tables_are_split(
    partitioned: Path,
) -> None:
    manifest = json.loads((partitioned / "manifest.json").read_text())
    assert manifest["options"]["partition_by"] == YEARS
    package = json.loads((partitioned / "datapackage.json").read_text())
    report = frictionless.Package.validate_descriptor(package)
    assert report.valid, report.flatten(["type", "note"])
    by_name = {r["name"]: r for r in package["resources"]}
    assert by_name["breakdowns"]["path"] == [
        "breakdowns/financial_year=2017%2F18/part-0.parquet"
    ]
    assert by_name["breakdowns"]["partitioning"] == {
        "style": "hive",
        "fields": [YEARS],
        "missingValue": UNKNOWN,
    }
    assert by_name["actions"]["path"] == "actions.parquet"
    for name, resource in by_name.items():
        paths = resource["path"]
        for path in [paths] if isinstance(paths, str) else paths:
            assert (partitioned / path).is_file(), path
        assert name in BY_NAME


def test_switching_layout_replaces_the_links(tmp_path: Path) -> None:
    out = tmp_path / "out"
    inputs = [SAMPLES / S000, SAMPLES / S003]
    extract(inputs, out)
    split = extract(inputs, out, partition_by=YEARS)
    # The option is part of the run's key: the tables are written again, from
    # the entries the first run cached.
    assert (split.parsed, split.cached) == (0, 2)
    assert (out / "observations").is_dir()
    assert not (out / "observations.parquet").is_symlink()
    assert extract(inputs, out, partition_by=YEARS).cached_run
    extract(inputs, out)
    assert (out / "observations.parquet").is_file()
    assert not (out / "observations").is_symlink()
    assert json.loads((out / "manifest.json").read_text())["options"] == {
        "text_form": None,
        "partition_by": None,
        "date_window": "2000-01-01:2030-12-31",
        "max_file_mb": 50.0,
        "max_pages": 1000,
        "max_line_chars": 100000,
        "max_stream_mb": 16.0,
        "max_page_objects": 200000,
        "max_memory_mb": 2048,
        "timeout_s": 120.0,
    }


def test_an_unknown_partition_column_is_a_usage_error(tmp_path: Path) -> None:
    argv = ["extract", str(SAMPLES / S003), "--out", str(tmp_path / "out")]
    assert main([*argv, "--partition-by", "plan"]) == 2
    assert main([*argv, "--partition-by", YEARS, "--quiet"]) == 0
    assert (tmp_path / "out" / "documents").is_dir()
