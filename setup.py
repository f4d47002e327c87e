"""reportx's build: interpreted, or with REPORTX_COMPILE=1 compiled by mypyc.

`make compiled` builds the second kind into .venv-compiled: the modules a run
spends its time in (the readers, the layout and block stages, the recognisers
and the normalisers) become C extensions: the same program, parsing at about
1.5 times the speed on one core (a whole run, about 1.2 times). `make
test-compiled` checks it writes the same tables. Everything else (the
project's metadata, its dependencies) is pyproject.toml's.
"""

from __future__ import annotations

import os
from pathlib import Path

from setuptools import setup

ROOT = Path(__file__).resolve().parent
# The stages every document goes through, compiled whole.
COMPILED_PACKAGES = (
    "extract/blocks",
    "extract/cover",
    "extract/layout",
    "extract/readers",
    "extract/recognisers",
    "normalise",
)
COMPILED_MODULES = (
    "extract/checks.py",
    "extract/claims.py",
    "extract/context.py",
    "extract/coverage.py",
    "extract/document.py",
    "extract/headings.py",
    "extract/keys.py",
    "extract/panel.py",
    "extract/pipeline.py",
    "extract/prose_dates.py",
)
# Left interpreted: classes that cross a process boundary by pickle, which
# cannot remake a compiled exception or frozen dataclass (an unreadable
# input's error, the limits a worker is sent), and the lazy pattern, which
# makes its attributes when first looked up.
INTERPRETED = frozenset(
    {
        "extract/readers/errors.py",
        "extract/readers/limits.py",
        "extract/readers/pdf_open.py",
        "normalise/patterns.py",
    }
)


def compiled_modules() -> list[str]:
    """The source files mypyc compiles, relative to the project's root."""
    found = {
        path.relative_to(ROOT).as_posix()
        for package in COMPILED_PACKAGES
        for path in (ROOT / package).rglob("*.py")
    }
    return sorted((found | set(COMPILED_MODULES)) - INTERPRETED)


def ext_modules() -> list[object]:
    if os.environ.get("REPORTX_COMPILE") != "1":
        return []
    from mypyc.build import mypycify

    return list(mypycify(compiled_modules(), opt_level="2", multi_file=True))


setup(ext_modules=ext_modules())
