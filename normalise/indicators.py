"""Indicator names as printed -> clean names and stable ids."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from normalise.patterns import compiled
from normalise.text import fold_dashes

# An indicator name ends with its data source: "… – Police data",
# "… – Victim Support data", "… – CACH data agreements".
SOURCE = r"\bdata(?:\s+agreements)?\b"
SOURCE_END = compiled(SOURCE, re.IGNORECASE)
# Where a name ends: its data source and what it may print after it and still
# own, an area or basis in brackets ("… – CACH data agreements (District)"),
# and the bracket the source closes ("All Crime (Police data)").
NAME_END = compiled(SOURCE + r"\)?(?:\s*\([^()]*\))?", re.IGNORECASE)
SLUG_CHARS = compiled(r"[^a-z0-9]+")
# A rolling-12-months measure: "ASB Incidents Over Time (Variation) – Police data".
ROLLING_NAME = compiled(r"over\s+time|variation", re.IGNORECASE)
SLUG_LENGTH = 64
# A name cell that opens in lower case or with a dash goes on from the row
# above: the later lines of a wrapped row printed apart from it ("against the
# person,", "– Victim Support data"), whose cells are no row of their own.
GOES_ON = compiled(r"^\s*(?:[a-z]|[-\u2013\u2014]\s)")


# Every value of an indicator's row asks for the same id.
@lru_cache(maxsize=8192)
def slug(name: str) -> str:
    """ "Hate Crime Incidents Over Time (Variation) – Police data" ->
    "hate-crime-incidents-over-time-variation-police-data"."""
    ascii_name = unicodedata.normalize("NFKD", fold_dashes(name))
    ascii_name = ascii_name.encode("ascii", "ignore").decode().lower()
    s = SLUG_CHARS.sub("-", ascii_name).strip("-")
    if len(s) > SLUG_LENGTH:
        s = s[:SLUG_LENGTH].rsplit("-", 1)[0]
    return s or "indicator"


def goes_on(name_cell: str) -> bool:
    """Whether a row's name cell continues the row above (see GOES_ON)."""
    return GOES_ON.match(name_cell) is not None


def split_indicators(cell_text: str) -> list[str]:
    """Names of the indicators one cell holds, in printed order.

    Paragraphs are separate names; within a paragraph a name ends at its data
    source: "ASB Incidents … – Police data ASB – Number of referrals … – Victim
    Support data" is two names. A qualifier in brackets just after the source
    is the name's own ("… – CACH data agreements (District)").
    """
    names: list[str] = []
    for para in cell_text.split("\n"):
        rest = " ".join(para.split())
        while rest:
            m = NAME_END.search(rest)
            if not m or not rest[m.end() :].strip():
                names.append(rest)
                break
            names.append(rest[: m.end()].strip())
            rest = rest[m.end() :].strip()
    return [n for n in names if n]


def rolling_indicator(names: list[str]) -> str | None:
    """The name a rolling-12-months block belongs to: the "Over Time" measure."""
    for name in names:
        if ROLLING_NAME.search(name):
            return name
    return names[0] if names else None
