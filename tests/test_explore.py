"""``toolkit explore``: the explorer notebooks served by Voilà on an analyst's corpus.

The browser side (controls redraw the chart, nothing asked of other hosts) is in
test_browser_widgets.py, which serves the bundled corpus through this command. Here: the copies
of the notebooks carry the corpus as their parameters, the served page links nothing outside
127.0.0.1, and Ctrl-C stops the server, its kernels and removes the temporary folder.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from toolkit.show import explore
from toolkit.show.explore import (EXPLORERS, VoilaMissing, free_port, listening, voila_command, voila_environment,
                                  write_explorers)

from conftest import REPO, SAMPLE

# a link or a script that the browser would fetch from a host other than 127.0.0.1
OUTSIDE_ASSET = re.compile(r"""(?:(?:src|href)\s*=\s*["']?|\bfrom\s*["']|\bimport\s*\(\s*["'])"""
                           r"""(?:https?:)?//(?!127\.0\.0\.1[:/])""", re.I)


def test_the_copies_carry_the_corpus_after_the_parameters_cell_and_no_stored_outputs(tmp_path):
    params = {"corpus_path": [str(SAMPLE)], "published": None, "outlet": None, "tables_path": str(tmp_path / "t")}
    written = write_explorers(tmp_path, params)
    assert [p.name for p in written] == list(EXPLORERS)
    for path in written:
        nb = nbformat.read(path, as_version=4)
        tags = [c.metadata.get("tags", []) for c in nb.cells]
        at = next(i for i, t in enumerate(tags) if "parameters" in t)
        assert "injected-parameters" in tags[at + 1]
        assert nb.cells[at + 1].source.splitlines() == [f"{k} = {v!r}" for k, v in params.items()]
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


def test_voila_finds_the_offline_template_first_on_its_path():
    env = voila_environment({"JUPYTER_PATH": "/elsewhere"})
    first, rest = env["JUPYTER_PATH"].split(":", 1)
    assert (Path(first) / "voila" / "templates" / "offline" / "index.html.j2").is_file()
    assert rest == "/elsewhere"
    assert "--template=offline" in voila_command("folder", 8000)


def test_without_voila_the_command_says_what_to_install(monkeypatch):
    monkeypatch.setattr(explore.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(VoilaMissing, match=r"pip install 'voila>=0\.5'"):
        voila_command("folder", 8000)


def test_explore_serves_the_explorers_offline_and_ctrl_c_stops_everything(tmp_path):
    pytest.importorskip("voila")
    articles = sorted(SAMPLE.glob("*.md"))[:3]
    port = free_port()
    log = tmp_path / "voila.log"
    proc = subprocess.Popen([sys.executable, "-m", "toolkit", "explore", *map(str, articles), f"--port={port}",
                             "-q", f"--log={log}"], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    try:
        lines = []
        deadline = time.monotonic() + 300
        while not any(line.startswith("explorers at ") for line in lines):
            line = proc.stdout.readline()
            assert line or proc.poll() is None, f"exited {proc.returncode}: {lines} {proc.stderr.read()}"
            lines.append(line)
            assert time.monotonic() < deadline, lines
        for _ in EXPLORERS:
            lines.append(proc.stdout.readline())
        summary, pages = lines[0], [line.strip() for line in lines[-len(EXPLORERS):]]
        assert summary.startswith("3 articles: 3 ok")
        folder = Path(re.search(r"-> (\S+)/tables/ \(parquet\)", summary).group(1))
        assert folder.is_dir() and sorted(p.name for p in folder.glob("*.ipynb")) == sorted(EXPLORERS)
        assert pages == [f"http://127.0.0.1:{port}/voila/render/{name}" for name in EXPLORERS]

        with urllib.request.urlopen(pages[1], timeout=600) as answer:  # sent once every cell has run
            page = answer.read().decode("utf-8")
        assert "application/vnd.jupyter.widget-view+json" in page  # the explorer is in it
        assert "Traceback" not in page, log.read_text()
        assert not OUTSIDE_ASSET.findall(page), OUTSIDE_ASSET.findall(page)

        proc.send_signal(signal.SIGINT)  # what Ctrl-C in the terminal sends
        assert proc.wait(timeout=60) == 0
        assert "explorers stopped" in proc.stderr.read()
        assert not folder.exists()
        assert not listening("127.0.0.1", port)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
