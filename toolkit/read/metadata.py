"""Article metadata: YAML front matter, publication days in the shapes pages carry, checks.

Untrusted metadata is checked before use: YAML aliases are refused (an alias bomb expands to
gigabytes), every metadata key must hold one value (text, a number or a date), never a mapping
or a list, and a publication day is parsed strictly (ISO, fixed formats, then dateparser for
feed and foreign shapes; relative values and day/month-ambiguous slashes are refused).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

import yaml


#: Metadata keys the readers understand.
META_KEYS = ("id", "title", "outlet", "published", "url", "language")


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


