"""Pages of a text and their running headers and footers.

pdftotext starts each page with a form feed; text saved without them
(`pdftotext -nopgbrk`, text copied out of a PDF viewer) still prints each
page's footer ("Cannock Chase Council — Page 2 of 5"), and its pages end there.
A running header or footer is page furniture, never a table's row or a title.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from extract.layout.headers import is_header_cells
from extract.layout.text_columns import fragments

# Running headers and footers are among a page's first and last lines.
BAND_LINES = 2
DIGITS = re.compile(r"\d+")
WORD = re.compile(r"\w")
PAGE_WORD = re.compile(r"\bpage\s+\d+\b", re.IGNORECASE)
LONE_NUMBER = re.compile(r"^\s*\d+\s*(of\s+\d+)?\s*$", re.IGNORECASE)
# A page's footer: "Page 2 of 5", on a line of its own with at most a name.
PAGE_FOOTER = re.compile(r"\bpage\s+(?P<page>\d+)\s+of\s+\d+\b", re.IGNORECASE)
# A line of figures and nothing else: "18%", "2,914", "0 4 1".
FIGURES_ONLY = re.compile(r"^\s*\d[\d,]*(?:\.\d+)?%?(?:\s+\d[\d,]*(?:\.\d+)?%?)*\s*$")
FOOTER_CHARS = 80


def is_page_footer(text: str) -> bool:
    """A line that is a page's footer: "Cannock Chase Council — Page 4 of 4"."""
    # Most lines print no "page" (and no letter outside ASCII matches one of
    # its letters case-blind): a substring test spares them the rest.
    return (
        "page" in text.lower()
        and len(text.strip()) <= FOOTER_CHARS
        and PAGE_FOOTER.search(text) is not None
    )


def page_footers(lines: Sequence[str]) -> list[int]:
    """Indexes of the lines that are page footers (`is_page_footer`)."""
    # Most texts print no "page": one test of the whole text spares each line
    # its own (see `is_page_footer`).
    if "page" not in "\n".join(lines).lower():
        return []
    return [i for i, line in enumerate(lines) if is_page_footer(line)]


def pages_of(lines: Sequence[str]) -> list[int]:
    """The 1-based page of every line: a form feed starts a page; in a text
    without form feeds, a footer numbering the pages in order ends one."""
    if not any("\f" in line for line in lines):
        return _footed_pages(lines)
    page, out = 1, []
    for line in lines:
        page += line.count("\f")
        out.append(page)
    return out


def _footed_pages(lines: Sequence[str]) -> list[int]:
    """Pages ended by their footers, where two or more footers number pages
    one after another; else one page."""
    ends = page_footers(lines)
    numbers = [int(m["page"]) for i in ends if (m := PAGE_FOOTER.search(lines[i]))]
    if len(ends) < 2 or numbers != list(range(numbers[0], numbers[0] + len(ends))):
        return [1] * len(lines)
    page, out, last = 1, [], set(ends)
    for i in range(len(lines)):
        out.append(page)
        page += i in last
    return out


def running_lines(lines: Sequence[str], pages: Sequence[int]) -> set[int]:
    """Indexes of running headers and footers: a page's first or last lines that
    recur, numbers aside, on another page ("Cannock Chase Council — Page 1 of 4"),
    and page footers that recur wherever the page prints them (reading-order
    text prints a footer among the page's cells)."""
    by_page: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        if line.strip(" \f"):
            by_page.setdefault(pages[i], []).append(i)
    band = {
        i
        for indexes in by_page.values()
        for i in (*indexes[:BAND_LINES], *indexes[-BAND_LINES:])
    }

    def key(i: int) -> str:
        return DIGITS.sub("#", " ".join(lines[i].split()))

    if len(by_page) < 2:
        return _page_numbers(lines, by_page)
    footers = page_footers(lines)
    repeated = Counter(key(i) for i in footers)
    # A rating mark closing two pages' tables ("✓") is no furniture.
    band = {i for i in band if WORD.search(lines[i])}
    seen = Counter(key(i) for i in band)
    return {i for i in band if seen[key(i)] >= 2} - _repeated_headers(
        lines, by_page
    ) | {i for i in footers if repeated[key(i)] >= 2}


def _page_numbers(lines: Sequence[str], by_page: dict[int, list[int]]) -> set[int]:
    """A page's number among its first or last lines: a line that says so
    ("Page 3", "Page 3 of 4"), or a number alone ("12", "3 of 4") where it is
    the only one at that end, no line there names the page ("1" over "Page 1
    of 1" is a grid's last count) and the other line prints no figures alone;
    else those are a table's cells ("6" / "0" / "12", "7" / "18%", "0%" / "4"
    closing a grid printed in reading order), not a page's number. A grid
    that then prints one cell too many is left unread and reported; a cell
    taken for a page number would be lost."""
    out: set[int] = set()
    for indexes in by_page.values():
        for end in (indexes[:BAND_LINES], indexes[-BAND_LINES:]):
            named = [i for i in end if PAGE_WORD.search(lines[i])]
            out.update(named)
            numbered = [i for i in end if LONE_NUMBER.match(lines[i])]
            if (
                not named
                and len(numbered) == 1
                and not any(
                    FIGURES_ONLY.match(lines[i]) for i in end if i not in numbered
                )
            ):
                out.update(numbered)
    return out


def _repeated_headers(lines: Sequence[str], by_page: dict[int, list[int]]) -> set[int]:
    """A page's first lines from a table header's on: the header of a table
    that goes on from the page before, printed again at the top of each page,
    which recurs as a running header does but opens the rows below it
    (samples/text/000_…-browser-layout lines 139-140 and 210-211: "Action &
    Progress Update  Outcomes  Q1 …" over "Rating Rating Rating Rating")."""
    out: set[int] = set()
    for indexes in by_page.values():
        top = indexes[:BAND_LINES]
        for k, i in enumerate(top):
            if is_header_cells([f.text for f in fragments(lines[i])]):
                out.update(top[k:])
                break
    return out
