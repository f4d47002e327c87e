"""Across every report of a run: indicator ids, the registry used, the panel.

`observations` holds one row per indicator, year, period, measure and unit:
`indicator_values` plus the "Last 12 months" of `rolling_12_months`, and the
levels stated in prose (`statements`). Reports that restate a value are merged;
when they disagree a grid or rolling value beats a prose one, then the latest
report wins, `conflict` is set and a `conflicting_values` issue says so.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from extract.records import (
    Breakdown,
    DocumentRow,
    IndicatorRow,
    IndicatorValue,
    IssueRow,
    Located,
    Observation,
    Record,
    Rolling12,
    Statement,
)
from normalise import registry
from normalise.years import period_end, period_start

# Values this close are the same printed figure.
SAME_VALUE = 1e-9
# A `conflicting_values` issue names the values of this many of the latest
# reports (by year, quarter and date), and the range of the earlier ones: every
# source is in the observation's `source_doc_ids`, and an archive restating one
# figure a thousand times would otherwise make a message of a thousand paths.
SAID = 10


def assign_ids(doc: Located, records: Iterable[Record]) -> Iterator[Record]:
    """Registry ids on every fact; an `new_indicator` info issue per unseen name."""
    reported: set[str] = set()
    for r in records:
        if isinstance(r, Rolling12 | IndicatorValue | Breakdown):
            m = registry.match(r.indicator)
            if not m.known and m.indicator_id not in reported:
                reported.add(m.indicator_id)
                yield IssueRow.at(
                    "new_indicator",
                    doc,
                    r.line_start,
                    f'indicator "{r.indicator}" is not in the registry; new id '
                    f'"{m.indicator_id}"',
                    page=r.page,
                )
            if r.indicator_id != m.indicator_id:
                # A name no registry entry holds keeps the slug it was given.
                r = _with_id(r, m.indicator_id)
        yield r


Identified = Rolling12 | IndicatorValue | Breakdown

# Each class's field values in order (one C call), and the place of
# `indicator_id` among them.
_FIELDS: dict[type, tuple[Callable[[object], tuple[Any, ...]], int]] = {}


def _with_id(record: Identified, indicator_id: str) -> Identified:
    """`record` with `indicator_id`, as `dataclasses.replace` makes it: most
    facts of a report take their registry id so, and `replace` reads the
    class's fields by name every time."""
    kind = record.__class__
    found = _FIELDS.get(kind)
    if found is None:
        names = [f.name for f in dataclasses.fields(record)]
        found = _FIELDS[kind] = (attrgetter(*names), names.index("indicator_id"))
    values, at = found
    args = list(values(record))
    args[at] = indicator_id
    return kind(*args)


@dataclass(frozen=True, slots=True)
class Source:
    rank: tuple[str, str, str]
    doc_id: str
    source_path: str
    indicator: str
    value: float | None
    # Where the value was printed: grid, rolling or prose.
    kind: str = "grid"


@dataclass(frozen=True, slots=True)
class PanelFact:
    """One fact as the panel sees it, with the rank of the report it is in.

    `measure` is None for a fact that names an indicator but is no observation
    (a breakdown, or a fact whose report is not in the run).
    """

    indicator_id: str
    financial_year: str | None
    period: str | None
    measure: str | None
    unit: str | None
    indicator: str
    value: float | None
    doc_id: str | None
    source_path: str | None
    rank_year: str
    rank_quarter: str
    rank_date: str
    # grid, rolling or prose; "" for a fact that is no observation.
    source: str


def _rank(doc: DocumentRow) -> tuple[str, str, str]:
    """Later reports sort last: by year, last quarter covered, then meeting date."""
    return (
        doc.financial_year or "",
        max(doc.quarters, default=""),
        doc.report_date.isoformat() if doc.report_date else "",
    )


def facts_of(records: Iterable[Record]) -> Iterator[PanelFact]:
    """The panel's view of records: every fact with its report's rank."""
    records = list(records)
    docs = {r.doc_id: r for r in records if isinstance(r, DocumentRow)}
    for r in records:
        if isinstance(r, IndicatorValue | Rolling12 | Breakdown):
            doc = docs.get(r.doc_id)
            yield _fact(r, doc) if doc else _named(r)
        elif isinstance(r, Statement) and (doc := docs.get(r.doc_id)) is not None:
            if (fact := _prose_fact(r, doc)) is not None:
                yield fact


def _named(r: IndicatorValue | Rolling12 | Breakdown) -> PanelFact:
    """A fact that only names its indicator."""
    return PanelFact(
        r.indicator_id, r.financial_year, None, None, None, r.indicator, None,
        None, None, "", "", "", "",
    )  # fmt: skip


def _fact(r: IndicatorValue | Rolling12 | Breakdown, doc: DocumentRow) -> PanelFact:
    if isinstance(r, Breakdown):
        return _named(r)
    year, quarter, date = _rank(doc)
    if isinstance(r, IndicatorValue):
        period, measure, unit, value = r.period, r.measure, r.unit, r.value
        source = "grid"
    else:
        period, measure, unit = r.quarter, "rolling_12_months", "count"
        value = None if r.last_12_months is None else float(r.last_12_months)
        source = "rolling"
    return PanelFact(
        r.indicator_id, r.financial_year, period, measure, unit, r.indicator,
        value, doc.doc_id, doc.source_path, year, quarter, date, source,
    )  # fmt: skip


def _prose_fact(r: Statement, doc: DocumentRow) -> PanelFact | None:
    """A level stated in prose ("there were 5,803 crimes recorded" during
    2011/12), matched to the registry, as an observation of its measure (an
    `actual`, or a `target` stated as one). A change
    ("a reduction of 11%") or a figure with no year, period or indicator is no
    observation."""
    if (
        r.change is not None
        or not (r.unit == "count" or (r.unit or "").startswith("rate_per_"))
        or not (r.indicator_id and r.financial_year and r.period)
    ):
        return None
    year, quarter, date = _rank(doc)
    return PanelFact(
        r.indicator_id, r.financial_year, r.period, r.measure, r.unit,
        r.subject or r.indicator_id, r.value, doc.doc_id, doc.source_path,
        year, quarter, date, "prose",
    )  # fmt: skip


def _varies(values: Iterable[float]) -> bool:
    """Some value differs from the first by more than SAME_VALUE: the sources
    print more than one value (one pass; a key of a large archive has
    hundreds of sources)."""
    first: float | None = None
    for v in values:
        if first is None:
            first = v
        elif abs(v - first) > SAME_VALUE:
            return True
    return False


def panel_records(records: Sequence[Record]) -> Iterator[Record]:
    """`observations`, `indicators` and `conflicting_values` issues of a whole run."""
    return panel_of(facts_of(records))


Key = tuple[str, str | None, str, str, str | None]


def panel_of(facts: Iterable[PanelFact]) -> Iterator[Record]:
    """`observations` (with `conflicting_values` issues) and `indicators` of
    every fact of a run."""
    seen = Seen()
    facts = list(facts)
    seen.add(facts)
    yield from observe(facts)
    yield from seen.indicators()


def observe(facts: Iterable[PanelFact]) -> Iterator[Record]:
    """`observations` with their `conflicting_values` issues, in key order;
    every fact of each observation must be given."""
    groups: dict[Key, list[Source]] = defaultdict(list)
    for f in facts:
        if f.measure is None or f.period is None:
            continue
        rank = (f.rank_year, f.rank_quarter, f.rank_date)
        k = (f.indicator_id, f.financial_year, f.period, f.measure, f.unit)
        groups[k].append(
            Source(
                rank,
                f.doc_id or "",
                f.source_path or "",
                f.indicator,
                f.value,
                f.source or "grid",
            )
        )
    for k in sorted(groups, key=lambda k: tuple(x or "" for x in k)):
        indicator_id, fy, period, measure, unit = k
        # A prose value sorts first, so a grid or rolling value beats it.
        sources = sorted(
            groups[k], key=lambda s: (s.kind != "prose", s.rank, s.source_path)
        )
        printed = [s for s in sources if s.value is not None]
        winner = printed[-1] if printed else sources[-1]
        conflict = _varies(s.value for s in printed if s.value is not None)
        if conflict:
            yield _conflict(k, printed, winner)
        entry = registry.by_id(indicator_id)
        yield Observation(
            indicator_id=indicator_id,
            financial_year=fy,
            period=period,
            measure=measure,
            unit=unit,
            indicator=entry.name if entry else winner.indicator,
            value=winner.value,
            period_start=period_start(fy or "", period),
            period_end=period_end(fy or "", period),
            source_doc_ids=sorted({s.doc_id for s in sources}),
            n_sources=len({s.doc_id for s in sources}),
            conflict=conflict,
            source=winner.kind,
        )


# The fields of a fact `Seen.note` takes, in order.
SEEN_COLUMNS = (
    "indicator_id",
    "indicator",
    "financial_year",
    "measure",
    "period",
    "unit",
)


class Seen:
    """What the `indicators` table needs of the facts: per indicator the names
    printed, the years and the units observed. Small: it grows with the
    indicators, not with the facts."""

    def __init__(self) -> None:
        self.names: dict[str, set[str]] = defaultdict(set)
        self.years: dict[str, set[str]] = defaultdict(set)
        self.units: dict[str, set[str]] = defaultdict(set)

    def add(self, facts: Iterable[PanelFact]) -> None:
        for f in facts:
            self.note(
                f.indicator_id, f.indicator, f.financial_year, f.measure, f.period,
                f.unit,
            )  # fmt: skip

    def note(
        self,
        indicator_id: str,
        indicator: str,
        financial_year: str | None,
        measure: str | None,
        period: str | None,
        unit: str | None,
    ) -> None:
        """One fact: its indicator, the name printed, year, measure, period
        and unit (the fields SEEN_COLUMNS names, in order)."""
        self.names[indicator_id].add(indicator)
        if financial_year:
            self.years[indicator_id].add(financial_year)
        if measure is not None and period is not None and unit:
            self.units[indicator_id].add(unit)

    def indicators(self) -> Iterator[IndicatorRow]:
        for indicator_id in sorted(self.names):
            entry = registry.by_id(indicator_id)
            ys = sorted(self.years[indicator_id])
            units = self.units[indicator_id]
            yield IndicatorRow(
                indicator_id=indicator_id,
                name=entry.name if entry else min(self.names[indicator_id]),
                unit=entry.unit if entry else (min(units) if units else None),
                polarity=entry.polarity if entry else None,
                aliases=sorted(self.names[indicator_id]),
                first_year=ys[0] if ys else None,
                last_year=ys[-1] if ys else None,
            )


def _conflict(
    k: Key,
    printed: list[Source],
    winner: Source,
) -> IssueRow:
    indicator_id, fy, period, measure, unit = k
    by_date = sorted(printed, key=lambda s: (s.rank, s.source_path))
    latest = {id(s) for s in by_date[-SAID:]}
    said = "; ".join(
        f"{s.source_path} says {s.value:g}" for s in printed if id(s) in latest
    )
    if earlier := by_date[:-SAID]:
        values = [s.value for s in earlier if s.value is not None]
        low, high = min(values), max(values)
        n = len({s.doc_id for s in earlier})
        said = (
            f"{n} earlier {'report says' if n == 1 else 'reports say'} {low:g}"
            f"{'' if high == low else f' to {high:g}'}; {said}"
        )
    return IssueRow.of(
        "conflicting_values",
        winner.doc_id,
        f"{indicator_id} {fy} {period} {measure} ({unit}): {said}; "
        f"the latest report ({winner.source_path}) wins",
    )
