"""reportx: extract council performance reports into Parquet tables.

Only argparse and the engines' names are imported to build the parser: the
pipeline, pyarrow, rich and DuckDB are imported by the command that needs
them, so `reportx --help` answers at once.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from extract.cli.common import EXIT_OK, EXIT_USAGE, Parser, Version
from extract.cli.extract_cmd import add_extract_command, run_extract
from extract.cli.qa_cmds import QA_COMMANDS, add_qa_commands, add_sql_command

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reportx",
        description="Turn council performance reports (.txt exports and PDFs) into "
        "tidy Parquet tables.",
    )
    parser.add_argument("--version", action=Version)
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=Parser
    )
    add_extract_command(commands)
    add_qa_commands(commands)
    add_sql_command(commands)
    return parser


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
        return run_extract(args, program=argv is None)
    if args.command in QA_COMMANDS:
        return QA_COMMANDS[args.command](args)
    parser.print_usage(sys.stderr)
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
