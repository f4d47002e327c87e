"""KPI grids: one `indicator_values` row per printed value.

Quarter grids: "| Quarter 1 … Quarter 4 | Annual Total | Annual Target | Target
Achieved / Trend | Performance compared to 2015/16" with theme rows between the
indicator rows. Indicator tables: "Performance Indicator | Frequency of reporting
(Q or A) | Last year's outturn | Target | Q1 … Q4 | Total" with section rows.
Tables printed as HTML inside a cell ("<table> Programme | Annual Target | Q2")
are grids too; a value printed twice (HTML and again as rows) is one row.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning
from rapidfuzz import fuzz

from extract.blocks.headings import is_header
from extract.blocks.rolling12 import BLOCK
from extract.context import Context
from extract.document import Document, Row
from extract.records import IndicatorValue, IssueRow, Record, RepairRow
from normalise.indicators import slug
from normalise.repair import Repair
from normalise.text import squash
from normalise.values import Value, parse_cell
from normalise.years import financial_year

NAME = "kpi_grid"
QUARTER_COL = re.compile(r"^(?:quarter\s*|q)([1-4])$", re.IGNORECASE)
TOTAL_COL = re.compile(r"^(?:annual\s+)?total$", re.IGNORECASE)
TARGET_COL = re.compile(r"^(?:annual\s+)?target$", re.IGNORECASE)
OUTTURN_COL = re.compile(r"^last\s+year['\u2019]?s?\s+outturn$", re.IGNORECASE)
FREQUENCY_COL = re.compile(r"^frequency\b", re.IGNORECASE)
TREND_COL = re.compile(r"^target\s*-?\s*achieved\s*/\s*trend$", re.IGNORECASE)
COMPARED_COL = re.compile(
    r"^performance\s+compared\s+to\s+(?P<year>20\d\d\s*[/.\-]\s*\d\d)$", re.IGNORECASE
)
NAME_COL = re.compile(r"^(?:performance\s+indicators?|indicators?|measures?|"
                      r"programmes?)?$", re.IGNORECASE)
FREQUENCY = re.compile(r"^[QA]$")
# A value cell opening with a quarter label ("Q1 (24.07.17) Previous 12 months",
# "Q1 24 Individuals …", "Q1 - 15 on going cases") is a quarter block: the
# rolling-12-months and breakdowns recognisers own that row.
QUARTER_LABEL = re.compile(r"^Q[1-4]\b")
NON_ALNUM = re.compile(r"[^a-z0-9]+")
# How close a row's text must be to the theme in force to be that theme's heading
# printed across the grid (seeds/000 line 4 splits it over six cells).
THEME_MATCH = 90.0
PERCENT_NAME = re.compile(r"%|\bpercentage\b", re.IGNORECASE)
MIN_VALUE_COLUMNS = 2


@dataclass(frozen=True, slots=True)
class Column:
    """What a grid column holds, from its printed header."""

    index: int
    label: str
    kind: str  # name | frequency | value | commentary
    period: str | None = None
    measure: str | None = None
    financial_year: str | None = None
    previous_year: bool = False


@dataclass(frozen=True, slots=True)
class GridRow:
    texts: tuple[str, ...]
    row_index: int
    page: int | None
    line_start: int
    line_end: int


@dataclass(frozen=True, slots=True)
class Grid:
    columns: tuple[Column, ...]
    rows: tuple[GridRow, ...]

    def column(self, index: int) -> Column | None:
        return next((c for c in self.columns if c.index == index), None)


def classify(label: str, index: int) -> Column | None:
    """ "Quarter 1" -> Q1 actual; "Annual Target" -> FY target; unknown -> None."""
    s = squash(label)
    if m := QUARTER_COL.match(s):
        return Column(index, s, "value", f"Q{m[1]}", "actual")
    if TOTAL_COL.match(s):
        return Column(index, s, "value", "FY", "actual")
    if TARGET_COL.match(s):
        return Column(index, s, "value", "FY", "target")
    if OUTTURN_COL.match(s):
        return Column(index, s, "value", "FY", "actual", previous_year=True)
    if FREQUENCY_COL.match(s):
        return Column(index, s, "frequency")
    if TREND_COL.match(s):
        # "<20,000 Tonnes – 2017.18 - 21,200 Tonnes": the bare first value is a target.
        return Column(index, s, "commentary", "FY", "target")
    if m := COMPARED_COL.match(s):
        year, _ = financial_year(squash(m["year"]))
        return Column(index, s, "commentary", "FY", "actual", financial_year=year)
    return None


def header_columns(texts: Sequence[str]) -> tuple[Column, ...] | None:
    """The columns of a KPI grid header row, or None when the row is not one."""
    columns = []
    for index, text in enumerate(texts):
        if index == 0 and NAME_COL.match(squash(text)):
            continue
        if not text.strip():
            continue
        column = classify(text, index)
        if column is None:
            return None
        columns.append(column)
    values = sum(1 for c in columns if c.kind == "value")
    return tuple(columns) if values >= MIN_VALUE_COLUMNS else None


def _grid_row(row: Row, index: int) -> GridRow:
    return GridRow(row.texts, index, row.page, row.line_start, row.line_end)


def _plain_grids(doc: Document) -> Iterator[Grid]:
    rows = doc.rows
    i = 0
    while i < len(rows):
        columns = header_columns(rows[i].texts) if rows[i].tabbed else None
        if columns is None:
            i += 1
            continue
        body: list[GridRow] = []
        i += 1
        while i < len(rows) and rows[i].tabbed and rows[i].flat:
            if is_header(rows[i]) or header_columns(rows[i].texts) is not None:
                break
            body.append(_grid_row(rows[i], i))
            i += 1
        yield Grid(columns, tuple(body))


def _html_tables(raw: str) -> list[list[list[str]]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(raw, "html.parser")
    return [[[squash(td.get_text(" ")) for td in tr.find_all(["td", "th"])]
             for tr in table.find_all("tr")] for table in soup.find_all("table")]


def _embedded_grids(doc: Document) -> Iterator[Grid]:
    """Tables printed as HTML inside a cell (seeds/001 line 36, an action's text)."""
    for i, row in enumerate(doc.rows):
        for cell in row.cells:
            if "<table" not in cell.raw.lower():
                continue
            for table in _html_tables(cell.raw):
                if not table or (columns := header_columns(table[0])) is None:
                    continue
                body = tuple(GridRow(tuple(r), i, cell.page, cell.line_start,
                                     cell.line_end) for r in table[1:])
                yield Grid(columns, body)


def grids(doc: Document) -> Iterator[Grid]:
    """Every KPI grid: tab rows first, then tables embedded as HTML."""
    yield from _plain_grids(doc)
    yield from _embedded_grids(doc)


def owned_elsewhere(texts: Sequence[str]) -> bool:
    """A row of quarter blocks (rolling 12 months, breakdown counts)."""
    return any(QUARTER_LABEL.match(t) or BLOCK.search(t) for t in texts[1:])


def _is_theme(texts: Sequence[str], theme: str | None) -> bool:
    if not theme:
        return False
    joined = NON_ALNUM.sub("", " ".join(texts).lower())
    return fuzz.ratio(joined, NON_ALNUM.sub("", theme.lower())) >= THEME_MATCH


def _previous_year(year: str | None) -> str | None:
    if year is None or not re.match(r"^20\d\d/\d\d$", year):
        return None
    start = int(year[:4]) - 1
    return f"{start}/{(start + 1) % 100:02d}"


def _place(column: Column, value: Value, ctx: Context) -> tuple[str | None, str, str]:
    """(financial_year, period, measure) of a value read under `column`."""
    if value.labelled:
        return (value.financial_year or ctx.financial_year, "FY",
                value.measure or "actual")
    year = column.financial_year or ctx.financial_year
    if column.previous_year:
        year = _previous_year(ctx.financial_year)
    return year, column.period or "FY", column.measure or "actual"


def _row_unit(name: str, values: Sequence[Value]) -> str:
    """The unit a bare number takes: the one printed elsewhere on its row."""
    units = {v.unit for v in values if v.unit}
    if len(units) == 1:
        return units.pop()
    return "percent" if PERCENT_NAME.search(name) else "count"


@dataclass(frozen=True, slots=True)
class Fact:
    record: IndicatorValue
    repairs: tuple[Repair, ...]


def _facts(doc: Document, ctx: Context, grid: Grid, row: GridRow) -> Iterator[Fact]:
    name = squash(row.texts[0]) if row.texts else ""
    if (not name or owned_elsewhere(row.texts)
            or _is_theme(row.texts, ctx.theme(row.row_index))):
        return
    frequency = None
    parsed: list[tuple[Column, str, list[Value]]] = []
    for column in grid.columns:
        text = row.texts[column.index] if column.index < len(row.texts) else ""
        if column.kind == "frequency" and FREQUENCY.match(text.strip().upper()):
            frequency = text.strip().upper()
        elif column.kind in ("value", "commentary") and text.strip():
            values = parse_cell(text, commentary=column.kind == "commentary")
            parsed.append((column, text, values))
    row_unit = _row_unit(name, [v for _, _, vs in parsed for v in vs])
    for column, text, values in parsed:
        for value in values:
            year, period, measure = _place(column, value, ctx)
            unit = value.unit or (row_unit if value.value is not None else None)
            yield Fact(IndicatorValue(
                doc_id=doc.doc_id, plan=ctx.plan(row.row_index),
                theme=ctx.theme(row.row_index), indicator=name,
                indicator_id=slug(name), financial_year=year, period=period,
                measure=measure, value=value.value, unit=unit,
                comparator=value.comparator, qualifier=value.qualifier,
                value_text=squash(text), note=value.note, reported_as=column.label,
                frequency=frequency, page=row.page, line_start=row.line_start,
                line_end=row.line_end), value.repairs)


def _repair_row(doc: Document, fact: IndicatorValue, fix: Repair) -> RepairRow:
    column = "financial_year" if fix.rule.startswith("financial_year") else "value"
    return RepairRow(doc_id=doc.doc_id, target="indicator_values", column=column,
                     page=fact.page, line=fact.line_start, raw=fix.raw,
                     repaired=fix.repaired, rule=fix.rule, confidence=fix.confidence,
                     alternatives=list(fix.alternatives))


def recognise(doc: Document, ctx: Context) -> Iterator[Record]:
    kept: dict[tuple[object, ...], IndicatorValue] = {}
    out: list[Fact] = []
    issues: list[IssueRow] = []
    for grid in grids(doc):
        for row in grid.rows:
            for fact in _facts(doc, ctx, grid, row):
                r = fact.record
                key = (r.indicator_id, r.financial_year, r.period, r.measure, r.unit)
                if key not in kept:
                    kept[key] = r
                    out.append(fact)
                elif kept[key].value != r.value:
                    issues.append(IssueRow(
                        doc_id=doc.doc_id, severity="warning",
                        code="conflicting_values",
                        message=f"{doc.source_path}:{r.line_start}: {r.indicator} "
                                f"{r.financial_year} {r.period} {r.measure} is "
                                f"{r.value_text!r} here but {kept[key].value_text!r} "
                                f"at line {kept[key].line_start}",
                        page=r.page, line=r.line_start))
    out.sort(key=lambda f: f.record.line_start)
    logged: set[tuple[int, str, str]] = set()
    for fact in out:
        for fix in fact.repairs:
            if (fact.record.line_start, fix.rule, fix.raw) not in logged:
                logged.add((fact.record.line_start, fix.rule, fix.raw))
                yield _repair_row(doc, fact.record, fix)
        yield fact.record
    yield from issues
