"""An action of a reading-order action table as it is read (see
`reading_order`): its title, progress paragraphs, Outcomes and symbols; what a
paragraph of text does to it (`place`); and the action as a draft once its
table is read (`reading`), its symbols placed by the rating labels printed
before them."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from extract.blocks.paragraphs import Paragraph
from extract.document import Row
from extract.recognisers.actions import plain_cells
from extract.recognisers.actions.drafts import Draft, Mark
from extract.recognisers.actions.quarter_labels import (
    LABEL,
    Para,
    bare_quarters,
    last_quarter,
    quarter_texts,
)


@dataclass(slots=True)
class OpenAction:
    """An action being read: where it starts, its title, its progress
    paragraphs, Outcomes, symbols and the paragraphs it was read from."""

    first: Paragraph
    title: str
    progress: list[Para]
    used: list[Paragraph]
    outcomes: list[str] = field(default_factory=list)
    last: int | None = None
    # Each symbol as printed, its paragraph and row, and the rating labels
    # printed before it.
    marks: list[tuple[Paragraph, Row, tuple[str, ...]]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Reading:
    """An action read from a reading-order table and the paragraphs it fills
    (the first action of a table also its header, rating labels and the page
    footers printed among its cells)."""

    draft: Draft
    paras: tuple[Paragraph, ...]


@dataclass(frozen=True, slots=True)
class Unread:
    """A reading-order action or milestone table left unread: from its header
    to its last paragraph."""

    first: Paragraph
    last: Paragraph


def start(group: Sequence[Paragraph], pieces: list[Para]) -> OpenAction:
    """An action from the paragraph that starts it: title up to its first
    quarter label (or its first paragraph), the rest its progress."""
    first, rest = pieces[0], pieces[1:]
    m = LABEL.search(first.text, 1)
    if m is not None:
        title = first.text[: m.start()].strip()
        rest = [Para(first.text[m.start() :], *_where(first)), *rest]
    else:
        title = first.text
    action = OpenAction(group[0], title, rest, list(group))
    action.last = _last(rest, None)
    return action


def _last(pieces: Sequence[Para], last: int | None) -> int | None:
    """The highest quarter of the last label in `pieces`, else `last`."""
    for piece in pieces:
        if (q := last_quarter(piece.text)) is not None:
            last = q
    return last


def _where(para: Para) -> tuple[int | None, int, int]:
    return para.page, para.line_start, para.line_end


def extend(action: OpenAction, group: Sequence[Paragraph], pieces: list[Para]) -> None:
    action.progress += pieces
    action.used.extend(group)
    action.last = _last(pieces, action.last)


# What a paragraph of text does in an action table (see `_place`).
START, CONTINUE, OUTCOMES, DOUBT = "start", "continue", "outcomes", "doubt"


def place(
    open_: OpenAction | None,
    pieces: list[Para],
    follows: Callable[[], Iterator[list[Para]]],
) -> str:
    """Whether a paragraph of text starts an action, continues the open one,
    is its Outcomes, or cannot be told. `follows` gives the table's next
    paragraphs of text."""
    lead, inner = plain_cells.quarters(pieces)
    if open_ is None:
        return START if lead is None else DOUBT
    last = open_.last
    if lead is not None:
        # The quarters starting again with no title before them: the next
        # action's title ran into the text above.
        return DOUBT if last is not None and min(lead) <= last else CONTINUE
    if inner is not None:
        restart = last is not None and inner <= last
        return START if restart or (last is None and open_.outcomes) else CONTINUE
    if open_.progress and bare_quarters(open_.progress[-1].text) is not None:
        # The text under a "Quarter 2" printed alone.
        return CONTINUE
    if not open_.outcomes and not open_.marks:
        # Outcomes are printed left of the rating columns, before the symbols.
        return OUTCOMES
    if last is not None:
        return _after_quarters(last, follows())
    nxt = next(follows(), None)
    if nxt is None:
        return CONTINUE
    # A title is followed by its own Outcomes, a paragraph without labels.
    return START if plain_cells.quarters(nxt) == (None, None) else DOUBT


def _after_quarters(last: int, following: Iterator[list[Para]]) -> str:
    """A paragraph without labels after the open action's quarter texts: the
    next action's title when the next paragraph starts the quarters again (as
    the TAB reading takes the row above a restarting "Quarter 1 –"), else more
    of the open action's text ("Additionally, …" before "Q3 – …",
    samples/text/000…-plain.txt lines 421-423). Which of several paragraphs
    before a restart is the title cannot be told."""
    unlabelled = 0
    for pieces in following:
        lead, inner = plain_cells.quarters(pieces)
        if lead is not None and min(lead) <= last:
            return START if unlabelled == 0 else DOUBT
        if lead is not None or inner is not None:
            break
        unlabelled += 1
    return CONTINUE


def reading(action: OpenAction, in_table: int) -> Reading | None:
    """The action as a draft, its symbols placed; None when they cannot be."""
    placed: list[Mark] = []
    if action.marks:
        seen = action.marks[0][2]
        if (
            any(labels != seen for _, _, labels in action.marks)
            or len(seen) != len(action.marks)
            or list(seen) != [f"Q{n}" for n in range(1, len(seen) + 1)]
        ):
            return None
        for quarter, (_, row, _) in zip(seen, action.marks, strict=True):
            raw = row.cells[0].raw.strip()
            placed.append(Mark(quarter, raw, row.page, row.line_start))
    elif in_table:
        return None
    if not action.title:
        return None
    first = action.first
    used = sorted({*action.used, *(p for p, _, _ in action.marks)}, key=_row)
    progress = " ".join(p.text for p in action.progress)
    draft = Draft(
        kind="action",
        row_index=first.row_index,
        title=action.title,
        outcomes=" ".join(action.outcomes) or None,
        approach=None,
        key_project=None,
        progress=progress or None,
        page=first.pieces[0].page,
        line_start=first.pieces[0].line_start,
        line_end=max(p.pieces[-1].line_end for p in used),
        texts=quarter_texts(action.progress),
        marks=tuple(placed),
    )
    return Reading(draft, tuple(used))


def _row(para: Paragraph) -> int:
    return para.row_index
