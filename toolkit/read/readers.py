"""Read files and folders into :class:`~toolkit.records.Article` records.

A dict maps each file extension to its reader (:data:`READERS`); a reader turns one file into
one or more articles. Reading never drops anything: a file that cannot be read, a broken JSON
line or a bad CSV row becomes an article with ``status="error"`` and a readable ``error``, and
the rest still loads; so does anything under an input folder that is not a readable regular
file (a FIFO, a socket, a dangling or looping symbolic link). Decoding tries UTF-8 (with or
without BOM), UTF-16 with a BOM, then the legacy single-byte cp1252 / latin-1 when the whole file
reads that way; a UTF-8 file with a few broken bytes is read as UTF-8 with replacement
characters and a ``warning``.

Untrusted metadata is checked before use: YAML aliases are refused (an alias bomb expands to
gigabytes), and every metadata key must hold one value (text, a number or a date), never a
mapping or a list.

Metadata comes from YAML front matter (``.txt``/``.md``), HTML meta tags, or the keys of JSON
objects and CSV rows: ``id``, ``title``, ``outlet``, ``published``, ``url``, ``language``.
The body is cleaned by :func:`toolkit.clean.clean_text`; every offset downstream points into it.
"""

from __future__ import annotations

import csv
import datetime as dt
import html as html_lib
import io
import json
import math
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from toolkit.read.clean import clean_text, split_sentences
from toolkit.errors import InputNotFound, InvalidArgument
from toolkit.records import Article

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
    """Decode a file's bytes (see :func:`decode_text`) and return the text alone."""
    return decode_text(data)[0]


# A well-formed UTF-8 sequence of two to four bytes: a cp1252 or latin-1 file almost never holds
# one by chance, so a single one tells that the file was written as UTF-8.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def decode_text(data: bytes) -> tuple[str, str | None]:
    """Decode a file's bytes; return the text and a warning (None when the bytes were clean).

    UTF-8 (BOM or not) and UTF-16 with a BOM first. Bytes that are not valid UTF-8 are read as
    cp1252 (else latin-1) only when the whole file reads that way, i.e. when it holds no valid
    multi-byte UTF-8 sequence at all; a UTF-8 file with a few broken bytes is decoded as UTF-8,
    each broken byte becoming U+FFFD, with a warning that says how many and where.

    Raises ``_Unreadable`` for binary data (NUL bytes) and for bytes that decode only to
    control characters.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), None
    if b"\x00" in data[:8192]:
        raise _Unreadable("binary file (it contains NUL bytes); expected text")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if _UTF8_MULTIBYTE.search(data):
        text = data.decode("utf-8", errors="replace")
        n_bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
        return text, (f"{n_bad:,} byte sequence{'s' if n_bad != 1 else ''} not valid UTF-8 "
                      f"(the first at byte {first_bad:,}) replaced with U+FFFD")
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    controls = sum(1 for c in text if (ord(c) < 32 and c not in "\t\n\r\f") or 0x80 <= ord(c) < 0xA0)
    if controls > max(3, len(text) // 50):
        raise _Unreadable("undecodable bytes: not UTF-8, UTF-16 or a legible cp1252/latin-1 text")
    return text, None


# -- front matter and metadata ----------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


class _NoAliasLoader(yaml.SafeLoader):
    """PyYAML's safe loader without aliases.

    An alias (``*name``) repeats an anchored node; nine nested levels of nine aliases each (the
    "billion laughs") parse in microseconds and expand to gigabytes once turned into text.
    Front matter never needs one, so the first alias is refused, naming the key it sits under.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._key: str | None = None

    def compose_node(self, parent, index):  # noqa: ANN001, ANN201 - PyYAML's own signature
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            where = f" under key {self._key!r}" if self._key else ""
            raise ValueError(f"front matter uses a YAML alias{where} (line {mark.line + 2}); "
                             "aliases are not accepted, write the value out")
        if self._depth == 1 and isinstance(index, yaml.ScalarNode):
            self._key = str(index.value)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


# Dates stay text in front matter: PyYAML would build them itself and fail on "2024-13-01" with
# its own words, naming no field; parse_date reads them and names the field.
_NoAliasLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split a leading YAML front-matter block from the body.

    Returns ``({}, text)`` when there is none. Raises ``ValueError`` when the block is there but
    is not a YAML mapping, or uses an alias.
    """
    m = _FRONT_MATTER.match(text)
    if not m:
        if text.startswith("---\n") and "\n---" not in text[4:]:
            raise ValueError("front matter opens with '---' but is never closed")
        return {}, text
    try:
        meta = yaml.load(m.group(1), Loader=_NoAliasLoader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" (line {where.line + 2})" if where is not None else ""
        raise ValueError(f"malformed YAML front matter{line}: {getattr(exc, 'problem', exc)}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ValueError(f"front matter must be a mapping of keys to values, got {type(meta).__name__}")
    return meta, text[m.end():]


_ISO_DAY = re.compile(r"^([+-]?\d{1,6})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")


def parse_date(value: object) -> dt.date | None:
    """Read a publication date from metadata: a date, a datetime or an ISO-like string.

    Any year from 1 to 9999 is a date. Raises ``ValueError`` for a value that is present but is
    not a date, saying why.

    >>> parse_date("2024-10-18"), parse_date("0001-01-01")
    (datetime.date(2024, 10, 18), datetime.date(1, 1, 1))
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float) and math.isnan(value):
        return None
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise ValueError(f"published must be a date, got {_kind(value)}; write it as YYYY-MM-DD")
    s = str(value).strip()
    m = _ISO_DAY.match(s)
    if m:
        return _day(s, int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for fmt in ("%Y/%m/%d", "%d %B %Y", "%B %d, %Y", "%b %d, %Y", "%d %b %Y"):
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    numeric = _NUMERIC_DAY.match(s)
    if numeric:
        return _numeric_day(s, numeric)
    if len(s) <= 80:
        day = _any_shape_day(s)
        if day is not None:
            return day
    raise ValueError(f"published {s[:80]!r} is not a date; write it as YYYY-MM-DD")


# "29.10.2024", "29-10-2024", "10/29/2024": day, month and year in digits.
_NUMERIC_DAY = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$")


def _numeric_day(s: str, m: re.Match[str]) -> dt.date:
    """Dots and dashes put the day first ("29.10.2024"), as every convention that writes them
    does; slashes are day first in Britain and month first in the US, so a slashed date whose
    two first numbers could both be months is refused rather than guessed."""
    a, sep, b, year = int(m.group(1)), m.group(2), int(m.group(3)), int(m.group(4))
    if sep == "/" and a <= 12 and b <= 12 and a != b:
        raise ValueError(f"published {s!r} could be day/month or month/day; write it as YYYY-MM-DD")
    day, month = (b, a) if sep == "/" and b > 12 else (a, b)
    return _day(s, year, month, day)


def _day(s: str, year: int, month: int, day: int) -> dt.date:
    """The date of ``s`` read as these numbers, or a ValueError that quotes it and says why."""
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"published {s!r} is not a valid date ({exc}); write it as YYYY-MM-DD") from None


def _any_shape_day(s: str) -> dt.date | None:
    """A publication date in a shape of its own, read by dateparser: e-mail and feed dates
    ("Tue, 29 Oct 2024 10:00:00 GMT"), other languages ("29 octobre 2024", "12 мая 2024").

    dateparser knows far more shapes and languages than a list of formats could; what it must
    not do here is resolve a relative date ("2 days ago") against today, so a value that reads
    differently from two reference days is refused. Returns None when it reads no whole day.
    """
    import dateparser  # imported here: slow to import, and only unusual metadata needs it

    settings = {"RETURN_AS_TIMEZONE_AWARE": False, "REQUIRE_PARTS": ["day", "month", "year"]}
    readings = {
        dateparser.parse(s, settings={**settings, "RELATIVE_BASE": base})
        for base in (dt.datetime(2001, 2, 3), dt.datetime(2011, 12, 13))
    }
    if len(readings) > 1:
        raise ValueError(f"published {s!r} is relative to the day it was read; write the day it "
                         "names as YYYY-MM-DD")
    (reading,) = readings
    return None if reading is None else reading.date()


def _kind(value: object) -> str:
    """Name the kind of a metadata value for an error message."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple, set)):
        return "a list"
    if isinstance(value, (bytes, bytearray)):
        return "bytes"
    if isinstance(value, bool):
        return "true/false"
    return type(value).__name__


def _text_or_none(value: object) -> str | None:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return None
    s = str(value).strip()
    return s or None


def check_metadata(meta: dict[str, Any]) -> str | None:
    """Say what is wrong with an article's metadata, or return None when it can be used.

    Each metadata key must hold one value: text, a number, a date or nothing. A mapping or a
    list would otherwise become a Python repr in a table.
    """
    for key in META_KEYS:
        value = meta.get(key)
        if value is None or isinstance(value, (str, int, float, dt.date)) and not isinstance(value, bool):
            continue
        if isinstance(value, bool) and key != "published":
            continue
        return f"metadata {key!r} must be a single value (text, a number or a date), got {_kind(value)}"
    for key in ("text", "html"):
        value = meta.get(key)
        if value is not None and not isinstance(value, str):
            return f"{key!r} must be a string, got {_kind(value)}"
    return None


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
    raw_id = meta.get("id")
    scalar_id = isinstance(raw_id, (str, int, float)) and not isinstance(raw_id, bool)
    article_id = (_text_or_none(raw_id) if scalar_id else None) or default_id
    problem = check_metadata(meta)
    if problem is not None:
        return error_article(article_id, path, problem)
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
# An image or a link: "[", its text up to the first "]", then "(target)"; group 1 is set when
# one matched. Otherwise the "[" and the text up to the next "]" are passed over whole: each
# later "[" before that "]" would end at the same "]" and fail the same way, and trying each
# would rescan the stretch ("[[[[..." took quadratic time).
_MD_IMAGE = re.compile(r"!\[(?:([^\]]*)\]\([^)]*\)|[^\]]*+)")
_MD_LINK = re.compile(r"\[(?:([^\]]+)\]\([^)]*\)|[^\]]*+)")
# Bold: a mark, text that starts and ends with no space, the same mark; group 2 is the text.
# Group 3 is set when no mark of that kind closes it on its line: then none after it can close
# either, and in the rest of the line only the other kind can pair (_MD_EMPHASIS_REST), so
# each line is read once rather than again from each mark.
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(?:(.+?)(?<=\S)\1|(.*))")
_MD_EMPHASIS_REST = {"**": re.compile(r"__(?=\S)(?:(.+?)(?<=\S)__|.*)"),
                     "__": re.compile(r"\*\*(?=\S)(?:(.+?)(?<=\S)\*\*|.*)")}
_MD_QUOTE = re.compile(r"^>\s?", re.MULTILINE)


def _bracketed(pattern: re.Pattern[str], group: int | None, body: str) -> str:
    """Replace the images or links ``pattern`` finds by their group ``group`` (None: nothing).

    Each ends in ")", so none starts after the last ")": cutting the text there means that a
    target is only ever looked for where one closes (an unclosed "(" would be read to the end
    of the text again from each "[" before it).
    """
    def replace(m: re.Match[str]) -> str:
        if m.group(1) is None:
            return m.group(0)  # not an image or a link: kept as written
        return m.group(group) if group else ""

    cut = body.rfind(")") + 1
    return pattern.sub(replace, body[:cut]) + body[cut:]


def _unbold(m: re.Match[str]) -> str:
    if m.group(2) is not None:
        return m.group(2)
    rest = _MD_EMPHASIS_REST[m.group(1)].sub(lambda n: n.group(0) if n.group(1) is None else n.group(1), m.group(3))
    return m.group(1) + rest


def markdown_to_text(body: str) -> str:
    """Drop Markdown markup that is not words (heading marks, links' targets, images, bold)."""
    body = _bracketed(_MD_IMAGE, None, body)
    body = _bracketed(_MD_LINK, 1, body)
    body = _MD_HEADING.sub("", body)
    body = _MD_EMPHASIS.sub(_unbold, body)
    return _MD_QUOTE.sub("", body)


_PAGE_TAG = re.compile(r"<(?:html|body)\b", re.IGNORECASE)
# The language of <html lang="..">; an <html with none is passed over up to its ">" (see
# _first_found).
_HTML_LANG = re.compile(r"<html(?:[^>]*\blang=[\"']?([A-Za-z-]+)|[^>]*+)", re.IGNORECASE)


def _first_found(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of ``pattern`` that sets a group.

    Such a pattern has a second branch that matches where the first fails and only passes the
    text over, to the end of the tag it began: a search would try again from each later start
    in that tag, find the same end, fail the same way, and read the tag once per start.
    """
    return next((m for m in pattern.finditer(text) if m.lastindex), None)


def html_to_text(html: str) -> tuple[dict[str, Any], str]:
    """Main text and metadata of a saved news page, through trafilatura.

    trafilatura is made for news pages: it drops navigation, scripts, share bars and cookie
    notices. Its metadata gives title, site name, canonical URL, language and date.
    """
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    if not _PAGE_TAG.search(html[:4096]):
        # A fragment ("<p>...</p>", as JSON objects carry it) is a page body without the page:
        # trafilatura finds nothing in it unless it is given one.
        html = f"<html><body>{html}</body></html>"
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
    lang = _first_found(_HTML_LANG, html)
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
        return error_article(default_id, str(path), f"{where}: expected an article object, got {_kind(obj)}")
    problem = check_metadata(obj)
    if problem is not None:
        art = make_article(obj, "", default_id=default_id, path=str(path), defaults=defaults)
        return replace(art, error=f"{where}: {problem}")
    if obj.get("html") and not obj.get("text"):
        return make_article(obj, obj["html"], default_id=default_id, path=str(path), defaults=defaults, is_html=True)
    return make_article(obj, obj.get("text") or "", default_id=default_id, path=str(path), defaults=defaults)


def _read_json_file(path: Path, text: str, defaults: Defaults) -> Iterator[Article]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield error_article(path.stem, str(path), f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")
        return
    except RecursionError:
        yield error_article(path.stem, str(path), "invalid JSON: nested too deeply to read (thousands of levels)")
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
        except RecursionError:
            yield error_article(default_id, str(path), f"line {lineno}: invalid JSON: nested too deeply to read")
            continue
        yield _from_object(obj, default_id=default_id, where=f"line {lineno}", path=path, defaults=defaults)


def _read_csv_file(path: Path, text: str, defaults: Defaults) -> Iterator[Article]:
    # A field holds a whole article: the csv module's default limit (131,072 characters) would
    # turn a long one into an error. The file itself is bounded by MAX_BYTES.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))
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


# Only the first <TEXT is tried (\A and the atomic group): when it has no </TEXT> after it, no
# later one has, and a search would read to the end of the document again from each.
_XML_TEXT = re.compile(r"\A(?>.*?<TEXT\b)[^>]*>(.*?)</TEXT\s*>", re.DOTALL | re.IGNORECASE)
_XML_TAG = re.compile(r"<[^<>]{0,2000}>")
# (read with _first_found; the id is group 1, or group 2 when it is white space only: the last
# character of it, as "\s*([^<]{1,200}?)" gave, without trying every split of the white space)
_XML_DOCID = re.compile(r"<DOCID\b(?:[^>]*>(?:\s*+([^<]{1,200}?)\s*|\s*(\s))</DOCID>|[^>]*+)", re.IGNORECASE)
_XML_DCT = re.compile(r"<DCT\b(?:[^>]*>.{0,500}?\bvalue=\"(\d{4}-\d{2}-\d{2})|[^>]*+)", re.DOTALL | re.IGNORECASE)


def _read_xml_file(path: Path, text: str, defaults: Defaults) -> Iterator[Article]:
    """A news document in XML, such as TimeML or TempEval's ``.tml``: the text of its ``<TEXT>``
    element (the whole document when there is none) with the tags removed and the standard
    entities decoded; ``<DOCID>`` gives the id and the creation time in ``<DCT>`` the date.

    The markup is stripped, never parsed: a document type's entities (the XML "billion laughs")
    are never expanded, only the five standard ones and character references.
    """
    body = _XML_TEXT.search(text)
    inner = body.group(1) if body else re.sub(r"\A\s*<\?xml[^>]*\?>", "", text)
    meta: dict[str, Any] = {}
    docid = _first_found(_XML_DOCID, text)
    if docid:
        meta["id"] = html_lib.unescape(docid.group(1) or docid.group(2))
    dct = _first_found(_XML_DCT, text)
    if dct:
        meta["published"] = dct.group(1)
    plain = html_lib.unescape(_XML_TAG.sub("", inner))
    yield make_article(meta, plain, default_id=path.stem, path=str(path), defaults=defaults)


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
    ".xml": _read_xml_file,
    ".tml": _read_xml_file,
}


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


def unique_ids(articles: list[Article]) -> list[Article]:
    """Make ``article_id`` unique within a run: later duplicates get ``-2``, ``-3``...

    "Later" is the order of the list given; :func:`read_articles` sorts it by path first, so
    which duplicate keeps the bare id never depends on the order of the inputs.
    """
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
