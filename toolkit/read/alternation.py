"""One regular expression for a long list of alternatives, which the engine scans quickly.

Python's engine tries the branches of ``(?:a|b|c...)`` one after another at every position of
the text; under ``re.IGNORECASE`` it cannot skip a branch by its first character, so a lexicon
of 500 phrases costs 500 attempts per character. :func:`alternation` writes the same
alternatives grouped by their first character, each group behind a one-character look-ahead
(``(?i:(?=a))(?:about|across)|(?i:(?=b))(?:...)``): a position is then tried against the few
groups, and only one group's phrases can start there.

The matches are the same as the plain alternation's, at the same positions, because the groups
cannot overlap (each is keyed by a lower-cased ASCII character and its look-ahead ignores case;
the case classes of ASCII characters are disjoint, "K" and the Kelvin sign included) and because
each group keeps its alternatives in the given order. This holds whether or not the pattern is
compiled with ``re.IGNORECASE``. A symbol that has no case ("≥") keys a group of its own too.
Where an alternative starts with anything else (a class, a group, a non-ASCII letter), the
plain alternation is returned.

>>> import re
>>> body = alternation(["north korea", "north", "south"], re.IGNORECASE)
>>> [m.group(0) for m in re.finditer(body, "North Korea and the South", re.IGNORECASE)]
['North Korea', 'South']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

try:  # the parser re itself uses (3.11 and later): reads an alternative's first element
    from re import _parser
except ImportError:  # pragma: no cover - another Python: every alternation stays plain
    _parser = None
try:  # the engine's own case table: whether a character has other cases IGNORECASE matches
    import _sre
except ImportError:  # pragma: no cover
    _sre = None

#: Elements that match no character ("(?<![\w-])", "\b"): the first character is after them.
_ZERO_WIDTH = (_parser.ASSERT, _parser.ASSERT_NOT, _parser.AT) if _parser else ()
#: Below this many alternatives the plain alternation is as fast.
MIN_GROUPED = 16


#: What may follow an alternative's first character without making it something else than
#: that one character (a quantifier, or a branch of the alternative's own).
_NOT_AFTER_FIRST = frozenset("*+?{|")


def _first_key(alternative: str, flags: int) -> str | None:
    """The character an alternative must start with, lower-cased (a symbol without case as it is), or None
    when it does not start with one plain ASCII character (a class, a group, a quantifier),
    look-arounds and anchors before it aside."""
    # Most lexicon phrases open with a letter or digit and hold no branch of their own: their
    # key is that character, as the parser would say, without parsing them (a lexicon's 1,700
    # alternatives took a fifth of a second to parse, in every process; issue 15).
    if (alternative[:1].isascii() and alternative[:1].isalnum() and alternative[1:2] not in _NOT_AFTER_FIRST
            and "|" not in alternative):
        return alternative[0].lower()
    try:
        parsed = _parser.parse(alternative, flags)
    except (re.error, AttributeError, TypeError):  # not a pattern, or a parser of another shape
        return None
    ops = list(parsed)
    while ops and ops[0][0] in _ZERO_WIDTH:  # a look-behind before the first character
        ops.pop(0)
    if not ops or ops[0][0] is not _parser.LITERAL:
        return None
    char = chr(ops[0][1])
    if char.isascii():
        return char.lower()
    # a symbol without case ("≥") matches only itself, with or without IGNORECASE, and is in
    # no ASCII character's case class: it can key a group of its own
    return char if _sre is not None and not _sre.unicode_iscased(ord(char)) else None


def alternation(alternatives: Iterable[str], flags: int = 0) -> str:
    """``(?:a|b|...)`` over the regular expressions ``alternatives`` (in their order), grouped
    by first character; ``flags`` are those the caller compiles the whole pattern with (the
    alternatives are read with them; under VERBOSE or LOCALE nothing is grouped)."""
    items = list(alternatives)
    plain = "(?:" + "|".join(items) + ")"
    if _parser is None or len(items) < MIN_GROUPED or flags & (re.VERBOSE | re.LOCALE):
        return plain
    groups: dict[str, list[str]] = {}
    for item in items:
        key = _first_key(item, flags)
        if key is None:
            return plain
        groups.setdefault(key, []).append(item)
    # the look-ahead ignores case whatever the flags: a group then holds one case class
    # ("Kursk" beside "kill"), the same with or without IGNORECASE
    return "(?:" + "|".join(_behind_one_look(groups)) + ")"


#: Look-behinds that lexicon phrases open with ("not after a word"), hoisted out of them.
_HOISTED = (r"(?<![\w-])", r"(?<!\w)")


def _behind_one_look(groups: dict[str, list[str]]) -> list[str]:
    """The groups as branches, those whose every phrase opens with the same look-behind of
    :data:`_HOISTED` gathered behind that look-behind, written once.

    Inside a word every position fails that one test, instead of first passing the look-ahead
    of the group its letter keys and then failing each phrase's own look-behind (the cue
    patterns scanned 4x faster). The matches are the same: a look-behind reads no character,
    so testing it before the branch or at the head of each phrase is one test at one place;
    and the groups start with different characters, so no two of them can match at one
    position and their order does not matter."""
    behind: dict[str, list[tuple[str, str]]] = {}
    rest: list[tuple[str, str]] = []
    for key, group in groups.items():
        head = f"(?i:(?={re.escape(key)}))"
        look = next((h for h in _HOISTED if all(item.startswith(h) for item in group)), None)
        if look is None:
            rest.append((key, f"{head}(?:{'|'.join(group)})"))
        else:
            behind.setdefault(look, []).append((key, f"{head}(?:{'|'.join(item[len(look):] for item in group)})"))
    return [f"{look}(?:{_halved(branches)})" for look, branches in behind.items()] + ([_halved(rest)] if rest else [])


#: Up to this many groups are tried one after another; more are split in two halves.
_RUN = 4


def _halved(branches: list[tuple[str, str]]) -> str:
    """The groups ``branches`` ((key, branch) pairs) as a tree of halves, each behind one
    look-ahead for the keys it holds ("(?i:(?=[abcd...]))"): a position meets about five of
    them and a few groups' look-aheads instead of one look-ahead per group (26 for a list of
    phrases). The same matches: a half's look-ahead lets through every character its groups
    start with, and no other half's group can match there."""
    if len(branches) <= _RUN:
        return "|".join(branch for _, branch in branches)
    mid = len(branches) // 2
    halves = (branches[:mid], branches[mid:])
    return "|".join(f"(?i:(?=[{''.join(re.escape(k) for k, _ in half)}]))(?:{_halved(half)})" for half in halves)


__all__ = ["alternation"]
