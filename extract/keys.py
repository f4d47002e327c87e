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

from collections.abc import Iterable, Iterator

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
        name = record.table
        if name not in BY_NAME:
            return record
        table = BY_NAME[name]
        values = _key_values(record, table.key)
        missing = [k for k in table.required_key if values[k] is None]
        if missing:
            return _missing(self.doc, name, as_row(record), missing)
        if name not in CHECKED:
            return record
        key = (name, *values.values())
        first = self.kept.get(key)
        if first is None:
            self.kept[key] = record
            return record
        return _issue(self.doc, name, as_row(record), as_row(first))


def _key_values(record: Record, columns: tuple[str, ...]) -> dict[str, object]:
    """The record's key columns as its row holds them (None for a column it
    lacks); its whole row is built only for a record that is reported."""
    if isinstance(record, RepairRow):
        row = record.as_row()
        return {c: row.get(c) for c in columns}
    fields = record.__dataclass_fields__
    return {c: getattr(record, c) if c in fields else None for c in columns}


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
