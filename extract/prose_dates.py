"""Impossible dates in progress texts, repaired where the text says enough.

"… a meeting … scheduled to discuss Technology, Systems and Partnerships
201.10.17" (samples/000 line 32): one digit too many. A meeting is held on a
working day, so of 20.10.17 (Friday), 21.10.17 (Saturday) and 01.10.17 (Sunday)
the Friday is the reading; the text is corrected and the choice logged in
`repairs` with the other candidates. With nothing to decide by, the text stays
as printed and an `ambiguous_repair` issue lists the candidates.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator

from extract.document import Document
from extract.records import Action, ActionUpdate, IssueRow, Record, RepairRow
from normalise.dates import parse_date, repair_date

DATE_TOKEN = re.compile(r"(?<![\d.])\d{1,3}[./]\d{1,3}[./]\d{2}(?:\d{2})?(?![\d.]?\d)")
# What every DATE_TOKEN prints after its day (".07.17"): a progress text
# without it holds no date, and this search, which opens with a stop, runs
# far faster over a long text.
DATE_PART = re.compile(r"[./]\d{1,3}[./]\d\d")
MEETING = re.compile(
    r"\b(?:meeting|meet|met|scheduled|held|committee|board|cabinet)\b", re.IGNORECASE
)


def repair_progress_dates(doc: Document, records: Iterable[Record]) -> Iterator[Record]:
    """The records, with impossible dates in action progress texts repaired."""
    for record in records:
        yield from repair_record_dates(doc, record)


def repair_record_dates(doc: Document, record: Record) -> list[Record]:
    """What the repairs of one record's progress text logged, then the record."""
    if isinstance(record, Action | ActionUpdate) and record.progress:
        text, logged = _repaired(doc, record, record.progress)
        if text != record.progress:
            record = dataclasses.replace(record, progress=text)
        return [*logged, record]
    return [record]


def _repaired(
    doc: Document, record: Action | ActionUpdate, text: str
) -> tuple[str, list[Record]]:
    logged: list[Record] = []
    if DATE_PART.search(text) is None:
        return text, logged

    def fix(m: re.Match[str]) -> str:
        raw = m[0]
        if parse_date(raw) is not None:
            return raw
        meeting = MEETING.search(text[max(0, m.start() - 200) : m.start()]) is not None
        day, repair = repair_date(raw, meeting=meeting)
        if repair is None:
            return raw
        if day is None:
            logged.append(
                IssueRow.at(
                    "ambiguous_repair",
                    doc,
                    record.line_start,
                    f'date "{raw}" in {record.table}.progress is impossible; '
                    f"candidates {', '.join(repair.alternatives)}; left as printed",
                    page=record.page,
                )
            )
            return raw
        logged.append(
            RepairRow(
                doc_id=doc.doc_id,
                target=record.table,
                column="progress",
                page=record.page,
                line=record.line_start,
                raw=raw,
                repaired=repair.repaired,
                rule=repair.rule,
                confidence=repair.confidence,
                alternatives=list(repair.alternatives),
            )
        )
        return repair.repaired

    return DATE_TOKEN.sub(fix, text), logged
