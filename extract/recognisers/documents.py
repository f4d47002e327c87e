"""What a report says about itself: title, type, year, quarters, meeting, cover sheet.

Cover sheets are printed one label a line ("Report of:<TAB>Head of Governance"),
several labels run together ("Report of: Chief Executive Contact Officer: R.
Lamond Telephone No: …") or as upper-case headers ("REPORT OF HEAD OF POLICY
AND PERFORMANCE").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from extract.document import Document
from extract.headers import is_header
from extract.recognisers.publisher import publisher
from normalise.dates import month_number, parse_date
from normalise.years import (
    financial_year,
    financial_year_of,
    financial_years_in,
    quarter_of,
    quarters_in,
    year_to_date,
)

# Cover-sheet labels and the contract column each fills.
COVER_LABELS: tuple[tuple[str, str], ...] = (
    ("report_of", r"report\s+of"),
    ("contact_officer", r"contact\s+officer"),
    ("telephone", r"telephone(?:\s+no\.?)?"),
    ("portfolio", r"portfolio(?:\s+leader|\s+holder)?"),
    ("key_decision", r"key\s+decision"),
    ("report_track", r"report\s+track"),
    ("item_number", r"(?:agenda\s+)?item(?:\s+no\.?|\s+number)?"),
)
LABEL = re.compile(
    r"(?:^|(?<=\s))(?P<label>"
    + "|".join(f"(?P<{name}>{pattern})" for name, pattern in COVER_LABELS)
    + r")\s*:",
    re.IGNORECASE,
)
UPPER_REPORT_OF = re.compile(r"^REPORT OF (?:THE )?(?P<who>[A-Z ,&]+)$")
# "Agenda Item No. 11", "Item 7": the item label without a colon.
ITEM_NO_COLON = re.compile(
    r"^(?:agenda\s+)?item(?:\s+no\.?|\s+number)?\s+(?P<n>\d+(?:\.\d+)?(?:\s*\(\w\))?)$",
    re.IGNORECASE,
)
# A cover sheet sits at the top of a report; a report names its own year there
# or in its purpose (samples/003 line 16); later years are other years' figures.
COVER_LINES = 40
BODY_LINES = 30
HEADING_CHARS = 200
WORDED_DATE = re.compile(
    r"\b(\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\s+\d{4})\b", re.IGNORECASE
)
NUMERIC_DATE = re.compile(r"\b(\d{1,2}[/.]\d{1,2}[/.]\d{2,4})\b")
WEEKDAY = re.compile(r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+", re.IGNORECASE)
# "Q3 Performance Report (October–December 2016)": the months a report covers.
MONTH_SPAN = re.compile(
    r"\b([A-Z][a-z]+)\s*(?:-|\u2013|to)\s*([A-Z][a-z]+)\s+(\d{4})\b"
)
COMMITTEE = re.compile(r"\b((?:[A-Z][a-z]+\s+){1,5}(?:Scrutiny\s+)?Committee)\b")
RECOMMENDED_TO = re.compile(r"recommended\s+that\s+(?:the\s+)?([A-Z][A-Za-z ]+?)\s*:")
# "following the LSP cycle of meetings in November and December 2012"
MEETING_CYCLE = re.compile(
    r"meetings?\s+in\s+([A-Z][a-z]+)(?:\s+and\s+([A-Z][a-z]+))?\s+(\d{4})"
)
TITLE_WORDS = re.compile(r"performance|update|report|\bplan\b|\bPDP\b", re.IGNORECASE)
# Numbered section headings of committee reports are not titles.
NUMBERED = re.compile(r"^-?\s*\d+(?:\.\d+)+\s")
SECTION = re.compile(
    r"^(?:\d[\d.]*\s*)?(?:purpose of report|report detail|"
    r"recommendations?|key issues|appendix)",
    re.IGNORECASE,
)
TITLE_HEADINGS = 40
TITLE_BLOCK_ROWS = 3
PAGE_NUMBER_LINE = re.compile(r"^\s*(?:page\s+)?\d{1,3}\s*$", re.IGNORECASE)
# A sentence ending inside a block: prose, not a title ("… is attached as
# Appendix A. 6").
SENTENCE_BREAK = re.compile(r"[a-z)]\.(?:\s|$)")
# "This report is the second quarterly report to update Cabinet on key areas of
# Partnership work", "Partnership Update".
PARTNERSHIP_UPDATE = re.compile(
    r"partnership\s+update|quarterly\s+(?:update\s+)?report[^.]{0,120}partnership",
    re.IGNORECASE,
)
QUARTER_COLUMN = re.compile(r"^(?:quarter|q)\s*([1-4])(?:\s+rating)?$", re.IGNORECASE)
TITLE_CHARS = 160
QUARTER_HEADINGS = 30
SMALL_WORDS = frozenset({"of", "and", "the", "for", "to", "in", "on"})


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None
    report_type: str
    organisation: str | None
    financial_year: str | None
    # The quarters the report covers, and those its titles name (what an untitled
    # summary grid reports on: "Quarters 1 and 2" -> "Q1-Q2").
    quarters: tuple[str, ...]
    named_quarters: tuple[str, ...]
    report_date: date | None
    committee: str | None
    cover: dict[str, str]
    organisation_code: str | None = None


def title_case(s: str) -> str:
    """ "HEAD OF POLICY AND PERFORMANCE" -> "Head of Policy and Performance"."""
    words = s.lower().split()
    return " ".join(
        w if i and w in SMALL_WORDS else w[:1].upper() + w[1:]
        for i, w in enumerate(words)
    )


def _headings(doc: Document) -> list[tuple[int, str]]:
    """Short prose rows with their index in `doc.rows`: where titles are printed."""
    return [
        (i, r.flat)
        for i, r in enumerate(doc.rows)
        if not r.tabbed and r.flat and len(r.flat) <= HEADING_CHARS
    ]


def cover_sheet(doc: Document) -> dict[str, str]:
    """Cover-sheet fields printed at the top of the report, by contract column."""
    found: dict[str, str] = {}
    rows = [r for r in doc.rows[:COVER_LINES] if r.flat]
    for k_row, row in enumerate(rows):
        text = row.flat
        if m := UPPER_REPORT_OF.match(text):
            found.setdefault("report_of", title_case(m["who"]))
            continue
        if m := ITEM_NO_COLON.match(text):
            found.setdefault("item_number", m["n"])
            continue
        hits = list(LABEL.finditer(text))
        for k, m in enumerate(hits):
            end = hits[k + 1].start() if k + 1 < len(hits) else len(text)
            value = text[m.end() : end].strip(" \t:;-")
            name = next(n for n, _ in COVER_LABELS if m[n])
            if not value and len(hits) == 1 and k_row + 1 < len(rows):
                # "Report of:" with its value on the line below.
                below = rows[k_row + 1].flat
                value = below if not LABEL.search(below) else ""
            if value:
                found.setdefault(name, value)
    return found


def title_blocks(doc: Document) -> list[tuple[int, str]]:
    """Short prose lines set apart by blank lines, a title split over up to
    `TITLE_BLOCK_ROWS` lines joined: "Community Safety Priority Delivery Plan" /
    "2014-15 Quarter 3 Performance Update". Rows, not line numbers: a PDF numbers
    its lines from each page's top."""
    blocks: list[tuple[int, str]] = []
    run: list[int] = []
    for i, row in enumerate([*doc.rows, None]):
        if row is not None and PAGE_NUMBER_LINE.match(row.flat):
            continue  # a page number printed between a title's lines
        if row is not None and not row.tabbed and row.flat:
            run.append(i)
            continue
        texts = [doc.rows[k].flat for k in run]
        if (
            run
            and len(run) <= TITLE_BLOCK_ROWS
            and all(len(t) <= HEADING_CHARS for t in texts)
            and not SENTENCE_BREAK.search(" ".join(texts))
        ):
            blocks.append((run[0], " ".join(texts)))
        run = []
    return blocks


def _title(doc: Document) -> str | None:
    blocks = [
        (n, t)
        for n, t in title_blocks(doc)[:TITLE_HEADINGS]
        if not SECTION.match(t) and not NUMBERED.match(t) and not t.endswith(".")
    ]
    for _, text in blocks:
        if financial_years_in(text) and TITLE_WORDS.search(text):
            return text
    for _, text in blocks:
        if TITLE_WORDS.search(text) and not text[:1].isdigit():
            return text
    return None


def _report_type(doc: Document, title: str | None, committee: str | None) -> str:
    text = " ".join(t for _, t in _headings(doc)[:60])
    if (committee or cover_sheet(doc)) and re.search(
        r"performance (?:report|update)", text, re.IGNORECASE
    ):
        return "committee_performance_report"
    if title and re.search(r"priority delivery plan|\bPDP\b", title, re.IGNORECASE):
        return "pdp_performance_update"
    opening = " ".join(" ".join(doc.lines[:80]).split())
    if PARTNERSHIP_UPDATE.search(opening):
        return "partnership_update"
    return "other"


def _quarters(heads: list[tuple[int, str]], grids: list[str]) -> tuple[str, ...]:
    """Quarters named in the title lines and grid titles, together."""
    found: set[str] = set()
    # Titles, not sentences: "… are due in Quarter 4." names no quarter covered.
    titles = [t for _, t in heads[:QUARTER_HEADINGS] if not t.rstrip().endswith(".")]
    for text in titles + grids:
        found.update(quarters_in(text))
    return tuple(sorted(found))


def _meeting_cycle(doc: Document) -> tuple[str | None, tuple[str, ...]]:
    """Year and quarter of a quarterly report dated only by the meetings it follows."""
    text = " ".join(doc.lines[:80])
    if not re.search(r"quarterly", text, re.IGNORECASE):
        return None, ()
    m = MEETING_CYCLE.search(" ".join(text.split()))
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
        if years := financial_years_in(text):
            return years[0]
    return None


def _span_year(title: str | None) -> str | None:
    """The year of the months a title names ("(October–December 2016)": 2016/17)."""
    m = MONTH_SPAN.search(title or "")
    if not m or (month := month_number(m[2])) is None or month_number(m[1]) is None:
        return None
    return financial_year_of(date(int(m[3]), month, 1))


def _body_year(doc: Document) -> str | None:
    """The first year in the opening lines, where a report states its scope."""
    for line in doc.lines[:BODY_LINES]:
        if years := financial_years_in(line):
            return years[0]
    return None


def _report_date(heads: list[tuple[int, str]], cover: dict[str, str]) -> date | None:
    """The meeting date printed on a line of its own ("3rd DECEMBER 2015",
    "Wednesday 14th January 2015", "14.01.15"), else the report track's."""
    for _, text in heads[:20]:
        line = WEEKDAY.sub("", text.strip())
        m = WORDED_DATE.fullmatch(line) or NUMERIC_DATE.fullmatch(line)
        if m and (d := parse_date(m[1])):
            return d
    if track := cover.get("report_track"):
        if m := NUMERIC_DATE.search(track):
            return parse_date(m[1])
    return None


def _committee(
    heads: list[tuple[int, str]], cover: dict[str, str], doc: Document
) -> str | None:
    """The meeting a report goes to: its report track less the date ("Cabinet
    18/06/14"), an upper-case heading over the meeting date ("CABINET" /
    "18th JUNE 2014"), or whom it recommends to ("recommended that Cabinet:")."""
    if track := cover.get("report_track"):
        name = NUMERIC_DATE.sub("", track).strip(" -\u2013,")
        if name:
            return title_case(name) if name.isupper() else name
    for k, (i, text) in enumerate(heads[:20]):
        if not text.isupper():
            continue
        after = heads[k + 1] if k + 1 < len(heads) else None
        over_date = (
            after is not None
            and after[0] == i + 1
            and WORDED_DATE.fullmatch(after[1].strip()) is not None
        )
        if text.strip().endswith("COMMITTEE") or over_date:
            return title_case(text)
    if m := RECOMMENDED_TO.search(" ".join(" ".join(doc.lines[:40]).split())):
        return m[1].strip()
    return None


def grid_titles(doc: Document) -> list[str]:
    """Titles of summary grids ("Quarter Four (…) Performance"), read for quarters."""
    return [
        r.flat
        for r in doc.rows
        if r.tabbed
        and len(r.filled) == 1
        and re.search(r"\bperformance\b", r.flat, re.IGNORECASE)
        and len(r.flat) < 120
    ]


def column_quarters(doc: Document) -> tuple[str, ...]:
    """Quarters whose columns print something, for a report whose titles name none
    (a grid headed "Quarter 3 | Annual Target" beside a "Q3 Rating" column)."""
    found: set[str] = set()
    columns: dict[int, str] = {}
    for row in doc.rows:
        if not row.flat:
            columns = {}
        elif row.tabbed and is_header(row):
            columns = {
                c.column: f"Q{m[1]}"
                for c in row.filled
                if (m := QUARTER_COLUMN.match(c.flat))
            }
        elif columns:
            found.update(q for col, q in columns.items() if row.text_at(col))
    return tuple(sorted(found))


def read_metadata(doc: Document) -> Metadata:
    heads = _headings(doc)
    cover = cover_sheet(doc)
    committee = _committee(heads, cover, doc)
    title = _title(doc)
    report_type = _report_type(doc, title, committee)
    grids = grid_titles(doc)
    fy = _titled_year(title, heads, grids)
    quarters = _quarters(heads, grids)
    # A quarterly update dated only by the meetings it follows (samples/004: "the
    # LSP cycle of meetings in November and December 2012") covers that quarter,
    # whatever later year its text looks ahead to.
    cycle_year, cycle_quarters = _meeting_cycle(doc)
    if cycle_year and report_type in ("partnership_update", "other"):
        # An update with no title of its own is dated by its meeting cycle.
        fy, quarters = cycle_year, cycle_quarters
    if fy is None:
        fy = cycle_year or _span_year(title) or _body_year(doc)
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
    organisation, code = publisher(doc)
    return Metadata(
        title=title,
        report_type=report_type,
        organisation=organisation,
        financial_year=fy,
        quarters=tuple(sorted(covered)),
        named_quarters=named,
        report_date=_report_date(heads, cover),
        committee=committee,
        cover=cover,
        organisation_code=code,
    )


def key_decision(raw: str | None) -> bool | None:
    if raw is None:
        return None
    word = raw.strip().lower()
    return True if word.startswith("yes") else False if word.startswith("no") else None


__all__ = ["Metadata", "read_metadata", "key_decision", "financial_year", "title_case"]
