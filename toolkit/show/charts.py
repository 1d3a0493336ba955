"""Charts of the tables, in matplotlib only.

Every function takes DataFrames (and an optional ``ax``), draws, and returns the Axes; none
reads files or calls ``plt.show()``. What a chart draws comes from :mod:`toolkit.views`, so
a notebook can list the very rows that were plotted beside the picture.

Honest bounds on the estimates chart: an exact or approximate figure is a filled circle; a
range is a vertical bar from low to high; "more than" / "at least" is an open triangle with an
arrow pointing up, "up to" / "fewer than" an open triangle pointing down; a vague quantity
("thousands of") is a faint bar over its order of magnitude with a hollow diamond; an increment
("an additional 3,000") is a plus sign, never joined to the running totals.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

import matplotlib.dates as mdates
import numpy as np
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.text import Annotation
from matplotlib.transforms import IdentityTransform
from matplotlib.ticker import FuncFormatter

from toolkit.tables import views

#: Marker of each figure qualifier family on the estimates chart.
QUALIFIER_MARKERS = {
    "exact": "o", "approx": "o", "range": "_", "more_than": "^", "at_least": "^",
    "at_most": "v", "less_than": "v", "vague": "D",
}
INCREMENT_MARKER = "P"
#: Marker of each event kind on the timeline.
KIND_MARKERS = {
    "announcement": "o", "confirmation": "s", "denial": "X", "deployment": "^", "agreement": "*",
    "capture": "p", "casualties": "v", "visit": "h", "attack": "d", "other": ".",
}
ESTIMATES_SIZE = (10.0, 5.0)
#: Pixels kept free between two labels of one timeline lane (a label that would come closer
#: to the one before it is left out).
LABEL_PAD_PX = 4
#: Legend entries are cut to this many characters.
LEGEND_CHARS = 24
TIMELINE_SIZE = (10.0, 5.5)


def claimant_colors(labels: Iterable[str]) -> dict[str, str]:
    """A stable colour per claimant label (sorted, so the same claimant keeps its colour)."""
    palette = plt.get_cmap("tab10").colors + plt.get_cmap("Dark2").colors
    ordered = sorted(set(labels))
    return {label: _hex(palette[i % len(palette)]) for i, label in enumerate(ordered)}


def _hex(rgb: tuple[float, ...]) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgb[:3])


def _new_axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def _thousands(ax: Axes) -> None:
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))


class _DateTicks(mdates.AutoDateLocator):
    """matplotlib's automatic date ticks, worked out once per view interval.

    Drawing a figure asks each axis for its ticks many times (every layout pass, every tight
    bounding box: about 400 times for the panels of one claims chart), and the automatic
    locator builds a new dateutil rule each time, which was a sixth of a chart's drawing
    (issue 15). Its ticks depend on nothing but the view interval, so they are kept for it:
    the same ticks, the same picture.
    """

    _kept: tuple[tuple[float, float], object] | None = None

    def __call__(self):  # noqa: ANN204 - matplotlib's signature
        interval = tuple(self.axis.get_view_interval()) if self.axis is not None else None
        if interval is None:
            return super().__call__()
        if self._kept is None or self._kept[0] != interval:
            self._kept = (interval, super().__call__())
        return np.array(self._kept[1], copy=True)  # a copy: a caller may change the array it gets


def _date_axis(ax: Axes) -> None:
    locator = _DateTicks(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def estimates_chart(
    figures: pd.DataFrame,
    *,
    category: str = "deployed",
    x: str = "as_of",
    claimants: Iterable[str] | None = None,
    hedges: Iterable[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    show_ranges: bool = True,
    subject: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Plot the figures of one category over time, one point per claim, coloured by claimant.

    ``subject`` keeps the figures about one state (and those with no stated owner).

    ``x`` is ``as_of`` (when the figure was true) or ``reported`` (when it was claimed). A step
    line follows each claimant's latest total. Returns the Axes.
    """
    points = views.estimate_points(figures, category=category, x=x, claimants=claimants,
                                   hedges=hedges, start=start, end=end, subject=subject)
    ax = _new_axes(ax, ESTIMATES_SIZE)
    colors = claimant_colors(points["claimant_label"])
    for label, group in points.groupby("claimant_label", sort=True):
        color = colors[label]
        _draw_points(ax, group, color, show_ranges=show_ranges)
    for label, steps in views.latest_estimates(points).groupby("claimant_label", sort=True):
        if len(steps) > 1:
            ax.step(steps["date"], steps["level"], where="post", color=colors[label], alpha=0.45,
                    linewidth=1.2, gid=f"step:{label}")
    noun = category.replace("_", " ")
    ax.set_title(f"Claimed figures: {noun}")
    ax.set_xlabel("date the figure describes" if x == "as_of" else "date the claim was made")
    ax.set_ylabel(f"{noun} (claimed)")
    _thousands(ax)
    _date_axis(ax)
    ax.grid(axis="y", alpha=0.3)
    if points.empty:
        ax.text(0.5, 0.5, "no figures match the selection", transform=ax.transAxes, ha="center", va="center")
        return ax
    ax.set_ylim(bottom=0)
    handles = [Line2D([], [], color=colors[c], marker="o", linestyle="",
                      label=textwrap.shorten(c, LEGEND_CHARS, placeholder="…")) for c in colors]
    shapes = [
        Line2D([], [], color="0.3", marker="o", linestyle="", label="figure (exact/about)"),
        Line2D([], [], color="0.3", marker="^", markerfacecolor="none", linestyle="", label="more than / at least"),
        Line2D([], [], color="0.3", marker="v", markerfacecolor="none", linestyle="", label="up to / fewer than"),
        Line2D([], [], color="0.3", marker="_", markersize=12, linestyle="-", label="range low-high"),
        Line2D([], [], color="0.3", marker="D", markerfacecolor="none", linestyle="", label="vague (thousands of)"),
        Line2D([], [], color="0.3", marker=INCREMENT_MARKER, linestyle="", label="increment (+N more)"),
    ]
    # One legend (claimants, then marker shapes) so that the layout engine makes room for it.
    gap = Line2D([], [], linestyle="", label=" ")
    ax.legend(handles=handles + [gap] + shapes, title="claimant", loc="upper left", bbox_to_anchor=(1.01, 1.0),
              fontsize="x-small", frameon=False)
    return ax


def _draw_points(ax: Axes, group: pd.DataFrame, color: str, *, show_ranges: bool) -> None:
    """Draw one claimant's figures with the marker of each qualifier."""
    label = str(group["claimant_label"].iloc[0])
    inc = group["increment"].fillna(False).astype(bool)
    if inc.any():
        rows = group[inc]
        ax.plot(rows["date"], rows["value"], linestyle="", marker=INCREMENT_MARKER, markersize=9,
                color=color, gid=f"increment:{label}")
    group = group[~inc]
    for qualifier, rows in group.groupby("qualifier", sort=True):
        marker = QUALIFIER_MARKERS.get(str(qualifier), "o")
        gid = f"{qualifier}:{label}"
        if qualifier in ("range", "vague") and show_ranges:
            ax.vlines(rows["date"], rows["low"], rows["high"].fillna(rows["low"]), colors=color,
                      linewidth=6 if qualifier == "vague" else 2.5, alpha=0.25 if qualifier == "vague" else 0.8,
                      gid=f"bounds:{gid}")
        if qualifier in ("more_than", "at_least", "at_most", "less_than"):
            up = qualifier in ("more_than", "at_least")
            base = rows["low"] if up else rows["high"]
            base = base.fillna(rows["value"])
            ax.plot(rows["date"], base, linestyle="", marker=marker, markersize=9, markerfacecolor="none",
                    markeredgewidth=1.6, color=color, gid=gid)
            top = ax.get_ylim()[1] if ax.get_ylim()[1] > 1 else float(base.max())
            span = max(float(base.max()), top) * 0.06
            for day, y in zip(rows["date"], base):
                ax.annotate("", xy=(day, y + span if up else max(y - span, 0)), xytext=(day, y),
                            arrowprops={"arrowstyle": "->", "color": color, "lw": 1.2}, gid=f"arrow:{gid}")
        elif qualifier == "vague":
            ax.plot(rows["date"], rows["value"], linestyle="", marker=marker, markersize=7,
                    markerfacecolor="none", color=color, gid=gid)
        else:
            ax.plot(rows["date"], rows["value"], linestyle="", marker=marker,
                    markersize=12 if marker == "_" else 7, color=color, gid=gid)


class _LaneLabel(Annotation):
    """A timeline label that leaves itself out where it would overlap the label before it on
    its lane.

    The test is made as the figure is drawn, on the text's real extent once the layout is
    done (a constrained layout resizes the axes after the labels are placed, so no width
    worked out beforehand would hold). The labels of a lane are added in date order and so
    drawn in that order: each compares itself with the last one drawn before it.
    """

    def __init__(self, text: str, xy: tuple[object, float], lane: list["_LaneLabel"], **kwargs: object) -> None:
        super().__init__(text, xy, **kwargs)
        self._lane = lane
        self.shown = True
        lane.append(self)

    def draw(self, renderer: object) -> None:
        if renderer is None or not self.get_visible():
            return
        box = self.get_window_extent(renderer)
        earlier = self._lane[: self._lane.index(self)]
        before = next((lab for lab in reversed(earlier) if lab.shown), None)
        self.shown = before is None or box.x0 >= before.get_window_extent(renderer).x1 + LABEL_PAD_PX
        if self.shown:
            super().draw(renderer)


def _draw_event(ax: Axes, row: object, y: int, lanes: dict[int, list[_LaneLabel]], *, color: str, size: float,
                gid: str, span: tuple[str, float], label_dx: int, max_label: int) -> None:
    """One event on its lane: a bar over its period when the text gives only a month or a
    year, its kind's marker (hollow when planned), and a label where one can be read: not for
    plain statements (the marker says it), and not where it would overlap the lane's label
    before it (events must come in date order)."""
    end_day = row.date_latest if pd.notna(row.date_latest) else row.date
    if end_day > row.date:
        ax.hlines(y, row.date, end_day, colors=span[0], linewidth=5, alpha=span[1], gid="span")
    ax.plot([row.date], [y], marker=KIND_MARKERS.get(str(row.kind), "."), markersize=size, linestyle="",
            color=color, markerfacecolor="none" if bool(row.planned) else color, gid=gid)
    if row.kind != "announcement":
        label = textwrap.shorten(f"{row.action or row.kind}", width=max_label, placeholder="…")
        text = _LaneLabel(label, (row.date, y), lanes.setdefault(y, []), xytext=(label_dx, 6),
                          textcoords="offset points", fontsize="x-small", gid="label")
        text.set_transform(IdentityTransform())  # as Axes.annotate sets it, and unclipped like it
        ax.add_artist(text)
        text.set_clip_path(None)  # (add_artist clips to the axes: a label may run past its edge)
        text.set_clip_box(None)


def _kind_legend(ax: Axes, kinds: pd.Series, color: str) -> None:
    """The legend of a timeline: the marker of each kind shown, and the hollow planned one."""
    handles = [Line2D([], [], marker=KIND_MARKERS.get(k, "."), linestyle="", color=color, label=k)
               for k in sorted(kinds.astype(str).unique())]
    handles.append(Line2D([], [], marker="o", markerfacecolor="none", linestyle="", color=color, label="planned"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="x-small", frameon=False)


def timeline_chart(
    events: pd.DataFrame,
    *,
    lanes: str = "actor",
    actors: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    max_label: int = 28,
    ax: Axes | None = None,
) -> Axes:
    """Plot events on a date axis, one lane per actor (or per kind), markers by kind.

    A month- or year-precise event spans its period as a bar; planned events are hollow;
    undated events are listed beside the chart. Returns the Axes.
    """
    if lanes not in ("actor", "kind"):
        raise ValueError(f"unknown lanes {lanes!r}; expected one of: actor, kind")
    rows = views.timeline_events(events, actors=actors, kinds=kinds, start=start, end=end)
    dated = rows[rows["date"].notna()]
    undated = rows[rows["date"].isna()] if start is None and end is None else rows.iloc[0:0]
    ax = _new_axes(ax, TIMELINE_SIZE)
    lane_col = "actor_label" if lanes == "actor" else "kind"
    names = sorted(dated[lane_col].astype(str).unique())
    index = {name: i for i, name in enumerate(names)}
    labels: dict[int, list[_LaneLabel]] = {}
    for row in dated.sort_values("date", kind="stable").itertuples(index=False):
        _draw_event(ax, row, index[str(getattr(row, lane_col))], labels, color="C0", size=9,
                    gid=f"event:{row.kind}", span=("0.55", 0.5), label_dx=4, max_label=max_label)
    ax.set_yticks(range(len(names)), names)
    ax.set_ylim(-0.8, max(len(names) - 0.2, 0.8))
    ax.set_title("Sequence of announcements and events")
    ax.set_xlabel("date (bars span a month or a year when that is all the text says)")
    _date_axis(ax)
    ax.grid(axis="x", alpha=0.3)
    _kind_legend(ax, dated["kind"], "C0")
    if len(undated):
        lines = [textwrap.shorten(f"{r.actor_label}: {r.action or r.kind}", width=40, placeholder="…")
                 for r in undated.itertuples(index=False)]
        ax.text(1.01, 0.0, "Undated:\n" + "\n".join(lines[:12]), transform=ax.transAxes,
                fontsize="x-small", va="bottom", gid="undated")
    if dated.empty:
        ax.text(0.5, 0.5, "no dated events match the selection", transform=ax.transAxes, ha="center", va="center")
    return ax


def articles_chart(articles: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Articles per week, stacked by outlet. Returns the Axes."""
    counts = views.articles_per_week(articles)
    ax = _new_axes(ax, (9.0, 3.5))
    bottom = pd.Series(0, index=counts.index, dtype="int64")
    for outlet in counts.columns:
        ax.bar(counts.index, counts[outlet], bottom=bottom, width=5, label=str(outlet), align="edge")
        bottom = bottom + counts[outlet]
    ax.set_title("Articles per week, by outlet")
    ax.set_ylabel("articles")
    _date_axis(ax)
    ax.legend(fontsize="x-small", frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return ax


def extraction_chart(articles: pd.DataFrame, figures: pd.DataFrame, events: pd.DataFrame, *,
                     ax: Axes | None = None) -> Axes:
    """Figures and events found per article, as grouped horizontal bars. Returns the Axes."""
    counts = views.rows_per_article(articles, figures=figures, events=events)
    ax = _new_axes(ax, (8.0, max(3.0, 0.22 * len(counts) + 1)))
    ys = range(len(counts))
    ax.barh([y - 0.2 for y in ys], counts["figures"], height=0.4, label="figures")
    ax.barh([y + 0.2 for y in ys], counts["events"], height=0.4, label="events")
    ax.set_yticks(list(ys), [textwrap.shorten(i, 38, placeholder="…") for i in counts.index], fontsize="x-small")
    ax.invert_yaxis()
    ax.set_xlabel("rows found")
    ax.set_title("What the toolkit found in each article")
    ax.legend(fontsize="small", frameon=False)
    return ax


# -- charts of the tables across articles (claims, timeline) ----------------------------------

#: Markers that tell the claimants of one party apart (a ninth claimant reuses the first).
CLAIMANT_MARKERS = ("o", "s", "D", "h", "p", "*", "<", ">")
#: Markers of claims that are not totals: never joined to the step line of totals.
SCOPE_MARKERS = {"tranche": "X", "increment": "P"}
PARTY_PALETTE = "tab10"
#: At most this many colours on one axes (one per party, so one per panel).
MAX_COLOURS = 8


def party_colors(labels: Iterable[str]) -> dict[str, str]:
    """A stable colour per party label (sorted), no colour used twice: the first
    :data:`MAX_COLOURS` of a qualitative palette, then more from a wider one (grey is kept for
    the label of claims with no party). Each panel of the claims chart draws one party, so no
    axes holds more than one colour of this map."""
    base = [c for c in plt.get_cmap(PARTY_PALETTE).colors if _hex(c) != "#7f7f7f"][:MAX_COLOURS]
    extra = [c for c in plt.get_cmap("tab20").colors + plt.get_cmap("tab20b").colors
             if _hex(c) not in {_hex(b) for b in base} and _hex(c) != "#7f7f7f"]
    palette = list(dict.fromkeys(_hex(c) for c in base + extra))
    ordered = [p for p in sorted(set(labels)) if p != views.NO_PARTY]
    colors = {label: palette[i % len(palette)] for i, label in enumerate(ordered)}
    colors[views.NO_PARTY] = "#7f7f7f"
    return colors


def _size(n_articles: object) -> float:
    """A marker's size (points) from how many articles carry the claim or event."""
    n = 1 if pd.isna(n_articles) else max(int(n_articles), 1)
    return 6.0 + 3.0 * (n ** 0.5 - 1)


def claims_chart(
    claims: pd.DataFrame,
    *,
    category: str = "deployed",
    parties: Iterable[str] | None = None,
    claimants: Iterable[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    subject: str | None = None,
    show_ranges: bool = True,
    media: bool = False,
    fig: plt.Figure | None = None,
) -> list[Axes]:
    """Plot the claims of one category over time: one panel per party, one colour per party,
    the claimants of a party told apart by marker, a marker's size by how many articles carry
    the claim. The step line follows the party's latest *total* (``scope == "total"``);
    tranches (x) and increments (+) are drawn on their own, never joined to it. Bounds as in
    :func:`estimates_chart`: hollow markers with an arrow for "more than" / "up to", bars for
    ranges and vague amounts. An outlet's own claims are left off unless ``media`` (see
    :func:`toolkit.views.claim_points`). Returns the panels' Axes."""
    points = views.claim_points(claims, category=category, parties=parties, claimants=claimants,
                                start=start, end=end, subject=subject, media=media)
    names = list(dict.fromkeys(points["party_label"].astype(str))) or ["—"]
    fig = fig or plt.figure(figsize=(10.0, 1.0 + 2.3 * len(names)), layout="constrained")
    axes = list(fig.subplots(len(names), 1, sharex=True, squeeze=False)[:, 0])
    colors = party_colors(claims["party"].fillna(views.NO_PARTY).astype(str))
    noun = category.replace("_", " ")
    for ax, party in zip(axes, names):
        group = points[points["party_label"] == party]
        _draw_party(ax, group, colors.get(party, "#7f7f7f"), show_ranges=show_ranges)
        ax.set_title(party, loc="left", fontsize="medium")
        ax.set_ylabel(noun)
        _thousands(ax)
        ax.grid(axis="y", alpha=0.3)
        if not group.empty:
            ax.set_ylim(bottom=0)
    _date_axis(axes[-1])
    axes[0].figure.suptitle(f"Claims: {noun}, by party (size: articles carrying the claim)")
    if points.empty:
        axes[0].text(0.5, 0.5, "no claims match the selection", transform=axes[0].transAxes, ha="center", va="center")
        return axes
    shapes = [
        Line2D([], [], color="0.3", marker="^", markerfacecolor="none", linestyle="", label="more than / at least"),
        Line2D([], [], color="0.3", marker="v", markerfacecolor="none", linestyle="", label="up to / fewer than"),
        Line2D([], [], color="0.3", marker="_", markersize=12, linestyle="-", label="range low-high"),
        Line2D([], [], color="0.3", marker=SCOPE_MARKERS["tranche"], linestyle="", label="tranche (one contingent)"),
        Line2D([], [], color="0.3", marker=SCOPE_MARKERS["increment"], linestyle="", label="increment (+N more)"),
        Line2D([], [], color="0.3", linestyle="-", alpha=0.5, label="latest total"),
    ]
    # the figure's legend, below the panels: each panel's own legend lists its claimants
    fig.legend(handles=shapes, loc="outside lower center", ncols=len(shapes), fontsize="x-small", frameon=False)
    return axes


def _draw_party(ax: Axes, group: pd.DataFrame, color: str, *, show_ranges: bool) -> None:
    """One party's claims: a marker per claimant, the bounds of each, the step line of totals."""
    claimants = sorted(group["claimant_label"].astype(str).unique())
    markers = {c: CLAIMANT_MARKERS[i % len(CLAIMANT_MARKERS)] for i, c in enumerate(claimants)}
    for row in group.itertuples(index=False):
        scope = None if pd.isna(row.scope) else str(row.scope)
        size = _size(row.n_articles)
        gid = f"claim:{row.claim_id}"
        if scope in SCOPE_MARKERS:
            ax.plot([row.date], [row.value], linestyle="", marker=SCOPE_MARKERS[scope], markersize=size,
                    color=color, gid=f"{scope}:{row.claim_id}")
            continue
        marker, hollow = markers[str(row.claimant_label)], row.qualifier not in ("exact", "approx")
        if row.qualifier in ("range", "vague") and show_ranges and pd.notna(row.low):
            ax.vlines([row.date], [row.low], [row.high if pd.notna(row.high) else row.low], colors=color,
                      linewidth=6 if row.qualifier == "vague" else 2.5,
                      alpha=0.25 if row.qualifier == "vague" else 0.8, gid=f"bounds:{row.claim_id}")
        y = row.value
        if row.qualifier in ("more_than", "at_least", "at_most", "less_than"):
            up = row.qualifier in ("more_than", "at_least")
            base = row.low if up else row.high
            y = row.value if pd.isna(base) else base
            ax.annotate("", xy=(row.date, y * (1.12 if up else 0.88)), xytext=(row.date, y),
                        arrowprops={"arrowstyle": "->", "color": color, "lw": 1.2}, gid=f"arrow:{row.claim_id}")
        ax.plot([row.date], [y], linestyle="", marker=marker, markersize=size, color=color,
                markerfacecolor="none" if hollow else color, markeredgewidth=1.5, gid=gid)
    steps = views.party_latest(group)
    if len(steps) > 1:
        ax.step(steps["date"], steps["level"], where="post", color=color, alpha=0.5, linewidth=1.3, gid="step:total")
    handles = [Line2D([], [], color=color, marker=markers[c], linestyle="",
                      label=textwrap.shorten(c, LEGEND_CHARS, placeholder="…")) for c in claimants]
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="x-small",
                  frameon=False, title="claimant")


def event_timeline_chart(
    timeline: pd.DataFrame,
    *,
    parties: Iterable[str] | None = None,
    actors: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    max_label: int = 28,
    ax: Axes | None = None,
) -> Axes:
    """Plot the timeline table: one marker per distinct event, its size by how many articles
    state it, lanes by party then actor, colour by party, markers by kind; a month- or
    year-precise event spans its period; planned events are hollow. Returns the Axes."""
    rows = views.timeline_rows(timeline, parties=parties, actors=actors, kinds=kinds, start=start, end=end)
    dated = rows[rows["date"].notna()]
    lanes = list(dict.fromkeys(dated.sort_values(["party_label", "actor_label"])["lane"].astype(str)))
    ax = _new_axes(ax, (10.0, max(3.0, 0.32 * len(lanes) + 1.5)))
    index = {lane: i for i, lane in enumerate(lanes)}
    colors = party_colors(timeline["party"].fillna(views.NO_PARTY).astype(str))
    labels: dict[int, list[_LaneLabel]] = {}
    for row in dated.sort_values("date", kind="stable").itertuples(index=False):
        color = colors.get(str(row.party_label), "#7f7f7f")
        _draw_event(ax, row, index[str(row.lane)], labels, color=color, size=_size(row.n_articles),
                    gid=f"event:{row.event_id}", span=(color, 0.35), label_dx=5, max_label=max_label)
    ax.set_yticks(range(len(lanes)), [textwrap.shorten(lane, 38, placeholder="…") for lane in lanes],
                  fontsize="x-small")
    ax.set_ylim(len(lanes) - 0.2 if lanes else 0.8, -0.8)
    ax.set_title("Timeline: one marker per event (size: articles stating it), lanes by party and actor")
    ax.set_xlabel("date (bars span a month or a year when that is all the text says)")
    _date_axis(ax)
    ax.grid(axis="x", alpha=0.3)
    _kind_legend(ax, dated["kind"], "0.3")
    if dated.empty:
        ax.text(0.5, 0.5, "no dated events match the selection", transform=ax.transAxes, ha="center", va="center")
    return ax


PLACES_COLOR = "#1f77b4"


def places_chart(table: pd.DataFrame, *, ax: Axes | None = None, max_places: int = 15) -> Axes:
    """Events per place and month (the table of :func:`toolkit.views.places_by_month`) as a dot
    grid: one row per place (most events first, then by name; at most ``max_places``), one
    column per month from the first to the last, a dot's area the number of events, the number
    written beside it. One colour. Returns the Axes."""
    months = pd.DatetimeIndex([])
    if not table.empty:
        months = pd.date_range(table["month"].min(), table["month"].max(), freq="MS")
    totals = table.groupby("place")["events"].sum() if not table.empty else pd.Series(dtype="int64")
    places = sorted(totals.index, key=lambda p: (-int(totals[p]), str(p)))[:max_places]
    ax = _new_axes(ax, (max(6.0, 0.45 * len(months) + 3.0), max(2.5, 0.4 * len(places) + 1.2)))
    if not places:
        ax.text(0.5, 0.5, "no event has both a place and a date", ha="center", va="center",
                transform=ax.transAxes)
        ax.set_axis_off()
        return ax
    column = {m: i for i, m in enumerate(months)}
    row = {p: i for i, p in enumerate(places)}
    shown = table[table["place"].isin(places)]
    xs = [column[pd.Timestamp(m)] for m in shown["month"]]
    ys = [row[p] for p in shown["place"]]
    counts = shown["events"].astype(int).tolist()
    biggest = max(counts)
    ax.scatter(xs, ys, s=[30 + 270 * c / biggest for c in counts], color=PLACES_COLOR, alpha=0.75,
               edgecolors="white", linewidths=0.5, zorder=3)
    for x, y, c in zip(xs, ys, counts):
        ax.annotate(str(c), (x, y), xytext=(7, 5), textcoords="offset points", fontsize="x-small")
    ax.set_yticks(range(len(places)), places, fontsize="small")
    ax.set_xticks(range(len(months)), [m.strftime("%b\n%Y") if i == 0 or m.month == 1 else m.strftime("%b")
                                       for i, m in enumerate(months)], fontsize="x-small")
    ax.set_xlim(-0.6, len(months) - 0.4)
    ax.set_ylim(len(places) - 0.5, -0.5)
    ax.grid(True, color="#dddddd", linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    ax.set_title("Events by place and month (dot area: events)")
    return ax
