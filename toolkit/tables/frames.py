"""Records -> pandas DataFrames with the contract's columns and dtypes.

The column lists here *are* the contract (``docs/tables.md`` documents them): each table has
its columns in a fixed order with a fixed dtype, whatever the input. Text columns use pandas'
``string`` dtype with ``<NA>`` for missing values (never the string "nan"), dates are
``datetime64[s]`` (any year from 1 to 9999) with ``NaT``, counts are nullable ``Int64``. Rows
are sorted by stable keys so that two runs over the same input give identical tables.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from toolkit.records import Article, DateMention, Event, Figure

# kind of each column: str, int, float, bool, date
ARTICLES = {
    "article_id": "str", "title": "str", "outlet": "str", "url": "str", "language": "str",
    "published": "date", "published_source": "str", "path": "str", "status": "str",
    "error": "str", "n_chars": "int", "n_sentences": "int", "text": "str",
    # added by the toolkit (not in the contract): see docs/tables.md
    "warning": "str",
}
#: Where an event happened or a figure's count is (toolkit.extract.places; see docs/tables.md).
PLACE = {
    "location": "str", "country": "str", "admin1": "str", "latitude": "float", "longitude": "float",
    "location_precision": "str",
}
_WHERE = {"article_id": "str", "sentence_id": "int", "start": "int", "end": "int", "text": "str"}
DATES = {
    **_WHERE, "type": "str", "value": "str", "mod": "str", "earliest": "date", "latest": "date",
    "granularity": "str",
    # added by the toolkit (not in the contract): see docs/tables.md
    "ambiguous": "bool",
}
FIGURES = {
    **_WHERE, "value": "float", "low": "float", "high": "float", "qualifier": "str",
    "increment": "bool", "unit": "str", "category": "str", "subject": "str", "claimant": "str",
    "claimant_type": "str", "party": "str", "scope": "str", "claim_id": "str",
    "hedge": "str", "as_of": "date", "reported": "date",
    # added by the toolkit (not in the contract): see docs/tables.md
    "projected": "bool", "ambiguous": "bool", "as_of_latest": "date", **PLACE,
}
EVENTS = {
    **_WHERE, "date": "date", "date_latest": "date", "granularity": "str", "date_value": "str",
    "actor": "str", "actor_type": "str", "action": "str", "kind": "str", "claimant": "str", "party": "str",
    "topic": "str", "event_id": "str", "planned": "bool", "mentions": "int",
    # added by the toolkit (not in the contract): see docs/tables.md
    **PLACE,
}
#: One row per distinct claim across the corpus (see toolkit.tables.claims for the rule).
CLAIMS = {
    "claim_id": "str", "party": "str", "claimant": "str", "claimant_type": "str", "category": "str",
    "subject": "str", "unit": "str", "scope": "str", "value": "float", "low": "float", "high": "float",
    "qualifier": "str", "as_of": "date", "first_reported": "date", "last_reported": "date",
    "n_figures": "int", "n_articles": "int", "n_outlets": "int", "article_ids": "str", "text": "str",
    # added by the toolkit (not in the contract): see docs/tables.md
    "projected": "bool",
}
#: One row per distinct event across the corpus (see toolkit.tables.timeline for the rule).
TIMELINE = {
    "event_id": "str", "date": "date", "date_latest": "date", "granularity": "str", "date_value": "str",
    "actor": "str", "party": "str", "kind": "str", "topic": "str", "action": "str", "planned": "bool",
    "n_articles": "int", "first_reported": "date", "article_ids": "str", "text": "str",
}
#: Table name -> column kinds, in contract order.
SCHEMAS: dict[str, dict[str, str]] = {
    "articles": ARTICLES, "dates": DATES, "figures": FIGURES, "events": EVENTS,
    "claims": CLAIMS, "timeline": TIMELINE,
}
_RECORD_TYPES = {"dates": DateMention, "figures": Figure, "events": Event}

# Dates are days, and a day of any year TIMEX3 can write (1-9999) must fit: pandas' default
# nanosecond unit stops at 1677-2262, so date columns count seconds instead (pandas >= 2).
DATE_DTYPE = "datetime64[s]"
_DTYPES = {"str": "string", "int": "Int64", "float": "float64", "bool": "boolean", "date": DATE_DTYPE}


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, (dt.date, dt.datetime)):
        return "date"
    return "str"


def typed_frame(rows: Sequence[dict[str, Any]], schema: dict[str, str]) -> pd.DataFrame:
    """Build a DataFrame with the schema's columns (in order) and dtypes, plus any extra columns."""
    extra: dict[str, str] = {}
    for row in rows:
        for key, value in row.items():
            if key not in schema and key not in extra and value is not None:
                extra[key] = _kind_of(value)
    columns = {**schema, **extra}
    data = {col: [row.get(col) for row in rows] for col in columns}
    frame = pd.DataFrame({col: _series(values, columns[col]) for col, values in data.items()})
    return frame.reset_index(drop=True)


def _day(value: Any) -> dt.date | None:
    """A date column's cell: the day of a date or datetime, else missing."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def _series(values: list[Any], kind: str) -> pd.Series:
    if kind == "date":
        return pd.Series([_day(v) for v in values], dtype="object").astype(DATE_DTYPE)
    if kind == "float":
        return pd.Series([float("nan") if v is None else float(v) for v in values], dtype="float64")
    if kind == "str":
        return pd.Series([None if v is None else str(v) for v in values], dtype="object").astype("string")
    return pd.Series(values, dtype="object").astype(_DTYPES[kind])


def articles_frame(articles: Iterable[Article]) -> pd.DataFrame:
    """The ``articles`` table: one row per input document, sorted by ``article_id``."""
    rows = []
    for art in articles:
        row = {f.name: getattr(art, f.name) for f in dataclasses.fields(art) if f.name != "sentences"}
        row["n_chars"] = art.n_chars
        row["n_sentences"] = art.n_sentences
        rows.append(row)
    rows.sort(key=lambda r: r["article_id"])
    return typed_frame(rows, ARTICLES)


def records_frame(table: str, items: Iterable[tuple[str, Any]]) -> pd.DataFrame:
    """A ``dates``/``figures``/``events`` table from ``(article_id, record)`` pairs.

    Rows are sorted by article, then by offsets.
    """
    schema = SCHEMAS[table]
    rows = []
    for article_id, rec in items:
        row = {"article_id": article_id}
        row.update({f.name: getattr(rec, f.name) for f in dataclasses.fields(rec)})
        rows.append(row)
    rows.sort(key=lambda r: (r["article_id"], r["start"], r["end"]))
    return typed_frame(rows, schema)


def empty_frame(table: str) -> pd.DataFrame:
    """A table with the contract's columns and dtypes and no rows."""
    return typed_frame([], SCHEMAS[table])
