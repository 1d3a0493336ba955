"""Tests of toolkit.numbers: the grammar of written numbers and ranges (issue 4)."""

from __future__ import annotations

import pytest

from toolkit.numbers import find_numbers, find_ranges, parse_number


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
