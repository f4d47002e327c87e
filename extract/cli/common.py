"""What the commands share: exit codes and a parser whose help is written
when asked for."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

EXIT_OK, EXIT_FAILED_INPUT, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class Version(argparse.Action):
    """--version: the parser's version, read from the pipeline when asked."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the version")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        from extract.pipeline import PARSER_VERSION

        print(f"reportx {PARSER_VERSION}")
        parser.exit()


class Parser(argparse.ArgumentParser):
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
