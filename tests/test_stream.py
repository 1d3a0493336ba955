"""Streaming extraction (``toolkit extract``, ``tk.extract_to``) writes the files of the
in-memory path: the same bytes for CSV and JSON lines, the same frames for Parquet, whatever the
batch size, the number of jobs or the order of the inputs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import toolkit as tk
from toolkit.errors import InvalidArgument, UnknownFormat

from conftest import INPUTS, SAMPLE

NAMES = ["articles", "dates", "figures", "events", "claims", "timeline"]


@pytest.fixture(scope="module")
def replicated(tmp_path_factory) -> Path:
    """The sample twice over under the same file names (so ids collide and are made unique
    across batches), beside the reader fixtures (several articles a file, error rows)."""
    root = tmp_path_factory.mktemp("replicated")
    for k in range(2):
        shutil.copytree(SAMPLE, root / f"copy{k}" / "articles")
    shutil.copytree(INPUTS, root / "inputs")
    return root


@pytest.fixture(scope="module")
def in_memory(replicated, tmp_path_factory) -> dict[str, Path]:
    corpus = tk.load(sorted(replicated.iterdir()), jobs=1)
    out = {}
    for fmt in ("csv", "jsonl", "parquet"):
        out[fmt] = tmp_path_factory.mktemp(f"memory-{fmt}")
        corpus.write(out[fmt], format=fmt)
    return out


def _same_files(streamed: Path, expected: Path, fmt: str) -> None:
    assert sorted(p.name for p in streamed.iterdir()) == sorted(f"{n}.{fmt}" for n in NAMES)  # no spill left
    for name in NAMES:
        got, want = streamed / f"{name}.{fmt}", expected / f"{name}.{fmt}"
        if fmt == "parquet":
            pd.testing.assert_frame_equal(pd.read_parquet(got), pd.read_parquet(want))
        else:
            assert got.read_bytes() == want.read_bytes(), name


@pytest.mark.parametrize(("fmt", "batch"), [("csv", 1), ("jsonl", 7), ("parquet", 7), ("csv", 500)])
def test_streamed_tables_equal_the_in_memory_ones(replicated, in_memory, tmp_path, fmt, batch):
    paths, counts = tk.extract_to(tmp_path, sorted(replicated.iterdir()), format=fmt, jobs=1, batch=batch)
    assert [p.name for p in paths] == [f"{n}.{fmt}" for n in NAMES]
    _same_files(tmp_path, in_memory[fmt], fmt)
    assert counts == tk.read_tables(tmp_path).summary() | {"ok": counts["ok"]}
    assert counts["error"] > 0 and counts["figures"] > 0


def test_two_jobs_and_inputs_in_another_order_write_the_same_bytes(replicated, in_memory, tmp_path):
    inputs = sorted(replicated.iterdir(), reverse=True)
    seen = []
    tk.extract_to(tmp_path, inputs, format="csv", jobs=2, batch=10, progress=lambda i, n, p: seen.append((i, n)))
    _same_files(tmp_path, in_memory["csv"], "csv")
    assert seen[-1][0] == seen[-1][1] and [i for i, _ in seen] == list(range(1, len(seen) + 1))


def test_the_cli_streams_the_sample_to_the_bytes_of_load(tmp_path):
    from toolkit.cli import main

    tk.load(SAMPLE, jobs=1).write(tmp_path / "memory", format="jsonl")
    assert main(["extract", str(SAMPLE), "--out", str(tmp_path / "cli"), "--format", "jsonl", "-q",
                 "--jobs", "1"]) == 0
    _same_files(tmp_path / "cli", tmp_path / "memory", "jsonl")


def test_an_empty_folder_writes_empty_tables(tmp_path):
    (tmp_path / "in").mkdir()
    tk.load(tmp_path / "in").write(tmp_path / "memory", format="csv")
    _, counts = tk.extract_to(tmp_path / "out", tmp_path / "in", format="csv")
    assert counts["ok"] == counts["error"] == counts["figures"] == 0
    _same_files(tmp_path / "out", tmp_path / "memory", "csv")


def test_bad_arguments_are_refused(tmp_path):
    with pytest.raises(UnknownFormat):
        tk.extract_to(tmp_path, SAMPLE, format="acled")
    with pytest.raises(InvalidArgument, match="batch"):
        tk.extract_to(tmp_path, SAMPLE, batch=0)
    with pytest.raises(InvalidArgument, match="jobs"):
        tk.extract_to(tmp_path, SAMPLE, jobs=0)
