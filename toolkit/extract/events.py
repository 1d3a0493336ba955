"""Events: dated happenings and statements, one per cue word in a clause (issue 5).

:func:`find_events` reads one article's clean text sentence by sentence and clause by clause.
A *trigger* is a cue verb or cue noun from ``data/lexicon/events.yaml``; it gives the event its
``kind`` and ``action`` (the lemma). The rest comes from the words around it, by rules of
English news prose rather than of any one story:

- **Clauses.** A sentence splits at ``;``/``:``, at ``, and``/``, but``, at subordinators
  (when, after, before, while, although, which, who, that), after a reporting verb whose content
  starts with a pronoun ("confirmed it sent"), at a participle after a comma (", praising"), at a
  trailing attribution (", Yonhap reported on April 28") and after a closing quotation mark.
  Each clause owns its dates.
- **Which words count.** A verb form must be used as a verb: "signed documents", "its deployed
  forces", "a treaty signed with Moscow" (a participle with no ``by`` agent), "showing captured
  soldiers" and gerunds after prepositions are not triggers; a bare form needs a subject, a
  modal, or "to" after a word of intention ("preparing to invite"). Negated verbs and words in
  quotation marks are left out. A noun ("statement", "agreement ceremony") counts only in a
  clause with no cue verb and only with a date of its own. Ambiguous verbs need a typical object
  in their clause (``requires``: "sent troops", not "sent a statement").
- **Actor.** The subject: the last actor mention left of the verb in its clause (a demonym only
  before a head such as "forces"; a possessor only before a head such as "leadership"; not an
  agent after "by"). Passives take the agent after "by"; without one, deployments and casualties
  take the patient's state ("North Korean troops were sent" -> North Korea), else the previous
  deployment's actor, else NA. Pronouns and "the agency" point back to the last actor of a fitting
  type; a coordinated verb ("... and praised") or a participle (", praising") shares the subject
  of the verb before it. Nouns take their possessor ("North Korea's announcement"), the actor
  after "from"/"by", or the nearest actor before them in the clause.
- **Date.** The nearest dated mention (DATE or TIME with a calendar span) in the clause; a
  ``when``/``while``/``as`` clause and a participle share the date of the clause they attach
  to. "<duration> after/before <clause>" dates the inner clause from the outer event's date
  (2025-04-28 - P2D). An undated statement in the simple past, present or present perfect that
  reports content (``report_date_lemmas``) takes the report date (``published``); a past perfect
  ("had denied") or an earlier act ("dismissed them") stays NaT. A sentence with no date of its
  own whose verb in the simple past has an actor named in the previous sentence's dated clause
  continues that narrative and takes its date ("... a statement from the Kremlin on April 26 ...
  Gerasimov said ...").
- **Claimant.** The reporting cue that governs the trigger (``according to``, a trailing ", X
  said", or "X said that ..." before it), from :mod:`toolkit.attribution`; never the actor
  itself.
- **Planned.** A future or modal cue before the trigger in its clause (will, expected to,
  preparing to), or a date after ``published``.
- **What a statement says** (:func:`_read_statements`). Undated, unplanned happenings reported
  in a statement's content are its news, not rows; a casualty count in the content makes the
  announcement ``casualties``, a word of falsehood makes it a ``denial``; a light verb ("gave the
  first confirmation") takes its noun's kind; a publisher's release is the medium of the
  speaker's statement; one speaker's cues in one sentence are one statement (the stronger kind,
  a count of mentions). Coordinated subjects take the first one named. A negated statement on an
  occasion ("did not deny") is kind ``other``.
- **Precision.** A statement with no named actor, and any event with neither actor nor date, is
  dropped: on a timeline they say nothing. Within one article the same event told twice (same
  kind and action, actors equal or one NA, dates equal or one NaT) is one row: the first
  clause's text, the known date and actor, and a count of ``mentions``.

>>> t = "Ukrainian forces captured two North Korean soldiers in January."
>>> e = find_events(t, published=dt.date(2025, 4, 28))[0]
>>> (e.kind, e.action, e.actor, e.date_value, e.date.isoformat(), e.planned)
('capture', 'capture', 'Ukraine', '2025-01', '2025-01-01', False)
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from toolkit.extract.attribution import Attribution, find_attribution, find_attributions
from toolkit.read.clean import split_sentences
from toolkit.read.lexicon import ActorMention, Lexicon, default_lexicon, load_lexicon
from toolkit.records import DateMention, Event, Figure

__all__ = ["find_events"]

Span = tuple[int, int]

# -- closed-class words: the grammar of English, not the vocabulary of a story ---------------
# (they stay beside the rules that use them, as clean.py keeps its abbreviations)

_BE = frozenset("is are was were be been being am 's".split())
_HAVE = frozenset("has have had having".split())
_MODALS = frozenset("will would shall may might could can should must 'll".split())
_DO = frozenset("do does did".split())
_NEG = frozenset("not never n't no".split())
_DETERMINERS = frozenset(
    """the a an this that these those its their his her our my your some any each every
    another such no several many few more most all both either neither""".split()
)
_PREPOSITIONS = frozenset(
    """of in on at for with from by to into onto about during after before without under over
    against among between through since via amid despite toward towards upon like near across
    along behind beyond within per up down off out around than""".split()
)
_PRONOUNS = {"it": "it", "he": "he", "she": "he", "they": "they", "we": "they", "i": "he"}
_SUBORDINATORS = (
    "even after", "even though", "even as", "when", "after", "before", "while", "whereas",
    "although", "though", "because", "which", "who", "whom", "where", "that", "once", "whether", "if",
    "unless", "what", "how", "why",
)
_INITIAL_SUBORDINATORS = (
    "even after", "even though", "even as", "when", "after", "before", "while", "although",
    "though", "because", "as", "once", "if", "since", "until", "despite", "following", "what",
    "how", "why", "whether", "unless",
)
# Clauses that do not assert that something happened: conditions, questions, indirect questions.
_UNASSERTED = frozenset({"if", "unless", "what", "how", "why", "whether", "dateline"})
# "MOSCOW, Oct. 11 (Meridian Wire) - ": a wire dateline names the filing place and day, not an event.
_DATELINE = re.compile(r"^[A-Z][A-Z/ .'’-]{2,40},\s+[^()\n]{0,25}?\([^)\n]{1,40}\)\s*[-–—]+\s*")
# an elliptical statement whose whole content is a number ("while Zelensky claimed more than 3,000.")
_BARE_FIGURE = re.compile(
    r"\s*(?:(?:about|around|roughly|nearly|some|over|almost|approximately|at\s+least|more\s+than|fewer\s+than|"
    r"no\s+fewer\s+than|up\s+to|as\s+many\s+as)\s+)?\d[\d,.]*(?:\s+(?:more|in\s+all|in\s+total|altogether))?\s*[.;]?\s*$",
    re.IGNORECASE,
)
_CONTACT_HEAD = re.compile(r"[a-z][a-z-]*")
_NOT_HEADS = _PREPOSITIONS | _DETERMINERS | _BE | _HAVE | _MODALS | _DO | _NEG | frozenset(
    """and but or nor so then that which who whom when where while as because although though if once
    also now already again still just later soon even yet instead however meanwhile today yesterday
    tonight here there""".split()
)
# words that put an undated clause at the time of the event told just before
_SAME_TIME = re.compile(
    r"\b(?:then|at\s+the\s+time|(?:hours|minutes)\s+later|later\s+that\s+(?:day|evening|night)|that\s+(?:day|evening|night))\b",
    re.IGNORECASE,
)
_HEADCOUNT = re.compile(r"(?<![$€£\w.,])\d{1,3}(?:,\d{3})+(?:\s+to\s+\d{1,3}(?:,\d{3})+)?\s+(?:more\b|of\s+them\b)")
_TIME_STARTERS = frozenset(
    """this last next earlier later early late yesterday today tonight january february march april may june
    july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
_SIMULTANEOUS = frozenset({"when", "while", "as", "even as", "participle"})
_NO_REPORT_DATE = frozenset({"after", "before", "even after", "although", "though", "even though",
                             "because", "once", "whether", "if", "until", "since", "despite",
                             "following", "when", "while", "as", "even as", "whereas"})
_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*(?:['’]s?)?|[^\w\s]")
_QUOTES_OPEN = "“\""
_QUOTES_CLOSE = "”\""


# -- the compiled lexicon ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Rules:
    forms: dict[str, tuple[str, str, str, str]]  # lower form -> (lemma, kind, pos, grammar)
    pattern: re.Pattern[str]
    statement_kinds: frozenset[str]
    report_lemmas: frozenset[str]
    requires: dict[str, frozenset[str]]
    intransitive: frozenset[str]
    patient_kinds: frozenset[str]
    heads: re.Pattern[str]
    planned: re.Pattern[str]
    governors: frozenset[str]
    homographs: frozenset[str]
    not_events: re.Pattern[str]
    falsehood: re.Pattern[str]
    casualty_words: re.Pattern[str]
    content_lemmas: frozenset[str]
    light_verbs: frozenset[str]
    media_lemmas: frozenset[str]


def _words(form: str) -> str:
    return r"\s+".join(re.escape(w).replace("'", "['’]") for w in form.split())


def _grammar(form: str, lemma: str) -> str:
    """base, s, ing or past: read from the spelling of a form against its lemma."""
    first, head = form.split()[0].lower(), lemma.split()[0].lower()
    if first == head:
        return "base"
    if first.endswith("ing"):
        return "ing"
    if first in (head + "s", head + "es") or (head.endswith("y") and first == head[:-1] + "ies"):
        return "s"
    return "past"


def _count_of(words: re.Pattern[str]) -> re.Pattern[str]:
    """A number and, within four words, one of ``words``: "about 1,100 North Korean soldiers were
    killed", "2,000 dead", "hundreds of casualties" (a count, not "heavy losses")."""
    # (a numeral of at most 51 characters, taken whole: a search over a long run of "1,1,1..."
    # would otherwise rescan the rest of the run from each digit)
    number = r"(?:\d[\d,.]{0,50}+(?:\s+(?:million|thousand|hundred))?|hundreds|thousands|dozens)"
    return re.compile(rf"(?<![\w-]){number}(?:\s+[\w'’-]+){{0,4}}?\s+(?:{words.pattern})", re.IGNORECASE)


def _rules(lexicon: Lexicon) -> _Rules:
    cached = lexicon.cache.get("events.rules")
    if cached is not None:
        return cached
    data: dict[str, Any] = load_lexicon("events", root=lexicon.root) or {}
    forms: dict[str, tuple[str, str, str, str]] = {}
    for kind, entry in (data.get("kinds") or {}).items():
        entry = entry or {}
        for lemma, verb_forms in (entry.get("verbs") or {}).items():
            for form in verb_forms or []:
                form = str(form).lower()
                forms.setdefault(form, (str(lemma), str(kind), "verb", _grammar(form, str(lemma))))
        for noun, lemma in (entry.get("nouns") or {}).items():
            noun = str(noun).lower()
            if noun in forms:  # "visit", "attack": a verb and a noun; context decides
                lem, knd, _, gram = forms[noun]
                forms[noun] = (lem, knd, "both", gram)
            else:
                forms[noun] = (str(lemma), str(kind), "noun", "noun")
    alternation = "|".join(_words(f) for f in sorted(forms, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)

    def phrase_pattern(key: str) -> re.Pattern[str]:
        items = sorted((str(w) for w in data.get(key) or []), key=len, reverse=True)
        body = "|".join(_words(w) for w in items) or r"(?!)"
        return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)

    rules = _Rules(
        forms=forms,
        pattern=pattern,
        statement_kinds=frozenset(data.get("statement_kinds") or ()),
        report_lemmas=frozenset(data.get("report_date_lemmas") or ()),
        requires={str(k): frozenset(str(w).lower() for w in v or ()) for k, v in (data.get("requires") or {}).items() if v},
        intransitive=frozenset(data.get("intransitive") or ()),
        patient_kinds=frozenset(data.get("patient_kinds") or ()),
        heads=phrase_pattern("actor_heads"),
        planned=phrase_pattern("planned_cues"),
        governors=frozenset(str(w).lower() for w in data.get("plan_governors") or ()),
        homographs=frozenset(str(w).lower() for w in data.get("noun_homographs") or ()),
        not_events=phrase_pattern("not_events"),
        falsehood=phrase_pattern("falsehood"),
        casualty_words=_count_of(phrase_pattern("casualty_words")),
        content_lemmas=frozenset(data.get("content_lemmas") or ()),
        light_verbs=frozenset(data.get("light_verbs") or ()),
        media_lemmas=frozenset(data.get("media_lemmas") or ()),
    )
    lexicon.cache["events.rules"] = rules
    return rules


# -- working records --------------------------------------------------------------------------


@dataclass
class _Clause:
    start: int
    end: int
    marker: str | None  # the word that opens it: "when", "after", "that", "participle", ...
    sentence: int


@dataclass
class _Trigger:
    start: int
    end: int
    form: str
    lemma: str
    kind: str
    pos: str  # verb or noun
    grammar: str  # base, s, ing, past, noun
    sentence: int
    clause: _Clause
    voice: str = "active"
    tense: str = "past"  # past, present, perfect, pastperfect, modal, infinitive, progressive, participle
    planned: bool = False
    coordinated: bool = False  # "... and praised": shares the subject of the verb before it
    actor: str | None = None
    explicit: bool = False  # actor named in the clause (not carried from context)
    date: DateMention | None = None
    day: tuple[dt.date | None, dt.date | None, str, str | None] | None = None
    claimant: str | None = None
    emit: bool = True
    reduced: bool = False  # a participle with its agent after a noun ("a video released by the Kremlin")
    parenthetical: bool = False  # ", it said,": the clause around it is the content, not the statement's
    assessed: bool = False  # reported content of a verb cue before it ("the NIS believes ... were sent")
    negated: bool = False  # a statement that commits to nothing ("did not deny"): kind other
    own_date: bool = False  # the date is the clause's own (not borrowed, not the report date)
    mentions: int = 1
    content: list["_Trigger"] = field(default_factory=list)  # happenings this statement reports


def _tokens(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    return [(lo + m.start(), lo + m.end(), m.group(0)) for m in _TOKEN.finditer(text[lo:hi])]


def _is_adverb(word: str) -> bool:
    low = word.lower()
    return (low.endswith("ly") and word.islower() and low not in ("only", "early", "family", "rally", "italy"))\
        or low in ("also", "now", "then", "already", "again", "still", "just", "first", "later", "soon",
                   "once", "even", "further", "jointly", "reportedly", "instead", "publicly", "formally",
                   "officially", "only", "yet")


# -- clauses ----------------------------------------------------------------------------------


def _quote_spans(text: str, lo: int, hi: int) -> list[Span]:
    spans, open_at = [], None
    for i in range(lo, hi):
        ch = text[i]
        if ch == "“" or (ch == '"' and open_at is None):
            open_at = i
        elif (ch == "”" or ch == '"') and open_at is not None:
            spans.append((open_at, i + 1))
            open_at = None
    return spans


def _inside(pos: int, spans: Sequence[Span]) -> bool:
    return any(a < pos < b for a, b in spans)


def _clauses(text: str, s0: int, s1: int, sid: int, rules: _Rules, quotes: Sequence[Span],
             lexicon: Lexicon) -> list[_Clause]:
    cuts: dict[int, str] = {}
    body = text[s0:s1]
    dateline = _DATELINE.match(body)
    if dateline:
        cuts[s0] = "dateline"
        cuts[s0 + dateline.end()] = "lead"
    # sentence-initial subordinate clause: "Although ..., main" / "Even after ..., main"
    lead = body.lstrip("“\" ")
    for sub in _INITIAL_SUBORDINATORS:
        if re.match(rf"{sub}\b", lead, re.IGNORECASE):
            if sub in ("since", "until", "despite", "following") and not re.match(
                rf"{sub}\s+(?:\w+\s+){{0,5}}?\w+(?:ed|ing)\b", lead, re.IGNORECASE
            ):
                break  # "Since October 2024, ..." is a date, not a clause
            m = re.search(r",\s", body)
            if m:
                cuts[s0 + m.end()] = "main"
            cuts.setdefault(s0, sub.lower())
            break
    for m in re.finditer(r"[;:]\s+", body):
        cuts[s0 + m.end()] = "semicolon"
    subs = "|".join(s.replace(" ", r"\s+") for s in _SUBORDINATORS)
    # From the start of a run of white space only (or from the space a previous match ended
    # in): from inside the run the match is the same one, and a long run would be rescanned.
    for m in re.finditer(rf"(?:,|(?<!\s)|(?<=\w\s))\s+({subs}|and|but|or)\s", body, re.IGNORECASE):
        word = re.sub(r"\s+", " ", m.group(1).lower())
        if word in ("and", "but", "or") and not (
            m.group(0).startswith(",") and _has_verb(text, s0, s0 + m.start(), rules)
            and _has_verb(text, s0 + m.end(), s1, rules)
        ):
            continue  # ", and" joins clauses only between two verbs, not in a list of names
        if _inside(s0 + m.start(1), quotes):
            continue
        cuts.setdefault(s0 + m.start(1), word)
    # "... approved it on Nov. 6 and Vladimir Putin signed ...": "and" before a named subject
    for m in re.finditer(r"(?<!\s)\s+(and|but)\s+", body):  # from the start of the white space only
        pos = s0 + m.end()
        if _inside(pos, quotes):
            continue
        if any(a.end == s0 + m.start() for a in lexicon.actors.find(text, max(s0, s0 + m.start() - 60), s0 + m.start())):
            continue  # "Putin and Kim signed": names coordinated into one subject
        if any(a.start == pos and a.kind == "alias" for a in lexicon.actors.find(text, pos, min(s1, pos + 60))) \
                and _has_verb(text, s0, s0 + m.start(), rules) and _has_verb(text, pos, s1, rules):
            cuts.setdefault(s0 + m.start(1), "and")
    # ", praising ...", ", adding that ...": a participle after a comma opens a clause
    for m in re.finditer(r",\s+(\w+ing)\b", body):
        if not _inside(s0 + m.start(1), quotes) and m.group(1)[0].islower():
            cuts.setdefault(s0 + m.start(1), "participle")
    # a closing quotation mark followed by the attribution ('...," the KCNA said')
    for a, b in quotes:
        if s0 < b < s1 - 1 and (text[b - 2:b - 1] == "," or text[b:b + 1] == ","):
            cuts.setdefault(b, "attribution")
    # trailing attribution: ", South Korean media outlet Yonhap reported on April 28."
    commas = [m.end() for m in re.finditer(r",\s+", body)]
    if commas:
        tail = s0 + commas[-1]
        toks = _tokens(text, tail, s1)
        opens = re.match(r"\s*(\w+(?:\s+\w+)?)", text[tail:s1])
        subordinate = opens is not None and any(re.match(rf"{sub}\b", opens.group(1), re.IGNORECASE)
                                                for sub in _INITIAL_SUBORDINATORS)
        if len(toks) <= 12 and not _inside(tail, quotes) and not subordinate:
            for m in rules.pattern.finditer(text, tail, s1):
                info = rules.forms.get(re.sub(r"\s+", " ", m.group(0).lower()))
                # the verb closes the sentence, at most a date after it ("reported on April 28.")
                rest = _tokens(text, m.end(), s1)
                if info and info[1] in rules.statement_kinds and info[3] in ("past", "s", "base") and len(rest) <= 5:
                    cuts[tail] = "attribution"
                    break
    # "...; whether either side acknowledges it": a subordinator after a semicolon marks the clause
    for pos, marker in list(cuts.items()):
        if marker == "semicolon":
            word = re.match(r"\s*(\w+(?:\s+\w+)?)", text[pos:s1])
            for sub in _INITIAL_SUBORDINATORS:
                if word and re.match(rf"{sub}\b", word.group(1), re.IGNORECASE):
                    cuts[pos] = sub.lower()
                    break
    starts = sorted(set(cuts) | {s0})
    out = []
    for i, a in enumerate(starts):
        b = starts[i + 1] if i + 1 < len(starts) else s1
        if b > a:
            out.append(_Clause(a, b, cuts.get(a), sid))
    return out


_FINITE = frozenset("is are was were has have had will would could may might can should must did does".split())


def _has_verb(text: str, lo: int, hi: int, rules: _Rules) -> bool:
    words = [w.lower() for _, _, w in _tokens(text, lo, hi)]
    if any(w in _FINITE for w in words):
        return True
    for m in rules.pattern.finditer(text, lo, hi):
        info = rules.forms.get(re.sub(r"\s+", " ", m.group(0).lower()))
        if info and info[2] != "noun" and info[3] in ("past", "s"):
            return True
    return False


# -- triggers ---------------------------------------------------------------------------------


def _find_triggers(text: str, s0: int, s1: int, sid: int, clauses: list[_Clause], quotes: Sequence[Span],
                   rules: _Rules, lexicon: Lexicon, extra_cuts: dict[int, str]) -> list[_Trigger]:
    found: list[_Trigger] = []
    if text[s0:s1].rstrip(" ”\"'’)").endswith("?"):
        return found  # a question asserts nothing
    blocked = [(b.start(), b.end()) for b in rules.not_events.finditer(text, s0, s1)]
    for m in rules.pattern.finditer(text, s0, s1):
        if _inside(m.start(), quotes) or any(a < m.end() and m.start() < b for a, b in blocked):
            continue
        form = re.sub(r"\s+", " ", m.group(0).lower())
        lemma, kind, pos, grammar = rules.forms[form]
        clause = next(c for c in clauses if c.start <= m.start() < c.end)
        trig = _classify(text, m.start(), m.end(), form, lemma, kind, pos, grammar, clause, rules, lexicon)
        if trig is None:
            continue
        if trig.negated:
            # a refusal on an occasion ("did not deny", "could not confirm") is an event; a
            # standing state ("has not confirmed", "had not acknowledged") is not
            if trig.tense not in ("past", "modal") or any(
                w.lower() in ("will", "'ll", "may", "might", "shall") for _, _, w in _tokens(text, clause.start, m.start())
            ):
                continue
            trig.planned = False
        trig.sentence = sid
        if clause.marker in _UNASSERTED:
            continue
        if lemma in rules.requires:
            # the typical object or subject, anywhere in the clause ("sent troops", "troops moved")
            lo = clause.start
            if clause.marker in ("who", "which", "that"):
                # "the regiment, which left for Russia": the antecedent is in the clause before
                lo = max([c.start for c in clauses if c.end <= clause.start] or [clause.start])
            words = {w.lower() for _, _, w in _tokens(text, lo, clause.end)}
            # a bare head count stands for people in a deployment ("could send 30,000 to 40,000
            # more", "8,000 of them have moved")
            counted = kind == "deployment" and _HEADCOUNT.search(text, lo, clause.end)
            if not words & rules.requires[lemma] and not counted:
                continue
        found.append(trig)
        # "confirmed it sent troops": the reported content starts a clause of its own
        if trig.pos == "verb" and kind in rules.statement_kinds:
            nxt = _tokens(text, m.end(), min(s1, m.end() + 40))
            i = 0
            while i < len(nxt) and _is_adverb(nxt[i][2]):
                i += 1
            if i < len(nxt) and nxt[i][2].lower() in _PRONOUNS and nxt[i][2].lower() != "i":
                extra_cuts[nxt[i][0]] = "that"
    return found


def _prev_tokens(text: str, clause: _Clause, pos: int) -> list[tuple[int, int, str]]:
    return _tokens(text, clause.start, pos)


def _classify(text: str, start: int, end: int, form: str, lemma: str, kind: str, pos: str, grammar: str,
              clause: _Clause, rules: _Rules, lexicon: Lexicon) -> _Trigger | None:
    before = _prev_tokens(text, clause, start)
    after = _tokens(text, end, min(clause.end, end + 60))
    raw_prev = before[-1][2] if before else ""
    low_prev = raw_prev.lower()
    nxt = after[0][2].lower() if after else ""
    trig = _Trigger(start, end, text[start:end], lemma, kind, "verb", grammar, clause.sentence, clause)
    # noun context: a determiner, possessive, preposition, number or demonym right before
    number_before = bool(re.search(r"\d", raw_prev)) and not (
        len(before) >= 2 and before[-2][2][:1].isupper() and re.fullmatch(r"\d{1,2}", raw_prev)
    )  # "1,100 killed" is a noun phrase; "April 28 confirmed" is a date before the verb
    noun_context = (
        number_before
        or low_prev in _DETERMINERS
        or low_prev.endswith(("'s", "’s")) and low_prev not in ("it's", "it’s", "that's")
        or (low_prev in _PREPOSITIONS and low_prev != "to")
        or _ends_with_demonym(text, before, lexicon)
        or (raw_prev.endswith("ing") and raw_prev.islower() and len(raw_prev) > 4)
        or (raw_prev.endswith("ed") and raw_prev.islower() and grammar in ("noun",))
    )
    if pos == "noun" or (pos == "both" and (noun_context or not before)):
        trig.pos, trig.grammar, trig.tense = "noun", "noun", "noun"
        return trig
    if grammar == "noun":
        return None
    # walk back over adverbs and auxiliaries
    i = len(before) - 1
    negated = False
    aux: list[str] = []
    while i >= 0:
        w = before[i][2].lower()
        if w in _NEG or w.endswith("n't"):
            negated = True
        elif _is_adverb(before[i][2]):
            pass
        elif w in _BE or w in _HAVE or w in _MODALS or w in _DO:
            aux.append(w)
        else:
            break
        i -= 1
    if negated or any(w[2].lower() in ("neither", "nor") for w in before):
        if kind not in rules.statement_kinds or pos == "both":
            return None  # "did not send troops": nothing happened
        # "did not deny", "could not confirm", "neither confirmed nor denied": a statement that
        # commits to nothing is still an event of its speaker, of kind `other`
        trig.negated = True
    if kind in rules.statement_kinds and not aux and len(before) >= 2 and before[-1][2].lower() in ("it", "he", "she", "they") \
            and _CONTACT_HEAD.fullmatch(before[-2][2]) and before[-2][2].lower() not in _NOT_HEADS:
        return None  # "the 11,000 soldiers it said had been sent": a claim inside a noun phrase
    if kind in rules.statement_kinds and (nxt == "to" and grammar == "past" or (aux and aux[0] in _BE and grammar == "past")):
        return None  # "satellite pictures said to show", "it is claimed": hearsay, not a statement
    if grammar in ("s", "base") and form in rules.homographs and not aux and pos != "both":
        j = len(before) - 1
        while j >= 0 and _is_adverb(before[j][2]):
            j -= 1
        if j < 0 or not (before[j][2].lower() in ("it", "he", "she", "they", "who", "which", "that", "we")
                         or _actor_ends_at(text, before, j, lexicon)):
            return None
    left = before[i][2] if i >= 0 else ""
    left_low = left.lower()
    if left_low in ("and", "or", "but") and not aux:
        trig.coordinated = True
    if kind in rules.statement_kinds and _parenthetical(text, clause, start, end):
        trig.parenthetical = True
    if aux == ["being"]:
        return None  # "soldiers being killed", "coffins being flown home": a noun's modifier, no finite verb
    if rules.planned.search(text, clause.start, start) and _planned_cue_before(text, clause, start, rules) \
            and not trig.parenthetical:
        trig.planned = True
    if grammar == "ing":
        if aux and aux[0] in _BE:
            trig.tense = "progressive"
            return trig
        if clause.marker == "participle" and before and all(t[2] == "," for t in before[:0]) and len(before) <= 1:
            trig.tense = "participle"
            return trig
        if clause.marker == "participle" and i < 0:
            trig.tense = "participle"
            return trig
        return None
    if grammar == "base":
        if noun_context:
            return None
        if aux and aux[0] in _MODALS:
            trig.tense, trig.planned = "modal", trig.planned or aux[0] in ("will", "'ll", "shall", "would", "may", "might", "could")
            return trig
        if aux and aux[0] in _DO:
            trig.tense = "past" if aux[0] == "did" else "present"
            return trig
        if left_low == "to":
            gov = before[i - 1][2].lower() if i >= 1 else ""
            j = i - 1
            while j >= 0 and _is_adverb(before[j][2]):
                j -= 1
            gov = before[j][2].lower() if j >= 0 else ""
            if gov not in rules.governors and j >= 0:
                # "expects Kim Jong Un to visit", "invited Putin to attend": a named object between
                named = [a for a in lexicon.actors.find(text, max(clause.start, before[j][1] - 60), before[j][1])
                         if a.end == before[j][1] and a.kind == "alias"]
                if named:
                    k = max(n for n, tok in enumerate(before) if tok[0] <= named[0].start) - 1
                    if 0 <= k < len(before) and before[k][0] < named[0].start:
                        gov = before[k][2].lower()
            if gov in rules.governors:
                trig.tense, trig.planned = "infinitive", True
                return trig
            return None
        if trig.coordinated:
            trig.tense = "present"
            return trig
        if left_low in _PRONOUNS or _actor_ends_at(text, before, i, lexicon) or (
            left_low.endswith("s") and left.islower() and left_low not in _PREPOSITIONS
        ):
            trig.tense = "present"
            return trig
        return None
    if grammar == "s":
        if noun_context:
            return None
        trig.tense = "present"
        return trig
    # "killed and wounded", "killed or captured" with no auxiliary: a count's noun phrase
    if not aux and (nxt in ("and", "or") and len(after) > 1 and after[1][2].lower().endswith("ed")
                    or low_prev in ("and", "or") and len(before) > 1 and before[-2][2].lower().endswith("ed")
                    and kind == "casualties"):
        if kind == "casualties":
            return None
    # past forms
    if aux:
        first = aux[0]
        if first in _BE:
            trig.voice = "passive"
            if "had" in aux:
                trig.tense = "pastperfect"
            elif "has" in aux or "have" in aux:
                trig.tense = "perfect"
            elif any(a in _MODALS for a in aux):
                trig.tense = "modal"
            elif first in ("is", "are", "am", "'s"):
                trig.tense = "present"
            else:
                trig.tense = "past"
            return trig
        if first in _HAVE:
            trig.tense = "pastperfect" if first == "had" else "perfect"
            if any(a in _MODALS for a in aux):
                trig.tense = "modal"
            return trig
        if first in _MODALS:
            return None  # "would sent": malformed, or a participle after a modal we cannot read
    if noun_context or low_prev in ("up", "newly", "recently"):
        return None
    if nxt == "by":
        trig.voice, trig.tense, trig.reduced = "passive", "past", True
        return trig
    if kind in rules.statement_kinds or lemma in rules.intransitive:
        return trig
    # a participle after a noun with a preposition next is a reduced relative clause
    # ("troops deployed to Russia", "a treaty signed with Moscow"), not the main verb
    # ("reinforcements sent this year": a transitive verb's object comes before a time adverbial)
    if (nxt in _PREPOSITIONS or nxt in (",", ".", "") or nxt in _TIME_STARTERS) and before \
            and not _actor_ends_at(text, before, len(before) - 1, lexicon):
        if not (left_low in _PRONOUNS):
            return None
    if not before:
        return None
    return trig


def _parenthetical(text: str, clause: _Clause, start: int, end: int) -> bool:
    """", they said, ": a pronoun and a reporting verb between commas inside the content."""
    lo = text.rfind(",", clause.start, start)
    if lo < 0 or not text[clause.start:lo].strip():
        return False
    inner = [w.lower() for _, _, w in _tokens(text, lo + 1, start)]
    return len(inner) == 1 and inner[0] in _PRONOUNS and text[end:end + 1] == ","


def _planned_cue_before(text: str, clause: _Clause, start: int, rules: _Rules) -> bool:
    # a cue counts only in the stretch right before the trigger (no other clause verb between)
    window = text[max(clause.start, start - 60):start]
    return bool(rules.planned.search(window))


def _ends_with_demonym(text: str, before: list[tuple[int, int, str]], lexicon: Lexicon) -> bool:
    if not before:
        return False
    end = before[-1][1]
    return any(a.end == end and a.kind == "demonym" for a in lexicon.actors.find(text, max(0, end - 40), end))


def _actor_ends_at(text: str, before: list[tuple[int, int, str]], i: int, lexicon: Lexicon) -> bool:
    if i < 0 or i >= len(before):
        return False
    end = before[i][1]
    return any(a.end == end and a.kind == "alias" for a in lexicon.actors.find(text, max(0, end - 60), end))


# -- actors -----------------------------------------------------------------------------------


def _candidates(text: str, lo: int, hi: int, rules: _Rules, lexicon: Lexicon) -> list[ActorMention]:
    """Actor mentions in text[lo:hi] that can head a subject."""
    out: list[ActorMention] = []
    mentions = lexicon.actors.find(text, lo, hi)
    for k, a in enumerate(mentions):
        rest = text[a.end:hi]
        if a.kind == "demonym":
            if not re.match(r"\s+(?:[\w-]+\s+){0,2}?", rest) or not _head_follows(rest, rules, 2):
                continue
        if re.match(r"['’]s\b", rest):
            nxt = mentions[k + 1] if k + 1 < len(mentions) else None
            if nxt is not None and nxt.start - a.end < 30 and not _after_preposition(text, a.end, nxt.start) \
                    and not _head_follows(text[nxt.end:hi], rules, 0):
                continue  # "North Korea's KCNA": the later alias names the actor (not in "North
                # Korea's mission at the UN", nor "North Korea's UN mission": there the possessor does)
            if not _head_follows(rest[2:], rules, 3):
                continue  # "Russia's key allies": the possessor is not the subject
        if _other_name(text, a):
            continue  # "Kim" in "Kim Yong-hyun": another person's name, not the alias's owner
        if re.search(r"\baccording\s+to\b[^,;]*$", text[lo:a.start], re.IGNORECASE):
            continue  # "According to North Korea's KCNA, soldiers ...": the source, not the subject
        if k > 0 and re.fullmatch(r"['’]s\s+", text[mentions[k - 1].end:a.start]) and _head_follows(rest, rules, 0):
            continue  # "UN" in "North Korea's UN mission": a modifier of the possessor's head
        prev = text[max(lo, a.start - 12):a.start].lower().split()
        if prev and prev[-1] in ("by",) or (len(prev) >= 2 and prev[-2] == "by" and prev[-1] in _DETERMINERS):
            continue  # the agent of a participle inside the subject ("reported by Yonhap")
        out.append(a)
    return out


def _after_preposition(text: str, lo: int, pos: int) -> bool:
    return bool(re.search(r"\b(?:of|from|in|at|with|to|for|by|on|into|against|than)\s+(?:(?:the|a|an|its|their|his|her)\s+)?$",
                          text[lo:pos], re.IGNORECASE))


def _head_follows(rest: str, rules: _Rules, max_words: int) -> bool:
    words = rest.split()[: max_words + 2]
    probe = " ".join(words)
    m = rules.heads.search(probe)
    if not m:
        return False
    return len(probe[: m.start()].split()) <= max_words


def _pick_subject(text: str, lo: int, hi: int, rules: _Rules, lexicon: Lexicon) -> ActorMention | None:
    cands = _candidates(text, lo, hi, rules, lexicon)
    if not cands:
        return None
    # a mention inside "of X"/"from X" modifies an earlier head ("the Commission of North Korea")
    primary = [a for a in cands if not _after_preposition(text, lo, a.start)]
    for pick in reversed(primary):
        head = _coordination_head(text, cands, pick)
        # "talks between Putin and Kim": a coordination opened after a preposition is its object
        if head is pick or not _after_preposition(text, lo, head.start):
            return head
    return cands[-1]


_NAME_GOES_ON = re.compile(
    r"[ \u00a0](?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|"
    r"June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b)"
    r"[A-Z][a-z]+(?:-[a-z]+)?\b"
)
def _other_name(text: str, a: ActorMention) -> bool:
    """A one-word alias that another capitalised name part follows ("Kim" in "Kim Yong-hyun")."""
    return a.kind == "alias" and " " not in text[a.start:a.end].strip() and bool(_NAME_GOES_ON.match(text, a.end))


_COORDINATOR = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)$")


def _coordination_head(text: str, cands: list[ActorMention], pick: ActorMention) -> ActorMention:
    """The first of coordinated actors ("Kim and Putin signed", "Seoul, Tokyo and Washington
    said"): a coordinated subject is one event, and its actor is the first one named (issue 5:
    the table has one actor column; the first named is the one the sentence leads with)."""
    head, joined = pick, False
    for a in reversed([c for c in cands if c.end <= pick.start]):
        between = text[a.end:head.start]
        m = _COORDINATOR.fullmatch(between)
        # a bare comma joins only inside a list already closed by "and" ("Seoul, Tokyo and
        # Washington"); alone it is an apposition ("the NIS, Seoul's spy agency,")
        if m and ("and" in between or "&" in between or joined) and not re.match(r"['’]s\b", text[a.end:a.end + 2]):
            head, joined = a, True
        else:
            break
    return head


def _subject_lo(text: str, clause: _Clause, trig: _Trigger, triggers: list[_Trigger], cue_ends: Sequence[int] = ()) -> int:
    """Where the subject of a verb can start: the clause start, or past an earlier verb or a
    reporting verb in the clause ("the NIS estimates [an additional 3,000] were deployed")."""
    lo = clause.start
    for t in triggers:
        if t.clause is clause and t.pos == "verb" and t.end <= trig.start and t is not trig:
            lo = max(lo, t.end)
    for end in cue_ends:
        if clause.start <= end <= trig.start:
            lo = max(lo, end)
    return lo


def _noun_actor(text: str, trig: _Trigger, rules: _Rules, lexicon: Lexicon) -> str | None:
    window_lo = max(trig.clause.start, trig.start - 60)
    # "North Korea's announcement", "Pyongyang's first public acknowledgment"
    m = re.search(r"(['’]s)\s+(?:[\w-]+\s+){0,3}$", text[window_lo:trig.start])
    if m:
        owner_end = window_lo + m.start()
        hits = [a for a in lexicon.actors.find(text, window_lo, owner_end) if a.end == owner_end]
        if hits:
            return hits[-1].name
    # "a Russian statement"
    hits = [a for a in lexicon.actors.find(text, window_lo, trig.start) if a.kind == "demonym"
            and not text[a.end:trig.start].strip(" -")]
    if hits:
        return hits[-1].name
    # "a statement from the Kremlin", "the visit by Putin"
    m = re.match(r"\s+(?:from|by|of)\s+", text[trig.end:trig.clause.end])
    if m:
        lo = trig.end + m.end()
        hits = lexicon.actors.find(text, lo, min(trig.clause.end, lo + 50))
        if hits and hits[0].start - lo < 12:
            return hits[0].name
    # otherwise the subject of the clause ("Putin and Kim hold up ... during an agreement ceremony")
    subject = _pick_subject(text, trig.clause.start, trig.start, rules, lexicon)
    return subject.name if subject else None


def _agent(text: str, trig: _Trigger, lexicon: Lexicon, hi: int) -> str | None:
    # the agent may sit past a closing quote ('deployed "by the order" of leader Kim'), so the
    # search runs to the sentence end, but only a few words past "by"
    m = re.search(r"\bby\b", text[trig.end:hi])
    if not m or m.start() > 40 or re.search(r"[;.]|\b(?:and|but|while|when|after)\b", text[trig.end:trig.end + m.start()]):
        return None
    lo = trig.end + m.end()
    hits = lexicon.actors.find(text, lo, min(hi, lo + 50))
    for a in hits:
        if a.kind == "alias" or a.kind == "demonym":
            return a.name
    return None


# -- the extractor ----------------------------------------------------------------------------


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
        published: the report date; undated statements take it, and dates after it make an
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
    rules = _rules(lexicon)
    spans = list(sentences) if sentences is not None else split_sentences(text)
    if dates is None:
        from toolkit.extract.dates import find_dates  # imported late: dates.py is heavy and optional here

        dates = find_dates(text, published=published, sentences=spans)
    dated = [d for d in dates if d.type in ("DATE", "TIME") and d.earliest is not None]

    triggers: list[_Trigger] = []
    clause_lists: list[list[_Clause]] = []
    for sid, (s0, s1) in enumerate(spans):
        quotes = _quote_spans(text, s0, s1)
        clauses = _clauses(text, s0, s1, sid, rules, quotes, lexicon)
        extra: dict[int, str] = {}
        _find_triggers(text, s0, s1, sid, clauses, quotes, rules, lexicon, extra)
        if extra:  # re-split at the reported content and read the triggers again
            cuts = {c.start: c.marker for c in clauses}
            for pos, marker in extra.items():
                cuts.setdefault(pos, marker)
            starts = sorted(cuts)
            clauses = [
                _Clause(a, starts[i + 1] if i + 1 < len(starts) else s1, cuts[a], sid)
                for i, a in enumerate(starts)
            ]
        found = _find_triggers(text, s0, s1, sid, clauses, quotes, rules, lexicon, {})
        clause_lists.append(clauses)
        triggers.extend(found)

    _assign_actors(text, triggers, spans, rules, lexicon)
    _assign_dates(text, triggers, spans, clause_lists, dated, published, rules, lexicon)
    _assign_claimants(text, triggers, spans, lexicon)
    _read_statements(text, triggers, clause_lists, rules)

    headline = _headline(text, spans)
    events: list[Event] = []
    statements: list[bool] = []
    by_sentence: dict[int, list[_Trigger]] = {}
    for u in triggers:
        by_sentence.setdefault(u.sentence, []).append(u)
    for t in triggers:
        if not t.emit:
            continue
        if t.tense == "participle" and t.kind in rules.statement_kinds and any(
            u.start < t.start and u.kind in rules.statement_kinds and u.actor == t.actor
            for u in by_sentence[t.sentence]
        ):
            continue  # ", saying ...", ", praising ...": the same speaker's statement goes on
        earliest, latest, gran, value = t.day or (None, None, "none", None)
        if headline is not None and t.sentence == 0 and any(
            u.emit and u.sentence > 0 and u.kind == t.kind and (u.actor == t.actor or not u.actor) for u in triggers
        ):
            continue  # the headline restates the lede: the body's clause carries the event
        if t.kind in rules.statement_kinds and t.actor is None:
            continue
        if t.kind in rules.statement_kinds and t.pos == "verb" and _BARE_FIGURE.match(text, t.end, _trim(text, t.clause.start, t.clause.end)[1] + 1):
            continue  # "... and the Pentagon said around 10,000.": a figure's claim (the figures table), no event
        if t.actor is None and earliest is None:
            continue
        if t.reduced and earliest is None:
            continue  # "lawmakers briefed by the NIS": an undated participle describes a noun
        if t.voice == "passive" and t.tense == "present" and earliest is None and not t.planned:
            continue  # "thousands of soldiers are deployed there": a state, not a happening
        # a date after publication makes an event planned unless its verb says it is past
        later = published is not None and earliest is not None and earliest > published
        planned = t.planned or (later and t.tense not in ("past", "perfect", "pastperfect"))
        c0, c1 = _trim(text, t.clause.start, t.clause.end)
        events.append(Event(
            start=c0, end=c1, text=text[c0:c1], date=earliest, date_latest=latest, granularity=gran,
            date_value=value, actor=t.actor, actor_type=lexicon.actors.type_of(t.actor) if t.actor else None,
            action=t.lemma, kind="other" if t.negated else t.kind, claimant=t.claimant if t.claimant != t.actor else None,
            planned=planned, mentions=t.mentions, sentence_id=t.sentence,
        ))
        statements.append(t.kind in rules.statement_kinds or bool(t.content))
    return _merge(events, statements)


def _headline(text: str, spans: Sequence[Span]) -> Span | None:
    """The first sentence when it is a title: a line of its own with no closing punctuation."""
    if len(spans) < 2:
        return None
    a, b = spans[0]
    line = text[a:b].strip()
    if not line or line[-1] in ".!?\"”'’)" or "\n" not in text[b:spans[1][0] + 1]:
        return None
    return (a, b)


_STRENGTH = {"confirmation": 3, "denial": 3, "casualties": 2, "announcement": 1}


def _read_statements(text: str, triggers: list[_Trigger], clause_lists: list[list[_Clause]], rules: _Rules) -> None:
    """What a statement says decides how the timeline shows it (issue 5, one event per statement).

    - Its *content* is the happenings it reports: the rest of its own clause, the "that ..."
      clauses after it (and those joined to them by "and"), or the clauses before a trailing
      attribution (", the JCS said"). A reported happening with no date of its own and no plan
      is the statement's news, not a row of its own: the timeline can place only the statement.
    - An announcement whose content is a casualty count is a ``casualties`` event of the
      speaker, dated by the statement (a claim about losses, as the `figures` table keeps it).
    - An announcement whose content calls the reports false ("said the information was
      contradictory", "told the committee the stories were groundless") is a ``denial``.
    - Two statement cues of one speaker in one sentence with compatible dates ("a statement
      from the Kremlin on April 26, when it released details"; "published a video and said")
      are one statement: the first clause, the stronger kind (confirmation/denial > casualties
      > announcement), the clause's own date before a borrowed one, and a count of mentions.
    """
    by_sentence: dict[int, list[_Trigger]] = {}
    for t in triggers:
        by_sentence.setdefault(t.sentence, []).append(t)
    for sid, group in by_sentence.items():
        clauses = clause_lists[sid]
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
                    s.kind = "casualties"
                elif rules.falsehood.search(text, lo, comma if comma > 0 else hi):
                    s.kind = "denial"  # the predicate of the content itself, before any comma
            for u in s.content:
                # a trailing attribution ("..., KCNA said") with no date of its own only sources
                # the sentence's news, which stays; with a date, it is the row that carries it
                if u.day is None and not u.planned and u.pos == "verb" and (s.clause.marker != "attribution" or s.own_date):
                    u.emit = False
            # "..., KCNA reported." with no date of its own after a stated event: the attribution
            # names the claimant of that event (the `claimant` column), it is not news of its own
            if s.clause.marker == "attribution" and not s.own_date and any(
                    u.emit and u.end <= s.clause.start and u.clause.marker != "dateline" for u in group):
                s.emit = False
        # the undated content of an assessment ("the NIS now believes 15,000 have been sent") is
        # that claim's news, as with statements: the claimant column already names who says it
        for u in group:
            if u.assessed and u.kind not in rules.statement_kinds and u.pos == "verb" and u.day is None \
                    and not u.planned:
                u.emit = False
        # "In a video released by the Kremlin on Saturday, Gerasimov said ...": the release is the
        # medium of the speaker's statement, one event, with the publisher as its claimant
        # "The Kremlin released a video in which Gerasimov confirmed ...": likewise
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
        # one statement per speaker and sentence
        said = [t for t in group if t.emit and (t.kind in rules.statement_kinds or t.content) and t.actor]
        for i, t in enumerate(said):
            if not t.emit:
                continue
            for u in said[i + 1:]:
                if not u.emit or u.actor != t.actor or u.planned != t.planned or u.negated != t.negated:
                    continue
                if t.day is not None and u.day is not None and t.day[:2] != u.day[:2] and t.own_date and u.own_date:
                    continue
                stronger = u if _STRENGTH.get(u.kind, 0) > _STRENGTH.get(t.kind, 0) else t
                t.kind, t.lemma = stronger.kind, stronger.lemma
                if u.day is not None and (t.day is None or (u.own_date and not t.own_date)):
                    t.day, t.own_date = u.day, u.own_date
                if t.claimant is None:
                    t.claimant = u.claimant
                t.mentions += u.mentions
                u.emit = False


def _content_of(s: _Trigger, group: list[_Trigger], clauses: list[_Clause], rules: _Rules) -> list[_Trigger]:
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


def _content_span(s: _Trigger, clauses: list[_Clause]) -> Span:
    idx = clauses.index(s.clause)
    hi = s.clause.end
    for c in clauses[idx + 1:]:
        if c.marker in ("that", "and", "but"):
            hi = c.end
        else:
            break
    return s.end, hi


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in ",;:"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:"):
        b -= 1
    return a, b


def _by_clause(triggers: Sequence[_Trigger]) -> dict[int, list[_Trigger]]:
    """Each clause's triggers in text order, keyed by the clause's identity (``u.clause is c``):
    asked of every trigger, a scan of all the article's triggers made the pass quadratic."""
    out: dict[int, list[_Trigger]] = {}
    for u in triggers:
        out.setdefault(id(u.clause), []).append(u)
    return out


def _assign_actors(text: str, triggers: list[_Trigger], spans: Sequence[Span], rules: _Rules, lexicon: Lexicon) -> None:
    cue_cache: dict[int, list[int]] = {}
    by_clause = _by_clause(triggers)
    # triggers come sentence by sentence, so their sentence numbers never decrease: the
    # triggers of the last few sentences are a slice found by bisection, not a scan
    sentence_of = [u.sentence for u in triggers]
    for k, t in enumerate(triggers):
        s0, s1 = spans[t.sentence]
        if t.sentence not in cue_cache:
            cue_cache[t.sentence] = [c.end for c in find_attributions(text, (s0, s1), lexicon=lexicon)
                                     if c.kind == "verb"]
        cue_ends = [e for e in cue_cache[t.sentence] if e <= t.start and not (t.start <= e <= t.end)]
        actor: str | None = None
        explicit = False
        if t.pos == "noun":
            actor = _noun_actor(text, t, rules, lexicon)
            explicit = actor is not None
        elif t.voice == "passive":
            actor = _agent(text, t, lexicon, s1)
            explicit = actor is not None
            if actor is None and t.kind in rules.patient_kinds:
                lo = _subject_lo(text, t.clause, t, by_clause[id(t.clause)], cue_ends)
                subject = _patient_state(text, lo, t.start, rules, lexicon)
                if subject is not None:
                    actor = subject
                else:
                    # "an additional 3,000 were deployed": the sender of the deployment before
                    for j in range(k - 1, bisect.bisect_left(sentence_of, t.sentence - 2) - 1, -1):
                        prev = triggers[j]
                        if prev.kind == t.kind and prev.actor and t.sentence - prev.sentence <= 2:
                            actor = prev.actor
                            break
        else:
            lo = _subject_lo(text, t.clause, t, by_clause[id(t.clause)], cue_ends)
            subject = _pick_subject(text, lo, t.start, rules, lexicon)
            words = [w for _, _, w in _tokens(text, lo, t.start)
                     if not (_is_adverb(w) or w.lower() in _BE | _HAVE | _MODALS | _DO | _NEG | {"that", ",", "to"})]
            subject_text = " ".join(words).lower()
            last_word = words[-1].lower() if words else ""
            if subject is not None and last_word in _PRONOUNS and _after_preposition(text, lo, subject.start):
                # "after talks with South Korean ministers, he said": the pronoun is the subject
                actor = _resolve_pronoun(text, t, _recent(triggers, sentence_of, k), spans, lexicon, last_word)
            elif subject is not None and not t.coordinated:
                actor, explicit = subject.name, True
            elif t.coordinated or t.tense == "participle" or (t.tense == "infinitive" and not words):
                actor = _previous_subject(text, triggers, k, spans, rules, lexicon)
            elif last_word in ("who", "which") or (not words and t.clause.marker in ("who", "which")):
                # "Umerov, who met both prisoners": the antecedent before the relative clause
                ante = [a for a in _candidates(text, max(s0, t.clause.start - 80), t.clause.start, rules, lexicon)
                        if not text[a.end:t.clause.start].strip(" ,")]
                actor = ante[-1].name if ante else None
            elif last_word in _PRONOUNS or _is_anaphor(subject_text, lexicon):
                actor = _resolve_pronoun(text, t, _recent(triggers, sentence_of, k), spans, lexicon, last_word)
        t.actor, t.explicit = actor, explicit


def _recent(triggers: list[_Trigger], sentence_of: list[int], k: int) -> list[_Trigger]:
    """The triggers before the k-th in its sentence and the two before it: all that
    :func:`_resolve_pronoun` looks at (it stops two sentences back)."""
    return triggers[bisect.bisect_left(sentence_of, triggers[k].sentence - 2):k]


def _patient_state(text: str, lo: int, hi: int, rules: _Rules, lexicon: Lexicon) -> str | None:
    """The actor of a passive deployment or casualty with no agent: the patient's own state."""
    for a in lexicon.actors.find(text, lo, hi):
        if re.search(r"\baccording\s+to\b[^,;]*$", text[lo:a.start], re.IGNORECASE):
            continue
        if a.kind == "demonym" and not _head_follows(text[a.end:hi], rules, 2):
            continue
        if a.kind == "alias" and _after_preposition(text, lo, a.start):
            continue  # "fighting for Russia": a place or a side, not the troops' state
        return a.name
    return None


def _is_anaphor(subject: str, lexicon: Lexicon) -> bool:
    subject = re.sub(r"\s+", " ", subject.strip())
    forms = {str(f).lower() for f in lexicon.reporting.get("anaphors", []) or []}
    return subject in forms or any(subject.endswith(" " + f) and f.startswith("the ") for f in forms)


def _previous_subject(text: str, triggers: list[_Trigger], k: int, spans: Sequence[Span], rules: _Rules,
                      lexicon: Lexicon) -> str | None:
    t = triggers[k]
    first = k  # the sentence's first trigger: triggers come sentence by sentence
    while first > 0 and triggers[first - 1].sentence == t.sentence:
        first -= 1
    same = [p for p in triggers[first:k] if p.actor]
    statement = t.kind in rules.statement_kinds
    for group in ([p for p in same if (p.kind in rules.statement_kinds) == statement], same):
        for prev in reversed(group):
            if prev.pos == "verb" or t.tense == "participle":
                return prev.actor
    # no verb before it: the subject that opens the clause or the sentence ("Kim described ...
    # and announced ...")
    lo = t.clause.start if t.clause.marker not in ("participle",) else spans[t.sentence][0]
    cands = _candidates(text, lo, t.start, rules, lexicon)
    primary = [a for a in cands if not _after_preposition(text, lo, a.start)]
    return primary[0].name if primary else None


def _resolve_pronoun(text: str, t: _Trigger, earlier: list[_Trigger], spans: Sequence[Span], lexicon: Lexicon,
                     pronoun: str) -> str | None:
    s0, s1 = spans[t.sentence]
    if t.kind in ("announcement", "confirmation", "denial"):
        prev = spans[t.sentence - 1] if t.sentence > 0 else None
        att = find_attribution(text, (s0, s1), lexicon=lexicon, at=t.start, previous=prev)
        if att is not None and att.carried and att.claimant and att.start == t.start:
            return att.claimant
    want = {"he": ("person", "military"), "it": ("state", "agency", "media", "military")}.get(
        _PRONOUNS.get(pronoun, "it"), None
    )
    if t.kind in ("announcement", "confirmation", "denial"):
        # "It said ...": a pronoun that speaks continues the last speaker of its type
        for prev in reversed(earlier):
            if t.sentence - prev.sentence > 2:
                break
            if prev.kind in ("announcement", "confirmation", "denial") and prev.actor and (
                    want is None or lexicon.actors.type_of(prev.actor) in want):
                return prev.actor
        # "Pentagon spokesman Pat Ryder said ... He said ...": the speaker just before speaks
        # for an institution whose person the lexicon does not name
        for prev in reversed(earlier):
            if t.sentence - prev.sentence > 1:
                break
            if prev.kind in ("announcement", "confirmation", "denial") and prev.actor and prev.sentence < t.sentence:
                return prev.actor
    for prev in reversed(earlier):
        if t.sentence - prev.sentence > 2:
            break
        if prev.actor and (want is None or lexicon.actors.type_of(prev.actor) in want):
            return prev.actor
    lo = spans[max(0, t.sentence - 1)][0]
    for a in reversed(lexicon.actors.find(text, lo, t.start)):
        if a.kind == "alias" and (want is None or a.type in want) and not _other_name(text, a):
            return a.name
    return None


def _assign_dates(text: str, triggers: list[_Trigger], spans: Sequence[Span], clause_lists: list[list[_Clause]],
                  dated: Sequence[DateMention], published: dt.date | None, rules: _Rules, lexicon: Lexicon) -> None:
    # the dates of a span by bisection over their starts (they come in text order); a scan of
    # every date for every clause and sentence made the pass quadratic
    starts = [d.start for d in dated]
    in_order = all(a <= b for a, b in zip(starts, starts[1:]))

    def starting_in(lo: int, hi: int) -> list[DateMention]:
        if not in_order:
            return [d for d in dated if lo <= d.start < hi]
        return list(dated[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)])

    def in_clause(c: _Clause) -> list[DateMention]:
        return starting_in(c.start, c.end)

    by_clause = _by_clause(triggers)

    def as_day(d: DateMention) -> tuple[dt.date | None, dt.date | None, str, str | None]:
        return (d.earliest, d.latest, d.granularity, d.value)

    # 1. the clause's own date, nearest to the trigger. A reporting verb and the content it
    # reports share a clause when no "that" separates them ("Zelensky said on Saturday the
    # soldiers captured by Ukraine ..."): dates before the content belong to the statement,
    # dates inside it to the content.
    for t in triggers:
        own = in_clause(t.clause)
        mates = [u for u in by_clause[id(t.clause)] if u is not t and u.pos == "verb"]
        heads = [u for u in mates if u.kind in rules.statement_kinds and u.end <= t.start]
        if heads and t.kind not in rules.statement_kinds:
            own = [d for d in own if d.start >= heads[-1].end]
        content = [u for u in mates if u.kind not in rules.statement_kinds and u.start >= t.end]
        if content and t.kind in rules.statement_kinds and t.pos == "verb":
            own = [d for d in own if d.end <= content[0].start]
        if t.parenthetical:
            own = []  # "Since August 2023, it said, ...": the dates are the content's
        if t.pos == "noun":  # a noun's date sits in its phrase: "a statement ... on April 26"
            own = [d for d in own if 0 <= d.start - t.end <= 45 or 0 <= t.start - d.end <= 15]
        if t.pos == "verb" and t.kind not in rules.statement_kinds:
            # two happenings in one clause: a date before a verb belongs to the verb nearest to it
            # ("Of the troops Pyongyang deployed last year, 4,000 have been killed")
            others = [u for u in mates if u.kind not in rules.statement_kinds]
            own = [d for d in own if d.end > t.start or not any(_gap(u, d) < _gap(t, d) for u in others)]
        if own:
            d = min(own, key=lambda d: (abs(d.start - t.end) if d.start >= t.end else abs(t.start - d.end) + 5))
            t.date, t.day, t.own_date = d, as_day(d), True
    # nouns: only in clauses with no cue verb, and only with a date of their own: the date
    # belongs to the noun nearest to it ("the confirmation ... followed a statement ... on April 26")
    for t in triggers:
        if t.pos == "noun":
            verbs = [u for u in by_clause[id(t.clause)] if u.pos == "verb"]
            if t.date is not None:
                mates = [u for u in by_clause[id(t.clause)] if u is not t]
                gap = _gap(t, t.date)
                if any(_gap(u, t.date) < gap for u in mates):
                    t.date, t.day, t.own_date = None, None, False
            if not verbs and t.day is None and t.kind not in rules.statement_kinds:
                # "Pyongyang is preparing a third deployment", "getting ready for a second
                # deployment": the object of a word of intention is a planned event of the subject
                words = [w.lower() for _, _, w in _tokens(text, t.clause.start, t.start)][-5:]
                if any(w in rules.governors for w in words[:-1] or words):
                    t.planned = True
            if verbs or (t.day is None and not t.planned):
                t.emit = False
    by_sentence: dict[int, list[_Trigger]] = {}
    for t in triggers:
        by_sentence.setdefault(t.sentence, []).append(t)
    for sid, group in by_sentence.items():
        clauses = clause_lists[sid]
        # 2. "<duration> after/before <clause>": date the inner clause from the outer event
        for c in clauses:
            if c.marker not in ("after", "before"):
                continue
            m = re.search(r"(?<!\w)(\d+|\w+)\s+(day|days|week|weeks|month|months|year|years)\s+$",
                          text[max(0, c.start - 40):c.start])  # from a word's start only: linear
            if not m:
                continue
            n = _count(m.group(1))
            if n is None:
                continue
            outer = [u for u in group if u.start < c.start and u.clause is not c]
            base = None
            for u in reversed(outer):
                base = u.day or _report_day(u, published, rules, force=True)
                if base and base[0] is not None:
                    break
            if not base or base[0] is None or base[2] != "day":
                continue
            delta = _delta(m.group(2), n)
            if delta is None:
                continue
            day = base[0] - delta if c.marker == "after" else base[0] + delta
            for u in group:
                if u.clause is c and u.day is None:
                    u.day = (day, day, "day", day.isoformat())
        # 3. when/while/as clauses and participles share the date of the clause they attach to
        for u in group:
            if u.day is not None or u.tense == "pastperfect" or _in_reported_content(u, group, rules):
                continue
            if u.clause.marker in _SIMULTANEOUS:
                idx = clauses.index(u.clause)
                for other in [clauses[idx - 1]] if idx > 0 else []:
                    mates = [v for v in group if v.clause is other and v.day is not None]
                    own = in_clause(other)
                    if mates:
                        u.day = mates[-1].day
                    elif own:
                        u.day = as_day(own[-1])
        # a main clause with an undated verb and a dated "when" clause after it
        for u in group:
            if u.tense == "pastperfect" or _in_reported_content(u, group, rules):
                continue
            if u.day is None and u.clause.marker in (None, "main"):
                idx = clauses.index(u.clause)
                if idx + 1 < len(clauses) and clauses[idx + 1].marker in ("when", "while"):
                    own = in_clause(clauses[idx + 1])
                    if own:
                        u.day = as_day(own[0])
    # 4. a sentence with no date continues the previous one's narrative about the same actor
    sentence_dates = {sid: starting_in(s0, s1) for sid, (s0, s1) in enumerate(spans)}
    for t in triggers:
        if t.day is not None or t.pos != "verb" or t.planned or t.sentence == 0 or not t.actor:
            continue
        if sentence_dates.get(t.sentence) or t.tense not in ("past",):
            continue
        if t.clause.marker in _NO_REPORT_DATE - {"when", "while", "as"}:
            continue
        prev_sid = t.sentence - 1
        prev_events = [u for u in by_sentence.get(prev_sid, ()) if u.day is not None and u.day[2] == "day"]
        if not prev_events or not sentence_dates.get(prev_sid):
            continue
        p0, p1 = spans[prev_sid]
        named = {a.name for a in lexicon.actors.find(text, p0, p1)}
        # a happening continues the narrative only with a pronoun subject ("He then signed"); a
        # newly named subject may start another time ("Russian forces shelled the town")
        if t.actor in named and (t.kind in rules.statement_kinds or not t.explicit):
            t.day = prev_events[-1].day
    # 4b. "Kim said then", "at the time", "hours later": the time of the event told just before
    last_dated = None  # the last trigger so far with a date of its own: the one a look back finds
    for t in triggers:
        if t.day is None and t.pos == "verb":
            cue = _SAME_TIME.search(text, t.clause.start, t.clause.end)
            # "then" points at the sentence before; "hours later", "that day" at the last dated event
            reach = (1 if cue.group(0).lower() in ("then", "at the time") else len(spans)) if cue else -1
            if cue and last_dated is not None and t.sentence - last_dated.sentence <= reach:
                t.day, t.own_date = last_dated.day, True  # the clause says when: relative to that event
        if t.day is not None and t.own_date:
            last_dated = t
    # 5a. a speaker's undated statement right after a dated one of the same speaker continues
    # that statement ("Zelensky said on Monday ... He said ...", "..., KCNA reported."): the
    # same occasion, so its date (and the rows then merge)
    for k, t in enumerate(triggers):
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
    # 5. an undated statement that reports content is dated to the report
    for t in triggers:
        if t.day is None and t.pos == "verb":
            t.day = _report_day(t, published, rules)


def _in_reported_content(t: _Trigger, group: list[_Trigger], rules: _Rules) -> bool:
    """Whether a happening sits after a reporting verb of its own clause ("he said two soldiers
    had been captured"): the statement's time is not the happening's."""
    return t.kind not in rules.statement_kinds and any(
        u.clause is t.clause and u.pos == "verb" and u.kind in rules.statement_kinds and u.end <= t.start
        for u in group
    )


def _gap(t: _Trigger, d: DateMention) -> int:
    return d.start - t.end if d.start >= t.end else t.start - d.end


def _report_day(t: _Trigger, published: dt.date | None, rules: _Rules, *, force: bool = False):
    if published is None or t.kind not in rules.statement_kinds:
        return None
    if not force:
        if t.lemma not in rules.report_lemmas or t.planned:
            return None
        if t.tense not in ("past", "present", "perfect", "participle"):
            return None
        if t.clause.marker in _NO_REPORT_DATE:
            return None
    elif t.tense == "pastperfect":
        return None
    return (published, published, "day", published.isoformat())


_NUMBER_WORDS = {"one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None}


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word.lower())


def _delta(unit: str, n: int) -> dt.timedelta | None:
    unit = unit.rstrip("s")
    if unit == "day":
        return dt.timedelta(days=n)
    if unit == "week":
        return dt.timedelta(weeks=n)
    return None  # months and years shift the calendar, not a fixed span: left to the dates table


def _assign_claimants(text: str, triggers: list[_Trigger], spans: Sequence[Span], lexicon: Lexicon) -> None:
    """The cue that governs a trigger: "according to X" anywhere in the sentence, a trailing
    attribution clause (", Yonhap reported"), or a reporting verb before it in the same clause
    or in the clause its reported content ("that ...") hangs from."""
    cache: dict[int, list[Attribution]] = {}
    clause_cache: dict[int, list[_Clause]] = {}  # a sentence's clauses, read once (not per trigger)
    by_sentence: dict[int, list[_Trigger]] = {}
    for u in triggers:
        by_sentence.setdefault(u.sentence, []).append(u)
    for t in triggers:
        s0, s1 = spans[t.sentence]
        if t.sentence not in cache:
            cache[t.sentence] = find_attributions(text, (s0, s1), lexicon=lexicon)
            clause_cache[t.sentence] = _sentence_clauses(by_sentence[t.sentence], t)
        cues = [c for c in cache[t.sentence] if c.claimant and not (c.start < t.end and t.start < c.end)]
        clauses = clause_cache[t.sentence]
        chosen: Attribution | None = None
        preps = [c for c in cues if c.kind == "preposition"]
        after = [c for c in cues if c.kind == "verb" and c.start >= t.end
                 and _clause_marker_at(clauses, c.start) == "attribution"]
        before = [c for c in cues if c.kind == "verb" and c.end <= t.start
                  and (c.start >= t.clause.start or t.clause.marker == "that")]
        if preps:
            chosen = preps[0]
        elif after:
            chosen = after[0]
        elif before:
            chosen = before[-1]
            t.assessed = True
        t.claimant = chosen.claimant if chosen else None


def _sentence_clauses(triggers: list[_Trigger], t: _Trigger) -> list[_Clause]:
    seen: dict[int, _Clause] = {}
    for u in triggers:
        if u.sentence == t.sentence:
            seen[id(u.clause)] = u.clause
    return sorted(seen.values(), key=lambda c: c.start)


def _clause_marker_at(clauses: list[_Clause], pos: int) -> str | None:
    for c in clauses:
        if c.start <= pos < c.end:
            return c.marker
    return None


def _merge(events: list[Event], statements: Sequence[bool] = ()) -> list[Event]:
    """One row per event of the article: same kind and action, compatible actor and date.

    Statements are events of their speaker: one speaker's statements on one day ("the
    Pentagon said on Monday ..." and later "..., he said.") are one briefing, whatever verb
    each sentence uses; the row keeps the stronger kind."""
    out: list[Event] = []
    spoken: list[bool] = []
    index = _MergeIndex(out, spoken)
    for n, e in enumerate(events):
        e_said = bool(statements[n]) if n < len(statements) else False
        for i in index.candidates(e, e_said):
            k = out[i]
            said = (e_said and spoken[i] and k.actor is not None
                    and k.actor == e.actor and k.date is not None and k.planned == e.planned
                    and (k.date, k.date_latest) == (e.date, e.date_latest))
            if said:
                if _STRENGTH.get(e.kind, 0) > _STRENGTH.get(k.kind, 0):
                    k = replace(k, kind=e.kind, action=e.action)
            elif k.kind != e.kind or k.action != e.action or k.planned != e.planned:
                continue
            if k.actor and e.actor and k.actor != e.actor:
                continue
            if k.date is not None and e.date is not None and (k.date, k.date_latest) != (e.date, e.date_latest):
                continue
            merged = replace(k, mentions=k.mentions + 1)
            if k.date is None and e.date is not None:
                merged = replace(merged, date=e.date, date_latest=e.date_latest, granularity=e.granularity,
                                 date_value=e.date_value)
            if k.actor is None and e.actor is not None:
                merged = replace(merged, actor=e.actor, actor_type=e.actor_type)
            if k.claimant is None and e.claimant is not None and e.claimant != merged.actor:
                merged = replace(merged, claimant=e.claimant)
            out[i] = merged
            index.update(i)
            break
        else:
            out.append(e)
            spoken.append(e_said)
            index.update(len(out) - 1)
    return sorted(out, key=lambda e: (e.start, e.end, e.kind, e.action or ""))


class _MergeIndex:
    """Which rows kept so far an event may merge into, without a look at every row.

    A row takes an event when it is the same statement (same speaker, day and plan: key "S") or
    the same kind, action and plan with an actor and a date that do not differ (a missing one
    fits any). Every row sits in buckets keyed by what it has; the buckets that fit an event
    hold only rows it may merge into, so the first row it merges into is the smallest index
    at the head of those buckets. A row whose actor, date or kind fills in later moves to new
    buckets; its old entries are dropped when they reach a bucket's head.
    """

    def __init__(self, rows: list[Event], spoken: list[bool]) -> None:
        self.rows, self.spoken = rows, spoken
        self.keys: list[frozenset[tuple[Any, ...]]] = []
        self.buckets: dict[tuple[Any, ...], list[int]] = {}

    def _keys_of(self, i: int) -> frozenset[tuple[Any, ...]]:
        k = self.rows[i]
        what = (k.kind, k.action, k.planned)
        actor = k.actor if k.actor else None
        day = (k.date, k.date_latest) if k.date is not None else None
        keys = {("KAD", what, actor, day), ("KA", what, actor), ("KD", what, day), ("K", what)}
        if self.spoken[i] and k.actor is not None and k.date is not None:
            keys.add(("S", k.actor, (k.date, k.date_latest), k.planned))
        return frozenset(keys)

    def update(self, i: int) -> None:
        """Row ``i`` was added or changed: file it under its (new) keys."""
        keys = self._keys_of(i)
        old = self.keys[i] if i < len(self.keys) else frozenset()
        if i == len(self.keys):
            self.keys.append(keys)
        else:
            self.keys[i] = keys
        for key in keys - old:
            heapq.heappush(self.buckets.setdefault(key, []), i)

    def _first(self, key: tuple[Any, ...]) -> int | None:
        heap = self.buckets.get(key)
        while heap and key not in self.keys[heap[0]]:
            heapq.heappop(heap)  # the row moved on to other keys
        return heap[0] if heap else None

    def candidates(self, e: Event, said: bool) -> list[int]:
        """The rows ``e`` may merge into, first ones of each fitting bucket, in row order."""
        what = (e.kind, e.action, e.planned)
        actor = e.actor if e.actor else None
        day = (e.date, e.date_latest) if e.date is not None else None
        actors = (None, actor) if actor is not None else ()
        days = (None, day) if day is not None else ()
        if actors and days:
            keys = [("KAD", what, a, d) for a in actors for d in days]
        elif actors:
            keys = [("KA", what, a) for a in actors]
        elif days:
            keys = [("KD", what, d) for d in days]
        else:
            keys = [("K", what)]
        if said and e.actor is not None and e.date is not None:
            keys.append(("S", e.actor, (e.date, e.date_latest), e.planned))
        found = {self._first(key) for key in keys}
        found.discard(None)
        return sorted(found)  # type: ignore[arg-type]
