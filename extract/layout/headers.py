"""Table header rows: the column labels the reports print above their grids."""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.document import Row

# Column labels of KPI grids, indicator tables, action and milestone tables:
# "Quarter 1", "Q1 Rating", "Quarter 1 (Apr-Jun)", "Annual Target", "Last year's
# outturn", "Approach", …; "Q1 (24.07.17)" opens a quarter block, not a column.
HEADER_WORDS = re.compile(
    r"^(?:"
    r"(?:quarter|q)\s*[1-4](?:\s+rating)?(?:\s*\((?![\d./\s]+\))[^)]*\))?|"
    r"rating\s+q[1-4]|"
    r"annual\s+(?:total|target)(?:\s+20\d\d\S*)?|year[\s-]end|total|"
    r"target(?:\s+20\d\d\S*)?|(?:last\s+year'?s\s+)?outturn(?:\s+20\d\d\S*)?|"
    r"frequency(?:\s+of\s+reporting)?(?:\s*\([^)]*\))?|"
    r"target\s*-?\s*achieved\s*/?\s*trend|performance\s+compared\s+to\s+\S+|"
    r"outcomes?|approach|key\s+project|milestones?(?:\(s\))?|progress|"
    r"performance\s+indicators?|pi\s+description|programme|comments?|"
    r"lead\s+officer|action\s*(?:&|\+|and)\s*progress\s+update"
    r")$",
    re.IGNORECASE,
)


def is_header_cells(texts: Sequence[str]) -> bool:
    """At least two labels, and most of the filled cells known column labels."""
    filled = [t.strip() for t in texts if t.strip()]
    if len(filled) < 2:
        return False
    return known_labels(filled) >= max(2, (len(filled) + 1) // 2)


def known_labels(texts: Sequence[str]) -> int:
    """How many of the cells are known column labels."""
    return sum(1 for t in texts if HEADER_WORDS.match(t.strip()))


def is_header(row: Row) -> bool:
    """A table header row (see `is_header_cells`)."""
    return is_header_cells(row.texts)
