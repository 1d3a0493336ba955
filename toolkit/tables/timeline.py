"""The timeline: the events of many articles folded into one row per distinct event.

Six outlets reporting one confirmation state one event. Two event rows (each already one per
event of its article, see ``events.mentions``) are **the same event** when they have the same
``kind``, ``actor``, ``topic`` and ``planned``, and the same dates (``date`` and
``date_latest``). An event with no actor (a disaster, a passive with no agent) also needs the
same ``action`` ("a quake struck" is not "dams collapsed"). An undated event is only the same
as an undated one reported on the same day (its article's ``published``), since "the ministry
said" in two articles a month apart are two statements.

The ids hash these keys, so the same inputs in any order give the same timeline.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from toolkit.tables.claims import _column, _missing, _text, stable_id
from toolkit.tables.frames import TIMELINE, typed_frame



def _day_text(value: Any) -> str:
    return "" if _missing(value) else pd.Timestamp(value).date().isoformat()


def event_key(row: dict[str, Any], published: Any) -> tuple[str, ...]:
    """What makes two event rows one event of the timeline (see the module's rule)."""
    actor = _text(row.get("actor"))
    undated = _missing(row.get("date"))
    return (_text(row.get("kind")), actor, _text(row.get("topic")), str(bool(row.get("planned"))),
            _day_text(row.get("date")), _day_text(row.get("date_latest")),
            "" if actor else _text(row.get("action")),
            _day_text(published) if undated else "")


def timeline_table(events: pd.DataFrame, articles: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """The ``timeline`` table, and each event's ``event_id`` (aligned with ``events``' index)."""
    published = dict(zip(articles["article_id"], articles["published"]))
    columns = ["article_id", "start", "text", "date", "date_latest", "granularity", "date_value", "actor",
               "party", "kind", "topic", "action", "planned"]
    data = {c: _column(events, c).tolist() for c in columns}
    rows = [{c: (None if _missing(data[c][i]) else data[c][i]) for c in columns} for i in range(len(events))]
    groups: dict[tuple[str, ...], list[int]] = {}
    for i, row in enumerate(rows):
        groups.setdefault(event_key(row, published.get(row["article_id"])), []).append(i)
    ids = pd.Series(pd.NA, index=events.index, dtype="string")
    out = []
    for key, members in groups.items():
        members.sort(key=lambda i: (_published_key(published.get(rows[i]["article_id"])),
                                    rows[i]["article_id"], rows[i]["start"] or 0))
        first = rows[members[0]]
        article_ids = sorted({rows[i]["article_id"] for i in members})
        days = [pd.Timestamp(published[a]) for a in article_ids if not _missing(published.get(a))]
        out.append({
            "event_id": stable_id("e", key), **{c: first[c] for c in (
                "date", "date_latest", "granularity", "date_value", "actor", "party", "kind", "topic",
                "action", "planned")},
            "n_articles": len(article_ids), "first_reported": min(days) if days else None,
            "article_ids": ";".join(article_ids), "text": first["text"],
        })
        ids.iloc[members] = out[-1]["event_id"]
    out.sort(key=lambda r: (_published_key(r["date"]), _published_key(r["first_reported"]), r["event_id"]))
    return typed_frame(out, TIMELINE), ids


def _published_key(value: Any) -> tuple[bool, pd.Timestamp]:
    return (_missing(value), pd.Timestamp.min if _missing(value) else pd.Timestamp(value))
