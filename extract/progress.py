"""A progress bar on stderr for a person at the terminal."""

from __future__ import annotations

import time

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)

from extract.shards import Summary

# Seconds between redraws: a cached run is done with thousands of documents
# in a second, and a redraw for each would take longer than the run.
REDRAW = 0.1


class Bar:
    """Documents done of the total, failed so far, rate and time left.

    Redrawn as documents are done, with no refresh thread: the local engine
    forks its workers, and a fork must not copy a thread holding a lock.
    """

    def __init__(self) -> None:
        self.failed = 0
        self.drawn = 0.0
        self.progress = Progress(
            TextColumn("extract"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[failed]} failed"),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            auto_refresh=False,
            transient=True,
        )
        self.task = self.progress.add_task("extract", start=False, failed=0, rate="")

    def start(self, total: int) -> None:
        self.progress.update(self.task, total=total)
        self.progress.start_task(self.task)
        self.progress.start()

    def done(self, summary: Summary) -> None:
        self.failed += summary.status == "failed"
        self.progress.advance(self.task)
        now = time.monotonic()
        if now - self.drawn < REDRAW:
            return
        self.drawn = now
        speed = self.progress.tasks[0].speed
        rate = f"{speed:.1f} docs/s" if speed else ""
        self.progress.update(self.task, failed=self.failed, rate=rate, refresh=True)

    def close(self) -> None:
        self.progress.stop()
