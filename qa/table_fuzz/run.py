"""Generated tables read by the pipeline and checked exactly, kind by kind.

    python -m qa.table_fuzz.run --examples 200                # or: make table-fuzz
    python -m qa.table_fuzz.run --kind status --seed 7 --avoid unknown-labels

For each kind (kpi, actions, status) and each of its forms, hypothesis draws
--examples documents from the kind's generator, reproducibly for a --seed, and
every one is read by `read_document` and `process_document` and checked (see
kpi.py, actions.py, status.py). A document fails when a record differs from
the generated truth for its key, or a true value not produced lies under no
issue. The summary prints a line per kind and form (examples run, failed),
then how many failing examples each cause label covers; an example can have
several. Every failing document is written to OUT/<kind>/<form>-<n>.txt, and
beside it <form>-<n>.verdict: its cause labels, the faults, the values
expected and the values produced. Read a document again with
`reportx inspect` (text form: plain for plain, raw and milestones, layout for
layout). --avoid leaves out the inputs of a known fault, to look past it. The
exit status is 0 whatever the harness finds: this is a report, not a gate.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings

from qa.table_fuzz import actions, kpi, status
from qa.table_fuzz.document import TableKind, Verdict

KINDS: dict[str, TableKind[Any]] = {
    k.name: k for k in (kpi.KIND, actions.KIND, status.KIND)
}


@dataclass
class Tally:
    """What one form's run found."""

    kind: str
    form: str
    ran: int = 0
    failed: int = 0
    seconds: float = 0.0
    causes: Counter[str] = field(default_factory=Counter)


def crashed(error: Exception) -> Verdict:
    """The verdict on a document the pipeline raised on."""
    where = traceback.extract_tb(error.__traceback__)[-1]
    label = f"exception {type(error).__name__}"
    fault = f"{label}: {error} ({where.filename}:{where.lineno})"
    return Verdict((fault,), (label,), (), ())


def write_failure(folder: Path, name: str, case: Any, verdict: Verdict) -> None:
    """The failing document and its verdict, side by side."""
    (folder / f"{name}.txt").write_text(case.text)
    parts = [
        f"form {case.form} (read with text_form={case.text_form!r})",
        "causes: " + "; ".join(verdict.causes),
        "",
        "faults:",
        *verdict.faults,
        "",
        "expected:",
        *verdict.expected,
        "",
        "produced:",
        *verdict.produced,
    ]
    (folder / f"{name}.verdict").write_text("\n".join(parts) + "\n")


def run_form(
    kind: TableKind[Any], form: str, args: argparse.Namespace, folder: Path
) -> Tally:
    """--examples documents of one kind and form, checked."""
    tally = Tally(kind.name, form)
    avoid = frozenset(args.avoid)

    @seed(args.seed)
    @settings(
        max_examples=args.examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(kind.cases(form, avoid))
    def one(case: Any) -> None:
        tally.ran += 1
        try:
            verdict = kind.check(case)
        except Exception as error:  # a crash of the pipeline is a finding
            verdict = crashed(error)
        if not verdict.faults:
            return
        tally.failed += 1
        tally.causes.update(verdict.causes)
        write_failure(folder, f"{form}-{tally.ran:04d}", case, verdict)

    t0 = time.perf_counter()
    one()
    tally.seconds = time.perf_counter() - t0
    return tally


def print_tally(tally: Tally) -> None:
    print(
        f"{tally.kind:8} {tally.form:11} {tally.ran:5d} examples {tally.failed:5d} "
        f"failed  ({tally.seconds:.0f}s)",
        flush=True,
    )
    for cause, n in tally.causes.most_common():
        print(f"{n:31d}  {cause}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    avoidable = {
        name: f"{kind.name}: {what}"
        for kind in KINDS.values()
        for name, what in kind.avoidable.items()
    }
    ap = argparse.ArgumentParser(
        description=(__doc__ or "").splitlines()[0],
        epilog="--avoid names: "
        + "; ".join(f"{n} ({what})" for n, what in avoidable.items()),
    )
    ap.add_argument("--kind", choices=[*KINDS, "all"], default="all")
    ap.add_argument("--examples", type=int, default=200, help="per kind and form")
    ap.add_argument("--seed", type=int, default=0, help="the same seed, the same run")
    ap.add_argument(
        "--out",
        type=Path,
        default=Path(".table_fuzz"),
        help="folder of the failing documents (default .table_fuzz)",
    )
    ap.add_argument(
        "--avoid",
        action="append",
        default=[],
        choices=sorted(avoidable),
        metavar="NAME",
        help="leave out the inputs of a known fault (repeatable; names below)",
    )
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    chosen = list(KINDS) if args.kind == "all" else [args.kind]
    print(
        f"{args.examples} examples per form, seed {args.seed}"
        + (f", avoiding {', '.join(args.avoid)}" if args.avoid else "")
    )
    tallies = []
    for name in chosen:
        kind = KINDS[name]
        folder = args.out / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for form in kind.forms:
            tallies.append(run_form(kind, form, args, folder))
            print_tally(tallies[-1])
    failed = sum(t.failed for t in tallies)
    ran = sum(t.ran for t in tallies)
    print(f"{failed} of {ran} examples failed; failing documents in {args.out}/")
    sys.exit(0)


if __name__ == "__main__":
    main()
