"""`reportx sql`: every ready view runs on the samples' output, with a known value."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from extract.cli import main
from extract.sql import VIEWS, NotAnOutputFolder, connect, render, run, statements
from schemas.tables import TABLES
from tests.conftest import S002


@pytest.fixture(scope="module")
def con(run_dir: Path) -> duckdb.DuckDBPyConnection:
    return connect(run_dir)


@pytest.fixture(scope="module")
def partitioned(run_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples' output as --partition-by financial_year writes it: folders."""
    out = tmp_path_factory.mktemp("partitioned")
    for t in TABLES:
        data = pq.read_table(run_dir / f"{t.name}.parquet")
        if "financial_year" in t.columns:
            ds.write_dataset(
                data,
                out / t.name,
                format="parquet",
                partitioning=["financial_year"],
                partitioning_flavor="hive",
            )
        else:
            shutil.copy(run_dir / f"{t.name}.parquet", out)
    return out


def _one(con: duckdb.DuckDBPyConnection, query: str) -> object:
    rows = run(con, query).rows
    assert len(rows) == 1, rows
    return rows[0][0]


FLY_Q1 = (
    'SELECT "Q1" FROM indicator_by_quarter WHERE indicator_id = '
    "'fly-tipping-incidents' AND financial_year = '2017/18' AND measure = 'actual'"
)
ASB_Q2 = (
    "SELECT last_12_months FROM rolling_trends WHERE indicator_id = 'asb-incidents'"
    " AND financial_year = '2017/18' AND quarter = 'Q2'"
)
MILESTONES_Q4 = (
    f"SELECT count FROM status_by_plan WHERE source_path = '{S002}' "
    "AND scope = 'milestones' AND period = 'Q4' AND category = 'completed'"
)
CRIME_2011 = (
    "SELECT DISTINCT value FROM statement_figures WHERE financial_year = '2011/12'"
    " AND indicator_id = 'total-recorded-crime' AND subject = 'crimes recorded'"
    " AND sentence LIKE '%there were 5,803 crimes recorded%'"
)


@pytest.mark.parametrize(
    "query, value",
    [
        (FLY_Q1, 123.0),
        (ASB_Q2, 3062),
        (MILESTONES_Q4, 9),
        (CRIME_2011, 5803.0),
    ],
    ids=["fly_tipping", "asb_rolling", "milestones", "recorded_crime"],
)
def test_known_values(
    con: duckdb.DuckDBPyConnection, query: str, value: object
) -> None:
    assert _one(con, query) == value


def test_a_repair_is_listed_for_review(con: duckdb.DuckDBPyConnection) -> None:
    rows = run(
        con,
        "SELECT what, repaired, confidence, message FROM review "
        "WHERE kind = 'repair' AND raw = '197.04.18'",
    ).rows
    assert rows == [
        ("date_extra_digit", "17.04.18", 0.9, "repaired rolling_12_months.as_of_date")
    ]
    assert (
        str(
            _one(
                con,
                "SELECT as_of_date FROM rolling_trends WHERE indicator_id = "
                "'committed-crime' AND quarter = 'Q4'",
            )
        )
        == "2018-04-17"
    )


def test_review_holds_warnings_not_infos(con: duckdb.DuckDBPyConnection) -> None:
    severities = {r[0] for r in run(con, "SELECT severity FROM review").rows}
    assert severities <= {"error", "warning", None}


def test_ratings_by_plan(con: duckdb.DuckDBPyConnection) -> None:
    ratings = {r[0] for r in run(con, "SELECT rating FROM ratings_by_plan").rows}
    assert {"completed", "no_rating"} <= ratings


def test_flat_list_columns(con: duckdb.DuckDBPyConnection) -> None:
    assert (
        _one(
            con,
            f"SELECT quarters FROM documents_flat WHERE source_path = '{S002}'",
        )
        == "Q1;Q2;Q3;Q4"
    )
    assert ";" in str(
        _one(
            con, "SELECT max(source_doc_ids) FROM observations_flat WHERE n_sources > 1"
        )
    )
    for view in ("indicators_flat", "repairs_flat"):
        types = run(con, f"SELECT typeof(COLUMNS(*)) FROM {view} LIMIT 1").rows[0]
        assert "[]" not in "".join(map(str, types)), view


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_runs(con: duckdb.DuckDBPyConnection, view: str) -> None:
    assert run(con, f"SELECT count(*) FROM {view}").rows[0][0] > 0


def test_partitioned_output_gives_the_same_answers(partitioned: Path) -> None:
    con = connect(partitioned)
    assert (_one(con, FLY_Q1), _one(con, ASB_Q2), _one(con, MILESTONES_Q4)) == (
        123.0,
        3062,
        9,
    )
    assert _one(con, CRIME_2011) == 5803.0


def test_not_an_output_folder(tmp_path: Path) -> None:
    with pytest.raises(NotAnOutputFolder):
        connect(tmp_path)


def test_statements_end_with_a_semicolon() -> None:
    lines = [".views\n", "SELECT 1\n", "  AS a;\n", "\n", "SELECT 2"]
    assert list(statements(lines)) == [".views", "SELECT 1\n  AS a;", "SELECT 2"]


def test_render_aligns_numbers_right() -> None:
    con = duckdb.connect()
    got = render(run(con, "SELECT 'a' AS name, 10 AS n UNION ALL SELECT 'bb', 5"))
    assert got.splitlines() == [
        "name   n",
        "----  --",
        "a     10",
        "bb     5",
        "(2 rows)",
    ]


def test_cli_one_off_query(run_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sql", str(run_dir), ASB_Q2]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "last_12_months",
        "--------------",
        "          3062",
        "(1 row)",
    ]


def test_cli_a_failing_query_exits_1(
    run_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sql", str(run_dir), "SELECT nope FROM documents"]) == 1
    assert "nope" in capsys.readouterr().err


def test_cli_shell_reads_stdin_until_eof(
    run_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{ASB_Q2};\nSELECT 1 AS one;\n"))
    assert main(["sql", str(run_dir)]) == 0
    out = capsys.readouterr().out
    assert "3062" in out and "one" in out


def test_cli_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sql", str(tmp_path / "missing")]) == 2
    assert "reportx sql:" in capsys.readouterr().err


def test_help_lists_the_views_and_an_example(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["sql", "--help"]) == 0
    out = capsys.readouterr().out
    assert all(view in out for view in VIEWS)
    assert "Example:\n  reportx sql output/" in out
