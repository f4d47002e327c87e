"""Quarter blocks of rolling twelve-month totals.

"Q1 (24.07.17) Previous 12 months = 5,673 Last 12 months = 6,506 Change Over 12
Months = 15% increase (833) For information only, data provided by Staffs
Police."; also "= - 10% reduction (-321)", "12% Increase (11)", "8% (222)" and
"12%" alone.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import regex

from extract.blocks import Blocks
from extract.context import Context
from extract.document import Cell, Document
from extract.records import IssueRow, Record, RepairRow, Rolling12
from normalise.dates import parse_date, repair_date
from normalise.indicators import rolling_indicator, slug, split_indicators
from normalise.numbers import parse_int, parse_number
from normalise.repair import Repair
from normalise.years import year_of_quarter_report

NAME = "rolling_12_months"
MINUS = "-\u2013\u2212"
# ENHANCEMATCH: of the fuzzy matches at a position, the one with fewest errors.
FLAGS = regex.IGNORECASE | regex.ENHANCEMATCH
# A quarter label opens a block: "Q1 (24.07.17)", "Quarter 3 (19.01.18)", "Q2".
ANCHOR = regex.compile(
    r"\b(?:Q|Quarter\s*)(?P<n>[1-4])\b\s*"
    r"(?:\(\s*(?P<date>(?=[^)]*\d)[\dOolI./]+)\s*\)"
    r"|(?P<bare>\d{1,3}[./]\d{1,2}[./]\d{2,4})\b)?",
    regex.IGNORECASE,
)
# The labels as damaged text prints them: OCR reads "m" as "rn" ("12 rnonths")
# and "1" as "l" ("Previous l2 months"), retyping drops a space ("Last12 months")
# or types a zero for an O ("Change 0ver 12 Months"). So a label word may be one
# edit off ("months" two, for "rn"), the 12 may print its 1 as l or I, and the
# spaces may go. The "=" and the digits after it stay exact: they make a block.
TWELVE = r"[1lI]2"
MONTHS = r"(?:months?){e<=2}"
# A total keeps its printed sign ("= -5,673" is reported, not dropped); a label
# whose figure is missing ("Last 12 months = ,") still makes the block, with no
# figure, so the block is reported rather than lost.
TOTAL = rf"[=:]\s*(?P<v>[+{MINUS}]?\s*\d[\d,]*)?"
PREVIOUS = regex.compile(
    rf"\b(?:previous){{e<=1}}\s*{TWELVE}\s*{MONTHS}\s*{TOTAL}", FLAGS
)
LAST = regex.compile(
    rf"\b(?:last|current){{e<=1}}\s*{TWELVE}\s*{MONTHS}\s*{TOTAL}", FLAGS
)
CHANGE = regex.compile(
    rf"\b(?:change){{e<=1}}(?:\s*(?:over){{e<=1}}\s*{TWELVE}\s*{MONTHS})?\s*[=:]\s*"
    rf"(?:(?P<pct>[+{MINUS}]?\s*\d+(?:\.\d+)?)\s*%"
    r"\s*(?:(?P<direction>increase|reduction|decrease)|no\s+change)?"
    rf"\s*(?:\((?P<abs>[+{MINUS}]?\s*[\d,]+)\))?"
    # "Change = 120 (9%)": the difference first, the percentage in brackets.
    rf"|(?P<abs_first>[+{MINUS}]?\s*[\d,]+)\s*"
    r"(?P<direction_first>increase|reduction|decrease)?\s*"
    rf"\(\s*(?P<pct_last>[+{MINUS}]?\s*\d+(?:\.\d+)?)\s*%\s*\)"
    r"(?:\s*(?P<direction_last>increase|reduction|decrease))?"
    r"|(?P<none>no\s+change))",
    FLAGS,
)
# Seconds the patterns may take over one cell's text, which comes from the input.
# No cell of samples/ (text or PDF) takes 3 ms; a cell of unclosed quarter labels
# ("Q1 (" 16,000 times, 64 kB) takes 1.6 s, growing with the square of its length,
# as ANCHOR looks for a digit before each ")".
MATCH_TIMEOUT = 1.0
SNIPPET = 60
# What may stand between a quarter label and its first total: "Q1 (…) -".
LEAD = " :-\u2013,"
DIRECTIONS = {"increase": "increase", "reduction": "reduction", "decrease": "reduction"}
# Printed percentages are whole numbers: a change that is more than this far from
# the one the two totals give does not follow from them.
PCT_TOLERANCE = 1.0


@dataclass(frozen=True, slots=True)
class Block:
    """One quarter block as printed; its fields in any order, the change optional.

    "Q1 (24.07.17) Previous 12 months = 5,673 Last 12 months = 6,506 Change Over
    12 Months = 15% increase (833) For information only …", also with "Last"
    before "Previous", ":" for "=", "no change", or spread over `<p>` paragraphs.
    """

    quarter: str
    date: str | None
    previous: str | None
    last: str | None
    pct: str | None
    direction: str | None
    change: str | None
    no_change: bool
    note: str | None
    start: int
    end: int


def blocks_in(text: str, timeout: float | None = None) -> list[Block]:
    """The quarter blocks of one cell's text, each up to the next quarter label.

    Raises TimeoutError when the patterns take more than `timeout` seconds
    (`MATCH_TIMEOUT` when None) over the text.
    """
    deadline = time.monotonic() + (MATCH_TIMEOUT if timeout is None else timeout)
    anchors = list(ANCHOR.finditer(text, timeout=_left(deadline)))
    found = []
    for k, a in enumerate(anchors):
        stop = anchors[k + 1].start() if k + 1 < len(anchors) else len(text)
        segment = text[a.end() : stop]
        previous = PREVIOUS.search(segment, timeout=_left(deadline))
        last = LAST.search(segment, timeout=_left(deadline))
        if not previous or not last:
            continue
        first = min(previous.start(), last.start())
        if segment[:first].strip(LEAD):
            continue
        change = CHANGE.search(segment, first, timeout=_left(deadline))
        end = max(previous.end(), last.end(), change.end() if change else 0)
        found.append(
            Block(
                quarter=f"Q{a['n']}",
                date=a["date"] or a["bare"],
                previous=previous["v"],
                last=last["v"],
                pct=_first(change, "pct", "pct_last"),
                direction=_first(
                    change, "direction", "direction_first", "direction_last"
                ),
                change=_first(change, "abs", "abs_first"),
                no_change=bool(change and change["none"]),
                note=segment[end:].strip(" ,;") or None,
                start=a.start(),
                end=a.end() + end,
            )
        )
    return found


def _left(deadline: float) -> float:
    """Seconds left before `deadline`; none left is a timeout like regex's own."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("regex timed out")
    return left


def _first(m: regex.Match[str] | None, *groups: str) -> str | None:
    """The first of `groups` the change printed, whichever order it used."""
    if m is None:
        return None
    return next((m[g] for g in groups if m[g]), None)


@dataclass(frozen=True, slots=True)
class Found:
    block: Block
    cell: Cell
    indicator: str
    row_index: int

    @property
    def quarter(self) -> str:
        return self.block.quarter


def _blocks(blocks: Blocks) -> tuple[list[Found], list[Cell], list[Found]]:
    """The blocks of the rolling indicators' cells (each claimed), the cells too
    slow to scan, and blocks under a name that is no rolling indicator."""
    found: list[Found] = []
    timed_out: list[Cell] = []
    stray: list[Found] = []
    for table in blocks.tables():
        for i in table.rows:
            row = blocks.doc.rows[i]
            if not row.tabbed or not row.cells:
                continue
            indicator = rolling_indicator(split_indicators(row.cells[0].text))
            for cell in row.cells[1:]:
                # Paragraphs joined: a block may be spread over several <p>.
                try:
                    printed = blocks_in(cell.reading)
                except TimeoutError:
                    timed_out.append(cell)
                    continue
                spans = tuple((b.start, b.end) for b in printed)
                if not spans or not blocks.claims.take_spans(NAME, i, cell, spans):
                    continue
                into = found if indicator else stray
                into.extend(Found(b, cell, indicator or "", i) for b in printed)
    return found, timed_out, stray


def _signed(raw: str | None) -> tuple[float | None, Repair | None]:
    if raw is None:
        return None, None
    return parse_number(raw)


def _repair_row(doc: Document, found: Found, column: str, fix: Repair) -> RepairRow:
    return RepairRow.of(
        doc.doc_id, NAME, column, fix, page=found.cell.page, line=found.cell.line_start
    )


def _issue(doc: Document, cell: Cell, severity: str, code: str, msg: str) -> IssueRow:
    return IssueRow.of(
        code,
        doc.doc_id,
        f"{doc.source_path}:{cell.line_start}: {msg}",
        page=cell.page,
        line=cell.line_start,
        severity=severity,
    )


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[:SNIPPET] + "…"


def _timed_out(doc: Document, cell: Cell) -> IssueRow:
    """`unparsed_block` for a cell the patterns could not get through in time."""
    text = " ".join(cell.text.split())
    shown = text if len(text) <= SNIPPET else text[:SNIPPET] + "…"
    return _issue(
        doc,
        cell,
        "warning",
        "unparsed_block",
        f"quarter blocks not read: searching this cell of {len(text)} characters "
        f'took over {MATCH_TIMEOUT:g} s: "{shown}"',
    )


def recognise(blocks: Blocks, ctx: Context) -> Iterator[Record]:
    doc = blocks.doc
    found, timed_out, stray = _blocks(blocks)
    for cell in timed_out:
        yield _timed_out(doc, cell)
    for f in stray:
        printed = _snippet(f.cell.reading[f.block.start : f.block.end])
        yield _issue(
            doc,
            f.cell,
            "warning",
            "unparsed_block",
            f"{f.quarter} block of rolling 12-month totals under a name that is no "
            f"rolling indicator; not read: {printed!r}",
        )
    by_quarter: dict[str, list[date]] = defaultdict(list)
    for f in found:
        if f.block.date and (d := parse_date(f.block.date)) is not None:
            by_quarter[f.quarter].append(d)
    for f in found:
        yield from _record(doc, ctx, f, by_quarter)


def _as_of(
    doc: Document, f: Found, evidence: list[date]
) -> tuple[date | None, list[Record]]:
    """The block's date, repaired against the other dates of its quarter if need be,
    with the repair and any issue to log."""
    raw = f.block.date
    if not raw:
        return None, []
    as_of, fix = repair_date(raw, evidence)
    logged: list[Record] = []
    if fix is not None:
        logged.append(_repair_row(doc, f, "as_of_date", fix))
        if as_of is None:
            logged.append(
                _issue(
                    doc,
                    f.cell,
                    "warning",
                    "ambiguous_repair",
                    f'date "{raw}" is impossible; candidates '
                    f"{', '.join(fix.alternatives) or 'none'} and no "
                    f"other {f.quarter} date decides between "
                    "them",
                )
            )
    elif as_of is None:
        logged.append(
            _issue(
                doc,
                f.cell,
                "warning",
                "bad_date",
                f'date "{raw}" is not a dd.mm.yy date',
            )
        )
    return as_of, logged


def _record(
    doc: Document, ctx: Context, f: Found, by_quarter: dict[str, list[date]]
) -> Iterator[Record]:
    b = f.block
    quarter = f.quarter
    as_of, logged = _as_of(doc, f, by_quarter[quarter])
    yield from logged
    previous = parse_int(b.previous) if b.previous else None
    last = parse_int(b.last) if b.last else None
    pct, pct_fix = _signed(b.pct)
    change, abs_fix = _signed(b.change)
    if b.no_change:
        pct, change = 0.0, 0.0
    direction = DIRECTIONS.get((b.direction or "").lower())
    for column, fix in (("change_pct", pct_fix), ("change_abs", abs_fix)):
        if fix is not None:
            yield _repair_row(doc, f, column, fix)
    if direction == "reduction":
        for column, value in (("change_pct", pct), ("change_abs", change)):
            if value is not None and value > 0:
                yield _repair_row(
                    doc,
                    f,
                    column,
                    Repair(
                        raw=f"{value:g}",
                        repaired=f"{-value:g}",
                        rule="sign_from_direction",
                        confidence=0.9,
                    ),
                )
        pct = -abs(pct) if pct is not None else None
        change = -abs(change) if change is not None else None
    yield from _figure_issues(doc, f, previous, last)
    if previous is not None and last is not None:
        yield from _consistency(doc, f, previous, last, pct, change, direction)
    indicator = " ".join(f.indicator.split())
    yield Rolling12(
        doc_id=doc.doc_id,
        plan=ctx.plan(f.row_index),
        theme=ctx.theme(f.row_index),
        indicator=indicator,
        indicator_id=slug(indicator),
        financial_year=ctx.financial_year
        or (year_of_quarter_report(quarter, as_of) if as_of else None),
        quarter=quarter,
        as_of_date=as_of,
        as_of_date_raw=b.date,
        previous_12_months=previous,
        last_12_months=last,
        change_pct=pct,
        change_abs=int(change) if change is not None else None,
        direction=direction,
        note=b.note,
        page=f.cell.page,
        line_start=f.cell.line_start,
        line_end=f.cell.line_end,
    )


def _figure_issues(
    doc: Document, f: Found, previous: int | None, last: int | None
) -> Iterator[IssueRow]:
    """A total that is missing or below zero: the block is kept, QA told."""
    where = f"{f.quarter} {' '.join(f.indicator.split())}"
    for label, raw, value in (
        ("Previous 12 months", f.block.previous, previous),
        ("Last 12 months", f.block.last, last),
    ):
        if value is None:
            yield _issue(
                doc,
                f.cell,
                "warning",
                "unreadable_value",
                f"{where}: {label} prints no figure ({raw or 'nothing'!r}); "
                "written as null",
            )
        elif value < 0:
            yield _issue(
                doc,
                f.cell,
                "warning",
                "value_out_of_range",
                f"{where}: {label} = {value} is below zero; kept as printed",
            )


def _consistency(
    doc: Document,
    f: Found,
    previous: int,
    last: int,
    pct: float | None,
    change: float | None,
    direction: str | None,
) -> Iterator[IssueRow]:
    """`inconsistent_change` when the printed change does not follow from the totals."""
    diff = last - previous
    problems = []
    if change is not None and int(change) != diff:
        problems.append(f"change ({change:g}) is not {last} - {previous} = {diff}")
    if pct is not None and previous:
        real = 100.0 * diff / previous
        if abs(real - pct) > PCT_TOLERANCE:
            problems.append(
                f"change {pct:g}% is not {real:.1f}% ({previous} -> {last})"
            )
    if direction and diff and (direction == "increase") != (diff > 0):
        problems.append(f'direction "{direction}" but {previous} -> {last}')
    if problems:
        yield _issue(
            doc,
            f.cell,
            "warning",
            "inconsistent_change",
            f"{f.quarter} {f.indicator}: " + "; ".join(problems),
        )
