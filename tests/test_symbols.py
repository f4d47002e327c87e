"""Rating symbols: the map in schemas/symbols.csv and the debris rules."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from normalise.symbols import clean_symbol, holds_symbol
from schemas.symbols import rating_of, symbol_map
from tests.conftest import S000

Loader = Callable[[str], pd.DataFrame]


@pytest.mark.parametrize(
    "raw, symbol, rules",
    [
        ("✓", "✓", ()),
        ("▶", "▶", ()),
        ("▲", "▲", ()),
        ("\\bigcirc", "\\bigcirc", ()),
        ("$ \\bigcirc$", "\\bigcirc", ("latex_math_wrapper",)),
        # A PDF's word gap between the backslash and the command's name.
        ("$ \\ bigcirc$", "\\bigcirc", ("latex_math_wrapper",)),
        ("<u></u>", None, ("empty_markup",)),
        ("<u>✓</u>", "✓", ("symbol_markup",)),
        ("5", "5", ()),
        # The glyph a PDF prints where the export spells its LaTeX name.
        ("○", "\\bigcirc", ("symbol_spelling",)),
        ("◯", "\\bigcirc", ("symbol_spelling",)),
        ("<span>○</span>", "\\bigcirc", ("symbol_markup", "symbol_spelling")),
        ("●", "●", ()),
    ],
)
def test_clean_symbol(raw: str, symbol: str | None, rules: tuple[str, ...]) -> None:
    got, repairs = clean_symbol(raw)
    assert got == symbol
    assert tuple(r.rule for r in repairs) == rules


@pytest.mark.parametrize(
    "raw, symbol",
    [
        ("✓", True),
        (" ▶ ", True),
        ("5", True),
        ("\\bigcirc", True),
        ("$ \\bigcirc$", True),
        # Markup debris is kept so that its cleaning is logged in `repairs`.
        ("<u></u>", True),
        ("<span>✓</span>", True),
        ("", False),
        ("   ", False),
        # Words are a label or a comment in a rating column, not a symbol: a
        # status grid's "No Rating" printed straight under an action table.
        ("No Rating", False),
        ("Not due", False),
        # Rating words of the map, and a rating between two printed so.
        ("On track", True),
        ("Behind schedule", True),
        ("Amber/Green", True),
        ("Green - Amber", True),
        ("Amber/Green/Red", True),
        ("Green Green\nAmber", True),
        ("Green/on", False),
        ("G", True),
        # A table's figure run into a rating column is no symbol; one digit
        # can be a symbol font's glyph.
        ("275", False),
        ("1,204", False),
        ("12.5%", False),
        ("05", False),
        ("<u>Not due</u>", False),
        ("✓" * 17, False),
        ("x" * 5000, False),
        ("<p>" * 100, False),
    ],
)
def test_holds_symbol(raw: str, symbol: bool) -> None:
    assert holds_symbol(raw) is symbol


@pytest.mark.parametrize(
    "symbol, rating",
    [
        ("✓", "completed"),
        ("▶", "on_target"),
        ("▲", "attention"),
        ("\\bigcirc", None),
        ("5", None),
        (None, None),
    ],
)
def test_rating_of(symbol: str | None, rating: str | None) -> None:
    assert rating_of(symbol) == rating


def test_map_is_data() -> None:
    assert symbol_map() == {
        "✓": "completed",
        "▶": "on_target",
        "▲": "attention",
        "Green": "on_target",
        "Amber": "attention",
        "Red": "attention",
        "Completed": "completed",
        "Complete": "completed",
        "On target": "on_target",
        "On track": "on_target",
        "Off track": "attention",
        "Behind schedule": "attention",
    }


@pytest.mark.parametrize(
    "printed, rating",
    [
        ("Green", "on_target"),
        ("AMBER", "attention"),
        ("completed", "completed"),
        ("On track", "on_target"),
        ("behind schedule", "attention"),
        ("Not due", None),
    ],
)
def test_rating_words(printed: str, rating: str | None) -> None:
    assert holds_symbol(printed) == (rating is not None)
    assert rating_of(printed) == rating


def test_debris_repairs_are_logged(table: Loader) -> None:
    repairs = table("repairs")
    mine = repairs[(repairs["file"] == S000) & (repairs["column"] == "rating_symbol")]
    assert list(
        zip(mine["line"], mine["raw"], mine["repaired"], mine["rule"], strict=True)
    ) == [
        (70, "<u></u>", "", "empty_markup"),
        (75, "$ \\bigcirc$", "\\bigcirc", "latex_math_wrapper"),
    ]
    assert set(mine["table"]) == {"action_updates"}


def _marks(table: Loader, line: int) -> list[tuple[str, str, object]]:
    actions, updates = table("actions"), table("action_updates")
    item = actions[(actions["file"] == S000) & (actions["line_start"] == line)]
    mine = updates[updates["item_id"] == item["item_id"].item()]
    mine = mine[mine["rating_symbol"].notna()]
    return list(
        zip(mine["quarter"], mine["rating_symbol"], mine["rating"].isna(), strict=True)
    )


def test_cemetery_marks(table: Loader) -> None:
    # "<u></u>" in the Q3 column of line 70 is no mark; Q3's is line 75's symbol.
    assert _marks(table, 70) == [("Q2", "\\bigcirc", True), ("Q3", "\\bigcirc", True)]


def test_stray_digit_kept_as_printed(table: Loader) -> None:
    # samples/000 line 78 prints "5" in the Q1 Rating column of the AQMA action.
    assert _marks(table, 78) == [("Q1", "5", True), ("Q2", "\\bigcirc", True)]


def test_unknown_symbols_are_issues(table: Loader) -> None:
    issues = table("issues")
    mine = issues[(issues["file"] == S000) & (issues["code"] == "unknown_symbol")]
    assert list(zip(mine["line"], mine["severity"], strict=True)) == [
        (31, "warning"),
        (78, "warning"),
    ]
    assert '"\\bigcirc" (lines 31, 50, 73, 75, 80)' in mine["message"].iloc[0]
    assert '"5" (lines 78)' in mine["message"].iloc[1]


def test_no_unknown_symbols_where_all_are_mapped(table: Loader) -> None:
    issues = table("issues")
    unknown = issues[issues["code"] == "unknown_symbol"]
    assert set(unknown["file"]) == {S000}
