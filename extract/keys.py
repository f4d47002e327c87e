"""One row per natural key: a repeated key is reported, never written twice.

Two printed variants of one indicator map to one registry id, and a report can
print the same figure twice (samples/001 prints its HRA table as HTML and again
as plain rows), so the same key can be found more than once in a document.
The first is kept; each repeat is a `duplicate_key` issue that quotes the
dropped values (info when only the printed wording differs, warning when a
value does). A record with a null in a key column is a `missing_key` issue:
key columns are never null.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter

from extract.document import Document
from extract.records import IssueRow, Record, RepairRow, as_row
from schemas.tables import BY_NAME

PROVENANCE = frozenset({"page", "line_start", "line_end"})
# Columns that say how a value was printed; a repeat that differs only here
# restates the same fact.
DESCRIPTIVE = frozenset(
    {"plan", "theme", "indicator", "value_text", "note", "reported_as", "label"}
)
# Tables whose key is made of what the report printed (not of ids we assign).
CHECKED = frozenset(
    {
        "rolling_12_months",
        "indicator_values",
        "action_updates",
        "status_summary",
        "breakdowns",
    }
)


class KeyCheck:
    """Keeps the first record of each natural key in one document."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.kept: dict[tuple[object, ...], Record] = {}

    def check(self, record: Record) -> Record:
        """The record itself, or the `duplicate_key` issue that stands for it."""
        kind = record.__class__
        if kind in _KEYS:
            key = _KEYS[kind]
        else:
            key = _KEYS[kind] = _key_of(kind)
        if key is None:
            return record
        values = key.values(record)
        missing = [c for at, c in key.required if values[at] is None]
        if missing:
            return _missing(self.doc, key.table, as_row(record), missing)
        if not key.checked:
            return record
        natural = (key.table, *values)
        first = self.kept.get(natural)
        if first is None:
            self.kept[natural] = record
            return record
        return _issue(self.doc, key.table, as_row(record), as_row(first))


@dataclass(frozen=True, slots=True)
class _Key:
    """A record class's natural key: its table, the values of the key columns
    in key order, the places in them of the columns never null, and whether
    repeats are looked for."""

    table: str
    values: Callable[[Record], tuple[object, ...]]
    required: tuple[tuple[int, str], ...]
    checked: bool


# Each record class's `_Key`, None for a class of no output table.
_KEYS: dict[type, _Key | None] = {}


def _key_of(kind: type) -> _Key | None:
    name: str = getattr(kind, "table", "")
    if name not in BY_NAME:
        return None
    table = BY_NAME[name]
    columns = table.key
    required = tuple((at, c) for at, c in enumerate(columns) if c in table.required_key)
    return _Key(name, _values_of(kind, columns), required, name in CHECKED)


def _values_of(
    kind: type, columns: tuple[str, ...]
) -> Callable[[Record], tuple[object, ...]]:
    """A record's key columns as its row holds them (None for a column it
    lacks); its whole row is built only for a record that is reported."""
    if kind is RepairRow:
        return lambda r: tuple([as_row(r).get(c) for c in columns])
    fields = getattr(kind, "__dataclass_fields__", {})
    if len(columns) > 1 and all(c in fields for c in columns):
        return attrgetter(*columns)
    return lambda r: tuple([getattr(r, c) if c in fields else None for c in columns])


def unique_keys(doc: Document, records: Iterable[Record]) -> Iterator[Record]:
    """The records, each repeat of a natural key replaced by its issue."""
    keys = KeyCheck(doc)
    return (keys.check(r) for r in records)


def _missing(
    doc: Document, table: str, row: dict[str, object], missing: list[str]
) -> IssueRow:
    # Key columns are declared non-null (BI tools enforce them) and the
    # Parquet writer refuses a null there, so the row is reported, not written.
    key = ", ".join(f"{k}={row.get(k)}" for k in BY_NAME[table].key if k != "doc_id")
    line, page = row.get("line_start"), row.get("page")
    return IssueRow.at(
        "missing_key",
        doc,
        line if isinstance(line, int) else None,
        f"{table} row not written: no {', '.join(missing)} could be told ({key})",
        page=page if isinstance(page, int) else None,
    )


def _issue(
    doc: Document, table: str, row: dict[str, object], first: dict[str, object]
) -> IssueRow:
    key_columns = BY_NAME[table].key
    differs = sorted(
        c
        for c in row
        if c not in PROVENANCE and c not in key_columns and row[c] != first[c]
    )
    key = ", ".join(f"{k}={row[k]}" for k in key_columns if k != "doc_id")
    said = "; ".join(f"{c}: kept {first[c]!r}, dropped {row[c]!r}" for c in differs)
    line, page = row.get("line_start"), row.get("page")
    return IssueRow.at(
        "duplicate_key",
        doc,
        line if isinstance(line, int) else None,
        f"{table} key ({key}) already found at line {first.get('line_start')}; "
        + (said or "same values, not written twice"),
        page=page if isinstance(page, int) else None,
        severity="warning" if set(differs) - DESCRIPTIVE else "info",
    )
