"""Action tables in reading-order text: pdftotext without -layout, or text
copied from a PDF viewer, prints an "Action & Progress Update | Outcomes | Q1
Rating … Q4 Rating" table's cells one after another, each a paragraph: the
header's labels ("Q1 Rating" may come later, between cells), the action cell
(its title, its quarter texts run on or spilt over several paragraphs), the
Outcomes cell, the rating symbols ("\\bigcirc", "▶") each on its own
(samples/text/000_af055924f554b2ff-plain.txt lines 317-352). How a paragraph
is told for a label, symbols or text: see `plain_cells`.

A table runs from its header (the action label, then "Outcomes") to the next
header, a "Strategic Objective", a summary grid or its heading, another table's
column label, a new plan or theme, or a paragraph another recogniser read. In
it a paragraph of text starts an action when no action is open, when its
quarter labels start again ("Lead and roll-out … Q1 - …" after an action's
"Q4 –"), or, once the open action has its Outcomes (or symbols) and no quarter
label, when a paragraph without labels (its own Outcomes) follows it. The
first paragraph without labels after an action's text, before its symbols, is
its Outcomes; every other paragraph continues the open action.

Reading order does not say which rating column a symbol sits in: a symbol is
printed after the label of its column, so the symbols of an action are placed
only when they are as many as the rating labels printed before them, the labels
Q1, Q2, … in order (one a column). A table is read only when every action in it
is certain: its symbols placed, or no symbol printed anywhere in the table, and
no paragraph whose place cannot be told (quarters starting again with no title,
a symbol run into text). Every other table is left unclaimed, and reported as
an `unparsed_block`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial

from extract.blocks import Blocks
from extract.blocks.paragraphs import Paragraph
from extract.blocks.reading_order import is_column_label
from extract.context import Context
from extract.document import Row
from extract.recognisers.actions import plain_action, plain_cells, plain_milestones
from extract.recognisers.actions.action_table import ACTION_LABEL, OUTCOMES_HEADER
from extract.recognisers.actions.drafts import RULE, SUMMARY_HEADING
from extract.recognisers.actions.plain_action import Unread as Unread
from extract.recognisers.actions.quarter_labels import (
    Para,
    bare_quarters,
    leading_quarters,
)
from normalise.patterns import compiled
from normalise.text import may_hold, squash
from normalise.vocabulary import status_category

# "Strategic Objective Improving the Council's social housing stock …": the
# objective row of the next table, run into its text.
OBJECTIVE = compiled(r"^Strategic\s+Objective\b", re.IGNORECASE)
# A status grid's label is short ("Project on target"); an action text can
# name a status in a sentence.
STATUS_LABEL_CHARS = 120


def readings(
    blocks: Blocks, ctx: Context, name: str
) -> Iterator[plain_action.Reading | Unread]:
    """Every action of the document's reading-order action tables whose reading
    is certain, and each table that is not, in document order; then the same
    of its milestone tables (`plain_milestones`)."""
    if not blocks.reading_rows:
        return
    footer = [p.page_footer for p in blocks.paragraphs]
    paras = [p for p, f in zip(blocks.paragraphs, footer, strict=True) if not f]
    footers = [p for p, f in zip(blocks.paragraphs, footer, strict=True) if f]
    k = 0
    while k < len(paras):
        if not _is_header(paras, k):
            k += 1
            continue
        header = paras[k]
        k, actions = _table(blocks, ctx, name, paras, k + 2)
        if actions is None:
            yield Unread(header, paras[max(k - 1, 0)])
            continue
        rows = [p.row_index for r in actions for p in r.paras]
        within = [p for p in footers if min(rows) < p.row_index < max(rows)]
        first = replace(actions[0], paras=(*actions[0].paras, *within))
        yield from [first, *actions[1:]]
    yield from plain_milestones.readings(blocks, name)


def _is_header(paras: Sequence[Paragraph], k: int) -> bool:
    """The action label ("… Action & Progress Update"), then "Outcomes"."""
    if not may_hold(paras[k].text, ("action",)):
        return False
    m = ACTION_LABEL.search(squash(paras[k].text))
    return (
        m is not None
        and bool(m["progress"])
        and k + 1 < len(paras)
        and OUTCOMES_HEADER.match(squash(paras[k + 1].text)) is not None
    )


@dataclass(frozen=True, slots=True)
class _Cells:
    """The document's paragraphs as the cells of the table whose header is at
    row `start`: where the table ends, which paragraphs are its text, where a
    cell of text ends."""

    blocks: Blocks
    ctx: Context
    name: str
    paras: Sequence[Paragraph]
    start: int

    def ends(self, para: Paragraph) -> bool:
        """Whether `para` closes the table."""
        text = squash(para.text)
        ctx = self.ctx
        return bool(
            any(self.blocks.claims.held_by_others(self.name, i) for i in para.rows)
            or SUMMARY_HEADING.match(text)
            or OBJECTIVE.match(text)
            or RULE.match(text)
            # "Quarter 2" alone is a quarter text's label (samples/000 line 72
            # prints it above its text), not another table's column.
            or (is_column_label(text) and bare_quarters(text) is None)
            or (
                # A quarter's text can say a status ("Q1 – Phase one of the
                # review has been completed."); a grid's label opens with none.
                len(text) <= STATUS_LABEL_CHARS
                and leading_quarters(text) is None
                and status_category(text) is not None
            )
            or ctx.plan(para.row_index) != ctx.plan(self.start)
            or ctx.theme(para.row_index) != ctx.theme(self.start)
        )

    def is_text(self, k: int) -> bool | None:
        """Whether `paras[k]` is a paragraph of the table's text (False for a
        label or symbols, None where the table ends)."""
        para = self.paras[k]
        if _is_header(self.paras, k) or self.ends(para):
            return None
        labels = plain_cells.rating_labels(squash(para.text))
        symbols = plain_cells.marks(self.blocks, para)
        mixed = plain_cells.mixed(self.blocks, para)
        return labels is None and symbols is None and not mixed

    def next_text(self, k: int) -> int | None:
        """Where the table's next paragraph of text is, if it has one."""
        while k < len(self.paras):
            text = self.is_text(k)
            if text is None:
                return None
            if text:
                return k
            k += 1
        return None

    def cell_end(self, k: int) -> int:
        """The end of the cell whose text starts at `paras[k]`: the paragraphs
        up to the one that closes the markup it opens."""
        end = k + 1
        while (
            end < len(self.paras)
            and plain_cells.open_markup(plain_cells.raw(self.blocks, self.paras[k:end]))
            and self.is_text(end)
        ):
            end += 1
        return end

    def following(self, at: int) -> Iterator[list[Para]]:
        """The pieces of each cell of text from `paras[at]` on."""
        while (nxt := self.next_text(at)) is not None:
            at = self.cell_end(nxt)
            yield plain_cells.pieces(self.blocks, self.paras[nxt:at])


@dataclass(slots=True)
class _Table:
    """An action table being read: its actions, the rating labels printed so
    far, how many symbols it prints, and whether its reading is certain."""

    start: int
    actions: list[plain_action.OpenAction] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    marks: int = 0
    certain: bool = True
    # The header's and rating labels' paragraphs, claimed with the first action.
    printed_labels: list[Paragraph] = field(default_factory=list)

    def text(self, group: Sequence[Paragraph], pieces: list[Para], place: str) -> None:
        """Read a cell's paragraphs of text placed by `_place`."""
        open_ = self.actions[-1] if self.actions else None
        if open_ is not None and place == plain_action.CONTINUE:
            plain_action.extend(open_, group, pieces)
        elif place == plain_action.START:
            self.actions.append(plain_action.start(group, pieces))
        elif open_ is not None and place == plain_action.OUTCOMES:
            open_.outcomes.append(" ".join(p.text for p in pieces))
            open_.used.extend(group)
        else:
            self.certain = False

    def before_header(self, para: Paragraph) -> None:
        """The text a header paragraph prints before its label goes on from
        the open action ("… delaying this. Action & Progress Update" run onto
        one line); an objective ("Strategic Objective … Action & Progress
        Update", samples/text/000…-plain.txt lines 315-317) is the next
        table's."""
        text = squash(para.text)
        m = ACTION_LABEL.search(text)
        head = text[: m.start()].strip() if m else ""
        if not head or OBJECTIVE.match(head) or not self.actions:
            return
        piece = para.pieces[0]
        where = (piece.page, piece.line_start, para.pieces[-1].line_end)
        plain_action.extend(self.actions[-1], [para], [Para(head, *where)])

    def mark(self, para: Paragraph, rows: list[Row]) -> None:
        self.marks += len(rows)
        if not self.actions:
            self.certain = False
        else:
            labels = tuple(self.labels)
            self.actions[-1].marks += [(para, row, labels) for row in rows]


def _table(
    blocks: Blocks,
    ctx: Context,
    name: str,
    paras: Sequence[Paragraph],
    k: int,
) -> tuple[int, list[plain_action.Reading] | None]:
    """The actions of the table whose cells start at `paras[k]` (None when any
    is uncertain), and where to look for the next header."""
    start = paras[k - 2].row_index
    cells = _Cells(blocks, ctx, name, paras, start)
    table = _Table(start, printed_labels=list(paras[k - 2 : k]))
    while k < len(paras):
        para = paras[k]
        if _is_header(paras, k):
            table.before_header(para)
            break
        k += 1
        if (quarters := plain_cells.rating_labels(squash(para.text))) is not None:
            table.labels.extend(quarters)
            table.printed_labels.append(para)
        elif (rows := plain_cells.marks(blocks, para)) is not None:
            table.mark(para, rows)
        elif cells.ends(para):
            k -= 1
            break
        elif plain_cells.mixed(blocks, para):
            table.certain = False
        else:
            end = cells.cell_end(k - 1)
            group, k = paras[k - 1 : end], end
            if not (pieces := plain_cells.pieces(blocks, group)):
                continue
            open_ = table.actions[-1] if table.actions else None
            pieces, *others = plain_cells.restarts(
                pieces, open_.last if open_ else None
            )
            follows = partial(cells.following, k)
            table.text(group, pieces, plain_action.place(open_, pieces, follows))
            table.actions.extend(plain_action.start(group, chunk) for chunk in others)
    if not table.certain or not table.actions:
        return k, None
    out = [plain_action.reading(a, table.marks) for a in table.actions]
    read = [r for r in out if r is not None]
    if len(read) < len(out):
        return k, None
    first = read[0]
    labelled = replace(first, paras=(*table.printed_labels, *first.paras))
    return k, [labelled, *read[1:]]
