"""Summary grids in text whose cells run on along a line: `pdftotext -raw`
prints a PDF's text in content-stream order, with no blank lines and no
columns, so a grid is its labels one after another on a line ("Milestone
completed Milestone on target Milestone/timeline/scope/target date requires
attention. Project aborted/closed") and each row of values on a line of its
own ("9 (75%) 0 (0%) 3 (25%) 0 (0%) 12 (100%)"), after its scope or its
period if printed ("Actions 1 3 0", "Quarter 1 1 3 0"), any label printed
above the others ("TOTAL") on the line before them
(tests/fixtures/rawtext/002…-raw.txt lines 6-8).

Where one label ends and the next begins is not printed, only the order of
the statuses the labels name: a grid is read when its label lines name
different statuses, one after another, and each row holds exactly one value a
status, or one more where "TOTAL" or "No Rating" is printed above. That
label's column is not printed either: TOTAL's is one whose count is the sum of
the others', No Rating's any, and the grid is read only when every column it
can head gives the same reading. Where they differ (samples/000 "0 4 1 0 0"
under "No Rating") the grid is left unread, and so reported as an
`unparsed_block`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from extract.blocks import Blocks
from extract.document import Row
from extract.recognisers.status_summary.printed import (
    TITLE_LOOKBACK,
    Value,
    is_title_text,
    prints_counts,
    read_value,
)
from extract.recognisers.status_summary.reading_order import LAST, MIN_LABELS, Found
from normalise.counts import DIGIT
from normalise.patterns import compiled
from normalise.status_rows import (
    MIN_VALUES,
    VALUE_PART,
    a_year,
    holds_year,
    opens_period,
    row_prefix,
    scope_of,
    value_starts,
)
from normalise.vocabulary import ANY_STATUS
from normalise.vocabulary import status_category as category_of

# Lines a grid's labels run over at most (003 lines 37-41: five).
LABEL_LINES = 8
# A value is printed in one token ("4", "80%", "-") or two ("9 (75%)", "0 0%").
VALUE_TOKENS = (1, 2)
# A percent in brackets opening a line: the rest of the value before it, its
# count ending the line above ("… 0 (0%) 12" / "(100%)").
PERCENT_REST = compiled(r"^\(\d+(?:\.\d+)?%\)")
# "Summary of Progress in Delivering Projects/Actions:" introduces what follows.
INTRODUCES = compiled(r":\s*$")
# A sentence ends inside the line: wrapped cell text, not a title.
SENTENCE_BREAK = compiled(r"[.;]\s+\S")

# A sentence's clause, not a label: "on target, as shown below.", a line
# ending at its comma ("remain on target,"); not "Project completed, signed
# off".
CLAUSE = compiled(r",\s*$|,\s.*\.\s*$")
# The words over a grid's first status that begin its first label, opening
# with the word of what it counts: "Milestone" over "completed In progress",
# "Project" over "on target", "Milestone/timeline/scope/target date" over
# "requires attention."; a period's words are a title's ("Projects this
# quarter").
LEAD = compiled(
    r"^(?:actions?|milestones?|projects?)\b(?:[/\s]+[a-z]+){0,5}$", re.IGNORECASE
)
# A sentence's words, which no status label prints: "… are rated as",
# "remain on target as shown below", "the majority of", "… closed are not
# included below.".
PROSE = compiled(
    r"\b(?:(?:are|is|were|was)\s+rated|as\s+shown|remains?|majority|included"
    r"|below|above)\b",
    re.IGNORECASE,
)
PERIOD_WORDS = compiled(
    r"\b(?:quarter|qtr|q[1-4]|year|month|period|annual|ytd)\b", re.IGNORECASE
)
# A scope printed alone over its row of values: "Actions", "Performance
# Indicators".
SCOPE_WORDS = 3

# Why a grid whose labels name its statuses is left unread.
DOUBTFUL = (
    "a line of its labels reads as a sentence's, so which of its words are "
    "labels is not certain"
)
BEYOND_REACH = (
    "its labels run over more lines than are read, so where they start is not certain"
)
SCOPE_OR_LABEL = (
    "the words after its last status label are that label's end or the scope "
    "of its first row of values, which is not printed"
)

# A row of values: its scope, its values and the period label printed before
# them ("Quarter 1 1 3 0"; "" for none).
Line = tuple[str | None, list[Value], str]


@dataclass(frozen=True, slots=True)
class Unread:
    """A grid whose labels name its statuses, left unread: the rows of the
    document it is printed on, from its first label to its last row of values,
    and why it was not read."""

    members: tuple[int, ...]
    reason: str


def status_labels(text: str) -> list[tuple[str, str]] | None:
    """(status, printed status words) of each label of a line of labels run on,
    in order; None when the line names fewer than three statuses or one twice.

    The words of one status ("aborted/ closed") are one label; the words
    between two statuses belong to one label or the other, which changes
    nothing read, so a label is given as its status words alone."""
    found: list[tuple[str, int, int]] = []
    for m in ANY_STATUS.finditer(text):
        category = category_of(m.group())
        if category is None:
            return None
        if (
            found
            and found[-1][0] == category
            and not any(c.isalpha() for c in text[found[-1][2] : m.start()])
        ):
            # One label's words ("aborted/ closed"); the same status named
            # again further on ("… completed or on target." in a sentence
            # above "Action on target") is twice.
            found[-1] = (category, found[-1][1], m.end())
        else:
            found.append((category, m.start(), m.end()))
    categories = [c for c, _, _ in found]
    if len(found) < MIN_LABELS or len(set(categories)) != len(categories):
        return None
    return [(c, _whole_words(text, start, end)) for c, start, end in found]


def _whole_words(text: str, start: int, end: int) -> str:
    """The words of `text` that characters `start` to `end` lie in."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end]


def read_line(text: str, n: int) -> Line | None:
    """(scope, values, period label) of a line of `n` values, the scope or a
    period or both printed before them ("Actions 0 0% 2 100% 0 0% 0 0% 0 0%",
    "Quarter 1 1 3 0", "Q2 Actions 2 2 1"), or None when the line is no such
    row or its tokens make `n` values in more than one way ("1 2% 3 4%")."""
    if n < 1:
        return None
    tokens = text.split()
    found: list[Line] = []
    for first in value_starts(tokens):
        prefix = row_prefix(tokens[:first])
        if prefix is None or (prefix[1] and holds_year(tokens[first:])):
            # "Quarter 2 2018 1 3 0": the year is the label's, or a count.
            continue
        if values := _only_reading(tokens[first:], n):
            found.append((prefix[0], values, prefix[1]))
    return found[0] if len(found) == 1 else None


def _only_reading(tokens: Sequence[str], n: int) -> list[Value] | None:
    """The values `tokens` print when they make `n` values in one way only."""
    # ways[k][m]: readings of tokens[k:] as m values, at most two kept.
    ways: list[dict[int, list[list[Value]]]] = [{} for _ in range(len(tokens) + 1)]
    ways[len(tokens)][0] = [[]]
    for k in range(len(tokens) - 1, -1, -1):
        for size in VALUE_TOKENS:
            value = read_value(" ".join(tokens[k : k + size]))
            if k + size > len(tokens) or value is None:
                continue
            for m, rests in ways[k + size].items():
                if m + 1 <= n:
                    kept = ways[k].setdefault(m + 1, [])
                    kept.extend([value, *rest] for rest in rests[: 2 - len(kept)])
    readings = ways[0].get(n, [])
    return readings[0] if len(readings) == 1 else None


def is_values_line(text: str) -> bool:
    """A line of values, however many, after the scope they count or their
    period, if any ("0 4 1 0 0", "9 (75%) 0 (0%)", "Performance Indicators
    - - -", "Quarter 1 1 3 0"). Words naming a scope before them, whatever
    else they print ("Actions Q1 1 3 0"), make one too: a grid's row that
    may not be read, and so is reported. After a period, two value tokens
    at least ("Q1 1 3", a row short of a value, is reported with its grid);
    after words, no year first: "Quarter 4 2018" and "Actions Q1 2018 - 19"
    are headings."""
    tokens = text.split()
    if not tokens or not VALUE_PART.match(tokens[-1]):
        return False  # most lines: prose, its last word no value
    first = next(k for k, t in enumerate(tokens) if VALUE_PART.match(t))
    if first > 0 and a_year(tokens[first:]):
        return False
    if all(VALUE_PART.match(t) for t in tokens[first:]) and (
        first == 0 or scope_of(" ".join(tokens[:first])) is not None
    ):
        return True
    if not any(map(opens_period, tokens)):
        # Words before the values that name no period made no row above.
        return False
    return any(
        (prefix := row_prefix(tokens[:start])) is not None
        and len(tokens) - start >= MIN_VALUES
        and not (prefix[1] and holds_year(tokens[start:]))
        for start in value_starts(tokens)[:-1]
    )


def grids(blocks: Blocks, name: str) -> Iterator[Found | Unread]:
    """The summary grids of a document printed without columns whose rows run
    on along a line, each one whose rows no recogniser has claimed; a grid
    whose labels name its statuses but whose values cannot be told apart by
    them is `Unread`."""
    rows = blocks.doc.rows
    if any(row.tabbed for row in rows):
        return
    j = 1
    while j < len(rows):
        found = None
        if is_values_line(rows[j].flat):
            found = _grid(rows, j)
        if found is None:
            j += 1
            continue
        claimed = {c.row for c in blocks.claims}
        if not claimed.intersection(found.members):
            yield found
        j = found.members[-1] + 1


def _grid(rows: Sequence[Row], j: int) -> Found | Unread | None:
    """The grid whose first row of values is `rows[j]`, when certain; `Unread`
    when its labels name statuses its rows of values do not fit."""
    run = _labels_top(rows, j)
    if run is None:
        return None
    found = _labels_from(rows, run, j)
    if found is None:
        return None
    top, printed, labels, doubtful = found
    extra, above, over = _apart(rows, run, top, j)
    first = top - 1 if over else top
    whole = range(first, _values_run_end(rows, j))
    if doubtful:
        return _unread(rows, whole, DOUBTFUL)
    if (
        top == run
        and j - run >= LABEL_LINES
        and run > 0
        and _lead_words(rows[run - 1].flat)
    ):
        # The first label's first word ("Milestone") is over more lines than
        # are looked up.
        return _unread(rows, whole, BEYOND_REACH)
    if extra is not None and extra not in LAST:
        return _unread(
            rows,
            whole,
            f'the line over its labels ("{above}") names a status too, so '
            "where its labels start is not certain",
        )
    if _scope_after(printed):
        return _unread(rows, whole, SCOPE_OR_LABEL)
    n = len(labels) + (extra is not None)
    read: list[tuple[Row, Line]] = []
    k = j
    while k < len(rows):
        end = _values_end(rows, k)
        line = read_line(" ".join(r.flat for r in rows[k:end]), n)
        if line is None:
            break
        read.append((replace(rows[k], line_end=rows[end - 1].line_end), line))
        k = end
    if not read or (k < len(rows) and is_values_line(rows[k].flat)):
        names = ", ".join(label for label, _ in labels)
        return _unread(
            rows,
            whole,
            f"its rows of values do not print one value for each of the {n} "
            f"statuses its labels name ({names}{', ' + extra if extra else ''})",
        )
    columns: list[str] | None = [label for label, _ in labels]
    if extra is not None:
        columns = _with_extra(
            [label for label, _ in labels], extra, [line[1] for _, line in read]
        )
    if columns is None:
        return _unread(
            rows,
            range(first, k),
            f'which column "{above}", printed over the other labels, heads is '
            "not printed, and the columns it can head read differently",
        )
    # The scope the labels name ("Milestone completed …"), whichever label
    # the word is in.
    scoped, periods = _scoped(read, scope_of(printed))
    words = {**dict(labels), str(extra): above}
    return Found(
        first,
        {col: words[c] for col, c in enumerate(columns)},
        scoped,
        tuple(range(first, k)),
        _titles(rows, first),
        periods,
    )


def _apart(
    rows: Sequence[Row], run: int, top: int, j: int
) -> tuple[str | None, str, bool]:
    """(status, words, over) of a label printed apart from the others: as
    their last line, right over the values ("TOTAL"), or on the line over
    them (`over`, "No Rating"), which ends their run of lines; over labels
    after a sentence, the line above is that sentence's."""
    tail = rows[j - 1].flat
    if (status := category_of(tail)) in LAST:
        return status, tail, False
    above = rows[top - 1].flat if top == run and top > 0 else ""
    if above and not DIGIT.search(above) and not INTRODUCES.search(above):
        status = category_of(above)
        return status, above, status is not None
    return None, "", False


def _scoped(
    read: list[tuple[Row, Line]], named: str | None
) -> tuple[list[tuple[Row, str | None, dict[int, Value]]], tuple[str, ...]]:
    """The rows read, each with its scope: its own, else the labels'
    (`named`). A row with no scope and no count is the row's above: its
    percents ("34.7% …" under "Actions 8 10 5 0"), which take that row's
    scope where the grid is read (`printed.scope_in_force`), or none where
    it prints dashes ("- - - -" under "Performance Indicators - - - -"), so
    it is folded into it."""
    scoped: list[tuple[Row, str | None, dict[int, Value]]] = []
    periods: list[str] = []
    for row, (scope, values, period) in read:
        if scope is not None or period or not scoped or prints_counts(values):
            scoped.append((row, scope or named, dict(enumerate(values))))
            periods.append(period)
            continue
        prior, own, counts = scoped[-1]
        if all(v.percent is None for v in (*values, *counts.values())):
            scoped[-1] = (replace(prior, line_end=row.line_end), own, counts)
        else:
            scoped.append((row, None, dict(enumerate(values))))
            periods.append(period)
    return scoped, tuple(periods)


def _unread(rows: Sequence[Row], members: range, reason: str) -> Unread | None:
    """A grid left unread on `rows[members]`, whose rows print two values or
    more; else None: a sentence naming statuses over a line of one figure
    ("3", "85%", "Performance Indicator 12") is no grid."""
    lines = (rows[k].flat for k in members)
    values = sum(_values_in(text) for text in lines if is_values_line(text))
    return Unread(tuple(members), reason) if values >= MIN_VALUES else None


def _values_in(text: str) -> int:
    return sum(1 for token in text.split() if VALUE_PART.match(token))


def _labels_from(
    rows: Sequence[Row], top: int, j: int
) -> tuple[int, str, list[tuple[str, str]], bool] | None:
    """(first line, words, statuses, doubtful) of the labels over the values at
    `rows[j]`, their lines from `rows[top]` on: from the line their first
    status starts on, with the few words over it that begin the first label
    ("Milestone" over "completed …"). A line that names a status in a clause
    ("on target, as shown below.", `_sentence`) or whose statuses repeat
    those after it is a sentence over the labels, which start after it;
    labels found only where a line taken for a sentence's is one of them are
    `doubtful`. None where no labels are found."""
    for sentences in (True, False):
        start = top
        first = _status_line(rows, start, j)
        while first is not None:
            if not (sentences and _sentence(rows[first].flat)):
                text = " ".join(rows[k].flat for k in range(first, j))
                if (labels := status_labels(text)) is not None:
                    lead = first
                    while lead > start and _lead_words(rows[lead - 1].flat):
                        lead -= 1
                    printed = " ".join(rows[k].flat for k in range(lead, j))
                    return lead, printed, labels, not sentences
            start = first + 1
            first = _status_line(rows, start, j) if start < j else None
    return None


def _sentence(text: str) -> bool:
    """A line of a sentence that names a status, not of labels: a clause
    ("on target, as shown below."), a sentence's words ("remain on target
    as shown below"), or statuses joined by "or" ("completed or on
    target")."""
    if CLAUSE.search(text) or PROSE.search(text):
        return True
    found = list(ANY_STATUS.finditer(text))
    return any(
        text[a.end() : b.start()].strip().lower() == "or" for a, b in pairwise(found)
    )


def _lead_words(text: str) -> bool:
    """Words over a grid's first status that begin its first label, opening
    with the word of what it counts ("Milestone", "Project Timeline/scope/
    target date"), not a title's or a sentence's line ("Last quarter", "Year
    End", "Projects this quarter")."""
    return (
        LEAD.match(text) is not None
        and PERIOD_WORDS.search(text) is None
        and PROSE.search(text) is None
    )


def _values_run_end(rows: Sequence[Row], j: int) -> int:
    """The line after the rows of values from `rows[j]` on: lines of values,
    and a scope printed alone over the values it counts ("Actions" over
    "2 9 4 8 6 12")."""
    k = j
    while k < len(rows):
        text = rows[k].flat
        if not is_values_line(text) and not (
            k + 1 < len(rows)
            and is_values_line(rows[k + 1].flat)
            and not DIGIT.search(text)
            and len(text.split()) <= SCOPE_WORDS
            and not ANY_STATUS.search(text)
            and scope_of(text) is not None
        ):
            break
        k += 1
    return k


def _scope_after(printed: str) -> bool:
    """Whether the words after the last status of a grid's labels name a
    scope ("… aborted/ closed Performance Indicators"): the first row's
    scope printed on a line of its own, or the last label's end."""
    ends = [m.end() for m in ANY_STATUS.finditer(printed)]
    return bool(ends) and scope_of(printed[ends[-1] :]) is not None


def _values_end(rows: Sequence[Row], k: int) -> int:
    """The line after a row of values printed from `rows[k]`: lines that open
    with the bracketed percent of the value before are its rest."""
    end = k + 1
    while (
        end < len(rows)
        and PERCENT_REST.match(rows[end].flat)
        and is_values_line(rows[end].flat)
    ):
        end += 1
    return end


def _labels_top(rows: Sequence[Row], j: int) -> int | None:
    """The first of the label lines over the values at `rows[j]`: the lines
    up from it with no figure, up to a label printed alone above the others
    ("TOTAL"), a figure, a title that introduces ("…:") or a page's top;
    None where there is none."""
    top = j
    # "TOTAL" as the last line, right over the values, is one line more.
    lines = LABEL_LINES + (j > 0 and category_of(rows[j - 1].flat) in LAST)
    while top > max(0, j - lines):
        text = rows[top - 1].flat
        if (
            not text
            or DIGIT.search(text)
            or INTRODUCES.search(text)
            # "TOTAL" over the others, not the last label over the values.
            or (category_of(text) in LAST and top < j)
        ):
            break
        top -= 1
    return None if top == j else top


def _status_line(rows: Sequence[Row], top: int, j: int) -> int | None:
    """The first of `rows[top:j]` that the first status their text names starts
    on ("on target" of "Project on" / "target"), or None where they name none."""
    texts = [rows[k].flat for k in range(top, j)]
    found = ANY_STATUS.search(" ".join(texts))
    if found is None:
        return None
    end = 0
    for k, text in enumerate(texts):
        end += len(text) + 1
        if found.start() < end:
            return top + k
    return None


def _with_extra(
    columns: list[str], extra: str, rows: list[list[Value]]
) -> list[str] | None:
    """The statuses by column with the label printed above the others
    (`extra`) put in its column: "total" where the count is the sum of the
    others' in every row that prints every count, "no_rating" anywhere. None
    when no column fits, or when two that fit read differently."""
    readings = []
    for at in range(len(columns) + 1):
        if extra != "total" or all(_adds_up(values, at) for values in rows):
            order = [*columns[:at], extra, *columns[at:]]
            readings.append((order, _by_status(order, rows)))
    if not readings or any(r[1] != readings[0][1] for r in readings):
        return None
    if extra == "total" and not any(_counted(values) for values in rows):
        return None
    # Every placement reads alike: the last column is where such a label goes.
    return readings[-1][0]


def _counted(values: list[Value]) -> bool:
    return all(v.count is not None for v in values)


def _adds_up(values: list[Value], at: int) -> bool:
    """Whether the count at column `at` is the others' sum (true where a count
    is not printed)."""
    if not _counted(values):
        return True
    counts = [v.count or 0 for v in values]
    return counts[at] == sum(counts) - counts[at]


def _by_status(order: list[str], rows: list[list[Value]]) -> list[dict[str, Value]]:
    return [dict(zip(order, values, strict=True)) for values in rows]


def _titles(rows: Sequence[Row], first: int) -> tuple[str, ...]:
    """The title lines over a grid whose first line is `rows[first]`, nearest
    first, at most `TITLE_LOOKBACK`: up to a line that is no title (a
    sentence, a row of values) or past one that introduces ("…:"). Blank
    lines, the page furniture the reader drops, are passed over."""
    titles: list[str] = []
    k = first - 1
    while k >= 0 and len(titles) < TITLE_LOOKBACK:
        text = rows[k].flat
        k -= 1
        if not text:
            continue
        if (
            not is_title_text(text)
            or SENTENCE_BREAK.search(text)
            or is_values_line(text)
        ):
            break
        titles.append(text)
        if INTRODUCES.search(text):
            break
    return tuple(titles)
