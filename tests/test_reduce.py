"""The run's panel reduce (in Arrow) gives what extract/panel.py `observe` gives."""

from __future__ import annotations

from dataclasses import asdict, replace

import pyarrow as pa

from extract import reduce
from extract.inputs import Input
from extract.panel import PanelFact, facts_of, observe
from extract.parse import process
from extract.records import IssueRow, Observation
from extract.shards import FACTS_SCHEMA
from tests.conftest import S000, S002, SAMPLES


def _table(facts: list[PanelFact]) -> pa.Table:
    return pa.Table.from_pylist([asdict(f) for f in facts], FACTS_SCHEMA)


def _facts() -> list[PanelFact]:
    return [
        f
        for name in (S000, S002)
        for f in facts_of(process(Input(SAMPLES / name, name)).records)
    ]


def test_observe_table_is_observe() -> None:
    facts = _facts()
    assert list(reduce.observe_table(_table(facts))) == list(observe(facts))


def test_a_conflict_names_the_first_reports_and_counts_the_rest() -> None:
    fact = next(f for f in _facts() if f.measure == "actual" and f.value is not None)
    facts = [
        replace(fact, doc_id=f"d{k:02d}", source_path=f"{k:02d}.txt", value=float(k),
                rank_date=f"2018-01-{k + 1:02d}")
        for k in range(12)
    ]  # fmt: skip
    issue, observation = reduce.observe_table(_table(facts))
    assert isinstance(issue, IssueRow) and isinstance(observation, Observation)
    said = "; ".join(f"{k:02d}.txt says {k}" for k in range(10))
    assert issue.message == (
        f"{fact.indicator_id} {fact.financial_year} {fact.period} actual "
        f"({fact.unit}): {said}; and 2 more reports; the latest report (11.txt) "
        "wins"
    )
    assert (observation.value, observation.n_sources) == (11.0, 12)
    assert observation.source_doc_ids == [f"d{k:02d}" for k in range(12)]
