"""One input -> its entry file: the per-document function an engine maps.

`process` runs the pipeline on one input and keeps every record in memory (the
tests and `inspect` want them); `parse` writes them to the input's cache entry
and returns only its summary, so no record crosses a process boundary.
`refuse` is what an engine gives instead for a document a limit stopped.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from extract import cache
from extract.checks import WINDOW
from extract.inputs import Input, os_reason
from extract.pipeline import PARSER_VERSION, process_document
from extract.readers import (
    DEFAULT_LIMITS,
    Limits,
    UnreadableInput,
    is_pdf,
    read_document,
)
from extract.records import DocumentRow, IssueRow, Record
from extract.shards import Summary, write_entry
from schemas.ranges import DATE_WINDOW


@dataclass(slots=True)
class FileResult:
    source_path: str
    sha256: str | None
    status: str
    seconds: float
    records: list[Record] = field(default_factory=list)


def failed_row(doc_id: str, source_path: str, fmt: str) -> DocumentRow:
    return DocumentRow(
        doc_id=doc_id,
        source_path=source_path,
        source_format=fmt,
        title=None,
        report_type="other",
        organisation=None,
        financial_year=None,
        quarters=[],
        report_date=None,
        committee=None,
        report_of=None,
        contact_officer=None,
        portfolio=None,
        key_decision=None,
        report_track=None,
        item_number=None,
        n_lines=None,
        n_pages=None,
        coverage=None,
        status="failed",
        parser_version=PARSER_VERSION,
        text_form=None,
    )


def process(
    item: Input,
    text_form: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    window: tuple[date, date] = DATE_WINDOW,
) -> FileResult:
    """Extract one input; an unreadable one becomes a failed document, not a crash.
    An input over one of `limits` is refused; dates outside `window` are
    `value_out_of_range`."""
    started = time.perf_counter()
    fmt = "pdf" if item.path.suffix.lower() == ".pdf" else "txt"
    try:
        data = item.path.read_bytes()
        fmt = "pdf" if is_pdf(data) else fmt
    except OSError as exc:
        doc_id = hashlib.sha256(item.source_path.encode()).hexdigest()[:16]
        reason = f"cannot be read: {os_reason(exc)}"
        return _failed(item, doc_id, None, fmt, reason, started)
    sha = hashlib.sha256(data).hexdigest()
    try:
        doc = read_document(item.path, item.source_path, data, text_form, limits)
        token = WINDOW.set(window)
        try:
            records = process_document(doc).records
        finally:
            WINDOW.reset(token)
    except UnreadableInput as exc:
        return _failed(item, sha[:16], sha, fmt, str(exc), started, exc.code, exc.page)
    except MemoryError:
        # The engine that capped the memory names the cap (engines/local.py).
        raise
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
        reason = f"could not be processed ({type(exc).__name__}: {exc})"
        return _failed(item, sha[:16], sha, fmt, reason, started)
    return FileResult(
        item.source_path, sha, "ok", time.perf_counter() - started, records
    )


def _failed(
    item: Input,
    doc_id: str,
    sha: str | None,
    fmt: str,
    reason: str,
    started: float,
    code: str = "file_failed",
    page: int | None = None,
) -> FileResult:
    issue = IssueRow.of(
        code, doc_id, f"{item.source_path}: {reason}", page=page, severity="error"
    )
    return FileResult(
        item.source_path,
        sha,
        "failed",
        time.perf_counter() - started,
        [failed_row(doc_id, item.source_path, fmt), issue],
    )


@dataclass(frozen=True, slots=True)
class Task:
    """One input to parse into its cache entry (or, unreadable, into scratch)."""

    index: int
    item: Input
    text_form: str | None
    store: Path
    scratch: Path
    limits: Limits = DEFAULT_LIMITS
    window: tuple[date, date] = DATE_WINDOW


# A task's index, the path of its entry file and the entry's summary.
Parsed = tuple[int, Path, Summary]


def parse(task: Task) -> Parsed:
    """The per-document function an engine maps: parse, write the entry."""
    return _write(task, process(task.item, task.text_form, task.limits, task.window))


def refuse(task: Task, why: str) -> Parsed:
    """The entry of a document a limit stopped: `failed`, with a
    `limit_exceeded` issue naming the limit. It is not cached, so a run with
    other limits tries the document again."""
    started = time.perf_counter()
    fmt = "pdf" if task.item.path.suffix.lower() == ".pdf" else "txt"
    try:
        sha: str | None = hashlib.sha256(task.item.path.read_bytes()).hexdigest()
    except OSError:
        sha = None
    doc_id = (
        sha[:16]
        if sha
        else hashlib.sha256(task.item.source_path.encode()).hexdigest()[:16]
    )
    result = _failed(task.item, doc_id, sha, fmt, why, started, "limit_exceeded")
    path = task.scratch / f"limited-{task.index:06d}"
    return task.index, path, write_entry(path, _summary(result), result.records)


def _summary(result: FileResult) -> Summary:
    reason = next((r.message for r in result.records if isinstance(r, IssueRow)), "")
    return Summary(
        result.source_path,
        result.sha256,
        result.status,
        result.seconds,
        reason if result.status == "failed" else "",
    )


def _write(task: Task, result: FileResult) -> Parsed:
    if result.sha256 is None:
        path = task.scratch / f"unreadable-{task.index:06d}"
    else:
        key = cache.entry_key(
            result.sha256,
            task.item.source_path,
            task.text_form,
            task.limits.key(),
            task.window,
        )
        path = cache.Store(task.store).path(key)
    return task.index, path, write_entry(path, _summary(result), result.records)
