"""Extracting articles, in this process or in a pool of worker processes.

:func:`extract_article` runs the pipeline over one article within its limits (a failure or an
overrun turns that article into an ``error`` row, never the run); :func:`extract_all` does it
for many, in input order, on ``jobs`` processes. This module imports no pandas, so a worker
starts with the extraction floor only.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import replace
import multiprocessing
import multiprocessing.context
from typing import Any

from toolkit.errors import InvalidArgument
from toolkit.read.lexicon import Lexicon
from toolkit.records import Article

#: Default per-article budget: longer texts are not extracted (a row says so). A long news
#: feature is about 50,000 characters; two million is a book, or a page gone wrong.
DEFAULT_MAX_CHARS = 2_000_000
#: Default per-article time limit in seconds: a 100 kB article extracts in about a second.
DEFAULT_TIME_LIMIT = 120.0


class _OverTime(BaseException):
    """Raised inside extraction when an article's time is up.

    A BaseException, so that no ``except Exception`` on the way can swallow it.
    """


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Interrupt the block with :class:`_OverTime` after ``seconds`` of wall-clock time.

    Uses a SIGALRM timer, which only the main thread of a Unix process can set; elsewhere the
    block runs to its end and :func:`extract_article` checks the clock between extractors. A
    timer that was already set (by a test runner, say) is put back afterwards.
    """
    usable = (seconds is not None and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise _OverTime()

    began = time.monotonic()
    previous = signal.signal(signal.SIGALRM, on_alarm)
    old_delay, old_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if old_delay:
            left = max(old_delay - (time.monotonic() - began), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, old_interval)


def extract_article(
    art: Article,
    tables: list[str],
    *,
    max_chars: int | None = DEFAULT_MAX_CHARS,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    lexicon: Lexicon | None = None,
) -> tuple[Article, dict[str, list[Any]]]:
    """Run the extractors over one article; infer its publication date when it is missing.
    ``lexicon`` reaches every extractor (None: the default one, see ``default_lexicon``).

    Returns the (possibly updated) article and its records per table. A failing extractor
    turns the article into an ``error`` row and drops its partial records; so does an article
    longer than ``max_chars`` characters or one whose extraction takes longer than
    ``time_limit`` seconds (None: no limit), with an error that names the limit.
    """
    found: dict[str, list[Any]] = {name: [] for name in tables}
    if art.status != "ok" or not tables:
        return art, found
    if max_chars is not None and art.n_chars > max_chars:
        error = (f"not extracted: the text has {art.n_chars:,} characters, over the limit of "
                 f"{max_chars:,} (raise it with max_chars= or --max-chars)")
        return replace(art, status="error", error=error), found
    deadline = None if not time_limit else time.monotonic() + time_limit
    step = "dates"

    def check_clock() -> None:
        if deadline is not None and time.monotonic() > deadline:
            raise _OverTime()

    def on_step(name: str) -> None:
        nonlocal step
        step = name

    from toolkit import extract  # here, not at the top: reading tables back needs no extractor

    try:
        with _time_limit(time_limit):
            ctx = extract.run(art.text, published=art.published, sentences=art.sentences, tables=tables,
                              check=check_clock, on_step=on_step, lexicon=lexicon)
            found = {name: getattr(ctx, name) for name in tables}
            if ctx.published_inferred:
                art = replace(art, published=ctx.published, published_source="inferred")
    except _OverTime:
        error = (f"{step} extraction stopped: over the time limit of {time_limit:g} s per article "
                 f"(raise it with time_limit= or --time-limit)")
        return replace(art, status="error", error=error), {name: [] for name in tables}
    except Exception as exc:  # one article never stops a run
        error = f"{step} extraction failed: {type(exc).__name__}: {exc}"
        return replace(art, status="error", error=error), {name: [] for name in tables}
    return art, found




#: Articles per task sent to a worker: enough to pay for the trip, few enough to keep all busy.
CHUNK = 8
#: Below this many articles per worker, a pool costs more than it saves: run in this process.
MIN_PER_JOB = 4


def default_jobs() -> int:
    """The cores this process may use (its CPU affinity where the system says, else all)."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except (AttributeError, OSError):
        return max(os.cpu_count() or 1, 1)


def check_jobs(jobs: object) -> int | None:
    """``jobs`` as given to ``load``: None (all cores) or a positive int; else InvalidArgument."""
    if jobs is None:
        return None
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise InvalidArgument(f"jobs must be a positive int or None (all cores), got {jobs!r}")
    return jobs


def lexicon_of(key: tuple[str, tuple[str, ...]] | None) -> Lexicon | None:
    """The lexicon a worker process loads from ``Lexicon.key`` (None: the default one), so that
    a task carries two paths rather than the compiled lexicon."""
    return None if key is None else Lexicon.load(key[0], parties=list(key[1]))


def _extract_chunk(chunk: Sequence[Article], tables: list[str], max_chars: int | None,
                   time_limit: float | None, lexicon_key: tuple[str, tuple[str, ...]] | None = None,
                   ) -> list[tuple[Article, dict[str, list[Any]]]]:
    lexicon = lexicon_of(lexicon_key)
    return [extract_article(art, tables, max_chars=max_chars, time_limit=time_limit, lexicon=lexicon)
            for art in chunk]


def _workers_can_start() -> bool:
    """Whether a worker process can start here: it re-imports the main program, which a
    program read from standard input or typed at ``python -c`` does not have as a file."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    return path is None or getattr(getattr(main, "__spec__", None), "name", None) is not None or os.path.isfile(path)


def pool_size(jobs: int | None, n_items: int) -> int:
    """How many worker processes ``n_items`` articles or files get of ``jobs`` (None:
    :func:`default_jobs`): no more than one per :data:`MIN_PER_JOB` items; 1 means this process."""
    n_jobs = min(jobs or default_jobs(), max(n_items // MIN_PER_JOB, 1))
    return n_jobs if n_jobs > 1 and _workers_can_start() else 1


@contextmanager
def worker_pool(jobs: int | None, n_items: int) -> Iterator[ProcessPoolExecutor | None]:
    """A pool of :func:`pool_size` worker processes, or None when the items are better done in
    this process (one job, few items, or no main program a worker could import)."""
    n_jobs = pool_size(jobs, n_items)
    if n_jobs <= 1:
        yield None
        return
    with ProcessPoolExecutor(max_workers=n_jobs, mp_context=_context()) as pool:
        yield pool


def _context() -> multiprocessing.context.BaseContext:
    """Workers start from a small server process (no pandas, no threads to inherit) where the
    platform has one, else by spawning."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def extract_all(
    articles: Sequence[Article],
    tables: list[str],
    *,
    jobs: int | None = None,
    max_chars: int | None = DEFAULT_MAX_CHARS,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    progress: Callable[[int, int, str], None] | None = None,
    lexicon: Lexicon | None = None,
) -> Iterator[tuple[Article, dict[str, list[Any]]]]:
    """Yield ``(article, records per table)`` for every article, in input order, extracted with
    ``lexicon`` (None: the default one).

    ``jobs`` worker processes (None: :func:`default_jobs`) take chunks of :data:`CHUNK`
    articles; with one job, or fewer than :data:`MIN_PER_JOB` articles per job, everything
    runs here, as it does when workers cannot start (a main program read from standard input).
    The results are the same whatever the number of jobs. Should the pool break (a worker
    killed from outside), the articles it had not returned are extracted here.
    """
    n_jobs = pool_size(jobs, len(articles))
    done = 0

    def tick(art: Article) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, len(articles), art.article_id)

    if n_jobs <= 1:
        for art in articles:
            result = extract_article(art, tables, max_chars=max_chars, time_limit=time_limit, lexicon=lexicon)
            tick(result[0])
            yield result
        return
    chunks = [articles[i:i + CHUNK] for i in range(0, len(articles), CHUNK)]
    finished = 0
    try:
        with ProcessPoolExecutor(max_workers=n_jobs, mp_context=_context()) as pool:
            key = None if lexicon is None else lexicon.key
            futures = [pool.submit(_extract_chunk, chunk, tables, max_chars, time_limit, key) for chunk in chunks]
            for future in futures:
                for result in future.result():
                    tick(result[0])
                    yield result
                finished += 1
    except BrokenProcessPool:
        for chunk in chunks[finished:]:
            for result in _extract_chunk(chunk, tables, max_chars, time_limit, None if lexicon is None else lexicon.key):
                tick(result[0])
                yield result
