"""One atomic publish of a run's tables and manifest, and the lock on --out.

Layout of an output folder:

    DIR/<table>.parquet, DIR/manifest.json   symlinks into .reportx/current/
    DIR/.reportx/current                     symlink to runs/<run>, the live run
    DIR/.reportx/runs/<run>/                 one complete run: tables + manifest
    DIR/.reportx/staging/<run>/              scratch space of the run in progress
    DIR/.reportx/cache/                      the per-input cache (extract/cache.py)
    DIR/.reportx/lock                        held by the live run; holds its pid

A run writes its tables and manifest into a new `runs/<run>/` folder, then
switches `current` with one rename: a reader that opens the tables through DIR
(or resolves `current` once) sees the previous run or this one, never a mix,
and a run killed at any moment leaves the previous run whole. The next run
removes what a killed one left behind.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import shutil
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from secrets import token_hex

from extract.inputs import UsageError

META = ".reportx"
log = logging.getLogger(__name__)


class Area:
    """The `.reportx` folder of one output folder."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.meta = out / META
        self.runs = self.meta / "runs"
        self.staging = self.meta / "staging"
        self.cache = self.meta / "cache"
        self.current = self.meta / "current"

    def live(self) -> Path | None:
        """The folder of the published run, if there is one."""
        try:
            target = os.readlink(self.current)
        except OSError:
            return None
        folder = self.meta / target
        return folder if folder.is_dir() else None

    def remove_leftovers(self) -> None:
        """What a killed run left: unpublished runs, scratch space, temporary
        links, and the `.tmp` files of the per-file writer of older versions."""
        live = self.live()
        for folder in _children(self.runs):
            if live is None or folder.name != live.name:
                shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(self.staging, ignore_errors=True)
        for tmp in [*self.meta.glob(".current-*"), *self.out.glob(".*.tmp")]:
            tmp.unlink(missing_ok=True)

    def new_run(self) -> tuple[Path, Path]:
        """An empty folder for the run's tables and one for its scratch files."""
        name = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{token_hex(3)}"
        run, scratch = self.runs / name, self.staging / name
        run.mkdir(parents=True)
        scratch.mkdir(parents=True)
        return run, scratch

    def publish(self, run: Path, names: Sequence[str]) -> None:
        """Make `run` the live run in one rename, then link DIR/<name> to it."""
        for name in names:
            _fsync(run / name)
        _fsync(run)
        tmp = self.meta / f".current-{os.getpid()}"
        tmp.unlink(missing_ok=True)
        os.symlink(run.relative_to(self.meta).as_posix(), tmp)
        os.replace(tmp, self.current)
        _fsync(self.meta)
        for name in names:
            self._link(name)
        for folder in _children(self.runs):
            if folder.name != run.name:
                shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(self.staging, ignore_errors=True)

    def _link(self, name: str) -> None:
        """DIR/<name> -> .reportx/current/<name>, unless it already is."""
        link = self.out / name
        target = f"{META}/current/{name}"
        try:
            if os.readlink(link) == target:
                return
        except OSError:
            pass
        tmp = self.out / f".{name}.link.tmp"
        tmp.unlink(missing_ok=True)
        os.symlink(target, tmp)
        # Replaces a table written in place by an older version, too.
        os.replace(tmp, link)


def _children(folder: Path) -> list[Path]:
    return sorted(folder.iterdir()) if folder.is_dir() else []


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def hold(out: Path) -> Iterator[Area]:
    """The output folder, locked for this run: a second run refuses at once.

    The lock is a POSIX record lock on `.reportx/lock`: the kernel drops it when
    its process dies, however it dies, so a killed run's lock is taken over by
    the next run; worker processes never hold it.
    """
    area = Area(out)
    try:
        area.meta.mkdir(parents=True, exist_ok=True)
        fd = os.open(area.meta / "lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise UsageError(f"--out {out} cannot be written: {exc.strerror}") from None
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EACCES, errno.EAGAIN):
                raise
            raise UsageError(
                f"--out {out} is in use by a live run (pid {_pid(fd) or 'unknown'})"
            ) from None
        previous = _pid(fd)
        if previous and previous != os.getpid():
            log.info("lock of a stopped run (pid %s) taken over", previous)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield area
    finally:
        # Closing the descriptor releases the lock.
        os.close(fd)


def _pid(fd: int) -> int | None:
    try:
        return int(os.pread(fd, 32, 0).decode().strip())
    except (OSError, ValueError):
        return None
