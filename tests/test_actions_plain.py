"""Action tables in reading-order text (pdftotext without -layout): an action
is read only where its cells and its rating symbols leave no doubt, and then
as the TAB export reads it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.blocks import blocks_of
from extract.pipeline import context_of
from extract.readers import read_document
from extract.recognisers import actions
from extract.records import Action, ActionUpdate

S000 = "000_af055924f554b2ff-plain.txt"
S001 = "001_4e0ea328a26b8980-plain.txt"
S003 = "003_23ba67851198ff7c-plain.txt"


def _with_file(out: Path, table: str) -> pd.DataFrame:
    docs = pd.read_parquet(out / "documents.parquet")[["doc_id", "source_path"]]
    docs = docs.rename(columns={"source_path": "file"})
    return pd.read_parquet(out / f"{table}.parquet").merge(docs, on="doc_id")


@pytest.fixture(scope="module")
def plain(plain_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(actions, action_updates) of every plain sample, with a `file` column."""
    return _with_file(plain_dir, "actions"), _with_file(plain_dir, "action_updates")


def _items(plain: tuple[pd.DataFrame, pd.DataFrame], file: str) -> pd.DataFrame:
    items = plain[0]
    return items[items.file == file].reset_index(drop=True)


def _updates(
    plain: tuple[pd.DataFrame, pd.DataFrame], item_id: str
) -> list[tuple[str, bool, str | None]]:
    """(quarter, has progress, rating_symbol) of an item's updates."""
    updates = plain[1]
    rows = updates[updates.item_id == item_id].sort_values("quarter")
    return [
        (
            r.quarter,
            isinstance(r.progress, str),
            r.rating_symbol if isinstance(r.rating_symbol, str) else None,
        )
        for r in rows.itertuples()
    ]


def test_000_plain_reads_the_crime_plan_actions(
    plain: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    """samples/text/000…-plain.txt lines 315-449: five actions in four tables;
    four ○ after the four rating labels, two after "Q1 Rating", "Q2 Rating"."""
    items = _items(plain, S000)
    assert [t[:40] for t in items.title] == [
        "Explore the feasibility of introducing c",
        "Explore offer from West Midlands CA (Tra",
        "Lead and roll-out the \"Let's Work Togeth",
        "Develop a District Wide Anti Social Beha",
        "Raise awareness of the Community Trigger",
    ]
    assert [i.rsplit(":", 1)[1] for i in items.item_id] == ["1", "2", "3", "4", "5"]
    assert set(items.plan) == {"Crime & Partnerships Priority Delivery Plan"}
    assert list(items.outcomes)[:3] == [
        "FRP option",
        "FRP option",
        "The programme will be designed to deliver against the Cannock Chase "
        "LSP priorities.",
    ]
    assert list(zip(items.line_start, items.line_end, strict=True)) == [
        (321, 352),
        (357, 362),
        (364, 380),
        (401, 426),
        (435, 449),
    ]
    circle = "\\bigcirc"
    every = [(q, True, None) for q in ("Q1", "Q2", "Q3", "Q4")]
    assert _updates(plain, items.item_id[0]) == [
        (q, True, circle) for q in ("Q1", "Q2", "Q3", "Q4")
    ]
    assert _updates(plain, items.item_id[1]) == every
    assert _updates(plain, items.item_id[2]) == every
    assert _updates(plain, items.item_id[3]) == every
    assert _updates(plain, items.item_id[4]) == [
        ("Q1", True, circle),
        ("Q2", True, circle),
        ("Q3", True, None),
        ("Q4", True, None),
    ]


def _unparsed(out: Path, file: str) -> list[tuple[int, ...]]:
    issues = _with_file(out, "issues")
    unparsed = issues[(issues.file == file) & (issues.code == "unparsed_block")]
    return [
        tuple(int(n) for n in m.split("-"))
        for m in unparsed.message.str.extract(r":(\d+(?:-\d+)?):")[0]
    ]


def test_000_plain_tables_read_leave_nothing_unparsed(plain_dir: Path) -> None:
    """The four tables read (lines 315-449), their labels and the page footer
    among their cells included, are claimed; the environment table left
    unread is reported once, by the actions reader (its header to its last
    cell, lines 572-613), not again by coverage (as 568-616)."""
    spans = _unparsed(plain_dir, S000)
    assert not [s for s in spans if s[0] <= 449 and s[-1] >= 315]
    assert [s for s in spans if s[0] <= 616 and s[-1] >= 568] == [(572, 613)]


def test_an_action_table_left_unread_is_reported_without_numbers(
    plain_dir: Path,
) -> None:
    """The dingbats form prints one of the Community Trigger's two "○" after
    "Q4 Rating": the table is not read, and though its lines hold no number
    that coverage would miss, it is reported."""
    spans = _unparsed(plain_dir, "000_af055924f554b2ff-dingbats-plain.txt")
    assert (427, 448) in spans


def test_000_plain_quarter_texts(plain: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    """Text spilt over paragraphs goes on under the open quarter: "The plan
    moving forward …" (line 377) is the rest of the Q2 text of line 367."""
    item = _items(plain, S000).item_id[2]
    updates = plain[1]
    texts = dict(
        updates[updates.item_id == item][["quarter", "progress"]].itertuples(
            index=False
        )
    )
    assert texts["Q2"].startswith("A review of the resources used")
    assert texts["Q2"].endswith("posed in our District.")
    assert texts["Q3"].startswith("Let's Work Together resources have been reviewed")


def test_000_plain_environment_table_is_left_unread(
    plain: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    """Lines 572-613: the AQMA title runs into the cemetery's "Quarter 4" text
    and "Quarter 1 –" starts the quarters again; which of four rating labels
    each of the four symbols sits under cannot be told."""
    items = _items(plain, S000)
    assert not items.title.str.contains("cemetery|Air Quality").any()


def test_000_dingbats_plain_trigger_is_left_unread(
    plain: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    """The dingbats form prints one ○ under "Q1 Rating" and the other after
    "Q4 Rating": two symbols, four labels before the second. The ○ it prints
    for the CCTV action is the symbol the export spells "\\bigcirc"."""
    items = _items(plain, "000_af055924f554b2ff-dingbats-plain.txt")
    assert len(items) == 4
    assert not items.title.str.contains("Community Trigger").any()
    assert _updates(plain, items.item_id[0])[0] == ("Q1", True, "\\bigcirc")


def test_001_plain_reads_all_eight_actions(
    plain: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    """`<p>` cells: the first paragraph is the title; line 336 prints the West
    Midlands action's title and quarters in the CCTV action's paragraph."""
    items = _items(plain, S001)
    assert [t[:30] for t in items.title] == [
        "Progress the redevelopment of ",
        "Progress the redevelopment of ",
        "Implement a range of improveme",
        "Explore the feasibility of int",
        "Explore offer from West Midlan",
        "Lead and roll-out the “Let’s W",
        "Develop a District Wide Anti S",
        "Raise awareness of the Communi",
    ]
    assert items.title[2] == (
        "Implement a range of improvements works as provided for in the "
        "2017-18 HRA Capital Programme."
    )
    assert [_updates(plain, i) for i in items.item_id[:3]] == [[], [], []]
    for item in items.item_id[3:]:
        assert _updates(plain, item) == [("Q1", True, None), ("Q2", True, None)]
    asb = plain[1][plain[1].item_id == items.item_id[6]]
    q2 = asb[asb.quarter == "Q2"].progress.iloc[0]
    assert q2.endswith("assist with evidencing breaches.")


def test_003_plain_reads_both_actions_with_their_marks(
    plain: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    """Lines 171-214: two rating labels, then each action's two ▶."""
    items = _items(plain, S003)
    assert [t[:45] for t in items.title] == [
        "Produce and then facilitate the ongoing devel",
        "Lead and roll-out the “Let’s Work Together” p",
    ]
    assert items.plan[0].startswith("Cleaner and Safer Environment")
    for item in items.item_id:
        assert _updates(plain, item) == [("Q1", False, "▶"), ("Q2", False, "▶")]
    assert items.progress[1].endswith("Isolation Training")


def test_002_plain_reads_only_the_milestone_table_without_symbols(
    plain: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    """Each 002 form reads the two licensing milestones, whose table prints
    no symbol (tests/test_milestones_plain.py), and no action."""
    items = plain[0]
    got = items[items.file.str.startswith("002_")]
    assert got.groupby("file").kind.apply(list).to_dict() == {
        f"002_c2fd677fd2d5bf7c-{form}plain.txt": ["milestone", "milestone"]
        for form in ("", "dingbats-", "glyphs-")
    }


def _read(lines: list[str]) -> list[tuple[str, str | None, str | None]]:
    """(title or quarter, outcomes or progress, rating symbol) of what the
    actions recogniser reads in a made-up reading-order report."""
    text = ["Quarter 1", "", "Programme", "", *lines, "", "Summary of Progress"]
    data = "\n".join(text).encode()
    doc = read_document(Path("x.txt"), "x.txt", data, text_form="plain")
    ctx = context_of(doc)[1]
    out: list[tuple[str, str | None, str | None]] = []
    for r in actions.recognise(blocks_of(doc), ctx):
        if isinstance(r, Action):
            out.append((r.title, r.outcomes, None))
        elif isinstance(r, ActionUpdate):
            out.append((r.quarter, r.progress, r.rating_symbol))
    return out


HEADER = ["Action & Progress Update", "", "Outcomes", ""]


def test_symbols_after_their_labels_are_placed() -> None:
    got = _read(
        [
            *HEADER,
            "Q1 Rating",
            "",
            "Q2 Rating",
            "",
            "Clean the streets",
            "",
            "Cleaner streets",
            "",
            "✓",
            "",
            "▲",
            "",
            "Q1 – Done. Q2 – Late.",
        ]
    )
    assert got == [
        ("Clean the streets", "Cleaner streets", None),
        ("Q1", "Done.", "✓"),
        ("Q2", "Late.", "▲"),
    ]


@pytest.mark.parametrize(
    "marks",
    [
        # One symbol, two columns: which is it under?
        ["✓"],
        # A symbol before any action.
        ["✓", "", "Clean the streets", "", "Cleaner streets"],
    ],
)
def test_symbols_that_cannot_be_placed_leave_the_table_unread(
    marks: list[str],
) -> None:
    lines = [*HEADER, "Q1 Rating", "", "Q2 Rating", ""]
    if marks[0] == "✓" and len(marks) == 1:
        lines += ["Clean the streets", "", "Cleaner streets", "", *marks]
    else:
        lines += marks
    assert _read([*lines, "", "Q1 – Done."]) == []


def test_a_mark_that_is_also_a_bullet_is_read_as_a_mark() -> None:
    # "●" alone on its lines, with no lead-in for a list to go on from, is a
    # rating mark, not a bullet waiting for its item (it was dropped).
    got = _read(
        [
            *HEADER,
            "Clean the streets Q1 – Swept.",
            "",
            "Cleaner streets",
            "",
            "Q1 Rating",
            "",
            "Q2 Rating",
            "",
            "●",
            "",
            "●",
        ]
    )
    assert got == [
        ("Clean the streets", "Cleaner streets", None),
        ("Q1", "Swept.", "●"),
        ("Q2", None, "●"),
    ]


def test_a_quarter_text_that_names_a_status_does_not_end_the_table() -> None:
    # "Q1 – … has been completed." is an action's text, not a summary grid's
    # label: the action and the next one are read.
    got = _read(
        [
            *HEADER,
            "Clean the streets",
            "",
            "Cleaner streets",
            "",
            "Q1 – Phase one of the work has been completed.",
            "",
            "Plant trees Q1 – Planted.",
            "",
            "Greener streets",
        ]
    )
    assert [g[0] for g in got] == ["Clean the streets", "Q1", "Plant trees", "Q1"]
    assert got[1] == ("Q1", "Phase one of the work has been completed.", None)


def test_quarters_starting_again_start_the_next_action() -> None:
    got = _read(
        [
            *HEADER,
            "Clean the streets Q1 – Swept. Q2 – Swept again.",
            "",
            "Cleaner streets",
            "",
            "Plant trees Q1 – Planted.",
        ]
    )
    assert [g[0] for g in got] == ["Clean the streets", "Q1", "Q2", "Plant trees", "Q1"]


def test_a_cell_whose_markup_goes_on_is_one_cell() -> None:
    """A `<p>` left open at a blank line goes on in the next paragraph: the
    title is the whole first `<p>`."""
    got = _read(
        [
            *HEADER,
            "<p>Clean the streets of the",
            "",
            "town centre</p> <p>Q1 – Swept.</p>",
            "",
            "<p>Cleaner streets</p>",
        ]
    )
    assert got == [
        ("Clean the streets of the town centre", "Cleaner streets", None),
        ("Q1", "Swept.", None),
    ]


def test_a_title_above_quarters_starting_again_starts_an_action() -> None:
    """As the TAB reading takes the row above a restarting "Quarter 1 –"."""
    got = _read(
        [
            *HEADER,
            "Clean the streets Q1 – Swept. Q2 – Swept again.",
            "",
            "Cleaner streets",
            "",
            "Plant trees",
            "",
            "Q1 – Planted.",
        ]
    )
    assert got == [
        ("Clean the streets", "Cleaner streets", None),
        ("Q1", "Swept.", None),
        ("Q2", "Swept again.", None),
        ("Plant trees", None, None),
        ("Q1", "Planted.", None),
    ]
