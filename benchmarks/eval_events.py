"""Score :func:`toolkit.extract.events.find_events` against the gold events of the sample corpus.

Gold: ``benchmarks/gold/events.yaml``, a list of entries with ``article_id``, ``text`` (the
clause or phrase, an exact substring of the article's body), ``date`` (ISO day, ``YYYY-MM``,
``YYYY`` or null), ``actor`` (canonical), ``kind`` and ``planned``. Articles are read with
``toolkit.load`` from ``data/articles``; the seed articles in ``../shared/seeds`` (ids = file
stems) are read with ``published`` 2025-04-28 when gold names them.

Matching: a predicted event matches a gold one of the same article when their spans overlap
(gold span = the first occurrence of its text in the body); pairs are taken greedily by the
largest overlap, one to one (a tie of overlaps goes to the prediction of the gold's kind, then
actor: two events of one clause share its span). Detection precision, recall and F1 count matches; over matches,
accuracy of date (equal at the gold's granularity: a gold "2024-10" needs a predicted date in
October 2024 stated to at least month precision; a null gold needs NaT), actor, kind and planned.

Usage (from the repository root)::

    .venv/bin/python benchmarks/eval_events.py [--gold PATH] [--misses N] [--write-docs]
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections import defaultdict
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from toolkit import load  # noqa: E402
from toolkit.read.clean import clean_text, split_sentences  # noqa: E402
from toolkit.extract.events import find_events  # noqa: E402

GOLD = REPO / "benchmarks" / "gold" / "events.yaml"
ARTICLES = REPO / "data" / "articles"
SEEDS = REPO.parent / "shared" / "seeds"
SEED_PUBLISHED = dt.date(2025, 4, 28)
DOCS = REPO / "docs" / "events.md"
TABLE_START = "<!-- benchmark-table:start -->"
TABLE_END = "<!-- benchmark-table:end -->"
COMMAND = ".venv/bin/python benchmarks/eval_events.py --write-docs"
_ISO = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_FINENESS = {"day": 3, "week": 3, "month": 2, "quarter": 1, "season": 1, "year": 1, "decade": 0, "none": 0}


def load_gold(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if isinstance(data, dict):  # {events: [...]} is accepted too
        data = data.get("events") or []
    return [dict(e) for e in data]


def predicted(article_ids: set[str]) -> tuple[dict[str, str], dict[str, list]]:
    """Body text and predicted events per article id (sample corpus + seeds)."""
    texts: dict[str, str] = {}
    events: dict[str, list] = defaultdict(list)
    corpus = load([ARTICLES])
    for row in corpus.articles.itertuples():
        if row.article_id in article_ids or not article_ids:
            texts[row.article_id] = row.text if isinstance(row.text, str) else ""
    for row in corpus.events.itertuples():
        if row.article_id in texts:
            events[row.article_id].append(row)
    if SEEDS.is_dir():
        for path in sorted(SEEDS.glob("*.txt")):
            if path.stem not in article_ids:
                continue
            text = clean_text(path.read_text(encoding="utf-8"))
            texts[path.stem] = text
            events[path.stem] = list(find_events(text, published=SEED_PUBLISHED, sentences=split_sentences(text)))
    return texts, events


def _value(x: object) -> object:
    if x is None:
        return None
    try:
        import pandas as pd

        if pd.isna(x):
            return None
        if isinstance(x, pd.Timestamp):
            return x.date()
    except (TypeError, ValueError):
        pass
    return x


def date_ok(gold: object, pred: object) -> bool:
    """Equal at the gold's granularity."""
    day = _value(getattr(pred, "date", None))
    gran = _value(getattr(pred, "granularity", None)) or "none"
    if gold is None:
        return day is None
    gold = str(gold)
    if day is None or not _ISO.match(gold):
        return False
    parts = gold.count("-") + 1  # 1 year, 2 month, 3 day
    if _FINENESS.get(gran, 0) < parts:
        return False
    return day.isoformat()[: len(gold)] == gold


def locate(text: str, gold: list[dict]) -> list[tuple[int, int, dict]]:
    """Each gold event's span in ``text`` (the first occurrence of its text); unlocated ones left out."""
    out = []
    for g in gold:
        start = text.find(g["text"])
        if start >= 0:
            out.append((start, start + len(g["text"]), g))
    return out


def match_events(golds: list[tuple[int, int, dict]], plist: list) -> list[tuple[int, int]]:
    """(gold index, prediction index) pairs of one article: greedily by the largest overlap of
    spans, one to one (``golds`` as :func:`locate` gives them; predictions have start and end).

    Two events of one clause often share its span (a statement and the deployment it reports):
    their overlaps with a gold event inside it are equal, and the span cannot tell which is which.
    Such a tie goes to the prediction of the gold's kind, then of its actor, and only then to
    position (before, the later prediction took it, which crossed a statement with what it
    reports)."""
    pairs = []
    for gi, (gs, ge, g) in enumerate(golds):
        for pi, p in enumerate(plist):
            overlap = min(ge, int(p.end)) - max(gs, int(p.start))
            if overlap > 0:
                same = (getattr(p, "kind", None) == g.get("kind"),
                        (_value(getattr(p, "actor", None)) or None) == (g.get("actor") or None))
                pairs.append((overlap, same, gi, pi))
    used_g, used_p, out = set(), set(), []
    for _, _, gi, pi in sorted(pairs, reverse=True):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


def evaluate(gold: list[dict], texts: dict[str, str], preds: dict[str, list]) -> dict:
    stats = defaultdict(int)
    misses: list[str] = []
    spurious: list[str] = []
    by_article: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        by_article[g["article_id"]].append(g)
    for aid in sorted(set(by_article) | {a for a in preds if a in by_article}):
        text = texts.get(aid, "")
        golds = locate(text, by_article[aid])
        stats["gold_unlocated"] += len(by_article[aid]) - len(golds)
        plist = preds.get(aid, [])
        used_g, used_p = set(), set()
        for gi, pi in match_events(golds, plist):
            used_g.add(gi)
            used_p.add(pi)
            g, p = golds[gi][2], plist[pi]
            stats["match"] += 1
            stats["date"] += date_ok(g.get("date"), p)
            stats["actor"] += (_value(p.actor) or None) == (g.get("actor") or None)
            stats["kind"] += p.kind == g.get("kind")
            stats["planned"] += bool(_value(p.planned)) == bool(g.get("planned"))
            if not date_ok(g.get("date"), p) or (_value(p.actor) or None) != (g.get("actor") or None) or p.kind != g.get("kind"):
                misses.append(f"{aid}: {g['text'][:70]!r} gold=({g.get('kind')}, {g.get('actor')}, {g.get('date')}) "
                              f"pred=({p.kind}, {_value(p.actor)}, {_value(p.date_value)})")
        stats["gold"] += len(golds)
        stats["pred"] += len(plist)
        for gi, (_, _, g) in enumerate(golds):
            if gi not in used_g:
                misses.append(f"{aid}: MISSED {g['text'][:80]!r} ({g.get('kind')}, {g.get('actor')}, {g.get('date')})")
        for pi, p in enumerate(plist):
            if pi not in used_p:
                spurious.append(f"{aid}: EXTRA {p.text[:80]!r} ({p.kind}, {_value(p.actor)}, {_value(p.date_value)})")
    return {"stats": dict(stats), "misses": misses, "spurious": spurious}


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def table(result: dict, n_articles: int) -> str:
    s = result["stats"]
    m = s.get("match", 0)
    p = _ratio(m, s.get("pred", 0))
    r = _ratio(m, s.get("gold", 0))
    f = 2 * p * r / (p + r) if p + r else 0.0
    rows = [
        "| measure | value |",
        "|---|---|",
        f"| articles with gold events | {n_articles} |",
        f"| gold events (located) / predicted | {s.get('gold', 0)} / {s.get('pred', 0)} |",
        f"| detection precision | {p:.2f} |",
        f"| detection recall | {r:.2f} |",
        f"| detection F1 | {f:.2f} |",
        f"| date accuracy (over {m} matches) | {_ratio(s.get('date', 0), m):.2f} |",
        f"| actor accuracy | {_ratio(s.get('actor', 0), m):.2f} |",
        f"| kind accuracy | {_ratio(s.get('kind', 0), m):.2f} |",
        f"| planned accuracy | {_ratio(s.get('planned', 0), m):.2f} |",
    ]
    if s.get("gold_unlocated"):
        rows.append(f"| gold texts not found in their article | {s['gold_unlocated']} |")
    return "\n".join(rows)


def write_docs(markdown: str) -> None:
    block = f"{TABLE_START}\n{markdown}\n\nCommand: `{COMMAND}`\n{TABLE_END}"
    if DOCS.is_file():
        doc = DOCS.read_text(encoding="utf-8")
        if TABLE_START in doc and TABLE_END in doc:
            head, rest = doc.split(TABLE_START, 1)
            tail = rest.split(TABLE_END, 1)[1]
            DOCS.write_text(head + block + tail, encoding="utf-8")
            return
        DOCS.write_text(doc.rstrip() + "\n\n## How well\n\n" + block + "\n", encoding="utf-8")
        return
    DOCS.write_text("# Events\n\n## How well\n\n" + block + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD, help="gold events file (default: %(default)s)")
    parser.add_argument("--misses", type=int, default=0, help="print up to N misses and extra events")
    parser.add_argument("--write-docs", action="store_true", help="write the table into docs/events.md")
    args = parser.parse_args(argv)
    gold = load_gold(args.gold)
    if not gold:
        print(f"no gold events in {args.gold}; nothing to score", file=sys.stderr)
        return 0
    ids = {g["article_id"] for g in gold}
    texts, preds = predicted(ids)
    result = evaluate(gold, texts, {k: v for k, v in preds.items() if k in ids})
    markdown = table(result, len(ids))
    print(markdown)
    if args.misses:
        print()
        for line in (result["misses"] + result["spurious"])[: args.misses]:
            print(line)
    if args.write_docs:
        write_docs(markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
