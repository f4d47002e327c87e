"""The incremental cache: one entry file per input, kept between runs.

An entry is found by a key made of everything that decides its rows: the
sha256 of the input's bytes, its `source_path` (printed in `documents` and in
issue messages), the parser version with a fingerprint of the parser's own
code and data files, `text_form`, the date window (`--date-window`) and the
entry file's layout (`shards.FORMAT`). So an unchanged input is never parsed
again, a changed one is, and a parser upgrade (or any edit to the code of an
installed-from-source checkout) parses everything again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import shutil
from datetime import date
from functools import cache
from pathlib import Path

from extract.pipeline import PARSER_VERSION
from extract.shards import FORMAT, Summary
from schemas.ranges import DATE_WINDOW

# The packages whose code and data decide the rows of an entry...
PACKAGES = ("extract", "normalise", "schemas")
CODE_SUFFIXES = (".py", ".csv", ".json", ".txt")
# ...but for the parts that only run, reduce or report on entries: editing
# them must not throw the cache away.
NOT_PARSER = (
    "extract/cache.py",
    "extract/cli/",
    "extract/engines/",
    "extract/inputs.py",
    "extract/manifest.py",
    "extract/panel_reduce.py",
    "extract/progress.py",
    "extract/publish.py",
    "extract/qa/",
    "extract/reduce.py",
    "extract/run.py",
    "extract/table_sink.py",
)


@cache
def parser_fingerprint() -> str:
    """PARSER_VERSION and a hash of every file of the parser's packages."""
    digest = hashlib.sha256(PARSER_VERSION.encode())
    root = Path(__file__).resolve().parent.parent
    for name in _parser_files(root):
        digest.update(name.encode())
        with open(root / name, "rb") as f:
            digest.update(f.read())
    return f"{PARSER_VERSION}+{digest.hexdigest()[:12]}"


def _parser_files(root: Path) -> list[str]:
    """The parser's files, as paths relative to `root`, in the order of their
    folders and names. os.walk, not Path.rglob: a run starts by reading these
    300 files, and a Path a file cost more than its reading."""
    names = []
    for package in PACKAGES:
        for folder, subfolders, files in os.walk(root / package):
            subfolders[:] = [d for d in subfolders if d != "__pycache__"]
            where = Path(folder).relative_to(root).as_posix()
            names += [
                name
                for name in (f"{where}/{file}" for file in files)
                if name.endswith(CODE_SUFFIXES) and not name.startswith(NOT_PARSER)
            ]
    return sorted(names, key=lambda name: name.split("/"))


def entry_key(
    sha256: str,
    source_path: str,
    text_form: str | None,
    limits: str | None = None,
    window: tuple[date, date] = DATE_WINDOW,
) -> str:
    dates = [d.isoformat() for d in window]
    what = [sha256, source_path, parser_fingerprint(), text_form, dates]
    if limits is not None:
        what.append(limits)
    what.append(f"entry format {FORMAT}")
    return hashlib.sha256(json.dumps(what).encode()).hexdigest()


class Store:
    """Entry files under one folder: `<key[:2]>/<key>`."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, key: str) -> Path:
        return self.root / key[:2] / key

    def lookup(self, key: str) -> Summary | None:
        """The entry's summary, or None when there is no complete entry."""
        try:
            found = Summary.load(self.path(key))
        except (OSError, ValueError, TypeError):
            return None
        return dataclasses.replace(found, cached=True)

    def remove_stale(self) -> None:
        """Temporary files of runs that were killed while writing an entry
        (folders, of runs of an older layout).

        A cache can be shared by runs into several --out folders (--cache-dir),
        so a temporary file of a process still alive is left alone.
        """
        if not self.root.is_dir():
            return
        for bucket in self.root.iterdir():
            if not bucket.is_dir():
                continue
            for tmp in bucket.glob(".tmp-*"):
                pid = _pid_of(tmp.name)
                if pid == os.getpid() or not _alive(pid):
                    _remove(tmp)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
        return
    with contextlib.suppress(OSError):
        path.unlink()


def _pid_of(name: str) -> int:
    try:
        return int(name.split("-")[1])
    except (IndexError, ValueError):
        return 0


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
