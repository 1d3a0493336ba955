"""Reading each format, and each kind of bad input, into `articles` rows."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from toolkit.errors import InputNotFound
from toolkit.read.readers import MAX_BYTES, decode_bytes, parse_date, read_articles, read_file, split_front_matter

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


# -- untrusted input (issue 11): every input a row, nothing misread silently ------------------


def _alias_bomb(levels: int = 9) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    lines.append(f"title: *a{levels - 1}")
    return "---\n" + "\n".join(lines) + "\n---\nThe body.\n"


def test_yaml_alias_bomb_is_refused_with_the_key_it_sits_under(tmp_path):
    f = tmp_path / "laughs.md"
    f.write_text(_alias_bomb())
    (art,) = read_file(f)
    assert art.status == "error"
    assert art.error == ("front matter uses a YAML alias under key 'a1' (line 3); "
                         "aliases are not accepted, write the value out")


@pytest.mark.parametrize("value, kind", [("{a: 1}", "a mapping"), ("[x, y]", "a list")])
def test_front_matter_metadata_must_be_one_value(tmp_path, value, kind):
    f = tmp_path / "meta.md"
    f.write_text(f"---\nid: m1\noutlet: {value}\n---\nThe body.\n")
    (art,) = read_file(f)
    assert (art.article_id, art.status) == ("m1", "error")
    assert art.error == f"metadata 'outlet' must be a single value (text, a number or a date), got {kind}"


def test_json_object_metadata_and_text_must_be_scalars(tmp_path):
    f = tmp_path / "objs.jsonl"
    f.write_text('{"id": "a", "title": {"x": 1}, "text": "Troops left."}\n'
                 '{"id": "b", "text": ["Troops", "left."]}\n')
    a, b = read_file(f)
    assert a.error == "line 1: metadata 'title' must be a single value (text, a number or a date), got a mapping"
    assert b.error == "line 2: 'text' must be a string, got a list"
    assert "{" not in (a.title or "")


@pytest.mark.parametrize("raw", ['{"id": NaN, "text": "Troops left."}', '{"id": null, "text": "Troops left."}'])
def test_nan_or_null_id_falls_back_to_the_file_name(tmp_path, raw):
    f = tmp_path / "no-id.json"
    f.write_text(raw)
    (art,) = read_file(f)
    assert (art.article_id, art.status) == ("no-id", "ok")


def test_csv_text_field_of_any_length_is_read(tmp_path):
    body = "Troops arrived in the city on Monday. " * 5000  # 190,000 characters
    f = tmp_path / "long.csv"
    f.write_text(f'id,text\nlong,"{body}"\n')
    (art,) = read_file(f)
    assert art.status == "ok" and art.n_chars == len(body.strip())


def test_html_fragment_in_a_json_object_is_read_as_a_page(tmp_path):
    f = tmp_path / "frag.json"
    f.write_text('{"id": "frag", "html": "<p>The ministry said on Monday that 1,500 troops had left. '
                 'It gave no other detail.</p>"}')
    (art,) = read_file(f)
    assert art.status == "ok"
    assert art.text == "The ministry said on Monday that 1,500 troops had left. It gave no other detail."


def test_utf8_with_a_few_broken_bytes_stays_utf8_with_a_warning(tmp_path):
    f = tmp_path / "mixed.txt"
    f.write_bytes("The envoy\u2019s caf\u00e9 talks".encode() + b" went \xff on \x92 late.")
    (art,) = read_file(f)
    assert art.status == "ok"
    assert art.text == "The envoy\u2019s caf\u00e9 talks went \ufffd on \ufffd late."
    assert art.warning == "2 byte sequences not valid UTF-8 (the first at byte 31) replaced with U+FFFD"


def test_a_file_that_reads_wholly_as_cp1252_is_cp1252_without_warning(tmp_path):
    f = tmp_path / "legacy.txt"
    f.write_bytes("The envoy\u2019s caf\u00e9 talks.".encode("cp1252"))
    (art,) = read_file(f)
    assert (art.text, art.warning) == ("The envoy\u2019s caf\u00e9 talks.", None)


def test_deeply_nested_json_is_an_error_row_that_says_so(tmp_path):
    f = tmp_path / "deep.json"
    f.write_text("[" * 200_000 + "]" * 200_000)
    (art,) = read_file(f)
    assert art.error == "invalid JSON: nested too deeply to read (thousands of levels)"


@pytest.mark.parametrize("value, message", [
    ("2024-13-01", "published '2024-13-01' is not a valid date (month must be in 1..12); write it as YYYY-MM-DD"),
    ("[2024]", "metadata 'published' must be a single value (text, a number or a date), got a list"),
])
def test_bad_published_error_names_the_field(tmp_path, value, message):
    f = tmp_path / "when.md"
    f.write_text(f"---\npublished: {value}\n---\nText.\n")
    (art,) = read_file(f)
    assert art.error == message


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "2262-05-01"])
def test_published_dates_of_any_era_are_read(tmp_path, day):
    f = tmp_path / "era.md"
    f.write_text(f"---\npublished: {day}\n---\nText.\n")
    (art,) = read_file(f)
    assert art.status == "ok" and art.published == dt.date.fromisoformat(day)


def _special_entries(root: Path) -> None:
    import os

    (root / "real.md").write_text("Troops left on Monday.")
    os.mkfifo(root / "pipe.txt")
    (root / "dangling.md").symlink_to(root / "nowhere.md")
    (root / "loop-a.md").symlink_to(root / "loop-b.md")
    (root / "loop-b.md").symlink_to(root / "loop-a.md")
    (root / "again.md").symlink_to(root / "real.md")
    (root / "sub").mkdir()
    (root / "sub" / "up").symlink_to(root)
    (root / "elsewhere").mkdir()
    (root / "elsewhere" / "far.txt").write_text("Talks resumed.")
    (root / "linked").symlink_to(root / "elsewhere")


def test_every_entry_under_a_folder_is_a_row_or_read_once(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    _special_entries(root)
    rows = {a.path: (a.status, a.error) for a in read_articles(root)}
    assert rows == {
        "corpus/again.md": ("ok", None),  # the link comes first in name order; real.md is the same file
        "corpus/dangling.md": ("error", f"broken symbolic link: its target {str(root / 'nowhere.md')!r} does not exist"),
        "corpus/elsewhere/far.txt": ("ok", None),
        "corpus/loop-a.md": ("error", "symbolic link loop: the link points back to itself"),
        "corpus/loop-b.md": ("error", "symbolic link loop: the link points back to itself"),
        "corpus/pipe.txt": ("error", "not a regular file but a FIFO (named pipe); only regular files are read"),
        "corpus/sub/up": ("error", "folder link loops back to a folder that contains it"),
    }


def test_a_fifo_or_broken_link_named_as_input_is_a_row_not_input_not_found(tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "gone.md").symlink_to(tmp_path / "nothing.md")
    arts = read_articles([tmp_path / "pipe.md", tmp_path / "gone.md"])
    assert [(a.path, a.status) for a in arts] == [("gone.md", "error"), ("pipe.md", "error")]


def test_duplicate_ids_and_paths_do_not_depend_on_how_the_inputs_are_named(tmp_path, monkeypatch):
    for name in ("b", "a"):
        (tmp_path / "corpus" / name).mkdir(parents=True)
        (tmp_path / "corpus" / name / "same.md").write_text(f"---\nid: same\n---\nText {name}.\n")
    monkeypatch.chdir(tmp_path)
    one = read_articles(["corpus/b/same.md", "corpus/a/same.md"])
    two = read_articles([tmp_path / "corpus" / "a" / "same.md", "./corpus/b/same.md"])
    three = read_articles([str(tmp_path / "corpus") + "/"])
    assert [(a.article_id, a.text) for a in one] == [(a.article_id, a.text) for a in two] == [
        ("same", "Text a."), ("same-2", "Text b.")]
    assert [a.path for a in three] == ["corpus/a/same.md", "corpus/b/same.md"]
    assert [a.path for a in read_articles("corpus")] == [a.path for a in three]


def test_timeml_document_gives_its_text_id_and_creation_date(tmp_path):
    f = tmp_path / "doc.tml"
    f.write_text('<?xml version="1.0" ?>\n<TimeML><DOCID>doc_1</DOCID>\n'
                 '<DCT><TIMEX3 tid="t0" type="DATE" value="1998-03-02">03/02/98</TIMEX3></DCT>\n'
                 '<TEXT>\nThe board met <TIMEX3 tid="t1" value="1998-03-01">Sunday</TIMEX3> &amp; agreed.\n</TEXT></TimeML>\n')
    (art,) = read_file(f)
    assert (art.article_id, art.published, art.text) == ("doc_1", dt.date(1998, 3, 2), "The board met Sunday & agreed.")


@pytest.mark.parametrize("value, day", [
    ("Tue, 29 Oct 2024 10:00:00 GMT", dt.date(2024, 10, 29)),  # feed and e-mail dates
    ("29.10.2024", dt.date(2024, 10, 29)),
    ("03.04.2024", dt.date(2024, 4, 3)),  # dots put the day first
    ("10/29/2024", dt.date(2024, 10, 29)),  # a slash date that can only be month first
    ("29 octobre 2024", dt.date(2024, 10, 29)),
    ("12 мая 2024", dt.date(2024, 5, 12)),
])
def test_published_metadata_in_other_shapes_and_languages(value, day):
    assert parse_date(value) == day


@pytest.mark.parametrize("value, message", [
    ("2 days ago", "published '2 days ago' is relative to the day it was read; write the day it names as YYYY-MM-DD"),
    ("03/04/2024", "published '03/04/2024' could be day/month or month/day; write it as YYYY-MM-DD"),
    ("31.02.2024", "published '31.02.2024' is not a valid date (day is out of range for month); write it as YYYY-MM-DD"),
    ("October 2024", "published 'October 2024' is not a date; write it as YYYY-MM-DD"),
])
def test_published_metadata_that_names_no_one_day_is_refused(value, message):
    with pytest.raises(ValueError) as info:
        parse_date(value)
    assert str(info.value) == message
