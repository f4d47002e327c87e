"""Cover sheets, meetings, periods and report kinds in every form councils print
them. Each example is made up, a few lines in the printed form it stands for."""

from __future__ import annotations

import pytest

from extract.recognisers.documents import read_metadata
from normalise.periods import stated_period, title_quarters, title_years
from schemas.organisations import by_name, organisations
from tests.conftest import synthetic

ALL = ("Q1", "Q2", "Q3", "Q4")


@pytest.mark.parametrize(
    "title, quarters, years",
    [
        ("Quarter Four Performance Report", ("Q4",), []),
        ("Third Quarter Performance Update", ("Q3",), []),
        ("Q3 Performance Report 2017/18", ("Q3",), ["2017/18"]),
        ("Mid Year Performance Report 2012-13", ("Q1", "Q2"), ["2012/13"]),
        ("End of Year Performance Update 2009/2010", ALL, ["2009/10"]),
        ("Year End Performance Report", ALL, []),
        ("Annual Performance Report 2019-20", ALL, ["2019/20"]),
        ("Best Value Performance Indicator Outturn 2007-08", ALL, ["2007/08"]),
        # A whole-year title that names the one quarter it reports.
        ("Year End (Quarter 4) Performance Report", ("Q4",), []),
        ("Performance Report (October to December 2017)", ("Q3",), ["2017/18"]),
        ("Quarter Four (1 January 2019 - 31 March 2019)", ("Q4",), ["2018/19"]),
        ("Update for the quarter ending 31st March 2018", ("Q4",), ["2017/18"]),
        ("Performance Report 12/13", (), ["2012/13"]),
        # Grid columns and dates are no period.
        ("Annual Target", (), []),
        ("Cabinet 14/03/17", (), []),
        ("April to November 2017", (), []),
    ],
)
def test_title_periods(title: str, quarters: tuple[str, ...], years: list[str]) -> None:
    assert (title_quarters(title), title_years(title)) == (quarters, years)


@pytest.mark.parametrize(
    "text, period",
    [
        (
            "This update covers the quarter ending 31st March 2018.",
            ("2017/18", ("Q4",)),
        ),
        ("This report covers October to December 2017.", ("2017/18", ("Q3",))),
        ("Works run from October to December 2017.", None),
    ],
)
def test_stated_period(text: str, period: tuple[str, tuple[str, ...]] | None) -> None:
    assert stated_period(text) == period


@pytest.mark.parametrize(
    "lines, organisation, code",
    [
        # The publisher prints its name at the top; the county is named in passing.
        (
            [
                "Lichfield District Council",
                "Cabinet 14 March 2017",
                "Funding from Staffordshire County Council and Staffordshire County "
                "Council's partners; Tamworth Borough Council and Tamworth Borough "
                "Council agreed.",
            ],
            "Lichfield District Council",
            "E07000194",
        ),
        # An alias is reported by its canonical name.
        (
            ["held at Cannock Chase Council."],
            "Cannock Chase District Council",
            "E07000192",
        ),
        # A district beats the county it mentions, though named less often.
        (
            [
                *[""] * 20,
                "Staffordshire County Council and Staffordshire County Council",
                "East Staffordshire Borough Council",
            ],
            "East Staffordshire Borough Council",
            "E07000193",
        ),
        # A council not in the registry keeps its printed name and has no code.
        (
            ["Report to Borsetshire District Council"],
            "Borsetshire District Council",
            None,
        ),
        (["County Council"], None, None),
    ],
)
def test_organisation(
    lines: list[str], organisation: str | None, code: str | None
) -> None:
    meta = read_metadata(synthetic(lines)[0])
    assert (meta.organisation, meta.organisation_code) == (organisation, code)


def test_registry_codes() -> None:
    registry = {o.name: o.gss_code for o in organisations()}
    assert registry["Cannock Chase District Council"] == "E07000192"
    assert registry["Staffordshire County Council"] == "E10000028"
    assert len(set(registry.values())) == len(registry)
    found = by_name("cannock  chase council")
    assert found is not None and found.name == "Cannock Chase District Council"
