"""Triggers: the cue words of a clause that are used as events, and how each is used.

A cue form must be used as a verb (or be a cue noun): this module reads its part of speech from
the words before it, walks back over auxiliaries and adverbs to its tense, voice and
negation, and leaves out words in quotation marks, questions, conditions, hearsay, negated
happenings and ambiguous verbs without their typical object.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from toolkit.extract.events.grammar import Rules
from toolkit.extract.events.model import Clause, Span, Trigger, inside
from toolkit.extract.events.words import BE, DETERMINERS, DO, HAVE, MODALS, NEG, PREPOSITIONS, PRONOUNS, is_adverb, tokens
from toolkit.read.lexicon import Lexicon

# Clauses that do not assert that something happened: conditions, questions, indirect questions.
_UNASSERTED = frozenset({"if", "unless", "what", "how", "why", "whether", "dateline"})


_CONTACT_HEAD = re.compile(r"[a-z][a-z-]*")
_NOT_HEADS = PREPOSITIONS | DETERMINERS | BE | HAVE | MODALS | DO | NEG | frozenset(
    """and but or nor so then that which who whom when where while as because although though if once
    also now already again still just later soon even yet instead however meanwhile today yesterday
    tonight here there""".split()
)


_HEADCOUNT = re.compile(r"(?<![$€£\w.,])\d{1,3}(?:,\d{3})+(?:\s+to\s+\d{1,3}(?:,\d{3})+)?\s+(?:more\b|of\s+them\b)")
_TIME_STARTERS = frozenset(
    """this last next earlier later early late yesterday today tonight january february march april may june
    july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)


def _find_triggers(text: str, s0: int, s1: int, sid: int, clauses: list[Clause], quotes: Sequence[Span],
                   rules: Rules, lexicon: Lexicon, extra_cuts: dict[int, str]) -> list[Trigger]:
    found: list[Trigger] = []
    if text[s0:s1].rstrip(" ”\"'’)").endswith("?"):
        return found  # a question asserts nothing
    blocked = [(b.start(), b.end()) for b in rules.not_events.finditer(text, s0, s1)]
    for m in rules.pattern.finditer(text, s0, s1):
        if inside(m.start(), quotes) or any(a < m.end() and m.start() < b for a, b in blocked):
            continue
        form = re.sub(r"\s+", " ", m.group(0).lower())
        lemma, kind, pos, grammar = rules.forms[form]
        clause = next(c for c in clauses if c.start <= m.start() < c.end)
        trig = _classify(text, m.start(), m.end(), form, lemma, kind, pos, grammar, clause, rules, lexicon)
        if trig is None:
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
        if lemma in rules.requires:
            # the typical object or subject, anywhere in the clause ("sent troops", "troops moved")
            lo = clause.start
            if clause.marker in ("who", "which", "that"):
                # "the regiment, which left for Russia": the antecedent is in the clause before
                lo = max([c.start for c in clauses if c.end <= clause.start] or [clause.start])
            words = {w.lower() for _, _, w in tokens(text, lo, clause.end)}
            # a bare head count stands for people in a deployment ("could send 30,000 to 40,000
            # more", "8,000 of them have moved")
            counted = kind == "deployment" and _HEADCOUNT.search(text, lo, clause.end)
            if not words & rules.requires[lemma] and not counted:
                continue
        found.append(trig)
        # "confirmed it sent troops": the reported content starts a clause of its own
        if trig.pos == "verb" and kind in rules.statement_kinds:
            nxt = tokens(text, m.end(), min(s1, m.end() + 40))
            i = 0
            while i < len(nxt) and is_adverb(nxt[i][2]):
                i += 1
            if i < len(nxt) and nxt[i][2].lower() in PRONOUNS and nxt[i][2].lower() != "i":
                extra_cuts[nxt[i][0]] = "that"
    return found


def _prev_tokens(text: str, clause: Clause, pos: int) -> list[tuple[int, int, str]]:
    return tokens(text, clause.start, pos)


def _classify(text: str, start: int, end: int, form: str, lemma: str, kind: str, pos: str, grammar: str,
              clause: Clause, rules: Rules, lexicon: Lexicon) -> Trigger | None:
    before = _prev_tokens(text, clause, start)
    after = tokens(text, end, min(clause.end, end + 60))
    raw_prev = before[-1][2] if before else ""
    low_prev = raw_prev.lower()
    nxt = after[0][2].lower() if after else ""
    trig = Trigger(start, end, text[start:end], lemma, kind, "verb", grammar, clause.sentence, clause)
    # noun context: a determiner, possessive, preposition, number or demonym right before
    number_before = bool(re.search(r"\d", raw_prev)) and not (
        len(before) >= 2 and before[-2][2][:1].isupper() and re.fullmatch(r"\d{1,2}", raw_prev)
    )  # "1,100 killed" is a noun phrase; "April 28 confirmed" is a date before the verb
    noun_context = (
        number_before
        or low_prev in DETERMINERS
        or low_prev.endswith(("'s", "’s")) and low_prev not in ("it's", "it’s", "that's")
        or (low_prev in PREPOSITIONS and low_prev != "to")
        or _ends_with_demonym(text, before, lexicon)
        or (raw_prev.endswith("ing") and raw_prev.islower() and len(raw_prev) > 4)
        or (raw_prev.endswith("ed") and raw_prev.islower() and grammar in ("noun",))
    )
    if pos == "noun" or (pos == "both" and (noun_context or not before)):
        trig.pos, trig.grammar, trig.tense = "noun", "noun", "noun"
        return trig
    if grammar == "noun":
        return None
    # walk back over adverbs and auxiliaries
    i = len(before) - 1
    negated = False
    aux: list[str] = []
    while i >= 0:
        w = before[i][2].lower()
        if w in NEG or w.endswith("n't"):
            negated = True
        elif is_adverb(before[i][2]):
            pass
        elif w in BE or w in HAVE or w in MODALS or w in DO:
            aux.append(w)
        else:
            break
        i -= 1
    if negated or any(w[2].lower() in ("neither", "nor") for w in before):
        if kind not in rules.statement_kinds or pos == "both":
            return None  # "did not send troops": nothing happened
        # "did not deny", "could not confirm", "neither confirmed nor denied": a statement that
        # commits to nothing is still an event of its speaker, of kind `other`
        trig.negated = True
    if kind in rules.statement_kinds and not aux and len(before) >= 2 and before[-1][2].lower() in ("it", "he", "she", "they") \
            and _CONTACT_HEAD.fullmatch(before[-2][2]) and before[-2][2].lower() not in _NOT_HEADS:
        return None  # "the 11,000 soldiers it said had been sent": a claim inside a noun phrase
    if kind in rules.statement_kinds and (nxt == "to" and grammar == "past" or (aux and aux[0] in BE and grammar == "past")):
        return None  # "satellite pictures said to show", "it is claimed": hearsay, not a statement
    if grammar in ("s", "base") and form in rules.homographs and not aux and pos != "both":
        j = len(before) - 1
        while j >= 0 and is_adverb(before[j][2]):
            j -= 1
        if j < 0 or not (before[j][2].lower() in ("it", "he", "she", "they", "who", "which", "that", "we")
                         or _actor_ends_at(text, before, j, lexicon)):
            return None
    left = before[i][2] if i >= 0 else ""
    left_low = left.lower()
    if left_low in ("and", "or", "but") and not aux:
        trig.coordinated = True
    if kind in rules.statement_kinds and _parenthetical(text, clause, start, end):
        trig.parenthetical = True
    if aux == ["being"]:
        return None  # "soldiers being killed", "coffins being flown home": a noun's modifier, no finite verb
    if rules.planned.search(text, clause.start, start) and _planned_cue_before(text, clause, start, rules) \
            and not trig.parenthetical:
        trig.planned = True
    if grammar == "ing":
        if aux and aux[0] in BE:
            trig.tense = "progressive"
            return trig
        if clause.marker == "participle" and before and all(t[2] == "," for t in before[:0]) and len(before) <= 1:
            trig.tense = "participle"
            return trig
        if clause.marker == "participle" and i < 0:
            trig.tense = "participle"
            return trig
        return None
    if grammar == "base":
        if noun_context:
            return None
        if aux and aux[0] in MODALS:
            trig.tense, trig.planned = "modal", trig.planned or aux[0] in ("will", "'ll", "shall", "would", "may", "might", "could")
            return trig
        if aux and aux[0] in DO:
            trig.tense = "past" if aux[0] == "did" else "present"
            return trig
        if left_low == "to":
            gov = before[i - 1][2].lower() if i >= 1 else ""
            j = i - 1
            while j >= 0 and is_adverb(before[j][2]):
                j -= 1
            gov = before[j][2].lower() if j >= 0 else ""
            if gov not in rules.governors and j >= 0:
                # "expects Kim Jong Un to visit", "invited Putin to attend": a named object between
                named = [a for a in lexicon.actors.find(text, max(clause.start, before[j][1] - 60), before[j][1])
                         if a.end == before[j][1] and a.kind == "alias"]
                if named:
                    k = max(n for n, tok in enumerate(before) if tok[0] <= named[0].start) - 1
                    if 0 <= k < len(before) and before[k][0] < named[0].start:
                        gov = before[k][2].lower()
            if gov in rules.governors:
                trig.tense, trig.planned = "infinitive", True
                return trig
            return None
        if trig.coordinated:
            trig.tense = "present"
            return trig
        if left_low in PRONOUNS or _actor_ends_at(text, before, i, lexicon) or (
            left_low.endswith("s") and left.islower() and left_low not in PREPOSITIONS
        ):
            trig.tense = "present"
            return trig
        return None
    if grammar == "s":
        if noun_context:
            return None
        trig.tense = "present"
        return trig
    # "killed and wounded", "killed or captured" with no auxiliary: a count's noun phrase
    if not aux and (nxt in ("and", "or") and len(after) > 1 and after[1][2].lower().endswith("ed")
                    or low_prev in ("and", "or") and len(before) > 1 and before[-2][2].lower().endswith("ed")
                    and kind == "casualties"):
        if kind == "casualties":
            return None
    # past forms
    if aux:
        first = aux[0]
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
    if noun_context or low_prev in ("up", "newly", "recently"):
        return None
    if nxt == "by":
        trig.voice, trig.tense, trig.reduced = "passive", "past", True
        return trig
    if kind in rules.statement_kinds or lemma in rules.intransitive:
        return trig
    # a participle after a noun with a preposition next is a reduced relative clause
    # ("troops deployed to Russia", "a treaty signed with Moscow"), not the main verb
    # ("reinforcements sent this year": a transitive verb's object comes before a time adverbial)
    if (nxt in PREPOSITIONS or nxt in (",", ".", "") or nxt in _TIME_STARTERS) and before \
            and not _actor_ends_at(text, before, len(before) - 1, lexicon):
        if not (left_low in PRONOUNS):
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


def _planned_cue_before(text: str, clause: Clause, start: int, rules: Rules) -> bool:
    # a cue counts only in the stretch right before the trigger (no other clause verb between)
    window = text[max(clause.start, start - 60):start]
    return bool(rules.planned.search(window))


def _ends_with_demonym(text: str, before: list[tuple[int, int, str]], lexicon: Lexicon) -> bool:
    if not before:
        return False
    end = before[-1][1]
    return any(a.end == end and a.kind == "demonym" for a in lexicon.actors.find(text, max(0, end - 40), end))


def _actor_ends_at(text: str, before: list[tuple[int, int, str]], i: int, lexicon: Lexicon) -> bool:
    if i < 0 or i >= len(before):
        return False
    end = before[i][1]
    return any(a.end == end and a.kind == "alias" for a in lexicon.actors.find(text, max(0, end - 60), end))
