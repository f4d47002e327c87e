"""Adding a recogniser: one registration in the pipeline's order, no other edit.

The fixture recogniser reads "Number of complaints: 12" lines into the existing
`indicator_values` table and claims the block it read; the pipeline, the
tables, coverage, `inspect` and the registry ids pick it up from its
registration alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from extract import pipeline
from extract.blocks import Blocks
from extract.context import Context
from extract.pipeline import process_document
from extract.qa.inspect import inspect_file
from extract.readers import read_path
from extract.records import IndicatorValue, Record
from extract.run import extract

NAME = "complaints"
COMPLAINTS = re.compile(r"^Number of complaints:\s*(?P<n>\d+)$")


def _recognise(blocks: Blocks, ctx: Context, name: str = NAME) -> Iterator[Record]:
    doc = blocks.doc
    for block in blocks.blocks:
        for i in block.rows:
            row = doc.rows[i]
            m = COMPLAINTS.match(row.flat)
            if m is None or not blocks.claims.take_row(name, i, row):
                continue
            yield IndicatorValue(
                doc_id=doc.doc_id,
                plan=ctx.plan(i),
                theme=ctx.theme(i),
                indicator="Number of complaints",
                indicator_id="",
                financial_year=ctx.financial_year,
                period="FY",
                measure="actual",
                value=float(m["n"]),
                unit="count",
                comparator=None,
                qualifier=None,
                value_text=m[0],
                note=None,
                reported_as="Number of complaints",
                frequency=None,
                page=row.page,
                line_start=row.line_start,
                line_end=row.line_end,
            )


COMPLAINTS_RECOGNISER = SimpleNamespace(NAME=NAME, recognise=_recognise)
REPORT = "Annual Complaints Report 2017/18\n\nNumber of complaints: 12\n"


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        pipeline, "RECOGNISERS", (*pipeline.RECOGNISERS, COMPLAINTS_RECOGNISER)
    )


@pytest.mark.usefixtures("registered")
def test_a_new_recogniser_writes_into_an_existing_table(tmp_path: Path) -> None:
    import pandas as pd

    src = tmp_path / "complaints.txt"
    src.write_text(REPORT, encoding="utf-8")
    extract([src], tmp_path / "out")
    values = pd.read_parquet(tmp_path / "out" / "indicator_values.parquet")
    assert values[
        ["indicator", "financial_year", "period", "value"]
    ].values.tolist() == [["Number of complaints", "2017/18", "FY", 12.0]]
    assert values.indicator_id.tolist() == ["number-of-complaints"]
    assert (values.line_start.tolist(), values.line_end.tolist()) == ([3], [3])


@pytest.mark.usefixtures("registered")
def test_inspect_shows_the_new_recogniser(tmp_path: Path) -> None:
    src = tmp_path / "complaints.txt"
    src.write_text(REPORT, encoding="utf-8")
    ins = inspect_file(src)
    line = next(line for line in ins.lines if line.number == 3)
    assert line.recognisers == ("complaints",)
    assert dict(ins.rows_per_recogniser)["complaints"] == 1


@pytest.mark.usefixtures("registered")
def test_the_new_recogniser_claims_its_block(tmp_path: Path) -> None:
    src = tmp_path / "complaints.txt"
    src.write_text(REPORT, encoding="utf-8")
    processed = process_document(read_path(src))
    assert processed.blocks is not None
    claims = [
        (c.recogniser, c.line_start, c.column, c.text) for c in processed.blocks.claims
    ]
    assert claims == [("complaints", 3, None, "Number of complaints: 12")]
    line = next(line for line in inspect_file(src).lines if line.number == 3)
    assert (line.block, line.tables) == ("prose 1", ("indicator_values",))


def test_a_block_claimed_once_is_refused_to_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two recognisers that read the same line: the one offered the blocks
    first claims it and writes the row; the next is refused and writes none."""
    second = SimpleNamespace(NAME="complaints_again", recognise=_recognise_again)
    monkeypatch.setattr(
        pipeline,
        "RECOGNISERS",
        (*pipeline.RECOGNISERS, COMPLAINTS_RECOGNISER, second),
    )
    src = tmp_path / "complaints.txt"
    src.write_text(REPORT, encoding="utf-8")
    processed = process_document(read_path(src))
    made = [f.step for f in processed.found if f.record.table == "indicator_values"]
    assert made == ["complaints"]


def _recognise_again(blocks: Blocks, ctx: Context) -> Iterator[Record]:
    return _recognise(blocks, ctx, "complaints_again")
