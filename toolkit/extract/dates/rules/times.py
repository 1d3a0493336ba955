"""Rules for clock times and the vague references of TIMEX3.

"10 a.m.", "9:30 p.m. Tuesday", "noon", "1400 GMT" take their day from what follows them (a
weekday, "today", a date) or from the date being told; "now", "recently", "soon", "the near
future" become PRESENT_REF, PAST_REF and FUTURE_REF.
"""

from __future__ import annotations

import datetime as dt
import re

from toolkit.extract.dates.context import year_from_tense
from toolkit.extract.dates.rules.registry import rule
from toolkit.extract.dates.rules.relative import DEICTIC, weekday_day
from toolkit.extract.dates.vocab import DAY, VocabPattern, alt, is_cap

_AMPM = r"(?:[ap]\.\s?m\b\.?|[ap]m\b|[AP]M\b|o'clock)"
_TZ = r"(?:[ECMP][SD]T|GMT|UTC|BST|CET|MSK|KST|local\s+time)"


# A bare 24-hour time ("18:46") is a clock time only where a time stands: beside a date on a
# page's timestamp line ("2024-08-19 | 05:58", "18:46 03.01.2024"), after a preposition of time
# ("at 14:30"), or before "local time" / "hrs". Elsewhere two numbers around a colon are as
# often a score ("won 21:17"), a ratio or a video's length on a line of its own.
# (the text before the time is read backwards, so each test is one match at one place: a
# pattern searched for at the end of a window would rescan a long run of digits and spaces)
_DATE_TAIL_REVERSED = re.compile(r"\d{4}(?!\d)|\d{1,2}[./-]\d|\d{1,2}\s+\.?[a-z]{2,8}[A-Z](?![A-Za-z])")
_TIME_PREPOSITIONS = frozenset({"at", "from", "until", "till", "by", "since", "before", "after", "around", "about",
                                "to", "and"})
_STAMP_AFTER = re.compile(r"(?i)[ \t]*+(?:[,|•·][ \t]*+)?(?:\d{1,4}[./-]\d{1,2}[./-]\d|hrs\b|h\b|local\s+time\b)")


def _stamp_ok(m: re.Match[str], text: str) -> bool:
    window = text[max(0, m.start() - 16):m.start()]
    if window[-1:].isspace() and window.split() and window.split()[-1].lower() in _TIME_PREPOSITIONS:
        return True
    tail = window.rstrip(" \t")
    if tail[-1:] in (",", "|", "•", "·"):
        tail = tail[:-1].rstrip(" \t")
    if _DATE_TAIL_REVERSED.match(tail[::-1]):
        return True
    return bool(_STAMP_AFTER.match(text, m.end()))


@rule("clock",
      lambda v: rf"(?:\b(?P<approx>about|around|approximately|shortly\s+before|shortly\s+after|just\s+before|just\s+after)\s+)?"
      rf"\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>{_AMPM})(?:\s+(?P<tz>{_TZ}))?"
      rf"(?:(?:,\s*|\s+)(?:(?P<wd>{v.WD})|(?P<rel>today|yesterday|tomorrow|tonight)|"
      rf"(?P<mon>{v.MON})\s*(?P<day>{DAY})\b))?"
      rf"|\b(?P<word>noon|midnight|midday)(?:(?:,\s*|\s+)(?:on\s+)?(?P<wd2>{v.WD})|\s+(?P<rel2>today|yesterday|tomorrow))?\b"
      rf"|\b(?P<h24>[01]\d|2[0-3]):(?P<mi24>[0-5]\d)\s+(?P<tz24>{_TZ})"
      rf"|(?<![\d:.,])\b(?P<hs>[01]\d|2[0-3]):(?P<mis>[0-5]\d)\b(?![:.,]?\d)",
      priority=1,
      accept=lambda m, t, v: (m["wd"] is None or is_cap(m["wd"])) and (m["wd2"] is None or is_cap(m["wd2"]))
      and (m["mon"] is None or is_cap(m["mon"])) and (m["hs"] is None or _stamp_ok(m, t)))
def _clock(m, ctx):
    if m["word"]:
        hh, mi = ctx.v.CLOCK_WORDS[m["word"].lower()].split(":")
        hour, minute = int(hh), int(mi)
        wd, rel = m["wd2"], m["rel2"]
    elif m["h24"]:
        hour, minute, wd, rel = int(m["h24"]), int(m["mi24"]), None, None
    elif m["hs"]:
        hour, minute, wd, rel = int(m["hs"]), int(m["mis"]), None, None
    else:
        hour, minute = int(m["h"]), int(m["mi"] or 0)
        ampm = m["ampm"].lower()
        if ampm.startswith("p") and hour < 12:
            hour += 12
        if ampm.startswith("a") and hour == 12:
            hour = 0
        wd, rel = m["wd"], m["rel"]
        if hour > 24:
            return None
    mod = ctx.v.approx_mod(m["approx"]) if m["approx"] and m["approx"].lower() in ctx.v.APPROX else None
    day: str | None = None
    clock_day_after = _CLOCK_DAY_AFTER(ctx.v)
    if m["mon"]:
        month = ctx.v.month_num(m["mon"])
        dd = int(re.match(r"\d+", m["day"])[0])
        year = year_from_tense(ctx, m.start(), m.end(), month, dd)
        day = f"{year:04d}-{month:02d}-{dd:02d}" if year else f"XXXX-{month:02d}-{dd:02d}"
    elif wd and ctx.dct:
        # "until 9 a.m. Tuesday": the same weekday rules as a bare "Tuesday".
        day = weekday_day(ctx, ctx.v.WEEKDAYS[wd.lower()], m.start()).isoformat()
    elif rel and ctx.dct:
        day = (ctx.dct + dt.timedelta(days=DEICTIC[rel.lower()])).isoformat()
    elif (after := clock_day_after.match(ctx.text, m.end())) and is_cap(after["wd"]) and ctx.dct:
        # "at 8 a.m. local time (0600 GMT) on Sunday": the weekday that follows gives the day.
        day = weekday_day(ctx, ctx.v.WEEKDAYS[after["wd"].lower()], m.start()).isoformat()
    else:
        base = ctx.base() if ctx.anchor_gran == "day" else ctx.dct
        day = base.isoformat() if base else "XXXX-XX-XX"
    return "TIME", f"{day}T{hour:02d}:{minute:02d}", mod


_CLOCK_DAY_AFTER = VocabPattern("clock_day_after", lambda v: rf"(?i)\s*+(?:\([^()]{{0,25}}\)\s*+)?,?\s*+(?:on\s++)?(?P<wd>{v.WD})\b")


def _ref_ok(m, text, v):
    w = re.sub(r"\s+", " ", m["w"].lower())
    after = text[m.end():m.end() + 20]
    before = text[max(0, m.start() - 20):m.start()]
    if w == "current":
        # "current" is a date only as "the current/its current <state>", not "current account".
        return not re.match(r"(?i)\s+(?:account|affairs|events|carrying|of\s|flows?|density|"
                            r"quarter|year|month|week|fiscal|period|price|prices)", after)
    if w == "now" and after[:1] == "-":
        return False  # "the now-destroyed town": an adjective, not a time
    if w == "now" and re.match(r"(?i)\s*that\b", after):
        return True
    if w in ("the past", "the future", "the present"):
        return not re.match(r"(?i)\s+(?:\w+\s+)?(?:year|month|week|day|decade|century|quarter|hour)s?\b", after)
    if w in ("past years", "past decades"):
        return not re.search(r"(?i)\b(?:the|these|those|its|their)\s+$", before)  # "the past years" is a stretch
    if w == "recent":
        return not re.match(r"(?i)\s+(?:\w+\s+)?(?:years|months|weeks|days|decades|quarters)\b", after)
    if w == "soon" and (re.search(r"(?i)\b(?:as|was|were|had|been)\s+$", before)
                        or re.match(r"(?i)\s*(?:after|afterwards?|thereafter|became|went|came|began|\w+ed\b)", after)):
        # "as soon as", and "soon" told of the past ("was soon released", "soon after he was
        # captured", "that soon became a flood"): shortly after another event, not the future.
        return False
    return True


@rule("reference", lambda v: rf"\b(?P<w>{alt(v.REFERENCES)})\b", priority=6, accept=_ref_ok, anchors=False)
def _reference(m, ctx):
    w = re.sub(r"\s+", " ", m["w"].lower())
    return "DATE", ctx.v.REFERENCES[w], None
