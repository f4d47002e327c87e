"""`reportx inspect`: one report line by line: the block it belongs to, the
recognisers that claimed it (`extract.claims`), or "unclaimed", and the rows
that went to the tables from it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text

from extract import pipeline
from extract.blocks import Blocks
from extract.coverage import Coverage, LineRef
from extract.document import Document
from extract.pipeline import process_document
from extract.readers import read_document
from extract.recognisers.statements import LEFT_OVER, STATEMENT, ProseReading
from extract.records import Record, as_row
from schemas.tables import BY_NAME, FACT_TABLES

DOCUMENTS = "documents"
WIDTH = 200
CLAIM_WIDTH = 18
BLOCK_WIDTH = 10
UNCLAIMED = "unclaimed"
# Shown beside the key: the columns that say what a row holds.
HEADLINE = (
    "value",
    "count",
    "percent",
    "previous_12_months",
    "last_12_months",
    "title",
    "rating",
)


@dataclass(frozen=True, slots=True)
class Produced:
    """A fact row as inspect shows it: its table, key values and headline values."""

    recogniser: str
    table: str
    line_start: int
    line_end: int
    summary: str


@dataclass(frozen=True, slots=True)
class InspectedLine:
    page: int | None
    number: int
    text: str
    recognisers: tuple[str, ...]
    rows: tuple[Produced, ...]
    tabular: bool
    # "table 3", "prose 7": the block of the block stage the line belongs to.
    block: str | None = None

    @property
    def tables(self) -> tuple[str, ...]:
        """The tables the rows starting on this line went to."""
        return tuple(dict.fromkeys(r.table for r in self.rows))

    @property
    def unclaimed(self) -> bool:
        """A table line with numbers that no recogniser claimed."""
        return self.tabular and not self.recognisers


@dataclass(frozen=True, slots=True)
class Inspection:
    source_path: str
    doc_id: str
    coverage: Coverage
    rows_per_recogniser: tuple[tuple[str, int], ...]
    lines: tuple[InspectedLine, ...]
    prose: ProseReading | None = None

    @property
    def unclaimed(self) -> tuple[InspectedLine, ...]:
        return tuple(line for line in self.lines if line.unclaimed)


def _summary(record: Record) -> str:
    row = as_row(record)
    table = getattr(record, "table", "")
    key = [k for k in BY_NAME[table].key if k != "doc_id"] if table in BY_NAME else []
    shown = [f"{k}={row[k]}" for k in key if row.get(k) is not None]
    shown += [
        f"{k}={row[k]}"
        for k in HEADLINE
        if k in row and k not in key and row[k] is not None
    ]
    text = " ".join(shown)
    return text if len(text) <= WIDTH else text[: WIDTH - 1] + "…"


def _printed_lines(doc: Document) -> Iterator[tuple[int | None, int, str]]:
    if doc.page_lines:
        for page in sorted(doc.page_lines):
            for n, text in enumerate(doc.page_lines[page], start=1):
                yield page, n, text
    else:
        for n, text in enumerate(doc.lines, start=1):
            yield None, n, text


def inspect_document(doc: Document) -> Inspection:
    """Every printed line of `doc` with its claims, produced rows and coverage,
    from the same pipeline `reportx extract` runs."""
    processed = process_document(doc)
    # The recognisers the pipeline offered the document, in their order.
    offered = tuple(r.NAME for r in pipeline.RECOGNISERS)
    claimed: dict[LineRef, list[str]] = {}
    produced: dict[LineRef, list[Produced]] = {}
    counts: Counter[str] = Counter()
    blocks = processed.blocks
    for claim in blocks.claims if blocks is not None else ():
        for n in range(claim.line_start, claim.line_end + 1):
            names = claimed.setdefault((claim.page, n), [])
            if claim.recogniser not in names:
                names.append(claim.recogniser)
    for found in processed.found:
        fact = found.record
        if found.step not in offered or fact.table not in FACT_TABLES:
            continue
        counts[found.step] += 1
        start, end = getattr(fact, "line_start", 0), getattr(fact, "line_end", 0)
        produced.setdefault((getattr(fact, "page", None), start), []).append(
            Produced(found.step, fact.table, start, end, _summary(fact))
        )
    for name, number in processed.meta.lines.items():
        # The cover-sheet field read from this line (text input numbers its
        # lines once; a PDF's fields are on its first page).
        page = None if not doc.page_lines else min(doc.page_lines)
        claimed.setdefault((page, number), []).append(DOCUMENTS)
        value = as_row(processed.document).get(name)
        produced.setdefault((page, number), []).append(
            Produced(DOCUMENTS, "documents", number, number, f"{name}={value}")
        )
    coverage = processed.coverage
    tabular = {(t.page, t.line) for t in coverage.lines if t.tokens}
    in_block = _block_names(blocks)
    lines = tuple(
        InspectedLine(
            page,
            n,
            text,
            tuple(claimed.get((page, n), ())),
            tuple(produced.get((page, n), ())),
            (page, n) in tabular,
            in_block.get((page, n)),
        )
        for page, n, text in _printed_lines(doc)
    )
    return Inspection(
        doc.source_path,
        doc.doc_id,
        coverage,
        tuple((name, counts[name]) for name in offered),
        lines,
        processed.prose,
    )


def _block_names(blocks: Blocks | None) -> dict[LineRef, str]:
    """Each printed line's block, as "table 3" or "prose 7"."""
    out: dict[LineRef, str] = {}
    if blocks is None:
        return out
    for block in blocks.blocks:
        for i in block.rows:
            row = blocks.rows[i]
            for n in range(row.line_start, row.line_end + 1):
                out.setdefault((row.page, n), f"{block.kind} {block.index}")
    return out


def inspect_file(path: Path) -> Inspection:
    """Read one report (.txt or .pdf) and inspect it."""
    return inspect_document(read_document(path, path.name, path.read_bytes()))


def _shown(text: str) -> str:
    text = text.replace("\t", " │ ")
    return text if len(text) <= WIDTH else text[: WIDTH - 1] + "…"


def header(ins: Inspection) -> list[Text]:
    cov = ins.coverage
    share = (
        "n/a (no numbers on table lines)"
        if cov.share is None
        else (
            f"{cov.share:.1%} ({cov.n_covered} of {cov.n_tokens} numbers on table "
            "lines claimed)"
        )
    )
    made = ", ".join(f"{name} {n}" for name, n in ins.rows_per_recogniser if n)
    return [
        Text(f"{ins.source_path}  doc_id {ins.doc_id}", style="bold"),
        Text(f"coverage: {share}"),
        *_prose_lines(ins.prose),
        Text(f"rows: {made or 'none'}"),
        Text(
            f"unclaimed table lines: {len(ins.unclaimed)}; unparsed blocks: "
            f"{len(cov.unparsed)}"
        ),
        Text(""),
    ]


def _prose_lines(prose: ProseReading | None) -> list[Text]:
    """Prose coverage, the numbers each skip rule took and those left over."""
    if prose is None:
        return []
    status = Counter(n.status for n in prose.numbers)
    made, left = status.pop(STATEMENT, 0), status.pop(LEFT_OVER, 0)
    if not made + left:
        return []
    share = f"{prose.coverage or 0:.1%}"
    skipped = ", ".join(f"{rule} {n}" for rule, n in sorted(status.items()))
    out = [
        Text(
            f"prose coverage: {share} ({made} of {made + left} value numbers in "
            f"prose became statements); skipped: {skipped or 'none'}"
        )
    ]
    out += [
        Text(f'  left over: {n.line} "{n.text}"', style="red") for n in prose.left_over
    ]
    return out


def render(ins: Inspection, only_unclaimed: bool = False) -> list[Text]:
    """The inspection as styled lines: claimed in green, unclaimed tables in red."""
    out = header(ins)
    page: int | None = None
    for line in ins.lines:
        if only_unclaimed and not line.unclaimed:
            continue
        if line.page != page and line.page is not None:
            out.append(Text(f"── page {line.page} ──", style="bold"))
        page = line.page
        if line.recognisers:
            label, style = ",".join(line.recognisers), "green"
        elif line.unclaimed:
            label, style = f"! {UNCLAIMED}", "bold red"
        elif line.text.strip():
            label, style = UNCLAIMED, "dim"
        else:
            label, style = "", "dim"
        text = Text(f"{line.number:>5} ")
        text.append(f"{line.block or '':<{BLOCK_WIDTH}}", style="dim")
        text.append(f"{label:<{CLAIM_WIDTH}}", style=style)
        text.append(" " + _shown(line.text), style="red" if line.unclaimed else "")
        out.append(text)
        for row in line.rows:
            span = (
                f"{row.line_start}-{row.line_end}"
                if row.line_end > row.line_start
                else f"{row.line_start}"
            )
            out.append(
                Text(f"{'':>6}↳ {row.table} [{span}] {row.summary}", style="cyan")
            )
    return out
