"""`reportx sql`: DuckDB over an output folder, with views for the first questions.

Every table is a view over `DIR/<table>.parquet` or, for partitioned output,
over the hive-partitioned folder `DIR/<table>/`. The ready views below answer
what analysts ask first, so that nobody has to learn the joins before the
first chart.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from schemas.tables import TABLES

if TYPE_CHECKING:
    import duckdb

# name -> (what it answers, its SQL). The order is the order `.views` lists.
VIEWS: dict[str, tuple[str, str]] = {
    "indicator_by_quarter": (
        "an indicator's values by financial year, one column per quarter and FY",
        """
        SELECT indicator_id, indicator, financial_year, measure, unit,
            max(value) FILTER (WHERE period = 'Q1') AS "Q1",
            max(value) FILTER (WHERE period = 'Q2') AS "Q2",
            max(value) FILTER (WHERE period = 'Q3') AS "Q3",
            max(value) FILTER (WHERE period = 'Q4') AS "Q4",
            max(value) FILTER (WHERE period = 'FY') AS "FY",
            bool_or(conflict) AS conflict
        FROM observations
        WHERE measure IN ('actual', 'target')
        GROUP BY ALL
        ORDER BY indicator_id, financial_year, measure, unit
        """,
    ),
    "status_by_plan": (
        "actions and milestones by status per plan and year, as the reports print them",
        """
        SELECT d.source_path, d.financial_year, s.plan, s.theme, s.scope,
            s.period, s.category, s.count, s.percent
        FROM status_summary s JOIN documents d USING (doc_id)
        ORDER BY d.source_path, s.plan, s.theme, s.scope, s.period, s.category
        """,
    ),
    "ratings_by_plan": (
        "actions and milestones counted by their rating per plan, year and quarter",
        """
        SELECT d.source_path, d.financial_year, a.plan, a.kind, u.quarter,
            coalesce(u.rating, 'no_rating') AS rating, count(*) AS items
        FROM action_updates u
            JOIN actions a USING (item_id)
            JOIN documents d ON d.doc_id = a.doc_id
        GROUP BY ALL
        ORDER BY ALL
        """,
    ),
    "rolling_trends": (
        "rolling-12-month totals by indicator and quarter, one row per "
        "indicator, year and quarter",
        """
        SELECT indicator_id, any_value(indicator) AS indicator, financial_year,
            quarter, max(as_of_date) AS as_of_date,
            max(previous_12_months) AS previous_12_months,
            max(last_12_months) AS last_12_months,
            max(change_abs) AS change_abs, max(change_pct) AS change_pct,
            any_value(direction) AS direction,
            count(DISTINCT doc_id) AS n_sources
        FROM rolling_12_months
        GROUP BY indicator_id, financial_year, quarter
        ORDER BY indicator_id, financial_year, quarter
        """,
    ),
    "statement_figures": (
        "numbers in prose with the report they come from",
        """
        SELECT d.source_path, s.financial_year, s.period, s.indicator_id,
            s.subject, s.value, s.unit, s.measure, s.change, s.compared_with,
            s.section, s.sentence, s.line_start
        FROM statements s JOIN documents d USING (doc_id)
        ORDER BY d.source_path, s.line_start, s.statement_id
        """,
    ),
    "review": (
        "issues (errors and warnings) and repairs made with less than full "
        "confidence: what QA should look at",
        """
        SELECT 'issue' AS kind, d.source_path, i.page, i.line, i.severity,
            i.code AS what, NULL AS raw, NULL AS repaired,
            NULL::DOUBLE AS confidence, i.message
        FROM issues i LEFT JOIN documents d USING (doc_id)
        WHERE i.severity IN ('error', 'warning')
        UNION ALL
        SELECT 'repair', d.source_path, r.page, r.line, NULL, r.rule, r.raw,
            r.repaired, r.confidence,
            'repaired ' || r."table" || '.' || r."column"
        FROM repairs r LEFT JOIN documents d USING (doc_id)
        WHERE r.confidence < 1
        ORDER BY source_path, page NULLS FIRST, line, kind, what
        """,
    ),
    "documents_flat": (
        "documents with quarters as one text ('Q1;Q2')",
        "SELECT * REPLACE (array_to_string(quarters, ';') AS quarters) FROM documents",
    ),
    "indicators_flat": (
        "indicators with aliases as one text, separated by ';'",
        "SELECT * REPLACE (array_to_string(aliases, ';') AS aliases) FROM indicators",
    ),
    "observations_flat": (
        "observations with source_doc_ids as one text, separated by ';'",
        "SELECT * REPLACE (array_to_string(source_doc_ids, ';') AS source_doc_ids) "
        "FROM observations",
    ),
    "repairs_flat": (
        "repairs with alternatives as one text, separated by ';'",
        "SELECT * REPLACE (array_to_string(alternatives, ';') AS alternatives) "
        "FROM repairs",
    ),
}


class NotAnOutputFolder(Exception):
    """OUT_DIR holds no table written by `reportx extract`."""


class MissingExtra(Exception):
    """DuckDB is not installed."""


@dataclass(frozen=True, slots=True)
class Result:
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]


def _quoted(path: Path) -> str:
    return "'" + path.as_posix().replace("'", "''") + "'"


def table_source(out: Path, name: str) -> str | None:
    """The DuckDB table function reading one table, or None when it is absent."""
    single = out / f"{name}.parquet"
    if single.is_file():
        return f"read_parquet({_quoted(single)})"
    folder = out / name
    if folder.is_dir() and any(folder.rglob("*.parquet")):
        # Partition values stay text: a financial_year folder "2017" must not
        # become an integer beside "2017/18".
        return (
            f"read_parquet({_quoted(folder / '**' / '*.parquet')}, "
            "hive_partitioning = true, hive_types_autocast = false, "
            "union_by_name = true)"
        )
    return None


def connect(out_dir: str | Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with a view per table and the ready views."""
    try:
        import duckdb
    except ImportError as exc:
        raise MissingExtra(
            "reportx sql needs DuckDB: pip install 'reportx[bi]'"
        ) from exc
    out = Path(out_dir)
    sources = {t.name: table_source(out, t.name) for t in TABLES}
    if not out.is_dir() or not any(sources.values()):
        raise NotAnOutputFolder(f"{out_dir}: no <table>.parquet written by extract")
    con = duckdb.connect()
    for name, source in sources.items():
        if source is not None:
            con.execute(f'CREATE VIEW "{name}" AS SELECT * FROM {source}')
    for name, (_, query) in VIEWS.items():
        # A view over a table the folder lacks is left out, not an error.
        try:
            con.execute(f'CREATE VIEW "{name}" AS {query}')
        except duckdb.CatalogException:
            continue
    return con


def run(con: duckdb.DuckDBPyConnection, query: str) -> Result:
    """One query's columns and rows (no rows for a statement that returns none)."""
    cursor = con.execute(query)
    if cursor.description is None:
        return Result((), [])
    columns = tuple(str(d[0]) for d in cursor.description)
    return Result(columns, cursor.fetchall())


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{value:.1f}"
    return str(value).replace("\n", " ")


def render(result: Result, max_width: int = 60) -> str:
    """The result as an aligned text table, long cells cut at `max_width`."""
    if not result.columns:
        return ""
    cells = [[_cell(v) for v in row] for row in result.rows]
    cells = [
        [c if len(c) <= max_width else c[: max_width - 1] + "…" for c in r]
        for r in cells
    ]
    widths = [
        max([len(name), *(len(r[i]) for r in cells)])
        for i, name in enumerate(result.columns)
    ]
    numeric = [
        all(isinstance(row[i], int | float) or row[i] is None for row in result.rows)
        for i in range(len(widths))
    ]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ).rstrip()

    lines = [line(result.columns), line(["-" * w for w in widths])]
    lines += [line(r) for r in cells]
    n = len(result.rows)
    lines.append(f"({n} row{'s' if n != 1 else ''})")
    return "\n".join(lines)


def views_help() -> str:
    """The ready views and what each answers, as `.views` prints them."""
    width = max(map(len, VIEWS))
    return "\n".join(
        f"{name.ljust(width)}  {about}" for name, (about, _) in VIEWS.items()
    )


def statements(lines: Iterable[str]) -> Iterator[str]:
    """SQL statements from lines: a statement ends with ';' (or at the end).

    A line starting with '.' is a shell command (`.views`, `.tables`) on its own.
    """
    pending: list[str] = []
    for raw in lines:
        text = raw.strip()
        if not pending and text.startswith("."):
            yield text
            continue
        if text:
            pending.append(raw.rstrip("\n"))
        if text.endswith(";"):
            yield "\n".join(pending)
            pending = []
    if pending and "\n".join(pending).strip():
        yield "\n".join(pending)


def shell(
    con: duckdb.DuckDBPyConnection, stdin: TextIO, stdout: TextIO, stderr: TextIO
) -> int:
    """Read statements from stdin until EOF, print each result; errors go on.

    Exit 0 when every statement ran, 1 when any failed.
    """
    import duckdb

    failed = False
    prompt = stdin.isatty()
    if prompt:
        print(
            "reportx sql: end each query with ';'. .views lists the ready views, "
            ".tables the tables; Ctrl-D quits.",
            file=stdout,
        )

    def lines() -> Iterator[str]:
        while True:
            if prompt:
                print("reportx> ", end="", file=stdout, flush=True)
            line = stdin.readline()
            if not line:
                return
            yield line

    for statement in statements(lines()):
        if statement in (".views", ".help"):
            print(views_help(), file=stdout)
            continue
        if statement == ".tables":
            statement = "SHOW TABLES"
        try:
            print(render(run(con, statement)), file=stdout)
        except duckdb.Error as exc:
            failed = True
            print(f"error: {exc}", file=stderr)
    if prompt:
        print(file=stdout)
    return 1 if failed else 0
