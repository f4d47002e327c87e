"""KPI grid headers: what each printed column of a grid holds.

"Quarter 1" is a quarter's actual, "Annual Target" the year's target, "Last
year's outturn" and "Outturn 2016/17" a year's actual, "Target Achieved / Trend"
and "Performance compared to 2015/16" commentary that prints values of its own;
unknown labels ("Comments", "RAG") are commentary that gives no rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from normalise.text import squash, unmarked
from normalise.vocabulary import DASH, FINANCIAL_YEAR, MONTH
from normalise.years import financial_year, financial_years_in

QUARTER_COL = re.compile(
    r"^(?:quarter|qtr|q)\s*(?P<q>[1-4]|one|two|three|four)"
    r"(?:\s+(?P<measure>actual|target))?$",
    re.IGNORECASE,
)
QUARTER_NUMBERS = {"one": "1", "two": "2", "three": "3", "four": "4"}
# "Total", "Annual Total", "Year End", "Year End Total", "Outturn", "Annual
# Actual", "Full Year Actual": the year's actual; a year printed with it
# ("Outturn 2016/17", "2016/17 Actual") says which year.
TOTAL_COL = re.compile(
    r"^(?:(?:annual|year[\s-]*end|full[\s-]*year)\s+)?total$"
    r"|^(?:year[\s-]*end|full[\s-]*year)(?:\s+actual)?$|^annual\s+actual$"
    r"|^(?:annual\s+|actual\s+)?outturn$",
    re.IGNORECASE,
)
ACTUAL = re.compile(r"^actual$", re.IGNORECASE)
TARGET_COL = re.compile(
    r"^(?:annual\s+|year[\s-]*end\s+|full[\s-]*year\s+)?target$", re.IGNORECASE
)
# "Last year's outturn", "Previous Year Actual": the year before. Not "Last
# year" alone, so that a header whose labels run on one space apart ("Last
# year's outturn Target Q1 …", `pdftotext -raw`) is cut into labels one way
# only; nor "Target Q1", for "Target" and "Q1" are labels of their own.
OUTTURN_COL = re.compile(
    r"^(?:last|previous|prior)\s+year(?:['\u2019]?s)?\s+"
    r"(?:outturn|actual|performance)$",
    re.IGNORECASE,
)
# A quarter's months as its column's label: "Apr-Jun", "July – September",
# "Jan to Mar 2018"; the financial year runs April to March.
MONTHS_COL = re.compile(
    rf"^(?P<first>{MONTH})\.?\s*(?:{DASH}|to)\s*(?P<last>{MONTH})\.?"
    r"(?:\s+(?P<year>20\d\d))?$",
    re.IGNORECASE,
)
FY_MONTHS = "apr may jun jul aug sep oct nov dec jan feb mar".split()
# "Quarter 1 (Apr-Jun)", "Target (2017/18)": the brackets only annotate.
TRAILING_PAREN = re.compile(r"^(?P<core>.+?)\s*\((?P<inner>[^()]*)\)$")
# Brackets after a label that say its figures are not the council's own
# actual or target of the label's period: a forecast, a comparator's figure,
# another span of the year. Not "(provisional)", "(estimated)", "(draft)":
# the council's own, not final.
OTHER_FIGURES = re.compile(
    r"\b(?:forecasts?|projected|projections?"
    r"|national|england|regional|county|averages?|avg|benchmarks?|comparators?"
    r"|family|neighbours?|ytd|year\s+to\s+date|quarterly|monthly"
    r"|profiled?|q[1-4]|quarters?|previous|last|baseline|target|actual)\b",
    re.IGNORECASE,
)
# "Q2 (Target)": the measure of a quarter's column, bracketed. Not "Target
# (Q2)", a quarter's target or the year's to date as often.
MEASURE_INNER = re.compile(r"^(?:target|actual)$", re.IGNORECASE)
# A header may print a year short ("Outturn 17/18"): two years that follow
# one another, where nothing else than a year can stand.
SHORT_YEAR = r"\d\d\s*[/\-\u2013]\s*\d\d"
LEADING_YEAR = re.compile(rf"^(?P<year>{FINANCIAL_YEAR}|{SHORT_YEAR})\s+(?P<core>.+)$")
TRAILING_YEAR = re.compile(
    rf"^(?P<core>.+?)\s+(?P<year>{FINANCIAL_YEAR}|{SHORT_YEAR})$"
)
SHORT = re.compile(r"^(?P<a>\d\d)\s*[/\-\u2013]\s*(?P<b>\d\d)$")
# A short year from this one on is of the 1900s ("99/00" is 1999/00).
CENTURY_TURN = 90
# Headers of action and milestone tables, whose Q1-Q4 columns hold ratings
# (samples/002 "Approach | Key Project | Milestone(s) | Progress | Q1 … Q4";
# "Key Actions | Lead Officer | Progress | Q1 … Q4", whose cells are "▶", "✓").
FOREIGN_COL = re.compile(
    r"^(?:approach|key\s+projects?|milestones?(?:\s*\(s\))?"
    r"|(?:key\s+)?actions?(?:\s*(?:&|\+|and)\s*progress\b.*)?)$",
    re.IGNORECASE,
)
FREQUENCY_COL = re.compile(r"^frequency\b", re.IGNORECASE)
TREND_COL = re.compile(r"^target\s*-?\s*achieved\s*/\s*trend$", re.IGNORECASE)
COMPARED_COL = re.compile(
    rf"^performance\s+compared\s+to\s+(?P<year>{FINANCIAL_YEAR})$", re.IGNORECASE
)
# Labels of a names column: "Performance Indicator", "Performance Measure",
# "Key Measure", "Indicator Description", "Title".
NAME_COL = re.compile(
    r"^(?:(?:key|local)\s+)?(?:performance\s+)?indicators?(?:\s*\((?:k?pis?)\))?$"
    r"|^(?:(?:key|local|performance)\s+)measures?$"
    r"|^(?:title|(?:performance\s+)?(?:k?pi|indicator|measure)\s+"
    r"(?:description|name|title))$",
    re.IGNORECASE,
)
# Labels a names column may have, as often another's: "Measure" (also a
# unit's), "Description" (also a definition's), "Programme".
WEAK_NAME_COL = re.compile(r"^(?:measures?|description|programmes?)$", re.IGNORECASE)
# "PI", "KPI": a name column's label where no other names the names, as often a
# column of codes beside "Indicator" ("KPI | Indicator | Q1 …").
CODE_NAME_COL = re.compile(r"^k?pis?$", re.IGNORECASE)
# A column of references: "Ref", "PI No.", "KPI Ref", "Code".
REFERENCE_COL = re.compile(
    r"^(?:(?:pi|kpi)\s+)?(?:ref(?:erence)?|no\.?|number|code|id|#)$", re.IGNORECASE
)
# Columns a KPI grid prints beside its values that hold no value of the
# grid's: a rating, a trend, comments, who leads. Labels of a header, not the
# cells of a row flattened into one (see `squashed_header_columns`).
COMMENTARY_COL = re.compile(
    r"^(?:rag(?:\s+(?:status|rating))?|trend"
    r"|direction(?:\s+of\s+travel)?|dot|comments?|commentary|notes?"
    r"|(?:lead|responsible)(?:\s+officer)?|polarity|good\s+performance\s+is"
    r"|(?:performance\s+)?(?:status|rating))$",
    re.IGNORECASE,
)
# "Unit", "Units", "Unit of measure": each row's unit ("%", "£000", "Tonnes"),
# which its bare figures take.
UNIT_COL = re.compile(
    r"^(?:units?(?:\s+of\s+measure(?:ment)?)?|measure(?:ment)?\s+units?|uom)$",
    re.IGNORECASE,
)
BARE_YEAR = re.compile(rf"^{FINANCIAL_YEAR}$")
MIN_VALUE_COLUMNS = 2
# The numbers a header's labels print: quarters' and years' ("Quarter 1",
# "Q2", "2017/18", "2019").
LABEL_NUMBERS = re.compile(
    rf"\b(?:quarters?|qtr|q)\s*[1-4]\b|{FINANCIAL_YEAR}|\b20\d\d\b", re.IGNORECASE
)
FIGURE = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Column:
    """What a grid column holds, from its printed header."""

    index: int
    label: str
    kind: str  # name | frequency | unit | value | commentary
    period: str | None = None
    measure: str | None = None
    financial_year: str | None = None
    previous_year: bool = False


def name_index(columns: Sequence[Column]) -> int:
    """The column holding indicator names (the first column when none is named)."""
    return next((c.index for c in columns if c.kind == "name"), 0)


def _year_of(raw: str) -> str | None:
    if (m := SHORT.match(raw.strip())) is not None:
        a, b = int(m["a"]), int(m["b"])
        century = 1900 if a >= CENTURY_TURN else 2000
        return f"{century + a}/{b:02d}" if b == (a + 1) % 100 else None
    years = financial_years_in(raw)
    return years[0] if len(years) == 1 else None


def _core(label: str) -> tuple[str, str | None] | None:
    """(label without its year or brackets, the year it names); None when the
    printed year is not a financial year ("Target 2015-18", a three-year plan)
    or the brackets say what else the column holds (`OTHER_FIGURES`): a
    forecast, a benchmark, a span of the year ("Outturn (forecast)", "Year
    End (national average)", "Target (Q2)"). "Q2 (Target)" is "Q2 Target"."""
    year = None
    if m := TRAILING_PAREN.match(label):
        inner = m["inner"].strip()
        if MEASURE_INNER.match(inner):
            # "Q2 (Target)" is "Q2 Target"; "Outturn (Actual)" an outturn.
            actual = inner.lower() == "actual" and not QUARTER_COL.match(m["core"])
            label = m["core"] if actual else f"{m['core']} {inner}"
        elif OTHER_FIGURES.search(inner):
            return None
        else:
            label = m["core"]
            year = _year_of(inner)
    if m := LEADING_YEAR.match(label) or TRAILING_YEAR.match(label):
        if (year := _year_of(m["year"])) is None:
            return None
        label = m["core"]
    return label, year


# What a label's brackets say of its figures that the contract's qualifier
# names: "Outturn (estimated)", "Q2 (cumulative)".
LABEL_QUALIFIERS = (
    ("estimated", re.compile(r"^(?:estimated?|est\.?)$", re.IGNORECASE)),
    ("cumulative", re.compile(r"^cumulative$", re.IGNORECASE)),
)


@lru_cache(maxsize=1024)
def label_qualifier(label: str) -> str | None:
    """The qualifier a column's label gives its figures in brackets, or None."""
    if (m := TRAILING_PAREN.match(unmarked(squash(label)))) is None:
        return None
    inner = m["inner"].strip()
    return next((name for name, p in LABEL_QUALIFIERS if p.match(inner)), None)


def _other_figures(label: str) -> bool:
    """A label whose brackets say its column holds other figures than the
    council's own ("Total (YTD)", "Outturn (forecast)"): a label, unread."""
    m = TRAILING_PAREN.match(label)
    return m is not None and OTHER_FIGURES.search(m["inner"]) is not None


def _months_quarter(core: str) -> tuple[str, str | None] | None:
    """The quarter a label of its three months names ("Jul-Sep" -> "Q2") and
    the financial year its calendar year puts it in ("Jan-Mar 2018" ->
    2017/18), or None (other months, or not months)."""
    m = MONTHS_COL.match(core)
    if m is None:
        return None
    first, last = (FY_MONTHS.index(m[k][:3].casefold()) for k in ("first", "last"))
    if first % 3 or last != first + 2:
        return None
    year = None
    if m["year"]:
        # January to March close the financial year that began the April before.
        start = int(m["year"]) - (1 if first >= 9 else 0)
        year = f"{start}/{(start + 1) % 100:02d}"
    return f"Q{first // 3 + 1}", year


def _value_column(core: str, s: str, index: int, year: str | None) -> Column | None:
    if m := QUARTER_COL.match(core):
        q = QUARTER_NUMBERS.get(m["q"].lower(), m["q"])
        measure = (m["measure"] or "actual").lower()
        return Column(index, s, "value", f"Q{q}", measure, financial_year=year)
    if months := _months_quarter(core):
        quarter, of_year = months
        return Column(
            index, s, "value", quarter, "actual", financial_year=of_year or year
        )
    if TOTAL_COL.match(core) or (year is not None and ACTUAL.match(core)):
        # "Actual" needs its year: alone it may be a quarter's or the year to
        # date's ("Actual (Q4)", "Target | Actual" in a quarter's report).
        return Column(index, s, "value", "FY", "actual", financial_year=year)
    if TARGET_COL.match(core):
        return Column(index, s, "value", "FY", "target", financial_year=year)
    if OUTTURN_COL.match(core):
        return Column(
            index,
            s,
            "value",
            "FY",
            "actual",
            financial_year=year,
            previous_year=year is None,
        )
    return None


# The same labels ("Quarter 1", "Annual Target") head grid after grid.
@lru_cache(maxsize=4096)
def classify(label: str, index: int) -> Column | None:
    """ "Quarter 1" -> Q1 actual; "Annual Target" -> FY target; "Outturn 2016/17"
    -> FY actual of 2016/17; unknown -> None. A footnote's mark after the
    label is no part of it (`normalise.text.unmarked`); the column keeps it as
    printed."""
    printed = squash(label)
    s = unmarked(printed)
    if BARE_YEAR.match(s) and (year := _year_of(s)) is not None:
        # "2015/16" over a column of figures: that year's outturn.
        return Column(index, printed, "value", "FY", "actual", financial_year=year)
    if (core := _core(s)) is not None and (
        column := _value_column(core[0], printed, index, core[1])
    ) is not None:
        return column
    if FREQUENCY_COL.match(s):
        return Column(index, printed, "frequency")
    if UNIT_COL.match(s):
        return Column(index, printed, "unit")
    if TREND_COL.match(s):
        # "<20,000 Tonnes – 2017.18 - 21,200 Tonnes": the bare first value is a target.
        return Column(index, printed, "commentary", "FY", "target")
    if m := COMPARED_COL.match(s):
        year, _ = financial_year(squash(m["year"]))
        return Column(index, printed, "commentary", "FY", "actual", financial_year=year)
    return None


def header_columns(texts: Sequence[str]) -> tuple[Column, ...] | None:
    """The columns of a KPI grid header row printing `texts`, or None (see
    `squashed_header_columns`)."""
    return squashed_header_columns([squash(t) for t in texts])


def squashed_header_columns(labels: Sequence[str]) -> tuple[Column, ...] | None:
    """The columns of a KPI grid header row, or None when the row is not one;
    its `labels` squashed already (`Row.texts`).

    At least two value columns make a grid; the name column is the one headed
    like a name ("Performance Indicator", "PI Description") or else the first
    unheaded or unknown column before the values; other unknown columns
    ("Comments", "RAG") are commentary that gives no rows. Unknown labels other
    than those of commentary (`COMMENTARY_COL`) must be fewer than the value
    columns.
    """
    columns = [
        classify(label, index) if label else None for index, label in enumerate(labels)
    ]
    values = sum(1 for c in columns if c is not None and c.kind == "value")
    bare = [unmarked(label) for label in labels]
    if values < MIN_VALUE_COLUMNS or any(FOREIGN_COL.match(label) for label in bare):
        return None
    first_value = next(
        i for i, c in enumerate(columns) if c is not None and c.kind == "value"
    )
    unknown = [i for i in range(first_value) if columns[i] is None]
    if not unknown:
        return None
    # The names' column: the one labelled so, else one labelled "PI" ("PI |
    # Description": the definitions are no names), else one labelled as a
    # names column may be ("Measure"), else the first unknown one ("PI Code |
    # Service Area": the codes tell the rows apart, the areas do not).
    name = next(
        (
            i
            for pattern in (NAME_COL, CODE_NAME_COL, WEAK_NAME_COL)
            for i in unknown
            if pattern.match(bare[i])
        ),
        unknown[0],
    )
    # A header is mostly labels: samples/001 line 36 prints a whole HTML table on
    # one line ("… | Programme | Annual Target | Q2 | No. of properties … | 275
    # | 146 | …"), an action row with two value labels among twenty other cells.
    others = sum(
        1
        for i, c in enumerate(columns)
        if c is None
        and bare[i]
        and i != name
        and not COMMENTARY_COL.match(bare[i])
        and not REFERENCE_COL.match(bare[i])
        and not _other_figures(bare[i])
    )
    if others >= values or _side_by_side(bare, columns, name):
        return None
    found = [c for c in columns if c is not None]
    found.append(Column(name, labels[name], "name"))
    return tuple(sorted(found, key=lambda c: c.index))


def _side_by_side(
    labels: Sequence[str], columns: Sequence[Column | None], name: int
) -> bool:
    """Two grids' headers side by side: a value column printed again after
    an unknown label other than commentary ("Housing  Q1  Q2  Environment
    Q1  Q2"), the second grid's name column. Read as one, its rows' values
    would go to the first grid's names."""
    seen: set[tuple[str | None, str | None, str | None, bool]] = set()
    apart = False
    for i, (label, c) in enumerate(zip(labels, columns, strict=True)):
        if c is None:
            # An unknown label after the first grid's values: the second's name.
            # Not labels run together ("Q1 Q2"), which name no grid.
            apart = apart or (
                bool(seen and label)
                and i > name
                and not COMMENTARY_COL.match(label)
                and not LABEL_NUMBERS.search(label)
            )
            continue
        if c.kind != "value":
            continue
        key = (c.period, c.measure, c.financial_year, c.previous_year)
        if key in seen and apart:
            return True
        seen.add(key)
    return False


def two_row_header(
    groups: Sequence[str], labels: Sequence[str]
) -> tuple[Column, ...] | None:
    """The columns of a header printed on two rows: group labels (`groups`:
    quarters, years) each over the columns it spans, to the next group label,
    and the labels of those columns below ("Quarter 1" over "Target" and
    "Actual": "Quarter 1 Target", "Quarter 1 Actual"; "2018/19" over "Target",
    "Q1", "Q2": "2018/19 Q1" …). None unless the group row is a header of
    quarters or years alone that leaves a column the row below labels
    unlabelled, the row below prints labels only (no figure), each reading
    as a column under its group or on its own ("RAG", "Annual Target"), and
    the two together make a grid's header with no quarter twice. The group
    row prints as many cells as the row below, each group's label over the
    first column it spans: a merged cell printed as one cell places none. A
    label naming its own year ("2017/18", "Previous year's actual") stands
    under no group."""
    if len(groups) != len(labels):
        # A merged cell printed as one: the groups after it stand a column
        # or more left of those they span.
        return None
    n = len(labels)
    top, below = list(groups), list(labels)
    spanned = [c for c in range(n) if below[c] and not top[c] and any(top[:c])]
    if not spanned or any(_figure(label) for label in below):
        return None
    if not all(
        (column := classify(label, c)) is not None and column.kind == "value"
        for c, label in enumerate(top)
        if label
    ):
        return None
    merged: list[str] = []
    group = ""
    for c in range(n):
        group = top[c] or group
        label = below[c]
        alone = classify(label, c) if label else None
        if not label or not group:
            merged.append(label or top[c])
        elif alone is not None and (alone.financial_year or alone.previous_year):
            # A label that names its own year ("2017/18", "Previous year's
            # actual"), whatever group it stands under.
            merged.append(label)
        elif classify(together := f"{group} {label}", c) is not None:
            merged.append(together)
        elif alone is not None or COMMENTARY_COL.match(label):
            # A column of its own past the groups' ("RAG", "Comments",
            # "Annual Target").
            merged.append(label)
        else:
            # A label that reads as no column ("Quarter 1 Annual measure"):
            # the row below is a row of words, no labels.
            return None
    header = squashed_header_columns(merged)
    if header is None:
        return None
    keys = [
        (c.period, c.measure, c.financial_year, c.previous_year)
        for c in header
        if c.kind == "value"
    ]
    if len(keys) != len(set(keys)):
        # Each group over one column only, the labels below set one apart:
        # two columns would read the same quarter.
        return None
    below_alone = squashed_header_columns(below) or ()
    if _values(header) < max(_values(below_alone), MIN_VALUE_COLUMNS):
        return None
    return header


def _values(columns: Sequence[Column]) -> int:
    return sum(1 for c in columns if c.kind == "value")


def _figure(label: str) -> bool:
    """A number in a label other than a year or a quarter's: a row of figures."""
    return bool(FIGURE.search(LABEL_NUMBERS.sub(" ", label)))


# A measure's label under a group: "Target", "Actual", "Outturn".
MEASURE_LABEL = re.compile(
    r"(?:actual|target|outturn|performance|profile|result|value)s?", re.IGNORECASE
)


def _group_label(label: str) -> bool:
    """A quarter's label as `classify` reads one ("Quarter 1", "Quarter One",
    "Q1 (Apr-Jun)") or a year alone ("2017/18"): no measure's."""
    if BARE_YEAR.match(label.strip()):
        return True
    column = classify(label, 1)
    return (
        column is not None
        and (column.period or "").startswith("Q")
        and not MEASURE_LABEL.search(label)
    )


def unplaced_groups(groups: Sequence[str], labels: Sequence[str]) -> bool:
    """Whether a row of quarters or years stands over a row of labels with
    more cells ("\\t2017/18\\t2018/19" over "Indicator | Q3 | Q4 | Q1 | Q2 |
    Target"): a merged cell printed as one, so which columns each group
    spans cannot be told (`two_row_header` merges none), and a grid read
    under either row would give its columns the wrong year or quarter."""
    printed = [g for g in groups if g]
    # Labels, not a first row of words ("n/a", "Annual"): two or more under
    # each group, as a group spans its columns.
    named = [
        label
        for label in labels
        if label and (classify(label, 1) is not None or MEASURE_LABEL.fullmatch(label))
    ]
    return (
        bool(printed)
        and len(groups) < len(labels)
        and all(_group_label(g) for g in printed)
        and len(named) >= 2 * len(printed)
        and not any(_figure(label) for label in labels)
    )
