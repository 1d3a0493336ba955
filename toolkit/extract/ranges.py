"""Ranges: two neighbouring numerals read as one span of values ("11,000-12,000").

:mod:`toolkit.extract.numbers` reads each numeral; this module pairs them where English
writes a range: a dash, "to", "or", "through", "and" after "between"/"from", or a lower and an
upper comparative joined ("more than 1,000 but fewer than 2,000"). A range must
rise ("a vote of 311 to 112" is two counts), and the first number may take the scale of the
second ("1.7 to 2 billion", the broadcast "11 to 12,000").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from toolkit.extract.numbers import NumberSpan, find_numbers


@dataclass(frozen=True, slots=True)
class RangeSpan:
    """Two numerals read as one range ("11,000-12,000", "between 10,000 and 12,000")."""

    start: int
    end: int
    text: str
    low: float
    high: float
    first: NumberSpan
    second: NumberSpan
    #: the words joining them: "-", "to", "or", "and" (with "between" before the first), or
    #: "bounds" for two comparatives ("more than 1,000 but fewer than 2,000").
    connector: str


_RANGE_JOIN = re.compile(r"\s*(?P<c>[-–—]|to|or|and|through|till|until)\s*", re.IGNORECASE)
_BETWEEN = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
# Two comparatives joined, a lower bound then an upper one: "more than 1,000 but fewer than
# 2,000", "at least 50 and no more than 80", "over 200 but under 300" state one range.
_UPPER_JOIN = (r"(?:but|and|yet)\s+(?:(?:fewer|less|lower|no\s+more|not\s+more|no\s+higher)\s+than|"
               r"at\s+most|up\s+to|under|below)")
LOWER_BOUND_BEFORE = re.compile(r"\b(?:(?:more|greater|higher|no\s+fewer|no\s+less|not\s+fewer|not\s+less)\s+than|"
                               r"at\s+least|over|above|upwards\s+of)\s+$", re.IGNORECASE)
_BOUNDS_JOIN = re.compile(rf"\s*(?P<c>{_UPPER_JOIN})\s+", re.IGNORECASE)


@functools.lru_cache(maxsize=32)
def _gapped(gap: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The joins of a range with ``gap`` allowed before the second number, and the gap at the
    end of a lead, compiled once per gap (one "\\s*" on each side of the gap: "\\s*(?:gap)?\\s*"
    would try every split of a run of spaces)."""
    return (re.compile(rf"\s*(?P<c>[-–—]|to|or|and|through|till|until)\s*(?:(?:{gap})\s*)?", re.IGNORECASE),
            re.compile(rf"\s*(?P<c>{_UPPER_JOIN})\s+(?:(?:{gap})\s*)?", re.IGNORECASE),
            re.compile(rf"(?:{gap})$"))


def find_ranges(
    text: str, numbers: list[NumberSpan], *, gap: str = r"", require_between_for_and: bool = True
) -> list[RangeSpan]:
    """Pair neighbouring numerals that form a range, in text order.

    ``gap`` is a regular expression of what may stand before the second number besides white
    space (a currency symbol: "$1.7 billion to $5.5 billion"). A range must rise: "a vote of
    311 to 112" is two counts, not a range. "and" joins a range only after "between"/"from".
    The first number takes the scale of the second when it has none of its own ("1.7 to 2
    billion"; broadcast style "11 to 12,000" = 11,000-12,000).

    >>> t = "around 11 to 12,000 troops; between 1.7 and 2 billion dollars; a vote of 311 to 112"
    >>> [(r.text, r.low, r.high) for r in find_ranges(t, find_numbers(t))]
    [('11 to 12,000', 11000.0, 12000.0), ('1.7 and 2 billion', 1700000000.0, 2000000000.0)]
    """
    out: list[RangeSpan] = []
    i = 0
    while i + 1 < len(numbers):
        a, b = numbers[i], numbers[i + 1]
        between = text[a.end:b.start]
        m = _RANGE_JOIN.fullmatch(between) if not gap else _gapped(gap)[0].fullmatch(between)
        if m is None and LOWER_BOUND_BEFORE.search(text, max(0, a.start - 20), a.start):
            m = _BOUNDS_JOIN.fullmatch(between) if not gap else _gapped(gap)[1].fullmatch(between)
            if m is not None and b.value > a.value:
                out.append(RangeSpan(a.start, b.end, text[a.start:b.end], a.value, b.value, a, b, "bounds"))
                i += 2
                continue
        if m is None:
            i += 1
            continue
        c = m.group("c").lower()
        if c == "—":
            i += 1
            continue  # an em dash sets off a clause, it does not join a range
        lead = text[max(0, a.start - 14):a.start]
        if gap:
            lead = _gapped(gap)[2].sub("", lead)
        if c == "and" and require_between_for_and and not _BETWEEN.search(lead):
            i += 1
            continue
        low, high = a.value, b.value
        if b.scale and not a.scale and low * b.scale <= high:
            low *= b.scale  # "1.7 to 2 billion"
        elif not a.scale and not b.scale and low < 100 and high >= 1000 and high % 1000 == 0 \
                and high / 10 <= low * 1000 <= high:
            low *= 1000  # broadcast style: "11 to 12,000"
        if not low < high:
            i += 1
            continue
        connector = "-" if c in "-–" else c
        out.append(RangeSpan(a.start, b.end, text[a.start:b.end], low, high, a, b, connector))
        i += 2
    return out


__all__ = ["LOWER_BOUND_BEFORE", "RangeSpan", "find_numbers", "find_ranges"]
