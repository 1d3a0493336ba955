"""Clauses: where a sentence splits, and the quotations inside it.

A sentence splits at ``;``/``:``, at ``, and``/``, but`` between two verbs, at subordinators,
before "and" with a named subject, at a participle after a comma (", praising"), after a closing
quotation mark and at a trailing attribution (", Yonhap reported on April 28"). Each clause
records the word that opens it (its *marker*), which the later passes read.
"""

from __future__ import annotations

import re

from toolkit.extract.english import BE, DO, HAVE, MODALS
from toolkit.extract.events.grammar import Rules
from toolkit.extract.events.model import Article, Clause, Span, inside
from toolkit.extract.events.words import tokens
from toolkit.read.alternation import alternation

# Words that open a clause, mid-sentence and at its start. They are rules of the splitter (which
# word starts a clause, and how the later passes read its marker), so they stay in code here,
# not in english.py or a lexicon file.
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
# the patterns the clause cutter runs over every sentence, compiled once
_SEMICOLON = re.compile(r"[;:]\s+")
# A comma, or white space not after white space or right after a word and one space, then
# white space and the word: ``(?:,|(?<!\s)|(?<=\w\s))\s+(word)\s``, written to start with the
# character it consumes (a comma or a space), so the engine skips to those and tries nothing
# inside words, and with the words grouped by first letter (the same matches; half the time).
_SUBORDINATE_WORD = re.compile(
    r"[,\s](?:(?<=,)\s|(?<=\s)(?<!\s\s)|(?<=\w\s\s))\s*("
    + alternation([s.replace(" ", r"\s+") for s in _SUBORDINATORS] + ["and", "but", "or"], re.IGNORECASE) + r")\s",
    re.IGNORECASE)
_AND_BUT = re.compile(r"(?<!\s)\s+(and|but)\s+")
_COMMA_ING = re.compile(r",\s+(\w+ing)\b")
_COMMA = re.compile(r",\s+")
_SPACES = re.compile(r"\s+")  # a run of white space, read as one space
#: Each subordinator as a word at the start of a text, compiled once.
_OPENS = {sub: re.compile(rf"{sub}\b", re.IGNORECASE) for sub in _INITIAL_SUBORDINATORS}


# "MOSCOW, Oct. 11 (Meridian Wire) - ": a wire dateline names the filing place and day, not an event.
_DATELINE = re.compile(r"^[A-Z][A-Z/ .'’-]{2,40},\s+[^()\n]{0,25}?\([^)\n]{1,40}\)\s*[-–—]+\s*")


def quote_spans(text: str, lo: int, hi: int) -> list[Span]:
    """The quotations in ``text[lo:hi]``, each from its opening to past its closing mark."""
    spans, open_at = [], None
    for i in range(lo, hi):
        ch = text[i]
        if ch == "“" or (ch == '"' and open_at is None):
            open_at = i
        elif (ch == "”" or ch == '"') and open_at is not None:
            spans.append((open_at, i + 1))
            open_at = None
    return spans


def split_clauses(art: Article, sid: int) -> list[Clause]:
    """The clauses of sentence ``sid``, in text order (its quotations must be in ``art.quotes``).

    Each cut keeps a marker set before it, except those of a dateline, of the main clause after
    an initial subordinate one, of a semicolon and of a trailing attribution, which replace it.
    """
    s0, s1 = art.sentences[sid]
    cuts: dict[int, str] = {}  # where a clause starts -> its marker
    _cut_opening(art, sid, cuts)
    _cut_at_words(art, sid, cuts)
    _cut_before_named_subject(art, sid, cuts)
    _cut_at_participles_and_quotes(art, sid, cuts)
    _cut_trailing_attribution(art, sid, cuts)
    _cut_at_comma_splice(art, sid, cuts)
    _mark_after_semicolons(art, sid, cuts)
    starts = sorted(set(cuts) | {s0})
    out = []
    for i, a in enumerate(starts):
        b = starts[i + 1] if i + 1 < len(starts) else s1
        if b > a:
            out.append(Clause(a, b, cuts.get(a), sid))
    return out


def recut(clauses: list[Clause], extra: dict[int, str], s1: int, sid: int) -> list[Clause]:
    """``clauses`` (of a sentence ending at ``s1``) cut again at ``extra``'s positions too."""
    cuts = {c.start: c.marker for c in clauses}
    for pos, marker in extra.items():
        cuts.setdefault(pos, marker)
    starts = sorted(cuts)
    return [
        Clause(a, starts[i + 1] if i + 1 < len(starts) else s1, cuts[a], sid)
        for i, a in enumerate(starts)
    ]


def _cut_opening(art: Article, sid: int, cuts: dict[int, str]) -> None:
    """A wire dateline, and a sentence-initial subordinate clause ("Although ..., main")."""
    s0, s1 = art.sentences[sid]
    body = art.text[s0:s1]
    dateline = _DATELINE.match(body)
    if dateline:
        cuts[s0] = "dateline"
        cuts[s0 + dateline.end()] = "lead"
    # sentence-initial subordinate clause: "Although ..., main" / "Even after ..., main"
    lead = body.lstrip("“\" ")
    for sub in _INITIAL_SUBORDINATORS:
        if _OPENS[sub].match(lead):
            if sub in ("since", "until", "despite", "following") and not re.match(
                rf"{sub}\s+(?:\w+\s+){{0,5}}?\w+(?:ed|ing)\b", lead, re.IGNORECASE
            ):
                break  # "Since October 2024, ..." is a date, not a clause
            m = re.search(r",\s", body)
            if m:
                cuts[s0 + m.end()] = "main"
            cuts.setdefault(s0, sub.lower())
            break


def _cut_at_words(art: Article, sid: int, cuts: dict[int, str]) -> None:
    """Semicolons and colons, subordinators, and ", and"/", but"/", or" between two verbs."""
    text, rules, quotes = art.text, art.rules, art.quotes[sid]
    s0, s1 = art.sentences[sid]
    body = text[s0:s1]
    for m in _SEMICOLON.finditer(body):
        cuts[s0 + m.end()] = "semicolon"
    # From the start of a run of white space only (or from the space a previous match ended
    # in): from inside the run the match is the same one, and a long run would be rescanned.
    for m in _SUBORDINATE_WORD.finditer(body):
        word = _SPACES.sub(" ", m.group(1).lower())
        if word in ("and", "but", "or") and not (
            m.group(0).startswith(",") and _has_verb(text, s0, s0 + m.start(), rules)
            and _has_verb(text, s0 + m.end(), s1, rules)
        ):
            continue  # ", and" joins clauses only between two verbs, not in a list of names
        if inside(s0 + m.start(1), quotes):
            continue
        if word in ("which", "who", "whose", "where") and m.group(0).startswith(",") \
                and _embedded_before_statement(art, s0 + m.end(), s1):
            continue  # "the mayor, who toured the coast, said": the main clause goes on after it
        if word == "what" and re.search(r"\b(?:from|of|in|to|with|by|for|on|at)\s*$", body[:m.start(1)], re.IGNORECASE):
            continue  # "agents from what was dubbed ...": a free relative inside a noun phrase, no question
        cuts.setdefault(s0 + m.start(1), word)


def _embedded_before_statement(art: Article, lo: int, s1: int) -> bool:
    """Whether the relative clause opening at ``lo`` closes at a comma right before a finite
    reporting verb ("X, which took the brunt of the storm, said"): it sits between the subject
    and its verb, so it cuts nothing. (One holding a cue verb of its own stays a clause.)"""
    text, rules = art.text, art.rules
    comma = text.find(",", lo, s1)
    if comma < 0 or rules.pattern.search(text, lo, comma):
        return False
    m = re.match(r",\s+(?:\w+ly\s+|also\s+)?(\w+)\b", text[comma:s1])
    info = rules.forms.get(m.group(1).lower()) if m else None
    return bool(info and info[1] in rules.statement_kinds and info[2] != "noun" and info[3] in ("past", "s"))


def _cut_before_named_subject(art: Article, sid: int, cuts: dict[int, str]) -> None:
    """"... approved it on Nov. 6 and Vladimir Putin signed ...": "and" before a named subject."""
    text, rules, quotes, actors = art.text, art.rules, art.quotes[sid], art.lexicon.actors
    s0, s1 = art.sentences[sid]
    for m in _AND_BUT.finditer(text[s0:s1]):  # from the start of the white space only
        pos = s0 + m.end()
        if inside(pos, quotes):
            continue
        if any(a.end == s0 + m.start() for a in actors.find(text, max(s0, s0 + m.start() - 60), s0 + m.start())):
            continue  # "Putin and Kim signed": names coordinated into one subject
        if any(a.start == pos and a.kind == "alias" for a in actors.find(text, pos, min(s1, pos + 60))) \
                and _has_verb(text, s0, s0 + m.start(), rules) and _has_verb(text, pos, s1, rules):
            cuts.setdefault(s0 + m.start(1), "and")


def _cut_at_participles_and_quotes(art: Article, sid: int, cuts: dict[int, str]) -> None:
    """A participle after a comma, and the attribution after a closing quotation mark."""
    text, quotes = art.text, art.quotes[sid]
    s0, s1 = art.sentences[sid]
    # ", praising ...", ", adding that ...": a participle after a comma opens a clause
    for m in _COMMA_ING.finditer(text[s0:s1]):
        if not inside(s0 + m.start(1), quotes) and m.group(1)[0].islower():
            cuts.setdefault(s0 + m.start(1), "participle")
    # a closing quotation mark followed by the attribution ('...," the KCNA said')
    for a, b in quotes:
        if s0 < b < s1 - 1 and (text[b - 2:b - 1] == "," or text[b:b + 1] == ","):
            cuts.setdefault(b, "attribution")


_FIRST_WORDS = re.compile(r"\s*(\w+(?:\s+\w+)?)")


def _opens_subordinate(text: str, lo: int, hi: int) -> bool:
    """Whether ``text[lo:hi]`` opens with a subordinator ("while", "as well as")."""
    opens = _FIRST_WORDS.match(text[lo:hi])
    return opens is not None and any(_OPENS[sub].match(opens.group(1)) for sub in _INITIAL_SUBORDINATORS)


def _cut_trailing_attribution(art: Article, sid: int, cuts: dict[int, str]) -> None:
    """", South Korean media outlet Yonhap reported on April 28.": a short last stretch after a
    comma whose reporting verb closes the sentence."""
    text, rules, quotes = art.text, art.rules, art.quotes[sid]
    s0, s1 = art.sentences[sid]
    commas = [m.end() for m in _COMMA.finditer(text[s0:s1])]
    if not commas:
        return
    tail = s0 + commas[-1]
    toks = tokens(text, tail, s1)
    if len(toks) <= 12 and not inside(tail, quotes) and not _opens_subordinate(text, tail, s1):
        for m in rules.pattern.finditer(text, tail, s1):
            info = rules.forms.get(_SPACES.sub(" ", m.group(0).lower()))
            # the verb closes the sentence, at most a date after it ("reported on April 28.")
            rest = tokens(text, m.end(), s1)
            words = {w.lower() for _, _, w in toks}
            retyped = any(words & typical for _, typical in rules.object_kinds.get(info[0], ())) if info else False
            # ("..., the government released six journalists.": a release, not an attribution)
            if info and info[1] in rules.statement_kinds and info[3] in ("past", "s", "base") and len(rest) <= 5 \
                    and not retyped:
                opens_with_verb = not text[tail:m.start()].strip()
                if opens_with_verb and any(w.lower() in _FINITE for _, _, w in rest):
                    break  # "..., said more rain was coming": the verb's subject is before the comma
                cuts[tail] = "attribution"
                if opens_with_verb:
                    _attribution_subject_before(art, sid, cuts, tail, commas)
                break


def _attribution_subject_before(art: Article, sid: int, cuts: dict[int, str], tail: int, commas: list[int]) -> None:
    """", a spokesman for the agency, Jane Roe, told reporters.": a trailing attribution whose verb
    opens the last stretch has its subject and an apposition in the two stretches before it
    (noun phrases between commas, no finite verb in them): the attribution starts there."""
    text, rules, quotes = art.text, art.rules, art.quotes[sid]
    s0 = art.sentences[sid][0]
    ends = [s0 + c for c in commas]
    k = ends.index(tail)
    if k < 2:
        return
    start = ends[k - 2]
    if inside(start, quotes) or _has_verb(text, start, tail, rules) or len(tokens(text, start, tail)) > 24:
        return
    del cuts[tail]
    cuts[start] = "attribution"


# a comma, then a counted or determined noun phrase (maybe with an apposition between commas)
# and its own passive verb: ", 230 prisoners, men and women, were freed"
_SPLICE = re.compile(r",\s+(?=(?:\d[\d,]*|the|some|about|another|more|at|all|many|dozens|hundreds|thousands)\b"
                     r"[^;:.]{0,80}?\b(?:was|were)\s+(?:\w+ly\s+)?(\w+)\b)", re.IGNORECASE)


def _cut_at_comma_splice(art: Article, sid: int, cuts: dict[int, str]) -> None:
    """"... conducted a swap, 230 soldiers were released": two main clauses joined by a comma (as
    wire copy runs them), the second a passive happening with a subject of its own."""
    text, rules, quotes = art.text, art.rules, art.quotes[sid]
    s0, s1 = art.sentences[sid]
    for m in _SPLICE.finditer(text, s0, s1):
        info = rules.forms.get(m.group(1).lower())
        if info is None or info[1] in rules.statement_kinds and info[0] not in rules.object_kinds \
                or info[3] != "past" or inside(m.end(), quotes):
            continue
        if _has_verb(text, s0, m.start(), rules) and not any(m.start() < c < m.end() for c in cuts):
            cuts.setdefault(m.end(), "splice")


def _mark_after_semicolons(art: Article, sid: int, cuts: dict[int, str]) -> None:
    """"...; whether either side acknowledges it": a subordinator after a semicolon marks the clause."""
    s1 = art.sentences[sid][1]
    for pos, marker in list(cuts.items()):
        if marker == "semicolon":
            word = re.match(r"\s*(\w+(?:\s+\w+)?)", art.text[pos:s1])
            for sub in _INITIAL_SUBORDINATORS:
                if word and _OPENS[sub].match(word.group(1)):
                    cuts[pos] = sub.lower()
                    break


# the auxiliaries that mark a clause's finite verb: forms of be, have and do and the modals, less
# the non-finite ones; "am", "'s", "do", "shall" and "'ll" were never in this test, and adding
# them would move clause cuts (a behaviour change to make on purpose, with the benchmarks)
_FINITE = (BE | HAVE | DO | MODALS) - {"be", "been", "being", "having", "am", "'s", "do", "shall", "'ll"}


def _has_verb(text: str, lo: int, hi: int, rules: Rules) -> bool:
    """Whether ``text[lo:hi]`` has a finite verb: an auxiliary or a cue verb in the past or -s form."""
    words = [w.lower() for _, _, w in tokens(text, lo, hi)]
    if any(w in _FINITE for w in words):
        return True
    for m in rules.pattern.finditer(text, lo, hi):
        info = rules.forms.get(_SPACES.sub(" ", m.group(0).lower()))
        if info and info[2] != "noun" and info[3] in ("past", "s"):
            return True
    return False
