"""Counts printed inside a cell, in either order: "17 Race", "Race 20",
"2 x Council referrals", "on going cases 4", "approx. 120 incidents", "about 130",
"Incidents: c.160". A label that fits two categories ("Disability 2") is not
counted: `read_counts` returns it as `Ambiguous` for the caller to report. So
is a label in a list of counts that names no category ("2 escalated"), except
one referral source outside the list ("Council 5; Police 3; Housing 4"), which
is that list's `Other`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from normalise.categories import candidates, catch_all, is_label, match_category
from normalise.patterns import compiled
from normalise.text import fold_dashes, squash

# A minus sign set against the number ("-2 x Council referrals") is kept, so a
# negative count is reported, not read as 2; "Q1 - 15 on going cases" spaces its
# dash and prints 15.
COUNT = compiled(
    r"(?<![\w.,/])(?P<approx>(?:approx(?:imately)?\.?|c\.|circa|~"
    # "about 130", "an estimated 110", "nearly 130 incidents", "more than 145".
    # Not "over" or "under", which bound ages ("aged under 18") and spans
    # ("over 12 months").
    r"|(?:about|around|roughly|nearly|almost|(?:an?\s+)?estimated|more\s+than"
    r"|in\s+excess\s+of)\b)\s*)?"
    r"(?P<minus>(?:(?<=\s)|(?<=^))[-\u2212](?=\d))?"
    r"(?P<number>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?![\d%]|[./]\d|[eE][+-]?\d)"
    r"(?:\s*x\b)?",
    re.IGNORECASE,
)
# `breakdowns.count` is int64: a longer run of digits is not a count.
MAX_COUNT = 2**63 - 1
# Parenthetical notes are not counted: "(1 individual thought they were targeted
# for reasons of race and religion)" explains the motivations, it adds none.
# A short bracket without digits is part of its label: "Disability (Physical) 2"
# names one category; without "(Physical)" it is an ambiguous "Disability".
PAREN = compiled(r"\((?P<inner>[^()]*)\)")
DIGIT = compiled(r"\d")
# A count in brackets right after its label ("Race (17), Religion (2)",
# "Police referrals (4)") is that label's count, not a note; not a total
# before a list ("Referrals (6): Council 2, Police 4").
BRACKETED_COUNT = compiled(
    r"(?<=[A-Za-z])\s*\((?P<count>[0-9]{1,3}(?:,[0-9]{3})*)\)(?!\s*:)"
)
# "(Physical)", "(please specify)" are labels; "(Adult Social Care)" after
# "1 x Other" and longer brackets are notes on a label already printed.
NOTE_WORDS = 3
# Items of a list are apart at commas, at sentence ends ("… 85 incidents.
# Motivation: Race 12") and before a heading ("Incidents: c.160 Motivation: …").
SEGMENT_BREAK = compiled(
    r",\s+|(?<=[a-z0-9)])\.\s+(?=[A-Z])|\s+(?=[A-Z][a-z]+(?:\s+[a-z]+)?:)"
)
# A segment opening with a label's last word, its colon and its count
# ("Orientation: 1"), and the capitalised word the segment before ends with
# ("… Sexual"): that word is the label's first ("Sexual Orientation: 1").
COLON_COUNT = compiled(r"^[A-Z][a-z]+:\s*\d")
LAST_CAPITALISED = compiled(r"(?:^|\s)(?P<word>[A-Z][a-z]+)$")
# A category any list may end with: it belongs to the list it is printed in
# ("Race 9, Religion 2, Other (please specify) 2" is a motivation).
GENERIC = frozenset({"Other"})
LABEL_WORDS = 4

# A summary grid's row of counts and their shares, three or more:
# "9 (75%) 0 (0%) 3 (25%) 12 (100%)".
COUNT_ROW = re.compile(r"(?:\b\d+\s*\(\d+(?:\.\d+)?%\)\s*){3,}")
COUNT_ROW_SHARES = 3
# A summary grid's value printed alone on its line, a count and its share
# ("4 (12%)", "11 52.4%"), its share alone ("18%") or its count alone
# ("1,234"): a cell of a grid printed without columns.
COUNT_CELL = re.compile(r"^\s*\d[\d,]*\s+\(?\d+(?:\.\d+)?%\)?\s*$")
SHARE_CELL = re.compile(r"^\s*\(?\d+(?:\.\d+)?%\)?\s*$")
COUNT_ALONE = re.compile(r"^\s*\d[\d,]*\s*$")
# A line of three or more figures and nothing else but a scope before them:
# a table's row ("0 4 1 0 0", "80% 20% 0%", "Actions 1 7% 4 27% 0 0%").
FIGURE = r"\(?\d[\d,]*(?:\.\d+)?%?\)?"
FIGURES_ROW = re.compile(
    rf"^\s*(?:[A-Za-z][A-Za-z ]{{0,30}}\s)?(?:{FIGURE}\s+){{2,}}{FIGURE}\s*$"
)


def count_rows(text: str) -> list[tuple[int, int]]:
    """Where `text` prints a COUNT_ROW: each of its counts is followed by its
    share and "%)", so a text that prints fewer than three is not searched."""
    if text.count("%)") < COUNT_ROW_SHARES:
        return []
    return [m.span() for m in COUNT_ROW.finditer(text)]


# A word of a count's label.
LABEL_WORD = compiled(r"[a-z]+")


@dataclass(frozen=True, slots=True)
class Count:
    """One count and the canonical category its printed label names."""

    dimension: str
    category: str
    count: int
    approx: bool
    text: str
    # True when the printed label names no category and the count was put under
    # its list's catch-all (`Other`): the caller says so in `issues`.
    inferred: bool = False


@dataclass(frozen=True, slots=True)
class Ambiguous:
    """A count whose label fits several categories equally well, or none
    (`candidates` empty), or (`again`) names a category a count before it in
    the same text named, with another count or label: which is the
    category's cannot be told."""

    text: str
    candidates: tuple[str, ...]
    again: str | None = None


@dataclass(frozen=True, slots=True)
class Unlisted:
    """A count whose printed label names no category."""

    text: str
    count: int
    approx: bool


Item = Count | Ambiguous | Unlisted


def _drop_notes(text: str) -> str:
    """Drop bracketed notes, keep short brackets that are part of a label:
    "Disability (Physical) 2 (1 victim targeted twice)" -> "Disability (Physical) 2";
    a label's bracketed count is its count: "Race (17)" -> "Race 17"."""

    def keep_or_drop(m: re.Match[str]) -> str:
        inner = m["inner"]
        if DIGIT.search(inner) or len(inner.split()) >= NOTE_WORDS:
            return " "
        return m[0]

    return PAREN.sub(keep_or_drop, BRACKETED_COUNT.sub(r" \g<count>", text))


def _label_after(text: str) -> str:
    """ "Individuals from Cannock Chase District" -> the first few words."""
    return " ".join(text.split(":")[0].split()[:LABEL_WORDS]).strip(" .;")


def _label_before(text: str) -> str:
    """ "… thought to be: Race" -> "Race"; "Individuals:" -> "Individuals"."""
    tail = text.strip().rstrip(":").split(":")[-1]
    return " ".join(tail.split()[-LABEL_WORDS:]).strip(" .;")


def _segment_counts(segment: str, label_first_before: bool) -> tuple[list[Item], bool]:
    """The counts of one list item in printed order, and whether its labels
    stand before their numbers (a segment naming no category follows the one
    before it: "Council 5, Housing 4")."""
    found = [
        m
        for m in COUNT.finditer(segment)
        if int(m["number"].replace(",", "")) <= MAX_COUNT
    ]
    if not found:
        return [], label_first_before
    after = [
        _label_after(
            segment[m.end() : found[k + 1].start()]
            if k + 1 < len(found)
            else segment[m.end() :]
        )
        for k, m in enumerate(found)
    ]
    before = [
        _label_before(segment[(found[k - 1].end() if k else 0) : m.start()])
        for k, m in enumerate(found)
    ]
    # "Race 20 Sexual Orientation 4 …" names before its numbers, "17 Race" after:
    # the order that gives more known categories is the printed one.
    # An ambiguous label ("Disability") still shows which side labels are on.
    fits_after = [candidates(label) for label in after]
    fits_before = [candidates(label) for label in before]
    n_before = sum(bool(f) for f in fits_before)
    n_after = sum(bool(f) for f in fits_after)
    label_first = n_before > n_after or (
        n_before == n_after == 0 and label_first_before
    )
    labels = before if label_first else after
    fits = fits_before if label_first else fits_after
    out: list[Item] = []
    for m, label, fit in zip(found, labels, fits, strict=True):
        number = m[0].strip()
        text = f"{label} {number}" if label_first else f"{number} {label}"
        count = int(m["number"].replace(",", "")) * (-1 if m["minus"] else 1)
        if not fit:
            if is_label(label):
                out.append(Unlisted(text, count, bool(m["approx"])))
            continue
        hit = match_category(label)
        if hit is None:
            out.append(Ambiguous(text, tuple(c.category for c, _ in fit)))
            continue
        out.append(
            Count(
                dimension=hit[0].dimension,
                category=hit[0].category,
                count=count,
                approx=bool(m["approx"]),
                text=text,
            )
        )
    return out, label_first


def _items(s: str) -> list[Item]:
    """Every count of `s` in printed order, `Other` in the dimension of the count
    printed before it ("Race 9, Religion 2, Other (please specify) 2")."""
    items: list[Item] = []
    label_first = False
    previous: Count | None = None
    for segment in _segments(s):
        found, label_first = _segment_counts(segment, label_first)
        for item in found:
            if isinstance(item, Count):
                if item.category in GENERIC and previous is not None:
                    item = replace(item, dimension=previous.dimension)
                previous = item
            items.append(item)
    return items


def _segments(s: str) -> list[str]:
    """`s` cut at SEGMENT_BREAK, a two-word label before its colon kept whole."""
    out: list[str] = []
    start, spaces = 0, False
    for cut in [*SEGMENT_BREAK.finditer(s), None]:
        segment = s[start : cut.start() if cut else len(s)]
        # Only across a cut at spaces: a word before ". " or ", " ends its item.
        if spaces and out and COLON_COUNT.match(segment):
            if m := LAST_CAPITALISED.search(out[-1]):
                out[-1] = out[-1][: m.start("word")].rstrip()
                segment = f"{m['word']} {segment}"
                if not out[-1]:
                    out.pop()
        out.append(segment)
        if cut is not None:
            start, spaces = cut.end(), cut[0].isspace()
    return out


def _unlisted_dimension(items: list[Item], at: int) -> str | None:
    """The dimension of the list an unlisted label stands in: that of the count
    printed before it, else of the first count after it."""
    before = [i for i in items[:at] if isinstance(i, Count)]
    after = [i for i in items[at:] if isinstance(i, Count)]
    nearest = before[-1] if before else after[0] if after else None
    return nearest.dimension if nearest else None


def read_counts(text: str) -> tuple[list[Count], list[Ambiguous]]:
    """Every labelled count in `text` (first of each category kept, in printed
    order) and the counts whose label names several categories or none, or
    names a category again with another count.

    A label naming no category is only reported in a list of counts: a lone "6
    primary schools" is prose. In a list whose dimension has a catch-all
    (referral sources: Council, Police, Self, Other), one unlisted label is
    that catch-all: "Council 5; Police 3; Self 2; Housing 4" counts Housing as
    Other. Several unlisted labels would make Other their sum, which is not
    printed, so each is reported instead, as is one beside a printed Other.
    """
    counts, ambiguous = _read_counts(text)
    return list(counts), list(ambiguous)


# Recognisers read the same cell for counts more than once (a grid's cell, then
# the text after its total); the reading depends on the text alone.
@lru_cache(maxsize=4096)
def _read_counts(text: str) -> tuple[tuple[Count, ...], tuple[Ambiguous, ...]]:
    items = _items(squash(fold_dashes(_drop_notes(text))))
    printed = {(i.dimension, i.category) for i in items if isinstance(i, Count)}
    if not printed:
        return (), tuple(i for i in items if isinstance(i, Ambiguous))
    unlisted: dict[str | None, int] = {}
    for at, item in enumerate(items):
        if isinstance(item, Unlisted):
            dimension = _unlisted_dimension(items, at)
            unlisted[dimension] = unlisted.get(dimension, 0) + 1
    out: list[Count] = []
    ambiguous: list[Ambiguous] = []
    seen: dict[tuple[str, str], tuple[int, str]] = {}
    for at, item in enumerate(items):
        if isinstance(item, Unlisted):
            dimension = _unlisted_dimension(items, at)
            other = catch_all(dimension) if dimension else None
            if (
                dimension is None
                or other is None
                or unlisted[dimension] > 1
                or (dimension, other) in printed
            ):
                ambiguous.append(Ambiguous(item.text, ()))
                continue
            item = Count(dimension, other, item.count, item.approx, item.text, True)
        if isinstance(item, Ambiguous):
            ambiguous.append(item)
        elif (key := (item.dimension, item.category)) not in seen:
            seen[key] = (item.count, _label_words(item.text))
            out.append(item)
        elif seen[key] != (item.count, _label_words(item.text)):
            # "1 x Police referral … 4 x Police referrals", "2 Religion 2
            # Antisemitic": another count, or another label, of a category
            # counted already; which is the category's cannot be told.
            ambiguous.append(Ambiguous(item.text, (), item.category))
    return tuple(out), tuple(ambiguous)


def _label_words(text: str) -> str:
    """A count's label as compared with another's: its words in lower case."""
    return " ".join(LABEL_WORD.findall(text.lower()))


def counts_in(text: str) -> list[Count]:
    """Every labelled count in `text`, first of each category kept, in printed order."""
    return read_counts(text)[0]
