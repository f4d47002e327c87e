"""Text clean-up: whitespace, HTML inside cells, typographic dashes."""

from __future__ import annotations

import html
import re
import warnings
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from html.entities import html5
from typing import cast, overload

from normalise.patterns import compiled

WS = compiled(r"[ \t\r\f\v\u00a0]+")
TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
# Elements whose end is a paragraph break in the printed cell.
BLOCK_TAGS = ("p", "li", "ul", "ol", "tr", "table", "div", "br", "h1", "h2", "h3")
# Elements followed by a tab: the cells of a table printed in a cell.
CELL_TAGS = ("td", "th")
# The elements of the markup read without BeautifulSoup (see `_simple_text`):
# the block and cell elements and the inline ones whose text is plain text.
SIMPLE_TAGS = frozenset(
    (*BLOCK_TAGS, *CELL_TAGS, "thead", "tbody", "tfoot")
    + ("span", "b", "i", "u", "em", "strong", "a", "font", "sup", "sub", "small")
)
# A start or end tag html.parser reads as written: a name, then attributes
# whose values hold no angle bracket (an unquoted one no slash either).
SIMPLE_TAG = re.compile(
    r"<(?P<end>/?)(?P<name>[a-zA-Z][a-zA-Z0-9]*)"
    r"(?P<attrs>(?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*"
    r"(?:\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s\"'=<>`/]+(?=[\s>])))?)*)"
    r"\s*(?P<empty>/?)>"
)
# "&" starts a character reference unless a space follows it ("Crime & ASB").
REFERENCE = re.compile(r"&(?!\s)")
# A character reference as an HTML export prints it outside markup too
# ("Crime &amp; Partnerships"), always with its ";".
ENTITY = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
DASH = re.compile("[\u2013\u2014\u2010\u2011\u2212]")
DASHES = str.maketrans(
    {"\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-", "\u2212": "-"}
)


# Characters a print sets for looks, not for letters: the ligatures of Unicode's
# alphabetic presentation forms ("ﬁ" in "beneﬁts", as a PDF's font may map
# them), the soft hyphen (U+00AD, seen only where a line breaks) and the
# zero-width space, joiners, word joiner and no-break space (U+FEFF).
LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
SOFT_HYPHEN = "\u00ad"
PRESENTATION = re.compile("[\ufb00-\ufb06\u00ad\u200b-\u200d\u2060\ufeff]")
# Those characters, and the gaps of two spaces or more that part columns.
PRESENTATION_OR_GAP = re.compile(f"{PRESENTATION.pattern}| {{2,}}")


def spell_out(text: str) -> tuple[str, Counter[str]]:
    """`text` in letters: each ligature spelt out ("ﬁ" -> "fi"), a soft hyphen
    printed as the hyphen it shows where it ends a line (or the text) and
    dropped elsewhere, zero-width characters dropped; how many of each kind
    ("ligature", "soft hyphen", "zero-width character") were met.

    Space-aligned text (`pdftotext -layout`) keeps its columns: the next gap
    of two spaces or more on the line (down to two) gives back what the line
    gained (a ligature's letters), or takes what it lost: a mark printed
    after "oﬃce" stays under its quarter."""
    counts: Counter[str] = Counter()
    if PRESENTATION.search(text) is None:
        return text, counts
    lines = text.split("\n")
    spelt = [
        _spelt_line(line, counts) if PRESENTATION.search(line) else line
        for line in lines
    ]
    return "\n".join(spelt), counts


def _spelt_line(line: str, counts: Counter[str]) -> str:
    parts: list[str] = []
    shift = 0  # characters the line has gained so far, or lost (< 0)
    at = 0
    for m in PRESENTATION_OR_GAP.finditer(line):
        parts.append(line[at : m.start()])
        at = m.end()
        found = m[0]
        if found[0] != " ":
            letters = _letters(found, at == len(line.rstrip("\r")), counts)
            shift += len(letters) - 1
            parts.append(letters)
        elif shift > 0:
            # A gap stays two spaces at least: the columns stay apart.
            kept = max(2, len(found) - shift)
            shift -= len(found) - kept
            parts.append(" " * kept)
        else:
            parts.append(found + " " * -shift)
            shift = 0
    parts.append(line[at:])
    return "".join(parts)


def _letters(char: str, line_end: bool, counts: Counter[str]) -> str:
    if char in LIGATURES:
        counts["ligature"] += 1
        return LIGATURES[char]
    if char == SOFT_HYPHEN:
        counts["soft hyphen"] += 1
        return "-" if line_end else ""
    counts["zero-width character"] += 1
    return ""


def squash(s: str) -> str:
    """Collapse runs of whitespace (newlines included) to one space and trim."""
    return " ".join(s.split())


# A footnote's mark after a label ("Annual Target*", "Q2 Actual†", "Target¹"):
# the label is the words before it.
FOOTNOTE_MARK = re.compile(r"\s*[*\u2020\u2021\u00b9\u00b2\u00b3\u2070-\u2079]+$")


def unmarked(label: str) -> str:
    """A squashed label without a footnote's mark after it."""
    return FOOTNOTE_MARK.sub("", label) if label else label


def may_hold(text: str, words: tuple[str, ...]) -> bool:
    """Whether a case-blind pattern could find one of the lower-case ASCII
    `words` in `text`: a cheap test before searching with re.IGNORECASE.
    Beyond ASCII the answer is yes, as such a pattern also takes "ſ" for "s",
    "K" (the Kelvin sign) for "k" and "ı" for "i"."""
    if not text.isascii():
        return True
    low = text.lower()
    return any(w in low for w in words)


# The characters beyond ASCII a case-blind pattern takes for an ASCII letter:
# "İ" and "ı" for "i", "ſ" for "s", "K" (the Kelvin sign) for "k".
CASE_BLIND_EXTRA = "\u0130\u0131\u017f\u212a"
CASE_BLIND_ASCII = str.maketrans(CASE_BLIND_EXTRA, "iisk")


def case_blind(text: str) -> bytes:
    """`text` as bytes in which a case-blind pattern's lower-case ASCII words
    are found as they are, a byte a character (an offset in it is the same
    in `text`): A-Z lowered, `CASE_BLIND_EXTRA` put as ASCII, every other
    character beyond ASCII a "?"."""
    if any(c in text for c in CASE_BLIND_EXTRA):
        text = text.translate(CASE_BLIND_ASCII)
    return text.encode("ascii", "replace").lower()


def has_html(s: str) -> bool:
    return TAG.search(s) is not None


@lru_cache(maxsize=8192)
def strip_html(raw: str) -> str:
    """Cell text without markup; paragraphs and list items on their own lines.

    `<p>Q1 (24.07.17) …</p> <p>Q1 24 Individuals …</p>` -> two lines.
    Text without tags is only whitespace-squashed, so "<20,000 Tonnes" survives.
    """
    if not has_html(raw):
        if "&" in raw:
            raw = ENTITY.sub(_referenced, raw)
        if "\n" not in raw:
            return squash(raw)
        return "\n".join(p for p in (squash(x) for x in raw.split("\n")) if p)
    text = _simple_text(raw)
    if text is None:
        text = _soup_text(raw)
    lines = (" ".join(x.replace("\t", " ").split()) for x in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _referenced(m: re.Match[str]) -> str:
    """What a character reference names; an unknown name stays as printed
    ("&notaname;", which `html.unescape` reads as "¬aname;")."""
    ref = m[0]
    if ref[1] == "#":
        return html.unescape(ref)
    return html5.get(ref[1:], ref)


def _simple_text(raw: str) -> str | None:
    """The text `_soup_text` gives, read without BeautifulSoup, for markup of
    SIMPLE_TAGS with no character reference and no other angle bracket
    (every cell with markup in samples/); None for any other markup.

    As html.parser builds the tree: an end tag closes every element opened
    after its own (`<p>a<b>b</p>`), an end tag of no open element is ignored,
    and what is still open ends with the cell (`<ul style="..."> - Training`).
    """
    if REFERENCE.search(raw):
        return None
    parts: list[str] = []
    open_: list[str] = []
    at = 0
    for tag in SIMPLE_TAG.finditer(raw):
        parts.append(raw[at : tag.start()])
        at = tag.end()
        name = tag["name"].lower()
        if name not in SIMPLE_TAGS:
            return None
        if tag["end"]:
            if tag["attrs"] or tag["empty"] or name == "br":
                return None
            if name in open_:
                while (last := open_.pop()) != name:
                    parts.append(_after(last))
                parts.append(_after(name))
            continue
        parts.append("\n" if name in BLOCK_TAGS else "")
        if tag["empty"] or name == "br":
            parts.append(_after(name))
        else:
            open_.append(name)
    parts.append(raw[at:])
    parts.extend(_after(name) for name in reversed(open_))
    text = "".join(parts)
    if "<" in text or ">" in text:
        return None
    return text


def _after(name: str) -> str:
    """What ends an element in the text: a line break after a block, a tab
    after a table cell."""
    if name in BLOCK_TAGS:
        return "\n"
    return "\t" if name in CELL_TAGS else ""


def _soup_text(raw: str) -> str:
    """The text of any markup, as BeautifulSoup's html.parser reads it: a line
    break before and after each block element, a tab after each table cell."""
    # bs4 (with soupsieve, 0.1 s) is imported by the first cell that needs it.
    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(raw, "html.parser")
    for tag in soup.find_all(BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    for cell in soup.find_all(CELL_TAGS):
        cell.insert_after("\t")
    return soup.get_text()


def fold_dashes(s: str) -> str:
    """En and em dashes, minus signs and hyphen variants as ASCII '-'."""
    # Most texts hold none: a pattern finds that faster than a translation.
    return s.translate(DASHES) if DASH.search(s) else s


@overload
def offsets(text: str, part: str) -> list[int]: ...
@overload
def offsets(text: bytes, part: bytes) -> list[int]: ...
def offsets(text: str | bytes, part: str | bytes) -> list[int]:
    """Every offset at which `part` starts in `text`, overlapping ones too."""
    find = cast("Callable[[str | bytes, int], int]", text.find)
    found: list[int] = []
    at = find(part, 0)
    while at >= 0:
        found.append(at)
        at = find(part, at + 1)
    return found
