"""Plain records that the readers and extractors produce.

One frozen dataclass per table of the contract (``../shared/CONTRACT.md``). Field names are the
contract's column names. Extractors work on one article's text and do not know its id, so the
extraction records leave out ``article_id``; :mod:`toolkit.frames` adds it when it builds the
DataFrames. Offsets are half-open character offsets into the article's clean text, so
``article.text[rec.start:rec.end] == rec.text`` holds for every record.

This module deliberately imports nothing heavier than the standard library.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: Values allowed in ``articles.status``.
STATUSES = ("ok", "empty", "error")
#: Values allowed in ``articles.published_source``.
PUBLISHED_SOURCES = ("metadata", "inferred", "missing")
#: TIMEX3 types.
DATE_TYPES = ("DATE", "TIME", "DURATION", "SET")
#: Granularities of a date value.
GRANULARITIES = ("day", "week", "month", "quarter", "season", "year", "decade", "none")
#: Qualifiers of a figure.
QUALIFIERS = ("exact", "approx", "at_least", "more_than", "at_most", "less_than", "range", "vague")
#: Values of ``location_precision`` (events and figures), most specific first.
LOCATION_PRECISIONS = ("city", "region", "country")
#: Hedges of a figure.
HEDGES = ("confirmed", "reported", "estimated", "claimed", "denied")


@dataclass(frozen=True, slots=True)
class Article:
    """One input document, read and cleaned (or the reason it could not be)."""

    article_id: str
    text: str = ""
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    published: dt.date | None = None
    published_source: str = "missing"
    path: str | None = None
    status: str = "ok"
    error: str | None = None
    #: (start, end) offsets of each sentence in ``text``.
    sentences: tuple[tuple[int, int], ...] = ()
    #: something to know about an article that was read all the same (broken bytes replaced).
    warning: str | None = None

    @property
    def n_chars(self) -> int:
        return len(self.text)

    @property
    def n_sentences(self) -> int:
        return len(self.sentences)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A temporal expression (TimeML TIMEX3 semantics)."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str  # TIMEX3 value, e.g. 2025-04-28, 2024-10, P2D, PRESENT_REF, XXXX-05-09
    mod: str | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    granularity: str = "none"
    sentence_id: int = -1
    #: True when the text leaves the reading open: a numeric day and month that could be read
    #: either way ("10/1") in an article whose other dates do not show its order.
    ambiguous: bool = False


@dataclass(frozen=True, slots=True)
class Figure:
    """A numeric claim: a quantity phrase with its meaning, source and dates."""

    start: int
    end: int
    text: str
    value: float
    low: float | None = None
    high: float | None = None
    qualifier: str = "exact"
    increment: bool = False
    unit: str | None = None
    category: str = "other"
    subject: str | None = None
    claimant: str | None = None
    hedge: str | None = None
    as_of: dt.date | None = None
    reported: dt.date | None = None
    sentence_id: int = -1
    #: True when the clause states the figure as a possibility, plan or expectation ("could
    #: send 30,000 more", "expects 10,000 by December") rather than as a count of what is.
    projected: bool = False
    #: True when the numeral may be misread: its value depends on how the article writes
    #: separators and the article does not say ("1.500": 1500 or 1.5), a count of whole things
    #: came out fractional ("1.500 troops" = 1.5 in an article that writes "10,000"), or the
    #: number is past what float64 holds as written (more than 15 significant digits, a
    #: quintillion or more: then ``value``, ``low`` and ``high`` are NaN).
    ambiguous: bool = False
    #: the side the claimant speaks for (``toolkit.extract.parties``, ``parties.yaml``), or None.
    party: str | None = None
    #: ``total``, ``tranche``, ``increment`` or None (``toolkit.extract.figures.scope``).
    scope: str | None = None
    #: what kind of source the claimant is (``toolkit.extract.claimant_types``), or None.
    claimant_type: str | None = None
    #: the last day ``as_of``'s date can mean (January 31 for "in January"); ``as_of`` itself
    #: for a day, a running total or the report date.
    as_of_latest: dt.date | None = None
    #: where (``toolkit.extract.places``, ``places.yaml`` and the gazetteer), or None when the
    #: clause names no place: the place as normalised ("Kursk Oblast"), its country (ISO 3166-1
    #: alpha-3), first-level subdivision, coordinates, and ``city``, ``region`` or ``country``.
    location: str | None = None
    country: str | None = None
    admin1: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    location_precision: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """A dated happening or statement stated in one clause."""

    start: int
    end: int
    text: str
    date: dt.date | None = None
    date_latest: dt.date | None = None
    granularity: str = "none"
    date_value: str | None = None
    actor: str | None = None
    actor_type: str | None = None
    action: str | None = None
    kind: str = "other"
    claimant: str | None = None
    topic: str | None = None
    planned: bool = False
    mentions: int = 1
    sentence_id: int = -1
    #: the side the actor speaks for (``toolkit.extract.parties``, ``parties.yaml``), or None.
    party: str | None = None
    #: where (``toolkit.extract.places``, ``places.yaml`` and the gazetteer), or None when the
    #: clause names no place: the place as normalised ("Kursk Oblast"), its country (ISO 3166-1
    #: alpha-3), first-level subdivision, coordinates, and ``city``, ``region`` or ``country``.
    location: str | None = None
    country: str | None = None
    admin1: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    location_precision: str | None = None


__all__ = [
    "Article",
    "DateMention",
    "Event",
    "Figure",
    "DATE_TYPES",
    "GRANULARITIES",
    "HEDGES",
    "LOCATION_PRECISIONS",
    "PUBLISHED_SOURCES",
    "QUALIFIERS",
    "STATUSES",
]

