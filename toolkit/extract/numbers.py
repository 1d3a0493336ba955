"""The grammar of written numbers: numerals, scale words and number words.

This module knows how English writes a quantity, not what it counts: digits with thousands
separators ("10,000", "10 000"), decimals and decimal commas ("1.5 million", "1,4 million"),
scale words and their abbreviations ("11 thousand", "$5.5bn", "10k"), number words ("two",
"twenty-five", "a dozen", "one hundred and fifty", "half a million"), broadcast styles that mix
them ("four-thousand-100", "27-hundred"); :mod:`toolkit.extract.ranges` pairs them into
ranges ("11,000-12,000", "around 11 to 12,000" = 11,000-12,000). What a number
counts, its qualifier and whether it is a figure at all are decided in
:mod:`toolkit.extract.figures` from the lexicon.

Every span keeps its surface text, so ``text[n.start:n.end] == n.text``.

>>> [(n.text, n.value) for n in find_numbers("about 27-hundred troops and $5.5bn in aid")]
[('27-hundred', 2700.0), ('5.5bn', 5500000000.0)]
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from toolkit.extract.english import English, load_english
from toolkit.read.lexicon import Lexicon, default_lexicon, derived_cache

# -- vocabulary of the grammar (closed classes of English, not of any story) ------------------

#: Abbreviated scales written after digits ("$5.5bn", "10k", "3.2 mln").
ABBREVIATIONS = {"k": 1e3, "mn": 1e6, "mln": 1e6, "mil": 1e6, "bn": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12,
                 "m": 1e6, "b": 1e9}
# "m" and "b" alone are metres and bytes as often as millions and billions: they scale only an
# amount of money, i.e. right after a currency symbol ("$20m").
_MONEY_ONLY_ABBREVIATIONS = {"m", "b"}
_ABBR = r"(?:" + "|".join(sorted(ABBREVIATIONS, key=len, reverse=True)) + r")"
_JOIN = re.compile(r"(?:\s+and\s+|-and-|[- ])", re.IGNORECASE)
_MINUS_WORD = re.compile(r"\b(?:minus|negative)\s+$", re.IGNORECASE)
_AND_A_HALF = re.compile(r"\s+and\s+a\s+half\b", re.IGNORECASE)
_SMALLER_SCALE_AFTER = re.compile(r" (?:hundred|thousand)\b", re.IGNORECASE)  # "4 thousand 3 hundred"
_ABBR_AFTER = re.compile(rf"( ?)({_ABBR})(?![\w])", re.IGNORECASE)

# -- the number words of a lexicon folder and the patterns built from them --------------------


@dataclass(frozen=True, slots=True)
class _Grammar:
    """The number words of one lexicon folder (english.py's, from its ``english.yaml``) and the
    patterns of numerals compiled from them, once per folder (:func:`_grammar`)."""

    ones: dict[str, int]  # zero .. nineteen
    tens: dict[str, int]  # twenty .. ninety
    scales: dict[str, float]  # singular: plurals ("thousands") are vague quantities, see figures
    decimal_comma_before: re.Pattern[str]  # makes a comma before 1-2 digits decimal in any style
    convention_evidence: re.Pattern[str]  # numerals one separator convention alone can write (lastgroup: which)
    first_atom: re.Pattern[str]  # the first part of a numeral (digits, a number word, "half a", "a")
    numeral_start: re.Pattern[str]  # where a numeral may start
    # numeral_start's two families apart: digits, and words ("a", "half" and the number words,
    # behind a look-ahead for their first letters); at one position only one family can match
    numeral_digits: re.Pattern[str]
    numeral_word: re.Pattern[str]
    next_atom: re.Pattern[str]  # a part after the first (a scale word, a number word, digits)


def _initials(ones: dict[str, int], tens: dict[str, int]) -> str:
    """A look-ahead for the first letters of the number words, "a" and "half" (nothing when a
    word is empty or does not start with a letter or digit: then it could start otherwise)."""
    words = [str(w) for w in [*ones, *tens, "a", "half"]]
    if not ones or not tens or not all(w[:1].isalnum() for w in words):
        return ""
    return "(?i:(?=[" + re.escape("".join(sorted({w[0].lower() for w in words}))) + "]))"


_DIGIT = re.compile(r"\d")


def _compile_grammar(english: English) -> _Grammar:
    """The grammar of numerals written with the number words of ``english``."""
    ones, tens, scales = english.cardinals, english.tens, english.scales
    wordnum = (
        # "fifty-two", "fifty two", and the spaced hyphen of scraped copy, "fifty - two"
        r"(?:(?:" + "|".join(tens) + r")(?:(?:[- ]|\s[-–]\s)(?:" + "|".join(k for k, v in ones.items() if 0 < v < 10) + r"))?"
        r"|" + "|".join(sorted(ones, key=len, reverse=True)) + r")"
    )
    scale = r"(?:" + "|".join(scales) + r"|dozen)"  # "a dozen" is a numeral too
    scale_after_digits = r"(?:" + "|".join(scales) + r"|bn|mn|mln|bln|tn|trn)"  # make a comma before them decimal
    decimal_comma_before = r"(?:[ -]?" + scale_after_digits + r"\b|\s?(?:%|percent\b|per\s+cent\b))"
    digits = (
        # a decimal comma before a scale word or a percent: "1,4 million", "2,5%"
        r"\d{1,3},\d{1,2}(?=" + decimal_comma_before + r")"
        r"|\d+(?:\.\d+)?(?:[eE][+-]?\d+|\^\(?[+-]?\d+\)?)(?![\w.,]?\d)"  # powers: 1e6, 10^400
        r"|(?<=\()\d{1,3}(?:, \d{3})+(?=\))"  # "(104, 813)": a group split by a space, alone in brackets
        r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 10,000 / 1,500.5
        r"|\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d.]\d|\d)"  # 1.500.000 / 12.000,5 / 1.500 (by convention)
        r"|\d{1,3}(?: \d{3})+(?![\d,.]?\d)"  # 10 000 (space-grouped, the clean text folds nbsp)
        r"|\d{1,3},\d{1,2}(?![\d,]\d|\d)"  # 1,50: a decimal comma only where the article writes them
        r"|\d+(?:\.\d+)?"
    )
    convention_evidence = (
        # every numeral here starts with a digit not after a digit, "." or ",": the first digit
        # is read before the look-behind, so that the engine skips to digits (issue 15); the
        # rest of each numeral is written without that digit (\d{1,3} is \d then \d{0,2})
        r"\d(?<![\d.,]\d)(?:"
        # only "." can group these thousands, only "," can start these decimals
        r"(?P<dot>\d{0,2}(?:\.\d{3}){2,}(?:,\d+)?|\d{0,2}\.\d{3},\d+|\d{0,2},\d{1,2}(?=" + decimal_comma_before + r"))"
        # and the other way round: "10,000", "1,500.5"; "1.5", "61.8", "3.1416" (not three decimals)
        r"|(?P<comma>\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*\.(?:\d{1,2}|\d{4,}))"
        r")(?![\d.,]?\d)"
    )
    return _Grammar(
        ones=ones, tens=tens, scales=scales,
        decimal_comma_before=re.compile(decimal_comma_before, re.IGNORECASE),
        convention_evidence=re.compile(convention_evidence),
        first_atom=re.compile(rf"(?P<digits>{digits})|(?P<word>\b{wordnum}\b)|(?P<half>\bhalf[- ]a\b)|(?P<a>\ba\b)",
                              re.IGNORECASE),
        numeral_start=re.compile(rf"(?:{digits})|\b(?:{wordnum}|half[- ]a|a(?=[- ]{scale}\b))\b", re.IGNORECASE),
        numeral_digits=re.compile(rf"(?:{digits})", re.IGNORECASE),
        numeral_word=re.compile(rf"\b{_initials(ones, tens)}(?:{wordnum}|half[- ]a|a(?=[- ]{scale}\b))\b",
                                re.IGNORECASE),
        next_atom=re.compile(rf"(?P<scale>{scale})\b|(?P<word>{wordnum})\b|(?P<digits>{digits})", re.IGNORECASE),
    )


@derived_cache
@functools.lru_cache(maxsize=8)
def _grammar_for(root: str) -> _Grammar:
    return _compile_grammar(load_english(root))


def _grammar(lexicon: Lexicon | None) -> _Grammar:
    """The grammar of ``lexicon`` (None: the default), built once a folder, kept in its cache."""
    lexicon = lexicon or default_lexicon()
    g = lexicon.cache.get("numbers.grammar")
    if g is None:
        g = lexicon.cache["numbers.grammar"] = _grammar_for(str(lexicon.root))
    return g


def __getattr__(name: str) -> Any:  # SCALES: the default lexicon's when asked, so $TOOLKIT_LEXICON reaches it
    if name == "SCALES":
        return _grammar(None).scales
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True, slots=True)
class NumberSpan:
    """One numeral in a text: its span, surface and value."""

    start: int
    end: int
    text: str
    value: float
    #: True when any part is a number word ("two", "four-thousand-100").
    words: bool = False
    #: the largest scale word or abbreviation it contains (1e9 for "$5.5bn"), else None.
    scale: float | None = None
    #: True for a bare run of digits without separator, decimal or scale ("2024", "80").
    bare: bool = False
    #: True when the value depends on a separator convention the article does not decide
    #: ("1.500": 1500 or 1.5), or the numeral is past what float64 holds as written (more than
    #: :data:`MAX_SIGNIFICANT_DIGITS` significant digits, or :data:`MAX_MAGNITUDE` or more):
    #: then ``value`` is NaN.
    ambiguous: bool = False
    #: True for a single group of three digits after a dot read as decimals ("1.500" = 1.5).
    dot_decimals: bool = False


#: The two ways of writing separators: "1,000.5" (a comma groups thousands, a dot starts the
#: decimals: English) and "1.000,5" (the other way round: most of continental Europe).
COMMA_THOUSANDS = "1,000.5"
DOT_THOUSANDS = "1.000,5"
#: A numeral is read to a value only when float64 holds it as written: at most this many
#: significant digits (leading zeros aside, trailing ones counted) ...
MAX_SIGNIFICANT_DIGITS = 15
#: ... and a magnitude below this (a quintillion: far beyond anything news counts or spends,
#: and sums or midpoints of larger values can overflow to infinity). Past either limit the
#: value is NaN and the numeral ``ambiguous``, so no wrong finite value or infinity is read.
MAX_MAGNITUDE = 1e18

_NAN = float("nan")
_SINGLE_DOT_GROUP = re.compile(r"[1-9]\d{0,2}\.\d{3}")
_DOT_GROUPS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_BARE_DECIMAL_COMMA = re.compile(r"\d{1,3},\d{1,2}")
_POWER = re.compile(r"(\d+(?:\.\d+)?)(?:[eE]([+-]?\d+)|\^\(?([+-]?\d+)\)?)")


def separator_convention(text: str, *, lexicon: Lexicon | None = None) -> str | None:
    """How ``text`` writes thousands and decimals: :data:`COMMA_THOUSANDS`,
    :data:`DOT_THOUSANDS`, or None when it writes no numeral that shows it, or both kinds.

    Only numerals that one convention alone can write decide: "1.500.000", "12.000,5" and
    "2,5 million" for dots, "10,000", "1,500.5" and "1.5" for commas. "1.500" is not one of
    them: it is 1500 or 1.5, and the rest of the article says which. Scale words are ``lexicon``'s.

    >>> [separator_convention(t) for t in ("10,000 troops", "1.500.000 euros", "1.500 troops", "10,000 and 1.500.000")]
    ['1,000.5', '1.000,5', None, None]
    """
    kinds = {m.lastgroup for m in _grammar(lexicon).convention_evidence.finditer(text)}
    if kinds == {"dot"}:
        return DOT_THOUSANDS
    if kinds == {"comma"}:
        return COMMA_THOUSANDS
    return None


def _significant(digits: str) -> int:
    """Significant digits of a numeral's digits (separators and decimal point removed)."""
    return len(digits.lstrip("0")) or 1


def _power_value(s: str) -> float:
    """The value of "1e6", "2.5E-3", "10^400", or NaN when it is past the limits."""
    m = _POWER.fullmatch(s)
    mantissa, exp_digits = m.group(1), m.group(2) or m.group(3)
    if _significant(mantissa.replace(".", "")) > MAX_SIGNIFICANT_DIGITS or len(exp_digits.lstrip("+-0")) > 6:
        return _NAN  # (an exponent of a million or more is past any limit, and int() would balk)
    exp = int(exp_digits)
    base = float(mantissa)
    if base == 0:
        return 0.0
    if m.group(2) is not None:  # mantissa times ten to the exponent
        magnitude = math.log10(base) + exp
        return float(f"{mantissa}e{exp}") if magnitude < math.log10(MAX_MAGNITUDE) else _NAN
    if base == 1:
        return 1.0
    if math.log10(base) * exp >= math.log10(MAX_MAGNITUDE):
        return _NAN
    if exp >= 0 and "." not in mantissa:
        n = int(mantissa) ** exp
        return float(n) if _significant(str(n).rstrip("0")) <= MAX_SIGNIFICANT_DIGITS else _NAN
    return base ** exp


def _digits_value(s: str, scale_follows: bool, convention: str | None = None) -> tuple[float, bool, bool] | None:
    """(value, ambiguous, dot_decimals) of a digit numeral, or None when no reading is safe.

    ``ambiguous``: the value depends on a separator convention the article does not decide
    ("1.500"), or the numeral is past the limits (value NaN). ``dot_decimals``: "1.500" read
    as 1.5 (a count of whole things would be odd).
    """
    if _POWER.fullmatch(s):
        value = _power_value(s)
        return value, value != value, False
    if _BARE_DECIMAL_COMMA.fullmatch(s):
        if not (scale_follows or convention == DOT_THOUSANDS):
            return None  # "items 1,4 and 5" is a list, "1,50" a typo or a decimal: no safe reading
        digits, value, ambiguous, dot_decimals = s.replace(",", ""), float(s.replace(",", ".")), False, False
    elif _SINGLE_DOT_GROUP.fullmatch(s) and convention != DOT_THOUSANDS:
        # "1.500": 1.5 where the article writes "10,000"; undecided, it is flagged
        digits, value, ambiguous, dot_decimals = s.replace(".", ""), float(s), convention is None, True
    elif _DOT_GROUPS.fullmatch(s):  # "1.500.000", "12.000,5", and "1.500" where dots group thousands
        integer, _, decimals = s.partition(",")
        digits = integer.replace(".", "") + decimals
        value, ambiguous, dot_decimals = float(integer.replace(".", "") + "." + (decimals or "0")), False, False
    else:
        digits = s.replace(",", "").replace(" ", "")
        value, ambiguous, dot_decimals = float(digits), False, False
        digits = digits.replace(".", "")
    if _significant(digits) > MAX_SIGNIFICANT_DIGITS or not abs(value) < MAX_MAGNITUDE:
        return _NAN, True, False
    return value, ambiguous, dot_decimals


def parse_number(s: str, *, lexicon: Lexicon | None = None) -> float | None:
    """Return the value of a numeral written in any style, or None when it is not one
    (number words from ``lexicon``, as in :func:`find_numbers`).

    >>> [parse_number(x) for x in ["10,000", "1,4 million", "four-thousand-100", "a dozen", "x"]]
    [10000.0, 1400000.0, 4100.0, 12.0, None]
    """
    nums = find_numbers(s, lexicon=lexicon)
    if len(nums) == 1 and nums[0].start == 0 and nums[0].end == len(s.strip()):
        return nums[0].value
    return None


def _evaluate(tokens: list[tuple[str, float]]) -> float | None:
    """Evaluate a token list [(kind, value)] of a numeral; None when it is not well formed.

    Kinds: ``n`` (a number), ``h`` (hundred), ``d`` (dozen), ``s`` (thousand and up), ``a``
    (the article "a", only before a scale), ``half`` ("half a", only before a scale).
    """
    total = 0.0
    current: float | None = None
    last_big = float("inf")
    after_hundred = False
    half = False
    for i, (kind, v) in enumerate(tokens):
        if kind == "n":
            if current is None:
                current = v
            elif after_hundred and v < 100 and current % 100 == 0:
                current += v  # "one hundred and fifty", "27-hundred-50"
            else:
                return None
            after_hundred = False
        elif kind == "ahalf":
            if current is None or i + 1 >= len(tokens) or tokens[i + 1][0] not in "hs":
                return None
            current += 0.5
        elif kind in ("a", "half"):
            if current is not None or i + 1 >= len(tokens) or tokens[i + 1][0] not in "hds":
                return None
            current = 1.0
            half = kind == "half"
        elif kind == "h":
            if current is None or current >= 100:
                return None
            current *= 100
            after_hundred = True
        elif kind == "d":
            if current is None:
                return None
            current *= 12
            after_hundred = False
        elif kind == "s":
            if current is None or v >= last_big:
                return None
            total += current * v
            last_big = v
            current = None
            after_hundred = False
    value = total + (current or 0.0)
    return value / 2 if half else value


def find_numbers(text: str, start: int = 0, end: int | None = None, *,
                 convention: str | None = None, lexicon: Lexicon | None = None) -> list[NumberSpan]:
    """Return the numerals of ``text[start:end]`` in text order.

    ``convention`` is how the article writes separators (:func:`separator_convention` of the
    whole text): with :data:`DOT_THOUSANDS` "1.500" is 1500 and "1,50" is 1.5; otherwise "1.500"
    is 1.5 (``ambiguous`` when the convention is None) and "1,50" is no number. A minus sign
    right before the digits ("-5", "−5", not "Mi-24" nor the dash of "10-12") makes the value
    negative.

    A numeral attached to letters is part of a word or a code ("Mi-24", "G7", "80th", "1990s",
    "170mm") and is skipped; so is one joined to digits by ``:`` or ``/`` ("10:30", "24/7") or
    led by ``#`` ("#39;"). A number word must stand alone ("someone" holds no "one"). Number and
    scale words are ``lexicon``'s (its ``english.yaml``; default: ``$TOOLKIT_LEXICON`` or ``data/lexicon``).

    >>> [n.text for n in find_numbers("Mi-24 80th 10:30 #39; 1990s two soldiers 10 000 men")]
    ['two', '10 000']
    """
    end = len(text) if end is None else end
    g = _grammar(lexicon)
    out: list[NumberSpan] = []
    pos = start
    # g.numeral_start.search(text, pos, end), read as the earlier of its two families' next
    # matches: a digit match starts at a digit, a word match at a letter, so they never start
    # together, and a family's next match from an earlier position is still its next match
    # from any position up to its start (issue 15: the digits are found by a plain scan)
    digit_m: re.Match[str] | None = None
    word_m: re.Match[str] | None = None
    digits_left = words_left = True
    while pos < end:
        if digits_left and (digit_m is None or digit_m.start() < pos):
            first = _DIGIT.search(text, pos, end)
            digit_m = g.numeral_digits.search(text, first.start(), end) if first is not None else None
            digits_left = digit_m is not None
        if words_left and (word_m is None or word_m.start() < pos):
            word_m = g.numeral_word.search(text, pos, end)
            words_left = word_m is not None
        if digit_m is None or (word_m is not None and word_m.start() < digit_m.start()):
            m = word_m
        else:
            m = digit_m
        if m is None:
            break
        span = _read_numeral(text, m.start(), end, g, convention)
        if span is None:
            pos = m.end()
            continue
        out.append(span)
        pos = span.end
    return out


def _read_numeral(text: str, s: int, limit: int, g: _Grammar, convention: str | None = None) -> NumberSpan | None:
    # Collect atoms greedily, then keep the longest prefix that evaluates.
    atoms = _atoms(text, s, limit, g, convention)
    if atoms is None:
        return None
    tokens, ends, words, ambiguous, dot_decimals = atoms
    while tokens:
        value = _evaluate(tokens)
        if value is not None and tokens[-1][0] not in ("a", "half"):
            break
        tokens.pop()
        ends.pop()
    if not tokens:
        return None
    e = ends[-1]
    scale = max((v for k, v in tokens if k in ("h", "s")), default=None)
    # abbreviations glued to digits: "5.5bn", "$20m", "10k", "3.2 mln"
    if tokens[-1][0] == "n" and text[e - 1:e].isdigit():
        glued = _abbreviation(text, s, e, limit)
        if glued is not None:
            factor, e = glued
            value = value * factor
            scale = max(scale or 0.0, factor)
    if not _stands_alone(text, s, e):
        return None
    if _in_code(text, s, e):
        return None
    value = float(value)
    if not abs(value) < MAX_MAGNITUDE:  # (NaN included) "999,999,999 trillion", "10^400"
        value, ambiguous = _NAN, True
    if _signed(text, s):
        s, value = s - 1, -value
    elif (minus := _MINUS_WORD.search(text, max(0, s - 10), s)) is not None:
        s, value = minus.start(), -value  # "minus five", "negative 3"
    surface = text[s:e]
    bare = bool(re.fullmatch(r"\d+", surface))
    return NumberSpan(s, e, surface, value, words, scale, bare, ambiguous, dot_decimals and not scale)


def _atoms(
    text: str, s: int, limit: int, g: _Grammar, convention: str | None,
) -> tuple[list[tuple[str, float]], list[int], bool, bool, bool] | None:
    """The atoms of the numeral at ``s``, read greedily: (tokens, the end of each, whether any is a
    number word, ambiguous, dot decimals), or None when its first digits are no numeral."""
    tokens: list[tuple[str, float]] = []
    ends: list[int] = []
    words = False
    ambiguous = dot_decimals = False
    pos = s
    first = True
    while pos < limit:
        if first:
            m = g.first_atom.match(text, pos, limit)
            if m is None:
                break
            if m.group("digits"):
                follows = bool(g.decimal_comma_before.match(text[m.end():m.end() + 12]))
                read = _digits_value(m.group("digits"), follows, convention)
                if read is None:
                    return None
                tokens.append(("n", read[0]))
                ambiguous, dot_decimals = read[1], read[2]
            elif m.group("word"):
                tokens.append(("n", _word_value(m.group("word"), g)))
                words = True
            elif m.group("half"):
                tokens.append(("half", 0.5))
                words = True
            else:
                tokens.append(("a", 1.0))
                words = True
            pos = m.end()
            ends.append(pos)
            first = False
            continue
        half = _AND_A_HALF.match(text, pos, limit) if tokens[-1][0] == "n" else None
        if half is not None:  # "five and a half million": the half counts only before a scale
            tokens.append(("ahalf", 0.5))
            pos = half.end()
            ends.append(pos)
            continue
        j = _JOIN.match(text, pos, limit)
        if j is None:
            break
        n = g.next_atom.match(text, j.end(), limit)
        if n is None:
            break
        if n.group("scale"):
            w = n.group("scale").lower()
            kind = "h" if w == "hundred" else "d" if w == "dozen" else "s"
            tokens.append((kind, g.scales.get(w, 12.0)))
        elif n.group("word"):
            tokens.append(("n", _word_value(n.group("word"), g)))
            words = True
        else:
            # digits after digits only in broadcast style, after a scale word
            # ("four-thousand-100", "4 thousand 3 hundred"); "311 112" is two numbers.
            if not (tokens[-1][0] in ("h", "s") and (j.group(0) == "-" or _SMALLER_SCALE_AFTER.match(text, n.end()))):
                break
            read = _digits_value(n.group("digits"), False, convention)
            if read is None or read[1] or read[2]:
                break  # ("four-thousand-1.500" is no broadcast numeral)
            tokens.append(("n", read[0]))
        pos = n.end()
        ends.append(pos)
    return tokens, ends, words, ambiguous, dot_decimals


def _abbreviation(text: str, s: int, e: int, limit: int) -> tuple[float, int] | None:
    """The scale abbreviation glued to the digits ``text[s:e]``: (its factor, its end), or None."""
    a = _ABBR_AFTER.match(text, e, limit)
    if a is None:
        return None
    abbr = a.group(2).lower()
    money = s > 0 and unicodedata.category(text[s - 1]) == "Sc"
    spaced = bool(a.group(1))
    decimal = "." in text[s:e]
    if abbr in _MONEY_ONLY_ABBREVIATIONS and (spaced or not (money or decimal and abbr == "m")):
        return None  # ("$20m" and "1.2m soldiers" are millions; "155m" is metres)
    if abbr == "m" and not money and not re.match(r" [A-Za-z]", text[a.end():a.end() + 2]):
        return None  # "surges of up to 1.5m," with nothing counted after it: metres
    if abbr == "k" and spaced:
        return None
    return ABBREVIATIONS[abbr], a.end()


def _signed(text: str, s: int) -> bool:
    """A minus sign right before digits at ``s``: "-5", "(−5)", but not the hyphen of "Mi-24",
    the dash of "10-12" or "10 -12" (a range), nor a bullet "- 5"."""
    if s == 0 or text[s - 1] not in "-\u2212" or not text[s].isdigit():
        return False
    if s >= 2 and not (text[s - 2].isspace() or text[s - 2] in "([{\"'“‘"):
        return False
    # the last character before the sign that is not white space, found from the sign back
    # (a copy of the text up to the sign, for each signed number, made the pass quadratic)
    j = s - 1
    while j > 0 and text[j - 1].isspace():
        j -= 1
    return j == 0 or not text[j - 1].isdigit()


_CODE = re.compile(r"\+?\d+(?:[-.]\d+){2,}")
_IPV4 = re.compile(r"(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)")


def _in_code(text: str, s: int, e: int) -> bool:
    """Phone numbers and codes: three or more digit groups joined by hyphens or dots
    ("1-800-555-0199", "10.20.30"), or digits with a leading zero ("0199", "007")."""
    lo = s
    while lo > 0 and (text[lo - 1].isdigit() or text[lo - 1] in "-.+"):
        lo -= 1
    hi = e
    while hi < len(text) and (text[hi].isdigit() or text[hi] in "-."):
        hi += 1
    run = text[lo:hi].strip("-.")
    if _CODE.fullmatch(run) and not (run == text[s:e] and _DOT_GROUPS.fullmatch(run) and run[0] != "0"
                                     and not _IPV4.fullmatch(run)):
        return True  # (but "1.500.000" groups thousands; "192.168.100.200" is an address)
    return len(text[s:e]) > 1 and text[s] == "0" and text[s + 1].isdigit()


def _word_value(w: str, g: _Grammar) -> float:
    parts = re.split(r"[-– ]", w.lower())
    return float(sum(g.tens.get(p, g.ones.get(p, 0)) for p in parts))


def _scaled_before(text: str, dash: int) -> bool:
    """Whether the letters before a dash close a scaled numeral ("5k-20k"), as a model name's
    ("Mi-24", "F-16") never do: theirs follow no digit."""
    return re.search(r"\d[A-Za-z]{1,3}$", text[max(0, dash - 4):dash]) is not None


def _stands_alone(text: str, s: int, e: int) -> bool:
    before = text[s - 1] if s > 0 else " "
    before2 = text[s - 2] if s > 1 else " "
    after = text[e] if e < len(text) else " "
    after2 = text[e + 1] if e + 1 < len(text) else " "
    if before.isalnum() or before in "#&_@":
        return False
    if before in "-\u2212" and before2.isalpha() and not _scaled_before(text, s - 1):
        return False  # Mi-24, KN-23, COVID-19 (and "UTC−5" with a minus sign), not "5k-20k"
    if before in ":/" and before2.isdigit():
        return False  # 10:30, 4/28
    if before == "." and before2.isdigit():
        return False
    if before == "," and before2.isdigit():
        return False  # the "50" of "1,50" or "1,50,000": part of a numeral read as a whole or not at all
    if before == "^" or after == "^" and after2.isdigit():
        return False  # a power written "10^x" that was not read as one
    if after.isalnum() or after == "_":
        return False  # 80th, 1990s, 170mm, G7 (the abbreviations were consumed above)
    if after in ":/" and after2.isdigit():
        return False
    if after == "." and after2.isdigit():
        return False  # version numbers "1.2.3"
    if after == "," and after2.isdigit():
        return False  # "1,2,3" lists, "10,00" typos
    return True


__all__ = [
    "ABBREVIATIONS", "COMMA_THOUSANDS", "DOT_THOUSANDS", "MAX_MAGNITUDE", "MAX_SIGNIFICANT_DIGITS", "SCALES",
    "NumberSpan", "find_numbers", "parse_number", "separator_convention",
]
