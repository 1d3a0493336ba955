"""Throughput: megabytes of article text per second per core, for the pipeline and each stage.

Two sets of texts, the same in every run:

- the bundled sample corpus (``data/articles``) copied ``--copies`` times under new article ids
  (written to a temporary folder; nothing large is committed);
- the TimeML texts (TimeBank and AQUAINT, ``../shared/timeml`` as for ``timeml_bench.py``),
  tags stripped, each with its creation date as the publication day.

What is measured, on each set:

- the whole extraction (``toolkit.extract.run``: dates, figures, events, places) and each stage
  of it, in CPU seconds of this process (so "per core", and less noisy on a shared machine than
  the wall clock); places are timed apart from the figures and events steps that call them;
- the toolkit's date tagger (``find_dates``) and ``dateparser.search_dates`` on the same texts,
  in the same run, and their ratio (the pipeline against ``search_dates`` too);
- ``toolkit.load`` of the copied corpus (reading, extraction, claims, timeline, the tables) with
  ``--jobs 1`` and ``--jobs 2``, wall-clock time, each in a fresh process that reports its peak
  resident memory; the tables of the two must be identical, or the run fails.

Every timing is the best of ``--repeat`` runs. Text size is the clean text's UTF-8 bytes.

Usage (from the repository root)::

    .venv/bin/python benchmarks/throughput.py [--copies 10] [--repeat 3] [--timeml DIR]
                                              [--jobs 1 2] [--no-dateparser] [--write-docs]

``--write-docs`` writes the table, dated and with the machine, into ``docs/speed.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from jobs_bench import make_corpus  # noqa: E402
from timeml_bench import DEFAULT_DIR as TIMEML_DIR, load_docs  # noqa: E402

from toolkit import extract  # noqa: E402
from toolkit.extract import places  # noqa: E402
from toolkit.extract.dates import find_dates  # noqa: E402
from toolkit.read.clean import clean_text, split_sentences  # noqa: E402
from toolkit.read.readers import read_articles  # noqa: E402

DOCS = REPO / "docs" / "speed.md"
TABLE_START = "<!-- throughput table: start -->"
TABLE_END = "<!-- throughput table: end -->"
STAGES = ("dates", "figures", "events", "places")

#: One text to extract: (clean text, publication day, sentence spans).
Text = tuple[str, "dt.date | None", list[tuple[int, int]]]


def megabytes(texts: list[Text]) -> float:
    return sum(len(t.encode("utf-8")) for t, _, _ in texts) / 1e6


def corpus_texts(folder: Path) -> list[Text]:
    return [(a.text, a.published, list(a.sentences)) for a in read_articles([folder]) if a.status == "ok"]


def timeml_texts(root: Path) -> list[Text]:
    out: list[Text] = []
    for doc in load_docs(root):
        text = clean_text(doc.text)
        out.append((text, doc.dct, list(split_sentences(text))))
    return out


@contextlib.contextmanager
def _timed_places(spent: dict[str, float]) -> Iterator[None]:
    """Count the CPU time of the places pass apart from the figures and events steps that call
    it (``spent["places"]``, and the same time taken off the calling step)."""
    saved = places.annotate_figures, places.annotate_events

    def wrap(func: Callable[..., Any], step: str) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            began = time.process_time()
            try:
                return func(*args, **kwargs)
            finally:
                took = time.process_time() - began
                spent["places"] += took
                spent[step] -= took
        return timed

    places.annotate_figures = wrap(saved[0], "figures")
    places.annotate_events = wrap(saved[1], "events")
    try:
        yield
    finally:
        places.annotate_figures, places.annotate_events = saved


def time_pipeline(texts: list[Text]) -> tuple[float, dict[str, float]]:
    """CPU seconds of the whole extraction over ``texts`` and of each stage."""
    spent = dict.fromkeys(STAGES, 0.0)
    current: list[Any] = [None, 0.0]  # the step running and when it began

    def on_step(name: str | None) -> None:
        now = time.process_time()
        if current[0] is not None:
            spent[current[0]] += now - current[1]
        current[0], current[1] = name, now

    with _timed_places(spent):
        began = time.process_time()
        for text, published, sentences in texts:
            extract.run(text, published=published, sentences=sentences, on_step=on_step)
            on_step(None)  # the last step ends with the article
        total = time.process_time() - began
    return total, spent


def time_dates(texts: list[Text]) -> float:
    began = time.process_time()
    for text, published, sentences in texts:
        find_dates(text, published=published, sentences=sentences)
    return time.process_time() - began


def time_search_dates(texts: list[Text]) -> float:
    from dateparser.search import search_dates

    began = time.process_time()
    for text, published, _ in texts:
        base = dt.datetime.combine(published or dt.date(2024, 1, 1), dt.time())
        search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base})
    return time.process_time() - began


def best(repeat: int, func: Callable[[], Any]) -> Any:
    """The run with the least time (the first item when ``func`` returns a tuple)."""
    runs = [func() for _ in range(repeat)]
    return min(runs, key=lambda r: r[0] if isinstance(r, tuple) else r)


_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {repo!r})
import toolkit
began = time.perf_counter()
cpu = time.process_time()
corpus = toolkit.load({folder!r}, jobs={jobs})
wall = time.perf_counter() - began
cpu = time.process_time() - cpu
tables = {{"articles": corpus.articles.drop(columns=["path"]), **corpus.tables}}
hashed = __import__("pandas").util.hash_pandas_object
digest = {{k: int(hashed(v.astype(str), index=True).sum()) for k, v in tables.items()}}
print(json.dumps({{"wall": wall, "cpu": cpu, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "digest": digest}}))
"""


def load_in_child(folder: Path, jobs: int) -> dict[str, Any]:
    """``toolkit.load(folder, jobs=jobs)`` in a fresh process: wall and CPU seconds, peak RSS
    of that process (MB; worker processes not included), a digest of every table."""
    code = _CHILD.format(repo=str(REPO), folder=str(folder), jobs=jobs)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(REPO)})
    return json.loads(out.stdout.strip().splitlines()[-1])


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def rate(mb: float, seconds: float) -> str:
    return f"{mb / seconds:.3f}" if seconds > 0 else "–"


def extraction_rows(name: str, texts: list[Text], repeat: int, dateparser: bool) -> list[str]:
    """The whole extraction, its stages, the date tagger and ``search_dates`` on ``texts``."""
    mb = megabytes(texts)
    total, stages = best(repeat, lambda: time_pipeline(texts))
    rows = [f"| {name} | whole extraction | {mb:.2f} | {total:.2f} | **{rate(mb, total)}** | |"]
    for stage in STAGES:
        rows.append(f"| {name} | stage: {stage} | {mb:.2f} | {stages[stage]:.2f} | {rate(mb, stages[stage])} "
                    f"| {stages[stage] / total:.0%} of the extraction |")
    tagger = best(repeat, lambda: time_dates(texts))
    rows.append(f"| {name} | toolkit date tagger (`find_dates`) | {mb:.2f} | {tagger:.2f} | {rate(mb, tagger)} | |")
    if dateparser:
        baseline = time_search_dates(texts)  # once: it is slow, and steady
        rows.append(f"| {name} | `dateparser.search_dates` | {mb:.2f} | {baseline:.2f} | {rate(mb, baseline)} "
                    f"| date tagger {baseline / tagger:.1f}x faster, whole extraction {baseline / total:.2f}x |")
    return rows


def load_rows(name: str, folder: Path, mb: float, jobs_list: list[int], repeat: int) -> tuple[list[str], bool]:
    """``toolkit.load`` of ``folder`` with each number of jobs; whether every table is the same."""
    results = {jobs: min((load_in_child(folder, jobs) for _ in range(repeat)), key=lambda r: r["wall"])
               for jobs in jobs_list}
    base = results[jobs_list[0]]
    rows = []
    for jobs, r in results.items():
        same = "—" if r is base else ("identical" if r["digest"] == base["digest"] else "DIFFER")
        rows.append(f"| {name} | `toolkit.load(jobs={jobs})`, wall clock | {mb:.2f} | {r['wall']:.2f} "
                    f"| {rate(mb, r['wall'])} | {base['wall'] / r['wall']:.2f}x jobs={jobs_list[0]}; "
                    f"peak RSS {r['rss_mb']:.0f} MB (main process); tables {same} |")
    return rows, all(r["digest"] == base["digest"] for r in results.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=10, help="copies of the sample corpus (default: 10)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing; the best is kept (default: 3)")
    parser.add_argument("--timeml", type=Path, default=TIMEML_DIR, help="folder with TimeBank/ and AQUAINT/")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="worker counts for toolkit.load")
    parser.add_argument("--no-dateparser", action="store_true", help="skip dateparser.search_dates (slow)")
    parser.add_argument("--write-docs", action="store_true", help=f"write the table into {DOCS.relative_to(REPO)}")
    args = parser.parse_args(argv)

    rows: list[str] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        n_articles, _ = make_corpus(Path(tmp), args.copies)
        sample = f"sample x{args.copies} ({n_articles:,} articles)"
        sets = {sample: corpus_texts(Path(tmp))}
        if (args.timeml / "TimeBank").is_dir():
            sets[f"TimeML ({len(load_docs(args.timeml))} documents)"] = timeml_texts(args.timeml)
        else:
            notes.append(f"TimeML texts not found in {args.timeml}: skipped.")
        first = sets[sample][0]
        extract.run(first[0], published=first[1], sentences=first[2])  # load the lexicon first
        for name, texts in sets.items():
            rows += extraction_rows(name, texts, args.repeat, not args.no_dateparser)
        more, same = load_rows(sample, Path(tmp), megabytes(sets[sample]), args.jobs, args.repeat)
        rows += more

    head = ("| texts | measure | MB | seconds | MB/s per core | note |\n"
            "|---|---|---|---|---|---|\n")
    table = head + "\n".join(rows) + "\n"
    stamp = (f"Measured {dt.date.today().isoformat()} on {machine()}; CPU seconds of one process "
             f"(best of {args.repeat}) except `toolkit.load`, which is wall clock.")
    print(table)
    print(stamp)
    for note in notes:
        print(note)
    if args.write_docs:
        given = argv if argv is not None else sys.argv[1:]
        write_docs(table + "\n" + stamp + "\n",
                   " ".join(["python benchmarks/throughput.py", *(a for a in given if a != "--write-docs")]))
    return 0 if same else 1


def write_docs(block_text: str, command: str) -> None:
    """Replace the table between the markers of docs/speed.md (or start the file)."""
    block = f"{TABLE_START}\n{block_text}\nReproduce with `{command.strip()}`.\n{TABLE_END}"
    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else (
        "# Speed\n\nHow fast the toolkit reads text, measured by `benchmarks/throughput.py` "
        "(issue 15). The numbers depend on the machine and on what else runs on it.\n\n")
    if TABLE_START in text and TABLE_END in text:
        pre, rest = text.split(TABLE_START, 1)
        text = pre + block + rest.split(TABLE_END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    DOCS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
