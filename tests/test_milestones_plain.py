"""Milestone tables in reading-order text (pdftotext without -layout): a table
is read only where it prints no rating symbol and its cells come as one
approach, one key project, then each milestone's title and Progress; every
other table is reported."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.blocks import blocks_of
from extract.pipeline import context_of
from extract.readers import read_document
from extract.recognisers import actions
from extract.records import Action, ActionUpdate, IssueRow

S002 = "002_c2fd677fd2d5bf7c"
FORMS = [f"{S002}-plain.txt", f"{S002}-glyphs-plain.txt", f"{S002}-dingbats-plain.txt"]
APPROACH = (
    "We will work with partners to ensure our licensing compliance and "
    "enforcement strategies for persons, premises and vehicles are risk based "
    "and make best use of local intelligence"
)
PROJECT = (
    "Review of compliance and enforcement policies in key areas of taxi and "
    "private hire licensing and sale of alcohol"
)


def _with_file(out: Path, table: str) -> pd.DataFrame:
    docs = pd.read_parquet(out / "documents.parquet")[["doc_id", "source_path"]]
    docs = docs.rename(columns={"source_path": "file"})
    return pd.read_parquet(out / f"{table}.parquet").merge(docs, on="doc_id")


@pytest.mark.parametrize("file", FORMS)
def test_002_reads_the_licensing_table_as_the_tab_export_does(
    plain_dir: Path, file: str
) -> None:
    """Lines 405-448: the labels, one approach, one key project, two
    milestones and their Progress, then the page footer and "Q1" … "Q4" with
    no symbol under them (samples/002 lines 78-79)."""
    items = _with_file(plain_dir, "actions")
    items = items[items.file == file].reset_index(drop=True)
    assert list(items.kind) == ["milestone", "milestone"]
    assert list(items.title) == [
        "Benchmark our current policies and strategies with nationally "
        "recognised exemplar authorities",
        "Identify any critical gaps in our approach",
    ]
    assert set(items.approach) == {APPROACH}
    assert set(items.key_project) == {PROJECT}
    assert items.progress[0] == (
        "Policies from selected authorities have been reviewed, along with "
        "recently published guidance from both the Institute of Licensing and "
        "the LGA."
    )
    assert items.progress[1].endswith("Taxi and Private Hire Policy in 2019-20")
    assert list(zip(items.line_start, items.line_end, strict=True)) == [
        (424, 430),
        (432, 438),
    ]
    assert set(items.plan) == {"Improving Community Wellbeing PDP"}
    updates = _with_file(plain_dir, "action_updates")
    assert updates[updates.item_id.isin(items.item_id)].empty


@pytest.mark.parametrize("file", FORMS)
def test_002_tables_with_symbols_are_reported(plain_dir: Path, file: str) -> None:
    """A ✓ after a milestone's Progress may be under any quarter (line 360's
    is in Q4, printed before "Q2" … "Q4"): the five other tables are reported
    from their header to their last paragraph, the licensing table's lines
    are not."""
    issues = _with_file(plain_dir, "issues")
    unread = issues[
        (issues.file == file)
        & issues.message.str.contains("action table printed in reading order")
    ]
    spans = unread.message.str.extract(r":(\d+)-(\d+):").astype(int)
    # The dingbats form prints its last table's header a line lower.
    last = 656 if "dingbats" in file else 655
    assert list(spans[0]) == [323, 452, 577, last]
    assert not any(a <= 424 and b >= 438 for a, b in spans.itertuples(index=False))


def _read(
    lines: list[str], above: tuple[str, ...] = ("Quarter 1", "")
) -> list[tuple[str, ...]]:
    """What the actions recogniser reads in a made-up reading-order report,
    `above` printed before its heading: (title, key project, progress) of each
    milestone, ("unread",) of each table reported."""
    text = [*above, "Projects and Actions", "", *lines]
    data = "\n".join(text).encode()
    doc = read_document(Path("x.txt"), "x.txt", data, text_form="plain")
    ctx = context_of(doc)[1]
    out: list[tuple[str, ...]] = []
    for r in actions.recognise(blocks_of(doc), ctx):
        if isinstance(r, Action):
            out.append((r.title, str(r.key_project), str(r.progress)))
        elif isinstance(r, ActionUpdate):
            out.append((r.quarter, str(r.rating_symbol)))
        elif isinstance(r, IssueRow) and "not read" in r.message:
            out.append(("unread",))
    return out


HEADER = ["Safer communities", "Approach", "", "Key Project", "", "Milestone(s)", ""]
LABELS = ["Q1", "", "Q2", "", "Q3", "", "Q4", ""]


def _paras(*texts: str) -> list[str]:
    return [line for text in texts for line in (text, "")]


def test_a_table_without_symbols_is_read() -> None:
    got = _read(
        [
            *HEADER,
            *_paras("Progress", "Tackle fly tipping", "Enforcement campaign"),
            *_paras("Publish the policy", "Policy published in June."),
            *_paras("Train the wardens", "Two sessions held for the wardens."),
            *LABELS,
        ]
    )
    assert got == [
        ("Publish the policy", "Enforcement campaign", "Policy published in June."),
        (
            "Train the wardens",
            "Enforcement campaign",
            "Two sessions held for the wardens.",
        ),
    ]


def test_a_table_with_a_symbol_is_reported_not_read() -> None:
    got = _read(
        [
            *HEADER,
            *_paras("Progress", "Q1", "Tackle fly tipping", "Enforcement campaign"),
            *_paras("Publish the policy", "Policy published in June.", "✓"),
            *_paras("Train the wardens", "Two sessions held for the wardens."),
            *LABELS[2:],
        ]
    )
    assert got == [("unread",)]


def test_an_empty_cell_leaves_the_table_unread() -> None:
    """ "Publish the policy" has no Progress: which paragraph is whose title
    cannot be told from the count of cells."""
    got = _read(
        [
            *HEADER,
            *_paras("Progress", "Tackle fly tipping", "Enforcement campaign"),
            *_paras(
                "Publish the policy",
                "Train the wardens",
                "Two sessions held for the wardens.",
            ),
            *LABELS,
        ]
    )
    assert got == [("unread",)]


def test_a_cell_after_the_quarter_labels_leaves_the_table_unread() -> None:
    """A key project printed after the milestones' cells (samples/text/002…
    -plain.txt line 491) is a cell whose place cannot be told."""
    got = _read(
        [
            *HEADER,
            *_paras("Progress", "Tackle fly tipping", "Enforcement campaign"),
            *_paras("Publish the policy", "Policy published in June."),
            *LABELS,
            *_paras("Wardens trained across the district"),
        ]
    )
    assert got == [("unread",)]


def test_a_table_whose_theme_heads_its_first_label_is_read() -> None:
    """No column label before it: the table starts at the paragraph that
    prints its theme over "Approach", with "Key Project" after it."""
    got = _read(
        [
            *HEADER,
            *_paras("Progress", "Tackle fly tipping", "Enforcement campaign"),
            *_paras("Publish the policy", "Policy published in June."),
            *LABELS,
        ],
        above=(),
    )
    assert got == [
        ("Publish the policy", "Enforcement campaign", "Policy published in June."),
    ]


WITHOUT_APPROACH = [
    "Safer communities",
    "Key Project",
    "",
    *_paras("Milestone", "Progress"),
]


def test_a_table_without_an_approach_column_is_read() -> None:
    """ "Key Project | Milestone | Progress | Q1 …": one key project, then
    each milestone's title and Progress."""
    cells = [
        *_paras("Enforcement campaign", "Publish the policy"),
        *_paras("Policy published in June.", "Train the wardens"),
        *_paras("Two sessions held for the wardens."),
    ]
    assert _read([*WITHOUT_APPROACH, *cells, *LABELS]) == [
        ("Publish the policy", "Enforcement campaign", "Policy published in June."),
        (
            "Train the wardens",
            "Enforcement campaign",
            "Two sessions held for the wardens.",
        ),
    ]
    # One cell more (an approach printed in a table without its label): which
    # is which cannot be told.
    extra = _paras("Tackle fly tipping")
    assert _read([*WITHOUT_APPROACH, *extra, *cells, *LABELS]) == [("unread",)]


# The licensing table of 002's plain text changed as other reports print
# such tables: two cells that keep the count of cells even, but pair cells
# of other columns as a milestone's title and Progress.
PLAIN_002 = Path(__file__).resolve().parent.parent / "samples" / "text" / FORMS[0]
LAST_PROGRESS = (
    "Following from the above, while no critical gaps have\n"
    "been identified, key areas have been highlighted which\n"
    "will now be taken forward as part of a wider review of our\n"
    "Taxi and Private Hire Policy in 2019-20\n"
)
CHANGED = {
    # The last milestone's Progress not written yet, and another milestone
    # after it with none either.
    "empty-progress": (
        LAST_PROGRESS,
        "Consult on a revised Taxi and Private\nHire Policy\n",
    ),
    # Another approach and key project, and their milestone, in the table.
    "second-approach": (
        LAST_PROGRESS,
        LAST_PROGRESS + "\nWe will promote safer nightlife through a\n"
        "partnership approach with licensed premises\n\n"
        "Deliver the Best Bar None accreditation\nscheme in the town centre\n\n"
        "Recruit participating premises to the\nscheme\n\n"
        "Twelve premises have signed up and the first\n"
        "assessments took place in September.\n",
    ),
}


@pytest.mark.parametrize("change", sorted(CHANGED))
def test_cells_of_other_columns_paired_leave_the_table_unread(
    tmp_path: Path, change: str
) -> None:
    """The cells taken for titles and Progress must wrap as two columns do
    (`plain_milestones._two_columns`): here they do not, and the table is
    reported, not read with a title for a Progress."""
    old, new = CHANGED[change]
    text = PLAIN_002.read_text(encoding="utf-8")
    assert text.count(old) == 1
    source = tmp_path / f"{change}-plain.txt"
    source.write_text(text.replace(old, new), encoding="utf-8")
    doc = read_document(source, source.name, source.read_bytes())
    _, ctx = context_of(doc)
    found = list(actions.recognise(blocks_of(doc), ctx))
    milestones = [r for r in found if isinstance(r, Action) and r.kind == "milestone"]
    assert milestones == []
    reported = [
        r.message
        for r in found
        if isinstance(r, IssueRow) and "printed in reading order" in r.message
    ]
    assert any(m.startswith(f"{source.name}:405-") for m in reported)


def test_a_one_line_cell_that_ends_no_sentence_may_be_a_title() -> None:
    """No title wraps, so the Milestone(s) column's width is not known:
    "Appoint Preferred Provider", a little wider than "Finalise Design" and
    no sentence, may be the next milestone's title with both Progress cells
    empty (it was read as the first one's Progress)."""
    got = _read(
        [
            *HEADER,
            *_paras("Progress", "Tackle fly tipping", "Enforcement campaign"),
            *_paras("Finalise Design", "Appoint Preferred Provider"),
            *LABELS,
        ]
    )
    assert got == [("unread",)]
