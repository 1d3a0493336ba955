"""Claimants: who reports an event, from the reporting cues of :mod:`toolkit.extract.attribution`.

"according to X" anywhere in the sentence, a trailing attribution clause (", Yonhap reported"), or
a reporting verb before the trigger in its clause or in the clause its "that ..." content
hangs from.
"""

from __future__ import annotations

from toolkit.extract.attribution import Attribution, find_attributions
from toolkit.extract.events.model import Article, Clause, Trigger


def assign_claimants(art: Article) -> None:
    """The fourth pass: ``claimant`` (and ``assessed``) of every trigger, from the cue that
    governs it: "according to X" anywhere in the sentence, a trailing attribution clause
    (", Yonhap reported"), or a reporting verb before it in the same clause or in the clause its
    reported content ("that ...") hangs from."""
    cache: dict[int, list[Attribution]] = {}
    clause_cache: dict[int, list[Clause]] = {}  # a sentence's clauses, read once (not per trigger)
    for t in art.triggers:
        s0, s1 = art.sentences[t.sentence]
        if t.sentence not in cache:
            cache[t.sentence] = find_attributions(art.text, (s0, s1), lexicon=art.lexicon)
            clause_cache[t.sentence] = _sentence_clauses(art.by_sentence[t.sentence], t)
        cues = [c for c in cache[t.sentence] if c.claimant and not (c.start < t.end and t.start < c.end)]
        clauses = clause_cache[t.sentence]
        chosen: Attribution | None = None
        preps = [c for c in cues if c.kind == "preposition"]
        after = [c for c in cues if c.kind == "verb" and c.start >= t.end
                 and _clause_marker_at(clauses, c.start) == "attribution"]
        before = [c for c in cues if c.kind == "verb" and c.end <= t.start
                  and (c.start >= t.clause.start or t.clause.marker == "that")]
        if preps:
            chosen = preps[0]
        elif after:
            chosen = after[0]
        elif before:
            chosen = before[-1]
            t.assessed = True
        t.claimant = chosen.claimant if chosen else None


def _sentence_clauses(triggers: list[Trigger], t: Trigger) -> list[Clause]:
    """The clauses of ``t``'s sentence that hold a trigger, in text order."""
    seen: dict[int, Clause] = {}
    for u in triggers:
        if u.sentence == t.sentence:
            seen[id(u.clause)] = u.clause
    return sorted(seen.values(), key=lambda c: c.start)


def _clause_marker_at(clauses: list[Clause], pos: int) -> str | None:
    """The marker of the clause in which ``pos`` lies (None outside them all)."""
    for c in clauses:
        if c.start <= pos < c.end:
            return c.marker
    return None
