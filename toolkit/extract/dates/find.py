"""Finding the dates of a text: the grammar of a lexicon, candidates, selection, :func:`find_dates`.

This module owns the driver. :func:`grammar` builds (once per lexicon, kept in
``Lexicon.cache``) the vocabulary, the compiled rules and the trigger index; :func:`find_dates`
runs each rule in the windows its trigger words open, keeps the longest non-overlapping
candidates, and resolves each, in text order, to a TIMEX3 type, value and mod.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from toolkit.extract.dates.calendar import narrow, resolve_value
from toolkit.extract.dates.context import Ctx
from toolkit.extract.dates.model import Rule
from toolkit.extract.dates.rules import compile_rules
from toolkit.extract.dates.rules.quarters import names_quarter
from toolkit.extract.dates.triggers import RULE_NEEDS, RULE_TRIGGER, TRIGGER_BASE, Triggers
from toolkit.extract.dates.vocab import Vocab
from toolkit.extract.english import load_english
from toolkit.read.clean import split_sentences
from toolkit.read.lexicon import Lexicon, default_lexicon, load_lexicon
from toolkit.records import DateMention

__all__ = ["Grammar", "find_dates", "grammar"]


@dataclass(frozen=True)
class Grammar:
    """The dates grammar of one lexicon: its vocabulary, its compiled rules, its trigger index."""

    vocab: Vocab
    rules: tuple[Rule, ...]
    triggers: Triggers


def grammar(lexicon: Lexicon) -> Grammar:
    """The dates grammar of ``lexicon`` (its ``dates.yaml`` and ``english.yaml``), built on first use and
    cached in it."""
    cached = lexicon.cache.get("dates.grammar")
    if cached is None:
        v = Vocab(load_lexicon("dates", root=lexicon.root), load_english(lexicon.root))
        v.compile_all()
        cached = lexicon.cache["dates.grammar"] = Grammar(v, compile_rules(v), Triggers(v))
    return cached


@dataclass
class _Cand:
    start: int
    end: int
    rule: Rule
    match: re.Match[str]


def _candidates(text: str, g: Grammar) -> list[_Cand]:
    out = []
    lower = text.lower()
    if len(lower) != len(text):  # a few Unicode letters change length when lower-cased
        lower = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    hits = g.triggers.hits(text, lower)
    regions: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    ascii_text = text.isascii()
    for rule in g.rules:
        key = RULE_TRIGGER.get(rule.name)
        if key is None:
            needs = RULE_NEEDS.get(rule.name)
            if ascii_text and needs is not None and not any(w in lower for w in needs):
                continue  # (issue 15: each of these scans costs as much as a rule's windows)
            spans = [(0, len(text))]
        else:
            if not any(TRIGGER_BASE[name] in hits for name in key):
                continue  # none of the words this rule needs occurs in the text
            if key not in regions:
                regions[key] = g.triggers.regions(text, hits, key)
            spans = regions[key]
        for m in (m for a, b in spans for m in rule.pattern.finditer(text, a, b)):
            if m.end() <= m.start():
                continue
            if rule.accept is not None and not rule.accept(m, text, g.vocab):
                continue
            start, end = rule.span(m, g.vocab) if rule.span is not None else (m.start(), m.end())
            # Trim whitespace and a trailing sentence period that regex tails may have eaten.
            while end > start and text[end - 1] in " \t\n,":
                end -= 1
            out.append(_Cand(start, end, rule, m))
    return out


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Longest candidates first (rule priority breaks ties); no two kept spans overlap."""
    cands.sort(key=lambda c: (-(c.end - c.start), c.rule.priority, c.start))
    taken: list[tuple[int, int]] = []
    kept = []
    for c in cands:
        i = bisect.bisect_left(taken, (c.start, c.end))
        if i > 0 and taken[i - 1][1] > c.start:
            continue
        if i < len(taken) and taken[i][0] < c.end:
            continue
        taken.insert(i, (c.start, c.end))
        kept.append(c)
    kept.sort(key=lambda c: c.start)
    return kept


def find_dates(text: str, *, published: dt.date | None = None, sentences: Sequence[tuple[int, int]] | None = None,
               lexicon: Lexicon | None = None) -> list[DateMention]:
    """Temporal expressions of ``text`` as TIMEX3-normalised :class:`DateMention` records.

    Args:
        text: the article's clean text; offsets of the records point into it.
        published: the publication date, anchor of relative expressions ("last week"). When
            ``None``, relative expressions are still found, with values such as ``XXXX-10``
            and no ``earliest``/``latest`` where they cannot be resolved.
        sentences: (start, end) spans of the sentences; sets ``sentence_id`` (else -1) and
            bounds the clause whose tense dates a yearless "May 9" (default:
            :func:`toolkit.read.clean.split_sentences`, used for the tense only).
        lexicon: the vocabulary (default: ``data/lexicon`` or ``$TOOLKIT_LEXICON``); its
            ``dates.yaml`` gives the month names, number words, holidays, cue words...

    Returns:
        Records in text order, ``text[r.start:r.end] == r.text`` for each.

    >>> [(d.text, d.value, d.mod) for d in find_dates("Talks began in late 2024 and resumed on "
    ...     "April 26, two days after a ceasefire.", published=dt.date(2025, 4, 28))]
    [('late 2024', '2024', 'END'), ('April 26', '2025-04-26', None), ('two days', 'P2D', None)]
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    if not text:
        return []
    g = grammar(lexicon or default_lexicon())
    sent_spans = list(sentences) if sentences else split_sentences(text)
    ctx = Ctx(text, published, [s for s, _ in sent_spans], sent_spans, g.vocab, anchor=None)
    sent_starts = [s for s, _ in sentences] if sentences else None
    out: list[DateMention] = []
    for c in _select(_candidates(text, g)):
        try:
            res = c.rule.handle(c.match, ctx)
        except (ValueError, OverflowError):
            continue  # reckoning past the calendar datetime.date knows (years 1-9999): no value to write
        if res is None:
            continue
        typ, value, mod = res
        earliest, latest, gran = resolve_value(value)
        if typ in ("DURATION", "SET"):
            earliest = latest = None
            gran = "none"
        if earliest is not None and latest is not None:
            earliest, latest = narrow(earliest, latest, mod)
            if published is not None and text[c.start:c.start + 7].lower() == "earlier" and latest > published:
                # "earlier this year" ends at publication at the latest.
                latest = max(earliest, published)
            if c.rule.anchors:
                ctx.anchor, ctx.anchor_gran = earliest, gran
        if (c.rule.name in ("quarter", "q_short") and names_quarter(c.match, g.vocab)
                and re.fullmatch(r"\d{4}-Q[1-4]", value)):
            ctx.quarter_value, ctx.quarter_at = value, c.start
        sid = -1
        if sent_starts is not None:
            i = bisect.bisect_right(sent_starts, c.start) - 1
            if i >= 0 and c.start < sentences[i][1]:
                sid = i
        out.append(DateMention(start=c.start, end=c.end, text=text[c.start:c.end], type=typ, value=value,
                               mod=mod, earliest=earliest, latest=latest, granularity=gran, sentence_id=sid,
                               ambiguous=c.start in ctx.ambiguous))
    return out
