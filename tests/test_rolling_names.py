"""Which text names a rolling-12-months indicator in reading-order text."""

from __future__ import annotations

import pytest

from extract.recognisers.rolling12.reading_order import named


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "ASB Incidents Over Time (Variation) – Police data",
            "ASB Incidents Over Time (Variation) – Police data",
        ),
        # Two names in one cell: the rolling one (samples/000 line 9).
        (
            "ASB Incidents Over Time (Variation) – Police data ASB – Number of "
            "referrals to ASB Champion – Victim Support data",
            "ASB Incidents Over Time (Variation) – Police data",
        ),
        # A block's words run into a name's lines
        # (tests/fixtures/writerborderlesstext/001…-plain.txt lines 334-335).
        ("Time (Variation) – Previous 12 months", None),
        ("Committed Crime Over Time (Variation) Last 12 months = 6,506", None),
    ],
)
def test_named(text: str, name: str | None) -> None:
    assert named(text) == name
