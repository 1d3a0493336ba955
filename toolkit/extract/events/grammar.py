"""The event lexicon compiled into rules: cue forms with their lemma, kind, part of speech and
grammar, and the phrase patterns the passes test clauses with (``data/lexicon/events.yaml``),
with what the event rules derive from the shared English lists (``data/lexicon/english.yaml``,
through :mod:`toolkit.extract.english`): month and weekday names, number words.

:func:`rules_of` builds :class:`Rules` once per lexicon and keeps them in the lexicon's cache.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from toolkit.extract.english import English, load_english
from toolkit.extract.sources import source_heads
from toolkit.read.alternation import alternation
from toolkit.read.lexicon import Lexicon, load_lexicon


@dataclass(frozen=True)
class Rules:
    """What ``events.yaml`` says, compiled: cue forms, phrase patterns and word sets."""

    forms: dict[str, tuple[str, str, str, str]]  # lower form -> (lemma, kind, pos, grammar)
    pattern: re.Pattern[str]
    statement_kinds: frozenset[str]
    report_lemmas: frozenset[str]
    requires: dict[str, frozenset[str]]
    intransitive: frozenset[str]
    object_kinds: dict[str, tuple[tuple[str, frozenset[str]], ...]]  # lemma -> (kind, clause words)
    patient_kinds: frozenset[str]
    heads: re.Pattern[str]
    speaker_heads: frozenset[str]  # head nouns of a source named as the text gives it
    member_heads: frozenset[str]  # members of a group its name may modify ("Hamas militants")
    planned: re.Pattern[str]
    governors: frozenset[str]
    homographs: frozenset[str]
    not_events: re.Pattern[str]
    falsehood: re.Pattern[str]
    casualty_words: re.Pattern[str]
    toll_kind: str  # the kind of a statement whose news is a casualty count
    content_lemmas: frozenset[str]
    light_verbs: frozenset[str]
    media_lemmas: frozenset[str]
    custody_words: frozenset[str]  # where captives are held ("captivity", "prisons")
    disaster_words: frozenset[str]  # natural forces that strike on their own ("the flooding")
    preterites: frozenset[str]  # past forms that are never participles ("took", "withdrew")
    same_acts: dict[str, frozenset[str]]  # an `other` lemma -> the lemmas of its kind of occasion
    swap_acts: frozenset[str]  # the lemmas of a swap itself ("exchange", "swap"), whose halves are releases
    swap_nouns: re.Pattern[str] | None  # the nouns that name a swap ("prisoner swap"), read in a row's text
    quoting_persons: frozenset[str]  # pronouns of the one quoted ("we", "I"): a quotation's own voice
    quoted_kinds: frozenset[str]  # happenings a quotation states (acts of force, not movements)
    owned_noun_kinds: frozenset[str]  # cue nouns an owner makes events undated ("Russian assaults")
    # from english.yaml
    months: frozenset[str]  # month names and abbreviations, lower case
    name_goes_on: re.Pattern[str]  # another capitalised part of a name, not a month or a weekday
    counts: dict[str, int]  # the number words of a duration ("two days after")
    bare_figure: re.Pattern[str]  # a statement whose whole content is a (qualified) number


def _words(form: str) -> str:
    """A pattern of a phrase's words, any white space between them, either apostrophe."""
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


def _count_of(words: re.Pattern[str], english: English) -> re.Pattern[str]:
    """A number and, within four words, one of ``words``: "about 1,100 North Korean soldiers were
    killed", "2,000 dead", "hundreds of casualties" (a count, not "heavy losses")."""
    # scale words up to a million, the largest a count of people reaches
    scales = "|".join(re.escape(w) for w, v in sorted(english.scales.items(), key=lambda wv: -wv[1])
                      if v <= 1_000_000)
    # (a numeral of at most 51 characters, taken whole: a search over a long run of "1,1,1..."
    # would otherwise rescan the rest of the run from each digit; the plurals are vague counts,
    # which english.yaml leaves to the rules)
    number = rf"(?:\d[\d,.]{{0,50}}+(?:\s+(?:{scales}))?|hundreds|thousands|dozens)"
    return re.compile(rf"(?<![\w-]){number}(?:\s+[\w'’-]+){{0,4}}?\s+(?:{words.pattern})", re.IGNORECASE)


def _name_goes_on(english: English) -> re.Pattern[str]:
    """Another capitalised name part right after an alias ("Kim" in "Kim Yong-hyun"); a month or
    a weekday name ("Zelensky Monday told ...", "Putin September 2024") is none."""
    names = [*english.weekdays, *english.months, *english.month_abbreviations]
    alternation = "|".join(re.escape(w.title()) for w in names)
    return re.compile(rf"[ \u00a0](?!(?:{alternation})\b)[A-Z][a-z]+(?:-[a-z]+)?\b")


def _duration_counts(english: English) -> dict[str, int]:
    """The number words of a duration before "after"/"before": the cardinals one to twelve (the
    range the rule was written and tested with) and "a"/"an" as one ("a week before"); other
    words ("several") give no count."""
    counts = {w: v for w, v in english.cardinals.items() if 1 <= v <= 12}
    return {**counts, "a": 1, "an": 1}


def rules_of(lexicon: Lexicon) -> Rules:
    """The rules of ``lexicon``'s ``events.yaml``, compiled once and cached in the lexicon."""
    cached = lexicon.cache.get("events.rules")
    if cached is not None:
        return cached
    data: dict[str, Any] = load_lexicon("events", root=lexicon.root) or {}
    english = load_english(lexicon.root)
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
    forms_body = alternation((_words(f) for f in sorted(forms, key=len, reverse=True)), re.IGNORECASE)
    pattern = re.compile(rf"(?<![\w-]){forms_body}(?![\w-])", re.IGNORECASE)

    def phrase_pattern(key: str) -> re.Pattern[str]:
        items = sorted((str(w) for w in data.get(key) or []), key=len, reverse=True)
        body = alternation((_words(w) for w in items), re.IGNORECASE) if items else r"(?:(?!))"
        return re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE)

    rules = Rules(
        forms=forms,
        pattern=pattern,
        statement_kinds=frozenset(data.get("statement_kinds") or ()),
        report_lemmas=frozenset(data.get("report_date_lemmas") or ()),
        requires={str(k): frozenset(str(w).lower() for w in v or ()) for k, v in (data.get("requires") or {}).items() if v},
        object_kinds={str(lemma): tuple((str(k), frozenset(str(w).lower() for w in ws or ())) for k, ws in (v or {}).items())
                      for lemma, v in (data.get("object_kinds") or {}).items()},
        intransitive=frozenset(data.get("intransitive") or ()),
        patient_kinds=frozenset(data.get("patient_kinds") or ()),
        heads=phrase_pattern("actor_heads"),
        member_heads=frozenset(str(w).lower() for w in data.get("member_heads") or ()),
        # a speaker's head: a source's (reporting.yaml, the claimants' list), an actor's, or a
        # member of an armed group ("Boko Haram terrorists")
        speaker_heads=frozenset(str(w).lower().split()[-1] for w in
                                [*(data.get("actor_heads") or ()), *(data.get("member_heads") or ()),
                                 *source_heads(lexicon)])
        - frozenset(str(w).lower() for w in lexicon.reporting.get("commentators") or ()),
        planned=phrase_pattern("planned_cues"),
        governors=frozenset(str(w).lower() for w in data.get("plan_governors") or ()),
        homographs=frozenset(str(w).lower() for w in data.get("noun_homographs") or ()),
        not_events=phrase_pattern("not_events"),
        falsehood=phrase_pattern("falsehood"),
        casualty_words=_count_of(phrase_pattern("casualty_words"), english),
        toll_kind=str(data.get("toll_statement_kind") or "announcement"),
        content_lemmas=frozenset(data.get("content_lemmas") or ()),
        light_verbs=frozenset(data.get("light_verbs") or ()),
        media_lemmas=frozenset(data.get("media_lemmas") or ()),
        custody_words=frozenset(str(w).lower() for w in data.get("custody_words") or ()),
        disaster_words=frozenset(str(w).lower() for w in data.get("disaster_words") or ()),
        preterites=_preterites(data),
        same_acts={str(lemma): frozenset(str(w) for w in group) for group in data.get("same_acts") or ()
                   for lemma in group},
        swap_acts=frozenset(str(w) for w in data.get("swap_acts") or ()),
        swap_nouns=_swap_nouns(data),
        quoting_persons=frozenset(str(w).lower() for w in data.get("quoting_persons") or ()),
        quoted_kinds=frozenset(str(w) for w in data.get("quoted_kinds") or ()),
        owned_noun_kinds=frozenset(str(w) for w in data.get("owned_noun_kinds") or ()),
        months=frozenset(english.all_months),
        name_goes_on=_name_goes_on(english),
        counts=_duration_counts(english),
        bare_figure=_bare_figure(english),
    )
    lexicon.cache["events.rules"] = rules
    return rules


def _swap_nouns(data: dict[str, Any]) -> re.Pattern[str] | None:
    """The nouns (and verb forms) of the ``swap_acts`` lemmas, as one pattern: a row whose
    verb is light ("conducted the biggest prisoner swap") names its swap in its text."""
    acts = {str(w) for w in data.get("swap_acts") or ()}
    forms = {str(n) for entry in (data.get("kinds") or {}).values()
             for n, lemma in ((entry or {}).get("nouns") or {}).items() if str(lemma) in acts}
    forms |= {str(f) for entry in (data.get("kinds") or {}).values()
              for lemma, fs in ((entry or {}).get("verbs") or {}).items() if str(lemma) in acts for f in fs or ()}
    if not forms:
        return None
    alternation = "|".join(_words(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)


def _preterites(data: dict[str, Any]) -> frozenset[str]:
    """The simple-past forms that cannot be participles: a lemma's past forms other than its
    participle, where its list has one in -n ("took control" beside "taken control",
    "withdrew" beside "withdrawn"), so "took control of" is a finite verb, never a noun's
    modifier as "troops deployed to Russia" is."""
    out: set[str] = set()
    for entry in (data.get("kinds") or {}).values():
        for lemma, verb_forms in ((entry or {}).get("verbs") or {}).items():
            listed = [str(f).lower() for f in verb_forms or []]
            firsts = {f.split()[0] for f in listed}
            past = [f for f in listed if _grammar(f, str(lemma)) == "past"]
            participles = [f for f in past if f.split()[0].endswith("n")]
            # not a form that is also a participle ("held", "sent", "entered") or a base with
            # its -s form listed beside it ("hold hostage" in the list of "take hostage")
            out.update(f for f in past if participles and f not in participles
                       and not f.split()[0].endswith(("d", "t", "s"))
                       and not {f.split()[0] + "s", f.split()[0] + "es"} & firsts)
    return frozenset(out)


def _bare_figure(english: English) -> re.Pattern[str]:
    """An elliptical statement whose whole content is a number, perhaps qualified ("while
    Zelensky claimed more than 3,000."): a figure's claim, which the figures table holds.
    The qualifiers are english's, the words a figure's bound is read from."""
    before, _ = english.figure_qualifiers
    # a word ends with its space; an abbreviation's period may touch the number ("approx.3,000")
    words = "|".join(_words(w) + (r"\s+" if w[-1].isalnum() else r"\s*")
                     for w in sorted(before, key=len, reverse=True))
    return re.compile(
        rf"\s*(?:{words})?\d[\d,.]*(?:\s+(?:more|in\s+all|in\s+total|altogether))?\s*[.;]?\s*$",
        re.IGNORECASE,
    )
