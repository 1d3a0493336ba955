"""Actors: who did or said it.

The subject left of a verb (coordinated subjects give the first one named), the agent after "by"
of a passive, the patient's state of an agentless deployment or casualty, a noun's possessor,
and what a pronoun, an anaphor ("the agency"), a relative pronoun, a coordinated verb or a
participle points back to.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from toolkit.extract.attribution import find_attribution, find_attributions
from toolkit.extract.sources import possessed
from toolkit.extract.english import BE, DO, HAVE, MODALS, NEGATIONS
from toolkit.extract.events.grammar import Rules
from toolkit.extract.events.model import Article, Clause, Trigger
from toolkit.extract.events.referents import (head_follows as _head_follows, origin_state, owner_of_head_before,
                                              plural_people, possessive_pronoun_owner, source_of_reported)
from toolkit.extract.events.speakers import agent_phrase, continued_speaker, subject_phrase
from toolkit.extract.events.words import DETERMINERS, PRONOUNS, is_adverb, tokens
from toolkit.read.lexicon import ActorMention, Lexicon

_SPACES = re.compile(r"\s+")  # a run of white space, read as one space


def _candidates(art: Article, lo: int, hi: int) -> list[ActorMention]:
    """Actor mentions in text[lo:hi] that can head a subject."""
    text, rules = art.text, art.rules
    out: list[ActorMention] = []
    mentions = art.lexicon.actors.find(text, lo, hi)
    for k, a in enumerate(mentions):
        rest = text[a.end:hi]
        if a.kind == "demonym":
            if not re.match(r"\s+(?:[\w-]+\s+){0,2}?", rest) or not _head_follows(rest, rules, 2):
                continue
        if re.match(r"['’]s\b", rest):
            nxt = mentions[k + 1] if k + 1 < len(mentions) else None
            if nxt is not None and nxt.start - a.end < 30 and not _after_preposition(text, a.end, nxt.start) \
                    and not _head_follows(text[nxt.end:hi], rules, 0):
                continue  # "North Korea's KCNA": the later alias names the actor (not in "North
                # Korea's mission at the UN", nor "North Korea's UN mission": there the possessor does)
            if not _head_follows(rest[2:], rules, 3):
                continue  # "Russia's key allies": the possessor is not the subject
        if _other_name(art, a):
            continue  # "Kim" in "Kim Yong-hyun": another person's name, not the alias's owner
        if re.search(r"\baccording\s+to\b[^,;]*$", text[lo:a.start], re.IGNORECASE):
            continue  # "According to North Korea's KCNA, soldiers ...": the source, not the subject
        if k > 0 and re.fullmatch(r"['’]s\s+", text[mentions[k - 1].end:a.start]) and _head_follows(rest, rules, 0):
            continue  # "UN" in "North Korea's UN mission": a modifier of the possessor's head
        if _after_named_possessor(text[max(lo, a.start - 30):a.start]) and \
                not any(m.end <= a.start and re.fullmatch(r"['’]s\s+", text[m.end:a.start]) for m in mentions[:k]):
            continue  # "the ICRC's Israel and Occupied Territories branch": part of the possessor's unit
        prev = text[max(lo, a.start - 12):a.start].lower().split()
        if prev and prev[-1] in ("by",) or (len(prev) >= 2 and prev[-2] == "by" and prev[-1] in DETERMINERS):
            continue  # the agent of a participle inside the subject ("reported by Yonhap")
        out.append(a)
    return out


def _after_named_possessor(before: str) -> bool:
    """Whether ``before`` ends with a capitalised name's possessive and a space ("the ICRC's ")."""
    if not before[-1:].isspace():
        return False
    stem = before.rstrip()
    if not stem.endswith(("'s", "’s")):
        return False
    words = stem[:-2].split()
    return bool(words) and words[-1][:1].isupper()


def _after_preposition(text: str, lo: int, pos: int) -> bool:
    """Whether ``text[lo:pos]`` ends with a preposition (and maybe a determiner)."""
    return bool(re.search(r"\b(?:of|from|in|at|with|to|for|by|on|into|against|than)\s+(?:(?:the|a|an|its|their|his|her)\s+)?$",
                          text[lo:pos], re.IGNORECASE))


def _pick_subject(art: Article, lo: int, hi: int) -> ActorMention | None:
    """The subject in ``text[lo:hi]``: its last actor mention that is not a preposition's object."""
    text = art.text
    cands = _candidates(art, lo, hi)
    if not cands:
        return None
    # a mention inside "of X"/"from X" modifies an earlier head ("the Commission of North Korea")
    primary = [a for a in cands if not _after_preposition(text, lo, a.start)]
    for pick in reversed(primary):
        head = _coordination_head(text, cands, pick)
        # "talks between Putin and Kim": a coordination opened after a preposition is its object
        if head is pick or not _after_preposition(text, lo, head.start):
            return head
    return cands[-1]


def _other_name(art: Article, a: ActorMention) -> bool:
    """A one-word alias that another capitalised name part follows ("Kim" in "Kim Yong-hyun")."""
    text = art.text
    return a.kind == "alias" and " " not in text[a.start:a.end].strip() and bool(art.rules.name_goes_on.match(text, a.end))


_COORDINATOR = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)$")


def _coordination_head(text: str, cands: list[ActorMention], pick: ActorMention) -> ActorMention:
    """The first of coordinated actors ("Kim and Putin signed", "Seoul, Tokyo and Washington
    said"): a coordinated subject is one event, and its actor is the first one named (issue 5:
    the table has one actor column; the first named is the one the sentence leads with)."""
    head, joined = pick, False
    for a in reversed([c for c in cands if c.end <= pick.start]):
        between = text[a.end:head.start]
        m = _COORDINATOR.fullmatch(between)
        # a bare comma joins only inside a list already closed by "and" ("Seoul, Tokyo and
        # Washington"); alone it is an apposition ("the NIS, Seoul's spy agency,")
        if m and ("and" in between or "&" in between or joined) and not re.match(r"['’]s\b", text[a.end:a.end + 2]):
            head, joined = a, True
        else:
            break
    return head


def _subject_lo(clause: Clause, trig: Trigger, triggers: list[Trigger], cue_ends: Sequence[int] = ()) -> int:
    """Where the subject of a verb can start: the clause start, or past an earlier verb or a
    reporting verb in the clause ("the NIS estimates [an additional 3,000] were deployed")."""
    lo = clause.start
    for t in triggers:
        if t.clause is clause and t.pos == "verb" and t.end <= trig.start and t is not trig:
            lo = max(lo, t.end)
    for end in cue_ends:
        if clause.start <= end <= trig.start:
            lo = max(lo, end)
    return lo


def _noun_actor(art: Article, trig: Trigger) -> str | None:
    """A cue noun's actor: its possessor or demonym, the actor after "from"/"by"/"of", or the
    clause's subject."""
    text, lexicon = art.text, art.lexicon
    window_lo = max(trig.clause.start, trig.start - 60)
    owner = noun_owner(art, trig)
    if owner:
        return owner
    # "a suspected jihadist attack": the doers the modifier names
    if trig.kind not in art.rules.statement_kinds:
        members = _member_modifier(art, window_lo, trig.start)
        if members:
            return members
    # "a statement from the Kremlin", "the visit by Putin"; the agent may follow the noun's
    # object ("the signing of the treaty by Putin and Kim", "the capture of the town by Russian
    # forces")
    for after in (_OF_OBJECT_THEN_BY.match(text, trig.end, trig.clause.end),
                  _NOUN_PREPOSITION.match(text, trig.end, trig.clause.end)):
        if after is None:
            continue
        lo = after.end()
        hits = lexicon.actors.find(text, lo, min(trig.clause.end, lo + 50))
        if hits and hits[0].start - lo < 12:
            return hits[0].name
        if after["p"].lower() == "by":
            named = agent_phrase(art, lo, min(trig.clause.end, lo + 60))
            if named:
                return named  # "an attack by the Palestinian group Hamas"
    # otherwise the subject of the clause ("Putin and Kim hold up ... during an agreement ceremony")
    subject = _pick_subject(art, trig.clause.start, trig.start)
    return subject.name if subject else None


#: an event noun's "of" object, then its "by" agent: "of the treaty by", "of 33 prisoners by"
_OF_OBJECT_THEN_BY = re.compile(r"\s+of\s+(?:[\w'’-]+\s+){1,5}?(?P<p>by)\s+", re.IGNORECASE)
#: the preposition right after an event noun that leads to its actor
_NOUN_PREPOSITION = re.compile(r"\s+(?P<p>from|by|of)\s+")


def noun_owner(art: Article, trig: Trigger) -> str | None:
    """The actor a cue noun's possessor or demonym names: "North Korea's announcement",
    "Pyongyang's first public acknowledgment", "a Russian statement", "Israeli occupation forces
    aggression"; None when no owner modifies it."""
    text, lexicon = art.text, art.lexicon
    window_lo = max(trig.clause.start, trig.start - 60)
    m = re.search(r"(['’]s)\s+(?:[\w-]+\s+){0,3}$", text[window_lo:trig.start])
    if m:
        owner_end = window_lo + m.start()
        hits = [a for a in lexicon.actors.find(text, window_lo, owner_end) if a.end == owner_end]
        if hits:
            return hits[-1].name
    hits = [a for a in lexicon.actors.find(text, window_lo, trig.start) if a.kind == "demonym"
            and (not text[a.end:trig.start].strip(" -") or _head_ends(art, text[a.end:trig.start]))]
    return hits[-1].name if hits else None


def _member_modifier(art: Article, lo: int, noun_start: int) -> str | None:
    """"a suspected jihadist attack", "militant raids": a member noun used as the modifier of
    an event noun names its doers, in the plural ("jihadists"), as "an attack by jihadists" does."""
    words = tokens(art.text, lo, noun_start)
    if not words or words[-1][1] != len(art.text[:noun_start].rstrip()):
        return None
    word = words[-1][2].lower()
    members = art.rules.member_heads
    if word in members and word + "s" in members:
        return word + "s"
    return None


def _head_ends(art: Article, between: str) -> bool:
    """Whether ``between`` (a demonym's words up to an event noun) is at most two words and an
    actor head ("occupation forces", "armed forces'")."""
    words = between.strip().rstrip("'’").split()
    m = art.rules.heads.search(" ".join(words))
    return 0 < len(words) <= 3 and m is not None and m.end() == len(" ".join(words))


def _agent(art: Article, trig: Trigger, hi: int) -> str | None:
    """The agent after "by" of a passive verb, a few words on (the search stops at ``hi``)."""
    text = art.text
    # the agent may sit past a closing quote ('deployed "by the order" of leader Kim'), so the
    # search runs to the sentence end, but only a few words past "by"
    m = re.search(r"\bby\b", text[trig.end:hi])
    if not m or m.start() > 40 or re.search(r"[;.]|\b(?:and|but|while|when|after)\b", text[trig.end:trig.end + m.start()]):
        return None
    lo = trig.end + m.end()
    hits = art.lexicon.actors.find(text, lo, min(hi, lo + 50))
    for a in hits:
        if a.kind == "alias" or a.kind == "demonym":
            return a.name
    phrase = agent_phrase(art, lo, min(hi, lo + 60))  # "by suspected jihadists", "by Hamas terrorists"
    return _group_of_members(art, phrase, lo, hi) or phrase


# "of"/"from" and the group a name of members belongs to, a run of capitalised words (with
# the small words a group's name may hold: "Group for the Support of Islam and Muslims")
_GROUP = re.compile(r"\s+(?:from|of)\s+(?:the\s+)?((?:[A-Z][\w'’-]*)(?:\s+(?:[A-Z][\w'’-]*|for|of|the|and|in))*)")


def _group_of_subject(art: Article, lo: int, hi: int) -> str | None:
    """"About 150 suspected Boko Haram terrorists armed with rifles attacked": members after a
    group's capitalised name, as the subject (a participle phrase may follow them), stand for
    the group, whatever count or hedge comes before."""
    toks = tokens(art.text, lo, hi)
    j = next((j for j in range(len(toks) - 1, -1, -1) if toks[j][2].lower() in art.rules.member_heads), None)
    if j is None or j + 1 < len(toks) and not toks[j + 1][2].lower().endswith("ed"):
        return None
    i = j
    while i > 0 and toks[i - 1][2][:1].isupper() and toks[i - 1][2].isalpha():
        i -= 1
    if j - i == 1 and _starts_sentence(art, toks[i][0]):
        return None  # "Suspected jihadists attacked": one capitalised word opening the sentence is no name
    return " ".join(w for _, _, w in toks[i:j]) or None


def _starts_sentence(art: Article, pos: int) -> bool:
    """Whether only quotation marks and white space stand before ``pos`` in its line or sentence."""
    before = art.text[max(0, pos - 40):pos]
    return not before.strip(" \n“\"‘'") or before.rstrip(" “\"‘'")[-1:] in ".!?\n"


def _group_of_members(art: Article, phrase: str | None, lo: int, hi: int) -> str | None:
    """"by jihadists from the Group for ...", "by fighters of the Islamic State": members named
    by the group they belong to stand for it."""
    if not phrase or phrase.split()[-1].lower() not in art.rules.member_heads:
        return None
    at = art.text.find(phrase.split()[-1], lo, hi)
    m = _GROUP.match(art.text, at + len(phrase.split()[-1]), hi) if at >= 0 else None
    if m is None:
        return None
    words = m.group(1).split()
    while words and not words[-1][0].isupper():
        words.pop()  # "... of Islam and" -> ends at a name's word
    hits = [a for a in art.lexicon.actors.find(art.text, m.start(1), m.end(1)) if a.kind == "alias"]
    return hits[0].name if hits else " ".join(words) or None


def assign_actors(art: Article) -> None:
    """The second pass: ``actor`` and ``explicit`` of every trigger, in text order (a pronoun or
    a coordinated verb reads the actors found before it)."""
    cue_cache: dict[int, list[int]] = {}
    # triggers come sentence by sentence, so their sentence numbers never decrease: the
    # triggers of the last few sentences are a slice found by bisection, not a scan
    sentence_of = [u.sentence for u in art.triggers]
    for k, t in enumerate(art.triggers):
        s0, s1 = art.sentences[t.sentence]
        if t.sentence not in cue_cache:
            cue_cache[t.sentence] = [c.end for c in find_attributions(art.text, (s0, s1), lexicon=art.lexicon)
                                     if c.kind == "verb"]
        cue_ends = [e for e in cue_cache[t.sentence] if e <= t.start and not (t.start <= e <= t.end)]
        if t.pos == "noun":
            actor = _noun_actor(art, t)
            t.actor, t.explicit = actor, actor is not None
        elif t.voice == "passive":
            t.actor, t.explicit = _passive_actor(art, k, cue_ends, sentence_of)
        else:
            t.actor, t.explicit = _active_actor(art, k, cue_ends, sentence_of)


def _in_attack_by(art: Article, t: Trigger) -> str | None:
    """"killed in Israeli strikes on Gaza", "wounded in an attack by the group Hamas": deaths
    that are an attack's take the attacker its noun names, by demonym or after "by"."""
    text, rules = art.text, art.rules
    if t.kind != "attack" or t.lemma not in rules.object_kinds:
        return None
    for m in rules.pattern.finditer(text, t.end, min(t.clause.end, t.end + 40)):
        lemma, kind, pos, _ = rules.forms.get(_SPACES.sub(" ", m.group(0).lower()), ("", "", "", ""))
        if kind != "attack" or pos == "verb":
            continue
        demonyms = [a for a in art.lexicon.actors.find(text, max(t.end, m.start() - 30), m.start())
                    if a.kind == "demonym" and not text[a.end:m.start()].strip(" -")]
        if demonyms:
            return demonyms[-1].name
        members = _member_modifier(art, t.end, m.start())
        if members:
            return members
        by = re.match(r"\s+by\s+", text[m.end():t.clause.end])
        return _agent(art, Trigger(m.start(), m.end(), m.group(0), lemma, kind, "noun", "noun", t.sentence,
                                   t.clause), t.clause.end) if by else None
    return None


def _custodian(art: Article, t: Trigger) -> str | None:
    """"were released from Russian captivity", "freed on Friday from three Israeli prisons": who
    held them is who let them go, the state of the captivity's demonym or possessor after "from"."""
    text, rules = art.text, art.rules
    m = re.search(r"\bfrom\s+", text[t.end:t.clause.end])
    if not rules.custody_words or not m or m.start() > 40:
        return None
    lo = t.end + m.end()
    words = tokens(text, lo, min(t.clause.end, lo + 60))[:4]
    place = next((k for k, w in enumerate(words) if w[2].lower() in rules.custody_words), None)
    if place is None:
        return None
    owners = [a for a in art.lexicon.actors.find(text, lo, words[place][0]) if a.kind == "demonym"
              or text.startswith(("'s", "’s"), a.end)]
    return owners[-1].name if owners else None


def _passive_actor(art: Article, k: int, cue_ends: Sequence[int], sentence_of: list[int]) -> tuple[str | None, bool]:
    """The agent after "by"; without one, a deployment's or casualty's patient state or the actor
    of the same kind of event just before. True when the agent is named."""
    t = art.triggers[k]
    actor = _agent(art, t, art.sentences[t.sentence][1]) or _in_attack_by(art, t) or _custodian(art, t)
    explicit = actor is not None
    if actor is not None and t.kind in art.rules.statement_kinds and art.lexicon.actors.type_of(actor) in (None, "media"):
        # "a Ukrainian intelligence assessment reported by the Financial Times": the outlet
        # carries the statement of the source whose assessment it is
        actor = source_of_reported(art, t) or actor
    if actor is None and t.kind in art.rules.patient_kinds:
        lo = _subject_lo(t.clause, t, art.by_clause[id(t.clause)], cue_ends)
        subject = _patient_state(art, lo, t.start) or (origin_state(art, t) if t.kind == "deployment" else None)
        if subject is not None:
            actor = subject
        else:
            # "an additional 3,000 were deployed": the sender of the deployment before
            for j in range(k - 1, bisect.bisect_left(sentence_of, t.sentence - 2) - 1, -1):
                prev = art.triggers[j]
                if prev.kind == t.kind and prev.actor and t.sentence - prev.sentence <= 2:
                    actor = prev.actor
                    break
    return actor, explicit


def _active_actor(art: Article, k: int, cue_ends: Sequence[int], sentence_of: list[int]) -> tuple[str | None, bool]:
    """The subject of an active verb, or what a pronoun, a relative pronoun, an anaphor, a
    coordinated verb or a participle points back to. True when the subject is named."""
    text, t = art.text, art.triggers[k]
    s0 = art.sentences[t.sentence][0]
    lo = _subject_lo(t.clause, t, art.by_clause[id(t.clause)], cue_ends)
    subject = _pick_subject(art, lo, t.start)
    words = [w for _, _, w in tokens(text, lo, t.start)
             if not (is_adverb(w) or w.lower() in BE | HAVE | MODALS | DO | NEGATIONS | {"that", ",", "to"})
             and not (t.tense == "infinitive" and w.lower() in art.rules.governors)]  # "which is expected to clear"
    subject_text = " ".join(words).lower()
    last_word = words[-1].lower() if words else ""
    if t.clause.marker in ("who", "which") and _RELATIVE_CLOSED.match(text, t.clause.start, t.start):
        return _antecedent(art, t, s0), True  # "Jon Pak, who met them in Kyiv, said": the main verb
    owned = possessive_pronoun_owner(art, t, lo) if t.pos == "verb" else None
    if owned is not None:
        return owned, False  # "its General Staff said"
    if subject is not None and last_word in PRONOUNS and _after_preposition(text, lo, subject.start):
        # "after talks with South Korean ministers, he said": the pronoun is the subject
        return _resolve_pronoun(art, t, _recent(art.triggers, sentence_of, k), last_word), False
    voted = [a for a, _, w in tokens(text, lo, t.start) if w.lower() in art.rules.requires.get(t.lemma, ())]
    if t.kind == "agreement" and t.lemma in art.rules.intransitive and not t.coordinated and voted \
            and (subject is None or voted[0] < subject.start):
        # "The bill to support Israel passed", "a package for Ukraine passed": what is voted on
        # is the subject; the body that voted is its object ("the bill passed the Senate"), else
        # the one that voted just before
        chamber = [a for a in art.lexicon.actors.find(text, t.end, min(t.clause.end, t.end + 30))
                   if a.kind == "alias" and text[t.end:a.start].strip().lower() in ("", "the")]
        return (chamber[0].name if chamber else _same_kind_before(art, k, sentence_of)), bool(chamber)
    if subject is not None and not t.coordinated:
        # "Ukraine's Deputy Defence Minister Jane Roe wrote": the person the possessive introduces
        speaker = possessed(text, subject, t.start, art.lexicon) if t.kind in art.rules.statement_kinds else None
        named = speaker is not None and not speaker.startswith(text[subject.start:subject.end])  # a name, not an office
        return speaker if named else subject.name, True
    if t.coordinated or t.tense == "participle" or (t.tense == "infinitive" and not words):
        return _previous_subject(art, k), False
    if last_word in ("who", "which") or (not words and t.clause.marker in ("who", "which")):
        # "Umerov, who met both prisoners": the antecedent (a statement's only if the lexicon's)
        return _antecedent(art, t, s0, named=t.kind not in art.rules.statement_kinds), False
    statement = t.kind in art.rules.statement_kinds and t.pos == "verb"
    if last_word in PRONOUNS or _is_anaphor(subject_text, art.lexicon):
        earlier = _recent(art.triggers, sentence_of, k)
        anaphor = statement and last_word not in PRONOUNS
        # "The ministry said": an earlier speaker with that head noun, else what the anaphor
        # resolves to, else the phrase itself
        actor = (continued_speaker(art, t, earlier, subject_text) if anaphor else None) \
            or _resolve_pronoun(art, t, earlier, last_word)
        if actor is None and anaphor:
            actor = subject_phrase(art, lo, t.start)
        return actor, False
    patients = art.rules.requires.get(t.lemma, frozenset())
    if t.pos == "verb" and not t.coordinated and (t.kind not in art.rules.patient_kinds
                                                  or t.kind == "deployment" and patients):
        # a speaker or doer the lexicon does not name ("the Polish border guard said"), if a
        # person or a body; troops that move or die are a deployment's or a toll's patients,
        # not who sent them, and a verb's typical patient as its subject ("the dam collapsed",
        # "troops moved") is none either ("authorities mobilized 9,000 people" names one)
        named = (None if statement else _group_of_subject(art, lo, t.start)) or subject_phrase(art, lo, t.start) \
            or (None if statement else _before_long_apposition(art, lo, t.start))
        named = owner_of_head_before(art, t, named) if named and not statement else named  # "Special forces"
        if named and not statement and named.lower().split()[-1] in patients \
                and (t.lemma in art.rules.intransitive or t.kind == "deployment"):
            named = None
        if named and statement and ("the " + named.lower()) in text[lo:t.start].lower():
            # "the border guard wrote": a definite description of a speaker named before
            wider = art.triggers[bisect.bisect_left(sentence_of, t.sentence - 3):k]
            named = continued_speaker(art, t, wider, named) or named
        low = [w.lower() for w in words]
        if named is None and not statement and "the" in low:
            # the definite noun phrase right before the verb ("On Friday, the grouping of forces")
            sub = words[len(low) - 1 - low[::-1].index("the"):]
            sub_low = [w.lower() for w in sub]
            if len(sub) > 1 and not any(w in (",", ";") for w in sub):
                named = _definite_owner(art, t, sub[sub_low.index("of") - 1] if "of" in sub_low[1:] else sub[-1])
        if named is None and t.lemma in art.rules.intransitive and t.kind == "agreement":
            # "The $26.4 billion bill passed with a 366-58 vote": the body that voted just before
            named = _same_kind_before(art, k, sentence_of)
        return named, False
    return None, False


def _definite_owner(art: Article, t: Trigger, head: str) -> str | None:
    """"the western grouping of forces took control of ...": a definite subject whose head an
    earlier sentence gave an owner ("Russia's western and central groupings of forces") is
    that owner's."""
    text = art.text
    head = head.lower().rstrip("s")
    if len(head) < 4:
        return None
    lo = art.sentences[max(0, t.sentence - 3)][0]
    hi = art.sentences[t.sentence][0]
    for a in reversed(art.lexicon.actors.find(text, lo, hi)):
        after = text[a.end:min(hi, a.end + 60)]
        owner = a.kind == "demonym" or after.startswith(("'s", "’s"))
        if owner and re.match(rf"(?:['’]s)?(?:\s+[\w-]+){{0,4}}?\s+{re.escape(head)}s?\b", after, re.IGNORECASE):
            return a.name
    return None


def _before_long_apposition(art: Article, lo: int, hi: int) -> str | None:
    """"Xia Baolong, secretary of the provincial committee of the party, arrived": a name, then
    an apposition of any length between two commas (or a participle phrase), then the verb; the
    name is the subject."""
    stretch = art.text[lo:hi]
    parts = re.split(r"[,;:]", stretch)
    if len(parts) == 3 and parts[0].strip() and parts[1].strip() and not parts[2].strip():
        return subject_phrase(art, lo, lo + len(parts[0].rstrip()))
    # "Boko Haram terrorists armed with rifles attacked": a participle phrase after the subject
    lo = max(lo, art.text.rfind(",", lo, hi) + 1)
    toks = tokens(art.text, lo, hi)
    for n in range(1, len(toks) - 1):
        word, nxt = toks[n][2], toks[n + 1][2].lower()
        if word.islower() and word.endswith("ed") and nxt in ("with", "by", "in", "from", "on") \
                and not re.search(r"[,;:]", art.text[toks[n][0]:hi]):
            return subject_phrase(art, lo, toks[n][0])
    return None


def _same_kind_before(art: Article, k: int, sentence_of: list[int]) -> str | None:
    """The actor of the last verb of the same kind within three sentences before the k-th (a
    noun's actor is only its clause's nearest name)."""
    t = art.triggers[k]
    for j in range(k - 1, bisect.bisect_left(sentence_of, t.sentence - 3) - 1, -1):
        prev = art.triggers[j]
        if prev.kind == t.kind and prev.actor and prev.pos == "verb":
            return prev.actor
    return None


def _recent(triggers: list[Trigger], sentence_of: list[int], k: int) -> list[Trigger]:
    """The triggers before the k-th in its sentence and the two before it: all that
    :func:`_resolve_pronoun` looks at (it stops two sentences back)."""
    return triggers[bisect.bisect_left(sentence_of, triggers[k].sentence - 2):k]


def _patient_state(art: Article, lo: int, hi: int) -> str | None:
    """The actor of a passive deployment or casualty with no agent: the patient's own state."""
    text, rules = art.text, art.rules
    for a in art.lexicon.actors.find(text, lo, hi):
        if re.search(r"\baccording\s+to\b[^,;]*$", text[lo:a.start], re.IGNORECASE):
            continue
        if a.kind == "demonym" and not _head_follows(text[a.end:hi], rules, 2):
            continue
        if a.kind == "alias" and _after_preposition(text, lo, a.start):
            continue  # "fighting for Russia": a place or a side, not the troops' state
        return a.name
    return None


def _is_anaphor(subject: str, lexicon: Lexicon) -> bool:
    """Whether a subject is an anaphor of ``reporting.yaml`` ("the agency", "the ministry")."""
    subject = _SPACES.sub(" ", subject.strip())
    forms = {str(f).lower() for f in lexicon.reporting.get("anaphors", []) or []}
    return subject in forms or any(subject.endswith(" " + f) and f.startswith("the ") for f in forms)


def _previous_subject(art: Article, k: int) -> str | None:
    """The subject a coordinated verb or a participle shares: the actor of a trigger before it in
    its sentence (of the same sort, statement or happening, first), else the clause's first one."""
    text, rules, triggers = art.text, art.rules, art.triggers
    t = triggers[k]
    first = k  # the sentence's first trigger: triggers come sentence by sentence
    while first > 0 and triggers[first - 1].sentence == t.sentence:
        first -= 1
    same = [p for p in triggers[first:k] if p.actor]
    statement = t.kind in rules.statement_kinds
    for group in ([p for p in same if (p.kind in rules.statement_kinds) == statement], same):
        for prev in reversed(group):
            if prev.pos == "verb" or t.tense == "participle":
                return prev.actor
    # no verb before it: the subject that opens the clause or the sentence ("Kim described ...
    # and announced ...")
    lo = t.clause.start if t.clause.marker not in ("participle",) else art.sentences[t.sentence][0]
    cands = _candidates(art, lo, t.start)
    primary = [a for a in cands if not _after_preposition(text, lo, a.start)]
    return primary[0].name if primary else None


def _resolve_pronoun(art: Article, t: Trigger, earlier: list[Trigger], pronoun: str) -> str | None:
    """What a pronoun or an anaphor subject stands for: the speaker an attribution carries on, the
    last actor of a fitting type among the triggers ``earlier``, else the last fitting name."""
    text, lexicon, spans = art.text, art.lexicon, art.sentences
    s0, s1 = spans[t.sentence]
    if t.kind in ("announcement", "confirmation", "denial"):
        prev = spans[t.sentence - 1] if t.sentence > 0 else None
        att = find_attribution(text, (s0, s1), lexicon=lexicon, at=t.start, previous=prev)
        if att is not None and att.carried and att.claimant and att.start == t.start:
            return att.claimant
    want = {"he": ("person", "military"), "it": ("state", "agency", "media", "military")}.get(
        PRONOUNS.get(pronoun, "it"), None
    )
    if t.kind in ("announcement", "confirmation", "denial"):
        # "It said ...": a pronoun that speaks continues the last speaker of its type
        for prev in reversed(earlier):
            if t.sentence - prev.sentence > 2:
                break
            if prev.kind in ("announcement", "confirmation", "denial") and prev.actor and (
                    want is None or lexicon.actors.type_of(prev.actor) in want):
                return prev.actor
        # "Pentagon spokesman Pat Ryder said ... He said ...": the speaker just before speaks
        # for an institution whose person the lexicon does not name
        for prev in reversed(earlier):
            if t.sentence - prev.sentence > 1:
                break
            if prev.kind in ("announcement", "confirmation", "denial") and prev.actor and prev.sentence < t.sentence:
                return prev.actor
    if PRONOUNS.get(pronoun) == "they" and t.kind not in art.rules.statement_kinds:
        people = plural_people(art, spans[max(0, t.sentence - 1)][0], t.start)
        if people is not None:
            return people
    for prev in reversed(earlier):
        if t.sentence - prev.sentence > 2:
            break
        if prev.actor and (want is None or lexicon.actors.type_of(prev.actor) in want):
            return prev.actor
    lo = spans[max(0, t.sentence - 1)][0]
    for a in reversed(lexicon.actors.find(text, lo, t.start)):
        if a.kind == "alias" and (want is None or a.type in want) and not _other_name(art, a):
            return a.name
    return None


_RELATIVE_CLOSED = re.compile(r"(?:who|which)\b[^,;:()\"“”]*,\s*$", re.IGNORECASE)


def _antecedent(art: Article, t: Trigger, s0: int, named: bool = True) -> str | None:
    """What a relative clause's "who"/"which" stands for: the actor named right before it, else
    the speaker phrase that ends there ("Jon Pak, who ..."; a name the lexicon lacks) when
    ``named``."""
    text = art.text
    ante = [a for a in _candidates(art, max(s0, t.clause.start - 80), t.clause.start)
            if not text[a.end:t.clause.start].strip(" ,")]
    if ante or not named:
        return ante[-1].name if ante else None
    hi = len(text[:t.clause.start].rstrip(" ,"))
    if hi <= s0 or text[hi:t.clause.start].strip() != ",":
        return None
    named = subject_phrase(art, s0, hi)
    return named if named and named[:1].isupper() else None
