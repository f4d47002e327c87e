"""Where a run's time goes at each --jobs: the serial parts and the parallel one.

    .venv/bin/python bench/bench_jobs.py [--reports N] [--jobs 1 2]

Builds an archive of N distinct reports (bench_archive.build_archive, default
2,000) and extracts it once per --jobs value, each in a fresh process set up
as `reportx extract` sets itself up, cache off. Prints for each: the seconds
before the first document is parsed (imports, discovering and hashing the
inputs), the seconds the documents take to parse (the workers' part), the
seconds after the last one (reducing the entries into tables, the manifest,
the publish), the CPU seconds of the parent while the workers parse and the
CPU seconds of the workers. Then the speed-up of each --jobs over the first,
and what it would be were the serial parts free.
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_archive import build_archive

ROOT = Path(__file__).resolve().parent.parent


class Clock:
    """An observer of the run: when parsing starts and when each document is
    done, with the parent's CPU seconds then."""

    def __init__(self) -> None:
        self.started = self.last = 0.0
        self.cpu_started = self.cpu_last = 0.0

    def start(self, total: int) -> None:
        self.started = self.last = time.perf_counter()
        self.cpu_started = self.cpu_last = _cpu(resource.RUSAGE_SELF)

    def done(self, summary: object) -> None:
        self.last = time.perf_counter()
        self.cpu_last = _cpu(resource.RUSAGE_SELF)


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def child(archive: str, out: str, jobs: int) -> None:
    """One run in this process, set up as the program sets itself up; its
    figures as JSON on stdout."""
    began = time.perf_counter()
    from extract.engines import arrow_without_numpy, arrow_without_pandas

    gc.disable()
    arrow_without_numpy()
    arrow_without_pandas()
    from extract.run import extract

    gc.freeze()
    gc.enable()
    clock = Clock()
    extract([archive], out, jobs=jobs, use_cache=False, observer=clock)
    ended = time.perf_counter()
    # The workers end on their own once the run is done: their CPU time is
    # counted once their exit is collected.
    for worker in multiprocessing.active_children():
        worker.join()
    figures = {
        "before": clock.started - began,
        "parse": clock.last - clock.started,
        "after": ended - clock.last,
        "total": ended - began,
        "parent_cpu_parsing": clock.cpu_last - clock.cpu_started,
        "workers_cpu": _cpu(resource.RUSAGE_CHILDREN),
    }
    print(json.dumps(figures))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        archive, out, jobs = args.child
        child(archive, out, int(jobs))
        return
    with tempfile.TemporaryDirectory(prefix="bench-jobs-") as tmp:
        archive = Path(tmp) / "archive"
        build_archive(archive, args.reports)
        print(f"{args.reports} synthetic reports")
        runs = {}
        for jobs in args.jobs:
            out = Path(tmp) / f"out-{jobs}"
            done = subprocess.run(
                [sys.executable, __file__, "--child", str(archive), str(out)]
                + [str(jobs)],
                capture_output=True,
                text=True,
                cwd=ROOT,
                # This checkout's code, whichever one is installed.
                env={**os.environ, "PYTHONPATH": str(ROOT)},
                check=True,
            )
            f = runs[jobs] = json.loads(done.stdout)
            print(
                f"  --jobs {jobs}: {f['total']:6.1f} s = before {f['before']:.2f} + "
                f"parse {f['parse']:.1f} + after {f['after']:.2f}; parent CPU "
                f"while parsing {f['parent_cpu_parsing']:.2f} s, workers' CPU "
                f"{f['workers_cpu']:.1f} s"
            )
        first, one = args.jobs[0], runs[args.jobs[0]]
        for jobs in args.jobs[1:]:
            f = runs[jobs]
            print(
                f"  --jobs {jobs} over --jobs {first}: {one['total'] / f['total']:.2f}x"
                f"; parsing alone {one['parse'] / f['parse']:.2f}x"
            )


if __name__ == "__main__":
    main()
