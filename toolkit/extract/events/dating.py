"""Dates: when each trigger happened.

The clause's own date nearest to the trigger; a noun's date only in its phrase; "<duration>
after/before <clause>" counted from the outer event; the date of the clause a when/while/as
clause or a participle attaches to; the previous sentence's date for a narrative that goes on;
the event told just before for "then", "hours later". A statement none of these dates stays
undated: the day it was made is not the publication day.
"""

from __future__ import annotations

import datetime as dt
import re

from toolkit.extract.english import BE, HAVE, MODALS
from toolkit.extract.events.actors import noun_owner
from toolkit.extract.events.grammar import Rules
from toolkit.extract.events.model import Article, Clause, Day, Trigger
from toolkit.extract.events.words import tokens
from toolkit.records import DateMention

# words that put an undated clause at the time of the event told just before
_SAME_TIME = re.compile(
    r"\b(?:then|at\s+the\s+time|(?:hours|minutes)\s+later|later\s+that\s+(?:day|evening|night)|that\s+(?:day|evening|night))\b",
    re.IGNORECASE,
)


_SIMULTANEOUS = frozenset({"when", "while", "as", "even as", "participle", "splice"})
_NO_REPORT_DATE = frozenset({"after", "before", "even after", "although", "though", "even though",
                             "because", "once", "whether", "if", "until", "since", "despite",
                             "following", "when", "while", "as", "even as", "whereas"})


def assign_dates(art: Article) -> None:
    """The third pass: ``date``, ``day`` and ``own_date`` of the triggers, by the rules in order
    (a later rule dates only what the earlier ones left undated); also ``planned`` and ``emit``
    of cue nouns."""
    _own_dates(art)
    _noun_dates(art)
    for sid, group in art.by_sentence.items():
        clauses = art.clause_lists[sid]
        _durations(art, group, clauses)
        _relative_durations(art, group, clauses)
        _simultaneous(art, group, clauses)
        _main_before_when(art, group, clauses)
        _framed(art, group, clauses)
    _named_disaster_dated_later(art)
    _narrative(art)
    _same_time(art)
    _after_the_event(art)
    _statement_goes_on(art)
    for t in art.triggers:
        if t.kind in art.rules.statement_kinds and t.pos == "verb" and t.tense == "perfect" and not t.own_date:
            t.day = t.date = None  # "has criticized the bill": a stance held, on no borrowed day
    # 5. a statement whose clause and sentence give no date stays undated (NA): the day it was
    # made is not the day it was published (both gold sets' guidelines: null)


def _as_day(d: DateMention) -> Day:
    """The day a date mention gives an event."""
    return (d.earliest, d.latest, d.granularity, d.value)


def _own_dates(art: Article) -> None:
    """1. The clause's own date, nearest to the trigger.

    A reporting verb and the content it reports share a clause when no "that" separates them
    ("Zelensky said on Saturday the soldiers captured by Ukraine ..."): dates before the content
    belong to the statement, dates inside it to the content.
    """
    rules = art.rules
    stamp = _page_stamp(art)
    for t in art.triggers:
        own = [d for d in art.dates_in(t.clause.start, t.clause.end) if d is not stamp]
        mates = [u for u in art.by_clause[id(t.clause)] if u is not t and u.pos == "verb"]
        heads = [u for u in mates if u.kind in rules.statement_kinds and u.end <= t.start]
        if heads and t.kind not in rules.statement_kinds:
            own = [d for d in own if d.start >= heads[-1].end]
        content = [u for u in mates if u.kind not in rules.statement_kinds and u.start >= t.end]
        if content and t.kind in rules.statement_kinds and t.pos == "verb":
            own = [d for d in own if d.end <= content[0].start]
        if t.kind in rules.statement_kinds and t.pos == "verb":
            own = [d for d in own if d.start < t.end or not _finite_between(art.text, t.end, d.start)]
        if t.parenthetical:
            own = []  # "Since August 2023, it said, ...": the dates are the content's
        if t.pos == "noun":  # a noun's date sits in its phrase: "a statement ... on April 26"
            # (a "since" date reaches further: "the aggression against A and B, since October 7")
            # (and a noun that is the subject of a verb of occurring takes that verb's date: "the
            # signing of the treaty by Putin and Kim took place on June 19")
            own = [d for d in own if 0 <= d.start - t.end <= 45 or 0 <= t.start - d.end <= 15
                   or (0 <= d.start - t.end <= 90 and re.search(r"\bsince\s+$", art.text[d.start - 8:d.start]))
                   or (0 <= d.start - t.end <= 120 and _occurred_before(art.text, t.end, d.start))]
        if t.pos == "verb" and t.kind not in rules.statement_kinds:
            # "died as a result of last week's earthquake", "injured in the Feb. 6 quake": a date
            # that modifies a noun of a natural force dates the cause, not the verb
            own = [d for d in own if not _modifies_disaster(art, d)]
            # two happenings in one clause: a date before a verb belongs to the verb nearest to it
            # ("Of the troops Pyongyang deployed last year, 4,000 have been killed")
            others = [u for u in mates if u.kind not in rules.statement_kinds]
            own = [d for d in own if d.end > t.start or not any(_gap(u, d) < _gap(t, d) for u in others)]
        if own:
            d = min(own, key=lambda d: (abs(d.start - t.end) if d.start >= t.end else abs(t.start - d.end) + 5))
            d = _range_start(art, own, d)
            t.date, t.day, t.own_date = d, _last_year_if_past(art, t, d), True


#: verbs that say an event noun happened, ending right before its date ("took place on")
_OCCURRED = re.compile(r"\b(?:took\s+place|happened|occurred|began|started|ended|came|was\s+held|were\s+held|"
                       r"unfolded|got\s+under\s+way)\s++(?:(?:on|in|at|during|late|early|last)\s++)?$", re.IGNORECASE)


def _occurred_before(text: str, lo: int, hi: int) -> bool:
    """Whether ``text[lo:hi]`` (an event noun's phrase up to a date) ends with a verb of
    occurring and holds no clause break: the date is the noun's own."""
    between = text[lo:hi]
    return not re.search(r"[;:.!?]|,\s+(?:and|but|which|who)\b", between) and bool(_OCCURRED.search(between[-40:]))


def _finite_between(text: str, lo: int, hi: int) -> bool:
    """Whether a finite auxiliary or modal stands in ``text[lo:hi]``: after a reporting verb it
    opens the reported clause ("said a vote could occur on Tuesday"), whose dates are its own."""
    return any(w.lower() in _CONTENT_AUX for _, _, w in tokens(text, lo, hi))


_CONTENT_AUX = (BE | HAVE | MODALS) - {"be", "been", "being", "having"}


def _modifies_disaster(art: Article, d: DateMention) -> bool:
    """Whether date ``d`` stands before a natural force's noun as its modifier ("last week's
    earthquake", "the Feb. 6 quake centered near ...")."""
    m = re.match(r"(?:['’]s)?\s+([\w-]+)(?:\s+([\w-]+))?", art.text[d.end:d.end + 40])
    return m is not None and any((w or "").lower() in art.rules.disaster_words for w in m.groups())


def _range_start(art: Article, own: list[DateMention], d: DateMention) -> DateMention:
    """The first end of a range the chosen date closes ("from May 5 to May 10", "between June 1
    and June 3"): an event over a span dates from its earliest day."""
    for e in own:
        between = art.text[e.end:d.start]
        if e.end <= d.start and re.fullmatch(r"[\s…]*(?:to|until|till|through|and|-|–)[\s…]*", between) \
                and re.search(r"(?:from|between)\s+$", art.text[max(0, e.start - 12):e.start], re.IGNORECASE):
            return e
    return d


# a label a scraped page may print before its date stamp ("date 2022-10-06", "Published: ...")
_STAMP_LABELS = frozenset({"", "date", "published", "updated", "posted"})


def _page_stamp(art: Article) -> DateMention | None:
    """The date that opens the article, alone or after a label ("date 2022-10-06 A total of 27
    troops were killed ..."): the page's stamp, run into the headline, not any event's date."""
    first = art.dates[0] if art.dates else None
    if first is None or art.text[:first.start].strip().rstrip(":").strip().lower() not in _STAMP_LABELS:
        return None
    return first


def _last_year_if_past(art: Article, t: Trigger, d: DateMention) -> Day:
    """A day written without its year ("on October 7") that would fall after publication, on a
    verb told in the past ("launched an attack on October 7"), is the last such day before it."""
    day = _as_day(d)
    published, earliest, latest = art.published, day[0], day[1]
    if published is None or earliest is None or latest is None or earliest <= published \
            or t.pos != "verb" or t.tense not in ("past", "perfect", "pastperfect") or t.planned \
            or t.kind in art.rules.statement_kinds \
            or re.search(r"\d{4}|\b(?:next|this|last|coming)\b", d.text, re.IGNORECASE) or day[2] != "day":
        return day
    try:
        back = (earliest.replace(year=earliest.year - 1), latest.replace(year=latest.year - 1))
    except ValueError:  # 29 February
        return day
    return (back[0], back[1], day[2], back[0].isoformat())


def _noun_dates(art: Article) -> None:
    """Nouns count only in clauses with no cue verb, and only with a date of their own: the date
    belongs to the noun nearest to it ("the confirmation ... followed a statement ... on April 26")."""
    rules = art.rules
    for t in art.triggers:
        if t.pos == "noun":
            verbs = [u for u in art.by_clause[id(t.clause)] if u.pos == "verb"]
            if t.date is not None:
                mates = [u for u in art.by_clause[id(t.clause)] if u is not t]
                gap = _gap(t, t.date)
                if any(_gap(u, t.date) < gap for u in mates):
                    t.date, t.day, t.own_date = None, None, False
            if not verbs and t.day is None and t.kind not in rules.statement_kinds:
                # "Pyongyang is preparing a third deployment", "getting ready for a second
                # deployment": the object of a word of intention is a planned event of the subject
                words = [w.lower() for _, _, w in tokens(art.text, t.clause.start, t.start)][-5:]
                if any(w in rules.governors for w in words[:-1] or words):
                    t.planned = True
            since = bool(verbs) and _dated_since(art, t)
            for u in verbs if since else ():
                if u.date is t.date:  # the span's start is the act's date, not the measure's
                    u.date, u.day, u.own_date = None, None, False
            if (verbs and not since) or (t.day is None and not t.planned and not _owned_act(art, t)):
                t.emit = False


def _dated_since(art: Article, t: Trigger) -> bool:
    """"lost 274,950 troops since the beginning of its invasion on Feb. 24": a dated act that
    opens a "since" span is an event of its own beside the verb the span measures."""
    if t.day is None or not t.own_date or t.kind in art.rules.statement_kinds:
        return False
    before = art.text[t.clause.start:t.start]
    m = re.search(r"\bsince\s+((?:[\w'’-]+\s+){0,5})$", before, re.IGNORECASE)
    return m is not None and not any(art.rules.forms.get(w.lower(), ("", "", "", ""))[2] == "verb"
                                     for w in m.group(1).split())


def _owned_act(art: Article, t: Trigger) -> bool:
    """"Russian assaults near the town", "Israel's expanded military operations in the city": an
    act of force its owner's demonym or possessive names is that actor's happening, dated or not
    (``owned_noun_kinds``); "a statement" or "the deployment" alone is none."""
    return t.kind in art.rules.owned_noun_kinds and noun_owner(art, t) is not None


def _durations(art: Article, group: list[Trigger], clauses: list[Clause]) -> None:
    """2. "<duration> after/before <clause>": date the inner clause from the outer event."""
    for c in clauses:
        if c.marker not in ("after", "before"):
            continue
        m = re.search(r"(?<!\w)(\d+|\w+)\s+(day|days|week|weeks|month|months|year|years)\s+$",
                      art.text[max(0, c.start - 40):c.start])  # from a word's start only: linear
        if not m:
            continue
        # "the day after": one (the unit in the singular)
        n = 1 if m.group(1).lower() == "the" and not m.group(2).endswith("s") else _count(art, m.group(1))
        if n is None:
            continue
        outer = [u for u in group if u.start < c.start and u.clause is not c]
        base = None
        for u in reversed(outer):
            base = u.day or _report_day(art, u)
            if base and base[0] is not None:
                break
        # "... the day after the quake struck the coast, on February 7": a date set off by a
        # comma at the end of the inner clause is the outer clause's
        trailing = [d for d in art.dates_in(c.start, c.end) if re.search(r",\s*(?:on\s+|in\s+)?$", art.text[c.start:d.start])]
        if (not base or base[0] is None) and trailing:
            base = _as_day(trailing[-1])
        if not base or base[0] is None or base[2] != "day":
            continue
        delta = _delta(m.group(2), n)
        if delta is None:
            continue
        day = base[0] - delta if c.marker == "after" else base[0] + delta
        for u in group:
            if u.clause is c and (u.day is None or u.date in trailing):
                u.day = (day, day, "day", day.isoformat())


_EARLIER = re.compile(r"(?<![\w-])(\w+)\s+(day|days|week|weeks)\s+(earlier|later)(?![\w-])", re.IGNORECASE)


def _relative_durations(art: Article, group: list[Trigger], clauses: list[Clause]) -> None:
    """2b. "<duration> earlier/later" counts from the sentence's dated event before it ("rescuers
    on Sunday pulled survivors from a building that collapsed a day earlier"); a relative clause
    on a noun of that clause ("... in an earthquake that shook the island") shares its day."""
    for idx, c in enumerate(clauses):
        m = _EARLIER.search(art.text, c.start, c.end)
        n = _count(art, m.group(1)) if m else None
        if m is None or n is None or art.dates_in(c.start, c.end):
            continue
        base = next((u.day for u in reversed(group) if u.start < c.start and u.day is not None
                     and u.day[2] == "day" and u.day[0] is not None), None)
        delta = _delta(m.group(2), n)
        if base is None or delta is None:
            continue
        day = base[0] - delta if m.group(3).lower() == "earlier" else base[0] + delta
        inner = [c] + [d for d in clauses[idx + 1:idx + 2] if d.marker in ("that", "which")]
        for u in group:
            if u.clause in inner and u.day is None and u.kind not in art.rules.statement_kinds:
                u.day = (day, day, "day", day.isoformat())


def _simultaneous(art: Article, group: list[Trigger], clauses: list[Clause]) -> None:
    """3. When/while/as clauses and participles share the date of the clause they attach to."""
    for u in group:
        if u.day is not None or u.tense == "pastperfect" or _in_reported_content(u, group, art.rules):
            continue
        if u.clause.marker in ("that", "which"):
            # "the earthquake in 1939 that killed ...": a date that ends the antecedent's phrase
            idx = clauses.index(u.clause)
            said = idx > 0 and any(v.clause is clauses[idx - 1] and v.kind in art.rules.statement_kinds for v in group)
            ends = [d for d in art.dates_in(clauses[idx - 1].start, u.clause.start)
                    if not art.text[d.end:u.clause.start].strip(" ,")] if idx > 0 and not said else []
            if ends:
                u.day = _as_day(ends[-1])
                continue
        if u.clause.marker in _SIMULTANEOUS or (u.tense == "participle" and u.clause.marker == "after"):
            # ("warned on Sunday after visiting the border": the same day)
            idx = clauses.index(u.clause)
            for other in [clauses[idx - 1]] if idx > 0 else []:
                mates = [v for v in group if v.clause is other and v.day is not None]
                own = art.dates_in(other.start, other.end)
                if mates:
                    u.day = mates[-1].day
                elif own:
                    u.day = _as_day(own[-1])


def _framed(art: Article, group: list[Trigger], clauses: list[Clause]) -> None:
    """3c. "As the storm pounded the coast on Monday, residents said they heard explosions when
    two dams collapsed": a dated as/when/while clause opening the sentence frames its undated
    happenings in the simple past."""
    if not clauses or clauses[0].marker not in ("as", "when", "while"):
        return
    own = art.dates_in(clauses[0].start, clauses[0].end)
    if not own:
        return
    for u in group:
        if u.day is None and u.kind not in art.rules.statement_kinds and u.tense == "past" and not u.planned:
            u.day = _as_day(own[-1])


def _main_before_when(art: Article, group: list[Trigger], clauses: list[Clause]) -> None:
    """3b. A main clause with an undated verb takes the date of a "when" clause after it."""
    for u in group:
        if u.tense == "pastperfect" or _in_reported_content(u, group, art.rules):
            continue
        if u.day is None and u.clause.marker in (None, "main"):
            idx = clauses.index(u.clause)
            if idx + 1 < len(clauses) and clauses[idx + 1].marker in ("when", "while", "splice"):
                # "..., when ...", and two main clauses spliced by a comma ("conducted a swap,
                # 230 were freed on Wednesday"): one occasion
                nxt = clauses[idx + 1]
                own = [v.day for v in group if v.clause is nxt and v.own_date and v.day is not None
                       and v.kind not in art.rules.statement_kinds] or [_as_day(d) for d in art.dates_in(nxt.start, nxt.end)]
                if own and (nxt.marker != "splice" or u.kind not in art.rules.statement_kinds):
                    u.day = own[0]


def _named_disaster_dated_later(art: Article) -> None:
    """3d. A named natural force told undated ("after Cyclone Thane hit the coast") takes the day
    of one of the next two sentences that names it again with a date ("Thane lashed the coast
    ... on Friday"): the lede's happening, dated in the detail that follows."""
    rules = art.rules
    for t in art.triggers:
        if t.day is not None or t.kind in rules.statement_kinds or t.planned:
            continue
        clause = art.text[t.clause.start:t.clause.end]
        m = next((m for m in re.finditer(r"\b([A-Z][a-z]+)\s+([A-Z][a-z]+)\b", clause)
                  if m.group(1).lower() in rules.disaster_words), None)
        if m is None:
            continue
        for sid in range(t.sentence + 1, min(t.sentence + 3, len(art.sentences))):
            s0, s1 = art.sentences[sid]
            hit = re.search(rf"\b{re.escape(m.group(2))}\b", art.text[s0:s1])
            dates = [d for d in art.dates_in(s0, s1) if hit and d.start > s0 + hit.start()]
            if dates:
                t.day = _as_day(dates[0])
                break


def _narrative(art: Article) -> None:
    """4. A sentence with no date continues the previous one's narrative about the same actor."""
    text, rules, spans = art.text, art.rules, art.sentences
    sentence_dates = {sid: art.dates_in(s0, s1) for sid, (s0, s1) in enumerate(spans)}
    for t in art.triggers:
        if t.day is not None or t.pos != "verb" or t.planned or t.sentence == 0:
            continue
        if sentence_dates.get(t.sentence) or t.tense not in ("past",):
            continue
        if t.clause.marker in _NO_REPORT_DATE - {"when", "while", "as"}:
            continue
        prev_sid = t.sentence - 1
        if not sentence_dates.get(prev_sid):
            continue
        # "On 3 April, another prisoner exchange took place. Ten soldiers returned from
        # captivity.": the next sentence's happening of the same kind tells that occasion on
        same = [u for u in art.by_sentence.get(prev_sid, ()) if u.day is not None and u.kind == t.kind
                and u.kind not in rules.statement_kinds and u.own_date and (u.emit or u.pos == "noun")
                and (t.kind != "other" or u.lemma in rules.same_acts.get(t.lemma, {t.lemma}))]
        prev_events = [u for u in art.by_sentence.get(prev_sid, ()) if u.day is not None and u.day[2] == "day"]
        named = [a for a in art.lexicon.actors.find(text, t.clause.start, t.start) if a.kind == "alias"]
        if same and not named and t.kind not in rules.statement_kinds \
                and not _in_reported_content(t, art.by_sentence[t.sentence], rules):
            # (a subject named anew, "Zelensky visited the front", may start another time)
            t.day = same[-1].day
            continue
        if not t.actor or not prev_events:
            continue
        p0, p1 = spans[prev_sid]
        named = {a.name for a in art.lexicon.actors.find(text, p0, p1)}
        # a happening continues the narrative only with a pronoun subject ("He then signed"); a
        # newly named subject may start another time ("Russian forces shelled the town")
        if t.actor in named and (t.kind in rules.statement_kinds or not t.explicit):
            t.day = prev_events[-1].day


def _same_time(art: Article) -> None:
    """4b. "Kim said then", "at the time", "hours later": the time of the event told just before."""
    last_dated = None  # the last trigger so far with a date of its own: the one a look back finds
    for t in art.triggers:
        if t.day is None and t.pos == "verb":
            cue = _SAME_TIME.search(art.text, t.clause.start, t.clause.end)
            # "then" points at the sentence before; "hours later", "that day" at the last dated event
            reach = (1 if cue.group(0).lower() in ("then", "at the time") else len(art.sentences)) if cue else -1
            if cue and last_dated is not None and t.sentence - last_dated.sentence <= reach:
                t.day, t.own_date = last_dated.day, True  # the clause says when: relative to that event
        if t.day is not None and t.own_date:
            last_dated = t


def _after_the_event(art: Article) -> None:
    """4b. "McConnell said in a statement following the vote": an undated statement made after a
    definite event noun ("following the vote", "after the attack") was made on the day of that
    event, the last of its kind the article dated before it."""
    rules = art.rules
    for k, t in enumerate(art.triggers):
        if t.day is not None or t.pos != "verb" or t.kind not in rules.statement_kinds:
            continue
        noun = next((u for u in art.by_clause[id(t.clause)] if u.pos == "noun" and u.start > t.end
                     and u.kind not in rules.statement_kinds
                     and re.search(r"\b(?:following|after)\s+the\s+(?:[\w-]+\s+)?$", art.text[t.end:u.start], re.IGNORECASE)), None)
        if noun is None:
            continue
        told = next((u for u in reversed(art.triggers[:k]) if u.kind == noun.kind and u.day is not None
                     and u.own_date), None)
        if told is not None:
            t.day, t.date = told.day, told.date


def _statement_goes_on(art: Article) -> None:
    """5a. A speaker's undated statement right after a dated one of the same speaker continues
    that statement ("Zelensky said on Monday ... He said ...", "..., KCNA reported."): the same
    occasion, so its date (and the rows then merge)."""
    rules, triggers = art.rules, art.triggers
    occasions: dict[str, set] = {}  # each speaker's own-dated statements so far
    for k, t in enumerate(triggers):
        if k and triggers[k - 1].kind in rules.statement_kinds and triggers[k - 1].actor \
                and triggers[k - 1].own_date and triggers[k - 1].day is not None:
            occasions.setdefault(triggers[k - 1].actor, set()).add(triggers[k - 1].day)
        if t.day is not None or t.pos != "verb" or t.kind not in rules.statement_kinds or not t.actor:
            continue
        if t.planned or t.tense not in ("past", "present", "perfect") or t.clause.marker in _NO_REPORT_DATE:
            continue
        for j in range(k - 1, -1, -1):
            prev = triggers[j]
            if t.sentence - prev.sentence > 2:
                break
            if prev.sentence < t.sentence and prev.kind in rules.statement_kinds and prev.actor == t.actor \
                    and prev.own_date and prev.day is not None:
                t.day = prev.day
                break
        if t.day is None and not _other_occasion(art, t):
            # further on, a speaker the article dates on one occasion only goes on with it,
            # unless the clause says it spoke another time ("later published a video")
            days = occasions.get(t.actor, set())
            if len(days) == 1:
                t.day = next(iter(days))


def _other_occasion(art: Article, t: Trigger) -> bool:
    """Whether a statement's clause puts it on another occasion (``reporting.yaml``
    ``other_occasion``: "later", "earlier", "previously")."""
    key = "dating.other_occasion"
    if key not in art.lexicon.cache:
        words = sorted((str(w) for w in art.lexicon.reporting.get("other_occasion", []) or []), key=len, reverse=True)
        art.lexicon.cache[key] = re.compile(r"(?<![\w-])(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
                                            + r")(?![\w-])", re.IGNORECASE) if words else None
    pattern = art.lexicon.cache[key]
    # (before the verb or right after it: "later published", "said earlier"; not in the content)
    return pattern is not None and pattern.search(art.text, t.clause.start, min(t.clause.end, t.end + 16)) is not None


def _in_reported_content(t: Trigger, group: list[Trigger], rules: Rules) -> bool:
    """Whether a happening sits after a reporting verb of its own clause ("he said two soldiers
    had been captured"): the statement's time is not the happening's."""
    return t.kind not in rules.statement_kinds and any(
        u.clause is t.clause and u.pos == "verb" and u.kind in rules.statement_kinds and u.end <= t.start
        for u in group
    )


def _gap(t: Trigger, d: DateMention) -> int:
    """Characters between a trigger and a date mention, on either side."""
    return d.start - t.end if d.start >= t.end else t.start - d.end


def _report_day(art: Article, t: Trigger) -> Day | None:
    """The report date as the base a duration counts from ("two days after Gerasimov confirmed"):
    a statement not in the past perfect; None for a happening or without a publication day."""
    if art.published is None or t.kind not in art.rules.statement_kinds or t.tense == "pastperfect":
        return None
    published = art.published
    return (published, published, "day", published.isoformat())


def _count(art: Article, word: str) -> int | None:
    """The count a duration's number is written with ("2", "two", "a"), else None."""
    if word.isdigit():
        return int(word)
    return art.rules.counts.get(word.lower())


def _delta(unit: str, n: int) -> dt.timedelta | None:
    """``n`` days or weeks; None for the units that are no fixed span."""
    unit = unit.rstrip("s")
    if unit == "day":
        return dt.timedelta(days=n)
    if unit == "week":
        return dt.timedelta(weeks=n)
    return None  # months and years shift the calendar, not a fixed span: left to the dates table
