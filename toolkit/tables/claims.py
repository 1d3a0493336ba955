"""Claims: the figures of many articles folded into one row per distinct claim.

Twenty outlets repeating one briefing state one claim, not twenty. Two figures are **the same
claim** when

* the same source makes them: the same ``claimant`` (within its ``party``), named in the same
  words in any case or order ("Health Ministry in Gaza", "the health ministry in Gaza"); the
  article's own voice is a source of its own. Two bodies of one side that give the same number (the NIS and
  the JCS) make two claims, which the charts draw in one party's panel; but in one article the
  second claimant is the first when it names the lead's source again ("local authorities said
  Friday", then "the provincial information office said": :func:`_lead_named_again`);
* they count the same thing: the same ``category``, both additions ("about 1,500 more", scope
  ``increment``) or neither, and no two owners: a figure that names none (a later recap's
  "about 600") fits a claim about any ``subject``. A contingent and a total, or a plan and a
  count (``figures.projected``), of one number from one source at one time are one statement
  read two ways ("a first group of about 1,500" restated as "about 1,500"; "will send 6,000"
  restated as "6,000 military workers"): the gold groups them, so scope and projection part
  them only by their numbers;
* they state the same number: equal values, or a point figure inside a closed range or vague
  amount ("about 11,000" and "11,000-12,000"); an open bound ("more than 10,000") matches only
  the same number, never a range it falls in; a figure written with a scale word is given to
  its last digit, so "$95 billion" is "$95.3 billion" rounded (:func:`precision`); one half of
  a tally ("a 366-58 vote") states the same number only with the same other half;
* not in one sentence: a sentence that gives one number twice counts two things ("12 marines
  and 12 border guards"); but a figure restated in parentheses right after another ("2.1
  million yuan (314,500 dollars)", "over 100,000 (104,813)") is one claim with it, whatever
  its number (:func:`figure_links`); a headline or lead in the article's own voice that gives
  the number its body attributes to one source states that source's claim;
* about the same time: the days their ``as_of`` can mean (``as_of`` to ``as_of_latest``: all
  of January for "in January"), or, for figures of two articles, their ``reported`` days, lie
  within :data:`SAME_TIME_DAYS` of the claim's first figure (one article's report day is all its
  figures': there "On 1 February, leaders agreed on 50bn" is not the vote on the 50bn of the 27th). A paraphrase of a briefing printed a day
  or two later joins it; the same source repeating its number at a briefing a week on makes a
  new claim, as does the same number a season later.

A revision ("now estimates 2,000, up from 600") states another number, so it is another claim.
Figures are grouped in an order fixed by their content, never by input order: first the
figures told as news (their day within :data:`SAME_TIME_DAYS` of the day they were stated),
then the restatements, each by day, number, article and offset. A claim's first figure, which
the others are compared with, is so the statement itself where the corpus has it, not a recap
that dates it loosely (its period, "in October"), which would keep out a later retrospective
that dates it right. A claim's id hashes what defines it: the same inputs in any order give the
same claims and ids. ``benchmarks/eval_claims.py`` measures the rule (``docs/claims.md``).
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from toolkit.extract.parties import name_key, names_the_lead_again
from toolkit.tables.frames import CLAIMS, typed_frame
from toolkit.tables.rows import missing, records, stable_id, text
from toolkit.tables.views import sentences_of

#: Figures this many days apart (or fewer) can be one claim.
SAME_TIME_DAYS = 3
#: Qualifiers whose bounds are both closed: a point figure inside them states the same number.
_CLOSED = frozenset({"range", "vague"})
#: Qualifiers with one open side: such a bound is no point, and states only its own number.
_OPEN = frozenset({"more_than", "at_least", "less_than", "at_most"})



def side_of(party: Any, claimant: Any) -> str:
    """Whose claim it is: the claimant within its party ("South Korea|NIS"); with no claimant,
    the article's own voice ("")."""
    if missing(claimant):
        return text(party)
    return f"{text(party)}|{text(claimant)}"


def claimant_key(party: Any, claimant: Any) -> str:
    """The source as claims compare it: :func:`side_of` with the claimant's words as
    :func:`~toolkit.extract.parties.name_key` reads them (in no order, without case, articles or
    possessives), since a name the lexicon lacks is given as each text words it ("Health Ministry
    in Gaza", "the health ministry in Gaza", "Gaza's health ministry" are one claimant)."""
    if missing(claimant):
        return side_of(party, claimant)
    return f"{text(party)}|{' '.join(sorted(name_key(text(claimant))))}"


#: A numeral with a scale word ("95 billion", "1.4 million", "$95.3B"): its digits and scale.
_SCALED = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s*(billion|bn|b|million|mn|m|trillion|tn)\b", re.IGNORECASE)
_SCALE = {"b": 1e9, "bn": 1e9, "billion": 1e9, "m": 1e6, "mn": 1e6, "million": 1e6, "tn": 1e12, "trillion": 1e12}


def precision(row: dict[str, Any]) -> float | None:
    """What a figure written with a scale word is given to: its last digit ("95 billion": a
    billion; "95.3 billion": a tenth of one); None for a figure written otherwise, whose
    trailing zeros may or may not be significant."""
    m = _SCALED.search(text(row.get("text")))
    if m is None:
        return None
    digits = m.group(1).replace(",", ".")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return _SCALE[m.group(2).lower()] * 10.0 ** -decimals


def _rounds_to(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether one exact figure is the other rounded to the coarser one's scale word ("$95
    billion" and "$95.3 billion": one package, told to another precision)."""
    if a["qualifier"] != "exact" or b["qualifier"] != "exact":
        return False
    pa, pb = precision(a), precision(b)
    if pa is None or pb is None or pa == pb:
        return False
    coarse, fine, step = (a, b, pa) if pa > pb else (b, a, pb)
    return abs(round(fine["value"] / step) * step - coarse["value"]) < step * 1e-6


def same_number(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two figures state the same number (see the module's rule); a figure with no
    value (a numeral past what a float holds) is a claim of its own."""
    if a["value"] is None or b["value"] is None:
        return False
    if a["value"] == b["value"] or _rounds_to(a, b):
        return True
    for point, span in ((a, b), (b, a)):
        if (span["qualifier"] in _CLOSED and point["qualifier"] not in _CLOSED | _OPEN
                and not missing(span["low"]) and not missing(span["high"])
                and span["low"] <= point["value"] <= span["high"]):
            return True
    return False


def _day(row: dict[str, Any]) -> pd.Timestamp | None:
    for key in ("as_of", "reported"):
        if not missing(row.get(key)):
            return pd.Timestamp(row[key])
    return None


def _near(a: pd.Timestamp | None, b: pd.Timestamp | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs((a - b).days) <= SAME_TIME_DAYS


def _span(row: dict[str, Any]) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The days a figure can describe: ``as_of`` to ``as_of_latest`` ("in January": the whole
    month), else the report day."""
    first = _day(row)
    if first is None:
        return None
    last = row.get("as_of_latest") if not missing(row.get("as_of")) else None
    return first, max(first, pd.Timestamp(last)) if not missing(last) else first


def _spans_near(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two figures' day spans are at most :data:`SAME_TIME_DAYS` apart."""
    sa, sb = _span(a), _span(b)
    if sa is None or sb is None:
        return sa is None and sb is None
    gap = max((sb[0] - sa[1]).days, (sa[0] - sb[1]).days, 0)
    return gap <= SAME_TIME_DAYS


def _fits(rows: Sequence[dict[str, Any]], members: list[int], row: dict[str, Any],
          subjects: set[Any] | None = None) -> bool:
    """Whether ``row`` states the claim of ``members``: the same number as its first figure
    (and, for one half of a tally, the same other half), about the same time (by ``as_of`` or by
    ``reported``), not in its sentence and line, and no other owner (a figure that names
    none, as a later recap often does, fits a claim about any). ``subjects``, the owners the
    members name (kept by :func:`group_figures` as members join), spares reading every member
    again for each figure tried."""
    anchor = rows[members[0]]
    if not same_number(anchor, row):
        return False
    if None not in (anchor.get("_tally"), row.get("_tally")) and not same_number(anchor["_tally"], row["_tally"]):
        return False
    if row.get("sentence_id") is not None and all(
            anchor.get(k) == row.get(k) for k in ("article_id", "sentence_id", "_line")):
        return False  # one sentence (one line of it: a table's cells are lines) counts two things
    reported = _reported(anchor), _reported(row)
    # one article's report day is every figure's: there only the days they describe tell
    by_report = None not in reported and _near(*reported) and anchor.get("article_id") != row.get("article_id")
    if not (_spans_near(anchor, row) or by_report):
        return False
    subject = row.get("subject")
    if subject is None:
        return True
    if subjects is None:
        subjects = {rows[m].get("subject") for m in members} - {None}
    return all(s == subject for s in subjects)


def _reported(row: dict[str, Any]) -> pd.Timestamp | None:
    return None if missing(row.get("reported")) else pd.Timestamp(row["reported"])


def group_figures(rows: Sequence[dict[str, Any]]) -> list[list[int]]:
    """Indices of ``rows`` (figure dicts) grouped into claims, each group in content order. A
    row with ``_restates`` (the index of the figure it restates in parentheses, see
    :func:`figure_links`) joins that figure's claim."""
    order = sorted(range(len(rows)), key=lambda i: _content_key(rows[i]))
    groups: dict[tuple[str, ...], list[list[int]]] = {}
    owners: dict[tuple[str, ...], list[set[Any]]] = {}  # the subjects each claim's members name
    later: list[int] = []
    for i in order:
        row = rows[i]
        if row.get("_restates") is not None:
            later.append(i)
            continue
        key = (row.get("_voice") or claimant_key(row.get("party"), row.get("claimant")), text(row.get("category")),
               str(row.get("scope") == "increment"))
        claims, named = groups.setdefault(key, []), owners.setdefault(key, [])
        for members, subjects in zip(claims, named):
            if _fits(rows, members, row, subjects):
                members.append(i)
                if row.get("subject") is not None:
                    subjects.add(row["subject"])
                break
        else:
            claims.append([i])
            named.append(set() if row.get("subject") is None else {row["subject"]})
    out = [members for key in sorted(groups) for members in groups[key]]
    owner = {i: members for members in out for i in members}
    for i in later:  # a restatement joins the claim of the figure its parentheses follow
        j = rows[i]["_restates"]
        while rows[j].get("_restates") is not None:  # offsets only go back: the chain ends
            j = rows[j]["_restates"]
        owner[j].append(i)
    return out


#: Between two numbers of a tally or a score ("a 366-58 vote", "won 3–1").
_TALLY = re.compile(r"\s*[-–—]\s*")
#: Between a figure and its restatement in parentheses ("2.1 million yuan (314,500 dollars)").
_PAREN_OPEN = re.compile(r"\s*\(\s*")


def figure_links(rows: Sequence[dict[str, Any]], texts: dict[str, str]) -> list[dict[str, Any]]:
    """The rows with what their article's text says of two figures side by side: ``_tally``,
    the other half of a tally ("366-58": each half is one claim only with the same other half),
    and ``_restates``, the index of the figure a parenthesis right after it restates ("over
    100,000 (104,813)", "2.1 million yuan (314,500 dollars)": one claim, in two forms); ``_line``,
    the figure's line (two figures of one sentence are two claims, but a table pasted without
    full stops is one "sentence" of many lines); and
    ``_voice``, for a figure of the article's first sentence (its headline or lead) in its own
    voice, the source of the one claimant of the article that gives the same value of the same
    thing about the same time ("Toll rises to 113" over "113 dead, an official said"): the
    headline says what the body attributes."""
    out = [dict(r) for r in rows]
    by_article: dict[str, list[int]] = {}
    for i, r in enumerate(out):
        if r.get("start") is not None and r.get("end") is not None:
            by_article.setdefault(text(r.get("article_id")), []).append(i)
    for aid, idx in by_article.items():
        body = texts.get(aid) or ""
        idx.sort(key=lambda i: int(out[i]["start"]))
        breaks = [m.start() for m in re.finditer("\n", body)]
        for i in idx:
            out[i]["_line"] = bisect.bisect_left(breaks, int(out[i]["start"]))
        for a, b in zip(idx, idx[1:]):
            between = body[int(out[a]["end"]):int(out[b]["start"])]
            if _TALLY.fullmatch(between) and out[a]["value"] is not None and out[b]["value"] is not None:
                out[a]["_tally"], out[b]["_tally"] = out[b], out[a]
            elif _PAREN_OPEN.fullmatch(between) and body[int(out[b]["end"]):int(out[b]["end"]) + 2].lstrip()[:1] == ")":
                out[b]["_restates"] = a
        # a headline or lead in the article's own voice says what its body attributes
        attributed: dict[tuple[str, Any], list[int]] = {}
        for j in idx:
            if not missing(out[j].get("claimant")):
                attributed.setdefault((text(out[j].get("category")), out[j]["value"]), []).append(j)
        for i in idx:
            if not missing(out[i].get("claimant")) or out[i].get("sentence_id") != 0:
                continue
            sources = {claimant_key(out[j].get("party"), out[j].get("claimant"))
                       for j in attributed.get((text(out[i].get("category")), out[i]["value"]), [])
                       if _spans_near(out[i], out[j])}
            if len(sources) == 1:
                out[i]["_voice"] = sources.pop()
        _lead_named_again(out, idx, body)
    return out


def _lead_named_again(out: list[dict[str, Any]], idx: list[int], body: str) -> None:
    """A news lead attributes loosely and the next attribution names the source ("seven died,
    local authorities said Friday", then "..., the provincial information office said"): the
    figures of the article's second claimant speak with the first's voice when it is the lead's
    source named again (:func:`~toolkit.extract.parties.names_the_lead_again`)."""
    named = [i for i in idx if not missing(out[i].get("claimant"))]
    if not named:
        return
    lead = out[named[0]]
    lead_key = claimant_key(lead.get("party"), lead.get("claimant"))
    second = next((out[i] for i in named if claimant_key(out[i].get("party"), out[i].get("claimant")) != lead_key),
                  None)
    if second is None:
        return
    name = text(second.get("claimant"))
    at = body.find(name, int(lead.get("start") or 0))
    after = body[at + len(name):at + len(name) + 120] if at >= 0 else ""
    if not names_the_lead_again(text(lead.get("claimant")), None if missing(lead.get("party")) else lead["party"],
                                name, None if missing(second.get("party")) else second["party"], after):
        return
    key = claimant_key(second.get("party"), second.get("claimant"))
    for i in named:
        if claimant_key(out[i].get("party"), out[i].get("claimant")) == key:
            out[i]["_voice"] = lead_key


def _content_key(row: dict[str, Any]) -> tuple[Any, ...]:
    """First the figures told as news (their day is the day they were stated), then the
    restatements; each by day, number, article and offset. A claim's first figure, which the
    others are compared with, is so the statement itself where the corpus has it, not a later
    recap's looser day of it."""
    day = _day(row)
    return (not _first_hand(row), day is None, day or pd.Timestamp.min, row["value"] is None, row["value"] or 0.0,
            text(row.get("article_id")), int(row.get("start") or 0))


def _first_hand(row: dict[str, Any]) -> bool:
    """Whether a figure describes the day it was stated (within :data:`SAME_TIME_DAYS`)."""
    span, said = _span(row), _reported(row)
    if span is None or said is None:
        return False
    return max((said - span[1]).days, (span[0] - said).days, 0) <= SAME_TIME_DAYS


def _most_common(values: Iterable[Any]) -> Any:
    """The most frequent non-missing value; ties go to the alphabetically first."""
    counts = Counter(text(v) for v in values if not missing(v))
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], v))


def claims_table(figures: pd.DataFrame, articles: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """The ``claims`` table, and each figure's ``claim_id`` (aligned with ``figures``' index)."""
    rows, sentences = claim_inputs(figures, articles)
    outlets = dict(zip(articles["article_id"], articles.get("outlet", pd.Series(dtype="object"))))
    claims, ids = claims_of(rows, outlets, sentences)
    return typed_frame(claims, CLAIMS), pd.Series(ids, index=figures.index, dtype="string")


def claim_inputs(figures: pd.DataFrame, articles: pd.DataFrame,
                 ) -> tuple[list[dict[str, Any]], dict[tuple[str, int], str]]:
    """What grouping the figures needs of them and of their articles' texts: the figure rows
    with their links (:func:`figure_links`, which reads each figure's own article only) and the
    sentences the figures stand in. Articles taken a batch at a time give, batch after batch,
    the same rows as all at once (``toolkit.tables.stream``), with ``_restates`` counted within
    the batch."""
    texts = dict(zip(articles["article_id"], articles.get("text", pd.Series(dtype="object"))))
    rows = figure_links(_figure_rows(figures), {a: t for a, t in texts.items() if isinstance(t, str)})
    sentences = sentences_of(articles[articles["article_id"].isin(set(figures["article_id"]))])
    wanted = {(r["article_id"], int(r["sentence_id"] or 0)) for r in rows}
    return rows, {k: v for k, v in sentences.items() if k in wanted}


def claims_of(rows: Sequence[dict[str, Any]], outlets: dict[str, Any], sentences: dict[tuple[str, int], str],
              ) -> tuple[list[dict[str, Any]], list[str | None]]:
    """The claims of figure rows (:func:`claim_inputs`, in the figures table's order), sorted as
    the table is, and each row's ``claim_id``."""
    ids: list[str | None] = [None] * len(rows)
    out = []
    for members in group_figures(rows):
        claim = _claim_row([rows[i] for i in members], outlets, sentences)
        out.append(claim)
        for i in members:
            ids[i] = claim["claim_id"]
    out.sort(key=lambda c: (c["as_of"] is None, c["as_of"] or pd.Timestamp.min, c["claim_id"]))
    return out, ids


def _figure_rows(figures: pd.DataFrame) -> list[dict[str, Any]]:
    columns = ["article_id", "sentence_id", "start", "end", "text", "value", "low", "high", "qualifier", "unit", "category",
               "subject", "claimant", "claimant_type", "party", "scope", "as_of", "as_of_latest", "reported", "projected"]
    return records(figures, columns)


def _claim_row(members: list[dict[str, Any]], outlets: dict[str, Any],
               sentences: dict[tuple[str, int], str]) -> dict[str, Any]:
    anchor = members[0]
    claimant = _most_common(m["claimant"] for m in members)
    reported = [pd.Timestamp(m["reported"]) for m in members if m["reported"] is not None]
    days = [d for d in (_day(m) for m in members) if d is not None]
    articles = sorted({m["article_id"] for m in members})
    first = min(members, key=lambda m: (m["reported"] is None, m["reported"] or pd.Timestamp.min,
                                        m["article_id"], m["start"] or 0))
    claim = {
        "party": anchor["party"], "claimant": claimant,
        "claimant_type": _most_common(m["claimant_type"] for m in members if text(m["claimant"]) == claimant),
        "category": anchor["category"], "subject": _most_common(m["subject"] for m in members),
        "scope": anchor["scope"],
        "unit": _most_common(m["unit"] for m in members),
        "value": anchor["value"], "low": anchor["low"], "high": anchor["high"], "qualifier": anchor["qualifier"],
        "as_of": min(days) if days else None,
        "first_reported": min(reported) if reported else None,
        "last_reported": max(reported) if reported else None,
        "n_figures": len(members), "n_articles": len(articles),
        "n_outlets": len({text(outlets.get(a)) or a for a in articles}),
        "article_ids": ";".join(articles),
        "text": sentences.get((first["article_id"], int(first["sentence_id"] or 0))),
        "projected": bool(anchor["projected"]),
    }
    # what defines the claim, and its first figure (article and offset), which no other claim has
    claim["claim_id"] = stable_id("c", [side_of(anchor["party"], anchor["claimant"]), claim["category"],
                                        anchor["scope"], claim["projected"], anchor["value"], anchor["qualifier"],
                                        anchor["article_id"], anchor["start"]])
    return claim


#: How far "about N" reaches either side of N when two sides' claims are compared.
APPROX_REACH = 0.1


def _bounds(row: pd.Series) -> tuple[float, float]:
    """A claim's bounds for comparison: an exact figure is its own bounds, "about N" reaches
    :data:`APPROX_REACH` either side, an open side is unbounded."""
    value, qualifier = float(row["value"]), row["qualifier"]
    if qualifier == "approx":
        return value * (1 - APPROX_REACH), value * (1 + APPROX_REACH)
    low = row["low"] if not missing(row["low"]) else (value if qualifier == "exact" else -math.inf)
    high = row["high"] if not missing(row["high"]) else (value if qualifier == "exact" else math.inf)
    return float(low), float(high)


def conflicts(claims: pd.DataFrame) -> pd.DataFrame:
    """Pairs of claims by different parties about the same category and subject, in the same
    month, whose bounds do not overlap: one row per pair, the two claims side by side. Only
    claims of a whole count compete: a contingent, an increment or a projection is no rival
    of a total."""
    known = claims[claims["party"].notna() & claims["as_of"].notna()
                   & ~claims["scope"].isin(["tranche", "increment"])
                   & ~claims.get("projected", pd.Series(False, index=claims.index)).fillna(False).astype(bool)].copy()
    known["month"] = known["as_of"].dt.to_period("M").astype(str)
    known["subject_key"] = known["subject"].fillna("")
    pairs = known.merge(known, on=["category", "subject_key", "month"], suffixes=("_a", "_b"))
    pairs = pairs[pairs["party_a"] < pairs["party_b"]]
    keep = []
    for _, row in pairs.iterrows():
        lo_a, hi_a = _bounds(row.rename(lambda c: c[:-2] if c.endswith("_a") else c))
        lo_b, hi_b = _bounds(row.rename(lambda c: c[:-2] if c.endswith("_b") else c))
        keep.append(hi_a < lo_b or hi_b < lo_a)
    pairs = pairs[keep] if keep else pairs.iloc[0:0]
    columns = ["month", "category", "subject_a"] + [f"{c}_{s}" for s in "ab" for c in
                                                    ("claim_id", "party", "claimant", "value", "low", "high", "as_of")]
    out = pairs[columns].rename(columns={"subject_a": "subject"})
    return out.sort_values(["month", "category", "claim_id_a", "claim_id_b"]).reset_index(drop=True)
