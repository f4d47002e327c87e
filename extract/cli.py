"""reportx: extract council performance reports into Parquet tables."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from extract.run import PARSER_VERSION, UsageError, extract

EXIT_OK, EXIT_FAILED_INPUT, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reportx",
        description="Turn council performance reports (.txt exports and PDFs) into "
        "tidy Parquet tables.",
    )
    parser.add_argument("--version", action="version", version=f"reportx {PARSER_VERSION}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    ex = commands.add_parser(
        "extract",
        help="extract reports into DIR/<table>.parquet and DIR/manifest.json",
        description="Extract every .txt and .pdf under PATH (files or folders, searched "
        "recursively). Exit 0 when every input was processed, 1 when any failed "
        "(the others are still written; see issues.parquet), 2 on a usage error.",
    )
    ex.add_argument("paths", nargs="+", metavar="PATH", help="a report or a folder of them")
    ex.add_argument("--out", required=True, metavar="DIR", help="output folder")
    ex.add_argument("--jobs", type=int, default=1, metavar="N",
                    help="inputs processed in parallel (default 1)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
    if args.command == "extract":
        return _extract(args)
    parser.print_usage(sys.stderr)
    return EXIT_USAGE


def _extract(args: argparse.Namespace) -> int:
    if args.jobs < 1:
        print("reportx extract: --jobs must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        result = extract(args.paths, args.out, jobs=args.jobs)
    except UsageError as exc:
        print(f"reportx extract: {exc}", file=sys.stderr)
        return EXIT_USAGE
    ok = len(result.files) - result.failed
    print(f"{len(result.files)} inputs: {ok} ok, {result.failed} failed -> {args.out}")
    for table, n in result.counts.items():
        print(f"  {table:<18} {n:>6} rows")
    for f in result.files:
        if f.status == "failed":
            reason = next((r.message for r in f.records if getattr(r, "code", "") ==
                           "file_failed"), "")
            print(f"  failed: {reason}", file=sys.stderr)
    return EXIT_FAILED_INPUT if result.failed else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
