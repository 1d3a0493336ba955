"""Tests of toolkit.extract.figures.find_figures: table-driven cases and the seed expectations (issue 4).

The cases live in ``tests/cases/figures.yaml`` (one parametrized test, ids from the file). A
case lists only the fields it checks; ``expect: []`` is a negative. Cases marked ``dates: auto``
need the real dates extractor and are skipped while it cannot read a probe sentence.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pytest

from toolkit.read.clean import clean_text
from toolkit.extract.figures import find_figures
from toolkit.records import Figure

from conftest import load_cases

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED_PUBLISHED = dt.date(2025, 4, 28)


def _dates_available() -> bool:
    try:
        from toolkit.extract.dates import find_dates

        return bool(find_dates("It happened in January 2025.", published=SEED_PUBLISHED))
    except ImportError:  # an extraction layer without the dates module
        return False


DATES = _dates_available()
needs_dates = pytest.mark.skipif(not DATES, reason="toolkit.extract.dates.find_dates is not available yet")


def _params() -> list[Any]:
    return load_cases("figures", marks=lambda case: [needs_dates] if case.get("dates") == "auto" else [])


def _same(got: Any, want: Any) -> bool:
    if isinstance(got, dt.date):
        return got.isoformat().startswith(str(want)) if want is not None else False
    if want is None:
        return got is None or (isinstance(got, float) and math.isnan(got))
    if isinstance(want, (int, float)) and not isinstance(want, bool):
        return got is not None and not (isinstance(got, float) and math.isnan(got)) and abs(got - want) <= 1e-6 * max(1, abs(want))
    return got == want


def _check(fig: Figure, want: dict[str, Any]) -> list[str]:
    return [f"{k}: got {getattr(fig, k)!r}, want {v!r}" for k, v in want.items() if not _same(getattr(fig, k), v)]


@pytest.mark.parametrize("case", _params())
def test_case(case: dict[str, Any]) -> None:
    text = case["text"]
    published = case.get("published", SEED_PUBLISHED)
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    kwargs: dict[str, Any] = {"published": published}
    if case.get("dates") != "auto":
        kwargs["dates"] = []
    figs = find_figures(text, **kwargs)
    for f in figs:
        assert text[f.start:f.end] == f.text
        assert f.sentence_id >= 0
    expect = case["expect"]
    assert len(figs) == len(expect), [f.text for f in figs]
    problems = [f"#{i} {fig.text!r} {p}" for i, (fig, want) in enumerate(zip(figs, expect)) for p in _check(fig, want)]
    assert not problems, problems


def test_figures_come_in_text_order_with_offsets() -> None:
    text = "About 3,000 soldiers left. Then 1,500 more troops followed, and 200 were wounded."
    figs = find_figures(text, dates=[])
    assert [f.start for f in figs] == sorted(f.start for f in figs)
    assert [f.sentence_id for f in figs] == [0, 1, 1]
    assert all(text[f.start:f.end] == f.text for f in figs)


def test_numbers_inside_date_mentions_are_not_figures() -> None:
    from toolkit.records import DateMention

    text = "Troops arrived over three weeks."
    span = (text.index("three"), text.index("weeks") + len("weeks"))
    dates = [DateMention(span[0], span[1], text[span[0]:span[1]], "DURATION", "P3W")]
    assert find_figures(text, dates=dates) == []


# -- the seeds ---------------------------------------------------------------------------------


def _seed_figures() -> dict[str, list[Figure]]:
    if not SEEDS.is_dir() or not list(SEEDS.glob("*.txt")):
        pytest.skip(f"seed articles not found in {SEEDS}")
    out = {}
    for path in sorted(SEEDS.glob("*.txt")):
        text = clean_text(path.read_text(encoding="utf-8"))
        out[path.stem] = (text, find_figures(text, published=SEED_PUBLISHED, dates=None if DATES else []))
    return out


def _one(figs: list[Figure], needle: str) -> Figure:
    found = [f for f in figs if needle in f.text]
    assert len(found) == 1, (needle, [f.text for f in figs])
    return found[0]


def test_seed_expectations() -> None:
    seeds = _seed_figures()
    troops = next(figs for text, figs in seeds.values() if any("10,000" in f.text for f in figs))
    f = _one(troops, "more than 10,000")
    assert (f.value, f.low, f.high, f.qualifier) == (10000, 10000, None, "more_than")
    assert (f.unit, f.category, f.subject, f.hedge) == ("troop", "deployed", "North Korea", "reported")
    f = _one(troops, "an additional 3,000")
    assert (f.value, f.increment, f.category, f.claimant) == (3000, True, "deployed", "NIS")
    f = _one(troops, "two")
    assert (f.value, f.category) == (2, "captured")
    assert _one(troops, "thousands").qualifier == "vague"
    f = _one(troops, "$20 billion")
    assert (f.unit, f.low, f.category, f.qualifier) == ("USD", 2e10, "money", "more_than")


@needs_dates
def test_seed_dates() -> None:
    seeds = _seed_figures()
    troops = next(figs for text, figs in seeds.values() if any("10,000" in f.text for f in figs))
    assert _one(troops, "more than 10,000").as_of == SEED_PUBLISHED
    assert _one(troops, "an additional 3,000").as_of.year == 2025
    f = _one(troops, "two")
    assert (f.as_of.year, f.as_of.month) == (2025, 1)


def test_seed_non_figures() -> None:
    for text, figs in _seed_figures().values():
        for f in figs:
            assert text[f.start:f.end] == f.text
            assert not any(bad in f.text for bad in ("Article 4", "80th", "two days", "2024", "June 19")), f.text
        assert all(f.value not in (4, 80, 2024, 19) for f in figs)


# -- the lexicon is data -----------------------------------------------------------------------


def test_extraction_modules_do_not_import_pandas() -> None:
    import subprocess
    import sys

    # Load the extraction modules without the package __init__ (which builds DataFrames), so
    # that pandas in sys.modules could only come from them.
    package = Path(__file__).resolve().parents[1] / "toolkit"
    code = "\n".join([
        "import sys, types",
        "pkg = types.ModuleType('toolkit'); pkg.__path__ = [%r]; sys.modules['toolkit'] = pkg" % str(package),
        "import toolkit.extract.figures, toolkit.extract.attribution, toolkit.extract.numbers, toolkit.read.lexicon",
        "print(sorted(m for m in ('pandas', 'matplotlib') if m in sys.modules))",
    ])
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_lexicon_folder_can_be_swapped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from toolkit.read import lexicon as lx

    root = Path(lx.DEFAULT_ROOT)
    for name in ("actors.yaml", "english.yaml", "figures.yaml", "reporting.yaml"):  # english: month names, number words
        shutil.copy(root / name, tmp_path / name)
    figures = (tmp_path / "figures.yaml").read_text(encoding="utf-8")
    (tmp_path / "figures.yaml").write_text(figures.replace("  troops: troop\n", "  troops: trooper\n"), encoding="utf-8")
    monkeypatch.setenv(lx.ENV_VAR, str(tmp_path))
    try:
        [f] = find_figures("North Korea sent 500 troops.", dates=[], lexicon=lx.Lexicon.load())
        assert f.unit == "trooper"
        assert lx.load_lexicon("figures")["units"]["troops"] == "trooper"
    finally:
        monkeypatch.delenv(lx.ENV_VAR)
        lx.clear_cache()
    [f] = find_figures("North Korea sent 500 troops.", dates=[])
    assert f.unit == "troop"



def test_the_figures_lexicon_reaches_the_number_words(tmp_path: Path) -> None:
    import shutil

    from toolkit.read import lexicon as lx

    shutil.copytree(lx.DEFAULT_ROOT, tmp_path / "lex")
    path = tmp_path / "lex" / "english.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  trillion: 1000000000000\n",
                                                             "  trillion: 1000000000000\n  lakh: 100000\n"),
                    encoding="utf-8")
    text = "The ministry said two lakh refugees fled."
    [f] = find_figures(text, dates=[], lexicon=lx.Lexicon.load(tmp_path / "lex"))
    assert (f.text, f.value, f.unit) == ("two lakh refugees", 200000.0, "refugee")
    assert find_figures(text, dates=[]) == []  # the default lexicon has no "lakh"

def test_missing_lexicon_file_says_which_and_how_to_fix(tmp_path: Path) -> None:
    from toolkit.errors import LexiconError
    from toolkit.read.lexicon import load_lexicon

    with pytest.raises(LexiconError, match=r"figures\.yaml not found; set TOOLKIT_LEXICON"):
        load_lexicon("figures", root=tmp_path)


@pytest.mark.parametrize("sentence,expected", [
    ("Officials warned that Pyongyang could send 20,000 more troops.", True),
    ("The agency expects 8,000 soldiers by the end of the year.", True),
    ("If the fighting resumes, 4,000 more may follow.", True),
    ("Officials said 3,000 troops had arrived and would train for weeks.", False),
    ("About 1,200 soldiers were killed in the first month.", False),
])
def test_projections_are_flagged_from_the_clause_before_the_figure(sentence, expected):
    (fig,) = find_figures(sentence, published=dt.date(2025, 1, 6), dates=[])
    assert fig.projected is expected


# -- no silent misreadings (issue 11) ----------------------------------------------------------


def test_no_figure_value_is_infinite_or_past_the_limit() -> None:
    text = ("Posts claimed " + "9" * 400 + " troops, 10^400 soldiers, more than 1e308 men, "
            "999,999,999 trillion won and between 1e17 and 1e30 shells.")
    figs = find_figures(text, dates=[])
    assert figs
    for f in figs:
        for v in (f.value, f.low, f.high):
            assert v is None or math.isnan(v) or abs(v) < 1e18, (f.text, v)
        assert f.ambiguous == math.isnan(f.value), f.text


def test_figures_table_has_a_boolean_ambiguous_column() -> None:
    import toolkit

    figures = toolkit.parse_text("About 10,000 troops massed. Later 1.500 troops and 10^400 tanks arrived.",
                                 published="2025-04-28").figures
    assert str(figures["ambiguous"].dtype) == "boolean"
    assert figures["ambiguous"].tolist() == [False, True, True]
    assert figures["value"].isna().tolist() == [False, False, True]
