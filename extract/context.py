"""What every row sits under: the document's year and quarters, its plan and theme."""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.records import RepairRow
from normalise.years import period_of


@dataclass(frozen=True, slots=True)
class Context:
    """Read by every recogniser; built once per document by `recognisers.headings`.

    `plans[i]` and `themes[i]` are the plan and theme in force at `doc.rows[i]`.
    `repairs` are the corrections made while reading headings (split words).
    """

    doc_id: str
    financial_year: str | None
    quarters: tuple[str, ...]
    report_type: str
    plans: tuple[str | None, ...]
    themes: tuple[str | None, ...]
    repairs: tuple[RepairRow, ...] = field(default=())

    def plan(self, row_index: int) -> str | None:
        return self.plans[row_index] if 0 <= row_index < len(self.plans) else None

    def theme(self, row_index: int) -> str | None:
        return self.themes[row_index] if 0 <= row_index < len(self.themes) else None

    @property
    def latest_quarter(self) -> int | None:
        """The number of the last quarter the report covers (3 for Q1-Q3)."""
        return max((int(q[1]) for q in self.quarters), default=None)

    @property
    def period(self) -> str | None:
        """The period the report covers, as status grids label it: "Q1-Q2", "FY"."""
        return period_of(self.quarters)
