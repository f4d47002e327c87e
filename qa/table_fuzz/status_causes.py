"""Likely causes of a status grid's faults, told from its text and reading.

Each test looks for the trigger of a fault the generator has found: the lines
of the grid, the paragraphs and reading-order table rows the pipeline made of
the text, and the labels of the records produced. A failing case can have
several causes, or none these tests know ("unattributed").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from extract.pipeline import Processed
from normalise.vocabulary import ANY_STATUS, status_category
from qa.table_fuzz.status_labels import LABELS, UNKNOWN

if TYPE_CHECKING:
    from qa.table_fuzz.status import Case, Grid

WRONG_OR_UNKNOWN = ("WRONG", "PHANTOM", "SILENT_UNKNOWN")
LONE_COUNT = re.compile(r"\d+")
# Words a layout label cell opens with when the tail of one label ran into it.
LABEL_TAILS = ("Amendment", "Attention", "attention.", "closed", "target")


def _value_lines(grid: Grid) -> set[int]:
    return set().union(*grid.value_lines.values()) if grid.value_lines else set()


def _plain(
    case: Case, processed: Processed, grid: Grid, mine: list[Any], faults: list[str]
) -> set[str]:
    lines = case.text.split("\n")
    nonblank = [i + 1 for i, line in enumerate(lines) if line.strip()]
    vlines = _value_lines(grid)
    found = set()
    if any(
        LONE_COUNT.fullmatch(lines[n - 1].strip()) for n in vlines & set(nonblank[-2:])
    ):
        found.add("lone count in the last lines dropped as a page number")
    blocks = processed.blocks
    paras = {p.row_index: p for p in blocks.paragraphs} if blocks else {}
    reading_rows = blocks.reading_rows if blocks else frozenset()
    for cell in grid.value_lines.values():
        c = sorted(cell)
        head = paras.get(c[0] - 1) if len(c) == 2 else None
        if (
            head
            and len(head.rows) == 1
            and LONE_COUNT.fullmatch(lines[c[0] - 1].strip())
        ):
            found.add("count over percent split at a section-number-like count")
    silent = any(f.startswith("SILENT") for f in faults)
    in_block = [n for n in vlines if (n - 1) in reading_rows]
    if in_block and silent and any(n < min(in_block) for n in vlines):
        found.add("long first label: the table block starts after it")
    if vlines and not in_block:
        found.add("values outside every reading-order table block")
    known = sum(c is not None for c in grid.cats)
    wrong = any(f.startswith(("WRONG", "PHANTOM")) for f in faults)
    if mine and wrong and len({r.category for r in mine}) < known:
        found.add("grid opened inside its label run")
    return found


def _raw(mine: list[Any], faults: list[str]) -> set[str]:
    found = set()
    if any(r.label == "completed" or r.label.startswith("on target.") for r in mine):
        found.add("prose naming a status above the labels taken as a label")
    if not mine and any(f.startswith("SILENT") for f in faults):
        found.add("unread raw grid under no issue")
    return found


def _names_two(label: str, category: str) -> bool:
    """Whether a label cell names two statuses, or a status and other label
    words: another category's wording in it, a label's tail opening it, or
    a label naming no status."""
    low = label.lower()
    cats = {status_category(m.group()) for m in ANY_STATUS.finditer(label)}
    own = " ".join(w for w in LABELS[category] if w.lower() in low).lower()
    others = [
        w
        for c, ws in LABELS.items()
        if c != category
        for w in ws
        if len(w) > 4 and w.lower() in low and w.lower() not in own
    ]
    words = label.split()
    fused = (
        len(words) >= 3
        and status_category(words[0]) is None
        and words[0] in LABEL_TAILS
    )
    return (
        len(cats) > 1 or bool(others) or fused or any(u.lower() in low for u in UNKNOWN)
    )


def _layout(grid: Grid, mine: list[Any], faults: list[str]) -> set[str]:
    found = set()
    for r in mine:
        if _names_two(r.label, r.category):
            found.add("labels run together in one cell")
        if re.search(r"\d\s*$", r.label):
            found.add("label row joined with the counts row")
    unknown_first = None in grid.cats and grid.cats.index(None) == 0
    if unknown_first and any(f.startswith(WRONG_OR_UNKNOWN) for f in faults):
        found.add("unknown first-column label")
    return found


def causes(
    case: Case, processed: Processed, found: list[Any], faults: list[str]
) -> list[str]:
    """Short cause labels of a failing case."""
    out: set[str] = set()
    wrong = any(f.startswith(("WRONG", "PHANTOM")) for f in faults)
    for grid in case.grids:
        mine = [r for r in found if grid.first <= r.line_start <= grid.last]
        if case.form == "plain":
            out |= _plain(case, processed, grid, mine, faults)
        elif case.form == "raw":
            out |= _raw(mine, faults)
        else:
            out |= _layout(grid, mine, faults)
        two_rows = grid.style in ("split", "stacked") and any(
            r.label for r in grid.rows
        )
        if wrong and two_rows and any(r.percent is None for r in mine):
            out.add("scoped counts row not merged with its percents row")
    if any(f.startswith("WRONG_SCOPE") for f in faults):
        out.add("scope differs")
    return sorted(out or {"unattributed"})
