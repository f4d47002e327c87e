"""The points the report charts: the run's panel, one chart per indicator and unit."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from extract.qa.chart import NO_UNIT, WHOLE_YEAR, Chart, Point, chart
from extract.qa.tables_io import Row, Value


def _float(value: Value) -> float:
    return float(value) if isinstance(value, int | float) else float(str(value))


def _from_observations(rows: Sequence[Row]) -> list[Point]:
    return [
        Point(
            str(r["indicator_id"]),
            str(r.get("indicator") or ""),
            str(r.get("measure")),
            str(r.get("unit") or NO_UNIT),
            str(r.get("financial_year") or ""),
            str(r.get("period")),
            _float(r["value"]),
            bool(r.get("conflict")),
        )
        for r in rows
        if r.get("value") is not None and r.get("financial_year")
    ]


def _from_facts(rolling: Sequence[Row], values: Sequence[Row]) -> list[Point]:
    """Points of a run without `observations`: rolling totals and KPI values."""
    facts = [
        (r, "rolling_12_months", "count", r.get("last_12_months"), r.get("quarter"))
        for r in rolling
    ] + [
        (r, str(r.get("measure")), r.get("unit"), r.get("value"), r.get("period"))
        for r in values
    ]
    seen: dict[tuple[str, str, str, str, str], tuple[str, set[float]]] = {}
    for r, measure, unit, value, period in facts:
        if value is None or not r.get("financial_year"):
            continue
        key = (
            str(r["indicator_id"]),
            measure,
            str(unit or NO_UNIT),
            str(r["financial_year"]),
            str(period),
        )
        seen.setdefault(key, (str(r.get("indicator") or ""), set()))[1].add(
            _float(value)
        )
    # As the panel does: reports that disagree are a conflict, the larger shown.
    return [
        Point(k[0], name, k[1], k[2], k[3], k[4], max(vals), len(vals) > 1)
        for k, (name, vals) in seen.items()
    ]


def points(tables: dict[str, list[Row]]) -> list[Point]:
    if tables["observations"]:
        return _from_observations(tables["observations"])
    return _from_facts(tables["rolling_12_months"], tables["indicator_values"])


def charts(tables: dict[str, list[Row]]) -> tuple[list[Chart], list[str]]:
    """A chart per indicator and unit with two or more periods; the others named."""
    groups: dict[tuple[str, str], list[Point]] = defaultdict(list)
    for p in points(tables):
        groups[(p.indicator_id, p.unit)].append(p)
    drawn, single = [], []
    for (indicator_id, unit), ps in sorted(groups.items()):
        periods = {(p.financial_year, p.period) for p in ps}
        drawable = [p for p in ps if p.period in ("Q1", "Q2", "Q3", "Q4", WHOLE_YEAR)]
        if len(periods) < 2 or not drawable:
            single.append(f"{indicator_id} ({unit})")
            continue
        drawn.append(chart(indicator_id, unit, drawable))
    return drawn, single
