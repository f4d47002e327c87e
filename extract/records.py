"""Typed records, one class per output table; each has exactly its schema's columns."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from functools import cache
from operator import attrgetter
from typing import ClassVar, Protocol

from normalise.repair import Repair
from schemas.issues import BY_CODE, SEVERITIES


class _Record:
    """Equality, hash and repr of the record classes, as their dataclass would
    make them (over the fields, in order), written once: generating and
    compiling the three for each class costs a third of this module's import."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        values = _values(self.__class__)
        return values(self) == values(other)

    def __hash__(self) -> int:
        return hash(_values(self.__class__)(self))

    def __repr__(self) -> str:
        names = (f.name for f in fields(self.__class__))  # type: ignore[arg-type]
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in names)
        return f"{self.__class__.__qualname__}({shown})"


_VALUES: dict[type, Callable[[object], tuple[object, ...]]] = {}


def _values(kind: type) -> Callable[[object], tuple[object, ...]]:
    """A record's field values, as a tuple (one C call)."""
    values = _VALUES.get(kind)
    if values is None:
        names = [f.name for f in fields(kind)]
        values = _VALUES[kind] = attrgetter(names[0], names[1], *names[2:])
    return values


@dataclass(frozen=True, slots=True)
class Provenance:
    page: int | None
    line_start: int
    line_end: int


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class DocumentRow(_Record):
    table: ClassVar[str] = "documents"
    doc_id: str
    source_path: str
    source_format: str
    title: str | None
    report_type: str
    organisation: str | None
    financial_year: str | None
    quarters: list[str]
    report_date: date | None
    committee: str | None
    report_of: str | None
    contact_officer: str | None
    portfolio: str | None
    key_decision: bool | None
    report_track: str | None
    item_number: str | None
    n_lines: int | None
    n_pages: int | None
    coverage: float | None
    status: str
    parser_version: str
    text_form: str | None
    prose_coverage: float | None = None
    organisation_code: str | None = None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Rolling12(_Record):
    table: ClassVar[str] = "rolling_12_months"
    doc_id: str
    plan: str | None
    theme: str | None
    indicator: str
    indicator_id: str
    financial_year: str | None
    quarter: str
    as_of_date: date | None
    as_of_date_raw: str | None
    previous_12_months: int | None
    last_12_months: int | None
    change_pct: float | None
    change_abs: int | None
    direction: str | None
    note: str | None
    page: int | None
    line_start: int
    line_end: int


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class IndicatorValue(_Record):
    table: ClassVar[str] = "indicator_values"
    doc_id: str
    plan: str | None
    theme: str | None
    indicator: str
    indicator_id: str
    financial_year: str | None
    period: str
    measure: str
    value: float | None
    unit: str
    comparator: str | None
    qualifier: str | None
    value_text: str
    note: str | None
    reported_as: str
    frequency: str | None
    page: int | None
    line_start: int
    line_end: int


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Action(_Record):
    table: ClassVar[str] = "actions"
    item_id: str
    doc_id: str
    plan: str | None
    theme: str | None
    kind: str
    approach: str | None
    key_project: str | None
    title: str
    outcomes: str | None
    progress: str | None
    page: int | None
    line_start: int
    line_end: int


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ActionUpdate(_Record):
    table: ClassVar[str] = "action_updates"
    item_id: str
    doc_id: str
    quarter: str
    progress: str | None
    rating_symbol: str | None
    rating: str | None
    page: int | None
    line_start: int
    line_end: int


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class StatusCount(_Record):
    table: ClassVar[str] = "status_summary"
    doc_id: str
    plan: str | None
    scope: str
    period: str | None
    category: str
    label: str
    count: int | None
    percent: float | None
    theme: str
    page: int | None
    line_start: int
    line_end: int


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Breakdown(_Record):
    table: ClassVar[str] = "breakdowns"
    doc_id: str
    plan: str | None
    indicator: str
    indicator_id: str
    financial_year: str | None
    period: str
    dimension: str
    category: str
    count: int
    approx: bool
    value_text: str
    page: int | None
    line_start: int
    line_end: int


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Statement(_Record):
    table: ClassVar[str] = "statements"
    statement_id: str
    doc_id: str
    plan: str | None
    section: str | None
    sentence: str
    subject: str | None
    value: float
    unit: str
    measure: str
    change: str | None
    compared_with: str | None
    financial_year: str | None
    period: str | None
    indicator_id: str | None
    page: int | None
    line_start: int
    line_end: int


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class RepairRow(_Record):
    table: ClassVar[str] = "repairs"
    doc_id: str
    # `table` is the contract's column name; the dataclass field is `target`.
    target: str
    column: str
    page: int | None
    line: int | None
    raw: str
    repaired: str
    rule: str
    confidence: float
    alternatives: list[str] = field(default_factory=list)

    @classmethod
    def of(
        cls,
        doc_id: str,
        target: str,
        column: str,
        fix: Repair,
        *,
        page: int | None,
        line: int | None,
    ) -> RepairRow:
        """The `repairs` row of a normaliser's repair, where it was made."""
        return cls(
            doc_id=doc_id,
            target=target,
            column=column,
            page=page,
            line=line,
            raw=fix.raw,
            repaired=fix.repaired,
            rule=fix.rule,
            confidence=fix.confidence,
            alternatives=list(fix.alternatives),
        )

    def as_row(self) -> dict[str, object]:
        return {
            "doc_id": self.doc_id,
            "table": self.target,
            "column": self.column,
            "page": self.page,
            "line": self.line,
            "raw": self.raw,
            "repaired": self.repaired,
            "rule": self.rule,
            "confidence": self.confidence,
            "alternatives": list(self.alternatives),
        }


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class IssueRow(_Record):
    table: ClassVar[str] = "issues"
    doc_id: str | None
    severity: str
    code: str
    message: str
    page: int | None
    line: int | None

    @classmethod
    def of(
        cls,
        code: str,
        doc_id: str | None,
        message: str,
        *,
        page: int | None = None,
        line: int | None = None,
        severity: str | None = None,
    ) -> IssueRow:
        """An issue of a catalogued code (`schemas/issues.py`), at its default
        severity unless the finding says otherwise."""
        kind = BY_CODE[code]
        if severity is not None and severity not in SEVERITIES:
            raise ValueError(f"unknown severity {severity!r}")
        return cls(doc_id, severity or kind.severity, code, message, page, line)

    @classmethod
    def at(
        cls,
        code: str,
        doc: Located,
        line: int | None,
        message: str,
        *,
        page: int | None = None,
        severity: str | None = None,
        span: str | None = None,
    ) -> IssueRow:
        """An issue at a line of a document: its message opens with where,
        "samples/000.txt:64: " (or the `span` of lines, "79-109"), as QA
        tools print places; "samples/000.txt: " where the line is unknown."""
        where = span or ("" if line is None else str(line))
        place = f"{doc.source_path}:{where}: " if where else f"{doc.source_path}: "
        return cls.of(
            code, doc.doc_id, place + message, page=page, line=line, severity=severity
        )


class Located(Protocol):
    """What an issue names its document by: a `Document`."""

    @property
    def doc_id(self) -> str: ...

    @property
    def source_path(self) -> str: ...


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class IndicatorRow(_Record):
    table: ClassVar[str] = "indicators"
    indicator_id: str
    name: str
    unit: str | None
    polarity: str | None
    aliases: list[str]
    first_year: str | None
    last_year: str | None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Observation(_Record):
    table: ClassVar[str] = "observations"
    indicator_id: str
    financial_year: str | None
    period: str
    measure: str
    unit: str | None
    indicator: str
    value: float | None
    period_start: date | None
    period_end: date | None
    source_doc_ids: list[str]
    n_sources: int
    conflict: bool
    source: str


Record = (
    DocumentRow
    | Rolling12
    | IndicatorValue
    | Action
    | ActionUpdate
    | StatusCount
    | Breakdown
    | Statement
    | RepairRow
    | IssueRow
    | IndicatorRow
    | Observation
)

RECORD_CLASSES: tuple[type, ...] = (
    DocumentRow,
    Rolling12,
    IndicatorValue,
    Action,
    ActionUpdate,
    StatusCount,
    Breakdown,
    Statement,
    RepairRow,
    IssueRow,
    IndicatorRow,
    Observation,
)


def as_row(record: Record) -> dict[str, object]:
    """The record as a dict keyed by its table's column names."""
    if isinstance(record, RepairRow):
        return record.as_row()
    return {name: getattr(record, name) for name in record.__dataclass_fields__}


def values(records: Sequence[Record], names: Sequence[str]) -> list[tuple[object, ...]]:
    """The values of the columns `names` of `records`, all of one class, a
    tuple a record: what `as_row` gives, without building a dict a row."""
    kind: type = type(records[0])
    return list(map(_getter(kind, tuple(names)), records))


@cache
def _getter(
    kind: type, names: tuple[str, ...]
) -> Callable[[object], tuple[object, ...]]:
    """A record's values of the columns `names`, as a tuple (one C call)."""
    if kind is RepairRow:
        names = tuple("target" if n == "table" else n for n in names)
    # Two names at least, so attrgetter returns a tuple.
    return attrgetter(names[0], names[1], *names[2:])
