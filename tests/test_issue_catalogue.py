"""One issue catalogue: every code written is catalogued, with its severity."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from extract.records import IssueRow
from schemas.issues import BY_CODE, SEVERITIES
from tests.conftest import ROOT, SHARED

CODE_LITERAL = re.compile(r'IssueRow\.of\(\s*"([a-z_]+)"')


def test_a_code_takes_its_catalogued_severity() -> None:
    issue = IssueRow.of("unparsed_block", "d", "x.txt:3: …", line=3)
    assert (issue.severity, issue.code, issue.line, issue.page) == (
        "warning",
        "unparsed_block",
        3,
        None,
    )
    assert IssueRow.of("no_facts", "d", "m", severity="warning").severity == "warning"


def test_an_uncatalogued_code_or_severity_is_refused() -> None:
    with pytest.raises(KeyError):
        IssueRow.of("made_up_code", "d", "m")
    with pytest.raises(ValueError):
        IssueRow.of("no_facts", "d", "m", severity="fatal")


def test_every_code_in_the_source_is_catalogued() -> None:
    codes = {
        m[1]
        for path in (ROOT / "extract").rglob("*.py")
        for m in CODE_LITERAL.finditer(path.read_text(encoding="utf-8"))
    }
    assert codes and codes <= set(BY_CODE), codes - set(BY_CODE)


def test_every_catalogued_severity_is_known() -> None:
    assert {t.severity for t in BY_CODE.values()} <= set(SEVERITIES)


def test_the_samples_issues_are_catalogued(run_dir: Path) -> None:
    issues = pd.read_parquet(run_dir / "issues.parquet")
    assert set(issues.code) <= set(BY_CODE)


@pytest.mark.skipif(not (SHARED / "CONTRACT.md").exists(), reason="contract beside")
def test_the_contracts_codes_are_catalogued() -> None:
    text = (SHARED / "CONTRACT.md").read_text(encoding="utf-8")
    section = text.split("### issues")[1].split("###")[0]
    named = set(re.findall(r"`([a-z]+(?:_[a-z]+)+)`", section)) - {"doc_id"}
    assert named <= set(BY_CODE), named - set(BY_CODE)
