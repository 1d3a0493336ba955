"""The records the modules of the dates package hand each other.

:class:`Rule` is one rule of the grammar compiled for one vocabulary (registered in
:mod:`toolkit.extract.dates.rules.registry`, run by :mod:`toolkit.extract.dates.find`);
:data:`Result` is what a rule's handler returns for a match.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from toolkit.extract.dates.context import Ctx
    from toolkit.extract.dates.vocab import Vocab

__all__ = ["Result", "Rule"]

Result = tuple[str, str, str | None]  # (type, value, mod)


@dataclass(frozen=True)
class Rule:
    """A rule compiled for one vocabulary: its pattern and the functions that read a match.

    ``accept(match, text, vocab)`` vetoes a match; ``handle(match, ctx)`` returns its
    :data:`Result` (None: no mention); ``span(match, vocab)`` trims what TimeML leaves out of
    the mention; ``anchors`` tells whether a resolved mention becomes the anchor of later ones.
    """

    name: str
    pattern: re.Pattern[str]
    handle: Callable[[re.Match[str], Ctx], Result | None]
    priority: int = 5
    accept: Callable[[re.Match[str], str, Vocab], bool] | None = None
    anchors: bool = True  # whether a resolved mention becomes the anchor for later ones
    span: Callable[[re.Match[str], Vocab], tuple[int, int]] | None = None  # trims what TimeML leaves out
