"""Time ``toolkit.load`` on one core and on several: is ``jobs=N`` faster, with the same tables?

The corpus is the bundled sample (``data/articles``: its Markdown articles, its HTML pages and
its wire's JSON lines, every file the reader takes) copied ``--copies`` times, each copy a
folder of its own with the copy's own article ids (rewritten where front matter or JSON names
them), written to a temporary folder: nothing large is committed. For each number of jobs the whole load (reading, extraction,
claims and timeline) is timed, best of ``--repeat``, and every table is compared with the
one-job tables: the run fails if any differs.

Usage (from the repository root)::

    .venv/bin/python benchmarks/jobs_bench.py [--copies 100] [--jobs 1 2] [--repeat 1]
    .venv/bin/python benchmarks/jobs_bench.py --rss 4 40 [--jobs 1]

For each number of jobs it also prints when the first and the last article came back: before
the first, the workers start; after the last, the frames are built and the step across articles
runs, both in one process, so those two spans are what ``--jobs`` cannot share out.

Beside the corpus it prints this machine's ceiling: how much faster N copies of a pure-Python
loop end at once than one after another (on a virtual machine with shared cores, two "cores"
can give well under 2x, and it varies from minute to minute).

100 copies are 3,700 articles (37 a copy; 6.7 MB of files). ``--rss MB...`` measures instead
the peak resident memory of ``toolkit extract`` (streaming, in a process of its own) against the
in-memory path (``toolkit.load(...).write(...)``, also a process of its own) on the sample
replicated to each size, and checks that both write the same bytes.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pandas as pd  # noqa: E402

import toolkit  # noqa: E402
from toolkit.read.formats import READERS  # noqa: E402
from toolkit.read.readers import read_file  # noqa: E402

SAMPLE = REPO / "data" / "articles"


def sample_files() -> list[Path]:
    """Every file of the sample the reader takes (Markdown, HTML pages, the wire's JSON lines...)."""
    return sorted(p for p in SAMPLE.rglob("*") if p.is_file() and p.suffix.lower() in READERS)


_FRONT_ID = re.compile(r"\A(---\n(?:(?!---\n).*\n)*?)id: *(\S[^\n]*?) *\n")


def _renamed(f: Path, k: int) -> bytes:
    """The bytes of ``f`` for copy ``k``, its articles' ids made the copy's own: a front
    matter's ``id:`` and each JSON line's ``"id"`` get the copy's suffix (an id taken from the
    file name changes with the name). Left alone, copies would share ids and the reader would
    number them ``-2``, ``-3``... in path order."""
    suffix = f"-c{k:04d}"
    if f.suffix.lower() == ".jsonl":
        lines = []
        for line in f.read_text(encoding="utf-8").splitlines():
            obj = json.loads(line)
            if "id" in obj:
                obj["id"] = f"{obj['id']}{suffix}"
            lines.append(json.dumps(obj, ensure_ascii=False))
        return ("\n".join(lines) + "\n").encode("utf-8")
    if f.suffix.lower() in (".md", ".markdown", ".txt"):
        return _FRONT_ID.sub(lambda m: f"{m.group(1)}id: {m.group(2)}{suffix}\n", f.read_text(encoding="utf-8"),
                             count=1).encode("utf-8")
    return f.read_bytes()


def make_corpus(root: Path, copies: int) -> tuple[int, int]:
    """``copies`` copies of the sample corpus under ``root`` (every file the reader takes,
    each copy a folder of its own, every article id the copy's own); returns (articles, bytes
    of the files)."""
    files = sample_files()
    per_copy = sum(len(list(read_file(f))) for f in files)
    n = size = 0
    for k in range(copies):
        for f in files:
            rel = f.relative_to(SAMPLE)
            target = root / f"copy-{k:04d}" / rel.parent / f"{f.stem}-c{k:04d}{f.suffix}"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_renamed(f, k))
            size += target.stat().st_size
        n += per_copy
    return n, size


def tables(corpus: toolkit.Corpus) -> dict[str, pd.DataFrame]:
    return {"articles": corpus.articles.drop(columns=["path"]), **corpus.tables}


#: The in-memory path, as ``toolkit extract`` ran it before streaming: every table held, then written.
_IN_MEMORY = "import sys, toolkit; toolkit.load(sys.argv[1], jobs=int(sys.argv[3])).write(sys.argv[2], format='csv')"


def _peak(command: list[str]) -> tuple[float, float]:
    """Run ``command``; its peak resident memory in MB (the largest of it and the processes it
    waited for, from ``wait4``) and its seconds."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    began = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(command)}")
    return usage.ru_maxrss / 1024, time.perf_counter() - began


def rss(sizes: list[float], jobs: int) -> int:
    """Peak RSS of streaming and in-memory extraction on the sample replicated to ``sizes`` MB."""
    per_copy = sum(f.stat().st_size for f in sample_files())
    print(f"peak RSS, --jobs {jobs} (MB of resident memory; the tables compared byte for byte)")
    print("| corpus | articles | streaming (toolkit extract) | in memory (load + write) | seconds (stream / memory) | same bytes |")
    print("|---|---|---|---|---|---|")
    for mb in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            n, size = make_corpus(root / "corpus", max(math.ceil(mb * 1e6 / per_copy), 1))
            stream, t_stream = _peak([sys.executable, "-m", "toolkit", "extract", str(root / "corpus"), "--out",
                                      str(root / "stream"), "-q", "--jobs", str(jobs)])
            memory, t_memory = _peak([sys.executable, "-c", _IN_MEMORY, str(root / "corpus"), str(root / "memory"),
                                      str(jobs)])
            names = sorted(p.name for p in (root / "memory").iterdir())
            same = sorted(p.name for p in (root / "stream").iterdir()) == names and not filecmp.cmpfiles(
                root / "stream", root / "memory", names, shallow=False)[1]
            print(f"| {size / 1e6:.1f} MB | {n:,} | {stream:.0f} MB | {memory:.0f} MB | {t_stream:.0f} / {t_memory:.0f} "
                  f"| {'yes' if same else 'NO'} |", flush=True)
            if not same:
                return 1
    return 0


def _spin(n: int) -> float:
    """Seconds of a pure-Python loop of ``n`` additions (no I/O, no memory to speak of)."""
    began = time.perf_counter()
    total = 0
    for i in range(n):
        total += i
    return time.perf_counter() - began


def machine_scaling(jobs: int, n: int = 20_000_000, repeat: int = 3) -> float:
    """How much faster ``jobs`` copies of a pure-Python loop end than one run ``jobs`` times in
    a row: the most any ``--jobs`` can give on this machine now (on a virtual machine whose cores
    are shared, often well under ``jobs``). Best of ``repeat`` for each."""
    from concurrent.futures import ProcessPoolExecutor

    alone = min(_spin(n) for _ in range(repeat))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(_spin, [1000] * jobs))  # the workers started
        together = float("inf")
        for _ in range(repeat):
            began = time.perf_counter()
            list(pool.map(_spin, [n] * jobs))
            together = min(together, time.perf_counter() - began)
    return jobs * alone / together


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--rss", type=float, nargs="+", metavar="MB",
                        help="measure peak RSS of streaming vs in-memory extraction at these sizes of text")
    args = parser.parse_args(argv)
    if args.rss:
        return rss(args.rss, args.jobs[0])
    with tempfile.TemporaryDirectory() as tmp:
        n, size = make_corpus(Path(tmp), args.copies)
        print(f"{n:,} articles, {size / 1e6:.1f} MB of files; this machine's ceiling now (a pure-Python loop on "
              + ", ".join(f"{j} processes: {machine_scaling(j):.2f}x" for j in args.jobs if j > 1) + ")")
        print("| jobs | seconds | MB/s | speed-up | first article back | last article back | tables identical to jobs=1 |")
        print("|---|---|---|---|---|---|---|")
        base_time, base = None, None
        for jobs in args.jobs:
            best, steps = float("inf"), (0.0, 0.0)
            for _ in range(args.repeat):
                heard: list[float] = []
                began = time.perf_counter()
                corpus = toolkit.load(tmp, jobs=jobs, progress=lambda *_: heard.append(time.perf_counter()))
                took = time.perf_counter() - began
                if took < best:
                    best, steps = took, (heard[0] - began, heard[-1] - began)
            got = tables(corpus)
            if base is None:
                base_time, base, same = best, got, "—"
            else:
                same = "yes" if all(got[k].equals(base[k]) for k in base) else "NO"
            print(f"| {jobs} | {best:.1f} | {size / 1e6 / best:.2f} | {base_time / best:.2f}x | {steps[0]:.1f} s "
                  f"| {steps[1]:.1f} s | {same} |")
            if same == "NO":
                return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
