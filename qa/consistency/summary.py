"""Print the summary of one consistency run.

    python -m qa.consistency.summary WORK/runs/LABEL [--examples 40]
        [--form F] [--table T] [--cls WRONG,SURPLUS] [--all-text]

WRONG rows are split into WRONG-fig (a figure/key field differs: value, unit,
period attribution, counts, ratings, dates, indicator_id) and WRONG-txt (only
free text differs: names, notes, themes, plans, progress).  MISSING is split
into flagged (the form has a warning/error issue over the region) / silent.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path


def _is_fig(d: dict) -> bool:
    """Whether a figure or key field differs (else only free text)."""
    return any(f["kind"] == "figure" for f in d["fields"])


def _lines_of(text_dir: str, file: str, where: str | None, cap: int = 3) -> list[str]:
    """The first `cap` lines of the form's text at `where` ("22-24"), numbered."""
    if not where or where.startswith("p") or not file.endswith(".txt"):
        return []
    a, _, b = where.partition("-")
    a, b = int(a), int(b or a)
    try:
        lines = (Path(text_dir) / file).read_text(encoding="utf-8").split("\n")
    except OSError:
        return []
    out = [
        f"      {n:>5}| {lines[n - 1].rstrip()[:190]}"
        for n in range(a, min(b, a + cap - 1) + 1)
        if 0 < n <= len(lines)
    ]
    if b > a + cap - 1:
        out.append(f"      ...  (to line {b})")
    return out


def _short(v, n: int = 70) -> str:
    s = repr(v)
    return s if len(s) <= n else s[: n - 3] + "..."


def _key(d: dict) -> str:
    k = {c: v for c, v in d["key"].items() if v is not None}
    if d.get("name") and not any(str(v).endswith(_low(d["name"])) for v in k.values()):
        k["name"] = d["name"]
    return ", ".join(f"{c}={_short(v, 60)}" for c, v in k.items())


def _bsig(d: dict) -> tuple:
    """The kind of a difference, to tell one a baseline sample shows too."""
    key = tuple((c, v) for c, v in d["key"].items() if c not in ("financial_year",))
    return (
        d["form"],
        d["table"],
        d["cls"],
        d["rid"][-3:],
        tuple(sorted(f["field"] for f in d["fields"])),
        key if d["table"] != "documents" else (),
    )


def _low(s) -> str:
    return " ".join(str(s).lower().split())


def _kind(d: dict) -> str:
    """WRONG-fig, WRONG-txt, SURPLUS or MISSING."""
    if d["cls"] != "WRONG":
        return d["cls"]
    return "WRONG-fig" if _is_fig(d) else "WRONG-txt"


HEADER = (
    f"{'form':<22}{'docs':>5}{'fail':>5}{'matched':>8}{'WRONG-fig':>12}"
    f"{'WRONG-txt':>10}{'SURPLUS':>10}{'MISS-flag':>10}{'MISS-silent':>12}"
    f"{'DOC':>5}  sniffed"
)


def _print_form(f: str, st: dict, diffs: list[dict], base: list[dict]) -> None:
    """One form's line of counts, then its baseline counts and oddities."""
    # Document metadata (title, organisation, quarters...) apart: column DOC.
    dm = sum(1 for d in diffs if d["table"] == "documents" and _is_fig(d))
    ds = [d for d in diffs if d["table"] != "documents"]
    n = Counter(_kind(d) for d in ds)
    silent = Counter(_kind(d) for d in ds if not d.get("flagged"))
    wf, wfs = n["WRONG-fig"], silent["WRONG-fig"]
    su, sus = n["SURPLUS"], silent["SURPLUS"]
    mf, ms = n["MISSING"] - silent["MISSING"], silent["MISSING"]
    sniff = ",".join(f"{k}:{v}" for k, v in st["text_forms"].items())
    bs = Counter(_kind(d) for d in base if d["form"] == f)
    nb = sum(
        r.startswith("v000_") for v in st.get("sniffed_as", {}).values() for r in v
    )
    print(
        f"{f:<22}{st['docs'] - nb:>5}{len(st['failed']):>5}{st['matched']:>8}"
        f"{f'{wf}/{wfs}':>12}{n['WRONG-txt']:>10}{f'{su}/{sus}':>10}{mf:>10}"
        f"{ms:>12}{dm:>5}  {sniff} rc={st.get('rc')}"
    )
    if bs:
        print(
            f"    (baseline samples v000_*: WRONG-fig {bs['WRONG-fig']}, WRONG-txt "
            f"{bs['WRONG-txt']}, SURPLUS {bs['SURPLUS']}, MISSING {bs['MISSING']}; "
            "not in the counts above)"
        )
    if st["failed"] or st["docs_missing"]:
        print(f"    failed {st['failed'][:6]} not-in-output {st['docs_missing'][:6]}")
    want = f.split(":")[-1]
    odd = {k: v for k, v in st.get("sniffed_as", {}).items() if k != want}
    if odd:
        print(
            "    sniffed as "
            + "; ".join(
                f"{k}: {' '.join(v[:8])}{' ...' if len(v) > 8 else ''}"
                for k, v in odd.items()
            )
        )


def _print_tables(diffs: list[dict]) -> None:
    """Counts per table over all forms."""
    print(
        "per table (all forms): WRONG-fig / WRONG-txt / SURPLUS / MISSING; "
        "files with a WRONG-fig or SURPLUS"
    )
    tcount: dict[str, Counter] = defaultdict(Counter)
    tfiles: dict[str, set] = defaultdict(set)
    for d in diffs:
        k = _kind(d)
        tcount[d["table"]][k] += 1
        if k in ("WRONG-fig", "SURPLUS"):
            tfiles[d["table"]].add((d["form"], d["rid"]))
    for t, cn in tcount.items():
        print(
            f"  {t:<18} {cn['WRONG-fig']:>5} {cn['WRONG-txt']:>5} {cn['SURPLUS']:>5} "
            f"{cn['MISSING']:>5}   {len(tfiles[t])} form-files"
        )
    print()


def _print_fields(diffs: list[dict]) -> None:
    """The fields that differ most in WRONG rows."""
    fc: Counter = Counter()
    for d in diffs:
        if d["cls"] == "WRONG":
            for fd in d["fields"]:
                fc[(d["table"], fd["field"], fd["kind"], fd["how"])] += 1
    print("WRONG fields (table.field kind how: count):")
    print(
        "  "
        + "; ".join(f"{t}.{f} {k} {h}: {n}" for (t, f, k, h), n in fc.most_common(25))
    )
    print()


def _pick_examples(sel: list[dict], examples: int, text_too: bool) -> list[dict]:
    """Up to `examples` of `sel`, one of each kind of difference in turn, the
    most common kinds first and document metadata last."""

    def sig(d):
        fields = ",".join(
            sorted(
                fd["field"] for fd in d["fields"] if text_too or fd["kind"] == "figure"
            )
        )
        return (d["form"].split(":")[-1], d["table"], d["cls"], fields)

    groups = defaultdict(list)
    for d in sel:
        groups[sig(d)].append(d)
    order: list[dict] = []
    rnd = 0
    while len(order) < min(examples, len(sel)):
        added = False
        for g in sorted(groups, key=lambda s: (s[1] == "documents", -len(groups[s]))):
            if rnd < len(groups[g]):
                order.append(groups[g][rnd])
                added = True
                if len(order) >= examples:
                    break
        if not added:
            break
        rnd += 1
    return order


def _print_example(n: int, d: dict, text_dir: str, baseline: bool, text_too: bool):
    """One difference: where it is, its key, its fields or row, the form's lines."""
    flag = "flagged" if d.get("flagged") else "silent"
    if baseline:
        flag += ", also on baseline sample"
    print(
        f"[{n}] {d['cls']} {d['form']} {d['file']} {d['table']} ({flag}) "
        f"ref lines {d['ref_lines']} form lines {d['form_lines']}"
    )
    print(f"    key: {_key(d)}")
    if d["cls"] == "WRONG":
        for fd in d["fields"]:
            if text_too or fd["kind"] == "figure" or len(d["fields"]) <= 2:
                ref, got = _short(fd["ref"]), _short(fd["got"])
                print(f"    {fd['field']}: ref {ref}  form {got}")
    else:
        print(f"    row: {_short(d['row'], 200)}")
    for line in _lines_of(text_dir, d["file"], d["form_lines"]):
        print(line)


def print_summary(
    run: Path,
    examples: int = 40,
    form: str | None = None,
    table: str | None = None,
    classes: tuple[str, ...] = ("WRONG", "SURPLUS"),
    text_too: bool = False,
) -> None:
    """Counts per form and per table, the fields that differ most, and examples."""
    stats = json.loads((run / "stats.json").read_text())
    alld = [json.loads(x) for x in (run / "diffs.jsonl").read_text().splitlines() if x]
    # Baseline reports (the unedited samples, v000_*) are counted apart; an
    # example whose kind of difference they show too is marked "baseline".
    base = [d for d in alld if d["rid"].startswith("v000_")]
    diffs = [d for d in alld if not d["rid"].startswith("v000_")]
    base_sigs = {_bsig(d) for d in base}
    c = stats.pop("_corpus")
    tab = stats.pop("_tab")
    print(f"run {run}  (tree {c['tree']}, N={c['n']}, variants {c['variants']})")
    print(
        f"TAB reference: {tab['docs']} docs {tab['status']}; rows "
        + ", ".join(f"{t} {n}" for t, n in tab["rows"].items())
    )
    print()
    print(
        "counts exclude the baseline samples; X/Y = all/silent (no warning or error "
        "issue over the row's lines in the form); DOC = documents rows with a "
        "metadata figure field differing"
    )
    print(HEADER)
    print("-" * len(HEADER))
    by_form = defaultdict(list)
    for d in diffs:
        by_form[d["form"]].append(d)
    for f, st in stats.items():
        _print_form(f, st, by_form[f], base)
    print()
    _print_tables(diffs)
    _print_fields(diffs)

    # Examples: figure WRONG and SURPLUS first, diversified by signature.
    sel = [
        d
        for d in diffs
        if d["cls"] in classes
        and (form is None or d["form"] == form)
        and (table is None or d["table"] == table)
        and (text_too or d["cls"] != "WRONG" or _is_fig(d))
    ]
    order = _pick_examples(sel, examples, text_too)
    print(
        f"examples ({len(order)} of {len(sel)} {'/'.join(classes)}"
        f"{'' if text_too else ', figure fields only for WRONG'}):"
    )
    for n, d in enumerate(order, 1):
        text_dir = stats[d["form"]]["text_dir"]
        _print_example(n, d, text_dir, _bsig(d) in base_sigs, text_too)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("run", type=Path)
    ap.add_argument("--examples", type=int, default=40)
    ap.add_argument("--form")
    ap.add_argument("--table")
    ap.add_argument("--cls", default="WRONG,SURPLUS")
    ap.add_argument(
        "--all-text",
        action="store_true",
        help="include WRONG rows whose only differences are free text",
    )
    a = ap.parse_args()
    print_summary(
        a.run, a.examples, a.form, a.table, tuple(a.cls.split(",")), a.all_text
    )


if __name__ == "__main__":
    main()
