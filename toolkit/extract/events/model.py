"""The records every pass of the event extractor shares: clauses, triggers, and the article.

:class:`Article` is the one object :func:`~toolkit.extract.events.find.find_events` hands from
pass to pass. It holds what the caller gave (text, sentences, report date, dates, figures, the
lexicon and its compiled :class:`~toolkit.extract.events.grammar.Rules`) and what each pass adds:
``triggers.find_triggers`` writes the quotes, clauses and triggers; the later passes fill in
fields of the triggers (see :class:`Trigger`), never the lists themselves.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from toolkit.extract.events.grammar import Rules
from toolkit.read.lexicon import Lexicon
from toolkit.records import DateMention, Figure

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

    Which pass writes what: ``triggers`` the fields up to ``coordinated`` and ``reduced``,
    ``parenthetical``, ``negated``; ``actors`` ``actor`` and ``explicit``; ``dating`` ``date``,
    ``day``, ``own_date`` (and ``planned``, ``emit`` of nouns); ``claimants`` ``claimant`` and
    ``assessed``; ``statements`` ``content``, and it may change ``kind``, ``lemma``, ``day``,
    ``own_date``, ``claimant``, ``mentions`` and ``emit``.
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
    topic: str | None = None  # a statement's: the figure category or event kind it reports
    emit: bool = True
    reduced: bool = False  # a participle with its agent after a noun ("a video released by the Kremlin")
    parenthetical: bool = False  # ", it said,": the clause around it is the content, not the statement's
    assessed: bool = False  # reported content of a verb cue before it ("the NIS believes ... were sent")
    negated: bool = False  # a statement that commits to nothing ("did not deny"): kind other
    own_date: bool = False  # the date is the clause's own (not borrowed, not the report date)
    mentions: int = 1
    content: list["Trigger"] = field(default_factory=list)  # happenings this statement reports


@dataclass
class Article:
    """One article as the passes see it: what the caller gave, then what the passes found."""

    text: str
    published: dt.date | None
    sentences: list[Span]
    #: the mentions that can date an event (DATE or TIME with a calendar span), in the order given
    dates: Sequence[DateMention]
    figures: Sequence[Figure] | None  # the pipeline hands them on; no pass reads them yet
    lexicon: Lexicon
    rules: Rules
    # written by triggers.find_triggers, one entry per sentence (quotes, clause_lists) or trigger
    quotes: list[list[Span]] = field(default_factory=list)
    clause_lists: list[list[Clause]] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)
    #: each sentence's triggers in text order (sentences with none are missing)
    by_sentence: dict[int, list[Trigger]] = field(default_factory=dict)
    #: each clause's triggers in text order, keyed by the clause's identity (``u.clause is c``):
    #: asked of every trigger, a scan of all the article's triggers made a pass quadratic
    by_clause: dict[int, list[Trigger]] = field(default_factory=dict)
    _starts: list[int] = field(init=False, repr=False)
    _in_order: bool = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._starts = [d.start for d in self.dates]
        self._in_order = all(a <= b for a, b in zip(self._starts, self._starts[1:]))

    def add_triggers(self, found: Sequence[Trigger]) -> None:
        """File the triggers of the next sentence (they come sentence by sentence, in text order)."""
        for u in found:
            self.triggers.append(u)
            self.by_sentence.setdefault(u.sentence, []).append(u)
            self.by_clause.setdefault(id(u.clause), []).append(u)

    def dates_in(self, lo: int, hi: int) -> list[DateMention]:
        """The dates that start in ``text[lo:hi]``, by bisection over their starts when they come in
        text order (a scan of every date for every clause and sentence made a pass quadratic)."""
        if not self._in_order:
            return [d for d in self.dates if lo <= d.start < hi]
        return list(self.dates[bisect.bisect_left(self._starts, lo):bisect.bisect_left(self._starts, hi)])


def inside(pos: int, spans: Sequence[Span]) -> bool:
    """Whether ``pos`` lies strictly inside one of ``spans`` (a quotation, say)."""
    return any(a < pos < b for a, b in spans)
