"""The inputs of a run: every report under the PATHs given, each counted once.

A path the operating system refuses (a name too long, a folder that cannot be
listed, a symlink loop) is reported, never a crash or a silent skip; the same
bytes at two paths, or one path given twice, are one document.
"""

from __future__ import annotations

import errno
import hashlib
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.spill import Spilled

INPUT_SUFFIXES = (".txt", ".pdf")


class UsageError(Exception):
    """A command-line mistake: a path that does not exist, an unusable --out."""


@dataclass(frozen=True, slots=True)
class Input:
    path: Path
    source_path: str


@dataclass(frozen=True, slots=True)
class Refused:
    """A PATH or folder the operating system would not let us look at."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Hashed:
    """An input and the sha256 of its bytes (None when it cannot be read)."""

    item: Input
    sha256: str | None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A second path to bytes already in the run: `first` is the one extracted."""

    item: Input
    first: Input
    sha256: str


def printable(name: str) -> str:
    """A file name as the tables print it: bytes of a name that are no UTF-8
    (held by Python as lone surrogates) become U+FFFD, which Parquet can hold."""
    if name.isascii():
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    return exc.strerror or type(exc).__name__


def _input_line(item: Input) -> list[str]:
    return [str(item.path), item.source_path]


def _input_of(line: Any) -> Input:
    return Input(Path(line[0]), line[1])


def _hashed_line(h: Hashed) -> list[str | None]:
    return [str(h.item.path), h.item.source_path, h.sha256, h.error]


def _hashed_of(line: Any) -> Hashed:
    return Hashed(Input(Path(line[0]), line[1]), line[2], line[3])


def discover(paths: Sequence[str | Path]) -> tuple[Spilled[Input], list[Refused]]:
    """Every .txt and .pdf under the given files and folders, in a stable order
    (kept on disk, extract/spill.py), and the paths that could not be looked at."""
    found = Spilled(_input_line, _input_of)
    refused: list[Refused] = []
    for given in paths:
        root = Path(given)
        try:
            os.stat(root)
        except FileNotFoundError:
            raise UsageError(f"no such file or folder: {given}") from None
        except OSError as exc:
            refused.append(Refused(printable(str(given)), os_reason(exc)))
            continue
        if os.path.isdir(root):
            for item in _walk(root, root, refused):
                found.append(item)
        elif os.path.isfile(root):
            found.append(Input(root, printable(root.name)))
        else:
            refused.append(Refused(printable(str(given)), "not a file or a folder"))
    return found, refused


def _walk(root: Path, folder: Path, refused: list[Refused]) -> Iterator[Input]:
    """Files under `folder` in the order `sorted(rglob("*"))` gives; symlinked
    folders are not followed, as rglob does not follow them."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        refused.append(
            Refused(printable(str(folder)), f"cannot be listed: {os_reason(exc)}")
        )
        return
    # Depth first, by name at each level: the order sorted(rglob("*")) gives,
    # as paths compare part by part.
    for e in entries:
        path = Path(e.path)
        try:
            is_dir = e.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(root, path, refused)
        elif path.suffix.lower() in INPUT_SUFFIXES and not _is_folder(path):
            # A link that goes nowhere or loops is kept: reading it reports why.
            yield Input(path, printable(path.relative_to(root).as_posix()))


def _is_folder(path: Path) -> bool:
    try:
        return os.path.isdir(path)
    except OSError:
        return False


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def hash_inputs(
    items: Iterable[Input],
) -> tuple[Spilled[Hashed], list[Duplicate]]:
    """Each input's sha256 (kept on disk, in input order); a repeat of bytes
    already seen is a Duplicate."""
    unique = Spilled(_hashed_line, _hashed_of)
    duplicates: list[Duplicate] = []
    # Each digest as 32 bytes, with the position of its first input.
    first_by_sha: dict[bytes, int] = {}
    try:
        for item in items:
            try:
                sha = sha256_of(item.path)
            except OSError as exc:
                why = f"cannot be read: {os_reason(exc)}"
                unique.append(Hashed(item, None, why))
                continue
            digest = bytes.fromhex(sha)
            if digest in first_by_sha:
                first = unique[first_by_sha[digest]].item
                duplicates.append(Duplicate(item, first, sha))
                continue
            first_by_sha[digest] = len(unique)
            unique.append(Hashed(item, sha))
    except BaseException:
        # Ctrl-C while a big archive is hashed: its scratch file goes too.
        unique.close()
        raise
    return unique, duplicates
