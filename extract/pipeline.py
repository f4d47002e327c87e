"""The one per-document pipeline: document model -> recognisers -> normalised
records -> checks.

`reportx extract`, `reportx inspect` and the tests all call `process_document`,
so each step is written once and none is skipped by one caller. A record keeps
the step that made it: a recogniser's NAME or one of the pipeline's own steps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import cast

from extract import checks
from extract.blocks import Blocks, blocks_of
from extract.context import Context
from extract.cover.metadata import Metadata, key_decision, read_metadata
from extract.coverage import Block, Coverage, claimed_numbers
from extract.coverage import measure as measure_coverage
from extract.document import Document
from extract.headings import build_context
from extract.keys import KeyCheck
from extract.layout.tab_rows import JOINING_WORDS
from extract.panel import assign_ids
from extract.prose_dates import repair_record_dates
from extract.recognisers import RECOGNISERS
from extract.recognisers.actions import HEADER_UNREAD
from extract.recognisers.statements import TABLE_FRAGMENT, ProseReading, prose_of
from extract.records import (
    Action,
    ActionUpdate,
    Breakdown,
    DocumentRow,
    IndicatorValue,
    IssueRow,
    Record,
    RepairRow,
    Rolling12,
    Statement,
    StatusCount,
)
from extract.version import parser_version
from normalise.text import squash, strip_html

__all__ = [
    "PARSER_VERSION",
    "RECOGNISERS",
    "Found",
    "Processed",
    "context_of",
    "document_row",
    "process_document",
    "recognise",
]

PARSER_VERSION = parser_version()

# The pipeline's own steps, as `Found.step` names them.
HEADINGS, KEYS, DATES, CHECKS, COVERAGE, READER, METADATA = (
    "headings",
    "keys",
    "prose_dates",
    "checks",
    "coverage",
    "reader",
    "documents",
)


@dataclass(frozen=True, slots=True)
class Found:
    """A record and the step that produced it."""

    step: str
    record: Record


@dataclass(frozen=True, slots=True)
class Processed:
    """Everything one document gives: its `documents` row and its records."""

    doc: Document
    meta: Metadata
    ctx: Context
    document: DocumentRow
    found: tuple[Found, ...]
    coverage: Coverage
    # What became of every number printed in prose (statements, skip rules).
    prose: ProseReading | None = None
    blocks: Blocks | None = None

    @property
    def records(self) -> list[Record]:
        """Every record for the tables, the `documents` row first."""
        return [self.document, *(f.record for f in self.found)]

    def rows(self, table: str) -> list[Record]:
        return [r for r in self.records if r.table == table]


def context_of(doc: Document) -> tuple[Metadata, Context]:
    """What the report says about itself, and the plan and theme of every row."""
    meta = read_metadata(doc)
    return meta, build_context(doc, meta)


def recognise(blocks: Blocks, ctx: Context) -> Iterator[Found]:
    """Every recogniser's records, in the order they are offered the blocks,
    with registry indicator ids."""
    doc = blocks.doc
    for r in RECOGNISERS:
        records = list(r.recognise(blocks, ctx))
        for record in assign_ids(doc, records):
            yield Found(r.NAME, record)


# The facts that say where they were printed: a page and a span of lines.
Printed = (
    Action | ActionUpdate | Breakdown | IndicatorValue | Rolling12 | Statement
    | StatusCount
)  # fmt: skip

# The facts that stand under a printed name, and the name they stand under.
Named = IndicatorValue | Breakdown | Rolling12 | Action


# A name that ends on one of these, or on a joining word as printed ("of",
# "to"; not a capital "A" of "band A"), goes on somewhere it was not read.
NAME_OPEN_END = re.compile(r"[-\u2013\u2014,;(/&]\s*$")


def name_cut(name: str, title: bool = False) -> bool:
    """Whether an indicator name or (`title`) an action title is cut: it ends
    mid-phrase, or a title opens on a word in lower case ("and enforcement";
    not "eBay" or "e-mail")."""
    words = name.split()
    if not words:
        return False
    if NAME_OPEN_END.search(name) or (words[-1] in JOINING_WORDS and words[-1] != "a"):
        return True
    return title and words[0].isalpha() and words[0].islower()


def _cut(record: Record) -> str | None:
    """The name a fact stands under where it is cut (`name_cut`)."""
    if isinstance(record, Action):
        return record.title if name_cut(record.title, title=True) else None
    if isinstance(record, IndicatorValue | Breakdown | Rolling12):
        return record.indicator if name_cut(record.indicator) else None
    return None


def _whole_named(doc: Document, found: list[Found]) -> list[Found]:
    """The facts, less those whose indicator name or action title is cut
    ("Percentage of", "Award Contract to", `_cut`), each such row reported:
    the reader cut the name where it went on (a name cell centred beside its values in
    `pdftotext -layout` text), so the fact would stand under a wrong name."""
    cut: dict[tuple[int | None, int], str] = {}
    items: set[str] = set()
    for f in found:
        name = _cut(f.record)
        if name:
            named = cast(Named, f.record)
            cut.setdefault((named.page, named.line_start), name)
            if isinstance(named, Action):
                items.add(named.item_id)
    if not cut:
        return found
    why = {
        at: f"row not read: its name {name!r} is cut mid-phrase, so the rest "
        "of it was printed where it could not be read"
        for at, name in cut.items()
    }
    for at, name in _rests(found, cut).items():
        why[at] = (
            f"row not read: it prints the rest of the name {name!r} cut above "
            "it, and no figure of its own"
        )
        cut[at] = name
    kept = [f for f in found if not _dropped(f.record, cut, items)]
    issues = [
        Found(
            CHECKS,
            IssueRow.at(
                "unparsed_block", doc, line, text, page=page, severity="warning"
            ),
        )
        for (page, line), text in why.items()
    ]
    return kept + issues


def _rests(
    found: list[Found], cut: dict[tuple[int | None, int], str]
) -> dict[tuple[int | None, int], str]:
    """The KPI rows printed on the line right under a row whose name is cut
    that read no figure, only words: where the rest of that name and of its
    cells went ("Police generated crime and oth" / "data provided by Staffs
    Police.", under "Committed Crime … Sexual Offences,"), no row of their
    own. Each row's place, and the cut name above it."""
    ends = {
        (named.page, named.line_end + 1): name
        for f in found
        if isinstance(named := f.record, IndicatorValue | Breakdown | Rolling12)
        and (name := cut.get((named.page, named.line_start))) is not None
    }
    rows: dict[tuple[int | None, int], bool] = {}
    for f in found:
        r = f.record
        if isinstance(r, IndicatorValue) and (at := (r.page, r.line_start)) in ends:
            rows[at] = rows.get(at, True) and r.value is None
    return {at: ends[at] for at, words_only in rows.items() if words_only}


def _dropped(
    record: Record, cut: dict[tuple[int | None, int], str], items: set[str]
) -> bool:
    if isinstance(record, Action | ActionUpdate):
        return record.item_id in items
    if isinstance(record, IndicatorValue | Breakdown | Rolling12):
        return (record.page, record.line_start) in cut
    return False


def _normalised(doc: Document, found: Iterable[Found]) -> Iterator[Found]:
    """One row per natural key (repeats reported), impossible dates in progress
    texts repaired; each result keeps its recogniser, what a step adds is its own."""
    keys = KeyCheck(doc)
    for f in found:
        kept = keys.check(f.record)
        if kept is not f.record:
            yield Found(KEYS, kept)
            continue
        *logged, record = repair_record_dates(doc, kept)
        yield from (Found(DATES, r) for r in logged)
        yield Found(f.step, record)


def process_document(doc: Document) -> Processed:
    """Run every step on one readable document."""
    meta, ctx = context_of(doc)
    blocks = blocks_of(doc)
    named = _whole_named(doc, list(recognise(blocks, ctx)))
    relabelled = [
        Found(CHECKS, i) for i in checks.relabelled(doc, [f.record for f in named])
    ]
    found = list(_normalised(doc, named))
    facts = [f.record for f in found]
    joined = [Found(READER, r) for r in joined_words(doc, facts)]
    cross = [Found(CHECKS, i) for i in checks.cross_check(doc, ctx, facts)]
    headings = [Found(HEADINGS, r) for r in ctx.repairs]
    records = [*ctx.repairs, *facts, *(f.record for f in joined + cross)]
    # Coverage and the unread-cells check read the numbers of every claim;
    # unclaimed table rows become issues.
    claimed = claimed_numbers(blocks.claims)
    coverage = measure_coverage(
        doc, claimed, blocks.reading_rows, blocks.claims.reported
    )
    empty = checks.no_facts(doc, records, coverage.n_tokens)
    prose = prose_of(blocks, ctx)
    cells = [(n.page, n.line) for n in prose.numbers if n.status == TABLE_FRAGMENT]
    unread = checks.unread_cells(doc, cells, claimed, blocks.claims.reported)
    row = document_row(doc, meta, coverage, prose.coverage)
    ranges = checks.out_of_range(doc, [row, *facts])
    found = [
        *headings,
        *(f for f in found if not _told_by_coverage(f.record, coverage)),
        *joined,
        *cross,
        *relabelled,
        *(Found(COVERAGE, i) for i in coverage.issues(doc)),
        *(Found(CHECKS, i) for i in empty),
        *(Found(CHECKS, i) for i in unread),
        *(Found(CHECKS, i) for i in ranges),
        *(Found(READER, i) for i in doc.issues),
        *(Found(METADATA, i) for i in meta.issues),
    ]
    return Processed(doc, meta, ctx, row, tuple(found), coverage, prose, blocks)


# Where an issue's message says it is: "samples/000.txt:64-70: …".
SPAN = re.compile(r"^[^\n]*?:(?P<first>\d+)(?:-(?P<last>\d+))?: ")


def _told_by_coverage(record: Record, coverage: Coverage) -> bool:
    """An action table's header with no action read under it
    (`actions.HEADER_UNREAD`) whose lines, the header's to its first cell's
    (the issue's span), a coverage block reports already."""
    if not isinstance(record, IssueRow) or HEADER_UNREAD not in record.message:
        return False
    if record.line is None:
        return False
    m = SPAN.search(record.message)
    last = int(m["last"]) if m and m["last"] else record.line
    return any(
        _in_block(b, record.page, record.line) and _in_block(b, record.page, last)
        for b in coverage.unparsed
    )


def _in_block(block: Block, page: int | None, line: int) -> bool:
    """Whether line `line` of `page` lies in a coverage block, one that runs
    over a page break too."""
    end_page = block.page if block.end_page is None else block.end_page
    if end_page == block.page:
        return page == block.page and block.line_start <= line <= block.line_end
    return (page == block.page and line >= block.line_start) or (
        page == end_page and line <= block.line_end
    )


def joined_words(doc: Document, facts: Iterable[Record]) -> Iterator[RepairRow]:
    """The `repairs` of the words the PDF reader joined again where a table
    cell's edge cut them (`Document.word_repairs`): one a table and column of
    the facts on the word's line whose text prints it as its cell does (the
    text holds the words either side of it there, or is part of them; case
    aside, as a qualifier "average" read from "Average"); a word cut alike
    twice on one line, once."""
    if not doc.word_repairs:
        return
    on_line = [f for f in facts if isinstance(f, Printed)]
    for (page, line), cuts in doc.word_repairs.items():
        logged: set[tuple[str, str, str]] = set()
        for repair, context in cuts:
            near = squash(strip_html(context)).lower()
            word = repair.repaired.lower()
            for f in on_line:
                if not _printed_on(f, page, line):
                    continue
                for name in f.__dataclass_fields__:
                    value = getattr(f, name)
                    if not isinstance(value, str) or not value:
                        continue
                    low = value.lower()
                    key = (f.table, name, repair.raw)
                    if (
                        word in low
                        and (near in low or low in near)
                        and key not in logged
                    ):
                        logged.add(key)
                        yield RepairRow.of(
                            doc.doc_id, f.table, name, repair, page=page, line=line
                        )


def _printed_on(fact: Printed, page: int, line: int) -> bool:
    """Whether `fact` was printed over line `line` of page `page`. A fact
    whose last line is above its first goes on over a page break, to that
    line of the next page."""
    if fact.line_end >= fact.line_start:
        return fact.page == page and fact.line_start <= line <= fact.line_end
    if fact.page == page:
        return line >= fact.line_start
    return fact.page == page - 1 and line <= fact.line_end


def document_row(
    doc: Document,
    meta: Metadata,
    coverage: Coverage,
    prose_coverage: float | None = None,
) -> DocumentRow:
    """The `documents` row of a readable input."""
    return DocumentRow(
        doc_id=doc.doc_id,
        source_path=doc.source_path,
        source_format=doc.source_format,
        title=meta.title,
        report_type=meta.report_type,
        organisation=meta.organisation,
        financial_year=meta.financial_year,
        quarters=list(meta.quarters),
        report_date=meta.report_date,
        committee=meta.committee,
        report_of=meta.cover.get("report_of"),
        contact_officer=meta.cover.get("contact_officer"),
        portfolio=meta.cover.get("portfolio"),
        key_decision=key_decision(meta.cover.get("key_decision")),
        report_track=meta.cover.get("report_track"),
        item_number=meta.cover.get("item_number"),
        n_lines=doc.n_lines,
        n_pages=doc.n_pages,
        coverage=coverage.share,
        status="ok",
        parser_version=PARSER_VERSION,
        text_form=doc.text_form,
        prose_coverage=prose_coverage,
        organisation_code=meta.organisation_code,
    )
