"""Counts in reading-order text (pdftotext without -layout): a cell printed on
its row name's line, a cell going on past a line read as a heading, and a row
continued below its quarter cells."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.recognisers import breakdowns
from extract.records import Breakdown
from extract.run import extract
from tests.conftest import RAW, recognised

ASB = "ASB – Number of referrals to ASB Champion – Victim Support data"
CACH = "Hate Crime – Number of self referrals to CACH – CACH data agreements"
S000 = "000_af055924f554b2ff-plain.txt"
S000_DINGBATS = "000_af055924f554b2ff-dingbats-plain.txt"
S001 = "001_4e0ea328a26b8980-plain.txt"
BORDERLESS_PLAIN = (
    RAW.parent
    / "writerborderlesstext"
    / "000_af055924f554b2ff-writer-borderless-plain.txt"
)


def _counts(out: Path, file: str, indicator: str) -> list[tuple[object, ...]]:
    docs = pd.read_parquet(out / "documents.parquet")[["doc_id", "source_path"]]
    rows = pd.read_parquet(out / "breakdowns.parquet").merge(docs, on="doc_id")
    rows = rows[(rows.source_path == file) & (rows.indicator == indicator)]
    return [
        (r.period, r.category, r.count, r.line_start, r.line_end)
        for r in rows.itertuples()
    ]


def test_001_first_cell_printed_on_its_names_line(plain_dir: Path) -> None:
    """Line 293: "ASB – … Victim Support data Q1 - 15 on going cases, 6 closed
    cases 2 x Council referrals 4 x" / "Police referrals"."""
    assert _counts(plain_dir, S001, ASB)[:4] == [
        ("Q1", "ongoing", 15, 293, 294),
        ("Q1", "closed", 6, 293, 294),
        ("Q1", "Council", 2, 293, 294),
        ("Q1", "Police", 4, 293, 294),
    ]


def test_001_row_continued_below_its_two_quarter_cells(plain_dir: Path) -> None:
    """Lines 299-303: "<p>6 x Self referrals …</p>" under Q1, "<p>5 x Self
    referrals …</p>" under Q2, as the TAB export's row under them holds."""
    assert _counts(plain_dir, S001, ASB)[8:] == [
        ("Q1", "Self", 6, 299, 300),
        ("Q1", "Other", 3, 299, 300),
        ("Q1", "identified", 19, 299, 300),
        ("Q1", "declined", 1, 299, 300),
        ("Q2", "Self", 5, 302, 303),
        ("Q2", "Other", 0, 302, 303),
        ("Q2", "identified", 19, 302, 303),
        ("Q2", "declined", 2, 302, 303),
    ]


@pytest.mark.parametrize("file", [S000, S000_DINGBATS])
def test_000_cell_goes_on_past_a_line_read_as_a_heading(
    plain_dir: Path, file: str
) -> None:
    """Line 208 "17 Race" ends Q1's cell (lines 201-207) on the next line."""
    q1 = [c for c in _counts(plain_dir, file, CACH) if c[0] == "Q1"]
    assert q1[-1] == ("Q1", "Race", 17, 201, 208)
    assert len(q1) == 7


def _read(lines: list[str]) -> list[tuple[str, str, str, int]]:
    """(indicator, quarter, category, count) of what the breakdowns recogniser
    reads in a made-up reading-order report."""
    text = ["Quarter 1", "", "Quarter 2", "", *lines, "", "Summary of Progress"]
    return [
        (r.indicator, r.period, r.category, r.count)
        for r in recognised(breakdowns, text, "plain")
        if isinstance(r, Breakdown)
    ]


ROW = [
    f"{ASB} Q1 - 15 on going cases, 6 closed cases",
    "",
    "Q2 – 13 on going cases, 13 closed cases",
    "",
]
ROW_READ = [
    (ASB, "Q1", "ongoing", 15),
    (ASB, "Q1", "closed", 6),
    (ASB, "Q2", "ongoing", 13),
    (ASB, "Q2", "closed", 13),
]


def test_a_row_continued_below_is_read_into_its_cells_in_order() -> None:
    got = _read([*ROW, "6 x Self referrals", "", "5 x Self referrals"])
    assert got == [
        *ROW_READ,
        (ASB, "Q1", "Self", 6),
        (ASB, "Q2", "Self", 5),
    ]


@pytest.mark.parametrize(
    "below",
    [
        # One paragraph under two cells: which is it under?
        ["6 x Self referrals"],
        # Three under two.
        ["6 x Self referrals", "", "5 x Self referrals", "", "4 x Self referrals"],
        # The cells of a row whose name is printed after them.
        ["6 x Self referrals", "", "5 x Self referrals", "", "Fly – Reports – data"],
        # Counting again what the cells above count: a next row's cells.
        ["6 on going cases", "", "5 on going cases"],
    ],
)
def test_paragraphs_of_counts_that_cannot_be_placed_are_left(
    below: list[str],
) -> None:
    assert _read([*ROW, *below]) == ROW_READ


def test_a_cell_goes_on_only_on_the_next_line() -> None:
    cell = "Q1 24 Individuals reported approx. 120 incidents: 1 Religion"
    q2 = ["", "Q2 33 Individuals reported approx. 150 incidents"]
    next_line = _read([CACH, "", cell, "17 Race", *q2])
    apart = _read([CACH, "", cell, "", "17 Race", *q2])
    assert (CACH, "Q1", "Race", 17) in next_line
    assert [r for r in apart if r[2] == "Race"] == []
    assert len(apart) == len(next_line) - 1 == 5


def test_001_cell_printed_beside_its_name_line_by_line(plain_dir: Path) -> None:
    """Lines 305-310: the Hate Crime name cell and the Q1 cell share baselines,
    "… Number of self Increase (11)</p> <p>Q1 24 Individuals …, The" /
    "referrals to CACH – CACH data agreements</p>" / "motivation behind …";
    Q2's cell (lines 312-316) follows in a paragraph of its own."""
    got = _counts(plain_dir, S001, CACH)
    assert got[:7] == [
        ("Q1", "individuals", 24, 305, 310),
        ("Q1", "incidents", 120, 305, 310),
        ("Q1", "Religion", 1, 305, 310),
        ("Q1", "Sexual Orientation", 2, 305, 310),
        ("Q1", "Disability - Physical", 2, 305, 310),
        ("Q1", "Disability - Learning", 3, 305, 310),
        ("Q1", "Race", 17, 305, 310),
    ]
    assert [(c[0], c[1], c[2]) for c in got[7:]] == [
        ("Q2", "individuals", 33),
        ("Q2", "incidents", 150),
        ("Q2", "Religion", 3),
        ("Q2", "Sexual Orientation", 2),
        ("Q2", "Disability - Physical", 2),
        ("Q2", "Disability - Learning", 1),
        ("Q2", "Race", 24),
        ("Q2", "Gender Identity", 3),
        ("Q2", "Mental Health", 1),
    ]


def test_a_qualifier_after_the_data_source_stays_in_the_name(
    plain_dir: Path, tmp_path: Path
) -> None:
    """Line 307 printing "… CACH data agreements (District)</p>": the same
    counts as without "(District)", under the name that prints it."""
    plain = Path(__file__).parent.parent / "samples" / "text" / S001
    text = plain.read_text(encoding="utf-8").replace(
        "CACH data agreements</p>", "CACH data agreements (District)</p>"
    )
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / S001).write_text(text, encoding="utf-8")
    extract([tmp_path / "in"], tmp_path / "out")
    got = _counts(tmp_path / "out", S001, f"{CACH} (District)")
    assert len(got) == 16
    assert got == _counts(plain_dir, S001, CACH)


BESIDE = [
    "<p>Hate Crime – Number of self <p>Q1 24 Individuals reported approx. 120",
    "referrals to CACH – CACH data agreements</p>",
    "incidents, the motivation: 1 Religion 17 Race</p>",
]


def test_a_name_ending_alone_below_its_cells_first_line_is_read() -> None:
    got = _read(BESIDE)
    assert got == [
        (CACH, "Q1", "individuals", 24),
        (CACH, "Q1", "incidents", 120),
        (CACH, "Q1", "Religion", 1),
        (CACH, "Q1", "Race", 17),
    ]


@pytest.mark.parametrize(
    "lines",
    [
        # The name's last line holds counts too: whose are they?
        [BESIDE[0], f"{BESIDE[1]} 2 Religion", BESIDE[2]],
        # The name never ends with its data source.
        [BESIDE[0], "referrals to CACH", BESIDE[2]],
        # The quarter opens no paragraph of markup: it may be the name's text.
        [BESIDE[0].replace("<p>Q1", "Q1"), *BESIDE[1:]],
    ],
)
def test_a_name_beside_its_cell_that_does_not_end_alone_is_not_read(
    lines: list[str],
) -> None:
    assert _read(lines) == []


def test_a_cell_printing_another_quarters_label_is_not_read() -> None:
    """Shredded columns run into one paragraph ("Q1 - 15 on Q2 – 13 on" /
    "going cases, 6 going cases, 13"): which quarter a count is cannot be
    told."""
    name = "ASB – Number of referrals to ASB Champion – Victim Support data"
    cell = ["Q1 - 15 on Q2 – 13 on", "going cases, 6 going cases, 13"]
    assert _read([name, "", *cell]) == []
    assert _read([name, "", cell[0].replace(" Q2 – 13 on", ""), cell[1]]) != []


def test_no_counts_are_read_from_the_writer_borderless_plain_text(
    tmp_path: Path,
) -> None:
    """tests/fixtures/writerborderlesstext/000…-plain.txt lines 95-187 print
    the Hate Crime, ASB and referrals rows' cells shredded into one paragraph
    opening "Q1 (24.07.17) Q2 (10.10.17)": none of it is read."""
    extract([BORDERLESS_PLAIN], tmp_path)
    assert pd.read_parquet(tmp_path / "breakdowns.parquet").empty


NOTE_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "notenames"


def test_a_note_ending_in_data_names_no_counts(tmp_path: Path) -> None:
    """ "For information only, data provided by Staffs Police." ends a rolling
    block's note (lines 224-226), not a name with its data source (the counts
    had been read under "For information only, data"). The registered name
    printed without its source ("ASB – Number of referrals to ASB Champion –
    Victim Support", line 239) names the counts under it (lines 242-246);
    they were reported, unread."""
    name = "v017_001-ruled-plain.txt"
    extract([NOTE_FIXTURE / name], tmp_path)
    counts = pd.read_parquet(tmp_path / "breakdowns.parquet")
    assert not counts.indicator.str.startswith("For information").any()
    asb = counts[counts.indicator_id == "asb-champion-referrals"]
    assert sorted(zip(asb.period, asb.category, asb["count"], strict=True)) == [
        ("Q1", "Council", 2),
        ("Q1", "Police", 4),
        ("Q1", "closed", 6),
        ("Q1", "ongoing", 15),
        ("Q2", "Council", 6),
        ("Q2", "Police", 1),
        ("Q2", "closed", 13),
        ("Q2", "ongoing", 13),
    ]
    assert set(asb.line_start) == {242, 245}
    assert set(counts[counts.indicator_id != "asb-champion-referrals"].line_start) == {
        307,
        312,
    }
    issues = pd.read_parquet(tmp_path / "issues.parquet")
    assert not issues.message.str.startswith(f"{name}:239-").any()


# A Q1 report in reading order whose ASB Champion row has no figures: its
# name, then its own Q1 cell without counts, then the hate crime rows, whose
# counts cell is printed before its name.
NO_FIGURES_YET = """\
Crime & Partnerships Priority Delivery Plan 2018-19 Quarter 1 Performance Update

Quarter 1

ASB Incidents Over Time (Variation) – Police data

Q1 (24.07.18) Previous 12 months = 3,252 Last 12 months =
2,931 Change over 12 Months = - 10% reduction (-321)

ASB – Number of referrals to ASB Champion – Victim Support{data}

Q1 - Victim Support figures were not received in time for this report
and will be reported in Quarter 2.

Hate Crime Incidents Over Time (Variation) – Police data

Q1 (24.07.18) Previous 12 months = 89 Last 12 months = 100 Change over 12 \
Months = 12% Increase (11)

Q1 24 Individuals from Heath Hayes District reported approx. 120 incidents, \
The motivation
behind these incidents were thought to be: 1 Religion 2 Sexual Orientation 2 \
Disability – Physical 3 Disability
– Learning 17 Race

Hate Crime – Number of self
referrals to CACH – CACH data agreements
"""


def _cach_right_after(text: str) -> str:
    """NO_FIGURES_YET with the hate crime rolling row moved below the CACH
    row: the ASB Champion row's own cell right over the CACH counts."""
    start = text.index("Hate Crime Incidents Over Time")
    end = text.index("Q1 24 Individuals")
    rolling = text[start:end]
    return text[:start] + text[end:] + "\n" + rolling


@pytest.mark.parametrize("moved", [False, True])
@pytest.mark.parametrize("data", ["", " data"])
def test_counts_after_a_row_s_own_quarter_cell_are_reported(
    data: str, moved: bool, tmp_path: Path
) -> None:
    """The ASB Champion row prints a Q1 cell of no figures ("figures were not
    received"), so the Q1 counts printed later may be its own after all or
    the hate crime referrals row's, named after them: they are left unread
    and reported. They had been filed under ASB Champion, silently."""
    text = NO_FIGURES_YET.format(data=data)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "q1.txt").write_text(
        _cach_right_after(text) if moved else text, encoding="utf-8"
    )
    extract([tmp_path / "in"], tmp_path / "out")
    counts = pd.read_parquet(tmp_path / "out" / "breakdowns.parquet")
    assert counts.empty
    written = (tmp_path / "in" / "q1.txt").read_text(encoding="utf-8")
    assert _reported(tmp_path / "out", _line_of(written, "Q1 24 Individuals"))


def _line_of(text: str, start: str) -> int:
    return next(
        n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start)
    )


def _reported(out: Path, line: int) -> bool:
    """Whether an `unparsed_block` issue spans the line."""
    issues = pd.read_parquet(out / "issues.parquet")
    spans = issues[issues.code == "unparsed_block"].message.str.extract(
        r":(\d+)(?:-(\d+))?:"
    )
    return any(
        int(a) <= line <= int(b if isinstance(b, str) else a)
        for a, b in spans.itertuples(index=False)
    )


def test_counts_after_a_lead_in_without_a_colon_are_reported(tmp_path: Path) -> None:
    """ "… the figures for the quarter are shown below." over the ASB
    Champion counts: the row's own cell or their lead-in; the counts are
    reported, not filed under the CACH referrals named after the next cell."""
    between = (
        "Q1 - Victim Support changed its case system in May; the figures for "
        "the quarter are shown below."
    )
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "q1.txt").write_text(
        ASB_THEN_CACH.format(between=between), encoding="utf-8"
    )
    extract([tmp_path / "in"], tmp_path / "out")
    counts = pd.read_parquet(tmp_path / "out" / "breakdowns.parquet")
    assert set(counts.indicator_id) == {"cach-self-referrals"}
    assert counts["count"].tolist() == [24, 120, 1, 2, 2, 3, 17]
    written = (tmp_path / "in" / "q1.txt").read_text(encoding="utf-8")
    assert _reported(tmp_path / "out", _line_of(written, "Q1 - 15 on going"))


def test_an_unread_rolling_block_is_no_row_s_own_quarter_cell(tmp_path: Path) -> None:
    """tests/fixtures/unreadrolling: the Committed Crime Q1 block left unread
    (line 88) sits between the ASB Champion name and its Q1 counts."""
    extract([Path(__file__).parent / "fixtures" / "unreadrolling"], tmp_path)
    counts = pd.read_parquet(tmp_path / "breakdowns.parquet")
    asb = counts[counts.indicator_id == "asb-champion-referrals"]
    assert asb.groupby("period").size().to_dict() == {
        "Q1": 8,
        "Q2": 8,
        "Q3": 8,
        "Q4": 6,
    }
    q1 = asb[asb.period == "Q1"].set_index("category")["count"].to_dict()
    assert (q1["ongoing"], q1["closed"], q1["Police"]) == (15, 6, 4)


# The ASB rows' names, then the rolling row's dated cell without figures, or
# a sentence that leads into the counts, then the ASB Champion counts.
ASB_THEN_CACH = """\
Crime & Partnerships Priority Delivery Plan 2018-19 Quarter 1 Performance Update

Quarter 1

ASB Incidents Over Time (Variation) – Police data

ASB – Number of referrals to ASB Champion – Victim Support data

{between}

Q1 - 15 on going cases, 6 closed cases 2 x Council referrals 4 x Police referrals 6 x \
Self
referrals 3 x Other agencies 19 victims and vulnerabilities identified

Hate Crime Incidents Over Time (Variation) – Police data

Q1 (24.07.18) Previous 12 months = 89 Last 12 months = 100 Change over 12 Months = \
12% Increase (11)

Hate Crime – Number of self
referrals to CACH – CACH data agreements

Q1 24 Individuals from Heath Hayes District reported approx. 120 incidents, The \
motivation
behind these incidents were thought to be: 1 Religion 2 Sexual Orientation 2 \
Disability – Physical 3 Disability
– Learning 17 Race
"""


@pytest.mark.parametrize(
    "between",
    [
        "Q1 (24.07.18) Police figures were not available at the time of writing "
        "due to a change in recording systems.",
        "Q1 - Victim Support changed its case system in May; figures are as follows:",
    ],
)
def test_a_quarter_cell_of_no_figures_before_a_row_s_counts_keeps_their_name(
    between: str, tmp_path: Path
) -> None:
    """A rolling row's dated cell, or words that lead into the counts right
    under them, are no cell of the ASB Champion row's own: its counts keep
    its name (they had been filed under the CACH referrals, silently)."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "q1.txt").write_text(
        ASB_THEN_CACH.format(between=between), encoding="utf-8"
    )
    extract([tmp_path / "in"], tmp_path / "out")
    counts = pd.read_parquet(tmp_path / "out" / "breakdowns.parquet")
    by = counts.groupby("indicator_id")["count"].apply(list).to_dict()
    assert by == {
        "asb-champion-referrals": [15, 6, 2, 4, 6, 3, 19],
        "cach-self-referrals": [24, 120, 1, 2, 2, 3, 17],
    }
