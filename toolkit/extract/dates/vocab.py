"""The words of the dates grammar and the regular-expression pieces built from them.

This module owns the vocabulary side of the tagger: :class:`Vocab` holds the word lists of one
lexicon folder (units, seasons, modifiers, holidays, cue verbs... from ``dates.yaml``; month and
weekday names and the plain number words from :mod:`toolkit.extract.english`, their one owner)
and the regex fragments written over them (``MON``, ``WD``, ``NUM``, ``UNIT``...), plus the few
lookups that turn a matched word into its number or code. The fixed pieces that no lexicon changes
(``YEAR``, ``DAY``, the era, the guard after a far year, the regular past verb ``ED``) are module
constants.

A pattern that mentions lexicon words is written as a :class:`VocabPattern`, a function of the
vocabulary compiled once per :class:`Vocab` (so once per lexicon folder), never per article.

>>> from toolkit.extract.english import load_english
>>> from toolkit.read.lexicon import load_lexicon
>>> v = Vocab(load_lexicon("dates"), load_english())
>>> v.month_num("Sept."), v.num("twenty-four"), v.unit_code("weeks"), v.pos_mod("the end of")
(9, 24.0, 'W', 'END')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from toolkit.errors import LexiconError

if TYPE_CHECKING:
    from toolkit.extract.english import English

__all__ = ["DAY", "ED", "ERA", "FAR_YEAR", "FAR_YEAR_END", "YEAR", "Vocab", "VocabPattern", "alt",
           "first_letters", "is_cap"]


def alt(words: Iterable[Any]) -> str:
    """A non-capturing alternation, longest words first so the regex prefers them."""
    parts = sorted({str(w) for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts) + ")"


def first_letters(*groups: Iterable[Any]) -> str:
    """A character class of the first letters of the given words (and digits): a cheap test
    that lets the regex engine skip words that cannot open the pattern."""
    firsts = {str(w)[0].lower() for g in groups for w in g} | {"0"}
    letters = "".join(sorted(c for c in firsts if c.isalpha()))
    return f"(?=[0-9{letters}{letters.upper()}])"


def is_cap(word: str) -> bool:
    """Whether a matched word starts with a capital ("May" the month, not "may" the verb)."""
    return word[:1].isupper()


YEAR = r"(?:1[6-9]\d\d|20\d\d)"
# A year outside YEAR's window is read only where the form of a date says it is one ("May 5,
# 2500", "5 May 2500", "the year 1000", "1000 AD", "500 BC"; TIMEX3 writes years 0001-9999), and
# not before a word that it could be counting ("May 5, 2500 troops crossed", "the year 300
# soldiers died", "May 5, 2500 were killed"): a plural noun, a plural verb, "more", "of", "new".
FAR_YEAR = r"(?:1[0-5]\d\d|2[1-9]\d\d|[3-9]\d\d\d)"
FAR_YEAR_END = (r"(?![\d,.]\d|\d|\s+(?-i:(?:people|men|women|children|personnel|staff|were|are|have|more|of|other|"
                r"others|new|additional|further|extra|(?!(?:was|has|is|its|this|his|thus|always|perhaps|across|"
                r"unless|plus|towards|afterwards|as|us|less)\b)[a-z]*[a-rt-z]s)\b))")
ERA = r"(?-i:AD|A\.D\.|BC|B\.C\.|BCE|B\.C\.E\.|CE|C\.E\.)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
# A regular past verb: a lower-case word ending in -ed, but not a name ("United", "Ted") nor
# one of the common words that only look like one ("succeed", "hundred", "indeed").
ED = (r"(?-i:(?!(?:succeed|proceed|exceed|indeed|need|speed|feed|seed|breed|greed|hundred|sacred|naked|"
      r"wicked|kindred|hatred|embed)\b)[a-z]\w{2,}ed)")


class Vocab:
    """The word lists of one lexicon folder's ``dates.yaml`` and ``english.yaml``, and the regex
    fragments built from them.

    Word tables map a lower-case surface to its value (``MONTHS["sept"] == 9``); fragments are
    regex source strings (``MON`` matches a month name or abbreviation). ``compiled`` holds the
    patterns of the :class:`VocabPattern` objects compiled for this vocabulary, by name.
    """

    def __init__(self, lex: dict[str, Any], en: English) -> None:
        def section(key: str) -> Any:
            try:
                return lex[key]
            except (KeyError, TypeError):
                raise LexiconError(f"the dates lexicon has no {key!r} section") from None

        self.MONTHS: dict[str, int] = en.all_months  # full names and abbreviations
        self.AMBIGUOUS_MONTHS = set(en.ambiguous_months)
        self.WEEKDAYS: dict[str, int] = dict(en.weekdays)
        self.SEASONS: dict[str, str] = dict(section("seasons"))
        self.PARTS_OF_DAY: dict[str, str] = dict(section("parts_of_day"))
        self.CLOCK_WORDS: dict[str, str] = dict(section("clock_words"))
        # english's number words as far as this grammar has always read them (one to nineteen,
        # the tens, a hundred: no "zero days", no "a thousand years"), with the phrases of its
        # own (dates.yaml: "a", "single", "a dozen", "half a", "a couple of", ...)
        plain = {w: v for w, v in en.number_words.items() if 1 <= v <= 100}
        self.NUMBERS: dict[str, float] = {str(k): float(v) for k, v in {**plain, **section("numbers")}.items()}
        self.VAGUE_NUMBERS: list[str] = list(section("vague_numbers"))
        self.ORDINALS: dict[str, int] = {str(k): int(v) for k, v in section("ordinals").items()}
        self.UNITS: dict[str, str] = dict(section("units"))
        self.UNIT_PLURALS: dict[str, str] = dict(section("unit_plurals"))
        self.DECADE_WORDS: dict[str, int] = dict(section("decade_words"))
        self.SETS: dict[str, str] = dict(section("sets"))
        self.REFERENCES: dict[str, str] = dict(section("references"))
        self.APPROX: dict[str, str] = en.timex_mods  # "about" -> APPROX: english's qualifiers
        self.POSITIONS: dict[str, str | None] = dict(section("position_prefixes"))
        self.HOLIDAYS: dict[str, str] = dict(section("holidays"))
        # holiday -> [(the forms that name a country, MM-DD)] (dates.yaml `national_holidays`)
        self.NATIONAL_HOLIDAYS: dict[str, list[tuple[tuple[str, ...], str]]] = {
            name: [(tuple(f.strip() for f in str(forms).split("|")), str(day)) for forms, day in (by_country or {}).items()]
            for name, by_country in (section("national_holidays") or {}).items()}
        self.SMALL: list[str] = [w for w, v in en.cardinals.items() if 1 <= v <= 9]  # "twenty-four"
        self.TENS: list[str] = list(en.tens)

        self.FULL_MONTHS = list(en.months)
        self.ABBR_MONTHS = list(en.month_abbreviations)
        # A month: a full name, or an abbreviation with an optional period ("Nov.", "Sept").
        self.MON = rf"(?:{alt(self.FULL_MONTHS)}|{alt(self.ABBR_MONTHS)}\.?)"
        self.MON_FULL = alt(self.FULL_MONTHS)
        self.WD = alt(self.WEEKDAYS)
        self.UNIT = rf"(?:{alt(list(self.UNITS) + list(self.UNIT_PLURALS))})"
        self.NUMWORD = rf"(?:{alt(self.TENS)}(?:[\s-]{alt(self.SMALL)})?|{alt(self.NUMBERS)})"
        self.NUM = rf"(?:\d+(?:\.\d+)?(?:\s+\d/\d)?|{self.NUMWORD})"
        self.VAGUE = alt(self.VAGUE_NUMBERS)
        self.APPROX_RE = alt(self.APPROX)
        self.POS_RE = alt(self.POSITIONS)
        self.SEASON = alt(self.SEASONS)
        self.FUTURE = alt(section("future_cues"))  # words that mark a clause as future
        self.PAST = alt(section("past_cues"))  # irregular past verbs (regular ones are ED)
        self.compiled: dict[str, re.Pattern[str]] = {}  # VocabPattern name -> its pattern for these words

    def compile_all(self) -> None:
        """Compile every :class:`VocabPattern` of the grammar for this vocabulary, up front."""
        for pattern in _PATTERNS.values():
            pattern(self)

    def num(self, word: str | None) -> float | None:
        """Value of a number token ("two", "18", "twenty-four", "a"); None for vague quantities."""
        if word is None:
            return None
        w = re.sub(r"\s+", " ", word.lower().strip())
        try:
            if " " in w and "/" in w:  # "5 1/2"
                whole, frac = w.split(" ", 1)
                a, b = frac.split("/")
                return float(whole) + float(a) / float(b)
            return float(w)
        except ValueError:
            pass
        if w in self.NUMBERS:
            return self.NUMBERS[w]
        parts = re.split(r"[\s-]", w)
        if len(parts) == 2 and parts[0] in self.NUMBERS and parts[1] in self.NUMBERS:
            return self.NUMBERS[parts[0]] + self.NUMBERS[parts[1]]
        return None

    def unit_code(self, word: str) -> str:
        """The TIMEX3 unit code of a unit word ("weeks" -> W), X when it is none."""
        w = word.lower()
        w = self.UNIT_PLURALS.get(w, w)
        if w not in self.UNITS and w.endswith("s"):
            w = w[:-1]
        return self.UNITS.get(w, "X")

    def month_num(self, word: str) -> int:
        """The number of a month name or abbreviation ("Sept." -> 9)."""
        return self.MONTHS[word.lower().rstrip(".")]

    def pos_mod(self, word: str | None) -> str | None:
        """The TIMEX3 mod of a position prefix ("early" -> START, "the end of" -> END)."""
        if not word:
            return None
        w = re.sub(r"[\s-]+", " ", word.lower()).strip()
        return self.POSITIONS.get(w)

    def approx_mod(self, word: str | None) -> str | None:
        """The TIMEX3 mod of an approximator ("about" -> APPROX, "nearly" -> LESS_THAN)."""
        if not word:
            return None
        return self.APPROX.get(re.sub(r"\s+", " ", word.lower()).strip())


class VocabPattern:
    """A regular expression written over the vocabulary: ``VocabPattern("name", lambda v: rf"...{v.MON}...")``.

    Calling it with a :class:`Vocab` returns the pattern compiled for that vocabulary, compiled
    on the first call and kept in ``Vocab.compiled`` under ``name``. (A pattern that is only
    ever matched at one position is held, where it is used, in a variable of that name:
    ``tests/test_redos.py`` reads from ``name.match(...)`` how the library calls it.)
    """

    def __init__(self, name: str, build: Callable[[Vocab], str], flags: int = 0) -> None:
        if name in _PATTERNS:
            raise ValueError(f"a vocabulary pattern named {name!r} exists already")
        self.name = name
        self.build = build
        self.flags = flags
        _PATTERNS[name] = self

    def __call__(self, v: Vocab) -> re.Pattern[str]:
        compiled = v.compiled.get(self.name)
        if compiled is None:
            compiled = v.compiled[self.name] = re.compile(self.build(v), self.flags)
        return compiled


_PATTERNS: dict[str, VocabPattern] = {}
