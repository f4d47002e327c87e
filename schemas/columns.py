"""What each column means and which values it allows: the data dictionary.

The words follow the data contract (CONTRACT.md). `schemas.datapackage` turns
them into `datapackage.json` and into each Parquet file's field metadata, and a
test checks that every column of every table is described here, so the
dictionary cannot drift from the schemas.
"""

from __future__ import annotations

from schemas.issues import ISSUE_TYPES, SEVERITIES
from schemas.tables import NO_UNIT

QUARTERS = ("Q1", "Q2", "Q3", "Q4")
PERIODS = (*QUARTERS, "FY")
VALUE_UNITS = ("count", "percent", "tonnes", "gbp", NO_UNIT)
MEASURES = ("actual", "target")
RATINGS = ("completed", "on_target", "attention", "amendment", "aborted")
CHANGES = ("increase", "reduction")

# Columns that mean the same in every table that has them.
_COMMON: dict[str, str] = {
    "doc_id": "Input file: the first 16 hex characters of the SHA-256 of its bytes.",
    "plan": "The plan or report heading the fact sits under.",
    "theme": "The strategic objective or theme heading, repaired.",
    "indicator": "The indicator's name as printed.",
    "indicator_id": "Stable slug of the indicator in the registry (indicators).",
    "financial_year": 'UK financial year (1 April-31 March) as "2017/18".',
    "page": "PDF page (1-based); null for text input.",
    "line_start": "First line of the input text the fact was read from (1-based).",
    "line_end": "Last line of the input text the fact was read from (1-based).",
    "item_id": "Action or milestone: <doc_id>:<ordinal>, stable.",
}
_QUARTER = 'Quarter "Q1"-"Q4" (Q1 = April-June): the quarter form of `period`.'
_PERIOD = 'Quarter "Q1"-"Q4" (Q1 = April-June) or "FY" for the whole year.'

_OWN: dict[str, dict[str, str]] = {
    "documents": {
        "source_path": "Path of the input, relative to the PATH given.",
        "source_format": "txt or pdf.",
        "title": "The report's title as printed.",
        "report_type": "pdp_performance_update, committee_performance_report, "
        "partnership_update or other.",
        "organisation": "The publishing council as printed.",
        "financial_year": 'The financial year the report covers, as "2017/18".',
        "quarters": "The quarters the report covers.",
        "report_date": "Meeting or report date when printed.",
        "committee": "The committee the report went to.",
        "report_of": 'Cover sheet: "Report of" (e.g. Head of Governance).',
        "contact_officer": "Cover sheet: contact officer.",
        "portfolio": "Cover sheet: portfolio (e.g. Community Safety).",
        "key_decision": "Cover sheet: key decision (yes/no).",
        "report_track": "Cover sheet: report track.",
        "item_number": 'Cover sheet: agenda item number (e.g. "9.1").',
        "n_lines": "Lines of input text.",
        "n_pages": "PDF pages; null for text input.",
        "coverage": "Share (0-1) of numbers on table lines that ended in a row.",
        "status": "ok, or failed (see issues).",
        "parser_version": "Version of reportx that read the file.",
        "text_form": "How a text input prints its columns: tab, layout or plain; "
        "null for PDF.",
        "prose_coverage": "Share (0-1) of numbers in prose that became statements.",
        "organisation_code": "ONS GSS code of the publishing council (e.g. E07000192).",
    },
    "rolling_12_months": {
        "quarter": _QUARTER,
        "as_of_date": "The date in brackets after the quarter, repaired.",
        "as_of_date_raw": "The date in brackets as printed.",
        "previous_12_months": 'The "Previous 12 months" total.',
        "last_12_months": 'The "Last 12 months" total.',
        "change_pct": "Change over 12 months in percent, signed (reductions "
        "negative); null when not printed.",
        "change_abs": "Change over 12 months, signed; null when not printed.",
        "direction": "increase or reduction; null when not printed.",
        "note": "The rest of the cell (e.g. who provided the data).",
    },
    "indicator_values": {
        "period": _PERIOD,
        "measure": "actual or target.",
        "value": "The value printed; null when the cell holds no number.",
        "unit": f"count, percent, tonnes, gbp, or {NO_UNIT} when none is printed.",
        "comparator": "Comparator printed with a target: <, <=, > or >=.",
        "qualifier": "approx, estimated, confirmed, cumulative or average.",
        "value_text": "The cell as printed.",
        "note": "Explanation printed with the value.",
        "reported_as": "The column header the value came from.",
        "frequency": "Q (quarterly) or A (annual), as printed.",
    },
    "actions": {
        "kind": "action or milestone.",
        "approach": "Milestone tables: the approach, filled down when blank.",
        "key_project": "Milestone tables: the key project, filled down when blank.",
        "title": "The action text, or the milestone.",
        "outcomes": "Outcomes printed with the action.",
        "progress": "The whole progress text, HTML stripped.",
    },
    "action_updates": {
        "quarter": _QUARTER,
        "progress": "The progress text labelled for that quarter.",
        "rating_symbol": "The rating symbol as printed, debris removed.",
        "rating": "completed, on_target, attention, amendment or aborted; null "
        "when no symbol or an unknown one.",
    },
    "status_summary": {
        "plan": 'The plan the grid sits under; "" when no plan heading is printed.',
        "scope": "actions, milestones or performance_indicators.",
        "period": 'The period of the grid as printed: "Q1-Q2", "Q4", "FY" ...',
        "category": "completed, on_target, attention, amendment, aborted, "
        "no_rating or total.",
        "label": "The column label as printed.",
        "count": "Number of items in the category.",
        "percent": "Percent of items in the category.",
        "theme": 'The theme a per-theme grid sits under; "" for the plan.',
    },
    "breakdowns": {
        "period": _PERIOD,
        "dimension": "motivation, referral_source, case_status, people, "
        "incidents or victims.",
        "category": "Canonical category within the dimension (e.g. Race, "
        "Council, ongoing).",
        "count": "The count printed.",
        "approx": 'True when printed as approximate ("approx. 120").',
        "value_text": "The text the count was read from.",
    },
    "statements": {
        "statement_id": "<doc_id>:<ordinal>, stable.",
        "section": "The numbered heading the sentence sits under.",
        "sentence": "The sentence as printed, whitespace-normalised.",
        "subject": "What the figure counts or measures.",
        "value": "The figure as printed, never negated.",
        "unit": f"count, percent, gbp, tonnes, rate_per_1000, days ..., or {NO_UNIT} "
        "when unclear.",
        "measure": 'target for a figure stated as one ("against a target of '
        '98%"), else actual.',
        "change": "increase or reduction, when the sentence says so.",
        "compared_with": "What the figure is compared with.",
        "financial_year": "The financial year the sentence states.",
        "period": "The period the sentence states.",
        "indicator_id": "Registry indicator the subject matches; null when none.",
    },
    "repairs": {
        "table": 'The table of the repaired value ("*" for every table).',
        "column": "The column of the repaired value.",
        "line": "Line of the input text (1-based).",
        "raw": "The text as printed.",
        "repaired": "The text as written to the table.",
        "rule": "The repair rule (e.g. date_extra_digit, split_word).",
        "confidence": "Confidence in the repair (0-1).",
        "alternatives": "Other candidates considered.",
    },
    "issues": {
        "doc_id": "Input file the issue is about; null for a run-level issue.",
        "severity": "error, warning or info.",
        "code": "The issue code (the catalogue in schemas/issues.py).",
        "message": "What was found, quoting the input and naming its line.",
        "line": "Line of the input text (1-based).",
    },
    "indicators": {
        "name": "Canonical name.",
        "unit": "The indicator's usual unit.",
        "polarity": "higher_is_better, lower_is_better, or null for a measure "
        "with no better direction (from schemas/indicators.csv).",
        "aliases": "Every printed variant of the name seen.",
        "first_year": "First financial year with a value.",
        "last_year": "Last financial year with a value.",
    },
    "observations": {
        "period": _PERIOD,
        "measure": "actual, target or rolling_12_months (the Last 12 months figure).",
        "unit": f"count, percent, tonnes, gbp, or {NO_UNIT}.",
        "indicator": "The indicator's canonical name.",
        "value": "The value; from the latest report when sources disagree.",
        "period_start": "First day of the period.",
        "period_end": "Last day of the period.",
        "source_doc_ids": "Every document that printed the value.",
        "n_sources": "Number of documents that printed the value.",
        "conflict": "True when the sources disagree (see issues).",
        "source": "Where the winning value was printed: grid, rolling or prose.",
    },
}

# Allowed values, as the contract lists them; a column not here is open.
_ENUMS: dict[str, dict[str, tuple[str, ...]]] = {
    "documents": {
        "source_format": ("txt", "pdf"),
        "report_type": (
            "pdp_performance_update",
            "committee_performance_report",
            "partnership_update",
            "other",
        ),
        "status": ("ok", "failed"),
        "text_form": ("tab", "layout", "plain"),
    },
    "rolling_12_months": {"quarter": QUARTERS, "direction": CHANGES},
    "indicator_values": {
        "period": PERIODS,
        "measure": MEASURES,
        "unit": VALUE_UNITS,
        "comparator": ("<", "<=", ">", ">="),
        "qualifier": ("approx", "estimated", "confirmed", "cumulative", "average"),
        "frequency": ("Q", "A"),
    },
    "actions": {"kind": ("action", "milestone")},
    "action_updates": {"quarter": QUARTERS, "rating": RATINGS},
    "status_summary": {
        "scope": ("actions", "milestones", "performance_indicators"),
        "category": (*RATINGS, "no_rating", "total"),
    },
    "breakdowns": {
        "period": PERIODS,
        "dimension": (
            "motivation",
            "referral_source",
            "case_status",
            "people",
            "incidents",
            "victims",
        ),
    },
    "statements": {"measure": MEASURES, "change": CHANGES},
    "issues": {
        "severity": SEVERITIES,
        "code": tuple(t.code for t in ISSUE_TYPES),
    },
    "indicators": {
        "unit": VALUE_UNITS,
        "polarity": ("higher_is_better", "lower_is_better"),
    },
    "observations": {
        "period": PERIODS,
        "measure": (*MEASURES, "rolling_12_months"),
        "unit": VALUE_UNITS,
        "source": ("grid", "rolling", "prose"),
    },
}


def description(table: str, column: str) -> str | None:
    """The column's meaning, or None when it is not described."""
    return _OWN.get(table, {}).get(column) or _COMMON.get(column)


def allowed_values(table: str, column: str) -> tuple[str, ...] | None:
    """The values the column may hold, or None when it is open."""
    return _ENUMS.get(table, {}).get(column)
