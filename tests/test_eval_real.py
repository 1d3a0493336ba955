"""benchmarks/eval_real.py: the real-article benchmark checks its inputs and skips without texts."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import eval_real  # noqa: E402

# Written for this test; not from any article.
TEXT = "The regional governor said on Tuesday that 42 people had been rescued from the flooded valley.\n"


def _entry(**changes):
    entry = {"id": "flood-x", "story": "test", "split": "dev", "url": "https://example.org/x", "query": "q",
             "sha256": hashlib.sha256(TEXT.encode()).hexdigest(), "outlet": None, "published": "2024-03-07",
             "figures": [{"text": "42 people", "occurrence": 1, "value": 42, "low": 42, "high": 42,
                          "qualifier": "exact", "category": "other", "claimant": "regional governor"}],
             "dates": [{"text": "Tuesday", "occurrence": 1, "type": "DATE", "value": "2024-03-05"}],
             "events": []}
    entry.update(changes)
    return entry


@pytest.fixture
def texts(tmp_path, monkeypatch):
    folder = tmp_path / "texts"
    folder.mkdir()
    monkeypatch.setattr(eval_real, "TEXTS", folder)
    return folder


def test_without_texts_it_says_so_and_succeeds(texts, tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(_entry()) + "\n")
    assert eval_real.main(["--gold", str(gold)]) == 0
    assert "nothing to score" in capsys.readouterr().out


def test_check_accepts_a_located_annotation(texts):
    (texts / "flood-x.txt").write_text(TEXT, encoding="utf-8")
    assert eval_real.check([_entry()]) == []


def test_check_names_a_changed_text_and_a_phrase_it_cannot_find(texts):
    (texts / "flood-x.txt").write_text(TEXT.replace("42", "43"), encoding="utf-8")
    problems = eval_real.check([_entry()])
    assert "flood-x: the text differs from the one annotated (sha256)" in problems
    assert "flood-x: figures phrase '42 people' (occurrence 1) is not in the clean text" in problems


def test_a_second_occurrence_must_exist(texts):
    (texts / "flood-x.txt").write_text(TEXT, encoding="utf-8")
    entry = _entry(dates=[{"text": "Tuesday", "occurrence": 2, "type": "DATE", "value": "2024-03-05"}])
    assert eval_real.check([entry]) == ["flood-x: dates phrase 'Tuesday' (occurrence 2) is not in the clean text"]


def test_scores_follow_the_other_benchmarks(texts):
    (texts / "flood-x.txt").write_text(TEXT, encoding="utf-8")
    result = eval_real.evaluate([_entry()])
    assert (result.figures.tp, result.dates.relaxed) == (1, 1)
    assert result.dates.value_ok == 1  # "Tuesday" before a Thursday publication: that week's Tuesday


def test_names_compare_as_their_words():
    assert eval_real.name("The Gaza Health Ministry") == eval_real.name("Gaza health ministry")
    assert eval_real.name("the health ministry in Gaza") == eval_real.name("Gaza's health ministry")
    assert eval_real.name("Gaza health ministry") != eval_real.name("Israeli health ministry")
    assert eval_real.name(None) is None and eval_real.name("NA") is None


def test_check_names_a_split_it_does_not_know(texts):
    (texts / "flood-x.txt").write_text(TEXT, encoding="utf-8")
    assert eval_real.check([_entry(split="tuning")]) == [
        "flood-x: split 'tuning' is not one of dev, heldout, fresh"]


def test_the_fresh_split_is_scored_alone_and_shows_no_misses(texts, tmp_path, capsys):
    # The gold claimant is one the toolkit cannot find, so the text has a miss to hide.
    fresh = _entry(id="flood-y", split="fresh", figures=[dict(_entry()["figures"][0], claimant="river authority")])
    (texts / "flood-x.txt").write_text(TEXT, encoding="utf-8")
    (texts / "flood-y.txt").write_text(TEXT, encoding="utf-8")
    assert any("claimant" in line for line in eval_real.evaluate([fresh]).misses["figures"])
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(_entry()) + "\n" + json.dumps(fresh) + "\n")
    assert eval_real.main(["--gold", str(gold), "--split", "fresh", "--misses"]) == 0
    out = capsys.readouterr().out
    assert "| measure | real, fresh |" in out and "| texts (stories) | 1 (1) |" in out
    assert "our corpus" not in out and "## figures" not in out and "river authority" not in out
