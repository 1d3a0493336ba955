"""Score :func:`toolkit.extract.dates.find_dates` against TimeML gold annotations, the TempEval-3 way.

Reads every ``.tml`` file of ``TimeBank/`` and ``AQUAINT/`` under the TimeML folder (default
``../shared/timeml`` next to the repository), strips the tags to recover the article text and the
gold TIMEX3 spans (inside ``<TEXT>`` only; empty TIMEX3 and the creation-time timex are left
out), and runs two systems on the same texts with the document creation time as the anchor:

* the toolkit's own grammar, ``find_dates(text, published=DCT)``;
* the baseline ``dateparser.search.search_dates(text, languages=['en'],
  settings={'RELATIVE_BASE': DCT})``, whose (substring, datetime) hits become spans by locating
  each substring in order, with the value the day's ISO date and the type ``DATE``.

Measures (TempEval-3, issue 3): strict span P/R/F1 (exact offsets), relaxed span P/R/F1 (any
overlap, one-to-one), value accuracy over the relaxed matches and value F1 = accuracy x relaxed
F1, type and mod accuracy over the relaxed matches, and documents per second of processor time
(both systems timed document by document, interleaved, so that load from other programs skews
neither).

Usage::

    .venv/bin/python benchmarks/timeml_bench.py [TIMEML_DIR] [--write-docs] [--misses N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from toolkit.extract.dates import find_dates  # noqa: E402

DEFAULT_DIR = REPO.parent / "shared" / "timeml"
DOCS = REPO / "docs" / "dates.md"
TABLE_START = "<!-- benchmark-table:start -->"
TABLE_END = "<!-- benchmark-table:end -->"

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_]+)="([^"]*)"')


@dataclass
class Span:
    """One temporal expression, gold or predicted."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass
class Doc:
    """One TimeML document: clean text, creation date and gold spans."""

    name: str
    text: str
    dct: dt.date
    gold: list[Span] = field(default_factory=list)


def read_tml(path: Path) -> Doc:
    """Parse one ``.tml`` file into its clean ``<TEXT>`` body, DCT and gold TIMEX3 spans."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>.*?value=\"(\d{4})-?(\d{2})-?(\d{2})", raw, re.S)
    if dct_match is None:
        raise ValueError(f"{path}: no <DCT> date found")
    dct = dt.date(*(int(g) for g in dct_match.groups()))
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    if body is None:
        raise ValueError(f"{path}: no <TEXT> element")
    src = body.group(1)
    out: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    gold: list[Span] = []
    pos = 0
    for m in _TAG.finditer(src):
        # Entities are decoded chunk by chunk so that offsets count decoded characters.
        chunk = html.unescape(src[pos:m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs, selfclosing = m.groups()
        if name != "TIMEX3":
            continue
        if closing:
            start, a = open_timex.pop()
            if length > start:
                gold.append(Span(start, length, "", a.get("type", ""), a.get("value", ""), a.get("mod")))
        elif not selfclosing:
            open_timex.append((length, dict(_ATTR.findall(attrs))))
    out.append(html.unescape(src[pos:]))
    text = "".join(out)
    for g in gold:
        g.text = text[g.start:g.end]
    gold.sort(key=lambda s: s.start)
    return Doc(path.name, text, dct, gold)


def load_docs(root: Path) -> list[Doc]:
    """All documents of ``root/TimeBank`` and ``root/AQUAINT``, sorted by file name."""
    files = sorted(root.glob("TimeBank/*.tml")) + sorted(root.glob("AQUAINT/*.tml"))
    return [read_tml(p) for p in files]


def run_toolkit(doc: Doc) -> list[Span]:
    """The toolkit's predictions for one document."""
    return [Span(r.start, r.end, r.text, r.type, r.value, r.mod) for r in find_dates(doc.text, published=doc.dct)]


def run_search_dates(doc: Doc) -> list[Span]:
    """The dateparser baseline's predictions for one document, located in the text in order."""
    from dateparser.search import search_dates

    base = dt.datetime.combine(doc.dct, dt.time())
    hits = search_dates(doc.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    spans: list[Span] = []
    cursor = 0
    for surface, when in hits:
        at = doc.text.find(surface, cursor)
        if at < 0:
            at = doc.text.find(surface)
            if at < 0:
                continue
        else:
            cursor = at + len(surface)
        spans.append(Span(at, at + len(surface), surface, "DATE", when.date().isoformat()))
    return spans


@dataclass
class Score:
    """Counts accumulated over documents; properties give the TempEval-3 measures."""

    n_gold: int = 0
    n_pred: int = 0
    strict: int = 0
    relaxed: int = 0
    value_ok: int = 0
    type_ok: int = 0
    mod_ok: int = 0

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def prf(self, hits: int) -> tuple[float, float, float]:
        p = hits / self.n_pred if self.n_pred else 0.0
        r = hits / self.n_gold if self.n_gold else 0.0
        return p, r, self._f1(p, r)

    @property
    def value_acc(self) -> float:
        return self.value_ok / self.relaxed if self.relaxed else 0.0

    @property
    def type_acc(self) -> float:
        return self.type_ok / self.relaxed if self.relaxed else 0.0

    @property
    def mod_acc(self) -> float:
        return self.mod_ok / self.relaxed if self.relaxed else 0.0


def match(gold: list[Span], pred: list[Span]) -> list[tuple[Span, Span]]:
    """One-to-one relaxed matching: each gold span pairs with the first unused overlapping prediction."""
    pairs = []
    used: set[int] = set()
    for g in gold:
        best = None
        for i, p in enumerate(pred):
            if i in used or p.end <= g.start or p.start >= g.end:
                continue
            if p.start == g.start and p.end == g.end:
                best = i
                break
            if best is None:
                best = i
        if best is not None:
            used.add(best)
            pairs.append((g, pred[best]))
    return pairs


def score_doc(score: Score, doc: Doc, pred: list[Span], log: list[str] | None = None) -> None:
    """Add one document's counts to ``score``; append readable misses to ``log`` if given."""
    score.n_gold += len(doc.gold)
    score.n_pred += len(pred)
    pairs = match(doc.gold, pred)
    matched_pred = {id(p) for _, p in pairs}
    matched_gold = {id(g) for g, _ in pairs}
    for g, p in pairs:
        score.relaxed += 1
        score.strict += (g.start, g.end) == (p.start, p.end)
        score.value_ok += g.value == p.value
        score.type_ok += g.type == p.type
        score.mod_ok += (g.mod or None) == (p.mod or None)
        if log is not None and ((g.start, g.end) != (p.start, p.end) or g.value != p.value or g.type != p.type):
            log.append(f"DIFF {doc.name} {doc.dct} gold[{g.text!r} {g.type} {g.value} {g.mod}] "
                       f"pred[{p.text!r} {p.type} {p.value} {p.mod}] :: {_ctx(doc.text, g.start, g.end)}")
    if log is not None:
        for g in doc.gold:
            if id(g) not in matched_gold:
                log.append(f"MISS {doc.name} {doc.dct} [{g.text!r} {g.type} {g.value} {g.mod}] :: "
                           f"{_ctx(doc.text, g.start, g.end)}")
        for p in pred:
            if id(p) not in matched_pred:
                log.append(f"FP   {doc.name} {doc.dct} [{p.text!r} {p.type} {p.value} {p.mod}] :: "
                           f"{_ctx(doc.text, p.start, p.end)}")


def _ctx(text: str, start: int, end: int, width: int = 60) -> str:
    left = text[max(0, start - width):start].replace("\n", " ")
    right = text[end:end + width].replace("\n", " ")
    return f"{left}[[{text[start:end]}]]{right}"


def table(rows: dict[str, tuple[Score, float]], n_docs: int) -> str:
    """The markdown results table, one row per system."""
    head = ("| system | strict P | strict R | strict F1 | relaxed P | relaxed R | relaxed F1 "
            "| value acc | value F1 | type acc | mod acc | docs/s |\n"
            "|---|---|---|---|---|---|---|---|---|---|---|---|\n")
    lines = []
    for name, (s, dps) in rows.items():
        sp, sr, sf = s.prf(s.strict)
        rp, rr, rf = s.prf(s.relaxed)
        lines.append(f"| {name} | {sp:.3f} | {sr:.3f} | {sf:.3f} | {rp:.3f} | {rr:.3f} | {rf:.3f} "
                     f"| {s.value_acc:.3f} | {s.value_acc * rf:.3f} | {s.type_acc:.3f} | {s.mod_acc:.3f} "
                     f"| {dps:.1f} |")
    first = next(iter(rows.values()))[0]
    return (head + "\n".join(lines) + f"\n\n{n_docs} documents, {first.n_gold} gold TIMEX3 "
            "(creation-time timex excluded).\n")


def write_docs(tbl: str, command: str) -> None:
    """Replace the table between the markers of docs/dates.md (or append it)."""
    block = f"{TABLE_START}\n{tbl}\nReproduce with `{command}`.\n{TABLE_END}"
    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Dates\n\n"
    if TABLE_START in text and TABLE_END in text:
        pre, rest = text.split(TABLE_START, 1)
        post = rest.split(TABLE_END, 1)[1]
        text = pre + block + post
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    DOCS.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Score find_dates and search_dates on TimeML (TempEval-3 measures).")
    ap.add_argument("timeml_dir", nargs="?", default=str(DEFAULT_DIR), help="folder with TimeBank/ and AQUAINT/")
    ap.add_argument("--write-docs", action="store_true", help="write the table into docs/dates.md")
    ap.add_argument("--no-baseline", action="store_true", help="skip search_dates (quick iterations)")
    ap.add_argument("--misses", type=int, default=0, metavar="N", help="print up to N misses/false positives/diffs")
    ap.add_argument("--kind", default="MISS,FP,DIFF", help="which kinds of log lines to print")
    args = ap.parse_args(argv)

    root = Path(args.timeml_dir)
    if not (root / "TimeBank").is_dir() and not (root / "AQUAINT").is_dir():
        print(f"TimeML folder not found at {root}; nothing to benchmark.")
        return 0
    docs = load_docs(root)

    rows: dict[str, tuple[Score, float]] = {}
    log: list[str] = []
    # One warm-up call each, so that neither system's one-off loading counts as speed.
    warm = Doc("warm-up", "Talks resumed on Friday, two days after the March 3 meeting.", docs[0].dct)
    run_toolkit(warm)
    if not args.no_baseline:
        run_search_dates(warm)
    # Speed is processor time, taken document by document with the two systems interleaved:
    # a burst of load from other programs then falls on both in proportion to their running
    # time, instead of on whichever happened to run during it (a one-second toolkit pass is
    # easily skewed by a burst that a ten-second dateparser pass would average out).
    clock = time.process_time
    preds: list[list[Span]] = []
    bpreds: list[list[Span]] = []
    spent = {"toolkit": 0.0, "baseline": 0.0}
    for d in docs:
        t0 = clock()
        preds.append(run_toolkit(d))
        t1 = clock()
        spent["toolkit"] += t1 - t0
        if not args.no_baseline:
            bpreds.append(run_search_dates(d))
            spent["baseline"] += clock() - t1
    ours = Score()
    for d, p in zip(docs, preds):
        score_doc(ours, d, p, log)
    rows["toolkit.find_dates"] = (ours, len(docs) / max(spent["toolkit"], 1e-9))
    if not args.no_baseline:
        base = Score()
        for d, p in zip(docs, bpreds):
            score_doc(base, d, p)
        rows["dateparser search_dates"] = (base, len(docs) / max(spent["baseline"], 1e-9))

    tbl = table(rows, len(docs))
    print(tbl)
    if len(rows) == 2:
        print(f"speed ratio: {rows['toolkit.find_dates'][1] / rows['dateparser search_dates'][1]:.1f}x")
    if args.misses:
        kinds = tuple(k.strip() for k in args.kind.split(","))
        shown = [line for line in log if line.startswith(kinds)]
        print("\n".join(shown[: args.misses]))
    if args.write_docs:
        write_docs(tbl, "python benchmarks/timeml_bench.py --write-docs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
