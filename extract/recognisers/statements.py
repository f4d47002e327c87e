"""Numbers in prose: one `statements` row per figure of a sentence.

    5.4 Community Safety
    … During 2011/12, there were 5,803 crimes recorded in Cannock Chase, equal
    to a rate of 61 crimes per 1,000 population. This is a reduction of 11% (705
    crimes) compared with the previous year …  Reductions have been recorded in:
    •  Violent crime (22% reduction/416 fewer crimes in overall violence)

Only prose rows are read (a table row is never a sentence). Every number in a
paragraph is a statement, skipped by a rule of `normalise.sentences.SKIP_RULES`,
or left over; `read_prose` keeps that account for `documents.prose_coverage`
and `reportx inspect`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from extract.blocks import Blocks
from extract.blocks.paragraphs import Paragraph, paragraphs
from extract.claims import claim_lines
from extract.context import Context
from extract.document import Document
from extract.records import IssueRow, Record, RepairRow, Statement
from normalise.amounts import plain
from normalise.counts import FIGURES_ROW, count_rows
from normalise.figures import UNIT_AFTER, Figure, Frame, frame_of, read_figures
from normalise.patterns import compiled
from normalise.repair import Repair
from normalise.sentences import TIME_UNIT, Number, numbers, sentences
from normalise.subjects import indicator_of
from normalise.text import squash
from normalise.vocabulary import FINANCIAL_YEAR
from normalise.years import (
    FY_IN_TEXT,
    ONE_QUARTER,
    financial_year,
    previous_financial_year,
    quarter_named,
)
from schemas.tables import NO_UNIT

NAME = "statements"
TABLE = "statements"
STATEMENT, LEFT_OVER = "statement", "left_over"
# The skip rule of the numbers in a table printed without its columns: cells,
# not sentences, so no statement is read there. A paragraph of narrow rows
# (`Paragraph.fragment`), a cell of a few words with a number ("9 (75%)", "141
# cases Value – £84,171.24": plain text of samples/002), and any paragraph with
# such cells close around it.
TABLE_FRAGMENT = "table_fragment"
CELL_WORDS = 6
NEAR_CELLS, CELL_WINDOW = 2, 3
LETTERS = re.compile(r"[^\W\d_]{2,}")
# "Violent crime (22% reduction/416 fewer crimes in overall violence)": the
# figures in brackets measure the words before them.
LEAD_AND_FIGURES = compiled(
    r"^(?P<lead>[^()\d]{3,80}?)\s*\((?P<figures>[^()]*\d[^()]*)\)\W*$"
)
SNIPPET = 80


@dataclass(frozen=True, slots=True)
class ProseNumber:
    """One number printed in prose and what became of it: `statement`,
    `left_over` or the name of the skip rule that explains it."""

    page: int | None
    line: int
    text: str
    status: str


@dataclass(frozen=True, slots=True)
class ProseReading:
    statements: tuple[Statement, ...]
    issues: tuple[IssueRow, ...]
    numbers: tuple[ProseNumber, ...]
    # The changes made to statements' values and years ("£1.2m" -> 1200000,
    # "2015.16" -> "2015/16").
    repairs: tuple[RepairRow, ...] = ()

    @property
    def coverage(self) -> float | None:
        """Share of the value numbers (those no skip rule explains) that became
        statements; None when the prose prints none."""
        made = sum(n.status == STATEMENT for n in self.numbers)
        left = sum(n.status == LEFT_OVER for n in self.numbers)
        return round(made / (made + left), 4) if made + left else None

    @property
    def left_over(self) -> tuple[ProseNumber, ...]:
        return tuple(n for n in self.numbers if n.status == LEFT_OVER)


def recognise(blocks: Blocks, ctx: Context) -> Iterator[Record]:
    """Statements of the prose paragraphs; each claims the lines of its sentence."""
    reading = prose_of(blocks, ctx)
    rows = blocks.doc.rows
    first = (
        {(r.page, r.line_start): i for i, r in enumerate(rows)}
        if reading.statements
        else {}
    )
    # The statements of one sentence claim its lines once.
    claimed: set[tuple[int | None, int, int]] = set()
    for s in reading.statements:
        lines = (s.page, s.line_start, s.line_end)
        if lines in claimed:
            continue
        claimed.add(lines)
        if (at := first.get((s.page, s.line_start))) is not None:
            claim_lines(blocks.claims, NAME, rows, at, s.page, s.line_start, s.line_end)
    yield from reading.statements
    yield from reading.repairs
    yield from reading.issues


def _lead_frame(lead: Paragraph) -> tuple[str, Frame]:
    """A lead-in's last sentence and the frame it gives its bullets: its own
    year, period, comparison and direction, else its paragraph's."""
    spans = sentences(lead.text)
    start, end = spans[-1] if spans else (0, len(lead.text))
    sentence = lead.text[start:end]
    own, whole = frame_of(sentence, lead=True), frame_of(lead.text)
    return sentence, Frame(
        financial_year=own.financial_year or whole.financial_year,
        period=own.period or whole.period,
        compared_with=own.compared_with or whole.compared_with,
        change=own.change,
    )


def _shifted(ns: list[Number], start: int, end: int) -> list[Number]:
    # Made directly: dataclasses.replace takes several times as long.
    return [
        Number(
            n.start - start,
            n.end - start,
            n.text,
            n.value,
            n.percent,
            n.gbp,
            n.skipped,
            n.scaled,
        )
        for n in ns
        if start <= n.start < end
    ]


def prose_of(blocks: Blocks, ctx: Context) -> ProseReading:
    """The prose reading of a document's blocks, read once and kept with them."""
    reading = blocks.readings.get(NAME)
    if not isinstance(reading, ProseReading):
        reading = read_prose(blocks.doc, ctx, blocks.prose)
        blocks.readings[NAME] = reading
    return reading


def read_prose(
    doc: Document, ctx: Context, paras: Sequence[Paragraph] | None = None
) -> ProseReading:
    """The statements of a document's prose and the account of its numbers."""
    made: list[Statement] = []
    issues: list[IssueRow] = []
    repairs: list[RepairRow] = []
    account: list[ProseNumber] = []
    paras = list(paragraphs(doc) if paras is None else paras)
    cells = [_cell(p) for p in paras]
    for i, para in enumerate(paras):
        found = numbers(para.text)
        if not found:
            continue
        near = cells[max(0, i - CELL_WINDOW) : i + CELL_WINDOW + 1]
        if para.fragment or cells[i] or sum(near) >= NEAR_CELLS:
            for n in found:
                page, first, _ = para.provenance(n.start, n.end, n.start)
                rule = n.skipped or TABLE_FRAGMENT
                account.append(ProseNumber(page, first, n.text.strip(), rule))
            continue
        whole = frame_of(para.text)
        prefix, lead_frame = ("", Frame())
        if para.bullet and para.lead is not None:
            prefix, lead_frame = _lead_frame(para.lead)
        claimed: set[int] = set()
        # Numbers of a summary grid's row run into the paragraph (raw text),
        # and of a line of figures alone ("4 1 0", "80% 20% 0%").
        rows_of_figures = [
            (p.start, p.end)
            for p in para.pieces
            if FIGURES_ROW.match(para.text[p.start : p.end])
        ]
        grid = {
            n.start for n in found if any(a <= n.start < b for a, b in rows_of_figures)
        }
        antecedent: str | None = None
        for start, end in sentences(para.text):
            sentence = para.text[start:end]
            if rows := count_rows(sentence):
                grid.update(
                    start + n.start
                    for n in _shifted(found, start, end)
                    if any(a <= n.start < b for a, b in rows)
                )
                continue
            own = frame_of(sentence)
            shape = LEAD_AND_FIGURES.match(sentence) if para.bullet else None
            figures = read_figures(
                sentence,
                [n for n in _shifted(found, start, end) if start + n.start not in grid],
                frame=lead_frame,
                in_list=para.lead is not None and para.bullet,
                lead=" ".join(shape["lead"].split()) if shape else None,
                antecedent=antecedent,
            )
            said = (
                own.financial_year or whole.financial_year or lead_frame.financial_year,
                own.period or whole.period or lead_frame.period,
            )
            shown = f"{prefix} {sentence}".strip() if para.bullet else sentence
            for f in figures:
                fy, period = _own_year(sentence, f, said)
                claimed.update(start + n.start for n in (f.number, *f.uses))
                page, first, last = para.provenance(start, end, start + f.number.start)
                made.append(
                    _statement(
                        doc,
                        ctx,
                        para,
                        f,
                        shown,
                        (fy, period),
                        (page, first, last),
                        len(made) + 1,
                    )
                )
                if f.number.scaled:
                    repairs.append(_multiplied(doc, f.number, page, first))
                repairs.extend(
                    _dotted_year(doc, (sentence, para.text), fy, (page, first))
                )
                if f.unit is None:
                    issues.append(_unclear(doc, f, sentence, page, first))
                if f.unit == "count" and f.change is None and f.subject:
                    antecedent = f.subject
        for n in found:
            page, first, _ = para.provenance(n.start, n.end, n.start)
            status = (
                STATEMENT
                if n.start in claimed
                else TABLE_FRAGMENT
                if n.start in grid
                else (n.skipped if n.skipped is not None else LEFT_OVER)
            )
            account.append(ProseNumber(page, first, n.text.strip(), status))
    return ProseReading(tuple(made), tuple(issues), tuple(account), tuple(repairs))


def _dotted_year(
    doc: Document,
    texts: tuple[str, ...],
    fy: str | None,
    where: tuple[int | None, int],
) -> Iterator[RepairRow]:
    """The repair of a statement's year printed with a dot ("During 2015.16"
    -> "2015/16"), from the first of `texts` (its sentence, its paragraph)
    that prints its year."""
    if fy is None:
        return
    for text in texts:
        for m in FY_IN_TEXT.finditer(text):
            year, fix = financial_year(m[0])
            if year == fy:
                if fix is not None:
                    page, line = where
                    yield RepairRow.of(
                        doc.doc_id,
                        "statements",
                        "financial_year",
                        fix,
                        page=page,
                        line=line,
                    )
                return


def _multiplied(doc: Document, n: Number, page: int | None, line: int) -> RepairRow:
    """The repair that logs a figure's multiplier: "£1.2m" -> "1200000"."""
    fix = Repair(
        raw=n.text.strip(),
        repaired=plain(n.value),
        rule="amount_multiplier",
    )
    return RepairRow.of(doc.doc_id, "statements", "value", fix, page=page, line=line)


# A figure's own year or quarter printed straight after it: "from 78% in
# 2016/17 to 84% in 2017/18", "compared with 71 per cent in 2016/17", "383 in
# Q1 2016/17", "92% in Quarter 2, up from 88% in the first quarter". A quarter
# alone is not one of a span ("in Q1-Q2", "in Q1, Q2 and Q3", "in Quarters 1
# to 3") nor of a calendar year ("in the first quarter of 2017"); "of last
# year" makes it the year before's.
ANOTHER_QUARTER = (
    rf"(?:Q|quarter\s+)?[1-4](?![\d%]|[.,]\d|\s+(?:{TIME_UNIT}|tonnes?\b|per\b))"
)
OWN_PERIOD = compiled(
    rf"{UNIT_AFTER}\s*(?:in|during|for)\s+(?:"
    rf"(?:(?P<q>{ONE_QUARTER})\s+(?:of\s+)?(?:the\s+)?)?"
    rf"(?P<fy>{FINANCIAL_YEAR})(?![\d/.]?\d)"
    rf"|(?P<alone>{ONE_QUARTER})(?!\w|\s*(?:[-\u2013/&,]|and\b|to\b)\s*{ANOTHER_QUARTER}"
    rf"|\s+(?:of\s+(?:the\s+)?)?\d)"
    rf"(?P<last>\s+of\s+(?:last|the\s+previous)\s+year)?)",
    re.IGNORECASE,
)


# A figure for a whole year, though its sentence names a quarter: "a
# full-year outturn of 44.8% in 2016/17", "an annual rate of 97.1% in
# 2016/17", "91% in 2016/17 as a whole".
ANNUAL = compiled(
    r"\b(?:annual|full[\s-]year|whole[\s-]year|year[\s-]end|outturn)\b"
    r"|\s*(?:as\s+a\s+whole|overall)\b",
    re.IGNORECASE,
)
# How far before a figure its words may say it is a year's.
ANNUAL_REACH = 40


def _own_year(
    sentence: str, f: Figure, said: tuple[str | None, str | None]
) -> tuple[str | None, str | None]:
    """(financial_year, period) of a figure: the year its own words name
    straight after it, with their quarter or else the sentence's period
    ("In Quarter 3, … 84.2% in 2017/18" is Q3's); the quarter they name alone,
    in the sentence's year; the sentence's year and period otherwise
    (`said`)."""
    m = OWN_PERIOD.match(sentence, f.number.end)
    if m is not None and m["alone"]:
        year = previous_financial_year(said[0]) if m["last"] else said[0]
        return year, quarter_named(m["alone"])
    year, _ = financial_year(squash(m["fy"])) if m else (None, None)
    if m is None or year is None:
        return said
    if m["q"]:
        return year, quarter_named(m["q"])
    start = max(0, f.number.start - ANNUAL_REACH)
    annual = ANNUAL.search(sentence, start, f.number.start) or ANNUAL.match(
        sentence, m.end()
    )
    return year, "FY" if annual else (said[1] or "FY")


def _cell(para: Paragraph) -> bool:
    """A table cell printed as a paragraph: a number and a few words, not a
    bullet that continues a lead-in sentence."""
    if para.bullet and para.lead is not None:
        return False
    return _cell_text(para.text)


# Every paragraph is asked, and a report's series reprints most of them.
@lru_cache(maxsize=4096)
def _cell_text(text: str) -> bool:
    """Whether `text` prints a value number and fewer than `CELL_WORDS` words."""
    if not any(n.skipped is None for n in numbers(text)):
        return False
    return len(LETTERS.findall(text)) < CELL_WORDS


def _statement(
    doc: Document,
    ctx: Context,
    para: Paragraph,
    f: Figure,
    sentence: str,
    when: tuple[str | None, str | None],
    where: tuple[int | None, int, int],
    ordinal: int,
) -> Statement:
    (fy, period), (page, line_start, line_end) = when, where
    return Statement(
        statement_id=f"{doc.doc_id}:{ordinal}",
        doc_id=doc.doc_id,
        plan=ctx.plan(para.row_index),
        section=para.section,
        sentence=sentence,
        subject=f.subject,
        value=f.number.value,
        # An unclear unit is an issue of its own; the row says "none", not null.
        unit=f.unit or NO_UNIT,
        measure=f.measure,
        change=f.change,
        compared_with=f.compared_with,
        financial_year=fy,
        period=period,
        indicator_id=indicator_of(f.subject),
        page=page,
        line_start=line_start,
        line_end=line_end,
    )


def _unclear(
    doc: Document, f: Figure, sentence: str, page: int | None, line: int
) -> IssueRow:
    snippet = sentence if len(sentence) <= SNIPPET else sentence[: SNIPPET - 1] + "…"
    return IssueRow.at(
        "unclear_unit",
        doc,
        line,
        f'"{f.number.text.strip()}" in "{snippet}" has no % sign and no noun, '
        "so its unit cannot be told; kept with unit null",
        page=page,
    )
