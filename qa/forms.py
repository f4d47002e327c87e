"""Gold scores of every text form poppler writes of the sample PDFs, file by file.

    python -m qa.forms [--work .forms] [--gold ../shared/gold]    # or: make forms

For each samples/pdf/*.pdf, `pdftotext -enc UTF-8` writes three texts into
WORK/texts/: `<stem>-L.txt` with -layout (columns set with spaces),
`<stem>-P.txt` without flags (cells in reading order) and `<stem>-R.txt` with
-raw (content-stream order). One `reportx extract` reads them into WORK/out/;
the gold scorer then scores each file against its sample's gold
(`--pair-by-stem`), one document at a time, and prints the lowest first, then
all of them together. Samples/text/ holds a few of these forms; the others
are the forms a new exporter or a new print is likely to bring, so a change
that helps one sample's text and harms another's shows here. Needs
poppler-utils (`pdftotext`) and the shared gold and scorer.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
PDFS = ROOT / "samples" / "pdf"
SHARED = ROOT.parent / "shared"
FORMS = {"L": ["-layout"], "P": [], "R": ["-raw"]}


def texts(work: Path) -> Path:
    """Every form of every sample PDF under WORK/texts/."""
    if shutil.which("pdftotext") is None:
        sys.exit("qa.forms needs pdftotext: apt-get install poppler-utils")
    out = work / "texts"
    out.mkdir(parents=True, exist_ok=True)
    for pdf in sorted(PDFS.glob("*.pdf")):
        for form, flags in FORMS.items():
            target = out / f"{pdf.stem}-{form}.txt"
            subprocess.run(
                ["pdftotext", "-enc", "UTF-8", *flags, str(pdf), str(target)],
                check=True,
            )
    return out


def score(gold: Path, out: Path) -> dict[str, object]:
    """The scorer's JSON for one output folder."""
    done = subprocess.run(
        [
            sys.executable,
            str(SHARED / "tools" / "score.py"),
            "--gold",
            str(gold),
            "--out",
            str(out),
            "--pair-by-stem",
            "--json",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def per_file(gold: Path, out: Path) -> list[tuple[str, str]]:
    """(summary line, file name) of each document of the run `out`."""
    docs = pq.read_table(out / "documents.parquet").to_pylist()
    tables = sorted(out.glob("*.parquet"))
    found = []
    for doc in docs:
        with tempfile.TemporaryDirectory() as tmp:
            for path in tables:
                table = pq.read_table(path)
                if "doc_id" in table.column_names:
                    table = table.filter(pc.equal(table["doc_id"], doc["doc_id"]))
                pq.write_table(table, Path(tmp) / path.name)
            line = str(score(gold, Path(tmp)).get("summary_line", ""))
        found.append((line, Path(str(doc["source_path"])).name))
    return sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=ROOT / ".forms")
    parser.add_argument("--gold", type=Path, default=SHARED / "gold")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    source = texts(args.work)
    out = args.work / "out"
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "extract.cli",
            "extract",
            str(source),
            "--out",
            str(out),
            "--no-cache",
            "--quiet",
            "--jobs",
            str(args.jobs),
        ],
        check=False,
        cwd=ROOT,
    )
    for line, name in per_file(args.gold, out):
        print(f"{line}  {name}")
    print(f"all {len(FORMS) * len(list(PDFS.glob('*.pdf')))} forms:")
    print(score(args.gold, out).get("summary_line", ""))


if __name__ == "__main__":
    main()
