"""Compare two output folders report by report, table by table.

Documents are paired as reports (`pairing.py`), the new run's doc ids are
renamed to the old run's, and every table is then compared on its natural key
(`compare.py`): a corrected input shows the values that changed, not its
whole report removed and added again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from extract.qa.compare import (
    Change,
    ChangedRow,
    OutputDiff,
    TableDiff,
    compare_rows,
)
from extract.qa.diff_render import render, render_text
from extract.qa.pairing import DocPair, pair_documents, rename_ids
from extract.qa.tables_io import (
    NotAnOutputFolder,
    Row,
    Value,
    load_rows,
    manifest_sha256,
    snapshot,
    table_format,
)
from schemas.tables import BY_NAME, DOCUMENTS, TABLES, OutputTable

__all__ = [
    "Change",
    "ChangedRow",
    "DocPair",
    "NotAnOutputFolder",
    "OutputDiff",
    "TableDiff",
    "Value",
    "diff_outputs",
    "load_rows",
    "render",
    "render_text",
    "snapshot",
    "table_format",
]

DEFAULT_TOLERANCE = 1e-9
Loaded = tuple[tuple[str, ...], list[Row]]


def _with_sha256(loaded: Loaded, sha: dict[str, str]) -> Loaded:
    """documents with the manifest's full sha256 of each input as a column."""
    columns, rows = loaded
    return (
        (*columns, "sha256"),
        [{**r, "sha256": sha.get(str(r.get("source_path")))} for r in rows],
    )


def _new_ids_shown(docs: TableDiff, renamed: Sequence[DocPair]) -> TableDiff:
    """The documents diff with each renamed report's doc_id as a change."""
    changed = {dict(c.key).get("doc_id"): c for c in docs.changed}
    for p in renamed:
        before = changed.get(p.old_id)
        changes = (
            Change("doc_id", p.old_id, p.new_id),
            *(before.changes if before else ()),
        )
        changed[p.old_id] = ChangedRow((("doc_id", p.old_id),), changes)
    return replace(docs, changed=tuple(changed[k] for k in sorted(changed, key=str)))


def diff_outputs(
    old: str | Path,
    new: str | Path,
    tables: Sequence[str] | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
) -> OutputDiff:
    """Every table (or only `tables`) of two output folders, report by report."""
    old_dir, new_dir = Path(old), Path(new)
    old_fmt, new_fmt = table_format(old_dir), table_format(new_dir)
    unknown = [name for name in tables or () if name not in BY_NAME]
    if unknown:
        raise ValueError(
            f"unknown table {', '.join(unknown)}; tables are " + ", ".join(BY_NAME)
        )
    old_docs = load_rows(old_dir, DOCUMENTS, old_fmt)
    new_docs = load_rows(new_dir, DOCUMENTS, new_fmt)
    pairs = pair_documents(old_docs[1], new_docs[1])
    renamed = tuple(p for p in pairs if p.old_id != p.new_id)
    ids = {p.new_id: p.old_id for p in renamed}
    old_sha, new_sha = manifest_sha256(old_dir), manifest_sha256(new_dir)

    def compare(t: OutputTable) -> TableDiff:
        before, after = load_rows(old_dir, t, old_fmt), load_rows(new_dir, t, new_fmt)
        after = (after[0], rename_ids(after[1], ids))
        if t is DOCUMENTS and old_sha and new_sha:
            before, after = _with_sha256(before, old_sha), _with_sha256(after, new_sha)
        diff = compare_rows(t.name, t.key, before, after, tolerance)
        return _new_ids_shown(diff, renamed) if t is DOCUMENTS else diff

    chosen = [BY_NAME[n] for n in tables] if tables else list(TABLES)
    return OutputDiff(
        old=str(old),
        new=str(new),
        tolerance=tolerance,
        tables=tuple(compare(t) for t in chosen),
        renamed=renamed,
    )
