"""Bytes -> text: the encodings news files arrive in, and what is refused as not text.

UTF-8 (with or without BOM) first, UTF-16 with a BOM, then the legacy single-byte cp1252 /
latin-1 when the whole file reads that way; a UTF-8 file with a few broken bytes is read as UTF-8
with replacement characters and a warning, so one bad byte never loses an article.
"""

from __future__ import annotations

import re




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


