"""Coreference: a definite event noun that names an event the article told before.

"Two dozen soldiers were killed in an attack last week. ... The attack on September 26 ..." or
"Last week's attack targeted a convoy": "the attack" points back to the article's last
happening of that kind, so it is one event told twice. The first telling keeps the row; the
later one is a mention of it, and lends it its date when that date is finer and falls within
the first one's (issue 13: an event stated twice, once dated, is dated everywhere).
"""

from __future__ import annotations

import re

from toolkit.extract.events.model import Article, Day, Trigger
from toolkit.extract.events.words import tokens

# what makes an event noun definite: a determiner that points back, or a time's possessive
# ("last week's attack", "Sunday's quake")
_POINTING = frozenset({"the", "this", "that"})
_TIME_POSSESSOR = re.compile(r"(?:week|weekend|month|year|day|night|morning|yesterday|today|monday|tuesday|"
                             r"wednesday|thursday|friday|saturday|sunday)['’]s", re.IGNORECASE)


def corefer(art: Article) -> None:
    """Fold each definite restatement of an earlier happening into the row of its first telling,
    and the "when" clause that tells who did an event noun's deed into the noun's row."""
    _when_tells_the_noun(art)
    rules = art.rules
    for k, t in enumerate(art.triggers):
        if t.pos != "noun" or t.kind in rules.statement_kinds or not _definite(art, t):
            continue
        mention = _restating_verb(art, t) or t
        if mention.actor and mention.explicit:
            continue  # "the Russian attack": a side of its own, maybe another event
        ante = _antecedent(art, k, t)
        if ante is None:
            continue
        if mention.day is not None and _finer_within(mention.day, ante.day):
            ante.day = mention.day
        if mention.emit or t.emit:
            ante.mentions += 1
        mention.emit = t.emit = False


def _when_tells_the_noun(art: Article) -> None:
    """"The last prisoner swap took place in December 2022, when the U.S. exchanged X for Y": an
    event noun and the happening of its kind in the "when" clause right after it are one event;
    the noun's row takes the verb's actor."""
    rules = art.rules
    for t in art.triggers:
        if t.pos != "noun" or not t.emit or t.kind in rules.statement_kinds:
            continue
        clauses = art.clause_lists[t.sentence]
        k = clauses.index(t.clause)
        nxt = clauses[k + 1] if k + 1 < len(clauses) else None
        if nxt is None or nxt.marker != "when":
            continue
        for u in art.by_clause.get(id(nxt), ()):
            if u.pos == "verb" and u.kind == t.kind and u.emit and (t.actor is None or u.actor == t.actor):
                t.actor = t.actor or u.actor
                t.explicit = t.explicit or u.explicit
                t.mentions += u.mentions
                u.emit = False
                break


def _definite(art: Article, t: Trigger) -> bool:
    """Whether the event noun opens with "the"/"this"/"that" or a time's possessive."""
    before = tokens(art.text, t.clause.start, t.start)
    if not before:
        return False
    word = before[-1][2]
    return word.lower() in _POINTING or bool(_TIME_POSSESSOR.fullmatch(word))


def _restating_verb(art: Article, t: Trigger) -> Trigger | None:
    """"Last week's attack targeted a convoy": a happening verb of the same kind whose subject is
    the event noun restates that event."""
    for u in art.by_clause[id(t.clause)]:
        if u.pos == "verb" and u.start > t.end and u.kind == t.kind and u.voice == "active" \
                and not u.explicit and len(tokens(art.text, t.end, u.start)) <= 3:
            return u
    return None


def _antecedent(art: Article, k: int, t: Trigger) -> Trigger | None:
    """The article's last happening of the same kind told before, kept as a row."""
    for u in reversed(art.triggers[:k]):
        if u.kind == t.kind and u.emit and not u.planned and u.sentence < t.sentence:
            return u
    return None


def _finer_within(day: Day, base: Day | None) -> bool:
    """Whether ``day`` dates an event better than ``base``: there is none, or it is a finer span
    inside it ("September 26" within "last week")."""
    if base is None or base[0] is None:
        return True
    if day[0] is None or day[1] is None or base[1] is None:
        return False
    return base[0] <= day[0] and day[1] <= base[1] and (day[1] - day[0]) < (base[1] - base[0])
