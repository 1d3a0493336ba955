"""Claims and the timeline: the same figure or event across articles folded into one row."""

from __future__ import annotations

import datetime as dt
import random

import pandas as pd
import pytest

import toolkit as tk
from toolkit.tables.claims import claims_table, conflicts
from toolkit.tables.frames import ARTICLES, EVENTS, FIGURES, typed_frame
from toolkit.tables.timeline import timeline_table

from conftest import SAMPLE

D = dt.date


def articles(*rows: tuple[str, str, dt.date, str]) -> pd.DataFrame:
    """Articles with a body each: (article_id, outlet, published, text)."""
    return typed_frame([{"article_id": a, "outlet": o, "published": p, "text": t, "status": "ok"}
                        for a, o, p, t in rows], ARTICLES)


def figure(article: str, value: float, *, day: dt.date, party: str | None = "South Korea",
           claimant: str | None = "NIS", qualifier: str = "exact", low: float | None = None,
           high: float | None = None, category: str = "deployed", scope: str | None = None) -> dict:
    if qualifier == "exact":
        low = high = value
    return {"article_id": article, "sentence_id": 0, "start": 0, "end": 5, "text": "n", "value": value,
            "low": low, "high": high, "qualifier": qualifier, "unit": "troop", "category": category,
            "subject": "North Korea", "claimant": claimant, "party": party, "scope": scope,
            "as_of": day, "reported": day}


ARTS = articles(
    ("a1", "Wire A", D(2024, 10, 18), "Seoul said 1,500 soldiers left."),
    ("a2", "Wire B", D(2024, 10, 19), "The spy agency said 1,500 soldiers had left."),
    ("a3", "Wire A", D(2024, 10, 19), "It said about 1,500 troops went."),
    ("a4", "Daily C", D(2024, 12, 20), "Seoul now says 1,500 were there."),
)


def figures(*rows: dict) -> pd.DataFrame:
    return typed_frame(list(rows), FIGURES)


def test_a_briefing_repeated_by_outlets_is_one_claim():
    table, ids = claims_table(figures(figure("a1", 1500, day=D(2024, 10, 18)),
                                      figure("a2", 1500, day=D(2024, 10, 19)),
                                      figure("a3", 1500, day=D(2024, 10, 19), qualifier="approx")), ARTS)
    assert len(table) == 1
    row = table.iloc[0]
    assert (row.n_figures, row.n_articles, row.n_outlets) == (3, 3, 2)
    assert row.article_ids == "a1;a2;a3"
    assert row.first_reported == pd.Timestamp("2024-10-18") and row.last_reported == pd.Timestamp("2024-10-19")
    assert row.text == "Seoul said 1,500 soldiers left."
    assert ids.nunique() == 1 and ids.iloc[0] == row.claim_id


@pytest.mark.parametrize("second, same", [
    (figure("a2", 2000, day=D(2024, 10, 19)), False),                      # a revision: another number
    (figure("a4", 1500, day=D(2024, 12, 20)), False),                      # the same number two months on
    (figure("a2", 1500, day=D(2024, 10, 19), party="Ukraine", claimant="GUR"), False),  # another side
    (figure("a2", 1500, day=D(2024, 10, 19), party="South Korea", claimant="JCS"), False),  # another body
    (figure("a2", 1500, day=D(2024, 10, 24)), False),                      # a briefing a week on
    (figure("a2", 1500, day=D(2024, 10, 19), category="killed"), False),   # another category
    (figure("a2", 1500, day=D(2024, 10, 19), scope="increment"), False),   # an addition, not the count
    (figure("a2", 1500, day=D(2024, 10, 19), scope="tranche"), True),      # the first group, restated as the count
    ({**figure("a2", 1500, day=D(2024, 10, 19)), "projected": True}, True),  # one statement read as a plan
    (figure("a2", 1400, day=D(2024, 10, 19), qualifier="range", low=1000, high=2000), True),  # inside a range
    (figure("a2", 1000, day=D(2024, 10, 19), qualifier="more_than", low=1000), False),  # an open bound
    (figure("a2", 1500, day=D(2024, 10, 19), party=None, claimant="Wire B"), False),  # an outlet's own count
    ({**figure("a2", 1500, day=D(2024, 10, 19)), "subject": None}, True),  # a recap naming no owner
    ({**figure("a2", 1500, day=D(2024, 10, 19)), "subject": "Russia"}, False),  # another owner
])
def test_what_makes_two_figures_one_claim(second, same):
    table, _ = claims_table(figures(figure("a1", 1500, day=D(2024, 10, 18)), second), ARTS)
    assert len(table) == (1 if same else 2)


def test_one_claimant_worded_two_ways_is_one_source():
    # a name the lexicon lacks comes as each text words it: case, articles, order and a
    # possessive do not make another source; other words do
    first = figure("a1", 410, day=D(2024, 10, 18), party=None, claimant="Water Board of Riverland")
    for name, same in (("water board of riverland", True), ("Riverland's Water Board", True),
                       ("the Riverland water board", True), ("Riverland fire board", False)):
        second = figure("a2", 410, day=D(2024, 10, 19), party=None, claimant=name)
        table, _ = claims_table(figures(first, second), ARTS)
        assert len(table) == (1 if same else 2), name


def test_a_round_figure_with_a_scale_word_is_the_precise_one_rounded():
    # "$95 billion" is given to the billion, so "$95.3 billion" rounds to it; "$96 billion"
    # does not, and a number written out in digits keeps its own value
    def money(article: str, value: float, written: str) -> dict:
        return {**figure(article, value, day=D(2024, 4, 20), party=None, claimant=None, category="money"),
                "text": written, "unit": "USD"}

    for second, same in ((money("a2", 95.3e9, "$95.3B"), True), (money("a2", 95.3e9, "$95.3 billion"), True),
                         (money("a2", 96e9, "$96 billion"), False), (money("a2", 95.3e9, "$95,300,000,000"), False),
                         (money("a2", 95.04e9, "$95.04 billion"), True)):
        table, _ = claims_table(figures(money("a1", 95e9, "$95 billion"), second), ARTS)
        assert len(table) == (1 if same else 2), second["text"]


def _placed(article: str, body: str, phrase: str, value: float, occurrence: int = 1, **changes) -> dict:
    """A figure of the article's own voice at the ``occurrence``-th place of ``phrase`` in ``body``."""
    start = -1
    for _ in range(occurrence):
        start = body.index(phrase, start + 1)
    sentence = body[:start].count(". ")
    return {**figure(article, value, day=D(2024, 4, 20), party=None, claimant=None, category="other"),
            "start": start, "end": start + len(phrase), "text": phrase, "sentence_id": sentence, **changes}


def test_one_half_of_a_tally_is_one_claim_only_with_the_same_other_half():
    # two votes of one day, 366-58 and 360-58, in one article and in another: the two 58s are
    # two claims, each the same as the other article's 58 of the same tally
    one = "The first bill passed 366-58. The last bill passed 360-58."
    two = "Lawmakers voted 366-58 for the first bill. They voted 360-58 for the last one."
    arts = articles(("v1", "Wire A", D(2024, 4, 20), one), ("v2", "Wire B", D(2024, 4, 20), two))
    rows = [_placed("v1", one, "366", 366), _placed("v1", one, "58", 58), _placed("v1", one, "360", 360),
            _placed("v1", one, "58", 58, occurrence=2), _placed("v2", two, "366", 366), _placed("v2", two, "58", 58),
            _placed("v2", two, "360", 360), _placed("v2", two, "58", 58, occurrence=2)]
    table, ids = claims_table(figures(*rows), arts)
    assert len(table) == 4
    assert ids.iloc[1] == ids.iloc[5] and ids.iloc[3] == ids.iloc[7] and ids.iloc[1] != ids.iloc[3]


def test_two_figures_of_one_sentence_are_two_claims():
    body = "The swap brought home 12 marines and 12 border guards."
    arts = articles(("s1", "Wire A", D(2024, 4, 20), body))
    table, _ = claims_table(figures(_placed("s1", body, "12 marines", 12), _placed("s1", body, "12 border guards", 12)),
                            arts)
    assert len(table) == 2


def test_a_figure_restated_in_parentheses_is_one_claim_with_it():
    # another currency or the exact count, in parentheses right after a figure, says it again
    body = "Donors gave 3.5 million pesos (about 70,000 dollars). Earlier counts said over 5,000 (5,212) had fled."
    arts = articles(("p1", "Wire A", D(2024, 4, 20), body))
    rows = [_placed("p1", body, "3.5 million pesos", 3.5e6, category="money"),
            _placed("p1", body, "about 70,000 dollars", 70000, category="money", qualifier="approx"),
            _placed("p1", body, "over 5,000", 5000, qualifier="more_than", low=5000),
            _placed("p1", body, "5,212", 5212)]
    for order in (rows, rows[::-1]):
        table, ids = claims_table(figures(*order), arts)
        assert sorted(table["n_figures"]) == [2, 2]


def test_a_headline_in_the_articles_voice_states_the_claim_its_body_attributes():
    body = "Flood toll rises to 61. The toll has risen to 61, a river agency official said. Locals counted 61 boats."
    arts = articles(("h1", "Wire A", D(2024, 4, 20), body))
    rows = [_placed("h1", body, "61", 61, category="killed"),
            _placed("h1", body, "61", 61, occurrence=2, category="killed", claimant="river agency official"),
            _placed("h1", body, "61 boats", 61, occurrence=1)]
    table, ids = claims_table(figures(*rows), arts)
    assert ids.iloc[0] == ids.iloc[1] != ids.iloc[2]  # the boats count another thing
    # only the first sentence: the same own-voice number later in the body stays the article's
    later = [{**rows[0], "sentence_id": 2}, rows[1]]
    assert claims_table(figures(*later), arts)[1].nunique() == 2


def test_the_leads_loose_source_named_in_the_next_attribution_is_one_source():
    # "Six hikers died, county officials said Tuesday. Rescuers found the six, the county rescue
    # office said.": the lead names its source loosely and the next attribution names it, so the
    # two sixes are one claim; not when the lead names its own source (two bodies of one side)
    # or the next speaker is another side's
    body = ("Six hikers died in a rockfall, county officials said Tuesday. Rescuers found the six, "
            "the county rescue office said.")
    arts = articles(("l1", "Wire A", D(2024, 4, 20), body))
    rows = [_placed("l1", body, "Six hikers", 6, category="killed", claimant="county officials", party="Norland"),
            _placed("l1", body, "the six", 6, category="killed", claimant="county rescue office", party="Norland")]
    assert claims_table(figures(*rows), arts)[1].nunique() == 1
    assert claims_table(figures(*rows[::-1]), arts)[1].nunique() == 1
    named = body.replace("county officials", "the Norland Police")
    arts2 = articles(("l1", "Wire A", D(2024, 4, 20), named))
    two_bodies = [{**rows[0], "claimant": "Norland Police"}, rows[1]]
    assert claims_table(figures(*two_bodies), arts2)[1].nunique() == 2
    other_side = [rows[0], {**rows[1], "party": "Southland"}]
    assert claims_table(figures(*other_side), arts)[1].nunique() == 2
    # a person given a role at the body the lead just named speaks for it
    body3 = ("Six hikers died, the Blue Cross said today. Mia Lund, the charity's director, told a radio "
             "station six had died.")
    arts3 = articles(("l3", "Wire A", D(2024, 4, 20), body3))
    rows3 = [_placed("l3", body3, "Six hikers", 6, category="killed", claimant="Blue Cross"),
             _placed("l3", body3, "six had", 6, category="killed", claimant="Mia Lund")]
    assert claims_table(figures(*rows3), arts3)[1].nunique() == 1


def test_in_one_article_only_the_days_figures_describe_tell_one_claim():
    # one article reports a vote of the 27th on 50bn and the deal of the 1st on the same 50bn:
    # its report day is both figures', so it does not make them one claim; two articles of one
    # day that date one figure loosely still do (a recap)
    vote = {**figure("a1", 50e9, day=D(2024, 2, 27), party=None, claimant=None, category="money"),
            "reported": D(2024, 2, 27), "sentence_id": 0}
    deal = {**vote, "as_of": D(2024, 2, 1), "sentence_id": 3, "start": 90, "end": 95}
    assert len(claims_table(figures(vote, deal), ARTS)[0]) == 2
    assert len(claims_table(figures(vote, {**deal, "article_id": "a2"}), ARTS)[0]) == 1


def test_a_claim_is_anchored_on_the_statement_not_on_a_recap():
    # a recap dates the briefing loosely (its period, five days before); the briefing itself
    # (told the day it was stated) anchors the claim, so a later retrospective that dates it
    # right joins too, in any input order
    recap = {**figure("a3", 1500, day=D(2024, 10, 13)), "reported": D(2024, 10, 18)}
    retro = {**figure("a4", 1500, day=D(2024, 10, 18)), "reported": D(2024, 12, 20)}
    rows = [recap, retro, figure("a1", 1500, day=D(2024, 10, 18))]
    for order in (rows, rows[::-1]):
        table, _ = claims_table(figures(*order), ARTS)
        assert list(table["n_figures"]) == [3]


def test_an_open_bound_is_no_point_inside_a_range():
    # "more than 11,000" is not "11,000-12,000": an open bound states only its own number
    table, _ = claims_table(figures(figure("a1", 11500, day=D(2024, 11, 4), qualifier="range", low=11000, high=12000),
                                    figure("a2", 11000, day=D(2024, 11, 5), qualifier="more_than", low=11000),
                                    figure("a3", 11000, day=D(2024, 11, 5), qualifier="approx")), ARTS)
    assert sorted(table["n_figures"]) == [1, 2]


def test_claim_ids_are_unique_even_for_claims_alike():
    twins = [figure("a1", 1500, day=D(2024, 10, 18)), figure("a2", 1500, day=D(2024, 10, 18), scope="increment")]
    table, _ = claims_table(figures(*twins), ARTS)
    assert len(table) == 2 and table["claim_id"].is_unique


def test_claims_and_ids_do_not_depend_on_input_order():
    rows = [figure(a, v, day=d) for a, v, d in (("a1", 1500, D(2024, 10, 18)), ("a2", 1500, D(2024, 10, 19)),
                                                ("a3", 2000, D(2024, 10, 19)), ("a4", 1500, D(2024, 12, 20)))]
    first, ids = claims_table(figures(*rows), ARTS)
    random.Random(7).shuffle(rows)
    again, ids_again = claims_table(figures(*rows), ARTS)
    pd.testing.assert_frame_equal(first, again)
    assert sorted(ids) == sorted(ids_again)


def test_conflicts_are_claims_of_two_sides_that_cannot_both_be_true():
    table, _ = claims_table(figures(figure("a1", 1500, day=D(2024, 10, 18)),
                                    figure("a2", 12000, day=D(2024, 10, 25), party="Ukraine", claimant="GUR"),
                                    figure("a3", 1000, day=D(2024, 10, 26), party="United States",
                                           claimant="Pentagon", qualifier="range", low=1000, high=2000)), ARTS)
    found = conflicts(table)
    pairs = {frozenset((r.party_a, r.party_b)) for r in found.itertuples()}
    # Seoul's 1,500 sits inside Washington's 1,000-2,000, so only Kyiv's 12,000 conflicts
    assert pairs == {frozenset({"South Korea", "Ukraine"}), frozenset({"Ukraine", "United States"})}


def event(article: str, kind: str, actor: str | None, day: dt.date | None, action: str = "say") -> dict:
    return {"article_id": article, "sentence_id": 0, "start": 0, "end": 5, "text": f"{actor} {action}",
            "date": day, "date_latest": day, "granularity": "day" if day else "none", "actor": actor,
            "kind": kind, "action": action, "planned": False, "mentions": 1}


def test_one_confirmation_reported_by_many_outlets_is_one_timeline_row():
    events = typed_frame([event(a, "confirmation", "NATO", D(2024, 10, 28), "confirm") for a in ("a1", "a2", "a3")]
                         + [event("a1", "deployment", "North Korea", D(2024, 10, 8), "send")], EVENTS)
    table, ids = timeline_table(events, ARTS)
    assert list(table["kind"]) == ["deployment", "confirmation"]
    assert list(table["n_articles"]) == [1, 3]
    assert table.iloc[1].first_reported == pd.Timestamp("2024-10-18")
    assert ids.iloc[0] == ids.iloc[1] == ids.iloc[2] == table.iloc[1].event_id


def test_undated_statements_are_one_event_only_when_reported_the_same_day():
    events = typed_frame([event("a2", "announcement", "NIS", None), event("a3", "announcement", "NIS", None),
                          event("a4", "announcement", "NIS", None)], EVENTS)
    table, _ = timeline_table(events, ARTS)
    assert sorted(table["n_articles"]) == [1, 2]


def test_events_with_no_actor_need_the_same_action():
    events = typed_frame([event("a1", "casualties", None, D(2023, 2, 6), "strike"),
                          event("a2", "casualties", None, D(2023, 2, 6), "collapse")], EVENTS)
    assert len(timeline_table(events, ARTS)[0]) == 2


def test_in_one_article_a_happening_with_no_agent_may_be_a_named_actors():
    # "another swap took place on Monday" and "ten soldiers came home on Monday" (Ukraine): one
    # happening of one day, told with and without its actor; two named actors stay two, and so
    # do statements and rows of other days
    swap = [{**event("a1", "other", None, D(2024, 10, 14), "exchange"), "start": 0},
            {**event("a1", "other", "Ukraine", D(2024, 10, 14), "return"), "start": 40}]
    assert len(timeline_table(typed_frame(swap, EVENTS), ARTS)[0]) == 1
    for second in ({**swap[1], "actor": None, "action": "return", "kind": "announcement"},
                   {**swap[1], "date": D(2024, 10, 15), "date_latest": D(2024, 10, 15)}):
        assert len(timeline_table(typed_frame([swap[0], second], EVENTS), ARTS)[0]) == 2
    two = [{**swap[1], "actor": "Russia", "start": 0}, swap[1]]
    assert len(timeline_table(typed_frame(two, EVENTS), ARTS)[0]) == 2


def test_in_one_article_a_states_statement_may_be_its_organs_of_the_same_day():
    # "Ukraine said on Monday" and "the GUR wrote on Monday": one statement, named by the state
    # and by its body; not a statement of another kind, nor two undated ones
    said = [{**event("a1", "announcement", "Ukraine", D(2024, 10, 14)), "start": 0, "party": "Ukraine"},
            {**event("a1", "announcement", "GUR", D(2024, 10, 14), "write"), "start": 40, "party": "Ukraine"}]
    assert len(timeline_table(typed_frame(said, EVENTS), ARTS)[0]) == 1
    other_kind = [said[0], {**said[1], "kind": "confirmation"}]
    undated = [{**r, "date": None, "date_latest": None, "granularity": "none"} for r in said]
    for rows in (other_kind, undated):
        assert len(timeline_table(typed_frame(rows, EVENTS), ARTS)[0]) == 2


def test_a_plan_told_undated_and_dated_the_same_day_is_one_event():
    # "the council will need to vote" and "the council is expected to vote next week", printed
    # the same day: one plan; printed two months apart, two
    undated = {**event("a2", "agreement", "Senate", None, "vote"), "planned": True}
    dated = {**event("a3", "agreement", "Senate", D(2024, 10, 21), "vote"), "planned": True,
             "date_latest": D(2024, 10, 27), "granularity": "week"}
    assert len(timeline_table(typed_frame([undated, dated], EVENTS), ARTS)[0]) == 1
    later = {**undated, "article_id": "a4"}
    assert len(timeline_table(typed_frame([later, dated], EVENTS), ARTS)[0]) == 2


def test_another_speaker_of_the_same_title_is_another_event():
    # "a district official told the radio" and "Another district official confirmed it": two
    # people named alike in one article, two statements
    first = {**event("a1", "announcement", "district official", None, "tell"), "start": 0,
             "text": "a district official told the radio"}
    for opener in ("Another", "A second", "A separate"):
        second = {**event("a1", "confirmation", "district official", None, "confirm"), "start": 60,
                  "text": f"{opener} district official confirmed it"}
        assert len(timeline_table(typed_frame([first, second], EVENTS), ARTS)[0]) == 2, opener
    same = {**first, "start": 60, "kind": "confirmation", "text": "The district official confirmed it"}
    assert len(timeline_table(typed_frame([first, same], EVENTS), ARTS)[0]) == 1


@pytest.mark.skipif(not SAMPLE.exists(), reason="the sample corpus is not there")
def test_the_corpus_carries_claims_and_a_timeline(tmp_path):
    corpus = tk.load(SAMPLE)
    figs, claims = corpus.figures, corpus.claims
    assert figs["claim_id"].notna().all() and set(figs["claim_id"]) == set(claims["claim_id"])
    assert int(claims["n_figures"].sum()) == len(figs)
    assert claims["claim_id"].is_unique and corpus.timeline["event_id"].is_unique
    assert (claims["n_articles"] > 1).any(), "the sample corpus repeats briefings across outlets"
    assert corpus.events["event_id"].notna().all()
    assert (corpus.timeline["n_articles"] > 1).any(), "the sample corpus reports events in several outlets"
    assert corpus.events["event_id"].isin(corpus.timeline["event_id"]).all()
    reversed_corpus = tk.load(sorted(SAMPLE.iterdir(), reverse=True))
    pd.testing.assert_frame_equal(reversed_corpus.claims, claims)
    pd.testing.assert_frame_equal(reversed_corpus.timeline, corpus.timeline)
    corpus.write(tmp_path, format="jsonl")
    assert (tmp_path / "claims.jsonl").read_text(encoding="utf-8").count('"article_ids": [') == len(claims)


def test_a_figure_with_no_value_is_a_claim_of_its_own():
    rows = [figure("a1", 1500, day=D(2024, 10, 18)), figure("a2", 1500, day=D(2024, 10, 18))]
    rows[1].update(value=None, low=None, high=None)
    table, ids = claims_table(figures(*rows), ARTS)
    assert len(table) == 2 and ids.notna().all()
    one = tk.parse_text("Later 10^400 tanks and 10^400 tanks arrived.", published="2025-04-28")
    assert len(one.claims) == len(one.figures) == 2


def test_about_n_reaches_a_tenth_either_side_and_only_totals_compete():
    table, _ = claims_table(figures(
        figure("a1", 1100, day=D(2024, 12, 20), qualifier="approx", category="casualties"),
        figure("a2", 1000, day=D(2024, 12, 22), party="United States", claimant="Pentagon", qualifier="approx",
               category="casualties"),
        figure("a3", 6000, day=D(2024, 12, 23), party="Ukraine", claimant="GUR", category="casualties",
               scope="tranche")), ARTS)
    assert conflicts(table).empty
    from toolkit import views
    assert views.conflict_table(table).empty


def test_a_day_inside_a_month_is_the_same_event_a_day_inside_a_year_is_not():
    def span(article, first, last, topic=None):
        row = event(article, "confirmation", "NATO", first, "confirm")
        return {**row, "date_latest": last, "granularity": "day" if first == last else "month", "topic": topic}
    events = typed_frame([span("a1", D(2024, 12, 12), D(2024, 12, 12), topic="casualties"),
                          span("a2", D(2024, 12, 1), D(2024, 12, 31)),
                          span("a3", D(2024, 1, 1), D(2024, 12, 31))], EVENTS)
    table, ids = timeline_table(events, ARTS)
    assert sorted(table["n_articles"]) == [1, 2]
    joined = table[table["n_articles"] == 2].iloc[0]
    assert joined.date == pd.Timestamp("2024-12-12") and joined.topic == "casualties"  # the most precise date, the topic
    assert ids.iloc[0] == ids.iloc[1] != ids.iloc[2]


def test_a_figure_of_a_month_joins_a_claim_of_a_day_in_it():
    month = {**figure("a2", 600, day=D(2025, 1, 1), category="killed"), "as_of_latest": D(2025, 1, 31)}
    day = figure("a1", 600, day=D(2025, 1, 20), category="killed")
    later = figure("a4", 600, day=D(2025, 2, 10), category="killed")
    table, ids = claims_table(figures(month, day, later), ARTS)
    assert ids.iloc[0] == ids.iloc[1] != ids.iloc[2]


def test_the_tables_a_notebook_shows_name_the_outlets():
    from toolkit import views
    events = typed_frame([event(a, "confirmation", "NATO", D(2024, 10, 28), "confirm") for a in ("a1", "a2", "a3")],
                         EVENTS)
    timeline, _ = timeline_table(events, ARTS)
    assert views.timeline_table(timeline, ARTS).loc[0, "outlets"] == "Wire A; Wire B"
    claims, _ = claims_table(figures(figure("a1", 1500, day=D(2024, 10, 18)), figure("a2", 1500, day=D(2024, 10, 19))),
                             ARTS)
    assert views.claim_table(claims, ARTS).loc[0, "outlets"] == "Wire A; Wire B"
