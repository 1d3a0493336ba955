"""Merging: the same event told twice in one article is one row, with a count of mentions."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from toolkit.extract.events.model import STRENGTH
from toolkit.records import Event


def merge(events: list[Event], statements: Sequence[bool] = ()) -> list[Event]:
    """One row per event of the article: same kind and action, compatible actor and date.

    Statements are events of their speaker: one speaker's statements on one day ("the
    Pentagon said on Monday ..." and later "..., he said.") are one briefing, whatever verb
    each sentence uses; the row keeps the stronger kind."""
    out: list[Event] = []
    spoken: list[bool] = []
    index = _MergeIndex(out, spoken)
    for n, e in enumerate(events):
        e_said = bool(statements[n]) if n < len(statements) else False
        for i in index.candidates(e, e_said):
            k = out[i]
            said = (e_said and spoken[i] and k.actor is not None
                    and k.actor == e.actor and k.date is not None and k.planned == e.planned
                    and (k.date, k.date_latest) == (e.date, e.date_latest))
            if said:
                if STRENGTH.get(e.kind, 0) > STRENGTH.get(k.kind, 0):
                    k = replace(k, kind=e.kind, action=e.action)
            elif k.kind != e.kind or k.planned != e.planned or (k.action != e.action and not _one_toll(k, e)):
                continue
            if k.actor and e.actor and k.actor != e.actor:
                continue
            if k.date is not None and e.date is not None and (k.date, k.date_latest) != (e.date, e.date_latest):
                continue
            merged = replace(k, mentions=k.mentions + 1)
            if k.date is None and e.date is not None:
                merged = replace(merged, date=e.date, date_latest=e.date_latest, granularity=e.granularity,
                                 date_value=e.date_value)
            if k.actor is None and e.actor is not None:
                merged = replace(merged, actor=e.actor, actor_type=e.actor_type)
            if k.claimant is None and e.claimant is not None and e.claimant != merged.actor:
                merged = replace(merged, claimant=e.claimant)
            out[i] = merged
            index.update(i)
            break
        else:
            out.append(e)
            spoken.append(e_said)
            index.update(len(out) - 1)
    return sorted(out, key=lambda e: (e.start, e.end, e.kind, e.action or ""))


def _one_toll(k: Event, e: Event) -> bool:
    """A disaster's deaths on one day are one happening whatever the verb tells them ("the
    quake struck", "an earthquake that killed 5,000"): casualties with no actor, dated alike
    to the day."""
    return k.kind == e.kind == "casualties" and k.actor is None and e.actor is None \
        and k.granularity == e.granularity == "day" and k.date is not None and (k.date, k.date_latest) == (e.date, e.date_latest)


class _MergeIndex:
    """Which rows kept so far an event may merge into, without a look at every row.

    A row takes an event when it is the same statement (same speaker, day and plan: key "S") or
    the same kind, action and plan with an actor and a date that do not differ (a missing one
    fits any). Every row sits in buckets keyed by what it has; the buckets that fit an event
    hold only rows it may merge into, so the first row it merges into is the smallest index
    at the head of those buckets. A row whose actor, date or kind fills in later moves to new
    buckets; its old entries are dropped when they reach a bucket's head.
    """

    def __init__(self, rows: list[Event], spoken: list[bool]) -> None:
        self.rows, self.spoken = rows, spoken
        self.keys: list[frozenset[tuple[Any, ...]]] = []
        self.buckets: dict[tuple[Any, ...], list[int]] = {}

    def _keys_of(self, i: int) -> frozenset[tuple[Any, ...]]:
        k = self.rows[i]
        what = (k.kind, k.action, k.planned)
        actor = k.actor if k.actor else None
        day = (k.date, k.date_latest) if k.date is not None else None
        keys = {("KAD", what, actor, day), ("KA", what, actor), ("KD", what, day), ("K", what)}
        if self.spoken[i] and k.actor is not None and k.date is not None:
            keys.add(("S", k.actor, (k.date, k.date_latest), k.planned))
        if _one_toll(k, k):
            keys.add(("T", (k.date, k.date_latest), k.planned))
        return frozenset(keys)

    def update(self, i: int) -> None:
        """Row ``i`` was added or changed: file it under its (new) keys."""
        keys = self._keys_of(i)
        old = self.keys[i] if i < len(self.keys) else frozenset()
        if i == len(self.keys):
            self.keys.append(keys)
        else:
            self.keys[i] = keys
        for key in keys - old:
            heapq.heappush(self.buckets.setdefault(key, []), i)

    def _first(self, key: tuple[Any, ...]) -> int | None:
        heap = self.buckets.get(key)
        while heap and key not in self.keys[heap[0]]:
            heapq.heappop(heap)  # the row moved on to other keys
        return heap[0] if heap else None

    def candidates(self, e: Event, said: bool) -> list[int]:
        """The rows ``e`` may merge into, first ones of each fitting bucket, in row order."""
        what = (e.kind, e.action, e.planned)
        actor = e.actor if e.actor else None
        day = (e.date, e.date_latest) if e.date is not None else None
        actors = (None, actor) if actor is not None else ()
        days = (None, day) if day is not None else ()
        if actors and days:
            keys = [("KAD", what, a, d) for a in actors for d in days]
        elif actors:
            keys = [("KA", what, a) for a in actors]
        elif days:
            keys = [("KD", what, d) for d in days]
        else:
            keys = [("K", what)]
        if said and e.actor is not None and e.date is not None:
            keys.append(("S", e.actor, (e.date, e.date_latest), e.planned))
        if _one_toll(e, e):
            keys.append(("T", (e.date, e.date_latest), e.planned))
        found = {self._first(key) for key in keys}
        found.discard(None)
        return sorted(found)  # type: ignore[arg-type]
