"""Tests of toolkit.extract.attribution: claimant and hedge of the attribution governing a claim."""

from __future__ import annotations

import pytest

from toolkit.extract.attribution import find_attribution, find_attributions


def _attr(text: str, at: str | None = None, previous: bool = False):
    if previous:
        cut = text.index(". ") + 1
        span, prev = (cut + 1, len(text)), (0, cut)
    else:
        span, prev = (0, len(text)), None
    pos = text.index(at) if at else None
    return find_attribution(text, span, at=pos, previous=prev)


@pytest.mark.parametrize(
    "text, at, claimant, hedge",
    [
        ("According to the NIS, 11,000 troops are there.", "11,000", "NIS", "reported"),
        ("According to North Korea's Korean Central News Agency (KCNA), the war is won.", None, "KCNA", "reported"),
        ("South Korean intelligence estimates 3,000 more were sent.", "3,000", "NIS", "estimated"),
        ("Zelensky said 3,800 were killed or wounded.", "3,800", "Volodymyr Zelensky", "reported"),
        ("About 3,000 troops have been killed, Zelensky said.", "3,000", "Volodymyr Zelensky", "reported"),
        ("\"We have seen 11,000,\" said Zelensky.", "11,000", "Volodymyr Zelensky", "reported"),
        ("Lawmakers citing the spy agency said 300 had died.", "300", "NIS", "reported"),
        ("Lawmakers briefed by the National Intelligence Service said 1,500 more had gone.", "1,500", "NIS", "reported"),
        ("Two lawmakers quoted NIS director Cho Tae-yong as saying 10,000 would go.", "10,000", "NIS", "reported"),
        ("KCNA claimed 300 were killed.", "300", "KCNA", "claimed"),
        ("Moscow denied that 10,000 troops were there.", "10,000", "Russia", "denied"),
        ("Russia's top officer, General Valery Gerasimov, also confirmed their role.", None, "Valery Gerasimov", "confirmed"),
        ("Ukrainian officials said 200 were killed.", "200", "Ukraine", "reported"),
        ("More than 10,000 troops have reportedly been sent.", "10,000", None, "reported"),
        ("An estimated 11,000 soldiers are there.", "11,000", None, "estimated"),
    ],
)
def test_claimant_and_hedge(text: str, at: str | None, claimant: str | None, hedge: str) -> None:
    a = _attr(text, at)
    assert a is not None
    assert (a.claimant, a.hedge) == (claimant, hedge)


def test_a_speaker_the_lexicon_does_not_know_is_named_as_the_text_names_it() -> None:
    # issue 13: generic and unnamed sources are claimants too, not NA
    a = _attr("South Korean lawmakers said 200 were killed.", "200")
    assert (a.claimant, a.hedge) == ("South Korean lawmakers", "reported")


def test_own_voice_has_no_attribution() -> None:
    assert _attr("Ukrainian forces captured two North Korean soldiers.") is None


def test_pronoun_takes_the_previous_sentence_claimant() -> None:
    a = _attr("The Pentagon said the troops had moved. It added that 11,000 were in Kursk.", "11,000", previous=True)
    assert (a.claimant, a.hedge, a.carried) == ("Pentagon", "reported", True)


def test_previous_sentence_does_not_leak_into_own_voice() -> None:
    a = _attr("The NIS said 3,000 had gone. Ukrainian forces captured two soldiers.", "two", previous=True)
    assert a is None


def test_a_colon_introduces_the_next_sentence() -> None:
    text = "Ukrainian officials said on Monday:\n200 soldiers were killed."
    cut = text.index("\n")
    a = find_attribution(text, (cut + 1, len(text)), at=cut + 1, previous=(0, cut))
    assert (a.claimant, a.hedge, a.carried) == ("Ukraine", "reported", True)


def test_reports_as_a_noun_hedge_without_claimant() -> None:
    cues = find_attributions("It follows months of reports that thousands died.", (0, 48))
    assert [(c.kind, c.claimant, c.hedge) for c in cues] == [("noun", None, "reported")]


def test_cue_spans_point_into_the_text() -> None:
    text = "The NIS told lawmakers on Nov. 20 that 11,000 troops were there."
    for c in find_attributions(text, (0, len(text))):
        assert text[c.start:c.end] == c.cue
