"""Ruled tables: PDF ruling edges -> rows of cell boxes -> lines of cells.

Ruled grids become cells through pdfplumber's table finder (its edges ->
intersections -> cells steps); text runs are placed in the cell they start in.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pdfplumber.table as plumber

from extract.layout.geometry import (
    CutWord,
    Line,
    Run,
    baselines,
    join_next_line,
    merged,
)
from extract.readers.pdf_objects import MIN_EDGE, Edge
from normalise.repair import Repair

# pdfplumber's TableFinder defaults: snap, join and intersection tolerance 3 pt.
TOLERANCE = 3.0

Bbox = tuple[float, float, float, float]
Point = tuple[float, float]


def ruled_tables(edges: Sequence[Edge]) -> list[list[list[Bbox]]]:
    """Tables as rows of cell boxes (x0, top, x1, bottom), by pdfplumber's finder."""
    if not edges:
        return []
    merged = plumber.merge_edges(
        [*edges, *closing_edges(edges)], TOLERANCE, TOLERANCE, TOLERANCE, TOLERANCE
    )
    merged = [e for e in merged if max(e["width"], e["height"]) >= MIN_EDGE]
    points = plumber.edges_to_intersections(merged, TOLERANCE, TOLERANCE)
    tables = []
    for cells in plumber.cells_to_tables(intersections_to_cells(points)):
        if len(cells) < 2:
            continue
        rows: dict[float, list[Bbox]] = {}
        for cell in cells:
            rows.setdefault(round(cell[1], 1), []).append(cell)
        tables.append(_in_columns([sorted(rows[top]) for top in sorted(rows)]))
    return tables


def _in_columns(rows: list[list[Bbox]]) -> list[list[Bbox]]:
    """Each row's cells set in the table's columns: a cell merged over the
    rows below (a theme's name down its indicators) or across columns (a
    year over its quarters) leaves the other rows or columns without a box
    of their own, so a row's cells would be read from the wrong column. A
    column a row has no box for gets an empty one: as wide as the column
    under a merged row's cell, of no width inside a cell merged across."""
    starts: list[float] = []
    for x in sorted(cell[0] for row in rows for cell in row):
        if not starts or x - starts[-1] > TOLERANCE:
            starts.append(x)
    right = max(cell[2] for row in rows for cell in row)
    out = []
    for row in rows:
        top, bottom = row[0][1], row[0][3]
        cells: list[Bbox] = []
        for k, x in enumerate(starts):
            own = next((c for c in row if abs(c[0] - x) <= TOLERANCE), None)
            if own is not None:
                cells.append(own)
            elif any(c[0] < x < c[2] - TOLERANCE for c in row):
                cells.append((x, top, x, bottom))
            else:
                end = starts[k + 1] if k + 1 < len(starts) else right
                cells.append((x, top, end, bottom))
        out.append(cells)
    return out


def closing_edges(edges: Sequence[Edge]) -> list[Edge]:
    """Horizontal rules where a table's column rules stop without one: a row
    a page break splits is printed open at the page's foot and at the next
    page's head (a browser's print draws no border there). Where the rule is
    drawn, the one added coincides with it and merges into it."""
    ends: dict[float, list[Edge]] = {}
    for e in edges:
        if e["orientation"] == "v":
            ends.setdefault(round(e["top"]), []).append(e)
            ends.setdefault(round(e["bottom"]), []).append(e)
    out = []
    for y, rules in ends.items():
        xs = sorted({round(e["x0"], 1) for e in rules})
        if len(xs) < 3:
            continue
        out.append(
            {
                "x0": xs[0],
                "x1": xs[-1],
                "top": float(y),
                "bottom": float(y),
                "width": xs[-1] - xs[0],
                "height": 0.0,
                "orientation": "h",
                "object_type": "line",
            }
        )
    return out


def intersections_to_cells(intersections: dict[Point, Any]) -> list[Bbox]:
    """pdfplumber's `intersections_to_cells`, the same cells in the same order.

    Each point's edges are made a set once, not at every comparison, and the
    points below and right of each are looked up, not searched for: pdfplumber's
    version was most of the time of ruled-table detection.
    """
    v = {p: {_bbox(e) for e in d["v"]} for p, d in intersections.items()}
    h = {p: {_bbox(e) for e in d["h"]} for p, d in intersections.items()}

    def connects(p1: Point, p2: Point) -> bool:
        return (p1[0] == p2[0] and not v[p1].isdisjoint(v[p2])) or (
            p1[1] == p2[1] and not h[p1].isdisjoint(h[p2])
        )

    points = sorted(intersections)
    columns: dict[float, list[Point]] = {}
    rows: dict[float, list[Point]] = {}
    for p in points:
        columns.setdefault(p[0], []).append(p)
        rows.setdefault(p[1], []).append(p)
    cells = []
    for pt in points:
        column, row = columns[pt[0]], rows[pt[1]]
        below = column[column.index(pt) + 1 :]
        right = row[row.index(pt) + 1 :]
        cell = _smallest_cell(pt, below, right, intersections, connects)
        if cell:
            cells.append(cell)
    return cells


def _smallest_cell(
    pt: Point,
    below: list[Point],
    right: list[Point],
    intersections: dict[Point, Any],
    connects: Callable[[Point, Point], bool],
) -> Bbox | None:
    for below_pt in below:
        if not connects(pt, below_pt):
            continue
        for right_pt in right:
            if not connects(pt, right_pt):
                continue
            corner = (right_pt[0], below_pt[1])
            if (
                corner in intersections
                and connects(corner, right_pt)
                and connects(corner, below_pt)
            ):
                return (pt[0], pt[1], corner[0], corner[1])
    return None


def _bbox(edge: Edge) -> Bbox:
    return (edge["x0"], edge["top"], edge["x1"], edge["bottom"])


def _locate(
    run: Run, table: list[list[Bbox]], tops: list[float]
) -> tuple[int, int] | None:
    """(row, column) of the table cell the run starts in, if any."""
    x, y = run.x0 + 1.0, run.base - 0.3 * run.size
    r = bisect_right(tops, y) - 1
    if r < 0 or y > table[r][0][3]:
        return None
    row = table[r]
    c = bisect_right([cell[0] for cell in row], x) - 1
    while c > 0 and row[c][0] == row[c][2]:
        # An empty box inside a cell merged across: the run is that cell's.
        c -= 1
    return (r, c) if c >= 0 and x < row[c][2] else None


def open_ends(
    tables: Sequence[list[list[Bbox]]], edges: Sequence[Edge]
) -> list[tuple[bool, bool]]:
    """For each table, whether its top and its foot are drawn without a rule
    (only `closing_edges` close them): a row a page break split."""
    rules = [e for e in edges if e["orientation"] == "h"]

    def ruled(y: float, x0: float, x1: float) -> bool:
        spans = sorted(
            (max(e["x0"], x0), min(e["x1"], x1))
            for e in rules
            if abs(e["top"] - y) <= TOLERANCE and e["x1"] > x0 and e["x0"] < x1
        )
        covered, reach = 0.0, x0
        for a, b in spans:
            if b > reach:
                covered += b - max(a, reach)
                reach = b
        return covered >= 0.5 * (x1 - x0)

    out = []
    for table in tables:
        x0, x1 = table[0][0][0], table[0][-1][2]
        top, foot = table[0][0][1], table[-1][0][3]
        out.append((not ruled(top, x0, x1), not ruled(foot, x0, x1)))
    return out


def split_runs(
    runs: Sequence[Run],
    tables: Sequence[list[list[Bbox]]],
    ends: Sequence[tuple[bool, bool]] = (),
    words: Mapping[str, int] | None = None,
    cut: list[CutWord] | None = None,
) -> tuple[list[Line], list[Run]]:
    """Rows of the ruled tables as lines, and the runs outside every table;
    `ends` (of `open_ends`) mark a table's first and last rows open. With the
    document's `words` (`normalise.words.word_counts`), a word a cell's edge
    cut is joined again (`cell_text`) and its repair, at its baseline, added
    to `cut`."""
    placed: dict[tuple[int, int, int], list[Run]] = {}
    free: list[Run] = []
    tops = [[row[0][1] for row in t] for t in tables]
    for run in runs:
        for t, table in enumerate(tables):
            if where := _locate(run, table, tops[t]):
                placed.setdefault((t, *where), []).append(run)
                break
        else:
            free.append(run)
    lines = []
    for t, table in enumerate(tables):
        for r, row in enumerate(table):
            cells = [
                [merged(line) for line in baselines(placed.get((t, r, c), []))]
                for c in range(len(row))
            ]
            bases = [u.base for cell in cells for line in cell for u in line]
            middle = (row[0][1] + row[0][3]) / 2
            open_top, open_bottom = ends[t] if t < len(ends) else (False, False)
            lines.append(
                Line(
                    tuple(
                        cell_text(cell, box[2], words, cut)
                        for cell, box in zip(cells, row, strict=True)
                    ),
                    min(bases, default=middle),
                    max(bases, default=middle),
                    True,
                    open_top and r == 0,
                    open_bottom and r == len(table) - 1,
                )
            )
    return lines, free


# A grouped figure ("£12,345,678") and the pieces a cell's width cuts it into
# ("£12,345,6" / "78", "£12,345" / ",678").
GROUPED = re.compile(r"[£$]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
HEAD = re.compile(r"[£$]?\d{1,3}(?:,\d{1,3})*,?")
REST = re.compile(r",?\d{1,3}(?:,\d{3})*(?:\.\d+)?")


def _cut_figure(text: str, after: str) -> bool:
    """Whether `text` ends with the head of a grouped figure whose rest opens
    `after`: the two are one figure, its groups whole only joined."""
    words, rest = text.split(), after.split()
    if not words or not rest:
        return False
    head, tail = words[-1], rest[0]
    if not HEAD.fullmatch(head) or not REST.fullmatch(tail):
        return False
    joined = head + tail
    return GROUPED.fullmatch(joined) is not None and (
        head.endswith(",") or tail.startswith(",") or GROUPED.fullmatch(head) is None
    )


def cell_text(
    lines: Sequence[Sequence[Run]],
    right: float,
    words: Mapping[str, int] | None = None,
    cut: list[CutWord] | None = None,
) -> str:
    """A cell's text from its lines' fragments, the lines joined by a space.

    A word the cell's `right` edge cut is joined again (`join_next_line`, on
    the document's `words`), its repair added to `cut`.
    """
    text = previous = ""
    last: Run | None = None
    for line in lines:
        printed = after = " ".join(u.text for u in line)
        if last is not None and (
            joined := join_next_line(text, previous, last, right, after, words, cut)
        ):
            text, after = joined
        if last is not None and _cut_figure(text, after):
            # "£12,345,6" / "78": a figure the cell's width wrapped mid-group.
            head, rest = text.split()[-1], after.split()[0]
            if cut is not None:
                repair = Repair(
                    raw=f"{head} {rest}", repaired=head + rest, rule="figure_rejoined"
                )
                cut.append(CutWord(last.base, repair, head + rest))
            text, after = text + rest, after[len(rest) :].lstrip()
        text = f"{text} {after}" if text and after else text or after
        previous, last = printed, line[-1]
    return text
