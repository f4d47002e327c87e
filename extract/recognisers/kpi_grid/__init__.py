"""KPI grids: one `indicator_values` row per printed value.

Quarter grids: "| Quarter 1 … Quarter 4 | Annual Total | Annual Target | Target
Achieved / Trend | Performance compared to 2015/16" with theme rows between the
indicator rows. Indicator tables: "Performance Indicator | Frequency of reporting
(Q or A) | Last year's outturn | Target | Q1 … Q4 | Total" with section rows.
Tables printed as HTML inside a cell ("<table> Programme | Annual Target | Q2")
are grids too; a value printed twice (HTML and again as rows) is one row.
Headers vary across the years ("Q1 | … | Year End | Target", "Outturn 2016/17 |
Target 2017/18", "Quarter 1 (Apr-Jun)", "PI Description | … | Comments"): a row
with at least two value columns is a grid, its other columns are commentary.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from itertools import chain

from rapidfuzz import fuzz

from extract.blocks import Blocks
from extract.blocks.columns import NAME_COL, WEAK_NAME_COL, Column, label_qualifier
from extract.context import Context
from extract.document import Document
from extract.layout.printed_headings import (
    Headings,
    heading_in_name,
    printed_headings,
)
from extract.recognisers.kpi_grid import html_paragraphs, reading_order, run_on
from extract.recognisers.kpi_grid.grids import (
    Grid,
    GridRow,
    grids,
)
from extract.records import IndicatorValue, IssueRow, Record, RepairRow
from normalise.categories import is_breakdown
from normalise.counts import read_counts
from normalise.indicators import goes_on, slug
from normalise.patterns import compiled
from normalise.repair import Repair
from normalise.symbols import holds_glyph
from normalise.text import squash
from normalise.values import (
    QUARTER_LEAD,
    Value,
    bare_unit,
    parse_cell,
    scaled_by,
    stated_scale,
    unit_of_name,
)
from normalise.vocabulary import RATING_WORD
from normalise.years import (
    previous_financial_year,
)
from schemas.tables import NO_UNIT

NAME = "kpi_grid"
FREQUENCY = compiled(r"^[QA]$")
# A frequency letter between a name's words: "Number of CCTV Q case reviews".
STRAY_FREQUENCY = compiled(r"(?<=\w) ([QA]) (?=[a-z])")
STRAY_FREQUENCY_RULE = "frequency_in_name"
# A frequency letter ending a name, its separator lost: "… incidents Q".
ENDING_FREQUENCY = compiled(r"(?<=\w) ([QA])$")
# A cell that opens with a figure ("470", "N/A" is none).
FIGURE_CELL = compiled(r"^[<>£]?\s*[-\d]")
# A figure anywhere in a cell: no rating mark.
DIGIT = compiled(r"\d")
# A date alone in a cell, as rolling-12 blocks caption their quarters.
PRINTED_DATE = compiled(r"\(?\d{1,3}[./]\d{1,2}[./]\d{2,4}\)?")
# A cell that opens with a figure, a minus alone ("-", no figure) not one:
# "234", "49.6% (provisional)", "198 cases £41,320.83", "97*", "<20".
OPENS_FIGURE = compiled(r"^\s*[<>~]?\s*-?\s*£?\s*\d")
# Any wording of a rolling block ("Previous 12 months = 1,234", "Last 12 month:
# 1,111", "Change over 12 Months = 15%") belongs to the rolling-12-months
# recogniser, printed label or not; so do its pieces where a block is wrapped
# over rows ("Previous 12" above "months = 89").
ROLLING_CELL = compiled(
    r"\b(?:previous|last|current)\s+12\s*-?\s*months?\b"
    r"|\bchange\s+over\s+12\s*-?\s*months?\b"
    r"|\b(?:previous|last|current)\s+12\s*$|^\s*months?\s*[=:]",
    re.IGNORECASE,
)
NON_ALNUM = compiled(r"[^a-z0-9]+")
# How close a row's text must be to the theme in force to be that theme's heading
# printed across the grid (samples/000 line 4 splits it over six cells).
THEME_MATCH = 90.0
# A cell with this many labelled counts is a breakdown (see `is_count_list`).
MIN_LIST_COUNTS = 2
# How much of the cells left unread an issue quotes.
SNIPPET = 80


def owned_elsewhere(blocks: Blocks, grid: Grid, row: GridRow) -> bool:
    """A row of quarter blocks (rolling 12 months, breakdown counts): a cell
    another recogniser claimed, rolling-block wording, or labelled counts after
    a quarter label.

    A quarter label opens a block only in a quarter's value column: a comment
    "Q3 data not available …" under "Comments" is a comment on a KPI row.
    There it opens one only before a rolling block or labelled counts.
    """
    texts = row.texts
    if grid.plain and blocks.claims.held_by_others(NAME, row.row_index):
        return True
    quarter_columns = {
        c.index
        for c in grid.columns
        if c.kind == "value" and c.period is not None and c.period.startswith("Q")
    }
    at = grid.name_index
    return any(
        ROLLING_CELL.search(t) or (k in quarter_columns and _quarter_block(t))
        for k, t in enumerate(texts)
        if k != at
    )


def is_count_list(text: str) -> bool:
    """A cell of labelled counts: "Council 5; Police 3; Self 2; Housing 4", "7 cases
    resolved, 2 escalated, 5 on going", "Race 3" are breakdowns, not one value.

    One count is a breakdown only when it names a part ("Race 3"): "100 cases",
    "12 incidents" or "45 (provisional)" is a KPI value.
    """
    counts, others = read_counts(text)
    return bool(counts) and (
        len(counts) + len(others) >= MIN_LIST_COUNTS
        or any(is_breakdown(c.dimension) for c in counts)
    )


def _quarter_block(text: str) -> bool:
    """Whether a cell opening with a quarter label (`QUARTER_LEAD`) holds
    labelled counts. Such a cell ("Q1 (24.07.17) Previous 12 months", "Q1 24
    Individuals …", "Q1 - 15 on going cases") may be a quarter block, owned by
    the rolling-12-months or breakdowns recogniser; a label before a plain
    figure ("Q2 figure 45 (provisional)") is the grid's value.

    A count whose label is ambiguous ("Q1 Disability 2") is still the breakdowns
    recogniser's, which reports it.
    """
    if (m := QUARTER_LEAD.match(text)) is None:
        return False
    counts, ambiguous = read_counts(text[m.end() :])
    return bool(counts or ambiguous)


def _is_theme(texts: Sequence[str], theme: str | None) -> bool:
    if not theme:
        return False
    joined = NON_ALNUM.sub("", " ".join(texts).lower())
    return fuzz.ratio(joined, NON_ALNUM.sub("", theme.lower())) >= THEME_MATCH


def _place(
    column: Column, value: Value, ctx: Context, titled: str | None = None
) -> tuple[str | None, str, str]:
    """(financial_year, period, measure) of a value read under `column` of a
    grid whose title names the year `titled` (else the report's year)."""
    default = titled or ctx.financial_year
    year = column.financial_year or default
    if column.previous_year:
        year = previous_financial_year(default)
    if value.labelled and (value.financial_year or column.kind != "value"):
        # "Target - 50% Actual – 44.1%" under "Target Achieved / Trend", "2016.17
        # - 484": the labels say measure and year; a value column headed with a
        # year ("Target 2017/18") says the year otherwise.
        own = column.financial_year if column.kind == "value" else None
        return (
            value.financial_year or own or default,
            value.period or "FY",
            value.measure or "actual",
        )
    if value.labelled:
        # "45% (target 50%)" under "Quarter 1": a label naming only a measure
        # leaves the value in its column's period and year (Q1's target).
        return year, column.period or "FY", value.measure or "actual"
    return year, column.period or "FY", column.measure or "actual"


# A rating column's label word alone: "Rating", "RAG", "Status".
RATING_LABEL = re.compile(RATING_WORD, re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Fact:
    record: IndicatorValue
    repairs: tuple[Repair, ...]
    problem: str | None = None
    labelled: bool = False


def _facts(
    blocks: Blocks,
    ctx: Context,
    grid: Grid,
    row: GridRow,
    headings: Callable[[], Headings] | None = None,
    unread: list[IssueRow] | None = None,
) -> Iterator[Fact]:
    """The values of one grid row; none for a row whose name goes on from the
    row above (`goes_on`: a wrapped row's later lines printed apart), or,
    given the document's `headings` (text without TABs), runs into a theme
    heading (`extract.layout.printed_headings`).

    A row of a `-layout` text that prints a figure under no column label is
    not read; the issue saying so goes to `unread`."""
    doc = blocks.doc
    at = grid.name_index
    name = _named(grid, row)
    if (
        not name
        or goes_on(name)
        or owned_elsewhere(blocks, grid, row)
        or _is_theme(row.texts, ctx.theme(row.row_index))
        or (
            headings is not None
            and heading_in_name(name, headings, range(row.line_start, row.line_end + 1))
        )
    ):
        return
    frequency = None
    repairs: tuple[Repair, ...] = ()
    moved = None
    if stray := _stray_frequency(doc, grid, row, name):
        name, frequency, repairs = stray
    elif moved := _lost_separator(doc, grid, row, name):
        name, row, repairs = moved
    parsed, read, printed = _read_cells(grid, row)
    if moved:
        # The document's cells: the letter is the name's, the rest one left.
        read = {c - 1 if c > at else c for c in read}
    frequency = printed or frequency
    if (
        _marks_only(parsed)
        or _dates_only(parsed)
        or _labels_only(parsed)
        or _joined_figures(blocks, grid, row)
    ):
        # Rating marks under quarter labels: an action table's row, whose
        # progress text a layout reading put in the name column; dates
        # alone ("(24.07.17)"): the captions of a rolling-12 block; the
        # words of labels alone ("Rating"): a header's own wrapped line.
        return
    if _unread_row(blocks, grid, row, name, parsed, unread):
        return
    if grid.plain:
        for cell in blocks.rows[row.row_index].cells:
            if cell.column in read:
                blocks.claims.take_cell(NAME, row.row_index, cell)
    # A unit column's cell states the row's unit as a name's brackets would.
    unit_name = f"{name} ({unit})" if (unit := _unit_cell(grid, row)) else name
    row_unit = bare_unit(unit_name, [vs for _, _, vs in parsed])
    own_measure = _measure_cell(grid, row)
    scales = _stated_scales(unit_name, parsed)
    for column, text, values in parsed:
        scale = scales.get(column.index)
        for value in values:
            if scale is not None:
                value = scaled_by(value, scale)
            year, period, measure = _place(column, value, ctx, grid.year)
            if own_measure and column.measure == "actual" and not value.labelled:
                measure = own_measure
            printed = value.unit if value.unit is not None else row_unit
            # A unit outside the contract ("days") and a cell with no number
            # are written as NO_UNIT: `unit` is part of the key, which BI tools
            # enforce as non-null.
            unit = printed if printed and value.value is not None else NO_UNIT
            yield Fact(
                IndicatorValue(
                    doc_id=doc.doc_id,
                    plan=ctx.plan(row.row_index),
                    theme=ctx.theme(row.row_index),
                    indicator=name,
                    indicator_id=slug(name),
                    financial_year=year,
                    period=period,
                    measure=measure,
                    value=value.value,
                    unit=unit,
                    comparator=value.comparator,
                    qualifier=value.qualifier or label_qualifier(column.label),
                    value_text=squash(text),
                    note=value.note,
                    reported_as=column.label,
                    frequency=frequency,
                    page=row.page,
                    line_start=row.line_start,
                    line_end=row.line_end,
                ),
                repairs + value.repairs,
                value.problem,
                value.labelled,
            )


def _stated_scales(
    name: str, parsed: list[tuple[Column, str, list[Value]]]
) -> dict[int, tuple[Decimal, str]]:
    """Column -> the thousands or millions of pounds its bare figures count
    in: an indicator "Income from car parks (£000)", a column "Budget £000".
    None for a row whose name states another unit ("Percentage of capital
    spent (£m)") or that prints one ("45%"), and for a column whose scale
    and the name's disagree (which counts cannot be told)."""
    named = stated_scale(name)
    labelled = {c.index: s for c, _, _ in parsed if (s := stated_scale(c.label))}
    if named is None and not labelled:
        # Most rows: nothing states a scale, and the name's unit is not asked.
        return {}
    printed = {v.unit for _, _, values in parsed for v in values if v.unit is not None}
    if unit_of_name(name) not in (None, "gbp") or not printed <= {"gbp"}:
        return {}
    out = {}
    for column, _, _ in parsed:
        own = labelled.get(column.index)
        if own is None or named is None or own[0] == named[0]:
            if scale := own or named:
                out[column.index] = scale
    return out


def _read_cells(
    grid: Grid, row: GridRow
) -> tuple[list[tuple[Column, str, list[Value]]], set[int], str | None]:
    """A row's value and commentary cells with their values; the columns read
    (its name's too), to be claimed; and the frequency its frequency column
    prints."""
    parsed: list[tuple[Column, str, list[Value]]] = []
    read = {grid.name_index}
    frequency = None
    for column in grid.columns:
        text = row.texts[column.index] if column.index < len(row.texts) else ""
        if column.kind == "frequency":
            if FREQUENCY.match(text.strip().upper()):
                frequency = text.strip().upper()
            if text.strip() and not is_count_list(text):
                read.add(column.index)
        elif column.kind == "unit":
            if text.strip():
                read.add(column.index)
        elif (
            column.kind in ("value", "commentary")
            and text.strip()
            and not is_count_list(text)
        ):
            values = parse_cell(text, commentary=column.kind == "commentary")
            parsed.append((column, text, values))
            read.add(column.index)
    return parsed, read, frequency


def _unit_cell(grid: Grid, row: GridRow) -> str:
    """The row's cell under a "Unit" column ("%", "£000", "Tonnes"), or ""."""
    for column in grid.columns:
        if column.kind == "unit" and column.index < len(row.texts):
            return row.texts[column.index].strip().strip("()")
    return ""


def _stray_frequency(
    doc: Document, grid: Grid, row: GridRow, name: str
) -> tuple[str, str, tuple[Repair, ...]] | None:
    """A row of `-layout` text whose frequency letter pdftotext set one space
    after the name's first words, a few characters before its own column, so
    that it reads as part of the name ("Number of CCTV Q case reviews …" in a
    Writer PDF's text): the name without it, the letter, and the repair. Only
    where the row's frequency cell is empty and the letter stands between a
    word and a lower-case word, as no name prints it."""
    if doc.text_form != "layout":
        return None
    cells = [
        row.texts[c.index] if c.index < len(row.texts) else ""
        for c in grid.columns
        if c.kind == "frequency"
    ]
    if len(cells) != 1 or cells[0].strip():
        return None
    found = STRAY_FREQUENCY.search(name)
    if found is None:
        return None
    repaired = name[: found.start()] + name[found.end() - 1 :]
    fix = Repair(raw=name, repaired=repaired, rule=STRAY_FREQUENCY_RULE)
    return repaired, found[1], (fix,)


def _lost_separator(
    doc: Document, grid: Grid, row: GridRow, name: str
) -> tuple[str, GridRow, tuple[Repair, ...]] | None:
    """A row of text read by TABs whose frequency letter ends its name, the
    separator after the name lost (a TAB expanded to one space and read as
    a space: tests/fixtures/expanded/002_…-expanded.txt line 62 with its
    trailing blanks trimmed, "Number of fly tipping incidents Q" then 470
    under the frequency label): the name without it, the row with the letter
    in the frequency column and each cell after it one column on, and the
    repair. Only where the frequency cell holds a figure (a frequency
    printed in words, "Quarterly", leaves a name ending "Band A" whole) and
    the row leaves its last column empty, where its last cell goes back to."""
    if doc.text_form == "layout":
        return None
    at = grid.name_index
    frequency = [c.index for c in grid.columns if c.kind == "frequency"]
    last = max(c.index for c in grid.columns)
    texts = row.texts
    if (
        frequency != [at + 1]
        or len(texts) <= at + 1
        or not FIGURE_CELL.match(texts[at + 1].strip())
        or (last < len(texts) and texts[last].strip())
        or (found := ENDING_FREQUENCY.search(name)) is None
    ):
        return None
    repaired = name[: found.start()]
    moved = (*texts[:at], repaired, found[1], *texts[at + 1 : last])
    fix = Repair(raw=name, repaired=repaired, rule=STRAY_FREQUENCY_RULE)
    return repaired, replace(row, texts=moved), (fix,)


def _repair_row(doc: Document, fact: IndicatorValue, fix: Repair) -> RepairRow:
    column = (
        "financial_year"
        if fix.rule.startswith("financial_year")
        else "indicator"
        if fix.rule == STRAY_FREQUENCY_RULE
        else "value"
    )
    return RepairRow.of(
        doc.doc_id,
        "indicator_values",
        column,
        fix,
        page=fact.page,
        line=fact.line_start,
    )


def _unreadable(doc: Document, fact: Fact) -> IssueRow:
    r = fact.record
    return IssueRow.at(
        "unreadable_value",
        doc,
        r.line_start,
        f"{r.indicator} {r.reported_as} {r.value_text[:80]!r}: {fact.problem}; "
        "kept as a null value",
        page=r.page,
    )


def _reading_facts(
    blocks: Blocks,
    ctx: Context,
    headings: Callable[[], Headings] | None,
    unread: list[IssueRow],
) -> Iterator[Fact]:
    """The rows of grids printed in reading order (`reading_order`), of HTML
    tables printed in its paragraphs (`html_paragraphs`) and of grids whose
    rows run on along a line (`run_on`), each claimed with the lines it was
    read from."""
    claimed: set[int] = set()
    for r in chain(
        reading_order.readings(blocks, NAME),
        html_paragraphs.readings(blocks, NAME),
        run_on.readings(blocks, NAME),
    ):
        facts = [
            f
            for f in _facts(blocks, ctx, r.grid, r.row, headings, unread)
            if f.labelled or f.record.reported_as not in r.labelled_only
        ]
        if facts:
            lines = [i for i in r.claim if i not in claimed]
            blocks.claims.take_rest_of_rows(NAME, blocks.doc.rows, lines)
            claimed.update(lines)
            yield from facts


# A row's own label of its measure, in a column no header label reads:
# "Number of fly tipping | Target | 260 | 250" over "| Actual | 310 | 287".
MEASURE_CELL = compiled(r"^(?P<measure>target|actual)s?$", re.IGNORECASE)


def _measure_cell(grid: Grid, row: GridRow) -> str | None:
    """The measure a row labels itself with in an unheaded column, or None."""
    headed = {c.index for c in grid.columns} | {grid.name_index}
    first = min((c.index for c in grid.columns if c.kind == "value"), default=0)
    for k, text in enumerate(row.texts[:first]):
        if k not in headed and (m := MEASURE_CELL.match(text.strip())):
            return m["measure"].lower()
    return None


def _measured_rows(grid: Grid, rows: Sequence[GridRow]) -> Iterator[GridRow]:
    """The rows, each row with no name under a row labelled with its measure
    ("Target") named as that row: the same indicator's other measure
    ("Actual"), its name cell merged over both."""
    at = grid.name_index
    above: str | None = None
    for row in rows:
        name = row.texts[at].strip() if at < len(row.texts) else ""
        measured = _measure_cell(grid, row) is not None
        if not name and measured and above:
            texts = [*row.texts, *[""] * (at + 1 - len(row.texts))]
            texts[at] = above
            row = replace(row, texts=tuple(texts))
        elif name:
            above = name if measured else None
        yield row


def _value_rows(grid: Grid) -> tuple[GridRow, ...]:
    """The grid's rows down to an action table's row of rating labels alone
    ("Rating" under "Q1" to "Q4", the row or the grid's labels an action or
    milestone table's, `run_on.FOREIGN`): below it the table is an action
    table whose header a layout reading took for a grid's, and a figure in
    a rating column is a mark ("5", tests/fixtures/writerlayout/000_…-writer-layout
    line 267, the AQMA action's Q1 rating), no indicator's value. A KPI
    grid's own second label line ("RAG" or "Status" under its quarters)
    leaves its rows as they are."""
    values = {c.index for c in grid.columns if c.kind == "value"}
    labels = [c.label for c in grid.columns]
    for k, row in enumerate(grid.rows):
        cells = [t for c, t in enumerate(row.texts) if c in values and t]
        others = [t for c, t in enumerate(row.texts) if c not in values and t]
        if (
            len(cells) >= 2
            and all(RATING_LABEL.fullmatch(squash(t)) for t in cells)
            and any(run_on.FOREIGN.search(t) for t in [*others, *labels])
        ):
            return grid.rows[:k]
    return grid.rows


def _labels_only(parsed: list[tuple[Column, str, list[Value]]]) -> bool:
    """Whether a row's filled value cells, two or more, print a rating column
    label's word alone ("Rating" under "Q1" and "Q2": an action table's
    header wrapped over three lines, read as a grid's, tests/fixtures/
    writerlayout/001_…-writer-layout line 58). A quarter's name ("Q4", when
    a figure is due) is a value."""
    cells = [text for column, text, _ in parsed if column.kind == "value" and text]
    return len(cells) >= 2 and all(RATING_LABEL.fullmatch(squash(t)) for t in cells)


def _marks_only(parsed: list[tuple[Column, str, list[Value]]]) -> bool:
    """Whether a row's value cells print rating marks alone ("\\bigcirc", "✓");
    not rating words ("On track", "Amber/Green"), which an annual measure
    prints in its quarter columns as a value's words."""
    cells = [text for column, text, _ in parsed if column.kind == "value"]
    return bool(cells) and all(
        holds_glyph(text) and not DIGIT.search(text) for text in cells
    )


def _unlabelled_figure(blocks: Blocks, grid: Grid, row: GridRow) -> int | None:
    """The first column of a row of a `-layout` text that no label heads and
    whose cell opens with a figure, or None: which column that value and
    the cells beside it belong to cannot be told (a right-aligned total under
    a blank label; "116 cases £22,708.33" between Quarter 2 and Quarter 3 in
    tests/fixtures/writerlayout/002_…-writer-layout line 131; a row that a
    page break set at other columns than its header's).
    A TAB export's columns are its cells, and a column a grid does not read
    there is a comment's."""
    if blocks.doc.text_form != "layout":
        return None
    headed = {c.index for c in grid.columns} | {grid.name_index}
    return next(
        (
            k
            for k, text in enumerate(row.texts)
            if k not in headed
            and (words := text.split())
            and run_on.FIGURE.match(words[0])
        ),
        None,
    )


def _joined_figures(blocks: Blocks, grid: Grid, row: GridRow) -> bool:
    """Whether a row of a `-layout` text prints two figures alone in one
    value column ("27 12": a figure printed a character left of its column
    joins the cell before it), so which value each is cannot be told."""
    if blocks.doc.text_form != "layout":
        return False
    values = {c.index for c in grid.columns if c.kind == "value"}
    return any(
        len(words := text.split()) >= 2 and all(run_on.FIGURE.match(w) for w in words)
        for k, text in enumerate(row.texts)
        if k in values
    )


# Names that are captions of other tables' rows: a rolling total's, a
# change's, a total's.
CAPTION_NAME = compiled(
    r"^(?:(?:previous|last|current)\s+12\s+months?|(?:%\s*)?change"
    r"(?:\s+over\s+12\s+months)?)\s*:?$",
    re.IGNORECASE,
)


def _caption_name(name: str) -> bool:
    """Whether a grid row's name is a rolling table's caption ("Previous 12
    months", "Last 12 months", "Change") and nothing else. Not "Total" or a
    category's name ("Incidents", "Closed"), which a KPI grid may print."""
    return CAPTION_NAME.match(name) is not None


# A reference code in a names column: "ENV01", "KPI 1", "PI 26", "BV12", "1.2".
CODE_LIKE = compiled(r"^(?:[A-Z]{1,6}[ -]?\d{1,4}[a-z]?|\d{1,3}(?:\.\d{1,2})+)$")


def _named(grid: Grid, row: GridRow) -> str:
    """A row's indicator name: its names column's cell, or where that prints a
    reference code ("PI | Description" over "ENV01 | Household waste
    recycled"), the cell under a label a names column may have ("Measure",
    "Description"; not "Service Area")."""
    at = grid.name_index
    name = squash(row.texts[at]) if at < len(row.texts) else ""
    if not CODE_LIKE.match(name):
        return name
    for k, label in grid.unknown:
        if k < len(row.texts) and (NAME_COL.match(label) or WEAK_NAME_COL.match(label)):
            words = squash(row.texts[k])
            if words and not CODE_LIKE.match(words):
                return words
    return name


def _unread_row(
    blocks: Blocks,
    grid: Grid,
    row: GridRow,
    name: str,
    parsed: list[tuple[Column, str, list[Value]]],
    unread: list[IssueRow] | None,
) -> bool:
    """Whether a row is left unread, the issue saying why going to `unread`:
    it prints a figure under no column label (`_unlabelled_figure`: which
    column it and the cells around it belong to cannot be told; a row set at
    other columns than its labels, after a page break, is off before the
    figure too), or its name is a caption's (`_captioned`)."""
    if (cut := _unlabelled_figure(blocks, grid, row)) is not None:
        if unread is not None:
            unread.append(_unlabelled_issue(blocks.doc, name, row, cut))
        return True
    return _captioned(blocks.doc, row, name, parsed, unread)


def _captioned(
    doc: Document,
    row: GridRow,
    name: str,
    parsed: list[tuple[Column, str, list[Value]]],
    unread: list[IssueRow] | None,
) -> bool:
    """A row named by a rolling table's caption (`_caption_name`): "Previous
    12 months | 3,235 | 3,108", a transposed rolling table's row, no
    indicator's. Its figures are reported to `unread`."""
    if not _caption_name(name):
        return False
    if unread is not None and any(
        v.value is not None for _, _, vs in parsed for v in vs
    ):
        unread.append(_caption_issue(doc, name, row))
    return True


def _caption_issue(doc: Document, name: str, row: GridRow) -> IssueRow:
    """`unparsed_block` for a row named by a rolling table's caption."""
    return IssueRow.at(
        "unparsed_block",
        doc,
        row.line_start,
        f"row not read: {name!r} is a caption of a rolling table set out as a "
        f"grid, not an indicator's name: {_printed(row)!r}",
        page=row.page,
    )


def _printed(row: GridRow) -> str:
    """A row's cells as an issue quotes them: "Name | 12 | 14"."""
    return _quoted(" | ".join(squash(t) for t in row.texts if t.strip()))


def _unlabelled_issue(doc: Document, name: str, row: GridRow, cut: int) -> IssueRow:
    """`unparsed_block` for a row left unread for a figure under no label."""
    figure = squash(row.texts[cut])
    return IssueRow.at(
        "unparsed_block",
        doc,
        row.line_start,
        f"{name}: row not read: {_quoted(figure)!r} is printed under no column "
        "label, so which column it and the cells beside it belong to cannot be "
        f"told: {_printed(row)!r}",
        page=row.page,
    )


def _unknown_figures(doc: Document, grid: Grid) -> Iterator[IssueRow]:
    """An issue for each column of a grid that no column label reads ("Year
    to Date", "YTD Target": no period of the contract's) whose rows print
    figures: its values are not in the table, and QA must see that."""
    for k, label in grid.unknown:
        rows = [
            r for r in grid.rows if k < len(r.texts) and OPENS_FIGURE.match(r.texts[k])
        ]
        if rows:
            yield IssueRow.at(
                "unparsed_block",
                doc,
                rows[0].line_start,
                f"grid column {label!r} names no quarter or year the tables "
                f"have a period for; its {len(rows)} figure(s) not read",
                page=rows[0].page,
                span=f"{rows[0].line_start}-{rows[-1].line_end}"
                if rows[-1].line_end > rows[0].line_start
                else None,
            )


def _quoted(text: str) -> str:
    return text if len(text) <= SNIPPET else text[:SNIPPET] + "…"


def _dates_only(parsed: list[tuple[Column, str, list[Value]]]) -> bool:
    """Whether a row's value cells print dates alone ("(24.07.17)"): the
    captions of a rolling-12 block, not values."""
    cells = [text for column, text, _ in parsed if column.kind == "value"]
    return bool(cells) and all(PRINTED_DATE.fullmatch(text.strip()) for text in cells)


def recognise(blocks: Blocks, ctx: Context) -> Iterator[Record]:
    """Every value of every grid, in printed order, each with its repairs.

    A value printed twice (samples/001 prints its HRA table as HTML and again as
    rows) is found twice; the pipeline's key check (`extract.keys`) keeps the
    first and reports the repeat.
    """
    doc = blocks.doc
    # Text without TABs prints no theme row of its own (`printed_headings`).
    headings = (
        cache(lambda: printed_headings(doc.lines))
        if doc.text_form in ("layout", "plain")
        else None
    )
    unread: list[IssueRow] = []
    found = list(grids(blocks))
    out = [
        (grid.plain, fact)
        for grid in found
        for row in _measured_rows(grid, _value_rows(grid))
        for fact in _facts(blocks, ctx, grid, row, headings, unread)
    ]
    unread.extend(i for grid in found for i in _unknown_figures(doc, grid))
    out.extend((True, fact) for fact in _reading_facts(blocks, ctx, headings, unread))
    # The table's own rows before its restatement as HTML: their provenance
    # is one line per value.
    out.sort(key=lambda pf: (not pf[0], pf[1].record.line_start))
    logged: set[tuple[int, str, str]] = set()
    for _, fact in out:
        for fix in fact.repairs:
            if (fact.record.line_start, fix.rule, fix.raw) not in logged:
                logged.add((fact.record.line_start, fix.rule, fix.raw))
                yield _repair_row(doc, fact.record, fix)
        yield fact.record
        if fact.problem:
            yield _unreadable(doc, fact)
    yield from unread
