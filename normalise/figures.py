"""What a number in a sentence states: its unit, direction, comparison and subject.

    "During 2011/12, there were 5,803 crimes recorded in Cannock Chase"
        -> 5803 count, subject "crimes recorded", 2011/12, FY
    "This is a reduction of 11% (705 crimes) compared with the previous year"
        -> 11 percent and 705 count, both reduction, compared with the previous year
    "A 20.16 reduction in anti social behaviour"
        -> 20.16, unit unknown (no % sign): reported, never guessed

Pure functions of the sentence text; the recogniser supplies the numbers
(`normalise.sentences`), the paragraph's frame and the bullet's lead.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from normalise.patterns import compiled
from normalise.sentences import TIME_UNIT, TIME_UNITS, Number
from normalise.vocabulary import FINANCIAL_YEAR
from normalise.years import (
    QUARTER_OR_YEAR,
    financial_year,
    financial_years_in,
    ordinal_quarters,
    period_of,
    quarters_in,
)

REDUCTION = (
    r"reductions?|decreases?|decreased|falls?|fell|drops?|dropped|declines?"
    r"|declined|fewer|lower|less|down|reduced"
)
INCREASE = r"increases?|increased|rises?|rose|risen|more|higher|up|growth|grew"
CHANGE_WORD = compiled(rf"\b(?:(?P<down>{REDUCTION})|(?P<up>{INCREASE}))\b", re.I)
# The word right after a figure: "22% reduction", "416 fewer crimes", "22% lower".
CHANGE_AFTER = re.compile(
    rf"^\s*(?:(?P<down>{REDUCTION})|(?P<up>{INCREASE}))\b(?!\s+than\s+\d)", re.I
)
# The words right before it: "a reduction of 11%", "reduced by 5", "down 3%".
CHANGE_BEFORE = re.compile(
    rf"\b(?:(?P<down>{REDUCTION})|(?P<up>{INCREASE}))"
    r"(?:\s+(?:of|by))?(?:\s+(?:about|around|almost|nearly|over|just))?\s*$",
    re.I,
)
# "a reduction in anti social behaviour of 11%": the subject comes first.
CHANGE_IN_BEFORE = compiled(
    rf"\b(?:{REDUCTION}|{INCREASE})\s+(?:in|on)\s+(?P<np>[^,;.()]+?)\s+(?:of|by)\s*$",
    re.I,
)
# A lead-in that gives its bullets a direction: "Reductions have been recorded in:".
LEAD_CHANGE = compiled(
    r"\b(?:(?P<down>reductions?|decreases?|falls?)|(?P<up>increases?|rises?))\b",
    re.I,
)
# What a figure is compared with runs to the clause's end; a decimal point or
# a thousands comma inside a number ends nothing ("compared with 96.9% in Q4").
COMPARISON = re.compile(
    r"\b(?:compared|in\s+comparison)\s+(?:with|to)\s+"
    r"(?P<a>(?:[^,;.()]|(?<=\d)[.,](?=\d))+?)"
    r"(?=\s*(?:[,.](?!\d)|[;()]|\band\b|$))"
    rf"|\bthan\s+(?:[^,;.()]*?\s)?(?P<b>{FINANCIAL_YEAR}|(?:19|20)\d\d)(?!\d)"
    r"|\b(?:than|on|from|since)\s+(?P<c>(?:the\s+)?(?:previous|last)\s+year"
    r"(?:['’]s\s+\w+)?|the\s+same\s+period\s+(?:last|the\s+previous)\s+year)",
    re.I,
)
# The unit printed after a figure, if any: "%", "per cent", "days", "days
# per FTE", "tonnes".
UNIT_AFTER = (
    rf"(?:\s*%|\s+(?:per\s*cent\b|(?:{TIME_UNIT}|tonnes?\b)(?:\s+per\s+[^\W\d]+)?))?"
)
# A comparison's figure with its own quarter or year: "up from 88% in the
# first quarter of 2017/18", "from 88% in Quarter 2", "compared with 96.9% in
# Q4 2016/17", "against 95% in Q2 2016/17" (not "97.2% against 98% for
# 2017/18", a target for the sentence's year). That period is the figure's,
# never its sentence's.
BASE_PERIOD = compiled(
    r"(?:\b(?:from|than|compared\s+(?:with|to))\s+(?:£\s*)?\d[\d,.]*"
    rf"{UNIT_AFTER}\s+(?:in|during|for)|\bagainst\s+(?:£\s*)?\d[\d,.]*"
    rf"{UNIT_AFTER}\s+in)\s+{QUARTER_OR_YEAR}",
    re.I,
)
# "61 crimes per 1,000 population": a rate, and the 1,000 is part of it.
RATE = compiled(
    r"^\s*(?P<np>(?:[^\W\d][\w'’-]*\s+){0,3}?)per\s+"
    r"(?P<base>1,000|1000|10,000|10000|100,000|100000|thousand)\b",
    re.I,
)
RATE_BASES = {
    "1,000": 1000,
    "1000": 1000,
    "thousand": 1000,
    "10,000": 10_000,
    "10000": 10_000,
    "100,000": 100_000,
    "100000": 100_000,
}
# After a time's unit: it is a gap ("2.5 days lower than", "0.6 days per FTE
# better than", "2 days below target", "1.5 days over the national average",
# "12 days over the 10 day standard"), not a time measured "over the year"
# or "under the new system".
GAP = compiled(
    r"(?:\s+per\s+[^\W\d]+)?\s+(?:(?:lower|higher|longer|shorter|fewer|more|less"
    r"|better|worse|quicker|faster|slower)\b|(?:above|below|over|under|ahead\s+of"
    r"|behind|short\s+of)\s+(?:(?:the|our|its|their|a|an)\s+)?"
    # Words that name the measure, not a time or a place in the sentence
    # ("over the year on average", "under the national scheme").
    r"(?:(?!(?:year|years|period|quarter|month|months|winter|summer|scheme|system"
    r"|on|against|in|for|of|the)\b)[\w/.-]+\s+){0,3}?"
    r"(?:target|average|figure|standard|benchmark|norm|mean|median)s?\b"
    r"(?=\s*(?:[,.;:)]|$)|\s+(?:for|of|in|by|and|set|was|is|at|this|last|during"
    r"|across|with|but|which|while|date|levels?|rates?|despite|although|though|as"
    r"|when|so|after|before|since|because|due|following)\b))",
    re.I,
)
# What `_unit` says of a number that is no figure.
NO_FIGURE: tuple[None, bool, None] = (None, False, None)
# A number that names a year group or a year, not a time: "Year 11 pupils".
NAMED_BY_NUMBER = re.compile(r"\s+\d")
# The unit of a time measured, by the word after it: "8.2 days per FTE".
DURATIONS = {word: unit for unit, words in TIME_UNITS.items() for word in words}
# "12,345 tonnes of household waste": the unit and the "of" before what they
# weigh ("420 tonnes collected" says not what).
TONNES_OF = compiled(r"\s*tonnes?\s+of\s+", re.IGNORECASE)
# "71% of residents feel safe …": what the share is of.
SHARE_OF = re.compile(r"^\s*of\s+(?P<np>.*)", re.S)
# The figures of a change from one to the other ("Recycling increased from 78%
# in 2016/17 to 84% in 2017/18"): the first is `FROM_FIGURE` before it and
# `TO_NEXT` after it, the second `TO_FIGURE` before it. A bare count there is
# still no figure: its unit is the other figure's ("from 9.1 in 2016/17 to
# 8.2 days") and its year may not be the sentence's.
CHANGE_VERB = (
    r"(?:rose|risen|fell|fallen|increased|decreased|reduced|dropped|declined"
    r"|grew|grown|improved|(?:went|gone)\s+(?:up|down))"
)
# "fell from £", then "… in 2016/17 to £".
FROM = rf"\b{CHANGE_VERB}\s+from\s+(?:£\s*)?"
TO = rf"(?:\s+(?:in|during)\s+{QUARTER_OR_YEAR})?\s+to\s+(?:£\s*)?"
FROM_FIGURE = compiled(rf"{FROM}$", re.I)
TO_NEXT = compiled(rf"^{UNIT_AFTER}{TO}\d", re.I)
TO_FIGURE = compiled(rf"{FROM}\d[\d,.]*{UNIT_AFTER}{TO}$", re.I)
# What changed, before its verb: "The number of households in temporary
# accommodation fell from …" -> "households in temporary accommodation".
# So is what a change by a figure is of: "Total crime decreased by 5%".
HELPER_VERB = r"(?:(?:has|have|had)\s+(?:been\s+)?|(?:is|are|was|were)\s+)?"
CHANGED = compiled(rf"\s{HELPER_VERB}{CHANGE_VERB}\s+from\s", re.I)
CHANGED_BY = compiled(rf"\s{HELPER_VERB}{CHANGE_VERB}\s+by\s+(?:£\s*)?$", re.I)
MEASURE_OF = compiled(
    r"^(?:the\s+)?(?:number|total|level|rate|percentage|proportion)\s+of\s+", re.I
)
# What a figure is stated as, by the verb before it: "Performance was 92%",
# "Sickness absence averaged 8.2 days", "Satisfaction rose to 92%".
STATED_AS = compiled(
    rf"\s(?:{HELPER_VERB}(?:stood|stand|stands)\s+at|was|were|is|are|has\s+been"
    rf"|have\s+been|had\s+been|totall?ed|averaged|reached"
    rf"|{HELPER_VERB}{CHANGE_VERB}\s+to)\s+(?:£\s*)?$",
    re.I,
)
# A period named in a subject's words: "Performance in Quarter 2 was 92%".
PERIOD_PHRASE = compiled(
    rf"\s+(?:in|during|for)\s+{QUARTER_OR_YEAR}(?![\d/.]?\d)",
    re.I,
)
# The words before a comparison's figure: "92%, up from 88%", "92% in Quarter
# 3 from 88%", "compared with 96.9%", "97.2% against 98%", "92%, higher than
# 88%"; not a bound ("less than 8%").
BASE_BEFORE = compiled(
    r"(?:\b(?:(?:up|down)\s+)?from|\bcompared\s+(?:with|to)|\bagainst"
    r"|,\s*(?:higher|lower|better|worse|up|down)\s+than)\s+(?:£\s*)?$",
    re.I,
)
# A figure stated as a target: "against a target of 98%", "the target for
# 2017/18 is 45%", "exceeded the target of 90%", "(target 98%)", "Target:
# 95%". Between "target" and the figure only what the target is for and a
# verb ("met their target and 3 …" states none); the words before "target"
# say whether it is named or measured against (`_measured_against`: "on
# target: 12").
TARGET_BEFORE = compiled(
    rf"\btargets?(?:\s+{FINANCIAL_YEAR})?"
    rf"(?:\s+(?:for|in)\s+(?:the\s+)?(?:{QUARTER_OR_YEAR}"
    r"|[^\W\d]+(?:\s+[^\W\d]+){0,3}))?"
    r"(?:\s+of|\s*:|\s+(?:is|was|were|are|has\s+been|had\s+been|set\s+at"
    r"|stands\s+at|stood\s+at))?"
    r"(?:\s+(?:at\s+least|over|under|below|above|up\s+to|no\s+more\s+than"
    r"|a\s+(?:minimum|maximum)\s+of))?\s*(?:£\s*)?$"
    # "We aim to collect 98%".
    r"|\baims?\s+to\s+[^\W\d]+\s+(?:£\s*)?$",
    re.I,
)
# What performance is measured against a target by, in the words before it:
# "Performance against target was 94.5%", "meeting target: 78%", "the
# variance from target was 1.5%", "in line with target: 75%", "as a percentage
# of target was 104%" state no target; "against a target of 98%", which names
# its figure, does.
MEASURED_BY_TARGET = frozenset(
    "against from meeting meet met versus vs below above within under over "
    "exceeded exceeding exceeds missed missing beat beating achieving achieved "
    "achieve reaching reached hitting hit towards toward behind failed failing "
    "fail to with of on off".split()
)
# "of" measures against a target only after a share or a gap ("achievement
# of target", "as a percentage of target", "ahead of target"); "one of our
# targets", "the level of the annual target" name one.
SHARES_OF = frozenset(
    "achievement share percentage percent proportion fraction variance short "
    "ahead".split()
)
# A target's figure named after "of", however the words run before it ("the
# target for the end of the year of 95%").
OF_FIGURE = compiled(
    r"\bof(?:\s+(?:at\s+least|over|under|below|above|up\s+to|no\s+more\s+than))?"
    r"\s*(?:£\s*)?$",
    re.I,
)
# Words that say what kind of target it is, not what it is of: "a revised
# target", "the annual stretch target".
KINDS_OF_TARGET = frozenset(
    "new revised annual stretch corporate agreed challenging original overall "
    "current local national interim updated proposed minimum maximum".split()
)
# Words between a verb or preposition and what it governs: "against a
# target", "met their target".
DETERMINERS = frozenset("a an the their its our his her my your".split())
# Words that cannot name what a target is of: "against a target".
NOT_A_TARGETS_OWN = MEASURED_BY_TARGET | DETERMINERS
# How many words before "target" may say what is measured against it.
TARGET_REACH = 4
TARGET_WORD = compiled(r"\btargets?\b", re.I)
# A figure that names a target after it: "the 95% target set by Cabinet",
# "the 8.5 day target", "the council's 250 homes target for 2017/18"; not
# "450 target families", "96% at target", "0.4% below target" or "78%
# target achievement".
TARGET_AFTER = compiled(
    r"^(?:\s*-?\s*(?!(?:at|on|off|below|above|over|under|outside|within|against"
    r"|to|of|in|for|from|with|behind|ahead|short|near|close|by|and)\b)[^\W\d]+)?"
    r"\s+target\b"
    r"(?=\s*(?:[,.;:)]|$)|\s+(?:for|of|set|was|is|has|had|by|in|and|were|will"
    r"|agreed|level|this|during|across)\b)",
    re.I,
)
# "Performance of 92%", "satisfaction levels of 87%": what the figure is of.
# Not a word that names only a kind of figure ("an average of 92%").
OF_BEFORE = compiled(r"\sof\s*$", re.I)
KINDS_OF_FIGURE = frozenset(
    "average total rate level figure value sum score share maximum minimum "
    "outturn result target".split()
)
# Words that open a name without being its subject: "The registered and …".
NAME_OPENERS = DETERMINERS | frozenset("all newly every each".split())
# Words after a joining word that say when, not what: "improved and then".
THEN = frozenset("then also now subsequently later finally still".split())
# Words that point back rather than name: "It was 92%", "There were 45".
POINTERS = frozenset("it this that these those there they which what".split())
ARTICLE = compiled(r"^(?:the|a|an)\s+", re.I)
# Words before a figure that name only its change: "…, a reduction of 16%".
CHANGE_ONLY = compiled(rf"^(?:an?\s+)?(?:{REDUCTION}|{INCREASE})\s+of$", re.I)
# A count's share printed in brackets after it: "12 (86%)".
BRACKETED_SHARE = re.compile(r"^\s*\(\s*\d+(?:\.\d+)?\s*%\s*\)")
# "25.3% reduction in serious acquisitive crime": what changed.
CHANGE_IN = compiled(
    rf"^\s*(?:{REDUCTION}|{INCREASE})\s+(?:in|on|of|for|amongst|among)\s+(?P<np>.*)",
    re.I | re.S,
)
# Adjectives between a count and its noun: "416 fewer crimes", "5 new officers".
COUNT_LEAD = compiled(r"^\s*(?:(?:fewer|more|less|additional|extra|new)\s+)?", re.I)
WORD = re.compile(r"[^\W\d][\w'’&-]*")
# How many characters either side of a figure its subject, change and
# comparison are read from.
CONTEXT = 400
# How far back the patterns that end where a figure starts reach: a verb or
# a comparison ("has been reduced by £", ", higher than"), and a target's
# words ("target for the year 2017/18 of at least"). None of their matches
# is longer.
TAIL, TARGET_TAIL = 64, 160
CLAUSE_END = re.compile(r"[,;:.()\[\]/\u2013\u2014\"“”]|\s-\s")

# Where each kind of noun phrase stops: the share's clause runs on ("residents
# feel safe in their local area after dark"), a count stops at its verb or
# preposition ("crimes recorded | in Cannock Chase"), a change keeps "with" and
# "of" ("violence with injury", "burglary of business premises").
CLAUSE_STOPS = frozenset(
    "and but despite whilst while although which compared than since".split()
)
CHANGE_STOPS = CLAUSE_STOPS | frozenset(
    "over during across from at for when in on to by between this last".split()
)
COUNT_STOPS = CHANGE_STOPS | frozenset(
    "of with within per was were is are has have had been will would be being "
    "that who the a an as after before under against".split()
)
SHARE_WORDS, CHANGE_WORDS, COUNT_WORDS = 14, 8, 6


@dataclass(frozen=True, slots=True)
class Frame:
    """What a sentence or paragraph states for the figures in it."""

    financial_year: str | None = None
    period: str | None = None
    compared_with: str | None = None
    change: str | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    """A number read as a statement; `uses` are the numbers it reads with it."""

    number: Number
    unit: str | None
    change: str | None
    compared_with: str | None
    subject: str | None
    uses: tuple[Number, ...] = ()
    # "actual", or "target" for a figure stated as one ("a target of 98%").
    measure: str = "actual"


def _is_target(before: str) -> bool:
    """Whether the words before a figure state it as a target
    (`TARGET_BEFORE`, `MEASURED_BY_TARGET`)."""
    m = _ends_with(TARGET_BEFORE, before, TARGET_TAIL)
    if m is None:
        return False
    if OF_FIGURE.search(m[0]) or not TARGET_WORD.match(before, m.start()):
        return True
    clause = CLAUSE_END.split(before[: m.start()])[-1].casefold().split()
    return not _measured_against(clause)


def _target_of(subject: str) -> str | None:
    """What a subject that ends with "target" names the target of: "homes"
    for "250 homes target"; None for words about a target ("against a
    target", "met their target")."""
    words = subject.split()
    if len(words) < 2 or not TARGET_WORD.fullmatch(words[-1]):
        return None
    named = words[:-1]
    if (
        any(w.casefold() in NOT_A_TARGETS_OWN for w in named)
        or not all(WORD.fullmatch(w) for w in named)
        or all(w.casefold() in KINDS_OF_TARGET for w in named)
    ):
        return None
    return " ".join(named)


def _measured_against(clause: list[str]) -> bool:
    """Whether a clause's words before "target" measure something against it
    (`MEASURED_BY_TARGET`, within a few words: "against the corporate
    target"), rather than name it: "of" but after a share (`SHARES_OF`),
    "to" after a verb ("working to the target"), and "with" opening the
    clause ("With the target for 2017/18 set at 95%") do not."""
    start = max(0, len(clause) - TARGET_REACH)
    for k in range(len(clause) - 1, start - 1, -1):
        word = clause[k]
        if word not in MEASURED_BY_TARGET:
            continue
        before = clause[k - 1] if k else ""
        if word == "of":
            return before in SHARES_OF
        if word == "to":
            return not before.endswith("ing")
        return not (word == "with" and k == 0)
    return False


def _ends_with(
    pattern: re.Pattern[str], before: str, reach: int = TAIL
) -> re.Match[str] | None:
    """`pattern`, which ends at the end of the words before a figure, in their
    last `reach` characters (from a start in the text, so that its word
    boundaries and lookbehinds see the text before it)."""
    return pattern.search(before, max(0, len(before) - reach))


def _direction(m: re.Match[str] | None) -> str | None:
    if m is None:
        return None
    return "reduction" if m["down"] else "increase"


def _comparisons(text: str) -> list[re.Match[str]]:
    return list(COMPARISON.finditer(text))


def compared_with(m: re.Match[str]) -> str:
    """The thing compared with, as printed; a year in the contract's form."""
    if m["b"]:
        fy, _ = financial_year(m["b"])
        return fy or m["b"]
    return " ".join((m["a"] or m["c"]).split())


# Statement readers ask for the frame of a paragraph, then of each of its
# sentences, and a sentence that is the whole paragraph twice.
@lru_cache(maxsize=4096)
def frame_of(text: str, lead: bool = False) -> Frame:
    """The year, period, first comparison and (for a lead-in) direction a text
    states. A year compared with ("lower than in 2007/08", "up from 88% in
    Quarter 1") is no frame year or quarter."""
    found = _comparisons(text)
    bare = text
    for m in reversed(found):
        bare = bare[: m.start()] + " " + bare[m.end() :]
    bare = BASE_PERIOD.sub(" ", bare)
    years = financial_years_in(bare)
    # "Quarter 1", "Q1", or "the first quarter of 2014/15".
    quarters = quarters_in(bare) or ordinal_quarters(bare, of_year=True)
    period = period_of(quarters) if quarters else ("FY" if years else None)
    return Frame(
        financial_year=years[0] if years else None,
        period=period,
        compared_with=compared_with(found[0]) if found else None,
        change=_direction(LEAD_CHANGE.search(text)) if lead else None,
    )


def noun_phrase(text: str, stops: frozenset[str], limit: int) -> str | None:
    """The words at the start of `text` up to a clause end or a stop word,
    without a period they name ("cases in Q2": "cases")."""
    clause = CLAUSE_END.split(PERIOD_PHRASE.sub("", text), maxsplit=1)[0]
    words: list[str] = []
    for w in clause.split():
        if w.casefold() in stops or len(words) == limit:
            break
        if not WORD.fullmatch(w):
            break
        words.append(w)
    return " ".join(words) or None


def _unit(n: Number, after: str) -> tuple[str | None, bool, re.Match[str] | None]:
    """(unit, is a figure at all, the rate it states)."""
    if n.percent:
        return "percent", True, None
    if n.gbp:
        return "gbp", True, None
    rate = RATE.match(after)
    if rate and (base := RATE_BASES.get(rate["base"].lower())):
        return f"rate_per_{base}", True, rate
    adjective = COUNT_LEAD.match(after)
    rest = after[adjective.end() :] if adjective else after
    if CHANGE_AFTER.match(after) and not (adjective and adjective[0].strip()):
        # "A 20.16 reduction in anti social behaviour" (samples/004 line 200):
        # a change with no % sign and no noun, so no unit can be told.
        return None, True, None
    words = rest.lstrip()
    first = WORD.match(words)
    if first and first[0].casefold() in ("tonnes", "tonne"):
        # "12,345 tonnes of household waste", as a grid's "5,666.55 Tonnes".
        return "tonnes", True, None
    if first and (duration := DURATIONS.get(first[0].casefold())):
        # A time measured ("averaged 8.2 days per FTE"); a time span ("within
        # 28 days") is skipped before (`normalise.sentences.SKIP_RULES`). Not
        # a gap ("2.5 days lower than …") nor a time of two units ("1.5 hours
        # 30 minutes"); "1,200 Year 11 pupils" is a count.
        if NAMED_BY_NUMBER.match(words, first.end()):
            return ("count", True, None) if first[0] in ("Year", "Years") else NO_FIGURE
        return NO_FIGURE if GAP.match(words, first.end()) else (duration, True, None)
    if first and first[0].casefold() not in COUNT_STOPS:
        return "count", True, None
    return NO_FIGURE


def read_figures(
    sentence: str,
    numbers: list[Number],
    *,
    frame: Frame,
    in_list: bool = False,
    lead: str | None = None,
    antecedent: str | None = None,
) -> list[Figure]:
    """The figures of one sentence: its numbers (offsets within `sentence`, the
    skipped ones included), the frame it inherits, whether it is a bullet that
    continues a lead-in (then the frame's direction and comparison are its
    own unless it prints others), a bullet's lead text ("Violent crime" for
    "Violent crime (22% reduction/416 fewer crimes …)") and the subject of the
    last count before it ("This is a reduction of 11%")."""
    values = [n for n in numbers if n.skipped is None]
    used: set[int] = set()
    out: list[Figure] = []
    for i, n in enumerate(values):
        if n.start in used:
            continue
        # What a figure's words are read from: the text either side of it, as
        # far as any phrase about it reaches (a paragraph without a full stop
        # can run to thousands of numbers, each searched around).
        after = sentence[n.end : n.end + CONTEXT]
        before = sentence[max(0, n.start - CONTEXT) : n.start]
        unit, is_figure, rate = _unit(n, after)
        if not is_figure and _part_of(n, after, out):
            unit, is_figure = "count", True
        if not is_figure:
            continue
        uses: tuple[Number, ...] = ()
        if rate is not None:
            base_at = n.end + rate.start("base")
            uses = tuple(v for v in values if v.start == base_at)
            used.update(v.start for v in uses)
        previous = out[-1] if out else None
        # Printed in brackets right after the figure before: "(705 crimes)"
        # after a change restates it, "(86%)" after a count is its share.
        bracketed = previous is not None and _in_brackets(
            sentence, previous.number.end, n.start
        )
        restates = previous is not None and bracketed and previous.change is not None
        joined = previous is not None and re.fullmatch(
            rf"\s*(?:{REDUCTION}|{INCREASE})?\s*/\s*",
            sentence[previous.number.end : n.start],
            re.I,
        )
        change = (
            _direction(CHANGE_AFTER.match(after))
            or _direction(_ends_with(CHANGE_BEFORE, before))
            or (previous.change if previous and (restates or joined) else None)
            or (frame.change if in_list else None)
        )
        nxt = next(
            (
                v
                for v in values[i + 1 :]
                if v.start not in used and not _in_brackets(sentence, n.end, v.start)
            ),
            None,
        )
        region = sentence[n.end : nxt.start if nxt else len(sentence)]
        found = _comparisons(region)
        compared = compared_with(found[0]) if found else None
        if compared is None and previous is not None and restates:
            compared = previous.compared_with
        if compared is None and in_list:
            compared = frame.compared_with
        subject = _subject(n, unit, after, before, lead, antecedent)
        target = _is_target(before) or TARGET_AFTER.match(after) is not None
        if previous is not None and (
            restates
            or (bracketed and n.percent and previous.unit == "count")
            or (target and previous.subject)
        ):
            # The same thing's as the figure before ("… was 97.8% against a
            # target of 98%": the target of what it measures).
            subject = previous.subject
        elif target and subject and TARGET_WORD.search(subject):
            # "250 homes target": what the target is of; "… the target of",
            # "against a target": words about the target, not what it is of.
            subject = _target_of(subject) or antecedent
        else:
            subject = _told_before(subject, n, unit, (before, after), out, antecedent)
        figure = Figure(
            n, unit, change, compared, subject, uses, "target" if target else "actual"
        )
        if restates and previous is not None and previous.compared_with is None:
            out[-1] = dataclasses.replace(previous, compared_with=compared)
        out.append(figure)
    return out


def _told_before(
    subject: str | None,
    n: Number,
    unit: str | None,
    around: tuple[str, str],
    out: list[Figure],
    antecedent: str | None,
) -> str | None:
    """A figure's subject where its own words (`subject`) name none, or only
    its change, but its sentence names it before it (`around`: the text before
    and after the figure; `out`: the sentence's figures before it)."""
    before, after = around
    if subject is not None:
        if CHANGE_ONLY.match(subject):
            # "… fell from 45 to 38, a reduction of 16%": the change of the
            # figures before it.
            return out[-1].subject if out else antecedent
        return subject
    if _from_or_to(before, after):
        return _changed(before, CHANGED)
    if _ends_with(CHANGED_BY, before):
        return _changed(before, CHANGED_BY)
    if out and _ends_with(BASE_BEFORE, before):
        # "Performance was 92%, up from 88% …": what the figure before measures.
        return out[-1].subject
    if unit == "count" and BRACKETED_SHARE.match(after):
        # "Of the 14 indicators measured, 12 (86%) were on target": a part of
        # the whole counted before it.
        return _counted(out)
    return None


def _counted(out: list[Figure]) -> str | None:
    """What the last count of a sentence's figures before this one counts."""
    return next(
        (f.subject for f in reversed(out) if f.unit == "count" and f.subject), None
    )


def _part_of(n: Number, after: str, out: list[Figure]) -> bool:
    """A bare number with its share in brackets after it, in a sentence that
    counts a whole before it ("Of the 14 indicators measured, 12 (86%) …"):
    a count of part of that whole. Not "aged 65 (21%)" or "KPI 12 (86%)",
    with no whole counted before."""
    return (
        not n.percent
        and not n.gbp
        and BRACKETED_SHARE.match(after) is not None
        and _counted(out) is not None
    )


def _from_or_to(before: str, after: str) -> bool:
    """Whether a figure is one end of a change printed from one to the other."""
    return bool(
        TO_FIGURE.search(before)
        or (FROM_FIGURE.search(before) and TO_NEXT.match(after))
    )


def _changed(before: str, verb: re.Pattern[str]) -> str | None:
    """What a change from one figure to another, or by a figure, is of: the
    words before its `verb`, in their clause, from the last joining word after
    a figure on ("The council employs 412 staff and sickness fell by 12%":
    "sickness"), without the period they name ("The collection rate in
    2017/18 was": "collection rate")."""
    found = list(verb.finditer(before))
    if not found:
        return None
    named = PERIOD_PHRASE.sub("", before[: found[-1].start()])
    words = CLAUSE_END.split(named)[-1].split()
    stops = [k for k, w in enumerate(words) if w.casefold() in CLAUSE_STOPS]
    joined = bool(stops) and _verb_before(words, stops[-1])
    if stops and (
        stops[-1] == 0 or any(c.isdigit() for w in words for c in w) or joined
    ):
        # A clause of its own joined on ("412 staff and sickness", ", and
        # arrears", "morale improved and sickness"), not a name with "and" in
        # it ("parks and open spaces", "The registered and licensed
        # premises"). Nothing after it but "then": the verbs share their
        # subject ("Customer satisfaction improved and reached 92%").
        after = words[stops[-1] + 1 :]
        while after and after[0].casefold() in THEN:
            after = after[1:]
        words = words[: stops[-1] - 1] if joined and not after else after
    if words and words[-1].casefold() in CLAUSE_STOPS:
        # "… recovered and was 92%": no subject named.
        return None
    while words and not WORD.fullmatch(words[0]):
        words = words[1:]
    phrase = ARTICLE.sub("", MEASURE_OF.sub("", " ".join(words)))
    return " ".join(phrase.split()[-SHARE_WORDS:]) or None


def _verb_before(words: list[str], stop: int) -> bool:
    """Whether the word before the joining word at `stop` is a verb in the
    past tense with a subject before it ("morale improved and"), not a name's
    first word ("Registered and", "The registered and")."""
    return (
        stop > 1
        and _past_tense(words[stop - 1])
        and any(w.casefold() not in NAME_OPENERS for w in words[: stop - 1])
    )


def _past_tense(word: str) -> bool:
    """A verb that ends a clause before "and" ("improved", "reduced"); not
    "bed" (and breakfast) or "speed"."""
    return len(word) > len("speed") and word.casefold().endswith("ed")


def _stated(before: str) -> str | None:
    """What a figure is stated as (`STATED_AS`), unless words that point
    back ("It was 92%", "During Q2 there were")."""
    phrase = _changed(before, STATED_AS)
    if phrase is None or phrase.split()[-1].casefold() in POINTERS:
        return None
    return phrase


def _named_before(before: str) -> str | None:
    """What a share is of, named before "of" in its clause ("Performance of
    92%" -> "Performance"); None for a kind of figure alone ("an average of")."""
    words = CLAUSE_END.split(before)[-1].split()[:-1]
    stops = [k for k, w in enumerate(words) if w.casefold() in COUNT_STOPS]
    if stops:
        words = words[stops[-1] + 1 :]
    words = [w for w in words if WORD.fullmatch(w)][-SHARE_WORDS:]
    if not words or (len(words) == 1 and words[0].casefold() in KINDS_OF_FIGURE):
        return None
    return " ".join(words)


def _in_brackets(sentence: str, start: int, at: int) -> bool:
    """A number right after an opening bracket that follows the figure at `start`."""
    return re.fullmatch(r"\s*\(\s*", sentence[start:at]) is not None


def _subject(
    n: Number,
    unit: str | None,
    after: str,
    before: str,
    lead: str | None,
    antecedent: str | None,
) -> str | None:
    if lead is not None:
        return lead
    if n.percent and (m := SHARE_OF.match(after)):
        return noun_phrase(m["np"], CLAUSE_STOPS, SHARE_WORDS)
    if n.gbp and (m := SHARE_OF.match(after)):
        # "£2.1 million of external funding": what the money is; not "of the
        # £3 million budget", a part of other money.
        return noun_phrase(m["np"], COUNT_STOPS, CHANGE_WORDS)
    if m := CHANGE_IN.match(after):
        return noun_phrase(m["np"], CHANGE_STOPS, CHANGE_WORDS)
    if m := CHANGE_IN_BEFORE.search(before):
        return noun_phrase(m["np"], CHANGE_STOPS, CHANGE_WORDS)
    counted = unit == "count" or (unit or "").startswith("rate_per_")
    if not counted and _ends_with(STATED_AS, before) and (stated := _stated(before)):
        # A count names what it counts after it ("there were 10 completions").
        return stated
    if _ends_with(CHANGED_BY, before) or (
        not counted and _ends_with(BASE_BEFORE, before)
    ):
        # "… and costs were reduced by 4%": what changed; "…, up from 88%.":
        # what the figure before measures (`_told_before`).
        return None
    if not after.strip(" .;,)") and before.strip():
        # "Business support event £1,000" (samples/004 line 126): the figure
        # closes its text, which names what it is.
        clause = CLAUSE_END.split(before)[-1]
        return " ".join(clause.split()[-SHARE_WORDS:]) or None
    if unit == "tonnes":
        # "12,345 tonnes of household waste": what the tonnes are of.
        of = TONNES_OF.match(after)
        return noun_phrase(after[of.end() :], COUNT_STOPS, COUNT_WORDS) if of else None
    if unit == "count" or (unit or "").startswith("rate_per_"):
        adjective = COUNT_LEAD.match(after)
        rest = after[adjective.end() :] if adjective else after
        if np := noun_phrase(rest, COUNT_STOPS, COUNT_WORDS):
            return np
    if n.percent:
        return _share_subject(after, before, antecedent)
    return antecedent


def _share_subject(after: str, before: str, antecedent: str | None) -> str | None:
    """What a share with no "of" after it is of: named before "of" ("Performance
    of 92%"); else, when a clause follows it, those the clause describes ("56%
    spent time talking to partner agencies", "98% who feel safe …"), but
    nothing for "92% exceeded the target of", which says how it did."""
    if _ends_with(OF_BEFORE, before) and not _ends_with(CHANGE_BEFORE, before):
        if named := _named_before(before):
            return named
    first = WORD.match(after.lstrip())
    if not first or first[0].casefold() in COUNT_STOPS or CHANGE_AFTER.match(after):
        return antecedent
    phrase = noun_phrase(after, CLAUSE_STOPS, SHARE_WORDS)
    return None if phrase and TARGET_WORD.search(phrase) else phrase
