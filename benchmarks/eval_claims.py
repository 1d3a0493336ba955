"""Score the ``claims`` and ``timeline`` tables (issue 14) against hand-written gold groupings.

Gold: ``benchmarks/gold/claims.yaml`` says which gold figures of ``figures.yaml`` state the same
claim (every figure of a sample article in exactly one claim); ``benchmarks/gold/timeline.yaml``
says which gold events of ``events.yaml`` are the same event (every event not listed is an event
alone). Both reference gold entries by ``article_id`` and ``text`` (and ``occurrence``, the N-th
entry with that article and text in file order, when the pair repeats).

Prediction: ``toolkit.load("data/articles")``: every row of ``figures`` carries a ``claim_id``,
every row of ``events`` an ``event_id``.

Matching: predicted figures to gold figures exactly as ``eval_figures.py`` does
(:func:`eval_figures.match_figures`), predicted events to gold events as ``eval_events.py`` does
(:func:`eval_events.match_events`). Only matched items are scored, so a detection miss costs
nothing here (``eval_figures``/``eval_events`` count those).

Scores, over the matched items: every pair of them is linked in gold (same gold claim or event)
and/or in the prediction (same ``claim_id`` / ``event_id``). Pairwise precision = pairs linked in
both / pairs linked in the prediction, recall = linked in both / linked in gold, F1 their harmonic
mean (a side with no links at all has nothing wrong: its precision or recall is 1). Also the number
of gold groups and of predicted groups the matched items fall into. ``--misses`` lists every wrong
link (predicted, not gold) and missed link (gold, not predicted), grouped by claim, with what
tells the two items apart: the key of the tool's rule that differs, and whether that is an
extraction error (the field differs from its gold) or the rule's own choice.

Usage (from the repository root)::

    .venv/bin/python benchmarks/eval_claims.py [--split sample|dev] [--misses] [--party-misses]
                                               [--write-docs]

``--split dev`` scores the real development set (benchmarks/real: the dev texts, git-ignored,
read as one corpus with ``toolkit.load(..., parties=benchmarks/real/parties.yaml)``) against
``benchmarks/real/claims.jsonl``: the gold figures and events of ``annotations.jsonl``'s dev
lines with their claim or event group, their party, and the figures' scope. The measures are the
same, with each gold entry's own party, and the accuracy of ``scope`` besides. Without the texts
it says so and exits 0. ``heldout`` and ``fresh`` have no such annotation, so no score.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pandas as pd
import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import eval_events  # noqa: E402
import eval_real  # noqa: E402
import eval_figures  # noqa: E402
from toolkit.tables.claims import SAME_TIME_DAYS, group_figures, same_number, side_of  # noqa: E402
from toolkit.tables.timeline import group_events  # noqa: E402

GOLD = REPO / "benchmarks" / "gold"
ARTICLES = REPO / "data" / "articles"
DOCS = REPO / "docs" / "claims.md"
TABLE_START = "<!-- claims-eval:start -->"
TABLE_END = "<!-- claims-eval:end -->"
COMMAND = ".venv/bin/python benchmarks/eval_claims.py --write-docs"
# The real development set (benchmarks/real/): its gold claims, timeline and parties are
# benchmarks/real/claims.jsonl; the texts are git-ignored (see benchmarks/real/README.md).
REAL = REPO / "benchmarks" / "real"
REAL_CLAIMS = REAL / "claims.jsonl"
REAL_PARTIES = REAL / "parties.yaml"
BLOCKS = {"sample": (TABLE_START, TABLE_END, COMMAND),
          "dev": ("<!-- claims-eval-dev:start -->", "<!-- claims-eval-dev:end -->",
                  ".venv/bin/python benchmarks/eval_claims.py --split dev --write-docs")}


@dataclass
class Item:
    """One matched gold item and the prediction it matched."""

    gold_group: str
    pred_group: str
    gold: dict[str, Any]
    pred: SimpleNamespace
    published: Any = None

    @property
    def where(self) -> str:
        return f"{self.gold['article_id']}: {self.gold['text'][:60]!r}"


@dataclass
class Grouping:
    """The pairwise comparison of a gold grouping and a predicted one over the same items."""

    items: list[Item]
    both: int = 0
    wrong: list[tuple[Item, Item]] = field(default_factory=list)
    missed: list[tuple[Item, Item]] = field(default_factory=list)

    def prf(self) -> tuple[float, float, float]:
        predicted, gold = self.both + len(self.wrong), self.both + len(self.missed)
        p = self.both / predicted if predicted else 1.0
        r = self.both / gold if gold else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def groups(self) -> tuple[int, int]:
        return len({i.gold_group for i in self.items}), len({i.pred_group for i in self.items})


def compare_groupings(items: list[Item]) -> Grouping:
    out = Grouping(items)
    for a, b in combinations(items, 2):
        gold, pred = a.gold_group == b.gold_group, a.pred_group == b.pred_group
        if gold and pred:
            out.both += 1
        elif pred:
            out.wrong.append((a, b))
        elif gold:
            out.missed.append((a, b))
    return out


# --- gold ------------------------------------------------------------------------------------

def _load_list(path: Path, key: str) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    if isinstance(data, dict):
        data = data.get(key)
    return [dict(x) for x in (data or [])]


def resolve_groups(groups: list[dict[str, Any]], entries: list[dict[str, Any]], key: str,
                   ) -> tuple[dict[int, str], list[str]]:
    """Each referenced gold entry's index -> its group's label, and the problems found
    (a reference that resolves to no entry, an entry in two groups, a group without items)."""
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, e in enumerate(entries):
        index[(str(e["article_id"]), str(e["text"]))].append(i)
    owner: dict[int, str] = {}
    problems: list[str] = []
    labels = Counter(str(g.get("label")) for g in groups)
    problems += [f"label {label!r} is used by {n} groups" for label, n in labels.items() if n > 1]
    for group in groups:
        label = str(group.get("label"))
        refs = group.get(key) or []
        if not refs:
            problems.append(f"{label!r} lists no {key}")
        for ref in refs:
            found = index.get((str(ref.get("article_id")), str(ref.get("text"))), [])
            nth = int(ref.get("occurrence", 1))
            if not 1 <= nth <= len(found):
                problems.append(f"{label!r}: no gold entry {ref.get('article_id')}: {ref.get('text')!r} "
                                f"(occurrence {nth})")
                continue
            i = found[nth - 1]
            if i in owner:
                problems.append(f"{ref.get('article_id')}: {ref.get('text')!r} is in {owner[i]!r} and {label!r}")
            owner[i] = label
    return owner, problems


def gold_claims(sample_ids: set[str]) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    """The gold figures of the sample articles, each one's gold claim label, and problems
    (every sample figure must be in a claim)."""
    figures = _load_list(GOLD / "figures.yaml", "figures")
    owner, problems = resolve_groups(_load_list(GOLD / "claims.yaml", "claims"), figures, "figures")
    keep, labels = [], []
    for i, g in enumerate(figures):
        if str(g["article_id"]) not in sample_ids:
            continue
        if i not in owner:
            problems.append(f"gold figure {g['article_id']}: {g['text']!r} is in no claim")
        keep.append(g)
        labels.append(owner.get(i, f"alone: {g['article_id']}: {g['text']}"))
    return keep, labels, problems


def gold_timeline() -> tuple[list[dict[str, Any]], list[str], list[str]]:
    """The gold events, each one's gold event label (an event not listed is alone), and problems."""
    events = _load_list(GOLD / "events.yaml", "events")
    owner, problems = resolve_groups(_load_list(GOLD / "timeline.yaml", "events"), events, "events")
    labels = [owner.get(i, f"alone: {e['article_id']}: {e['text']}") for i, e in enumerate(events)]
    return events, labels, problems


def gold_parties(name: str, key: str, entries: list[dict[str, Any]]) -> tuple[dict[str, Any], list[str]]:
    """The ``parties`` mapping of a gold grouping file (a claimant or actor -> its party or None),
    and a problem for every name of ``entries[*][key]`` it does not list."""
    data = yaml.safe_load((GOLD / name).read_text(encoding="utf-8")) if (GOLD / name).is_file() else None
    parties = dict((data or {}).get("parties") or {}) if isinstance(data, dict) else {}
    names = sorted({str(e.get(key)) for e in entries if e.get(key)})
    return parties, [f"{name}: {key} {n!r} has no entry in parties" for n in names if n not in parties]


def gold_party(gold: dict[str, Any], parties: dict[str, Any] | None, key: str) -> Any:
    """The gold party of a gold entry: its own ``party`` when ``parties`` is None (the real set
    gives one per entry), else the party ``parties`` gives its ``key`` (claimant or actor)."""
    if parties is None:
        return gold.get("party") or None
    return parties.get(gold.get(key)) if gold.get(key) else None


def party_score(items: list[Item], parties: dict[str, Any] | None, key: str) -> str:
    """How many matched rows name the gold party (see :func:`gold_party`), as text."""
    if not items or not all(hasattr(i.pred, "party") for i in items):
        return "no party column yet"
    right = sum((i.pred.party or None) == gold_party(i.gold, parties, key) for i in items)
    return f"{right / len(items):.2f} ({right} of {len(items)})"


def party_misses(items: list[Item], parties: dict[str, Any] | None, key: str, name_key: str) -> list[str]:
    """The matched rows whose party is not the gold's: where, the gold claimant or actor and its
    party, and the predicted name and party (``--party-misses``)."""
    out = []
    for i in sorted(items, key=lambda i: (str(i.gold["article_id"]), str(i.gold["text"]))):
        gold_name = i.gold.get(key) or None
        if parties is None:  # the real set: each gold entry gives its own party
            want = i.gold.get("party") or None
        else:
            want = parties.get(gold_name) if gold_name else None
        got = getattr(i.pred, "party", None) or None
        if got != want:
            out.append(f"{i.where}: gold {gold_name!r} ({want}) -> {getattr(i.pred, name_key, None)!r} ({got})")
    return out
def scope_score(items: list[Item]) -> str:
    """How many matched figures have the gold ``scope`` (only a gold that gives one: the real set)."""
    if not items or not all("scope" in i.gold for i in items):
        return "no gold scope"
    right = sum((getattr(i.pred, "scope", None) or None) == (i.gold.get("scope") or None) for i in items)
    return f"{right / len(items):.2f} ({right} of {len(items)})"


def dev_gold(entries: list[dict[str, Any]], path: Path = REAL_CLAIMS) -> tuple[
        list[dict[str, Any]], list[str], list[dict[str, Any]], list[str], list[str]]:
    """The gold figures and events of the real set's ``dev`` lines (``entries``, as
    ``eval_real.load_gold`` reads them), each with the ``party`` and (figures) ``scope`` of its
    line of ``claims.jsonl`` and its group label (a ``null`` group is a claim or event alone),
    and the problems: a gold entry with no line, a line that names no entry or whose text and
    occurrence are not the entry's, a line given twice."""
    lines: dict[tuple[str, str, int], dict[str, Any]] = {}
    problems: list[str] = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines() if path.is_file() else [], start=1):
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
            key = (str(line["id"]), str(line["table"]), int(line["index"]))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            problems.append(f"{path.name}:{n}: not a claims line ({exc})")
            continue
        if key in lines:
            problems.append(f"{path.name}:{n}: {key[0]} {key[1]}[{key[2]}] is given twice")
        lines[key] = line
    used: set[tuple[str, str, int]] = set()
    out: dict[str, tuple[list[dict[str, Any]], list[str]]] = {"figures": ([], []), "events": ([], [])}
    for entry in entries:
        aid = str(entry["id"])
        for table_name, (golds, labels) in out.items():
            for i, g in enumerate(entry.get(table_name, [])):
                key = (aid, table_name, i)
                line = lines.get(key)
                if line is None:
                    problems.append(f"{aid} {table_name}[{i}] {g.get('text')!r} has no line in {path.name}")
                    line = {}
                elif (line.get("text"), int(line.get("occurrence", 1))) != (g.get("text"), int(g.get("occurrence", 1))):
                    problems.append(f"{aid} {table_name}[{i}]: {path.name} says {line.get('text')!r} "
                                    f"(occurrence {line.get('occurrence', 1)}), the annotation {g.get('text')!r} "
                                    f"(occurrence {g.get('occurrence', 1)})")
                used.add(key)
                gold = {**g, "article_id": aid, "occurrence": int(g.get("occurrence", 1)), "party": line.get("party")}
                if table_name == "figures":
                    gold["scope"] = line.get("scope")
                golds.append(gold)
                labels.append(str(line["group"]) if line.get("group") else f"alone: {aid}: {table_name}[{i}]")
    problems += [f"{path.name}: {k[0]} {k[1]}[{k[2]}] names no dev gold entry" for k in sorted(set(lines) - used)]
    return (*out["figures"], *out["events"], problems)


def load_dev(entries: list[dict[str, Any]], parties: Path | None) -> Any:
    """The dev texts as one corpus, read as an analyst would pass them (each with its
    ``published`` day and outlet), so that the claims and the timeline cross the articles; with
    ``parties``, an extra parties file for these stories (``toolkit.load(..., parties=)``)."""
    import tempfile

    import toolkit as tk

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dev.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for e in entries:
                text = (eval_real.TEXTS / f"{e['id']}.txt").read_text(encoding="utf-8")
                fh.write(json.dumps({"id": e["id"], "published": e.get("published"), "outlet": e.get("outlet"),
                                     "text": text}) + "\n")
        return tk.load(path, **({"parties": parties} if parties is not None else {}))


# --- matching --------------------------------------------------------------------------------

def _missing(v: Any) -> bool:
    import pandas as pd

    return v is None or (pd.api.types.is_scalar(v) and bool(pd.isna(v)))


def _record(row: Any) -> SimpleNamespace:
    """A predicted row with None for every missing value (``eval_figures.compare`` reads it)."""
    data = {k: (None if _missing(v) else v) for k, v in row._asdict().items()}
    for k in ("as_of", "reported", "date", "date_latest"):
        if data.get(k) is not None and hasattr(data[k], "date"):
            data[k] = data[k].date()
    return SimpleNamespace(**data)


def _spans(text: str, gold: dict[str, Any]) -> list[tuple[int, int]]:
    """Where a gold entry may stand: every occurrence of its text, or only the ``occurrence``-th
    when the gold says which (the real set does; the sample's texts are unique per article)."""
    found = eval_figures.occurrences(text, str(gold["text"]))
    if "occurrence" not in gold:
        return found
    nth = int(gold["occurrence"])
    return found[nth - 1:nth] if nth >= 1 else []


def match_claims(corpus: Any, gold: list[dict[str, Any]], labels: list[str]) -> list[Item]:
    texts = dict(zip(corpus.articles["article_id"], corpus.articles["text"]))
    preds: dict[str, list[SimpleNamespace]] = defaultdict(list)
    for row in corpus.figures.sort_values(["article_id", "start"], kind="stable").itertuples(index=False):
        preds[row.article_id].append(_record(row))
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(gold):
        by_article[str(g["article_id"])].append(i)
    items = []
    for aid, idx in by_article.items():
        text = texts.get(aid) if isinstance(texts.get(aid), str) else ""
        spans = [_spans(text, gold[i]) for i in idx]
        for fig, hit in zip(preds[aid], eval_figures.match_figures(preds[aid], spans)):
            if hit is not None:
                items.append(Item(labels[idx[hit]], str(fig.claim_id), gold[idx[hit]], fig))
    return items


def match_timeline(corpus: Any, gold: list[dict[str, Any]], labels: list[str]) -> list[Item]:
    texts = dict(zip(corpus.articles["article_id"], corpus.articles["text"]))
    published = dict(zip(corpus.articles["article_id"], corpus.articles["published"]))
    preds: dict[str, list[SimpleNamespace]] = defaultdict(list)
    for row in corpus.events.itertuples(index=False):
        preds[row.article_id].append(_record(row))
    label_of = {id(g): label for g, label in zip(gold, labels)}
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for g in gold:
        by_article[str(g["article_id"])].append(g)
    items = []
    for aid, entries in by_article.items():
        text = texts.get(aid) if isinstance(texts.get(aid), str) else ""
        golds = [(span[0], span[1], g) for g in entries for span in _spans(text, g)[:1]] \
            if all("occurrence" in g for g in entries) else eval_events.locate(text, entries)
        for gi, pi in eval_events.match_events(golds, preds[aid]):
            g, p = golds[gi][2], preds[aid][pi]
            items.append(Item(label_of[id(g)], str(p.event_id), g, p, published.get(aid)))
    return items


# --- why two items were told apart, or joined ------------------------------------------------

def _day(p: SimpleNamespace) -> Any:
    return p.as_of if p.as_of is not None else p.reported


def claim_split_reasons(a: Item, b: Item) -> list[str]:
    """Which keys of the claims rule tell two predicted figures apart. A key is an extraction
    error ("... wrong") when one of the two figures disagrees with its gold on that field, else
    the rule's own choice (the two gold figures differ there too, or agree at the gold's
    precision only)."""
    pa, pb = a.pred, b.pred
    right = [eval_figures.compare(x.pred, x.gold) for x in (a, b)]

    def tag(field_name: str, wrong: str, rule: str) -> str:
        return wrong if not all(r[field_name] for r in right) else rule

    reasons = []
    if side_of(getattr(pa, "party", None), pa.claimant) != side_of(getattr(pb, "party", None), pb.claimant):
        reasons.append(tag("claimant", "claimant wrong", "claimant: one party named two ways"))
    for name in ("category", "subject"):
        x, y = getattr(pa, name), getattr(pb, name)
        if x != y and (name == "category" or (x is not None and y is not None)):  # no subject fits any
            reasons.append(tag(name, f"{name} wrong", f"{name} differs in gold too"))
    if (getattr(pa, "scope", None) == "increment") != (getattr(pb, "scope", None) == "increment"):
        reasons.append("an increment against a count")
    if not same_number(vars(pa), vars(pb)):
        field_name = "qualifier" if pa.value == pb.value else "value"
        reasons.append(tag(field_name, f"{field_name} wrong", "number paraphrased (qualifier drift)"))
    da, db = _day(pa), _day(pb)
    if (da is None) != (db is None) or (da is not None and abs((da - db).days) > SAME_TIME_DAYS):
        reasons.append(tag("as_of", "as_of wrong",
                           f"as_of right at the gold's precision, > {SAME_TIME_DAYS} days apart"))
    return reasons or ["grouping order (a figure joins the first claim whose first figure it matches)"]


def claim_join_reasons(a: Item, b: Item) -> list[str]:
    """What, in the gold, tells apart two figures that the tool put in one claim."""
    ga, gb = a.gold, b.gold
    reasons = []
    if ga.get("claimant") != gb.get("claimant"):
        reasons.append("another claimant")
    if ga.get("value") != gb.get("value"):
        reasons.append("another number")
    elif ga.get("qualifier") != gb.get("qualifier"):
        reasons.append("another qualifier of the same number (another statement)")
    if bool(ga.get("increment")) != bool(gb.get("increment")):
        reasons.append("an increment against a total or contingent")
    if str(ga.get("as_of")) != str(gb.get("as_of")):
        reasons.append("another occasion (the gold as_of differs)")
    for name in ("category", "subject"):
        if ga.get(name) != gb.get(name):
            reasons.append(f"another {name}")
    return reasons or ["another occasion with the same fields (see the claim labels)"]


def _gold_figure(g: dict[str, Any]) -> str:
    return f"{g.get('claimant')} {g.get('qualifier')} {g.get('value'):g}{' more' if g.get('increment') else ''} " \
           f"as_of {g.get('as_of')}"


def event_split_reasons(a: Item, b: Item) -> list[str]:
    """Which keys of the timeline rule tell two predicted events apart ("... wrong" when one of
    them disagrees with its gold on that field, else the rule's own choice)."""
    pa, pb = a.pred, b.pred
    date_right = all(eval_events.date_ok(x.gold.get("date"), x.pred) for x in (a, b))
    actor_right = all((x.pred.actor or None) == (x.gold.get("actor") or None) for x in (a, b))
    kind_right = all(x.pred.kind == x.gold.get("kind") for x in (a, b))
    planned_right = all(bool(x.pred.planned) == bool(x.gold.get("planned")) for x in (a, b))
    checks = [("kind", pa.kind != pb.kind, kind_right, "kind differs in gold too"),
              ("actor", pa.actor != pb.actor, actor_right, "actor: one actor named two ways"),
              ("topic", pa.topic != pb.topic, True, "topic differs (or is on one only)"),
              ("planned", bool(pa.planned) != bool(pb.planned), planned_right, "planned differs in gold too"),
              ("date", (pa.date, pa.date_latest) != (pb.date, pb.date_latest), date_right,
               "date right at the gold's precision, spans differ (a day, a week, a month)")]
    reasons = [rule if ok else f"{name} wrong" for name, differs, ok, rule in checks if differs]
    if not pa.actor and not pb.actor and pa.action != pb.action:
        reasons.append("no actor, other actions")
    if pa.date is None and pb.date is None and str(a.published) != str(b.published):
        reasons.append("undated, published on other days")
    return reasons or ["same key, other rows (check)"]


def event_join_reasons(a: Item, b: Item) -> list[str]:
    """What, in the gold, tells apart two events that the tool put in one row."""
    ga, gb = a.gold, b.gold
    reasons = [f"another {n}" for n in ("kind", "actor", "date", "planned") if ga.get(n) != gb.get(n)]
    return reasons or ["two events with the same fields (a statement and what it reports, or two occasions)"]


def _gold_event(g: dict[str, Any]) -> str:
    return f"{g.get('kind')} {g.get('actor')} {g.get('date')}{' planned' if g.get('planned') else ''}"


# --- the rule alone: run on the gold fields ----------------------------------------------

def _gold_span(value: Any) -> tuple[Any, Any]:
    """A gold day, month ("2024-12") or year ("2025") as its first and last day (dates)."""
    import pandas as pd

    if _missing(value) or not str(value).strip():
        return None, None
    text = str(value)
    if text.count("-") == 2:
        day = pd.Timestamp(text)
        return day.date(), day.date()
    first = pd.Timestamp(text + ("-01" if text.count("-") == 1 else "-01-01"))
    last = first + (pd.offsets.MonthEnd(0) if text.count("-") == 1 else pd.offsets.YearEnd(0))
    return first.date(), last.date()


def rule_on_gold_claims(gold: list[dict[str, Any]], labels: list[str],
                        parties: dict[str, Any] | None = None, *, by_party: bool | None = None) -> list[Item]:
    """The claims rule (``group_figures``) run on the gold figures' own fields: what the rule
    gives when the extraction is perfect (``scope`` the gold's, NA where it has none, as in the
    sample; ``party`` NA, or with ``by_party`` (default: when ``parties`` is given) the gold
    party, see :func:`gold_party`; a month or year ``as_of`` read as its first day, as the
    extractor writes it)."""
    by_party = parties is not None if by_party is None else by_party
    rows = []
    for i, g in enumerate(gold):
        row = {k: (None if _missing(g.get(k)) else g.get(k)) for k in (
            "article_id", "text", "value", "low", "high", "qualifier", "increment", "unit", "category", "subject",
            "claimant", "hedge")}
        party = gold_party(g, parties, "claimant") if by_party else None
        row.update(start=i, party=party, scope=g.get("scope") or None, reported=None, projected=False,
                   as_of=_gold_span(g.get("as_of"))[0], as_of_latest=_gold_span(g.get("as_of"))[1])
        rows.append(row)
    group_of = {i: f"rule:{n}" for n, members in enumerate(group_figures(rows)) for i in members}
    return [Item(labels[i], group_of[i], g, SimpleNamespace(**rows[i], claim_id=group_of[i]))
            for i, g in enumerate(gold)]


def rule_on_gold_timeline(gold: list[dict[str, Any]], labels: list[str], published: dict[str, Any]) -> list[Item]:
    """The timeline rule (``group_events``) run on the gold events' own fields (a month or year
    ``date`` read as its first and last day; ``action`` unknown; ``party`` the gold's own where
    it gives one, as the real set does)."""
    rows = []
    for i, g in enumerate(gold):
        first, last = _gold_span(g.get("date"))
        parts = 0 if first is None else str(g.get("date")).count("-") + 1
        day = published.get(str(g["article_id"]))
        rows.append({"kind": g.get("kind"), "actor": g.get("actor") or None, "topic": g.get("topic") or None,
                     "planned": bool(g.get("planned")), "date": first, "date_latest": last, "action": None,
                     "granularity": {0: None, 1: "year", 2: "month", 3: "day"}[parts],
                     "article_id": str(g["article_id"]), "start": i,
                     "_published": None if day is None else pd.Timestamp(day),
                     **({"party": g.get("party") or None} if "party" in g else {})})
    group_of = {i: f"rule:{n}" for n, members in enumerate(group_events(rows)) for i in members}
    return [Item(label, group_of[i], g, SimpleNamespace(**rows[i], event_id=group_of[i]),
                 published.get(str(g["article_id"])))
            for i, (g, label) in enumerate(zip(gold, labels))]


# --- report ----------------------------------------------------------------------------------

def tally(pairs: list[tuple[Item, Item]], why: Any) -> Counter:
    counts: Counter = Counter()
    for a, b in pairs:
        counts.update(set(why(a, b)))
    return counts


def table(columns: list[tuple[str, Grouping, int, str, str]], corpus: str = "the sample corpus",
          scopes: list[str] | None = None) -> str:
    """One column per (name, grouping, gold items, whole-corpus compression, party accuracy);
    ``scopes``, one cell per column, adds a row for the accuracy of ``scope``."""
    names = [c[0] for c in columns]
    rows = [[f"gold items of {corpus}"] + [str(c[2]) for c in columns],
            ["matched to a predicted row"] + [str(len(c[1].items)) for c in columns],
            ["gold groups / predicted groups over them"] + [" / ".join(map(str, c[1].groups())) for c in columns],
            ["links: gold / predicted / both"] + [f"{c[1].both + len(c[1].missed)} / {c[1].both + len(c[1].wrong)} / "
                                                  f"{c[1].both}" for c in columns]]
    for i, name in enumerate(("precision", "recall", "F1")):
        rows.append([f"pairwise {name}"] + [f"{c[1].prf()[i]:.2f}" for c in columns])
    rows.append(["whole corpus: rows -> groups"] + [c[3] for c in columns])
    rows.append(["party right (of the matched rows)"] + [c[4] for c in columns])
    if scopes is not None:
        rows.append(["scope right (of the matched rows)"] + scopes)
    lines = ["| measure | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows])


def sources_table(parts: list[tuple[str, list[tuple[Item, Item]], Any]]) -> str:
    """How many wrong or missed links each reason explains (a pair may have several reasons)."""
    lines = ["| links | what tells the two apart | pairs |", "|---|---|---|"]
    for name, pairs, why in parts:
        for reason, n in sorted(tally(pairs, why).items(), key=lambda kv: (-kv[1], kv[0])):
            reason = reason if len(reason) < 90 else reason[:87] + "..."
            lines.append(f"| {name} | {reason} | {n} |")
    return "\n".join(lines)


def _describe_figure(item: Item) -> str:
    p = item.pred
    day = _day(p)
    return (f"{item.where} -> side={side_of(getattr(p, 'party', None), p.claimant) or 'own voice'} "
            f"{p.qualifier} {p.value:g} {p.category}/{p.subject} scope={getattr(p, 'scope', None)} "
            f"day={day} [{p.claim_id}]")


def _describe_event(item: Item) -> str:
    p = item.pred
    return (f"{item.where} -> {p.kind} {p.actor} topic={p.topic} planned={bool(p.planned)} "
            f"date={p.date}..{p.date_latest} [{p.event_id}]")


def misses(grouping: Grouping, split_why: Any, join_why: Any, describe: Any, gold_of: Any) -> list[str]:
    """The missed links grouped by gold group, the wrong links by predicted group."""
    out = []
    by_gold: dict[str, list[tuple[Item, Item]]] = defaultdict(list)
    for a, b in grouping.missed:
        by_gold[a.gold_group].append((a, b))
    for label in sorted(by_gold):
        pieces = sorted({i.pred_group for pair in by_gold[label] for i in pair})
        out.append(f"SPLIT {label!r} into {len(pieces)} predicted groups:")
        members = [i for i in grouping.items if i.gold_group == label]
        out += [f"    {describe(i)}" for i in sorted(members, key=lambda i: i.pred_group)]
        out += [f"  missed: {a.where} ~ {b.where}: {'; '.join(split_why(a, b))}" for a, b in by_gold[label]]
    by_pred: dict[str, list[tuple[Item, Item]]] = defaultdict(list)
    for a, b in grouping.wrong:
        by_pred[a.pred_group].append((a, b))
    for group in sorted(by_pred):
        labels = sorted({i.gold_group for pair in by_pred[group] for i in pair})
        out.append(f"MERGED {group} joins {len(labels)} gold groups: " + " | ".join(labels))
        out += [f"  wrong: {a.where} [{gold_of(a.gold)}] ~ {b.where} [{gold_of(b.gold)}]: {'; '.join(join_why(a, b))}"
                for a, b in by_pred[group]]
    return out


def write_docs(text: str, split: str = "sample") -> None:
    """Write the tables between the split's markers of docs/claims.md (the dev block goes after
    the sample's when it is not there yet)."""
    start, end, command = BLOCKS[split]
    block = f"{start}\n{text}\n\nReproduce with `{command}` (from the repository root; it also prints " \
            f"the tables, and `--misses` lists every wrong and missed link).\n{end}"
    doc = DOCS.read_text(encoding="utf-8") if DOCS.is_file() else "# Claims and the timeline\n"
    if start in doc and end in doc:
        head, rest = doc.split(start, 1)
        doc = head + block + rest.split(end, 1)[1]
    elif split != "sample" and TABLE_END in doc:
        head, rest = doc.split(TABLE_END, 1)
        doc = head + TABLE_END + "\n\n" + block + rest
    else:
        doc = doc.rstrip() + "\n\n## How well\n\n" + block + "\n"
    DOCS.write_text(doc, encoding="utf-8")


def evaluate(split: str = "sample", *, parties: Path | None = REAL_PARTIES) -> dict[str, Any]:
    """Load the corpus of ``split`` (``sample``: data/articles; ``dev``: the real set's dev texts,
    with the extra ``parties`` file when it exists), match it to the gold and compare the groupings."""
    if split == "dev":
        return _evaluate_dev(parties)
    import toolkit as tk

    corpus = tk.load(ARTICLES)
    sample_ids = set(corpus.articles["article_id"])
    published = dict(zip(corpus.articles["article_id"], corpus.articles["published"]))
    figures, claim_labels, problems = gold_claims(sample_ids)
    events, event_labels, more = gold_timeline()
    kept = [(e, lab) for e, lab in zip(events, event_labels) if str(e["article_id"]) in sample_ids]
    events, event_labels = [e for e, _ in kept], [lab for _, lab in kept]
    claim_parties, unlisted = gold_parties("claims.yaml", "claimant", figures)
    event_parties, unlisted_too = gold_parties("timeline.yaml", "actor", events)
    return _compare(corpus, figures, claim_labels, events, event_labels, claim_parties, event_parties,
                    problems + more + unlisted + unlisted_too)


def _evaluate_dev(parties: Path | None) -> dict[str, Any]:
    entries = [e for e in eval_real.load_gold() if e.get("split") == "dev"]
    missing = [e["id"] for e in entries if not (eval_real.TEXTS / f"{e['id']}.txt").is_file()]
    figures, claim_labels, events, event_labels, problems = dev_gold(entries)
    if missing:
        problems.append(f"{len(missing)} dev texts are missing from {eval_real._shown(eval_real.TEXTS)}: "
                        + ", ".join(missing))
        return {"problems": problems, "split": "dev", "missing": missing}
    corpus = load_dev(entries, parties if parties is not None and parties.is_file() else None)
    result = _compare(corpus, figures, claim_labels, events, event_labels, None, None, problems)
    result.update(split="dev", parties_file=parties if parties is not None and parties.is_file() else None)
    return result


def _compare(corpus: Any, figures: list[dict[str, Any]], claim_labels: list[str], events: list[dict[str, Any]],
             event_labels: list[str], claim_parties: dict[str, Any] | None, event_parties: dict[str, Any] | None,
             problems: list[str]) -> dict[str, Any]:
    """The groupings and party scores of one corpus against its gold (``*_parties`` None: each
    gold entry gives its own party)."""
    published = dict(zip(corpus.articles["article_id"], corpus.articles["published"]))
    claims = match_claims(corpus, figures, claim_labels)
    timeline = match_timeline(corpus, events, event_labels)
    return {
        "problems": problems, "split": "sample", "n_gold": (len(figures), len(events)),
        "claims": compare_groupings(claims), "timeline": compare_groupings(timeline),
        "claims_rule": compare_groupings(rule_on_gold_claims(figures, claim_labels, claim_parties, by_party=False)),
        "claims_rule_party": compare_groupings(rule_on_gold_claims(figures, claim_labels, claim_parties,
                                                                   by_party=True)),
        "timeline_rule": compare_groupings(rule_on_gold_timeline(events, event_labels, published)),
        "compression": (f"{len(corpus.figures)} -> {corpus.figures['claim_id'].nunique()}",
                        f"{len(corpus.events)} -> {corpus.events['event_id'].nunique()}"),
        "party": (party_score(claims, claim_parties, "claimant"), party_score(timeline, event_parties, "actor")),
        "party_misses": (party_misses(claims, claim_parties, "claimant", "claimant"),
                         party_misses(timeline, event_parties, "actor", "actor")),
        "scope": scope_score(claims),
    }


def report(result: dict[str, Any]) -> str:
    """The scores table and the error-sources table, as Markdown."""
    (nf, ne), (cf, ce) = result["n_gold"], result["compression"]
    pf, pe = result["party"]
    dev = result.get("split") == "dev"
    scores = table([("claims: toolkit", result["claims"], nf, cf, pf),
                    ("claims: rule on gold fields", result["claims_rule"], nf, "–", "–"),
                    ("claims: rule on gold fields, by party", result["claims_rule_party"], nf, "–", "–"),
                    ("timeline: toolkit", result["timeline"], ne, ce, pe),
                    ("timeline: rule on gold fields", result["timeline_rule"], ne, "–", "–")],
                   corpus="the real dev set" if dev else "the sample corpus",
                   scopes=[result["scope"], "–", "–", "–", "–"] if dev else None)
    sources = sources_table([
        ("claims: missed", result["claims"].missed, claim_split_reasons),
        ("claims: wrong", result["claims"].wrong, claim_join_reasons),
        ("claims, rule on gold: missed", result["claims_rule"].missed, claim_split_reasons),
        ("claims, rule on gold: wrong", result["claims_rule"].wrong, claim_join_reasons),
        ("claims, rule on gold by party: wrong", result["claims_rule_party"].wrong, claim_join_reasons),
        ("timeline: missed", result["timeline"].missed, event_split_reasons),
        ("timeline: wrong", result["timeline"].wrong, event_join_reasons),
        ("timeline, rule on gold: missed", result["timeline_rule"].missed, event_split_reasons),
        ("timeline, rule on gold: wrong", result["timeline_rule"].wrong, event_join_reasons)])
    return scores + "\n\n" + sources


def dev_party_misses(result: dict[str, Any]) -> list[str]:
    """Every matched figure whose party or scope is not the gold's, and every matched event
    whose party is not (the dev gold gives both per entry)."""
    out = []
    for item in result["claims"].items:
        p, g = item.pred, item.gold
        if (getattr(p, "party", None) or None) != (g.get("party") or None):
            out.append(f"party  {item.where}: claimant {p.claimant!r} -> {p.party!r}; gold {g.get('claimant')!r} "
                       f"-> {g.get('party')!r}")
        if "scope" in g and (getattr(p, "scope", None) or None) != (g.get("scope") or None):
            out.append(f"scope  {item.where}: {p.scope!r}, gold {g.get('scope')!r} ({p.category})")
    for item in result["timeline"].items:
        p, g = item.pred, item.gold
        if (getattr(p, "party", None) or None) != (g.get("party") or None):
            out.append(f"event  {item.where}: actor {p.actor!r} -> {p.party!r}; gold {g.get('actor')!r} "
                       f"-> {g.get('party')!r}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score the claims and timeline grouping against gold.")
    parser.add_argument("--split", choices=("sample", "dev"), default="sample",
                        help="the sample corpus (data/articles, default) or the real development set "
                             "(benchmarks/real, its texts needed); heldout and fresh have no claims annotation")
    parser.add_argument("--parties", type=Path, default=REAL_PARTIES,
                        help="with --split dev: the extra parties file the toolkit reads (default: %(default)s)")
    parser.add_argument("--misses", action="store_true", help="list every wrong and missed link")
    parser.add_argument("--party-misses", action="store_true", help="list every matched row whose party is wrong")
    parser.add_argument("--write-docs", action="store_true", help=f"write the tables into {DOCS.relative_to(REPO)}")
    args = parser.parse_args(argv)
    if args.split == "dev" and (not eval_real.TEXTS.is_dir() or not any(eval_real.TEXTS.glob("*.txt"))):
        print(f"no texts in {eval_real._shown(eval_real.TEXTS)}: nothing to score (collect them as "
              f"benchmarks/real/README.md says)")
        return 0
    result = evaluate(args.split, parties=args.parties) if args.split == "dev" else evaluate()
    for problem in result["problems"]:
        print(f"gold problem: {problem}", file=sys.stderr)
    if "claims" not in result:
        return 1
    out = report(result)
    print(out)
    if args.misses:
        for name, split, join, describe, gold_of in (
                ("claims", claim_split_reasons, claim_join_reasons, _describe_figure, _gold_figure),
                ("timeline", event_split_reasons, event_join_reasons, _describe_event, _gold_event)):
            print(f"\n## {name}: toolkit\n")
            print("\n".join(misses(result[name], split, join, describe, gold_of)))
            print(f"\n## {name}: rule on gold fields\n")
            print("\n".join(misses(result[f"{name}_rule"], split, join, describe, gold_of)))
        if args.split == "dev":
            print("\n## party and scope misses\n")
            print("\n".join(dev_party_misses(result)))
    if args.party_misses:
        for name, wrong in zip(("claims", "timeline"), result["party_misses"]):
            print(f"\n## {name}: party wrong ({len(wrong)})\n")
            print("\n".join(wrong))
    if args.write_docs:
        write_docs(out, args.split)
    return 1 if result["problems"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
