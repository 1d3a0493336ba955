"""Rules for durations: "three months", "an 18-month plan", "2 1/2 years", "years", "decades-long".

A number (or a vague quantity: "several", "a few") before a unit word is a duration, unless it
is an age ("a 44-year-old"), a rate ("$5 a day": a SET) or a fraction ("three-quarters of");
"the year ended Sept. 30" is the year the report covers; "for a while" is of unknown length.
"""

from __future__ import annotations

import re

from toolkit.extract.dates.calendar import duration
from toolkit.extract.dates.rules.registry import rule
from toolkit.extract.dates.vocab import first_letters

__all__ = ["duration_rule"]


@rule("year_ended",
      r"\b(?:the|its|their)\s+(?:(?:fiscal|financial|latest|last|previous|current|full)\s+)?(?P<unit>year|"
      r"period|(?:six|nine|three)\s+months)(?=\s+(?:ended|ending|that\s+ended|through|to)\s)",
      priority=2)
def _year_ended(m, ctx):
    unit = m["unit"].lower()
    if unit == "period":
        return None
    if "months" in unit:
        return "DURATION", duration(ctx.v.num(unit.split()[0]), "M"), None
    return "DURATION", "P1Y" if unit == "year" else "P3M", None


# --- durations ----------------------------------------------------------------------------------

_DUR_DET = (r"(?:the\s+(?:first|last|past|next|previous|final|latest|remaining|coming|following|other|"
            r"ensuing|preceding|same|entire|whole|full)|the|another|an\s+additional|its\s+first|its|their|his|her|"
            r"each\s+of\s+the\s+(?:past|last|next)|the\s+past\s+several|the\s+last\s+several|"
            r"past|last|next|first|recent|coming)")


def _duration_ok(m, text, v):
    unit = m["unit"].lower()
    plural = bool(m["plural"]) or unit.endswith("ies")
    n = v.num(m["num"]) if m["num"] else None
    numw = (m["num"] or "").lower().strip()
    after = text[m.end():m.end() + 12]
    if m["age"] or re.match(r"(?i)[\s-]*old\b", after):
        return False  # ages ("a 44-year-old protester") are not temporal expressions (issue 3)
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


# The words that can open a duration besides numbers, approximators and vague quantities.
_DUR_OPENERS = ["the", "another", "an", "its", "their", "his", "her", "each", "past", "last", "next", "first", "recent",
                "coming"]


@rule("duration",
      lambda v: rf"{first_letters(v.APPROX, v.NUMBERS, v.VAGUE_NUMBERS, v.TENS, v.SMALL, _DUR_OPENERS)}"
      rf"(?:\b(?P<approx>{v.APPROX_RE})\s+)?(?:\b(?P<det>{_DUR_DET})\s+)?"
      rf"(?:(?P<num>\b{v.NUM})|\b(?P<vague>{v.VAGUE}))(?:\s+(?P<extra>more|additional|extra|straight|consecutive|"
      rf"full|long|trading|business|calendar|working|odd))?(?P<sep>[\s-]+|(?<=\d))"
      rf"(?P<unit>{v.UNIT})(?P<plural>s)?(?P<hyph>-long)?\b(?!-(?:earlier|ago|end|on-))(?P<age>-old)?"
      rf"(?:\s+(?P<orso>or\s+so|or\s+more|or\s+longer|and\s+a\s+half))?",
      priority=4, accept=_duration_ok, span=lambda m, v: _duration_span(m))
def duration_rule(m, ctx):
    unit = ctx.v.unit_code(m["unit"])
    n = ctx.v.num(m["num"]) if m["num"] else None
    vague = m["vague"]
    groups = m.re.groupindex
    orso = m["orso"] if "orso" in groups else None
    if orso and orso.lower().startswith("and a half") and n is not None:
        n += 0.5
    mod = ctx.v.approx_mod(m["approx"])
    if orso:
        o = orso.lower()
        mod = "APPROX" if "so" in o else ("EQUAL_OR_MORE" if "more" in o or "longer" in o else mod)
    if vague and vague.lower() in ("a couple of",):
        n = 2
    if vague and vague.lower() == "recent" and unit in ("Y", "DE") and not m["det"]:
        # "in recent years" locates events in the past rather than measuring a stretch of time:
        # TimeML annotators write it as the reference PAST_REF.
        return "DATE", "PAST_REF", mod
    return "DURATION", duration(n, unit), mod


def _bare_ok(m, text, v):
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


@rule("bare_units",
      r"\b(?P<unit>years|months|weeks|days|decades|hours|minutes|centuries)\b(?!-)"
      r"(?:\s+(?P<ago>ago)|\s+(?P<or>or\s+(?:weeks|months|years|days)))?",
      priority=6, accept=_bare_ok)
def _bare_units(m, ctx):
    unit = ctx.v.unit_code(m["unit"])
    if m["or"]:
        return "DURATION", duration(None, unit), "APPROX"
    return "DURATION", duration(None, unit), None


# "Over the past day" measures the stretch just gone, like "the past 24 hours"; "the last day"
# is as often the final day of something ("on the last day of the talks"), so it counts only
# after a preposition of extent and when nothing ("of the talks") follows it.
_EXTENT_BEFORE = re.compile(r"(?i)\b(?:over|in|during|within|for|across|throughout)\s+$")


def _past_day_ok(m, text, v):
    if re.match(r"\s+(?:of|before|when|that|after)\b", text[m.end():m.end() + 8]):
        return False
    return m["rel"].lower() == "past" or bool(_EXTENT_BEFORE.search(text, max(0, m.start() - 14), m.start()))


@rule("past_day", r"\bthe\s+(?P<rel>past|last)\s+(?P<unit>day|hour)\b(?!-)", priority=4, accept=_past_day_ok)
def _past_day(m, ctx):
    return "DURATION", duration(1, ctx.v.unit_code(m["unit"])), None


@rule("unit_long", r"\b(?P<unit>hour|day|week|month|year|decade|century|hours|days|weeks|months|years|decades|"
      r"centuries)-long\b", priority=4)
def _unit_long(m, ctx):
    """ "a year-long inquiry" (P1Y), "a decades-long feud" (PXDE): no number, one or many."""
    word = m["unit"].lower()
    n = None if word.endswith("s") else 1
    return "DURATION", duration(n, ctx.v.unit_code(word)), None


@rule("ahead", r"\bthe\s+(?P<unit>days|weeks|months|years|decades)\s+ahead\b", priority=3)
def _ahead(m, ctx):
    """ "in the weeks ahead": an unknown number of weeks from now."""
    return "DURATION", duration(None, ctx.v.unit_code(m["unit"])), None


@rule("vague_dur",
      r"\b(?:for|in|after|within|take|takes|took|taken)\s+(?P<w>a\s+while|(?:quite\s+)?some\s+time|a\s+long\s+time)\b"
      r"(?!\s+(?:to|before|since|after|ago|that|when|in\s+the\s+future))",
      priority=5, span=lambda m, v: (m.start("w"), m.end("w")))
def _vague_dur(m, ctx):
    """ "for a while", "for some time": a stretch of time of unknown length and unit."""
    return "DURATION", "PXX", None
