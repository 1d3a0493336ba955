"""The days of a figure: the day it was stated (``reported``) and the day it describes (``as_of``).

:func:`date_reported` finds the date next to the figure's reporting cue ("told lawmakers on Nov. 20"),
:func:`statement_date` the dated statement of a sentence, which later figures of the article
may report ("lawmakers said on Wednesday ... Lawmakers said about 1,500 more"), and
:func:`date_as_of` the date of the figure's own clause, else the report date.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from toolkit.extract.attribution import Attribution, find_attributions
from toolkit.extract.figures.grammar import Grammar
from toolkit.extract.figures.model import Quantity
from toolkit.read.lexicon import Lexicon
from toolkit.records import DateMention


def date_reported(
    text: str, attribution: Attribution | None, sentence_dates: list[DateMention],
    quantities: list[Quantity], published: dt.date | None, s0: int,
) -> tuple[dt.date | None, DateMention | None]:
    """The statement date next to the reporting cue ("told lawmakers on Nov. 20"), else published."""
    if attribution is None or attribution.carried or attribution.kind not in ("verb", "preposition"):
        return published, None
    for d in sentence_dates:
        if d.earliest is None or d.value.startswith("P") or "REF" in d.value:
            continue
        if d.granularity in ("year", "decade", "century"):
            continue  # a statement is dated closer than its year: "said ... in 2024" dates what was said
        if d.start >= attribution.end and d.start - attribution.end <= 60 and not re.search(
            r"\b(?:since|from|between|until|till|by|to|of|for|through|after|before|during)\s+(?:the\s+)?$|[,;]",
            text[attribution.end:d.start], re.IGNORECASE
        ):
            between = (attribution.end, d.start)  # "said on Friday", "told reporters on Monday"
        elif d.end <= attribution.start and attribution.start - d.end <= 70 and (
            text[s0:d.start].strip() in ("", "On", "on", "Also on", "Late on", "Earlier on", "In", "Also in")
            or attribution.start - d.end <= 25 and not re.search(r"[,;]|\band\b", text[d.end:attribution.start])
        ):
            between = (d.end, attribution.start)  # "On Thursday, Budanov told ...", "on Monday said"
        else:
            continue
        if any(between[0] <= qq.num_start < between[1] for qq in quantities):
            continue
        if re.search(r"[;\"“”]|\bthat\b", text[between[0]:between[1]]):
            continue
        if published is not None and d.earliest > published:
            continue
        return d.earliest, d
    return published, None


_DATE_BREAK = re.compile(
    r";|,\s*(?:and|but|while|which|where|whereas|who)\b|\b(?:while|whereas)\b|:\s|,\s*\w+ing\b|\bthat\s+(?:were|was|had|have)\b"
    r"|\band\s+(?:would|will|could|may|might|should|can|are|is|were|was|had|have|has)\b"
    r"|\b(?:after|before|following)\b",
    re.IGNORECASE,
)


def date_as_of(
    text: str, q: Quantity, sentence_dates: list[DateMention], used: DateMention | None,
    reported: dt.date | None, g: Grammar, s0: int, s1: int, prev_end: int, next_start: int,
) -> tuple[dt.date | None, dt.date | None]:
    """The day the figure describes and the last day its date can mean (``as_of`` and
    ``as_of_latest``: January 1 and 31 for "in January"): its clause's own date, else the
    report date.

    The clause runs from the previous figure (or a clause break) to the next one; a date that
    opens the sentence ("In January, ...") governs the whole sentence. A date introduced by
    "since" or "from" starts a running total, which is true as of the report date. A date gives
    its first day, a deadline introduced by "by" or "until" its last.
    """
    # the report date as a span: "said in April" may mean any day of April
    report_span = (reported, used.latest if used is not None and used.earliest == reported and used.latest
                   else reported)
    lo, hi = prev_end, next_start
    for m in _DATE_BREAK.finditer(text, prev_end, q.start):
        lo = m.end()
    m = _DATE_BREAK.search(text, q.end, next_start)
    if m:
        hi = m.start()
    best: DateMention | None = None
    best_dist = math.inf
    for d in sentence_dates:
        if d is used or d.earliest is None or d.value.startswith("P"):
            continue
        opening = d.start - s0 <= 12 and re.match(r"\s*,", text[d.end:d.end + 2]) is not None
        if not (lo <= d.start and d.end <= hi) and not opening:
            continue
        # at equal distance the date after the figure wins: "from 100 in December to 600 in April"
        dist = d.start - q.end if d.start >= q.end else q.start - d.end + 0.5
        if dist < best_dist:
            best, best_dist = d, dist
    if best is None:
        return report_span
    if "REF" in best.value:
        return report_span  # "now", "currently": the report date
    lead = text[max(s0, best.start - 20):best.start].lower()
    between = text[q.end:best.start] if best.start >= q.end else ""
    if (best.mod or "").upper() in ("AFTER", "ON_OR_AFTER") or re.search(r"\b(?:since|from)\s+(?:\w+\s+){0,2}$", lead) \
            or best.text.lower().startswith(("since", "from")) or re.search(r"\bsince\b", between, re.IGNORECASE):
        return report_span  # a running total ("Since last autumn, over 10,000 ...")
    # A date gives its first day ("in January" -> January 1: the day the period the figure
    # describes begins, as the dates table's `earliest`); a deadline ("by December", "until
    # March") gives its last; a span ("between January and March") gives its later end.
    pair = re.match(r"\s*(?:and|to|-|–|through|until)\s*", text[best.end:best.end + 9]) if re.search(
        r"\b(?:between|from)\s+$", lead) else None
    if pair:
        later = [d for d in sentence_dates if d.start > best.end and d.start - best.end <= 8 and d.earliest]
        if later:
            best = later[0]
    if (best.mod or "").upper() in ("BEFORE", "ON_OR_BEFORE") or re.search(r"\b(?:by|until|till|through)\s+(?:the\s+)?(?:end\s+of\s+)?$", lead):
        day = last = best.latest or best.earliest
    elif best.granularity in ("year", "decade", "century") and not best.mod:
        # A count over a whole year ("11,000 sent in 2024") is what the year added up to: true
        # by its end (or by the report, if that comes first), not on January 1. A part of a
        # year ("earlier this year", "late 2024") keeps its first day, like any other date.
        day = last = best.latest or best.earliest
    else:
        day, last = best.earliest, best.latest or best.earliest
    if reported is not None and day is not None and day > reported and best.earliest <= reported:
        day = reported  # "by the end of this year", said in March: no later than the report
    if reported is not None and last is not None and day is not None and last > reported >= day:
        last = reported  # "this month", said on the 12th: nothing later than the report
    if day is not None and (last is None or last < day):
        last = day
    return day, last


def statement_date(
    text: str, span: tuple[int, int], sentence_dates: list[DateMention], lexicon: Lexicon,
    published: dt.date | None,
) -> tuple[dt.date, str | None] | None:
    """The day and claimant of a dated statement in a sentence ("lawmakers said on Wednesday")."""
    if not sentence_dates:
        return None
    for a in find_attributions(text, span, lexicon=lexicon):
        if a.kind != "verb":
            continue
        day, used = date_reported(text, a, sentence_dates, [], published, span[0])
        if used is not None and day is not None:
            return day, a.claimant
    return None
