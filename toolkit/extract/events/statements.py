"""Statements: what a reported statement says, and how many rows it makes.

The content of a statement (the happenings it reports) is its news, not rows of its own unless
dated or planned; a casualty count or a word of falsehood in the content changes the
statement's kind; a light verb takes its noun's kind; a publisher's release is the medium of
the speaker's statement; one speaker's cues in one sentence are one statement.
"""

from __future__ import annotations

import re

from toolkit.extract.events.grammar import Rules
from toolkit.extract.events.speakers import inverted_speaker
from toolkit.extract.parties import briefer_of
from toolkit.extract.events.model import STRENGTH, Article, Clause, Span, Trigger, inside
from toolkit.read.lexicon import load_lexicon


def read_statements(art: Article) -> None:
    """The fifth pass. What a statement says decides how the timeline shows it (issue 5, one event per statement).

    - Its *content* is the happenings it reports: the rest of its own clause, the "that ..."
      clauses after it (and those joined to them by "and"), or the clauses before a trailing
      attribution (", the JCS said"). A reported happening with no date of its own and no plan
      is the statement's news, not a row of its own: the timeline can place only the statement.
    - An announcement whose content is a casualty count takes ``toll_statement_kind``
      (``announcement``: the speaker's statement, dated by it; the `figures` table keeps the
      count, and ``casualties`` stays for deaths told with no speaker, as in a disaster).
    - An announcement whose content calls the reports false ("said the information was
      contradictory", "told the committee the stories were groundless") is a ``denial``.
    - Two statement cues of one speaker in one sentence with compatible dates ("a statement
      from the Kremlin on April 26, when it released details"; "published a video and said")
      are one statement: the first clause, the stronger kind (confirmation/denial > casualties
      > announcement), the clause's own date before a borrowed one, and a count of mentions.
    """
    for t in art.triggers:
        if t.actor is None and t.kind in art.rules.statement_kinds and t.pos == "verb" \
                and t.clause.marker == "attribution":
            t.actor = inverted_speaker(art, t)  # '"...," said a spokesman for the council'
    sourcing: set[int] = set()  # trailing attributions kept as the claimants of their sentence
    for sid, group in art.by_sentence.items():
        clauses = art.clause_lists[sid]
        sourcing |= _read_contents(art, group, clauses)
        _quiet_assessed(art, group)
        _fold_media(art, group)
        _fold_relays(art, group)
        _fold_trailing_relay(art, group)
        _one_per_speaker(art, group)
    _relays_speak_for_briefer(art)
    _speaker_goes_on(art, sourcing)
    _lede_dated_next(art)


def _lede_dated_next(art: Article) -> None:
    """"The ministry announced that the toll rose to ... The ministry said in its report issued
    today that ...": a speaker's undated statement and the same speaker's dated one in the very
    next sentence tell one occasion (one event, dated by the second, first mention first)."""
    rules = art.rules
    said = [t for t in art.triggers if t.emit and t.kind in rules.statement_kinds and t.pos == "verb" and t.actor
            and not t.planned and not t.negated]
    for t, u in zip(said, said[1:]):
        a, b = art.sentences[t.sentence]
        if not art.text[a:b].rstrip().endswith((".", "”", '"')):
            continue  # a headline restates the story; the body's statement is the row
        if t.day is None and u.own_date and u.actor == t.actor and u.sentence == t.sentence + 1 and u.emit:
            t.day, t.own_date, t.mentions = u.day, True, t.mentions + u.mentions
            if STRENGTH.get(u.kind, 0) > STRENGTH.get(t.kind, 0):
                t.kind, t.lemma = u.kind, u.lemma
            u.emit = False


def _speaker_goes_on(art: Article, sourcing: set[int]) -> None:
    """"He said ...", "the ministry added ..." with no date of its own, within three sentences
    after a statement of the same speaker: that statement goes on (one event, one more mention).
    A trailing attribution that only sourced its sentence (", Jane Roe told reporters.") is a
    statement after all when its speaker goes on speaking: the row is its first mention."""
    rules = art.rules
    said = [t for t in art.triggers if (t.emit or id(t) in sourcing) and t.kind in rules.statement_kinds
            and t.pos == "verb" and t.actor]
    for i, t in enumerate(said):
        if not t.emit or t.explicit or t.day is not None or t.planned or t.negated:
            continue
        if _OTHER_SPEAKER.search(art.text, t.clause.start, t.start):
            continue  # "another official confirmed", "a separate official said": someone else
        prev = None
        for j in range(i - 1, -1, -1):
            u = said[j]
            if t.sentence - u.sentence > 3:
                break
            if (u.emit or id(u) in sourcing) and u.actor == t.actor and u.sentence < t.sentence \
                    and not u.planned and not u.negated:
                prev = u
                break
        if prev is not None:
            prev.emit = True
            prev.mentions += t.mentions
            t.emit = False


def _names_medium(art: Article, s: Trigger) -> bool:
    """Whether the statement's clause names the medium it was made in, after the verb ("said in
    a press release", "wrote on Telegram", ``events.yaml`` `statement_media`)."""
    media = art.lexicon.cache.get("events.media")
    if media is None:
        words = (load_lexicon("events", root=art.lexicon.root) or {}).get("statement_media") or []
        alternation = "|".join(re.escape(str(w)).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
        media = re.compile(rf"^\s+(?:in|on|at|to)\s+(?:(?:a|an|the|its|his|her|their)\s+)?(?:[\w-]+\s+)?(?:{alternation})\b",
                           re.IGNORECASE) if alternation else re.compile(r"(?!)")
        art.lexicon.cache["events.media"] = media
    return bool(media.search(art.text[s.end:s.clause.end]))


# determiners that set a speaker apart from one already named
_OTHER_SPEAKER = re.compile(r"\b(?:another|separate|second|third|other)\b", re.IGNORECASE)


def _read_contents(art: Article, group: list[Trigger], clauses: list[Clause]) -> set[int]:
    """Each statement's content, the kind it gives the statement, and which of it stays a row;
    the ids of the trailing attributions that only source their sentence."""
    sourcing: set[int] = set()
    text, rules = art.text, art.rules
    statements = [t for t in group if t.kind in rules.statement_kinds and t.pos == "verb"]
    for s in statements:
        if s.lemma in rules.light_verbs:
            # "gave the first U.S. confirmation that ...": the noun says what was given
            nouns = [u for u in group if u.pos == "noun" and u.clause is s.clause and u.start > s.end
                     and u.kind in rules.statement_kinds]
            if nouns:
                s.kind, s.lemma = nouns[0].kind, nouns[0].lemma
        s.content = _content_of(s, group, clauses, rules)
        if s.kind == "announcement" and not s.negated and s.lemma in rules.report_lemmas | rules.content_lemmas:
            lo, hi = _content_span(s, clauses)
            comma = text.find(",", lo, hi)
            if any(u.kind == "casualties" for u in s.content) or rules.casualty_words.search(text, lo, hi):
                s.kind = rules.toll_kind  # a toll is the speaker's announcement (issue 13)
                s.topic = "casualties"
            elif rules.falsehood.search(text, lo, comma if comma > 0 else hi):
                s.kind = "denial"  # the predicate of the content itself, before any comma
        for u in s.content:
            # a trailing attribution ("..., KCNA said") with no date of its own only sources
            # the sentence's news, which stays; with a date, it is the row that carries it
            if u.day is None and not u.planned and u.pos == "verb" and (s.clause.marker != "attribution" or s.own_date):
                u.emit = False
        # "..., KCNA reported." with no date of its own after a stated event: the attribution
        # names the claimant of that event (the `claimant` column), it is not news of its own
        if s.clause.marker == "attribution" and not s.own_date and not _names_medium(art, s) and any(
                u.emit and u.end <= s.clause.start and u.clause.marker != "dateline"
                and not inside(u.start, art.quotes[u.sentence]) for u in group):
            s.emit = False
            sourcing.add(id(s))
    return sourcing


def _quiet_assessed(art: Article, group: list[Trigger]) -> None:
    """The undated content of an assessment ("the NIS now believes 15,000 have been sent") is
    that claim's news, as with statements: the claimant column already names who says it."""
    for u in group:
        if u.assessed and u.kind not in art.rules.statement_kinds and u.pos == "verb" and u.day is None \
                and not u.planned:
            u.emit = False


def _fold_media(art: Article, group: list[Trigger]) -> None:
    """"In a video released by the Kremlin on Saturday, Gerasimov said ...", "The Kremlin released
    a video in which Gerasimov confirmed ...": the release is the medium of the speaker's
    statement, one event, with the publisher as its claimant."""
    rules = art.rules
    for r in group:
        medium = r.reduced or (r.lemma in rules.media_lemmas and any(
            u.clause.marker in ("which", "where") and u.start > r.end and u.kind in rules.statement_kinds
            for u in group))
        if medium and r.kind in rules.statement_kinds and r.emit:
            speaker = next((u for u in group if u.start > r.end and u.emit and u.pos == "verb"
                            and u.kind in rules.statement_kinds and not u.reduced and u.actor
                            and u.actor != r.actor and (u.day is None or r.day is None or u.day[:2] == r.day[:2])), None)
            if speaker is not None:
                r.emit = False
                speaker.claimant = speaker.claimant or r.actor
                if speaker.day is None or (r.own_date and not speaker.own_date):
                    speaker.day, speaker.own_date = r.day or speaker.day, r.own_date or speaker.own_date


def _fold_relays(art: Article, group: list[Trigger]) -> None:
    """"Agency X reported the ministry spokesperson said ...": an undated report whose content
    opens with another speaker's statement relays it; the statement is the event, with the
    relay as its claimant (as a relay names the claimant of a figure). A dated relay of an
    undated statement ("a lawmaker said on Monday the agency estimates ...") dates it: the day
    the statement reached the public."""
    rules = art.rules
    for r in group:
        if not r.emit or r.kind not in rules.statement_kinds or r.pos != "verb" or not r.actor:
            continue
        u = next((u for u in group if u.start > r.end), None)
        between = art.text[r.end:u.start] if u is not None else ""
        if u is None or u.kind not in rules.statement_kinds or u.pos != "verb" or not u.actor or u.actor == r.actor \
                or re.search(r"[,;:.()\"“”]", between) or len(between.split()) > 12:
            continue
        if r.own_date and u.own_date and r.day != u.day:
            continue  # two statements, each on its own day
        r.emit = False
        u.claimant = u.claimant or r.actor
        if r.own_date and not u.own_date:
            u.day, u.own_date, u.mentions = r.day, True, u.mentions + r.mentions - 1


def _fold_trailing_relay(art: Article, group: list[Trigger]) -> None:
    """"The agency now estimates that ..., a lawmaker said on Tuesday.": a trailing attribution
    by one who relays a briefing (``parties.yaml`` `relaying_heads`: lawmakers, MPs) after
    another speaker's statement reports that statement; one event, the first speaker's,
    dated by the attribution when it has no day of its own, with the relay as its claimant."""
    rules = art.rules
    for r in group:
        if r.clause.marker != "attribution" or r.kind not in rules.statement_kinds or r.pos != "verb" or not r.actor:
            continue
        subject = art.text[r.clause.start:r.start].strip(" ,").lower()
        if subject.startswith(("and ", "but ", "or ")) or not _relaying(art, subject):
            continue  # (", and the mission called them rumours": a second statement, coordinated)
        told = [u for u in group if u.end <= r.clause.start and u.emit and u.pos == "verb" and u.actor
                and u.kind in rules.statement_kinds and u.actor != r.actor and not u.negated and not u.planned]
        if not told or told[0].own_date and r.own_date and told[0].day != r.day:
            continue
        u = told[0]
        r.emit, u.emit = True, False
        r.claimant, r.actor, r.kind, r.lemma = r.actor, u.actor, u.kind, u.lemma
        r.topic, r.content = u.topic or r.topic, u.content or r.content
        if r.day is None:
            r.day, r.own_date = u.day, u.own_date
        r.mentions += u.mentions


def _relays_speak_for_briefer(art: Article) -> None:
    """"Lawmaker Jon Pak passed on the figures after a closed briefing. He said the spy agency
    ...": a statement whose subject (the words before its verb, back to a comma) is one who
    relays a briefing (``parties.yaml`` `relaying_heads`) is the briefer's, when the sentence or
    the one before or after names one source (:func:`~toolkit.extract.parties.briefer_of`); the
    relay becomes its claimant, and the relay's later statements in the next two sentences ("He
    said") are the briefer's too. A subject that names a source of its own ("lawmakers briefed
    by the NIS") keeps it."""
    rules, actors = art.rules, art.lexicon.actors
    relayed: dict[str, tuple[str, int]] = {}  # a relay's name -> (briefer, sentence)
    for t in art.triggers:
        if not t.emit or t.kind not in rules.statement_kinds or t.pos != "verb" or not t.actor:
            continue  # (a statement with no speaker is no row: a relay does not make it one)
        if t.actor in relayed and actors.normalise(t.actor) is None and 0 <= t.sentence - relayed[t.actor][1] <= 2:
            t.claimant, t.actor = t.claimant or t.actor, relayed[t.actor][0]
            continue
        lo = t.clause.start if t.clause.marker == "attribution" else art.sentences[t.sentence][0]
        pieces = [p for p in re.split(r"[,;:]", art.text[lo:t.start]) if p.strip()]
        subject = pieces[-1] if pieces else ""
        if not subject.strip() or not _relaying(art, subject.lower()):
            continue
        own = actors.normalise(t.actor) if t.actor else None
        if own is not None and any(m.name == own for m in actors.find(subject)):
            t.actor = own  # the subject names its source, by its canonical name
            continue
        briefer = briefer_of(art.text, t.start, lexicon=art.lexicon)
        if briefer is None or briefer == own:
            continue
        if t.actor and own is None:
            relayed[t.actor] = (briefer, t.sentence)
            t.claimant = t.claimant or t.actor
        t.actor = briefer


def _relaying(art: Article, subject: str) -> bool:
    """Whether a subject's words name one who relays a briefing ("lawmaker Jon Pak")."""
    heads = {str(h).lower() for h in (art.lexicon.parties or {}).get("relaying_heads") or []}
    words = set(re.findall(r"[\w-]+", subject))
    return bool(words & heads) or any(" " in h and h in subject for h in heads)


def _one_per_speaker(art: Article, group: list[Trigger]) -> None:
    """One statement per speaker and sentence: the first cue keeps the stronger kind, the date
    (its own before a borrowed one), a claimant, and the count of mentions."""
    rules = art.rules
    said = [t for t in group if t.emit and (t.kind in rules.statement_kinds or t.content) and t.actor]
    for i, t in enumerate(said):
        if not t.emit:
            continue
        for u in said[i + 1:]:
            if not u.emit or u.actor != t.actor or u.planned != t.planned or u.negated != t.negated:
                continue
            if t.day is not None and u.day is not None and t.day[:2] != u.day[:2] and t.own_date and u.own_date:
                continue
            stronger = u if STRENGTH.get(u.kind, 0) > STRENGTH.get(t.kind, 0) else t
            t.kind, t.lemma = stronger.kind, stronger.lemma
            if u.day is not None and (t.day is None or (u.own_date and not t.own_date)):
                t.day, t.own_date = u.day, u.own_date
            if t.claimant is None:
                t.claimant = u.claimant
            t.mentions += u.mentions
            u.emit = False


def _content_of(s: Trigger, group: list[Trigger], clauses: list[Clause], rules: Rules) -> list[Trigger]:
    """The happenings statement ``s`` reports (and negated statements inside it), in text order."""
    if s.clause.marker == "attribution":
        # "... were killed, the JCS said": everything before the attribution is its content
        return [u for u in group if u.end <= s.clause.start and u.kind not in rules.statement_kinds
                and u.clause.marker not in ("dateline", "attribution")]
    idx = clauses.index(s.clause)
    inside = {id(s.clause)}
    open_that = False
    for c in clauses[idx + 1:]:
        if c.marker == "that" or (open_that and c.marker in ("and", "but", "who", "which")):
            inside.add(id(c))
            open_that = True
        else:
            break
    nxt = [u.start for u in group if u.start > s.end and u.pos == "verb" and u.kind in rules.statement_kinds
           and u.clause.marker != "that" and not u.negated]
    stop = min(nxt) if nxt else None
    return [u for u in group if u.start >= s.end and id(u.clause) in inside
            and (u.kind not in rules.statement_kinds or u.negated) and (stop is None or u.start < stop)]


def _content_span(s: Trigger, clauses: list[Clause]) -> Span:
    """From the end of statement ``s`` to the end of its clause and the "that"/"and"/"but" ones after it."""
    idx = clauses.index(s.clause)
    hi = s.clause.end
    for c in clauses[idx + 1:]:
        if c.marker in ("that", "and", "but"):
            hi = c.end
        else:
            break
    return s.end, hi
