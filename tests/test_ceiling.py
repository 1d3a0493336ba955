"""The ceiling benchmark's pre-pass bound keeps exactly the sentences that yield a record."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture(scope="module")
def ceiling():
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location("ceiling", BENCH / "ceiling.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.path.remove(str(BENCH))


def test_only_the_sentences_with_records_are_kept(ceiling):
    text = ("The weather was mild and the market was quiet. "
            "Officials said on Monday that 1,200 soldiers had arrived in the region.")
    second = text.index("Officials")
    sentences = [(0, second - 1), (second, len(text))]
    [(same_text, published, kept)], total, n_kept = ceiling.yielding_only([(text, None, sentences)])
    assert same_text == text and published is None
    assert (total, n_kept) == (2, 1)
    assert kept == [sentences[1]]


def test_an_article_without_records_keeps_no_sentence(ceiling):
    text = "The weather was mild. The market was quiet."
    [(_, _, kept)], total, n_kept = ceiling.yielding_only([(text, None, [(0, 21), (22, len(text))])])
    assert (kept, total, n_kept) == ([], 2, 0)
