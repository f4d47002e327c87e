"""`reportx extract`: its options, the run, and what it prints."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, NoReturn

from extract.cli.common import (
    EXIT_FAILED_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    Parser,
)
from extract.engines import (
    DEFAULT_MAX_MEMORY_MB,
    DEFAULT_TIMEOUT_S,
    ENGINES,
    EngineUnavailable,
    WorkerLimits,
    arrow_without_numpy,
    arrow_without_pandas,
    default_jobs,
)
from extract.inputs import UsageError
from extract.readers import DEFAULT_LIMITS, TEXT_FORMS, Limits
from schemas.partitions import PARTITION_COLUMNS, UNKNOWN
from schemas.ranges import DATE_WINDOW

if TYPE_CHECKING:
    from extract.manifest import RunResult
    from extract.progress import Bar


def add_extract_command(commands: argparse._SubParsersAction[Parser]) -> None:
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


def run_extract(args: argparse.Namespace, program: bool = False) -> int:
    """`reportx extract`; `program` when this process is the command's alone
    (not a caller's `main([...])`), which sets the process up for the run and
    ends it when the run is done."""
    if args.jobs is not None and args.jobs < 1:
        print("reportx extract: --jobs must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    if args.max_memory_mb < 0 or args.timeout_s < 0:
        print("reportx extract: a limit must be 0 (none) or more", file=sys.stderr)
        return EXIT_USAGE
    worker_limits = WorkerLimits(args.max_memory_mb or None, args.timeout_s or None)
    if program:
        _set_up_process()
    # This process is the run's: it and its workers build tables, never from
    # pandas objects.
    arrow_without_pandas()
    from extract.run import Interrupted, extract

    if program:
        # What the imports made lives as long as the process: no collection
        # need look at it again, here or in a forked worker, whose pages a
        # collection would otherwise copy (the `gc.freeze` recipe for fork).
        gc.freeze()
        gc.enable()

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
    code = _report(result, args)
    if program:
        _end_process(code)
    return code


def _report(result: RunResult, args: argparse.Namespace) -> int:
    """Print what the run did and what failed; its exit status."""
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


def _set_up_process() -> None:
    """Before the run's imports: their objects are not collected while they
    are made (30 ms), as they all live on; pyarrow is imported without numpy,
    which nothing in a run uses (0.1 s)."""
    gc.disable()
    arrow_without_numpy()


def _end_process(code: int) -> NoReturn:
    """End the process at once with `code`, the run published and what it
    printed flushed. Tearing the interpreter down would free each module and
    object in turn (pyarrow's compute functions, numpy, the recognisers'
    tables): 0.1 s of a one-file run, for a process that is ending."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


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
