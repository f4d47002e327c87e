"""A fact whose indicator name or action title ends mid-phrase ("Percentage
of", "Award Contract to") is not read but reported: the reader cut the name
where it went on (a name cell centred beside its values in `pdftotext -layout`
text of a table without rules), so the fact would stand under a wrong name."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.pipeline import Processed, name_cut, process_document
from extract.readers import read_document
from extract.records import Action, ActionUpdate, IndicatorValue, IssueRow
from extract.run import extract
from tests.conftest import SAMPLES, rows_of


def _processed(tmp_path: Path, sample: str, old: str, new: str) -> Processed:
    text = (SAMPLES / sample).read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / sample
    path.write_text(text.replace(old, new), encoding="utf-8")
    return process_document(read_document(path, path.name, path.read_bytes()))


def _cut_issues(done: Processed) -> list[IssueRow]:
    return [
        r
        for r in done.records
        if isinstance(r, IssueRow) and "cut mid-phrase" in r.message
    ]


def test_a_kpi_row_under_a_cut_name_is_reported_not_read(tmp_path: Path) -> None:
    done = _processed(
        tmp_path,
        "000_af055924f554b2ff.txt",
        "Percentage of household waste recycled\t",
        "Percentage of\t",
    )
    values = [r for r in done.records if isinstance(r, IndicatorValue)]
    assert not [v for v in values if v.line_start == 64]
    # The rows around it are read as before.
    residual = [
        v for v in values if v.indicator == "Residual household waste collected"
    ]
    assert sorted(v.value for v in residual if v.period == "Q1") == [5666.55]
    issues = _cut_issues(done)
    assert [(i.code, i.line, i.severity) for i in issues] == [
        ("unparsed_block", 64, "warning")
    ]
    assert "'Percentage of'" in issues[0].message


def test_a_milestone_under_a_cut_title_goes_with_its_updates(tmp_path: Path) -> None:
    done = _processed(
        tmp_path,
        "002_c2fd677fd2d5bf7c.txt",
        "Award Contract to Specialist Provider",
        "Award Contract to",
    )
    actions = [r for r in done.records if isinstance(r, Action)]
    assert not [a for a in actions if a.title.startswith("Award Contract")]
    assert [a.title for a in actions if "Specialist Provider" in a.title] == [
        "Project Plan Developed and Procurement of Specialist Provider"
    ]
    items = {a.item_id for a in actions}
    updates = [r for r in done.records if isinstance(r, ActionUpdate)]
    assert updates and all(u.item_id in items for u in updates)
    issues = _cut_issues(done)
    assert len(issues) == 1 and "'Award Contract to'" in issues[0].message


def test_names_that_are_cut() -> None:
    assert name_cut("Percentage of")
    assert name_cut("Project Team Set Up –")
    assert name_cut("and enforcement", title=True)
    assert not name_cut("and enforcement")  # an indicator: only its end counts
    for whole in (
        "Residual household waste collected",
        "Number of fly tipping incidents",
        "Number of residents aged 65+",
        "Calls answered within 20 secs:",
        "Properties in council tax band A",
        "",
    ):
        assert not name_cut(whole), whole
    assert not name_cut("eBay listings checked", title=True)
    assert not name_cut("e-mail alerts sent", title=True)


def test_a_milestone_title_opening_in_lower_case_is_cut(tmp_path: Path) -> None:
    done = _processed(
        tmp_path,
        "002_c2fd677fd2d5bf7c.txt",
        "Publish Anti Social Behaviour Policy",
        "and Social Behaviour Policy",
    )
    titles = [r.title for r in done.records if isinstance(r, Action)]
    assert not [t for t in titles if "Social Behaviour Policy" in t]
    assert "Publish Community Safety Hub Referral Data" in titles
    issues = _cut_issues(done)
    assert len(issues) == 1 and "'and Social Behaviour Policy'" in issues[0].message


# A name cut mid-phrase whose rest a -layout text printed as a row of its own
# (tests/fixtures/cutnames/README.md).
CUT_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "cutnames"
CUT_NAME = "v033_000-ruled-layout.txt"


@pytest.fixture(scope="module")
def cut_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cutnames")
    extract([CUT_FIXTURE / CUT_NAME], folder)
    return folder


def test_the_rest_of_a_cut_name_is_no_row(cut_out: Path) -> None:
    values = rows_of(cut_out, "indicator_values", CUT_NAME)
    assert not values.indicator.str.startswith("Police generated").any()
    # The grids below it are read as before.
    recycled = values[values.indicator.str.startswith("Percentage of household")]
    assert sorted(recycled[recycled.period.str.startswith("Q")].value) == [
        36.5,
        38.6,
        47.5,
        51.8,
    ]


def test_the_cut_row_and_its_rest_are_reported(cut_out: Path) -> None:
    issues = rows_of(cut_out, "issues", CUT_NAME)
    unread = issues[issues.code == "unparsed_block"].set_index("line").message
    assert "is cut mid-phrase" in unread[15]
    assert unread[20].startswith(
        f"{CUT_NAME}:20: row not read: it prints the rest of the name "
        "'Committed Crime Over Time (Variation)"
    )
    rolling = rows_of(cut_out, "rolling_12_months", CUT_NAME)
    assert not rolling.indicator.str.startswith("Committed Crime").any()
