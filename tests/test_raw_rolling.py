"""A row of quarter blocks printed across its columns line by line in text
whose cells run on along a line (`pdftotext -raw`): each column's pieces are
put back together (extract/recognisers/rolling12/run_on.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.recognisers import rolling12
from extract.recognisers.rolling12.run_on import _pieces
from extract.records import Record, Rolling12
from tests.conftest import S000, recognised, rows_of

FIELDS = ["quarter", "as_of_date", "previous_12_months", "last_12_months", "change_pct"]
GRID = [
    "Crime & Partnerships Priority Delivery Plan 2017-18 Quarter 2 Performance Update",
    "Hate Crime",
    "Incidents",
    "Q1 (24.07.17) Q2 (10.10.17) -",
    "Over Time Previous 12 Previous 12",
    "(Variation) – Police",
    "data",
    "months = 89 months = 88",
    "Last 12 months = 100 Last 12 months = 116",
    "Change over 12 Months = 12% Change over 12 Months = 32%",
    "Hate Crime –",
]


def test_000_raw_reads_the_hate_crime_row_as_its_tab_export(
    raw_dir: Path, run_dir: Path
) -> None:
    def hate(out: Path, name: str) -> list[tuple[object, ...]]:
        rows = rows_of(out, "rolling_12_months", name)
        rows = rows[rows.indicator_id == "hate-crime-incidents"].sort_values("quarter")
        return [tuple(r) for r in rows[FIELDS].astype(str).itertuples(index=False)]

    raw = hate(raw_dir, S000.replace(".txt", "-raw.txt"))
    assert raw == hate(run_dir, S000)
    assert [r[2:4] for r in raw] == [
        ("89", "100"),
        ("88", "116"),
        ("90", "123"),
        ("93", "114"),
    ]


@pytest.mark.parametrize(
    ("line", "pieces"),
    [
        ("Over Time Previous 12 Previous 12", ("Over Time", ["Previous 12"] * 2)),
        ("months = 89 months = 88", ("", ["months = 89", "months = 88"])),
        (
            "Last 12 months = 100 Last 12 months = 116",
            ("", ["Last 12 months = 100", "Last 12 months = 116"]),
        ),
        ("(Variation) – Police", None),
        ("data", None),
    ],
)
def test_a_line_ends_in_one_piece_a_column(
    line: str, pieces: tuple[str, list[str]] | None
) -> None:
    assert _pieces(line, 2) == pieces


def _rows(lines: list[str]) -> list[tuple[object, ...]]:
    return [
        (r.indicator, r.quarter, r.previous_12_months, r.last_12_months, r.line_start)
        for r in recognised(rolling12, lines, text_form="plain")
        if isinstance(r, Rolling12)
    ]


def test_a_row_of_two_columns_is_read_under_its_name() -> None:
    name = "Hate Crime Incidents Over Time (Variation) – Police data"
    assert _rows(GRID) == [(name, "Q1", 89, 100, 4), (name, "Q2", 88, 116, 4)]


def test_a_column_short_of_a_piece_leaves_the_row_unread() -> None:
    lines = [line for line in GRID if not line.startswith("Last 12")]
    lines.insert(8, "Last 12 months = 100")
    assert _rows(lines) == []


@given(st.text(alphabet=st.sampled_from(" Q1()24.07=mntsLa%-–"), max_size=60))
def test_any_line_splits_into_pieces_or_none(line: str) -> None:
    split = _pieces(line, 2)
    if split is not None:
        before, pieces = split
        assert len(pieces) == 2 and " ".join([before, *pieces]).split() == line.split()


@given(
    st.lists(
        st.sampled_from(GRID + ["Q1 - 4 on going cases", "12 12", "", "x data"]),
        min_size=1,
        max_size=14,
    )
)
@settings(max_examples=60, deadline=None)
def test_any_run_on_lines_give_rows_or_nothing(lines: list[str]) -> None:
    records = recognised(rolling12, [GRID[0], *lines], text_form="plain")
    assert all(isinstance(r, Record) for r in records)
