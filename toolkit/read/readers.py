"""Read files and folders into :class:`~toolkit.records.Article` records.

This module walks the inputs and hands each file to its format's reader
(:data:`toolkit.read.formats.READERS`); :mod:`toolkit.read.decode` turns bytes into text and
:mod:`toolkit.read.metadata` checks what the file says about itself. Reading never drops
anything: a file that cannot be read, a broken JSON line or a bad CSV row becomes an article
with ``status="error"`` and a readable ``error``, and the rest still loads; so does anything
under an input folder that is not a readable regular file (a FIFO, a socket, a dangling or
looping symbolic link). Articles get unique ids in the order of their paths.

Metadata comes from YAML front matter (``.txt``/``.md``), HTML meta tags, or the keys of JSON
objects and CSV rows: ``id``, ``title``, ``outlet``, ``published``, ``url``, ``language``.
The body is cleaned by :func:`toolkit.read.clean.clean_text`; every offset downstream points into it.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path


from toolkit.errors import InputNotFound, InvalidArgument
from toolkit.records import Article
from toolkit.read.decode import _Unreadable, decode_bytes, decode_text
from toolkit.read.formats import MAX_BYTES, READERS, Defaults, error_article, html_to_text, make_article, markdown_to_text
from toolkit.read.metadata import META_KEYS, check_metadata, parse_date, split_front_matter

# -- finding the inputs -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing found among the inputs: a file to read, or a path that cannot be read and why."""

    #: the path as found (what is opened)
    path: Path
    #: the path stored in ``articles.path``: relative to the parent of the input folder it was
    #: found under (``articles/web/page.html`` for the input ``data/articles``), or the file's
    #: name for a file given as input, so the same corpus named two ways gives the same table
    shown: str
    #: why it cannot be read (not a regular file, a broken link...), else None
    problem: str | None = None


def _what_it_is(mode: int) -> str:
    """Why a path that exists is not read: what it is instead of a regular file."""
    kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file")
    return f"not a regular file but {kind}; only regular files are read"


def _inspect(path: Path) -> tuple[os.stat_result | None, str | None]:
    """stat() the path (following links); return (stat, None) or (None, why it cannot be read)."""
    try:
        return path.stat(), None
    except FileNotFoundError:
        if path.is_symlink():
            return None, f"broken symbolic link: its target {os.readlink(path)!r} does not exist"
        return None, "disappeared while the inputs were read"
    except OSError as exc:
        if exc.errno == 40 or "loop" in str(exc).lower():  # ELOOP
            return None, "symbolic link loop: the link points back to itself"
        return None, f"cannot read: {exc.strerror or exc}"


def find_inputs(inputs: Iterable[str | Path]) -> list[Entry]:
    """Expand files and folders into every entry to read, each file once, in a stable order.

    Folders are read recursively and hidden entries (a name starting with ``.``) skipped;
    symbolic links are followed, a file reached twice is read once, and a folder link that
    loops back is reported. Anything that is not a readable regular file (a FIFO, a socket, a
    device, a dangling or looping link, an unreadable folder) becomes an entry with its problem,
    so that it gets an ``articles`` row. Raises :class:`~toolkit.errors.InputNotFound` only for
    an input that does not exist at all.
    """
    entries: list[Entry] = []
    seen: set[str] = set()

    def add(path: Path, shown: str, problem: str | None = None, real: str | None = None) -> None:
        if real is not None:
            if real in seen:
                return
            seen.add(real)
        entries.append(Entry(path, shown, problem))

    def walk(folder: Path, shown: str, ancestors: frozenset[str]) -> None:
        try:
            children = sorted(os.scandir(folder), key=lambda d: d.name)
        except OSError as exc:
            add(folder, shown, f"cannot list folder: {exc.strerror or exc}")
            return
        for child in children:
            if child.name.startswith("."):
                continue
            path, child_shown = Path(child.path), f"{shown}/{child.name}"
            st, problem = _inspect(path)
            if st is None:
                add(path, child_shown, problem)
            elif stat.S_ISDIR(st.st_mode):
                real = os.path.realpath(path)
                if real in ancestors:
                    add(path, child_shown, "folder link loops back to a folder that contains it")
                else:
                    walk(path, child_shown, ancestors | {real})
            elif stat.S_ISREG(st.st_mode):
                add(path, child_shown, real=os.path.realpath(path))
            else:
                add(path, child_shown, _what_it_is(st.st_mode))

    for item in inputs:
        if not isinstance(item, (str, os.PathLike)):
            raise InvalidArgument(f"an input must be a path (str or pathlib.Path), got {type(item).__name__}")
        p = Path(item)
        if not os.path.lexists(p):
            raise InputNotFound(f"input not found: {str(item)!r}")
        st, problem = _inspect(p)
        name = Path(os.path.realpath(p)).name if p.name in ("", ".", "..") else p.name
        if st is None:
            add(p, name, problem)
        elif stat.S_ISDIR(st.st_mode):
            real = os.path.realpath(p)
            walk(p, Path(real).name or real, frozenset({real}))
        elif stat.S_ISREG(st.st_mode):
            add(p, name, real=os.path.realpath(p))
        else:
            add(p, name, _what_it_is(st.st_mode))
    return entries


def find_files(inputs: Iterable[str | Path]) -> list[Path]:
    """The paths of :func:`find_inputs` (readable or not), in order."""
    return [e.path for e in find_inputs(inputs)]


def read_file(path: Path, *, defaults: Defaults = Defaults(), shown: str | None = None) -> list[Article]:
    """Read one file into its articles; problems become error rows, never exceptions.

    ``shown`` is the path stored in ``articles.path`` (default: ``path`` as given).
    """
    where = str(path) if shown is None else shown
    st, problem = _inspect(path)
    if st is None:
        return [error_article(path.stem, where, problem or "cannot read")]
    if not stat.S_ISREG(st.st_mode):
        return [error_article(path.stem, where, _what_it_is(st.st_mode))]
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        return [error_article(path.stem, where, f"unsupported file type {path.suffix or '(none)'!r}; readable: {', '.join(sorted(READERS))}")]
    try:
        size = st.st_size
        if size > MAX_BYTES:
            return [error_article(path.stem, where, f"file too large ({size:,} bytes; the limit is {MAX_BYTES:,})")]
        if size == 0:
            return [Article(article_id=path.stem, path=where, status="empty", error="empty file")]
        with path.open("rb") as fh:
            text, warning = decode_text(fh.read(MAX_BYTES + 1))
    except _Unreadable as exc:
        return [error_article(path.stem, where, str(exc))]
    except (OSError, UnicodeError) as exc:
        return [error_article(path.stem, where, f"cannot read file: {exc}")]
    try:
        articles = [replace(a, path=where) for a in reader(path, text, defaults)]
    except Exception as exc:  # one bad file never stops a run
        return [error_article(path.stem, where, f"reader failed on {path.name}: {type(exc).__name__}: {exc}")]
    if warning is not None:
        articles = [replace(a, warning=warning) for a in articles]
    return articles


def unique_ids(articles: list[Article], seen: dict[str, int] | None = None) -> list[Article]:
    """Make ``article_id`` unique within a run: later duplicates get ``-2``, ``-3``...

    "Later" is the order of the list given; :func:`read_articles` sorts it by path first, so
    which duplicate keeps the bare id never depends on the order of the inputs. ``seen`` (the
    ids given so far, updated here) carries the run over from one call to the next, so that
    articles taken a batch at a time get the ids they get all at once.
    """
    seen = {} if seen is None else seen
    out = []
    for art in articles:
        n = seen.get(art.article_id, 0) + 1
        seen[art.article_id] = n
        if n > 1:
            new_id = f"{art.article_id}-{n}"
            while new_id in seen:
                n += 1
                new_id = f"{art.article_id}-{n}"
            seen[new_id] = 1
            art = replace(art, article_id=new_id)
        out.append(art)
    return out


def read_articles(
    inputs: Iterable[str | Path] | str | Path,
    *,
    published: dt.date | None = None,
    outlet: str | None = None,
    progress: Callable[[int, int, Path], None] | None = None,
) -> list[Article]:
    """Read every article under ``inputs`` (files and folders), in a stable order.

    ``published`` and ``outlet`` fill in for articles whose metadata lacks them. ``progress``
    is called as ``progress(i, n, path)`` after each file. The articles come sorted by their
    stored path (then by their place in the file), whatever the order of ``inputs``.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    elif not isinstance(inputs, Iterable) or isinstance(inputs, (bytes, bytearray)):
        raise InvalidArgument(f"inputs must be a path or a list of paths, got {type(inputs).__name__}")
    entries = find_inputs(inputs)
    defaults = Defaults(published=published, outlet=outlet)
    found: list[tuple[tuple[str, str, int], Article]] = []
    for i, entry in enumerate(entries, start=1):
        if entry.problem is not None:
            arts = [error_article(entry.path.stem or entry.shown, entry.shown, entry.problem)]
        else:
            arts = read_file(entry.path, defaults=defaults, shown=entry.shown)
        real = os.path.realpath(entry.path)
        found.extend(((entry.shown, real, k), art) for k, art in enumerate(arts))
        if progress is not None:
            progress(i, len(entries), entry.path)
    found.sort(key=lambda item: item[0])
    return unique_ids([art for _, art in found])


__all__ = [
    # reading files and folders (this module)
    "Entry", "find_files", "find_inputs", "read_articles", "read_file", "unique_ids",
    # what it is built on, importable from here as before the split (issue 12)
    "MAX_BYTES", "META_KEYS", "READERS", "Defaults", "check_metadata", "decode_bytes", "decode_text",
    "error_article", "html_to_text", "make_article", "markdown_to_text", "parse_date", "split_front_matter",
]
