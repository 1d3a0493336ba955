"""Streaming extraction: a corpus larger than memory read, extracted and written in batches.

:func:`extract_to` is what ``toolkit extract`` runs: it writes the same files as
``load(...).write(out, format=...)`` (the same bytes for CSV and JSON lines, the same frames
for Parquet) while holding only a batch of articles at a time:

1. The input files are listed and put in the order :func:`~toolkit.read.readers.read_articles`
   reads them (by stored path), then read and extracted a batch of :data:`BATCH` articles at a
   time, the worker processes reading their own files (a task names files, not texts). The ids
   are made unique as the batches go, as ``read_articles`` does all at once.
2. Each batch is sorted by ``article_id`` and spilled, one pickled article (with its records) after
   another, into a temporary folder under the output folder (removed at the end). What the
   tables across articles need is kept: for each figure and event its compact row (no article
   text: the links between figures of one article are worked out from its batch's texts), the
   sentence a figure stands in, and each article's outlet.
3. ``claims`` and ``timeline`` are grouped from those rows, in the order of the whole tables.
4. The spills are merged by ``article_id`` (each is sorted, so one article of each is in memory
   at a time) and the per-article tables written in windows of :data:`BATCH` articles, each
   appended to its file (a Parquet row group a window), with the ids of step 3 filled in.

Peak memory is a batch of articles plus the compact rows, which grow with the number of figures
and events but hold no article text. ``toolkit.load`` keeps everything in memory (it returns
the tables) and is unchanged.
"""

from __future__ import annotations

import datetime as dt
import heapq
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, BinaryIO

import pandas as pd

from toolkit.errors import InvalidArgument, UnknownFormat, choice_error
from toolkit.read.formats import Defaults, error_article
from toolkit.read.lexicon import Lexicon
from toolkit.read.readers import Entry, find_inputs, read_file, unique_ids
from toolkit.records import Article
from toolkit.tables.claims import claim_inputs, claims_of
from toolkit.tables.corpus import (DEFAULT_MAX_CHARS, DEFAULT_TIME_LIMIT, _WRITERS, _check_limits, _jsonable,
                                   _lexicon_argument, _published_argument, available_tables)
from toolkit.tables.extraction import CHUNK, check_jobs, extract_article, lexicon_of, pool_size, worker_pool
from toolkit.tables.frames import CLAIMS, TIMELINE, articles_frame, records_frame, typed_frame
from toolkit.tables.timeline import timeline_inputs, timeline_of

#: Articles per batch (extracted, then spilled) and per window written out.
BATCH = 500
#: The formats :func:`extract_to` streams (``acled`` is one table across articles: use ``load``).
STREAM_FORMATS = ("csv", "parquet", "jsonl")

Result = tuple[Article, dict[str, list[Any]]]


def ordered_entries(inputs: Iterable[str | Path]) -> list[Entry]:
    """The entries of ``inputs`` in the order ``read_articles`` gives their articles: by stored
    path, then by real path (a file's own articles keep their order in it)."""
    entries = find_inputs(inputs)
    return sorted(entries, key=lambda e: (e.shown, os.path.realpath(e.path)))


def _read_entry(entry: Entry, defaults: Defaults) -> list[Article]:
    """One entry's articles, as ``read_articles`` reads them (before the ids are made unique)."""
    if entry.problem is not None:
        return [error_article(entry.path.stem or entry.shown, entry.shown, entry.problem)]
    return read_file(entry.path, defaults=defaults, shown=entry.shown)


def _read_and_extract(entries: Sequence[Entry], defaults: Defaults, tables: list[str], max_chars: int | None,
                      time_limit: float | None, lexicon_key: tuple[str, tuple[str, ...]] | None = None,
                      lexicon: Lexicon | None = None) -> list[list[Result]]:
    """A task: read each entry's file here and extract its articles (one list per entry)."""
    lexicon = lexicon if lexicon is not None else lexicon_of(lexicon_key)
    return [[extract_article(art, tables, max_chars=max_chars, time_limit=time_limit, lexicon=lexicon)
             for art in _read_entry(entry, defaults)] for entry in entries]


def results_by_entry(entries: list[Entry], defaults: Defaults, tables: list[str], *, jobs: int | None,
                     max_chars: int | None, time_limit: float | None, lexicon: Lexicon | None,
                     progress: Callable[[int, int, str], None] | None,
                     pool: ProcessPoolExecutor | None) -> Iterator[list[Result]]:
    """Every entry's extracted articles, in entry order, on ``pool`` (``worker_pool(jobs,
    len(entries))``; None: in this process); at most a few tasks per worker are in flight, so
    memory holds no more than those."""
    tasks = [entries[i:i + CHUNK] for i in range(0, len(entries), CHUNK)]
    key = None if lexicon is None else lexicon.key
    done = 0

    def tick(entry: Entry) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, len(entries), str(entry.path))

    def here(task: Sequence[Entry]) -> Iterator[list[Result]]:
        for entry, found in zip(task, _read_and_extract(task, defaults, tables, max_chars, time_limit,
                                                         lexicon=lexicon)):
            tick(entry)
            yield found

    if pool is None:
        for task in tasks:
            yield from here(task)
        return
    finished = 0
    try:
        ahead: list[Future[list[list[Result]]]] = []
        submitted = 0
        while finished < len(tasks):
            while submitted < len(tasks) and len(ahead) < 3 * pool_size(jobs, len(entries)):
                ahead.append(pool.submit(_read_and_extract, tasks[submitted], defaults, tables, max_chars,
                                         time_limit, key))
                submitted += 1
            results = ahead.pop(0).result()
            for entry, found in zip(tasks[finished], results):
                tick(entry)
                yield found
            finished += 1
    except BrokenProcessPool:
        for task in tasks[finished:]:
            yield from here(task)


class _Sink:
    """One table's file, written a window of rows at a time: CSV and JSON lines appended,
    Parquet one row group a window (``pyarrow.parquet.ParquetWriter``)."""

    def __init__(self, path: Path, fmt: str) -> None:
        self.path, self.fmt = path, fmt
        self.fh: Any = None
        self.writer: Any = None

    def write(self, frame: pd.DataFrame) -> None:
        if self.fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            if self.writer is None:
                table = pa.Table.from_pandas(frame, preserve_index=False)
                self.writer = pq.ParquetWriter(self.path, table.schema)
            else:
                table = pa.Table.from_pandas(frame, schema=self.writer.schema, preserve_index=False)
            self.writer.write_table(table)
            return
        first = self.fh is None
        if first:
            self.fh = self.path.open("w", encoding="utf-8", newline="")
        if self.fmt == "csv":
            frame.to_csv(self.fh, index=False, header=first, date_format="%Y-%m-%d", lineterminator="\n")
        else:
            write_jsonl_rows(frame, self.fh)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        if self.fh is not None:
            self.fh.close()


def write_jsonl_rows(frame: pd.DataFrame, fh: Any) -> None:
    """The rows of ``frame`` as JSON lines (as ``Corpus.to_jsonl`` writes them) onto ``fh``."""
    import json

    for row in frame.to_dict(orient="records"):
        fh.write(json.dumps({k: _jsonable(v) for k, v in row.items()}, ensure_ascii=False, allow_nan=False) + "\n")


def _spilled(path: Path) -> Iterator[tuple[str, Result]]:
    """The articles of one spill file, in its (``article_id``) order."""
    with path.open("rb") as fh:
        while True:
            try:
                art, found = pickle.load(fh)
            except EOFError:
                return
            yield art.article_id, (art, found)


class _Across:
    """What ``claims`` and ``timeline`` need of every batch, gathered batch by batch."""

    def __init__(self, tables: list[str]) -> None:
        self.tables = tables
        self.figures: list[dict[str, Any]] = []
        self.figure_keys: list[tuple[str, int, int]] = []
        self.sentences: dict[tuple[str, int], str] = {}
        self.outlets: dict[str, Any] = {}
        self.events: list[dict[str, Any]] = []
        self.event_keys: list[tuple[str, int, int]] = []

    def add(self, batch: Sequence[Result]) -> None:
        arts = articles_frame([art for art, _ in batch])
        self.outlets.update(zip(arts["article_id"], arts["outlet"]))
        if "figures" in self.tables:
            figures = _records(batch, "figures")
            rows, sentences = claim_inputs(figures, arts)
            offset = len(self.figures)
            for row in rows:
                if row.get("_restates") is not None:
                    row["_restates"] += offset
            self.figures.extend(rows)
            self.figure_keys.extend(zip(figures["article_id"], figures["start"], figures["end"]))
            self.sentences.update(sentences)
        if "events" in self.tables:
            events = _records(batch, "events")
            self.events.extend(timeline_inputs(events, arts))
            self.event_keys.extend(zip(events["article_id"], events["start"], events["end"]))

    def build(self, lexicon: Lexicon | None) -> tuple[dict[str, pd.DataFrame], dict[str, list[str | None]]]:
        """The tables across articles and, in the order of the whole ``figures`` and ``events``
        tables, each row's ``claim_id`` and ``event_id``."""
        out: dict[str, pd.DataFrame] = {}
        ids: dict[str, list[str | None]] = {}
        if "figures" in self.tables:
            rows = _in_table_order(self.figures, self.figure_keys, relink=True)
            claims, ids["figures"] = claims_of(rows, self.outlets, self.sentences)
            out["claims"] = typed_frame(claims, CLAIMS)
        if "events" in self.tables:
            rows = _in_table_order(self.events, self.event_keys)
            timeline, ids["events"] = timeline_of(rows, lexicon)
            out["timeline"] = typed_frame(timeline, TIMELINE)
        return out, ids


def _records(batch: Sequence[Result], table: str) -> pd.DataFrame:
    return records_frame(table, [(art.article_id, rec) for art, found in batch for rec in found.get(table, [])])


def _in_table_order(rows: list[dict[str, Any]], keys: list[tuple[str, int, int]],
                    relink: bool = False) -> list[dict[str, Any]]:
    """``rows`` gathered batch by batch, in the order of the whole table (by article, then
    offsets, as ``records_frame`` sorts); ``_restates`` indices follow their rows."""
    order = sorted(range(len(rows)), key=keys.__getitem__)
    out = [rows[i] for i in order]
    if relink:
        where = {old: new for new, old in enumerate(order)}
        for row in out:
            if row.get("_restates") is not None:
                row["_restates"] = where[row["_restates"]]
    return out


def extract_to(
    out: str | Path,
    inputs: str | Path | Iterable[str | Path],
    *,
    format: str = "csv",
    published: str | dt.date | None = None,
    outlet: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    max_chars: int | None = DEFAULT_MAX_CHARS,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    jobs: int | None = None,
    parties: str | Path | Sequence[str | Path] | None = None,
    batch: int = BATCH,
) -> tuple[list[Path], dict[str, int]]:
    """Read ``inputs``, extract them and write one file per table into ``out``, a batch of
    ``batch`` articles at a time (see the module): the files ``load(inputs, ...).write(out,
    format=format)`` writes, in bounded memory. Arguments as in :func:`~toolkit.load`;
    ``progress`` is called as ``progress(files_done, n_files, path)``. Returns the paths written
    and the counts of :meth:`Corpus.summary`.

    >>> paths, counts = extract_to("build/tables", "data/articles", format="parquet")  # doctest: +SKIP
    """
    if format not in STREAM_FORMATS:
        raise UnknownFormat(choice_error("format", format, STREAM_FORMATS))
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    elif not isinstance(inputs, Iterable) or isinstance(inputs, (bytes, bytearray)):
        raise InvalidArgument(f"inputs must be a path or a list of paths, got {type(inputs).__name__}")
    if isinstance(batch, bool) or not isinstance(batch, int) or batch < 1:
        raise InvalidArgument(f"batch must be a positive int, got {batch!r}")
    _check_limits(max_chars, time_limit)
    jobs = check_jobs(jobs)
    defaults = Defaults(published=_published_argument(published), outlet=outlet)
    lexicon = _lexicon_argument(parties)
    entries = ordered_entries(inputs)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    tables = available_tables()
    spill = Path(tempfile.mkdtemp(prefix=".spill-", dir=out))
    try:
        across, spills = _extract_and_spill(entries, defaults, tables, spill, batch, jobs=jobs,
                                            max_chars=max_chars, time_limit=time_limit, lexicon=lexicon,
                                            progress=progress)
        cross, ids = across.build(lexicon)
        paths, counts = _write_merged(out, format, tables, spills, ids, batch)
    finally:
        shutil.rmtree(spill, ignore_errors=True)
    for name, frame in cross.items():
        path = out / f"{name}.{format}"
        _WRITERS[format](frame, path)
        paths.append(path)
        counts[name] = len(frame)
    return paths, counts


def _extract_and_spill(entries: list[Entry], defaults: Defaults, tables: list[str], spill: Path, size: int, *,
                       jobs: int | None, max_chars: int | None, time_limit: float | None,
                       lexicon: Lexicon | None, progress: Callable[[int, int, str], None] | None,
                       ) -> tuple[_Across, list[Path]]:
    across = _Across(tables)
    spills: list[Path] = []
    seen: dict[str, int] = {}
    batch: list[Result] = []

    def flush() -> None:
        batch.sort(key=lambda r: r[0].article_id)
        path = spill / f"batch-{len(spills):06d}.pkl"
        with path.open("wb") as fh:
            _dump(batch, fh)
        spills.append(path)
        across.add(batch)
        batch.clear()

    with worker_pool(jobs, len(entries)) as pool:
        for found in results_by_entry(entries, defaults, tables, jobs=jobs, max_chars=max_chars,
                                      time_limit=time_limit, lexicon=lexicon, progress=progress, pool=pool):
            renamed = unique_ids([art for art, _ in found], seen)
            batch.extend((art, recs) for art, (_, recs) in zip(renamed, found))
            if len(batch) >= size:
                flush()
    if batch or not spills:
        flush()
    return across, spills


def _dump(batch: Sequence[Result], fh: BinaryIO) -> None:
    for result in batch:
        pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)


def _write_merged(out: Path, fmt: str, tables: list[str], spills: list[Path],
                  ids: dict[str, list[str | None]], size: int) -> tuple[list[Path], dict[str, int]]:
    """Merge the spills by ``article_id`` and write the per-article tables a window at a time."""
    names = ["articles", *tables]
    sinks = {name: _Sink(out / f"{name}.{fmt}", fmt) for name in names}
    counts = {status: 0 for status in ("ok", "empty", "error")} | {name: 0 for name in tables}
    column = {"figures": "claim_id", "events": "event_id"}
    window: list[Result] = []

    def write() -> None:
        arts = [art for art, _ in window]
        for art in arts:
            counts[art.status] = counts.get(art.status, 0) + 1
        sinks["articles"].write(articles_frame(arts))
        for name in tables:
            frame = _records(window, name)
            if name in column and name in ids:
                start = counts[name]
                frame = frame.assign(**{column[name]: pd.array(ids[name][start:start + len(frame)], dtype="string")})
            counts[name] += len(frame)
            sinks[name].write(frame)
        window.clear()

    try:
        written = False
        for _, result in heapq.merge(*(_spilled(p) for p in spills), key=lambda item: item[0]):
            window.append(result)
            if len(window) >= size:
                write()
                written = True
        if window or not written:
            write()
    finally:
        for sink in sinks.values():
            sink.close()
    return [sinks[name].path for name in names], counts


__all__ = ["BATCH", "STREAM_FORMATS", "extract_to", "ordered_entries"]
