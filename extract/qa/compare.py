"""Two versions of one table compared row by row on its natural key.

Plain Python on the rows `tables_io` loads: a few thousand rows per table, so
a dict per side is all the join needs (this replaced datacompy, which brought
polars into every install only for `reportx diff`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from extract.qa.pairing import DocPair
from extract.qa.tables_io import Row, Value, sort_key

KeyValues = tuple[tuple[str, Value], ...]


@dataclass(frozen=True, slots=True)
class Change:
    column: str
    old: Value
    new: Value


@dataclass(frozen=True, slots=True)
class ChangedRow:
    key: KeyValues
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class TableDiff:
    table: str
    key: tuple[str, ...]
    added: tuple[KeyValues, ...]
    removed: tuple[KeyValues, ...]
    changed: tuple[ChangedRow, ...]
    columns_added: tuple[str, ...] = ()
    columns_removed: tuple[str, ...] = ()

    @property
    def identical(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.changed
            or self.columns_added
            or self.columns_removed
        )


@dataclass(frozen=True, slots=True)
class OutputDiff:
    old: str
    new: str
    tolerance: float
    tables: tuple[TableDiff, ...]
    # Reports whose doc id changed between the runs (a corrected input).
    renamed: tuple[DocPair, ...] = ()

    @property
    def identical(self) -> bool:
        return all(t.identical for t in self.tables)


def same(old: Value, new: Value, tolerance: float) -> bool:
    """Equal values; numbers (not booleans) within `tolerance` of each other."""
    numbers = (int, float)
    if (
        isinstance(old, numbers)
        and isinstance(new, numbers)
        and not isinstance(old, bool)
        and not isinstance(new, bool)
    ):
        return abs(float(old) - float(new)) <= tolerance
    return old == new


def _by_key(
    rows: Sequence[Row], key: Sequence[str], order: Sequence[str]
) -> dict[tuple[Any, ...], list[Row]]:
    """Rows grouped by key; a key printed twice keeps its rows in a stable order."""
    groups: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: sort_key(r, order)):
        groups[tuple(row.get(k) for k in key)].append(row)
    return groups


def compare_rows(
    table: str,
    table_key: Sequence[str],
    old: tuple[Sequence[str], Sequence[Row]],
    new: tuple[Sequence[str], Sequence[Row]],
    tolerance: float,
    ignore: Collection[str] = (),
) -> TableDiff:
    """Added, removed and changed rows of one table, matched on its natural key.

    Columns in `ignore` are neither compared nor reported (a PDF and a text of
    one report print the same value on different lines).
    """
    (old_cols, old_rows), (new_cols, new_rows) = old, new
    key = [k for k in table_key if k in old_cols and k in new_cols]
    values = [c for c in new_cols if c in old_cols and c not in key and c not in ignore]
    order = [*key, *values]
    olds, news = _by_key(old_rows, key, order), _by_key(new_rows, key, order)
    added: list[KeyValues] = []
    removed: list[KeyValues] = []
    changed: list[ChangedRow] = []
    for k in sorted(
        olds.keys() | news.keys(),
        key=lambda k: sort_key(dict(zip(key, k, strict=True)), key),
    ):
        before, after = olds.get(k, []), news.get(k, [])
        for o, n in zip(before, after, strict=False):
            changes = tuple(
                Change(c, o.get(c), n.get(c))
                for c in values
                if not same(o.get(c), n.get(c), tolerance)
            )
            if changes:
                changed.append(ChangedRow(tuple((c, o.get(c)) for c in key), changes))
        shown_new = [c for c in new_cols if c not in ignore]
        shown_old = [c for c in old_cols if c not in ignore]
        added += [tuple((c, r.get(c)) for c in shown_new) for r in after[len(before) :]]
        removed += [
            tuple((c, r.get(c)) for c in shown_old) for r in before[len(after) :]
        ]
    return TableDiff(
        table=table,
        key=tuple(key),
        added=tuple(added),
        removed=tuple(removed),
        changed=tuple(changed),
        columns_added=tuple(c for c in new_cols if c not in old_cols),
        columns_removed=tuple(c for c in old_cols if c not in new_cols),
    )
