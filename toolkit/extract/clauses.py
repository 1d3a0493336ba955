"""Clauses and quotations around an attribution cue: which cue is the sentence's main
reporting clause, and which words are inside a quotation (``attribution`` uses these)."""

from __future__ import annotations

import re
from typing import Any

_SUBORDINATE = re.compile(
    r"\b(?:though|although|while|whereas|but|because|as|since|when|where|which|who|whom|whose|that|if|unless|"
    r"after|before|until|and)\b",
    re.IGNORECASE,
)


def main_clause_after(text: str, at: int, cue: Any, end: int) -> bool:
    """Whether a cue (an ``Attribution``) after offset ``at`` is the sentence's main reporting clause.

    '"... 11,000 troops," Zelensky said on Sunday.' and '..., the NIS said.' are; a cue in a
    subordinate clause ("though Moscow has not confirmed it") or followed by a new clause is not.
    """
    if cue.kind != "verb":
        return cue.kind == "preposition" and text[at:cue.start].rstrip().endswith(",")
    comma = max(text.rfind(",", at, cue.start), text.rfind("”", at, cue.start), text.rfind('"', at, cue.start))
    if comma == -1:
        return False
    if _SUBORDINATE.search(text, comma, cue.start):
        return False
    # ('..., said a spokesman for the council in Tarmoa, where the attack was': the clause runs to
    # its first comma; what follows is an aside on the speaker)
    tail = text[cue.end:end].split(",")[0]
    return not re.search(r"\b(?:that|which|who)\b", tail) and len(tail.split()) <= 12


def quoted(text: str, span: tuple[int, int]) -> bool:
    """Whether the sentence is a quotation, or inside one opened earlier in its paragraph."""
    if text[span[0]:span[1]].lstrip()[:1] in ('"', "“"):
        return True
    para = text[text.rfind("\n", 0, span[0]) + 1:span[0]]
    return para.count("“") > para.count("”") or para.count('"') % 2 == 1


def inside_quote(text: str, lo: int, hi: int) -> bool:
    """Whether a quotation opens in ``text[lo:hi]`` and is still open at ``hi`` ('said: "... we')."""
    part = text[lo:hi]
    return part.count("“") > part.count("”") or "“" not in part and part.count('"') % 2 == 1


__all__ = ["inside_quote", "main_clause_after", "quoted"]
