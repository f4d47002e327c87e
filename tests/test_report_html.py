"""`reportx report`: one self-contained HTML page per output folder."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from bs4 import BeautifulSoup, Tag

from extract.cli import main
from extract.qa.report import build_report
from schemas.tables import FACT_TABLES
from tests.conftest import S000

REPORTS = [
    "000_af055924f554b2ff",
    "001_4e0ea328a26b8980",
    "002_c2fd677fd2d5bf7c",
    "003_23ba67851198ff7c",
    "004_d8bfd0ac3b4287f7",
]
PDF_FORM = "pdf/000_af055924f554b2ff-ruled.pdf"
PDF_ID = "feedfacefeedface"


def _page(folder: Path) -> BeautifulSoup:
    html, _, _, _ = build_report(folder)
    return BeautifulSoup(html, "html.parser")


@pytest.fixture(scope="module")
def page(run_dir: Path) -> BeautifulSoup:
    return _page(run_dir)


def _figure(page: BeautifulSoup, indicator_id: str, unit: str) -> Tag:
    found = page.find(
        "figure", attrs={"data-indicator": indicator_id, "data-unit": unit}
    )
    assert isinstance(found, Tag)
    return found


def _section(page: BeautifulSoup, report: str) -> Tag:
    found = page.find("section", id=f"report-{report}")
    assert isinstance(found, Tag)
    return found


def _rows(table: Tag) -> list[list[str]]:
    return [
        [td.get_text() for td in tr.find_all("td")] for tr in table.find_all("tr")[1:]
    ]


def test_self_contained(page: BeautifulSoup) -> None:
    text = str(page)
    assert not re.search(r"(?:https?:)?//[\w.-]+\.\w", text.replace("https://", "//"))
    assert page.find_all("script") == [] and page.find_all("link") == []
    assert page.find_all(src=True) == []


def test_one_section_per_report(page: BeautifulSoup) -> None:
    names = [s.find("h2").get_text() for s in page.find_all("section", class_="report")]
    assert names == REPORTS


def test_one_unit_per_chart(page: BeautifulSoup) -> None:
    figures = page.find_all("figure", class_="indicator")
    keys = [(f["data-indicator"], f["data-unit"]) for f in figures]
    assert len(keys) == len(set(keys)) >= 20
    for f in figures:
        assert {c["data-unit"] for c in f.find_all("circle")} == {f["data-unit"]}
    # samples/002 prints DHP awards as a count and as £: two charts, not one axis.
    assert {u for i, u in keys if i == "dhp-awards"} >= {"count", "gbp"}


def test_whole_year_values_apart_from_q4(page: BeautifulSoup) -> None:
    f = _figure(page, "asb-complaints-hub", "count")
    quarters = f.find("g", attrs={"data-panel": "quarters"})
    year = f.find("g", attrs={"data-panel": "whole-year"})
    assert {c["data-period"] for c in year.find_all("circle")} == {
        "2017/18 FY",
        "2018/19 FY",
    }
    assert all(not c["data-period"].endswith("FY") for c in quarters.find_all("circle"))
    assert [t.get_text() for t in year.find_all("text", class_="x-tick")] == [
        "2017/18",
        "2018/19",
    ]
    q4 = quarters.find("circle", attrs={"data-period": "2018/19 Q4"})
    fy = year.find("circle", attrs={"data-period": "2018/19 FY"})
    assert float(fy["cx"]) > float(quarters.find("rect")["x"]) + float(
        quarters.find("rect")["width"]
    )
    assert q4["cx"] != fy["cx"]
    for figure in page.find_all("figure", class_="indicator"):
        for panel in figure.find_all("g", attrs={"data-panel": "whole-year"}):
            assert "Q4" not in panel.get_text()


def test_a_missing_period_is_a_gap(page: BeautifulSoup) -> None:
    # samples/002 prints universal credit claimants for Q2 2018/19 as "n/a".
    f = _figure(page, "universal-credit-claimants", "count")
    quarters = f.find("g", attrs={"data-panel": "quarters"})
    lines = [p["data-periods"] for p in quarters.find_all("polyline")]
    assert lines == ["2018/19 Q3 2018/19 Q4"]
    assert [g["data-period"] for g in quarters.find_all("text", class_="gap")] == [
        "2018/19 Q2"
    ]
    assert {c["data-period"] for c in quarters.find_all("circle")} == {
        "2018/19 Q1",
        "2018/19 Q3",
        "2018/19 Q4",
    }


def test_axes_start_at_zero(page: BeautifulSoup) -> None:
    for f in page.find_all("figure", class_="indicator"):
        ticks = [t.get_text() for t in f.find_all("text", class_="y-tick")]
        assert ticks[0] == "0", f["id"]


def test_conflicting_sources_are_ringed(page: BeautifulSoup) -> None:
    f = _figure(page, "fly-tipping-incidents", "count")
    (ring,) = f.find_all("circle", class_="conflict")
    assert ring["data-period"] == "2017/18 FY"


def test_repairs_rows_show_raw_and_repaired_with_the_line(page: BeautifulSoup) -> None:
    rows = _rows(_section(page, REPORTS[0]).find("table", class_="repairs"))
    assert [
        S000,
        "12",
        "rolling_12_months.as_of_date",
        "197.04.18",
        "17.04.18",
        "date_extra_digit",
        "0.9",
    ] in rows


def test_issues_rows_present(page: BeautifulSoup, run_dir: Path) -> None:
    rows = _rows(_section(page, REPORTS[0]).find("table", class_="issues"))
    issues = [
        r
        for r in pq.read_table(run_dir / "issues.parquet").to_pylist()
        if r["doc_id"] == "6bd8a067f77e39c4"
    ]
    assert len(rows) == len(issues)
    assert [
        S000,
        "warning",
        "inconsistent_change",
        "12",
        "000_af055924f554b2ff.txt:12: Q3 Hate Crime Incidents Over Time (Variation) "
        "– Police data: change 33% is not 36.7% (90 -> 123)",
    ] in rows


@pytest.fixture(scope="module")
def two_forms(run_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The run plus a PDF form of samples/000 that reads Q2 hate crime as 117."""
    folder = tmp_path_factory.mktemp("forms") / "out"
    shutil.copytree(run_dir, folder)
    doc_id = "6bd8a067f77e39c4"
    for name in ("documents", *FACT_TABLES):
        data = pq.read_table(folder / f"{name}.parquet")
        rows = data.to_pylist()
        copies = []
        for r in (r for r in rows if r["doc_id"] == doc_id):
            c = {**r, "doc_id": PDF_ID}
            if "item_id" in c:
                c["item_id"] = c["item_id"].replace(doc_id, PDF_ID)
            if name == "documents":
                c.update(source_path=PDF_FORM, source_format="pdf", text_form=None)
            if (
                name == "rolling_12_months"
                and c["indicator_id"] == "hate-crime-incidents"
            ):
                if c["quarter"] == "Q2":
                    c["last_12_months"] = 117
            copies.append(c)
        pq.write_table(
            pa.Table.from_pylist(rows + copies, schema=data.schema),
            folder / f"{name}.parquet",
        )
    return folder


def test_a_reports_forms_share_one_section(two_forms: Path) -> None:
    page = _page(two_forms)
    assert [
        s.find("h2").get_text() for s in page.find_all("section", class_="report")
    ] == REPORTS
    section = _section(page, REPORTS[0])
    assert section["data-forms"] == "2"
    forms = _rows(section.find("table", class_="forms"))
    assert [(r[0], r[3]) for r in forms] == [(S000, "reference"), (PDF_FORM, "1")]
    table = section.find("table", class_="disagreements")
    assert table["data-source-path"] == PDF_FORM
    assert _rows(table) == [
        [
            "rolling_12_months",
            "differs",
            "indicator_id=hate-crime-incidents, financial_year=2017/18, quarter=Q2",
            "last_12_months",
            "116",
            "117",
        ]
    ]


def test_printed_text_is_escaped(run_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    shutil.copytree(run_dir, folder)
    data = pq.read_table(folder / "documents.parquet")
    rows = [{**r, "title": "<script>alert(1)</script> & co"} for r in data.to_pylist()]
    pq.write_table(
        pa.Table.from_pylist(rows, schema=data.schema), folder / "documents.parquet"
    )
    html, _, _, _ = build_report(folder)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html


def test_cli_writes_the_page(
    run_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.html"
    assert main(["report", str(run_dir), "--html", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    got = capsys.readouterr()
    assert got.out.startswith(f"wrote {out}: 5 reports in 5 documents, ")
    assert "report: drawing charts" in got.err
    assert main(["report", str(tmp_path), "--html", str(out)]) == 2


def test_cli_creates_a_missing_folder(
    run_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "nodir" / "sub" / "r.html"
    assert main(["report", str(run_dir), "--html", str(out)]) == 0
    assert out.is_file()
    assert f"(created {tmp_path / 'nodir'}/)" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args, message",
    [
        (["{missing}", "--html", "{tmp}/r.html"], "{missing}: no such folder"),
        (["{run}", "--html", "{tmp}"], "{tmp} is a folder; give a file name"),
    ],
)
def test_cli_bad_paths_exit_2_without_a_traceback(
    run_dir: Path,
    tmp_path: Path,
    args: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    names = {"run": run_dir, "tmp": tmp_path, "missing": tmp_path / "missing"}
    assert main(["report", *(a.format(**names) for a in args)]) == 2
    err = capsys.readouterr().err
    assert f"reportx report: {message.format(**names)}" in err
    assert "Traceback" not in err


def test_cli_without_the_qa_extra_says_how_to_install_it(
    run_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setitem(sys.modules, "jinja2", None)
    assert main(["report", str(run_dir), "--html", str(tmp_path / "r.html")]) == 2
    assert "pip install 'reportx[qa]'" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()
