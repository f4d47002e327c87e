"""Patterns compiled on first use behave as the compiled pattern."""

from __future__ import annotations

import copy
import re
import subprocess
import sys

import regex

from normalise.patterns import ENHANCEMATCH, compiled, fuzzy
from tests.conftest import ROOT


def test_a_lazy_pattern_matches_as_the_compiled_one() -> None:
    lazy = compiled(r"(?P<q>Q[1-4])\s*=\s*(\d+)", re.IGNORECASE)
    eager = re.compile(r"(?P<q>Q[1-4])\s*=\s*(\d+)", re.IGNORECASE)
    text = "q1 = 5, Q3 = 12"
    assert lazy.search(text) and eager.search(text)
    assert lazy.search(text)[0] == eager.search(text)[0]  # type: ignore[index]
    assert [m.span() for m in lazy.finditer(text)] == [
        m.span() for m in eager.finditer(text)
    ]
    assert lazy.sub("-", text) == eager.sub("-", text)
    assert (lazy.pattern, lazy.flags, lazy.groupindex) == (
        eager.pattern,
        eager.flags,
        eager.groupindex,
    )
    assert copy.copy(lazy).findall(text) == eager.findall(text)


def test_a_fuzzy_pattern_is_regex_s() -> None:
    assert ENHANCEMATCH == regex.ENHANCEMATCH
    lazy = fuzzy(r"(?:months){e<=2}", re.IGNORECASE | ENHANCEMATCH)
    eager = regex.compile(r"(?:months){e<=2}", regex.IGNORECASE | regex.ENHANCEMATCH)
    for text in ("12 rnonths", "12 Months", "weeks"):
        got, want = lazy.search(text, timeout=1.0), eager.search(text)
        assert (got and got.span()) == (want and want.span())
    assert lazy.flags == eager.flags


def test_importing_the_run_compiles_no_fuzzy_pattern() -> None:
    code = "import sys, extract.run; print('regex' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT
    )
    assert done.stdout.strip() == "False"
