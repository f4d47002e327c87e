"""Cover-sheet fields as councils print them.

- One label a line: "Report of:<TAB>Head of Governance" (samples/003 lines 3-8),
  or the label on its own line and the value on the next non-empty one
  ("Lead Head of Service" / "Jo Bloggs, Head of Policy"; samples/text/003 plain).
- Every label run together on one line, as hosting sites flatten a sheet:
  "ITEM NO. 6.3 Report of: Head of Housing Contact Officer: J. Smith … Report
  Track: Cabinet: 14/03/17 CABINET 14 MARCH 2017 QUARTER 3 PERFORMANCE REPORT
  2016/17 1 Purpose of Report 1.1 …". A value stops at the next label, at the
  meeting heading ("CABINET 14 MARCH 2017"), at an upper-case heading after a
  mixed-case value, or where the report's first numbered section starts.
- Upper case without colons: "ENCLOSURE 16.1", "REPORT OF CHIEF EXECUTIVE".
- Prose: "Report of the Leader of the Council", "Submission by the Cabinet
  Member for Finance".

A value that no boundary ends (a label followed by a page of text) is
returned as `unbounded`, for an `ambiguous_field` issue, never as the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.cover.cover_values import (
    NEXT_MEETING,
    NUMERIC_DATE,
    bound,
    derived,
    squash,
)
from extract.document import Document, Row
from extract.layout.tab_rows import (
    COLUMN_LIKE_LABEL,
    COVER_LABEL,
    JOINING_WORDS,
    is_cover_row_label,
)
from normalise.text import case_blind, may_hold, offsets

# A cover sheet sits at the top of a report.
COVER_ROWS = 40
# How many words a colonless "Portfolio Leader"'s value opening a line has.
BARE_VALUE_WORDS = 6
# How many words the wrapped rest of a "Label: value" row's value can have.
MAX_VALUE_TAIL = 6
# How many lines a value printed apart from its label may wrap over, on
# average.
WRAPPED_LINES = 2
QUOTE_CHARS = 60

# Labels and the field each fills; "boundary" and "clerk" values end the field
# before them and are not contract columns ("Please ask for:" names the clerk
# of an agenda, not a contact officer).
LABELS: tuple[tuple[str, str], ...] = (
    ("item_number", r"(?:agenda\s+)?item(?:\s+no\.?|\s+number)?"),
    (
        "report_of",
        r"report\s+of|report\s+from|report\s+by|lead\s+head\s+of\s+service"
        r"|submitted\s+by",
    ),
    (
        "contact_officer",
        r"contact\s+officer|lead\s+officer\s+and\s+report\s+author|report\s+author"
        r"|lead\s+officer|contact\s+name|officer\s+contact",
    ),
    (
        "telephone",
        r"tel(?:ephone)?(?:\s+no\.?|\s+number)?|extension(?:\s+no\.?)?|direct\s+line"
        r"|contact\s+(?:number|no\.?|tel(?:ephone)?)",
    ),
    ("email", r"e-?mail(?:\s+address)?"),
    (
        "portfolio",
        r"portfolio(?:\s+leader|\s+holder)?|lead\s+member|relevant\s+cabinet\s+member",
    ),
    # "Key Decision:", "Key Decision Required:", "Key Decision (Yes/No):",
    # and the question "Is this a Key Decision?", its mark the colon.
    (
        "key_decision",
        r"(?:is\s+(?:this|it)\s+a\s+)?key\s+decision(?:\s+required)?"
        r"(?:\s*\(\s*yes\s*/\s*no\s*\))?(?:\s*\?(?=\s|$))?",
    ),
    ("report_track", r"report\s+track"),
    ("decision_maker", r"final\s+decision[\s-]+maker"),
    ("date", r"date\s+of\s+meeting|meeting\s+date|date\s+of\s+report|date"),
    ("clerk", r"please\s+ask\s+for|enquiries\s+to|our\s+ref|your\s+ref"),
    (
        "boundary",
        r"classification|wards?\s+affected|ward\(s\)|exempt\s+information|"
        r"appendices|background\s+papers|forward\s+plan",
    ),
    # The report's title as a field ("Report Title:", moderngov's "Title:"
    # and "Subject:"): the title, not a contract column of its own.
    ("title", r"report\s+title"),
)
# Labels too common in prose to be read anywhere but at the start of a line.
LINE_START_LABELS: tuple[tuple[str, str], ...] = (
    ("meeting", r"meeting|committee|report\s+to"),
    ("title", r"subject|title"),
    ("boundary", r"status"),
)


def _alternation(labels: tuple[tuple[str, str], ...], start: int = 0) -> str:
    return "|".join(f"(?P<{n}_{k}>{p})" for k, (n, p) in enumerate(labels, start))


LABEL = re.compile(
    r"(?:^|(?<=\s))(?:" + _alternation(LABELS) + r")(?:\s*:|(?<=\?))", re.IGNORECASE
)
LABEL_AT_START = re.compile(
    r"^(?:" + _alternation(LINE_START_LABELS) + r")\s*:", re.IGNORECASE
)
# The label alone on its line, its value on the next non-empty one.
# A title's label has its colon even so: "Title" alone on a line heads a
# table's column.
_UNTITLED = tuple(label for label in LABELS + LINE_START_LABELS if label[0] != "title")
_TITLES = tuple(label for label in LABELS + LINE_START_LABELS if label[0] == "title")
LABEL_LINE = re.compile(
    r"^(?:(?:" + _alternation(_UNTITLED) + r")\s*:?"
    r"|(?:" + _alternation(_TITLES, len(_UNTITLED)) + r")\s*:)\s*$",
    re.IGNORECASE,
)
# "Portfolio Leader Corporate Improvement": the one label councils print
# without its colon (Cannock Chase's Scrutiny cover of 6 October 2014). Read
# where it opens a row, or among labels that have theirs ("Telephone No: 01543
# 464598 Portfolio Leader Corporate Improvement Key Decision: No"); in prose
# ("… agreed with the Portfolio Leader Housing …") it names no field.
# Not where a word or two and a colon follow: "Portfolio Holder Approval: Yes"
# is a label of its own.
BARE_PORTFOLIO = re.compile(
    r"(?:^|(?<=\s))Portfolio (?:Leader|Holder)(?=\s+[A-Z])"
    r"(?!\s+[^\s:]+(?:\s+[^\s:]+)?\s*:)"
)
# "PORTFOLIO LEADER – POLICY AND RESOURCES" (Cannock Chase's Cabinet cover of
# 19 April 2007): upper case, a dash for its colon. Its own line's value, or,
# run together with the upper-case title after it ("… POLICY AND RESOURCES
# CORPORATE AND PERFORMANCE PLAN"), the words before the title's first
# (`cover_values.bound`).
UPPER_PORTFOLIO = re.compile(
    r"(?:^|(?<=\s))PORTFOLIO (?:LEADER|HOLDER)\s*[-\u2013:](?=\s+[A-Z])"
)
# "ITEM NO. 6.3", "Agenda Item No. 11", "ENCLOSURE 16.1": a number, no colon.
ITEM_NUMBER = re.compile(
    r"^(?:(?:agenda\s+)?item(?:\s+no\.?|\s+number)?|enclosure(?:\s+no\.?)?)\s+"
    r"(?P<n>\d+(?:\.\d+)*(?:\s*\([a-z]\))?)(?![\d.]?\d)",
    re.IGNORECASE,
)
# "REPORT OF CHIEF EXECUTIVE", "REPORT OF THE HEAD OF …": upper case, no colon.
UPPER_REPORT_OF = re.compile(r"(?:^|(?<=\s))REPORT OF(?: THE)?(?=\s+[A-Z]{2})(?!\s*:)")
# "Report of the Leader of the Council", "… report of the Portfolio Holder –
# Corporate Governance", "Submission by the Cabinet Member for Finance".
PROSE_REPORT_OF = re.compile(
    r"(?:^report\s+of\s+(?:the\s+)?|\breport\s+of\s+the\s+|\bsubmission\s+(?:by|from)"
    r"\s+(?:the\s+)?)(?=(?-i:[A-Z]))",
    re.IGNORECASE,
)
# The words every PROSE_REPORT_OF match starts with.
PROSE_WORDS = ("report", "submission")
# 2015", "COUNCIL 25 JUNE 2008": the meeting a flattened sheet repeats.
MEETING_BODIES = (
    "CABINET",
    "COUNCIL",
    "COMMITTEE",
    "SUB-COMMITTEE",
    "BOARD",
    "PANEL",
    "EXECUTIVE",
)
MEETING_BODY = "(?:" + "|".join(MEETING_BODIES) + ")"
MEETING_HEADING = re.compile(
    rf"(?<![A-Za-z])(?P<body>(?:[A-Z][A-Z&'-]*,?\s+){{0,6}}?{MEETING_BODY})"
    rf"(?:\s*[-\u2013,]?\s*|\s+)(?P<when>(?:(?:MON|TUES|WEDNES|THURS|FRI)DAY,?\s+)?"
    rf"(?:\d{{1,2}}(?:ST|ND|RD|TH|st|nd|rd|th)?\s+[A-Z]{{3,9}},?\s+\d{{4}}"
    rf"|{NUMERIC_DATE}))(?![\d/.]?\d)"
)
# Where the report itself starts: "1 Purpose of Report", "1. INTRODUCTION".
SECTION_START = re.compile(
    r"(?<!\S)\d{1,2}(?:\.0)?\.?\s+(?:purpose\s+of\s+(?:the\s+)?report|purpose|introduction|"
    r"executive\s+summary|summary|recommendations?|background|key\s+issues|"
    r"report\s+details?)\b",
    re.IGNORECASE,
)

# A word every SECTION_START match holds: most cover rows hold none.
SECTION_WORDS = (
    "purpose",
    "introduction",
    "summary",
    "recommendation",
    "background",
    "key",
    "report",
)


@dataclass(frozen=True, slots=True)
class Field:
    """A cover-sheet value as printed (whitespace-normalised) and where."""

    name: str
    value: str
    line: int
    page: int | None


@dataclass(frozen=True, slots=True)
class Piece:
    """Text of a cover row that no label claims: a meeting heading or a title.
    `row` is the index in `doc.rows` of the row it was split from."""

    text: str
    row: int


@dataclass(frozen=True, slots=True)
class CoverSheet:
    fields: tuple[Field, ...]
    unbounded: tuple[Field, ...]
    # Unclaimed text of the rows split at their labels, in order.
    pieces: tuple[Piece, ...]
    # Rows split into pieces: their pieces stand for them as headings.
    split_rows: frozenset[int]
    # Labels printed apart from values that could not be paired with them:
    # the first label's line, and how many labels (`value`).
    apart: tuple[Field, ...] = ()

    def get(self, name: str) -> str | None:
        return next((f.value for f in self.fields if f.name == name), None)

    @property
    def values(self) -> dict[str, str]:
        """The first value of each field, by contract column."""
        out: dict[str, str] = {}
        for f in self.fields:
            out.setdefault(f.name, f.value)
        return out


def _label_name(m: re.Match[str]) -> str:
    group = next(k for k, v in m.groupdict().items() if v is not None)
    return group.rsplit("_", 1)[0]


def _hits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, field) of every label in a cover row."""
    # Both label patterns end with a colon (or the question mark of "Is this
    # a Key Decision?"): most rows print none.
    colon = ":" in text or "?" in text
    hits = (
        [(m.start(), m.end(), _label_name(m)) for m in LABEL.finditer(text)]
        if colon
        else []
    )
    if colon and (m := LABEL_AT_START.match(text)):
        hits.append((m.start(), m.end(), _label_name(m)))
    if m := ITEM_NUMBER.match(text):
        hits.append((0, m.start("n"), "item_number"))
    if "REPORT OF" in text:
        hits += [
            (m.start(), m.end(), "report_of") for m in UPPER_REPORT_OF.finditer(text)
        ]
    if not any(name == "report_of" for *_, name in hits):
        if m := prose_report_of(text):
            hits.append((m.start(), m.end(), "prose_report_of"))
    if "Portfolio " in text and not any(name == "portfolio" for *_, name in hits):
        hits += [
            (m.start(), m.end(), "portfolio")
            for m in BARE_PORTFOLIO.finditer(text)
            if hits or (m.start() == 0 and _bare_value(text[m.end() :]))
        ]
    if "PORTFOLIO " in text:
        hits += [
            (m.start(), m.end(), "portfolio" if m.start() == 0 else "upper_portfolio")
            for m in UPPER_PORTFOLIO.finditer(text)
        ]
    hits.sort()
    # One label per place: "Agenda Item No: 9.1" is one label, not two.
    kept: list[tuple[int, int, str]] = []
    for hit in hits:
        if not kept or hit[0] >= kept[-1][1]:
            kept.append(hit)
    return kept


def prose_report_of(text: str) -> re.Match[str] | None:
    """`PROSE_REPORT_OF.search(text)`, tried only where "report" or "submission"
    starts: the case-blind search is slow over the long rows of a table."""
    low = case_blind(text)
    starts = sorted(
        at for word in PROSE_WORDS for at in offsets(low, word.encode("ascii"))
    )
    for at in starts:
        if m := PROSE_REPORT_OF.match(text, at):
            return m
    return None


def _names_a_body(text: str) -> bool:
    """Whether `text` names a meeting's body in capitals, as every
    MEETING_HEADING does; most cover rows name none."""
    return any(body in text for body in MEETING_BODIES)


def split_row(text: str) -> tuple[list[tuple[str | None, str]], bool]:
    """A cover row as (field or None, text) pieces, and whether the report's
    first section starts in it (nothing after that is cover)."""
    hits = _hits(text)
    section = SECTION_START.search(text) if may_hold(text, SECTION_WORDS) else None
    end = section.start() if section else len(text)
    hits = [h for h in hits if h[0] < end]
    cuts = {0, end}
    if _names_a_body(text):
        for m in MEETING_HEADING.finditer(text, 0, end):
            cuts.update((m.start(), m.end()))
    starts = {h[0]: h for h in hits}
    cuts.update(starts)
    bounds = sorted(c for c in cuts if c <= end)
    pieces: list[tuple[str | None, str]] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        if a in starts:
            _, label_end, name = starts[a]
            pieces.append((name, text[label_end:b]))
        elif squash(text[a:b]):
            pieces.append((None, text[a:b]))
    return pieces, section is not None


def _labelled_values(
    rows: list[tuple[int, Row]], k: int
) -> tuple[list[int], list[tuple[str, list[int], str, Row]], bool]:
    """Labels alone on their lines from `rows[k]` (none when `rows[k]` is no
    such label), (field, indices, text, first row) of the value each takes,
    and whether the labels' values could not be told apart.

    One label takes the next line when it is no label ("Lead Head of Service" /
    "Jo Bloggs, Head of Policy"). Two or more are a cover sheet's two columns
    read one after the other, as copying from a PDF viewer gives them ("Report
    of:" / "Contact Officer:" / … then "Head of Governance" / "R Lamond" / …):
    paired in order when as many value lines follow, else none takes a value
    (never the value of another). Where more value lines follow on, line
    after line, than there are labels, a value wrapped: a line that ends on a
    joining word goes on in the next ("Chief Executive and Head of" / "Paid
    Service"); if that does not make as many values as labels, none is read,
    and that is told."""
    end = k
    while end < len(rows) and LABEL_LINE.match(rows[end][1].flat):
        end += 1
    labels = rows[k:end]
    values = [([vi], value.flat, value) for vi, value in rows[end : end + len(labels)]]
    wrapped = _wrapped_values(rows, end, len(labels)) if len(labels) > 1 else None
    if wrapped is not None:
        if len(wrapped) != len(labels):
            return [i for i, _ in labels], [], True
        values = wrapped
    if not labels or len(values) < len(labels):
        return [], [], False
    if any(
        LABEL.match(r.flat) or (len(labels) > 1 and SECTION_START.match(r.flat))
        for _, _, r in values
    ):
        return [i for i, _ in labels], [], False
    return (
        [i for i, _ in labels],
        [
            (_label_name(m), vis, text, value)
            for (_, label), (vis, text, value) in zip(labels, values, strict=True)
            if (m := LABEL_LINE.match(label.flat))
        ],
        False,
    )


def _wrapped_values(
    rows: list[tuple[int, Row]], start: int, n: int
) -> list[tuple[list[int], str, Row]] | None:
    """The values printed line after line from `rows[start]`, a line that
    ends on a joining word joined to the next, where more than `n` lines
    follow one another; None where no more than `n` do."""
    run = rows[start : start + 1]
    for i, row in rows[start + 1 : start + 1 + WRAPPED_LINES * n]:
        if row.line_start != run[-1][1].line_end + 1 or LABEL_LINE.match(row.flat):
            break
        run.append((i, row))
    if len(run) <= n:
        return None
    out: list[tuple[list[int], str, Row]] = []
    joining = False
    for i, row in run:
        if joining:
            indices, text, first = out[-1]
            out[-1] = ([*indices, i], f"{text} {row.flat}", first)
        else:
            out.append(([i], row.flat, row))
        words = row.flat.split()
        joining = bool(words) and words[-1].lower() in JOINING_WORDS
    return out


def read_cover(doc: Document) -> CoverSheet:
    """Every cover-sheet field printed before the report's first section."""
    rows = [(i, r) for i, r in enumerate(doc.rows[:COVER_ROWS]) if r.flat]
    fields: list[Field] = []
    unbounded: list[Field] = []
    apart: list[Field] = []
    pieces: list[Piece] = []
    split_rows: set[int] = set()
    taken: set[int] = set()

    def add(name: str, raw: str, row: Row) -> str:
        value, rest = bound(name, raw)
        name = name.removeprefix("prose_").removeprefix("upper_")
        # A title run on into the rest of a flattened cover: its text stands
        # as the cover's other text does.
        if name in ("clerk", "boundary", "email") or (value, name) == (None, "title"):
            return rest
        if value is None:
            quoted = squash(raw)[:QUOTE_CHARS]
            unbounded.append(Field(name, quoted, row.line_start, row.page))
            return ""
        for field, text in derived(name, value):
            fields.append(Field(field, text, row.line_start, row.page))
        return rest

    for k, (i, row) in enumerate(rows):
        if i in taken:
            continue
        labels, values, unpaired = _labelled_values(rows, k)
        if labels:
            held = [vi for _, vis, _, _ in values for vi in vis]
            taken.update(labels, held)
            if len(labels) > 1 or values:
                split_rows.update(labels, held)
            rests = [(vis[0], add(field, text, v)) for field, vis, text, v in values]
            pieces += [Piece(squash(rest), vi) for vi, rest in rests if rest]
            if unpaired:
                first = rows[k][1]
                apart.append(
                    Field("labels", str(len(labels)), first.line_start, first.page)
                )
            continue
        text, went_on = _row_text(row, rows[k + 1 : k + 2])
        taken.update(went_on)
        split_rows.update(went_on)
        parts, body_starts = split_row(text)
        labelled = any(name for name, _ in parts)
        if labelled or len(parts) > 1:
            split_rows.add(i)
        for name, part in parts:
            rest = add(name, part, row) if name else part
            if labelled or len(parts) > 1:
                pieces += [Piece(squash(p), i) for p in _headings_in(rest)]
        if body_starts:
            break
    return CoverSheet(
        tuple(fields),
        tuple(unbounded),
        tuple(pieces),
        frozenset(split_rows),
        tuple(apart),
    )


def _row_text(row: Row, following: list[tuple[int, Row]]) -> tuple[str, list[int]]:
    """A cover row's text (`_labelled_cells`), with the next row's where its
    value goes on there (`_value_goes_on`), and the index of that row."""
    text = _labelled_cells(row)
    if (rest := _value_goes_on(text, following, row)) is not None:
        return f"{text} {rest[1].flat}", [rest[0]]
    return text, []


def _value_goes_on(
    text: str, following: list[tuple[int, Row]], row: Row
) -> tuple[int, Row] | None:
    """The next row, where a "Label: value" row's value ends on a joining word
    and goes on there ("Report of: Chief Executive and Head of" / "Paid
    Service", `pdftotext -raw` of a cover table): a short line right under
    it that is no label, section or meeting heading. A report track goes on
    in the next meeting it names, printed right under it ("Report Track:
    Cabinet 13/06/19" / "Council 26/06/19")."""
    words = text.split()
    if not following or ":" not in text:
        return None
    i, below = following[0]
    line = below.flat
    if (
        below.line_start == row.line_end + 1
        and (hits := _hits(text))
        and hits[-1][2] == "report_track"
        and (more := NEXT_MEETING.match(line))
        and more.end() == len(line)
    ):
        return i, below
    if words[-1].lower() not in JOINING_WORDS:
        return None
    if (
        below.line_start != row.line_end + 1
        or len(line.split()) > MAX_VALUE_TAIL
        or _hits(line)
        or LABEL_LINE.match(line)
        or SECTION_START.match(line)
        or (_names_a_body(line) and MEETING_HEADING.search(line))
    ):
        return None
    return i, below


def _bare_value(text: str) -> bool:
    """What follows a colonless "Portfolio Leader" opening a line is its
    value: a few words, no sentence ("Corporate Improvement", not "Councillor
    Smith has been consulted on this report.")."""
    words = text.split()
    return 0 < len(words) <= BARE_VALUE_WORDS and not text.rstrip().endswith(".")


def _labelled_cells(row: Row) -> str:
    """A cover row's text; a row of two cells whose first is a cover label
    printed without its colon ("Report of" | "Head of Governance", a cover
    sheet's table; `tab_rows.COVER_LABEL`, or one that can also head a
    column, "Report Author" | "R. Lamond"; not "Committee" | "Date", nor a
    header row of labels, "Lead Officer" | "E-mail") as the label and its
    value."""
    filled = row.filled
    if (
        len(filled) == 2
        and ":" not in filled[0].flat
        and (
            COVER_LABEL.match(filled[0].flat) or COLUMN_LIKE_LABEL.match(filled[0].flat)
        )
        and not is_cover_row_label(filled[1].flat)
    ):
        return f"{filled[0].flat}: {filled[1].flat}"
    return row.flat


def _headings_in(text: str) -> list[str]:
    """Unclaimed text split where a meeting heading starts and ends."""
    text = squash(text)
    if not text:
        return []
    cuts = {0, len(text)}
    if _names_a_body(text):
        for m in MEETING_HEADING.finditer(text):
            cuts.update((m.start(), m.end()))
    bounds = sorted(cuts)
    return [s for a, b in zip(bounds, bounds[1:], strict=False) if (s := text[a:b])]
