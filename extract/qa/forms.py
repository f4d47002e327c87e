"""The forms of one report (its text export, PDFs, pdftotext copies) and where
they disagree.

A run over `samples/` reads each report five to seven times; QA wants one
section per report that says which forms gave the same rows and which did not.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from extract.qa.compare import TableDiff, compare_rows
from extract.qa.pairing import rename_ids
from extract.qa.tables_io import Row, Value
from schemas.tables import BY_NAME, DOCUMENTS, FACT_TABLES, PROVENANCE

# How samples/ names the other forms of `000_….txt`: pdf/000_…-ruled.pdf,
# text/000_…-layout.txt (samples/pdf/build.py, samples/text/build.py).
FORM_SUFFIX = re.compile(r"-(?:ruled|unruled|glyphs|dingbats|layout|plain)$")
# Where a value sits differs between forms by nature: a PDF has pages, a text
# export its own line numbers; what a form says about its file is its own.
NOT_COMPARED = (
    *(name for name, _ in PROVENANCE),
    "doc_id",
    "source_path",
    "source_format",
    "text_form",
    "n_lines",
    "n_pages",
    "coverage",
    "status",
)
SHOWN_PER_FORM = 25


@dataclass(frozen=True, slots=True)
class Disagreement:
    table: str
    kind: str  # "only in this form", "missing here", "differs"
    key: str
    column: str
    reference: str
    this_form: str


@dataclass(frozen=True, slots=True)
class Form:
    doc: Row
    disagreements: tuple[Disagreement, ...]  # with the report's reference form

    @property
    def source_path(self) -> str:
        return str(self.doc.get("source_path"))

    @property
    def summary(self) -> tuple[str, ...]:
        """Per table: "indicator_values: 2 differs, 1 missing here"."""
        counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for d in self.disagreements:
            counts[d.table][d.kind] += 1
        return tuple(
            f"{t}: " + ", ".join(f"{n} {kind}" for kind, n in kinds.items())
            for t, kinds in counts.items()
        )


@dataclass(frozen=True, slots=True)
class Report:
    name: str
    forms: tuple[Form, ...]  # the reference form first

    @property
    def reference(self) -> Form:
        return self.forms[0]


def report_name(source_path: Value) -> str:
    """The report a file is a form of: its name without folder, suffix or form."""
    return FORM_SUFFIX.sub("", PurePosixPath(str(source_path)).stem)


def _show(value: Value) -> str:
    return "–" if value is None else str(value)


def _key(pairs: Sequence[tuple[str, Value]], skip: str = "doc_id") -> str:
    return ", ".join(f"{k}={_show(v)}" for k, v in pairs if k != skip)


def _listed(diff: TableDiff) -> list[Disagreement]:
    t = diff.table
    keyed = [(dict(r), "only in this form") for r in diff.added]
    keyed += [(dict(r), "missing here") for r in diff.removed]
    out = [
        Disagreement(t, kind, _key([(k, r.get(k)) for k in diff.key]), "", "", "")
        for r, kind in keyed
    ]
    out += [
        Disagreement(t, "differs", _key(c.key), ch.column, _show(ch.old), _show(ch.new))
        for c in diff.changed
        for ch in c.changes
    ]
    return out


def _of(doc: Row, tables: dict[str, list[Row]]) -> dict[str, list[Row]]:
    return {
        t: [r for r in tables[t] if r.get("doc_id") == doc["doc_id"]]
        for t in (DOCUMENTS.name, *FACT_TABLES)
    }


def disagreements(
    reference: Row, other: Row, tables: dict[str, list[Row]]
) -> tuple[Disagreement, ...]:
    """Rows and values of `other` that its report's reference form does not give."""
    ref, mine = _of(reference, tables), _of(other, tables)
    ids = {str(other["doc_id"]): str(reference["doc_id"])}
    out: list[Disagreement] = []
    for name in (DOCUMENTS.name, *FACT_TABLES):
        t = BY_NAME[name]
        diff = compare_rows(
            name,
            t.key,
            (t.columns, ref[name]),
            (t.columns, rename_ids(mine[name], ids)),
            tolerance=1e-9,
            ignore=NOT_COMPARED,
        )
        out += _listed(diff)
    # Values that differ first: a form that read nothing would bury them.
    return tuple(sorted(out, key=lambda d: d.kind != "differs"))


def _reference_first(docs: Sequence[Row]) -> list[Row]:
    """The report's own name (no form suffix), then text before PDF, then path."""
    return sorted(
        docs,
        key=lambda d: (
            bool(FORM_SUFFIX.search(PurePosixPath(str(d.get("source_path"))).stem)),
            d.get("source_format") != "txt",
            str(d.get("source_path")),
        ),
    )


def reports(tables: dict[str, list[Row]]) -> list[Report]:
    """Every report of the run with its forms, by the reference form's path."""
    groups: dict[str, list[Row]] = defaultdict(list)
    for doc in tables[DOCUMENTS.name]:
        groups[report_name(doc.get("source_path"))].append(doc)
    out = []
    for name, docs in groups.items():
        first, *others = _reference_first(docs)
        forms = [Form(first, ())]
        forms += [Form(d, disagreements(first, d, tables)) for d in others]
        out.append(Report(name, tuple(forms)))
    return sorted(out, key=lambda r: r.reference.source_path)
