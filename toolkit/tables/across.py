"""The tables across articles: ``claims`` from ``figures`` and ``timeline`` from ``events``.

Each article's tables come from its own text; these two fold the repetitions of many articles
(the same briefing printed by twenty outlets) into one row each, and tie every figure and event
row to it through ``claim_id`` and ``event_id``.
"""

from __future__ import annotations

import pandas as pd

from toolkit.read.lexicon import Lexicon
from toolkit.tables.claims import claims_table
from toolkit.tables.timeline import timeline_table


def across_articles(articles: pd.DataFrame, frames: dict[str, pd.DataFrame],
                    lexicon: Lexicon | None = None) -> dict[str, pd.DataFrame]:
    """``frames`` plus ``claims`` and ``timeline`` (when figures and events are there), with the
    ids filled in on ``figures`` and ``events``; ``lexicon`` is the one the rows were extracted
    with (the timeline reads its parties; None: the default one)."""
    out = dict(frames)
    if "figures" in frames:
        claims, ids = claims_table(frames["figures"], articles)
        out["figures"] = frames["figures"].assign(claim_id=ids.astype("string"))
        out["claims"] = claims
    if "events" in frames:
        timeline, ids = timeline_table(frames["events"], articles, lexicon)
        out["events"] = frames["events"].assign(event_id=ids.astype("string"))
        out["timeline"] = timeline
    return out
