"""Charts draw what the tables say: values, bounds as marker kinds, labels, undated events."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from toolkit import charts, views  # noqa: E402
from toolkit.tables.frames import EVENTS, FIGURES, typed_frame  # noqa: E402


def fig(value, qualifier="exact", *, low=None, high=None, claimant="NIS", day="2024-10-18",
        increment=False, category="deployed", article="a", start=0):
    return dict(article_id=article, sentence_id=0, start=start, end=start + 5, text="x", value=value,
                low=low, high=high, qualifier=qualifier, increment=increment, unit="troop",
                category=category, subject="North Korea", claimant=claimant, hedge="reported",
                as_of=pd.Timestamp(day), reported=pd.Timestamp(day))


@pytest.fixture
def figures():
    return typed_frame([
        fig(1500, "approx", day="2024-10-18"),
        fig(3000, "at_least", low=3000, claimant="White House", day="2024-10-23", start=10),
        fig(11500, "range", low=11000, high=12000, claimant="Pentagon", day="2024-11-04", start=20),
        fig(3000, "exact", claimant="JCS", day="2025-03-27", increment=True, start=30),
        fig(15000, "approx", day="2025-04-30", start=40),
        fig(15000, "at_most", high=15000, claimant=None, day="2024-11-05", start=50),
        fig(600, "approx", category="killed", day="2025-04-30", start=60),
    ], FIGURES)


def gids(ax):
    return {a.get_gid() for a in ax.get_children() if a.get_gid()} | {
        line.get_gid() for line in ax.lines if line.get_gid()}


def test_estimates_chart_plots_each_claim_with_its_qualifier_marker(figures):
    ax = charts.estimates_chart(figures)
    found = gids(ax)
    assert {"approx:NIS", "at_least:White House", "range:Pentagon", "increment:JCS", "at_most:unattributed"} <= found
    assert "bounds:range:Pentagon" in found and "arrow:at_least:White House" in found
    open_up = next(line for line in ax.lines if line.get_gid() == "at_least:White House")
    assert open_up.get_marker() == "^" and open_up.get_markerfacecolor() == "none"
    down = next(line for line in ax.lines if line.get_gid() == "at_most:unattributed")
    assert down.get_marker() == "v"
    nis = next(line for line in ax.lines if line.get_gid() == "approx:NIS")
    assert list(nis.get_ydata()) == [1500, 15000]
    plt.close(ax.figure)


def test_range_is_a_bar_from_low_to_high(figures):
    ax = charts.estimates_chart(figures)
    bar = next(c for c in ax.collections if c.get_gid() == "bounds:range:Pentagon")
    (segment,) = bar.get_segments()
    assert [y for _, y in segment] == [11000, 12000]
    plt.close(ax.figure)


def test_step_line_follows_totals_and_skips_increments(figures):
    ax = charts.estimates_chart(figures)
    step = next(line for line in ax.lines if line.get_gid() == "step:NIS")
    assert set(step.get_ydata()) == {1500, 15000}
    assert not any(line.get_gid() == "step:JCS" for line in ax.lines)
    plt.close(ax.figure)


def test_axes_are_readable_and_legend_names_claimants(figures):
    ax = charts.estimates_chart(figures)
    ax.figure.canvas.draw()
    assert ax.yaxis.get_major_formatter()(12000, 0) == "12,000"
    assert isinstance(ax.xaxis.get_major_formatter(), mdates.ConciseDateFormatter)
    legend_texts = {t.get_text() for a in ax.get_children() if isinstance(a, matplotlib.legend.Legend) for t in a.get_texts()}
    assert {"NIS", "White House", "Pentagon", "JCS", "unattributed"} <= legend_texts
    assert ax.get_xlabel() == "date the figure describes"
    plt.close(ax.figure)


def test_filters_and_categories(figures):
    ax = charts.estimates_chart(figures, category="killed", x="reported")
    assert gids(ax) & {"approx:NIS"} and "range:Pentagon" not in gids(ax)
    assert ax.get_xlabel() == "date the claim was made"
    plt.close(ax.figure)
    pts = views.estimate_points(figures, claimants=["NIS"], start="2025-01-01")
    assert list(pts["value"]) == [15000]


def test_unknown_x_axis_is_refused(figures):
    with pytest.raises(ValueError, match="unknown x axis 'when'; expected one of: as_of, reported"):
        views.estimate_points(figures, x="when")


def test_empty_selection_says_so(figures):
    ax = charts.estimates_chart(figures, category="captured")
    assert any("no figures match" in t.get_text() for t in ax.texts)
    plt.close(ax.figure)


def test_draws_on_a_given_axes(figures):
    fig_, ax = plt.subplots()
    assert charts.estimates_chart(figures, ax=ax) is ax
    plt.close(fig_)


def ev(day, latest, actor, kind, *, planned=False, granularity="day"):
    return dict(article_id="a", sentence_id=0, start=0, end=1, text="x",
                date=pd.Timestamp(day) if day else None, date_latest=pd.Timestamp(latest) if latest else None,
                granularity=granularity, date_value=None, actor=actor, actor_type="state", action=kind,
                kind=kind, claimant=None, planned=planned, mentions=1)


def test_timeline_lanes_markers_spans_planned_and_undated():
    events = typed_frame([
        ev("2024-06-19", "2024-06-19", "Russia", "agreement"),
        ev("2024-10-01", "2024-10-31", "North Korea", "deployment", granularity="month"),
        ev("2025-05-09", "2025-05-09", "Kim Jong Un", "visit", planned=True),
        ev(None, None, "Russia", "denial", granularity="none"),
    ], EVENTS)
    ax = charts.timeline_chart(events)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Kim Jong Un", "North Korea", "Russia"]
    spans = [c for c in ax.collections if c.get_gid() == "span"]
    assert len(spans) == 1
    (seg,) = spans[0].get_segments()
    assert [mdates.num2date(x).date().isoformat() for x, _ in seg] == ["2024-10-01", "2024-10-31"]
    visit = next(line for line in ax.lines if line.get_gid() == "event:visit")
    assert visit.get_markerfacecolor() == "none"
    agreement = next(line for line in ax.lines if line.get_gid() == "event:agreement")
    assert agreement.get_marker() == "*"
    undated = next(t for t in ax.texts if t.get_gid() == "undated")
    assert "Russia: denial" in undated.get_text()
    plt.close(ax.figure)


def test_timeline_labels_on_one_lane_never_overlap():
    # over two years of axis, a long label and one seven weeks later on the same lane would
    # overlap: the later one is left out when the figure is drawn; one a year later has room,
    # and another lane's label is its own
    rows = [ev("2024-01-10", "2024-01-10", "North Korea", "deployment"),
            ev("2024-03-01", "2024-03-01", "North Korea", "attack"),
            ev("2025-06-01", "2025-06-01", "North Korea", "visit"),
            ev("2024-03-01", "2024-03-01", "Russia", "agreement")]
    rows[0]["action"] = "send troops to the front"
    ax = charts.timeline_chart(typed_frame(rows, EVENTS))
    ax.figure.canvas.draw()
    shown = [t for t in ax.texts if t.get_gid() == "label" and t.shown]
    assert sorted(t.get_text() for t in shown) == ["agreement", "send troops to the front", "visit"]
    renderer = ax.figure.canvas.get_renderer()
    lane = sorted((t.get_window_extent(renderer) for t in shown if t.get_text() != "agreement"), key=lambda b: b.x0)
    assert lane[0].x1 < lane[1].x0
    plt.close(ax.figure)


def test_projections_stay_off_the_chart_unless_asked(figures):
    frame = figures.copy()
    frame["projected"] = [False] * (len(frame) - 1) + [True]
    frame.loc[0, "projected"] = True
    assert 1500 not in list(views.estimate_points(frame)["value"])
    assert 1500 in list(views.estimate_points(frame, projected=True)["value"])


def test_a_subject_keeps_that_states_figures_and_unowned_ones_but_not_a_joint_force(figures):
    joint = fig(50000, "approx", claimant="Pentagon", day="2024-12-17", start=70)
    joint["subject"] = "Russia and North Korea"
    unowned = fig(2000, "approx", claimant="GUR", day="2024-12-18", start=80)
    unowned["subject"] = None
    both = pd.concat([figures, typed_frame([joint, unowned], FIGURES)], ignore_index=True)
    assert 50000 in set(views.estimate_points(both)["value"])
    kept = views.estimate_points(both, subject="North Korea")
    assert 50000 not in set(kept["value"]) and 2000 in set(kept["value"])
    ax = charts.estimates_chart(both, subject="North Korea")
    plotted = {y for line in ax.lines for y in line.get_ydata()}
    assert 50000 not in plotted and 2000 in plotted
    plt.close(ax.figure)


def placed(day, location, kind="visit", *, event_id=None, start=0, precision="city", country="RUS"):
    return dict(article_id="a", sentence_id=0, start=start, end=start + 1, text="x",
                date=pd.Timestamp(day) if day else None, date_latest=pd.Timestamp(day) if day else None,
                granularity="day", date_value=None, actor="Russia", actor_type="state", action=kind,
                kind=kind, claimant=None, planned=False, mentions=1, event_id=event_id, location=location,
                country=country if location else None, location_precision=precision if location else None)


@pytest.fixture
def placed_events():
    return typed_frame([
        placed("2024-11-04", "Kursk Oblast", "attack", event_id="e1", precision="region"),
        placed("2024-11-20", "Kursk Oblast", "deployment", event_id="e2", start=5, precision="region"),
        placed("2024-11-20", "Kursk Oblast", "deployment", event_id="e2", start=9, precision="region"),
        placed("2025-01-10", "Kursk Oblast", "capture", event_id="e3", start=12, precision="region"),
        placed("2024-06-19", "Pyongyang", "agreement", event_id="e4", start=20, country="PRK"),
        placed(None, "Moscow", "denial", event_id="e5", start=30),
        placed("2024-12-01", None, "denial", event_id="e6", start=40),
    ], EVENTS)


def test_places_by_month_counts_distinct_events_per_place_and_month(placed_events):
    table = views.places_by_month(placed_events)
    assert list(table.columns) == ["place", "country", "location_precision", "month", "events", "mentions", "kinds"]
    got = [(r.place, r.month.strftime("%Y-%m"), r.events, r.mentions, r.kinds) for r in table.itertuples()]
    assert got == [
        ("Kursk Oblast", "2024-11", 2, 3, "attack;deployment"),
        ("Kursk Oblast", "2025-01", 1, 1, "capture"),
        ("Pyongyang", "2024-06", 1, 1, "agreement"),
    ]  # undated Moscow and the unlocated denial are left out
    assert views.places_by_month(placed_events.iloc[5:]).empty


def test_places_by_month_takes_a_corpus_too():
    one = tk_parse("Kim Jong Un arrived in Moscow on May 8, 2025 for the parade.")
    table = views.places_by_month(one)
    assert table["place"].tolist() == ["Moscow"] and table["month"].dt.strftime("%Y-%m").tolist() == ["2025-05"]


def tk_parse(text):
    import toolkit as tk

    return tk.parse_text(text, published="2025-05-08")


def test_places_chart_rows_are_places_by_events_and_columns_every_month(placed_events):
    table = views.places_by_month(placed_events)
    ax = charts.places_chart(table)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Kursk Oblast", "Pyongyang"]
    months = [t.get_text() for t in ax.get_xticklabels()]
    assert len(months) == 8 and months[0] == "Jun\n2024" and months[-1] == "Jan\n2025"
    (dots,) = ax.collections
    offsets = [tuple(map(float, o)) for o in dots.get_offsets()]
    assert sorted(offsets) == [(0.0, 1.0), (5.0, 0.0), (7.0, 0.0)]
    sizes = dict(zip(offsets, dots.get_sizes()))
    assert sizes[(5.0, 0.0)] > sizes[(7.0, 0.0)]  # two events draw a bigger dot than one
    assert {t.get_text() for t in ax.texts} == {"1", "2"}
    assert len({tuple(c) for c in dots.get_facecolors()}) == 1  # one colour
    plt.close(ax.figure)


def test_places_chart_of_nothing_says_so():
    ax = charts.places_chart(views.places_by_month(typed_frame([], EVENTS)))
    assert any("no event has both a place and a date" in t.get_text() for t in ax.texts)
    plt.close(ax.figure)


def test_date_ticks_are_matplotlibs_worked_out_once_per_view_interval(figures):
    ax = charts.estimates_chart(figures, category="deployed")
    kept = ax.xaxis.get_major_locator()
    plain = mdates.AutoDateLocator(minticks=3, maxticks=8)
    plain.set_axis(ax.xaxis)
    ax.figure.canvas.draw()
    assert list(kept()) == list(plain()) and len(kept()) >= 3
    assert kept() is not kept()  # each caller gets its own array
    ax.set_xlim(pd.Timestamp("2024-10-01"), pd.Timestamp("2024-10-31"))  # a new interval: new ticks
    assert list(kept()) == list(plain()) and mdates.num2date(kept()[0]).month == 10
    plt.close(ax.figure)
