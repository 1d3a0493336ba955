"""The timeline: the events of many articles folded into one row per distinct event.

Six outlets reporting one confirmation state one event. Two event rows (each already one per
event of its article, see ``events.mentions``) are **the same event** when

* they have the same ``kind``, ``actor`` and ``planned``; an event with no actor (a disaster,
  a passive with no agent) also needs the same ``action`` ("a quake struck" is not "dams
  collapsed");
* their ``topic`` agrees, or one of them has none (the same statement, one outlet saying what
  it was about);
* their dates agree: the same days, or one's span inside the other's when that is a month
  at most (one outlet says "Thursday", another "in mid-December", a third "in December"; a
  year holds too many events to say). An undated event is only the
  same as an undated one reported on the same day (its article's ``published``), since "the
  ministry said" in two articles a month apart are two statements.

Rows are grouped in an order fixed by their content and each joins the first event it fits; the
row shows the most precise date its mentions give. The ids hash what defines the event and its
first mention, so the same inputs in any order give the same timeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from toolkit.tables.frames import TIMELINE, typed_frame
from toolkit.tables.rows import missing, records, stable_id, text

#: The longest span that takes a more precise date inside it as the same event: a week or a
#: month ("in mid-December" holds "Thursday"), not a year ("last year" holds many events).
MAX_CONTAINER_DAYS = 31

_COLUMNS = ["article_id", "start", "text", "date", "date_latest", "granularity", "date_value", "actor",
            "party", "kind", "topic", "action", "planned"]


def _stamp(value: Any) -> pd.Timestamp | None:
    return None if missing(value) else pd.Timestamp(value)


def _span(row: dict[str, Any]) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    first = _stamp(row.get("date"))
    if first is None:
        return None
    return first, _stamp(row.get("date_latest")) or first


def event_key(row: dict[str, Any]) -> tuple[str, ...]:
    """What two rows of one event must share exactly (see the module's rule)."""
    actor = text(row.get("actor"))
    return (text(row.get("kind")), actor, str(bool(row.get("planned"))), "" if actor else text(row.get("action")))


def same_days(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two rows' dates can be one event's: equal spans, or one inside the other; two
    undated rows only when their articles came out the same day (``_published``)."""
    sa, sb = _span(a), _span(b)
    if sa is None or sb is None:
        return sa is None and sb is None and a.get("_published") == b.get("_published")
    if sa == sb:
        return True
    inner, outer = (sa, sb) if sb[0] <= sa[0] and sa[1] <= sb[1] else (sb, sa)
    inside = outer[0] <= inner[0] and inner[1] <= outer[1]
    return inside and (outer[1] - outer[0]).days <= MAX_CONTAINER_DAYS


def _fits(rows: Sequence[dict[str, Any]], members: list[int], row: dict[str, Any]) -> bool:
    if not same_days(rows[members[0]], row):
        return False
    topic = row.get("topic")
    return topic is None or all(rows[m].get("topic") in (None, topic) for m in members)


def _order(row: dict[str, Any]) -> tuple[Any, ...]:
    span = _span(row)
    published = row.get("_published")
    return (span is None, span[0] if span else pd.Timestamp.min, (span[1] - span[0]) if span else pd.Timedelta(0),
            published is None, published or pd.Timestamp.min, text(row.get("article_id")), int(row.get("start") or 0))


def group_events(rows: Sequence[dict[str, Any]]) -> list[list[int]]:
    """Indices of ``rows`` (event dicts with ``_published``) grouped into events."""
    groups: dict[tuple[str, ...], list[list[int]]] = {}
    for i in sorted(range(len(rows)), key=lambda i: _order(rows[i])):
        events = groups.setdefault(event_key(rows[i]), [])
        for members in events:
            if _fits(rows, members, rows[i]):
                members.append(i)
                break
        else:
            events.append([i])
    return [members for key in sorted(groups) for members in groups[key]]


def timeline_table(events: pd.DataFrame, articles: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """The ``timeline`` table, and each event's ``event_id`` (aligned with ``events``' index)."""
    published = {a: _stamp(p) for a, p in zip(articles["article_id"], articles["published"])}
    rows = records(events, _COLUMNS)
    for row in rows:
        row["_published"] = published.get(row["article_id"])
    ids = pd.Series(pd.NA, index=events.index, dtype="string")
    out = []
    for members in group_events(rows):
        out.append(_event_row([rows[i] for i in members]))
        ids.iloc[members] = out[-1]["event_id"]
    out.sort(key=lambda r: (_stamp(r["date"]) is None, _stamp(r["date"]) or pd.Timestamp.min,
                            _stamp(r["first_reported"]) is None, _stamp(r["first_reported"]) or pd.Timestamp.min,
                            r["event_id"]))
    return typed_frame(out, TIMELINE), ids


def _event_row(members: list[dict[str, Any]]) -> dict[str, Any]:
    """One timeline row: the most precise date of its mentions, a topic if any gives one, the
    clause of its earliest article."""
    anchor = members[0]
    dated = [m for m in members if _span(m) is not None]
    precise = min(dated, key=lambda m: (_span(m)[1] - _span(m)[0], _order(m))) if dated else anchor
    earliest = min(members, key=lambda m: (m["_published"] is None, m["_published"] or pd.Timestamp.min,
                                           text(m["article_id"]), int(m["start"] or 0)))
    article_ids = sorted({m["article_id"] for m in members})
    days = [m["_published"] for m in members if m["_published"] is not None]
    return {
        "event_id": stable_id("e", [*event_key(anchor), text(anchor["date"]), text(anchor["date_latest"]),
                                    text(anchor["article_id"]), anchor["start"]]),
        **{c: precise[c] for c in ("date", "date_latest", "granularity", "date_value")},
        **{c: anchor[c] for c in ("actor", "party", "kind", "action", "planned")},
        "topic": next((m["topic"] for m in members if m["topic"] is not None), None),
        "n_articles": len(article_ids), "first_reported": min(days) if days else None,
        "article_ids": ";".join(article_ids), "text": earliest["text"],
    }
