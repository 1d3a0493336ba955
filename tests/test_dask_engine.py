"""The Dask engine builds the same tables as the default one, on a real two-worker cluster."""

from __future__ import annotations

import pandas as pd
import pytest

import toolkit as tk
from toolkit.errors import InvalidArgument

from conftest import INPUTS, SAMPLE

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def test_a_two_worker_cluster_gives_the_default_engines_tables(cluster):
    inputs = [SAMPLE, INPUTS]
    default = tk.load(inputs, jobs=1)
    seen = []
    on_dask = tk.load(inputs, engine="dask", scheduler=cluster.scheduler_address,
                      progress=lambda i, n, name: seen.append(i))
    pd.testing.assert_frame_equal(on_dask.articles, default.articles)
    assert set(on_dask.tables) == set(default.tables)
    for name, frame in default.tables.items():
        pd.testing.assert_frame_equal(on_dask.tables[name], frame)
    assert seen == list(range(1, len(default.articles) + 1))


def test_the_cli_writes_the_same_bytes_with_the_dask_engine(cluster, tmp_path):
    from toolkit.cli import main

    assert main(["extract", str(SAMPLE), "--out", str(tmp_path / "d"), "-q", "--jobs", "1"]) == 0
    assert main(["extract", str(SAMPLE), "--out", str(tmp_path / "k"), "-q", "--engine", "dask",
                 "--scheduler", cluster.scheduler_address]) == 0
    for path in sorted((tmp_path / "d").iterdir()):
        assert (tmp_path / "k" / path.name).read_bytes() == path.read_bytes(), path.name


def test_the_cli_writes_jsonl_as_one_file_and_parquet_as_parts_that_read_back_equal(cluster, tmp_path):
    from toolkit.cli import main

    inputs = [str(SAMPLE), str(INPUTS)]
    for fmt in ("jsonl", "parquet"):
        assert main(["extract", *inputs, "--out", str(tmp_path / f"d-{fmt}"), "-q", "--jobs", "1",
                     "--format", fmt]) == 0
        assert main(["extract", *inputs, "--out", str(tmp_path / f"k-{fmt}"), "-q", "--format", fmt,
                     "--engine", "dask", "--scheduler", cluster.scheduler_address]) == 0
    for path in sorted((tmp_path / "d-jsonl").iterdir()):
        assert (tmp_path / "k-jsonl" / path.name).read_bytes() == path.read_bytes(), path.name
    parts = sorted((tmp_path / "k-parquet" / "figures.parquet").glob("*.parquet"))
    assert len(parts) > 1  # partitioned: a folder of part files
    default, on_dask = tk.read_tables(tmp_path / "d-parquet"), tk.read_tables(tmp_path / "k-parquet")
    pd.testing.assert_frame_equal(on_dask.articles, default.articles)
    for name, frame in default.tables.items():
        pd.testing.assert_frame_equal(on_dask.tables[name], frame, obj=name)


def test_claims_and_timeline_keys_hold_whole_groups():
    """The shuffle keys are exact: grouping each key's rows alone gives the claims and events
    of grouping them all at once."""
    from toolkit.tables.claims import claim_inputs, claimant_key, claims_of
    from toolkit.tables.rows import text
    from toolkit.tables.timeline import _bucket, timeline_inputs, timeline_of

    corpus = tk.load([SAMPLE, INPUTS], jobs=1)
    rows, sentences = claim_inputs(corpus.figures, corpus.articles)
    outlets = dict(zip(corpus.articles["article_id"], corpus.articles["outlet"]))
    whole, _ = claims_of(rows, outlets, sentences)

    def key(r):
        while r.get("_restates") is not None:
            r = rows[r["_restates"]]
        return (r.get("_voice") or claimant_key(r.get("party"), r.get("claimant")), text(r.get("category")),
                str(r.get("scope") == "increment"))

    by_key = {}
    for i, r in enumerate(rows):
        by_key.setdefault(key(r), []).append(i)
    parts = []
    for idx in by_key.values():
        where = {j: k for k, j in enumerate(idx)}
        sub = [{**rows[j], "_restates": where[rows[j]["_restates"]]} if rows[j].get("_restates") is not None
               else rows[j] for j in idx]
        parts.extend(claims_of(sub, outlets, sentences)[0])
    assert sorted(c["claim_id"] for c in parts) == sorted(c["claim_id"] for c in whole)
    events = timeline_inputs(corpus.events, corpus.articles)
    buckets = {}
    for r in events:
        buckets.setdefault(_bucket(r), []).append(r)
    split = [e["event_id"] for b in buckets.values() for e in timeline_of(b)[0]]
    assert sorted(split) == sorted(e["event_id"] for e in timeline_of(events)[0])


@pytest.mark.parametrize("kwargs, message", [
    ({"engine": "spark"}, "engine must be one of"),
    ({"scheduler": "tcp://127.0.0.1:1"}, "goes with engine='dask'"),
])
def test_engine_arguments_are_checked(kwargs, message):
    with pytest.raises(InvalidArgument, match=message):
        tk.load(SAMPLE, **kwargs)
