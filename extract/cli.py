"""reportx: extract council performance reports into Parquet tables.

Only argparse and the engines' names are imported to build the parser: the
pipeline, pyarrow, rich and DuckDB are imported by the command that needs
them, so `reportx --help` answers at once.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from extract.engines import (
    DEFAULT_MAX_MEMORY_MB,
    DEFAULT_TIMEOUT_S,
    ENGINES,
    EngineUnavailable,
    WorkerLimits,
    default_jobs,
)
from extract.inputs import UsageError
from extract.readers import DEFAULT_LIMITS, TEXT_FORMS, Limits
from schemas.partitions import PARTITION_COLUMNS, UNKNOWN
from schemas.ranges import DATE_WINDOW

if TYPE_CHECKING:
    from extract.progress import Bar
    from extract.run import RunResult

EXIT_OK, EXIT_FAILED_INPUT, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class _Version(argparse.Action):
    """--version: the parser's version, read from the pipeline when asked."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the version")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        from extract.pipeline import PARSER_VERSION

        print(f"reportx {PARSER_VERSION}")
        parser.exit()


class _Parser(argparse.ArgumentParser):
    """A parser whose description can be written when its help is asked for."""

    def __init__(
        self, *args: Any, describe: Callable[[], str] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.describe = describe

    def format_help(self) -> str:
        if self.describe is not None:
            self.description, self.describe = self.describe(), None
        return super().format_help()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reportx",
        description="Turn council performance reports (.txt exports and PDFs) into "
        "tidy Parquet tables.",
    )
    parser.add_argument("--version", action=_Version)
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )
    ex = commands.add_parser(
        "extract",
        help="extract reports into DIR/<table>.parquet and DIR/manifest.json",
        description="Extract every .txt and .pdf under PATH (files or folders, "
        "searched recursively). Inputs the cache (under DIR/.reportx/) already "
        "holds are not parsed again; the tables and manifest of a run are "
        "published together. Exit 0 when every input was processed, 1 when any "
        "failed (the others are still written; see issues.parquet), 2 on a usage "
        "error or an --out another run holds, 130 when interrupted. "
        "Example: reportx extract samples --out output",
    )
    ex.add_argument(
        "paths", nargs="+", metavar="PATH", help="a report or a folder of them"
    )
    ex.add_argument("--out", required=True, metavar="DIR", help="output folder")
    ex.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help=f"inputs processed in parallel (default: the cores, {default_jobs()})",
    )
    ex.add_argument(
        "--engine",
        choices=ENGINES,
        default="local",
        help="what runs the per-document work: local (processes on this machine) "
        "or dask (a dask.distributed cluster, --scheduler; pip install "
        "'reportx[dask]')",
    )
    ex.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="the Dask scheduler of --engine dask, e.g. tcp://10.0.0.5:8786",
    )
    ex.add_argument(
        "--max-memory-mb",
        type=int,
        default=DEFAULT_MAX_MEMORY_MB,
        metavar="MB",
        help="memory (address space) one document may take before it fails with "
        f"limit_exceeded; 0 for none (default {DEFAULT_MAX_MEMORY_MB})",
    )
    ex.add_argument(
        "--timeout-s",
        type=float,
        default=DEFAULT_TIMEOUT_S,
        metavar="S",
        help="seconds one document may take before it fails with limit_exceeded; "
        f"0 for none (default {DEFAULT_TIMEOUT_S:g})",
    )
    ex.add_argument(
        "--text-form",
        choices=TEXT_FORMS,
        default=None,
        help="read every .txt input in this form instead of sniffing it: tab "
        "(cells split by TABs), layout (columns aligned with spaces, as "
        "pdftotext -layout writes), plain (reading order, as pdftotext writes)",
    )
    ex.add_argument(
        "--no-cache",
        action="store_true",
        help="parse every input again, whatever the cache holds (the cache is "
        "refreshed)",
    )
    ex.add_argument(
        "--cache-dir",
        metavar="DIR",
        default=None,
        help="keep the per-input cache here (default DIR/.reportx/cache)",
    )
    _add_limits(ex)
    ex.add_argument(
        "--partition-by",
        choices=PARTITION_COLUMNS,
        default=None,
        help="write each table with this column as hive folders, DIR/<table>/"
        "financial_year=2017%%2F18/part-0.parquet (rows without one under "
        f"financial_year={UNKNOWN}); the other tables as usual",
    )
    first, last = DATE_WINDOW
    ex.add_argument(
        "--date-window",
        type=_date_window,
        default=DATE_WINDOW,
        metavar="FIRST:LAST",
        help="dates outside are reported as value_out_of_range (kept as "
        f"printed; default {first}:{last})",
    )
    talk = ex.add_mutually_exclusive_group()
    talk.add_argument(
        "--quiet", action="store_true", help="no progress bar and no summary"
    )
    talk.add_argument(
        "-v", "--verbose", action="store_true", help="a log line per document"
    )
    _add_qa_commands(commands)
    _add_sql_command(commands)
    return parser


def _add_limits(ex: argparse.ArgumentParser) -> None:
    """What one input may cost; over a limit it fails alone (README: Limits)."""
    d = DEFAULT_LIMITS
    limits = ex.add_argument_group(
        "limits", "an input over one fails alone, with a limit_exceeded issue"
    )
    for flag, kind, default, unit, what in (
        ("--max-file-mb", float, d.max_file_mb, "MB", "input file size"),
        ("--max-pages", int, d.max_pages, "N", "pages of a PDF"),
        ("--max-line-chars", int, d.max_line_chars, "N", "characters in one line"),
        (
            "--max-stream-mb",
            float,
            d.max_stream_mb,
            "MB",
            "bytes one PDF stream decompresses to, counted while inflating",
        ),
        (
            "--max-page-objects",
            int,
            d.max_page_objects,
            "N",
            "drawing operations on one PDF page (objects and path segments)",
        ),
    ):
        limits.add_argument(
            flag,
            type=_positive(kind),
            default=default,
            metavar=unit,
            help=f"{what} (default {default:g})",
        )


def _positive(kind: type[float] | type[int]) -> Callable[[str], float]:
    def parse(text: str) -> float:
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be above 0, not {text}")
        return value

    return parse


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # `reportx inspect FILE | head`: the reader has all it wanted.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
    if args.command == "extract":
        return _extract(args)
    if args.command in QA_COMMANDS:
        return QA_COMMANDS[args.command](args)
    parser.print_usage(sys.stderr)
    return EXIT_USAGE


def _extract(args: argparse.Namespace) -> int:
    if args.jobs is not None and args.jobs < 1:
        print("reportx extract: --jobs must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    if args.max_memory_mb < 0 or args.timeout_s < 0:
        print("reportx extract: a limit must be 0 (none) or more", file=sys.stderr)
        return EXIT_USAGE
    worker_limits = WorkerLimits(args.max_memory_mb or None, args.timeout_s or None)
    from extract.run import Interrupted, extract

    bar: Bar | None = None
    if sys.stderr.isatty() and not args.quiet:
        from extract.progress import Bar

        bar = Bar()
    handler = _log_handler(bar) if args.verbose else None
    try:
        result = extract(
            args.paths,
            args.out,
            jobs=args.jobs,
            text_form=args.text_form,
            engine=args.engine,
            use_cache=not args.no_cache,
            cache_dir=args.cache_dir,
            observer=bar,
            limits=Limits(
                args.max_file_mb,
                args.max_pages,
                args.max_line_chars,
                args.max_stream_mb,
                args.max_page_objects,
            ),
            worker_limits=worker_limits,
            scheduler=args.scheduler,
            partition_by=args.partition_by,
            date_window=args.date_window,
        )
    except (UsageError, EngineUnavailable) as exc:
        print(f"reportx extract: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (Interrupted, KeyboardInterrupt) as exc:
        kept = f"; {exc}" if isinstance(exc, Interrupted) else ""
        print(f"reportx extract: interrupted, nothing published{kept}", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        if bar:
            bar.close()
        if handler:
            logging.getLogger("extract").removeHandler(handler)
    if not args.quiet:
        _print_summary(result, args.out)
    for f in result.failures:
        print(f"  failed: {f.reason}", file=sys.stderr)
    for r in result.refused:
        print(f"  failed: {r.path}: {r.reason}", file=sys.stderr)
    if result.violations:
        print(
            f"  {result.violations} rows not written: they break their table's "
            "schema (schema_violation in issues)",
            file=sys.stderr,
        )
    return EXIT_FAILED_INPUT if result.failed or result.violations else EXIT_OK


def _date_window(text: str) -> tuple[date, date]:
    """FIRST:LAST, two ISO dates, as --date-window takes them."""
    try:
        first, last = (date.fromisoformat(part) for part in text.split(":"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r}: expected FIRST:LAST, e.g. 2000-01-01:2030-12-31"
        ) from None
    return first, last


def _log_handler(bar: Bar | None) -> logging.Handler:
    """Per-document log lines on stderr, above the bar when there is one."""
    handler: logging.Handler
    if bar:
        from rich.logging import RichHandler

        # Log lines print above the bar, not through it.
        handler = RichHandler(
            console=bar.progress.console, show_time=False, show_path=False
        )
    else:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
    root = logging.getLogger("extract")
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return handler


def _print_summary(result: RunResult, out: str) -> None:
    ok = result.inputs - len(result.failures)
    failed = result.failed
    print(f"{result.inputs} inputs: {ok} ok, {failed} failed -> {out}")
    print(f"  parsed {result.parsed}, from the cache {result.cached}")
    if result.duplicates:
        print(f"  {len(result.duplicates)} duplicate inputs extracted once")
    for table, n in result.counts.items():
        print(f"  {table:<18} {n:>6} rows")


def _add_qa_commands(
    commands: argparse._SubParsersAction[_Parser],
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


def _add_sql_command(
    commands: argparse._SubParsersAction[_Parser],
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


if __name__ == "__main__":
    sys.exit(main())
