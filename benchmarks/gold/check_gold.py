"""Check the gold annotations against the sample corpus.

The gold files (`figures.yaml`, `events.yaml`) are hand-written; this script keeps them honest:

- every article id in the corpus is unique, and a Markdown file's `id` equals its file stem;
- every `article_id` in the gold files names a corpus article (or a seed article);
- every gold `text` occurs in that article's body text, and says so when it occurs more than
  once (an evaluator matching by text would then be ambiguous);
- every field has an allowed value, ranges are consistent (`low <= value <= high`, a range's
  value is its midpoint) and names are canonical (`data/lexicon/actors.yaml`, or listed in the
  "Names not in actors.yaml" comment block at the end of `figures.yaml`);
- no dated, unplanned event and no figure is later than its article's `published` date.

Body text is read independently of the toolkit, so a reader bug cannot hide a gold error:
`.md` is the text after the front matter, `.html` is the text of the `<p>` elements inside
`<article>`, `.jsonl` is each object's `text`, seeds are the whole `.txt` file.

Usage (from the repository root):

    .venv/bin/python benchmarks/gold/check_gold.py            # check, exit 1 on errors
    .venv/bin/python benchmarks/gold/check_gold.py --dump ID  # print one article's body text
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "data" / "articles"
SEEDS = ROOT.parent / "shared" / "seeds"
GOLD = Path(__file__).resolve().parent
SEED_PUBLISHED = "2025-04-28"

QUALIFIERS = {"exact", "approx", "at_least", "more_than", "at_most", "less_than", "range", "vague"}
CATEGORIES = {"deployed", "killed", "wounded", "casualties", "captured", "money", "materiel", "other"}
HEDGES = {"confirmed", "reported", "estimated", "claimed", "denied", None}
KINDS = {"announcement", "confirmation", "denial", "deployment", "agreement", "capture",
         "casualties", "visit", "attack", "other"}
FIGURE_KEYS = ["article_id", "text", "value", "low", "high", "qualifier", "increment", "unit",
               "category", "subject", "claimant", "hedge", "as_of"]
EVENT_KEYS = ["article_id", "text", "date", "actor", "kind", "planned"]
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class _ArticleParagraphs(HTMLParser):
    """Collect the text of <p> elements inside <article>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.in_p = 0
        self.paragraphs: list[str] = []
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.in_article += 1
        elif tag == "p" and self.in_article:
            self.in_p += 1
            self._buf = []

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1
        elif tag == "p" and self.in_p:
            self.in_p -= 1
            self.paragraphs.append(" ".join("".join(self._buf).split()))

    def handle_data(self, data):
        if self.in_p:
            self._buf.append(data)


def _front_matter(text: str) -> tuple[dict, str]:
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    return yaml.safe_load("\n".join(lines[1:end])) or {}, "\n".join(lines[end + 1:])


def _html_meta(text: str) -> dict:
    meta = {}
    m = re.search(r'property="article:published_time" content="([^"]+)"', text)
    if m:
        meta["published"] = m.group(1)[:10]
    return meta


def load_corpus() -> dict[str, dict]:
    """Map article id -> {'body', 'published', 'path'} for the corpus and the seeds."""
    corpus: dict[str, dict] = {}

    def add(aid: str, body: str, published, path: Path) -> None:
        if aid in corpus:
            raise SystemExit(f"duplicate article id {aid!r}: {corpus[aid]['path']} and {path}")
        corpus[aid] = {"body": body, "published": str(published) if published else None, "path": path}

    for path in sorted(ARTICLES.rglob("*")):
        if path.suffix == ".md":
            meta, body = _front_matter(path.read_text(encoding="utf-8"))
            if meta.get("id") != path.stem:
                raise SystemExit(f"{path}: front-matter id {meta.get('id')!r} is not the file stem")
            add(meta["id"], body, meta.get("published"), path)
        elif path.suffix in {".html", ".htm"}:
            raw = path.read_text(encoding="utf-8")
            parser = _ArticleParagraphs()
            parser.feed(raw)
            add(path.stem, "\n\n".join(parser.paragraphs), _html_meta(raw).get("published"), path)
        elif path.suffix == ".jsonl":
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if line.strip():
                    obj = json.loads(line)
                    add(obj["id"], obj["text"], obj.get("published"), Path(f"{path}:{n}"))
    if SEEDS.is_dir():
        for path in sorted(SEEDS.glob("*.txt")):
            add(path.stem, path.read_text(encoding="utf-8"), SEED_PUBLISHED, path)
    return corpus


def canonical_names() -> set[str]:
    actors = yaml.safe_load((ROOT / "data" / "lexicon" / "actors.yaml").read_text(encoding="utf-8"))
    names = set(actors)
    # Extra names are listed in a comment block at the end of figures.yaml, one "#   - Name" a line.
    text = (GOLD / "figures.yaml").read_text(encoding="utf-8")
    block = text.split("# Names not in actors.yaml", 1)
    if len(block) == 2:
        names |= {m.group(1).strip() for m in re.finditer(r"^#\s+-\s+(.+?)(?:\s+--.*)?$", block[1], re.M)}
    return names


def _day(value: str, *, end: bool) -> dt.date:
    """First (or last) day a YYYY / YYYY-MM / YYYY-MM-DD string can denote."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        if not end:
            return dt.date(parts[0], parts[1], 1)
        nxt = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)


def check(corpus: dict[str, dict]) -> tuple[list[str], list[str]]:
    errors: list[str] = []
    warnings: list[str] = []
    names = canonical_names()

    def where(kind: str, i: int, entry: dict) -> str:
        return f"{kind}[{i}] {entry.get('article_id')} {entry.get('text')!r}"

    def check_common(kind: str, i: int, entry: dict, keys: list[str]) -> dict | None:
        missing = [k for k in keys if k not in entry]
        extra = [k for k in entry if k not in keys]
        if missing or extra:
            errors.append(f"{where(kind, i, entry)}: missing keys {missing}, unknown keys {extra}")
        art = corpus.get(entry.get("article_id"))
        if art is None:
            errors.append(f"{where(kind, i, entry)}: unknown article_id")
            return None
        n = art["body"].count(str(entry.get("text")))
        if n == 0:
            errors.append(f"{where(kind, i, entry)}: text not found in the article body")
        elif n > 1:
            warnings.append(f"{where(kind, i, entry)}: text occurs {n} times in the body")
        return art

    for published_check in corpus.values():
        if not published_check["published"]:
            errors.append(f"{published_check['path']}: no published date")

    figures = yaml.safe_load((GOLD / "figures.yaml").read_text(encoding="utf-8")) or []
    for i, f in enumerate(figures):
        art = check_common("figures", i, f, FIGURE_KEYS)
        w = where("figures", i, f)
        if f.get("qualifier") not in QUALIFIERS:
            errors.append(f"{w}: qualifier {f.get('qualifier')!r} not in {sorted(QUALIFIERS)}")
        if f.get("category") not in CATEGORIES:
            errors.append(f"{w}: category {f.get('category')!r} not in {sorted(CATEGORIES)}")
        if f.get("hedge") not in HEDGES:
            errors.append(f"{w}: hedge {f.get('hedge')!r} not allowed")
        if not isinstance(f.get("increment"), bool):
            errors.append(f"{w}: increment must be true or false")
        value, low, high = f.get("value"), f.get("low"), f.get("high")
        if not isinstance(value, (int, float)):
            errors.append(f"{w}: value {value!r} is not a number")
            continue
        if low is not None and low > value or high is not None and high < value:
            errors.append(f"{w}: value {value} outside [{low}, {high}]")
        q = f.get("qualifier")
        if q == "range" and (low is None or high is None or abs((low + high) / 2 - value) > 1e-6):
            errors.append(f"{w}: a range needs low and high, and value = their midpoint")
        if q in {"at_least", "more_than"} and (low != value or high is not None):
            errors.append(f"{w}: {q} needs low = value and high null")
        if q in {"at_most", "less_than"} and (high != value or low is not None):
            errors.append(f"{w}: {q} needs high = value and low null")
        if q == "exact" and not (low in (None, value) and high in (None, value)):
            errors.append(f"{w}: exact needs low/high null or equal to value")
        if q == "vague" and (low is None or high is None):
            errors.append(f"{w}: vague needs an order-of-magnitude low and high")
        for key in ("subject", "claimant"):
            if f.get(key) is not None and f[key] not in names:
                errors.append(f"{w}: {key} {f[key]!r} is neither in actors.yaml nor listed at the end of figures.yaml")
        as_of = str(f.get("as_of"))
        if not DATE_RE.match(as_of):
            errors.append(f"{w}: as_of {as_of!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        elif art and art["published"] and _day(as_of, end=False) > dt.date.fromisoformat(art["published"]):
            warnings.append(f"{w}: as_of {as_of} is after published {art['published']} (a planned or expected figure?)")

    events = yaml.safe_load((GOLD / "events.yaml").read_text(encoding="utf-8")) or []
    for i, e in enumerate(events):
        art = check_common("events", i, e, EVENT_KEYS)
        w = where("events", i, e)
        if e.get("kind") not in KINDS:
            errors.append(f"{w}: kind {e.get('kind')!r} not in {sorted(KINDS)}")
        if not isinstance(e.get("planned"), bool):
            errors.append(f"{w}: planned must be true or false")
        if e.get("actor") is not None and e["actor"] not in names:
            errors.append(f"{w}: actor {e['actor']!r} is neither in actors.yaml nor listed at the end of figures.yaml")
        date = e.get("date")
        if date is not None:
            if not DATE_RE.match(str(date)):
                errors.append(f"{w}: date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
            elif art and art["published"] and not e.get("planned") and \
                    _day(str(date), end=False) > dt.date.fromisoformat(art["published"]):
                errors.append(f"{w}: unplanned event dated {date}, after published {art['published']}")

    annotated = {f["article_id"] for f in figures} | {e["article_id"] for e in events}
    for aid in sorted(set(corpus) - annotated):
        warnings.append(f"article {aid} has no gold annotation")
    no_events = sorted(a for a in corpus if a not in {e["article_id"] for e in events}
                       and not str(corpus[a]["path"]).startswith(str(SEEDS)))
    for aid in no_events:
        warnings.append(f"article {aid} has no gold events")
    return errors, warnings


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dump", metavar="ID", help="print the body text of one article and exit")
    args = ap.parse_args(argv)
    corpus = load_corpus()
    if args.dump:
        print(corpus[args.dump]["body"])
        return 0
    errors, warnings = check(corpus)
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    figures = yaml.safe_load((GOLD / "figures.yaml").read_text(encoding="utf-8")) or []
    events = yaml.safe_load((GOLD / "events.yaml").read_text(encoding="utf-8")) or []
    print(f"{len(corpus)} articles, {len(figures)} figures, {len(events)} events: "
          f"{len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
