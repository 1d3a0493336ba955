"""The records the figure passes share: a quantity phrase, the article they read, its dates.

:class:`Quantity` is one quantity phrase as the passes build it up (candidates make it, the
meaning pass widens it with its qualifier, currency and counted noun); :class:`Article` is the
one per-article context the driver builds and every pass reads (text, sentences, publication
day, dates, lexicon, grammar); :class:`Dates` indexes the date mentions so that no pass scans
all of them per number. Nothing here reads text: the passes do.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from toolkit.extract.figures.grammar import Grammar
from toolkit.read.lexicon import Lexicon
from toolkit.records import DateMention

#: Categories of figures that count people (and so may lend their unit and owner to later ones).
PEOPLE_CATEGORIES = ("deployed", "casualties", "killed", "wounded", "captured")


@dataclass
class Quantity:
    start: int  # with qualifier and currency symbol
    end: int  # with counted noun phrase
    num_start: int  # the numeral(s) alone
    num_end: int
    value: float
    low: float | None
    high: float | None
    qualifier: str
    increment: bool = False
    unit: str | None = None
    currency: str | None = None
    np_end: int = 0  # end of the counted noun phrase (for subject and NP cues)
    words: bool = False
    is_range: bool = False
    vague: bool = False
    bare: bool = False
    scale: float | None = None
    unit_from_lexicon: bool = False
    ambiguous: bool = False  # the numeral's reading is in doubt (see Figure.ambiguous)
    dot_decimals: bool = False  # "1.500" read as 1.5
    increment_before: bool = False  # the increment word stands before it ("another 29")
    elided: bool = False  # its noun left out: it counts what the figure before it counted


class Dates(list):
    """Date mentions sorted by start, with an index that answers the two questions asked of
    every number and sentence in O(log n) instead of a scan of all the article's dates."""

    def __init__(self, dates: Sequence[DateMention]) -> None:
        super().__init__(sorted(dates, key=lambda d: d.start))
        self.starts = [d.start for d in self]
        # reach[i]: the furthest end among the first i + 1 mentions (they may nest or overlap)
        self.reach = list(itertools.accumulate((d.end for d in self), max))

    def starting_in(self, lo: int, hi: int) -> list[DateMention]:
        """The mentions with ``lo <= start < hi``, in order."""
        return self[bisect.bisect_left(self.starts, lo):bisect.bisect_left(self.starts, hi)]

    def overlaps(self, s: int, e: int) -> bool:
        """Whether a mention overlaps ``[s, e)``: one that starts before ``e`` and ends after ``s``."""
        i = bisect.bisect_left(self.starts, e)  # mentions [0, i) start before e
        return i > 0 and self.reach[i - 1] > s


def in_dates(s: int, e: int, dates: Sequence[DateMention]) -> bool:
    if isinstance(dates, Dates):
        return dates.overlaps(s, e)
    return any(d.start < e and s < d.end for d in dates)


@dataclass
class Article:
    """One article as the figure passes read it, built once by the driver."""

    text: str
    spans: list[tuple[int, int]]  # the sentences
    published: dt.date | None
    lexicon: Lexicon
    grammar: Grammar
    dates: Dates  # every temporal expression, indexed
    convention: str | None  # how the article writes thousands and decimals ("10,000" or "1.500.000")
    by_sentence: list[list[DateMention]]  # the DATE mentions that start in each sentence
    # the day and claimant of each sentence's dated statement ("lawmakers said on Wednesday"), if any
    statements: list[tuple[dt.date, str | None] | None]
    # the starts of the days counted from the story's last one ("five days later"; see dating.anchored_days)
    counted: frozenset[int] = frozenset()


def skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i
