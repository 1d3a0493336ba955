"""Exceptions raised by the toolkit.

Every error the library raises on purpose is a :class:`ToolkitError`, so callers (the CLI, the
report runner) can tell a stated problem from a bug. Messages state the fact: what was wrong,
the bad value and, where there is a fixed set, the allowed values.
"""

from __future__ import annotations


class ToolkitError(Exception):
    """Base class of every error the toolkit raises on purpose."""


class InputNotFound(ToolkitError):
    """A path given as input does not exist."""


class UnknownFormat(ToolkitError):
    """An output or input format name is not one the toolkit knows."""


class InvalidArgument(ToolkitError, TypeError, ValueError):
    """A function of the toolkit was called with a value of the wrong type or form.

    It is a ``TypeError`` and a ``ValueError`` too, so that code written against Python's own
    conventions catches it either way.
    """


class ArticleError(ToolkitError):
    """One article could not be read; it becomes an `articles` row with status `error`."""


class LexiconError(ToolkitError):
    """A lexicon file is missing or malformed."""


def choice_error(what: str, value: object, allowed: "list[str] | tuple[str, ...]") -> str:
    """Build the one sentence used for a value outside a fixed set of choices.

    >>> choice_error("format", "xml", ["csv", "jsonl"])
    "unknown format 'xml'; expected one of: csv, jsonl"
    """
    return f"unknown {what} {value!r}; expected one of: {', '.join(allowed)}"
