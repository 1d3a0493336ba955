"""The rules of the dates grammar, one module per family, and the order they run in.

Each family module registers its rules with :func:`~toolkit.extract.dates.rules.registry.rule`
when it is imported; :func:`compile_rules` compiles them for one vocabulary in
:data:`RULE_ORDER`. The order matters: of two candidates of the same length and priority at the
same place, the one of the earlier rule is kept.
"""

from __future__ import annotations

from toolkit.extract.dates.model import Rule
from toolkit.extract.dates.rules import calendar_dates, durations, quarters, relative, sets, times  # noqa: F401
from toolkit.extract.dates.rules.registry import SPECS
from toolkit.extract.dates.rules.registry import compile_rules as _compile
from toolkit.extract.dates.vocab import Vocab

__all__ = ["RULE_ORDER", "compile_rules"]

RULE_ORDER: tuple[str, ...] = (
    # full and partial calendar dates; years, decades, centuries
    "iso", "year_slash", "dotted", "dash_month", "slash", "short_slash", "compact", "month_day", "day_month", "week_of", "nth_week", "month_span_first", "month_year", "month", "year", "era_year", "fiscal_short",
    "decade", "century",
    # quarters, halves, seasons
    "quarter", "q_short", "half", "season",
    # relative to publication or to the previous date
    "relative", "year_ended", "in_the", "year_ago_adj", "period", "year_end", "deictic", "part_of_day", "overnight",
    "weekday", "mid_week", "holiday", "ago", "anaphoric_day", "day_before",
    # durations
    "duration", "past_day", "bare_units", "unit_long", "ahead", "vague_dur", "ordinal_day", "day_list",
    # sets, times, vague references
    "set_word", "set_every", "clock", "reference", "spoken_year",
)
assert set(RULE_ORDER) == set(SPECS) and len(RULE_ORDER) == len(SPECS), "RULE_ORDER must name every rule once"


def compile_rules(v: Vocab) -> tuple[Rule, ...]:
    """Every rule compiled for the vocabulary ``v``, in :data:`RULE_ORDER`."""
    return _compile(v, RULE_ORDER)
