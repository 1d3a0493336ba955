"""The timeline: the events of many articles folded into one row per distinct event.

Six outlets reporting one confirmation state one event. Two event rows (each already one per
event of its article, see ``events.mentions``) are **the same event** when

* they have the same ``planned`` and ``kind``, except that one speaker's statement may be read as
  an announcement by one outlet and as a confirmation or a denial by another ("said" against
  "confirmed"; never a confirmation against a denial);
* they have one actor, named two ways or one way: the same name; for a statement, the same
  party with one of the two naming the party as a whole (its state, "Pyongyang", "Washington",
  "the Kremlin", or its state media: "Pyongyang confirmed" is its Central Military Commission's
  confirmation, "Washington confirmed" the Pentagon's; two bodies of one state, the NIS and the
  JCS, stay two speakers). A dated event with no actor (a passive, "the soldiers were captured
  in January") may be anyone's; two with no actor need the same ``action`` ("a quake struck" is
  not "dams collapsed");
* their ``topic`` agrees, or one of them has none (the same statement, one outlet saying what
  it was about), or one of them is pinned to a day (a day's date, or undated: one speaker's
  statement of one occasion is one event, whatever each outlet says it was about; two spans
  wider than a day, "in June" and "in June", are told apart by their topics);
* their dates agree: the same days, or one's span inside the other's when that is a month
  at most (one outlet says "Thursday", another "in mid-December", a third "in December"; a
  year holds too many events to say). An undated event is the same as an undated one reported
  on the same day (its article's ``published``), since "the ministry said" in two articles a
  month apart are two statements, or as a dated one that ended at most ``UNDATED_DAYS`` before
  its article came out (news of the last days: "Kim attended the ceremony" the next morning),
  unless it is a plan: an undated plan is the same as a dated one told the same day ("will need
  to vote", "is expected to vote next week");
* they come from two articles, or, from one, have the same actor (or, for a dated happening,
  one of them none: "another swap took place on Monday" and "ten soldiers came home on Monday";
  or, for two dated statements of one kind, a state and its organ: "Ukraine said on Monday" and
  "its deputy minister wrote on Monday") and the same dates (one article already gives one row
  per event of its own); a clause that opens on "another", "a second" or "a separate" ("Another
  official confirmed it") is not the event of the actor named before it in its article;
* in one article, a swap and a release or return of its days are one event whoever is said to
  act (a swap is both sides' deed); without a swap, a happening told with no agent is a named
  actor's only as the same act ("were handed over" is not the other side's "were released");
* in one article, the second statement is the lead's when it names the lead's source again
  (:func:`_names_lead`: "local authorities said Friday", then "the provincial information
  office said"; "the Red Crescent said", then "Jane Roe, the aid group's secretary-general,
  told ..."), and is compared with other rows as the lead's.

A row joins an event only when it is one with **every** row already in it, not only the first
("in October" holds the Kremlin's denials of Oct. 10 and of Oct. 21, two events); of the rows
from other articles, one of each shape (the fields the rule reads, :data:`SHAPE_FIELDS`)
answers for the rest, so an event told by a hundred outlets costs no more to join. Rows are
grouped in an order fixed by their content and each joins the first event it fits; the row
shows the most precise date its mentions give and its first row's actor. The ids hash what
defines the event and its first mention, so the same inputs in any order give the same timeline.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

import pandas as pd

from toolkit.extract.events.grammar import rules_of
from toolkit.extract.parties import names_the_lead_again, party_of
from toolkit.read.lexicon import Lexicon, default_lexicon
from toolkit.tables.frames import TIMELINE, typed_frame
from toolkit.tables.rows import missing, records, stable_id, text

#: The kinds that are one speaker's statements (events.yaml's ``statement_kinds``).
STATEMENT_KINDS = frozenset({"announcement", "confirmation", "denial"})

#: How many days before its article came out a dated event may be the same as an undated
#: mention ("Kim attended the ceremony", published the next day): news reports the last days.
UNDATED_DAYS = 3

#: The longest span that takes a more precise date inside it as the same event: a week or a
#: month ("in mid-December" holds "Thursday"), not a year ("last year" holds many events).
MAX_CONTAINER_DAYS = 31
_DAY_NS = 86_400 * 10**9

_COLUMNS = ["article_id", "start", "text", "date", "date_latest", "granularity", "date_value", "actor",
            "party", "kind", "topic", "action", "planned"]


def _stamp(value: Any) -> pd.Timestamp | None:
    return None if missing(value) else pd.Timestamp(value)


def _span(row: dict[str, Any]) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The row's first and last day (None when undated): from ``_span`` when
    :func:`group_events` has worked it out once for the row (it compares each row with many)."""
    if "_span" in row:
        return row["_span"]
    first = _stamp(row.get("date"))
    if first is None:
        return None
    return first, _stamp(row.get("date_latest")) or first


def event_key(row: dict[str, Any]) -> tuple[str, ...]:
    """What defines an event for its id: kind, actor, planned, and the action of an event with
    no actor."""
    actor = text(row.get("actor"))
    return (text(row.get("kind")), actor, str(bool(row.get("planned"))), "" if actor else text(row.get("action")))


def _bucket(row: dict[str, Any]) -> tuple[str, str]:
    """Rows that may be one event share this: the kind (a statement's kind up to its family) and
    ``planned``."""
    kind = text(row.get("kind"))
    return ("statement" if kind in STATEMENT_KINDS else kind, str(bool(row.get("planned"))))


def same_kind(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """The same kind, or one speaker's statement read as an announcement by one outlet and as a
    confirmation or denial by another ("said" against "confirmed"); never a confirmation and a
    denial."""
    ka, kb = text(a.get("kind")), text(b.get("kind"))
    return ka == kb or (ka in STATEMENT_KINDS and kb in STATEMENT_KINDS and "announcement" in (ka, kb))


def _speaker(row: dict[str, Any], lexicon: Lexicon) -> str | None:
    """The particular body or person an actor names, or None when it names its party as a whole:
    the state itself ("Pyongyang", "Washington", "the Kremlin": a ``state`` of actors.yaml) or
    its state media (a ``media`` actor that has a party), which speak for the state."""
    actor, party = row.get("actor"), row.get("party")
    if not actor or actor == party:
        return None
    kind = lexicon.actors.type_of(actor)
    if party and kind in ("state", "media"):
        return None
    return actor


def same_actor(a: dict[str, Any], b: dict[str, Any], lexicon: Lexicon) -> bool:
    """One actor named two ways: the same name; or the same party, one of them naming the party
    as a whole ("Pyongyang" and its Central Military Commission, "Washington" and the Pentagon).
    A dated event with no actor (a passive: "were captured in January") may be anyone's; two
    with no actor need the same action ("a quake struck" is not "dams collapsed")."""
    if not a.get("actor") or not b.get("actor"):
        if not a.get("actor") and not b.get("actor"):
            return text(a.get("action")) == text(b.get("action"))
        return _span(a) is not None and _span(b) is not None and text(a.get("kind")) not in STATEMENT_KINDS
    if a["actor"] == b["actor"]:
        return True
    if not a.get("party") or a.get("party") != b.get("party") or text(a.get("kind")) not in STATEMENT_KINDS:
        return False
    sa, sb = _speaker(a, lexicon), _speaker(b, lexicon)
    return sa is None or sb is None or sa == sb


def same_days(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two rows' dates can be one event's: equal spans, or one inside the other when that
    is a month at most; two undated rows only when their articles came out the same day
    (``_published``); an undated row and a dated one when the dated one ended at most
    ``UNDATED_DAYS`` before the undated one's article came out (news of the last days); for a
    plan, whose date is when it is to happen, when their articles came out the same day."""
    sa, sb = _span(a), _span(b)
    if sa is None and sb is None:
        return a.get("_published") == b.get("_published")
    if sa is None or sb is None:
        undated, dated = (a, sb) if sa is None else (b, sa)
        day = undated.get("_published")
        if a.get("planned"):  # one plan told by two outlets of one day, one of them dating it
            return day is not None and day == (b if undated is a else a).get("_published")
        return day is not None and (dated[1] - dated[0]).days <= MAX_CONTAINER_DAYS and \
            pd.Timedelta(0) <= day.normalize() - dated[1] <= pd.Timedelta(days=UNDATED_DAYS)
    # two dated rows: compared as nanoseconds (the same order as the Timestamps, many times
    # faster, and this runs for every pair of rows a grouping compares)
    a0, a1, b0, b1 = sa[0].value, sa[1].value, sb[0].value, sb[1].value
    if a0 == b0 and a1 == b1:
        return True
    inner, outer = ((a0, a1), (b0, b1)) if b0 <= a0 and a1 <= b1 else ((b0, b1), (a0, a1))
    inside = outer[0] <= inner[0] and inner[1] <= outer[1]
    return inside and outer[1] - outer[0] < (MAX_CONTAINER_DAYS + 1) * _DAY_NS  # (whole days <= the most)


def _topic_fits(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Topics agree, or one has none; or one of the two is pinned to a day (a day's date, or
    undated and so the news of its article's days): one speaker's statement of one occasion is
    one event, whatever each outlet says it was about. Two spans wider than a day ("in June",
    "in June") are told apart by their topics."""
    if a.get("topic") is None or b.get("topic") is None or a.get("topic") == b.get("topic"):
        return True
    sa, sb = _span(a), _span(b)
    return not (sa is not None and sb is not None and sa[0] != sa[1] and sb[0] != sb[1])


#: What :func:`_one` reads of a row besides ``article_id`` (which it only compares: the same
#: article or not) and, for two rows of one article only, ``text``: ``same_kind``, ``_topic_fits``,
#: ``same_actor``, ``same_days`` and ``_as_lead`` read no more (the party of an actor and its
#: type in actors.yaml follow from the actor). A rule of ``_one`` that reads another field of a
#: row across articles must add it here (tests/test_timeline.py alters every other field and
#: checks that ``_one`` says the same).
SHAPE_FIELDS = ("kind", "topic", "_span", "actor", "party", "action", "planned", "_published")
#: What :func:`_as_lead` reads of a row's ``_lead``.
LEAD_FIELDS = ("actor", "party", "date", "date_latest")


def _shape(row: dict[str, Any]) -> tuple[Any, ...]:
    """What :func:`_one` can tell of a row from another article: two rows of one shape are one
    event with the same rows of other articles."""
    lead = row.get("_lead")
    return (*(row.get(f) for f in SHAPE_FIELDS), None if lead is None else tuple(lead.get(f) for f in LEAD_FIELDS))


class _Members:
    """An event's rows as :func:`_fits` needs them: every row by its article, and, of each
    :func:`_shape`, the first rows of two articles. A row from another article is one event with
    every row of a shape when it is with one of them (``_one`` reads no more of it), so a row is
    compared with each row of its own article and with one row of each shape from another:
    a row told by a hundred outlets in the same words costs one comparison, not a hundred."""

    def __init__(self) -> None:
        self.by_article: dict[Any, list[int]] = {}
        self.shapes: dict[tuple[Any, ...], list[tuple[Any, int]]] = {}  # (article_id, row) x 2 at most

    def add(self, i: int, row: dict[str, Any]) -> None:
        article = row.get("article_id")
        self.by_article.setdefault(article, []).append(i)
        firsts = self.shapes.setdefault(_shape(row), [])
        if len(firsts) < 2 and all(a != article for a, _ in firsts):
            firsts.append((article, i))


def _fits(rows: Sequence[dict[str, Any]], members: _Members, row: dict[str, Any], lexicon: Lexicon) -> bool:
    """Whether ``row`` is one event with every member so far (not only the first: "October"
    holds Oct. 10 and Oct. 21, two events): with each member of its own article, and with one
    member of each shape from another article (:class:`_Members`), which answers for all."""
    own = row.get("article_id")
    if not all(_one(rows[m], row, lexicon) for m in members.by_article.get(own, ())):
        return False
    for firsts in members.shapes.values():
        other = next((m for a, m in firsts if a != own), None)
        if other is not None and not _one(rows[other], row, lexicon):
            return False
    return True


#: A clause that opens on a new one of its kind ("Another official said", "A separate source
#: added"): in its article, not the actor named before, whatever the words.
_ANOTHER = re.compile(r"\W*(?:another|a\s+second|a\s+third|a\s+separate|a\s+different|yet\s+another)\b",
                      re.IGNORECASE)


def _one(a: dict[str, Any], b: dict[str, Any], lexicon: Lexicon) -> bool:
    """Whether two rows can be one event: as themselves, or, for a statement that names its
    article's lead speaker again (``_lead``, see :func:`_leads`), as that lead's statement."""
    if _one_row(a, b, lexicon):
        return True
    va, vb = _as_lead(a), _as_lead(b)
    return (va is not a or vb is not b) and _one_row(va, vb, lexicon)


def _as_lead(row: dict[str, Any]) -> dict[str, Any]:
    """A statement that names its article's lead speaker again, read as the lead's: its actor,
    party and, when it gives none, date (``row`` itself when it names no lead)."""
    lead = row.get("_lead")
    if lead is None:
        return row
    own_date = _span(row) is not None
    read = {**row, "actor": lead.get("actor"), "party": lead.get("party"), "_lead": None,
            **({} if own_date else {"date": lead.get("date"), "date_latest": lead.get("date_latest")})}
    if not own_date:
        read.pop("_span", None)  # the lead's dates now: worked out again when asked
    return read


def _one_row(a: dict[str, Any], b: dict[str, Any], lexicon: Lexicon) -> bool:
    """Whether two rows can be one event. Two rows of one article (already one per event of it)
    are one only with the same actor, or none on one of two dated happenings of one act, or a
    swap and one of its halves, and the same dates (one exchange told twice)."""
    if not (same_kind(a, b) and _topic_fits(a, b)):
        return False
    if a.get("article_id") == b.get("article_id"):
        if _ANOTHER.match(text(a.get("text"))) or _ANOTHER.match(text(b.get("text"))):
            return False  # "Another official confirmed": not the one who spoke before
        if _span(a) is not None and _span(a) == _span(b) and _swap_and_half(a, b, lexicon):
            return True  # "Kyiv and Moscow swapped prisoners", "200 were freed from Russian captivity"
        # a dated happening told with no agent may be the named actor's (when both are one act:
        # "were handed over" is not the other side's "were released"), and a state's statement
        # its organ's of the same kind ("Ukraine said on Monday", "its deputy minister wrote on
        # Monday"), as across articles
        agentless = not a.get("actor") or not b.get("actor")
        actors = a.get("actor") == b.get("actor") or (
            (_one_act(a, b, lexicon) if agentless else text(a.get("kind")) == text(b.get("kind")) and _span(a) is not None)
            and same_actor(a, b, lexicon))
        return actors and _span(a) == _span(b) and same_days(a, b)
    return same_actor(a, b, lexicon) and same_days(a, b)


def _is_swap(row: dict[str, Any], lexicon: Lexicon) -> bool:
    """A swap told whole: its action is a swap's (events.yaml ``swap_acts``), or its text names
    one ("conducted the biggest prisoner swap")."""
    rules = rules_of(lexicon)
    if text(row.get("action")) in rules.swap_acts:
        return True
    return rules.swap_nouns is not None and rules.swap_nouns.search(text(row.get("text"))) is not None


def _swap_and_half(a: dict[str, Any], b: dict[str, Any], lexicon: Lexicon) -> bool:
    """One row a swap, the other a release or return of its occasion (``same_acts`` of the
    swap's lemmas): a swap is both sides' deed, so its halves are in it whoever is said to act."""
    if text(a.get("kind")) != "other" or text(b.get("kind")) != "other":
        return False
    rules = rules_of(lexicon)
    halves = frozenset().union(*(rules.same_acts.get(act, frozenset()) for act in rules.swap_acts))
    for swap, half in ((a, b), (b, a)):
        if _is_swap(swap, lexicon) and (text(half.get("action")) in halves or _is_swap(half, lexicon)):
            return True
    return False


def _one_act(a: dict[str, Any], b: dict[str, Any], lexicon: Lexicon) -> bool:
    """Whether two happenings of one article, one told with no agent, can be one act: any two
    of a kind other than ``other``; of ``other`` (releases, evacuations, rescues...), the same
    action, one of them unknown, or one of them a swap (the swap holds both sides' releases;
    two releases are two sides' unless they are one act)."""
    if text(a.get("kind")) != "other" or not a.get("action") or not b.get("action"):
        return True
    return text(a.get("action")) == text(b.get("action")) or _is_swap(a, lexicon) or _is_swap(b, lexicon)


def _order(row: dict[str, Any]) -> tuple[Any, ...]:
    span = _span(row)
    published = row.get("_published")
    return (span is None, span[0] if span else pd.Timestamp.min, (span[1] - span[0]) if span else pd.Timedelta(0),
            published is None, published or pd.Timestamp.min, text(row.get("article_id")), int(row.get("start") or 0),
            event_key(row))


def group_events(rows: Sequence[dict[str, Any]], lexicon: Lexicon | None = None) -> list[list[int]]:
    """Indices of ``rows`` (event dicts with ``_published``; ``party`` is read from the actor
    through parties.yaml when a row has none) grouped into events."""
    lexicon = lexicon or default_lexicon()
    rows = _prepared(rows, lexicon)
    groups: dict[tuple[str, str], list[list[int]]] = {}
    index: dict[tuple[str, str], _Index] = {}
    shapes: dict[tuple[str, str], list[_Members]] = {}  # each event's members as _fits reads them
    for i in sorted(range(len(rows)), key=lambda i: _order(rows[i])):
        key = _bucket(rows[i])
        events, where, held = groups.setdefault(key, []), index.setdefault(key, _Index()), shapes.setdefault(key, [])
        lead = rows[i].get("_lead")
        for g in sorted({*where.candidates(rows[i]), *(where.candidates(lead) if lead is not None else ())}):
            if _fits(rows, held[g], rows[i], lexicon):
                events[g].append(i)
                held[g].add(i, rows[i])
                break
        else:
            where.add(len(events), rows[i])
            events.append([i])
            held.append(_Members())
            held[-1].add(i, rows[i])
    return [members for key in sorted(groups) for members in groups[key]]


def _prepared(rows: Sequence[dict[str, Any]], lexicon: Lexicon) -> list[dict[str, Any]]:
    """The rows as :func:`_one` compares them: each with its ``party``, ``_lead`` and ``_span``."""
    parties: dict[Any, str | None] = {}
    for row in rows:
        if "party" not in row and row.get("actor") not in parties:
            parties[row.get("actor")] = party_of(row.get("actor"), lexicon=lexicon)
    out = [row if "party" in row else {**row, "party": parties[row.get("actor")]} for row in rows]
    out = _leads(out, lexicon)
    return [{**row, "_span": _span(row)} for row in out]  # once per row, not per comparison


def _leads(rows: list[dict[str, Any]], lexicon: Lexicon) -> list[dict[str, Any]]:
    """The rows, the second statement of each article given ``_lead`` (its first statement)
    when it names the lead's speaker again: a news lead attributes its news loosely and the
    next attribution names the source (:func:`_names_lead`)."""
    statements: dict[Any, list[int]] = {}
    for i, row in enumerate(rows):
        if text(row.get("kind")) in STATEMENT_KINDS:
            statements.setdefault(row.get("article_id"), []).append(i)
    out = list(rows)
    for members in statements.values():
        members.sort(key=lambda i: (int(rows[i].get("start") or 0), event_key(rows[i])))
        if len(members) >= 2 and _names_lead(rows[members[0]], rows[members[1]], lexicon):
            out[members[1]] = {**rows[members[1]], "_lead": rows[members[0]]}
    return out


def _names_lead(lead: dict[str, Any], row: dict[str, Any], lexicon: Lexicon) -> bool:
    """Whether ``row``, the statement right after its article's lead statement, is the lead's
    speaker named again (:func:`~toolkit.extract.parties.names_the_lead_again`: "local
    authorities said Friday", then "the provincial information office said"), on the lead's
    day or undated, of a kind that can be the lead's, and not "another official"."""
    if not same_kind(lead, row) or _ANOTHER.match(text(row.get("text"))):
        return False
    if _span(row) is not None and _span(row) != _span(lead):
        return False
    said, actor = text(row.get("text")), text(row.get("actor"))
    at = said.find(actor) if actor else -1
    return names_the_lead_again(lead.get("actor"), lead.get("party"), row.get("actor"), row.get("party"),
                                said[at + len(actor):] if at >= 0 else "", lexicon=lexicon)


class _Index:
    """The events of one bucket by the days their first row can share with another (a row must
    fit the first row of its event, so only events whose first row it could fit are tried, in
    the order they were made): dated spans of a month at most by each of their days and by their
    last day, longer spans by the exact span, undated rows by their article's day."""

    def __init__(self) -> None:
        self.by_day: dict[Any, list[int]] = {}
        self.by_end: dict[Any, list[int]] = {}
        self.by_span: dict[Any, list[int]] = {}
        self.undated: dict[Any, list[int]] = {}
        self.plans: dict[Any, list[int]] = {}  # dated plans by their article's day

    def add(self, g: int, row: dict[str, Any]) -> None:
        span = _span(row)
        if span is not None and row.get("planned"):
            self.plans.setdefault(_day(row.get("_published")), []).append(g)
        if span is None:
            self.undated.setdefault(_day(row.get("_published")), []).append(g)
        elif (span[1] - span[0]).days > MAX_CONTAINER_DAYS:
            self.by_span.setdefault(span, []).append(g)
        else:
            for day in _days(span):
                self.by_day.setdefault(day, []).append(g)
            self.by_end.setdefault(span[1].normalize(), []).append(g)

    def candidates(self, row: dict[str, Any]) -> list[int]:
        span, found = _span(row), set()
        if span is None:
            day = _day(row.get("_published"))
            found.update(self.undated.get(day, ()))
            if row.get("planned"):
                found.update(self.plans.get(day, ()))
            if day is not None:
                for back in _days_near(day, -1):
                    found.update(self.by_end.get(back, ()))
        elif (span[1] - span[0]).days > MAX_CONTAINER_DAYS:
            found.update(self.by_span.get(span, ()))
        else:
            for day in _days(span):
                found.update(self.by_day.get(day, ()))
            for ahead in _days_near(span[1].normalize(), 1):
                found.update(self.undated.get(ahead, ()))
        return sorted(found)


# Many rows share a span (one event told by many outlets): its days are worked out once.
@functools.lru_cache(maxsize=4096)
def _days(span: tuple[pd.Timestamp, pd.Timestamp]) -> tuple[pd.Timestamp, ...]:
    """Each day of a span of a month at most."""
    return tuple(pd.date_range(span[0].normalize(), span[1].normalize()))


@functools.lru_cache(maxsize=4096)
def _days_near(day: pd.Timestamp, step: int) -> tuple[pd.Timestamp, ...]:
    """``day`` and the ``UNDATED_DAYS`` days before it (``step`` -1) or after it (1)."""
    return tuple(day + pd.Timedelta(days=step * n) for n in range(UNDATED_DAYS + 1))


def _day(value: Any) -> pd.Timestamp | None:
    return None if value is None or missing(value) else pd.Timestamp(value).normalize()


def timeline_table(events: pd.DataFrame, articles: pd.DataFrame,
                   lexicon: Lexicon | None = None) -> tuple[pd.DataFrame, pd.Series]:
    """The ``timeline`` table, and each event's ``event_id`` (aligned with ``events``' index);
    ``lexicon`` as in :func:`group_events`."""
    return timeline_frames(*timeline_of(timeline_inputs(events, articles), lexicon), events.index)


def timeline_frames(rows: list[dict[str, Any]], ids: list[str | None], index: pd.Index,
                    ) -> tuple[pd.DataFrame, pd.Series]:
    """What :func:`timeline_table` returns, made of what :func:`timeline_of` gave for the
    events whose index is ``index``."""
    return typed_frame(rows, TIMELINE), pd.Series(ids, index=index, dtype="string")


def timeline_inputs(events: pd.DataFrame, articles: pd.DataFrame) -> list[dict[str, Any]]:
    """What grouping the events needs of them: their rows with their article's day
    (``_published``); articles taken a batch at a time give the same rows as all at once."""
    published = {a: _stamp(p) for a, p in zip(articles["article_id"], articles["published"])}
    rows = records(events, _COLUMNS)
    for row in rows:
        row["_published"] = published.get(row["article_id"])
    return rows


def timeline_of(rows: Sequence[dict[str, Any]], lexicon: Lexicon | None = None,
                ) -> tuple[list[dict[str, Any]], list[str | None]]:
    """The timeline rows of event rows (:func:`timeline_inputs`, in the events table's order),
    sorted as the table is, and each row's ``event_id``."""
    ids: list[str | None] = [None] * len(rows)
    out = []
    for members in group_events(rows, lexicon):
        out.append(_event_row([rows[i] for i in members]))
        for i in members:
            ids[i] = out[-1]["event_id"]
    out.sort(key=lambda r: (_stamp(r["date"]) is None, _stamp(r["date"]) or pd.Timestamp.min,
                            _stamp(r["first_reported"]) is None, _stamp(r["first_reported"]) or pd.Timestamp.min,
                            r["event_id"]))
    return out, ids


def _event_row(members: list[dict[str, Any]]) -> dict[str, Any]:
    """One timeline row: the most precise date of its mentions, a topic if any gives one, the
    clause of its earliest article."""
    anchor = members[0]
    dated = [m for m in members if _span(m) is not None]
    precise = min(dated, key=lambda m: (_span(m)[1] - _span(m)[0], _order(m))) if dated else anchor
    earliest = min(members, key=lambda m: (m["_published"] is None, m["_published"] or pd.Timestamp.min,
                                           text(m["article_id"]), int(m["start"] or 0)))
    article_ids = sorted({m["article_id"] for m in members})
    days = [m["_published"] for m in members if m["_published"] is not None]
    return {
        "event_id": stable_id("e", [*event_key(anchor), text(anchor["date"]), text(anchor["date_latest"]),
                                    text(anchor["article_id"]), anchor["start"]]),
        **{c: precise[c] for c in ("date", "date_latest", "granularity", "date_value")},
        **{c: anchor[c] for c in ("actor", "party", "kind", "action", "planned")},
        "topic": next((m["topic"] for m in members if m["topic"] is not None), None),
        "n_articles": len(article_ids), "first_reported": min(days) if days else None,
        "article_ids": ";".join(article_ids), "text": earliest["text"],
    }
