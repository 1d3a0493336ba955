"""Trigger words: where in a text each rule of the grammar is worth trying.

This module owns the speed of the tagger. :class:`Triggers` indexes the words each rule cannot
match without (a month name, a unit word, a digit...) for one vocabulary; ``hits`` finds them in
a text and ``regions`` turns the hits of a rule's triggers into the windows the rule's pattern
is run over (:data:`WINDOWS`, :data:`RULE_TRIGGER`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from toolkit.extract.dates.vocab import Vocab, VocabPattern

__all__ = ["RULE_NEEDS", "RULE_TRIGGER", "TRIGGER_BASE", "WINDOWS", "Triggers"]

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


def _word_triggers(v: Vocab) -> dict[str, list[str]]:
    """Trigger name -> the words (lower case) that open its windows."""
    return {
        "unit": _forms("year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "quarter",
                       "fortnight", "weekend"),
        "quarter": _forms("quarter"),
        "fiscal": ["fiscal", "fy"],
        "century": _forms("century"),
        "set": ["every", "each", "per", "daily", "weekly", "monthly", "quarterly", "annual", "annually", "yearly",
                "hourly", "nightly", "biweekly", "biannual", "semiannual", "semi"] + list(v.SETS),
        "season": list(v.SEASONS),
        "decade": list(v.DECADE_WORDS),
        "deictic": ["today", "yesterday", "tomorrow", "tonight"],
        "part_of_day": ["morning", "afternoon", "evening", "night", "overnight", "day", "days", "midnight"],
        "holiday": [w for name in v.HOLIDAYS for w in re.findall(r"[a-z]+", name) if w not in ("day", "s", "eve")]
        + ["thanksgiving", "election", "easter"],
        "half": ["half"],
        "period": ["period"],
        "year": ["year", "years"],
        # The longest word of each reference ("future" in "the near future", "recently" in "more
        # recently"): enough to find it, and rarer than "more" or "the".
        "ref": sorted({max(re.findall(r"[a-z]+", name), key=len) for name in v.REFERENCES}),
        "vague_dur": ["while", "time"],
        "spoken": ["nineteen", "thousand"],
        # "AD", "BC", "BCE", "CE" and the last letter of their dotted forms ("A.D.", "B.C.", "C.E.")
        "era": ["ad", "bc", "bce", "ce", "d", "c", "e"],
        "clock": ["noon", "midnight", "midday", "clock"],
        # The direction word ends every "two days ago"; it is rarer than the unit words.
        "ago": ["ago", "earlier", "later", "hence", "back", "now"],
    }


def _cap_triggers(v: Vocab) -> dict[str, list[str]]:
    """Trigger name -> the words that open its windows only when capitalised (month and weekday names)."""
    return {
        "month": list(v.MONTHS),
        "weekday": list(v.WEEKDAYS) + [w + "s" for w in v.WEEKDAYS],
    }


def _index(triggers: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """Word -> the names of the triggers it belongs to."""
    index: dict[str, tuple[str, ...]] = {}
    for name, words in triggers.items():
        for w in words:
            index[w] = index.get(w, ()) + (name,)
    return index


# Trigger name -> (chars kept before a hit, chars kept after it): the longest prefix/tail a
# rule anchored on that trigger can match.
WINDOWS: dict[str, tuple[int, int]] = {
    "date_digits": (12, 14), "year4": (60, 40), "fiscal": (40, 15), "q_short": (10, 12), "clock": (70, 60),
    "century": (30, 10), "month": (70, 40), "weekday": (30, 40), "unit": (45, 30), "quarter": (50, 30),
    "set": (40, 50), "set:every": (20, 34), "rate": (16, 12), "season": (60, 25), "decade": (30, 5), "deictic": (25, 30),
    "part_of_day": (40, 20), "holiday": (10, 20), "half": (20, 30), "period": (60, 30), "year": (25, 40),
    "ref": (14, 22), "spoken": (20, 40), "era": (9, 10), "year:era": (10, 40),
    "ago": (75, 2), "vague_dur": (25, 2),
    # "trigger:purpose" reuses a trigger's hits with a window cut to what one rule can match:
    # the fewer characters a pattern is tried at, the faster (issue 3 asks for 10x dateparser).
    "unit:num": (45, 30), "unit:rel": (38, 16), "unit:ended": (30, 18), "unit:in_the": (22, 3), "unit:self": (1, 14),
    "unit:ahead": (5, 8), "month:md": (45, 26), "month:dm": (25, 12), "month:my": (34, 12),
    "month:alone": (20, 14), "month:list": (1, 30), "month:week_of": (13, 18), "month:span": (1, 24),
    "unit:nth_week": (18, 30), "compact": (0, 8),
}
RULE_TRIGGER: dict[str, tuple[str, ...]] = {
    "iso": ("date_digits",), "year_slash": ("date_digits",), "dotted": ("date_digits",), "slash": ("date_digits",),
    "short_slash": ("date_digits",), "compact": ("compact",), "nth_week": ("unit:nth_week",),
    "month_span_first": ("month:span", "year4"), "year": ("year4",), "fiscal_short": ("fiscal",),
    "century": ("century",), "q_short": ("q_short",), "clock": ("clock",), "month_day": ("month:md", "year4"), "dash_month": ("year4",),
    "day_month": ("month:dm",), "week_of": ("month:week_of",), "month_year": ("month:my", "year4"),
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
TRIGGER_BASE = {name: name.partition(":")[0] for name in WINDOWS}
#: The rules with no trigger run over the whole text, but not over a text that holds none of the
#: words they cannot match without ("midweek" needs "week"): an ASCII text is lower-cased as
#: IGNORECASE reads it, so one look for each word in it says so (any other text is scanned).
RULE_NEEDS: dict[str, tuple[str, ...]] = {"mid_week": ("week",), "past_day": ("past", "last")}

_WORD = re.compile(r"[a-z]+")
_DIGITS = re.compile(r"\d+")
_DOTTED_AFTER = re.compile(r"\.\d{1,2}\.\d{4}\b")  # "03.01.2024": a day, then a month and a year
_AMPM_AFTER = re.compile(r"\s?[aApP]\.?\s?[mM]\b|:\d")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")

# A duration needs a number or a quantity word shortly before its unit ("two days", "several
# weeks", "a year"): unit words without one ("last year", "the week") open no window for it.
_NUMISH_BEFORE = VocabPattern("numish_before", lambda v: rf"(?i)\d|\b(?:{v.NUMWORD}|{v.VAGUE}|couple|dozen|half)\b")
# "last week", "the fiscal year": a relative date needs its determiner right before the unit.
_REL_BEFORE = re.compile(r"(?i)\b(?:this|last|next|past|previous|prior|coming|current|that|the|following|same|latest|"
                         r"full)\s+(?:(?:fiscal|calendar|school)\s+)?$")
# "two days ago", "a year earlier": the direction word follows a unit word.
_UNIT_BEFORE = VocabPattern("unit_before", lambda v: rf"(?i)\b{v.UNIT}s?(?:\s+or\s+so)?\s+(?:from\s+)?$")
# "the year ended Sept. 30": only a unit followed by "ended", "ending", "through" or "to".
_ENDED_AFTER = re.compile(r"(?i)\s+(?:ended|ending|that\s+ended|through|to)\s")


class Triggers:
    """The trigger words of one vocabulary, indexed, and the filters that drop useless hits."""

    def __init__(self, v: Vocab) -> None:
        words = _word_triggers(v)
        self.word_index = _index(words)
        self.cap_index = _index(_cap_triggers(v))  # capitalised words only (month and weekday names)
        self.all_words = frozenset(self.word_index) | frozenset(self.cap_index)
        self.unit_words = set(words["unit"])
        numish_before, unit_before = _NUMISH_BEFORE(v), _UNIT_BEFORE(v)
        self.filters: dict[str, Callable[[str, int, int], bool]] = {
            "unit:num": lambda text, a, b: numish_before.search(text, max(0, a - 30), a) is not None,
            "unit:rel": lambda text, a, b: _REL_BEFORE.search(text, max(0, a - 28), a) is not None,
            "unit:ended": lambda text, a, b: _ENDED_AFTER.match(text, b) is not None,
            "ago": lambda text, a, b: unit_before.search(text, max(0, a - 24), a) is not None,
        }

    def hits(self, text: str, lower: str) -> dict[str, list[tuple[int, int]]]:
        """Positions (start, end) of every trigger word of the text, by trigger name."""
        hits: dict[str, list[tuple[int, int]]] = {}
        # Speed: one C-level pass lists the words; only the few trigger words an article holds are
        # then located with str.find, instead of a Python step for each of its thousands of words.
        present = self.all_words.intersection(_WORD.findall(lower))
        n = len(lower)
        for w in present:
            names = self.word_index.get(w, ())
            cap_names = self.cap_index.get(w, ())
            k = len(w)
            i = lower.find(w)
            while i >= 0:
                j = i + k
                if (i == 0 or lower[i - 1] not in _LETTERS) and (j == n or lower[j] not in _LETTERS):
                    for name in names:
                        hits.setdefault(name, []).append((i, j))
                    if names and w in self.unit_words and lower[max(0, i - 3):i] in (" a ", "an ", "er "):
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
            if after[:1] in ("-", "/") and after[1:2].isdigit() or after[:1] == "." and _DOTTED_AFTER.match(text, b):
                hits.setdefault("date_digits", []).append((a, b))
            if _AMPM_AFTER.match(text, b):
                hits.setdefault("clock", []).append((a, b))
            if digits.endswith("0") and (after[:1] == "s" or after == "'s"):
                hits.setdefault("decade", []).append((a, b))
            if a and text[a - 1] in "Qq":
                hits.setdefault("q_short", []).append((a, b))
            if len(digits) == 8 and digits[:2] in ("19", "20"):
                hits.setdefault("compact", []).append((a, b))
        return hits

    def regions(self, text: str, hits: dict[str, list[tuple[int, int]]], names: tuple[str, ...]) -> list[tuple[int, int]]:
        """Merged windows around the hits of the named triggers, widened to whole words."""
        raw: list[tuple[int, int]] = []
        n = len(text)
        for name in names:
            back, ahead = WINDOWS[name]
            keep = self.filters.get(name)
            raw.extend((max(0, a - back), min(n, b + ahead)) for a, b in hits.get(TRIGGER_BASE[name], ())
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
