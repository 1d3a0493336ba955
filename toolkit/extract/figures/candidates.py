"""Candidates: the numbers of a sentence that are counts, read into quantity phrases.

:func:`sentence_quantities` finds one sentence's numerals, ranges and vague quantities ("thousands of"),
drops those inside date mentions and those that are no count (:func:`_not_a_count`: a year, an
identifier, an age, a date, a measure, a ratio; :func:`_keep`: a number word used as a pronoun
or a reference) and builds each of the others into a :class:`Quantity` with its qualifier,
currency and counted noun (read by :mod:`toolkit.extract.figures.meaning`). :func:`furniture_lines`
tells the driver which lines are page furniture (links, bullets, headings after the body).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from toolkit.extract.figures import heads
from toolkit.extract.figures.grammar import Grammar
from toolkit.extract.figures.meaning import (
    read_currency,
    read_qualifiers,
    read_trailing_qualifier,
    read_unit,
)
from toolkit.extract.figures.model import Quantity, in_dates, skip_space
from toolkit.extract.numbers import NumberSpan, find_numbers
from toolkit.extract.ranges import LOWER_BOUND_BEFORE, find_ranges
from toolkit.records import DateMention

_SPACES = re.compile(r"\s+")  # a run of white space, read as one space

# "aged 20 and 26", "Articles 4 and 5": numbers joined like this are the same kind of thing.
_COORDINATED = re.compile(r"\s*+(?:,?\s*(?:and|or)|,|to|-|–)\s*", re.IGNORECASE)
_HEADLINE_END = re.compile(r"[.!?:;\"”’)]\s*$")
_NON_SPACE = re.compile(r"\S")
_DATA_ROW = re.compile(r"[^:\n]{1,40}:\s*+[$€£]?\d")


def _bare_line(text: str, s0: int, s1: int) -> bool:
    """A sentence alone on its line with no closing punctuation: a title, a link, a caption, a
    time stamp (or a paragraph the page lost its full stop from)."""
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
    return not (after < len(text) and text[after] != "\n" or _HEADLINE_END.search(text, s0, s1))


def _title_case(text: str, s0: int, s1: int) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text[s0:s1]) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def furniture_lines(text: str, spans: Sequence[tuple[int, int]]) -> set[int]:
    """The sentences that are page furniture, whose numbers are no claims of the article.

    The lines before the body's first punctuated sentence are the article's title block (its
    headline, repeated, a breadcrumb, a dateline): they are read like any sentence, as a reader
    reads a headline. After the body has started, a bare line (no closing punctuation, alone on
    its line) is furniture when it is bulleted ("- Ukraine gets 20 new jets"), in title case
    (a link or a heading), or next to another bare line (a list of links to other stories, with
    their time stamps); a lone bare line in sentence case is body text that lost its full stop.
    """
    bare = [_bare_line(text, s0, s1) for s0, s1 in spans]
    body = next((k for k, b in enumerate(bare) if not b), len(spans))
    out: set[int] = set()
    for k in range(body, len(spans)):
        if not bare[k]:
            continue
        s0, s1 = spans[k]
        line_start = s0
        while line_start > 0 and text[line_start - 1] in " -•*":
            line_start -= 1
        bulleted = re.match(r"\s*[-•*]\s", text[line_start:s1]) is not None
        listed = k > body and bare[k - 1] or k + 1 < len(spans) and bare[k + 1]
        if _DATA_ROW.match(text, s0, s1):
            continue  # "Tanks: 4,644", a row of figures the page lists, not a link
        if bulleted or listed or _title_case(text, s0, s1):
            out.add(k)
    return out


def _symbol_gap(g: Grammar) -> str:
    """The currency symbols that may stand between a range's two numbers, as a pattern; read
    once per grammar (the grammar is not hashable, so it is kept by identity with it)."""
    kept = _SYMBOL_GAPS.get(id(g))
    if kept is None or kept[0] is not g:
        gap = "|".join(re.escape(s) for s in sorted(g.currency_symbols, key=len, reverse=True) if not s[-1].isalpha())
        kept = _SYMBOL_GAPS[id(g)] = (g, gap)
    return kept[1]


_SYMBOL_GAPS: dict[int, tuple[Grammar, str]] = {}


def sentence_quantities(text: str, s0: int, s1: int, g: Grammar, dates: Sequence[DateMention],
                convention: str | None = None) -> list[Quantity]:
    """The quantity phrases of one sentence, in text order and without overlaps."""
    numbers = find_numbers(text, s0, s1, convention=convention, lexicon=g.lexicon)
    numbers = [n for n in numbers if not (in_dates(n.start, n.end, dates) and not _year_counts(text, n, s1, g))
               and not _in_link(text, n.start, s0)]
    symbol_gap = _symbol_gap(g)
    ranges = find_ranges(text, numbers, gap=symbol_gap)
    # "rose from 10,000 to 12,000" is a change between two figures, not a range
    ranges = [r for r in ranges if not _is_change(text, r.start, s0, g)]
    in_range = {id(r.first) for r in ranges} | {id(r.second) for r in ranges}
    items: list[tuple[int, Any]] = [(r.start, r) for r in ranges]
    items += [(n.start, n) for n in numbers if id(n) not in in_range]
    for m in g.vague_re.finditer(text, s0, s1):
        if any(n.start < m.end() and m.start() < n.end for n in numbers):
            continue
        if in_dates(m.start(), m.end(), dates):
            continue
        items.append((m.start(), m))
    items.sort(key=lambda x: x[0])
    out: list[Quantity] = []
    skipped_end = -1  # end of the last number that was an age or an identifier
    for _, item in items:
        start = item.start() if isinstance(item, re.Match) else item.start
        if skipped_end >= 0 and _COORDINATED.fullmatch(text[skipped_end:start]):
            # "aged 20 and 26", "Articles 4 and 5": the second number is what the first was
            skipped_end = item.end() if isinstance(item, re.Match) else item.end
            continue
        q = _build(text, item, s0, s1, g, out[-1] if out else None)
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
            q.start = skip_space(text, q.start)
        out.append(q)
    return out


_BETWEEN_BEFORE = re.compile(r"\b(?:between|from)\s*$", re.IGNORECASE)


def _in_link(text: str, at: int, s0: int) -> bool:
    """Whether the numeral at ``at`` is inside a web address ("https://site/20240510/...")."""
    word_start = at
    while word_start > s0 and not text[word_start - 1].isspace():
        word_start -= 1
    return re.match(r"(?:https?://|www\.)", text[word_start:at + 1]) is not None


def _year_counts(text: str, n: NumberSpan, s1: int, g: Grammar) -> bool:
    """A bare four-digit number the dates read as a year that counts the people after it:
    "2005 Ukrainians returned", "1999 prisoners were freed" (a year is no noun's modifier)."""
    if not n.bare or not 1000 <= n.value <= 2100:
        return False
    if _prev_word(text, max(0, n.start - 40), n.start).lower() in g.year_before:
        return False  # "in 2019 Ukrainians voted": the preposition makes it a year
    return _counts_people_after(text[n.end:s1], g)


def _counts_people_after(after: str, g: Grammar) -> bool:
    """Whether the word right after a number is a plural noun of people ("2005 Ukrainians")."""
    m = re.match(r" ([A-Za-z][\w'’-]*)\b", after)
    return m is not None and _people_plural(m.group(1), g)


def _people_plural(word: str, g: Grammar) -> bool:
    """A plural noun of people: a counted person noun of the lexicon ("prisoners", "civilians"),
    or a plural demonym ("Ukrainians", "Palestinians": capitalised, ending in -ans, -ese or -is)."""
    unit = g.units.get(word.lower())
    if unit is not None and re.search(r"(?:s|men|people|children)$", word.lower()) and word.lower() != unit.lower():
        return g.unit_categories.get(unit, "") in (None, "deployed", "captured")
    return word[:1].isupper() and re.search(r"(?:ans|is)$", word) is not None


def _is_change(text: str, start: int, s0: int, g: Grammar) -> bool:
    """'rose from 10,000 to 12,000', 'rose by 200 to 1,200': a change, not a range."""
    before = text[max(s0, start - 40):start]
    m = re.search(r"\b(?:from|by)\s+(?:\S+\s+)?$", before, re.IGNORECASE)
    return bool(m and g.change_re.search(before[: m.start()][-30:]))


def _prev_word(text: str, s0: int, pos: int) -> str:
    m = re.search(r"(?<![\w.'’-])([\w.'’-]+)[\s(]*+$", text[s0:pos])  # from a word's start only: linear
    return m.group(1) if m else ""


def _build(text: str, item: Any, s0: int, s1: int, g: Grammar, prev: Quantity | None = None) -> Quantity | None:
    """Turn a numeral, range or vague match into a quantity phrase, or None if it is no count."""
    if isinstance(item, re.Match):
        return _build_vague(text, item, s0, s1, g)
    if hasattr(item, "first"):  # a range
        first: NumberSpan = item.first
        second: NumberSpan = item.second
        ns, ne = item.start, item.end
        if _not_a_count(text, first, s0, s1, g, ne) or (second.bare and 1800 <= second.value <= 2100 and first.bare):
            return None
        q = Quantity(ns, ne, ns, ne, (item.low + item.high) / 2, item.low, item.high, "range",
                      words=first.words or second.words, is_range=True, scale=second.scale,
                      ambiguous=first.ambiguous or second.ambiguous, dot_decimals=first.dot_decimals or second.dot_decimals)
        # "between 10 and 12", and "more than 1,000 but fewer than 2,000", whose lower
        # comparative opens the range
        lead = LOWER_BOUND_BEFORE if item.connector == "bounds" else _BETWEEN_BEFORE
        between = lead.search(text, max(s0, ns - 20), ns)
        if between:
            q.start = between.start()
    else:
        n: NumberSpan = item
        if _not_a_count(text, n, s0, s1, g, n.end):
            return None
        q = Quantity(n.start, n.end, n.start, n.end, n.value, None, None, "exact",
                      words=n.words, bare=n.bare, scale=n.scale, ambiguous=n.ambiguous, dot_decimals=n.dot_decimals)
    read_currency(text, q, s0, s1, g)
    read_qualifiers(text, q, s0, s1, g)
    read_unit(text, q, s1, g)
    read_trailing_qualifier(text, q, s1, g)
    if q.unit in ("percent", "percentage point"):
        return None  # a share, not a count (docs/figures.md, "Not figures")
    if q.unit in g.places and _prev_word(text, s0, q.start).lower() in g.place_prepositions:
        return None  # "in 32 localities": where the counted things are, not a claim of its own
    _read_absent_unit(text, q, s0, s1, g, prev)
    if not _keep(text, q, s0, s1, g):
        return None
    if q.dot_decimals and q.currency is None and q.unit != "percent" and not float(q.value).is_integer():
        # "1.500 troops" read as 1.5 (the article writes "10,000"): a fraction of a count of
        # whole things is odd, so the reading is flagged rather than trusted
        q.ambiguous = True
    return q


def _read_absent_unit(text: str, q: Quantity, s0: int, s1: int, g: Grammar, prev: Quantity | None) -> None:
    """A number with no noun after it takes the one its clause gives (:mod:`heads`): a toll's
    ("the death toll rose to 113" -> death), a copula's ("1,524 were children"), a vote's
    tally, or the noun of the figure it is coordinated with ("1,604 fatalities ..., 976 in ...")."""
    if q.unit is not None or q.currency is not None or q.vague:
        return
    unit = heads.toll_unit(text, q, prev.end if prev is not None else s0, g) or heads.predicate_unit(text, q, s1, g) or heads.tally_unit(text, q, s0, s1)
    if unit is not None:
        q.unit, q.unit_from_lexicon = unit, True
    elif heads.elided(text, q, prev, s1):
        # (the lent noun is no cue of its own: "8,382 dead and 23,000 wounded" are not deaths,
        # and an outcome noun is not lent to a number with its own participle)
        outcome = g.unit_categories.get(prev.unit) not in (None, "deployed") and prev.unit[:1].islower()
        q.elided = True
        if not (outcome and re.match(r"\s+\w+ed\b", text[q.end:s1])):
            q.unit = prev.unit


def _build_vague(text: str, m: re.Match[str], s0: int, s1: int, g: Grammar) -> Quantity | None:
    if m.group("plural"):
        low, high = g.vague_plurals[_SPACES.sub(" ", m.group("plural").lower())]
    else:
        a = g.vague_multipliers[_SPACES.sub(" ", m.group("mult").lower())]
        scale = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "dozen": 12}[m.group("scale").lower()]
        # "several hundred": 300 up to just below the next order of magnitude (999)
        low, high = a * scale, (10 * scale - 1 if scale != 12 else 99)
    # value: the least the words can mean ("thousands of" -> 2,000), so a chart never inflates it
    q = Quantity(m.start(), m.end(), m.start(), m.end(), low, low, high, "vague", vague=True)
    # "tens of thousands of" vs "thousands": keep the words; "of" leads to the counted noun
    read_currency(text, q, s0, s1, g)
    read_qualifiers(text, q, s0, s1, g)
    read_unit(text, q, s1, g)
    if q.unit is None and q.currency is None:
        # "hundreds" alone with nothing counted is too often not a quantity ("by the hundreds")
        if not re.match(r"\s+(?:more|of|were|have|had|are|died|killed)\b", text[q.end:s1], re.IGNORECASE):
            return None
    return q


def _not_a_count(text: str, n: NumberSpan, s0: int, s1: int, g: Grammar, end: int) -> str | None:
    """Why the numeral is not a count (year, identifier, age, date, measure), or None."""
    prev = _prev_word(text, s0, n.start)
    after = text[end:s1]
    if g.not_after_re.match(after) or g.time_unit_re.match(after):
        return "measure"
    # "3 in 10", "one out of five": a ratio, not a count (both numbers)
    r = g.ratio_re.match(after)
    if r:
        nxt = find_numbers(after, r.end(), min(len(after), r.end() + 20), lexicon=g.lexicon)
        if nxt and nxt[0].start == r.end() and n.value < nxt[0].value:
            return "ratio"  # (a ratio's first number is the smaller: "15,000 in two waves" is not one)
    rb = g.ratio_before_re.search(text[max(s0, n.start - 30):n.start])
    if rb:
        first = find_numbers(rb.group(1), lexicon=g.lexicon)
        if first and first[0].end == len(rb.group(1)) and first[0].value < n.value:
            return "ratio"
    # "for 10 and 4 years", "three to five days": the time unit after the second number
    # belongs to the first too
    pair = re.match(r"\s*(?:and|or|to|-|–)\s*", after)
    if pair:
        nxt = find_numbers(after, pair.end(), min(len(after), pair.end() + 40), lexicon=g.lexicon)
        if nxt and nxt[0].start == pair.end() and g.time_unit_re.match(after, nxt[0].end):
            return "measure"
    if g.age_before_re.search(text[max(s0, n.start - 30):n.start]):
        return "age"
    low_prev = prev.lower()
    if low_prev in g.rate_before:
        return "rate"  # "for each 10 hostages": the divisor of a rate
    if low_prev in g.identifier_before or low_prev.rstrip(".") in g.identifier_before:
        return "identifier"
    if low_prev in g.months or low_prev.rstrip(".,") in g.months:
        return "date"  # "June 19", "Nov. 20"
    nxt = re.match(r"\s*([\w.]+)", after)
    if nxt and nxt.group(1).lower().rstrip(".,") in g.months and n.value <= 31 and n.bare:
        return "date"  # "19 June"
    if n.bare and 1800 <= n.value <= 2100 and not g.units_re.match(after.lstrip()) and not _year_counts(text, n, s1, g):
        return "date"  # a year the dates extractor did not claim
    if n.bare and prev[:1].isupper() and prev.lower() not in g.qualifier_words and \
            not g.units_re.match(after.lstrip()) and not _counts_people_after(after, g):
        # "Article 4", "Resolution 2231", "Hwasong 19": a capitalised word names a numbered
        # thing, unless it opens the sentence ("About 300 ...") or is a currency ("USD 20").
        if text[s0:n.start].strip() != prev and prev.lower() not in g.currency_symbols:
            return "identifier"
    return None


def _keep(text: str, q: Quantity, s0: int, s1: int, g: Grammar) -> bool:
    """Precision guards for number words, which are also pronouns and references."""
    if q.vague or q.currency or not q.words:
        return True
    if q.scale is not None or q.qualifier != "exact" or q.is_range:
        return q.unit is not None or q.scale is not None or q.increment or q.qualifier != "exact"
    # a small number word is a figure when it counts a noun the lexicon knows ("two North
    # Korean soldiers", "the two soldiers were captured"), when it stands for people with a
    # casualty word ("nine dead"), or when it counts another plural noun not as a reference
    # ("two deployments", but not "the two countries" or "its three allies")
    if q.unit_from_lexicon or q.elided:
        return True
    if re.match(r"\s+(?:dead|killed|wounded|injured|captured|missing|died)\b", text[q.end:q.end + 12], re.IGNORECASE):
        return True
    if heads.subject_count(text, q, s1, g):
        return True  # "seven were killed", "nine remain missing"
    prev = _prev_word(text, s0, q.start).lower()
    if q.unit is not None and prev not in g.reference_before and q.value >= 2:
        return True
    return False
