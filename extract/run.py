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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

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
from extract.parse import FileResult, Task, parse, process, refuse
from extract.pipeline import PARSER_VERSION
from extract.publish import Area, hold
from extract.readers import DEFAULT_LIMITS, Limits
from extract.records import IssueRow, as_row
from extract.reduce import Entry, entry, write_tables
from extract.shards import Summary
from schemas.datapackage import write_datapackage
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
MANIFEST = "manifest.json"
DATAPACKAGE = "datapackage.json"
TABLE_FILES = tuple(f"{t.name}.parquet" for t in TABLES)


class Observer(Protocol):
    """Told how many inputs a run has, then of each document as it is done."""

    def start(self, total: int) -> None: ...

    def done(self, summary: Summary) -> None: ...


class Interrupted(Exception):
    """Ctrl-C: the workers are ended and nothing was published."""

    def __init__(self, done: int) -> None:
        super().__init__(f"{done} documents done are kept for the next run")
        self.done = done


@dataclass(frozen=True, slots=True)
class RunResult:
    files: tuple[Summary, ...]
    counts: dict[str, int]
    parsed: int = 0
    cached: int = 0
    refused: tuple[Refused, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()

    @property
    def failed(self) -> int:
        return sum(1 for f in self.files if f.status == "failed") + len(self.refused)


def _run_key(hashed: Sequence[Hashed], text_form: str | None, *extra: object) -> str:
    """What decides a run's output: its inputs, in order, and the parser."""
    what = [
        cache.parser_fingerprint(),
        text_form,
        [(h.item.source_path, h.sha256, h.error) for h in hashed],
        [repr(x) for x in extra],
    ]
    return hashlib.sha256(json.dumps(what).encode()).hexdigest()


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


def _entries(
    hashed: Sequence[Hashed],
    store: cache.Store,
    scratch: Path,
    text_form: str | None,
    run_engine: Engine,
    use_cache: bool,
    observer: Observer | None,
    fact_groups: Counter[str],
    limits: Limits = DEFAULT_LIMITS,
) -> list[Entry]:
    """Each input's entry, in input order: from the cache, or parsed now; the
    facts of each observation group counted into `fact_groups`."""
    found: dict[int, Entry] = {}
    todo: list[Task] = []
    if observer:
        observer.start(len(hashed))
    for i, h in enumerate(hashed):
        if h.sha256 and use_cache:
            key = cache.entry_key(h.sha256, h.item.source_path, text_form, limits.key())
            summary = store.lookup(key)
            if summary is not None:
                found[i] = entry(store.folder(key), summary, fact_groups)
                _observe(observer, found[i])
                continue
        todo.append(Task(i, h.item, text_form, store.root, scratch, limits))
    try:
        for i, folder, summary in run_engine.map(parse, todo, refuse):
            found[i] = entry(folder, summary, fact_groups)
            _observe(observer, found[i])
    except KeyboardInterrupt:
        raise Interrupted(len(found)) from None
    return [found[i] for i in range(len(hashed))]


def manifest(
    run_key: str,
    entries: Sequence[Entry],
    refused: Sequence[Refused],
    duplicates: Sequence[Duplicate],
    counts: dict[str, int],
) -> dict[str, object]:
    inputs: list[dict[str, object]] = []
    for e in entries:
        s = e.summary
        row: dict[str, object] = {
            "source_path": s.source_path,
            "sha256": s.sha256,
            "status": s.status,
            "seconds": round(s.seconds, 4),
            "cached": s.cached,
        }
        inputs.append({**row, "reason": s.reason} if s.reason else row)
    return {
        "parser_version": PARSER_VERSION,
        "run_key": run_key,
        "inputs": inputs,
        "duplicates": [
            {"source_path": d.item.source_path, "same_as": d.first.source_path}
            for d in duplicates
        ],
        "refused": [{"path": r.path, "reason": r.reason} for r in refused],
        "cache": {
            "parsed": sum(not e.summary.cached for e in entries),
            "cached": sum(e.summary.cached for e in entries),
        },
        "row_counts": counts,
    }


def write_manifest(folder: Path, content: dict[str, object]) -> None:
    text = json.dumps(content, indent=2, ensure_ascii=False) + "\n"
    (folder / MANIFEST).write_text(text, encoding="utf-8")


def _result(
    content: dict[str, Any],
    refused: Sequence[Refused],
    duplicates: Sequence[Duplicate],
    cached_run: bool,
) -> RunResult:
    """The result of a run as its manifest tells it."""
    files = tuple(
        Summary(
            str(i["source_path"]),
            i["sha256"],
            str(i["status"]),
            float(i["seconds"]),
            str(i.get("reason", "")),
            cached=cached_run or bool(i["cached"]),
        )
        for i in content["inputs"]
    )
    return RunResult(
        files,
        dict(content["row_counts"]),
        parsed=sum(not f.cached for f in files),
        cached=sum(f.cached for f in files),
        refused=tuple(refused),
        duplicates=tuple(duplicates),
    )


def _published(area: Area, run_key: str) -> dict[str, Any] | None:
    """The live run's manifest, when it is of these very inputs and complete."""
    live = area.live()
    if live is None:
        return None
    try:
        content = json.loads((live / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    # A run published before the data package was written is republished.
    whole = all((live / name).is_file() for name in (*TABLE_FILES, DATAPACKAGE))
    return content if whole and content.get("run_key") == run_key else None


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
) -> RunResult:
    """Extract every input under `paths` and publish the tables in `out`.

    `text_form` (tab, layout or plain) reads every text input in that form
    instead of sniffing it. `jobs` None runs one worker per core. An input the
    cache holds is not parsed again unless `use_cache` is False. `observer` is
    told of each document as it is done. An input over one of `limits` fails
    alone, with a `limit_exceeded` issue; so does a document that takes more
    than `worker_limits` allow. `scheduler` is the address of the cluster
    `engine="dask"` runs on.
    """
    target = Path(out)
    if target.exists() and not target.is_dir():
        raise UsageError(f"--out {out} is a file, not a folder")
    found, refused = discover(paths)
    if not found and not refused:
        raise UsageError(f"no .txt or .pdf input under {', '.join(map(str, paths))}")
    run_engine = make_engine(engine, jobs, worker_limits, scheduler)
    with hold(target) as area:
        area.remove_leftovers()
        store = cache.Store(Path(cache_dir) if cache_dir else area.cache)
        store.remove_stale()
        hashed, duplicates = hash_inputs(found)
        run_key = _run_key(
            hashed, text_form, duplicates, refused, limits.key(), worker_limits
        )
        published = _published(area, run_key) if use_cache else None
        if published is not None:
            # Nothing changed since the live run: it is this run's output.
            return _result(published, refused, duplicates, cached_run=True)
        run, scratch = area.new_run()
        try:
            fact_groups: Counter[str] = Counter()
            entries = _entries(
                hashed,
                store,
                scratch,
                text_form,
                run_engine,
                use_cache,
                observer,
                fact_groups,
                limits,
            )
            issues = run_issues(refused, duplicates)
            counts = write_tables(entries, fact_groups, issues, run, scratch)
            content = manifest(run_key, entries, refused, duplicates, counts)
            write_manifest(run, content)
            write_datapackage(run, PARSER_VERSION)
            area.publish(run, [*TABLE_FILES, MANIFEST, DATAPACKAGE])
        except BaseException:
            shutil.rmtree(run, ignore_errors=True)
            shutil.rmtree(scratch, ignore_errors=True)
            raise
    return _result(content, refused, duplicates, cached_run=False)
