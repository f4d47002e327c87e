"""Where a cover-sheet value ends, by the shape of what it holds.

An item number, a telephone number, "Yes"/"No" and a report track ("Cabinet:
14/03/17") end where their shape does; a name or role ends at an upper-case
heading after mixed case ("J. Smith QUARTER 3 PERFORMANCE REPORT"), at a date,
or, upper case throughout, where a title's first word starts ("CHIEF EXECUTIVE
BEST VALUE PERFORMANCE INDICATOR OUTTURN 2007-08").
"""

from __future__ import annotations

import re

# Longest value a free-text field takes (samples/003: "Community Safety Scrutiny
# Committee 03/12/15" is 8 words); a longer one ran on past its boundary.
MAX_WORDS = 12
PROSE_END = re.compile(
    r"\s*(?:[(;:,]|\.(?:\s|$)|\s(?:to|on|regarding|concerning|which|that|in\s+respect)"
    r"\s)",
    re.IGNORECASE,
)
# "Portfolio Holder – Corporate Governance", "Cabinet Member for Housing".
PORTFOLIO_OF = re.compile(
    r"\b(?:portfolio\s+holder\s*(?:[-\u2013:]|\bfor\b)|cabinet\s+member\s+for"
    r"|lead\s+member\s+for)\s*(?P<p>.+)$",
    re.IGNORECASE,
)
# A councillor named before the portfolio: "Councillor Mrs. C. Mitchell –
# Community Safety", "Cllr A Smith, Leader of the Council".
COUNCILLOR = re.compile(
    r"^(?:Councillor|Cllr\.?)\s+(?P<name>[^,:\u2013\u2014]+?)"
    r"(?:\s*[,:\u2013\u2014]\s*|\s+-\s+)(?P<rest>[A-Z].*)$"
)
# A councillor's name alone, honours and all: "Councillor John Paul Smith",
# "Cllr Sir Jim Harris", "Councillor A. Smith MBE", "Councillor Tony de Souza".
COUNCILLOR_ONLY = re.compile(
    r"^(?:Councillor|Cllr\.?)(?:\s+(?:[A-Z][\w'.-]*|de|van|von|le|la|du|di|da))"
    r"{1,6}\s*$"
)
# Words a portfolio's name has and a person's (their honours, party, ward) has
# not.
PORTFOLIO_WORDS = frozenset(
    "community communities safety housing environment environmental finance "
    "financial leisure culture health wellbeing planning economic economy "
    "development regeneration corporate resources governance transport climate "
    "services leader deputy council waste partnerships improvement customer "
    "neighbourhoods town centre parks sport tourism heritage licensing revenues "
    "benefits assets property digital innovation equalities democracy democratic "
    "legal people children adults social care education skills employment "
    "business enterprise growth infrastructure highways protection enforcement "
    "sustainability strategy policy performance street scene crime disorder "
    "operations homelessness recycling libraries arts place spaces localism "
    "being".split()
)
WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
MONTH_NAME = (
    r"(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)"
)
WORDED_DATE = (
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_NAME},?\s+\d{{4}}"
    rf"|{MONTH_NAME}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
)
NUMERIC_DATE = r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
DATE = re.compile(
    rf"(?<![\d/.])(?:{WEEKDAY},?\s+)?(?P<date>{WORDED_DATE}|{NUMERIC_DATE})"
    r"(?![\d/.]?\d)",
    re.IGNORECASE,
)
# A report track names each meeting a report goes to, in turn: "Cabinet
# 13/06/19 Council 26/06/19" (a Cannock Chase cover prints the second under
# the first). A meeting named in mixed case with a date in figures goes on
# with the track; an upper-case heading ("CABINET 13th JUNE 2019") does not.
NEXT_MEETING = re.compile(
    r"\s*[,;&]?\s*(?:(?:then|and)\s+)?(?:(?:[A-Z][A-Za-z&'-]*|and|of|for|&)\s+){0,5}?"
    r"(?:Cabinet|Council|Committee|Sub-Committee|Board|Panel|Executive)"
    rf"\s*[:,\u2013-]?\s*{NUMERIC_DATE}(?![\d/.]?\d)"
)
# "CABINET 14 MARCH 2017", "COMMUNITY SAFETY SCRUTINY COMMITTEE 3rd DECEMBER
# "Housing QUARTER 3 PERFORMANCE REPORT": an upper-case heading after a
# mixed-case value ("ICT" alone is an acronym, two capital words a heading).
CAPS_RUN = re.compile(r"(?<=[a-z.)])\s+(?=[A-Z][A-Z&'-]+\s+[A-Z0-9][A-Z0-9&'/-]*\b)")
# Where a value of each shape ends.
ITEM_VALUE = re.compile(r"^\d+(?:\.\d+)*(?:\s*\([a-z]\))?", re.IGNORECASE)
PHONE_VALUE = re.compile(r"^\+?[\d()][\d\s()-]{2,}\d(?:\s*ext\w*\.?\s*\d+)?", re.I)
EMAIL_VALUE = re.compile(r"^\S+@\S+")
YES_NO = re.compile(r"^(?:yes|no)\b(?:\s*[-\u2013]\s*[a-z][a-z ]*[a-z])?", re.I)
# "Clare Wood, Policy and Information Manager": a person and their role.
PERSON_ROLE = re.compile(
    r"^(?P<person>(?:[A-Z][A-Za-z'.-]*\s*){1,4}),\s*(?P<role>.*\b(?:head|director|"
    r"manager|officer|executive|leader|chief|clerk|solicitor|treasurer)\b.*)$",
    re.IGNORECASE,
)
# Upper-case roles run on into the title in a flattened header ("REPORT OF CHIEF
# EXECUTIVE BEST VALUE PERFORMANCE …"): the role ends at a word that closes a
# role, or where a title's first word starts.
ROLE_ENDS = frozenset(
    {"EXECUTIVE", "MANAGER", "OFFICER", "CLERK", "TREASURER", "SOLICITOR"}
    | {"DIRECTOR", "LEADER", "COUNCIL", "ACCOUNTANT"}
)
TITLE_STARTS = frozenset(
    {"QUARTER", "QUARTERLY", "QUARTERS", "PERFORMANCE", "BEST", "ANNUAL", "END"}
    | {"MID", "HALF", "YEAR", "PDP", "PRIORITY", "REPORT", "UPDATE", "OUTTURN"}
    | {"MONITORING", "BUDGET", "TREASURY", "PLAN", "CORPORATE", "Q1", "Q2", "Q3"}
    | {"Q4", "COUNCIL'S", "STRATEGIC", "DELIVERY"}
)
JOINS = frozenset({"OF", "FOR", "AND", "&", "-", "\u2013", "THE"})


def squash(s: str) -> str:
    return " ".join(s.split())


def _upper_role(value: str) -> tuple[str, str]:
    """An upper-case role or portfolio and the title it runs into: ("CHIEF
    EXECUTIVE", "BEST VALUE PERFORMANCE INDICATOR OUTTURN 2007-08")."""
    words = value.split()
    k = 0
    while k < len(words):
        word = words[k]
        joined = k > 0 and words[k - 1] in JOINS
        if k and not joined and (word in TITLE_STARTS or word[:1].isdigit()):
            break
        k += 1
        if word in ROLE_ENDS and (k == len(words) or words[k] not in JOINS):
            break
    return " ".join(words[:k]), " ".join(words[k:])


def _free_text(name: str, value: str) -> tuple[str, str]:
    """A free-text value and what follows it: the value ends at an upper-case
    heading after mixed case, at a date (not the report track's), or, in prose,
    at the end of the phrase."""
    if name == "prose_report_of":
        m = PROSE_END.search(value)
        return (value[: m.start()], value[m.start() :]) if m else (value, "")
    if value.isupper():
        return _upper_role(value) if name == "report_of" else (value, "")
    if m := CAPS_RUN.search(value):
        return value[: m.start()], value[m.end() :]
    if (m := DATE.search(value)) and name != "date":
        return value[: m.start()], value[m.start() :]
    return value, ""


# The most words a cover's "Title:" value runs to.
MAX_TITLE_WORDS = 20


def bound(name: str, raw: str) -> tuple[str | None, str]:
    """The value of field `name` at the start of `raw`, and the rest of `raw`.

    None when nothing ends the value within `MAX_WORDS` words."""
    value = squash(raw).strip(" :;-\u2013")
    if name == "title":
        # A title runs to the end of its row; a longer run is the rest of
        # a flattened cover ("Report Title: … Purpose of Report: To …").
        if len(value.split()) > MAX_TITLE_WORDS:
            return None, value
        return value or None, ""
    shaped = {
        "item_number": ITEM_VALUE,
        "telephone": PHONE_VALUE,
        "email": EMAIL_VALUE,
        "key_decision": YES_NO,
    }.get(name)
    if shaped is not None:
        m = shaped.match(value)
        return (m[0].strip(), value[m.end() :]) if m else (None, value)
    if name == "upper_portfolio":
        # Upper case run into an upper-case title: the title's first word ends
        # it, else nothing does.
        value, rest = _upper_role(value)
        if rest and value and len(value.split()) <= MAX_WORDS:
            return value, rest
        return None, value + " " + rest
    if name in ("report_track", "date"):
        if m := DATE.search(value):
            if name == "date":
                return m["date"].strip(" :;-\u2013"), value[m.end() :]
            end = m.end()
            while more := NEXT_MEETING.match(value, end):
                end = more.end()
            return value[:end].strip(" :;-\u2013"), value[end:]
    else:
        value, rest = _free_text(name, value)
        value = value.strip(" :;-\u2013,")
        if len(value.split()) <= MAX_WORDS:
            return value or None, rest
        return None, value + " " + rest
    if len(value.split()) > MAX_WORDS:
        return None, value
    return value or None, ""


def derived(name: str, value: str) -> list[tuple[str, str]]:
    """The contract columns a printed value fills: "Clare Wood, Policy Manager"
    is a person for `contact_officer` and a role for `report_of`; a report of
    the "Portfolio Holder – Corporate Governance" also names the portfolio."""
    if m := PERSON_ROLE.match(value):
        if name == "contact_officer":
            value = m["person"].strip()
        elif name == "report_of":
            value = m["role"].strip()
    if name == "report_of":
        value = re.sub(r"^the\s+", "", value, flags=re.IGNORECASE)
    if name == "portfolio":
        # "Councillor A Smith, Portfolio Holder for Environment", "Councillor
        # Mrs. C. Mitchell – Community Safety": the portfolio; a councillor
        # alone ("Lead Member: Cllr J Bloggs", honours and all) names a
        # person, not one; other values stay whole, as printed.
        if m := PORTFOLIO_OF.search(value):
            value = m["p"].strip()
        elif (m := COUNCILLOR.match(value)) and _names_portfolio(m["rest"]):
            value = m["rest"].strip()
        elif COUNCILLOR_ONLY.match(value) and not _names_portfolio(value):
            return []
    if name in ("report_of", "portfolio") and value.isupper():
        value = title_case(value)
    out = [(name, value)]
    if name == "report_of" and (m := PORTFOLIO_OF.search(value)):
        out.append(("portfolio", m["p"].strip()))
    return out


def _names_portfolio(text: str) -> bool:
    """Whether `text` prints a word of a portfolio's name, not only a
    person's ("Councillor J Smith, Councillor K Jones", "… MBE")."""
    return any(w.casefold() in PORTFOLIO_WORDS for w in re.split(r"[\s,.()&/-]+", text))


SMALL_WORDS = frozenset({"of", "and", "the", "for", "to", "in", "on"})


def title_case(s: str) -> str:
    """ "HEAD OF POLICY AND PERFORMANCE" -> "Head of Policy and Performance"."""
    words = s.lower().split()
    return " ".join(
        w if i and w in SMALL_WORDS else w[:1].upper() + w[1:]
        for i, w in enumerate(words)
    )
