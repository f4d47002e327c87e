"""Throughput and peak memory of `reportx extract` on text exports.

    .venv/bin/python bench/bench_text.py [--copies N] [--jobs J] [--form F]

Copies the text samples (`--form tab`: samples/*.txt; `layout` or `plain`: the
pdftotext forms in samples/text/) N times into a scratch folder (each copy made distinct
so it is a document of its own), runs the whole extraction (reading,
recognising, normalising, the panel, Parquet) and prints files/s, lines/s, MB/s
and the peak resident memory of this process and its workers.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from extract.run import extract

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _peak_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--form", choices=("tab", "layout", "plain"), default="tab")
    args = parser.parse_args()
    sources = (
        sorted(SAMPLES.glob("*.txt"))
        if args.form == "tab"
        else sorted(
            p
            for p in (SAMPLES / "text").glob(f"*-{args.form}.txt")
            # The ruled PDFs' texts only, not `-browser-layout.txt`.
            if not p.name.endswith("-browser-layout.txt")
        )
    )
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "in"
        inputs.mkdir()
        n_bytes = n_lines = 0
        for k in range(args.copies):
            for src in sources:
                data = src.read_bytes() + f"\n{k}\n".encode()
                (inputs / f"{k:04d}_{src.name}").write_bytes(data)
                n_bytes += len(data)
                n_lines += data.count(b"\n")
        started = time.perf_counter()
        result = extract([inputs], Path(tmp) / "out", jobs=args.jobs)
        seconds = time.perf_counter() - started
        shutil.rmtree(inputs)
    files = result.inputs
    print(
        f"{args.form} text extraction, {files} files ({n_lines} lines, "
        f"{n_bytes / 1e6:.1f} MB), --jobs {args.jobs}"
    )
    print(
        f"  {seconds:.2f} s  {files / seconds:.1f} files/s  {n_lines / seconds:,.0f} "
        f"lines/s  {n_bytes / 1e6 / seconds:.2f} MB/s"
    )
    print(
        f"  peak RSS {_peak_mib():.0f} MiB;  rows: "
        + ", ".join(f"{t} {n}" for t, n in result.counts.items() if n)
    )


if __name__ == "__main__":
    main()
