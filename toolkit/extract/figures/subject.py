"""Whose the counted people or things are, and what a bare figure counts.

:func:`figure_subject` names the owner of a figure's count (a state, or two states together:
:func:`_joint_owner`), from its noun phrase, a possessive, or the state that is its clause's
subject. :func:`counted_phrase` reads what a bare number counts from the sentence ("put the
North Korean force at about 14,000"), :func:`reads_as_count` whether a bare number is a head
count at all, and :func:`article_subject` gives unowned figures about people the owner the
article's other figures agree on.
"""

from __future__ import annotations

import re
from dataclasses import replace

from toolkit.extract.attribution import Attribution
from toolkit.extract.figures.grammar import Grammar
from toolkit.extract.figures.meaning import clause_start
from toolkit.extract.figures.model import PEOPLE_CATEGORIES, Quantity
from toolkit.read.lexicon import Lexicon
from toolkit.records import Figure


def figure_subject(
    text: str, q: Quantity, prev_end: int, s0: int, g: Grammar, lexicon: Lexicon, category: str,
    attribution: Attribution | None,
) -> str | None:
    """Whose the counted people or things are: a state, or None when the text does not say."""
    # 0. a force of two states together: "the combined Russian and North Korean force ...
    #    numbered about 50,000", "50,000 Russian and North Korean troops". The count is not
    #    either state's alone, so the subject names both and no chart of one state takes it.
    #    (The clause may start inside the pair, at its "and": the pair's second state counts.)
    lo = clause_start(text, prev_end, q.start, g, attribution)
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
        lo = clause_start(text, prev_end, q.start, g, attribution)
        for v in g.own_loss_re.finditer(text[lo:q.start]):
            states = [a for a in lexicon.actors.find(text, lo, lo + v.start())
                      if a.type == "state" and not _after_preposition(text, lo, a.start)]
            if states:
                return states[-1].name
    if category in ("deployed", "money", "materiel"):
        lo = clause_start(text, prev_end, q.start, g, attribution)
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


# Anchored (\A): ".*" finds the last determiner from the start, and a search would try again
# from every later position once that fails.
_COUNTED = re.compile(r"\A.*\b(?:the|its|their|his|her|our)\s+((?:[\w'’-]+\s+){1,8}?)(?:at|to)\s+$", re.IGNORECASE | re.DOTALL)


_AUX_AFTER = re.compile(r"\s+(?:were|was|are|is|have|has|had|will|would|could|may|might|more|of\s+them)\b", re.IGNORECASE)


def reads_as_count(text: str, q: Quantity, s1: int) -> bool:
    """A bare number with nothing counted reads as a head count when it is qualified, a range,
    an increment or the subject of a verb ("about 3,000 were sent"); "61.8" alone does not."""
    return q.qualifier != "exact" or q.increment or bool(_AUX_AFTER.match(text, q.end, s1))


def counted_phrase(text: str, q: Quantity, lo: int, g: Grammar) -> tuple[str | None, str | None] | None:
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


def article_subject(figures: list[Figure], g: Grammar) -> list[Figure]:
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
        people = f.category in PEOPLE_CATEGORIES and (f.unit in (None, "person") or g.unit_categories.get(f.unit) in PEOPLE_CATEGORIES)
        out.append(replace(f, subject=top) if f.subject is None and people else f)
    return out
