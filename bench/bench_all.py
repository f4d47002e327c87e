"""Every figure of issue 15 in one run: text throughput, its floor, PDF pages/s,
start-up time and peak memory.

    .venv/bin/python bench/bench_all.py [--reports N] [--repeat R]
    .venv-compiled/bin/python bench/bench_all.py …   (the compiled build)

Builds an archive of N distinct reports (bench_archive.build_archive: the text
samples varied, default 2,000), then prints
  - reports/s and MB/s of `reportx extract` at --jobs 1 and --jobs 2 (each a
    fresh process, cache off), with the peak RSS of its largest process;
  - the floor: reading, decoding, splitting into lines and one regex pass over
    the same files, in this process, and our share of it (floor time / ours);
  - PDF pages/s over samples/pdf, ours (whole extraction, cache off) against
    pypdfium2's text extraction alone (bench_pdf.py, each in its own process);
  - start-up: wall time of `reportx --help` and of `reportx extract` on one
    small file (best of R runs each, fresh processes).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_archive import build_archive

ROOT = Path(__file__).resolve().parent.parent


def _program() -> list[str]:
    """The build this interpreter runs: the interpreted one as `-m
    extract.cli` from the project's root (this tree's sources), the compiled
    one (.venv-compiled, `make bench-compiled`) as its own `reportx`, which
    imports the compiled modules installed beside it."""
    spec = importlib.util.find_spec("extract.layout.text_rows")
    if spec is not None and spec.origin is not None and spec.origin.endswith(".py"):
        return [sys.executable, "-m", "extract.cli"]
    return [str(Path(sys.executable).with_name("reportx"))]


REPORTX = _program()
SMALL = ROOT / "samples" / "003_23ba67851198ff7c.txt"
# The one regex of the floor: a figure such as "5,673" or "15.0".
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def run(args: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak MiB of the largest process, exit status of a command."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    return (
        time.perf_counter() - started,
        usage.ru_maxrss / 1024,
        os.waitstatus_to_exitcode(status),
    )


def floor(archive: Path) -> float:
    """Seconds to read, decode, split and match one regex over every file."""
    started = time.perf_counter()
    found = 0
    for path in sorted(archive.rglob("*.txt")):
        for line in path.read_bytes().decode("utf-8").splitlines():
            found += len(NUMBER.findall(line))
    seconds = time.perf_counter() - started
    if not found:
        raise SystemExit("the floor found no number: not the archive expected")
    return seconds


def pdf_pages_per_s(method: str, repeat: int) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_pdf.py"), "--method", method]
        + ["--repeat", str(repeat)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


def best_of(repeat: int, args: list[str]) -> float:
    return min(run(args)[0] for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-all-") as tmp:
        archive = Path(tmp) / "archive"
        size = build_archive(archive, args.reports)
        mb = size / 1e6
        print(f"{args.reports} synthetic reports, {mb:.1f} MB, {os.cpu_count()} CPUs")
        took: dict[int, float] = {}
        for jobs in (1, 2):
            out = Path(tmp) / f"out-{jobs}"
            seconds, peak, code = run(
                [*REPORTX, "extract", str(archive), "--out", str(out), "--quiet"]
                + ["--no-cache", "--jobs", str(jobs)]
            )
            took[jobs] = seconds
            print(
                f"  --jobs {jobs}: {seconds:6.1f} s  {args.reports / seconds:6.1f} "
                f"reports/s  {mb / seconds:.3f} MB/s  peak RSS {peak:.0f} MiB "
                f"(exit {code})"
            )
        print(f"  --jobs 2 speed-up: {took[1] / took[2]:.2f}x")
        base = floor(archive)
        print(
            f"  floor (read+decode+split+one regex): {base:.2f} s, "
            f"{args.reports / base:,.0f} reports/s; ours at one job is "
            f"{100 * base / took[1]:.1f}% of it"
        )
    ours = pdf_pages_per_s("reportx", args.repeat)
    bare = pdf_pages_per_s("pypdfium2", args.repeat)
    print(
        f"PDF, {ours['pages']:.0f} pages of samples/pdf: reportx "
        f"{ours['pages_per_s']:.1f} pages/s (peak {ours['peak_mib']:.0f} MiB), "
        f"pypdfium2 text alone {bare['pages_per_s']:.1f} pages/s; ours is "
        f"{100 * ours['pages_per_s'] / bare['pages_per_s']:.1f}% of it"
    )
    with tempfile.TemporaryDirectory(prefix="bench-start-") as tmp:
        help_s = best_of(args.repeat, [*REPORTX, "--help"])
        one = [*REPORTX, "extract", str(SMALL), "--out", tmp, "--quiet", "--no-cache"]
        one_s = best_of(args.repeat, one)
    print(
        f"start-up: reportx --help {help_s:.2f} s; extract of one small file "
        f"{one_s:.2f} s (best of {args.repeat})"
    )


if __name__ == "__main__":
    main()
