"""KPI grids in reading-order text: pdftotext without -layout, or text copied
from a PDF viewer, prints a grid's column labels one after another ("Quarter
1", …, "Quarter 4", "Target- Achieved/ Trend"), then, row by row, the
indicator's name and its filled cells, each a paragraph; an empty cell prints
nothing.

A row is read only when its shape leaves no doubt which cell is which column:
its name (a paragraph without a figure), then exactly one cell per column, each
a value its column can hold (a frequency "Q"/"A", figures every one of which is
read, "N/A"). Where the row prints more cells than the header has columns and
the header ends in commentary columns (a label printed elsewhere:
samples/text/000_af055924f554b2ff-plain.txt prints "Performance compared to
2015/16" after the grid), the value columns are read one to one and the cells
after them only for the values that say their own year or measure ("2015/16
-51.49%", "Target - 50% Actual – 44.1%"), the last under that label printed
after the grid. pdftotext prints the first line of
a wrapped cell and a one-line neighbour on one line ("36.5% NB: Figure based
on estimated SCC Target - 50% Actual – 44.1%" / "residual and …"): a labelled
tail of a wrapped cell's first line is the next cell. Every other row is left
unclaimed, and so reported as an `unparsed_block`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from extract.blocks import Blocks
from extract.blocks.columns import Column, classify, header_columns
from extract.blocks.paragraphs import Paragraph
from extract.blocks.reading_order import is_column_label
from extract.recognisers.kpi_grid.grids import Grid, GridRow
from normalise.amounts import amounts_in
from normalise.patterns import compiled
from normalise.text import fold_dashes, squash
from normalise.values import LABEL, is_missing, parse_cell

FREQUENCY_CELL = compiled(r"^[QA]$")


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell's text and the paragraph it was printed in."""

    text: str
    para: int


@dataclass(frozen=True, slots=True)
class Reading:
    """One row as a grid of one row for the KPI grid recogniser to read.

    `labelled_only` names the columns (by label) whose cells give only the
    values that print their own year or measure; `claim` the rows (printed
    lines) to claim once the row gives values."""

    grid: Grid
    row: GridRow
    labelled_only: frozenset[str]
    claim: tuple[int, ...]


def readings(blocks: Blocks, name: str) -> Iterator[Reading]:
    """The rows of every KPI grid of the document's reading-order tables."""
    for block in blocks.tables():
        if not block.reading_order:
            continue
        members = set(block.rows)
        paras = [
            p for p in blocks.paragraphs if p.row_index in members and not p.page_footer
        ]
        yield from _block_readings(blocks, name, paras)


def _block_readings(
    blocks: Blocks, name: str, paras: Sequence[Paragraph]
) -> Iterator[Reading]:
    k = 0
    while k < len(paras):
        columns, end = _header(paras, k)
        if columns is None:
            k += 1
            continue
        k = end
        extra = _label_after(paras, end, columns)
        found: list[Reading] = []
        orphans = 0
        named = False
        while k < len(paras) and not _is_label(paras[k].text):
            if _held(blocks, name, paras[k]) or _cell_like(paras[k].text):
                orphans += not named and not _held(blocks, name, paras[k])
                k += 1
                continue
            named = True
            start = k
            cells, k = _row_cells(blocks, name, paras, k + 1, columns)
            reading = _reading(paras, start, cells, columns, extra)
            if reading is not None:
                found.append(reading)
        # Cells of more than half a row before the first name: this grid
        # prints a row's name after its cells (a name set lower in its cell),
        # so a name's cells cannot be told from the next row's.
        if 2 * orphans <= len(columns):
            yield from found


def _header(
    paras: Sequence[Paragraph], k: int
) -> tuple[tuple[Column, ...] | None, int]:
    """The columns of a grid header printed from `paras[k]` on, and where its
    rows start: labels of grid columns one after another, the quarters in order
    from Q1, none twice."""
    labels: list[str] = []
    j = k
    while j < len(paras) and classify(squash(paras[j].text), j - k + 1) is not None:
        labels.append(squash(paras[j].text))
        j += 1
    if len(labels) < 2:
        return None, k
    columns = header_columns(["", *labels])
    if columns is None:
        return None, k
    if not quarters_in_order(columns):
        return None, k
    return tuple(c for c in columns if c.kind != "name"), j


def _label_after(
    paras: Sequence[Paragraph], end: int, columns: Sequence[Column]
) -> tuple[Column, ...]:
    """The commentary column whose label the grid prints after its rows,
    where its header lacks it (samples/text/000_…-plain.txt line 563:
    "Performance compared to 2015/16"), as the column of cells a row prints
    beyond its header's."""
    at = next((j for j in range(end, len(paras)) if _is_label(paras[j].text)), None)
    if at is None:
        return ()
    label = squash(paras[at].text)
    column = classify(label, len(columns) + 1)
    if (
        column is None
        or column.kind != "commentary"
        or any(c.label == label for c in columns)
    ):
        return ()
    return (column,)


def _under_trailing(
    cells: Sequence[Cell], trailing: Sequence[Column]
) -> list[tuple[Column, Cell]]:
    """The cells after a row's value columns under its trailing columns: a
    cell whose every value names the year a column compares with is that
    column's (pdftotext may print "2015/16 -18,761" before the trend cell
    the grid sets left of it); the others in order, the last column taking
    any more."""
    by_year = {c.financial_year: c for c in trailing if c.financial_year}
    own: dict[int, Column] = {}
    for n, cell in enumerate(cells):
        years = {v.financial_year for v in parse_cell(cell.text, commentary=True)}
        year = years.pop() if len(years) == 1 else None
        column = by_year.get(year) if year else None
        if column is not None and column not in own.values():
            own[n] = column
    rest = [c for c in trailing if c not in own.values()] or [trailing[-1]]
    out: list[tuple[Column, Cell]] = []
    k = 0
    for n, cell in enumerate(cells):
        if n in own:
            out.append((own[n], cell))
        else:
            out.append((rest[min(k, len(rest) - 1)], cell))
            k += 1
    return out


def quarters_in_order(columns: Sequence[Column]) -> bool:
    """A grid header's quarters in order from Q1, and no column twice."""
    grid = [c for c in columns if c.kind != "name"]
    quarters = [c.period for c in grid if c.period and c.period.startswith("Q")]
    places = [
        (c.kind, c.period, c.measure, c.financial_year, c.previous_year) for c in grid
    ]
    return (
        bool(quarters)
        and quarters == [f"Q{n}" for n in range(1, len(quarters) + 1)]
        and len(set(places)) == len(places)
    )


def _is_label(text: str) -> bool:
    return is_column_label(text) or classify(squash(text), 0) is not None


def _held(blocks: Blocks, name: str, para: Paragraph) -> bool:
    return any(blocks.claims.held_by_others(name, i) for i in para.rows)


def _cell_like(text: str) -> bool:
    """A paragraph that can be a cell: a frequency, "N/A", or a figure."""
    t = squash(text)
    return bool(
        FREQUENCY_CELL.match(t)
        or is_missing(t)
        or any(v.value is not None for v in parse_cell(t, commentary=True))
    )


def _row_cells(
    blocks: Blocks,
    name: str,
    paras: Sequence[Paragraph],
    k: int,
    columns: Sequence[Column],
) -> tuple[list[Cell], int]:
    """The cells after a row's name, up to the next name, label or claimed
    paragraph; in a grid with a frequency column a paragraph followed by a
    frequency is the next row's name."""
    frequency = any(c.kind == "frequency" for c in columns)
    cells: list[Cell] = []
    while k < len(paras):
        text = paras[k].text
        if (
            _is_label(text)
            or _held(blocks, name, paras[k])
            or not _cell_like(text)
            or (
                frequency
                and cells
                and k + 1 < len(paras)
                and FREQUENCY_CELL.match(squash(paras[k + 1].text))
            )
        ):
            break
        cells.extend(Cell(t, k) for t in _split(paras[k]))
        k += 1
    return cells, k


def _split(para: Paragraph) -> list[str]:
    """A wrapped cell, and the labelled one-line cell pdftotext printed on its
    first line after it ("36.5% NB: … SCC Target - 50% Actual – 44.1%")."""
    text = para.text
    if len(para.pieces) < 2:
        return [text]
    first = para.pieces[0]
    line = text[first.start : first.end]
    for m in LABEL.finditer(line):
        head, tail = line[: m.start()], line[m.start() :]
        if amounts_in(head) and _all_labelled(tail):
            return [squash(head + text[first.end :]), squash(tail)]
    return [text]


def _all_labelled(text: str) -> bool:
    values = parse_cell(text, commentary=True)
    return bool(values) and all(v.labelled for v in values)


def _labelled_beside(text: str) -> bool:
    """Whether a cell prints a bare value beside values labelled with their
    year or measure."""
    values = parse_cell(text, commentary=True)
    return any(v.labelled for v in values) and any(
        not v.labelled and v.value is not None for v in values
    )


def _fits(column: Column, text: str) -> bool:
    """Whether a cell can be `column`'s: a frequency under "Frequency", "N/A"
    or figures every one of which is read under a value column."""
    t = squash(text)
    if column.kind == "frequency":
        return FREQUENCY_CELL.match(t) is not None
    if FREQUENCY_CELL.match(t):
        return False
    if column.kind != "value" or is_missing(t):
        return True
    values = parse_cell(t)
    main = squash(fold_dashes(t)).partition("(")[0]
    return (
        bool(values)
        and all(
            v.value is not None and not v.labelled and not v.problem for v in values
        )
        and len(amounts_in(main)) == len(values)
    )


def _reading(
    paras: Sequence[Paragraph],
    start: int,
    cells: Sequence[Cell],
    columns: Sequence[Column],
    extra: Sequence[Column] = (),
) -> Reading | None:
    """A row's reading: its cells one to one with `columns`, or, printing
    more, the value columns' one to one and the rest under the trailing
    commentary columns and then `extra` (the last taking any more)."""
    if not cells:
        return None
    name = paras[start]
    if len(cells) == len(columns) and not (
        extra and any(c.kind == "commentary" for c in columns)
    ):
        placed = list(zip(columns, cells, strict=True))
        labelled_only: frozenset[str] = frozenset()
    else:
        # With a label printed after the grid (`extra`), as many cells as
        # columns may be one more column's with one empty: the trailing
        # cells are read only for the values that say their own year or
        # measure ("51.49%" after the quarters is the 2015/16 outturn or a
        # target; "2015/16 -51.49%" says which).
        lead = [c for c in columns if c.kind != "commentary"]
        if (
            len(cells) < len(columns)
            or len(lead) == len(columns)
            or any(c.kind == "commentary" for c in lead)
            or any(c.kind != "commentary" for c in columns[len(lead) :])
        ):
            return None
        trailing = (*columns[len(lead) :], *extra)
        placed = list(zip(lead, cells, strict=False))
        placed += _under_trailing(cells[len(lead) :], trailing)
        # One cell under each trailing column leaves no doubt which is whose:
        # a cell printing a bare figure beside labelled ones ("<20,000 Tonnes
        # – 2017.18 21,200 Tonnes", a target and the year's outturn) is read
        # whole. Other bare figures ("Down 4% on last year") stay unread.
        whole = len(cells) == len(lead) + len(trailing)
        labelled_only = frozenset(c.label for c in trailing) - frozenset(
            column.label
            for column, cell in placed[len(lead) :]
            if whole and _labelled_beside(cell.text)
        )
    if not all(_fits(column, cell.text) for column, cell in placed):
        return None
    used = sorted({start, *(c.para for c in cells)})
    if labelled_only:
        # A cell read only for its labelled values is claimed only when it has
        # no other figure: what is not read stays reported.
        unread = {
            cell.para
            for column, cell in placed
            if column.label in labelled_only and not _all_labelled(cell.text)
        }
        used = [k for k in used if k not in unread]
    grid_columns = (
        Column(0, "", "name"),
        *(replace(column, index=n) for n, (column, _) in enumerate(placed, 1)),
    )
    texts = (name.text, *(cell.text for _, cell in placed))
    on_page = [
        piece
        for k in range(start, max(c.para for c in cells) + 1)
        for piece in paras[k].pieces
        if piece.page == name.pieces[0].page
    ]
    row = GridRow(
        texts,
        name.row_index,
        name.pieces[0].page,
        min(p.line_start for p in on_page),
        max(p.line_end for p in on_page),
    )
    return Reading(
        Grid(grid_columns, (row,)),
        row,
        labelled_only,
        tuple(i for k in used for i in paras[k].rows),
    )
