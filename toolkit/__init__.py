"""Analyst notebook toolkit: news articles -> pandas tables of dates, figures and events.

>>> import toolkit as tk
>>> corpus = tk.load("data/articles")          # doctest: +SKIP
>>> corpus.articles, corpus.dates, corpus.figures, corpus.events   # doctest: +SKIP

Importing the package loads the reading and extraction layers only; charts and widgets are
separate modules that pull in matplotlib and ipywidgets when imported.
"""

from __future__ import annotations

from .corpus import FORMATS, Corpus, available_tables, load, parse_text
from .errors import ToolkitError

__version__ = "0.1.0"

__all__ = ["Corpus", "FORMATS", "ToolkitError", "available_tables", "load", "parse_text", "__version__"]
