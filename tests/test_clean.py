"""Clean text (furniture by shape, whitespace, NFC) and sentence offsets."""

from __future__ import annotations

import unicodedata

import pytest

from toolkit.read.clean import caption_text, clean_text, is_furniture, split_sentences

from conftest import load_cases

@pytest.mark.parametrize("case", load_cases("sentences"))
def test_sentences(case):
    text = case["text"]
    assert [text[s:e] for s, e in split_sentences(text)] == case["sentences"]


@pytest.mark.parametrize("line", [
    "- Category", "- Latest news", "* World", "Skip to content", "2 min read", "5 minutes read",
    "© 2025 Some Media Group", "Copyright 2024 Example Herald. All rights reserved.",
    "By Jana Novak", "By Lee Min-ji and Tom Hart, Staff Reporters",
    "Photo: Regional Press Pool", "Share", "Follow us",
])
def test_furniture_lines_are_recognised_by_shape(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", [
    "The ministry said on Monday that 300 soldiers had died.",
    "North Korea Officially Denies Sending Troops to the Front",
    "By the end of the month, about 3,000 troops had arrived.",
    "- 10,000 troops were moved to the region, officials said.",
    "Casualties: 1,100",
    "By October, about 3000 troops had arrived",
    "By Friday the ships had docked.",
])
def test_body_lines_are_kept(line):
    assert not is_furniture(line)


def test_clean_text_normalises_whitespace_unicode_and_paragraphs():
    raw = "- Menu\r\nThe  envoy\u00a0spoke.\tAgain.\n\n\n\nCafe\u0301 talks\u200b ended.\n"
    out = clean_text(raw)
    assert out == "The envoy spoke. Again.\n\nCafé talks ended."
    assert unicodedata.is_normalized("NFC", out)


def test_sentence_offsets_round_trip_on_the_seeds(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        text = clean_text(path.read_text(encoding="utf-8"))
        spans = split_sentences(text)
        assert len(spans) > 10
        for s, e in spans:
            piece = text[s:e]
            assert piece == piece.strip() and piece
        assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:]))


def test_captions_lose_their_credit_and_move_after_the_body():
    raw = ("First paragraph of the story.\n"
           "Leaders sign documents in the capital on June 19, 2024./AP-Yonhap\n"
           "Second paragraph of the story.\n"
           "Soldiers board a ship at a northern port in this undated photo./Telegram")
    assert clean_text(raw) == (
        "First paragraph of the story.\nSecond paragraph of the story.\n\n"
        "Leaders sign documents in the capital on June 19, 2024.\n\n"
        "Soldiers board a ship at a northern port in this undated photo.")


def test_a_bare_credit_line_is_dropped():
    assert clean_text("Story text here.\nFile photo./Reuters") == "Story text here."


def test_seeds_lose_their_page_furniture(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        text = clean_text(raw)
        dropped = [ln.strip() for ln in raw.splitlines() if ln.strip() and ln.strip() not in text]
        assert dropped, "each seed has some furniture"
        for line in dropped:
            assert is_furniture(line) or caption_text(line) in text, line
        for line in text.splitlines():
            assert not line.startswith("- ") and "/Telegram" not in line and "/AP-Yonhap" not in line
