"""Who says so, and how firmly: attribution cues in a sentence and the claimant they name.

News prose hangs a claim on a reporting verb ("Zelensky said", "the NIS estimates"), a
preposition ("according to KCNA") or an adverb that names nobody ("reportedly"). This module
finds those cues in one sentence span, reads the claimant from the words that govern the cue
(the subject before a verb, the phrase after a preposition, or after the verb in an inverted
"..., said Zelensky") and normalises it through the actor lexicon. A relay ("lawmakers citing
the spy agency", "lawmakers briefed by the NIS", "quoted X as saying") makes the cited source
the claimant. A pronoun or generic subject ("it said", "the agency added") points back to the
previous sentence's claimant. The hedge (reported, estimated, claimed, confirmed, denied) is the
cue's, from ``data/lexicon/reporting.yaml``.

A source the lexicon does not know is kept as the text names it, tidied ("three local officials
told AFP" -> "local officials", ``toolkit.extract.sources``); when the words name no source ("the
toll rose", "it said" with nothing before), the hedge is kept and the claimant is None: a wrong
name on a chart misleads, a missing one does not. Events reuse :func:`find_attribution` too.

>>> t = "South Korean intelligence estimates an additional 3,000 were deployed."
>>> a = find_attribution(t, (0, len(t)))
>>> (a.claimant, a.hedge, t[a.start:a.end])
('NIS', 'estimated', 'estimates')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Sequence
from typing import Any

from toolkit.read.lexicon import ActorMention, Lexicon, default_lexicon
from toolkit.extract.english import load_english
from toolkit.extract.clauses import inside_quote, main_clause_after, quoted
from toolkit.extract.sources import (appositive_name, fits_anaphor, document_source, full_name_before, object_anaphor, possessed,
                                     proper_name, source_heads, source_phrase, spoken_for, unlisted)

Span = tuple[int, int]


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


# Words that sit between a subject and its reporting verb ("has also said", "publicly denied").
_AUX = frozenset(
    """has have had was were is are be been will would could should may might also again later
    earlier previously repeatedly publicly officially first then now separately further already
    had not did does do only still once likewise reportedly initially recently subsequently
    """.split()
)
# Words before a reporting form that make it a noun ("the reports", "months of reports").
_NOUN_BEFORE = frozenset(
    """the a an its their his her these those new recent latest earlier previous such of in
    some many several multiple unconfirmed conflicting our your my similar public other official
    own previous prior initial first""".split()
)
# Words that close a subject noun phrase when read backwards from its verb.
_SUBJECT_STOP = frozenset(
    """that which who whom while but when after before because as since if although though where
    whereas and or so than unless until whether said told reported announced wrote""".split()
)  # (a reporting verb too: "Anadolu reported the ministry spokesman Jane Roe said")
_TOKEN = re.compile(r"[\w'’.-]+|[^\w\s]")


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
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(_words(f) for f in forms) + r")(?![\w-])", re.IGNORECASE)
    lexicon.cache["attribution.cues"] = (pattern, table)
    return pattern, table


def _phrase_pattern(lexicon: Lexicon, key: str) -> re.Pattern[str] | None:
    name = f"attribution.{key}"
    if name not in lexicon.cache:
        forms = sorted((str(f) for f in lexicon.reporting.get(key, []) or []), key=len, reverse=True)
        lexicon.cache[name] = (
            re.compile(r"(?<![\w-])(?:" + "|".join(_words(f) for f in forms) + r")(?![\w-])", re.IGNORECASE)
            if forms else None
        )
    return lexicon.cache[name]


def _words(form: str) -> str:
    return r"\s+".join(re.escape(w) for w in form.split())


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
        hedge, kind = table[re.sub(r"\s+", " ", m.group(0).lower())]
        claimant: str | None = None
        if kind == "verb":
            prev = _previous_word(text, s0, m.start())
            if (prev.lower() in _NOUN_BEFORE or _is_count(prev, lexicon)) and not _past_form(m.group(0)):
                kind = "noun"
                claimant = _possessor(text, s0, m.start(), lexicon)
                if claimant is None and prev.lower() in _POSSESSIVE_PRONOUNS:
                    # "Ukraine's military intelligence ... kept its estimate": its = the subject
                    claimant = _sentence_subject(text, s0, m.start(), lexicon)
            else:
                claimant = _subject_claimant(text, s0, s1, m.start(), m.end(), lexicon)
        elif kind == "preposition":
            claimant = _object_claimant(text, m.end(), s1, lexicon)
        out.append(Attribution(claimant, hedge, m.start(), m.end(), m.group(0), kind))
    out.extend(_put_at(text, s0, s1, lexicon))
    out.sort(key=lambda a: a.start)
    return out


def _is_count(word: str, lexicon: Lexicon) -> bool:
    """'1,650 reports', 'two reports': a number before a reporting form makes it a noun."""
    return bool(re.fullmatch(r"\d[\d,.]*", word)) or word.lower() in _number_words(lexicon)


def _number_words(lexicon: Lexicon) -> frozenset[str]:
    if "attribution.numbers" not in lexicon.cache:
        lexicon.cache["attribution.numbers"] = frozenset(load_english(lexicon.root).number_words)
    return lexicon.cache["attribution.numbers"]


def _past_form(form: str) -> bool:
    """'said', 'told', 'confirmed': a past form is never a noun ("an official said")."""
    low = form.lower()
    return low.endswith("ed") or low in ("said", "told", "wrote", "thought", "showed")


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
    matches = list(pattern.finditer(text, s0, s1))
    if lexicon.cache[ckey] is not None:
        matches += [m for m in lexicon.cache[ckey].finditer(text, s0, s1)]
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


def find_attribution(
    text: str,
    span: Span,
    *,
    lexicon: Lexicon | None = None,
    at: int | None = None,
    previous: Span | None = None,
    context: Sequence[Span] = (),
) -> Attribution | None:
    """Return the attribution that governs offset ``at`` of the sentence ``span`` (or None).

    The governing cue is the nearest reporting verb or preposition before ``at``, else the
    nearest after it (", the NIS said."); an adverb ("reportedly") counts only when no verb or
    preposition is in the sentence. A pronoun or generic subject ("it said", "the agency
    added") takes its claimant from the attribution of the ``previous`` sentence. When the
    sentence has no cue at all, the previous sentence's attribution applies only if that
    sentence introduces what follows (it ends with a colon). ``context`` lists earlier
    sentences, nearest last, in which a pronoun may find its claimant (default: ``previous``).

    >>> t = "The NIS told lawmakers on Monday. It said 3,000 troops were sent."
    >>> a = find_attribution(t, (34, len(t)), previous=(0, 33))
    >>> (a.claimant, a.hedge, a.carried)
    ('NIS', 'reported', True)
    """
    lexicon = lexicon or default_lexicon()
    whole = at is None  # no claim position: the sentence's first cue governs it
    at = span[0] if at is None else at
    cues = _attributions(text, span, lexicon)
    strong = [c for c in cues if c.kind in ("verb", "preposition")]
    chosen: Attribution | None = None
    if strong:
        before = [c for c in strong if c.end <= at]
        # a cue after the claim governs it only as the main clause (", the NIS said."), not
        # inside a subordinate one ("..., though Moscow has not confirmed their presence")
        after = [c for c in strong if c.start >= at and main_clause_after(text, at, c, span[1])]
        chosen = strong[0] if whole else before[-1] if before else (after[0] if after else None)
        # A verb before the figure with no claimant but a named one after it: the
        # figure is inside the reported clause of the later one (", the NIS said").
        if chosen is not None and chosen.claimant is None and after and after[0].claimant is not None \
                and chosen in before and chosen.kind == "verb":
            subject = _subject_text(text, span[0], chosen.start).strip(" ,\"“”").lower()
            if subject == "":
                chosen = after[0]
            elif subject in _QUOTED_SPEAKER:
                # '"... we assess that ... 1,100 casualties," the JCS said': the speaker of the
                # quotation makes the claim, hedged as the quotation hedges it
                chosen = Attribution(after[0].claimant, chosen.hedge, chosen.start, chosen.end, chosen.cue, chosen.kind)
    if chosen is None:
        weak = [c for c in cues if c.kind in ("adverb", "noun")]
        if weak:
            near = min(weak, key=lambda c: abs(c.start - at))
            chosen = near
    if chosen is not None and chosen.claimant is None and chosen.kind == "verb":
        chosen = _nested(text, span, chosen, strong, lexicon)
    if chosen is not None and chosen.kind in ("verb", "preposition"):
        # "the ministry said troops had highly likely suffered ...": an adverb inside the
        # reported clause hedges it more closely than the verb that introduces it
        inner = [c for c in cues if c.kind == "adverb" and chosen.end <= c.start < at]
        if inner:
            chosen = Attribution(chosen.claimant, inner[0].hedge, chosen.start, chosen.end, chosen.cue, chosen.kind,
                                 chosen.carried)
    carried = _carried(text, span, chosen, lexicon, previous, context)
    result = carried if carried is not None else chosen
    if result is not None and result.claimant is not None:
        # what this sentence's claim was attributed to, for a later "the ministry said" or a
        # quotation that goes on: a chain of carried claimants is followed through it
        _attributions(text, span, lexicon)  # (makes sure the memo is this text's)
        memo = lexicon.cache["attribution.memo"][1]
        memo[("claimant", span[0], span[1])] = result
        if result.kind == "verb" and spoken_for(_subject_text(text, span[0], result.start).strip(" ,\"“”"), lexicon):
            # "ministry spokesperson Jane Roe said": a later "Roe warned" speaks for the same body
            memo[("speaks for", _subject_text(text, span[0], result.start).split()[-1].lower())] = result.claimant
    return result


def _nested(text: str, span: Span, chosen: Attribution, strong: list[Attribution], lexicon: Lexicon) -> Attribution:
    """"the GUR said on Thursday that it estimates about 12,000": a claim nested in an earlier
    one in the same sentence belongs to the same claimant ('a source said: "if you say that we
    have lost 15 ...": the quotation is the source's). A description that does not fit the outer
    speaker ("Agency X reported the ministry spokesperson said") points back to an earlier
    sentence instead: the outlet only relays it."""
    outer = [c for c in strong if c.end <= chosen.start and c.claimant is not None]
    described = _anaphor(text, span[0], chosen.start, lexicon)
    if outer and described is not None and described.startswith("the ") \
            and not fits_anaphor(outer[-1].claimant, described, lexicon):
        return chosen
    if outer and (described is not None or inside_quote(text, outer[-1].end, chosen.start)
                  or _subject_text(text, span[0], chosen.start).strip(" ,") == ""):
        return Attribution(outer[-1].claimant, chosen.hedge, chosen.start, chosen.end, chosen.cue, chosen.kind)
    return chosen


def _carried(
    text: str, span: Span, chosen: Attribution | None, lexicon: Lexicon, previous: Span | None,
    context: Sequence[Span],
) -> Attribution | None:
    """The attribution an earlier sentence lends the sentence ``span`` (``carried``), or None.

    A pronoun subject of the chosen verb ("It said ...") takes the claimant of the nearest of
    the ``context`` sentences (default: ``previous``) that names one; a sentence with no cue at
    all takes the last cue of a ``previous`` sentence that introduces it (ends with a colon).
    """
    if chosen is not None and chosen.claimant is None and chosen.kind in ("verb", "preposition") \
            and previous is not None:
        earlier_spans = list(reversed(list(context) or [previous]))
        pronoun = _anaphor(text, span[0], chosen.start, lexicon) if chosen.kind == "verb" \
            else object_anaphor(text, chosen.end, span[1], lexicon)
        prev = None
        if pronoun is not None:
            for earlier in earlier_spans:
                prev = _last_claimant(text, earlier, lexicon, pronoun=pronoun)
                if prev is not None:
                    break
        elif chosen.kind == "verb":
            prev = _surname_of(text, span[0], chosen.start, earlier_spans, lexicon)
        if prev is not None:
            return Attribution(prev, chosen.hedge, chosen.start, chosen.end, chosen.cue, chosen.kind, True)
    if chosen is not None and chosen.claimant and chosen.claimant.lower() in source_heads(lexicon) and context:
        # "the navy said" / "Navy spokesman Jane Roe said" after "the Chilean navy said": that navy
        memo = lexicon.cache["attribution.memo"][1]
        names = [c.claimant for sp in reversed(list(context)) for c in _attributions(text, sp, lexicon)[::-1]
                 + [memo.get(("claimant", sp[0], sp[1]))] if c is not None and c.claimant]
        prev = next((n for n in names if chosen.claimant.lower() in n.lower().split() and " " in n), None)
        if prev is not None:
            return Attribution(prev, chosen.hedge, chosen.start, chosen.end, chosen.cue, chosen.kind, True)
    if chosen is None and previous is not None and text[previous[0]:previous[1]].rstrip().endswith(":"):
        prev_cues = [c for c in _attributions(text, previous, lexicon) if c.kind in ("verb", "preposition")]
        if prev_cues:
            c = prev_cues[-1]
            return Attribution(c.claimant, c.hedge, c.start, c.end, c.cue, c.kind, True)
    if chosen is None and previous is not None and quoted(text, span):
        # '"... 65,000 people," it said. "Six weeks ago there were 1.4 million."': a quotation
        # with no cue of its own goes on with the speaker of the sentence before
        c = lexicon.cache["attribution.memo"][1].get(("claimant", previous[0], previous[1]))
        if c is not None:
            return Attribution(c.claimant, c.hedge, c.start, c.end, c.cue, c.kind, True)
    return None


def _surname_of(text: str, lo: int, verb_start: int, earlier: Sequence[Span], lexicon: Lexicon) -> str | None:
    """'Erdogan said', after 'Turkish President Recep Tayyip Erdogan announced': a person named
    again by the last word of a claimant an earlier sentence names in full, or of the subject
    whose claim it was ("ministry spokesman Jane Roe told ... Roe added" -> that ministry)."""
    word = _subject_text(text, lo, verb_start).strip(" ,\"“”")
    if not re.fullmatch(r"[A-Z][\w'’-]+", word):
        return None
    body = lexicon.cache["attribution.memo"][1].get(("speaks for", word.lower()))
    if body is not None:
        return str(body)
    for span in earlier:  # (the nearest sentences; else a full name anywhere before)
        said = lexicon.cache["attribution.memo"][1].get(("claimant", span[0], span[1]))
        for c in reversed(_attributions(text, span, lexicon)):
            if c.claimant and c.claimant != word and c.claimant.split()[-1] == word:
                return c.claimant
            if said is not None and c.start == said.start and c.kind == "verb" \
                    and _subject_text(text, span[0], c.start).strip(" ,").lower().endswith(" " + word.lower()):
                return said.claimant
    return full_name_before(text, lo, word, lexicon, _AUX)


def _last_claimant(text: str, span: Span, lexicon: Lexicon, *, pronoun: str = "") -> str | None:
    """The claimant an anaphoric subject in a later sentence points back to, from ``span``.

    In order: the sentence's last named claimant; the source a speaker relays ("Lee spoke after
    a briefing by the NIS. ... he said" -> NIS); the actor the sentence opens with. "he"/"she"
    take only people (or a relayed source), "it" takes no person.
    """
    def fits(name: str | None) -> bool:
        return fits_anaphor(name, pronoun, lexicon)

    for c in reversed(_attributions(text, span, lexicon)):
        if fits(c.claimant):
            return c.claimant
    said = lexicon.cache["attribution.memo"][1].get(("claimant", span[0], span[1]))
    if said is not None and said.carried and fits(said.claimant):
        return said.claimant
    relayed = _relayed(text, span[0], span[1], lexicon)
    if relayed is not None:
        return relayed
    # "The spy agency gave its fullest account yet. ... it said": the previous sentence's subject
    subject = _sentence_subject(text, span[0], span[1], lexicon)
    return subject if fits(subject) else None


_POSSESSIVE_PRONOUNS = frozenset("its their his her".split())
_QUOTED_SPEAKER = frozenset("we i our my".split())


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


def _previous_word(text: str, lo: int, pos: int) -> str:
    m = re.search(r"([\w'’-]+)\W*$", text[lo:pos])
    return m.group(1) if m and text[lo:pos].rstrip()[-1:].isalnum() else ""


def _subject_text(text: str, lo: int, verb_start: int) -> str:
    """The words of the subject before a verb: back to a clause boundary, skipping auxiliaries."""
    return text[_subject_start(text, lo, verb_start):verb_start]


def _subject_start(text: str, lo: int, verb_start: int) -> int:
    toks = [(m.start() + lo, m.group(0)) for m in _TOKEN.finditer(text[lo:verb_start])]
    i = len(toks) - 1
    # skip auxiliaries, adverbs and a date between subject and verb ("said on Monday" is after)
    while i >= 0 and (toks[i][1].lower() in _AUX or toks[i][1].lower().endswith("ly") and toks[i][1].islower()):
        i -= 1
    start = toks[i + 1][0] if i + 1 < len(toks) else verb_start
    collected = 0
    n = 0
    while i >= 0 and n < 14:
        word = toks[i][1]
        low = word.lower()
        if word == ")" and collected == 0 and "(" in [t[1] for t in toks[:i]]:
            # "the International Committee of the Red Cross (ICRC) has said": skip the acronym
            i = max(k for k in range(i) if toks[k][1] == "(") - 1
            n += 1
            continue
        if word in ";:\"“”()[]—" or low in _SUBJECT_STOP:
            break
        if word == ",":
            # "Russia's top officer, General Gerasimov, also confirmed": a comma right before
            # the verb closes an appositive, so the subject is before it; a comma after some
            # subject words ("..., South Korean lawmakers said") ends the subject, unless those
            # words are a relay set off by commas ("Yonhap, citing the NIS, reported").
            if collected and not re.match(r"(?:citing|quoting|according|\w+ing)\b", text[start:verb_start], re.IGNORECASE):
                break
            collected = 0
            i -= 1
            n += 1
            continue
        start = toks[i][0]
        collected += 1
        i -= 1
        n += 1
    return start


def _subject_claimant(text: str, lo: int, hi: int, vs: int, ve: int, lexicon: Lexicon) -> str | None:
    if re.search(r"[,\"”]\s*$", text[lo:vs]):
        # inverted: '..., says South Korean intelligence' / '"...," said Zelensky'
        after = _claimant_mentions(text, ve, min(hi, ve + 60), lexicon, stop_at_clause=True)
        if after and re.fullmatch(r"\s*(?:the\s+)?(?:[A-Z][\w'’.-]*\s+){0,4}", text[ve:after[0].start]) \
                and re.match(r"[^,;:.]{0,30}(?:[,;:.]|$)", text[after[0].end:hi]) \
                and not re.search(r"\bthat\b", text[after[0].end:min(hi, after[0].end + 30)]):
            return after[0].name
    start = _subject_start(text, lo, vs)
    # "lawmakers briefed by the NIS said", "quoted NIS director Cho as saying"
    relayed = _relayed(text, start, vs, lexicon) or _relayed(text, ve, min(hi, ve + 80), lexicon, right_after=True)
    if relayed:
        return relayed
    subject = text[start:vs]
    # Keep the part after the last single comma unless it names nobody (appositive).
    mentions = _claimant_mentions(text, start, vs, lexicon)
    if mentions:
        # the head of the subject, not an actor inside one of its modifiers: "the deputy U.S.
        # ambassador to the United Nations" (a prepositional phrase), "Zelensky, posting on X
        # after a report from Syrskyi," (a participial aside)
        asides = [(m.start(), m.end()) for m in re.finditer(r",\s*(?:\w+ing)\b[^,]*,", text[start:vs])]
        asides = [(start + a, start + b) for a, b in asides]
        heads = [a for a in mentions if not any(x <= a.start < y for x, y in asides) and not _after_preposition(text, start, a)]
        head = (heads or mentions)[-1]
        return possessed(text, head, vs, lexicon, _AUX) or head.name
    body = spoken_for(subject, lexicon)
    if body is not None and source_phrase(body, lexicon):  # "ministry spokesman Jane Roe": carried
        return None if _anaphor(text, lo, vs, lexicon) else unlisted(text, start, start + len(body), lexicon, _AUX)
    named = appositive_name(text, lo, start, vs, lexicon, _AUX) or unlisted(text, start, vs, lexicon, _AUX)
    if named:
        return named
    if subject.strip(" ,") == "" and _previous_word(text, lo, vs).lower() not in ("and", "or", "but") \
            or text[lo:vs].rstrip().endswith((",", "\"", "”")):
        # inverted: '..., said Zelensky.' / '"...," said the ministry.'
        after = _claimant_mentions(text, ve, min(hi, ve + 60), lexicon, stop_at_clause=True)
        if after:
            return after[0].name
        stop = re.search(r"[,;:.\"“”]", text[ve:hi])
        return unlisted(text, ve, ve + stop.start() if stop else hi, lexicon, _AUX)
    return None


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


def _relayed(text: str, lo: int, hi: int, lexicon: Lexicon, *, right_after: bool = False) -> str | None:
    pattern = _phrase_pattern(lexicon, "relays")
    if pattern is None or hi <= lo:
        return None
    for m in pattern.finditer(text, lo, hi):
        if right_after and text[lo:m.start()].strip(" ,") != "":
            continue
        stop = re.search(r"[,;:.\"“”(]|\b(?:that|said|at|in|on|during|after|before|over|with|when|while|for|to)\b",
                         text[m.end():hi])
        end = m.end() + stop.start() if stop else hi
        mentions = _claimant_mentions(text, m.end(), min(end, m.end() + 70), lexicon)
        if mentions:
            return mentions[0].name
    return None


def _claimant_mentions(
    text: str, lo: int, hi: int, lexicon: Lexicon, *, stop_at_clause: bool = False
) -> list[ActorMention]:
    if stop_at_clause:
        m = re.search(r"[;:.\"“”]|\bthat\b", text[lo:hi])
        hi = lo + m.start() if m else hi
    heads = _phrase_pattern(lexicon, "demonym_heads")
    out = []
    for a in lexicon.actors.find(text, lo, hi):
        if a.kind == "demonym":
            rest = text[a.end:hi]
            if heads is None or not heads.match(rest.lstrip()) or not rest[:1].isspace():
                continue
        # "North Korea's state news agency": the possessor is not the claimant when an
        # institution alias follows within the same phrase; the later, longer alias wins below.
        out.append(a)
    # Drop a state named only as the possessor of a following alias ("North Korea's KCNA").
    kept = []
    for i, a in enumerate(out):
        nxt = out[i + 1] if i + 1 < len(out) else None
        if nxt is not None and text[a.end:a.end + 2] in ("'s", "’s") and nxt.start - a.end < 40:
            continue
        kept.append(a)
    return kept


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
    body = spoken_for(subject, lexicon)  # "ministry spokesman Jane Roe said": "the ministry" said
    if body is not None:
        subject = body if body.lower().startswith("the ") else f"the {body}"
    subject = re.sub(r"\s+", " ", subject).lower()
    forms = {str(f).lower() for f in lexicon.reporting.get("anaphors", []) or []}
    return subject if subject in forms else None


__all__ = ["Attribution", "find_attribution", "find_attributions"]
