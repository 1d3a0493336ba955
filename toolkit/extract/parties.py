"""Parties: the side a claimant (figures) or an actor (events) speaks for.

The hierarchy is data: ``data/lexicon/parties.yaml`` lists, for each party, the canonical actors
of ``actors.yaml`` that speak for it. :func:`party_of` maps one name, in this order:

1. through the actors' aliases to a canonical name, then the hierarchy ("Seoul's spy agency" ->
   NIS -> South Korea); a party names itself ("Kyiv" -> Ukraine). An actor the lexicon knows but
   lists under no party (a news agency, NATO) has none;
2. a name the lexicon lacks, by the country it carries: the one party whose state or members
   the name mentions ("Ukrainian officials", "the Russian Defence Ministry", "a Pentagon
   spokesman"), unless the name's head speaks for no side (``unaligned_heads``: "Russian
   analysts") and no ``state_words`` qualify it ("Russian state media"), or the name is an
   outlet's named after a place ("Kyiv Post": reporting.yaml's ``source_kinds.media_names``);
3. with the article's text, a person or body named without a country, by what the article says
   of that name: the title run before it ("Ukraine's deputy minister Jane Roe"), an apposition
   after it ("Jane Roe, a South Korean lawmaker,"), or, for a speaker whose head is in
   ``relaying_heads``, the briefing it relays ("lawmakers briefed by the NIS": the relay words
   are reporting.yaml's ``relays``);
4. with the article's text, a state body or official named by its office alone (a word of
   ``institution_heads``: "the Interior Ministry", "the military", "local authorities", "a
   disaster agency official"), not someone's ("the aggressor state's defence ministry"): the
   state whose bodies are named before it in its sentence or in the one before ("... the
   Pentagon's. Defense officials said"), else the state the story is set in: the country most
   of the article's places are in (the first of them on a tie), when a party is that country
   (with no place, the one state party the article names).

Anything else (media, think tanks, experts, the unattributed) has no party (``None``).

A parties file may name parties and members that ``actors.yaml`` lacks (another conflict's
states, ministries and officials, given in an extra parties file: see
:meth:`toolkit.read.lexicon.Lexicon.load`); its ``names`` give their other names and demonyms.
They count in steps 1 and 2 for the party only (they rename no claimant or actor), and a name
matches one of them also with its words in another order ("the health ministry in Gaza" is
"Gaza's health ministry" is "Gaza health ministry").

>>> party_of("Seoul's spy agency"), party_of("Ukrainian officials"), party_of("Russian analysts")
('South Korea', 'Ukraine', None)
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import Any

from toolkit.extract.sources import is_source_head, media_name_after
from toolkit.read.lexicon import Actors, Lexicon, default_lexicon
from toolkit.records import Event, Figure

_TITLE_WORDS = 6  # how many words of a title run before a name are read
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


@dataclass(frozen=True)
class _Parties:
    """``parties.yaml`` compiled once per lexicon."""

    members: dict[str, str]  # canonical actor name -> party
    unaligned: re.Pattern[str] | None
    state_words: frozenset[str]
    relaying: re.Pattern[str] | None
    relays: re.Pattern[str] | None
    title_words: frozenset[str]
    described: re.Pattern[str] | None  # ", a South Korean lawmaker says." ending a sentence
    institution: re.Pattern[str] | None = None  # institution_heads
    countries: dict[str, str] | None = None  # ISO alpha-3 -> the party that is that country
    own: Actors | None = None  # the parties and members actors.yaml lacks, with their names
    own_keys: dict[frozenset[str], str] | None = None  # their names' words -> the name


_FILLER = frozenset({"the", "a", "an", "of", "in", "for", "'s"})
_NAME_WORD = re.compile(r"[\w.-]+|'s")
#: "the aggressor state's " right before a name: someone's body, not the setting's.
_POSSESSIVE_BEFORE = re.compile(r"\w['’]s\s+$")


def name_key(name: str) -> frozenset[str]:
    """A name's words without case, articles, "of"/"in"/"for" or possessives, in no order: one
    name worded two ways ("the health ministry in Gaza", "Gaza's health ministry") has one key."""
    return frozenset(_NAME_WORD.findall(name.replace("’", "'").lower())) - _FILLER


def _own_names(data: dict[str, Any], members: dict[str, str], lexicon: Lexicon) -> tuple[Actors | None, dict]:
    """The matcher of the parties and members that ``actors.yaml`` lacks: each by its own name
    and the aliases and demonyms its ``names`` entry gives (an entry may also add names to a
    party or member the actors lexicon knows; those still normalise to the lexicon's name)."""
    extra = data.get("names") or {}
    entries: dict[str, dict[str, Any]] = {}
    for name in members:
        canonical = lexicon.actors.normalise(name)
        if canonical is None or str(name) in extra:
            entry = dict(extra.get(name) or {})
            entries[str(canonical or name)] = {"type": "NA", "aliases": [name, *(entry.get("aliases") or [])],
                                               "demonyms": list(entry.get("demonyms") or [])}
    if not entries:
        return None, {}
    keys: dict[frozenset[str], str] = {}
    for name, entry in entries.items():
        for form in entry["aliases"]:
            keys.setdefault(name_key(str(form)), name)
    return Actors(entries), keys


def _pattern(forms: Any) -> re.Pattern[str] | None:
    words = sorted({str(f).strip() for f in forms or [] if str(f).strip()}, key=len, reverse=True)
    if not words:
        return None
    alternation = "|".join(r"\s+".join(re.escape(w) for w in f.split()) for f in words)
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)


def _tables(lexicon: Lexicon) -> _Parties:
    cached = lexicon.cache.get("parties")
    if cached is not None:
        return cached
    data = lexicon.parties or {}
    members: dict[str, str] = {}
    for party, names in (data.get("parties") or {}).items():
        members.setdefault(str(party), str(party))
        for name in names or []:
            members.setdefault(str(name), str(party))
    reporting = lexicon.reporting or {}
    titles = [*(reporting.get("titles") or []), *(reporting.get("source_heads") or []),
              *(reporting.get("demonym_heads") or []), *(data.get("relaying_heads") or [])]
    own, own_keys = _own_names(data, members, lexicon)
    tables = _Parties(
        own=own, own_keys=own_keys, institution=_pattern(data.get("institution_heads")),
        countries=_countries(data, members, lexicon),
        members=members,
        unaligned=_pattern(data.get("unaligned_heads")),
        state_words=frozenset(str(w).lower() for w in data.get("state_words") or []),
        relaying=_pattern(data.get("relaying_heads")),
        relays=_pattern(reporting.get("relays")),
        title_words=frozenset(w.lower().strip(".") for t in titles for w in str(t).split()),
        described=_described_pattern(reporting),
    )
    lexicon.cache["parties"] = tables
    return tables


def _described_pattern(reporting: dict[str, Any]) -> re.Pattern[str] | None:
    """", a South Korean lawmaker says." / ", said a senior official." at a sentence's end: an
    indefinite speaker (``who``) of one of reporting.yaml's verbs."""
    verbs = sorted({str(v) for kinds in (reporting.get("hedges") or {}).values()
                    for v in (kinds or {}).get("verbs", []) or [] if " " not in str(v)}, key=len, reverse=True)
    if not verbs:
        return None
    verb = "|".join(map(re.escape, verbs))
    who = r"an?\s+[\w'’.-]+(?:\s+[\w'’.-]+){0,5}"
    return re.compile(rf"(?:,\s+(?P<who>{who})\s+(?:has\s+|have\s+)?(?:{verb})|,\s+(?:{verb})\s+(?P<inverted>{who}))"
                      rf"[.!?][\"”]?$", re.IGNORECASE)


def _countries(data: dict[str, Any], members: dict[str, str], lexicon: Lexicon) -> dict[str, str]:
    """Each country (ISO alpha-3) that a party is, by the gazetteer: the party's name, or one of
    the other names its ``names`` entry or actors.yaml gives it ("Palestinian Territory")."""
    if not data.get("institution_heads"):
        return {}
    gazetteer = lexicon.gazetteer()
    names = data.get("names") or {}
    out: dict[str, str] = {}
    for party in sorted(set(members.values())):
        forms = [party, *((names.get(party) or {}).get("aliases") or [])]
        for form in forms:
            country = gazetteer.country(str(form))
            if country is not None:
                out.setdefault(country.alpha3, party)
                break
    return out


def party_of(name: str | None, *, lexicon: Lexicon | None = None, text: str | None = None) -> str | None:
    """The party ``name`` speaks for, or None; ``text`` (the article) lets step 3 read it."""
    if name is None or not str(name).strip():
        return None
    lexicon = lexicon or default_lexicon()
    tables = _tables(lexicon)
    canonical = lexicon.actors.normalise(name)
    if canonical is None and tables.own is not None:
        canonical = tables.own.normalise(name) or (tables.own_keys or {}).get(name_key(name))
    if canonical is not None:
        return tables.members.get(canonical)
    known, party = _by_country(name, lexicon, tables)
    if known or text is None:
        return party
    return _by_context(name, text, lexicon, tables)


def _by_country(name: str, lexicon: Lexicon, tables: _Parties) -> tuple[bool, str | None]:
    """(decided, party) from the parties the name mentions: decided is False when it names none."""
    mentions = lexicon.actors.find(name) + (tables.own.find(name) if tables.own is not None else [])
    if any(media_name_after(name, m.end, len(name), lexicon) == len(name) for m in mentions):
        return True, None  # "Kyiv Post", "the Moscow Times": an outlet named after a place is media
    found = {tables.members[m.name] for m in mentions if m.name in tables.members}
    if len(found) != 1:
        return bool(found), None
    if tables.unaligned is not None:
        for m in tables.unaligned.finditer(name):
            words = name[:m.start()].split()
            if not words or words[-1].lower() not in tables.state_words:
                return True, None  # "South Korean analysts", "Russian media"
    return True, found.pop()


@functools.lru_cache(maxsize=4096)
def _name_re(name: str) -> re.Pattern[str]:
    """A name's occurrences in any spacing and case (compiled once per name: issue 15)."""
    return re.compile(r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in name.split()) + r"(?![\w-])",
                      re.IGNORECASE)


def _by_context(name: str, text: str, lexicon: Lexicon, tables: _Parties) -> str | None:
    """The party the article gives a name the lexicon lacks: its title or apposition, else the
    briefing a relaying speaker passes on (first occurrence that tells, in text order)."""
    occurrences = list(_name_re(name).finditer(text))
    relaying = tables.relaying is not None and tables.relaying.search(name) is not None
    for m in occurrences:
        described = " ".join(filter(None, (_title_run(text, m.start(), tables), _apposition(text, m.end()))))
        party = _by_country(described, lexicon, tables)[1] if described else None
        if party is None:
            party = _located(text, m.start(), lexicon, tables)
        if party is None and m is occurrences[0]:
            described = _described_before(text, m.start(), tables)
            party = _by_country(described, lexicon, tables)[1] if described else None
        if party is not None:
            return party
    speaking = [m for m in occurrences if relaying or (tables.relaying is not None and
                                                       tables.relaying.search(_title_run(text, m.start(), tables)))]
    for m in speaking:
        party = _relayed(text, m.end(), lexicon, tables)
        if party is not None:
            return party
    for m in speaking:
        party = _nearby_source(text, m.start(), lexicon, tables)
        if party is not None:
            return party
    return _by_setting(name, occurrences, text, lexicon, tables)


def _by_setting(name: str, occurrences: list[re.Match[str]], text: str, lexicon: Lexicon,
                tables: _Parties) -> str | None:
    """Rule 4: a state body or official named by its office alone speaks for the side of the
    bodies named around it, else for the state the story is set in."""
    if tables.institution is None or not occurrences or tables.institution.search(name) is None:
        return None
    if tables.unaligned is not None and tables.unaligned.search(name):
        return None
    first = occurrences[0]
    if _POSSESSIVE_BEFORE.search(text[max(0, first.start() - 40):first.start()]):
        return None  # someone's ministry: the owner, not the setting, says whose
    lo, _ = _sentence_bounds(text, first.start())
    before = _sentence_bounds(text, lo - 2) if lo > 1 else (lo, lo)
    states = set((tables.countries or {}).values())
    for s0, s1 in ((lo, first.start()), before):
        found = {tables.members[m.name] for m in lexicon.actors.find(text, s0, s1)
                 if m.kind == "alias" and tables.members.get(m.name) in states
                 and lexicon.actors.type_of(m.name) != "state" and not _other_name(text, m)}
        if len(found) == 1:
            return found.pop()
        if found:
            return None
    return _setting(text, lexicon, tables)


def _setting(text: str, lexicon: Lexicon, tables: _Parties) -> str | None:
    """The party that is the country most of the article's places are in (the first named of
    those on a tie); in an article that names no place, the one state party it names; else None."""
    from toolkit.extract.places import find_places

    memo = lexicon.cache.setdefault("parties.setting", {})
    key = text  # the article itself (at most 256 kept), so no two articles can share an entry
    if key not in memo:
        if len(memo) > 256:
            memo.clear()
        counts: dict[str, int] = {}
        for place in find_places(text, lexicon=lexicon):
            if place.country:
                counts[place.country] = counts.get(place.country, 0) + 1
        best = max(counts.values(), default=0)
        top = [c for c in counts if counts[c] == best]  # dicts keep the order first named
        if top:
            memo[key] = (tables.countries or {}).get(top[0])
        else:  # no place: the one state the article names, by name, alias or demonym
            states = set((tables.countries or {}).values())
            mentions = lexicon.actors.find(text) + (tables.own.find(text) if tables.own is not None else [])
            named = {tables.members[m.name] for m in mentions if tables.members.get(m.name) in states}
            memo[key] = named.pop() if len(named) == 1 else None
    return memo[key]


def _title_run(text: str, start: int, tables: _Parties) -> str:
    """The title words just before a name ("Russian Deputy Foreign Minister"): capitalised words
    and the lexicon's titles and source heads, back to the first word that is neither."""
    words = text[max(0, start - 120):start].split()[-_TITLE_WORDS:]
    run: list[str] = []
    for word in reversed(words):
        bare = word.rstrip(",;:.").lower()
        bare_key = bare[:-2] if bare.endswith(("'s", "’s")) else bare
        if word[-1:] in ",;:" or (word.endswith(".") and bare_key not in tables.title_words):
            break
        if not (word[:1].isupper() or bare_key in tables.title_words):
            break
        run.append(word)
    return " ".join(reversed(run))


def _described_before(text: str, start: int, tables: _Parties) -> str:
    """"..., a South Korean lawmaker says. Jane Roe, who met them, said ...": a news lead
    describes its speaker and the next sentence names them. For a name that opens its sentence,
    the indefinite description (a source head or title last) that ends the sentence before it as
    the speaker of its reporting verb, else ""."""
    lo = _sentence_bounds(text, start)[0]
    if text[lo:start].strip(" \"“'‘") or tables.described is None or lo < 2:
        return ""
    p0, p1 = _sentence_bounds(text, lo - 2)
    m = tables.described.search(text[p0:p1].rstrip())
    if m is None:
        return ""
    who = m.group("who") or m.group("inverted")
    return who if who.split()[-1].lower().strip(".") in tables.title_words else ""


def _located(text: str, at: int, lexicon: Lexicon, tables: _Parties) -> str | None:
    """"In Seoul, the Defence Ministry said": a sentence that opens in a state's capital (or
    the state) places the institution it names there."""
    lo = _sentence_bounds(text, at)[0]
    m = re.match(r"\W*In\s+([^,.;:]{1,30}),", text[lo:at])
    if m is None:
        return None
    states = [a for a in lexicon.actors.find(m.group(1)) if a.kind == "alias" and a.type == "state"
              and a.text == m.group(1).strip()]
    return tables.members.get(states[0].name) if len(states) == 1 else None


def _apposition(text: str, end: int) -> str:
    """", a South Korean lawmaker," right after a name: the words up to the next comma."""
    m = re.match(r",\s*(?:an?|the)\s+([^,.;:()]{1,60})[,.;:]", text[end:end + 80])
    return m.group(1) if m else ""


def _relayed(text: str, end: int, lexicon: Lexicon, tables: _Parties) -> str | None:
    """The party of the source a speaker relays right after its name ("briefed by the NIS")."""
    stop = _SENTENCE_END.search(text, end)
    hi = stop.start() if stop else len(text)
    if tables.relays is None:
        return None
    m = tables.relays.search(text, end, hi)
    if m is None or text[end:m.start()].strip(" ,") and len(text[end:m.start()].split()) > 4:
        return None
    for mention in lexicon.actors.find(text, m.end(), min(hi, m.end() + 70)):
        if mention.name in tables.members:
            return tables.members[mention.name]
    return None


def _sentence_bounds(text: str, i: int) -> tuple[int, int]:
    ends = [m.end() for m in _SENTENCE_END.finditer(text, max(0, i - 400), i)]
    stop = _SENTENCE_END.search(text, i)
    return (ends[-1] if ends else max(0, i - 400)), (stop.end() if stop else len(text))


def _nearby_source(text: str, at: int, lexicon: Lexicon, tables: _Parties) -> str | None:
    """A legislator passes on the briefing of the source named with it: the party of the named
    sources other than states in its sentence, else in the sentence before or after, when they
    agree on one ("the spy agency estimates ..., lawmaker Jane Roe said")."""
    lo, hi = _sentence_bounds(text, at)
    before = _sentence_bounds(text, lo - 2) if lo > 1 else (lo, lo)
    after = _sentence_bounds(text, hi) if hi < len(text) else (hi, hi)
    for s0, s1 in ((lo, hi), before, after):
        found = {tables.members[m.name] for m in lexicon.actors.find(text, s0, s1)
                 if m.kind == "alias" and m.name in tables.members and lexicon.actors.type_of(m.name) != "state"
                 and not _other_name(text, m)}
        if len(found) == 1:
            return found.pop()
        if found:
            return None
    return None


def briefer_of(text: str, at: int, *, lexicon: Lexicon | None = None) -> str | None:
    """The source whose briefing a relaying speaker at ``at`` passes on, by its canonical name:
    the one after a relay word of its sentence ("lawmakers briefed by the NIS"; "briefed by the
    agency": the one named last before it, back to the sentence before), else the one named source other than a state of its sentence, or of the sentence before or after ("the spy
    agency estimates ..., lawmaker Jane Roe said"); None when none is named or two are."""
    lexicon = lexicon or default_lexicon()
    tables = _tables(lexicon)
    lo, hi = _sentence_bounds(text, at)

    def sources(s0: int, s1: int) -> list[str]:
        return [m.name for m in lexicon.actors.find(text, s0, s1)
                if m.kind == "alias" and m.name in tables.members and lexicon.actors.type_of(m.name) != "state"
                and not _other_name(text, m)]

    before = _sentence_bounds(text, lo - 2) if lo > 1 else (lo, lo)
    relay = tables.relays.search(text, max(lo, at - 60), hi) if tables.relays is not None else None
    if relay is not None:
        named = sources(relay.end(), min(hi, relay.end() + 70))
        if named:
            return named[0]
        # "briefed by the agency": the source named last before it
        earlier = sources(before[0], relay.start())
        return earlier[-1] if earlier else None
    after = _sentence_bounds(text, hi) if hi < len(text) else (hi, hi)
    for s0, s1 in ((lo, hi), before, after):
        found = set(sources(s0, s1))
        if len(found) == 1:
            return found.pop()
        if found:
            return None
    return None


def _other_name(text: str, mention: Any) -> bool:
    """A person's alias that runs on into more capitalised words is someone else's name
    ("Kim" of "Kim Byung-kee" is not Kim Jong Un)."""
    return mention.type == "person" and re.match(r"\s+[A-Z]", text[mention.end:mention.end + 2]) is not None


def with_parties(text: str, records: list[Any], field: str, *, lexicon: Lexicon | None = None) -> list[Any]:
    """The records with ``party`` set from their ``field`` (``claimant`` or ``actor``)."""
    lexicon = lexicon or default_lexicon()
    # one name's party per text in hand: the figures' claimants and the events' actors of an
    # article are often the same names (party_of reads nothing but the name, text and lexicon)
    kept = lexicon.cache.get("parties.memo")
    if kept is None or kept[0] is not text:
        kept = lexicon.cache["parties.memo"] = (text, {})
    memo: dict[str, str | None] = kept[1]
    out = []
    for rec in records:
        name = getattr(rec, field)
        if name is not None and name not in memo:
            memo[name] = party_of(name, lexicon=lexicon, text=text)
        party = memo.get(name) if name is not None else None
        out.append(rec if rec.party == party else replace(rec, party=party))  # records are frozen
    return out


def member_named(name: str, party: str | None, *, lexicon: Lexicon | None = None) -> str | None:
    """The one member of ``party`` that an unqualified name of two words or more shortens: "the
    Defence Ministry" of a South Korean story is the South Korean Defence Ministry (an alias of
    the member ends with the name). None when the name is the lexicon's already, or when no
    member or several fit."""
    lexicon = lexicon or default_lexicon()
    if party is None or lexicon.actors.normalise(name) is not None:
        return None
    words = re.sub(r"^(?:the|a|an)\s+", "", re.sub(r"\s+", " ", name.strip().replace("’", "'")), flags=re.I).lower()
    if len(words.split()) < 2:
        return None
    memo = lexicon.cache.setdefault("parties.members_named", {})
    key = (words, party)
    if key not in memo:
        members = _tables(lexicon).members
        fits = {canon for surface, (canon, kind) in lexicon.actors._surface.items()
                if kind == "alias" and canon != party and members.get(canon) == party and surface.endswith(" " + words)}
        memo[key] = fits.pop() if len(fits) == 1 else None
    return memo[key]


#: ", the aid group's secretary-general," right after a person's name: a role at a body named
#: by a common noun ("the agency's", "the ministry's"), an anaphor of a body named before.
_ROLE_AT = re.compile(r",\s+the\s+((?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*)['’]s\s+([a-z][\w-]*)(?:\s+[a-z][\w-]*){0,2}\s*,")


def names_the_lead_again(lead: str | None, lead_party: str | None, name: str | None, party: str | None,
                         after: str, *, lexicon: Lexicon | None = None) -> bool:
    """Whether ``name``, the speaker of the attribution right after an article's lead, is the
    lead's source ``lead`` named again (``after``: the text right after ``name``). A news lead
    attributes loosely and the next attribution names the source: the lead names it by a
    description, with no capital ("local authorities said Friday", "a disaster agency official
    said"), and the next speaker is of the same party ("the provincial information office said",
    "a spokesman for the disaster authority, Jane Roe, told dpa"); or the next speaker is a
    person given a role at a body named by a common noun ("the Red Crescent said. Jane Roe, the
    aid group's secretary-general, told ..."): "the aid group" is the body just named. A named
    lead ("the NIS said", then "the JCS said") keeps two speakers; a role at a place ("the
    country's president") is at no body."""
    if not lead or not name or lead == name:
        return False
    if lead_party and lead_party == party and not any(ch.isupper() for ch in lead):
        return True
    lexicon = lexicon or default_lexicon()
    m = _ROLE_AT.match(after)
    return m is not None and is_source_head(m.group(1).split()[-1], lexicon) and \
        is_source_head(m.group(2), lexicon) and lexicon.actors.type_of(lead) != "person"


def annotate_figures(text: str, figures: list[Figure], *, lexicon: Lexicon | None = None) -> list[Figure]:
    """Figures with their claimant's party; a claimant the lexicon lacks that shortens the name
    of one member of its party takes that name (see :func:`member_named`), so that one body is
    one claimant across stories."""
    lexicon = lexicon or default_lexicon()
    out = []
    for fig in with_parties(text, figures, "claimant", lexicon=lexicon):
        full = member_named(fig.claimant, fig.party, lexicon=lexicon) if fig.claimant else None
        out.append(replace(fig, claimant=full) if full else fig)
    return out


def annotate_events(text: str, events: list[Event], *, lexicon: Lexicon | None = None) -> list[Event]:
    """Events with their actor's party."""
    return with_parties(text, events, "actor", lexicon=lexicon)


__all__ = ["annotate_events", "annotate_figures", "briefer_of", "member_named", "names_the_lead_again", "party_of",
           "with_parties"]
