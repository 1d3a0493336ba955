"""The tables across articles: ``claims`` from ``figures`` and ``timeline`` from ``events``.

Each article's tables come from its own text; these two fold the repetitions of many articles
(the same briefing printed by twenty outlets) into one row each, and tie every figure and event
row to it through ``claim_id`` and ``event_id``.
"""

from __future__ import annotations

from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import pandas as pd

from toolkit.read.lexicon import Lexicon
from toolkit.tables.claims import claims_table
from toolkit.tables.extraction import lexicon_of
from toolkit.tables.timeline import timeline_frames, timeline_inputs, timeline_of, timeline_table


def across_articles(articles: pd.DataFrame, frames: dict[str, pd.DataFrame],
                    lexicon: Lexicon | None = None, *, pool: ProcessPoolExecutor | None = None,
                    ) -> dict[str, pd.DataFrame]:
    """``frames`` plus ``claims`` and ``timeline`` (when figures and events are there), with the
    ids filled in on ``figures`` and ``events``; ``lexicon`` is the one the rows were extracted
    with (the timeline reads its parties; None: the default one).

    With ``pool`` (worker processes), the events are grouped on a worker while this process
    groups the figures: the two groupings are independent, and they were the last step run
    on one core (issue 15). The tables are the same.
    """
    out = dict(frames)
    grouping: Future[tuple[list[dict[str, Any]], list[str | None]]] | None = None
    if "events" in frames and pool is not None:
        try:
            grouping = pool.submit(_timeline_of, timeline_inputs(frames["events"], articles),
                                   None if lexicon is None else lexicon.key)
        except (BrokenProcessPool, RuntimeError):  # (a broken or shut pool: done here below)
            grouping = None
    if "figures" in frames:
        claims, ids = claims_table(frames["figures"], articles)
        out["figures"] = frames["figures"].assign(claim_id=ids.astype("string"))
        out["claims"] = claims
    if "events" in frames:
        events = frames["events"]
        grouped = _result(grouping)
        timeline, ids = (timeline_table(events, articles, lexicon) if grouped is None
                         else timeline_frames(*grouped, events.index))
        out["events"] = events.assign(event_id=ids.astype("string"))
        out["timeline"] = timeline
    return out


def _timeline_of(rows: list[dict[str, Any]], key: tuple[str, tuple[str, ...]] | None,
                 ) -> tuple[list[dict[str, Any]], list[str | None]]:
    """:func:`~toolkit.tables.timeline.timeline_of` in a worker process (the lexicon by its key)."""
    return timeline_of(rows, lexicon_of(key))


def _result(grouping: Future[Any] | None) -> Any:  # noqa: ANN401 - what the worker returned
    """What the worker returned, or None when there was none or the pool broke (a worker killed
    from outside): the caller then does the work here."""
    if grouping is None:
        return None
    try:
        return grouping.result()
    except BrokenProcessPool:
        return None
