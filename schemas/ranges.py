"""The world the values describe: what a value outside is reported as
`value_out_of_range` (kept as printed, never dropped).

Dates lie in a fixed window so that runs stay deterministic: the reports are
from 2012-2019, and a meeting date of 2545 or 1900 is a misprint. Percent
columns have the range of what they measure: a status grid's share is 0-100,
a change over twelve months may be larger than 100 but not below -100;
counts and twelve-month totals are never below zero.
"""

from __future__ import annotations

from datetime import date

DATE_WINDOW = (date(2000, 1, 1), date(2030, 12, 31))

# (table, column) -> (lowest, highest); None is unbounded.
NUMBER_RANGES: dict[tuple[str, str], tuple[float | None, float | None]] = {
    ("status_summary", "percent"): (0.0, 100.0),
    ("status_summary", "count"): (0.0, None),
    ("rolling_12_months", "change_pct"): (-100.0, None),
    ("rolling_12_months", "previous_12_months"): (0.0, None),
    ("rolling_12_months", "last_12_months"): (0.0, None),
    ("breakdowns", "count"): (0.0, None),
}
# Date columns checked against DATE_WINDOW.
DATE_COLUMNS = (("documents", "report_date"), ("rolling_12_months", "as_of_date"))
# Financial-year columns: the year it starts lies in DATE_WINDOW.
YEAR_TABLES = ("documents", "rolling_12_months", "indicator_values", "breakdowns")
