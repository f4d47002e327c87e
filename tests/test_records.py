"""Record classes compare, hash and print as a plain frozen dataclass would."""

from __future__ import annotations

import dataclasses
from datetime import date

from extract.records import RECORD_CLASSES, IssueRow, Rolling12


@dataclasses.dataclass(frozen=True, slots=True)
class PlainIssue:
    doc_id: str | None
    severity: str
    code: str
    message: str
    page: int | None
    line: int | None


def test_a_record_is_equal_hashed_and_shown_as_its_dataclass() -> None:
    issue = IssueRow.of("file_failed", "d", "x.txt: cannot be read", line=3)
    plain = PlainIssue(*(getattr(issue, f.name) for f in dataclasses.fields(issue)))
    assert issue == IssueRow.of("file_failed", "d", "x.txt: cannot be read", line=3)
    assert issue != dataclasses.replace(issue, line=4)
    assert issue != plain and issue.__eq__(plain) is NotImplemented
    assert hash(issue) == hash(plain)
    assert repr(issue) == repr(plain).replace("PlainIssue", "IssueRow", 1)
    assert len({issue, dataclasses.replace(issue)}) == 1


def test_every_record_class_keeps_one_eq_hash_and_repr() -> None:
    for kind in RECORD_CLASSES:
        assert kind.__eq__ is IssueRow.__eq__, kind
        assert kind.__hash__ is IssueRow.__hash__, kind
        assert kind.__repr__ is IssueRow.__repr__, kind
    fields = {f.name: None for f in dataclasses.fields(Rolling12)}
    row = Rolling12(**{**fields, "as_of_date": date(2017, 7, 24)})
    assert "as_of_date=datetime.date(2017, 7, 24)" in repr(row)
