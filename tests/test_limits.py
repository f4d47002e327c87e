"""Input limits: an input over one fails alone (`limit_exceeded`); the batch goes on."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pandas as pd
import pytest

from extract.cli import main
from extract.readers import LimitExceeded, Limits
from extract.readers.pdf_streams import check_streams
from extract.run import extract
from tests.fixtures.minimal_pdf import deflated, minimal_pdf, repeated, text_page

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "samples" / "000_af055924f554b2ff.txt"
MB = 1024 * 1024


def path_ops(n: int) -> bytes:
    return b"0.5 w\n" + b"10 10 m 200 200 l S\n" * n


def run_batch(tmp_path: Path, name: str, data: bytes, limits: Limits) -> Path:
    """Extract 000.txt and one more input under `limits`; the output folder."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD, folder / GOOD.name)
    (folder / name).write_bytes(data)
    out = tmp_path / "out"
    result = extract([folder], out, limits=limits, use_cache=False)
    assert result.failed == 1
    return out


def outcome(out: Path) -> tuple[dict[str, str], list[tuple[str, str]], int]:
    """Status by file, the (code, message) of each error, 000.txt's quarter blocks."""
    docs = pd.read_parquet(out / "documents.parquet")
    issues = pd.read_parquet(out / "issues.parquet")
    errors = issues[issues["severity"] == "error"]
    rolling = pd.read_parquet(out / "rolling_12_months.parquet")
    good = docs.loc[docs["source_path"] == GOOD.name, "doc_id"].item()
    return (
        dict(zip(docs["source_path"], docs["status"], strict=True)),
        list(zip(errors["code"], errors["message"], strict=True)),
        int((rolling["doc_id"] == good).sum()),
    )


CASES = [
    pytest.param(
        "big.txt",
        GOOD.read_bytes() * 2,
        Limits(max_file_mb=0.02),
        "refused by --max-file-mb (limit 0.02 MB): 0.0 MB (26,386 bytes)",
        id="file size",
    ),
    pytest.param(
        "long.pdf",
        minimal_pdf([text_page([f"Page {k}"]) for k in range(1, 4)]),
        Limits(max_pages=2),
        "refused by --max-pages (limit 2): 3 pages",
        id="pages",
    ),
    pytest.param(
        "long-line.txt",
        b"Title\n" + b"Fly tipping 425 " * 500 + b"\n",
        Limits(max_line_chars=2000),
        "refused by --max-line-chars (limit 2,000): line 2 has 8,000 characters",
        id="line length",
    ),
    pytest.param(
        "long-line.pdf",
        minimal_pdf([text_page(["Title", "x" * 2000])]),
        Limits(max_line_chars=1500),
        "refused by --max-line-chars (limit 1,500): page 1: line 1 has 2,006 "
        "characters",
        id="line length in a PDF",
    ),
    pytest.param(
        "inflates.pdf",
        minimal_pdf([], raw=[deflated(repeated(b" ", 3 * MB))]),
        Limits(max_stream_mb=1),
        "refused by --max-stream-mb (limit 1 MB): object 4 inflates past the "
        "limit from 3,072 bytes",
        id="stream",
    ),
    pytest.param(
        "drawing.pdf",
        minimal_pdf([path_ops(600)], deflate=True),
        Limits(max_page_objects=1000),
        "refused by --max-page-objects (limit 1,000): page 1: draws more than "
        "the limit",
        id="page objects",
    ),
]


@pytest.mark.parametrize("name, data, limits, message", CASES)
def test_limit_fails_the_input_alone(
    tmp_path: Path, name: str, data: bytes, limits: Limits, message: str
) -> None:
    status, errors, blocks = outcome(run_batch(tmp_path, name, data, limits))
    assert status == {GOOD.name: "ok", name: "failed"}
    assert errors == [("limit_exceeded", f"{name}: {message}")]
    assert blocks == 12


def test_within_the_limits_the_same_inputs_are_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "drawing.pdf").write_bytes(
        minimal_pdf([path_ops(600) + text_page(["Fly tipping 425"])], deflate=True)
    )
    (folder / "inflates.pdf").write_bytes(
        minimal_pdf([], raw=[deflated(repeated(b" ", 3 * MB))])
    )
    result = extract([folder], tmp_path / "out", use_cache=False)
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert dict(zip(docs["source_path"], docs["status"], strict=True)) == {
        "drawing.pdf": "ok",
        # Spaces alone: read, but no text on any page.
        "inflates.pdf": "failed",
    }
    issues = pd.read_parquet(tmp_path / "out" / "issues.parquet")
    assert "limit_exceeded" not in set(issues["code"])
    assert result.failed == 1


def test_limits_are_options(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "long.pdf").write_bytes(
        minimal_pdf([text_page([f"Page {k}"]) for k in range(1, 4)])
    )
    out = tmp_path / "out"
    assert main(["extract", str(folder), "--out", str(out), "--quiet"]) == 0
    args = ["extract", str(folder), "--out", str(out), "--quiet", "--max-pages", "2"]
    assert main(args) == 1
    issues = pd.read_parquet(out / "issues.parquet")
    assert list(issues["code"]) == ["limit_exceeded"]
    assert main([*args[:-1], "0"]) == 2


def test_a_limit_changes_the_cache_key(tmp_path: Path) -> None:
    """A document refused under a small limit is read again under the default."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "long.pdf").write_bytes(
        minimal_pdf([text_page([f"Page {k}"]) for k in range(1, 4)])
    )
    out = tmp_path / "out"
    assert extract([folder], out, limits=Limits(max_pages=2)).failed == 1
    assert extract([folder], out).failed == 0


@pytest.mark.parametrize(
    "stream, over",
    [
        (b"<< /Length %d /Filter /FlateDecode >>", True),
        (b"<< /Length %d /Filter [/FlateDecode] /DecodeParms << /K 1 >> >>", True),
        (b"<< /Length %d /Subtype /Image /Filter /FlateDecode >>", False),
        (b"<< /Length 9 0 R /Filter /FlateDecode >>", True),
    ],
)
def test_streams_are_measured_while_inflating(stream: bytes, over: bool) -> None:
    body = deflated(repeated(b"q Q\n", 2 * MB))
    head = stream % len(body) if b"%d" in stream else stream
    pdf = (
        b"%PDF-1.4\n4 0 obj\n" + head + b"\nstream\n" + body + b"\nendstream\nendobj\n"
        b"9 0 obj\n%d\nendobj\n" % len(body)
    )
    if over:
        with pytest.raises(LimitExceeded, match="object 4 inflates past the limit"):
            check_streams(pdf, MB)
    else:
        check_streams(pdf, MB)
    check_streams(pdf, 3 * MB)


def test_filter_chains_are_followed() -> None:
    body = zlib.compress(b" " * (2 * MB)).hex().encode() + b">"
    pdf = (
        b"%%PDF-1.4\n5 0 obj\n<< /Length %d /Filter [/AHx /Fl] >>\nstream\n" % len(body)
        + body
        + b"\nendstream\nendobj\n"
    )
    with pytest.raises(LimitExceeded, match="object 5"):
        check_streams(pdf, MB)
    check_streams(pdf, 2 * MB)


BOMB_RUN = """
import json, resource, sys, time
from pathlib import Path
from extract.run import extract
started = time.perf_counter()
result = extract([Path(sys.argv[1])], Path(sys.argv[2]), jobs=1, use_cache=False)
peak = max(
    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
)
print(json.dumps({"seconds": time.perf_counter() - started, "peak_kib": peak}))
"""


@pytest.mark.parametrize(
    "unit",
    [
        pytest.param(b" ", id="spaces"),
        pytest.param(b"10 10 m 200 200 l S\n", id="paths"),
    ],
)
def test_decompression_bomb_fails_alone(tmp_path: Path, unit: bytes) -> None:
    """200 MB of page content in a file of a few hundred KB: refused while
    inflating, under the default limits, in seconds and well under 1 GiB."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD, folder / GOOD.name)
    bomb = deflated(repeated(unit, 200 * MB))
    assert len(bomb) < MB
    (folder / "bomb.pdf").write_bytes(
        minimal_pdf([text_page(["Fly tipping 425"])], raw=[bomb])
    )
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-c", BOMB_RUN, str(folder), str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    measured = json.loads(done.stdout)
    assert measured["seconds"] < 30
    assert measured["peak_kib"] < 1024 * 1024
    status, errors, blocks = outcome(out)
    assert status == {GOOD.name: "ok", "bomb.pdf": "failed"}
    assert errors == [
        (
            "limit_exceeded",
            "bomb.pdf: refused by --max-stream-mb (limit 16 MB): object 6 inflates "
            f"past the limit from {len(bomb):,} bytes",
        )
    ]
    assert blocks == 12
