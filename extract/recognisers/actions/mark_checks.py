"""Marks an action prints where which quarter they rate cannot be told: each
an `unparsed_block` warning, the mark kept where it was read (or left out)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence

from extract.document import Document
from extract.recognisers.actions.drafts import Draft, Mark
from extract.records import IssueRow
from normalise.symbols import clean_symbol

# Unicode's categories of symbols: other ("▶", "✓"), mathematical ("√",
# "→", "×"; not ASCII's "+" or "<"), and the private-use code points of
# symbol fonts.
SYMBOLS = frozenset({"So", "Sm", "Co"})
# The selector that asks for a glyph's emoji form ("✔️").
VARIATION = "\ufe0f"
# A mark as a symbol font prints it: one digit ("5", Wingdings' check).
FONT_DIGIT = re.compile(r"\d")


def repeated_marks(doc: Document, drafts: Sequence[Draft]) -> Iterator[IssueRow]:
    """A warning for each mark an action prints in a quarter column that a
    line of it above marked already, where it is lost: one mark a quarter
    is read, the first. It is lost where it differs from that mark ("▲"
    under line 12's "✓", a sub-item's own rating), or, in `-layout` text,
    where it is alone on its line: it may rate another quarter, printed a
    column off where a page break set the columns again (tests/fixtures/
    portrait/v003_000-portrait-layout line 253: the cemetery action's
    Quarter 3 mark under Q2, whose mark line 240 printed). The same mark on
    a line that marks another quarter too is an earlier one printed again
    ("✓  ✓" on the Q2 line under Q1's "✓"): nothing is lost."""
    layout = doc.text_form == "layout"
    for draft in drafts:
        marked = [(m, s) for m in draft.marks if (s := clean_symbol(m.raw)[0])]
        per_line: dict[int, int] = {}
        for mark, _ in marked:
            per_line[mark.line] = per_line.get(mark.line, 0) + 1
        first: dict[str, tuple[Mark, str]] = {}
        for mark, symbol in marked:
            kept, kept_symbol = first.setdefault(mark.quarter, (mark, symbol))
            if kept.line == mark.line:
                continue
            if symbol != kept_symbol or (layout and per_line[mark.line] == 1):
                yield IssueRow.at(
                    "unparsed_block",
                    doc,
                    mark.line,
                    f"{draft.title}: mark {symbol!r} not read: the {mark.quarter} "
                    f"column holds line {kept.line}'s mark already, and one "
                    "mark a quarter is read",
                    page=mark.page,
                    severity="warning",
                )


def marks_as_outcomes(doc: Document, drafts: Sequence[Draft]) -> Iterator[IssueRow]:
    """A warning for each action of a `-layout` text whose Outcomes text is a
    symbol alone ("▶", "✓", or a symbol font's "5"): a rating printed a
    little before its quarter's column, in the Outcomes column's place
    (tests/fixtures/portrait/v003_000-portrait-layout line 259: the AQMA
    action's Q1 "5" at 98, "Q1 Rating" at 101). Which quarter it rates
    cannot be told by its place: a figure set to the right ends just short
    of the next column too. Words and dashes ("N/A", "-", "Completed") are
    Outcomes text; a TAB text's columns are its cells."""
    if doc.text_form != "layout":
        return
    for draft in drafts:
        if draft.outcomes is not None and _symbol_alone(draft.outcomes):
            yield IssueRow.at(
                "unparsed_block",
                doc,
                draft.line_start,
                f"{draft.title}: Outcomes {draft.outcomes!r} is a rating mark "
                "alone, printed before the quarter columns, so which quarter "
                "it rates cannot be told; kept as the Outcomes text",
                page=draft.page,
                severity="warning",
                span=f"{draft.line_start}-{draft.line_end}",
            )


def _symbol_alone(text: str) -> bool:
    """One symbol glyph ("▶", "√", "→", a symbol font's private-use code
    point), a LaTeX symbol's name ("\\bigcirc"), or one digit as a symbol
    font prints its marks."""
    symbol, _ = clean_symbol(text)
    if not symbol:
        return False
    symbol = symbol.replace(VARIATION, "")
    if len(symbol) == 1:
        return (
            unicodedata.category(symbol) in SYMBOLS and not symbol.isascii()
        ) or FONT_DIGIT.fullmatch(symbol) is not None
    return symbol.startswith("\\")
