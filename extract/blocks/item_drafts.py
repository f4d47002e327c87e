"""Actions and milestones as read from their tables, before they get an `item_id`.

Both table layouts ("Action & Progress Update | Outcomes | Q1 Rating …" and
"Approach | Key Project | Milestone(s) | Progress | Q1 …") read into the same
draft, so one function turns either into `actions` and `action_updates` rows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from extract.context import Context
from extract.document import Document
from extract.records import Action, ActionUpdate, IssueRow, Record, RepairRow
from normalise.symbols import clean_symbol
from schemas.symbols import rating_of

QUARTERS = ("Q1", "Q2", "Q3", "Q4")


@dataclass(frozen=True, slots=True)
class QuarterText:
    """The text printed under one quarter label ("Q2 - …", "Quarter 2")."""

    quarter: str
    text: str
    page: int | None
    line_start: int
    line_end: int


@dataclass(frozen=True, slots=True)
class Mark:
    """A non-empty cell of a quarter column, `raw` as printed."""

    quarter: str
    raw: str
    page: int | None
    line: int


@dataclass(frozen=True, slots=True)
class Draft:
    """One action or milestone; `row_index` is where it starts in `doc.rows`."""

    kind: str
    row_index: int
    title: str
    outcomes: str | None
    approach: str | None
    key_project: str | None
    progress: str | None
    page: int | None
    line_start: int
    line_end: int
    texts: tuple[QuarterText, ...]
    marks: tuple[Mark, ...]


def emit(draft: Draft, item_id: str, doc_id: str, ctx: Context) -> Iterator[Record]:
    """The draft's `actions` row, its `action_updates` rows and symbol repairs."""
    yield Action(
        item_id=item_id,
        doc_id=doc_id,
        plan=ctx.plan(draft.row_index),
        theme=ctx.theme(draft.row_index),
        kind=draft.kind,
        approach=draft.approach,
        key_project=draft.key_project,
        title=draft.title,
        outcomes=draft.outcomes,
        progress=draft.progress,
        page=draft.page,
        line_start=draft.line_start,
        line_end=draft.line_end,
    )
    symbols: dict[str, tuple[str, Mark]] = {}
    for mark in draft.marks:
        symbol, repairs = clean_symbol(mark.raw)
        for repair in repairs:
            yield RepairRow(
                doc_id=doc_id,
                target="action_updates",
                column="rating_symbol",
                page=mark.page,
                line=mark.line,
                raw=repair.raw,
                repaired=repair.repaired,
                rule=repair.rule,
                confidence=repair.confidence,
                alternatives=list(repair.alternatives),
            )
        if symbol and mark.quarter not in symbols:
            symbols[mark.quarter] = (symbol, mark)
    for quarter in QUARTERS:
        texts = [t for t in draft.texts if t.quarter == quarter]
        found = symbols.get(quarter)
        if not texts and not found:
            continue
        lines = [t.line_start for t in texts] + [t.line_end for t in texts]
        if found:
            lines.append(found[1].line)
        pages = [t.page for t in texts] + ([found[1].page] if found else [])
        yield ActionUpdate(
            item_id=item_id,
            doc_id=doc_id,
            quarter=quarter,
            progress=" ".join(t.text for t in texts) or None,
            rating_symbol=found[0] if found else None,
            rating=rating_of(found[0]) if found else None,
            page=pages[0],
            line_start=min(lines),
            line_end=max(lines),
        )


def unknown_symbols(doc: Document, drafts: Sequence[Draft]) -> Iterator[IssueRow]:
    """One `unknown_symbol` issue per printed symbol the symbol map does not know."""
    seen: dict[str, list[Mark]] = {}
    for draft in drafts:
        for mark in draft.marks:
            symbol, _ = clean_symbol(mark.raw)
            if symbol and rating_of(symbol) is None:
                seen.setdefault(symbol, []).append(mark)
    for symbol, marks in seen.items():
        lines = ", ".join(str(n) for n in sorted({m.line for m in marks}))
        yield IssueRow(
            doc_id=doc.doc_id,
            severity="warning",
            code="unknown_symbol",
            message=(
                f'{doc.source_path}:{marks[0].line}: rating symbol "{symbol}" '
                f"(lines {lines}) is not in schemas/symbols.csv, so its rating "
                "is null; add it to the map if its meaning is known"
            ),
            page=marks[0].page,
            line=marks[0].line,
        )
