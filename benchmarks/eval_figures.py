"""Score :func:`toolkit.extract.figures.find_figures` against the hand-written gold figures.

Gold: ``benchmarks/gold/figures.yaml``, a list of entries with ``article_id``, ``text`` (the
quantity phrase as it stands in the body), ``value``, ``low``, ``high``, ``qualifier``,
``increment``, ``unit``, ``category``, ``subject``, ``claimant``, ``hedge`` and ``as_of`` (an ISO
day, ``YYYY-MM`` or ``YYYY``). Articles: the sample corpus ``data/articles`` read with
``toolkit.load``, plus the seeds ``../shared/seeds/*.txt`` (article id = file stem, published
2025-04-28) when they are there.

Matching: each gold ``text`` is located in its article's clean text as whole words; a predicted
figure matches a gold entry when its span overlaps one of that text's occurrences not yet taken
by another match, one to one, in text order (so a short gold text such as "two" that also
occurs in "two days" is matched where the figure is). Reported: detection precision, recall
and F1, and over the matches the accuracy of value, bounds (low and high both equal; NaN equals
NaN), qualifier, increment, unit, category, subject, claimant, hedge and as_of (equal at the
gold's granularity).

Usage (from the repository root)::

    .venv/bin/python benchmarks/eval_figures.py [--gold FILE] [--misses] [--write-docs]
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from toolkit.extract.figures import find_figures  # noqa: E402
from toolkit.records import Figure  # noqa: E402

GOLD = REPO / "benchmarks" / "gold" / "figures.yaml"
ARTICLES = REPO / "data" / "articles"
SEEDS = REPO.parent / "shared" / "seeds"
SEED_PUBLISHED = dt.date(2025, 4, 28)
DOCS = REPO / "docs" / "figures.md"
TABLE_START = "<!-- figures-eval:start -->"
TABLE_END = "<!-- figures-eval:end -->"
COMMAND = ".venv/bin/python benchmarks/eval_figures.py --write-docs"
FIELDS = ["value", "bounds", "qualifier", "increment", "unit", "category", "subject", "claimant", "hedge", "as_of"]


@dataclass
class Article:
    article_id: str
    text: str
    published: dt.date | None
    group: str  # "sample" or "seeds"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    right: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    misses: list[str] = field(default_factory=list)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def load_articles() -> list[Article]:
    """The sample corpus (through ``toolkit.load``) and the seeds."""
    out: list[Article] = []
    import toolkit as tk

    if ARTICLES.exists():
        frame = tk.load(ARTICLES).articles
        for row in frame.itertuples():
            pub = row.published
            pub = pub.date() if hasattr(pub, "date") and not _isna(pub) else None
            out.append(Article(row.article_id, row.text if isinstance(row.text, str) else "", pub, "sample"))
    if SEEDS.exists():
        paths = sorted(SEEDS.glob("*.txt"))
        if paths:
            frame = tk.load(paths, published=SEED_PUBLISHED.isoformat()).articles
            for row in frame.itertuples():
                out.append(Article(Path(row.path).stem, row.text, SEED_PUBLISHED, "seeds"))
    return out


def _isna(v: Any) -> bool:
    try:
        return v is None or (isinstance(v, float) and math.isnan(v)) or str(v) in ("NaT", "nan", "<NA>")
    except TypeError:
        return False


def predict(article: Article) -> tuple[list[Figure], str | None]:
    """Run find_figures; if the dates extractor fails, score figures without dates and say so."""
    try:
        return find_figures(article.text, published=article.published), None
    except Exception as exc:  # the dates module is someone else's and may be mid-change
        return find_figures(article.text, published=article.published, dates=[]), f"{type(exc).__name__}: {exc}"


def occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    """Every place ``phrase`` stands in ``text`` as whole words."""
    pattern = (r"(?<!\w)" if phrase[:1].isalnum() else "") + re.escape(phrase) + (r"(?!\w)" if phrase[-1:].isalnum() else "")
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def _num(v: Any) -> float:
    if v is None or (isinstance(v, str) and v.strip().upper() in ("NA", "NAN", "")):
        return math.nan
    return float(v)


def _same_num(a: Any, b: Any) -> bool:
    x, y = _num(a), _num(b)
    if math.isnan(x) or math.isnan(y):
        return math.isnan(x) and math.isnan(y)
    return abs(x - y) <= 1e-6 * max(1.0, abs(y))


def _na(v: Any) -> Any:
    return None if v is None or (isinstance(v, str) and v.strip().upper() in ("NA", "")) or _isna(v) else v


def compare(fig: Figure, gold: dict[str, Any]) -> dict[str, bool]:
    """Which fields of a matched prediction agree with the gold entry."""
    as_of_gold = _na(gold.get("as_of"))
    as_of_gold = str(as_of_gold) if as_of_gold is not None else None
    as_of_pred = fig.as_of.isoformat() if fig.as_of else None
    return {
        "value": _same_num(fig.value, gold.get("value")),
        "bounds": _same_num(fig.low, gold.get("low")) and _same_num(fig.high, gold.get("high")),
        "qualifier": fig.qualifier == gold.get("qualifier"),
        "increment": bool(fig.increment) == bool(gold.get("increment", False)),
        "unit": _na(fig.unit) == _na(gold.get("unit")),
        "category": fig.category == gold.get("category"),
        "subject": _na(fig.subject) == _na(gold.get("subject")),
        "claimant": _na(fig.claimant) == _na(gold.get("claimant")),
        "hedge": _na(fig.hedge) == _na(gold.get("hedge")),
        "as_of": (as_of_gold is None and as_of_pred is None)
        or (as_of_gold is not None and as_of_pred is not None and as_of_pred.startswith(as_of_gold)),
    }


def match_figures(preds: list[Any], spans: list[list[tuple[int, int]]]) -> list[int | None]:
    """For each prediction (anything with ``start`` and ``end``), in order, the index of the gold
    entry it matches or None: the first gold entry not yet matched with an occurrence (``spans[i]``,
    from :func:`occurrences`) not yet taken that the prediction overlaps, one to one."""
    matched: set[int] = set()
    taken: set[tuple[int, int]] = set()
    out: list[int | None] = []
    for fig in preds:
        hit = None
        for gi, found in enumerate(spans):
            if gi in matched:
                continue
            for span in found:
                if span not in taken and fig.start < span[1] and span[0] < fig.end:
                    hit = gi
                    taken.add(span)
                    break
            if hit is not None:
                break
        if hit is not None:
            matched.add(hit)
        out.append(hit)
    return out


def evaluate(gold: list[dict[str, Any]], articles: list[Article], *, show: bool = False) -> tuple[dict[str, Score], list[str]]:
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for g in gold:
        by_article[str(g["article_id"])].append(g)
    scores = {"sample": Score(), "seeds": Score(), "all": Score()}
    notes: list[str] = []
    known = {a.article_id for a in articles}
    for aid in sorted(set(by_article) - known):
        notes.append(f"gold article {aid} not found among the articles; its {len(by_article[aid])} figures are left out")
    for art in articles:
        entries = by_article.get(art.article_id, [])
        if not entries:
            # an article the gold does not cover is not scored (its figures would all be FPs)
            continue
        preds, err = predict(art)
        if err:
            notes.append(f"{art.article_id}: dates extractor failed ({err}); scored without dates")
        spans = []
        for g in entries:
            found = occurrences(art.text, str(g["text"]))
            if not found:
                notes.append(f"{art.article_id}: gold text {g['text']!r} not in the article text")
            spans.append(found)
        matched_gold: set[int] = set()
        for fig, hit in zip(preds, match_figures(preds, spans)):
            for score in (scores[art.group], scores["all"]):
                if hit is None:
                    score.fp += 1
                else:
                    score.tp += 1
            if hit is None:
                if show:
                    scores["all"].misses.append(f"FP {art.article_id}: {fig.text!r} ({fig.category}, {fig.unit})")
                continue
            matched_gold.add(hit)
            result = compare(fig, entries[hit])
            for name, ok in result.items():
                for score in (scores[art.group], scores["all"]):
                    score.right[name] += int(ok)
                if not ok and show:
                    g = entries[hit]
                    got = _describe(fig, name)
                    want = g.get("as_of") if name == "as_of" else (
                        (g.get("low"), g.get("high")) if name == "bounds" else g.get(name))
                    scores["all"].misses.append(f"{name:9} {art.article_id}: {fig.text!r}: got {got!r}, gold {want!r}")
        for gi, span in enumerate(spans):
            if gi not in matched_gold:
                for score in (scores[art.group], scores["all"]):
                    score.fn += 1
                if show:
                    scores["all"].misses.append(f"FN {art.article_id}: {entries[gi]['text']!r}")
    return scores, notes


def _describe(fig: Figure, name: str) -> Any:
    if name == "bounds":
        return (fig.low, fig.high)
    if name == "as_of":
        return fig.as_of.isoformat() if fig.as_of else None
    return getattr(fig, name)


def table(scores: dict[str, Score]) -> str:
    groups = [g for g in ("sample", "seeds", "all") if scores[g].tp + scores[g].fp + scores[g].fn]
    lines = ["| measure | " + " | ".join(groups) + " |", "|---|" + "---|" * len(groups)]
    counts = [f"{scores[g].tp + scores[g].fn} gold / {scores[g].tp + scores[g].fp} found" for g in groups]
    lines.append("| figures | " + " | ".join(counts) + " |")
    for i, name in enumerate(("precision", "recall", "F1")):
        lines.append(f"| detection {name} | " + " | ".join(f"{scores[g].prf()[i]:.2f}" for g in groups) + " |")
    for name in FIELDS:
        cells = []
        for g in groups:
            s = scores[g]
            cells.append(f"{s.right[name] / s.tp:.0%}" if s.tp else "–")
        lines.append(f"| {name} right (of matches) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_docs(text: str) -> None:
    block = f"{TABLE_START}\n{text}\n\nReproduce with `{COMMAND}` (run from the repository root; " \
            f"it also prints the table).\n{TABLE_END}"
    if DOCS.exists():
        doc = DOCS.read_text(encoding="utf-8")
        if TABLE_START in doc and TABLE_END in doc:
            head, rest = doc.split(TABLE_START, 1)
            _, tail = rest.split(TABLE_END, 1)
            DOCS.write_text(head + block + tail, encoding="utf-8")
            return
        DOCS.write_text(doc.rstrip() + "\n\n## Evaluation\n\n" + block + "\n", encoding="utf-8")
        return
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    DOCS.write_text("# Figures\n\n## Evaluation\n\n" + block + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score find_figures against gold figures.")
    parser.add_argument("--gold", type=Path, default=GOLD, help="gold figures YAML")
    parser.add_argument("--misses", action="store_true", help="list false positives, misses and wrong fields")
    parser.add_argument("--write-docs", action="store_true", help=f"write the table into {DOCS.relative_to(REPO)}")
    args = parser.parse_args(argv)
    gold = yaml.safe_load(args.gold.read_text(encoding="utf-8")) if args.gold.exists() else None
    if isinstance(gold, dict):
        gold = gold.get("figures", [])
    if not gold:
        print(f"no gold figures in {args.gold}", file=sys.stderr)
        return 1
    scores, notes = evaluate(gold, load_articles(), show=args.misses)
    out = table(scores)
    print(out)
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    if args.misses:
        print("\n".join(scores["all"].misses))
    if args.write_docs:
        write_docs(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
