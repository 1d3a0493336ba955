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
