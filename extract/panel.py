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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from extract.records import (
    Breakdown,
    DocumentRow,
    IndicatorRow,
    IndicatorValue,
    IssueRow,
    Observation,
    Record,
    Rolling12,
    Statement,
)
from normalise import registry
from normalise.years import period_end

Fact = Rolling12 | IndicatorValue | Breakdown
# Values this close are the same printed figure.
SAME_VALUE = 1e-9


def assign_ids(
    doc_id: str, source_path: str, records: Iterable[Record]
) -> Iterator[Record]:
    """Registry ids on every fact; an `new_indicator` info issue per unseen name."""
    reported: set[str] = set()
    for r in records:
        if isinstance(r, Rolling12 | IndicatorValue | Breakdown):
            m = registry.match(r.indicator)
            if not m.known and m.indicator_id not in reported:
                reported.add(m.indicator_id)
                yield IssueRow(
                    doc_id=doc_id,
                    severity="info",
                    code="new_indicator",
                    message=f"{source_path}:{r.line_start}: indicator "
                    f'"{r.indicator}" is not in the registry; new id '
                    f'"{m.indicator_id}"',
                    page=r.page,
                    line=r.line_start,
                )
            r = dataclasses.replace(r, indicator_id=m.indicator_id)
        yield r


@dataclass(frozen=True, slots=True)
class Source:
    rank: tuple[str, str, str]
    doc_id: str
    source_path: str
    indicator: str
    value: float | None
    # Where the value was printed: grid, rolling or prose.
    kind: str = "grid"


def _rank(doc: DocumentRow) -> tuple[str, str, str]:
    """Later reports sort last: by year, last quarter covered, then meeting date."""
    return (
        doc.financial_year or "",
        max(doc.quarters, default=""),
        doc.report_date.isoformat() if doc.report_date else "",
    )


def _observed(
    records: Sequence[Record], docs: dict[str, DocumentRow]
) -> dict[tuple[str, str | None, str, str, str | None], list[Source]]:
    groups: dict[tuple[str, str | None, str, str, str | None], list[Source]]
    groups = defaultdict(list)
    for r in records:
        doc = docs.get(getattr(r, "doc_id", ""))
        if doc is None:
            continue
        if isinstance(r, IndicatorValue):
            k = (r.indicator_id, r.financial_year, r.period, r.measure, r.unit)
            groups[k].append(
                Source(_rank(doc), doc.doc_id, doc.source_path, r.indicator, r.value)
            )
        elif isinstance(r, Rolling12):
            k = (
                r.indicator_id,
                r.financial_year,
                r.quarter,
                "rolling_12_months",
                "count",
            )
            groups[k].append(
                Source(
                    _rank(doc),
                    doc.doc_id,
                    doc.source_path,
                    r.indicator,
                    None if r.last_12_months is None else float(r.last_12_months),
                    "rolling",
                )
            )
    return groups


def _distinct(values: Iterable[float]) -> list[float]:
    out: list[float] = []
    for v in values:
        if all(abs(v - w) > SAME_VALUE for w in out):
            out.append(v)
    return out


def panel_records(records: Sequence[Record]) -> Iterator[Record]:
    """`observations`, `indicators` and `conflicting_values` issues of a whole run."""
    docs = {r.doc_id: r for r in records if isinstance(r, DocumentRow)}
    groups = _observed(records, docs)
    seen_names: dict[str, set[str]] = defaultdict(set)
    years: dict[str, set[str]] = defaultdict(set)
    units: dict[str, set[str]] = defaultdict(set)
    for r in records:
        if isinstance(r, IndicatorValue | Rolling12 | Breakdown):
            seen_names[r.indicator_id].add(r.indicator)
            if r.financial_year:
                years[r.indicator_id].add(r.financial_year)
    for k, source in _prose_observed(records, docs):
        groups[k].append(source)
        seen_names[k[0]].add(source.indicator)
        if k[1]:
            years[k[0]].add(k[1])
    for k in sorted(groups, key=lambda k: tuple(x or "" for x in k)):
        indicator_id, fy, period, measure, unit = k
        # A prose value sorts first, so a grid or rolling value beats it.
        sources = sorted(
            groups[k], key=lambda s: (s.kind != "prose", s.rank, s.source_path)
        )
        printed = [s for s in sources if s.value is not None]
        distinct = _distinct(s.value for s in printed if s.value is not None)
        winner = printed[-1] if printed else sources[-1]
        conflict = len(distinct) > 1
        if conflict:
            yield _conflict(k, printed, winner)
        entry = registry.by_id(indicator_id)
        if unit:
            units[indicator_id].add(unit)
        yield Observation(
            indicator_id=indicator_id,
            financial_year=fy,
            period=period,
            measure=measure,
            unit=unit,
            indicator=entry.name if entry else winner.indicator,
            value=winner.value,
            period_end=period_end(fy or "", period),
            source_doc_ids=sorted({s.doc_id for s in sources}),
            n_sources=len({s.doc_id for s in sources}),
            conflict=conflict,
            source=winner.kind,
        )
    for indicator_id in sorted(seen_names):
        entry = registry.by_id(indicator_id)
        ys = sorted(years[indicator_id])
        unit = (
            entry.unit
            if entry
            else (min(units[indicator_id]) if units[indicator_id] else None)
        )
        yield IndicatorRow(
            indicator_id=indicator_id,
            name=entry.name if entry else min(seen_names[indicator_id]),
            unit=unit,
            aliases=sorted(seen_names[indicator_id]),
            first_year=ys[0] if ys else None,
            last_year=ys[-1] if ys else None,
        )


def _prose_observed(
    records: Sequence[Record], docs: dict[str, DocumentRow]
) -> Iterator[tuple[tuple[str, str | None, str, str, str | None], Source]]:
    """Levels stated in prose ("there were 5,803 crimes recorded" during
    2011/12), matched to the registry, as `actual` observations. A change
    ("a reduction of 11%") or a figure with no year, period or indicator is no
    observation."""
    for r in records:
        doc = docs.get(getattr(r, "doc_id", ""))
        if (
            doc is None
            or not isinstance(r, Statement)
            or r.change is not None
            or not (r.unit == "count" or (r.unit or "").startswith("rate_per_"))
            or not (r.indicator_id and r.financial_year and r.period)
        ):
            continue
        k = (r.indicator_id, r.financial_year, r.period, "actual", r.unit)
        indicator = r.subject or r.indicator_id
        yield (
            k,
            Source(
                _rank(doc), doc.doc_id, doc.source_path, indicator, r.value, "prose"
            ),
        )


def _conflict(
    k: tuple[str, str | None, str, str, str | None],
    printed: list[Source],
    winner: Source,
) -> IssueRow:
    indicator_id, fy, period, measure, unit = k
    said = "; ".join(
        f"{s.source_path} says {s.value:g}" for s in printed if s.value is not None
    )
    return IssueRow(
        doc_id=winner.doc_id,
        severity="warning",
        code="conflicting_values",
        message=f"{indicator_id} {fy} {period} {measure} ({unit}): {said}; "
        f"the latest report ({winner.source_path}) wins",
        page=None,
        line=None,
    )
