"""`toolkit report`: one self-contained, inert HTML page per notebook, an index, failures named.

The pages are checked as files here (no browser): no code, no script, no outside URL, charts
as embedded PNG, the hostile article's markup escaped. tests/test_browser_report.py opens the
same pages in Chromium.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time

import nbformat
import pytest

from toolkit.errors import InputNotFound
from toolkit.show.report import build_report, clean_output_html, find_notebooks, inject_parameters

from conftest import HOSTILE, REPO

NOTEBOOK_NAMES = [p.stem for p in find_notebooks()]
HOSTILE_MARKUP = ("window.pwned", "onerror", "onmouseover", "javascript:", "<iframe")


def page(report, stem):
    return next(p for p in report.pages if p.page.stem == stem).page.read_text(encoding="utf-8")


def test_every_notebook_becomes_a_page_linked_from_the_index(hostile_report):
    assert [p.page.stem for p in hostile_report.pages] == NOTEBOOK_NAMES
    assert all(p.ok for p in hostile_report.pages), [(p.notebook, p.failed_cell, p.error) for p in hostile_report.pages]
    index = hostile_report.index.read_text(encoding="utf-8")
    for stem in NOTEBOOK_NAMES:
        assert f'href="{stem}.html"' in index


@pytest.mark.parametrize("stem", NOTEBOOK_NAMES)
def test_a_page_has_no_code_no_script_and_no_outside_url(hostile_report, stem):
    text = page(hostile_report, stem)
    assert "<script" not in text.lower()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", text, re.IGNORECASE)
    assert "import toolkit" not in text and "corpus_path =" not in text  # inputs are not shown
    assert "default-src 'none'" in text  # the page's own policy forbids scripts and requests


@pytest.mark.parametrize("stem", NOTEBOOK_NAMES)
def test_charts_are_embedded_png_images(hostile_report, stem):
    text = page(hostile_report, stem)
    images = re.findall(r'<img[^>]*src="data:image/png;base64,([A-Za-z0-9+/=]{100,})"', text)
    assert len(images) >= 2, "each curated notebook draws at least two static charts"


def test_live_explorers_are_left_out_of_the_static_report(hostile_report):
    text = page(hostile_report, "2-troop-and-casualty-estimates")
    assert "widget-view" not in text and "widget-state" not in text
    assert "Explore" not in text  # the explorer's introduction goes with it


def test_hostile_article_text_is_shown_escaped_never_as_markup(hostile_report):
    pages = {p.page.stem: p.page.read_text(encoding="utf-8") for p in hostile_report.pages}
    pages["index"] = hostile_report.index.read_text(encoding="utf-8")
    # the hostile article reached the tables: its sentences and title are in the report ...
    assert "&lt;script&gt;window.pwned" in pages["3-sequence-of-announcements"]
    assert "&lt;b onmouseover=" in pages["3-sequence-of-announcements"]  # its outlet
    for name, text in pages.items():
        # ... but no tag of its own survived: every '<' before its markup is escaped
        for tag in re.findall(r"<[a-zA-Z][^>]*>", text):
            assert not any(bad in tag for bad in HOSTILE_MARKUP), (name, tag)


def test_clean_output_html_keeps_tables_and_escapes_everything_else():
    dirty = ('<style scoped>td {color: red}</style><table><thead><tr><th colspan="2">a</th></tr></thead>'
             '<tbody><tr><td onclick="x()">1</td><td><a href="javascript:x()">b</a></td></tr></tbody></table>'
             '<img src=x onerror=alert(1)>')
    clean = clean_output_html(dirty)
    assert "<style" not in clean and "color: red" not in clean
    assert '<th colspan="2">a</th>' in clean and "<td>1</td>" in clean
    assert "onclick" not in clean and "<a " not in clean and "<img" not in clean
    assert "&lt;img src=x onerror=alert(1)&gt;" in clean


def write_notebook(path, *sources, tags=None):
    cells = [nbformat.v4.new_markdown_cell(f"# {path.stem}")]
    cells += [nbformat.v4.new_code_cell(src) for src in sources]
    if tags:
        cells[1].metadata["tags"] = tags
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)


def test_a_failing_notebook_is_named_with_its_cell_and_the_rest_is_written(tmp_path):
    books = tmp_path / "notebooks"
    books.mkdir()
    write_notebook(books / "1-works.ipynb", 'corpus_path = "x"', "print(len(corpus_path))", tags=["parameters"])
    write_notebook(books / "2-breaks.ipynb", 'corpus_path = "x"', "1 + 1", "raise ValueError('no such table')",
                   tags=["parameters"])
    write_notebook(books / "3-after.ipynb", 'corpus_path = "x"', "print('still here')", tags=["parameters"])
    report = build_report([HOSTILE], tmp_path / "out", notebooks=books, timeout=120)
    assert [p.ok for p in report.pages] == [True, False, True]
    failed = report.failed[0]
    assert failed.failed_cell == 4  # markdown, parameters, 1 + 1, raise: counted as stored
    assert failed.error == "ValueError: no such table"
    broken = failed.page.read_text(encoding="utf-8")
    assert "failed at cell 4" in broken and "ValueError: no such table" in broken
    assert "still here" in (tmp_path / "out" / "3-after.html").read_text(encoding="utf-8")
    index = report.index.read_text(encoding="utf-8")
    assert "failed at cell 4" in index and 'href="3-after.html"' in index
    # the injected parameters reached the kernel: the path's length is printed on page 1
    assert f">{len(str(HOSTILE))}" in (tmp_path / "out" / "1-works.html").read_text(encoding="utf-8")


def test_a_cell_that_gives_no_reply_in_time_is_run_again_in_a_fresh_kernel(tmp_path, capsys):
    # the first kernel stalls past the timeout (as one that lost a reply would); the second,
    # finding the marker the first left, runs at once
    books = tmp_path / "notebooks"
    books.mkdir()
    marker = tmp_path / "first-run"
    stall = (f"import pathlib, time\nm = pathlib.Path({str(marker)!r})\n"
             "if not m.exists():\n    m.write_text('x')\n    time.sleep(30)\nprint('ran')")
    write_notebook(books / "1-stalls.ipynb", 'corpus_path = "x"', stall, tags=["parameters"])
    report = build_report([HOSTILE], tmp_path / "out", notebooks=books, timeout=3)
    assert [p.ok for p in report.pages] == [True]
    assert "ran" in report.pages[0].page.read_text(encoding="utf-8")
    assert marker.exists()


def test_an_interactive_cell_is_not_run_for_the_static_report(tmp_path):
    # the page leaves live controls out, so the report does not run them at all (they cost a
    # kernel seconds, and a widget cell is where nbclient waited for a lost reply, issue 15)
    books = tmp_path / "notebooks"
    books.mkdir()
    marker = tmp_path / "ran-the-explorer"
    write_notebook(books / "1-live.ipynb", 'corpus_path = "x"', "print('static part')",
                   f"import pathlib\npathlib.Path({str(marker)!r}).write_text('x')", "print('after it')",
                   tags=["parameters"])
    nb = nbformat.read(books / "1-live.ipynb", as_version=4)
    nb.cells[3].metadata["tags"] = ["interactive"]
    nbformat.write(nb, books / "1-live.ipynb")
    report = build_report([HOSTILE], tmp_path / "out", notebooks=books, timeout=120)
    assert [p.ok for p in report.pages] == [True]
    text = report.pages[0].page.read_text(encoding="utf-8")
    assert "static part" in text and "after it" in text
    assert not marker.exists()


def test_the_report_reads_notebooks_without_building_the_iri_parser():
    # jsonschema (under nbformat) imports rfc3987_syntax, whose grammar takes 1.7 s to build;
    # notebooks need no IRI check, so the report keeps it out, and it stays importable
    code = ("import sys\nfrom toolkit.show.report import _nbformat\nnbformat = _nbformat()\n"
            "print('rfc3987_syntax' in sys.modules)\n"
            "nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('1')])\n"
            "nbformat.validate(nb)\nimport rfc3987_syntax\nprint('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.split() == ["False", "ok"]


def test_the_kernels_start_while_the_tables_are_prepared(tmp_path):
    # the cells before the parameters run while prepare() still waits for them, and the cell
    # after them reads what prepare() wrote
    books = tmp_path / "notebooks"
    books.mkdir()
    started = tmp_path / "imports-ran"
    tables = tmp_path / "tables"
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# waits"),
        nbformat.v4.new_code_cell(f"import pathlib\npathlib.Path({str(started)!r}).write_text('x')"),
        nbformat.v4.new_code_cell('corpus_path = "x"\ntables_path = None', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("print(pathlib.Path(tables_path, 'ready.txt').read_text())"),
    ])
    nbformat.write(nb, books / "1-waits.ipynb")

    def prepare():
        deadline = time.monotonic() + 120
        while not started.exists():
            assert time.monotonic() < deadline, "the notebook's imports did not run before the tables were ready"
            time.sleep(0.05)
        tables.mkdir()
        (tables / "ready.txt").write_text("tables are here", encoding="utf-8")
        return "<p>the summary of this run</p>"

    report = build_report([HOSTILE], tmp_path / "out", notebooks=books, tables=tables, prepare=prepare, timeout=120)
    assert [p.ok for p in report.pages] == [True], report.pages
    assert "tables are here" in report.pages[0].page.read_text(encoding="utf-8")
    assert "the summary of this run" in report.index.read_text(encoding="utf-8")


def test_a_failed_preparation_is_raised_and_no_index_is_written(tmp_path):
    books = tmp_path / "notebooks"
    books.mkdir()
    write_notebook(books / "1-waits.ipynb", 'corpus_path = "x"', "print('never')", tags=["parameters"])

    def prepare():
        raise InputNotFound("no such corpus")

    with pytest.raises(InputNotFound, match="no such corpus"):
        build_report([HOSTILE], tmp_path / "out", notebooks=books, tables=tmp_path, prepare=prepare, timeout=120)
    assert not (tmp_path / "out" / "index.html").exists()


def test_inject_parameters_puts_values_after_the_parameters_cell():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import x"),
                                         nbformat.v4.new_code_cell('p = "a"', metadata={"tags": ["parameters"]}),
                                         nbformat.v4.new_code_cell("use(p)")])
    inject_parameters(nb, {"p": ["b", "c"], "q": None})
    assert [c.source for c in nb.cells] == ["import x", 'p = "a"', "p = ['b', 'c']\nq = None", "use(p)"]
    assert nb.cells[2].metadata["tags"] == ["injected-parameters"]


def test_cli_report_exits_1_and_names_the_failing_notebook(tmp_path):
    books = tmp_path / "notebooks"
    books.mkdir()
    write_notebook(books / "1-breaks.ipynb", 'corpus_path = "x"', "undefined_name", tags=["parameters"])
    proc = subprocess.run([sys.executable, "-m", "toolkit", "report", str(HOSTILE), "--out", str(tmp_path / "out"),
                           "--notebooks", str(books)], capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 1
    assert "toolkit: notebook 1-breaks.ipynb failed at cell 3: NameError: name 'undefined_name' is not defined" in proc.stderr
    assert (tmp_path / "out" / "index.html").is_file() and (tmp_path / "out" / "tables" / "figures.csv").is_file()
    assert f"open {tmp_path / 'out' / 'index.html'}" in proc.stdout


def test_one_kernel_runs_the_notebooks_in_turn_each_starting_clean(tmp_path):
    # with one kernel, the second notebook runs in the first one's process (its imports are
    # paid once) but sees none of its names, figures or pandas display options
    books = tmp_path / "notebooks"
    books.mkdir()
    write_notebook(books / "1-leaves-state.ipynb", 'corpus_path = "x"',
                   "import os, pandas as pd, matplotlib.pyplot as plt\nleft_behind = 1\n"
                   "pd.set_option('display.max_rows', 3)\nplt.figure()\nprint('pid', os.getpid())",
                   tags=["parameters"])
    write_notebook(books / "2-starts-clean.ipynb", 'corpus_path = "x"',
                   "import os, sys, pandas as pd, matplotlib.pyplot as plt\n"
                   "print('pid', os.getpid())\nprint('left', 'left_behind' in globals())\n"
                   "print('rows', pd.get_option('display.max_rows'), 'figures', len(plt.get_fignums()))\n"
                   "print('spec', hasattr(sys.modules['__main__'], '__spec__'))",
                   tags=["parameters"])
    report = build_report([HOSTILE], tmp_path / "out", notebooks=books, timeout=120, jobs=1)
    assert [p.ok for p in report.pages] == [True, True], report.pages
    first, second = (p.page.read_text(encoding="utf-8") for p in report.pages)
    pid = re.search(r"pid (\d+)", first).group(1)
    assert f"pid {pid}" in second  # the same kernel
    assert "left False" in second and "rows 60 figures 0" in second and "spec True" in second


def test_a_notebook_that_kills_its_kernel_leaves_the_next_one_a_fresh_kernel(tmp_path):
    books = tmp_path / "notebooks"
    books.mkdir()
    write_notebook(books / "1-dies.ipynb", 'corpus_path = "x"', "import os\nos._exit(3)", tags=["parameters"])
    write_notebook(books / "2-after.ipynb", 'corpus_path = "x"', "print('alive' + '!')", tags=["parameters"])
    report = build_report([HOSTILE], tmp_path / "out", notebooks=books, timeout=120, jobs=1)
    assert [p.ok for p in report.pages] == [False, True], report.pages
    assert report.pages[0].failed_cell == 3
    assert "alive!" in report.pages[1].page.read_text(encoding="utf-8")
