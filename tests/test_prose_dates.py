"""Impossible dates in progress texts: repaired by the weekday of a meeting."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from extract.prose_dates import repair_progress_dates
from extract.records import Action, IssueRow, RepairRow
from tests.conftest import S000, S001, synthetic


def test_meeting_date_in_progress_is_repaired(
    table: Callable[[str], pd.DataFrame],
) -> None:
    repairs = table("repairs")
    fixed = repairs[repairs.column == "progress"].sort_values(["file", "table"])
    assert list(
        zip(fixed.file, fixed.table, fixed.raw, fixed.repaired, strict=True)
    ) == [
        (S000, "action_updates", "201.10.17", "20.10.17"),
        (S000, "actions", "201.10.17", "20.10.17"),
        (S001, "action_updates", "201.10.17", "20.10.17"),
        (S001, "actions", "201.10.17", "20.10.17"),
    ]
    assert {tuple(a) for a in fixed.alternatives} == {("01.10.17", "21.10.17")}
    updates = table("action_updates")
    q2 = updates[(updates.file == S000) & (updates.quarter == "Q2")].iloc[0].progress
    assert q2.endswith("Systems and Partnerships 20.10.17")


def _action(progress: str) -> Action:
    return Action(
        item_id="x:1",
        doc_id="x",
        plan=None,
        theme=None,
        kind="action",
        approach=None,
        key_project=None,
        title="t",
        outcomes=None,
        progress=progress,
        page=None,
        line_start=7,
        line_end=7,
    )


def test_undecidable_date_is_left_as_printed() -> None:
    doc, _ = synthetic(["x"])
    out = list(repair_progress_dates(doc, [_action("Report due 197.04.18.")]))
    assert [type(r) for r in out] == [IssueRow, Action]
    assert "17.04.18, 19.04.18" in out[0].message  # type: ignore[union-attr]
    assert out[1].progress == "Report due 197.04.18."  # type: ignore[union-attr]


def test_valid_dates_and_times_are_untouched() -> None:
    doc, _ = synthetic(["x"])
    text = "Met on 09.10.17 from 16.00; next meeting 2017-18; ref 1.2.3.4"
    out = list(repair_progress_dates(doc, [_action(text)]))
    assert not [r for r in out if isinstance(r, RepairRow | IssueRow)]
    assert out[0].progress == text  # type: ignore[union-attr]
