"""Relays and the claimants a stretch of text mentions (read by :mod:`.cues`).

A relay ("lawmakers citing the spy agency", "lawmakers briefed by the NIS", "quoted X as
saying") makes the source it cites the claimant, unless it cites no one source: unnamed sources
("citing intelligence sources") or several ("citing Ukrainian intelligence and a Western
official") leave the claim to the one who relays it. The relay words are ``reporting.yaml``'s
``relays``; the claimants a stretch names are the actor lexicon's mentions, without an outlet
named after a place ("the Kyiv Independent") or a demonym before no institution word.
"""

from __future__ import annotations

import re

from toolkit.extract.sources import media_name_after, unlisted
from toolkit.extract.subjects import _AUX
from toolkit.read.alternation import alternation
from toolkit.read.lexicon import ActorMention, Lexicon


def _phrase_pattern(lexicon: Lexicon, key: str) -> re.Pattern[str] | None:
    name = f"attribution.{key}"
    if name not in lexicon.cache:
        forms = sorted((str(f) for f in lexicon.reporting.get(key, []) or []), key=len, reverse=True)
        lexicon.cache[name] = (
            re.compile(r"(?<![\w-])" + alternation(map(_words, forms), re.IGNORECASE) + r"(?![\w-])", re.IGNORECASE)
            if forms else None
        )
    return lexicon.cache[name]


def _words(form: str) -> str:
    return r"\s+".join(re.escape(w) for w in form.split())


_UNNAMED = re.compile(r"\b(?:unnamed|anonymous|unidentified)\b", re.IGNORECASE)
#: what a relay cites no one source by: unnamed sources, or two sources joined
_NO_ONE_CITED = re.compile(r"\b(?:unnamed|anonymous|unidentified|sources?|and|or)\b", re.IGNORECASE)


def _cited_end(text: str, pos: int, hi: int) -> int:
    """Where the source cited after a relay word at ``pos`` ends (a comma, a clause, a preposition)."""
    stop = re.search(r"[,;:.\"“”(]|\b(?:that|said|at|in|on|during|after|before|over|with|when|while|for|to)\b",
                     text[pos:hi])
    return pos + stop.start() if stop else hi


def _cites_no_one(text: str, lo: int, hi: int) -> bool:
    """Whether the source a relay cites (``text[lo:hi]``) is no one source: unnamed ("citing
    intelligence sources", "citing an unnamed official") or several ("citing Ukrainian
    intelligence and a Western official"). The outlet then vouches for the claim itself."""
    return _NO_ONE_CITED.search(text, lo, min(hi, lo + 70)) is not None


def _unvouched_relays(text: str, lo: int, hi: int, lexicon: Lexicon) -> list[tuple[int, int]]:
    """The spans of the relays in ``text[lo:hi]`` that cite no one source (:func:`_cites_no_one`)."""
    pattern = _phrase_pattern(lexicon, "relays")
    if pattern is None:
        return []
    spans = [(m.start(), _cited_end(text, m.end(), hi)) for m in pattern.finditer(text, lo, hi)]
    return [(a, b) for a, b in spans if _cites_no_one(text, a, b)]


def _relayed(text: str, lo: int, hi: int, lexicon: Lexicon, *, right_after: bool = False) -> str | None:
    pattern = _phrase_pattern(lexicon, "relays")
    if pattern is None or hi <= lo:
        return None
    for m in pattern.finditer(text, lo, hi):
        if right_after and text[lo:m.start()].strip(" ,") != "":
            continue
        end = _cited_end(text, m.end(), hi)
        if _cites_no_one(text, m.end(), end):
            continue
        mentions = _claimant_mentions(text, m.end(), min(end, m.end() + 70), lexicon)
        if mentions:
            return mentions[0].name
        # a source the lexicon lacks, as the text names it ("citing Gaza health officials"); one
        # the outlet leaves unnamed ("citing an unnamed official") is the outlet's to vouch for
        named = unlisted(text, m.end(), min(end, m.end() + 70), lexicon, _AUX)
        if named and not _UNNAMED.search(text, m.end(), min(end, m.end() + 70)):
            return named
    return None


def _claimant_mentions(
    text: str, lo: int, hi: int, lexicon: Lexicon, *, stop_at_clause: bool = False
) -> list[ActorMention]:
    if stop_at_clause:
        m = re.search(r"[;:.\"“”]|\bthat\b", text[lo:hi])
        hi = lo + m.start() if m else hi
    heads = _phrase_pattern(lexicon, "demonym_heads")
    out = []
    for a in lexicon.actors.find(text, lo, hi):
        if media_name_after(text, a.end, hi, lexicon) is not None:
            continue  # "the Kyiv Independent reported": the outlet, not the place it is named after
        if a.kind == "demonym":
            rest = text[a.end:hi]
            if heads is None or not heads.match(rest.lstrip()) or not rest[:1].isspace():
                continue
        # "North Korea's state news agency": the possessor is not the claimant when an
        # institution alias follows within the same phrase; the later, longer alias wins below.
        out.append(a)
    # Drop a state named only as the possessor of a following alias ("North Korea's KCNA").
    kept = []
    for i, a in enumerate(out):
        nxt = out[i + 1] if i + 1 < len(out) else None
        if nxt is not None and text[a.end:a.end + 2] in ("'s", "’s") and nxt.start - a.end < 40:
            continue
        kept.append(a)
    return kept


def _one_author(text: str, lo: int, hi: int, lexicon: Lexicon) -> str | None:
    """The one author named right after "by" ("by the NIS"), or None: "by Washington and Seoul"
    names a joint claim of two, which is no one claimant's."""
    end = _cited_end(text, lo, hi)
    mentions = _claimant_mentions(text, lo, min(end, lo + 70), lexicon)
    if len({a.name for a in mentions}) > 1 and re.search(r"\b(?:and|or)\b", text[mentions[0].end:mentions[-1].start]):
        return None
    if mentions:
        return mentions[0].name
    return unlisted(text, lo, min(end, lo + 70), lexicon, _AUX)


def _relay_form(form: str, lexicon: Lexicon) -> bool:
    """Whether a cue form is one of ``reporting.yaml`` ``relays`` ("citing", "quoting")."""
    pattern = _phrase_pattern(lexicon, "relays")
    return pattern is not None and pattern.fullmatch(form) is not None
