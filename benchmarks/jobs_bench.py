"""Time ``toolkit.load`` on one core and on several: is ``jobs=N`` faster, with the same tables?

The corpus is the bundled sample (``data/articles``) copied ``--copies`` times under new
article ids (each copy a folder of its own, so ids differ), written to a temporary folder:
nothing large is committed. For each number of jobs the whole load (reading, extraction,
claims and timeline) is timed, best of ``--repeat``, and every table is compared with the
one-job tables: the run fails if any differs.

Usage (from the repository root)::

    .venv/bin/python benchmarks/jobs_bench.py [--copies 100] [--jobs 1 2] [--repeat 1]

100 copies are 3,700 articles (about 3.3 MB of text).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pandas as pd  # noqa: E402

import toolkit  # noqa: E402

SAMPLE = REPO / "data" / "articles"


def make_corpus(root: Path, copies: int) -> tuple[int, int]:
    """``copies`` copies of the sample corpus under ``root``; returns (articles, bytes)."""
    files = sorted(SAMPLE.glob("*.md"))
    n = size = 0
    for k in range(copies):
        folder = root / f"copy-{k:04d}"
        folder.mkdir(parents=True)
        for f in files:
            target = folder / f"{f.stem}-c{k:04d}{f.suffix}"
            shutil.copyfile(f, target)
            n += 1
            size += target.stat().st_size
    return n, size


def tables(corpus: toolkit.Corpus) -> dict[str, pd.DataFrame]:
    return {"articles": corpus.articles.drop(columns=["path"]), **corpus.tables}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        n, size = make_corpus(Path(tmp), args.copies)
        print(f"{n:,} articles, {size / 1e6:.1f} MB of text")
        print("| jobs | seconds | MB/s | speed-up | tables identical to jobs=1 |")
        print("|---|---|---|---|---|")
        base_time, base = None, None
        for jobs in args.jobs:
            best = float("inf")
            for _ in range(args.repeat):
                began = time.perf_counter()
                corpus = toolkit.load(tmp, jobs=jobs)
                best = min(best, time.perf_counter() - began)
            got = tables(corpus)
            if base is None:
                base_time, base, same = best, got, "—"
            else:
                same = "yes" if all(got[k].equals(base[k]) for k in base) else "NO"
            print(f"| {jobs} | {best:.1f} | {size / 1e6 / best:.2f} | {base_time / best:.2f}x | {same} |")
            if same == "NO":
                return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
