"""The pipeline: read articles, run the extractors, build the tables.

:func:`load` reads files and folders, :func:`parse_text` takes one string; both return a
:class:`Corpus` that holds the contract's tables as DataFrames and writes them out. Each
article goes through the extractors on its own: an extractor that fails on one article marks
that article ``error`` (with the reason) and the run goes on.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from .clean import clean_text, split_sentences
from .errors import UnknownFormat, choice_error
from .frames import articles_frame, empty_frame, records_frame
from .published import infer_published
from .readers import parse_date, read_articles
from .records import Article

#: Output formats of :meth:`Corpus.write`.
FORMATS = ("csv", "parquet", "jsonl")
#: Extraction tables in pipeline order: table -> (module, function).
EXTRACTORS = {
    "dates": ("toolkit.dates", "find_dates"),
    "figures": ("toolkit.figures", "find_figures"),
    "events": ("toolkit.events", "find_events"),
}


def available_tables() -> list[str]:
    """The extraction tables whose extractor exists in this version of the toolkit."""
    return [name for name, (module, _) in EXTRACTORS.items() if importlib.util.find_spec(module) is not None]


def _extractor(table: str) -> Callable[..., list[Any]]:
    module, func = EXTRACTORS[table]
    return getattr(importlib.import_module(module), func)


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

    def to_jsonl(self, out: str | Path) -> list[Path]:
        """Write every table as JSON lines (one object per row, dates ISO, missing as null)."""
        return self.write(out, format="jsonl")


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, date_format="%Y-%m-%d", lineterminator="\n")


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    frame.to_parquet(path, index=False)


def _write_jsonl(frame: pd.DataFrame, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for row in frame.to_dict(orient="records"):
            fh.write(json.dumps({k: _jsonable(v) for k, v in row.items()}, ensure_ascii=False) + "\n")


def _jsonable(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


_WRITERS = {"csv": _write_csv, "parquet": _write_parquet, "jsonl": _write_jsonl}


def extract_article(art: Article, tables: list[str]) -> tuple[Article, dict[str, list[Any]]]:
    """Run the extractors over one article; infer its publication date when it is missing.

    Returns the (possibly updated) article and its records per table. A failing extractor
    turns the article into an ``error`` row and drops its partial records.
    """
    found: dict[str, list[Any]] = {name: [] for name in tables}
    if art.status != "ok" or not tables:
        return art, found
    step = "dates"
    try:
        sentences = list(art.sentences)
        if "dates" in tables:
            dates = _extractor("dates")(art.text, published=art.published, sentences=sentences)
            if art.published is None:
                inferred = infer_published(art.text, sentences, dates)
                if inferred is not None:
                    art = replace(art, published=inferred, published_source="inferred")
                    dates = _extractor("dates")(art.text, published=inferred, sentences=sentences)
            found["dates"] = dates
        context = {"published": art.published, "sentences": sentences, "dates": found.get("dates")}
        for step in tables:
            if step == "dates":
                continue
            found[step] = _extractor(step)(art.text, **context)
            context[step] = found[step]
    except Exception as exc:  # one article never stops a run
        error = f"{step} extraction failed: {type(exc).__name__}: {exc}"
        return replace(art, status="error", error=error), {name: [] for name in tables}
    return art, found


def build_corpus(
    articles: Iterable[Article],
    *,
    progress: Callable[[int, int, str], None] | None = None,
) -> Corpus:
    """Run the extractors over read articles and assemble the tables."""
    articles = list(articles)
    tables = available_tables()
    done: list[Article] = []
    records: dict[str, list[tuple[str, Any]]] = {name: [] for name in tables}
    for i, art in enumerate(articles, start=1):
        art, found = extract_article(art, tables)
        done.append(art)
        for name, recs in found.items():
            records[name].extend((art.article_id, rec) for rec in recs)
        if progress is not None:
            progress(i, len(articles), art.article_id)
    frames = {name: records_frame(name, records[name]) for name in tables}
    return Corpus(articles=articles_frame(done), tables=frames)


def load(
    paths: str | Path | Iterable[str | Path],
    *,
    published: str | dt.date | None = None,
    outlet: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> Corpus:
    """Read files and folders and return the corpus with all its tables.

    ``published`` and ``outlet`` are defaults for articles whose metadata lacks them.

    >>> corpus = load("data/articles")                            # doctest: +SKIP
    >>> corpus.articles[["article_id", "published"]].head(1)      # doctest: +SKIP
    """
    default_date = parse_date(published) if published is not None else None
    articles = read_articles(paths, published=default_date, outlet=outlet)
    return build_corpus(articles, progress=progress)


def parse_text(
    text: str,
    *,
    published: str | dt.date | None = None,
    article_id: str = "text",
    title: str | None = None,
    outlet: str | None = None,
) -> Corpus:
    """The same tables for one string.

    >>> one = parse_text("Seoul said on Monday that 1,500 troops left.", published="2024-10-21")
    >>> int(one.articles.loc[0, "n_sentences"])
    1
    """
    day = parse_date(published) if published is not None else None
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
    return build_corpus([art])


__all__ = ["Corpus", "FORMATS", "available_tables", "build_corpus", "load", "parse_text"]
