"""Parties of claimants and actors, and the scope of a count (issue 14).

The cases live in ``tests/cases/parties.yaml``: ``names`` check :func:`party_of` on one name
(with the article's text where a rule reads it), ``texts`` run the whole pipeline and check the
``party`` and ``scope`` of its figures and the ``party`` of its events.
"""

from __future__ import annotations

import datetime as dt
import math
import shutil
from typing import Any

import pytest
import yaml
from conftest import CASES

import toolkit as tk
from toolkit import extract
from toolkit.extract.parties import party_of
from toolkit.read.clean import split_sentences
from toolkit.read.lexicon import DEFAULT_ROOT, Lexicon, clear_cache

_DATA = yaml.safe_load((CASES / "parties.yaml").read_text(encoding="utf-8"))


def _params(key: str) -> list[Any]:
    out = []
    for case in _DATA[key]:
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
        out.append(pytest.param(case, id=case["id"], marks=marks))
    return out


@pytest.mark.parametrize("case", _params("names"))
def test_party_of_a_name(case: dict[str, Any]) -> None:
    assert party_of(case["name"], text=case.get("text")) == case["party"]


def _same(got: Any, want: Any) -> bool:
    if want is None:
        return got is None or (isinstance(got, float) and math.isnan(got))
    return got == want


@pytest.mark.parametrize("case", _params("texts"))
def test_party_and_scope_in_the_pipeline(case: dict[str, Any]) -> None:
    text = case["text"]
    ctx = extract.run(text, published=dt.date(2025, 4, 28), sentences=split_sentences(text))
    if "figures" in case:
        found = {f.text: f for f in ctx.figures or []}
        for want in case["figures"]:
            assert want["text"] in found, (want["text"], sorted(found))
            fig = found[want["text"]]
            for key, value in want.items():
                assert _same(getattr(fig, key), value), (fig.text, key, getattr(fig, key), value)
    for actor, party in case.get("events", []):
        assert (actor, party) in {(e.actor, e.party) for e in ctx.events or []}


def test_scope_increment_agrees_with_the_increment_column() -> None:
    figures = tk.parse_text("The JCS said 1,000 more soldiers came, and 3,000 in all are there now.").figures
    assert list(figures["scope"] == "increment") == list(figures["increment"])
    assert list(figures["scope"]) == ["increment", "total"]


def test_the_tables_carry_party_and_scope():
    one = tk.parse_text("The NIS said a first group of 1,500 soldiers had left. The Kremlin denied it.")
    assert list(one.figures[["party", "scope"]].itertuples(index=False, name=None)) == [("South Korea", "tranche")]
    assert "Russia" in set(one.events["party"].dropna())


def test_another_conflict_needs_only_the_lexicon(tmp_path, monkeypatch):
    # a party and its member added to a copy of the lexicon reach the pipeline through
    # TOOLKIT_LEXICON, with no code change
    folder = tmp_path / "lex"
    shutil.copytree(DEFAULT_ROOT, folder)
    parties = yaml.safe_load((folder / "parties.yaml").read_text(encoding="utf-8"))
    parties["parties"]["United Nations"] = []
    (folder / "parties.yaml").write_text(yaml.safe_dump(parties), encoding="utf-8")
    monkeypatch.setenv("TOOLKIT_LEXICON", str(folder))
    clear_cache()
    try:
        assert party_of("the UN Security Council") == "United Nations"
        assert party_of("the UN Security Council", lexicon=Lexicon.load(DEFAULT_ROOT)) is None
        figures = tk.parse_text("The United Nations said 2,000 soldiers had arrived.").figures
        assert list(figures["party"]) == ["United Nations"]
    finally:
        monkeypatch.delenv("TOOLKIT_LEXICON")
        clear_cache()
