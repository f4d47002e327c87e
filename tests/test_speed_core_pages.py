"""A page footer is found by its pattern alone: the substring test before it
only passes over lines the pattern cannot match."""

from hypothesis import given
from hypothesis import strategies as st

from extract.layout.pages import FOOTER_CHARS, PAGE_FOOTER, is_page_footer

LETTERS = st.sampled_from(["p", "P", "a", "A", "g", "G", "e", "E", " ", "1", "2"])


def _by_pattern(text: str) -> bool:
    return len(text.strip()) <= FOOTER_CHARS and PAGE_FOOTER.search(text) is not None


@given(st.text())
def test_footer_as_the_pattern_finds_it(text: str) -> None:
    assert is_page_footer(text) == _by_pattern(text)


@given(st.lists(st.one_of(LETTERS, st.just("of"), st.characters()), max_size=30))
def test_footer_as_the_pattern_finds_it_near_page(parts: list[str]) -> None:
    text = "".join(parts)
    assert is_page_footer(text) == _by_pattern(text)


def test_footer_of_any_case() -> None:
    assert is_page_footer("Cannock Chase Council — PAGE 4 of 4")
    assert is_page_footer("pAgE 2 OF 5")
    assert not is_page_footer("Pages 2 of 5")
