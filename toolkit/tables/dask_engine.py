"""The Dask engine: the tables built by the workers of a Dask cluster.

``tk.load(..., engine="dask")`` (:func:`load_with_dask`) and ``toolkit extract --engine dask
[--scheduler ADDRESS]`` build every table on the cluster (:mod:`toolkit.tables.dask_tables`:
a ``dask.bag`` over the input files, ``dask.dataframe`` for the tables, ``claims`` and
``timeline`` grouped after a shuffle by their keys), with the default engine's tables after
the documented sort. With a scheduler address the work goes to that cluster (any Dask
deployment: ``dask scheduler`` and ``dask worker ADDRESS`` on the machines, Kubernetes, a batch
system); without one a ``LocalCluster`` of one worker process per core is started for the run
and stopped after it. :func:`extract_with_dask` extracts articles already read (what
``build_corpus(..., engine="dask")`` is given) and brings their records back in input order.

Dask is an optional extra (``pip install '.[dask]'``); this module imports it only when used.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from toolkit.errors import InvalidArgument
from toolkit.records import Article
from toolkit.read.lexicon import Lexicon
from toolkit.tables.extraction import CHUNK, extract_article, lexicon_of

#: The engines :func:`toolkit.load` knows.
ENGINES = ("default", "dask")


def check_engine(engine: object, scheduler: object) -> str:
    """``engine`` as given to ``load``; a scheduler address only goes with the Dask engine."""
    if engine not in ENGINES:
        raise InvalidArgument(f"engine must be one of {', '.join(ENGINES)}, got {engine!r}")
    if scheduler is not None and engine != "dask":
        raise InvalidArgument("a scheduler address goes with engine='dask' (--engine dask)")
    if scheduler is not None and not isinstance(scheduler, str):
        raise InvalidArgument(f"scheduler must be an address such as 'tcp://10.0.0.5:8786', got {scheduler!r}")
    return str(engine)


def _extract_partition(part: Sequence[Article], tables: list[str], max_chars: int | None,
                       time_limit: float | None, lexicon_key: tuple[str, tuple[str, ...]] | None = None,
                       ) -> list[tuple[Article, dict[str, list[Any]]]]:
    lexicon = lexicon_of(lexicon_key)
    return [extract_article(art, tables, max_chars=max_chars, time_limit=time_limit, lexicon=lexicon)
            for art in part]


def extract_with_dask(
    articles: Sequence[Article],
    tables: list[str],
    *,
    scheduler: str | None = None,
    max_chars: int | None,
    time_limit: float | None,
    progress: Callable[[int, int, str], None] | None = None,
    lexicon: Lexicon | None = None,
) -> list[tuple[Article, dict[str, list[Any]]]]:
    """``(article, records per table)`` for every article, in input order, computed by the
    workers of the cluster at ``scheduler`` (None: a ``LocalCluster`` started for the run) with
    ``lexicon`` (None: the workers' default one; else its folder and parties files, which the
    workers must be able to read at the same paths)."""
    try:
        import dask.bag as db

        from toolkit.tables.dask_tables import cluster_client
    except ImportError:  # pragma: no cover - the extra is part of the dev install
        raise InvalidArgument("engine='dask' needs the dask extra: pip install '.[dask]'") from None
    if not articles:
        return []
    with cluster_client(scheduler) as client:
        bag = db.from_sequence(list(articles), partition_size=CHUNK)
        done = bag.map_partitions(_extract_partition, tables, max_chars, time_limit,
                                  None if lexicon is None else lexicon.key)
        results = client.compute(done).result()
    for i, (art, _) in enumerate(results, 1):
        if progress is not None:
            progress(i, len(results), art.article_id)
    return list(results)


def load_with_dask(
    paths: Any,
    *,
    defaults: Any,
    scheduler: str | None,
    max_chars: int | None,
    time_limit: float | None,
    progress: Callable[[int, int, str], None] | None = None,
    lexicon: Lexicon | None = None,
) -> Any:
    """``load(paths, engine="dask")``: every table built on the cluster
    (:func:`toolkit.tables.dask_tables.dask_tables`), computed and put in the default engine's
    order, so the Corpus equals the default engine's."""
    try:
        from toolkit.tables.dask_tables import cluster_client, dask_tables, sorted_frame
    except ImportError:  # pragma: no cover - the extra is part of the dev install
        raise InvalidArgument("engine='dask' needs the dask extra: pip install '.[dask]'") from None
    from toolkit.tables.corpus import Corpus, available_tables
    from toolkit.tables.stream import ordered_entries

    import dask

    from toolkit.tables.dask_tables import CONFIG

    tables = available_tables()
    with cluster_client(scheduler) as client, dask.config.set(CONFIG):
        frames, cross = dask_tables(client, ordered_entries(paths), defaults, tables, max_chars=max_chars,
                                    time_limit=time_limit, lexicon=lexicon)
        computed = {name: sorted_frame(client.compute(frame).result(), name) for name, frame in frames.items()
                    if name != "_keep"}
    articles = computed.pop("articles")
    for i, aid in enumerate(articles["article_id"], 1):
        if progress is not None:
            progress(i, len(articles), aid)
    return Corpus(articles=articles, tables={**{n: computed[n] for n in tables}, **cross})
