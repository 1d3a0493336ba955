"""Time extraction on long articles: does the cost grow with length, not with its square?

The texts are generated here (nothing large is committed): news-like paragraphs written for
this benchmark, with dates, figures, claimants and reporting verbs, varied by a seeded random
generator and repeated up to the wanted size. Cases:

- ``10 x 100 kB``: ten articles of 100 kB each, one after the other;
- ``1 x 1 MB``: one article of 1 MB made the same way (the target: at most 5x the line above);
- ``1 MB, one sentence``: the same words with every full stop turned into a comma;
- ``200,000 short lines``: a cell of a table a line (about 1 MB), no full stops.

Usage (from the repository root)::

    .venv/bin/python benchmarks/scale_bench.py [--scale 1.0] [--repeat 1]

``--scale`` multiplies every size (``--scale 0.25`` for a quick look).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import toolkit  # noqa: E402

PUBLISHED = "2024-11-01"

_WHO = [
    ("South Korea's spy agency", "the agency"),
    ("Defense Minister Han Do-yun", "Han"),
    ("A Pentagon spokesperson", "the spokesperson"),
    ("Ukrainian military intelligence", "the intelligence directorate"),
    ("Lawmakers briefed by the agency", "the lawmakers"),
    ("The Kremlin", "Moscow"),
    ("NATO Secretary General Mark Rutte", "Rutte"),
    ("An official in Kyiv", "the official"),
]
_DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week", "this month", "yesterday"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_TEMPLATES = [
    "{who} said {day} that about {n:,} North Korean soldiers had arrived in Russia's Kursk region by "
    "{month} {d}, {y}, up from {m:,} in early {month2}.",
    "{who2} told reporters that at least {k:,} of them had been killed or wounded since {month} {y}, "
    "a figure that could not be independently verified.",
    "According to {who}, between {m:,} and {n:,} troops were expected to join them before the end of "
    "{y}, while {who2} denied that any had crossed the border.",
    "The deployment began in {month}, {who2} said {day}, adding that {b} battalions had trained at "
    "five bases near Vladivostok for {w} weeks.",
    "On {month} {d} {who} announced new sanctions, and two days later {who2} confirmed that a second "
    "group of {m:,} men had left the port of Wonsan.",
    "\"We estimate some {n:,} personnel are now in the area,\" {who} said in a statement on "
    "{month} {d}, {y}, the third such estimate in {w} months.",
    "Roughly {k:,} more were sent in {season} {y}, {who2} said, bringing the total to more than {n:,}.",
    "In a briefing {day}, {who} said the soldiers would be rotated every {w} months and that "
    "{p} percent of them were special forces.",
]
_SEASONS = ["spring", "summer", "autumn", "winter", "late", "early"]


def _sentence(rng: random.Random) -> str:
    (who, _), (_, who2) = rng.choice(_WHO), rng.choice(_WHO)
    return rng.choice(_TEMPLATES).format(
        who=who, who2=who2, day=rng.choice(_DAYS), month=rng.choice(_MONTHS), month2=rng.choice(_MONTHS),
        d=rng.randint(1, 28), y=rng.choice([2023, 2024, 2025]), n=rng.randrange(1000, 20000, 500),
        m=rng.randrange(500, 5000, 100), k=rng.randrange(200, 3000, 10), w=rng.randint(2, 11),
        season=rng.choice(_SEASONS), b=rng.randint(2, 40), p=rng.randint(2, 60),
    )


def make_article(size: int, *, seed: int = 0) -> str:
    """A news-like article of about ``size`` characters (paragraphs of two to five sentences)."""
    rng = random.Random(seed)
    paras: list[str] = []
    total = 0
    while total < size:
        para = " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))
        paras.append(para)
        total += len(para) + 2
    return "\n\n".join(paras)[:size].rsplit(" ", 1)[0]


def make_one_sentence(size: int, *, seed: int = 0) -> str:
    """The article text with no full stop, question or exclamation mark: a single sentence."""
    text = make_article(size, seed=seed)
    return text.replace(". ", ", ").replace(".\n\n", ", ").replace("\n\n", " ").replace('."', ',"')


def make_short_lines(lines: int, *, seed: int = 0) -> str:
    """``lines`` short lines (five characters on average, about 1 MB for 200,000): the figures,
    dates, names and verbs of a table or a list pasted one cell a line, without full stops."""
    rng = random.Random(seed)
    cells = ["1,500", "300", "12", "2024", "May 2", "Kim", "Seoul", "said", "troops", "killed", "NIS", "-",
             "Oct 3", "3,000", "Kyiv", "sent", "on", "left", "9", "Putin"]
    return "\n".join(rng.choice(cells) for _ in range(lines))


def extract_seconds(text: str) -> tuple[float, int]:
    """Seconds to extract ``text`` and the number of rows found (dates + figures + events)."""
    t0 = time.perf_counter()
    corpus = toolkit.parse_text(text, published=PUBLISHED, time_limit=None)
    elapsed = time.perf_counter() - t0
    return elapsed, len(corpus.dates) + len(corpus.figures) + len(corpus.events)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size (default 1)")
    parser.add_argument("--repeat", type=int, default=1, help="keep the fastest of N runs per case")
    args = parser.parse_args(argv)
    extract_seconds("Seoul said on Monday that 1,500 troops left.")  # load the lexicon before timing
    kb = int(100_000 * args.scale)
    mb = 10 * kb
    cases = [
        (f"10 x {kb // 1000} kB", [make_article(kb, seed=i) for i in range(10)]),
        (f"1 x {mb / 1e6:g} MB", [make_article(mb, seed=0)]),
        (f"{mb / 1e6:g} MB, one sentence", [make_one_sentence(mb, seed=0)]),
        (f"{int(200_000 * args.scale):,} short lines", [make_short_lines(int(200_000 * args.scale))]),
    ]
    results = []
    for name, texts in cases:
        best, rows = float("inf"), 0
        for _ in range(args.repeat):
            spent, rows = 0.0, 0
            for text in texts:
                seconds, n = extract_seconds(text)
                spent += seconds
                rows += n
            best = min(best, spent)
        results.append((name, sum(map(len, texts)), best, rows))
        print(f"  {name}: {best:.1f} s", file=sys.stderr)
    print("| case | characters | seconds | rows |")
    print("|---|---:|---:|---:|")
    for name, chars, seconds, rows in results:
        print(f"| {name} | {chars:,} | {seconds:.1f} | {rows:,} |")
    ratio = results[1][2] / results[0][2]
    print(f"\n1 x {mb / 1e6:g} MB takes {ratio:.1f}x the time of 10 x {kb // 1000} kB (target: at most 5x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
