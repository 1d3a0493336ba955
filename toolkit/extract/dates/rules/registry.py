"""The rule registry: ``@rule(name, pattern, ...)`` records a handler and how to build its pattern.

A rule's pattern is a regex source, or a function of the :class:`~toolkit.extract.dates.vocab.Vocab`
giving one (``lambda v: rf"...{v.MON}..."``) when it names lexicon words. Registering compiles
nothing: :func:`compile_rules` builds a vocabulary's :class:`~toolkit.extract.dates.model.Rule`
objects, each pattern compiled once per vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from toolkit.extract.dates.model import Rule
from toolkit.extract.dates.vocab import Vocab, VocabPattern

__all__ = ["FREE_START", "SPECS", "RuleSpec", "compile_rules", "rule"]


@dataclass(frozen=True)
class RuleSpec:
    """A registered rule, before it is compiled for a vocabulary."""

    name: str
    pattern: VocabPattern
    handle: Callable[..., Any]
    priority: int = 5
    accept: Callable[..., bool] | None = None
    anchors: bool = True
    span: Callable[..., tuple[int, int]] | None = None


SPECS: dict[str, RuleSpec] = {}
#: Rules whose matches need not start at a word start (none at present).
FREE_START: set[str] = set()


def rule(name: str, pattern: str | Callable[[Vocab], str], *, priority: int = 5, accept=None, flags: int = re.I,
         anchors: bool = True, span=None):
    """Register ``fn(match, ctx)`` as the handler of ``pattern`` (a regex source, or a function of
    the vocabulary giving one); ``accept(match, text, vocab)`` and ``span(match, vocab)`` as in
    :class:`~toolkit.extract.dates.model.Rule`."""
    build = pattern if callable(pattern) else (lambda v: pattern)

    def deco(fn):
        # Every match starts at a word start; saying so up front lets the engine reject the
        # other positions of a window with one cheap test instead of trying every alternative.
        start = r"(?<!\w)(?=[\w'‘’])" if name not in FREE_START else ""
        vocab_pattern = VocabPattern(f"rule:{name}", lambda v: start + "(?:" + build(v) + ")", flags)
        SPECS[name] = RuleSpec(name, vocab_pattern, fn, priority, accept, anchors, span)
        return fn

    return deco


def compile_rules(v: Vocab, order: Sequence[str]) -> tuple[Rule, ...]:
    """The rules named in ``order``, in that order, compiled for the vocabulary ``v``."""
    return tuple(Rule(s.name, s.pattern(v), s.handle, s.priority, s.accept, s.anchors, s.span)
                 for s in (SPECS[name] for name in order))
