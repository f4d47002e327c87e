"""`reportx report`: one self-contained HTML page per output folder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from extract.cli import main
from extract.qa.report import build_report

DATA_PNG = "data:image/png;base64,"


@pytest.fixture(scope="module")
def page(run_dir: Path) -> BeautifulSoup:
    html, _, _ = build_report(run_dir)
    return BeautifulSoup(html, "html.parser")


def test_self_contained(page: BeautifulSoup) -> None:
    text = str(page)
    assert not re.search(r"(?:https?:)?//[\w.-]+\.\w", text.replace("https://", "//"))
    assert page.find_all("script") == [] and page.find_all("link") == []
    for tag in page.find_all(src=True):
        assert tag["src"].startswith(DATA_PNG)


def test_one_embedded_png_per_indicator_chart(page: BeautifulSoup) -> None:
    figures = page.find_all("figure")
    imgs = [f.find("img") for f in figures]
    assert len(figures) >= 3
    assert all(i is not None and i["src"].startswith(DATA_PNG) for i in imgs)
    ids = {f["id"] for f in figures}
    assert {
        "ind-asb-incidents",
        "ind-committed-crime",
        "ind-hate-crime-incidents",
    } <= ids


def test_repairs_rows_show_raw_and_repaired_with_the_line(page: BeautifulSoup) -> None:
    section = page.find("section", id="doc-6bd8a067f77e39c4")
    rows = [
        [td.get_text() for td in tr.find_all("td")]
        for tr in section.find("table", class_="repairs").find_all("tr")[1:]
    ]
    assert [
        "12",
        "rolling_12_months.as_of_date",
        "197.04.18",
        "17.04.18",
        "date_extra_digit",
        "0.9",
    ] in rows


def test_issues_rows_present(page: BeautifulSoup, run_dir: Path) -> None:
    import pyarrow.parquet as pq

    section = page.find("section", id="doc-6bd8a067f77e39c4")
    rows = [
        [td.get_text() for td in tr.find_all("td")]
        for tr in section.find("table", class_="issues").find_all("tr")[1:]
    ]
    issues = [
        r
        for r in pq.read_table(run_dir / "issues.parquet").to_pylist()
        if r["doc_id"] == "6bd8a067f77e39c4"
    ]
    assert len(rows) == len(issues)
    assert [
        "warning",
        "inconsistent_change",
        "12",
        "000_af055924f554b2ff.txt:12: Q3 Hate Crime Incidents Over Time (Variation) "
        "– Police data: change 33% is not 36.7% (90 -> 123)",
    ] in rows


def test_every_document_has_a_section(page: BeautifulSoup) -> None:
    names = [
        s.find("h2").get_text() for s in page.find_all("section", class_="document")
    ]
    assert names == [
        f"00{i}_{h}.txt"
        for i, h in enumerate(
            [
                "af055924f554b2ff",
                "4e0ea328a26b8980",
                "c2fd677fd2d5bf7c",
                "23ba67851198ff7c",
                "d8bfd0ac3b4287f7",
            ]
        )
    ]


def test_cli_writes_the_page(
    run_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.html"
    assert main(["report", str(run_dir), "--html", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert capsys.readouterr().out.startswith(f"wrote {out}: 5 documents, ")
    assert main(["report", str(tmp_path), "--html", str(out)]) == 2
