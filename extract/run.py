"""Inputs -> records -> Parquet tables and manifest.json."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from extract.panel import panel_records
from extract.pipeline import PARSER_VERSION, process_document
from extract.readers import UnreadableInput, is_pdf, read_document
from extract.records import DocumentRow, IssueRow, Record, as_row
from schemas.tables import TABLES, OutputTable

INPUT_SUFFIXES = (".txt", ".pdf")

__all__ = ["PARSER_VERSION", "UsageError", "extract", "process"]


class UsageError(Exception):
    """A command-line mistake: a path that does not exist, an unusable --out."""


@dataclass(frozen=True, slots=True)
class Input:
    path: Path
    source_path: str


@dataclass(slots=True)
class FileResult:
    source_path: str
    sha256: str | None
    status: str
    seconds: float
    records: list[Record] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RunResult:
    files: tuple[FileResult, ...]
    counts: dict[str, int]

    @property
    def failed(self) -> int:
        return sum(1 for f in self.files if f.status == "failed")


def discover(paths: Sequence[str | Path]) -> list[Input]:
    """Every .txt and .pdf under the given files and folders, in a stable order."""
    found: list[Input] = []
    for given in paths:
        root = Path(given)
        if root.is_dir():
            for p in sorted(root.rglob("*")):
                if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES:
                    found.append(Input(p, p.relative_to(root).as_posix()))
        elif root.is_file():
            found.append(Input(root, root.name))
        else:
            raise UsageError(f"no such file or folder: {given}")
    return found


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


def process(item: Input, text_form: str | None = None) -> FileResult:
    """Extract one input; an unreadable one becomes a failed document, not a crash."""
    started = time.perf_counter()
    fmt = "pdf" if item.path.suffix.lower() == ".pdf" else "txt"
    try:
        data = item.path.read_bytes()
        fmt = "pdf" if is_pdf(data) else fmt
    except OSError as exc:
        doc_id = hashlib.sha256(item.source_path.encode()).hexdigest()[:16]
        return _failed(
            item, doc_id, None, fmt, f"cannot be read: {exc.strerror}", started
        )
    sha = hashlib.sha256(data).hexdigest()
    try:
        doc = read_document(item.path, item.source_path, data, text_form)
        records = process_document(doc).records
    except UnreadableInput as exc:
        return _failed(item, sha[:16], sha, fmt, str(exc), started, exc.code, exc.page)
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
    issue = IssueRow(
        doc_id=doc_id,
        severity="error",
        code=code,
        message=f"{item.source_path}: {reason}",
        page=page,
        line=None,
    )
    return FileResult(
        item.source_path,
        sha,
        "failed",
        time.perf_counter() - started,
        [failed_row(doc_id, item.source_path, fmt), issue],
    )


def _tables(results: Iterable[FileResult]) -> dict[str, list[dict[str, object]]]:
    rows: dict[str, list[dict[str, object]]] = {t.name: [] for t in TABLES}
    for result in results:
        for record in result.records:
            rows[record.table].append(as_row(record))
    return rows


def _atomic_write(path: Path, write: Callable[[str], object]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _arrow(
    table: OutputTable, rows: list[dict[str, object]], issues: list[dict[str, object]]
) -> pa.Table:
    """The rows as an Arrow table; a row its schema cannot hold becomes an issue."""
    try:
        return pa.Table.from_pylist(rows, schema=table.schema)
    except (pa.ArrowException, OverflowError, TypeError, ValueError):
        pass
    good = []
    for row in rows:
        try:
            pa.Table.from_pylist([row], schema=table.schema)
        except (pa.ArrowException, OverflowError, TypeError, ValueError) as exc:
            doc_id = row.get("doc_id")
            issues.append(
                as_row(
                    IssueRow(
                        doc_id=doc_id if isinstance(doc_id, str) else None,
                        severity="error",
                        code="value_out_of_range",
                        message=f"{table.name} row at line "
                        f"{row.get('line_start')} not written: "
                        f"{exc}",
                        page=None,
                        line=_int_or_none(row.get("line_start")),
                    )
                )
            )
        else:
            good.append(row)
    return pa.Table.from_pylist(good, schema=table.schema)


def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) else None


def write_tables(out: Path, rows: dict[str, list[dict[str, object]]]) -> dict[str, int]:
    """One Parquet file per contract table, each replaced atomically."""
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    issues = rows.setdefault("issues", [])
    # Issues last: a row another table cannot hold is reported there.
    for table in sorted(TABLES, key=lambda t: t.name == "issues"):
        data = _arrow(table, rows.get(table.name, []), issues)
        _atomic_write(out / f"{table.name}.parquet", partial(pq.write_table, data))
        counts[table.name] = data.num_rows
    return counts


def write_manifest(
    out: Path, results: Sequence[FileResult], counts: dict[str, int]
) -> None:
    manifest = {
        "parser_version": PARSER_VERSION,
        "inputs": [
            {
                "source_path": r.source_path,
                "sha256": r.sha256,
                "status": r.status,
                "seconds": round(r.seconds, 4),
            }
            for r in results
        ],
        "row_counts": counts,
    }
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    _atomic_write(
        out / "manifest.json", lambda tmp: Path(tmp).write_text(text, encoding="utf-8")
    )


def extract(
    paths: Sequence[str | Path],
    out: str | Path,
    jobs: int = 1,
    text_form: str | None = None,
) -> RunResult:
    """Extract every input under `paths` and write the tables to `out`.

    `text_form` (tab, layout or plain) reads every text input in that form
    instead of sniffing it.
    """
    target = Path(out)
    if target.exists() and not target.is_dir():
        raise UsageError(f"--out {out} is a file, not a folder")
    inputs = discover(paths)
    if not inputs:
        raise UsageError(f"no .txt or .pdf input under {', '.join(map(str, paths))}")
    if jobs > 1 and len(inputs) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(partial(process, text_form=text_form), inputs))
    else:
        results = [process(i, text_form) for i in inputs]
    everything = [r for f in results for r in f.records]
    panel = FileResult("(run)", None, "ok", 0.0, list(panel_records(everything)))
    rows = _tables([*results, panel])
    counts = write_tables(Path(out), rows)
    write_manifest(Path(out), results, counts)
    return RunResult(tuple(results), counts)
