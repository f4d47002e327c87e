"""Action and milestone tables as pdftotext prints them in reading order.

Plain text (no flags) prints each cell a paragraph with blank lines between;
-raw prints no blank lines, the header on one line and a row's marks on one
line. An action table ("Action & Progress Update", "Outcomes", "Q1 Rating" …,
as samples/000 and 003 print it) has titles with quarter texts run on
("… Q1 – …", "Quarter 2 – …", "Quarter 3" alone above its text), Outcomes
empty or wrapped narrow, and marks (✓ ▶ ▲ ○ ● ✗ \\bigcirc, rating words) in
some quarters, each printed after its column's rating label. A milestone
table ("Approach", "Key Project", "Milestone(s)", "Progress", "Q1" …, as
samples/text/002 plain prints it) has titles and Progress cells, an empty one
printing nothing. The check: every `actions` record is a generated item with
its exact title, Outcomes (a milestone's Progress) and kind; its
`action_updates` carry exactly the generated quarter texts and marks; every
item not read has its first line under an issue.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from qa.table_fuzz.document import (
    TableKind,
    Verdict,
    issue_spans,
    read,
    records,
    squash,
    wrap,
)

FORMS = ("plain", "raw", "milestones")
AVOIDABLE = {
    "status-sentences": "quarter texts naming a status ('… has been completed.')",
    "bullet-marks": "the '●' mark",
    "unlabelled-actions": "actions with no 'Q1 –' text in their title's paragraph",
    "empty-outcomes": "empty Outcomes cells",
    "empty-progress": "empty milestone Progress cells",
    "milestone-marks": "marks in milestone tables",
}

TITLES = [
    "Explore delivery options for a new cemetery site",
    "Lead and roll-out the Let's Work Together project across the District",
    "Develop a District Wide Anti Social Behaviour & Hate Crime Policy",
    "Raise awareness of the Community Trigger by providing workshops for staff",
    "Explore offer from West Midlands CA re CCTV provision",
    "Declare an Air Quality Management Area for the town centre",
    "Review the homelessness strategy with partners",
    "Deliver the food waste collection pilot in selected wards",
]
PROGRESS_SENTENCES = [
    "This action is on hold until the procurement of the new CCTV Control Room "
    "has been completed.",
    "The level of information requested from the police has been collated, work "
    "is underway to calculate the cost.",
    "There has been a delay due to capacity.",
    "Core requirements have been drafted and are on track for the Scrutiny "
    "Committee meeting in November.",
    "A draft policy has been circulated to key partners both internally and "
    "externally.",
    "Feedback and comments have been received however this policy is now on hold",
    "Identified training provider, training to be scheduled later in the year.",
    "Resources have been reviewed and updated and will be circulated to all partners",
    "The plan moving forward is to look at common trends emerging from the "
    "Community Safety Hub",
    "Additionally, it would solve our ongoing issues re: accurate monitoring of "
    "notices",
    "Soft market testing was carried out during the period with five responses "
    "received.",
    "The working group met twice and agreed terms of reference",
]
# A short quarter text naming a status, as a rating label would.
STATUS_SENTENCE = "Work is on target for March."
OUTCOMES = [
    "FRP option",
    "Increased awareness and use of the Community Trigger.",
    "The programme will be designed to deliver against the Cannock Chase LSP "
    "priorities.",
    "Consistent approach to handling reports of anti social behaviour Managing "
    "Partner expectations",
    "Improved air quality in the area",
    "Reduced risks for individuals and families",
]
# A mark as printed -> the rating it means (None: a symbol with no rating).
MARKS: dict[str, str | None] = {
    "✓": "completed",
    "▶": "on_target",
    "▲": "attention",
    "\\bigcirc": None,
    "○": None,
    "●": None,
    "✗": None,
    "Green": "on_target",
    "Amber": "attention",
    "Completed": "completed",
}
DASHES = ("–", "-")
RATING_LABEL_STYLES = ("Q{q} Rating", "Q{q}\nRating", "Quarter {q} Rating")
MILESTONE_TITLES = [
    "Identify & Promote One Good News Story",
    "Identify & Promote One Case Study",
    "Publish Anti Social Behaviour Policy",
    "Publish Community Safety Hub Referral Data",
    "Agree Local PBA Plan",
    "Report Outcomes to LSP",
    "Finalise Design",
    "Procurement and Contract Award",
    "Appoint Preferred Provider",
]
MILESTONE_PROGRESS = [
    "Purse Bells Campaign to safeguard vulnerable residents due to an increase in "
    "purse thefts in the town centre - press release issued.",
    "Hub referral data now published monthly via social media.",
    "Permission to spend report approved Cabinet 4 October 2018. Project Team met "
    "in mid October.",
    "Policies from selected authorities have been reviewed and compared with our own",
    "Contract awarded March 2019. Project implementation meeting taking place in "
    "April.",
]
HEADERS = ("Action & Progress Update", "Projects and Actions")


@dataclass
class Item:
    kind: str  # action | milestone
    title: str
    outcomes: str  # a milestone's Progress; "": the cell is empty
    texts: dict[int, str]  # quarter -> progress text
    label_style: dict[int, str]  # quarter -> "dash" | "word" | "bare"
    inline: int  # how many quarter texts run on in the title's paragraph
    marks: dict[int, str]  # quarter -> mark as printed
    first_line: int = 0
    last_line: int = 0


@dataclass
class Case:
    form: str  # plain | raw | milestones
    lines: list[str]
    items: list[Item]
    desc: str = ""

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    @property
    def text_form(self) -> str | None:
        return "plain"


def _squash(text: str | None) -> str | None:
    return None if text is None else squash(text)


def label_of(q: int, style: str, dash: str) -> str:
    """A quarter text's label: 'Q1 – ', 'Quarter 1 – ' or a bare 'Quarter 1'."""
    if style == "word":
        return f"Quarter {q} {dash} "
    if style == "bare":
        return f"Quarter {q}"
    return f"Q{q} {dash} "


class Paragraphs:
    """A document printed paragraph by paragraph, each line's item noted."""

    def __init__(self, blank_between: bool) -> None:
        self.blank_between = blank_between
        self.lines: list[str] = []
        self.owner: list[int | None] = []

    def add(self, lines: list[str], who: int | None = None) -> None:
        if self.blank_between and self.lines and self.lines[-1] != "":
            self.lines.append("")
            self.owner.append(None)
        self.lines.extend(lines)
        self.owner.extend([who] * len(lines))

    def place(self, items: list[Item]) -> None:
        """Note each item's first and last line."""
        for i, it in enumerate(items):
            mine = [n + 1 for n, o in enumerate(self.owner) if o == i]
            it.first_line, it.last_line = min(mine), max(mine)


# ------------------------------------------------------------------ actions


@st.composite
def marks_of(draw: st.DrawFn, marks: list[str]) -> dict[int, str]:
    """Marks in any quarters, or in the first k: one symbol, or any."""
    marked = draw(
        st.one_of(
            st.lists(st.integers(1, 4), unique=True, max_size=4).map(sorted),
            st.integers(0, 4).map(lambda k: list(range(1, k + 1))),
        )
    )
    symbol = draw(st.sampled_from(marks))
    same = draw(st.booleans())
    return {q: (symbol if same else draw(st.sampled_from(marks))) for q in marked}


@st.composite
def actions(draw: st.DrawFn, n: int, avoid: frozenset[str]) -> list[Item]:
    """n actions of distinct titles."""
    sentences = PROGRESS_SENTENCES
    if "status-sentences" in avoid:
        sentences = [t for t in sentences if "completed" not in t]
    else:
        sentences = [*sentences, STATUS_SENTENCE]
    marks = sorted(m for m in MARKS if not ("bullet-marks" in avoid and m == "●"))
    labelled = "unlabelled-actions" in avoid
    outcomes = ([] if "empty-outcomes" in avoid else [""]) + OUTCOMES
    out = []
    for title in draw(st.permutations(TITLES))[:n]:
        qs = draw(st.lists(st.integers(1, 4), unique=True, max_size=4).map(sorted))
        if labelled and 1 not in qs:
            qs = [1, *qs]
        texts = {
            q: " ".join(
                draw(st.lists(st.sampled_from(sentences), min_size=1, max_size=3))
            )
            for q in qs
        }
        styles = {
            q: draw(st.sampled_from(("dash", "dash", "word", "bare"))) for q in qs
        }
        if labelled:
            styles[1] = "dash"
        item_marks = draw(marks_of(marks))
        outcome = draw(st.sampled_from(outcomes))
        inline = draw(st.integers(1 if labelled else 0, len(qs)))
        out.append(Item("action", title, outcome, texts, styles, inline, item_marks))
    return out


Event = tuple[str, Any, int]  # (kind, payload, item index)


@st.composite
def events(draw: st.DrawFn, items: list[Item], dash: str, width: int) -> list[Event]:
    """The paragraphs of the table in printing order: each title with the
    quarter texts run on in it, the Outcomes before or after the other texts,
    the marks, the texts printed after the marks."""
    stream: list[Event] = []
    for i, it in enumerate(items):
        qs = sorted(it.texts)
        inline = [q for q in qs[: it.inline] if it.label_style[q] != "bare"]
        rest = [q for q in qs if q not in inline]
        head = it.title
        for q in inline:
            head += " " + label_of(q, it.label_style[q], dash) + it.texts[q]
        stream.append(("text", (head, width), i))
        after_marks = draw(st.integers(0, len(rest)))
        before, after = rest[: len(rest) - after_marks], rest[len(rest) - after_marks :]
        outcomes_first = bool(it.outcomes) and draw(st.booleans())
        if outcomes_first:
            stream.append(("outcomes", None, i))
        stream += [("qtext", q, i) for q in before]
        if it.outcomes and not outcomes_first:
            stream.append(("outcomes", None, i))
        stream.append(("marks", None, i))
        stream += [("qtext", q, i) for q in after]
    return stream


@st.composite
def rating_groups(
    draw: st.DrawFn, stream: list[Event], items: list[Item]
) -> dict[int, list[int]]:
    """Where the rating labels are printed: Q1..Qs before one paragraph,
    Qs+1..Q4 before a later one, each before the first marks of its quarters
    (a label is above its marks on the page)."""
    split = draw(st.integers(0, 4))
    first_at = draw(st.integers(0, len(stream)))
    second_at = draw(st.integers(first_at, len(stream)))
    for k, (kind, _, i) in enumerate(stream):
        if kind == "marks" and any(q > split for q in items[i].marks):
            second_at = min(second_at, k)
        if kind == "marks" and any(q <= split for q in items[i].marks):
            first_at = min(first_at, k)
    second_at = max(second_at, first_at)
    groups = {first_at: list(range(1, split + 1))}
    groups[second_at] = groups.get(second_at, []) + list(range(split + 1, 5))
    return groups


@dataclass(frozen=True)
class ActionPrint:
    """How one action table is printed."""

    form: str
    dash: str
    text_width: int
    outcomes_width: int
    label_style: str
    labels_one_line: bool
    marks_one_line: bool


def _print_labels(doc: Paragraphs, p: ActionPrint, qs: list[int]) -> None:
    printed = [p.label_style.format(q=q) for q in qs]
    if qs and p.labels_one_line and "\n" not in p.label_style:
        doc.add([" ".join(printed)])
        return
    for label in printed:
        doc.add(label.split("\n"))


def _print_event(doc: Paragraphs, p: ActionPrint, event: Event, it: Item) -> None:
    kind, payload, i = event
    if kind == "text":
        doc.add(wrap(*payload), i)
    elif kind == "outcomes":
        doc.add(wrap(it.outcomes, p.outcomes_width), i)
    elif kind == "qtext":
        style = it.label_style[payload]
        if style == "bare":
            label = label_of(payload, "bare", p.dash)
            doc.add([label, *wrap(it.texts[payload], p.text_width)], i)
        else:
            text = label_of(payload, style, p.dash) + it.texts[payload]
            doc.add(wrap(text, p.text_width), i)
    else:
        marks = [it.marks[q] for q in sorted(it.marks)]
        if marks and p.marks_one_line:
            doc.add([" ".join(marks)], i)
        else:
            for mark in marks:
                doc.add([mark], i)


@st.composite
def action_case(draw: st.DrawFn, form: str, avoid: frozenset[str]) -> Case:
    """A strategic objective and a table of 1-3 actions."""
    items = draw(actions(draw(st.integers(1, 3)), avoid))
    p = ActionPrint(
        form=form,
        dash=draw(st.sampled_from(DASHES)),
        text_width=draw(st.integers(60, 130)),
        outcomes_width=draw(st.integers(18, 40)),
        label_style=draw(st.sampled_from(RATING_LABEL_STYLES)),
        labels_one_line=draw(st.booleans()),
        marks_one_line=form == "raw" and draw(st.booleans()),
    )
    stream = draw(events(items, p.dash, p.text_width))
    groups = draw(rating_groups(stream, items))
    doc = Paragraphs(blank_between=form == "plain")
    doc.add(["Cannock Chase Council — Performance Reports"])
    doc.add(
        ["Crime & Partnerships Priority Delivery Plan 2017-18 End of Year "
         "Performance Update"]
    )  # fmt: skip
    doc.add(["Strategic Objective", "Working with partners to foster safer and "
             "stronger communities"])  # fmt: skip
    if form == "raw":
        doc.add(["Action & Progress Update Outcomes Q1 Rating Q2 Rating Q3 Rating "
                 "Q4 Rating"])  # fmt: skip
        groups = {}
    else:
        doc.add(["Action & Progress Update"])
        doc.add(["Outcomes"])
    for k, event in enumerate(stream):
        _print_labels(doc, p, groups.get(k, []))
        _print_event(doc, p, event, items[event[2]])
    _print_labels(doc, p, groups.get(len(stream), []))
    doc.add(["Summary of Progress in Delivering Projects/Actions:"])
    doc.place(items)
    desc = (
        f"text width {p.text_width}, outcomes width {p.outcomes_width}, "
        f"rating labels before paragraphs {groups}"
    )
    return Case(form, doc.lines, items, desc)


# ------------------------------------------------------------------ milestones


@st.composite
def milestone_case(draw: st.DrawFn, avoid: frozenset[str]) -> Case:
    """An "Approach | Key Project | Milestone(s) | Progress | Q1..Q4" table in
    reading order (samples/text/002 plain lines 323-403): the labels, "Q1",
    the approach and key project cells, each milestone's title and Progress,
    "Q2" "Q3" "Q4"."""
    n = draw(st.integers(1, 4))
    w_title = draw(st.integers(28, 45))
    w_progress = draw(st.integers(55, 80))
    with_marks = draw(st.booleans()) and "milestone-marks" not in avoid
    items = []
    for title in draw(st.permutations(MILESTONE_TITLES))[:n]:
        empty = "empty-progress" not in avoid and draw(st.integers(0, 3)) == 0
        progress = "" if empty else draw(st.sampled_from(MILESTONE_PROGRESS))
        marks = (
            {draw(st.integers(1, 4)): "✓"} if with_marks and draw(st.booleans()) else {}
        )
        items.append(Item("milestone", title, progress, {}, {}, 0, marks))
    doc = Paragraphs(blank_between=True)
    doc.add(["Projects and Actions"])
    doc.add(["Sustaining safe and secure", "communities", "Approach"])
    for label in ("Key Project", "Milestone(s)", "Progress", "Q1"):
        doc.add([label])
    approach = "Manage residents perception of fear of crime and anti social behaviour"
    doc.add(wrap(approach, 36))
    project = "Publish and promote positive good news stories and case studies"
    doc.add(wrap(project, 30))
    for i, it in enumerate(items):
        doc.add(wrap(it.title, w_title), i)
        if it.outcomes:
            doc.add(wrap(it.outcomes, w_progress), i)
        for mark in it.marks.values():
            doc.add([mark], i)
    for label in ("Q2", "Q3", "Q4"):
        doc.add([label])
    doc.place(items)
    desc = f"title width {w_title}, progress width {w_progress}"
    return Case("milestones", doc.lines, items, desc)


def cases(form: str, avoid: frozenset[str]) -> st.SearchStrategy[Case]:
    """Action tables in plain or raw text, or milestone tables in plain text."""
    if form == "milestones":
        return milestone_case(avoid)
    return action_case(form, avoid)


# ------------------------------------------------------------------ check

Update = tuple[str | None, str | None, str | None]  # progress, symbol, rating


def expected_updates(it: Item) -> dict[str, Update]:
    """Quarter -> (progress, rating symbol, rating) of one generated item."""
    out = {}
    for q in range(1, 5):
        progress = _squash(it.texts.get(q))
        mark = it.marks.get(q)
        if progress or mark:
            out[f"Q{q}"] = (progress, mark, MARKS[mark] if mark else None)
    return out


def _covering_spans(case: Case, processed: Any) -> list[tuple[int, int]]:
    """The issue spans; an issue of a header with no action read under it
    covers the lines up to the next header."""
    spans = [(s.first, s.last) for s in issue_spans(processed)]
    headers = [n + 1 for n, line in enumerate(case.lines) if line.startswith(HEADERS)]
    for issue in records(processed, "issues"):
        if "with no action read under it" in issue.message and issue.line:
            nxt = [h for h in headers if h > issue.line]
            spans.append((issue.line, nxt[0] - 1 if nxt else len(case.lines)))
    return spans


def _item_faults(it: Item, action: Any, updates: dict[str, Any]) -> list[str]:
    """The faults of one item's reading."""
    faults = []
    want = _squash(it.outcomes) or None
    if action.kind != it.kind:
        faults.append(f"wrong_kind: {action.title!r} {action.kind}")
    if it.kind == "milestone" and _squash(action.progress) != want:
        got = action.progress
        faults.append(f"wrong_progress: {it.title!r}: got {got!r} want {it.outcomes!r}")
    if it.kind == "action" and _squash(action.outcomes) != want:
        got = action.outcomes
        faults.append(f"wrong_outcomes: {it.title!r}: got {got!r} want {it.outcomes!r}")
    read_updates = {
        q: (_squash(u.progress), u.rating_symbol, u.rating) for q, u in updates.items()
    }
    wanted = expected_updates(it)
    for q in sorted(set(read_updates) | set(wanted)):
        g = read_updates.get(q, (None, None, None))
        w = wanted.get(q, (None, None, None))
        if g[1] != w[1]:
            faults.append(f"wrong_mark: {it.title!r} {q}: got {g[1]!r} want {w[1]!r}")
        elif g[2] != w[2]:
            faults.append(f"wrong_rating: {it.title!r} {q}: got {g[2]!r} want {w[2]!r}")
        if g[0] != w[0]:
            faults.append(
                f"wrong_progress: {it.title!r} {q}: got {g[0]!r} want {w[0]!r}"
            )
    return faults


def faults_of(case: Case, acts: dict[str, Any], ups: dict[str, dict[str, Any]],
              spans: list[tuple[int, int]]) -> list[str]:  # fmt: skip
    """Every fault of the reading, as short strings."""
    faults = []
    by_title = {squash(it.title): it for it in case.items}
    seen = set()
    for item_id, action in acts.items():
        it = by_title.get(squash(action.title))
        if it is None:
            faults.append(f"wrong_title: {action.title!r}")
            continue
        seen.add(id(it))
        faults += _item_faults(it, action, ups.get(item_id, {}))
    for it in case.items:
        if id(it) not in seen and not any(a <= it.first_line <= b for a, b in spans):
            lines = f"lines {it.first_line}-{it.last_line}"
            faults.append(f"silent_loss: {it.title!r} ({lines})")
    return faults


def causes(case: Case, faults: list[str]) -> list[str]:
    """A short cause label per fault: a known shift where the text shows it,
    else the fault's kind."""
    titles = [it.title for it in case.items]
    found = set()
    for fault in faults:
        kind = fault.split(":")[0]
        got = fault.partition(": got ")[2]
        if (
            case.form == "milestones"
            and kind == "wrong_progress"
            and any(repr(t) in got for t in titles)
        ):
            found.add("empty Progress pairs the next title")
        elif kind == "wrong_outcomes" and any(repr(t) in got for t in titles):
            found.add("empty Outcomes shifts the cells")
        elif kind == "wrong_progress" and any(t in got for t in titles):
            found.add("unlabelled action merged into the one before")
        elif kind == "wrong_mark" and "want '●'" in fault:
            found.add("lone '●' mark lost")
        else:
            found.add(kind.replace("_", " "))
    return sorted(found)


def _produced(action: Any, updates: dict[str, Any]) -> str:
    read_updates = {
        q: (u.progress, u.rating_symbol, u.rating) for q, u in updates.items()
    }
    return (
        f"{action.kind} {action.title!r} outcomes {action.outcomes!r} "
        f"progress {action.progress!r} {read_updates}"
    )


def check(case: Case) -> Verdict:
    """The faults of the pipeline's reading of one generated table."""
    processed = read(case.text, case.text_form)
    acts = {a.item_id: a for a in records(processed, "actions")}
    ups: dict[str, dict[str, Any]] = {}
    for u in records(processed, "action_updates"):
        ups.setdefault(u.item_id, {})[u.quarter] = u
    faults = faults_of(case, acts, ups, _covering_spans(case, processed))
    expected = [
        f"{it.kind} {it.title!r} outcomes/progress {it.outcomes!r} "
        f"{expected_updates(it)} (lines {it.first_line}-{it.last_line})"
        for it in case.items
    ]
    produced = [_produced(a, ups.get(i, {})) for i, a in acts.items()]
    return Verdict(
        tuple(faults),
        tuple(causes(case, faults)),
        (case.desc, *expected),
        tuple(produced),
    )


KIND = TableKind("actions", FORMS, AVOIDABLE, cases, check)
