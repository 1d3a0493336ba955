"""The scope of a count: the whole of something, one part of it, or an addition to it.

An analyst who draws each side's latest total must not read a new contingent as the total: "a
third deployment of 6,000" is one wave, "about 15,000 in all" is the whole force, "an additional
3,000" adds to an earlier figure. :func:`figure_scopes` reads that from the figure's clause with
the cues of ``figures.yaml`` (``scope``):

* ``increment``: the figure adds to an earlier total (the ``increment`` column; the two agree);
* ``total``: a total cue before the number ("a total of", "put the total at") or after it
  ("in all", "altogether");
* ``tranche``: a tranche noun joined to the number ("a first group of 1,500", "the contingent
  at 1,500", "11,000 in the first contingent"), a verb that sends or makes up one contingent
  before it ("decided to send 6,000", "would consist of 1,000"), a cue after it ("3,000
  each", "1,000 deminers will go"), or a recent period before it or in the rest of its clause
  ("40 deaths over the past 24 hours", "in the past week, 4,600": one wave of a running count);
* with no cue, a figure joined to the one before it by "and" or a comma takes that one's scope
  ("1,000 deminers and 5,000 builders"); else a count of people is a ``total`` (how many there
  are or have been sent) and any other figure has no scope (``None``).

>>> from toolkit.records import Figure
>>> text = "Pyongyang is preparing a third deployment of 6,000 troops."
>>> figure_scopes(text, [Figure(45, 57, "6,000 troops", 6000.0, category="deployed", sentence_id=0)],
...               [(0, len(text))])
['tranche']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from toolkit.extract.figures.model import PEOPLE_CATEGORIES
from toolkit.read.lexicon import Lexicon, default_lexicon
from toolkit.records import Figure
SCOPES = ("total", "tranche", "increment")
_AFTER_CHARS = 60  # how far after a figure its after cues are read
_BEFORE_CHARS = 80
_CLAUSE_CHARS = 160  # how far after a figure a period cue ("in the past week") is read
_COORDINATED = re.compile(r"\s*+(?:,|,?\s*(?:and|or|plus))\s*", re.IGNORECASE)
_CLAUSE_EDGE = re.compile(r"[;:()\[\]\"“”]")


def _alternation(forms: Any) -> str:
    words = sorted({str(f).strip() for f in forms or [] if str(f).strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in f.split()) for f in words)


def _cues(lexicon: Lexicon) -> dict[str, re.Pattern[str] | None]:
    """The scope cues of ``figures.yaml`` compiled once per lexicon."""
    cached = lexicon.cache.get("figures.scope")
    if cached is not None:
        return cached
    data = (lexicon.figures or {}).get("scope") or {}
    total, tranche = data.get("total") or {}, data.get("tranche") or {}
    nouns = _alternation(tranche.get("nouns"))

    def compile_(pattern: str, alternation: str) -> re.Pattern[str] | None:
        return re.compile(pattern.format(alternation), re.IGNORECASE) if alternation else None

    cues = {
        "total_before": compile_(r"(?<![\w-])(?:{})\s*$", _alternation(total.get("before"))),
        "total_after": compile_(r"(?<![\w-])(?:{})(?![\w-])", _alternation(total.get("after"))),
        "tranche_before": compile_(r"(?<![\w-])(?:{})\s*$", _alternation(tranche.get("before"))),
        "tranche_after": compile_(r"(?<![\w-])(?:{})(?![\w-])", _alternation(tranche.get("after"))),
        # "a third deployment of 6,000", "put the 2024 contingent higher, at 14,000"; "a small
        # group out of some 240" is a part of a total, not one contingent
        "noun_before": compile_(r"(?<![\w-])(?:{})(?![\w-])[^.;:]{{0,20}}?(?<![\w-])(?<!out )(?:of|at)\s*$", nouns),
        # "11,000 in the first contingent", "1,000 engineers from that group"
        "noun_after": compile_(r"^[^.;:]{{0,25}}?(?<![\w-])(?:in|of|from)\s+(?:the|this|that|its|their|a|one)\s+"
                               r"(?:[\w'’-]+\s+){{0,2}}?(?:{})(?![\w-])", nouns),
    }
    # "over the past 24 hours", "in the last week", "during the previous seven days", "in the same period"
    periods = _alternation(tranche.get("periods"))
    cues["period"] = re.compile(
        r"(?<![\w-])(?:in|over|during|within|for)\s+the\s+(?:(?:past|last|previous|preceding)\s+(?:[\w-]+\s+)?"
        rf"(?:{periods})|same\s+(?:time\s+)?period)(?![\w-])", re.IGNORECASE) if periods else None
    lexicon.cache["figures.scope"] = cues
    return cues


def _windows(text: str, fig: Figure, prev: Figure | None, nxt: Figure | None,
             span: tuple[int, int]) -> tuple[str, str]:
    """The words of the figure's clause before it and after it (up to the neighbouring figures)."""
    lo = max(span[0], fig.start - _BEFORE_CHARS, prev.end if prev is not None else span[0])
    hi = min(span[1], fig.end + _AFTER_CHARS, nxt.start if nxt is not None else span[1])
    before, after = text[lo:fig.start], text[fig.end:max(fig.end, hi)]
    edges = list(_CLAUSE_EDGE.finditer(before))
    if edges:
        before = before[edges[-1].end():]
    edge = _CLAUSE_EDGE.search(after)
    if edge:
        after = after[:edge.start()]
    return before, after


def _clause_after(text: str, fig: Figure, nxt: Figure | None, span: tuple[int, int]) -> str:
    """The rest of the figure's clause after it, up to the next figure ("3,300 soldiers in
    fights with two groupings of forces in the past week")."""
    hi = min(span[1], nxt.start if nxt is not None else span[1], fig.end + _CLAUSE_CHARS)
    after = text[fig.end:max(fig.end, hi)]
    edge = _CLAUSE_EDGE.search(after)
    return after[:edge.start()] if edge else after


def _cued_scope(before: str, after: str, cues: dict[str, re.Pattern[str] | None], clause_after: str = "") -> str | None:
    def hit(key: str, window: str) -> bool:
        pattern = cues[key]
        return pattern is not None and pattern.search(window) is not None

    if hit("total_before", before) or hit("total_after", after):
        return "total"
    if hit("noun_before", before) or hit("noun_after", after) or hit("tranche_before", before) \
            or hit("tranche_after", after) or hit("period", before) or hit("period", clause_after):
        return "tranche"
    return None


def _people_units(lexicon: Lexicon) -> frozenset[str]:
    """The units that count people (``unit_categories`` of a people category, or of none, and
    ``generic_people`` in ``figures.yaml``), built once per lexicon."""
    found = lexicon.cache.get("scope_people_units")
    if found is None:
        table = lexicon.figures.get("unit_categories") or {}
        found = frozenset([str(u) for u, c in table.items() if c is None or c in PEOPLE_CATEGORIES]
                          + [str(u) for u in lexicon.figures.get("generic_people") or []])
        lexicon.cache["scope_people_units"] = found
    return found


def figure_scopes(text: str, figures: Sequence[Figure], sentences: Sequence[tuple[int, int]],
                  *, lexicon: Lexicon | None = None) -> list[str | None]:
    """The scope of each figure of one article (``figures`` in text order), as a list."""
    lexicon = lexicon or default_lexicon()
    cues = _cues(lexicon)
    people = _people_units(lexicon)
    out: list[str | None] = []
    cued: list[bool] = []
    for i, fig in enumerate(figures):
        prev = figures[i - 1] if i > 0 and figures[i - 1].sentence_id == fig.sentence_id else None
        nxt = figures[i + 1] if i + 1 < len(figures) and figures[i + 1].sentence_id == fig.sentence_id else None
        sid = fig.sentence_id
        span = sentences[sid] if 0 <= sid < len(sentences) else (0, len(text))
        before, after = _windows(text, fig, prev, nxt, span)
        scope = "increment" if fig.increment else _cued_scope(before, after, cues, _clause_after(text, fig, nxt, span))
        cued.append(scope is not None)
        if scope is None and prev is not None and cued[i - 1] and out[i - 1] != "increment" \
                and _COORDINATED.fullmatch(text[prev.end:fig.start]):
            scope = out[i - 1]
            cued[i] = True
        if scope is None and (fig.category in PEOPLE_CATEGORIES or fig.unit in people):
            scope = "total"  # a count of people with no cue: how many there are (released ones too)
        out.append(scope)
    return out


__all__ = ["PEOPLE_CATEGORIES", "SCOPES", "figure_scopes"]
