"""The records every pass of the event extractor shares: clauses, triggers, and the article.

:class:`Article` is the one object :func:`~toolkit.extract.events.find.find_events` hands from
pass to pass. It holds what the caller gave (text, sentences, report date, dates, figures, the
lexicon and its compiled :class:`~toolkit.extract.events.grammar.Rules`) and what each pass adds:
``triggers.find_triggers`` writes the quotes, clauses and triggers; the later passes fill in
fields of the triggers (see :class:`Trigger`), never the lists themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from toolkit.records import DateMention

Span = tuple[int, int]
#: (earliest, latest, granularity, TIMEX3 value) of the date an event is shown at
Day = tuple[dt.date | None, dt.date | None, str, str | None]

#: the kinds of statement by how much they commit: one speaker's cues merged keep the strongest
STRENGTH = {"confirmation": 3, "denial": 3, "casualties": 2, "announcement": 1}


@dataclass
class Clause:
    """A stretch of one sentence with a verb of its own; it owns the dates inside it."""

    start: int
    end: int
    marker: str | None  # the word that opens it: "when", "after", "that", "participle", ...
    sentence: int


@dataclass
class Trigger:
    """One cue word in a clause: a candidate event.

    ``triggers.py`` sets the fields up to ``coordinated`` and ``reduced``, ``parenthetical``,
    ``negated``; ``actors.py`` sets ``actor`` and ``explicit``; ``dating.py`` sets ``date``,
    ``day``, ``own_date`` (and ``planned``, ``emit`` of nouns); ``claimants.py`` sets
    ``claimant`` and ``assessed``; ``statements.py`` sets ``content`` and may change ``kind``,
    ``lemma``, ``day``, ``claimant``, ``mentions`` and ``emit``.
    """

    start: int
    end: int
    form: str
    lemma: str
    kind: str
    pos: str  # verb or noun
    grammar: str  # base, s, ing, past, noun
    sentence: int
    clause: Clause
    voice: str = "active"
    tense: str = "past"  # past, present, perfect, pastperfect, modal, infinitive, progressive, participle
    planned: bool = False
    coordinated: bool = False  # "... and praised": shares the subject of the verb before it
    actor: str | None = None
    explicit: bool = False  # actor named in the clause (not carried from context)
    date: DateMention | None = None
    day: Day | None = None
    claimant: str | None = None
    emit: bool = True
    reduced: bool = False  # a participle with its agent after a noun ("a video released by the Kremlin")
    parenthetical: bool = False  # ", it said,": the clause around it is the content, not the statement's
    assessed: bool = False  # reported content of a verb cue before it ("the NIS believes ... were sent")
    negated: bool = False  # a statement that commits to nothing ("did not deny"): kind other
    own_date: bool = False  # the date is the clause's own (not borrowed, not the report date)
    mentions: int = 1
    content: list["Trigger"] = field(default_factory=list)  # happenings this statement reports


def inside(pos: int, spans: Sequence[Span]) -> bool:
    """Whether ``pos`` lies strictly inside one of ``spans`` (a quotation, say)."""
    return any(a < pos < b for a, b in spans)


def group_by_clause(triggers: Sequence[Trigger]) -> dict[int, list[Trigger]]:
    """Each clause's triggers in text order, keyed by the clause's identity (``u.clause is c``):
    asked of every trigger, a scan of all the article's triggers made the pass quadratic."""
    out: dict[int, list[Trigger]] = {}
    for u in triggers:
        out.setdefault(id(u.clause), []).append(u)
    return out
