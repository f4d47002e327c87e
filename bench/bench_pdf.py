"""Pages per second and peak memory of PDF extraction, ours beside its peers.

    .venv/bin/python bench/bench_pdf.py [PDF ...] [--repeat N]

On the same pages (default: samples/pdf/*.pdf) it times
  reportx     our full extraction: reading, recognisers, Parquet (run.extract)
  pdfplumber  bare pdfplumber page.extract_words()
  pypdfium2   bare pypdfium2 text extraction, the floor
  camelot     camelot's stream flavour, what a user would pick instead
                (benchmark-only: pip install -e ".[bench]")
Each runs in its own Python process, so its peak resident memory (ru_maxrss,
imports included) is its own; the time is the best of --repeat runs.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
METHODS = ("reportx", "pdfplumber", "pypdfium2", "camelot")


def count_pages(paths: Sequence[Path]) -> int:
    import pypdfium2 as pdfium

    total = 0
    for path in paths:
        pdf = pdfium.PdfDocument(path)
        total += len(pdf)
        pdf.close()
    return total


def runner(method: str, paths: Sequence[Path]) -> Callable[[], object]:
    """A function that extracts every page of `paths` the method's way."""
    if method == "reportx":
        from extract.run import extract

        out = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
        # Cache off: every repeat parses the pages again.
        return lambda: extract(list(paths), out, use_cache=False)
    if method == "pdfplumber":
        import pdfplumber

        def plumber() -> None:
            for path in paths:
                with pdfplumber.open(path) as pdf:
                    for page in pdf.pages:
                        page.extract_words()

        return plumber
    if method == "pypdfium2":
        import pypdfium2 as pdfium

        def pdfium_text() -> None:
            for path in paths:
                pdf = pdfium.PdfDocument(path)
                for i in range(len(pdf)):
                    pdf[i].get_textpage().get_text_range()
                pdf.close()

        return pdfium_text
    if method == "camelot":
        import camelot

        def stream() -> None:
            for path in paths:
                camelot.read_pdf(  # type: ignore[attr-defined]
                    str(path), flavor="stream", pages="all"
                )

        return stream
    raise SystemExit(f"unknown method {method!r}")


def measure(method: str, paths: Sequence[Path], repeat: int) -> dict[str, float]:
    """Run in this process: pages/s (best of `repeat`) and peak RSS in MiB."""
    warnings.simplefilter("ignore")
    run = runner(method, paths)
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    pages = count_pages(paths)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "pages": pages,
        "seconds": best,
        "pages_per_s": pages / best,
        "peak_mib": peak,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "pdfs",
        nargs="*",
        type=Path,
        default=sorted((ROOT / "samples" / "pdf").glob("*.pdf")),
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--method", choices=METHODS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.method:
        print(json.dumps(measure(args.method, args.pdfs, args.repeat)))
        return
    print(
        f"{len(args.pdfs)} PDFs, {count_pages(args.pdfs)} pages, best of {args.repeat}"
    )
    print(f"{'method':<12}{'pages/s':>10}{'seconds':>10}{'peak MiB':>10}")
    for method in METHODS:
        done = subprocess.run(
            [
                sys.executable,
                __file__,
                "--method",
                method,
                "--repeat",
                str(args.repeat),
                *map(str, args.pdfs),
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        if done.returncode:
            print(f"{method:<12}failed: {done.stderr.strip().splitlines()[-1]}")
            continue
        r = json.loads(done.stdout)
        print(
            f"{method:<12}{r['pages_per_s']:>10.1f}{r['seconds']:>10.2f}"
            f"{r['peak_mib']:>10.0f}"
        )


if __name__ == "__main__":
    main()
