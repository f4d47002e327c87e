"""`relabelled_value`: one indicator's row read twice in a report, the two
readings agreeing on one figure under one label and printing another under
different labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.checks import relabelled
from extract.document import Document
from extract.records import IndicatorValue
from extract.run import extract
from tests.conftest import rows_of

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "relabelled"
SOURCE = "v005_001-ruled-plain.txt"


def test_a_row_read_again_under_another_grid_s_labels_is_reported(
    tmp_path: Path,
) -> None:
    extract([FIXTURE], tmp_path)
    issues = rows_of(tmp_path, "issues", SOURCE)
    said = issues[issues.code == "relabelled_value"]
    assert said[["severity", "line"]].values.tolist() == [["warning", 230]]
    assert said.message.item() == (
        f"{SOURCE}:230: No. of properties benefitting from bathroom upgrade: "
        "260 read as 2017/18 Q1 actual here and as 2017/18 FY target at line "
        "96, where the same row's other figures agree; which label is its own "
        "is not certain"
    )
    # The figure is still written, its label in doubt and said so.
    values = rows_of(tmp_path, "indicator_values", SOURCE)
    bathroom = values[values.indicator_id == "hra-bathroom-upgrade"]
    got = zip(bathroom.period, bathroom.measure, bathroom.value, strict=True)
    assert sorted(got) == [
        ("FY", "target", 260.0),
        ("Q1", "actual", 260.0),
        ("Q2", "actual", 120.0),
    ]


DOC = Document(doc_id="x", source_path="x.txt", source_format="txt", lines=(), rows=())


def _value(period: str, measure: str, value: float, line: int) -> IndicatorValue:
    return IndicatorValue(
        doc_id="x", plan=None, theme=None, indicator="Widgets", indicator_id="w",
        financial_year="2017/18", period=period, measure=measure, value=value,
        unit="count", comparator=None, qualifier=None, value_text=f"{value:g}",
        note=None, reported_as=period, frequency=None, page=None,
        line_start=line, line_end=line,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("later", "reported"),
    [
        # The same labels again (samples/001's HRA table as HTML and as rows).
        ([_value("FY", "target", 260, 9), _value("Q2", "actual", 120, 9)], 0),
        # No figure agrees under one label: two rows, not one read twice.
        ([_value("Q1", "actual", 260, 9), _value("Q2", "actual", 121, 9)], 0),
        # One agrees, the other under another label: reported.
        ([_value("Q1", "actual", 260, 9), _value("Q2", "actual", 120, 9)], 1),
    ],
)
def test_only_a_figure_under_another_label_of_a_row_read_twice(
    later: list[IndicatorValue], reported: int
) -> None:
    before = [_value("FY", "target", 260, 3), _value("Q2", "actual", 120, 3)]
    assert len(list(relabelled(DOC, [*before, *later]))) == reported
