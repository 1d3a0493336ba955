"""Work out an article's publication date from its text when metadata does not give it.

News reports date their lede ("X said on April 28") and pages carry a date line. The
publication date is taken as the latest day-precise date the article states as having
happened. A yearless date ("April 28") takes its year from the latest explicitly dated point:
after a stated day (a page's date line) it is that day's recent past or the following weeks
("since October 7" on a page dated 2024-08-19 is October 2023); after a month or a year it is of
that year unless it falls well before the span begins ("since October 2024 ... on April 28" ->
2025-04-28). Dates in clauses about the future ("is expected to attend on May 9", "may
invite") are not candidates. When no day-precise date is stated, the date stays missing
rather than guessed. Measured on the real development set (benchmarks/real/, texts with a
known date): right for 21 of 31, wrong for 1 (two days early), missing for 9.
"""

from __future__ import annotations

import bisect
import functools
import datetime as dt
import re
from collections.abc import Sequence

from toolkit.read.lexicon import Lexicon, derived_cache, default_lexicon, load_lexicon
from toolkit.records import DateMention

_FULL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEARLESS = re.compile(r"^XXXX-(\d{2})-(\d{2})$")
#: How far before the latest explicit date a yearless day may fall and keep its year.
_YEARLESS_SLACK_DAYS = 90
#: How far after a stated day a yearless day may fall and keep that day's year.
_YEARLESS_AFTER_DAY = 31
_EXPLICIT = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@derived_cache
@functools.lru_cache(maxsize=8)
def _future_pattern(root: str) -> re.Pattern[str]:
    # Words that put a clause in the future or in the conditional, so that its dates have not
    # happened: the same judgement the dates extractor makes about a yearless date's tense,
    # so the same list (dates.yaml, future_cues), owned there once (issue 12).
    cues = sorted({str(w) for w in load_lexicon("dates", root=root)["future_cues"]}, key=len, reverse=True)
    words = "|".join((r"(?<!\w)" if w[0].isalnum() else "") + re.escape(w).replace(r"\ ", r"\s+") + r"(?!\w)"
                     for w in cues)
    return re.compile(rf"(?:{words})", re.IGNORECASE)


def infer_published(
    text: str,
    sentences: Sequence[tuple[int, int]],
    mentions: Sequence[DateMention],
    *,
    today: dt.date | None = None,
    lexicon: Lexicon | None = None,
) -> dt.date | None:
    """Return the publication date the text implies, or None when it implies none.

    ``mentions`` are the article's temporal expressions found *without* a publication date
    (yearless dates then carry values such as ``XXXX-04-28``).
    """
    today = today or dt.date.today()
    future = _future_pattern(str((lexicon or default_lexicon()).root))
    anchor: dt.date | None = None  # the latest explicitly dated point (end of its span)
    anchor_start: dt.date | None = None  # the first day of that span
    for m in mentions:
        e = _EXPLICIT.match(m.value) if m.type == "DATE" else None
        if e and 1900 <= int(e.group(1)) <= today.year:
            y, mo, d = int(e.group(1)), e.group(2), e.group(3)
            try:
                end = dt.date(y, int(mo), int(d)) if d else (
                    _month_end(y, int(mo)) if mo else dt.date(y, 12, 31))
            except ValueError:
                continue
            if end <= today and (anchor is None or end > anchor):
                anchor = end
                # "late 2024" begins in its last quarter, "2024" on January 1
                first_month = int(mo) if mo else (10 if m.mod == "END" else 1)
                anchor_start = dt.date(y, first_month, int(d) if d else 1)
    candidates: list[dt.date] = []
    sentences = _Spans(sentences)
    for m in mentions:
        if m.type != "DATE" or _in_future_clause(text, sentences, m, future):
            continue
        full = _FULL.match(m.value)
        yearless = _YEARLESS.match(m.value)
        try:
            if full:
                day = dt.date(int(full.group(1)), int(full.group(2)), int(full.group(3)))
            elif yearless and anchor is not None and anchor_start is not None:
                # A yearless day falls in the anchor's year unless it comes well before the
                # anchor's span begins ("since October 2024 ... on April 28" -> 2025); a day a
                # few weeks before it is the story's recent past ("left between Oct. 8 and
                # Oct. 13", told on Oct. 18), and a day inside "in 2024" is of that year.
                month, dom = int(yearless.group(1)), int(yearless.group(2))
                day = _yearless_day(month, dom, anchor, anchor_start)
            else:
                continue
        except ValueError:
            continue
        if day <= today:
            candidates.append(day)
    return max(candidates) if candidates else None


def _yearless_day(month: int, dom: int, anchor: dt.date, anchor_start: dt.date) -> dt.date:
    """The year of a yearless day, from the latest explicitly dated point of the text."""
    day = dt.date(anchor.year, month, dom)
    if anchor == anchor_start:
        # after a stated day ("2024-08-19" in a page's header) a yearless day is its recent
        # past or the next few weeks, not a day months later: "since October 7" told in
        # August is the October before
        if (day - anchor).days > _YEARLESS_AFTER_DAY:
            day = dt.date(anchor.year - 1, month, dom)
    elif (anchor_start - day).days > _YEARLESS_SLACK_DAYS:
        # after a month or a year, a yearless day well before it begins comes after it
        day = dt.date(anchor.year + 1, month, dom)
    return day


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


class _Spans(list):
    """Sentence spans with their starts, so that the sentence of an offset is found by
    bisection (when the spans are in order and apart, as the splitter gives them), not by a
    scan of every sentence for every date."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        super().__init__((s, e) for s, e in spans)
        self.starts = [s for s, _ in self]
        self.apart = all(s <= e for s, e in self) and all(a[1] <= b[0] for a, b in zip(self, self[1:]))


def _sentence_around(sentences: Sequence[tuple[int, int]], pos: int, n: int) -> tuple[int, int]:
    """The first sentence that holds offset ``pos``, else the whole text."""
    if not isinstance(sentences, _Spans) or not sentences.apart:
        return next(((s, e) for s, e in sentences if s <= pos < e), (0, n))
    i = bisect.bisect_right(sentences.starts, pos) - 1
    if i >= 0 and sentences[i][0] <= pos < sentences[i][1]:
        return sentences[i]
    return (0, n)


def _in_future_clause(text: str, sentences: Sequence[tuple[int, int]], m: DateMention,
                      future: re.Pattern[str]) -> bool:
    """True when the clause around the mention speaks of the future or a possibility."""
    start, end = _sentence_around(sentences, m.start, len(text))
    # The clause: from the last clause break before the mention to the next one after it.
    left = max(text.rfind(sep, start, m.start) for sep in (",", ";", " and ", " but "))
    left = start if left < 0 else left
    rights = [i for i in (text.find(sep, m.end, end) for sep in (",", ";")) if i >= 0]
    right = min(rights) if rights else end
    return bool(future.search(text, left, right))
