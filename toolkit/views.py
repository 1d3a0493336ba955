"""Selections of the tables that the charts plot and the notebooks show, with their sources.

Each function takes the contract's tables and returns a plain DataFrame: the rows a chart draws,
sorted by stable keys, joined to what an analyst needs to check them (article title, outlet,
publication date, the source sentence). Charts and widgets call these, so that what is drawn
and what is listed beside it are the same rows. pandas only: no plotting here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from .clean import split_sentences

#: The label used for figures and events whose claimant the text does not name.
UNATTRIBUTED = "unattributed"
#: Date axes a figure can be charted on.
X_AXES = ("as_of", "reported")


def _as_timestamp(value: str | dt.date | pd.Timestamp | None) -> pd.Timestamp | None:
    return None if value is None else pd.Timestamp(value)


def sentences_of(articles: pd.DataFrame) -> dict[tuple[str, int], str]:
    """Map ``(article_id, sentence_id)`` to the sentence text, for every ``ok`` article."""
    out: dict[tuple[str, int], str] = {}
    for row in articles.loc[articles["status"] == "ok", ["article_id", "text"]].itertuples(index=False):
        for i, (s, e) in enumerate(split_sentences(row.text)):
            out[(row.article_id, i)] = row.text[s:e]
    return out


def with_sources(rows: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Add ``title``, ``outlet``, ``published`` and the source ``sentence`` to table rows."""
    meta = articles[["article_id", "title", "outlet", "published"]]
    out = rows.merge(meta, on="article_id", how="left", suffixes=("", "_article"))
    lookup = sentences_of(articles[articles["article_id"].isin(rows["article_id"].unique())])
    out["sentence"] = pd.array(
        [lookup.get((a, int(s))) if pd.notna(s) else None for a, s in zip(out["article_id"], out["sentence_id"])],
        dtype="string",
    )
    return out


def estimate_points(
    figures: pd.DataFrame,
    *,
    category: str = "deployed",
    x: str = "as_of",
    claimants: Iterable[str] | None = None,
    hedges: Iterable[str] | None = None,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
) -> pd.DataFrame:
    """The figures of one category that an estimates chart draws, one row per claim.

    Adds ``x`` (the chosen date column as ``date``) and ``claimant_label`` (the claimant, or
    ``unattributed``); drops rows without a value or a date. ``claimants`` and ``hedges``
    filter by label (None keeps all). Sorted by date, claimant, value.
    """
    if x not in X_AXES:
        raise ValueError(f"unknown x axis {x!r}; expected one of: {', '.join(X_AXES)}")
    rows = figures[(figures["category"] == category) & figures["value"].notna() & figures[x].notna()].copy()
    rows["date"] = rows[x]
    rows["claimant_label"] = rows["claimant"].fillna(UNATTRIBUTED).astype("string")
    if claimants is not None:
        rows = rows[rows["claimant_label"].isin(list(claimants))]
    if hedges is not None:
        rows = rows[rows["hedge"].fillna("none").isin(list(hedges))]
    lo, hi = _as_timestamp(start), _as_timestamp(end)
    if lo is not None:
        rows = rows[rows["date"] >= lo]
    if hi is not None:
        rows = rows[rows["date"] <= hi]
    return rows.sort_values(["date", "claimant_label", "value", "article_id", "start"]).reset_index(drop=True)


def latest_estimates(points: pd.DataFrame) -> pd.DataFrame:
    """Each claimant's running estimate: totals only (increments left out), in date order.

    Where a claimant gives several totals on one day, the largest lower bound stands (the
    figure the claim commits to); it is what the chart's step line follows.
    """
    totals = points[~points["increment"].fillna(False).astype(bool)]
    if totals.empty:
        return totals.assign(level=pd.Series(dtype="float64"))
    level = totals["low"].where(totals["qualifier"].isin(["more_than", "at_least", "range"]), totals["value"])
    totals = totals.assign(level=level.fillna(totals["value"]))
    keep = totals.sort_values(["claimant_label", "date", "level"]).groupby(["claimant_label", "date"]).tail(1)
    return keep.sort_values(["claimant_label", "date"]).reset_index(drop=True)


def timeline_events(
    events: pd.DataFrame,
    *,
    actors: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
) -> pd.DataFrame:
    """The events a timeline draws (dated ones, filtered), sorted by date then actor.

    Undated events are kept only when no date range is set; see :func:`undated_events`.
    """
    rows = events.copy()
    rows["actor_label"] = rows["actor"].fillna("unknown actor").astype("string")
    if actors is not None:
        rows = rows[rows["actor_label"].isin(list(actors))]
    if kinds is not None:
        rows = rows[rows["kind"].isin(list(kinds))]
    lo, hi = _as_timestamp(start), _as_timestamp(end)
    if lo is not None:
        rows = rows[rows["date_latest"].fillna(rows["date"]) >= lo]
    if hi is not None:
        rows = rows[rows["date"] <= hi]
    return rows.sort_values(["date", "actor_label", "kind", "article_id", "start"], na_position="last").reset_index(drop=True)


def undated_events(events: pd.DataFrame) -> pd.DataFrame:
    """Events the text states without a date: listed beside a timeline, never dropped."""
    return events[events["date"].isna()].reset_index(drop=True)


def articles_per_week(articles: pd.DataFrame) -> pd.DataFrame:
    """Counts of ``ok`` articles per week (weeks start on Monday) and outlet."""
    ok = articles[(articles["status"] == "ok") & articles["published"].notna()]
    week = ok["published"].dt.to_period("W-SUN").dt.start_time
    counts = ok.assign(week=week, outlet=ok["outlet"].fillna("unknown outlet")).groupby(["week", "outlet"]).size()
    return counts.unstack("outlet", fill_value=0).sort_index()


def rows_per_article(articles: pd.DataFrame, **tables: pd.DataFrame) -> pd.DataFrame:
    """How many rows each table has per article (articles with none count 0)."""
    out = pd.DataFrame(index=pd.Index(sorted(articles["article_id"]), name="article_id"))
    for name, frame in tables.items():
        out[name] = frame.groupby("article_id").size().reindex(out.index, fill_value=0).astype("int64")
    return out
