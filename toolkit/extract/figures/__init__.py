"""Numeric claims: a quantity phrase with its bounds, unit, category, subject, source and dates.

:func:`find_figures` reads one article's clean text sentence by sentence. The numerals come from
:mod:`toolkit.extract.numbers` (the grammar of written numbers); everything that gives them
meaning comes from ``data/lexicon/figures.yaml``: qualifiers ("more than", "nearly", "up to"),
increments ("an additional"), vague quantities ("thousands of"), counted nouns and currencies
(the unit), the cue words that decide the category from the figure's clause, and the contexts
that make a number something other than a count (identifiers, ages, calibres, durations). The
claimant and hedge come from :mod:`toolkit.extract.attribution`; ``as_of`` and ``reported``
from the ``dates`` mentions (:mod:`toolkit.extract.dates`).

Bounds follow a TimeML-like honesty (issue 4): a bound is set only where the words set one.
"more than 10,000" has low 10,000 and no high; "nearly 1,000" is below 1,000, so 1,000 is its
high (qualifier ``at_most``); "about 11,000" sets neither bound; "thousands of" is ``vague`` with
value NaN and bounds from the order of magnitude (2,000-9,999).

The passes, one module each, in the order :mod:`~toolkit.extract.figures.find` runs them:

* :mod:`~toolkit.extract.figures.grammar`: the lexicon compiled into tables and patterns;
* :mod:`~toolkit.extract.figures.model`: the records the passes share (a quantity, the article);
* :mod:`~toolkit.extract.figures.candidates`: which numbers are counts, read into quantities;
* :mod:`~toolkit.extract.figures.meaning`: qualifier, currency, unit, category, projection;
* :mod:`~toolkit.extract.figures.heads`: what a number with no noun of its own counts (a toll's,
  a copula's, a vote's, the listed figure's), and when a number word is a count;
* :mod:`~toolkit.extract.figures.subject`: whose the count is, and what a bare number counts;
* :mod:`~toolkit.extract.figures.dating`: the days it was stated and describes.

>>> import datetime as dt
>>> f = find_figures("Pyongyang is reported to have moved more than 10,000 North Korean troops "
...                  "into Russia since last autumn.", published=dt.date(2025, 4, 28), dates=[])[0]
>>> (f.text, f.value, f.low, f.high, f.qualifier, f.unit, f.category, f.subject, f.hedge)
('more than 10,000 North Korean troops', 10000.0, 10000.0, None, 'more_than', 'troop', 'deployed', 'North Korea', 'reported')
"""

from __future__ import annotations

from toolkit.extract.figures.find import find_figures

__all__ = ["find_figures"]
