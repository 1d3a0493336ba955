"""Closed-class words and the tokeniser every pass of the event extractor reads clauses with.

These are the grammar of English, not the vocabulary of a story (that is ``events.yaml``). The
forms of be/have/do, the modals and the negations every extractor shares are owned by
:mod:`toolkit.extract.english`; the classes here are read by the event rules only, so they stay
beside them: determiners and prepositions (what makes a verb form a noun: "its deployed
forces", "after signing"), and the pronouns that can stand for an actor. Like english's closed
classes they are code, not data: rules test membership in them, and a story never extends them.
"""

from __future__ import annotations

import bisect
import re

#: (start, end, text) of one word or punctuation mark, offsets into the article's text
Token = tuple[int, int, str]

DETERMINERS = frozenset(
    """the a an this that these those its their his her our my your some any each every
    another such no several many few more most all both either neither""".split()
)
PREPOSITIONS = frozenset(
    """of in on at for with from by to into onto about during after before without under over
    against among between through since via amid despite toward towards upon like near across
    along behind beyond within per up down off out around than""".split()
)
# a pronoun and the pronoun it is read as: "she" and "i" point back to a person as "he" does
PRONOUNS = {"it": "it", "he": "he", "she": "he", "they": "they", "we": "they", "i": "he"}


_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*(?:['’]s?)?|[^\w\s]")


def tokens(text: str, lo: int, hi: int) -> list[Token]:
    """The words and punctuation marks of ``text[lo:hi]``, with offsets into ``text``.

    The rules ask for the words of many stretches of the same article, so the whole text is
    read once (the last text asked about is kept) and a stretch is cut out of its words. That
    is the same list as reading the stretch alone whenever neither end falls inside a word of
    the whole text: the pattern has no look-around, so a word read in the whole text and ending
    before ``hi`` is read the same in the stretch, and a word starts at the first character
    that is not a space in either. A stretch that cuts a word is read alone, as before."""
    if not 0 <= lo < hi <= len(text):
        return [(lo + m.start(), lo + m.end(), m.group(0)) for m in _TOKEN.finditer(text[lo:hi])]
    if text is not _INDEX[0]:
        words = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
        _INDEX[:] = [text, words, [w[0] for w in words]]
    words, starts = _INDEX[1], _INDEX[2]
    i = bisect.bisect_left(starts, lo)
    j = bisect.bisect_left(starts, hi, i)
    if (i and words[i - 1][1] > lo) or (j > i and words[j - 1][1] > hi):
        return [(lo + m.start(), lo + m.end(), m.group(0)) for m in _TOKEN.finditer(text[lo:hi])]
    return words[i:j]


#: the last text :func:`tokens` read: [text, its words, where each word starts]
_INDEX: list = [None, [], []]


def is_adverb(word: str) -> bool:
    """An adverb that may sit between a subject, its auxiliaries and its verb ("also", "reportedly")."""
    low = word.lower()
    return (low.endswith("ly") and word.islower() and low not in ("only", "early", "family", "rally", "italy"))\
        or low in ("also", "now", "then", "already", "again", "still", "just", "first", "later", "soon",
                   "once", "even", "further", "jointly", "reportedly", "instead", "publicly", "formally",
                   "officially", "only", "yet")
