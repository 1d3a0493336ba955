"""The driver: :func:`find_figures` runs the figure passes in order over one shared article.

It builds the :class:`~toolkit.extract.figures.model.Article` (sentences, dates, grammar, the
dated statements), then reads each sentence that is no page furniture: its quantities
(:mod:`~toolkit.extract.figures.candidates`), and for each one its attribution, category
(:mod:`~toolkit.extract.figures.meaning`), subject (:mod:`~toolkit.extract.figures.subject`)
and days (:mod:`~toolkit.extract.figures.dating`). What runs from one figure to the next lives
here too: a figure that continues a series takes the category of the one before it, and a bare
number about people counts the people the article has been counting.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from toolkit.extract.attribution import Attribution, find_attribution
from toolkit.extract.dates import find_dates
from toolkit.extract.figures import heads
from toolkit.extract.figures.candidates import furniture_lines, sentence_quantities
from toolkit.extract.figures.dating import anchored_days, date_as_of, date_reported, statement_date
from toolkit.extract.figures.grammar import compiled_grammar
from toolkit.extract.figures.meaning import figure_category, is_projection
from toolkit.extract.figures.model import (
    PEOPLE_CATEGORIES,
    Article,
    Dates,
    Quantity,
)
from toolkit.extract.figures.subject import (
    article_subject,
    counted_phrase,
    figure_subject,
    reads_as_count,
)
from toolkit.extract.numbers import separator_convention
from toolkit.read.clean import split_sentences
from toolkit.read.lexicon import Lexicon, default_lexicon
from toolkit.records import DateMention, Figure

# (White space is taken whole, "\s*+", where a second "\s*" follows: two stars that may share
# a run of spaces try every split of it.)
_COORDINATED_FIGURE = re.compile(r"\s*+(?:,|,?\s*(?:and|or|plus|as well as))\s*", re.IGNORECASE)
# A figure that continues a series over time: "rose from at least 100 in December to about 600
# in April and about 2,000 by September" (a short date phrase, then "to", "and" or "then").
# The date phrase starts after all the white space ("\s++"); a phrase that would be spaces only
# is the second branch (one space after the first white space).
# Figures that break a total down: "7,028, including 2,913 children and 1,709 women".
_PARTITION = re.compile(r"\s*+,?\s*+(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them|of\s+which)\s++",
                        re.IGNORECASE)
_SERIES_STEP = re.compile(r"\s*+(?:(?:in|by|on|at|as\s+of|around)(?:\s++[\w .'’-]{1,30}?|\s[^\S ]*+ ))?\s*+,?\s*+"
                          r"(?:to|and|then|and\s+then)\s*", re.IGNORECASE)


def find_figures(
    text: str,
    *,
    published: dt.date | None = None,
    sentences: Sequence[tuple[int, int]] | None = None,
    dates: Sequence[DateMention] | None = None,
    lexicon: Lexicon | None = None,
) -> list[Figure]:
    """Return the numeric claims of one article's clean text, in text order.

    Args:
        text: the clean body text; every offset points into it.
        published: the publication date, the default ``reported`` and ``as_of``.
        sentences: sentence spans (default :func:`toolkit.clean.split_sentences`).
        dates: temporal expressions (default :func:`toolkit.dates.find_dates`); numbers inside
            them are never figures, and they give ``as_of`` and ``reported``.
        lexicon: the vocabulary (default: ``data/lexicon`` or ``$TOOLKIT_LEXICON``).

    >>> [(f.text, f.value, f.qualifier, f.increment) for f in find_figures(
    ...     "The agency said an additional 3,000 were deployed.", dates=[])]
    [('an additional 3,000', 3000.0, 'exact', True)]
    """
    art = _article(text, published, sentences, dates, lexicon)
    people = _People()
    out: list[Figure] = []
    furniture = furniture_lines(text, art.spans)
    for sid in range(len(art.spans)):
        if sid not in furniture:  # a link or a heading after the body: no claim of this article
            _read_sentence(art, sid, people, out)
    return article_subject(out, art.grammar)


def _article(
    text: str, published: dt.date | None, sentences: Sequence[tuple[int, int]] | None,
    dates: Sequence[DateMention] | None, lexicon: Lexicon | None,
) -> Article:
    """The shared context of one article: what every pass reads, computed once."""
    lexicon = lexicon or default_lexicon()
    g = compiled_grammar(lexicon)
    spans = list(sentences) if sentences is not None else split_sentences(text)
    if dates is None:
        dates = find_dates(text, published=published, sentences=spans, lexicon=lexicon)
    date_list = Dates(dates)  # sorted by start and indexed: no scan of every date per number
    # how the article writes thousands and decimals ("10,000" or "1.500.000"), read once
    convention = separator_convention(text, lexicon=lexicon)
    counted = anchored_days(text, date_list)  # "five days later": the day it counts to
    by_sentence = [[d for d in (counted.get(d.start, d) for d in date_list.starting_in(s0, s1)) if d.type == "DATE"]
                   for s0, s1 in spans]
    # a counted day dates the figures of its own sentence, not the statements the sentences
    # around it may take over (a guess on a guess: on unseen stories it dated more wrongly)
    plain = [[d for d in date_list.starting_in(s0, s1) if d.type == "DATE"] for s0, s1 in spans]
    statements = [statement_date(text, span, ds, lexicon, published) for span, ds in zip(spans, plain)]
    return Article(text, spans, published, lexicon, g, date_list, convention, by_sentence, statements,
                   frozenset(counted))


@dataclass
class _People:
    """What the article has counted of people so far, which a bare number may count too."""

    last: tuple[int, str, str | None] | None = None  # (sentence, unit, subject) of the last people figure
    person: str | None = None  # the last person noun counted ("soldier", "troop")


@dataclass
class _Slot:
    """One quantity of a sentence, with the bounds of its clause and its attribution."""

    sid: int
    s0: int
    s1: int
    quantities: list[Quantity]
    i: int
    prev_end: int  # the end of the quantity before it, else the sentence's start
    next_start: int  # the start of the quantity after it, else the sentence's end
    attribution: Attribution | None
    cued: bool = False  # set by _series_category: a cue word, not a default, gave the category
    dated_by: DateMention | None = None  # set by _days: the date of its clause, if it had one

    @property
    def q(self) -> Quantity:
        return self.quantities[self.i]


def _read_sentence(art: Article, sid: int, people: _People, out: list[Figure]) -> None:
    """Append the figures of sentence ``sid`` to ``out``, and note the people they count."""
    text, g = art.text, art.grammar
    s0, s1 = art.spans[sid]
    quantities = sentence_quantities(text, s0, s1, g, art.dates, art.convention)
    if not quantities:
        return
    # a bare number counts what the last figure about people counted, a sentence or two back
    previous_people = people.last[1:] if people.last is not None and sid - people.last[0] <= 2 else None
    prev_span = art.spans[sid - 1] if sid > 0 else None
    first = len(out)
    cued: list[bool] = []
    dated: list[DateMention | None] = []
    for i, q in enumerate(quantities):
        prev_end = quantities[i - 1].end if i > 0 else s0
        next_start = quantities[i + 1].start if i + 1 < len(quantities) else s1
        attribution = find_attribution(text, (s0, s1), lexicon=art.lexicon, at=q.start, previous=prev_span,
                                       context=art.spans[max(0, sid - 4):sid])
        if attribution is None or attribution.claimant is None and attribution.kind not in ("verb", "preposition"):
            attribution = _headline_speaker(art, s0, q.start) or attribution
        slot = _Slot(sid, s0, s1, quantities, i, prev_end, next_start, attribution)
        fig = _figure(art, slot, out, people.person, previous_people)
        out.append(fig)
        cued.append(slot.cued)
        dated.append(slot.dated_by)
        if q.unit and g.unit_categories.get(q.unit) in PEOPLE_CATEGORIES:
            people.last = (sid, q.unit, fig.subject)
            previous_people = people.last[1:]
            if q.unit in g.generic_people and q.unit_from_lexicon:
                people.person = q.unit
    _share_predicate(art, quantities, out, first, cued)
    _share_date(art, quantities, out, first, dated)


def _share_predicate(art: Article, quantities: list[Quantity], out: list[Figure], first: int,
                     cued: list[bool]) -> None:
    """Coordinated figures of people share the predicate that follows the last of them: in "27
    troops and 10 civilians were killed" the first takes the second's category (in place).
    Things ("1,000 soldiers and 50 tanks") lend nothing: a tank's category is its own noun's."""
    people = art.grammar.unit_categories
    for i in range(len(cued) - 2, -1, -1):
        between = art.text[quantities[i].end:quantities[i + 1].start]
        unit = quantities[i].unit
        about_people = unit is None or unit in people and people[unit] in (None, *PEOPLE_CATEGORIES)
        if not cued[i] and cued[i + 1] and about_people and out[first + i + 1].category in PEOPLE_CATEGORIES \
                and _COORDINATED_FIGURE.fullmatch(between):
            out[first + i] = replace(out[first + i], category=out[first + i + 1].category)
            cued[i] = True


# A headline or live-blog entry that names its speaker before a colon: "Blinken: up to 8,000
# troops in Kursk", "08:10 Zelensky: 12,000 came" (a time stamp may lead).
_HEADLINE_SPEAKER = re.compile(r"\s*+(?:\d{1,2}[:.]\d{2}\s++)?(?P<name>[A-Z][\w'’.-]*+(?:\s[A-Z][\w'’.-]*+){0,3}):\s")


def _headline_speaker(art: Article, s0: int, at: int) -> Attribution | None:
    """The speaker a headline names before its colon, when that is an actor of the lexicon
    and the colon comes before the figure (hedge: reported)."""
    m = _HEADLINE_SPEAKER.match(art.text, s0, at)
    if m is None:
        return None
    claimant = art.lexicon.actors.normalise(m["name"])
    if claimant is None:
        return None
    return Attribution(claimant, "reported", m.start("name"), m.end("name"), ":", "preposition")


# Two figures of one statement: "at least 100 dead and nearly 1,000 wounded", "said 12,000 had
# come and that 3,800 had been hurt" (the noun or verb of the first may stand between them).
_COORDINATED_CLAUSE = re.compile(r"\s*+(?:[\w'’-]++\s*+){0,6}?,?\s*+(?:and|or|plus|as\s+well\s+as)(?:\s+that)?\s*+",
                                 re.IGNORECASE)


def _share_date(art: Article, quantities: list[Quantity], out: list[Figure], first: int,
                dated: list[DateMention | None]) -> None:
    """Coordinated figures of one source share the date one of them has (in place): the date
    before the first ("in mid-December the agency counted 100 dead and 1,000 wounded") or after
    the last ("100 dead and 1,000 wounded, as of Dec. 19"). A series ("from 100 in December to
    600") is no coordination: its later figure keeps the report date."""
    for i in range(len(dated) - 1):
        a, b = out[first + i], out[first + i + 1]
        between = art.text[quantities[i].end:quantities[i + 1].start]
        if a.claimant != b.claimant or not _COORDINATED_CLAUSE.fullmatch(between) \
                or art.dates.overlaps(quantities[i].end, quantities[i + 1].start):
            continue
        if dated[i + 1] is None and dated[i] is not None and dated[i].end <= quantities[i].start:
            out[first + i + 1] = replace(b, as_of=a.as_of, as_of_latest=a.as_of_latest)
            dated[i + 1] = dated[i]
    for i in range(len(dated) - 2, -1, -1):
        a, b = out[first + i], out[first + i + 1]
        between = art.text[quantities[i].end:quantities[i + 1].start]
        if a.claimant != b.claimant or not _COORDINATED_CLAUSE.fullmatch(between) \
                or art.dates.overlaps(quantities[i].end, quantities[i + 1].start):
            continue
        if dated[i] is None and dated[i + 1] is not None and dated[i + 1].start >= quantities[i + 1].end:
            out[first + i] = replace(a, as_of=b.as_of, as_of_latest=b.as_of_latest)
            dated[i] = dated[i + 1]


def _figure(
    art: Article, slot: _Slot, out: list[Figure], person: str | None,
    previous_people: tuple[str, str | None] | None,
) -> Figure:
    """The figure of one quantity: its meaning, subject and days, read in that order."""
    text, g, q = art.text, art.grammar, slot.q
    counted = counted_phrase(text, q, slot.prev_end, g) if q.unit is None and q.currency is None else None
    if counted is not None:
        q.unit = q.unit or counted[0]
    category = _series_category(art, slot, out)
    category = _count_people(art, slot, category, person)
    subject = figure_subject(text, q, slot.prev_end, slot.s0, g, art.lexicon, category, slot.attribution)
    if subject is None and counted is not None and counted[1] is not None:
        subject = counted[1]
    if subject is None and previous_people is not None and q.unit == previous_people[0] and \
            text[q.num_end:q.np_end].strip() == "":
        subject = previous_people[1]
    reported, (as_of, as_of_latest) = _days(art, slot)
    attribution = slot.attribution
    return Figure(
        start=q.start,
        end=q.end,
        text=text[q.start:q.end],
        value=q.value,
        low=q.low,
        high=q.high,
        qualifier=q.qualifier,
        increment=q.increment and (not q.increment_before or _adds_to(out, category)),
        unit=q.currency or q.unit,
        category=category,
        subject=subject,
        claimant=attribution.claimant if attribution else None,
        hedge=attribution.hedge if attribution else None,
        as_of=as_of,
        as_of_latest=as_of_latest,
        reported=reported,
        sentence_id=slot.sid,
        projected=is_projection(text, q.start, slot.s0, g, q.end),
        ambiguous=q.ambiguous,
    )


def _named_day(art: Article, sid: int, claimant: str | None) -> DateMention | None:
    """The one day-precise date of sentence ``sid`` if that sentence names ``claimant``."""
    days = [d for d in art.by_sentence[sid] if d.granularity == "day" and d.earliest is not None
            and "REF" not in d.value and (art.published is None or d.earliest <= art.published)]
    if claimant is None or len(days) != 1:
        return None
    s0, s1 = art.spans[sid]
    named = any(m.name == claimant for m in art.lexicon.actors.find(art.text, s0, s1))
    return days[0] if named else None


def _adds_to(out: list[Figure], category: str) -> bool:
    """Whether an "another"/"a further" figure adds to the last figure about people before it:
    only when both count the same thing. After "27 killed", "another 29 were wounded" counts
    other people, not more of the dead (with no such figure before, the word still adds)."""
    people = [f for f in out if f.category in PEOPLE_CATEGORIES]
    return not people or people[-1].category == category


# Two sources' rival numbers for one thing, the second with no noun of its own: "the JCS counted
# about 1,100 killed and wounded while Zelensky claimed more than 3,000", "police counted 80,000
# marchers, whereas the unions put the figure at 400,000": the second counts what the first did.
_RIVAL_CLAIM = re.compile(
    r"[^.;:!?]{0,40}?(?:\bwhile|\bwhereas|\bbut|,)\s++(?:the\s++)?(?:[\w'’.-]++\s++){1,4}?"
    r"(?:claimed|claims|said|says|put\s++(?:it|the\s++(?:figure|toll|number|total|count))\s++at|estimated|"
    r"estimates|counted|counts|gave|reported|reports|cited|cites|told\s++\w++)\s++(?:(?:it\s++was|there\s++were)\s++)?",
    re.IGNORECASE)


def _series_category(art: Article, slot: _Slot, out: list[Figure]) -> str:
    """The quantity's category; with no cue of its own, a figure coordinated with the one
    before it or continuing its series takes that one's category."""
    text, q, i = art.text, slot.q, slot.i
    category, cued = figure_category(text, q, slot.prev_end, slot.next_start, slot.s0, slot.s1, art.grammar,
                               slot.attribution)
    slot.cued = cued
    between = text[slot.quantities[i - 1].end:q.start] if i > 0 else ""
    if not cued and i > 0 and out and out[-1].sentence_id == slot.sid and (
            _COORDINATED_FIGURE.fullmatch(between) or _SERIES_STEP.fullmatch(between) or _PARTITION.fullmatch(between)
            or q.elided or heads.coordinated(between) or _RIVAL_CLAIM.fullmatch(between)):
        # "killed 100 North Korean soldiers and 20 Russian ones": the verb is shared;
        # "rose from 100 in December to about 600 in April": the series counts one thing;
        # "1,524 were children and 1,000 were women", "900 in one town, 410 in another": a list
        category = out[-1].category
    return category


def _count_people(art: Article, slot: _Slot, category: str, person: str | None) -> str:
    """Give a bare number about people the article's last person noun as its unit (in place);
    returns the category, which that noun decides when nothing else did."""
    q = slot.q
    if q.unit is None and q.currency is None and person is not None and q.value == q.value \
            and float(q.value).is_integer() and (category in PEOPLE_CATEGORIES or reads_as_count(art.text, q, slot.s1)):
        # a bare number about people ("about 2,700 were wounded") counts the people the
        # article has been counting (the last person noun before it)
        q.unit = person
        if category == "other" and not slot.cued:  # ("two million have fled": the flight is said)
            category = art.grammar.unit_categories.get(person, "other")
    elif q.unit is None and q.currency is None and q.value == q.value and q.value >= 2 and float(q.value).is_integer() \
            and (person is None and category in PEOPLE_CATEGORIES or category == "other" and slot.cued):
        # with no person noun counted before it, a bare number that is killed, wounded, held
        # or sent counts people ("105,505 were injured"); one that is freed, displaced or fled
        # counts persons whatever was counted before ("displaced 1.8 million")
        q.unit = "person"
    elif q.unit is None and heads.subject_unit(art.text, q, slot.s1, art.grammar) is not None:
        # the subject of a verb only people undergo ("2,854 have been buried", "more than 100
        # remained trapped"; issue 13): the people the article counts, else persons
        q.unit = person or "person"
    return category


def _days(art: Article, slot: _Slot) -> tuple[dt.date | None, tuple[dt.date | None, dt.date | None]]:
    """(reported, as_of): the day the figure was stated and the day it describes."""
    sid, attribution = slot.sid, slot.attribution
    sentence_dates = art.by_sentence[sid]
    reported, used = date_reported(art.text, attribution, sentence_dates, slot.quantities, art.published, slot.s0)
    if used is None and attribution is not None and attribution.carried and sid > 0:
        # "The NIS went public on Oct. 18. It said ...": the sentence that names the speaker a
        # pronoun points back to dates what it says, when it has one day and names the speaker
        said = _named_day(art, sid - 1, attribution.claimant)
        if said is not None:
            reported, used = said.earliest, said
    if used is None and attribution is not None:
        # "X said on Wednesday ..." then "Lawmakers said about 1,500 more ...": a dated
        # statement in this sentence, or a few before (or just after), is the one this
        # figure reports
        for k in (sid, sid - 1, sid - 2, sid - 3, sid + 1, sid + 2):
            if 0 <= k < len(art.spans) and art.statements[k] is not None:
                reported = art.statements[k][0]
                break
    found: list[DateMention | None] = []
    as_of = date_as_of(art.text, slot.q, sentence_dates, used, reported, art.grammar, slot.s0, slot.s1,
                       slot.prev_end, slot.next_start, art.counted, found)
    slot.dated_by = found[0] if found else None
    return reported, as_of
