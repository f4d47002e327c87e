"""Words and patterns the report formats share, written once.

Pattern strings (not compiled) so modules build their own expressions from
them: a financial year as printed ("2017-18", "2017/18", "2016.17",
"2017–2018"), the dashes reports print, month names and quarter numbers.
"""

from __future__ import annotations

import re
from functools import lru_cache

# "2017-18", "2017/18", "2016.17", "2017 - 18", "2017–2018".
FINANCIAL_YEAR = r"20\d\d\s*[./\-\u2013]\s*(?:20)?\d\d"
# A hyphen, an en dash or an em dash.
DASH = r"[-\u2013\u2014]"
# "Jan", "January", "Sept", …
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
    r"|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b"
)
# "1".."4" or the number as a word.
QUARTER_NUMBER = r"(?:[1-4]|one|two|three|four)"
# The word beside a quarter label that heads a rating column: "Q1 Rating",
# "Q1 RAG", "RAG Rating Q1", "Qtr 1 Status".
RATING_WORD = r"(?:RAG(?:\s+Rating)?|Rating|Status)"

# The words before a status that deny it: "not", "not yet", "unlikely to be",
# "will not be", "not being", "not fully", "has not (yet) been", "won't be".
DENIALS = (
    "not",
    "yet",
    "to be",
    "not be",
    "not being",
    "not fully",
    "not been",
    "yet been",
    "never been",
    "won't be",
    "won\u2019t be",
)


def _one_space_apart(words: str) -> str:
    """A pattern of `words` printed with one space between them."""
    return r"\s".join(re.escape(w) for w in words.split())


# The whole labels of a grid's last columns, each a label only printed alone.
NO_RATING = r"no\s+rating|not\s+(?:yet\s+)?(?:due|rated|started)"
TOTAL = r"total"

# A status not denied: the denials looked behind, each as printed with one
# space a gap.
NOT_YET = "".join(rf"(?<!{_one_space_apart(d)}\s)" for d in DENIALS)
# Each use of NOT_YET is led by a look at the status word's first letter,
# "(?=c)" for "closed", so that its eleven looks behind are taken only where
# that word may start: a search over a paragraph is about thirteen times
# faster.
# The status words of summary grids and action ratings, in the order they are
# tried: "Requires Amendment" before "Completed". A match of each starts at
# the start of the text or at a letter of STATUS_INITIALS (below), which a
# new category whose match can start at another letter must add.
STATUS_CATEGORIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("amendment", re.compile(r"requires\s+amendment", re.IGNORECASE)),
    ("attention", re.compile(r"requires\s+attention", re.IGNORECASE)),
    ("aborted", re.compile(rf"aborted|(?=c){NOT_YET}closed", re.IGNORECASE)),
    # "Not on target", "not (yet) completed", "unlikely to be completed", "at
    # risk of not being completed" name no status of these.
    ("completed", re.compile(rf"(?=c){NOT_YET}\bcompleted?\b", re.IGNORECASE)),
    ("on_target", re.compile(rf"(?=o){NOT_YET}\bon\s+target", re.IGNORECASE)),
    # "Not Yet Due": nothing to rate yet, the grids' "No Rating" column.
    ("no_rating", re.compile(rf"^(?:{NO_RATING})$", re.IGNORECASE)),
    ("total", re.compile(rf"^(?:{TOTAL})$", re.IGNORECASE)),
)

# A label that opens or ends with one of the whole labels above and prints
# more: two labels a `-layout` text ran together ("Total On target", "Project
# completed No Rating").
RUNS_INTO_WHOLE_LABEL = re.compile(
    rf"^(?:{NO_RATING}|{TOTAL})\s+\S|\S\s+(?:{NO_RATING}|{TOTAL})$", re.IGNORECASE
)


# Any of the categories: most texts asked about are no status label, and are
# told so by one search instead of one a category. Each category's match
# starts at the start of the text or at one of STATUS_INITIALS, which the
# search looks at first.
STATUS_INITIALS = "raco"
ANY_STATUS = re.compile(
    f"(?=[{STATUS_INITIALS}]|^)(?:"
    + "|".join(f"(?:{p.pattern})" for _, p in STATUS_CATEGORIES)
    + ")",
    re.IGNORECASE,
)

# A status denied ("Not on target", "not yet completed", "unlikely to be
# closed"): none of STATUS_CATEGORIES, which NOT_YET keeps out, but a label
# of its own, which a label cell that also names a status has run into it.
DENIED_STATUS = re.compile(
    r"\b(?:"
    + "|".join(map(_one_space_apart, DENIALS))
    + r")\s(?:on\s+target|completed?\b|closed)",
    re.IGNORECASE,
)

# A word each of STATUS_CATEGORIES prints, in lower case, but the whole
# labels "No Rating", "Not Yet Due" and "TOTAL", which open with one of
# STATUS_OPENINGS.
STATUS_WORDS = ("requires", "aborted", "closed", "complete", "target")
STATUS_OPENINGS = ("no", "total")


def _may_name_status(text: str) -> bool:
    """Whether ANY_STATUS may find a status in `text`: most texts asked about
    (paragraphs among them) print none of its words, and the case-blind
    search is slow over a long text. Beyond ASCII the answer is yes, as
    for `normalise.text.may_hold`."""
    if not text.isascii():
        return True
    low = text.lower()
    return low.startswith(STATUS_OPENINGS) or any(w in low for w in STATUS_WORDS)


def status_categories(label: str) -> frozenset[str]:
    """Every status category a printed label names: "Milestone on target
    Project requires attention", two labels a `-layout` text ran together,
    names two."""
    if not _may_name_status(label):
        return frozenset()
    return frozenset(name for name, p in STATUS_CATEGORIES if p.search(label))


# A status table prints the same few labels on every row.
@lru_cache(maxsize=4096)
def status_category(label: str) -> str | None:
    """The status category a printed label names ("On Target" -> "on_target")."""
    if not _may_name_status(label) or not ANY_STATUS.search(label):
        return None
    for name, pattern in STATUS_CATEGORIES:
        if pattern.search(label):
            return name
    return None
