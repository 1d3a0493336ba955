"""The days of a figure: the day it was stated (``reported``) and the day it describes (``as_of``).

:func:`date_reported` finds the date next to the figure's reporting cue ("told lawmakers on Nov. 20"),
:func:`statement_date` the dated statement of a sentence, which later figures of the article
may report ("lawmakers said on Wednesday ... Lawmakers said about 1,500 more"),
:func:`date_as_of` the date of the figure's own clause, else the report date, and
:func:`anchored_days` the days a narrative counts from its last date ("five days later").
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Collection
from dataclasses import replace

from toolkit.extract.attribution import Attribution, find_attributions
from toolkit.extract.figures.grammar import Grammar
from toolkit.extract.figures.model import Quantity
from toolkit.read.lexicon import Lexicon
from toolkit.records import DateMention

_SPACES = re.compile(r"\s+")  # a run of white space, read as one space


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
        if any(between[0] <= qq.num_start < between[1] for qq in quantities) or re.search(
                r"\d", text[between[0]:between[1]]):
            continue  # "said 3,000 had arrived on Monday": the date is the arrival's
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
    counted: Collection[int] = (), found: list[DateMention | None] | None = None,
) -> tuple[dt.date | None, dt.date | None]:
    """The day the figure describes and the last day its date can mean (``as_of`` and
    ``as_of_latest``: January 1 and 31 for "in January"): its clause's own date, else the
    report date.

    The clause runs from the previous figure (or a clause break) to the next one; a date that
    opens the sentence ("In January, ...") governs the whole sentence. A date introduced by
    "since" or "from" starts a running total, which is true as of the report date. A date gives
    its first day, a deadline introduced by "by" or "until" its last. A day counted from the
    story's last one (``counted``: the starts of :func:`anchored_days`' mentions) dates a figure
    after it or, opening the sentence, all of it ("Five days later, ..."); before a figure in
    mid-sentence it dates another event ("collapsed a day earlier in a quake that killed 32").
    ``found``, if given, gets the date mention the clause gave (None: the report date stood in).
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
        if d.start in counted and d.end <= q.start and not opening:
            continue
        # at equal distance the date after the figure wins: "from 100 in December to 600 in April"
        dist = d.start - q.end if d.start >= q.end else q.start - d.end + 0.5
        if dist < best_dist:
            best, best_dist = d, dist
    if found is not None:
        found.append(best)
    if best is None:
        return report_span
    if "REF" in best.value:
        return report_span  # "now", "currently": the report date
    lead = text[max(s0, best.start - 20):best.start].lower()
    if _running_total(text, q, best, lead):
        return report_span  # a running total ("Since last autumn, over 10,000 ...")
    # A date gives its first day ("in January" -> January 1: the day the period the figure
    # describes begins, as the dates table's `earliest`); a deadline ("by December", "until
    # March") gives its last; a span ("between January and March") gives its later end.
    # Two dates joined by "and" ("in January and February") are a period too, which ends with
    # the later.
    pair = re.match(r"\s*(?:and|to|-|–|through|until)\s*", text[best.end:best.end + 9]) if re.search(
        r"\b(?:between|from)\s+$", lead) else re.match(r"\s*(?:and|-|–)\s*", text[best.end:best.end + 6])
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


def _running_total(text: str, q: Quantity, best: DateMention, lead: str) -> bool:
    """Whether the date starts a running total ("Since last autumn, over 10,000 ..."), which
    is true as of the report. Not "since Oct. 18, when the agency reported 1,500" (the
    when-clause tells what was so that day), nor "the estimate from April" ("from" names where
    the number comes from; "the toll from this week's floods" names the floods, a date that
    owns a noun being no origin)."""
    if q.start > best.end and re.match(r"\s*,\s*when\b", text[best.end:best.end + 12]):
        return False
    if re.search(r"\b(?:estimates?|figures?|counts?|tally|numbers?|data|reports?|assessments?|statistics|survey|"
                 r"study)\s++from\s++$", lead) and not re.match(r"['’]s\b", text[best.end:best.end + 3]):
        return False
    between = text[q.end:best.start] if best.start >= q.end else ""
    return bool((best.mod or "").upper() in ("AFTER", "ON_OR_AFTER")
                or re.search(r"\b(?:since|from)\s+(?:\w+\s+){0,2}$", lead)
                or best.text.lower().startswith(("since", "from")) or re.search(r"\bsince\b", between, re.IGNORECASE))


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


# "five days later", "a week earlier", "hours later": a count of days (weeks, hours) from the
# day the narrative last named. The dates extractor writes "five days" as a duration (TimeML's
# convention); a figure told "five days later" is dated by that day.
_LATER = re.compile(r"\s*+(?:or\s+so\s+)?(?P<dir>later|earlier|afterwards?)\b", re.IGNORECASE)
_DAY_COUNT = re.compile(r"P(?P<n>\d+)(?P<unit>[DW])|PT(?:\d+|X)H")
# the day the last one named, or one after or before it: "that day", "the next day"
_ANAPHORIC_DAY = re.compile(r"(?:on\s+)?(?P<rel>that|that\s+same|the\s+same|the\s+next|the\s+following|"
                            r"the\s+previous|the\s+prior)\s+day", re.IGNORECASE)
# A date that bounds a period ("between Oct. 8 and Oct. 13", "since Oct. 18", "by Nov. 1")
# says when something lasted, not the day the story has reached.
_BOUND_BEFORE = re.compile(r"\b(?:between|from|since|until|till|through|by|before|after)\s++(?:the\s++)?$"
                           r"|\b(?:between|from)\s++[\w.,'][\w.,' ]{0,24}?\s++(?:and|to|until|through)\s++$",
                           re.IGNORECASE)
# "more than a week earlier", "compared with a day earlier": the baseline of a change, which
# dates no figure of its own
_BASELINE_BEFORE = re.compile(r"\b(?:than|compared\s++(?:with|to)|since|over)\s++(?:the\s++)?$", re.IGNORECASE)
#: How far back (in characters) the day a narrative counts from may lie.
ANCHOR_REACH = 600


def anchored_days(text: str, dates: list[DateMention]) -> dict[int, DateMention]:
    """The days a narrative counts from the last day it named, by the start of the mention they
    replace: "Five days later" after "on Oct. 18" is Oct. 23 (a day mention in place of the
    duration "Five days", over "later" too), and "that day" after it is Oct. 23 as well (the
    dates extractor, which keeps "five days" a duration, counts "that day" from Oct. 18).

    Only a day-precise mention anchors; any other resolved date (a month, a year) ends the
    count, as "two days later" after "in December" names no day. The days returned date the
    figures of their own sentence (the driver keeps them out of the dated statements that
    later sentences take over)."""
    out: dict[int, DateMention] = {}
    anchor: tuple[dt.date, int] | None = None  # the day counted from, and where it was named
    counted = False  # whether the anchor is a counted day (which the dates extractor does not know)
    for d in dates:
        if anchor is not None and d.start - anchor[1] > ANCHOR_REACH:
            anchor, counted = None, False
        if d.type == "DURATION":
            later = _LATER.match(text, d.end)
            step = _DAY_COUNT.fullmatch(d.value or "")
            if later is None or step is None or anchor is None or d.mod not in (None, "APPROX") \
                    or _BASELINE_BEFORE.search(text, max(0, d.start - 30), d.start):
                continue  # "more than a week earlier", "than a day earlier": no day of its own
            n = int(step["n"]) * (7 if step["unit"] == "W" else 1) if step["n"] else 0
            day = anchor[0] + dt.timedelta(days=-n if later["dir"].lower() == "earlier" else n)
            out[d.start] = DateMention(start=d.start, end=later.end(), text=text[d.start:later.end()], type="DATE",
                                       value=day.isoformat(), earliest=day, latest=day, granularity="day",
                                       sentence_id=d.sentence_id)
            anchor, counted = (day, d.start), True
            continue
        if d.type != "DATE" or d.earliest is None or "REF" in (d.value or ""):
            continue
        words = _ANAPHORIC_DAY.fullmatch(d.text)
        if words is not None and counted and anchor is not None:
            rel = _SPACES.sub(" ", words["rel"].lower())
            day = anchor[0] + dt.timedelta(days={"the next": 1, "the following": 1, "the previous": -1,
                                                 "the prior": -1}.get(rel, 0))
            out[d.start] = replace(d, value=day.isoformat(), earliest=day, latest=day)
            anchor = (day, d.start)
            continue
        if _BOUND_BEFORE.search(text, max(0, d.start - 40), d.start):
            continue  # "between Oct. 8 and Oct. 13", "since Oct. 18": a period's bound, not the story's day
        anchor = (d.earliest, d.start) if d.granularity == "day" and d.earliest == d.latest else None
        counted = False
    return out
