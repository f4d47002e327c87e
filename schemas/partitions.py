"""--partition-by: the columns a table may be split into hive folders by, and
the folder of the rows that have no value (hive's own default partition name,
`__HIVE_DEFAULT_PARTITION__`, is no clearer to a reader)."""

from __future__ import annotations

PARTITION_COLUMNS = ("financial_year",)
UNKNOWN = "__unknown__"
