"""One pyarrow schema and natural key per output table: the contract in code."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

# The `unit` of a value printed without one (or with one outside the contract):
# `unit` is part of the indicator_values and observations keys, and key columns
# are never null so that BI tools can enforce them.
NO_UNIT = "none"

PROVENANCE: tuple[tuple[str, pa.DataType], ...] = (
    ("page", pa.int32()),
    ("line_start", pa.int32()),
    ("line_end", pa.int32()),
)


@dataclass(frozen=True, slots=True)
class OutputTable:
    """A table's schema, natural key and description.

    Key columns are made non-null in `schema` (BI tools enforce keys), except
    those in `nullable_key`: the logs' keys hold a page or line that is null for
    text input, so they identify a row for `reportx diff` but are no primary key.
    """

    name: str
    schema: pa.Schema
    key: tuple[str, ...]
    description: str
    nullable_key: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        required = set(self.required_key)
        schema = pa.schema(
            [f.with_nullable(f.name not in required) for f in self.schema],
            metadata=self.schema.metadata,
        )
        object.__setattr__(self, "schema", schema)

    @property
    def required_key(self) -> tuple[str, ...]:
        """The key columns that are never null."""
        return tuple(k for k in self.key if k not in self.nullable_key)

    @property
    def primary_key(self) -> tuple[str, ...]:
        """The key when none of its columns can be null, else no primary key."""
        return () if self.nullable_key else self.key

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(self.schema.names)


DOCUMENTS = OutputTable(
    name="documents",
    schema=pa.schema(
        [
            ("doc_id", pa.string()),
            ("source_path", pa.string()),
            ("source_format", pa.string()),
            ("title", pa.string()),
            ("report_type", pa.string()),
            ("organisation", pa.string()),
            ("financial_year", pa.string()),
            ("quarters", pa.list_(pa.string())),
            ("report_date", pa.date32()),
            ("committee", pa.string()),
            ("report_of", pa.string()),
            ("contact_officer", pa.string()),
            ("portfolio", pa.string()),
            ("key_decision", pa.bool_()),
            ("report_track", pa.string()),
            ("item_number", pa.string()),
            ("n_lines", pa.int32()),
            ("n_pages", pa.int32()),
            # Share of the numbers printed on table lines that ended in a fact row
            # (0-1; null when the report prints no numbers in tables).
            ("coverage", pa.float64()),
            ("status", pa.string()),
            ("parser_version", pa.string()),
            # How a text input prints its columns: tab, layout or plain (null: PDF).
            ("text_form", pa.string()),
            # Share of the value numbers printed in prose (numbers no skip rule
            # explains: not section numbers, years, dates …) that became
            # statements (0-1; null when the prose prints none).
            ("prose_coverage", pa.float64()),
            # ONS GSS code of the publishing council (schemas/organisations.csv).
            ("organisation_code", pa.string()),
        ]
    ),
    key=("doc_id",),
    description="One row per input file, with what the report says about itself.",
)

ROLLING_12_MONTHS = OutputTable(
    name="rolling_12_months",
    schema=pa.schema(
        [
            ("doc_id", pa.string()),
            ("plan", pa.string()),
            ("theme", pa.string()),
            ("indicator", pa.string()),
            ("indicator_id", pa.string()),
            ("financial_year", pa.string()),
            ("quarter", pa.string()),
            ("as_of_date", pa.date32()),
            ("as_of_date_raw", pa.string()),
            ("previous_12_months", pa.int64()),
            ("last_12_months", pa.int64()),
            ("change_pct", pa.float64()),
            ("change_abs", pa.int64()),
            ("direction", pa.string()),
            ("note", pa.string()),
            *PROVENANCE,
        ]
    ),
    key=("doc_id", "indicator_id", "financial_year", "quarter"),
    description='Quarter blocks: "Q1 (24.07.17) Previous 12 months = … Last 12 '
    'months = …".',
)

INDICATOR_VALUES = OutputTable(
    name="indicator_values",
    schema=pa.schema(
        [
            ("doc_id", pa.string()),
            ("plan", pa.string()),
            ("theme", pa.string()),
            ("indicator", pa.string()),
            ("indicator_id", pa.string()),
            ("financial_year", pa.string()),
            ("period", pa.string()),
            ("measure", pa.string()),
            ("value", pa.float64()),
            ("unit", pa.string()),
            ("comparator", pa.string()),
            ("qualifier", pa.string()),
            ("value_text", pa.string()),
            ("note", pa.string()),
            ("reported_as", pa.string()),
            ("frequency", pa.string()),
            *PROVENANCE,
        ]
    ),
    key=("doc_id", "indicator_id", "financial_year", "period", "measure", "unit"),
    description="KPI grids: one row per printed value.",
)

ACTIONS = OutputTable(
    name="actions",
    schema=pa.schema(
        [
            ("item_id", pa.string()),
            ("doc_id", pa.string()),
            ("plan", pa.string()),
            ("theme", pa.string()),
            ("kind", pa.string()),
            ("approach", pa.string()),
            ("key_project", pa.string()),
            ("title", pa.string()),
            ("outcomes", pa.string()),
            ("progress", pa.string()),
            *PROVENANCE,
        ]
    ),
    key=("item_id",),
    description="One row per action or milestone.",
)

ACTION_UPDATES = OutputTable(
    name="action_updates",
    schema=pa.schema(
        [
            ("item_id", pa.string()),
            ("doc_id", pa.string()),
            ("quarter", pa.string()),
            ("progress", pa.string()),
            ("rating_symbol", pa.string()),
            ("rating", pa.string()),
            *PROVENANCE,
        ]
    ),
    key=("item_id", "quarter"),
    description="One row per action or milestone and quarter with a text or a rating.",
)

STATUS_SUMMARY = OutputTable(
    name="status_summary",
    schema=pa.schema(
        [
            ("doc_id", pa.string()),
            ("plan", pa.string()),
            ("scope", pa.string()),
            ("period", pa.string()),
            ("category", pa.string()),
            ("label", pa.string()),
            ("count", pa.int64()),
            ("percent", pa.float64()),
            ("theme", pa.string()),
            *PROVENANCE,
        ]
    ),
    key=("doc_id", "plan", "theme", "scope", "period", "category"),
    description="Summary grids: how many actions or milestones are in each status.",
)

BREAKDOWNS = OutputTable(
    name="breakdowns",
    schema=pa.schema(
        [
            ("doc_id", pa.string()),
            ("plan", pa.string()),
            ("indicator", pa.string()),
            ("indicator_id", pa.string()),
            ("financial_year", pa.string()),
            ("period", pa.string()),
            ("dimension", pa.string()),
            ("category", pa.string()),
            ("count", pa.int64()),
            ("approx", pa.bool_()),
            ("value_text", pa.string()),
            *PROVENANCE,
        ]
    ),
    key=(
        "doc_id",
        "indicator_id",
        "financial_year",
        "period",
        "dimension",
        "category",
    ),
    description='Counts inside a cell: "17 Race", "2 x Council referrals".',
)

REPAIRS = OutputTable(
    name="repairs",
    schema=pa.schema(
        [
            ("doc_id", pa.string()),
            ("table", pa.string()),
            ("column", pa.string()),
            ("page", pa.int32()),
            ("line", pa.int32()),
            ("raw", pa.string()),
            ("repaired", pa.string()),
            ("rule", pa.string()),
            ("confidence", pa.float64()),
            ("alternatives", pa.list_(pa.string())),
        ]
    ),
    key=("doc_id", "table", "column", "page", "line", "raw", "rule"),
    nullable_key=("page", "line"),
    description="Every correction the normalisers made to printed text.",
)

ISSUES = OutputTable(
    name="issues",
    schema=pa.schema(
        [
            ("doc_id", pa.string()),
            ("severity", pa.string()),
            ("code", pa.string()),
            ("message", pa.string()),
            ("page", pa.int32()),
            ("line", pa.int32()),
        ]
    ),
    key=("doc_id", "code", "page", "line", "message"),
    # A run-level issue (duplicate_input across documents) has no doc_id.
    nullable_key=("doc_id", "page", "line"),
    description="What QA must look at: failures, inconsistencies, ambiguities.",
)

INDICATORS = OutputTable(
    name="indicators",
    schema=pa.schema(
        [
            ("indicator_id", pa.string()),
            ("name", pa.string()),
            ("unit", pa.string()),
            ("polarity", pa.string()),
            ("aliases", pa.list_(pa.string())),
            ("first_year", pa.string()),
            ("last_year", pa.string()),
        ]
    ),
    key=("indicator_id",),
    description="The indicator registry as used in this run.",
)

OBSERVATIONS = OutputTable(
    name="observations",
    schema=pa.schema(
        [
            ("indicator_id", pa.string()),
            ("financial_year", pa.string()),
            ("period", pa.string()),
            ("measure", pa.string()),
            ("unit", pa.string()),
            ("indicator", pa.string()),
            ("value", pa.float64()),
            ("period_start", pa.date32()),
            ("period_end", pa.date32()),
            ("source_doc_ids", pa.list_(pa.string())),
            ("n_sources", pa.int32()),
            ("conflict", pa.bool_()),
            # Where the winning value was printed: grid, rolling or prose.
            ("source", pa.string()),
        ]
    ),
    key=("indicator_id", "financial_year", "period", "measure", "unit"),
    description="The longitudinal panel across every report of the run.",
)

STATEMENTS = OutputTable(
    name="statements",
    schema=pa.schema(
        [
            ("statement_id", pa.string()),
            ("doc_id", pa.string()),
            ("plan", pa.string()),
            ("section", pa.string()),
            ("sentence", pa.string()),
            ("subject", pa.string()),
            ("value", pa.float64()),
            ("unit", pa.string()),
            ("measure", pa.string()),
            ("change", pa.string()),
            ("compared_with", pa.string()),
            ("financial_year", pa.string()),
            ("period", pa.string()),
            ("indicator_id", pa.string()),
            *PROVENANCE,
        ]
    ),
    key=("statement_id",),
    description='Numbers in prose: "During 2011/12, there were 5,803 crimes '
    'recorded …", one row per figure.',
)

TABLES: tuple[OutputTable, ...] = (
    DOCUMENTS,
    ROLLING_12_MONTHS,
    INDICATOR_VALUES,
    ACTIONS,
    ACTION_UPDATES,
    STATUS_SUMMARY,
    BREAKDOWNS,
    STATEMENTS,
    REPAIRS,
    ISSUES,
    INDICATORS,
    OBSERVATIONS,
)

BY_NAME: dict[str, OutputTable] = {t.name: t for t in TABLES}

# Tables whose rows are facts read from a report (not its documents row, the
# repairs and issues logged while reading it, or the run-level panel), in the
# order they are shown.
FACT_TABLES = (
    "rolling_12_months",
    "indicator_values",
    "actions",
    "action_updates",
    "status_summary",
    "breakdowns",
)
