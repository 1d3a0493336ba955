"""Claimants the actor lexicon does not know: a source noun phrase, tidied.

English names a source by a noun phrase whose head is a person or a body ("the Polish border
guard said", "three local officials told AFP", "a disaster agency official said", "according
to local health authorities"). When the actor lexicon names no one in that phrase, the phrase
itself is the claimant, tidied as the annotation guidelines ask: no leading article or count
word, cut at a relative clause, an appositive or a prepositional phrase (one that names a place
or a body, "the health ministry in Gaza", "a spokesman for the local government", is kept).
The head nouns and the dropped words are in ``data/lexicon/reporting.yaml`` (``source_heads``,
``source_determiners``); a phrase with any other head ("the toll", "the report") is no source.
The module also reads the other ways a phrase points at its source: a capitalised name with its
title dropped, a country's possessive before an institution, the body a named spokesperson
speaks for, an anaphoric object ("according to the ministry").

>>> from toolkit.read.lexicon import default_lexicon
>>> source_phrase("three local officials ", default_lexicon())
'local officials'
>>> source_phrase("the toll ", default_lexicon()) is None
True
"""

from __future__ import annotations

import re

from toolkit.extract.claimant_types import source_kinds
from toolkit.read.lexicon import ActorMention, Lexicon

_WORD = re.compile(r"[\w'’.-]+|[^\w\s]")
_PREPOSITIONS = frozenset("in of for at from on with near across by to over".split())
_STOPS = frozenset("that which who whom whose while when after as because but and or".split())
#: an acronym standing alone for a body ("IOM estimates", "according to AP")
_ACRONYM = re.compile(r"[A-Z]{2,6}")


def _words(lexicon: Lexicon, key: str) -> frozenset[str]:
    name = f"sources.{key}"
    if name not in lexicon.cache:
        lexicon.cache[name] = frozenset(str(w).lower() for w in lexicon.reporting.get(key, []) or [])
    return lexicon.cache[name]


def spokesperson_heads(lexicon: Lexicon) -> frozenset[str]:
    """The nouns of one who speaks for a body (``spokesperson_heads``: "spokesman"), lower-cased."""
    return _words(lexicon, "spokesperson_heads")


def source_heads(lexicon: Lexicon) -> frozenset[str]:
    """The head nouns that make a noun phrase a source (``source_heads``), lower-cased."""
    return _words(lexicon, "source_heads")


#: the endings of English agent nouns ("operator", "organisers", "activists", "physicians",
#: "participants", "volunteers"), singular or plural; "-ment" nouns are things ("statement")
_AGENT_NOUN = re.compile(r"[a-z]{2,}(?:er|or|ist|yst|ian|ant|ent|eer)s?")


def agent_noun(word: str, lexicon: Lexicon) -> bool:
    """Whether a lower-case head noun names a person, a group or a body by its form alone.

    Unseen stories name their sources with nouns no list foresees (issue 13): an agent noun
    ("the operators said", "organisers estimated") is a speaker as much as "officials" is. The
    words with those endings that name no one are ``reporting.yaml`` ``not_agent_nouns``.

    >>> from toolkit.read.lexicon import default_lexicon
    >>> agent_noun("organisers", default_lexicon()), agent_noun("number", default_lexicon())
    (True, False)
    """
    return word.islower() and _AGENT_NOUN.fullmatch(word) is not None \
        and not re.search(r"ments?$", word) and word not in _words(lexicon, "not_agent_nouns")


def singulars(word: str) -> tuple[str, ...]:
    """The singulars a regular English plural may stand for ("unions" -> "union", "agencies"
    -> "agency", "churches" -> "church"); empty for a word that is no regular plural."""
    low = word.lower()
    if len(low) < 4 or not low.endswith("s") or low.endswith("ss"):
        return ()
    if low.endswith("ies"):
        return (low[:-3] + "y",)
    return (low[:-1], low[:-2]) if low.endswith("es") else (low[:-1],)


def listed_head(word: str, heads: frozenset[str]) -> bool:
    """Whether ``word`` or its singular is in ``heads``: the lists name a body once, and a
    text names several ("the unions said", "local councils reported", issue 13)."""
    low = word.lower()
    return low in heads or any(one in heads for one in singulars(low))


def is_source_head(word: str, lexicon: Lexicon) -> bool:
    """Whether a head noun makes its noun phrase a source: listed (``source_heads``, singular or
    plural) or an agent noun (:func:`agent_noun`)."""
    return listed_head(word, _words(lexicon, "source_heads")) or agent_noun(word.lower(), lexicon)


def source_phrase(phrase: str, lexicon: Lexicon) -> str | None:
    """The source named by a noun phrase (a subject, or the object of "according to"), or None.

    ``phrase`` is the phrase's text; it is cut at its first comma, relative pronoun or
    conjunction. Returns the tidied phrase when its head noun is a source head, an acronym when
    the phrase is only one ("UNRWA"), else None.
    """
    heads = _words(lexicon, "source_heads")
    dets = _words(lexicon, "source_determiners")
    toks = _WORD.findall(phrase.strip(" ,\"“”'"))
    cut = next((i for i, t in enumerate(toks) if t in ",;:()[]\"“”—" or t.lower() in _STOPS), len(toks))
    toks = toks[:cut]
    while toks and toks[0].lower() in dets:
        toks = toks[1:]
    if len(toks) == 1 and _ACRONYM.fullmatch(toks[0]):
        return toks[0]
    prep = next((i for i, t in enumerate(toks) if t.lower() in _PREPOSITIONS), len(toks))
    core = toks[:prep]
    if core and core[0][:1].isupper() and core[0].endswith(("'s", "’s")) and len(core) > 1:
        core = [core[0][:-2]] + core[1:]  # "Gaza's health ministry" -> "Gaza health ministry"
    owner = next((i for i, t in enumerate(core[:-1]) if t.endswith(("'s", "’s")) and t[:1].islower()), None)
    if owner is not None and core[owner][:-2].lower() in _words(lexicon, "place_possessors"):
        core = core[owner + 1:]  # "the country's health ministry": the place stands in for a name
    if not core or len(core) > 6 or any(t.endswith(("'s", "’s")) for t in core[:owner] if owner is not None) \
            or owner is None and any(t.endswith(("'s", "’s")) for t in core) or not _is_head(core, heads, lexicon):
        return None  # (a noun phrase of more than six words is a misread clause, not a name)
    return " ".join(core + _kept_complement(toks[prep:], core[-1].lower()))


def _is_head(core: list[str], heads: frozenset[str], lexicon: Lexicon) -> bool:
    last = core[-1].lower()
    two = " ".join(core[-2:]).lower()
    # (an agent noun only heads a plain phrase: "the Headquarters regarding the prisoners" is two)
    plain = not any(t.lower() in ("the", "a", "an") for t in core[1:])
    return (listed_head(last, heads) or two in heads or plain and agent_noun(core[-1], lexicon)) \
        and not last[:1].isdigit()


def _kept_complement(rest: list[str], head: str) -> list[str]:
    """The prepositional phrase after a source head that belongs to its name, if any.

    "in Gaza", "of Health" (a capitalised place or body) and "for" after a spokesman (whom he
    speaks for) are kept; "in the regional capital", "from the central region" are not.
    """
    if not rest:
        return []
    prep = rest[0].lower()
    if prep in ("in", "of") and len(rest) > 1 and rest[1][:1].isupper() and rest[1] != "The":
        run = [rest[0]]
        for t in rest[1:]:
            if not t[:1].isupper():
                break
            run.append(t)
        return run
    if prep == "of" and 1 < len(rest) <= 3 and all(t.isalpha() and t.islower() for t in rest[1:]) \
            and rest[1] not in ("the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those"):
        return rest  # "the ministry of health", "the department of education": its field names it
    if prep == "for" and head in ("spokesman", "spokeswoman", "spokesperson"):
        run = [rest[0]]
        for t in rest[1:]:
            if t.lower() in _PREPOSITIONS:
                break
            run.append(t)
        return run if len(run) > 1 else []
    return []



#: a word of a capitalised name; "al-Qudra", "el-Drese": a lower-case particle joined to one
_NAME_TOKEN = re.compile(r"[A-Z][\w'’.-]*|[a-z]{1,3}-[A-Z][\w'’.-]*|of|for|the")


def media_name_after(text: str, end: int, hi: int, lexicon: Lexicon) -> int | None:
    """The end of an outlet's name that a place or state opens ("the Kyiv Independent", "the
    Moscow Times", "Korea Herald"): capitalised words right after ``end`` whose last is a word
    that ends outlets' names (``reporting.yaml`` ``source_kinds.media_names``); None otherwise."""
    names = source_kinds(lexicon).get("media_names", frozenset())
    m = _CAPITALISED_AFTER.match(text, end, hi)
    if m is None or m.group(1).split()[-1].lower() not in names:
        return None
    return m.end()


_CAPITALISED_AFTER = re.compile(r" ((?:[A-Z][\w'’.-]*)(?: [A-Z][\w'’.-]*){0,2})(?![\w'’-])")


def _demonym_start(run: list[tuple[int, int, str]], lexicon: Lexicon) -> bool:
    """True when the run opens with a word of a demonym or an actor's name ("South Korean MP ...")."""
    words = " ".join(w[2] for w in run)
    hits = lexicon.actors.find(words)
    return bool(hits) and hits[0].start == 0 and len(run) > len(hits[0].text.split())


def _outlet_run(run: list[tuple[int, int, str]], lexicon: Lexicon) -> bool:
    """Whether the run is an outlet's name opened by a place ("Kyiv Independent")."""
    words = " ".join(w[2] for w in run)
    hits = lexicon.actors.find(words)
    return bool(hits) and hits[0].start == 0 and media_name_after(words, hits[0].end, len(words), lexicon) == len(words)


def proper_name(text: str, lo: int, hi: int, lexicon: Lexicon, aux: frozenset[str] = frozenset()) -> str | None:
    """A claimant outside the actor lexicon: the last run of capitalised words in the phrase.

    "a study for Germany's Friedrich Naumann Foundation" -> "Friedrich Naumann Foundation";
    titles are dropped, with what comes before them ("Defense Secretary Jane Roe", "Turkish
    President Jane Roe" -> "Jane Roe"). Returns None unless the run
    has at least two capitalised words, so a sentence's first word is never taken for a name.
    """
    titles = {str(t) for t in lexicon.reporting.get("titles", []) or []}
    heads = {str(h) for h in lexicon.reporting.get("institution_heads", []) or []}
    words = [(m.start() + lo, m.end() + lo, m.group(0)) for m in re.finditer(r"[\w'’.-]+|[^\w\s]", text[lo:hi])]
    best: list[tuple[int, int, str]] = []
    best_definite = False
    run: list[tuple[int, int, str]] = []
    for w in words + [(hi, hi, ",")]:
        token = w[2]
        if (_NAME_TOKEN.fullmatch(token) or token == "and" and any(r[2] in heads for r in run)) \
                and not token.endswith(("'s", "’s")):
            # ("and" only inside an institution's name: "Center for Strategic and International
            # Studies", not "Park and Lee")
            run.append(w)
            continue
        if token.endswith(("'s", "’s")) and token[:1].isupper():
            run = []  # "Germany's": a possessor, not part of the name
            continue
        while run and not _capital(run[-1][2]):
            run.pop()
        while run and (not run[0][2][:1].isupper() or run[0][2] in titles or _demonym_start(run, lexicon)
                       and not _outlet_run(run, lexicon)):
            hits = lexicon.actors.find(" ".join(w[2] for w in run))
            drop = len(hits[0].text.split()) if hits and hits[0].start == 0 and run[0][2][:1].isupper() \
                and run[0][2] not in titles else 1
            del run[:drop]
        definite = bool(run) and run[0][2] == "The"
        _after_title(run, titles, heads)
        if sum(1 for r in run if _capital(r[2])) >= 2:
            best, best_definite = run, definite
        run = []
    if not best:
        return None
    for k in range(1, len(best)):
        # ("The Times of Israel": a name after "the" is no person's, so "of" goes on with it)
        if best[k][2] == "of" and not best_definite and not any(b[2] in heads for b in best[:k]):
            best = best[:k]  # "Jane Roe of Example University": the person, not the affiliation
            break
    if sum(1 for r in best if _capital(r[2])) < 2:
        return None
    name = text[best[0][0]:best[-1][1]]
    if name.split()[0].lower() in aux:
        return None
    hits = lexicon.actors.find(name)
    if hits and not (len(hits) == 1 and hits[0].start == 0
                     and media_name_after(name, hits[0].end, len(name), lexicon) == len(name)):
        return None  # (but "Kyiv Independent": an outlet named after a place is the outlet)
    return name




def _capital(token: str) -> bool:
    return token[:1].isupper() or re.match(r"[a-z]{1,3}-[A-Z]", token) is not None


def _after_title(run: list[tuple[int, int, str]], titles: set[str], heads: set[str]) -> None:
    """Drop a person's title and what precedes it ("Turkish President Jane Roe" -> "Jane Roe"),
    in place; an institution's name ("Chief of the General Staff") is left whole."""
    while run and run[0][2] in ("The", "A", "An"):
        del run[0]
    if not run or run[-1][2] in heads:
        return
    last = max((k for k, w in enumerate(run[:-1]) if w[2] in titles), default=-1)
    if last >= 0 and sum(1 for w in run[last + 1:] if _capital(w[2])) >= 2:
        del run[:last + 1]


def unlisted(text: str, lo: int, hi: int, lexicon: Lexicon, aux: frozenset[str] = frozenset()) -> str | None:
    """A claimant the lexicon does not know, named by ``text[lo:hi]`` (see the module docstring).

    A capitalised name ("Coordination Headquarters for the Treatment of Prisoners of War") or a
    source noun phrase ("the health ministry in Gaza", "local authorities"), the longer when one
    contains the other; None for an anaphor ("the ministry": an earlier sentence names it).
    """
    words = list(re.finditer(r"[\w'’-]+", text[lo:hi]))
    while words and words[-1].group(0).lower() in aux and not text[lo + words[-1].end():hi].strip():
        hi = lo + words.pop().start()  # "IOM has counted": the subject ends before its auxiliaries
    phrase = re.sub(r"\s+", " ", text[lo:hi].strip(" ,\"“”")).lower()
    if phrase in {str(f).lower() for f in lexicon.reporting.get("anaphors", []) or []}:
        return None  # ("the military also reported": the anaphor without its auxiliaries)
    named = proper_name(text, lo, hi, lexicon, aux)
    source = source_phrase(text[lo:hi], lexicon)
    return source if source and (named is None or named in source) else named


def appositive_name(text: str, lo: int, start: int, vs: int, lexicon: Lexicon, aux: frozenset[str] = frozenset()) -> str | None:
    """'Jane Roe, the group's secretary-general, told ...': the name the appositive describes."""
    if not text[start:vs].rstrip().endswith(","):
        return None
    before = text[lo:start].rstrip()
    if not before.endswith(","):
        return None
    head = max(before.rfind(c, 0, len(before) - 1) for c in ".;:\"“”") + 1
    named = unlisted(text, lo + head, lo + len(before) - 1, lexicon, aux)
    if not named or not before[:-1].rstrip().endswith(named.rsplit(" ", 1)[-1]):
        return None
    if proper_name(text, lo + head, lo + len(before) - 1, lexicon, aux) is None:
        # "A resident, Jane Roe, said": a name in the appositive is more precise than a noun
        return proper_name(text, start, vs, lexicon, aux) or named
    return named


def full_name_before(text: str, pos: int, surname: str, lexicon: Lexicon, aux: frozenset[str] = frozenset()) -> str | None:
    """The last full name before ``pos`` that ends with ``surname`` ("Jane Roe" for "Roe"), or None."""
    found = None
    for m in re.finditer(rf"(?:[A-Z][\w'’-]*\s){{1,3}}{re.escape(surname)}(?![\w'’-])", text[:pos]):
        found = m
    if found is None:
        return None
    name = proper_name(text, found.start(), found.end(), lexicon, aux)
    return name if name and name.endswith(surname) and name != surname else None


def possessed(text: str, owner: ActorMention, hi: int, lexicon: Lexicon, aux: frozenset[str] = frozenset()) -> str | None:
    """The speaker an actor's possessive introduces, when it is not the actor itself, or None.

    "Ukraine's Deputy Defence Minister Jane Roe" -> "Jane Roe"; "Gaza's health ministry" ->
    "Gaza health ministry" (an institution keeps its name); "Ukraine's officials" -> None (a
    generic head: the state speaks, as with a demonym).
    """
    named = _name_in_apposition(text, owner.end, hi, lexicon)
    if named:
        return named
    if text[owner.end:owner.end + 2] not in ("'s", "’s"):
        return None
    named = proper_name(text, owner.end + 2, hi, lexicon, aux)
    if named:
        return named
    phrase = source_phrase(text[owner.end + 2:hi], lexicon)
    generic = {str(h).lower() for h in lexicon.reporting.get("demonym_heads", []) or []}
    if phrase is None or phrase.lower() in generic or _ACRONYM.fullmatch(phrase):
        return None
    return f"{text[owner.start:owner.end]} {phrase}"


# ", Jane K. Roe, " right before the verb: two to four capitalised words (initials too) between commas
_APPOSED_NAME = re.compile(r",\s+((?:[A-Z][\w'’-]*\.?|[a-z]{1,3}-[A-Z][\w'’-]*)(?:\s+(?:[A-Z][\w'’-]*\.?|[a-z]{1,3}-[A-Z][\w'’-]*|von|van|de|al|bin)){1,3}),\s*(?:[a-z]+ly\s+)?$")


def _name_in_apposition(text: str, lo: int, hi: int, lexicon: Lexicon) -> str | None:
    """"the UN high commissioner for refugees, Jane Roe, warned": a title phrase after an actor,
    then a person's name between commas before the verb; the person speaks, not the actor."""
    m = _APPOSED_NAME.search(text, lo, hi)
    if m is None or re.search(r"[,;:.\"“”()]", text[lo:m.start()]) or m.start() - lo > 80:
        return None
    heads = {str(w).lower() for w in lexicon.reporting.get("source_heads", []) or []} \
        | {str(w).lower().strip(".") for w in lexicon.reporting.get("titles", []) or []}
    title = {w.lower() for w in re.findall(r"[\w-]+", text[lo:m.start()])}
    return m.group(1) if title & heads else None


def object_anaphor(text: str, pos: int, hi: int, lexicon: Lexicon) -> str | None:
    """The anaphoric object of a preposition ("according to the ministry", "according to
    ministry figures"), lower-cased ("the ministry"), or None."""
    m = re.search(r"[,;:.\"“”(]|\b(?:that|who|which)\b", text[pos:hi])
    end = pos + m.start() if m else hi
    phrase = re.sub(r"\s+", " ", text[pos:end].strip()).lower()
    forms = {str(f).lower() for f in lexicon.reporting.get("anaphors", []) or []}
    source = document_source(text, pos, end, lexicon)
    if source is not None and not source.lower().startswith("the "):
        source = f"the {source}"
    return phrase if phrase in forms else source.lower() if source and source.lower() in forms else None


_NOT_IN_NAME = frozenset("in on at from by with to for".split())


def document_source(text: str, lo: int, hi: int, lexicon: Lexicon, aux: frozenset[str] = frozenset(),
                    *, from_author: bool = False) -> str | None:
    """The source of a document named in ``text[lo:hi]`` ("ministry figures" -> "ministry", "a
    tally made public by the government in Damascus" -> "government in Damascus"), or None.
    With ``from_author`` the source may follow "from" too ("figures from the ministry")."""
    docs, dets = _words(lexicon, "document_heads"), _words(lexicon, "source_determiners")
    toks = _WORD.findall(text[lo:hi])
    i = 0
    while i < len(toks) and toks[i].lower() in dets:
        i += 1
    j = next((k for k in range(i, len(toks)) if toks[k].lower() in docs), None)
    if j is None or any(t.lower() in _NOT_IN_NAME or not re.match(r"[\w'’-]", t) for t in toks[i:j]):
        return None
    if j > i and not (from_author and not _names_author(toks[i:j], lexicon)):
        return " ".join(toks[i:j]).removesuffix("'s").removesuffix("’s")
    by = re.search(r"\bby\s", text[lo:hi])
    if by is None and from_author:
        # "figures from the health ministry", "a report by the council" as a subject (issue 13)
        by = re.search(r"\bfrom\s", text[lo:hi])
    return unlisted(text, lo + by.end(), hi, lexicon, aux) if by else None


def _names_author(words: list[str], lexicon: Lexicon) -> bool:
    """Whether the words before a document noun name who wrote it ("IOM", "the ministry's",
    "Western media") rather than describe it ("a previous", "the latest", "new")."""
    last = words[-1].removesuffix("'s").removesuffix("’s")
    return any(w[:1].isupper() for w in words) or words[-1].endswith(("'s", "’s")) or is_source_head(last.lower(), lexicon)


def fits_anaphor(name: str | None, pronoun: str, lexicon: Lexicon) -> bool:
    """Whether the anaphor ``pronoun`` ("it", "the ministry") can point back to the claimant ``name``."""
    if name is None:
        return False
    kind = lexicon.actors.type_of(name)
    noun = pronoun.rsplit(" ", 1)[-1]
    if pronoun.startswith("the ") and noun in spokesperson_heads(lexicon):
        pronoun = "he"  # "the spokesperson said": the body or person the last claim came from
    if kind is None and pronoun.startswith("the ") and noun in source_heads(lexicon):
        # a name outside the lexicon: "the ministry" is "the health ministry in Gaza", not
        # "Western media"
        return noun in name.lower().split()
    allowed = (lexicon.reporting.get("anaphor_types") or {}).get(pronoun)
    if allowed is not None:
        return kind is None or kind in allowed
    if pronoun in ("he", "she"):
        # people are often aliases of their agency ("Sabrina Singh" -> Pentagon), so only
        # states and media are ruled out
        return kind not in ("state", "media")
    if pronoun == "it":  # (nor a plural outside the lexicon: "local sources" are "they")
        last = name.split()[-1]
        return kind != "person" and not (kind is None and last.islower() and re.search(r"[^s]s$", last))
    return True


def continues_report(text: str, span: tuple[int, int], lexicon: Lexicon) -> bool:
    """Whether a sentence opens by pointing back at what the sentence before counted ("This
    number includes ...", "Among the dead, ...", "Regarding the wounded, ..."): the openers are
    ``reporting.yaml`` ``continuations``."""
    key = "sources.continuations"
    if key not in lexicon.cache:
        forms = sorted((str(f) for f in lexicon.reporting.get("continuations", []) or []), key=len, reverse=True)
        lexicon.cache[key] = re.compile(r"[\"“‘']?(?:" + "|".join(r"\s+".join(map(re.escape, f.split())) for f in forms)
                                        + r")(?![\w-])", re.IGNORECASE) if forms else None
    pattern = lexicon.cache[key]
    lo = span[0]
    while lo < span[1] and text[lo].isspace():
        lo += 1
    return pattern is not None and pattern.match(text, lo, span[1]) is not None


def closing_cue(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """A sentence that opens a quotation it does not close ('"Most are men.'): the stretch after
    the closing mark, to the end of the sentence that holds it (', the agency said.'), or None."""
    body = text[span[0]:span[1]].lstrip()
    if not body or body[0] not in "\"“":
        return None
    close = "”" if body[0] == "“" else "\""
    if close in body[1:]:
        return None
    end = text.find(close, span[1], span[1] + 1500)
    if end == -1:
        return None
    stop = re.search(r"[.!?](?=\s|$)|\n", text[end + 1:end + 200])
    return (end + 1, end + 1 + (stop.start() if stop else min(200, len(text) - end - 1)))


def titled_before(text: str, pos: int, description: str, lexicon: Lexicon) -> str | None:
    """"the Turkish president said" after "Turkish President Jane Roe": the person an earlier
    sentence introduced with the title the description repeats, or None."""
    words = description.split()
    if not 1 <= len(words) <= 4 or words[-1].lower() not in source_heads(lexicon) or not words[-1].islower():
        return None
    title = r"\s+".join(re.escape(w) for w in words)
    found = None
    lo = max(0, pos - 4000)  # (a bounded look back: a scan from the start per claim is quadratic)
    for m in re.finditer(rf"(?i:{title})\s+((?:[A-Z][\w'’.-]*\s+){{0,3}}[A-Z][\w'’-]*)", text[lo:pos]):
        found = m
    if found is None or not found.group(1)[0].isupper() or found.group(0).split()[len(words) - 1].islower():
        return None
    a, b = lo + found.start(1), lo + found.end(1)
    name = proper_name(text, a, b, lexicon)
    return name or next((m.name for m in lexicon.actors.find(text, a, b)), None)


def longer_form(text: str, name: str, lexicon: Lexicon) -> str:
    """The full name the article gives a body it also names short ("Coordination HQ" for the
    "Coordination Headquarters for the Treatment of Prisoners of War"): a capitalised name that
    starts with the same word and spells every short word, an abbreviation ("HQ") by letters
    that appear in order in one of its words; else ``name`` itself."""
    short = name.split()
    if len(short) < 2 or lexicon.actors.type_of(name) is not None or not all(w[:1].isupper() for w in short):
        return name
    best = name
    heads = {str(h) for h in lexicon.reporting.get("institution_heads", []) or []}
    for long in _capitalised_runs(text, lexicon).get(short[0], ()):
        long = list(long)
        while long and long[-1][:1].islower():
            long.pop()
        if len(long) > len(best.split()) and heads & set(long) and _spells(short, long):
            best = " ".join(long)
    return best


_RUN = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*+(?:[ \t]+(?:[A-Z][\w'’-]*+|of|for|the|and))+")


def _capitalised_runs(text: str, lexicon: Lexicon) -> dict[str, list[tuple[str, ...]]]:
    """Every run of capitalised words in ``text`` (with of/for/the/and inside), by each of its
    words that could start a short form; read once per text (a scan per claimant made the
    figures pass quadratic)."""
    cached = lexicon.cache.get("sources.runs")
    if cached is not None and cached[0] is text:
        return cached[1]
    index: dict[str, list[tuple[str, ...]]] = {}
    for m in _RUN.finditer(text):
        words = m.group(0).split()
        for i, w in enumerate(words):
            if w[:1].isupper():
                index.setdefault(w, []).append(tuple(words[i:]))
    lexicon.cache["sources.runs"] = (text, index)
    return index


def _spells(short: list[str], long: list[str]) -> bool:
    """Whether the words of ``short`` stand, in order, for words of ``long`` (equal, or an
    abbreviation: capitals whose letters appear in order in the word, from its first)."""
    i = 0
    for w in short:
        while i < len(long) and not _abbreviates(w, long[i]):
            i += 1
        if i == len(long):
            return False
        i += 1
    return True


def _abbreviates(short: str, word: str) -> bool:
    if short.lower() == word.lower():
        return True
    if not (short.isupper() and 2 <= len(short) <= 4) or short[0] != word[0].upper():
        return False
    rest = iter(word.lower())
    return all(ch in rest for ch in short.lower())


def bare_spokesperson(subject: str, lexicon: Lexicon) -> bool:
    """"Spokesman Jane Roe said" with no body named: the spokesperson of the body whose claim
    the text reported just before ("the Defence Ministry gave its estimate. Spokesman X said")."""
    words = subject.strip(" ,\"“”").split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return len(words) >= 2 and words[0].lower() in spokesperson_heads(lexicon) and words[1][:1].isupper()


def spoken_for(subject: str, lexicon: Lexicon) -> str | None:
    """The body a named spokesperson speaks for ("the ministry spokesman Jane Roe" -> "the
    ministry"), as the lexicon reads "Kremlin spokesman" as the Kremlin; else None."""
    key = "sources.spokesperson"
    if key not in lexicon.cache:
        heads = "|".join(re.escape(h) for h in sorted(spokesperson_heads(lexicon), key=len, reverse=True))
        lexicon.cache[key] = re.compile(rf"\b(?i:{heads})\s+(?=[A-Z])") if heads else None
    m = lexicon.cache[key].search(subject) if lexicon.cache[key] is not None else None
    if m is None:
        return None
    body = subject[:m.start()].strip(" ,\"“”")
    return body if body and not body.endswith(("'s", "’s")) else None


__all__ = ["agent_noun", "appositive_name", "is_source_head", "listed_head", "singulars", "bare_spokesperson", "closing_cue", "continues_report", "fits_anaphor", "longer_form", "spokesperson_heads", "titled_before", "document_source", "full_name_before", "object_anaphor", "possessed", "proper_name", "source_heads",
           "source_phrase", "spoken_for", "unlisted"]
