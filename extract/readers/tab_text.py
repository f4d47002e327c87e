"""TAB text exports (.txt): table rows are lines with cells separated by TABs."""

from __future__ import annotations

from extract.document import Document
from extract.layout.tab_rows import build_rows
from extract.readers.decode import describe
from extract.readers.errors import doc_id_of
from extract.records import IssueRow


def read_tab_text(
    source_path: str,
    data: bytes,
    lines: list[str],
    encoding: str,
    text_form: str = "tab",
) -> Document:
    """A TAB export (or, until it has a reader of its own, reading-order text)."""
    doc_id = doc_id_of(data)
    return Document(
        doc_id=doc_id,
        source_path=source_path,
        source_format="txt",
        lines=tuple(lines),
        rows=tuple(build_rows(lines)),
        encoding=encoding,
        issues=encoding_issues(doc_id, source_path, encoding),
        text_form=text_form,
    )


def encoding_issues(
    doc_id: str, source_path: str, encoding: str
) -> tuple[IssueRow, ...]:
    """An info issue for a text that is not plain UTF-8: the encoding used (and
    whether it was guessed), undefined bytes replaced, NULs removed."""
    read_as = describe(encoding)
    if read_as is None:
        return ()
    return (IssueRow.of("encoding", doc_id, f"{source_path}: {read_as}"),)
