"""The charts and explorers of claims and the timeline: panels by party, totals apart from
tranches, sizes by articles, explorers that filter by party and list every source sentence."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import ipywidgets as w  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from toolkit import charts, views, widgets  # noqa: E402
from toolkit.tables.frames import ARTICLES, CLAIMS, FIGURES, TIMELINE, typed_frame  # noqa: E402

from conftest import find_widget as _find  # noqa: E402

T = pd.Timestamp


def claim(cid, party, claimant, value, day, *, scope="total", qualifier="exact", n=1, low=None, high=None,
          category="deployed"):
    if qualifier == "exact":
        low = high = value
    return dict(claim_id=cid, party=party, claimant=claimant, category=category, subject="North Korea",
                unit="troop", scope=scope, value=value, low=low, high=high, qualifier=qualifier, as_of=T(day),
                first_reported=T(day), last_reported=T(day), n_figures=n, n_articles=n, n_outlets=n,
                article_ids="a", text="t", projected=False)


@pytest.fixture
def claims():
    return typed_frame([
        claim("c1", "South Korea", "NIS", 1500, "2024-10-18", n=6),
        claim("c2", "South Korea", "NIS", 11000, "2024-11-20"),
        claim("c3", "South Korea", "JCS", 15000, "2025-04-30", n=2),
        claim("c4", "South Korea", "NIS", 6000, "2025-09-02", scope="tranche"),
        claim("c5", "South Korea", "NIS", 3000, "2025-02-01", scope="increment"),
        claim("c6", "Ukraine", "GUR", 12000, "2024-10-24"),
        claim("c7", None, "Lakeside Times", 10000, "2024-11-01", scope=None, qualifier="more_than", low=10000),
        claim("c8", None, "Harbor Wire", 9000, "2024-11-02", scope=None) | {"claimant_type": "media"},
    ], CLAIMS)


def line(ax, gid):
    return next(x for x in ax.lines if x.get_gid() == gid)


def test_one_panel_per_party_and_no_more_than_eight_colours_on_one(claims):
    axes = charts.claims_chart(claims)
    assert [ax.get_title(loc="left") for ax in axes] == ["South Korea", "Ukraine", views.NO_PARTY]
    for ax in axes:
        colours = {x.get_color() for x in ax.lines if (x.get_gid() or "").startswith(("claim:", "tranche:", "increment:"))}
        assert len(colours) <= charts.MAX_COLOURS
    plt.close(axes[0].figure)


def test_claimants_of_one_party_differ_by_marker_and_sizes_follow_articles(claims):
    seoul = charts.claims_chart(claims)[0]
    assert line(seoul, "claim:c1").get_marker() != line(seoul, "claim:c3").get_marker()  # NIS vs JCS
    assert line(seoul, "claim:c1").get_marker() == line(seoul, "claim:c2").get_marker()  # both NIS
    assert line(seoul, "claim:c1").get_markersize() > line(seoul, "claim:c2").get_markersize()  # 6 articles vs 1
    plt.close(seoul.figure)


def test_the_step_line_joins_totals_only(claims):
    seoul = charts.claims_chart(claims)[0]
    step = line(seoul, "step:total")
    assert set(step.get_ydata()) == {1500, 11000, 15000}  # neither the 6,000 tranche nor the +3,000
    assert line(seoul, "tranche:c4").get_marker() == charts.SCOPE_MARKERS["tranche"]
    assert line(seoul, "increment:c5").get_marker() == charts.SCOPE_MARKERS["increment"]
    plt.close(seoul.figure)


def test_no_line_for_vague_amounts_or_for_claims_of_no_party():
    rows = typed_frame([
        claim("v1", "South Korea", "NIS", 11000, "2024-11-20"),
        claim("v2", "South Korea", "NIS", 2000, "2024-12-24", qualifier="vague", low=2000, high=9999),
        claim("v3", "South Korea", "NIS", 12000, "2025-01-10"),
        claim("n1", None, None, 11000, "2024-10-01"),
        claim("n2", None, None, 2000, "2025-02-01", qualifier="vague", low=2000, high=9999),
    ], CLAIMS)
    seoul, nobody = charts.claims_chart(rows)
    assert set(line(seoul, "step:total").get_ydata()) == {11000, 12000}  # "thousands" sets no level
    assert not [x for x in nobody.lines if x.get_gid() == "step:total"]  # many voices, no one estimate
    plt.close(seoul.figure)


def test_a_lower_bound_is_hollow_with_an_arrow(claims):
    media = charts.claims_chart(claims)[2]
    mark = line(media, "claim:c7")
    assert mark.get_markerfacecolor() == "none"
    assert any(c.get_gid() == "arrow:c7" for c in media.get_children())
    plt.close(media.figure)


def test_an_outlet_is_no_side_unless_asked(claims):
    axes = charts.claims_chart(claims)
    assert not any(x.get_gid() == "claim:c8" for ax in axes for x in ax.lines)
    with_media = charts.claims_chart(claims, media=True)
    assert any(x.get_gid() == "claim:c8" for ax in with_media for x in ax.lines)
    plt.close("all")


def test_filters_and_an_empty_selection(claims):
    axes = charts.claims_chart(claims, parties=["Ukraine"])
    assert [ax.get_title(loc="left") for ax in axes] == ["Ukraine"]
    empty = charts.claims_chart(claims, category="killed")
    assert any("no claims match" in t.get_text() for t in empty[0].texts)
    plt.close("all")


def timeline():
    base = dict(date_latest=None, granularity="day", date_value=None, topic=None, planned=False,
                first_reported=T("2024-10-18"), article_ids="a", text="t")
    return typed_frame([
        {**base, "event_id": "e1", "date": T("2024-10-18"), "actor": "NIS", "party": "South Korea",
         "kind": "announcement", "action": "say", "n_articles": 4},
        {**base, "event_id": "e2", "date": T("2024-10-21"), "actor": "Kremlin", "party": "Russia",
         "kind": "denial", "action": "deny", "n_articles": 1},
        {**base, "event_id": "e3", "date": T("2024-10-28"), "actor": "JCS", "party": "South Korea",
         "kind": "confirmation", "action": "confirm", "n_articles": 1},
    ], TIMELINE)


def test_timeline_lanes_by_party_then_actor_and_sizes_by_articles():
    ax = charts.event_timeline_chart(timeline())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Russia · Kremlin", "South Korea · JCS", "South Korea · NIS"]
    assert line(ax, "event:e1").get_markersize() > line(ax, "event:e3").get_markersize()
    plt.close(ax.figure)


def test_claims_explorer_narrows_claimants_by_party_and_lists_every_sentence(claims):
    text = "Seoul said 1,500 left. The NIS put it at 1,500 <b>troops</b>."
    articles = typed_frame([dict(article_id=a, outlet=o, published=T("2024-10-18"), status="ok", text=text)
                            for a, o in (("a", "Desk"), ("b", "Wire"))], ARTICLES)
    base = dict(sentence_id=0, unit="troop", subject="North Korea", hedge="reported", increment=False,
                value=1500.0, low=1500.0, high=1500.0, qualifier="exact", category="deployed", claimant="NIS",
                as_of=T("2024-10-18"), reported=T("2024-10-18"), claim_id="c1")
    figures = typed_frame([{**base, "article_id": "a", "start": 11, "end": 16, "text": "1,500"},
                           {**base, "article_id": "b", "sentence_id": 1, "start": 41, "end": 46, "text": "1,500"}],
                          FIGURES)
    box = widgets.claims_explorer(claims, figures, articles)
    parties, claimants = _find(box, w.SelectMultiple, "parties"), _find(box, w.SelectMultiple, "claimants")
    assert set(claimants.options) == {"NIS", "JCS", "GUR", "Lakeside Times", "Harbor Wire"}
    parties.value = ("Ukraine",)
    assert claimants.options == ("GUR",)
    parties.value = ("South Korea",)
    chosen = _find(box, w.Select, "claims")
    first = next(i for label, i in chosen.options if "1,500" in label)
    chosen.value = first
    pane = _find(box, w.HTML).value
    assert "2 sentences" in pane and "Desk" in pane and "Wire" in pane
    assert "&lt;b&gt;troops&lt;/b&gt;" in pane and "<b>troops" not in pane
    plt.close("all")


def test_no_colour_is_used_twice_even_for_many_parties():
    colours = charts.party_colors([f"Party {i}" for i in range(25)] + [views.NO_PARTY])
    assert len(set(colours.values())) == len(colours)
