"""Inputs -> cached shards per document -> tables and manifest.json, published
atomically.

A run locks --out, hashes every input, parses those the cache does not hold
(each document's records go straight to its shards), reduces the shards into
a new run folder and publishes it in one rename (extract/publish.py).
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from array import array
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import asdict
from datetime import date
from functools import partial
from pathlib import Path
from typing import Protocol

from extract import cache
from extract.engines import DEFAULT_WORKER_LIMITS, Engine, WorkerLimits
from extract.engines import engine as make_engine
from extract.inputs import (
    Duplicate,
    Hashed,
    Refused,
    UsageError,
    discover,
    hash_inputs,
)
from extract.manifest import (
    DATAPACKAGE,
    MANIFEST,
    RunResult,
    published_run,
    run_result,
    write_manifest,
)
from extract.parse import FileResult, Task, parse, process, refuse
from extract.pipeline import PARSER_VERSION
from extract.publish import (
    hold,
    partition,
    partitioned,
    table_names,
)
from extract.readers import DEFAULT_LIMITS, Limits
from extract.records import IssueRow, as_row
from extract.reduce import Entry, EntryLog, write_tables
from extract.shards import Summary
from extract.spill import Spilled
from schemas.datapackage import Parts, write_datapackage
from schemas.partitions import PARTITION_COLUMNS, UNKNOWN
from schemas.ranges import DATE_WINDOW
from schemas.tables import TABLES

__all__ = [
    "PARSER_VERSION",
    "FileResult",
    "Interrupted",
    "UsageError",
    "extract",
    "process",
]

log = logging.getLogger(__name__)


class Observer(Protocol):
    """Told how many inputs a run has, then of each document as it is done."""

    def start(self, total: int) -> None: ...

    def done(self, summary: Summary) -> None: ...


class Interrupted(Exception):
    """Ctrl-C: the workers are ended and nothing was published."""

    def __init__(self, done: int) -> None:
        super().__init__(f"{done} documents done are kept for the next run")
        self.done = done


def _run_key(hashed: Iterable[Hashed], text_form: str | None, *extra: object) -> str:
    """What decides a run's output: its inputs, in order, and the parser."""
    digest = hashlib.sha256(
        json.dumps([cache.parser_fingerprint(), text_form]).encode()
    )
    for h in hashed:
        digest.update(json.dumps([h.item.source_path, h.sha256, h.error]).encode())
    digest.update(json.dumps([repr(x) for x in extra]).encode())
    return digest.hexdigest()


def _issue(doc_id: str | None, severity: str, code: str, message: str) -> IssueRow:
    return IssueRow.of(code, doc_id, message, severity=severity)


def run_issues(
    refused: Sequence[Refused], duplicates: Sequence[Duplicate]
) -> list[dict[str, object]]:
    """The run's own issues: paths refused by the OS, inputs met twice."""
    rows = [
        _issue(None, "error", "file_failed", f"{r.path}: {r.reason}") for r in refused
    ]
    for d in duplicates:
        first, again = d.first.source_path, d.item.source_path
        said = (
            f"{again}: given twice; extracted once"
            if d.item.path == d.first.path
            else f"{again}: the same bytes as {first}; extracted once, as {first}"
        )
        rows.append(_issue(d.sha256[:16], "info", "duplicate_input", said))
    return [as_row(r) for r in rows]


def _observe(observer: Observer | None, entry: Entry) -> None:
    s = entry.summary
    log.info(
        "%s: %s%s, %.2f s%s",
        s.source_path,
        s.status,
        " (cached)" if s.cached else "",
        s.seconds,
        f": {s.reason}" if s.reason else "",
    )
    if observer:
        observer.done(s)


class _Todo:
    """The tasks of the inputs to parse, each made as the engine reaches it: a
    first run over a big archive holds their positions, not every input."""

    def __init__(
        self,
        hashed: Spilled[Hashed],
        text_form: str | None,
        store: Path,
        scratch: Path,
        limits: Limits,
        window: tuple[date, date],
    ) -> None:
        self.hashed = hashed
        self.indexes = array("q")
        self.task = partial(
            Task, text_form=text_form, store=store, scratch=scratch,
            limits=limits, window=window,
        )  # fmt: skip

    def add(self, index: int) -> None:
        self.indexes.append(index)

    def __len__(self) -> int:
        return len(self.indexes)

    def __iter__(self) -> Iterator[Task]:
        for i in self.indexes:
            yield self.task(index=i, item=self.hashed[i].item)


def _entries(
    entries: EntryLog,
    hashed: Spilled[Hashed],
    store: cache.Store,
    scratch: Path,
    text_form: str | None,
    window: tuple[date, date],
    run_engine: Engine,
    use_cache: bool,
    observer: Observer | None,
    limits: Limits = DEFAULT_LIMITS,
) -> None:
    """Each input's entry into `entries`: from the cache, or parsed now."""
    todo = _Todo(hashed, text_form, store.root, scratch, limits, window)
    if observer:
        observer.start(len(hashed))
    done = 0
    for i, h in enumerate(hashed):
        if h.sha256 and use_cache:
            key = cache.entry_key(
                h.sha256, h.item.source_path, text_form, limits.key(), window
            )
            summary = store.lookup(key)
            if summary is not None:
                _observe(observer, entries.add(i, store.path(key), summary))
                done += 1
                continue
        todo.add(i)
    try:
        for i, path, summary in run_engine.map(parse, todo, refuse):
            _observe(observer, entries.add(i, path, summary))
            done += 1
    except KeyboardInterrupt:
        raise Interrupted(done) from None


def _partition(run: Path, partition_by: str | None) -> dict[str, Parts]:
    """The tables with a `partition_by` column rewritten as hive folders."""
    if partition_by is None:
        return {}
    return {
        t.name: (partition_by, partition(run, t, partition_by), UNKNOWN)
        for t in TABLES
        if partitioned(t, partition_by)
    }


def extract(
    paths: Sequence[str | Path],
    out: str | Path,
    jobs: int | None = 1,
    text_form: str | None = None,
    *,
    engine: str = "local",
    use_cache: bool = True,
    cache_dir: str | Path | None = None,
    observer: Observer | None = None,
    limits: Limits = DEFAULT_LIMITS,
    worker_limits: WorkerLimits = DEFAULT_WORKER_LIMITS,
    scheduler: str | None = None,
    partition_by: str | None = None,
    date_window: tuple[date, date] = DATE_WINDOW,
) -> RunResult:
    """Extract every input under `paths` and publish the tables in `out`.

    `text_form` (tab, layout or plain) reads every text input in that form
    instead of sniffing it. `jobs` None runs one worker per core. An input the
    cache holds is not parsed again unless `use_cache` is False. `observer` is
    told of each document as it is done. An input over one of `limits` fails
    alone, with a `limit_exceeded` issue; so does a document that takes more
    than `worker_limits` allow. `scheduler` is the address of the cluster
    `engine="dask"` runs on. `partition_by` (financial_year) writes each table
    that has that column as hive folders, one per value. A date outside
    `date_window` (first, last) is `value_out_of_range`.
    """
    target = Path(out)
    if target.exists() and not target.is_dir():
        raise UsageError(f"--out {out} is a file, not a folder")
    if partition_by is not None and partition_by not in PARTITION_COLUMNS:
        known = ", ".join(PARTITION_COLUMNS)
        raise UsageError(f"--partition-by {partition_by}: not one of {known}")
    first, last = date_window
    if first > last:
        raise UsageError(
            f"--date-window {first}:{last}: the first date is after the last"
        )
    options: dict[str, object] = {
        "text_form": text_form,
        "partition_by": partition_by,
        "date_window": f"{first.isoformat()}:{last.isoformat()}",
        **asdict(limits),
        "max_memory_mb": worker_limits.max_memory_mb,
        "timeout_s": worker_limits.timeout_s,
    }
    names = table_names(partition_by)
    run_engine = make_engine(engine, jobs, worker_limits, scheduler)
    found, refused = discover(paths)
    # The input lists' scratch files are closed however the run ends.
    with ExitStack() as spilled:
        spilled.callback(found.close)
        if not found and not refused:
            where = ", ".join(map(str, paths))
            raise UsageError(f"no .txt or .pdf input under {where}")
        with hold(target) as area:
            area.remove_leftovers()
            store = cache.Store(Path(cache_dir) if cache_dir else area.cache)
            store.remove_stale()
            hashed, duplicates = hash_inputs(found)
            spilled.callback(hashed.close)
            run_key = _run_key(hashed, text_form, duplicates, refused, options)
            published = (
                published_run(area, run_key, names, refused, duplicates)
                if use_cache
                else None
            )
            if published is not None:
                # Nothing changed since the live run: it is this run's output.
                return published
            run, scratch = area.new_run()
            entries = EntryLog(scratch / "entries.jsonl", len(hashed))
            try:
                _entries(
                    entries,
                    hashed,
                    store,
                    scratch,
                    text_form,
                    date_window,
                    run_engine,
                    use_cache,
                    observer,
                    limits,
                )
                issues = run_issues(refused, duplicates)
                written = write_tables(entries, issues, run, scratch)
                parts = _partition(run, partition_by)
                write_manifest(
                    run, run_key, options, entries, refused, duplicates, written
                )
                result = run_result(run, run_key, entries, refused, duplicates, written)
                write_datapackage(run, PARSER_VERSION, parts)
                area.publish(run, [*names, MANIFEST, DATAPACKAGE])
            except BaseException:
                shutil.rmtree(run, ignore_errors=True)
                shutil.rmtree(scratch, ignore_errors=True)
                raise
            finally:
                entries.close()
        return result
