"""What a number with no noun of its own counts, and when a number word is a count at all.

English often leaves the counted noun out, or puts it elsewhere in the clause; this pass reads
it from there (issue 13):

* :func:`toll_unit`: the number a toll or a "number of" comes to ("put the death toll at 40",
  "the number of fatalities has risen to 2,862") counts deaths, fatalities, the injured;
* :func:`predicate_unit`: a copula's complement names it ("1,524 were children", "eleven are
  officers");
* :func:`tally_unit`: a falling pair next to a vote is two tallies of votes ("passed 311-112");
* :func:`elided`: a number coordinated after another figure, with no noun of its own, counts
  what that one counted ("1,604 fatalities in one province, 976 in another", "five elsewhere");
* :func:`subject_count`: a number word that is the subject of a verb of its category ("seven
  were killed", "nine remain missing") is a count, not a pronoun;
* :func:`subject_unit`: a bare number that is the subject of a verb only people undergo ("2,800
  have been buried", "more than 100 remained trapped", "40 drowned") counts people.
"""

from __future__ import annotations

import re

from toolkit.extract.figures.grammar import Grammar
from toolkit.extract.figures.model import Quantity

# Auxiliaries and adverbs between a subject and its verb ("were", "have since been", "still").
# (each word ends at a word boundary: the loop keeps what it matched, so "remain" must not stop
# short of "remained")
_AUXILIARIES = re.compile(
    r"(?:\s+(?:were|was|are|is|have|has|had|been|being|be|remain|remained|remains|also|later|reportedly|still|"
    r"all|since|then|now|already|allegedly)\b)*+\s+", re.IGNORECASE)
_COPULA = re.compile(r"\s+(?:were|are|was|is)\s+", re.IGNORECASE)
# What ends a toll's verb phrase right before its number.
_TOLL_TAIL = re.compile(r"\b(?:at|to|of|reached|reach|reaches|passed|passes|hit|hits|exceeded|exceeds|topped|tops|"
                        r"stands\s+at|stood\s+at|is|was)\s+$", re.IGNORECASE)
_TOLL_HEAD = re.compile(r"\b(?:(death|casualty|fatality)\s+)?tolls?\b", re.IGNORECASE)
_NUMBER_OF = re.compile(r"\bnumbers?\s+of\s+", re.IGNORECASE)
_ADJECTIVE_PEOPLE = re.compile(r"(?:injured|wounded|dead|displaced|missing|deceased|killed)\b", re.IGNORECASE)
_VOTE = re.compile(r"\bvot(?:e|es|ed|ing)\b", re.IGNORECASE)
_PAIR_AFTER = re.compile(r"(?: ?[-–—] ?| ++to ++)(\d+)\b")
# After a number whose noun is left out: a preposition, an adverb of place, a dash, a relative,
# a participle or the end of the clause ("976 in another province", "five elsewhere", "25 that").
_ELIDED_AFTER = re.compile(
    r"(?:\s*[–—-]\s*|\s+(?:in|on|at|of|from|elsewhere|across|among|during|that|who|which|others)\b|\s*[,.;)]|\s*$"
    r"|\s+\w+ed\b)", re.IGNORECASE)
# Between a figure and the next that shares its noun: a short stretch ending in a coordinator.
_COORDINATOR_END = re.compile(r"(?:,|\band|\bincluding|\(including|\bamong\s+them|\bof\s+whom)\s*$", re.IGNORECASE)
_CLAUSE_WORD = re.compile(r"\b(?:while|whereas|but|although|though|because|when|after|before|which|who|where|"
                          r"said|says|told)\b", re.IGNORECASE)


def toll_unit(text: str, q: Quantity, lo: int, g: Grammar) -> str | None:
    """The unit of the number a toll or a "number of" phrase before it comes to, in its clause
    (from ``lo``): "death" ("the death toll rose to 113", "put the death toll at seven"),
    "casualty" (a casualty toll; a toll alone names no unit), the noun after "number of" ("fatality"), or "person" for an adjective
    used as a noun ("the number of injured has reached 2,562")."""
    window_start = max(lo, q.start - 160)
    before = text[window_start:q.start]
    if not _TOLL_TAIL.search(before):
        return None
    toll = list(_TOLL_HEAD.finditer(before))
    counted = list(_NUMBER_OF.finditer(before))
    last_toll = toll[-1] if toll else None
    last_number = counted[-1] if counted else None
    if last_number is not None and (last_toll is None or last_number.start() > last_toll.start()):
        at = window_start + last_number.end()
        m = g.units_re.match(text, at)
        if m:
            return g.units[re.sub(r"\s+", " ", m.group(0).lower())]
        return "person" if _ADJECTIVE_PEOPLE.match(text, at) else None
    if last_toll is None or last_toll.group(1) is None or re.search(r"[;:]", before[last_toll.end():]):
        return None  # a toll alone may be of the dead or of the dead and wounded: no unit
    return last_toll.group(1).lower()


def predicate_unit(text: str, q: Quantity, s1: int, g: Grammar) -> str | None:
    """The noun a copula gives a bare number: "1,524 were children" -> child."""
    m = _COPULA.match(text, q.end, s1)
    if m is None:
        return None
    u = g.units_re.match(text, m.end(), s1)
    return g.units[re.sub(r"\s+", " ", u.group(0).lower())] if u else None


def subject_unit(text: str, q: Quantity, s1: int, g: Grammar) -> str | None:
    """"person" for a bare number that is the subject of a verb only people undergo (issue 13):
    one of the people categories' cues ("seven were killed", "40 were arrested") or of
    ``figures.yaml`` ``people_predicates`` ("2,800 have been buried", "more than 100 remained
    trapped"); things are destroyed or damaged, and those verbs name no unit."""
    if q.unit is not None or q.currency is not None or q.vague:
        return None
    m = _AUXILIARIES.match(text, q.end, s1)
    if m is None or m.end() == q.end:
        return None
    cue = g.cue_re.match(text, m.end(), s1)
    if cue is not None and g.categories[re.sub(r"\s+", " ", cue.group(0).lower())] in ("killed", "wounded", "captured"):
        return "person"
    verb = re.match(r"[A-Za-z]+", text[m.end():s1])
    return "person" if verb is not None and verb.group(0).lower() in g.people_predicates else None


def tally_unit(text: str, q: Quantity, s0: int, s1: int) -> str | None:
    """"vote" for each number of a falling pair in a sentence about a vote ("passed in a
    311-112 vote", "the vote was 70 to 29", "voted 360-58"): a tally, not a range."""
    if not q.bare or q.is_range:
        return None
    after = _PAIR_AFTER.match(text, q.num_end, s1)
    before = _pair_before(text[max(s0, q.num_start - 12):q.num_start])
    falling = after is not None and int(after.group(1)) < q.value or \
        before is not None and int(before.group(1)) > q.value
    return "vote" if falling and _VOTE.search(text, s0, s1) else None


def _pair_before(window: str) -> re.Match[str] | None:
    """The number that ends ``window`` before a dash or "to" ("311-" of "311-112")."""
    w = window.rstrip()
    if w.endswith(("-", "–", "—")):
        w = w[:-1].rstrip()
    elif w.lower().endswith(" to"):
        w = w[:-3].rstrip()
    else:
        return None
    return re.search(r"(?<!\d)(\d+)$", w)


def elided(text: str, q: Quantity, prev: Quantity | None, s1: int) -> bool:
    """Whether ``q`` counts what ``prev`` (the figure before it in the sentence) counted, its
    noun left out: coordinated right after it, with no clause between them, and followed by
    no noun ("1,604 fatalities in one town, 976 in another", "27 killed here, five elsewhere")."""
    if prev is None or prev.unit is None or prev.currency is not None or q.unit is not None:
        return False
    return coordinated(text[prev.end:q.start]) and _ELIDED_AFTER.match(text, q.end, s1) is not None


def coordinated(between: str) -> bool:
    """Whether the text between two figures joins them in one list: short, ending in a
    coordinator ("," "and" "including"), with no clause of its own ("while", "said")."""
    return len(between) <= 80 and _COORDINATOR_END.search(between) is not None and \
        _CLAUSE_WORD.search(between) is None


def subject_count(text: str, q: Quantity, s1: int, g: Grammar) -> bool:
    """Whether a number word is the subject of a verb its category gives ("seven were killed",
    "five died", "nine remain missing", "three of whom were serving"); the noun, where there
    is one, is the head instead ("the two figures released" is no count)."""
    if q.unit is not None:
        return False  # "the two figures released": the noun is the head, not the number
    if q.value >= 2 and re.match(r"\s+of\s+(?:whom|which)\b", text[q.end:s1], re.IGNORECASE):
        return True  # ("one of them" is a reference to one of a set)
    m = _AUXILIARIES.match(text, q.end, s1)
    if m is None:
        return False
    cue = g.cue_re.match(text, m.end(), s1)
    return cue is not None and g.categories[re.sub(r"\s+", " ", cue.group(0).lower())] not in ("money", "materiel")
