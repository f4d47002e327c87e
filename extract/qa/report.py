"""`reportx report`: one self-contained HTML page of an output folder for QA.

Per document: rows per table, coverage, issues and repairs. Per indicator with
two or more periods: a line chart over time (PNG embedded as a data URI), with
conflicting observations marked. The page loads nothing from elsewhere.
"""

from __future__ import annotations

import base64
import html
import io
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from extract.qa.diff import Value, load_rows, table_format
from schemas.tables import BY_NAME, TABLES

FACT_TABLES = (
    "rolling_12_months",
    "indicator_values",
    "actions",
    "action_updates",
    "status_summary",
    "breakdowns",
)
FY = re.compile(r"^(\d{4})/\d{2}$")
# Month and day each period ends on, and whether it falls in the year's second half.
PERIOD_ENDS = {
    "Q1": (6, 30, 0),
    "Q2": (9, 30, 0),
    "Q3": (12, 31, 0),
    "Q4": (3, 31, 1),
    "FY": (3, 31, 1),
}
STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em;
color:#222;max-width:1200px}
h1{font-size:1.6em}h2{font-size:1.3em;border-bottom:1px solid #ccc;margin-top:2em}
h3{font-size:1.05em;margin-bottom:.3em}
table{border-collapse:collapse;margin:.5em 0;font-size:.9em}
th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}
.error{color:#b00020;font-weight:600}.warning{color:#a15c00}.info{color:#555}
.raw{background:#fde8e8}.fixed{background:#e6f4ea}.muted{color:#777}
figure{margin:1em 0}figcaption{font-size:.85em;color:#555}
"""

Row = dict[str, Value]


@dataclass(frozen=True, slots=True)
class Point:
    indicator_id: str
    indicator: str
    series: str
    period: str
    period_end: date
    value: float
    conflict: bool


@dataclass(frozen=True, slots=True)
class Chart:
    indicator_id: str
    title: str
    png_base64: str
    n_points: int
    n_conflicts: int


def _e(value: Value) -> str:
    return "" if value is None else html.escape(str(value))


def _float(value: Value) -> float:
    return float(value) if isinstance(value, int | float) else float(str(value))


def _x(point: Point) -> float:
    """Days on the time axis; ticks are labelled with the printed periods."""
    return float(point.period_end.toordinal())


def _period_end(financial_year: Value, period: Value) -> date | None:
    m = FY.match(str(financial_year or ""))
    if not m or period not in PERIOD_ENDS:
        return None
    month, day, later = PERIOD_ENDS[str(period)]
    return date(int(m[1]) + later, month, day)


def _series(measure: str, unit: Value, period: Value) -> str:
    """One line per measure and unit; whole-year figures apart from quarters, since
    a year's total ends on its Q4's day and would join the quarterly line."""
    whole_year = " · whole year" if period == "FY" else ""
    return f"{measure} ({unit or 'no unit'}){whole_year}"


def _from_observations(rows: Sequence[Row]) -> list[Point]:
    points = []
    for r in rows:
        end = (
            date.fromisoformat(str(r["period_end"]))
            if r.get("period_end")
            else _period_end(r.get("financial_year"), r.get("period"))
        )
        if end is None or r.get("value") is None:
            continue
        points.append(
            Point(
                str(r["indicator_id"]),
                str(r.get("indicator") or ""),
                _series(str(r["measure"]), r.get("unit"), r.get("period")),
                f"{r.get('financial_year')} {r.get('period')}",
                end,
                _float(r["value"]),
                bool(r.get("conflict")),
            )
        )
    return points


def _from_facts(rolling: Sequence[Row], values: Sequence[Row]) -> list[Point]:
    """Points when the run has no `observations`: rolling totals and KPI values."""
    seen: dict[tuple[str, str, str, date], tuple[str, set[float]]] = {}
    facts = [
        (r, "rolling_12_months", "count", r.get("last_12_months"), r.get("quarter"))
        for r in rolling
    ]
    facts += [
        (
            r,
            str(r.get("measure")),
            str(r.get("unit") or "no unit"),
            r.get("value"),
            r.get("period"),
        )
        for r in values
    ]
    labels: dict[tuple[str, date], str] = {}
    for r, measure, unit, value, period in facts:
        end = _period_end(r.get("financial_year"), period)
        if end is None or value is None:
            continue
        key = (str(r["indicator_id"]), _series(measure, unit, period), str(period), end)
        name, found = seen.setdefault(key, (str(r.get("indicator") or ""), set()))
        found.add(_float(value))
        labels[(key[0], end)] = f"{r.get('financial_year')} {period}"
    return [
        Point(
            k[0],
            name,
            k[1],
            labels[(k[0], k[3])],
            k[3],
            sorted(vals)[-1],
            len(vals) > 1,
        )
        for k, (name, vals) in seen.items()
    ]


def _chart(points: Sequence[Point]) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 3.2), dpi=100)
    by_series: dict[str, list[Point]] = defaultdict(list)
    for p in points:
        by_series[p.series].append(p)
    for series in sorted(by_series):
        ps = sorted(by_series[series], key=lambda p: p.period_end)
        ax.plot([_x(p) for p in ps], [p.value for p in ps], marker="o", label=series)
    conflicts = [p for p in points if p.conflict]
    if conflicts:
        ax.scatter(
            [_x(p) for p in conflicts],
            [p.value for p in conflicts],
            s=160,
            facecolors="none",
            edgecolors="red",
            linewidths=2,
            zorder=5,
            label="conflict: sources disagree",
        )
    ends = sorted({p.period_end for p in points})
    names = {p.period_end: p.period for p in points}
    ax.set_xticks(
        [float(e.toordinal()) for e in ends],
        [names[e] for e in ends],
        rotation=30,
        ha="right",
        fontsize=8,
    )
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8, loc="best")
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def charts(tables: dict[str, list[Row]]) -> list[Chart]:
    """One chart per indicator printed for two or more periods."""
    points = (
        _from_observations(tables["observations"])
        if tables["observations"]
        else _from_facts(tables["rolling_12_months"], tables["indicator_values"])
    )
    by_indicator: dict[str, list[Point]] = defaultdict(list)
    for p in points:
        by_indicator[p.indicator_id].append(p)
    out = []
    for indicator_id in sorted(by_indicator):
        ps = by_indicator[indicator_id]
        if len({p.period_end for p in ps}) < 2:
            continue
        title = max((p.indicator for p in ps), key=len) or indicator_id
        out.append(
            Chart(indicator_id, title, _chart(ps), len(ps), sum(p.conflict for p in ps))
        )
    return out


def _table(head: Sequence[str], rows: Sequence[Sequence[str]], cls: str = "") -> str:
    th = "".join(f"<th>{h}</th>" for h in head)
    body = "".join(
        "<tr>" + "".join(rows_cell for rows_cell in r) + "</tr>" for r in rows
    )
    return (
        f'<table class="{cls}"><thead><tr>{th}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def _td(value: Value, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    if isinstance(value, float):
        value = f"{value:.1%}" if cls == "n pct" else f"{value:g}"
    return f"<td{attr}>{_e(value)}</td>"


def _document_section(doc: Row, tables: dict[str, list[Row]]) -> str:
    doc_id = doc["doc_id"]
    mine = {t: [r for r in tables[t] if r.get("doc_id") == doc_id] for t in tables}
    counts = _table(
        [*FACT_TABLES, "issues", "repairs"],
        [[_td(len(mine[t]), "n") for t in (*FACT_TABLES, "issues", "repairs")]],
    )
    issues = _table(
        ["severity", "code", "line", "message"],
        [
            [
                _td(r.get("severity"), str(r.get("severity"))),
                _td(r.get("code")),
                _td(r.get("line"), "n"),
                _td(r.get("message")),
            ]
            for r in sorted(
                mine["issues"], key=lambda r: (r.get("line") or 0, str(r.get("code")))
            )
        ],
        "issues",
    )
    repairs = _table(
        ["line", "where", "raw", "repaired", "rule", "confidence"],
        [
            [
                _td(r.get("line"), "n"),
                _td(f"{r.get('table')}.{r.get('column')}"),
                _td(r.get("raw"), "raw"),
                _td(r.get("repaired"), "fixed"),
                _td(r.get("rule")),
                _td(r.get("confidence"), "n"),
            ]
            for r in sorted(
                mine["repairs"], key=lambda r: (r.get("line") or 0, str(r.get("raw")))
            )
        ],
        "repairs",
    )
    cov = doc.get("coverage")
    coverage = "n/a" if cov is None else f"{_float(cov):.1%}"
    facts = (
        f"{_e(doc.get('report_type'))} · {_e(doc.get('financial_year'))} · "
        f"status {_e(doc.get('status'))} · coverage {coverage}"
    )
    return (
        f'<section class="document" id="doc-{_e(doc_id)}">'
        f"<h2>{_e(doc.get('source_path'))}</h2>"
        f"<p><b>{_e(doc.get('title'))}</b><br>{facts}"
        f'<br><span class="muted">doc_id {_e(doc_id)}</span></p>'
        f"<h3>Rows per table</h3>{counts}"
        f"<h3>Issues ({len(mine['issues'])})</h3>"
        f"{issues if mine['issues'] else '<p class=muted>none</p>'}"
        f"<h3>Repairs ({len(mine['repairs'])}): raw → repaired</h3>"
        f"{repairs if mine['repairs'] else '<p class=muted>none</p>'}</section>"
    )


def build_report(out: str | Path) -> tuple[str, int, int]:
    """The HTML page of an output folder, with its number of documents and charts."""
    folder = Path(out)
    fmt = table_format(folder)
    tables = {t.name: load_rows(folder, t, fmt)[1] for t in TABLES}
    docs = sorted(tables["documents"], key=lambda d: str(d.get("source_path")))
    drawn = charts(tables)
    overview = _table(
        ["document", "status", "coverage", "issues", "repairs"],
        [
            [
                f'<td><a href="#doc-{_e(d["doc_id"])}">'
                f"{_e(d.get('source_path'))}</a></td>",
                _td(d.get("status")),
                _td(d.get("coverage"), "n pct"),
                _td(sum(r.get("doc_id") == d["doc_id"] for r in tables["issues"]), "n"),
                _td(
                    sum(r.get("doc_id") == d["doc_id"] for r in tables["repairs"]), "n"
                ),
            ]
            for d in docs
        ],
    )
    figures = "".join(
        f'<figure id="ind-{_e(c.indicator_id)}"><figcaption><b>{_e(c.title)}</b> '
        f"({_e(c.indicator_id)}; {c.n_points} points, {c.n_conflicts} in conflict)"
        f'</figcaption><img alt="{_e(c.title)} over time" '
        f'src="data:image/png;base64,{c.png_base64}"></figure>'
        for c in drawn
    )
    run_level = [r for r in tables["issues"] if r.get("doc_id") is None]
    body = (
        f"<h1>reportx QA report</h1><p class=muted>{_e(str(folder))} · "
        f"{len(docs)} documents · "
        + ", ".join(f"{t} {len(tables[t])}" for t in BY_NAME)
        + "</p>"
        f"<h2>Documents</h2>{overview}"
        + "".join(_document_section(d, tables) for d in docs)
        + f"<h2>Indicators over time ({len(drawn)})</h2>"
        + (figures or "<p class=muted>no indicator has two or more periods</p>")
        + (
            "<h2>Run issues</h2><ul>"
            + "".join(f"<li>{_e(r.get('message'))}</li>" for r in run_level)
            + "</ul>"
            if run_level
            else ""
        )
    )
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>reportx QA report</title>"
        f"<style>{STYLE}</style></head><body>{body}</body></html>\n"
    )
    return page, len(docs), len(drawn)


def write_report(out: str | Path, html_path: str | Path) -> str:
    """Write the report of output folder `out` to `html_path`; returns a summary."""
    page, n_docs, n_charts = build_report(out)
    Path(html_path).write_text(page, encoding="utf-8")
    return f"wrote {html_path}: {n_docs} documents, {n_charts} indicator charts"
