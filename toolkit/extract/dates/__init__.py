"""Temporal expressions: find them in text and normalise them to TimeML TIMEX3 values.

This package owns the contract's ``dates`` table (issue 3). :func:`find_dates` runs a small
regular-expression grammar over an article's text, keeps the longest non-overlapping candidates,
and resolves each to a TIMEX3 ``type``/``value``/``mod`` the way TimeML annotators do
(TimeBank/AQUAINT conventions): relative expressions ("last week", "two days ago") against the
publication date, yearless dates ("in January", "May 9") by the tense of their clause, and
anaphoric ones ("the following month", "a year earlier") against the previous date of the text.
:func:`resolve_value` turns any TIMEX3 value into the calendar span it denotes.

The vocabulary (month names, number words, modifiers, cue verbs) lives in the lexicon's
``dates.yaml`` (``data/lexicon`` unless ``root=``/``$TOOLKIT_LEXICON`` say otherwise); the
rules live here, and compile once per lexicon. dateparser is deliberately not used for
searching: on news it reads "We" as Wednesday and "$20 billion" as a date (see issue 3), and our
grammar is an order of magnitude faster.

The modules, each depending only on those before it: :mod:`~toolkit.extract.dates.vocab` (the
words and regex pieces), :mod:`~toolkit.extract.dates.calendar` (value arithmetic),
:mod:`~toolkit.extract.dates.context` (the per-article context and tense),
:mod:`~toolkit.extract.dates.model` (the compiled rule record),
:mod:`~toolkit.extract.dates.rules` (the rules, by family), :mod:`~toolkit.extract.dates.triggers`
(where each rule is worth trying) and :mod:`~toolkit.extract.dates.find` (the driver).
"""

from __future__ import annotations

from toolkit.extract.dates.calendar import resolve_value
from toolkit.extract.dates.find import find_dates

__all__ = ["find_dates", "resolve_value"]
