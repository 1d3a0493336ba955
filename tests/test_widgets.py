"""Explorers wire controls to charts: a change redraws and the source pane shows escaped text."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402

from toolkit import widgets  # noqa: E402
from toolkit.tables.frames import ARTICLES, EVENTS, FIGURES, typed_frame  # noqa: E402

from conftest import find_widget as find  # noqa: E402

HOSTILE = 'Officials said <script>alert(1)</script> 1,500 troops <img src=x onerror=alert(2)> left.'


def articles():
    return typed_frame([dict(article_id="a", title="<b>Title</b>", outlet="Desk", published=pd.Timestamp("2024-10-18"),
                             status="ok", text=HOSTILE + " Another 3,000 died.")], ARTICLES)


def figures():
    base = dict(article_id="a", sentence_id=0, unit="troop", subject="North Korea", hedge="reported",
                increment=False, low=None, high=None)
    return typed_frame([
        {**base, "start": 28, "end": 40, "text": "1,500 troops", "value": 1500.0, "qualifier": "exact",
         "category": "deployed", "claimant": "NIS", "as_of": pd.Timestamp("2024-10-18"), "reported": pd.Timestamp("2024-10-18")},
        {**base, "sentence_id": 1, "start": 90, "end": 103, "text": "Another 3,000", "value": 3000.0,
         "qualifier": "exact", "category": "killed", "claimant": None, "as_of": pd.Timestamp("2024-12-01"),
         "reported": pd.Timestamp("2024-12-19")},
    ], FIGURES)


def test_estimates_explorer_lists_claims_of_the_chosen_category():
    import ipywidgets as w

    box = widgets.estimates_explorer(figures(), articles())
    claims = find(box, w.Select, "claims")
    assert [label for label, _ in claims.options] == ["2024-10-18 · NIS · 1,500 troops"]
    find(box, w.Dropdown, "category").value = "killed"
    assert [label for label, _ in claims.options] == ["2024-12-01 · unattributed · Another 3,000"]
    find(box, w.ToggleButtons, "x").value = "reported"
    assert [label for label, _ in claims.options] == ["2024-12-19 · unattributed · Another 3,000"]


def test_choosing_a_claim_shows_its_escaped_source():
    import ipywidgets as w

    box = widgets.estimates_explorer(figures(), articles())
    find(box, w.Select, "claims").value = 0
    pane = find(box, w.HTML).value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pane and "<script>" not in pane
    assert "&lt;img src=x onerror=alert(2)&gt;" in pane and "<img" not in pane
    assert "&lt;b&gt;Title&lt;/b&gt;" in pane and "2024-10-18" in pane and "Desk" in pane


def test_claimant_filter_empties_the_list():
    import ipywidgets as w

    box = widgets.estimates_explorer(figures(), articles())
    find(box, w.SelectMultiple, "claimants").value = ("unattributed",)
    assert find(box, w.Select, "claims").options == ()


def test_timeline_explorer_filters_kinds():
    import ipywidgets as w

    events = typed_frame([
        dict(article_id="a", sentence_id=0, start=0, end=10, text="said", date=pd.Timestamp("2024-10-18"),
             date_latest=pd.Timestamp("2024-10-18"), granularity="day", actor="NIS", kind="announcement",
             action="say", planned=False, mentions=1),
        dict(article_id="a", sentence_id=1, start=90, end=103, text="died", date=None, date_latest=None,
             granularity="none", actor=None, kind="casualties", action="die", planned=False, mentions=1),
    ], EVENTS)
    box = widgets.timeline_explorer(events, articles())
    listed = find(box, w.Select, "events")
    assert [label for label, _ in listed.options] == ["2024-10-18 · NIS · announcement", "undated · unknown actor · casualties"]
    find(box, w.SelectMultiple, "kinds").value = ("casualties",)
    assert [label for label, _ in listed.options] == ["undated · unknown actor · casualties"]


def test_estimates_explorer_subject_leaves_out_other_owners():
    import ipywidgets as w

    joint = figures()
    joint.loc[0, "subject"] = "Russia and North Korea"
    claims = find(widgets.estimates_explorer(joint, articles(), subject="North Korea"), w.Select, "claims")
    assert claims.options == ()
    claims = find(widgets.estimates_explorer(joint, articles()), w.Select, "claims")
    assert [label for label, _ in claims.options] == ["2024-10-18 · NIS · 1,500 troops"]
