"""A report printed on portrait pages (tests/fixtures/portrait/): an action
table whose header's label wraps onto a line of its own, and an action whose
marks a page break set a column off."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.run import extract
from tests.conftest import rows_of

FIXTURES = Path(__file__).parent / "fixtures"
NAME = "v003_000-portrait-layout.txt"
TAB = "v003_000.txt"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("portrait")
    extract([FIXTURES / "portrait" / NAME, FIXTURES / "portrait" / TAB], out)
    return out


def test_the_rest_of_a_headers_label_is_no_action(out: Path) -> None:
    # Line 232, "Progress Update", ends the header's "… Action &" (line 231):
    # it had been read as an action's title, with the cemetery action's text
    # for its progress, and the cemetery action lost.
    actions = rows_of(out, "actions", NAME)
    tab = rows_of(out, "actions", TAB)
    assert "Progress Update" not in set(actions.title)
    assert set(actions.title) == set(tab.title)
    cemetery = actions[actions.title.str.contains("new cemetery site")]
    assert list(cemetery.line_start) == [233]
    assert cemetery.plan.item() == "Environment Priority Delivery Plan"


def test_a_second_mark_in_one_quarter_column_is_reported(out: Path) -> None:
    # Line 253: the cemetery action's Quarter 3 mark, printed under Q2 after
    # the page break; Q2's own mark is line 240's. One mark a quarter is
    # read, the first, and the other reported. The TAB text rates Q3 too.
    updates = rows_of(out, "action_updates", NAME)
    actions = rows_of(out, "actions", NAME)
    item = actions.loc[actions.title.str.contains("new cemetery site"), "item_id"]
    cemetery = updates[updates.item_id == item.item()].set_index("quarter")
    assert list(cemetery.index) == ["Q2", "Q3"]
    assert cemetery.rating_symbol["Q2"] == "\\bigcirc"
    assert cemetery.rating_symbol.isna()["Q3"]
    issues = rows_of(out, "issues", NAME)
    repeated = issues[issues.line == 253]
    assert list(repeated.code) == ["unparsed_block"]
    assert list(repeated.severity) == ["warning"]
    assert repeated.message.item() == (
        f"{NAME}:253: Explore delivery options for a new cemetery site: mark "
        "'\\\\bigcirc' not read: the Q2 column holds line 240's mark already, so "
        "which quarter it rates cannot be told"
    )
