"""Speakers the actors lexicon does not name: the subject of a reporting verb as the text words it.

"The health ministry in Gaza said", "three local officials told AFP", "the Polish border guard
said": the speaker is the noun phrase before the verb, tidied (no leading article, number or
quantifier), when its head noun is a person or a body (`speaker_heads` and `actor_heads` in
``events.yaml``). Any other subject ("analysts say", "the report said") names no source and
gives None, so the statement stays unattributed rather than wrongly attributed. An anaphor
("the ministry said") first continues an earlier speaker whose name has that head.
"""

from __future__ import annotations

from toolkit.extract.english import BE, DO, HAVE, MODALS, NEGATIONS
from toolkit.extract.events.model import Article, Trigger
from toolkit.extract.events.words import DETERMINERS, is_adverb, tokens

# prepositions that may join a speaker's head to its complement ("ministry of health",
# "spokesman for the army", "government in Tainan")
_LINKS = frozenset("of in for from at".split())
# words that end a subject phrase on its left: the clause grammar, not a story's vocabulary
_STOPS = frozenset("""and or but that which who whom when while after before as because if since
    than said says told also""".split())
_MAX_WORDS = 9
# determiners that name no one in particular: "any government", "no official"
_NOBODY = frozenset("any no every each either neither".split())


def subject_phrase(art: Article, lo: int, hi: int) -> str | None:
    """The speaker named by the noun phrase that ends right before a reporting verb at ``hi``
    (``lo``: where the subject may start), tidied; None when its head is no person or body."""
    toks = tokens(art.text, lo, hi)
    k = len(toks)
    while k and (is_adverb(toks[k - 1][2]) or toks[k - 1][2].lower() in BE | HAVE | MODALS | DO | NEGATIONS):
        k -= 1  # "has also said", "did not confirm"
    words: list[str] = []
    while k and len(words) < _MAX_WORDS:
        w = toks[k - 1][2]
        if w == ")":  # "The International Committee of the Red Cross (ICRC) said"
            j = k - 1
            while j and toks[j - 1][2] != "(" and k - j < 6:
                j -= 1
            if not j or toks[j - 1][2] != "(":
                break
            k = j - 1
            continue
        low = w.lower()
        if not (w[0].isalnum()) or low in _STOPS:
            break
        words.insert(0, w)
        k -= 1
        if low in DETERMINERS:
            break
    return _tidy(art, words)


def _tidy(art: Article, words: list[str]) -> str | None:
    """The phrase without leading determiners, numbers and quantifiers, if a speaker heads it."""
    if words and words[0].lower() in _NOBODY:
        return None  # "before any Western government had confirmed": no one in particular
    while words and (words[0].lower() in DETERMINERS or words[0].lower() in _LINKS
                     or words[0].replace(",", "").isdigit() or words[0].lower() in art.rules.counts):
        words = words[1:]
    if not words or words[-1].lower() in _LINKS:
        return None
    cut = next((i for i, w in enumerate(words) if w.lower() in _LINKS), len(words))
    if cut == 0 or len(words) - cut > 4:
        return None
    head = words[cut - 1].lower().removesuffix("'s").removesuffix("’s")
    if head not in art.rules.speaker_heads:
        return None
    return " ".join(words)


def continued_speaker(art: Article, t: Trigger, earlier: list[Trigger], anaphor: str) -> str | None:
    """"The ministry said": the last speaker within three sentences whose name has the anaphor's
    head noun ("health ministry in Gaza")."""
    head = anaphor.split()[-1].lower() if anaphor.split() else ""
    if not head:
        return None
    for prev in reversed(earlier):
        if t.sentence - prev.sentence > 3:
            break
        if prev.actor and prev.kind in art.rules.statement_kinds and head in prev.actor.lower().split():
            return prev.actor
    return None
