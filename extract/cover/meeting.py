"""The meeting a council paper goes to, and its date.

- A meeting heading: "COMMUNITY SAFETY SCRUTINY COMMITTEE" over "3rd DECEMBER
  2015" (samples/003 lines 10-11), mixed case over a weekday ("Policy and
  Resources Committee" / "Tuesday 9th November 2016"), or both on one line in a
  flattened sheet ("CABINET 14 MARCH 2017").
- A report track ("Community Safety Scrutiny Committee 03/12/15", "Cabinet:
  14/03/17"), a "Date:" or "Meeting:" label, or whom the report recommends to.
- An agenda front sheet: the civic-centre address, "Please ask for: …", the
  letter's date, "Dear Councillor", the meeting ("CABINET" / "THURSDAY, 16 MARCH
  2017 AT 4:00 P.M.") and numbered items, one of them the performance report
  ("7. Quarter 3 Performance Report 2016-17 — Report of the Head of Governance
  (Enclosure 7.1)"). Its meeting is the one the councillors are summoned to: not
  the letter's date, nor the date of a meeting whose minutes it lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from extract.cover.cover_sheet import MEETING_HEADING
from extract.cover.cover_values import DATE, PROSE_END, squash, title_case
from extract.document import Document
from normalise.dates import parse_date
from schemas.organisations import by_name

HEAD_ROWS = 20
NUMERIC_DATE = re.compile(r"(?<![\d/.])(\d{1,2}[/.]\d{1,2}[/.]\d{2,4})(?![\d/.]?\d)")
# A date line as printed under a meeting heading: "3rd DECEMBER 2015", "Tuesday
# 9th November 2016", "THURSDAY, 16 MARCH 2017 AT 4:00 P.M.", "4:00 P.M.,
# THURSDAY, 16 MARCH 2017", "14.01.15".
TIME = r"(?:at\s+)?\d{1,2}(?:[:.]\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)"
DATE_LINE = re.compile(
    rf"^(?:{TIME},?\s+)?(?P<date>.+?)(?:,?\s+{TIME})?\.?$", re.IGNORECASE
)
# A meeting's weekday (councils meet on working days).
WEEKDAY = r"(?:mon|tues|wednes|thurs|fri)day"
# "Overview and Scrutiny", "Audit & Governance": a meeting's name before its
# last word.
NAME_WORDS = r"(?:(?:(?-i:[A-Z])[A-Za-z&',-]*|and|of|for|&)\s+){0,6}?"
MEETING_NAME = re.compile(
    rf"^(?:the\s+)?{NAME_WORDS}(?:cabinet|council|committee|"
    r"sub-committee|board|panel|executive|scrutiny)$",
    re.IGNORECASE,
)
# "Overview and Scrutiny Committee 13th June 2012": name and date on one line.
NAMED_MEETING = re.compile(
    rf"^(?P<body>(?:the\s+)?{NAME_WORDS}(?:cabinet|council|committee|"
    # "Scrutiny" alone, right before its date ("Scrutiny 6th October 2014"),
    # not the "Scrutiny" of "Overview and Scrutiny Committee".
    r"sub-committee|board|panel|executive|"
    rf"scrutiny(?=\s*[-\u2013,:]?\s+(?:\d|{WEEKDAY}))))"
    r"\s*[-\u2013,:]?\s+(?P<when>.+)$",
    re.IGNORECASE,
)
# A meeting date is printed with its weekday or its time; a letter's is not.
WEEKDAY_OR_TIME = re.compile(rf"\b{WEEKDAY}\b|{TIME}", re.IGNORECASE)
RECOMMENDED_TO = re.compile(r"recommended\s+that\s+(?:the\s+)?([A-Z][A-Za-z ]+?)\s*:")
DEAR = re.compile(r"^dear\s+(?:councillor|member|sir)", re.IGNORECASE)
AGENDA_ROWS = 150
AGENDA_ITEM = re.compile(r"^(?P<n>\d{1,2})\.?\s+(?P<title>[A-Z].*)$")
PERFORMANCE_ITEM = re.compile(
    r"performance\s+(?:report|update|monitoring|indicators?|outturn)"
    r"|(?:quarter|Q[1-4]\b|mid[\s-]year|year[\s-]end)[^.]{0,30}performance",
    re.IGNORECASE,
)
ITEM_REPORT_OF = re.compile(
    r"(?:^|\s[-\u2013\u2014]\s|\s)(?:joint\s+)?report\s+of\s+(?:the\s+)?",
    re.IGNORECASE,
)
ITEM_TAIL = re.compile(r"\s*(?:[-\u2013\u2014]\s*$|\(enclosure[^)]*\)\.?)", re.I)
ITEM_ROWS = 3


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """The performance report on an agenda front sheet and its meeting."""

    committee: str | None
    meeting_date: date | None
    number: str
    title: str
    report_of: str | None
    line: int


# The title, the meeting and its date are each read from the same headings.
@lru_cache(maxsize=4096)
def date_of_line(text: str) -> date | None:
    """The date a line consists of, weekday and time allowed."""
    m = DATE_LINE.match(text.strip())
    if not m:
        return None
    d = DATE.fullmatch(m["date"].strip(" ,"))
    return parse_date(d["date"]) if d else None


@lru_cache(maxsize=4096)
def heading_meeting(text: str) -> tuple[str, date] | None:
    """ "CABINET 14 MARCH 2017" -> ("Cabinet", 2017-03-14); "Audit Committee
    - 3rd June 2015" -> ("Audit Committee", 2015-06-03)."""
    if m := NAMED_MEETING.match(text):
        if day := date_of_line(m["when"]):
            body = _without_council(m["body"])
            return (title_case(body) if body.isupper() else body), day
    m = MEETING_HEADING.search(text)
    if not m or (d := DATE.search(m["when"])) is None:
        return None
    found = parse_date(d["date"])
    return (title_case(_without_council(m["body"])), found) if found else None


def _without_council(body: str) -> str:
    """A meeting's name without the council's printed before it: "CANNOCK
    CHASE COUNCIL CABINET" (a flattened cover runs the two headings together)
    is the Cabinet; "Council" alone, or "Council Tax Committee", is a name."""
    words = body.split()
    for k in range(1, len(words)):
        if by_name(" ".join(words[:k])) is not None:
            return " ".join(words[k:])
    return body


def _over_date(heads: list[tuple[int, str]], k: int) -> date | None:
    """The date printed on the line (or two) under heading `k`."""
    i = heads[k][0]
    for j in (k + 1, k + 2):
        if j < len(heads) and heads[j][0] <= i + 2:
            if d := date_of_line(heads[j][1]):
                return d
    return None


def meeting_date(heads: list[tuple[int, str]], cover: dict[str, str]) -> date | None:
    """The meeting's date: under or beside its heading, with its weekday or time,
    a "Date:" label, a line of its own that is not a letter's, the report track."""
    top = heads[:HEAD_ROWS]
    for k, (_, text) in enumerate(top):
        if found := heading_meeting(text):
            return found[1]
        if MEETING_NAME.match(text) and (d := _over_date(top, k)):
            return d
    for _, text in top:
        if WEEKDAY_OR_TIME.search(text) and (d := date_of_line(text)):
            return d
    if (raw := cover.get("date")) and (d := parse_date(raw)):
        return d
    for k, (_, text) in enumerate(top):
        after = top[k + 1][1] if k + 1 < len(top) else ""
        if (d := date_of_line(text)) and not DEAR.match(after):
            return d
    if track := cover.get("report_track"):
        if m := NUMERIC_DATE.search(track):
            return parse_date(m[1])
    return None


def committee(
    heads: list[tuple[int, str]], cover: dict[str, str], doc: Document
) -> str | None:
    """The meeting a report goes to: its report track less the date ("Cabinet
    18/06/14"; the first of two, "Cabinet 13/06/19 Council 26/06/19"), a
    "Meeting:" label, a meeting heading over or beside its date, the final
    decision-maker, or whom it recommends to ("recommended that Cabinet:")."""
    if track := cover.get("report_track"):
        # Of the meetings a track names ("Cabinet 13/06/19 Council 26/06/19"),
        # the one the paper's heading names, else the first: the one the
        # report goes to now.
        names = _track_meetings(track)
        heading = _heading_name(heads[:HEAD_ROWS])
        named = _named_by(names, heading) if heading else None
        name = named or (names[0] if names else DATE.sub("", track).strip(" -\u2013,:"))
        if name:
            return title_case(name) if name.isupper() else name
    if printed := cover.get("meeting"):
        return title_case(printed) if printed.isupper() else printed
    top = heads[:HEAD_ROWS]
    for k, (_, text) in enumerate(top):
        if found := heading_meeting(text):
            return found[0]
        if text.isupper() and (text.strip().endswith("COMMITTEE")):
            return title_case(text)
        if MEETING_NAME.match(text) and _over_date(top, k):
            return title_case(text) if text.isupper() else text
    if maker := cover.get("decision_maker"):
        return title_case(maker) if maker.isupper() else maker
    if m := RECOMMENDED_TO.search(" ".join(" ".join(doc.lines[:40]).split())):
        return m[1].strip()
    return None


def _track_meetings(track: str) -> list[str]:
    """The meetings a report track names, each before its date ("Cabinet
    13/06/19 Council 26/06/19" -> Cabinet, Council)."""
    names: list[str] = []
    at = 0
    for m in DATE.finditer(track):
        if name := track[at : m.start()].strip(" -\u2013,;:&"):
            names.append(name)
        at = m.end()
    return names


def _named_by(names: list[str], heading: str) -> str | None:
    """The one of a track's meetings the heading names: the same last word
    ("Full Council" and "COUNCIL", "Council" and "MEETING OF THE COUNCIL"),
    and of those, the one sharing most words ("AUDIT COMMITTEE" is the
    "Audit Committee" of "Scrutiny Committee 05/06/19 Audit Committee
    26/06/19"); None where none, or two alike, do."""
    words = heading.casefold().split()
    if not words:
        return None
    scored = sorted(
        (
            (len(set(words) & set(n.casefold().split())), n)
            for n in names
            if n.split() and n.split()[-1].casefold() == words[-1]
        ),
        reverse=True,
    )
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None
    return scored[0][1]


def _heading_name(top: list[tuple[int, str]]) -> str | None:
    """The meeting a paper's heading names ("COUNCIL" over "26th JUNE 2019"),
    not the council's own name printed over it ("CANNOCK CHASE COUNCIL")."""
    for k, (_, text) in enumerate(top):
        if by_name(text) is not None:
            continue
        if found := heading_meeting(text):
            return found[0]
        if MEETING_NAME.match(text) and _over_date(top, k):
            return text
    return None


def agenda_item(doc: Document) -> AgendaItem | None:
    """The performance report listed on an agenda front sheet, if this is one."""
    rows = [(i, r) for i, r in enumerate(doc.rows[:AGENDA_ROWS]) if r.flat]
    dear = next((k for k, (_, r) in enumerate(rows) if DEAR.match(r.flat)), None)
    if dear is None:
        return None
    name, day = _summoned_to([r.flat for _, r in rows[dear + 1 :]])
    for k, (_, row) in enumerate(rows[dear + 1 :], start=dear + 1):
        m = AGENDA_ITEM.match(row.flat)
        if not m or not PERFORMANCE_ITEM.search(m["title"]):
            continue
        following = [
            r.flat
            for _, r in rows[k + 1 : k + 1 + ITEM_ROWS]
            if not AGENDA_ITEM.match(r.flat)
        ]
        title, report_of = _item_parts(" ".join([m["title"], *following]))
        return AgendaItem(name, day, m["n"], title, report_of, row.line_start)
    return None


def _summoned_to(texts: list[str]) -> tuple[str | None, date | None]:
    """The meeting heading after "Dear Councillor" and its date."""
    for k, text in enumerate(texts):
        if found := heading_meeting(text):
            return found
        if MEETING_NAME.match(text):
            for below in texts[k + 1 : k + 3]:
                if WEEKDAY_OR_TIME.search(below) and (d := date_of_line(below)):
                    name = title_case(text) if text.isupper() else text
                    return name, d
    return None, None


def _item_parts(text: str) -> tuple[str, str | None]:
    """ "Quarter 3 Performance Report 2016-17 — Report of the Head of Governance
    (Enclosure 7.1)" -> the title and whose report it is."""
    text = squash(text)
    m = ITEM_REPORT_OF.search(text)
    if not m:
        return ITEM_TAIL.sub("", text).strip(" -\u2013\u2014."), None
    title = text[: m.start()].strip(" -\u2013\u2014.")
    who = text[m.end() :]
    end = PROSE_END.search(who)
    return title, (who[: end.start()] if end else who).strip() or None
