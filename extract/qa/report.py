"""`reportx report`: one self-contained HTML page of an output folder for QA.

One section per report (its text export and PDFs together, with where they
disagree), then one chart per indicator and unit (`chart.py`), drawn as inline
SVG. The page is rendered by jinja2 templates with autoescaping and loads
nothing from elsewhere. jinja2 comes with the `qa` extra.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.qa.forms import SHOWN_PER_FORM, Report, reports
from extract.qa.tables_io import NotAnOutputFolder, Row, load_rows, table_format
from extract.qa.trends import charts
from schemas.tables import FACT_TABLES, TABLES

__all__ = ["CannotWrite", "MissingExtra", "NotAnOutputFolder", "write_report"]

INSTALL_HINT = "pip install 'reportx[qa]'"
Progress = Callable[[str], None]


class MissingExtra(Exception):
    """A command needs a package of an extra that is not installed."""


class CannotWrite(Exception):
    """The HTML file cannot be written where it was asked for."""


@dataclass(frozen=True, slots=True)
class Written:
    path: Path
    n_reports: int
    n_documents: int
    n_charts: int
    created_folder: Path | None

    def summary(self) -> str:
        made = f" (created {self.created_folder}/)" if self.created_folder else ""
        return (
            f"wrote {self.path}{made}: {self.n_reports} reports in "
            f"{self.n_documents} documents, {self.n_charts} indicator charts"
        )


def _quiet(message: str) -> None:
    return None


def _environment() -> Any:
    try:
        import jinja2
    except ImportError as exc:
        raise MissingExtra(
            f"the HTML report needs jinja2, which comes with the qa extra: "
            f"{INSTALL_HINT}"
        ) from exc
    return jinja2.Environment(
        loader=jinja2.PackageLoader("extract.qa", "templates"),
        # Report text is printed text from councils' files: always escaped.
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def _per_doc(tables: dict[str, list[Row]], name: str) -> dict[object, list[Row]]:
    out: dict[object, list[Row]] = {}
    for r in tables[name]:
        out.setdefault(r.get("doc_id"), []).append(r)
    return out


def _of_report(
    grouped: list[Report], rows: dict[object, list[Row]]
) -> dict[str, list[Row]]:
    """Each report's rows of a per-document table, by line, with the form's path."""
    return {
        r.name: sorted(
            (
                {**row, "source_path": f.source_path}
                for f in r.forms
                for row in rows.get(f.doc.get("doc_id"), [])
            ),
            key=lambda x: (
                x["source_path"] != r.reference.source_path,
                str(x["source_path"]),
                int(x.get("line") or 0),
                str(x.get("message") or x.get("raw")),
            ),
        )
        for r in grouped
    }


def build_report(
    out: str | Path, progress: Progress = _quiet
) -> tuple[str, int, int, int]:
    """The page of an output folder, with its numbers of reports, documents, charts."""
    env = _environment()
    folder = Path(out)
    fmt = table_format(folder)
    progress(f"reading {len(TABLES)} tables of {folder}")
    tables = {t.name: load_rows(folder, t, fmt)[1] for t in TABLES}
    progress(f"comparing the forms of {len(tables['documents'])} documents")
    grouped: list[Report] = reports(tables)
    progress(f"drawing charts of {len(tables['observations'])} observations")
    drawn, single = charts(tables)
    progress("writing the page")
    per_doc = {t: _per_doc(tables, t) for t in (*FACT_TABLES, "issues", "repairs")}
    page = env.get_template("report.html.j2").render(
        folder=str(folder),
        reports=grouped,
        charts=drawn,
        single=single,
        per_doc=per_doc,
        issues_of=_of_report(grouped, per_doc["issues"]),
        repairs_of=_of_report(grouped, per_doc["repairs"]),
        fact_tables=FACT_TABLES,
        counts={t.name: len(tables[t.name]) for t in TABLES},
        n_documents=len(tables["documents"]),
        shown_per_form=SHOWN_PER_FORM,
        run_issues=[r for r in tables["issues"] if r.get("doc_id") is None],
    )
    return page, len(grouped), len(tables["documents"]), len(drawn)


def _folder_for(path: Path) -> Path | None:
    """Create the file's folder if it is missing; the folder created, if any."""
    missing = next((p for p in reversed(path.parents) if not p.exists()), None)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CannotWrite(
            f"cannot create folder {path.parent}: {exc.strerror}"
        ) from exc
    return missing


def write_report(
    out: str | Path, html_path: str | Path, progress: Progress = _quiet
) -> Written:
    """Write the report of output folder `out` to `html_path`."""
    path = Path(html_path)
    if path.is_dir():
        raise CannotWrite(f"{path} is a folder; give a file name such as {path}/r.html")
    page, n_reports, n_docs, n_charts = build_report(out, progress)
    created = _folder_for(path)
    try:
        path.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise CannotWrite(f"cannot write {path}: {exc.strerror}") from exc
    return Written(path, n_reports, n_docs, n_charts, created)


def progress_line(message: str) -> None:
    """One line on stderr, rewritten in place on a terminal."""
    if sys.stderr.isatty():
        print(f"\r\x1b[Kreport: {message}", end="", file=sys.stderr, flush=True)
    else:
        print(f"report: {message}", file=sys.stderr, flush=True)
