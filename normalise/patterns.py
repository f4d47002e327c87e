"""Patterns compiled where they are first used, not as their module is imported.

A module-level pattern that most runs never use (one form's, a rare printed
structure's) still costs its compiling at every start of the program: a
one-file run compiles about 300. `compiled` and `fuzzy` are module-level
constants that compile on first use and behave as the compiled pattern after.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    import regex

# regex.ENHANCEMATCH, for flags written without importing regex: of the fuzzy
# matches at a position, the one with fewest errors. regex takes re's values
# for the flags re has (IGNORECASE, MULTILINE, ...).
ENHANCEMATCH = 0x8000


class _Lazy:
    """Compiles its pattern on the first attribute looked up."""

    def __init__(self, compile: Callable[[], object]) -> None:
        self._compile = compile

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            # Not a pattern's (copy and pickle look for some on a bare instance).
            raise AttributeError(name)
        pattern = self._compile()
        # Each attribute becomes the instance's own: later lookups find it
        # without calling here, and a method is the compiled pattern's.
        for attribute in dir(pattern):
            if not attribute.startswith("_"):
                setattr(self, attribute, getattr(pattern, attribute))
        return getattr(pattern, name)


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, compiled when first used."""
    return cast("re.Pattern[str]", _Lazy(partial(re.compile, pattern, flags)))


def fuzzy(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """`regex.compile(pattern, flags)` (fuzzy matching, timeouts), compiled
    when first used; the regex module is imported then too."""
    return cast("regex.Pattern[str]", _Lazy(partial(_regex_compile, pattern, flags)))


def _regex_compile(pattern: str, flags: int) -> regex.Pattern[str]:
    import regex

    return regex.compile(pattern, flags)
