"""Sentences of a prose paragraph and the numbers printed in them.

"During 2011/12, there were 5,803 crimes recorded in Cannock Chase, equal to a
rate of 61 crimes per 1,000 population. This is a reduction of 11% (705 crimes)
compared with the previous year" (samples/004 section 5.4): two sentences, five
numbers. A number that is no measured value (a section number, a year, a date, a
phone number …) is skipped by a named rule in `SKIP_RULES`, so QA can count what
each rule took and list what no rule and no statement explains.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from normalise.amounts import SCALES
from normalise.vocabulary import DASH, FINANCIAL_YEAR, MONTH, QUARTER_NUMBER

# "5,803", "61", "25.3%", "£50,000", "(£6000)", "10 per cent". Not numbers glued
# to words or dots ("Q1", "3rd", "24.07.17"), nor the halves of "2011/12", which
# the `year` rule reads whole; a number after a word and a slash is one
# ("22% reduction/416 fewer crimes").
NUMBER = re.compile(
    r"(?<![\w£$.,])(?<!\d/)(?:(?P<fy>(?:19|20)\d\d/\d\d(?:\d\d)?)(?![\w/])"
    r"|(?P<gbp>£\s?)?"
    r"(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    # "2.3 million", "£3.4 million", "£1.2m", "£250k", "£2bn": a multiplier.
    # The short letters count only after "£", where they cannot be a unit.
    # "£3.4million", "£3.4 Million" and "£3.4M" are printed too.
    r"(?P<scale>(?(gbp)\s?|\s)(?i:million|billion)\b|(?(gbp)(?i:bn|m|k)\b|(?!)))?"
    r"(?P<percent>\s?%|\s(?:per\s?cent|percent)\b)?"
    r"(?![\w£]|[.,]\d|/\d))"
)

# A full stop, question or exclamation mark, maybe closing a quote or bracket,
# then a space and what starts a sentence.
SENTENCE_END = re.compile(r"(?<=[.!?])[’”\")]?\s+(?=[A-Z0-9‘“\"(•£])")
# Words whose full stop ends no sentence ("e.g. the Right Stuff boxing club",
# samples/004 line 189) and a list item's own number ("1. Note the update").
NO_END = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|approx|No|Nos|St|Mr|Mrs|Ms|Dr|Cllr|Cllrs|vs|ref|Ref"
    r"|para|paras)\.|^\s*\d+(?:\.\d+)*\.)$"
)

# The units of a time and how each is printed: "8.2 days", "45 secs".
TIME_UNITS = {
    "seconds": ("second", "seconds", "sec", "secs"),
    "minutes": ("minute", "minutes", "min", "mins"),
    "hours": ("hour", "hours", "hr", "hrs"),
    "days": ("day", "days"),
    "weeks": ("week", "weeks"),
    "months": ("month", "months"),
    "years": ("year", "years"),
}
TIME_UNIT = rf"(?:{'|'.join(w for ws in TIME_UNITS.values() for w in ws)})\b"
# What makes a time a span or an age even where it is stated ("It is 12 months
# since", "which is 15 years old").
SPAN_AFTER = (
    r"(?:ago|old|long|since|and\s+over|or\s+(?:more|over|less|under|older)|of\s+age)\b"
)
STREET = (
    r"(?:Road|Street|Avenue|Lane|Way|Close|Drive|Grove|Terrace|Place|Crescent"
    r"|Court|Square|Gardens|Walk|Rise|Hill)"
)
# Numbers that name or date something rather than measure it, by rule, in the
# order they are tried. Each is found in the whole paragraph, so a rule can see
# where the paragraph starts.
SKIP_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "5.4", "- 1.1 To provide …", "6 Implications", "3" alone on its line; in a
    # paper whose text runs on without line breaks, a heading and its first
    # paragraph anywhere ("… for the year. 2 Recommendations 2.1 To note …"), and
    # a paragraph's number after a sentence ("… function. 2.3 Note the …").
    (
        "section_number",
        re.compile(
            r"^\s*(?:[-•]\s*)?(?:\d+\.\d+(?:\.\d+)*(?=\s|\*|$)"
            r"|\d{1,2}(?=\s+[A-Z]|\*|\s*$))"
            r"|(?<![\w.,£])(?P<head>\d{1,2})\s+[A-Z][^\d.]{0,120}?\s(?P=head)\.\d{1,2}(?=\s)"
            r"|(?<=[.;:!?]\s)\d{1,2}\.\d{1,2}(?=\s+[A-Z][a-z]+\s)"
        ),
    ),
    # "1. Note the update", "(2) Identify"; "**6.1 Financial**" inside a heading.
    (
        "item_number",
        re.compile(r"^\s*(?:[-•]\s*)?\(?\d+[.)](?=\s)|\*\*\d+(?:\.\d+)*"),
    ),
    # "01543 462621", "(01543) 464 576".
    ("phone", re.compile(r"\(?\b0\d{3,4}\)?\s?\d{3}\s?\d{3,4}\b")),
    # "21st June 2012", "23 June 2015", "November 2012", "1 January 2019",
    # "Sept 09 – May 10" (samples/004 appendix).
    (
        "date",
        re.compile(
            rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}(?:\s+\d{{4}})?"
            rf"|\b{MONTH}\s*,?\s+(?:\d{{4}}|\d\d)\b"
            r"|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b",
            re.IGNORECASE,
        ),
    ),
    # "2011/12", "2015-18", "2012", "the Crime and Disorder Act 1998".
    (
        "year",
        re.compile(
            rf"(?<![\d,.£])(?:{FINANCIAL_YEAR}|(?:19|20)\d\d(?:\s*{DASH}\s*(?:19|20)?\d\d)?)"
            r"(?!\d|[,.]\d|\s?%)"
        ),
    ),
    # "Quarter 1", "Quarters 1 & 2", "Q3".
    (
        "quarter",
        re.compile(
            rf"\bquarters?\s+{QUARTER_NUMBER}(?:\s*(?:,|and|&|{DASH}|to)\s*"
            rf"{QUARTER_NUMBER})*\b",
            re.IGNORECASE,
        ),
    ),
    # "page 3", "Pages 4-6", "page 2 of 10".
    (
        "page",
        re.compile(rf"\bpages?\s+\d+(?:\s*(?:of|{DASH}|to)\s*\d+)?\b", re.IGNORECASE),
    ),
    # "12 Kelly Avenue"; "Service Area 6, Rugeley" (samples/002: a car park).
    (
        "address",
        re.compile(
            rf"\b\d+[a-z]?\s+(?:[A-Z][a-z]+\s+){{1,3}}{STREET}\b"
            r"|\bService\s+Area\s+\d+\b"
        ),
    ),
    # A number that names a thing: "Appendix 1", "Section 17", "Outcome 1",
    # "LPSA 2", "waves 10-13" (samples/004: survey waves), "Item 9.1", the
    # running header "ITEM NO. 17.22" (samples/004).
    (
        "name_number",
        re.compile(
            rf"\b(?:Appendix|Appendices|Annex|Section|Paragraph|Para|Item|Outcome"
            rf"|Objective|Priority|Theme|Phase|Stage|Tier|Level|Option|Part|Table"
            rf"|Figure|Chart|Waves?|LPSA|Round|Ward|Junction|Route|Unit|Block|Year)"
            rf"\.?\s+(?:No\.?\s*)?\d+(?:\.\d+)*(?:\s*(?:{DASH}|&|and|to)\s*\d+)?\b",
            re.IGNORECASE,
        ),
    ),
    # A time span: "over 12 months from January 2013", "Danilo Road (4 days)",
    # "37 hours per week", "3 years ago", "65 years and over"; a time of two
    # units ("2 hours 15 minutes"), which no one figure states. Not a time
    # measured, which is a figure (`normalise.figures.DURATIONS`): one with
    # decimals ("8.2 days"), in thousands ("2,500 hours"), "per" a thing ("7.4
    # days per employee"), stated ("averaged 24 days", "was 24 days") or
    # compared ("from 12 weeks", "compared with 60 seconds").
    (
        "duration",
        re.compile(
            # A digit first: the engine tries the lookbehinds only there.
            r"\b(?=\d)(?<![\d.,])"
            rf"(?:\d{{1,3}}\s*{TIME_UNIT}\s+{SPAN_AFTER}"
            # A time of two units ("2 hours 15 minutes"): no one figure.
            rf"|\d{{1,3}}\s*{TIME_UNIT}\s+(?:and\s+)?\d{{1,2}}\s*{TIME_UNIT}"
            r"|(?<!\bwas )(?<!\bwere )(?<!\bis )(?<!\bare )(?<!\baveraged )"
            r"(?<!\baverage of )(?<!\bstood at )(?<!\bfrom )(?<!\bwith )"
            rf"\d{{1,3}}\s*{TIME_UNIT}(?!\s+per\s+(?!{TIME_UNIT}|annum\b)))",
            re.IGNORECASE,
        ),
    ),
    # "10am", "7.30 pm", "14:00".
    (
        "time",
        re.compile(r"\b\d{1,2}(?:[.:]\d\d)?\s?(?:am|pm)\b|\b\d{1,2}:\d\d\b", re.I),
    ),
)
SKIP_NAMES = tuple(name for name, _ in SKIP_RULES)


@dataclass(frozen=True, slots=True)
class Number:
    """One number printed in a paragraph: where, its value and how it is marked."""

    start: int
    end: int
    text: str
    value: float
    percent: bool
    gbp: bool
    skipped: str | None
    # Printed with a multiplier ("£1.2m"): `value` is scaled, the change to log.
    scaled: bool = False


def numbers(paragraph: str) -> list[Number]:
    """Every number in a paragraph, each with the skip rule that explains it."""
    return list(_numbers(paragraph))


# A paragraph is read for its numbers more than once (a statement recogniser asks
# of every paragraph, then of each one it reads); the answer depends on the text
# alone.
@lru_cache(maxsize=4096)
def _numbers(paragraph: str) -> tuple[Number, ...]:
    printed = list(NUMBER.finditer(paragraph))
    if not printed:
        # Most paragraphs print no number: no rule need be run over them.
        return ()
    # Each rule's matches do not overlap and come in order, so their ends rise
    # with their starts and the first match ending after a number's start is the
    # only one of that rule that can cover it.
    spans = [
        ([m.start() for m in found], [m.end() for m in found], name)
        for name, pattern in SKIP_RULES
        if (found := list(pattern.finditer(paragraph)))
    ]
    out = []
    for m in printed:
        end = m.end("fy") if m["fy"] else m.end("digits")
        out.append(
            Number(
                start=m.start(),
                end=m.end(),
                text=m[0],
                value=_value(m),
                percent=m["percent"] is not None,
                gbp=m["gbp"] is not None,
                skipped=_rule(spans, m.start(), end),
                scaled=m["scale"] is not None,
            )
        )
    return tuple(out)


def _value(m: re.Match[str]) -> float:
    """A number's value: a year's first four digits, a figure times its
    multiplier."""
    if m["fy"]:
        return float(m["fy"][:4])
    digits = m["digits"].replace(",", "")
    if m["scale"] is None:
        return float(digits)
    return float(Decimal(digits) * SCALES[m["scale"].strip().lower()])


def _rule(
    spans: list[tuple[list[int], list[int], str]], start: int, end: int
) -> str | None:
    """The first rule, in `SKIP_RULES` order, with a match overlapping start..end."""
    for starts, ends, name in spans:
        k = bisect_right(ends, start)
        if k < len(ends) and starts[k] < end:
            return name
    return None


def sentences(paragraph: str) -> list[tuple[int, int]]:
    """The character spans of a paragraph's sentences."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in SENTENCE_END.finditer(paragraph):
        if NO_END.search(paragraph[start : m.start()]):
            continue
        out.append((start, m.start()))
        start = m.end()
    if paragraph[start:].strip():
        out.append((start, len(paragraph.rstrip())))
    return out
