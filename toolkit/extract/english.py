"""English words every extractor shares, each list owned here once (issue 12).

Two kinds of list live here, and nowhere else:

* **Open lists** an analyst may extend (month and weekday spellings, number words, the
  qualifiers of a quantity: "about", "more than", "or so") are data:
  ``data/lexicon/english.yaml``, read through :mod:`toolkit.read.lexicon`, so ``TOOLKIT_LEXICON``
  and ``root=`` reach them like every other lexicon file. :func:`load_english` returns them as
  an :class:`English` record, built once per lexicon folder.
* **Closed classes** of English grammar (forms of *be*, *have* and *do*, modal verbs,
  negations) are constants below. They are part of the grammar, not vocabulary a story adds
  to, and rules test membership in them; a story never needs to change them.

Extractors derive the forms they need (title case, abbreviations with a period, a regular
expression) from these lists rather than keeping copies.

>>> en = load_english()
>>> en.month_number("Sept"), en.weekdays["friday"], en.number_value("twelve")
(9, 5, 12)
>>> sorted(en.all_months)[:3]
['apr', 'april', 'aug']
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from typing import Any

from toolkit.errors import LexiconError
from toolkit.read.lexicon import derived_cache, lexicon_root, load_lexicon

# -- closed classes (grammar, not vocabulary) --------------------------------------------------

#: Forms of "be" ("'s" as in "it's").
BE = frozenset("is are was were be been being am 's".split())
#: Forms of "have".
HAVE = frozenset("has have had having".split())
#: Forms of "do".
DO = frozenset("do does did".split())
#: Modal verbs, with the clitic "'ll".
MODALS = frozenset("will would shall may might could can should must 'll".split())
#: Negations.
NEGATIONS = frozenset("not never n't no".split())


# -- open lists (data/lexicon/english.yaml) ----------------------------------------------------


@dataclass(frozen=True)
class English:
    """The shared English word lists of one lexicon folder (lower-case surfaces)."""

    months: dict[str, int]  # full names
    month_abbreviations: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    cardinals: dict[str, int]  # zero .. nineteen
    tens: dict[str, int]  # twenty .. ninety
    scales: dict[str, float]  # hundred .. trillion
    qualifiers_before: dict[str, dict[str, str]]  # "nearly" -> {"figure": "at_most", "timex": "LESS_THAN"}
    qualifiers_after: dict[str, str]  # "or so" -> "approx"

    @property
    def all_months(self) -> dict[str, int]:
        """Full month names and abbreviations -> month number."""
        return {**self.months, **self.month_abbreviations}

    @property
    def number_words(self) -> dict[str, float]:
        """Every single number word (cardinals, tens and scales) -> value."""
        return {**self.cardinals, **self.tens, **self.scales}

    @property
    def figure_qualifiers(self) -> tuple[dict[str, str], dict[str, str]]:
        """(word before a number -> figure qualifier, word after it -> figure qualifier)."""
        before = {w: q["figure"] for w, q in self.qualifiers_before.items() if "figure" in q}
        return before, dict(self.qualifiers_after)

    @property
    def timex_mods(self) -> dict[str, str]:
        """Word before a date or duration -> its TIMEX3 mod ("about" -> APPROX)."""
        return {w: q["timex"] for w, q in self.qualifiers_before.items() if "timex" in q}

    def month_number(self, word: str) -> int | None:
        """The month a name or abbreviation stands for ("Sept." -> 9), else None."""
        return self.all_months.get(word.lower().rstrip("."))

    def number_value(self, word: str) -> float | None:
        """The value of one number word ("twelve" -> 12), else None."""
        return self.number_words.get(word.lower())


def _mapping(data: dict[str, Any], key: str, root: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict) or not value:
        raise LexiconError(f"english.yaml in {root} needs a mapping '{key}' (word -> number)")
    return {str(k).lower(): v for k, v in value.items()}


@derived_cache
@functools.lru_cache(maxsize=8)
def _english_for(root: str) -> English:
    data = load_lexicon("english", root=root)
    if not isinstance(data, dict):
        raise LexiconError(f"english.yaml in {root} must map list names to lists")
    ints = {key: {k: int(v) for k, v in _mapping(data, key, root).items()}
            for key in ("months", "month_abbreviations", "weekdays", "cardinals", "tens")}
    before = _mapping(data, "qualifiers_before", root)
    if not all(isinstance(q, dict) and set(q) <= {"figure", "timex"} and q for q in before.values()):
        raise LexiconError(f"english.yaml in {root}: each qualifiers_before entry maps 'figure' "
                           "and/or 'timex' to a value, e.g. nearly: {figure: at_most, timex: LESS_THAN}")
    return English(
        qualifiers_before={w: {k: str(v) for k, v in q.items()} for w, q in before.items()},
        qualifiers_after={w: str(q) for w, q in _mapping(data, "qualifiers_after", root).items()},
        ambiguous_months=frozenset(str(w).lower() for w in data.get("ambiguous_months") or ()),
        scales={k: float(v) for k, v in _mapping(data, "scales", root).items()},
        **ints,
    )


def load_english(root: str | os.PathLike[str] | None = None) -> English:
    """Return the shared word lists of a lexicon folder (default: see ``lexicon_root``)."""
    return _english_for(str(lexicon_root(root)))


__all__ = ["BE", "DO", "HAVE", "MODALS", "NEGATIONS", "English", "load_english"]
