"""Places: where an event happened, or where a figure's count is (issue 16).

A clause names a place in one of four ways, tried in this order of trust:

1. a phrase of ``places.yaml``'s ``aliases`` ("Russian soil", "the front line in Kursk"), which
   is the place on its own;
2. a capitalised name after a locative preposition ("in Pyongyang", "near Chongjin", "to
   Russia", "in eastern Russia": ``prepositions`` and ``directions``);
3. a capitalised name before a place noun ("the Kursk region", "Belgorod Oblast":
   ``place_nouns``), which makes it a region;
4. a country's name with no such evidence ("North Korea sent troops"), trusted least, and
   never the country of the clause's own actor ("Russia denied it" happened nowhere in
   particular) nor a possessive ("South Korea's spy agency").

A name is resolved whole ("Paris Hilton" is no place even though Paris is) through the lexicon's
``names`` first, then the gazetteer (:mod:`toolkit.read.gazetteer`): a country by any of its ISO
or GeoNames names, a city by its GeoNames name (the most populous of that name, or the one in a
country the clause names: "Russia's Kursk"). A city needs the evidence of 2 or 3: "Jackson
said", "Victoria" and "Moscow denied" (the government, not the city) are not places.

What a place gets (the columns of ``events`` and ``figures``):

* ``location``: the lexicon's key for a place it lists ("Kursk Oblast"), else the gazetteer's
  name ("Vladivostok", "Russia"); a region named for a city the lexicon lacks is "<city>
  <noun>" ("Belgorod Oblast", "Sumy region");
* ``country``: ISO 3166-1 alpha-3; ``admin1``: the first-level subdivision (the lexicon's name
  for it, else ISO 3166-2's);
* ``latitude``, ``longitude``: a city's own, from GeoNames; a region's are its seat's, the
  city the lexicon names as ``seat`` or, for a region named after a city, that city (the rule
  ACLED follows for an event known only to its region); a country has none (NA), since one
  point would put a country-wide event in its capital;
* ``location_precision``: ``city``, ``region`` or ``country``.

Of a clause's places, the event takes the most specific (city, then region, then country),
then the most trusted, then the first.

>>> p = place_of("Kim Jong Un signed the treaty in Pyongyang on June 19.", 0, 53)
>>> p.location, p.country, p.location_precision, round(p.latitude, 1)
('Pyongyang', 'PRK', 'city', 39.0)
>>> place_of("Jackson said on Monday that talks would go on.", 0, 46) is None
True
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from toolkit.extract.english import load_english
from toolkit.read.alternation import alternation
from toolkit.read.lexicon import Lexicon, default_lexicon, load_lexicon
from toolkit.records import LOCATION_PRECISIONS, Event, Figure

#: The values of ``location_precision``, most specific first.
PRECISIONS = LOCATION_PRECISIONS
_TRUST = {"alias": 0, "preposition": 0, "noun": 0, "country": 1}

# A run of capitalised words: a name, maybe with a possessive inside ("Russia's Kursk").
_RUN = re.compile(r"(?<![\w'’-])[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*)*")
_POSSESSIVE = re.compile(r"['’]s?$")
# Inside a sentence, where a clause begins or ends: a semicolon or colon, a comma before a
# conjunction or relative word, "and" before a second predicate ("were captured in Kursk and
# are being held in Kyiv").
_CLAUSE_BREAK = re.compile(r";|:|,\s+(?=(?:and|but|while|whereas|although|though|which|who|where)\b)"
                           r"|\s(?=and\s+(?:are|is|was|were|has|have|had|will|would)\b)")


@dataclass(frozen=True, slots=True)
class Place:
    """One place named in a text, resolved."""

    start: int
    end: int
    text: str
    location: str
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None
    latitude: float | None
    longitude: float | None
    location_precision: str  # city, region or country
    evidence: str  # alias, preposition, noun or country
    possessive: bool = False

    def rank(self) -> tuple[int, int, int]:
        return PRECISIONS.index(self.location_precision), _TRUST[self.evidence], self.start


@dataclass(frozen=True)
class _Places:
    """``places.yaml`` compiled once per lexicon."""

    entries: dict[str, dict[str, Any]]
    names: dict[str, str]  # folded name -> entry key
    aliases: re.Pattern[str] | None
    alias_keys: dict[str, str]  # folded alias -> entry key
    before: re.Pattern[str] | None  # a preposition (+ the, + direction) ending right before a name
    after_the: re.Pattern[str]  # "the" (+ direction) ending right before a name
    calendar: frozenset[str]  # month and weekday names: "in March" is a date, not March, England
    verbs: dict[str, re.Pattern[str]]  # an event's action lemma -> its forms (events.yaml)
    reporting: re.Pattern[str] | None  # ", the NIS said": a reporting clause after a comma
    nouns: re.Pattern[str] | None  # a place noun right after a name
    noun_words: frozenset[str]


def _fold(name: str) -> str:
    return " ".join(name.lower().replace("’", "'").split())


def _alternation(words: Sequence[str], flags: int = re.IGNORECASE) -> str:
    """The words, longest first, as one alternation for a pattern compiled with ``flags``."""
    forms = sorted({str(w).strip() for w in words if str(w).strip()}, key=len, reverse=True)
    return alternation((r"\s+".join(re.escape(part) for part in f.split()) for f in forms), flags) if forms else ""


def _tables(lexicon: Lexicon) -> _Places:
    cached = lexicon.cache.get("places")
    if cached is not None:
        return cached
    data = lexicon.places or {}
    entries = {str(k): dict(v or {}) for k, v in (data.get("places") or {}).items()}
    names: dict[str, str] = {}
    alias_keys: dict[str, str] = {}
    for key, entry in entries.items():
        for name in [key, *(entry.get("names") or [])]:
            names.setdefault(_fold(str(name)), key)
        for alias in entry.get("aliases") or []:
            alias_keys.setdefault(_fold(str(alias)), key)
    aliases = _alternation(list(alias_keys))
    preps, dirs = _alternation(data.get("prepositions") or []), _alternation(data.get("directions") or [])
    nouns = _alternation(data.get("place_nouns") or [])
    english = load_english(lexicon.root)
    verbs, reporting = _event_words(lexicon)
    before = None
    direction = ""
    if preps:
        direction = rf"(?:(?:{dirs})\s+)?" if dirs else ""
        before = re.compile(rf"(?<![\w-])(?:{preps})\s+(?:the\s+)?{direction}$", re.IGNORECASE)
    tables = _Places(
        entries=entries, names=names,
        aliases=re.compile(rf"(?<![\w-])(?:{aliases})(?![\w-])", re.IGNORECASE) if aliases else None,
        alias_keys=alias_keys, before=before,
        after_the=re.compile(rf"(?<![\w-])the\s+{direction if preps else ''}$", re.IGNORECASE),
        calendar=frozenset(_fold(w) for w in [*english.all_months, *english.weekdays]),
        verbs=verbs, reporting=reporting,
        nouns=re.compile(rf"\s+(?:{nouns})(?![\w-])", re.IGNORECASE) if nouns else None,
        noun_words=frozenset(_fold(str(n)) for n in data.get("place_nouns") or []),
    )
    lexicon.cache["places"] = tables
    return tables


def _event_words(lexicon: Lexicon) -> tuple[dict[str, re.Pattern[str]], re.Pattern[str] | None]:
    """From events.yaml: each action lemma's forms (verbs and nouns), and the reporting clause
    of a statement verb after a comma (", South Korea's spy agency said")."""
    events = load_lexicon("events", root=lexicon.root) or {}
    statements = {str(k) for k in events.get("statement_kinds") or ()}
    forms: dict[str, list[str]] = {}
    said: list[str] = []
    for kind, entry in (events.get("kinds") or {}).items():
        for lemma, inflected in ((entry or {}).get("verbs") or {}).items():
            forms.setdefault(str(lemma), []).extend(str(f) for f in inflected or [])
            if kind in statements:
                said.extend(str(f) for f in inflected or [])
        for noun, lemma in ((entry or {}).get("nouns") or {}).items():
            forms.setdefault(str(lemma), []).append(str(noun))
    verbs = {lemma: re.compile(rf"(?<![\w-])(?:{_alternation(words)})(?![\w-])", re.IGNORECASE)
             for lemma, words in forms.items() if words}
    reporting = (re.compile(rf",\s+(?:[\w.'’-]+\s+){{0,8}}?(?:{_alternation(said, 0)})(?![\w-])")
                 if said else None)
    return verbs, reporting


def find_places(text: str, start: int = 0, end: int | None = None, *,
                lexicon: Lexicon | None = None) -> list[Place]:
    """The places named in ``text[start:end]``, in text order (see the module's rules)."""
    lexicon = lexicon or default_lexicon()
    end = len(text) if end is None else end
    # the figures and events of a clause ask for the same stretch: read once per text in hand
    memo = lexicon.cache.get("places.memo")
    if memo is None or memo[0] is not text:
        memo = lexicon.cache["places.memo"] = (text, {})
    found = memo[1].get((start, end))
    if found is None:
        found = memo[1][(start, end)] = _find_places(text, start, end, lexicon)
    return list(found)


def _find_places(text: str, start: int, end: int, lexicon: Lexicon) -> list[Place]:
    tables = _tables(lexicon)
    if not tables.entries and tables.before is None:
        return []  # a lexicon folder without places.yaml
    found: list[Place] = []
    taken: list[tuple[int, int]] = []
    if tables.aliases is not None:
        for m in tables.aliases.finditer(text, start, end):
            place = _entry_place(tables.alias_keys[_fold(m.group(0))], m.start(), m.end(), text, "alias",
                                 lexicon, tables)
            if place is not None:
                found.append(place)
                taken.append((m.start(), m.end()))
    for m in _RUN.finditer(text, start, end):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        found.extend(_run_places(text, m.start(), m.end(), end, lexicon, tables))
    found.sort(key=lambda p: (p.start, p.end))
    return found


_WORD = re.compile(r"\S+")  # a run of letters, digits and marks between spaces


def _run_places(text: str, lo: int, hi: int, limit: int, lexicon: Lexicon, tables: _Places) -> list[Place]:
    """The places of one run of capitalised words (none, one, or a country and a place in it)."""
    words = [(m.start() + lo, m.end() + lo) for m in _WORD.finditer(text[lo:hi])]
    # a sentence-initial preposition is part of the run: "In Seoul, the ministry said"
    first = text[words[0][0]:words[0][1]]
    preposition = tables.before is not None and tables.before.search(text[max(0, lo - 40):lo]) is not None
    if len(words) > 1 and tables.before is not None and tables.before.search(first + " "):
        preposition, words = True, words[1:]
    # "Russia's Kursk region": a possessive country qualifies the name after it
    out: list[Place] = []
    qualifier = None
    for i, (a, b) in enumerate(words[:-1]):
        word = text[a:b]
        if _POSSESSIVE.search(word) and i + 1 < len(words):
            head_end = b - len(_POSSESSIVE.search(word).group(0))
            head = _resolve(text, words[0][0], head_end, "country", lexicon, tables, None)
            if head is None or head.location_precision != "country":
                return out
            out.append(replace(head, possessive=True))
            qualifier, words = head, words[i + 1:]
            break
    a, b = words[0][0], words[-1][1]
    last = text[words[-1][0]:b].rstrip(".,")
    noun = False
    if len(words) > 1 and _fold(last) in tables.noun_words:  # "Kursk Oblast"
        noun, b = True, words[-2][1]
    elif tables.nouns is not None and tables.nouns.match(text, hi, min(limit, hi + 30)):
        noun = True
    bare = text[a:b]
    if _POSSESSIVE.search(bare):  # "Moscow's Victory Day parade": only a country stays a place
        b -= len(_POSSESSIVE.search(bare).group(0))
        place = _resolve(text, a, b, "country", lexicon, tables, None)
        if place is not None and place.location_precision == "country":
            out.append(replace(place, possessive=True))
        return out
    evidence = "noun" if noun else "preposition" if preposition or qualifier is not None else "country"
    place = _resolve(text, a, b, evidence, lexicon, tables, qualifier, region=noun)
    if place is not None:
        out.append(place)
    return out


def _resolve(text: str, a: int, b: int, evidence: str, lexicon: Lexicon, tables: _Places,
             qualifier: Place | None, *, region: bool = False) -> Place | None:
    """The place ``text[a:b]`` names, given the evidence around it, or None."""
    name = " ".join(text[a:b].split()).rstrip(".,")
    if not name:
        return None
    gaz = lexicon.gazetteer()
    key = tables.names.get(_fold(name))
    if key is not None:
        entry = tables.entries[key]
        if entry.get("type", "city") != "country" and evidence == "country":
            return None  # a city or region of the lexicon needs evidence like any other
        return _entry_place(key, a, b, text, evidence, lexicon, tables)
    country = gaz.country(name)
    if country is not None:
        return Place(a, b, text[a:b], country.name, country.alpha3, None, None, None, "country", evidence)
    if evidence == "country":
        return None  # a city's name with no evidence: "Jackson said", "Moscow denied"
    if _fold(name) in tables.calendar or _acronym(name):
        return None  # "in March", "according to the NIS" (not Nis, Serbia)
    if not region and qualifier is None and tables.after_the.search(text[max(0, a - 30):a]):
        return None  # "at the Ramstein meeting", "to the Kursk": a city takes no article
    within = gaz.country_by_code(qualifier.country) if qualifier is not None and qualifier.country else None
    city = gaz.city(name, country=within.alpha2 if within else None)
    if city is None:
        return None
    home = gaz.country_by_code(city.country)
    sub = gaz.subdivision_named_for(city.name, city.country)
    admin1 = _admin1(sub.code, tables, gaz) if sub is not None else None
    if region:
        listed = _region_entry(sub.code, tables) if sub is not None else None
        if listed is not None:  # "the Belgorod region": the lexicon's Belgorod Oblast
            return _entry_place(listed, a, b, text, evidence, lexicon, tables)
        noun = tables.nouns.match(text, b) if tables.nouns is not None else None
        word = noun.group(0).strip().split()[-1] if noun else "region"
        label = f"{city.name} {word.title() if word.lower() in ('oblast', 'province', 'krai') else 'region'}"
        return Place(a, b, text[a:b], label, home.alpha3 if home else None, admin1, city.latitude,
                     city.longitude, "region", evidence)
    return Place(a, b, text[a:b], city.name, home.alpha3 if home else None, admin1, city.latitude,
                 city.longitude, "city", evidence)


def _region_entry(code: str, tables: _Places) -> str | None:
    """The lexicon's region of an ISO 3166-2 code, if it lists one."""
    for key, entry in tables.entries.items():
        if entry.get("type") == "region" and str(entry.get("code", "")).upper() == code.upper():
            return key
    return None


def _acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _admin1(code: str, tables: _Places, gaz: Any) -> str | None:
    """The name of a subdivision: the lexicon's key for it (a region, or a city that is its own
    subdivision), else ISO 3166-2's."""
    for key, entry in tables.entries.items():
        if str(entry.get("code", "")).upper() == code.upper():
            return key
    sub = gaz.subdivision(code)
    return sub.name if sub is not None else None


def _entry_place(key: str, a: int, b: int, text: str, evidence: str, lexicon: Lexicon,
                 tables: _Places) -> Place | None:
    """A place the lexicon lists, with its country, subdivision and coordinates."""
    entry = tables.entries[key]
    gaz = lexicon.gazetteer()
    kind = str(entry.get("type", "city"))
    country = gaz.country_by_code(str(entry["country"])) if entry.get("country") else gaz.country(key)
    alpha2 = country.alpha2 if country else None
    admin1 = _admin1(str(entry["code"]), tables, gaz) if entry.get("code") else None
    lat = lon = None
    if kind != "country":
        city = gaz.city(str(entry.get("seat") or key), country=alpha2)
        if city is not None:
            lat, lon = city.latitude, city.longitude
    precision = kind if kind in PRECISIONS else "city"
    location = country.name if precision == "country" and country is not None else key
    return Place(a, b, text[a:b], location, country.alpha3 if country else None,
                 admin1, lat, lon, precision, evidence)


def place_of(text: str, start: int, end: int, *, lexicon: Lexicon | None = None,
             not_countries: Sequence[str] | None = ()) -> Place | None:
    """The place of the clause ``text[start:end]``: its most specific, then most trusted, then
    first place. A country named with no evidence is left out when its alpha-3 is in
    ``not_countries`` (the clause's own actor), or always when ``not_countries`` is None; a
    possessive country always is."""
    places = [p for p in find_places(text, start, end, lexicon=lexicon)
              if not p.possessive and not (p.evidence == "country" and (
                  not_countries is None or p.country in not_countries))]
    return min(places, key=Place.rank) if places else None


def clause_segments(text: str, lo: int, hi: int, *, lexicon: Lexicon | None = None) -> list[tuple[int, int]]:
    """``text[lo:hi]`` cut at its clause breaks (see ``_CLAUSE_BREAK``) and before a reporting
    clause (", the NIS said"), in text order."""
    tables = _tables(lexicon or default_lexicon())
    cuts = [m.start() for m in _CLAUSE_BREAK.finditer(text, lo, hi)]
    if tables.reporting is not None:
        cuts += [m.start() for m in tables.reporting.finditer(text, lo, hi)]
    bounds = [lo, *sorted(c for c in set(cuts) if lo < c < hi), hi]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if a < b]


def _segment_at(segments: list[tuple[int, int]], at: int) -> tuple[int, int]:
    return next(((a, b) for a, b in segments if a <= at < b), segments[0] if segments else (at, at))


def _event_place(text: str, ev: Event, lexicon: Lexicon, skip: Sequence[str] | None) -> Place | None:
    """The place of the part of the event's clause that holds its verb, else of the clause."""
    tables = _tables(lexicon)
    pattern = tables.verbs.get(ev.action or "")
    trigger = pattern.search(text, ev.start, ev.end) if pattern is not None else None
    if trigger is not None:
        a, b = _segment_at(clause_segments(text, ev.start, ev.end, lexicon=lexicon), trigger.start())
        place = place_of(text, a, b, lexicon=lexicon, not_countries=skip)
        if place is not None:
            return place
    return place_of(text, ev.start, ev.end, lexicon=lexicon, not_countries=skip)


def _countries_of(names: Sequence[str | None], lexicon: Lexicon) -> tuple[str, ...]:
    """The alpha-3 codes of the countries that actors or parties name ("Russia", "North Korea")."""
    gaz = lexicon.gazetteer()
    out = []
    for name in names:
        country = gaz.country(name) if name else None
        if country is not None:
            out.append(country.alpha3)
    return tuple(out)


def _located(rec: Any, place: Place | None) -> Any:
    if place is None:
        return rec
    return replace(rec, location=place.location, country=place.country, admin1=place.admin1,
                   latitude=place.latitude, longitude=place.longitude,
                   location_precision=place.location_precision)


def annotate_events(text: str, events: list[Event], *, lexicon: Lexicon | None = None) -> list[Event]:
    """Events with the place of their own clause (``text[start:end]``). A statement's clause
    names what it is about: "the NIS said North Korea intends to send more" was not said in
    North Korea, so a statement takes a country only with evidence ("troops in Russia")."""
    lexicon = lexicon or default_lexicon()
    statements = set(_statement_kinds(lexicon))
    return [_located(ev, _event_place(text, ev, lexicon, None if ev.kind in statements else
                                      _countries_of([ev.actor, ev.party], lexicon)))
            for ev in events]


def _statement_kinds(lexicon: Lexicon) -> tuple[str, ...]:
    """events.yaml's ``statement_kinds`` (announcement, confirmation, denial)."""
    events = load_lexicon("events", root=lexicon.root) or {}
    return tuple(str(k) for k in events.get("statement_kinds") or ())


def figure_clause(text: str, figure: Figure, sentences: Sequence[tuple[int, int]], *,
                  lexicon: Lexicon | None = None) -> tuple[int, int]:
    """The clause of the figure's sentence that holds it (see :func:`clause_segments`)."""
    return _Clauses(text, sentences, lexicon or default_lexicon()).around(figure.start, figure.end)


class _Clauses:
    """The clauses of one article's sentences, cut once per sentence and found by bisection, so
    that many figures in one long sentence cost no more than the sentence (issue 15's scaling)."""

    def __init__(self, text: str, sentences: Sequence[tuple[int, int]], lexicon: Lexicon) -> None:
        self.text, self.lexicon = text, lexicon
        self.sentences = sorted(sentences)
        self.starts = [a for a, _ in self.sentences]
        self.cut: dict[tuple[int, int], tuple[list[int], list[tuple[int, int]]]] = {}

    def around(self, start: int, end: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, start) - 1
        lo, hi = self.sentences[i] if i >= 0 and self.sentences[i][0] <= start < self.sentences[i][1] else (start, end)
        if (lo, hi) not in self.cut:
            segments = clause_segments(self.text, lo, hi, lexicon=self.lexicon)
            self.cut[(lo, hi)] = ([a for a, _ in segments], segments)
        firsts, segments = self.cut[(lo, hi)]
        j = bisect.bisect_right(firsts, start) - 1
        return segments[j] if j >= 0 and start < segments[j][1] else (lo, hi)


def annotate_figures(text: str, figures: list[Figure], sentences: Sequence[tuple[int, int]], *,
                     lexicon: Lexicon | None = None) -> list[Figure]:
    """Figures with the place their clause names ("8,000 in the Kursk region")."""
    lexicon = lexicon or default_lexicon()
    clauses = _Clauses(text, sentences, lexicon)
    memo: dict[tuple[int, int, tuple[str, ...]], Place | None] = {}
    out = []
    for fig in figures:
        lo, hi = clauses.around(fig.start, fig.end)
        skip = _countries_of([fig.claimant, fig.party, fig.subject], lexicon)
        if (lo, hi, skip) not in memo:
            memo[(lo, hi, skip)] = place_of(text, lo, hi, lexicon=lexicon, not_countries=skip)
        out.append(_located(fig, memo[(lo, hi, skip)]))
    return out


__all__ = ["PRECISIONS", "Place", "annotate_events", "annotate_figures", "clause_segments", "figure_clause",
           "find_places",
           "place_of"]
