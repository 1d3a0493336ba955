"""Rules for the periods of financial reports and the seasons.

"the third quarter", "Q3 2024", "the quarter ended Sept. 30", "the first half of 2024", "last
summer", "the year-ago period", "the same period last year". A bare "the quarter" follows the
quarter the text last named (``Ctx.recent_quarter``); :func:`names_quarter` tells which
mentions name one.
"""

from __future__ import annotations

import datetime as dt
import re

from toolkit.extract.dates.calendar import month_add, season_end, season_of, season_start, shift
from toolkit.extract.dates.context import DEADLINE_BEFORE, year_from_tense
from toolkit.extract.dates.rules.registry import rule
from toolkit.extract.dates.vocab import YEAR, Vocab, VocabPattern

__all__ = ["names_quarter"]

# --- quarters, halves, seasons -----------------------------------------------------------------

_QORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest|current|past|previous|prior|next|same|comparable|year-earlier|year-ago|fiscal-first|fiscal-second|fiscal-third|fiscal-fourth)"


_QUARTER_ENDED = VocabPattern("quarter_ended", lambda v: rf"(?i)\s+(?:that\s+)?(?:ended|ending|ends|through)\s+"
                              rf"(?P<mon>{v.MON})\s*(?P<day>\d{{1,2}})\b(?:,?\s+(?P<yr>{YEAR}))?")


def _quarter_span(m: re.Match[str]) -> tuple[int, int]:
    """ "the [third-quarter] loss": a hyphenated quarter used as an adjective leaves "the" out."""
    if (m["det"] or "").lower() == "the" and m["ord"] and not m["yr"] and not m["yr2"] \
            and m.string[m.end("ord"):m.start("q")].strip() == "-":
        start = m.start("fiscal") if m["fiscal"] else m.start("ord")
        return start, m.end()
    return m.start(), m.end()


@rule("quarter",
      rf"(?:\b(?P<det>the|this|last|next|this\s+year's|last\s+year's|next\s+year's|a\s+flat)\s+)?"
      rf"(?:(?P<yr>{YEAR})\s+)?(?:(?P<fiscal>fiscal|calendar)[\s-]+)?"
      rf"(?:(?P<ord>{_QORD})[\s-]+)?(?:fiscal[\s-]+)?(?P<q>quarter)\b(?!-|\s+(?:of\s+a|century|mile|point|percent|final))"
      rf"(?:\s+(?:of\s+)?(?:(?P<fis2>fiscal)\s+)?(?P<yr2>{YEAR})\b)?",
      priority=2,
      accept=lambda m, t, v: bool(m["det"] or m["ord"] or m["yr"]), span=lambda m, v: _quarter_span(m))
def _quarter_rule(m, ctx):
    det = re.sub(r"\s+", " ", (m["det"] or "").lower())
    ordw = (m["ord"] or "").lower().replace("fiscal-", "")
    year = int(m["yr"] or m["yr2"]) if (m["yr"] or m["yr2"]) else None
    if det.endswith("year's") and ctx.dct:
        year = ctx.dct.year + {"this year's": 0, "last year's": -1, "next year's": 1}[det]
    dct = ctx.dct
    if ordw in ctx.v.ORDINALS or ordw in ("1st", "2nd", "3rd", "4th"):
        q = ctx.v.ORDINALS[ordw]
        if q > 4:
            return None
        if year is None:
            if dct is None:
                return "DATE", f"XXXX-Q{q}", None
            year = dct.year
            qstart = dt.date(year, 3 * q - 2, 1)
            if (qstart > dct and ctx.tense(m.start(), m.end()) == "past"
                    and not DEADLINE_BEFORE.search(ctx.text, max(0, m.start() - 30), m.start())):
                year -= 1
        return "DATE", f"{year:04d}-Q{q}", None
    if ordw in ("year-earlier", "year-ago"):
        ref = ctx.recent_quarter(m.start())
        if ref:
            return "DATE", f"{int(ref[:4]) - 1:04d}{ref[4:]}", None
        return ("DATE", shift(dct, "Q", -4), None) if dct else None
    if dct is None:
        return "DATE", "XXXX-QX", None
    if ordw in ("last", "previous", "prior", "past") or det == "last":
        return "DATE", shift(dct, "Q", -1), None
    if ordw in ("current",) or det == "this":
        return "DATE", shift(dct, "Q", 0), None
    if ordw == "next" or det == "next":
        return "DATE", shift(dct, "Q", 1), None
    # "the quarter ended Sept. 30": the calendar quarter that shares most of its three months,
    # i.e. the one holding its middle month ("the quarter ended July 31" is May-July: Q2).
    # A fiscal quarter named just before ("its fiscal first quarter") keeps its own number.
    quarter_ended = _QUARTER_ENDED(ctx.v)
    ended = quarter_ended.match(ctx.text, m.end())
    if ended and not ordw and not ctx.recent_quarter(m.start()):
        month = ctx.v.month_num(ended["mon"])
        day = int(ended["day"])
        yr = int(ended["yr"]) if ended["yr"] else year_from_tense(ctx, m.start(), m.end(), month, day)
        if yr:
            if day < 20:  # "ended Oct. 2" closes a quarter whose months are July-September
                yr, month = month_add(yr, month, -1)
            yr, middle = month_add(yr, month, -1)
            return "DATE", f"{yr:04d}-Q{(middle - 1) // 3 + 1}", None
    # "the quarter", "the latest quarter", "the same quarter": the quarter the text is about;
    # "the 1988 quarter", "last year's quarter": that quarter in the year named.
    ref = ctx.recent_quarter(m.start())
    if year is not None:
        return "DATE", (f"{year:04d}{ref[4:]}" if ref else f"{year:04d}-QX"), None
    if ref and ordw != "latest":
        return "DATE", ref, None
    return "DATE", shift(dct, "Q", -1), None


@rule("q_short", rf"\b(?P<fy>FY\s?)?Q(?P<q>[1-4])(?:\s+(?P<yr>{YEAR}))?\b"
      # a year beside a lower-case or glued quarter: "2019 q1", "2019-Q1", "q1 2019"
      rf"|\b(?P<yb>{YEAR})[\s-]?[qQ](?P<qb>[1-4])\b|\bq(?P<qa>[1-4])\s+(?P<ya>{YEAR})\b", flags=0, priority=2)
def _q_short(m, ctx):
    q = m["q"] or m["qb"] or m["qa"]
    given = m["yr"] or m["yb"] or m["ya"]
    year = int(given) if given else (ctx.dct.year if ctx.dct else None)
    return "DATE", f"{year:04d}-Q{q}" if year else f"XXXX-Q{q}", None


@rule("half",
      rf"\b(?:the\s+)?(?P<ord>first|second|last|latter|back)\s+half(?:\s+of\s+(?:(?P<yr>{YEAR})|(?P<rel>this|last|next|the)\s+year))?\b",
      priority=2, accept=lambda m, t, v: bool(m["yr"] or m["rel"]))
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


def _season_ok(m, text, v):
    if m["rel"] or m["yr"]:
        return True  # "last fall in his home" is a date; "a fall in prices" is not
    if _SEASON_NOUN_AFTER.match(text, m.end()):
        return False
    if m["season"].lower() == "fall" and not m["the"]:
        return False
    return bool(_SEASON_PREP.search(text, max(0, m.start() - 20), m.start()))


@rule("season",
      lambda v: rf"(?:\b(?P<rel>this\s+past|this\s+coming|this|last|next|the\s+past|the\s+coming|the\s+following|that)\s+)?"
      rf"(?:\b(?P<the>the)\s+)?(?:(?P<pos>early|late|mid|the\s+early|the\s+late)[\s-]+)?"
      rf"\b(?P<season>{v.SEASON})\b"
      rf"(?:\s+(?:of\s+)?(?P<yr>{YEAR})\b)?",
      priority=3, accept=_season_ok)
def _season(m, ctx):
    code = ctx.v.SEASONS[m["season"].lower()]
    mod = ctx.v.pos_mod(m["pos"])
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    if m["yr"]:
        return "DATE", f"{m['yr']}-{code}", mod
    dct = ctx.dct
    if dct is None:
        return "DATE", f"XXXX-{code}", mod
    cur_year, cur_code = season_of(dct)
    this_year = dct.year if code != "WI" else (dct.year - 1 if dct.month <= 2 else dct.year)
    start = season_start(this_year, code)
    if rel in ("last", "this past", "the past"):
        year = this_year if start < season_start(cur_year, cur_code) else this_year - 1
    elif rel in ("next", "this coming", "the coming"):
        year = this_year if start > season_start(cur_year, cur_code) else this_year + 1
    elif rel == "that" and ctx.anchor:
        year = ctx.anchor.year
    elif rel == "this" or rel == "":
        tense = ctx.tense(m.start(), m.end()) if rel == "" else None
        year = this_year
        if tense == "past" and start > dct:
            year -= 1
        elif tense == "future" and season_end(this_year, code) < dct:
            year += 1
    else:
        year = this_year
    return "DATE", f"{year:04d}-{code}", mod


@rule("year_ago_adj",
      r"\b(?:(?P<the>the)\s+)?(?:(?:comparable|corresponding)\s+)?(?P<core>year[\s-](?:earlier|ago))"
      r"(?:\s+(?P<noun>period|quarter|(?:first|second|third|fourth)[\s-]quarter))?\b(?!\s+(?:the|a|an|\d))",
      priority=2, span=lambda m, v: (m.start(), m.end()) if m["noun"] else (m.start("core"), m.end("core")))
def _year_ago_adj(m, ctx):
    noun = (m["noun"] or "").lower()
    q = re.match(r"(first|second|third|fourth)", noun)
    if q and ctx.dct:
        return "DATE", f"{ctx.dct.year - 1:04d}-Q{ctx.v.ORDINALS[q.group(1)]}", None
    ref = ctx.recent_quarter(m.start())
    if ref:
        return "DATE", f"{int(ref[:4]) - 1:04d}{ref[4:]}", None
    base = ctx.dct
    return "DATE", (str(base.year - 1) if base else "XXXX"), None


@rule("period",
      rf"\bthe\s+(?:(?P<yr>{YEAR})|same|corresponding|comparable|latest|year-earlier|year-ago)\s+period"
      rf"(?:\s+(?P<tail>last\s+year|a\s+year\s+(?:ago|earlier)))?\b",
      priority=2)
def _period(m, ctx):
    ref = ctx.recent_quarter(m.start())
    text = m.group(0).lower()
    if m["yr"]:
        return "DATE", (f"{m['yr']}{ref[4:]}" if ref else m["yr"]), None
    if "latest" in text and not m["tail"]:
        return "DATE", ref or (shift(ctx.dct, "Q", -1) if ctx.dct else "XXXX-QX"), None
    if ref:
        return "DATE", f"{int(ref[:4]) - 1:04d}{ref[4:]}", None
    return "DATE", (str(ctx.dct.year - 1) if ctx.dct else "XXXX"), None


def names_quarter(m: re.Match[str], v: Vocab) -> bool:
    """Whether a quarter mention names its quarter outright ("the third quarter", "Q3",
    "the quarter ended Sept. 30")."""
    if "q" in m.re.groupindex and m.re.groupindex.get("ord") is None:
        return True
    quarter_ended = _QUARTER_ENDED(v)
    if not m["ord"] and quarter_ended.match(m.string, m.end()):
        return True
    ordw = (m["ord"] or "").lower().replace("fiscal-", "")
    return ordw in v.ORDINALS
