"""Every form of a sample gives only rows its TAB export gives: a row another
form reads is the same fact, with the same figures, or it is not read (and
reported). The scorer matches indicators by a hint and reads no theme, so
this is where a name or theme run together in one form shows."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from extract.run import extract
from tests.conftest import RAW, SAMPLES
from tests.test_expanded_tabs import EXPANDED
from tests.test_layout_marks import LAYOUT
from tests.test_raw_breakdowns import BROWSER_RAW
from tests.test_trimmed_tab_text import trimmed_copies

# What each table's row says, its provenance and its free text aside.
FACTS = {
    "indicator_values": [
        "indicator_id",
        "indicator",
        "theme",
        "financial_year",
        "period",
        "measure",
        "value",
        "unit",
    ],
    "rolling_12_months": [
        "indicator_id",
        "quarter",
        "as_of_date",
        "previous_12_months",
        "last_12_months",
        "change_pct",
    ],
    "breakdowns": ["indicator_id", "period", "dimension", "category", "count"],
    "status_summary": ["plan", "scope", "period", "category", "count", "percent"],
    # Action themes in reading order miss the theme an objective belongs to
    # where its heading is broken ("Cleaner and safer er / vironments: …").
    "actions": ["kind", "title"],
}
STEM = re.compile(r"\d{3}_[0-9a-f]{16}")
# Reading-order and raw text name no theme for most rows: a row with none
# agrees with its TAB row whatever the TAB row's theme.
UNKNOWN = ("None", "nan", "<NA>")
# Rows known to differ, and why: 002's browser layout text cuts "sustained
# (No. of" in the tenancies name at a column start the wrapped name reaches,
# and its "of" is taken for the frequency (the name reads "(No. cases").
KNOWN = {
    ("indicator_values", "text/002_c2fd677fd2d5bf7c-browser-layout.txt"),
    # Browser layout text sets an action's first words one space from the
    # Outcomes column's: "… for CCTV evidence FRP", "… by providing Increased
    # awareness" (000); 001 reads a progress paragraph as an action's title.
    ("actions", "text/000_af055924f554b2ff-browser-layout.txt"),
    ("actions", "text/001_4e0ea328a26b8980-browser-layout.txt"),
}


@pytest.fixture(scope="module")
def every_form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("every-form")
    trimmed = trimmed_copies(tmp_path_factory.mktemp("trimmed"))
    extract([SAMPLES, RAW, EXPANDED, LAYOUT, BROWSER_RAW, trimmed], out)
    return out


@pytest.mark.parametrize("table", sorted(FACTS))
def test_every_form_gives_rows_of_its_tab_export(every_form: Path, table: str) -> None:
    docs = pd.read_parquet(every_form / "documents.parquet")[["doc_id", "source_path"]]
    rows = pd.read_parquet(every_form / f"{table}.parquet").merge(docs, on="doc_id")
    rows["stem"] = rows.source_path.str.extract(f"({STEM.pattern})", expand=False)
    columns = [c for c in FACTS[table] if c in rows.columns]
    differ = {}
    for stem, group in rows.groupby("stem"):
        facts = group[columns].astype(object).map(str).apply(tuple, axis=1)
        tab = set(facts[group.source_path == f"{stem}.txt"])
        themeless = {_without_theme(columns, f) for f in tab}
        for source, own in facts[group.source_path != f"{stem}.txt"].groupby(
            group.source_path
        ):
            if (table, source) in KNOWN:
                continue
            extra = sorted(
                f
                for f in set(own) - tab
                if not _theme_unknown(columns, f)
                or _without_theme(columns, f) not in themeless
            )
            if extra:
                differ[source] = extra[:2]
    assert differ == {}


def _theme_unknown(columns: list[str], fact: tuple[str, ...]) -> bool:
    return "theme" in columns and fact[columns.index("theme")] in UNKNOWN


def _without_theme(columns: list[str], fact: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v for c, v in zip(columns, fact, strict=True) if c != "theme")
