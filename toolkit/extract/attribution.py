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
from collections.abc import Sequence

from toolkit.extract.clauses import inside_quote, main_clause_after, quoted
from toolkit.extract.cues import (
    _AUX,
    _QUOTED_SPEAKER,
    Attribution,
    Span,
    _anaphor,
    _attributions,
    _claimant_mentions,
    _relayed,
    _sentence_subject,
    _subject_text,
    find_attributions,
    own_pronoun,
)
from toolkit.extract.sources import (
    closing_cue,
    continues_report,
    fits_anaphor,
    full_name_before,
    is_source_head,
    longer_form,
    object_anaphor,
    source_heads,
    spoken_for,
    titled_before,
    unlisted,
)
from toolkit.read.lexicon import Lexicon, default_lexicon


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
    chosen = _strong_cue(text, span, at, whole, strong) if strong else None
    if chosen is None:
        weak = [c for c in cues if c.kind in ("adverb", "noun")]
        if weak:
            near = min(weak, key=lambda c: abs(c.start - at))
            chosen = near
    if not whole and chosen is not None and chosen.kind == "verb" and chosen.end <= at:
        gapped = _gapped_source(text, span, chosen, at, lexicon)
        if gapped is not None:
            chosen = gapped
    if chosen is not None and chosen.claimant is None and chosen.kind == "verb":
        chosen = _nested(text, span, chosen, strong, lexicon)
    if chosen is not None and chosen.kind in ("verb", "preposition"):
        # "the ministry said troops had highly likely suffered ...": an adverb inside the
        # reported clause hedges it more closely than the verb that introduces it
        inner = [c for c in cues if c.kind == "adverb" and chosen.end <= c.start < at]
        if not inner and _gives_a_count(chosen, lexicon):
            # "Washington has offered an estimate of several hundred": a verb that gives a count
            # is hedged by the noun it gives (an estimate, a report)
            inner = [c for c in cues if c.kind == "noun" and chosen.end <= c.start < at]
        if inner:
            chosen = Attribution(chosen.claimant, inner[0].hedge, chosen.start, chosen.end, chosen.cue, chosen.kind,
                                 chosen.carried)
    carried = _carried(text, span, chosen, lexicon, previous, context)
    result = carried if carried is not None else chosen
    if result is not None and result.claimant is not None:
        full = longer_form(text, result.claimant, lexicon)  # "Coordination HQ": the name given in full
        if full != result.claimant:
            result = Attribution(full, result.hedge, result.start, result.end, result.cue, result.kind, result.carried)
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


def _gives_a_count(cue: Attribution, lexicon: Lexicon) -> bool:
    """Whether the cue is a verb of reporting.yaml's ``put_at`` ("put", "gave", "offered")."""
    verbs = lexicon.cache.get("attribution.count_giving")
    if verbs is None:
        spec = lexicon.reporting.get("put_at") or {}
        verbs = lexicon.cache["attribution.count_giving"] = frozenset(
            str(v).lower() for v in [*(spec.get("verbs") or []), *(spec.get("count_verbs") or [])])
    return cue.kind == "verb" and cue.cue.lower() in verbs


def _strong_cue(text: str, span: Span, at: int, whole: bool, strong: list[Attribution]) -> Attribution | None:
    """The verb or preposition cue that governs offset ``at`` (see :func:`find_attribution`)."""
    before = [c for c in strong if c.end <= at]
    # a cue after the claim governs it only as the main clause (", the NIS said."), not
    # inside a subordinate one ("..., though Moscow has not confirmed their presence")
    after = [c for c in strong if c.start >= at and main_clause_after(text, at, c, span[1])]
    if len(after) > 1 and after[0].claimant is None and after[0].kind == "verb" \
            and _PASSIVE_BE.search(text, span[0], after[0].start):
        # "More than 3,000 cases have been reported, health officials said": a passive
        # reporting verb has no subject to name its source; the attribution after it does
        after = [c for c in after[1:] if c.claimant is not None][:1] or after
    chosen: Attribution | None = strong[0] if whole else before[-1] if before else (after[0] if after else None)
    own = next((c for c in strong if c.kind == "preposition" and c.start >= at
                and not _CONJUNCT_BREAK.search(text, at, c.start)
                and not any(at <= d.start < c.start for d in strong)), None)
    if not whole and own is not None and (not before and chosen is None
                                          or before and _CONJUNCT_BREAK.search(text, before[-1].end, at)):
        # "1.1 million marched according to the ministry, and 3 million according to the
        # unions": each conjunct of a coordination is attributed by its own "according to",
        # with or without a comma before it
        chosen = own
    here = [c for c in strong if c.start <= at < c.end]
    if here and not whole:
        chosen = here[0]  # asked at the cue itself (an event's reporting verb): that cue
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
    return chosen


#: a gapped conjunct right before a figure: ", the unions 400,000", "and organisers 40,000"
_GAP = re.compile(r"(?:,|;|\band\b|\bwhile\b|\bwhereas\b)\s+((?:[\w'’.-]+\s+){1,5})$", re.IGNORECASE)


#: a count right after a verb ("counted 80,000", "put the figure at about 3,000")
_COUNT_NEXT = re.compile(r"\s+(?:(?:the|a|its|their|figure|number|total|toll|crowd|at|some|about|around|roughly|"
                         r"nearly|almost|over|more|than|least)\s+)*\d")


def _gapped_source(text: str, span: Span, cue: Attribution, at: int, lexicon: Lexicon) -> Attribution | None:
    """"Police counted 80,000 marchers, the unions 400,000": the second conjunct leaves out the
    reporting verb it shares with the first (gapping), so the source right before its figure
    is that figure's claimant, with the shared verb's hedge (issue 13)."""
    if not _COUNT_NEXT.match(text, cue.end, at):
        return None  # (the shared verb must be the count's own: "Russia said it lost 300, Ukraine 500" is not)
    m = _GAP.search(text, cue.end, at)
    if m is None or m.start(1) <= cue.end:
        return None
    lo, hi = m.start(1), m.end(1)
    if re.search(r"\d|\b(?:among|including|of|in|from|with|to|at|for|on|by|them|whom|which)\b", text[lo:hi], re.IGNORECASE):
        return None  # a count or a partition ("among them 500 officers, three generals"), not a subject
    found = _claimant_mentions(text, lo, hi, lexicon)
    name = found[0].name if found and found[0].start == lo and found[-1].end >= hi - 1 \
        else unlisted(text, lo, hi, lexicon, _AUX)
    if name is None or name == cue.claimant:
        return None
    return Attribution(name, cue.hedge, lo, hi, text[lo:hi].strip(), "verb")


#: where one conjunct of a coordinated sentence ends and the next begins
_CONJUNCT_BREAK = re.compile(r";|,\s*(?:and|but|while|whereas)\b|\b(?:while|whereas)\b", re.IGNORECASE)

#: a form of "be" right before a participle: the reporting verb is passive ("have been reported")
_PASSIVE_BE = re.compile(r"\b(?:been|being|be|is|are|was|were)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


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
    """The attribution an earlier (or, for a quotation, a later) sentence lends the sentence
    ``span`` (``carried``), or None: the first of :data:`_CARRY_RULES` that gives one."""
    for rule in _CARRY_RULES:
        found = rule(text, span, chosen, lexicon, previous, context)
        if found is not None:
            return found
    return None


def _carry(c: Attribution, claimant: str | None = None, hedge: str | None = None) -> Attribution:
    return Attribution(claimant or c.claimant, hedge or c.hedge, c.start, c.end, c.cue, c.kind, True)


def _by_anaphor(text: str, span: Span, chosen: Attribution | None, lexicon: Lexicon, previous: Span | None,
                context: Sequence[Span]) -> Attribution | None:
    """A pronoun or description subject ("It said", "the agency added") takes the claimant of
    the nearest of the ``context`` sentences (default: ``previous``) that it fits; a surname
    ("Erdogan said") the full name or the body an earlier sentence gave it."""
    if chosen is None or chosen.claimant is not None or chosen.kind not in ("verb", "preposition"):
        return None
    earlier_spans = list(reversed(list(context) or ([previous] if previous is not None else [])))
    pronoun = _anaphor(text, span[0], chosen.start, lexicon) if chosen.kind == "verb" \
        else own_pronoun(chosen.cue) or object_anaphor(text, chosen.end, span[1], lexicon)
    prev = None
    if pronoun is not None:
        for earlier in earlier_spans:
            prev = _last_claimant(text, earlier, lexicon, pronoun=pronoun)
            if prev is not None:
                break
    elif chosen.kind == "verb":
        prev = _surname_of(text, span[0], chosen.start, earlier_spans, lexicon)
    if prev is None and pronoun is not None and pronoun.startswith("the ") and pronoun != "the spokesperson" \
            and is_source_head(pronoun.rsplit(" ", 1)[-1], lexicon) \
            and not any(c.claimant for sp in earlier_spans for c in _attributions(text, sp, lexicon)):
        # "The police said ..." with no earlier source at all: a definite description names its
        # source the first time too (issue 13), as "the toll" would not; after a source it does
        # not fit, it points back to one the text named in a way not read here, and stays None
        return Attribution(pronoun[4:], chosen.hedge, chosen.start, chosen.end, chosen.cue, chosen.kind)
    if prev is None and pronoun == "the spokesperson" and chosen.kind == "verb":
        subject = _subject_text(text, span[0], chosen.start)  # no body before: the person, then
        named = unlisted(text, chosen.start - len(subject), chosen.start, lexicon, _AUX)
        return Attribution(named, chosen.hedge, chosen.start, chosen.end, chosen.cue, chosen.kind) if named else None
    return _carry(chosen, prev) if prev is not None else None


def _by_head(text: str, span: Span, chosen: Attribution | None, lexicon: Lexicon, previous: Span | None,
             context: Sequence[Span]) -> Attribution | None:
    """"the navy said" / "Navy spokesman Jane Roe said" after "the Chilean navy said": that navy;
    "the Turkish president said" after "Turkish President Jane Roe said": that person."""
    if chosen is None or not chosen.claimant or not context or lexicon.actors.type_of(chosen.claimant) is not None:
        return None
    if chosen.claimant.lower() in source_heads(lexicon):
        memo = lexicon.cache["attribution.memo"][1]
        names = [c.claimant for sp in reversed(list(context)) for c in _attributions(text, sp, lexicon)[::-1]
                 + [memo.get(("claimant", sp[0], sp[1]))] if c is not None and c.claimant]
        prev = next((n for n in names if chosen.claimant.lower() in n.lower().split() and " " in n), None)
        return _carry(chosen, prev) if prev is not None else None
    titled = titled_before(text, span[0], chosen.claimant, lexicon)
    return _carry(chosen, titled) if titled is not None else None


def _by_colon(text: str, span: Span, chosen: Attribution | None, lexicon: Lexicon, previous: Span | None,
              context: Sequence[Span]) -> Attribution | None:
    """A sentence with no cue after one that introduces it (ends with a colon) takes its last cue."""
    if chosen is not None or previous is None or not text[previous[0]:previous[1]].rstrip().endswith(":"):
        return None
    prev_cues = [c for c in _attributions(text, previous, lexicon) if c.kind in ("verb", "preposition")]
    return _carry(prev_cues[-1]) if prev_cues else None


def _by_quotation(text: str, span: Span, chosen: Attribution | None, lexicon: Lexicon, previous: Span | None,
                  context: Sequence[Span]) -> Attribution | None:
    """'"... 65,000 people," it said. "Six weeks ago there were 1.4 million."': a quotation with
    no cue of its own goes on with the speaker of the sentence before; one that opens here and
    closes in a later sentence ('"Most are men. Some 200 are privates," the agency said') is
    the speaker's whom the cue after its close names."""
    if chosen is not None:
        return None
    if previous is not None and quoted(text, span):
        c = lexicon.cache["attribution.memo"][1].get(("claimant", previous[0], previous[1]))
        if c is not None:
            return _carry(c)
    closing = closing_cue(text, span)
    if closing is None:
        return None
    cue = next((c for c in _attributions(text, closing, lexicon) if c.kind == "verb"), None)
    if cue is None:
        return None
    if cue.claimant is None:
        resolved = _by_anaphor(text, closing, cue, lexicon, span, [*context, span])
        return _carry(resolved) if resolved is not None else None
    return _carry(cue)


def _by_continuation(text: str, span: Span, chosen: Attribution | None, lexicon: Lexicon, previous: Span | None,
                     context: Sequence[Span]) -> Attribution | None:
    """A sentence that goes on with the previous one's report: it opens by pointing back at what
    was counted ("This number includes ...", "Among the dead, ...", "Regarding ..."), or it
    hedges with an agentless passive ("are believed to be") in the same paragraph."""
    if previous is None or (chosen is not None and chosen.kind in ("verb", "preposition")):
        return None
    c = lexicon.cache["attribution.memo"][1].get(("claimant", previous[0], previous[1]))
    if c is None:  # (a sentence with no figure of its own was not read yet: its first cue)
        c = next((a for a in _attributions(text, previous, lexicon) if a.kind in ("verb", "preposition")
                  and a.claimant), None)
    if c is None or c.claimant is None:
        return None
    if chosen is None and continues_report(text, span, lexicon):
        return _carry(c)
    if chosen is None and "\n" not in text[previous[1]:span[0]] \
            and lexicon.cache["attribution.memo"][1].get(("claimant", previous[0], previous[1])) is not None \
            and not _claimant_mentions(text, span[0], span[1], lexicon) \
            and not _STANDING.search(text, span[0], span[1]):
        # "The ministry said 1.1 million people marched. In the capital alone, 80,000 took part.":
        # a sentence with no cue and no source of its own, in the paragraph of a sentence whose
        # claim was attributed, goes on with that report (issue 13); a standing property told
        # with "have" or "home to" ("The region has 40,000 residents") is the writer's background
        return _carry(c)
    if chosen is not None and chosen.kind == "adverb" and "\n" not in text[previous[1]:span[0]]:
        return _carry(c, hedge=chosen.hedge)
    return None


#: a standing property: "has 40,000 residents", "is home to", "a population of"
_STANDING = re.compile(r"\b(?:has|have)\s+(?!been\b|\w+ed\b)|\bhome to\b|\bpopulation\b", re.IGNORECASE)


def _by_title_source(text: str, span: Span, chosen: Attribution | None, lexicon: Lexicon, previous: Span | None,
                     context: Sequence[Span]) -> Attribution | None:
    """A title line that ends by naming its source after a dash or a colon ("Ukraine returns 230
    people from captivity – Coordination HQ", "... since Oct. 7: Ministry"): that source."""
    if chosen is not None:
        return None
    line = text[span[0]:span[1]].rstrip()
    m = re.search(r"(?:\s[–—-]|:)\s+([^–—:;,.!?\"“”]{2,60})$", line)
    if m is None or line[-1:] in ".!?\"”" or len(m.group(1).split()) > 6:
        return None
    lo, hi = span[0] + m.start(1), span[0] + m.end(1)
    found = _claimant_mentions(text, lo, hi, lexicon)
    name = found[0].name if found and found[0].start == lo else unlisted(text, lo, hi, lexicon, _AUX)
    if name is None and text[lo:hi].strip().lower() in source_heads(lexicon):
        name = text[lo:hi].strip()  # "...: Ministry"
    if name is None:
        return None
    return Attribution(longer_form(text, name, lexicon), "reported", lo, hi, text[lo:hi], "preposition")


_CARRY_RULES = (_by_anaphor, _by_head, _by_colon, _by_quotation, _by_continuation, _by_title_source)


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
    if said is not None and (said.carried or said.claimant not in {c.claimant for c in _attributions(text, span, lexicon)}) \
            and fits(said.claimant):
        return said.claimant
    relayed = _relayed(text, span[0], span[1], lexicon)
    if relayed is not None:
        return relayed
    # "The spy agency gave its fullest account yet. ... it said": the previous sentence's subject
    subject = _sentence_subject(text, span[0], span[1], lexicon)
    return subject if fits(subject) else None


__all__ = ["Attribution", "find_attribution", "find_attributions"]
