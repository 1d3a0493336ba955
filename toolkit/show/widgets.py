"""Interactive explorers: ipywidgets controls wired to the chart functions, nothing more.

Each explorer redraws one chart into a single ``Output`` area (cleared with ``wait=True``, so
figures never stack or flicker) and shows the source of the selected row (sentence, article
title, outlet, date) in an HTML pane. Text from articles is untrusted: it is HTML-escaped
before it reaches the page.
"""

from __future__ import annotations

import html

import ipywidgets as w
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from toolkit.show import charts
from toolkit.tables import views

_SOURCE_FIELDS = ("title", "outlet", "published")


def _source_html(row: pd.Series | None, *, what: str) -> str:
    """An escaped description of one row's source: sentence, title, outlet, date."""
    if row is None:
        return f"<i>Choose a {what} to see its source.</i>"
    parts = [f"<b>{html.escape(str(row.get('text', '')))}</b>"]
    sentence = row.get("sentence")
    if isinstance(sentence, str):
        parts.append(f"<blockquote>{html.escape(sentence)}</blockquote>")
    meta = []
    for field in _SOURCE_FIELDS:
        value = row.get(field)
        if value is not None and not pd.isna(value):
            meta.append(html.escape(value.date().isoformat() if isinstance(value, pd.Timestamp) else str(value)))
    meta.append(html.escape(str(row.get("article_id"))))
    parts.append(" · ".join(meta))
    return "<br>".join(parts)


def _months(series: pd.Series) -> list[pd.Timestamp]:
    days = series.dropna()
    if days.empty:
        return [pd.Timestamp("2024-01-01"), pd.Timestamp("2024-12-31")]
    months = pd.period_range(days.min(), days.max(), freq="M")
    return [p.start_time for p in months] + [months[-1].end_time.normalize()]


def _all_of(options: list[str], description: str, *, rows: int = 8) -> w.SelectMultiple:
    """A multi-select that starts with every option chosen."""
    return w.SelectMultiple(options=options, value=tuple(options), rows=min(rows, max(len(options), 2)),
                            description=description)


def _date_range(months: list[pd.Timestamp]) -> w.SelectionRangeSlider:
    """A range slider over month boundaries, starting at the whole span."""
    return w.SelectionRangeSlider(options=[(m.strftime("%Y-%m-%d"), m) for m in months],
                                  index=(0, len(months) - 1), description="dates", layout=w.Layout(width="95%"))


def _redraw(out: w.Output, draw) -> None:  # noqa: ANN001 - a callable that draws on an Axes
    with out:
        out.clear_output(wait=True)
        fig, ax = plt.subplots(figsize=charts.ESTIMATES_SIZE, layout="constrained")
        draw(ax)
        display(fig)
        plt.close(fig)


def estimates_explorer(figures: pd.DataFrame, articles: pd.DataFrame, *, subject: str | None = None) -> w.VBox:
    """Explore claimed figures: category, claimants, hedges, dates, x axis, ranges.

    Choosing a claim in the list shows its source sentence, article title, outlet and date.
    ``subject`` keeps one state's figures and those with no stated owner, as in the charts.
    """
    categories = sorted(figures["category"].dropna().unique()) or ["deployed"]
    category = w.Dropdown(options=categories, value="deployed" if "deployed" in categories else categories[0],
                          description="category")
    x_axis = w.ToggleButtons(options=list(views.X_AXES), value="as_of", description="x")
    labels = sorted(figures["claimant"].fillna(views.UNATTRIBUTED).unique())
    claimants = _all_of(labels, "claimants")
    hedge_values = sorted(figures["hedge"].fillna("none").unique())
    hedges = _all_of(hedge_values, "hedge", rows=6)
    months = _months(pd.concat([figures["as_of"], figures["reported"]]))
    dates = _date_range(months)
    ranges = w.Checkbox(value=True, description="show ranges")
    claims = w.Select(options=[], rows=6, description="claims", layout=w.Layout(width="95%"))
    source = w.HTML(_source_html(None, what="claim"))
    out = w.Output()
    state: dict[str, pd.DataFrame] = {}

    def update(_change: object = None) -> None:
        start, end = dates.value
        kwargs = dict(category=category.value, x=x_axis.value, claimants=list(claimants.value),
                      hedges=list(hedges.value), start=start, end=end, subject=subject)
        points = views.with_sources(views.estimate_points(figures, **kwargs), articles)
        state["points"] = points
        claims.options = [(f"{r.date:%Y-%m-%d} · {r.claimant_label} · {r.text}", i) for i, r in enumerate(points.itertuples())]
        source.value = _source_html(None, what="claim")
        _redraw(out, lambda ax: charts.estimates_chart(figures, show_ranges=ranges.value, ax=ax, **kwargs))

    def show_source(change: dict) -> None:
        points = state.get("points")
        i = change.get("new")
        source.value = _source_html(None if points is None or i is None else points.iloc[i], what="claim")

    for control in (category, x_axis, claimants, hedges, dates, ranges):
        control.observe(update, names="value")
    claims.observe(show_source, names="value")
    update()
    controls = w.HBox([w.VBox([category, x_axis, ranges]), w.VBox([claimants]), w.VBox([hedges])])
    return w.VBox([controls, dates, out, claims, source])


def timeline_explorer(events: pd.DataFrame, articles: pd.DataFrame) -> w.VBox:
    """Explore the sequence of events: actors, kinds, date range; choose one to see its source."""
    actor_labels = sorted(events["actor"].fillna("unknown actor").unique())
    actors = _all_of(actor_labels, "actors")
    kind_values = sorted(events["kind"].dropna().unique())
    kinds = _all_of(kind_values, "kinds")
    lanes = w.ToggleButtons(options=["actor", "kind"], value="actor", description="lanes")
    months = _months(pd.concat([events["date"], events["date_latest"]]))
    dates = _date_range(months)
    chosen = w.Select(options=[], rows=6, description="events", layout=w.Layout(width="95%"))
    source = w.HTML(_source_html(None, what="event"))
    out = w.Output()
    state: dict[str, pd.DataFrame] = {}

    def update(_change: object = None) -> None:
        start, end = dates.value
        whole = dates.index == (0, len(months) - 1)
        kwargs = dict(actors=list(actors.value), kinds=list(kinds.value),
                      start=None if whole else start, end=None if whole else end)
        rows = views.with_sources(views.timeline_events(events, **kwargs), articles)
        state["rows"] = rows
        chosen.options = [(f"{'undated' if pd.isna(r.date) else f'{r.date:%Y-%m-%d}'} · {r.actor_label} · {r.kind}", i)
                          for i, r in enumerate(rows.itertuples())]
        source.value = _source_html(None, what="event")
        _redraw(out, lambda ax: charts.timeline_chart(events, lanes=lanes.value, ax=ax, **kwargs))

    def show_source(change: dict) -> None:
        rows = state.get("rows")
        i = change.get("new")
        source.value = _source_html(None if rows is None or i is None else rows.iloc[i], what="event")

    for control in (actors, kinds, lanes, dates):
        control.observe(update, names="value")
    chosen.observe(show_source, names="value")
    update()
    return w.VBox([w.HBox([actors, kinds, lanes]), dates, out, chosen, source])


# -- explorers of the tables across articles (claims, timeline) -------------------------------


def _sources_html(rows: pd.DataFrame, *, what: str) -> str:
    """Every sentence that carries one claim or event, each with its outlet and date, escaped."""
    if rows is None or rows.empty:
        return f"<i>Choose a {what} to see every sentence that carries it.</i>"
    items = []
    for row in rows.itertuples(index=False):
        day = getattr(row, "published", None)
        meta = [html.escape(str(v)) for v in (getattr(row, "outlet", None),
                                              None if day is None or pd.isna(day) else f"{day:%Y-%m-%d}",
                                              row.article_id) if v is not None and not pd.isna(v)]
        sentence = row.sentence if isinstance(row.sentence, str) else row.text
        items.append(f"<li><blockquote>{html.escape(str(sentence))}</blockquote>{' · '.join(meta)}</li>")
    return f"<b>{len(rows)} {'sentence' if len(rows) == 1 else 'sentences'}</b><ol>{''.join(items)}</ol>"


def _follow(parent: w.SelectMultiple, child: w.SelectMultiple, options_for) -> None:  # noqa: ANN001
    """Keep ``child``'s options (all chosen) to those of the parties chosen in ``parent``."""
    def refresh(_change: object = None) -> None:
        options = options_for(list(parent.value))
        # Unselect first, then swap the options: set the other way, the new labels reach the front
        # end while it still holds the old selection, which indexes options it no longer has
        # (JupyterLab's console logs "Error setting state"; tests/test_browser_jupyterlab.py).
        child.value = ()
        child.options = options
        child.value = tuple(options)
    parent.observe(refresh, names="value")


def claims_explorer(claims: pd.DataFrame, figures: pd.DataFrame, articles: pd.DataFrame, *,
                    subject: str | None = None) -> w.VBox:
    """Explore the claims: category, then parties, then the claimants of those parties, and
    dates; choosing a claim lists every sentence that carries it, with its outlet and date."""
    categories = sorted(claims["category"].dropna().unique()) or ["deployed"]
    category = w.Dropdown(options=categories, value="deployed" if "deployed" in categories else categories[0],
                          description="category")
    labelled = claims.assign(party_label=claims["party"].fillna(views.NO_PARTY),
                             claimant_label=claims["claimant"].fillna(views.UNATTRIBUTED))
    parties = _all_of(sorted(labelled["party_label"].unique()), "parties")
    claimants_of = lambda chosen: sorted(labelled.loc[labelled["party_label"].isin(chosen), "claimant_label"].unique())  # noqa: E731
    claimants = _all_of(claimants_of(list(parties.value)), "claimants")
    _follow(parties, claimants, claimants_of)
    months = _months(claims["as_of"])
    dates = _date_range(months)
    chosen = w.Select(options=[], rows=6, description="claims", layout=w.Layout(width="95%"))
    source = w.HTML(_sources_html(None, what="claim"))
    out = w.Output()
    state: dict[str, pd.DataFrame] = {}

    def update(_change: object = None) -> None:
        start, end = dates.value
        kwargs = dict(category=category.value, parties=list(parties.value), claimants=list(claimants.value),
                      start=start, end=end, subject=subject, media=True)  # every claimant listed can be chosen
        points = views.claim_points(claims, **kwargs)
        state["points"] = points
        chosen.options = [(f"{r.date:%Y-%m-%d} · {r.party_label} · {r.claimant_label} · {r.value:,.0f}"
                           f" · {int(r.n_articles)} art.", i) for i, r in enumerate(points.itertuples())]
        source.value = _sources_html(None, what="claim")
        _redraw_figure(out, lambda fig: charts.claims_chart(claims, fig=fig, **kwargs), len(set(points["party_label"])))

    def show_sources(change: dict) -> None:
        points, i = state.get("points"), change.get("new")
        rows = None if points is None or i is None else views.claim_sources(points.iloc[i]["claim_id"], figures, articles)
        source.value = _sources_html(rows, what="claim")

    for control in (category, parties, claimants, dates):
        control.observe(update, names="value")
    chosen.observe(show_sources, names="value")
    update()
    return w.VBox([w.HBox([category, parties, claimants]), dates, out, chosen, source])


def _redraw_figure(out: w.Output, draw, panels: int) -> None:  # noqa: ANN001 - draws on a Figure
    with out:
        out.clear_output(wait=True)
        fig = plt.figure(figsize=(10.0, 1.0 + 2.3 * max(panels, 1)), layout="constrained")
        draw(fig)
        display(fig)
        plt.close(fig)


def event_timeline_explorer(timeline: pd.DataFrame, events: pd.DataFrame, articles: pd.DataFrame) -> w.VBox:
    """Explore the timeline: parties, then the actors of those parties, kinds, dates; choosing
    an event lists every article's sentence that states it, with its outlet and date."""
    labelled = timeline.assign(party_label=timeline["party"].fillna(views.NO_PARTY),
                               actor_label=timeline["actor"].fillna("unknown actor"))
    parties = _all_of(sorted(labelled["party_label"].unique()), "parties")
    actors_of = lambda chosen: sorted(labelled.loc[labelled["party_label"].isin(chosen), "actor_label"].unique())  # noqa: E731
    actors = _all_of(actors_of(list(parties.value)), "actors")
    _follow(parties, actors, actors_of)
    kinds = _all_of(sorted(timeline["kind"].dropna().unique()), "kinds")
    months = _months(pd.concat([timeline["date"], timeline["date_latest"]]))
    dates = _date_range(months)
    chosen = w.Select(options=[], rows=6, description="events", layout=w.Layout(width="95%"))
    source = w.HTML(_sources_html(None, what="event"))
    out = w.Output()
    state: dict[str, pd.DataFrame] = {}

    def update(_change: object = None) -> None:
        start, end = dates.value
        whole = dates.index == (0, len(months) - 1)
        kwargs = dict(parties=list(parties.value), actors=list(actors.value), kinds=list(kinds.value),
                      start=None if whole else start, end=None if whole else end)
        rows = views.timeline_rows(timeline, **kwargs)
        state["rows"] = rows
        chosen.options = [(f"{'undated' if pd.isna(r.date) else f'{r.date:%Y-%m-%d}'} · {r.lane} · {r.kind}"
                           f" · {int(r.n_articles)} art.", i) for i, r in enumerate(rows.itertuples())]
        source.value = _sources_html(None, what="event")
        _redraw(out, lambda ax: charts.event_timeline_chart(timeline, ax=ax, **kwargs))

    def show_sources(change: dict) -> None:
        rows, i = state.get("rows"), change.get("new")
        found = None if rows is None or i is None else views.event_sources(rows.iloc[i]["event_id"], events, articles)
        source.value = _sources_html(found, what="event")

    for control in (parties, actors, kinds, dates):
        control.observe(update, names="value")
    chosen.observe(show_sources, names="value")
    update()
    return w.VBox([w.HBox([parties, actors, kinds]), dates, out, chosen, source])
