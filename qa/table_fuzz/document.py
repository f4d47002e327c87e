"""A generated document: how its cells are printed, the pipeline's reading of
it, and what a check makes of that reading."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from hypothesis import strategies as st

from extract.pipeline import Processed, process_document
from extract.readers import read_document

# The name a generated document is read under; issue messages start with it.
SOURCE = "generated.txt"
ISSUE_SPAN = re.compile(rf"^{re.escape(SOURCE)}:(\d+)(?:-(\d+))?(?!\d)")


class GeneratedCase(Protocol):
    """What the runner needs of a generated case."""

    @property
    def form(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def text_form(self) -> str | None: ...


CaseT = TypeVar("CaseT", bound=GeneratedCase)


@dataclass(frozen=True, slots=True)
class Verdict:
    """A check of one reading: its faults, their causes where a classifier
    names one, and the expected and produced values in short."""

    faults: tuple[str, ...]
    causes: tuple[str, ...]
    expected: tuple[str, ...]
    produced: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TableKind(Generic[CaseT]):
    """One table kind: its forms, the known-fault inputs it can leave out, a
    generator of cases per form and the check of a case."""

    name: str
    forms: tuple[str, ...]
    avoidable: dict[str, str]  # name -> the input it leaves out
    cases: Callable[[str, frozenset[str]], st.SearchStrategy[CaseT]]
    check: Callable[[CaseT], Verdict]


@dataclass(frozen=True, slots=True)
class IssueSpan:
    """The lines an issue names: the span its message opens with, else its line."""

    code: str
    first: int
    last: int
    from_message: bool

    def covers(self, line: int) -> bool:
        return self.first <= line <= self.last


class Printer:
    """The lines of a document being printed, 1-based as issues name them."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, *lines: str) -> list[int]:
        """Print `lines`; their line numbers."""
        start = len(self.lines) + 1
        self.lines.extend(lines)
        return list(range(start, start + len(lines)))

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def wrap(text: str, width: int) -> list[str]:
    """`text` broken into lines of at most `width` at its words (a longer word
    is a line of its own), as a cell wraps at its column's width."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def squash(text: str) -> str:
    """`text` with every run of whitespace one space."""
    return " ".join(text.split())


def read(text: str, text_form: str | None) -> Processed:
    """The pipeline's reading of a generated text."""
    doc = read_document(Path(SOURCE), SOURCE, text.encode(), text_form=text_form)
    return process_document(doc)


def records(processed: Processed, table: str) -> list[Any]:
    """The records of one table, in the order produced."""
    return [f.record for f in processed.found if f.record.table == table]


def issue_spans(processed: Processed) -> list[IssueSpan]:
    """The line span of every issue that names one."""
    spans = []
    for issue in records(processed, "issues"):
        if m := ISSUE_SPAN.match(issue.message):
            first = int(m[1])
            spans.append(IssueSpan(issue.code, first, int(m[2] or first), True))
        elif issue.line is not None:
            spans.append(IssueSpan(issue.code, issue.line, issue.line, False))
    return spans
