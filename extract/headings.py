"""Plan and theme headings: what every fact row sits under.

Plans: "Crime & Partnerships Priority Delivery Plan 2017-18 End of Year …",
"Improving Community Wellbeing PDP 2018-19 - …"; a committee report presents
one plan, named in its purpose ("… set out in the “Cleaner and Safer
Environment” Priority Delivery Plan for 2015/16").
Themes: "Cleaner and safer environments: Working with partners …" rows of KPI
grids (rejoined when column wrapping split them), section rows ("Sustaining
safe and secure communities"), and "Strategic Objective" rows.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from extract.context import Context
from extract.cover.metadata import Metadata
from extract.document import Document, Row
from extract.layout.headers import is_header
from extract.records import RepairRow
from normalise.vocabulary import FINANCIAL_YEAR
from normalise.words import Vocabulary, correct_misspellings, rejoin

__all__ = ["build_context", "is_header"]

# The ways a plan heading prints what the plan is: Cannock Chase's "Priority
# Delivery Plan" (PDP), other councils' "Housing Service Plan", "Environment
# Business Plan", "Corporate Plan", "Council Plan", "Improvement Plan". Not
# "Delivery Plan" alone, which partnership papers name in prose by the dozen.
PLAN_KIND = "Priority Delivery Plan"
PLAN_KIND_PDP = "PDP"
OTHER_KINDS = r"(?:Service|Business|Corporate|Council|Improvement)\s+Plan"
KINDS = rf"(?:Priority Delivery Plan|PDP|{OTHER_KINDS})"
PLAN = re.compile(rf"^(?P<name>.+?\b{KINDS})\s+(?:{FINANCIAL_YEAR})\b")
PLAN_YEAR_FIRST = re.compile(rf"^(?P<pre>.*?)\s*{FINANCIAL_YEAR}\s+(?P<kind>{KINDS})\b")
# "2016/17 Health PDP Quarter 3 Performance"
PLAN_AFTER_YEAR = re.compile(rf"^{FINANCIAL_YEAR}\s+(?P<name>.+?\b{KINDS})\b")
# "Health and Wellbeing Priority Delivery Plan – Annual Report 2012-13",
# "Environment Priority Delivery Plan" alone on its line.
PLAN_THEN_WORDS = re.compile(
    rf"^(?P<pre>.+?)\s+(?P<kind>{KINDS})\s*(?:$|[-\u2013:]\s+\S)"
)
# "Priority Delivery Plan: Housing 2016-17"
PLAN_NAMED_AFTER = re.compile(
    rf"^(?P<kind>{KINDS})\s*[:\-\u2013]\s*(?P<name>.+?)"
    rf"(?:\s+{FINANCIAL_YEAR}\b.*)?$"
)
# "Priority 1: Living a quality life in Tamworth": a council's priority, the
# plan its grids and actions report on.
PRIORITY_PLAN = re.compile(
    r"^Priority\s+(?:[1-9]|one|two|three|four|five|six)\s*[:.\-\u2013]\s*"
    r"[A-Z][^.;:\d]{3,80}$"
)
PLAN_KINDS_PDP = (PLAN_KIND, PLAN_KIND_PDP)
SENTENCE_OPENERS = frozenset({"The", "Our", "This", "Its", "Their", "A", "An"})
# Whether a text may print a plan's kind (most rows print none).
MAY_NAME_PLAN = re.compile(rf"{KINDS}|^Priority\s")
# "… against the Environment Priority Delivery Plan for 2014/15"
PLAN_IN_PROSE = re.compile(
    r"\bthe\s+(?P<name>(?:[A-Z][\w,&'-]*\s+(?:(?:and|&|of)\s+)?){1,6})"
    r"(?P<kind>Priority Delivery Plan|PDP)\b"
)
# Words a plan's name may hold besides capitalised ones ("Health and Wellbeing").
NAME_JOINERS = frozenset({"and", "&", "of", "the", "for", "in"})
# Words a sentence goes on from to the next line ("… funded from the").
GOES_ON_WORDS = NAME_JOINERS | frozenset(
    {"from", "to", "by", "with", "a", "an", "our", "its", "their"}
)
QUOTED_PLAN = re.compile(
    r"[“\"](?P<name>[^”\"]{3,80})[”\"]\s+(?:Priority Delivery Plan|PDP)\b"
)
STRATEGIC_OBJECTIVE = re.compile(r"^strategic objective$", re.IGNORECASE)
OBJECTIVE_LABEL_CHARS = len("strategic objective")
LABELLED_OBJECTIVE = re.compile(
    r"^strategic objective\s+(?P<objective>[A-Z].{10,})$", re.IGNORECASE
)
# Lines an objective printed as prose runs over at most.
OBJECTIVE_LINES = 3
ACTION_HEADER = re.compile(
    r"\s*Action\s*(?:&|\+|and)\s*Progress Update.*$", re.IGNORECASE
)
# "… public environments and Action & Progress Update": the joining word the
# header's text cut off.
TRAILING_JOIN = re.compile(r"\s+(?:and|&|or|of|for|to)\s*$", re.IGNORECASE)
NOT_A_THEME = re.compile(r"\b(?:PIs?|indicators?|summary|performance)\b", re.IGNORECASE)
DIGIT = re.compile(r"\d")
# A theme or plan heading is a short line; longer ones are prose.
HEADING_CHARS = 200
# How close a "Strategic Objective" must be to a theme printed above it to be that
# theme: samples/000 line 69 prints "Striving for … public environments and" (the
# rest spilt into the next cell) for the objective of line 63's theme.
OBJECTIVE_MATCH = 90.0


def _plan_name(text: str) -> str | None:
    if len(text) > HEADING_CHARS:
        return None
    # Every plan heading names its kind as printed; most rows name none.
    if "P" not in text or MAY_NAME_PLAN.search(text) is None:
        return None
    if PRIORITY_PLAN.match(text):
        return text.strip()
    name = _named_plan(text)
    if name is None or name.endswith(PLAN_KINDS_PDP) or _heading_like(name, text):
        return name
    # Another council's kind of plan, named in a sentence ("The Council's
    # Corporate Plan 2015-18 was approved by Cabinet"): no heading.
    return None


def _named_plan(text: str) -> str | None:
    if m := PLAN.match(text):
        return m["name"].strip()
    if m := PLAN_AFTER_YEAR.match(text):
        return m["name"].strip()
    if (m := PLAN_YEAR_FIRST.match(text)) and m["pre"].strip():
        return f"{m['pre'].strip()} {m['kind']}"
    if (m := PLAN_THEN_WORDS.match(text)) and _is_name(m["pre"]):
        return f"{m['pre'].strip()} {m['kind']}"
    if (m := PLAN_NAMED_AFTER.match(text)) and _is_name(m["name"]):
        return f"{m['name'].strip()} {m['kind']}"
    return None


def _heading_like(name: str, text: str) -> bool:
    """A plan's name as a heading prints it: capitalised words, none a
    possessive or an article opening a sentence, and no word in lower case
    after it but joining ones ("Housing Service Plan 2017-18 – Quarter 2
    Performance Update")."""
    words = name.split()
    if words[0] in SENTENCE_OPENERS or any(
        w.endswith(("'s", "\u2019s")) for w in words
    ):
        return False
    rest = text[text.find(words[-1]) + len(words[-1]) :].split()
    return _is_name(" ".join(words)) and not any(
        w[:1].islower() and w not in NAME_JOINERS for w in rest
    )


def _is_name(words: str) -> bool:
    """Capitalised words, as a plan's name is printed ("Crime & Partnerships"), not
    a sentence that ends on the words ("Comments on overall performance for this
    PDP")."""
    tokens = words.replace(",", " ").split()
    return (
        bool(tokens)
        and tokens[-1].lower() not in NAME_JOINERS
        and all(t[:1].isupper() or t.lower() in NAME_JOINERS for t in tokens)
    )


def _committee_plan(doc: Document) -> str | None:
    """The plan a committee report presents, named in its purpose: quoted
    ("the “Cleaner and Safer Environment” Priority Delivery Plan") or not ("the
    Environment Priority Delivery Plan for 2014/15")."""
    for line in doc.lines[:60]:
        if m := QUOTED_PLAN.search(line):
            return f"{m['name'].strip()} Priority Delivery Plan"
    for line in doc.lines[:60]:
        if (m := PLAN_IN_PROSE.search(line)) and m["name"].strip():
            return f"{m['name'].strip()} Priority Delivery Plan"
    return None


def _theme_cells(row: Row) -> list[str] | None:
    """The fragments of a theme printed across a grid row, or None."""
    if not row.tabbed or row.wrapped:
        return None
    texts = [c.flat for c in row.filled]
    if not texts or row.filled[0].column != 0 or texts[0].endswith(":"):
        return None
    joined = " ".join(texts)
    if (
        DIGIT.search(joined)
        or len(joined) > HEADING_CHARS
        or is_header(row)
        or joined.endswith(".")
    ):
        return None
    return texts


def _next_text_row(rows: Sequence[Row], i: int) -> int | None:
    for j in range(i + 1, len(rows)):
        if rows[j].flat:
            return j
    return None


def _prose_objective(rows: Sequence[Row], i: int) -> tuple[str, int] | None:
    """A "Strategic Objective" label printed as prose (text without TABs) and
    the objective on the lines under it, up to a blank line or a table row:
    the objective and its last row."""
    if not STRATEGIC_OBJECTIVE.match(rows[i].flat):
        return None
    j, lines = i + 1, list[str]()
    while (
        j < len(rows)
        and rows[j].flat
        and not rows[j].tabbed
        and len(lines) < OBJECTIVE_LINES
    ):
        lines.append(rows[j].flat)
        j += 1
    if not lines:
        return None
    objective = TRAILING_JOIN.sub("", ACTION_HEADER.sub("", " ".join(lines))).strip()
    return objective, j - 1


def _objective_theme(objective: str, seen: Sequence[str]) -> str:
    """The full theme an objective belongs to, when a theme printed above names it."""
    for theme in reversed(seen):
        tail = theme.split(":", 1)[-1].strip()
        if fuzz.partial_ratio(objective.lower(), tail.lower()) >= OBJECTIVE_MATCH:
            return theme
    return objective


def _headed_twice(rows: Sequence[Row]) -> set[str]:
    counts = Counter(
        r.filled[0].flat.lower() for r in rows if r.tabbed and len(r.filled) == 1
    )
    return {t for t, n in counts.items() if n > 1}


def _vocabulary(rows: Sequence[Row]) -> Vocabulary:
    """The words of the rows a heading is read from, the grid rows' beside them."""
    return Vocabulary.of(
        [r.flat for r in rows if not r.tabbed or len(r.filled) < 3],
        elsewhere=[r.flat for r in rows if r.tabbed and len(r.filled) >= 3],
    )


@dataclass(slots=True)
class _Walk:
    """State while reading a document's headings top to bottom."""

    doc: Document
    plan: str | None
    theme: str | None = None
    seen: list[str] = field(default_factory=list)
    repairs: list[RepairRow] = field(default_factory=list)
    words: Vocabulary | None = None

    @property
    def vocab(self) -> Vocabulary:
        # Counted when a heading first needs them: a narrative report
        # (samples/004, 1,679 rows) has no heading to rejoin or correct.
        if self.words is None:
            self.words = _vocabulary(self.doc.rows)
        return self.words

    def clean(self, fragments: Sequence[str], row: Row) -> str:
        """A heading's text: split words rejoined, misspellings corrected, logged."""
        text, fixed = rejoin(fragments, self.vocab)
        text, spelled = correct_misspellings(text, self.vocab)
        self.repairs.extend(
            RepairRow.of(
                self.doc.doc_id, "*", "theme", r, page=row.page, line=row.line_start
            )
            for r in (*fixed, *spelled)
        )
        return text

    def set_theme(self, theme: str) -> None:
        self.theme = theme
        self.seen.append(theme)


def _grid_theme(
    rows: Sequence[Row], i: int, repeated: set[str], walk: _Walk
) -> list[str] | None:
    """The fragments of a theme row of a grid ("Sustaining safe and secure
    communities", "Cleaner and safer er | vironments: Wor | king …", "Promoting a
    hea | lthy and inclu | sive community"), or None."""
    cells = _theme_cells(rows[i])
    if cells is None or NOT_A_THEME.search(" ".join(cells)):
        return None
    if ":" in " ".join(cells):
        return cells
    if len(cells) > 1 and rejoin(cells, walk.vocab)[1]:
        # Text broken mid-word across cells is one heading, not a row of values.
        return cells
    single = len(cells) == 1 and (
        cells[0].lower() in repeated or _followed_by_header(rows, i)
    )
    return cells if single else None


def build_context(doc: Document, meta: Metadata) -> Context:
    """Plan and theme for every row, and the repairs made to their headings."""
    rows = doc.rows
    repeated = _headed_twice(rows)
    single_plan = (
        _committee_plan(doc)
        if meta.report_type == "committee_performance_report"
        else None
    )
    # Rows a plan heading (alone or with the line under it) may start on: most
    # rows print neither kind of plan, so most are never matched.
    plan_rows = _plan_rows(rows) if single_plan is None else set()
    # Prose rows that may be a heading: a plan's, a theme's ("Name: text") or
    # the "Strategic Objective" label's (as long as the label). Most prose is
    # none of these and is passed over.
    prose_rows = plan_rows | {
        i
        for i, r in enumerate(rows)
        if not r.tabbed and (": " in r.flat or len(r.flat) == OBJECTIVE_LABEL_CHARS)
    }
    walk = _Walk(doc, single_plan)
    plans: list[str | None] = []
    themes: list[str | None] = []
    skip_to = -1
    for i, row in enumerate(rows):
        if i <= skip_to:
            pass
        elif row.tabbed:
            skip_to = _tabbed_heading(rows, i, repeated, walk, skip_to)
        elif i in prose_rows:
            skip_to = _prose_heading(rows, i, i in plan_rows, walk, skip_to)
        plans.append(walk.plan)
        themes.append(walk.theme)
    return Context(
        doc_id=doc.doc_id,
        financial_year=meta.financial_year,
        quarters=meta.named_quarters,
        report_type=meta.report_type,
        plans=tuple(plans),
        themes=tuple(themes),
        repairs=tuple(walk.repairs),
    )


def _plan_rows(rows: Sequence[Row]) -> set[int]:
    """Rows that may be a plan heading, alone or run on into the next line:
    those printing a plan's kind, or "Priority" that the next line may go on
    with ("… Priority" / "Delivery Plan 2014-15"), and the rows just above."""
    named = [
        i
        for i, r in enumerate(rows)
        if PLAN_KIND_PDP in r.flat or "Priority" in r.flat or " Plan" in r.flat
    ]
    return {*named, *(i - 1 for i in named)}


def _prose_heading(
    rows: Sequence[Row], i: int, may_plan: bool, walk: _Walk, skip_to: int
) -> int:
    """Read prose row `i` as a plan, a theme or an objective heading, if it is
    one; the last row it takes."""
    row = rows[i]
    text = row.flat
    if (
        may_plan
        and (name := _plan_name(text) or _plan_name(_with_next(rows, i)))
        and (name.endswith(PLAN_KINDS_PDP) or not _goes_on_from(rows, i))
    ):
        walk.plan, walk.theme, walk.seen = name, None, []
    elif _plain_theme(text):
        walk.set_theme(walk.clean([text], row))
    elif (prose := _prose_objective(rows, i)) is not None:
        objective, skip_to = prose
        walk.theme = _objective_theme(walk.clean([objective], rows[skip_to]), walk.seen)
    return skip_to


def _goes_on_from(rows: Sequence[Row], i: int) -> bool:
    """Whether prose row `i` goes on a sentence from the row above, which
    ends on a joining word ("… funded from the" / "Leisure Service Plan
    2018/19"): no heading of its own."""
    above = rows[i - 1] if i > 0 else None
    if above is None or above.tabbed or not above.flat:
        return False
    return above.flat.split()[-1].lower() in GOES_ON_WORDS


def _tabbed_heading(
    rows: Sequence[Row], i: int, repeated: set[str], walk: _Walk, skip_to: int
) -> int:
    """Read table row `i` as an objective or a theme heading, if it is one; the
    last row it takes."""
    row = rows[i]
    first = row.text_at(0)
    if m := LABELLED_OBJECTIVE.match(first):
        # The label and its objective wrapped into one cell (a layout
        # text's column): "Strategic Objective Improving the Council's …".
        walk.theme = _objective_theme(walk.clean([m["objective"]], row), walk.seen)
    elif STRATEGIC_OBJECTIVE.match(first):
        if (j := _next_text_row(rows, i)) is not None:
            objective = TRAILING_JOIN.sub(
                "", ACTION_HEADER.sub("", rows[j].text_at(0))
            ).strip()
            walk.theme = _objective_theme(walk.clean([objective], rows[j]), walk.seen)
            skip_to = j
    elif (cells := _grid_theme(rows, i, repeated, walk)) is not None:
        walk.set_theme(walk.clean(cells, row))
    return skip_to


def _with_next(rows: Sequence[Row], i: int) -> str:
    """A heading and the prose line under it: titles split over two lines
    ("Community Safety Priority Delivery Plan" / "2014-15 Quarter 3 …")."""
    if i + 1 < len(rows) and not rows[i + 1].tabbed and rows[i + 1].flat:
        return f"{rows[i].flat} {rows[i + 1].flat}"
    return ""


def _followed_by_header(rows: Sequence[Row], i: int) -> bool:
    j = _next_text_row(rows, i)
    return j is not None and is_header(rows[j])


PLAIN_THEME = re.compile(r"^[A-Z][A-Za-z ,&'-]{3,60}: [A-Z][A-Za-z ,&'-]{10,140}$")


def _plain_theme(text: str) -> bool:
    """A prose line that is a theme heading (samples/003 line 107)."""
    return PLAIN_THEME.match(text) is not None
