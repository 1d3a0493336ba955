"""Tests for toolkit.extract.events: table-driven cases, the seed timeline, and the record invariants."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from toolkit.read.clean import clean_text
from toolkit.extract.events import find_events

from conftest import load_cases

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED_PUBLISHED = dt.date(2025, 4, 28)
STATEMENTS = {"announcement", "confirmation", "denial"}


def _as_day(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _row(event, keys) -> dict:
    return {k: getattr(event, k) for k in keys}


@pytest.mark.parametrize("case", load_cases("events"))
def test_event_case(case: dict) -> None:
    text = case["text"]
    events = find_events(text, published=_as_day(case["published"]))
    expected = []
    for want in case["events"]:
        want = {k: (str(v) if k == "date_value" and v is not None else v) for k, v in want.items()}
        expected.append(want)
    got = [_row(e, want.keys()) for e, want in zip(events, expected)]
    assert len(events) == len(expected), [(e.kind, e.action, e.actor, e.date_value) for e in events]
    assert got == expected


def test_events_point_into_the_text() -> None:
    text = "Ukrainian forces captured two soldiers in January. Moscow dismissed the reports."
    events = find_events(text, published=dt.date(2025, 4, 28))
    assert events, "expected events"
    for e in events:
        assert text[e.start:e.end] == e.text
        assert e.sentence_id >= 0
    assert [e.start for e in events] == sorted(e.start for e in events)


def test_no_text_no_events() -> None:
    assert find_events("", published=dt.date(2025, 1, 1)) == []


def test_events_without_publication_date_keep_their_own_dates() -> None:
    events = find_events("Ukrainian forces captured two soldiers on January 9, 2025. Moscow said it would respond.")
    assert [(e.kind, e.date_value) for e in events] == [("capture", "2025-01-09"), ("announcement", None)]


# -- the seeds: the announcement timeline of issue 5 -------------------------------------------

# (kind, actors allowed, date_value, planned) in the order of the timeline
SEED_TIMELINE = [
    ("agreement", {"Vladimir Putin", "Kim Jong Un"}, "2024-06", False),  # seed 1: June 2024
    ("agreement", {"Vladimir Putin", "Kim Jong Un"}, "2024-06-19", False),  # the caption
    ("deployment", {"North Korea"}, "2024-10", False),
    ("announcement", {"Volodymyr Zelensky"}, "2024", False),  # the video, late 2024
    ("capture", {"Ukraine"}, "2025-01", False),
    ("deployment", {"North Korea"}, "2025", False),  # more troops to Kursk earlier this year
    ("announcement", {"Kremlin"}, "2025-04-26", False),  # the Kremlin's statement
    ("confirmation", {"Valery Gerasimov"}, "2025-04-26", False),
    ("confirmation", {"North Korea"}, "2025-04-28", False),
    ("visit", {"Kremlin", "Kim Jong Un"}, "2025-05-09", True),
]


@pytest.fixture(scope="module")
def seed_events() -> list:
    if not SEEDS.is_dir() or not list(SEEDS.glob("*.txt")):
        pytest.skip("../shared/seeds is not present next to the repository")
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = clean_text(path.read_text(encoding="utf-8"))
        for e in find_events(text, published=SEED_PUBLISHED):
            assert text[e.start:e.end] == e.text
            out.append((path.stem, e))
    return out


def _matches(e, kind, actors, value, planned) -> bool:
    return e.kind == kind and e.actor in actors and e.date_value == value and e.planned == planned


def test_seed_timeline_events_are_found(seed_events: list) -> None:
    events = [e for _, e in seed_events]
    missing = [want for want in SEED_TIMELINE if not any(_matches(e, *want) for e in events)]
    assert missing == []


def test_seed_timeline_is_in_date_order(seed_events: list) -> None:
    events = [e for _, e in seed_events]
    found = [next(e for e in events if _matches(e, *want)) for want in SEED_TIMELINE]
    assert all(e.date is not None and e.date_latest is not None for e in found)
    # a timeline places a span at its middle: "late 2024" (Sep-Dec) after "October 2024",
    # "June 2024" before June 19
    middles = [e.date + (e.date_latest - e.date) / 2 for e in found]
    assert middles == sorted(middles)


def test_seed_dismissal_is_kept_undated(seed_events: list) -> None:
    denials = [e for _, e in seed_events if e.kind == "denial"]
    assert [(e.actor, e.action, e.date) for e in denials] == [("Russia", "dismiss", None)]


def test_seed_happenings_are_exactly_the_timeline(seed_events: list) -> None:
    """Every dated happening (not a statement) of the seeds is one the timeline expects."""
    expected = {(k, v) for k, _, v, _ in SEED_TIMELINE if k not in STATEMENTS}
    dated = {(e.kind, e.date_value) for _, e in seed_events if e.kind not in STATEMENTS and e.date is not None}
    assert dated == expected


def test_seed_statements_are_dated_no_later_than_publication(seed_events: list) -> None:
    for _, e in seed_events:
        if e.kind in STATEMENTS and e.date is not None:
            assert e.date <= SEED_PUBLISHED, e


def test_seed_statement_claimants(seed_events: list) -> None:
    nk = [e for stem, e in seed_events if e.kind == "confirmation" and e.actor == "North Korea"]
    assert {e.claimant for e in nk} == {"Yonhap", None}
