"""toolkit.read.alternation: a long alternation grouped by first character finds exactly what
the plain one finds (the speed-up of issue 15 must not move a single match)."""

from __future__ import annotations

import random
import re

import pytest

from conftest import SAMPLE
from toolkit.read.alternation import MIN_GROUPED, alternation
from toolkit.read.lexicon import load_lexicon

BOUNDS = (r"(?<![\w-])", r"(?![\w-])")


def spans(body: str, text: str, flags: int) -> list[tuple[int, int, str]]:
    pattern = re.compile(BOUNDS[0] + body + BOUNDS[1], flags)
    return [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]


def plain(items: list[str]) -> str:
    return "(?:" + "|".join(items) + ")"


def words(phrase: str) -> str:
    return r"\s+".join(re.escape(w) for w in phrase.split())


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_random_lists_match_as_the_plain_alternation(flags: int) -> None:
    rng = random.Random(15)
    letters = "abAB kK-s"
    for _ in range(200):
        items = sorted({"".join(rng.choice("abkKsS") + "".join(rng.choice(letters) for _ in range(rng.randint(0, 4))))
                        .strip() for _ in range(rng.randint(MIN_GROUPED, 40))}, key=len, reverse=True)
        body = [words(i) for i in items if i]
        text = "".join(rng.choice(letters + "\u017f\u212a.,") for _ in range(300))
        assert spans(alternation(body, flags), text, flags) == spans(plain(body), text, flags)


@pytest.mark.parametrize("built, compiled", [(0, re.IGNORECASE), (re.IGNORECASE, 0)])
def test_the_grouping_does_not_depend_on_the_flags_it_was_built_for(built: int, compiled: int) -> None:
    items = [words(w) for w in ["Kursk", "kill", "Kyiv", "kept", "sent", "Seoul"]]
    items += [f"x{i}" for i in range(MIN_GROUPED)]
    text = "Kursk, KURSK, kill, Kill, Kyiv and kyiv: troops kept and sent, Seoul said"
    assert spans(alternation(items, built), text, compiled) == spans(plain(items), text, compiled)


def test_ignorecase_keeps_unicode_case_folding() -> None:
    # "ſ" (long s) and "K" (the Kelvin sign) match "s" and "k" under IGNORECASE: grouped too
    items = [words(w) for w in ["strike", "shelling", "killed", "kidnapped"] + [f"x{i}" for i in range(MIN_GROUPED)]]
    text = "ſtrike, SHELLING, Killed and KIDNAPPED"
    found = spans(alternation(items, re.IGNORECASE), text, re.IGNORECASE)
    assert found == spans(plain(items), text, re.IGNORECASE)
    assert [f[2] for f in found] == ["ſtrike", "SHELLING", "Killed", "KIDNAPPED"]


def test_longest_first_order_is_kept_within_a_group() -> None:
    items = [words(w) for w in ["north korean troops", "north korean", "north"]] + [f"z{i}" for i in range(MIN_GROUPED)]
    text = "North Korean troops and North Korean officials in the north"
    assert [f[2] for f in spans(alternation(items, re.IGNORECASE), text, re.IGNORECASE)] == \
        ["North Korean troops", "North Korean", "north"]


@pytest.mark.parametrize("odd", [r"[ab]c", r"(?:a|b)c", r"a?b", r"\d+", "é"])
def test_an_alternative_without_a_plain_first_character_gives_the_plain_alternation(odd: str) -> None:
    items = [f"w{i}" for i in range(MIN_GROUPED)] + [odd]
    assert alternation(items, re.IGNORECASE) == plain(items)


def test_a_symbol_without_case_keys_a_group_of_its_own() -> None:
    # "≥ 50", "≤ 10": such a symbol matches only itself, so its group overlaps no other
    items = [words(w) for w in ["≥", "≤", "more than", "≥=", "at least", "less than"]] + [f"m{i}" for i in range(MIN_GROUPED)]
    body = alternation(items, re.IGNORECASE)
    assert body != plain(items)
    text = "≥50, ≤ 10, ≥= 3, More than 7, AT LEAST 2 and ≧ 1"
    for flags in (0, re.IGNORECASE):
        pattern = re.compile(body, flags)
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in re.finditer(plain(items), text, flags)]


def test_a_short_list_is_left_as_it_is() -> None:
    assert alternation(["a", "b"], re.IGNORECASE) == "(?:a|b)"


def test_the_event_cues_of_the_bundled_lexicon_match_the_sample_corpus_as_before() -> None:
    data = load_lexicon("events")
    forms = {str(f).lower() for entry in (data.get("kinds") or {}).values()
             for fs in ((entry or {}).get("verbs") or {}).values() for f in fs or []}
    body = [words(f) for f in sorted(forms, key=len, reverse=True)]
    assert len(body) > MIN_GROUPED and alternation(body, re.IGNORECASE) != plain(body)
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.md")))
    found = spans(alternation(body, re.IGNORECASE), text, re.IGNORECASE)
    assert found and found == spans(plain(body), text, re.IGNORECASE)


def _parsed_key(alternative: str, flags: int) -> str | None:
    """The first character as re's parser reads it (what ``_first_key`` must agree with)."""
    from re import _parser

    try:
        ops = list(_parser.parse(alternative, flags))
    except re.error:
        return None
    while ops and ops[0][0] in (_parser.ASSERT, _parser.ASSERT_NOT, _parser.AT):
        ops.pop(0)
    if not ops or ops[0][0] is not _parser.LITERAL:
        return None
    char = chr(ops[0][1])
    if char.isascii():
        return char.lower()
    return char if not char.isalpha() and char.lower() == char == char.upper() and char.casefold() == char else None


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_the_first_character_read_without_parsing_is_the_parsers(flags: int) -> None:
    from toolkit.read.alternation import _first_key

    tricky = ["a", "ab", "a?b", "a*", "a+b", "a{2}b", "a|b", "ab|cd", r"a\s+b", r"\d+", "(?:a|b)c", "[ab]c",
              r"(?<![\w-])kill", r"\bkill", "é", "K", "1,000", "9-11", "x(y)", "a.b", "a$", "-a", " a"]
    lexicon = [words(str(w)) for name in ("events", "figures", "reporting", "actors")
               for w in _strings(load_lexicon(name))]
    assert len(lexicon) > 1000
    for alternative in tricky + lexicon:
        assert _first_key(alternative, flags) == _parsed_key(alternative, flags), alternative


def _strings(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for v in data.values() for s in _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return []
