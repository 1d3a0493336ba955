"""One reader per file format: a file's text -> one or more Article records.

:data:`READERS` maps each extension to its reader. Markdown and HTML are turned into plain
text here (HTML through :func:`toolkit.read.clean.clean_text`), JSON, JSON lines and CSV carry
one article per object or row, and TimeML (``.tml``/``.xml``) gives its ``<TEXT>`` with the
document id and creation time. A broken object or row becomes an error article, never a loss.
"""

from __future__ import annotations

import datetime as dt
import csv
import html as html_lib
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any


from toolkit.read.clean import clean_text, split_sentences
from toolkit.records import Article
from toolkit.read.metadata import _kind, _text_or_none, check_metadata, parse_date, split_front_matter

#: Files larger than this are not read (an error row says so).
MAX_BYTES = 20_000_000

@dataclass(frozen=True, slots=True)
class Defaults:
    """Values for articles whose own metadata lacks them (from ``--published``/``--outlet``)."""

    published: dt.date | None = None
    outlet: str | None = None


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


