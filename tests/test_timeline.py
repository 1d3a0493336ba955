"""The timeline rule (toolkit.tables.timeline.group_events) on table-driven cases (tests/cases/timeline.yaml)."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.tables.timeline import group_events

from conftest import load_cases


def _row(i: int, raw: dict) -> dict:
    first = None if raw.get("date") is None else pd.Timestamp(raw["date"])
    last = None if first is None else pd.Timestamp(raw.get("date_latest") or raw["date"])
    row = {"article_id": raw["article"], "start": raw.get("start", i), "kind": raw["kind"], "actor": raw.get("actor"),
           "action": raw.get("action"), "topic": raw.get("topic"), "planned": bool(raw.get("planned")),
           "text": raw.get("text"),
           "date": first, "date_latest": last, "_published": pd.Timestamp(raw["published"])}
    if "party" in raw:
        row["party"] = raw["party"]
    return row


@pytest.mark.parametrize("case", load_cases("timeline"))
def test_timeline_case(case):
    rows = [_row(i, r) for i, r in enumerate(case["rows"])]
    labels = [r["label"] for r in case["rows"]]
    got = sorted(sorted(labels[i] for i in members) for members in group_events(rows))
    assert got == sorted(sorted(g) for g in case["groups"])


def test_grouping_does_not_depend_on_row_order():
    raw = [{"article": f"a{i}", "published": "2025-05-01", "kind": "confirmation", "actor": actor, "date": day}
           for i, (actor, day) in enumerate([("North Korea", "2025-04-28"), ("KCNA", "2025-04-28"),
                                              ("North Korea", None), ("Kremlin", "2025-04-26")])]
    rows = [_row(i, r) for i, r in enumerate(raw)]
    forward = sorted(sorted(rows[i]["article_id"] for i in m) for m in group_events(rows))
    backward = sorted(sorted(rows[::-1][i]["article_id"] for i in m) for m in group_events(rows[::-1]))
    assert forward == backward == [["a0", "a1", "a2"], ["a3"]]


@pytest.mark.parametrize("case", load_cases("timeline"))
def test_timeline_case_in_reverse_order(case):
    # the rules read offsets and content, never the order rows come in
    rows = [_row(i, r) for i, r in enumerate(case["rows"])][::-1]
    labels = [r["label"] for r in case["rows"]][::-1]
    got = sorted(sorted(labels[i] for i in members) for members in group_events(rows))
    assert got == sorted(sorted(g) for g in case["groups"])
