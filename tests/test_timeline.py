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


def test_one_reads_of_a_row_from_another_article_only_its_shape():
    """``_fits`` compares a row with one member of each shape from other articles (timeline's
    ``_Members``), which holds only if ``_one`` reads no field of such a member outside
    ``SHAPE_FIELDS`` (and of its lead outside ``LEAD_FIELDS``): every other field of the sample's
    event rows is altered here, and ``_one`` must say the same."""
    import toolkit as tk
    from toolkit.read.lexicon import default_lexicon
    from toolkit.tables import timeline as tl

    corpus = tk.load("data/articles", jobs=1)
    lexicon = default_lexicon()
    rows = tl._prepared(tl.timeline_inputs(corpus.tables["events"], corpus.articles), lexicon)
    # statements read as another's lead too (the sample names no lead again), dated and undated
    statements = [r for r in rows if r["kind"] in tl.STATEMENT_KINDS]
    rows += [{**r, "_lead": {k: v for k, v in lead.items() if k != "_span"},
              **({} if n % 2 else {"date": None, "date_latest": None, "_span": None})}
             for n, (r, lead) in enumerate(zip(statements, statements[1:] + statements[:1]))]

    def altered(row: dict) -> dict:
        out = {k: v for k, v in row.items() if k in tl.SHAPE_FIELDS}
        out.update(article_id=f"{row['article_id']}-elsewhere", start=10**6, text="Another prisoner swap took place.",
                   date=pd.Timestamp("1999-01-01"), date_latest=pd.Timestamp("1999-12-31"), granularity="year",
                   date_value="1999", extra="anything")
        if row.get("_lead") is not None:
            lead = row["_lead"]
            out["_lead"] = {**{k: "altered" for k in lead}, **{k: lead.get(k) for k in tl.LEAD_FIELDS}}
        return out

    pairs = 0
    for a in rows:
        changed = altered(a)
        for b in rows:
            if a["article_id"] != b["article_id"] and tl._bucket(a) == tl._bucket(b):
                assert tl._one(changed, b, lexicon) == tl._one(a, b, lexicon), (a, b)
                pairs += 1
    assert pairs > 1000
