"""Tests of toolkit.extract.numbers: the grammar of written numbers and ranges (issue 4)."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest

from toolkit.extract.numbers import (
    COMMA_THOUSANDS, DOT_THOUSANDS, find_numbers, parse_number, separator_convention,
)
from toolkit.extract.ranges import find_ranges
from toolkit.read.lexicon import DEFAULT_ROOT, ENV_VAR, Lexicon, clear_cache


@pytest.mark.parametrize(
    "text, value",
    [
        ("10,000", 10000),
        ("10 000", 10000),
        ("1,500.5", 1500.5),
        ("1,4 million", 1_400_000),
        ("1.5 million", 1_500_000),
        ("11 thousand", 11000),
        ("8 trillion", 8e12),
        ("two", 2),
        ("twenty-five", 25),
        ("twenty-five thousand", 25000),
        ("a dozen", 12),
        ("a hundred", 100),
        ("one hundred and fifty", 150),
        ("two hundred thousand", 200000),
        ("half a million", 500000),
        ("four-thousand-100", 4100),
        ("27-hundred", 2700),
        ("10k", 10000),
        ("3.2 mln", 3_200_000),
        ("fifty - two", 52),
        ("minus five", -5),
        ("negative 3", -3),
    ],
    ids=lambda v: str(v),
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    ["someone", "Mi-24", "KN-23", "80th", "1990s", "170mm", "#39;", "10:30", "24/7", "G7", "x", "1-800-555-0199", "007"],
)
def test_not_numbers(text: str) -> None:
    assert find_numbers(text) == []


def test_abbreviation_scales_money_only_after_a_currency_symbol() -> None:
    assert [(n.text, n.value) for n in find_numbers("$20m and $5.5bn")] == [("20m", 2e7), ("5.5bn", 5.5e9)]
    # "155m" without a currency is metres, not millions: the numeral is refused as glued to letters
    assert find_numbers("a 155m tower") == []


def test_m_after_a_decimal_is_millions() -> None:
    assert [(n.text, n.value) for n in find_numbers("1.2m soldiers")] == [("1.2m", 1_200_000)]


def test_decimal_comma_only_before_a_scale() -> None:
    assert [n.value for n in find_numbers("1,4 million")] == [1_400_000]
    assert find_numbers("items 1,4 and 5") and all(n.value != 1.4 for n in find_numbers("items 1,4 and 5"))


def test_spans_keep_surface_text() -> None:
    text = "About 27-hundred troops and 1.5 million shells"
    for n in find_numbers(text):
        assert text[n.start:n.end] == n.text


def test_bare_marks_plain_digit_runs() -> None:
    bare = {n.text: n.bare for n in find_numbers("2024 and 10,000 and 1.5")}
    assert bare == {"2024": True, "10,000": False, "1.5": False}


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("11,000-12,000", 11000, 12000),
        ("11,000–12,000", 11000, 12000),
        ("between 10,000 and 12,000", 10000, 12000),
        ("10,000 to 12,000", 10000, 12000),
        ("around 11 to 12,000", 11000, 12000),
        ("1.7 to 2 billion", 1.7e9, 2e9),
        ("two or three", 2, 3),
    ],
)
def test_ranges(text: str, low: float, high: float) -> None:
    [r] = find_ranges(text, find_numbers(text))
    assert (r.low, r.high) == (pytest.approx(low), pytest.approx(high))


def test_range_with_currency_on_both_sides() -> None:
    text = "$1.7 billion to $5.5 billion"
    [r] = find_ranges(text, find_numbers(text), gap=r"\$")
    assert (r.low, r.high) == (1.7e9, 5.5e9)


@pytest.mark.parametrize("text", ["a vote of 311 to 112", "10,000 and 12,000", "5 to 5", "scores 3 — 4"])
def test_not_ranges(text: str) -> None:
    assert find_ranges(text, find_numbers(text)) == []


# -- no silent misreadings (issue 11) -----------------------------------------------------------


@pytest.mark.parametrize("text, value", [
    ("-5 troops", -5), ("−5 troops", -5), ("(-3)", -3), ("fell by -12.5", -12.5),
    ("1e6", 1e6), ("2.5E-3", 0.0025), ("10^3", 1000), ("2^10", 1024), ("123456789012345", 123456789012345),
])
def test_signs_and_powers(text: str, value: float) -> None:
    [n] = find_numbers(text)
    assert (n.value, n.ambiguous) == (pytest.approx(value), False)
    assert text[n.start:n.end] == n.text


@pytest.mark.parametrize("text, values", [
    ("Mi-24", []), ("UTC−5", []), ("10-12", [10, 12]), ("10 -12", [10, 12]), ("- 5 troops", [5]), ("pre-2024", []),
])
def test_hyphens_and_dashes_are_not_signs(text: str, values: list[float]) -> None:
    assert [n.value for n in find_numbers(text)] == values


@pytest.mark.parametrize("text", [
    "10^400", "1e308", "9" * 400, "1234567890123456789", "999,999,999 trillion", "3^40", "10^" + "9" * 5000,
], ids=lambda t: t[:24])
def test_numbers_past_float64_are_nan_and_ambiguous(text: str) -> None:
    [n] = find_numbers(text)
    assert math.isnan(n.value) and n.ambiguous
    assert n.text == text


@pytest.mark.parametrize("text, convention", [
    ("10,000 troops", COMMA_THOUSANDS), ("1,500.5 and 3", COMMA_THOUSANDS), ("1.5 million", COMMA_THOUSANDS),
    ("1.500.000 shells", DOT_THOUSANDS), ("12.000,5 euros", DOT_THOUSANDS), ("2,5 million", DOT_THOUSANDS),
    ("1.500 troops", None), ("12.000 troops", None), ("no numbers", None), ("10,000 and 1.500.000", None),
    ("on 12.05.2024", None),
])
def test_separator_convention(text: str, convention: str | None) -> None:
    assert separator_convention(text) == convention


@pytest.mark.parametrize("convention, value, ambiguous", [
    (DOT_THOUSANDS, 1500, False), (COMMA_THOUSANDS, 1.5, False), (None, 1.5, True),
])
def test_a_dot_group_reads_by_the_convention(convention: str | None, value: float, ambiguous: bool) -> None:
    [n] = find_numbers("1.500 troops", convention=convention)
    assert (n.text, n.value, n.ambiguous, n.dot_decimals) == ("1.500", value, ambiguous, convention != DOT_THOUSANDS)


def test_a_comma_before_two_digits_is_a_decimal_only_where_the_article_writes_them() -> None:
    assert find_numbers("1,50 troops") == [] and find_numbers("1,50 troops", convention=COMMA_THOUSANDS) == []
    assert [n.value for n in find_numbers("1,50 troops", convention=DOT_THOUSANDS)] == [1.5]
    assert [n.value for n in find_numbers("1,5% of them")] == [1.5]
    assert find_numbers("1,50,000") == []  # not "50,000"


def test_dot_groups_are_thousands_not_codes() -> None:
    assert [(n.text, n.value) for n in find_numbers("1.500.000 and 12.000,5")] == [("1.500.000", 1.5e6), ("12.000,5", 12000.5)]
    assert find_numbers("192.168.100.200") == []


def _add_number_words(folder: Path, words: dict[str, str]) -> None:
    """Add ``after line -> new line`` entries to the english.yaml of a lexicon folder."""
    path = folder / "english.yaml"
    text = path.read_text(encoding="utf-8")
    for after, line in words.items():
        assert after in text
        text = text.replace(after, after + line)
    path.write_text(text, encoding="utf-8")


_NUMBER_WORDS_TEXT = "two lakh refugees, tweleve tanks and 2,5 lakh rupees"
_READ_WITH_THE_NEW_WORDS = [("two lakh", 2e5), ("tweleve", 12.0), ("2,5 lakh", 2.5e5)]


def _read(text: str, lexicon: Lexicon | None = None) -> list[tuple[str, float]]:
    return [(n.text, n.value) for n in find_numbers(text, lexicon=lexicon)]


def test_a_lexicon_folder_elsewhere_reaches_the_number_words(tmp_path: Path) -> None:
    # a scale word ("lakh", a hundred thousand) and a misspelt cardinal added to english.yaml
    shutil.copytree(DEFAULT_ROOT, tmp_path / "lex")
    _add_number_words(tmp_path / "lex", {"  trillion: 1000000000000\n": "  lakh: 100000\n",
                                         "  twelve: 12\n": "  tweleve: 12\n"})
    lexicon = Lexicon.load(tmp_path / "lex")
    assert _read(_NUMBER_WORDS_TEXT, lexicon) == _READ_WITH_THE_NEW_WORDS
    assert parse_number("tweleve", lexicon=lexicon) == 12 and parse_number("tweleve") is None
    # "2,5 lakh": a decimal comma before a scale word shows the article writes "1.000,5"
    assert separator_convention("2,5 lakh", lexicon=lexicon) == DOT_THOUSANDS
    assert separator_convention("2,5 lakh") is None
    assert _read(_NUMBER_WORDS_TEXT) == [("two", 2.0)]  # the default lexicon knows neither word


def test_toolkit_lexicon_and_clear_cache_reach_the_number_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(DEFAULT_ROOT, tmp_path / "lex")
    _add_number_words(tmp_path / "lex", {"  trillion: 1000000000000\n": "  lakh: 100000\n",
                                         "  twelve: 12\n": "  tweleve: 12\n"})
    assert _read(_NUMBER_WORDS_TEXT) == [("two", 2.0)]  # (the default grammar is built and cached)
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "lex"))
    clear_cache()
    try:
        assert _read(_NUMBER_WORDS_TEXT) == _READ_WITH_THE_NEW_WORDS
        # a word added to the folder in a running session is read after clear_cache()
        _add_number_words(tmp_path / "lex", {"  lakh: 100000\n": "  crore: 10000000\n"})
        clear_cache()
        assert _read("three crore") == [("three crore", 3e7)]
    finally:
        monkeypatch.delenv(ENV_VAR)
        clear_cache()
    assert _read(_NUMBER_WORDS_TEXT + ", three crore") == [("two", 2.0), ("three", 3.0)]
