"""The extraction pipeline (toolkit/extract/__init__.py): a static tuple of steps over one context."""

from __future__ import annotations

import datetime as dt
import shutil

import toolkit as tk
from toolkit import extract
from toolkit.read.clean import split_sentences
from toolkit.read.lexicon import DEFAULT_ROOT, Lexicon

TEXT = ("Seoul's spy agency said on Oct. 18, 2024 that 1,500 North Korean troops had arrived in Russia. "
        "Pyongyang denied it on Oct. 21.")


def _run(text: str = TEXT, **kwargs):
    return extract.run(text, sentences=split_sentences(text), **kwargs)


def test_the_pipeline_is_dates_then_figures_then_events():
    assert extract.TABLES == ("dates", "figures", "events")
    assert tk.available_tables() == list(extract.TABLES)


def test_each_step_reads_what_the_earlier_ones_found():
    ctx = _run(published=dt.date(2024, 10, 22))
    assert [d.value for d in ctx.dates] == ["2024-10-18", "2024-10-21"]
    assert [(f.value, f.as_of) for f in ctx.figures] == [(1500.0, dt.date(2024, 10, 18))]
    assert [(e.kind, e.date_value) for e in ctx.events][:1] == [("announcement", "2024-10-18")]
    assert ctx.published_inferred is False


def test_a_missing_publication_day_is_inferred_once_and_the_dates_resolved_against_it():
    ctx = _run(published=None)
    assert (ctx.published, ctx.published_inferred) == (dt.date(2024, 10, 21), True)


def test_only_the_named_steps_run_and_each_is_announced():
    seen = []
    ctx = _run(published=None, tables=("dates",), on_step=seen.append)
    assert seen == ["dates"] and ctx.figures is None and ctx.events is None


def test_a_lexicon_folder_reaches_every_step(tmp_path):
    folder = tmp_path / "lexicon"
    shutil.copytree(DEFAULT_ROOT, folder)
    dates_yaml = folder / "dates.yaml"
    source = dates_yaml.read_text(encoding="utf-8")
    dates_yaml.write_text(source.replace("\nholidays:", "\nholidays:\n  armistice day: 11-11", 1), encoding="utf-8")
    text = "On Armistice Day, 1,200 soldiers marched, the ministry said."
    default = _run(text, published=dt.date(2025, 11, 20))
    other = _run(text, published=dt.date(2025, 11, 20), lexicon=Lexicon.load(folder))
    assert [d.value for d in default.dates] == []
    assert [d.value for d in other.dates] == ["2025-11-11"]
    assert [f.as_of for f in other.figures] == [dt.date(2025, 11, 11)]


def _inferred(text: str):
    from toolkit.extract.dates import find_dates
    from toolkit.extract.published import infer_published

    sentences = split_sentences(text)
    return infer_published(text, sentences, find_dates(text, published=None, sentences=sentences))


def test_a_yearless_day_after_a_page_date_is_the_year_before():
    # a page dated in its header; "October 7" months later than that date is last October
    text = "2024-08-19 | 09:10\nThe ministry updated its count on Monday, ten months after the war began on October 7."
    assert _inferred(text) == dt.date(2024, 8, 19)


def test_a_yearless_day_weeks_before_a_stated_day_keeps_its_year():
    text = "The convoys left between Oct. 8 and Oct. 13, the agency said on Oct. 18, 2024."
    assert _inferred(text) == dt.date(2024, 10, 18)


def test_a_yearless_day_long_before_a_stated_month_is_the_next_year():
    text = "Troops have been arriving since late 2024. The ministry confirmed it on April 28."
    assert _inferred(text) == dt.date(2025, 4, 28)
