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


@pytest.mark.parametrize("kwargs, message", [
    ({"engine": "spark"}, "engine must be one of"),
    ({"scheduler": "tcp://127.0.0.1:1"}, "goes with engine='dask'"),
])
def test_engine_arguments_are_checked(kwargs, message):
    with pytest.raises(InvalidArgument, match=message):
        tk.load(SAMPLE, **kwargs)
