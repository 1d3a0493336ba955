"""What kind of source a claimant is: the ``claimant_type`` column of ``figures``.

The kinds: ``state`` (a country or its government as a whole), ``agency`` (a body of a state:
a ministry, an army, a police force, an intelligence service, a legislature), ``official``
(one office holder named by the office: "the district governor"), ``person`` (a named
individual), ``media`` (an outlet or the press), ``organisation`` (a body outside the state:
aid groups, international bodies, think tanks, armed groups) and ``unnamed`` (sources the text
leaves unnamed: "U.S. officials", "witnesses", "local sources").

The actor lexicon types the names it knows (``state``, ``agency``, ``media``, ``person``; a
``military`` entry is an agency or a person by its name). Other names are typed by their words,
from ``source_kinds`` in ``reporting.yaml``, in this order: a media word anywhere, or an
outlet-name ending ("Japan Times") -> media; a non-state body's word anywhere ("the Committee
of the Red Cross") -> organisation; the last word (the head): several or unnamed
people -> unnamed, an office -> official, a state body -> agency, a government -> state, a
non-state body -> organisation; an unknown acronym ("IOM") -> organisation; a capitalised
name -> person; anything else -> unnamed. The head is the last word before a prepositional
complement ("government in Damascus" is headed by "government").
"""

from __future__ import annotations

import re

from toolkit.read.lexicon import Lexicon, default_lexicon

KINDS = ("state", "agency", "official", "person", "media", "organisation", "unnamed")
_LEXICON_TYPES = {"state": "state", "agency": "agency", "media": "media", "person": "person"}
_WORD = re.compile(r"[A-Za-z][\w'’.-]*")
_HEAD_ORDER = ("unnamed", "official", "agency", "state", "organisation")


def source_kinds(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    """``source_kinds`` as sets, built once per lexicon (kept in its cache)."""
    kinds = lexicon.cache.get("source_kinds")
    if kinds is None:
        table = lexicon.reporting.get("source_kinds") or {}
        kinds = {kind: frozenset(str(w).lower() for w in words or ()) for kind, words in table.items()}
        lexicon.cache["source_kinds"] = kinds
    return kinds


#: A name's head is the last word before a prepositional complement ("government in Damascus",
#: "Times of Israel", "Coordination Headquarters for the Treatment of Prisoners of War").
_COMPLEMENT = re.compile(r"\s(?:of|in|for|at|from|on|to)\s|,")


def _words(name: str) -> list[str]:
    head_part = _COMPLEMENT.split(name, maxsplit=1)[0]
    return [re.sub(r"['’]s$", "", w).rstrip(".") for w in _WORD.findall(head_part)]


def claimant_type(name: str | None, lexicon: Lexicon | None = None) -> str | None:
    """The kind of source ``name`` is (see the module's rules); None for no claimant.

    >>> claimant_type("Japan Times"), claimant_type("U.S. officials"), claimant_type("NIS")
    ('media', 'state', 'agency')
    """
    if not name or not name.strip():
        return None
    lexicon = lexicon or default_lexicon()
    known = lexicon.actors.normalise(name)
    if known is not None:
        kind = lexicon.actors.type_of(known)
        if kind in _LEXICON_TYPES:
            return _LEXICON_TYPES[kind]
        kind = _by_words(known, source_kinds(lexicon))  # a military entry: a body or a person, by its name
        return "agency" if kind == "organisation" else kind  # an armed force of a state is its body
    return _by_words(name, source_kinds(lexicon))


def _by_words(name: str, kinds: dict[str, frozenset[str]]) -> str:
    words = _words(name)
    if not words:
        return "unnamed"
    lower = [w.lower() for w in words]
    everywhere = {w.lower() for w in _WORD.findall(name)}
    if everywhere & kinds.get("organisation", frozenset()) and lower[-1] not in kinds.get("unnamed", ()):
        return "organisation"  # "Committee of the Red Cross": a non-state body anywhere in the name
    if any(w in kinds.get("media", ()) for w in lower) or (
            words[-1][:1].isupper() and lower[-1] in kinds.get("media_names", ())):
        return "media"
    for kind in _HEAD_ORDER:
        if lower[-1] in kinds.get(kind, ()):
            return kind
    if all(len(w) > 1 and w.isupper() for w in words):
        return "organisation" if len(words) == 1 else "agency"
    if any(w[:1].isupper() for w in words):
        return "person"
    return "unnamed"
