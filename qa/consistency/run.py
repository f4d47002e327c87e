"""Self-consistency fuzz: reportx's reading of the text forms of PDFs against
its reading of the original TAB text of the same report.

    python -m qa.consistency.run --n 60 --work /tmp/cfuzz      # or: make consistency
    python -m qa.consistency.summary /tmp/cfuzz/runs/LABEL     # the summary again

1. WORK/corpus/: N reports vKKK_SSS made from SOURCE/samples/*.txt by
   bench_archive.variant(text, k), k = 1 + i // 5, about two thirds of them
   with 2-6 cell edits (corpus.perturb: an indicator name with a word more or
   less, a figure 123 <-> 12,345, a note swapped for a shorter or longer one;
   the edits are listed in corpus/manifest.json), and 5 baseline reports
   v000_SSS (the samples as they are). Each gets its ruled PDF (as
   samples/pdf/build.py prints it, the running header and footer naming the
   council the variant chose), and that PDF's `pdftotext -enc UTF-8 -layout`
   and plain texts; every --variant-every'th report and the baselines also get
   the geometry variants of samples/pdf/build_variants.py (portrait,
   figures-right, header-repeat) as PDF and as layout text. The corpus is
   reused while its parameters stay the same.
2. WORK/runs/LABEL/out/<form>/: one `python -m extract.cli extract DIR --out
   OUT --no-cache --jobs J --quiet` per form, cwd=TREE, PYTHONPATH=TREE (the
   run stops unless `extract` is imported from TREE). LABEL is TREE's folder
   name and commit, with -dirty when it has uncommitted changes.
3. WORK/runs/LABEL/diffs.jsonl and stats.json: every difference of a form's
   tables from the TAB text's reading of the same report (compare.py).

Rows are paired by natural keys (indicator_id, else the indicator name;
actions by kind and title; action_updates by the action's kind and title and
the quarter; provenance columns dropped), duplicates by best agreement; rows
left over are paired by the identity column (a similar name, or identical
figures: the same figures under another indicator) and by one period, quarter
or measure column with identical figures (a value read into another column).

Reading the summary (summary.py): a line per form, counting only the fuzzed
reports (the baselines are counted on the line under it):
  WRONG-fig    paired rows where a figure or key field differs (value, unit,
               period, counts, ratings, dates, indicator_id)
  WRONG-txt    paired rows where only free text differs (names, notes, themes,
               plans, progress)
  SURPLUS      rows only the form gives
  MISS-flag / MISS-silent
               rows only the TAB text gives, with or without a warning or error
               issue of the form between the matched rows around them
  DOC          documents rows with a metadata figure field differing
X/Y reads all/silent: silent differences are those no warning or error issue
covers in the form, the ones an analyst would not be told of. Then come the
counts per table, the fields that differ most, and examples, each with the
form's lines; "also on baseline sample" marks a kind of difference the
unedited samples show too.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from qa.consistency import compare, corpus, summary

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_VARIANTS = ["portrait", "figures-right", "header-repeat"]


def label_of(tree: Path) -> str:
    """TREE's folder name, short commit and -dirty if it has changes."""
    try:
        sha = subprocess.run(
            ["git", "-C", str(tree), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(tree), "status", "--porcelain"],
            capture_output=True,
            text=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return tree.name
    return f"{tree.name}-{sha}{'-dirty' if dirty else ''}"


def run_extract(py: str, tree: Path, src: Path, out: Path, jobs: int) -> dict:
    """`extract.cli extract` of one form's folder with TREE's code."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    cmd = [
        py,
        "-m",
        "extract.cli",
        "extract",
        str(src),
        "--out",
        str(out),
        "--no-cache",
        "--jobs",
        str(jobs),
        "--quiet",
    ]
    t0 = time.time()
    p = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True)
    info = {
        "cmd": " ".join(cmd),
        "rc": p.returncode,
        "seconds": round(time.time() - t0, 1),
        "stderr": p.stderr[-2000:],
    }
    print(f"  rc={p.returncode} {info['seconds']}s  {' '.join(cmd)}", flush=True)
    if p.returncode not in (0, 1):
        print(p.stderr[-2000:], file=sys.stderr)
    return info


def check_tree(py: str, tree: Path, label: str) -> None:
    """Stop unless `py` imports `extract` from TREE."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    where = subprocess.run(
        [py, "-c", "import extract; print(extract.__file__)"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    ).stdout.strip()
    print(f"tree {tree} (label {label}); extract imported from {where}")
    if not where.startswith(str(tree)):
        raise SystemExit(f"extract is imported from {where}, not from {tree}")


def compare_run(
    run: Path, forms: dict[str, str], chosen: list[str], runs: dict
) -> tuple[list[dict], dict]:
    """The differences of every chosen form from the TAB reference, and stats."""
    ref = compare.load(run / "out" / "tab")
    all_diffs: list[dict] = []
    stats: dict = {}
    for form in chosen:
        if form == "tab":
            continue
        got = compare.load(run / "out" / form.replace(":", "-"))
        expected = {
            m[0]
            for f in Path(forms[form]).iterdir()
            if (m := compare.RID.search(f.name))
        }
        diffs, st = compare.compare_form(form, ref, got, expected)
        st["rc"] = runs.get(form, {}).get("rc")
        st["text_dir"] = forms[form]
        stats[form] = st
        all_diffs += diffs
    # The reference's own health.
    rdocs = ref["_docs"]
    stats["_tab"] = {
        "docs": len(rdocs),
        "status": rdocs.status.value_counts().to_dict(),
        "rows": {t: int(len(ref[t])) for t in compare.TABLES},
    }
    return all_diffs, stats


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--tree",
        type=Path,
        default=ROOT,
        help="checkout whose code runs the extraction (default: this one)",
    )
    ap.add_argument(
        "--source",
        type=Path,
        default=ROOT,
        help="checkout whose samples/bench/builders make the corpus "
        "(default: this one)",
    )
    ap.add_argument(
        "--python",
        default=None,
        help="interpreter for the CLI (default TREE/.venv/bin/python, "
        "else this interpreter)",
    )
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "cfuzz")
    ap.add_argument(
        "--variants",
        default=",".join(DEFAULT_VARIANTS),
        help="build_variants names, comma-separated ('' for none)",
    )
    ap.add_argument(
        "--variant-every", type=int, default=3, help="variants for every Nth report"
    )
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument(
        "--no-baseline",
        action="store_true",
        help="leave out the unedited samples (rid v000_SSS)",
    )
    ap.add_argument("--label", default=None, help="run folder name (default tree-sha)")
    ap.add_argument("--forms", default=None, help="only these forms (comma-separated)")
    ap.add_argument(
        "--skip-extract",
        action="store_true",
        help="compare existing outputs of this label again",
    )
    ap.add_argument("--examples", type=int, default=40)
    return ap.parse_args()


def main() -> None:
    args = parse_args()
    tree = args.tree.resolve()
    work = args.work.resolve()
    venv_py = tree / ".venv/bin/python"
    py = args.python or (str(venv_py) if venv_py.exists() else sys.executable)
    variants = [v for v in args.variants.split(",") if v]
    man = corpus.build_corpus(
        work,
        args.source.resolve(),
        args.n,
        variants,
        args.variant_every,
        baseline=not args.no_baseline,
    )
    forms = man["forms"]
    label = args.label or label_of(tree)
    run = work / "runs" / label
    run.mkdir(parents=True, exist_ok=True)
    check_tree(py, tree, label)

    chosen = (
        list(forms)
        if not args.forms
        else ["tab"] + [f for f in args.forms.split(",") if f != "tab"]
    )
    runs = {}
    if not args.skip_extract:
        for form in chosen:
            print(f"extract {form}:", flush=True)
            out = run / "out" / form.replace(":", "-")
            runs[form] = run_extract(py, tree, Path(forms[form]), out, args.jobs)
        (run / "runs.json").write_text(json.dumps(runs, indent=1))
    else:
        runs = json.loads((run / "runs.json").read_text())

    all_diffs, stats = compare_run(run, forms, chosen, runs)
    stats["_corpus"] = {
        "n": args.n,
        "variants": variants,
        "label": label,
        "tree": str(tree),
        "work": str(work),
    }
    with open(run / "diffs.jsonl", "w") as f:
        for d in all_diffs:
            f.write(json.dumps(d, default=str) + "\n")
    (run / "stats.json").write_text(json.dumps(stats, indent=1, default=str))
    print(f"wrote {run / 'diffs.jsonl'} ({len(all_diffs)} differences)\n")
    summary.print_summary(run, args.examples)


if __name__ == "__main__":
    main()
