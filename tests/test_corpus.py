"""The pipeline's tables: contract columns and dtypes, offsets, NA handling, writing."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import toolkit as tk
from toolkit.errors import InputNotFound, InvalidArgument
from toolkit.tables.frames import SCHEMAS

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


# -- untrusted input (issue 11) ------------------------------------------------------------------


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "2262-05-01", "1600-02-29"])
def test_publication_dates_of_any_era_reach_the_tables(tmp_path, day):
    f = tmp_path / "era.md"
    f.write_text(f"---\npublished: {day}\n---\nThe ministry said on Monday that 1,500 troops had left.\n")
    corpus = tk.load(f)
    art = corpus.articles.iloc[0]
    assert art["status"] == "ok", art["error"]
    assert art["published"] == pd.Timestamp(day)
    assert str(corpus.articles["published"].dtype) == "datetime64[s]"
    for name in ("csv", "parquet", "jsonl"):
        corpus.write(tmp_path / name, format=name)
    assert f'"published": "{day}"' in (tmp_path / "jsonl" / "articles.jsonl").read_text()


def test_a_century_far_from_now_is_a_date_not_a_crash():
    corpus = tk.parse_text("Walls like these were first built in the 11th century.", published="2024-11-01")
    assert corpus.articles.loc[0, "status"] == "ok"
    row = corpus.dates.iloc[0]
    assert (row["text"], row["value"], row["earliest"]) == ("the 11th century", "10", pd.Timestamp("1000-01-01"))


def test_jsonl_never_writes_nan_or_infinity(tmp_path):
    corpus = tk.parse_text("The ministry said 1,500 troops left.", published="2024-11-01")
    corpus.tables["figures"].loc[0, "value"] = float("inf")
    corpus.tables["figures"].loc[0, "low"] = float("nan")
    corpus.to_jsonl(tmp_path)
    line = (tmp_path / "figures.jsonl").read_text()
    assert '"value": null' in line and '"low": null' in line
    assert "Infinity" not in line and "NaN" not in line


@pytest.mark.parametrize("value, message", [
    (None, "parse_text() takes the article as str, got NoneType"),
    (b"Troops left.", "parse_text() takes the article as str, got bytes; decode it first "
                      "(for example data.decode('utf-8', errors='replace'))"),
    (42, "parse_text() takes the article as str, got int"),
])
def test_parse_text_refuses_what_is_not_text_with_a_toolkit_error(value, message):
    with pytest.raises(tk.ToolkitError) as info:
        tk.parse_text(value)
    assert str(info.value) == message
    assert isinstance(info.value, TypeError)


@pytest.mark.parametrize("value", [None, 3.5, b"data/articles"])
def test_load_refuses_what_is_not_a_path(value):
    with pytest.raises(tk.ToolkitError, match="load\\(\\) takes a path or a list of paths") as info:
        tk.load(value)
    assert isinstance(info.value, TypeError)


def test_a_bad_published_argument_is_a_value_error_naming_the_field():
    with pytest.raises(ValueError, match="^published 'soon' is not a date; write it as YYYY-MM-DD$"):
        tk.parse_text("Troops left.", published="soon")


def test_an_article_over_max_chars_is_a_row_that_names_the_limit():
    corpus = tk.parse_text("Troops left on Monday. " * 100, max_chars=500)
    art = corpus.articles.iloc[0]
    assert art["status"] == "error"
    assert art["error"] == ("not extracted: the text has 2,299 characters, over the limit of 500 "
                            "(raise it with max_chars= or --max-chars)")
    assert art["n_chars"] == 2299  # the text itself is kept
    assert corpus.figures.empty


def test_an_article_over_the_time_limit_is_a_row_and_the_run_goes_on(tmp_path, monkeypatch):
    import time

    from toolkit import extract

    def slow_on_one(step):
        if step.table != "figures":
            return step

        def run(ctx):
            if "slow" in ctx.text:
                while True:  # stands for a pass that never ends
                    time.sleep(0.01)
            return step.run(ctx)

        return extract.Step(step.table, run)

    monkeypatch.setattr(extract, "PIPELINE", tuple(slow_on_one(step) for step in extract.PIPELINE))
    (tmp_path / "a.md").write_text("A slow article: 1,500 troops left.")
    (tmp_path / "b.md").write_text("A quick article: 1,500 troops left.")
    began = time.monotonic()
    corpus = tk.load(tmp_path, time_limit=0.5)
    assert time.monotonic() - began < 30
    arts = corpus.articles.set_index("article_id")
    assert arts.loc["a", "error"] == ("figures extraction stopped: over the time limit of 0.5 s per article "
                                      "(raise it with time_limit= or --time-limit)")
    assert arts.loc["b", "status"] == "ok"
    assert list(corpus.figures["article_id"]) == ["b"]


def test_worker_processes_give_the_same_tables_in_the_same_order():
    inputs = sorted(SAMPLE.iterdir()) + [INPUTS]
    one = tk.load(inputs, jobs=1)
    two = tk.load(list(reversed(inputs)), jobs=2)
    assert len(one.articles) >= 2 * 4 * 2, "enough articles for the pool to be used"
    for name in ["articles", *one.tables]:
        pd.testing.assert_frame_equal(getattr(two, name) if name == "articles" else two.tables[name],
                                      one.articles if name == "articles" else one.tables[name])


def test_progress_counts_every_article_once_with_workers():
    seen = []
    corpus = tk.load(SAMPLE, jobs=2, progress=lambda i, n, name: seen.append((i, n)))
    assert [i for i, _ in seen] == list(range(1, len(corpus.articles) + 1))


@pytest.mark.parametrize("jobs", [0, -1, 1.5, "2", True])
def test_jobs_must_be_a_positive_int(jobs):
    with pytest.raises(InvalidArgument, match="jobs must be a positive int"):
        tk.load(SAMPLE, jobs=jobs)


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_written_tables_read_back_identical(fixtures_corpus, tmp_path, fmt):
    fixtures_corpus.write(tmp_path, format=fmt)
    again = tk.read_tables(tmp_path)
    articles = fixtures_corpus.articles
    if fmt == "csv":  # CSV writes an empty text and a missing one alike: both read back missing
        articles = articles.assign(text=articles["text"].replace("", pd.NA))
    pd.testing.assert_frame_equal(again.articles, articles)
    assert set(again.tables) == set(fixtures_corpus.tables)
    for name, frame in fixtures_corpus.tables.items():
        pd.testing.assert_frame_equal(again.tables[name], frame)


def test_reading_tables_needs_the_articles_table(tmp_path):
    with pytest.raises(InputNotFound, match="no articles table"):
        tk.read_tables(tmp_path)


def test_open_corpus_reads_tables_when_given_else_extracts(fixtures_corpus, tmp_path):
    fixtures_corpus.write(tmp_path, format="parquet")
    read = tk.open_corpus("does-not-matter", tables_path=tmp_path)
    pd.testing.assert_frame_equal(read.figures, fixtures_corpus.figures)
    extracted = tk.open_corpus(INPUTS)
    pd.testing.assert_frame_equal(extracted.figures, fixtures_corpus.figures)
