"""The per-article context of the rules: publication date, anchor date, tense of a clause.

This module owns :class:`Ctx`, what a rule reads besides its match: the text and its
sentences, the publication date (DCT), the previous resolved date (the anchor of "the following
day") and the last quarter named; the tense of the clause around a mention, from its cue
words; and :func:`year_from_tense`, the year of a yearless "May 9" or "in January" (past clause
on or before publication, future clause on or after, a narrative's stated year carried on).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from toolkit.extract.dates.calendar import last_day
from toolkit.extract.dates.vocab import ED, Vocab, VocabPattern

__all__ = ["DEADLINE_BEFORE", "Ctx", "year_from_tense"]

# Alternation order matters: future cues first so "expected" is future, not a past -ed verb.
_CUE = VocabPattern("cue", lambda v: rf"(?i)(?<!\w)(?=\w)(?:(?P<pp>(?:had|was|were)\s+(?:been\s+)?(?:due|scheduled|"
                    rf"expected|set|supposed|planned|slated|going))|(?P<f>{v.FUTURE})|(?P<p>{v.PAST}|{ED}))\b")

#: How many characters back a named quarter still anchors "a year ago" and "the quarter".
_QUARTER_REACH = 1500


_NUMERIC_DATE = re.compile(r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?:(?P=sep)(?:\d{4}|\d{2}))?(?![/.]?\d)")
_WRITTEN_ORDER = VocabPattern("written_order", lambda v: rf"(?i)\b(?:(?P<dm>(?:[12]\d|3[01]|0?[1-9])\s+{v.MON})|"
                              rf"(?P<md>{v.MON}\s+(?:[12]\d|3[01]|0?[1-9]))\b)")


def _numeric_order(text: str, v: Vocab) -> bool | None:
    day_first = month_first = 0
    for m in _NUMERIC_DATE.finditer(text):
        a, b = int(m["a"]), int(m["b"])
        if not (1 <= a <= 31 and 1 <= b <= 31) or (m["sep"] == "." and m.end() - m.start() <= 5):
            continue  # ("3.5" is a decimal, not a date)
        if m["sep"] == "." or (a > 12 >= b):
            day_first += 1
        elif b > 12 >= a:
            month_first += 1
    if day_first != month_first:
        return day_first > month_first
    written = [bool(m["dm"]) for m in _WRITTEN_ORDER(v).finditer(text) if m["dm"] or m["md"][:1].isupper()]
    dm, md = sum(written), len(written) - sum(written)
    return None if dm == md else dm > md


@dataclass
class Ctx:
    """What a rule needs to turn a match into a value."""

    text: str
    dct: dt.date | None
    sent_starts: list[int]
    sent_spans: list[tuple[int, int]]
    v: Vocab  # the words of the lexicon in use
    anchor: dt.date | None = None  # earliest day of the previous resolved date mention
    anchor_gran: str = "day"
    quarter_value: str | None = None  # the last quarter the text named ("the third quarter")
    quarter_at: int = -10**9
    #: starts of the mentions whose reading the text leaves open ("10/1": 10 January or 1 October)
    ambiguous: set[int] = field(default_factory=set)

    @functools.cached_property
    def day_first(self) -> bool | None:
        """Whether the text writes numeric dates day first (True), month first (False), or does
        not show it (None): the evidence is its other dates. A numeric date whose first number
        cannot be a month ("22/04/2024") or that uses dots ("03.04.2025") is day-first; one whose
        second number cannot be a month ("4/22/2024") is month-first; failing those, the order
        of its written dates ("19 June" against "June 19") decides."""
        return _numeric_order(self.text, self.v)

    def recent_quarter(self, pos: int) -> str | None:
        """The quarter a financial report is about, if one was named shortly before ``pos``."""
        return self.quarter_value if pos - self.quarter_at < _QUARTER_REACH else None

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        return self.sent_spans[max(i, 0)]

    def tense(self, start: int, end: int, *, left_only: bool = False) -> str | None:
        """'future', 'past' or None from the cue word nearest the mention in its sentence."""
        s0, s1 = self.sentence_of(start)
        # The verb that governs a date usually precedes it ("was signed on December 3", "will
        # meet on Friday"); a cue after it is used only when the clause has none before.
        if re.search(r"(?i)\b(?:since|from)\s++(?:early|late|mid|the\s+end\s+of|the\s+start\s+of)?[\s-]*+$",
                     self.text[max(0, start - 25):start]):
            return "past"  # "since March": the start of something already under way
        left = None
        right = None
        for m in _CUE(self.v).finditer(self.text, max(s0, start - 200), min(max(s1, end), end + 120)):
            kind = "future" if m.group("f") else "past"
            if kind == "past" and self.text[max(0, m.start() - 3):m.start()].lower() == "be ":
                continue  # "would be paid in January", "will be held on April 24": a passive
            if m.end() <= start:
                left = kind
            elif m.start() >= end and right is None:
                right = kind
        return left if left_only else (left or right)

    def base(self) -> dt.date | None:
        return self.anchor or self.dct


#: How far after publication a past-tense yearless date may lie before it moves to last year:
#: a deadline ("extended the offer to Nov. 20", "payable Jan. 2") may lie well ahead, an event
#: told in the past tense ("crossed the border on 19 June") may not.
_PAST_SLACK_DAYS = 100
_PAST_EVENT_SLACK_DAYS = 7
_UNMARKED_SLACK_DAYS = 60
#: How far before publication a future-tense yearless date may lie (a day or two of
#: publication delay) before it moves to next year.
_FUTURE_SLACK_DAYS = 14
# A past verb right before the date, not a reporting one: "was signed on December 3".
_PAST_EVENT_BEFORE = re.compile(r"(?i)\b(?:was|were|had\s+been|(?!(?:said|reported|announced|stated|added|noted|claimed|"
                                r"expected|scheduled|planned|proposed|needed|aimed)\b)" + ED + r")\b(?:(?:\s+\w+){0,3}\s+"
                                r"(?:on|in))?\s+(?:early\s+|late\s+|mid-)?$")
# A present-tense schedule verb right before the date looks ahead.
_SCHEDULE_BEFORE = re.compile(r"\b(?:ends|begins|starts|opens|closes|expires|resumes|takes\s+effect|"
                              r"is\s+due|are\s+due)\s+(?:on\s+)?$")
DEADLINE_BEFORE = re.compile(r"(?i)\b(?:to|until|till|through|by|before|expires?|expired|expiring|payable|record|due|"
                             r"deadline|effective|set|scheduled|extended|postponed|delayed|moved)\s+(?:on\s+)?$")


# A subject and a past reporting verb right after the date: "in November the agency said".
_PAST_REPORT_AFTER = re.compile(r"\s+(?!,)(?:[\w.'’-]+\s+){1,4}(?:said|reported|announced|told|"
                                r"estimated|confirmed|stated|wrote|added|claimed|put|gave|counted|denied)\b")

#: How far back (in characters) a stated year keeps anchoring yearless dates of a narrative.
_NARRATIVE_WINDOW = 250
_STATED_YEAR = re.compile(r"(?<![\d,.$])(?:19|20)\d\d(?!\d|,\d)")


#: A month name right before a stated year: "December 2024", "Oct. 18, 2024", "20 November 2024".
_MONTH_BEFORE_YEAR = re.compile(r"(?i)\b([a-z]{3,9})\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?$")
_DAY_MONTH_BEFORE_YEAR = re.compile(r"(?i)\b\d{1,2}\s+([a-z]{3,9})\s+$")
#: How far back a stated month and year (not a bare year) anchor the next yearless months.
_NARRATIVE_MONTH_WINDOW = 160
#: A yearless date this close before publication is read as the recent one, whatever came before.
_RECENT_DAYS = 31


def _narrative_year(text: str, start: int, dct: dt.date, months: dict[str, int]) -> int | None:
    """The year the text last stated before ``start``, when it is an earlier year than the DCT."""
    anchor = _narrative_anchor(text, start, dct, _NARRATIVE_WINDOW, months)
    return anchor[0] if anchor else None


def _narrative_anchor(text: str, start: int, dct: dt.date, window: int,
                      months: dict[str, int]) -> tuple[int, int | None] | None:
    """(year, month or None) of the date the text last stated before ``start`` in its paragraph
    within ``window`` characters, when that year is earlier than the DCT's (``months``: the
    month names of the lexicon)."""
    lo = max(0, start - window)
    para = text.rfind("\n\n", lo, start)
    years = list(_STATED_YEAR.finditer(text, para + 2 if para >= 0 else lo, start))
    if not years:
        return None
    last = years[-1]
    year = int(last.group(0))
    if not dct.year - 30 <= year < dct.year:
        return None
    before = text[max(0, last.start() - 20):last.start()]
    m = _MONTH_BEFORE_YEAR.search(before) or _DAY_MONTH_BEFORE_YEAR.search(before)
    month = months.get(m.group(1).lower()) if m else None
    return year, month


def year_from_tense(ctx: Ctx, start: int, end: int, month: int, day: int | None = None) -> int | None:
    """The year of a yearless date: past clause -> on or before publication, future -> on or after."""
    if ctx.dct is None:
        return None
    dct = ctx.dct
    cands = []
    for y in (dct.year - 1, dct.year, dct.year + 1):
        try:
            lo = dt.date(y, month, day or 1)
            hi = dt.date(y, month, day or last_day(y, month))
        except ValueError:
            continue
        cands.append((y, lo, hi))
    if not cands:
        return None

    def distance(c):
        lo, hi = c[1], c[2]
        return 0 if lo <= dct <= hi else min(abs((lo - dct).days), abs((hi - dct).days))

    closest = min(cands, key=distance)
    tense = ctx.tense(start, end, left_only=True)
    if tense == "future" and _PAST_REPORT_AFTER.match(ctx.text, end):
        tense = "past"  # "..., would follow, and in November the NIS said": the date's own verb
    # A past narrative that has just named an earlier year goes on in it: "In March 2025 the JCS
    # said ..., and at the end of April the NIS put the total at ..." (an article of March
    # 2026) is April 2025, not a date after publication.
    if tense != "future" and closest[1] > dct:
        anchor = _narrative_year(ctx.text, start, dct, ctx.v.MONTHS)
        if anchor is not None:
            try:
                if dt.date(anchor, month, day or 1) <= dct:
                    return anchor
            except ValueError:
                pass
    # A month and year just stated (an earlier year than the DCT's) carries the story on: "at
    # the end of December 2024, and Zelensky gave the same number in early January" is January
    # 2025, the first January after it, when that is before publication. A yearless date in the
    # last month before publication stays there: news reports the recent past ("condemned the
    # invasion on Aug. 2", after a mention of August 1988, in an article of mid-August 1990).
    if tense != "future" and not (closest[1] <= dct and (dct - closest[1]).days <= _RECENT_DAYS):
        anchor = _narrative_anchor(ctx.text, start, dct, _NARRATIVE_MONTH_WINDOW, ctx.v.MONTHS)
        if anchor is not None and anchor[1] is not None:
            year = anchor[0] + (1 if month < anchor[1] else 0)
            try:
                if year != closest[0] and dt.date(year, month, day or 1) <= dct:
                    return year
            except ValueError:
                pass
    # The clause decides only when its verb comes before the date ("will meet on May 9", "was
    # signed on December 3"). A future clause cannot mean a date well before publication.
    if _SCHEDULE_BEFORE.search(ctx.text, max(0, start - 25), start):
        tense = "future"  # "the fiscal year ends June 30", "the law takes effect Jan. 1"
    if tense == "future":
        if (dct - closest[2]).days > _FUTURE_SLACK_DAYS:
            ok = [c for c in cands if c[2] >= dct]
            return min(ok, key=lambda c: c[1])[0] if ok else closest[0]
        return closest[0]
    # Otherwise news tells the past: a date lying after publication moves to the previous year
    # unless it is a deadline ("extended the offer to Nov. 20", "payable Jan. 2") or close.
    if DEADLINE_BEFORE.search(ctx.text, max(0, start - 30), start):
        slack = _PAST_SLACK_DAYS
    elif _PAST_EVENT_BEFORE.search(ctx.text, max(0, start - 40), start):
        slack = _PAST_EVENT_SLACK_DAYS
    else:
        slack = _UNMARKED_SLACK_DAYS
    if closest[1] > dct and (closest[1] - dct).days > slack:
        ok = [c for c in cands if c[1] <= dct]
        return max(ok, key=lambda c: c[1])[0] if ok else closest[0]
    return closest[0]
