"""KPI grids as pdftotext prints them without -layout (plain) and with -raw.

Plain text is reading order: every cell a paragraph, blank lines between, names
and cells wrapped at their own words. Raw text runs a row's cells on along a
line, a wrapped cell's rest on the lines after it. A document is a report
around one grid: a quarter grid as samples/000 prints it, or an indicator
table with its frequency letter as samples/002 does. The check: every
`indicator_values` record has its row's printed value for its financial year,
period and measure, and every printed figure not read lies under an issue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from hypothesis import strategies as st

from qa.table_fuzz.document import (
    Printer,
    TableKind,
    Verdict,
    issue_spans,
    read,
    records,
    squash,
    wrap,
)

FORMS = ("plain", "raw")
AVOIDABLE = {
    "figure-paragraphs": "names and themes printing a figure ('Retain 6 Green Flags')",
    "joined-lines": "a wrapped cell's first line printed with a one-line neighbour",
    "bare-decimals": "cells of a bare decimal under 100 ('12.5')",
}


class Fact(NamedTuple):
    """One value a cell prints, where it belongs."""

    financial_year: str
    period: str
    measure: str
    value: float | None
    unit: str | None


@dataclass
class Cell:
    column: str  # the column's label as printed
    words: list[str]
    facts: list[Fact]
    lines: list[str] = field(default_factory=list)  # the cell wrapped
    at: list[int] = field(default_factory=list)  # its printed lines


@dataclass
class Row:
    name: str
    frequency: str | None
    cells: list[Cell | None]  # one per value or commentary column; None: empty
    name_lines: list[str] = field(default_factory=list)
    at: list[int] = field(default_factory=list)  # the name's printed lines


@dataclass
class Case:
    text: str
    form: str  # plain | raw
    grid: str  # "A": quarter grid; "B": indicator table
    rows: list[Row]
    options: dict[str, Any]

    @property
    def text_form(self) -> str | None:
        return "plain" if self.form == "plain" else None  # raw text is sniffed


class Years(NamedTuple):
    current: str
    previous: str
    current_dot: str
    previous_dot: str


YEARS = {
    "2017-18": Years("2017/18", "2016/17", "2017.18", "2016.17"),
    "2018-19": Years("2018/19", "2017/18", "2018.19", "2017.18"),
}
NAMES = [
    "Percentage of household waste recycled",
    "Residual household waste collected",
    "Number of fly tipping incidents",
    "Number of ASB complaints dealt with via the Community Safety Hub",
    "Number of CCTV case reviews provided to Staffordshire Police",
    "Number of new universal credit claimants within the period",
    "Number of Discretionary Housing Payments awards",
    "Number of tenancies sustained (No. of cases (council tenancies) completed "
    "with sustainment outcomes)",
    "Increased number of referrals to the Community Safety Hub",
    "Number of good news stories/case studies",
    "Average time to process new benefit claims",
    "Percentage of council tax collected",
    "Number of visits to leisure centres",
    "Satisfaction with local area (Feeling the Difference Survey)",
    "Following implementation of Housing Reduction Act (HRA) % of Main Duty "
    "Homelessness cases accepted as homeless",
    "Number of affordable homes delivered",
    "Percentage of planning applications determined on time",
]
# Names printing a figure, as samples/002 prints "Retain 6 Green Flags".
FIGURE_NAMES = [
    "Retain 6 Green Flags",
    "Percentage of calls answered within 20 seconds",
    "Major planning applications determined within 13 weeks",
]
THEMES = [
    "Sustaining safe and secure communities",
    "Support vulnerable people",
    "Promoting attractive and healthy environments",
]
FIGURE_THEMES = [
    "Priority 2: Support vulnerable people",
    "Objective 3 - Promoting attractive and healthy environments",
]
QUALIFIERS = [
    "Confirmed - Waste Dataflow Figure",
    "Confirmed - SCC residual tonnage",
    "NB: Figure based on estimated SCC residual tonnages",
    "NB: Figure based on estimated SCC residual and Material Recycling Facility "
    "output tonnages",
]
NOTES = [
    "(provisional)",
    "(All cases dealt with at prevention or relief stage)",
    "(Only three cases progressed to full duty from 82, so 1/82)",
]
NO_FIGURE = [
    "Awaiting data",
    "This information could not be collated during this period",
    "Not yet available",
]
# Prose around the grid as samples/text/002 prints it (lines 45-73), so that a
# document's wrap width and prose are a real report's.
PROSE_BEFORE = [
    "Community Safety – there has been a significant increase in the number of "
    "cases dealt with via the Community Safety Hub. The theme continues around "
    "vulnerability of residents and mental health issues. There has",
    "also been a significant increase in the CCTV Police Case Reviews and a "
    "number of tweets have been posted by partner agencies confirming arrests "
    "made as a result of CCTV footage. The Corporate Anti Social Behaviour",
    "Policy has been published and will enable a joined up approach to tackling "
    "anti social behaviour across the District.",
    "",
    "Performance Indicators",
    "",
    "In the figures produced below for Performance Indicators, the figures in "
    "Total are for the whole of the year and are either shown as cumulative "
    "figures or an average figure taken for the whole year.",
]
PROSE_AFTER = [
    "Comments on overall performance",
    "",
    "Support Vulnerable People – the number of tenancies sustained has almost "
    "doubled in comparison to last year's outturn. This demonstrates that the "
    "work of the Tenancy Sustainment Team is proving an invaluable",
    "resource in supporting vulnerable people. It has not been possible to "
    "collate the number of referrals made to support agencies via the "
    "Community Safety Hub.",
]
COMPARED = "Performance compared to 2015/16"
A_HEADERS = [
    # samples/000's crime grid
    ["Quarter 1", "Quarter 2", "Quarter 3", "Quarter 4", "Annual Total",
     "Annual Target", "Target Achieved / Trend", COMPARED],
    # samples/000's environment grid
    ["Quarter 1", "Quarter 2", "Quarter 3", "Quarter 4",
     "Target- Achieved/ Trend", COMPARED],
    ["Quarter 1", "Quarter 2", "Quarter 3", "Quarter 4", "Annual Total",
     "Annual Target"],
    ["Q1", "Q2", "Q3", "Q4", "Year End", "Target"],
    ["Quarter 1", "Quarter 2", "Quarter 3", "Annual Target"],
]  # fmt: skip
B_LABELS = ["Last year's outturn", "Target", "Q1", "Q2", "Q3", "Q4", "Total"]
# The indicator table's header as the ruled and browser -raw forms print it.
B_RAW_HEADERS = [
    ["Performance Indicator Frequency of", "reporting (Q or", "A)", "Last year's",
     "outturn", "Target Q1 Q2 Q3 Q4 Total"],
    ["Performance", "Indicator", "Frequency", "of", "reporting", "(Q or A)", "Last",
     "year's", "outturn", "Target Q1 Q2 Q3 Q4 Total"],
    ["Performance Indicator Frequency of reporting", "(Q or A)",
     "Last year's outturn Target Q1 Q2 Q3 Q4 Total"],
]  # fmt: skip
QUARTER = re.compile(r"^(?:Quarter |Q)([1-4])$")
BARE_DECIMAL = re.compile(r"\d{1,2}\.\d+")

# ------------------------------------------------------------------ cells


@st.composite
def number(draw: st.DrawFn, decimals_ok: bool, big: bool = False) -> tuple[float, str]:
    """A figure and its printed text: commas over 999, 0-2 decimals."""
    decimals = draw(st.sampled_from([0, 0, 1, 2]))
    whole = draw(st.integers(0, 99999 if big else 999))
    frac = draw(st.integers(0, 10**decimals - 1)) if decimals else 0
    v = round(whole + (frac / 10**decimals if decimals else 0), decimals)
    commas = draw(st.booleans()) if v >= 1000 else False
    text = f"{v:,.{decimals}f}" if commas else f"{v:.{decimals}f}"
    if not decimals_ok and BARE_DECIMAL.fullmatch(text):
        text = str(int(v) + 100)
    return float(text.replace(",", "")), text


def _fact(slot: tuple[str, str, str], value: float | None, unit: str | None) -> Fact:
    return Fact(*slot, value, unit)


@st.composite
def value_cell(
    draw: st.DrawFn, slot: tuple[str, str, str], label: str, decimals_ok: bool
) -> Cell:
    """A value column's cell (a quarter, total, target, last year's outturn)."""
    kind = draw(st.sampled_from(
        ["bare", "bare", "percent", "percent_q", "tonnes", "tonnes_q", "gbp",
         "missing", "paren", "cases", "cases_gbp", "average", "lt", "words"]
    ))  # fmt: skip
    small = draw(number(decimals_ok))
    big = draw(number(decimals_ok, big=True))
    qualifier = draw(st.sampled_from(QUALIFIERS)).split()
    simple: dict[str, tuple[list[str], float, str | None]] = {
        "bare": ([big[1]], big[0], None),
        "percent": ([small[1] + "%"], small[0], "percent"),
        "percent_q": ([small[1] + "%", *qualifier], small[0], "percent"),
        "tonnes": ([big[1], "Tonnes"], big[0], "tonnes"),
        "tonnes_q": ([big[1], "Tonnes", *qualifier], big[0], "tonnes"),
        "gbp": (["£" + big[1]], big[0], "gbp"),
        "average": ([small[1] + "%", "Average"], small[0], "percent"),
        "lt": (["<" + big[1]], big[0], None),
    }
    if kind in simple:
        words, value, unit = simple[kind]
        return Cell(label, words, [_fact(slot, value, unit)])
    if kind == "missing":
        mark = draw(st.sampled_from(["N/A", "n/a", "-"]))
        return Cell(label, [mark], [_fact(slot, None, None)])
    if kind == "paren":
        note = draw(st.sampled_from(NOTES))
        words = [small[1] + "%", *note.split()]
        return Cell(label, words, [_fact(slot, small[0], "percent")])
    cases = float(draw(st.integers(1, 999)))
    if kind == "cases":
        return Cell(label, [f"{int(cases)}", "Cases"], [_fact(slot, cases, None)])
    if kind == "cases_gbp":
        words = [f"{int(cases)}", "cases", "£" + big[1]]
        facts = [_fact(slot, cases, None), _fact(slot, big[0], "gbp")]
        return Cell(label, words, facts)
    words = draw(st.sampled_from(NO_FIGURE)).split()
    return Cell(label, words, [_fact(slot, None, None)])


@st.composite
def trend_cell(draw: st.DrawFn, label: str, years: Years, decimals_ok: bool) -> Cell:
    """'Target Achieved / Trend': values that say their own measure or year."""
    kind = draw(st.sampled_from(["target_actual", "lt", "measure_only", "words"]))
    cur = years.current
    if kind == "target_actual":
        t, tt = draw(number(decimals_ok))
        a, at = draw(number(decimals_ok))
        dash = draw(st.sampled_from(["-", "–"]))
        text = f"Target - {tt}% Actual {dash} {at}%"
        facts = [Fact(cur, "FY", "target", t, "percent"),
                 Fact(cur, "FY", "actual", a, "percent")]  # fmt: skip
        return Cell(label, text.split(), facts)
    if kind == "lt":
        t, tt = draw(number(decimals_ok, big=True))
        a, at = draw(number(decimals_ok, big=True))
        text = f"<{tt} Tonnes – {years.current_dot} - {at} Tonnes"
        facts = [Fact(cur, "FY", "target", t, "tonnes"),
                 Fact(cur, "FY", "actual", a, "tonnes")]  # fmt: skip
        return Cell(label, text.split(), facts)
    if kind == "measure_only":
        a = draw(st.integers(0, 999))
        b = draw(st.integers(0, 999))
        text = (
            f"No target - this is a measure only {years.current_dot} – {a} "
            f"{years.previous_dot} - {b}"
        )
        facts = [Fact(cur, "FY", "actual", float(a), None),
                 Fact(years.previous, "FY", "actual", float(b), None)]  # fmt: skip
        return Cell(label, text.split(), facts)
    return Cell(label, "Measure has changed".split(), [])


@st.composite
def compared_cell(draw: st.DrawFn, label: str, year: str, decimals_ok: bool) -> Cell:
    """'Performance compared to 2015/16': that year's outturn."""
    kind = draw(st.sampled_from(["labelled", "labelled_pct", "words", "bare"]))
    if kind == "labelled":
        v = draw(st.integers(1, 99999))
        return Cell(label, [year, f"-{v:,}"], [Fact(year, "FY", "actual", v, None)])
    if kind == "words":
        return Cell(label, f"Not reported in {year}".split(), [])
    p, pt = draw(number(decimals_ok))
    words = [year, f"-{pt}%"] if kind == "labelled_pct" else [pt + "%"]
    return Cell(label, words, [Fact(year, "FY", "actual", p, "percent")])


def place(label: str, years: Years) -> tuple[str, str, str] | None:
    """The (financial year, period, measure) a bare value under `label` means;
    None for a commentary column."""
    if m := QUARTER.match(label):
        return years.current, f"Q{m[1]}", "actual"
    if label in ("Annual Total", "Total", "Year End"):
        return years.current, "FY", "actual"
    if label in ("Annual Target", "Target"):
        return years.current, "FY", "target"
    if label == "Last year's outturn":
        return years.previous, "FY", "actual"
    return None


@st.composite
def rows_of(
    draw: st.DrawFn,
    grid: str,
    labels: list[str],
    years: Years,
    figure_names: bool,
    decimals_ok: bool,
) -> list[Row]:
    """1-4 rows of distinct names, some cells left empty."""
    n = draw(st.integers(1, 4))
    pool = NAMES + (FIGURE_NAMES if figure_names else [])
    names = draw(st.lists(st.sampled_from(pool), min_size=n, max_size=n, unique=True))
    rows = []
    for name in names:
        cells: list[Cell | None] = []
        empty = draw(st.integers(0, 3))  # how eager to leave cells empty
        for label in labels:
            slot = place(label, years)
            if draw(st.integers(0, 9)) < empty:
                cells.append(None)
            elif slot is not None:
                cells.append(draw(value_cell(slot, label, decimals_ok)))
            elif "Trend" in label:
                cells.append(draw(trend_cell(label, years, decimals_ok)))
            else:
                cells.append(draw(compared_cell(label, "2015/16", decimals_ok)))
        freq = draw(st.sampled_from(["Q", "A", None])) if grid == "B" else None
        rows.append(Row(name, freq, cells))
    return rows


# ------------------------------------------------------------------ printing


def _wrap_at(draw: st.DrawFn, words: list[str], widest: int) -> list[str]:
    """`words` wrapped at a width drawn up to `widest`."""
    return wrap(" ".join(words), draw(st.integers(8, widest)))


def _print_joined(out: Printer, cell: Cell, neighbour: Cell) -> None:
    """A wrapped cell's first line and a one-line neighbour on one line, as
    pdftotext prints them (samples/text/000 plain line 512)."""
    (first,) = out.add(cell.lines[0] + " " + neighbour.lines[0])
    cell.at = [first, *out.add(*cell.lines[1:])]
    neighbour.at = [first]
    out.add("")


def _print_plain_cells(draw: st.DrawFn, out: Printer, row: Row, joined: bool) -> None:
    filled = [c for c in row.cells if c is not None]
    j = 0
    while j < len(filled):
        cell = filled[j]
        nxt = filled[j + 1] if j + 1 < len(filled) else None
        if (
            joined
            and len(cell.lines) > 1
            and nxt is not None
            and len(nxt.lines) == 1
            and draw(st.integers(0, 2)) == 0
        ):
            _print_joined(out, cell, nxt)
            j += 2
            continue
        cell.at = out.add(*cell.lines)
        out.add("")
        j += 1


def print_plain(
    draw: st.DrawFn, out: Printer, case: Case, labels: list[str], joined: bool
) -> None:
    """Reading order: every label, name and cell a paragraph."""
    opts = case.options
    opts["joined_line"] = joined and draw(st.booleans())
    opts["label_after"] = (
        case.grid == "A" and COMPARED in labels and draw(st.booleans())
    )
    if case.grid == "B":
        out.add("Performance Indicator", "")
        out.add("Frequency of", "reporting (Q or", "A)", "")
    for label in labels:
        if opts["label_after"] and label == COMPARED:
            continue  # printed after the grid, as samples/text/000 plain line 563
        out.add(*(wrap(label, 16) if draw(st.booleans()) else [label]), "")
    for k, row in enumerate(case.rows):
        if k in opts["theme_at"]:
            out.add(*_wrap_at(draw, opts["theme_at"][k].split(), 34))
            if draw(st.booleans()):
                opts["theme_joined"].append(k)  # the theme in the name's paragraph
            else:
                out.add("")
        row.at = out.add(*row.name_lines)
        out.add("")
        if row.frequency:
            out.add(row.frequency, "")
        _print_plain_cells(draw, out, row, opts["joined_line"])
    if opts["label_after"]:
        out.add("Performance compared", "to 2015/16", "")


def _print_raw_row(draw: st.DrawFn, out: Printer, case: Case, row: Row) -> None:
    """A row's name lines, then its frequency and cells run on along a line,
    or the name, frequency and cells on one line."""
    head: list[str] = []
    if case.grid == "B" and len(row.name_lines) == 1 and draw(st.booleans()):
        head = [row.name_lines[0]]
        row.at = [len(out.lines) + 1]
    else:
        row.at = out.add(*row.name_lines)
    line: list[str] | None = head + ([row.frequency] if row.frequency else [])
    line_no = len(out.lines) + 1
    for cell in row.cells:
        if cell is None:
            continue
        if line is None:
            line = []
            line_no = len(out.lines) + 1
        line.append(cell.lines[0])
        cell.at = [line_no]
        if len(cell.lines) > 1:
            out.add(" ".join(line))
            cell.at += out.add(*cell.lines[1:])
            line = None
    if line:
        out.add(" ".join(line))


def print_raw(draw: st.DrawFn, out: Printer, case: Case, labels: list[str]) -> None:
    """-raw: the header as the ruled and browser forms print it, then each row."""
    if case.grid == "B":
        out.add(*draw(st.sampled_from(B_RAW_HEADERS)))
    else:
        out.add(" ".join(labels))
    for k, row in enumerate(case.rows):
        if k in case.options["theme_at"]:
            out.add(case.options["theme_at"][k])
        _print_raw_row(draw, out, case, row)


@st.composite
def themes_at(draw: st.DrawFn, rows: int, themes: str) -> dict[int, str]:
    """The rows a theme is printed above."""
    if themes == "none":
        return {}
    pool = THEMES if themes == "plain" else FIGURE_THEMES
    return {
        k: draw(st.sampled_from(pool))
        for k in range(rows)
        if draw(st.integers(0, 2)) == 0
    }


@st.composite
def cases(draw: st.DrawFn, form: str, avoid: frozenset[str]) -> Case:
    """A report around one KPI grid printed in `form`."""
    figure_paragraphs = "figure-paragraphs" not in avoid
    decimals_ok = "bare-decimals" not in avoid
    grid = draw(st.sampled_from(["A", "B"]))
    span = draw(st.sampled_from(list(YEARS)))
    years = YEARS[span]
    figure_names = figure_paragraphs and draw(st.booleans())
    themes = ["none", "plain", "figure"] if figure_paragraphs else ["none", "plain"]
    labels = draw(st.sampled_from(A_HEADERS)) if grid == "A" else list(B_LABELS)
    rows = draw(rows_of(grid, labels, years, figure_names, decimals_ok))
    for row in rows:
        row.name_lines = _wrap_at(draw, row.name.split(), 34)
        for c in row.cells:
            if c is not None:
                whole = draw(st.booleans())
                c.lines = [" ".join(c.words)] if whole else _wrap_at(draw, c.words, 40)
    options: dict[str, Any] = {
        "figure_names": figure_names,
        "themes": draw(st.sampled_from(themes)),
        "theme_joined": [],
    }
    options["theme_at"] = draw(themes_at(len(rows), options["themes"]))
    case = Case("", form, grid, rows, options)
    out = Printer()
    title = f"Environment Priority Delivery Plan {span} End of Year Performance Update"
    out.add(title, "", *PROSE_BEFORE, "")
    if form == "plain":
        print_plain(draw, out, case, labels, "joined-lines" not in avoid)
    else:
        print_raw(draw, out, case, labels)
    out.add("", *PROSE_AFTER)
    case.text = out.text
    return case


# ------------------------------------------------------------------ check


def _covered(processed: Any) -> tuple[set[int], set[int]]:
    """The lines under an issue, and the first lines of rows dropped as
    repeats of their key (a `duplicate_key` issue names its row's first line)."""
    covered: set[int] = set()
    for span in issue_spans(processed):
        covered.update(range(span.first, span.last + 1))
    repeated = {
        i.line for i in records(processed, "issues") if i.code == "duplicate_key"
    }
    return covered, repeated


def _record_fault(row: Row, v: Any) -> str | None:
    """What is wrong with one record of `row`, if anything."""
    truth = [f for c in row.cells if c is not None for f in c.facts]
    where = (v.financial_year, v.period, v.measure)
    slot = [f for f in truth if (f.financial_year, f.period, f.measure) == where]
    got = f"{v.financial_year} {v.period} {v.measure} = {v.value}"
    if not slot:
        return (
            f"SLOT: {row.name!r}: {got} ({v.value_text!r} under {v.reported_as!r}) "
            "but the row prints nothing there"
        )
    if any(
        f.value == v.value and (f.unit is None or v.value is None or f.unit == v.unit)
        for f in slot
    ):
        return None
    printed = [(f.value, f.unit) for f in slot]
    return (
        f"VALUE: {row.name!r}: {got} {v.unit} ({v.value_text!r} under "
        f"{v.reported_as!r}); printed {printed}"
    )


def wrong_records(
    case: Case, values: list[Any]
) -> tuple[list[str], dict[str, list[Any]]]:
    """Faults of the records produced, and the records of each generated row."""
    by_name = {squash(r.name): r for r in case.rows}
    faults: list[str] = []
    produced: dict[str, list[Any]] = {}
    for v in values:
        name = squash(v.indicator)
        row = by_name.get(name)
        if row is None:
            ends = [r for n, r in by_name.items() if name.endswith(" " + n)]
            if not ends:
                faults.append(
                    f"FOREIGN: record under {v.indicator!r} ({v.period} {v.measure} "
                    f"{v.value} from {v.value_text!r})"
                )
                continue
            faults.append(f"NAME: {v.indicator!r} is not a generated name")
            row = ends[0]
        produced.setdefault(row.name, []).append(v)
        if fault := _record_fault(row, v):
            faults.append(fault)
    return faults, produced


def lost_figures(
    case: Case, produced: dict[str, list[Any]], covered: set[int], repeated: set[int]
) -> list[str]:
    """Every printed figure neither read nor under an issue."""
    faults = []
    for row in case.rows:
        if row.at and row.at[0] in repeated:
            continue
        keys = {
            (v.financial_year, v.period, v.measure, v.value)
            for v in produced.get(row.name, [])
        }
        for c in row.cells:
            if c is None or set(c.at) <= covered:
                continue
            for f in c.facts:
                if f.value is not None and tuple(f[:4]) not in keys:
                    faults.append(
                        f"LOST: {row.name!r}: {tuple(f[:4])} from "
                        f"{' '.join(c.words)!r} (lines {c.at}) neither read nor "
                        "under an issue"
                    )
    return faults


# ------------------------------------------------------------------ causes

SECTION_LIKE = re.compile(r"^\d{1,2}(?:\.\d{1,2})+(?:\s+[A-Z(][^.:;]*)?$")
VALUE_TEXT = (re.compile(r"\('(.*)' under"), re.compile(r"from '(.*)'\)$"))
SPLIT_VALUE = re.compile(r"= ([\d.]+) \w+ .*printed \[\(\1, '")
SPLIT_TEXT = re.compile(r"20\d\d[./]\d\d - [\d,.]+")
LOST_AT = re.compile(r"\(lines \[(\d+)")


def _value_text(fault: str) -> str:
    for pattern in VALUE_TEXT:
        if m := pattern.search(fault):
            return m[1]
    return ""


def _cause_of_record(case: Case, kind: str, fault: str) -> str:
    """The likely cause of a wrong record (SLOT or VALUE)."""
    text = _value_text(fault)
    if re.search(r"Target - (20\d\d[/.]\d\d)", text):
        return "label-only first line joined to a neighbour"
    if "– Tonnes" in text or SPLIT_TEXT.fullmatch(text) or SPLIT_VALUE.search(fault):
        return "wrapped cell split at its own value"
    if case.options.get("label_after") and "Trend" in fault:
        return "column label printed after the grid"
    if case.options.get("joined_line"):
        return "joined lines, other"
    return f"wrong {kind.lower()}, other"


def _cause_of_loss(case: Case, fault: str) -> str:
    """The likely cause of a figure lost silently."""
    lines = case.text.splitlines()
    m = LOST_AT.search(fault)
    first = int(m[1]) if m else len(lines)
    if any(SECTION_LIKE.match(line.strip()) for line in lines[10:first]):
        return "lost after a section-number-like cell"
    if case.form == "raw":
        return "lone unread raw row"
    if case.options.get("label_after"):
        return "column label printed after the grid"
    return "lost, other"


def causes(case: Case, faults: list[str]) -> list[str]:
    """A short cause label for each kind of fault; the losses that follow a
    misreading of a known cause are its own."""
    figures = set(FIGURE_THEMES + FIGURE_NAMES)
    found = set()
    for fault in faults:
        kind = fault.split(":")[0]
        if kind == "FOREIGN" or _value_text(fault) in figures:
            found.add("figure paragraph read as a cell")
        elif kind == "NAME":
            found.add("theme joined to the name")
        elif kind in ("SLOT", "VALUE"):
            found.add(_cause_of_record(case, kind, fault))
        else:
            found.add(_cause_of_loss(case, fault))
    known = {c for c in found if "other" not in c}
    return sorted(known or found)


# ------------------------------------------------------------------ verdict


def expected(case: Case) -> list[str]:
    """Every generated figure, by row."""
    return [
        f"{row.name}: {f.financial_year} {f.period} {f.measure} = {f.value} "
        f"{f.unit or ''} (lines {c.at})".rstrip()
        for row in case.rows
        for c in row.cells
        if c is not None
        for f in c.facts
    ]


def check(case: Case) -> Verdict:
    """The faults of the pipeline's reading of one generated grid."""
    processed = read(case.text, case.text_form)
    values = records(processed, "indicator_values")
    covered, repeated = _covered(processed)
    faults, produced = wrong_records(case, values)
    faults += lost_figures(case, produced, covered, repeated)
    return Verdict(
        faults=tuple(faults),
        causes=tuple(causes(case, faults)),
        expected=tuple(expected(case)),
        produced=tuple(
            f"{v.indicator}: {v.financial_year} {v.period} {v.measure} = {v.value} "
            f"{v.unit or ''} ({v.value_text!r}, lines {v.line_start}-{v.line_end})"
            for v in values
        ),
    )


KIND = TableKind("kpi", FORMS, AVOIDABLE, cases, check)
