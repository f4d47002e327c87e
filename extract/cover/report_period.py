"""The period a report covers: its financial year and quarters.

Read from its title and title-like lines ("Housing PDP 2016-17 Quarter 3
Performance Update"), its summary-grid titles ("Quarter Four (1 January 2019 - 31
March 2019) Performance"), what its opening says it covers ("covering the quarter
ending 31st March 2018"), the meeting cycle a quarterly update follows, and the
quarter columns its grids fill. Another council paper (a business case) takes
its period from its title only.
"""

from __future__ import annotations

import itertools
import re
from datetime import date
from functools import lru_cache

from extract.document import Document, Row
from extract.layout.headers import HEADER_WORDS, is_header
from normalise.counts import DIGIT
from normalise.dates import month_number
from normalise.periods import stated_period, title_quarters, title_years
from normalise.status_rows import period_row, period_row_values, values_line
from normalise.text import may_hold, unmarked
from normalise.years import (
    ALL_QUARTERS,
    financial_year_of,
    financial_years_in,
    quarter_of,
    year_to_date,
)

# A report names its own year in its opening lines (samples/003 line 16); later
# years are other years' figures.
BODY_LINES = 30
# "following the LSP cycle of meetings in November and December 2012"
MEETING_CYCLE = re.compile(
    r"meetings?\s+in\s+([A-Z][a-z]+)(?:\s+and\s+([A-Z][a-z]+))?\s+(\d{4})"
)
TITLE_WORDS = re.compile(
    r"performance|update|report|\bplan\b|\bPDP\b|outturn", re.IGNORECASE
)
QUARTER_COLUMN = re.compile(r"^(?:quarter|q)\s*([1-4])(?:\s+rating)?$", re.IGNORECASE)
# Quarter column labels one after another: a grid's header printed on one
# line ("Quarter 1 Quarter 2 Quarter 3 Quarter 4 Annual Total", "Q3 Rating Q4"),
# no title.
COLUMN_LABELS = re.compile(
    r"\b(?:quarter|q)\s*[1-4](?:\s+rating)?\s+(?:quarter|q)\s*[1-4]\b", re.I
)
# A line that ends on a word no title ends on goes on with its sentence on the
# next line ("… complete at the end of Q4, with works to the").
RUNS_ON = re.compile(
    r"[,;]\s*\S.*\b(?:the|a|an|to|of|and|or|with|in|for|on|at|by|from)\s*$", re.I
)
# One sentence ending and the next beginning: prose run on, no title
# ("Council. The full scheme is still expected to complete at the end of Q4,
# with works to the small Play Area …", where a line ends on no joining word).
SENTENCE_BREAK = re.compile(r"[a-z]\.\s+[A-Z]")
TITLE_CHARS = 160
GRID_TITLE = re.compile(r"\bperformance\b", re.IGNORECASE)
GRID_TITLE_CHARS = 120
TITLE_HEADINGS = 40
QUARTER_HEADINGS = 30
OPENING_LINES = 80


def _quarters(
    title: str | None, heads: list[tuple[int, str]], grids: list[str]
) -> tuple[str, ...]:
    """Quarters named in the title, the title lines and grid titles, together."""
    found: set[str] = set()
    # Titles, not sentences: "… are due in Quarter 4." names no quarter covered.
    # Nor a column label printed alone ("Quarter 3" in reading-order text).
    titles = [
        t
        for t in [title or "", *(t for _, t in heads[:QUARTER_HEADINGS])]
        if not t.rstrip().endswith(".")
        and not HEADER_WORDS.match(" ".join(t.split()))
        and not COLUMN_LABELS.search(t)
        and not RUNS_ON.search(t)
        and not SENTENCE_BREAK.search(t)
        # A -raw grid's row of a period ("Q4 9 (75%) 0 (0%) 3 (25%)"), as
        # the status grids read it, names no quarter the report covers.
        and not period_row(t)
    ]
    for text in titles + grids:
        found.update(_heading_quarters(text))
    return tuple(sorted(found))


def opening_text(doc: Document) -> str:
    """The first `OPENING_LINES` lines, whitespace squashed: where a report says
    what it is and which period it covers."""
    return " ".join(" ".join(doc.lines[:OPENING_LINES]).split())


def _meeting_cycle(opening: str) -> tuple[str | None, tuple[str, ...]]:
    """Year and quarter of a quarterly report dated only by the meetings it
    follows, as its `opening` says."""
    if not may_hold(opening, ("quarterly",)):
        return None, ()
    m = MEETING_CYCLE.search(opening)
    if not m:
        return None, ()
    # The cycle's first month: "September and October 2015" follows Q2's work.
    month = month_number(m[1])
    if month is None:
        return None, ()
    day = date(int(m[3]), month, 1)
    return financial_year_of(day), (quarter_of(day),)


def _titled_year(
    title: str | None, heads: list[tuple[int, str]], grids: list[str]
) -> str | None:
    """The year a title names: the report's title, grid titles, title-like lines."""
    titles = [title or "", *grids]
    titles += [
        t
        for _, t in heads[:TITLE_HEADINGS]
        if TITLE_WORDS.search(t)
        and not t.rstrip().endswith(".")
        and len(t) <= TITLE_CHARS
    ]
    for text in titles:
        if year := _first_title_year(text):
            return year
    return None


# A council's reports print the same headings quarter after quarter ("Purpose of
# Report", "Performance Update"), each read for its quarters and year.
@lru_cache(maxsize=4096)
def _heading_quarters(text: str) -> tuple[str, ...]:
    return title_quarters(text)


@lru_cache(maxsize=4096)
def _first_title_year(text: str) -> str | None:
    years = title_years(text)
    return years[0] if years else None


def _body_year(doc: Document) -> str | None:
    """The first year in the opening lines, where a report states its scope
    (blank lines not counted: reading-order text puts one between every
    line). Where that is a status grid's row of a period, the latest year of
    the grid's rows there that print a figure: a grid prints last year's
    period beside this year's ("Q1 2016/17 | 1 | 3 | 0" over "Q1 2017/18 |
    2 | 2 | 1"), and may print the periods to come empty ("Quarter 1
    2018/19 | - | - | -"). Where none prints one, its first row's year."""
    printed = (" ".join(line.split()) for line in doc.lines if line.strip())
    counted: list[str] = []
    empty: list[str] = []
    for line in itertools.islice(printed, BODY_LINES):
        years = financial_years_in(line)
        if (values := period_row_values(line)) is not None:
            (counted if any(DIGIT.search(v) for v in values) else empty).extend(years)
        elif (counted or empty) and values_line(line):
            continue  # the shares under a row ("% 25% 75% 0%")
        elif counted or empty:
            break
        elif years:
            return years[0]
    return max(counted) if counted else next(iter(empty), None)


def grid_titles(doc: Document) -> list[str]:
    """Titles of summary grids ("Quarter Four (…) Performance"), read for quarters."""
    return [
        r.flat
        for r in doc.rows
        if r.tabbed
        and len(r.filled) == 1
        and len(r.flat) < GRID_TITLE_CHARS
        and GRID_TITLE.search(r.flat)
    ]


def column_quarters(doc: Document) -> tuple[str, ...]:
    """Quarters whose columns print something, for a report whose titles name none
    (a grid headed "Quarter 3 | Annual Target" beside a "Q3 Rating" column)."""
    found: set[str] = set()
    columns: dict[int, str] = {}
    for row in doc.rows:
        if not row.flat:
            columns = {}
        # A header sets the columns read below it; with none set, only a header
        # naming a quarter sets any.
        elif row.tabbed and (columns or _names_a_quarter(row)) and is_header(row):
            columns = {
                c.column: f"Q{m[1]}"
                for c in row.filled
                if (m := QUARTER_COLUMN.match(unmarked(c.flat)))
            }
        elif columns:
            found.update(q for col, q in columns.items() if row.text_at(col))
            if len(found) == len(ALL_QUARTERS):
                break  # nothing more to find
        if columns and found.issuperset(columns.values()):
            # Columns of quarters found already add none: read on as if none
            # were set, so that only a header naming a quarter is tried.
            columns = {}
    return tuple(sorted(found))


def _names_a_quarter(row: Row) -> bool:
    """Whether a cell may be a QUARTER_COLUMN label, which starts with "q" in
    any case: a header row without one leaves no quarter column to read."""
    return any(c.flat[:1] in "qQ" for c in row.filled)


def report_period(
    doc: Document,
    report_type: str,
    title: str | None,
    heads: list[tuple[int, str]],
    opening: str,
) -> tuple[str | None, tuple[str, ...], tuple[str, ...]]:
    """Financial year, quarters covered and quarters named; `opening` is the
    report's `opening_text`."""
    if report_type == "other":
        # Another council paper (samples of railway business cases, budgets) takes
        # its year and quarter from its title only, never from dates in its text;
        # a quarterly paper still follows its meeting cycle.
        years = title_years(title or "")
        quarters = title_quarters(title or "")
        cycle_year, cycle_quarters = _meeting_cycle(opening)
        if not years and cycle_year:
            return cycle_year, cycle_quarters, cycle_quarters
        return (years[0] if years else None), quarters, quarters
    grids = grid_titles(doc)
    fy = _titled_year(title, heads, grids)
    quarters = _quarters(title, heads, grids)
    # "covering the quarter ending 31st March 2018": what the paper says it covers
    # beats the month of the meetings it follows and narrows an end-of-year title.
    stated = stated_period(opening)
    if stated and (fy is None or fy == stated[0]):
        fy = stated[0]
        if not quarters or quarters == ALL_QUARTERS:
            quarters = stated[1]
    # A quarterly update dated only by the meetings it follows (samples/004: "the
    # LSP cycle of meetings in November and December 2012") covers that quarter,
    # whatever later year its text looks ahead to.
    cycle_year, cycle_quarters = (None, ()) if stated else _meeting_cycle(opening)
    if cycle_year and report_type == "partnership_update":
        # An update with no title of its own is dated by its meeting cycle.
        fy, quarters = cycle_year, cycle_quarters
    if fy is None:
        fy = cycle_year or _body_year(doc)
    if not quarters and cycle_year == fy:
        quarters = cycle_quarters
    printed = column_quarters(doc)
    named = quarters or printed
    # A report covers the quarters it prints figures for up to the one it is
    # named for, as samples/002's "Quarter Four" report with its Q1-Q4 columns and
    # "Annual Performance" grid covers Q1-Q4; a "Year to date" grid says so too.
    latest = max(named, default="")
    covered = {*named, *(q for q in printed if q <= latest)}
    for grid in grids:
        covered.update(year_to_date(grid, named))
    return fy, tuple(sorted(covered)), named
