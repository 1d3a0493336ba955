"""Rules for sets, the TIMEX3 type of what recurs: "daily", "every week", "each July", "$5 a year".

A rate ("a year", "per day") is a set only after a number or a price, and "quarterly" before a
noun is the financial adjective ("its quarterly dividend").
"""

from __future__ import annotations

import re

from toolkit.extract.dates.calendar import duration
from toolkit.extract.dates.rules.registry import rule
from toolkit.extract.dates.vocab import Vocab, alt, is_cap


@rule("set_word", lambda v: rf"\b(?P<w>{alt(v.SETS)})\b", priority=5,
      # "quarterly" before a noun is the financial adjective ("its quarterly dividend"), not a SET.
      accept=lambda m, t, v: not (m["w"].lower() == "quarterly" and re.match(r"\s+[a-z]", t[m.end():m.end() + 3])))
def _set_word(m, ctx):
    return "SET", ctx.v.SETS[m["w"].lower()], None


@rule("set_every",
      lambda v: rf"\b(?:(?P<freq>once|twice|thrice|(?:{v.NUM})\s+times)\s+)?(?P<q>every|each|per|a|an)\s+"
      rf"(?:(?P<other>other)\s+|(?P<num>{v.NUM})\s+)?"
      rf"(?:(?P<unit>{v.UNIT})s?|(?P<wd>{v.WD})s?|(?P<mon>{v.MON_FULL})|(?P<season>{v.SEASON}))\b",
      priority=3, accept=lambda m, t, v: _set_ok(m, t, v))
def _set_every(m, ctx):
    n = ctx.v.num(m["num"]) if m["num"] else 1
    if m["other"]:
        n = 2
    if m["unit"]:
        unit = ctx.v.unit_code(m["unit"])
        if unit == "X":
            return None
        return "SET", duration(n, unit), None
    if m["wd"]:
        if not is_cap(m["wd"]):
            return None
        return "SET", f"XXXX-WXX-{ctx.v.WEEKDAYS[m['wd'].lower()]}", None
    if m["mon"]:
        if not is_cap(m["mon"]):
            return None
        return "SET", f"XXXX-{ctx.v.month_num(m['mon']):02d}", None
    return "SET", f"XXXX-{ctx.v.SEASONS[m['season'].lower()]}", None


# Searched over the 25 characters before a mention, so a numeral in it is at most 25 long (the
# bound keeps a search over a long run of digits linear).
_RATE_BEFORE = re.compile(r"(?i)(?:\d|%|percent|dollars|cents|times|million|billion|thousand|hundred|"
                          r"\d[\d,.]{0,25}+\s+\w+)\s*$")


def _set_ok(m: re.Match[str], text: str, v: Vocab) -> bool:
    q = m["q"].lower()
    if m["wd"] and not is_cap(m["wd"]) or m["mon"] and not is_cap(m["mon"]):
        return False
    if m["unit"] and v.unit_code(m["unit"]) == "X":
        return False
    if q in ("a", "an", "per") and not m["freq"]:
        # "a year" is a rate only after a number or price ("$5 a year", "10,000 CDs a year").
        if m["num"] or m["unit"] is None or m["other"]:
            return False
        if m["unit"].lower().endswith("s"):
            return False
        return q == "per" or bool(_RATE_BEFORE.search(text, max(0, m.start() - 25), m.start()))
    return True
