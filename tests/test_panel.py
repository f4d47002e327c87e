"""The longitudinal panel and the registry as used over the samples."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from extract.panel import PanelFact, observe
from extract.records import IssueRow, Observation
from tests.conftest import S000, S001, S002

Table = Callable[[str], pd.DataFrame]


@pytest.fixture(scope="module")
def observations(table: Table) -> pd.DataFrame:
    return table("observations")


def test_fly_tipping_series(observations: pd.DataFrame, table: Table) -> None:
    docs = table("documents").set_index("source_path").doc_id
    fly = observations[
        (observations.indicator_id == "fly-tipping-incidents")
        & (observations.measure == "actual")
    ]
    series = {(r.financial_year, r.period): r.value for r in fly.itertuples()}
    assert series == {
        ("2016/17", "FY"): 484,
        ("2017/18", "FY"): 470,
        ("2017/18", "Q1"): 123,
        ("2017/18", "Q2"): 121,
        ("2017/18", "Q3"): 81,
        ("2017/18", "Q4"): 100,
        ("2018/19", "FY"): 366,
        ("2018/19", "Q1"): 102,
        ("2018/19", "Q2"): 132,
        ("2018/19", "Q3"): 54,
        ("2018/19", "Q4"): 78,
    }
    fy1718 = fly[(fly.financial_year == "2017/18") & (fly.period == "FY")].iloc[0]
    assert fy1718.conflict and fy1718.n_sources == 2
    assert list(fy1718.source_doc_ids) == sorted([docs[S000], docs[S002]])
    assert fy1718.period_end == date(2018, 3, 31)
    assert not fly[fly.period != "FY"].conflict.any()


def test_conflict_is_an_issue(table: Table) -> None:
    issues = table("issues")
    conflicts = issues[issues.code == "conflicting_values"]
    assert len(conflicts) == 1
    assert conflicts.iloc[0].message == (
        "fly-tipping-incidents 2017/18 FY actual (count): "
        "000_af055924f554b2ff.txt says 425; 002_c2fd677fd2d5bf7c.txt says 470; "
        "the latest report "
        "(002_c2fd677fd2d5bf7c.txt) wins"
    )
    assert conflicts.iloc[0].file == S002


def test_a_figure_restated_by_many_reports_names_the_latest_ten() -> None:
    facts = [
        PanelFact(
            "fly-tipping-incidents",
            "2017/18",
            "FY",
            "actual",
            "count",
            "Fly tipping",
            400.0 + k,
            f"d{k:02d}",
            f"r{k:02d}.txt",
            "2017/18",
            "Q4",
            f"2018-06-{k + 1:02d}",
            "grid",
        )  # fmt: skip
        for k in range(25)
    ]
    out = list(observe(facts))
    (issue,) = [r for r in out if isinstance(r, IssueRow)]
    latest = "; ".join(f"r{k:02d}.txt says {400 + k}" for k in range(15, 25))
    assert issue.message == (
        "fly-tipping-incidents 2017/18 FY actual (count): 15 earlier reports say "
        f"400 to 414; {latest}; the latest report (r24.txt) wins"
    )
    (obs,) = [r for r in out if isinstance(r, Observation)]
    assert (obs.value, obs.n_sources, len(obs.source_doc_ids)) == (424.0, 25, 25)


def test_the_latest_ten_are_told_by_date_not_by_kind() -> None:
    """A prose value sorts first (a grid value beats it), yet the report it is
    in is the latest: it is among the ten named, not counted as earlier. The
    earlier ones are counted as reports (r01 prints the figure twice)."""

    def fact(k: int, value: float, source: str = "grid") -> PanelFact:
        return PanelFact(
            "fly-tipping-incidents", "2017/18", "FY", "actual", "count",
            "Fly tipping", value, f"d{k:02d}", f"r{k:02d}.txt",
            "2017/18", "Q4", f"2018-06-{k + 1:02d}", source,
        )  # fmt: skip

    facts = [fact(k, 400.0 + k) for k in range(12)] + [
        fact(1, 400.0),
        fact(11, 99.0, "prose"),
    ]
    (issue,) = [r for r in observe(facts) if isinstance(r, IssueRow)]
    named = "; ".join(
        ["r11.txt says 99", *(f"r{k:02d}.txt says {400 + k}" for k in range(3, 12))]
    )
    assert issue.message == (
        "fly-tipping-incidents 2017/18 FY actual (count): 3 earlier reports say "
        f"400 to 402; {named}; the latest report (r11.txt) wins"
    )


def test_restated_quarters_are_merged(observations: pd.DataFrame, table: Table) -> None:
    docs = table("documents").set_index("source_path").doc_id
    crime = observations[observations.indicator_id == "committed-crime"]
    assert list(crime.period) == ["Q1", "Q2", "Q3", "Q4"]
    assert list(crime.value) == [6506, 6730, 6782, 6577]
    assert set(crime.measure) == {"rolling_12_months"}
    q1 = crime[crime.period == "Q1"].iloc[0]
    assert list(q1.source_doc_ids) == sorted([docs[S000], docs[S001]])
    assert not crime.conflict.any()


def test_distinct_indicators(table: Table) -> None:
    indicators = table("indicators")
    # 26 from the grids and quarter blocks, and total-recorded-crime from the
    # prose of samples/004 (5,803 crimes recorded during 2011/12).
    assert len(indicators) == 27
    assert indicators.indicator_id.is_unique
    fly = indicators.set_index("indicator_id").loc["fly-tipping-incidents"]
    assert (fly["name"], fly.unit, fly.first_year, fly.last_year) == (
        "Number of fly tipping incidents",
        "count",
        "2016/17",
        "2018/19",
    )
    assert list(fly.aliases) == ["Number of fly tipping incidents"]
    hate = indicators.set_index("indicator_id").loc["hate-crime-incidents"]
    # samples/000 prints the name column-wrapped over three lines, samples/001 in one
    # paragraph: one printed variant, one id.
    assert list(hate.aliases) == [
        "Hate Crime Incidents Over Time (Variation) – Police data"
    ]


def test_every_fact_has_a_registered_id(table: Table) -> None:
    known = set(table("indicators").indicator_id)
    for name in ("rolling_12_months", "indicator_values", "breakdowns"):
        assert set(table(name).indicator_id) <= known
    assert (table("issues").code == "new_indicator").sum() == 0


def test_observations_carry_their_period_start_and_end(run_dir: Path) -> None:
    obs = pd.read_parquet(run_dir / "observations.parquet")
    fly = obs[
        (obs.indicator_id == "fly-tipping-incidents")
        & (obs.financial_year == "2017/18")
        & (obs.measure == "actual")
    ].set_index("period")
    assert (str(fly.loc["Q1"].period_start), str(fly.loc["Q1"].period_end)) == (
        "2017-04-01",
        "2017-06-30",
    )
    assert (str(fly.loc["FY"].period_start), str(fly.loc["FY"].period_end)) == (
        "2017-04-01",
        "2018-03-31",
    )


def test_indicators_carry_their_polarity(run_dir: Path) -> None:
    ind = pd.read_parquet(run_dir / "indicators.parquet").set_index("indicator_id")
    assert ind.loc["fly-tipping-incidents"].polarity == "lower_is_better"
    assert ind.loc["household-waste-recycled"].polarity == "higher_is_better"
    assert pd.isna(ind.loc["universal-credit-claimants"].polarity)
