"""The pipeline's tables: contract columns and dtypes, offsets, NA handling, writing."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import toolkit as tk
from toolkit.frames import SCHEMAS

from conftest import INPUTS, SAMPLE

KIND_CHECK = {
    "str": pd.api.types.is_string_dtype,
    "int": pd.api.types.is_integer_dtype,
    "float": pd.api.types.is_float_dtype,
    "bool": pd.api.types.is_bool_dtype,
    "date": pd.api.types.is_datetime64_any_dtype,
}


def assert_contract(frame: pd.DataFrame, table: str) -> None:
    schema = SCHEMAS[table]
    assert list(frame.columns[: len(schema)]) == list(schema)
    for col, kind in schema.items():
        assert KIND_CHECK[kind](frame[col]), f"{table}.{col} has dtype {frame[col].dtype}, expected {kind}"


@pytest.fixture(scope="module")
def fixtures_corpus():
    return tk.load(INPUTS)


def test_articles_table_follows_the_contract(fixtures_corpus):
    assert_contract(fixtures_corpus.articles, "articles")
    for name in tk.available_tables():
        assert_contract(fixtures_corpus.tables[name], name)


def test_missing_values_are_na_never_the_string_nan(fixtures_corpus):
    arts = fixtures_corpus.articles
    assert arts["title"].isna().any()
    for col in ("title", "outlet", "url", "error"):
        assert not (arts[col].dropna() == "nan").any()
    assert arts.loc[arts["published_source"] == "missing", "published"].isna().all()


def test_articles_are_sorted_and_counted(fixtures_corpus):
    arts = fixtures_corpus.articles
    assert list(arts["article_id"]) == sorted(arts["article_id"])
    ok = arts[arts["status"] == "ok"]
    assert (ok["n_chars"] == ok["text"].str.len()).all()
    assert (ok["n_sentences"] > 0).all()
    bad = arts[arts["status"] != "ok"]
    assert bad["error"].notna().all()


def test_sentence_offsets_round_trip_through_load():
    corpus = tk.load(INPUTS / "html-news-page-ok.html")
    assert len(corpus.articles) == 1
    for name in tk.available_tables():
        frame = corpus.tables[name]
        text = corpus.articles.loc[0, "text"]
        for row in frame.itertuples():
            assert text[row.start:row.end] == row.text


def test_parse_text_gives_the_same_tables_for_one_string():
    one = tk.parse_text("Officials said on Monday that the ships had left.\n\nThey declined to say more.",
                        published="2024-10-21")
    arts = one.articles
    assert len(arts) == 1 and arts.loc[0, "status"] == "ok"
    assert arts.loc[0, "published"] == pd.Timestamp("2024-10-21")
    assert int(arts.loc[0, "n_sentences"]) == 2
    assert_contract(arts, "articles")


def test_parse_text_of_blank_string_is_an_empty_row():
    arts = tk.parse_text("   \n\n ").articles
    assert arts.loc[0, "status"] == "empty"


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_write_every_format_is_deterministic(tmp_path, fixtures_corpus, fmt):
    first = fixtures_corpus.write(tmp_path / "a", format=fmt)
    second = tk.load(INPUTS).write(tmp_path / "b", format=fmt)
    assert [p.name for p in first] == [p.name for p in second]
    assert first[0].name == f"articles.{fmt}"
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes()


def test_parquet_round_trip_keeps_dtypes(tmp_path, fixtures_corpus):
    (path,) = [p for p in fixtures_corpus.to_parquet(tmp_path) if p.stem == "articles"]
    back = pd.read_parquet(path)
    assert_contract(back, "articles")


def test_csv_dates_are_iso_days(tmp_path, fixtures_corpus):
    (path,) = [p for p in fixtures_corpus.to_csv(tmp_path) if p.stem == "articles"]
    back = pd.read_csv(path)
    assert "2024-10-18" in set(back["published"].dropna())


def test_unknown_format_is_refused(tmp_path, fixtures_corpus):
    with pytest.raises(tk.ToolkitError, match="unknown format 'xml'; expected one of: csv, parquet, jsonl"):
        fixtures_corpus.write(tmp_path, format="xml")


def test_seeds_publication_date_is_inferred(seeds_dir):
    if "dates" not in tk.available_tables():
        pytest.skip("needs the dates extractor")
    arts = tk.load(seeds_dir).articles
    assert len(arts) == 2
    assert (arts["published"] == pd.Timestamp("2025-04-28")).all()
    assert (arts["published_source"] == "inferred").all()


def test_sample_corpus_loads_without_errors():
    if not any(SAMPLE.rglob("*.*")):
        pytest.skip("the sample corpus is not written yet")
    arts = tk.load(SAMPLE).articles
    assert len(arts) >= 24
    assert (arts["status"] == "ok").all(), arts.loc[arts["status"] != "ok", ["article_id", "error"]]
    assert (arts["published_source"] == "metadata").all()
    assert arts["article_id"].is_unique
    assert arts["published"].min() >= pd.Timestamp(dt.date(2024, 10, 1))
