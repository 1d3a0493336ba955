"""Extraction: one article's clean text -> records of dates, figures and events.

This floor is pure Python: it reads the lexicon (through :mod:`toolkit.read.lexicon`) and
returns the frozen records of :mod:`toolkit.records`; it imports neither pandas nor a plotting
library, and reads no article files. Each extractor family is a module or sub-package with a
``find_*`` function: ``dates`` (temporal expressions), ``figures`` (numeric claims), ``events``
(who did or said what, when); ``numbers``, ``attribution``, ``published`` and ``english`` are
the pieces they share.

The pipeline is the static tuple :data:`PIPELINE`: each :class:`Step` reads and annotates one
shared :class:`ArticleContext`, so a later step sees what the earlier ones found (figures read
the dates, events read the dates and the figures).

>>> ctx = run("Seoul said on Oct. 18, 2024 that 1,500 troops had arrived.", published=None,
...           sentences=[(0, 58)])
>>> [d.value for d in ctx.dates], [f.value for f in ctx.figures], str(ctx.published)
(['2024-10-18'], [1500.0], '2024-10-18')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from toolkit.extract.claimant_types import claimant_type
from toolkit.extract.dates import find_dates
from toolkit.extract.events import find_events
from toolkit.extract.figures import find_figures
from toolkit.extract.figures.scope import figure_scopes
from toolkit.extract import places
from toolkit.extract.parties import annotate_events, annotate_figures
from toolkit.extract.published import infer_published
from toolkit.read.lexicon import Lexicon
from toolkit.records import DateMention, Event, Figure


def _no_check() -> None:
    return None


@dataclass
class ArticleContext:
    """What the pipeline knows about one article; each step adds its records.

    ``published`` starts as the metadata's day; the dates step replaces a missing one by the
    day the text implies (``published_inferred`` then becomes True). ``check`` is called
    between passes and may raise to stop the article (the corpus's time limit).
    """

    text: str
    published: dt.date | None
    sentences: Sequence[tuple[int, int]]
    check: Callable[[], None] = _no_check
    lexicon: Lexicon | None = None  # None: the default folder ($TOOLKIT_LEXICON or data/lexicon)
    published_inferred: bool = False
    dates: list[DateMention] | None = None
    figures: list[Figure] | None = None
    events: list[Event] | None = None


@dataclass(frozen=True)
class Step:
    """One extractor of the pipeline: the table it fills and the function that fills it."""

    table: str
    run: Callable[[ArticleContext], list[Any]]


def _dates(ctx: ArticleContext) -> list[DateMention]:
    found = find_dates(ctx.text, published=ctx.published, sentences=ctx.sentences, lexicon=ctx.lexicon)
    if ctx.published is None:
        inferred = infer_published(ctx.text, ctx.sentences, found, lexicon=ctx.lexicon)
        if inferred is not None:
            # Relative dates ("last week") are resolved again against the inferred day.
            ctx.published, ctx.published_inferred = inferred, True
            ctx.check()
            found = find_dates(ctx.text, published=inferred, sentences=ctx.sentences, lexicon=ctx.lexicon)
    return found


def _figures(ctx: ArticleContext) -> list[Figure]:
    found = find_figures(ctx.text, published=ctx.published, sentences=ctx.sentences, dates=ctx.dates,
                         lexicon=ctx.lexicon)
    # each figure's scope (total, tranche, increment), its claimant's kind and party
    scopes = figure_scopes(ctx.text, found, ctx.sentences, lexicon=ctx.lexicon)
    found = [replace(f, scope=s, claimant_type=claimant_type(f.claimant, ctx.lexicon)) for f, s in zip(found, scopes)]
    found = annotate_figures(ctx.text, found, lexicon=ctx.lexicon)
    return places.annotate_figures(ctx.text, found, ctx.sentences, lexicon=ctx.lexicon)  # where


def _events(ctx: ArticleContext) -> list[Event]:
    found = find_events(ctx.text, published=ctx.published, sentences=ctx.sentences, dates=ctx.dates,
                        figures=ctx.figures, lexicon=ctx.lexicon)
    found = annotate_events(ctx.text, found, lexicon=ctx.lexicon)  # each actor's party
    return places.annotate_events(ctx.text, found, lexicon=ctx.lexicon)  # where


#: The extractors in the order they run; a table's name is also its ArticleContext field.
PIPELINE: tuple[Step, ...] = (Step("dates", _dates), Step("figures", _figures), Step("events", _events))
#: The tables the pipeline fills, in order.
TABLES: tuple[str, ...] = tuple(step.table for step in PIPELINE)


def run(
    text: str,
    *,
    published: dt.date | None,
    sentences: Sequence[tuple[int, int]],
    tables: Sequence[str] = TABLES,
    check: Callable[[], None] = _no_check,
    on_step: Callable[[str], None] | None = None,
    lexicon: Lexicon | None = None,
) -> ArticleContext:
    """Run the pipeline's steps named in ``tables`` over one article and return its context.

    ``on_step(table)`` is called before each step (the corpus uses it to name the step that
    failed or ran out of time). ``lexicon`` reaches every step (default: the default folder).
    """
    ctx = ArticleContext(text=text, published=published, sentences=list(sentences), check=check,
                         lexicon=lexicon)
    for step in PIPELINE:
        if step.table not in tables:
            continue
        if on_step is not None:
            on_step(step.table)
        check()
        setattr(ctx, step.table, step.run(ctx))
    check()
    return ctx


__all__ = ["PIPELINE", "TABLES", "ArticleContext", "Step", "find_dates", "find_events", "find_figures", "run"]
