"""The ACLED-shaped export (issue 16): Corpus.to_acled() and ``toolkit extract --format acled``."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml
from conftest import REPO, SAMPLE

import toolkit as tk
from toolkit.cli import main
from toolkit.tables.acled import ACLED_COLUMNS

ACLED_YAML = yaml.safe_load((REPO / "data" / "lexicon" / "acled.yaml").read_text(encoding="utf-8"))
#: ACLED's own event types and sub-event types (its codebook), the values the export may use.
EVENT_TYPES = {"Battles", "Violence against civilians", "Explosions/Remote violence", "Protests", "Riots",
               "Strategic developments"}


@pytest.fixture(scope="module")
def sample() -> tk.Corpus:
    return tk.load(SAMPLE)


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> pd.DataFrame:
    out = tmp_path_factory.mktemp("acled")
    assert main(["extract", str(SAMPLE), "--format", "acled", "--out", str(out), "-q"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["acled.csv"]
    return pd.read_csv(out / "acled.csv", dtype=str, keep_default_na=False, na_values=[""])


def test_the_csv_has_the_documented_columns_one_row_per_timeline_event(written, sample) -> None:
    assert list(written.columns) == list(ACLED_COLUMNS)
    doc = (REPO / "docs" / "acled.md").read_text(encoding="utf-8")
    for col in ACLED_COLUMNS:
        assert f"`{col}`" in doc, col
    assert len(written) == len(sample.timeline)
    assert sorted(written["event_id"]) == sorted(sample.timeline["event_id"])


def test_the_value_sets_are_acled_s(written) -> None:
    assert set(written["time_precision"].dropna()) <= {"1", "2", "3"}
    assert set(written["geo_precision"].dropna()) <= {"1", "2", "3"}
    assert set(written["event_type"]) <= EVENT_TYPES
    subs = {v["sub_event_type"] for v in ACLED_YAML["kinds"].values()}
    assert set(written["sub_event_type"]) <= subs
    assert set(written["fatalities_stated"]) <= {"True", "False"}
    assert (written["fatalities"].astype(int) >= 0).all()
    stated = written["fatalities_stated"] == "True"
    assert (written.loc[~stated, "fatalities"] == "0").all()  # ACLED's 0 when none is reported
    dated = written["event_date"].notna()
    assert (written.loc[dated, "year"] == written.loc[dated, "event_date"].str[:4]).all()
    assert written.loc[~dated, "time_precision"].isna().all()
    assert set(written["iso3"].dropna()) <= {"RUS", "PRK", "KOR", "UKR", "USA", "DEU", "CHN", "GBR"}


def test_rows_follow_the_timeline_and_the_mappings(sample) -> None:
    acled = sample.to_acled()
    timeline = sample.timeline.set_index("event_id")
    for row in acled.itertuples():
        event = timeline.loc[row.event_id]
        assert row.notes == event["text"]
        assert row.kind == event["kind"]
        assert row.event_type == ACLED_YAML["kinds"][row.kind]["event_type"]
        if pd.notna(event["date"]):
            assert row.event_date == event["date"]
            assert row.time_precision == ACLED_YAML["time_precision"][event["granularity"]]
        if pd.isna(event["actor"]):
            assert pd.isna(row.actor1)
        else:
            assert row.actor1 == event["actor"]
    # a located event carries the gazetteer's place; a city is geo_precision 1
    pyongyang = acled[acled["location"] == "Pyongyang"]
    assert not pyongyang.empty
    assert set(pyongyang["geo_precision"]) == {1} and set(pyongyang["country"]) == {"North Korea"}
    assert pyongyang["latitude"].notna().all()
    kursk = acled[acled["location"] == "Kursk Oblast"]
    assert not kursk.empty and set(kursk["geo_precision"]) == {3} and set(kursk["admin1"]) == {"Kursk Oblast"}


def test_fatalities_come_from_the_claims_of_the_event_s_sentence() -> None:
    one = tk.parse_text("A missile struck near Donetsk on Oct. 3, killing six soldiers, officials said.",
                        published="2024-10-04", outlet="Test Wire")
    acled = one.to_acled()
    attack = acled[acled["kind"] == "attack"]
    assert len(attack) == 1
    assert attack["fatalities"].iloc[0] == 6 and bool(attack["fatalities_stated"].iloc[0])
    assert attack["location"].iloc[0] == "Donetsk" and attack["source"].iloc[0] == "Test Wire"
    assert attack["time_precision"].iloc[0] == 1
