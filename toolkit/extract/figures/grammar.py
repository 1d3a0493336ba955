"""The figures grammar: ``data/lexicon/figures.yaml`` compiled into word tables and patterns.

This module owns :class:`Grammar` (every table and pattern the figure passes read: counted
nouns, currencies, qualifiers, increments, vague quantities, category cues, the contexts that
make a number no count) and :func:`compiled_grammar`, which builds it once per lexicon and keeps it in
the lexicon's cache under ``"figures.grammar"``. No pass compiles lexicon words itself. Month
names and number words are not ``figures.yaml``'s: they come from :mod:`toolkit.extract.english`
(``english.yaml`` of the same lexicon folder).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from toolkit.extract.english import English, load_english
from toolkit.read.alternation import alternation as grouped_alternation
from toolkit.read.lexicon import Lexicon


def alternation(forms: Sequence[str], *, left_bound: bool = True, right_bound: str = r"(?![\w-])") -> str:
    forms = sorted({str(f) for f in forms if str(f).strip()}, key=len, reverse=True)
    parts = []
    for f in forms:
        body = r"\s+".join(re.escape(w) for w in f.split())
        left = r"(?<![\w-])" if f[0].isalnum() and left_bound else ""
        right = right_bound if f[-1].isalnum() or f[-1] == "." else ""
        parts.append(left + body + right)
    return grouped_alternation(parts, re.IGNORECASE) if parts else r"(?!x)x"  # the patterns ignore case


@dataclass
class Grammar:
    categories: dict[str, str]  # cue (lower) -> category
    cue_re: re.Pattern[str]
    unit_categories: dict[str, str | None]  # None: people whose clause decides
    units: dict[str, str]  # surface (lower) -> unit
    units_re: re.Pattern[str]
    not_units: frozenset[str]
    currency_symbols: dict[str, str]
    currency_words: dict[str, str]
    symbol_re: re.Pattern[str]
    currency_word_re: re.Pattern[str]
    qual_before: dict[str, str]
    qual_before_re: re.Pattern[str]
    qual_after: dict[str, str]
    qual_after_re: re.Pattern[str]
    inc_before_re: re.Pattern[str]
    inc_after_re: re.Pattern[str]
    vague_re: re.Pattern[str]
    vague_plurals: dict[str, tuple[float, float]]
    vague_multipliers: dict[str, float]
    identifier_before: frozenset[str]
    age_before_re: re.Pattern[str]
    not_after_re: re.Pattern[str]
    time_unit_re: re.Pattern[str]
    months: frozenset[str]  # month names and abbreviations (without the period)
    number_words: frozenset[str]  # the words that start another quantity (see _english_words)
    reference_before: frozenset[str]
    change_re: re.Pattern[str]
    break_re: re.Pattern[str]
    qualifier_words: frozenset[str]
    generic_people: frozenset[str] = frozenset()
    own_loss_verbs: tuple[str, ...] = ()
    own_loss_re: re.Pattern[str] = re.compile(r"(?!x)x")  # own_loss_verbs, compiled once
    ratio_re: Any = None
    ratio_before_re: Any = None  # "N in ", "N out of " before the second number of a ratio
    rate_before: frozenset[str] = frozenset()  # "each", "every", "per": a rate's divisor, no count
    places: frozenset[str] = frozenset()  # units that name places ("province", "locality")
    place_prepositions: frozenset[str] = frozenset()  # "in", "across": a count of places as a setting
    year_before: frozenset[str] = frozenset()  # "in", "since": a four-digit number after them is a year
    measure_nouns: frozenset[str] = frozenset()  # "unit", "piece": their "of" complement is the kind
    people_predicates: frozenset[str] = frozenset()  # "buried", "trapped": a bare subject counts people
    actors: Any = None
    lexicon: Lexicon | None = None  # the lexicon it was built from: find_numbers reads its number words
    projection_re: re.Pattern[str] = re.compile(r"(?!x)x")
    # the last words of the qualifier and increment forms before a number, lower-cased (None
    # when a form is not ASCII): a stretch that ends with none of them holds no such form
    qual_before_tails: tuple[str, ...] | None = None
    inc_before_tails: tuple[str, ...] | None = None


def compiled_grammar(lexicon: Lexicon) -> Grammar:
    """The grammar of ``lexicon``'s figures vocabulary, built on first use and then cached."""
    cached = lexicon.cache.get("figures.grammar")
    if cached is not None:
        return cached
    d: dict[str, Any] = lexicon.figures
    categories = _categories(d)
    units = {str(k).lower(): str(v) for k, v in (d.get("units") or {}).items()}
    symbols, words = _currencies(d)
    qb, qa = load_english(lexicon.root).figure_qualifiers
    inc = d.get("increments") or {}
    plurals, mults, vague_re = _vague(d)
    g = Grammar(
        projection_re=_projection_re(d),
        categories=categories,
        cue_re=re.compile(alternation(list(categories)), re.IGNORECASE),
        unit_categories={str(k): None if v is None else str(v) for k, v in (d.get("unit_categories") or {}).items()},
        units=units,
        units_re=re.compile(alternation(list(units)), re.IGNORECASE),
        not_units=frozenset(str(w).lower() for w in d.get("not_units", []) or []),
        currency_symbols=symbols,
        currency_words=words,
        symbol_re=_symbol_re(symbols),
        currency_word_re=re.compile(r"\s*(" + alternation(list(words)) + r")", re.IGNORECASE),
        qual_before=qb,
        qual_before_re=re.compile(r"(" + alternation(list(qb)) + r")\s*$", re.IGNORECASE),
        qual_after=qa,
        qual_after_re=re.compile(r"(?:\s*|-)(" + alternation(list(qa)) + r")", re.IGNORECASE),
        inc_before_re=re.compile(r"(" + alternation(inc.get("before", []) or []) + r")\s*$", re.IGNORECASE),
        inc_after_re=re.compile(r"\s+(" + alternation(inc.get("after", []) or []) + r")(?!\s+than\b)", re.IGNORECASE),
        vague_re=vague_re,
        vague_plurals=plurals,
        vague_multipliers=mults,
        **_not_figures(d.get("not_figures") or {}),
        **_english_words(load_english(lexicon.root)),
        change_re=re.compile(alternation(d.get("change_verbs", []) or []), re.IGNORECASE),
        break_re=re.compile(r"[;:]|,|" + alternation(d.get("clause_breaks", []) or []), re.IGNORECASE),
        qualifier_words=frozenset(w for f in list(qb) + list(inc.get("before", []) or []) for w in str(f).lower().split()),
    )
    g.qual_before_tails = _last_words(list(qb))
    g.inc_before_tails = _last_words(inc.get("before", []) or [])
    g.actors = lexicon.actors
    g.lexicon = lexicon
    g.generic_people = frozenset(str(u) for u in d.get("generic_people", []) or [])
    g.own_loss_verbs = tuple(str(v) for v in d.get("own_loss_verbs", []) or [])
    g.own_loss_re = re.compile(alternation(g.own_loss_verbs), re.IGNORECASE)
    ratio = alternation(d.get("ratio_words", []) or [])
    g.ratio_re = re.compile(r"\s+(?:" + ratio + r")\s+(?=\S)", re.IGNORECASE)
    g.ratio_before_re = re.compile(r"(?<!\S)(\S+)\s+(?:" + ratio + r")\s+$", re.IGNORECASE)
    nf = d.get("not_figures") or {}
    g.rate_before = frozenset(str(w).lower() for w in nf.get("rate_before", []) or [])
    g.places = frozenset(str(w) for w in nf.get("places", []) or [])
    g.place_prepositions = frozenset(str(w).lower() for w in nf.get("place_prepositions", []) or [])
    g.year_before = frozenset(str(w).lower() for w in nf.get("year_before", []) or [])
    g.measure_nouns = frozenset(str(w) for w in d.get("measure_nouns", []) or [])
    g.people_predicates = frozenset(str(w).lower() for w in d.get("people_predicates", []) or [])
    lexicon.cache["figures.grammar"] = g
    return g


def _last_words(forms: Sequence[str]) -> tuple[str, ...] | None:
    """The last word of each form as :func:`alternation` writes it, lower-cased; None when a
    form holds a non-ASCII letter (under IGNORECASE it may match what lower() does not; a
    symbol without case, "≥", matches only itself)."""
    forms = [str(f) for f in forms if str(f).strip()]
    if not all(c.isascii() or (not c.isalpha() and c.lower() == c == c.upper()) for f in forms for c in f):
        return None
    return tuple(sorted({f.split()[-1].lower() for f in forms}))


def _categories(d: dict[str, Any]) -> dict[str, str]:
    """Cue (lower case) -> category; a cue listed under two categories keeps the first."""
    categories: dict[str, str] = {}
    for cat in list(d.get("categories", {})):
        for cue in d["categories"][cat] or []:
            categories.setdefault(str(cue).lower(), cat)
    return categories


def _currencies(d: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """(symbol -> code, word -> code), both keyed in lower case."""
    symbols: dict[str, str] = {}
    words: dict[str, str] = {}
    for code, entry in (d.get("currencies") or {}).items():
        for s in entry.get("symbols", []) or []:
            symbols[str(s).lower()] = code
        for w in entry.get("words", []) or []:
            words[str(w).lower()] = code
    return symbols, words


def _vague(d: dict[str, Any]) -> tuple[dict[str, tuple[float, float]], dict[str, float], re.Pattern[str]]:
    """The vague quantities: plurals with their bounds ("thousands"), multipliers of a scale word
    ("several hundred"), and the pattern that finds either."""
    vague = d.get("vague") or {}
    plurals = {str(k).lower(): (float(v[0]), float(v[1])) for k, v in (vague.get("plurals") or {}).items()}
    mults = {str(k).lower(): float(v[0] if isinstance(v, list) else v) for k, v in (vague.get("multipliers") or {}).items()}
    scale_words = r"(?:hundred|thousand|million|billion|dozen)"
    vague_re = re.compile(
        r"(?<![\w-])" + _first_letters(list(mults) + list(plurals))
        + r"(?:(?P<mult>" + alternation(list(mults)) + r")\s+(?P<scale>" + scale_words + r")(?![\w-])"
        r"|(?P<plural>" + alternation(list(plurals)) + r"))",
        re.IGNORECASE,
    )
    return plurals, mults, vague_re


def _first_letters(forms: Sequence[str]) -> str:
    """A look-ahead for the letters the forms start with ("(?i:(?=[adhmst]))"), or "" when one
    starts with anything else. Every branch of the vague pattern starts with one of them, so it
    finds the same; at a word that starts with no such letter the engine stops there instead
    of trying each of the 16 forms (issue 15)."""
    firsts = {f.split()[0][0].lower() for f in forms if f.strip()}
    if not firsts or not all(c.isascii() and c.isalpha() for c in firsts):
        return ""
    return "(?i:(?=[" + "".join(sorted(firsts)) + "]))"


def _symbol_re(symbols: dict[str, str]) -> re.Pattern[str]:
    """A currency symbol at the end of the text before a number ("$", "US$ ")."""
    symbol_forms = sorted(symbols, key=len, reverse=True)
    return re.compile(
        r"(?:" + "|".join(
            re.escape(s) + r"\s?" for s in symbol_forms
        ) + r")$" if symbol_forms else r"(?!x)x",
        re.IGNORECASE,
    )


def _projection_re(d: dict[str, Any]) -> re.Pattern[str]:
    """The words that make a figure's clause a possibility or a plan ("could", "expects")."""
    projection_cues = sorted((str(c) for c in d.get("projection_cues", []) or []), key=len, reverse=True)
    return re.compile(
        r"(?i)(?<![\w'])(?:" + "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in projection_cues) + r")(?!\w)"
    ) if projection_cues else re.compile(r"(?!x)x")


def _not_figures(nf: dict[str, Any]) -> dict[str, Any]:
    """The grammar's fields read from ``not_figures``: the contexts of a number that is no count."""
    return {
        "identifier_before": frozenset(str(w).lower() for w in nf.get("identifier_before", []) or []),
        "age_before_re": re.compile(r"(?:" + alternation(nf.get("age_before", []) or []) + r")\s*$", re.IGNORECASE),
        "not_after_re": re.compile(r"(?:\s*|-)(?:" + alternation(nf.get("after", []) or []) + r")", re.IGNORECASE),
        "time_unit_re": re.compile(
            r"(?:\s+|-)(?:" + alternation([str(w).lstrip("-") for w in nf.get("time_units", []) or []], left_bound=False,
                         right_bound=r"(?!\w)")
            + r")(?!\w)",
            re.IGNORECASE,
        ),
        "reference_before": frozenset(str(w).lower() for w in nf.get("reference_before", []) or []),
    }


def _english_words(en: English) -> dict[str, frozenset[str]]:
    """The grammar's fields derived from english's shared word lists."""
    # A number word ends the search for the counted noun after a number: another quantity
    # starts ("47 injured within three days"). These are english's number words as far as this
    # rule has always read them (one to twelve, the tens to fifty, the scales to a billion:
    # widening the range would change which figures are found), with this rule's own words
    # for dozens and for the vague plurals.
    number_words = frozenset(w for w, v in en.number_words.items() if 1 <= v <= 12 or 20 <= v <= 50 or 100 <= v <= 1e9)
    return {
        # "June 19", "19 June", "Nov. 20" are dates even when the dates extractor misses them
        # (the rules strip an abbreviation's period before looking a word up)
        "months": frozenset(en.all_months),
        "number_words": number_words | {"dozen", "dozens", "hundreds", "thousands", "millions"},
    }
