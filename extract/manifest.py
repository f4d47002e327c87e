"""A run's manifest: what each input gave, the options and the counts, written
one input at a time; and the result of a run read back from it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from extract.inputs import (
    Duplicate,
    Refused,
)
from extract.pipeline import PARSER_VERSION
from extract.publish import (
    Area,
)
from extract.reduce import EntryLog, Written
from extract.shards import Summary

MANIFEST = "manifest.json"
DATAPACKAGE = "datapackage.json"

# Beside the manifest in a run's folder, not published: what an unchanged
# re-run reports without reading every input's line of the manifest.
RESULT = "result.json"


@dataclass(frozen=True, slots=True)
class RunResult:
    """What a run did. Only its failures are held; every input's summary is
    read from the run's manifest when asked for (`files`)."""

    counts: dict[str, int]
    inputs: int = 0
    failures: tuple[Summary, ...] = ()
    parsed: int = 0
    cached: int = 0
    refused: tuple[Refused, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()
    manifest: Path | None = None
    cached_run: bool = False
    # Rows not written for breaking their table's schema (schema_violation).
    violations: int = 0

    @property
    def failed(self) -> int:
        return len(self.failures) + len(self.refused)

    @property
    def files(self) -> tuple[Summary, ...]:
        """Every input's summary, in input order, from the run's manifest."""
        if self.manifest is None:
            return ()
        content = json.loads(self.manifest.read_text(encoding="utf-8"))
        return tuple(
            Summary(
                str(i["source_path"]),
                i["sha256"],
                str(i["status"]),
                float(i["seconds"]),
                str(i.get("reason", "")),
                cached=self.cached_run or bool(i["cached"]),
            )
            for i in content["inputs"]
        )


def write_manifest(
    folder: Path,
    run_key: str,
    options: dict[str, object],
    entries: EntryLog,
    refused: Sequence[Refused],
    duplicates: Sequence[Duplicate],
    written: Written,
) -> None:
    """manifest.json, as `json.dumps(..., indent=2)` would write it, with the
    inputs written one at a time."""
    content: dict[str, object] = {
        "parser_version": PARSER_VERSION,
        "run_key": run_key,
        "options": options,
        "inputs": INPUTS_HERE,
        "duplicates": [
            {"source_path": d.item.source_path, "same_as": d.first.source_path}
            for d in duplicates
        ],
        "refused": [{"path": r.path, "reason": r.reason} for r in refused],
        "cache": {"parsed": entries.parsed, "cached": entries.cached},
        "row_counts": written.counts,
        "schema_violations": written.dropped,
    }
    head, tail = dumps(content).split(json.dumps(INPUTS_HERE))
    with (folder / MANIFEST).open("w", encoding="utf-8") as f:
        f.write(head)
        f.write("[" if len(entries) else "[]")
        for n, e in enumerate(entries):
            item = dumps(manifest_input(e.summary)).replace("\n", "\n    ")
            f.write(("," if n else "") + "\n    " + item)
        f.write("\n  ]" if len(entries) else "")
        f.write(tail + "\n")


# Where the inputs go in the manifest's text.
INPUTS_HERE = "\0inputs\0"


def dumps(content: object) -> str:
    return json.dumps(content, indent=2, ensure_ascii=False)


def manifest_input(s: Summary) -> dict[str, object]:
    row: dict[str, object] = {
        "source_path": s.source_path,
        "sha256": s.sha256,
        "status": s.status,
        "seconds": round(s.seconds, 4),
        "cached": s.cached,
    }
    return {**row, "reason": s.reason} if s.reason else row


def run_result(
    run: Path,
    run_key: str,
    entries: EntryLog,
    refused: Sequence[Refused],
    duplicates: Sequence[Duplicate],
    written: Written,
) -> RunResult:
    """The run's result, also written beside its manifest for a re-run."""
    result = RunResult(
        written.counts,
        inputs=len(entries),
        failures=tuple(entries.failures),
        parsed=entries.parsed,
        cached=entries.cached,
        refused=tuple(refused),
        duplicates=tuple(duplicates),
        manifest=run / MANIFEST,
        violations=written.dropped,
    )
    said = {
        "run_key": run_key,
        "inputs": result.inputs,
        "failures": [asdict(f) for f in result.failures],
        "parsed": result.parsed,
        "cached": result.cached,
        "row_counts": written.counts,
        "violations": result.violations,
    }
    (run / RESULT).write_text(json.dumps(said, ensure_ascii=False), encoding="utf-8")
    return result


def published_run(
    area: Area,
    run_key: str,
    names: Sequence[str],
    refused: Sequence[Refused],
    duplicates: Sequence[Duplicate],
) -> RunResult | None:
    """The live run's result, when it is of these very inputs and complete."""
    live = area.live()
    if live is None:
        return None
    try:
        said = json.loads((live / RESULT).read_text(encoding="utf-8"))
        failures = tuple(Summary(**{**f, "cached": True}) for f in said["failures"])
        inputs, counts = int(said["inputs"]), dict(said["row_counts"])
        violations = int(said["violations"])
    except (OSError, ValueError, TypeError, KeyError):
        return None
    # A run published before the data package was written is republished.
    whole = all((live / name).exists() for name in (*names, DATAPACKAGE))
    if not whole or said.get("run_key") != run_key:
        return None
    return RunResult(
        counts,
        inputs=inputs,
        failures=failures,
        parsed=0,
        cached=inputs,
        refused=tuple(refused),
        duplicates=tuple(duplicates),
        manifest=live / MANIFEST,
        cached_run=True,
        violations=violations,
    )
