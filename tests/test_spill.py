"""A list kept on disk gives back what was put in, by position and in order;
the run's inputs kept in it, whatever their names."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
from hypothesis import given
from hypothesis import strategies as st

from extract.inputs import Hashed, Input, discover, hash_inputs
from extract.run import extract
from extract.spill import Spilled
from tests.conftest import SAMPLES

ITEMS = st.lists(st.tuples(st.text(), st.integers() | st.none()), max_size=30)


@given(ITEMS)
def test_items_come_back_by_position_and_in_order(
    items: list[tuple[str, int | None]],
) -> None:
    spilled = Spilled[tuple[str, int | None]](list, tuple)
    for item in items:
        spilled.append(item)
    assert len(spilled) == len(items)
    assert list(spilled) == items
    assert [spilled[i] for i in reversed(range(len(items)))] == items[::-1]
    spilled.close()


def test_an_item_looked_up_while_appending() -> None:
    spilled = Spilled[str](str, str)
    spilled.append("first")
    assert spilled[0] == "first"
    spilled.append("second")
    assert list(spilled) == ["first", "second"]


def test_the_inputs_of_a_folder_in_order_with_their_digests(tmp_path: Path) -> None:
    a, b = tmp_path / "b.txt", tmp_path / "a" / "c.txt"
    b.parent.mkdir()
    a.write_text("one report\n")
    b.write_text("one report\n")
    (tmp_path / "d.txt").write_text("another\n")
    found, refused = discover([tmp_path, SAMPLES / "003_23ba67851198ff7c.txt"])
    assert refused == []
    assert [i.source_path for i in found] == [
        "a/c.txt",
        "b.txt",
        "d.txt",
        "003_23ba67851198ff7c.txt",
    ]
    hashed, duplicates = hash_inputs(found)
    assert [h.item.source_path for h in hashed] == [
        "a/c.txt",
        "d.txt",
        "003_23ba67851198ff7c.txt",
    ]
    assert hashed[0] == Hashed(Input(b, "a/c.txt"), hashed[0].sha256)
    ((again, first, sha),) = [(d.item, d.first, d.sha256) for d in duplicates]
    assert (again.path, first.path, sha) == (a, b, hashed[0].sha256)


def test_a_file_name_that_is_no_utf8(tmp_path: Path) -> None:
    """Read by its own name; printed with U+FFFD for the byte that is no UTF-8."""
    name = b"caf\xe9.txt".decode("utf-8", "surrogateescape")
    sample = (SAMPLES / "003_23ba67851198ff7c.txt").read_bytes()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / name).write_bytes(sample)
    found, _ = discover([tmp_path / "in"])
    hashed, _ = hash_inputs(found)
    assert [h.item.path for h in hashed] == [tmp_path / "in" / name]
    assert hashed[0].item.source_path == "caf\ufffd.txt"
    result = extract([tmp_path / "in"], tmp_path / "out")
    assert (result.failed, result.counts["actions"]) == (0, 2)
    docs = pq.read_table(tmp_path / "out" / "documents.parquet").to_pylist()
    assert [(d["source_path"], d["status"]) for d in docs] == [("caf\ufffd.txt", "ok")]


def test_an_item_appended_while_iterating_is_met() -> None:
    spilled = Spilled[str](str, str)
    spilled.append("a")
    seen = []
    for item in spilled:
        seen.append(item)
        if item == "a":
            spilled.append("b")
    assert seen == ["a", "b"]
