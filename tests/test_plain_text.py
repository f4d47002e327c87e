"""Reading-order text (pdftotext without -layout): every cell its own paragraph.

samples/text/<stem>-plain.txt are the ruled PDFs of the samples so printed;
<stem>-<kind>-plain.txt the other PDFs where their text differs.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from extract.coverage import canonical, number_tokens
from extract.run import extract
from tests.conftest import PLAIN, SAMPLES, SHARED
from tests.test_pdf_samples import score

STEMS = [
    "000_af055924f554b2ff",
    "001_4e0ea328a26b8980",
    "002_c2fd677fd2d5bf7c",
    "003_23ba67851198ff7c",
    "004_d8bfd0ac3b4287f7",
]
DOCUMENT_COLUMNS = ["report_type", "financial_year", "quarters", "report_date"]


GOLD = SHARED / "gold"
SPAN = re.compile(r":(?P<start>\d+)(?:-(?P<end>\d+))?: ")
# The column of a gold row that is printed in the report: where to look for it.
PRINTED = {
    "indicator_values": "value",
    "breakdowns": "count",
    "status_summary": "count",
    "actions": "title_hint",
}


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("plain")
    extract([SAMPLES / "text" / f"{s}-plain.txt" for s in STEMS], out)
    return out


def _table(out: Path, name: str) -> pd.DataFrame:
    docs = pd.read_parquet(out / "documents.parquet")
    if name == "documents":
        return docs
    paths = docs[["doc_id", "source_path"]]
    return pd.read_parquet(out / f"{name}.parquet").merge(paths, on="doc_id")


def test_documents_read_as_from_the_tab_export(plain: Path, run_dir: Path) -> None:
    got = _table(plain, "documents").sort_values("source_path")
    want = _table(run_dir, "documents").sort_values("source_path")
    for column in DOCUMENT_COLUMNS:
        assert [str(v) for v in got[column]] == [str(v) for v in want[column]]
    assert list(got.text_form) == ["plain"] * 5


def test_interleaved_quarter_cells_are_read_back_into_their_quarters(
    plain: Path,
) -> None:
    """000's Hate Crime row prints its four quarter cells line by line across
    the row: "Q1 (24.07.17)", …, "Previous 12" four times, "months = 89", …"""
    rows = _table(plain, "rolling_12_months")
    hate = rows[
        (rows.source_path == f"{STEMS[0]}-plain.txt")
        & (rows.indicator_id == "hate-crime-incidents")
    ]
    assert [
        (r.quarter, r.previous_12_months, r.last_12_months, r.change_pct)
        for r in hate.itertuples()
    ] == [
        ("Q1", 89, 100, 12.0),
        ("Q2", 88, 116, 32.0),
        ("Q3", 90, 123, 33.0),
        ("Q4", 93, 114, 23.0),
    ]
    assert hate.indicator.iloc[0] == (
        "Hate Crime Incidents Over Time (Variation) – Police data"
    )
    # "Q4 (197.04.18)": the other blocks' Q4 date repairs it, as in the TAB export.
    assert (hate.as_of_date_raw.iloc[3], str(hate.as_of_date.iloc[3])) == (
        "197.04.18",
        "2018-04-17",
    )
    # Provenance: each quarter's lines, from its label to its "Change" line.
    assert list(zip(hate.line_start, hate.line_end, strict=True)) == [
        (156, 193),
        (158, 195),
        (160, 197),
        (162, 199),
    ]


def test_a_row_name_after_its_cells_is_found(plain: Path) -> None:
    rows = _table(plain, "rolling_12_months")
    s000 = rows[rows.source_path == f"{STEMS[0]}-plain.txt"]
    assert s000.groupby("indicator_id").size().to_dict() == {
        "asb-incidents": 4,
        "committed-crime": 4,
        "hate-crime-incidents": 4,
    }
    # Committed Crime's name follows its four cells in reading order (line 81).
    crime = s000[s000.indicator_id == "committed-crime"]
    assert list(crime.last_12_months) == [6506, 6730, 6782, 6577]
    assert list(crime.line_start) == [28, 35, 43, 51]


def test_a_change_finished_a_line_later_past_the_next_column(plain: Path) -> None:
    """001: "… Change over 12 Months = 12%" / "Police data</p> <p>Hate Crime –
    Number of self Increase (11)</p>": the difference is taken because it is
    last minus previous (100 - 89)."""
    rows = _table(plain, "rolling_12_months")
    q1 = rows[
        (rows.source_path == f"{STEMS[1]}-plain.txt")
        & (rows.indicator_id == "hate-crime-incidents")
        & (rows.quarter == "Q1")
    ].iloc[0]
    assert (q1.change_pct, q1.change_abs, q1.direction) == (12.0, 11, "increase")


def test_no_rolling_rows_where_none_are_printed(plain: Path) -> None:
    rows = _table(plain, "rolling_12_months")
    assert rows.groupby("source_path").size().to_dict() == {
        f"{STEMS[0]}-plain.txt": 12,
        f"{STEMS[1]}-plain.txt": 6,
    }


def test_every_plain_form_is_scored(plain_dir: Path) -> None:
    assert [p.name for p in PLAIN] == [
        f"{STEMS[0]}-dingbats-plain.txt",
        f"{STEMS[0]}-plain.txt",
        f"{STEMS[1]}-plain.txt",
        f"{STEMS[2]}-dingbats-plain.txt",
        f"{STEMS[2]}-glyphs-plain.txt",
        f"{STEMS[2]}-plain.txt",
        f"{STEMS[3]}-plain.txt",
        f"{STEMS[4]}-plain.txt",
    ]
    docs = pd.read_parquet(plain_dir / "documents.parquet")
    assert sorted(docs.source_path) == [p.name for p in PLAIN]


def _score(tmp_path: Path, out: Path, table: str) -> str:
    """score.py's last line for one table, the gold renamed to each plain form."""
    gold = tmp_path / "gold"
    gold.mkdir()
    rows = pd.read_csv(GOLD / f"{table}.csv", dtype=str, keep_default_na=False)
    by_stem = [
        rows[rows.file == f"{p.name.split('-')[0]}.txt"].assign(file=p.name)
        for p in PLAIN
    ]
    pd.concat(by_stem).to_csv(gold / f"{table}.csv", index=False)
    return score(gold, out)


@pytest.mark.parametrize("table", ["documents", "rolling_12_months"])
def test_documents_and_rolling_blocks_score_full_marks(
    tmp_path: Path, plain_dir: Path, table: str
) -> None:
    assert _score(tmp_path, plain_dir, table) == (
        "overall F1 1.000 (precision 1.000 recall 1.000)"
    )


def test_cells_of_counts_are_read_where_they_open_with_their_quarter(
    tmp_path: Path, plain_dir: Path
) -> None:
    """ "Q1 - 15 on going cases, 6 closed cases 2 x Council referrals …" after
    its rolling block; "Q1 24 Individuals … 17 Race", also where it is printed
    beside its row's name line by line (samples/001). The notes printed across
    the row under them (samples/000 "1 Mental Health") are not placed."""
    assert _score(tmp_path, plain_dir, "breakdowns") == (
        "overall F1 0.994 (precision 1.000 recall 0.987)"
    )


def test_no_rows_are_guessed_for_tables_without_columns(plain_dir: Path) -> None:
    """A milestone's rating symbol cannot be placed without its columns: in
    reading order only milestone tables that print no symbol are read, the
    others are reported (below). Action tables, KPI and summary grids are read
    where their shape is certain (tests/test_actions_plain.py,
    tests/test_milestones_plain.py, tests/test_kpi_grid_reading_order.py,
    tests/test_status_summary_reading_order.py)."""
    items = pd.read_parquet(plain_dir / "actions.parquet")
    assert items.kind.value_counts().to_dict() == {"action": 19, "milestone": 6}


def test_every_gold_fact_not_read_lies_in_an_unparsed_block(
    plain_dir: Path,
) -> None:
    issues = _table(plain_dir, "issues")
    blocks: dict[str, list[tuple[int, int]]] = {}
    for i in issues[issues.code == "unparsed_block"].itertuples():
        m = SPAN.search(i.message)
        assert m is not None, i.message
        span = (int(m["start"]), int(m["end"] or m["start"]))
        blocks.setdefault(i.source_path, []).append(span)
    unplaced = []
    n = 0
    read = _table(plain_dir, "breakdowns")
    values = _table(plain_dir, "indicator_values")
    counts = _table(plain_dir, "status_summary")
    items = _table(plain_dir, "actions")
    for table, column in PRINTED.items():
        gold = pd.read_csv(GOLD / f"{table}.csv")
        for path in PLAIN:
            # Lines as the reader numbers them: a form feed starts a page,
            # not a line (`str.splitlines` would count one).
            lines = path.read_text(encoding="utf-8").split("\n")
            for fact in gold[
                gold.file == f"{path.name.split('-')[0]}.txt"
            ].itertuples():
                n += 1
                if table == "breakdowns" and _was_read(read, path.name, fact):
                    continue
                if table == "indicator_values" and _value_read(values, path.name, fact):
                    continue
                if table == "status_summary" and _count_read(counts, path.name, fact):
                    continue
                if table == "actions" and _item_read(items, path.name, fact):
                    continue
                where = _printed_at(lines, fact, table, column)
                assert where, (path.name, table, fact)
                if not any(a <= w <= b for w in where for a, b in blocks[path.name]):
                    unplaced.append((path.name, table, fact))
    assert n == 588
    assert unplaced == []


def _was_read(read: pd.DataFrame, name: str, fact: Any) -> bool:
    """Whether a gold count has its row: same quarter, category and count."""
    same = read[
        (read.source_path == name)
        & (read.period == fact.period)
        & (read.category == fact.category)
        & (read["count"] == fact.count)
    ]
    return not same.empty


def _value_read(read: pd.DataFrame, name: str, fact: Any) -> bool:
    """Whether a gold KPI value has its row: same year, period, measure, value."""
    same = read[
        (read.source_path == name)
        & (read.financial_year == fact.financial_year)
        & (read.period == fact.period)
        & (read.measure == fact.measure)
        & ((read.value == fact.value) | (read.value.isna() & pd.isna(fact.value)))
    ]
    return not same.empty


def _count_read(read: pd.DataFrame, name: str, fact: Any) -> bool:
    """Whether a gold status count has its row: same scope, period, category."""
    same = read[
        (read.source_path == name)
        & (read.scope == fact.scope)
        & (read.period == fact.period)
        & (read.category == fact.category)
    ]
    return not same.empty


def _item_read(read: pd.DataFrame, name: str, fact: Any) -> bool:
    """Whether a gold action or milestone has its row: same kind, its title
    holding the hint."""
    hint = " ".join(str(fact.title_hint).lower().split())
    same = read[
        (read.source_path == name)
        & (read.kind == fact.kind)
        & read.title.map(lambda t: hint in " ".join(t.lower().split()))
    ]
    return not same.empty


def _printed_at(lines: list[str], fact: Any, table: str, column: str) -> list[int]:
    """The lines a gold fact's printed value is on; for a value printed as a
    dash or a cell with no number, the lines of its label."""
    value = getattr(fact, column)
    if table == "status_summary" and pd.isna(value):
        value = fact.percent
        if pd.isna(value):
            return _near(lines, fact.category.replace("_", " "))
    if pd.isna(value):
        return _near(lines, str(fact.indicator_hint))
    if isinstance(value, str):
        return _near(lines, value) or _near(lines, " ".join(value.split()[:3]))
    want = f"{abs(float(value)):g}"
    bare = re.compile(rf"(?<![\d,]){re.escape(want)}(?!\d)")
    return [
        n
        for n, line in enumerate(lines, 1)
        if want in {canonical(t) for t in number_tokens(line)} or bare.search(line)
    ]


def _near(lines: list[str], text: str) -> list[int]:
    """Lines where `text` starts, wrapped over up to three lines."""
    text = " ".join(text.lower().split())
    return [
        n
        for n in range(1, len(lines) + 1)
        if text in " ".join(" ".join(lines[n - 1 : n + 2]).lower().split())
    ]
