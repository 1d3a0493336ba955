"""Speakers the actors lexicon does not name: the subject of a reporting verb as the text words it.

"The health ministry in Gaza said", "three local officials told AFP", "the Polish border guard
said": the speaker is the noun phrase before the verb, tidied (no leading article, number or
quantifier), when its head noun is a person or a body: the claimants' own list of source
heads (``reporting.yaml`` `source_heads`, read through :mod:`toolkit.extract.sources`), with
``events.yaml``'s `actor_heads` and `member_heads`, less the commentators (``reporting.yaml``
`commentators`). Any other subject ("analysts say", "the report said") names no source and
gives None, so the statement stays unattributed rather than wrongly attributed. An anaphor
("the ministry said") first continues an earlier speaker whose name has that head.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator

from toolkit.extract.english import BE, DO, HAVE, MODALS, NEGATIONS
from toolkit.extract.events.model import Article, Trigger
from toolkit.extract.sources import agent_noun, bare_spokesperson, listed_head, longer_form, spoken_for, spokesperson_heads
from toolkit.extract.events.words import DETERMINERS, PREPOSITIONS, Token, is_adverb, tokens

# prepositions that may join a speaker's head to its complement ("ministry of health",
# "spokesman for the army", "government in Tainan")
_LINKS = frozenset("of in for from at".split())
# words that end a subject phrase on its left: the clause grammar, not a story's vocabulary
_STOPS = frozenset("""and or but that which who whom when while after before as because if since
    than said says told also""".split())
_MAX_WORDS = 12
# words that tell speakers apart without naming them ("a separate local official", "another official")
_ORDINALS = frozenset("separate other another second third same".split())
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday today yesterday".split())
# lower-case particles inside a person's name ("Ursula von der Leyen")
_PARTICLES = frozenset("von van der den de da du la le del bin ibn al el".split())
# words that hedge a doer without naming another ("suspected jihadists", "alleged militants")
_HEDGES = frozenset("suspected alleged presumed reported unidentified unknown".split())
# determiners that name no one in particular: "any government", "no official"
_NOBODY = frozenset("any no every each either neither".split())


def subject_phrase(art: Article, lo: int, hi: int) -> str | None:
    """The speaker named by the noun phrase that ends right before a reporting verb at ``hi``
    (see :func:`_subject_phrase`), under the full name the article gives a body it also names
    short ("the Coordination HQ": :func:`toolkit.extract.sources.longer_form`)."""
    named = _subject_phrase(art, lo, hi)
    return longer_form(art.text, named, art.lexicon) if named else None


def _subject_phrase(art: Article, lo: int, hi: int) -> str | None:
    """The speaker named by the noun phrase that ends right before a reporting verb at ``hi``
    (``lo``: where the subject may start), tidied; None when its head is no person or body.
    Of coordinated subjects ("Lawmakers Lee and Kim relayed") the first one named speaks, as
    for the lexicon's actors."""
    toks = tokens(art.text, lo, hi)
    k = len(toks)
    while k and (is_adverb(toks[k - 1][2]) or toks[k - 1][2].lower() in BE | HAVE | MODALS | DO | NEGATIONS):
        k -= 1  # "has also said", "did not confirm"
    if k and toks[k - 1][2] == ",":
        return _before_apposition(art, toks, k - 1)
    words, k = _phrase_before(toks, k)
    if k and toks[k - 1][2].lower() in ("and", "or"):
        # a coordination of speakers only when the last conjunct is one itself ("Lee and Kim"),
        # not inside a name ("the ICRC's Israel and Occupied Territories branch")
        if _tidy(art, words, toks[k][0] if k < len(toks) else hi) is None:
            return None
        words, k = _phrase_before(toks, k - 1)
    return _tidy(art, words, toks[k][0] if k < len(toks) else hi)


def _before_apposition(art: Article, toks: list[Token], k: int) -> str | None:
    """A subject, then a stretch between commas, then the verb (``toks[k]`` is the second comma).

    In English the stretch describes the subject and is no subject itself: "Hu Gang, executive
    vice county governor of Suichang, told reporters", "Senator Ada Brook, D-Ohio, said", "the
    council in Xville, the worst-hit town, said", "the mayor of Xville, which took the brunt of
    the flood, said": the phrase before the first comma speaks. Only a person's name in
    apposition to a description names the speaker more closely ("a spokesman for the agency,
    Jane Roe, told reporters", "A resident, Jane Roe, said")."""
    j = k
    while j and toks[j - 1][2] not in (",", ";", ":", "(", ")", '"', "“", "”") and k - j < 14:
        j -= 1
    if not j or j == k or toks[j - 1][2] != ",":
        return None
    words, i = _phrase_before(toks, j - 1)
    if not words:
        return None
    at = toks[i][0] if i < len(toks) else toks[-1][0]
    person = _named_person(art, words, at)
    if person:
        return person
    links = [n for n, w in enumerate(words) if w.lower() in ("in", "from", "at") and n]
    if links and all(_is_name(w) for w in words[links[-1] + 1:]):
        # "District chief Jane Roe in Xville": a person placed, not a body's complement
        person = _named_person(art, words[:links[-1]], at)
        if person:
            return person
    inner, n = _phrase_before(toks, k)
    relative = toks[j][2].lower() in ("which", "who", "whose", "where", "whom")
    if not relative and n == j and inner:
        named = _named_person(art, inner, toks[n][0])
        cut = next((n for n, w in enumerate(words) if w.lower() in _LINKS), len(words))
        if named and cut and words[cut - 1].lower() in art.rules.speaker_heads:
            return named  # "a spokesman for the agency, Jane Roe,"
        if named or _tidy(art, inner, toks[n][0]):
            return None  # two speakers and no telling which: no guess
    return _tidy(art, words, at)


def _phrase_before(toks: list[Token], k: int) -> tuple[list[str], int]:
    """The words of the noun phrase ending at token ``k`` (a parenthesis inside it skipped), and
    the index of its first token."""
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
        if w == "." and k >= 2 and re.fullmatch(r"[A-Z]", toks[k - 2][2]) and toks[k - 2][1] == toks[k - 1][0]:
            words.insert(0, toks[k - 2][2] + ".")  # an initial inside a name ("Charles E. Schumer")
            k -= 2
            continue
        low = w.lower()
        if low in PREPOSITIONS and low not in _LINKS:
            return [], k  # "An attack blamed on jihadists in Mali has killed": an object, not the subject
        if not (w[0].isalnum()) or low in _STOPS:
            break
        words.insert(0, w)
        k -= 1
        if low in DETERMINERS and not (k and toks[k - 1][2].lower() in _LINKS):
            break  # the phrase opens here, unless a preposition joins it to a head ("ministry of the interior")
    return words, k


def _tidy(art: Article, words: list[str], at: int) -> str | None:
    """The phrase without leading determiners, numbers and quantifiers, if a speaker heads it."""
    if words and words[0].lower() in _NOBODY:
        return None  # "before any Western government had confirmed": no one in particular
    while words and (words[0].lower() in DETERMINERS | _ORDINALS or words[0].lower() in _LINKS
                     or words[0].replace(",", "").isdigit() or words[0].lower() in art.rules.counts):
        words = words[1:]
    places = {str(w).lower() for w in art.lexicon.reporting.get("place_possessors") or ()}
    owner = next((i for i, w in enumerate(words[:-1]) if w.lower().removesuffix("'s").removesuffix("’s") in places
                  and w.endswith(("'s", "’s"))), None)
    if owner is not None:
        words = words[owner + 1:]  # "the country's health ministry": the place stands in for a name
    if not words or words[-1].lower() in _LINKS:
        return None
    body = _spoken_for(art, words, at)
    if body:
        return body
    if bare_spokesperson(" ".join(words), art.lexicon):
        # "Spokesman Jane Roe said" with no body named: for the speaker of the sentence before
        sentence = bisect.bisect_right(art.sentences, (at, len(art.text) + 1)) - 1
        prev = next((u for u in _before(art, at) if sentence - u.sentence <= 1 and u.actor
                     and u.kind in art.rules.statement_kinds), None)
        if prev is not None and sentence - prev.sentence <= 1:
            return prev.actor
    named = _named_person(art, words, at)
    if named:
        return named
    cut = next((i for i, w in enumerate(words) if w.lower() in _LINKS), len(words))
    titled = all(_is_name(w) or w.lower() in _LINKS | {"the", "and"} for w in words)
    place = next((i for i in range(len(words) - 1, cut, -1) if words[i].lower() in ("in", "from", "at")), None)
    if place is not None and all(_is_name(w) for w in words[place + 1:]) and len(words) - cut > 4 and not titled:
        words = words[:place]  # "a spokesman for the district chief in Xville": the place is no part of it
    if cut and len(words) - cut > 4 and not titled and words[-1].lower() in art.rules.speaker_heads \
            and len(words) - cut <= 6:
        pass  # "a spokesman for the local government chief": the complement is a speaker itself
    elif cut and len(words) - cut > 4 and not titled and words[cut].lower() in ("in", "from", "at"):
        words = words[:cut]  # "an official from the central X region": a long place is no part of the name
    elif cut == 0 or (len(words) - cut > 4 and not titled):
        return None  # (a long complement only inside a capitalised name: "Headquarters for the ...")
    head = words[cut - 1].lower().removesuffix("'s").removesuffix("’s")
    if not listed_head(head, art.rules.speaker_heads) and not (words[cut - 1].islower() and agent_noun(head, art.lexicon)
                                                    and head not in _commentators(art)):
        return None  # (an agent noun speaks too: "the organisers said", issue 13; not a commentator)
    group = words[:cut - 1]
    if head in art.rules.member_heads and group and _proper(art, group[0]) \
            and all(_is_name(w) and not re.search(r"-[a-z]", w) for w in group):
        return " ".join(group)  # "Boko Haram terrorists", "Hamas militants": the group's name
    if words[0][:1].isupper() and not words[0].isupper() and (len(words) == 1 or words[1].islower()) \
            and _word_re(words[0].lower()).search(art.text):
        words = [words[0].lower()] + words[1:]  # "Residents said", "Health ministry in Gaza says": a sentence's capital
    return " ".join(words)


def _commentators(art: Article) -> frozenset[str]:
    """``reporting.yaml`` ``commentators``: sources whose words are no event of the story."""
    key = "speakers.commentators"
    if key not in art.lexicon.cache:
        art.lexicon.cache[key] = frozenset(str(w).lower() for w in art.lexicon.reporting.get("commentators") or ())
    return art.lexicon.cache[key]


def _spoken_for(art: Article, words: list[str], at: int) -> str | None:
    """"Yobe state police spokesman Jane Roe told AFP": the body a named spokesperson speaks for
    is the speaker, as for the claimants (:func:`toolkit.extract.sources.spoken_for`); a body
    that only repeats the head of an earlier speaker's name ("ministry spokesman Jane Roe" after
    "the health ministry in Gaza said") is that speaker."""
    body = spoken_for(" ".join(words), art.lexicon)
    if not body or any(w.endswith(("'s", "’s")) for w in body.split()):
        return None
    described = {w.lower() for w in body.split()}
    sentence = bisect.bisect_right(art.sentences, (at, len(art.text) + 1)) - 1
    for prev in _before(art, at):
        if sentence - prev.sentence > 3:
            break
        if prev.actor and prev.kind in art.rules.statement_kinds and described <= set(prev.actor.lower().split()):
            return prev.actor
    found = art.lexicon.actors.find(body)
    if found and found[0].text == body:
        return found[0].name
    return body


def _body_of_surname(art: Article, word: str, at: int) -> str | None:
    """"Roe warned" after "ministry spokesman Jane Roe said": the body that earlier statement
    was resolved to, when its subject ended with this surname and it was not the person's."""
    low = word.lower()
    sentence = bisect.bisect_right(art.sentences, (at, len(art.text) + 1)) - 1
    for u in _before(art, at):
        if sentence - u.sentence > _LOOK_BACK:
            break
        if not u.actor or u.kind not in art.rules.statement_kinds:
            continue
        before = art.text[max(u.clause.start, u.start - 60):u.start].lower().split()
        if before and before[-1] == low and low not in u.actor.lower().split():
            subject = art.text[max(u.clause.start, u.start - 80):u.start]
            if spoken_for(subject, art.lexicon):
                return u.actor
    return None


def inverted_speaker(art: Article, t: Trigger) -> str | None:
    """'"...," said a spokesman for the council': a reporting verb that opens its attribution
    (only a quotation, a comma or nothing before it) has its subject after it, up to a comma,
    a relative pronoun or the sentence's end."""
    if art.text[t.clause.start:t.start].strip(" ,\"“”'’"):
        return None
    words: list[str] = []
    for _, _, w in tokens(art.text, t.end, t.clause.end):
        if not w[0].isalnum() or w.lower() in _STOPS | {"where", "whose", "on", "to", "with"} or len(words) >= _MAX_WORDS:
            break
        words.append(w)
    return _tidy(art, words, t.end) if words else None


def agent_phrase(art: Article, lo: int, hi: int) -> str | None:
    """The doer a passive or a noun names after "by" that the actors lexicon does not know
    ("three attacks by suspected jihadists", "held hostage by Hamas terrorists", "an attack by
    the Palestinian group Hamas"): the phrase from ``lo`` (just past "by") up to a preposition,
    verb or punctuation, tidied, if a person or body heads it."""
    words: list[str] = []
    for _, _, w in tokens(art.text, lo, hi):
        low = w.lower()
        if not w[0].isalnum() or low in _STOPS or low in _LINKS or low in ("on", "to", "with", "since", "near", "during") \
                or art.rules.forms.get(low, ("", "", "", ""))[2] == "verb" or len(words) >= 6:
            break
        words.append(w)
    while words and words[0].lower() in _HEDGES | DETERMINERS:
        words = words[1:]  # "suspected jihadists": the doer is named, not hedged
    return _tidy(art, words, lo) if words else None


def continued_speaker(art: Article, t: Trigger, earlier: list[Trigger], anaphor: str) -> str | None:
    """"The ministry said", "the border guard wrote": the last speaker before it in the article
    whose name has every word of the description ("health ministry in Gaza", "Polish border
    guard"); "the spokesperson said": the last speaker within three sentences, for whom the
    spokesperson spoke. (``earlier``: the triggers the caller looked at; the whole article
    before ``t`` is read.)"""
    described = {w for w in anaphor.lower().split() if w not in DETERMINERS}
    if not described:
        return None
    spokesperson = bool(described & spokesperson_heads(art.lexicon))
    for prev in _before(art, t.start):
        if t.sentence - prev.sentence > (3 if spokesperson else _LOOK_BACK):
            break
        if prev.actor and prev.kind in art.rules.statement_kinds \
                and (spokesperson or described <= set(prev.actor.lower().split())):
            return prev.actor  # every word of the description is in the name ("the border guard")
    return None


#: how many sentences back a description or a surname looks for its speaker
_LOOK_BACK = 25


def _before(art: Article, pos: int) -> Iterator[Trigger]:
    """The triggers that start before ``pos``, nearest first, found by bisection (the triggers
    come in text order), so that a look back costs what it reads, not the article's length."""
    k = bisect.bisect_left(art.triggers, pos, key=lambda u: u.start)
    return (art.triggers[j] for j in range(k - 1, -1, -1))


def _proper(art: Article, word: str) -> bool:
    """Whether the article writes ``word`` capitalised inside a sentence too (a name, not a
    capitalised first word: "Hamas", not "Rebel")."""
    return bool(_inside_re(word).search(art.text))


def _is_name(word: str) -> bool:
    """A part of a proper name: capitalised, or a particle-hyphenated one ("al-Qudra")."""
    return word[0].isupper() or bool(re.fullmatch(r"[a-z]{1,3}-[A-Z][\w'’-]*", word))


def _named_person(art: Article, words: list[str], at: int) -> str | None:
    """The person a subject names: the name after a title ("Turkish President Recep Tayyip
    Erdogan", "ministry spokesman Ashraf al-Qudra"), a full name on its own ("Hanna Maliar"), or
    a surname that an earlier full name in the article ends with ("Erdogan" -> "Recep Tayyip
    Erdogan")."""
    k = len(words)
    while k and (_is_name(words[k - 1]) or words[k - 1] in _PARTICLES and k < len(words)) \
            and words[k - 1].lower() not in art.rules.speaker_heads:
        k -= 1  # "Ursula von der Leyen": a particle inside a name
    while k < len(words) and words[k] in _PARTICLES:
        k += 1
    name = words[k:]
    if not name or len(name) > 4 or all(w.lower().rstrip(".") in art.rules.months for w in name) \
            or any(w.lower() in _LINKS or w[-2:] in ("'s", "’s") for w in name):
        return None  # "the ICRC's Israel ...": a possessor, not a name; "Jan." alone is a month
    if k and words[k - 1].lower() in art.rules.speaker_heads:
        # a title, then a person's name ("President Recep Tayyip Erdogan", "spokesman
        # al-Qudra"), not the last word of a body's name ("Red Crescent Society")
        title = words[k - 1]
        return " ".join(name) if len(name) >= 2 or title.islower() or not name[0][0].isupper() else None
    if k or not all(_is_name(w) for w in name):
        return None
    if len(name) >= 2:
        return " ".join(name)
    word = name[0]
    body = _body_of_surname(art, word, at)
    if body:
        return body
    full = surname_of(art, word, at)
    if full:
        return full
    # a one-word name: an acronym ("IOM estimates"), or a word the article capitalises inside
    # sentences too ("Hamas launched"), not a capitalised first word or a day's name
    if word.lower().rstrip(".") in art.rules.months or word.lower() in _WEEKDAYS \
            or not re.fullmatch(r"[A-Za-z][A-Za-z'’-]*", word):
        return None
    if (word.isupper() and 2 <= len(word) <= 6) or _proper(art, word):
        return word
    return None


# Patterns built from a word of the article: compiled once per word here rather than looked up
# (and, past re's cache of 512, compiled again) in re's cache on every call (issue 15).
@functools.lru_cache(maxsize=4096)
def _word_re(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")


@functools.lru_cache(maxsize=4096)
def _inside_re(word: str) -> re.Pattern[str]:
    return re.compile(rf"[a-z,;][ \t]+{re.escape(word)}\b")


@functools.lru_cache(maxsize=4096)
def _surname_re(word: str) -> re.Pattern[str]:
    return re.compile(rf"\b((?:(?:[A-Z][\w'’-]*|[A-Z]\.)[ \t]+){{1,3}})(?i:{re.escape(word)})\b")


def surname_of(art: Article, word: str, before: int) -> str | None:
    """The full name an earlier mention gives a one-word subject ("Erdogan" -> "Recep Tayyip
    Erdogan"): the first capitalised run of two to four words ending with it before ``before``."""
    if not word[:1].isupper() or not re.fullmatch(r"[\w'’-]+", word):
        return None
    # "Al-Qedra" at a sentence start is the "al-Qedra" of "Ashraf al-Qedra"
    m = _surname_re(word).search(art.text, 0, before)
    if not m:
        return None
    parts = m.group(1).split()
    titles = [i for i, p in enumerate(parts) if p.lower() in art.rules.speaker_heads | DETERMINERS | art.rules.months]
    if titles:
        parts = parts[titles[-1] + 1:]  # "Turkish President Recep Tayyip Erdogan": the title is no part of the name
    return " ".join(parts + [m.group(0).split()[-1]]) if parts else None  # as first written
