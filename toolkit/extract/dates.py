"""Temporal expressions: find them in text and normalise them to TimeML TIMEX3 values.

This module owns the contract's ``dates`` table (issue 3). :func:`find_dates` runs a small
regular-expression grammar over an article's text, keeps the longest non-overlapping candidates,
and resolves each to a TIMEX3 ``type``/``value``/``mod`` the way TimeML annotators do
(TimeBank/AQUAINT conventions): relative expressions ("last week", "two days ago") against the
publication date, yearless dates ("in January", "May 9") by the tense of their clause, and
anaphoric ones ("the following month", "a year earlier") against the previous date of the text.
:func:`resolve_value` turns any TIMEX3 value into the calendar span it denotes.

The vocabulary (month names, number words, modifiers, cue verbs) lives in
``data/lexicon/dates.yaml``; the rules live here. All patterns compile once at import. dateparser
is deliberately not used for searching: on news it reads "We" as Wednesday and "$20 billion" as
a date (see issue 3), and our grammar is an order of magnitude faster.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from toolkit.records import DateMention

__all__ = ["find_dates", "resolve_value"]

_LEXICON_PATH = Path(__file__).resolve().parents[2] / "data" / "lexicon" / "dates.yaml"
with open(_LEXICON_PATH, encoding="utf-8") as _fh:
    _LEX: dict = yaml.safe_load(_fh)

# ---------------------------------------------------------------------------------------------
# Vocabulary -> regular-expression fragments
# ---------------------------------------------------------------------------------------------


def _alt(words) -> str:
    """A non-capturing alternation, longest words first so the regex prefers them."""
    parts = sorted({str(w) for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts) + ")"


MONTHS: dict[str, int] = {str(k): int(v) for k, v in _LEX["months"].items()}
AMBIGUOUS_MONTHS = set(_LEX["ambiguous_months"])
WEEKDAYS: dict[str, int] = dict(_LEX["weekdays"])
SEASONS: dict[str, str] = dict(_LEX["seasons"])
PARTS_OF_DAY: dict[str, str] = dict(_LEX["parts_of_day"])
CLOCK_WORDS: dict[str, str] = dict(_LEX["clock_words"])
NUMBERS: dict[str, float] = {str(k): float(v) for k, v in _LEX["numbers"].items()}
VAGUE_NUMBERS: list[str] = list(_LEX["vague_numbers"])
ORDINALS: dict[str, int] = {str(k): int(v) for k, v in _LEX["ordinals"].items()}
UNITS: dict[str, str] = dict(_LEX["units"])
UNIT_PLURALS: dict[str, str] = dict(_LEX["unit_plurals"])
DECADE_WORDS: dict[str, int] = dict(_LEX["decade_words"])
SETS: dict[str, str] = dict(_LEX["sets"])
REFERENCES: dict[str, str] = dict(_LEX["references"])
APPROX: dict[str, str] = dict(_LEX["approx_prefixes"])
POSITIONS: dict[str, str | None] = dict(_LEX["position_prefixes"])
HOLIDAYS: dict[str, str] = dict(_LEX["holidays"])

_FULL_MONTHS = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_ABBR_MONTHS = [m for m in MONTHS if m not in _FULL_MONTHS]
# A month: a full name, or an abbreviation with an optional period ("Nov.", "Sept").
MON = rf"(?:{_alt(_FULL_MONTHS)}|{_alt(_ABBR_MONTHS)}\.?)"
MON_FULL = _alt(_FULL_MONTHS)
WD = _alt(WEEKDAYS)
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
# A year outside YEAR's window is read only where the form of a date says it is one ("May 5,
# 2500", "5 May 2500", "the year 1000", "1000 AD", "500 BC"; TIMEX3 writes years 0001-9999), and
# not before a word that it could be counting ("May 5, 2500 troops crossed", "the year 300
# soldiers died", "May 5, 2500 were killed"): a plural noun, a plural verb, "more", "of", "new".
_FAR_YEAR = r"(?:1[0-5]\d\d|2[1-9]\d\d|[3-9]\d\d\d)"
_FAR_YEAR_END = (r"(?![\d,.]\d|\d|\s+(?-i:(?:people|men|women|children|personnel|staff|were|are|have|more|of|other|"
                 r"others|new|additional|further|extra|(?!(?:was|has|is|its|this|his|thus|always|perhaps|across|"
                 r"unless|plus|towards|afterwards|as|us|less)\b)[a-z]*[a-rt-z]s)\b))")
_ERA = r"(?-i:AD|A\.D\.|BC|B\.C\.|BCE|B\.C\.E\.|CE|C\.E\.)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_UNIT_WORDS = list(UNITS) + list(UNIT_PLURALS)
UNIT = rf"(?:{_alt(_UNIT_WORDS)})"
_SMALL = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMWORD = rf"(?:{_alt(_TENS)}(?:[\s-]{_alt(_SMALL)})?|{_alt(NUMBERS)})"
NUM = rf"(?:\d+(?:\.\d+)?(?:\s+\d/\d)?|{NUMWORD})"
VAGUE = _alt(VAGUE_NUMBERS)
APPROX_RE = _alt(APPROX)
POS_RE = _alt(POSITIONS)
SEASON = _alt(SEASONS)
POD = _alt(PARTS_OF_DAY)

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

# ---------------------------------------------------------------------------------------------
# Calendar helpers
# ---------------------------------------------------------------------------------------------

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def _month_add(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _quarter(d: dt.date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def _season_of(d: dt.date) -> tuple[int, str]:
    """The season containing ``d``; a winter belongs to the year of its December."""
    m = d.month
    if m in (12,):
        return d.year, "WI"
    if m in (1, 2):
        return d.year - 1, "WI"
    return d.year, {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(m, "FA")


def _season_start(year: int, code: str) -> dt.date:
    return dt.date(year, _SEASON_MONTHS[code][0], 1)


def _season_end(year: int, code: str) -> dt.date:
    lo, hi = _SEASON_MONTHS[code]
    y = year + 1 if hi < lo else year
    return dt.date(y, hi, _last_day(y, hi))


def _shift(base: dt.date, unit: str, n: int) -> str:
    """TIMEX3 value of the ``unit``-sized period ``n`` units from the one containing ``base``."""
    if unit == "Y":
        return f"{base.year + n:04d}"
    if unit == "M":
        y, m = _month_add(base.year, base.month, n)
        return f"{y:04d}-{m:02d}"
    if unit in ("W", "FN"):
        return _iso_week(base + dt.timedelta(weeks=n))
    if unit == "WE":
        return _iso_week(base + dt.timedelta(weeks=n)) + "-WE"
    if unit == "Q":
        y, q = _quarter(base)
        k = y * 4 + (q - 1) + n
        return f"{k // 4:04d}-Q{k % 4 + 1}"
    if unit == "DE":
        return f"{base.year // 10 + n:03d}"
    if unit == "CE":
        return f"{base.year // 100 + n:02d}"
    # Days and anything finer resolve to a day.
    return (base + dt.timedelta(days=n)).isoformat()


# resolve_value runs for every mention: its patterns compile once.
_V_TIME = re.compile(r"^\d{4}-\d\d-\d\dT")
_V_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
_V_WEEK = re.compile(r"(\d{4})-W(\d\d?)(-WE)?")
_V_MONTH = re.compile(r"(\d{4})-(\d\d)")
_V_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_V_HALF = re.compile(r"(\d{4})-H([12])")
_V_SEASON = re.compile(r"(\d{4})-(SP|SU|FA|WI)")
_V_YEAR = re.compile(r"(\d{4})")
_V_DECADE = re.compile(r"(\d{3})X?")
_V_CENTURY = re.compile(r"(\d{2})(?:XX)?")
_V_XDAY = re.compile(r"X{4}-\d\d-\d\d")
_V_BC = re.compile(r"BC\d{4}")
_V_XMONTH = re.compile(r"X{4}-\d\d")
_V_XSEASON = re.compile(r"X{4}-(SP|SU|FA|WI)")
_V_XQUARTER = re.compile(r"X{4}-Q\d")


def resolve_value(value: str) -> tuple[dt.date | None, dt.date | None, str]:
    """The calendar span and granularity of a TIMEX3 value.

    Args:
        value: a TIMEX3 value such as ``2024-10``, ``2024-Q4``, ``2024-SU``, ``199``,
            ``1998-W08``, ``2025-04-28T10:00``, ``P2D`` or ``PRESENT_REF``.

    Returns:
        ``(earliest, latest, granularity)``; the dates are ``None`` when the value is not a
        fixed stretch of the calendar (durations, sets, ``*_REF``, ``XXXX-…``).

    >>> resolve_value("2024-10")
    (datetime.date(2024, 10, 1), datetime.date(2024, 10, 31), 'month')
    >>> resolve_value("199")
    (datetime.date(1990, 1, 1), datetime.date(1999, 12, 31), 'decade')
    """
    v = value.strip()
    date_part = v.split("T", 1)[0] if _V_TIME.match(v) else v
    try:
        if m := _V_DAY.fullmatch(date_part):
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return d, d, "day"
        if m := _V_WEEK.fullmatch(v):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), "week"
            return monday, monday + dt.timedelta(days=6), "week"
        if m := _V_MONTH.fullmatch(v):
            y, mo = int(m[1]), int(m[2])
            return dt.date(y, mo, 1), dt.date(y, mo, _last_day(y, mo)), "month"
        if m := _V_QUARTER.fullmatch(v):
            y, q = int(m[1]), int(m[2])
            return dt.date(y, 3 * q - 2, 1), dt.date(y, 3 * q, _last_day(y, 3 * q)), "quarter"
        if m := _V_HALF.fullmatch(v):
            # Halves have no granularity of their own in the contract; they span two quarters.
            y, h = int(m[1]), int(m[2])
            return dt.date(y, 6 * h - 5, 1), dt.date(y, 6 * h, _last_day(y, 6 * h)), "quarter"
        if m := _V_SEASON.fullmatch(v):
            y, code = int(m[1]), m[2]
            return _season_start(y, code), _season_end(y, code), "season"
        if m := _V_YEAR.fullmatch(v):
            y = int(m[1])
            return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
        if m := _V_DECADE.fullmatch(v):
            y = int(m[1]) * 10
            return dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "decade"
        if m := _V_CENTURY.fullmatch(v):
            y = int(m[1]) * 100
            return dt.date(max(y, 1), 1, 1), dt.date(y + 99, 12, 31), "none"
    except (ValueError, OverflowError):
        return None, None, "none"
    if _V_BC.fullmatch(v):
        return None, None, "year"  # before the first day datetime.date knows
    # Underspecified values keep their granularity so analysts can still group by it.
    if _V_XDAY.fullmatch(v):
        return None, None, "day"
    if _V_XMONTH.fullmatch(v):
        return None, None, "month"
    if _V_XSEASON.fullmatch(v):
        return None, None, "season"
    if _V_XQUARTER.fullmatch(v):
        return None, None, "quarter"
    return None, None, "none"


def _narrow(earliest: dt.date, latest: dt.date, mod: str | None) -> tuple[dt.date, dt.date]:
    """Narrow a span to its first, middle or last third for START/MID/END ("late 2024")."""
    if mod not in ("START", "MID", "END") or earliest is None or latest is None:
        return earliest, latest
    days = (latest - earliest).days + 1
    if days < 3:
        return earliest, latest
    third = days // 3
    if mod == "START":
        return earliest, earliest + dt.timedelta(days=third - 1)
    if mod == "END":
        return latest - dt.timedelta(days=third - 1), latest
    return earliest + dt.timedelta(days=third), latest - dt.timedelta(days=third)


# ---------------------------------------------------------------------------------------------
# Context: tense of the clause, the anchor date, the publication date
# ---------------------------------------------------------------------------------------------

_FUTURE = _alt(_LEX["future_cues"])
_PAST = _alt(_LEX["past_cues"])
# A regular past verb: a lower-case word ending in -ed, but not a name ("United", "Ted") nor
# one of the common words that only look like one ("succeed", "hundred", "indeed").
_ED = (r"(?-i:(?!(?:succeed|proceed|exceed|indeed|need|speed|feed|seed|breed|greed|hundred|sacred|naked|"
       r"wicked|kindred|hatred|embed)\b)[a-z]\w{2,}ed)")
# Alternation order matters: future cues first so "expected" is future, not a past -ed verb.
_CUE = re.compile(rf"(?i)(?<!\w)(?=\w)(?:(?P<pp>(?:had|was|were)\s+(?:been\s+)?(?:due|scheduled|expected|set|supposed|planned|slated|"
                  rf"going))|(?P<f>{_FUTURE})|(?P<p>{_PAST}|{_ED}))\b")
_SENT_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n|\n")
_ABBREV_END = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|Gov|Sen|Rep|St|Jr|Sr|Co|Corp|Inc|"
                         r"Ltd|No|vs|U\.S|U\.N|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|"
                         r"a\.m|p\.m))\.$")


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans, used only to bound the tense window of a mention."""
    spans = []
    start = 0
    for m in _SENT_END.finditer(text):
        if text[m.start()] == "." and _ABBREV_END.search(text, max(0, m.start() - 6), m.start() + 1):
            continue
        spans.append((start, m.start() + 1))
        start = m.end()
    spans.append((start, len(text)))
    return spans


#: How many characters back a named quarter still anchors "a year ago" and "the quarter".
_QUARTER_REACH = 1500


@dataclass
class _Ctx:
    """What a rule needs to turn a match into a value."""

    text: str
    dct: dt.date | None
    sent_starts: list[int]
    sent_spans: list[tuple[int, int]]
    anchor: dt.date | None = None  # earliest day of the previous resolved date mention
    anchor_gran: str = "day"
    quarter_value: str | None = None  # the last quarter the text named ("the third quarter")
    quarter_at: int = -10**9

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
        for m in _CUE.finditer(self.text, max(s0, start - 200), min(max(s1, end), end + 120)):
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


# ---------------------------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------------------------

Result = tuple[str, str, str | None]  # (type, value, mod)


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    handle: Callable[[re.Match[str], _Ctx], Result | None]
    priority: int = 5
    accept: Callable[[re.Match[str], str], bool] | None = None
    anchors: bool = True  # whether a resolved mention becomes the anchor for later ones
    span: Callable[[re.Match[str]], tuple[int, int]] | None = None  # trims what TimeML leaves out


_RULES: list[_Rule] = []
_FREE_START: set[str] = set()


def _rule(name: str, pattern: str, *, priority: int = 5, accept=None, flags: int = re.I, anchors: bool = True,
          span=None):
    """Register a handler for ``pattern`` (compiled once, here, at import)."""

    def deco(fn):
        # Every match starts at a word start; saying so up front lets the engine reject the
        # other positions of a window with one cheap test instead of trying every alternative.
        start = r"(?<!\w)(?=[\w'‘’])" if name not in _FREE_START else ""
        _RULES.append(_Rule(name, re.compile(start + "(?:" + pattern + ")", flags), fn, priority, accept, anchors,
                            span))
        return fn

    return deco


def _num(word: str | None) -> float | None:
    """Value of a number token ("two", "18", "twenty-four", "a"); None for vague quantities."""
    if word is None:
        return None
    w = re.sub(r"\s+", " ", word.lower().strip())
    try:
        if " " in w and "/" in w:  # "5 1/2"
            whole, frac = w.split(" ", 1)
            a, b = frac.split("/")
            return float(whole) + float(a) / float(b)
        return float(w)
    except ValueError:
        pass
    if w in NUMBERS:
        return NUMBERS[w]
    parts = re.split(r"[\s-]", w)
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
        return NUMBERS[parts[0]] + NUMBERS[parts[1]]
    return None


def _unit_code(word: str) -> str:
    w = word.lower()
    w = UNIT_PLURALS.get(w, w)
    if w not in UNITS and w.endswith("s"):
        w = w[:-1]
    return UNITS.get(w, "X")


def _duration(n: float | None, unit: str) -> str:
    """TIMEX3 duration value: P2D, PT5H, P18M, P10Y for a decade, PXY when n is unknown."""
    if unit == "WE":
        unit, n = "D", (2 * n if n is not None else None)
    if unit == "FN":
        unit, n = "W", (2 * n if n is not None else None)
    if unit == "DE":
        if n is None:
            return "PXDE"
        unit, n = "Y", n * 10
    if unit == "CE":
        if n is None:
            return "PXCE"
        unit, n = "Y", n * 100
    time_unit = unit in ("H", "MIN", "S")
    code = {"MIN": "M"}.get(unit, unit)
    if n is None:
        return ("PTX" if time_unit else "PX") + code
    if n != int(n):
        # Fractions spill into the next smaller unit, as TimeML writes them: "2 1/2 years" ->
        # P2Y6M, "5 1/2 hours" -> PT5H30M, "a minute and a half" -> PT1M30S, "half a year" -> P6M.
        smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60),
                   "MIN": ("S", 60), "Q": ("M", 3)}
        if unit in smaller:
            sub, k = smaller[unit]
            whole, rest = int(n), round((n - int(n)) * k)
            if unit in ("Q", "W"):  # ISO 8601 never mixes weeks with other units
                whole, rest = 0, round(n * k)
            tail = _duration(rest, sub)
            if not whole or not rest:
                return _duration(whole, unit) if not rest else tail
            head = _duration(whole, unit)
            if time_unit or sub not in ("H", "MIN", "S"):
                return head + tail[2 if time_unit else 1:]
            return head + tail[1:]  # P1D + PT12H -> P1DT12H
    n = int(n)
    if unit == "Q":
        return f"P{n}Q"  # TimeML keeps quarters as a unit of their own ("the past two quarters": P2Q)
    return f"PT{n}{code}" if time_unit else f"P{n}{code}"


def _month_num(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


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
                                r"expected|scheduled|planned|proposed|needed|aimed)\b)" + _ED + r")\b(?:(?:\s+\w+){0,3}\s+"
                                r"(?:on|in))?\s+(?:early\s+|late\s+|mid-)?$")
# A present-tense schedule verb right before the date looks ahead.
_SCHEDULE_BEFORE = re.compile(r"\b(?:ends|begins|starts|opens|closes|expires|resumes|takes\s+effect|"
                              r"is\s+due|are\s+due)\s+(?:on\s+)?$")
_DEADLINE_BEFORE = re.compile(r"(?i)\b(?:to|until|till|through|by|before|expires?|expired|expiring|payable|record|due|"
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


def _narrative_year(text: str, start: int, dct: dt.date) -> int | None:
    """The year the text last stated before ``start``, when it is an earlier year than the DCT."""
    anchor = _narrative_anchor(text, start, dct, _NARRATIVE_WINDOW)
    return anchor[0] if anchor else None


def _narrative_anchor(text: str, start: int, dct: dt.date, window: int) -> tuple[int, int | None] | None:
    """(year, month or None) of the date the text last stated before ``start`` in its paragraph
    within ``window`` characters, when that year is earlier than the DCT's."""
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
    month = MONTHS.get(m.group(1).lower()) if m else None
    return year, month


def _year_from_tense(ctx: _Ctx, start: int, end: int, month: int, day: int | None = None) -> int | None:
    """The year of a yearless date: past clause -> on or before publication, future -> on or after."""
    if ctx.dct is None:
        return None
    dct = ctx.dct
    cands = []
    for y in (dct.year - 1, dct.year, dct.year + 1):
        try:
            lo = dt.date(y, month, day or 1)
            hi = dt.date(y, month, day or _last_day(y, month))
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
        anchor = _narrative_year(ctx.text, start, dct)
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
        anchor = _narrative_anchor(ctx.text, start, dct, _NARRATIVE_MONTH_WINDOW)
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
    if _DEADLINE_BEFORE.search(ctx.text, max(0, start - 30), start):
        slack = _PAST_SLACK_DAYS
    elif _PAST_EVENT_BEFORE.search(ctx.text, max(0, start - 40), start):
        slack = _PAST_EVENT_SLACK_DAYS
    else:
        slack = _UNMARKED_SLACK_DAYS
    if closest[1] > dct and (closest[1] - dct).days > slack:
        ok = [c for c in cands if c[1] <= dct]
        return max(ok, key=lambda c: c[1])[0] if ok else closest[0]
    return closest[0]


def _pos_mod(word: str | None) -> str | None:
    if not word:
        return None
    w = re.sub(r"[\s-]+", " ", word.lower()).strip()
    return POSITIONS.get(w)


def _approx_mod(word: str | None) -> str | None:
    if not word:
        return None
    return APPROX.get(re.sub(r"\s+", " ", word.lower()).strip())


# --- full and partial calendar dates ---------------------------------------------------------


@_rule("iso", r"\b(?P<y>1[6-9]\d\d|20\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)\b(?!-\d)", priority=1)
def _iso(m, ctx):
    try:
        return "DATE", dt.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat(), None
    except ValueError:
        return None


@_rule("slash", r"(?<![\d/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})\b(?![/\d])", priority=1)
def _slash(m, ctx):
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if y < 100:
        y += 2000 if y < 50 else 1900
    month, day = (a, b) if a <= 12 else (b, a)  # US order unless the first number cannot be a month
    try:
        return "DATE", dt.date(y, month, day).isoformat(), None
    except ValueError:
        return None


def _month_ok(m: re.Match[str], text: str) -> bool:
    """Month names must be capitalised; "May"/"March" alone also need a date-like neighbour."""
    return _is_cap(m["mon"])


@_rule("month_day",
       rf"(?:(?P<approx>about|around|approximately|circa|on or about|on or before|on or after)\s+)?"
       rf"(?:(?P<wd>{WD}),?\s+)?(?:(?P<pos>{POS_RE})[\s-]+)?"
       rf"\b(?P<mon>{MON})\s*(?P<day>{DAY})\b(?!\s*(?:%|percent|[-–]\d(?!\d?\b)|:\d|,\d{{3}}|\.\d))"
       rf"(?:(?:,\s*|\s+)(?P<year>{YEAR})\b(?!,\d|\d)|,\s*(?P<fyear>{_FAR_YEAR})\b{_FAR_YEAR_END})?",
       priority=1, accept=_month_ok)
def _month_day(m, ctx):
    month = _month_num(m["mon"])
    day = int(re.match(r"\d+", m["day"])[0])
    g = m.groupdict()
    approx = g.get("approx")
    mod = _approx_mod(approx) if approx else None
    if approx and approx.lower().startswith("on or"):
        mod = "ON_OR_BEFORE" if "before" in approx.lower() else "ON_OR_AFTER"
    mod = mod or _pos_mod(g.get("pos"))
    if m["year"] or g.get("fyear"):
        year = int(m["year"] or g["fyear"])
    elif m["wd"] and ctx.dct is not None:
        # A weekday fixes the year: pick the nearest year whose date falls on that weekday.
        want = WEEKDAYS[m["wd"].lower()]
        year = None
        for y in (ctx.dct.year, ctx.dct.year - 1, ctx.dct.year + 1):
            try:
                if dt.date(y, month, day).isoweekday() == want:
                    year = y
                    break
            except ValueError:
                pass
        if year is None:
            year = _year_from_tense(ctx, m.start(), m.end(), month, day)
    else:
        year = _year_from_tense(ctx, m.start(), m.end(), month, day)
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        return None
    value = f"{year:04d}-{month:02d}-{day:02d}" if year else f"XXXX-{month:02d}-{day:02d}"
    return "DATE", value, mod


@_rule("day_month",
       rf"(?:(?P<wd>{WD}),?\s+)?\b(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<mon>{MON})(?![\w.]\w)"
       rf"(?:,?\s+(?P<year>{YEAR})\b(?!,\d|\d)|,?\s+(?P<fyear>{_FAR_YEAR})\b{_FAR_YEAR_END})?",
       priority=1, accept=_month_ok)
def _day_month(m, ctx):
    return _month_day(m, ctx)


@_rule("week_of",
       rf"(?P<wd>)\bthe\s+week\s+of\s+(?P<mon>{MON})\s*(?P<day>{DAY})\b(?:,?\s+(?P<year>{YEAR})\b)?",
       priority=1, accept=_month_ok)
def _week_of(m, ctx):
    """ "the week of March 6": the ISO week holding that day."""
    res = _month_day(m, ctx)
    if res is None or res[1].startswith("X"):
        return res and ("DATE", "XXXX-WXX", None)
    return "DATE", _iso_week(dt.date.fromisoformat(res[1])), None


def _month_year_ok(m, text):
    return _is_cap(m["mon"])


@_rule("month_year",
       rf"(?:(?P<approx>about|around|approximately)\s+)?(?:(?P<pos>{POS_RE})[\s-]+)?"
       rf"\b(?P<mon>{MON}),?\s+(?:of\s+)?(?P<year>{YEAR})\b(?!,\d|\d)",
       priority=2, accept=_month_year_ok)
def _month_year(m, ctx):
    mod = _approx_mod(m["approx"]) or _pos_mod(m["pos"])
    return "DATE", f"{int(m['year']):04d}-{_month_num(m['mon']):02d}", mod


_MONTH_PREP = re.compile(r"(?i)(?:\b(?:in|since|until|till|by|from|through|to|during|before|after|between|the|"
                         r"of|and|or|last|next|this|early|late|mid|end|beginning|start|until|"
                         r"throughout|each|every|around|about|on|for)\s+|[-–—(,]\s*)$")


def _month_alone_ok(m, text):
    mon = m["mon"]
    if not _is_cap(mon) or mon.lower().rstrip(".") not in _FULL_MONTHS:
        return False
    if m["rel"] or m["pos"] or m["rel2"]:
        return True
    # "May" and "March" are also a verb/noun: they need a preposition in front ("in May").
    if mon.lower() in AMBIGUOUS_MONTHS:
        return bool(_MONTH_PREP.search(text, max(0, m.start() - 15), m.start()))
    # A capitalised month at the start of a sentence followed by a name is usually a person.
    return True


@_rule("month",
       rf"(?:(?P<rel>last|next|this|this\s+past|this\s+coming|the\s+past|that)\s+|(?P<pos>{POS_RE})[\s-]+)?"
       rf"\b(?P<mon>{MON_FULL})\b(?!-)(?:,?\s+(?P<rel2>last|this|next)\s+year\b)?",
       priority=3, accept=_month_alone_ok)
def _month(m, ctx):
    month = _month_num(m["mon"])
    mod = _pos_mod(m["pos"])
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
        year = _year_from_tense(ctx, m.start(), m.end(), month)
    return "DATE", f"{year:04d}-{month:02d}", mod


# --- years, decades, centuries -----------------------------------------------------------------


def _year_ok(m, text):
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


@_rule("year",
       rf"(?<![\w$£€#./-])(?:(?P<approx>about|around|circa|approximately)\s+)?"
       rf"(?:(?P<pre>post|pre)-)?(?:(?P<fiscal>fiscal(?:\s+year)?|FY|calendar(?:\s+year)?)\s*)?"
       rf"(?:(?P<pos>{POS_RE})[\s-]+)?(?:(?P<theyear>the\s+year)\s+)?(?P<year>{YEAR})\b"
       rf"(?:\s+(?P<post>or\s+later|or\s+earlier|and\s+beyond|onward|onwards))?(?!-\d|\.\d)",
       priority=4, accept=_year_ok)
def _year(m, ctx):
    mod = _approx_mod(m["approx"]) or _pos_mod(m["pos"])
    if m["pre"]:
        mod = "AFTER" if m["pre"].lower() == "post" else "BEFORE"
    if m["post"]:
        p = m["post"].lower()
        mod = "ON_OR_BEFORE" if "earlier" in p else "ON_OR_AFTER"
    return "DATE", m["year"], mod


@_rule("era_year",
       rf"(?P<theyear>the\s+year)\s+(?P<y1>[1-9]\d{{0,3}})\b(?:\s*(?P<era1>{_ERA})(?!\w))?{_FAR_YEAR_END}"
       rf"|(?-i:AD|A\.D\.)\s*(?P<y2>[1-9]\d{{0,3}})\b(?![\d,.]\d)"
       # (not the "500" of "1,500 AD", nor "BC" and "CE" starting a name: "500 BC Hydro customers")
       rf"|(?<![\d,.])(?P<y3>[1-9]\d{{0,3}})\s*(?P<era3>{_ERA})(?!\w)(?!(?<=BC|CE)\s+(?-i:[A-Z][a-z]))",
       priority=4,
       # "the year 2024" is the year rule's (with its guards); this one reads the years outside it
       accept=lambda m, t: bool(m["era1"] or m["y2"] or m["y3"]) or not 1600 <= int(m["y1"]) <= 2099)
def _era_year(m, ctx):
    """ "in the year 1000", "1066 AD", "AD 800", "500 BC": a year by its era or "the year".

    TIMEX3 has no value for a year before the common era; the TIMEX2 convention ("BC0500") is
    written, with no calendar span (``datetime.date`` starts at year 1)."""
    year = int(m["y1"] or m["y2"] or m["y3"])
    era = (m["era1"] or m["era3"] or "").replace(".", "")
    return "DATE", (f"BC{year:04d}" if era in ("BC", "BCE") else f"{year:04d}"), None


@_rule("fiscal_short", r"\b(?:fiscal(?:\s+year)?|FY)\s*'?(?P<yy>\d\d)\b(?!\d)", priority=3)
def _fiscal_short(m, ctx):
    yy = int(m["yy"])
    return "DATE", f"{(2000 if yy < 50 else 1900) + yy}", None


@_rule("decade",
       rf"(?<![\w$])(?:(?P<the>the)\s+)?(?:(?P<pos>early|mid|late|the\s+early|the\s+late)[\s-]+)?"
       rf"(?:(?P<dec>1[5-9]\d|20\d)0'?s|[‘'’](?P<dec2>\d)0'?s|(?P<decw>{_alt(DECADE_WORDS)}))\b",
       priority=3, accept=lambda m, t: not (m["decw"] and not m["the"]))
def _decade(m, ctx):
    mod = _pos_mod(m["pos"])
    if m["dec"]:
        value = m["dec"]
    else:
        d = int(m["dec2"]) if m["dec2"] else DECADE_WORDS[m["decw"].lower()] // 10
        century = 20 if (m["dec2"] and d <= 2) else 19
        value = f"{century}{d}"
    return "DATE", value, mod


@_rule("century",
       r"(?:(?P<the>the)\s+)?(?:(?P<pos>early|mid|late)[\s-]+)?"
       r"(?P<n>\d{1,2})(?:st|nd|rd|th)[\s-]+century\b(?!-old)",
       priority=3)
def _century(m, ctx):
    n = int(m["n"])
    return "DATE", f"{n - 1:02d}", _pos_mod(m["pos"])


# --- quarters, halves, seasons -----------------------------------------------------------------

_QORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest|current|past|previous|prior|next|same|comparable|year-earlier|year-ago|fiscal-first|fiscal-second|fiscal-third|fiscal-fourth)"


_QUARTER_ENDED = re.compile(rf"(?i)\s+(?:that\s+)?(?:ended|ending|ends|through)\s+(?P<mon>{MON})\s*(?P<day>\d{{1,2}})\b"
                            rf"(?:,?\s+(?P<yr>{YEAR}))?")


def _quarter_span(m: re.Match[str]) -> tuple[int, int]:
    """ "the [third-quarter] loss": a hyphenated quarter used as an adjective leaves "the" out."""
    if (m["det"] or "").lower() == "the" and m["ord"] and not m["yr"] and not m["yr2"] \
            and m.string[m.end("ord"):m.start("q")].strip() == "-":
        start = m.start("fiscal") if m["fiscal"] else m.start("ord")
        return start, m.end()
    return m.start(), m.end()


@_rule("quarter",
       rf"(?:\b(?P<det>the|this|last|next|this\s+year's|last\s+year's|next\s+year's|a\s+flat)\s+)?"
       rf"(?:(?P<yr>{YEAR})\s+)?(?:(?P<fiscal>fiscal|calendar)[\s-]+)?"
       rf"(?:(?P<ord>{_QORD})[\s-]+)?(?:fiscal[\s-]+)?(?P<q>quarter)\b(?!-|\s+(?:of\s+a|century|mile|point|percent|final))"
       rf"(?:\s+(?:of\s+)?(?:(?P<fis2>fiscal)\s+)?(?P<yr2>{YEAR})\b)?",
       priority=2,
       accept=lambda m, t: bool(m["det"] or m["ord"] or m["yr"]), span=lambda m: _quarter_span(m))
def _quarter_rule(m, ctx):
    det = re.sub(r"\s+", " ", (m["det"] or "").lower())
    ordw = (m["ord"] or "").lower().replace("fiscal-", "")
    year = int(m["yr"] or m["yr2"]) if (m["yr"] or m["yr2"]) else None
    if det.endswith("year's") and ctx.dct:
        year = ctx.dct.year + {"this year's": 0, "last year's": -1, "next year's": 1}[det]
    dct = ctx.dct
    if ordw in ORDINALS or ordw in ("1st", "2nd", "3rd", "4th"):
        q = ORDINALS[ordw]
        if q > 4:
            return None
        if year is None:
            if dct is None:
                return "DATE", f"XXXX-Q{q}", None
            year = dct.year
            qstart = dt.date(year, 3 * q - 2, 1)
            if (qstart > dct and ctx.tense(m.start(), m.end()) == "past"
                    and not _DEADLINE_BEFORE.search(ctx.text, max(0, m.start() - 30), m.start())):
                year -= 1
        return "DATE", f"{year:04d}-Q{q}", None
    if ordw in ("year-earlier", "year-ago"):
        ref = ctx.recent_quarter(m.start())
        if ref:
            return "DATE", f"{int(ref[:4]) - 1:04d}{ref[4:]}", None
        return ("DATE", _shift(dct, "Q", -4), None) if dct else None
    if dct is None:
        return "DATE", "XXXX-QX", None
    if ordw in ("last", "previous", "prior", "past") or det == "last":
        return "DATE", _shift(dct, "Q", -1), None
    if ordw in ("current",) or det == "this":
        return "DATE", _shift(dct, "Q", 0), None
    if ordw == "next" or det == "next":
        return "DATE", _shift(dct, "Q", 1), None
    # "the quarter ended Sept. 30": the calendar quarter that shares most of its three months,
    # i.e. the one holding its middle month ("the quarter ended July 31" is May-July: Q2).
    # A fiscal quarter named just before ("its fiscal first quarter") keeps its own number.
    ended = _QUARTER_ENDED.match(ctx.text, m.end())
    if ended and not ordw and not ctx.recent_quarter(m.start()):
        month = _month_num(ended["mon"])
        day = int(ended["day"])
        yr = int(ended["yr"]) if ended["yr"] else _year_from_tense(ctx, m.start(), m.end(), month, day)
        if yr:
            if day < 20:  # "ended Oct. 2" closes a quarter whose months are July-September
                yr, month = _month_add(yr, month, -1)
            yr, middle = _month_add(yr, month, -1)
            return "DATE", f"{yr:04d}-Q{(middle - 1) // 3 + 1}", None
    # "the quarter", "the latest quarter", "the same quarter": the quarter the text is about;
    # "the 1988 quarter", "last year's quarter": that quarter in the year named.
    ref = ctx.recent_quarter(m.start())
    if year is not None:
        return "DATE", (f"{year:04d}{ref[4:]}" if ref else f"{year:04d}-QX"), None
    if ref and ordw != "latest":
        return "DATE", ref, None
    return "DATE", _shift(dct, "Q", -1), None


@_rule("q_short", rf"\b(?P<fy>FY\s?)?Q(?P<q>[1-4])(?:\s+(?P<yr>{YEAR}))?\b", flags=0, priority=2)
def _q_short(m, ctx):
    year = int(m["yr"]) if m["yr"] else (ctx.dct.year if ctx.dct else None)
    return "DATE", f"{year:04d}-Q{m['q']}" if year else f"XXXX-Q{m['q']}", None


@_rule("half",
       rf"\b(?:the\s+)?(?P<ord>first|second|last|latter|back)\s+half(?:\s+of\s+(?:(?P<yr>{YEAR})|(?P<rel>this|last|next|the)\s+year))?\b",
       priority=2, accept=lambda m, t: bool(m["yr"] or m["rel"]))
def _half(m, ctx):
    h = 1 if m["ord"].lower() == "first" else 2
    if m["yr"]:
        year = int(m["yr"])
    elif ctx.dct is None:
        return "DATE", f"XXXX-H{h}", None
    else:
        year = ctx.dct.year + {"this": 0, "the": 0, "last": -1, "next": 1}[m["rel"].lower()]
    return "DATE", f"{year:04d}-H{h}", None


_SEASON_PREP = re.compile(r"(?i)\b(?:in|into|during|by|until|till|since|through|before|after|over|this|last|next|"
                          r"that|each|every|early|late|mid|from|for|of)\s+(?:the\s+)?$")


_SEASON_NOUN_AFTER = re.compile(r"(?i)\s+(?:of|in)\s+(?!\d|the\s+year|\w+\s+year)")


def _season_ok(m, text):
    if m["rel"] or m["yr"]:
        return True  # "last fall in his home" is a date; "a fall in prices" is not
    if _SEASON_NOUN_AFTER.match(text, m.end()):
        return False
    if m["season"].lower() == "fall" and not m["the"]:
        return False
    return bool(_SEASON_PREP.search(text, max(0, m.start() - 20), m.start()))


@_rule("season",
       rf"(?:\b(?P<rel>this\s+past|this\s+coming|this|last|next|the\s+past|the\s+coming|the\s+following|that)\s+)?"
       rf"(?:\b(?P<the>the)\s+)?(?:(?P<pos>early|late|mid|the\s+early|the\s+late)[\s-]+)?"
       rf"\b(?P<season>{SEASON})\b"
       rf"(?:\s+(?:of\s+)?(?P<yr>{YEAR})\b)?",
       priority=3, accept=_season_ok)
def _season(m, ctx):
    code = SEASONS[m["season"].lower()]
    mod = _pos_mod(m["pos"])
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    if m["yr"]:
        return "DATE", f"{m['yr']}-{code}", mod
    dct = ctx.dct
    if dct is None:
        return "DATE", f"XXXX-{code}", mod
    cur_year, cur_code = _season_of(dct)
    this_year = dct.year if code != "WI" else (dct.year - 1 if dct.month <= 2 else dct.year)
    start = _season_start(this_year, code)
    if rel in ("last", "this past", "the past"):
        year = this_year if start < _season_start(cur_year, cur_code) else this_year - 1
    elif rel in ("next", "this coming", "the coming"):
        year = this_year if start > _season_start(cur_year, cur_code) else this_year + 1
    elif rel == "that" and ctx.anchor:
        year = ctx.anchor.year
    elif rel == "this" or rel == "":
        tense = ctx.tense(m.start(), m.end()) if rel == "" else None
        year = this_year
        if tense == "past" and start > dct:
            year -= 1
        elif tense == "future" and _season_end(this_year, code) < dct:
            year += 1
    else:
        year = this_year
    return "DATE", f"{year:04d}-{code}", mod


# --- relative to publication or to the previous date --------------------------------------------

_REL_UNITS = r"(?:week|month|year|quarter|decade|century|weekend|fiscal\s+year|calendar\s+year|school\s+year)"
_REL_WORDS = (r"(?:this\s+past|this\s+coming|the\s+current|the\s+past|the\s+previous|the\s+prior|"
              r"the\s+next|the\s+coming|the\s+following|the\s+same|the\s+latest|the\s+last|the\s+full|this|last|next|"
              r"past|previous|coming|current|that|that\s+same|the)")


def _rel_ok(m, text):
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


@_rule("relative",
       rf"(?:\b(?P<pos>{POS_RE}|earlier)\s+(?:(?P<inthe>in|on|during)\s+)?)?"
       rf"\b(?P<rel>{_REL_WORDS})\s+(?P<unit>{_REL_UNITS})\b(?!-|\s+(?:of|in)\s+(?:the\s+)?\d)"
       rf"(?:\s+(?P<orso>or\s+so))?",
       priority=3, accept=_rel_ok)
def _relative(m, ctx):
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit_word = re.sub(r"\s+", " ", m["unit"].lower())
    unit = {"fiscal year": "Y", "calendar year": "Y", "school year": "Y"}.get(unit_word) or UNITS[unit_word]
    mod = _pos_mod(m["pos"])
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
        return "DURATION", _duration(1, unit), None  # "over the past decade" is a stretch of time
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
    if rel == "the" and unit == "WE":
        # "the weekend" (of the publication week): the one just past unless a future marker
        # governs it or publication falls on the weekend itself.
        base = ctx.dct
        wd = base.isoweekday()
        offset = 0 if wd >= 6 or _weekday_is_future(ctx.text, m.start()) else -1
    return "DATE", _shift(base, unit, offset), mod


@_rule("year_ended",
       r"\b(?:the|its|their)\s+(?:(?:fiscal|financial|latest|last|previous|current|full)\s+)?(?P<unit>year|"
       r"period|(?:six|nine|three)\s+months)(?=\s+(?:ended|ending|that\s+ended|through|to)\s)",
       priority=2)
def _year_ended(m, ctx):
    unit = m["unit"].lower()
    if unit == "period":
        return None
    if "months" in unit:
        return "DURATION", _duration(_num(unit.split()[0]), "M"), None
    return "DURATION", "P1Y" if unit == "year" else "P3M", None


@_rule("in_the",
       r"\b(?P<pos>earlier|later|early|late)\s+in\s+the\s+(?P<unit>year|month|week|day)\b",
       priority=3)
def _in_the(m, ctx):
    unit = UNITS[m["unit"].lower()]
    base = ctx.base()
    mod = "START" if m["pos"].lower().startswith("earl") else ("END" if m["pos"].lower() == "late" else None)
    if base is None:
        return "DATE", "XXXX", mod
    return "DATE", _shift(base, unit, 0), mod


@_rule("year_ago_adj",
       r"\b(?:(?P<the>the)\s+)?(?:(?:comparable|corresponding)\s+)?(?P<core>year[\s-](?:earlier|ago))"
       r"(?:\s+(?P<noun>period|quarter|(?:first|second|third|fourth)[\s-]quarter))?\b(?!\s+(?:the|a|an|\d))",
       priority=2, span=lambda m: (m.start(), m.end()) if m["noun"] else (m.start("core"), m.end("core")))
def _year_ago_adj(m, ctx):
    noun = (m["noun"] or "").lower()
    q = re.match(r"(first|second|third|fourth)", noun)
    if q and ctx.dct:
        return "DATE", f"{ctx.dct.year - 1:04d}-Q{ORDINALS[q.group(1)]}", None
    ref = ctx.recent_quarter(m.start())
    if ref:
        return "DATE", f"{int(ref[:4]) - 1:04d}{ref[4:]}", None
    base = ctx.dct
    return "DATE", (str(base.year - 1) if base else "XXXX"), None


@_rule("period",
       rf"\bthe\s+(?:(?P<yr>{YEAR})|same|corresponding|comparable|latest|year-earlier|year-ago)\s+period"
       rf"(?:\s+(?P<tail>last\s+year|a\s+year\s+(?:ago|earlier)))?\b",
       priority=2)
def _period(m, ctx):
    ref = ctx.recent_quarter(m.start())
    text = m.group(0).lower()
    if m["yr"]:
        return "DATE", (f"{m['yr']}{ref[4:]}" if ref else m["yr"]), None
    if "latest" in text and not m["tail"]:
        return "DATE", ref or (_shift(ctx.dct, "Q", -1) if ctx.dct else "XXXX-QX"), None
    if ref:
        return "DATE", f"{int(ref[:4]) - 1:04d}{ref[4:]}", None
    return "DATE", (str(ctx.dct.year - 1) if ctx.dct else "XXXX"), None


@_rule("year_end",
       r"\b(?P<the>the\s+)?(?:year[\s-]end|year's\s+end|end\s+of\s+the\s+year|turn\s+of\s+the\s+year)\b",
       priority=3)
def _year_end(m, ctx):
    base = ctx.base()
    return "DATE", (str(base.year) if base else "XXXX"), "END"


_DEICTIC = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0,
            "the day before yesterday": -2, "the day after tomorrow": 2}


@_rule("deictic",
       rf"(?:\b(?P<pos>early|late|earlier|later|mid)[\s-]+)?\b(?P<word>the\s+day\s+before\s+yesterday|"
       rf"the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow|tonight)\b(?!'s?\s+(?:show|program))"
       rf"(?:\s+(?P<pod>morning|afternoon|evening|night))?",
       priority=2,
       # (a capitalised word just before: "USA Today"; each word is tried once from its start, and
       # its first capital found once, rather than again from each letter)
       accept=lambda m, t: not re.search(r"(?<!\w)(?>\w*?[A-Z]\w)\w*+\s+$", t[max(0, m.start() - 8):m.start()])
       or not _is_cap(m["word"]) or m.start() == 0 or t[m.start() - 2:m.start()] in (". ", "\n"))
def _deictic(m, ctx):
    word = re.sub(r"\s+", " ", m["word"].lower())
    mod = _pos_mod(m["pos"])
    if m["pos"] and m["pos"].lower() == "later":
        mod = "END"
    if ctx.dct is None:
        return "DATE", "XXXX-XX-XX", mod
    day = ctx.dct + dt.timedelta(days=_DEICTIC[word])
    if m["pod"]:
        return "TIME", f"{day.isoformat()}T{PARTS_OF_DAY[m['pod'].lower()]}", mod
    return "DATE", day.isoformat(), mod


@_rule("part_of_day",
       r"(?:\b(?P<pos>early|late|earlier|later|mid)[\s-]+)?\b(?P<rel>this|last|that|the)\s+(?P<pod>morning|afternoon|evening|night)\b",
       priority=3,
       accept=lambda m, t: m["rel"].lower() != "the" or m["pod"].lower() == "morning")
def _part_of_day(m, ctx):
    rel = m["rel"].lower()
    base = ctx.base() if rel in ("that", "the") else ctx.dct
    if base is None:
        return "TIME", f"XXXX-XX-XXT{PARTS_OF_DAY[m['pod'].lower()]}", None
    if rel == "last":
        base = base - dt.timedelta(days=1)
    mod = _pos_mod(m["pos"])
    return "TIME", f"{base.isoformat()}T{PARTS_OF_DAY[m['pod'].lower()]}", mod


@_rule("overnight", r"\b(?:mid[\s-]?)?(?P<pod>overnight|afternoon)\b", priority=6,
       accept=lambda m, t: m.group(0).lower() == "overnight" or m.group(0).lower().startswith("mid"))
def _overnight(m, ctx):
    word = m.group(0).lower()
    if ctx.dct is None:
        return None
    if word == "overnight":
        return "TIME", f"{(ctx.dct - dt.timedelta(days=1)).isoformat()}TNI", None
    return "TIME", f"{ctx.dct.isoformat()}TAF", "MID"


@_rule("weekday",
       rf"(?:\b(?P<rel>last|next|this|this\s+past|this\s+coming|coming|early|late|earlier|later|on|the\s+previous|"
       rf"the\s+following|the\s+next)\s+)?"
       rf"\b(?P<wd>{WD})(?!\s+(?:{MON}|the\s+\d))\b"
       rf"(?:\s+(?P<pod>morning|afternoon|evening|night))?",
       priority=3, accept=lambda m, t: _is_cap(m["wd"]), span=lambda m: _strip_on(m))
def _weekday(m, ctx):
    want = WEEKDAYS[m["wd"].lower()]
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    mod = {"early": "START", "late": "END"}.get(rel)
    base = ctx.dct
    if base is None:
        value = f"XXXX-WXX-{want}"
        return ("TIME", value + "T" + PARTS_OF_DAY[m["pod"].lower()], mod) if m["pod"] else ("DATE", value, mod)
    if rel in ("the previous", "the following", "the next") and ctx.anchor is not None:
        # "the previous Friday", "the following Monday": counted from the date being told.
        cur = ctx.anchor.isoweekday()
        delta = -((cur - want) % 7 or 7) if rel == "the previous" else (want - cur) % 7 or 7
        day = ctx.anchor + dt.timedelta(days=delta)
    else:
        day = _weekday_day(ctx, want, m.start(), rel)
    if m["pod"]:
        return "TIME", f"{day.isoformat()}T{PARTS_OF_DAY[m['pod'].lower()]}", mod
    return "DATE", day.isoformat(), mod


_STRONG_FUTURE = re.compile(
    r"(?i)\b(?:will|'ll|shall|won't|would|is\s+to|are\s+to|due|set\s+to|scheduled|slated|expected|expects|"
    r"plans?|planned|planning|intends?|hopes?|to\s+be\s+held|upcoming|as\s+soon\s+as|as\s+early\s+as|"
    r"going\s+to|postponed|delayed|deadline|forecast)\b")
_FUTURE_WORDS_ED = {"scheduled", "expected", "planned", "postponed", "delayed"}
_PAST_WORD = re.compile(rf"(?i)\b(?:{_PAST}|{_ED})\b")


# A future seen from the past is no future: "had been due to expire Friday".
_PAST_FUTURE = re.compile(r"(?i)\bhad\s+(?:been\s+)?$")
# A deadline counts forward: "until 9 a.m. Tuesday", "postponed until Tuesday morning"; a
# sentence opening "Until Thursday, they had..." looks back.
_UNTIL_BEFORE = re.compile(r"\b(?:until|till|through)\s+(?:(?:about|around|at)\s+)?$")


def _weekday_is_future(text: str, start: int) -> bool:
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
    return not any(w.group(0).lower() not in _FUTURE_WORDS_ED for w in _PAST_WORD.finditer(left, hits[-1].end()))


_FUTURE_AFTER = re.compile(r"(?i)[^.;:!?]{0,90}?\b(?:will|'ll|is\s+to|are\s+to|plans?\s+to|is\s+scheduled|"
                           r"are\s+scheduled|is\s+expected|are\s+expected)\b")


def _weekday_opens_future_clause(text: str, start: int) -> bool:
    """ "On Tuesday, the league will hold...": a weekday opening its sentence, whose verb is future."""
    # (a line break in the white space before: found once from the start of that white space)
    if start and not re.search(r"(?:^|[.!?][\"'”’]*+\s+|(?<!\s)(?>[^\S\n]*\n)\s*+)$", text[max(0, start - 6):start]):
        return False
    m = _FUTURE_AFTER.match(text, start)
    return bool(m) and not _PAST_WORD.search(text, start, m.end() - 4)


def _weekday_day(ctx: _Ctx, want: int, start: int, rel: str = "") -> dt.date:
    """The day a weekday name denotes, seen from publication (``ctx.dct`` must be set)."""
    base = ctx.dct
    cur = base.isoweekday()
    if rel in ("last", "this past"):
        delta = -((cur - want) % 7 or 7)
    elif rel in ("next", "this coming", "coming"):
        delta = (want - cur) % 7 or 7
    elif (_weekday_is_future(ctx.text, start) or _UNTIL_BEFORE.search(ctx.text, max(0, start - 20), start)
          or _weekday_opens_future_clause(ctx.text, start)):
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


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


@_rule("holiday",
       rf"\b(?P<name>{_alt(HOLIDAYS)}|thanksgiving(?:\s+day)?|election\s+day|easter(?:\s+sunday|\s+week)?)\b",
       priority=3, accept=lambda m, t: _is_cap(m["name"]))
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
            return _easter(year) - dt.timedelta(days=6)
        if name.startswith("easter"):
            return _easter(year)
        if name.startswith("election"):  # U.S.: the Tuesday after the first Monday of November
            first = dt.date(year, 11, 1)
            return first + dt.timedelta(days=(0 - first.weekday()) % 7 + 1)
        mm, dd = HOLIDAYS[name].split("-")
        return dt.date(year, int(mm), int(dd))

    options = [on(y) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
    if tense == "future":
        day = min(d for d in options if d >= ctx.dct)
    else:
        past = [d for d in options if d <= ctx.dct]
        day = max(past) if past else options[1]
    if name == "easter week":  # Holy Week, which ends on Easter Sunday
        return "DATE", _iso_week(day), None
    return "DATE", day.isoformat(), None


# --- "two days ago", "a year earlier", "the following day" ---------------------------------------


def _ago_is_duration(m: re.Match[str]) -> bool:
    """ "Three days later" is annotated as the duration "three days"; "a year earlier" as a date."""
    return m["dir"].lower() in ("earlier", "later", "back") and _unit_code(m["unit"]) in ("D", "W", "H", "MIN", "S")


def _ago_span(m: re.Match[str]) -> tuple[int, int]:
    if _ago_is_duration(m):
        return m.start(), m.start("dir")
    return m.start(), m.end()


@_rule("ago",
       rf"(?:\b(?P<approx>{APPROX_RE})\s+)?\b(?:(?P<num>{NUM})|(?P<vague>{VAGUE}))\s+(?P<unit>{UNIT})s?"
       rf"(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|hence|from\s+now|back)\b",
       priority=2, span=lambda m: _ago_span(m))
def _ago(m, ctx):
    n = _num(m["num"]) if m["num"] else None
    unit = _unit_code(m["unit"])
    d = m["dir"].lower()
    if _ago_is_duration(m):
        return _duration_rule(m, ctx)
    mod = _approx_mod(m["approx"])
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
    return "DATE", _shift(base, unit, n), mod


@_rule("anaphoric_day",
       r"(?:\b(?P<pos>earlier|later|early|late)\s+)?\b(?P<rel>the\s+same|that\s+same|that|the\s+next|the\s+following|"
       r"the\s+previous|the\s+prior)\s+(?P<unit>day|morning|afternoon|evening|night)\b",
       priority=3)
def _anaphoric_day(m, ctx):
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    base = ctx.base()
    shift = {"the next": 1, "the following": 1, "the previous": -1, "the prior": -1}.get(rel, 0)
    pos = (m["pos"] or "").lower()
    mod = "START" if pos in ("earlier", "early") else ("END" if pos in ("late",) else None)
    if base is None:
        return "DATE", "XXXX-XX-XX", mod
    day = base + dt.timedelta(days=shift)
    unit = m["unit"].lower()
    if unit != "day":
        return "TIME", f"{day.isoformat()}T{PARTS_OF_DAY[unit]}", mod
    return "DATE", day.isoformat(), mod


@_rule("day_before", r"\b(?P<rel>the\s+day\s+(?:before|after))\b(?!\s+(?:yesterday|tomorrow|the|a|an|his|her|its|their|\w+'s)\b)",
       priority=4)
def _day_before(m, ctx):
    base = ctx.base()
    if base is None:
        return "DATE", "XXXX-XX-XX", None
    return "DATE", (base + dt.timedelta(days=-1 if "before" in m["rel"].lower() else 1)).isoformat(), None


# --- durations ----------------------------------------------------------------------------------

_DUR_DET = (r"(?:the\s+(?:first|last|past|next|previous|final|latest|remaining|coming|following|other|"
            r"ensuing|preceding|same|entire|whole|full)|the|another|an\s+additional|its\s+first|its|their|his|her|"
            r"each\s+of\s+the\s+(?:past|last|next)|the\s+past\s+several|the\s+last\s+several|"
            r"past|last|next|first|recent|coming)")


def _duration_ok(m, text):
    unit = m["unit"].lower()
    plural = bool(m["plural"]) or unit.endswith("ies")
    n = _num(m["num"]) if m["num"] else None
    numw = (m["num"] or "").lower().strip()
    after = text[m.end():m.end() + 12]
    if m["age"] or re.match(r"(?i)[\s-]*old\b", after):
        return False  # ages ("a 44-year-old protester") are not temporal expressions (issue 3)  # ages ("a 20-year-old", "aged 20 years old") are not temporal expressions
    if numw in ("a", "an") and unit in ("second", "quarter"):
        return False  # "a second round", "a quarter of the vote"
    if numw in ("a", "an", "one", "single") and plural:
        return False
    if unit == "second" and not (m["num"] and (plural or numw == "one")):
        return False
    if unit == "quarter" and not plural and numw not in ("one",) and not m["hyph"]:
        return False
    if unit == "weekend" and n is None:
        return False
    if unit.startswith("quarter") and not m["vague"] and re.match(r"(?i)\s+of\b", after):
        return False  # "three-quarters of the grain" is a fraction
    # "a day" after a number or price is a rate ("$5 a day") -> the SET rule, not a duration.
    if numw in ("a", "an") and re.search(r"(?:\d|%|percent|times|twice|once|dollars|cents)\s*$",
                                         text[max(0, m.start() - 12):m.start()]):
        return False
    return True


def _duration_span(m: re.Match[str]) -> tuple[int, int]:
    """Adjectival durations ("the [two-week] crisis", "its [52-week] high") leave the determiner out."""
    det = (m["det"] or "").lower()
    unit = m["unit"].lower()
    plural = bool(m["plural"]) or unit.endswith("ies")
    numw = (m["num"] or "").lower()
    adjectival = not plural and numw not in ("a", "an", "one", "") or "-" in (m["sep"] or "")
    if det in ("the", "its", "their", "his", "her", "another") and adjectival and m["num"]:
        return m.start("num"), m.end()
    return m.start(), m.end()


def _first_letters(*groups) -> str:
    """A character class of the first letters of the given words (and digits): a cheap test
    that lets the regex engine skip words that cannot open the pattern."""
    firsts = {str(w)[0].lower() for g in groups for w in g} | {"0"}
    letters = "".join(sorted(c for c in firsts if c.isalpha()))
    return f"(?=[0-9{letters}{letters.upper()}])"


_DUR_FIRST = _first_letters(APPROX, NUMBERS, VAGUE_NUMBERS, _TENS, _SMALL,
                            ["the", "another", "an", "its", "their", "his", "her", "each", "past", "last", "next",
                             "first", "recent", "coming"])


@_rule("duration",
       rf"{_DUR_FIRST}(?:\b(?P<approx>{APPROX_RE})\s+)?(?:\b(?P<det>{_DUR_DET})\s+)?"
       rf"(?:(?P<num>\b{NUM})|\b(?P<vague>{VAGUE}))(?:\s+(?P<extra>more|additional|straight|consecutive|"
       rf"full|long|trading|business|calendar|working|odd))?(?P<sep>[\s-]+|(?<=\d))"
       rf"(?P<unit>{UNIT})(?P<plural>s)?(?P<hyph>-long)?\b(?!-(?:earlier|ago|end|on-))(?P<age>-old)?"
       rf"(?:\s+(?P<orso>or\s+so|or\s+more|or\s+longer|and\s+a\s+half))?",
       priority=4, accept=_duration_ok, span=lambda m: _duration_span(m))
def _duration_rule(m, ctx):
    unit = _unit_code(m["unit"])
    n = _num(m["num"]) if m["num"] else None
    vague = m["vague"]
    groups = m.re.groupindex
    orso = m["orso"] if "orso" in groups else None
    if orso and orso.lower().startswith("and a half") and n is not None:
        n += 0.5
    mod = _approx_mod(m["approx"])
    if orso:
        o = orso.lower()
        mod = "APPROX" if "so" in o else ("EQUAL_OR_MORE" if "more" in o or "longer" in o else mod)
    if vague and vague.lower() in ("a couple of",):
        n = 2
    if vague and vague.lower() == "recent" and unit in ("Y", "DE") and not m["det"]:
        # "in recent years" locates events in the past rather than measuring a stretch of time:
        # TimeML annotators write it as the reference PAST_REF.
        return "DATE", "PAST_REF", mod
    return "DURATION", _duration(n, unit), mod


def _bare_ok(m, text):
    if m["ago"]:
        return True  # "just months ago"
    before = text[max(0, m.start() - 25):m.start()]
    after = text[m.end():m.end() + 20]
    if re.search(r"(?i)\b(?:early|wee|small|late)\s+$", before):
        return False  # "in the early hours of Monday" is a part of the day, not a duration
    if re.search(r"(?i)\b(?:for|over|in|within|after|during|than|take|takes|took|taken|taking|lasted|last|"
                 r"spent|spend|spending|nearly|almost|about|by|wait|waited|of)\s+$", before):
        return not re.match(r"(?i)\s+old\b", after)
    if re.match(r"(?i)\s+(?:of|ago|later|earlier|before|after|long|on\s+end|or\s+(?:weeks|months|years|days))\b", after):
        return True
    return False


@_rule("bare_units",
       r"\b(?P<unit>years|months|weeks|days|decades|hours|minutes|centuries)\b(?!-)"
       r"(?:\s+(?P<ago>ago)|\s+(?P<or>or\s+(?:weeks|months|years|days)))?",
       priority=6, accept=_bare_ok)
def _bare_units(m, ctx):
    unit = _unit_code(m["unit"])
    if m["or"]:
        return "DURATION", _duration(None, unit), "APPROX"
    return "DURATION", _duration(None, unit), None


@_rule("unit_long", r"\b(?P<unit>hour|day|week|month|year|decade|century|hours|days|weeks|months|years|decades|"
       r"centuries)-long\b", priority=4)
def _unit_long(m, ctx):
    """ "a year-long inquiry" (P1Y), "a decades-long feud" (PXDE): no number, one or many."""
    word = m["unit"].lower()
    n = None if word.endswith("s") else 1
    return "DURATION", _duration(n, _unit_code(word)), None


@_rule("ahead", r"\bthe\s+(?P<unit>days|weeks|months|years|decades)\s+ahead\b", priority=3)
def _ahead(m, ctx):
    """ "in the weeks ahead": an unknown number of weeks from now."""
    return "DURATION", _duration(None, _unit_code(m["unit"])), None


@_rule("vague_dur",
       r"\b(?:for|in|after|within|take|takes|took|taken)\s+(?P<w>a\s+while|(?:quite\s+)?some\s+time|a\s+long\s+time)\b"
       r"(?!\s+(?:to|before|since|after|ago|that|when|in\s+the\s+future))",
       priority=5, span=lambda m: (m.start("w"), m.end("w")))
def _vague_dur(m, ctx):
    """ "for a while", "for some time": a stretch of time of unknown length and unit."""
    return "DURATION", "PXX", None


_PRESENT_BEFORE = re.compile(r"(?i)\b(?:is|it's|today's|marks|marked|was|it\s+was)\s+$")


@_rule("ordinal_day",
       rf"\b(?:(?P<det>the|its|his|her|their)\s+)?(?P<ord>{_alt([w for w in ORDINALS if not w[0].isdigit()])}|\d+(?:st|nd|rd|th))"
       rf"\s+(?:(?:straight|consecutive|full)\s+)?day\b(?!-)",
       priority=4, accept=lambda m, t: bool(m["det"]) or bool(_PRESENT_BEFORE.search(t, max(0, m.start() - 12), m.start())))
def _ordinal_day(m, ctx):
    """ "It is the second day of the offensive": that day is the day of writing; otherwise some
    day counted from an event the text names ("his first day in office"), not resolved."""
    before = ctx.text[max(0, m.start() - 12):m.start()]
    if ctx.dct is not None and _PRESENT_BEFORE.search(before) and not re.search(r"(?i)was\s+$", before):
        return "DATE", ctx.dct.isoformat(), None
    return "DATE", "XXXX-XX-XX", None


def _day_list_ok(m: re.Match[str], text: str) -> bool:
    """ "April 24 and 25," but not "April 24 and 25 people" or "June 5 and 6 percent"."""
    if not _is_cap(m["mon"]):
        return False
    return bool(re.match(r"\s*+(?:$|[,.;:)\]—–-]|(?:and|in|at|to|for|the|when|with|while|as|but|or|"
                         r"{YEAR})\b)".replace("{YEAR}", YEAR), text[m.end():m.end() + 12]))


@_rule("day_list",
       rf"(?P<wd>)(?P<mon>{MON})\s*(?P<d1>{DAY})(?:\s+(?:and|or|to|through|until|till)\s+|[-–])(?P<day>{DAY})\b"
       rf"(?:,?\s+(?P<year>{YEAR})\b)?",
       priority=1, accept=_day_list_ok, span=lambda m: (m.start("day"), m.end("day")))
def _day_list(m, ctx):
    """ "on April 24 and 25", "March 20-21": the second day, of the month named before it."""
    return _month_day(m, ctx)


# --- sets, times, vague references --------------------------------------------------------------


@_rule("set_word", rf"\b(?P<w>{_alt(SETS)})\b", priority=5,
       # "quarterly" before a noun is the financial adjective ("its quarterly dividend"), not a SET.
       accept=lambda m, t: not (m["w"].lower() == "quarterly" and re.match(r"\s+[a-z]", t[m.end():m.end() + 3])))
def _set_word(m, ctx):
    return "SET", SETS[m["w"].lower()], None


@_rule("set_every",
       rf"\b(?:(?P<freq>once|twice|thrice|(?:{NUM})\s+times)\s+)?(?P<q>every|each|per|a|an)\s+"
       rf"(?:(?P<other>other)\s+|(?P<num>{NUM})\s+)?"
       rf"(?:(?P<unit>{UNIT})s?|(?P<wd>{WD})s?|(?P<mon>{MON_FULL})|(?P<season>{SEASON}))\b",
       priority=3, accept=lambda m, t: _set_ok(m, t))
def _set_every(m, ctx):
    n = _num(m["num"]) if m["num"] else 1
    if m["other"]:
        n = 2
    if m["unit"]:
        unit = _unit_code(m["unit"])
        if unit == "X":
            return None
        return "SET", _duration(n, unit), None
    if m["wd"]:
        if not _is_cap(m["wd"]):
            return None
        return "SET", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()]}", None
    if m["mon"]:
        if not _is_cap(m["mon"]):
            return None
        return "SET", f"XXXX-{_month_num(m['mon']):02d}", None
    return "SET", f"XXXX-{SEASONS[m['season'].lower()]}", None


# Searched over the 25 characters before a mention, so a numeral in it is at most 25 long (the
# bound keeps a search over a long run of digits linear).
_RATE_BEFORE = re.compile(r"(?i)(?:\d|%|percent|dollars|cents|times|million|billion|thousand|hundred|"
                          r"\d[\d,.]{0,25}+\s+\w+)\s*$")


def _set_ok(m: re.Match[str], text: str) -> bool:
    q = m["q"].lower()
    if m["wd"] and not _is_cap(m["wd"]) or m["mon"] and not _is_cap(m["mon"]):
        return False
    if m["unit"] and _unit_code(m["unit"]) == "X":
        return False
    if q in ("a", "an", "per") and not m["freq"]:
        # "a year" is a rate only after a number or price ("$5 a year", "10,000 CDs a year").
        if m["num"] or m["unit"] is None or m["other"]:
            return False
        if m["unit"].lower().endswith("s"):
            return False
        return q == "per" or bool(_RATE_BEFORE.search(text, max(0, m.start() - 25), m.start()))
    return True


_AMPM = r"(?:[ap]\.\s?m\b\.?|[ap]m\b|[AP]M\b|o'clock)"
_TZ = r"(?:[ECMP][SD]T|GMT|UTC|BST|CET|MSK|KST|local\s+time)"


@_rule("clock",
       rf"(?:\b(?P<approx>about|around|approximately|shortly\s+before|shortly\s+after|just\s+before|just\s+after)\s+)?"
       rf"\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>{_AMPM})(?:\s+(?P<tz>{_TZ}))?"
       rf"(?:(?:,\s*|\s+)(?:(?P<wd>{WD})|(?P<rel>today|yesterday|tomorrow|tonight)|"
       rf"(?P<mon>{MON})\s*(?P<day>{DAY})\b))?"
       rf"|\b(?P<word>noon|midnight|midday)(?:(?:,\s*|\s+)(?:on\s+)?(?P<wd2>{WD})|\s+(?P<rel2>today|yesterday|tomorrow))?\b"
       rf"|\b(?P<h24>[01]\d|2[0-3]):(?P<mi24>[0-5]\d)\s+(?P<tz24>{_TZ})",
       priority=1,
       accept=lambda m, t: (m["wd"] is None or _is_cap(m["wd"])) and (m["wd2"] is None or _is_cap(m["wd2"]))
       and (m["mon"] is None or _is_cap(m["mon"])))
def _clock(m, ctx):
    if m["word"]:
        hh, mi = CLOCK_WORDS[m["word"].lower()].split(":")
        hour, minute = int(hh), int(mi)
        wd, rel = m["wd2"], m["rel2"]
    elif m["h24"]:
        hour, minute, wd, rel = int(m["h24"]), int(m["mi24"]), None, None
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
    mod = _approx_mod(m["approx"]) if m["approx"] and m["approx"].lower() in APPROX else None
    day: str | None = None
    if m["mon"]:
        month = _month_num(m["mon"])
        dd = int(re.match(r"\d+", m["day"])[0])
        year = _year_from_tense(ctx, m.start(), m.end(), month, dd)
        day = f"{year:04d}-{month:02d}-{dd:02d}" if year else f"XXXX-{month:02d}-{dd:02d}"
    elif wd and ctx.dct:
        # "until 9 a.m. Tuesday": the same weekday rules as a bare "Tuesday".
        day = _weekday_day(ctx, WEEKDAYS[wd.lower()], m.start()).isoformat()
    elif rel and ctx.dct:
        day = (ctx.dct + dt.timedelta(days=_DEICTIC[rel.lower()])).isoformat()
    elif (after := _CLOCK_DAY_AFTER.match(ctx.text, m.end())) and _is_cap(after["wd"]) and ctx.dct:
        # "at 8 a.m. local time (0600 GMT) on Sunday": the weekday that follows gives the day.
        day = _weekday_day(ctx, WEEKDAYS[after["wd"].lower()], m.start()).isoformat()
    else:
        base = ctx.base() if ctx.anchor_gran == "day" else ctx.dct
        day = base.isoformat() if base else "XXXX-XX-XX"
    return "TIME", f"{day}T{hour:02d}:{minute:02d}", mod


_CLOCK_DAY_AFTER = re.compile(rf"(?i)\s*+(?:\([^()]{{0,25}}\)\s*+)?,?\s*+(?:on\s++)?(?P<wd>{WD})\b")


_REF_WORDS = {k: v for k, v in REFERENCES.items()}


def _ref_ok(m, text):
    w = re.sub(r"\s+", " ", m["w"].lower())
    after = text[m.end():m.end() + 20]
    before = text[max(0, m.start() - 20):m.start()]
    if w == "current":
        # "current" is a date only as "the current/its current <state>", not "current account".
        return not re.match(r"(?i)\s+(?:account|affairs|events|carrying|of\s|flows?|density|"
                            r"quarter|year|month|week|fiscal|period|price|prices)", after)
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


@_rule("reference", rf"\b(?P<w>{_alt(_REF_WORDS)})\b", priority=6, accept=_ref_ok, anchors=False)
def _reference(m, ctx):
    w = re.sub(r"\s+", " ", m["w"].lower())
    return "DATE", _REF_WORDS[w], None


@_rule("spoken_year",
       rf"\b(?:(?P<the>the\s+year)\s+)?(?P<y>nineteen[\s-](?:hundred\s+(?:and\s+)?)?(?:{_alt(_TENS)}(?:[\s-]{_alt(_SMALL)})?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|oh[\s-]{_alt(_SMALL)})"
       rf"|two\s+thousand(?:\s+(?:and\s+)?{_alt(_SMALL + ['ten', 'eleven', 'twelve'])})?)\b",
       priority=3,
       accept=lambda m, t: bool(m["the"]) or m["y"].lower().startswith("nineteen"))
def _spoken_year(m, ctx):
    words = re.split(r"[\s-]+", m["y"].lower())
    words = [w for w in words if w not in ("and", "hundred")]
    if words[:2] == ["two", "thousand"]:
        rest = sum(NUMBERS.get(w, 0) for w in words[2:])
        return "DATE", str(2000 + int(rest)), None
    rest = words[1:]
    if rest and rest[0] == "oh":
        rest = rest[1:]
    val = int(sum(NUMBERS.get(w, 0) for w in rest))
    return "DATE", str(1900 + val), None


# ---------------------------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------------------------


# Speed (issue 3 asks for 10x dateparser): Python's regex engine tries every optional prefix of
# a pattern at every character, so each rule runs only in windows around the words it cannot
# match without (a month name, a unit word, a digit...). One pass over the words and one over
# the digit runs of the text find those trigger words; over-triggering only costs time.

def _forms(*words: str) -> list[str]:
    """A word and its plural."""
    out = []
    for w in words:
        out += [w, w[:-1] + "ies" if w.endswith("y") and w[-2] not in "aeiou" else w + "s"]
    return out


_WORD_TRIGGERS: dict[str, list[str]] = {
    "unit": _forms("year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "quarter",
                   "fortnight", "weekend"),
    "quarter": _forms("quarter"),
    "fiscal": ["fiscal", "fy"],
    "century": _forms("century"),
    "set": ["every", "each", "per", "daily", "weekly", "monthly", "quarterly", "annual", "annually", "yearly",
            "hourly", "nightly", "biweekly", "biannual", "semiannual", "semi"] + list(SETS),
    "season": list(SEASONS),
    "decade": list(DECADE_WORDS),
    "deictic": ["today", "yesterday", "tomorrow", "tonight"],
    "part_of_day": ["morning", "afternoon", "evening", "night", "overnight", "day", "days", "midnight"],
    "holiday": [w for name in HOLIDAYS for w in re.findall(r"[a-z]+", name) if w not in ("day", "s", "eve")]
    + ["thanksgiving", "election", "easter"],
    "half": ["half"],
    "period": ["period"],
    "year": ["year", "years"],
    # The longest word of each reference ("future" in "the near future", "recently" in "more
    # recently"): enough to find it, and rarer than "more" or "the".
    "ref": sorted({max(re.findall(r"[a-z]+", name), key=len) for name in REFERENCES}),
    "vague_dur": ["while", "time"],
    "spoken": ["nineteen", "thousand"],
    # "AD", "BC", "BCE", "CE" and the last letter of their dotted forms ("A.D.", "B.C.", "C.E.")
    "era": ["ad", "bc", "bce", "ce", "d", "c", "e"],
    "clock": ["noon", "midnight", "midday", "clock"],
    # The direction word ends every "two days ago"; it is rarer than the unit words.
    "ago": ["ago", "earlier", "later", "hence", "back", "now"],
}
# Capitalised words only (month and weekday names).
_CAP_TRIGGERS: dict[str, list[str]] = {
    "month": list(MONTHS),
    "weekday": list(WEEKDAYS) + [w + "s" for w in WEEKDAYS],
}
_WORD_INDEX: dict[str, tuple[str, ...]] = {}
for _name, _words in _WORD_TRIGGERS.items():
    for _w in _words:
        _WORD_INDEX[_w] = _WORD_INDEX.get(_w, ()) + (_name,)
_CAP_INDEX: dict[str, tuple[str, ...]] = {}
for _name, _words in _CAP_TRIGGERS.items():
    for _w in _words:
        _CAP_INDEX[_w] = _CAP_INDEX.get(_w, ()) + (_name,)
_UNIT_WORDS_SET = set(_WORD_TRIGGERS["unit"])

# Trigger name -> (chars kept before a hit, chars kept after it): the longest prefix/tail a
# rule anchored on that trigger can match.
_WINDOWS: dict[str, tuple[int, int]] = {
    "date_digits": (12, 14), "year4": (60, 40), "fiscal": (40, 15), "q_short": (10, 12), "clock": (70, 60),
    "century": (30, 10), "month": (70, 40), "weekday": (30, 40), "unit": (45, 30), "quarter": (50, 30),
    "set": (40, 50), "set:every": (20, 34), "rate": (16, 12), "season": (60, 25), "decade": (30, 5), "deictic": (25, 30),
    "part_of_day": (40, 20), "holiday": (10, 20), "half": (20, 30), "period": (60, 30), "year": (25, 40),
    "ref": (14, 22), "spoken": (20, 40), "era": (9, 10), "year:era": (10, 40),
    "ago": (75, 2), "vague_dur": (25, 2),
    # "trigger:purpose" reuses a trigger's hits with a window cut to what one rule can match:
    # the fewer characters a pattern is tried at, the faster (issue 3 asks for 10x dateparser).
    "unit:num": (45, 30), "unit:rel": (38, 16), "unit:ended": (30, 18), "unit:in_the": (22, 3), "unit:self": (1, 14),
    "unit:ahead": (5, 8), "month:md": (45, 20), "month:dm": (25, 12), "month:my": (34, 12),
    "month:alone": (20, 14), "month:list": (1, 30), "month:week_of": (13, 18),
}
_RULE_TRIGGER: dict[str, tuple[str, ...]] = {
    "iso": ("date_digits",), "slash": ("date_digits",), "year": ("year4",), "fiscal_short": ("fiscal",),
    "century": ("century",), "q_short": ("q_short",), "clock": ("clock",), "month_day": ("month:md",),
    "day_month": ("month:dm",), "week_of": ("month:week_of",), "month_year": ("month:my",),
    "month": ("month:alone",), "weekday": ("weekday",),
    "holiday": ("holiday",), "season": ("season",), "decade": ("decade",), "quarter": ("quarter",),
    "half": ("half",), "relative": ("unit:rel",), "year_ended": ("unit:ended",), "in_the": ("unit:in_the",),
    "year_ago_adj": ("year",), "period": ("period",), "year_end": ("year",), "deictic": ("deictic",),
    "part_of_day": ("part_of_day",), "overnight": ("part_of_day",), "ago": ("ago",),
    "anaphoric_day": ("part_of_day",), "day_before": ("part_of_day",), "duration": ("unit:num",),
    "bare_units": ("unit:self",), "unit_long": ("unit:self",), "ahead": ("unit:ahead",),
    "vague_dur": ("vague_dur",), "ordinal_day": ("part_of_day",), "day_list": ("month:list",),
    "set_every": ("set:every", "rate"), "set_word": ("set",), "reference": ("ref",), "spoken_year": ("spoken",),
    "era_year": ("era", "year:era"),
}
_WORD = re.compile(r"[a-z]+")
_DIGITS = re.compile(r"\d+")
_AMPM_AFTER = re.compile(r"\s?[aApP]\.?\s?[mM]\b|:\d")


_ALL_TRIGGER_WORDS = frozenset(_WORD_INDEX) | frozenset(_CAP_INDEX)
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


def _trigger_hits(text: str, lower: str) -> dict[str, list[tuple[int, int]]]:
    """Positions (start, end) of every trigger word of the text, by trigger name."""
    hits: dict[str, list[tuple[int, int]]] = {}
    # Speed: one C-level pass lists the words; only the few trigger words an article holds are
    # then located with str.find, instead of a Python step for each of its thousands of words.
    present = _ALL_TRIGGER_WORDS.intersection(_WORD.findall(lower))
    n = len(lower)
    for w in present:
        names = _WORD_INDEX.get(w, ())
        cap_names = _CAP_INDEX.get(w, ())
        k = len(w)
        i = lower.find(w)
        while i >= 0:
            j = i + k
            if (i == 0 or lower[i - 1] not in _LETTERS) and (j == n or lower[j] not in _LETTERS):
                for name in names:
                    hits.setdefault(name, []).append((i, j))
                if names and w in _UNIT_WORDS_SET and lower[max(0, i - 3):i] in (" a ", "an ", "er "):
                    hits.setdefault("rate", []).append((i, j))  # "$5 a year", "per day"
                if cap_names and text[i].isupper():
                    for name in cap_names:
                        hits.setdefault(name, []).append((i, j))
            i = lower.find(w, j)
    for m in _DIGITS.finditer(text):
        a, b = m.span()
        digits = m.group()
        after = text[b:b + 2]
        if len(digits) == 4 and 1600 <= int(digits) <= 2099:
            hits.setdefault("year4", []).append((a, b))
        if after[:1] in ("-", "/") and after[1:2].isdigit():
            hits.setdefault("date_digits", []).append((a, b))
        if _AMPM_AFTER.match(text, b):
            hits.setdefault("clock", []).append((a, b))
        if digits.endswith("0") and (after[:1] == "s" or after == "'s"):
            hits.setdefault("decade", []).append((a, b))
        if a and text[a - 1] == "Q":
            hits.setdefault("q_short", []).append((a, b))
    return hits


_TRIGGER_BASE = {name: name.partition(":")[0] for name in _WINDOWS}
# A duration needs a number or a quantity word shortly before its unit ("two days", "several
# weeks", "a year"): unit words without one ("last year", "the week") open no window for it.
_NUMISH_BEFORE = re.compile(rf"(?i)\d|\b(?:{NUMWORD}|{VAGUE}|couple|dozen|half)\b")
# "last week", "the fiscal year": a relative date needs its determiner right before the unit.
_REL_BEFORE = re.compile(r"(?i)\b(?:this|last|next|past|previous|prior|coming|current|that|the|following|same|latest|"
                         r"full)\s+(?:(?:fiscal|calendar|school)\s+)?$")
# "two days ago", "a year earlier": the direction word follows a unit word.
_UNIT_BEFORE = re.compile(rf"(?i)\b{UNIT}s?(?:\s+or\s+so)?\s+(?:from\s+)?$")
# "the year ended Sept. 30": only a unit followed by "ended", "ending", "through" or "to".
_ENDED_AFTER = re.compile(r"(?i)\s+(?:ended|ending|that\s+ended|through|to)\s")
_HIT_FILTERS: dict[str, Callable[[str, int, int], bool]] = {
    "unit:num": lambda text, a, b: _NUMISH_BEFORE.search(text, max(0, a - 30), a) is not None,
    "unit:rel": lambda text, a, b: _REL_BEFORE.search(text, max(0, a - 28), a) is not None,
    "unit:ended": lambda text, a, b: _ENDED_AFTER.match(text, b) is not None,
    "ago": lambda text, a, b: _UNIT_BEFORE.search(text, max(0, a - 24), a) is not None,
}


def _regions(text: str, hits: dict[str, list[tuple[int, int]]], names: tuple[str, ...]) -> list[tuple[int, int]]:
    """Merged windows around the hits of the named triggers, widened to whole words."""
    raw: list[tuple[int, int]] = []
    n = len(text)
    for name in names:
        back, ahead = _WINDOWS[name]
        keep = _HIT_FILTERS.get(name)
        raw.extend((max(0, a - back), min(n, b + ahead)) for a, b in hits.get(_TRIGGER_BASE[name], ())
                   if keep is None or keep(text, a, b))
    if not raw:
        return []
    raw.sort()
    out = [raw[0]]
    for a, b in raw[1:]:
        if a <= out[-1][1]:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    widened: list[tuple[int, int]] = []
    space = -1  # the first white space at or after the previous window's end (n: none)
    for a, b in out:
        # windows come in order: one that ends before the white space found for the one before
        # ends at that same white space (a long run without any would be walked per window)
        if b <= space:
            b = space
        else:
            while b < n and not text[b].isspace():
                b += 1
            space = b
        if widened and a <= widened[-1][1]:
            widened[-1] = (widened[-1][0], b)
        else:
            widened.append((a, b))
    return widened


@dataclass
class _Cand:
    start: int
    end: int
    rule: _Rule
    match: re.Match[str]


def _candidates(text: str) -> list[_Cand]:
    out = []
    lower = text.lower()
    if len(lower) != len(text):  # a few Unicode letters change length when lower-cased
        lower = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    hits = _trigger_hits(text, lower)
    regions: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for rule in _RULES:
        key = _RULE_TRIGGER.get(rule.name)
        if key is None:
            spans = [(0, len(text))]
        else:
            if not any(_TRIGGER_BASE[name] in hits for name in key):
                continue  # none of the words this rule needs occurs in the text
            if key not in regions:
                regions[key] = _regions(text, hits, key)
            spans = regions[key]
        for m in (m for a, b in spans for m in rule.pattern.finditer(text, a, b)):
            if m.end() <= m.start():
                continue
            if rule.accept is not None and not rule.accept(m, text):
                continue
            start, end = rule.span(m) if rule.span is not None else (m.start(), m.end())
            # Trim whitespace and a trailing sentence period that regex tails may have eaten.
            while end > start and text[end - 1] in " \t\n,":
                end -= 1
            out.append(_Cand(start, end, rule, m))
    return out


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Longest candidates first (rule priority breaks ties); no two kept spans overlap."""
    cands.sort(key=lambda c: (-(c.end - c.start), c.rule.priority, c.start))
    taken: list[tuple[int, int]] = []
    kept = []
    for c in cands:
        i = bisect.bisect_left(taken, (c.start, c.end))
        if i > 0 and taken[i - 1][1] > c.start:
            continue
        if i < len(taken) and taken[i][0] < c.end:
            continue
        taken.insert(i, (c.start, c.end))
        kept.append(c)
    kept.sort(key=lambda c: c.start)
    return kept


def _names_quarter(m: re.Match[str]) -> bool:
    """Whether a quarter mention names its quarter outright ("the third quarter", "Q3",
    "the quarter ended Sept. 30")."""
    if "q" in m.re.groupindex and m.re.groupindex.get("ord") is None:
        return True
    if not m["ord"] and _QUARTER_ENDED.match(m.string, m.end()):
        return True
    ordw = (m["ord"] or "").lower().replace("fiscal-", "")
    return ordw in ORDINALS


def find_dates(text: str, *, published: dt.date | None = None,
               sentences: Sequence[tuple[int, int]] | None = None) -> list[DateMention]:
    """Temporal expressions of ``text`` as TIMEX3-normalised :class:`DateMention` records.

    Args:
        text: the article's clean text; offsets of the records point into it.
        published: the publication date, anchor of relative expressions ("last week"). When
            ``None``, relative expressions are still found, with values such as ``XXXX-10``
            and no ``earliest``/``latest`` where they cannot be resolved.
        sentences: (start, end) spans of the sentences; sets ``sentence_id`` (else -1) and
            bounds the clause whose tense dates a yearless "May 9".

    Returns:
        Records in text order, ``text[r.start:r.end] == r.text`` for each.

    >>> [(d.text, d.value, d.mod) for d in find_dates("Talks began in late 2024 and resumed on "
    ...     "April 26, two days after a ceasefire.", published=dt.date(2025, 4, 28))]
    [('late 2024', '2024', 'END'), ('April 26', '2025-04-26', None), ('two days', 'P2D', None)]
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    if not text:
        return []
    sent_spans = list(sentences) if sentences else _sentence_spans(text)
    ctx = _Ctx(text, published, [s for s, _ in sent_spans], sent_spans, anchor=None)
    sent_starts = [s for s, _ in sentences] if sentences else None
    out: list[DateMention] = []
    for c in _select(_candidates(text)):
        try:
            res = c.rule.handle(c.match, ctx)
        except (ValueError, OverflowError):
            continue  # reckoning past the calendar datetime.date knows (years 1-9999): no value to write
        if res is None:
            continue
        typ, value, mod = res
        earliest, latest, gran = resolve_value(value)
        if typ in ("DURATION", "SET"):
            earliest = latest = None
            gran = "none"
        if earliest is not None and latest is not None:
            earliest, latest = _narrow(earliest, latest, mod)
            if published is not None and text[c.start:c.start + 7].lower() == "earlier" and latest > published:
                # "earlier this year" ends at publication at the latest.
                latest = max(earliest, published)
            if c.rule.anchors:
                ctx.anchor, ctx.anchor_gran = earliest, gran
        if c.rule.name in ("quarter", "q_short") and _names_quarter(c.match) and re.fullmatch(r"\d{4}-Q[1-4]", value):
            ctx.quarter_value, ctx.quarter_at = value, c.start
        sid = -1
        if sent_starts is not None:
            i = bisect.bisect_right(sent_starts, c.start) - 1
            if i >= 0 and c.start < sentences[i][1]:
                sid = i
        out.append(DateMention(start=c.start, end=c.end, text=text[c.start:c.end], type=typ, value=value,
                               mod=mod, earliest=earliest, latest=latest, granularity=gran, sentence_id=sid))
    return out
