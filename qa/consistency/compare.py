"""Compare one form's extracted tables with the TAB reference's, per report.

Each difference is a dict:
  form, rid, file, table, cls (WRONG/SURPLUS/MISSING), key (dict),
  fields: [{field, ref, got, kind: figure|text, how: diff|lost|added}]  (WRONG)
  ref_lines / form_lines: "p3:22-24" or "22-24"; flagged: the form's issues
  carry a warning/error over the row's lines (SURPLUS/WRONG) or over the
  region where the row should be (MISSING, judged from matched neighbours).
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd

from schemas.tables import DOCUMENTS

RID = re.compile(r"v\d{3}_\d{3}")
PROV = {"doc_id", "page", "line_start", "line_end", "item_id", "statement_id"}

# Value columns of free text: a report's words, read differently by each
# form. Every other value column is a figure (or a code, date or mark).
TEXT = frozenset(
    {
        "approach",
        "committee",
        "contact_officer",
        "indicator",
        "item_number",
        "key_project",
        "label",
        "note",
        "outcomes",
        "plan",
        "portfolio",
        "progress",
        "report_of",
        "report_track",
        "section",
        "sentence",
        "theme",
        "title",
    }
)
# table -> key columns (after derived columns), value columns, identity
# column for loose pairing.
# What a documents row says of how the run read the input, not what the report
# prints: not compared between forms.
NOT_READ = frozenset(
    {
        "doc_id",
        "source_path",
        "source_format",
        "n_lines",
        "n_pages",
        "coverage",
        "prose_coverage",
        "status",
        "parser_version",
        "text_form",
    }
)
SPECS: dict[str, dict] = {
    "indicator_values": dict(
        key=["_ind", "financial_year", "period", "measure", "unit"],
        values=[
            "value",
            "value_text",
            "comparator",
            "qualifier",
            "reported_as",
            "frequency",
            "note",
            "indicator",
            "theme",
            "plan",
        ],
        shift=["period", "measure"],
        ident="_ind",
    ),
    "rolling_12_months": dict(
        key=["_ind", "financial_year", "quarter"],
        values=[
            "as_of_date",
            "as_of_date_raw",
            "previous_12_months",
            "last_12_months",
            "change_pct",
            "change_abs",
            "direction",
            "note",
            "indicator",
            "theme",
            "plan",
        ],
        shift=["quarter"],
        ident="_ind",
    ),
    "breakdowns": dict(
        key=["_ind", "financial_year", "period", "dimension", "category"],
        values=["count", "approx", "value_text", "indicator", "plan"],
        shift=["period"],
        ident="_ind",
    ),
    "status_summary": dict(
        key=["_pt", "scope", "period", "category"],
        values=["count", "percent", "label", "plan", "theme"],
        shift=["period"],
        ident="_pt",
    ),
    "actions": dict(
        key=["kind", "_title"],
        values=["plan", "theme", "approach", "key_project", "outcomes", "progress"],
        ident="_title",
    ),
    "action_updates": dict(
        key=["kind", "_title", "quarter"],
        values=["rating_symbol", "rating", "progress"],
        shift=["quarter"],
        ident="_title",
    ),
    "statements": dict(
        key=["_subj", "unit", "financial_year", "period"],
        values=[
            "value",
            "measure",
            "change",
            "compared_with",
            "indicator_id",
            "section",
            "plan",
            "sentence",
        ],
        shift=["period"],
        ident="_subj",
    ),
    "documents": dict(
        key=[],
        values=[c for c in DOCUMENTS.columns if c not in NOT_READ],
        ident=None,
    ),
}
TABLES = list(SPECS)
BAD_SEVERITIES = {"warning", "error"}
ISSUE_RANGE = re.compile(r":(\d+)(?:-(\d+))?:")


def norm(v):
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, (list, tuple, np.ndarray)):
        return tuple(norm(x) for x in v)
    if isinstance(v, str):
        s = " ".join(v.split())
        return s or None
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return float(v)
    if isinstance(v, (float, np.floating)):
        return None if math.isnan(v) else round(float(v), 6)
    if isinstance(v, (dt.date, dt.datetime, pd.Timestamp)):
        return v.isoformat()[:10]
    return str(v)


def _low(s) -> str:
    return " ".join(str(s).lower().split()) if s is not None else ""


def load(out: Path) -> dict[str, pd.DataFrame]:
    """The tables of one output folder, each with a `rid` column."""
    docs = pd.read_parquet(out / "documents.parquet")
    docs["rid"] = docs.source_path.map(
        lambda p: (RID.search(Path(p).name) or [None])[0]
    )
    docs["file"] = docs.source_path.map(lambda p: Path(p).name)
    m = docs[["doc_id", "rid", "file"]]
    res = {"_docs": docs}
    for t in TABLES + ["issues"]:
        p = out / f"{t}.parquet"
        if t == "documents":
            res[t] = docs.copy()
            continue
        if not p.exists():
            res[t] = pd.DataFrame()
            continue
        d = pd.read_parquet(p)
        if t == "action_updates":
            acts = pd.read_parquet(out / "actions.parquet")[
                ["item_id", "kind", "title"]
            ]
            d = d.merge(acts, on="item_id", how="left")
        if "doc_id" in d.columns:
            d = d.merge(m, on="doc_id", how="left")
        res[t] = d
    return res


def _derive(t: str, d: pd.DataFrame) -> pd.DataFrame:
    d = d.copy()
    if "indicator_id" in d.columns and t in (
        "indicator_values",
        "rolling_12_months",
        "breakdowns",
    ):
        d["_ind"] = [
            i if isinstance(i, str) and i else "name:" + _low(n)
            for i, n in zip(d.indicator_id, d.indicator, strict=True)
        ]
    if t == "status_summary":
        d["_pt"] = [
            f"{_low(p)} | {_low(th)}" for p, th in zip(d.plan, d.theme, strict=True)
        ]
    if t in ("actions", "action_updates"):
        d["_title"] = d.title.map(_low)
    if t == "statements":
        d["_subj"] = d.subject.map(_low)
    return d


def _where(row) -> tuple[str, tuple]:
    page = row.get("page")
    page = (
        None
        if page is None or (isinstance(page, float) and math.isnan(page))
        else int(page)
    )
    ls, le = row.get("line_start"), row.get("line_end")
    ls = None if ls is None or pd.isna(ls) else int(ls)
    le = ls if le is None or pd.isna(le) else int(le)
    if ls is None:
        return "", (page or 0, -1, -1)
    s = f"{ls}-{le}" if le != ls else f"{ls}"
    return (f"p{page}:{s}" if page else s), (page or 0, ls, le)


def _issue_spans(iss: pd.DataFrame) -> list[tuple[int, int, int] | None]:
    """(page, first, last) line spans of the warning/error issues; None = whole doc."""
    spans = []
    for r in iss.itertuples():
        if r.severity not in BAD_SEVERITIES:
            continue
        page = 0 if pd.isna(r.page) else int(r.page)
        if pd.isna(r.line):
            spans.append(None)
            continue
        a = b = int(r.line)
        m = ISSUE_RANGE.search(str(r.message))
        if m and int(m[1]) == a and m[2]:
            b = int(m[2])
        spans.append((page, a, b))
    return spans


def _covered(spans, lo: tuple, hi: tuple) -> bool:
    for s in spans:
        if s is None:
            return True
        p, a, b = s
        if (p, b) >= lo[:2] and (p, a) <= hi[:2]:
            return True
    return False


def _score(a: dict, b: dict, cols: list[str]) -> int:
    return sum(a.get(c) == b.get(c) for c in cols)


def _records(d: pd.DataFrame, spec: dict) -> list[dict]:
    recs = []
    for _, row in d.iterrows():
        rec = {c: norm(row.get(c)) for c in spec["key"] + spec["values"]}
        if "indicator_id" in row:
            rec["_iid"] = norm(row.get("indicator_id"))
        rec["_where"], rec["_pos"] = _where(row)
        rec["_name"] = (
            norm(row.get("indicator"))
            or norm(row.get("title"))
            or norm(row.get("subject"))
            or rec.get("_pt")
        )
        recs.append(rec)
    return recs


def _sim(a, b) -> float:
    return difflib.SequenceMatcher(None, str(a or ""), str(b or "")).ratio()


class _Pairing:
    """Reference rows R and form rows G of one report's table, paired so far."""

    def __init__(self, R: list[dict], G: list[dict]) -> None:
        self.R, self.G = R, G
        self.pairs: list[tuple[dict, dict, bool | str]] = []
        self.used_r: set[int] = set()
        self.used_g: set[int] = set()

    def take(self, i: int, j: int, how: bool | str) -> bool:
        """Pair R[i] with G[j] unless either is paired already."""
        if i in self.used_r or j in self.used_g:
            return False
        self.used_r.add(i)
        self.used_g.add(j)
        self.pairs.append((self.R[i], self.G[j], how))
        return True


def _pair_by_key(p: _Pairing, key: list[str], vals: list[str]) -> None:
    """Rows with the same key, duplicates paired by best agreement."""
    byk_r: dict[tuple, list[int]] = defaultdict(list)
    byk_g: dict[tuple, list[int]] = defaultdict(list)
    for i, r in enumerate(p.R):
        byk_r[tuple(r[c] for c in key)].append(i)
    for i, g in enumerate(p.G):
        byk_g[tuple(g[c] for c in key)].append(i)
    for k, ris in byk_r.items():
        gis = byk_g.get(k, [])
        cand = sorted(
            ((_score(p.R[i], p.G[j], vals), i, j) for i in ris for j in gis),
            key=lambda x: -x[0],
        )
        for _, i, j in cand:
            p.take(i, j, False)


def _pair_by_identity(p: _Pairing, spec: dict) -> None:
    """Rows with the same key but for the identity column, similar identity."""
    key, vals = spec["key"], spec["values"]
    loose = [c for c in key if c != spec["ident"]]
    figs = [c for c in vals if c not in TEXT]
    cand = []
    for i, r in enumerate(p.R):
        if i in p.used_r:
            continue
        for j, g in enumerate(p.G):
            if j in p.used_g or any(r[c] != g[c] for c in loose):
                continue
            s = _sim(_low(r["_name"]), _low(g["_name"]))
            same = any(r[c] is not None for c in figs) and all(
                r[c] == g[c] for c in figs
            )
            if s >= 0.6 or same:
                # The same figures under another identity: one fact
                # attributed to another indicator/title.
                cand.append((s + same + 0.01 * _score(r, g, vals), i, j))
    for _, i, j in sorted(cand, key=lambda x: -x[0]):
        p.take(i, j, True)


def _pair_by_shift(p: _Pairing, spec: dict, c: str) -> None:
    """The same figures under the same key but for column `c` (a period,
    quarter or measure): a value read into another column."""
    rest = [x for x in spec["key"] if x != c]
    figs = [x for x in spec["values"] if x not in TEXT]
    for i, r in enumerate(p.R):
        if i in p.used_r or not any(r[x] is not None for x in figs):
            continue
        for j, g in enumerate(p.G):
            if j in p.used_g or any(r[x] != g[x] for x in rest):
                continue
            if all(r[x] == g[x] for x in figs) and p.take(i, j, c):
                break


def compare_doc(table: str, ref: pd.DataFrame, got: pd.DataFrame):
    """(pairs, surplus, missing) for one report's rows of one table."""
    spec = SPECS[table]
    R = _records(_derive(table, ref), spec) if len(ref) else []
    G = _records(_derive(table, got), spec) if len(got) else []
    p = _Pairing(R, G)
    _pair_by_key(p, spec["key"], spec["values"])
    if spec["ident"]:
        _pair_by_identity(p, spec)
    for c in spec.get("shift", []):
        _pair_by_shift(p, spec, c)
    surplus = [g for j, g in enumerate(G) if j not in p.used_g]
    missing = [r for i, r in enumerate(R) if i not in p.used_r]
    return p.pairs, surplus, missing


def field_diffs(table: str, r: dict, g: dict, loose: bool | str) -> list[dict]:
    """The value fields where paired rows differ, each as figure or free text."""
    spec = SPECS[table]
    out = []
    cols = list(spec["values"])
    if loose is True:
        cols = [spec["ident"]] + cols
    elif loose:  # a shift column
        cols = [loose] + cols
    for c in cols:
        a, b = r.get(c), g.get(c)
        if a == b:
            continue
        if c in spec.get("shift", []):
            kind = "figure"
        elif c == spec["ident"]:
            ids = (r.get("_iid"), g.get("_iid"))
            kind = "figure" if any(ids) and ids[0] != ids[1] else "text"
        else:
            kind = "figure" if c not in TEXT else "text"
        how = "lost" if b is None else "added" if a is None else "diff"
        out.append({"field": c, "ref": a, "got": b, "kind": kind, "how": how})
    return out


def _missing(
    form: str, rid: str, file: str, t: str, a: dict, anchors: list, spans: list
) -> dict:
    """A MISSING row, flagged when an issue covers the form's lines between
    the matched rows around where it should be."""
    d = _d(form, rid, file, t, "MISSING", a, None, [], spans)
    lo, hi = (0, 0, 0), (10**9, 10**9, 10**9)
    for rp, gp in anchors:
        if rp[1] <= a["_pos"][1]:
            lo = max(lo, gp)
        if rp[1] >= a["_pos"][2] and gp < hi:
            hi = gp
    d["flagged"] = (
        _covered(spans, lo, hi) if a["_pos"][1] >= 0 else any(s is None for s in spans)
    )
    d["form_region"] = (
        f"{lo[0]}:{lo[1]}..{hi[0]}:{hi[2]}"
        if hi[0] < 10**9
        else f"{lo[0]}:{lo[1]}..end"
    )
    return d


def _compare_report(
    form: str, rid: str, file: str, ref: dict, got: dict, spans: list, stats: dict
) -> list[dict]:
    """Every difference of one report, over all tables."""
    diffs: list[dict] = []
    anchors = []  # (ref pos, form pos) of matched rows, for MISSING regions
    pending_missing = []
    for t in TABLES:
        R, G = ref[t], got[t]
        if not len(R) and not len(G):
            continue
        r = R[R.rid == rid] if len(R) else R
        g = G[G.rid == rid] if len(G) else G
        pairs, surplus, missing = compare_doc(t, r, g)
        stats["matched"] += len(pairs)
        for a, b, loose in pairs:
            if a["_pos"][1] >= 0 and b["_pos"][1] >= 0:
                anchors.append((a["_pos"], b["_pos"]))
            fd = field_diffs(t, a, b, loose)
            if fd:
                diffs.append(_d(form, rid, file, t, "WRONG", a, b, fd, spans))
        for b in surplus:
            diffs.append(_d(form, rid, file, t, "SURPLUS", None, b, [], spans))
        for a in missing:
            pending_missing.append((t, a))
    anchors.sort()
    for t, a in pending_missing:
        diffs.append(_missing(form, rid, file, t, a, anchors, spans))
    return diffs


def compare_form(
    form: str, ref: dict, got: dict, expected: set[str]
) -> tuple[list[dict], dict]:
    """All differences of one form (reports `expected`); plus per-report stats."""
    diffs: list[dict] = []
    rdocs, gdocs = ref["_docs"], got["_docs"]
    stats = {
        "docs": 0,
        "docs_missing": [],
        "failed": [],
        "text_forms": {},
        "sniffed_as": {},
        "matched": 0,
    }
    for rid in sorted(expected):
        grow = gdocs[gdocs.rid == rid]
        if rid not in set(rdocs.rid):
            continue
        if grow.empty:
            stats["docs_missing"].append(rid)
            continue
        stats["docs"] += 1
        g0 = grow.iloc[0]
        tf = str(g0.get("text_form")) if isinstance(g0.get("text_form"), str) else "pdf"
        stats["text_forms"][tf] = stats["text_forms"].get(tf, 0) + 1
        stats["sniffed_as"].setdefault(tf, []).append(rid)
        if g0.get("status") != "ok":
            stats["failed"].append(f"{rid}:{g0.get('status')}")
        iss = got["issues"]
        spans = _issue_spans(iss[iss.rid == rid]) if len(iss) else []
        diffs += _compare_report(form, rid, g0.file, ref, got, spans, stats)
    return diffs, stats


def _d(form, rid, file, table, cls, a, b, fields, spans) -> dict:
    spec = SPECS[table]
    src = a if a is not None else b
    d = {
        "form": form,
        "rid": rid,
        "file": file,
        "table": table,
        "cls": cls,
        "key": {c: src.get(c) for c in spec["key"]},
        "name": src.get("_name"),
        "fields": fields,
        "ref_lines": a["_where"] if a else None,
        "form_lines": b["_where"] if b else None,
        "row": None,
    }
    if cls == "SURPLUS":
        d["row"] = {c: b.get(c) for c in spec["values"] if b.get(c) is not None}
    if cls == "MISSING":
        d["row"] = {c: a.get(c) for c in spec["values"] if a.get(c) is not None}
    if b is not None:
        p = b["_pos"]
        d["flagged"] = p[1] >= 0 and _covered(spans, p, (p[0], p[2], p[2]))
    return d
