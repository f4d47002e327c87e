"""Which document of one run is which report of the other.

`doc_id` is the first 16 hex digits of the file's sha256, so correcting one
figure in an input gives its report a new id. `diff` pairs the documents of
two runs as reports instead: by `source_path`, then by identical bytes (a file
that moved), then by title and financial year (a file renamed and changed),
and compares every table under that pairing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from extract.qa.tables_io import Row, Value

# Columns that hold doc ids, and how: the id itself, an `<doc_id>:<n>` item id,
# or a list of ids (read from Parquet as JSON text, see tables_io.plain).
ID_COLUMNS = ("doc_id",)
ITEM_ID_COLUMNS = ("item_id",)
ID_LIST_COLUMNS = ("source_doc_ids",)


@dataclass(frozen=True, slots=True)
class DocPair:
    old_id: str
    new_id: str
    source_path: str
    by: str  # "source_path", "sha256" or "title and financial_year"


def _unique(rows: Iterable[Row], key: Callable[[Row], object]) -> dict[object, Row]:
    """Rows by `key` where the key names exactly one row and is not empty."""
    seen: dict[object, list[Row]] = {}
    for r in rows:
        k = key(r)
        if k is not None and k != (None, None):
            seen.setdefault(k, []).append(r)
    return {k: rs[0] for k, rs in seen.items() if len(rs) == 1}


def pair_documents(old: Sequence[Row], new: Sequence[Row]) -> tuple[DocPair, ...]:
    """Documents of the new run paired with those of the old, each at most once."""
    rules: tuple[tuple[str, Callable[[Row], object]], ...] = (
        ("source_path", lambda r: r.get("source_path")),
        ("sha256", lambda r: r.get("doc_id")),
        (
            "title and financial_year",
            lambda r: (
                (r.get("title"), r.get("financial_year")) if r.get("title") else None
            ),
        ),
    )
    pairs: list[DocPair] = []
    left, right = list(old), list(new)
    for by, key in rules:
        olds, news = _unique(left, key), _unique(right, key)
        matched = [(olds[k], news[k]) for k in news if k in olds]
        pairs += [
            DocPair(str(o["doc_id"]), str(n["doc_id"]), str(n.get("source_path")), by)
            for o, n in matched
        ]
        taken_old = {id(o) for o, _ in matched}
        taken_new = {id(n) for _, n in matched}
        left = [r for r in left if id(r) not in taken_old]
        right = [r for r in right if id(r) not in taken_new]
    return tuple(sorted(pairs, key=lambda p: p.source_path))


def _renamed(value: Value, ids: Mapping[str, str], column: str) -> Value:
    if not isinstance(value, str):
        return value
    if column in ID_COLUMNS:
        return ids.get(value, value)
    if column in ITEM_ID_COLUMNS:
        doc_id, sep, n = value.partition(":")
        return f"{ids.get(doc_id, doc_id)}{sep}{n}"
    listed = json.loads(value)
    # The panel writes these sorted; sorted again after renaming, so a list
    # that names the same reports compares equal.
    return json.dumps(sorted(ids.get(i, i) for i in listed), ensure_ascii=False)


def rename_ids(rows: Sequence[Row], ids: Mapping[str, str]) -> list[Row]:
    """Rows with every new doc id (also inside item ids and id lists) renamed."""
    if not ids:
        return list(rows)
    columns = (*ID_COLUMNS, *ITEM_ID_COLUMNS, *ID_LIST_COLUMNS)
    return [
        {c: _renamed(v, ids, c) if c in columns else v for c, v in r.items()}
        for r in rows
    ]
