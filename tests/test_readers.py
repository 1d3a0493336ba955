"""Reading each format, and each kind of bad input, into `articles` rows."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from toolkit.errors import InputNotFound
from toolkit.readers import MAX_BYTES, decode_bytes, read_articles, read_file, split_front_matter

from conftest import INPUTS


def by_id(articles):
    return {a.article_id: a for a in articles}


def test_markdown_front_matter_gives_metadata_and_clean_body():
    (art,) = read_file(INPUTS / "md-front-matter-ok.md")
    assert art.status == "ok"
    assert (art.article_id, art.outlet, art.published, art.published_source) == (
        "fixture-md-1", "Lantern Wire", dt.date(2024, 10, 22), "metadata")
    assert art.text.startswith("Envoys trade accusations at the assembly\n\nA delegate")
    assert "**" not in art.text and "https://" not in art.text and "satellite images showed" in art.text


def test_text_without_front_matter_uses_file_stem_and_keeps_paragraphs():
    (art,) = read_file(INPUTS / "txt-no-front-matter-ok.txt")
    assert art.article_id == "txt-no-front-matter-ok"
    assert art.text == "Plain text with no front matter.\n\nA second paragraph follows here."
    assert art.published is None and art.published_source == "missing"


def test_malformed_front_matter_is_an_error_row_with_the_reason():
    (art,) = read_file(INPUTS / "md-bad-front-matter-error.md")
    assert art.status == "error"
    assert art.error.startswith("malformed YAML front matter")


def test_unclosed_front_matter_is_reported():
    with pytest.raises(ValueError, match="never closed"):
        split_front_matter("---\ntitle: x\nbody without the closing line\n")


def test_html_page_keeps_the_story_and_drops_page_furniture():
    (art,) = read_file(INPUTS / "html-news-page-ok.html")
    assert art.status == "ok"
    assert art.title == "Seoul says first troop contingent has left"
    assert art.outlet == "The Tidewater Courier"
    assert art.published == dt.date(2024, 10, 18)
    assert art.language == "en"
    assert "crossed to the Russian Far East" in art.text
    for furniture in ("cookie", "Skip to content", "Latest news", "Mira Okonjo", "min read",
                      "Orbital Imaging Desk", "All rights reserved", "Related", "dataLayer", "Share"):
        assert furniture not in art.text, furniture


def test_html_page_with_only_navigation_is_empty_not_dropped():
    (art,) = read_file(INPUTS / "html-nav-only-empty.html")
    assert art.status == "empty"
    assert art.error == "no body text after cleaning"
    assert art.published is None


def test_json_list_yields_one_article_per_object_with_ids():
    arts = read_file(INPUTS / "json-list-ok.json")
    assert [a.article_id for a in arts] == ["list-a", "json-list-ok-2"]
    assert all(a.status == "ok" for a in arts)


def test_broken_json_file_is_an_error_row():
    (art,) = read_file(INPUTS / "json-broken-error.json")
    assert art.status == "error" and art.error == "invalid JSON at line 2, column 1: Expecting ',' delimiter"


def test_jsonl_broken_line_becomes_error_and_other_lines_load():
    arts = read_file(INPUTS / "jsonl-one-broken-line.jsonl")
    assert [(a.article_id, a.status) for a in arts] == [
        ("wire-a", "ok"), ("jsonl-one-broken-line-2", "error"), ("jsonl-one-broken-line-3", "ok")]
    assert arts[1].error.startswith("line 2: invalid JSON")


def test_csv_short_row_becomes_error_and_other_rows_load():
    arts = read_file(INPUTS / "csv-bad-row.csv")
    assert [(a.article_id, a.status) for a in arts] == [("csv-a", "ok"), ("csv-bad-row-3", "error"), ("csv-c", "ok")]
    assert arts[0].text == "A row with a quoted, comma-bearing body."
    assert arts[1].error == "row 3 has 3 fields but the header has 4"


def test_csv_without_text_column_says_so(tmp_path):
    f = tmp_path / "meta-only.csv"
    f.write_text("id,title\na,b\n")
    (art,) = read_file(f)
    assert art.status == "error" and "no 'text' or 'html' column" in art.error


@pytest.mark.parametrize("encoding,prefix", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("cp1252", b"")])
def test_encodings_decode_to_the_same_text(tmp_path, encoding, prefix):
    body = "Café statement — “quoted” on Nov. 20."
    f = tmp_path / f"enc-{encoding}.txt"
    f.write_bytes(prefix + body.encode(encoding))  # Python's utf-16 codec writes a BOM
    (art,) = read_file(f)
    assert art.status == "ok" and art.text == body


def test_binary_file_is_an_error_row(tmp_path):
    f = tmp_path / "image.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (art,) = read_file(f)
    assert art.status == "error" and art.error.startswith("binary file")


def test_undecodable_control_bytes_are_an_error():
    with pytest.raises(Exception, match="undecodable"):
        decode_bytes(bytes(range(1, 32)) * 20 + b"\x81\x8d\x8f")


def test_empty_file_is_an_empty_row(tmp_path):
    f = tmp_path / "blank.md"
    f.write_text("")
    (art,) = read_file(f)
    assert (art.status, art.error) == ("empty", "empty file")


def test_front_matter_only_is_empty(tmp_path):
    f = tmp_path / "meta.md"
    f.write_text("---\ntitle: Nothing else\n---\n\n")
    (art,) = read_file(f)
    assert art.status == "empty" and art.title == "Nothing else"


def test_oversized_file_is_an_error_row(tmp_path):
    f = tmp_path / "huge.txt"
    with f.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    (art,) = read_file(f)
    assert art.status == "error" and art.error.startswith("file too large")


def test_unsupported_extension_is_an_error_row(tmp_path):
    f = tmp_path / "scan.pdf"
    f.write_bytes(b"%PDF-1.4")
    (art,) = read_file(f)
    assert art.status == "error" and "unsupported file type '.pdf'" in art.error


def test_bad_published_value_is_an_error_row(tmp_path):
    f = tmp_path / "when.md"
    f.write_text("---\npublished: sometime soon\n---\nText.\n")
    (art,) = read_file(f)
    assert art.status == "error" and "is not a date" in art.error


def test_folders_are_read_recursively_in_order_and_ids_made_unique(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "same.txt").write_text("One.")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "same.txt").write_text("Two.")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("Hidden.")
    arts = read_articles(tmp_path)
    assert [(a.article_id, a.text) for a in arts] == [("same", "One."), ("same-2", "Two.")]


def test_defaults_fill_missing_metadata_only():
    arts = by_id(read_articles([INPUTS / "md-front-matter-ok.md", INPUTS / "txt-no-front-matter-ok.txt"],
                               published=dt.date(2025, 1, 1), outlet="Default Desk"))
    assert arts["fixture-md-1"].outlet == "Lantern Wire"
    assert arts["fixture-md-1"].published == dt.date(2024, 10, 22)
    assert arts["txt-no-front-matter-ok"].outlet == "Default Desk"
    assert arts["txt-no-front-matter-ok"].published == dt.date(2025, 1, 1)


def test_missing_input_raises_input_not_found(tmp_path):
    with pytest.raises(InputNotFound, match="input not found"):
        read_articles([tmp_path / "nope"])


def test_every_fixture_becomes_at_least_one_row():
    arts = read_articles(INPUTS)
    paths = {Path(a.path).name for a in arts}
    assert paths == {p.name for p in INPUTS.iterdir() if p.is_file()}
    assert json.dumps(sorted({a.status for a in arts})) == '["empty", "error", "ok"]'
