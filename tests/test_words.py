"""The event rules' tokeniser: a stretch cut out of the whole text's words is the stretch read alone."""

import re

from toolkit.extract.events.words import tokens

_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*(?:['’]s?)?|[^\w\s]")


def _alone(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    return [(lo + m.start(), lo + m.end(), m.group(0)) for m in _TOKEN.finditer(text[lo:hi])]


def test_every_stretch_reads_as_alone() -> None:
    # abbreviations, hyphens, possessives and punctuation, so that many stretches cut a word
    text = "The U.S. envoy's 3.5-billion plan,  agreed on Monday (officials’ said) - it's ... done!"
    for lo in range(-1, len(text) + 2):
        for hi in range(lo - 1, len(text) + 2):
            assert tokens(text, lo, hi) == _alone(text, lo, hi), (lo, hi)


def test_a_stretch_cutting_a_word_reads_the_part() -> None:
    text = "Officials in Kyiv's ministry said"
    cut = text.index("Kyiv") + 2  # inside "Kyiv's"
    assert tokens(text, cut, len(text))[0][2] == "iv's"
    assert tokens(text, 0, cut)[-1][2] == "Ky"


def test_another_text_is_read_afresh() -> None:
    first, second = "one two three", "four five six"
    assert [w for _, _, w in tokens(first, 0, len(first))] == ["one", "two", "three"]
    assert [w for _, _, w in tokens(second, 4, len(second))] == ["five", "six"]
