"""Where a verb's subject starts, read back from the verb (``cues`` and ``events`` use it).

English puts a reporting verb's subject right before it, with auxiliaries and adverbs between
("the NIS has also said"); an appositive, a relative clause or a participial aside may stand
between them ("Zelensky, posting on X after a report from Syrskyi, gave"), and an opening phrase
of time or place before the subject ("in early September the agency raised"). These functions
find the subject's first word; what it names is :mod:`.cues`' and :mod:`.sources`'.
"""

from __future__ import annotations

import re

# Words that sit between a subject and its reporting verb ("has also said", "publicly denied").
_AUX = frozenset(
    """has have had was were is are be been will would could should may might also again later
    earlier previously repeatedly publicly officially first then now separately further already
    had not did does do only still once likewise reportedly initially recently subsequently
    """.split()
)
# Words that close a subject noun phrase when read backwards from its verb.
_SUBJECT_STOP = frozenset(
    """that which who whom while but when after before because as since if although though where
    whereas and or so than unless until whether said told reported announced wrote""".split()
)  # (a reporting verb too: "Anadolu reported the ministry spokesman Jane Roe said")
_TOKEN = re.compile(r"[\w'’.-]+|[^\w\s]")


def _previous_word(text: str, lo: int, pos: int) -> str:
    r"""The word that ends ``text[lo:pos]`` before white space, with its apostrophes and hyphens
    ("Kyiv's"); "" when the stretch ends in anything but a letter or digit.

    Read backwards from that last letter: what ``([\w'’-]+)\W*$`` finds there, without trying
    the pattern at every position of a stretch as long as a sentence (issue 15)."""
    stretch = text[lo:pos].rstrip()
    if not stretch[-1:].isalnum():
        return ""
    i = len(stretch) - 1
    while i and (stretch[i - 1].isalnum() or stretch[i - 1] in _WORD_MARKS):
        i -= 1
    return stretch[i:]


#: what a word holds besides letters and digits (``\w`` is a letter, a digit or "_")
_WORD_MARKS = frozenset("_'’-")


def _subject_text(text: str, lo: int, verb_start: int) -> str:
    """The words of the subject before a verb: back to a clause boundary, skipping auxiliaries."""
    return text[_subject_start(text, lo, verb_start):verb_start]


def _subject_start(text: str, lo: int, verb_start: int) -> int:
    aside = _participle_aside(text, lo, verb_start)
    if aside is not None and aside > lo and text[lo:aside].strip():
        # "Zelensky, posting on X after a report from Syrskyi, said": a participial aside between
        # the subject and its verb, whatever words it holds, is skipped whole (the subject is
        # before it; the mentions in it are its own, see _subject_claimant)
        before = _subject_start(text, lo, aside)
        if before < aside:
            return before
    toks = [(m.start() + lo, m.group(0)) for m in _TOKEN.finditer(text[lo:verb_start])]
    i = len(toks) - 1
    # skip auxiliaries, adverbs and a date between subject and verb ("said on Monday" is after)
    while i >= 0 and (toks[i][1].lower() in _AUX or toks[i][1].lower().endswith("ly") and toks[i][1].islower()):
        i -= 1
    start = toks[i + 1][0] if i + 1 < len(toks) else verb_start
    collected = 0
    n = 0
    while i >= 0 and n < 14:
        word = toks[i][1]
        low = word.lower()
        if word == ")" and collected == 0 and "(" in [t[1] for t in toks[:i]]:
            # "the International Committee of the Red Cross (ICRC) has said": skip the acronym
            i = max(k for k in range(i) if toks[k][1] == "(") - 1
            n += 1
            continue
        if word in ";:\"“”()[]—" or low in _SUBJECT_STOP:
            break
        if word == ",":
            # "Russia's top officer, General Gerasimov, also confirmed": a comma right before
            # the verb closes an appositive, so the subject is before it; a comma after some
            # subject words ("..., South Korean lawmakers said") ends the subject, unless those
            # words are a relay set off by commas ("Yonhap, citing the NIS, reported").
            if collected and not re.match(r"(?:citing|quoting|according|\w+ing)\b", text[start:verb_start], re.IGNORECASE):
                break
            collected = 0
            i -= 1
            n += 1
            continue
        start = toks[i][0]
        collected += 1
        i -= 1
        n += 1
    return _after_opening_phrase(text, start, verb_start)


def only_auxiliaries(words: str) -> bool:
    """Whether ``words`` hold nothing but auxiliaries and adverbs ("has also", "" too): what may
    stand between a subject, or an aside after it, and the verb. (Read word by word: a regex
    repeating "an auxiliary or an -ly word" backtracks without bound on "subsequently ...".)"""
    return all(w.lower() in _AUX or w.endswith("ly") and w.islower() and w.isalpha() for w in words.split())


_PARTICIPLE = re.compile(r"\s*[a-z]+ing\b[^;:\"“”()]*")


def _participle_aside(text: str, lo: int, verb_start: int) -> int | None:
    """Where ", posting on X after a report from Syrskyi," opens (its comma), when such an aside
    (a participle, up to the next comma) stands right before the verb, auxiliaries aside; else None."""
    close = text.rfind(",", lo, verb_start)
    if close < 0 or not only_auxiliaries(text[close + 1:verb_start]):
        return None
    opening = text.rfind(",", lo, close)
    if opening < 0 or _PARTICIPLE.fullmatch(text, opening + 1, close) is None:
        return None
    return opening


#: a prepositional phrase that opens a clause before its subject ("in early September",
#: "by early November", "on 20 November 2024", "at the end of December")
_OPENING_PREPOSITION = re.compile(r"(?:in|on|at|by|since|during|after|before|until|through|over|from)\s", re.IGNORECASE)
_DETERMINER = re.compile(r"(?<![\w'’-])(?:the|a|an)\s", re.IGNORECASE)


def _after_opening_phrase(text: str, start: int, verb_start: int) -> int:
    """"in early September the agency raised": a subject noun phrase never opens with a
    preposition, so words read back to one are an adverbial before the subject, which starts at
    the last determiner after it; unchanged when none follows ("In June Shoigu said")."""
    if not _OPENING_PREPOSITION.match(text, start, verb_start):
        return start
    last = None
    for m in _DETERMINER.finditer(text, start + 1, verb_start):
        last = m
    return last.start() if last is not None else start
