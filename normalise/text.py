"""Text clean-up: whitespace, HTML inside cells, typographic dashes."""

from __future__ import annotations

import re
import warnings
from functools import lru_cache

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

WS = re.compile(r"[ \t\r\f\v\u00a0]+")
TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
# Elements whose end is a paragraph break in the printed cell.
BLOCK_TAGS = ("p", "li", "ul", "ol", "tr", "table", "div", "br", "h1", "h2", "h3")
DASH = re.compile("[\u2013\u2014\u2010\u2011\u2212]")
DASHES = str.maketrans(
    {"\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-", "\u2212": "-"}
)


def squash(s: str) -> str:
    """Collapse runs of whitespace (newlines included) to one space and trim."""
    return " ".join(s.split())


def has_html(s: str) -> bool:
    return TAG.search(s) is not None


@lru_cache(maxsize=8192)
def strip_html(raw: str) -> str:
    """Cell text without markup; paragraphs and list items on their own lines.

    `<p>Q1 (24.07.17) …</p> <p>Q1 24 Individuals …</p>` -> two lines.
    Text without tags is only whitespace-squashed, so "<20,000 Tonnes" survives.
    """
    if not has_html(raw):
        if "\n" not in raw:
            return squash(raw)
        return "\n".join(p for p in (squash(x) for x in raw.split("\n")) if p)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(raw, "html.parser")
    for tag in soup.find_all(BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    for cell in soup.find_all(["td", "th"]):
        cell.insert_after("\t")
    text = soup.get_text()
    lines = (" ".join(x.replace("\t", " ").split()) for x in text.split("\n"))
    return "\n".join(line for line in lines if line)


def fold_dashes(s: str) -> str:
    """En and em dashes, minus signs and hyphen variants as ASCII '-'."""
    # Most texts hold none: a pattern finds that faster than a translation.
    return s.translate(DASHES) if DASH.search(s) else s
