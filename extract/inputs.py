"""The inputs of a run: every report under the PATHs given, each counted once.

A path the operating system refuses (a name too long, a folder that cannot be
listed, a symlink loop) is reported, never a crash or a silent skip; the same
bytes at two paths, or one path given twice, are one document.
"""

from __future__ import annotations

import errno
import hashlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

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


def os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    return exc.strerror or type(exc).__name__


def discover(paths: Sequence[str | Path]) -> tuple[list[Input], list[Refused]]:
    """Every .txt and .pdf under the given files and folders, in a stable order,
    and the paths that could not be looked at."""
    found: list[Input] = []
    refused: list[Refused] = []
    for given in paths:
        root = Path(given)
        try:
            os.stat(root)
        except FileNotFoundError:
            raise UsageError(f"no such file or folder: {given}") from None
        except OSError as exc:
            refused.append(Refused(str(given), os_reason(exc)))
            continue
        if os.path.isdir(root):
            found.extend(_walk(root, root, refused))
        elif os.path.isfile(root):
            found.append(Input(root, root.name))
        else:
            refused.append(Refused(str(given), "not a file or a folder"))
    return found, refused


def _walk(root: Path, folder: Path, refused: list[Refused]) -> Iterator[Input]:
    """Files under `folder` in the order `sorted(rglob("*"))` gives; symlinked
    folders are not followed, as rglob does not follow them."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        refused.append(Refused(str(folder), f"cannot be listed: {os_reason(exc)}"))
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
            yield Input(path, path.relative_to(root).as_posix())


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


def hash_inputs(items: Sequence[Input]) -> tuple[list[Hashed], list[Duplicate]]:
    """Each input's sha256; a repeat of bytes already seen is a Duplicate."""
    unique: list[Hashed] = []
    duplicates: list[Duplicate] = []
    first_by_sha: dict[str, Input] = {}
    for item in items:
        try:
            sha = sha256_of(item.path)
        except OSError as exc:
            unique.append(Hashed(item, None, f"cannot be read: {os_reason(exc)}"))
            continue
        if sha in first_by_sha:
            duplicates.append(Duplicate(item, first_by_sha[sha], sha))
            continue
        first_by_sha[sha] = item
        unique.append(Hashed(item, sha))
    return unique, duplicates
