"""`reportx diff` as text, Markdown and JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from extract.qa.compare import OutputDiff
from extract.qa.tables_io import Value

FORMATS = ("text", "markdown", "json")


def _show(value: Value) -> str:
    if value is None:
        return "null"
    if isinstance(value, float):
        return format(value, ".15g")
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _pairs(pairs: Iterable[tuple[str, Value]], only: Sequence[str] = ()) -> str:
    values = dict(pairs)
    return ", ".join(f"{k}={_show(values.get(k))}" for k in only or values)


def _summary_rows(diff: OutputDiff) -> list[tuple[str, int, int, int]]:
    return [
        (t.table, len(t.added), len(t.removed), len(t.changed)) for t in diff.tables
    ]


def render_text(diff: OutputDiff) -> str:
    """Summary counts per table first, then every difference value by value."""
    lines = [
        f"old: {diff.old}",
        f"new: {diff.new}",
        "",
        f"{'table':<20} {'added':>7} {'removed':>7} {'changed':>7}",
    ]
    lines += [f"{n:<20} {a:>7} {r:>7} {c:>7}" for n, a, r, c in _summary_rows(diff)]
    if diff.renamed:
        lines += ["", "reports compared under a new doc_id (old -> new):"]
        lines += [
            f"  {p.source_path}: {p.old_id} -> {p.new_id} (paired by {p.by})"
            for p in diff.renamed
        ]
    for t in diff.tables:
        if t.identical:
            continue
        lines += ["", f"== {t.table} (key: {', '.join(t.key)})"]
        lines += [f"  columns added: {', '.join(t.columns_added)}"] * bool(
            t.columns_added
        )
        lines += [f"  columns removed: {', '.join(t.columns_removed)}"] * bool(
            t.columns_removed
        )
        lines += [f"  + {_pairs(r, t.key)}" for r in t.added]
        lines += [f"  - {_pairs(r, t.key)}" for r in t.removed]
        for ch in t.changed:
            lines.append(f"  ~ {_pairs(ch.key)}")
            lines += [
                f"      {c.column}: {_show(c.old)} -> {_show(c.new)}"
                for c in ch.changes
            ]
    lines += [
        "",
        "identical"
        if diff.identical
        else f"{sum(not t.identical for t in diff.tables)} table(s) differ",
    ]
    return "\n".join(lines)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(diff: OutputDiff) -> str:
    """The same as text, as Markdown tables that paste into a review."""
    lines = [
        f"**reportx diff** `{diff.old}` → `{diff.new}`",
        "",
        "| table | added | removed | changed |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| {n} | {a} | {r} | {c} |" for n, a, r, c in _summary_rows(diff)]
    if diff.renamed:
        lines += ["", "Reports compared under a new doc_id:", ""]
        lines += [
            f"- `{_md(p.source_path)}`: `{p.old_id}` → `{p.new_id}` (by {p.by})"
            for p in diff.renamed
        ]
    for t in diff.tables:
        if t.identical:
            continue
        lines += ["", f"### {t.table}", ""]
        if t.columns_added or t.columns_removed:
            lines += [
                f"Columns added: {', '.join(t.columns_added) or '–'}; "
                f"removed: {', '.join(t.columns_removed) or '–'}",
                "",
            ]
        lines += ["| change | key | column | old | new |", "|---|---|---|---|---|"]
        lines += [f"| added | {_md(_pairs(r, t.key))} | | | |" for r in t.added]
        lines += [f"| removed | {_md(_pairs(r, t.key))} | | | |" for r in t.removed]
        lines += [
            f"| changed | {_md(_pairs(ch.key))} | {c.column} | "
            f"{_md(_show(c.old))} | {_md(_show(c.new))} |"
            for ch in t.changed
            for c in ch.changes
        ]
    lines += [
        "",
        "Identical."
        if diff.identical
        else f"{sum(not t.identical for t in diff.tables)} table(s) differ.",
    ]
    return "\n".join(lines)


def as_json(diff: OutputDiff) -> dict[str, Any]:
    """The diff as plain JSON data for CI."""
    return {
        "old": diff.old,
        "new": diff.new,
        "tolerance": diff.tolerance,
        "identical": diff.identical,
        "renamed": [
            {"source_path": p.source_path, "old": p.old_id, "new": p.new_id, "by": p.by}
            for p in diff.renamed
        ],
        "summary": {
            n: {"added": a, "removed": r, "changed": c}
            for n, a, r, c in _summary_rows(diff)
        },
        "tables": {
            t.table: {
                "key": list(t.key),
                "columns_added": list(t.columns_added),
                "columns_removed": list(t.columns_removed),
                "added": [dict(r) for r in t.added],
                "removed": [dict(r) for r in t.removed],
                "changed": [
                    {
                        "key": dict(ch.key),
                        "changes": [
                            {"column": c.column, "old": c.old, "new": c.new}
                            for c in ch.changes
                        ],
                    }
                    for ch in t.changed
                ],
            }
            for t in diff.tables
            if not t.identical
        },
    }


def render(diff: OutputDiff, fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps(as_json(diff), indent=2, ensure_ascii=False)
    return render_markdown(diff) if fmt == "markdown" else render_text(diff)
