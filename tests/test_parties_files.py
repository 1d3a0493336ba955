"""Extra parties files: the sides of another conflict, read over the lexicon's parties.yaml
(``Lexicon.load(parties=)``, ``toolkit.load(..., parties=)``, ``--parties``, ``$TOOLKIT_PARTIES``).

The texts and names here are written for these tests; none is from an article.
"""

from __future__ import annotations

import pytest
import yaml

import toolkit as tk
from conftest import load_cases
from toolkit.cli import main as cli_main
from toolkit.errors import InvalidArgument, LexiconError
from toolkit.extract.parties import party_of
from toolkit.read.lexicon import PARTIES_ENV_VAR, Lexicon, clear_cache, merge_parties

# A made-up pair of states and their bodies: none of them is in data/lexicon.
RIVERLAND = {
    "parties": {"Riverland": ["Riverland Water Board", "Mara Quell"], "Hillstate": ["Hillstate Rangers"]},
    "names": {"Riverland": {"aliases": ["Port Aldo"], "demonyms": ["Riverlander", "Riverlandish"]},
              "Riverland Water Board": {"aliases": ["the Board"]},
              "Hillstate": {"demonyms": ["Hillstatian"]}},
    "unaligned_heads": ["almanac"],
}
TEXT = ("The Riverland Water Board said on Monday that 40 people had died in the floods. "
        "Hillstatian officials said 12 rangers were missing. A Riverlandish almanac put the toll at 55.")


@pytest.fixture
def parties_file(tmp_path):
    path = tmp_path / "riverland.yaml"
    path.write_text(yaml.safe_dump(RIVERLAND), encoding="utf-8")
    return path


def test_merge_adds_members_and_parties_and_unites_word_lists():
    merged = merge_parties({"parties": {"A": ["x"]}, "unaligned_heads": ["media"], "names": {"x": {}}},
                           {"parties": {"A": ["y", "x"], "B": []}, "unaligned_heads": ["media", "blog"],
                            "names": {"y": {"aliases": ["why"]}}})
    assert merged == {"parties": {"A": ["x", "y"], "B": []}, "unaligned_heads": ["media", "blog"],
                      "names": {"x": {}, "y": {"aliases": ["why"]}}}


def test_an_extra_file_adds_parties_the_lexicon_lacks(parties_file):
    lexicon = Lexicon.load(parties=parties_file)
    assert lexicon.parties_files == (str(parties_file.resolve()),)
    assert lexicon.parties["parties"]["South Korea"]  # the bundled parties are still there
    assert party_of("Riverland Water Board", lexicon=lexicon) == "Riverland"
    # the other names and the word order of a member's name ("X's Y", "the Y of X")
    assert party_of("the Board", lexicon=lexicon) == "Riverland"
    assert party_of("the water board of Riverland", lexicon=lexicon) == "Riverland"
    # a demonym or an alias carried by a name the file does not list
    assert party_of("Hillstatian officials", lexicon=lexicon) == "Hillstate"
    assert party_of("the Port Aldo city council", lexicon=lexicon) == "Riverland"
    # an unaligned head of the extra file; and nothing of the default lexicon is changed
    assert party_of("a Riverlandish almanac", lexicon=lexicon) is None
    assert party_of("Riverland Water Board") is None
    assert party_of("NIS", lexicon=lexicon) == "South Korea"


def test_load_reads_the_parties_file_into_figures_and_events(tmp_path, parties_file):
    article = tmp_path / "flood.txt"
    article.write_text(TEXT, encoding="utf-8")
    corpus = tk.load(article, published="2025-03-10", parties=parties_file, jobs=1)
    figures = corpus.figures.set_index("text")
    assert figures.loc["40 people", "party"] == "Riverland"
    assert figures.loc["40 people", "claimant"] == "Riverland Water Board"  # not renamed
    assert "Riverland" in set(corpus.events["party"].dropna())
    plain = tk.load(article, published="2025-03-10", jobs=1)
    assert plain.figures["party"].isna().all()
    one = tk.parse_text(TEXT, published="2025-03-10", parties=[parties_file])
    assert list(one.figures["party"]) == list(corpus.figures["party"])


def test_worker_processes_read_the_same_parties_file(tmp_path, parties_file):
    # eight articles on two jobs go to worker processes, which load the lexicon by its paths
    for i in range(8):
        (tmp_path / f"flood-{i}.txt").write_text(TEXT, encoding="utf-8")
    corpus = tk.load(sorted(tmp_path.glob("flood-*.txt")), published="2025-03-10", parties=parties_file, jobs=2)
    assert (corpus.figures.loc[corpus.figures["text"] == "40 people", "party"] == "Riverland").sum() == 8


def test_the_environment_variable_names_the_default_parties_files(parties_file, monkeypatch):
    monkeypatch.setenv(PARTIES_ENV_VAR, str(parties_file))
    clear_cache()
    try:
        assert party_of("Mara Quell") == "Riverland"
        assert Lexicon.load(parties=[]).parties_files == ()
    finally:
        monkeypatch.delenv(PARTIES_ENV_VAR)
        clear_cache()
    assert party_of("Mara Quell") is None


def test_a_missing_parties_file_is_named(tmp_path):
    with pytest.raises(LexiconError, match="parties file .*nowhere.yaml not found"):
        Lexicon.load(parties=tmp_path / "nowhere.yaml")
    with pytest.raises(InvalidArgument, match="nowhere.yaml not found"):
        tk.parse_text(TEXT, parties=tmp_path / "nowhere.yaml")
    with pytest.raises(InvalidArgument, match="a path or a list of paths"):
        tk.parse_text(TEXT, parties=42)


def test_extract_takes_parties_files(tmp_path, parties_file, capsys):
    article = tmp_path / "flood.txt"
    article.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "tables"
    assert cli_main(["extract", str(article), "--out", str(out), "--published", "2025-03-10", "-q",
                     "--parties", str(parties_file)]) == 0
    figures = (out / "figures.csv").read_text(encoding="utf-8")
    assert "Riverland" in figures


@pytest.mark.parametrize("case", load_cases("parties_setting"))
def test_a_body_named_by_its_office_speaks_for_its_setting(case):
    assert party_of(case["name"], text=case["text"]) == case["party"]
