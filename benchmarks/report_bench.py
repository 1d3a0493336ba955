"""Time ``toolkit report`` on the bundled corpus: wall clock and CPU seconds, warm.

"Warm" means a second run on a machine that has already built the report once (Python's byte
code compiled, the gazetteer's field cache written, the OS file cache filled), which is what
an analyst re-running the report sees. The first run is done and reported apart ("cold").
Each run writes into a temporary folder; CPU seconds are those of the whole process tree (the
CLI, its extraction, the notebook kernels), read from ``getrusage(RUSAGE_CHILDREN)``.

Wall time on a shared machine says little: look at the load average printed beside it, and
at the CPU seconds, which do not depend on what else runs (much).

Usage (from the repository root)::

    .venv/bin/python benchmarks/report_bench.py [--repeat 3] [--corpus data/articles]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TOOLKIT = Path(sys.executable).with_name("toolkit")


def run_once(corpus: Path, out: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one ``toolkit report`` into ``out``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run([str(TOOLKIT), "report", str(corpus), "--out", str(out), "--quiet"],
                          cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"toolkit report failed ({done.returncode}):\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="warm runs (default 3)")
    parser.add_argument("--corpus", type=Path, default=REPO / "data" / "articles")
    args = parser.parse_args(argv)
    if not TOOLKIT.exists():
        raise SystemExit(f"no toolkit command beside {sys.executable}: run `make venv` first")
    print(f"{os.cpu_count()} cores; load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        wall, cpu = run_once(args.corpus, Path(tmp) / "cold")
        print(f"cold    {wall:6.1f} s wall {cpu:6.1f} s CPU")
        walls, cpus = [], []
        for k in range(args.repeat):
            wall, cpu = run_once(args.corpus, Path(tmp) / f"warm{k}")
            walls.append(wall)
            cpus.append(cpu)
            print(f"warm {k + 1}  {wall:6.1f} s wall {cpu:6.1f} s CPU  (load {os.getloadavg()[0]:.2f})")
    print(f"best warm: {min(walls):.1f} s wall, {min(cpus):.1f} s CPU over {args.repeat} runs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
