"""Every encoding of one report gives the same rows; what was guessed or removed is
an `encoding` issue; binary files fail alone."""

from __future__ import annotations

import codecs
import random
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from extract.readers import UnreadableInput
from extract.readers.decode import decode, describe
from extract.run import extract
from tests.conftest import S000, SAMPLES

ORIGINAL = (SAMPLES / S000).read_bytes()
TEXT = ORIGINAL.decode("utf-8")
# Past the first 8 kB: the outcomes cell of line 50 ("Increased awareness and use
# of the Community Trigger."), where NULs used to reach `actions.outcomes`.
OUTCOME = b"Increased awareness and use"
assert ORIGINAL.find(OUTCOME) > 8192


def _with_nuls(data: bytes) -> bytes:
    """Three NULs inside words: one early, two after 8 kB."""
    at = data.find(OUTCOME)
    data = data[:at] + b"Incre\x00ased aware\x00ness" + data[at + 19 :]
    return data[:100] + b"\x00" + data[100:]


# file name, bytes, the `encoding` issue's message after "<file>: " (None: none)
VARIANTS: list[tuple[str, bytes, str | None]] = [
    ("utf-8.txt", ORIGINAL, None),
    ("utf-8-bom.txt", codecs.BOM_UTF8 + ORIGINAL, None),
    (
        "utf-16-le-bom.txt",
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        "not UTF-8, read as UTF-16 LE (BOM)",
    ),
    (
        "utf-16-be-bom.txt",
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        "not UTF-8, read as UTF-16 BE (BOM)",
    ),
    (
        "utf-16-le.txt",
        TEXT.encode("utf-16-le"),
        "not UTF-8, read as UTF-16 LE (no BOM, told by its NUL pattern)",
    ),
    (
        "utf-16-be.txt",
        TEXT.encode("utf-16-be"),
        "not UTF-8, read as UTF-16 BE (no BOM, told by its NUL pattern)",
    ),
    (
        "utf-32-le-bom.txt",
        codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
        "not UTF-8, read as UTF-32 LE (BOM)",
    ),
    (
        "utf-32-be-bom.txt",
        codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"),
        "not UTF-8, read as UTF-32 BE (BOM)",
    ),
    # samples/000 prints only "–" beyond ASCII, which Windows-1252 has (0x96).
    ("windows-1252.txt", TEXT.encode("cp1252"), "not UTF-8, read as Windows-1252"),
    ("nuls.txt", _with_nuls(ORIGINAL), "read as UTF-8 (3 NULs removed)"),
]
BINARIES = {
    "png.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "random.txt": random.Random(0).randbytes(4096),
}
# Tables with one document's facts; `indicators` and `observations` pool them.
PER_DOCUMENT = (
    "rolling_12_months",
    "indicator_values",
    "actions",
    "action_updates",
    "status_summary",
    "breakdowns",
    "repairs",
    "issues",
)
# Columns that hold the doc_id or the file name rather than what the report says.
IDENTITY = ("doc_id", "item_id", "source_path")

Tables = Callable[[str, str], pd.DataFrame]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    inputs = tmp_path_factory.mktemp("encodings")
    for name, data, _ in VARIANTS:
        (inputs / name).write_bytes(data)
    for name, data in BINARIES.items():
        (inputs / name).write_bytes(data)
    target = tmp_path_factory.mktemp("out")
    extract([inputs], target)
    return target


@pytest.fixture(scope="module")
def rows_of(out: Path) -> Tables:
    """rows_of(table, file) -> that file's rows, doc_id and file name taken out."""
    docs = pd.read_parquet(out / "documents.parquet")
    ids = dict(zip(docs.source_path, docs.doc_id, strict=True))

    def load(table: str, name: str) -> pd.DataFrame:
        df = pd.read_parquet(out / f"{table}.parquet")
        df = df[df.doc_id == ids[name]].reset_index(drop=True)
        if "message" in df.columns:
            df["message"] = df.message.str.replace(name, "<file>", regex=False)
        return df.drop(columns=[c for c in IDENTITY if c in df.columns])

    return load


def _facts(rows_of: Tables, table: str, name: str) -> pd.DataFrame:
    df = rows_of(table, name)
    if table == "issues":
        df = df[df.code != "encoding"].reset_index(drop=True)
    return df


@pytest.mark.parametrize("name", [v[0] for v in VARIANTS[1:]])
@pytest.mark.parametrize("table", ["documents", *PER_DOCUMENT])
def test_every_encoding_gives_the_same_rows(
    rows_of: Tables, table: str, name: str
) -> None:
    original = _facts(rows_of, table, "utf-8.txt")
    assert len(original) or table == "issues"
    pd.testing.assert_frame_equal(_facts(rows_of, table, name), original)


@pytest.mark.parametrize("name, message", [(v[0], v[2]) for v in VARIANTS])
def test_the_encoding_issue_names_what_was_used(
    rows_of: Tables, name: str, message: str | None
) -> None:
    issues = rows_of("issues", name)
    found = issues[issues.code == "encoding"]
    expected = [f"<file>: {message}"] if message else []
    assert list(found.message) == expected
    assert set(found.severity) <= {"info"}


def test_no_nul_reaches_a_table(out: Path) -> None:
    for table in ("documents", *PER_DOCUMENT):
        df = pd.read_parquet(out / f"{table}.parquet")
        for column in df.columns:
            printed = df[column].astype(str)
            assert not printed.str.contains("\x00", regex=False).any(), column


def test_removed_nuls_leave_the_outcome_whole(rows_of: Tables) -> None:
    actions = rows_of("actions", "nuls.txt")
    row = actions[actions.line_start == 50].iloc[0]
    assert row.outcomes == "Increased awareness and use of the Community Trigger."


@pytest.mark.parametrize("name", sorted(BINARIES))
def test_a_binary_file_fails_alone(out: Path, rows_of: Tables, name: str) -> None:
    docs = pd.read_parquet(out / "documents.parquet").set_index("source_path")
    assert docs.loc[name].status == "failed"
    issues = rows_of("issues", name)
    assert list(zip(issues.severity, issues.code, issues.message, strict=True)) == [
        ("error", "file_failed", "<file>: binary file (NUL bytes), not a text export")
    ]


@pytest.mark.parametrize(
    "data, text, label",
    [
        (b"a\tb\r\n", "a\tb\r\n", "utf-8"),
        (codecs.BOM_UTF8 + "\u2013".encode(), "\u2013", "utf-8"),
        (
            codecs.BOM_UTF16_LE + "a\u2013".encode("utf-16-le"),
            "a\u2013",
            "utf-16-le (BOM)",
        ),
        (
            "Change \u2013 15%".encode("utf-16-be"),
            "Change \u2013 15%",
            "utf-16-be (no BOM, told by its NUL pattern)",
        ),
        (
            codecs.BOM_UTF32_BE + "\u00a3".encode("utf-32-be"),
            "\u00a3",
            "utf-32-be (BOM)",
        ),
        # FF FE 00 00 opens UTF-32 LE; text that is no UTF-32 is UTF-16 LE whose
        # first character is a NUL, and the NUL goes.
        (
            codecs.BOM_UTF16_LE + "\x00Previous 12 months = 5,673".encode("utf-16-le"),
            "Previous 12 months = 5,673",
            "utf-16-le (BOM, 1 NUL removed)",
        ),
        (
            codecs.BOM_UTF16_LE + b"a\x00\x00\xd8",
            "a\ufffd",
            "utf-16-le (BOM, 1 undecodable sequence replaced)",
        ),
        (
            codecs.BOM_UTF8 + b"caf\xe9",
            "caf\ufffd",
            "utf-8 (1 undecodable sequence replaced)",
        ),
        (b"caf\xe9 \x96 \x81", "caf\u00e9 \u2013 \ufffd", "cp1252 (1 undefined byte)"),
        (b"x" * 100 + b"\x00" * 5, "x" * 100, "utf-8 (5 NULs removed)"),
        (b"x" * 100 + b"\x00\x1a\x00\x01\x02\x7f", None, "binary file (NUL bytes)"),
        (
            b"x" * 100 + b"\x1a\x01\x02\x03\x04\x7f",
            None,
            "binary file (control characters)",
        ),
    ],
)
def test_decode(data: bytes, text: str | None, label: str) -> None:
    if text is None:
        with pytest.raises(
            UnreadableInput, match=label.replace("(", r"\(").replace(")", r"\)")
        ):
            decode(data)
        return
    assert decode(data) == (text, label)


@pytest.mark.parametrize(
    "label, words",
    [
        ("utf-8", None),
        ("utf-8 (2 NULs removed)", "read as UTF-8 (2 NULs removed)"),
        ("cp1252", "not UTF-8, read as Windows-1252"),
        (
            "cp1252 (2 undefined bytes, 1 NUL removed)",
            "not UTF-8, read as Windows-1252 (2 undefined bytes, 1 NUL removed)",
        ),
        ("utf-16-le (BOM)", "not UTF-8, read as UTF-16 LE (BOM)"),
    ],
)
def test_describe(label: str, words: str | None) -> None:
    assert describe(label) == words
