"""One indicator in one unit over time, laid out as an SVG line chart.

QA reads these charts to judge the extraction, so each one is drawn to be
trusted: one unit per chart (a £ total beside a count flattens the count),
quarters on one panel and whole-year values on their own (a year's total ends
on its Q4's day but is no Q4 value), a missing period left as a gap (a line
through an "n/a" invents a value), and the y-axis from zero. The geometry is
computed here; `templates/chart.svg.j2` only draws it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

QUARTERS = ("Q1", "Q2", "Q3", "Q4")
WHOLE_YEAR = "FY"
FY = re.compile(r"^(\d{4})/(\d{2})$")
UNIT_LABELS = {"count": "count", "gbp": "£", "percent": "%", "tonnes": "tonnes"}
NO_UNIT = "no unit"
# Measures in a fixed order and colour (Okabe-Ito: tells apart without red-green).
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
WIDTH, HEIGHT = 760, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 26, 50
PANEL_GAP = 36


@dataclass(frozen=True, slots=True)
class Point:
    indicator_id: str
    indicator: str
    measure: str
    unit: str
    financial_year: str
    period: str
    value: float
    conflict: bool


@dataclass(frozen=True, slots=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True, slots=True)
class Mark:
    x: float
    y: float
    period: str
    value: float
    conflict: bool


@dataclass(frozen=True, slots=True)
class Segment:
    points: str  # SVG polyline "x,y x,y"
    periods: str  # the periods it joins, space-separated


@dataclass(frozen=True, slots=True)
class Series:
    measure: str
    colour: str
    dashed: bool
    panel: str  # "quarters" or "whole-year"
    segments: tuple[Segment, ...]
    marks: tuple[Mark, ...]
    gaps: tuple[Tick, ...]  # periods inside its span with no value


@dataclass(frozen=True, slots=True)
class Panel:
    name: str  # "quarters" or "whole-year"
    title: str
    left: float
    right: float
    ticks: tuple[Tick, ...]  # "Q1".."Q4", or the year of a whole-year value
    periods: tuple[str, ...]  # "2017/18 Q1", "2017/18 FY": one per tick
    years: tuple[Tick, ...]  # under the quarters: each year, centred on its four


@dataclass(frozen=True, slots=True)
class Chart:
    indicator_id: str
    title: str
    unit: str
    unit_label: str
    width: int
    height: int
    top: float
    bottom: float
    y_ticks: tuple[Tick, ...]
    panels: tuple[Panel, ...]
    series: tuple[Series, ...]
    n_points: int
    n_conflicts: int

    @property
    def dom_id(self) -> str:
        return f"ind-{self.indicator_id}-{self.unit.replace(' ', '-')}"


def _year(financial_year: str) -> int:
    m = FY.match(financial_year)
    return int(m[1]) if m else 0


def _fy(start: int) -> str:
    return f"{start}/{(start + 1) % 100:02d}"


def _nice_top(highest: float) -> tuple[float, float]:
    """A round top for the axis and its tick step: 470 -> (500, 100)."""
    if highest <= 0:
        return 1.0, 0.25
    raw = highest / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return step * math.ceil(highest / step - 1e-9), step


def _label(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.4g}"


def _slots(points: Sequence[Point], whole_year: bool) -> list[tuple[str, str]]:
    """Every (financial year, period) from the first point's to the last's."""
    years = [_year(p.financial_year) for p in points]
    periods = (WHOLE_YEAR,) if whole_year else QUARTERS
    return [(_fy(y), q) for y in range(min(years), max(years) + 1) for q in periods]


def _panel(name: str, slots: list[tuple[str, str]], left: float, right: float) -> Panel:
    step = (right - left) / len(slots)
    ticks = tuple(
        Tick(left + step * (i + 0.5), q if q != WHOLE_YEAR else fy)
        for i, (fy, q) in enumerate(slots)
    )
    periods = tuple(f"{fy} {q}" for fy, q in slots)
    if name == "whole-year":
        return Panel(name, "whole year", left, right, ticks, periods, ())
    years = tuple(
        Tick(left + step * (i + 2), fy)
        for i, (fy, q) in enumerate(slots)
        if q == QUARTERS[0]
    )
    return Panel(name, "quarters", left, right, ticks, periods, years)


def _series(
    measure: str,
    colour: str,
    panel: Panel,
    slots: list[tuple[str, str]],
    points: Sequence[Point],
    zero: float,
    per_unit: float,
) -> Series:
    """Marks at their slots; a line only between slots next to each other."""
    at = {(p.financial_year, p.period): p for p in points}
    filled = [i for i, s in enumerate(slots) if s in at]
    marks: list[Mark] = []
    segments: list[Segment] = []
    gaps: list[Tick] = []
    run: list[Mark] = []
    for i in range(filled[0], filled[-1] + 1):
        x, period, p = panel.ticks[i].at, panel.periods[i], at.get(slots[i])
        if p is None:
            gaps.append(Tick(x, period))
        else:
            y = zero - p.value * per_unit
            marks.append(Mark(x, y, period, p.value, p.conflict))
            run.append(marks[-1])
        if (p is None or i == filled[-1]) and run:
            if len(run) > 1:
                segments.append(
                    Segment(
                        " ".join(f"{m.x:.1f},{m.y:.1f}" for m in run),
                        " ".join(m.period for m in run),
                    )
                )
            run = []
    return Series(
        measure,
        colour,
        measure == "target",
        panel.name,
        tuple(segments),
        tuple(marks),
        tuple(gaps),
    )


def chart(indicator_id: str, unit: str, points: Sequence[Point]) -> Chart:
    """The chart of one indicator in one unit: quarters left, whole years right."""
    quarterly = [p for p in points if p.period in QUARTERS]
    yearly = [p for p in points if p.period == WHOLE_YEAR]
    q_slots = _slots(quarterly, False) if quarterly else []
    y_slots = _slots(yearly, True) if yearly else []
    plot_left, plot_right = float(LEFT), float(WIDTH - RIGHT)
    usable = plot_right - plot_left - (PANEL_GAP if q_slots and y_slots else 0)
    # Every slot is as wide as every other, quarter or whole year.
    n_q, n_y = len(q_slots), len(y_slots)
    q_width = usable * n_q / (n_q + n_y) if q_slots else 0.0
    panels = []
    if q_slots:
        panels.append(_panel("quarters", q_slots, plot_left, plot_left + q_width))
    if y_slots:
        start = plot_right - (usable - q_width)
        panels.append(_panel("whole-year", y_slots, start, plot_right))
    # Headroom, so the highest point does not sit on the frame.
    top_value, step = _nice_top(max(p.value for p in points) * 1.05)
    low = min(0.0, min(p.value for p in points))
    bottom_px, top_px = float(HEIGHT - BOTTOM), float(TOP)
    per_unit = (bottom_px - top_px) / (top_value - low)
    zero_px = bottom_px + low * per_unit
    y_ticks = []
    v = low
    while v <= top_value + 1e-9:
        y_ticks.append(Tick(zero_px - v * per_unit, _label(v)))
        v += step
    measures = sorted({p.measure for p in points}, key=lambda m: (m != "actual", m))
    series = []
    for panel, slots, ps in (
        (p, q_slots, quarterly) if p.name == "quarters" else (p, y_slots, yearly)
        for p in panels
    ):
        for i, measure in enumerate(measures):
            mine = [p for p in ps if p.measure == measure]
            if mine:
                colour = COLOURS[i % len(COLOURS)]
                series.append(
                    _series(measure, colour, panel, slots, mine, zero_px, per_unit)
                )
    title = max((p.indicator for p in points), key=len) or indicator_id
    return Chart(
        indicator_id=indicator_id,
        title=title,
        unit=unit,
        unit_label=UNIT_LABELS.get(unit, unit),
        width=WIDTH,
        height=HEIGHT,
        top=top_px,
        bottom=bottom_px,
        y_ticks=tuple(y_ticks),
        panels=tuple(panels),
        series=tuple(series),
        n_points=len(points),
        n_conflicts=sum(p.conflict for p in points),
    )
