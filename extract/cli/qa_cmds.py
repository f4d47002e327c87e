"""The QA commands: `reportx diff`, `inspect`, `report` and `sql`."""

from __future__ import annotations

import argparse
import os
import sys

from extract.cli.common import EXIT_FAILED_INPUT, EXIT_OK, EXIT_USAGE, Parser


def add_qa_commands(
    commands: argparse._SubParsersAction[Parser],
) -> None:
    df = commands.add_parser(
        "diff",
        help="compare two output folders table by table",
        description="Compare every table of two output folders on its natural key: "
        "added, removed and changed rows, value by value. Exit 0 when identical, "
        "1 when they differ, 2 on a usage error. "
        "Example: reportx diff output/ /tmp/new-output --format markdown",
    )
    df.add_argument("old", metavar="OLD_DIR")
    df.add_argument("new", metavar="NEW_DIR")
    df.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    df.add_argument(
        "--table",
        action="append",
        metavar="NAME",
        help="compare only this table (repeatable): a table name, as in DIR",
    )
    df.add_argument(
        "--tolerance",
        type=float,
        default=1e-9,
        metavar="ABS",
        help="floats closer than this are equal (default 1e-9)",
    )
    ins = commands.add_parser(
        "inspect",
        help="what was recognised in one report, line by line",
        description="Print the report's lines with line numbers, the recogniser that "
        "claimed each and the rows it produced; unclaimed table lines with numbers "
        "are flagged. Example: reportx inspect samples/000_af055924f554b2ff.txt",
    )
    ins.add_argument("file", metavar="FILE")
    ins.add_argument(
        "--only-unclaimed",
        action="store_true",
        help="list only table lines with numbers that nothing claimed",
    )
    rep = commands.add_parser(
        "report",
        help="one self-contained HTML page for QA and analysts",
        description="Write an HTML report of an output folder: per report (its text "
        "and PDF forms together) row counts, coverage, where the forms disagree, "
        "issues and repairs; per indicator and unit a chart over time. Creates "
        "the HTML file's folder if missing. Exit 0 when written, 2 on a usage "
        "error. Needs the qa extra: pip install 'reportx[qa]'. "
        "Example: reportx report output/ --html report.html",
    )
    rep.add_argument("out", metavar="OUT_DIR")
    rep.add_argument("--html", required=True, metavar="FILE")


def _diff(args: argparse.Namespace) -> int:
    from extract.qa.diff import NotAnOutputFolder, diff_outputs, render
    from schemas.tables import BY_NAME

    unknown = sorted(set(args.table or ()) - set(BY_NAME))
    if unknown:
        known = ", ".join(sorted(BY_NAME))
        print(f"reportx diff: no table {unknown[0]!r}; known: {known}", file=sys.stderr)
        return EXIT_USAGE
    if args.tolerance < 0:
        print("reportx diff: --tolerance must not be negative", file=sys.stderr)
        return EXIT_USAGE
    try:
        result = diff_outputs(args.old, args.new, args.table, args.tolerance)
    except NotAnOutputFolder as exc:
        print(f"reportx diff: {exc}", file=sys.stderr)
        return EXIT_USAGE
    code = EXIT_OK if result.identical else EXIT_FAILED_INPUT
    try:
        print(render(result, args.format))
        sys.stdout.flush()
    except BrokenPipeError:
        # `reportx diff A B | head`: the reader stopped early, but the exit code
        # still says whether the folders differ.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return code


def _inspect(args: argparse.Namespace) -> int:
    from pathlib import Path

    from extract.qa.inspect import inspect_file, render
    from extract.readers import UnreadableInput

    path = Path(args.file)
    if not path.is_file():
        print(f"reportx inspect: no such file: {path}", file=sys.stderr)
        return EXIT_USAGE
    try:
        lines = render(inspect_file(path), only_unclaimed=args.only_unclaimed)
    except UnreadableInput as exc:
        print(f"reportx inspect: {path}: {exc}", file=sys.stderr)
        return EXIT_FAILED_INPUT
    if sys.stdout.isatty():
        from rich.console import Console

        console = Console(highlight=False)
        for line in lines:
            console.print(line, soft_wrap=True)
    else:
        print("\n".join(line.plain for line in lines))
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    from extract.qa.report import (
        CannotWrite,
        MissingExtra,
        NotAnOutputFolder,
        progress_line,
        write_report,
    )

    try:
        written = write_report(args.out, args.html, progress_line)
    except (NotAnOutputFolder, CannotWrite, MissingExtra) as exc:
        if sys.stderr.isatty():
            print(file=sys.stderr)
        print(f"reportx report: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if sys.stderr.isatty():
        # The progress line was rewritten in place; end it.
        print(file=sys.stderr)
    print(written.summary())
    return EXIT_OK


def add_sql_command(
    commands: argparse._SubParsersAction[Parser],
) -> None:
    sql = commands.add_parser(
        "sql",
        help="DuckDB over an output folder, with ready views",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        describe=_sql_description,
    )
    sql.add_argument("out", metavar="OUT_DIR")
    sql.add_argument("query", nargs="?", metavar="QUERY")


def _sql_description() -> str:
    from extract.sql import views_help

    return (
        "Query the tables of OUT_DIR (<table>.parquet files or "
        "hive-partitioned <table>/ folders) with DuckDB: every table is a view, "
        "and so are these:\n\n"
        + views_help()
        + "\n\nWith QUERY, print its result and exit (0, or 1 when the query "
        "fails); without, read queries ending in ';' from stdin until EOF. "
        "Exit 2 on a usage error. Needs the bi extra: pip install 'reportx[bi]'."
        '\n\nExample:\n  reportx sql output/ "SELECT * FROM indicator_by_quarter '
        "WHERE indicator_id = 'fly-tipping-incidents'\""
    )


def _sql(args: argparse.Namespace) -> int:
    from extract.sql import MissingExtra, NotAnOutputFolder, connect, render, run, shell

    try:
        con = connect(args.out)
    except (NotAnOutputFolder, MissingExtra) as exc:
        print(f"reportx sql: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.query is None:
        return shell(con, sys.stdin, sys.stdout, sys.stderr)
    import duckdb

    try:
        result = run(con, args.query)
    except duckdb.Error as exc:
        print(f"reportx sql: {exc}", file=sys.stderr)
        return EXIT_FAILED_INPUT
    print(render(result))
    return EXIT_OK


QA_COMMANDS = {"diff": _diff, "inspect": _inspect, "report": _report, "sql": _sql}
