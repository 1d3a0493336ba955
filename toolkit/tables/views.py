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

from toolkit.read.clean import split_sentences
from toolkit.read.lexicon import load_lexicon

#: The label used for figures and events whose claimant the text does not name.
UNATTRIBUTED = "unattributed"
#: Date axes a figure can be charted on.
X_AXES = ("as_of", "reported")


def _as_timestamp(value: str | dt.date | pd.Timestamp | None) -> pd.Timestamp | None:
    return None if value is None else pd.Timestamp(value)


def _within(rows: pd.DataFrame, start: object, end: object, *, first: str = "date",
            last: str | None = None) -> pd.DataFrame:
    """The rows whose dates meet the range: ``first`` (or ``last``, when the row spans days)
    on or after ``start``, ``first`` on or before ``end``; None leaves a side open."""
    lo, hi = _as_timestamp(start), _as_timestamp(end)
    if lo is not None:
        rows = rows[(rows[last].fillna(rows[first]) if last else rows[first]) >= lo]
    if hi is not None:
        rows = rows[rows[first] <= hi]
    return rows


def _running_level(totals: pd.DataFrame, by: str) -> pd.DataFrame:
    """One total per ``by`` and day, its ``level`` the largest lower bound the claims commit
    to (the low end of "more than", "at least" and ranges, else the value)."""
    if totals.empty:
        return totals.assign(level=pd.Series(dtype="float64"))
    level = totals["low"].where(totals["qualifier"].isin(["more_than", "at_least", "range"]), totals["value"])
    totals = totals.assign(level=level.fillna(totals["value"]))
    keep = totals.sort_values([by, "date", "level"]).groupby([by, "date"]).tail(1)
    return keep.sort_values([by, "date"]).reset_index(drop=True)


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
    projected: bool = False,
    subject: str | None = None,
) -> pd.DataFrame:
    """The figures of one category that an estimates chart draws, one row per claim.

    ``subject`` keeps the figures about that state or about no stated owner (None keeps all):
    ``subject="North Korea"`` leaves out a joint ``Russia and North Korea`` force.

    Projections ("could send 30,000 more") are claims about what may be, not counts of what
    is: they are left out unless ``projected`` is true.

    Adds ``x`` (the chosen date column as ``date``) and ``claimant_label`` (the claimant, or
    ``unattributed``); drops rows without a value or a date. ``claimants`` and ``hedges``
    filter by label (None keeps all). Sorted by date, claimant, value.
    """
    if x not in X_AXES:
        raise ValueError(f"unknown x axis {x!r}; expected one of: {', '.join(X_AXES)}")
    rows = figures[(figures["category"] == category) & figures["value"].notna() & figures[x].notna()].copy()
    if not projected and "projected" in rows:
        rows = rows[~rows["projected"].fillna(False).astype(bool)]
    if subject is not None:
        rows = rows[rows["subject"].isna() | (rows["subject"] == subject)]
    rows["date"] = rows[x]
    rows["claimant_label"] = rows["claimant"].fillna(UNATTRIBUTED).astype("string")
    if claimants is not None:
        rows = rows[rows["claimant_label"].isin(list(claimants))]
    if hedges is not None:
        rows = rows[rows["hedge"].fillna("none").isin(list(hedges))]
    rows = _within(rows, start, end)
    return rows.sort_values(["date", "claimant_label", "value", "article_id", "start"]).reset_index(drop=True)


def latest_estimates(points: pd.DataFrame) -> pd.DataFrame:
    """Each claimant's running estimate: totals only (increments left out), in date order.

    Where a claimant gives several totals on one day, the largest lower bound stands (the
    figure the claim commits to); it is what the chart's step line follows.
    """
    return _running_level(points[~points["increment"].fillna(False).astype(bool)], "claimant_label")


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
    rows = _within(rows, start, end, last="date_latest")
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


# -- tables the notebooks end with -------------------------------------------------------------

ESTIMATE_COLUMNS = ["date", "claimant_label", "text", "value", "low", "high", "qualifier", "increment",
                    "hedge", "outlet", "title", "article_id", "sentence"]
EVENT_COLUMNS = ["date", "date_value", "actor_label", "kind", "action", "planned", "claimant", "text",
                 "outlet", "title", "article_id", "sentence"]


def estimate_table(figures: pd.DataFrame, articles: pd.DataFrame, **filters: object) -> pd.DataFrame:
    """The rows an estimates chart draws (same filters), with their sources, for display."""
    points = with_sources(estimate_points(figures, **filters), articles)  # type: ignore[arg-type]
    out = points[ESTIMATE_COLUMNS].rename(columns={"claimant_label": "claimant"})
    out["date"] = out["date"].dt.strftime("%Y-%m-%d")
    return out.reset_index(drop=True)


def event_table(events: pd.DataFrame, articles: pd.DataFrame, **filters: object) -> pd.DataFrame:
    """The events a timeline draws (same filters), with their sources, for display."""
    rows = with_sources(timeline_events(events, **filters), articles)  # type: ignore[arg-type]
    out = rows[EVENT_COLUMNS].rename(columns={"actor_label": "actor"})
    out["date"] = out["date"].dt.strftime("%Y-%m-%d").astype("string")
    return out.reset_index(drop=True)


def claims_by_country(
    figures: pd.DataFrame,
    *,
    categories: Iterable[str],
    countries: dict[str, str],
    x: str = "reported",
) -> pd.DataFrame:
    """Claims side by side: one row per month, one column per claimant country.

    Each cell lists the figures claimed that month by actors of that country, as written
    ("more than 3,000 (Volodymyr Zelensky, casualties)"), so that disagreeing sources stand
    next to each other rather than being averaged. ``countries`` maps canonical claimant
    names to a country (see :func:`claimant_countries`).
    """
    rows = figures[figures["category"].isin(list(categories)) & figures[x].notna()].copy()
    rows["country"] = rows["claimant"].map(lambda c: countries.get(c, "unattributed") if pd.notna(c) else "unattributed")
    rows["month"] = rows[x].dt.strftime("%Y-%m")
    rows["claim"] = [
        f"{t} ({c if pd.notna(c) else 'no claimant'}, {cat})"
        for t, c, cat in zip(rows["text"], rows["claimant"], rows["category"])
    ]
    rows = rows.sort_values(["month", "country", x, "article_id", "start"])
    table = rows.groupby(["month", "country"])["claim"].agg("; ".join).unstack("country")
    return table.fillna("").sort_index()


def untraceable(articles: pd.DataFrame, **tables: pd.DataFrame) -> pd.Series:
    """How many rows of each table do *not* trace back to their text (should all be 0)."""
    texts = dict(zip(articles["article_id"], articles["text"]))
    counts = {}
    for name, frame in tables.items():
        bad = 0
        for row in frame[["article_id", "start", "end", "text"]].itertuples(index=False):
            source = texts.get(row.article_id)
            if not isinstance(source, str) or source[int(row.start):int(row.end)] != row.text:
                bad += 1
        counts[name] = bad
    return pd.Series(counts, name="untraceable rows", dtype="int64")


def overview_table(articles: pd.DataFrame, figures: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """One row per article: outlet, date, status and what the toolkit found in it."""
    counts = rows_per_article(articles, figures=figures, events=events)
    meta = articles.set_index("article_id")[["outlet", "published", "status", "n_sentences"]]
    out = meta.join(counts).reset_index()
    out["published"] = out["published"].dt.strftime("%Y-%m-%d").astype("string")
    return out.sort_values(["published", "article_id"], na_position="last").reset_index(drop=True)


def top_actors(events: pd.DataFrame, n: int = 10) -> list[str]:
    """The ``n`` actors with the most dated events (ties broken by name)."""
    dated = events[events["date"].notna() & events["actor"].notna()]
    counts = dated.groupby("actor").size().reset_index(name="n")
    counts = counts.sort_values(["n", "actor"], ascending=[False, True])
    return list(counts["actor"].head(n))


def claimant_countries(*, root: str | None = None) -> dict[str, str]:
    """Canonical actor name -> the country it speaks for, from the actors lexicon."""
    actors = load_lexicon("actors", root=root) or {}
    return {name: str(entry["country"]) for name, entry in actors.items() if entry and entry.get("country")}


# -- views of the tables across articles (claims, timeline) -----------------------------------

#: The label of claims and events whose side the lexicon does not give (media, experts, none).
NO_PARTY = "no party"


def claim_points(
    claims: pd.DataFrame,
    *,
    category: str = "deployed",
    parties: Iterable[str] | None = None,
    claimants: Iterable[str] | None = None,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    subject: str | None = None,
    projected: bool = False,
    media: bool = False,
) -> pd.DataFrame:
    """The claims of one category that the claims chart draws, one row per claim.

    Adds ``date`` (the claim's ``as_of``), ``party_label`` (its party, or :data:`NO_PARTY`) and
    ``claimant_label``; drops claims with no number or day, projections unless ``projected``,
    and an outlet's own claims (``claimant_type`` media with no party) unless ``media``: an
    outlet is a source to check, not a side (a state's news agency keeps its state's party).
    ``parties`` and ``claimants`` filter by label, ``subject`` keeps one state's claims and those
    with no stated owner. Sorted by party, date, claimant, value.
    """
    rows = claims[(claims["category"] == category) & claims["value"].notna() & claims["as_of"].notna()].copy()
    if not projected and "projected" in rows:
        rows = rows[~rows["projected"].fillna(False).astype(bool)]
    if not media:
        rows = rows[~((rows["claimant_type"].fillna("") == "media") & rows["party"].isna())]
    if subject is not None:
        rows = rows[rows["subject"].isna() | (rows["subject"] == subject)]
    rows["date"] = rows["as_of"]
    rows["party_label"] = rows["party"].fillna(NO_PARTY).astype("string")
    rows["claimant_label"] = rows["claimant"].fillna(UNATTRIBUTED).astype("string")
    if parties is not None:
        rows = rows[rows["party_label"].isin(list(parties))]
    if claimants is not None:
        rows = rows[rows["claimant_label"].isin(list(claimants))]
    rows = _within(rows, start, end)
    return rows.sort_values(["party_label", "date", "claimant_label", "value", "claim_id"]).reset_index(drop=True)


def party_latest(points: pd.DataFrame) -> pd.DataFrame:
    """Each party's running estimate, from its claims of a total (``scope == "total"``) only:
    a contingent ("a third wave of 6,000") or an increment is never read as the total, nor is a
    vague amount ("thousands"); claims of no party draw no running estimate.

    Where a party states several totals on one day, the largest lower bound stands; the
    claims chart's step line follows ``level``.
    """
    totals = points[points["scope"].fillna("") == "total"] if "scope" in points else points.iloc[0:0]
    # a vague amount ("thousands of troops") commits to no level, and claims of no party are
    # many outlets' own voices, not one side's running estimate: neither sets the line
    totals = totals[(totals["qualifier"].fillna("") != "vague") & totals["party"].notna()]
    return _running_level(totals, "party_label")


def claim_sources(claim_id: str, figures: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Every figure that states one claim, with its sentence, outlet and dates, oldest first."""
    rows = with_sources(figures[figures["claim_id"] == claim_id], articles)
    return rows.sort_values(["reported", "outlet", "article_id", "start"], na_position="last").reset_index(drop=True)


def event_sources(event_id: str, events: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Every article's mention of one timeline event, with its sentence, outlet and date."""
    rows = with_sources(events[events["event_id"] == event_id], articles)
    return rows.sort_values(["published", "outlet", "article_id", "start"], na_position="last").reset_index(drop=True)


def timeline_rows(
    timeline: pd.DataFrame,
    *,
    parties: Iterable[str] | None = None,
    actors: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
) -> pd.DataFrame:
    """The timeline rows a chart draws, with ``party_label``, ``actor_label`` and ``lane``
    ("party · actor"), filtered, sorted by date; undated rows only when no range is set."""
    rows = timeline.copy()
    rows["party_label"] = rows["party"].fillna(NO_PARTY).astype("string")
    rows["actor_label"] = rows["actor"].fillna("unknown actor").astype("string")
    rows["lane"] = (rows["party_label"] + " · " + rows["actor_label"]).astype("string")
    if parties is not None:
        rows = rows[rows["party_label"].isin(list(parties))]
    if actors is not None:
        rows = rows[rows["actor_label"].isin(list(actors))]
    if kinds is not None:
        rows = rows[rows["kind"].isin(list(kinds))]
    rows = _within(rows, start, end, last="date_latest")
    return rows.sort_values(["date", "lane", "kind", "event_id"], na_position="last").reset_index(drop=True)


CLAIM_COLUMNS = ["date", "party_label", "claimant_label", "scope", "value", "low", "high", "qualifier",
                 "n_articles", "n_outlets", "text"]


def claim_table(claims: pd.DataFrame, articles: pd.DataFrame, **filters: object) -> pd.DataFrame:
    """The claims a claims chart draws (same filters), with the outlets that carry each, for
    display."""
    points = claim_points(claims, **filters)  # type: ignore[arg-type]
    points = points.assign(outlets=_outlets(points["article_ids"], articles))
    out = points[CLAIM_COLUMNS + ["outlets"]].rename(columns={"party_label": "party", "claimant_label": "claimant"})
    out["date"] = out["date"].dt.strftime("%Y-%m-%d")
    return out.reset_index(drop=True)


_SAY = {"exact": "{v}", "approx": "about {v}", "more_than": "more than {lo}", "at_least": "at least {lo}",
        "at_most": "up to {hi}", "less_than": "fewer than {hi}", "range": "{lo}-{hi}", "vague": "{lo}-{hi} (vague)"}


def claim_label(row: pd.Series | object) -> str:
    """A claim's number as a reader would say it: "about 1,500", "more than 3,000", "11,000-12,000"."""
    def num(x: object) -> str:
        return "?" if x is None or pd.isna(x) else f"{float(x):,.0f}"
    value, low, high = (getattr(row, k) for k in ("value", "low", "high"))
    form = _SAY.get(str(getattr(row, "qualifier")), "{v}")
    if "{lo}" in form and pd.isna(low) or "{hi}" in form and pd.isna(high):
        form = "{v}"
    return form.format(v=num(value), lo=num(low), hi=num(high))


def claims_by_party(claims: pd.DataFrame, *, categories: Iterable[str], subject: str | None = None) -> pd.DataFrame:
    """Claims side by side: one row per month (of ``as_of``), one column per party; each cell
    lists that party's claims of the month ("about 600 killed (NIS, 3 articles)"), so that
    disagreeing sides stand next to each other rather than being averaged."""
    rows = claims[claims["category"].isin(list(categories)) & claims["as_of"].notna()]
    if "projected" in rows:
        rows = rows[~rows["projected"].fillna(False).astype(bool)]
    if subject is not None:
        rows = rows[rows["subject"].isna() | (rows["subject"] == subject)]
    rows = rows.assign(party_label=rows["party"].fillna(NO_PARTY), month=rows["as_of"].dt.strftime("%Y-%m"))
    rows = rows.sort_values(["month", "party_label", "as_of", "claim_id"])
    rows["claim"] = [f"{claim_label(r)} {r.category} ({r.claimant if pd.notna(r.claimant) else 'no claimant'}, "
                     f"{int(r.n_articles)} {'article' if int(r.n_articles) == 1 else 'articles'})"
                     for r in rows.itertuples(index=False)]
    table = rows.groupby(["month", "party_label"])["claim"].agg("; ".join).unstack("party_label")
    return table.fillna("").sort_index().rename_axis(columns="party")


def conflict_table(claims: pd.DataFrame, *, categories: Iterable[str] | None = None) -> pd.DataFrame:
    """Claims of two parties about the same thing in the same month that cannot both be true
    (:func:`toolkit.tables.claims.conflicts`), each side said as a reader would say it."""
    from toolkit.tables.claims import conflicts

    found = conflicts(claims)
    if categories is not None:
        found = found[found["category"].isin(list(categories))]
    by_id = claims.set_index("claim_id")
    out = pd.DataFrame({
        "month": found["month"], "category": found["category"], "subject": found["subject"],
        "party_a": found["party_a"], "claim_a": [claim_label(by_id.loc[i]) + f" ({by_id.loc[i, 'claimant']})"
                                                  for i in found["claim_id_a"]],
        "party_b": found["party_b"], "claim_b": [claim_label(by_id.loc[i]) + f" ({by_id.loc[i, 'claimant']})"
                                                  for i in found["claim_id_b"]],
    })
    # the same two numbers restated at several briefings of one month are one disagreement
    return out.drop_duplicates().reset_index(drop=True)


TIMELINE_COLUMNS = ["date", "party_label", "actor_label", "kind", "topic", "action", "planned", "n_articles",
                    "first_reported", "text"]


def _outlets(article_ids: pd.Series, articles: pd.DataFrame) -> pd.Series:
    """The outlets of ``;``-separated article ids, sorted, ``; ``-joined (the id where none)."""
    outlet = dict(zip(articles["article_id"], articles["outlet"]))
    return pd.Series(["; ".join(sorted({str(outlet.get(a)) if pd.notna(outlet.get(a)) else a
                                        for a in str(ids).split(";") if a}))
                      for ids in article_ids], index=article_ids.index, dtype="string")


def timeline_table(timeline: pd.DataFrame, articles: pd.DataFrame, **filters: object) -> pd.DataFrame:
    """The timeline rows a timeline chart draws (same filters), with the outlets that state
    each, for display."""
    rows = timeline_rows(timeline, **filters)  # type: ignore[arg-type]
    rows = rows.assign(outlets=_outlets(rows["article_ids"], articles))
    out = rows[TIMELINE_COLUMNS + ["outlets"]].rename(columns={"party_label": "party", "actor_label": "actor"})
    for col in ("date", "first_reported"):
        out[col] = out[col].dt.strftime("%Y-%m-%d").astype("string")
    return out.reset_index(drop=True)


def places_by_month(corpus_or_events: object) -> pd.DataFrame:
    """Events by place and month: what happened where, and when (notebook 3's places view).

    Takes a :class:`~toolkit.tables.corpus.Corpus` (its ``events``) or an ``events`` table. One
    row per ``location`` and calendar month of the event's ``date`` (its first day), with the
    place's ``country`` and ``location_precision``, ``events`` (distinct events: timeline
    ``event_id``, or clauses when the table has none), ``mentions`` (the clauses) and ``kinds``
    (the event kinds, ``;``-separated). Events with no place or no date are left out. Sorted by
    place, then month.
    """
    events = getattr(corpus_or_events, "events", corpus_or_events)
    if not isinstance(events, pd.DataFrame):
        raise TypeError(f"places_by_month() takes a Corpus or an events DataFrame, got {type(events).__name__}")
    columns = ["place", "country", "location_precision", "month", "events", "mentions", "kinds"]
    if "location" not in events.columns:
        raise ValueError("the events table has no 'location' column (written before places were extracted)")
    rows = events[events["location"].notna() & events["date"].notna()].copy()
    if rows.empty:
        return pd.DataFrame({c: pd.Series(dtype="datetime64[s]" if c == "month" else "Int64"
                                          if c in ("events", "mentions") else "string") for c in columns})
    rows["month"] = rows["date"].dt.to_period("M").dt.start_time.astype("datetime64[s]")
    key = rows["event_id"].fillna("") if "event_id" in rows.columns else pd.Series("", index=rows.index)
    rows["_event"] = key.where(key != "", rows["article_id"].astype(str) + ":" + rows["start"].astype(str))
    grouped = rows.groupby(["location", "month"], sort=True)
    out = grouped.agg(
        country=("country", "first"), location_precision=("location_precision", "first"),
        events=("_event", "nunique"), mentions=("_event", "size"),
        kinds=("kind", lambda k: ";".join(sorted({str(v) for v in k.dropna()}))),
    ).reset_index().rename(columns={"location": "place"})
    out = out[columns].astype({"place": "string", "country": "string", "location_precision": "string",
                               "events": "Int64", "mentions": "Int64", "kinds": "string"})
    return out.sort_values(["place", "month"]).reset_index(drop=True)
