"""The shared English word lists (toolkit/extract/english.py, data/lexicon/english.yaml)."""

from __future__ import annotations

import shutil

import pytest

from toolkit.errors import LexiconError
from toolkit.extract.english import load_english
from toolkit.read.lexicon import DEFAULT_ROOT, ENV_VAR, clear_cache


def test_each_abbreviation_begins_its_month_name():
    en = load_english()
    by_number = {n: name for name, n in en.months.items()}
    assert sorted(by_number) == list(range(1, 13))
    for abbreviation, n in en.month_abbreviations.items():
        assert by_number[n].startswith(abbreviation), abbreviation


def test_ambiguous_months_are_months():
    en = load_english()
    assert en.ambiguous_months <= set(en.all_months)
    assert "may" in en.ambiguous_months and "january" not in en.ambiguous_months


def test_number_words_cover_zero_to_ninety_and_the_scales():
    en = load_english()
    assert sorted(en.cardinals.values()) == list(range(20))
    assert sorted(en.tens.values()) == list(range(20, 100, 10))
    assert en.number_value("Million") == 1e6
    assert en.number_value("dozen") is None  # a phrase of the extractors, not a number word


def test_a_lexicon_folder_elsewhere_reaches_the_lists(tmp_path, monkeypatch):
    shutil.copytree(DEFAULT_ROOT, tmp_path / "lex")
    path = tmp_path / "lex" / "english.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  sept: 9\n", "  sept: 9\n  sptmbr: 9\n"),
                    encoding="utf-8")
    assert load_english(tmp_path / "lex").month_number("Sptmbr.") == 9
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "lex"))
    clear_cache()
    try:
        assert load_english().month_number("sptmbr") == 9
    finally:
        monkeypatch.delenv(ENV_VAR)
        clear_cache()
    assert load_english().month_number("sptmbr") is None


def test_a_missing_list_is_named(tmp_path):
    (tmp_path / "english.yaml").write_text("months: {january: 1}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="needs a mapping 'month_abbreviations'"):
        load_english(tmp_path)


def test_qualifiers_name_a_figure_bound_or_a_timex_mod():
    en = load_english()
    before, after = en.figure_qualifiers
    relations = {"approx", "at_least", "more_than", "at_most", "less_than"}
    assert set(before.values()) | set(after.values()) <= relations
    assert set(en.timex_mods.values()) <= {"APPROX", "EQUAL_OR_MORE", "MORE_THAN", "EQUAL_OR_LESS", "LESS_THAN"}
    # one word, two readings from one entry; a preposition before a time is no qualifier of it
    assert (before["nearly"], en.timex_mods["nearly"]) == ("at_most", "LESS_THAN")
    assert before["over"] == "more_than" and "over" not in en.timex_mods
    assert "longer than" in en.timex_mods and "longer than" not in before


def test_a_qualifier_entry_without_a_reading_is_refused(tmp_path):
    shutil.copytree(DEFAULT_ROOT, tmp_path / "lex")
    path = tmp_path / "lex" / "english.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  about: {figure: approx, timex: APPROX}",
                                                             "  about: {}"), encoding="utf-8")
    with pytest.raises(LexiconError, match="each qualifiers_before entry maps 'figure'"):
        load_english(tmp_path / "lex")
