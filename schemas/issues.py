"""The issue catalogue: every `issues.code` the pipeline writes, its default
severity and what it means to QA. Issues are built only through
`extract.records.IssueRow.of`, which refuses a code that is not here."""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class IssueType:
    code: str
    severity: str
    description: str


ISSUE_TYPES: tuple[IssueType, ...] = (
    IssueType(
        "file_failed",
        "error",
        "The input could not be processed; the message says why.",
    ),
    IssueType(
        "no_text_layer",
        "warning",
        "A PDF page (or every page) has no text layer: images, or glyphs without "
        "a mapping to letters; OCR is needed.",
    ),
    IssueType("page_unreadable", "warning", "A PDF page PDFium could not read."),
    IssueType(
        "encoding",
        "info",
        "How an input's text was read where it was not plain UTF-8 or lost "
        "characters: the encoding used, bytes replaced, NULs removed; ligatures "
        "spelt out as letters, soft hyphens and zero-width characters removed "
        "(text or PDF).",
    ),
    IssueType(
        "tabs_expanded",
        "info",
        "A TAB export whose TABs were expanded to spaces: read with them put back "
        "at the tab stops its gaps end on.",
    ),
    IssueType(
        "no_facts",
        "info",
        "A readable document that gave no fact row (warning when it prints "
        "figures in tables).",
    ),
    IssueType(
        "unparsed_block",
        "warning",
        "Table-like lines with numbers that no recogniser claimed.",
    ),
    IssueType(
        "duplicate_key",
        "warning",
        "A natural key found twice in one report: the first row is kept "
        "(info when only the wording differs).",
    ),
    IssueType(
        "missing_key",
        "warning",
        "A fact whose natural key lacks a part (no financial year, period or plan "
        "could be told): not written, since key columns are never null.",
    ),
    IssueType(
        "duplicate_input",
        "info",
        "The same bytes at two paths: one document.",
    ),
    IssueType(
        "limit_exceeded", "error", "An input refused by a limit (size, pages, time)."
    ),
    IssueType(
        "value_out_of_range",
        "error",
        "A value outside the world it describes, or one its column cannot hold.",
    ),
    IssueType(
        "schema_violation",
        "error",
        "A row that breaks its table's schema (a null key part, a value not "
        "allowed, a key written twice): not written; the run exits 1.",
    ),
    IssueType("unreadable_value", "warning", "A printed value that could not be read."),
    IssueType(
        "inconsistent_change",
        "warning",
        "A quarter block whose change does not follow from its two totals.",
    ),
    IssueType(
        "summary_mismatch",
        "warning",
        "A summary grid whose counts, percents or total disagree (info: with "
        "the ratings printed beside the items).",
    ),
    IssueType(
        "conflicting_values",
        "warning",
        "Two reports disagree on one observation; the latest report's value wins.",
    ),
    IssueType(
        "relabelled_value",
        "warning",
        "One indicator's row read at two places of a report that agree on a "
        "figure under one label, with another figure under different labels "
        "(a row printed twice, one printing read under another grid's "
        "header): which label is the figure's own is not certain.",
    ),
    IssueType(
        "ambiguous_repair",
        "warning",
        "An impossible printed value with several readings: left as printed.",
    ),
    IssueType(
        "uncertain_column",
        "warning",
        "Cells of a layout text's table that could belong to more than one column "
        "(marks after a page break, set apart unevenly): read by where they stand "
        "in proportion, which may put them a column off.",
    ),
    IssueType(
        "ambiguous_field",
        "warning",
        "A cover-sheet field whose end could not be found.",
    ),
    IssueType(
        "unknown_symbol", "warning", "A rating mark that is not in the symbol map."
    ),
    IssueType(
        "unknown_category",
        "warning",
        "A breakdown label that matches no canonical category.",
    ),
    IssueType(
        "ambiguous_category",
        "warning",
        "A breakdown label close to two canonical categories.",
    ),
    IssueType(
        "unknown_status_label",
        "warning",
        "A summary grid column label that matches no status category.",
    ),
    IssueType(
        "new_indicator",
        "info",
        "An indicator name not in the registry: a new id was made for it.",
    ),
    IssueType("bad_date", "warning", "A printed date that could not be read."),
    IssueType(
        "inconsistent_date",
        "warning",
        "A quarter block whose printed date falls in another financial year "
        "than its column or report gives it: a typo, or a block of another "
        "year; the column's or report's year is kept.",
    ),
    IssueType(
        "unclear_unit",
        "warning",
        "A figure in prose whose unit cannot be told (a change with no % sign "
        "and no noun): kept as a statement with unit null.",
    ),
)

BY_CODE: dict[str, IssueType] = {t.code: t for t in ISSUE_TYPES}
