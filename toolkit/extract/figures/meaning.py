"""The meaning of a quantity phrase: its qualifier, currency, counted noun, category, projection.

The candidates pass hands each numeral here to be widened into its phrase: the words before and
after it that bound it (:func:`read_qualifiers`: "more than", "or more", "an additional"), its
currency (:func:`read_currency`: "$", "won") and the noun it counts (:func:`read_unit`:
"troops" -> ``troop``). The driver then asks for its category (:func:`figure_category`, from the cue
words of its clause, whose ends :func:`clause_start` and :func:`_clause_end` find) and whether
its clause states a possibility or a plan (:func:`is_projection`).
"""

from __future__ import annotations

import re

from toolkit.extract.attribution import Attribution
from toolkit.extract.figures.grammar import Grammar
from toolkit.extract.figures.model import Quantity, skip_space

_SPACES = re.compile(r"\s+")  # a run of white space, read as one space

# Categories in the order they win when cues of several sit in the same part of a clause.
_CATEGORY_ORDER = ("casualties", "killed", "wounded", "other", "captured", "money", "materiel", "deployed")
# At most this many words between a number and its counted noun are looked through.
_WORDS_TO_UNIT_LIMIT = 5
_TOKEN = re.compile(r"%|[\w'’]+(?:[.-][\w'’]+)*|[^\w\s]")


def _minus_before(text: str, at: int, s0: int) -> bool:
    """A minus sign just before ``at`` that opens a word: " -$5bn", "(−$5bn)", not "pre-$5bn"."""
    if at <= s0 or text[at - 1] not in "-\u2212":
        return False
    return at - 1 == s0 or text[at - 2].isspace() or text[at - 2] in "([\"'“‘"


def read_currency(text: str, q: Quantity, s0: int, s1: int, g: Grammar) -> None:
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
    glued = re.match(r"-([A-Za-z]+)\b", text[q.end:min(s1, q.end + 20)])
    if w is None and glued and g.currency_words.get(glued.group(1).lower()) and q.currency is None:
        q.currency = g.currency_words[glued.group(1).lower()]  # "a 50bn-euro package"
        q.end += glued.end()
    if w:
        code = g.currency_words.get(_SPACES.sub(" ", w.group(1).lower()))
        if code and (q.currency is None or q.currency == code or q.currency == "USD"):
            q.currency = code
            q.end = w.end()
    if q.vague and q.currency is None:
        # "billions of dollars"
        of = re.match(r"\s+of\s+(" + g.currency_word_re.pattern[4:-1] + r")", text[q.end:s1], re.IGNORECASE)
        if of:
            q.currency = g.currency_words.get(_SPACES.sub(" ", of.group(1).lower()))
            q.end += of.end()


def _may_end_with(before: str, tails: tuple[str, ...] | None) -> bool:
    """Whether ``before`` may end with a form whose last word is one of ``tails`` (and white
    space): the patterns ``(form|...)\\s*$`` match only then, since every form ends with its
    last word's last character. An ASCII text is compared lower-cased, as IGNORECASE does; any
    other text is left to the pattern (issue 15)."""
    return tails is None or not before.isascii() or before.rstrip().lower().endswith(tails)


def read_qualifiers(text: str, q: Quantity, s0: int, s1: int, g: Grammar) -> None:
    """Read qualifier and increment words around the number; set qualifier and bounds."""
    qualifier: str | None = None
    for _ in range(3):
        before = text[max(s0, q.start - 40):q.start]
        m = g.qual_before_re.search(before) if _may_end_with(before, g.qual_before_tails) else None
        if m and qualifier is None:
            qualifier = g.qual_before[_SPACES.sub(" ", m.group(1).lower())]
            q.start -= len(before) - m.start(1)
            continue
        m = g.inc_before_re.search(before) if _may_end_with(before, g.inc_before_tails) else None
        if m:
            q.increment = q.increment_before = True
            q.start -= len(before) - m.start(1)
            continue
        break
    # after the number: "or more", "-plus", "more" (increment)
    m = g.qual_after_re.match(text, q.end, s1)
    if m and (m.group(1) != "+" or text[q.end:q.end + 1] == "+"):
        word = _SPACES.sub(" ", m.group(1).lower())
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
        # an exact figure is its own bounds (CONTRACT: low = high = value; issue 13): NaN is
        # kept for a side the text leaves open, so a chart or a claim can tell the two apart
        q.qualifier, q.low, q.high = "exact", v, v
    elif qualifier == "approx":
        q.qualifier, q.low, q.high = "approx", None, None
    elif qualifier in ("at_least", "more_than"):
        q.qualifier, q.low, q.high = qualifier, v, None
    elif qualifier in ("at_most", "less_than"):
        q.qualifier, q.low, q.high = qualifier, None, v


def read_trailing_qualifier(text: str, q: Quantity, s1: int, g: Grammar) -> None:
    """A comparative after the counted noun ("3,000 troops or more", "500 tonnes and above"):
    only the "or ..."/"and ..."/"at ..." forms, since "plus" or "odd" after a noun is no
    qualifier ("3,000 troops plus 50 tanks")."""
    if q.qualifier != "exact" or q.vague or q.is_range:
        return
    m = g.qual_after_re.match(text, q.end, s1)
    if m is None or not re.match(r"(?:or|and|at)\s", m.group(1), re.IGNORECASE) or \
            re.match(r"\w|\s*+[\d$€£]", text[m.end():m.end() + 3]):
        return  # "3,000 troops and over 50 tanks": the words qualify the next number
    qualifier = g.qual_after.get(_SPACES.sub(" ", m.group(1).lower()))
    if qualifier in ("at_least", "more_than"):
        q.qualifier, q.low, q.high = qualifier, q.value, None
    elif qualifier in ("at_most", "less_than"):
        q.qualifier, q.low, q.high = qualifier, None, q.value
    elif qualifier == "approx":
        q.qualifier, q.low, q.high = "approx", None, None
    else:
        return
    q.end = m.end()


def read_unit(text: str, q: Quantity, s1: int, g: Grammar) -> None:
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
    i = _past_of(text, q, toks, s1, g)
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
                q.unit = g.units[_SPACES.sub(" ", m.group(0).lower())]
                end = m.end()
                m = g.units_re.match(text, skip_space(text, end), s1) if text[end:end + 1] == " " else None
            q.unit_from_lexicon = True
            q.end = q.np_end = end
            return
        low = word.lower()
        if low in g.not_units or low.endswith("ly") and not word[0].isupper():
            break
        if steps == 0 and _capitalised_plural_head(word, toks[i + 1][2] if i + 1 < len(toks) else "", g):
            # "3,785 Palestinians killed", "40 MPs were against": a people noun written with a
            # capital (a demonym, a party, an acronym) that heads the phrase
            q.unit = word[:-1]
            q.end = q.np_end = te
            return
        if not (word[0].isalpha() or word[0].isdigit() and any(c.isalpha() for c in word)):
            break  # punctuation ends the phrase; "170mm" does not
        if low in g.number_words:
            break  # another quantity starts ("47 injured within three days")
        if word.islower() and low.endswith("ed") and not (i + 1 < len(toks) and (
                g.units_re.match(text, toks[i + 1][0], s1) or _plural_noun(toks[i + 1][2], g))):
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


def _plural_noun(word: str, g: Grammar) -> bool:
    """A lowercase plural a participle may modify ("11 freed hostages"), not a function word."""
    low = word.lower()
    return word.islower() and word.isalpha() and len(low) > 3 and low.endswith("s") and not low.endswith("ss") \
        and low not in g.not_units


def _past_of(text: str, q: Quantity, toks: list[tuple[int, int, str]], s1: int, g: Grammar) -> int:
    """The first token of the counted noun phrase, past an "of" and its determiner.

    "thousands of soldiers", "50 of the 170mm howitzers" (not "one of the": words stay bare);
    a number word takes "of the" only before a noun the lexicon knows ("nine of the
    engineers", not "one of the most ...")."""
    i = 0
    if toks and toks[0][2].lower() == "of" and (q.vague or not q.words or q.value >= 2):
        i = 1
        if i < len(toks) and toks[i][2].lower() in ("the", "those", "these", "its", "their"):
            i += 1
        if q.words and not q.vague and not (i < len(toks) and g.units_re.match(text, toks[i][0], s1)):
            i = 0
    return i


def _capitalised_plural_head(word: str, following: str, g: Grammar) -> bool:
    """A capitalised plural right after the number that is the head of its phrase: nothing
    nounlike follows it ("Palestinians have", "Ukrainians,", not "Hamas fighters", "Navy
    soldiers")."""
    if not (word[:1].isupper() and word.isalpha() and len(word) >= 3 and word.endswith("s")) or \
            word.endswith(("ss", "us", "ics")) or word.isupper():
        return False
    if not word[-2].islower() and not word[:-1].isupper():
        return False
    if not following or not following[0].isalpha():
        return True
    low = following.lower()
    return following.islower() and (low in g.not_units or not (low.endswith("s") or low in g.units))


def _singular(word: str) -> str:
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    return word[:-1]


def _cues(text: str, lo: int, hi: int, g: Grammar) -> list[tuple[int, str]]:
    return [(m.start(), g.categories[_SPACES.sub(" ", m.group(0).lower())]) for m in g.cue_re.finditer(text, lo, hi)
            if not _in_name(text, m.start(), m.end())]


def _in_name(text: str, start: int, end: int) -> bool:
    """A cue word that is part of a capitalised name ("the Armed Forces of Ukraine", "Air
    Force"): a title-case word after another capitalised word names a body, not an act."""
    word = text[start:end]
    if not (word[:1].isupper() and word[1:2].islower()):
        return False
    before = text[max(0, start - 40):start]
    words = before.split()
    return bool(words) and before[-1:].isspace() and words[-1][:1].isupper() and words[-1][:1].isalpha()


def _best(cues: list[tuple[int, str]]) -> str | None:
    cats = {c for _, c in cues}
    for c in _CATEGORY_ORDER:
        if c in cats:
            return c
    return next(iter(sorted(cats)), None)


def figure_category(
    text: str, q: Quantity, prev_end: int, next_start: int, s0: int, s1: int, g: Grammar,
    attribution: Attribution | None,
) -> tuple[str, bool]:
    """The figure's category and whether a cue word (not just the counted noun) decided it."""
    category, cued = _clause_category(text, q, prev_end, next_start, s0, s1, g, attribution)
    if category in ("captured", "deployed") and _freed(text, q, s0, s1, g):
        return "other", True
    return category, cued


def _freed(text: str, q: Quantity, s0: int, s1: int, g: Grammar) -> bool:
    """Whether the sentence sets the counted people free or hands them back: the cue nearest the
    figure, outside its own phrase, among those of capture, deployment and `other` ("released",
    "returned", "exchanged"), is one of `other`. "The release of 33 prisoners", "14 soldiers
    returned from captivity": what the clause reports is the release, not the capture or the
    posting the noun suggests; "240 people held hostage, of whom 50 were released" keeps the
    nearer "held hostage"."""
    best: tuple[int, str] | None = None
    for m in g.cue_re.finditer(text, s0, s1):
        if q.start <= m.start() < q.end:
            continue
        cat = g.categories[_SPACES.sub(" ", m.group(0).lower())]
        if cat not in ("other", "captured", "deployed"):
            continue
        distance = q.start - m.end() if m.end() <= q.start else m.start() - q.end
        if best is None or distance < best[0]:
            best = (distance, cat)
    return best is not None and best[1] == "other"


def _clause_category(
    text: str, q: Quantity, prev_end: int, next_start: int, s0: int, s1: int, g: Grammar,
    attribution: Attribution | None,
) -> tuple[str, bool]:
    """The category its clause's cue words give the figure (steps 1 to 7 of docs/figures.md)."""
    if q.currency:
        return "money", True
    if q.unit == "percent":
        return "other", True
    # 1. the figure's own noun phrase ("3,000 casualties", "two captured soldiers"); a noun
    #    that is itself an outcome or a thing ("fatalities", "prisoners", "shells") decides
    #    (a thing's own category first: "1,200 armored fighting vehicles" are materiel, whatever
    #    the words of its compound name suggest)
    if q.unit_from_lexicon and g.unit_categories.get(q.unit, "deployed") not in (None, "deployed"):
        return g.unit_categories[q.unit], True
    own = _best(_cues(text, q.num_end, q.np_end, g))
    if own:
        return own, True
    kind = _of_kind(text, q, s1, g)
    if kind is not None:
        return kind, True
    # Outside its own phrase, a money or materiel word names some other thing ("10,000
    # troops in exchange for aid", "missiles fired at six oblasts"): it decides only for a
    # figure that counts nothing named, or counts that kind of thing.
    default = g.unit_categories.get(q.unit) if q.unit else None
    if q.unit is not None and default is None and not _people(q.unit, g):
        # a counted thing the lexicon gives no category ("three villages", "five bases"): the
        # clause's casualty or deployment words are about people, not about it; unless the
        # noun's own predicate is one only people take ("12 miners lost their lives", "45
        # protesters were detained"): the verb says the noun names people
        predicate = _human_predicate(text, q, next_start, g)
        if predicate is not None:
            return predicate, True
        return "other", False
    nouns_ok = q.unit is None or default in ("money", "materiel")
    # people who are not combatants ("residents", "civilians") are killed or wounded, never
    # deployed: "moved 300 residents" is an evacuation, not a deployment
    excluded = {"deployed"} if q.unit is not None and default is None else set()

    def pick(lo: int, hi: int, after: bool = False) -> str | None:
        return _best([c for c in _cues(text, lo, hi, g)
                      if (nouns_ok or c[1] not in ("money", "materiel")) and c[1] not in excluded
                      and not (after and _PREPOSITION_BEFORE.search(text, max(lo, c[0] - 10), c[0]))])

    # 2. what follows, up to the next figure or clause break ("... troops were killed"); a cue
    #    that a preposition governs names another thing ("lost 1,985 men in fights against the
    #    grouping of forces": the forces are not what the figure counts)
    after_end = _clause_end(text, q.end, next_start, g)
    cat = pick(q.end, after_end, after=True)
    if cat:
        return cat, True
    # 3. what comes before, back to the previous figure, clause break or attribution
    before_start = clause_start(text, prev_end, q.start, g, attribution)
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
    if q.unit and g.unit_categories.get(q.unit):
        return g.unit_categories[q.unit], False
    return "other", False


_OF = re.compile(r"\s++of\s++", re.IGNORECASE)
_WORD_AND_SPACE = re.compile(r"[\w-]++\s++")


def _of_kind(text: str, q: Quantity, s1: int, g: Grammar) -> str | None:
    """The kind a measure noun's "of" complement names: "400 units of enemy equipment" are
    materiel (only a measure noun of the lexicon: "units", "pieces", "items"), the cue within
    its first three words."""
    if q.unit not in g.measure_nouns:
        return None
    m = _OF.match(text, q.np_end, s1)
    at = m.end() if m else -1
    for _ in range(3):
        if at < 0:
            return None
        cue = g.cue_re.match(text, at, s1)
        kind = g.categories.get(_SPACES.sub(" ", cue.group(0).lower())) if cue else None
        if kind in ("materiel", "money"):
            return kind
        w = _WORD_AND_SPACE.match(text, at, s1)
        at = w.end() if w else -1
    return None


def _people(unit: str, g: Grammar) -> bool:
    """Whether a counted noun with no category of its own names people: the lexicon lists it
    as people ("civilian", "resident"), or it is a demonym ("37,300 Palestinians")."""
    if unit in g.unit_categories:
        return g.unit_categories[unit] is None
    if unit[:1].isupper():
        return True  # a capitalised counted noun names a people or a party ("Palestinian", "MP")
    if g.lexicon is None:
        return False
    found = g.lexicon.actors.find(unit)
    return len(found) == 1 and found[0].kind == "demonym" and found[0].text.lower() == unit.lower()


def _clause_end(text: str, start: int, limit: int, g: Grammar) -> int:
    window_end = min(limit, start + 90)
    cues = [(m.start(), m.end()) for m in g.cue_re.finditer(text, start, window_end)]
    aside_end = -1
    for m in g.break_re.finditer(text, start, window_end):
        if m.start() < aside_end or m.group(0) == "," and text[m.start() + 1:m.start() + 2].isdigit():
            continue
        if any(cs < m.start() < ce for cs, ce in cues):
            continue  # "killed and wounded": the break is inside a cue
        if _not_a_break(text, m, start):
            if m.group(0) == ",":
                aside_end = text.index(",", m.end()) + 1  # the aside's closing comma
            continue
        if m.group(0).lower() == "as" and any(cs == skip_space(text, m.end()) and text[cs:ce].lower().endswith("ed")
                                              for cs, ce in cues):
            continue  # "listed 300 people as wounded": "as" + a participle is the figure's complement
        return m.start()
    return window_end


_PREPOSITION_BEFORE = re.compile(r"\b(?:of|against|with)\s+$", re.IGNORECASE)
# The auxiliaries and adverbs between a subject and its verb ("were", "have reportedly been").
_AUXILIARIES = re.compile(r"(?:\s++(?:were|was|are|is|have|has|had|been|being|be|reportedly|also|all|later|"
                          r"subsequently|since|allegedly|then|now|so\s+far|already))*+\s++", re.IGNORECASE)
#: The categories whose verbs only people (or animals) undergo: a noun that is their subject
#: names people whatever the lexicon knows of it.
#: ("casualties" is not one: "four tractors were lost" counts things)
_HUMAN_CATEGORIES = frozenset({"killed", "wounded", "captured"})


def _human_predicate(text: str, q: Quantity, limit: int, g: Grammar) -> str | None:
    """The category of the verb right after a figure's noun phrase, when that verb is one only
    people undergo ("lost their lives", "drowned", "were detained", "were wounded"): the
    figure's own predicate, past auxiliaries only, never a word further on."""
    m = _AUXILIARIES.match(text, q.end, limit)
    at = m.end() if m else q.end
    cue = g.cue_re.match(text, at, limit)
    if cue is None or _in_name(text, cue.start(), cue.end()):
        return None
    cat = g.categories[_SPACES.sub(" ", cue.group(0).lower())]
    return cat if cat in _HUMAN_CATEGORIES else None
_SINCE_ADVERB = re.compile(r"\s+been\b", re.IGNORECASE)
_NOUN_AND = re.compile(r"\s+[a-z][\w-]*s\s+(?:were|was|are|is|have|has|had)\b")
_ASIDE = re.compile(r"[^,;:.]{1,60},\s+(?:were|was|are|is|have|has|had|died|remain|remained)\b", re.IGNORECASE)


def _not_a_break(text: str, m: re.Match[str], start: int) -> bool:
    """A clause word or comma that does not end the figure's clause: "have since been killed"
    (an adverb), "40 auxiliaries and civilians were killed" (two nouns under one verb), "29
    people, most of them soldiers, were wounded" (an aside before the verb)."""
    word = m.group(0).lower()
    if word == "since":
        return _SINCE_ADVERB.match(text, m.end()) is not None
    if word in ("and", "or"):
        return _NOUN_AND.match(text, m.end()) is not None
    if word == ",":  # (the caller skips the aside to its closing comma)
        return m.start() - start < 40 and _ASIDE.match(text, m.end()) is not None
    return False


def clause_start(text: str, limit: int, end: int, g: Grammar, attribution: Attribution | None) -> int:
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


#: A modal that is the main verb of the figure's own clause: "6,000 builders would follow".
_MODAL_AFTER = re.compile(r"\b(?:would|will|could|might|may|shall|(?:is|are)\s+(?:expected|set|due|likely|to\s+be)\s+to)\b",
                          re.IGNORECASE)
_NOT_SAME_CLAUSE = re.compile(r"[.;:!?]|\b(?:who|which|that|whom|whose|and|or|but|while|although|because|since|after|"
                              r"before|when|as|if|until|so)\b", re.IGNORECASE)


def is_projection(text: str, at: int, s0: int, g: Grammar, end: int | None = None) -> bool:
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
