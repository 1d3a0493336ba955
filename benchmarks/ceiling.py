"""Ceilings: how fast could the extraction get without changing a record, and by which route?

Issue 15 asks the whole extraction for 1 MB of text per second per core. This benchmark
measures the two bounds that say which redesigns can get there, on the texts of
``throughput.py`` (the sample corpus copied ``--copies`` times, and the TimeML texts):

- **a pre-pass that skips sentences** (the issue's "cheap first pass"): the extraction run over
  each text with only the sentences that yield a record (a figure or an event) passed to it.
  A pre-pass that knew, at no cost, which sentences those are could at best reach that speed,
  since every sentence it let through still gets the whole work.
- **the regular expressions** (with ``--py-spy PATH``, the ``py-spy`` program, installed apart:
  ``pip install py-spy``): the share of the extraction's samples spent inside Python's regular
  expression engine (``py-spy record --native``). Were the rules' own Python free, and the
  patterns the same, the extraction could at best reach its speed divided by that share.

Every timing is CPU seconds of this process, the best of ``--repeat`` runs, after a first
extraction has loaded the lexicon. Text size is the clean text's UTF-8 bytes.

Usage (from the repository root)::

    .venv/bin/python benchmarks/ceiling.py [--copies 10] [--repeat 3] [--timeml DIR] [--py-spy PATH]
"""

from __future__ import annotations

import argparse
import bisect
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from jobs_bench import make_corpus  # noqa: E402
from throughput import TIMEML_DIR, Text, corpus_texts, machine, megabytes, timeml_texts  # noqa: E402

from toolkit import extract  # noqa: E402

#: The goal of issue 15, MB of text per second per core.
TARGET = 1.0


def extraction_seconds(texts: list[Text], repeat: int) -> float:
    """CPU seconds of the whole extraction over ``texts``, the best of ``repeat`` runs."""
    runs = []
    for _ in range(repeat):
        began = time.process_time()
        for text, published, sentences in texts:
            extract.run(text, published=published, sentences=sentences)
        runs.append(time.process_time() - began)
    return min(runs)


def yielding_only(texts: list[Text]) -> tuple[list[Text], int, int]:
    """``texts`` with only the sentences in which the extraction finds a figure or an event;
    how many sentences there were, and how many are kept."""
    out: list[Text] = []
    total = kept = 0
    for text, published, sentences in texts:
        ctx = extract.run(text, published=published, sentences=sentences)
        starts = [s0 for s0, _ in sentences]
        keep = {bisect.bisect_right(starts, r.start) - 1 for r in [*(ctx.figures or []), *(ctx.events or [])]}
        out.append((text, published, [span for i, span in enumerate(sentences) if i in keep]))
        total += len(sentences)
        kept += len(keep)
    return out, total, kept


def regex_share(py_spy: Path, set_name: str, copies: int, timeml: Path) -> float:
    """The share of the extraction's samples inside the regular expression engine, from
    ``py-spy record --native`` over a child process that extracts the named set three times."""
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "samples.txt"
        child = [sys.executable, str(Path(__file__).resolve()), "--child", set_name, "--copies", str(copies),
                 "--timeml", str(timeml)]
        subprocess.run([str(py_spy), "record", "--native", "--rate", "200", "--format", "raw", "--output", str(raw),
                        "--", *child], check=True, capture_output=True)
        inside = in_engine = 0
        for line in raw.read_text().splitlines():
            stack, _, count = line.rpartition(" ")
            if "toolkit/extract/__init__.py" not in stack:
                continue  # reading the texts, starting up
            inside += int(count)
            if any(frame.startswith("sre_") for frame in stack.split(";")):
                in_engine += int(count)
    return in_engine / inside if inside else float("nan")


def text_sets(copies: int, timeml: Path) -> dict[str, list[Text]]:
    sets: dict[str, list[Text]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        n_articles, _ = make_corpus(Path(tmp), copies)
        sets[f"sample x{copies} ({n_articles:,} articles)"] = corpus_texts(Path(tmp))
    if (timeml / "TimeBank").is_dir():
        sets["TimeML"] = timeml_texts(timeml)
    return sets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=10, help="copies of the sample corpus (default: 10)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing; the best is kept (default: 3)")
    parser.add_argument("--timeml", type=Path, default=TIMEML_DIR, help="folder with TimeBank/ and AQUAINT/")
    parser.add_argument("--py-spy", type=Path, help="the py-spy program: also measure the regular expressions' share")
    parser.add_argument("--child", help=argparse.SUPPRESS)  # the process py-spy samples
    args = parser.parse_args(argv)

    sets = text_sets(args.copies, args.timeml)
    first = next(iter(sets.values()))[0]
    extract.run(first[0], published=first[1], sentences=first[2])  # load the lexicon first
    if args.child is not None:
        extraction_seconds(next(v for k, v in sets.items() if k == args.child), 3)
        return 0

    print("| texts | measure | MB/s per core | share of today's time | most it allows |")
    print("|---|---|---|---|---|")
    for name, texts in sets.items():
        mb = megabytes(texts)
        whole = extraction_seconds(texts, args.repeat)
        print(f"| {name} | whole extraction | {mb / whole:.3f} | 100% | (goal {TARGET:g} MB/s: "
              f"{TARGET / (mb / whole):.1f}x today) |")
        kept_texts, total, kept = yielding_only(texts)
        only = extraction_seconds(kept_texts, args.repeat)
        print(f"| {name} | only the {kept:,} of {total:,} sentences that yield a record | {mb / only:.3f} "
              f"| {only / whole:.0%} | a free pre-pass: {whole / only:.2f}x |")
        if args.py_spy is not None:
            share = regex_share(args.py_spy, name, args.copies, args.timeml)
            print(f"| {name} | inside the regular expression engine (py-spy) | {mb / whole / share:.3f} "
                  f"| {share:.0%} | free rules' Python: {1 / share:.2f}x |")
    print(f"\nMeasured on {machine()}; CPU seconds of one process (best of {args.repeat}).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
