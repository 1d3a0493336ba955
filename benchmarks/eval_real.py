"""Score figures, dates and events on the development set of real articles (issue 13).

Gold: ``benchmarks/real/annotations.jsonl`` (one text per line; format and guidelines in
``benchmarks/real/README.md``). Texts: ``benchmarks/real/texts/<id>.txt``, third-party and
git-ignored; when they are absent this script says how to collect them and exits 0.

Each text is read as an analyst would pass it: ``toolkit.parse_text(text, published=...)``,
and the gold phrases are located in the clean text by their occurrence number. The measures
are the other benchmarks':
- figures as ``eval_figures.py``: detection P/R/F1 (a prediction overlapping its gold phrase,
  one to one), and over the matches the accuracy of value, bounds, qualifier, increment, unit,
  category, subject, claimant, hedge and as_of;
- dates as ``timeml_bench.py``: strict and relaxed P/R/F1, value and type accuracy;
- events as ``eval_events.py``: detection P/R/F1 (largest overlap, one to one), accuracy of
  date, actor, kind and planned over the matches, and issue 13's measure: the share of gold
  events found with actor, kind and date all right.
Names (claimants, actors) are compared as sets of words, without case, articles or possessives.

Usage (from the repository root)::

    .venv/bin/python benchmarks/eval_real.py [--split dev|heldout|fresh|all] [--misses] [--write-docs]
    .venv/bin/python benchmarks/eval_real.py --check        # texts present, fingerprints, phrases
    .venv/bin/python benchmarks/eval_real.py --clean ID     # the clean text annotations refer to
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import eval_events  # noqa: E402
import eval_figures  # noqa: E402
import timeml_bench  # noqa: E402

import toolkit as tk  # noqa: E402

ROOT = REPO / "benchmarks" / "real"
GOLD = ROOT / "annotations.jsonl"
TEXTS = ROOT / "texts"
DOCS = REPO / "docs" / "real.md"
TABLE_START = "<!-- real-eval:start -->"
TABLE_END = "<!-- real-eval:end -->"
COMMAND = ".venv/bin/python benchmarks/eval_real.py --write-docs"
# The splits of annotations.jsonl: `dev` to develop on; `heldout` and `fresh` scored only (no
# misses printed), `fresh` being the texts annotated after the rules were tuned (README).
SPLITS = ("dev", "heldout", "fresh")


@dataclass
class Text:
    """One annotated text, read through the toolkit."""

    entry: dict[str, Any]
    clean: str
    figures: list[Any]
    dates: list[Any]
    events: list[Any]

    @property
    def id(self) -> str:
        return str(self.entry["id"])


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    """The annotation lines, in file order."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise SystemExit(f"{path}:{n}: not JSON: {exc}") from None
    return out


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _published(entry: dict[str, Any]) -> dt.date | None:
    value = entry.get("published")
    return dt.date.fromisoformat(value) if value else None


def read_text(entry: dict[str, Any]) -> Text:
    """Run the toolkit on one text as an analyst would: parse_text with its published day."""
    raw = (TEXTS / f"{entry['id']}.txt").read_text(encoding="utf-8")
    corpus = tk.parse_text(raw, article_id=str(entry["id"]), published=_published(entry),
                           outlet=entry.get("outlet"))
    art = corpus.articles.iloc[0]
    rows = {name: list(corpus.tables[name].itertuples()) for name in ("figures", "dates", "events")}
    return Text(entry, art["text"] if isinstance(art["text"], str) else "", rows["figures"],
                rows["dates"], rows["events"])


def locate(text: str, phrase: str, occurrence: int) -> tuple[int, int] | None:
    """The span of the ``occurrence``-th whole-word occurrence of ``phrase`` in ``text``."""
    spans = eval_figures.occurrences(text, phrase)
    return spans[occurrence - 1] if 0 < occurrence <= len(spans) else None


_NAME_FILLER = frozenset("the a an of in for 's".split())


def name(value: Any) -> str | None:
    """A claimant's or actor's name as compared: its words, without case, order, possessives or
    articles ("The health ministry in Gaza" = "Gaza's health ministry" = "Gaza health ministry"),
    since a name outside the lexicon is given as the text words it, and texts word it in turn."""
    value = eval_figures._na(value)
    if value is None:
        return None
    words = re.findall(r"[\w.-]+|'s", str(value).replace("’", "'").lower())
    kept = sorted({w.removesuffix("'s") for w in words} - _NAME_FILLER - {""})
    return " ".join(kept) or None


# -- figures ------------------------------------------------------------------------------------


class _FigureView:
    """A predicted figure row seen as the Figure record eval_figures.compare reads."""

    def __init__(self, row: Any) -> None:
        self._row = row

    def __getattr__(self, key: str) -> Any:
        value = getattr(self._row, key)
        if key == "as_of":
            return value.date() if hasattr(value, "date") and not eval_figures._isna(value) else None
        return None if eval_figures._isna(value) else value


def score_figures(texts: list[Text], score: eval_figures.Score, misses: list[str]) -> None:
    for t in texts:
        golds = [(locate(t.clean, g["text"], int(g.get("occurrence", 1))), g) for g in t.entry.get("figures", [])]
        golds = [(span, g) for span, g in golds if span is not None]
        used: set[int] = set()
        for row in t.figures:
            fig = _FigureView(row)
            hit = next((i for i, (span, _) in enumerate(golds)
                        if i not in used and int(row.start) < span[1] and span[0] < int(row.end)), None)
            if hit is None:
                score.fp += 1
                misses.append(f"FP  {t.id}: {row.text!r} ({row.category})")
                continue
            used.add(hit)
            score.tp += 1
            gold = dict(golds[hit][1])
            result = eval_figures.compare(fig, gold)
            result["claimant"] = name(fig.claimant) == name(gold.get("claimant"))
            result["subject"] = name(fig.subject) == name(gold.get("subject"))
            for key, ok in result.items():
                score.right[key] += int(ok)
                if not ok:
                    misses.append(f"{key:9} {t.id}: {row.text!r}: got {eval_figures._describe(fig, key)!r}, "
                                  f"gold {gold.get(key) if key != 'bounds' else (gold.get('low'), gold.get('high'))!r}")
        for i, (_, g) in enumerate(golds):
            if i not in used:
                score.fn += 1
                misses.append(f"FN  {t.id}: {g['text']!r} ({g.get('category')})")


# -- dates --------------------------------------------------------------------------------------


def score_dates(texts: list[Text], score: timeml_bench.Score, misses: list[str]) -> None:
    for t in texts:
        gold = []
        for g in t.entry.get("dates", []):
            span = locate(t.clean, g["text"], int(g.get("occurrence", 1)))
            if span is not None:
                gold.append(timeml_bench.Span(span[0], span[1], g["text"], g.get("type", "DATE"),
                                              str(g["value"]), g.get("mod")))
        pred = [timeml_bench.Span(int(r.start), int(r.end), r.text, r.type, r.value,
                                  None if eval_figures._isna(r.mod) else r.mod) for r in t.dates]
        doc = timeml_bench.Doc(t.id, t.clean, _published(t.entry) or dt.date(1, 1, 1), gold)
        timeml_bench.score_doc(score, doc, pred, misses)


# -- events -------------------------------------------------------------------------------------


def event_key(g: dict[str, Any]) -> tuple[Any, ...]:
    """What makes two gold mentions one event of the article: the contract's events table has
    one row per event, its other mentions counted in ``mentions``."""
    return (g.get("kind"), name(g.get("actor")), g.get("date"), bool(g.get("planned")))


def score_events(texts: list[Text], stats: dict[str, int], misses: list[str]) -> None:
    """Gold mentions of one event (same kind, actor, date and plan) are one gold event; a row
    matches it when its clause overlaps any of the mentions."""
    for t in texts:
        groups: dict[tuple[Any, ...], list[tuple[tuple[int, int], dict[str, Any]]]] = {}
        for g in t.entry.get("events", []):
            span = locate(t.clean, g["text"], int(g.get("occurrence", 1)))
            if span is None:
                stats["gold_unlocated"] += 1
            else:
                groups.setdefault(event_key(g), []).append((span, g))
                stats["gold_mentions"] += 1
        golds = list(groups.values())
        pairs = sorted(((max(min(s[1], int(p.end)) - max(s[0], int(p.start)) for s, _ in mentions), gi, pi)
                        for gi, mentions in enumerate(golds) for pi, p in enumerate(t.events)
                        if any(min(s[1], int(p.end)) > max(s[0], int(p.start)) for s, _ in mentions)),
                       reverse=True)
        used_g: set[int] = set()
        used_p: set[int] = set()
        for _, gi, pi in pairs:
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            g, p = golds[gi][0][1], t.events[pi]
            checks = {"date": eval_events.date_ok(g.get("date"), p),
                      "actor": name(eval_events._value(p.actor)) == name(g.get("actor")),
                      "kind": p.kind == g.get("kind"),
                      "planned": bool(eval_events._value(p.planned)) == bool(g.get("planned"))}
            stats["match"] += 1
            for key, ok in checks.items():
                stats[key] += ok
            stats["all_three"] += checks["date"] and checks["actor"] and checks["kind"]
            if not (checks["date"] and checks["actor"] and checks["kind"]):
                misses.append(f"{t.id}: {g['text'][:70]!r} gold=({g.get('kind')}, {g.get('actor')}, {g.get('date')}) "
                              f"pred=({p.kind}, {eval_events._value(p.actor)}, {eval_events._value(p.date_value)})")
        stats["gold"] += len(golds)
        stats["pred"] += len(t.events)
        misses += [f"{t.id}: MISSED {mentions[0][1]['text'][:80]!r} ({mentions[0][1].get('kind')}, "
                   f"{mentions[0][1].get('actor')}, {mentions[0][1].get('date')})"
                   + (f" [+{len(mentions) - 1} mentions]" if len(mentions) > 1 else "")
                   for gi, mentions in enumerate(golds) if gi not in used_g]
        misses += [f"{t.id}: EXTRA {p.text[:80]!r} ({p.kind}, {eval_events._value(p.actor)})"
                   for pi, p in enumerate(t.events) if pi not in used_p]


# -- reporting ----------------------------------------------------------------------------------


@dataclass
class Result:
    n_texts: int
    n_stories: int
    figures: eval_figures.Score = field(default_factory=eval_figures.Score)
    dates: timeml_bench.Score = field(default_factory=timeml_bench.Score)
    events: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    misses: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def evaluate(entries: list[dict[str, Any]]) -> Result:
    texts = [read_text(e) for e in entries]
    result = Result(len(texts), len({e.get("story") for e in entries}))
    score_figures(texts, result.figures, result.misses["figures"])
    score_dates(texts, result.dates, result.misses["dates"])
    score_events(texts, result.events, result.misses["events"])
    return result


def _rows(r: Result) -> dict[str, str]:
    """One column of the table: measure -> cell."""
    f, d, e = r.figures, r.dates, r.events
    rows = {"texts (stories)": f"{r.n_texts} ({r.n_stories})" if r.n_stories else str(r.n_texts)}
    if f.tp + f.fp + f.fn:
        fp, frc, ff = f.prf()
        rows["figures: gold / found"] = f"{f.tp + f.fn} / {f.tp + f.fp}"
        rows["figures: detection P / R / F1"] = f"{fp:.2f} / {frc:.2f} / {ff:.2f}"
        rows.update({f"figures: {k} right (of matches)": f"{f.right[k] / f.tp:.0%}" if f.tp else "–"
                     for k in eval_figures.FIELDS})
    if d.n_gold + d.n_pred:
        sp, sr, sf = d.prf(d.strict)
        rp, rr, rf = d.prf(d.relaxed)
        rows["dates: gold / found"] = f"{d.n_gold} / {d.n_pred}"
        rows["dates: strict P / R / F1"] = f"{sp:.2f} / {sr:.2f} / {sf:.2f}"
        rows["dates: relaxed P / R / F1"] = f"{rp:.2f} / {rr:.2f} / {rf:.2f}"
        rows["dates: value / type right (of matches)"] = f"{d.value_acc:.0%} / {d.type_acc:.0%}"
    if e["gold"] + e["pred"]:
        ep, er = eval_events._ratio(e["match"], e["pred"]), eval_events._ratio(e["match"], e["gold"])
        ef = 2 * ep * er / (ep + er) if ep + er else 0.0
        rows["events: gold / found"] = f"{e['gold']} / {e['pred']}"
        if e.get("gold_mentions", e["gold"]) != e["gold"]:
            rows["events: gold / found"] = f"{e['gold']} ({e['gold_mentions']} mentions) / {e['pred']}"
        rows["events: detection P / R / F1"] = f"{ep:.2f} / {er:.2f} / {ef:.2f}"
        rows.update({f"events: {k} right (of matches)": f"{eval_events._ratio(e[k], e['match']):.0%}"
                     for k in ("date", "actor", "kind", "planned")})
        rows["events: found with actor, kind and date right (of gold)"] = \
            f"{eval_events._ratio(e['all_three'], e['gold']):.0%}"
    return rows


def table(results: dict[str, Result]) -> str:
    """A markdown table, one column per result (e.g. the sample corpus and the real set)."""
    columns = {label: _rows(r) for label, r in results.items()}
    measures = list(dict.fromkeys(m for rows in columns.values() for m in rows))
    lines = ["| measure | " + " | ".join(columns) + " |", "|---|" + "---|" * len(columns)]
    lines += [f"| {m} | " + " | ".join(rows.get(m, "–") for rows in columns.values()) + " |" for m in measures]
    return "\n".join(lines)


def sample_result() -> Result:
    """The same measures on the corpus we wrote (data/articles, its gold in benchmarks/gold/):
    figures as eval_figures.py scores them, events with this script's matching (so that the
    all-three measure is there too); dates have no gold there (TimeML is their benchmark)."""
    import yaml

    articles = eval_figures.load_articles()
    gold = yaml.safe_load(eval_figures.GOLD.read_text(encoding="utf-8")) or []
    scores, _ = eval_figures.evaluate(gold, articles)
    result = Result(len({g["article_id"] for g in gold}), 0, figures=scores["all"])
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for g in eval_events.load_gold(eval_events.GOLD):
        by_article[str(g["article_id"])].append(g)
    texts, preds = eval_events.predicted(set(by_article))
    sample = [Text({"id": aid, "events": events}, texts.get(aid, ""), [], [], preds.get(aid, []))
              for aid, events in sorted(by_article.items())]
    score_events(sample, result.events, [])
    return result


def check(entries: list[dict[str, Any]]) -> list[str]:
    """Problems with the texts and the annotations, one line each (empty: all is well)."""
    problems = []
    ids = [str(e.get("id")) for e in entries]
    problems += [f"id {i!r} is used twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    for e in entries:
        for key in ("id", "story", "split", "url", "query", "sha256"):
            if not e.get(key):
                problems.append(f"{e.get('id')}: no {key!r}")
        if e.get("split") and e.get("split") not in SPLITS:
            problems.append(f"{e.get('id')}: split {e.get('split')!r} is not one of {', '.join(SPLITS)}")
        path = TEXTS / f"{e.get('id')}.txt"
        if not path.is_file():
            problems.append(f"{e.get('id')}: {_shown(path)} is missing")
            continue
        if fingerprint(path.read_bytes()) != e.get("sha256"):
            problems.append(f"{e.get('id')}: the text differs from the one annotated (sha256)")
        clean = read_text(e).clean
        for table_name in ("figures", "dates", "events"):
            for g in e.get(table_name, []):
                if locate(clean, str(g.get("text", "")), int(g.get("occurrence", 1))) is None:
                    problems.append(f"{e['id']}: {table_name} phrase {g.get('text')!r} (occurrence "
                                    f"{g.get('occurrence', 1)}) is not in the clean text")
    return problems


def _shown(path: Path) -> str:
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


def write_docs(markdown: str) -> None:
    block = f"{TABLE_START}\n{markdown}\n\nReproduce with `{COMMAND}` (it needs the texts: see " \
            f"benchmarks/real/README.md).\n{TABLE_END}"
    doc = DOCS.read_text(encoding="utf-8")
    head, rest = doc.split(TABLE_START, 1)
    DOCS.write_text(head + block + rest.split(TABLE_END, 1)[1], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD, help="annotation file (default: %(default)s)")
    parser.add_argument("--split", choices=SPLITS + ("all",), default="dev")
    parser.add_argument("--misses", action="store_true", help="print every miss (dev only: never for held-out or fresh texts)")
    parser.add_argument("--check", action="store_true", help="check texts and annotations, score nothing")
    parser.add_argument("--clean", metavar="ID", help="print the clean text of one annotated text")
    parser.add_argument("--write-docs", action="store_true", help=f"write the table into {DOCS.relative_to(REPO)}")
    args = parser.parse_args(argv)
    entries = load_gold(args.gold)
    if args.clean:
        entry = next((e for e in entries if e.get("id") == args.clean), {"id": args.clean})
        print(read_text(entry).clean)
        return 0
    if not TEXTS.is_dir() or not any(TEXTS.glob("*.txt")):
        print(f"no texts in {_shown(TEXTS)}: nothing to score (collect them as "
              f"benchmarks/real/README.md says)")
        return 0
    if args.check:
        problems = check(entries)
        print("\n".join(problems) if problems else f"{len(entries)} texts, all present and located")
        return 1 if problems else 0
    chosen = [e for e in entries if args.split == "all" or e.get("split") == args.split]
    present = [e for e in chosen if (TEXTS / f"{e['id']}.txt").is_file()]
    if len(present) < len(chosen):
        print(f"{len(chosen) - len(present)} of {len(chosen)} texts are missing; scoring the others")
    result = evaluate(present)
    results = {f"real, {args.split}": result}
    if args.split == "dev":
        results = {"our corpus": sample_result(), **results}
    markdown = table(results)
    print(markdown)
    if args.misses and args.split == "dev":
        for group, lines in result.misses.items():
            print(f"\n## {group}\n" + "\n".join(lines))
    if args.write_docs and args.split == "dev":
        write_docs(markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
