"""Attribution cues in one sentence and the claimant each names (read by :mod:`.attribution`).

A reporting verb names its claimant by its subject ("the NIS estimates"), or by the phrase after
it when inverted ("..., said Zelensky"); a preposition by its object ("according to KCNA"); a
count-setting verb by its subject ("the ministry put the toll at 200"); an adverb names no one
("reportedly"). A relay ("lawmakers citing the spy agency") makes the cited source the claimant.
The cue words are ``data/lexicon/reporting.yaml``'s; a source outside the actor lexicon is read
by :mod:`toolkit.extract.sources`, where a subject starts by :mod:`.subjects`, what a relay
cites by :mod:`.relays`. What an earlier sentence lends a pronoun is :mod:`.attribution`'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from toolkit.extract.english import load_english
from toolkit.extract.relays import (
    _cited_end,
    _cites_no_one,
    _claimant_mentions,
    _one_author,
    _phrase_pattern,
    _relay_form,
    _relayed,
    _unvouched_relays,
    _words,
)
from toolkit.extract.sources import (
    appositive_name,
    bare_spokesperson,
    document_source,
    object_anaphor,
    possessed,
    source_phrase,
    spoken_for,
    unlisted,
)
from toolkit.extract.subjects import (
    _AUX,
    _previous_word,
    _subject_start,
    _subject_text,
    only_auxiliaries,
)
from toolkit.read.alternation import alternation
from toolkit.read.lexicon import ActorMention, Lexicon, default_lexicon

Span = tuple[int, int]


_POSSESSIVE_PRONOUNS = frozenset("its their his her".split())
_QUOTED_SPEAKER = frozenset("we i our my".split())


@dataclass(frozen=True, slots=True)
class Attribution:
    """An attribution cue and what it says about a claim near it."""

    claimant: str | None  # canonical actor name, or None when no known actor is named
    hedge: str | None  # confirmed, reported, estimated, claimed, denied
    start: int  # the cue's span ("said", "according to", "reportedly")
    end: int
    cue: str = ""
    kind: str = "verb"  # verb, preposition, adverb, noun
    #: True when the claimant comes from the previous sentence (pronoun or generic subject).
    carried: bool = False


# Words before a reporting form that make it a noun ("the reports", "months of reports").
_NOUN_BEFORE = frozenset(
    """the a an its their his her these those new recent latest earlier previous such of in
    some many several multiple unconfirmed conflicting our your my similar public other official
    own previous prior initial first""".split()
)

_SPACES = re.compile(r"\s+")  # a run of white space, read as one space


def _cue_table(lexicon: Lexicon) -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    cached = lexicon.cache.get("attribution.cues")
    if cached is not None:
        return cached
    rep: dict[str, Any] = lexicon.reporting
    table: dict[str, tuple[str, str]] = {}
    for hedge, kinds in (rep.get("hedges") or {}).items():
        for kind in ("prepositions", "verbs"):
            for form in (kinds or {}).get(kind, []) or []:
                table.setdefault(str(form).lower(), (hedge, "preposition" if kind == "prepositions" else "verb"))
    for hedge, forms in (rep.get("adverbs") or {}).items():
        for form in forms or []:
            table.setdefault(str(form).lower(), (hedge, "adverb"))
    forms = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])" + alternation(map(_words, forms), re.IGNORECASE) + r"(?![\w-])", re.IGNORECASE)
    lexicon.cache["attribution.cues"] = (pattern, table)
    return pattern, table


def find_attributions(text: str, span: Span, *, lexicon: Lexicon | None = None) -> list[Attribution]:
    """Return every attribution cue in ``text[span[0]:span[1]]`` with its claimant, in text order.

    Claimants given by a pronoun are left None here (``carried`` stays False); use
    :func:`find_attribution` with ``previous`` to resolve them.
    """
    lexicon = lexicon or default_lexicon()
    return list(_attributions(text, span, lexicon))


def _attributions(text: str, span: Span, lexicon: Lexicon) -> list[Attribution]:
    """:func:`find_attributions`, read once per sentence of the text in hand (callers must not
    change the list): every figure and event of a sentence asks for its cues, and reading them
    again each time made a sentence's cost grow with the square of its claims."""
    memo = lexicon.cache.get("attribution.memo")
    if memo is None or memo[0] is not text:  # a new text: forget the last one's sentences
        memo = (text, {})
        lexicon.cache["attribution.memo"] = memo
    key = (span[0], span[1])
    found = memo[1].get(key)
    if found is None:
        found = memo[1][key] = _read_attributions(text, span, lexicon)
    return found


def _read_attributions(text: str, span: Span, lexicon: Lexicon) -> list[Attribution]:
    pattern, table = _cue_table(lexicon)
    s0, s1 = span
    out: list[Attribution] = []
    for m in pattern.finditer(text, s0, s1):
        hedge, kind = table[_SPACES.sub(" ", m.group(0).lower())]
        claimant: str | None = None
        if kind == "verb":
            prev = _previous_word(text, s0, m.start())
            if (prev.lower() in _NOUN_BEFORE or _is_count(prev, lexicon) or _possessive(prev)) \
                    and not _past_form(m.group(0)):
                kind = "noun"
                claimant = _possessor(text, s0, m.start(), lexicon)
                if claimant is None and prev.lower() in _POSSESSIVE_PRONOUNS:
                    # "Ukraine's military intelligence ... kept its estimate": its = the subject
                    claimant = _sentence_subject(text, s0, m.start(), lexicon)
            elif _MADE_BY.match(text, m.end(), s1) and not _past_form(m.group(0)):
                # "estimates published by Washington and Seoul": a form followed by a participle
                # and its agent is a noun, the agent its author
                kind = "noun"
                claimant = _one_author(text, _MADE_BY.match(text, m.end(), s1).end(), s1, lexicon)
            elif not _PASSIVE.search(text, s0, m.start()):
                # (a passive's subject is what is reported, not who reports it: "300 patients
                # had been admitted", "cases were confirmed")
                claimant = _subject_claimant(text, s0, s1, m.start(), m.end(), lexicon)
        elif kind == "preposition" and own_pronoun(m.group(0)) is not None:
            pass  # "by its count": the pronoun points back to an earlier claimant (attribution's)
        elif kind == "preposition" and _relay_form(m.group(0), lexicon) \
                and _cites_no_one(text, m.end(), _cited_end(text, m.end(), s1)):
            continue  # "CNN, citing intelligence sources, reported": CNN's claim, not the sources'
        elif kind == "preposition":
            claimant = _document_before(text, s0, m.start(), lexicon) if m.group(0).lower().endswith(" by") else None
            claimant = claimant or _object_claimant(text, m.end(), s1, lexicon)
        out.append(Attribution(claimant, hedge, m.start(), m.end(), m.group(0), kind))
    out.extend(_put_at(text, s0, s1, lexicon))
    out.extend(_relative_counts(text, s0, s1, lexicon, table))
    out.extend(_document_verbs(text, s0, s1, lexicon, out))
    out.sort(key=lambda a: a.start)
    return out


_OWN = {"its": "it", "their": "they", "his": "he", "her": "she"}


#: a participle and "by" right after a reporting form: "estimates published by", "reports made by"
_MADE_BY = re.compile(r"\s+(?:[a-z]+ed|made|given|put|drawn|shown|known|seen|done|written|put\s+out)\s+by\s+")


def own_pronoun(cue: str) -> str | None:
    """The pronoun a preposition cue's possessive stands for ("by its count" -> "it"), or None."""
    m = re.search(r"\b(its|their|his|her)\b", cue, re.IGNORECASE)
    return _OWN[m.group(1).lower()] if m else None


def _is_count(word: str, lexicon: Lexicon) -> bool:
    """'1,650 reports', 'two reports': a number before a reporting form makes it a noun."""
    return bool(re.fullmatch(r"\d[\d,.]*", word)) or word.lower() in _number_words(lexicon)


def _number_words(lexicon: Lexicon) -> frozenset[str]:
    if "attribution.numbers" not in lexicon.cache:
        lexicon.cache["attribution.numbers"] = frozenset(load_english(lexicon.root).number_words)
    return lexicon.cache["attribution.numbers"]


#: words in 's that are a pronoun and "is"/"has", not a possessive ("it's estimated")
_CONTRACTED = frozenset("it's that's there's here's he's she's what's who's where's let's".split())


def _possessive(word: str) -> bool:
    """'an official's estimate', "Seoul's reports": a form after a possessive is the noun it owns."""
    low = word.lower().replace("’", "'")
    return low.endswith("'s") and low not in _CONTRACTED


def _document_before(text: str, lo: int, pos: int, lexicon: Lexicon) -> str | None:
    """"a Ukrainian intelligence assessment reported by the Financial Times": the source of the
    document that an outlet relays, not the outlet (``document_heads`` in reporting.yaml)."""
    docs = {str(d).lower() for d in lexicon.reporting.get("document_heads", []) or []}
    tail = text[max(lo, pos - 40):pos].rstrip()
    word = tail.rsplit(None, 1)[-1] if tail.strip() else ""
    if word.lower() not in docs:
        return None
    start, head = max(lo, pos - 80), max(lo, pos - 40) + len(tail) - len(word)
    stop = max(text.rfind(c, start, head) for c in ",;:.\"“”")  # the document's own noun phrase
    mentions = _claimant_mentions(text, max(start, stop + 1), head, lexicon)
    return mentions[-1].name if mentions else None


def _past_form(form: str) -> bool:
    """'said', 'told', 'confirmed': a past form is never a noun ("an official said")."""
    low = form.lower()
    return low.endswith("ed") or low in ("said", "told", "wrote", "thought", "showed")


def _words_test(words: Any) -> re.Pattern[str] | None:
    """A pattern finding any of ``words`` lower-cased, as written, in lower-cased text (None
    when one is not ASCII: under IGNORECASE it may match what lower() does not)."""
    forms = [str(w) for w in words]
    if not all(f.isascii() for f in forms):
        return None
    return re.compile("|".join(re.escape(f.lower()) for f in sorted(forms, key=len, reverse=True)) or r"(?!x)x")


def _may_hold(low: str | None, test: re.Pattern[str] | None) -> bool:
    """Whether a sentence (``low``: lower-cased, None when not ASCII) may hold a word ``test`` finds."""
    return low is None or test is None or test.search(low) is not None


def _put_at(text: str, s0: int, s1: int, lexicon: Lexicon) -> list[Attribution]:
    """'put the figure at 3,000', 'puts casualties ... at about 200': a count-setting verb."""
    spec = lexicon.reporting.get("put_at") or {}
    if not spec.get("verbs"):
        return []
    key = "attribution.put_at"
    if key not in lexicon.cache:
        verbs = "|".join(re.escape(str(v)) for v in spec["verbs"])
        nouns = {str(n).lower() for n in spec.get("nouns", []) or []}
        lexicon.cache[key] = (re.compile(rf"(?<![\w-])({verbs})\s+((?:[\w'’-]+,?\s+){{1,10}}?)at\s", re.IGNORECASE), nouns)
    pattern, nouns = lexicon.cache[key]
    ckey = "attribution.count_verbs"
    if ckey not in lexicon.cache:
        cverbs = "|".join(re.escape(str(v)) for v in spec.get("count_verbs", []) or [])
        noun_alt = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
        lexicon.cache[ckey] = re.compile(
            rf"(?<![\w-])({cverbs})\s+((?:[\w'’-]+\s+){{0,5}}?)(?:{noun_alt})\b", re.IGNORECASE
        ) if cverbs and noun_alt else None
    # each pattern opens with one of its verbs, written out: a sentence holding none of them
    # (compared lower-cased, as IGNORECASE does for ASCII) has no match to look for (issue 15)
    wkey = "attribution.put_at.words"
    if wkey not in lexicon.cache:
        lexicon.cache[wkey] = (_words_test(spec["verbs"]), _words_test(spec.get("count_verbs", []) or []))
    verbs_test, cverbs_test = lexicon.cache[wkey]
    body = text[s0:s1]
    low = body.lower() if body.isascii() else None
    has_verb = _may_hold(low, verbs_test)
    matches = list(pattern.finditer(text, s0, s1)) if has_verb else []
    if lexicon.cache[ckey] is not None and _may_hold(low, cverbs_test):
        matches += [m for m in lexicon.cache[ckey].finditer(text, s0, s1)]
    dkey = "attribution.put_count"
    if dkey not in lexicon.cache:
        verbs = "|".join(re.escape(str(v)) for v in spec["verbs"])
        lexicon.cache[dkey] = re.compile(rf"(?<![\w-])({verbs})\s+{_COUNT_OPENING}\d[\d,.]*(?:\s+(?:million|thousand|hundred))?",
                                         re.IGNORECASE)
    if has_verb:
        matches += [m for m in lexicon.cache[dkey].finditer(text, s0, s1) if _count_stated(text, m.end(), s1)]
    out = []
    for m in matches:
        if m.re is pattern and not nouns & {w.lower() for w in m.group(2).split()}:
            continue
        vs, ve = m.start(1), m.end(1)
        if _previous_word(text, s0, vs).lower() in _NOUN_BEFORE:
            continue
        claimant = _subject_claimant(text, s0, s1, vs, ve, lexicon)
        out.append(Attribution(claimant, str(spec.get("hedge", "reported")), vs, ve, m.group(1), "verb"))
    return out


_NOUN_WORD = re.compile(r"[\w'’-]+")


def _relative_counts(text: str, s0: int, s1: int, lexicon: Lexicon, table: dict[str, tuple[str, str]]) -> list[Attribution]:
    """"the count of 4,000 killed and wounded that the JCS gave in late March": a noun of
    ``put_at`` ``relative_nouns`` whose relative clause gives or reports it; the relative's subject states the
    count, so the noun, which comes before the count, is the cue (hedged as the verb is)."""
    spec = lexicon.reporting.get("put_at") or {}
    key = "attribution.relative_counts"
    if key not in lexicon.cache:
        nouns = sorted({str(n) for n in spec.get("relative_nouns", []) or []}, key=len, reverse=True)
        givers = {str(v).lower() for v in spec.get("count_verbs", []) or []}
        reporters = {form for form, (_, kind) in table.items() if kind == "verb" and " " not in form}
        verbs = sorted(givers | reporters, key=len, reverse=True)
        lexicon.cache[key] = re.compile(
            rf"(?<![\w-])(?:{'|'.join(map(re.escape, nouns))})\s+(?:of\s+(?:[^,;:.()\"“”]|(?<=\d)[,.](?=\d)){{1,60}}?\s+)?(?:that|which)\s+"
            rf"(?:[\w'’.-]+\s+){{1,6}}?({'|'.join(map(_words, verbs))})(?![\w-])", re.IGNORECASE) if nouns and verbs else None
    pattern = lexicon.cache[key]
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(text, s0, s1):
        vs, ve = m.start(1), m.end(1)
        if _PASSIVE.search(text, s0, vs):
            continue  # "the figure that was reported": no one is named
        claimant = _subject_claimant(text, s0, s1, vs, ve, lexicon)
        if claimant is None:
            continue
        hedge = table.get(m.group(1).lower(), (str(spec.get("hedge", "reported")), "verb"))[0]
        noun_end = _NOUN_WORD.match(text, m.start()).end()
        out.append(Attribution(claimant, hedge, m.start(), noun_end, text[m.start():noun_end], "verb"))
    return out


#: the qualifier words a count may open with ("placed more than 11,000")
_COUNT_OPENING = r"(?:(?:about|around|roughly|some|nearly|almost|over|more\s+than|fewer\s+than|less\s+than|at\s+least|" \
                 r"up\s+to|as\s+many\s+as|close\s+to|just\s+over|just\s+under|well\s+over)\s+)?"


def _count_stated(text: str, end: int, hi: int) -> bool:
    """"the NIS placed more than 11,000 in Kursk": a verb of placing right before a count states
    the count (it places a number, not troops) when the count leaves its noun to the context
    (a place's or a time's preposition, a comma or the sentence's end follows it); "Russia put
    3,000 troops on alert" (and "put 3,000 on alert") places the troops."""
    rest = text[end:hi]
    return re.match(r"\s*(?:[,;:.)]|$|(?:in|at|by|inside|across|along|near|within|as\s+of)\s)", rest) is not None


def _sentence_subject(text: str, lo: int, hi: int, lexicon: Lexicon) -> str | None:
    """The actor named at the head of a sentence (within its first words), if any."""
    head_end = min(hi, lo + 70)
    m = re.search(r"\b(?:said|says|told|that|which|who|when|while)\b|[,;:]", text[lo:head_end])
    if m and m.group(0) == ",":
        # an opening adverbial ("On Monday, the NIS ...") is skipped, an appositive is not
        nxt = re.search(r"[,;:]|\b(?:said|says|told|that)\b", text[lo + m.end():head_end])
        if not _claimant_mentions(text, lo, lo + m.start(), lexicon):
            lo2 = lo + m.end()
            mentions = _claimant_mentions(text, lo2, lo2 + (nxt.start() if nxt else head_end - lo2), lexicon)
            return mentions[0].name if mentions else None
    end = lo + m.start() if m else head_end
    mentions = [a for a in _claimant_mentions(text, lo, end, lexicon)
                if not re.search(r"\b(?:in|to|from|into|with|by|for|against|on|at|of|near|across|over)\s+(?:the\s+)?$",
                                 text[max(lo, a.start - 12):a.start], re.IGNORECASE)]
    return mentions[0].name if mentions else None


# -- claimant of a verb: its subject, or the phrase after it when inverted -------------------


#: a form of "be" right before a reporting verb's participle: the verb is passive
_PASSIVE = re.compile(r"\b(?:been|being|is|are|was|were)\s+(?:\w+ly\s+)?$", re.IGNORECASE)

#: a partitive subject: "one of the divers", "some of the residents" speak for the group named
_PARTITIVE = re.compile(r"\s*(?:one|some|two|three|four|five|several|many|most|a\s+few|few|each|any|all|both|another|"
                        r"a\s+number|a\s+group|a\s+handful)\s+of\s+(?=(?:the|its|their|those|these)\s)", re.IGNORECASE)

_RELATIVE_ASIDE = re.compile(r",\s+(?:which|who|whom|whose)\s")
#: a relative pronoun at the end of a stretch (what its subject stands for is before it)
_RELATIVE_SUBJECT = re.compile(r"(?:,\s*|(?<=\s))(?:who|which)\s+$", re.IGNORECASE)


def _relative_before(text: str, lo: int, start: int) -> int | None:
    """Where ", who" or " which" ends ``text[lo:start]`` (a relative pronoun as the subject), or None."""
    m = _RELATIVE_SUBJECT.search(text, max(lo, start - 20), start)
    return m.start() if m is not None else None


def _aside_closed(part: str) -> bool:
    """Whether ``part`` (after a relative pronoun) ends with the comma that closes the aside,
    only auxiliaries and adverbs after it (", has offered")."""
    close = part.rfind(",")
    return close >= 0 and only_auxiliaries(part[close + 1:].lstrip("\"”"))


def _subject_claimant(text: str, lo: int, hi: int, vs: int, ve: int, lexicon: Lexicon) -> str | None:
    asides = list(_RELATIVE_ASIDE.finditer(text, lo, vs))
    if asides and _aside_closed(text[asides[-1].end():vs]) and asides[-1].start() > lo:
        # "the district administrator, who toured the coast, said": the relative clause between
        # commas describes the subject before it (its auxiliaries may follow: ", has offered")
        return _subject_claimant(text, lo, hi, asides[-1].start(), asides[-1].start(), lexicon)
    if re.search(r"[,\"”]\s*$", text[lo:vs]):
        # inverted: '..., says South Korean intelligence' / '"...," said Zelensky'
        after = _claimant_mentions(text, ve, min(hi, ve + 60), lexicon, stop_at_clause=True)
        if after and re.fullmatch(r"\s*(?:the\s+)?(?:[A-Z][\w'’.-]*\s+){0,4}", text[ve:after[0].start]) \
                and re.match(r"[^,;:.]{0,30}(?:[,;:.]|$)", text[after[0].end:hi]) \
                and not re.search(r"\bthat\b", text[after[0].end:min(hi, after[0].end + 30)]):
            return after[0].name
    start = _subject_start(text, lo, vs)
    relative = _relative_before(text, lo, start) if only_auxiliaries(text[start:vs]) else None
    if relative is not None and relative > lo:
        # "Ukraine's envoy, who had told the committee", "Washington, which confirmed": a relative
        # pronoun as the subject stands for the noun phrase it follows
        return _subject_claimant(text, lo, hi, relative, relative, lexicon)
    part = _PARTITIVE.match(text, start, vs)
    if part is not None:
        start = part.end()  # "one of the divers said": the divers speak (issue 13)
    # "lawmakers briefed by the NIS said", "quoted NIS director Cho as saying"
    relayed = _relayed(text, start, vs, lexicon) or _relayed(text, ve, min(hi, ve + 80), lexicon, right_after=True)
    if relayed:
        return relayed
    subject = text[start:vs]
    author = _document_subject(text, start, vs, lexicon)
    opening = _place_comma(text, lo, start) if author is None else None
    if opening is not None:
        # "An IOM assessment of sites around Goma in North Kivu, Eastern DRC has shown": a comma
        # inside the document's place phrase cut the subject short
        author = _document_subject(text, opening, vs, lexicon)
    if author is not None:
        return author
    # Keep the part after the last single comma unless it names nobody (appositive).
    unvouched = _unvouched_relays(text, start, vs, lexicon)
    mentions = [a for a in _claimant_mentions(text, start, vs, lexicon) if not any(x <= a.start < y for x, y in unvouched)]
    if mentions:
        # the head of the subject, not an actor inside one of its modifiers: "the deputy U.S.
        # ambassador to the United Nations" (a prepositional phrase), "Zelensky, posting on X
        # after a report from Syrskyi," (a participial aside)
        asides = [(m.start(), m.end()) for m in re.finditer(r",\s*(?:\w+ing)\b[^,]*,", text[start:vs])]
        asides = [(start + a, start + b) for a, b in asides]
        heads = [a for a in mentions if not any(x <= a.start < y for x, y in asides) and not _after_preposition(text, start, a)]
        head = (heads or mentions)[-1]
        return possessed(text, head, vs, lexicon, _AUX) or head.name
    if bare_spokesperson(subject, lexicon):
        return None  # "Spokesman Jane Roe said": the body an earlier sentence names (carried)
    body = spoken_for(subject, lexicon)
    if body is not None and source_phrase(body, lexicon):  # "ministry spokesman Jane Roe": carried
        return None if _anaphor(text, lo, vs, lexicon) else unlisted(text, start, start + len(body), lexicon, _AUX)
    named = appositive_name(text, lo, start, vs, lexicon, _AUX) or unlisted(text, start, vs, lexicon, _AUX)
    if named is None and unvouched and unvouched[0][0] > start:
        # "The Seoul Herald, citing intelligence sources, reported": the outlet before the relay
        named = unlisted(text, start, unvouched[0][0], lexicon, _AUX)
    if named:
        return named
    if subject.strip(" ,") == "" and _previous_word(text, lo, vs).lower() not in ("and", "or", "but") \
            or text[lo:vs].rstrip().endswith((",", "\"", "”")):
        # inverted: '..., said Zelensky.' / '"...," said the ministry.'
        after = _claimant_mentions(text, ve, min(hi, ve + 60), lexicon, stop_at_clause=True)
        if after:
            return after[0].name
        stop = re.search(r"[,;:.\"“”]", text[ve:hi])
        part = _PARTITIVE.match(text, ve, hi)  # '"...," said one of the firefighters'
        return unlisted(text, part.end() if part else ve, ve + stop.start() if stop else hi, lexicon, _AUX)
    return None


def _document_verbs(text: str, s0: int, s1: int, lexicon: Lexicon, found: list[Attribution]) -> list[Attribution]:
    """"Figures from the ministry show ...", "a survey by the council found ...": a verb of
    ``document_verbs`` is a reporting cue (hedge reported) when a document with a named author
    is its subject (issue 13)."""
    pattern = _phrase_pattern(lexicon, "document_verbs")
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(text, s0, s1):
        if any(c.start <= m.start() < c.end for c in found) or _PASSIVE.search(text, s0, m.start()):
            continue
        author = document_author(text, s0, m.start(), lexicon)
        if author is not None:
            out.append(Attribution(author, "reported", m.start(), m.end(), m.group(0), "verb"))
    return out


def document_author(text: str, lo: int, verb: int, lexicon: Lexicon) -> str | None:
    """The author of the document that is the subject of the verb at ``verb`` in the sentence
    from ``lo`` ("Figures from the ministry show" -> "ministry"), or None (no document subject)."""
    start = _subject_start(text, lo, verb)
    author = _document_subject(text, start, verb, lexicon)
    opening = _place_comma(text, lo, start) if author is None else None
    if opening is not None:
        author = _document_subject(text, opening, verb, lexicon)  # (a comma in its place phrase)
    return author


#: what the words before a subject's comma must not hold for the comma to sit inside one noun
#: phrase: another clause's verb or conjunction, a quotation
_CLAUSE_WORDS = re.compile(r"[;:\"“”]|\b(?:that|and|but|has|have|had|is|are|was|were|will|would|said|says)\b",
                           re.IGNORECASE)


def _place_comma(text: str, lo: int, start: int) -> int | None:
    """Where the noun phrase opens whose comma cut the subject starting at ``start`` short ("An
    IOM assessment of sites in North Kivu, Eastern DRC has shown"): the start of the stretch
    before that comma, after the punctuation before it; None when that stretch is no bare
    noun phrase (it holds a verb, a conjunction or a quotation)."""
    before = text[lo:start].rstrip()
    if start <= lo or not before.endswith(","):
        return None
    head = max(before.rfind(c, 0, len(before) - 1) for c in ",;:—–") + 1
    stretch = before[head:-1]
    if not stretch.strip() or _CLAUSE_WORDS.search(stretch):
        return None
    return lo + head


def _document_subject(text: str, start: int, vs: int, lexicon: Lexicon) -> str | None:
    """"Figures from the health ministry show", "An IOM assessment has shown", "A report by the
    council found": a document as the subject of a reporting verb speaks for its author, named
    before the document noun or after "by"/"from" (issue 13); None when the subject is no
    document or names no author ("the figures show")."""
    docs = {str(d).lower() for d in lexicon.reporting.get("document_heads", []) or []}
    words = re.findall(r"[\w'’-]+", text[start:vs])
    first_doc = next((k for k, w in enumerate(words) if w.lower() in docs), None)
    if first_doc is None or first_doc > 3:
        return None  # the document must head the subject, not sit in a modifier of it
    cut = re.search(r"\b(?:has|have|had|was|were|is|are|will|would|also|now)\b", text[start:vs])
    hi = start + cut.start() if cut else vs
    mentions = [a for a in _claimant_mentions(text, start, hi, lexicon)
                if re.search(r"\b(?:by|from)\s+(?:the\s+)?$", text[max(start, a.start - 10):a.start])
                or a.end <= start + len(" ".join(words[:first_doc + 1])) + 2]
    if mentions:
        return mentions[0].name
    return document_source(text, start, hi, lexicon, _AUX, from_author=True)


def _after_preposition(text: str, lo: int, a: ActorMention) -> bool:
    return re.search(r"\b(?:to|at|of|in|from|with|for|on|near|by)\s+(?:the\s+)?$", text[max(lo, a.start - 10):a.start],
                     re.IGNORECASE) is not None and not text[max(lo, a.start - 10):a.start].lower().endswith(("by ", "by the "))


def _object_claimant(text: str, pos: int, hi: int, lexicon: Lexicon) -> str | None:
    m = re.search(r"[,;:.\"“”(]|\bthat\b", text[pos:hi])
    end = pos + m.start() if m else hi
    if m and m.group(0) == "(":  # "according to the Korean Central News Agency (KCNA)"
        close = text.find(")", pos + m.start(), hi)
        if close != -1:
            m2 = re.search(r"[,;:.\"“”]|\bthat\b", text[close + 1:hi])
            end = close + 1 + (m2.start() if m2 else hi - close - 1)
    relayed = _relayed(text, pos, end, lexicon)
    if relayed:
        return relayed
    mentions = _claimant_mentions(text, pos, min(end, pos + 80), lexicon)
    if mentions:
        return possessed(text, mentions[0], min(end, pos + 80), lexicon, _AUX) or mentions[0].name
    if object_anaphor(text, pos, end, lexicon):
        return None  # "according to ministry figures": the ministry an earlier sentence names
    return unlisted(text, pos, min(end, pos + 80), lexicon, _AUX) or document_source(text, pos, end, lexicon, _AUX)


def _possessor(text: str, lo: int, pos: int, lexicon: Lexicon) -> str | None:
    # "Seoul's estimates", "the NIS's latest estimate"
    window = text[max(lo, pos - 60):pos]
    m = re.search(r"(['’]s?)\s+(?:\w+\s+){0,2}$", window)
    if not m:
        return None
    owner_end = max(lo, pos - 60) + m.start()
    mentions = [a for a in lexicon.actors.find(text, max(lo, pos - 60), owner_end) if a.end == owner_end]
    return mentions[-1].name if mentions else None


def _anaphor(text: str, lo: int, verb_start: int, lexicon: Lexicon) -> str | None:
    """The anaphoric subject of a verb ("it", "the agency"), lower-cased, or None."""
    subject = _subject_text(text, lo, verb_start).strip(" ,\"“”")
    words = subject.split()
    while len(words) > 1 and (words[-1].lower() in _AUX or words[-1].endswith("ly") and words[-1].islower()):
        words.pop()  # "the military also reported": the subject without what stands before its verb
    subject = " ".join(words)
    if bare_spokesperson(subject, lexicon):
        return "the spokesperson"  # "Spokesman Jane Roe said": for the body named before
    body = spoken_for(subject, lexicon)  # "ministry spokesman Jane Roe said": "the ministry" said
    if body is not None:
        subject = body if body.lower().startswith("the ") else f"the {body}"
    subject = _SPACES.sub(" ", subject).lower()
    forms = {str(f).lower() for f in lexicon.reporting.get("anaphors", []) or []}
    relays = _phrase_pattern(lexicon, "relays")
    if subject not in forms and relays is not None:
        # "lawmakers who had been briefed by the agency said": the relayed source is the anaphor
        for m in relays.finditer(subject):
            rest = subject[m.end():].strip(" ,")
            if rest in forms and rest.startswith("the "):
                return rest
    return subject if subject in forms else None
