"""TAB text exports (.txt): table rows are lines with cells separated by TABs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from extract.document import Cell, Document, Row
from extract.layout.tab_rows import build_rows
from extract.readers.decode import describe
from extract.readers.errors import doc_id_of
from extract.records import IssueRow

if TYPE_CHECKING:
    from extract.readers.expanded_tabs import Restored


def read_tab_text(
    source_path: str,
    data: bytes,
    lines: list[str],
    encoding: str,
    text_form: str = "tab",
) -> Document:
    """A TAB export (or a narrative report without columns)."""
    doc_id = doc_id_of(data)
    lines = untrimmed(lines)
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


def untrimmed(lines: list[str]) -> list[str]:
    """The lines of a TAB export whose trailing whitespace was trimmed (an
    editor's "trim trailing whitespace", `sed 's/[ \t]*$//'`), with the empty
    cells it took back.

    A TAB export prints a table row's empty last cells as TABs, so a row that
    only goes on with its first cell's text (samples/000 lines 32-34, the rest
    of an action's progress) is a line of text and TABs; trimmed, it is a line
    of text, and the table seems to end above it. The samples print no line
    without TABs straight under a table row, so in a text where no line ends
    in a TAB such a line is taken for a row of the table above: it gets that
    row's TABs. A text with a line ending in a TAB kept them all, and is
    returned as it is.
    """
    if any(line.endswith("\t") for line in lines) or not any(
        "\t" in line for line in lines
    ):
        return lines
    out = list(lines)
    for i in range(1, len(out)):
        line, above = out[i], out[i - 1]
        if line.strip() and "\t" not in line and "\t" in above:
            out[i] = line + "\t" * above.count("\t")
    return out


def read_expanded_tab_text(
    source_path: str, data: bytes, restored: Restored, encoding: str
) -> Document:
    """A TAB export whose TABs were expanded to spaces, read with its TABs put
    back (`extract.readers.expanded_tabs`). A row with a line whose cells
    cannot be told apart is left unread: `unparsed_block`."""
    doc = read_tab_text(source_path, data, restored.lines, encoding)
    rows = tuple(
        _unread(row) if _in_doubt(row, restored.doubtful) else row for row in doc.rows
    )
    told = IssueRow.of(
        "tabs_expanded",
        doc.doc_id,
        f"{source_path}: TABs expanded to spaces at {restored.size}-column stops; "
        "read with the TABs put back",
    )
    return replace(
        doc,
        rows=rows,
        issues=(*doc.issues, told, *_unread_issues(doc, rows)),
    )


def _in_doubt(row: Row, doubtful: frozenset[int]) -> bool:
    return any(i - 1 in doubtful for i in range(row.line_start, row.line_end + 1))


def _unread(row: Row) -> Row:
    """The row with no text: a table row whose cells could not be told apart."""
    blank = Cell("", "", 0, None, row.line_start, row.line_end)
    return Row((blank,), None, row.line_start, row.line_end, False, unread=True)


def _unread_issues(doc: Document, rows: tuple[Row, ...]) -> Iterator[IssueRow]:
    for row in rows:
        if row.unread:
            yield unread_issue(
                doc,
                row.line_start,
                row.line_end,
                "its TABs were expanded to spaces and which of its single spaces "
                "were TABs cannot be told",
            )


def unread_issue(doc: Document, start: int, end: int, why: str) -> IssueRow:
    """`unparsed_block` for table rows on lines `start`-`end` left unread."""
    return IssueRow.at(
        "unparsed_block",
        doc,
        start,
        f"table row not read: {why}",
        severity="warning",
        span=f"{start}-{end}" if end > start else None,
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
