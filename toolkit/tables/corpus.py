"""The pipeline: read articles, run the extractors, build the tables.

:func:`load` reads files and folders, :func:`parse_text` takes one string; both return a
:class:`Corpus` that holds the contract's tables as DataFrames and writes them out. Each
article goes through the extractors on its own: an extractor that fails on one article marks
that article ``error`` (with the reason) and the run goes on.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from toolkit.read.clean import clean_text, split_sentences
from toolkit.errors import InputNotFound, InvalidArgument, LexiconError, UnknownFormat, choice_error
from toolkit.read.lexicon import Lexicon
from toolkit.tables.dask_engine import check_engine
from toolkit.tables.extraction import (DEFAULT_MAX_CHARS, DEFAULT_TIME_LIMIT, check_jobs, extract_all,
                                       worker_pool)
from toolkit.tables.frames import DATE_DTYPE, SCHEMAS, articles_frame, empty_frame, records_frame, typed_frame
from toolkit.read.readers import parse_date, unique_ids
from toolkit.records import Article

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from toolkit.read.formats import Defaults
    from toolkit.read.readers import Entry

#: Output formats of :meth:`Corpus.write`: every table as CSV, Parquet or JSON lines, or the
#: timeline alone in ACLED's columns (``acled.csv``, :meth:`Corpus.to_acled`).
FORMATS = ("csv", "parquet", "jsonl", "acled")


def available_tables() -> list[str]:
    """The extraction tables, in pipeline order (:data:`toolkit.extract.PIPELINE`)."""
    from toolkit import extract  # the extractors load when first needed, not to read tables

    return list(extract.TABLES)


@dataclass
class Corpus:
    """The tables of one run: ``articles`` plus one table per available extractor."""

    articles: pd.DataFrame
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def dates(self) -> pd.DataFrame:
        return self.tables.get("dates", empty_frame("dates"))

    @property
    def figures(self) -> pd.DataFrame:
        return self.tables.get("figures", empty_frame("figures"))

    @property
    def events(self) -> pd.DataFrame:
        return self.tables.get("events", empty_frame("events"))

    @property
    def claims(self) -> pd.DataFrame:
        """One row per distinct claim across the articles (:mod:`toolkit.tables.claims`)."""
        return self.tables.get("claims", empty_frame("claims"))

    @property
    def timeline(self) -> pd.DataFrame:
        """One row per distinct event across the articles (:mod:`toolkit.tables.timeline`)."""
        return self.tables.get("timeline", empty_frame("timeline"))

    def summary(self) -> dict[str, int]:
        """Counts for a one-line report: articles by status and rows per table."""
        counts = {status: int((self.articles["status"] == status).sum()) for status in ("ok", "empty", "error")}
        counts.update({name: len(frame) for name, frame in self.tables.items()})
        return counts

    def write(self, out: str | Path, *, format: str = "csv") -> list[Path]:
        """Write one file per table into ``out`` (created if needed); return the paths."""
        if format not in FORMATS:
            raise UnknownFormat(choice_error("format", format, FORMATS))
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        if format == "acled":
            path = out / "acled.csv"
            _write_csv(self.to_acled(), path)
            return [path]
        paths = []
        for name, frame in {"articles": self.articles, **self.tables}.items():
            path = out / f"{name}.{format}"
            _WRITERS[format](frame, path)
            paths.append(path)
        return paths

    def to_csv(self, out: str | Path) -> list[Path]:
        """Write every table as CSV (dates as ``YYYY-MM-DD``, missing values empty)."""
        return self.write(out, format="csv")

    def to_parquet(self, out: str | Path) -> list[Path]:
        """Write every table as Parquet (dtypes preserved)."""
        return self.write(out, format="parquet")

    def to_acled(self) -> pd.DataFrame:
        """The timeline in ACLED's columns, one row per distinct event (docs/acled.md).

        >>> acled = load("data/articles").to_acled()              # doctest: +SKIP
        >>> acled[["event_date", "event_type", "actor1", "location"]].head(1)  # doctest: +SKIP
        """
        from toolkit.tables.acled import acled_table

        return acled_table(self.timeline, self.events, self.figures, self.claims, self.articles)

    def to_jsonl(self, out: str | Path) -> list[Path]:
        """Write every table as JSON lines (one object per row, dates ISO, missing as null)."""
        return self.write(out, format="jsonl")


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, date_format="%Y-%m-%d", lineterminator="\n")


def _listed(frame: pd.DataFrame) -> pd.DataFrame:
    """``article_ids`` as lists (Parquet, JSONL); CSV keeps them ``;``-separated."""
    if "article_ids" not in frame.columns:
        return frame
    return frame.assign(article_ids=[[] if pd.isna(v) or not v else str(v).split(";") for v in frame["article_ids"]])


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    _listed(frame).to_parquet(path, index=False)


def _write_jsonl(frame: pd.DataFrame, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for row in _listed(frame).to_dict(orient="records"):
            # allow_nan=False: JSON has no NaN or Infinity; _jsonable maps them to null first
            fh.write(json.dumps({k: _jsonable(v) for k, v in row.items()}, ensure_ascii=False,
                                allow_nan=False) + "\n")


def _jsonable(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if hasattr(value, "item"):  # a numpy scalar
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


_WRITERS = {"csv": _write_csv, "parquet": _write_parquet, "jsonl": _write_jsonl}


def build_corpus(
    articles: Iterable[Article],
    *,
    progress: Callable[[int, int, str], None] | None = None,
    max_chars: int | None = DEFAULT_MAX_CHARS,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    jobs: int | None = 1,
    engine: str = "default",
    scheduler: str | None = None,
    lexicon: Lexicon | None = None,
) -> Corpus:
    """Run the extractors over read articles (on ``jobs`` processes, or on a Dask cluster with
    ``engine="dask"``) with ``lexicon`` (None: the default one) and assemble the tables."""
    articles = list(articles)
    tables = available_tables()
    if check_engine(engine, scheduler) == "dask":
        from toolkit.tables.dask_engine import extract_with_dask

        results: Iterable[tuple[Article, dict[str, list[Any]]]] = extract_with_dask(
            articles, tables, scheduler=scheduler, max_chars=max_chars, time_limit=time_limit, progress=progress,
            lexicon=lexicon)
    else:
        results = extract_all(articles, tables, jobs=check_jobs(jobs), max_chars=max_chars,
                              time_limit=time_limit, progress=progress, lexicon=lexicon)
    return _assemble(results, tables, lexicon)


def _assemble(results: Iterable[tuple[Article, dict[str, list[Any]]]], tables: list[str],
              lexicon: Lexicon | None, pool: ProcessPoolExecutor | None = None) -> Corpus:
    """The corpus of extracted articles (``(article, records per table)``, in table order);
    ``pool`` as in :func:`~toolkit.tables.across.across_articles`."""
    done: list[Article] = []
    records: dict[str, list[tuple[str, Any]]] = {name: [] for name in tables}
    for art, found in results:
        done.append(art)
        for name, recs in found.items():
            records[name].extend((art.article_id, rec) for rec in recs)
    frames = {name: records_frame(name, records[name]) for name in tables}
    table = articles_frame(done)
    from toolkit.tables.across import across_articles

    return Corpus(articles=table, tables=across_articles(table, frames, lexicon, pool=pool))


def _read_and_extract(entries: list[Entry], defaults: Defaults, *,
                      progress: Callable[[int, int, str], None] | None, max_chars: int | None,
                      time_limit: float | None, jobs: int | None, lexicon: Lexicon | None,
                      pool: ProcessPoolExecutor | None,
                      ) -> Iterator[tuple[Article, dict[str, list[Any]]]]:
    """Every article of ``entries`` (on ``pool``: None for this process) extracted, in
    :func:`~toolkit.read.readers.read_articles`' order and with its ids:
    the files are read where they are extracted (by the worker processes when there are
    several), so no process reads the whole corpus before the workers start (issue 15).

    ``progress(i, n, article_id)`` hears of each article; ``n`` counts the articles so far
    and one for each file still to come (a file can hold several), so it is exact at the end.
    """
    from toolkit.tables.stream import results_by_entry

    seen: dict[str, int] = {}
    done = 0
    found_by_entry = results_by_entry(entries, defaults, available_tables(), jobs=jobs, max_chars=max_chars,
                                      time_limit=time_limit, lexicon=lexicon, progress=None, pool=pool)
    for k, found in enumerate(found_by_entry, start=1):
        renamed = unique_ids([art for art, _ in found], seen)
        for art, (_, recs) in zip(renamed, found):
            done += 1
            if progress is not None:
                progress(done, done + len(entries) - k, art.article_id)
            yield art, recs


def load(
    paths: str | Path | Iterable[str | Path],
    *,
    published: str | dt.date | None = None,
    outlet: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    max_chars: int | None = DEFAULT_MAX_CHARS,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    jobs: int | None = None,
    engine: str = "default",
    scheduler: str | None = None,
    parties: str | Path | Sequence[str | Path] | None = None,
) -> Corpus:
    """Read files and folders and return the corpus with all its tables.

    ``published`` and ``outlet`` are defaults for articles whose metadata lacks them.
    ``max_chars`` and ``time_limit`` (seconds) bound the work on one article: one over either
    becomes an ``error`` row that names the limit (None lifts it). ``jobs`` worker processes
    extract the articles (None: every core; a small corpus runs in this process); the tables
    are the same whatever the number. ``engine="dask"`` extracts on the workers of the Dask
    cluster at ``scheduler`` (None: a ``LocalCluster`` for the run), with the same tables
    (:mod:`toolkit.tables.dask_engine`). ``parties``, one path or several, are extra parties
    files read over the lexicon's ``parties.yaml`` (the sides of another conflict, see
    docs/parties.md; None: those of ``$TOOLKIT_PARTIES``, if any).

    >>> corpus = load("data/articles")                            # doctest: +SKIP
    >>> corpus.articles[["article_id", "published"]].head(1)      # doctest: +SKIP
    """
    if paths is None or isinstance(paths, (bytes, bytearray)) or not isinstance(paths, (str, os.PathLike, Iterable)):
        raise InvalidArgument(f"load() takes a path or a list of paths (str or pathlib.Path), got {type(paths).__name__}")
    _check_limits(max_chars, time_limit)
    check_jobs(jobs)
    check_engine(engine, scheduler)
    default_date = _published_argument(published)
    if outlet is not None and not isinstance(outlet, str):
        raise InvalidArgument(f"outlet must be a str or None, got {type(outlet).__name__}")
    lexicon = _lexicon_argument(parties)
    if engine == "dask":
        from toolkit.read.formats import Defaults
        from toolkit.tables.dask_engine import load_with_dask

        return load_with_dask([paths] if isinstance(paths, (str, os.PathLike)) else paths,
                              defaults=Defaults(published=default_date, outlet=outlet), scheduler=scheduler,
                              max_chars=max_chars, time_limit=time_limit, progress=progress, lexicon=lexicon)
    from toolkit.read.formats import Defaults

    from toolkit.tables.stream import ordered_entries

    entries = ordered_entries([paths] if isinstance(paths, (str, os.PathLike)) else paths)
    # one pool for the articles and then for the step across them (see across_articles)
    with worker_pool(jobs, len(entries)) as pool:
        results = _read_and_extract(entries, Defaults(published=default_date, outlet=outlet), progress=progress,
                                    max_chars=max_chars, time_limit=time_limit, jobs=jobs, lexicon=lexicon,
                                    pool=pool)
        return _assemble(results, available_tables(), lexicon, pool=pool)


def _lexicon_argument(parties: object) -> Lexicon | None:
    """The lexicon of ``parties=`` (None when it is None: every step then takes the default)."""
    if parties is None:
        return None
    if isinstance(parties, (bytes, bytearray)) or not isinstance(parties, (str, os.PathLike, list, tuple)):
        raise InvalidArgument(f"parties must be a path or a list of paths, got {type(parties).__name__}")
    try:
        return Lexicon.load(parties=parties)
    except LexiconError as exc:
        raise InvalidArgument(str(exc)) from None


def read_tables(folder: str | Path) -> Corpus:
    """The tables a run wrote into ``folder`` (``toolkit extract --out``), read back with the
    contract's dtypes: ``NAME.parquet`` where there is one, else ``NAME.csv`` (``.jsonl`` too).

    ``articles`` must be there; a table that is missing is left out (the Corpus then gives its
    empty frame). Parquet and JSONL read back exactly; CSV too, except that it writes an empty
    text and a missing one alike, so both read back missing.
    """
    folder = Path(folder)
    frames: dict[str, pd.DataFrame] = {}
    for name in SCHEMAS:
        path = next((folder / f"{name}.{ext}" for ext in ("parquet", "csv", "jsonl")
                     if (folder / f"{name}.{ext}").is_file()
                     or ext == "parquet" and (folder / f"{name}.{ext}").is_dir()), None)
        if path is not None:
            frames[name] = _typed(_read_any(path), SCHEMAS[name])
        elif name == "articles":
            raise InputNotFound(f"no articles table (articles.parquet, .csv or .jsonl) in {str(folder)!r}")
    articles = frames.pop("articles")
    return Corpus(articles=articles, tables=frames)


def _read_any(path: Path) -> pd.DataFrame:
    if path.suffix == ".parquet" and path.is_dir():  # the Dask engine's part files, in order
        parts = sorted(path.glob("*.parquet"))
        return pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True) if parts else pd.DataFrame()
    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    if path.suffix == ".jsonl":
        return pd.read_json(path, lines=True, dtype=False)
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])


def _typed(frame: pd.DataFrame, schema: dict[str, str]) -> pd.DataFrame:
    """A frame read from a file, with each known column in its contract dtype (an empty file, as
    JSONL writes an empty table, gives the table's columns with no rows)."""
    if frame.empty and not len(frame.columns):
        return typed_frame([], schema)
    out = frame.copy()
    for col, kind in schema.items():
        if col not in out.columns:
            continue
        values = out[col]
        if col == "article_ids":
            values = values.map(lambda v: ";".join(v) if isinstance(v, (list, tuple)) or hasattr(v, "tolist")
                                and not isinstance(v, str) else v)
        if kind == "bool":
            values = values.astype(object).map(lambda v: None if v is None or v is pd.NA or (
                isinstance(v, float) and math.isnan(v)) else bool(v) if not isinstance(v, str) else v == "True")
        if kind == "date":
            out[col] = pd.to_datetime(values, errors="coerce").astype(DATE_DTYPE)
        elif kind == "int":
            out[col] = pd.to_numeric(values, errors="coerce").astype("Int64")
        elif kind == "float":
            out[col] = pd.to_numeric(values, errors="coerce").astype("float64")
        elif kind == "bool":
            out[col] = values.astype("boolean")
        else:
            out[col] = values.astype("object").where(values.notna(), None).astype("string")
    return out


def open_corpus(corpus_path: str | Path | Iterable[str | Path], *, tables_path: str | Path | None = None,
                published: str | dt.date | None = None, outlet: str | None = None) -> Corpus:
    """What a notebook opens: the tables of a run when ``tables_path`` names their folder (as
    ``toolkit report`` hands them to its notebooks, so the corpus is extracted once), else the
    tables of ``corpus_path``, extracted here (see :func:`load`)."""
    if tables_path is not None:
        return read_tables(tables_path)
    return load(corpus_path, published=published, outlet=outlet)


def _published_argument(published: object) -> dt.date | None:
    if published is None:
        return None
    try:
        return parse_date(published)
    except ValueError as exc:
        raise InvalidArgument(str(exc)) from None


def _check_limits(max_chars: object, time_limit: object) -> None:
    if max_chars is not None and (not isinstance(max_chars, int) or isinstance(max_chars, bool) or max_chars < 1):
        raise InvalidArgument(f"max_chars must be a positive whole number or None, got {max_chars!r}")
    if time_limit is not None and (not isinstance(time_limit, (int, float)) or isinstance(time_limit, bool)
                                   or not time_limit > 0):
        raise InvalidArgument(f"time_limit must be a positive number of seconds or None, got {time_limit!r}")


def parse_text(
    text: str,
    *,
    published: str | dt.date | None = None,
    article_id: str = "text",
    title: str | None = None,
    outlet: str | None = None,
    max_chars: int | None = DEFAULT_MAX_CHARS,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    parties: str | Path | Sequence[str | Path] | None = None,
) -> Corpus:
    """The same tables for one string (``max_chars``, ``time_limit`` and ``parties`` as in :func:`load`).

    >>> one = parse_text("Seoul said on Monday that 1,500 troops left.", published="2024-10-21")
    >>> int(one.articles.loc[0, "n_sentences"])
    1
    """
    if isinstance(text, (bytes, bytearray)):
        raise InvalidArgument("parse_text() takes the article as str, got bytes; decode it first "
                              "(for example data.decode('utf-8', errors='replace'))")
    if not isinstance(text, str):
        raise InvalidArgument(f"parse_text() takes the article as str, got {type(text).__name__}")
    for name, value in (("article_id", article_id), ("title", title), ("outlet", outlet)):
        if value is not None and not isinstance(value, str):
            raise InvalidArgument(f"{name} must be a str or None, got {type(value).__name__}")
    _check_limits(max_chars, time_limit)
    lexicon = _lexicon_argument(parties)
    day = _published_argument(published)
    clean = clean_text(text)
    art = Article(
        article_id=article_id,
        text=clean,
        title=title,
        outlet=outlet,
        published=day,
        published_source="metadata" if day else "missing",
        status="ok" if clean else "empty",
        error=None if clean else "no body text after cleaning",
        sentences=tuple(split_sentences(clean)),
    )
    return build_corpus([art], max_chars=max_chars, time_limit=time_limit, lexicon=lexicon)


__all__ = [
    "Corpus", "DEFAULT_MAX_CHARS", "DEFAULT_TIME_LIMIT", "FORMATS", "available_tables", "build_corpus",
    "load", "open_corpus", "parse_text", "read_tables",
]
