"""Tests for toolkit.extract.dates: TIMEX3 spans, values and calendar spans (issue 3).

The table-driven cases live in ``tests/cases/dates.yaml`` (sentences written for the tests);
the seed-article test reads ``../shared/seeds`` at test time and skips when it is absent.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from toolkit.extract.dates import find_dates, resolve_value
from toolkit.read.lexicon import DEFAULT_ROOT, ENV_VAR, Lexicon, clear_cache
from toolkit.records import GRANULARITIES

from conftest import load_cases

SEEDS = Path(__file__).parents[1].parent / "shared" / "seeds"
SEED_PUBLISHED = dt.date(2025, 4, 28)


@pytest.mark.parametrize("case", load_cases("dates"))
def test_case(case: dict) -> None:
    text, published, expected = case["text"], case.get("published"), case["expected"]
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    got = find_dates(text, published=published)
    got_rows = [(r.text, r.type, r.value) for r in got]
    want_rows = [(str(e["text"]), e["type"], str(e["value"])) for e in expected]
    assert got_rows == want_rows
    for rec, exp in zip(got, expected):
        if "mod" in exp:
            assert rec.mod == exp["mod"], rec


def test_offsets_round_trip_and_text_order() -> None:
    text = ("Since October 2024, units rotated every week. On Wednesday, two days after the talks, "
            "officials said the 18-month plan would end by late 2025.")
    recs = find_dates(text, published=dt.date(2025, 4, 28))
    assert len(recs) >= 5
    for rec in recs:
        assert text[rec.start:rec.end] == rec.text
        assert rec.granularity in GRANULARITIES
    assert [r.start for r in recs] == sorted(r.start for r in recs)


def test_sentence_ids_follow_the_given_spans() -> None:
    text = "Talks began in May 2024. They ended in June 2024."
    sentences = [(0, 24), (25, len(text))]
    recs = find_dates(text, published=dt.date(2025, 4, 28), sentences=sentences)
    assert [(r.text, r.sentence_id) for r in recs] == [("May 2024", 0), ("June 2024", 1)]
    assert all(r.sentence_id == -1 for r in find_dates(text, published=dt.date(2025, 4, 28)))


@pytest.mark.parametrize("value,earliest,latest,granularity", [
    ("2025-04-28", "2025-04-28", "2025-04-28", "day"),
    ("2025-04-28T10:00", "2025-04-28", "2025-04-28", "day"),
    ("2024-10", "2024-10-01", "2024-10-31", "month"),
    ("2024-02", "2024-02-01", "2024-02-29", "month"),
    ("2024-Q4", "2024-10-01", "2024-12-31", "quarter"),
    ("2024-SU", "2024-06-01", "2024-08-31", "season"),
    ("2024-WI", "2024-12-01", "2025-02-28", "season"),
    ("2024", "2024-01-01", "2024-12-31", "year"),
    ("199", "1990-01-01", "1999-12-31", "decade"),
    ("199X", "1990-01-01", "1999-12-31", "decade"),
    ("1998-W08", "1998-02-16", "1998-02-22", "week"),
], ids=lambda v: str(v))
def test_resolve_value_spans(value: str, earliest: str, latest: str, granularity: str) -> None:
    lo, hi, gran = resolve_value(value)
    assert (lo, hi, gran) == (dt.date.fromisoformat(earliest), dt.date.fromisoformat(latest), granularity)


@pytest.mark.parametrize("value", ["P2D", "PXM", "PRESENT_REF", "PAST_REF", "XXXX-10", "nonsense"])
def test_resolve_value_without_calendar_span(value: str) -> None:
    lo, hi, _ = resolve_value(value)
    assert lo is None and hi is None


def test_mentions_carry_calendar_spans() -> None:
    recs = {r.text: r for r in find_dates("Arms flowed in October 2024 and in late 2024.",
                                          published=dt.date(2025, 4, 28))}
    assert (recs["October 2024"].earliest, recs["October 2024"].latest) == (dt.date(2024, 10, 1), dt.date(2024, 10, 31))
    late = recs["late 2024"]
    assert late.granularity == "year" and late.mod == "END"
    assert late.latest == dt.date(2024, 12, 31) and late.earliest > dt.date(2024, 6, 30)


def test_earlier_this_year_ends_at_publication() -> None:
    (rec,) = find_dates("Earlier this year the talks stalled.", published=dt.date(2025, 4, 28))
    assert (rec.value, rec.mod, rec.earliest, rec.latest) == ("2025", "START", dt.date(2025, 1, 1), dt.date(2025, 4, 28))


def test_durations_and_sets_have_no_calendar_span() -> None:
    for rec in find_dates("They fought for three months and reported daily.", published=dt.date(2025, 4, 28)):
        assert rec.type in ("DURATION", "SET")
        assert rec.earliest is None and rec.latest is None and rec.granularity == "none"


def test_no_published_date_leaves_relative_values_open() -> None:
    recs = find_dates("The talks resumed last week.", published=None)
    assert [(r.text, r.earliest) for r in recs] == [("last week", None)]


def _seed_text() -> str:
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not files:
        pytest.skip(f"seed articles not found at {SEEDS}")
    return "\n\n".join(p.read_text(encoding="utf-8") for p in files)


def test_seed_articles() -> None:
    text = _seed_text()
    recs = find_dates(text, published=SEED_PUBLISHED)
    for r in recs:
        assert text[r.start:r.end] == r.text

    def values(surface: str, before: str = "") -> set[tuple[str, str, str | None]]:
        hits = [r for r in recs if r.text == surface
                and (not before or text[:r.start].rstrip().lower().endswith(before.lower()))]
        assert hits, f"{surface!r} (after {before!r}) not found"
        return {(r.type, r.value, r.mod) for r in hits}

    assert values("April 28") == {("DATE", "2025-04-28", None)}
    assert values("April 26") == {("DATE", "2025-04-26", None)}
    assert values("June 2024") == {("DATE", "2024-06", None)}
    assert values("June 19, 2024") == {("DATE", "2024-06-19", None)}
    assert values("October 2024", before="since") == {("DATE", "2024-10", None)}
    assert values("October 2024", before="as early as") == {("DATE", "2024-10", None)}
    assert values("January", before="in") == {("DATE", "2025-01", None)}
    assert values("late 2024") == {("DATE", "2024", "END")}
    assert {v for _, v, _ in values("earlier this year")} == {"2025"}
    assert values("May 9") == {("DATE", "2025-05-09", None)}
    assert ("DURATION", "P2D", None) in values("two days")
    assert values("months") == {("DURATION", "PXM", None)}

    for phrase in ("Article 4", "80th anniversary", "$20 billion"):
        at = text.index(phrase)
        overlapping = [r for r in recs if r.start < at + len(phrase) and r.end > at]
        assert overlapping == [], phrase


@pytest.mark.parametrize("published", [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(9999, 1, 3)])
def test_years_at_the_ends_of_the_calendar_never_raise(published: dt.date) -> None:
    text = ("Tomorrow, yesterday, next year and last year; the following day, a week later, next Monday, "
            "next winter, the next quarter and next century. In AD 1, the year 9999 and Dec. 31, 9999, "
            "a day later and the previous month.")
    for rec in find_dates(text, published=published):
        assert text[rec.start:rec.end] == rec.text
        assert rec.earliest is None or isinstance(rec.earliest, dt.date)


@pytest.mark.parametrize("value, granularity", [("BC0500", "year"), ("0000", "none"), ("10000", "none"), ("0000-12", "none")])
def test_resolve_value_outside_the_calendar_has_no_span(value: str, granularity: str) -> None:
    assert resolve_value(value) == (None, None, granularity)



def test_a_lexicon_folder_reaches_the_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A copy of the bundled lexicon with one more holiday in dates.yaml: passed as lexicon=, or
    # named by TOOLKIT_LEXICON, it changes what find_dates finds; the bundled one is untouched.
    folder = tmp_path / "lexicon"
    shutil.copytree(DEFAULT_ROOT, folder)
    dates_yaml = folder / "dates.yaml"
    source = dates_yaml.read_text(encoding="utf-8")
    assert "\nholidays:" in source
    dates_yaml.write_text(source.replace("\nholidays:", "\nholidays:\n  armistice day: 11-11", 1), encoding="utf-8")
    text = "The ceremony was held on Armistice Day."
    published = dt.date(2025, 11, 20)

    def found(**kwargs: object) -> list[tuple[str, str]]:
        return [(r.text, r.value) for r in find_dates(text, published=published, **kwargs)]

    assert found() == []
    assert found(lexicon=Lexicon.load(folder)) == [("Armistice Day", "2025-11-11")]
    clear_cache()
    monkeypatch.setenv(ENV_VAR, str(folder))
    try:
        assert found() == [("Armistice Day", "2025-11-11")]
    finally:
        monkeypatch.delenv(ENV_VAR)
        clear_cache()
    assert found() == []


def test_the_weekend_without_a_publication_day_is_the_weekend_of_the_date_in_focus():
    # Found while splitting dates.py (issue 12): with no publication day, "the weekend" after a
    # dated sentence raised AttributeError, and the whole article became an error row.
    text = "Talks opened on March 3, 1989. Officials said the weekend was quiet."
    found = [(d.text, d.value) for d in find_dates(text, published=None)]
    assert found == [("March 3, 1989", "1989-03-03"), ("the weekend", "1989-W09-WE")]


def test_a_day_and_month_either_way_round_is_flagged_ambiguous() -> None:
    import datetime as _dt

    from toolkit.extract.dates import find_dates as _find

    alone = _find("The two envoys met on 10/1 to set the agenda.", published=_dt.date(2025, 4, 28))
    assert [(d.text, d.value, d.ambiguous) for d in alone] == [("10/1", "2024-10-01", True)]
    # the same words in an article whose other dates are day-first: resolved, not flagged
    told = _find("Posted 14/02/2025. The two envoys met on 10/1 to set the agenda.", published=_dt.date(2025, 4, 28))
    assert [(d.text, d.value, d.ambiguous) for d in told][1] == ("10/1", "2025-01-10", False)
    # a first number that cannot be a month leaves nothing open
    assert not _find("They met on 22/04 again.", published=_dt.date(2025, 4, 28))[0].ambiguous
