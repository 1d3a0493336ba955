"""A hostile corpus, generated here: every input is a row, nothing raises, time stays bounded.

Issue 11 lists what one untrusted article could do to a whole run: hang it, crash it after all
the work, lose inputs or misread numbers without a word. This test writes one corpus holding
each of those cases (small files, made by the test, never committed), reads it through the
command line in every output format, and checks the promises that hold for any input:

- every entry found under the input folder is an ``articles`` row, with a reason when it could
  not be read;
- nothing raises and the run ends within a generous bound;
- every offset of every table points at its surface text;
- JSON lines are strict JSON (no ``NaN``, no ``Infinity``);
- a second run writes the same bytes.

The exact reading of each case is asserted by the unit tests of its module.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import toolkit as tk

from conftest import REPO

#: Generous on purpose: the corpus extracts in a few seconds; a hang or a quadratic pass would
#: take minutes.
BOUND_SECONDS = 120


def _alias_bomb() -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    return "---\n" + "\n".join(lines) + "\ntitle: *a8\n---\nThe body.\n"


def _md(name: str, body: str, **meta: str) -> tuple[str, bytes]:
    head = "".join(f"{k}: {v}\n" for k, v in meta.items())
    return name, (f"---\n{head}---\n" if meta else "").encode() + body.encode()


def write_hostile_corpus(root: Path) -> int:
    """Write the corpus under ``root``; return how many entries it holds (each must be a row)."""
    files: list[tuple[str, bytes]] = [
        # hangs: a comma, then a long word, before a modal (backtracked exponentially once)
        _md("long-word.md", "The ministry said 3,000 troops, " + "x" * 45 + " would follow.",
            published="2024-11-01"),
        _md("long-sentence.md", ("troops and officials and " * 8000) + "1,500 troops arrived",
            published="2024-11-01"),
        ("short-lines.txt", ("Troops left.\n" * 20000).encode()),
        # dates out of pandas' nanosecond range
        _md("century.md", "Such forts were built in the 11th century, and 300 stand.", published="2024-11-01"),
        _md("year-one.md", "The ministry said 1,500 troops had left.", published="0001-01-01"),
        _md("year-9999.md", "The ministry said 1,500 troops had left.", published="9999-12-31"),
        _md("far-future.md", "On May 5, 2500, 40 envoys met. In the year 1000 a fort stood.",
            published="2024-11-01"),
        # metadata
        ("laughs.md", _alias_bomb().encode()),
        _md("dict-title.md", "Troops left.", title="{a: 1}"),
        ("nan-id.json", b'{"id": NaN, "text": "Troops left."}'),
        ("list-meta.jsonl", b'{"id": "l1", "outlet": ["a", "b"], "text": "Troops left."}\n'
                            b'{"id": "l2", "text": "Troops left again."}\n'),
        ("deep.json", b"[" * 100_000 + b"]" * 100_000),
        # numbers that must not be misread silently
        _md("numbers.md", "Officials said -5 troops, 10^400 troops, 1e308 troops, " + "9" * 400
            + " troops, 1.500 troops and 1,50 troops were counted.", published="2024-11-01"),
        # encodings
        ("mixed-bytes.txt", "The envoy\u2019s talks".encode() + b" went \xff on."),
        ("legacy.txt", "The envoy\u2019s caf\u00e9 talks.".encode("cp1252")),
        ("binary.txt", b"\x00\x01\x02" * 100),
        # formats
        ("fragment.json", b'{"id": "frag", "html": "<p>The ministry said 1,500 troops had left on Monday.</p>"}'),
        ("long-field.csv", b'id,text\nlong,"' + b"Troops arrived in the city on Monday. " * 5000 + b'"\n'),
        ("markup.html", b"<html><body><p>Seoul said <script>window.pwned=1</script>1,500 troops left.</p>"
                        b"</body></html>"),
        ("empty.md", b""),
        ("scan.pdf", b"%PDF-1.4"),
    ]
    for name, data in files:
        (root / name).write_bytes(data)
    os.mkfifo(root / "pipe.txt")
    (root / "dangling.md").symlink_to(root / "nowhere.md")
    (root / "loop-a.md").symlink_to(root / "loop-b.md")
    (root / "loop-b.md").symlink_to(root / "loop-a.md")
    (root / "sub").mkdir()
    (root / "sub" / "up").symlink_to(root)
    n_articles_in_files = len(files) + 1  # list-meta.jsonl holds two
    return n_articles_in_files + 5  # pipe, dangling, two loop links, the looping folder link


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile") / "corpus"
    root.mkdir()
    expected_rows = write_hostile_corpus(root)
    return root, expected_rows


def run_extract(inputs: Path, out: Path, fmt: str) -> tuple[subprocess.CompletedProcess, float]:
    began = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "toolkit", "extract", str(inputs), "--out", str(out),
                           "--format", fmt, "-q"], capture_output=True, text=True, cwd=REPO,
                          timeout=BOUND_SECONDS * 2)
    return proc, time.monotonic() - began


def test_every_input_is_a_row_and_the_run_is_bounded(hostile, tmp_path):
    root, expected_rows = hostile
    proc, took = run_extract(root, tmp_path, "csv")
    assert proc.returncode == 0, proc.stderr
    assert took < BOUND_SECONDS
    arts = pd.read_csv(tmp_path / "articles.csv", keep_default_na=False)
    assert len(arts) == expected_rows
    assert arts["article_id"].is_unique
    failed = arts[arts["status"] != "ok"]
    assert (failed["error"] != "").all()
    assert not failed["error"].str.contains("Traceback|RecursionError|OverflowError").any()
    # nothing readable was turned away: every ok-looking text file is ok
    ok = set(arts.loc[arts["status"] == "ok", "path"])
    for name in ("long-word.md", "long-sentence.md", "short-lines.txt", "century.md", "year-one.md",
                 "year-9999.md", "far-future.md", "nan-id.json", "numbers.md", "mixed-bytes.txt",
                 "legacy.txt", "fragment.json", "long-field.csv", "markup.html"):
        assert f"corpus/{name}" in ok, name


def test_offsets_round_trip_and_values_are_finite(hostile):
    root, _ = hostile
    corpus = tk.load(root)
    texts = dict(zip(corpus.articles["article_id"], corpus.articles["text"]))
    for name in tk.available_tables():  # the tables of one article each (claims and timeline have no offsets)
        frame = corpus.tables[name]
        for row in frame.itertuples():
            assert texts[row.article_id][row.start:row.end] == row.text, (name, row)
    for col in ("value", "low", "high"):
        values = corpus.figures[col].dropna()
        assert all(math.isfinite(v) for v in values), col


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_a_second_run_writes_the_same_bytes(hostile, tmp_path, fmt):
    root, _ = hostile
    first, _ = run_extract(root, tmp_path / "one", fmt)
    second, _ = run_extract(root, tmp_path / "two", fmt)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    names = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "two").iterdir())
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    if fmt == "jsonl":
        for name in names:
            for line in (tmp_path / "one" / name).read_text().splitlines():
                json.loads(line, parse_constant=lambda token: pytest.fail(f"{name}: {token} is not JSON"))
