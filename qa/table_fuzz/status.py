"""Status summary grids as pdftotext prints them: plain, -raw and -layout.

A grid is 3-5 status labels (completed, on target, requires attention,
amendment, aborted, in the samples' wordings and others), maybe No Rating and
TOTAL, over counts and percents: "n p%", "n (p%)", a count over its percent, a
counts row then a percents row, counts or percents alone; a row may name its
scope ("Actions"). Plain text prints every cell a paragraph (sometimes column
by column, as the browser prints it), -raw runs labels on along lines and
prints a row of values a line, -layout sets columns by position. The check,
per grid: every status_summary record is one of the grid's true (scope,
category, count, percent), nothing twice; every true value not produced lies
on lines under an issue; a column whose label names no status is reported.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

from qa.table_fuzz.document import (
    IssueSpan,
    Printer,
    TableKind,
    Verdict,
    issue_spans,
    read,
    records,
    wrap,
)
from qa.table_fuzz.status_causes import causes
from qa.table_fuzz.status_labels import LABELS, LAST, MAIN, UNKNOWN

FORMS = ("plain", "raw", "layout")
AVOIDABLE = {
    "page-end-counts": "grids in a document's last lines, where page numbers are",
    "unknown-labels": "labels naming no status ('Delayed')",
    "narrow-labels": "plain labels wrapped narrower than 60 characters",
    "stacked-cells": "plain cells of a count over its percent",
}

TITLES = [
    "Summary of Progress in Delivering Projects/Actions:",
    "Quarter Four (1 January 2019 - 31 March 2019) Performance",
    "Annual Performance 2018-19",
    "5.5",
]
PROSE = [
    "The actions and PIs are rated according to the system illustrated below, "
    "and at the end of Quarter 2 100% of actions are rated as completed or on "
    "target.",
    "Q1 - Identified training provider, training to be schedule Q3. Q2 - "
    "Identified training provider, training to be schedule Q3.",
    "Community Safety - there has been a significant increase in the number of "
    "cases dealt with via the Community Safety Hub.",
]
FOOTER = "Cannock Chase Council \u2014 Page 4 of 4"
ROW_SCOPES = {"Performance Indicators": "performance_indicators",
              "Actions": "actions", "Milestones": "milestones"}  # fmt: skip
PLAN = "Priority Delivery Plan 2017-18 End of Year Performance Update"
AFTER = [
    "",
    "6 Implications",
    "Comments on overall performance for this PDP (as at end of 2018/19)",
]

Key = tuple[str, str, int | None, float | None]  # scope, category, count, percent

# ------------------------------------------------------------------ model


@dataclass
class Value:
    count: int | None
    pct: float | None
    count_text: str
    pct_text: str

    def cell(self, style: str) -> list[str]:
        """The lines of the printed cell."""
        if self.count is None and self.pct is None:
            return ["-"]
        if style == "pair":
            return [f"{self.count_text} {self.pct_text}"]
        if style == "paren":
            return [f"{self.count_text} ({self.pct_text})"]
        if style == "stacked":
            return [self.count_text, self.pct_text]
        if style == "count":
            return [self.count_text]
        return [self.pct_text]


@dataclass
class GridRow:
    label: str | None  # the row's printed scope label, if any
    scope: str
    values: list[Value]


@dataclass
class Grid:
    cats: list[str | None]  # None: a label naming no category
    labels: list[str]
    rows: list[GridRow]
    style: str  # pair paren stacked split count pct
    spilt: bool  # the last column's label printed above the others
    title: str | None
    # Filled by the printer: the grid's lines and each (row, column)'s lines.
    first: int = 0
    last: int = 0
    value_lines: dict[tuple[int, int], set[int]] = field(default_factory=dict)

    def expected(self) -> Counter[Key]:
        out: Counter[Key] = Counter()
        for r in self.rows:
            for cat, v in zip(self.cats, r.values, strict=True):
                if cat is not None:
                    count = v.count if self.style != "pct" else None
                    pct = v.pct if self.style != "count" else None
                    out[(r.scope, cat, count, pct)] += 1
        return out


@dataclass
class Case:
    form: str  # plain | raw | layout
    text: str
    grids: list[Grid]

    @property
    def text_form(self) -> str | None:
        return "layout" if self.form == "layout" else "plain"


# ------------------------------------------------------------------ grids


def _pct_text(c: int, total: int, how: str) -> tuple[float, str]:
    if total == 0:
        return 0.0, "0%"
    p = 100.0 * c / total
    if how == "int":
        p = round(p)
    elif how == "trunc":
        p = int(p * 10) / 10
    else:
        p = round(p, 1)
    text = f"{p:g}%"
    return float(text[:-1]), text


@st.composite
def categories(draw: st.DrawFn, unknown: bool) -> list[str | None]:
    """3-5 main categories in printing order (or not), maybe No Rating and
    TOTAL, maybe a column naming none."""
    k = draw(st.integers(3, 5))
    main = draw(st.lists(st.sampled_from(MAIN), min_size=k, max_size=k, unique=True))
    cats: list[str | None] = [c for c in MAIN if c in main]
    if draw(st.integers(0, 4)) == 0:
        cats = draw(st.permutations(cats))
    cats += [extra for extra in LAST if draw(st.booleans())]
    if unknown and draw(st.integers(0, 5)) == 0:
        cats.insert(draw(st.integers(0, len(cats))), None)
    if draw(st.integers(0, 6)) == 0:  # "No Rating" or TOTAL not last
        cats = draw(st.permutations(cats))
    return cats


@st.composite
def values(draw: st.DrawFn, cats: list[str | None], how: str) -> list[Value]:
    """A row's counts and their percents of the total."""
    counts = [draw(st.integers(0, 12)) for c in cats if c != "total"]
    total = sum(counts)
    out, it = [], iter(counts)
    for c in cats:
        n = total if c == "total" else next(it)
        pct, text = _pct_text(n, total, how)
        out.append(Value(n, pct, str(n), text))
    return out


@st.composite
def grids(draw: st.DrawFn, form: str, avoid: frozenset[str]) -> Grid:
    cats = draw(categories("unknown-labels" not in avoid))
    labels = [draw(st.sampled_from(UNKNOWN if c is None else LABELS[c])) for c in cats]
    spilt = cats[-1] in LAST and draw(st.booleans())
    styles = ["pair", "paren", "stacked", "split", "count", "pct"]
    if "stacked-cells" in avoid and form == "plain":
        styles.remove("stacked")
    style = draw(st.sampled_from(styles))
    default = "milestones" if "milestone" in " ".join(labels).lower() else "actions"
    how = draw(st.sampled_from(["int", "round", "trunc"]))
    shape = draw(st.sampled_from(["one", "one", "one", "scoped", "pi_and_actions"]))
    if style == "split" or shape == "one":
        rows = [GridRow(None, default, draw(values(cats, how)))]
    elif shape == "scoped":
        name = draw(st.sampled_from(["Actions", "Milestones"]))
        rows = [GridRow(name, ROW_SCOPES[name], draw(values(cats, how)))]
    else:
        dashes = [Value(None, None, "-", "-") for _ in cats]
        rows = [
            GridRow("Performance Indicators", "performance_indicators", dashes),
            GridRow("Actions", "actions", draw(values(cats, how))),
        ]
    title = draw(st.one_of(st.none(), st.sampled_from(TITLES)))
    return Grid(cats, labels, rows, style, spilt, title)


def _value_rows(grid: Grid) -> list[tuple[int, list[str], str]]:
    """Printed rows of values: (row index, cell texts, style of the cells); a
    'split' grid prints a counts row then a percents row."""
    out = []
    for ri, r in enumerate(grid.rows):
        if grid.style == "split":
            out.append((ri, [v.count_text for v in r.values], "count"))
            out.append((ri, [v.pct_text for v in r.values], "pct"))
        else:
            cells = [" ".join(v.cell(grid.style)) for v in r.values]
            out.append((ri, cells, grid.style))
    return out


def _note(grid: Grid, ri: int, col: int, lines: list[int]) -> None:
    grid.value_lines.setdefault((ri, col), set()).update(lines)


# ------------------------------------------------------------------ plain


def _print_by_column(
    draw: st.DrawFn, grid: Grid, out: Printer, widths: list[int]
) -> None:
    """Label, then its values, column by column (the browser's plain text)."""
    if grid.title:
        out.add(grid.title, "")
    style = "stacked" if grid.style == "split" else grid.style
    for col in range(len(grid.cats)):
        out.add(*wrap(grid.labels[col], draw(st.sampled_from(widths))))
        for ri, r in enumerate(grid.rows):
            _note(grid, ri, col, out.add(*r.values[col].cell(style)))
        out.add("")


def _label_paragraphs(
    draw: st.DrawFn, grid: Grid, widths: list[int], variant: str
) -> list[list[str]]:
    """The label paragraphs; a spilt label in a paragraph of its own or in
    the first one."""
    n = len(grid.cats) - grid.spilt
    paras = [wrap(grid.labels[c], draw(st.sampled_from(widths))) for c in range(n)]
    if grid.spilt:
        above = wrap(grid.labels[-1], draw(st.sampled_from(widths)))
        if variant == "spilt_own":
            paras.insert(0, above)
        else:
            paras[0] = above + paras[0]
    return paras


def print_plain(
    draw: st.DrawFn, grid: Grid, out: Printer, avoid: frozenset[str]
) -> None:
    """pdftotext without -layout: every cell a paragraph, wrapped at its words."""
    widths = [60, 200] if "narrow-labels" in avoid else [9, 14, 22, 40, 200]
    variant = draw(st.sampled_from(["rows"] * 6 + ["spilt_own", "interleave"]))
    start = len(out.lines) + 1
    if variant == "interleave":
        _print_by_column(draw, grid, out, widths)
        grid.first, grid.last = start, len(out.lines)
        return
    paras = _label_paragraphs(draw, grid, widths, variant)
    if grid.title:
        if grid.spilt and variant != "spilt_own" and draw(st.booleans()):
            paras[0] = wrap(grid.title, 45) + paras[0]  # as samples/002 prints it
        else:
            out.add(grid.title, "")
            start = len(out.lines) + 1
    for para in paras:
        out.add(*para, "")
    footer_at = draw(st.integers(0, 30))
    n = 0
    for ri, cells, style in _value_rows(grid):
        r = grid.rows[ri]
        if r.label and (style != "pct" or grid.style != "split"):
            out.add(*wrap(r.label, draw(st.sampled_from([12, 40]))), "")
        for col, text in enumerate(cells):
            if n == footer_at:
                out.add(FOOTER, "")
            n += 1
            lines = r.values[col].cell(style) if style == "stacked" else [text]
            _note(grid, ri, col, out.add(*lines))
            out.add("")
    grid.first, grid.last = start, len(out.lines)


# ------------------------------------------------------------------ raw


def _print_raw_labels(draw: st.DrawFn, grid: Grid, out: Printer) -> None:
    """Labels run on, broken at any word; a spilt label above them."""
    if grid.spilt:
        out.add(*wrap(grid.labels[-1], draw(st.sampled_from([3, 40]))))
    n = len(grid.cats) - grid.spilt
    words = [w for col in range(n) for w in grid.labels[col].split()]
    line: list[str] = []
    for k, w in enumerate(words):
        line.append(w)
        if k == len(words) - 1 or draw(st.integers(0, 3)) == 0:
            out.add(" ".join(line))
            line = []


def _print_raw_stacked(grid: Grid, out: Printer, ri: int) -> None:
    """A row of cells of a count over its percent: a counts line, a percents line."""
    r = grid.rows[ri]
    for part, key in ((0, "count_text"), (1, "pct_text")):
        texts = [getattr(v, key) if v.count is not None else "-" for v in r.values]
        prefix = [r.label] if (r.label and part == 0) else []
        got = out.add(" ".join(prefix + texts))
        for col in range(len(r.values)):
            _note(grid, ri, col, got)


def print_raw(draw: st.DrawFn, grid: Grid, out: Printer, avoid: frozenset[str]) -> None:
    """pdftotext -raw: no blank lines, labels run on and broken anywhere, a
    row of values a line (a narrow last cell's percent on the next)."""
    if grid.title:
        out.add(*wrap(grid.title, draw(st.sampled_from([30, 80]))))
    start = len(out.lines) + 1
    _print_raw_labels(draw, grid, out)
    for ri, cells, style in _value_rows(grid):
        r = grid.rows[ri]
        if grid.style == "stacked":
            _print_raw_stacked(grid, out, ri)
            continue
        own = r.label and style != "pct" and draw(st.integers(0, 3)) == 0
        if own and r.label:
            out.add(*wrap(r.label, 12))
        prefix = [r.label] if (r.label and not own and style != "pct") else []
        text = " ".join(prefix + cells)
        last = r.values[-1]
        if grid.style == "paren" and last.count is not None and draw(st.booleans()):
            head, _, tail = text.rpartition(" (")
            got = out.add(head, "(" + tail)
        else:
            got = out.add(text)
        for col in range(len(cells)):
            _note(grid, ri, col, got)
    grid.first, grid.last = start, len(out.lines)


# ------------------------------------------------------------------ layout


@dataclass
class Columns:
    """Where -layout text sets each column, and what it prints in it."""

    xs: list[int]  # each column's start
    labels: list[list[str]]  # each column's label lines
    spilt: list[str]  # the spilt label's lines, over the last column
    cells: list[tuple[int, str, list[list[str]]]]  # (row, style, lines per column)
    row_labels: dict[int, list[str]]  # row -> its label's lines

    def put(self, cols: dict[int, str], left: str = "") -> str:
        """One printed line: `left`, then each column's text at its place."""
        s = left
        for c in sorted(cols):
            at = self.xs[c] if s == "" or len(s) < self.xs[c] else len(s) + 1
            s = s.ljust(at) + cols[c]
        return s.rstrip()


@st.composite
def columns(draw: st.DrawFn, grid: Grid) -> Columns:
    ncol = len(grid.cats)
    labels = [wrap(lab, draw(st.sampled_from([9, 16, 30, 200]))) for lab in grid.labels]
    spilt: list[str] = []
    if grid.spilt:
        spilt, labels[-1] = labels[-1], []
    cells = []
    for ri, texts, style in _value_rows(grid):
        lines = []
        for col, v in enumerate(grid.rows[ri].values):
            if style == "stacked":
                lines.append(v.cell("stacked"))
            elif (
                style == "paren"
                and col == ncol - 1
                and v.count is not None
                and draw(st.booleans())
            ):
                lines.append([v.count_text, f"({v.pct_text})"])
            else:
                lines.append([texts[col]])
        cells.append((ri, style, lines))
    row_labels = {
        ri: wrap(r.label, draw(st.sampled_from([11, 40])))
        for ri, r in enumerate(grid.rows)
        if r.label
    }
    widths = [
        max(
            [len(x) for x in labels[c]]
            + [len(x) for x in spilt if c == ncol - 1]
            + [len(x) for _, _, rl in cells for x in rl[c]]
        )
        for c in range(ncol)
    ]
    x = 0
    if row_labels:
        x = max(len(s) for ls in row_labels.values() for s in ls)
        x += draw(st.integers(2, 6))
    xs = []
    for c in range(ncol):
        xs.append(x)
        x += widths[c] + draw(st.sampled_from([1, 2, 3, 5, 8, 12]))
    return Columns(xs, labels, spilt, cells, row_labels)


def print_layout(
    draw: st.DrawFn, grid: Grid, out: Printer, avoid: frozenset[str]
) -> None:
    """pdftotext -layout: columns by position, labels wrapped in their column,
    aligned to the top or the bottom, a spilt label above the others."""
    cols = draw(columns(grid))
    ncol = len(grid.cats)
    if grid.title:
        out.add(grid.title, "")
    start = len(out.lines) + 1
    for line in cols.spilt:
        out.add(cols.put({ncol - 1: line}))
    height = max(len(w) for w in cols.labels)
    bottom = draw(st.booleans())
    for k in range(height):
        printed = {}
        for c, w in enumerate(cols.labels):
            at = k - (height - len(w)) if bottom else k
            if 0 <= at < len(w):
                printed[c] = w[at]
        out.add(cols.put(printed))
    for ri, style, lines in cols.cells:
        labelled = style != "pct" or grid.style != "split"
        label_lines = cols.row_labels.get(ri, []) if labelled else []
        for k in range(max([len(ls) for ls in lines] + [len(label_lines)])):
            printed = {c: lines[c][k] for c in range(ncol) if k < len(lines[c])}
            left = label_lines[k] if k < len(label_lines) else ""
            (got,) = out.add(cols.put(printed, left))
            for c in printed:
                _note(grid, ri, c, [got])
    grid.first, grid.last = start, len(out.lines)


PRINT = {"plain": print_plain, "raw": print_raw, "layout": print_layout}


@st.composite
def cases(draw: st.DrawFn, form: str, avoid: frozenset[str]) -> Case:
    """A small report: the plan's heading, prose, 1-2 grids, then a heading
    or prose."""
    out = Printer()
    blank = [""] if form != "raw" else []
    out.add(f"Housing, Crime and Partnerships {PLAN}", *blank)
    out.add(*wrap(draw(st.sampled_from(PROSE)), 110), *blank)
    gs = []
    for g in range(draw(st.integers(1, 2))):
        if g:
            out.add(f"Environment {PLAN}", *blank)
        grid = draw(grids(form, avoid))
        PRINT[form](draw, grid, out, avoid)
        gs.append(grid)
        if blank and out.lines[-1] != "":
            out.add("")
    if after := draw(st.sampled_from(AFTER)):
        out.add(after)
    if "page-end-counts" in avoid:  # no lone count in the page-number band
        out.add("", *wrap(PROSE[2], 110))
    return Case(form, out.text, gs)


# ------------------------------------------------------------------ check


def _missing_faults(
    gi: int, grid: Grid, missing: Counter[Key], spans: list[IssueSpan]
) -> list[str]:
    """The true values not produced that lie on no issue's lines."""
    # A column a reader cannot file is reported at the grid's label row
    # (`unknown_status_label`), naming its values.
    if any(s.code == "unknown_status_label" and grid.first <= s.first <= grid.last
           for s in spans):  # fmt: skip
        return []
    faults = []
    for scope, cat, count, pct in missing:
        cols = [c for c, x in enumerate(grid.cats) if x == cat]
        rows = [ri for ri, r in enumerate(grid.rows) if r.scope == scope]
        lines = set().union(
            *(grid.value_lines.get((ri, c), set()) for ri in rows for c in cols)
        )
        if not all(any(s.covers(n) for s in spans) for n in lines):
            faults.append(
                f"SILENT grid{gi}: {(scope, cat, count, pct)} not produced, "
                f"lines {sorted(lines)} under no issue"
            )
    return faults


def grid_faults(
    gi: int, grid: Grid, mine: list[Any], spans: list[IssueSpan]
) -> list[str]:
    """The faults of one grid's reading."""
    got = Counter((r.scope, r.category, r.count, r.percent) for r in mine)
    want = grid.expected()
    faults = []
    for key in got - want:
        kind = "WRONG_SCOPE" if any(k[1:] == key[1:] for k in want) else "WRONG"
        faults.append(f"{kind} grid{gi}: produced {key}, truth {sorted(want)}")
    faults += _missing_faults(gi, grid, want - got, spans)
    touching = any(s.first <= grid.last and s.last >= grid.first for s in spans)
    if None in grid.cats and not touching:
        label = grid.labels[grid.cats.index(None)]
        faults.append(
            f"SILENT_UNKNOWN grid{gi}: column labelled {label!r} under no issue"
        )
    return faults


def check(case: Case) -> Verdict:
    """The faults of the pipeline's reading of one generated document."""
    processed = read(case.text, case.text_form)
    found = records(processed, "status_summary")
    spans = [s for s in issue_spans(processed) if s.from_message]
    faults: list[str] = []
    used: set[int] = set()
    for gi, grid in enumerate(case.grids):
        mine = [r for r in found if grid.first <= r.line_start <= grid.last]
        used.update(id(r) for r in mine)
        faults += grid_faults(gi, grid, mine, spans)
    faults += [
        f"PHANTOM line {r.line_start}: {r.category} {r.count} {r.percent}"
        for r in found
        if id(r) not in used
    ]
    expected = [
        f"grid{gi} lines {g.first}-{g.last}: {sorted(g.expected().elements())}"
        for gi, g in enumerate(case.grids)
    ]
    produced = [
        f"{r.scope} {r.category} {r.count} {r.percent} (line {r.line_start}, "
        f"label {r.label!r})"
        for r in found
    ]
    return Verdict(
        tuple(faults),
        tuple(causes(case, processed, found, faults)) if faults else (),
        tuple(expected),
        tuple(produced + [f"issue {s.code} lines {s.first}-{s.last}" for s in spans]),
    )


KIND = TableKind("status", FORMS, AVOIDABLE, cases, check)
