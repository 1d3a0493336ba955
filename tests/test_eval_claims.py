"""benchmarks/eval_claims.py: the gold claims and timeline resolve, and the benchmark scores in [0, 1]."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import eval_claims  # noqa: E402


@pytest.fixture(scope="module")
def result() -> dict:
    return eval_claims.evaluate()


def test_every_gold_reference_resolves(result):
    # every reference names an existing gold figure or event, none is in two groups, and every
    # gold figure of a sample article is in a claim
    assert result["problems"] == []


def test_every_sample_figure_is_in_exactly_one_claim():
    figures = eval_claims._load_list(eval_claims.GOLD / "figures.yaml", "figures")
    claims = eval_claims._load_list(eval_claims.GOLD / "claims.yaml", "claims")
    owner, problems = eval_claims.resolve_groups(claims, figures, "figures")
    assert problems == []
    refs = sum(len(c["figures"]) for c in claims)
    assert refs == len(owner)  # no figure listed twice


def test_timeline_groups_have_two_events_or_more():
    groups = eval_claims._load_list(eval_claims.GOLD / "timeline.yaml", "events")
    assert groups and all(len(g["events"]) >= 2 for g in groups)


# Written for this test: two gold entries of one article with the same text, and a duplicate.
ENTRIES = [{"article_id": "a", "text": "about 10"}, {"article_id": "a", "text": "about 10"},
           {"article_id": "b", "text": "20 more"}]


@pytest.mark.parametrize(("groups", "owners", "n_problems"), [
    ([{"label": "x", "figures": [{"article_id": "a", "text": "about 10", "occurrence": 2}]}], {1: "x"}, 0),
    ([{"label": "x", "figures": [{"article_id": "a", "text": "about 10"}]},
      {"label": "y", "figures": [{"article_id": "a", "text": "about 10"}]}], {0: "y"}, 1),
    ([{"label": "x", "figures": [{"article_id": "b", "text": "twenty more"}]}], {}, 1),
    ([{"label": "x", "figures": [{"article_id": "a", "text": "about 10", "occurrence": 3}]}], {}, 1),
    ([{"label": "x", "figures": []}], {}, 1),
])
def test_resolve_groups_reports_problems(groups, owners, n_problems):
    owner, problems = eval_claims.resolve_groups(groups, ENTRIES, "figures")
    assert owner == owners
    assert len(problems) == n_problems


def _item(gold: str, pred: str) -> eval_claims.Item:
    return eval_claims.Item(gold, pred, {"article_id": "a", "text": gold + pred}, SimpleNamespace())


def test_pairwise_scores_of_a_small_grouping():
    # gold {1,2,3} {4}; predicted {1,2} {3,4}: links gold 3, predicted 2, both 1
    items = [_item("g1", "p1"), _item("g1", "p1"), _item("g1", "p2"), _item("g2", "p2")]
    grouping = eval_claims.compare_groupings(items)
    assert (grouping.both, len(grouping.wrong), len(grouping.missed)) == (1, 1, 2)
    p, r, f = grouping.prf()
    assert (p, r) == (0.5, pytest.approx(1 / 3))
    assert f == pytest.approx(0.4)
    assert grouping.groups() == (2, 2)


def test_benchmark_reports_numbers_within_0_and_1(result):
    for name in ("claims", "timeline", "claims_rule", "claims_rule_party", "timeline_rule"):
        grouping = result[name]
        assert grouping.items, name
        assert all(0.0 <= x <= 1.0 for x in grouping.prf()), name
        gold_groups, predicted_groups = grouping.groups()
        assert 1 <= gold_groups <= len(grouping.items) and 1 <= predicted_groups <= len(grouping.items)
    n_figures, n_events = result["n_gold"]
    assert len(result["claims"].items) <= n_figures and len(result["timeline"].items) <= n_events
    # the rule alone, on the gold's own fields, sees every gold item
    assert len(result["claims_rule"].items) == n_figures and len(result["timeline_rule"].items) == n_events


def test_main_prints_the_tables_and_the_misses(result, monkeypatch, capsys):
    monkeypatch.setattr(eval_claims, "evaluate", lambda: result)
    assert eval_claims.main(["--misses"]) == 0
    out = capsys.readouterr().out
    assert "pairwise F1" in out and "what tells the two apart" in out
    assert "SPLIT" in out or "MERGED" in out


def test_party_accuracy_counts_the_gold_claimants_party():
    parties = {"NIS": "South Korea", "CNN": None}
    items = [eval_claims.Item("g", "p", {"claimant": c}, SimpleNamespace(party=p))
             for c, p in (("NIS", "South Korea"), ("CNN", None), (None, None), ("NIS", None))]
    assert eval_claims.party_score(items, parties, "claimant") == "0.75 (3 of 4)"
    assert eval_claims.party_score([_item("g", "p")], parties, "claimant") == "no party column yet"


def test_every_gold_claimant_and_actor_has_a_party_entry():
    figures = eval_claims._load_list(eval_claims.GOLD / "figures.yaml", "figures")
    events = eval_claims._load_list(eval_claims.GOLD / "events.yaml", "events")
    assert eval_claims.gold_parties("claims.yaml", "claimant", figures)[1] == []
    assert eval_claims.gold_parties("timeline.yaml", "actor", events)[1] == []


def test_party_misses_lists_only_the_rows_whose_party_is_wrong():
    parties = {"NIS": "South Korea", "CNN": None}
    rows = [("NIS", "South Korea", "NIS"), ("CNN", "Ukraine", "GUR"), (None, None, None), ("NIS", None, "lawmakers")]
    items = [eval_claims.Item("g", "p", {"article_id": "a", "text": f"figure {i}", "claimant": c},
                              SimpleNamespace(party=p, claimant=name))
             for i, (c, p, name) in enumerate(rows)]
    listed = eval_claims.party_misses(items, parties, "claimant", "claimant")
    assert listed == ["a: 'figure 1': gold 'CNN' (None) -> 'GUR' (Ukraine)",
                      "a: 'figure 3': gold 'NIS' (South Korea) -> 'lawmakers' (None)"]


def test_a_tie_of_spans_goes_to_the_event_of_the_golds_kind():
    # one clause, two predicted events over the same span (a statement and the deployment it
    # reports): each gold event inside it takes the prediction of its own kind, whatever the order
    import eval_events

    golds = [(0, 40, {"kind": "announcement", "actor": "NIS"}), (45, 70, {"kind": "deployment", "actor": "North Korea"})]
    for order in ((0, 1), (1, 0)):
        preds = [SimpleNamespace(start=0, end=80, kind=k, actor=a)
                 for k, a in [("announcement", "NIS"), ("deployment", "North Korea")]]
        preds = [preds[i] for i in order]
        pairs = dict(eval_events.match_events(golds, preds))
        assert {g: preds[p].kind for g, p in pairs.items()} == {0: "announcement", 1: "deployment"}


# --- the real development set (benchmarks/real, split dev) -----------------------------------

def _dev_entries() -> list[dict]:
    return [e for e in eval_claims.eval_real.load_gold() if e.get("split") == "dev"]


def test_the_dev_claims_gold_parses_and_covers_every_dev_entry():
    entries = _dev_entries()
    figures, claim_labels, events, event_labels, problems = eval_claims.dev_gold(entries)
    assert problems == []
    assert len(figures) == sum(len(e["figures"]) for e in entries) == len(claim_labels)
    assert len(events) == sum(len(e["events"]) for e in entries) == len(event_labels)
    assert {g.get("scope") for g in figures} <= {"total", "tranche", "increment", None}
    # the gold increment and the gold scope agree, as the toolkit's columns do
    assert all((g.get("scope") == "increment") == bool(g.get("increment")) for g in figures)
    # some claims and events are told by several articles, and no label is a singleton's in disguise
    for labels in (claim_labels, event_labels):
        grouped = [lab for lab in labels if not lab.startswith("alone: ")]
        assert grouped and all(grouped.count(lab) >= 2 for lab in grouped)


def test_dev_gold_names_a_line_that_does_not_match_its_entry(tmp_path):
    entry = {"id": "t", "figures": [{"text": "40 people", "occurrence": 1}], "events": []}
    path = tmp_path / "claims.jsonl"
    path.write_text('{"id": "t", "table": "figures", "index": 0, "text": "41 people", "occurrence": 1, '
                    '"group": null, "scope": "total", "party": null}\n'
                    '{"id": "t", "table": "events", "index": 3, "text": "x", "group": null, "party": null}\n')
    *_, problems = eval_claims.dev_gold([entry], path)
    assert len(problems) == 2
    assert "says '41 people'" in problems[0] and "names no dev gold entry" in problems[1]


def test_the_dev_parties_file_loads():
    from toolkit.read.lexicon import Lexicon

    lexicon = Lexicon.load(parties=eval_claims.REAL_PARTIES)
    assert {"Palestine", "Hamas", "Burkina Faso"} <= set(lexicon.parties["parties"])


@pytest.mark.skipif(not any(eval_claims.eval_real.TEXTS.glob("*.txt")) if eval_claims.eval_real.TEXTS.is_dir()
                    else True, reason="benchmarks/real/texts is absent (see benchmarks/real/README.md)")
def test_split_dev_scores_the_real_set(capsys):
    assert eval_claims.main(["--split", "dev", "--misses"]) == 0
    out = capsys.readouterr().out
    assert "gold items of the real dev set" in out and "scope right" in out and "party and scope misses" in out


def test_split_dev_without_texts_says_so(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(eval_claims.eval_real, "TEXTS", tmp_path / "texts")
    assert eval_claims.main(["--split", "dev"]) == 0
    assert "nothing to score" in capsys.readouterr().out
