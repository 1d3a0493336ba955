"""Statements told through "according to X" or a document's author: a figure attributed to a
source implies that the source stated it (issue 13).

"Russia has lost 220,450 soldiers, according to the General Staff" reports a statement of the
General Staff as surely as "the General Staff said" does, and the timeline should show it. The
pass after :func:`~toolkit.extract.events.corefer.corefer` adds one ``announcement`` trigger for
such a cue when nothing else in the article already tells that source's statement:

- the cue is "according to" with a named source (not "according to the report");
- its sentence states a figure (a fact with no number, "according to UN", is the source's
  view, not a statement the article dates);
- the sentence has no statement cue of its own ("according to residents who said ..."): the
  verb is the statement;
- the source is no outlet ("according to AP"): a news agency relays the statement of others;
- no other statement in the article has that speaker: a later "according to the ministry" after
  "the ministry said" is that statement again, one more mention of it.

A document that shows a figure ("Figures from the ministry show", "An IOM assessment has
shown", "A survey by the council found") is its author's statement on the same terms; its clause
runs from the subject to the verb.

The "according to" trigger's clause is the cue and its source up to the next comma; its actor the source, its
topic the category of the sentence's first figure; its date is a date inside that phrase, if any
("according to a statement on Monday"), else none: the text does not say when.
"""

from __future__ import annotations

import bisect
import re

from toolkit.extract.attribution import find_attributions
from toolkit.extract.claimant_types import claimant_type
from toolkit.extract.cues import _place_comma, document_author
from toolkit.extract.events.model import Article, Clause, Trigger
from toolkit.extract.subjects import _subject_start

_PHRASE_END = re.compile(r"[,;:.!?()]")
_DIGIT = re.compile(r"\d")


def according_statements(art: Article) -> None:
    """Add a statement trigger for each "according to X" that tells a figure of a source no
    other statement of the article has (see the module docstring)."""
    rules, text = art.rules, art.text
    spoken = [t.actor for t in art.triggers if t.emit and t.actor and t.kind in rules.statement_kinds]
    figures = sorted(art.figures or (), key=lambda f: f.start)
    starts = [f.start for f in figures]  # (searched by bisection: a scan per sentence is quadratic)
    added: list[Trigger] = []
    for sid, (s0, s1) in enumerate(art.sentences):
        if any(t.kind in rules.statement_kinds for t in art.by_sentence.get(sid, ())):
            continue
        here = figures[bisect.bisect_left(starts, s0):bisect.bisect_left(starts, s1)]
        if not (here if art.figures is not None else _digit_outside_dates(art, s0, s1)):
            continue
        for cue in find_attributions(text, (s0, s1), lexicon=art.lexicon):
            if not cue.claimant:
                continue
            if cue.kind == "preposition" and cue.cue.lower() == "according to":
                end = _PHRASE_END.search(text, cue.end, s1)
                c0, c1, lemma = cue.start, end.start() if end else s1, "report"
            elif cue.kind == "verb" and _document_said(art, s0, cue.start):
                c0, c1, lemma = _document_start(text, s0, cue.start), cue.end, _lemma(cue.cue)
            else:
                continue
            source = cue.claimant
            if claimant_type(source, art.lexicon) == "media":
                continue
            if any(_same_speaker(source, other) for other in spoken):
                continue
            clause = Clause(c0, c1, "according", sid)
            t = Trigger(start=cue.start, end=cue.end, form=cue.cue.lower(), lemma=lemma, kind="announcement",
                        pos="noun", grammar="noun", sentence=sid, clause=clause, tense="present", actor=source,
                        explicit=True, claimant=source, topic=here[0].category if here else None)
            own = art.dates_in(c0, c1)
            if own and own[0].earliest is not None:
                d = own[0]
                t.date, t.day, t.own_date = d, (d.earliest, d.latest, d.granularity, d.value), True
            added.append(t)
            spoken.append(source)
            break  # one statement per sentence
    if added:
        _file(art, added)


def _document_said(art: Article, s0: int, verb: int) -> bool:
    """Whether the reporting verb at ``verb`` has a document with a named author as its subject
    ("Figures from the ministry show", "An IOM assessment ... has shown")."""
    return document_author(art.text, s0, verb, art.lexicon) is not None


def _document_start(text: str, s0: int, verb: int) -> int:
    """Where the document subject of the verb at ``verb`` starts (past a comma inside it)."""
    start = _subject_start(text, s0, verb)
    opening = _place_comma(text, s0, start)
    return opening if opening is not None and not text[opening:start].lstrip()[:1].islower() else start


def _lemma(form: str) -> str:
    """The lemma of a document's verb: "has shown" -> "show", "found" -> "find"."""
    last = form.lower().split()[-1]
    return {"shown": "show", "showed": "show", "shows": "show", "found": "find", "finds": "find",
            "concluded": "conclude", "concludes": "conclude"}.get(last, last)


def _digit_outside_dates(art: Article, s0: int, s1: int) -> bool:
    """Whether the sentence ``art.text[s0:s1]`` holds a digit outside its date mentions (the test
    for a figure when the pipeline handed none on)."""
    dates = art.dates_in(s0, s1)
    return any(not any(d.start <= m.start() < d.end for d in dates) for m in _DIGIT.finditer(art.text, s0, s1))


def _same_speaker(a: str, b: str) -> bool:
    """One speaker named twice: equal but for case, or one name's words within the other's
    ("the ministry", "Health Ministry")."""
    x, y = set(a.lower().split()) - {"the"}, set(b.lower().split()) - {"the"}
    return bool(x) and bool(y) and (x <= y or y <= x)


def _file(art: Article, added: list[Trigger]) -> None:
    """Put the new triggers among the article's, in text order (each pass after this one, and
    the rows, read them in that order)."""
    everything = sorted(art.triggers + added, key=lambda t: t.start)
    art.triggers.clear()
    art.by_sentence.clear()
    art.by_clause.clear()
    art.add_triggers(everything)
