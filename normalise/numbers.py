"""Numbers as printed: thousands separators, signs, spaced minus signs."""

from __future__ import annotations

from normalise.patterns import compiled
from normalise.repair import Repair

NUMBER = compiled(r"^([-+\u2013\u2212]?)\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$")
SPACED_MINUS = compiled(r"^[-\u2013\u2212]\s+\d")


def parse_number(raw: str) -> tuple[float | None, Repair | None]:
    """ "5,673" -> 5673.0; "-321", "+833"; "- 10" -> -10.0 (a spaced minus, logged)."""
    s = raw.strip()
    m = NUMBER.match(s)
    if not m:
        return None, None
    value = float(m[2].replace(",", "") + (m[3] or ""))
    if m[1] and m[1] != "+":
        value = -value
    if SPACED_MINUS.match(s):
        repaired = "-" + s[1:].strip()
        return value, Repair(raw=s, repaired=repaired, rule="spaced_minus")
    return value, None


def parse_int(raw: str) -> int | None:
    """A whole number as printed ("5,673" -> 5673), or None."""
    value, _ = parse_number(raw)
    return int(value) if value is not None and value.is_integer() else None
