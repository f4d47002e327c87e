"""Differences in one consistency run that another run does not have.

    python -m qa.consistency.newdiffs OLD/diffs.jsonl NEW/diffs.jsonl

Two differences are the same when their form, file, table, class, key and
differing fields are. Prints how many are new and how many are gone, then each
new one with its fields (the TAB reading, then the form's).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def load(path: Path) -> dict[str, dict]:
    """The differences of one diffs.jsonl, by identity."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            k = json.dumps(
                [d["form"], d["file"], d["table"], d["cls"], d["key"], d.get("fields")],
                sort_keys=True,
                ensure_ascii=False,
            )
            out[k] = d
    return out


def new_and_gone(old: dict[str, dict], new: dict[str, dict]):
    """(differences only in `new`, differences only in `old`)."""
    return [new[k] for k in new if k not in old], [old[k] for k in old if k not in new]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old", type=Path, help="diffs.jsonl of the earlier run")
    ap.add_argument("new", type=Path, help="diffs.jsonl of the later run")
    args = ap.parse_args()
    new, gone = new_and_gone(load(args.old), load(args.new))
    print("new", len(new), "gone", len(gone))
    for d in new:
        key = json.dumps(d["key"], ensure_ascii=False)[:150]
        print("NEW", d["form"], d["file"], d["table"], d["cls"], key)
        for f in d.get("fields") or []:
            ref, got = str(f.get("ref"))[:100], str(f.get("got"))[:100]
            print("     ", f["field"], "ref=", ref, "| got=", got)


if __name__ == "__main__":
    main()
