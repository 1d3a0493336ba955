"""Rules for dates relative to publication or to the previous date of the text.

"last week", "next month", "the following year", "earlier in the year", "yesterday", "this
morning", "overnight", "on Tuesday", "the previous Friday", "Christmas", "two days ago", "a year
earlier", "the next day", "the day before", "the second day". Publication (the DCT) anchors
deictic expressions; the previous resolved mention (``Ctx.base``) anchors anaphoric ones.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from toolkit.extract.dates.calendar import duration, easter, iso_week, shift
from toolkit.extract.dates.context import Ctx
from toolkit.extract.dates.rules.durations import duration_rule
from toolkit.extract.dates.rules.registry import rule
from toolkit.extract.dates.vocab import ED, Vocab, VocabPattern, alt, is_cap

__all__ = ["DEICTIC", "weekday_day", "weekday_is_future"]

# --- relative to publication or to the previous date --------------------------------------------

_REL_UNITS = r"(?:week|month|year|quarter|decade|century|weekend|fiscal\s+year|calendar\s+year|school\s+year)"
_REL_WORDS = (r"(?:this\s+past|this\s+coming|the\s+current|the\s+past|the\s+previous|the\s+prior|"
              r"the\s+next|the\s+coming|the\s+following|the\s+same|the\s+latest|the\s+last|the\s+full|this|last|next|"
              r"past|previous|coming|current|that|that\s+same|the)")


def _rel_ok(m, text, v):
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    if m["unit"][:1].isupper() and m["rel"][:1].isupper() and m.start() > 0 and text[m.start() - 1] in "\"'“‘":
        return False  # a quoted title ("This Week"), not a date
    unit = m["unit"].lower()
    if rel == "the full":
        return unit in ("year", "fiscal year")  # "sales for the full year"
    if rel == "the" and not m["pos"] and not m["inthe"]:
        # Bare "the year", "the week" ("for the week, the index fell"); "the month" is too
        # often not a date.
        return unit in ("year", "fiscal year", "weekend", "week")
    if rel == "the" and unit not in ("year", "month", "week", "fiscal year", "decade", "century", "day"):
        return False
    if rel in ("past", "coming") and not m["pos"]:
        return False
    return True


_COMPARED_BEFORE = re.compile(r"(?i)\b(?:compared\s+with|compared\s+to|from|than|versus|vs\.)\s+[^.;]{0,60}$")


@rule("relative",
      lambda v: rf"(?:\b(?P<pos>{v.POS_RE}|earlier)\s+(?:(?P<inthe>in|on|during)\s+)?)?"
      rf"\b(?P<rel>{_REL_WORDS})\s+(?P<unit>{_REL_UNITS})\b(?!-|\s+(?:of|in)\s+(?:the\s+)?\d)"
      rf"(?:\s+(?P<orso>or\s+so))?",
      priority=3, accept=_rel_ok)
def _relative(m, ctx):
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit_word = re.sub(r"\s+", " ", m["unit"].lower())
    unit = {"fiscal year": "Y", "calendar year": "Y", "school year": "Y"}.get(unit_word) or ctx.v.UNITS[unit_word]
    mod = ctx.v.pos_mod(m["pos"])
    if m["pos"] and m["pos"].lower() == "later":
        mod = None
    if m["orso"]:
        mod = "APPROX"
    offset = {"this": 0, "current": 0, "the current": 0, "this past": -1, "last": -1, "past": -1,
              "previous": -1, "the previous": -1, "the prior": -1, "the past": -1, "the last": -1,
              "the latest": -1, "next": 1, "coming": 1, "this coming": 1, "the next": 1,
              "the coming": 1, "the following": 1, "the same": 0, "that": 0, "that same": 0,
              "the": 0, "the full": 0}[rel]
    anaphoric = rel in ("the following", "the previous", "the prior", "the same", "that", "that same")
    if rel == "the" and unit not in ("Y",):
        anaphoric = True
    if rel == "the next" and ctx.anchor is not None and ctx.anchor != ctx.dct:
        anaphoric = True
    base = ctx.base() if anaphoric else ctx.dct
    if rel == "the" and unit == "W" and not mod and base is not None:
        # "For the week, the index fell 3%": a week the text is about, which one it does not
        # say; TimeML annotators write it as a week of the year (1989-WXX).
        return "DATE", f"{base.year:04d}-WXX", None
    if base is None:
        if unit == "Y":
            return "DATE", "XXXX", mod
        return "DATE", {"M": "XXXX-XX", "W": "XXXX-WXX", "Q": "XXXX-QX"}.get(unit, "XXXX"), mod
    if rel in ("the past", "the last", "past") and unit in ("DE", "CE") and not mod:
        return "DURATION", duration(1, unit), None  # "over the past decade" is a stretch of time
    if rel == "the latest" and unit == "Q" and ctx.recent_quarter(m.start()):
        return "DATE", ctx.recent_quarter(m.start()), mod
    ref = ctx.recent_quarter(m.start()) if rel == "last" and unit == "Y" and not mod else None
    if ref and (_COMPARED_BEFORE.search(ctx.text, max(0, m.start() - 70), m.start())
                or ctx.text.startswith("'s", m.end())):
        # In a quarterly report "compared with $3 million last year" and "last year's results"
        # mean the same quarter a year before, as with "a year ago".
        return "DATE", f"{int(ref[:4]) - 1:04d}{ref[4:]}", None
    if rel == "this past" and unit in ("W", "WE"):
        # "this past weekend": the one just gone, which is this ISO week's only when the
        # article appears on that weekend.
        offset = 0 if unit == "WE" and base.isoweekday() >= 6 else -1
    if rel == "the" and unit == "WE" and ctx.dct is not None:
        # "the weekend" (of the publication week): the one just past unless a future marker
        # governs it or publication falls on the weekend itself. Without a publication day it
        # is the weekend of the date the text is about, like the other anaphoric units.
        base = ctx.dct
        wd = base.isoweekday()
        offset = 0 if wd >= 6 or weekday_is_future(ctx.text, m.start(), ctx.v) else -1
    return "DATE", shift(base, unit, offset), mod


@rule("mid_week", r"\b(?:the\s+)?mid-?week\b(?!-)", priority=3)
def _mid_week(m, ctx):
    """ "Rains hit the district mid-week": the middle of the week being told, or of publication's."""
    base = ctx.base() if ctx.anchor_gran == "day" else ctx.dct
    if base is None:
        return "DATE", "XXXX-WXX", "MID"
    return "DATE", shift(base, "W", 0), "MID"


@rule("in_the",
      r"\b(?P<pos>earlier|later|early|late)\s+in\s+the\s+(?P<unit>year|month|week|day)\b",
      priority=3)
def _in_the(m, ctx):
    unit = ctx.v.UNITS[m["unit"].lower()]
    base = ctx.base()
    mod = "START" if m["pos"].lower().startswith("earl") else ("END" if m["pos"].lower() == "late" else None)
    if base is None:
        return "DATE", "XXXX", mod
    return "DATE", shift(base, unit, 0), mod


@rule("year_end",
      r"\b(?P<the>the\s+)?(?:year[\s-]end|year's\s+end|end\s+of\s+the\s+year|turn\s+of\s+the\s+year)\b",
      priority=3)
def _year_end(m, ctx):
    base = ctx.base()
    return "DATE", (str(base.year) if base else "XXXX"), "END"


DEICTIC = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0,
            "the day before yesterday": -2, "the day after tomorrow": 2}


@rule("deictic",
      rf"(?:\b(?P<pos>early|late|earlier|later|mid)[\s-]+)?\b(?P<word>the\s+day\s+before\s+yesterday|"
      rf"the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow|tonight)\b(?!'s?\s+(?:show|program))"
      rf"(?:\s+(?P<pod>morning|afternoon|evening|night))?",
      priority=2,
      # (a capitalised word just before: "USA Today"; each word is tried once from its start, and
      # its first capital found once, rather than again from each letter)
      accept=lambda m, t, v: not re.search(r"(?<!\w)(?>\w*?[A-Z]\w)\w*+\s+$", t[max(0, m.start() - 8):m.start()])
      or not is_cap(m["word"]) or m.start() == 0 or t[m.start() - 2:m.start()] in (". ", "\n"))
def _deictic(m, ctx):
    word = re.sub(r"\s+", " ", m["word"].lower())
    mod = ctx.v.pos_mod(m["pos"])
    if m["pos"] and m["pos"].lower() == "later":
        mod = "END"
    if ctx.dct is None:
        return "DATE", "XXXX-XX-XX", mod
    day = ctx.dct + dt.timedelta(days=DEICTIC[word])
    if m["pod"]:
        return "TIME", f"{day.isoformat()}T{ctx.v.PARTS_OF_DAY[m['pod'].lower()]}", mod
    return "DATE", day.isoformat(), mod


@rule("part_of_day",
      r"(?:\b(?P<pos>early|late|earlier|later|mid)[\s-]+)?\b(?P<rel>this|last|that|the)\s+(?P<pod>morning|afternoon|evening|night)\b",
      priority=3,
      accept=lambda m, t, v: m["rel"].lower() != "the" or m["pod"].lower() == "morning")
def _part_of_day(m, ctx):
    rel = m["rel"].lower()
    base = ctx.base() if rel in ("that", "the") else ctx.dct
    if base is None:
        return "TIME", f"XXXX-XX-XXT{ctx.v.PARTS_OF_DAY[m['pod'].lower()]}", None
    if rel == "last":
        base = base - dt.timedelta(days=1)
    mod = ctx.v.pos_mod(m["pos"])
    return "TIME", f"{base.isoformat()}T{ctx.v.PARTS_OF_DAY[m['pod'].lower()]}", mod


@rule("overnight", r"\b(?:mid[\s-]?)?(?P<pod>overnight|afternoon)\b", priority=6,
      accept=lambda m, t, v: m.group(0).lower() == "overnight" or m.group(0).lower().startswith("mid"))
def _overnight(m, ctx):
    word = m.group(0).lower()
    if ctx.dct is None:
        return None
    if word == "overnight":
        return "TIME", f"{(ctx.dct - dt.timedelta(days=1)).isoformat()}TNI", None
    return "TIME", f"{ctx.dct.isoformat()}TAF", "MID"


@rule("weekday",
      lambda v: rf"(?:\b(?P<rel>last|next|this|this\s+past|this\s+coming|coming|early|late|earlier|later|on|the\s+previous|"
      rf"the\s+following|the\s+next)\s+)?"
      rf"\b(?P<wd>{v.WD})(?!\s+(?:{v.MON}|the\s+\d))\b"
      rf"(?:\s+(?P<pod>morning|afternoon|evening|night))?",
      priority=3, accept=lambda m, t, v: is_cap(m["wd"]), span=lambda m, v: _strip_on(m))
def _weekday(m, ctx):
    want = ctx.v.WEEKDAYS[m["wd"].lower()]
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    mod = {"early": "START", "late": "END"}.get(rel)
    base = ctx.dct
    if base is None:
        value = f"XXXX-WXX-{want}"
        return ("TIME", value + "T" + ctx.v.PARTS_OF_DAY[m["pod"].lower()], mod) if m["pod"] else ("DATE", value, mod)
    if rel in ("the previous", "the following", "the next") and ctx.anchor is not None:
        # "the previous Friday", "the following Monday": counted from the date being told.
        cur = ctx.anchor.isoweekday()
        delta = -((cur - want) % 7 or 7) if rel == "the previous" else (want - cur) % 7 or 7
        day = ctx.anchor + dt.timedelta(days=delta)
    else:
        day = weekday_day(ctx, want, m.start(), rel)
    if m["pod"]:
        return "TIME", f"{day.isoformat()}T{ctx.v.PARTS_OF_DAY[m['pod'].lower()]}", mod
    return "DATE", day.isoformat(), mod


_STRONG_FUTURE = re.compile(
    r"(?i)\b(?:will|'ll|shall|won't|would|is\s+to|are\s+to|due|set\s+to|scheduled|slated|expected|expects|"
    r"plans?|planned|planning|intends?|hopes?|to\s+be\s+held|upcoming|as\s+soon\s+as|as\s+early\s+as|"
    r"going\s+to|postponed|delayed|deadline|forecast)\b")
_FUTURE_WORDS_ED = {"scheduled", "expected", "planned", "postponed", "delayed"}
_PAST_WORD = VocabPattern("past_word", lambda v: rf"(?i)\b(?:{v.PAST}|{ED})\b")


# A future seen from the past is no future: "had been due to expire Friday".
_PAST_FUTURE = re.compile(r"(?i)\bhad\s+(?:been\s+)?$")
# A deadline counts forward: "until 9 a.m. Tuesday", "postponed until Tuesday morning"; a
# sentence opening "Until Thursday, they had..." looks back.
_UNTIL_BEFORE = re.compile(r"\b(?:until|till|through)\s+(?:(?:about|around|at)\s+)?$")


def weekday_is_future(text: str, start: int, v: Vocab) -> bool:
    """A strong future marker shortly before a weekday, with no past verb in between."""
    left = text[max(0, start - 80):start]
    cut = max(left.rfind(". "), left.rfind("\n"))
    if cut >= 0:
        left = left[cut + 1:]
    hits = list(_STRONG_FUTURE.finditer(left))
    if not hits:
        return False
    if _PAST_FUTURE.search(left, max(0, hits[-1].start() - 12), hits[-1].start()):
        return False
    return not any(w.group(0).lower() not in _FUTURE_WORDS_ED for w in _PAST_WORD(v).finditer(left, hits[-1].end()))


_FUTURE_AFTER = re.compile(r"(?i)[^.;:!?]{0,90}?\b(?:will|'ll|is\s+to|are\s+to|plans?\s+to|is\s+scheduled|"
                           r"are\s+scheduled|is\s+expected|are\s+expected)\b")


def _weekday_opens_future_clause(text: str, start: int, v: Vocab) -> bool:
    """ "On Tuesday, the league will hold...": a weekday opening its sentence, whose verb is future."""
    # (a line break in the white space before: found once from the start of that white space)
    if start and not re.search(r"(?:^|[.!?][\"'”’]*+\s+|(?<!\s)(?>[^\S\n]*\n)\s*+)$", text[max(0, start - 6):start]):
        return False
    m = _FUTURE_AFTER.match(text, start)
    return bool(m) and not _PAST_WORD(v).search(text, start, m.end() - 4)


def weekday_day(ctx: Ctx, want: int, start: int, rel: str = "") -> dt.date:
    """The day a weekday name denotes, seen from publication (``ctx.dct`` must be set)."""
    base = ctx.dct
    cur = base.isoweekday()
    if rel in ("last", "this past"):
        delta = -((cur - want) % 7 or 7)
    elif rel in ("next", "this coming", "coming"):
        delta = (want - cur) % 7 or 7
    elif (weekday_is_future(ctx.text, start, ctx.v) or _UNTIL_BEFORE.search(ctx.text, max(0, start - 20), start)
          or _weekday_opens_future_clause(ctx.text, start, ctx.v)):
        delta = (want - cur) % 7
    else:
        # News mostly reports the past week: a bare weekday is the latest one on or before
        # publication unless a strong future marker governs it.
        delta = -((cur - want) % 7)
    return base + dt.timedelta(days=delta)


def _strip_on(m: re.Match[str]) -> tuple[int, int]:
    """Weekday span without "on" or a sentence-opening "Earlier"/"Later" (TimeML leaves them out)."""
    if m["rel"] and m["rel"].lower() in ("on", "earlier", "later"):
        return m.start("wd"), m.end()
    return m.start(), m.end()


@functools.lru_cache(maxsize=512)
def _country_forms(forms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?i)(?<![\w.])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
                      + r")(?![\w])")


def _national_day(ctx: Ctx, name: str, start: int, end: int) -> str | None:
    """The MM-DD of a holiday each country keeps on its own day ("Independence Day"): the
    country named beside it in its sentence (the nearest), else the one the text names most."""
    by_country = ctx.v.NATIONAL_HOLIDAYS.get(name)
    if not by_country:
        return None
    s0, s1 = ctx.sentence_of(start)
    best: tuple[int, str] | None = None
    counts: list[tuple[int, str]] = []
    for forms, day in by_country:
        pattern = _country_forms(forms)
        for m in pattern.finditer(ctx.text, max(s0, start - 60), min(max(s1, end), end + 40)):
            if m.group(0).lower() == "us" and m.group(0) != "US":
                continue  # the pronoun "us"
            gap = start - m.end() if m.end() <= start else m.start() - end
            if best is None or gap < best[0]:
                best = (gap, day)
        n = sum(1 for m in pattern.finditer(ctx.text) if not (m.group(0).lower() == "us" and m.group(0) != "US"))
        if n:
            counts.append((n, day))
    if best is not None:
        return best[1]
    if counts:
        top = max(n for n, _ in counts)
        days = {day for n, day in counts if n == top}
        return days.pop() if len(days) == 1 else None
    return None


@rule("holiday",
      lambda v: rf"\b(?P<name>{alt(v.HOLIDAYS)}|thanksgiving(?:\s+day)?|election\s+day|easter(?:\s+sunday|\s+week)?)\b",
      priority=3, accept=lambda m, t, v: is_cap(m["name"]))
def _holiday(m, ctx):
    name = re.sub(r"\s+", " ", m["name"].lower())
    if ctx.dct is None:
        return "DATE", "XXXX-XX-XX", None
    tense = ctx.tense(m.start(), m.end())

    def on(year: int) -> dt.date:
        if name.startswith("thanksgiving"):
            first = dt.date(year, 11, 1)
            return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
        if name == "easter week":  # Holy Week: Monday to Easter Sunday, dated by its Monday
            return easter(year) - dt.timedelta(days=6)
        if name.startswith("easter"):
            return easter(year)
        if name.startswith("election"):  # U.S.: the Tuesday after the first Monday of November
            first = dt.date(year, 11, 1)
            return first + dt.timedelta(days=(0 - first.weekday()) % 7 + 1)
        mm, dd = (_national_day(ctx, name, m.start(), m.end()) or ctx.v.HOLIDAYS[name]).split("-")
        return dt.date(year, int(mm), int(dd))

    options = [on(y) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
    if tense == "future":
        day = min(d for d in options if d >= ctx.dct)
    else:
        past = [d for d in options if d <= ctx.dct]
        day = max(past) if past else options[1]
    if name == "easter week":  # Holy Week, which ends on Easter Sunday
        return "DATE", iso_week(day), None
    return "DATE", day.isoformat(), None


# --- "two days ago", "a year earlier", "the following day" ---------------------------------------


def _ago_is_duration(m: re.Match[str], v: Vocab) -> bool:
    """ "Three days later" is annotated as the duration "three days"; "a year earlier" as a date."""
    return m["dir"].lower() in ("earlier", "later", "back") and v.unit_code(m["unit"]) in ("D", "W", "H", "MIN", "S")


def _ago_span(m: re.Match[str], v: Vocab) -> tuple[int, int]:
    if _ago_is_duration(m, v):
        return m.start(), m.start("dir")
    return m.start(), m.end()


@rule("ago",
      lambda v: rf"(?:\b(?P<approx>{v.APPROX_RE})\s+)?\b(?:(?P<num>{v.NUM})|(?P<vague>{v.VAGUE}))\s+(?P<unit>{v.UNIT})s?"
      rf"(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|hence|from\s+now|back)\b",
      priority=2, span=lambda m, v: _ago_span(m, v))
def _ago(m, ctx):
    n = ctx.v.num(m["num"]) if m["num"] else None
    unit = ctx.v.unit_code(m["unit"])
    d = m["dir"].lower()
    if _ago_is_duration(m, ctx.v):
        return duration_rule(m, ctx)
    mod = ctx.v.approx_mod(m["approx"])
    if "or so" in m.group(0).lower():
        mod = "APPROX"
    sign = -1 if d in ("ago", "earlier", "back") else 1
    if n is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod
    if d in ("earlier", "later"):
        # "a year earlier" is relative to the date the text is talking about.
        if unit == "Y" and n == 1 and ctx.recent_quarter(m.start()) and sign < 0:
            return "DATE", f"{int(ctx.recent_quarter(m.start())[:4]) - 1:04d}{ctx.recent_quarter(m.start())[4:]}", mod
        base = ctx.base()
    else:
        if unit == "Y" and n == 1 and ctx.recent_quarter(m.start()) and sign < 0:
            return "DATE", f"{int(ctx.recent_quarter(m.start())[:4]) - 1:04d}{ctx.recent_quarter(m.start())[4:]}", mod
        base = ctx.dct
    if base is None or n != int(n):
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod
    n = int(n) * sign
    if unit in ("H", "MIN", "S"):
        return "DATE", base.isoformat(), mod
    if unit == "DE":
        return "DATE", str(base.year + 10 * n), mod
    if unit == "CE":
        return "DATE", str(base.year + 100 * n), mod
    return "DATE", shift(base, unit, n), mod


@rule("anaphoric_day",
      r"(?:\b(?P<pos>earlier|later|early|late)\s+)?\b(?P<rel>the\s+same|that\s+same|that|the\s+next|the\s+following|"
      r"the\s+previous|the\s+prior)\s+(?P<unit>day|morning|afternoon|evening|night)\b",
      priority=3)
def _anaphoric_day(m, ctx):
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    base = ctx.base()
    days = {"the next": 1, "the following": 1, "the previous": -1, "the prior": -1}.get(rel, 0)
    pos = (m["pos"] or "").lower()
    mod = "START" if pos in ("earlier", "early") else ("END" if pos in ("late",) else None)
    if base is None:
        return "DATE", "XXXX-XX-XX", mod
    day = base + dt.timedelta(days=days)
    unit = m["unit"].lower()
    if unit != "day":
        return "TIME", f"{day.isoformat()}T{ctx.v.PARTS_OF_DAY[unit]}", mod
    return "DATE", day.isoformat(), mod


@rule("day_before", r"\b(?P<rel>the\s+day\s+(?:before|after))\b(?!\s+(?:yesterday|tomorrow|the|a|an|his|her|its|their|\w+'s)\b)",
      priority=4)
def _day_before(m, ctx):
    base = ctx.base()
    if base is None:
        return "DATE", "XXXX-XX-XX", None
    return "DATE", (base + dt.timedelta(days=-1 if "before" in m["rel"].lower() else 1)).isoformat(), None


_PRESENT_BEFORE = re.compile(r"(?i)\b(?:is|it's|today's|marks|marked|was|it\s+was)\s+$")


@rule("ordinal_day",
      lambda v: rf"\b(?:(?P<det>the|its|his|her|their)\s+)?(?P<ord>{alt([w for w in v.ORDINALS if not w[0].isdigit()])}|\d+(?:st|nd|rd|th))"
      rf"\s+(?:(?:straight|consecutive|full)\s+)?day\b(?!-)",
      priority=4, accept=lambda m, t, v: bool(m["det"]) or bool(_PRESENT_BEFORE.search(t, max(0, m.start() - 12), m.start())))
def _ordinal_day(m, ctx):
    """ "It is the second day of the offensive": that day is the day of writing; otherwise some
    day counted from an event the text names ("his first day in office"), not resolved."""
    before = ctx.text[max(0, m.start() - 12):m.start()]
    if ctx.dct is not None and _PRESENT_BEFORE.search(before) and not re.search(r"(?i)was\s+$", before):
        return "DATE", ctx.dct.isoformat(), None
    return "DATE", "XXXX-XX-XX", None
