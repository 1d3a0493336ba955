"""Analyst notebook toolkit: news articles -> pandas tables of dates, figures and events.

>>> import toolkit as tk
>>> corpus = tk.load("data/articles")          # doctest: +SKIP
>>> corpus.articles, corpus.dates, corpus.figures, corpus.events   # doctest: +SKIP

The folders are the floors, each importing only from the ones below it (issue 12)::

    read/      paths and text -> Article records, clean text, sentences, the lexicon loader
    extract/   Article text -> DateMention, Figure and Event records (pure Python, no pandas)
    tables/    records -> pandas DataFrames: load(), parse_text(), Corpus, views
    show/      DataFrames -> charts, widgets, the HTML report
    cli.py     the command line

The public names below are imported when first used, so that ``import toolkit.extract`` (or
``toolkit.read``) loads neither pandas nor anything above its floor.
"""

from __future__ import annotations

import importlib
from typing import Any

from toolkit.errors import ToolkitError

__version__ = "0.1.0"

#: Public name -> the module that defines it (imported on first use, PEP 562).
_LAZY = {
    "Corpus": "toolkit.tables.corpus",
    "FORMATS": "toolkit.tables.corpus",
    "available_tables": "toolkit.tables.corpus",
    "load": "toolkit.tables.corpus",
    "parse_text": "toolkit.tables.corpus",
    "open_corpus": "toolkit.tables.corpus",
    "read_tables": "toolkit.tables.corpus",
    "extract_to": "toolkit.tables.stream",
}

__all__ = ["Corpus", "FORMATS", "ToolkitError", "available_tables", "extract_to", "load", "open_corpus",
           "parse_text", "read_tables", "__version__"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
