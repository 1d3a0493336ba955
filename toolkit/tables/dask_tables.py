"""The Dask engine's tables: ``dask.bag`` over the inputs, ``dask.dataframe`` for the tables.

:func:`dask_tables` builds every table on the workers of a Dask cluster:

1. a bag of the input files (in the order ``read_articles`` reads them), :data:`CHUNK` files a
   partition; each worker reads its own files and extracts their articles. The ids are made
   unique on the client from the ids alone (a list of strings), as ``read_articles`` does.
2. ``articles``, ``dates``, ``figures`` and ``events`` are ``dask.dataframe`` frames of one
   pandas partition per bag partition.
3. ``claims``: each partition's figure rows (linked within their own article, which the
   partition holds whole) are shuffled by the key :func:`~toolkit.tables.claims.group_figures`
   groups them by, the source (``claimant_key``, or the source a headline speaks for), the
   category and whether it is an addition: no claim has figures of two keys, so each key is
   grouped on one worker, exactly as all of them at once. A figure that restates another in
   parentheses goes with the figure it restates. ``timeline``: the event rows are shuffled by
   the bucket :func:`~toolkit.tables.timeline.group_events` groups by (the kind, a statement's
   up to its family, and ``planned``): no event has rows of two buckets. Each row's
   ``claim_id`` / ``event_id`` comes back to its table by a merge on (article, row).
4. The documented sort (``articles`` by ``article_id``; ``dates``, ``figures``, ``events`` by
   article and row; ``claims`` and ``timeline`` as their modules sort them) makes the tables
   equal to the default engine's.

Dask is an optional extra (``pip install '.[dask]'``); this module is imported only when used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.read.formats import Defaults
from toolkit.read.lexicon import Lexicon
from toolkit.read.readers import Entry, unique_ids
from toolkit.records import Article
from toolkit.tables.claims import claim_inputs, claimant_key, claims_of
from toolkit.tables.extraction import CHUNK, default_jobs, lexicon_of
from toolkit.tables.frames import CLAIMS, SCHEMAS, TIMELINE, articles_frame, records_frame, typed_frame
from toolkit.tables.rows import text
from toolkit.tables.stream import Result, _read_and_extract
from toolkit.tables.timeline import _bucket, timeline_inputs, timeline_of

#: Dask settings for building and computing the tables: pandas' ``string`` columns kept as they
#: are (not turned into pyarrow strings) and shuffles done by tasks.
CONFIG = {"dataframe.convert-string": False, "dataframe.shuffle.method": "tasks"}

#: The per-article tables: their rows in table order are sorted by these columns (``_n``: the
#: row's place among its article's rows).
ORDER = {"articles": ["article_id"], "dates": ["article_id", "_n"], "figures": ["article_id", "_n"],
         "events": ["article_id", "_n"]}


@contextmanager
def cluster_client(scheduler: str | None) -> Iterator[Any]:
    """A client of the cluster at ``scheduler``, or of a ``LocalCluster`` (one worker process
    per core) started for the run and stopped after it."""
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=default_jobs(), threads_per_worker=1, processes=True,
                               dashboard_address=None)
    try:
        with Client(scheduler or cluster) as client:
            yield client
    finally:
        if cluster is not None:
            cluster.close()


def _extract_part(entries: Sequence[Entry], defaults: Defaults, tables: list[str], max_chars: int | None,
                  time_limit: float | None, lexicon_key: tuple[str, tuple[str, ...]] | None) -> list[Result]:
    return [r for found in _read_and_extract(entries, defaults, tables, max_chars, time_limit, lexicon_key)
            for r in found]


def _ids(part: Sequence[Result]) -> list[list[str]]:
    return [[art.article_id for art, _ in part]]


def _rename(part: Sequence[Result], names: Sequence[list[str]]) -> list[Result]:
    from dataclasses import replace

    new = names[0] if names else []
    return [(replace(art, article_id=aid) if aid != art.article_id else art, found)
            for (art, found), aid in zip(part, new)]


def _frame(part: Sequence[Result], name: str) -> pd.DataFrame:
    if name == "articles":
        return articles_frame([art for art, _ in part])
    frame = records_frame(name, [(art.article_id, rec) for art, found in part for rec in found.get(name, [])])
    return frame.assign(_n=frame.groupby("article_id", sort=False).cumcount().astype("int64"))


def _meta(name: str) -> pd.DataFrame:
    return _frame([], name)


def _claim_rows(part: Sequence[Result]) -> list[dict[str, Any]]:
    """The figure rows of a partition, each with its shuffle key, its place ``_uid`` and what
    its claim's row reads of its article (outlet, sentence)."""
    arts = articles_frame([art for art, _ in part])
    figures = _frame(part, "figures")
    rows, sentences = claim_inputs(figures.drop(columns="_n"), arts)
    outlets = dict(zip(arts["article_id"], arts["outlet"]))
    for row, n in zip(rows, figures["_n"]):
        row["_uid"] = (row["article_id"], int(n))
        row["_outlet"] = outlets.get(row["article_id"])
        row["_sentence"] = sentences.get((row["article_id"], int(row["sentence_id"] or 0)))
    for row in rows:
        root = row
        while root.get("_restates") is not None:
            root = rows[root["_restates"]]
        row["_key"] = (root.get("_voice") or claimant_key(root.get("party"), root.get("claimant")),
                       text(root.get("category")), str(root.get("scope") == "increment"))
    for row in rows:
        if row.get("_restates") is not None:
            row["_restates"] = rows[row["_restates"]]["_uid"]
    return rows


def _claims_of_key(item: tuple[Any, list[dict[str, Any]]]) -> tuple[list[dict[str, Any]], list[tuple[Any, ...]]]:
    """The claims of one key's figure rows (in table order), and each row's ``claim_id``."""
    rows = sorted(item[1], key=lambda r: r["_uid"])
    where = {r["_uid"]: i for i, r in enumerate(rows)}
    rows = [{**r, "_restates": where[r["_restates"]]} if r.get("_restates") is not None else r for r in rows]
    outlets = {r["article_id"]: r["_outlet"] for r in rows}
    sentences = {(r["article_id"], int(r["sentence_id"] or 0)): r["_sentence"] for r in rows
                 if r["_sentence"] is not None}
    claims, ids = claims_of(rows, outlets, sentences)
    return claims, [(*r["_uid"], cid) for r, cid in zip(rows, ids)]


def _event_rows(part: Sequence[Result]) -> list[dict[str, Any]]:
    arts = articles_frame([art for art, _ in part])
    events = _frame(part, "events")
    rows = timeline_inputs(events.drop(columns="_n"), arts)
    for row, n in zip(rows, events["_n"]):
        row["_uid"] = (row["article_id"], int(n))
    return rows


def _timeline_of_bucket(item: tuple[Any, list[dict[str, Any]]], lexicon_key: tuple[str, tuple[str, ...]] | None,
                        ) -> tuple[list[dict[str, Any]], list[tuple[Any, ...]]]:
    rows = sorted(item[1], key=lambda r: r["_uid"])
    events, ids = timeline_of(rows, lexicon_of(lexicon_key))
    return events, [(*r["_uid"], eid) for r, eid in zip(rows, ids)]


def _id_frame(pairs: Sequence[tuple[Any, ...]], column: str) -> pd.DataFrame:
    frame = pd.DataFrame({"article_id": pd.array([p[0] for p in pairs], dtype="string"),
                          "_n": pd.array([p[1] for p in pairs], dtype="int64"),
                          column: pd.array([p[2] for p in pairs], dtype="string")})
    return frame


def dask_tables(
    client: Any,
    entries: list[Entry],
    defaults: Defaults,
    tables: list[str],
    *,
    max_chars: int | None,
    time_limit: float | None,
    lexicon: Lexicon | None = None,
) -> tuple[dict[str, Any], dict[str, pd.DataFrame]]:
    """The per-article tables as ``dask.dataframe`` frames (each with ``_n``, see :data:`ORDER`;
    unsorted across partitions; under ``_keep``, what they are computed from, to hold while
    they are) and ``claims`` and ``timeline`` as pandas frames (grouped on the
    workers after a shuffle by key, sorted as the default engine sorts them)."""
    import dask
    import dask.bag as db
    import dask.dataframe as dd

    key = None if lexicon is None else lexicon.key
    with dask.config.set(CONFIG):
        bag = db.from_sequence(entries, partition_size=CHUNK) if entries else db.from_sequence([[]], npartitions=1)
        if entries:
            results = bag.map_partitions(_extract_part, defaults, tables, max_chars, time_limit, key)
        else:
            results = bag.map_partitions(lambda part: [])
        results = client.persist(results)
        keep = [results]  # what the frames are computed from: held until the caller is done
        seen: dict[str, int] = {}
        renamed_ids = [[a.article_id for a in unique_ids([Article(article_id=i) for i in ids], seen)]
                       for ids in client.compute(results.map_partitions(_ids)).result()]
        names = db.from_sequence(renamed_ids, npartitions=len(renamed_ids))
        results = client.persist(results.map_partitions(_rename, names))
        keep.append(results)
        parts = results.to_delayed()
        frames = {name: dd.from_delayed([dask.delayed(_frame)(p, name) for p in parts], meta=_meta(name),
                                        verify_meta=False)
                  for name in ["articles", *tables]}
        cross: dict[str, pd.DataFrame] = {}
        n = max(results.npartitions, 1)
        if "figures" in frames:
            rows = db.from_delayed([dask.delayed(_claim_rows)(p) for p in parts])
            done = rows.groupby(lambda r: r["_key"], npartitions=n).map(_claims_of_key)
            claims, ids = _collect(client, done, keep)
            claims.sort(key=lambda c: (c["as_of"] is None, c["as_of"] or pd.Timestamp.min, c["claim_id"]))
            cross["claims"] = typed_frame(claims, CLAIMS)
            frames["figures"] = _with_ids(frames["figures"], ids, "claim_id", "figures")
        if "events" in frames:
            rows = db.from_delayed([dask.delayed(_event_rows)(p) for p in parts])
            done = rows.groupby(lambda r: _bucket(r), npartitions=n).map(_timeline_of_bucket, key)
            events, ids = _collect(client, done, keep)
            events.sort(key=lambda r: (_stamp(r["date"]) is None, _stamp(r["date"]) or pd.Timestamp.min,
                                       _stamp(r["first_reported"]) is None,
                                       _stamp(r["first_reported"]) or pd.Timestamp.min, r["event_id"]))
            cross["timeline"] = typed_frame(events, TIMELINE)
            frames["events"] = _with_ids(frames["events"], ids, "event_id", "events")
    frames = dict(zip(frames, client.persist(list(frames.values()))))  # sorted, counted and written from here
    frames["_keep"] = keep
    return frames, cross


def _stamp(value: Any) -> pd.Timestamp | None:
    return None if value is None or value is pd.NaT else pd.Timestamp(value)


def _collect(client: Any, done: Any, keep: list[Any]) -> tuple[list[dict[str, Any]], Any]:
    """The grouped rows of every key (brought to the client: one row per claim or event) and the
    ids of every row, left on the cluster as a bag of (article, row, id)."""
    done = client.persist(done)
    keep.append(done)
    rows = [row for out, _ in client.compute(done).result() for row in out]
    return rows, done.map(lambda item: item[1]).flatten()


def _with_ids(frame: Any, ids: Any, column: str, name: str) -> Any:
    """``frame`` with ``column`` filled from the bag of (article, row, id), merged on them."""
    ids_frame = ids.map_partitions(lambda part: [_id_frame(list(part), column)])
    import dask
    import dask.dataframe as dd

    id_parts = [dask.delayed(lambda p: p[0])(d) for d in ids_frame.to_delayed()]
    meta = _id_frame([], column)
    merged = frame.drop(columns=[column]).merge(dd.from_delayed(id_parts, meta=meta, verify_meta=False),
                                                on=["article_id", "_n"], how="left")
    return merged[[*SCHEMAS[name], "_n"]]


def _part_in_order(part: pd.DataFrame, name: str) -> pd.DataFrame:
    return part.sort_values(ORDER[name], kind="stable").drop(columns=["_n"], errors="ignore")


def _write_part(part: pd.DataFrame, path: Path) -> None:
    part.reset_index(drop=True).to_parquet(path, index=False)


def _part_name(i: int) -> str:
    """Part files named so that their names sort in their order."""
    return f"part.{i:06d}.parquet"


def sorted_frame(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """A computed per-article table in the default engine's order, without ``_n``."""
    frame = frame.sort_values(ORDER[name], kind="stable").reset_index(drop=True)
    return frame.drop(columns=["_n"], errors="ignore")


def write_dask(out: Path, fmt: str, frames: dict[str, Any], cross: dict[str, pd.DataFrame],
               progress: Callable[[str], None] | None = None) -> list[Path]:
    """Write the tables into ``out``: Parquet as a folder of part files per table (sorted
    across the parts, ``read_tables`` reads them back), CSV and JSON lines as one file each,
    written a partition at a time in table order."""
    from toolkit.tables.corpus import _WRITERS
    from toolkit.tables.stream import _Sink

    paths = []
    for name, frame in frames.items():
        if name == "_keep":
            continue
        ordered = frame.sort_values(ORDER[name]).map_partitions(_part_in_order, name,
                                                                meta=frame._meta.drop(columns=["_n"], errors="ignore"))
        path = out / f"{name}.{fmt}"
        if fmt == "parquet":  # each worker writes its parts (on a cluster: into shared storage)
            import dask

            path.mkdir(parents=True, exist_ok=True)
            dask.compute(*[dask.delayed(_write_part)(part, path / _part_name(i))
                           for i, part in enumerate(ordered.to_delayed())])
        else:
            sink = _Sink(path, fmt)
            try:
                for part in ordered.to_delayed():
                    sink.write(part.compute().reset_index(drop=True))
            finally:
                sink.close()
        paths.append(path)
    for name, frame in cross.items():
        path = out / f"{name}.{fmt}"
        if fmt == "parquet":
            path.mkdir(parents=True, exist_ok=True)
            _WRITERS[fmt](frame, path / _part_name(0))
        else:
            _WRITERS[fmt](frame, path)
        paths.append(path)
    return paths


def extract_with_cluster(out: Path, inputs: Any, *, format: str, defaults: Defaults, scheduler: str | None,
                         max_chars: int | None, time_limit: float | None,
                         lexicon: Lexicon | None = None) -> tuple[list[Path], dict[str, int]]:
    """``toolkit extract --engine dask``: the tables built on the cluster and written into
    ``out`` by :func:`write_dask`; returns the paths and the counts of ``Corpus.summary``."""
    import dask

    from toolkit.tables.corpus import available_tables
    from toolkit.tables.stream import ordered_entries

    tables = available_tables()
    out.mkdir(parents=True, exist_ok=True)
    with cluster_client(scheduler) as client, dask.config.set(CONFIG):
        frames, cross = dask_tables(client, ordered_entries(inputs), defaults, tables, max_chars=max_chars,
                                    time_limit=time_limit, lexicon=lexicon)
        status = frames["articles"]["status"].value_counts().compute()
        counts = {s: int(status.get(s, 0)) for s in ("ok", "empty", "error")}
        counts.update({name: int(len(frames[name])) for name in tables})
        counts.update({name: len(frame) for name, frame in cross.items()})
        paths = write_dask(out, format, frames, cross)
    return paths, counts
