"""Peak memory and run time of `reportx extract` over a synthetic archive.

    .venv/bin/python bench/bench_archive.py [--sizes 200 2000] [--jobs J]

Builds an archive of N distinct reports by varying the text samples (council
names, figures, years and dates change from one report to the next, so every
file is a document of its own with its own observations), then runs
`reportx extract` on it three times, each in a fresh process: a first run, an
unchanged re-run, and a re-run after one file changed (the rest from the
cache). Prints the wall time of each and the peak resident memory of
the largest process of the run (the parent or any worker).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PLACES = (
    "Cannock Chase",
    "Lichfield Vale",
    "Tamworth Heath",
    "Rugeley Fields",
    "Hednesford Moor",
    "Brereton Wold",
    "Norton Canes",
    "Heath Hayes",
    "Chadsmoor Common",
    "Etching Hill",
)
# A financial year ("2017/18", "2017-18"), a dd.mm.yy date or a bare year.
YEARISH = re.compile(
    r"\b20(?P<a>\d\d)(?P<sep>[/.\-])(?P<b>\d\d)\b"
    r"|\b(?P<dd>\d\d)\.(?P<mm>\d\d)\.(?P<yy>\d\d)\b"
    r"|\b20(?P<year>\d\d)\b"
)
FIGURE = re.compile(r"\b\d{1,3}(?:,\d{3})+\b")


def _shift_years(text: str, shift: int) -> str:
    def repl(m: re.Match[str]) -> str:
        if m["a"]:
            return f"20{int(m['a']) + shift:02d}{m['sep']}{int(m['b']) + shift:02d}"
        if m["dd"]:
            return f"{m['dd']}.{m['mm']}.{int(m['yy']) + shift:02d}"
        return f"20{int(m['year']) + shift:02d}"

    return YEARISH.sub(repl, text)


def variant(text: str, k: int) -> str:
    """Report number k of the archive: another council, other figures and years."""
    text = text.replace("Cannock Chase", PLACES[k % len(PLACES)])
    text = _shift_years(text, -((k // len(PLACES)) % 4))
    return FIGURE.sub(lambda m: f"{int(m[0].replace(',', '')) + k:,}", text)


def build_archive(dest: Path, n: int) -> int:
    """N distinct reports under `dest`; returns their total size in bytes."""
    sources = sorted(SAMPLES.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    seen: set[bytes] = set()
    size = 0
    for k in range(n):
        text = variant(texts[k % len(texts)], k // len(texts))
        # Digests, not texts: a child process started from this one reports this
        # one's memory at the fork as its own peak.
        digest = hashlib.sha256(text.encode()).digest()
        if digest in seen:
            # A sample with few figures: a reference line keeps the file distinct.
            text += f"\nReference {k}\n"
        seen.add(digest)
        folder = dest / f"{k // 500:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        (folder / f"{k:05d}_{sources[k % len(sources)].name}").write_bytes(data)
        size += len(data)
    return size


def measure(args: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak MiB of the largest process, exit status of one run."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "extract.cli", *args], stdout=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--keep", type=Path, help="build the archives here and keep them"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        for n in args.sizes:
            archive, out = root / f"archive-{n}", root / f"out-{n}"
            size = build_archive(archive, n)
            run = ["extract", str(archive), "--out", str(out), "--quiet"]
            run += ["--jobs", str(args.jobs)]
            first = measure(run)
            cached = measure(run)
            one = next(archive.rglob("*.txt"))
            one.write_bytes(one.read_bytes() + b"\nCorrected.\n")
            changed = measure(run)
            print(
                f"{n:>6} reports ({size / 1e6:.1f} MB), --jobs {args.jobs}: "
                f"first run {first[0]:.1f} s, peak {first[1]:.0f} MiB; "
                f"unchanged re-run {cached[0]:.2f} s, peak {cached[1]:.0f} MiB; "
                f"one file changed {changed[0]:.2f} s, peak {changed[1]:.0f} MiB "
                f"(exit {first[2]}, {cached[2]}, {changed[2]})"
            )


if __name__ == "__main__":
    main()
