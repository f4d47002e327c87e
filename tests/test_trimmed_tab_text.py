"""TAB exports whose trailing whitespace was trimmed lose the TABs of a row's
empty last cells: a row that only goes on with its first cell becomes a line
of text. Such a line straight under a table row is read as a row of that
table again (extract/readers/tab_text.untrimmed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.readers.tab_text import untrimmed
from extract.run import extract
from tests.conftest import FLY_TIPPING_002, S000, S001, S002, S003, SAMPLES, rows_of
from tests.test_expanded_tabs import EXPANDED

TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)


def trimmed_copies(dest: Path) -> Path:
    """samples/000-003 and their expanded forms (tests/fixtures/expanded) as
    `sed 's/[ \\t]*$//'` leaves them, as `…-trimmed.txt`."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in (S000, S001, S002, S003):
        for path in (SAMPLES / name, EXPANDED / name.replace(".txt", "-expanded.txt")):
            text = path.read_text(encoding="utf-8")
            (dest / path.name.replace(".txt", "-trimmed.txt")).write_text(
                TRAILING.sub("", text), encoding="utf-8"
            )
    return dest


@pytest.fixture(scope="module")
def trimmed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("trimmed")
    out = root / "out"
    extract([trimmed_copies(root / "in"), *(SAMPLES / n for n in (S000, S001))], out)
    return out


def test_a_row_that_goes_on_with_its_first_cell_gets_its_tabs_back() -> None:
    lines = TRAILING.sub("", (SAMPLES / S000).read_text(encoding="utf-8")).split("\n")
    assert "\t" not in lines[31]
    back = untrimmed(lines)
    # Lines 32-34: the rest of the CCTV action's progress, under its marks row.
    # The marks row above ends with its Q4 mark: five TABs once trimmed.
    assert [back[i].count("\t") for i in (30, 31, 32, 33)] == [5, 5, 5, 5]
    assert back[31].split("\t")[0] == lines[31]
    # After a blank line a line of text is prose again (line 36).
    assert "\t" not in back[35]


def test_a_text_that_kept_its_trailing_tabs_is_read_as_it_is() -> None:
    lines = (SAMPLES / S000).read_text(encoding="utf-8").split("\n")
    assert untrimmed(lines) is lines


@pytest.mark.parametrize(
    ("table", "sample", "rows"),
    [
        ("rolling_12_months", S000, 12),
        ("breakdowns", S000, 62),
        ("indicator_values", S000, 20),
        ("status_summary", S001, 5),
        ("actions", S001, 7),
    ],
)
def test_the_trimmed_export_gives_its_tab_exports_rows(
    trimmed_dir: Path, table: str, sample: str, rows: int
) -> None:
    got = rows_of(trimmed_dir, table, sample.replace(".txt", "-trimmed.txt"))
    assert len(got) == rows
    want = rows_of(trimmed_dir, table, sample)
    # Provenance aside, and an action's progress, which a trimmed line of text
    # after a blank line no longer continues.
    aside = ("doc_id", "item_id", "line_start", "line_end", "progress")
    keep = [c for c in got.columns if c not in aside]
    merged = (
        got[keep].astype(str).merge(want[keep].astype(str), how="left", indicator=True)
    )
    assert (merged["_merge"] == "both").all()


def test_an_action_whose_progress_goes_on_after_a_blank_line_is_reported(
    trimmed_dir: Path,
) -> None:
    """000's first three actions go on after a blank line in text that lost
    its TABs: they are not read, and each is an `unparsed_block`."""
    name = S000.replace(".txt", "-trimmed.txt")
    actions = rows_of(trimmed_dir, "actions", name)
    assert actions.line_start.tolist() == [38, 50, 70, 78]
    issues = rows_of(trimmed_dir, "issues", name)
    refused = issues[issues.message.str.contains("action not read")]
    assert [m.split(":")[1] for m in refused.message] == ["30-34", "39-39", "43-43"]
    assert set(refused.code) == {"unparsed_block"}


def test_expanded_and_trimmed_a_short_line_with_single_spaces_is_in_doubt(
    trimmed_dir: Path,
) -> None:
    """Expanded and trimmed, a line may lack its last cells or lost TABs inside:
    a short line with single spaces before a stop is not read, and reported
    (000: 15 such rows; its Committed Crime row, with none, is still read)."""
    name = S000.replace(".txt", "-expanded-trimmed.txt")
    rolling = rows_of(trimmed_dir, "rolling_12_months", name).sort_values("quarter")
    assert rolling.indicator_id.unique().tolist() == ["committed-crime"]
    assert rolling.last_12_months.tolist() == [6506, 6730, 6782, 6577]
    issues = rows_of(trimmed_dir, "issues", name)
    assert issues.message.str.contains("which of its single spaces").sum() == 15


def test_a_frequency_letter_run_into_the_name_goes_back_to_its_column(
    trimmed_dir: Path,
) -> None:
    """002 expanded and trimmed, line 62: the TAB after "Number of fly tipping
    incidents" expanded to one space, so the name reads "… incidents Q" and
    470 stands under the frequency label, each figure a column early. The
    letter goes back to its column and each figure with it (the row had been
    read a column off: 102 as the target, 366 as Q4)."""
    name = S002.replace(".txt", "-expanded-trimmed.txt")
    values = rows_of(trimmed_dir, "indicator_values", name)
    fly = values[values.line_start == 62]
    assert set(fly.indicator) == {"Number of fly tipping incidents"}
    assert set(fly.frequency) == {"Q"}
    got = fly.set_index(["financial_year", "period", "measure"]).value.dropna()
    assert got.to_dict() == FLY_TIPPING_002
    repairs = rows_of(trimmed_dir, "repairs", name)
    moved = repairs[repairs.rule == "frequency_in_name"]
    assert moved[["line", "raw", "repaired"]].values.tolist() == [
        [62, "Number of fly tipping incidents Q", "Number of fly tipping incidents"]
    ]


@given(st.lists(st.text(alphabet=st.sampled_from("ab \t1"), max_size=12), max_size=12))
def test_any_lines_keep_their_number_and_text(lines: list[str]) -> None:
    """Only TABs are added, at the ends of lines."""
    back = untrimmed(lines)
    assert len(back) == len(lines)
    for line, got in zip(lines, back, strict=True):
        assert got.startswith(line) and not got[len(line) :].strip("\t")


def test_a_name_ending_in_a_capital_beside_a_frequency_in_words_stays_whole(
    tmp_path: Path,
) -> None:
    # "Band A" ends the name; "Quarterly" is its frequency printed in words,
    # no figure: the row is read as printed, not moved a column on.
    header = (
        "Performance Indicator\tFrequency of reporting (Q or A)\tLast year's "
        "outturn\tTarget\tQ1\tQ2\tQ3\tQ4\tTotal"
    )
    row = (
        "Number of empty homes in Council Tax Band A\tQuart"
        "erly\t120\t100\t30\t32\t31\t29\t"
    )
    src = tmp_path / "in" / "band.txt"
    src.parent.mkdir()
    src.write_text(f"Performance Report 2018-19\n\n{header}\n{row}\n", encoding="utf-8")
    extract([src], tmp_path / "out")
    values = rows_of(tmp_path / "out", "indicator_values", "band.txt")
    assert set(values.indicator) == {"Number of empty homes in Council Tax Band A"}
    got = values.set_index(["period", "measure"]).value.to_dict()
    assert got == {
        ("FY", "actual"): 120.0,
        ("FY", "target"): 100.0,
        ("Q1", "actual"): 30.0,
        ("Q2", "actual"): 32.0,
        ("Q3", "actual"): 31.0,
        ("Q4", "actual"): 29.0,
    }
    assert rows_of(tmp_path / "out", "repairs", "band.txt").empty
