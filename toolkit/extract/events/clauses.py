"""Clauses: where a sentence splits, and the quotations inside it.

A sentence splits at ``;``/``:``, at ``, and``/``, but`` between two verbs, at subordinators,
before "and" with a named subject, at a participle after a comma (", praising"), after a closing
quotation mark and at a trailing attribution (", Yonhap reported on April 28"). Each clause
records the word that opens it (its *marker*), which the later passes read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from toolkit.extract.events.grammar import Rules
from toolkit.extract.events.model import Clause, Span, inside
from toolkit.extract.events.words import tokens
from toolkit.read.lexicon import Lexicon

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


# "MOSCOW, Oct. 11 (Meridian Wire) - ": a wire dateline names the filing place and day, not an event.
_DATELINE = re.compile(r"^[A-Z][A-Z/ .'’-]{2,40},\s+[^()\n]{0,25}?\([^)\n]{1,40}\)\s*[-–—]+\s*")


def quote_spans(text: str, lo: int, hi: int) -> list[Span]:
    spans, open_at = [], None
    for i in range(lo, hi):
        ch = text[i]
        if ch == "“" or (ch == '"' and open_at is None):
            open_at = i
        elif (ch == "”" or ch == '"') and open_at is not None:
            spans.append((open_at, i + 1))
            open_at = None
    return spans


def split_clauses(text: str, s0: int, s1: int, sid: int, rules: Rules, quotes: Sequence[Span],
             lexicon: Lexicon) -> list[Clause]:
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
        if inside(s0 + m.start(1), quotes):
            continue
        cuts.setdefault(s0 + m.start(1), word)
    # "... approved it on Nov. 6 and Vladimir Putin signed ...": "and" before a named subject
    for m in re.finditer(r"(?<!\s)\s+(and|but)\s+", body):  # from the start of the white space only
        pos = s0 + m.end()
        if inside(pos, quotes):
            continue
        if any(a.end == s0 + m.start() for a in lexicon.actors.find(text, max(s0, s0 + m.start() - 60), s0 + m.start())):
            continue  # "Putin and Kim signed": names coordinated into one subject
        if any(a.start == pos and a.kind == "alias" for a in lexicon.actors.find(text, pos, min(s1, pos + 60))) \
                and _has_verb(text, s0, s0 + m.start(), rules) and _has_verb(text, pos, s1, rules):
            cuts.setdefault(s0 + m.start(1), "and")
    # ", praising ...", ", adding that ...": a participle after a comma opens a clause
    for m in re.finditer(r",\s+(\w+ing)\b", body):
        if not inside(s0 + m.start(1), quotes) and m.group(1)[0].islower():
            cuts.setdefault(s0 + m.start(1), "participle")
    # a closing quotation mark followed by the attribution ('...," the KCNA said')
    for a, b in quotes:
        if s0 < b < s1 - 1 and (text[b - 2:b - 1] == "," or text[b:b + 1] == ","):
            cuts.setdefault(b, "attribution")
    # trailing attribution: ", South Korean media outlet Yonhap reported on April 28."
    commas = [m.end() for m in re.finditer(r",\s+", body)]
    if commas:
        tail = s0 + commas[-1]
        toks = tokens(text, tail, s1)
        opens = re.match(r"\s*(\w+(?:\s+\w+)?)", text[tail:s1])
        subordinate = opens is not None and any(re.match(rf"{sub}\b", opens.group(1), re.IGNORECASE)
                                                for sub in _INITIAL_SUBORDINATORS)
        if len(toks) <= 12 and not inside(tail, quotes) and not subordinate:
            for m in rules.pattern.finditer(text, tail, s1):
                info = rules.forms.get(re.sub(r"\s+", " ", m.group(0).lower()))
                # the verb closes the sentence, at most a date after it ("reported on April 28.")
                rest = tokens(text, m.end(), s1)
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
            out.append(Clause(a, b, cuts.get(a), sid))
    return out


_FINITE = frozenset("is are was were has have had will would could may might can should must did does".split())


def _has_verb(text: str, lo: int, hi: int, rules: Rules) -> bool:
    words = [w.lower() for _, _, w in tokens(text, lo, hi)]
    if any(w in _FINITE for w in words):
        return True
    for m in rules.pattern.finditer(text, lo, hi):
        info = rules.forms.get(re.sub(r"\s+", " ", m.group(0).lower()))
        if info and info[2] != "noun" and info[3] in ("past", "s"):
            return True
    return False
