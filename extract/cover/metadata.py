"""What a report says about itself: title, type, year, quarters, meeting,
publisher and cover sheet.

The cover-sheet fields are read by `cover_sheet`, the meeting and its date by
`meeting`; this module decides what kind of paper it is and which period it
covers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from extract.cover.cover_sheet import ITEM_NUMBER, SECTION_START, CoverSheet, read_cover
from extract.cover.cover_values import title_case
from extract.cover.meeting import (
    AgendaItem,
    agenda_item,
    committee,
    date_of_line,
    heading_meeting,
    meeting_date,
)
from extract.cover.publisher import publisher
from extract.cover.report_period import (
    TITLE_HEADINGS,
    TITLE_WORDS,
    opening_text,
    report_period,
)
from extract.document import Document
from extract.records import IssueRow
from normalise.years import (
    financial_year,
    financial_years_in,
)

HEADING_CHARS = 200
# Numbered section headings of committee reports are not titles.
NUMBERED = re.compile(r"^-?\s*\d+(?:\.\d+)+\s")
SECTION = re.compile(
    r"^(?:\d[\d.]*\s*)?(?:purpose of report|report detail|"
    r"recommendations?|key issues|appendix)",
    re.IGNORECASE,
)
TITLE_BLOCK_ROWS = 3
# Headings the report type is read from; its title, meeting and quarters are
# read from fewer (TITLE_HEADINGS, HEAD_ROWS, QUARTER_HEADINGS).
TYPE_HEADINGS = 60
PAGE_NUMBER_LINE = re.compile(r"^\s*(?:page\s+)?\d{1,3}\s*$", re.IGNORECASE)
# A sentence ending inside a block: prose, not a title ("… is attached as
# Appendix A. 6").
SENTENCE_BREAK = re.compile(r"[a-z)]\.(?:\s|$)")
# A meeting heading or a date is no title ("CABINET 14 MARCH 2017").
DATED = re.compile(r"\d{4}$")
# What a performance report calls itself ("… Performance Report", "…
# Performance Scorecard"), and the spans of a year it reports on.
REPORT_NAMES = r"report|update|monitoring|digest|scorecard|dashboard|summary"
SPANS = r"Q[1-4]|mid[\s-]year|half[\s-]year|year[\s-]end|end\s+of\s+year|annual"
# What a cover report on performance calls itself: "Quarter 3 Performance
# Report", "Performance Monitoring", "Best Value Performance Indicator Outturn".
PERFORMANCE_SUBJECT = re.compile(
    rf"performance\s+(?:{REPORT_NAMES}|indicators?|outturn|information"
    r"|management|review)"
    rf"|(?:quarter\s*\w+|{SPANS})\s+performance"
    # "Money Matters and Performance – Quarter 2 2017/18"
    r"|performance\s*[-\u2013:]\s*(?:quarter\s+\w+|Q[1-4]\b)",
    re.IGNORECASE,
)
PLAN_UPDATE = re.compile(r"priority delivery plan|\bPDP\b", re.IGNORECASE)
# What a standalone performance report's title dates it by: a quarter, a
# year, a month's period, a span of months.
REPORT_PERIOD_WORDS = re.compile(
    r"\bquarter\b|\bQ[1-4]\b|\b20\d\d\b|\bperiod\s+\d|\b(?:mid|half)[\s-]year"
    r"|\byear[\s-]end\b|\bannual\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct"
    r"|nov|dec)[a-z]*\b",
    re.IGNORECASE,
)
# Papers whose titles speak of performance but report on something else:
# another kind of performance, named before the word ("Financial
# Performance", "Treasury Management Performance Report", "Capital Programme
# Performance Update"; not "Council Performance Report - Revenue and Capital
# Budget Monitoring"), a business case, a contract; and, with no report's
# name for it, a framework or a system.
OTHER_PERFORMANCE = re.compile(
    r"\b(?:financial|finance|budget(?:ary)?|revenue|capital|treasury|investment"
    r"|pension|fund)\b(?:(?![-\u2013\u2014:]).)*?\bperformance\b",
    re.IGNORECASE,
)
OTHER_PAPER = re.compile(r"\b(?:business\s+case|procurement|contract)\b", re.IGNORECASE)
OTHER_SUBJECT = re.compile(r"\b(?:framework|system|policy|strategy)\b", re.IGNORECASE)
# A report's name for a performance report.
PERFORMANCE_REPORT = re.compile(
    rf"performance\s+(?:{REPORT_NAMES})"
    rf"|(?:quarter\s+\w+|{SPANS}|quarterly)\s+performance\s+(?:report|review|update)",
    re.IGNORECASE,
)
# "This report is the second quarterly report to update Cabinet on key areas of
# Partnership work", "Partnership Update".
PARTNERSHIP_UPDATE = re.compile(
    r"partnership\s+update|quarterly\s+(?:update\s+)?report[^.]{0,120}partnership",
    re.IGNORECASE,
)
# The lines a text's first page header may take.
HEADER_LINES = 3
# The cover fields `documents` prints; others ("telephone") only bound them.
COVER_COLUMNS = (
    "report_of",
    "contact_officer",
    "portfolio",
    "key_decision",
    "report_track",
    "item_number",
)


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
    # The printed line of each cover field, for `inspect`.
    lines: dict[str, int] = field(default_factory=dict)
    # `ambiguous_field`: a cover-sheet label whose value no boundary ends.
    issues: tuple[IssueRow, ...] = ()


def _headings(doc: Document, sheet: CoverSheet) -> list[tuple[int, str]]:
    """Short prose rows with their index in `doc.rows`: where titles are printed.
    A cover row split at its labels stands as the text no label claimed. The
    first `TYPE_HEADINGS` only: no reader looks further."""
    heads: list[tuple[int, str]] = []
    for i, r in enumerate(doc.rows):
        if len(heads) == TYPE_HEADINGS:
            break
        if (
            not r.tabbed
            and r.flat
            and len(r.flat) <= HEADING_CHARS
            and i not in sheet.split_rows
            and (doc.text_form != "plain" or not _continues(doc, i))
        ):
            heads.append((i, r.flat))
    heads += [(p.row, p.text) for p in sheet.pieces if len(p.text) <= HEADING_CHARS]
    return sorted(heads, key=lambda h: h[0])[:TYPE_HEADINGS]


def _continues(doc: Document, i: int) -> bool:
    """A row that goes on with the sentence of the row above it: in
    reading-order text a wrapped paragraph prints one row a line, and such a
    row ("affordable rent by the Council. … at the end of Q4 …") is no heading."""
    before = doc.rows[i - 1].flat if i > 0 else ""
    text = doc.rows[i].flat
    return bool(before) and text[:1].islower()


def cover_sheet(doc: Document) -> dict[str, str]:
    """Cover-sheet fields printed at the top of the report, by contract column."""
    return read_cover(doc).values


def title_blocks(
    doc: Document, stops: frozenset[int] = frozenset()
) -> Iterator[tuple[int, str]]:
    """Short prose lines set apart by blank lines, a title split over up to
    `TITLE_BLOCK_ROWS` lines joined: "Community Safety Priority Delivery Plan" /
    "2014-15 Quarter 3 Performance Update". Rows, not line numbers: a PDF numbers
    its lines from each page's top. Rows in `stops` (cover-sheet labels, the
    meeting heading) end a block and are no part of one. In printed order, read
    only as far as a caller takes them (a title is among the first few)."""
    found = False
    run: list[int] = []
    for i, row in enumerate([*doc.rows, None]):
        if row is not None and PAGE_NUMBER_LINE.match(row.flat):
            continue  # a page number printed between a title's lines
        if row is not None and not row.tabbed and row.flat and i not in stops:
            run.append(i)
            continue
        if len(run) > TITLE_BLOCK_ROWS and not found:
            # The report's first line, run on into the cells of a table printed
            # in reading order ("… PDP 2018-19 - Environment, …" / "Quarter Four
            # (1 January 2019" / …): a title alone.
            run = run[:1]
        texts = [doc.rows[k].flat for k in run]
        if (
            run
            and len(run) <= TITLE_BLOCK_ROWS
            and all(len(t) <= HEADING_CHARS for t in texts)
            and not SENTENCE_BREAK.search(" ".join(texts))
        ):
            found = True
            yield run[0], " ".join(texts)
        run = []


def _title(
    doc: Document, sheet: CoverSheet, heads: list[tuple[int, str]]
) -> str | None:
    # A meeting heading, a date and the report's first numbered section
    # heading ("1 Purpose of Report", not "Appendix A." ending a sentence) each
    # end a block: a cover printed without blank lines runs its title on into
    # the report.
    stops = sheet.split_rows | {
        i
        for i, t in heads[:TITLE_HEADINGS]
        if heading_meeting(t) or date_of_line(t) or SECTION_START.match(t)
    }
    # "Title: Quarter 4 Performance Report 2017/18" on the cover sheet first.
    field = [(-1, t) for t in [sheet.get("title")] if t]
    candidates = (
        field
        + list(islice(title_blocks(doc, stops), TITLE_HEADINGS))
        + [(p.row, p.text) for p in sheet.pieces if not DATED.search(p.text)]
    )
    blocks = [
        (n, t)
        for n, t in sorted(candidates, key=lambda c: c[0])
        if not SECTION.match(t) and not NUMBERED.match(t) and not t.endswith(".")
    ]
    for _, text in blocks:
        if financial_years_in(text) and TITLE_WORDS.search(text):
            return text
    for _, text in blocks:
        if TITLE_WORDS.search(text) and not text[:1].isdigit():
            return text
    return None


def _report_type(
    opening: str,
    heads: list[tuple[int, str]],
    title: str | None,
    meeting: str | None,
    sheet: CoverSheet,
) -> str:
    """A cover report on performance to a meeting, a plan's performance update, a
    partnership update, or another council paper (a business case, a budget)."""
    text = " ".join([*(t for _, t in heads[:TYPE_HEADINGS]), sheet.get("title") or ""])
    cover = any(f.name != "title" for f in sheet.fields)
    if (meeting or cover) and PERFORMANCE_SUBJECT.search(text):
        return "committee_performance_report"
    if title and PLAN_UPDATE.search(title):
        return "pdp_performance_update"
    if PARTNERSHIP_UPDATE.search(opening) or (
        title and PARTNERSHIP_UPDATE.search(title)
    ):
        return "partnership_update"
    if title and _performance_report(title):
        # A council's performance report printed on its own ("Quarter 3
        # Performance Report 2018/19"): a plan's update's kind of paper, grids
        # and actions by quarter, to no meeting.
        return "pdp_performance_update"
    return "other"


def _performance_report(title: str) -> bool:
    """A title of a report on the council's performance: a report's name for
    it ("Corporate Performance Scorecard", "Council Performance Report
    Quarter 2 … - Revenue and Capital Budget Monitoring"), or its subject
    (`PERFORMANCE_SUBJECT`) and a period or year; not another paper's
    ("Financial Performance Report", "Pension Fund Investment Performance",
    "Business Case: …", "Performance Management Framework 2018-2021")."""
    if OTHER_PERFORMANCE.search(title) or OTHER_PAPER.search(title):
        return False
    if PERFORMANCE_REPORT.search(title):
        return True
    return (
        PERFORMANCE_SUBJECT.search(title) is not None
        and REPORT_PERIOD_WORDS.search(title) is not None
        and OTHER_SUBJECT.search(title) is None
    )


def _ambiguous(doc: Document, sheet: CoverSheet) -> tuple[IssueRow, ...]:
    """`ambiguous_field` for each value no boundary ends and each run of labels
    whose values could not be paired with them."""
    said = [
        (f, f'cover-sheet field {f.name} "{f.value}…" runs on with no label, '
         "heading or section to end it; left empty")
        for f in sheet.unbounded
    ] + [
        (f, f"{f.value} cover-sheet labels printed apart from their values, "
         "with more value lines than labels and no telling which wrapped: "
         "left empty")
        for f in sheet.apart
    ]  # fmt: skip
    return tuple(
        IssueRow.at("ambiguous_field", doc, f.line, message, page=f.page)
        for f, message in said
    )


def read_metadata(doc: Document) -> Metadata:
    sheet = read_cover(doc)
    heads = _headings(doc, sheet)
    # Read for the report type and the period it covers.
    opening = opening_text(doc)
    cover = sheet.values
    lines = {f.name: f.line for f in reversed(sheet.fields)}
    if "item_number" not in cover and (printed := _item_in_header(doc)):
        cover["item_number"], lines["item_number"] = printed
    agenda = agenda_item(doc)
    if agenda is not None:
        # An agenda front sheet: the paper is its performance item, at the
        # meeting the councillors are summoned to.
        if agenda.report_of:
            cover["report_of"] = agenda.report_of
            lines["report_of"] = agenda.line
        title: str | None = agenda.title
    else:
        title = _title(doc, sheet, heads)
    meeting = _meeting(agenda, heads, cover, doc)
    report_date = _meeting_date(agenda, heads, cover)
    report_type = (
        "committee_performance_report"
        if agenda is not None
        else _report_type(opening, heads, title, meeting, sheet)
    )
    if agenda is not None:
        heads = [(0, agenda.title)]
    fy, quarters, named = report_period(doc, report_type, title, heads, opening)
    organisation, code = publisher(doc)
    return Metadata(
        title=title,
        report_type=report_type,
        organisation=organisation,
        financial_year=fy,
        quarters=quarters,
        named_quarters=named,
        report_date=report_date,
        committee=meeting,
        cover={k: v for k, v in cover.items() if k in COVER_COLUMNS},
        organisation_code=code,
        lines={k: v for k, v in lines.items() if k in COVER_COLUMNS},
        issues=_ambiguous(doc, sheet),
    )


def _item_in_header(doc: Document) -> tuple[str, int] | None:
    """The agenda item a paper's page header numbers ("ITEM NO. 7.1" over
    the cover, "ITEM NO. 7.2" over the next page): the first page's. The
    layout stage takes such a line for a running header, no row."""
    for text in doc.letterhead:
        if m := ITEM_NUMBER.match(text.strip()):
            return m["n"], 1
    for n, text in enumerate(doc.lines[:HEADER_LINES], start=1):
        if m := ITEM_NUMBER.match(text.strip()):
            return m["n"], n
    return None


def _meeting(
    agenda: AgendaItem | None,
    heads: list[tuple[int, str]],
    cover: dict[str, str],
    doc: Document,
) -> str | None:
    if agenda is not None and agenda.committee:
        return agenda.committee
    return committee(heads, cover, doc)


def _meeting_date(
    agenda: AgendaItem | None, heads: list[tuple[int, str]], cover: dict[str, str]
) -> date | None:
    if agenda is not None and agenda.meeting_date:
        return agenda.meeting_date
    return meeting_date(heads, cover)


def key_decision(raw: str | None) -> bool | None:
    if raw is None:
        return None
    word = raw.strip().lower()
    return True if word.startswith("yes") else False if word.startswith("no") else None


__all__ = ["Metadata", "read_metadata", "key_decision", "financial_year", "title_case"]
