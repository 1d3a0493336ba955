"""Triggers: the cue words of a clause that are used as events, and how each is used.

:func:`find_triggers` is the first pass: it splits each sentence into clauses (:mod:`.clauses`)
and finds its triggers. A cue form must be used as a verb (or be a cue noun): :func:`_classify`
reads its part of speech from the words before it and walks back over auxiliaries and adverbs to
its tense, voice and negation. Words in quotation marks, questions, conditions, hearsay, negated
happenings and ambiguous verbs without their typical object are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from toolkit.extract.english import BE, DO, HAVE, MODALS, NEGATIONS
from toolkit.extract.events.clauses import quote_spans, recut, split_clauses
from toolkit.extract.events.model import Article, Clause, Trigger, inside
from toolkit.extract.events.words import DETERMINERS, PREPOSITIONS, PRONOUNS, Token, is_adverb, tokens

# Clauses that do not assert that something happened: conditions, questions, indirect questions.
_UNASSERTED = frozenset({"if", "unless", "what", "how", "why", "whether", "dateline"})


_CONTACT_HEAD = re.compile(r"[a-z][a-z-]*")
# words that cannot end a noun phrase: a pronoun after one is a subject, not a relative clause's
_NOT_HEADS = PREPOSITIONS | DETERMINERS | BE | HAVE | MODALS | DO | NEGATIONS | frozenset(
    """and but or nor so then that which who whom when where while as because although though if once
    also now already again still just later soon even yet instead however meanwhile today yesterday
    tonight here there""".split()
)

_SPACES = re.compile(r"\s+")  # a run of white space, read as one space


_HEADCOUNT = re.compile(r"(?<![$€£\w.,])\d{1,3}(?:,\d{3})+(?:\s+to\s+\d{1,3}(?:,\d{3})+)?\s+(?:more\b|of\s+them\b)")
# words that open a time adverbial, as month names do (rules.months): after a participle they
# mark a reduced relative clause
_TIME_WORDS = frozenset("this last next earlier later early late yesterday today tonight".split())


def find_triggers(art: Article) -> None:
    """The first pass: each sentence's quotations, clauses and triggers.

    Writes ``art.quotes`` and ``art.clause_lists`` (one entry per sentence) and files the
    triggers in ``art.triggers``, ``art.by_sentence`` and ``art.by_clause``.
    """
    for sid, (s0, s1) in enumerate(art.sentences):
        art.quotes.append(quote_spans(art.text, s0, s1))
        clauses = split_clauses(art, sid)
        extra: dict[int, str] = {}
        found = _find_in(art, sid, clauses, extra)
        if extra:  # re-split at the reported content and read the triggers again
            clauses = recut(clauses, extra, s1, sid)
            found = _find_in(art, sid, clauses, {})
        art.clause_lists.append(clauses)
        art.add_triggers(found)


def _find_in(art: Article, sid: int, clauses: list[Clause], extra_cuts: dict[int, str]) -> list[Trigger]:
    """The triggers of sentence ``sid`` cut into ``clauses``. Where the content of a reporting
    verb starts with a pronoun ("confirmed it sent") goes into ``extra_cuts``."""
    text, rules = art.text, art.rules
    s0, s1 = art.sentences[sid]
    quotes = art.quotes[sid]
    found: list[Trigger] = []
    retyped: list[Trigger] = []
    if text[s0:s1].rstrip(" ”\"'’)").endswith("?"):
        return found  # a question asserts nothing
    blocked = [(b.start(), b.end()) for b in rules.not_events.finditer(text, s0, s1)]
    for m in rules.pattern.finditer(text, s0, s1):
        if any(a < m.end() and m.start() < b for a, b in blocked):
            continue
        form = _SPACES.sub(" ", m.group(0).lower())
        clause = next(c for c in clauses if c.start <= m.start() < c.end)
        trig = _classify(art, m.start(), m.end(), form, clause)
        if trig is None or (inside(m.start(), quotes) and not _quoted_happening(art, trig, quotes)):
            continue
        if trig.negated:
            # a refusal on an occasion ("did not deny", "could not confirm") is an event; a
            # standing state ("has not confirmed", "had not acknowledged") is not
            if trig.tense not in ("past", "modal") or any(
                w.lower() in ("will", "'ll", "may", "might", "shall") for _, _, w in tokens(text, clause.start, m.start())
            ):
                continue
            trig.planned = False
        trig.sentence = sid
        if clause.marker in _UNASSERTED:
            continue
        # a cue used as a noun ("airstrikes", "Saturday's vote") has no everyday verb sense to rule out
        if trig.lemma in rules.requires and trig.pos != "noun" and not _has_typical_word(art, trig, clauses):
            continue
        if _kind_by_words(art, trig):
            retyped.append(trig)
        found.append(trig)
        # "confirmed it sent troops": the reported content starts a clause of its own
        if trig.pos == "verb" and trig.kind in rules.statement_kinds:
            nxt = tokens(text, m.end(), min(s1, m.end() + 40))
            i = 0
            while i < len(nxt) and is_adverb(nxt[i][2]):
                i += 1
            if i < len(nxt) and nxt[i][2].lower() in PRONOUNS and nxt[i][2].lower() != "i":
                extra_cuts[nxt[i][0]] = "that"
    # "were killed in two raids": the noun that gave the verb its kind is the same event
    return [u for u in found if not (u.pos == "noun" and any(
        r.clause is u.clause and r.kind == u.kind and r is not u for r in retyped))]


def _quoted_happening(art: Article, trig: Trigger, quotes: list[tuple[int, int]]) -> bool:
    """Whether a cue inside a quotation states a happening: a quoted source that tells, in the
    past, what others did ('"the army launched 27 strikes," the ministry said') states that act;
    a quoted statement, a scare-quoted word, a plan or the speaker's own voice ("we will") do not."""
    if trig.kind not in art.rules.quoted_kinds or trig.pos != "verb" or trig.tense not in ("past", "perfect"):
        return False
    a, b = next((a, b) for a, b in quotes if a <= trig.start < b)
    if len(tokens(art.text, a, b)) < 8:
        return False  # 'a “super-cyclone”', 'called it “a provocation”': a word quoted, not a source
    words = {w.lower() for _, _, w in tokens(art.text, max(a, trig.clause.start), min(b, trig.clause.end))}
    return not words & art.rules.quoting_persons


def _kind_by_words(art: Article, trig: Trigger) -> bool:
    """An ambiguous verb takes the kind its clause's words give it (``object_kinds``: "released
    39 prisoners" is a release, `other`; "an earthquake struck" a disaster's casualties)."""
    kinds = art.rules.object_kinds.get(trig.lemma)
    if not kinds or trig.pos != "verb":
        return False
    # its own arguments: the subject side and the few words after it ("released 39 Palestinian
    # prisoners"), not a later object ("a video released by X showed the prisoners")
    # (a passive's complements run longer: "released on Friday from three Israeli prisons")
    after = tokens(art.text, trig.end, trig.clause.end)[:5 if _active(art, trig) else 9]
    ante: list[Token] = []
    if trig.clause.marker in ("who", "which", "that"):
        # "a landslide that hit a village": the relative pronoun's antecedent is the subject
        ante = tokens(art.text, art.sentences[trig.clause.sentence][0], trig.clause.start)[-6:]
    elif trig.clause.marker == "participle":
        # "the forces committed 43 massacres in a day, killing 481": the clause it attaches to
        # tells what the deaths were
        ante = tokens(art.text, art.sentences[trig.clause.sentence][0], trig.clause.start)[-8:]
    words = {w.lower() for _, _, w in ante + tokens(art.text, trig.clause.start, trig.start) + after}
    for kind, typical in kinds:
        if words & typical:
            trig.kind = kind
            return True
    return False


def _active(art: Article, trig: Trigger) -> bool:
    """Whether the verb has no form of "be" right before it (adverbs between)."""
    before = tokens(art.text, trig.clause.start, trig.start)
    i = len(before) - 1
    while i >= 0 and is_adverb(before[i][2]):
        i -= 1
    return i < 0 or before[i][2].lower() not in BE


def _has_typical_word(art: Article, trig: Trigger, clauses: list[Clause]) -> bool:
    """An ambiguous verb's typical object or subject, anywhere in its clause ("sent troops",
    "troops moved"; ``requires`` in the lexicon)."""
    clause = trig.clause
    lo = clause.start
    if clause.marker in ("who", "which", "that"):
        # "the regiment, which left for Russia": the antecedent is in the clause before
        lo = max([c.start for c in clauses if c.end <= clause.start] or [clause.start])
    words = {w.lower() for _, _, w in tokens(art.text, lo, clause.end)}
    # a bare head count stands for people in a deployment ("could send 30,000 to 40,000
    # more", "8,000 of them have moved")
    counted = trig.kind == "deployment" and _HEADCOUNT.search(art.text, lo, clause.end)
    return bool(words & art.rules.requires[trig.lemma]) or bool(counted)


# -- how a cue form is used -------------------------------------------------------------------


@dataclass
class _Site:
    """The words around one cue form in its clause, as :func:`_classify` reads them."""

    before: list[Token]  # the clause's words before the form
    after: list[Token]  # the clause's words in the 60 characters after it
    raw_prev: str  # the word right before, as written
    low_prev: str  # the same in lower case
    nxt: str  # the word right after, in lower case
    noun_context: bool  # a determiner, possessive, preposition, number or demonym right before
    both: bool  # the form is a cue verb and a cue noun ("visit", "attack"): context decides
    # set by _walk_back: the auxiliaries (nearest first), a negation among them, and the
    # word left of them and of the adverbs (``before[i]``; i = -1 when there is none)
    aux: list[str] = field(default_factory=list)
    negated: bool = False
    i: int = -1
    left: str = ""
    left_low: str = ""


def _classify(art: Article, start: int, end: int, form: str, clause: Clause) -> Trigger | None:
    """The trigger the cue ``form`` at ``text[start:end]`` makes, or None when it is not used as
    an event there (a verb form used as a noun or an adjective, hearsay, a denied happening)."""
    lemma, kind, pos, grammar = art.rules.forms[form]
    site = _site(art, start, end, clause, grammar, pos == "both")
    if art.text[start].isupper() and site.raw_prev[:1].isupper() and site.before:
        return None  # "The Kyiv Post", "Operation Storm": a part of a name
    trig = Trigger(start, end, art.text[start:end], lemma, kind, "verb", grammar, clause.sentence, clause)
    # "the Senate vote was 70 to 29": a form of a verb-and-noun cue right before a finite verb
    # of its own is the noun, its subject
    before_finite = pos == "both" and site.nxt in ("was", "were", "is", "has", "had")
    if pos == "noun" or (pos == "both" and (site.noun_context or not site.before or before_finite)):
        trig.pos, trig.grammar, trig.tense = "noun", "noun", "noun"
        return trig
    if grammar == "noun":
        return None
    _walk_back(site)
    # "were released from Russian captivity": a release, not hearsay of a statement ("is said")
    _kind_by_words(art, trig)
    if not site.negated and _disaster_subject(art, trig, site):
        # "the flooding swept away", "Cyclone Thane hit": a natural force is the subject
        _mark_use(art, trig, site)
        trig.tense = _tense_of(site.aux)
        trig.voice = "passive" if site.aux and site.aux[0] in BE else "active"
        return trig
    if _not_used_as_event(art, trig, site, form):
        return None
    _mark_use(art, trig, site)
    if grammar == "ing":
        return _ing_form(trig, site)
    if grammar == "base":
        return _base_form(art, trig, site)
    if grammar == "s":
        if site.noun_context:
            return None
        trig.tense = "present"
        return trig
    return _past_form(art, trig, site)


def _site(art: Article, start: int, end: int, clause: Clause, grammar: str, both: bool) -> _Site:
    """The words around ``text[start:end]`` in ``clause``, and whether they make it a noun."""
    text = art.text
    before = tokens(text, clause.start, start)
    after = tokens(text, end, min(clause.end, end + 60))
    raw_prev = before[-1][2] if before else ""
    low_prev = raw_prev.lower()
    nxt = after[0][2].lower() if after else ""
    # noun context: a determiner, possessive, preposition, number or demonym right before
    number_before = bool(re.search(r"\d", raw_prev)) and not (
        len(before) >= 2 and before[-2][2][:1].isupper() and before[-2][2].lower() not in DETERMINERS
        and re.fullmatch(r"\d{1,2}", raw_prev)
    )  # "1,100 killed", "The 11 freed hostages" are noun phrases; "April 28 confirmed" is a date before the verb
    noun_context = (
        number_before
        or low_prev in DETERMINERS
        or low_prev.endswith(("'s", "’s")) and low_prev not in ("it's", "it’s", "that's")
        or (low_prev in PREPOSITIONS and low_prev != "to")
        or _ends_with_demonym(art, before)
        or (raw_prev.endswith("ing") and raw_prev.islower() and len(raw_prev) > 4)
        or (raw_prev.endswith("ed") and raw_prev.islower() and grammar in ("noun",))
        or low_prev in art.rules.counts  # "two raids", "three attacks"
        # a plural of a verb-and-noun cue after a common word is the noun ("jihadist attacks",
        # "group strikes"); as a verb it follows its subject's name or a pronoun
        or (both and grammar == "s" and raw_prev.islower() and not is_adverb(raw_prev)
            and low_prev not in PRONOUNS and low_prev not in ("who", "which", "that"))
    )
    return _Site(before, after, raw_prev, low_prev, nxt, noun_context, both)


def _disaster_subject(art: Article, trig: Trigger, site: _Site) -> bool:
    """Whether the word left of the verb (and its auxiliaries) is a natural force: "the flooding",
    "a landslide that", "Cyclone Thane" (a storm's name after its common noun)."""
    before, i = site.before, site.i
    relative = i >= 0 and before[i][2].lower() in ("that", "which")
    if i < 0 or relative:
        # "a landslide that hit": the relative clause's antecedent ends the clause before
        before = tokens(art.text, art.sentences[trig.sentence][0], trig.start)
        i = len(before) - 1 - len(site.aux) - (1 if site.i >= 0 else 0)
        while i >= 0 and (is_adverb(before[i][2]) or before[i][2] in ",") :
            i -= 1
        if i >= 0 and before[i][2].lower() in ("that", "which"):
            i, relative = i - 1, True
        relative = relative or trig.clause.marker in ("that", "which")
    while i >= 0 and before[i][2] in "\"“”'‘’":
        i -= 1  # 'a “super-cyclone” battered': the name in quotation marks is the subject
    words = art.rules.disaster_words
    if i >= 1 and before[i][2][:1].isupper() and before[i - 1][2].lower() in words:
        return True
    if relative:
        # "the earthquake in 1939 that killed", "the earthquakes of Feb. 6, that struck": the
        # antecedent's head before its short complement
        for j in range(i - 1, max(-1, i - 5), -1):
            if before[j][2].lower() in words and before[j + 1][2].lower() in ("of", "in", "on", "off", "near"):
                return True
    return i >= 0 and before[i][2].lower() in words


def _tense_of(aux: list[str]) -> str:
    """The tense the auxiliaries before a past form make: perfect, past perfect, modal or past."""
    if any(a in MODALS for a in aux):
        return "modal"
    if "had" in aux:
        return "pastperfect"
    if "has" in aux or "have" in aux:
        return "perfect"
    return "past"


def _walk_back(site: _Site) -> None:
    """Walk back from the form over adverbs, auxiliaries and negations."""
    before = site.before
    i = len(before) - 1
    while i >= 0:
        w = before[i][2].lower()
        if w in NEGATIONS or w.endswith("n't"):
            site.negated = True
        elif is_adverb(before[i][2]):
            pass
        elif w in BE or w in HAVE or w in MODALS or w in DO:
            site.aux.append(w)
        else:
            break
        i -= 1
    site.i = i
    site.left = before[i][2] if i >= 0 else ""
    site.left_low = site.left.lower()


def _not_used_as_event(art: Article, trig: Trigger, site: _Site, form: str) -> bool:
    """A verb form that states no event here: a denied happening, a claim inside a noun phrase,
    hearsay, a homograph with no subject, a noun's modifier. Marks a negated statement."""
    rules, before, aux = art.rules, site.before, site.aux
    statement = trig.kind in rules.statement_kinds
    if site.negated or any(w[2].lower() in ("neither", "nor") for w in before):
        if not statement or site.both:
            return True  # "did not send troops": nothing happened
        # "did not deny", "could not confirm", "neither confirmed nor denied": a statement that
        # commits to nothing is still an event of its speaker, of kind `other`
        trig.negated = True
    if statement and not aux and len(before) >= 2 and before[-1][2].lower() in ("it", "he", "she", "they") \
            and _CONTACT_HEAD.fullmatch(before[-2][2]) and before[-2][2].lower() not in _NOT_HEADS:
        return True  # "the 11,000 soldiers it said had been sent": a claim inside a noun phrase
    if statement and (site.nxt == "to" and trig.grammar == "past" or (aux and aux[0] in BE and trig.grammar == "past")):
        return True  # "satellite pictures said to show", "it is claimed": hearsay, not a statement
    if trig.grammar in ("s", "base") and form in rules.homographs and not aux and site.nxt in ("of", "from"):
        return True  # "the NIS estimate of the dead", "reports from Kyiv": a noun with its complement
    if trig.grammar in ("s", "base") and form in rules.homographs and not aux and not site.both:
        j = len(before) - 1
        while j >= 0 and is_adverb(before[j][2]):
            j -= 1
        if j < 0 or not (before[j][2].lower() in ("it", "he", "she", "they", "who", "which", "that", "we")
                         or _actor_ends_at(art, before, j)):
            return True
    if trig.grammar == "past" and not aux and _before_its_noun(art, site):
        return True  # "the wounded troops", "both killed and permanently wounded troops": an adjective
    return aux == ["being"]  # "soldiers being killed", "coffins being flown home": a noun's modifier, no finite verb


def _before_its_noun(art: Article, site: _Site) -> bool:
    """Whether a past form with no auxiliary modifies the noun after it: a determiner or "both"
    before it (adverbs and a coordinated past form between), a plain word after it."""
    nxt = site.nxt
    if not nxt or not nxt.isalpha() or nxt in PREPOSITIONS or nxt in DETERMINERS or nxt in art.rules.forms \
            or nxt in ("and", "or", "by", "as", "to"):
        return False
    before, i = site.before, site.i
    if i >= 1 and before[i][2].lower() in ("and", "or") and before[i - 1][2].lower().endswith("ed"):
        i -= 2  # "killed and wounded troops": the first of the pair
        while i >= 0 and is_adverb(before[i][2]):
            i -= 1
    return i >= 0 and (before[i][2].lower() in DETERMINERS or before[i][2].lower() == "both")


def _mark_use(art: Article, trig: Trigger, site: _Site) -> None:
    """Coordinated ("... and praised"), parenthetical (", it said,") and planned (a cue before it)."""
    text, rules, clause = art.text, art.rules, trig.clause
    if site.left_low in ("and", "or", "but") and not site.aux:
        trig.coordinated = True
    if trig.kind in rules.statement_kinds and _parenthetical(text, clause, trig.start, trig.end):
        trig.parenthetical = True
    if rules.planned.search(text, clause.start, trig.start) and _planned_cue_before(art, clause, trig.start) \
            and not trig.parenthetical:
        trig.planned = True


def _ing_form(trig: Trigger, site: _Site) -> Trigger | None:
    """A progressive ("is sending") or a participle that opens its clause (", praising")."""
    if site.aux and site.aux[0] in BE:
        trig.tense = "progressive"
        return trig
    if trig.clause.marker == "participle" and site.before and len(site.before) <= 1:
        trig.tense = "participle"
        return trig
    if trig.clause.marker in ("after", "while", "when") and len(site.before) == 1 \
            and trig.kind not in ("announcement", "confirmation", "denial"):
        # "warned on Sunday after visiting the border": a non-finite clause of the main subject
        trig.tense = "participle"
        return trig
    if trig.clause.marker == "participle" and site.i < 0:
        trig.tense = "participle"
        return trig
    return None


def _base_form(art: Article, trig: Trigger, site: _Site) -> Trigger | None:
    """After a modal, "do" or "to" (a word of intention before it), coordinated, or with a subject."""
    if site.noun_context:
        return None
    aux = site.aux
    if aux and aux[0] in MODALS:
        trig.tense, trig.planned = "modal", trig.planned or aux[0] in ("will", "'ll", "shall", "would", "may", "might", "could")
        return trig
    if aux and aux[0] in DO:
        trig.tense = "past" if aux[0] == "did" else "present"
        return trig
    if site.left_low == "to":
        if _governed(art, trig, site):
            trig.tense, trig.planned = "infinitive", True
            return trig
        return None
    if trig.coordinated:
        trig.tense = "present"
        return trig
    left, left_low = site.left, site.left_low
    if left_low in PRONOUNS or _actor_ends_at(art, site.before, site.i) or (
        left_low.endswith("s") and left.islower() and left_low not in PREPOSITIONS
    ):
        trig.tense = "present"
        return trig
    return None


def _governed(art: Article, trig: Trigger, site: _Site) -> bool:
    """Whether the word of "to <verb>" is governed by a word of intention ("preparing to invite"),
    maybe across a named object ("expects Kim Jong Un to visit", "invited Putin to attend")."""
    before, rules = site.before, art.rules
    j = site.i - 1
    while j >= 0 and is_adverb(before[j][2]):
        j -= 1
    gov = before[j][2].lower() if j >= 0 else ""
    if gov not in rules.governors and j >= 0:
        named = [a for a in art.lexicon.actors.find(art.text, max(trig.clause.start, before[j][1] - 60), before[j][1])
                 if a.end == before[j][1] and a.kind == "alias"]
        if named:
            k = max(n for n, tok in enumerate(before) if tok[0] <= named[0].start) - 1
            if 0 <= k < len(before) and before[k][0] < named[0].start:
                gov = before[k][2].lower()
    return gov in rules.governors


def _past_form(art: Article, trig: Trigger, site: _Site) -> Trigger | None:
    """A past form: passive or perfect after an auxiliary, else a finite past or a participle."""
    aux, before, after, nxt = site.aux, site.before, site.after, site.nxt
    # "killed and wounded", "killed or captured" with no auxiliary: a count's noun phrase
    if not aux and (nxt in ("and", "or") and len(after) > 1 and after[1][2].lower().endswith("ed")
                    or site.low_prev in ("and", "or") and len(before) > 1 and before[-2][2].lower().endswith("ed")
                    and trig.kind == "casualties"):
        if trig.kind == "casualties":
            return None
    first = aux[0] if aux else None
    if first == "be" and site.left_low != "to" and not any(a in MODALS for a in aux):
        return None  # "rather than be captured": a bare infinitive with no modal asserts nothing
    if first == "be" and site.left_low == "to":
        # "believed to be buried", "said to be held": a passive infinitive asserts nothing
        # unless a word of intention governs it ("expected to be signed": planned)
        if not _governed(art, trig, site):
            return None
        trig.voice, trig.tense, trig.planned = "passive", "infinitive", True
        return trig
    if first in BE:
        trig.voice = "passive"
        if "had" in aux:
            trig.tense = "pastperfect"
        elif "has" in aux or "have" in aux:
            trig.tense = "perfect"
        elif any(a in MODALS for a in aux):
            trig.tense = "modal"
        elif first in ("is", "are", "am", "'s"):
            trig.tense = "present"
        else:
            trig.tense = "past"
        return trig
    if first in HAVE:
        trig.tense = "pastperfect" if first == "had" else "perfect"
        if any(a in MODALS for a in aux):
            trig.tense = "modal"
        return trig
    if first in MODALS:
        return None  # "would sent": malformed, or a participle after a modal we cannot read
    return _bare_past(art, trig, site)


def _bare_past(art: Article, trig: Trigger, site: _Site) -> Trigger | None:
    """A past form with no auxiliary but maybe "did": a finite verb, or a participle after a noun."""
    rules, before, nxt = art.rules, site.before, site.nxt
    if site.noun_context or site.low_prev in ("up", "newly", "recently"):
        return None
    if nxt == "by":
        trig.voice, trig.tense, trig.reduced = "passive", "past", True
        return trig
    if not before and trig.clause.marker is None and trig.clause.start == art.sentences[trig.clause.sentence][0] \
            and site.nxt.isalpha() and site.nxt not in PREPOSITIONS and site.nxt not in ("that", "and", "by"):
        return None  # "Confirmed deaths passed ...", "Injured people waited": an adjective
    if trig.kind in rules.statement_kinds or trig.lemma in rules.intransitive:
        return trig
    # a participle after a noun with a preposition next is a reduced relative clause
    # ("troops deployed to Russia", "a treaty signed with Moscow"), not the main verb
    # ("reinforcements sent this year": a transitive verb's object comes before a time adverbial)
    if (nxt in PREPOSITIONS or nxt in (",", ".", "") or nxt in _TIME_WORDS or nxt in rules.months) and before \
            and not _actor_ends_at(art, before, len(before) - 1) and trig.form.lower() not in rules.preterites:
        if not (site.left_low in PRONOUNS):
            return None
    if not before:
        return None
    return trig


def _parenthetical(text: str, clause: Clause, start: int, end: int) -> bool:
    """", they said, ": a pronoun and a reporting verb between commas inside the content."""
    lo = text.rfind(",", clause.start, start)
    if lo < 0 or not text[clause.start:lo].strip():
        return False
    inner = [w.lower() for _, _, w in tokens(text, lo + 1, start)]
    return len(inner) == 1 and inner[0] in PRONOUNS and text[end:end + 1] == ","


def _planned_cue_before(art: Article, clause: Clause, start: int) -> bool:
    # a cue counts only in the stretch right before the trigger (no other clause verb between)
    window = art.text[max(clause.start, start - 60):start]
    return bool(art.rules.planned.search(window))


def _ends_with_demonym(art: Article, before: list[Token]) -> bool:
    """Whether the last word of ``before`` ends a demonym ("North Korean")."""
    if not before:
        return False
    end = before[-1][1]
    return any(a.end == end and a.kind == "demonym" for a in art.lexicon.actors.find(art.text, max(0, end - 40), end))


def _actor_ends_at(art: Article, before: list[Token], i: int) -> bool:
    """Whether ``before[i]`` ends an actor's alias (a named subject)."""
    if i < 0 or i >= len(before):
        return False
    end = before[i][1]
    return any(a.end == end and a.kind == "alias" for a in art.lexicon.actors.find(art.text, max(0, end - 60), end))
