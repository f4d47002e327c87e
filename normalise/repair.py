"""The repair a normaliser reports; the caller adds provenance and logs it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Repair:
    raw: str
    repaired: str
    rule: str
    confidence: float = 1.0
    alternatives: tuple[str, ...] = field(default=())
