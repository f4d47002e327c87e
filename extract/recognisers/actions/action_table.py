"""Action tables: "Action & Progress Update | Outcomes | Q1 Rating … Q4 Rating".

One cell holds the action title and its quarter texts, as `<p>` paragraphs
("<p>Explore …</p> <p>Q1 – …</p>") or run together ("Explore … Q1 – … Q2 - …");
later rows continue the action ("Q3 – …", "Quarter 2" over its text, text that
spilt over a page break, `<ul>` bullet lists). Quarter labels: see
`quarter_labels`. Ratings sit in the quarter columns ("Q1 Rating",
"Q1", "Quarter 1 Rating", "Rating Q1") of whichever row of the action prints
them. Other layouts print the title and its progress in separate columns:
"Key Actions | Lead Officer | Progress | Q1 … Q4" and "Action | Target Date |
Update | Status", whose one Status column rates the report's latest quarter.
Other columns ("Lead Officer", "Target Date") are not read.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, replace

from extract.context import Context
from extract.document import Cell, Document, Row
from extract.recognisers.actions.continued import goes_on, labelled_prose
from extract.recognisers.actions.drafts import (
    Draft,
    Mark,
    cell_text,
    ends_table,
    logical_cells,
    marks_of,
    paragraphs,
    progress_column,
    rows_with,
)
from extract.recognisers.actions.quarter_labels import (
    LABEL,
    Para,
    label_quarters,
    last_quarter,
    leading_quarters,
    quarter_columns,
    quarter_texts,
    rating_columns,
)
from normalise.symbols import holds_symbol
from normalise.vocabulary import status_category

# "Action & Progress Update" (samples/000), "Action +Progress Update" (samples/003),
# "… public environments and Action & Progress Update" (samples/000 line 69, the
# objective run into the header), "Actions and Progress Updates", "Actions".
ACTION_LABEL = re.compile(
    r"\bActions?\b(?P<progress>\s*(?:&|\+|and|/)\s*Progress(?:\s+Updates?)?)?\s*$",
    re.IGNORECASE,
)
OUTCOMES_HEADER = re.compile(r"^Outcomes?$", re.IGNORECASE)
# Either label's word, sought once in a row's text before cell by cell.
HEADER_WORDS = ("action", "outcome")
HEADER_WORD = re.compile("|".join(HEADER_WORDS), re.IGNORECASE)
# Without quarter columns a header is only known by its title and progress
# labels; a title cell this long is text that ends in "action", not a label
# ("Action", "Key Actions", "Actions and Progress Updates" are all shorter).
TITLE_HEADER_CHARS = 40


@dataclass(frozen=True, slots=True)
class Columns:
    """Where the action text, outcomes, progress and ratings are in a header's table.

    `progress` is the column of progress text when the title has its own column
    ("Key Actions | Lead Officer | Progress | Q1 …"), else None.
    """

    action: int
    outcomes: int | None
    progress: int | None
    ratings: dict[int, str]


@dataclass(frozen=True, slots=True)
class Open:
    """The action being read: its first row and the rows that continue it."""

    row_index: int
    cols: Columns
    rows: tuple[Row, ...] = ()
    last_quarter: int | None = None


def columns_of(row: Row, latest: str | None = None) -> Columns | None:
    """The column layout if `row` is an action table header, else None.

    `latest` is the report's latest quarter, the one a single "Status" column
    rates.
    """
    if HEADER_WORD.search(row.flat) is None:
        return None
    found = [(c, m) for c in row.cells if (m := ACTION_LABEL.search(c.flat))]
    outcomes = next(
        (c.column for c in row.cells if OUTCOMES_HEADER.match(c.flat)), None
    )
    if not found and outcomes is None:
        return None
    progress = progress_column(row)
    if found and found[0][1]["progress"]:
        # "Action & Progress Update" holds the progress text itself; a
        # "Comments" column beside it is not read.
        progress = None
    if quarter_columns(row):
        if not found and outcomes is None:
            return None
        # A header naming only "Outcomes" keeps the action text in the first
        # other column.
        column = found[0][0].column if found else (1 if outcomes == 0 else 0)
    elif not found or progress is None or len(found[0][0].flat) > TITLE_HEADER_CHARS:
        return None
    else:
        column = found[0][0].column
    if progress == column:
        progress = None
    ratings = {
        c: q
        for c, q in rating_columns(row, latest).items()
        if c not in (column, outcomes, progress)
    }
    if not ratings and progress is None:
        return None
    return Columns(action=column, outcomes=outcomes, progress=progress, ratings=ratings)


def _leading_label(cells: Sequence[Cell], cols: Columns) -> tuple[int, ...] | None:
    """Quarters of the label the row's action text starts with, if it does."""
    if cols.action >= len(cells) or not cells[cols.action].paragraphs:
        return None
    return leading_quarters(" ".join(cells[cols.action].paragraphs[0].split()))


def _inner_label(cells: Sequence[Cell], cols: Columns) -> int | None:
    """First quarter of a label printed after other text in the row's action cell."""
    m = LABEL.search(cell_text(cells, cols.action), 1)
    return min(label_quarters(m)) if m else None


def _rated_again(cells: Sequence[Cell], cols: Columns, open_: Open) -> bool:
    """Whether a row prints a cell besides its title and marks and rates a
    quarter the open action's rows rated already."""
    used = {cols.action, *cols.ratings}
    if not any(c.flat and c.column not in used for c in cells):
        return False
    rated = {m.quarter for r in open_.rows for m in marks_of(r.cells, cols.ratings)}
    return any(m.quarter in rated for m in marks_of(cells, cols.ratings))


def _starts_action(
    cells: Sequence[Cell],
    nxt: Sequence[Cell] | None,
    cols: Columns,
    open_: Open | None,
    after_header: bool,
    header: str,
    whole_rows: bool = True,
) -> bool:
    """Whether a row begins a new action rather than continuing the open one.
    `header` is the action column's label as the header row prints it."""
    if open_ is None:
        # The header's label wrapped under it ("Striving for … environments"
        # / "and Action & Progress Update", samples/text/000_…-browser-layout;
        # "… environments and Action &" / "Progress Update", the rest of the
        # label, tests/fixtures/portrait/v003_000-portrait-layout line 232).
        title = cell_text(cells, cols.action)
        return bool(title or cell_text(cells, cols.outcomes)) and not (
            after_header and title and ACTION_LABEL.search(f"{header} {title}")
        )
    if _leading_label(cells, cols) is not None or not cell_text(cells, cols.action):
        return False
    if goes_on(cells, open_.rows, cols.action, cols.outcomes):
        return False
    if after_header or cell_text(cells, cols.outcomes):
        return True
    if cols.progress is not None:
        # A title with its own progress or marks is the next action (a Cabinet report
        # layout "Key Actions | Lead Officer | Progress | Q1 …": one action a row); a
        # title alone is the open action's title wrapped onto another line.
        return bool(cell_text(cells, cols.progress) or marks_of(cells, cols.ratings))
    last = open_.last_quarter
    if last is None:
        # No quarter label to go by: where each row is a printed row whole
        # (not a `-layout` or reading-order text's line), a row that prints
        # another cell beside its title ("Action | Lead Officer | Q1 | Q2")
        # and rates a quarter the action above rated is the next action; a
        # title alone is the open one's wrapped.
        return whole_rows and _rated_again(cells, cols, open_)
    # The quarter sequence restarting means a new action: samples/000 line 78 is
    # followed by "Quarter 1 – …" after the cemetery action's "Quarter 4".
    inner = _inner_label(cells, cols)
    if inner is not None:
        return inner <= last
    following = _leading_label(nxt, cols) if nxt is not None else None
    return following is not None and min(following) <= last


# Why an action table's lines were left unread (`parse`).
PROSE_LABEL = (
    "action not read: its table ends in prose with a quarter label, which may "
    "go on with its text, so its quarters cannot be told"
)
AFTER_UNREAD = (
    "action table rows not read: they follow a row whose cells could not be "
    "told apart, so which action they go on with cannot be told"
)
MARKS_BEFORE = (
    "rating marks not read: they are printed above the first action of their "
    "table, apart from any action's title, so which action they rate cannot be told"
)


WORDED_RATING = (
    "text in a quarter's rating column, read neither as that quarter's rating "
    "nor as its progress: {}"
)
QUOTED_CHARS = 40
# The fewest words of a rating column's cell that make it text, not a label
# printed into the column ("No Rating", "Not due", "Not Yet Due").
WORDED_CELL_WORDS = 3


def _worded_ratings(
    row: Row, cells: Sequence[Cell], cols: Columns
) -> Iterator[tuple[int, int, str]]:
    """The row's lines and why, where a cell of its rating columns prints
    text rather than a mark ("12 homes completed at Moss Road"): the first
    such cell quoted."""
    for column, quarter in sorted(cols.ratings.items()):
        if 0 <= column < len(cells):
            text = cells[column].flat
            words = len(text.split())
            label = (
                words == WORDED_CELL_WORDS
                and not any(ch.isdigit() for ch in text)
                and status_category(text) is not None
            )
            if words >= WORDED_CELL_WORDS and not label and not holds_symbol(text):
                said = f'{quarter} "{text[:QUOTED_CHARS]}"'
                yield row.line_start, row.line_end, WORDED_RATING.format(said)
                return


def parse(
    doc: Document,
    ctx: Context,
    unread: list[tuple[int, int, str]] | None = None,
) -> list[Draft]:
    """Every action of every action table in the document, in document order.

    The first and last line of each run of action rows left unread, and why,
    go to `unread`: an action whose table ends in prose with a quarter label,
    rating marks printed before the table's first action, and the rows of a
    table after a row the reader left unread (`_lost_after`; that row is the
    reader's to report)."""
    drafts: list[Draft] = []
    lost = unread if unread is not None else []
    # A TAB export's or a PDF's rows are printed rows whole; a `-layout` or
    # reading-order text's may be one line of a row.
    whole = doc.text_form in (None, "tab")
    latest = ctx.quarters[-1] if ctx.quarters else None
    cols: Columns | None = None
    start, after_header, header = 0, False, ""
    open_: Open | None = None
    # (row left unread, its table's header row) of each table such a row ends.
    ended: list[tuple[int, int]] = []
    headers = rows_with(doc.rows, HEADER_WORDS)
    for i, row in enumerate(doc.rows):
        if i in headers and (found := columns_of(row, latest)) is not None:
            # A repeated header (a page break) may be followed by the open
            # action's next quarter, so the open action stays open; a header
            # with other columns starts another table.
            if open_ is not None and found != open_.cols:
                drafts.extend(_drafted(open_))
                open_ = None
            cols, start, after_header = found, i, True
            header = cell_text(logical_cells(row), cols.action)
            continue
        if cols is None:
            continue
        if ends_table(row, i, start, ctx, by_theme=True):
            if open_ is not None and not labelled_prose(doc.rows, i):
                drafts.extend(_drafted(open_))
            elif open_ is not None:
                span = (open_.rows[0].line_start, open_.rows[-1].line_end)
                lost.append((*span, PROSE_LABEL))
            ended += [(i, start)] if row.unread else []
            cols, open_ = None, None
            continue
        if not row.flat and not any(c.raw.strip() for c in row.cells):
            continue
        cells = logical_cells(row)
        if _starts_action(
            cells, _next_filled(doc.rows, i), cols, open_, after_header, header, whole
        ):
            if open_ is not None:
                drafts.extend(_drafted(open_))
            open_ = Open(row_index=i, cols=cols)
        after_header = False
        if open_ is None:
            if _marks((row,), cols):
                lost.append((row.line_start, row.line_end, MARKS_BEFORE))
            continue
        lost.extend(_worded_ratings(row, cells, cols))
        q = last_quarter(cell_text(cells, cols.action))
        open_ = replace(
            open_,
            rows=(*open_.rows, row),
            last_quarter=open_.last_quarter if q is None else q,
        )
    if open_ is not None:
        drafts.extend(_drafted(open_))
    lost.extend(_lost_after(doc, ctx, ended, headers, latest))
    return drafts


def _lost_after(
    doc: Document,
    ctx: Context,
    ended: Sequence[tuple[int, int]],
    headers: Collection[int],
    latest: str | None,
) -> Iterator[tuple[int, int, str]]:
    """The lines of each table's rows after a row the reader left unread
    (`ended`: that row and the table's header row), up to another header or
    what ends a table (`ends_table`; rows left unread go on with it): not
    read, since which action they go on with cannot be told, but reported."""
    rows = doc.rows
    for unread_at, header in ended:
        lines: list[int] = []
        for i in range(unread_at + 1, len(rows)):
            row = rows[i]
            if i in headers and columns_of(row, latest) is not None:
                break
            if row.unread:
                continue
            if ends_table(row, i, header, ctx, by_theme=True):
                break
            if row.flat or any(c.raw.strip() for c in row.cells):
                lines += [row.line_start, row.line_end]
        if lines:
            yield min(lines), max(lines), AFTER_UNREAD


def _next_filled(rows: Sequence[Row], i: int) -> tuple[Cell, ...] | None:
    for row in rows[i + 1 :]:
        if row.unread:
            return None
        if row.flat:
            return logical_cells(row) if row.tabbed else None
    return None


def _split_title(paras: list[Para]) -> tuple[str, list[Para]]:
    """The action title (first paragraph, up to a quarter label) and what follows."""
    first, rest = paras[0], paras[1:]
    m = LABEL.search(first.text, 1)
    if m is None:
        return first.text, rest
    head = first.text[: m.start()].strip()
    tail = Para(first.text[m.start() :], first.page, first.line_start, first.line_end)
    return head, [tail, *rest]


def _title_of(paras: list[Para]) -> tuple[str, list[Para]]:
    """A title column's text up to its first quarter label, and what follows.

    A title with its own column may wrap over several lines, all of it title.
    """
    for i, para in enumerate(paras):
        if leading_quarters(para.text) is not None:
            return " ".join(p.text for p in paras[:i]), paras[i:]
        if (m := LABEL.search(para.text, 1)) is not None:
            head = Para(para.text[: m.start()].strip(), *_where(para))
            tail = Para(para.text[m.start() :], *_where(para))
            title = " ".join(p.text for p in (*paras[:i], head) if p.text)
            return title, [tail, *paras[i + 1 :]]
    return " ".join(p.text for p in paras), []


def _where(para: Para) -> tuple[int | None, int, int]:
    return para.page, para.line_start, para.line_end


def _marks(rows: Sequence[Row], cols: Columns) -> tuple[Mark, ...]:
    return tuple(m for row in rows for m in marks_of(logical_cells(row), cols.ratings))


def _drafted(open_: Open) -> list[Draft]:
    """The open action as a draft; none when it has no action text to name it."""
    cols = open_.cols
    paras = paragraphs(open_.rows, cols.action)
    if cols.progress is not None:
        title, rest = _title_of(paras)
        rest += paragraphs(open_.rows, cols.progress)
    else:
        title, rest = _split_title(paras) if paras else ("", [])
    if not title:
        # A row with only Outcomes text, or only a nested table's copy, names
        # no action; its lines stay unclaimed, so coverage reports them.
        return []
    outcomes = " ".join(
        t for row in open_.rows if (t := cell_text(logical_cells(row), cols.outcomes))
    )
    progress = " ".join(p.text for p in rest)
    first = open_.rows[0]
    return [
        Draft(
            kind="action",
            row_index=open_.row_index,
            title=title,
            outcomes=outcomes or None,
            approach=None,
            key_project=None,
            progress=progress or None,
            page=first.page,
            line_start=first.line_start,
            line_end=open_.rows[-1].line_end,
            texts=quarter_texts(rest),
            marks=_marks(open_.rows, cols),
        )
    ]
