"""Rules for calendar dates: full and partial dates, months, years, eras, decades, centuries.

"June 19, 2024", "19 June", "6/19/2024", "2024-06-19", "the week of March 6", "April 24 and 25",
"October 2024", "in January", "last November", "2024", "fiscal 2025", "1066 AD", "the 1990s",
"the 19th century", "nineteen ninety-one". A date without its year takes one from the tense of
its clause (:func:`~toolkit.extract.dates.context.year_from_tense`).
"""

from __future__ import annotations

import datetime as dt
import re

from toolkit.extract.dates.calendar import iso_week
from toolkit.extract.dates.context import year_from_tense
from toolkit.extract.dates.rules.registry import rule
from toolkit.extract.dates.vocab import DAY, ERA, FAR_YEAR, FAR_YEAR_END, YEAR, Vocab, alt, is_cap

# Counted things that make a four-digit number a quantity rather than a year ("2000 troops").
_COUNT_NOUNS = (r"(?:troops|soldiers|people|men|women|children|workers|employees|jobs|shares|units|"
                r"cars|vehicles|tons|tonnes|barrels|dollars|euros|yen|won|rubles|points|votes|members|"
                r"civilians|casualties|deaths|students|residents|refugees|missiles|rounds|shells|"
                r"meters|metres|feet|miles|km|kilometers|kilometres|pounds|acres|ft|m|kg|mw|mph)")
# Words before a number that make it an identifier, not a year ("Article 4", "Resolution 2231").
_ID_WORDS = (r"(?:article|articles|section|no|nos|number|resolution|chapter|page|pages|room|flight|"
             r"route|model|paragraph|clause|item|rule|bill|code|item|highway|interstate|gate|"
             r"platform|unit|bus|line|version|amendment|order|decree|law|protocol|annex|table|"
             r"figure|form|box|apartment|suite|channel|ward|district|precinct)")


# --- full and partial calendar dates ---------------------------------------------------------


# A month name between dashes and digits ("05-aug-2016", "sep-23-2020"): file names, URLs and
# page furniture write them in any case; the name says which number is the month.
@rule("dash_month",
      lambda v: rf"(?<![\w-])(?:(?P<d1>0?[1-9]|[12]\d|3[01])-(?P<mon1>{v.MON_FULL}|{alt(v.ABBR_MONTHS)})"
      rf"|(?P<mon2>{v.MON_FULL}|{alt(v.ABBR_MONTHS)})-(?P<d2>0?[1-9]|[12]\d|3[01]))-(?P<y>{YEAR})\b(?![-\w])",
      priority=1)
def _dash_month(m, ctx):
    month = ctx.v.month_num(m["mon1"] or m["mon2"])
    try:
        return "DATE", dt.date(int(m["y"]), month, int(m["d1"] or m["d2"])).isoformat(), None
    except ValueError:
        return None


# Numeric dates whose form says which number is which: ISO; year first with slashes
# ("2016/02/07", page furniture of Asian and wire sites); dots between day, month and a
# four-digit year ("03.01.2024"), the day-first convention of European and post-Soviet outlets
# (English-language American writing uses slashes for dates, so a dotted date is day first).
@rule("iso", r"\b(?P<y>1[6-9]\d\d|20\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)\b(?!-\d)", priority=1)
@rule("year_slash", r"\b(?P<y>1[6-9]\d\d|20\d\d)/(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])\b(?![/\d])",
      priority=1)
@rule("dotted", r"(?<![\d.])(?P<d>0?[1-9]|[12]\d|3[01])\.(?P<m>0?[1-9]|1[0-2])\.(?P<y>1[6-9]\d\d|20\d\d)\b(?![.,]?\d)",
      priority=1)
def _year_month_day(m, ctx):
    try:
        return "DATE", dt.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat(), None
    except ValueError:
        return None


def _month_and_day(a: int, b: int, at: int, ctx) -> tuple[int, int]:
    """Which of two numbers is the month: the one that can be; when both can, the order the
    article writes its other dates in (:attr:`Ctx.day_first`), else the US order, and the
    mention is flagged ambiguous."""
    if a > 12:
        return b, a
    if b > 12 or a == b:
        return a, b
    order = ctx.day_first
    if order is None:
        ctx.ambiguous.add(at)
    return (b, a) if order else (a, b)


@rule("slash", r"(?<![\d/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})\b(?![/\d])", priority=1)
def _slash(m, ctx):
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if y < 100:
        y += 2000 if y < 50 else 1900
    month, day = _month_and_day(a, b, m.start(), ctx)
    try:
        return "DATE", dt.date(y, month, day).isoformat(), None
    except ValueError:
        return None


# A day and month without a year ("on 22/04", "since 10/1") is a date only where a date stands:
# after a preposition of time or a dateline word, or opening a line; elsewhere "3/4" is a
# fraction and "24/7" a phrase.
_SHORT_SLASH_BEFORE = re.compile(r"(?i)(?:\b(?:on|since|from|until|till|by|dated|before|after|through|to|and|"
                                 r"between|updated|posted|published)\s+|(?:^|\n)[ \t]*)$")


def _short_slash_ok(m, text, v):
    if re.match(r"\s*(?:of|th|st|nd|rd)\b", text[m.end():m.end() + 5]):
        return False  # "3/4 of the troops"
    return bool(_SHORT_SLASH_BEFORE.search(text, max(0, m.start() - 12), m.start()))


@rule("short_slash", r"(?<![\d/.:])(?P<a>[12]\d|3[01]|0?[1-9])/(?P<b>[12]\d|3[01]|0?[1-9])(?![/\d.,]\d|[/\d])",
      priority=2, accept=_short_slash_ok)
def _short_slash(m, ctx):
    month, day = _month_and_day(int(m["a"]), int(m["b"]), m.start(), ctx)
    if month > 12:
        return None
    year = year_from_tense(ctx, m.start(), m.end(), month, day)
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        return None
    return "DATE", f"{year:04d}-{month:02d}-{day:02d}" if year else f"XXXX-{month:02d}-{day:02d}", None


# Year, month and day run together ("20161016"), as file names and datelines write them: a
# date only after a word that introduces one, or opening a line; elsewhere eight digits are
# as often a reference number.
_COMPACT_BEFORE = re.compile(r"(?i)(?:\b(?:on|dated|date|posted|updated|published|since|from|until|by|as\s+of)"
                             r"[\s:]+|(?:^|\n)[ \t]*)$")


@rule("compact", r"(?<![\d/.-])(?P<y>19\d\d|20\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?![\d/.-]?\d)",
      priority=1, accept=lambda m, t, v: bool(_COMPACT_BEFORE.search(t, max(0, m.start() - 14), m.start())))
def _compact(m, ctx):
    try:
        return "DATE", dt.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat(), None
    except ValueError:
        return None


# "the first week of 2015", "the second week of March": counted the way ISO counts a year's
# weeks, the first being the one that holds the period's fourth day (so most of its days lie
# in the period: the first week of February 2025 is 3-9 February, not the week of Saturday 1
# February); the last week holds the period's fourth-last day.
_WEEK_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1, "final": -1}


@rule("nth_week",
      lambda v: rf"\b(?:the\s+)?(?P<ord>first|second|third|fourth|last|final)\s+week\s+of\s+"
      rf"(?:(?P<mon>{v.MON_FULL}|{alt(v.ABBR_MONTHS)}\.?)(?:,?\s+(?P<year>{YEAR}))?|(?P<yonly>{YEAR}))\b",
      priority=1, accept=lambda m, t, v: m["mon"] is None or is_cap(m["mon"]) or m["year"] is not None)
def _nth_week(m, ctx):
    n = _WEEK_ORDINALS[m["ord"].lower()]
    if m["yonly"]:
        year, first, last = int(m["yonly"]), dt.date(int(m["yonly"]), 1, 1), dt.date(int(m["yonly"]), 12, 31)
    else:
        month = ctx.v.month_num(m["mon"])
        year = int(m["year"]) if m["year"] else year_from_tense(ctx, m.start(), m.end(), month, 1)
        if year is None:
            return "DATE", "XXXX-WXX", None
        first = dt.date(year, month, 1)
        last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
    day = last - dt.timedelta(days=3) if n < 0 else first + dt.timedelta(days=3 + 7 * (n - 1))
    return "DATE", iso_week(day), None


# "nov-feb 2017": a span of months whose year is written once, after the second month; the
# first month is that year's, or the year before when it comes later in the calendar.
@rule("month_span_first",
      lambda v: rf"\b(?P<mon>{v.MON})(?=\s*[-–/]\s*(?P<mon2>{v.MON})\.?,?\s+(?P<year>{YEAR})\b)",
      priority=2, accept=lambda m, t, v: is_cap(m["mon"]) or _lower_month_ok(m, t, v))
def _month_span_first(m, ctx):
    first, second, year = ctx.v.month_num(m["mon"]), ctx.v.month_num(m["mon2"]), int(m["year"])
    return "DATE", f"{year - (first > second):04d}-{first:02d}", None


def _month_ok(m: re.Match[str], text: str, v: Vocab) -> bool:
    """Month names must be capitalised, unless a year follows ("dec. 31, 1994")."""
    return is_cap(m["mon"]) or _lower_month_ok(m, text, v)


@rule("month_day",
      lambda v: rf"(?:(?P<approx>about|around|approximately|circa|on or about|on or before|on or after)\s+)?"
      rf"(?:(?P<wd>{v.WD}),?\s+)?(?:(?P<pos>{v.POS_RE})[\s-]+)?"
      rf"\b(?P<mon>{v.MON})\s*(?P<day>{DAY})\b(?!\s*(?:%|percent|[-–]\d(?!\d?\b)|:\d|,\d{{3}}|\.\d))"
      rf"(?:(?:\s*,\s*|\s+)(?P<year>{YEAR})\b(?!,\d|\d)|,\s*(?P<fyear>{FAR_YEAR})\b{FAR_YEAR_END}"
      rf"|,?\s+(?:of\s+)?(?P<relyear>last|next|this)\s+year\b(?!['’]s))?",
      priority=1, accept=_month_ok)
def _month_day(m, ctx):
    month = ctx.v.month_num(m["mon"])
    day = int(re.match(r"\d+", m["day"])[0])
    g = m.groupdict()
    approx = g.get("approx")
    mod = ctx.v.approx_mod(approx) if approx else None
    if approx and approx.lower().startswith("on or"):
        mod = "ON_OR_BEFORE" if "before" in approx.lower() else "ON_OR_AFTER"
    mod = mod or ctx.v.pos_mod(g.get("pos"))
    if m["year"] or g.get("fyear"):
        year = int(m["year"] or g["fyear"])
    elif g.get("relyear"):
        # "Feb. 24 last year": the year counted from publication (unknown without it)
        offset = {"last": -1, "this": 0, "next": 1}[g["relyear"].lower()]
        year = ctx.dct.year + offset if ctx.dct is not None else None
    elif m["wd"] and ctx.dct is not None:
        # A weekday fixes the year: pick the nearest year whose date falls on that weekday.
        want = ctx.v.WEEKDAYS[m["wd"].lower()]
        year = None
        for y in (ctx.dct.year, ctx.dct.year - 1, ctx.dct.year + 1):
            try:
                if dt.date(y, month, day).isoweekday() == want:
                    year = y
                    break
            except ValueError:
                pass
        if year is None:
            year = year_from_tense(ctx, m.start(), m.end(), month, day)
    else:
        year = year_from_tense(ctx, m.start(), m.end(), month, day)
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        return None
    value = f"{year:04d}-{month:02d}-{day:02d}" if year else f"XXXX-{month:02d}-{day:02d}"
    return "DATE", value, mod


@rule("day_month",
      lambda v: rf"(?:(?P<wd>{v.WD}),?\s+)?\b(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<mon>{v.MON})(?![\w.]\w)"
      rf"(?:,?\s+(?P<year>{YEAR})\b(?!,\d|\d)|,?\s+(?P<fyear>{FAR_YEAR})\b{FAR_YEAR_END})?",
      priority=1, accept=_month_ok)
def _day_month(m, ctx):
    return _month_day(m, ctx)


@rule("week_of",
      lambda v: rf"(?P<wd>)\bthe\s+week\s+of\s+(?P<mon>{v.MON})\s*(?P<day>{DAY})\b(?:,?\s+(?P<year>{YEAR})\b)?",
      priority=1, accept=_month_ok)
def _week_of(m, ctx):
    """ "the week of March 6": the ISO week holding that day."""
    res = _month_day(m, ctx)
    if res is None or res[1].startswith("X"):
        return res and ("DATE", "XXXX-WXX", None)
    return "DATE", iso_week(dt.date.fromisoformat(res[1])), None


def _month_year_ok(m, text, v):
    return is_cap(m["mon"]) or _lower_month_ok(m, text, v)


def _lower_month_ok(m: re.Match[str], text: str, v: Vocab) -> bool:
    """A lower-case month name with a year after it is a month ("april 2017", "dec. 31, 1994" in
    a scraped page), unless the name is also a common word ("may", "march", "jan") written
    without an abbreviation's period, or the "year" counts something ("march 2000 soldiers")."""
    if m["year"] is None:
        return False
    word = m["mon"].lower()
    if word.rstrip(".") in v.AMBIGUOUS_MONTHS and not word.endswith("."):
        return False
    return re.match(rf"(?i)\s*(?:{_COUNT_NOUNS})\b", text[m.end():]) is None


@rule("month_year",
      lambda v: rf"(?:(?P<approx>about|around|approximately)\s+)?(?:(?P<pos>{v.POS_RE})[\s-]+)?"
      rf"\b(?P<mon>{v.MON}),?\s+(?:of\s+)?(?P<year>{YEAR})\b(?!,\d|\d)",
      priority=2, accept=_month_year_ok)
def _month_year(m, ctx):
    mod = ctx.v.approx_mod(m["approx"]) or ctx.v.pos_mod(m["pos"])
    return "DATE", f"{int(m['year']):04d}-{ctx.v.month_num(m['mon']):02d}", mod


_MONTH_PREP = re.compile(r"(?i)(?:\b(?:in|since|until|till|by|from|through|to|during|before|after|between|the|"
                         r"of|and|or|last|next|this|early|late|mid|end|beginning|start|until|"
                         r"throughout|each|every|around|about|on|for)\s+|[-–—(,]\s*)$")


def _month_alone_ok(m, text, v):
    mon = m["mon"]
    if not is_cap(mon) or mon.lower().rstrip(".") not in v.FULL_MONTHS:
        return False
    if m["rel"] or m["pos"] or m["rel2"]:
        return True
    # "May" and "March" are also a verb/noun: they need a preposition in front ("in May").
    if mon.lower() in v.AMBIGUOUS_MONTHS:
        return bool(_MONTH_PREP.search(text, max(0, m.start() - 15), m.start()))
    # A capitalised month at the start of a sentence followed by a name is usually a person.
    return True


@rule("month",
      lambda v: rf"(?:(?P<rel>last|next|this|this\s+past|this\s+coming|the\s+past|that)\s+|(?P<pos>{v.POS_RE})[\s-]+)?"
      rf"\b(?P<mon>{v.MON_FULL})\b(?!-)(?:,?\s+(?P<rel2>last|this|next)\s+year\b)?",
      priority=3, accept=_month_alone_ok)
def _month(m, ctx):
    month = ctx.v.month_num(m["mon"])
    mod = ctx.v.pos_mod(m["pos"])
    dct = ctx.dct
    rel = (m["rel"] or m["rel2"] or "").lower()
    rel = re.sub(r"\s+", " ", rel)
    if dct is None:
        return "DATE", f"XXXX-{month:02d}", mod
    if m["rel2"]:
        year = dct.year + {"last": -1, "this": 0, "next": 1}[rel]
    elif rel in ("last", "this past", "the past"):
        year = dct.year if month < dct.month else dct.year - 1
    elif rel in ("next", "this coming"):
        year = dct.year if month > dct.month else dct.year + 1
    elif rel == "this":
        year = dct.year
    elif rel == "that" and ctx.anchor is not None:
        year = ctx.anchor.year
    else:
        year = year_from_tense(ctx, m.start(), m.end(), month)
    return "DATE", f"{year:04d}-{month:02d}", mod


# --- years, decades, centuries -----------------------------------------------------------------


def _year_ok(m, text, v):
    s, e = m.start(), m.end("year")
    before = text[max(0, s - 14):s]
    after = text[e:e + 14]
    if re.search(r"(?:[$£€¥#]|\d[.,]?|[A-Za-z]-)$", before):
        return False
    if re.search(rf"(?i)\b{_ID_WORDS}\.?\s+$", before):
        return False
    if re.match(rf"(?i)\s*(?:{_COUNT_NOUNS})\b|\s*%|[.,:]\d|\d|\s*(?:million|billion|thousand)", after):
        return False
    if re.search(r"(?i)\b(?:more than|fewer than|less than|at least|up to|nearly|over|some|about|"
                 r"approximately|roughly|around|only|just)\s+$", before) and not m["approx"] is None:
        return True
    if re.search(r"(?i)\b(?:more than|fewer than|less than|at least|up to|nearly|some|approximately|roughly)\s+$",
                 before):
        return False
    return True


@rule("year",
      lambda v: rf"(?<![\w$£€#./-])(?:(?P<approx>about|around|circa|approximately)\s+)?"
      rf"(?:(?P<pre>post|pre)-)?(?:(?P<fiscal>fiscal(?:\s+year)?|FY|calendar(?:\s+year)?)\s*)?"
      rf"(?:(?P<pos>{v.POS_RE})[\s-]+)?(?:(?P<theyear>the\s+year)\s+)?(?P<year>{YEAR})\b"
      rf"(?:\s+(?P<post>or\s+later|or\s+earlier|and\s+beyond|onward|onwards))?(?!-\d|\.\d)",
      priority=4, accept=_year_ok)
def _year(m, ctx):
    mod = ctx.v.approx_mod(m["approx"]) or ctx.v.pos_mod(m["pos"])
    if m["pre"]:
        mod = "AFTER" if m["pre"].lower() == "post" else "BEFORE"
    if m["post"]:
        p = m["post"].lower()
        mod = "ON_OR_BEFORE" if "earlier" in p else "ON_OR_AFTER"
    return "DATE", m["year"], mod


@rule("era_year",
      rf"(?P<theyear>the\s+year)\s+(?P<y1>[1-9]\d{{0,3}})\b(?:\s*(?P<era1>{ERA})(?!\w))?{FAR_YEAR_END}"
      rf"|(?-i:AD|A\.D\.)\s*(?P<y2>[1-9]\d{{0,3}})\b(?![\d,.]\d)"
      # (not the "500" of "1,500 AD", nor "BC" and "CE" starting a name: "500 BC Hydro customers")
      rf"|(?<![\d,.])(?P<y3>[1-9]\d{{0,3}})\s*(?P<era3>{ERA})(?!\w)(?!(?<=BC|CE)\s+(?-i:[A-Z][a-z]))",
      priority=4,
      # "the year 2024" is the year rule's (with its guards); this one reads the years outside it
      accept=lambda m, t, v: bool(m["era1"] or m["y2"] or m["y3"]) or not 1600 <= int(m["y1"]) <= 2099)
def _era_year(m, ctx):
    """ "in the year 1000", "1066 AD", "AD 800", "500 BC": a year by its era or "the year".

    TIMEX3 has no value for a year before the common era; the TIMEX2 convention ("BC0500") is
    written, with no calendar span (``datetime.date`` starts at year 1)."""
    year = int(m["y1"] or m["y2"] or m["y3"])
    era = (m["era1"] or m["era3"] or "").replace(".", "")
    return "DATE", (f"BC{year:04d}" if era in ("BC", "BCE") else f"{year:04d}"), None


@rule("fiscal_short", r"\b(?:fiscal(?:\s+year)?|FY)\s*'?(?P<yy>\d\d)\b(?!\d)", priority=3)
def _fiscal_short(m, ctx):
    yy = int(m["yy"])
    return "DATE", f"{(2000 if yy < 50 else 1900) + yy}", None


@rule("decade",
      lambda v: rf"(?<![\w$])(?:(?P<the>the)\s+)?(?:(?P<pos>early|mid|late|the\s+early|the\s+late)[\s-]+)?"
      rf"(?:(?P<dec>1[5-9]\d|20\d)0'?s|[‘'’](?P<dec2>\d)0'?s|(?P<decw>{alt(v.DECADE_WORDS)}))\b",
      priority=3, accept=lambda m, t, v: not (m["decw"] and not m["the"]))
def _decade(m, ctx):
    mod = ctx.v.pos_mod(m["pos"])
    if m["dec"]:
        value = m["dec"]
    else:
        d = int(m["dec2"]) if m["dec2"] else ctx.v.DECADE_WORDS[m["decw"].lower()] // 10
        century = 20 if (m["dec2"] and d <= 2) else 19
        value = f"{century}{d}"
    return "DATE", value, mod


@rule("century",
      r"(?:(?P<the>the)\s+)?(?:(?P<pos>early|mid|late)[\s-]+)?"
      r"(?P<n>\d{1,2})(?:st|nd|rd|th)[\s-]+century\b(?!-old)",
      priority=3)
def _century(m, ctx):
    n = int(m["n"])
    return "DATE", f"{n - 1:02d}", ctx.v.pos_mod(m["pos"])


def _day_list_ok(m: re.Match[str], text: str, v: Vocab) -> bool:
    """ "April 24 and 25," but not "April 24 and 25 people" or "June 5 and 6 percent"."""
    if not is_cap(m["mon"]):
        return False
    return bool(re.match(r"\s*+(?:$|[,.;:)\]—–-]|(?:and|in|at|to|for|the|when|with|while|as|but|or|"
                         r"{YEAR})\b)".replace("{YEAR}", YEAR), text[m.end():m.end() + 12]))


@rule("day_list",
      lambda v: rf"(?P<wd>)(?P<mon>{v.MON})\s*(?P<d1>{DAY})(?:\s+(?:and|or|to|through|until|till)\s+|[-–])(?P<day>{DAY})\b"
      rf"(?:,?\s+(?P<year>{YEAR})\b)?",
      priority=1, accept=_day_list_ok, span=lambda m, v: (m.start("day"), m.end("day")))
def _day_list(m, ctx):
    """ "on April 24 and 25", "March 20-21": the second day, of the month named before it."""
    return _month_day(m, ctx)


@rule("spoken_year",
      lambda v: rf"\b(?:(?P<the>the\s+year)\s+)?(?P<y>nineteen[\s-](?:hundred\s+(?:and\s+)?)?(?:{alt(v.TENS)}(?:[\s-]{alt(v.SMALL)})?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|oh[\s-]{alt(v.SMALL)})"
      rf"|two\s+thousand(?:\s+(?:and\s+)?{alt(v.SMALL + ['ten', 'eleven', 'twelve'])})?)\b",
      priority=3,
      accept=lambda m, t, v: bool(m["the"]) or m["y"].lower().startswith("nineteen"))
def _spoken_year(m, ctx):
    words = re.split(r"[\s-]+", m["y"].lower())
    words = [w for w in words if w not in ("and", "hundred")]
    if words[:2] == ["two", "thousand"]:
        rest = sum(ctx.v.NUMBERS.get(w, 0) for w in words[2:])
        return "DATE", str(2000 + int(rest)), None
    rest = words[1:]
    if rest and rest[0] == "oh":
        rest = rest[1:]
    val = int(sum(ctx.v.NUMBERS.get(w, 0) for w in rest))
    return "DATE", str(1900 + val), None
