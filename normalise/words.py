"""Words broken by column wrapping: "er | vironments", "Wor | king", "an | d".

A broken word is rejoined only when the result is attested: a word of the
report's own vocabulary or of the domain lexicon (`lexicon.txt`, kept as data),
exactly, after dropping a letter repeated at the break ("env | vironments"), or
as a near miss found with rapidfuzz ("commu | inities" -> "communities").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from rapidfuzz import fuzz, process

from normalise.repair import Repair

WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
# Every byte but an ASCII letter's or the apostrophe's as a space: what is left
# are the runs of characters WORD's words are made of.
WORD_CHARS = bytes(
    c if chr(c).isascii() and (chr(c).isalpha() or chr(c) == "'") else ord(" ")
    for c in range(256)
)
EDGE = re.compile(r"^([^A-Za-z]*)([A-Za-z]+)([^A-Za-z]*)$")
# The letters that end a line's last fragment, after what is no letter ("<p>"
# of markup printed as text, an opening bracket).
LINE_END_WORD = re.compile(r"^(.*[^A-Za-z])?([A-Za-z]+)$", re.DOTALL)
# Near misses accepted for a rejoined word: "commuinities" -> "communities" scores
# 95.7, "ervironments" -> "environments" 91.7, "oleaner" -> "cleaner" 85.7, while
# two real words run together ("partnersto" vs "partners", 88.9) never get here.
FUZZY_CUTOFF = 85.0
MIN_FUZZY_LENGTH = 6
SINGLE_LETTER_WORDS = frozenset({"a", "i"})
ATTESTED = 2
# A misspelling is corrected only to an attested word this close, of about its
# length and with its first letter: "Coucnil" -> "Council" (85.7) but
# "Chadsmoor", printed once and near no attested word, stays as printed, and so
# does "needs" beside an attested "need".
MISSPELLING_CUTOFF = 85.0
MIN_MISSPELT_LENGTH = 5


@cache
def lexicon() -> frozenset[str]:
    text = resources.files("normalise").joinpath("lexicon.txt").read_text("utf-8")
    return frozenset(
        w.strip().lower()
        for w in text.splitlines()
        if w.strip() and not w.startswith("#")
    )


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Words known to be real: the report's own (whole words) and the lexicon."""

    words: frozenset[str]
    # Words printed at least `ATTESTED` times in the report, or in the lexicon:
    # the only corrections a misspelt word may take.
    attested: frozenset[str] = frozenset()
    # Every word printed anywhere, table cells included: a rejoined word found
    # here is attested ("hea | lthy" -> "healthy" when a KPI name says
    # "healthy"), though table cells are too full of fragments to fuzzy-match.
    anywhere: frozenset[str] = frozenset()
    # `attested` in a stated order: a set's order changes with PYTHONHASHSEED,
    # and fuzzy matching offers candidates in the order it is given them.
    ordered: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "ordered", tuple(sorted(self.attested)))

    @classmethod
    def of(
        cls,
        texts: Iterable[str],
        anywhere: Iterable[str] = (),
        elsewhere: Iterable[str] | None = None,
    ) -> Vocabulary:
        """The vocabulary of `texts`; `anywhere` holds every text printed, or,
        given `elsewhere` instead, the texts printed besides `texts`."""
        counts = Counter(_lowered_words(texts))
        own = {w for w in counts if len(w) > 1 or w in SINGLE_LETTER_WORDS}
        often = {w for w, n in counts.items() if n >= ATTESTED and len(w) > 1}
        printed = set(_lowered_words(anywhere if elsewhere is None else elsewhere))
        if elsewhere is not None:
            printed.update(counts)
        seen = {w for w in printed if len(w) > 2}
        return cls(
            frozenset(own) | lexicon(), frozenset(often) | lexicon(), frozenset(seen)
        )

    def printed(self, word: str) -> bool:
        """A whole word of the report or the lexicon, wherever it is printed."""
        return word in self or word.lower() in self.anywhere

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word.lower() in self.words

    def nearest(self, word: str) -> tuple[str, float] | None:
        if len(word) < MIN_FUZZY_LENGTH:
            return None
        hit = process.extractOne(
            word.lower(), self.words, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
        )
        return (hit[0], float(hit[1])) if hit else None


def _lowered_words(texts: Iterable[str]) -> list[str]:
    """Every word of `texts` (WORD's), in lower case, in no stated order."""
    # A word is ASCII letters and an apostrophe, so it lies within one run of
    # those; a run with no apostrophe is one word.
    text = "\n".join(texts).encode("ascii", "replace").translate(WORD_CHARS)
    runs = text.decode("ascii")
    if "'" not in runs:
        return runs.lower().split()
    split = runs.split()
    plain = " ".join([run for run in split if "'" not in run])
    marked = " ".join(WORD.findall(" ".join([run for run in split if "'" in run])))
    return f"{plain} {marked}".lower().split()


def _match_case(word: str, like: str) -> str:
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def join_broken(left: str, right: str, vocab: Vocabulary) -> tuple[str, Repair] | None:
    """The one word `left` + `right` were before a break, or None when they are two."""
    lm, rm = EDGE.match(left), EDGE.match(right)
    if not lm or not rm or lm[3] or rm[1]:
        return None
    lw, rw = lm[2], rm[2]
    raw = f"{left} {right}"
    if lw in vocab and rw in vocab and (lw + rw) not in vocab:
        return None
    if vocab.printed(lw + rw):
        word = lw + rw
        return lm[1] + word + rm[3], Repair(
            raw, lm[1] + word + rm[3], "split_word", 0.95
        )
    for k in (1, 2):
        if (
            len(lw) > k
            and lw[-k:].lower() == rw[:k].lower()
            and vocab.printed(lw + rw[k:])
        ):
            word = lw + rw[k:]
            return lm[1] + word + rm[3], Repair(
                raw, lm[1] + word + rm[3], "split_word", 0.9
            )
    if lw in vocab and rw in vocab:
        return None
    near = vocab.nearest(lw + rw)
    if near is None:
        return None
    word = _match_case(near[0], lw)
    fixed = lm[1] + word + rm[3]
    return fixed, Repair(
        raw, fixed, "misspelling", round(near[1] / 100, 3), alternatives=(lw + rw,)
    )


def rejoin(fragments: Sequence[str], vocab: Vocabulary) -> tuple[str, list[Repair]]:
    """Text split over several cells, joined with broken words repaired.

    ["Cleaner and safer er", "vironments: Wor", "king with partners"] ->
    "Cleaner and safer environments: Working with partners", two repairs.
    """
    parts = [f.split() for f in fragments if f.strip()]
    words: list[str] = list(parts[0]) if parts else []
    repairs: list[Repair] = []
    for nxt in parts[1:]:
        if words and nxt and (joined := join_broken(words[-1], nxt[0], vocab)):
            words[-1] = joined[0]
            repairs.append(joined[1])
            nxt = nxt[1:]
        words.extend(nxt)
    return " ".join(words), repairs


def correct_misspellings(text: str, vocab: Vocabulary) -> tuple[str, list[Repair]]:
    """Words printed once and one slip away from an attested word, corrected.

    "Coucnil" -> "Council" when "Council" is printed elsewhere in the report or
    is in the lexicon. Words that are merely unusual are left alone.
    """
    repairs: list[Repair] = []

    def fix(m: re.Match[str]) -> str:
        word = m[0]
        low = word.lower()
        if len(word) < MIN_MISSPELT_LENGTH or low in vocab.attested:
            return word
        # Ties go by score, then the length nearest the word, then spelling
        # ("planning" and "planting" tie for "plancing").
        hits = process.extract(
            low,
            vocab.ordered,
            scorer=fuzz.ratio,
            score_cutoff=MISSPELLING_CUTOFF,
            limit=None,
        )
        hit = min(
            hits, key=lambda h: (-h[1], abs(len(h[0]) - len(low)), h[0]), default=None
        )
        if not hit or hit[0][0] != low[0] or abs(len(hit[0]) - len(low)) > 1:
            return word
        if hit[0].startswith(low) or low.startswith(hit[0]):
            # "needs" beside "need" is an inflection, not a slip.
            return word
        fixed = _match_case(hit[0], word)
        repairs.append(
            Repair(
                word, fixed, "misspelling", round(hit[1] / 100, 3), alternatives=(word,)
            )
        )
        return fixed

    return WORD.sub(fix, text), repairs


def cut_word(
    left: str, right: str, counts: Mapping[str, int]
) -> tuple[str, Repair] | None:
    """The one word a line break cut where a narrow cell ended, without a
    hyphen ("Averag" | "e" -> "Average", a word processor's print of
    samples/002), or None when `left` and `right` are two words.

    `counts` are the document's words (lower case) and how often each is
    printed. The second part must go on in lower case, and one part must be
    no word: printed nowhere else, in no lexicon. The parts joined must be a
    word the document prints elsewhere or, when neither part is a word, the
    start of one ("Implemen" | "t" where "implementation" is printed, in
    samples/001). Two words a line break parts as any other ("Hate" |
    "Crime", "in" | "to") stay two.
    """
    lm, rm = LINE_END_WORD.match(left), EDGE.match(right)
    if not lm or not rm or rm[1] or not rm[2].islower():
        return None
    lw, rw = lm[2], rm[2]
    whole = (lw + rw).lower()
    words = _printed_word(lw, counts) + _printed_word(rw, counts)
    if words == 2 or not (
        counts.get(whole) or (words == 0 and _starts_printed_word(whole, counts))
    ):
        return None
    # The repair names the word alone, as the facts print it: markup and
    # punctuation around it stay as they are.
    repair = Repair(f"{lw} {rw}", lw + rw, "split_word", 0.9)
    return (lm[1] or "") + lw + rw + rm[3], repair


def _starts_printed_word(start: str, counts: Mapping[str, int]) -> bool:
    """`start` begins a longer word the document prints."""
    return any(w.startswith(start) and w != start for w in counts)


def _printed_word(part: str, counts: Mapping[str, int]) -> bool:
    """A word of the lexicon, or one the document prints again elsewhere (the
    part itself is printed once where the line breaks); of single letters
    only "a" and "I"."""
    low = part.lower()
    if len(low) == 1:
        return low in SINGLE_LETTER_WORDS
    return counts.get(low, 0) >= ATTESTED or low in lexicon()


def word_counts(texts: Iterable[str]) -> Counter[str]:
    """How often each word (lower case) is printed in `texts`."""
    return Counter(_lowered_words(texts))
