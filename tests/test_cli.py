"""The command line: help, exit codes, one-line messages and summaries, output files."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from toolkit.cli import main

from conftest import INPUTS, REPO, SAMPLE


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "toolkit", *args], capture_output=True, text=True, cwd=REPO)


def test_extract_writes_articles_with_a_row_per_input_and_prints_a_summary(tmp_path):
    proc = run("extract", str(INPUTS), "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    arts = pd.read_csv(tmp_path / "articles.csv")
    assert len(arts) == 14
    counts = arts["status"].value_counts().to_dict()
    assert proc.stdout.startswith(
        f"14 articles: {counts['ok']} ok, {counts['empty']} empty, {counts['error']} error")
    assert proc.stdout.rstrip().endswith(f"-> {tmp_path}/ (csv)")
    assert proc.stderr == ""  # no progress bar when stderr is not a terminal


def test_extract_applies_published_and_outlet_defaults(tmp_path):
    assert main(["extract", str(INPUTS / "txt-no-front-matter-ok.txt"), "--out", str(tmp_path),
                 "--published", "2025-04-28", "--outlet", "Desk", "--format", "jsonl", "-q"]) == 0
    line = (tmp_path / "articles.jsonl").read_text().splitlines()[0]
    assert '"published": "2025-04-28"' in line and '"outlet": "Desk"' in line


def test_missing_path_exits_2_with_one_line_that_says_what_to_do():
    proc = run("extract", "no/such/folder")
    assert proc.returncode == 2
    assert proc.stderr == "toolkit: input not found: 'no/such/folder'; check the path (folders are read recursively)\n"


def test_unknown_format_exits_2_with_the_choices():
    proc = run("extract", str(INPUTS), "--format", "xml")
    assert proc.returncode == 2
    assert proc.stderr == ("toolkit: unknown format 'xml'; expected one of: csv, parquet, jsonl, acled "
                           "(choose one with --format)\n")


def test_bad_published_default_exits_2():
    proc = run("extract", str(INPUTS), "--published", "last tuesday")
    assert proc.returncode == 2
    assert proc.stderr == ("toolkit: published 'last tuesday' is not a date; write it as YYYY-MM-DD "
                           "(for example --published 2025-04-28)\n")


def test_no_input_exits_2_and_points_to_help():
    proc = run("extract")
    assert proc.returncode == 2
    assert proc.stderr == "toolkit: the following arguments are required: INPUT (see 'toolkit extract --help')\n"


@pytest.mark.parametrize("command", ["extract", "report"])
def test_each_command_has_help_with_an_example(command):
    proc = run(command, "--help")
    assert proc.returncode == 0
    assert "example:" in proc.stdout and f"toolkit {command} " in proc.stdout


def test_version():
    proc = run("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("toolkit 0.")


def test_report_writes_tables_into_out(tmp_path):
    proc = run("report", str(INPUTS / "md-front-matter-ok.md"), "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "tables" / "articles.csv").is_file()
    assert f"report written to {tmp_path}/" in proc.stdout


def test_a_fifo_named_on_the_command_line_is_a_row_not_input_not_found(tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe.md")
    proc = run("extract", str(tmp_path / "pipe.md"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    arts = pd.read_csv(tmp_path / "out" / "articles.csv")
    assert list(arts["error"]) == ["not a regular file but a FIFO (named pipe); only regular files are read"]


def test_max_chars_and_time_limit_are_options_with_checked_values(tmp_path):
    (tmp_path / "a.md").write_text("Troops left on Monday. " * 10)
    assert main(["extract", str(tmp_path / "a.md"), "--out", str(tmp_path / "out"), "--max-chars", "50", "-q"]) == 0
    arts = pd.read_csv(tmp_path / "out" / "articles.csv")
    assert arts.loc[0, "error"] == ("not extracted: the text has 229 characters, over the limit of 50 "
                                    "(raise it with max_chars= or --max-chars)")
    proc = run("extract", str(tmp_path), "--time-limit", "0")
    assert proc.returncode == 2
    assert proc.stderr == ("toolkit: argument --time-limit: expected a positive number, got '0' "
                           "(see 'toolkit extract --help')\n")


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["extract", "--help"], ["report", "--help"]])
def test_help_and_version_start_without_pandas(argv):
    code = ("import sys\nfrom toolkit.cli import main\ntry:\n    main(%r)\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('pandas', 'numpy', 'matplotlib') if m in sys.modules))") % (argv,)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_jobs_is_an_option_and_gives_the_same_tables(tmp_path):
    for jobs in ("1", "2"):
        assert main(["extract", str(SAMPLE), "--out", str(tmp_path / jobs), "--jobs", jobs, "-q"]) == 0
    for name in ("articles", "figures", "events", "claims", "timeline"):
        assert (tmp_path / "1" / f"{name}.csv").read_bytes() == (tmp_path / "2" / f"{name}.csv").read_bytes()
    with pytest.raises(SystemExit):
        main(["extract", str(SAMPLE), "--jobs", "0"])
