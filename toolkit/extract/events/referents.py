"""Referents: what a subject that names no actor of its own stands for (issue 14).

Helpers of :mod:`toolkit.extract.events.actors` for subjects the lexicon cannot read alone: "they"
of a happening (the people a plural demonym named), "its General Staff" (the body of the state
named before), a bare head ("Special forces", carrying on "Ukrainian forces"), a passive
deployment sent from a state, and an assessment an outlet reported (its source's).
"""

from __future__ import annotations

import re

from toolkit.extract.events.grammar import Rules
from toolkit.extract.events.model import Article, Trigger


def head_follows(rest: str, rules: Rules, max_words: int) -> bool:
    """Whether an actor head ("forces", "leadership") starts within ``max_words`` words of ``rest``."""
    words = rest.split()[: max_words + 2]
    probe = " ".join(words)
    m = rules.heads.search(probe)
    if not m:
        return False
    return len(probe[: m.start()].split()) <= max_words


def plural_people(art: Article, lo: int, hi: int) -> str | None:
    """What "they" of a happening stands for: the last people named in the plural by a demonym
    in ``text[lo:hi]`` ("confirmed that North Korean troops were in combat, saying they had
    fought": the troops, not the Pentagon; "the North Koreans ... they"). A state or an agency is
    "it", so a name of one is not what "they" did."""
    text = art.text
    for a in reversed(art.lexicon.actors.find(text, lo, hi)):
        if a.kind != "demonym":
            continue
        rest = [w.lower().strip(",.;:") for w in text[a.end:hi].split()[:2]]
        heads = [w for w in rest if art.rules.heads.fullmatch(w)]
        if a.text.lower().endswith("s") or (heads and heads[0].endswith("s") and head_follows(" ".join(rest), art.rules, 1)):
            return a.name
    return None


_POSSESSIVE_PRONOUN = re.compile(r"(?<![\w'’-])(?:its|their)\s+((?:[\w'’-]+\s+){0,3}[\w'’-]+)\s*$", re.IGNORECASE)


def possessive_pronoun_owner(art: Article, t: Trigger, lo: int) -> str | None:
    """"Kyiv disputes it: its General Staff said": a subject of "its" or "their" and an actor
    head is the body of the state or agency named last before it (in its sentence or the one
    before), by the lexicon's name for "<owner>'s <head>" when it has one ("Ukraine's General
    Staff" -> Ukrainian General Staff), else the owner itself ("its troops" of Russia)."""
    text = art.text
    m = _POSSESSIVE_PRONOUN.search(text, lo, t.start)
    if m is None or not art.rules.heads.fullmatch(m.group(1).lower()):
        return None
    s0 = art.sentences[max(0, t.sentence - 1)][0]
    owners = [a for a in art.lexicon.actors.find(text, s0, m.start())
              if a.kind == "alias" and a.type in ("state", "agency")]
    if not owners:
        return None
    # an actor head after a possessor stands for the possessor (events.yaml `actor_heads`)
    return art.lexicon.actors.normalise(f"{owners[-1].name}'s {m.group(1)}") or owners[-1].name


def owner_of_head_before(art: Article, t: Trigger, phrase: str) -> str:
    """A bare actor head as a happening's subject ("Ukrainian forces have taken two soldiers ...
    Special forces seized the men") carries on the actor a demonym gave the same head last, in
    the trigger's sentence before it or the two before that (Ukraine); else ``phrase`` itself."""
    if not art.rules.heads.fullmatch(phrase.lower()):
        return phrase
    head = phrase.split()[-1].lower()
    text = art.text
    s0 = art.sentences[max(0, t.sentence - 2)][0]
    for a in reversed(art.lexicon.actors.find(text, s0, t.clause.start if t.clause.start > s0 else t.start)):
        nxt = text[a.end:a.end + 40].split()
        if a.kind == "demonym" and nxt and nxt[0].lower().strip(",.;:") == head:
            return a.name
    return phrase


_SENDING = frozenset({"send", "ship", "dispatch", "deploy", "transfer", "transport", "airlift", "fly"})
_FROM = re.compile(r"\s+(?:\w+\s+){0,2}?from\s+(?:the\s+)?$", re.IGNORECASE)


def origin_state(art: Article, t: Trigger) -> str | None:
    """"troops had been shipped from North Korean ports to Vladivostok": with no agent and no
    patient state, a deployment sent from a state (or from its ports or bases, a demonym) is
    that state's. Only right after the verb, within its clause."""
    if t.lemma not in _SENDING:
        return None  # ("withdrawn from Syria": a place left, not the sender)
    text = art.text
    for a in art.lexicon.actors.find(text, t.end, min(t.clause.end, t.end + 40)):
        if a.type == "state" and _FROM.fullmatch(" " + text[t.end:a.start]):
            return a.name
        return None
    return None


_REPORTED_NOUNS = frozenset({"assessment", "assessments", "estimate", "estimates", "report", "reports", "findings",
                             "figures", "figure", "count", "analysis", "briefing", "document", "documents"})


def source_of_reported(art: Article, t: Trigger) -> str | None:
    """The source named right before the noun a passive statement verb follows ("a Ukrainian
    intelligence assessment reported by"): an actor of the lexicon, then one word, a noun of
    what a source gives out."""
    text = art.text
    lo = max(t.clause.start, t.start - 80)
    for a in reversed(art.lexicon.actors.find(text, lo, t.start)):
        between = text[a.end:t.start].split()
        if a.kind == "alias" and a.type != "media" and len(between) == 1 and between[0].lower() in _REPORTED_NOUNS:
            return a.name
        return None
    return None
