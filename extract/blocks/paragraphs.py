"""Prose rows -> paragraphs, each with the numbered heading it sits under and,
for a bullet, the lead-in sentence it continues.

Narrative reports come hard-wrapped (samples/004 in every form: one printed line
a row), so a sentence can span rows; a paragraph's rows are joined before its
sentences are read, and each row's place in the joined text is kept for
provenance. pdftotext prints a list's bullet marks apart from their texts
("•", blank, "Violent crime (22% reduction/416 fewer crimes …)", samples/004
lines 150-160): a lone mark makes the next text row an item.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from extract.document import Cell, Document, Row, slot_setters
from extract.layout.numbered import follows_section, section_key
from extract.layout.pages import PAGE_FOOTER
from normalise.amounts import amounts_in
from normalise.text import may_hold

BULLET = re.compile(r"^\s*[•●▪◦]\s*")
# "1. Note the update …", "(2) Identify …": a numbered list item.
ITEM = re.compile(r"^\s*\(?\d{1,2}[.)]\s+\S")
# "- 2.2 That the Committee notes …" (samples/003): a numbered paragraph.
NUMBERED_PARAGRAPH = re.compile(
    r"^\s*(?:-\s*)?(?P<number>\d{1,2}\.\d{1,2})\s+(?P<first>\S)"
)
# "5.4", "3", "6.9" alone on a row: a numbered heading whose title follows.
SECTION_NUMBER = re.compile(r"^\s*(?P<number>\d{1,2}(?:\.\d{1,2})*)\s*$")
# "1 Purpose of Report", "6.4 Section 17 (Crime Prevention) –", "Appendix 2".
NUMBERED_HEADING = re.compile(
    r"^\s*(?P<number>(?:Appendix\s+)?\d{1,2}(?:\.\d{1,2})*)\.?"
    r"(?:\s+(?P<title>[A-Z‘'\"(][^.:;]{0,79}?))?\s*$"
)
# A title row: short, no sentence end, starts like a heading.
TITLE = re.compile(r"^\s*[A-Z‘'\"][^:;]{0,79}?(?<![.,:;])\s*$")
# What a row BULLET, ITEM, NUMBERED_PARAGRAPH or a numbered heading matches
# opens with when not a digit: a row's `flat` starts at its first printed
# character, and a row that opens with none of these matches none of them.
OPENINGS = ("•", "●", "▪", "◦", "(", "-", "Appendix")
SENTENCE_CLOSE = re.compile(r"[.!?][’”\")]*\s*$")
# A wrapped paragraph's last row is shorter than its full rows: a row that ends
# a sentence under this share of the longest row so far ends the paragraph
# ("met previously by the LSP.", samples/004 line 184).
SHORT_LAST_ROW = 0.75
# A title capitalises this share of its words of four letters or more.
TITLE_WORD_CHARS = 4
TITLE_CASED_SHARE = 0.6
MAX_TITLE = 80
# How far a numbered title's first numbered paragraph can be: right under it,
# or under a title line of its own.
SUBSECTION_ROWS = 2
# The highest top-level number a report's first numbered section has
# (samples/004 opens with "1.1", then "2").
FIRST_SECTIONS = 2
# A table printed without its columns (pdftotext of samples/004's delivery
# plan, a TAB export's plain-text form) gives paragraphs of narrow rows: "110
# victims", "supported in", "2011". Their median row is under this share of the
# document's wrap width (prose rows run to it; the plan's sentence cells
# "98% of people who feel safe in their local area" are 0.6 of it).
FRAGMENT_WIDTH = 0.5
FRAGMENT_ROWS = 3
# The wrap width: the length most full prose rows reach.
WRAP_PERCENTILE = 0.9


@dataclass(frozen=True, slots=True)
class Piece:
    """One row's text inside a paragraph: where it starts and ends in the text."""

    start: int
    end: int
    page: int | None
    line_start: int
    line_end: int

    # Written out, not generated, as `extract.document.Cell`'s: a paragraph
    # builds one a row.
    def __init__(
        self, start: int, end: int, page: int | None, line_start: int, line_end: int
    ) -> None:
        _piece_start(self, start)
        _piece_end(self, end)
        _piece_page(self, page)
        _piece_line_start(self, line_start)
        _piece_line_end(self, line_end)


(
    _piece_start,
    _piece_end,
    _piece_page,
    _piece_line_start,
    _piece_line_end,
) = slot_setters(
    Piece,
    "start",
    "end",
    "page",
    "line_start",
    "line_end",
)


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    pieces: tuple[Piece, ...]
    row_index: int
    section: str | None
    bullet: bool = False
    # The paragraph whose last sentence ends with ":" that a bullet continues.
    lead: Paragraph | None = None
    # Cells of a table printed one after another, not sentences.
    fragment: bool = False
    # Where each piece starts in `text`, and where it ends (the space after
    # it included), for `provenance`: made on first use.
    _bounds: tuple[tuple[int, ...], tuple[int, ...]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    # Whether it prints a page footer (`page_footer`): made on first use.
    _footer: bool | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def rows(self) -> range:
        """The indices in `doc.rows` of the rows joined, one a piece."""
        return range(self.row_index, self.row_index + len(self.pieces))

    @property
    def lines(self) -> list[str]:
        """The text of each piece: the paragraph's printed lines, in order."""
        return [self.text[p.start : p.end] for p in self.pieces]

    def line(self, k: int) -> str:
        """The text of piece `k` (negative from the last)."""
        piece = self.pieces[k]
        return self.text[piece.start : piece.end]

    def provenance(self, start: int, end: int, at: int) -> tuple[int | None, int, int]:
        """(page, line_start, line_end) of the text from `start` to `end`, on the
        page of the character at `at` (a sentence can run over a page break)."""
        # The pieces follow one another in the text, one space apart: the
        # ones a range meets are found by bisection (a paragraph of thousands
        # of lines can print thousands of numbers).
        starts, ends = self._piece_bounds()
        k = bisect_right(starts, at) - 1
        page = self.pieces[k].page if k >= 0 and at < ends[k] else None
        if page is None and self.pieces:
            page = self.pieces[0].page
        lo, hi = bisect_right(ends, start), bisect_left(starts, end)
        hit = [p for p in self.pieces[lo:hi] if p.page == page]
        if not hit:
            hit = [p for p in self.pieces if p.page == page][:1] or list(self.pieces)
        return page, min(p.line_start for p in hit), max(p.line_end for p in hit)

    @property
    def page_footer(self) -> bool:
        """Whether the paragraph prints a page footer ("Page 3 of 12"): page
        furniture among the cells of a table printed in reading order."""
        footer = self._footer
        if footer is None:
            # The case-blind search is slow over long paragraphs, most of
            # which print no "page".
            footer = may_hold(self.text, ("page",)) and (
                PAGE_FOOTER.search(self.text) is not None
            )
            object.__setattr__(self, "_footer", footer)
        return footer

    def _piece_bounds(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        bounds = self._bounds
        if bounds is None:
            bounds = _bounds_of(self.pieces)
            object.__setattr__(self, "_bounds", bounds)
        return bounds


def _bounds_of(pieces: Sequence[Piece]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    return tuple(p.start for p in pieces), tuple(p.end + 1 for p in pieces)


def cell_of(paras: Sequence[Paragraph]) -> Cell:
    """Paragraphs read as one table cell (reading-order text prints a cell as a
    paragraph, an interleaved one as several), their lines its provenance on the
    page it starts on."""
    pieces = [piece for para in paras for piece in para.pieces]
    text = " ".join(para.text for para in paras)
    page = pieces[0].page
    on_page = [piece for piece in pieces if piece.page == page]
    return Cell(
        text,
        text,
        0,
        page,
        min(piece.line_start for piece in on_page),
        max(piece.line_end for piece in on_page),
    )


@dataclass(slots=True)
class _Draft:
    row_index: int
    bullet: bool
    rows: list[Row] = field(default_factory=list)


def _follows(number: str, last: tuple[int, ...], lone: bool = False) -> bool:
    """A section number that can come after `last`: after it, in the same or
    the next top level ("4.1" then "5"), never back or far ahead ("10 Hagley
    TC" after 6.9 is a table cell, samples/004 appendix; "5.1" after 5.2 is
    a figure). A number printed `lone` on its row is a report's first
    numbered section only if it is one of its first (FIRST_SECTIONS): a
    lone "12.5" or "0" with no section before it is a table's figure printed
    as a paragraph of its own; a report may open at "5 Report Detail"
    (samples/003)."""
    if number.startswith("Appendix"):
        return True
    key = _key(number)
    if not last:
        return not lone or 1 <= key[0] <= FIRST_SECTIONS
    return follows_section(key, last)


def _goes_on(
    key: tuple[int, ...], last: tuple[int, ...], seen: tuple[int, ...]
) -> bool:
    """Whether a number printed alone is the next section: after the last
    numbered paragraph (`seen`), not back ("2.1" after "2.03" is a figure),
    and next after it or after the last section (`last`)."""
    if seen and key <= seen:
        return False
    return _next_alone(key, last) or (bool(seen) and _next_alone(key, seen))


# How far on a number printed alone may be from the section before it: one
# section skipped ("4.3" after "4.1", the 4.2 printed in a table's cell),
# not a figure far on ("2.13" after "2.00"). A skip of two ("2.4" after a
# lone "2.1") is taken for a figure: a grid's value lost would be worse than
# a section misnamed.
LONE_STEP = 2


def _next_alone(key: tuple[int, ...], last: tuple[int, ...]) -> bool:
    """Whether a section number printed alone on its row comes next after
    `last`: the next at one of its levels, at most LONE_STEP on, or a
    level's first ("5.1" after "5", "1.01" after "1.00"); a figure printed
    as a paragraph of its own is not ("2.13" after "2")."""
    for depth in range(len(last) + 1):
        head, after = key[:depth], key[depth + 1 :]
        if head != last[:depth] or len(key) <= depth:
            continue
        step = key[depth] - (last[depth] if depth < len(last) else 0)
        if 0 < step <= LONE_STEP and all(part <= 1 for part in after):
            return True
    return False


def _key(number: str) -> tuple[int, ...]:
    if number.startswith("Appendix"):
        return ()
    return section_key(number)


def wrap_width(doc: Document) -> int:
    """How long a full prose row of this document is."""
    lengths = sorted(len(r.flat) for r in doc.rows if r.flat and not r.tabbed)
    return lengths[int(WRAP_PERCENTILE * (len(lengths) - 1))] if lengths else 0


def _title_of(text: str) -> bool:
    return len(text) <= MAX_TITLE and TITLE.match(text) is not None


def paragraphs(doc: Document) -> Iterator[Paragraph]:
    """The prose paragraphs of a document in order; table rows end a paragraph."""
    builder = _Builder(doc)
    for i, row in enumerate(doc.rows):
        builder.add(i, row)
    builder.close()
    return iter(builder.out)


class _Builder:
    """Reads rows one at a time: the heading in force, the open paragraph, the
    lead-in a list continues, the bullet marks still waiting for a text and the
    paragraphs read so far."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.wrap = wrap_width(doc)
        self.section: str | None = None
        self.numbered = False
        self.last: tuple[int, ...] = ()
        # The number of the last numbered paragraph since, if any ("5.4 These
        # measures …" after "5 Report Detail"): a number printed alone may go
        # on from it as from the last section.
        self.seen: tuple[int, ...] = ()
        self.pending_number: str | None = None
        # The section in force before a number printed alone.
        self.outer: str | None = None
        self.pending_bullets = 0
        self.lead: Paragraph | None = None
        self.draft: _Draft | None = None
        self.longest = 0
        self.out: list[Paragraph] = []

    def close(self) -> None:
        draft, self.draft = self.draft, None
        if draft is None or not draft.rows:
            return
        p = _paragraph(
            draft, self.section, self.lead if draft.bullet else None, self.wrap
        )
        if p.text.rstrip().endswith(":"):
            self.lead = p
        elif not p.bullet:
            self.lead = None
        self.out.append(p)

    def add(self, i: int, row: Row) -> None:
        text = row.flat
        opens = bool(text) and (text[0].isdecimal() or text.startswith(OPENINGS))
        if row.tabbed or not text:
            self.close()
            if row.tabbed:
                self.lead, self.pending_bullets, self.pending_number = None, 0, None
                numbered = opens and NUMBERED_PARAGRAPH.match(text)
                if numbered and len(row.filled) <= 2 and SENTENCE_CLOSE.search(text):
                    # A numbered paragraph set as a table's row ("5.1 | The
                    # council has adopted … ."), not a KPI's ("2.1 | Average
                    # days lost | 8.0") or a figure's ("3.5 | Planning
                    # Officers").
                    self._numbered_paragraph(numbered)
            return
        heading = self._heading(i, text, opens)
        if heading is not None:
            self.close()
            self.section, self.lead, self.pending_bullets = heading, None, 0
            self.out.append(
                _paragraph(_Draft(i, False, [row]), heading, None, self.wrap)
            )
            return
        self.pending_number = None
        if opens and (numbered := NUMBERED_PARAGRAPH.match(text)):
            self._numbered_paragraph(numbered)
        self._start(i, text, opens)
        if self.draft is None:
            return
        self.draft.rows.append(row)
        self.longest = max(self.longest, len(text))
        bullet = self.draft.bullet
        short = len(text) < SHORT_LAST_ROW * (self.wrap if bullet else self.longest)
        # A list item ends at its first short row ("• Enhance ERDF programme
        # £30,000", samples/004 line 127, has the next paragraph right under it).
        if short and (bullet or SENTENCE_CLOSE.search(text)):
            self.close()

    def _numbered_paragraph(self, numbered: re.Match[str]) -> None:
        """A paragraph numbered as `numbered` says ("5.4 These measures …"
        after "5.3 …"): a number printed alone after it goes on from it. It
        may skip numbers in its section ("2.5 …" after "2.2 …") where its
        text opens with a capital; a row opening with a figure (a wrapped
        line "2.8 weeks, …", "4.5 Days per case" in section 2) is none
        unless it comes next."""
        key = _key(numbered["number"])
        last = max(self.last, self.seen)
        if key <= last:
            return
        within = bool(last) and key[0] == last[0]
        if (within and numbered["first"].isupper()) or _next_alone(
            key, self.seen or self.last
        ):
            self.seen = key

    def _heading(self, i: int, text: str, opens: bool) -> str | None:
        """The section a heading row starts ("5.4", then "5.4 Community
        Safety" from the title row after it), or None for other rows. `opens`:
        the row can open with a number (`OPENINGS`)."""
        if (
            opens
            and (m := SECTION_NUMBER.match(text))
            and _follows(m["number"], self.last, lone=True)
            and _goes_on(_key(m["number"]), self.last, self.seen)
            and not _over_figure(self.doc, i)
        ):
            self.pending_number, self.numbered = m["number"], True
            self.outer = self.section
            self.last, self.seen = _key(m["number"]), ()
            return m["number"]
        pending, self.pending_number = self.pending_number, None
        if pending is not None:
            sub = "." in pending.rstrip(".")
            if (
                _title_of(text)
                and not BULLET.match(text)
                and (
                    not sub
                    or _alone(self.doc, i)
                    or len(text) < SHORT_LAST_ROW * self.wrap
                    or _title_cased(text)
                )
            ):
                return f"{pending} {text.strip()}"
            if sub:
                # A paragraph's number alone on its line, then the paragraph,
                # whose first line, a full one, is no title ("3.1" /
                # "Information for performance actions … is" / "set out in
                # …", plain text of a numbered paragraph set with a hanging
                # indent; not "5.4" / "Community Safety" / "Cabinet will
                # recall …"): it stands in the section it is numbered under.
                self.section = _parent(self.outer, pending)
        m = NUMBERED_HEADING.match(text) if opens else None
        if m is not None and _figure(text):
            m = None
        appendix = "Appendix" in text
        if (
            m
            and (m["title"] or appendix)
            and _follows(m["number"], self.last)
            and (appendix or _alone(self.doc, i) or _over_subsection(self.doc, i, m))
        ):
            self.numbered, self.last = True, _key(m["number"]) or self.last
            self.seen = ()
            self.pending_number = None if m["title"] else m["number"]
            return text.strip()
        if not self.numbered and self.draft is None and _title_of(text):
            return text.strip() if _alone(self.doc, i) else None
        return None

    def _start(self, i: int, text: str, opens: bool) -> None:
        """Open a new paragraph or list item where this row starts one."""
        draft = self.draft
        if opens and (mark := BULLET.match(text)):
            self.close()
            if not text[mark.end() :].strip():
                if self.lead is not None:
                    self.pending_bullets += 1
                    return
                # A mark alone with no lead-in for a list to go on from starts
                # no item: it is printed text, a rating mark of a table read
                # in reading order ("●" under "Q1 Rating"), kept as a
                # paragraph of its own.
                bullet = False
            else:
                bullet = True
        elif (
            opens
            and ITEM.match(text)
            and (
                self.lead is not None
                or (draft is not None and draft.rows[-1].flat.endswith((":", ";")))
            )
        ):
            bullet = True
        elif self.pending_bullets and self.lead is not None:
            self.pending_bullets -= 1
            bullet = True
        elif draft is None or (opens and NUMBERED_PARAGRAPH.match(text)):
            self.pending_bullets, bullet = 0, False
        else:
            return
        self.close()
        self.draft, self.longest = _Draft(i, bullet), 0


def _title_cased(text: str) -> bool:
    """Most of a line's longer words capitalised: a heading ("Community
    Safety Partnership Strategic Assessment and Annual Priorities"), not a
    paragraph's first line ("Information for performance actions and
    indicators for each of the Priorities is")."""
    words = [w for w in text.split() if len(w) >= TITLE_WORD_CHARS]
    upper = sum(w[0].isupper() for w in words)
    return bool(words) and upper >= TITLE_CASED_SHARE * len(words)


def _parent(outer: str | None, number: str) -> str:
    """The section a paragraph numbered `number` stands in: the one in force
    if it is `number`'s parent ("3 Key Issues …" for "3.1"), else the
    number itself ("5.5" after "5.4 Community Safety")."""
    parent = number.split(".")[0]
    if outer is not None and outer.split()[0].rstrip(".") == parent:
        return outer
    return number


def _figure(text: str) -> bool:
    """Whether the text prints figures and nothing else but their units and
    brackets ("98.1 Tonnes", "33.3%", "12 (40%)"): a table's cell, whatever
    number it opens with."""
    found = amounts_in(text)
    if not found:
        return False
    rest = text
    for _, start, end in reversed(found):
        rest = rest[:start] + rest[end:]
    return not any(c.isalnum() for c in rest)


def _over_figure(doc: Document, i: int) -> bool:
    """Whether the row right under row `i` (a lone number) prints a figure
    alone: a cell of a count over its percentage ("1" / "33.3%"), not a
    section number over its title."""
    nxt = doc.rows[i + 1] if i + 1 < len(doc.rows) else None
    return (
        nxt is not None
        and not nxt.tabbed
        and not all(SECTION_NUMBER.match(t) for t in nxt.flat.split())
        and _figure(nxt.flat)
    )


def _alone(doc: Document, i: int) -> bool:
    """A row with a blank or table row after it: a heading of its own."""
    nxt = doc.rows[i + 1] if i + 1 < len(doc.rows) else None
    return nxt is None or nxt.tabbed or not nxt.flat


def _over_subsection(doc: Document, i: int, m: re.Match[str]) -> bool:
    """A numbered title right over its first numbered paragraph, or over a
    title line and then that paragraph: "3 Key Issues" / "Reasons for
    Recommendations" / "3.1 Information for …" (paragraphs set with a
    hanging indent print no blank line between; `layout.numbered`)."""
    if not m["title"]:
        return False
    sub = f"{m['number'].rstrip('.')}."
    for nxt in doc.rows[i + 1 : i + 1 + SUBSECTION_ROWS]:
        text = nxt.flat.strip()
        if nxt.tabbed or not text:
            return False
        if text.startswith(sub) and NUMBERED_PARAGRAPH.match(text):
            return True
        if not _title_of(text):
            return False
    return False


def _paragraph(
    draft: _Draft, section: str | None, lead: Paragraph | None, wrap: int
) -> Paragraph:
    parts: list[str] = []
    pieces: list[Piece] = []
    at = 0
    for row in draft.rows:
        text = BULLET.sub("", row.flat) if draft.bullet else row.flat
        text = text.strip()
        if parts:
            at += 1
        pieces.append(Piece(at, at + len(text), row.page, row.line_start, row.line_end))
        parts.append(text)
        at += len(text)
    return Paragraph(
        text=" ".join(parts),
        pieces=tuple(pieces),
        row_index=draft.row_index,
        section=section,
        bullet=draft.bullet,
        lead=lead,
        fragment=_fragment(draft.rows, wrap),
    )


def _fragment(rows: list[Row], wrap: int) -> bool:
    if len(rows) < FRAGMENT_ROWS:
        return False
    lengths = sorted(len(r.flat) for r in rows)
    return lengths[len(lengths) // 2] < FRAGMENT_WIDTH * wrap
