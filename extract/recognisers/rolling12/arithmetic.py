"""A row of quarter blocks whose lines a print interleaves past reading back,
read by its captions and kept only where its arithmetic holds.

pdftotext without -layout of a browser's or a word processor's print reads a
row's four quarter cells line by line across the row, each cell wrapped at
its own words, so a caption and its figure come lines apart ("Previous 12" /
… / "months =" / … / "5,673 Last 12 5,828 Last", tests/fixtures/
interleavedrolling/000_…-browser-plain.txt lines 49-83); a word processor's
`-layout` text runs the cells of one line together ("months = 3,235 months =
3,108 months =", tests/fixtures/writerlayout/000_… line 36). Neither says
which figure is whose; the figures say it themselves: each quarter's last
total less its previous is its printed difference, and that over the
previous is its printed percentage.

A row is the lines from the first "Previous 12" caption to the last "Change
over", with the quarter labels and dates above and the changes below. Its n
dated quarters (n of 2 to 4) need n of each caption and n percentages. The
totals are read in one of two ways, and a row is read only when one holds:

- in turn: each figure goes to the caption whose "months =" it follows on
  its line, else to the oldest caption still waiting for one, the previous
  totals and the last ones each in quarter order; every quarter's change
  follows from them but for one at most, a few points off (a report's own
  slip, "33%" for 90 -> 123, kept and reported as `inconsistent_change`),
  and no other order of the percentages fits better;
- by difference, where n differences are printed: the one way to pair the
  row's figures, a previous total before its last, that makes each printed
  difference and percentage once.

Only where print order is the quarters' order: a cell wrapped apart from the
others prints a later quarter's date or caption end before an earlier one's,
or its figures out of turn, or on a line another quarter's label, date or
`-layout` column heads, and then which figure is whose is not certain; such a
row is left unread (the equal changes of two quarters could not tell).

The indicator is the one registered rolling name printed in the row's name
column: its words each opening a line or right after the one before it, the
first no lower than the row's first caption, not in a sentence; none, and
the row is left to the issues that report it already.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import combinations, permutations

from extract.blocks import Blocks
from extract.blocks.paragraphs import SENTENCE_CLOSE
from extract.document import Cell, Document
from extract.recognisers.rolling12.print_order import (
    caption_ends,
    in_quarter_order,
    own_caption,
    runs_ahead,
)
from extract.recognisers.rolling12.quarter_blocks import (
    DIRECTIONS,
    MINUS,
    Block,
    Found,
    change_problems,
)
from extract.recognisers.rolling12.row_tokens import (
    CAPTIONS,
    TOKEN,
    Printed,
    Reading,
    Token,
    line_tokens,
)
from normalise.dates import parse_date
from normalise.indicators import ROLLING_NAME
from normalise.numbers import parse_int, parse_number
from normalise.patterns import compiled
from normalise.registry import entries, key
from normalise.years import period_end, year_of_quarter_report

# What the lines under a row's last caption print of its changes.
CHANGE_PARTS = ("pct", "abs", "direction", "twelve", "months")
CAPTION = compiled(r"\b(?:previous|last|current|change)\b", re.IGNORECASE)
PREVIOUS = compiled(r"\bprevious\b", re.IGNORECASE)
# Every print of a row, however cut, keeps "months =" of its totals' captions.
TOTAL_CAPTION = compiled(r"\bmonths?\s*[=:]", re.IGNORECASE)
# Lines above a row's first caption its quarter labels and dates may take
# (one a line in reading order: "Q1", …, "Q4", "(24.07.17)", …).
HEAD_LINES = 10
# Lines with text between two captions of one row, and between two of its
# changes below the last caption.
CAPTION_GAP = 6
CHANGE_GAP = 4
# Lines above a row where its name may be printed.
NAME_LINES = 40
MIN_QUARTERS, MAX_QUARTERS = 2, 4
# Quarters of a row read in turn whose change may not follow from its totals,
# and how far (percentage points, the same way) a slip may be from the change
# its totals make ("33%" for 90 -> 123, 36.7%): further, a figure is taken
# that is not the quarter's.
SLIPS = 1
SLIP_POINTS = 5.0
# Lines a row of quarter cells takes at most (a long one, a line a word: 40),
# and lines under its last caption that may print its changes.
MAX_ROW_LINES = 80
MAX_TAIL_LINES = 24
# Figures of one row weighed by difference, at most.
MAX_FIGURES = 40
# Days after its quarter's end a quarter's block may be dated, at most (the
# next quarter's report is dated later): labels a column off are refused.
REPORTED_WITHIN = 92
# Words of other cells between two words of a name, at most.
NAME_GAP = 40
# A line above a row that ends a sentence (`paragraphs.SENTENCE_CLOSE`) of
# SENTENCE_LENGTH words or more: prose, not the row's name ("Staffs
# Police.", a cell's end, is no sentence).
SENTENCE_LENGTH = 8
# Words that carry a sentence on past a name ("… are shown", "… is …").
SENTENCE_WORDS = frozenset({"are", "is", "was", "were", "have", "has", "shows", "show"})
# Pairs of figures that fit a printed difference and percentage, at most,
# weighed together (four quarters' rows have four to six).
MAX_FITS = 24


@dataclass(frozen=True, slots=True)
class Quarter:
    """One quarter read back: its label, date, totals and change as printed."""

    quarter: str
    date: str
    previous: str
    last: str
    pct: str
    change: str | None
    direction: str | None


def read(blocks: Blocks, name: str) -> list[Found]:
    """The quarter blocks of every interleaved row no block was read from;
    what each row's lines print of them is claimed by `name`."""
    doc = blocks.doc
    if (
        doc.source_format != "txt"
        or doc.text_form not in ("layout", "plain")
        or not any("=" in line and TOTAL_CAPTION.search(line) for line in doc.lines)
    ):
        return []
    rows_of = _rows_of_lines(doc)
    found: list[Found] = []
    above = 0
    for row in _rows(doc.lines):
        held = sorted(
            {rows_of[k] for k in range(row.first, row.last + 1) if k in rows_of}
        )
        start, above = above, row.last + 1
        if not held or any(blocks.claims.held_by_others("", i) for i in held):
            continue
        quarters = _quarters(row)
        if not quarters:
            continue
        indicator = _indicator(doc.lines, max(start, row.first - NAME_LINES), row)
        if indicator is None:
            continue
        used = Counter(figure for q in quarters for figure in (q.previous, q.last))
        for i in held:
            _claim(blocks, name, i, used)
        text = " ".join(
            " ".join(doc.lines[k].split()) for k in range(row.first, row.last + 1)
        )
        cell = Cell(text, text, 0, doc.rows[held[0]].page, row.first + 1, row.last + 1)
        found.extend(
            Found(_block(q, len(text)), cell, indicator, held[0]) for q in quarters
        )
    return found


def _claim(blocks: Blocks, name: str, index: int, used: Counter[str]) -> None:
    """Claim what row `index` prints of a row read: its captions, labels,
    dates and changes, and the totals taken (`used`, each once); the rest of
    its lines (a count printed under the block, "Q1 - 15 on going cases")
    stays for others, or for the issues."""
    for cell in blocks.doc.rows[index].cells:
        spans = []
        for m in TOKEN.finditer(cell.reading):
            if m.lastgroup == "total":
                if used[m["total"]] <= 0:
                    continue
                used[m["total"]] -= 1
            spans.append(m.span())
        if spans:
            blocks.claims.take_spans(name, index, cell, tuple(spans))


def _rows_of_lines(doc: Document) -> dict[int, int]:
    """The row (index) each input line (0-based) is read into."""
    out: dict[int, int] = {}
    for i, r in enumerate(doc.rows):
        for k in range(r.line_start - 1, r.line_end):
            out.setdefault(k, i)
    return out


def _rows(lines: Sequence[str]) -> Iterator[Printed]:
    """Each run of caption lines, no more than CAPTION_GAP lines with text
    apart, one of them "Previous", with its labels above and its changes
    below; a run longer than a row (prose that says "last" and "change" is
    none) is passed over."""
    captions = [k for k, line in enumerate(lines) if CAPTION.search(line)]
    # A row's head and tail lines are read before the row is: once each.
    tokens_of: Callable[[int], list[Token]] = cache(lambda n: line_tokens(lines, n))
    k = floor = 0
    while k < len(captions):
        j = k
        while (
            j + 1 < len(captions)
            and _apart(lines, captions[j], captions[j + 1]) <= CAPTION_GAP
        ):
            j += 1
        if (
            any(PREVIOUS.search(lines[c]) for c in captions[k : j + 1])
            and captions[j] - captions[k] <= MAX_ROW_LINES
        ):
            first = _head(lines, tokens_of, captions[k], floor)
            last = _tail(lines, tokens_of, captions[j])
            tokens = [t for n in range(first, last + 1) for t in tokens_of(n)]
            yield Printed(first, last, tuple(tokens))
            floor = last + 1
        k = j + 1


def _apart(lines: Sequence[str], a: int, b: int) -> int:
    return sum(1 for n in range(a + 1, b) if lines[n].strip())


def _head(
    lines: Sequence[str], tokens_of: Callable[[int], list[Token]], k: int, floor: int
) -> int:
    """The first line of a row whose first caption is on line `k`: the
    highest of the HEAD_LINES lines with text above it (none above `floor`)
    that prints quarter labels or dates and nothing else read ("Q1",
    "(24.07.17)", "ASB  Q1 (24.07.17)  Q2 (10.10.17)": a name's words are no
    token); a line with another token ends the search."""
    first, seen = k, 0
    for n in range(k - 1, floor - 1, -1):
        if seen == HEAD_LINES:
            break
        if not lines[n].strip():
            continue
        seen += 1
        tokens = tokens_of(n)
        if any(t.kind not in ("quarter", "date") for t in tokens):
            break
        if tokens:
            first = n
    return first


def _tail(lines: Sequence[str], tokens_of: Callable[[int], list[Token]], k: int) -> int:
    """The last line of a row whose last caption is on line `k`: down over
    the lines that print its changes or their captions' ends ("Over 12",
    "Months ="), CHANGE_GAP lines with text apart at most."""
    last, gap = k, 0
    for n in range(k + 1, min(len(lines), k + 1 + MAX_TAIL_LINES)):
        if not lines[n].strip():
            continue
        tokens = tokens_of(n)
        if any(t.kind in ("previous", "last") for t in tokens):
            break
        if any(t.kind in CHANGE_PARTS for t in tokens):
            last, gap = n, 0
            continue
        gap += 1
        if gap > CHANGE_GAP:
            break
    return last


def _quarters(row: Printed) -> list[Quarter]:
    """The row's quarters where its figures read back one way that holds,
    every part of the row printed in quarter order."""
    kinds = Counter(t.kind for t in row.tokens)
    n = kinds["date"]
    pcts = [t.text for t in row.tokens if t.kind == "pct"]
    if (
        not MIN_QUARTERS <= n <= MAX_QUARTERS
        or any(kinds[c] != n for c in CAPTIONS)
        or len(pcts) != n
        or kinds["abs"] > n
        or kinds["total"] > MAX_FIGURES
        or any(t.text[0] in MINUS for t in row.tokens if t.kind == "total")
    ):
        return []
    labels = _labels(row, n)
    dates = _dates(row, labels) if labels else None
    if labels is None or dates is None or not _dated(labels, dates):
        return []
    diffs = [t.text for t in row.tokens if t.kind == "abs"]
    if runs_ahead(row):
        return []
    reading = _in_turn(row, n, pcts) or _by_difference(row, pcts, diffs, n)
    if reading is None or not in_quarter_order(row, reading, labels):
        return []
    totals = [(row.tokens[a].text, row.tokens[b].text) for a, b, _ in reading]
    changes = _changes(totals, diffs)
    directions = _directions(row, [_diff(p, q) for p, q in totals])
    if changes is None or directions is None:
        return []
    return [
        Quarter(
            labels[k],
            dates[k],
            totals[k][0],
            totals[k][1],
            reading[k][2].strip(),
            changes[k],
            directions[k],
        )
        for k in range(n)
    ]


def _labels(row: Printed, n: int) -> list[str] | None:
    """The quarters of a row's n dates, one after another: the labels it
    prints before its first figure, its cells' heads printed across the row;
    else the labels each printed with a date ("Q2 (10.10.17)") that open
    blocks printed one after another, one "Previous" and one "Last" caption
    each. A label under the blocks ("Q1 - 15 on going cases") is none, and a
    row whose labels are some of each is two rows run together."""
    heads: list[int] = []
    for t in row.tokens:
        if t.kind == "total":
            break
        if t.kind == "quarter" and (number := int(t.text[1])) not in heads:
            heads.append(number)
    if len(heads) != n:
        heads = _block_heads(row)
    if not heads or len(heads) != n or heads != list(range(heads[0], heads[0] + n)):
        return None
    return [f"Q{q}" for q in heads]


def _block_heads(row: Printed) -> list[int]:
    """The quarters of a row's blocks printed one after another, each opened
    by a dated label and holding one of each total's captions; none when
    the row is not so printed."""
    tokens = row.tokens
    opens = [
        k
        for k, t in enumerate(tokens[:-1])
        if t.kind == "quarter"
        and tokens[k + 1].kind == "date"
        and tokens[k + 1].line == t.line
    ]
    first = next((k for k, t in enumerate(tokens) if t.kind in CAPTIONS), len(tokens))
    if not opens or opens[0] > first:
        return []
    for a, b in zip(opens, [*opens[1:], len(tokens)], strict=True):
        kinds = Counter(t.kind for t in tokens[a:b])
        if kinds["previous"] != 1 or kinds["last"] != 1:
            return []
    return [int(tokens[k].text[1]) for k in opens]


def _dates(row: Printed, labels: list[str]) -> list[str] | None:
    """The date of each quarter: the one printed right after its label
    ("Q2 (10.10.17)"), the others in turn; None unless they run in time."""
    own: dict[str, str] = {}
    loose: list[str] = []
    before: Token | None = None
    for t in row.tokens:
        if t.kind == "date":
            bound = (
                before is not None
                and before.kind == "quarter"
                and before.line == t.line
                and before.text.upper() in labels
                and before.text.upper() not in own
            )
            if bound and before is not None:
                own[before.text.upper()] = t.text
            else:
                loose.append(t.text)
        before = t
    dates = [own.get(q) or (loose.pop(0) if loose else "") for q in labels]
    days = [d for raw in dates if (d := parse_date(raw.strip("() "))) is not None]
    printed = [t.text for t in row.tokens if t.kind == "date"]
    if loose or not all(dates) or days != sorted(days) or dates != printed:
        # A later quarter's date printed first: its cell runs ahead of the
        # one before it.
        return None
    return [d.strip("() ") for d in dates]


def _dated(labels: list[str], dates: list[str]) -> bool:
    """Whether each quarter's date falls after its quarter ends, within
    REPORTED_WITHIN days (a date that does not parse is repaired later and
    says nothing here)."""
    for quarter, raw in zip(labels, dates, strict=True):
        reported = parse_date(raw)
        if reported is None:
            continue
        year = year_of_quarter_report(quarter, reported)
        end = period_end(year, quarter) if year else None
        if end is None or (reported - end).days > REPORTED_WITHIN:
            return False
    return True


def _diff(previous: str, last: str) -> int:
    return (parse_int(last) or 0) - (parse_int(previous) or 0)


def _value(raw: str) -> float | None:
    return parse_number(raw)[0]


def _in_turn(row: Printed, n: int, pcts: list[str]) -> Reading | None:
    """Each figure to its caption (`_captions_in_turn`), the k-th percentage
    the k-th quarter's. None unless each caption got one, no order of the
    percentages fits better, and every quarter's change follows from its
    totals but SLIPS, each near what they make."""
    captions = _captions_in_turn(row)
    got = {
        kind: [figure for k, figure in captions if k == kind]
        for kind in ("previous", "last")
    }
    if any(len(v) != n or -1 in v for v in got.values()):
        return None
    reading = list(zip(got["previous"], got["last"], pcts, strict=True))
    slips = _slips(row, reading)
    if slips is None or slips > SLIPS or slips >= n - 1:
        return None
    others = {tuple(order) for order in permutations(pcts)} - {tuple(pcts)}
    for order in others:
        moved = [(a, b, pct) for (a, b, _), pct in zip(reading, order, strict=True)]
        fewer = _slips(row, moved)
        if fewer is not None and fewer < slips:
            return None
    return reading


def _captions_in_turn(row: Printed) -> list[tuple[str, int]]:
    """The row's total captions in print order, each (kind, token of its
    figure or -1): the figure printed right after its "months ="
    (`print_order.own_caption`), else the first printed while it is the
    oldest still waiting for one."""
    kinds, ends = caption_ends(row)
    figures = [-1] * len(kinds)
    for k, t in enumerate(row.tokens):
        if t.kind != "total":
            continue
        at = own_caption(row, ends, k)
        if at is None or figures[at] != -1:
            at = next((i for i, f in enumerate(figures) if f == -1), None)
        if at is not None:
            figures[at] = k
    return list(zip(kinds, figures, strict=True))


def _slips(row: Printed, reading: Reading) -> int | None:
    """How many quarters' changes do not follow from their totals; None when
    one is further than SLIP_POINTS or the other way."""
    slips = 0
    for a, b, pct in reading:
        previous, last = row.tokens[a].text, row.tokens[b].text
        if not _problems(previous, last, pct, None):
            continue
        p, printed = parse_int(previous), _value(pct)
        if not p or printed is None:
            return None
        made = 100.0 * _diff(previous, last) / p
        if abs(made - printed) > SLIP_POINTS or made * printed < 0:
            return None
        slips += 1
    return slips


def _problems(previous: str, last: str, pct: str, change: str | None) -> list[str]:
    p, q = parse_int(previous), parse_int(last)
    if p is None or q is None:
        return ["no figure"]
    return change_problems(p, q, _value(pct), _value(change) if change else None, None)


def _by_difference(
    row: Printed, pcts: list[str], diffs: list[str], n: int
) -> Reading | None:
    """The one way to take n pairs of the row's figures, none twice, each a
    previous total printed before its last, making one of the printed
    differences and one of the printed percentages, each of those once; the
    quarters in the order their previous totals are printed, where their
    percentages or their differences are printed in that order too. None
    where there is no such way or more, or no printed order agrees."""
    if len(diffs) != n:
        return None
    at = [k for k, t in enumerate(row.tokens) if t.kind == "total"]
    figures = [row.tokens[k].text for k in at]
    fits = [
        (a, b, d, c)
        for a in range(len(figures))
        for b in range(a + 1, len(figures))
        for d in range(n)
        if _value(diffs[d]) == _diff(figures[a], figures[b])
        for c in range(n)
        if not _problems(figures[a], figures[b], pcts[c], None)
    ]
    if len(fits) > MAX_FITS:
        return None
    ways = set()
    for chosen in combinations(fits, n):
        taken = [x for a, b, _, _ in chosen for x in (a, b)]
        if (
            len(set(taken)) == 2 * n
            and len({d for _, _, d, _ in chosen}) == n
            and len({c for _, _, _, c in chosen}) == n
        ):
            ways.add(frozenset((a, b, _value(pcts[c])) for a, b, _, c in chosen))
    if len(ways) != 1:
        return None
    way = sorted(ways.pop(), key=lambda w: w[0])
    made = [_diff(figures[a], figures[b]) for a, b, _ in way]
    if [v for _, _, v in way] != [_value(p) for p in pcts] and made != [
        _value(d) for d in diffs
    ]:
        return None
    printed = {_value(pct): pct for pct in pcts}
    return [(at[a], at[b], printed[value]) for a, b, value in way]


def _changes(
    totals: list[tuple[str, str]], diffs: list[str]
) -> list[str | None] | None:
    """The printed difference of each quarter: the one its totals make, each
    printed one taken once; None when one is left that no quarter makes."""
    left = list(diffs)
    out: list[str | None] = []
    for p, q in totals:
        own = next((d for d in left if _value(d) == _diff(p, q)), None)
        if own is not None:
            left.remove(own)
        out.append(own)
    return None if left else out


def _directions(row: Printed, signs: list[int]) -> list[str | None] | None:
    """A direction word for each quarter whose change goes its way, where the
    row prints as many such words as there are such quarters; else none.
    None when the row prints a way no quarter goes: its figures are not
    these."""
    words = [t.text.lower() for t in row.tokens if t.kind == "direction"]
    out: list[str | None] = [None] * len(signs)
    for way in ("increase", "reduction"):
        said = [w for w in words if DIRECTIONS[w] == way]
        going = [k for k, s in enumerate(signs) if (s > 0) == (way == "increase") and s]
        if said and not going:
            return None
        if said and len(said) == len(going) and len(set(said)) == 1:
            for k in going:
                out[k] = said[0]
    return out


def _block(q: Quarter, length: int) -> Block:
    return Block(
        quarter=q.quarter,
        date=q.date,
        previous=q.previous,
        last=q.last,
        pct=q.pct,
        direction=q.direction,
        change=q.change,
        no_change=False,
        note=None,
        start=0,
        end=length,
    )


def _indicator(lines: Sequence[str], start: int, row: Printed) -> str | None:
    """The one registered rolling name printed from `start` (after the last
    line of prose above the row) to the row's last line, starting on a line
    no lower than its first caption's: each of its words opening a line or
    printed right after the one before it (a name column's lines, "ASB" /
    "Incidents" / "Over Time" / "(Variation)"), NAME_GAP words apart at
    most, not run on into a sentence; the one that starts nearest the row
    where several do."""
    for k in range(row.first - 1, start - 1, -1):
        if SENTENCE_CLOSE.search(lines[k]) and len(lines[k].split()) >= SENTENCE_LENGTH:
            start = k + 1
            break
    head = next((t.line for t in row.tokens if t.kind in CAPTIONS), row.first)
    words = [
        (word, k, place)
        for k in range(start, row.last + 1)
        for place, word in enumerate(key(lines[k]).split())
    ]
    best: tuple[int, str] | None = None
    tied = False
    for entry in entries():
        if not ROLLING_NAME.search(entry.name):
            continue
        at = max(
            (
                _in_order(words, key(printed).split(), head)
                for printed in (entry.name, *entry.aliases)
            ),
            default=-1,
        )
        if at < 0:
            continue
        if best is None or at > best[0]:
            best, tied = (at, entry.name), False
        elif at == best[0] and entry.name != best[1]:
            tied = True
    return None if best is None or tied else best[1]


Word = tuple[str, int, int]  # the word, its line, its place on the line


def _in_order(words: Sequence[Word], wanted: Sequence[str], head: int) -> int:
    """Where the latest printing of `wanted` in `words` starts, or -1: its
    first word opening a line no lower than `head`, each next word right
    after it on its line or opening a later line, NAME_GAP words on at most,
    the last not run on into a sentence."""
    if not wanted:
        return -1
    for i in range(len(words) - 1, -1, -1):
        word, line, place = words[i]
        if word != wanted[0] or place != 0 or line > head:
            continue
        at, k = i, 1
        while k < len(wanted):
            nxt = _next_word(words, at, wanted[k])
            if nxt < 0:
                break
            at, k = nxt, k + 1
        if k == len(wanted) and not _goes_on(words, at):
            return i
    return -1


def _next_word(words: Sequence[Word], at: int, wanted: str) -> int:
    """Where `wanted` is printed next after `words[at]`: right after it on
    its line, or opening a line within NAME_GAP words; -1 when it is not."""
    _, line, _ = words[at]
    if at + 1 < len(words) and words[at + 1][:2] == (wanted, line):
        return at + 1
    for j in range(at + 1, min(len(words), at + 2 + NAME_GAP)):
        if words[j][0] == wanted and words[j][2] == 0:
            return j
    return -1


def _goes_on(words: Sequence[Word], i: int) -> bool:
    """Whether the word after `words[i]` carries a sentence on ("… (Variation)
    are shown in the next table")."""
    return (
        i + 1 < len(words)
        and words[i + 1][1] == words[i][1]
        and words[i + 1][0] in SENTENCE_WORDS
    )
