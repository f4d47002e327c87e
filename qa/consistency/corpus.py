"""Build the fuzz corpus: TAB texts, their ruled PDFs, geometry variants and
pdftotext forms. Used by run.py; writes only under WORK/corpus/.

Layout of WORK/corpus/:
  tab/<rid>.txt                      the reference TAB text (rid = vKKK_SSS)
  pdf/<rid>-ruled.pdf                build.py's ruled PDF
  layout/<rid>-ruled-layout.txt      pdftotext -enc UTF-8 -layout
  plain/<rid>-ruled-plain.txt        pdftotext -enc UTF-8
  var-<name>/pdf/<rid>-<name>.pdf    build_variants.py geometry variant
  var-<name>/layout/<rid>-<name>-layout.txt
  manifest.json                      parameters + perturbations applied
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

LONG_NOTE = (
    "Work with partner agencies continues and the lead officer will provide a "
    "fuller update at the next meeting of the committee once the review of the "
    "service and its delivery arrangements has been completed"
)
SHORT_NOTES = ("On track.", "Ongoing.", "See commentary.")
EXTRA_WORDS = ("overall", "(District)", "in the District", "per year", "completed")
NUM_CELL = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d{1,4})$")
EQ_NUM = re.compile(r"(= )(\d{1,3}(?:,\d{3})*)\b")
WORDY = re.compile(r"^[A-Za-z(][A-Za-z0-9 ,.&'’()/–-]*$")


def _fmt(n: int) -> str:
    return f"{n:,}"


def _bigger_or_smaller(s: str, rng: random.Random) -> str:
    n = int(s.replace(",", ""))
    if n >= 1000:
        return str(n % 1000 or 7)  # 12,345 -> 345
    return _fmt(
        n * rng.choice((97, 131, 1013)) + rng.randint(1000, 9000)
    )  # 123 -> 12,345


def _candidates(lines: list[str]) -> list[tuple[str, int, int]]:
    """(edit, line index, cell index) of every tabbed cell an edit can change."""
    cands: list[tuple[str, int, int]] = []
    for i, line in enumerate(lines):
        if "\t" not in line:
            continue
        for j, cell in enumerate(line.split("\t")):
            c = cell.strip()
            if not c or "<" in c:
                continue
            words = c.split()
            if NUM_CELL.match(c):
                cands.append(("digits", i, j))
            elif EQ_NUM.search(c):
                cands.append(("eqnum", i, j))
            elif j == 0 and len(words) >= 2 and WORDY.match(c) and len(c) < 90:
                cands.append(("name+", i, j))
                if len(words) >= 4:
                    cands.append(("name-", i, j))
            elif j > 0 and len(words) >= 6 and not re.search(r"\d", c):
                cands.append(("note", i, j))
    return cands


def _edit(op: str, c: str, rng: random.Random) -> str:
    """Cell text `c` after edit `op`."""
    if op == "digits":
        return _bigger_or_smaller(c, rng)
    if op == "eqnum":
        ms = list(EQ_NUM.finditer(c))
        m = ms[rng.randrange(len(ms))]
        return c[: m.start(2)] + _bigger_or_smaller(m[2], rng) + c[m.end(2) :]
    if op == "name+":
        return f"{c} {rng.choice(EXTRA_WORDS)}"
    if op == "name-":
        return " ".join(c.split()[:-1])
    return rng.choice(SHORT_NOTES) if rng.random() < 0.5 else LONG_NOTE  # note


def perturb(text: str, rng: random.Random, n_ops: int) -> tuple[str, list[str]]:
    """Cell-level edits of tabbed lines that keep the report meaningful but
    change column widths. Returns the new text and a log of edits."""
    lines = text.split("\n")
    cands = _candidates(lines)
    log: list[str] = []
    if not cands:
        return text, log
    done: set[tuple[int, int]] = set()
    for op, i, j in rng.sample(cands, min(n_ops, len(cands))):
        if (i, j) in done:
            continue
        done.add((i, j))
        cells = lines[i].split("\t")
        c = cells[j].strip()
        new = _edit(op, c, rng)
        cells[j] = new
        lines[i] = "\t".join(cells)
        log.append(f"line {i + 1} cell {j} {op}: {c[:60]!r} -> {new[:60]!r}")
    return "\n".join(lines), log


def _import_builders(source: Path):
    sys.path.insert(0, str(source / "bench"))
    sys.path.insert(0, str(source / "samples" / "pdf"))
    sys.path.insert(0, str(source))
    import build  # type: ignore
    import build_variants  # type: ignore
    from bench_archive import PLACES, variant  # type: ignore
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    # As build.main() does (only the text font is needed for "ruled").
    if build.FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(build.FONT, str(build.FONT_FILE)))
    return variant, PLACES, build, build_variants


def pdftotext(pdf: Path, out: Path, layout: bool) -> None:
    cmd = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else [])
    subprocess.run(cmd + [str(pdf), str(out)], check=True)


def build_corpus(
    work: Path,
    source: Path,
    n: int,
    variants: list[str],
    variant_every: int,
    perturb_share: float = 2 / 3,
    seed: int = 14,
    baseline: bool = True,
) -> dict:
    corpus = work / "corpus"
    params = {
        "source": str(source),
        "n": n,
        "variants": variants,
        "variant_every": variant_every,
        "perturb_share": perturb_share,
        "seed": seed,
        "header": "council of the variant",
        "baseline": baseline,
    }
    mf = corpus / "manifest.json"
    if mf.exists():
        old = json.loads(mf.read_text())
        if old.get("params") == params:
            print(f"corpus: reusing {corpus} ({n} reports)")
            return old
        print(f"corpus: parameters changed, rebuilding {corpus}")
    if corpus.exists():
        shutil.rmtree(corpus)
    variant, places, build, build_variants = _import_builders(source)
    header, footer = build.HEADER, build.FOOTER
    unknown = [v for v in variants if v not in build_variants.VARIANTS]
    if unknown:
        raise SystemExit(
            f"unknown variants {unknown}; known: {sorted(build_variants.VARIANTS)}"
        )
    samples = sorted((source / "samples").glob("*.txt"))
    dirs = {d: corpus / d for d in ("tab", "pdf", "layout", "plain")}
    for v in variants:
        dirs[f"{v}:pdf"] = corpus / f"var-{v}" / "pdf"
        dirs[f"{v}:layout"] = corpus / f"var-{v}" / "layout"
    for d in dirs.values():
        d.mkdir(parents=True, exist_ok=True)
    reports = []
    seen: set[str] = set()
    # Baseline: the samples themselves (k=0, unedited, rid v000_SSS), to tell
    # differences the samples already show from those the fuzz finds.
    todo = [(-1 - s, s, 0) for s in range(len(samples))] if baseline else []
    todo += [(i, i % len(samples), 1 + i // len(samples)) for i in range(n)]
    for i, s, k in todo:
        rid = f"v{k:03d}_{s:03d}"
        text = samples[s].read_text(encoding="utf-8")
        text = variant(text, k) if k else text
        rng = random.Random(seed * 100003 + i)
        log: list[str] = []
        if k and rng.random() < perturb_share:
            text, log = perturb(text, rng, rng.randint(2, 6))
        if text in seen:
            text += f"\nReference {i}\n"
        seen.add(text)
        tab = dirs["tab"] / f"{rid}.txt"
        tab.write_text(text, encoding="utf-8")
        # The running header/footer name the council variant() chose (build.py
        # prints "Cannock Chase Council" on every page whatever the text says).
        place = places[k % len(places)]
        build.HEADER = header.replace("Cannock Chase", place)
        build.FOOTER = footer.replace("Cannock Chase", place)
        # As build.build(txt, out, turned=0) does for style "ruled".
        lines = build.split_lines(build.decode(tab.read_bytes())[0])
        pdf = build.print_pdf(lines, dirs["pdf"] / f"{rid}-ruled.pdf", "ruled")
        pdftotext(pdf, dirs["layout"] / f"{rid}-ruled-layout.txt", True)
        pdftotext(pdf, dirs["plain"] / f"{rid}-ruled-plain.txt", False)
        vs = []
        if variants and (i % variant_every == 0 or k == 0):
            for v in variants:
                vp = build_variants.build_variant(tab, dirs[f"{v}:pdf"], v)
                pdftotext(vp, dirs[f"{v}:layout"] / f"{rid}-{v}-layout.txt", True)
                vs.append(v)
        reports.append(
            {
                "rid": rid,
                "sample": samples[s].name,
                "k": k,
                "edits": log,
                "variants": vs,
            }
        )
        print(
            f"corpus: {rid} ({samples[s].name}, k={k}, {len(log)} edits"
            f"{', variants ' + ','.join(vs) if vs else ''})",
            flush=True,
        )
    man = {
        "params": params,
        "forms": {f: str(d) for f, d in dirs.items()},
        "reports": reports,
    }
    mf.write_text(json.dumps(man, indent=1))
    return man
