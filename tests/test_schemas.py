"""`schemas/` is the single source of truth: records and the contract agree with it."""

from __future__ import annotations

import dataclasses
import re

import pytest

from extract.records import RECORD_CLASSES, RepairRow
from schemas.tables import BY_NAME, TABLES
from tests.conftest import SHARED

CONTRACT = SHARED / "CONTRACT.md"


@pytest.mark.parametrize("cls", RECORD_CLASSES, ids=lambda c: c.__name__)
def test_record_fields_are_the_schema_columns(cls: type) -> None:
    names = [f.name for f in dataclasses.fields(cls)]
    if cls is RepairRow:
        names = ["table" if n == "target" else n for n in names]
    assert names == list(BY_NAME[cls.table].columns)


def test_every_table_has_a_key_of_its_own_columns() -> None:
    for t in TABLES:
        assert set(t.key) <= set(t.columns), t.name


@pytest.mark.skipif(not CONTRACT.exists(), reason="the contract lives beside the repo")
def test_contract_keys_match() -> None:
    text = CONTRACT.read_text(encoding="utf-8")
    for t in TABLES:
        section = text.split(f"### {t.name}")[1].split("###")[0]
        m = re.search(r"Key: `([^`]+)`", section)
        if m:
            assert tuple(k.strip() for k in m[1].split(",")) == t.key, t.name
