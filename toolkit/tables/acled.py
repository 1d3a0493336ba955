"""The timeline in ACLED's shape: one row per distinct event, with ACLED's column names (issue 16).

Conflict analysts load event tables into tools built around the columns of ACLED (the Armed
Conflict Location & Event Data project). :func:`acled_table` writes the ``timeline`` in those
columns where they mean what ACLED means by them; docs/acled.md says, column by column, where
each value comes from, and ``data/lexicon/acled.yaml`` holds the mappings that are judgements
(event kinds to ACLED's event types, date granularities to ``time_precision``, place
precisions to ``geo_precision``).

Where a timeline event happened is not in the ``timeline`` table: it is read from the event's
mentions in ``events`` (the most specific place they give, then the one most of them give).
Fatalities come from the claims stated in the same sentence as one of the event's mentions,
for events of ACLED's type ``Battles`` only, and are the lowest of those claims' values, as ACLED
codes the most conservative report; without one they are 0, as in ACLED, and
``fatalities_stated`` says which zeros are "none reported".
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pandas as pd

from toolkit.read.gazetteer import load_gazetteer
from toolkit.read.lexicon import load_lexicon
from toolkit.records import LOCATION_PRECISIONS
from toolkit.tables.rows import missing, text

#: The columns of the export, in order: ACLED's names first, then the toolkit's own.
ACLED_COLUMNS = (
    "event_id", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "country", "iso3", "admin1", "location", "latitude", "longitude", "geo_precision",
    "source", "notes", "fatalities", "fatalities_stated", "kind", "n_articles",
)
_DTYPES = {
    "event_id": "string", "event_date": "datetime64[s]", "year": "Int64", "time_precision": "Int64",
    "event_type": "string", "sub_event_type": "string", "actor1": "string", "assoc_actor_1": "string",
    "country": "string", "iso3": "string", "admin1": "string", "location": "string", "latitude": "float64",
    "longitude": "float64", "geo_precision": "Int64", "source": "string", "notes": "string",
    "fatalities": "Int64", "fatalities_stated": "boolean", "kind": "string", "n_articles": "Int64",
}
_PLACE = ("location", "country", "admin1", "latitude", "longitude", "location_precision")


def _mapping(root: Any = None) -> dict[str, Any]:
    data = load_lexicon("acled", root=root) or {}
    return data if isinstance(data, dict) else {}


def _place(mentions: pd.DataFrame) -> dict[str, Any]:
    """The place of one event from its mentions: the most specific, then the most often given,
    then the first by name."""
    located = mentions[mentions["location"].notna()]
    if located.empty:
        return {}
    rank = located["location_precision"].map(lambda p: LOCATION_PRECISIONS.index(p) if p in LOCATION_PRECISIONS
                                              else len(LOCATION_PRECISIONS))
    best = located[rank == rank.min()]
    counts = Counter(best["location"])
    name = min(counts, key=lambda n: (-counts[n], n))
    row = best[best["location"] == name].iloc[0]
    return {c: (None if missing(row[c]) else row[c]) for c in _PLACE}


def _fatalities(mentions: pd.DataFrame, figures: pd.DataFrame, claims: pd.DataFrame,
                categories: set[str]) -> int | None:
    """The lowest value of the fatality claims stated in a sentence of the event's mentions."""
    if figures.empty or mentions.empty:
        return None
    where = set(zip(mentions["article_id"], mentions["sentence_id"]))
    same = pd.Series([(a, s) in where for a, s in zip(figures["article_id"], figures["sentence_id"])],
                     index=figures.index, dtype="bool")
    tied = figures[same & figures["category"].isin(categories).astype("bool") & figures["claim_id"].notna()]
    if tied.empty:
        return None
    values = claims.loc[claims["claim_id"].isin(set(tied["claim_id"])), "value"].dropna()
    if values.empty:
        values = tied["value"].dropna()
    return int(round(float(values.min()))) if not values.empty else None


def acled_table(timeline: pd.DataFrame, events: pd.DataFrame, figures: pd.DataFrame, claims: pd.DataFrame,
                articles: pd.DataFrame, *, lexicon_root: Any = None) -> pd.DataFrame:
    """One row per ``timeline`` event in ACLED's columns (see the module and docs/acled.md)."""
    rules = _mapping(lexicon_root)
    kinds = rules.get("kinds") or {}
    default = rules.get("default") or {"event_type": "Strategic developments", "sub_event_type": "Other"}
    time_precision = {str(k): int(v) for k, v in (rules.get("time_precision") or {}).items()}
    geo_precision = {str(k): int(v) for k, v in (rules.get("geo_precision") or {}).items()}
    categories = {str(c) for c in rules.get("fatality_categories") or []}
    outlets = dict(zip(articles["article_id"], articles["outlet"]))
    by_event = {key: rows for key, rows in events.groupby("event_id", sort=False)} if not events.empty else {}
    gaz = load_gazetteer()
    out = []
    for row in timeline.to_dict(orient="records"):
        mentions = by_event.get(row["event_id"], events.iloc[0:0])
        kind = text(row.get("kind")) or "other"
        types = kinds.get(kind) or default
        place = _place(mentions)
        country = gaz.country_by_code(place["country"]) if place.get("country") else None
        fatalities = _fatalities(mentions, figures, claims, categories) \
            if types.get("event_type") == "Battles" else None
        date = None if missing(row.get("date")) else pd.Timestamp(row["date"])
        ids = [a for a in text(row.get("article_ids")).split(";") if a]
        actor, party = (None if missing(row.get(c)) else row[c] for c in ("actor", "party"))
        out.append({
            "event_id": row["event_id"],
            "event_date": date,
            "year": date.year if date is not None else None,
            "time_precision": time_precision.get(text(row.get("granularity"))) if date is not None else None,
            "event_type": types.get("event_type"), "sub_event_type": types.get("sub_event_type"),
            "actor1": actor, "assoc_actor_1": party if party and party != actor else None,
            "country": country.name if country is not None else None,
            "iso3": place.get("country"), "admin1": place.get("admin1"), "location": place.get("location"),
            "latitude": place.get("latitude"), "longitude": place.get("longitude"),
            "geo_precision": geo_precision.get(text(place.get("location_precision"))),
            "source": "; ".join(sorted({text(outlets.get(a)) or a for a in ids})) or None,
            "notes": None if missing(row.get("text")) else row["text"],
            "fatalities": fatalities or 0, "fatalities_stated": fatalities is not None,
            "kind": kind, "n_articles": row.get("n_articles"),
        })
    frame = pd.DataFrame(out, columns=list(ACLED_COLUMNS))
    for col, dtype in _DTYPES.items():
        frame[col] = frame[col].astype("object").where(frame[col].notna(), None).astype(dtype) \
            if dtype != "datetime64[s]" else pd.to_datetime(frame[col]).astype(dtype)
    return frame.reset_index(drop=True)


__all__ = ["ACLED_COLUMNS", "acled_table"]
