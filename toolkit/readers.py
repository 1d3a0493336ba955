"""Read files and folders into :class:`~toolkit.records.Article` records.

A dict maps each file extension to its reader (:data:`READERS`); a reader turns one file into
one or more articles. Reading never drops anything: a file that cannot be read, a broken JSON
line or a bad CSV row becomes an article with ``status="error"`` and a readable ``error``, and
the rest still loads. Decoding tries UTF-8 (with or without BOM), UTF-16 with a BOM, then the
legacy single-byte cp1252 / latin-1.

Metadata comes from YAML front matter (``.txt``/``.md``), HTML meta tags, or the keys of JSON
objects and CSV rows: ``id``, ``title``, ``outlet``, ``published``, ``url``, ``language``.
The body is cleaned by :func:`toolkit.clean.clean_text`; every offset downstream points into it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from .clean import clean_text, split_sentences
from .errors import InputNotFound
from .records import Article

#: Files larger than this are not read (an error row says so).
MAX_BYTES = 20_000_000
#: Metadata keys the readers understand.
META_KEYS = ("id", "title", "outlet", "published", "url", "language")


@dataclass(frozen=True, slots=True)
class Defaults:
    """Values for articles whose own metadata lacks them (from ``--published``/``--outlet``)."""

    published: dt.date | None = None
    outlet: str | None = None


# -- decoding ---------------------------------------------------------------------------------


class _Unreadable(Exception):
    """A file's bytes are not text this module can decode."""


def decode_bytes(data: bytes) -> str:
    """Decode a file's bytes: UTF-8 (BOM or not), UTF-16 with BOM, else cp1252/latin-1.

    Raises ``_Unreadable`` for binary data (NUL bytes) and for bytes that decode only to
    control characters.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:8192]:
        raise _Unreadable("binary file (it contains NUL bytes); expected text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    controls = sum(1 for c in text if (ord(c) < 32 and c not in "\t\n\r\f") or 0x80 <= ord(c) < 0xA0)
    if controls > max(3, len(text) // 50):
        raise _Unreadable("undecodable bytes: not UTF-8, UTF-16 or a legible cp1252/latin-1 text")
    return text


# -- front matter and metadata ----------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split a leading YAML front-matter block from the body.

    Returns ``({}, text)`` when there is none. Raises ``ValueError`` when the block is there but
    is not a YAML mapping.
    """
    m = _FRONT_MATTER.match(text)
    if not m:
        if text.startswith("---\n") and "\n---" not in text[4:]:
            raise ValueError("front matter opens with '---' but is never closed")
        return {}, text
    try:
        meta = yaml.safe_load(m.group(1))
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" (line {where.line + 2})" if where is not None else ""
        raise ValueError(f"malformed YAML front matter{line}: {getattr(exc, 'problem', exc)}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ValueError(f"front matter must be a mapping of keys to values, got {type(meta).__name__}")
    return meta, text[m.end():]


def parse_date(value: object) -> dt.date | None:
    """Read a publication date from metadata: a date, a datetime or an ISO-like string.

    Raises ``ValueError`` for a value that is present but is not a date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip()
    m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$", s)
    if m:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for fmt in ("%Y/%m/%d", "%d %B %Y", "%B %d, %Y", "%b %d, %Y", "%d %b %Y"):
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"published {s!r} is not a date; write it as YYYY-MM-DD")


def _text_or_none(value: object) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


# -- building articles --------------------------------------------------------------------------


def make_article(
    meta: dict[str, Any],
    body: str,
    *,
    default_id: str,
    path: str,
    defaults: Defaults,
    is_html: bool = False,
) -> Article:
    """Build one article from its metadata and raw body (plain text, Markdown or HTML)."""
    article_id = _text_or_none(meta.get("id")) or default_id
    fields: dict[str, Any] = {
        "article_id": article_id,
        "title": _text_or_none(meta.get("title")),
        "outlet": _text_or_none(meta.get("outlet")) or defaults.outlet,
        "url": _text_or_none(meta.get("url")),
        "language": _text_or_none(meta.get("language")),
        "path": path,
    }
    try:
        published = parse_date(meta.get("published"))
    except (ValueError, TypeError) as exc:
        return Article(**fields, status="error", error=str(exc))
    if published is not None:
        fields.update(published=published, published_source="metadata")
    elif defaults.published is not None:
        fields.update(published=defaults.published, published_source="metadata")
    if is_html:
        html_meta, body = html_to_text(body)
        for key in ("title", "url", "language"):
            fields[key] = fields[key] or html_meta.get(key)
        fields["outlet"] = _text_or_none(meta.get("outlet")) or html_meta.get("outlet") or defaults.outlet
        if published is None and html_meta.get("published"):
            fields.update(published=html_meta["published"], published_source="metadata")
    else:
        body = markdown_to_text(body)
    text = clean_text(body)
    if not text:
        return Article(**fields, status="empty", error="no body text after cleaning")
    return Article(**fields, text=text, sentences=tuple(split_sentences(text)))


def error_article(article_id: str, path: str, error: str, **meta: Any) -> Article:
    """An article that could not be read: kept as a row with the reason."""
    return Article(article_id=article_id, path=path, status="error", error=error, **meta)


_MD_HEADING = re.compile(r"^#{1,6}\s+", re.MULTILINE)
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_QUOTE = re.compile(r"^>\s?", re.MULTILINE)


def markdown_to_text(body: str) -> str:
    """Drop Markdown markup that is not words (heading marks, links' targets, images, bold)."""
    body = _MD_IMAGE.sub("", body)
    body = _MD_LINK.sub(r"\1", body)
    body = _MD_HEADING.sub("", body)
    body = _MD_EMPHASIS.sub(r"\2", body)
    return _MD_QUOTE.sub("", body)


def html_to_text(html: str) -> tuple[dict[str, Any], str]:
    """Main text and metadata of a saved news page, through trafilatura.

    trafilatura is made for news pages: it drops navigation, scripts, share bars and cookie
    notices. Its metadata gives title, site name, canonical URL, language and date.
    """
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    text = trafilatura.extract(
        html,
        output_format="txt",
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
        deduplicate=False,
    )
    if not text:  # short pages fall under trafilatura's precision thresholds
        text = trafilatura.extract(html, output_format="txt", include_comments=False, favor_recall=True)
    meta: dict[str, Any] = {}
    # extensive=False: only dates the page states as its own (meta tags, time elements), not
    # htmldate's guesses from a copyright year or a URL fragment.
    doc = trafilatura.extract_metadata(html, extensive=False, date_config={"extensive_search": False, "original_date": True})
    if doc is not None:
        meta["title"] = _text_or_none(doc.title)
        meta["outlet"] = _text_or_none(doc.sitename)
        meta["url"] = _text_or_none(doc.url)
        try:
            meta["published"] = parse_date(doc.date)
        except (ValueError, TypeError):
            meta["published"] = None
    lang = re.search(r"<html[^>]*\blang=[\"']?([A-Za-z-]+)", html, re.IGNORECASE)
    if lang:
        meta["language"] = lang.group(1).split("-")[0].lower()
    # trafilatura gives one paragraph a line; a blank line between them keeps paragraphs
    # apart the way every other reader does.
    return meta, (text or "").replace("\n", "\n\n")


# -- one reader per format ----------------------------------------------------------------------

Reader = Callable[[Path, str, Defaults], Iterator[Article]]


def _read_text_file(path: Path, text: str, defaults: Defaults) -> Iterator[Article]:
    try:
        meta, body = split_front_matter(text)
    except ValueError as exc:
        yield error_article(path.stem, str(path), str(exc))
        return
    yield make_article(meta, body, default_id=path.stem, path=str(path), defaults=defaults)


def _read_html_file(path: Path, text: str, defaults: Defaults) -> Iterator[Article]:
    yield make_article({}, text, default_id=path.stem, path=str(path), defaults=defaults, is_html=True)


def _from_object(obj: object, *, default_id: str, where: str, path: Path, defaults: Defaults) -> Article:
    if not isinstance(obj, dict):
        return error_article(default_id, str(path), f"{where}: expected an article object, got {type(obj).__name__}")
    if obj.get("html") and not obj.get("text"):
        return make_article(obj, str(obj["html"]), default_id=default_id, path=str(path), defaults=defaults, is_html=True)
    return make_article(obj, str(obj.get("text") or ""), default_id=default_id, path=str(path), defaults=defaults)


def _read_json_file(path: Path, text: str, defaults: Defaults) -> Iterator[Article]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield error_article(path.stem, str(path), f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")
        return
    if isinstance(data, list):
        for i, obj in enumerate(data, start=1):
            yield _from_object(obj, default_id=f"{path.stem}-{i}", where=f"item {i}", path=path, defaults=defaults)
    else:
        yield _from_object(data, default_id=path.stem, where="top level", path=path, defaults=defaults)


def _read_jsonl_file(path: Path, text: str, defaults: Defaults) -> Iterator[Article]:
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        default_id = f"{path.stem}-{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield error_article(default_id, str(path), f"line {lineno}: invalid JSON at column {exc.colno}: {exc.msg}")
            continue
        yield _from_object(obj, default_id=default_id, where=f"line {lineno}", path=path, defaults=defaults)


def _read_csv_file(path: Path, text: str, defaults: Defaults) -> Iterator[Article]:
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(rows)]
    except StopIteration:
        yield Article(article_id=path.stem, path=str(path), status="empty", error="CSV file has no header row")
        return
    except csv.Error as exc:
        yield error_article(path.stem, str(path), f"unreadable CSV header: {exc}")
        return
    if "text" not in header and "html" not in header:
        yield error_article(path.stem, str(path), f"CSV header has no 'text' or 'html' column (columns: {', '.join(header)})")
        return
    n = 1
    while True:
        n += 1
        default_id = f"{path.stem}-{n}"
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            yield error_article(default_id, str(path), f"row {n}: unreadable CSV: {exc}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield error_article(default_id, str(path), f"row {n} has {len(row)} fields but the header has {len(header)}")
            continue
        yield _from_object(dict(zip(header, row)), default_id=default_id, where=f"row {n}", path=path, defaults=defaults)


#: Extension -> reader. Add a format by adding an entry.
READERS: dict[str, Reader] = {
    ".txt": _read_text_file,
    ".md": _read_text_file,
    ".markdown": _read_text_file,
    ".html": _read_html_file,
    ".htm": _read_html_file,
    ".json": _read_json_file,
    ".jsonl": _read_jsonl_file,
    ".csv": _read_csv_file,
}


def read_file(path: Path, *, defaults: Defaults = Defaults()) -> list[Article]:
    """Read one file into its articles; problems become error rows, never exceptions."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        return [error_article(path.stem, str(path), f"unsupported file type {path.suffix or '(none)'!r}; readable: {', '.join(sorted(READERS))}")]
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return [error_article(path.stem, str(path), f"file too large ({size:,} bytes; the limit is {MAX_BYTES:,})")]
        if size == 0:
            return [Article(article_id=path.stem, path=str(path), status="empty", error="empty file")]
        text = decode_bytes(path.read_bytes())
    except _Unreadable as exc:
        return [error_article(path.stem, str(path), str(exc))]
    except (OSError, UnicodeError) as exc:
        return [error_article(path.stem, str(path), f"cannot read file: {exc}")]
    try:
        return list(reader(path, text, defaults))
    except Exception as exc:  # one bad file never stops a run
        return [error_article(path.stem, str(path), f"reader failed: {type(exc).__name__}: {exc}")]


def find_files(inputs: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders (recursively, hidden entries skipped) into a sorted file list.

    Raises :class:`~toolkit.errors.InputNotFound` for a path that does not exist.
    """
    files: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found = [
                f for f in p.rglob("*")
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts)
            ]
            files.extend(sorted(found))
        elif p.is_file():
            files.append(p)
        else:
            raise InputNotFound(f"input not found: {str(item)!r}")
    return files


def unique_ids(articles: list[Article]) -> list[Article]:
    """Make ``article_id`` unique within a run: later duplicates get ``-2``, ``-3``..."""
    seen: dict[str, int] = {}
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
    is called as ``progress(i, n, path)`` after each file.
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    files = find_files(inputs)
    defaults = Defaults(published=published, outlet=outlet)
    articles: list[Article] = []
    for i, path in enumerate(files, start=1):
        articles.extend(read_file(path, defaults=defaults))
        if progress is not None:
            progress(i, len(files), path)
    return unique_ids(articles)
