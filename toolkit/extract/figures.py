"""Numeric claims: a quantity phrase with its bounds, unit, category, subject, source and dates.

:func:`find_figures` reads one article's clean text sentence by sentence. The numerals come from
:mod:`toolkit.numbers` (the grammar of written numbers); everything that gives them meaning comes
from ``data/lexicon/figures.yaml``: qualifiers ("more than", "nearly", "up to"), increments ("an
additional"), vague quantities ("thousands of"), counted nouns and currencies (the unit), the
cue words that decide the category from the figure's clause, and the contexts that make a
number something other than a count (identifiers, ages, calibres, durations). The claimant and
hedge come from :mod:`toolkit.attribution`; ``as_of`` and ``reported`` from the ``dates``
mentions (:mod:`toolkit.dates`).

Bounds follow a TimeML-like honesty (issue 4): a bound is set only where the words set one.
"more than 10,000" has low 10,000 and no high; "nearly 1,000" is below 1,000, so 1,000 is its
high (qualifier ``at_most``); "about 11,000" sets neither bound; "thousands of" is ``vague`` with
value NaN and bounds from the order of magnitude (2,000-9,999).

>>> f = find_figures("Pyongyang is reported to have moved more than 10,000 North Korean troops "
...                  "into Russia since last autumn.", published=dt.date(2025, 4, 28), dates=[])[0]
>>> (f.text, f.value, f.low, f.high, f.qualifier, f.unit, f.category, f.subject, f.hedge)
('more than 10,000 North Korean troops', 10000.0, 10000.0, None, 'more_than', 'troop', 'deployed', 'North Korea', 'reported')
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from toolkit.extract.attribution import Attribution, find_attribution
from toolkit.read.clean import split_sentences
from toolkit.read.lexicon import Lexicon, default_lexicon
from toolkit.extract.numbers import NumberSpan, find_numbers, find_ranges, separator_convention
from toolkit.records import DateMention, Figure

NAN = float("nan")
# Categories in the order they win when cues of several sit in the same part of a clause.
_CATEGORY_ORDER = ("casualties", "killed", "wounded", "captured", "money", "materiel", "deployed")
# Units that count people: a bare figure right after one of these inherits its unit and subject
# ("about 1,500 troops ... an additional 3,000 were deployed").
_WORDS_TO_UNIT_LIMIT = 5
# (White space is taken whole, "\s*+", where a second "\s*" follows: two stars that may share
# a run of spaces try every split of it.)
_COORDINATED_FIGURE = re.compile(r"\s*+(?:,|,?\s*(?:and|or|plus|as well as))\s*", re.IGNORECASE)
# A figure that continues a series over time: "rose from at least 100 in December to about 600
# in April and about 2,000 by September" (a short date phrase, then "to", "and" or "then").
# The date phrase starts after all the white space ("\s++"); a phrase that would be spaces only
# is the second branch (one space after the first white space).
_SERIES_STEP = re.compile(r"\s*+(?:(?:in|by|on|at|as\s+of|around)(?:\s++[\w .'’-]{1,30}?|\s[^\S ]*+ ))?\s*+,?\s*+"
                          r"(?:to|and|then|and\s+then)\s*", re.IGNORECASE)
_COORDINATED = re.compile(r"\s*+(?:,?\s*(?:and|or)|,|to|-|–)\s*", re.IGNORECASE)
_TOKEN = re.compile(r"%|[\w'’]+(?:[.-][\w'’]+)*|[^\w\s]")


# -- compiled lexicon ------------------------------------------------------------------------


def _alternation(forms: Sequence[str], *, left_bound: bool = True, right_bound: str = r"(?![\w-])") -> str:
    forms = sorted({str(f) for f in forms if str(f).strip()}, key=len, reverse=True)
    parts = []
    for f in forms:
        body = r"\s+".join(re.escape(w) for w in f.split())
        left = r"(?<![\w-])" if f[0].isalnum() and left_bound else ""
        right = right_bound if f[-1].isalnum() or f[-1] == "." else ""
        parts.append(left + body + right)
    return "(?:" + "|".join(parts) + ")" if parts else r"(?!x)x"


@dataclass
class _Grammar:
    categories: dict[str, str]  # cue (lower) -> category
    cue_re: re.Pattern[str]
    unit_categories: dict[str, str]
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
    months: frozenset[str]
    reference_before: frozenset[str]
    change_re: re.Pattern[str]
    break_re: re.Pattern[str]
    qualifier_words: frozenset[str]
    generic_people: frozenset[str] = frozenset()
    own_loss_verbs: tuple[str, ...] = ()
    ratio_re: Any = None
    actors: Any = None
    projection_re: re.Pattern[str] = re.compile(r"(?!x)x")


def _grammar(lexicon: Lexicon) -> _Grammar:
    cached = lexicon.cache.get("figures.grammar")
    if cached is not None:
        return cached
    d: dict[str, Any] = lexicon.figures
    categories: dict[str, str] = {}
    for cat in list(d.get("categories", {})):
        for cue in d["categories"][cat] or []:
            categories.setdefault(str(cue).lower(), cat)
    units = {str(k).lower(): str(v) for k, v in (d.get("units") or {}).items()}
    symbols: dict[str, str] = {}
    words: dict[str, str] = {}
    for code, entry in (d.get("currencies") or {}).items():
        for s in entry.get("symbols", []) or []:
            symbols[str(s).lower()] = code
        for w in entry.get("words", []) or []:
            words[str(w).lower()] = code
    qb: dict[str, str] = {}
    qa: dict[str, str] = {}
    for q, entry in (d.get("qualifiers") or {}).items():
        for f in (entry or {}).get("before", []) or []:
            qb.setdefault(str(f).lower(), q)
        for f in (entry or {}).get("after", []) or []:
            qa.setdefault(str(f).lower(), q)
    inc = d.get("increments") or {}
    vague = d.get("vague") or {}
    plurals = {str(k).lower(): (float(v[0]), float(v[1])) for k, v in (vague.get("plurals") or {}).items()}
    mults = {str(k).lower(): float(v[0] if isinstance(v, list) else v) for k, v in (vague.get("multipliers") or {}).items()}
    nf = d.get("not_figures") or {}
    scale_words = r"(?:hundred|thousand|million|billion|dozen)"
    vague_re = re.compile(
        r"(?<![\w-])(?:(?P<mult>" + _alternation(list(mults)) + r")\s+(?P<scale>" + scale_words + r")(?![\w-])"
        r"|(?P<plural>" + _alternation(list(plurals)) + r"))",
        re.IGNORECASE,
    )
    symbol_forms = sorted(symbols, key=len, reverse=True)
    symbol_re = re.compile(
        r"(?:" + "|".join(
            re.escape(s) + r"\s?" for s in symbol_forms
        ) + r")$" if symbol_forms else r"(?!x)x",
        re.IGNORECASE,
    )
    projection_cues = sorted((str(c) for c in d.get("projection_cues", []) or []), key=len, reverse=True)
    g = _Grammar(
        projection_re=re.compile(
            r"(?i)(?<![\w'])(?:" + "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in projection_cues) + r")(?!\w)"
        ) if projection_cues else re.compile(r"(?!x)x"),
        categories=categories,
        cue_re=re.compile(_alternation(list(categories)), re.IGNORECASE),
        unit_categories={str(k): str(v) for k, v in (d.get("unit_categories") or {}).items()},
        units=units,
        units_re=re.compile(_alternation(list(units)), re.IGNORECASE),
        not_units=frozenset(str(w).lower() for w in d.get("not_units", []) or []),
        currency_symbols=symbols,
        currency_words=words,
        symbol_re=symbol_re,
        currency_word_re=re.compile(r"\s*(" + _alternation(list(words)) + r")", re.IGNORECASE),
        qual_before=qb,
        qual_before_re=re.compile(r"(" + _alternation(list(qb)) + r")\s*$", re.IGNORECASE),
        qual_after=qa,
        qual_after_re=re.compile(r"(?:\s*|-)(" + _alternation(list(qa)) + r")", re.IGNORECASE),
        inc_before_re=re.compile(r"(" + _alternation(inc.get("before", []) or []) + r")\s*$", re.IGNORECASE),
        inc_after_re=re.compile(r"\s+(" + _alternation(inc.get("after", []) or []) + r")(?!\s+than\b)", re.IGNORECASE),
        vague_re=vague_re,
        vague_plurals=plurals,
        vague_multipliers=mults,
        identifier_before=frozenset(str(w).lower() for w in nf.get("identifier_before", []) or []),
        age_before_re=re.compile(r"(?:" + _alternation(nf.get("age_before", []) or []) + r")\s*$", re.IGNORECASE),
        not_after_re=re.compile(r"(?:\s*|-)(?:" + _alternation(nf.get("after", []) or []) + r")", re.IGNORECASE),
        time_unit_re=re.compile(
            r"(?:\s+|-)(?:" + _alternation([str(w).lstrip("-") for w in nf.get("time_units", []) or []], left_bound=False,
                         right_bound=r"(?!\w)")
            + r")(?!\w)",
            re.IGNORECASE,
        ),
        months=frozenset(str(w).lower() for w in nf.get("months", []) or []),
        reference_before=frozenset(str(w).lower() for w in nf.get("reference_before", []) or []),
        change_re=re.compile(_alternation(d.get("change_verbs", []) or []), re.IGNORECASE),
        break_re=re.compile(r"[;:]|,|" + _alternation(d.get("clause_breaks", []) or []), re.IGNORECASE),
        qualifier_words=frozenset(w for f in list(qb) + list(inc.get("before", []) or []) for w in str(f).lower().split()),
    )
    g.actors = lexicon.actors
    g.generic_people = frozenset(str(u) for u in d.get("generic_people", []) or [])
    g.own_loss_verbs = tuple(str(v) for v in d.get("own_loss_verbs", []) or [])
    g.ratio_re = re.compile(r"\s+(?:" + _alternation(d.get("ratio_words", []) or []) + r")\s+(?=\S)", re.IGNORECASE)
    lexicon.cache["figures.grammar"] = g
    return g


# -- candidates -------------------------------------------------------------------------------


@dataclass
class _Quantity:
    start: int  # with qualifier and currency symbol
    end: int  # with counted noun phrase
    num_start: int  # the numeral(s) alone
    num_end: int
    value: float
    low: float | None
    high: float | None
    qualifier: str
    increment: bool = False
    unit: str | None = None
    currency: str | None = None
    np_end: int = 0  # end of the counted noun phrase (for subject and NP cues)
    words: bool = False
    is_range: bool = False
    vague: bool = False
    bare: bool = False
    scale: float | None = None
    unit_from_lexicon: bool = False
    ambiguous: bool = False  # the numeral's reading is in doubt (see Figure.ambiguous)
    dot_decimals: bool = False  # "1.500" read as 1.5


def find_figures(
    text: str,
    *,
    published: dt.date | None = None,
    sentences: Sequence[tuple[int, int]] | None = None,
    dates: Sequence[DateMention] | None = None,
    lexicon: Lexicon | None = None,
) -> list[Figure]:
    """Return the numeric claims of one article's clean text, in text order.

    Args:
        text: the clean body text; every offset points into it.
        published: the publication date, the default ``reported`` and ``as_of``.
        sentences: sentence spans (default :func:`toolkit.clean.split_sentences`).
        dates: temporal expressions (default :func:`toolkit.dates.find_dates`); numbers inside
            them are never figures, and they give ``as_of`` and ``reported``.
        lexicon: the vocabulary (default: ``data/lexicon`` or ``$TOOLKIT_LEXICON``).

    >>> [(f.text, f.value, f.qualifier, f.increment) for f in find_figures(
    ...     "The agency said an additional 3,000 were deployed.", dates=[])]
    [('an additional 3,000', 3000.0, 'exact', True)]
    """
    lexicon = lexicon or default_lexicon()
    g = _grammar(lexicon)
    spans = list(sentences) if sentences is not None else split_sentences(text)
    if dates is None:
        from toolkit.extract.dates import find_dates  # lazily: dates.py is its own module and floor

        dates = find_dates(text, published=published, sentences=spans)
    date_list = _Dates(dates)  # sorted by start and indexed: no scan of every date per number
    # how the article writes thousands and decimals ("10,000" or "1.500.000"), read once
    convention = separator_convention(text)
    out: list[Figure] = []
    people: tuple[int, str, str | None] | None = None  # (sentence, unit, subject) of the last people figure
    person: str | None = None  # the last person noun counted ("soldier", "troop")
    by_sentence = [[d for d in date_list.starting_in(s0, s1) if d.type == "DATE"] for s0, s1 in spans]
    # the day of each sentence's dated statement ("lawmakers said on Wednesday"), if any
    statements = [_statement_date(text, span, ds, lexicon, published) for span, ds in zip(spans, by_sentence)]
    for sid, (s0, s1) in enumerate(spans):
        if _is_headline(text, s0, s1):
            continue  # "N. Korea Sent 1,500 More Troops To Russia": the body states it properly
        quantities = _quantities(text, s0, s1, g, date_list, convention)
        sentence_dates = by_sentence[sid]
        if not quantities:
            continue
        # a bare number counts what the last figure about people counted, a sentence or two back
        previous_people = people[1:] if people is not None and sid - people[0] <= 2 else None
        prev_span = spans[sid - 1] if sid > 0 else None
        for i, q in enumerate(quantities):
            prev_end = quantities[i - 1].end if i > 0 else s0
            next_start = quantities[i + 1].start if i + 1 < len(quantities) else s1
            attribution = find_attribution(text, (s0, s1), lexicon=lexicon, at=q.start, previous=prev_span,
                                           context=spans[max(0, sid - 4):sid])
            counted = _counted_phrase(text, q, prev_end, g) if q.unit is None and q.currency is None else None
            if counted is not None:
                q.unit = q.unit or counted[0]
            category, cued = _category(text, q, prev_end, next_start, s0, s1, g, attribution)
            between = text[quantities[i - 1].end:q.start] if i > 0 else ""
            if not cued and i > 0 and out and out[-1].sentence_id == sid and (
                    _COORDINATED_FIGURE.fullmatch(between) or _SERIES_STEP.fullmatch(between)):
                # "killed 100 North Korean soldiers and 20 Russian ones": the verb is shared;
                # "rose from 100 in December to about 600 in April": the series counts one thing
                category = out[-1].category
            if q.unit is None and q.currency is None and person is not None and q.value == q.value \
                    and float(q.value).is_integer() and (category in _PEOPLE_CATEGORIES or _reads_as_count(text, q, s1)):
                # a bare number about people ("about 2,700 were wounded") counts the people the
                # article has been counting (the last person noun before it)
                q.unit = person
                if category == "other":
                    category = g.unit_categories.get(person, "other")
            subject = _subject(text, q, prev_end, s0, g, lexicon, category, attribution)
            if subject is None and counted is not None and counted[1] is not None:
                subject = counted[1]
            if subject is None and previous_people is not None and q.unit == previous_people[0] and \
                    text[q.num_end:q.np_end].strip() == "":
                subject = previous_people[1]
            reported, used = _reported(text, attribution, sentence_dates, quantities, published, s0)
            if used is None and attribution is not None:
                # "X said on Wednesday ..." then "Lawmakers said about 1,500 more ...": a dated
                # statement in this sentence, or a few before (or just after), is the one this
                # figure reports
                for k in (sid, sid - 1, sid - 2, sid - 3, sid + 1, sid + 2):
                    if 0 <= k < len(spans) and statements[k] is not None:
                        reported = statements[k][0]
                        break
            as_of = _as_of(text, q, sentence_dates, used, reported, g, s0, s1, prev_end, next_start)
            claimant = attribution.claimant if attribution else None
            hedge = attribution.hedge if attribution else None
            fig = Figure(
                start=q.start,
                end=q.end,
                text=text[q.start:q.end],
                value=q.value,
                low=q.low,
                high=q.high,
                qualifier=q.qualifier,
                increment=q.increment,
                unit=q.currency or q.unit,
                category=category,
                subject=subject,
                claimant=claimant,
                hedge=hedge,
                as_of=as_of,
                reported=reported,
                sentence_id=sid,
                projected=_is_projection(text, q.start, s0, g, q.end),
                ambiguous=q.ambiguous,
            )
            out.append(fig)
            if q.unit and g.unit_categories.get(q.unit) in _PEOPLE_CATEGORIES:
                people = (sid, q.unit, subject)
                previous_people = people[1:]
                if q.unit in g.generic_people and q.unit_from_lexicon:
                    person = q.unit
    return _article_subject(out, g)


#: A modal that is the main verb of the figure's own clause: "6,000 builders would follow".
_MODAL_AFTER = re.compile(r"\b(?:would|will|could|might|may|shall|(?:is|are)\s+(?:expected|set|due|likely|to\s+be)\s+to)\b",
                          re.IGNORECASE)
_NOT_SAME_CLAUSE = re.compile(r"[.;:!?]|\b(?:who|which|that|whom|whose|and|or|but|while|although|because|since|after|"
                              r"before|when|as|if|until|so)\b", re.IGNORECASE)


def _is_projection(text: str, at: int, s0: int, g: "_Grammar", end: int | None = None) -> bool:
    """True when the clause of the figure at ``at`` (ending at ``end``) states a possibility or a plan.

    The clause runs from the last clause break (a semicolon, or a comma before a clause word of
    the lexicon) to the figure: "Pyongyang could send 30,000 more" is projected. A modal right
    after the figure's phrase is its own verb ("6,000 personnel, deminers and builders, would
    follow"); one in a relative or another clause is not ("3,000 troops, who could be sent on,
    arrived"; "3,000 arrived and more will follow").
    """
    lo = max(text.rfind(";", s0, at), text.rfind(":", s0, at), s0)
    if g.projection_re.search(text, lo, at):
        return True
    if end is None:
        return False
    m = _MODAL_AFTER.search(text, end, min(len(text), end + 80))
    if m is None:
        return False
    between = re.sub(r",[^,]*,", ",", text[end:m.start()])  # an apposition ("deminers and builders")
    # A list: ", medics and drivers". Each word is taken whole (possessive) so that a long word
    # is not split every possible way ("(\s*\w+)+" backtracks 2**n times), and the words after
    # "and" are at most the 80 characters ``between`` can hold, so trying each "and" is linear.
    between = re.sub(r",\s*+[\w'’-]++(?:\s++[\w'’-]++)*\s+(?:and|or)\s+[\w'’ -]{1,80}+$", "", between)
    return _NOT_SAME_CLAUSE.search(between) is None


_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred "
    "thousand million billion dozen dozens hundreds thousands millions".split()
)
_PEOPLE_CATEGORIES = ("deployed", "casualties", "killed", "wounded", "captured")


def _article_subject(figures: list[Figure], g: _Grammar) -> list[Figure]:
    """Give figures about people with no owner of their own the article's clear owner.

    News about one side's troops names that side once ("North Korean troops") and then counts
    "about 3,000 special forces" without repeating it. When the figures that do name an owner
    agree (two thirds of them name the same one), figures counting people
    with no owner take that one. Figures about money or materiel, and articles whose figures
    name several owners, are left alone.
    """
    named = [f.subject for f in figures if f.subject is not None]
    if not named:
        return figures
    top = max(set(named), key=named.count)
    if named.count(top) * 3 < len(named) * 2:
        return figures
    out = []
    for f in figures:
        people = f.category in _PEOPLE_CATEGORIES and (f.unit is None or g.unit_categories.get(f.unit) in _PEOPLE_CATEGORIES)
        out.append(replace(f, subject=top) if f.subject is None and people else f)
    return out


# Anchored (\A): ".*" finds the last determiner from the start, and a search would try again
# from every later position once that fails.
_COUNTED = re.compile(r"\A.*\b(?:the|its|their|his|her|our)\s+((?:[\w'’-]+\s+){1,8}?)(?:at|to)\s+$", re.IGNORECASE | re.DOTALL)


_AUX_AFTER = re.compile(r"\s+(?:were|was|are|is|have|has|had|will|would|could|may|might|more|of\s+them)\b", re.IGNORECASE)


def _reads_as_count(text: str, q: _Quantity, s1: int) -> bool:
    """A bare number with nothing counted reads as a head count when it is qualified, a range,
    an increment or the subject of a verb ("about 3,000 were sent"); "61.8" alone does not."""
    return q.qualifier != "exact" or q.increment or bool(_AUX_AFTER.match(text, q.end, s1))


def _counted_phrase(text: str, q: _Quantity, lo: int, g: _Grammar) -> tuple[str | None, str | None] | None:
    """What a bare figure counts when the sentence names it before "at"/"to".

    "put the number of North Korean soldiers deployed at about 12,000", "put the North Korean
    force at about 14,000": the phrase between the determiner and "at" is the counted noun
    phrase, with its unit and owner. Returns (unit, subject) or None.
    """
    m = _COUNTED.search(text[max(lo, q.start - 90):q.start])
    if m is None:
        return None
    base = max(lo, q.start - 90)
    ps, pe = base + m.start(1), base + m.end(1)
    unit = None
    for u in g.units_re.finditer(text, ps, pe):
        unit = g.units[re.sub(r"\s+", " ", u.group(0).lower())]
    owner = None
    for a in g.actors.find(text, ps, pe):
        if a.type == "state" or a.kind == "demonym":
            owner = a.name
            break
    if unit is None and owner is None:
        return None
    return unit, owner


_HEADLINE_END = re.compile(r"[.!?:;\"”’)]\s*$")
_NON_SPACE = re.compile(r"\S")


def _is_headline(text: str, s0: int, s1: int) -> bool:
    """A line set as a headline or a link: alone on its line, with no closing punctuation, and
    in title case, or the article's first line, or a bulleted line ("- Putin declares ...")."""
    # Only the sentence's own line is looked at, never the text back to the article's start:
    # a search for the line's ends from the sentence would make a long one-line text quadratic.
    line_start = s0  # back over bullets and spaces: anything else before it on the line -> no
    while line_start > 0 and text[line_start - 1] in " -•*":
        line_start -= 1
    if line_start > 0 and text[line_start - 1] != "\n":
        return False
    after = s1  # on over white space to the line's end: anything else after it -> no
    while after < len(text) and text[after] != "\n" and text[after].isspace():
        after += 1
    if after < len(text) and text[after] != "\n" or _HEADLINE_END.search(text[s0:s1]):
        return False
    if _NON_SPACE.search(text, 0, line_start) is None or re.match(r"\s*[-•*]\s", text[line_start:s1]):
        return True
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text[s0:s1]) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _statement_date(
    text: str, span: tuple[int, int], sentence_dates: list[DateMention], lexicon: Lexicon,
    published: dt.date | None,
) -> tuple[dt.date, str | None] | None:
    """The day and claimant of a dated statement in a sentence ("lawmakers said on Wednesday")."""
    if not sentence_dates:
        return None
    from toolkit.extract.attribution import find_attributions

    for a in find_attributions(text, span, lexicon=lexicon):
        if a.kind != "verb":
            continue
        day, used = _reported(text, a, sentence_dates, [], published, span[0])
        if used is not None and day is not None:
            return day, a.claimant
    return None


def _quantities(text: str, s0: int, s1: int, g: _Grammar, dates: Sequence[DateMention],
                convention: str | None = None) -> list[_Quantity]:
    """The quantity phrases of one sentence, in text order and without overlaps."""
    numbers = [n for n in find_numbers(text, s0, s1, convention=convention) if not _in_dates(n.start, n.end, dates)]
    symbol_gap = "|".join(re.escape(s) for s in sorted(g.currency_symbols, key=len, reverse=True) if not s[-1].isalpha())
    ranges = find_ranges(text, numbers, gap=symbol_gap)
    # "rose from 10,000 to 12,000" is a change between two figures, not a range
    ranges = [r for r in ranges if not _is_change(text, r.start, s0, g)]
    in_range = {id(r.first) for r in ranges} | {id(r.second) for r in ranges}
    items: list[tuple[int, Any]] = [(r.start, r) for r in ranges]
    items += [(n.start, n) for n in numbers if id(n) not in in_range]
    for m in g.vague_re.finditer(text, s0, s1):
        if any(n.start < m.end() and m.start() < n.end for n in numbers):
            continue
        if _in_dates(m.start(), m.end(), dates):
            continue
        items.append((m.start(), m))
    items.sort(key=lambda x: x[0])
    out: list[_Quantity] = []
    skipped_end = -1  # end of the last number that was an age or an identifier
    for _, item in items:
        start = item.start() if isinstance(item, re.Match) else item.start
        if skipped_end >= 0 and _COORDINATED.fullmatch(text[skipped_end:start]):
            # "aged 20 and 26", "Articles 4 and 5": the second number is what the first was
            skipped_end = item.end() if isinstance(item, re.Match) else item.end
            continue
        q = _build(text, item, s0, s1, g)
        if q is None:
            reason = None if isinstance(item, re.Match) else _not_a_count(
                text, getattr(item, "first", item), s0, s1, g, item.end)
            skipped_end = (item.end() if isinstance(item, re.Match) else item.end) if reason in ("age", "identifier") else -1
            continue
        skipped_end = -1
        if out and q.start < out[-1].end:
            # overlapping phrases (a qualifier read by both): keep the first, trim nothing
            if q.num_start < out[-1].end:
                continue
            q.start = max(q.start, out[-1].end)
            q.start = _skip_space(text, q.start)
        out.append(q)
    return out


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


class _Dates(list):
    """Date mentions sorted by start, with an index that answers the two questions asked of
    every number and sentence in O(log n) instead of a scan of all the article's dates."""

    def __init__(self, dates: Sequence[DateMention]) -> None:
        super().__init__(sorted(dates, key=lambda d: d.start))
        self.starts = [d.start for d in self]
        # reach[i]: the furthest end among the first i + 1 mentions (they may nest or overlap)
        self.reach = list(itertools.accumulate((d.end for d in self), max))

    def starting_in(self, lo: int, hi: int) -> list[DateMention]:
        """The mentions with ``lo <= start < hi``, in order."""
        return self[bisect.bisect_left(self.starts, lo):bisect.bisect_left(self.starts, hi)]

    def overlaps(self, s: int, e: int) -> bool:
        """Whether a mention overlaps ``[s, e)``: one that starts before ``e`` and ends after ``s``."""
        i = bisect.bisect_left(self.starts, e)  # mentions [0, i) start before e
        return i > 0 and self.reach[i - 1] > s


def _in_dates(s: int, e: int, dates: Sequence[DateMention]) -> bool:
    if isinstance(dates, _Dates):
        return dates.overlaps(s, e)
    return any(d.start < e and s < d.end for d in dates)


def _is_change(text: str, start: int, s0: int, g: _Grammar) -> bool:
    """'rose from 10,000 to 12,000', 'rose by 200 to 1,200': a change, not a range."""
    before = text[max(s0, start - 40):start]
    m = re.search(r"\b(?:from|by)\s+(?:\S+\s+)?$", before, re.IGNORECASE)
    return bool(m and g.change_re.search(before[: m.start()][-30:]))


def _prev_word(text: str, s0: int, pos: int) -> str:
    m = re.search(r"(?<![\w.'’-])([\w.'’-]+)[\s(]*+$", text[s0:pos])  # from a word's start only: linear
    return m.group(1) if m else ""


def _build(text: str, item: Any, s0: int, s1: int, g: _Grammar) -> _Quantity | None:
    """Turn a numeral, range or vague match into a quantity phrase, or None if it is no count."""
    if isinstance(item, re.Match):
        return _build_vague(text, item, s0, s1, g)
    if hasattr(item, "first"):  # a range
        first: NumberSpan = item.first
        second: NumberSpan = item.second
        ns, ne = item.start, item.end
        if _not_a_count(text, first, s0, s1, g, ne) or (second.bare and 1800 <= second.value <= 2100 and first.bare):
            return None
        q = _Quantity(ns, ne, ns, ne, (item.low + item.high) / 2, item.low, item.high, "range",
                      words=first.words or second.words, is_range=True, scale=second.scale,
                      ambiguous=first.ambiguous or second.ambiguous, dot_decimals=first.dot_decimals or second.dot_decimals)
        between = re.search(r"\b(?:between|from)\s*$", text[s0:ns], re.IGNORECASE)
        if between:
            q.start = s0 + between.start()
    else:
        n: NumberSpan = item
        if _not_a_count(text, n, s0, s1, g, n.end):
            return None
        q = _Quantity(n.start, n.end, n.start, n.end, n.value, None, None, "exact",
                      words=n.words, bare=n.bare, scale=n.scale, ambiguous=n.ambiguous, dot_decimals=n.dot_decimals)
    _read_currency(text, q, s0, s1, g)
    _read_qualifiers(text, q, s0, s1, g)
    _read_unit(text, q, s1, g)
    if not _keep(text, q, s0, g):
        return None
    if q.dot_decimals and q.currency is None and q.unit != "percent" and not float(q.value).is_integer():
        # "1.500 troops" read as 1.5 (the article writes "10,000"): a fraction of a count of
        # whole things is odd, so the reading is flagged rather than trusted
        q.ambiguous = True
    return q


def _build_vague(text: str, m: re.Match[str], s0: int, s1: int, g: _Grammar) -> _Quantity | None:
    if m.group("plural"):
        low, high = g.vague_plurals[re.sub(r"\s+", " ", m.group("plural").lower())]
    else:
        a = g.vague_multipliers[re.sub(r"\s+", " ", m.group("mult").lower())]
        scale = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "dozen": 12}[m.group("scale").lower()]
        # "several hundred": 300 up to just below the next order of magnitude (999)
        low, high = a * scale, (10 * scale - 1 if scale != 12 else 99)
    # value: the least the words can mean ("thousands of" -> 2,000), so a chart never inflates it
    q = _Quantity(m.start(), m.end(), m.start(), m.end(), low, low, high, "vague", vague=True)
    # "tens of thousands of" vs "thousands": keep the words; "of" leads to the counted noun
    _read_currency(text, q, s0, s1, g)
    _read_qualifiers(text, q, s0, s1, g)
    _read_unit(text, q, s1, g)
    if q.unit is None and q.currency is None:
        # "hundreds" alone with nothing counted is too often not a quantity ("by the hundreds")
        if not re.match(r"\s+(?:more|of|were|have|had|are|died|killed)\b", text[q.end:s1], re.IGNORECASE):
            return None
    return q


def _not_a_count(text: str, n: NumberSpan, s0: int, s1: int, g: _Grammar, end: int) -> str | None:
    """Why the numeral is not a count (year, identifier, age, date, measure), or None."""
    prev = _prev_word(text, s0, n.start)
    after = text[end:s1]
    if g.not_after_re.match(after) or g.time_unit_re.match(after):
        return "measure"
    # "3 in 10", "one out of five": a ratio, not a count (both numbers)
    r = g.ratio_re.match(after)
    if r:
        nxt = find_numbers(after, r.end(), min(len(after), r.end() + 20))
        if nxt and nxt[0].start == r.end() and n.value < nxt[0].value:
            return "ratio"  # (a ratio's first number is the smaller: "15,000 in two waves" is not one)
    rb = re.search(r"(?<!\S)(\S+)\s+(?:in|out\s+of)\s+$", text[max(s0, n.start - 30):n.start], re.IGNORECASE)
    if rb:
        first = find_numbers(rb.group(1))
        if first and first[0].end == len(rb.group(1)) and first[0].value < n.value:
            return "ratio"
    # "for 10 and 4 years", "three to five days": the time unit after the second number
    # belongs to the first too
    pair = re.match(r"\s*(?:and|or|to|-|–)\s*", after)
    if pair:
        nxt = find_numbers(after, pair.end(), min(len(after), pair.end() + 40))
        if nxt and nxt[0].start == pair.end() and g.time_unit_re.match(after, nxt[0].end):
            return "measure"
    if g.age_before_re.search(text[max(s0, n.start - 30):n.start]):
        return "age"
    low_prev = prev.lower()
    if low_prev in g.identifier_before or low_prev.rstrip(".") in g.identifier_before:
        return "identifier"
    if low_prev in g.months or low_prev.rstrip(".,") in g.months:
        return "date"  # "June 19", "Nov. 20"
    nxt = re.match(r"\s*([\w.]+)", after)
    if nxt and nxt.group(1).lower().rstrip(".,") in g.months and n.value <= 31 and n.bare:
        return "date"  # "19 June"
    if n.bare and 1800 <= n.value <= 2100 and not g.units_re.match(after.lstrip()):
        return "date"  # a year the dates extractor did not claim
    if n.bare and prev[:1].isupper() and prev.lower() not in g.qualifier_words and \
            not g.units_re.match(after.lstrip()):
        # "Article 4", "Resolution 2231", "Hwasong 19": a capitalised word names a numbered
        # thing, unless it opens the sentence ("About 300 ...") or is a currency ("USD 20").
        if text[s0:n.start].strip() != prev and prev.lower() not in g.currency_symbols:
            return "identifier"
    return None


def _minus_before(text: str, at: int, s0: int) -> bool:
    """A minus sign just before ``at`` that opens a word: " -$5bn", "(−$5bn)", not "pre-$5bn"."""
    if at <= s0 or text[at - 1] not in "-\u2212":
        return False
    return at - 1 == s0 or text[at - 2].isspace() or text[at - 2] in "([\"'“‘"


def _read_currency(text: str, q: _Quantity, s0: int, s1: int, g: _Grammar) -> None:
    m = g.symbol_re.search(text[max(s0, q.start - 5):q.start])
    if m:
        code = g.currency_symbols.get(m.group(0).strip().lower())
        if code:
            q.currency = code
            q.start -= len(m.group(0))
            if not q.is_range and _minus_before(text, q.start, s0):
                # "-$5bn": the sign stands before the symbol, where the number reader never looks
                q.start -= 1
                q.value, q.low, q.high = (None if v is None else -v for v in (q.value, q.low, q.high))
    w = g.currency_word_re.match(text, q.end, s1)
    if w:
        code = g.currency_words.get(re.sub(r"\s+", " ", w.group(1).lower()))
        if code and (q.currency is None or q.currency == code or q.currency == "USD"):
            q.currency = code
            q.end = w.end()
    if q.vague and q.currency is None:
        # "billions of dollars"
        of = re.match(r"\s+of\s+(" + g.currency_word_re.pattern[4:-1] + r")", text[q.end:s1], re.IGNORECASE)
        if of:
            q.currency = g.currency_words.get(re.sub(r"\s+", " ", of.group(1).lower()))
            q.end += of.end()


def _read_qualifiers(text: str, q: _Quantity, s0: int, s1: int, g: _Grammar) -> None:
    """Read qualifier and increment words around the number; set qualifier and bounds."""
    qualifier: str | None = None
    for _ in range(3):
        before = text[max(s0, q.start - 40):q.start]
        m = g.qual_before_re.search(before)
        if m and qualifier is None:
            qualifier = g.qual_before[re.sub(r"\s+", " ", m.group(1).lower())]
            q.start -= len(before) - m.start(1)
            continue
        m = g.inc_before_re.search(before)
        if m:
            q.increment = True
            q.start -= len(before) - m.start(1)
            continue
        break
    # after the number: "or more", "-plus", "more" (increment)
    m = g.qual_after_re.match(text, q.end, s1)
    if m and (m.group(1) != "+" or text[q.end:q.end + 1] == "+"):
        word = re.sub(r"\s+", " ", m.group(1).lower())
        if qualifier is None:
            qualifier = g.qual_after.get(word) or g.qual_after.get("-" + word.lstrip("-")) or g.qual_after.get(word.lstrip("-"))
        q.end = m.end()
    m = g.inc_after_re.match(text, q.end, s1)
    if m:
        q.increment = True
        q.end = m.end()
    if q.vague or q.is_range:
        return  # a vague or ranged quantity keeps its own bounds ("around 11 to 12,000")
    v = q.value
    if qualifier is None or qualifier == "exact":
        # an exact figure states a point, not an interval: no bounds (as approx)
        q.qualifier, q.low, q.high = "exact", None, None
    elif qualifier == "approx":
        q.qualifier, q.low, q.high = "approx", None, None
    elif qualifier in ("at_least", "more_than"):
        q.qualifier, q.low, q.high = qualifier, v, None
    elif qualifier in ("at_most", "less_than"):
        q.qualifier, q.low, q.high = qualifier, None, v


def _read_unit(text: str, q: _Quantity, s1: int, g: _Grammar) -> None:
    """Find the counted noun after the number: its singular unit and the end of its phrase."""
    pos = q.end
    q.np_end = q.end
    if q.currency:
        return
    rest = text[pos:s1]
    m = re.match(r"\s*(?:%|percent\b|per cent\b)", rest, re.IGNORECASE)
    if m:
        q.unit = "percent"
        q.end = q.np_end = pos + m.end()
        return
    quote = re.match(r"[\"”’]", rest)  # '"between 3,000 and 4,000" armored vehicles'
    if quote:
        pos += 1
        rest = text[pos:s1]
    strong = re.match(r"-strong\b", rest)  # "a 12,000-strong contingent"
    if strong:
        pos += strong.end()
        rest = text[pos:s1]
    glued = re.match(r"-([a-z]+)\b", rest)  # "a 2,000-man unit"
    if glued and (glued.group(1) in g.units or glued.group(1) in g.units.values()):
        q.unit = g.units.get(glued.group(1), glued.group(1))
        q.unit_from_lexicon = True
        q.end = q.np_end = pos + glued.end()
        return
    toks = [(pos + t.start(), pos + t.end(), t.group(0)) for t in _TOKEN.finditer(rest[:160])]
    i = 0
    # "thousands of soldiers", "50 of the 170mm howitzers" (not "one of the": words stay bare)
    # (a number word takes "of the" only before a noun the lexicon knows: "nine of the
    # engineers", not "one of the most ...")
    if toks and toks[0][2].lower() == "of" and (q.vague or not q.words or q.value >= 2):
        i = 1
        if i < len(toks) and toks[i][2].lower() in ("the", "those", "these", "its", "their"):
            i += 1
        if q.words and not q.vague and not (i < len(toks) and g.units_re.match(text, toks[i][0], s1)):
            i = 0
    guess: tuple[int, str] | None = None
    modifiers_only = True  # at most one adjective before ("military terms"), else capitalised words
    lowercase_seen = 0
    steps = 0
    while i < len(toks) and steps < _WORDS_TO_UNIT_LIMIT:
        ts, te, word = toks[i]
        m = g.units_re.match(text, ts, s1)
        if m:
            # the head of a compound is its last noun: "special forces soldiers" -> soldier
            while m:
                q.unit = g.units[re.sub(r"\s+", " ", m.group(0).lower())]
                end = m.end()
                m = g.units_re.match(text, _skip_space(text, end), s1) if text[end:end + 1] == " " else None
            q.unit_from_lexicon = True
            q.end = q.np_end = end
            return
        low = word.lower()
        if low in g.not_units or low.endswith("ly") and not word[0].isupper():
            break
        if not (word[0].isalpha() or word[0].isdigit() and any(c.isalpha() for c in word)):
            break  # punctuation ends the phrase; "170mm" does not
        if low in _NUMBER_WORDS:
            break  # another quantity starts ("47 injured within three days")
        if word.islower() and low.endswith("ed") and not (i + 1 < len(toks) and g.units_re.match(text, toks[i + 1][0], s1)):
            break  # "47 injured ...": a participle, unless it modifies a known noun ("wounded soldiers")
        if guess is None and modifiers_only and word.isalpha() and word.islower() and len(low) > 3 \
                and low not in g.categories and (low.endswith("s") and not low.endswith("ss") or low.endswith("men")):
            guess = (te, _singular(low))
            break
        if word.islower() and not word[0].isdigit():
            lowercase_seen += 1
            modifiers_only = lowercase_seen < 2
        i += 1
        steps += 1
    # a plural noun not in the lexicon still names the unit ("10,000 refugees", "two
    # deployments"); _keep decides whether a number word with such a noun is a figure
    if guess is not None:
        q.unit = guess[1]
        q.end = q.np_end = guess[0]


def _singular(word: str) -> str:
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    return word[:-1]


def _keep(text: str, q: _Quantity, s0: int, g: _Grammar) -> bool:
    """Precision guards for number words, which are also pronouns and references."""
    if q.vague or q.currency or not q.words:
        return True
    if q.scale is not None or q.qualifier != "exact" or q.is_range:
        return q.unit is not None or q.scale is not None or q.increment or q.qualifier != "exact"
    # a small number word is a figure when it counts a noun the lexicon knows ("two North
    # Korean soldiers", "the two soldiers were captured"), when it stands for people with a
    # casualty word ("nine dead"), or when it counts another plural noun not as a reference
    # ("two deployments", but not "the two countries" or "its three allies")
    if q.unit_from_lexicon:
        return True
    if re.match(r"\s+(?:dead|killed|wounded|injured|captured|missing|died)\b", text[q.end:q.end + 12], re.IGNORECASE):
        return True
    prev = _prev_word(text, s0, q.start).lower()
    if q.unit is not None and prev not in g.reference_before and q.value >= 2:
        return True
    return False


# -- meaning ----------------------------------------------------------------------------------


def _cues(text: str, lo: int, hi: int, g: _Grammar) -> list[tuple[int, str]]:
    return [(m.start(), g.categories[re.sub(r"\s+", " ", m.group(0).lower())]) for m in g.cue_re.finditer(text, lo, hi)]


def _best(cues: list[tuple[int, str]]) -> str | None:
    cats = {c for _, c in cues}
    for c in _CATEGORY_ORDER:
        if c in cats:
            return c
    return next(iter(sorted(cats)), None)


def _category(
    text: str, q: _Quantity, prev_end: int, next_start: int, s0: int, s1: int, g: _Grammar,
    attribution: Attribution | None,
) -> tuple[str, bool]:
    """The figure's category and whether a cue word (not just the counted noun) decided it."""
    if q.currency:
        return "money", True
    if q.unit == "percent":
        return "other", True
    # 1. the figure's own noun phrase ("3,000 casualties", "two captured soldiers"); a noun
    #    that is itself an outcome or a thing ("fatalities", "prisoners", "shells") decides
    own = _best(_cues(text, q.num_end, q.np_end, g))
    if own:
        return own, True
    if q.unit_from_lexicon and g.unit_categories.get(q.unit, "deployed") != "deployed":
        return g.unit_categories[q.unit], True
    # Outside its own phrase, a money or materiel word names some other thing ("10,000
    # troops in exchange for aid", "missiles fired at six oblasts"): it decides only for a
    # figure that counts nothing named, or counts that kind of thing.
    default = g.unit_categories.get(q.unit) if q.unit else None
    if q.unit is not None and default is None:
        # a counted thing the lexicon gives no category ("three villages", "five bases"): the
        # clause's casualty or deployment words are about people, not about it
        return "other", False
    nouns_ok = q.unit is None or default in ("money", "materiel")

    def pick(lo: int, hi: int) -> str | None:
        return _best([c for c in _cues(text, lo, hi, g) if nouns_ok or c[1] not in ("money", "materiel")])

    # 2. what follows, up to the next figure or clause break ("... troops were killed")
    after_end = _clause_end(text, q.end, next_start, g)
    cat = pick(q.end, after_end)
    if cat:
        return cat, True
    # 3. what comes before, back to the previous figure, clause break or attribution
    before_start = _clause_start(text, prev_end, q.start, g, attribution)
    cat = pick(before_start, q.start)
    if cat:
        return cat, True
    # 4. the rest of the sentence before it, past commas ("casualties, killed and wounded
    #    together, numbered more than 6,000"), but not past another figure or the attribution
    lo = prev_end
    if attribution is not None and prev_end <= attribution.end <= q.start and attribution.kind in ("verb", "preposition"):
        lo = attribution.end
    breaks = [m.end() for m in re.finditer(r"[;:]|\b(?:where|while|whereas|but|although|though|because|when|after|before)\b",
                                           text[lo:q.start], re.IGNORECASE)]
    if breaks:
        lo += breaks[-1]
    cat = pick(lo, q.start)
    if cat:
        return cat, True
    if q.unit and q.unit in g.unit_categories:
        return g.unit_categories[q.unit], False
    return "other", False


def _clause_end(text: str, start: int, limit: int, g: _Grammar) -> int:
    window_end = min(limit, start + 90)
    cues = [(m.start(), m.end()) for m in g.cue_re.finditer(text, start, window_end)]
    for m in g.break_re.finditer(text, start, window_end):
        if m.group(0) == "," and text[m.start() + 1:m.start() + 2].isdigit():
            continue
        if any(cs < m.start() < ce for cs, ce in cues):
            continue  # "killed and wounded": the break is inside a cue
        return m.start()
    return window_end


def _clause_start(text: str, limit: int, end: int, g: _Grammar, attribution: Attribution | None) -> int:
    lo = max(limit, end - 80)
    if attribution is not None and lo <= attribution.end <= end and attribution.kind in ("verb", "preposition"):
        lo = attribution.end
    cues = [(m.start(), m.end()) for m in g.cue_re.finditer(text, lo, end)]
    start = lo
    for m in g.break_re.finditer(text, lo, end):
        if m.group(0) == "," and text[m.start() + 1:m.start() + 2].isdigit():
            continue
        if any(cs < m.start() < ce for cs, ce in cues):
            continue
        start = m.end()
    return start


def _subject(
    text: str, q: _Quantity, prev_end: int, s0: int, g: _Grammar, lexicon: Lexicon, category: str,
    attribution: Attribution | None,
) -> str | None:
    """Whose the counted people or things are: a state, or None when the text does not say."""
    # 0. a force of two states together: "the combined Russian and North Korean force ...
    #    numbered about 50,000", "50,000 Russian and North Korean troops". The count is not
    #    either state's alone, so the subject names both and no chart of one state takes it.
    #    (The clause may start inside the pair, at its "and": the pair's second state counts.)
    lo = _clause_start(text, prev_end, q.start, g, attribution)
    joint = _joint_owner(text, lexicon.actors.find(text, max(s0, lo - 80), min(len(text), q.end + 60)),
                         lo, q.start, q.end)
    if joint is not None:
        return joint
    # 1. in the noun phrase: "North Korean troops", "thousands of North Korean soldiers"
    # (an owner is a state: "Pentagon troops" is not a thing news writes about the Pentagon)
    if q.np_end > q.num_end and not q.currency:
        for a in lexicon.actors.find(text, q.num_end, q.np_end):
            if a.type == "state" or a.kind == "demonym":
                return a.name
    # 2. a possessor right before: "North Korea's 11,000 troops"
    m = re.search(r"(['’]s?)\s+$", text[max(s0, q.start - 4):q.start])
    if m:
        owner_end = max(s0, q.start - 4) + m.start()
        owners = [a for a in lexicon.actors.find(text, max(s0, owner_end - 60), owner_end)
                  if a.end == owner_end and a.type == "state"]
        if owners:
            return owners[-1].name
    # 3. the state that is the clause's subject, for what a state sends, earns or holds
    #    ("North Korea has earned more than $20 billion"); never for what is done to the
    #    counted ("Ukraine captured two soldiers": the soldiers are not Ukraine's).
    #    The state must stand before a cue of the category ("North Korea has sent ..."), not
    #    after a preposition ("sent to Russia"), so "Seoul discovered 10,000 containers" names
    #    the discoverer, not the owner, and gives nothing.
    if category in ("casualties", "killed", "wounded"):
        # "Russia has lost more than 600,000 soldiers": the subject of a verb of suffering
        lo = _clause_start(text, prev_end, q.start, g, attribution)
        for v in re.finditer(_alternation(g.own_loss_verbs), text[lo:q.start], re.IGNORECASE):
            states = [a for a in lexicon.actors.find(text, lo, lo + v.start())
                      if a.type == "state" and not _after_preposition(text, lo, a.start)]
            if states:
                return states[-1].name
    if category in ("deployed", "money", "materiel"):
        lo = _clause_start(text, prev_end, q.start, g, attribution)
        cues = [c for c in g.cue_re.finditer(text, lo, q.start)
                if g.categories.get(re.sub(r"\s+", " ", c.group(0).lower())) in ("deployed", "money", "materiel")]
        states = [a for a in lexicon.actors.find(text, lo, q.start)
                  if a.kind == "alias" and a.type == "state" and not _after_preposition(text, lo, a.start)
                  and any(c.start() >= a.end for c in cues)]
        if states:
            return states[0].name
        # the agent after the figure: "1,000 containers sent by Pyongyang"
        after = text[q.end:min(len(text), q.end + 60)]
        m = re.match(r"[^.;,]*?\b(\w+)\s+by\s+", after)
        if m and g.categories.get(m.group(1).lower()) in ("deployed", "money", "materiel"):
            agents = [a for a in lexicon.actors.find(text, q.end + m.end(), q.end + m.end() + 40)
                      if a.start == q.end + m.end() or text[q.end + m.end():a.start].strip().lower() == "the"]
            if agents and agents[0].type == "state":
                return agents[0].name
    return None


_FORCE_NOUN = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:forces?|troops|soldiers|units|contingents?|personnel|armies|army|grouping|servicemen)\b",
    re.IGNORECASE,
)


def _joint_owner(text: str, mentions: list, lo: int, start: int, end: int) -> str | None:  # noqa: ANN001
    """"Russian and North Korean troops": two states joined by "and" before a noun of forces,
    either in the clause before the figure (the clause starts at ``lo``, and may start at the
    pair's own "and") or right after the figure ("45,000 Russian and North Korean troops")."""
    states = [a for a in mentions if a.type == "state"]
    for a, b in zip(states, states[1:]):
        placed = lo <= b.start and b.end <= start or not text[end:a.start].strip()
        if a.name != b.name and placed and re.fullmatch(r"\s*(?:,\s*)?(?:and|&)\s*", text[a.end:b.start]) \
                and _FORCE_NOUN.match(text, b.end):
            return f"{a.name} and {b.name}"
    return None


def _after_preposition(text: str, lo: int, pos: int) -> bool:
    return re.search(r"\b(?:to|in|into|from|with|by|for|against|on|at|of|near|across|over|toward|towards)\s+(?:the\s+)?$",
                     text[max(lo, pos - 12):pos], re.IGNORECASE) is not None


def _reported(
    text: str, attribution: Attribution | None, sentence_dates: list[DateMention],
    quantities: list[_Quantity], published: dt.date | None, s0: int,
) -> tuple[dt.date | None, DateMention | None]:
    """The statement date next to the reporting cue ("told lawmakers on Nov. 20"), else published."""
    if attribution is None or attribution.carried or attribution.kind not in ("verb", "preposition"):
        return published, None
    for d in sentence_dates:
        if d.earliest is None or d.value.startswith("P") or "REF" in d.value:
            continue
        if d.granularity in ("year", "decade", "century"):
            continue  # a statement is dated closer than its year: "said ... in 2024" dates what was said
        if d.start >= attribution.end and d.start - attribution.end <= 60 and not re.search(
            r"\b(?:since|from|between|until|till|by|to|of|for|through|after|before|during)\s+(?:the\s+)?$|[,;]",
            text[attribution.end:d.start], re.IGNORECASE
        ):
            between = (attribution.end, d.start)  # "said on Friday", "told reporters on Monday"
        elif d.end <= attribution.start and attribution.start - d.end <= 70 and (
            text[s0:d.start].strip() in ("", "On", "on", "Also on", "Late on", "Earlier on", "In", "Also in")
            or attribution.start - d.end <= 25 and not re.search(r"[,;]|\band\b", text[d.end:attribution.start])
        ):
            between = (d.end, attribution.start)  # "On Thursday, Budanov told ...", "on Monday said"
        else:
            continue
        if any(between[0] <= qq.num_start < between[1] for qq in quantities):
            continue
        if re.search(r"[;\"“”]|\bthat\b", text[between[0]:between[1]]):
            continue
        if published is not None and d.earliest > published:
            continue
        return d.earliest, d
    return published, None


_DATE_BREAK = re.compile(
    r";|,\s*(?:and|but|while|which|where|whereas|who)\b|\b(?:while|whereas)\b|:\s|,\s*\w+ing\b|\bthat\s+(?:were|was|had|have)\b"
    r"|\band\s+(?:would|will|could|may|might|should|can|are|is|were|was|had|have|has)\b"
    r"|\b(?:after|before|following)\b",
    re.IGNORECASE,
)


def _as_of(
    text: str, q: _Quantity, sentence_dates: list[DateMention], used: DateMention | None,
    reported: dt.date | None, g: _Grammar, s0: int, s1: int, prev_end: int, next_start: int,
) -> dt.date | None:
    """The day the figure describes: its clause's own date, else the report date.

    The clause runs from the previous figure (or a clause break) to the next one; a date that
    opens the sentence ("In January, ...") governs the whole sentence. A date introduced by
    "since" or "from" starts a running total, which is true as of the report date. A date gives
    its first day, a deadline introduced by "by" or "until" its last.
    """
    lo, hi = prev_end, next_start
    for m in _DATE_BREAK.finditer(text, prev_end, q.start):
        lo = m.end()
    m = _DATE_BREAK.search(text, q.end, next_start)
    if m:
        hi = m.start()
    best: DateMention | None = None
    best_dist = math.inf
    for d in sentence_dates:
        if d is used or d.earliest is None or d.value.startswith("P"):
            continue
        opening = d.start - s0 <= 12 and re.match(r"\s*,", text[d.end:d.end + 2]) is not None
        if not (lo <= d.start and d.end <= hi) and not opening:
            continue
        dist = d.start - q.end if d.start >= q.end else q.start - d.end
        if dist < best_dist:
            best, best_dist = d, dist
    if best is None:
        return reported
    if "REF" in best.value:
        return reported  # "now", "currently": the report date
    lead = text[max(s0, best.start - 20):best.start].lower()
    between = text[q.end:best.start] if best.start >= q.end else ""
    if (best.mod or "").upper() in ("AFTER", "ON_OR_AFTER") or re.search(r"\b(?:since|from)\s+(?:\w+\s+){0,2}$", lead) \
            or best.text.lower().startswith(("since", "from")) or re.search(r"\bsince\b", between, re.IGNORECASE):
        return reported  # a running total ("Since last autumn, over 10,000 ...")
    # A date gives its first day ("in January" -> January 1: the day the period the figure
    # describes begins, as the dates table's `earliest`); a deadline ("by December", "until
    # March") gives its last; a span ("between January and March") gives its later end.
    pair = re.match(r"\s*(?:and|to|-|–|through|until)\s*", text[best.end:best.end + 9]) if re.search(
        r"\b(?:between|from)\s+$", lead) else None
    if pair:
        later = [d for d in sentence_dates if d.start > best.end and d.start - best.end <= 8 and d.earliest]
        if later:
            best = later[0]
    if (best.mod or "").upper() in ("BEFORE", "ON_OR_BEFORE") or re.search(r"\b(?:by|until|till|through)\s+(?:the\s+)?(?:end\s+of\s+)?$", lead):
        day = best.latest or best.earliest
    elif best.granularity in ("year", "decade", "century") and not best.mod:
        # A count over a whole year ("11,000 sent in 2024") is what the year added up to: true
        # by its end (or by the report, if that comes first), not on January 1. A part of a
        # year ("earlier this year", "late 2024") keeps its first day, like any other date.
        day = best.latest or best.earliest
    else:
        day = best.earliest
    if reported is not None and day is not None and day > reported and best.earliest <= reported:
        day = reported  # "by the end of this year", said in March: no later than the report
    return day


__all__ = ["find_figures"]
