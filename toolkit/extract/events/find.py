"""The driver: :func:`find_events` runs the passes in order over one article, then keeps the
triggers that make rows, turns them into :class:`~toolkit.records.Event` records and merges
repeats.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from toolkit.extract.dates import find_dates
from toolkit.extract.events.according import according_statements
from toolkit.extract.events.actors import assign_actors
from toolkit.extract.events.claimants import assign_claimants
from toolkit.extract.events.corefer import corefer
from toolkit.extract.events.dating import assign_dates
from toolkit.extract.events.grammar import rules_of
from toolkit.extract.events.merge import merge
from toolkit.extract.events.model import Article, Span, Trigger
from toolkit.extract.events.statements import read_statements
from toolkit.extract.events.triggers import find_triggers
from toolkit.read.clean import split_sentences
from toolkit.read.lexicon import Lexicon, default_lexicon
from toolkit.records import DateMention, Event, Figure



def find_events(
    text: str,
    *,
    published: dt.date | None = None,
    sentences: Sequence[tuple[int, int]] | None = None,
    dates: Sequence[DateMention] | None = None,
    figures: Sequence[Figure] | None = None,
    lexicon: Lexicon | None = None,
) -> list[Event]:
    """Return the events stated in ``text``, one per trigger, repeats merged, in text order.

    Args:
        text: one article's clean text (offsets refer to it).
        published: the report date; a duration counts from it, and dates after it make an
            event planned.
        sentences: sentence spans (default :func:`toolkit.clean.split_sentences`).
        dates: the article's date mentions (default :func:`toolkit.dates.find_dates`).
        figures: accepted for the pipeline's uniform call; not used yet.
        lexicon: the lexicon bundle (default: ``data/lexicon``).

    >>> t = "North Korea on April 28 confirmed it had sent troops. Moscow dismissed the reports."
    >>> [(e.kind, e.actor, e.date_value) for e in find_events(t, published=dt.date(2025, 4, 28))]
    [('confirmation', 'North Korea', '2025-04-28'), ('denial', 'Russia', None)]

    The undated sending is the confirmation's news, not a row; with a date of its own it is one:

    >>> t = "North Korea on April 28 confirmed it had sent troops in October 2024."
    >>> [(e.kind, e.actor, e.date_value) for e in find_events(t, published=dt.date(2025, 4, 28))]
    [('confirmation', 'North Korea', '2025-04-28'), ('deployment', 'North Korea', '2024-10')]
    """
    lexicon = lexicon or default_lexicon()
    spans = list(sentences) if sentences is not None else split_sentences(text)
    if dates is None:
        dates = find_dates(text, published=published, sentences=spans, lexicon=lexicon)
    dated = [d for d in dates if d.type in ("DATE", "TIME") and d.earliest is not None]
    art = Article(text=text, published=published, sentences=spans, dates=dated, figures=figures,
                  lexicon=lexicon, rules=rules_of(lexicon))
    # the passes, in order: each reads what the ones before it wrote (see model.Trigger)
    find_triggers(art)
    assign_actors(art)
    assign_dates(art)
    assign_claimants(art)
    read_statements(art)
    corefer(art)
    according_statements(art)  # "..., according to X": X's statement, when nothing else tells it
    headline = _headline(text, spans)
    if headline is not None:
        _headline_lends_date(art, headline)
    events: list[Event] = []
    statements: list[bool] = []
    furniture = _page_furniture(text, spans)
    for t in art.triggers:
        if t.emit and t.sentence not in furniture and _shown(art, t, headline):
            events.append(_event(art, t))
            statements.append(t.kind in art.rules.statement_kinds or bool(t.content))
    return merge(events, statements)


def _shown(art: Article, t: Trigger, headline: Span | None) -> bool:
    """Whether a trigger left to emit makes a row: on a timeline, a row needs an actor or a date,
    and a statement needs its speaker."""
    text, rules = art.text, art.rules
    if t.tense == "participle" and t.kind in rules.statement_kinds and any(
        u.start < t.start and u.kind in rules.statement_kinds and u.actor == t.actor
        for u in art.by_sentence[t.sentence]
    ):
        return False  # ", saying ...", ", praising ...": the same speaker's statement goes on
    if (t.tense == "participle" or t.coordinated) and t.kind not in rules.statement_kinds and any(
        u.start < t.start and (u.kind == t.kind or (u.kind, t.kind) == ("attack", "casualties")) and u.actor == t.actor
        and u.day == t.day and u.emit and u.pos == "verb"
        for u in art.by_sentence[t.sentence]
    ):
        return False  # "a cyclone battered the coast, killing 10,000" (or "and killed"): the same happening's toll
    earliest = t.day[0] if t.day else None
    if headline is not None and _is_title(art, t.sentence, headline) and any(
        u.emit and not _is_title(art, u.sentence, headline) and u.kind == t.kind and (_same_actor(u.actor, t.actor) or not u.actor)
        for u in art.triggers
    ):
        return False  # the headline restates the lede: the body's clause carries the event
    if t.kind in rules.statement_kinds and t.actor is None:
        return False
    if t.kind in rules.statement_kinds and t.pos == "verb" and rules.bare_figure.match(text, t.end, _trim(text, t.clause.start, t.clause.end)[1] + 1):
        return False  # "... and the Pentagon said around 10,000.": a figure's claim (the figures table), no event
    if t.actor is None and earliest is None and not (t.pos == "verb" and t.kind in ("other", "capture") and t.tense in ("past", "perfect")):
        return False  # (a release, evacuation or collapse told as done is news even so)
    if t.reduced and earliest is None:
        return False  # "lawmakers briefed by the NIS": an undated participle describes a noun
    if t.kind == "casualties" and t.tense == "perfect" and t.date is not None \
            and re.search(r"\bsince\s+$", text[max(0, t.date.start - 8):t.date.start]):
        return False  # "18,000 have been injured since Oct 7": a running total, the figures' news
    if t.voice == "passive" and t.clause.marker == "who" and earliest is None:
        return False  # "two civilians, who were held hostage by X, ...": so does an undated relative
    if t.voice == "passive" and t.tense == "present" and earliest is None and not t.planned:
        return False  # "thousands of soldiers are deployed there": a state, not a happening
    return True


def _headline_lends_date(art: Article, headline: Span) -> None:
    """A dated headline event ("Saturday's vote" restating it dates it) gives its date to the
    body's undated clause that tells it again, the row that stands for both (see :func:`_shown`)."""
    for t in art.triggers:
        if not (t.emit and t.day is not None and _is_title(art, t.sentence, headline)):
            continue
        bodies = [u for u in art.triggers if u.emit and not _is_title(art, u.sentence, headline) and u.kind == t.kind]
        body = next((u for u in bodies if u.actor and _same_actor(u.actor, t.actor)), None) \
            or next((u for u in bodies if not u.actor), None)
        if body is not None and body.day is None:
            body.day = t.day


def _is_title(art: Article, sentence: int, headline: Span) -> bool:
    """The headline, or a line that repeats it (a page's title shown twice)."""
    a, b = art.sentences[sentence]
    return sentence == 0 or art.text[a:b].strip() == art.text[headline[0]:headline[1]].strip()


def _same_actor(a: str | None, b: str | None) -> bool:
    """One actor, as a headline and its body name it: equal but for case, or one name's words
    within the other's ("Erdogan", "Recep Tayyip Erdogan"; "Health ministry in Gaza")."""
    if a is None or b is None:
        return a == b
    x, y = set(a.lower().split()), set(b.lower().split())
    return x <= y or y <= x


def _event(art: Article, t: Trigger) -> Event:
    """The row of a trigger: its clause, date, actor, kind and claimant."""
    text, published = art.text, art.published
    earliest, latest, gran, value = t.day or (None, None, "none", None)
    # a date after publication makes an event planned unless its verb says it is past
    later = published is not None and earliest is not None and earliest > published
    planned = t.planned or (later and t.tense not in ("past", "perfect", "pastperfect"))
    c0, c1 = _trim(text, t.clause.start, t.clause.end)
    return Event(
        start=c0, end=c1, text=text[c0:c1], date=earliest, date_latest=latest, granularity=gran,
        date_value=value, actor=t.actor, actor_type=art.lexicon.actors.type_of(t.actor) if t.actor else None,
        action=t.lemma, kind="other" if t.negated else t.kind, claimant=t.claimant if t.claimant != t.actor else None,
        topic=_topic(art, t),
        planned=planned, mentions=t.mentions, sentence_id=t.sentence,
    )


def _topic(art: Article, t: Trigger) -> str | None:
    """What a statement reports: a casualty count, else the kind of the first happening its
    content states ("confirmed the deployment" -> deployment); None for other kinds."""
    if t.negated or t.kind not in art.rules.statement_kinds:
        return None
    if t.topic is not None:
        return t.topic
    return next((u.kind for u in t.content if u.kind not in art.rules.statement_kinds), None)


_CLOSING = ".!?\"”'’)"


def _page_furniture(text: str, spans: Sequence[Span]) -> set[int]:
    """The sentences after the article's last sentence of prose that are lines of their own
    with no closing punctuation: titles of other stories a page links to, not this report's."""
    last_prose = max((i for i, (a, b) in enumerate(spans) if text[a:b].strip()[-1:] in tuple(_CLOSING)), default=-1)
    # (a title is short; a long line cut off, or the one line the text ends on right after its
    # prose, is the story's own text, truncated)
    return {i for i, (a, b) in enumerate(spans) if i > max(last_prose, 0)
            and text[a:b].strip() and text[a:b].strip()[-1] not in _CLOSING and len(text[a:b].split()) <= 14
            and not (i == last_prose + 1 == len(spans) - 1)
            and (a == 0 or "\n" in text[max(0, a - 2):a]) and "\n" in text[b:b + 2] + ("\n" if b >= len(text.rstrip()) else "")}


def _headline(text: str, spans: Sequence[Span]) -> Span | None:
    """The first sentence when it is a title: a line of its own with no closing punctuation."""
    if len(spans) < 2:
        return None
    a, b = spans[0]
    line = text[a:b].strip()
    if not line or line[-1] in ".!?\"”'’)" or "\n" not in text[b:spans[1][0] + 1]:
        return None
    return (a, b)


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    """``a, b`` moved in past white space and clause punctuation at either end."""
    while a < b and (text[a].isspace() or text[a] in ",;:"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:"):
        b -= 1
    return a, b
